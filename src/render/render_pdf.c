/* render_pdf — the PDF writer: LayoutDocs drawn one after another onto a
 * cairo PDF surface, then finished by the post-pass (pdfpost.h). See
 * render.h.
 *
 * Besides drawing, it keeps what the post-pass needs and cairo cannot
 * write: per structure element, in the order the elements are begun, its
 * type and, for the few that have any, what it adds (alt texts, a symbol's
 * meaning, languages, table cell attributes, link descriptions, a
 * footnote's /ID), and per page the bands where the
 * running header, footer and repeated table headers are, which become
 * Artifacts. Table cells get /IDs and, in a table with group rows, every
 * data cell names its headers (/Headers): its column headers, its group's
 * heading and its row header.
 *
 * A streamed writer draws a long PDF in parts (render.h), each part's
 * elements still open at its end closed and begun again in the next; the
 * joiner (pdfmerge.h) makes each such pair one element again, so the
 * records below count every element once, where it was first begun.
 *
 * Invariants:
 *   - each structure element begun with cairo has exactly one entry in
 *     `elem_types`, of the same type, in the same order, and one in
 *     `attrs` as well when it has more than a type;
 *   - what grows with the pages is kept compact: a byte per element's
 *     type, a small record for the few with more, in blocks that are
 *     never doubled (cairo's own structure tree is far larger, and out of
 *     our hands);
 *   - every string that must outlive the LayoutDoc it came from is copied
 *     into `strings`;
 *   - the same LayoutDocs give the same bytes (IDs are counted, never
 *     random; dates come from the doc).
 */
#include <cairo-pdf.h>
#include <errno.h>
#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/outfile.h"
#include "pdf/pdfpost.h"
#include "render_internal.h"
#include "render_parts.h"

/* Per table being drawn: which header cells head what. */
typedef struct {
  GPtrArray *col_heads;   /* per column: a GString of space-separated TH ids */
  char group_id[16];      /* the group row heading the rows that follow, or "" */
  char row_head[16];      /* the TH of the body row being drawn, or "" */
} TableHeads;

typedef struct {
  guint attrs;      /* index in attrs of a Link */
  const char *dest; /* its destination */
} InternalLink;

/* A growing array kept in blocks of a fixed number of items: appending
 * never moves or doubles what is there, so at most one block is partly
 * unused. */
typedef struct {
  GPtrArray *blocks;
  guint len, item_size, per_block;
} Blocks;

static void blocks_init(Blocks *b, guint item_size, guint per_block) {
  *b = (Blocks){g_ptr_array_new_with_free_func(g_free), 0, item_size, per_block};
}

static gpointer blocks_at(const Blocks *b, guint i) {
  return (guint8 *)g_ptr_array_index(b->blocks, i / b->per_block) + (gsize)(i % b->per_block) * b->item_size;
}

/* A new item at the end, zeroed. */
static gpointer blocks_append(Blocks *b) {
  if (b->len == b->blocks->len * b->per_block) g_ptr_array_add(b->blocks, g_malloc0((gsize)b->item_size * b->per_block));
  return blocks_at(b, b->len++);
}

/* An element's type, a byte: a LayoutTag, or a Link (a Span is
 * LAYOUT_TAG_SPAN). */
enum { ELEM_LINK = LAYOUT_TAG_COUNT, ELEM_TYPES };
G_STATIC_ASSERT(ELEM_TYPES <= 256);

static const char *elem_type_name(guint8 type) { return type == ELEM_LINK ? "Link" : layout_tag_name(type); }

/* The texts an element may have, in this order in its record's texts. */
enum { TEXT_ALT = 1, TEXT_ACTUAL = 2, TEXT_HEADERS = 4, TEXT_CONTENTS = 8, TEXT_LANG = 16 };

static const char *const scope_names[] = {NULL, "Column", "Row"};
enum { SCOPE_NONE, SCOPE_COLUMN, SCOPE_ROW };

/* A structure element with more than its type (an /Alt, an /ID …): what
 * is set, the texts (kept strings) in `texts` from `first_text`. /IDs
 * are counted, so only their number is kept; the writer sets no rowspan. */
