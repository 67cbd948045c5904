/* layout_collect — Spec blocks → flow items, in reading order.
 *
 * Each block becomes structure tags around shaped text, so the flow can
 * paginate without knowing what a paragraph or a list is. Horizontal
 * geometry is decided here: body sections hang paragraph numbers in a
 * column to the left of the text, style->number_width wide or as wide as
 * the widest number present plus style->number_gap; lists indent by
 * style->list_indent per level with the marker in the indent. */
#include <string.h>

#include "base/pngimage.h"
#include "layout_internal.h"

static const char *doc_str(Collect *c, const char *s) { return g_string_chunk_insert_const(c->doc->strings, s); }

static FlowItem *plain_add(Collect *c, LayoutTag tag, StyleRole role, const char *text, Column col) {
  SpecRun run = {.kind = RUN_TEXT, .text = text};
  SpecInline in = {.runs = &run, .n_runs = 1};
  return collect_inline(c, tag, role, &in, col, 0, 0);
}

static void marker_add(Collect *c, StyleRole role, const char *text, double x, double width) {
  FlowItem *m = flow_list_add(c->list, FLOW_MARKER);
  m->tag = LAYOUT_TAG_SPAN;
  m->layout = layout_text_plain(c->ctx, &c->style->text[role], text, width);
  m->colour = c->style->text[role].colour;
  m->x = x, m->width = width;
}

static LayoutTag heading_tag(int level) {
  static const LayoutTag tags[] = {LAYOUT_TAG_H1, LAYOUT_TAG_H2, LAYOUT_TAG_H3, LAYOUT_TAG_H4};
  return tags[CLAMP(level, 1, 4) - 1];
}

static void heading_add(Collect *c, int level, StyleRole role, const char *text, const char *id, Column col,
                        int outline_level) {
  collect_dest(c, id, text, outline_level, col.x);
  if (outline_level > 0) c->outline_level = outline_level;
  if (outline_level > 0) c->heading_level = level;
  plain_add(c, heading_tag(level), role, text, col)->keep_with_next = TRUE;
  c->previous = NULL; /* what follows a heading keeps with it already */
}

static void rule_add(Collect *c, Column col, guint32 colour, double width, double before, double after) {
  FlowItem *r = flow_list_add(c->list, FLOW_RULE);
  r->x = col.x, r->width = col.width, r->height = width;
  r->colour = colour;
  r->space_before = before, r->space_after = after;
}

/* ---- lists ------------------------------------------------------------ */

static char *roman(int n) {
  static const struct { int v; const char *s; } t[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"},
                                                       {90, "xc"},  {50, "l"},   {40, "xl"},  {10, "x"},   {9, "ix"},
                                                       {5, "v"},    {4, "iv"},   {1, "i"}};
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < G_N_ELEMENTS(t); i++)
    while (n >= t[i].v) g_string_append(s, t[i].s), n -= t[i].v;
  return g_string_free(s, FALSE);
}

static char *list_marker_text(const Collect *c, const SpecBlock *list, int n, int depth) {
  const char *m = list->marker;
  if (!list->ordered) {
    if (strcmp(m, "none") == 0) return g_strdup("");
    if (strcmp(m, "dash") == 0) return g_strdup("–");
    if (strcmp(m, "square") == 0) return g_strdup("■");
    return g_strdup(c->style->bullets[MIN(depth, 2)]);
  }
  if (strcmp(m, "a)") == 0) return g_strdup_printf("%c)", 'a' + (n - 1) % 26);
  if (strcmp(m, "i)") == 0) {
    char *r = roman(n), *s = g_strdup_printf("%s)", r);
    g_free(r);
    return s;
  }
  if (strcmp(m, "1)") == 0) return g_strdup_printf("%d)", n);
  return g_strdup_printf("%d.", n);
}

static void block_collect(Collect *c, const SpecBlock *b, Column col, int list_depth);

/* The space after a list is a paragraph's, not an item's. */
static void last_text_space_after(Collect *c, double space) {
  for (guint i = c->list->items->len; i-- > 0;) {
    FlowItem *it = g_ptr_array_index(c->list->items, i);
    if (it->kind != FLOW_TEXT) continue;
    it->space_after = MAX(it->space_after, space);
    return;
  }
}

/* The list's indent: the house style's, or wider when a marker needs it
 * ("xxviii)" in a large size), with a quarter em after it, as paragraph
 * numbers widen their column: a marker narrower than its text broke a
 * letter a line, and ran off the page. */
static double list_indent(Collect *c, const SpecBlock *list, int depth) {
  const StyleText *st = &c->style->text[STYLE_BODY];
  double indent = c->style->list_indent, need = indent;
  for (guint i = 0; i < list->n_children; i++) {
    char *mark = list_marker_text(c, list, list->start + (int)i, depth);
    /* laid out as marker_add will (the text cache keeps it for it); only a
     * marker that wraps there is measured on one line */
    PangoLayout *l = layout_text_plain(c->ctx, st, mark, indent);
    if (pango_layout_get_line_count(l) > 1) {
      PangoLayout *whole = layout_text_plain(c->ctx, st, mark, -1);
      int w;
      pango_layout_get_size(whole, &w, NULL);
      need = MAX(need, (double)w / PANGO_SCALE + st->size / 4);
      g_object_unref(whole);
    }
    g_object_unref(l);
    g_free(mark);
  }
  return need;
}

