/* boardpack render --format html, end to end: the Walsall sample and the
 * features spec become pages whose figures are the PDF's (every figure in
 * the PDF's text layer, read with pdftotext, is in the page's text), the
 * same input gives the same bytes, and a spec with an error leaves an
 * existing page untouched; a pack for the web has an index.html that
 * links each report's page and PDF. The browser checks (axe-core, vnu,
 * screenshots) are `make browser` (tests/browser/check.mjs). */
#include "e2eutil.h"

#define WALSALL "samples/walsall-2013-09/report.xml"
#define FEATURES "tests/data/features/report.xml"

static char *dir;

static char *out_path(const char *name) { return g_build_filename(dir, name, NULL); }

static void render_ok(const char *spec, const char *format, const char *out) {
  RunResult r = RUN(boardpack_bin(), "render", spec, "--format", format, "-o", out);
  if (r.status != 0) fprintf(stderr, "%s", r.err);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
}

/* The page's text as a reader sees it: tags (and with them attributes,
 * data: URLs) left out, block tags read as a space, inline ones (a, sup,
 * span, strong, em) as nothing, visually hidden words left out (the PDF
 * prints a footnote's number against the word before it: "2024.2"). */
static gboolean inline_tag(const char *tag) {
  const char *names[] = {"a", "sup", "span", "strong", "em"};
  const char *t = tag + 1 + (tag[1] == '/');
  for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
    gsize n = strlen(names[i]);
    if (strncmp(t, names[i], n) == 0 && (t[n] == '>' || t[n] == ' ')) return TRUE;
  }
  return FALSE;
}

static char *page_text(const char *path) {
  char *html = NULL;
  assert_true(g_file_get_contents(path, &html, NULL, NULL));
  GString *text = g_string_new(NULL);
  for (const char *c = html; *c;) {
    if (*c != '<') {
      g_string_append_c(text, *c++);
      continue;
    }
    if (strncmp(c, "<span class=\"vh\">", 17) == 0) {
      const char *end = strstr(c, "</span>");
      c = end ? end + 7 : c + strlen(c);
      continue;
    }
    gboolean space = !inline_tag(c);
    const char *end = strchr(c, '>');
    c = end ? end + 1 : c + strlen(c);
    if (space) g_string_append_c(text, ' ');
  }
  g_free(html);
  return g_string_free(text, FALSE);
}

/* A figure: digits with a decimal point or a per cent sign ("97.0%", "5.54", "3.1"). */
static gboolean is_figure(const char *t) {
  gboolean digit = FALSE, mark = FALSE;
  for (const char *c = t; *c; c++) {
    if (g_ascii_isdigit(*c)) digit = TRUE;
    else if (*c == '%' && c[1] == '\0') mark = TRUE;
    else if (*c == '.' && g_ascii_isdigit(c[1]) && c > t) mark = TRUE;
    else if (*c != ',' && *c != '-') return FALSE;
  }
  return digit && mark;
}

/* Every figure in the PDF's text is somewhere in the page's text. */
static int figures_missing(const char *pdf, const char *html, int *checked) {
  RunResult r = RUN("pdftotext", "-enc", "UTF-8", pdf, "-");
  assert_int_equal(r.status, 0);
  char *text = page_text(html);
  char **words = g_strsplit_set(r.out, " \n\t\f()[];:", -1);
  int missing = 0;
  *checked = 0;
  for (char **w = words; *w; w++) {
    gsize n = strlen(*w);
    while (n && ((*w)[n - 1] == '.' || (*w)[n - 1] == ',')) (*w)[--n] = '\0';
    if (!is_figure(*w)) continue;
    (*checked)++;
    if (!strstr(text, *w)) fprintf(stderr, "in the PDF but not in the page: %s\n", *w), missing++;
  }
  g_strfreev(words);
  g_free(text);
  run_result_clear(&r);
  return missing;
}

static void check_figures(const char *spec, const char *name, int at_least) {
  char *pdf = g_strdup_printf("%s/%s.pdf", dir, name), *html = g_strdup_printf("%s/%s.html", dir, name);
  render_ok(spec, "pdf", pdf);
  render_ok(spec, "html", html);
  int checked = 0;
  int missing = figures_missing(pdf, html, &checked);
  printf("%s: %d figures in the PDF text, %d missing from the page\n", name, checked, missing);
  assert_int_equal(missing, 0);
  assert_true(checked >= at_least);
  g_free(pdf), g_free(html);
}

static void test_walsall_figures_as_in_pdf(void **state) {
  (void)state;
  check_figures(WALSALL, "walsall", 50);
}

static void test_features_figures_as_in_pdf(void **state) {
  (void)state;
  check_figures(FEATURES, "features", 5);
}

static void test_housing_figures_as_in_pdf(void **state) {
  (void)state;
  check_figures("tests/data/housing/report.xml", "housing", 5);
}

/* The second sample: its figures as in its PDF, and its Welsh front-sheet
 * blocks marked lang="cy" so a screen reader reads them in Welsh. */