typedef struct {
  guint32 elem;       /* its place in document order */
  guint32 id;         /* n of a TH's /ID "thn" or a Note's "noten"; 0: none */
  guint32 colspan;
  guint32 first_text; /* index in texts */
  guint8 has_texts;   /* TEXT_… bits */
  guint8 scope;       /* SCOPE_… */
} ElemAttrs;

/* What render_struct_begin and the others say about an element. */
typedef struct {
  guint8 type;
  guint id, colspan, scope;
  const char *alt, *actual_text, *headers, *contents, *lang;
} ElemNew;

/* A bookmark of a PDF drawn in parts, as layout gave it (level 1 is the
 * top), kept for the joiner, which writes the outline (one part's cairo
 * could not hold bookmarks of another's). */
typedef struct {
  const char *title, *dest;
  guint level;
} OutlineItem;

/* Where bookmarks nest, one rule for cairo's outline and the joiner's: a
 * bookmark goes under the last one before it of a higher level (a smaller
 * number), else at the top. under[l] is that bookmark for one of level
 * l + 1, as a number above 0 (its cairo id, or its index + 1), or 0 for
 * the top (cairo's CAIRO_PDF_OUTLINE_ROOT). */
typedef struct {
  int under[8];
} OutlineNest;

static int outline_parent(const OutlineNest *n, guint level) { return n->under[level - 1]; }

static void outline_added(OutlineNest *n, guint level, int self) {
  for (guint l = level; l < G_N_ELEMENTS(n->under); l++) n->under[l] = self;
}

struct RenderPdf {
  RenderParts *parts;    /* the surfaces drawn on, and their files */
  cairo_t *cr;           /* the page being drawn's */
  GArray *outline;       /* of OutlineItem, in order, when the PDF is drawn in parts */
  OutlineNest nest;      /* cairo's outline, when it is not */
  guint pages;
  GArray *tags;          /* open structure elements, across docs (checked a page ahead of drawing) */
  GPtrArray *langs;      /* per element begun and not yet ended while drawing: its /Lang or NULL */
  GHashTable *dests;     /* every destination so far → its outline title ("" if none) */
  GArray *internal;      /* of InternalLink, checked and described at the end */
  Blocks elem_types;     /* of guint8: every structure element's type, in document order */
  Blocks attrs;          /* of ElemAttrs, by increasing elem: those with more than a type */
  Blocks texts;          /* of const char *: the attrs' texts */
  char id_text[24];      /* the /ID elem_get gave last */
  GArray *bands;         /* of PdfArtifactBand, every page's in turn */
  GArray *page_bands;    /* of guint: first band of each page, then the end */
  TableHeads table;
  guint th_count, note_count;
  GStringChunk *strings;
  const char *lang, *title, *author, *subject, *keywords;
  gint64 created;
  gboolean has_title;
  gboolean failed;
  RenderTimings timings;
  RenderTape *tape;      /* while drawing pages replayed from it */
  const Provenance *provenance; /* the caller's, kept until finish; or NULL */
  guint cores;                  /* for the post-pass (render_pdf_set_cores); 0: one */
};

static const char *keep(RenderPdf *w, const char *s) { return s ? g_string_chunk_insert_const(w->strings, s) : NULL; }

/* What the PDF's Info and the post-pass say of the document, kept. */
static void metadata_keep(RenderPdf *w, const LayoutDoc *doc) {
  w->lang = keep(w, doc->lang ? doc->lang : "en-GB");
  w->title = keep(w, doc->title);
  w->author = keep(w, doc->author);
  w->subject = keep(w, doc->subject);
  w->keywords = keep(w, doc->keywords);
  w->created = doc->created;
  w->has_title = doc->title && *doc->title;
}

