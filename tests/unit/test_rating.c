/* rating: schemes with polarity and tolerance, profiled targets, the words,
 * the exception rules over a history, and ratings through the measures
 * engine from a catalogue with targets. */
#include "testutil.h"

#include <math.h>

#include "measures/measures.h"
#include "measures/rating.h"

static Ratio num(const char *t) {
  Ratio r;
  assert_true(ratio_parse(t, &r, NULL));
  return r;
}

static RatingTarget target(const char *value, const char *tolerance) {
  RatingTarget t = {0};
  t.value = num(value);
  t.tolerance = num(tolerance);
  return t;
}

static RatingRule rag_rule(int polarity, const RatingTarget *targets, guint n) {
  RatingRule r = {0};
  r.scheme = RATING_SCHEME_RAG;
  r.polarity = polarity;
  r.year_start = 4;
  r.decimals = 1;
  r.targets = targets;
  r.n_targets = n;
  return r;
}

static int month(int y, int m) { return period_index(y, m); }

static RatingLevel level(const RatingRule *rule, const char *value, int end) {
  return rating_judge(rule, TRUE, num(value), 1, end, FALSE, RATING_NO_TARGET).level;
}

static void test_rag_bigger_is_better(void **state) {
  (void)state;
  RatingTarget t = target("85", "5");
  RatingRule rule = rag_rule(1, &t, 1);
  int m = month(2024, 6);
  assert_int_equal(level(&rule, "85", m), RATING_GREEN);
  assert_int_equal(level(&rule, "92.3", m), RATING_GREEN);
  assert_int_equal(level(&rule, "84.9", m), RATING_AMBER);
  assert_int_equal(level(&rule, "80", m), RATING_AMBER); /* exactly the tolerance short */
  assert_int_equal(level(&rule, "79.9", m), RATING_RED);
  /* rounded as displayed: 84.96 shows as 85.0, which meets 85 */
  assert_int_equal(level(&rule, "84.96", m), RATING_GREEN);
}

static void test_rag_smaller_is_better(void **state) {
  (void)state;
  RatingTarget t = target("30", "2");
  RatingRule rule = rag_rule(2, &t, 1);
  int m = month(2024, 6);
  assert_int_equal(level(&rule, "30", m), RATING_GREEN);
  assert_int_equal(level(&rule, "12", m), RATING_GREEN);
  assert_int_equal(level(&rule, "31.5", m), RATING_AMBER);
  assert_int_equal(level(&rule, "32", m), RATING_AMBER);
  assert_int_equal(level(&rule, "32.1", m), RATING_RED);
}

static void test_no_tolerance_has_no_amber(void **state) {
  (void)state;
  RatingTarget t = target("85", "0");
  RatingRule rule = rag_rule(1, &t, 1);
  assert_int_equal(level(&rule, "84.9", month(2024, 6)), RATING_RED);
}

static void test_statuses_outside_the_scale(void **state) {
  (void)state;
  RatingRule none = rag_rule(1, NULL, 0);
  assert_int_equal(level(&none, "50", month(2024, 6)), RATING_NO_TARGET);
  RatingTarget t = target("85", "5");
  RatingRule rule = rag_rule(1, &t, 1);
  Rating r = rating_judge(&rule, FALSE, ratio_int(0), 1, month(2024, 6), FALSE, RATING_NO_TARGET);
  assert_int_equal(r.level, RATING_NOT_AVAILABLE);
  assert_false(rating_is_rated(r.level));
  r = rating_judge(&rule, TRUE, num("70"), 1, month(2024, 6), TRUE, RATING_NO_TARGET);
  assert_int_equal(r.level, RATING_RED);
  assert_true(r.provisional);
  char *w = rating_words(&r, "%", 1, FALSE);
  assert_string_equal(w, "red: misses the 85% target by more than 5% (provisional)");
  g_free(w);
  /* a short unit with both figures ("minutes"); a rate's long one once */
  w = rating_words(&r, "minutes", 1, FALSE);
  assert_string_equal(w, "red: misses the target of 85 minutes by more than 5 minutes (provisional)");
  g_free(w);
  w = rating_words(&r, "per 10,000 population", 1, FALSE);
  assert_string_equal(w, "red: misses the target of 85 per 10,000 population by more than 5 (provisional)");
  g_free(w);
}

