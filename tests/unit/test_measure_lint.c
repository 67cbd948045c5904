/* measure_lint: every finding, with its file, line, column and severity,
 * from the fixtures in tests/data/measures. */
#include "testutil.h"

#include "measures/measures.h"

#define LINT_DIR "tests/data/measures/lint/"

static DiagList *lint(const char *catalogue, const char *data) {
  DiagList *d = diag_list_new();
  Measures *ms = measures_load_unchecked(catalogue, data, d);
  assert_non_null(ms);
  measures_lint(ms, d);
  measures_free(ms);
  return d;
}

static DiagList *lint_fixture(const char *name) {
  char *path = g_strconcat(LINT_DIR, name, NULL);
  DiagList *d = lint(LINT_DIR "catalogue.xml", path);
  g_free(path);
  return d;
}

/* The finding whose message contains `needle` is at file:line(:col) with
 * this severity. col -1 = not checked. */
static void expect(const DiagList *d, const char *needle, const char *file_end, int line, int col, DiagSeverity sev) {
  const Diag *f = diag_find(d, needle);
  if (!f) {
    diag_print(d, stderr);
    fail_msg("no finding containing \"%s\"", needle);
  }
  assert_true(g_str_has_suffix(f->file, file_end));
  if (f->line != line) fail_msg("\"%s\": line %d, want %d", f->message, f->line, line);
  if (col >= 0) assert_int_equal(f->col, col);
  assert_int_equal(f->severity, sev);
}

static void test_clean_has_no_findings(void **state) {
  (void)state;
  DiagList *d = lint_fixture("clean.csv");
  diag_print(d, stderr);
  assert_int_equal(diag_count(d), 0);
  diag_list_free(d);
}

static void test_percentage_over_100_names_the_swap(void **state) {
  (void)state;
  DiagList *d = lint_fixture("pct-over-100.csv");
  expect(d, "numerator 128 is greater than denominator 25 (512.0%, above 100): the numerator and denominator may be swapped",
         "pct-over-100.csv", 3, 15, DIAG_ERROR);
  diag_list_free(d);
  d = lint_fixture("published-out-of-range.csv");
  expect(d, "100.1 is above 100", "published-out-of-range.csv", 3, 15, DIAG_ERROR);
  expect(d, "-0.5 is below 0", "published-out-of-range.csv", 4, 15, DIAG_ERROR);
  assert_int_equal(d->errors, 2);
  diag_list_free(d);
}

/* A numerator near the top of 64 bits: the percentage is worked out with
 * ratio.h's checked arithmetic, not num * 100 (which overflowed). */
static void test_percentage_over_100_with_huge_counts(void **state) {
  (void)state;
  char *d = test_scratch_dir("lint-huge");
  char *csv = test_write_file(d, "huge.csv", "ref,period,numerator,denominator\n"
                                             "L-PCT,2013-02,900000000000000000,100000000000000000\n");
  DiagList *diags = lint(LINT_DIR "catalogue.xml", csv);
  expect(diags, "numerator 900000000000000000 is greater than denominator 100000000000000000 (900.0%, above 100)",
         "huge.csv", 2, 15, DIAG_ERROR);
  diag_list_free(diags);
  g_free(csv);
  g_free(d);
}

/* The seed's own definitions sheet, entered as printed. */
static void test_seed_swap_fixture(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  Measures *ms = measures_load("tests/data/measures/swap/catalogue.xml", "tests/data/measures/swap/data.csv", d);
  assert_null(ms); /* errors stop rendering */
  expect(d, "CCC 1 2013-06: numerator 128 is greater than denominator 25", "swap/data.csv", 2, 16, DIAG_ERROR);
  expect(d, "CCC a 2012/13: numerator 334", "swap/data.csv", 5, 16, DIAG_ERROR);
  expect(d, "CCC b 2012/13: numerator 1480", "swap/data.csv", 6, 16, DIAG_ERROR);
  for (guint i = 0; i < diag_count(d); i++) assert_non_null(strstr(diag_get(d, i)->message, "may be swapped"));
  assert_int_equal(d->errors, 3);
  diag_list_free(d);
}

static void test_zero_denominator(void **state) {
  (void)state;
  DiagList *d = lint_fixture("zero-denominator.csv");
  expect(d, "L-PCT 2013-01: the denominator is zero", "zero-denominator.csv", 2, 17, DIAG_ERROR);
  expect(d, "L-RATE 2013-01: the denominator is zero", "zero-denominator.csv", 3, 18, DIAG_ERROR);
  diag_list_free(d);
}

static void test_duplicates(void **state) {
  (void)state;
  DiagList *d = lint_fixture("duplicate.csv");
  expect(d, "duplicate row: L-PCT 2013-01 was already given on line 2", "duplicate.csv", 4, 7, DIAG_ERROR);
  /* For a ytd count 2012/13 and 2013-03 are the same twelve months. */
  expect(d, "duplicate row: L-YTD 2012/13 was already given on line 5 (as 2013-03", "duplicate.csv", 6, 7, DIAG_ERROR);
  assert_int_equal(d->errors, 2); /* England's 2013-01 is another series, not a duplicate */
  diag_list_free(d);
}

