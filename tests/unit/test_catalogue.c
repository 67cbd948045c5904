/* catalogue: the Walsall sample against the seed's definitions sheet, and
 * the errors an author gets for a bad catalogue. */
#include "testutil.h"

#include "measures/catalogue.h"

#define WALSALL "samples/walsall-2013-09/catalogue.xml"

/* Every REF on the seed's sheet, in the sheet's order ("LAC" stands for the
 * row printed without a ref). */
static const char *const sheet_refs[] = {
    "PG1",    "PG3",    "PG2",    "CCC 1",  "CCC 2",  "CCC 3",  "CCC 4",  "CCC 5",  "CCC 6",  "CCC 7",  "RA1",
    "RA2",    "RA3",    "RA4",    "RA5",    "RA6",    "QEP a",  "QEP b",  "QEPc",   "QEP 1",  "QEP 3",  "QEP 2",
    "QEP 6",  "QEP 25", "CCC a",  "CCC b",  "CCC c",  "CCCd",   "CCCe",   "CCCf",   "LAC",    "QEP 7",  "QEP 8",
    "QEP 26", "QEP 4",  "QEP 19", "QEP 20", "QEP 21", "QEP 22", "QEP 5",  "QEP 10", "QEP 15", "QEP 16", "QEP 17",
    "QEP 18", "QEP 27", "QEP 9",  "QEP 11", "QEP 12", "QEP 13", "QEP 14", "COM 1",  "COM 2",  "COM 3"};

static void test_walsall_has_every_sheet_measure_in_order(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  Catalogue *cat = catalogue_load(WALSALL, d);
  diag_print(d, stderr);
  assert_non_null(cat);
  guint sheet = 0;
  for (guint i = 0; i < catalogue_count(cat); i++) {
    const Measure *m = catalogue_nth(cat, i);
    assert_int_equal(m->index, i);
    if (m->local) continue;
    assert_true(sheet < G_N_ELEMENTS(sheet_refs));
    assert_string_equal(m->ref, sheet_refs[sheet]);
    sheet++;
  }
  assert_int_equal(sheet, G_N_ELEMENTS(sheet_refs));
  assert_string_equal(catalogue_authority(cat), "Walsall Council");
  catalogue_free(cat);
  diag_list_free(d);
}

static void expect_parts(const Catalogue *cat, const char *ref, const char *group, const char *num, const char *den) {
  const Measure *m = catalogue_lookup(cat, ref);
  assert_non_null(m);
  assert_string_equal(m->group, group);
  assert_string_equal(m->numerator, num);
  assert_string_equal(m->denominator, den);
}

static void test_walsall_swaps_corrected_and_words_kept(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  Catalogue *cat = catalogue_load(WALSALL, d);
  assert_non_null(cat);
  expect_parts(cat, "CCC 1", "Workforce", "Number of vacant SW/SP posts", "Number of SW/SP posts occupied and vacant");
  expect_parts(cat, "CCC 3", "Workforce", "Total number of days lost to sickness in period",
               "Number of social workers and senior practitioners");
  expect_parts(cat, "CCC 6", "Workforce", "No. open CiN cases at month end", "Number of social workers and senior practitioners");
  expect_parts(cat, "CCC a", "Child Protection", "Number of CP plans closed of more than 2 years duration", "Number of CP plans closed");
  expect_parts(cat, "CCC b", "Child Protection", "Number of CiN episodes closed of more than 2 years duration",
               "Number of CiN episodes closed");
  expect_parts(cat, "PG1", "Partnerships & Governance", "Number who have attended safeguarding training.",
               "Number of places booked on safeguarding training at the commencement of the training");
  const Measure *m = catalogue_lookup(cat, "QEP 1");
  assert_string_equal(m->definition,
                      "% of strategy discussion meetings where the police have attended and taken part \xe2\x80\x93 where "
                      "there is reasonable cause to suspect that a child is suffering, or is likely to suffer, "
                      "significant harm, a multi agency strategy discussion should take place");
  m = catalogue_lookup(cat, "RA4");
  assert_int_equal(m->polarity, POLARITY_BB);
  assert_int_equal(m->kind, MEASURE_PERCENTAGE);
  assert_int_equal(m->decimals, 1);
  m = catalogue_lookup(cat, "CCC c");
  assert_true(m->has_min && m->has_max);
  assert_string_equal(m->standard_text, "10-15% is considered as ideal.");
  m = catalogue_lookup(cat, "LAC");
  assert_string_equal(m->title, "Numbers of Looked After Children");
  assert_non_null(strstr(m->note, "without a REF"));
  m = catalogue_lookup(cat, "CCC 2");
  assert_int_equal(m->denominator_window, DENOMINATOR_FIRST);
  catalogue_free(cat);
  diag_list_free(d);
}