static void test_targets_per_period_shortest_wins(void **state) {
  (void)state;
  RatingTarget t[3] = {target("80", "5"), target("85", "5"), target("90", "2")};
  assert_true(period_parse("2024/25", &t[1].period, NULL));
  t[1].has_period = TRUE;
  assert_true(period_parse("2024/25-Q3", &t[2].period, NULL));
  t[2].has_period = TRUE;
  RatingRule rule = rag_rule(1, t, 3);
  Ratio v, tol, annual;
  gboolean profiled;
  assert_true(rating_target_for(&rule, month(2023, 6), &v, &tol, &profiled, &annual));
  assert_int_equal(ratio_cmp(v, num("80")), 0); /* no period: every other period */
  assert_true(rating_target_for(&rule, month(2024, 5), &v, &tol, &profiled, &annual));
  assert_int_equal(ratio_cmp(v, num("85")), 0);
  assert_true(rating_target_for(&rule, period_end(t[2].period), &v, &tol, &profiled, &annual));
  assert_int_equal(ratio_cmp(v, num("90")), 0);
}

/* A year-to-date count: 1,200 for the year, April start, straight line. */
static void test_profiled_straight_line(void **state) {
  (void)state;
  RatingTarget t = target("1200", "50");
  RatingRule rule = rag_rule(1, &t, 1);
  rule.cumulative = TRUE;
  rule.decimals = 0;
  Ratio v, tol, annual;
  gboolean profiled;
  assert_true(rating_target_for(&rule, month(2024, 9), &v, &tol, &profiled, &annual)); /* month 6 of the year */
  assert_true(profiled);
  assert_int_equal(ratio_cmp(v, num("600")), 0);
  assert_int_equal(ratio_cmp(annual, num("1200")), 0);
  Rating r = rating_judge(&rule, TRUE, num("560"), 0, month(2024, 9), FALSE, RATING_NO_TARGET);
  assert_int_equal(r.level, RATING_AMBER); /* 40 short of 600, not 640 short of 1,200 */
  char *w = rating_words(&r, "", 0, FALSE);
  assert_string_equal(w, "amber: within 50 of the year-to-date target of 600 (1,200 for the year)");
  g_free(w);
  w = rating_words(&r, "", 0, TRUE);
  assert_string_equal(w, "ambr: o fewn 50 i'r targed hyd yma eleni o 600 (1,200 am y flwyddyn)");
  g_free(w);
  assert_int_equal(rating_judge(&rule, TRUE, num("1000"), 0, month(2025, 2), FALSE, RATING_NO_TARGET).level,
                   RATING_RED); /* month 11: 1,100 due */
  t.profile = PROFILE_FLAT;
  assert_true(rating_target_for(&rule, month(2024, 9), &v, &tol, &profiled, &annual));
  assert_false(profiled);
  assert_int_equal(ratio_cmp(v, num("1200")), 0);
}

/* A given quarterly profile: 10, 40, 70, 100 %; months between quarter
 * ends by straight line. */
static void test_profiled_given_quarters(void **state) {
  (void)state;
  RatingTarget t = target("1000", "0");
  t.profile = PROFILE_GIVEN;
  t.n_profile = 4;
  const char *pct[] = {"10", "40", "70", "100"};
  for (int i = 0; i < 4; i++) t.profile_pct[i] = num(pct[i]);
  RatingRule rule = rag_rule(2, &t, 1);
  rule.cumulative = TRUE;
  rule.decimals = 0;
  Ratio v, tol, annual;
  gboolean profiled;
  assert_true(rating_target_for(&rule, month(2024, 6), &v, &tol, &profiled, &annual)); /* end of Q1 */
  assert_int_equal(ratio_cmp(v, num("100")), 0);
  assert_true(rating_target_for(&rule, month(2024, 9), &v, &tol, &profiled, &annual)); /* end of Q2 */
  assert_int_equal(ratio_cmp(v, num("400")), 0);
  assert_true(rating_target_for(&rule, month(2024, 7), &v, &tol, &profiled, &annual)); /* a third into Q2 */
  assert_int_equal(ratio_cmp(v, num("200")), 0);
}

