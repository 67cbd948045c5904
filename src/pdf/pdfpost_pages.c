/* pdfpost_pages — what PDF/UA needs page by page (see pdfpost.h):
 * content outside the structure marked as Artifacts, /Tabs /S where there
 * are annotations, /CIDToGIDMap /Identity on each CID font the pages use.
 *
 * A page's content stream is inflated, rewritten by pdfcontent and
 * deflated again under its own object number, when the file is written
 * (so that one page's is in memory at a time); cairo writes one stream per
 * page, and anything else (an array of streams, another filter) is an
 * error, found before anything is written, rather than a page left
 * half-marked. */
#include <string.h>

#include "pdfcontent.h"
#include "pdfpost_internal.h"

#define MAX_PAGE_TREE_DEPTH 32

typedef struct {
  Post *p;
  guint index;          /* pages seen */
  GHashTable *fonts;    /* font and resource objects already looked at */
} Pages;

static gboolean read_fail(Post *p, const char *what) {
  return post_fail(p, PDFPOST_ERROR_READ, "reading the PDF: %s", what);
}

/* ---- content ------------------------------------------------------------ */

/* A page's content, checked now and marked when the file is written
 * (post_page_content_make): only the stream's place is kept until then. */
static gboolean content_mark(Pages *pg, const PdfIndex *page) {
  Post *p = pg->p;
  PdfVal contents, dict, filter;
  const char *data;
  gsize len;
  if (!pdf_index_get(page, "Contents", &contents)) return TRUE; /* an empty page */
  if (contents.kind != PDF_REF || !pdf_file_stream(&p->file, contents.num, &dict, &data, &len))
    return read_fail(p, "a page's content is not one stream");
  if (pdf_dict_get(&dict, "Filter", &filter) && !pdf_name_is(&filter, "FlateDecode"))
    return read_fail(p, "a page's content has a filter other than FlateDecode");
  return post_replace_later(p, contents.num, pg->index);
}

GString *post_page_content_make(const PdfFile *file, PdfZip *zip, const PdfPostOptions *opts, long num, guint page,
                               char **why) {
  PdfVal dict, filter;
  const char *data;
  gsize len;
  if (!pdf_file_stream(file, num, &dict, &data, &len)) {
    *why = g_strdup("a page's content is not one stream");
    return NULL;
  }
  gboolean flate = pdf_dict_get(&dict, "Filter", &filter);
  GError *error = NULL;
  GByteArray *plain = flate ? pdf_zip_inflate(zip, data, len, &error) : NULL;
  const PdfPageBands *bands = page < opts->n_pages ? &opts->pages[page] : NULL;
  GString *marked = flate && !plain ? NULL
                    : pdf_content_mark_artifacts(plain ? (const char *)plain->data : data, plain ? plain->len : len,
                                                 bands ? bands->bands : NULL, bands ? bands->n_bands : 0, NULL, &error);
  if (plain) g_byte_array_unref(plain);
  if (!marked) {
    *why = g_strdup(error->message);
    g_error_free(error);
    return NULL;
  }
  GByteArray *packed = pdf_zip_deflate(zip, marked->str, marked->len);
  g_string_free(marked, TRUE);
  GString *body = g_string_sized_new(packed->len + 64);
  g_string_append_printf(body, "<< /Length %u /Filter /FlateDecode >>\nstream\n", packed->len);
  g_string_append_len(body, (const char *)packed->data, packed->len);
  g_string_append(body, "\nendstream");
  g_byte_array_unref(packed);
  return body;
}

/* ---- fonts --------------------------------------------------------------- */

static gboolean first_seen(Pages *pg, long num) { return g_hash_table_add(pg->fonts, GINT_TO_POINTER((int)num)); }

/* A Type0 font's descendant: cairo's CIDFontType2 subsets map CID n to
 * glyph n, which /CIDToGIDMap /Identity states (PDF/UA wants it said). */
static gboolean font_finish(Pages *pg, long num) {
  Post *p = pg->p;
  PdfVal font, subtype, desc, cid, map;
  if (!first_seen(pg, num) || !pdf_file_object(&p->file, num, &font) || font.kind != PDF_DICT) return TRUE;
  if (!pdf_dict_get(&font, "Subtype", &subtype) || !pdf_name_is(&subtype, "Type0")) return TRUE;
  if (!post_resolve(p, &font, "DescendantFonts", &desc) || desc.kind != PDF_ARRAY) return TRUE;
  const char *cursor = NULL;
  PdfVal ref;
  if (!pdf_array_next(&desc, &cursor, &ref) || ref.kind != PDF_REF || !first_seen(pg, ref.num)) return TRUE;
  if (!pdf_file_object(&p->file, ref.num, &cid) || cid.kind != PDF_DICT) return TRUE;
  if (!pdf_dict_get(&cid, "Subtype", &subtype) || !pdf_name_is(&subtype, "CIDFontType2") ||
      pdf_dict_get(&cid, "CIDToGIDMap", &map))
    return TRUE;
  return post_replace(p, ref.num, post_dict_with(&cid, "/CIDToGIDMap /Identity"));
}

static gboolean resources_fonts(Pages *pg, const PdfVal *owner, int depth);

