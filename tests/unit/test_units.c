/* units: the hierarchy file's checks, exact sums of a parent's figures
 * from its children's (never an average of percentages), what cannot be
 * summed, comparators in a unit's view, and ranks with ties. */
#include "testutil.h"

#include "measures/measure_rank.h"
#include "measures/measure_units.h"

/* ---- the hierarchy ------------------------------------------------------- */

static Hierarchy *parse(const char *xml, DiagList *d) { return hierarchy_parse("units.xml", xml, strlen(xml), d); }

static const char *const good_units =
    "<units>\n"
    "<unit id=\"B\" name=\"Board\" level=\"board\"/>\n"
    "<unit id=\"S\" name=\"Service\" level=\"service\" parent=\"B\"/>\n"
    "<unit id=\"T1\" name=\"Team one\" level=\"team\" parent=\"S\"/>\n"
    "<unit id=\"T2\" name=\"Team two\" level=\"team\" parent=\"S\"/>\n"
    "<unit id=\"W1\" name=\"Worker one\" level=\"worker\" parent=\"T1\"/>\n"
    "<unit id=\"W2\" name=\"Worker two\" level=\"worker\" parent=\"T1\"/>\n"
    "</units>\n";

static void test_hierarchy_reads(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  Hierarchy *h = parse(good_units, d);
  assert_non_null(h);
  assert_int_equal(diag_count(d), 0);
  assert_string_equal(hierarchy_top(h)->id, "B");
  assert_int_equal(hierarchy_count(h), 6);
  assert_string_equal(hierarchy_lookup(h, "W2")->parent->id, "T1");
  GPtrArray *teams = hierarchy_at_level(h, UNIT_TEAM, NULL);
  assert_int_equal(teams->len, 2);
  assert_string_equal(((const Unit *)g_ptr_array_index(teams, 1))->id, "T2");
  g_ptr_array_unref(teams);
  GPtrArray *workers = hierarchy_at_level(h, UNIT_WORKER, hierarchy_lookup(h, "T2"));
  assert_int_equal(workers->len, 0); /* T2 has none */
  g_ptr_array_unref(workers);
  assert_true(unit_within(hierarchy_lookup(h, "W1"), hierarchy_lookup(h, "S")));
  assert_false(unit_within(hierarchy_lookup(h, "W1"), hierarchy_lookup(h, "T2")));
  hierarchy_free(h);
  diag_list_free(d);
}

/* The first message, "units.xml:LINE:COL: error: …", contains `want`. */
static void expect_error(const char *xml, const char *want, int line) {
  DiagList *d = diag_list_new();
  Hierarchy *h = parse(xml, d);
  assert_null(h);
  assert_true(diag_count(d) >= 1);
  const Diag *g = diag_get(d, 0);
  if (!strstr(g->message, want)) fail_msg("\"%s\" does not contain \"%s\"", g->message, want);
  assert_int_equal(g->line, line);
  assert_true(g->col > 0);
  diag_list_free(d);
}

static void test_hierarchy_errors(void **state) {
  (void)state;
  expect_error("<units>\n<unit id=\"B\" name=\"B\" level=\"board\"/>\n<unit id=\"B\" name=\"C\" level=\"service\" parent=\"B\"/>\n</units>",
               "unit id=\"B\" is given twice: the unit at line 2 has it already", 3);
  expect_error("<units>\n<unit id=\"Board\" name=\"B\" level=\"board\"/>\n<unit id=\"T\" name=\"T\" level=\"team\" parent=\"Bored\"/>\n</units>",
               "parent=\"Bored\" names no unit (did you mean \"Board\"?)", 3);
  expect_error("<units>\n<unit id=\"B\" name=\"B\" level=\"board\"/>\n<unit id=\"X\" name=\"X\" level=\"team\" parent=\"Y\"/>\n"
               "<unit id=\"Y\" name=\"Y\" level=\"team\" parent=\"X\"/>\n</units>",
               "unit \"X\" is inside itself", 3);
  /* W only leads into the cycle: X and Y are reported, W is not */
  expect_error("<units>\n<unit id=\"B\" name=\"B\" level=\"board\"/>\n<unit id=\"W\" name=\"W\" level=\"worker\" parent=\"X\"/>\n"
               "<unit id=\"X\" name=\"X\" level=\"team\" parent=\"Y\"/>\n<unit id=\"Y\" name=\"Y\" level=\"team\" parent=\"X\"/>\n</units>",
               "unit \"X\" is inside itself", 4);
  expect_error("<units>\n<unit id=\"B\" name=\"B\" level=\"board\"/>\n<unit id=\"T\" name=\"T\" level=\"team\" parent=\"B\"/>\n"
               "<unit id=\"S\" name=\"S\" level=\"service\" parent=\"T\"/>\n</units>",
               "unit \"S\" is a service, but its parent \"T\" is a team", 4);
  expect_error("<units>\n<unit id=\"A\" name=\"A\" level=\"board\"/>\n<unit id=\"B\" name=\"B\" level=\"board\"/>\n</units>",
               "only the top unit has none", 3);
  expect_error("<units>\n<unit id=\"A\" name=\"A\" level=\"tier\"/>\n</units>", "level", 2);
}