static RenderPdf *writer_new(const LayoutDoc *metadata, int scratch, const char *near) {
  RenderPdf *w = g_new0(RenderPdf, 1);
  w->outline = g_array_new(FALSE, FALSE, sizeof(OutlineItem));
  w->tags = g_array_new(FALSE, FALSE, sizeof(LayoutTag));
  w->langs = g_ptr_array_new();
  w->dests = g_hash_table_new(g_str_hash, g_str_equal);
  w->internal = g_array_new(FALSE, FALSE, sizeof(InternalLink));
  blocks_init(&w->elem_types, 1, 64 * 1024);
  blocks_init(&w->attrs, sizeof(ElemAttrs), 2048);
  blocks_init(&w->texts, sizeof(const char *), 4096);
  w->bands = g_array_new(FALSE, FALSE, sizeof(PdfArtifactBand));
  w->page_bands = g_array_new(FALSE, FALSE, sizeof(guint));
  w->table.col_heads = g_ptr_array_new();
  w->strings = g_string_chunk_new(4096);
  metadata_keep(w, metadata);
  RenderInfo info = {w->title, w->author, w->subject, w->keywords, w->created};
  w->parts = render_parts_new(near, scratch, &info);
  return w;
}

RenderPdf *render_pdf_new(const LayoutDoc *metadata) { return writer_new(metadata, -1, NULL); }

RenderPdf *render_pdf_new_streamed(const LayoutDoc *metadata, const char *near, GError **error) {
  int scratch = outfile_scratch(near, error);
  return scratch < 0 ? NULL : writer_new(metadata, scratch, near);
}

void render_pdf_set_part_pages(RenderPdf *w, guint pages) { render_parts_set_limit(w->parts, pages); }

void render_pdf_expect_pages(RenderPdf *w, guint pages) { render_parts_expect(w->parts, pages); }

guint render_pdf_half(const RenderPdf *w) { return render_parts_half(w->parts); }

void render_pdf_draw_only(RenderPdf *w, guint from, guint to) { render_parts_draw_only(w->parts, from, to); }

gboolean render_pdf_parts_prepare(RenderPdf *w, GError **error) { return render_parts_prepare(w->parts, error); }

static void col_heads_clear(TableHeads *t) {
  for (guint i = 0; i < t->col_heads->len; i++) g_string_free(g_ptr_array_index(t->col_heads, i), TRUE);
  g_ptr_array_set_size(t->col_heads, 0);
  t->group_id[0] = t->row_head[0] = '\0';
}

void render_pdf_free(RenderPdf *w) {
  if (!w) return;
  render_parts_free(w->parts);
  g_array_free(w->outline, TRUE);
  g_array_free(w->tags, TRUE);
  g_ptr_array_free(w->langs, TRUE);
  g_hash_table_destroy(w->dests);
  g_array_free(w->internal, TRUE);
  g_ptr_array_free(w->elem_types.blocks, TRUE);
  g_ptr_array_free(w->attrs.blocks, TRUE);
  g_ptr_array_free(w->texts.blocks, TRUE);
  g_array_free(w->bands, TRUE);
  g_array_free(w->page_bands, TRUE);
  col_heads_clear(&w->table);
  g_ptr_array_free(w->table.col_heads, TRUE);
  g_string_chunk_free(w->strings);
  g_free(w);
}

/* ---- structure elements --------------------------------------------------- */

static void text_add(RenderPdf *w, ElemAttrs *e, guint8 bit, const char *text) {
  if (!text) return;
  *(const char **)blocks_append(&w->texts) = text;
  e->has_texts |= bit;
}

/* Element `a` begun: its type kept, the rest only if it has any (most
 * elements of a long document are a P or a Span and nothing more).
 * Returns its index in attrs, or -1. */
static int elem_add(RenderPdf *w, const ElemNew *a) {
  *(guint8 *)blocks_append(&w->elem_types) = a->type;
  if (!a->alt && !a->actual_text && !a->id && !a->scope && a->colspan <= 1 && !a->headers && !a->contents && !a->lang)
    return -1;
  ElemAttrs *e = blocks_append(&w->attrs);
  *e = (ElemAttrs){w->elem_types.len - 1, a->id, a->colspan, w->texts.len, 0, (guint8)a->scope};
  text_add(w, e, TEXT_ALT, a->alt);
  text_add(w, e, TEXT_ACTUAL, a->actual_text);
  text_add(w, e, TEXT_HEADERS, a->headers);
  text_add(w, e, TEXT_CONTENTS, a->contents);
  text_add(w, e, TEXT_LANG, a->lang);
  return (int)w->attrs.len - 1;
}

