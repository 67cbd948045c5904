/* measures: computation by kind and basis with hand-computed expectations,
 * the seed's published figures round-tripping, the Anytown sample against
 * sums taken here independently, and locale independence. */
#include "testutil.h"

#include <locale.h>
#include <stdlib.h>

#include "measures/measures.h"

static const char *calc_catalogue =
    "<?xml version=\"1.0\"?>\n<catalogue authority=\"Test\">\n<group name=\"G\">\n"
    "<measure ref=\"P\" kind=\"percentage\" basis=\"monthly\" polarity=\"BB\" tolerance=\"1\"><title>p</title>"
    "<standard min=\"80\"/></measure>\n"
    "<measure ref=\"R12\" kind=\"percentage\" basis=\"rolling-12\" polarity=\"SB\"><title>r</title></measure>\n"
    "<measure ref=\"Y\" kind=\"count\" basis=\"ytd\"><title>y</title></measure>\n"
    "<measure ref=\"YC\" kind=\"count\" basis=\"ytd\" year-start=\"1\"><title>yc</title></measure>\n"
    "<measure ref=\"RT\" kind=\"rate\" basis=\"monthly\" per=\"10000\" population=\"POP\"><title>rt</title></measure>\n"
    "<measure ref=\"RT12\" kind=\"rate\" basis=\"rolling-12\" per=\"10000\" population=\"POP\"><title>rt12</title></measure>\n"
    "<measure ref=\"POP\" kind=\"count\" basis=\"annual\"><title>pop</title></measure>\n"
    "<measure ref=\"AVL\" kind=\"average\" basis=\"rolling-12\" denominator-window=\"last\"><title>a</title></measure>\n"
    "<measure ref=\"AVF\" kind=\"percentage\" basis=\"rolling-12\" denominator-window=\"first\"><title>f</title></measure>\n"
    "<measure ref=\"C\" kind=\"count\" basis=\"snapshot\"><title>c</title></measure>\n"
    "<measure ref=\"S\" kind=\"percentage\" basis=\"monthly\" polarity=\"SB\" tolerance=\"0.5\"><title>s</title></measure>\n"
    "<measure ref=\"T\" kind=\"percentage\" basis=\"annual\" polarity=\"SB\"><title>t</title></measure>\n"
    "</group>\n</catalogue>\n";

static char *calc_data(void) {
  GString *s = g_string_new("ref,period,series,numerator,denominator,value,text\n");
  g_string_append(s, "P,2013-01,,2,3,,\nP,2013-02,,7995,10000,,\nP,2013-03,,7994,10000,,\nP,2013-04,,82,100,,\n"
                     "P,2013-05,,80,100,,\n");
  /* 11 months at 100% and one at 0% of 99: 11/110 = 10.0%, though the mean
   * of the monthly percentages is 91.7%. */
  for (int i = 0; i < 12; i++) {
    int y = i < 9 ? 2012 : 2013, m = i < 9 ? i + 4 : i - 8;
    g_string_append_printf(s, "R12,%04d-%02d,,%d,%d,,\n", y, m, i == 11 ? 0 : 1, i == 11 ? 99 : 1);
    g_string_append_printf(s, "RT12,%04d-%02d,,10,,,\n", y, m);
    g_string_append_printf(s, "AVL,%04d-%02d,,10,%d,,\n", y, m, i == 11 ? 24 : 20);
    g_string_append_printf(s, "AVF,%04d-%02d,,1,%d,,\n", y, m, i == 0 ? 40 : 50);
  }
  g_string_append(s, "R12,2013-04,,5,10,,\n");
  g_string_append(s, "Y,2013-01,,1,,,\nY,2013-02,,2,,,\nY,2013-03,,3,,,\nY,2013-04,,11,,,\nY,2013-05,,13,,,\n");
  g_string_append(s, "YC,2012-12,,4,,,\nYC,2013-01,,6,,,\nYC,2013-02,,8,,,\n");
  g_string_append(s, "POP,2012/13,,60000,,,\nPOP,2013/14,,50000,,,\n");
  g_string_append(s, "RT,2013-03,,30,,,\nRT,2013-04,,30,,,\n");
  g_string_append(s, "C,2013-03,,12345,,,\nC,2013-Q2,,12400,,,\n"); /* a stock counted for a quarter: at its end */
  g_string_append(s, "S,2013-01,,10,100,,\nS,2013-02,,104,1000,,\nS,2013-03,,9,100,,\n");
  g_string_append(s, "T,2011/12,,,,,n/a\nT,2012/13,,,,5.54,\nT,2013/14,,,,,published June 2014\n"
                     "T,2012/13,England,,,16.0,\nT,2010/11,,,,87,\n");
  return g_string_free(s, FALSE);
}

