/* pdfpost — see pdfpost.h.
 *
 * An incremental update: cairo's bytes are kept as they are and a few
 * replacement objects are appended (Catalog, Info, Outlines, and the Figure
 * and TH structure elements), with a cross-reference section for just
 * those and a trailer pointing back at cairo's (/Prev). Reading only the
 * objects it changes keeps the cost proportional to the structure tree,
 * not to the file: a 400-page pack is finished in milliseconds. */
#include "pdfpost.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pdfobj.h"

G_DEFINE_QUARK(pdfpost - error - quark, pdfpost_error)

void pdfpost_options_init(PdfPostOptions *opts) {
  memset(opts, 0, sizeof *opts);
  opts->date_epoch = -1;
}

typedef struct {
  long num;
  char *text; /* the new object's value */
} Replacement;

typedef struct {
  PdfFile file;
  const PdfPostOptions *opts;
  GArray *replacements; /* of Replacement, in the order made */
  guint figures, ths;   /* counted in structure order */
  GError **error;
} Post;

static gboolean post_fail(Post *p, int code, const char *fmt, const char *arg) {
  if (p->error && !*p->error) g_set_error(p->error, PDFPOST_ERROR, code, fmt, arg);
  return FALSE;
}

static void replace(Post *p, long num, char *text) {
  Replacement r = {num, text};
  g_array_append_val(p->replacements, r);
}

/* The dictionary's text with `extra` entries before its closing ">>". */
static char *dict_with(const PdfVal *dict, const char *extra) {
  GString *s = g_string_new_len(dict->start, dict->end - dict->start - 2);
  while (s->len && (s->str[s->len - 1] == ' ' || s->str[s->len - 1] == '\n')) g_string_truncate(s, s->len - 1);
  g_string_append_printf(s, "\n   %s\n>>", extra);
  return g_string_free(s, FALSE);
}

/* The dictionary's text without the entries named in `drop`. */
static char *dict_without(const PdfVal *dict, const char *const *drop) {
  GString *s = g_string_new("<<");
  const char *q = dict->start + 2, *end = dict->end - 2;
  PdfVal k, v;
  while (pdf_val_parse(&q, end, &k) && pdf_val_parse(&q, end, &v)) {
    gboolean skip = FALSE;
    for (int i = 0; drop[i]; i++) skip |= pdf_name_is(&k, drop[i]);
    if (!skip) g_string_append_printf(s, " %.*s %.*s", (int)(k.end - k.start), k.start, (int)(v.end - v.start), v.start);
  }
  g_string_append(s, " >>");
  return g_string_free(s, FALSE);
}

static gboolean ref_object(Post *p, const PdfVal *dict, const char *key, long *num, PdfVal *obj) {
  PdfVal v;
  if (!pdf_dict_get(dict, key, &v) || v.kind != PDF_REF) return FALSE;
  *num = v.num;
  return pdf_file_object(&p->file, v.num, obj);
}

/* ---- structure tree ------------------------------------------------------ */

static gboolean struct_elem_finish(Post *p, long num, const PdfVal *elem) {
  PdfVal s;
  if (!pdf_dict_get(elem, "S", &s)) return TRUE;
  const PdfPostOptions *o = p->opts;
  if (pdf_name_is(&s, "Figure")) {
    guint k = p->figures++;
    if (k < o->n_figure_alt && o->figure_alt[k]) {
      char *str = pdf_text_string(o->figure_alt[k]), *entry = g_strconcat("/Alt ", str, NULL);
      replace(p, num, dict_with(elem, entry));
      g_free(str), g_free(entry);
    }
  } else if (pdf_name_is(&s, "TH")) {
    guint k = p->ths++;
    if (k < o->n_th_scope && o->th_scope[k]) {
      char *entry = g_strdup_printf("/A << /O /Table /Scope /%s >>", o->th_scope[k]);
      replace(p, num, dict_with(elem, entry));
      g_free(entry);
    }
  }
  return TRUE;
}

static gboolean struct_walk(Post *p, const PdfVal *kids, int depth);

static gboolean struct_visit(Post *p, const PdfVal *ref, int depth) {
  PdfVal elem, kids;
  if (depth > 1024) return post_fail(p, PDFPOST_ERROR_READ, "%s", "reading the PDF: its structure tree is nested too deeply");
  if (!pdf_file_object(&p->file, ref->num, &elem) || elem.kind != PDF_DICT)
    return post_fail(p, PDFPOST_ERROR_READ, "%s", "reading the PDF: a structure element cannot be read");
  struct_elem_finish(p, ref->num, &elem);
  return !pdf_dict_get(&elem, "K", &kids) || struct_walk(p, &kids, depth + 1);
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
  if (!ref_object(p, catalog, "StructTreeRoot", &num, &root)) return TRUE;
  if (pdf_dict_get(&root, "K", &kids) && !struct_walk(p, &kids, 0)) return FALSE;
  const PdfPostOptions *o = p->opts;
  if (p->figures != o->n_figure_alt || p->ths != o->n_th_scope) {
    char *msg = p->figures != o->n_figure_alt
                    ? g_strdup_printf("the structure tree has %u Figure elements but %u alt texts were given",
                                      p->figures, o->n_figure_alt)
                    : g_strdup_printf("the structure tree has %u TH elements but %u scopes were given", p->ths,
                                      o->n_th_scope);
    post_fail(p, PDFPOST_ERROR_MISMATCH, "%s", msg);
    g_free(msg);
    return FALSE;
  }
  return TRUE;
}

