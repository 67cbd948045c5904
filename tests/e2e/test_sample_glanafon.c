/* The second sample (samples/glanafon-2024-q2/), a different authority and
 * service: quarterly financial-year periods, rates per 1,000 households and
 * per 100,000 residents, year-to-date and rolling measures, Wales
 * comparators, data-quality flags, small-number suppression and a
 * bilingual front sheet. Rendered by the real binary with no message at
 * all, and read back. */
#include "e2eutil.h"

#define SPEC "samples/glanafon-2024-q2/report.xml"

static RenderedSample sample;

static int render(void **state) {
  (void)state;
  return rendered_sample_make(SPEC, "e2e-glanafon", "glanafon.pdf", &sample);
}

static int teardown(void **state) {
  (void)state;
  rendered_sample_clear(&sample);
  return 0;
}

static void has(const char *want) { rendered_sample_has(&sample, want); }

static void test_units_from_the_catalogue(void **state) {
  (void)state;
  has("Households in temporary accommodation stood at 4.0 per 1,000 households at the end of the quarter");
  has("Roedd aelwydydd mewn llety dros dro yn 4.0 fesul 1,000 aelwyd ar ddiwedd y chwarter");
  has("reached 448.0 per 100,000 residents aged 65+");
  has("In temporary accommodation, per 1,000 households (SB) 4.1 4.2 4.0 n/a");
  assert_null(strstr(sample.text, "10,000"));
}

static void test_bilingual_front_sheet_welsh_first(void **state) {
  (void)state;
  const char *cy = strstr(sample.text, "Crynodeb Gweithredol"), *en = strstr(sample.text, "Executive summary");
  assert_non_null(cy);
  assert_non_null(en);
  assert_true(cy < en);
  has("Bod y Pwyllgor yn nodi'r perfformiad ar gyfer Chwarter 2 2024/25.");
  has("That the Committee notes performance for Quarter 2 2024/25.");
  has("yn is (yn well) na'r chwarter blaenorol (Chwarter 1 2024/25)");
}

static void test_arrows_say_what_they_compare(void **state) {
  (void)state;
  has("DoT compares the Q2 2024/25 figures with the previous quarter (Q1 2024/25); for GA-ADM, with the same quarter "
      "last year (Q2 2023/24).");
  has("higher (worse) than the same quarter last year (Quarter 2 2023/24)");
  has("Direction of travel from previous period or the same period last year");
}

static void test_flags_and_suppression(void **state) {
  (void)state;
  has("28.1 [r] days");
  has("83.3% [p] were still at home");
  has("[p] Provisional: may change when final figures are published");
  has("[c] A small number, not shown to protect confidentiality");
  has("Q2 2022/23 [c]");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_units_from_the_catalogue),
      cmocka_unit_test(test_bilingual_front_sheet_welsh_first),
      cmocka_unit_test(test_arrows_say_what_they_compare),
      cmocka_unit_test(test_flags_and_suppression),
  };
  return cmocka_run_group_tests(tests, render, teardown);
}