/* Where the element's text `bit` is kept, or NULL if it has none. */
static const char **elem_text(const RenderPdf *w, const ElemAttrs *e, guint8 bit) {
  if (!(e->has_texts & bit)) return NULL;
  guint before = (guint)__builtin_popcount(e->has_texts & (bit - 1u));
  return blocks_at(&w->texts, e->first_text + before);
}

static const char *elem_text_get(const RenderPdf *w, const ElemAttrs *e, guint8 bit) {
  const char **text = elem_text(w, e, bit);
  return text ? *text : NULL;
}

static const ElemAttrs *attrs_find(const RenderPdf *w, guint k) {
  guint lo = 0, hi = w->attrs.len;
  while (lo < hi) {
    guint mid = lo + (hi - lo) / 2;
    const ElemAttrs *e = blocks_at(&w->attrs, mid);
    if (e->elem == k) return e;
    if (e->elem < k) lo = mid + 1;
    else hi = mid;
  }
  return NULL;
}

/* The post-pass's reader of them (PdfPostOptions.elem_get): an /ID is
 * written out into the writer's id_text, good until the next call. */
static void elem_get(gconstpointer writer, guint k, PdfElemAttrs *out) {
  const RenderPdf *w = writer;
  guint8 type = *(const guint8 *)blocks_at(&w->elem_types, k);
  *out = (PdfElemAttrs){.type = elem_type_name(type)};
  const ElemAttrs *e = attrs_find(w, k);
  if (!e) return;
  if (e->id) {
    char *id_text = ((RenderPdf *)writer)->id_text; /* the writer's scratch, not its contents */
    g_snprintf(id_text, sizeof w->id_text, "%s%u", type == LAYOUT_TAG_NOTE ? "note" : "th", e->id);
    out->id = id_text;
  }
  out->scope = scope_names[e->scope];
  out->colspan = e->colspan;
  out->alt = elem_text_get(w, e, TEXT_ALT);
  out->actual_text = elem_text_get(w, e, TEXT_ACTUAL);
  out->headers = elem_text_get(w, e, TEXT_HEADERS);
  out->contents = elem_text_get(w, e, TEXT_CONTENTS);
  out->lang = elem_text_get(w, e, TEXT_LANG);
}

static GString *col_head(TableHeads *t, guint col) {
  while (t->col_heads->len <= col) g_ptr_array_add(t->col_heads, g_string_new(NULL));
  return g_ptr_array_index(t->col_heads, col);
}

/* Whether the space-separated `list` has `id` as one of its words. */
static gboolean ids_contain(const char *list, const char *id) {
  gsize n = strlen(id);
  for (const char *p = list; *p;) {
    const char *space = strchr(p, ' ');
    gsize len = space ? (gsize)(space - p) : strlen(p);
    if (len == n && memcmp(p, id, n) == 0) return TRUE;
    if (!space) break;
    p = space + 1;
  }
  return FALSE;
}

static void id_append(GString *s, const char *id) {
  if (!id || ids_contain(s->str, id)) return; /* no id twice */
  if (s->len) g_string_append_c(s, ' ');
  g_string_append(s, id);
}

/* A TH gets an /ID and a scope; a TD in a grouped table names its headers. */
static void cell_attrs(RenderPdf *w, ElemNew *a, const LayoutBox *b) {
  TableHeads *t = &w->table;
  a->colspan = b->colspan;
  if (b->tag == LAYOUT_TAG_TH) {
    char id[16];
    a->id = ++w->th_count;
    g_snprintf(id, sizeof id, "th%u", a->id);
    a->scope = b->row_kind == LAYOUT_ROW_HEAD ? SCOPE_COLUMN : SCOPE_ROW;
    if (b->row_kind == LAYOUT_ROW_HEAD)
      for (guint c = b->col; c < b->col + MAX(b->colspan, 1u); c++) id_append(col_head(t, c), id);
    else if (b->row_kind == LAYOUT_ROW_GROUP) g_strlcpy(t->group_id, id, sizeof t->group_id);
    else if (!t->row_head[0]) g_strlcpy(t->row_head, id, sizeof t->row_head);
    return;
  }
  if (!t->group_id[0]) return; /* scopes say it all */
  GString *h = g_string_new(NULL);
  for (guint c = b->col; c < b->col + MAX(b->colspan, 1u); c++)
    if (c < t->col_heads->len) {
      char **ids = g_strsplit(((GString *)g_ptr_array_index(t->col_heads, c))->str, " ", -1);
      for (int i = 0; ids[i]; i++)
        if (*ids[i]) id_append(h, ids[i]);
      g_strfreev(ids);
    }
  id_append(h, t->group_id);
  if (t->row_head[0]) id_append(h, t->row_head);
  a->headers = keep(w, h->str);
  g_string_free(h, TRUE);
}

