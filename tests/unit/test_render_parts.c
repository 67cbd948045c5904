/* render in parts: a streamed writer that draws a PDF as several cairo
 * surfaces, joined before the post-pass (render.h, pdfmerge.h), gives the
 * same document as one surface does — the same pages and text in order,
 * the same structure tree (every element, its attributes, its marked
 * content on the same pages, the parent tree agreeing with it), the same
 * bookmarks, named destinations, links and their descriptions — and the
 * joined PDF passes qpdf's check and the PDF/UA checks. Only the bytes
 * differ (object numbers, each part's font subsets). */
#include "testutil.h"

#include <qpdf/qpdf-c.h>

#include "base/fonts.h"
#include "base/outfile.h"
#include "pdfua_check.h"
#include "render/render.h"
#include "report/report.h"

static PangoFontMap *fonts;

/* ---- what a PDF says, written out without object numbers ----------------- */

typedef struct {
  qpdf_data q;
  GString *out;
  GHashTable *page_of;  /* object id → page number (1-based) */
  GHashTable *elem_of;  /* object id → element number (1-based, depth-first) */
  GHashTable *annot_of; /* object id → page number of an annotation */
  guint n_elems;
} Dump;

static guint id_lookup(GHashTable *t, qpdf_data q, qpdf_oh oh) {
  return GPOINTER_TO_UINT(g_hash_table_lookup(t, GINT_TO_POINTER(qpdf_oh_get_object_id(q, oh))));
}

static void dump_key(Dump *d, qpdf_oh dict, const char *key) {
  if (!qpdf_oh_has_key(d->q, dict, key)) return;
  g_string_append_printf(d->out, " %s=%s", key, qpdf_oh_unparse_resolved(d->q, qpdf_oh_get_key(d->q, dict, key)));
}

/* A named destination's target: its page number and where on it. */
static void dump_dest_name(Dump *d, qpdf_oh tree, const char *name, int depth) {
  qpdf_data q = d->q;
  if (depth > 8) return;
  qpdf_oh names = qpdf_oh_get_key_if_dict(q, tree, "/Names");
  for (int i = 0; qpdf_oh_is_array(q, names) && i + 1 < qpdf_oh_get_array_n_items(q, names); i += 2)
    if (strcmp(qpdf_oh_get_utf8_value(q, qpdf_oh_get_array_item(q, names, i)), name) == 0) {
      qpdf_oh dest = qpdf_oh_get_array_item(q, names, i + 1);
      g_string_append_printf(d->out, "->p%u", id_lookup(d->page_of, q, qpdf_oh_get_array_item(q, dest, 0)));
      for (int k = 1; k < qpdf_oh_get_array_n_items(q, dest); k++)
        g_string_append_printf(d->out, " %s", qpdf_oh_unparse(q, qpdf_oh_get_array_item(q, dest, k)));
      return;
    }
  qpdf_oh kids = qpdf_oh_get_key_if_dict(q, tree, "/Kids");
  for (int i = 0; qpdf_oh_is_array(q, kids) && i < qpdf_oh_get_array_n_items(q, kids); i++)
    dump_dest_name(d, qpdf_oh_get_array_item(q, kids, i), name, depth + 1);
}

static void dump_dest(Dump *d, qpdf_oh item) {
  qpdf_data q = d->q;
  qpdf_oh dest = qpdf_oh_get_key_if_dict(q, item, "/Dest");
  if (!qpdf_oh_is_string(q, dest)) return;
  char *name = g_strdup(qpdf_oh_get_utf8_value(q, dest));
  g_string_append_printf(d->out, " dest=%s", name);
  qpdf_oh tree = qpdf_oh_get_key_if_dict(q, qpdf_oh_get_key_if_dict(q, qpdf_get_root(q), "/Names"), "/Dests");
  dump_dest_name(d, tree, name, 0);
  g_free(name);
}

static void dump_mcid(Dump *d, qpdf_oh page, qpdf_oh mcid) {
  g_string_append_printf(d->out, " mc(p%u,%lld)", id_lookup(d->page_of, d->q, page),
                         (long long)qpdf_oh_get_int_value(d->q, mcid));
}

static void dump_elem(Dump *d, qpdf_oh elem, guint parent, int depth);

