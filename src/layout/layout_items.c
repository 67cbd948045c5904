/* layout_items — the flow items: the FlowList that collect fills and flow
 * reads, and the primitives every collect file appends with (tags,
 * destinations, captions, shaped text).
 *
 * Owns each FlowItem and what it holds (its PangoLayout, image and table
 * row); link arrays belong to the doc (doc->owned), because the boxes that
 * flow makes share them. Below collect, table and chart in the dependency
 * order (layout_internal.h): it calls only layout_text, never back up. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/fonts.h"
#include "layout_internal.h"

static void flow_item_clear(gpointer p) {
  FlowItem *it = p;
  if (!it) return; /* dropped */
  if (it->layout) g_object_unref(it->layout);
  if (it->image) cairo_surface_destroy(it->image);
  if (it->head_rows) g_ptr_array_free(it->head_rows, TRUE);
  if (it->notes) g_ptr_array_free(it->notes, TRUE);
  if (it->row) {
    for (guint i = 0; i < it->row->n_cells; i++)
      if (it->row->cells[i].layout) g_object_unref(it->row->cells[i].layout);
    g_free(it->row->cells);
    g_free(it->row);
  }
  g_free(it);
  /* links are shared with the boxes: the doc owns them (doc->owned) */
}

void flow_list_drop(FlowList *list, guint i) {
  flow_item_clear(g_ptr_array_index(list->items, i));
  g_ptr_array_index(list->items, i) = NULL;
}

FlowList *flow_list_new(void) {
  FlowList *l = g_new0(FlowList, 1);
  l->items = g_ptr_array_new_with_free_func(flow_item_clear);
  return l;
}

void flow_list_free(FlowList *list) {
  if (!list) return;
  g_ptr_array_free(list->items, TRUE);
  g_free(list);
}

FlowItem *flow_list_add(FlowList *list, FlowItemKind kind) {
  FlowItem *it = g_new0(FlowItem, 1);
  it->kind = kind;
  g_ptr_array_add(list->items, it);
  return it;
}

/* ---- collect primitives ------------------------------------------------ */

static const char *doc_str(Collect *c, const char *s) { return g_string_chunk_insert_const(c->doc->strings, s); }

static gboolean lang_differs(const char *a, const char *b) { return a && b && g_ascii_strcasecmp(a, b) != 0; }

/* Each element in another language than the document's says so itself
 * (its /Lang), not only the outermost: a reader lands on any of them. */
void collect_tag_begin(Collect *c, LayoutTag tag) {
  FlowItem *it = flow_list_add(c->list, FLOW_TAG_BEGIN);
  it->tag = tag;
  if (lang_differs(c->lang, c->spec->lang)) it->lang = g_string_chunk_insert_const(c->doc->strings, c->lang);
}

const char *collect_lang_enter(Collect *c, const char *lang) {
  const char *outer = c->lang;
  if (lang) c->lang = lang;
  return outer;
}
void collect_tag_end(Collect *c, LayoutTag tag) { flow_list_add(c->list, FLOW_TAG_END)->tag = tag; }

guint collect_keep_begin(Collect *c) {
  flow_list_add(c->list, FLOW_KEEP);
  return c->list->items->len - 1;
}

void collect_keep_end(Collect *c, guint keep) {
  FlowItem *k = g_ptr_array_index(c->list->items, keep);
  k->keep_end = c->list->items->len;
}

static void note_free(gpointer p) {
  FlowNote *n = p;
  g_object_unref(n->layout);
  g_free(n);
}

const char *collect_note_text(const Collect *c, const SpecRun *r) {
  guint n = (guint)atoi(r->text);
  return c->note_numbers && n >= 1 && n <= c->note_numbers->len ? g_ptr_array_index(c->note_numbers, n - 1) : r->text;
}

/* A footnote is set whole at the foot of the page of its reference, so
 * one taller than half the page body is refused at the <footnote>: with
 * its line and the notes before it, it could fit on no page. */