static int setup_calc(void **state) {
  char *dir = test_scratch_dir("measures");
  char *cat = test_write_file(dir, "calc.xml", calc_catalogue);
  char *text = calc_data();
  char *data = test_write_file(dir, "calc.csv", text);
  DiagList *d = diag_list_new();
  Measures *ms = measures_load(cat, data, d);
  diag_print(d, stderr);
  assert_int_equal(diag_count(d), 0);
  *state = ms;
  diag_list_free(d);
  g_free(dir), g_free(cat), g_free(text), g_free(data);
  return ms ? 0 : -1;
}

static int teardown(void **state) {
  measures_free(*state);
  return 0;
}

typedef struct {
  const char *ref, *series, *period, *display;
  MeasureBand band;
  MeasureDirection direction;
} Expect;

static void check(const Measures *ms, const Expect *e) {
  MeasureResult r;
  MeasureStatus st = measures_get(ms, e->ref, e->series, e->period, &r);
  if (st != MEASURE_OK) fail_msg("%s %s: %s", e->ref, e->period, r.why);
  if (strcmp(r.display, e->display) != 0) fail_msg("%s %s: got %s, want %s", e->ref, e->period, r.display, e->display);
  if (r.band != e->band) fail_msg("%s %s: band %d, want %d", e->ref, e->period, r.band, e->band);
  if (r.direction != e->direction) fail_msg("%s %s: direction %d, want %d", e->ref, e->period, r.direction, e->direction);
  measure_result_clear(&r);
}

