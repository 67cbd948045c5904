/* A report boardpack was not designed for (samples/strathmore-glens-2025-09/):
 * a Scottish council's monthly education and children's services paper,
 * written from the README alone. Rendered by the real binary with no
 * message at all, and read back: rates with their own units, a column
 * chart of rated bars that explains its shapes, a footnote in a table's
 * group row, small-number and provisional marks, a Gaelic phrase tagged
 * in its language, PDF/UA-1. */
#include "e2eutil.h"
#include "pdfua_check.h"

#define SPEC "samples/strathmore-glens-2025-09/report.xml"

static RenderedSample sample;

static int render(void **state) {
  (void)state;
  return rendered_sample_make(SPEC, "e2e-strathmore", "strathmore.pdf", &sample);
}

static int teardown(void **state) {
  (void)state;
  rendered_sample_clear(&sample);
  return 0;
}

static void has(const char *want) { rendered_sample_has(&sample, want); }

/* Each rate in its own unit, in text and scorecard; a label that names its
 * unit gets none added ("… per 1,000 pupils, per 1,000 pupils"). */
static void test_rates_in_their_units(void **state) {
  (void)state;
  has("The rate of looked-after children is 131.6 per 10,000 children (Scotland: 132.0 per 10,000 children).");
  has("The exclusion rate was unchanged at 2.7 per 1,000 pupils between August 2025 and September 2025.");
  has("Exclusion incidents per 1,000 pupils (SB) 1.9 2.7 1.7 2.7 2.7 n/a");
  assert_null(strstr(sample.text, "pupils, per 1,000"));
  assert_null(strstr(sample.text, "children aged 0–17, per 10,000"));
}

/* The column chart's bars are coloured and shaped by rating: its legend
 * says what each rating shown means, after the series and the target. */
static void test_rated_column_chart_has_its_key(void **state) {
  (void)state;
  has("Strathmore and Glens Target Green: met or better than the target Amber: short of the target, but within its "
      "tolerance Red: short of the target by more than its tolerance 2. Children and families");
}

/* A group row's footnote is printed at the foot of the page, numbered as
 * its reference is. */
static void test_group_row_footnote(void **state) {
  (void)state;
  has("Looked after away from home1");
  has("1 Placements outwith the council area are counted by the council that placed the child.");
}

/* Provisional and year-to-date figures keep their marks and targets. */
static void test_marks_and_profiled_target(void **state) {
  (void)state;
  has("Initial case conferences took 19.0 [p] working days on average");
  has("12 foster carer households have been approved since April green: meets the year-to-date target of 12 (24 for "
      "the year).");
  has("Looked-after children per 10,000 children aged 0–17 137.2 133.0 132.6 132.1 131.6 132.0 no target");
}

/* PDF/UA-1 holds, and the Gaelic phrase is tagged in its language. */
static void test_pdf_ua_and_gaelic(void **state) {
  (void)state;
  char *problems = pdfua_problems(sample.pdf);
  if (*problems) fprintf(stderr, "%s is not PDF/UA-1:\n%s", sample.pdf, problems);
  assert_string_equal(problems, "");
  g_free(problems);
  RunResult r = RUN("qpdf", "--qdf", "--object-streams=disable", sample.pdf, "-");
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "/Lang (gd)"));
  run_result_clear(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_rates_in_their_units),
      cmocka_unit_test(test_rated_column_chart_has_its_key),
      cmocka_unit_test(test_group_row_footnote),
      cmocka_unit_test(test_marks_and_profiled_target),
      cmocka_unit_test(test_pdf_ua_and_gaelic),
  };
  return cmocka_run_group_tests(tests, render, teardown);
}
