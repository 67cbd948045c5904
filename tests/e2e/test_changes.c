/* A report's <changes> block: the starter report with an annex holding
 * <changes against="may.csv"/> (last month's file: no March, January as
 * first published) shows, in the PDF's text and in the HTML page, the
 * same changes as `boardpack diff` prints for the same two files, in the
 * same order: the rating flip, the revised January figure, the direction
 * flip, the changed value. <changes/> alone compares the report's period
 * with the one before it in the report's own data (no revisions then);
 * nothing changed gives one sentence; without <data> it is an error at
 * the element. */
#include "e2eutil.h"

static char *dir;

/* The starter report (boardpack init) in `name`, its annex holding
 * `annex`; may.csv is its data without March and with January's calls
 * as first published, and data.csv has March's fast answers cut. */
static char *starter(const char *name, const char *annex, gboolean with_data) {
  char *at = g_build_filename(dir, name, NULL);
  RunResult r = RUN("rm", "-rf", at); /* init wants a new folder; the scratch one outlives a run */
  run_result_clear(&r);
  r = RUN(boardpack_bin(), "init", at);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  char *data_path = g_build_filename(at, "data.csv", NULL), *text = NULL;
  assert_true(g_file_get_contents(data_path, &text, NULL, NULL));
  GString *now = g_string_new(NULL), *may = g_string_new(NULL);
  char **lines = g_strsplit(text, "\n", -1);
  for (char **l = lines; *l && **l; l++) {
    gboolean march = strstr(*l, ",2026-03,") != NULL;
    if (g_str_has_prefix(*l, "CC2,2026-03,,3990,")) g_string_append_printf(now, "CC2,2026-03,,3700,%s\n", *l + 18);
    else g_string_append_printf(now, "%s\n", *l);
    if (g_str_has_prefix(*l, "CC1,2026-01,,4620,")) g_string_append_printf(may, "CC1,2026-01,,4600,%s\n", *l + 18);
    else if (!march) g_string_append_printf(may, "%s\n", *l);
  }
  g_strfreev(lines);
  g_free(text);
  g_free(test_write_file(at, "data.csv", now->str));
  g_free(test_write_file(at, "may.csv", may->str));
  g_string_free(now, TRUE), g_string_free(may, TRUE);
  char *spec_path = g_build_filename(at, "report.xml", NULL);
  assert_true(g_file_get_contents(spec_path, &text, NULL, NULL));
  char *with = g_strconcat("</body>\n  <annex title=\"What has changed since last month\">", annex, "</annex>", NULL);
  char **parts = g_strsplit(text, "</body>", 2);
  char *spec = g_strjoinv(with, parts);
  g_strfreev(parts);
  if (!with_data) {
    parts = g_strsplit(spec, "<data catalogue=\"catalogue.xml\" values=\"data.csv\" period=\"2026-03\"/>", 2);
    g_free(spec);
    spec = g_strjoinv("", parts);
    g_strfreev(parts);
    /* the figures in the text need the data too: keep only the annex */
    char *body = strstr(spec, "<front-sheet>"), *end = strstr(spec, "</body>");
    memmove(body, end + strlen("</body>"), strlen(end + strlen("</body>")) + 1);
  }
  g_file_set_contents(spec_path, spec, -1, NULL);
  g_free(text), g_free(with), g_free(spec), g_free(data_path), g_free(at);
  return spec_path;
}

static char *pdf_text(const char *spec, const char *pdf) {
  RunResult r = RUN(boardpack_bin(), "render", spec, "-o", pdf);
  if (r.status != 0) fail_msg("render failed: %s", r.err);
  run_result_clear(&r);
  r = RUN("pdftotext", "-raw", pdf, "-");
  assert_int_equal(r.status, 0);
  char *text = squash_space(r.out);
  run_result_clear(&r);
  return text;
}