static void list_collect(Collect *c, const SpecBlock *list, Column col, int depth) {
  double indent = list_indent(c, list, depth);
  Column body = {col.x + indent, col.width - indent};
  const StyleText *st = &c->style->text[STYLE_BODY];
  /* each level indents: deep enough, the text would have no width left */
  double least = LAYOUT_MIN_COLUMN_EMS * st->size;
  if (body.width < least) {
    diag_error(c->diags, c->spec->path, list->line, list->col,
               "this list, nested %d deep, would leave its text %.1f pt wide; text needs at least %.1f pt: nest "
               "fewer lists",
               depth + 1, body.width, least);
    return;
  }
  collect_tag_begin(c, LAYOUT_TAG_L);
  for (guint i = 0; i < list->n_children; i++) {
    const SpecBlock *item = list->children[i];
    const char *list_lang = collect_lang_enter(c, item->lang);
    collect_tag_begin(c, LAYOUT_TAG_LI);
    collect_tag_begin(c, LAYOUT_TAG_LBL);
    char *mark = list_marker_text(c, list, list->start + (int)i, depth);
    marker_add(c, STYLE_BODY, mark, col.x, indent);
    g_free(mark);
    collect_tag_end(c, LAYOUT_TAG_LBL);
    collect_tag_begin(c, LAYOUT_TAG_LBODY);
    if (item->text.n_runs) {
      FlowItem *t = collect_inline(c, LAYOUT_TAG_P, STYLE_BODY, &item->text, body, item->line, item->col);
      t->space_before = st->space_after / 2;
      /* an item with paragraphs under its text is spaced like paragraphs */
      t->space_after = item->n_children ? st->space_after : st->space_after / 2;
    }
    for (guint k = 0; k < item->n_children; k++) block_collect(c, item->children[k], body, depth + 1);
    if (i + 1 == list->n_children) last_text_space_after(c, st->space_after);
    collect_tag_end(c, LAYOUT_TAG_LBODY);
    collect_tag_end(c, LAYOUT_TAG_LI);
    c->lang = list_lang;
  }
  collect_tag_end(c, LAYOUT_TAG_L);
}

/* ---- figures ---------------------------------------------------------- */

static cairo_surface_t *png_load(Collect *c, const char *path, int line, int col) {
  GError *err = NULL;
  cairo_surface_t *img = pngimage_load(path, &err);
  if (img) return img;
  diag_error(c->diags, c->spec->path, line, col, "'%s' %s", path, err->message);
  g_error_free(err);
  return NULL;
}

/* Natural size is the house style's figure dpi; the image is never wider
 * than the column or taller than the page body less room for a caption. */
static void figure_size(const Collect *c, const SpecBlock *f, cairo_surface_t *img, Column col, double *w, double *h) {
  double px_w = cairo_image_surface_get_width(img), px_h = cairo_image_surface_get_height(img);
  *w = f->width_frac > 0 ? col.width * f->width_frac : f->width_pt > 0 ? f->width_pt : px_w * 72.0 / c->style->figure.dpi;
  *w = MIN(*w, col.width);
  *h = *w * px_h / px_w;
  double body = style_body_bottom(c->style) - style_body_top(c->style) - c->style->figure.caption_room;
  if (*h > body) *w *= body / *h, *h = body;
}

static FlowItem *image_add(Collect *c, cairo_surface_t *img, const char *alt, double x, double w, double h) {
  FlowItem *fi = flow_list_add(c->list, FLOW_TAG_BEGIN);
  fi->tag = LAYOUT_TAG_FIGURE;
  fi->alt = doc_str(c, alt ? alt : "");
  FlowItem *im = flow_list_add(c->list, FLOW_IMAGE);
  im->image = img;
  im->x = x, im->width = w, im->height = h;
  im->space_before = c->style->text[STYLE_BODY].space_after;
  im->space_after = c->style->text[STYLE_CAPTION].space_before;
  collect_tag_end(c, LAYOUT_TAG_FIGURE);
  return im;
}

static void figure_collect(Collect *c, const SpecBlock *f, Column col) {
  cairo_surface_t *img = png_load(c, f->src, f->line, f->col);
  if (!img) return;
  double w, h;
  figure_size(c, f, img, col, &w, &h);
  double dpi = cairo_image_surface_get_width(img) / (w / 72.0);
  if (dpi < c->style->figure.min_dpi)
    diag_warning(c->diags, c->spec->path, f->line, f->col,
                 "image '%s' prints at %.0f dpi; %.0f dpi or more is needed for a sharp print", f->src, dpi,
                 c->style->figure.min_dpi);
  cairo_surface_t *kept = pngimage_for_print(img, w);
  cairo_surface_destroy(img);
  if (f->id) collect_dest(c, f->id, NULL, 0, col.x); /* a cross-reference target */
  FlowItem *im = image_add(c, kept, f->alt, col.x, w, h);
  if (f->text.n_runs) {
    im->keep_with_next = TRUE; /* a caption below its image never starts the next page */
    collect_inline(c, LAYOUT_TAG_CAPTION, STYLE_CAPTION, &f->text, col, f->line, f->col);
  }
}

