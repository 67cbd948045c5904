/* render — LayoutDoc → PDF or PNG bytes. See render.h.
 *
 * cairo 1.16's tagging has traps (../shared/CAIRO-NOTES.md), avoided here:
 *   - every text run is drawn inside its own leaf tag (Span or Link); text
 *     drawn straight into a tag with children would lose its marked content;
 *   - layout never emits an empty structure element, and render checks the
 *     begin/end nesting before handing tags to cairo, because cairo reports
 *     tag errors only at finish, with a broken file;
 *   - internal links use named destinations only;
 *   - no tagged drawing happens inside groups.
 * Page furniture is drawn with no leaf tag while structure elements with
 * children are open, so it gets no marked content: cairo 1.16 cannot mark
 * it as an Artifact (see the README's list of limits). */
#include "render.h"

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "chart/chart.h"
#include "pdf/pdfpost.h"

static void set_colour(cairo_t *cr, guint32 c) {
  cairo_set_source_rgb(cr, (c >> 16 & 0xff) / 255.0, (c >> 8 & 0xff) / 255.0, (c & 0xff) / 255.0);
}

static const LayoutLink *link_at(const LayoutBox *b, int offset) {
  for (guint i = 0; i < b->n_links; i++)
    if (offset >= b->links[i].start && offset < b->links[i].end) return &b->links[i];
  return NULL;
}

static gboolean line_has_link(const LayoutBox *b, const PangoLayoutLine *line) {
  for (guint i = 0; i < b->n_links; i++)
    if (b->links[i].start < line->start_index + line->length && b->links[i].end > line->start_index) return TRUE;
  return FALSE;
}

static void underline_run(cairo_t *cr, PangoGlyphItem *run, double x, double y, double width) {
  PangoFontMetrics *m = pango_font_get_metrics(run->item->analysis.font, NULL);
  double pos = (double)pango_font_metrics_get_underline_position(m) / PANGO_SCALE;
  double thick = (double)pango_font_metrics_get_underline_thickness(m) / PANGO_SCALE;
  pango_font_metrics_unref(m);
  cairo_rectangle(cr, x, y - pos, width, MAX(thick, 0.5));
  cairo_fill(cr);
}

/* A line with a link: each glyph run alone, link runs in a Link tag. */
static void line_draw_runs(cairo_t *cr, const LayoutBox *b, PangoLayoutLine *line, double x, double y,
                           gboolean tagged, gboolean leaf) {
  const char *text = pango_layout_get_text(b->layout);
  for (GSList *l = line->runs; l; l = l->next) {
    PangoGlyphItem *run = l->data;
    double width = (double)pango_glyph_string_get_width(run->glyphs) / PANGO_SCALE;
    const LayoutLink *link = link_at(b, run->item->offset);
    if (tagged && leaf) {
      if (link) {
        char *attrs = link->uri[0] == '#' ? g_strdup_printf("dest='%s'", link->uri + 1)
                                          : g_strdup_printf("uri='%s'", link->uri);
        cairo_tag_begin(cr, CAIRO_TAG_LINK, attrs);
        g_free(attrs);
      } else {
        cairo_tag_begin(cr, "Span", NULL);
      }
    }
    cairo_move_to(cr, x, y);
    pango_cairo_show_glyph_item(cr, text, run);
    if (link) underline_run(cr, run, x, y, width);
    if (tagged && leaf) cairo_tag_end(cr, link ? CAIRO_TAG_LINK : "Span");
    x += width;
  }
}

/* Text without links is one Span per box; with links, each line is drawn
 * run by run so that link runs sit in Link tags beside Span ones (a tag
 * holding both text and child tags would lose its text's marks). */
