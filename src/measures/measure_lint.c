/* measure_lint — the data checks behind `boardpack check` (declared in
 * measures.h).
 *
 * Every finding names the data file and a line: the row at fault, or for a
 * gap the first row after it, or for a request the spec's location. Rows
 * that failed to read are already reported (mdata_problems) and are not
 * checked again here, so one bad cell gives one message. */
#include <string.h>

#include "measures_internal.h"

/* "CCC 1", "RA4 (England)" or "CS1 of unit W07". */
static char *who_series(const Measure *m, const char *series, const char *unit) {
  return g_strdup_printf("%s%s%s%s%s%s", m->ref, *unit ? " of unit " : "", unit, *series ? " (" : "", series,
                         *series ? ")" : "");
}

/* "CS1 2024-03", "RA4 (England) 2013-06", "CS1 2024-03 of unit W07". */
static char *who_unit(const Measure *m, const char *series, const char *unit, Period p) {
  char *t = period_text(p), *s = who_series(m, series, "");
  char *out = g_strdup_printf("%s %s%s%s", s, t, *unit ? " of unit " : "", unit);
  g_free(t), g_free(s);
  return out;
}

/* A row as a finding names it, with its unit if it has one. */
static char *who(const DataRow *r) { return who_unit(r->measure, r->series, r->unit, r->period); }

/* ---- one row --------------------------------------------------------------- */

static void lint_raw_percentage(const char *file, const DataRow *r, DiagList *diags) {
  const Measure *m = r->measure;
  if (r->num > r->den && r->den > 0) {
    /* checked: a numerator near 2^63 must not wrap (num * 100 did) */
    Ratio share, pct;
    gboolean ok = ratio_make(r->num, r->den, &share) && ratio_mul(share, ratio_int(100), &pct);
    char *shown = ok ? ratio_format(pct, 1, TRUE) : NULL, *w = who(r);
    diag_error(diags, file, r->line, r->col_num,
               "%s: numerator %" G_GINT64_FORMAT " is greater than denominator %" G_GINT64_FORMAT
               " (%s%%, above 100): the numerator and denominator may be swapped (the catalogue defines the "
               "numerator as \"%s\" and the denominator as \"%s\")",
               w, r->num, r->den, shown ? shown : "?", m->numerator, m->denominator);
    g_free(shown), g_free(w);
  }
}

static void lint_row(const char *file, const DataRow *r, DiagList *diags) {
  const Measure *m = r->measure;
  if (r->raw && r->has_den && r->den == 0) {
    char *w = who(r);
    diag_error(diags, file, r->line, r->col_den, "%s: the denominator is zero, so the value cannot be computed", w);
    g_free(w);
    return;
  }
  if (r->raw && m->kind == MEASURE_PERCENTAGE) lint_raw_percentage(file, r, diags);
  if (r->has_value && m->kind == MEASURE_PERCENTAGE &&
      (ratio_cmp(r->value, ratio_int(100)) > 0 || r->value.num < 0)) {
    char *shown = ratio_format(r->value, r->value_decimals, TRUE), *w = who(r);
    diag_error(diags, file, r->line, r->col_value,
               "%s: the percentage %s is %s: check the figure (were the numerator and denominator swapped?)", w,
               shown, r->value.num < 0 ? "below 0" : "above 100");
    g_free(shown), g_free(w);
  }
}

/* ---- duplicates ------------------------------------------------------------ */

/* Published figures collide by the months their basis covers, raw counts
 * by their own months. */
static Period row_window(const DataRow *r) { return r->raw ? r->period : measures_window(r->measure, r->period); }

/* Rows are their own keys (a set of DataRow*): a key string per row cost
 * a million-row file some 200 MB. */
static guint64 mix(guint64 h, guint64 v) {
  h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull; /* murmur3's finaliser: every input bit reaches every output bit */
  return h ^ (h >> 33);
}

static guint row_key_hash(gconstpointer p) {
  const DataRow *r = p;
  Period w = row_window(r);
  guint64 h = mix(mix(g_str_hash(r->series), g_str_hash(r->unit)), r->measure->index);
  h = mix(h, (guint64)(guint)w.start << 32 | (guint)w.months);
  return (guint)mix(h, r->raw);
}