/* ---- paragraphs and sections ----------------------------------------- */

/* The house-style role a paragraph is set in. */
static StyleRole paragraph_role(const SpecBlock *b) {
  return b->para_style == PARA_NOTE ? STYLE_NOTE : b->para_style == PARA_LEAD ? STYLE_LEAD : STYLE_BODY;
}

static void paragraph_collect(Collect *c, const SpecBlock *b, Column col) {
  StyleRole role = paragraph_role(b);
  if (!b->text.n_runs) return;
  if (b->id) collect_dest(c, b->id, NULL, 0, col.x); /* a cross-reference target */
  if (b->para_number) {
    /* The number hangs in the column left of the text, inside the P. */
    double nw = c->number_width;
    collect_tag_begin(c, LAYOUT_TAG_P);
    marker_add(c, role, b->para_number, col.x - nw, nw);
    LayoutLink *links = NULL;
    guint n_links = 0;
    PangoLayout *layout = collect_shape(c, role, &b->text, col.width, &links, &n_links, b->line, b->col);
    FlowItem *it = collect_text(c, layout, &c->style->text[role], col);
    it->links = links, it->n_links = n_links;
    collect_notes(c, it, &b->text, TRUE);
    collect_tag_end(c, LAYOUT_TAG_P);
  } else {
    collect_inline(c, LAYOUT_TAG_P, role, &b->text, col, b->line, b->col);
  }
  if (role == STYLE_NOTE) collect_space_after_body(c);
}

static void section_collect(Collect *c, const SpecBlock *s, Column col, int level, int outline_level);
static void landscape_table_collect(Collect *c, const SpecBlock *t, const Style *back);
static void slide_collect(Collect *c, const SpecBlock *s);
static void contents_collect(Collect *c, const SpecBlock *b, Column col, int level);

static void block_collect_kind(Collect *c, const SpecBlock *b, Column col, int list_depth);

/* A paragraph that ends with a colon ("Each service's figures:"), read
 * from its last run with text (a footnote's number after the colon and
 * trailing spaces do not count); the runs as they are, since a copy of
 * every paragraph's text would grow the spec's pool. */
static gboolean ends_with_colon(const SpecBlock *p) {
  for (guint i = p->text.n_runs; i-- > 0;) {
    const SpecRun *r = &p->text.runs[i];
    if (r->kind == RUN_FOOTNOTE || !r->text) continue;
    gsize n = strlen(r->text);
    while (n > 0 && g_ascii_isspace(r->text[n - 1])) n--;
    if (n > 0) return r->text[n - 1] == ':';
  }
  return FALSE;
}

/* Whether `b` belongs with the block collected just before it and keeps
 * its last line on the same page as its own start: a legend with its
 * scorecard (bind says so), and any block with the paragraph leading in
 * to it, one that ends with a colon or comes directly before a table,
 * scorecard, chart, figure or list (what it introduces). The flow's usual
 * keep-with-next rule then asks for the start of `b` (a table's header
 * and first body rows, a chart whole) beside that line. */
static gboolean keeps_with_previous(const Collect *c, const SpecBlock *b) {
  if (b->keep_with_previous) return TRUE;
  const SpecBlock *p = c->previous;
  if (!p || p->kind != BLOCK_PARAGRAPH || b->kind == BLOCK_PAGE_BREAK) return FALSE;
  return b->kind == BLOCK_TABLE || b->kind == BLOCK_CHART || b->kind == BLOCK_FIGURE || b->kind == BLOCK_LIST ||
         ends_with_colon(p);
}

/* Items collected for `b` that no block inside it claimed are `b`'s.
 * keep="together" around any block (a section keeps its own); a block
 * that belongs with the one before it (keeps_with_previous) holds on to
 * that one's last line. */
static void block_collect(Collect *c, const SpecBlock *b, Column col, int list_depth) {
  if (keeps_with_previous(c, b)) collect_keep_with_previous(c);
  c->previous = NULL; /* a block's first child follows no sibling */
  gboolean keep = b->keep_together && b->kind != BLOCK_SECTION;
  guint keep_at = keep ? collect_keep_begin(c) : 0;
  guint first = c->list->items->len;
  const SpecBlock *outer = c->at;
  const char *outer_lang = collect_lang_enter(c, b->lang);
  c->at = b;
  block_collect_kind(c, b, col, list_depth);
  c->at = outer;
  c->lang = outer_lang;
  for (guint i = first; i < c->list->items->len; i++) {
    FlowItem *it = g_ptr_array_index(c->list->items, i);
    if (!it->source) it->source = b;
  }
  if (keep) collect_keep_end(c, keep_at);
  c->previous = b;
}

