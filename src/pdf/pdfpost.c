/* pdfpost — see pdfpost.h.
 *
 * The file written again (rewrite_text): cairo's objects copied in their
 * order, the changed ones (Catalog, Info, Outlines, structure elements,
 * pages, page contents, fonts, annotations) in their new version in their
 * place, new ones (XMP) after them, a fresh xref and trailer. Only the
 * objects it changes are parsed, so beyond one copy of the bytes the cost
 * follows the structure tree and the pages, not the file. */
#include "pdfpost.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pdfpost_internal.h"

G_DEFINE_QUARK(pdfpost - error - quark, pdfpost_error)

void pdfpost_options_init(PdfPostOptions *opts) {
  memset(opts, 0, sizeof *opts);
  opts->date_epoch = -1;
}

gboolean post_fail(Post *p, int code, const char *fmt, const char *arg) {
  if (p->error && !*p->error) g_set_error(p->error, PDFPOST_ERROR, code, fmt, arg);
  return FALSE;
}

static gboolean replacement_add(Post *p, long num, GString *body, guint page) {
  if (!g_hash_table_add(p->replaced, GINT_TO_POINTER((int)num))) {
    if (body) g_string_free(body, TRUE);
    return post_fail(p, PDFPOST_ERROR_READ, "%s", "reading the PDF: an object is shared where it should not be");
  }
  Replacement r = {num, body, page};
  g_array_append_val(p->replacements, r);
  return TRUE;
}

gboolean post_replace(Post *p, long num, GString *body) { return replacement_add(p, num, body, 0); }

gboolean post_replace_later(Post *p, long num, guint page) { return replacement_add(p, num, NULL, page); }

void post_input_release(Post *p) {
  /* MADV_DONTNEED on a private mapping never written to drops the pages
   * from this process; reading them again maps the file's pages again.
   * The kernel maps a file in large pieces (2 MB here), so a few objects
   * read far apart hold much of it: hence a release every few pages. */
  if (p->mapped) madvise((void *)p->mapped, p->mapped_len, MADV_DONTNEED);
}

long post_add(Post *p, GString *body) {
  long num = p->next_num++;
  post_replace(p, num, body);
  return num;
}

GString *post_dict_with(const PdfVal *dict, const char *extra) {
  gsize len = (gsize)(dict->end - dict->start - 2), extra_len = strlen(extra);
  while (len && (dict->start[len - 1] == ' ' || dict->start[len - 1] == '\n')) len--;
  GString *s = g_string_sized_new(len + extra_len + 8);
  g_string_append_len(s, dict->start, (gssize)len);
  g_string_append_len(s, "\n   ", 4);
  g_string_append_len(s, extra, (gssize)extra_len);
  g_string_append_len(s, "\n>>", 3);
  return s;
}

GString *post_dict_edit(const PdfVal *dict, const char *const *drop, const char *extra) {
  GString *s = g_string_new("<<");
  const char *q = dict->start + 2, *end = dict->end - 2;
  PdfVal k, v;
  while (pdf_val_parse(&q, end, &k) && pdf_val_parse(&q, end, &v)) {
    gboolean skip = FALSE;
    for (int i = 0; drop[i]; i++) skip |= pdf_name_is(&k, drop[i]);
    if (skip) continue;
    g_string_append_c(s, ' ');
    g_string_append_len(s, k.start, k.end - k.start);
    g_string_append_c(s, ' ');
    g_string_append_len(s, v.start, v.end - v.start);
  }
  if (extra && *extra) {
    g_string_append_len(s, "\n   ", 4);
    g_string_append(s, extra);
  }
  g_string_append(s, " >>");
  return s;
}

gboolean post_ref_object(Post *p, const PdfVal *dict, const char *key, long *num, PdfVal *obj) {
  PdfVal v;
  if (!pdf_dict_get(dict, key, &v) || v.kind != PDF_REF) return FALSE;
  *num = v.num;
  return pdf_file_object(&p->file, v.num, obj);
}