/* Every value of a dictionary that is a reference, given to `each`. */
static gboolean dict_refs(Pages *pg, const PdfVal *dict, gboolean (*each)(Pages *, long, int), int depth) {
  const char *q = dict->start + 2, *end = dict->end - 2;
  PdfVal k, v;
  while (pdf_val_parse(&q, end, &k) && pdf_val_parse(&q, end, &v))
    if (v.kind == PDF_REF && !each(pg, v.num, depth)) return FALSE;
  return TRUE;
}

static gboolean font_each(Pages *pg, long num, int depth) {
  (void)depth;
  return font_finish(pg, num);
}

/* A form XObject's own resources (cairo draws groups and patterns so). */
static gboolean xobject_each(Pages *pg, long num, int depth) {
  PdfVal xobj;
  if (!first_seen(pg, num) || !pdf_file_object(&pg->p->file, num, &xobj) || xobj.kind != PDF_DICT) return TRUE;
  return resources_fonts(pg, &xobj, depth + 1);
}

static gboolean resources_dict_fonts(Pages *pg, const PdfVal *res, int depth);

static gboolean resources_fonts(Pages *pg, const PdfVal *owner, int depth) {
  PdfVal res;
  if (depth > 8 || !post_resolve(pg->p, owner, "Resources", &res)) return TRUE;
  return resources_dict_fonts(pg, &res, depth);
}

/* The fonts of a /Resources dictionary, and of its form XObjects'. */
static gboolean resources_dict_fonts(Pages *pg, const PdfVal *resources, int depth) {
  PdfVal res = *resources, fonts, xobjects;
  if (res.kind != PDF_DICT) return TRUE;
  if (post_resolve(pg->p, &res, "Font", &fonts) && fonts.kind == PDF_DICT && !dict_refs(pg, &fonts, font_each, depth))
    return FALSE;
  if (post_resolve(pg->p, &res, "XObject", &xobjects) && xobjects.kind == PDF_DICT)
    return dict_refs(pg, &xobjects, xobject_each, depth);
  return TRUE;
}

/* ---- the page tree -------------------------------------------------------- */

static gboolean page_finish(Pages *pg, long num, const PdfIndex *page) {
  Post *p = pg->p;
  PdfVal res, annots, tabs;
  if (!content_mark(pg, page)) return FALSE;
  if (pdf_index_get(page, "Resources", &res) && (res.kind != PDF_REF || pdf_file_object(&p->file, res.num, &res)) &&
      !resources_dict_fonts(pg, &res, 0))
    return FALSE;
  if (++pg->index % 8 == 0) post_input_release(p);
  if (!pdf_index_get(page, "Annots", &annots) || (pdf_index_get(page, "Tabs", &tabs) && pdf_name_is(&tabs, "S")))
    return TRUE;
  static const char *const drop[] = {"Tabs", NULL};
  return post_replace(p, num, post_dict_edit(&page->dict, drop, "/Tabs /S"));
}

/* A page tree node parsed once (its entries kept), a page finished;
 * *kids the /Kids of any other node. Apart from tree_walk so that the
 * index is off the stack before the walk goes down a level. */
static __attribute__((noinline)) gboolean node_read(Pages *pg, long num, gboolean *is_page, PdfVal *kids) {
  Post *p = pg->p;
  PdfIndex node;
  PdfVal type;
  if (!pdf_file_object_index(&p->file, num, &node) || node.dict.kind != PDF_DICT) return read_fail(p, "a page cannot be read");
  *is_page = pdf_index_get(&node, "Type", &type) && pdf_name_is(&type, "Page");
  if (*is_page) return page_finish(pg, num, &node);
  if (!pdf_index_get(&node, "Kids", kids) || kids->kind != PDF_ARRAY) return read_fail(p, "a page tree node has no /Kids");
  return TRUE;
}

static gboolean tree_walk(Pages *pg, long num, int depth) {
  Post *p = pg->p;
  PdfVal kids;
  gboolean is_page;
  if (depth > MAX_PAGE_TREE_DEPTH) return read_fail(p, "its page tree is nested too deeply");
  if (!node_read(pg, num, &is_page, &kids)) return FALSE;
  if (is_page) return TRUE;
  const char *cursor = NULL;
  PdfVal kid;
  while (pdf_array_next(&kids, &cursor, &kid))
    if (kid.kind != PDF_REF || !tree_walk(pg, kid.num, depth + 1)) return kid.kind == PDF_REF ? FALSE : read_fail(p, "a page is not a reference");
  return TRUE;
}

gboolean post_pages(Post *p, const PdfVal *catalog) {
  PdfVal root;
  if (!pdf_dict_get(catalog, "Pages", &root) || root.kind != PDF_REF) return read_fail(p, "it has no page tree");
  Pages pg = {.p = p, .fonts = g_hash_table_new(NULL, NULL)};
  gboolean ok = tree_walk(&pg, root.num, 0);
  post_input_release(p);
  g_hash_table_destroy(pg.fonts);
  if (ok && p->opts->n_pages && pg.index != p->opts->n_pages) {
    char *msg = g_strdup_printf("the PDF has %u pages but artifact bands were given for %u", pg.index, p->opts->n_pages);
    post_fail(p, PDFPOST_ERROR_MISMATCH, "%s", msg);
    g_free(msg);
    return FALSE;
  }
  return ok;
}
