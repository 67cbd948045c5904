/* pdfpost — finish a cairo-written PDF with qpdf's C API (see pdfpost.h).
 *
 * Error model: qpdf's C API records an error in the qpdf_data and keeps it
 * until qpdf_get_error fetches it; after one, object calls return harmless
 * fallbacks. So each stage runs its edits and checks once at its end
 * (qpdf_fail), much like cairo's sticky status. qpdf_silence_errors and
 * qpdf_set_suppress_warnings stop qpdf printing; warnings are then only
 * collected, and any warning fails the call, because a cairo file that
 * needs qpdf's repairs is a bug we want to see, not paper over.
 *
 * Object handles are released as the walks go, so a long paper's struct
 * tree does not leave tens of thousands of handles in the qpdf_data.
 */
#include "pdfpost.h"

#include <glib/gstdio.h>
#include <qpdf/qpdf-c.h>
#include <string.h>
#include <sys/stat.h>

/* Deeper than any tree cairo writes; a limit keeps a hostile or looping
 * file from exhausting the C stack. */
#define PDFPOST_MAX_DEPTH 256

G_DEFINE_QUARK(pdfpost-error-quark, pdfpost_error)

void pdfpost_options_init(PdfPostOptions *opts) {
  memset(opts, 0, sizeof *opts);
  opts->date_epoch = -1;
}

/* ---- options ----------------------------------------------------------- */

/* BCP 47 shape only (letters, digits, hyphen-separated subtags of 1–8):
 * enough to keep junk out of /Lang without a registry. */
static gboolean lang_tag_valid(const char *tag) {
  guint run = 0;
  if (!g_ascii_isalpha(tag[0])) return FALSE;
  for (const char *c = tag; *c; c++) {
    if (*c == '-') {
      if (run == 0) return FALSE;
      run = 0;
    } else if (g_ascii_isalnum(*c) && ++run <= 8) {
      continue;
    } else {
      return FALSE;
    }
  }
  return run > 0;
}

static gboolean scope_valid(const char *scope) {
  return !strcmp(scope, "Column") || !strcmp(scope, "Row") || !strcmp(scope, "Both");
}

static gboolean options_check(const PdfPostOptions *opts, GError **error) {
  if (opts->lang && !lang_tag_valid(opts->lang)) {
    g_set_error(error, PDFPOST_ERROR, PDFPOST_ERROR_OPTIONS, "language tag \"%s\" is not of the form en-GB",
                opts->lang);
    return FALSE;
  }
  for (guint i = 0; i < opts->n_figure_alt; i++) {
    const char *alt = opts->figure_alt[i];
    if (alt && !g_utf8_validate(alt, -1, NULL)) {
      g_set_error(error, PDFPOST_ERROR, PDFPOST_ERROR_OPTIONS, "alt text of Figure %u is not UTF-8", i + 1);
      return FALSE;
    }
  }
  for (guint i = 0; i < opts->n_th_scope; i++) {
    const char *scope = opts->th_scope[i];
    if (scope && !scope_valid(scope)) {
      g_set_error(error, PDFPOST_ERROR, PDFPOST_ERROR_OPTIONS,
                  "scope \"%s\" of TH %u is not Column, Row or Both", scope, i + 1);
      return FALSE;
    }
  }
  return TRUE;
}

/* ---- qpdf errors ------------------------------------------------------- */

/* Turn qpdf's pending error, or else its first warning, into *error.
 * Returns TRUE when there was something to report. */
static gboolean qpdf_fail(qpdf_data q, const char *doing, GError **error) {
  qpdf_error e = NULL;
  if (qpdf_has_error(q))
    e = qpdf_get_error(q);
  else if (qpdf_more_warnings(q))
    e = qpdf_next_warning(q);
  if (!e) return FALSE;
  g_set_error(error, PDFPOST_ERROR, PDFPOST_ERROR_QPDF, "%s: %s", doing, qpdf_get_error_full_text(q, e));
  return TRUE;
}

static qpdf_data qpdf_new_quiet(void) {
  qpdf_data q = qpdf_init();
  qpdf_silence_errors(q);
  qpdf_set_suppress_warnings(q, QPDF_TRUE);
  /* A file qpdf must reconstruct is a broken cairo run: fail, don't repair. */
  qpdf_set_attempt_recovery(q, QPDF_FALSE);
  return q;
}

