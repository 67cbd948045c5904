/* `boardpack init DIR`: the starter report passes check at once, renders,
 * and its figures (computed from the starter data) are in the PDF; a
 * directory that already holds something is refused and left as it was. */
#include "e2eutil.h"

static char *dir;

static char *fresh_dir(const char *name) {
  char *d = g_build_filename(dir, name, NULL);
  char *cmd = g_strdup_printf("rm -rf '%s'", d);
  assert_int_equal(system(cmd), 0);
  g_free(cmd);
  return d;
}

static void test_init_checks_and_renders(void **state) {
  (void)state;
  char *d = fresh_dir("starter");
  RunResult r = RUN(boardpack_bin(), "init", d);
  assert_int_equal(r.status, 0);
  char *spec = g_build_filename(d, "report.xml", NULL);
  assert_non_null(strstr(r.out, spec));
  run_result_clear(&r);
  for (const char *f = "catalogue.xml"; f; f = strcmp(f, "catalogue.xml") == 0 ? "data.csv" : NULL) {
    char *p = g_build_filename(d, f, NULL);
    assert_true(g_file_test(p, G_FILE_TEST_IS_REGULAR));
    g_free(p);
  }
  r = RUN(boardpack_bin(), "check", spec);
  assert_int_equal(r.status, 0);
  assert_string_equal(r.err, "");
  run_result_clear(&r);
  char *pdf = g_build_filename(d, "report.pdf", NULL);
  r = RUN(boardpack_bin(), "render", spec, "-o", pdf);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  r = RUN("pdftotext", pdf, "-");
  assert_int_equal(r.status, 0);
  char *text = squash_space(r.out);
  /* 4,700 calls in March 2026, 3,990 of them (84.9%) within 60 seconds:
   * figures the starter data gives, computed, not typed into the spec. */
  assert_non_null(strstr(text, "4,700 calls were answered, 84.9% of them within 60 seconds"));
  assert_non_null(strstr(text, "from 4,470 in February 2026 to 4,700 in March 2026"));
  assert_non_null(strstr(text, "Key measures"));
  assert_non_null(strstr(text, "Calls answered within 60 seconds (%)"));
  assert_non_null(strstr(text, "1. Performance this month"));
  assert_non_null(strstr(text, "2. Scorecard and trend"));
  g_free(text);
  run_result_clear(&r);
  r = RUN("pdfinfo", pdf);
  assert_non_null(strstr(r.out, "Pages:"));
  run_result_clear(&r);
  g_free(pdf);
  g_free(spec);
  g_free(d);
}

static void test_init_refuses_non_empty_dir(void **state) {
  (void)state;
  char *d = fresh_dir("occupied");
  g_mkdir_with_parents(d, 0755);
  char *mine = test_write_file(d, "report.xml", "my own work");
  RunResult r = RUN(boardpack_bin(), "init", d);
  assert_int_equal(r.status, 1);
  assert_non_null(strstr(r.err, "is not empty"));
  char *content = NULL;
  assert_true(g_file_get_contents(mine, &content, NULL, NULL));
  assert_string_equal(content, "my own work");
  char *catalogue = g_build_filename(d, "catalogue.xml", NULL);
  assert_false(g_file_test(catalogue, G_FILE_TEST_EXISTS));
  g_free(catalogue);
  g_free(content);
  g_free(mine);
  run_result_clear(&r);
  r = RUN(boardpack_bin(), "init");
  assert_int_equal(r.status, 2);
  run_result_clear(&r);
  g_free(d);
}

static void test_init_into_empty_existing_dir(void **state) {
  (void)state;
  char *d = fresh_dir("empty");
  g_mkdir_with_parents(d, 0755);
  RunResult r = RUN(boardpack_bin(), "init", d);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  g_free(d);
}

int main(void) {
  dir = test_scratch_dir("e2e-init");
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_init_checks_and_renders),
      cmocka_unit_test(test_init_refuses_non_empty_dir),
      cmocka_unit_test(test_init_into_empty_existing_dir),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  g_free(dir);
  return rc;
}
