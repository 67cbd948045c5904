/* Column widths: each rule of table_columns.h with hand-computed numbers. */
#include "testutil.h"

#include "layout/table_columns.h"

static double total(const double *w, guint n) {
  double s = 0;
  for (guint i = 0; i < n; i++) s += w[i];
  return s;
}

static void test_fixed_percent_and_share(void **state) {
  (void)state;
  ColumnRequest r[] = {{SPEC_COL_FIXED, 100, 10, 50, 0, 0}, {SPEC_COL_PERCENT, 0.25, 10, 50, 0, 0}, {SPEC_COL_SHARE, 1, 10, 50, 0, 0},
                       {SPEC_COL_SHARE, 3, 10, 50, 0, 0}};
  double w[4];
  table_columns_resolve(r, 4, 400, w);
  assert_float_equal(w[0], 100, 1e-9);
  assert_float_equal(w[1], 100, 1e-9);
  assert_float_equal(w[2], 50, 1e-9);  /* 200 left, 1:3 */
  assert_float_equal(w[3], 150, 1e-9);
}

static void test_auto_gets_max_and_slack(void **state) {
  (void)state;
  /* two autos that fit: each gets its max, then the slack in proportion */
  ColumnRequest r[] = {{SPEC_COL_AUTO, 0, 20, 100, 0, 0}, {SPEC_COL_AUTO, 0, 10, 50, 0, 0}};
  double w[2];
  table_columns_resolve(r, 2, 300, w);
  assert_float_equal(w[0], 200, 1e-9);
  assert_float_equal(w[1], 100, 1e-9);
}

static void test_auto_squeezed_between_min_and_max(void **state) {
  (void)state;
  ColumnRequest r[] = {{SPEC_COL_AUTO, 0, 20, 220, 0, 0}, {SPEC_COL_AUTO, 0, 20, 120, 0, 0}};
  double w[2];
  table_columns_resolve(r, 2, 140, w);
  /* slack 100 of 300 wanted: each gets min + 1/3 of (max - min) */
  assert_float_equal(w[0], 20 + 200.0 / 3, 1e-9);
  assert_float_equal(w[1], 20 + 100.0 / 3, 1e-9);
  assert_float_equal(total(w, 2), 140, 1e-9);
}

static void test_share_takes_what_auto_leaves(void **state) {
  (void)state;
  ColumnRequest r[] = {{SPEC_COL_SHARE, 1, 30, 400, 0, 0}, {SPEC_COL_AUTO, 0, 20, 40, 0, 0}, {SPEC_COL_AUTO, 0, 20, 60, 0, 0}};
  double w[3];
  table_columns_resolve(r, 3, 300, w);
  assert_float_equal(w[1], 40, 1e-9);
  assert_float_equal(w[2], 60, 1e-9);
  assert_float_equal(w[0], 200, 1e-9);
}

static void test_overfull_scaled_to_fit(void **state) {
  (void)state;
  ColumnRequest r[] = {{SPEC_COL_FIXED, 300, 0, 0, 0, 0}, {SPEC_COL_FIXED, 300, 0, 0, 0, 0}};
  double w[2];
  table_columns_resolve(r, 2, 400, w);
  assert_float_equal(w[0], 200, 1e-9);
  assert_float_equal(w[1], 200, 1e-9);
}

static void test_one_column_fills_table(void **state) {
  (void)state;
  ColumnRequest r[] = {{SPEC_COL_AUTO, 0, 5, 10, 0, 0}};
  double w[1];
  table_columns_resolve(r, 1, 250, w);
  assert_float_equal(w[0], 250, 1e-9);
}

/* Too wide: scaled down, but no column below its floor (its narrowest
 * piece of text) while others can give up room. */
static void test_scaled_down_to_floors(void **state) {
  (void)state;
  ColumnRequest r[] = {{SPEC_COL_AUTO, 0, 60, 60, 50, 0}, {SPEC_COL_AUTO, 0, 200, 400, 40, 0}};
  double w[2];
  table_columns_resolve(r, 2, 200, w);
  assert_true(w[0] >= 50 - 1e-9);
  assert_float_equal(w[0] + w[1], 200, 1e-9);
  /* floors that cannot all be had: every column in proportion */
  ColumnRequest q[] = {{SPEC_COL_AUTO, 0, 150, 150, 150, 0}, {SPEC_COL_AUTO, 0, 150, 150, 150, 0}};
  table_columns_resolve(q, 2, 200, w);
  assert_float_equal(w[0], 100, 1e-9);
  assert_float_equal(w[1], 100, 1e-9);
}

/* A scorecard: a 1* label column whose longest label needs 180 pt to
 * take two lines, beside auto figure columns whose headings want 80 pt
 * each but whose figures need only 40: the label takes its 180 from the
 * figures' room above their min, in proportion, and the figures keep
 * their min. */
static void test_share_takes_its_two_lines_from_autos(void **state) {
  (void)state;
  ColumnRequest r[] = {{SPEC_COL_SHARE, 1, 60, 400, 0, 180}, {SPEC_COL_AUTO, 0, 40, 80, 0, 0},
                       {SPEC_COL_AUTO, 0, 40, 80, 0, 0}, {SPEC_COL_AUTO, 0, 40, 80, 0, 0}};
  double w[4];
  table_columns_resolve(r, 4, 360, w);
  assert_float_equal(w[0], 180, 1e-9); /* 120 at the figures' max: 60 short */
  for (int i = 1; i < 4; i++) assert_float_equal(w[i], 60, 1e-9);
  /* a wish past TABLE_WANT_SHARE of the table is cut to it */
  r[0].want = 340;
  table_columns_resolve(r, 4, 360, w);
  assert_float_equal(w[0], TABLE_WANT_SHARE * 360, 1e-9);
  assert_float_equal(total(w, 4), 360, 1e-9);
  /* and the figures never go below their min for it */
  r[0].want = 200, r[1].min = r[2].min = r[3].min = 70;
  table_columns_resolve(r, 4, 360, w);
  assert_float_equal(w[0], 150, 1e-9);
  for (int i = 1; i < 4; i++) assert_float_equal(w[i], 70, 1e-9);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_fixed_percent_and_share),     cmocka_unit_test(test_auto_gets_max_and_slack),
      cmocka_unit_test(test_auto_squeezed_between_min_and_max), cmocka_unit_test(test_share_takes_what_auto_leaves),
      cmocka_unit_test(test_overfull_scaled_to_fit),      cmocka_unit_test(test_one_column_fills_table), cmocka_unit_test(test_scaled_down_to_floors),
      cmocka_unit_test(test_share_takes_its_two_lines_from_autos),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