/* ---- small object helpers --------------------------------------------- */

/* Dictionary at dict[key], created (direct) when missing or not a dictionary. */
static qpdf_oh dict_get_or_add_dict(qpdf_data q, qpdf_oh dict, const char *key) {
  qpdf_oh sub = qpdf_oh_get_key(q, dict, key);
  if (!qpdf_oh_is_dictionary(q, sub)) {
    qpdf_oh_release(q, sub);
    sub = qpdf_oh_new_dictionary(q);
    qpdf_oh_replace_key(q, dict, key, sub);
    /* Fetch it back so later edits land in the stored dictionary whether
     * or not qpdf shares a direct object with the handle it came from. */
    qpdf_oh_release(q, sub);
    sub = qpdf_oh_get_key(q, dict, key);
  }
  return sub;
}

static void dict_set_bool(qpdf_data q, qpdf_oh dict, const char *key, gboolean value) {
  qpdf_oh v = qpdf_oh_new_bool(q, value ? QPDF_TRUE : QPDF_FALSE);
  qpdf_oh_replace_key(q, dict, key, v);
  qpdf_oh_release(q, v);
}

static void dict_set_name(qpdf_data q, qpdf_oh dict, const char *key, const char *name) {
  qpdf_oh v = qpdf_oh_new_name(q, name);
  qpdf_oh_replace_key(q, dict, key, v);
  qpdf_oh_release(q, v);
}

/* Object number of an indirect object, 0 for a direct one. */
static int object_id(qpdf_data q, qpdf_oh oh) {
  return qpdf_oh_is_indirect(q, oh) ? qpdf_oh_get_object_id(q, oh) : 0;
}

/* ---- Catalog and Info ------------------------------------------------- */

static void catalog_set_lang(qpdf_data q, qpdf_oh root, const char *lang) {
  qpdf_oh v = qpdf_oh_new_unicode_string(q, lang);
  qpdf_oh_replace_key(q, root, "/Lang", v);
  qpdf_oh_release(q, v);
}

static void catalog_set_display_doc_title(qpdf_data q, qpdf_oh root) {
  qpdf_oh prefs = dict_get_or_add_dict(q, root, "/ViewerPreferences");
  dict_set_bool(q, prefs, "/DisplayDocTitle", TRUE);
  qpdf_oh_release(q, prefs);
}

/* /Marked only says the file is tagged; claiming it without a structure
 * tree would mislead assistive technology, so only then. */
static void catalog_mark_tagged(qpdf_data q, qpdf_oh root) {
  if (!qpdf_oh_has_key(q, root, "/StructTreeRoot")) return;
  qpdf_oh info = dict_get_or_add_dict(q, root, "/MarkInfo");
  dict_set_bool(q, info, "/Marked", TRUE);
  qpdf_oh_release(q, info);
}

static gboolean info_has_title(qpdf_data q) {
  const char *title = qpdf_get_info_key(q, "/Title");
  return title && *title;
}

static gboolean info_set_dates(qpdf_data q, gint64 epoch, GError **error) {
  GDateTime *dt = g_date_time_new_from_unix_utc(epoch);
  if (!dt) {
    g_set_error(error, PDFPOST_ERROR, PDFPOST_ERROR_OPTIONS, "date %" G_GINT64_FORMAT " is out of range",
                epoch);
    return FALSE;
  }
  /* ISO 32000-1 7.9.4; the explicit +00'00' is what strict validators and
   * Acrobat write for UTC. g_date_time_format's digits ignore the locale. */
  char *date = g_date_time_format(dt, "D:%Y%m%d%H%M%S+00'00'");
  g_date_time_unref(dt);
  qpdf_set_info_key(q, "/CreationDate", date);
  qpdf_set_info_key(q, "/ModDate", date);
  g_free(date);
  return TRUE;
}

/* ---- outline ------------------------------------------------------------ */

/* Visible items in the sibling chain starting at `first`: each item, plus
 * the visible items under it when it is open (positive /Count). */