/* ---- sums ------------------------------------------------------------------ */

static const char *const sum_catalogue =
    "<catalogue authority=\"Test\"><group name=\"G\">\n"
    "<measure ref=\"P\" kind=\"percentage\" basis=\"monthly\" polarity=\"BB\"><title>p</title><standard min=\"50\"/></measure>\n"
    "<measure ref=\"R\" kind=\"percentage\" basis=\"rolling-12\" polarity=\"SB\"><title>r</title></measure>\n"
    "<measure ref=\"C\" kind=\"count\" basis=\"snapshot\"><title>c</title></measure>\n"
    "<measure ref=\"A\" kind=\"average\" basis=\"monthly\"><title>a</title></measure>\n"
    "<measure ref=\"M\" kind=\"average\" basis=\"monthly\"><title>median</title></measure>\n"
    "<measure ref=\"G\" kind=\"percentage\" basis=\"monthly\" polarity=\"BB\"><title>gap</title></measure>\n"
    "<measure ref=\"RT\" kind=\"rate\" basis=\"monthly\" per=\"1000\" population=\"POP\"><title>rate</title></measure>\n"
    "<measure ref=\"POP\" kind=\"count\" basis=\"annual\"><title>population</title></measure>\n"
    "</group></catalogue>\n";

static char *sum_data(void) {
  GString *s = g_string_new("ref,period,unit,series,group,numerator,denominator,value\n");
  /* T1 100% of 1, T2 0% of 99: the service is 1 of 100 = 1.0%, where the
   * mean of the teams' percentages would be 50.0%. */
  g_string_append(s, "P,2024-03,T1,,,1,1,\nP,2024-03,T2,,,0,99,\n");
  /* twelve months in each team: rolling sums of the summed months */
  for (int i = 0; i < 12; i++) {
    int y = i < 9 ? 2023 : 2024, m = i < 9 ? i + 4 : i - 8;
    g_string_append_printf(s, "R,%04d-%02d,W1,,,1,4,\nR,%04d-%02d,W2,,,0,4,\nR,%04d-%02d,T2,,,1,2,\n", y, m, y, m, y, m);
  }
  g_string_append(s, "C,2024-03,W1,,,7,,\nC,2024-03,W2,,,5,,\nC,2024-03,T2,,,30,,\n");
  /* the service's own row wins over its teams' */
  g_string_append(s, "A,2024-03,T1,,,10,2,\nA,2024-03,T2,,,30,3,\nA,2024-03,S,,,99,9,\n");
  /* published medians cannot be summed */
  g_string_append(s, "M,2024-03,T1,,,,,12\nM,2024-03,T2,,,,,8\n");
  /* T2 lacks March: the service's March is not made from T1 alone */
  g_string_append(s, "G,2024-02,T1,,,1,2,\nG,2024-03,T1,,,1,2,\nG,2024-02,T2,,,1,2,\n");
  /* a rate: both teams count, only T1 has a population */
  g_string_append(s, "RT,2024-03,T1,,,10,,\nRT,2024-03,T2,,,10,,\nPOP,2023/24,T1,,,20000,,\n");
  /* comparators of the top unit */
  g_string_append(s, "P,2024-03,,England,,,,80.0\nP,2024-03,,N1,Neighbours,,,90.0\n");
  return g_string_free(s, FALSE);
}

typedef struct {
  Measures *ms;
} Fixture;

static int setup_sums(void **state) {
  char *dir = test_scratch_dir("units");
  char *cat = test_write_file(dir, "cat.xml", sum_catalogue);
  char *text = sum_data();
  char *data = test_write_file(dir, "data.csv", text);
  DiagList *d = diag_list_new();
  Fixture *f = g_new0(Fixture, 1);
  f->ms = measures_load(cat, data, d);
  Hierarchy *h = parse(good_units, d);
  diag_print(d, stderr);
  assert_non_null(f->ms);
  assert_non_null(h);
  assert_true(measures_set_hierarchy(f->ms, h, d));
  diag_print(d, stderr);
  assert_int_equal(diag_count(d), 0);
  diag_list_free(d);
  g_free(dir), g_free(cat), g_free(text), g_free(data);
  *state = f;
  return 0;
}

