/* render_tape — laid-out pages kept on disk until they can be drawn.
 *
 * A pack's pages cannot be drawn as they are laid out: every footer says
 * "Page 37 of 212", and the agenda lists each report's first page, so
 * nothing can be drawn before every report has been counted. Keeping the
 * laid-out pages in memory costs about 170 KB a page (PangoLayouts);
 * laying every report out twice, once to count and once to draw, costs a
 * second layout. The tape keeps instead exactly what drawing reads, in an
 * unlinked scratch file, and gives it back in the same order:
 *   - each box as it is (a LayoutBox copied whole), its strings and links
 *     written after it;
 *   - for a text box, its layout's text and, per line drawn, where the
 *     line is (LinePlace) and its runs: the item (offset, length, analysis
 *     with the font), the glyphs, the colour and rise attributes drawing
 *     reads. Replayed, each line is a PangoLayoutLine over those runs whose
 *     layout holds only the text (nothing is shaped or broken again), so
 *     Pango draws it with the very calls and numbers it drew it with
 *     before: the PDF is the same, byte for byte.
 * Running furniture is left off (layout_doc_strip_furniture's boxes): it
 * is laid out again when the page is replayed, with the page count known.
 * A page-number reference ("see page 12") keeps its PangoLayout, one
 * number long, so that it can be numbered again then too.
 *
 * What stays in memory: one reference per font and image the pages use,
 * the styles made during layout (taken over from each recorded LayoutDoc)
 * until the tape is freed, and each chart's plan until its page has been
 * given back and drawn — without the PangoLayouts of its labels, which are
 * most of a plan's memory: each label keeps what its layout was made of
 * (font, text, width, height, wrap, ellipsis, alignment, attributes) and
 * is laid out again, the same way in the same context, when its page is
 * given back. Pointers to what the
 * caller keeps alive (each page's style and meta, fonts, languages) are
 * written as they are: a tape is read back in the process that wrote it.
 * A LayoutBox field added later that points into its LayoutDoc (freed
 * once taped) must be written out here like dest, title, alt and links;
 * test_render_tape.c draws both samples both ways and compares bytes.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/outfile.h"
#include "base/textcache.h"
#include "chart/chart.h"
#include "render_internal.h"

struct RenderTape {
  FILE *file;
  gboolean reading;
  int err;              /* first errno, 0 if none */
  GHashTable *held;     /* fonts (GObject) and image surfaces kept alive for the pages */
  GHashTable *charts;   /* ChartPlan* taken from recorded docs → its TapeChart */
  GPtrArray *drawn;     /* charts given back by the last render_tape_next: freed at the next */
  GPtrArray *styles;    /* Style*s taken from recorded docs */
  GHashTable *texts;    /* while replaying: box → TapeText */
  PangoContext *ctx;    /* while replaying */
};

/* A text box given back: its layout's text and its lines. */
typedef struct {
  char *text;
  GArray *places;       /* of LinePlace, each line a TapeLine */
  PangoLayout *stub;    /* holds `text` for Pango's drawing */
} TapeText;

/* ---- charts --------------------------------------------------------------- */

/* A chart label without its layout: what it was made of. */
typedef struct {
  ChartItem *item;
  PangoFontDescription *font;
  PangoAttrList *attrs;
  char *text;
  int width, height;
  PangoWrapMode wrap;
  PangoEllipsizeMode ellipsize;
  PangoAlignment alignment;
  GBytes *key; /* the shared layout's (base/textcache.h), or NULL */
} TapeLabel;

typedef struct {
  ChartPlan *plan;
  GArray *labels; /* of TapeLabel, while the labels have no layouts */
} TapeChart;

static void labels_clear(GArray *labels) {
  for (guint i = 0; i < labels->len; i++) {
    TapeLabel *l = &g_array_index(labels, TapeLabel, i);
    if (l->font) pango_font_description_free(l->font);
    if (l->attrs) pango_attr_list_unref(l->attrs);
    g_free(l->text);
    if (l->key) g_bytes_unref(l->key);
  }
  g_array_set_size(labels, 0);
}

static void tape_chart_free(gpointer p) {
  TapeChart *c = p;
  labels_clear(c->labels);
  g_array_free(c->labels, TRUE);
  chart_plan_free(c->plan);
  g_free(c);
}

