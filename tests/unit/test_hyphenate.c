/* hyphenate: words break only at the patterns' points; codes, references
 * and figures with units never break. */
#include "testutil.h"

#include "base/hyphenate.h"

#include <hyphen.h>

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

/* libhyphen's points for `lower`, before its hyphen-min rules. */
static gboolean libhyphen_agrees(HyphenDict *hd, const char *lower, GString *why) {
  gsize len = strlen(lower);
  char *want = g_malloc0(len + 5);
  char **rep = NULL;
  int *pos = NULL, *cut = NULL;
  hnj_hyphen_hyphenate2(hd, lower, (int)len, want, NULL, &rep, &pos, &cut);
  guint8 *got = g_malloc(len);
  hyphen_points(lower, len, got);
  gboolean same = rep == NULL;
  /* libhyphen clears the first point and the last three (LEFTHYPHENMIN 2, RIGHTHYPHENMIN 3) */
  for (gsize i = 1; same && i + 3 < len; i++) same = (got[i] & 1) == (want[i] & 1);
  if (!same) g_string_append_printf(why, "%s ", lower);
  g_free(got), g_free(want);
  return same;
}

/* The table matches as libhyphen's automaton does: every word the
 * patterns name, and pseudo-random letters (which reach states no real
 * word does). */
static void test_points_as_libhyphen(void **state) {
  (void)state;
  assert_true(hyphen_ready(NULL));
  HyphenDict *hd = hnj_hyphen_load(HYPHEN_EN_GB_DIC);
  assert_non_null(hd);
  char *text = NULL;
  assert_true(g_file_get_contents(HYPHEN_EN_GB_DIC, &text, NULL, NULL));
  GString *why = g_string_new(NULL);
  guint words = 0, bad = 0;
  char **lines = g_strsplit(text, "\n", -1);
  for (char **l = lines; *l; l++) {
    GString *w = g_string_new(NULL);
    for (const char *c = *l; *c; c++)
      if (g_ascii_islower(*c)) g_string_append_c(w, *c);
    if (w->len >= 4 && (**l == '.' || g_ascii_islower(**l) || g_ascii_isdigit(**l))) words++, bad += !libhyphen_agrees(hd, w->str, why);
    g_string_free(w, TRUE);
  }
  g_strfreev(lines);
  guint32 seed = 12345;
  for (int i = 0; i < 20000; i++) {
    char w[24];
    int n = 4 + i % 18;
    for (int k = 0; k < n; k++) seed = seed * 1103515245u + 12345u, w[k] = "etaoinshrdlucmfwypvbgkjqxz"[(seed >> 16) % (k % 3 ? 12 : 26)];
    w[n] = 0;
    words++, bad += !libhyphen_agrees(hd, w, why);
  }
  if (words < 25000) fail_msg("only %u words", words);
  if (bad) fail_msg("%u of %u words differ from libhyphen: %.400s", bad, words, why->str);
  g_string_free(why, TRUE);
  g_free(text);
  hnj_hyphen_free(hd);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_patterns_loaded),
      cmocka_unit_test(test_words_in_pieces),
      cmocka_unit_test(test_codes_and_figures_whole),
      cmocka_unit_test(test_points_as_libhyphen),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