static void test_kinds_bases_bands_directions(void **state) {
  const Measures *ms = *state;
  const Expect cases[] = {
      {"P", NULL, "2013-01", "66.7", BAND_NOT_MET, DIRECTION_NONE},      /* 2/3, no previous month */
      {"P", NULL, "2013-02", "80.0", BAND_ACHIEVED, DIRECTION_IMPROVED}, /* 79.95 shows as 80.0: achieved */
      {"P", NULL, "2013-03", "79.9", BAND_NOT_MET, DIRECTION_MAINTAINED}, /* -0.1 within tolerance 1 */
      {"P", NULL, "2013-04", "82.0", BAND_ACHIEVED, DIRECTION_IMPROVED},  /* +2.1 */
      {"P", NULL, "2013-05", "80.0", BAND_ACHIEVED, DIRECTION_DETERIORATED},
      {"R12", NULL, "2013-03", "10.0", BAND_NONE, DIRECTION_NONE},      /* sum/sum, not mean of % */
      {"R12", NULL, "2012/13", "10.0", BAND_NONE, DIRECTION_NONE},      /* the same 12 months */
      {"R12", NULL, "2013-04", "12.6", BAND_NONE, DIRECTION_DETERIORATED}, /* 15/119, SB and rising */
      {"Y", NULL, "2013-04", "11", BAND_NONE, DIRECTION_NONE},          /* a new financial year */
      {"Y", NULL, "2013-05", "24", BAND_NONE, DIRECTION_NONE},
      {"YC", NULL, "2013-01", "6", BAND_NONE, DIRECTION_NONE},          /* a new calendar year */
      {"YC", NULL, "2013-02", "14", BAND_NONE, DIRECTION_NONE},
      {"RT", NULL, "2013-03", "5.0", BAND_NONE, DIRECTION_NONE},        /* 30 * 10,000 / 60,000 */
      {"RT", NULL, "2013-04", "6.0", BAND_NONE, DIRECTION_NONE},        /* next year's population */
      {"RT12", NULL, "2013-03", "20.0", BAND_NONE, DIRECTION_NONE},     /* 120 * 10,000 / 60,000 */
      {"AVL", NULL, "2013-03", "5.0", BAND_NONE, DIRECTION_NONE},       /* 120 days / 24 workers at the end */
      {"AVF", NULL, "2013-03", "30.0", BAND_NONE, DIRECTION_NONE},      /* 12 leavers / 40 at the start */
      {"C", NULL, "2013-03", "12,345", BAND_NONE, DIRECTION_NONE},
      {"C", NULL, "2012/13", "12,345", BAND_NONE, DIRECTION_NONE},      /* snapshot at the year end */
      {"C", NULL, "2013-Q2", "12,400", BAND_NONE, DIRECTION_NONE},      /* a quarter's row is its end's */
      {"C", NULL, "2013-06", "12,400", BAND_NONE, DIRECTION_NONE},
      {"S", NULL, "2013-02", "10.4", BAND_NONE, DIRECTION_MAINTAINED},  /* +0.4 within 0.5 */
      {"S", NULL, "2013-03", "9.0", BAND_NONE, DIRECTION_IMPROVED},     /* SB and falling */
      {"T", NULL, "2012/13", "5.54", BAND_NONE, DIRECTION_NONE},        /* previous is text */
      {"T", NULL, "2010/11", "87", BAND_NONE, DIRECTION_NONE},
      {"T", NULL, "2013/14", "published June 2014", BAND_NONE, DIRECTION_NONE},
      {"T", NULL, "2011/12", "n/a", BAND_NONE, DIRECTION_NONE},
      {"T", "England", "2012/13", "16.0", BAND_NONE, DIRECTION_NONE},
      {"t", "", "2012/13", "5.54", BAND_NONE, DIRECTION_NONE},          /* refs ignore case */
  };
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) check(ms, &cases[i]);
}

static void test_exact_values_and_flags(void **state) {
  const Measures *ms = *state;
  MeasureResult r;
  assert_int_equal(measures_get(ms, "R12", NULL, "2013-04", &r), MEASURE_OK);
  assert_int_equal(r.value.num, 1500); /* exactly 1500/119 percent */
  assert_int_equal(r.value.den, 119);
  assert_false(r.published);
  assert_string_equal(r.unit, "%");
  assert_int_equal(r.window.start, period_index(2012, 5));
  assert_int_equal(r.window.months, 12);
  measure_result_clear(&r);
  assert_int_equal(measures_get(ms, "T", NULL, "2013/14", &r), MEASURE_OK);
  assert_true(r.is_text && r.published);
  measure_result_clear(&r);
  assert_int_equal(measures_get(ms, "T", NULL, "2012/13", &r), MEASURE_OK);
  assert_int_equal(r.decimals, 2);
  measure_result_clear(&r);
}

static void test_missing_and_incomplete(void **state) {
  const Measures *ms = *state;
  MeasureResult r;
  assert_int_equal(measures_get(ms, "Y", NULL, "2013-03", &r), MEASURE_INCOMPLETE);
  assert_non_null(strstr(r.why, "2012-04")); /* the year started in April 2012 */
  assert_null(r.display);
  measure_result_clear(&r);
  assert_int_equal(measures_get(ms, "YC", NULL, "2012-12", &r), MEASURE_INCOMPLETE);
  measure_result_clear(&r);
  assert_int_equal(measures_get(ms, "R12", NULL, "2013-02", &r), MEASURE_INCOMPLETE);
  measure_result_clear(&r);
  assert_int_equal(measures_get(ms, "P", NULL, "2014-01", &r), MEASURE_NO_DATA);
  measure_result_clear(&r);
  assert_int_equal(measures_get(ms, "P", "England", "2013-01", &r), MEASURE_NO_DATA);
  measure_result_clear(&r);
  assert_int_equal(measures_get(ms, "PP", NULL, "2013-01", &r), MEASURE_UNKNOWN_REF);
  assert_non_null(strstr(r.why, "did you mean \"P\""));
  measure_result_clear(&r);
  assert_int_equal(measures_get(ms, "P", NULL, "Jan-13", &r), MEASURE_BAD_PERIOD);
  measure_result_clear(&r);
}