static void test_standard_scheme_is_the_band(void **state) {
  (void)state;
  RatingRule rule = {0};
  rule.scheme = RATING_SCHEME_STANDARD;
  rule.has_min = TRUE;
  rule.min = num("70");
  rule.decimals = 1;
  assert_int_equal(level(&rule, "70", 0), RATING_ACHIEVED);
  assert_int_equal(level(&rule, "69.9", 0), RATING_NOT_MET);
  assert_string_equal(rating_symbol(RATING_ACHIEVED), "\xe2\x98\x85");
  assert_string_equal(rating_symbol(RATING_NOT_MET), "\xe2\x96\xb2");
  /* a published band wins */
  assert_int_equal(rating_judge(&rule, TRUE, num("10"), 1, 0, FALSE, RATING_ACHIEVED).level, RATING_ACHIEVED);
  RatingRule none = {0};
  assert_int_equal(level(&none, "10", 0), RATING_NO_TARGET);
}

static void test_words_english_and_welsh(void **state) {
  (void)state;
  RatingTarget t = target("85", "5");
  RatingRule rule = rag_rule(1, &t, 1);
  struct {
    const char *value, *en, *cy;
  } cases[] = {
      {"86", "green: meets the 85% target", "gwyrdd: yn cyrraedd y targed o 85%"},
      {"82", "amber: within 5% of the 85% target", "ambr: o fewn 5% i'r targed o 85%"},
      {"70", "red: misses the 85% target by more than 5%", "coch: yn methu'r targed o 85% o fwy na 5%"},
  };
  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    Rating r = rating_judge(&rule, TRUE, num(cases[i].value), 1, 0, FALSE, RATING_NO_TARGET);
    char *en = rating_words(&r, "%", 1, FALSE), *cy = rating_words(&r, "%", 1, TRUE);
    assert_string_equal(en, cases[i].en);
    assert_string_equal(cy, cases[i].cy);
    g_free(en), g_free(cy);
  }
}

/* The one table: a glyph's words, by the direction's basis. */
static void test_symbol_words_take_the_basis(void **state) {
  (void)state;
  assert_string_equal(measure_symbol_words(0x2197, SYMBOL_BASIS_UNKNOWN, FALSE), "improved");
  assert_string_equal(measure_symbol_words(0x2197, 0, FALSE), "improved since the previous period");
  assert_string_equal(measure_symbol_words(0x2198, 1, FALSE), "deteriorated since the same period last year");
  assert_string_equal(measure_symbol_words(0x2194, 1, TRUE), "wedi aros yr un fath ers yr un cyfnod y llynedd");
  assert_string_equal(measure_symbol_words(0x2605, 1, FALSE), "achieved the minimum standard");
  assert_null(measure_symbol_words('A', 0, FALSE));
  char *s = measure_symbols_spoken("\xe2\x9c\x96 red", 7, 0, FALSE);
  assert_string_equal(s, "red: off target red");
  g_free(s);
  assert_null(measure_symbols_spoken("plain", 5, 0, FALSE));
  assert_null(measure_symbols_spoken("ff\xc3\xb4n a dŵr", (int)strlen("ff\xc3\xb4n a dŵr"), 0, TRUE)); /* Welsh letters are no symbols */
}

/* ---- exception rules over a history (oldest first) ---------------------- */

#define G RATING_GREEN
#define A RATING_AMBER
#define R RATING_RED
#define X RATING_NOT_AVAILABLE

static gboolean selects(ExceptionRule rule, const RatingLevel *h, guint n) { return rating_rule_selects(rule, h, n); }

static void test_rules_red_and_amber(void **state) {
  (void)state;
  RatingLevel h1[] = {G, G, R}, h2[] = {R, R, A}, h3[] = {R, G};
  assert_true(selects(EXCEPTION_RED, h1, 3));
  assert_false(selects(EXCEPTION_RED, h2, 3));
  assert_true(selects(EXCEPTION_RED_OR_AMBER, h2, 3));
  assert_false(selects(EXCEPTION_RED_OR_AMBER, h3, 2));
  assert_false(selects(EXCEPTION_RED, h1, 0));
}

static void test_rule_red_twice_until_back_on_target(void **state) {
  (void)state;
  RatingLevel once[] = {G, R}, twice[] = {G, R, R}, amber_after[] = {R, R, A, A}, back[] = {R, R, A, G},
              again[] = {R, R, G, R}, broken[] = {R, A, R}, gap[] = {R, X, R};
  assert_false(selects(EXCEPTION_RED_TWICE, once, 2));
  assert_true(selects(EXCEPTION_RED_TWICE, twice, 3));
  assert_true(selects(EXCEPTION_RED_TWICE, amber_after, 4)); /* not back on target yet */
  assert_false(selects(EXCEPTION_RED_TWICE, back, 4));
  assert_false(selects(EXCEPTION_RED_TWICE, again, 4)); /* red once since it came back */
  assert_false(selects(EXCEPTION_RED_TWICE, broken, 3));
  assert_false(selects(EXCEPTION_RED_TWICE, gap, 3));
}

