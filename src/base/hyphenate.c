/* hyphenate — see hyphenate.h.
 *
 * The patterns are libhyphen's file (Debian's hyph_en_GB.dic), matched
 * here the way libhyphen matches them, but read into one flat table:
 * libhyphen's loader builds a state machine with an allocation per state
 * and per transition, 40 M instructions a process (4.6% of rendering
 * the sample paper), where this table costs 8.5 M. test_hyphenate checks
 * the points against libhyphen's own for every word the patterns name and
 * thousands more.
 *
 * libhyphen's matching, as reproduced: the word, lower case, between two
 * '.'s; the "states" are every prefix of every pattern's letters; at each
 * position only the longest state ending there counts (its automaton
 * follows fallbacks, and never unites the match of a shorter pattern
 * ending at the same place: the Debian file is preprocessed so that it
 * need not), and if that state is a pattern its digits raise the points
 * under it. A file with what this does not read (NEXTLEVEL, non-standard
 * "/" patterns) is refused as if missing. */
#include "hyphenate.h"

#include <string.h>

/* One state: a prefix of a pattern's letters, with the pattern's digits
 * (leading zeros dropped, as libhyphen keeps them) when it is a whole one. */
typedef struct {
  guint32 hash;
  guint32 key;     /* offset in `keys`; NO_KEY: an empty slot */
  guint16 key_len;
  guint16 match_len; /* 0: not a pattern (or one of zeros: nothing to raise) */
  guint32 match;   /* offset in `digits` */
} HyphenState;

#define NO_KEY G_MAXUINT32

typedef struct {
  HyphenState *slots; /* open addressing, linear probing */
  guint32 mask;       /* slots - 1, a power of two less one */
  guint32 used;
  guint8 *keys, *digits; /* each as large as the file: no line has more letters, or digits, than bytes */
  gsize keys_len, digits_len;
  gsize longest;      /* the longest state, in bytes */
} HyphenTable;

static HyphenTable *dict;

static guint32 hash_step(guint32 h, guint8 c) { return (h ^ c) * 16777619u; }
#define HASH_INIT 2166136261u

/* Keys are a few bytes: a loop beats a call to memcmp. */
static gboolean keys_equal(const guint8 *a, const guint8 *b, gsize len) {
  for (gsize i = 0; i < len; i++)
    if (a[i] != b[i]) return FALSE;
  return TRUE;
}

static HyphenState *table_slot(HyphenTable *t, guint32 hash, const guint8 *key, gsize len) {
  for (guint32 i = hash & t->mask;; i = (i + 1) & t->mask) {
    HyphenState *s = &t->slots[i];
    if (s->key == NO_KEY) return s;
    if (s->hash == hash && s->key_len == len && keys_equal(t->keys + s->key, key, len)) return s;
  }
}

static void table_grow(HyphenTable *t) {
  HyphenState *old = t->slots;
  guint32 n = t->mask + 1;
  t->mask = n * 2 - 1;
  t->slots = g_new(HyphenState, n * 2);
  for (guint32 i = 0; i < n * 2; i++) t->slots[i].key = NO_KEY;
  for (guint32 i = 0; i < n; i++) {
    if (old[i].key == NO_KEY) continue;
    HyphenState *s = table_slot(t, old[i].hash, t->keys + old[i].key, old[i].key_len);
    *s = old[i];
  }
  g_free(old);
}

/* The state for `key`, made if new. `key` may point into t->keys. */
static HyphenState *table_state(HyphenTable *t, guint32 hash, gsize key_off, gsize len) {
  HyphenState *s = table_slot(t, hash, t->keys + key_off, len);
  if (s->key != NO_KEY) return s;
  if ((t->used + 1) * 2 > t->mask + 1) {
    table_grow(t);
    s = table_slot(t, hash, t->keys + key_off, len);
  }
  *s = (HyphenState){.hash = hash, .key = (guint32)key_off, .key_len = (guint16)len};
  t->used++;
  t->longest = MAX(t->longest, len);
  return s;
}