static gint64 outline_visible(qpdf_data q, qpdf_oh first, GHashTable *seen, guint depth, GError **error) {
  gint64 n = 0;
  if (depth > PDFPOST_MAX_DEPTH) {
    g_set_error(error, PDFPOST_ERROR, PDFPOST_ERROR_QPDF, "outline deeper than %d levels", PDFPOST_MAX_DEPTH);
    return -1;
  }
  qpdf_oh item = qpdf_oh_new_object(q, first);
  while (qpdf_oh_is_dictionary(q, item)) {
    int id = object_id(q, item);
    if (id && !g_hash_table_add(seen, GINT_TO_POINTER(id))) {
      g_set_error(error, PDFPOST_ERROR, PDFPOST_ERROR_QPDF, "outline item %d is reached twice", id);
      n = -1;
      break;
    }
    n++;
    qpdf_oh count = qpdf_oh_get_key(q, item, "/Count");
    if (qpdf_oh_is_integer(q, count) && qpdf_oh_get_int_value(q, count) > 0) {
      qpdf_oh kids = qpdf_oh_get_key(q, item, "/First");
      gint64 sub = outline_visible(q, kids, seen, depth + 1, error);
      qpdf_oh_release(q, kids);
      if (sub < 0) {
        n = -1;
        qpdf_oh_release(q, count);
        break;
      }
      n += sub;
    }
    qpdf_oh_release(q, count);
    qpdf_oh next = qpdf_oh_get_key(q, item, "/Next");
    qpdf_oh_release(q, item);
    item = next;
  }
  qpdf_oh_release(q, item);
  return n;
}

/* cairo 1.16 writes the root /Count as minus the number of items. The spec
 * wants the number of visible items, and no /Count when none is visible. */
static gboolean outline_fix_count(qpdf_data q, qpdf_oh root, GError **error) {
  qpdf_oh outlines = qpdf_oh_get_key(q, root, "/Outlines");
  gboolean ok = TRUE;
  if (qpdf_oh_is_dictionary(q, outlines)) {
    GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
    qpdf_oh first = qpdf_oh_get_key(q, outlines, "/First");
    gint64 n = outline_visible(q, first, seen, 0, error);
    qpdf_oh_release(q, first);
    g_hash_table_destroy(seen);
    if (n < 0) {
      ok = FALSE;
    } else if (n == 0) {
      qpdf_oh_remove_key(q, outlines, "/Count");
    } else {
      qpdf_oh v = qpdf_oh_new_integer(q, n);
      qpdf_oh_replace_key(q, outlines, "/Count", v);
      qpdf_oh_release(q, v);
    }
  }
  qpdf_oh_release(q, outlines);
  return ok;
}

/* ---- structure tree ------------------------------------------------------ */

typedef struct {
  qpdf_data q;
  const PdfPostOptions *opts;
  guint n_figure; /* Figures met so far, in document order */
  guint n_th;
  GHashTable *seen; /* object numbers of visited elements: a cycle guard */
} StructWalk;

static void figure_set_alt(StructWalk *w, qpdf_oh elem) {
  guint k = w->n_figure++;
  if (k >= w->opts->n_figure_alt || !w->opts->figure_alt[k]) return;
  qpdf_oh v = qpdf_oh_new_unicode_string(w->q, w->opts->figure_alt[k]);
  qpdf_oh_replace_key(w->q, elem, "/Alt", v);
  qpdf_oh_release(w->q, v);
}

/* A TH may already carry attributes (/A: one object or an array of them,
 * ISO 32000-1 14.7.5); the Table attribute is added beside them. cairo
 * 1.16 writes none, so normally /A is simply set. */
static void th_set_scope(StructWalk *w, qpdf_oh elem) {
  qpdf_data q = w->q;
  guint k = w->n_th++;
  if (k >= w->opts->n_th_scope || !w->opts->th_scope[k]) return;
  char *scope = g_strconcat("/", w->opts->th_scope[k], NULL);
  qpdf_oh attr = qpdf_oh_new_dictionary(q);
  dict_set_name(q, attr, "/O", "/Table");
  dict_set_name(q, attr, "/Scope", scope);
  g_free(scope);
  qpdf_oh old = qpdf_oh_get_key(q, elem, "/A");
  if (qpdf_oh_is_array(q, old)) {
    qpdf_oh_append_item(q, old, attr);
  } else if (qpdf_oh_is_null(q, old)) {
    qpdf_oh_replace_key(q, elem, "/A", attr);
  } else {
    qpdf_oh both = qpdf_oh_new_array(q);
    qpdf_oh_append_item(q, both, old);
    qpdf_oh_append_item(q, both, attr);
    qpdf_oh_replace_key(q, elem, "/A", both);
    qpdf_oh_release(q, both);
  }
  qpdf_oh_release(q, old);
  qpdf_oh_release(q, attr);
}