/* ---- catalog, info, outline ----------------------------------------------- */

static gboolean catalog_finish(Post *p, long num, const PdfVal *catalog) {
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
  static const char *const drop[] = {"Lang", "ViewerPreferences", NULL};
  char *base = dict_without(catalog, drop);
  PdfVal trimmed;
  const char *q = base;
  pdf_val_parse(&q, base + strlen(base), &trimmed);
  replace(p, num, dict_with(&trimmed, extra->str));
  g_free(base);
  g_string_free(extra, TRUE);
  return TRUE;
}

static gboolean has_title(const PdfVal *info) {
  PdfVal t;
  return pdf_dict_get(info, "Title", &t) && t.kind == PDF_STRING && t.end - t.start > 2;
}

static void info_finish(Post *p, long num, const PdfVal *info) {
  if (p->opts->date_epoch < 0) return;
  GDateTime *dt = g_date_time_new_from_unix_utc(p->opts->date_epoch);
  char *stamp = g_date_time_format(dt, "D:%Y%m%d%H%M%S+00'00'");
  g_date_time_unref(dt);
  static const char *const drop[] = {"CreationDate", "ModDate", NULL};
  char *base = dict_without(info, drop);
  PdfVal trimmed;
  const char *q = base;
  pdf_val_parse(&q, base + strlen(base), &trimmed);
  char *extra = g_strdup_printf("/CreationDate (%s) /ModDate (%s)", stamp, stamp);
  replace(p, num, dict_with(&trimmed, extra));
  g_free(extra), g_free(base), g_free(stamp);
}

/* cairo writes the root /Count negative; it should be the number of
 * visible entries: each top-level one, plus those an open one shows. */
static void outline_finish(Post *p, const PdfVal *catalog) {
  long num, visible = 0;
  PdfVal outlines, count, item;
  if (!ref_object(p, catalog, "Outlines", &num, &outlines)) return;
  if (!pdf_dict_get(&outlines, "Count", &count) || count.num >= 0) return;
  long item_num;
  gboolean ok = ref_object(p, &outlines, "First", &item_num, &item);
  for (int guard = 0; ok && guard < 100000; guard++) {
    PdfVal c;
    visible += 1 + (pdf_dict_get(&item, "Count", &c) && c.num > 0 ? c.num : 0);
    ok = ref_object(p, &item, "Next", &item_num, &item);
  }
  static const char *const drop[] = {"Count", NULL};
  char *base = dict_without(&outlines, drop);
  PdfVal trimmed;
  const char *q = base;
  pdf_val_parse(&q, base + strlen(base), &trimmed);
  char *extra = g_strdup_printf("/Count %ld", visible);
  replace(p, num, visible > 0 ? dict_with(&trimmed, extra) : g_strdup(base));
  g_free(extra), g_free(base);
}

/* ---- writing ---------------------------------------------------------- */

static gint by_number(gconstpointer a, gconstpointer b) {
  long x = ((const Replacement *)a)->num, y = ((const Replacement *)b)->num;
  return x < y ? -1 : x > y;
}

/* The update itself: replacement objects, their xref section and a
 * trailer, as bytes to go after the `base` bytes of the original. Built
 * while the original is still readable (the trailer is copied from it). */