/* One pattern line ("ab3ol"): its letters and every prefix of them are
 * states; the whole is a pattern. A later line for the same letters
 * replaces the digits, as in libhyphen. */
static gboolean table_add_pattern(HyphenTable *t, const char *line, gsize n) {
  gsize key_off = t->keys_len, digits_off = t->digits_len;
  guint8 *keys = t->keys + key_off, *digits = t->digits + digits_off, digit = 0;
  gsize letters = 0;
  for (gsize i = 0; i < n; i++) {
    guint8 c = (guint8)line[i];
    if (c >= '0' && c <= '9') {
      digit = c - '0';
      continue;
    }
    digits[letters] = digit, keys[letters] = c;
    digit = 0, letters++;
  }
  digits[letters] = digit;
  if (!letters) return TRUE;
  if (letters > G_MAXUINT16 - 1) return FALSE;
  t->keys_len += letters;
  t->digits_len += letters + 1;
  guint32 h = HASH_INIT;
  HyphenState *s = NULL;
  for (gsize len = 1; len <= letters; len++) {
    h = hash_step(h, keys[len - 1]);
    s = table_state(t, h, key_off, len);
  }
  gsize zeros = 0;
  while (zeros <= letters && digits[zeros] == 0) zeros++;
  s->match = (guint32)(digits_off + zeros);
  s->match_len = (guint16)(letters + 1 - zeros);
  return TRUE;
}

static gboolean table_keyword(const char *line) {
  static const char *const words[] = {"LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN",
                                      "COMPOUNDRIGHTHYPHENMIN", "NOHYPHEN", NULL};
  for (int i = 0; words[i]; i++)
    if (strncmp(line, words[i], strlen(words[i])) == 0) return TRUE;
  return FALSE;
}

/* The patterns of `text` (the file: a charset line, then a line each),
 * or NULL for a file this does not read as libhyphen would. */
static HyphenTable *table_load(const char *text, gsize size) {
  HyphenTable *t = g_new0(HyphenTable, 1);
  t->mask = 65535; /* the Debian file has 33,000 states: never grown */
  t->slots = g_new(HyphenState, t->mask + 1);
  for (guint32 i = 0; i <= t->mask; i++) t->slots[i].key = NO_KEY;
  t->keys = g_malloc(size + 2);
  t->digits = g_malloc(size + 2);
  gboolean ok = TRUE;
  const char *p = strchr(text, '\n'); /* the charset line */
  while (ok && p && *++p) {
    const char *eol = strchr(p, '\n');
    gsize n = 0;
    while (p[n] && (guint8)p[n] > ' ') n++;
    if (strncmp(p, "NEXTLEVEL", 9) == 0 || memchr(p, '/', n)) ok = FALSE;
    else if (*p != '%' && !(g_ascii_isupper(*p) && table_keyword(p))) ok = table_add_pattern(t, p, n);
    p = eol;
  }
  if (ok) return t;
  g_free(t->slots);
  g_free(t->keys);
  g_free(t->digits);
  g_free(t);
  return NULL;
}

gboolean hyphen_ready(GError **error) {
  static gsize once;
  if (g_once_init_enter(&once)) {
    char *text = NULL;
    gsize size = 0;
    if (g_file_get_contents(HYPHEN_EN_GB_DIC, &text, &size, NULL)) dict = table_load(text, size);
    g_free(text);
    g_once_init_leave(&once, 1);
  }
  if (!dict)
    g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                "hyphenation patterns %s are missing: install the Debian package hyphen-en-gb", HYPHEN_EN_GB_DIC);
  return dict != NULL;
}