void render_struct_begin(RenderPdf *w, cairo_t *cr, const LayoutBox *b) {
  if (!w) return;
  cairo_tag_begin(cr, layout_tag_name(b->tag), NULL);
  ElemNew a = {.type = (guint8)b->tag, .lang = keep(w, b->lang)};
  g_ptr_array_add(w->langs, (gpointer)a.lang);
  if (b->tag == LAYOUT_TAG_FIGURE) a.alt = keep(w, b->alt ? b->alt : "");
  if (b->tag == LAYOUT_TAG_NOTE) a.id = ++w->note_count; /* PDF/UA 7.9: every Note has an ID, unique in the file */
  if (b->tag == LAYOUT_TAG_TABLE) col_heads_clear(&w->table);
  if (b->tag == LAYOUT_TAG_TR) w->table.row_head[0] = '\0';
  if (b->tag == LAYOUT_TAG_TH || b->tag == LAYOUT_TAG_TD) cell_attrs(w, &a, b);
  elem_add(w, &a);
}

void render_struct_end(RenderPdf *w, cairo_t *cr, LayoutTag tag) {
  if (!w) return;
  cairo_tag_end(cr, layout_tag_name(tag));
  if (w->langs->len) g_ptr_array_set_size(w->langs, w->langs->len - 1);
}

/* /Lang is inherited down the structure tree, and layout gives every
 * element in another language than its document's a /Lang of its own: the
 * innermost open element that has one says the language, else the
 * catalog's /Lang does. */
const char *render_pdf_lang(const RenderPdf *w) {
  for (guint i = w->langs->len; i-- > 0;)
    if (g_ptr_array_index(w->langs, i)) return g_ptr_array_index(w->langs, i);
  return w->lang;
}

void render_span_begin(RenderPdf *w, cairo_t *cr, const char *actual_text, const char *lang) {
  if (!w) return;
  cairo_tag_begin(cr, "Span", NULL);
  ElemNew a = {.type = LAYOUT_TAG_SPAN, .actual_text = keep(w, actual_text), .lang = keep(w, lang)};
  elem_add(w, &a);
}

void render_span_end(RenderPdf *w, cairo_t *cr) {
  if (w) cairo_tag_end(cr, "Span");
}