static TapeChart *chart_slim(ChartPlan *plan) {
  TapeChart *c = g_new0(TapeChart, 1);
  c->plan = plan;
  c->labels = g_array_new(FALSE, TRUE, sizeof(TapeLabel));
  for (guint i = 0; i < plan->items->len; i++) {
    ChartItem *it = g_ptr_array_index(plan->items, i);
    if (!it->layout) continue;
    PangoLayout *l = it->layout;
    const PangoFontDescription *font = pango_layout_get_font_description(l);
    PangoAttrList *attrs = pango_layout_get_attributes(l);
    TapeLabel label = {it, font ? pango_font_description_copy(font) : NULL, attrs ? pango_attr_list_ref(attrs) : NULL,
                       g_strdup(pango_layout_get_text(l)), pango_layout_get_width(l), pango_layout_get_height(l),
                       pango_layout_get_wrap(l), pango_layout_get_ellipsize(l), pango_layout_get_alignment(l),
                       textcache_key_of(l) ? g_bytes_ref(textcache_key_of(l)) : NULL};
    g_array_append_val(c->labels, label);
    g_object_unref(l);
    it->layout = NULL;
  }
  return c;
}

/* The labels laid out again, as they were made (chart_items.c and the
 * planners set nothing else), or the same shared layouts again when they
 * are still cached (a pack's copies of one chart, its repeated ticks). */
static void chart_inflate(TapeChart *c, PangoContext *ctx) {
  for (guint i = 0; i < c->labels->len; i++) {
    TapeLabel *label = &g_array_index(c->labels, TapeLabel, i);
    PangoLayout *l = label->key ? textcache_get(label->key) : NULL;
    if (l) {
      label->item->layout = l;
      continue;
    }
    l = pango_layout_new(ctx);
    if (label->font) pango_layout_set_font_description(l, label->font);
    if (label->attrs) pango_layout_set_attributes(l, label->attrs);
    pango_layout_set_text(l, label->text, -1);
    pango_layout_set_width(l, label->width);
    pango_layout_set_height(l, label->height);
    pango_layout_set_wrap(l, label->wrap);
    pango_layout_set_ellipsize(l, label->ellipsize);
    pango_layout_set_alignment(l, label->alignment);
    label->item->layout = l;
  }
  labels_clear(c->labels);
}

/* ---- writing ------------------------------------------------------------ */

static void put(RenderTape *t, const void *data, gsize len) {
  if (!t->err && len && fwrite(data, 1, len, t->file) != len) t->err = errno ? errno : EIO;
}

static void put_u32(RenderTape *t, guint32 v) { put(t, &v, sizeof v); }

static void put_str(RenderTape *t, const char *s) {
  put_u32(t, s ? (guint32)strlen(s) : G_MAXUINT32);
  if (s) put(t, s, strlen(s));
}

static void hold(RenderTape *t, gpointer obj, gboolean surface) {
  if (!obj || g_hash_table_contains(t->held, obj)) return;
  g_hash_table_insert(t->held, obj, GINT_TO_POINTER(surface));
  if (surface) cairo_surface_reference(obj);
  else g_object_ref(obj);
}

/* The attributes drawing reads from a run (pango_renderer_prepare_run and
 * the rise), as (type, value) pairs; the rest only shaped the text. */
static gboolean attr_drawn(const PangoAttribute *a) {
  return a->klass->type == PANGO_ATTR_FOREGROUND || a->klass->type == PANGO_ATTR_RISE;
}

static void put_attrs(RenderTape *t, GSList *attrs) {
  guint32 n = 0;
  for (GSList *l = attrs; l; l = l->next) n += attr_drawn(l->data);
  put_u32(t, n);
  for (GSList *l = attrs; l; l = l->next) {
    const PangoAttribute *a = l->data;
    if (!attr_drawn(a)) continue;
    put_u32(t, a->klass->type);
    if (a->klass->type == PANGO_ATTR_FOREGROUND) put(t, &((const PangoAttrColor *)a)->color, sizeof(PangoColor));
    else put(t, &((const PangoAttrInt *)a)->value, sizeof(int));
  }
}

static void put_run(RenderTape *t, const PangoGlyphItem *run) {
  const PangoItem *item = run->item;
  put(t, &item->offset, sizeof item->offset);
  put(t, &item->length, sizeof item->length);
  put(t, &item->num_chars, sizeof item->num_chars);
  put(t, &item->analysis, sizeof item->analysis);
  hold(t, item->analysis.font, FALSE);
  put_attrs(t, item->analysis.extra_attrs);
  put(t, &run->y_offset, sizeof run->y_offset);
  put(t, &run->start_x_offset, sizeof run->start_x_offset);
  put(t, &run->end_x_offset, sizeof run->end_x_offset);
  const PangoGlyphString *g = run->glyphs;
  put(t, &g->num_glyphs, sizeof g->num_glyphs);
  put(t, g->glyphs, sizeof(PangoGlyphInfo) * (gsize)g->num_glyphs);
  put(t, g->log_clusters, sizeof(int) * (gsize)g->num_glyphs);
}