static void test_between_and_series(void **state) {
  const Measures *ms = *state;
  MeasureResult a, b;
  measures_get(ms, "P", NULL, "2013-01", &a);
  measures_get(ms, "P", NULL, "2013-04", &b);
  assert_int_equal(measures_direction_between(&a, &b), DIRECTION_IMPROVED);
  char *c = measures_change_display(&a, &b);
  assert_string_equal(c, "+15.3");
  g_free(c);
  c = measures_change_display(&b, &a);
  assert_string_equal(c, "-15.3");
  g_free(c);
  measure_result_clear(&a), measure_result_clear(&b);

  const char *periods[] = {"2013-01", "2013-02", "2013-06", "bad"};
  MeasurePoint pts[4];
  measures_series(ms, "P", NULL, periods, 4, pts);
  assert_true(pts[0].present && pts[1].present);
  assert_false(pts[2].present || pts[3].present);
  assert_true(pts[0].value > 66.66 && pts[0].value < 66.67);

  const Measure *t = measures_lookup(ms, "T");
  assert_int_equal(measures_series_count(ms, t), 2);
  assert_string_equal(measures_series_name(ms, t, 0), "");
  assert_string_equal(measures_series_name(ms, t, 1), "England");
  GArray *ps = measures_periods(ms, measures_lookup(ms, "R12"), NULL);
  assert_int_equal(ps->len, 2); /* only 2013-03 and 2013-04 have a full window */
  g_array_unref(ps);
}

static void test_catalogue_iteration_and_names(void **state) {
  const Measures *ms = *state;
  assert_int_equal(measures_count(ms), 12);
  assert_string_equal(measures_nth(ms, 0)->ref, "P");
  assert_string_equal(measures_nth(ms, 0)->group, "G");
  char *n = measures_period_name("2012-11", PERIOD_NAME_LONG);
  assert_string_equal(n, "November 2012");
  g_free(n);
  n = measures_period_name("2012-11", PERIOD_NAME_SHORT);
  assert_string_equal(n, "Nov-12");
  g_free(n);
  n = measures_period_name("2012/13", PERIOD_NAME_LONG);
  assert_string_equal(n, "2012/13");
  g_free(n);
  assert_null(measures_period_name("November", PERIOD_NAME_LONG));
  assert_string_equal(measure_band_symbol(BAND_ACHIEVED), "\xe2\x98\x85");
  assert_string_equal(measure_band_symbol(BAND_NOT_MET), "\xe2\x96\xb2");
  assert_string_equal(measure_direction_symbol(DIRECTION_IMPROVED), "\xe2\x86\x97");
  assert_string_equal(measure_direction_symbol(DIRECTION_MAINTAINED), "\xe2\x86\x94");
  assert_string_equal(measure_direction_symbol(DIRECTION_DETERIORATED), "\xe2\x86\x98");
}

/* ---- the seed ------------------------------------------------------------- */

#define W_CAT "samples/walsall-2013-09/catalogue.xml"
#define W_DATA "samples/walsall-2013-09/data.csv"

static Measures *load_clean(const char *cat, const char *data) {
  DiagList *d = diag_list_new();
  Measures *ms = measures_load(cat, data, d);
  diag_print(d, stderr);
  assert_int_equal(diag_count(d), 0); /* no errors, no warnings */
  diag_list_free(d);
  assert_non_null(ms);
  return ms;
}