static gboolean row_key_equal(gconstpointer a, gconstpointer b) {
  const DataRow *x = a, *y = b;
  Period wx = row_window(x), wy = row_window(y);
  return x->raw == y->raw && x->measure == y->measure && wx.start == wy.start && wx.months == wy.months &&
         strcmp(x->series, y->series) == 0 && strcmp(x->unit, y->unit) == 0;
}

static void lint_duplicates(const MeasureData *md, DiagList *diags) {
  GHashTable *seen = g_hash_table_new(row_key_hash, row_key_equal);
  for (guint i = 0; i < mdata_count(md); i++) {
    const DataRow *r = mdata_row(md, i);
    if (!r->usable) continue;
    const DataRow *first = g_hash_table_lookup(seen, r);
    if (first) {
      char *a = period_text(r->period), *b = period_text(first->period), *w = who(r);
      diag_error(diags, mdata_file(md), r->line, r->col_period, "duplicate row: %s was already given on line %d%s%s%s",
                 w, first->line, strcmp(a, b) ? " (as " : "", strcmp(a, b) ? b : "",
                 strcmp(a, b) ? ", which covers the same months)" : "");
      g_free(a), g_free(b), g_free(w);
    } else {
      g_hash_table_add(seen, (gpointer)r);
    }
  }
  g_hash_table_destroy(seen);
}

/* ---- per measure and series ------------------------------------------------ */

typedef struct {
  const Measures *ms;
  const Measure *m;
  const char *series;
  const char *file;
  DiagList *diags;
  const char *unit; /* "" for the top unit's rows, else the unit whose own rows ms holds */
} Scope;

/* Raw monthly rows by month index, within [first, last]. */
static const DataRow **month_rows(const Scope *s, int *first, int *last) {
  const GPtrArray *rows = mdata_rows_for(measures_data(s->ms), s->m, s->series);
  *first = G_MAXINT, *last = G_MININT;
  for (guint i = 0; i < rows->len; i++) {
    const DataRow *r = g_ptr_array_index(rows, i);
    if (r->raw && r->period.kind == PERIOD_MONTH) *first = MIN(*first, r->period.start), *last = MAX(*last, r->period.start);
  }
  if (*first > *last) return NULL;
  const DataRow **by = g_new0(const DataRow *, *last - *first + 1);
  for (guint i = 0; i < rows->len; i++) {
    const DataRow *r = g_ptr_array_index(rows, i);
    if (r->raw && r->period.kind == PERIOD_MONTH && !by[r->period.start - *first]) by[r->period.start - *first] = r;
  }
  return by;
}

static void report_gap(const Scope *s, int from, int to, const DataRow *next) {
  Period a = {PERIOD_MONTH, from, 1}, b = {PERIOD_MONTH, to, 1};
  char *ta = period_text(a), *tb = period_text(b), *tn = period_text(next->period), *w = who_series(s->m, s->series, s->unit);
  diag_error(s->diags, s->file, next->line, next->col_period,
             "%s: no row for %s%s%s, a month missing inside the %s window of %s and later months", w, ta,
             from == to ? "" : " to ", from == to ? "" : tb, measure_basis_name(s->m->basis), tn);
  g_free(ta), g_free(tb), g_free(tn), g_free(w);
}

static void lint_gaps(const Scope *s) {
  if (s->m->basis == BASIS_MONTHLY || s->m->basis == BASIS_SNAPSHOT) return;
  int first, last;
  const DataRow **by = month_rows(s, &first, &last);
  for (int i = first; by && i <= last; i++) {
    if (by[i - first]) continue;
    int j = i;
    while (!by[j - first]) j++; /* by[last - first] is present */
    const DataRow *next = by[j - first];
    /* A ytd window never reaches back past its year's start. */
    gboolean inside = s->m->basis != BASIS_YTD || period_year_start(j, s->m->year_start) <= i;
    if (inside) report_gap(s, i, j - 1, next);
    i = j;
  }
  g_free(by);
}