char *render_uri_safe(const char *uri) {
  static const char safe[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&*+,;=%";
  GString *s = g_string_new(NULL);
  for (const unsigned char *c = (const unsigned char *)uri; *c; c++) {
    if (strchr(safe, *c)) g_string_append_c(s, (char)*c);
    else g_string_append_printf(s, "%%%02X", *c);
  }
  return g_string_free(s, FALSE);
}

void render_link_begin(RenderPdf *w, cairo_t *cr, const LayoutLink *link, const char *text, const char *actual_text,
                       const char *rects) {
  if (!w) return;
  gboolean internal = link->uri[0] == '#';
  char *target = internal ? NULL : render_uri_safe(link->uri);
  char *attrs = internal ? g_strdup_printf("dest='%s' rect=[%s]", link->uri + 1, rects)
                         : g_strdup_printf("uri='%s' rect=[%s]", target, rects);
  cairo_tag_begin(cr, CAIRO_TAG_LINK, attrs);
  g_free(attrs);
  g_free(target);
  /* a link that is only a symbol (an arrow) is described by what it means */
  char *label = g_strstrip(g_strdup(text));
  if (!*label && actual_text) g_free(label), label = g_strstrip(g_strdup(actual_text));
  ElemNew a = {.type = ELEM_LINK, .actual_text = keep(w, actual_text), .contents = keep(w, label)};
  g_free(label);
  int at = elem_add(w, &a); /* a Link has its /Contents: it is in attrs */
  if (internal) {
    InternalLink il = {(guint)at, keep(w, link->uri + 1)};
    g_array_append_val(w->internal, il);
  }
}

void render_link_end(RenderPdf *w, cairo_t *cr) {
  if (w) cairo_tag_end(cr, CAIRO_TAG_LINK);
}

/* ---- pages ---------------------------------------------------------------- */

/* cairo reports tag errors only when it finishes, with a broken file:
 * check nesting here, box by box, as the pages are drawn. */
static gboolean tag_track(RenderPdf *w, const LayoutBox *b) {
  if (b->kind == BOX_TAG_BEGIN) g_array_append_val(w->tags, b->tag);
  if (b->kind != BOX_TAG_END) return TRUE;
  if (!w->tags->len || g_array_index(w->tags, LayoutTag, w->tags->len - 1) != b->tag) return FALSE;
  g_array_set_size(w->tags, w->tags->len - 1);
  return TRUE;
}

/* Destinations and bookmarks of one page. */
static void page_names(RenderPdf *w, const LayoutPage *page) {
  for (guint i = 0; i < page->boxes->len; i++) {
    const LayoutBox *b = g_ptr_array_index(page->boxes, i);
    if (b->kind != BOX_DEST && b->kind != BOX_BOOKMARK) continue;
    if (b->kind == BOX_DEST)
      g_hash_table_insert(w->dests, (gpointer)keep(w, b->dest), (gpointer)keep(w, b->title ? b->title : ""));
    if (!b->title || b->outline_level < 1) continue;
    guint level = (guint)MIN(b->outline_level, 7);
    if (render_parts_parted(w->parts)) {
      OutlineItem item = {keep(w, b->title), keep(w, b->dest), level};
      g_array_append_val(w->outline, item);
      continue;
    }
    /* under the last bookmark of a higher level before it; a top-level one open */
    char *link = g_strdup_printf("dest='%s'", b->dest);
    int id = cairo_pdf_surface_add_outline(render_parts_surface(w->parts), outline_parent(&w->nest, level), b->title,
                                           link, level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
    g_free(link);
    outline_added(&w->nest, level, id);
  }
}

/* The bookmarks for the joiner, at the depth cairo would give them. */
static PdfMergeOutline *outline_for_merge(RenderPdf *w) {
  PdfMergeOutline *items = g_new0(PdfMergeOutline, w->outline->len + 1);
  OutlineNest nest = {{0}};
  for (guint i = 0; i < w->outline->len; i++) {
    const OutlineItem *o = &g_array_index(w->outline, OutlineItem, i);
    int parent = outline_parent(&nest, o->level);
    guint depth = parent ? items[parent - 1].level + 1 : 0;
    items[i] = (PdfMergeOutline){o->title, o->dest, depth, o->level == 1};
    outline_added(&nest, o->level, (int)i + 1);
  }
  return items;
}

/* Where the page's furniture and repeated table headers are, in PDF
 * user space (y up from the bottom edge), a little generously. */
static void page_bands(RenderPdf *w, const LayoutPage *page) {
  guint first = w->bands->len;
  g_array_append_val(w->page_bands, first);
  for (guint i = 0; i < page->boxes->len; i++) {
    const LayoutBox *b = g_ptr_array_index(page->boxes, i);
    if (!b->furniture && !b->repeated) continue;
    PdfArtifactBand band = {page->height - (b->y + b->h) - 0.5, page->height - b->y + 0.5,
                            b->repeated                 ? PDF_ARTIFACT_PAGINATION
                            : b->y < page->height / 2 ? PDF_ARTIFACT_HEADER
                                                        : PDF_ARTIFACT_FOOTER};
    g_array_append_val(w->bands, band);
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
    /* the elements open before the page: a part that ends here ends them */
    w->cr = render_parts_page(w->parts, (const LayoutTag *)w->tags->data, w->tags->len, page->width, page->height,
                              error);
    if (!w->cr) {
      w->failed = TRUE;
      break;
    }
    if (!page_tags_ok(w, page)) {
      g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "internal error: structure tags do not nest");
      w->failed = TRUE;
      break;
    }
    w->pages++;
    render_boxes_draw(w->cr, page, w);
    page_names(w, page);
    page_bands(w, page);
  }
  w->timings.draw += (double)(g_get_monotonic_time() - t0) / 1e6;
  return !w->failed;
}

gboolean render_pdf_add_taped(RenderPdf *w, RenderTape *tape, const LayoutDoc *doc, GError **error) {
  w->tape = tape;
  gboolean ok = render_pdf_add(w, doc, error);
  w->tape = NULL;
  return ok;
}

RenderTape *render_pdf_tape(RenderPdf *w) { return w->tape; }

/* cairo writes a link to an undefined destination without complaint; a
 * link that is there gets "Go to" and the title of where it leads. */
static gboolean links_finish(RenderPdf *w, GError **error) {
  for (guint i = 0; i < w->internal->len; i++) {
    const InternalLink *il = &g_array_index(w->internal, InternalLink, i);
    const char *title = g_hash_table_lookup(w->dests, il->dest);
    if (!title) {
      g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "a link points at '%s', which is nowhere in the document",
                  il->dest);
      return FALSE;
    }
    const char **contents = elem_text(w, blocks_at(&w->attrs, il->attrs), TEXT_CONTENTS);
    /* "Go to section 2: Performance" for an xref; a title that already
     * starts with the link's text ("Annex 2: …") is said once */
    gboolean says_it = !*title || g_str_has_prefix(title, *contents);
    char *text = says_it ? g_strdup_printf("Go to %s", *title ? title : *contents)
                         : g_strdup_printf("Go to %s: %s", *contents, title);
    *contents = keep(w, text);
    g_free(text);
  }
  return TRUE;
}