/* ---- through the catalogue and the engine --------------------------------- */

static const char *CATALOGUE =
    "<catalogue authority=\"Test\" rating=\"rag\">\n"
    " <group name=\"G\">\n"
    "  <measure ref=\"P1\" kind=\"percentage\" basis=\"monthly\" polarity=\"BB\">\n"
    "   <title>Percentage</title>\n"
    "   <target value=\"85\" tolerance=\"5\"/>\n"
    "   <target period=\"2024-06\" value=\"90\" tolerance=\"1\"/>\n"
    "  </measure>\n"
    "  <measure ref=\"Y1\" kind=\"count\" basis=\"ytd\" polarity=\"BB\">\n"
    "   <title>Year to date</title>\n"
    "   <target period=\"2024/25\" value=\"1200\" tolerance=\"50\"/>\n"
    "  </measure>\n"
    "  <measure ref=\"S1\" kind=\"percentage\" basis=\"monthly\" rating=\"standard\">\n"
    "   <title>Standard</title><standard min=\"50\"/>\n"
    "  </measure>\n"
    " </group>\n"
    "</catalogue>\n";

static const char *DATA =
    "ref,period,numerator,denominator,flag,target\n"
    "P1,2024-05,82,100,,\n"
    "P1,2024-06,89,100,provisional,\n"
    "P1,2024-07,82,100,,82\n"
    "P1,2024-08,,,,95\n"
    "S1,2024-05,40,100,,\n"
    "Y1,2024-04,100,,,\n"
    "Y1,2024-05,100,,,\n"
    "Y1,2024-06,100,,,\n"
    "Y1,2024-07,100,,,\n"
    "Y1,2024-08,100,,,\n"
    "Y1,2024-09,100,,,\n";

static Measures *load(DiagList *d) {
  char *dir = test_scratch_dir("rating");
  char *cat = test_write_file(dir, "catalogue.xml", CATALOGUE), *data = test_write_file(dir, "data.csv", DATA);
  Measures *ms = measures_load(cat, data, d);
  diag_print(d, stderr);
  g_free(cat), g_free(data), g_free(dir);
  return ms;
}

static RatingLevel engine_level(const Measures *ms, const char *ref, const char *period, MeasureResult *r) {
  assert_int_equal(measures_get(ms, ref, NULL, period, r), MEASURE_OK);
  return r->rating.level;
}

static void test_engine_rates_from_the_catalogue(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  Measures *ms = load(d);
  assert_non_null(ms);
  MeasureResult r;
  assert_int_equal(engine_level(ms, "P1", "2024-05", &r), RATING_AMBER);
  assert_int_equal(r.band, BAND_NONE);
  measure_result_clear(&r);
  assert_int_equal(engine_level(ms, "P1", "2024-06", &r), RATING_AMBER); /* 89 vs the month's own 90, within 1 */
  assert_true(r.rating.provisional);
  measure_result_clear(&r);
  assert_int_equal(engine_level(ms, "S1", "2024-05", &r), RATING_NOT_MET);
  assert_int_equal(r.band, BAND_NOT_MET);
  measure_result_clear(&r);
  /* 600 year to date in September (month 6) meets 600 due, not 1,200 */
  assert_int_equal(engine_level(ms, "Y1", "2024-09", &r), RATING_GREEN);
  assert_true(r.rating.profiled);
  measure_result_clear(&r);
  /* 300 by June (month 3): 300 due */
  assert_int_equal(engine_level(ms, "Y1", "2024-06", &r), RATING_GREEN);
  measure_result_clear(&r);
  /* the data's target for July (82) wins over the catalogue's 85 */
  assert_int_equal(engine_level(ms, "P1", "2024-07", &r), RATING_GREEN);
  assert_int_equal(ratio_cmp(r.rating.target, ratio_int(82)), 0);
  assert_int_equal(ratio_cmp(r.rating.tolerance, ratio_int(5)), 0); /* the catalogue's tolerance */
  measure_result_clear(&r);
  /* a row with a target alone gives no figure */
  assert_int_equal(measures_get(ms, "P1", NULL, "2024-08", &r), MEASURE_NO_DATA);
  measure_result_clear(&r);
  measures_free(ms);
  diag_list_free(d);
}