static gboolean note_fits(Collect *c, const SpecRun *r, const FlowNote *n) {
  int h;
  pango_layout_get_size(n->layout, NULL, &h);
  double tall = (double)h / PANGO_SCALE, body = style_body_bottom(c->style) - style_body_top(c->style);
  if (tall <= body / 2) return TRUE;
  diag_error(c->diags, c->spec->path, r->line, r->col,
             "the footnote is %.1f pt tall, more than half the page body (%.1f pt): a footnote is set whole at the "
             "foot of its page; shorten it, or move its text into the report",
             tall, body / 2);
  return FALSE;
}

void collect_notes(Collect *c, FlowItem *it, const SpecInline *in, gboolean in_item) {
  guint offset = 0;
  Column full = {c->style->margin_left, style_body_width(c->style)};
  for (guint i = 0; i < in->n_runs; i++) {
    const SpecRun *r = &in->runs[i];
    const char *text_of = r->kind == RUN_FOOTNOTE ? collect_note_text(c, r) : r->text;
    guint len = r->kind == RUN_BREAK ? 3 : text_of ? (guint)strlen(text_of) : 0;
    if (r->kind == RUN_FOOTNOTE) {
      FlowNote *n = g_new0(FlowNote, 1);
      n->index = in_item ? (int)offset : -1;
      n->number = (guint)atoi(r->text);
      char *text = g_strdup_printf("%s  %s", text_of, r->note);
      n->layout = layout_text_plain(c->ctx, &c->style->text[STYLE_NOTE], text, full.width);
      g_free(text);
      if (note_fits(c, r, n)) {
        if (!it->notes) it->notes = g_ptr_array_new_with_free_func(note_free);
        g_ptr_array_add(it->notes, n);
      } else {
        note_free(n);
      }
    }
    offset += len;
  }
}

void collect_keep_with_previous(Collect *c) {
  for (guint i = c->list->items->len; i-- > 0;) {
    FlowItem *it = g_ptr_array_index(c->list->items, i);
    if (it->kind == FLOW_TEXT || it->kind == FLOW_ROW || it->kind == FLOW_IMAGE || it->kind == FLOW_RULE) {
      it->keep_with_next = TRUE;
      return;
    }
    if (it->kind == FLOW_PAGE_BREAK) return;
  }
}

void collect_space_after_body(Collect *c) {
  for (guint i = c->list->items->len; i-- > 0;) {
    FlowItem *it = g_ptr_array_index(c->list->items, i);
    if (it->kind == FLOW_TEXT || it->kind == FLOW_ROW || it->kind == FLOW_IMAGE || it->kind == FLOW_RULE) {
      it->space_after = MAX(it->space_after, c->style->text[STYLE_BODY].space_after);
      return;
    }
  }
}

/* A character no font has would print as a box: an error unless the
 * report says missing-glyphs="warning". */
static void check_missing_glyphs(Collect *c, PangoLayout *layout, int line, int col) {
  int unknown = 0;
  char *chars = fonts_unknown_chars(layout, &unknown);
  if (!chars) return;
  diag_add(c->diags, c->spec->missing_glyphs_warn ? DIAG_WARNING : DIAG_ERROR, c->spec->path, line, col,
           "%d character%s (%s) cannot be shown in any of boardpack's fonts and would print as boxes", unknown,
           unknown == 1 ? "" : "s", chars);
  g_free(chars);
}

/* Whether the layout's text has language attributes (collect_shape's). */
static gboolean has_languages(PangoLayout *layout) {
  PangoAttrList *attrs = pango_layout_get_attributes(layout);
  GSList *all = attrs ? pango_attr_list_get_attributes(attrs) : NULL;
  gboolean found = FALSE;
  for (GSList *l = all; l && !found; l = l->next) found = ((PangoAttribute *)l->data)->klass->type == PANGO_ATTR_LANGUAGE;
  g_slist_free_full(all, (GDestroyNotify)pango_attribute_destroy);
  return found;
}

FlowItem *collect_text(Collect *c, PangoLayout *layout, const StyleText *st, Column col) {
  FlowItem *it = flow_list_add(c->list, FLOW_TEXT);
  it->tag = LAYOUT_TAG_SPAN;
  if (has_languages(layout)) it->lang = g_string_chunk_insert_const(c->doc->strings, c->lang ? c->lang : c->spec->lang);
  it->layout = layout;
  it->x = col.x, it->width = col.width;
  it->space_before = st->space_before, it->space_after = st->space_after;
  it->colour = st->colour;
  return it;
}

