/* cmd_measures: exit codes, CSV output and diagnostics of
 * `boardpack measures`. */
#include "testutil.h"

#include <fcntl.h>
#include <unistd.h>

#include "cli/cmd_measures.h"

typedef struct {
  int rc;
  char *out, *err;
} Run;

static char *capture_to(int fd, const char *path, int *saved) {
  fflush(fd == 1 ? stdout : stderr);
  *saved = dup(fd);
  int f = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  assert_true(f >= 0);
  dup2(f, fd);
  close(f);
  return g_strdup(path);
}

static char *restore(int fd, int saved, char *path) {
  fflush(fd == 1 ? stdout : stderr);
  dup2(saved, fd);
  close(saved);
  char *text = NULL;
  assert_true(g_file_get_contents(path, &text, NULL, NULL));
  g_free(path);
  return text;
}

static Run run(const char *const *args) {
  char *dir = test_scratch_dir("cmd_measures");
  char *o = g_build_filename(dir, "out.txt", NULL), *e = g_build_filename(dir, "err.txt", NULL);
  int so, se;
  char *po = capture_to(1, o, &so), *pe = capture_to(2, e, &se);
  /* GOption removes the options it parsed from argv: keep the strings to
   * free them all, as a process's own argv would be. */
  char **owned = g_strdupv((char **)args);
  guint n = g_strv_length(owned);
  char **argv = g_memdup2(owned, sizeof(char *) * (n + 1));
  Run r;
  r.rc = cmd_measures((int)n, argv);
  r.out = restore(1, so, po);
  r.err = restore(2, se, pe);
  g_free(argv);
  g_strfreev(owned);
  g_free(o), g_free(e), g_free(dir);
  return r;
}

static void run_free(Run *r) { g_free(r->out), g_free(r->err); }

static void expect_line(const char *text, const char *line) {
  char *needle = g_strconcat("\r\n", line, "\r\n", NULL);
  if (!strstr(text, needle)) fail_msg("no line \"%s\" in:\n%s", line, text);
  g_free(needle);
}

static void test_usage_errors(void **state) {
  (void)state;
  const char *none[] = {"measures", NULL};
  Run r = run(none);
  assert_int_equal(r.rc, 2);
  assert_non_null(strstr(r.err, "expected a catalogue and a data file"));
  run_free(&r);
  const char *bad_period[] = {"measures", "a.xml", "b.csv", "--period", "June", NULL};
  r = run(bad_period);
  assert_int_equal(r.rc, 2);
  assert_non_null(strstr(r.err, "'June' is not a period"));
  run_free(&r);
  const char *bad_option[] = {"measures", "--frobnicate", "a.xml", "b.csv", NULL};
  r = run(bad_option);
  assert_int_equal(r.rc, 2);
  run_free(&r);
}

static void test_anytown_table(void **state) {
  (void)state;
  const char *args[] = {"measures", "samples/anytown/catalogue.xml", "samples/anytown/data.csv", NULL};
  Run r = run(args);
  assert_int_equal(r.rc, 0);
  assert_string_equal(r.err, "");
  assert_true(g_str_has_prefix(r.out, "ref,period,series,value,band,direction,marks,note\r\n"));
  /* 367 repeat referrals of 1,805 in April 2013 - March 2014 = 20.33%. */
  expect_line(r.out, "AT-RA3,2014-03,,20.3,achieved,maintained,,");
  expect_line(r.out, "AT-RA4,2013/14,England,77.1,not met,improved,,");
  run_free(&r);
}

/* A measure rated red, amber and green gives its rating as the band. */
static void test_rag_ratings_as_the_band(void **state) {
  (void)state;
  const char *args[] = {"measures", "samples/ashby-vale-2024-q3/catalogue.xml", "samples/ashby-vale-2024-q3/data.csv",
                        "--period", "2024/25-Q3", NULL};
  Run r = run(args);
  assert_int_equal(r.rc, 0);
  expect_line(r.out, "AV1,2024/25-Q3,,87.0,green,improved,,");
  expect_line(r.out, "AV4,2024/25-Q3,,152,amber,improved,,");
  expect_line(r.out, "AV2,2024/25-Q3,,84.0,red,deteriorated,,");
  expect_line(r.out, "AV8,2024/25-Q3,,1590,,,,");
  expect_line(r.out, "AV11,2024/25-Q3,,89.0,not met,deteriorated,,");
  expect_line(r.out, "AV9,2024/25-Q3,,91.0,amber,deteriorated,[p],"); /* its provisional mark, as printed */
  run_free(&r);
  /* a period without figures: every measure's row says why, none is left out */
  const char *later[] = {"measures", "samples/ashby-vale-2024-q3/catalogue.xml", "samples/ashby-vale-2024-q3/data.csv",
                         "--period", "2031-01", NULL};
  r = run(later);
  assert_int_equal(r.rc, 0);
  expect_line(r.out, "AV1,2031-01,,,,,,AV1 has no data for 2031-01 (own figures)");
  run_free(&r);
}

static void test_walsall_one_period(void **state) {
  (void)state;
  const char *args[] = {"measures", "samples/walsall-2013-09/catalogue.xml", "samples/walsall-2013-09/data.csv",
                        "--period", "2013-06", NULL};
  Run r = run(args);
  assert_int_equal(r.rc, 0);
  expect_line(r.out, "RA4,2013-06,,48.7,not met,,,");
  expect_line(r.out, "CCCf,2013-06,,91.4,,,,");
  expect_line(r.out, "COM 1,2013-06,,54,,,,");
  assert_null(strstr(r.out, "2013-03,"));
  run_free(&r);
  const char *all[] = {"measures", "samples/walsall-2013-09/catalogue.xml", "samples/walsall-2013-09/data.csv", NULL};
  r = run(all);
  expect_line(r.out, "RA-AGY-REF,2012/13,\"Health (Midwives, hospitals and other NHS)\",11.6,,,,");
  expect_line(r.out, "QEP 18,2013-03,,published June 2014,,,,");
  expect_line(r.out, "CCC b,2013-03,,5.54,,improved,,");
  run_free(&r);
}

static void test_swapped_data_exits_1(void **state) {
  (void)state;
  const char *args[] = {"measures", "tests/data/measures/swap/catalogue.xml", "tests/data/measures/swap/data.csv", NULL};
  Run r = run(args);
  assert_int_equal(r.rc, 1);
  assert_string_equal(r.out, "");
  assert_non_null(strstr(r.err, "tests/data/measures/swap/data.csv:2:16: error: CCC 1 2013-06: numerator 128"));
  assert_non_null(strstr(r.err, "may be swapped"));
  run_free(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_usage_errors),
      cmocka_unit_test(test_anytown_table),
      cmocka_unit_test(test_walsall_one_period),
      cmocka_unit_test(test_rag_ratings_as_the_band),
      cmocka_unit_test(test_swapped_data_exits_1),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