static void block_collect_kind(Collect *c, const SpecBlock *b, Column col, int list_depth) {
  switch (b->kind) {
  case BLOCK_PARAGRAPH: paragraph_collect(c, b, col); break;
  case BLOCK_LIST: list_collect(c, b, col, list_depth); break;
  case BLOCK_FIGURE: figure_collect(c, b, col); break;
  case BLOCK_PAGE_BREAK: flow_list_add(c->list, FLOW_PAGE_BREAK); break;
  case BLOCK_HEADING: {
    const char *text = spec_inline_text(c->spec, &b->text);
    /* one level below the heading it is under, so that levels never skip;
     * a generated heading under another (an exception's measure under
     * the exceptions' title) one more */
    int level = CLAMP(c->heading_level + 1 + b->depth, 1, 4);
    collect_dest(c, b->id, text, 0, col.x);
    /* its own runs, not their plain text: a footnote in it kept neither its
     * mark nor its text (found by the render fuzzer) */
    collect_inline(c, heading_tag(level), STYLE_H4, &b->text, col, b->line, b->col)->keep_with_next = TRUE;
    break;
  }
  case BLOCK_SECTION: section_collect(c, b, col, b->depth + 1, b->depth + 1); break;
  case BLOCK_TABLE:
    if (b->landscape) landscape_table_collect(c, b, c->annex_turned ? c->main_style : c->style);
    else layout_table_collect(c, b, col);
    c->annex_turned = FALSE;
    break;
  case BLOCK_CHART: layout_chart_collect(c, b, col); break;
  case BLOCK_SLIDE: slide_collect(c, b); break;
  case BLOCK_CONTENTS: contents_collect(c, b, col, c->heading_level + 1); break;
  case BLOCK_SCORECARD:
  case BLOCK_LEGEND:
  case BLOCK_DEFINITIONS: /* bind made these tables */
  case BLOCK_RATING_SUMMARY:
  case BLOCK_EXCEPTIONS: /* and these ordinary blocks */
  case BLOCK_HEAT_MAP:
  case BLOCK_CHANGES:
  case BLOCK_LIST_ITEM:
  case BLOCK_TABLE_ROW:
  case BLOCK_TABLE_CELL: g_assert_not_reached();
  }
}


static char *section_title(const SpecBlock *s) {
  return s->number && s->depth == 1 ? g_strdup_printf("%s. %s", s->number, s->title)
         : s->number                ? g_strdup_printf("%s %s", s->number, s->title)
                                    : g_strdup(s->title);
}

char *layout_section_dest(const SpecBlock *s, guint annex_index) {
  if (!s) return g_strdup("report");
  if (s->id) return g_strdup(s->id);
  if (s->role == SECTION_ANNEX && s->depth == 1) return g_strdup_printf("annex-%u", annex_index);
  if (s->anchor && annex_index) return g_strdup_printf("a%u-s%s", annex_index, s->anchor);
  if (s->anchor) return g_strdup_printf("s%s", s->anchor);
  return NULL;
}

/* ---- contents list ----------------------------------------------------- */

static void contents_entry(Collect *c, const char *title, const char *dest, int level, Column col) {
  double num_w = c->style->contents.page_number_width, indent = (level - 1) * c->style->list_indent;
  Column text = {col.x + indent, col.width - indent - num_w};
  char *href = g_strconcat("#", dest, NULL);
  SpecRun run = {.kind = RUN_TEXT, .text = title, .href = href};
  SpecInline in = {.runs = &run, .n_runs = 1};
  collect_tag_begin(c, LAYOUT_TAG_TOCI);
  LayoutLink *links = NULL;
  guint n_links = 0;
  PangoLayout *layout = collect_shape(c, STYLE_BODY, &in, text.width, &links, &n_links, 0, 0);
  FlowItem *it = collect_text(c, layout, &c->style->text[STYLE_BODY], text);
  it->links = links, it->n_links = n_links;
  it->space_before = level == 1 ? c->style->text[STYLE_BODY].space_after : 0;
  it->space_after = c->style->contents.entry_space;
  FlowItem *num = flow_list_add(c->list, FLOW_MARKER); /* the page number, after the title */
  num->tag = LAYOUT_TAG_SPAN;
  num->trail = TRUE;
  num->layout = layout_text_own(layout_text_plain(c->ctx, &c->style->text[STYLE_BODY], "", -1)); /* numbered later */
  num->colour = c->style->text[STYLE_BODY].colour;
  num->x = col.x + col.width - num_w, num->width = num_w;
  char *full = g_strconcat(c->spec->dest_prefix, dest, NULL);
  num->page_ref = g_string_chunk_insert_const(c->doc->strings, full);
  g_free(full);
  collect_tag_end(c, LAYOUT_TAG_TOCI);
  g_free(href);
}

static void contents_sections(Collect *c, const SpecBlock *parent, guint annex, int level, int depth, Column col) {
  for (guint i = 0; parent && i < parent->n_children; i++) {
    const SpecBlock *s = parent->children[i];
    char *dest = s->kind == BLOCK_SECTION ? layout_section_dest(s, annex) : NULL;
    if (dest) {
      char *title = section_title(s);
      contents_entry(c, title, dest, level, col);
      g_free(title);
      if (level < depth) contents_sections(c, s, annex, level + 1, depth, col);
    }
    g_free(dest);
  }
}