static GString *update_text(Post *p, gsize base) {
  GString *x = g_string_new(NULL);
  if (base && p->file.data[base - 1] != '\n') g_string_append_c(x, '\n');
  g_array_sort(p->replacements, by_number);
  GArray *offsets = g_array_new(FALSE, FALSE, sizeof(gsize));
  for (guint i = 0; i < p->replacements->len; i++) {
    const Replacement *r = &g_array_index(p->replacements, Replacement, i);
    gsize off = base + x->len;
    g_array_append_val(offsets, off);
    g_string_append_printf(x, "%ld 0 obj\n%s\nendobj\n", r->num, r->text);
  }
  gsize xref = base + x->len;
  g_string_append(x, "xref\n");
  for (guint i = 0; i < p->replacements->len;) {
    guint j = i + 1;
    while (j < p->replacements->len &&
           g_array_index(p->replacements, Replacement, j).num == g_array_index(p->replacements, Replacement, j - 1).num + 1)
      j++;
    g_string_append_printf(x, "%ld %u\n", g_array_index(p->replacements, Replacement, i).num, j - i);
    for (guint k = i; k < j; k++) g_string_append_printf(x, "%010lu 00000 n \n", (unsigned long)g_array_index(offsets, gsize, k));
    i = j;
  }
  /* the trailer keeps cairo's entries and points back at its xref */
  static const char *const drop[] = {"Prev", NULL};
  char *without = dict_without(&p->file.trailer, drop);
  PdfVal trimmed;
  const char *q = without;
  pdf_val_parse(&q, without + strlen(without), &trimmed);
  char *prev = g_strdup_printf("/Prev %lu", (unsigned long)p->file.xref_offset);
  char *trailer = dict_with(&trimmed, prev);
  g_string_append_printf(x, "trailer\n%s\nstartxref\n%lu\n%%%%EOF\n", trailer, (unsigned long)xref);
  g_free(prev), g_free(trailer), g_free(without);
  g_array_free(offsets, TRUE);
  return x;
}

/* ---- options ------------------------------------------------------------ */

static gboolean options_check(const PdfPostOptions *o, GError **error) {
  if (o->lang && (!*o->lang || strspn(o->lang, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != strlen(o->lang))) {
    g_set_error(error, PDFPOST_ERROR, PDFPOST_ERROR_OPTIONS, "'%s' is not a language tag", o->lang);
    return FALSE;
  }
  for (guint i = 0; i < o->n_th_scope; i++) {
    const char *s = o->th_scope[i];
    if (s && strcmp(s, "Column") && strcmp(s, "Row") && strcmp(s, "Both")) {
      g_set_error(error, PDFPOST_ERROR, PDFPOST_ERROR_OPTIONS, "'%s' is not a header scope (Column, Row or Both)", s);
      return FALSE;
    }
  }
  for (guint i = 0; i < o->n_figure_alt; i++)
    if (o->figure_alt[i] && !g_utf8_validate(o->figure_alt[i], -1, NULL)) {
      g_set_error(error, PDFPOST_ERROR, PDFPOST_ERROR_OPTIONS, "alt text %u is not UTF-8", i + 1);
      return FALSE;
    }
  return TRUE;
}

/* Everything but the writing: the update's bytes for a PDF whose byte
 * after the last is readable and NUL. */
static GString *update_make(const char *data, gsize len, const PdfPostOptions *opts, GError **error) {
  Post p = {.opts = opts, .error = error, .replacements = g_array_new(FALSE, FALSE, sizeof(Replacement))};
  GString *result = NULL;
  long cat_num = 0, info_num = 0;
  PdfVal catalog, info;
  GError *read_error = NULL;
  if (!pdf_file_open(&p.file, data, len, &read_error)) {
    g_set_error(error, PDFPOST_ERROR, PDFPOST_ERROR_READ, "reading the PDF: %s", read_error->message);
    g_error_free(read_error);
    goto out;
  }
  if (!ref_object(&p, &p.file.trailer, "Root", &cat_num, &catalog) || catalog.kind != PDF_DICT) {
    post_fail(&p, PDFPOST_ERROR_READ, "%s", "reading the PDF: it has no readable catalog");
    goto out;
  }
  gboolean have_info = ref_object(&p, &p.file.trailer, "Info", &info_num, &info) && info.kind == PDF_DICT;
  if (opts->display_doc_title && !(have_info && has_title(&info))) {
    post_fail(&p, PDFPOST_ERROR_TITLE, "%s", "DisplayDocTitle asked for, but the PDF has no /Title");
    goto out;
  }
  if (!struct_tree(&p, &catalog)) goto out;
  catalog_finish(&p, cat_num, &catalog);
  if (have_info) info_finish(&p, info_num, &info);
  outline_finish(&p, &catalog);
  result = update_text(&p, len);
out:
  for (guint i = 0; i < p.replacements->len; i++) g_free(g_array_index(p.replacements, Replacement, i).text);
  g_array_free(p.replacements, TRUE);
  pdf_file_close(&p.file);
  return result;
}

gboolean pdfpost_apply_in_place(GByteArray *pdf, const PdfPostOptions *opts, GError **error) {
  if (!options_check(opts, error)) return FALSE;
  guint len = pdf->len;
  g_byte_array_append(pdf, (const guint8 *)"", 1); /* number parsing can never run off the end */
  GString *update = update_make((const char *)pdf->data, len, opts, error);
  g_byte_array_set_size(pdf, len);
  if (!update) return FALSE;
  g_byte_array_append(pdf, (const guint8 *)update->str, (guint)update->len);
  g_string_free(update, TRUE);
  return TRUE;
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
