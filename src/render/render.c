/* render — LayoutDoc → PDF or PNG bytes: the drawing. See render.h; the
 * PDF writer is render_pdf.c.
 *
 * cairo 1.16's tagging has traps (../shared/CAIRO-NOTES.md), avoided here:
 *   - every text run is drawn inside its own leaf tag (Span or Link); text
 *     drawn straight into a tag with children would lose its marked content;
 *   - render checks the begin/end nesting before handing tags to cairo,
 *     because cairo reports tag errors only at finish, with a broken file;
 *   - internal links use named destinations only;
 *   - no tagged drawing happens inside groups.
 * Page furniture and repeated table headers are drawn with no leaf tag, so
 * they get no marked content; the post-pass marks them as Artifacts. */
#include "render.h"

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "chart/chart.h"
#include "measures/rating.h"
#include "spec/spec.h"
#include "render_internal.h"

static void set_colour(cairo_t *cr, guint32 c) {
  cairo_set_source_rgb(cr, (c >> 16 & 0xff) / 255.0, (c >> 8 & 0xff) / 255.0, (c & 0xff) / 255.0);
}

static const LayoutLink *link_at(const LayoutBox *b, int offset) {
  for (guint i = 0; i < b->n_links; i++)
    if (offset >= b->links[i].start && offset < b->links[i].end) return &b->links[i];
  return NULL;
}

/* ---- symbols --------------------------------------------------------------- */

/* What a screen reader should say for each symbol the project prints
 * ("black star" or "south east arrow" tells a listener nothing): the words
 * come from the one table in measures/rating.h, in the language the
 * structure tree gives the text (Welsh inside a lang="cy" block or span,
 * render_pdf_lang), so a listener hears one language. An arrow's words
 * name what it compares with ("improved since the same period last year")
 * when every arrow of its page's report compares with one thing (bind
 * records it in the report's meta, after a scorecard's compare=);
 * otherwise they name none (the note under each scorecard does). */
static const char *symbol_meaning(gunichar ch) { return measure_symbol_words(ch, SYMBOL_BASIS_UNKNOWN, FALSE); }

/* The text of [text, text+len) with each symbol replaced by its meaning
 * in `lang` (arrows naming `basis`, a MeasureComparison or
 * SYMBOL_BASIS_UNKNOWN), or NULL when it has none. */
static char *spoken_text(const char *text, int len, int basis, const char *lang) {
  return measure_symbols_spoken(text, len, basis, spec_lang_is_welsh(lang));
}

/* The text without its symbols: what a link leads to, for its description. */
static char *without_symbols(const char *text) {
  GString *s = g_string_new(NULL);
  for (const char *p = text; *p; p = g_utf8_next_char(p))
    if (!symbol_meaning(g_utf8_get_char(p))) g_string_append_unichar(s, g_utf8_get_char(p));
  return g_strstrip(g_string_free(s, FALSE));
}

/* ---- right-to-left text ------------------------------------------------- */

/* Whether the text holds a letter of a script written right to left. Its
 * glyphs are drawn in visual order, and a font's ligatures (Nastaliq)
 * map back to letters doubled or dropped: such text is given its
 * ActualText, in reading order, so that a reader hears and copies it. */
static gboolean text_has_rtl(const char *text, int len) {
  for (const char *p = text, *end = text + len; p < end; p = g_utf8_next_char(p)) {
    switch (g_unichar_get_script(g_utf8_get_char(p))) {
    case G_UNICODE_SCRIPT_ARABIC:
    case G_UNICODE_SCRIPT_HEBREW:
    case G_UNICODE_SCRIPT_SYRIAC:
    case G_UNICODE_SCRIPT_THAANA:
    case G_UNICODE_SCRIPT_NKO:
    case G_UNICODE_SCRIPT_SAMARITAN:
    case G_UNICODE_SCRIPT_MANDAIC:
    case G_UNICODE_SCRIPT_ADLAM:
    case G_UNICODE_SCRIPT_HANIFI_ROHINGYA: return TRUE;
    default: break;
    }
  }
  return FALSE;
}

/* ---- text --------------------------------------------------------------- */

static void underline_run(cairo_t *cr, PangoGlyphItem *run, double x, double y, double width) {
  PangoFontMetrics *m = pango_font_get_metrics(run->item->analysis.font, NULL);
  double pos = (double)pango_font_metrics_get_underline_position(m) / PANGO_SCALE;
  double thick = (double)pango_font_metrics_get_underline_thickness(m) / PANGO_SCALE;
  pango_font_metrics_unref(m);
  cairo_rectangle(cr, x, y - pos, width, MAX(thick, 0.5));
  cairo_fill(cr);
}