gboolean post_resolve(Post *p, const PdfVal *dict, const char *key, PdfVal *out) {
  if (!pdf_dict_get(dict, key, out)) return FALSE;
  if (out->kind != PDF_REF) return TRUE;
  return pdf_file_object(&p->file, out->num, out);
}

/* ---- structure tree ------------------------------------------------------ */

/* Element k of the options, read into *buf if they are not an array. */
static const PdfElemAttrs *opts_elem(const PdfPostOptions *o, guint k, PdfElemAttrs *buf) {
  if (!o->elem_get) return (const PdfElemAttrs *)o->elems + k;
  o->elem_get(o->elems, k, buf);
  return buf;
}

static const char *const SCOPES[] = {"Column", "Row", "Both", NULL};

static gboolean scope_known(const char *s) {
  for (int i = 0; SCOPES[i]; i++)
    if (strcmp(s, SCOPES[i]) == 0) return TRUE;
  return FALSE;
}

/* /A << /O /Table … >> for a cell, or "" when it needs none. */
static gboolean table_attrs_wanted(const PdfElemAttrs *a) {
  return a->scope || a->colspan > 1 || a->rowspan > 1 || (a->headers && *a->headers);
}

/* " /Headers [ <id> … ]": each space-separated id, empty ones skipped. */
static void headers_entry(GString *t, const char *headers) {
  g_string_append(t, " /Headers [");
  for (const char *id = headers; *id;) {
    const char *e = strchr(id, ' ');
    if (!e) e = id + strlen(id);
    if (e > id) {
      g_string_append_c(t, ' ');
      pdf_hex_string_append(t, id, (gsize)(e - id));
    }
    id = *e ? e + 1 : e;
  }
  g_string_append(t, " ]");
}

static void table_attrs(GString *entries, const PdfElemAttrs *a) {
  if (!table_attrs_wanted(a)) return;
  static const char open[] = " /A << /O /Table";
  gsize at = entries->len;
  g_string_append(entries, open);
  if (a->scope) g_string_append(entries, " /Scope /"), g_string_append(entries, a->scope);
  if (a->colspan > 1) g_string_append_printf(entries, " /ColSpan %u", a->colspan);
  if (a->rowspan > 1) g_string_append_printf(entries, " /RowSpan %u", a->rowspan);
  if (a->headers && *a->headers) headers_entry(entries, a->headers);
  if (entries->len == at + sizeof open - 1) g_string_truncate(entries, at); /* nothing to say */
  else g_string_append(entries, " >>");
}

static void text_entry(GString *entries, const char *key, const char *utf8) {
  if (!utf8) return;
  g_string_append_len(entries, " /", 2);
  g_string_append(entries, key);
  g_string_append_c(entries, ' ');
  pdf_text_string_append(entries, utf8);
}

/* /Contents on the annotation of each OBJR in a Link's /K. */
static gboolean link_contents(Post *p, const PdfVal *kids, const char *contents) {
  const char *cursor = NULL;
  PdfVal v = *kids, type, obj, annot;
  gboolean array = kids->kind == PDF_ARRAY;
  while (!array || pdf_array_next(kids, &cursor, &v)) {
    if (v.kind == PDF_REF) pdf_file_object(&p->file, v.num, &v);
    if (v.kind == PDF_DICT && pdf_dict_get(&v, "Type", &type) && pdf_name_is(&type, "OBJR") &&
        pdf_dict_get(&v, "Obj", &obj) && obj.kind == PDF_REF && pdf_file_object(&p->file, obj.num, &annot) &&
        annot.kind == PDF_DICT) {
      static const char *const drop[] = {"Contents", NULL};
      GString *entry = g_string_new(NULL);
      text_entry(entry, "Contents", contents);
      if (!post_replace(p, obj.num, post_dict_edit(&annot, drop, entry->str))) {
        g_string_free(entry, TRUE);
        return FALSE;
      }
      g_string_free(entry, TRUE);
    }
    if (!array) break;
  }
  return TRUE;
}