static void test_lookup_ignores_case_and_spaces(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  Catalogue *cat = catalogue_load(WALSALL, d);
  assert_string_equal(catalogue_lookup(cat, "CCC d")->ref, "CCCd");
  assert_string_equal(catalogue_lookup(cat, "qep c")->ref, "QEPc");
  assert_string_equal(catalogue_lookup(cat, "QEP25")->ref, "QEP 25");
  assert_null(catalogue_lookup(cat, "QEP 99"));
  assert_string_equal(catalogue_suggest(cat, "RA7"), "RA1");
  catalogue_free(cat);
  diag_list_free(d);
}

static const Diag *load_bad(const char *xml, DiagList *d) {
  char *dir = test_scratch_dir("catalogue");
  char *path = test_write_file(dir, "bad.xml", xml);
  Catalogue *cat = catalogue_load(path, d);
  assert_null(cat);
  assert_true(diag_has_errors(d));
  g_free(dir), g_free(path);
  return diag_get(d, 0);
}

#define HEAD "<?xml version=\"1.0\"?>\n<catalogue>\n<group name=\"G\">\n"
#define TAIL "</group>\n</catalogue>\n"

static void expect_bad(const char *xml, int line, const char *needle) {
  DiagList *d = diag_list_new();
  const Diag *e = load_bad(xml, d);
  if (!diag_find(d, needle)) {
    diag_print(d, stderr);
    fail_msg("no message containing \"%s\"", needle);
  }
  assert_int_equal(diag_find(d, needle)->line, line);
  (void)e;
  diag_list_free(d);
}

static void test_bad_catalogues(void **state) {
  (void)state;
  expect_bad(HEAD "<measure ref=\"A\" kind=\"count\" basis=\"monthly\"><titel>x</titel></measure>\n" TAIL, 4,
             "did you mean <title>");
  expect_bad(HEAD "<measure ref=\"A\" kind=\"count\" basis=\"monthly\"><title>x</title></measure>\n"
                  "<measure ref=\"a\" kind=\"count\" basis=\"monthly\"><title>y</title></measure>\n" TAIL,
             5, "already used by line 4");
  expect_bad(HEAD "<measure ref=\"R\" kind=\"rate\" basis=\"monthly\"><title>x</title></measure>\n" TAIL, 4, "per=\"10000\"");
  expect_bad(HEAD "<measure ref=\"A\" kind=\"percentage\" basis=\"monthly\" tolerance=\"0,5\"><title>x</title></measure>\n" TAIL,
             4, "tolerance=\"0,5\" is not a number");
  expect_bad(HEAD "<measure ref=\"A\" kind=\"percentage\" basis=\"monthly\" decimals=\"9\"><title>x</title></measure>\n" TAIL,
             4, "decimals=\"9\"");
  expect_bad(HEAD "<measure ref=\"A\" kind=\"percentage\" basis=\"monthly\"><title>x</title>\n"
                  "<standard min=\"15\" max=\"10\"/></measure>\n" TAIL,
             5, "min greater than max");
  expect_bad(HEAD "<measure ref=\"R\" kind=\"rate\" per=\"10000\" population=\"P\" basis=\"monthly\"><title>x</title></measure>\n"
                  "<measure ref=\"P\" kind=\"percentage\" basis=\"annual\"><title>p</title></measure>\n" TAIL,
             4, "must name a count measure");
  expect_bad(HEAD "<measure ref=\"A\" kind=\"count\" basis=\"monthly\" per-unit=\"households\"><title>x</title></measure>\n" TAIL,
             4, "per=, per-unit= and population= only apply to rates (A is a count)");
  expect_bad(HEAD "<measure ref=\"A\" kind=\"percent\" basis=\"monthly\"><title>x</title></measure>\n" TAIL, 4, "kind");
  expect_bad(HEAD "<measure ref=\"A\" kind=\"percentage\" basis=\"monthly\" unit=\"days\"><title>x</title></measure>\n" TAIL,
             4, "unit= is for counts and averages (\"days\", \"tonnes\"): A is a percentage, written with %");
  expect_bad("<?xml version=\"1.0\"?>\n<!DOCTYPE catalogue [<!ENTITY x \"y\">]>\n<catalogue/>\n", 2, "DOCTYPE");
  /* a standard on a measure rated against targets is said to rate nothing */
  DiagList *w = diag_list_new();
  char *sdir = test_scratch_dir("catalogue");
  char *spath = test_write_file(sdir, "standard.xml",
                                "<?xml version=\"1.0\"?>\n<catalogue rating=\"rag\"><group name=\"G\">\n"
                                "<measure ref=\"W\" kind=\"percentage\" basis=\"monthly\" polarity=\"BB\"><title>w</title>\n"
                                "<standard min=\"97\"/></measure>\n</group></catalogue>\n");
  Catalogue *cat = catalogue_load(spath, w);
  assert_non_null(cat);
  catalogue_free(cat);
  g_free(sdir), g_free(spath);
  const Diag *said = diag_find(w, "<standard> on W: the measure is rated against targets (rating=\"rag\", the catalogue's)");
  assert_non_null(said);
  assert_int_equal(said->severity, DIAG_WARNING);
  assert_int_equal(said->line, 4);
  diag_list_free(w);
  /* a base written as it prints: said once, with the digits to give (not
   * also "is a rate: give per=") */
  DiagList *d = diag_list_new();
  load_bad(HEAD "<measure ref=\"R\" kind=\"rate\" per=\"1,000\" basis=\"monthly\"><title>x</title></measure>\n" TAIL, d);
  assert_non_null(diag_find(d, "per=\"1,000\" must be a whole number from 1 to 1000000000, written without commas: \"1000\""));
  assert_int_equal(diag_count(d), 1);
  diag_list_free(d);
}

