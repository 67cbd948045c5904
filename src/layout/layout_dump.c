/* layout_dump — a LayoutDoc as text: every page, every box, every link
 * and every chart's plan, one line each (the README's table lists the
 * columns). The golden tests (tests/golden/) diff this text.
 *
 * What always holds: numbers are points rounded to 2 decimals with '.'
 * whatever the locale (g_ascii_formatd), and "-0.00" is written "0.00", so
 * the same layout gives the same bytes on every platform; a line holds no
 * newline (free text has "\n" and quotes escaped); box order is the page's
 * drawing order. */
#include <string.h>

#include "chart/chart.h"
#include "layout.h"

typedef struct {
  FILE *out;
  guint page;   /* the number printed in the first column */
} Dump;

/* v rounded to 0.01, '.' as the decimal point, never "-0.00". */
static const char *num(char *buf, double v) {
  g_ascii_formatd(buf, G_ASCII_DTOSTR_BUF_SIZE, "%.2f", v);
  if (strcmp(buf, "-0.00") == 0) memmove(buf, buf + 1, strlen(buf));
  return buf;
}

/* `s` in double quotes, with '"', '\' and line breaks escaped. */
static void quoted(FILE *out, const char *s) {
  fputc('"', out);
  for (const char *c = s ? s : ""; *c; c++) {
    if (*c == '"' || *c == '\\') fputc('\\', out), fputc(*c, out);
    else if (*c == '\n') fputs("\\n", out);
    else if (*c == '\r') fputs("\\r", out);
    else fputc(*c, out);
  }
  fputc('"', out);
}

static const char *box_kind_name(const LayoutBox *b) {
  switch (b->kind) {
  case BOX_TEXT: return b->furniture ? "furniture" : b->tag == LAYOUT_TAG_NONE ? "repeat" : "text";
  case BOX_IMAGE: return "image";
  case BOX_RULE: return "rule";
  case BOX_TAG_BEGIN: return "begin";
  case BOX_TAG_END: return "end";
  case BOX_DEST: return "dest";
  case BOX_BOOKMARK: return "bookmark";
  case BOX_CHART: return "chart";
  }
  return "?";
}

/* "P KIND x y w h" */
static void rect_head(const Dump *d, const char *kind, double x, double y, double w, double h) {
  char a[4][G_ASCII_DTOSTR_BUF_SIZE];
  fprintf(d->out, "%u %s %s %s %s %s", d->page, kind, num(a[0], x), num(a[1], y), num(a[2], w), num(a[3], h));
}

/* font="Family 12.00 bold italic" align=… */
static void text_style(FILE *out, const LayoutBox *b) {
  const PangoFontDescription *fd = pango_layout_get_font_description(b->layout);
  char sz[G_ASCII_DTOSTR_BUF_SIZE];
  char *font = g_strdup_printf("%s %s%s%s", fd ? pango_font_description_get_family(fd) : "?",
                               num(sz, fd ? (double)pango_font_description_get_size(fd) / PANGO_SCALE : 0),
                               fd && pango_font_description_get_weight(fd) >= PANGO_WEIGHT_BOLD ? " bold" : "",
                               fd && pango_font_description_get_style(fd) != PANGO_STYLE_NORMAL ? " italic" : "");
  fputs(" font=", out);
  quoted(out, font);
  g_free(font);
  if (pango_layout_get_justify(b->layout)) fputs(" align=justify", out);
  else if (pango_layout_get_alignment(b->layout) == PANGO_ALIGN_CENTER) fputs(" align=centre", out);
  else if (pango_layout_get_alignment(b->layout) == PANGO_ALIGN_RIGHT) fputs(" align=right", out);
  fprintf(out, " colour=#%06x", (unsigned)(b->colour & 0xffffff));
}

static const LayoutLink *link_at(const LayoutBox *b, int offset) {
  for (guint i = 0; i < b->n_links; i++)
    if (offset >= b->links[i].start && offset < b->links[i].end) return &b->links[i];
  return NULL;
}

/* One "link" line for each stretch of a line drawn as one link: from the
 * first to the last glyph run of that link, the line's full height (the
 * runs as render places them). */