static gboolean struct_elem_finish(Post *p, long num, const PdfIndex *ix) {
  const PdfVal *elem = &ix->dict;
  PdfVal s, kids;
  if (!pdf_index_get(ix, "S", &s) || s.kind != PDF_NAME) return TRUE;
  const PdfPostOptions *o = p->opts;
  if (!o->n_elems) return TRUE;
  guint k = p->elems++;
  if (k >= o->n_elems) return TRUE; /* counted, and reported at the end */
  PdfElemAttrs attrs;
  const PdfElemAttrs *a = opts_elem(o, k, &attrs);
  if (!pdf_name_is(&s, a->type)) {
    char *msg = g_strdup_printf("structure element %u is /%.*s, but %s was begun there", k + 1,
                                (int)(s.end - s.start - 1), s.start + 1, a->type);
    post_fail(p, PDFPOST_ERROR_MISMATCH, "%s", msg);
    g_free(msg);
    return FALSE;
  }
  gboolean ok = TRUE;
  if (a->alt || a->actual_text || a->lang || a->id || table_attrs_wanted(a)) { /* most Spans have nothing to add */
    GString *entries = g_string_new(NULL);
    text_entry(entries, "Alt", a->alt);
    text_entry(entries, "ActualText", a->actual_text);
    text_entry(entries, "Lang", a->lang);
    if (a->id) {
      g_string_append(entries, " /ID ");
      pdf_hex_string_append(entries, a->id, strlen(a->id));
    }
    table_attrs(entries, a);
    if (entries->len) ok = post_replace(p, num, post_dict_with(elem, entries->str + 1));
    g_string_free(entries, TRUE);
  }
  if (ok && a->contents && pdf_index_get(ix, "K", &kids)) ok = link_contents(p, &kids, a->contents);
  return ok;
}

static gboolean struct_walk(Post *p, const PdfVal *kids, int depth);

/* One element, parsed once (pdf_file_object_index: its /Type, /S and /K
 * come from the entries kept), finished; *kids its /K, kind PDF_NULL if
 * none or an OBJR. Apart from struct_visit so that the index is off the
 * stack before the walk goes down a level. */
static __attribute__((noinline)) gboolean struct_elem_read(Post *p, long num, PdfVal *kids) {
  PdfIndex elem;
  PdfVal type;
  kids->kind = PDF_NULL;
  if (!pdf_file_object_index(&p->file, num, &elem) || elem.dict.kind != PDF_DICT)
    return post_fail(p, PDFPOST_ERROR_READ, "%s", "reading the PDF: a structure element cannot be read");
  if (pdf_index_get(&elem, "Type", &type) && pdf_name_is(&type, "OBJR")) return TRUE;
  if (!struct_elem_finish(p, num, &elem)) return FALSE;
  if (++p->elems_read % 4096 == 0) post_input_release(p);
  if (!pdf_index_get(&elem, "K", kids)) kids->kind = PDF_NULL;
  return TRUE;
}

static gboolean struct_visit(Post *p, const PdfVal *ref, int depth) {
  PdfVal kids;
  if (depth > 1024) return post_fail(p, PDFPOST_ERROR_READ, "%s", "reading the PDF: its structure tree is nested too deeply");
  return struct_elem_read(p, ref->num, &kids) && (kids.kind == PDF_NULL || struct_walk(p, &kids, depth + 1));
}

/* /K: a reference, an array of references and marked-content ids, or an id. */
static gboolean struct_walk(Post *p, const PdfVal *kids, int depth) {
  if (kids->kind == PDF_REF) return struct_visit(p, kids, depth);
  if (kids->kind != PDF_ARRAY) return TRUE;
  const char *cursor = NULL;
  PdfVal v;
  while (pdf_array_next(kids, &cursor, &v))
    if (v.kind == PDF_REF && !struct_visit(p, &v, depth)) return FALSE;
  return TRUE;
}