static int teardown_sums(void **state) {
  Fixture *f = *state;
  measures_free(f->ms);
  g_free(f);
  return 0;
}

static Measures *view(Fixture *f, const char *id) {
  return measures_unit_view(f->ms, hierarchy_lookup(measures_hierarchy(f->ms), id));
}

/* The display of (ref, series) for 2024-03 in unit id's view, or the status. */
static void expect(Fixture *f, const char *id, const char *ref, const char *series, const char *display) {
  Measures *v = view(f, id);
  MeasureResult r;
  MeasureStatus st = measures_get(v, ref, series, "2024-03", &r);
  if (st != MEASURE_OK) fail_msg("%s %s (%s): %s", id, ref, series ? series : "own", r.why);
  assert_string_equal(r.display, display);
  measure_result_clear(&r);
  measures_free(v);
}

static void test_percentage_from_counts(void **state) {
  Fixture *f = *state;
  expect(f, "T1", "P", NULL, "100.0");
  expect(f, "T2", "P", NULL, "0.0");
  expect(f, "S", "P", NULL, "1.0"); /* 1 / 100, not (100 + 0) / 2 */
  expect(f, "B", "P", NULL, "1.0");
  Measures *v = view(f, "S");
  const Measure *p = measures_lookup(v, "P");
  assert_true(measures_unit_summed(v, p));
  MeasureResult r;
  measures_get(v, "P", NULL, "2024-03", &r);
  assert_int_equal(r.band, BAND_NOT_MET);
  assert_true(r.numerator == 1 && r.denominator == 100);
  measure_result_clear(&r);
  measures_free(v);
}

static void test_windows_counts_and_own_rows(void **state) {
  Fixture *f = *state;
  /* T1 = W1 + W2: 12 / 96 = 12.5%; S = T1 + T2: (12 + 12) / (96 + 24) = 20.0%
   * (the mean of the teams' 12.5% and 50.0% would be 31.3%) */
  expect(f, "T1", "R", NULL, "12.5");
  expect(f, "S", "R", NULL, "20.0");
  expect(f, "T1", "C", NULL, "12");
  expect(f, "B", "C", NULL, "42");
  expect(f, "T1", "A", NULL, "5.0");
  expect(f, "S", "A", NULL, "11.0"); /* its own 99 / 9, not (10 + 30) / 5 */
  Measures *v = view(f, "S");
  assert_false(measures_unit_summed(v, measures_lookup(v, "A")));
  measures_free(v);
}

static void test_what_cannot_be_summed(void **state) {
  Fixture *f = *state;
  Measures *v = view(f, "S");
  MeasureResult r;
  assert_int_equal(measures_get(v, "M", NULL, "2024-03", &r), MEASURE_NO_DATA);
  assert_non_null(strstr(r.why, "M for Service cannot be worked out from the units under it"));
  assert_non_null(strstr(r.why, "published figure"));
  measure_result_clear(&r);
  /* a team without March: the service has February only */
  assert_int_equal(measures_get(v, "G", NULL, "2024-03", &r), MEASURE_NO_DATA);
  measure_result_clear(&r);
  assert_int_equal(measures_get(v, "G", NULL, "2024-02", &r), MEASURE_OK);
  assert_string_equal(r.display, "50.0");
  measure_result_clear(&r);
  measures_free(v);
}

/* A rate summed over units needs each counting unit's population: T2's
 * admissions over T1's population alone were printed as the service's
 * rate (1.0 per 1,000 for 20 of 20,000: Wolds and Vale's 3,940.4 per
 * 100,000 for 531.5), silently. */
static void test_rate_needs_every_counted_unit_s_population(void **state) {
  Fixture *f = *state;
  expect(f, "T1", "RT", NULL, "0.5");
  Measures *v = view(f, "S");
  MeasureResult r;
  assert_int_equal(measures_get(v, "RT", NULL, "2024-03", &r), MEASURE_NO_DATA);
  assert_non_null(strstr(r.why, "RT for Service cannot be worked out from the units under it: Team two has RT rows but "
                            "no POP rows"));
  measure_result_clear(&r);
  measures_free(v);
}

static void test_comparators_in_a_view(void **state) {
  Fixture *f = *state;
  expect(f, "T1", "P", "Service", "1.0"); /* the parent, by its name */
  expect(f, "W1", "C", "Team one", "12");
  expect(f, "W1", "C", "Board", "42");   /* the top unit */
  expect(f, "T2", "P", "England", "80.0"); /* the top unit's comparators */
}