/* The unit a figure is written with comes from the measure: "per 1,000",
 * "per 100,000 residents", never a fixed "per 10,000". */
static void test_units(void **state) {
  (void)state;
  char *dir = test_scratch_dir("catalogue-units");
  char *path = test_write_file(dir, "units.xml",
                               HEAD "<measure ref=\"H\" kind=\"rate\" basis=\"monthly\" per=\"1000\" per-unit=\" households \">"
                                    "<title>Homeless households</title><title-cy> Aelwydydd\n digartref </title-cy>"
                                    "</measure>\n"
                                    "<measure ref=\"D\" kind=\"rate\" basis=\"monthly\" per=\"100000\"><title>d</title></measure>\n"
                                    "<measure ref=\"M\" kind=\"rate\" basis=\"monthly\" per=\"1000000\"><title>m</title></measure>\n"
                                    "<measure ref=\"P\" kind=\"percentage\" basis=\"monthly\"><title>p</title></measure>\n"
                                    "<measure ref=\"C\" kind=\"count\" basis=\"monthly\"><title>c</title></measure>\n"
                                    "<measure ref=\"T\" kind=\"count\" basis=\"monthly\" unit=\" tonnes \" unit-cy=\"tunnell\">"
                                    "<title>Waste collected</title></measure>\n"
                                    "<measure ref=\"A\" kind=\"average\" basis=\"monthly\" unit=\"days\">"
                                    "<title>Average days to re-let</title></measure>\n" TAIL);
  DiagList *d = diag_list_new();
  Catalogue *cat = catalogue_load(path, d);
  diag_print(d, stderr);
  assert_non_null(cat);
  assert_string_equal(measure_unit(catalogue_lookup(cat, "H")), "per 1,000 households");
  assert_string_equal(measure_unit(catalogue_lookup(cat, "D")), "per 100,000");
  assert_string_equal(measure_unit(catalogue_lookup(cat, "M")), "per 1,000,000");
  assert_string_equal(measure_unit(catalogue_lookup(cat, "P")), "%");
  assert_string_equal(measure_unit(catalogue_lookup(cat, "C")), "");
  /* a count's or average's own unit, in the label unless it says it */
  assert_string_equal(measure_unit(catalogue_lookup(cat, "T")), "tonnes");
  assert_string_equal(measure_unit_in(catalogue_lookup(cat, "T"), TRUE), "tunnell");
  assert_string_equal(measure_unit_in(catalogue_lookup(cat, "A"), TRUE), "days");
  char *l = measure_label_with_unit(catalogue_lookup(cat, "T"), "Waste collected");
  assert_string_equal(l, "Waste collected, tonnes");
  g_free(l);
  l = measure_label_with_unit(catalogue_lookup(cat, "A"), "Average Days to re-let");
  assert_string_equal(l, "Average Days to re-let");
  g_free(l);
  /* the Welsh title where there is one (tidied as <title> is), else the title */
  assert_string_equal(measure_title_in(catalogue_lookup(cat, "H"), TRUE), "Aelwydydd digartref");
  assert_string_equal(measure_title_in(catalogue_lookup(cat, "H"), FALSE), "Homeless households");
  assert_string_equal(measure_title_in(catalogue_lookup(cat, "D"), TRUE), "d");
  char *t = measure_with_unit("2.5", "per 1,000 households");
  assert_string_equal(t, "2.5 per 1,000 households");
  g_free(t);
  t = measure_with_unit("85.4", "%");
  assert_string_equal(t, "85.4%");
  g_free(t);
  t = measure_label_with_unit(catalogue_lookup(cat, "H"), "Homeless households");
  assert_string_equal(t, "Homeless households, per 1,000 households");
  g_free(t);
  t = measure_label_with_unit(catalogue_lookup(cat, "D"), "Delays per 100,000 adults");
  assert_string_equal(t, "Delays per 100,000 adults");
  g_free(t);
  catalogue_free(cat);
  diag_list_free(d);
  g_free(dir), g_free(path);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_walsall_has_every_sheet_measure_in_order),
      cmocka_unit_test(test_walsall_swaps_corrected_and_words_kept),
      cmocka_unit_test(test_lookup_ignores_case_and_spaces),
      cmocka_unit_test(test_bad_catalogues),
      cmocka_unit_test(test_units),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