static gboolean struct_tree(Post *p, const PdfVal *catalog) {
  long num;
  PdfVal root, kids;
  if (!post_ref_object(p, catalog, "StructTreeRoot", &num, &root)) return TRUE;
  if (pdf_dict_get(&root, "K", &kids) && !struct_walk(p, &kids, 0)) return FALSE;
  post_input_release(p);
  const PdfPostOptions *o = p->opts;
  if (o->n_elems && p->elems != o->n_elems) {
    char *msg = g_strdup_printf("the structure tree has %u elements but %u were begun", p->elems, o->n_elems);
    post_fail(p, PDFPOST_ERROR_MISMATCH, "%s", msg);
    g_free(msg);
    return FALSE;
  }
  return TRUE;
}

/* ---- catalog, info, outline ----------------------------------------------- */

static gboolean catalog_finish(Post *p, long num, const PdfVal *catalog, long xmp) {
  const PdfPostOptions *o = p->opts;
  GString *extra = g_string_new(NULL);
  PdfVal v;
  if (o->lang) {
    char *lang = pdf_text_string(o->lang);
    g_string_append_printf(extra, "/Lang %s ", lang);
    g_free(lang);
  }
  if (o->display_doc_title) g_string_append(extra, "/ViewerPreferences << /DisplayDocTitle true >> ");
  if (!pdf_dict_get(catalog, "MarkInfo", &v) && pdf_dict_get(catalog, "StructTreeRoot", &v))
    g_string_append(extra, "/MarkInfo << /Marked true >> ");
  if (xmp) g_string_append_printf(extra, "/Metadata %ld 0 R ", xmp);
  if (o->page_labels) g_string_append(extra, "/PageLabels << /Nums [0 << /S /D >>] >> ");
  static const char *const drop[] = {"Lang", "ViewerPreferences", "Metadata", "PageLabels", NULL};
  gboolean ok = post_replace(p, num, post_dict_edit(catalog, drop, extra->str));
  g_string_free(extra, TRUE);
  return ok;
}

static gboolean has_title(const PdfVal *info) {
  PdfVal t;
  return pdf_dict_get(info, "Title", &t) && t.kind == PDF_STRING && t.end - t.start > 2;
}

static gboolean info_finish(Post *p, long num, const PdfVal *info) {
  if (p->opts->date_epoch < 0) return TRUE;
  GDateTime *dt = g_date_time_new_from_unix_utc(p->opts->date_epoch);
  char *stamp = g_date_time_format(dt, "D:%Y%m%d%H%M%S+00'00'");
  g_date_time_unref(dt);
  static const char *const drop[] = {"CreationDate", "ModDate", NULL};
  char *extra = g_strdup_printf("/CreationDate (%s) /ModDate (%s)", stamp, stamp);
  gboolean ok = post_replace(p, num, post_dict_edit(info, drop, extra));
  g_free(extra), g_free(stamp);
  return ok;
}

/* cairo writes the root /Count negative; it should be the number of
 * visible entries: each top-level one, plus those an open one shows. */
static gboolean outline_finish(Post *p, const PdfVal *catalog) {
  long num, visible = 0;
  PdfVal outlines, count, item;
  if (!post_ref_object(p, catalog, "Outlines", &num, &outlines)) return TRUE;
  if (!pdf_dict_get(&outlines, "Count", &count) || count.num >= 0) return TRUE;
  long item_num;
  gboolean ok = post_ref_object(p, &outlines, "First", &item_num, &item);
  for (int guard = 0; ok && guard < 100000; guard++) {
    PdfVal c;
    visible += 1 + (pdf_dict_get(&item, "Count", &c) && c.num > 0 ? c.num : 0);
    ok = post_ref_object(p, &item, "Next", &item_num, &item);
  }
  static const char *const drop[] = {"Count", NULL};
  char *extra = visible > 0 ? g_strdup_printf("/Count %ld", visible) : NULL;
  ok = post_replace(p, num, post_dict_edit(&outlines, drop, extra));
  g_free(extra);
  return ok;
}