/* Every published cell of the Walsall data comes back exactly as written. */
static void test_seed_round_trip(void **state) {
  (void)state;
  Measures *ms = load_clean(W_CAT, W_DATA);
  DiagList *d = diag_list_new();
  CsvTable *t = csv_load(W_DATA, d);
  assert_non_null(t);
  guint checked = 0;
  for (guint i = 1; i < csv_count(t); i++) {
    const CsvRecord *rec = csv_record(t, i);
    const char *value = csv_field(rec, 5)->text, *text = csv_field(rec, 6)->text;
    const char *want = *value ? value : text;
    if (!*want) continue;
    MeasureResult r;
    MeasureStatus st = measures_get(ms, csv_field(rec, 0)->text, csv_field(rec, 2)->text, csv_field(rec, 1)->text, &r);
    if (st != MEASURE_OK) fail_msg("line %d: %s", rec->line, r.why);
    if (strcmp(r.display, want) != 0) fail_msg("line %d: shows %s, published %s", rec->line, r.display, want);
    assert_int_equal(r.line, rec->line);
    measure_result_clear(&r);
    checked++;
  }
  assert_true(checked > 100);
  csv_free(t);
  diag_list_free(d);
  measures_free(ms);
}

static void test_seed_figures(void **state) {
  (void)state;
  Measures *ms = load_clean(W_CAT, W_DATA);
  MeasureResult r;
  /* "In November 2012, 21.6% ..., in Dec there were 50.5% and in April 13 85.4%" */
  measures_get(ms, "RA6", NULL, "2012-12", &r);
  assert_string_equal(r.display, "50.5");
  assert_int_equal(r.direction, DIRECTION_IMPROVED);
  measure_result_clear(&r);
  /* CCC b fell from 16.3 to 5.54, smaller is better: improved. */
  measures_get(ms, "CCC b", NULL, "2013-03", &r);
  assert_int_equal(r.direction, DIRECTION_IMPROVED);
  measure_result_clear(&r);
  measures_get(ms, "CCC a", NULL, "2013-03", &r);
  assert_int_equal(r.direction, DIRECTION_DETERIORATED);
  measure_result_clear(&r);
  /* Published bands: IA ▲, CA ★, CPP reviews ★. */
  measures_get(ms, "RA4", NULL, "2013-06", &r);
  assert_int_equal(r.band, BAND_NOT_MET);
  measure_result_clear(&r);
  measures_get(ms, "QEP 25", NULL, "2013-06", &r);
  assert_int_equal(r.band, BAND_ACHIEVED);
  measure_result_clear(&r);
  /* Repeat CPPs within the seed's "10-15% is considered as ideal". */
  measures_get(ms, "CCC c", NULL, "2013-03", &r);
  assert_int_equal(r.band, BAND_ACHIEVED);
  measure_result_clear(&r);
  /* Stage 1 complaints: 25 in April and 22 in May give 47 to date; the
   * published YTD June 13 figure 54 is 25 + 22 + 7. */
  measures_get(ms, "COM 1", NULL, "2013-05", &r);
  assert_string_equal(r.display, "47");
  assert_false(r.published);
  measure_result_clear(&r);
  measures_get_raw(ms, measures_lookup(ms, "COM 1"), NULL, (Period){PERIOD_MONTH, period_index(2013, 6), 1}, &r);
  assert_string_equal(r.display, "54");
  measure_result_clear(&r);
  /* "61 per month for April and May 2013" is the mean of 77 and 45. */
  measures_get(ms, "EH1", NULL, "2013-04..2013-05", &r);
  assert_int_equal(r.value.num, 122);
  measure_result_clear(&r);
  measures_get(ms, "EH-AVG", NULL, "2013-04..2013-05", &r);
  assert_string_equal(r.display, "61");
  measure_result_clear(&r);
  /* The staffing table's 80.5 is the July example's "81%". */
  measures_get(ms, "WF-SUP", NULL, "2012/13", &r);
  char *whole = measure_result_display(&r, 0);
  assert_string_equal(whole, "81");
  g_free(whole);
  measure_result_clear(&r);
  /* The agency shares of 2012/13 referrals add up to 100.0. */
  const Measure *share = measures_lookup(ms, "RA-AGY-REF");
  Ratio total = ratio_int(0);
  for (guint i = 0; i < measures_series_count(ms, share); i++) {
    measures_get(ms, "RA-AGY-REF", measures_series_name(ms, share, i), "2012/13", &r);
    if (!r.is_text) assert_true(ratio_add(total, r.value, &total));
    measure_result_clear(&r);
  }
  assert_int_equal(ratio_cmp(total, ratio_int(100)), 0);
  /* The caseload footnote travels with the value. */
  measures_get(ms, "CCC 6", NULL, "2013-06", &r);
  assert_non_null(strstr(r.note, "(107)"));
  measure_result_clear(&r);
  measures_free(ms);
}