GArray *render_line_places(const LayoutBox *b) {
  GArray *places = g_array_new(FALSE, FALSE, sizeof(LinePlace));
  PangoLayoutIter *it = pango_layout_get_iter(b->layout);
  for (int i = 0; i < b->line_first; i++) pango_layout_iter_next_line(it);
  for (int i = 0; i < b->line_count; i++) {
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(it, NULL, &logical);
    LinePlace lp = {pango_layout_iter_get_line_readonly(it), b->x + (double)logical.x / PANGO_SCALE,
                    b->y + (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE - b->layout_top,
                    b->y + (double)logical.y / PANGO_SCALE - b->layout_top, (double)logical.height / PANGO_SCALE};
    g_array_append_val(places, lp);
    if (!pango_layout_iter_next_line(it)) break;
  }
  pango_layout_iter_free(it);
  return places;
}

/* cairo's rect=[…] for a link: one rectangle per line it covers. */
static char *link_rects(const LayoutBox *b, const GArray *places, const LayoutLink *link) {
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < places->len; i++) {
    const LinePlace *lp = &g_array_index(places, LinePlace, i);
    double x = lp->x, x0 = 0, x1 = -1;
    for (GSList *l = lp->line->runs; l; l = l->next) {
      PangoGlyphItem *run = l->data;
      double width = (double)pango_glyph_string_get_width(run->glyphs) / PANGO_SCALE;
      if (link_at(b, run->item->offset) == link) {
        if (x1 < x0) x0 = x;
        x1 = x + width;
      }
      x += width;
    }
    if (x1 < x0) continue;
    char buf[4][G_ASCII_DTOSTR_BUF_SIZE];
    g_string_append_printf(s, "%s%s %s %s %s", s->len ? " " : "", g_ascii_formatd(buf[0], sizeof buf[0], "%.2f", x0),
                           g_ascii_formatd(buf[1], sizeof buf[1], "%.2f", lp->top),
                           g_ascii_formatd(buf[2], sizeof buf[2], "%.2f", x1 - x0),
                           g_ascii_formatd(buf[3], sizeof buf[3], "%.2f", lp->height));
  }
  return g_string_free(s, FALSE);
}

/* Drawing a box run by run: a link stays one Link across the lines it
 * covers; other runs are Spans, a run with symbols saying what they mean. */
typedef struct {
  cairo_t *cr;
  RenderPdf *w; /* NULL: untagged */
  const LayoutBox *b;
  const char *text; /* the box's layout's text */
  const GArray *places;
  const LayoutLink *open; /* the Link being drawn */
  int basis;              /* what the page's arrows compare with (spoken_text) */
} RunDraw;

static void run_link_switch(RunDraw *d, const LayoutLink *link) {
  if (d->open == link) return;
  if (d->open) render_link_end(d->w, d->cr);
  d->open = link;
  if (!link || !d->w) return;
  char *label = g_strndup(d->text + link->start, (gsize)(link->end - link->start));
  char *rects = link_rects(d->b, d->places, link);
  char *spoken = spoken_text(label, (int)strlen(label), d->basis, render_pdf_lang(d->w)), *target = without_symbols(label);
  if (!spoken && text_has_rtl(label, (int)strlen(label))) spoken = g_strdup(label);
  render_link_begin(d->w, d->cr, link, target, spoken, rects);
  g_free(target);
  g_free(spoken);
  g_free(rects);
  g_free(label);
}

/* The colour pango_cairo_show_layout_line would give a run: its
 * foreground attribute, else the box's. */
static void run_colour(cairo_t *cr, const PangoGlyphItem *run, guint32 fallback) {
  for (GSList *a = run->item->analysis.extra_attrs; a; a = a->next) {
    const PangoAttribute *attr = a->data;
    if (attr->klass->type != PANGO_ATTR_FOREGROUND) continue;
    const PangoColor *c = &((const PangoAttrColor *)attr)->color;
    cairo_set_source_rgb(cr, c->red / 65535.0, c->green / 65535.0, c->blue / 65535.0);
    return;
  }
  set_colour(cr, fallback);
}

/* A language tag cased as BCP 47 writes it, into buf: Pango keeps tags
 * lower case ("en-gb"), the PDF's /Lang should read "en-GB" as the
 * catalog's does. The language is lower case, a region (two letters)
 * upper case, a script (four letters) title case: "sr-Latn-RS". */
