/* length: the one reader of "40mm", "12pt", "50%" for specs and styles. */
#include "testutil.h"

#include <math.h>

#include "base/length.h"

static void expect_points(const char *text, double pt) {
  double v = -1;
  assert_int_equal(length_parse(text, &v), LENGTH_POINTS);
  assert_true(fabs(v - pt) < 1e-9);
}

static void test_units(void **state) {
  (void)state;
  expect_points("25.4mm", 72);
  expect_points("2.54cm", 72);
  expect_points("1.5in", 108);
  expect_points("12pt", 12);
  double v = -1;
  assert_int_equal(length_parse("50%", &v), LENGTH_FRACTION);
  assert_true(fabs(v - 0.5) < 1e-12);
  const char *bad[] = {NULL, "", "mm", "12", "12px", "12 mm", "twelve"};
  for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
    v = -1;
    assert_int_equal(length_parse(bad[i], &v), LENGTH_NONE);
    assert_true(v == -1); /* untouched */
  }
  assert_true(length_points("50%", 7) == 7);
  assert_true(length_points(NULL, 7) == 7);
  assert_true(length_points("6pt", 7) == 6);
}

/* A comma-decimal locale changes nothing. */
static void test_locale(void **state) {
  (void)state;
  if (!test_use_comma_locale()) skip();
  expect_points("1.5in", 108);
  setlocale(LC_ALL, "C");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_units),
      cmocka_unit_test(test_locale),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