/* ---- writing ---------------------------------------------------------- */

/* Input bytes copied: a piece at a time, each piece's pages of a mapped
 * input given back once it is written. */
#define POST_COPY_PIECE (1024 * 1024)

static void input_read(Post *p, gsize n) {
  p->copied += n;
  if (p->copied < POST_COPY_PIECE) return;
  p->copied = 0;
  post_input_release(p);
}

static void out_input(Post *p, PdfWriter *o, const char *data, gsize len) {
  while (len > 0) {
    gsize n = MIN(len, (gsize)POST_COPY_PIECE);
    pdfwrite_bytes(o, data, n);
    data += n, len -= n;
    input_read(p, n);
  }
}

/* A replacement written; a page's content stream is taken from
 * `contents` (the next one it makes). */
static gboolean object_write(Post *p, PdfWriter *x, GArray *offsets, const Replacement *r, PostContents *contents,
                             guint *next) {
  GString *made = r->body ? NULL : post_contents_take(contents, (*next)++);
  const GString *body = r->body ? r->body : made;
  if (!body) return FALSE;
  pdfwrite_object(x, offsets, r->num);
  pdfwrite_bytes(x, body->str, body->len);
  pdfwrite_endobj(x);
  if (made) {
    input_read(p, made->len); /* about as much of the input was read */
    g_string_free(made, TRUE);
  }
  return TRUE;
}

/* One xref section for every object, and the trailer. */
static void xref_trailer_write(const PdfFile *f, PdfWriter *x, const GArray *offsets, long size) {
  static const char *const drop[] = {"Prev", "Size", NULL};
  char *extra = g_strdup_printf("/Size %ld", size);
  GString *trailer = post_dict_edit(&f->trailer, drop, extra);
  pdfwrite_xref_trailer(x, offsets, size, trailer);
  g_free(extra);
  g_string_free(trailer, TRUE);
}

/* The page contents among the replacements, in the order rewrite_text
 * writes them: where their old objects were (`placed`), then any new. */
static GPtrArray *contents_in_order(Post *p, const GArray *placed, GHashTable *by_num) {
  GPtrArray *order = g_ptr_array_new();
  for (guint i = 0; i < placed->len; i++) {
    const PdfPlaced *o = &g_array_index(placed, PdfPlaced, i);
    const Replacement *r = o->num ? g_hash_table_lookup(by_num, GINT_TO_POINTER((int)o->num)) : NULL;
    if (r && !r->body) g_ptr_array_add(order, (gpointer)r);
  }
  for (guint i = 0; i < p->replacements->len; i++) {
    const Replacement *r = &g_array_index(p->replacements, Replacement, i);
    if (r->num >= p->file.size && !r->body) g_ptr_array_add(order, (gpointer)r);
  }
  return order;
}

/* Object starts and xref sections of `f`, in file order: each object ends
 * where the next thing starts. */
static GArray *objects_placed(const PdfFile *f) {
  GArray *placed = g_array_new(FALSE, FALSE, sizeof(PdfPlaced));
  for (guint n = 1; n < f->offsets->len; n++) {
    gint64 off = g_array_index(f->offsets, gint64, n);
    if (off >= 0 && (gsize)off < f->len) g_array_append_val(placed, ((PdfPlaced){(gsize)off, (long)n}));
  }
  for (guint i = 0; i < f->sections->len; i++) g_array_append_val(placed, ((PdfPlaced){g_array_index(f->sections, gsize, i), 0}));
  pdf_placed_sort((PdfPlaced *)(void *)placed->data, placed->len, f->len);
  return placed;
}

/* The file written again: cairo's header and every object it wrote, in its
 * order and byte for byte, but for the replaced ones, which take their
 * place in their new version; then the new objects, one xref section and
 * a trailer. A rewrite and not an incremental update, because the page
 * contents are replaced: appended, the old ones would stay in the file
 * (a third of a pack's size). Written while the input is still readable. */
