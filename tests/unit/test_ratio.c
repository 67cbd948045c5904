/* ratio: exact parsing, rounding half away from zero, locale-free text. */
#include "testutil.h"

#include "measures/ratio.h"

static void expect_format(const char *num_text, int decimals, gboolean thousands, const char *want) {
  Ratio r;
  assert_true(ratio_parse(num_text, &r, NULL));
  char *got = ratio_format(r, decimals, thousands);
  assert_string_equal(got, want);
  g_free(got);
}

static void expect_fraction(gint64 n, gint64 d, int decimals, const char *want) {
  Ratio r;
  assert_true(ratio_make(n, d, &r));
  char *got = ratio_format(r, decimals, TRUE);
  assert_string_equal(got, want);
  g_free(got);
}

static void test_parse(void **state) {
  (void)state;
  Ratio r;
  int dp = -1;
  assert_true(ratio_parse("85.4", &r, &dp));
  assert_int_equal(r.num, 427);
  assert_int_equal(r.den, 5);
  assert_int_equal(dp, 1);
  assert_true(ratio_parse("1,234.50", &r, &dp));
  assert_int_equal(r.num, 2469);
  assert_int_equal(r.den, 2);
  assert_int_equal(dp, 2);
  assert_true(ratio_parse("-3", &r, &dp));
  assert_int_equal(r.num, -3);
  assert_int_equal(dp, 0);
  assert_true(ratio_parse("+0.86", &r, &dp));
  assert_int_equal(r.num, 43);
  assert_int_equal(r.den, 50);
  const char *bad[] = {"", "1,23", "12,", ",123", "1.", ".5", "8o", "1e3", " 1", "1 ", "85,4", "1.2.3", "--1", "n/a", "1.2345678"};
  for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) assert_false(ratio_parse(bad[i], &r, NULL));
}

static void test_round_half_away_from_zero(void **state) {
  (void)state;
  expect_format("0.05", 1, TRUE, "0.1");
  expect_format("0.15", 1, TRUE, "0.2"); /* 0.15 as a double is 0.1499..., printf gives 0.1 */
  expect_format("2.675", 2, TRUE, "2.68"); /* likewise 2.67 with doubles */
  expect_format("-0.05", 1, TRUE, "-0.1");
  expect_format("0.25", 1, TRUE, "0.3");
  expect_format("0.249", 1, TRUE, "0.2");
  expect_format("-0.04", 1, TRUE, "0.0"); /* no negative zero */
  expect_format("80.5", 0, TRUE, "81");   /* the seed's 80.5 quoted as 81% */
  expect_fraction(2, 3, 1, "0.7");
  expect_fraction(1, 3, 1, "0.3");
  expect_fraction(-2, 3, 2, "-0.67");
  expect_fraction(200, 3, 1, "66.7");
  expect_fraction(1, 8, 2, "0.13");
  expect_fraction(-1, 8, 2, "-0.13");
}

static void test_thousands(void **state) {
  (void)state;
  expect_format("1234567", 0, TRUE, "1,234,567");
  expect_format("999", 0, TRUE, "999");
  expect_format("1000", 1, TRUE, "1,000.0");
  expect_format("-1234.5", 1, TRUE, "-1,234.5");
  expect_format("1234.5", 1, FALSE, "1234.5");
  expect_format("0", 0, TRUE, "0");
  expect_format("0.5", 3, TRUE, "0.500");
  expect_format("123456", 0, TRUE, "123,456");
}

static void test_arithmetic(void **state) {
  (void)state;
  Ratio a, b, c;
  assert_true(ratio_make(1, 3, &a));
  assert_true(ratio_make(1, 6, &b));
  assert_true(ratio_add(a, b, &c));
  assert_int_equal(c.num, 1);
  assert_int_equal(c.den, 2);
  assert_true(ratio_sub(b, a, &c));
  assert_int_equal(c.num, -1);
  assert_int_equal(c.den, 6);
  assert_int_equal(ratio_cmp(a, b), 1);
  assert_int_equal(ratio_cmp(b, a), -1);
  assert_int_equal(ratio_cmp(ratio_int(2), (Ratio){4, 2}), 0);
  assert_false(ratio_make(1, 0, &c));
  assert_false(ratio_div(a, ratio_int(0), &c));
  assert_false(ratio_mul(ratio_int(G_MAXINT64 / 2), ratio_int(4), &c)); /* overflow is refused */
  assert_true(ratio_make(-4, -6, &c));
  assert_int_equal(c.num, 2);
  assert_int_equal(c.den, 3);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_parse),
      cmocka_unit_test(test_round_half_away_from_zero),
      cmocka_unit_test(test_thousands),
      cmocka_unit_test(test_arithmetic),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
