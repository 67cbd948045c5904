/* spec_override: periods relative to the report's period, resolved before
 * bind, with errors at the reference. */
#include "testutil.h"

#include "spec/spec_override.h"

static char *rel(const char *text, const char *base) {
  Period p;
  g_assert_true(period_parse(base, &p, NULL));
  char *why = NULL;
  char *out = spec_period_relative(text, &p, &why);
  if (!out) fail_msg("%s", why);
  return out;
}

static void expect(const char *text, const char *base, const char *want) {
  char *got = rel(text, base);
  assert_string_equal(got, want);
  g_free(got);
}

static void test_steps_of_the_same_kind(void **state) {
  (void)state;
  expect("P", "2013-04", "2013-04");
  expect("P-1", "2013-04", "2013-03");
  expect("P-12", "2013-04", "2012-04");
  expect("P+9", "2013-04", "2014-01");
  expect("P-1", "2013-Q1", "2012-Q4");
  expect("P-1", "2013/14", "2012/13");
  expect("P-1", "2013/14-Q1", "2012/13-Q4");
  expect("P-1", "2013-04..2013-06", "2013-01..2013-03");
  expect("2012/13", "2013-04", "2012/13"); /* absolute periods are left alone */
}

static void test_bad_relative_periods(void **state) {
  (void)state;
  Period p;
  g_assert_true(period_parse("2013-04", &p, NULL));
  char *why = NULL;
  assert_null(spec_period_relative("P-x", &p, &why));
  assert_non_null(strstr(why, "not a relative period"));
  g_free(why), why = NULL;
  assert_null(spec_period_relative("P-1", NULL, &why));
  assert_non_null(strstr(why, "there is none"));
  g_free(why), why = NULL;
  assert_null(spec_period_relative("P-2000", &p, &why));
  g_free(why);
}

static const char spec_xml[] =
    "<report>\n"
    "  <meta><committee>C</committee><date>2013-05-21</date><title>T</title></meta>\n"
    "  <data catalogue='c.xml' values='d.csv' period='2013-04'/>\n"
    "  <body><section title='S'>\n"
    "    <p><change ref='X' from='P-1' to='P'/> and <value ref='X' period='P-12'/></p>\n"
    "    <scorecard title='K'><column period='P-1'/><column period='P'/><measure ref='X'/></scorecard>\n"
    "    <chart><caption>C</caption><periods>P-2 P-1 P</periods><series ref='X'/></chart>\n"
    "  </section></body>\n"
    "</report>\n";

static Spec *load(const char *xml) {
  char *dir = test_scratch_dir("spec-override");
  g_free(test_write_file(dir, "c.xml", "<catalogue/>"));
  g_free(test_write_file(dir, "d.csv", "ref\n"));
  char *path = test_write_file(dir, "r.xml", xml);
  DiagList *diags = diag_list_new();
  Spec *spec = spec_load(path, diags);
  if (!spec) diag_print(diags, stderr);
  assert_non_null(spec);
  diag_list_free(diags);
  g_free(path);
  g_free(dir);
  return spec;
}

static void test_every_place_resolved(void **state) {
  (void)state;
  Spec *spec = load(spec_xml);
  DiagList *diags = diag_list_new();
  assert_true(spec_periods_resolve(spec, "2013-06", diags));
  assert_string_equal(spec->data.period, "2013-06");
  const SpecBlock *sec = spec->body->children[0];
  const SpecBlock *p = sec->children[0];
  assert_string_equal(p->text.runs[0].measure.from, "2013-05");
  assert_string_equal(p->text.runs[0].measure.to, "2013-06");
  assert_string_equal(p->text.runs[2].measure.period, "2012-06");
  const SpecBlock *card = sec->children[1];
  assert_string_equal(card->data->columns[0].period, "2013-05");
  const SpecBlock *chart = sec->children[2];
  assert_int_equal(chart->data->n_periods, 3);
  assert_string_equal(chart->data->periods[0], "2013-04");
  assert_string_equal(chart->data->periods[2], "2013-06");
  diag_list_free(diags);
  spec_free(spec);
}

static void test_error_at_the_reference(void **state) {
  (void)state;
  Spec *spec = load(spec_xml);
  spec->data.period = NULL;
  DiagList *diags = diag_list_new();
  assert_false(spec_periods_resolve(spec, NULL, diags));
  const Diag *d = diag_find(diags, "relative to the report's period");
  assert_non_null(d);
  assert_int_equal(d->line, 5);
  diag_list_free(diags);
  spec_free(spec);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_steps_of_the_same_kind),
      cmocka_unit_test(test_bad_relative_periods),
      cmocka_unit_test(test_every_place_resolved),
      cmocka_unit_test(test_error_at_the_reference),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