/* ---- Anytown: the engine against sums taken here from the rows ------------ */

typedef struct {
  gint64 num, den, last_den, first_den;
} Sums;

static Sums sum_rows(const Measures *ms, const char *ref, int first, int last) {
  Sums s = {0};
  const GPtrArray *rows = mdata_rows_for(measures_data(ms), measures_lookup(ms, ref), "");
  for (guint i = 0; i < rows->len; i++) {
    const DataRow *r = g_ptr_array_index(rows, i);
    if (r->period.kind != PERIOD_MONTH || r->period.start < first || r->period.start > last) continue;
    s.num += r->num, s.den += r->den;
    if (r->period.start == last) s.last_den = r->den;
    if (r->period.start == first) s.first_den = r->den;
  }
  return s;
}

static void expect_ratio(const Measures *ms, const char *ref, const char *period, gint64 num, gint64 den) {
  Ratio want;
  assert_true(ratio_make(num, den, &want));
  MeasureResult r;
  assert_int_equal(measures_get(ms, ref, NULL, period, &r), MEASURE_OK);
  if (ratio_cmp(r.value, want) != 0)
    fail_msg("%s %s: %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT " != %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, ref,
             period, r.value.num, r.value.den, want.num, want.den);
  measure_result_clear(&r);
}

static void test_anytown(void **state) {
  (void)state;
  Measures *ms = load_clean("samples/anytown/catalogue.xml", "samples/anytown/data.csv");
  int a13 = period_index(2013, 4), m14 = period_index(2014, 3);
  Sums s = sum_rows(ms, "AT-RA3", a13, m14);
  assert_true(s.den > 0);
  expect_ratio(ms, "AT-RA3", "2014-03", 100 * s.num, s.den); /* rolling 12 = sum/sum */
  expect_ratio(ms, "AT-RA3", "2013/14", 100 * s.num, s.den);
  s = sum_rows(ms, "AT-RA2", a13, m14);
  expect_ratio(ms, "AT-RA2", "2014-03", 10000 * s.num, 48630);
  s = sum_rows(ms, "AT-WF2", a13, m14);
  expect_ratio(ms, "AT-WF2", "2014-03", s.num, s.last_den);
  s = sum_rows(ms, "AT-WF3", a13, m14);
  expect_ratio(ms, "AT-WF3", "2014-03", 100 * s.num, s.first_den);
  s = sum_rows(ms, "AT-CP3", a13, period_index(2013, 9));
  expect_ratio(ms, "AT-CP3", "2013-09", 100 * s.num, s.den); /* ytd from April */
  expect_ratio(ms, "AT-CP3", "2013/14-Q2", 100 * s.num, s.den);
  s = sum_rows(ms, "AT-CP2", a13, period_index(2013, 6));
  expect_ratio(ms, "AT-CP2", "2013-06", s.num, 1);
  s = sum_rows(ms, "AT-RA4", a13, m14);
  expect_ratio(ms, "AT-RA4", "2013/14", 100 * s.num, s.den); /* monthly basis over a year */
  measures_free(ms);
}