static void put_text(RenderTape *t, const LayoutBox *b) {
  put_str(t, pango_layout_get_text(b->layout));
  GArray *places = render_line_places(b);
  put_u32(t, places->len);
  for (guint i = 0; i < places->len; i++) {
    const LinePlace *lp = &g_array_index(places, LinePlace, i);
    put(t, lp, sizeof *lp); /* the line pointer is written over on replay */
    const PangoLayoutLine *line = lp->line;
    put(t, line, sizeof *line);
    put_u32(t, g_slist_length(line->runs));
    for (GSList *l = line->runs; l; l = l->next) put_run(t, l->data);
  }
  g_array_free(places, TRUE);
}

static gboolean is_furniture(const LayoutBox *b) {
  return b->kind == BOX_TEXT && b->tag == LAYOUT_TAG_NONE && b->furniture;
}

static void put_box(RenderTape *t, const LayoutBox *b) {
  put(t, b, sizeof *b);
  put_str(t, b->dest);
  put_str(t, b->title);
  put_str(t, b->alt);
  put_str(t, b->lang);
  put_str(t, b->page_ref);
  for (guint i = 0; i < b->n_links; i++) {
    put(t, &b->links[i], sizeof b->links[i]);
    put_str(t, b->links[i].uri);
  }
  if (b->image) hold(t, b->image, TRUE);
  if (b->kind == BOX_TEXT && b->page_ref) g_object_ref(b->layout); /* given to the box replayed */
  else if (b->kind == BOX_TEXT) put_text(t, b);
}

static void put_page(RenderTape *t, const LayoutPage *page) {
  put(t, page, sizeof *page);
  guint32 n = 0;
  for (guint i = 0; i < page->boxes->len; i++) n += !is_furniture(g_ptr_array_index(page->boxes, i));
  put_u32(t, n);
  for (guint i = 0; i < page->boxes->len; i++) {
    const LayoutBox *b = g_ptr_array_index(page->boxes, i);
    if (!is_furniture(b)) put_box(t, b);
  }
}

static gboolean tape_error(RenderTape *t, GError **error) {
  if (!t->err) return TRUE;
  g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(t->err), "cannot %s the scratch file: %s",
              t->reading ? "read" : "write", g_strerror(t->err));
  return FALSE;
}

RenderTape *render_tape_new(const char *near, GError **error) {
  int fd = outfile_scratch(near, error);
  if (fd < 0) return NULL;
  RenderTape *t = g_new0(RenderTape, 1);
  t->file = fdopen(fd, "w+b");
  if (!t->file) {
    close(fd);
    g_free(t);
    g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno), "cannot use the scratch file: %s",
                g_strerror(errno));
    return NULL;
  }
  t->held = g_hash_table_new(NULL, NULL);
  t->charts = g_hash_table_new_full(NULL, NULL, NULL, tape_chart_free);
  t->drawn = g_ptr_array_new();
  t->styles = g_ptr_array_new_with_free_func((GDestroyNotify)style_free);
  return t;
}

/* Styles made during layout, which the pages point at, move from the doc
 * to the tape (charts too, by record below). */
static void take_all(GPtrArray *to, GPtrArray *from, GDestroyNotify free_func) {
  for (guint i = 0; i < from->len; i++) g_ptr_array_add(to, g_ptr_array_index(from, i));
  g_ptr_array_set_free_func(from, NULL);
  g_ptr_array_set_size(from, 0);
  g_ptr_array_set_free_func(from, free_func);
}

gboolean render_tape_record(RenderTape *t, LayoutDoc *doc, GError **error) {
  g_return_val_if_fail(!t->reading, FALSE);
  for (guint p = 0; p < doc->pages->len; p++) put_page(t, g_ptr_array_index(doc->pages, p));
  for (guint i = 0; i < doc->charts->len; i++) {
    ChartPlan *plan = g_ptr_array_index(doc->charts, i);
    g_hash_table_insert(t->charts, plan, chart_slim(plan));
  }
  g_ptr_array_set_free_func(doc->charts, NULL);
  g_ptr_array_set_size(doc->charts, 0);
  g_ptr_array_set_free_func(doc->charts, (GDestroyNotify)chart_plan_free);
  take_all(t->styles, doc->styles, (GDestroyNotify)style_free);
  return tape_error(t, error);
}