static gboolean beyond_threshold(const Measure *m, Ratio prev, Ratio delta) {
  Ratio limit = m->max_change;
  if (m->max_change_relative) {
    Ratio frac;
    if (!ratio_div(m->max_change, ratio_int(100), &frac) || !ratio_mul(frac, ratio_abs(prev), &limit)) return FALSE;
  }
  return ratio_cmp(ratio_abs(delta), limit) > 0;
}

static void lint_jump(const Scope *s, const MeasureResult *a, const MeasureResult *b) {
  Ratio delta;
  if (!ratio_sub(b->value, a->value, &delta) || !beyond_threshold(s->m, a->value, delta)) return;
  char *ta = period_text(a->period), *tb = period_text(b->period);
  char *change = measures_change_display(a, b);
  char *limit = ratio_format(s->m->max_change, RATIO_MAX_DECIMALS, FALSE);
  /* trim the zeros ratio_format keeps for a fixed number of places */
  for (size_t n = strlen(limit); n > 1 && (limit[n - 1] == '0' || limit[n - 1] == '.'); n--) {
    gboolean dot = limit[n - 1] == '.';
    limit[n - 1] = '\0';
    if (dot) break;
  }
  char *w = who_series(s->m, s->series, s->unit);
  diag_warning(s->diags, s->file, b->line, 0,
               "%s: changed from %s in %s to %s in %s (%s), more than the max-change of %s%s: check for a data error",
               w, a->display, ta, b->display, tb, change, limit, s->m->max_change_relative ? "%" : "");
  g_free(ta), g_free(tb), g_free(change), g_free(limit), g_free(w);
}

/* Compares each month's value (on the measure's basis) with the month
 * before, wherever both exist. */
static void lint_jumps(const Scope *s) {
  if (!s->m->has_max_change) return;
  GArray *periods = measures_periods(s->ms, s->m, s->series);
  MeasureResult prev = {0};
  for (guint i = 0; i < periods->len; i++) {
    Period p = g_array_index(periods, Period, i);
    if (p.kind != PERIOD_MONTH) continue;
    MeasureResult cur;
    measures_get_period(s->ms, s->m, s->series, p, &cur);
    gboolean both = prev.status == MEASURE_OK && !prev.is_text && prev.display && cur.status == MEASURE_OK &&
                    !cur.is_text && prev.period.start == p.start - 1;
    if (both) lint_jump(s, &prev, &cur);
    measure_result_clear(&prev);
    prev = cur;
  }
  measure_result_clear(&prev);
  g_array_unref(periods);
}

/* A published figure should agree with the raw counts for the same months. */
static void lint_published_vs_raw(const Scope *s) {
  const GPtrArray *rows = mdata_rows_for(measures_data(s->ms), s->m, s->series);
  for (guint i = 0; i < rows->len; i++) {
    const DataRow *r = g_ptr_array_index(rows, i);
    if (r->raw || !r->has_value) continue;
    MeasureResult raw;
    if (measures_get_raw(s->ms, s->m, s->series, r->period, &raw) == MEASURE_OK) {
      Ratio shown;
      if (ratio_rounded(raw.value, r->value_decimals, &shown) && ratio_cmp(shown, r->value) != 0) {
        char *pub = ratio_format(r->value, r->value_decimals, TRUE);
        char *got = ratio_format(raw.value, r->value_decimals, TRUE), *w = who_unit(s->m, s->series, s->unit, r->period);
        diag_warning(s->diags, s->file, r->line, r->col_value,
                     "%s: the published %s differs from %s computed from the raw rows for the same months", w, pub,
                     got);
        g_free(pub), g_free(got), g_free(w);
      }
    }
    measure_result_clear(&raw);
  }
}

/* Rates whose rows carry no denominator need a population figure. */
static void lint_population(const Scope *s) {
  if (s->m->kind != MEASURE_RATE) return;
  const GPtrArray *rows = mdata_rows_for(measures_data(s->ms), s->m, s->series);
  for (guint i = 0; i < rows->len; i++) {
    const DataRow *r = g_ptr_array_index(rows, i);
    Ratio pop;
    if (!r->raw || r->has_den || measures_population(s->ms, s->m, s->series, period_end(r->period), &pop)) continue;
    char *w = who_unit(s->m, s->series, s->unit, r->period);
    diag_error(s->diags, s->file, r->line, r->col_num,
               "%s: a rate with no denominator needs a population figure (%s) for the period or before it", w,
               s->m->population ? s->m->population : "no population= in the catalogue");
    g_free(w);
  }
}