static void test_unknown_unit_in_data(void **state) {
  (void)state;
  char *dir = test_scratch_dir("units");
  char *cat = test_write_file(dir, "cat.xml", sum_catalogue);
  char *data = test_write_file(dir, "bad.csv", "ref,period,unit,numerator,denominator\nP,2024-03,T3,1,2\n");
  DiagList *d = diag_list_new();
  Measures *ms = measures_load(cat, data, d);
  assert_non_null(ms);
  assert_false(measures_set_hierarchy(ms, parse(good_units, d), d));
  const Diag *g = diag_get(d, 0);
  assert_int_equal(g->line, 2);
  assert_int_equal(g->col, 11);
  assert_non_null(strstr(g->message, "unit \"T3\" is not in units.xml (did you mean \"T1\"?)"));
  measures_free(ms);
  diag_list_free(d);
  g_free(dir), g_free(cat), g_free(data);
}

/* The same measure and period for two units is no duplicate; for one unit twice it is. */
static void test_duplicates_per_unit(void **state) {
  (void)state;
  char *dir = test_scratch_dir("units");
  char *cat = test_write_file(dir, "cat.xml", sum_catalogue);
  char *data = test_write_file(dir, "dup.csv",
                               "ref,period,unit,numerator,denominator\nP,2024-03,T1,1,2\nP,2024-03,T2,1,2\nP,2024-03,T1,1,3\n");
  DiagList *d = diag_list_new();
  Measures *ms = measures_load(cat, data, d);
  assert_null(ms);
  assert_int_equal(diag_count(d), 1);
  const Diag *g = diag_get(d, 0);
  assert_int_equal(g->line, 4);
  assert_non_null(strstr(g->message, "duplicate row: P 2024-03 of unit T1 was already given on line 2"));
  diag_list_free(d);
  g_free(dir), g_free(cat), g_free(data);
}

/* ---- ranks ----------------------------------------------------------------- */

static Ratio r(gint64 num, gint64 den) {
  Ratio x;
  assert_true(ratio_make(num, den, &x));
  return x;
}

static void test_ranks_with_ties(void **state) {
  (void)state;
  Ratio v[] = {r(80, 1), r(85, 1), r(85, 1), r(70, 1)};
  MeasureRank k;
  assert_true(measures_rank_among(v, 4, 1, POLARITY_BB, 1, &k));
  assert_true(k.rank == 1 && k.joint && k.of == 4);
  assert_true(measures_rank_among(v, 4, 0, POLARITY_BB, 1, &k));
  assert_true(k.rank == 3 && !k.joint); /* after two joint firsts */
  assert_true(measures_rank_among(v, 4, 3, POLARITY_SB, 1, &k));
  assert_true(k.rank == 1 && !k.joint);
  assert_true(measures_rank_among(v, 4, 2, POLARITY_SB, 1, &k));
  assert_true(k.rank == 3 && k.joint);
  char *t = measures_rank_text(&k, FALSE);
  assert_string_equal(t, "joint 3rd of 4");
  g_free(t);
  t = measures_rank_text_quartile(&k, FALSE);
  assert_string_equal(t, "joint 3rd of 4 (third quartile)");
  g_free(t);
  t = measures_rank_text_quartile(&k, TRUE);
  assert_string_equal(t, "cydradd 3ydd o 4 (trydydd chwartel)");
  g_free(t);
  k.joint = FALSE, k.rank = 1;
  t = measures_rank_text_quartile(&k, TRUE);
  assert_string_equal(t, "1af o 4 (chwartel uchaf)");
  g_free(t);
  /* the place between the first (0) and the last (1), cut at quarters */
  static const guint quartiles[12][2] = {{1, 1}, {2, 1}, {3, 1}, {4, 2},  {5, 2},  {6, 3},
                                         {7, 3}, {8, 3}, {9, 4}, {10, 4}, {11, 4}, {0, 0}};
  for (guint i = 0; quartiles[i][0]; i++) {
    MeasureRank q = {.rank = quartiles[i][0], .of = 11};
    assert_int_equal(measures_rank_quartile(&q), quartiles[i][1]);
  }
  MeasureRank alone = {.rank = 1, .of = 1};
  assert_int_equal(measures_rank_quartile(&alone), 1);
  assert_false(measures_rank_among(v, 4, 0, POLARITY_NONE, 1, &k));
  /* figures that print alike are joint: 85.04 and 85.01 are both 85.0,
   * behind 85.06 (85.1) */
  Ratio w[] = {r(8504, 100), r(8501, 100), r(8506, 100)};
  assert_true(measures_rank_among(w, 3, 0, POLARITY_BB, 1, &k));
  assert_true(k.rank == 2 && k.joint);
  assert_true(measures_rank_among(w, 3, 2, POLARITY_BB, 1, &k));
  assert_true(k.rank == 1 && !k.joint);
  assert_true(measures_rank_among(w, 3, 1, POLARITY_BB, 2, &k)); /* to 2 places 85.01 is last, alone */
  assert_true(k.rank == 3 && !k.joint);
  static const struct {
    guint n;
    const char *text;
  } ord[] = {{1, "1st"}, {2, "2nd"}, {3, "3rd"}, {4, "4th"}, {11, "11th"}, {12, "12th"}, {13, "13th"},
             {21, "21st"}, {22, "22nd"}, {23, "23rd"}, {101, "101st"}, {111, "111th"}, {112, "112th"}};
  for (guint i = 0; i < G_N_ELEMENTS(ord); i++) {
    char *o = measures_ordinal(ord[i].n, FALSE);
    assert_string_equal(o, ord[i].text);
    g_free(o);
  }
  /* Welsh: the abbreviations of Ask Dr Gramadeg (parallel.cymru) for 1-20
   * and 21-31, and dysgwyr.co.uk's 40fed, 50fed and 100fed */
  static const char *const cy[] = {"1af",  "2il",  "3ydd", "4ydd", "5ed",  "6ed",  "7fed", "8fed",  "9fed",  "10fed",
                                   "11eg", "12fed", "13eg", "14eg", "15fed", "16eg", "17eg", "18fed", "19eg", "20fed"};
  for (guint n = 1; n <= 20; n++) {
    char *o = measures_ordinal(n, TRUE);
    assert_string_equal(o, cy[n - 1]);
    g_free(o);
  }
  static const struct {
    guint n;
    const char *text;
  } cy_more[] = {{21, "21ain"}, {22, "22ain"}, {23, "23ain"}, {30, "30ain"}, {31, "31ain"},
                 {40, "40fed"}, {50, "50fed"}, {100, "100fed"}};
  for (guint i = 0; i < G_N_ELEMENTS(cy_more); i++) {
    char *o = measures_ordinal(cy_more[i].n, TRUE);
    assert_string_equal(o, cy_more[i].text);
    g_free(o);
  }
}