/* ---- locale --------------------------------------------------------------- */

/* A French locale writes 85,4; boardpack must still write 85.4. */
static gboolean french_locale(void) { return test_use_comma_locale(); }

static void test_locale_independent(void **state) {
  (void)state;
  if (!french_locale()) {
    /* Still run: the checks then prove the C locale path only. */
    fprintf(stderr, "note: no fr_FR.UTF-8 locale available\n");
  } else {
    char buf[16];
    snprintf(buf, sizeof buf, "%.1f", 85.4);
    assert_string_equal(buf, "85,4"); /* the locale is really in force */
  }
  Ratio r;
  assert_true(ratio_parse("1,234.5", &r, NULL));
  char *t = ratio_format(r, 1, TRUE);
  assert_string_equal(t, "1,234.5");
  g_free(t);
  Measures *ms = load_clean(W_CAT, W_DATA);
  MeasureResult res;
  measures_get(ms, "RA6", NULL, "2013-04", &res);
  assert_string_equal(res.display, "85.4");
  measure_result_clear(&res);
  measures_free(ms);
  char *n = measures_period_name("2012-11", PERIOD_NAME_LONG);
  assert_string_equal(n, "November 2012"); /* not "novembre 2012" */
  g_free(n);
  setlocale(LC_ALL, "C");
}

/* ---- the memo (measures_load_memo) ---------------------------------------- */

static const char *memo_catalogue =
    "<?xml version=\"1.0\"?>\n<catalogue authority=\"Test\">\n<group name=\"G\">\n"
    "<measure ref=\"P\" kind=\"percentage\" basis=\"monthly\" max-change=\"10\"><title>p</title></measure>\n"
    "</group>\n</catalogue>\n";
/* a jump of 40 points: lint warns, so there is something to say again */
static const char *memo_data = "ref,period,numerator,denominator\nP,2013-01,10,100\nP,2013-02,50,100\n";

static char *display_of(const Measures *ms, const char *period) {
  MeasureResult r;
  measures_get(ms, "P", NULL, period, &r);
  char *d = g_strdup(r.display);
  measure_result_clear(&r);
  return d;
}

static void assert_display(const Measures *ms, const char *period, const char *want) {
  char *got = display_of(ms, period);
  assert_string_equal(got, want);
  g_free(got);
}

/* The same files, byte for byte: one load, shared, its warning said for
 * each report; the Measures outlive the memo and each other. */
static void test_memo_shares_same_files(void **state) {
  (void)state;
  char *dir = test_scratch_dir("measures-memo-same");
  char *cat = test_write_file(dir, "c.xml", memo_catalogue), *data = test_write_file(dir, "d.csv", memo_data);
  MeasuresMemo *memo = measures_memo_new();
  DiagList *d1 = diag_list_new(), *d2 = diag_list_new();
  Measures *a = measures_load_memo(memo, cat, data, d1);
  Measures *b = measures_load_memo(memo, cat, data, d2);
  assert_non_null(a), assert_non_null(b);
  assert_ptr_equal(measures_catalogue(a), measures_catalogue(b)); /* shared, not loaded again */
  assert_ptr_equal(measures_data(a), measures_data(b));
  assert_int_equal(diag_count(d1), 1);
  assert_int_equal(d1->warnings, 1);
  assert_non_null(diag_find(d1, "max-change"));
  assert_int_equal(diag_count(d2), diag_count(d1)); /* said again, in the same words at the same place */
  char *said1 = diag_format(diag_get(d1, 0)), *said2 = diag_format(diag_get(d2, 0));
  assert_string_equal(said2, said1);
  g_free(said1), g_free(said2);
  measures_memo_free(memo); /* the set lives on in a and b */
  measures_free(a);
  assert_display(b, "2013-02", "50.0");
  measures_free(b);
  /* without a memo: a load of its own */
  DiagList *d3 = diag_list_new();
  Measures *c = measures_load_memo(NULL, cat, data, d3);
  assert_int_equal(diag_count(d3), 1);
  assert_display(c, "2013-01", "10.0");
  measures_free(c);
  diag_list_free(d1), diag_list_free(d2), diag_list_free(d3);
  g_free(dir), g_free(cat), g_free(data);
}