/* One entry of an element's /K. */
static void dump_kid(Dump *d, qpdf_oh elem, qpdf_oh kid, guint self, int depth) {
  qpdf_data q = d->q;
  if (qpdf_oh_is_integer(q, kid)) dump_mcid(d, qpdf_oh_get_key_if_dict(q, elem, "/Pg"), kid);
  else if (qpdf_oh_is_dictionary(q, kid) && qpdf_oh_has_key(q, kid, "/S")) dump_elem(d, kid, self, depth + 1);
  else if (pdfua_name_is(&(PdfUaCheck){.q = q}, kid, "/Type", "/MCR"))
    dump_mcid(d, qpdf_oh_get_key_if_dict(q, kid, "/Pg"), qpdf_oh_get_key_if_dict(q, kid, "/MCID"));
  else if (pdfua_name_is(&(PdfUaCheck){.q = q}, kid, "/Type", "/OBJR"))
    g_string_append_printf(d->out, " annot(p%u)", id_lookup(d->annot_of, q, qpdf_oh_get_key_if_dict(q, kid, "/Obj")));
  else g_string_append(d->out, " ?kid");
}

static void dump_elem(Dump *d, qpdf_oh elem, guint parent, int depth) {
  qpdf_data q = d->q;
  guint self = ++d->n_elems;
  g_hash_table_insert(d->elem_of, GINT_TO_POINTER(qpdf_oh_get_object_id(q, elem)), GUINT_TO_POINTER(self));
  g_string_append_printf(d->out, "\n%*se%u %s", depth, "", self, qpdf_oh_get_name(q, qpdf_oh_get_key(q, elem, "/S")));
  qpdf_oh p = qpdf_oh_get_key_if_dict(q, elem, "/P");
  if (parent && id_lookup(d->elem_of, q, p) != parent) g_string_append(d->out, " WRONG-PARENT");
  static const char *const keys[] = {"/A", "/Alt", "/ActualText", "/Lang", "/ID", NULL};
  for (int i = 0; keys[i]; i++) dump_key(d, elem, keys[i]);
  qpdf_oh kids = qpdf_oh_get_key_if_dict(q, elem, "/K");
  if (qpdf_oh_is_array(q, kids))
    for (int i = 0; i < qpdf_oh_get_array_n_items(q, kids); i++) dump_kid(d, elem, qpdf_oh_get_array_item(q, kids, i), self, depth);
  else if (!qpdf_oh_is_null(q, kids)) dump_kid(d, elem, kids, self, depth);
}

/* The parent tree's entry for key `k`: every MCID's element, or an annotation's. */
static void dump_parent_entry(Dump *d, qpdf_oh nums, long long k) {
  qpdf_data q = d->q;
  for (int i = 0; i + 1 < qpdf_oh_get_array_n_items(q, nums); i += 2) {
    if (qpdf_oh_get_int_value(q, qpdf_oh_get_array_item(q, nums, i)) != k) continue;
    qpdf_oh v = qpdf_oh_get_array_item(q, nums, i + 1);
    g_string_append(d->out, " parents[");
    if (qpdf_oh_is_array(q, v))
      for (int m = 0; m < qpdf_oh_get_array_n_items(q, v); m++)
        g_string_append_printf(d->out, " e%u", id_lookup(d->elem_of, q, qpdf_oh_get_array_item(q, v, m)));
    else g_string_append_printf(d->out, " e%u", id_lookup(d->elem_of, q, v));
    g_string_append(d->out, " ]");
    return;
  }
  g_string_append(d->out, " parents-missing");
}

static void dump_pages(Dump *d, qpdf_oh nums) {
  qpdf_data q = d->q;
  for (int i = 0; i < qpdf_get_num_pages(q); i++) {
    qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
    g_string_append_printf(d->out, "\npage %d %s", i + 1, qpdf_oh_unparse(q, qpdf_oh_get_key(q, page, "/MediaBox")));
    dump_key(d, page, "/Tabs");
    qpdf_oh sp = qpdf_oh_get_key_if_dict(q, page, "/StructParents");
    if (qpdf_oh_is_integer(q, sp)) dump_parent_entry(d, nums, qpdf_oh_get_int_value(q, sp));
    qpdf_oh annots = qpdf_oh_get_key_if_dict(q, page, "/Annots");
    for (int a = 0; qpdf_oh_is_array(q, annots) && a < qpdf_oh_get_array_n_items(q, annots); a++) {
      qpdf_oh annot = qpdf_oh_get_array_item(q, annots, a);
      g_string_append(d->out, "\n  annot");
      static const char *const keys[] = {"/Subtype", "/Rect", "/Contents", "/A", NULL};
      for (int k = 0; keys[k]; k++) dump_key(d, annot, keys[k]);
      dump_dest(d, annot);
      qpdf_oh s = qpdf_oh_get_key_if_dict(q, annot, "/StructParent");
      if (qpdf_oh_is_integer(q, s)) dump_parent_entry(d, nums, qpdf_oh_get_int_value(q, s));
    }
  }
}