/* Every element begun has ended, as the last page left them. */
static gboolean tags_closed(RenderPdf *w, GError **error) {
  if (!w->tags->len) return TRUE;
  g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "internal error: structure tags left open");
  return FALSE;
}

/* What the post-pass is told; `pages` is the caller's to free. */
static void post_options(RenderPdf *w, PdfPostOptions *opts, PdfPageBands **pages_out) {
  guint end = w->bands->len;
  g_array_append_val(w->page_bands, end);
  PdfPageBands *pages = g_new0(PdfPageBands, w->pages);
  for (guint i = 0; i < w->pages; i++) {
    guint from = g_array_index(w->page_bands, guint, i), to = g_array_index(w->page_bands, guint, i + 1);
    pages[i].bands = &g_array_index(w->bands, PdfArtifactBand, 0) + from;
    pages[i].n_bands = to - from;
  }
  pdfpost_options_init(opts);
  opts->lang = w->lang;
  opts->display_doc_title = w->has_title;
  opts->date_epoch = w->created;
  opts->elems = w;
  opts->elem_get = elem_get;
  opts->n_elems = w->elem_types.len;
  opts->pdfua = TRUE;
  opts->pages = pages;
  opts->n_pages = w->pages;
  opts->title = w->title;
  opts->author = w->author;
  opts->creator_tool = "boardpack " BOARDPACK_VERSION;
  opts->version = BOARDPACK_VERSION;
  opts->provenance = w->provenance;
  opts->page_labels = TRUE;
  opts->threads = w->cores;
  *pages_out = pages;
}

static GBytes *post_in_memory(GByteArray *raw, const PdfPostOptions *opts, GError **error) {
  if (pdfpost_apply_in_place(raw, opts, error)) return g_byte_array_free_to_bytes(raw);
  g_byte_array_unref(raw);
  return NULL;
}

static gboolean out_write(gpointer out, const char *data, gsize len) { return outfile_append(out, data, len); }

/* cairo's whole file (`len` bytes and the NUL the post-pass wants after
 * them) read back by the post-pass a piece at a time, the finished PDF
 * written to `out`; the file closed. */
