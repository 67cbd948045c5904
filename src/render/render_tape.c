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
 *     before: the PDF is the same, byte for byte. (Pango reads only the
 *     text and the context of a line's layout when drawing it: every line
 *     replayed has one layout, given its box's text as the box is drawn.)
 * Running furniture is left off (layout_doc_strip_furniture's boxes): it
 * is laid out again when the page is replayed, with the page count known.
 * A page-number reference ("see page 12") is written as what its layout
 * was made of (font, attributes, text, width, wrap, alignment, spacing)
 * and laid out again, the same way in the same context, when its page is
 * given back, so that it can be numbered again then. A chart label is
 * written as its font, form and text and given back as the shared layout
 * of these (chart_label_layout): the one its planner made, when the tape
 * is read where it was written, and laid out once per process otherwise.
 *
 * A tape may be written by another process than the one that reads it (a
 * pack's worker, forked once every report was built: pack_build.c), so
 * nothing made while laying out is written as a pointer: each font (as
 * its description, loaded again from the reader's font map), house style
 * (the Style and its strings), image (its pixels) and chart (its plan) is
 * written in full where it is first used and named by a number after
 * that; languages by their tags. Pointers written as they are point only
 * at what existed before the fork: each page's meta, which the reader
 * sets again. A LayoutBox field added later that points into its
 * LayoutDoc or at something made during layout must be written out here
 * like dest, title, alt, links and these; test_render_tape.c draws both
 * samples both ways and compares bytes, and the pack's e2e test compares
 * a pack written on one worker and on two.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/outfile.h"
#include "chart/chart.h"
#include "render_internal.h"

/* The tape is read and written through a buffer of this size: its
 * pieces are small (a glyph run is ten of them), and a stdio call per
 * piece cost more than writing them. */
#define TAPE_CHUNK (64 * 1024)

struct RenderTape {
  FILE *file;
  guint8 *buf;          /* TAPE_CHUNK bytes: writing, what is not in the file yet; reading, what is read ahead */
  gsize n, pos;         /* bytes in buf; reading, how many of them are taken */
  GByteArray *spare;    /* reading: a piece that was not all in buf (get_view) */
  gboolean reading;
  off_t read_at;        /* reading: where in the file the next chunk is read from (pread: a process
                         * forked while reading, which shares the file's offset, reads on its own) */
  int err;              /* first errno, 0 if none */
  GHashTable *ids;      /* writing: font or image → its number (1, 2 …) */
  GHashTable *style_ids; /* writing: style → its number, for the doc being recorded (its styles die with it) */
  guint32 n_ids;        /* numbers given so far */
  GPtrArray *held;      /* writing: a reference to each font and image numbered, so that no other */
  GPtrArray *held_images; /* object takes its address (and its number) while the tape lives */
  GPtrArray *objs;      /* reading: by number - 1, what was written for it (TapeObj) */
  GPtrArray *drawn;     /* charts given back by the last render_tape_next: freed at the next */
  GHashTable *texts;    /* while replaying: box → TapeText */
  PangoContext *ctx;    /* while replaying */
  PangoLayout *stub;    /* while replaying, in ctx: every line's layout, holding the text of the box being drawn */
  GPtrArray *blocks;    /* while replaying: what the texts given back are made of (tape_alloc) */
  guint8 *block_at;     /* the rest of the last block */
  gsize block_left;
  GHashTable *attrs;    /* reading: (type, value) → the attribute runs share (get_attr) */
  GPtrArray *spare_places; /* reading: the places arrays of texts drawn, emptied, for the next texts */
};

/* What a number on the tape stands for, once read. */
typedef enum { TAPE_FONT, TAPE_STYLE, TAPE_IMAGE, TAPE_LANGUAGE } TapeObjKind;

typedef struct {
  TapeObjKind kind;
  gpointer obj; /* PangoFont*, Style*, cairo_surface_t*: the tape's reference; PangoLanguage*, Pango's for ever */
} TapeObj;

/* A text box given back: its layout's text and its lines. */
typedef struct {
  char *text;
  guint32 len;
  GArray *places;       /* of LinePlace, each line a TapeLine */
} TapeText;

/* A number with this bit set is followed by what it stands for. */
#define TAPE_NEW 0x80000000u

/* ---- writing ------------------------------------------------------------ */

static void put_direct(RenderTape *t, const void *data, gsize len) {
  if (!t->err && len && fwrite(data, 1, len, t->file) != len) t->err = errno ? errno : EIO;
}

/* What is buffered, into the file. */
static void put_flush(RenderTape *t) {
  put_direct(t, t->buf, t->n);
  t->n = 0;
}

static void put(RenderTape *t, const void *data, gsize len) {
  if (t->n + len > TAPE_CHUNK) {
    put_flush(t);
    if (len > TAPE_CHUNK) {
      put_direct(t, data, len);
      return;
    }
  }
  memcpy(t->buf + t->n, data, len);
  t->n += len;
}

static void put_u32(RenderTape *t, guint32 v) { put(t, &v, sizeof v); }

static void put_str(RenderTape *t, const char *s) {
  put_u32(t, s ? (guint32)strlen(s) : G_MAXUINT32);
  if (s) put(t, s, strlen(s));
}

static void put_str_free(RenderTape *t, char *s) {
  put_str(t, s);
  g_free(s);
}

/* `obj`'s number in `ids`; TRUE the first time, when what it stands for
 * must follow. NULL is 0. */
static gboolean put_ref(RenderTape *t, GHashTable *ids, gconstpointer obj) {
  guint32 id = obj ? GPOINTER_TO_UINT(g_hash_table_lookup(ids, obj)) : 0;
  if (!obj || id) {
    put_u32(t, id);
    return FALSE;
  }
  id = ++t->n_ids;
  g_hash_table_insert(ids, (gpointer)obj, GUINT_TO_POINTER(id));
  put_u32(t, id | TAPE_NEW);
  return TRUE;
}

/* A font as its description, size absolute. */
static void put_font(RenderTape *t, PangoFont *font) {
  if (!put_ref(t, t->ids, font)) return;
  g_ptr_array_add(t->held, g_object_ref(font));
  PangoFontDescription *fd = pango_font_describe_with_absolute_size(font);
  put_str_free(t, pango_font_description_to_string(fd));
  pango_font_description_free(fd);
}

static char **style_strings(Style *s, guint *n) {
  static char **fields[STYLE_COUNT + 9];
  guint k = 0;
  fields[k++] = &s->name;
  for (int r = 0; r < STYLE_COUNT; r++) fields[k++] = &s->text[r].family;
  for (int i = 0; i < 3; i++) fields[k++] = &s->bullets[i];
  fields[k++] = &s->header_left, fields[k++] = &s->header_right;
  fields[k++] = &s->footer_left, fields[k++] = &s->footer_centre, fields[k++] = &s->footer_right;
  *n = k;
  return (char **)fields;
}

/* A language by its tag, the first time (Pango keeps every language it
 * has made for ever, so the pointer names it while the tape lives). */
static void put_language(RenderTape *t, PangoLanguage *language) {
  if (put_ref(t, t->ids, language)) put_str(t, pango_language_to_string(language));
}

/* A house style whole: the struct, then every string it owns (style_free's). */
static void put_style(RenderTape *t, const Style *style) {
  if (!put_ref(t, t->style_ids, style)) return;
  put(t, style, sizeof *style);
  guint n;
  char ***fields = (char ***)style_strings((Style *)style, &n);
  for (guint i = 0; i < n; i++) put_str(t, *fields[i]);
}

/* An image as its pixels (nothing else of a surface reaches the PDF). */
static void put_image(RenderTape *t, cairo_surface_t *image) {
  if (!put_ref(t, t->ids, image)) return;
  g_ptr_array_add(t->held_images, cairo_surface_reference(image));
  cairo_surface_flush(image);
  gint32 head[4] = {cairo_image_surface_get_format(image), cairo_image_surface_get_width(image),
                    cairo_image_surface_get_height(image), cairo_image_surface_get_stride(image)};
  put(t, head, sizeof head);
  put(t, cairo_image_surface_get_data(image), (gsize)head[3] * (gsize)head[2]);
}

/* What a layout was made of (layout_text_plain's and the chart
 * planners' settings), so that it can be made again. */
static void put_layout(RenderTape *t, PangoLayout *l) {
  const PangoFontDescription *fd = pango_layout_get_font_description(l);
  PangoAttrList *attrs = pango_layout_get_attributes(l);
  put_str_free(t, fd ? pango_font_description_to_string(fd) : NULL);
  put_str_free(t, attrs ? pango_attr_list_to_string(attrs) : NULL);
  put_str(t, pango_layout_get_text(l));
  gint32 v[7] = {pango_layout_get_width(l), pango_layout_get_height(l), pango_layout_get_wrap(l),
                 pango_layout_get_ellipsize(l), pango_layout_get_alignment(l), pango_layout_get_justify(l),
                 pango_layout_get_indent(l)};
  put(t, v, sizeof v);
  float spacing = pango_layout_get_line_spacing(l);
  put(t, &spacing, sizeof spacing);
}

/* A font description field by field, the fields it sets among them, so
 * that it is made again equal (as pango_font_description_from_string
 * would not make it: that sets style, weight, variant and stretch). */
static void put_font_desc(RenderTape *t, const PangoFontDescription *fd) {
  gint32 f[8] = {0};
  if (fd)
    f[0] = (gint32)pango_font_description_get_set_fields(fd), f[1] = pango_font_description_get_size(fd),
    f[2] = pango_font_description_get_size_is_absolute(fd), f[3] = (gint32)pango_font_description_get_weight(fd),
    f[4] = (gint32)pango_font_description_get_style(fd), f[5] = (gint32)pango_font_description_get_variant(fd),
    f[6] = (gint32)pango_font_description_get_stretch(fd), f[7] = (gint32)pango_font_description_get_gravity(fd);
  put(t, f, sizeof f);
  put_str(t, fd ? pango_font_description_get_family(fd) : NULL);
  put_str(t, fd ? pango_font_description_get_variations(fd) : NULL);
}

/* A chart label as its font, form and text: taken back, it is the shared
 * layout of these (chart_label_layout), laid out once per process. The
 * planners set nothing else on a label. */
static void put_label(RenderTape *t, PangoLayout *l) {
  put_font_desc(t, pango_layout_get_font_description(l));
  ChartForm form = chart_layout_form(l);
  put(t, &form, sizeof form);
  put_str(t, pango_layout_get_text(l));
}

/* A chart's plan whole: its items, their points and text, their labels
 * (put_label). */
static void put_chart(RenderTape *t, const ChartPlan *plan) {
  put(t, plan, sizeof *plan);
  put_u32(t, plan->items->len);
  for (guint i = 0; i < plan->items->len; i++) {
    const ChartItem *it = g_ptr_array_index(plan->items, i);
    put(t, it, sizeof *it);
    if (it->n_pts > 0) put(t, it->pts, sizeof(double) * 2 * (gsize)it->n_pts);
    put_str(t, it->text);
    if (it->layout) put_label(t, it->layout);
  }
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

/* Pango's glyphs and lines are written field by field into zeroed copies:
 * the unused bits of their bitfields were never set, and a tape must not
 * carry undefined bytes (valgrind sees them written; the tape would not be
 * the same bytes run to run). */
static void put_glyphs(RenderTape *t, const PangoGlyphString *g) {
  PangoGlyphInfo chunk[64];
  for (int i = 0; i < g->num_glyphs;) {
    int n = MIN(g->num_glyphs - i, (int)G_N_ELEMENTS(chunk));
    memset(chunk, 0, sizeof chunk);
    for (int k = 0; k < n; k++) {
      const PangoGlyphInfo *from = &g->glyphs[i + k];
      chunk[k].glyph = from->glyph;
      chunk[k].geometry = from->geometry;
      chunk[k].attr.is_cluster_start = from->attr.is_cluster_start;
      chunk[k].attr.is_color = from->attr.is_color;
    }
    put(t, chunk, sizeof(PangoGlyphInfo) * (gsize)n);
    i += n;
  }
}

/* The public part of a line; its layout and runs are made again on replay. */
static void put_line(RenderTape *t, const PangoLayoutLine *line) {
  PangoLayoutLine copy;
  memset(&copy, 0, sizeof copy);
  copy.start_index = line->start_index;
  copy.length = line->length;
  copy.is_paragraph_start = line->is_paragraph_start;
  copy.resolved_dir = line->resolved_dir;
  put(t, &copy, sizeof copy);
}

static void put_run(RenderTape *t, const PangoGlyphItem *run) {
  const PangoItem *item = run->item;
  put(t, &item->offset, sizeof item->offset);
  put(t, &item->length, sizeof item->length);
  put(t, &item->num_chars, sizeof item->num_chars);
  put(t, &item->analysis, sizeof item->analysis); /* its font and language written over on reading */
  put_font(t, item->analysis.font);
  put_language(t, item->analysis.language);
  put_attrs(t, item->analysis.extra_attrs);
  put(t, &run->y_offset, sizeof run->y_offset);
  put(t, &run->start_x_offset, sizeof run->start_x_offset);
  put(t, &run->end_x_offset, sizeof run->end_x_offset);
  const PangoGlyphString *g = run->glyphs;
  put(t, &g->num_glyphs, sizeof g->num_glyphs);
  put_glyphs(t, g);
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
    put_line(t, line);
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
  if (b->image) put_image(t, b->image);
  if (b->chart) put_chart(t, b->chart);
  if (b->kind == BOX_TEXT && b->page_ref) put_layout(t, b->layout); /* numbered again on replay */
  else if (b->kind == BOX_TEXT) put_text(t, b);
}

static void put_page(RenderTape *t, const LayoutPage *page) {
  put(t, page, sizeof *page);
  put_style(t, page->style);
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

static void tape_obj_free(gpointer p) {
  TapeObj *o = p;
  if (o->kind == TAPE_FONT) g_object_unref(o->obj);
  else if (o->kind == TAPE_STYLE) style_free(o->obj);
  else if (o->kind == TAPE_IMAGE) cairo_surface_destroy(o->obj);
  g_free(o);
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
  t->buf = g_malloc(TAPE_CHUNK);
  t->spare = g_byte_array_new();
  t->ids = g_hash_table_new(NULL, NULL);
  t->style_ids = g_hash_table_new(NULL, NULL);
  t->held = g_ptr_array_new_with_free_func(g_object_unref);
  t->held_images = g_ptr_array_new_with_free_func((GDestroyNotify)cairo_surface_destroy);
  t->objs = g_ptr_array_new_with_free_func(tape_obj_free);
  t->drawn = g_ptr_array_new_with_free_func((GDestroyNotify)chart_plan_free);
  t->blocks = g_ptr_array_new_with_free_func(g_free);
  t->spare_places = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
  t->attrs = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, (GDestroyNotify)pango_attribute_destroy);
  return t;
}

gboolean render_tape_record(RenderTape *t, LayoutDoc *doc, GError **error) {
  g_return_val_if_fail(!t->reading, FALSE);
  for (guint p = 0; p < doc->pages->len; p++) put_page(t, g_ptr_array_index(doc->pages, p));
  g_hash_table_remove_all(t->style_ids); /* the next doc's may be made where these were */
  put_flush(t);                          /* so that an error is this doc's */
  return tape_error(t, error);
}

void render_tape_record_page(RenderTape *t, const LayoutPage *page) {
  g_return_if_fail(!t->reading);
  put_page(t, page);
}

gboolean render_tape_flush(RenderTape *t, GError **error) {
  put_flush(t);
  if (!t->err && fflush(t->file) != 0) t->err = errno ? errno : EIO;
  return tape_error(t, error);
}

/* ---- reading -------------------------------------------------------------- */

/* get's way when `len` bytes are not all in the buffer: the rest read
 * ahead, a chunk at a time; zeros from the first error on. */
static void get_slow(RenderTape *t, guint8 *data, gsize len) {
  while (len && !t->err) {
    if (t->pos == t->n) {
      ssize_t got = pread(fileno(t->file), t->buf, TAPE_CHUNK, t->read_at);
      if (got < 0 && errno == EINTR) continue;
      t->n = got > 0 ? (gsize)got : 0, t->pos = 0, t->read_at += t->n;
      if (t->n == 0) t->err = got < 0 ? errno : EIO;
      continue;
    }
    gsize k = MIN(len, t->n - t->pos);
    memcpy(data, t->buf + t->pos, k);
    t->pos += k, data += k, len -= k;
  }
  if (len) memset(data, 0, len);
  if (t->err) t->n = t->pos = 0; /* nothing more from the buffer */
}

static void get(RenderTape *t, void *data, gsize len) {
  if (t->pos + len <= t->n) {
    memcpy(data, t->buf + t->pos, len);
    t->pos += len;
  } else {
    get_slow(t, data, len);
  }
}

/* `len` bytes from the tape, borrowed until the next read. */
static const guint8 *get_view(RenderTape *t, gsize len) {
  if (t->pos + len <= t->n) {
    const guint8 *p = t->buf + t->pos;
    t->pos += len;
    return p;
  }
  g_byte_array_set_size(t->spare, (guint)len);
  get_slow(t, t->spare->data, len);
  return t->spare->data;
}

static guint32 get_u32(RenderTape *t) {
  guint32 v = 0;
  get(t, &v, sizeof v);
  return v;
}

/* A string, g_free it; NULL as it was written. */
static char *get_str_new(RenderTape *t) {
  guint32 len = get_u32(t);
  if (len == G_MAXUINT32 || t->err) return NULL;
  char *s = g_malloc(len + 1);
  get(t, s, len);
  s[len] = '\0';
  return s;
}

/* A string, kept in `doc`'s strings; NULL as it was written. */
static const char *get_str(RenderTape *t, LayoutDoc *doc) {
  guint32 len = get_u32(t);
  if (len == G_MAXUINT32 || t->err) return NULL;
  return g_string_chunk_insert_len(doc->strings, (const char *)get_view(t, len), len);
}

static PangoFont *font_read(RenderTape *t) {
  char *desc = get_str_new(t);
  PangoFontDescription *fd = pango_font_description_from_string(desc ? desc : "");
  PangoFont *font = pango_font_map_load_font(pango_context_get_font_map(t->ctx), t->ctx, fd);
  pango_font_description_free(fd);
  g_free(desc);
  return font;
}

static PangoLanguage *language_read(RenderTape *t) {
  char *tag = get_str_new(t);
  PangoLanguage *language = pango_language_from_string(tag);
  g_free(tag);
  return language;
}

static Style *style_read(RenderTape *t) {
  Style *s = g_new0(Style, 1);
  get(t, s, sizeof *s);
  guint n;
  char ***fields = (char ***)style_strings(s, &n);
  for (guint i = 0; i < n; i++) *fields[i] = get_str_new(t);
  return s;
}

static cairo_surface_t *image_read(RenderTape *t) {
  gint32 head[4];
  get(t, head, sizeof head);
  cairo_surface_t *image = cairo_image_surface_create(head[0], MAX(head[1], 0), MAX(head[2], 0));
  if (cairo_surface_status(image) != CAIRO_STATUS_SUCCESS || cairo_image_surface_get_stride(image) != head[3]) {
    if (!t->err) t->err = EINVAL;
    return image;
  }
  cairo_surface_flush(image);
  get(t, cairo_image_surface_get_data(image), (gsize)head[3] * (gsize)head[2]);
  cairo_surface_mark_dirty(image);
  return image;
}

/* What number `kind` the tape names next stands for (read in full the
 * first time); NULL for 0 or on error. Borrowed from the tape. */
static gpointer get_ref(RenderTape *t, TapeObjKind kind) {
  guint32 v = get_u32(t);
  guint32 id = v & ~TAPE_NEW;
  if (id == 0 || t->err) return NULL;
  if (v & TAPE_NEW) {
    if (id != t->objs->len + 1) {
      t->err = EINVAL;
      return NULL;
    }
    TapeObj *o = g_new0(TapeObj, 1);
    o->kind = kind;
    o->obj = kind == TAPE_FONT    ? (gpointer)font_read(t)
             : kind == TAPE_STYLE ? (gpointer)style_read(t)
             : kind == TAPE_IMAGE ? (gpointer)image_read(t)
                                  : (gpointer)language_read(t);
    g_ptr_array_add(t->objs, o);
    return o->obj;
  }
  TapeObj *o = id <= t->objs->len ? g_ptr_array_index(t->objs, id - 1) : NULL;
  if (!o || o->kind != kind) {
    t->err = EINVAL;
    return NULL;
  }
  return o->obj;
}

/* A layout made again as put_layout found it, in the replaying context. */
static PangoLayout *get_layout(RenderTape *t) {
  char *font = get_str_new(t), *attrs = get_str_new(t), *text = get_str_new(t);
  gint32 v[7] = {0};
  float spacing = 0;
  get(t, v, sizeof v);
  get(t, &spacing, sizeof spacing);
  PangoLayout *l = pango_layout_new(t->ctx);
  if (font) {
    PangoFontDescription *fd = pango_font_description_from_string(font);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
  }
  if (attrs) {
    PangoAttrList *list = pango_attr_list_from_string(attrs);
    if (list) pango_layout_set_attributes(l, list);
    else if (!t->err) t->err = EINVAL;
    if (list) pango_attr_list_unref(list);
  }
  pango_layout_set_text(l, text ? text : "", -1);
  pango_layout_set_width(l, v[0]);
  pango_layout_set_height(l, v[1]);
  pango_layout_set_wrap(l, v[2]);
  pango_layout_set_ellipsize(l, v[3]);
  pango_layout_set_alignment(l, v[4]);
  pango_layout_set_justify(l, v[5]);
  pango_layout_set_indent(l, v[6]);
  pango_layout_set_line_spacing(l, spacing);
  g_free(font), g_free(attrs), g_free(text);
  return l;
}

static PangoFontDescription *get_font_desc(RenderTape *t) {
  gint32 f[8] = {0};
  get(t, f, sizeof f);
  char *family = get_str_new(t), *variations = get_str_new(t);
  PangoFontDescription *fd = pango_font_description_new();
  PangoFontMask set = (PangoFontMask)f[0];
  if (set & PANGO_FONT_MASK_FAMILY) pango_font_description_set_family(fd, family);
  if ((set & PANGO_FONT_MASK_SIZE) && f[2]) pango_font_description_set_absolute_size(fd, f[1]);
  else if (set & PANGO_FONT_MASK_SIZE) pango_font_description_set_size(fd, f[1]);
  if (set & PANGO_FONT_MASK_WEIGHT) pango_font_description_set_weight(fd, (PangoWeight)f[3]);
  if (set & PANGO_FONT_MASK_STYLE) pango_font_description_set_style(fd, (PangoStyle)f[4]);
  if (set & PANGO_FONT_MASK_VARIANT) pango_font_description_set_variant(fd, (PangoVariant)f[5]);
  if (set & PANGO_FONT_MASK_STRETCH) pango_font_description_set_stretch(fd, (PangoStretch)f[6]);
  if (set & PANGO_FONT_MASK_GRAVITY) pango_font_description_set_gravity(fd, (PangoGravity)f[7]);
  if (set & PANGO_FONT_MASK_VARIATIONS) pango_font_description_set_variations(fd, variations);
  g_free(family), g_free(variations);
  return fd;
}

static PangoLayout *get_label(RenderTape *t) {
  PangoFontDescription *fd = get_font_desc(t);
  ChartForm form;
  get(t, &form, sizeof form);
  char *text = get_str_new(t);
  PangoLayout *l = chart_label_layout(t->ctx, fd, &form, text ? text : "");
  pango_font_description_free(fd);
  g_free(text);
  return l;
}

/* A chart's plan made again, freed once its page has been drawn. */
static ChartPlan *get_chart(RenderTape *t) {
  ChartPlan *plan = g_new0(ChartPlan, 1);
  get(t, plan, sizeof *plan);
  plan->items = g_ptr_array_new_with_free_func(chart_item_free);
  for (guint32 n = get_u32(t); n > 0 && !t->err; n--) {
    ChartItem *it = g_new0(ChartItem, 1);
    get(t, it, sizeof *it);
    it->pts = NULL, it->text = NULL;
    gboolean has_layout = it->layout != NULL;
    it->layout = NULL;
    g_ptr_array_add(plan->items, it);
    if (it->n_pts > 0 && it->n_pts < (1 << 24)) {
      it->pts = g_new(double, 2 * (gsize)it->n_pts);
      get(t, it->pts, sizeof(double) * 2 * (gsize)it->n_pts);
    } else {
      it->n_pts = 0;
    }
    it->text = get_str_new(t);
    if (has_layout) it->layout = get_label(t);
  }
  g_ptr_array_add(t->drawn, plan);
  return plan;
}

/* ---- what replayed lines are made of --------------------------------------- */

/* The lines given back, their runs, items, glyphs and lists, are
 * thousands of small pieces that nothing but the tape frees (Pango draws
 * from them and keeps nothing): they are cut from blocks of this size,
 * freed at once when their pages have been drawn (replay_done). */
#define TAPE_BLOCK (64 * 1024)

static gpointer tape_alloc(RenderTape *t, gsize size) {
  size = (size + 15) & ~(gsize)15;
  if (size > t->block_left) {
    gsize block = MAX(size, TAPE_BLOCK);
    t->block_at = g_malloc(block);
    g_ptr_array_add(t->blocks, t->block_at);
    t->block_left = block;
  }
  gpointer p = t->block_at;
  t->block_at += size, t->block_left -= size;
  return p;
}

static gpointer tape_alloc0(RenderTape *t, gsize size) { return memset(tape_alloc(t, size), 0, size); }

/* A drawn attribute as written by put_attrs; one of each (type, value)
 * per tape, shared by every run that has it (drawing only reads it). */
static PangoAttribute *get_attr(RenderTape *t) {
  guint32 type = get_u32(t);
  PangoColor c = {0, 0, 0};
  int v = 0;
  guint64 key = (guint64)(type == PANGO_ATTR_FOREGROUND) << 48;
  if (type == PANGO_ATTR_FOREGROUND) {
    get(t, &c, sizeof c);
    key |= (guint64)c.red << 32 | (guint64)c.green << 16 | c.blue;
  } else {
    get(t, &v, sizeof v);
    key |= (guint32)v;
  }
  PangoAttribute *a = g_hash_table_lookup(t->attrs, &key);
  if (!a) {
    a = type == PANGO_ATTR_FOREGROUND ? pango_attr_foreground_new(c.red, c.green, c.blue) : pango_attr_rise_new(v);
    g_hash_table_insert(t->attrs, g_memdup2(&key, sizeof key), a);
  }
  return a;
}

static GSList *get_attrs(RenderTape *t) {
  GSList *first = NULL, **last = &first;
  for (guint32 n = get_u32(t); n > 0 && !t->err; n--) {
    GSList *node = tape_alloc(t, sizeof *node);
    node->data = get_attr(t), node->next = NULL;
    *last = node, last = &node->next;
  }
  return first;
}

/* An item as large as pango_item_new's (a private tail, zeroed there too). */
#define TAPE_ITEM_SIZE (sizeof(PangoItem) + 32)

static PangoGlyphItem *get_run(RenderTape *t) {
  PangoItem *item = tape_alloc0(t, TAPE_ITEM_SIZE);
  get(t, &item->offset, sizeof item->offset);
  get(t, &item->length, sizeof item->length);
  get(t, &item->num_chars, sizeof item->num_chars);
  get(t, &item->analysis, sizeof item->analysis);
  item->analysis.shape_engine = NULL, item->analysis.lang_engine = NULL; /* unused by Pango 1.50 */
  item->analysis.font = get_ref(t, TAPE_FONT); /* the tape's reference */
  item->analysis.language = get_ref(t, TAPE_LANGUAGE);
  item->analysis.extra_attrs = get_attrs(t);
  PangoGlyphItem *run = tape_alloc0(t, sizeof *run);
  run->item = item;
  get(t, &run->y_offset, sizeof run->y_offset);
  get(t, &run->start_x_offset, sizeof run->start_x_offset);
  get(t, &run->end_x_offset, sizeof run->end_x_offset);
  PangoGlyphString *g = run->glyphs = tape_alloc0(t, sizeof *run->glyphs);
  int n = 0;
  get(t, &n, sizeof n);
  if (n < 0 || n >= (1 << 24)) t->err = t->err ? t->err : EINVAL;
  if (n > 0 && !t->err) {
    g->num_glyphs = g->space = n;
    g->glyphs = tape_alloc(t, sizeof(PangoGlyphInfo) * (gsize)n);
    g->log_clusters = tape_alloc(t, sizeof(int) * (gsize)n);
    get(t, g->glyphs, sizeof(PangoGlyphInfo) * (gsize)n);
    get(t, g->log_clusters, sizeof(int) * (gsize)n);
  }
  return run;
}

/* A line for Pango to draw: the public part of a PangoLayoutLine, in a
 * zeroed block as large as Pango's own (whose private tail drawing never
 * reads for text without underlines or backgrounds). */
#define TAPE_LINE_SIZE 256

/* A text drawn: its places array kept for another (the rest of it is in
 * the tape's blocks). */
static void tape_text_done(RenderTape *t, TapeText *tt) {
  g_array_set_size(tt->places, 0);
  g_ptr_array_add(t->spare_places, tt->places);
}

static TapeText *get_text(RenderTape *t) {
  TapeText *tt = tape_alloc(t, sizeof *tt);
  guint32 len = get_u32(t);
  if (len == G_MAXUINT32) len = 0;
  tt->text = tape_alloc(t, (gsize)len + 1);
  get(t, tt->text, len);
  tt->text[len] = '\0';
  tt->len = len;
  guint32 n = get_u32(t);
  tt->places = t->spare_places->len ? g_ptr_array_steal_index_fast(t->spare_places, t->spare_places->len - 1)
                                     : g_array_new(FALSE, FALSE, sizeof(LinePlace));
  for (; n > 0 && !t->err; n--) {
    LinePlace lp;
    get(t, &lp, sizeof lp);
    PangoLayoutLine *line = tape_alloc0(t, MAX(TAPE_LINE_SIZE, sizeof *line));
    get(t, line, sizeof *line);
    line->layout = t->stub;
    line->runs = NULL;
    GSList **last = &line->runs;
    for (guint32 r = get_u32(t); r > 0 && !t->err; r--) {
      GSList *node = tape_alloc(t, sizeof *node);
      node->data = get_run(t), node->next = NULL;
      *last = node, last = &node->next;
    }
    lp.line = line;
    g_array_append_val(tt->places, lp);
  }
  return tt;
}

static LayoutBox *get_box(RenderTape *t, LayoutDoc *doc, LayoutPage *page) {
  LayoutBox *b = g_new(LayoutBox, 1);
  get(t, b, sizeof *b); /* the whole box, zeros on error */
  b->dest = get_str(t, doc);
  b->title = get_str(t, doc);
  b->alt = get_str(t, doc);
  b->lang = get_str(t, doc);
  b->page_ref = get_str(t, doc);
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
  if (b->image) b->image = cairo_surface_reference(get_ref(t, TAPE_IMAGE)); /* the box frees its own */
  if (b->chart) b->chart = get_chart(t);
  b->layout = b->kind == BOX_TEXT && b->page_ref ? get_layout(t) : NULL;
  g_ptr_array_add(page->boxes, b);
  if (b->kind == BOX_TEXT && !b->layout) g_hash_table_insert(t->texts, b, get_text(t));
  return b;
}

/* What the last pages given back needed, once they have been drawn. */
static void replay_done(RenderTape *t) {
  if (t->texts) {
    GHashTableIter it;
    gpointer tt;
    g_hash_table_iter_init(&it, t->texts);
    while (g_hash_table_iter_next(&it, NULL, &tt)) tape_text_done(t, tt);
    g_hash_table_destroy(t->texts);
  }
  t->texts = NULL;
  g_clear_object(&t->stub);
  g_ptr_array_set_size(t->blocks, 0); /* after the texts, whose lines are there */
  t->block_at = NULL, t->block_left = 0;
  g_ptr_array_set_size(t->drawn, 0);
}

LayoutDoc *render_tape_next(RenderTape *t, guint n_pages, PangoContext *ctx, GError **error) {
  if (!t->reading) {
    put_flush(t);
    t->reading = TRUE;
    if (fflush(t->file) != 0) t->err = t->err ? t->err : errno;
    t->read_at = 0;
  }
  replay_done(t);
  t->texts = g_hash_table_new(NULL, NULL);
  t->ctx = ctx;
  t->stub = pango_layout_new(ctx);
  LayoutDoc *doc = layout_doc_new();
  for (guint p = 0; p < n_pages && !t->err; p++) {
    LayoutPage written;
    get(t, &written, sizeof written);
    if (t->err) break;
    const Style *style = get_ref(t, TAPE_STYLE);
    if (t->err) break;
    LayoutPage *page = layout_page_new(doc, style);
    page->width = written.width, page->height = written.height, page->meta = written.meta;
    page->first = written.first;
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
  /* Pango draws a line with its layout's text: the stub's, this box's now */
  pango_layout_set_text(t->stub, tt->text, (int)tt->len);
  *text = tt->text;
  return tt->places;
}

void render_tape_free(RenderTape *t) {
  if (!t) return;
  replay_done(t);
  fclose(t->file);
  g_free(t->buf);
  g_byte_array_unref(t->spare);
  g_hash_table_destroy(t->ids);
  g_hash_table_destroy(t->style_ids);
  g_ptr_array_free(t->held, TRUE);
  g_ptr_array_free(t->held_images, TRUE);
  g_ptr_array_free(t->drawn, TRUE);
  g_ptr_array_free(t->blocks, TRUE);
  g_ptr_array_free(t->spare_places, TRUE);
  g_hash_table_destroy(t->attrs);
  g_ptr_array_free(t->objs, TRUE);
  g_free(t);
}