/* Entries for the body's sections and the annexes, each with the page
 * number of its destination (filled in after pagination). Its heading is
 * one level below the heading it comes under (H2 on the front sheet, H4
 * in a section headed H3), so that no level is skipped. */
static void contents_collect(Collect *c, const SpecBlock *b, Column col, int level) {
  collect_tag_begin(c, LAYOUT_TAG_SECT);
  heading_add(c, level, STYLE_FRONT_HEADING, b->title, b->id, col, level);
  collect_tag_begin(c, LAYOUT_TAG_TOC);
  if (c->spec->body) {
    contents_entry(c, c->spec->body_title, "report", 1, col);
    contents_sections(c, c->spec->body, 0, 2, b->contents_depth + 1, col);
  }
  for (guint i = 0; i < c->spec->n_annexes; i++) {
    const SpecBlock *a = c->spec->annexes[i];
    char *title = g_strdup_printf("%s: %s", a->label, a->title), *dest = layout_section_dest(a, i + 1);
    contents_entry(c, title, dest, 1, col);
    if (b->contents_depth > 1) contents_sections(c, a, i + 1, 2, 2, col);
    g_free(title);
    g_free(dest);
  }
  collect_tag_end(c, LAYOUT_TAG_TOC);
  collect_tag_end(c, LAYOUT_TAG_SECT);
}

/* Body sections: headings at the page margin, content in the text column. */
static void section_collect(Collect *c, const SpecBlock *s, Column col, int level, int outline_level) {
  guint keep = s->keep_together ? collect_keep_begin(c) : 0;
  double left = c->style->margin_left;
  Column head = {left, col.x + col.width - left};
  char *title = section_title(s);
  char *dest = layout_section_dest(s, c->annex_index);
  const char *outer_lang = collect_lang_enter(c, s->lang);
  collect_tag_begin(c, LAYOUT_TAG_SECT);
  const SpecBlock *outer = c->at;
  c->at = s;
  heading_add(c, level, style_heading_role(level), title, dest, head, outline_level);
  g_free(dest);
  const char *outer_heading = c->section_heading;
  c->section_heading = title;
  for (guint i = 0; i < s->n_children; i++) {
    const SpecBlock *b = s->children[i];
    if (b->kind == BLOCK_SECTION) section_collect(c, b, col, level + 1, outline_level + 1);
    else block_collect(c, b, col, 0);
    c->heading_level = level; /* a subsection's heading does not change this section's */
  }
  c->section_heading = outer_heading;
  g_free(title);
  c->at = outer;
  collect_tag_end(c, LAYOUT_TAG_SECT);
  c->lang = outer_lang;
  if (s->keep_together) collect_keep_end(c, keep);
}

/* ---- front sheet ------------------------------------------------------ */

static Column full_column(const Collect *c) { return (Column){c->style->margin_left, style_body_width(c->style)}; }

/* One of the report's fixed labels, in its language ("" in a model bind
 * has not seen). */
static const char *report_label(const Collect *c, SpecLabel label) {
  const char *word = spec_label(&c->spec->meta, NULL, label);
  return word ? word : "";
}

/* "Label: value" with the label in the label style ("" alone: the value). */
static void labelled_add(Collect *c, const char *label, const char *value) {
  char *head = *label ? g_strdup_printf("%s: ", label) : g_strdup("");
  SpecRun runs[2] = {{.kind = RUN_TEXT, .style = RUN_STYLE_BOLD, .text = doc_str(c, head)}, {.kind = RUN_TEXT, .text = value}};
  SpecInline in = {.runs = runs, .n_runs = 2};
  collect_inline(c, LAYOUT_TAG_P, STYLE_BODY, &in, full_column(c), 0, 0);
  g_free(head);
}

static void front_matter_collect(Collect *c) {
  const SpecMeta *m = &c->spec->meta;
  Column full = full_column(c);
  collect_tag_begin(c, LAYOUT_TAG_SECT);
  if (m->agenda_item) {
    char *t = g_strdup_printf("%s %s", report_label(c, SPEC_LABEL_AGENDA_ITEM), m->agenda_item);
    plain_add(c, LAYOUT_TAG_P, STYLE_MEETING, t, full);
    g_free(t);
  }
  plain_add(c, LAYOUT_TAG_P, STYLE_MEETING, m->committee, full);
  plain_add(c, LAYOUT_TAG_P, STYLE_MEETING, m->date_long, full);
  rule_add(c, full, c->style->accent_colour, c->style->rule_width * 2, 6, 0);
  heading_add(c, 1, STYLE_TITLE, m->title, NULL, full, 1);
  if (m->wards) labelled_add(c, report_label(c, SPEC_LABEL_WARDS), m->wards);
  for (int i = 0; m->portfolios && m->portfolios[i]; i++)
    labelled_add(c, i == 0 ? report_label(c, spec_portfolios_label(m)) : "", m->portfolios[i]);
  collect_tag_end(c, LAYOUT_TAG_SECT);
}