static gboolean rewrite_text(Post *p, PdfWriter *x) {
  const PdfFile *f = &p->file;
  GHashTable *by_num = g_hash_table_new(NULL, NULL);
  for (guint i = 0; i < p->replacements->len; i++) {
    Replacement *r = &g_array_index(p->replacements, Replacement, i);
    g_hash_table_insert(by_num, GINT_TO_POINTER((int)r->num), r);
  }
  GArray *placed = objects_placed(f);
  GPtrArray *order = contents_in_order(p, placed, by_num);
  PostContents *contents = post_contents_start(p, (const Replacement *const *)order->pdata, order->len, p->opts->threads);
  guint next = 0;
  long size = MAX(p->next_num, f->size);
  GArray *offsets = g_array_sized_new(FALSE, FALSE, sizeof(gint64), (guint)size);
  g_array_set_size(offsets, (guint)size);
  for (long n = 0; n < size; n++) g_array_index(offsets, gint64, n) = -1;
  gsize first = placed->len ? g_array_index(placed, PdfPlaced, 0).offset : f->len;
  gboolean made = TRUE;
  out_input(p, x, f->data, first);
  for (guint i = 0; made && i < placed->len; i++) {
    const PdfPlaced *o = &g_array_index(placed, PdfPlaced, i);
    if (!o->num) continue; /* an old xref section: written anew below */
    gsize end = i + 1 < placed->len ? g_array_index(placed, PdfPlaced, i + 1).offset : f->len;
    const Replacement *r = g_hash_table_lookup(by_num, GINT_TO_POINTER((int)o->num));
    if (r) {
      made = object_write(p, x, offsets, r, contents, &next);
      continue;
    }
    g_array_index(offsets, gint64, o->num) = (gint64)pdfwrite_at(x);
    out_input(p, x, f->data + o->offset, end - o->offset);
  }
  for (guint i = 0; made && i < p->replacements->len; i++) {
    const Replacement *r = &g_array_index(p->replacements, Replacement, i);
    if (r->num >= f->size) made = object_write(p, x, offsets, r, contents, &next);
  }
  post_contents_finish(contents);
  if (made) xref_trailer_write(f, x, offsets, size);
  g_ptr_array_free(order, TRUE);
  g_array_free(offsets, TRUE);
  g_array_free(placed, TRUE);
  g_hash_table_destroy(by_num);
  if (!made) return FALSE; /* a page's content could not be read: said by post_contents_take */
  if (!x->ok) post_fail(p, PDFPOST_ERROR_READ, "%s", "the PDF could not be written");
  return x->ok;
}

/* ---- options ------------------------------------------------------------ */

static gboolean utf8_ok(const char *s) { return !s || g_utf8_validate(s, -1, NULL); }

static gboolean ascii_token(const char *s) {
  for (const char *c = s; *c; c++)
    if ((unsigned char)*c <= 0x20 || (unsigned char)*c >= 0x7f) return FALSE;
  return TRUE;
}

/* Non-empty and every byte ASCII alphanumeric (or '-' too): a loop, as
 * strspn over a set this long builds a table for every call (twice per
 * structure element). */
static gboolean alnum_word(const char *s, gboolean hyphen) {
  if (!*s) return FALSE;
  for (; *s; s++)
    if (!g_ascii_isalnum(*s) && !(hyphen && *s == '-')) return FALSE;
  return TRUE;
}

static gboolean lang_tag_ok(const char *lang) { return alnum_word(lang, TRUE); }