static const char *lang_tag_cased(const char *tag, char *buf, gsize size) {
  g_strlcpy(buf, tag, size);
  for (char *sub = buf, *end; *sub; sub = *end ? end + 1 : end) {
    end = strchr(sub, '-');
    if (!end) end = sub + strlen(sub);
    gsize len = (gsize)(end - sub);
    for (char *c = sub; c < end; c++) {
      gboolean upper = sub != buf && (len == 2 || (len == 4 && c == sub));
      *c = upper ? g_ascii_toupper(*c) : g_ascii_tolower(*c);
    }
  }
  return buf;
}

/* The run's language where a <span lang> made it differ from its block's
 * (layout marks such boxes with the block's language), else NULL; cased
 * into buf. */
static const char *run_lang(const LayoutBox *b, const PangoGlyphItem *run, char *buf, gsize size) {
  if (!b->lang || !run->item->analysis.language) return NULL;
  const char *lang = pango_language_to_string(run->item->analysis.language);
  return g_ascii_strcasecmp(lang, b->lang) != 0 ? lang_tag_cased(lang, buf, size) : NULL;
}

/* A run of a line and where it is drawn. */
typedef struct {
  PangoGlyphItem *run;
  double x, width;
} RunAt;

static int run_at_logical_cmp(const void *a, const void *b) {
  return ((const RunAt *)a)->run->item->offset - ((const RunAt *)b)->run->item->offset;
}

/* What a run says: its symbols' meanings, or right-to-left text as it
 * reads (NULL: the glyphs say it). */
static char *run_spoken(const RunDraw *d, const PangoGlyphItem *run, const char *lang) {
  const char *t = d->text + run->item->offset;
  char *spoken = spoken_text(t, run->item->length, d->basis, lang);
  if (!spoken && text_has_rtl(t, run->item->length)) spoken = g_strndup(t, (gsize)run->item->length);
  return spoken;
}

/* Runs are placed in visual order (Pango's) but drawn, and so tagged, in
 * reading order: a line of Urdu or of mixed scripts reads as written. */
static void line_draw_runs(RunDraw *d, const LinePlace *lp) {
  GArray *runs = g_array_new(FALSE, FALSE, sizeof(RunAt));
  double x = lp->x;
  for (GSList *l = lp->line->runs; l; l = l->next) {
    RunAt r = {l->data, x, (double)pango_glyph_string_get_width(((PangoGlyphItem *)l->data)->glyphs) / PANGO_SCALE};
    g_array_append_val(runs, r);
    x += r.width;
  }
  g_array_sort(runs, run_at_logical_cmp);
  for (guint i = 0; i < runs->len; i++) {
    const RunAt *at = &g_array_index(runs, RunAt, i);
    PangoGlyphItem *run = at->run;
    const LayoutLink *link = link_at(d->b, run->item->offset);
    run_link_switch(d, link);
    char lang_buf[64];
    const char *lang = link || !d->w ? NULL : run_lang(d->b, run, lang_buf, sizeof lang_buf);
    char *spoken = link || !d->w ? NULL : run_spoken(d, run, lang ? lang : render_pdf_lang(d->w));
    if (!link) render_span_begin(d->w, d->cr, spoken, lang);
    /* link runs keep the box's colour, as they always have been drawn */
    if (!link) run_colour(d->cr, run, d->b->colour);
    else set_colour(d->cr, d->b->colour);
    /* a raised run (a footnote number) is drawn off the baseline, as
     * pango_cairo_show_layout_line would */
    cairo_move_to(d->cr, at->x, lp->y - (double)run->y_offset / PANGO_SCALE);
    pango_cairo_show_glyph_item(d->cr, d->text, run);
    if (link) underline_run(d->cr, run, at->x, lp->y, at->width);
    if (!link) render_span_end(d->w, d->cr);
    g_free(spoken);
  }
  g_array_free(runs, TRUE);
}

/* Text without links, symbols, right-to-left script or runs in another
 * language is one Span per box; otherwise each line is drawn run by run
 * (a tag holding both text and child tags would lose its text's marks). */