static void text_draw(cairo_t *cr, const LayoutBox *b, gboolean tagged) {
  gboolean one_span = tagged && b->tag != LAYOUT_TAG_NONE && b->n_links == 0;
  gboolean leaf = b->tag != LAYOUT_TAG_NONE && !one_span;
  if (one_span) cairo_tag_begin(cr, "Span", NULL);
  PangoLayoutIter *it = pango_layout_get_iter(b->layout);
  for (int i = 0; i < b->line_first; i++) pango_layout_iter_next_line(it);
  for (int i = 0; i < b->line_count; i++) {
    PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(it, NULL, &logical);
    double x = b->x + (double)logical.x / PANGO_SCALE;
    double y = b->y + (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE - b->layout_top;
    if (line->length > 0) {
      set_colour(cr, b->colour);
      if (line_has_link(b, line)) {
        line_draw_runs(cr, b, line, x, y, tagged, leaf);
      } else {
        if (tagged && leaf) cairo_tag_begin(cr, "Span", NULL);
        cairo_move_to(cr, x, y);
        pango_cairo_show_layout_line(cr, line);
        if (tagged && leaf) cairo_tag_end(cr, "Span");
      }
    }
    if (!pango_layout_iter_next_line(it)) break;
  }
  pango_layout_iter_free(it);
  if (one_span) cairo_tag_end(cr, "Span");
}

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

void render_page_draw(cairo_t *cr, const LayoutPage *page, gboolean tagged) {
  for (guint i = 0; i < page->boxes->len; i++) {
    const LayoutBox *b = g_ptr_array_index(page->boxes, i);
    switch (b->kind) {
    case BOX_TEXT: text_draw(cr, b, tagged); break;
    case BOX_IMAGE: image_draw(cr, b); break;
    case BOX_RULE: rule_draw(cr, b); break;
    case BOX_TAG_BEGIN:
      if (tagged) cairo_tag_begin(cr, layout_tag_name(b->tag), NULL);
      break;
    case BOX_TAG_END:
      if (tagged) cairo_tag_end(cr, layout_tag_name(b->tag));
      break;
    case BOX_DEST:
      if (tagged) dest_draw(cr, b);
      break;
    case BOX_CHART:
      cairo_save(cr);
      cairo_translate(cr, b->x, b->y);
      chart_draw(cr, b->chart);
      cairo_restore(cr);
      break;
    }
  }
}

/* ---- the PDF writer --------------------------------------------------- */

/* A PDF being written, one LayoutDoc after another (a pack's agenda, then
 * each report), so that a caller can free each doc once it is drawn. What
 * must outlive a doc (destination names, links still to be checked, alt
 * texts and header scopes for the post-pass) is copied into `strings`. */
struct RenderPdf {
  GByteArray *raw;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint pages;
  int parents[8];        /* outline ids by level */
  GArray *tags;          /* open structure elements, across docs */
  GHashTable *dests;     /* every destination so far */
  GPtrArray *links;      /* internal link targets, checked at the end */
  GPtrArray *alts, *scopes;
  GStringChunk *strings;
  const char *lang;
  gint64 created;
  gboolean has_title;
  gboolean failed;
  RenderTimings timings;
};

static cairo_status_t bytes_write(void *closure, const unsigned char *data, unsigned int length) {
  g_byte_array_append(closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void iso_date(gint64 t, char *buf, gsize size) {
  GDateTime *dt = g_date_time_new_from_unix_utc(t);
  char *s = g_date_time_format(dt, "%Y-%m-%dT%H:%M:%S");
  g_snprintf(buf, size, "%sZ", s);
  g_free(s);
  g_date_time_unref(dt);
}

static void pdf_metadata(RenderPdf *w, const LayoutDoc *doc) {
  cairo_surface_t *surface = w->surface;
  if (doc->title) cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, doc->title);
  if (doc->author) cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, doc->author);
  if (doc->subject) cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, doc->subject);
  if (doc->keywords) cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_KEYWORDS, doc->keywords);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "boardpack " BOARDPACK_VERSION);
  char date[64];
  iso_date(doc->created, date, sizeof date);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date);
  w->lang = g_string_chunk_insert_const(w->strings, doc->lang ? doc->lang : "en-GB");
  w->created = doc->created;
  w->has_title = doc->title && *doc->title;
}