/* Where Pango may break a line after `ch` without hyphenating: spaces,
 * hyphens, dashes, ideographs. Between two of these lies one "word". */
static gboolean breaks_after(gunichar ch) {
  switch (g_unichar_break_type(ch)) {
  case G_UNICODE_BREAK_SPACE:
  case G_UNICODE_BREAK_ZERO_WIDTH_SPACE:
  case G_UNICODE_BREAK_AFTER:
  case G_UNICODE_BREAK_HYPHEN:
  case G_UNICODE_BREAK_BEFORE_AND_AFTER:
  case G_UNICODE_BREAK_IDEOGRAPHIC:
  case G_UNICODE_BREAK_MANDATORY:
  case G_UNICODE_BREAK_LINE_FEED:
  case G_UNICODE_BREAK_CARRIAGE_RETURN:
  case G_UNICODE_BREAK_NEXT_LINE: return TRUE;
  default: return FALSE;
  }
}

typedef struct {
  double char_width;  /* an estimate: 0.6 em */
  double width;       /* the column, or <= 0 for one line */
  glong chars;
  double break_work;  /* how much Pango reshapes to break words between letters */
  glong worst_word;   /* the word that costs most */
  GString *start;     /* the first few characters, to name the text in a message */
} TextSize;

/* Pango reshapes the rest of a word at each break inside it. */
static void word_end(TextSize *ts, glong word) {
  if (ts->width <= 0 || word == 0) return;
  double pieces = ceil(word * ts->char_width / ts->width);
  if (pieces <= 1) return;
  ts->break_work += (double)word * (pieces - 1);
  ts->worst_word = MAX(ts->worst_word, word);
}

static void text_size(const SpecInline *in, TextSize *ts) {
  glong word = 0;
  for (guint i = 0; i < in->n_runs; i++) {
    const SpecRun *r = &in->runs[i];
    if (r->kind == RUN_BREAK || !r->text) {
      word_end(ts, word), word = 0;
      continue;
    }
    for (const char *p = r->text; *p; p = g_utf8_next_char(p)) {
      gunichar ch = g_utf8_get_char(p);
      ts->chars++;
      if (breaks_after(ch)) word_end(ts, word + 1), word = 0;
      else word++;
      if (ts->start->len < 40) g_string_append_unichar(ts->start, ch);
    }
  }
  word_end(ts, word);
}

/* Text Pango lays out in bounded time and inside its 32-bit coordinates:
 * a text's unbroken width or total height beyond about 2,000,000 pt wraps
 * round (a 1 MB paragraph came out as one line), and a word Pango must
 * break between letters costs time with its length times the number of
 * pieces (a 250,000-character word took minutes). An error at the
 * element, naming the text, for anything beyond either. */
gboolean collect_text_bounded(Collect *c, const StyleText *st, const SpecInline *in, double width, int line,
                              int col) {
  if (line == 0 && c->at) line = c->at->line, col = c->at->col; /* a heading from a title: its element */
  TextSize ts = {.char_width = 0.6 * st->size, .width = width, .start = g_string_new(NULL)};
  text_size(in, &ts);
  double per_char = st->size * MAX(st->line_spacing, 1);
  glong max_chars = (glong)(LAYOUT_MAX_TEXT_EXTENT / per_char);
  gboolean ok = TRUE;
  if (ts.chars > max_chars) {
    diag_error(c->diags, c->spec->path, line, col,
               "the text \"%s…\" is too long to lay out: %ld characters at %g pt, where one paragraph holds at most "
               "%ld: split it into shorter paragraphs",
               ts.start->str, ts.chars, st->size, max_chars);
    ok = FALSE;
  } else if (ts.break_work > LAYOUT_MAX_BREAK_WORK) {
    diag_error(c->diags, c->spec->path, line, col,
               "the text \"%s…\" has a word of %ld characters with no space or hyphen in it, too long to break "
               "into lines %.0f pt wide: is a space missing?",
               ts.start->str, ts.worst_word, width);
    ok = FALSE;
  }
  g_string_free(ts.start, TRUE);
  return ok;
}

static gboolean has_span_lang(const SpecInline *in) {
  for (guint i = 0; i < in->n_runs; i++)
    if (in->runs[i].lang) return TRUE;
  return FALSE;
}

