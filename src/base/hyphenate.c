/* hyphenate — see hyphenate.h. */
#include "hyphenate.h"

#include <hyphen.h>
#include <stdlib.h>
#include <string.h>

static HyphenDict *dict;

gboolean hyphen_ready(GError **error) {
  static gsize once;
  if (g_once_init_enter(&once)) {
    if (g_file_test(HYPHEN_EN_GB_DIC, G_FILE_TEST_IS_REGULAR)) dict = hnj_hyphen_load(HYPHEN_EN_GB_DIC);
    g_once_init_leave(&once, 1);
  }
  if (!dict)
    g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                "hyphenation patterns %s are missing: install the Debian package hyphen-en-gb", HYPHEN_EN_GB_DIC);
  return dict != NULL;
}

static void range_add(GArray *ranges, const char *text, const char *start, const char *end) {
  int pair[2] = {(int)(start - text), (int)(end - text)};
  g_array_append_vals(ranges, pair, 2);
}

/* One word of ASCII letters, in pieces between its hyphenation points.
 * The patterns work on lower case; the points are the same as written. */
static void word_pieces(const char *text, const char *word, gsize len, GArray *ranges) {
  char *lower = g_ascii_strdown(word, (gssize)len);
  char *hyphens = g_malloc0(len + 5);
  char **rep = NULL;
  int *pos = NULL, *cut = NULL;
  int failed = hnj_hyphen_hyphenate2(dict, lower, (int)len, hyphens, NULL, &rep, &pos, &cut);
  const char *piece = word;
  for (gsize i = 0; i + 1 < len; i++) {
    /* LEFTHYPHENMIN 2, RIGHTHYPHENMIN 3, as the patterns' header says;
     * a non-standard change of spelling at the break is not used */
    if (failed || rep || !(hyphens[i] & 1) || i + 1 < 2 || len - (i + 1) < 3) continue;
    range_add(ranges, text, piece, word + i + 1);
    piece = word + i + 1;
  }
  range_add(ranges, text, piece, word + len);
  if (rep) {
    for (gsize i = 0; i < len; i++) free(rep[i]);
    free(rep), free(pos), free(cut);
  }
  g_free(hyphens);
  g_free(lower);
}

/* A letter of a script that separates words with spaces. */
static gboolean is_word_letter(gunichar c) {
  return (g_unichar_isalpha(c) || g_unichar_ismark(c)) && c < 0x0530;
}

/* Words of letters: whole, or in pieces between hyphenation points. */
static void words_unbreakable(const char *text, gboolean hyphenate, GArray *ranges) {
  const char *p = text;
  while (*p) {
    if (!is_word_letter(g_utf8_get_char(p))) {
      p = g_utf8_next_char(p);
      continue;
    }
    const char *start = p;
    gboolean ascii = TRUE;
    while (*p && is_word_letter(g_utf8_get_char(p))) ascii &= (unsigned char)*p < 0x80, p = g_utf8_next_char(p);
    gsize len = (gsize)(p - start);
    if (hyphenate && ascii && len >= HYPHENATE_MIN_LETTERS && hyphen_ready(NULL)) word_pieces(text, start, len, ranges);
    else range_add(ranges, text, start, p);
  }
}

static gboolean is_space(gunichar c) { return g_unichar_isspace(c) || c == 0x00A0 || c == 0x2028; }

/* A unit that belongs to the figure before it. */
static gboolean is_unit(const char *start, gsize len) {
  static const char *const units[] = {"%",     "pp",    "p",    "days", "day",   "weeks", "week", "months", "month",
                                      "years", "year",  "hrs",  "hours", "hour", "mins",  "minutes", "km",
                                      "kg",    "mm",    "cm",   "m",    "bn",    "k",     "points", "pts", NULL};
  for (int i = 0; units[i]; i++)
    if (strlen(units[i]) == len && g_ascii_strncasecmp(start, units[i], len) == 0) return TRUE;
  return FALSE;
}

/* A code or reference without a digit ("GH-PRES", "HSG/B", "A.B"):
 * capitals joined by a hyphen, slash or full stop, nothing in lower case.
 * It breaks nowhere, like one with a digit ("HSG01/B"). */
static gboolean is_code(const char *start, const char *end) {
  int capitals = 0, joins = 0;
  for (const char *q = start; q < end; q++) {
    if (g_ascii_isupper(*q)) capitals++;
    else if ((*q == '-' || *q == '/' || *q == '.') && q > start && q + 1 < end) joins++;
    else if (!g_ascii_isdigit(*q)) return FALSE;
  }
  return capitals >= 2 && joins > 0;
}

void hyphen_unbreakable(const char *text, gboolean words, gboolean hyphenate, GArray *ranges) {
  if (words) words_unbreakable(text, hyphenate, ranges);
  const char *p = text;
  const char *figure_end = NULL; /* end of the last token with a digit, if only spaces since */
  const char *figure_start = NULL;
  while (*p) {
    if (is_space(g_utf8_get_char(p))) {
      p = g_utf8_next_char(p);
      continue;
    }
    const char *start = p;
    gboolean digit = FALSE;
    while (*p && !is_space(g_utf8_get_char(p))) digit |= g_ascii_isdigit(*p), p = g_utf8_next_char(p);
    /* a trailing full stop or comma is punctuation, not part of a unit */
    const char *word_end = p;
    while (word_end > start && (word_end[-1] == '.' || word_end[-1] == ',' || word_end[-1] == ';' ||
                                word_end[-1] == ':' || word_end[-1] == ')'))
      word_end--;
    if (figure_end && !digit && is_unit(start, (gsize)(word_end - start)) && start - figure_end <= 1) {
      range_add(ranges, text, figure_start, p); /* "12 weeks": figure, space and unit */
      figure_end = NULL;
      continue;
    }
    if (digit || is_code(start, word_end)) range_add(ranges, text, start, p);
    figure_start = start;
    figure_end = digit ? p : NULL;
  }
}
