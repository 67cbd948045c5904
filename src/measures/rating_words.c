/* rating_words — the shapes and words of ratings and directions (rating.h):
 * the one table of symbols, read by bind (the legend, <band words>), by
 * render (a symbol's ActualText) and by html (its hidden words).
 *
 * Why shapes as well as colour: a rating must read in greyscale and to a
 * reader who cannot tell red from green, so each level has its own shape
 * (circle, diamond, cross; star, triangle) and its own word. */
#include <string.h>

#include "catalogue.h"
#include "rating.h"

/* ---- the table ------------------------------------------------------------- */

typedef struct {
  gunichar ch;
  const char *utf8;
  /* [basis + 1][welsh]: basis unknown, previous period, same period last
   * year, a named period; only directions differ by basis */
  const char *words[4][2];
} SymbolWords;

#define SAME(en, cy) {{en, cy}, {en, cy}, {en, cy}, {en, cy}}

static const SymbolWords SYMBOLS[] = {
    {0x2605, "\xe2\x98\x85", SAME("achieved the minimum standard", "wedi cyrraedd y safon ofynnol")},
    {0x25B2, "\xe2\x96\xb2", SAME("did not meet the minimum standard", "heb gyrraedd y safon ofynnol")},
    {0x25CF, "\xe2\x97\x8f", SAME("green: on target", "gwyrdd: ar y targed")},
    {0x25C6, "\xe2\x97\x86", SAME("amber: short of target, within the tolerance", "ambr: yn brin o'r targed, o fewn y goddefiant")},
    {0x2716, "\xe2\x9c\x96", SAME("red: off target", "coch: oddi ar y targed")},
    {0x2197, "\xe2\x86\x97",
     {{"improved", "wedi gwella"},
      {"improved since the previous period", "wedi gwella ers y cyfnod blaenorol"},
      {"improved since the same period last year", "wedi gwella ers yr un cyfnod y llynedd"},
      {"improved since the comparison period", "wedi gwella ers y cyfnod cymharu"}}},
    {0x2194, "\xe2\x86\x94",
     {{"maintained", "wedi aros yr un fath"},
      {"maintained since the previous period", "wedi aros yr un fath ers y cyfnod blaenorol"},
      {"maintained since the same period last year", "wedi aros yr un fath ers yr un cyfnod y llynedd"},
      {"maintained since the comparison period", "wedi aros yr un fath ers y cyfnod cymharu"}}},
    {0x2198, "\xe2\x86\x98",
     {{"deteriorated", "wedi dirywio"},
      {"deteriorated since the previous period", "wedi dirywio ers y cyfnod blaenorol"},
      {"deteriorated since the same period last year", "wedi dirywio ers yr un cyfnod y llynedd"},
      {"deteriorated since the comparison period", "wedi dirywio ers y cyfnod cymharu"}}},
    {0x260E, "\xe2\x98\x8e", SAME("telephone", "ff\xc3\xb4n")},
    {0x2709, "\xe2\x9c\x89", SAME("email", "e-bost")},
    {0x25A0, "\xe2\x96\xa0", SAME("bullet", "bwled")}, /* slide bullets */
};

const char *measure_symbol_words(gunichar ch, int basis, gboolean welsh) {
  if (ch < 0x80) return NULL; /* every one of SYMBOLS is outside ASCII */
  int b = basis < SYMBOL_BASIS_UNKNOWN || basis > 2 ? 0 : basis + 1;
  for (guint i = 0; i < G_N_ELEMENTS(SYMBOLS); i++)
    if (SYMBOLS[i].ch == ch) return SYMBOLS[i].words[b][welsh ? 1 : 0];
  return NULL;
}

/* Byte by byte, decoding only what is not ASCII: render asks this of
 * every tagged text box, which is nearly all ASCII (a character at a time
 * through the table cost 30 M instructions in the 10x pack). */
gboolean measure_symbols_any(const char *text, int len) {
  const char *end = text + len;
  for (const char *p = text; p < end;) {
    if ((guchar)*p < 0x80) {
      p++;
      continue;
    }
    if (measure_symbol_words(g_utf8_get_char(p), SYMBOL_BASIS_UNKNOWN, FALSE)) return TRUE;
    p = g_utf8_next_char(p);
  }
  return FALSE;
}