const char *collect_span_lang(Collect *c, const SpecInline *in) {
  return has_span_lang(in) ? g_string_chunk_insert_const(c->doc->strings, c->lang ? c->lang : c->spec->lang) : NULL;
}

/* Text with a <span lang> gets the block's language under the rest, so
 * each Pango item knows its own (render tags those that differ). Only
 * then: other text keeps its shaping as it was. */
static void block_language_under_spans(Collect *c, const SpecInline *in, PangoLayout *layout) {
  const char *block = c->lang ? c->lang : c->spec->lang;
  if (!has_span_lang(in)) return;
  PangoAttrList *attrs = pango_attr_list_copy(pango_layout_get_attributes(layout));
  if (!attrs) attrs = pango_attr_list_new();
  PangoAttribute *a = pango_attr_language_new(pango_language_from_string(block));
  a->start_index = 0, a->end_index = PANGO_ATTR_INDEX_TO_TEXT_END;
  pango_attr_list_insert_before(attrs, a); /* the spans', starting at the same byte, win */
  pango_layout_set_attributes(layout, attrs);
  pango_attr_list_unref(attrs);
}

PangoLayout *collect_shape(Collect *c, StyleRole role, const SpecInline *in, double width, LayoutLink **links,
                          guint *n_links, int line, int col) {
  static const SpecInline nothing = {0};
  if (!collect_text_bounded(c, &c->style->text[role], in, width, line, col)) in = &nothing; /* layout stops after collect */
  SpecInline renumbered = {0};
  if (c->note_numbers) { /* footnotes numbered per page: the references print those numbers */
    for (guint i = 0; i < in->n_runs && !renumbered.runs; i++)
      if (in->runs[i].kind == RUN_FOOTNOTE) renumbered.runs = g_memdup2(in->runs, in->n_runs * sizeof *in->runs);
    for (guint i = 0; renumbered.runs && i < in->n_runs; i++)
      if (renumbered.runs[i].kind == RUN_FOOTNOTE) renumbered.runs[i].text = collect_note_text(c, &in->runs[i]);
    if (renumbered.runs) renumbered.n_runs = in->n_runs, in = &renumbered;
  }
  PangoLayout *layout =
      layout_text_new(c->ctx, c->style, &c->style->text[role], in, width, c->hyphenate, links, n_links,
                      c->doc->strings, c->spec->dest_prefix);
  check_missing_glyphs(c, layout, line, col);
  if (*links) g_ptr_array_add(c->doc->owned, *links);
  block_language_under_spans(c, in, layout);
  g_free(renumbered.runs); /* last: `in` may be &renumbered */
  return layout;
}

FlowItem *collect_inline(Collect *c, LayoutTag tag, StyleRole role, const SpecInline *in, Column col, int line,
                         int colno) {
  collect_tag_begin(c, tag);
  LayoutLink *links = NULL;
  guint n_links = 0;
  PangoLayout *layout = collect_shape(c, role, in, col.width, &links, &n_links, line, colno);
  FlowItem *it = collect_text(c, layout, &c->style->text[role], col);
  it->links = links, it->n_links = n_links;
  collect_notes(c, it, in, TRUE);
  collect_tag_end(c, tag);
  return it;
}

void collect_dest(Collect *c, const char *id, const char *title, int level, double x) {
  FlowItem *d = flow_list_add(c->list, FLOW_DEST);
  char *name = id ? g_strconcat(c->spec->dest_prefix, id, NULL)
                  : g_strdup_printf("%sbp-%u", c->spec->dest_prefix, ++c->dests);
  d->dest = doc_str(c, name);
  g_free(name);
  d->title = title ? doc_str(c, title) : NULL;
  d->outline_level = level;
  d->x = x;
}

void collect_caption(Collect *c, const SpecBlock *b, Column col) {
  if (!b->text.n_runs) {
    if (b->id) collect_dest(c, b->id, NULL, 0, col.x); /* a cross-reference's target all the same */
    return;
  }
  collect_dest(c, b->id, spec_inline_text(c->spec, &b->text), c->outline_level + 1, col.x);
  collect_inline(c, LAYOUT_TAG_CAPTION, STYLE_CAPTION, &b->text, col, b->line, b->col)->keep_with_next = TRUE;
}