static void line_links(const Dump *d, const LayoutBox *b, PangoLayoutIter *it) {
  PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
  PangoRectangle logical;
  pango_layout_iter_get_line_extents(it, NULL, &logical);
  double x = b->x + (double)logical.x / PANGO_SCALE;
  double top = b->y + (double)logical.y / PANGO_SCALE - b->layout_top, height = (double)logical.height / PANGO_SCALE;
  const LayoutLink *open = NULL;
  double x0 = 0;
  for (GSList *l = line->runs;; l = l->next) {
    PangoGlyphItem *run = l ? l->data : NULL;
    const LayoutLink *link = run ? link_at(b, run->item->offset) : NULL;
    if (open && link != open) {
      rect_head(d, "link", x0, top, x - x0, height);
      fprintf(d->out, " to=%s\n", open->uri);
    }
    if (link && link != open) x0 = x;
    open = link;
    if (!run) break;
    x += (double)pango_glyph_string_get_width(run->glyphs) / PANGO_SCALE;
  }
}

static void text_links(const Dump *d, const LayoutBox *b) {
  if (!b->n_links) return;
  PangoLayoutIter *it = pango_layout_get_iter(b->layout);
  gboolean more = TRUE;
  for (int i = 0; more && i < b->line_first; i++) more = pango_layout_iter_next_line(it);
  for (int i = 0; more && i < b->line_count; i++) {
    line_links(d, b, it);
    more = pango_layout_iter_next_line(it);
  }
  pango_layout_iter_free(it);
}

/* The chart's plan, each of its lines as "P plan …" (chart coordinates,
 * from the chart box's corner). */
static void chart_lines(const Dump *d, const LayoutBox *b) {
  char *plan = chart_plan_dump(b->chart);
  char **lines = g_strsplit(plan, "\n", -1);
  for (char **l = lines; *l; l++)
    if (**l) fprintf(d->out, "%u plan %s\n", d->page, *l);
  g_strfreev(lines);
  g_free(plan);
}

static void box_dump(Dump *d, const LayoutBox *b) {
  rect_head(d, box_kind_name(b), b->x, b->y, b->w, b->h);
  FILE *out = d->out;
  switch (b->kind) {
  case BOX_TEXT: {
    fprintf(out, " lines=%d+%d", b->line_first, b->line_count);
    if (b->layout) text_style(out, b);
    if (b->page_ref) fprintf(out, " page-of=%s", b->page_ref);
    char *text = layout_box_text(b);
    fprintf(out, " %s\n", text);
    g_free(text);
    if (b->layout) text_links(d, b);
    return;
  }
  case BOX_IMAGE:
    if (b->image)
      fprintf(out, " pixels=%dx%d", cairo_image_surface_get_width(b->image), cairo_image_surface_get_height(b->image));
    fputc('\n', out);
    return;
  case BOX_RULE:
    fprintf(out, " colour=#%06x%s\n", (unsigned)(b->colour & 0xffffff), b->repeated ? " repeated" : "");
    return;
  case BOX_TAG_BEGIN:
    fprintf(out, " %s", layout_tag_name(b->tag));
    if (b->tag == LAYOUT_TAG_TH || b->tag == LAYOUT_TAG_TD) {
      static const char *const rows[] = {[LAYOUT_ROW_BODY] = "body", [LAYOUT_ROW_HEAD] = "head", [LAYOUT_ROW_GROUP] = "group"};
      fprintf(out, " row=%s col=%u span=%u", rows[b->row_kind], b->col, b->colspan);
    }
    if (b->alt) fputs(" alt=", out), quoted(out, b->alt);
    fputc('\n', out);
    return;
  case BOX_TAG_END: fprintf(out, " %s\n", layout_tag_name(b->tag)); return;
  case BOX_DEST:
  case BOX_BOOKMARK:
    fprintf(out, " name=%s", b->dest);
    if (b->title) fprintf(out, " outline=%d ", b->outline_level), quoted(out, b->title);
    fputc('\n', out);
    return;
  case BOX_CHART:
    fputc('\n', out);
    if (b->chart) chart_lines(d, b);
    return;
  }
  fputc('\n', out);
}

void layout_doc_dump_from(const LayoutDoc *doc, guint first, FILE *out) {
  Dump d = {.out = out};
  for (guint p = 0; p < doc->pages->len; p++) {
    const LayoutPage *page = g_ptr_array_index(doc->pages, p);
    char w[G_ASCII_DTOSTR_BUF_SIZE], h[G_ASCII_DTOSTR_BUF_SIZE], body[G_ASCII_DTOSTR_BUF_SIZE];
    d.page = first + p;
    fprintf(out, "page %u %s %s style=%s body=%s\n", d.page, num(w, page->width), num(h, page->height),
            page->style && page->style->name ? page->style->name : "-",
            num(body, page->style ? page->style->text[STYLE_BODY].size : 0));
    for (guint i = 0; i < page->boxes->len; i++) box_dump(&d, g_ptr_array_index(page->boxes, i));
  }
}

void layout_doc_dump(const LayoutDoc *doc, FILE *out) { layout_doc_dump_from(doc, 1, out); }
