/* measure_rank — see measure_rank.h. */
#include "measure_rank.h"

#include <string.h>

gboolean measures_rank_among(const Ratio *values, guint n, guint self, MeasurePolarity pol, int decimals,
                             MeasureRank *out) {
  memset(out, 0, sizeof *out);
  if (pol == POLARITY_NONE || self >= n) return FALSE;
  Ratio mine;
  if (!ratio_rounded(values[self], decimals, &mine)) return FALSE;
  guint better = 0;
  for (guint i = 0; i < n; i++) {
    Ratio v;
    if (!ratio_rounded(values[i], decimals, &v)) return FALSE;
    int c = ratio_cmp(v, mine);
    if (i != self && c == 0) out->joint = TRUE;
    if ((pol == POLARITY_BB && c > 0) || (pol == POLARITY_SB && c < 0)) better++;
  }
  out->rank = better + 1;
  out->of = n;
  return TRUE;
}

/* Welsh ordinals abbreviate as the last letters of the ordinal's last word
 * (Ask Dr Gramadeg, parallel.cymru, "Introducing cardinal and ordinal
 * numbers"; dysgwyr.co.uk, "Numbers"): 1af (cyntaf), 2il (ail), 3ydd,
 * 4ydd, 5ed, 6ed, 7fed … 10fed, 11eg (unfed ar ddeg), 12fed, 13eg, 14eg,
 * 15fed, 16eg, 17eg, 18fed, 19eg, 20fed (ugeinfed); 21ain to 39ain (… ar
 * hugain), 40fed (deugeinfed), 50fed (hanner canfed), 100fed (canfed).
 * The vigesimal pattern goes on: a score (40, 60, 80: deugeinfed,
 * trigeinfed, pedwar ugeinfed) and 50 end in -fed, numbers between them in
 * -ain (… a deugain, … a thrigain); past 100 the last two digits decide
 * (a hundred and first as the first), a whole hundred is -fed (canfed). */
static const char *welsh_ordinal_suffix(guint n) {
  static const char *const to_twenty[21] = {"fed", "af",  "il",  "ydd", "ydd", "ed", "ed",  "fed", "fed", "fed", "fed",
                                            "eg",  "fed", "eg",  "eg",  "fed", "eg", "eg",  "fed", "eg",  "fed"};
  if (n > 100) n %= 100;
  if (n <= 20) return to_twenty[n]; /* 0: a whole hundred, canfed */
  return n % 20 == 0 || n == 50 || n == 100 ? "fed" : "ain";
}

char *measures_ordinal(guint n, gboolean welsh) {
  if (welsh) return g_strdup_printf("%u%s", n, welsh_ordinal_suffix(n));
  const char *suffix = (n % 100 >= 11 && n % 100 <= 13) ? "th"
                       : n % 10 == 1                   ? "st"
                       : n % 10 == 2                   ? "nd"
                       : n % 10 == 3                   ? "rd"
                                                       : "th";
  return g_strdup_printf("%u%s", n, suffix);
}

char *measures_rank_text(const MeasureRank *r, gboolean welsh) {
  char *ord = measures_ordinal(r->rank, welsh);
  char *t = welsh ? g_strdup_printf("%s%s o %u", r->joint ? "cydradd " : "", ord, r->of)
                  : g_strdup_printf("%s%s of %u", r->joint ? "joint " : "", ord, r->of);
  g_free(ord);
  return t;
}

guint measures_rank_quartile(const MeasureRank *r) {
  if (r->of <= 1) return 1;
  guint q = 4 * (r->rank - 1) / (r->of - 1) + 1; /* the 1st at 0, the last at 1 */
  return CLAMP(q, 1, 4);
}

char *measures_rank_text_quartile(const MeasureRank *r, gboolean welsh) {
  static const char *const words[] = {"top quartile", "second quartile", "third quartile", "bottom quartile"};
  static const char *const cy[] = {"chwartel uchaf", "ail chwartel", "trydydd chwartel", "chwartel isaf"};
  char *rank = measures_rank_text(r, welsh);
  char *t = g_strdup_printf("%s (%s)", rank, (welsh ? cy : words)[measures_rank_quartile(r) - 1]);
  g_free(rank);
  return t;
}

static const char *series_group(const Measures *ms, const Measure *m, const char *series) {
  const GPtrArray *rows = mdata_rows_for(measures_data(ms), m, series);
  for (guint i = 0; i < rows->len; i++) {
    const DataRow *r = g_ptr_array_index(rows, i);
    if (*r->group) return r->group;
  }
  return "";
}

