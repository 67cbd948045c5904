/* period: parsing, names and arithmetic across calendar and financial years. */
#include "testutil.h"

#include "base/period.h"

static Period parse(const char *text) {
  Period p;
  char *why = NULL;
  if (!period_parse(text, &p, &why)) fail_msg("%s", why);
  return p;
}

static void expect_names(const char *text, const char *canonical, const char *long_name, const char *short_name) {
  Period p = parse(text);
  char *t = period_text(p), *l = period_long_name(p), *s = period_short_name(p);
  assert_string_equal(t, canonical);
  assert_string_equal(l, long_name);
  assert_string_equal(s, short_name);
  g_free(t), g_free(l), g_free(s);
}

static void test_parse_kinds(void **state) {
  (void)state;
  Period p = parse("2013-06");
  assert_int_equal(p.kind, PERIOD_MONTH);
  assert_int_equal(p.start, period_index(2013, 6));
  assert_int_equal(p.months, 1);
  p = parse("2012/13");
  assert_int_equal(p.kind, PERIOD_FY);
  assert_int_equal(p.start, period_index(2012, 4));
  assert_int_equal(period_end(p), period_index(2013, 3));
  p = parse("2013-Q1");
  assert_int_equal(p.start, period_index(2013, 1));
  assert_int_equal(p.months, 3);
  p = parse("2013/14-Q4");
  assert_int_equal(p.kind, PERIOD_FY_QUARTER);
  assert_int_equal(p.start, period_index(2014, 1));
  p = parse(" 2013-04..2013-05 ");
  assert_int_equal(p.kind, PERIOD_RANGE);
  assert_int_equal(p.months, 2);
  p = parse("1999/00");
  assert_int_equal(p.start, period_index(1999, 4));
  const char *bad[] = {"2013-00", "2013-13", "2013/15", "2013-Q5", "13-06", "2013-6", "2013-06..2013-04", "Jun-13", "", "2013/14-Q0"};
  for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
    char *why = NULL;
    assert_false(period_parse(bad[i], &p, &why));
    assert_non_null(strstr(why, "is not a period"));
    g_free(why);
  }
  /* a quarter's q in lower case is said as such */
  char *why = NULL;
  assert_false(period_parse("2024-q4", &p, &why));
  assert_string_equal(why, "'2024-q4' is not a period: a quarter is written with a capital Q, '2024-Q4'");
  g_free(why);
  assert_false(period_parse("2024/25-q1", &p, &why));
  assert_non_null(strstr(why, "'2024/25-Q1'"));
  g_free(why);
}

static void test_names(void **state) {
  (void)state;
  expect_names("2012-11", "2012-11", "November 2012", "Nov-12");
  expect_names("2012/13", "2012/13", "2012/13", "2012/13");
  expect_names("1999/00", "1999/00", "1999/00", "1999/00");
  expect_names("2013-Q1", "2013-Q1", "January\xe2\x80\x93March 2013", "Q1 2013");
  expect_names("2013/14-Q1", "2013/14-Q1", "April\xe2\x80\x93June 2013", "Q1 2013/14");
  expect_names("2013/14-Q4", "2013/14-Q4", "January\xe2\x80\x93March 2014", "Q4 2013/14");
  expect_names("2013", "2013", "2013", "2013");
  expect_names("2013-04..2013-05", "2013-04..2013-05", "April\xe2\x80\x93May 2013", "Apr-13\xe2\x80\x93May-13");
  expect_names("2012-11..2013-01", "2012-11..2013-01", "November 2012\xe2\x80\x93January 2013", "Nov-12\xe2\x80\x93Jan-13");
}

static void expect_prev(const char *text, const char *want) {
  char *t = period_text(period_prev(parse(text)));
  assert_string_equal(t, want);
  g_free(t);
}

static void test_previous_across_boundaries(void **state) {
  (void)state;
  expect_prev("2013-01", "2012-12"); /* calendar year boundary */
  expect_prev("2013-04", "2013-03"); /* financial year boundary */
  expect_prev("2012/13", "2011/12");
  expect_prev("2013-Q1", "2012-Q4");
  expect_prev("2013/14-Q1", "2012/13-Q4");
  expect_prev("2013-04..2013-05", "2013-02..2013-03");
  char *t = period_text(period_shift_years(parse("2013-06"), -1));
  assert_string_equal(t, "2012-06");
  g_free(t);
}