static void person_link_add(Collect *c, const char *symbol, const char *text, const char *href, Column col) {
  SpecRun runs[2] = {{.kind = RUN_TEXT, .text = symbol}, {.kind = RUN_TEXT, .text = text, .href = href}};
  SpecInline in = {.runs = runs, .n_runs = 2};
  FlowItem *it = collect_inline(c, LAYOUT_TAG_P, STYLE_BODY, &in, col, 0, 0);
  it->space_after = c->style->contact_space;
}

/* Name – role, telephone and a mailto link, under a heading. */
/* The block is kept whole on one page: split, it left a page holding
 * three lines of it. */
static void person_collect(Collect *c, const char *heading, const SpecPerson *p, int outline_level) {
  Column full = full_column(c);
  guint keep = collect_keep_begin(c);
  collect_tag_begin(c, LAYOUT_TAG_SECT);
  heading_add(c, 2, STYLE_FRONT_HEADING, heading, NULL, full, outline_level);
  const SpecMeta *m = &c->spec->meta;
  if (p == &m->contact && m->signature_src) {
    cairo_surface_t *img = png_load(c, m->signature_src, 0, 0);
    if (img) {
      double w = MIN(m->signature_width_pt > 0 ? m->signature_width_pt : c->style->signature_width, full.width);
      double h = w * cairo_image_surface_get_height(img) / cairo_image_surface_get_width(img);
      double most = style_body_bottom(c->style) - style_body_top(c->style) - c->style->figure.caption_room;
      if (h > most) w *= most / h, h = most; /* a tall signature image still fits the page */
      cairo_surface_t *kept = pngimage_for_print(img, w);
      cairo_surface_destroy(img);
      image_add(c, kept, m->signature_alt, full.x, w, h);
    }
  }
  char *who = p->role ? g_strdup_printf("%s – %s", p->name, p->role) : g_strdup(p->name);
  plain_add(c, LAYOUT_TAG_P, STYLE_BODY, who, full)->space_after = c->style->contact_space;
  g_free(who);
  if (p->phone) person_link_add(c, "☎ ", p->phone, NULL, full);
  if (p->email) {
    char *mailto = g_strconcat("mailto:", p->email, NULL);
    person_link_add(c, "✉ ", p->email, doc_str(c, mailto), full);
    g_free(mailto);
  }
  collect_tag_end(c, LAYOUT_TAG_SECT);
  collect_keep_end(c, keep);
}

static void front_sheet_collect(Collect *c) {
  Column full = full_column(c);
  const SpecBlock *front = c->spec->front;
  for (guint i = 0; front && i < front->n_children; i++) {
    const SpecBlock *s = front->children[i];
    if (s->kind == BLOCK_CONTENTS) {
      contents_collect(c, s, full, 2);
      continue;
    }
    const char *outer_lang = collect_lang_enter(c, s->lang);
    collect_tag_begin(c, LAYOUT_TAG_SECT);
    heading_add(c, 2, STYLE_FRONT_HEADING, s->title, s->id, full, 2);
    for (guint k = 0; k < s->n_children; k++) block_collect(c, s->children[k], full, 0);
    collect_tag_end(c, LAYOUT_TAG_SECT);
    c->lang = outer_lang;
  }
  if (c->spec->meta.contact.name) person_collect(c, report_label(c, SPEC_LABEL_CONTACT), &c->spec->meta.contact, 2);
}

/* Widest paragraph number under `b`, shaped as it will print. */
static double numbers_widest(Collect *c, const SpecBlock *b) {
  double widest = 0;
  if (b->kind == BLOCK_PARAGRAPH && b->para_number) {
    PangoLayout *l = layout_text_plain(c->ctx, &c->style->text[paragraph_role(b)], b->para_number, -1);
    int w;
    pango_layout_get_size(l, &w, NULL);
    widest = (double)w / PANGO_SCALE;
    g_object_unref(l);
  }
  for (guint i = 0; i < b->n_children; i++) {
    double inner = numbers_widest(c, b->children[i]); /* once: MAX evaluates its arguments twice */
    widest = MAX(widest, inner);
  }
  return widest;
}

/* The number column: the house style's width, or wider when the numbers
 * present ("3.4.1.1") need it, always with the style's gap before the text. */
static double number_column_width(Collect *c, const SpecBlock *body) {
  double needed = numbers_widest(c, body) + c->style->number_gap;
  return MAX(c->style->number_width, needed);
}