static gboolean struct_visit(StructWalk *w, qpdf_oh node, guint depth, GError **error);

/* /K is one kid or an array of kids; kids are struct elements, marked-
 * content ids (integers) or MCR/OBJR dictionaries, in reading order. */
static gboolean struct_visit_kids(StructWalk *w, qpdf_oh parent, guint depth, GError **error) {
  qpdf_data q = w->q;
  qpdf_oh kids = qpdf_oh_get_key(q, parent, "/K");
  gboolean ok = TRUE;
  if (qpdf_oh_is_array(q, kids)) {
    int n = qpdf_oh_get_array_n_items(q, kids);
    for (int i = 0; i < n && ok; i++) {
      qpdf_oh kid = qpdf_oh_get_array_item(q, kids, i);
      ok = struct_visit(w, kid, depth + 1, error);
      qpdf_oh_release(q, kid);
    }
  } else {
    ok = struct_visit(w, kids, depth + 1, error);
  }
  qpdf_oh_release(q, kids);
  return ok;
}

/* Depth-first, pre-order: a Figure is numbered before anything inside it,
 * which is the order the renderer opened the tags in. */
static gboolean struct_visit(StructWalk *w, qpdf_oh node, guint depth, GError **error) {
  qpdf_data q = w->q;
  /* Only struct elements have /S; MCRs, OBJRs and MCIDs are leaves. */
  if (!qpdf_oh_is_dictionary(q, node) || !qpdf_oh_has_key(q, node, "/S")) return TRUE;
  if (depth > PDFPOST_MAX_DEPTH) {
    g_set_error(error, PDFPOST_ERROR, PDFPOST_ERROR_QPDF, "structure tree deeper than %d levels",
                PDFPOST_MAX_DEPTH);
    return FALSE;
  }
  int id = object_id(q, node);
  if (id && !g_hash_table_add(w->seen, GINT_TO_POINTER(id))) {
    g_set_error(error, PDFPOST_ERROR, PDFPOST_ERROR_QPDF, "structure element %d is reached twice", id);
    return FALSE;
  }
  qpdf_oh type = qpdf_oh_get_key(q, node, "/S");
  if (qpdf_oh_is_name_and_equals(q, type, "/Figure"))
    figure_set_alt(w, node);
  else if (qpdf_oh_is_name_and_equals(q, type, "/TH"))
    th_set_scope(w, node);
  qpdf_oh_release(q, type);
  return struct_visit_kids(w, node, depth, error);
}

static gboolean struct_counts_match(const StructWalk *w, GError **error) {
  if (w->n_figure != w->opts->n_figure_alt) {
    g_set_error(error, PDFPOST_ERROR, PDFPOST_ERROR_MISMATCH,
                "structure tree has %u Figure elements but %u alt texts were given", w->n_figure,
                w->opts->n_figure_alt);
    return FALSE;
  }
  if (w->n_th != w->opts->n_th_scope) {
    g_set_error(error, PDFPOST_ERROR, PDFPOST_ERROR_MISMATCH,
                "structure tree has %u TH elements but %u scopes were given", w->n_th, w->opts->n_th_scope);
    return FALSE;
  }
  return TRUE;
}

static gboolean struct_annotate(qpdf_data q, qpdf_oh root, const PdfPostOptions *opts, GError **error) {
  StructWalk w = {.q = q, .opts = opts, .seen = g_hash_table_new(g_direct_hash, g_direct_equal)};
  qpdf_oh tree = qpdf_oh_get_key(q, root, "/StructTreeRoot");
  gboolean ok = TRUE;
  if (qpdf_oh_is_dictionary(q, tree)) ok = struct_visit_kids(&w, tree, 0, error);
  qpdf_oh_release(q, tree);
  g_hash_table_destroy(w.seen);
  return ok && struct_counts_match(&w, error);
}

/* ---- the pass ------------------------------------------------------------ */