static void text_draw(cairo_t *cr, const LayoutBox *b, RenderPdf *w, int basis) {
  RenderPdf *tw = b->tag != LAYOUT_TAG_NONE ? w : NULL;
  /* a box replayed from a tape (render_tape.c) has no layout: its text
   * and lines come from the tape */
  const char *text = NULL;
  const GArray *taped = b->layout ? NULL : render_tape_text(w, b, &text);
  if (!b->layout && !taped) return;
  if (b->layout) text = pango_layout_get_text(b->layout);
  int len = (int)strlen(text);
  gboolean by_run = b->n_links > 0 || (tw && (b->lang || measure_symbols_any(text, len) || text_has_rtl(text, len)));
  GArray *places = taped ? NULL : render_line_places(b);
  if (taped) places = (GArray *)taped;
  RunDraw d = {cr, tw, b, text, places, NULL, basis};
  if (!by_run) render_span_begin(tw, cr, NULL, NULL);
  for (guint i = 0; i < places->len; i++) {
    const LinePlace *lp = &g_array_index(places, LinePlace, i);
    if (lp->line->length == 0) continue;
    set_colour(cr, b->colour);
    if (by_run) {
      line_draw_runs(&d, lp);
    } else {
      cairo_move_to(cr, lp->x, lp->y);
      pango_cairo_show_layout_line(cr, lp->line);
    }
  }
  if (by_run) run_link_switch(&d, NULL);
  else render_span_end(tw, cr);
  if (!taped) g_array_free(places, TRUE);
}

/* ---- other boxes ------------------------------------------------------------ */

static void image_draw(cairo_t *cr, const LayoutBox *b) {
  double sx = b->w / cairo_image_surface_get_width(b->image);
  double sy = b->h / cairo_image_surface_get_height(b->image);
  cairo_save(cr);
  cairo_translate(cr, b->x, b->y);
  cairo_scale(cr, sx, sy);
  cairo_set_source_surface(cr, b->image, 0, 0);
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
  cairo_rectangle(cr, 0, 0, cairo_image_surface_get_width(b->image), cairo_image_surface_get_height(b->image));
  cairo_fill(cr);
  cairo_restore(cr);
}

static void rule_draw(cairo_t *cr, const LayoutBox *b) {
  set_colour(cr, b->colour);
  cairo_rectangle(cr, b->x, b->y, b->w, b->h);
  cairo_fill(cr);
}

static void dest_draw(cairo_t *cr, const LayoutBox *b) {
  char *attrs = g_strdup_printf("name='%s' x=%d y=%d", b->dest, (int)b->x, (int)b->y);
  cairo_tag_begin(cr, CAIRO_TAG_DEST, attrs);
  cairo_tag_end(cr, CAIRO_TAG_DEST);
  g_free(attrs);
}

void render_boxes_draw(cairo_t *cr, const LayoutPage *page, RenderPdf *w) {
  int basis = page->meta ? page->meta->arrow_basis : SYMBOL_BASIS_UNKNOWN;
  for (guint i = 0; i < page->boxes->len; i++) {
    const LayoutBox *b = g_ptr_array_index(page->boxes, i);
    switch (b->kind) {
    case BOX_TEXT: text_draw(cr, b, w, basis); break;
    case BOX_IMAGE: image_draw(cr, b); break;
    case BOX_RULE: rule_draw(cr, b); break;
    case BOX_TAG_BEGIN: render_struct_begin(w, cr, b); break;
    case BOX_TAG_END: render_struct_end(w, cr, b->tag); break;
    case BOX_DEST:
      if (w) dest_draw(cr, b);
      break;
    case BOX_BOOKMARK: break; /* the outline's (render_pdf.c), not the page's */
    case BOX_CHART:
      cairo_save(cr);
      cairo_translate(cr, b->x, b->y);
      chart_draw(cr, b->chart);
      cairo_restore(cr);
      break;
    }
  }
}

void render_page_draw(cairo_t *cr, const LayoutPage *page) { render_boxes_draw(cr, page, NULL); }

static cairo_status_t png_bytes_write(void *closure, const unsigned char *data, unsigned int length) {
  g_byte_array_append(closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* ---- PNG -------------------------------------------------------------- */

GBytes *render_png_page(const LayoutDoc *doc, guint index, double dpi, GError **error) {
  const LayoutPage *page = g_ptr_array_index(doc->pages, index);
  double scale = dpi / 72.0;
  int w = (int)(page->width * scale + 0.5), h = (int)(page->height * scale + 0.5);
  cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  cairo_t *cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, scale, scale);
  render_page_draw(cr, page);
  cairo_destroy(cr);
  GByteArray *png = g_byte_array_new();
  cairo_status_t st = cairo_surface_write_to_png_stream(surface, png_bytes_write, png);
  cairo_surface_destroy(surface);
  if (st != CAIRO_STATUS_SUCCESS) {
    g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot encode PNG: %s", cairo_status_to_string(st));
    g_byte_array_unref(png);
    return NULL;
  }
  return g_byte_array_free_to_bytes(png);
}