static void expect_catalogue_error(const char *measure_xml, const char *needle) {
  char *dir = test_scratch_dir("rating-bad");
  char *xml = g_strdup_printf("<catalogue><group name=\"G\">%s</group></catalogue>", measure_xml);
  char *path = test_write_file(dir, "bad.xml", xml);
  DiagList *d = diag_list_new();
  Catalogue *cat = catalogue_load(path, d);
  assert_null(cat);
  if (!diag_find(d, needle)) diag_print(d, stderr);
  assert_non_null(diag_find(d, needle));
  g_free(xml), g_free(path), g_free(dir);
  diag_list_free(d);
}

static void test_catalogue_refuses_bad_targets(void **state) {
  (void)state;
  expect_catalogue_error("<measure ref=\"A\" kind=\"count\" basis=\"monthly\" rating=\"rag\"><title>A</title>"
                         "<target value=\"5\"/></measure>",
                         "needs polarity");
  expect_catalogue_error("<measure ref=\"A\" kind=\"count\" basis=\"ytd\" rating=\"rag\" polarity=\"BB\"><title>A</title>"
                         "<target value=\"5\" profile=\"10 20 30\"/></measure>",
                         "profile=\"10 20 30\"");
  expect_catalogue_error("<measure ref=\"A\" kind=\"count\" basis=\"ytd\" rating=\"rag\" polarity=\"BB\"><title>A</title>"
                         "<target value=\"5\" profile=\"50 40 70 100\"/></measure>",
                         "never fall");
  expect_catalogue_error("<measure ref=\"A\" kind=\"count\" basis=\"monthly\" rating=\"rag\" polarity=\"BB\"><title>A</title>"
                         "<target value=\"5\" tolerance=\"-1\"/></measure>",
                         "must not be negative");
  expect_catalogue_error("<measure ref=\"A\" kind=\"count\" basis=\"monthly\" rating=\"rag\" polarity=\"BB\"><title>A</title>"
                         "<target value=\"x\"/></measure>",
                         "value=\"x\" is not a number");
}

static void expect_data_error(const char *rows, const char *needle) {
  char *dir = test_scratch_dir("rating-bad-data");
  char *cat = test_write_file(dir, "catalogue.xml", CATALOGUE);
  char *csv = g_strconcat("ref,period,numerator,denominator,target\n", rows, NULL);
  char *data = test_write_file(dir, "data.csv", csv);
  DiagList *d = diag_list_new();
  Measures *ms = measures_load(cat, data, d);
  assert_null(ms);
  if (!diag_find(d, needle)) diag_print(d, stderr);
  assert_non_null(diag_find(d, needle));
  diag_list_free(d);
  g_free(cat), g_free(csv), g_free(data), g_free(dir);
}

static void test_data_targets_refused(void **state) {
  (void)state;
  expect_data_error("S1,2024-05,40,100,50\n", "S1 is rated on its minimum standard");
  expect_data_error("P1,2024-05,40,100,high\n", "target \"high\" is not a number");
  expect_data_error("P1,2024-05,40,100,80\nP1,2024-05,,,81\n", "a target for P1 in this period was already given on line 2");
}

/* A maximum standard is not "exceeded": the rating says what it was judged
 * against, and the legend's words follow (the seed's words for minimums). */
static void test_standard_legend_names_minimum_or_maximum(void **state) {
  (void)state;
  RatingRule max_only = {.scheme = RATING_SCHEME_STANDARD, .polarity = 2, .has_max = TRUE, .max = num("25")};
  Rating r = rating_judge(&max_only, TRUE, num("24"), 0, month(2024, 6), FALSE, RATING_NO_TARGET);
  assert_int_equal(r.level, RATING_ACHIEVED);
  assert_int_equal(r.standards, RATING_STANDARD_MAX);
  assert_string_equal(rating_legend_words(RATING_ACHIEVED, RATING_STANDARD_MIN, FALSE),
                      "Achieved or exceeded minimum standard");
  assert_string_equal(rating_legend_words(RATING_NOT_MET, RATING_STANDARD_MIN, FALSE), "Did not meet minimum standard");
  assert_string_equal(rating_legend_words(RATING_ACHIEVED, RATING_STANDARD_MAX, FALSE), "Within maximum standard");
  assert_string_equal(rating_legend_words(RATING_NOT_MET, RATING_STANDARD_MAX, FALSE), "Above maximum standard");
  assert_string_equal(rating_legend_words(RATING_NOT_MET, RATING_STANDARD_MIN | RATING_STANDARD_MAX, FALSE),
                      "Did not meet the standard");
  assert_string_equal(rating_legend_words(RATING_NOT_MET, RATING_STANDARD_MAX, TRUE), "Uwchben y safon uchaf");
  assert_string_equal(rating_legend_words(RATING_GREEN, RATING_STANDARD_MAX, FALSE),
                      "Green: met or better than the target");
}