RenderPdf *render_pdf_new(const LayoutDoc *metadata) {
  RenderPdf *w = g_new0(RenderPdf, 1);
  w->raw = g_byte_array_new();
  w->surface = cairo_pdf_surface_create_for_stream(bytes_write, w->raw, 595.276, 841.89);
  w->cr = cairo_create(w->surface);
  w->tags = g_array_new(FALSE, FALSE, sizeof(LayoutTag));
  w->dests = g_hash_table_new(g_str_hash, g_str_equal);
  w->links = g_ptr_array_new();
  w->alts = g_ptr_array_new();
  w->scopes = g_ptr_array_new();
  w->strings = g_string_chunk_new(4096);
  pdf_metadata(w, metadata);
  return w;
}

void render_pdf_free(RenderPdf *w) {
  if (!w) return;
  if (w->cr) cairo_destroy(w->cr);
  if (w->surface) cairo_surface_destroy(w->surface);
  g_byte_array_unref(w->raw);
  g_array_free(w->tags, TRUE);
  g_hash_table_destroy(w->dests);
  g_ptr_array_free(w->links, TRUE);
  g_ptr_array_free(w->alts, TRUE);
  g_ptr_array_free(w->scopes, TRUE);
  g_string_chunk_free(w->strings);
  g_free(w);
}

/* cairo reports tag errors only when it finishes, with a broken file:
 * check nesting here, box by box, as the pages are drawn. */
static gboolean tag_track(RenderPdf *w, const LayoutBox *b) {
  if (b->kind == BOX_TAG_BEGIN) g_array_append_val(w->tags, b->tag);
  if (b->kind != BOX_TAG_END) return TRUE;
  if (!w->tags->len || g_array_index(w->tags, LayoutTag, w->tags->len - 1) != b->tag) return FALSE;
  g_array_set_size(w->tags, w->tags->len - 1);
  return TRUE;
}

/* Destinations, internal links and bookmarks of one page. */
static void page_names(RenderPdf *w, const LayoutPage *page) {
  for (guint i = 0; i < page->boxes->len; i++) {
    const LayoutBox *b = g_ptr_array_index(page->boxes, i);
    if (b->kind == BOX_DEST) {
      const char *name = g_string_chunk_insert_const(w->strings, b->dest);
      g_hash_table_add(w->dests, (gpointer)name);
      if (!b->title || b->outline_level < 1) continue;
      int level = MIN(b->outline_level, 7);
      char *link = g_strdup_printf("dest='%s'", b->dest);
      int id = cairo_pdf_surface_add_outline(w->surface, w->parents[level - 1], b->title, link,
                                             level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
      g_free(link);
      for (int l = level; l < 8; l++) w->parents[l] = id;
    }
    for (guint k = 0; b->kind == BOX_TEXT && k < b->n_links; k++)
      if (b->links[k].uri[0] == '#') g_ptr_array_add(w->links, g_string_chunk_insert_const(w->strings, b->links[k].uri + 1));
  }
}

static gboolean page_tags_ok(RenderPdf *w, const LayoutPage *page) {
  for (guint i = 0; i < page->boxes->len; i++)
    if (!tag_track(w, g_ptr_array_index(page->boxes, i))) return FALSE;
  return TRUE;
}

gboolean render_pdf_add(RenderPdf *w, const LayoutDoc *doc, GError **error) {
  gint64 t0 = g_get_monotonic_time();
  for (guint p = 0; p < doc->pages->len && !w->failed; p++) {
    const LayoutPage *page = g_ptr_array_index(doc->pages, p);
    if (!page_tags_ok(w, page)) {
      g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "internal error: structure tags do not nest");
      w->failed = TRUE;
      break;
    }
    if (w->pages++ > 0) cairo_show_page(w->cr);
    cairo_pdf_surface_set_size(w->surface, page->width, page->height);
    render_page_draw(w->cr, page, TRUE);
    page_names(w, page);
  }
  for (guint i = 0; i < doc->figure_alts->len; i++)
    g_ptr_array_add(w->alts, g_string_chunk_insert_const(w->strings, g_ptr_array_index(doc->figure_alts, i)));
  for (guint i = 0; i < doc->th_scopes->len; i++)
    g_ptr_array_add(w->scopes, g_string_chunk_insert_const(w->strings, g_ptr_array_index(doc->th_scopes, i)));
  w->timings.draw += (double)(g_get_monotonic_time() - t0) / 1e6;
  return !w->failed;
}