static void body_collect(Collect *c) {
  const SpecBlock *body = c->spec->body;
  if (!body) return;
  Column full = full_column(c);
  double nw = c->number_width = number_column_width(c, body);
  Column text = {full.x + nw, full.width - nw};
  /* the report starts a page after a front sheet, not after the title
   * alone: a briefing note without one begins under its heading */
  const SpecBlock *front = c->spec->front;
  if ((front && front->n_children) || c->spec->meta.contact.name) flow_list_add(c->list, FLOW_PAGE_BREAK);
  collect_tag_begin(c, LAYOUT_TAG_SECT);
  heading_add(c, 1, STYLE_H1, c->spec->body_title, "report", full, 1);
  for (guint i = 0; i < body->n_children; i++) {
    const SpecBlock *b = body->children[i];
    if (b->kind == BLOCK_SECTION) section_collect(c, b, text, 2, 2);
    else block_collect(c, b, full, 0);
    if (c->between) c->between(c->between_data);
  }
  if (c->spec->meta.author.name) person_collect(c, report_label(c, SPEC_LABEL_AUTHOR), &c->spec->meta.author, 2);
  collect_tag_end(c, LAYOUT_TAG_SECT);
}

static FlowItem *page_break_add(Collect *c, const Style *style) {
  FlowItem *br = flow_list_add(c->list, FLOW_PAGE_BREAK);
  br->style = style;
  c->style = style;
  return br;
}

static gboolean is_landscape(const Style *style) { return style->page_width >= style->page_height; }

/* A slide: a page of its own. A title slide centres its title and lines. */
/* Height the items from `start` on take when laid out in one column. */
static double items_height(const Collect *c, guint start) {
  double h = 0, after = 0;
  gboolean first = TRUE;
  for (guint i = start; i < c->list->items->len; i++) {
    const FlowItem *it = g_ptr_array_index(c->list->items, i);
    double ih = it->height;
    if (it->kind == FLOW_TEXT) {
      int lh;
      pango_layout_get_size(it->layout, NULL, &lh);
      ih = (double)lh / PANGO_SCALE;
    } else if (it->kind != FLOW_IMAGE && it->kind != FLOW_RULE && it->kind != FLOW_ROW && it->kind != FLOW_SPACE) {
      continue;
    }
    h += (first ? 0 : MAX(after, it->space_before)) + ih;
    after = it->space_after;
    first = FALSE;
  }
  return h;
}

static void slide_items(Collect *c, const SpecBlock *s) {
  Column full = full_column(c);
  if (s->title_slide) {
    /* a title slide's title sits a third of the way down, not at the top */
    flow_list_add(c->list, FLOW_SPACE)->height = (style_body_bottom(c->style) - style_body_top(c->style)) / 4;
    heading_add(c, 2, STYLE_TITLE, s->title, s->id, full, 2);
    for (guint k = 0; k < s->n_children; k++) {
      const SpecBlock *b = s->children[k];
      if (b->kind == BLOCK_PARAGRAPH) collect_inline(c, LAYOUT_TAG_P, STYLE_LEAD, &b->text, full, b->line, b->col);
      else block_collect(c, b, full, 0);
    }
  } else {
    heading_add(c, 2, STYLE_H1, s->title, s->id, full, 2);
    for (guint k = 0; k < s->n_children; k++) block_collect(c, s->children[k], full, 0);
  }
}

/* A slide shrunk to fit is scaled a little below the exact ratio, because
 * line heights do not scale exactly with the font size; after this many
 * tries it is left as it is (and runs over). */
#define SLIDE_SHRINK_SLACK 0.97
#define SLIDE_SHRINK_TRIES 4

/* A slide is one page: when its content is taller than the page, it is
 * laid out again in a proportionally smaller copy of the style. */
static void slide_collect(Collect *c, const SpecBlock *s) {
  if (!c->skip_slide_break) page_break_add(c, c->style);
  c->skip_slide_break = FALSE;
  collect_tag_begin(c, LAYOUT_TAG_SECT);
  const Style *page_style = c->style;
  double body = style_body_bottom(page_style) - style_body_top(page_style);
  guint start = c->list->items->len;
  slide_items(c, s);
  /* never below the smallest size a house style may have: Pango and the
   * reader need text that is there */
  double smallest = page_style->text[STYLE_BODY].size;
  for (int r = 0; r < STYLE_COUNT; r++)
    if (r != STYLE_HEADER && r != STYLE_FOOTER) smallest = MIN(smallest, page_style->text[r].size); /* not scaled */
  double k_min = MIN(STYLE_MIN_TEXT_SIZE / smallest, 1);
  for (int attempt = 0; attempt < SLIDE_SHRINK_TRIES; attempt++) {
    double h = items_height(c, start);
    if (h <= body) break;
    double k = (c->style->text[STYLE_BODY].size / page_style->text[STYLE_BODY].size) * body / h * SLIDE_SHRINK_SLACK;
    if (c->style != page_style && k <= k_min) break; /* already as small as it may be */
    if (k < k_min) {
      diag_warning(c->diags, c->spec->path, s->line, s->col,
                   "this slide does not fit one page even with its text at %g pt: it runs over onto the next",
                   STYLE_MIN_TEXT_SIZE);
      k = k_min;
    }
    g_ptr_array_set_size(c->list->items, start);
    Style *smaller = style_scaled(page_style, k);
    g_ptr_array_add(c->doc->styles, smaller);
    c->style = smaller;
    slide_items(c, s);
  }
  c->style = page_style;
  collect_tag_end(c, LAYOUT_TAG_SECT);
}