/* A file edited between two reports (same path, other bytes) is loaded
 * again; so is the first set once another was loaded in between (the
 * memo keeps one). A failed load is not kept. */
static void test_memo_reloads_changed_files(void **state) {
  (void)state;
  char *dir = test_scratch_dir("measures-memo-changed");
  char *cat = test_write_file(dir, "c.xml", memo_catalogue), *data = test_write_file(dir, "d.csv", memo_data);
  char *other = test_write_file(dir, "e.csv", "ref,period,numerator,denominator\nP,2013-01,1,4\n");
  MeasuresMemo *memo = measures_memo_new();
  DiagList *d = diag_list_new();
  Measures *a = measures_load_memo(memo, cat, data, d);
  assert_display(a, "2013-02", "50.0");
  g_free(test_write_file(dir, "d.csv", "ref,period,numerator,denominator\nP,2013-01,10,100\nP,2013-02,15,100\n"));
  Measures *b = measures_load_memo(memo, cat, data, d);
  assert_true(measures_data(b) != measures_data(a));
  assert_display(b, "2013-02", "15.0"); /* not the stale 50.0 */
  assert_display(a, "2013-02", "50.0"); /* a's set is still a's */
  assert_int_equal(d->warnings, 1);     /* the edit took the jump away: no warning the second time */
  Measures *c = measures_load_memo(memo, cat, other, d);
  Measures *b2 = measures_load_memo(memo, cat, data, d);
  assert_true(measures_data(b2) != measures_data(b)); /* the memo held e.csv's in between */
  assert_display(c, "2013-01", "25.0");
  assert_display(b2, "2013-02", "15.0");
  /* the catalogue edited: reloaded too */
  char *cat_text = g_strdup(memo_catalogue);
  memcpy(strstr(cat_text, "<title>p<"), "<title>q<", 9);
  g_free(test_write_file(dir, "c.xml", cat_text));
  Measures *b3 = measures_load_memo(memo, cat, data, d);
  assert_true(measures_catalogue(b3) != measures_catalogue(b2));
  assert_string_equal(measures_lookup(b3, "P")->title, "q");
  /* a broken data file: NULL with its error each time, nothing kept */
  g_free(test_write_file(dir, "d.csv", "period\n2013-01\n"));
  guint errors = d->errors;
  assert_null(measures_load_memo(memo, cat, data, d));
  assert_null(measures_load_memo(memo, cat, data, d));
  assert_int_equal(d->errors, errors + 2);
  measures_free(a), measures_free(b), measures_free(c), measures_free(b2), measures_free(b3);
  measures_memo_free(memo);
  diag_list_free(d);
  g_free(cat_text), g_free(dir), g_free(cat), g_free(data), g_free(other);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_kinds_bases_bands_directions, setup_calc, teardown),
      cmocka_unit_test_setup_teardown(test_exact_values_and_flags, setup_calc, teardown),
      cmocka_unit_test_setup_teardown(test_missing_and_incomplete, setup_calc, teardown),
      cmocka_unit_test_setup_teardown(test_between_and_series, setup_calc, teardown),
      cmocka_unit_test_setup_teardown(test_catalogue_iteration_and_names, setup_calc, teardown),
      cmocka_unit_test(test_seed_round_trip),
      cmocka_unit_test(test_seed_figures),
      cmocka_unit_test(test_anytown),
      cmocka_unit_test(test_locale_independent),
      cmocka_unit_test(test_memo_shares_same_files),
      cmocka_unit_test(test_memo_reloads_changed_files),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