static gboolean post_streamed(int fd, gsize len, const PdfPostOptions *opts, OutFile *out, GError **error) {
  GError *post_error = NULL;
  gboolean ok = pdfpost_apply_fd(fd, len, opts, out_write, out, &post_error);
  close(fd);
  if (ok) return TRUE;
  if (!outfile_error(out, error)) g_propagate_error(error, post_error); /* the disk's reason, else the post-pass's */
  else g_error_free(post_error);
  return FALSE;
}

/* Everything checked, cairo finished; `out` NULL keeps the PDF in memory
 * (returned), else it is written there (and a non-NULL dummy returned). */
static GBytes *writer_finish(RenderPdf *w, OutFile *out, RenderTimings *timings, GError **error) {
  GBytes *result = NULL;
  gint64 t0 = g_get_monotonic_time();
  if (!w->failed && tags_closed(w, error) && links_finish(w, error)) {
    PdfMergeOutline *outline = outline_for_merge(w);
    int fd = -1;
    gsize len = 0;
    GByteArray *bytes = NULL;
    gboolean ok = render_parts_finish(w->parts, outline, w->outline->len, &fd, &len, &bytes, error);
    g_free(outline);
    w->timings.draw += (double)(g_get_monotonic_time() - t0) / 1e6;
    gint64 t1 = g_get_monotonic_time();
    if (ok) {
      PdfPostOptions opts;
      PdfPageBands *pages;
      post_options(w, &opts, &pages);
      if (bytes) result = post_in_memory(bytes, &opts, error);
      else if (!out) close(fd), g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "internal error: no output to finish");
      else if (post_streamed(fd, len, &opts, out, error)) result = g_bytes_new_static("", 0);
      g_free(pages);
    }
    w->timings.post = (double)(g_get_monotonic_time() - t1) / 1e6;
  }
  if (timings) *timings = w->timings;
  render_pdf_free(w);
  return result;
}

gboolean render_pdf_finish_drawn(RenderPdf *w, GError **error) {
  gboolean ok = !w->failed && tags_closed(w, error) && render_parts_finish_drawn(w->parts, error);
  render_pdf_free(w);
  return ok;
}

GBytes *render_pdf_finish(RenderPdf *w, RenderTimings *timings, GError **error) {
  return writer_finish(w, NULL, timings, error);
}

gboolean render_pdf_finish_to(RenderPdf *w, OutFile *out, RenderTimings *timings, GError **error) {
  GBytes *done = writer_finish(w, out, timings, error);
  if (done) g_bytes_unref(done);
  return done != NULL;
}

gboolean render_pdf_write(const LayoutDoc *doc, const Provenance *provenance, const char *path, RenderTimings *timings,
                          gsize *size, GError **error) {
  OutFile *out = outfile_open(path, error);
  RenderPdf *w = out ? render_pdf_new_streamed(doc, path, error) : NULL;
  if (w) render_pdf_set_provenance(w, provenance);
  if (w) render_pdf_expect_pages(w, doc->pages->len);
  gboolean ok = w && render_pdf_add(w, doc, error);
  if (w && !ok && timings) *timings = w->timings;
  if (w && !ok) render_pdf_free(w);
  ok = ok && render_pdf_finish_to(w, out, timings, error);
  if (size) *size = out ? outfile_size(out) : 0;
  if (ok) return outfile_commit(out, error);
  outfile_abort(out);
  return FALSE;
}

GBytes *render_pdf(const LayoutDoc *doc, GError **error) { return render_pdf_timed(doc, NULL, error); }

void render_pdf_set_provenance(RenderPdf *w, const Provenance *provenance) { w->provenance = provenance; }

void render_pdf_set_cores(RenderPdf *w, guint cores) { w->cores = cores; }

GBytes *render_pdf_timed(const LayoutDoc *doc, RenderTimings *timings, GError **error) {
  return render_pdf_traced(doc, NULL, timings, error);
}

GBytes *render_pdf_traced(const LayoutDoc *doc, const Provenance *provenance, RenderTimings *timings,
                          GError **error) {
  RenderPdf *w = render_pdf_new(doc);
  render_pdf_set_provenance(w, provenance);
  if (!render_pdf_add(w, doc, error)) {
    if (timings) *timings = w->timings;
    render_pdf_free(w);
    return NULL;
  }
  return render_pdf_finish(w, timings, error);
}