void render_tape_record_page(RenderTape *t, const LayoutPage *page) {
  g_return_if_fail(!t->reading);
  put_page(t, page);
}

/* ---- reading -------------------------------------------------------------- */

static void get(RenderTape *t, void *data, gsize len) {
  if (t->err) {
    memset(data, 0, len);
    return;
  }
  if (len && fread(data, 1, len, t->file) != len) {
    t->err = ferror(t->file) ? (errno ? errno : EIO) : EIO;
    memset(data, 0, len);
  }
}

static guint32 get_u32(RenderTape *t) {
  guint32 v = 0;
  get(t, &v, sizeof v);
  return v;
}

/* A string, kept in `doc`'s strings; NULL as it was written. */
static const char *get_str(RenderTape *t, LayoutDoc *doc) {
  guint32 len = get_u32(t);
  if (len == G_MAXUINT32 || t->err) return NULL;
  char *s = g_malloc(len + 1);
  get(t, s, len);
  s[len] = '\0';
  const char *kept = g_string_chunk_insert_len(doc->strings, s, len);
  g_free(s);
  return kept;
}

static GSList *get_attrs(RenderTape *t) {
  GSList *attrs = NULL;
  for (guint32 n = get_u32(t); n > 0 && !t->err; n--) {
    guint32 type = get_u32(t);
    PangoAttribute *a;
    if (type == PANGO_ATTR_FOREGROUND) {
      PangoColor c;
      get(t, &c, sizeof c);
      a = pango_attr_foreground_new(c.red, c.green, c.blue);
    } else {
      int v = 0;
      get(t, &v, sizeof v);
      a = pango_attr_rise_new(v);
    }
    attrs = g_slist_prepend(attrs, a);
  }
  return g_slist_reverse(attrs);
}

static PangoGlyphItem *get_run(RenderTape *t) {
  PangoItem *item = pango_item_new();
  get(t, &item->offset, sizeof item->offset);
  get(t, &item->length, sizeof item->length);
  get(t, &item->num_chars, sizeof item->num_chars);
  get(t, &item->analysis, sizeof item->analysis);
  if (item->analysis.font) g_object_ref(item->analysis.font); /* pango_item_free drops it */
  item->analysis.extra_attrs = get_attrs(t);
  PangoGlyphItem *run = g_new0(PangoGlyphItem, 1);
  run->item = item;
  get(t, &run->y_offset, sizeof run->y_offset);
  get(t, &run->start_x_offset, sizeof run->start_x_offset);
  get(t, &run->end_x_offset, sizeof run->end_x_offset);
  int n = 0;
  get(t, &n, sizeof n);
  run->glyphs = pango_glyph_string_new();
  if (n > 0 && !t->err) {
    pango_glyph_string_set_size(run->glyphs, n);
    get(t, run->glyphs->glyphs, sizeof(PangoGlyphInfo) * (gsize)n);
    get(t, run->glyphs->log_clusters, sizeof(int) * (gsize)n);
  }
  return run;
}

/* A line for Pango to draw: the public part of a PangoLayoutLine, in a
 * zeroed block as large as Pango's own (whose private tail drawing never
 * reads for text without underlines or backgrounds). */
#define TAPE_LINE_SIZE 256

/* A run made by get_run: its parts are Pango's, the run is ours. */
static void tape_run_free(gpointer p) {
  PangoGlyphItem *run = p;
  pango_item_free(run->item);
  pango_glyph_string_free(run->glyphs);
  g_free(run);
}

static void tape_line_free(PangoLayoutLine *line) {
  g_slist_free_full(line->runs, tape_run_free);
  g_free(line);
}

static void tape_text_free(gpointer p) {
  TapeText *tt = p;
  for (guint i = 0; i < tt->places->len; i++) tape_line_free(g_array_index(tt->places, LinePlace, i).line);
  g_array_free(tt->places, TRUE);
  g_object_unref(tt->stub);
  g_free(tt->text);
  g_free(tt);
}

