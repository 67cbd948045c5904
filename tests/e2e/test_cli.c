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
/* check takes --period as render does, and a period given there is said
 * to come from there, not from the spec's own <data period>. */
static void test_check_with_a_period(void **state) {
  (void)state;
  RunResult r = RUN(boardpack_bin(), "check", "samples/anytown/performance.xml", "--period", "2025-9");
  assert_int_equal(r.status, 1);
  assert_non_null(strstr(r.err, "performance.xml:20:3: error: the report's period (set by the pack or --period): "
                                "'2025-9' is not a period"));
  run_result_clear(&r);
  r = RUN(boardpack_bin(), "check", "samples/anytown/performance.xml", "--period", "2014-02");
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
}

static void test_check_finds_swapped_data(void **state) {
  (void)state;
  RunResult r = RUN(boardpack_bin(), "check", "tests/data/measures/swap/report.xml");
  assert_int_equal(r.status, 1);
  assert_non_null(strstr(r.err, "tests/data/measures/swap/data.csv:2:"));
  assert_non_null(strstr(r.err, "error: CCC 1 2013-06"));
  assert_non_null(strstr(r.err, "may be swapped"));
  run_result_clear(&r);
}

/* A report in `sub` over the feature test's catalogue and data. */
static char *figures_report(const char *sub, const char *body) {
  char *d = g_build_filename(dir, sub, NULL);
  g_mkdir_with_parents(d, 0755);
  for (int i = 0; i < 2; i++) {
    const char *name = i ? "data.csv" : "catalogue.xml";
    char *src = g_build_filename("tests/data/features", name, NULL), *text = NULL;
    assert_true(g_file_get_contents(src, &text, NULL, NULL));
    g_free(test_write_file(d, name, text));
    g_free(src), g_free(text);
  }
  char *xml = g_strdup_printf("<report>\n<meta><committee>P</committee><date>2014-01-20</date><title>T</title></meta>\n"
                              "<data catalogue=\"catalogue.xml\" values=\"data.csv\" period=\"2013-12\"/>\n"
                              "<body><section title=\"S\">\n%s\n</section></body>\n</report>\n",
                              body);
  char *spec = test_write_file(d, "report.xml", xml);
  g_free(xml), g_free(d);
  return spec;
}

static guint count_of(const char *haystack, const char *needle) {
  guint n = 0;
  for (const char *p = strstr(haystack, needle); p; p = strstr(p + 1, needle)) n++;
  return n;
}

/* 55 optional figures the data lacks (warnings) and then one bad ref: the
 * error is printed though the warnings are capped, and a count closes. */
static void test_errors_never_hidden_behind_the_cap(void **state) {
  (void)state;
  GString *body = g_string_new(NULL);
  for (int i = 0; i < 55; i++) g_string_append(body, "<p><value ref=\"T1\" period=\"2010-01\" optional=\"yes\"/></p>\n");
  g_string_append(body, "<p><value ref=\"T9\"/></p>");
  char *spec = figures_report("cap", body->str);
  char *out = g_build_filename(dir, "cap", "out.pdf", NULL);
  for (int pass = 0; pass < 3; pass++) {
    RunResult r = pass == 0   ? RUN(boardpack_bin(), "render", spec, "-o", out)
                  : pass == 1 ? RUN(boardpack_bin(), "check", spec)
                              : RUN(boardpack_bin(), "check", "--all-warnings", spec);
    assert_int_equal(r.status, 1);
    char *err = g_strdup_printf("%s:60:4: error: unknown measure \"T9\" (did you mean \"T1\"?)\n", spec);
    assert_non_null(strstr(r.err, err));
    assert_int_equal(count_of(r.err, ": warning: "), pass == 2 ? 55 : 50);
    char *note = g_strdup_printf("%s: note: 5 more warnings not shown (--all-warnings shows them)\n", spec);
    assert_true(pass == 2 ? !strstr(r.err, note) : strstr(r.err, note) != NULL);
    char *counts = g_strdup_printf("%s: 1 error, 55 warnings\n", spec);
    assert_true(g_str_has_suffix(r.err, counts));
    g_free(err), g_free(note), g_free(counts);
    run_result_clear(&r);
  }
  assert_false(g_file_test(out, G_FILE_TEST_EXISTS));
  g_string_free(body, TRUE);
  g_free(spec), g_free(out);
}

/* The same bad ref in three scorecard columns is one message. */
static void test_repeated_finding_printed_once(void **state) {
  (void)state;
  char *spec = figures_report("repeat", "<scorecard title=\"M\"><column period=\"2013-10\"/><column period=\"2013-11\"/>"
                                        "<column period=\"2013-12\"/><measure ref=\"T3\"/></scorecard>");
  RunResult r = RUN(boardpack_bin(), "check", spec);
  assert_int_equal(r.status, 1);
  assert_int_equal(count_of(r.err, "unknown measure \"T3\""), 1);
  char *counts = g_strdup_printf("%s: 1 error, 1 warning\n", spec); /* and no arrows */
  assert_true(g_str_has_suffix(r.err, counts));
  g_free(counts);
  run_result_clear(&r);
  g_free(spec);
}

/* values="./data.csv" and values="data.csv" are named the same way. */
static void test_data_file_named_alike(void **state) {
  (void)state;
  char *spec = figures_report("dotted", "<p><value ref=\"T1\"/></p>");
  char *text = NULL;
  assert_true(g_file_get_contents(spec, &text, NULL, NULL));
  char **parts = g_strsplit(text, "values=\"data.csv\"", 2);
  char *dotted = g_strjoinv("values=\"./data.csv\"", parts);
  char *sub = g_path_get_dirname(spec);
  g_free(test_write_file(sub, "report.xml", dotted));
  char *csv = g_build_filename(sub, "data.csv", NULL), *rows = NULL;
  assert_true(g_file_get_contents(csv, &rows, NULL, NULL));
  char *bad = g_strconcat(rows, "T1,2013-13,,1,2,,,,\n", NULL);
  g_free(test_write_file(sub, "data.csv", bad));
  g_free(sub);
  RunResult r = RUN(boardpack_bin(), "check", spec);
  assert_int_equal(r.status, 1);
  char *want = g_strdup_printf("\n%s:", csv); /* not ".../dotted/./data.csv" */
  char *at_start = g_strdup_printf("%s:", csv);
  assert_true(g_str_has_prefix(r.err, at_start) || strstr(r.err, want));
  assert_null(strstr(r.err, "/./"));
  run_result_clear(&r);
  g_free(want), g_free(at_start), g_free(bad), g_free(rows), g_free(csv), g_free(dotted), g_free(text), g_free(spec);
  g_strfreev(parts);
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
      cmocka_unit_test(test_errors_never_hidden_behind_the_cap),
      cmocka_unit_test(test_repeated_finding_printed_once),
      cmocka_unit_test(test_data_file_named_alike),
      cmocka_unit_test(test_check_with_a_period),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  g_free(dir);
  return rc;
}