static void test_bilingual_sample(void **state) {
  (void)state;
  check_figures("samples/glanafon-2024-q2/report.xml", "glanafon", 10);
  char *html = g_strdup_printf("%s/glanafon.html", dir), *text = NULL;
  assert_true(g_file_get_contents(html, &text, NULL, NULL));
  assert_non_null(strstr(text, "<html lang=\"en-GB\""));
  assert_non_null(strstr(text, "<p lang=\"cy\">"));
  assert_non_null(strstr(text, "<ol lang=\"cy\">"));
  /* English blocks inherit the page's language: lang= only where it changes. */
  assert_null(strstr(strstr(text, "<html lang=\"en-GB\"") + strlen("<html lang=\"en-GB\""), "lang=\"en-GB\""));
  /* the Welsh section's chart: its data table and its standard in Welsh
   * words, the English charts' in English */
  assert_non_null(strstr(text, "<summary>Y data yn y siart hwn</summary>"));
  assert_non_null(strstr(text, "<caption>Data: Digartrefedd wedi&#39;i atal (12 mis)</caption>\n<thead><tr><th "
                               "scope=\"col\">Cyfnod</th>"));
  assert_non_null(strstr(text, "<p>Safon ofynnol: \xe2\x89\xa5 60%</p>"));
  assert_non_null(strstr(text, "Safon ofynnol (isafswm 60%)"));
  assert_non_null(strstr(text, "<summary>The data in this chart</summary>"));
  g_free(text), g_free(html);
}

static void test_same_input_same_bytes(void **state) {
  (void)state;
  char *a = out_path("again-1.html"), *b = out_path("again-2.html");
  render_ok(WALSALL, "html", a);
  render_ok(WALSALL, "html", b);
  assert_true(file_bytes_equal(a, b));
  g_free(a), g_free(b);
}

static void test_bad_spec_keeps_existing_page(void **state) {
  (void)state;
  char *page = out_path("kept.html");
  g_assert_true(g_file_set_contents(page, "old page", -1, NULL));
  char *spec = test_write_file(dir, "bad.xml", "<report><meta><title>T</title></meta><body><p>unclosed</body></report>");
  RunResult r = RUN(boardpack_bin(), "render", spec, "--format", "html", "-o", page);
  assert_int_equal(r.status, 1);
  assert_non_null(strstr(r.err, "error:"));
  char *now = NULL;
  assert_true(g_file_get_contents(page, &now, NULL, NULL));
  assert_string_equal(now, "old page");
  run_result_clear(&r);
  g_free(now), g_free(spec), g_free(page);
}

static void test_default_output_name(void **state) {
  (void)state;
  char *spec = out_path("named.xml");
  /* a copy of a spec that needs no data files */
  g_assert_true(g_file_set_contents(spec,
                                    "<report><meta><committee>C</committee><date>2014-01-20</date><title>T</title></meta>"
                                    "<body><section title='S'><p>x</p></section></body></report>",
                                    -1, NULL));
  RunResult r = RUN(boardpack_bin(), "render", spec, "--format", "html");
  assert_int_equal(r.status, 0);
  char *html = out_path("named.html");
  assert_true(g_file_test(html, G_FILE_TEST_IS_REGULAR));
  run_result_clear(&r);
  g_free(html), g_free(spec);
}

/* A pack for the web: index.html links each report's page and PDF. */
static void test_pack_index(void **state) {
  (void)state;
  char *outdir = out_path("pack");
  RunResult r = RUN(boardpack_bin(), "pack", "samples/anytown/pack-2013-04.xml", "--format", "pdf,html", "--outdir", outdir);
  if (r.status != 0) fprintf(stderr, "%s", r.err);
  assert_int_equal(r.status, 0);
  char *index = g_build_filename(outdir, "index.html", NULL), *text = NULL;
  assert_true(g_file_get_contents(index, &text, NULL, NULL));
  int reports = 0;
  for (int n = 1; n <= 9; n++) {
    char *page = g_strdup_printf("item-%d.html", n), *pdf = g_strdup_printf("item-%d.pdf", n);
    char *link = g_strdup_printf("href=\"%s\"", page), *pdf_link = g_strdup_printf("href=\"%s\"", pdf);
    char *page_path = g_build_filename(outdir, page, NULL), *pdf_path = g_build_filename(outdir, pdf, NULL);
    gboolean listed = strstr(text, link) != NULL;
    assert_int_equal(listed, g_file_test(page_path, G_FILE_TEST_IS_REGULAR));
    assert_int_equal(strstr(text, pdf_link) != NULL, g_file_test(pdf_path, G_FILE_TEST_IS_REGULAR));
    if (listed) {
      reports++;
      char *head = NULL;
      assert_true(g_file_get_contents(pdf_path, &head, NULL, NULL));
      assert_memory_equal(head, "%PDF-", 5);
      g_free(head);
      char *item = NULL, *agenda = g_strdup_printf("Agenda item %d", n);
      assert_true(g_file_get_contents(page_path, &item, NULL, NULL));
      assert_non_null(strstr(item, agenda));
      g_free(item), g_free(agenda);
    }
    g_free(page), g_free(pdf), g_free(link), g_free(pdf_link), g_free(page_path), g_free(pdf_path);
  }
  assert_int_equal(reports, 2);
  assert_non_null(strstr(text, "<h1>Agenda</h1>"));
  run_result_clear(&r);
  RunResult u = RUN(boardpack_bin(), "pack", "samples/anytown/pack-2013-04.xml", "--format", "html");
  assert_int_equal(u.status, 2);
  assert_non_null(strstr(u.err, "--outdir"));
  run_result_clear(&u);
  g_free(text), g_free(index), g_free(outdir);
}

int main(void) {
  dir = test_scratch_dir("e2e-html");
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_walsall_figures_as_in_pdf),   cmocka_unit_test(test_features_figures_as_in_pdf),
 cmocka_unit_test(test_housing_figures_as_in_pdf),
      cmocka_unit_test(test_bilingual_sample),
      cmocka_unit_test(test_same_input_same_bytes),       cmocka_unit_test(test_bad_spec_keeps_existing_page),
      cmocka_unit_test(test_default_output_name),          cmocka_unit_test(test_pack_index),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  g_free(dir);
  return rc;
}