static void test_against_earlier_file(void **state) {
  (void)state;
  char *spec = starter("against", "<changes against=\"may.csv\"/>", TRUE);
  char *pdf = g_build_filename(dir, "against.pdf", NULL);
  char *text = pdf_text(spec, pdf);
  const char *const order[] = {"What has changed", "Measure Before Now", "Rating changed",
                               "CC2 % of calls answered within 60 seconds 84.1% (achieved, improved), February 2026 "
                               "78.7% (not met, deteriorated), March 2026",
                               "Revised after publication", "CC1 Calls answered, January 2026 4,600 4,620",
                               "Direction changed", "CC1 Calls answered 4,470 (deteriorated), February 2026",
                               "Value changed", "CC3 % of complaints answered late 5.0%", NULL};
  assert_found_in_order(text, order);
  assert_null(strstr(text, "Target moved"));
  /* the same comparison as diff's, in the same order */
  char *at = g_path_get_dirname(spec);
  char *cat = g_build_filename(at, "catalogue.xml", NULL), *may = g_build_filename(at, "may.csv", NULL),
       *now = g_build_filename(at, "data.csv", NULL);
  RunResult r = RUN(boardpack_bin(), "diff", "-c", cat, may, now);
  assert_int_equal(r.status, 0);
  assert_found_in_order(r.out, (const char *const[]){"Rating changed\n  CC2", "Revised after publication\n  CC1",
                                               "Direction changed\n  CC1", "Value changed\n  CC3", NULL});
  run_result_clear(&r);
  char *html = g_build_filename(dir, "against.html", NULL);
  r = RUN(boardpack_bin(), "render", spec, "--format", "html", "-o", html);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  char *page = NULL;
  assert_true(g_file_get_contents(html, &page, NULL, NULL));
  assert_found_in_order(page, (const char *const[]){"What has changed", "Rating changed", "Revised after publication",
                                              "4,600", "4,620", "Direction changed", "Value changed", NULL});
  g_free(page), g_free(html), g_free(cat), g_free(may), g_free(now), g_free(at);
  g_free(text), g_free(pdf), g_free(spec);
}

static void test_previous_period(void **state) {
  (void)state;
  char *spec = starter("previous", "<changes title=\"Since February\"/>", TRUE);
  char *pdf = g_build_filename(dir, "previous.pdf", NULL);
  char *text = pdf_text(spec, pdf);
  assert_found_in_order(text, (const char *const[]){"Since February", "Rating changed", "CC2", "Direction changed", "CC1",
                                              "Value changed", "CC3", NULL});
  assert_null(strstr(text, "Revised after publication"));
  g_free(text), g_free(pdf), g_free(spec);
}

static void test_nothing_changed(void **state) {
  (void)state;
  char *spec = starter("same", "<changes against=\"data.csv\"/>", TRUE);
  char *pdf = g_build_filename(dir, "same.pdf", NULL);
  char *text = pdf_text(spec, pdf);
  assert_non_null(strstr(text, "What has changed since last month No figures have changed."));
  g_free(text), g_free(pdf), g_free(spec);
}

static void test_needs_data(void **state) {
  (void)state;
  char *spec = starter("nodata", "\n<changes/>", FALSE);
  char *pdf = g_build_filename(dir, "nodata.pdf", NULL);
  RunResult r = RUN(boardpack_bin(), "render", spec, "-o", pdf);
  assert_int_equal(r.status, 1);
  if (!strstr(r.err, "report.xml:") || !strstr(r.err, ": error: <changes> compares the report's figures"))
    fail_msg("stderr: %s", r.err);
  assert_false(g_file_test(pdf, G_FILE_TEST_EXISTS));
  run_result_clear(&r);
  g_free(pdf), g_free(spec);
}

int main(void) {
  dir = test_scratch_dir("e2e-changes");
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_against_earlier_file),
      cmocka_unit_test(test_previous_period),
      cmocka_unit_test(test_nothing_changed),
      cmocka_unit_test(test_needs_data),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  g_free(dir);
  return rc;
}