static TapeText *get_text(RenderTape *t) {
  TapeText *tt = g_new0(TapeText, 1);
  guint32 len = get_u32(t);
  if (len == G_MAXUINT32) len = 0;
  tt->text = g_malloc(len + 1);
  get(t, tt->text, len);
  tt->text[len] = '\0';
  tt->stub = pango_layout_new(t->ctx);
  pango_layout_set_text(tt->stub, tt->text, (int)len);
  tt->places = g_array_new(FALSE, FALSE, sizeof(LinePlace));
  for (guint32 n = get_u32(t); n > 0 && !t->err; n--) {
    LinePlace lp;
    get(t, &lp, sizeof lp);
    PangoLayoutLine *line = g_malloc0(MAX(TAPE_LINE_SIZE, sizeof *line));
    get(t, line, sizeof *line);
    line->layout = tt->stub;
    line->runs = NULL;
    for (guint32 r = get_u32(t); r > 0 && !t->err; r--) line->runs = g_slist_prepend(line->runs, get_run(t));
    line->runs = g_slist_reverse(line->runs);
    lp.line = line;
    g_array_append_val(tt->places, lp);
  }
  return tt;
}

static LayoutBox *get_box(RenderTape *t, LayoutDoc *doc, LayoutPage *page) {
  LayoutBox *b = g_new0(LayoutBox, 1);
  get(t, b, sizeof *b);
  b->dest = get_str(t, doc);
  b->title = get_str(t, doc);
  b->alt = get_str(t, doc);
  b->lang = get_str(t, doc);
  b->page_ref = get_str(t, doc);
  if (!b->page_ref) b->layout = NULL;
  if (b->n_links && !t->err) {
    LayoutLink *links = g_new0(LayoutLink, b->n_links);
    for (guint i = 0; i < b->n_links; i++) {
      get(t, &links[i], sizeof links[i]);
      links[i].uri = get_str(t, doc);
    }
    g_ptr_array_add(doc->owned, links);
    b->links = links;
  } else {
    b->links = NULL, b->n_links = 0;
  }
  if (b->image) cairo_surface_reference(b->image); /* held by the tape; the box frees its own */
  TapeChart *chart = b->chart ? g_hash_table_lookup(t->charts, b->chart) : NULL;
  if (chart && chart->labels->len) {
    chart_inflate(chart, t->ctx);
    g_ptr_array_add(t->drawn, chart->plan);
  }
  g_ptr_array_add(page->boxes, b);
  if (b->kind == BOX_TEXT && !b->layout) g_hash_table_insert(t->texts, b, get_text(t));
  return b;
}

/* What the last pages given back needed, once they have been drawn. */
static void replay_done(RenderTape *t) {
  if (t->texts) g_hash_table_destroy(t->texts);
  t->texts = NULL;
  for (guint i = 0; i < t->drawn->len; i++) g_hash_table_remove(t->charts, g_ptr_array_index(t->drawn, i));
  g_ptr_array_set_size(t->drawn, 0);
}

LayoutDoc *render_tape_next(RenderTape *t, guint n_pages, PangoContext *ctx, GError **error) {
  if (!t->reading) {
    t->reading = TRUE;
    if (fflush(t->file) != 0 || fseek(t->file, 0, SEEK_SET) != 0) t->err = t->err ? t->err : errno;
  }
  replay_done(t);
  t->texts = g_hash_table_new_full(NULL, NULL, NULL, tape_text_free);
  t->ctx = ctx;
  LayoutDoc *doc = layout_doc_new();
  for (guint p = 0; p < n_pages && !t->err; p++) {
    LayoutPage written;
    get(t, &written, sizeof written);
    if (t->err) break;
    LayoutPage *page = layout_page_new(doc, written.style);
    page->width = written.width, page->height = written.height, page->meta = written.meta;
    for (guint32 n = get_u32(t); n > 0 && !t->err; n--) get_box(t, doc, page);
  }
  if (tape_error(t, error)) return doc;
  replay_done(t);
  layout_doc_free(doc);
  return NULL;
}

const GArray *render_tape_text(RenderPdf *w, const LayoutBox *b, const char **text) {
  RenderTape *t = w ? render_pdf_tape(w) : NULL;
  TapeText *tt = t && t->texts ? g_hash_table_lookup(t->texts, b) : NULL;
  if (!tt) return NULL;
  *text = tt->text;
  return tt->places;
}

void render_tape_free(RenderTape *t) {
  if (!t) return;
  replay_done(t);
  fclose(t->file);
  GHashTableIter it;
  gpointer obj, surface;
  g_hash_table_iter_init(&it, t->held);
  while (g_hash_table_iter_next(&it, &obj, &surface)) {
    if (GPOINTER_TO_INT(surface)) cairo_surface_destroy(obj);
    else g_object_unref(obj);
  }
  g_hash_table_destroy(t->held);
  g_hash_table_destroy(t->charts);
  g_ptr_array_free(t->drawn, TRUE);
  g_ptr_array_free(t->styles, TRUE);
  g_free(t);
}