static const Style *annex_style(Collect *c, const SpecBlock *a) {
  const Style *st = a->layout && c->styles ? g_hash_table_lookup(c->styles, a->layout) : NULL;
  return st ? st : c->main_style;
}

/* `style` on turned pages, freed with the doc. */
static const Style *landscape_style(Collect *c, const Style *style) {
  if (style->page_width >= style->page_height) return style;
  Style *turned = style_landscape(style);
  g_ptr_array_add(c->doc->styles, turned);
  return turned;
}

/* A table too wide for the portrait page, on landscape pages of its own
 * across the full width (already turned: an annex that opens with it has
 * its heading on the first of them); the report goes on in `back` after
 * it, a break dropped when nothing follows (no blank last page). */
static void landscape_table_collect(Collect *c, const SpecBlock *t, const Style *back) {
  if (!is_landscape(c->style)) page_break_add(c, landscape_style(c, c->style));
  layout_table_collect(c, t, full_column(c));
  page_break_add(c, back)->soft = TRUE;
}

/* An annex starts a page with its heading; one in another house style or
 * orientation gets that heading on a title page of its own, unless
 * title-page="no". */
static void annex_collect(Collect *c, const SpecBlock *a, guint index) {
  /* an annex that opens with a landscape table starts on its first page */
  const SpecBlock *first = a->n_children ? a->children[0] : NULL;
  gboolean turned = first && first->kind == BLOCK_TABLE && first->landscape && !a->layout && !a->landscape;
  page_break_add(c, turned ? landscape_style(c, c->main_style) : c->main_style);
  c->annex_turned = turned;
  const char *outer_lang = collect_lang_enter(c, a->lang);
  collect_tag_begin(c, LAYOUT_TAG_SECT);
  char *heading = g_strdup_printf("%s: %s", a->label, a->title);
  char *dest = layout_section_dest(a, index);
  c->at = a;
  c->annex_index = index;
  const Style *own = annex_style(c, a);
  if (a->landscape) own = landscape_style(c, own);
  if (own != c->main_style && a->no_title_page) {
    page_break_add(c, own);
    heading_add(c, 1, STYLE_H1, heading, dest, full_column(c), 1);
    c->skip_slide_break = TRUE; /* a first slide shares the heading's page */
  } else if (own != c->main_style) {
    /* a title page of its own before pages in another style */
    flow_list_add(c->list, FLOW_SPACE)->height = (style_body_bottom(c->style) - style_body_top(c->style)) / 3;
    rule_add(c, full_column(c), c->style->accent_colour, c->style->rule_width * 2, 0, 8);
    heading_add(c, 1, STYLE_TITLE, heading, dest, full_column(c), 1);
    page_break_add(c, own);
  } else {
    heading_add(c, 1, STYLE_H1, heading, dest, full_column(c), 1);
  }
  g_free(dest);
  c->section_heading = heading;
  for (guint k = 0; k < a->n_children; k++) {
    const SpecBlock *b = a->children[k];
    if (b->kind == BLOCK_SLIDE) slide_collect(c, b);
    else if (b->kind == BLOCK_SECTION) section_collect(c, b, full_column(c), 2, 2);
    else block_collect(c, b, full_column(c), 0);
    if (c->between) c->between(c->between_data);
  }
  c->section_heading = NULL;
  g_free(heading);
  collect_tag_end(c, LAYOUT_TAG_SECT);
  c->lang = outer_lang;
  c->style = c->main_style;
  c->skip_slide_break = FALSE;
}

/* A break back to portrait after the report's last landscape table has
 * nothing to open a page for: dropped, so the paper ends on the table. */
static void soft_break_at_end_drop(FlowList *list) {
  for (guint i = list->items->len; i-- > 0;) {
    const FlowItem *it = g_ptr_array_index(list->items, i);
    if (it->kind == FLOW_PAGE_BREAK && it->soft) {
      g_ptr_array_remove_index(list->items, i);
      return;
    }
    if (it->kind != FLOW_TAG_END) return; /* content after it: it opens that content's page */
  }
}

void layout_collect(FlowList *list, Spec *spec, const Style *style, GHashTable *styles, PangoContext *ctx,
                    LayoutDoc *doc, DiagList *diags, const GPtrArray *note_numbers, CollectBetween between,
                    gpointer between_data) {
  Collect c = {.list = list, .spec = spec, .lang = spec->lang, .style = style, .main_style = style,
               .styles = styles, .ctx = ctx, .doc = doc, .diags = diags, .number_width = style->number_width, .note_numbers = note_numbers,
               .between = between, .between_data = between_data};
  layout_grids_find(&c);
  collect_tag_begin(&c, LAYOUT_TAG_DOCUMENT);
  front_matter_collect(&c);
  front_sheet_collect(&c);
  body_collect(&c);
  for (guint i = 0; i < spec->n_annexes; i++) annex_collect(&c, spec->annexes[i], i + 1);
  soft_break_at_end_drop(list);
  collect_tag_end(&c, LAYOUT_TAG_DOCUMENT);
  layout_grids_free(&c);
}