/* Gaps, jumps and published figures of every measure and series in ms
 * (the top unit's rows, or one unit's own). A unit's population may be
 * summed from its children's, which only the hierarchy knows (lint runs
 * before it is attached): its view says so when a rate is asked for. */
static void lint_series(const Measures *ms, const char *unit, DiagList *diags) {
  const char *file = mdata_file(measures_data(ms));
  for (guint i = 0; i < measures_count(ms); i++) {
    const Measure *m = measures_nth(ms, i);
    for (guint j = 0; j < measures_series_count(ms, m); j++) {
      Scope s = {ms, m, measures_series_name(ms, m, j), file, diags, unit};
      lint_gaps(&s);
      if (!*unit) lint_population(&s);
      lint_jumps(&s);
      lint_published_vs_raw(&s);
    }
  }
}

/* Rows naming a unit are not indexed by the file's data (a report reads
 * them through a unit's view), so each unit's own rows are gathered into
 * a Measures of their own, one unit at a time, and checked like the top
 * unit's: the same messages, naming the unit, at the same lines. */
static void lint_units(const Measures *ms, DiagList *diags) {
  const MeasureData *md = measures_data(ms);
  GHashTable *by_unit = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, (GDestroyNotify)g_ptr_array_unref);
  GPtrArray *order = g_ptr_array_new(); /* units in order of first row, so messages come in file order */
  for (guint i = 0; i < mdata_count(md); i++) {
    const DataRow *r = mdata_row(md, i);
    if (!r->usable || !*r->unit) continue;
    GPtrArray *rows = g_hash_table_lookup(by_unit, r->unit);
    if (!rows) {
      g_hash_table_insert(by_unit, (gpointer)r->unit, rows = g_ptr_array_new());
      g_ptr_array_add(order, (gpointer)r->unit);
    }
    g_ptr_array_add(rows, (gpointer)r);
  }
  for (guint u = 0; u < order->len; u++) {
    const char *unit = g_ptr_array_index(order, u);
    GPtrArray *rows = g_hash_table_lookup(by_unit, unit);
    Measures own = {.cat = ms->cat, .data = mdata_view_new(md), .base = ms};
    for (guint i = 0; i < rows->len; i++) mdata_view_add(own.data, g_ptr_array_index(rows, i), NULL);
    lint_series(&own, unit, diags);
    mdata_free(own.data);
  }
  g_ptr_array_free(order, TRUE);
  g_hash_table_destroy(by_unit);
}

void measures_lint(const Measures *ms, DiagList *diags) {
  const MeasureData *md = measures_data(ms);
  const DiagList *problems = mdata_problems(md);
  for (guint i = 0; i < diag_count(problems); i++) {
    const Diag *d = diag_get(problems, i);
    diag_add(diags, d->severity, d->file, d->line, d->col, "%s", d->message);
  }
  for (guint i = 0; i < mdata_count(md); i++) {
    const DataRow *r = mdata_row(md, i);
    if (r->usable) lint_row(mdata_file(md), r, diags);
  }
  lint_duplicates(md, diags);
  lint_series(ms, "", diags);
  lint_units(ms, diags);
}

gboolean measures_status_optional(MeasureStatus status) {
  return status == MEASURE_NO_DATA || status == MEASURE_INCOMPLETE;
}

void measures_lint_requests(const Measures *ms, const MeasureRequest *reqs, guint n, DiagList *diags) {
  for (guint i = 0; i < n; i++) {
    const MeasureRequest *q = &reqs[i];
    MeasureResult r;
    MeasureStatus st = measures_get(ms, q->ref, q->series, q->period, &r);
    gboolean soft = q->optional && measures_status_optional(st);
    if (st != MEASURE_OK)
      diag_add(diags, soft ? DIAG_WARNING : DIAG_ERROR, q->file, q->line, q->col, "%s%s", r.why,
               soft ? "; \"n/a\" will be printed" : "");
    measure_result_clear(&r);
  }
}