static void dump_outline(Dump *d, qpdf_oh item, int depth) {
  qpdf_data q = d->q;
  for (int n = 0; qpdf_oh_is_dictionary(q, item) && n < 100000; n++) {
    /* the title's text: (literal) or <FEFF…> is the writer's choice */
    g_string_append_printf(d->out, "\n%*sbookmark \"%s\"", depth, "",
                           qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, item, "/Title")));
    dump_key(d, item, "/Count");
    dump_dest(d, item);
    dump_outline(d, qpdf_oh_get_key_if_dict(q, item, "/First"), depth + 1);
    item = qpdf_oh_get_key_if_dict(q, item, "/Next");
  }
}

/* Everything listed above; "" if qpdf cannot read it or finds it damaged. */
static char *pdf_dump(const char *path) {
  Dump d = {qpdf_init(), g_string_new(NULL), g_hash_table_new(NULL, NULL), g_hash_table_new(NULL, NULL),
            g_hash_table_new(NULL, NULL), 0};
  qpdf_data q = d.q;
  qpdf_silence_errors(q);
  if (qpdf_read(q, path, NULL) != QPDF_SUCCESS || qpdf_check_pdf(q) != QPDF_SUCCESS || qpdf_more_warnings(q)) {
    g_string_assign(d.out, "");
  } else {
    for (int i = 0; i < qpdf_get_num_pages(q); i++) {
      qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
      g_hash_table_insert(d.page_of, GINT_TO_POINTER(qpdf_oh_get_object_id(q, page)), GUINT_TO_POINTER(i + 1));
      qpdf_oh annots = qpdf_oh_get_key_if_dict(q, page, "/Annots");
      for (int a = 0; qpdf_oh_is_array(q, annots) && a < qpdf_oh_get_array_n_items(q, annots); a++)
        g_hash_table_insert(d.annot_of, GINT_TO_POINTER(qpdf_oh_get_object_id(q, qpdf_oh_get_array_item(q, annots, a))),
                            GUINT_TO_POINTER(i + 1));
    }
    qpdf_oh root = qpdf_get_root(q), tree = qpdf_oh_get_key_if_dict(q, root, "/StructTreeRoot");
    static const char *const keys[] = {"/Lang", "/MarkInfo", "/ViewerPreferences", "/PageLabels", NULL};
    g_string_append(d.out, "catalog");
    for (int k = 0; keys[k]; k++) dump_key(&d, root, keys[k]);
    qpdf_oh top = qpdf_oh_get_key_if_dict(q, tree, "/K");
    if (qpdf_oh_is_array(q, top))
      for (int i = 0; i < qpdf_oh_get_array_n_items(q, top); i++) dump_elem(&d, qpdf_oh_get_array_item(q, top, i), 0, 0);
    else dump_elem(&d, top, 0, 0);
    dump_pages(&d, qpdf_oh_get_key_if_dict(q, qpdf_oh_get_key_if_dict(q, tree, "/ParentTree"), "/Nums"));
    qpdf_oh outlines = qpdf_oh_get_key_if_dict(q, root, "/Outlines");
    g_string_append(d.out, "\noutline");
    dump_key(&d, outlines, "/Count");
    dump_outline(&d, qpdf_oh_get_key_if_dict(q, outlines, "/First"), 1);
    g_string_append_c(d.out, '\n');
  }
  qpdf_cleanup(&q);
  g_hash_table_destroy(d.page_of), g_hash_table_destroy(d.elem_of), g_hash_table_destroy(d.annot_of);
  return g_string_free(d.out, FALSE);
}

