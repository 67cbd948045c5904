/* hyphenate: words break only at the patterns' points; codes, references
 * and figures with units never break. */
#include "testutil.h"

#include "base/hyphenate.h"

/* The ranges as "start-end start-end …" over `text`'s pieces. */
static char *pieces(const char *text, gboolean words) {
  GArray *r = g_array_new(FALSE, FALSE, sizeof(int));
  hyphen_unbreakable(text, words, words, r);
  GString *s = g_string_new(NULL);
  for (guint i = 0; i + 1 < r->len; i += 2) {
    int a = g_array_index(r, int, i), b = g_array_index(r, int, i + 1);
    g_string_append_printf(s, "%s[%.*s]", s->len ? " " : "", b - a, text + a);
  }
  g_array_free(r, TRUE);
  return g_string_free(s, FALSE);
}

static void expect(const char *text, gboolean words, const char *want) {
  char *got = pieces(text, words);
  if (strcmp(got, want) != 0) fail_msg("'%s': got %s, want %s", text, got, want);
  g_free(got);
}

static void test_patterns_loaded(void **state) {
  (void)state;
  GError *err = NULL;
  assert_true(hyphen_ready(&err));
}

static void test_words_in_pieces(void **state) {
  (void)state;
  expect("Households", TRUE, "[House] [holds]");
  expect("Applications received", TRUE, "[Ap] [plic] [a] [tions] [re] [ceived]");
  expect("Duty", TRUE, "[Duty]");             /* short words stay whole */
  expect("Ysgol Gymraeg", TRUE, "[Ysgol] [Gym] [raeg]");
  expect("café", TRUE, "[café]");             /* not ASCII: whole, never cut */
}

static void test_codes_and_figures_whole(void **state) {
  (void)state;
  expect("HSG01/B and NI117", FALSE, "[HSG01/B] [NI117]");
  expect("wait 12 weeks.", FALSE, "[12] [12 weeks.]");
  expect("£1.2 m, 45 % and 2013/14", FALSE, "[£1.2] [£1.2 m,] [45] [45 %] [2013/14]");
  expect("12 households", FALSE, "[12]"); /* not a unit: may break after the figure */
  /* codes without a digit: capitals joined by - / . (a definitions sheet's REF) */
  expect("GH-PRES and HSG/B, A.B.", FALSE, "[GH-PRES] [HSG/B,] [A.B.]");
  expect("NHS-funded and -GH", FALSE, ""); /* lower case; no join inside */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_patterns_loaded),
      cmocka_unit_test(test_words_in_pieces),
      cmocka_unit_test(test_codes_and_figures_whole),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