/* cairo writes a link to an undefined destination without complaint. */
static gboolean links_check(RenderPdf *w, GError **error) {
  for (guint i = 0; i < w->links->len; i++) {
    const char *target = g_ptr_array_index(w->links, i);
    if (g_hash_table_contains(w->dests, target)) continue;
    g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "a link points at '%s', which is nowhere in the document",
                target);
    return FALSE;
  }
  return TRUE;
}

static GBytes *pdf_post(RenderPdf *w, GError **error) {
  PdfPostOptions opts;
  pdfpost_options_init(&opts);
  opts.lang = w->lang;
  opts.display_doc_title = w->has_title;
  opts.date_epoch = w->created;
  opts.figure_alt = (const char *const *)w->alts->pdata;
  opts.n_figure_alt = w->alts->len;
  opts.th_scope = (const char *const *)w->scopes->pdata;
  opts.n_th_scope = w->scopes->len;
  if (!pdfpost_apply_in_place(w->raw, &opts, error)) return NULL;
  GByteArray *raw = w->raw;
  w->raw = g_byte_array_new(); /* the writer is freed next: hand the bytes over */
  return g_byte_array_free_to_bytes(raw);
}

GBytes *render_pdf_finish(RenderPdf *w, RenderTimings *timings, GError **error) {
  GBytes *out = NULL;
  gint64 t0 = g_get_monotonic_time();
  if (!w->failed && w->tags->len) g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "internal error: structure tags left open");
  else if (!w->failed && links_check(w, error)) {
    cairo_destroy(w->cr);
    w->cr = NULL;
    cairo_surface_finish(w->surface);
    cairo_status_t st = cairo_surface_status(w->surface);
    w->timings.draw += (double)(g_get_monotonic_time() - t0) / 1e6;
    gint64 t1 = g_get_monotonic_time();
    if (st != CAIRO_STATUS_SUCCESS)
      g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "cairo could not write the PDF: %s", cairo_status_to_string(st));
    else
      out = pdf_post(w, error);
    w->timings.post = (double)(g_get_monotonic_time() - t1) / 1e6;
  }
  if (timings) *timings = w->timings;
  render_pdf_free(w);
  return out;
}

GBytes *render_pdf(const LayoutDoc *doc, GError **error) { return render_pdf_timed(doc, NULL, error); }

GBytes *render_pdf_timed(const LayoutDoc *doc, RenderTimings *timings, GError **error) {
  RenderPdf *w = render_pdf_new(doc);
  if (!render_pdf_add(w, doc, error)) {
    if (timings) *timings = w->timings;
    render_pdf_free(w);
    return NULL;
  }
  return render_pdf_finish(w, timings, error);
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
  render_page_draw(cr, page, FALSE);
  cairo_destroy(cr);
  GByteArray *png = g_byte_array_new();
  cairo_status_t st = cairo_surface_write_to_png_stream(surface, bytes_write, png);
  cairo_surface_destroy(surface);
  if (st != CAIRO_STATUS_SUCCESS) {
    g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot encode PNG: %s", cairo_status_to_string(st));
    g_byte_array_unref(png);
    return NULL;
  }
  return g_byte_array_free_to_bytes(png);
}