static void test_year_start(void **state) {
  (void)state;
  /* Financial year: March belongs to the year that started the April before. */
  assert_int_equal(period_year_start(period_index(2013, 3), 4), period_index(2012, 4));
  assert_int_equal(period_year_start(period_index(2013, 4), 4), period_index(2013, 4));
  assert_int_equal(period_year_start(period_index(2013, 12), 4), period_index(2013, 4));
  /* Calendar year. */
  assert_int_equal(period_year_start(period_index(2013, 3), 1), period_index(2013, 1));
  assert_int_equal(period_year_start(period_index(2012, 12), 1), period_index(2012, 1));
}

static void test_windows_and_order(void **state) {
  (void)state;
  assert_true(period_same_window(parse("2013-Q1"), parse("2013-01..2013-03")));
  assert_false(period_equal(parse("2013-Q1"), parse("2013-01..2013-03")));
  assert_true(period_same_window(parse("2012/13"), parse("2012-04..2013-03")));
  assert_true(period_contains_month(parse("2012/13"), period_index(2013, 3)));
  assert_false(period_contains_month(parse("2012/13"), period_index(2013, 4)));
  assert_true(period_compare(parse("2013-03"), parse("2012/13")) < 0); /* same end, shorter first */
  assert_true(period_compare(parse("2012/13"), parse("2013-04")) < 0);
}

static char *stepped(const char *text, long steps) {
  Period p;
  if (!period_step(parse(text), steps, &p)) return g_strdup("outside");
  return period_text(p);
}

static void expect_step(const char *text, long steps, const char *want) {
  char *got = stepped(text, steps);
  assert_string_equal(got, want);
  g_free(got);
}

/* One step is one period of the same kind; period_prev is one step back. */
static void test_steps(void **state) {
  (void)state;
  expect_step("2013-04", -1, "2013-03");
  expect_step("2013-04", 12, "2014-04");
  expect_step("2013-Q1", -1, "2012-Q4");
  expect_step("2013/14-Q1", -1, "2012/13-Q4");
  expect_step("2013/14", -2, "2011/12");
  expect_step("2013", 3, "2016");
  expect_step("2013-04..2013-06", 1, "2013-07..2013-09");
  expect_step("1900-01", -1, "outside");
  expect_step("2999-12", 1, "outside");
  expect_step("2013-04", G_MAXLONG, "outside"); /* no overflow */
  expect_step("2013-04", G_MINLONG + 1, "outside");
  const char *kinds[] = {"2013-04", "2013-Q2", "2013/14-Q2", "2013/14", "2013", "2013-01..2013-05"};
  for (guint i = 0; i < G_N_ELEMENTS(kinds); i++) {
    Period a, b = period_prev(parse(kinds[i]));
    assert_true(period_step(parse(kinds[i]), -1, &a));
    assert_true(period_equal(a, b));
  }
}

static void test_relative_notation(void **state) {
  (void)state;
  long n = 99;
  assert_true(period_is_relative("P"));
  assert_true(period_is_relative(" P-1"));
  assert_false(period_is_relative("Prior"));
  assert_false(period_is_relative("2013-04"));
  assert_true(period_relative_steps(" P ", &n, NULL));
  assert_int_equal(n, 0);
  assert_true(period_relative_steps("P-12", &n, NULL));
  assert_int_equal(n, -12);
  assert_true(period_relative_steps("P+1200", &n, NULL));
  assert_int_equal(n, 1200);
  const char *bad[] = {"P-", "P-x", "P- 3", "P+1201", "P-1x", "P--1"};
  for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
    char *why = NULL;
    if (period_relative_steps(bad[i], &n, &why)) fail_msg("'%s' read as relative", bad[i]);
    assert_non_null(strstr(why, "is not a relative period"));
    g_free(why);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_parse_kinds),
      cmocka_unit_test(test_names),
      cmocka_unit_test(test_previous_across_boundaries),
      cmocka_unit_test(test_year_start),
      cmocka_unit_test(test_windows_and_order),
      cmocka_unit_test(test_steps),
      cmocka_unit_test(test_relative_notation),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