/* ---- a heat-map cell's tint ----------------------------------------------- */

/* WCAG 2 relative luminance and contrast ratio, worked out here. */
static double channel(guint32 c, int shift) {
  double v = (c >> shift & 0xff) / 255.0;
  return v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}
static double luminance(guint32 c) { return 0.2126 * channel(c, 16) + 0.7152 * channel(c, 8) + 0.0722 * channel(c, 0); }
static double contrast(guint32 a, guint32 b) {
  double la = luminance(a), lb = luminance(b);
  return (MAX(la, lb) + 0.05) / (MIN(la, lb) + 0.05);
}

static void test_cell_tints_keep_text_legible(void **state) {
  (void)state;
  for (RatingLevel l = 0; l < RATING_LEVEL_COUNT; l++) {
    guint32 fill = 0x123456;
    gboolean filled = rating_fill(l, &fill);
    assert_int_equal(filled, rating_is_rated(l)); /* no tint off the scale */
    if (!filled) {
      assert_int_equal(fill, 0x123456);
      continue;
    }
    assert_true(contrast(0x000000, fill) >= 4.5);      /* the figure, in black */
    assert_true(contrast(rating_colour(l), fill) >= 3); /* the shape in its colour, where drawn so */
    assert_true(fill != 0xffffff);                      /* a tint, not white */
    /* a tint of the rating's own colour: its strongest channel stays strongest */
    guint32 c = rating_colour(l);
    int strongest = (c >> 16 & 0xff) >= (c >> 8 & 0xff) ? 16 : 8;
    int weakest = (c >> 16 & 0xff) < (c >> 8 & 0xff) ? 16 : 8;
    assert_true((fill >> strongest & 0xff) > (fill >> weakest & 0xff));
  }
}

/* The byte scan render asks of every tagged text: each symbol found
 * wherever it is, nothing in ASCII or other letters, nothing past len. */
static void test_symbols_any(void **state) {
  (void)state;
  const RatingLevel levels[] = {RATING_ACHIEVED, RATING_NOT_MET, RATING_GREEN, RATING_AMBER, RATING_RED};
  for (guint i = 0; i < G_N_ELEMENTS(levels); i++) {
    char *t = g_strdup_printf("85.4%% caf\xc3\xa9 %s", rating_symbol(levels[i]));
    assert_true(measure_symbols_any(t, (int)strlen(t)));
    assert_false(measure_symbols_any(t, (int)strlen(t) - 3)); /* the symbol cut off */
    g_free(t);
  }
  assert_true(measure_symbols_any("\xe2\x86\x97", 3));
  assert_false(measure_symbols_any("", 0));
  assert_false(measure_symbols_any("plain text, 1,234", 17));
  const char *other = "dŵr \xe2\x80\x94 \xc2\xa3";
  assert_false(measure_symbols_any(other, (int)strlen(other))); /* letters, a dash, a pound sign */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_rag_bigger_is_better),
      cmocka_unit_test(test_cell_tints_keep_text_legible),
      cmocka_unit_test(test_rag_smaller_is_better),
      cmocka_unit_test(test_no_tolerance_has_no_amber),
      cmocka_unit_test(test_statuses_outside_the_scale),
      cmocka_unit_test(test_targets_per_period_shortest_wins),
      cmocka_unit_test(test_profiled_straight_line),
      cmocka_unit_test(test_profiled_given_quarters),
      cmocka_unit_test(test_standard_scheme_is_the_band),
      cmocka_unit_test(test_words_english_and_welsh),
      cmocka_unit_test(test_symbol_words_take_the_basis),
      cmocka_unit_test(test_symbols_any),
      cmocka_unit_test(test_rules_red_and_amber),
      cmocka_unit_test(test_rule_red_twice_until_back_on_target),
      cmocka_unit_test(test_engine_rates_from_the_catalogue),
      cmocka_unit_test(test_catalogue_refuses_bad_targets),
      cmocka_unit_test(test_data_targets_refused),
      cmocka_unit_test(test_standard_legend_names_minimum_or_maximum),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