GPtrArray *measures_group_series(const Measures *ms, const Measure *m, const char *group) {
  GPtrArray *out = g_ptr_array_new();
  for (guint i = 0; i < measures_series_count(ms, m); i++) {
    const char *s = measures_series_name(ms, m, i);
    if (*s && strcmp(series_group(ms, m, s), group) == 0) g_ptr_array_add(out, (gpointer)s);
  }
  return out;
}

/* The groups m's series belong to, quoted, for a message. */
static char *groups_named(const Measures *ms, const Measure *m) {
  GString *s = g_string_new(NULL);
  GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
  for (guint i = 0; i < measures_series_count(ms, m); i++) {
    const char *g = series_group(ms, m, measures_series_name(ms, m, i));
    if (!*g || g_hash_table_contains(seen, g)) continue;
    g_hash_table_add(seen, (gpointer)g);
    g_string_append_printf(s, "%s\"%s\"", s->len ? ", " : "", g);
  }
  g_hash_table_destroy(seen);
  return g_string_free(s, FALSE);
}

/* A numeric figure of (ms, m, series) for p into *v. */
static gboolean figure(const Measures *ms, const Measure *m, const char *series, Period p, Ratio *v) {
  MeasureResult r;
  gboolean ok = measures_get_period(ms, m, series, p, &r) == MEASURE_OK && !r.is_text;
  if (ok) *v = r.value;
  measure_result_clear(&r);
  return ok;
}

static gboolean rank_in_group(const Measures *ms, const Measure *m, const char *group, Period p, GArray *values,
                              char **why) {
  GPtrArray *members = measures_group_series(ms, m, group);
  if (!members->len) {
    char *named = groups_named(ms, m);
    *why = g_strdup_printf("no series of %s is in the comparator group \"%s\" (the data's group column%s%s)", m->ref,
                           group, *named ? " names " : " names none for it", named);
    g_free(named);
  }
  for (guint i = 0; i < members->len; i++) {
    Ratio v;
    if (figure(ms, m, g_ptr_array_index(members, i), p, &v)) g_array_append_val(values, v);
  }
  gboolean ok = members->len > 0;
  g_ptr_array_unref(members);
  return ok;
}

static gboolean rank_in_level(const Measures *ms, const Measure *m, UnitLevel level, Period p, GArray *values,
                              guint *self, char **why) {
  const Unit *me = measures_unit(ms);
  const Measures *base = measures_base(ms);
  if (!me || me->level != level) {
    *why = g_strdup_printf("a rank among the %ss is for a %s's report, and this report is %s", unit_level_name(level),
                           unit_level_name(level), me ? "not one" : "for no unit (its <data> names no units=)");
    return FALSE;
  }
  GPtrArray *units = hierarchy_at_level(measures_hierarchy(ms), level, NULL);
  for (guint i = 0; i < units->len; i++) {
    const Unit *u = g_ptr_array_index(units, i);
    Measures *view = measures_unit_view_of(base, u, m);
    Ratio v;
    if (figure(view, m, NULL, p, &v)) {
      if (u == me) *self = values->len;
      g_array_append_val(values, v);
    }
    measures_free(view);
  }
  g_ptr_array_unref(units);
  return TRUE;
}

gboolean measures_rank(const Measures *ms, const Measure *m, const char *group, const UnitLevel *level, Period p,
                       MeasureRank *out, char **why) {
  *why = NULL;
  memset(out, 0, sizeof *out);
  if (m->polarity == POLARITY_NONE) {
    *why = g_strdup_printf("%s has no polarity in the catalogue, so no figure is better than another to rank", m->ref);
    return FALSE;
  }
  MeasureResult own;
  measures_get_period(ms, m, NULL, p, &own);
  if (own.status != MEASURE_OK || own.is_text) {
    *why = g_strdup(own.why ? own.why : "the report's own figure is not a number, so it has no rank");
    measure_result_clear(&own);
    return FALSE;
  }
  GArray *values = g_array_new(FALSE, FALSE, sizeof(Ratio));
  guint self = 0;
  gboolean ok;
  if (level) {
    self = G_MAXUINT;
    ok = rank_in_level(ms, m, *level, p, values, &self, why);
  } else {
    g_array_append_val(values, own.value);
    ok = rank_in_group(ms, m, group, p, values, why);
  }
  measure_result_clear(&own);
  ok = ok && self < values->len &&
       measures_rank_among((const Ratio *)(void *)values->data, values->len, self, m->polarity, m->decimals, out);
  if (!ok && !*why) *why = g_strdup_printf("%s could not be ranked", m->ref);
  g_array_free(values, TRUE);
  return ok;
}