static gboolean elem_check(const PdfElemAttrs *a, guint i, GError **error) {
  const char *bad = NULL;
  if (!a->type || !alnum_word(a->type, FALSE))
    bad = "its type is not a name";
  else if (a->scope && !scope_known(a->scope)) bad = "its scope is not Column, Row or Both";
  else if (!utf8_ok(a->alt) || !utf8_ok(a->actual_text) || !utf8_ok(a->contents)) bad = "a text is not UTF-8";
  else if (a->id && (!*a->id || !ascii_token(a->id))) bad = "its ID is not a word of printable ASCII";
  else if (a->headers && !g_str_is_ascii(a->headers)) bad = "its headers are not ASCII";
  else if (a->lang && !lang_tag_ok(a->lang)) bad = "its language is not a language tag";
  if (!bad) return TRUE;
  g_set_error(error, PDFPOST_ERROR, PDFPOST_ERROR_OPTIONS, "structure element %u: %s (%s)", i + 1, bad,
              a->scope && !scope_known(a->scope) ? a->scope : a->type ? a->type : "");
  return FALSE;
}

static gboolean options_check(const PdfPostOptions *o, GError **error) {
  if (o->lang && !lang_tag_ok(o->lang)) {
    g_set_error(error, PDFPOST_ERROR, PDFPOST_ERROR_OPTIONS, "'%s' is not a language tag", o->lang);
    return FALSE;
  }
  PdfElemAttrs attrs;
  for (guint i = 0; i < o->n_elems; i++)
    if (!elem_check(opts_elem(o, i, &attrs), i, error)) return FALSE;
  if (!utf8_ok(o->title) || !utf8_ok(o->author) || !utf8_ok(o->creator_tool)) {
    g_set_error(error, PDFPOST_ERROR, PDFPOST_ERROR_OPTIONS, "the metadata is not UTF-8");
    return FALSE;
  }
  return TRUE;
}

/* The new file, given to `out`, for a PDF whose byte after the last is
 * readable and NUL; `mapped` says the input is a mapping of a file whose
 * pages may be given back as it is read. Nothing is written unless every
 * change could be found (a page content that cannot be marked after all,
 * found while writing, fails the call with part of the file written). */
static gboolean update_make(const char *data, gsize len, gboolean mapped, const PdfPostOptions *opts, PdfWriter *out,
                            GError **error) {
  Post p = {.opts = opts, .error = error, .replacements = g_array_new(FALSE, FALSE, sizeof(Replacement)),
            .replaced = g_hash_table_new(NULL, NULL), .zip = pdf_zip_new()};
  if (mapped) p.mapped = data, p.mapped_len = len;
  gboolean result = FALSE;
  long cat_num = 0, info_num = 0, xmp = 0;
  PdfVal catalog, info;
  GError *read_error = NULL;
  if (!pdf_file_open(&p.file, data, len, &read_error)) {
    g_set_error(error, PDFPOST_ERROR, PDFPOST_ERROR_READ, "reading the PDF: %s", read_error->message);
    g_error_free(read_error);
    goto out;
  }
  p.next_num = p.file.size;
  if (!post_ref_object(&p, &p.file.trailer, "Root", &cat_num, &catalog) || catalog.kind != PDF_DICT) {
    post_fail(&p, PDFPOST_ERROR_READ, "%s", "reading the PDF: it has no readable catalog");
    goto out;
  }
  gboolean have_info = post_ref_object(&p, &p.file.trailer, "Info", &info_num, &info) && info.kind == PDF_DICT;
  if (opts->display_doc_title && !(have_info && has_title(&info))) {
    post_fail(&p, PDFPOST_ERROR_TITLE, "%s", "DisplayDocTitle asked for, but the PDF has no /Title");
    goto out;
  }
  if (!struct_tree(&p, &catalog)) goto out;
  if (opts->pdfua && !post_pages(&p, &catalog)) goto out;
  if ((opts->pdfua || opts->title || opts->provenance) && !(xmp = post_xmp(&p))) goto out;
  if (!catalog_finish(&p, cat_num, &catalog, xmp)) goto out;
  if (have_info && !info_finish(&p, info_num, &info)) goto out;
  if (!outline_finish(&p, &catalog)) goto out;
  result = rewrite_text(&p, out);
out:
  for (guint i = 0; i < p.replacements->len; i++) {
    GString *body = g_array_index(p.replacements, Replacement, i).body;
    if (body) g_string_free(body, TRUE);
  }
  g_array_free(p.replacements, TRUE);
  pdf_zip_free(p.zip);
  g_hash_table_destroy(p.replaced);
  pdf_file_close(&p.file);
  return result;
}