static void test_unknown_ref(void **state) {
  (void)state;
  DiagList *d = lint_fixture("unknown-ref.csv");
  expect(d, "unknown measure ref \"L-PTC\" (did you mean \"L-PCT\"?)", "unknown-ref.csv", 3, 1, DIAG_ERROR);
  expect(d, "unknown measure ref \"NOPE 9\": it is not in the catalogue (its nearest refs are \"L-PCT\", \"L-POP\" and \"L-YTD\")",
         "unknown-ref.csv", 4, 1, DIAG_ERROR);
  diag_list_free(d);
}

/* A header without "denominator" over 40 percentage rows: one message,
 * at the header, not 40 "the row needs a denominator". */
static void test_header_missing_column_is_one_message(void **state) {
  (void)state;
  char *dir = test_scratch_dir("lint-header");
  GString *csv = g_string_new("ref,period,numerator\n");
  for (int i = 0; i < 40; i++) g_string_append_printf(csv, "L-PCT,%04d-%02d,5\n", 2010 + i / 12, i % 12 + 1);
  char *path = test_write_file(dir, "no-den.csv", csv->str);
  DiagList *d = lint(LINT_DIR "catalogue.xml", path);
  diag_print(d, stderr);
  expect(d, "the header has no \"denominator\" column, but 40 rows of percentages or averages need one (the first "
            "is L-PCT at line 2): add the column",
         "no-den.csv", 1, 0, DIAG_ERROR);
  assert_null(diag_find(d, "the row needs a denominator"));
  assert_int_equal(diag_count(d), 1);
  diag_list_free(d);
  g_string_free(csv, TRUE);
  g_free(dir), g_free(path);
}

static void test_bad_flag(void **state) {
  (void)state;
  char *dir = test_scratch_dir("lint-flag");
  char *path = test_write_file(dir, "flag.csv", "ref,period,numerator,denominator,flag\nL-PCT,2012-01,5,10,provisonal\n"
                                                "L-PCT,2012-02,,,not yet available\n");
  DiagList *d = lint(LINT_DIR "catalogue.xml", path);
  expect(d, "flag \"provisonal\" is not one of \"provisional\", \"revised\", \"estimated\", \"not yet available\" or "
            "\"definition changed\" (several are separated by \";\")",
         "flag.csv", 2, 20, DIAG_ERROR);
  assert_int_equal(diag_count(d), 1); /* a row with no figure, flagged not yet available, is fine */
  diag_list_free(d);
  g_free(dir), g_free(path);
}

static void test_non_numeric(void **state) {
  (void)state;
  DiagList *d = lint_fixture("non-numeric.csv");
  expect(d, "numerator \"8o\" is not a whole number", "non-numeric.csv", 2, 15, DIAG_ERROR);
  expect(d, "denominator \"100.5\" is not a whole number", "non-numeric.csv", 3, 18, DIAG_ERROR);
  expect(d, "value \"n/a\" is not a number (published wording", "non-numeric.csv", 4, 17, DIAG_ERROR);
  expect(d, "'2013-13' is not a period", "non-numeric.csv", 5, 7, DIAG_ERROR);
  diag_list_free(d);
}

static void test_month_missing_inside_window(void **state) {
  (void)state;
  DiagList *d = lint_fixture("window-gap.csv");
  expect(d, "L-ROLL: no row for 2012-09 to 2012-10, a month missing inside the rolling-12 window of 2012-11",
         "window-gap.csv", 7, 8, DIAG_ERROR);
  /* Feb-Mar 2013 lie in the year before April's ytd window: not a finding;
   * May 2013 lies inside June's. */
  expect(d, "L-YTD: no row for 2013-05, a month missing inside the ytd window of 2013-06", "window-gap.csv", 17, 7,
         DIAG_ERROR);
  assert_int_equal(d->errors, 2);
  diag_list_free(d);
}

static void test_big_change_is_a_warning(void **state) {
  (void)state;
  DiagList *d = lint_fixture("big-change.csv");
  expect(d, "L-PCT: changed from 50.0 in 2013-01 to 75.0 in 2013-02 (+25.0), more than the max-change of 20",
         "big-change.csv", 3, -1, DIAG_WARNING);
  expect(d, "L-CNT: changed from 100 in 2013-01 to 160 in 2013-02 (+60), more than the max-change of 50%",
         "big-change.csv", 6, -1, DIAG_WARNING);
  /* 75 -> 90 is within 20; 160 -> 150 within 50%; 2013-03 -> 2013-05 are not consecutive. */
  assert_int_equal(d->warnings, 2);
  assert_int_equal(d->errors, 0);
  diag_list_free(d);
  /* Warnings do not stop loading. */
  d = diag_list_new();
  Measures *ms = measures_load(LINT_DIR "catalogue.xml", LINT_DIR "big-change.csv", d);
  assert_non_null(ms);
  measures_free(ms);
  diag_list_free(d);
}