char *measure_symbols_spoken(const char *text, int len, int basis, gboolean welsh) {
  if (!measure_symbols_any(text, len)) return NULL;
  GString *s = g_string_new(NULL);
  for (const char *p = text; p < text + len; p = g_utf8_next_char(p)) {
    gunichar ch = g_utf8_get_char(p);
    const char *words = measure_symbol_words(ch, basis, welsh);
    if (!words) {
      g_string_append_unichar(s, ch);
      continue;
    }
    g_string_append(s, words);
    const char *next = g_utf8_next_char(p);
    if (next < text + len && !g_unichar_isspace(g_utf8_get_char(next))) g_string_append_c(s, ' ');
  }
  return g_string_free(s, FALSE);
}

/* ---- levels ------------------------------------------------------------------ */

const char *rating_symbol(RatingLevel l) {
  switch (l) {
  case RATING_ACHIEVED: return SYMBOLS[0].utf8;
  case RATING_NOT_MET: return SYMBOLS[1].utf8;
  case RATING_GREEN: return SYMBOLS[2].utf8;
  case RATING_AMBER: return SYMBOLS[3].utf8;
  case RATING_RED: return SYMBOLS[4].utf8;
  default: return "";
  }
}

guint32 rating_colour(RatingLevel l) {
  switch (l) {
  case RATING_GREEN:
  case RATING_ACHIEVED: return 0x2e7d32;
  case RATING_AMBER: return 0xa86400;
  case RATING_RED:
  case RATING_NOT_MET: return 0xc62828;
  default: return 0;
  }
}

/* A fifth of the colour, four fifths white. */
#define RATING_FILL_SHARE 0.2

gboolean rating_fill(RatingLevel l, guint32 *rgb) {
  guint32 c = rating_colour(l);
  if (!rating_is_rated(l)) return FALSE;
  guint32 out = 0;
  for (int shift = 16; shift >= 0; shift -= 8) {
    double v = RATING_FILL_SHARE * (c >> shift & 0xff) + (1 - RATING_FILL_SHARE) * 255;
    out |= (guint32)(v + 0.5) << shift;
  }
  *rgb = out;
  return TRUE;
}

const char *rating_name(RatingLevel l, gboolean welsh) {
  static const char *const en[RATING_LEVEL_COUNT] = {"no target", "not yet available", "achieved", "not met",
                                                     "green",     "amber",             "red"};
  static const char *const cy[RATING_LEVEL_COUNT] = {"dim targed", "ddim ar gael eto", "wedi cyrraedd", "heb gyrraedd",
                                                     "gwyrdd",     "ambr",             "coch"};
  return (welsh ? cy : en)[l];
}

/* The standard scheme's two lines when maximums were shown: only
 * maximums, or minimums and maximums both. */
static const char *standard_legend_words(RatingLevel l, guint standards, gboolean welsh) {
  gboolean only_max = !(standards & RATING_STANDARD_MIN);
  static const char *const words[2][2][2] = {
      /* [welsh][only_max][not met] */
      {{"Met the standard (at or above its minimum, at or below its maximum)", "Did not meet the standard"},
       {"Within maximum standard", "Above maximum standard"}},
      {{"Wedi cyrraedd y safon (ar neu uwchben ei isafswm, ar neu islaw ei uchafswm)", "Heb gyrraedd y safon"},
       {"O fewn y safon uchaf", "Uwchben y safon uchaf"}}};
  return words[welsh ? 1 : 0][only_max ? 1 : 0][l == RATING_NOT_MET];
}

const char *rating_legend_words(RatingLevel l, guint standards, gboolean welsh) {
  if ((l == RATING_ACHIEVED || l == RATING_NOT_MET) && (standards & RATING_STANDARD_MAX))
    return standard_legend_words(l, standards, welsh);
  static const char *const en[RATING_LEVEL_COUNT] = {
      "No target: the figure is shown for information", "Not yet available", "Achieved or exceeded minimum standard",
      "Did not meet minimum standard", "Green: met or better than the target",
      "Amber: short of the target, but within its tolerance", "Red: short of the target by more than its tolerance"};
  static const char *const cy[RATING_LEVEL_COUNT] = {
      "Dim targed: dangosir y ffigur er gwybodaeth", "Ddim ar gael eto", "Wedi cyrraedd neu ragori ar y safon ofynnol",
      "Heb gyrraedd y safon ofynnol", "Gwyrdd: wedi cyrraedd neu ragori ar y targed",
      "Ambr: yn brin o'r targed, ond o fewn ei oddefiant", "Coch: yn brin o'r targed o fwy na'i oddefiant"};
  return (welsh ? cy : en)[l];
}