static gboolean apply_to(const char *data, gsize len, gboolean mapped, const PdfPostOptions *opts, PdfWriteFunc write,
                         gpointer closure, GError **error) {
  if (!options_check(opts, error)) return FALSE;
  PdfWriter out;
  pdfwrite_init(&out, write, closure);
  gboolean ok = update_make(data, len, mapped, opts, &out, error);
  return pdfwrite_finish(&out) && ok;
}

gboolean pdfpost_apply_to(const char *data, gsize len, const PdfPostOptions *opts, PdfWriteFunc write,
                          gpointer closure, GError **error) {
  return apply_to(data, len, FALSE, opts, write, closure, error);
}

gboolean pdfpost_apply_fd(int fd, gsize len, const PdfPostOptions *opts, PdfWriteFunc write, gpointer closure,
                          GError **error) {
  void *map = mmap(NULL, len + 1, PROT_READ, MAP_PRIVATE, fd, 0);
  if (map == MAP_FAILED) {
    int e = errno;
    g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(e), "cannot read the PDF back: %s", g_strerror(e));
    return FALSE;
  }
  gboolean ok = apply_to(map, len, TRUE, opts, write, closure, error);
  munmap(map, len + 1);
  return ok;
}

static gboolean array_write(gpointer closure, const char *data, gsize len) {
  g_byte_array_append(closure, (const guint8 *)data, (guint)len);
  return TRUE;
}

gboolean pdfpost_apply_in_place(GByteArray *pdf, const PdfPostOptions *opts, GError **error) {
  guint len = pdf->len;
  g_byte_array_append(pdf, (const guint8 *)"", 1); /* number parsing can never run off the end */
  GByteArray *rewritten = g_byte_array_sized_new(len + len / 2);
  gboolean ok = pdfpost_apply_to((const char *)pdf->data, len, opts, array_write, rewritten, error);
  g_byte_array_set_size(pdf, len);
  if (ok) {
    g_byte_array_set_size(pdf, 0);
    g_byte_array_append(pdf, rewritten->data, rewritten->len);
  }
  g_byte_array_unref(rewritten);
  return ok;
}

GBytes *pdfpost_apply_bytes(const guint8 *data, gsize len, const PdfPostOptions *opts, GError **error) {
  GByteArray *pdf = g_byte_array_sized_new((guint)len + 4096);
  g_byte_array_append(pdf, data, (guint)len);
  if (!pdfpost_apply_in_place(pdf, opts, error)) {
    g_byte_array_unref(pdf);
    return NULL;
  }
  return g_byte_array_free_to_bytes(pdf);
}

static gboolean same_file(const char *a, const char *b) {
  struct stat sa, sb;
  return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

gboolean pdfpost_apply(const char *in_path, const char *out_path, const PdfPostOptions *opts, GError **error) {
  if (strcmp(in_path, out_path) == 0 || same_file(in_path, out_path)) {
    g_set_error(error, PDFPOST_ERROR, PDFPOST_ERROR_OPTIONS, "input and output are the same file: %s", out_path);
    return FALSE;
  }
  char *data = NULL;
  gsize len = 0;
  if (!g_file_get_contents(in_path, &data, &len, error)) return FALSE;
  GBytes *out = pdfpost_apply_bytes((const guint8 *)data, len, opts, error);
  g_free(data);
  if (!out) return FALSE;
  gsize n;
  const char *bytes = g_bytes_get_data(out, &n);
  gboolean ok = g_file_set_contents(out_path, bytes, (gssize)n, error);
  if (!ok) unlink(out_path);
  g_bytes_unref(out);
  return ok;
}