/* Rows naming a unit are checked as the top unit's are, each unit on its
 * own rows: T2's missing February is a gap (T1 and the top unit have it),
 * T2's jump is a jump (T1's is within the limit), T1's published figure
 * differs from its own counts. */
static void test_unit_rows_are_checked_per_unit(void **state) {
  (void)state;
  DiagList *d = lint_fixture("unit-rows.csv");
  expect(d, "L-ROLL of unit T2: no row for 2013-02, a month missing inside the rolling-12 window of 2013-03",
         "unit-rows.csv", 9, 8, DIAG_ERROR);
  expect(d, "L-PCT of unit T2: changed from 50.0 in 2013-01 to 80.0 in 2013-02 (+30.0), more than the max-change of 20",
         "unit-rows.csv", 13, -1, DIAG_WARNING);
  expect(d, "L-YTD 2013-05 of unit T1: the published 40 differs from 47", "unit-rows.csv", 16, -1, DIAG_WARNING);
  assert_int_equal(d->errors, 1);   /* not T1's rolling rows, nor the top unit's */
  assert_int_equal(d->warnings, 2); /* not T1's 50 -> 55 */
  diag_list_free(d);
}

static void test_population_and_published_mismatch(void **state) {
  (void)state;
  DiagList *d = lint_fixture("no-population.csv");
  expect(d, "L-RATE 2013-01: a rate with no denominator needs a population figure (L-POP)", "no-population.csv", 2, 16,
         DIAG_ERROR);
  diag_list_free(d);
  d = lint_fixture("published-mismatch.csv");
  expect(d, "L-YTD 2013-06: the published 55 differs from 54", "published-mismatch.csv", 5, 16, DIAG_WARNING);
  diag_list_free(d);
}

static void test_requests(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  Measures *ms = measures_load(LINT_DIR "catalogue.xml", LINT_DIR "clean.csv", d);
  assert_non_null(ms);
  const MeasureRequest reqs[] = {
      {"L-PCT", NULL, "2013-02", "report.xml", 10, 5, FALSE},      /* present */
      {"L-PCT", NULL, "2013-03", "report.xml", 11, 7, FALSE},      /* missing */
      {"L-PCT", NULL, "2013-04", "report.xml", 12, 7, TRUE},       /* missing but optional */
      {"L-ROLL", NULL, "2013-01", "report.xml", 13, 3, FALSE},     /* window lacks 2013-01 */
      {"L-PTC", NULL, "2013-02", "report.xml", 14, 3, FALSE},      /* unknown ref */
      {"L-PCT", NULL, "Feb 2013", "report.xml", 15, 3, FALSE},     /* bad period */
      {"L-PCT", "England", "2011/12", "report.xml", 16, 3, FALSE}, /* text is a value */
  };
  measures_lint_requests(ms, reqs, G_N_ELEMENTS(reqs), d);
  expect(d, "L-PCT has no data for 2013-03 (own figures)", "report.xml", 11, 7, DIAG_ERROR);
  expect(d, "L-PCT has no data for 2013-04 (own figures); \"n/a\" will be printed", "report.xml", 12, 7, DIAG_WARNING);
  expect(d, "L-ROLL (own figures) has no row for 2013-01, which its rolling-12 value for 2013-01 needs (months 2012-02..2013-01)",
         "report.xml", 13, 3, DIAG_ERROR);
  expect(d, "did you mean \"L-PCT\"", "report.xml", 14, 3, DIAG_ERROR);
  expect(d, "'Feb 2013' is not a period", "report.xml", 15, 3, DIAG_ERROR);
  assert_int_equal(d->errors, 4);
  assert_int_equal(d->warnings, 1);
  measures_free(ms);
  diag_list_free(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_clean_has_no_findings),
      cmocka_unit_test(test_percentage_over_100_names_the_swap),
      cmocka_unit_test(test_percentage_over_100_with_huge_counts),
      cmocka_unit_test(test_seed_swap_fixture),
      cmocka_unit_test(test_zero_denominator),
      cmocka_unit_test(test_duplicates),
      cmocka_unit_test(test_unknown_ref),
      cmocka_unit_test(test_header_missing_column_is_one_message),
      cmocka_unit_test(test_bad_flag),
      cmocka_unit_test(test_non_numeric),
      cmocka_unit_test(test_month_missing_inside_window),
      cmocka_unit_test(test_big_change_is_a_warning),
      cmocka_unit_test(test_population_and_published_mismatch),
      cmocka_unit_test(test_unit_rows_are_checked_per_unit),
      cmocka_unit_test(test_requests),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