/* ---- sentences ----------------------------------------------------------------- */

char *rating_number(Ratio v, int decimals, const char *unit) {
  char *t = ratio_format(v, decimals, TRUE);
  if (!t) t = g_strdup("?");
  if (strchr(t, '.')) {
    size_t n = strlen(t);
    while (n && t[n - 1] == '0') t[--n] = '\0';
    if (n && t[n - 1] == '.') t[--n] = '\0';
  }
  char *u = measure_with_unit(t, unit);
  g_free(t);
  return u;
}

/* "the 85% target", "the target of 28 days" / "the year-to-date target of
 * 600 (1,200 for the year)";
 * Welsh without its article: "targed o 85%". */
static char *target_phrase(const Rating *r, const char *unit, int decimals, gboolean welsh) {
  char *t = rating_number(r->target, decimals, unit);
  char *out;
  if (r->profiled) {
    char *a = rating_number(r->annual_target, decimals, unit);
    out = welsh ? g_strdup_printf("targed hyd yma eleni o %s (%s am y flwyddyn)", t, a)
                : g_strdup_printf("the year-to-date target of %s (%s for the year)", t, a);
    g_free(a);
  } else {
    /* "the 85% target", but "the target of 28 days": a number with a
     * word for its unit does not stand before "target" */
    gboolean percent = unit && strcmp(unit, "%") == 0;
    out = welsh     ? g_strdup_printf("targed o %s", t)
          : percent ? g_strdup_printf("the %s target", t)
                    : g_strdup_printf("the target of %s", t);
  }
  g_free(t);
  return out;
}

static char *rag_words(const Rating *r, const char *unit, int decimals, gboolean welsh) {
  char *target = target_phrase(r, unit, decimals, welsh);
  /* "within 5% of the 85% target", "by more than 0.25 minutes", but
   * "within 10 of the target of 60 per 100,000 collections": a rate's long
   * unit is said once */
  gboolean rate = unit && (strncmp(unit, "per ", 4) == 0 || strncmp(unit, "fesul ", 6) == 0);
  char *tol = rating_number(r->tolerance, decimals, unit && !rate ? unit : "");
  gboolean has_tol = r->tolerance.num > 0;
  const char *name = rating_name(r->level, welsh);
  char *t;
  if (r->level == RATING_GREEN)
    t = welsh ? g_strdup_printf("%s: yn cyrraedd y %s", name, target) : g_strdup_printf("%s: meets %s", name, target);
  else if (r->level == RATING_AMBER)
    t = welsh ? g_strdup_printf("%s: o fewn %s i'r %s", name, tol, target)
              : g_strdup_printf("%s: within %s of %s", name, tol, target);
  else if (has_tol)
    t = welsh ? g_strdup_printf("%s: yn methu'r %s o fwy na %s", name, target, tol)
              : g_strdup_printf("%s: misses %s by more than %s", name, target, tol);
  else
    t = welsh ? g_strdup_printf("%s: yn methu'r %s", name, target) : g_strdup_printf("%s: misses %s", name, target);
  g_free(target), g_free(tol);
  return t;
}

char *rating_words(const Rating *r, const char *unit, int decimals, gboolean welsh) {
  char *t;
  if (r->level >= RATING_GREEN && r->has_target) t = rag_words(r, unit, decimals, welsh);
  else if (r->level == RATING_ACHIEVED || r->level == RATING_NOT_MET)
    t = g_strdup(measure_symbol_words(g_utf8_get_char(rating_symbol(r->level)), SYMBOL_BASIS_UNKNOWN, welsh));
  else t = g_strdup(rating_name(r->level, welsh));
  if (!r->provisional) return t;
  char *p = g_strconcat(t, welsh ? " (dros dro)" : " (provisional)", NULL);
  g_free(t);
  return p;
}