static char *pdf_text(const char *path) {
  char *argv[] = {"pdftotext", "-enc", "UTF-8", (char *)path, "-", NULL}, *out = NULL;
  int status = 0;
  assert_true(g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                           &status, NULL));
  assert_int_equal(status, 0);
  return out;
}

/* The two dumps the same; else both written beside the PDFs and the first
 * line that differs said (cmocka cuts long strings short). */
static void assert_dumps_equal(const char *whole, const char *parted, const char *dir) {
  if (strcmp(whole, parted) == 0) return;
  char *a = g_build_filename(dir, "whole.dump", NULL), *b = g_build_filename(dir, "parted.dump", NULL);
  g_file_set_contents(a, whole, -1, NULL), g_file_set_contents(b, parted, -1, NULL);
  char **wl = g_strsplit(whole, "\n", -1), **pl = g_strsplit(parted, "\n", -1);
  guint i = 0;
  while (wl[i] && pl[i] && strcmp(wl[i], pl[i]) == 0) i++;
  fail_msg("line %u differs (%s, %s):\n  whole:  %s\n  parted: %s", i + 1, a, b, wl[i] ? wl[i] : "(end)",
           pl[i] ? pl[i] : "(end)");
}

/* ---- drawing in parts ------------------------------------------------------- */

/* `doc` written to `path` by a streamed writer in parts of `part_pages`
 * pages (0: one part). */
static void write_in_parts(const LayoutDoc *doc, const char *path, guint part_pages) {
  GError *error = NULL;
  OutFile *out = outfile_open(path, &error);
  assert_non_null(out);
  RenderPdf *w = render_pdf_new_streamed(doc, path, &error);
  assert_non_null(w);
  render_pdf_set_part_pages(w, part_pages);
  assert_true(render_pdf_add(w, doc, &error));
  if (!render_pdf_finish_to(w, out, NULL, &error)) fail_msg("%s", error->message);
  assert_true(outfile_commit(out, &error));
}

/* The doc drawn whole and in parts of `part_pages` pages tells the same. */
static void assert_parts_same(const LayoutDoc *doc, const char *dir, guint part_pages) {
  assert_true(doc->pages->len > part_pages * 2); /* three parts at least */
  char *whole = g_build_filename(dir, "whole.pdf", NULL), *parted = g_build_filename(dir, "parted.pdf", NULL);
  write_in_parts(doc, whole, 0);
  write_in_parts(doc, parted, part_pages);
  char *a = pdf_dump(whole), *b = pdf_dump(parted);
  assert_true(strlen(a) > 100);
  assert_dumps_equal(a, b, dir);
  g_free(a), g_free(b);
  a = pdf_text(whole), b = pdf_text(parted);
  assert_string_equal(b, a);
  g_free(a), g_free(b);
  char *problems = pdfua_problems(parted);
  assert_string_equal(problems, "");
  g_free(problems);
  g_free(whole), g_free(parted);
}

static void assert_spec_parts_same(const char *spec, guint part_pages) {
  DiagList *diags = diag_list_new();
  Report *r = report_build(spec, fonts, FALSE, diags);
  if (!r) diag_print(diags, stderr);
  assert_non_null(r);
  char *dir = test_scratch_dir("render-parts");
  assert_parts_same(r->layout, dir, part_pages);
  g_free(dir);
  report_free(r);
  diag_list_free(diags);
}

/* Tables, charts, links from the contents and the summary, symbols with
 * ActualText, footnotes, a scorecard whose table runs over pages. */
static void test_walsall_in_parts(void **state) {
  (void)state;
  assert_spec_parts_same("samples/walsall-2013-09/report.xml", 5);
}

/* Parts of one page: every page boundary is a part boundary. */
static void test_walsall_page_by_page(void **state) {
  (void)state;
  assert_spec_parts_same("samples/walsall-2013-09/report.xml", 1);
}

/* Welsh: /Lang on elements, Welsh ActualText. */
static void test_glanafon_in_parts(void **state) {
  (void)state;
  assert_spec_parts_same("samples/glanafon-2024-q2/report.xml", 3);
}

/* The PDF a streamed writer is told is long is drawn in parts of
 * RENDER_PDF_PART_PAGES, a shorter one is one cairo surface: its bytes
 * are those of a writer never told (render_pdf_write, as always). */
