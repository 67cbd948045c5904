/* The command line on bad input: clear file:line:col messages, exit
 * status 1 (2 for usage), and an existing output file left untouched. */
#include "e2eutil.h"

#include <sys/wait.h>

static char *dir;

static const char misspelt[] =
    "<report>\n"
    "  <meta><committee>Panel</committee><date>2013-09-10</date><title>T</title></meta>\n"
    "  <body>\n"
    "    <section title='One'>\n"
    "      <paragrph>text</paragrph>\n"
    "    </section>\n"
    "  </body>\n"
    "</report>\n";

static void test_check_reports_line_and_column(void **state) {
  (void)state;
  char *spec = test_write_file(dir, "misspelt.xml", misspelt);
  RunResult r = RUN(boardpack_bin(), "check", spec);
  assert_int_equal(r.status, 1);
  char *want = g_strdup_printf("%s:5:7: error: unknown element <paragrph>", spec);
  assert_true(g_str_has_prefix(r.err, want));
  g_free(want);
  run_result_clear(&r);
  g_free(spec);
}

static void test_failed_render_keeps_existing_output(void **state) {
  (void)state;
  char *spec = test_write_file(dir, "misspelt2.xml", misspelt);
  char *out = test_write_file(dir, "existing.pdf", "precious bytes");
  RunResult r = RUN(boardpack_bin(), "render", spec, "-o", out);
  assert_int_equal(r.status, 1);
  char *content = NULL;
  assert_true(g_file_get_contents(out, &content, NULL, NULL));
  assert_string_equal(content, "precious bytes");
  /* and no temporary file is left beside it */
  GDir *d = g_dir_open(dir, 0, NULL);
  for (const char *n; (n = g_dir_read_name(d));) assert_false(g_str_has_prefix(n, ".existing.pdf."));
  g_dir_close(d);
  g_free(content);
  run_result_clear(&r);
  g_free(spec);
  g_free(out);
}

static void test_unwritable_output(void **state) {
  (void)state;
  RunResult r = RUN(boardpack_bin(), "render", "samples/walsall-2013-09/report.xml", "-o", "/nonexistent-dir/x.pdf");
  assert_int_equal(r.status, 1);
  assert_non_null(strstr(r.err, "cannot write /nonexistent-dir/x.pdf"));
  run_result_clear(&r);
}

static void test_output_equal_to_input(void **state) {
  (void)state;
  char *spec = test_write_file(dir, "self.xml", misspelt);
  RunResult r = RUN(boardpack_bin(), "render", spec, "-o", spec);
  assert_int_equal(r.status, 1);
  assert_non_null(strstr(r.err, "would overwrite the spec"));
  char *content = NULL;
  assert_true(g_file_get_contents(spec, &content, NULL, NULL));
  assert_string_equal(content, misspelt);
  g_free(content);
  run_result_clear(&r);
  g_free(spec);
}

static void test_usage_errors(void **state) {
  (void)state;
  RunResult r = RUN(boardpack_bin(), "frobnicate");
  assert_int_equal(r.status, 2);
  run_result_clear(&r);
  r = RUN(boardpack_bin(), "render");
  assert_int_equal(r.status, 2);
  run_result_clear(&r);
  r = RUN(boardpack_bin(), "render", "x.xml", "--format", "docx");
  assert_int_equal(r.status, 2);
  run_result_clear(&r);
  r = RUN(boardpack_bin(), "--help");
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "render SPEC.xml"));
  run_result_clear(&r);
  r = RUN(boardpack_bin(), "--version");
  assert_int_equal(r.status, 0);
  assert_true(g_str_has_prefix(r.out, "boardpack "));
  run_result_clear(&r);
}

static void test_check_accepts_sample(void **state) {
  (void)state;
  RunResult r = RUN(boardpack_bin(), "check", "samples/walsall-2013-09/report.xml");
  if (r.status != 0) fprintf(stderr, "%s", r.err);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
}

/* The seed's definition sheet as printed swaps numerators and
 * denominators: check refuses the data, naming the line and the swap. */
static void test_check_finds_swapped_data(void **state) {
  (void)state;
  RunResult r = RUN(boardpack_bin(), "check", "tests/data/measures/swap/report.xml");
  assert_int_equal(r.status, 1);
  assert_non_null(strstr(r.err, "tests/data/measures/swap/data.csv:2:"));
  assert_non_null(strstr(r.err, "error: CCC 1 2013-06"));
  assert_non_null(strstr(r.err, "may be swapped"));
  run_result_clear(&r);
}

int main(void) {
  dir = test_scratch_dir("e2e-cli");
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_check_reports_line_and_column),
      cmocka_unit_test(test_failed_render_keeps_existing_output),
      cmocka_unit_test(test_unwritable_output),
      cmocka_unit_test(test_output_equal_to_input),
      cmocka_unit_test(test_usage_errors),
      cmocka_unit_test(test_check_accepts_sample),
      cmocka_unit_test(test_check_finds_swapped_data),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  g_free(dir);
  return rc;
}