static gboolean catalog_edit(qpdf_data q, qpdf_oh root, const PdfPostOptions *opts, GError **error) {
  if (opts->display_doc_title && !info_has_title(q)) {
    g_set_error_literal(error, PDFPOST_ERROR, PDFPOST_ERROR_TITLE,
                        "DisplayDocTitle asked for, but the document has no /Title");
    return FALSE;
  }
  if (opts->lang) catalog_set_lang(q, root, opts->lang);
  if (opts->display_doc_title) catalog_set_display_doc_title(q, root);
  catalog_mark_tagged(q, root);
  if (opts->date_epoch >= 0 && !info_set_dates(q, opts->date_epoch, error)) return FALSE;
  return TRUE;
}

/* All edits on an opened document. */
static gboolean post_edit(qpdf_data q, const PdfPostOptions *opts, GError **error) {
  qpdf_oh root = qpdf_get_root(q);
  gboolean ok = catalog_edit(q, root, opts, error) && outline_fix_count(q, root, error) &&
                struct_annotate(q, root, opts, error);
  qpdf_oh_release(q, root);
  if (!ok) return FALSE;
  return !qpdf_fail(q, "editing the PDF", error);
}

/* Fixed writer settings; together they make the output a function of the
 * input bytes and options alone. */
static void post_writer_settings(qpdf_data q) {
  qpdf_set_deterministic_ID(q, QPDF_TRUE);
  /* Keep every stream's bytes: fonts and content pass through untouched. */
  qpdf_set_stream_data_mode(q, qpdf_s_preserve);
  qpdf_set_compress_streams(q, QPDF_FALSE);
  qpdf_set_decode_level(q, qpdf_dl_none);
  /* cairo writes every structure element as a plain object; packing them
   * into compressed object streams makes a tagged 30-page paper about five
   * times smaller (490 KB -> 85 KB) at no measurable cost. */
  qpdf_set_object_stream_mode(q, qpdf_o_generate);
}

static gboolean post_write(qpdf_data q, GError **error) {
  post_writer_settings(q);
  qpdf_write(q);
  return !qpdf_fail(q, "writing the PDF", error);
}

static gboolean same_file(const char *a, const char *b) {
  struct stat sa, sb;
  if (!strcmp(a, b)) return TRUE;
  return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

gboolean pdfpost_apply(const char *in_path, const char *out_path, const PdfPostOptions *opts,
                       GError **error) {
  g_return_val_if_fail(in_path && out_path && opts, FALSE);
  if (!options_check(opts, error)) return FALSE;
  /* qpdf reads lazily while it writes: writing over the input would
   * truncate what it still has to read. */
  if (same_file(in_path, out_path)) {
    g_set_error(error, PDFPOST_ERROR, PDFPOST_ERROR_OPTIONS, "%s: output must be a different file", out_path);
    return FALSE;
  }
  qpdf_data q = qpdf_new_quiet();
  gboolean ok = FALSE, created = FALSE;
  qpdf_read(q, in_path, NULL);
  if (qpdf_fail(q, "reading the PDF", error) || !post_edit(q, opts, error)) goto out;
  qpdf_init_write(q, out_path);
  if (qpdf_fail(q, "opening the output", error)) goto out;
  created = TRUE;
  ok = post_write(q, error);
out:
  qpdf_cleanup(&q); /* closes the output before a failed one is removed */
  if (!ok && created) g_unlink(out_path);
  return ok;
}

GBytes *pdfpost_apply_bytes(const guint8 *data, gsize len, const PdfPostOptions *opts, GError **error) {
  g_return_val_if_fail(data && opts, NULL);
  if (!options_check(opts, error)) return NULL;
  qpdf_data q = qpdf_new_quiet();
  GBytes *out = NULL;
  /* qpdf does not copy the buffer; it is read before this call returns. */
  qpdf_read_memory(q, "PDF in memory", (const char *)data, len, NULL);
  if (qpdf_fail(q, "reading the PDF", error) || !post_edit(q, opts, error)) goto out;
  qpdf_init_write_memory(q);
  if (qpdf_fail(q, "preparing the output", error) || !post_write(q, error)) goto out;
  out = g_bytes_new(qpdf_get_buffer(q), qpdf_get_buffer_length(q));
out:
  qpdf_cleanup(&q);
  return out;
}