static void test_short_pdf_is_one_part(void **state) {
  (void)state;
  DiagList *diags = diag_list_new();
  Report *r = report_build("samples/walsall-2013-09/report.xml", fonts, FALSE, diags);
  assert_non_null(r);
  char *dir = test_scratch_dir("render-parts-short");
  char *told = g_build_filename(dir, "told.pdf", NULL), *never = g_build_filename(dir, "never.pdf", NULL);
  GError *error = NULL;
  assert_true(render_pdf_write(r->layout, NULL, told, NULL, NULL, &error));
  write_in_parts(r->layout, never, 0);
  char *a = NULL, *b = NULL;
  gsize a_len = 0, b_len = 0;
  assert_true(g_file_get_contents(told, &a, &a_len, NULL));
  assert_true(g_file_get_contents(never, &b, &b_len, NULL));
  assert_int_equal(a_len, b_len);
  assert_memory_equal(a, b, a_len);
  g_free(a), g_free(b), g_free(told), g_free(never), g_free(dir);
  report_free(r);
  diag_list_free(diags);
}

/* A report longer than RENDER_PDF_PART_PAGES written as `render` writes
 * it (laid out page by page onto a tape, drawn from it) is drawn in
 * parts, and tells what the same pages drawn as one surface tell: a
 * contents list and references whose links cross parts, bookmarks three
 * levels deep, a table and paragraphs running over part boundaries. */
static void test_long_report_in_parts(void **state) {
  (void)state;
  GString *x = g_string_new("<report><meta><committee>Panel</committee><date>2013-09-10</date><title>Long</title></meta>"
                            "<front-sheet><summary><p>See <xref to='s390'/> and <xref to='s3'/>.</p></summary>"
                            "<contents/></front-sheet><body>");
  for (int i = 1; i <= 400; i++) {
    g_string_append_printf(x, "<section id='s%d' title='Section %d'>", i, i);
    for (int j = 1; j <= 3; j++)
      g_string_append_printf(x, "<p>Paragraph %d of section %d: the panel considered the figures for the quarter and the "
                                "trend since last year, and asked officers to report back on the actions agreed, "
                                "with dates and owners, at the next meeting (<xref to='s%d'/>).</p>", j, i, 401 - i);
    if (i % 25 == 0) {
      g_string_append(x, "<section title='Detail'><table><caption>Figures</caption><tr><th>Quarter</th><th>Value</th></tr>");
      for (int k = 0; k < 60; k++) g_string_append_printf(x, "<tr><td>Q%d</td><td>%d</td></tr>", k, k * 7);
      g_string_append(x, "</table></section>");
    }
    g_string_append(x, "</section>");
  }
  g_string_append(x, "</body></report>");
  char *dir = test_scratch_dir("render-parts-long");
  char *spec = test_write_file(dir, "long.xml", x->str);
  DiagList *diags = diag_list_new();
  GError *error = NULL;
  Report *whole = report_build(spec, fonts, FALSE, diags);
  assert_non_null(whole);
  assert_true(layout_doc_page_count(whole->layout) > RENDER_PDF_PART_PAGES + 1);
  char *one = g_build_filename(dir, "one.pdf", NULL), *parted = g_build_filename(dir, "parted.pdf", NULL);
  write_in_parts(whole->layout, one, 0);
  Report *r = report_build(spec, fonts, TRUE, diags);
  assert_non_null(r);
  if (!report_write_pdf(r, fonts, NULL, parted, NULL, NULL, NULL, diags, &error)) diag_print(diags, stderr);
  assert_null(error);
  char *a = pdf_dump(one), *b = pdf_dump(parted);
  assert_true(strlen(a) > 100);
  assert_dumps_equal(a, b, dir);
  g_free(a), g_free(b);
  char *problems = pdfua_problems(parted);
  assert_string_equal(problems, "");
  g_free(problems);
  report_free(r), report_free(whole);
  diag_list_free(diags);
  g_string_free(x, TRUE);
  g_free(one), g_free(parted), g_free(spec), g_free(dir);
}

int main(void) {
  fonts = fonts_font_map_new("fonts", NULL);
  assert_non_null(fonts);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_walsall_in_parts),
      cmocka_unit_test(test_walsall_page_by_page),
      cmocka_unit_test(test_glanafon_in_parts),
      cmocka_unit_test(test_short_pdf_is_one_part),
      cmocka_unit_test(test_long_report_in_parts),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  g_object_unref(fonts);
  return rc;
}