void hyphen_points(const char *lower, gsize len, guint8 *points) {
  gsize m = len + 2;
  guint8 *prep = g_malloc(m), *raised = g_malloc0(m + 1);
  /* per end: the longest state ending there (NULL: none) */
  const HyphenState **longest = g_new0(const HyphenState *, m);
  prep[0] = '.', prep[m - 1] = '.';
  memcpy(prep + 1, lower, len);
  /* states are prefix-closed: from each start, extend until one is not;
   * starts go left to right, so the first state found for an end is its
   * longest */
  for (gsize s = 0; s < m; s++) {
    guint32 h = HASH_INIT;
    for (gsize e = s; e < m && e - s < dict->longest; e++) {
      h = hash_step(h, prep[e]);
      const HyphenState *st = table_slot(dict, h, prep + s, e - s + 1);
      if (st->key == NO_KEY) break;
      if (!longest[e]) longest[e] = st;
    }
  }
  for (gsize e = 0; e < m; e++) {
    const HyphenState *st = longest[e];
    if (!st || !st->match_len) continue;
    gssize offset = (gssize)(e + 1) - st->match_len;
    for (gsize k = 0; k < st->match_len; k++) {
      guint8 d = dict->digits[st->match + k];
      if (offset + (gssize)k >= 0 && raised[offset + k] < d) raised[offset + k] = d;
    }
  }
  /* raised[i + 1] lies between the word's letters i and i + 1 */
  for (gsize i = 0; i < len; i++) points[i] = i + 1 < len ? raised[i + 1] : 0;
  g_free(longest);
  g_free(raised);
  g_free(prep);
}

static void range_add(GArray *ranges, const char *text, const char *start, const char *end) {
  int pair[2] = {(int)(start - text), (int)(end - text)};
  g_array_append_vals(ranges, pair, 2);
}

/* One word of ASCII letters, in pieces between its hyphenation points.
 * The patterns work on lower case; the points are the same as written. */
static void word_pieces(const char *text, const char *word, gsize len, GArray *ranges) {
  char *lower = g_ascii_strdown(word, (gssize)len);
  guint8 *points = g_malloc(len);
  hyphen_points(lower, len, points);
  const char *piece = word;
  for (gsize i = 0; i + 1 < len; i++) {
    /* LEFTHYPHENMIN 2, RIGHTHYPHENMIN 3, as the patterns' header says */
    if (!(points[i] & 1) || i + 1 < 2 || len - (i + 1) < 3) continue;
    range_add(ranges, text, piece, word + i + 1);
    piece = word + i + 1;
  }
  range_add(ranges, text, piece, word + len);
  g_free(points);
  g_free(lower);
}

/* The character at p: ASCII without a call (most text is). */
static gunichar char_at(const char *p) { return (guchar)*p < 0x80 ? (gunichar)*p : g_utf8_get_char(p); }

/* A letter of a script that separates words with spaces. */
static gboolean is_word_letter(gunichar c) {
  if (c < 0x80) return g_ascii_isalpha(c);
  return (g_unichar_isalpha(c) || g_unichar_ismark(c)) && c < 0x0530;
}

/* Words of letters: whole, or in pieces between hyphenation points. */
static void words_unbreakable(const char *text, gboolean hyphenate, GArray *ranges) {
  const char *p = text;
  while (*p) {
    if (!is_word_letter(char_at(p))) {
      p = g_utf8_next_char(p);
      continue;
    }
    const char *start = p;
    gboolean ascii = TRUE;
    while (*p && is_word_letter(char_at(p))) ascii &= (unsigned char)*p < 0x80, p = g_utf8_next_char(p);
    gsize len = (gsize)(p - start);
    if (hyphenate && ascii && len >= HYPHENATE_MIN_LETTERS && hyphen_ready(NULL)) word_pieces(text, start, len, ranges);
    else range_add(ranges, text, start, p);
  }
}

/* As g_unichar_isspace (which for ASCII is these five), or a no-break
 * space or line separator. */
static gboolean is_space(gunichar c) {
  if (c < 0x80) return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  return g_unichar_isspace(c) || c == 0x00A0 || c == 0x2028;
}

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
    if (is_space(char_at(p))) {
      p = g_utf8_next_char(p);
      continue;
    }
    const char *start = p;
    gboolean digit = FALSE;
    while (*p && !is_space(char_at(p))) digit |= g_ascii_isdigit(*p), p = g_utf8_next_char(p);
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