static void test_rank_in_group_and_level(void **state) {
  Fixture *f = *state;
  Measures *b = view(f, "B");
  const Measure *p = measures_lookup(b, "P");
  Period march;
  assert_true(period_parse("2024-03", &march, NULL));
  MeasureRank k;
  char *why = NULL;
  /* the board's 1.0% against N1's 90.0% (England is in no group) */
  assert_true(measures_rank(b, p, "Neighbours", NULL, march, &k, &why));
  assert_true(k.rank == 2 && k.of == 2 && !k.joint);
  assert_false(measures_rank(b, p, "Neighbors", NULL, march, &k, &why));
  assert_non_null(strstr(why, "names \"Neighbours\""));
  g_free(why);
  measures_free(b);
  /* T2 (0.0%) among the teams: T1 100.0% first */
  Measures *t2 = view(f, "T2");
  UnitLevel team = UNIT_TEAM;
  assert_true(measures_rank(t2, measures_lookup(t2, "P"), NULL, &team, march, &k, &why));
  assert_true(k.rank == 2 && k.of == 2);
  UnitLevel worker = UNIT_WORKER;
  assert_false(measures_rank(t2, measures_lookup(t2, "P"), NULL, &worker, march, &k, &why));
  assert_non_null(strstr(why, "a rank among the workers is for a worker's report"));
  g_free(why);
  measures_free(t2);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_hierarchy_reads),
      cmocka_unit_test(test_hierarchy_errors),
      cmocka_unit_test_setup_teardown(test_percentage_from_counts, setup_sums, teardown_sums),
      cmocka_unit_test_setup_teardown(test_windows_counts_and_own_rows, setup_sums, teardown_sums),
      cmocka_unit_test_setup_teardown(test_what_cannot_be_summed, setup_sums, teardown_sums),
      cmocka_unit_test_setup_teardown(test_rate_needs_every_counted_unit_s_population, setup_sums, teardown_sums),
      cmocka_unit_test_setup_teardown(test_comparators_in_a_view, setup_sums, teardown_sums),
      cmocka_unit_test(test_unknown_unit_in_data),
      cmocka_unit_test(test_duplicates_per_unit),
      cmocka_unit_test(test_ranks_with_ties),
      cmocka_unit_test_setup_teardown(test_rank_in_group_and_level, setup_sums, teardown_sums),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
