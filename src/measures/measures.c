/* measures — see measures.h.
 *
 * Values are found in three steps (published row, raw window, kind
 * formula); each step is its own function so that lint can ask for the
 * raw-only value to compare with a published one. */
#include "measures.h"

#include <string.h>

#include "base/infile.h"
#include "base/spelling.h"
#include "measures_internal.h"

/* ---- loading ------------------------------------------------------------- */

/* The catalogue from its bytes, then the data read and parsed; the data's
 * bytes to *data_bytes (the caller's) when asked for. */
static Measures *load_from(const char *catalogue_path, GBytes *cat_bytes, const char *data_path, GBytes **data_bytes,
                           DiagList *diags) {
  Catalogue *cat = catalogue_parse(catalogue_path, cat_bytes, diags);
  if (!cat) return NULL;
  GBytes *bytes = infile_read_reported(data_path, INFILE_DATA, diags);
  gsize len = 0;
  const char *buf = bytes ? g_bytes_get_data(bytes, &len) : NULL;
  MeasureData *data = bytes ? mdata_parse(data_path, buf ? buf : "", len, cat, diags) : NULL;
  if (!data) {
    if (bytes) g_bytes_unref(bytes);
    catalogue_free(cat);
    return NULL;
  }
  if (data_bytes) *data_bytes = bytes;
  else g_bytes_unref(bytes);
  Measures *ms = g_new0(Measures, 1);
  ms->cat = cat, ms->data = data;
  return ms;
}

Measures *measures_load_unchecked(const char *catalogue_path, const char *data_path, DiagList *diags) {
  GBytes *cat_bytes = infile_read_reported(catalogue_path, INFILE_XML, diags);
  if (!cat_bytes) return NULL;
  Measures *ms = load_from(catalogue_path, cat_bytes, data_path, NULL, diags);
  g_bytes_unref(cat_bytes);
  return ms;
}

/* Lint, and NULL if anything since `mark` is an error. */
static Measures *linted(Measures *ms, DiagMark mark, DiagList *diags) {
  if (ms) measures_lint(ms, diags);
  if (ms && diag_errors_since(diags, mark)) {
    measures_free(ms);
    return NULL;
  }
  return ms;
}

Measures *measures_load(const char *catalogue_path, const char *data_path, DiagList *diags) {
  DiagMark mark = diag_mark(diags);
  return linted(measures_load_unchecked(catalogue_path, data_path, diags), mark, diags);
}

static void set_unref(MeasuresSet *set);

void measures_free(Measures *ms) {
  if (!ms) return;
  measures_units_free(ms);
  if (ms->shared) {
    set_unref(ms->shared);
  } else {
    mdata_free(ms->data);
    if (!ms->base) catalogue_free(ms->cat);
  }
  g_free(ms);
}

/* ---- the memo -------------------------------------------------------------- */

struct MeasuresSet {
  guint refs;             /* the memo's and each Measures' made from it */
  Catalogue *cat;
  MeasureData *data;
  char *catalogue_path, *data_path; /* as named */
  GBytes *cat_bytes, *data_bytes;   /* what they were loaded from */
  DiagList *said;         /* what loading and lint said */
};

struct MeasuresMemo {
  MeasuresSet *set; /* the last one loaded, or NULL */
};

static void set_unref(MeasuresSet *set) {
  if (--set->refs) return;
  catalogue_free(set->cat);
  mdata_free(set->data);
  g_free(set->catalogue_path), g_free(set->data_path);
  g_bytes_unref(set->cat_bytes), g_bytes_unref(set->data_bytes);
  diag_list_free(set->said);
  g_free(set);
}

MeasuresMemo *measures_memo_new(void) { return g_new0(MeasuresMemo, 1); }

static void memo_forget(MeasuresMemo *memo) {
  if (memo->set) set_unref(memo->set);
  memo->set = NULL;
}

void measures_memo_free(MeasuresMemo *memo) {
  if (!memo) return;
  memo_forget(memo);
  g_free(memo);
}

static Measures *set_share(MeasuresSet *set) {
  Measures *ms = g_new0(Measures, 1);
  ms->cat = set->cat, ms->data = set->data, ms->shared = set;
  set->refs++;
  return ms;
}

static void diags_copy(const DiagList *from, guint first, DiagList *to) {
  for (guint i = first; i < diag_count(from); i++) {
    const Diag *d = diag_get(from, i);
    diag_add(to, d->severity, d->file, d->line, d->col, "%s", d->message);
  }
}

/* The memo's set, if it was loaded from these paths and bytes (the data
 * file is read again here, quietly: on any failure the full load says
 * why). */
static Measures *memo_share(MeasuresMemo *memo, const char *catalogue_path, GBytes *cat_bytes, const char *data_path,
                            DiagList *diags) {
  MeasuresSet *set = memo->set;
  if (!set || g_strcmp0(set->catalogue_path, catalogue_path) || g_strcmp0(set->data_path, data_path) ||
      !g_bytes_equal(set->cat_bytes, cat_bytes))
    return NULL;
  GBytes *data_bytes = infile_read(data_path, INFILE_DATA, NULL);
  gboolean same = data_bytes && g_bytes_equal(set->data_bytes, data_bytes);
  if (data_bytes) g_bytes_unref(data_bytes);
  if (!same) return NULL;
  diags_copy(set->said, 0, diags);
  return set_share(set);
}

gboolean measures_memo_keeps(guint64 catalogue_size, guint64 data_size) {
  return catalogue_size + data_size <= MEASURES_MEMO_MAX;
}

/* A fresh load; the memo keeps it if it is small enough. */
static Measures *memo_load(MeasuresMemo *memo, const char *catalogue_path, GBytes *cat_bytes, const char *data_path,
                           DiagList *diags) {
  memo_forget(memo); /* before loading, so that two sets are never in memory for it */
  DiagMark mark = diag_mark(diags);
  guint said = diag_count(diags);
  GBytes *data_bytes = NULL;
  Measures *ms = linted(load_from(catalogue_path, cat_bytes, data_path, &data_bytes, diags), mark, diags);
  if (!ms || !measures_memo_keeps(g_bytes_get_size(cat_bytes), g_bytes_get_size(data_bytes))) {
    if (data_bytes) g_bytes_unref(data_bytes);
    return ms;
  }
  MeasuresSet *set = g_new0(MeasuresSet, 1);
  set->refs = 2; /* the memo's and ms's */
  set->cat = ms->cat, set->data = ms->data;
  set->catalogue_path = g_strdup(catalogue_path), set->data_path = g_strdup(data_path);
  set->cat_bytes = g_bytes_ref(cat_bytes), set->data_bytes = data_bytes;
  set->said = diag_list_new();
  diags_copy(diags, said, set->said);
  ms->shared = memo->set = set;
  return ms;
}

Measures *measures_load_memo(MeasuresMemo *memo, const char *catalogue_path, const char *data_path, DiagList *diags) {
  if (!memo) return measures_load(catalogue_path, data_path, diags);
  GBytes *cat_bytes = infile_read_reported(catalogue_path, INFILE_XML, diags);
  if (!cat_bytes) return NULL;
  Measures *ms = memo_share(memo, catalogue_path, cat_bytes, data_path, diags);
  if (!ms) ms = memo_load(memo, catalogue_path, cat_bytes, data_path, diags);
  g_bytes_unref(cat_bytes);
  return ms;
}

const Catalogue *measures_catalogue(const Measures *ms) { return ms->cat; }
const MeasureData *measures_data(const Measures *ms) { return ms->data; }
guint measures_count(const Measures *ms) { return catalogue_count(ms->cat); }
const Measure *measures_nth(const Measures *ms, guint i) { return catalogue_nth(ms->cat, i); }
const Measure *measures_lookup(const Measures *ms, const char *ref) { return catalogue_lookup(ms->cat, ref); }

/* ---- windows ------------------------------------------------------------- */

static Period range(int start, int months) { return (Period){PERIOD_RANGE, start, months}; }
static Period month_at(int index) { return (Period){PERIOD_MONTH, index, 1}; }

Period measures_window(const Measure *m, Period p) {
  int end = period_end(p);
  switch (m->basis) {
  case BASIS_ROLLING_12:
  case BASIS_ANNUAL: return range(end - 11, 12);
  case BASIS_YTD: {
    int s = period_year_start(end, m->year_start);
    return range(s, end - s + 1);
  }
  case BASIS_SNAPSHOT: return range(end, 1);
  case BASIS_MONTHLY:
  default: return range(p.start, p.months);
  }
}

Period measures_previous(const Measure *m, Period p) {
  switch (m->comparison) {
  case COMPARE_YEAR_AGO: return period_shift_years(p, -1);
  case COMPARE_PERIOD: return m->compare_period;
  case COMPARE_PREVIOUS:
  default: return period_prev(p);
  }
}

/* "month", "quarter", "year": what a period is called in a comparison. */
static const char *kind_word(Period p) {
  switch (p.kind) {
  case PERIOD_MONTH: return "month";
  case PERIOD_QUARTER:
  case PERIOD_FY_QUARTER: return "quarter";
  case PERIOD_FY:
  case PERIOD_YEAR: return "year";
  default: return "period";
  }
}

char *measures_comparison_name(const Measure *m, Period p) {
  const char *k = kind_word(p);
  gboolean year = strcmp(k, "year") == 0;
  switch (m->comparison) {
  case COMPARE_PERIOD: return period_long_name(m->compare_period);
  case COMPARE_YEAR_AGO: return year ? g_strdup("the previous year") : g_strdup_printf("the same %s last year", k);
  case COMPARE_PREVIOUS:
  default: return g_strdup_printf("the previous %s", k);
  }
}

/* ---- results ------------------------------------------------------------- */

void measure_result_clear(MeasureResult *r) {
  g_free(r->why);
  g_free(r->display);
  memset(r, 0, sizeof *r);
}

static MeasureStatus fail(MeasureResult *out, MeasureStatus st, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
static MeasureStatus fail(MeasureResult *out, MeasureStatus st, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  g_free(out->why);
  out->why = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  out->status = st;
  return st;
}

static const char *series_label(const char *series) { return series && *series ? series : "own figures"; }

static MeasureStatus from_published(const DataRow *row, MeasureResult *out) {
  out->published = TRUE;
  out->line = row->line;
  out->note = row->note;
  out->band = row->band;
  out->flags = row->flags;
  if (row->text) {
    out->is_text = TRUE;
    out->display = g_strdup(row->text);
  } else {
    out->value = row->value;
    out->decimals = row->value_decimals;
    out->display = ratio_format(row->value, row->value_decimals, TRUE);
  }
  out->status = MEASURE_OK;
  return MEASURE_OK;
}

/* Sum of a window's raw rows. */
typedef struct {
  gint64 num, den;
  gboolean has_den;
  guint flags; /* of every row summed */
  gint64 least; /* the smallest positive numerator of a row summed, 0 if none */
  guint rows;
  const DataRow *last;
} RawSum;

static char *missing_months_text(GPtrArray *missing) {
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < missing->len && i < 6; i++) {
    if (i) g_string_append(s, ", ");
    g_string_append(s, g_ptr_array_index(missing, i));
  }
  if (missing->len > 6) g_string_append_printf(s, " and %u more", missing->len - 6);
  return g_string_free(s, FALSE);
}

static gboolean add_row(RawSum *sum, const DataRow *r, gboolean first, gboolean last, DenominatorWindow dw) {
  if (__builtin_add_overflow(sum->num, r->num, &sum->num)) return FALSE;
  sum->flags |= r->flags;
  if (r->num > 0 && (!sum->least || r->num < sum->least)) sum->least = r->num;
  sum->rows++;
  sum->has_den = first ? r->has_den : sum->has_den && r->has_den;
  if (dw == DENOMINATOR_SUM) {
    if (__builtin_add_overflow(sum->den, r->den, &sum->den)) return FALSE;
  } else if ((dw == DENOMINATOR_FIRST && first) || (dw == DENOMINATOR_LAST && last)) {
    sum->den = r->den;
  }
  sum->last = r;
  return TRUE;
}

/* The row that starts at month `t` and fits in the `left` months to the
 * window's end: a month's, else a quarter's or a year's (data kept by
 * quarter sums to a year as monthly data does); its length in *len. */
static const DataRow *tile_at(const MeasureData *md, const Measure *m, const char *series, int t, int left, int *len) {
  static const int spans[] = {1, 3, 12};
  for (guint k = 0; k < G_N_ELEMENTS(spans) && spans[k] <= left; k++) {
    const DataRow *r = mdata_find_raw(md, m, series, (Period){PERIOD_MONTH, t, spans[k]});
    if (r) {
      *len = spans[k];
      return r;
    }
  }
  *len = 1;
  return NULL;
}

/* Tiles the window with rows of months, quarters or years. */
static MeasureStatus sum_months(const MeasureData *md, const Measure *m, const char *series, Period w, RawSum *sum,
                                MeasureResult *out) {
  GPtrArray *missing = g_ptr_array_new_with_free_func(g_free);
  GPtrArray *tiles = g_ptr_array_new();
  for (int t = w.start, len; t < w.start + w.months; t += len) {
    const DataRow *r = tile_at(md, m, series, t, w.start + w.months - t, &len);
    if (r) g_ptr_array_add(tiles, (gpointer)r);
    else g_ptr_array_add(missing, period_text(month_at(t)));
  }
  MeasureStatus st = MEASURE_OK;
  char *wtext = period_text(w), *ptext = period_text(out->period);
  if (!tiles->len) {
    st = fail(out, MEASURE_NO_DATA, "%s has no data for %s (%s)", m->ref, ptext, series_label(series));
  } else if (missing->len) {
    char *list = missing_months_text(missing);
    st = fail(out, MEASURE_INCOMPLETE, "%s (%s) has no row for %s, which its %s value for %s needs (months %s)", m->ref,
              series_label(series), list, measure_basis_name(m->basis), ptext, wtext);
    g_free(list);
  }
  g_free(ptext);
  for (guint i = 0; st == MEASURE_OK && i < tiles->len; i++)
    if (!add_row(sum, g_ptr_array_index(tiles, i), i == 0, i == tiles->len - 1, m->denominator_window))
      st = fail(out, MEASURE_UNDEFINED, "%s: the counts for %s are too large", m->ref, wtext);
  g_free(wtext);
  g_ptr_array_free(tiles, TRUE);
  g_ptr_array_free(missing, TRUE);
  return st;
}

static MeasureStatus sum_raw(const MeasureData *md, const Measure *m, const char *series, Period w, RawSum *sum,
                             MeasureResult *out) {
  const DataRow *exact = mdata_find_raw(md, m, series, w);
  if (exact) {
    add_row(sum, exact, TRUE, TRUE, DENOMINATOR_SUM);
    return MEASURE_OK;
  }
  if (w.months == 1) {
    char *t = period_text(out->period);
    fail(out, MEASURE_NO_DATA, "%s has no data for %s (%s)", m->ref, t, series_label(series));
    g_free(t);
    return MEASURE_NO_DATA;
  }
  return sum_months(md, m, series, w, sum, out);
}

/* A population row's figure: its raw numerator or its published value. */
static gboolean population_figure(const DataRow *r, Ratio *out) {
  if (r->raw) {
    *out = ratio_int(r->num);
    return TRUE;
  }
  if (r->has_value) *out = r->value;
  return r->has_value;
}

/* The population for a window ending at month `end`: a row covering that
 * month, else the latest ending before it. */
static gboolean find_population(const MeasureData *md, const Measure *pop, const char *series, int end, Ratio *out) {
  const GPtrArray *rows = mdata_rows_for(md, pop, series);
  const DataRow *best = NULL;
  for (guint i = 0; i < rows->len; i++) {
    const DataRow *r = g_ptr_array_index(rows, i);
    Ratio v;
    if (!population_figure(r, &v)) continue;
    if (period_contains_month(r->period, end)) {
      best = r;
      break;
    }
    if (period_end(r->period) < end && (!best || period_end(r->period) > period_end(best->period))) best = r;
  }
  return best && population_figure(best, out);
}

gboolean measures_population(const Measures *ms, const Measure *rate, const char *series, int end_month, Ratio *out) {
  const Measure *pop = rate->population ? catalogue_lookup(ms->cat, rate->population) : NULL;
  return pop && (find_population(ms->data, pop, series ? series : "", end_month, out) ||
                 find_population(ms->data, pop, "", end_month, out));
}

static MeasureStatus rate_denominator(const Measures *ms, const Measure *m, const char *series, Period w,
                                      const RawSum *sum, Ratio *den, MeasureResult *out) {
  if (sum->has_den) {
    *den = ratio_int(sum->den);
    return MEASURE_OK;
  }
  if (measures_population(ms, m, series, period_end(w), den)) return MEASURE_OK;
  char *t = period_text(month_at(period_end(w)));
  fail(out, MEASURE_UNDEFINED, "%s is a rate but there is no denominator and no %s figure for %s or before", m->ref,
       m->population ? m->population : "population", t);
  g_free(t);
  return MEASURE_UNDEFINED;
}

/* value by kind, exactly. */
static MeasureStatus kind_value(const Measures *ms, const Measure *m, const char *series, Period w, const RawSum *sum,
                                MeasureResult *out) {
  Ratio den = ratio_int(sum->den), v;
  gint64 scale = m->kind == MEASURE_PERCENTAGE ? 100 : m->kind == MEASURE_RATE ? m->per : 1;
  if (m->kind == MEASURE_COUNT) {
    out->value = ratio_int(sum->num);
    return MEASURE_OK;
  }
  if (m->kind == MEASURE_RATE && rate_denominator(ms, m, series, w, sum, &den, out) != MEASURE_OK) return out->status;
  if (den.num == 0) return fail(out, MEASURE_UNDEFINED, "%s: the denominator is zero", m->ref);
  if (!ratio_mul(ratio_int(sum->num), ratio_int(scale), &v) || !ratio_div(v, den, &out->value))
    return fail(out, MEASURE_UNDEFINED, "%s: the counts are too large", m->ref);
  return MEASURE_OK;
}

MeasureStatus measures_get_raw(const Measures *ms, const Measure *m, const char *series, Period p, MeasureResult *out) {
  memset(out, 0, sizeof *out);
  out->measure = m, out->period = p, out->window = measures_window(m, p);
  out->unit = measure_unit(m), out->polarity = m->polarity, out->note = "";
  RawSum sum = {0};
  if (sum_raw(ms->data, m, series, out->window, &sum, out) != MEASURE_OK) return out->status;
  if (kind_value(ms, m, series, out->window, &sum, out) != MEASURE_OK) return out->status;
  out->decimals = m->decimals;
  out->display = ratio_format(out->value, m->decimals, TRUE);
  if (!out->display) return fail(out, MEASURE_UNDEFINED, "%s: the value is too large to show", m->ref);
  out->line = sum.last->line;
  out->note = sum.last->note;
  out->flags = sum.flags;
  out->has_counts = TRUE, out->numerator = sum.num, out->denominator = sum.has_den ? sum.den : -1;
  out->least_part = sum.rows > 1 ? sum.least : 0;
  out->status = MEASURE_OK;
  return MEASURE_OK;
}

/* Small numbers: a count below the measure's suppress-below (or a count
 * totalled from months one of which is), or a
 * percentage, rate or average whose numerator is (or, for a percentage,
 * whose complement den - num is: 98% of 102 tells that 2 did not). Zero
 * is shown. */
static gboolean too_small(const Measure *m, const MeasureResult *r) {
  gint64 n = m->suppress_below;
  if (n <= 0 || r->is_text) return FALSE;
  if (!r->has_counts) {
    Ratio v = r->value;
    return m->kind == MEASURE_COUNT && v.den == 1 && v.num > 0 && v.num < n;
  }
  if (r->numerator > 0 && r->numerator < n) return TRUE;
  /* a total over months one of which is small: with the other months
   * shown, the small one could be worked back from it */
  if (m->kind == MEASURE_COUNT && r->least_part > 0 && r->least_part < n) return TRUE;
  gint64 rest = r->denominator - r->numerator;
  return m->kind == MEASURE_PERCENTAGE && r->denominator > 0 && rest > 0 && rest < n;
}

/* Shown as its mark alone, and no longer a number anywhere (so no chart
 * point, band or arrow can give it away). */
static void suppress(MeasureResult *r) {
  r->flags |= FLAG_SUPPRESSED;
  r->is_text = TRUE;
  g_free(r->display);
  r->display = g_strdup("");
  r->band = BAND_NONE;
  r->value = ratio_int(0);
}

/* Value only: no band, no direction. */
static MeasureStatus get_value(const Measures *ms, const Measure *m, const char *series, Period p, MeasureResult *out) {
  const DataRow *pub = mdata_find_published(ms->data, m, series, measures_window(m, p), measures_window);
  MeasureStatus st;
  if (!pub) {
    st = measures_get_raw(ms, m, series, p, out);
  } else {
    memset(out, 0, sizeof *out);
    out->measure = m, out->period = p, out->window = measures_window(m, p);
    out->unit = measure_unit(m), out->polarity = m->polarity;
    st = from_published(pub, out);
  }
  if (st == MEASURE_OK && too_small(m, out)) suppress(out);
  return st;
}

/* ---- band and direction -------------------------------------------------- */

/* The rating (rating.h) and, for the standard scheme, the band it is. */
static void rate(const Measures *ms, MeasureResult *r) {
  const Measure *m = r->measure;
  RatingRule rule = measure_rating_rule(m);
  rule.data_targets = mdata_targets_for(ms->data, m, &rule.n_data_targets);
  RatingLevel published = r->band == BAND_ACHIEVED ? RATING_ACHIEVED : r->band == BAND_NOT_MET ? RATING_NOT_MET
                                                                                                 : RATING_NO_TARGET;
  gboolean provisional = (r->flags & FLAG_PROVISIONAL) != 0;
  gboolean number = !r->is_text && !(r->flags & FLAG_NOT_AVAILABLE);
  r->rating = rating_judge(&rule, number, r->value, r->decimals, period_end(r->window), provisional, published);
  r->band = r->rating.level == RATING_ACHIEVED ? BAND_ACHIEVED : r->rating.level == RATING_NOT_MET ? BAND_NOT_MET
                                                                                                    : BAND_NONE;
}

static gboolean numeric(const MeasureResult *r) { return r->status == MEASURE_OK && !r->is_text; }

MeasureDirection measures_direction_between(const MeasureResult *from, const MeasureResult *to) {
  if (!numeric(from) || !numeric(to) || !to->measure) return DIRECTION_NONE;
  const Measure *m = to->measure;
  Ratio a, b, delta;
  if (!ratio_rounded(from->value, m->decimals, &a) || !ratio_rounded(to->value, m->decimals, &b) ||
      !ratio_sub(b, a, &delta))
    return DIRECTION_NONE;
  if (ratio_cmp(ratio_abs(delta), m->tolerance) <= 0) return DIRECTION_MAINTAINED;
  if (m->polarity == POLARITY_NONE) return DIRECTION_NONE;
  gboolean up = delta.num > 0;
  return up == (m->polarity == POLARITY_BB) ? DIRECTION_IMPROVED : DIRECTION_DETERIORATED;
}

char *measures_change_display(const MeasureResult *from, const MeasureResult *to) {
  Ratio d;
  if (!numeric(from) || !numeric(to) || !ratio_sub(to->value, from->value, &d)) return NULL;
  int decimals = to->measure ? to->measure->decimals : MAX(from->decimals, to->decimals);
  char *t = ratio_format(d, decimals, TRUE);
  if (!t || t[0] == '-') return t;
  char *s = g_strconcat("+", t, NULL);
  g_free(t);
  return s;
}

char *measure_result_display(const MeasureResult *r, int decimals) {
  if (r->status != MEASURE_OK) return NULL;
  if (r->is_text) return g_strdup(r->display);
  return ratio_format(r->value, decimals, TRUE);
}

int measures_last_month(const Measures *ms) {
  int last = -1;
  for (guint i = 0; i < mdata_count(ms->data); i++) {
    const DataRow *r = mdata_row(ms->data, i);
    if (r->usable) last = MAX(last, r->period.start + r->period.months - 1);
  }
  return last;
}

/* Whether `series` names a unit of the hierarchy: a unit's figures are
 * summed into the data as a series of its name, and may be missing. */
static gboolean series_is_unit(const Measures *ms, const char *series) {
  const Hierarchy *h = ms->hierarchy ? ms->hierarchy : ms->base ? ms->base->hierarchy : NULL;
  for (guint i = 0; h && i < hierarchy_count(h); i++)
    if (strcmp(hierarchy_nth(h, i)->name, series) == 0 || strcmp(hierarchy_nth(h, i)->id, series) == 0) return TRUE;
  return FALSE;
}

char *measures_series_unknown(const Measures *ms, const Measure *m, const char *series) {
  if (!series || !*series || series_is_unit(ms, series)) return NULL;
  GHashTable *names = g_hash_table_new(g_str_hash, g_str_equal);
  GString *list = g_string_new(NULL);
  for (guint i = 0; i < mdata_series_count(ms->data, m); i++) {
    const char *name = mdata_series_name(ms->data, m, i);
    if (!*name) continue;
    if (strcmp(name, series) == 0) {
      g_hash_table_destroy(names), g_string_free(list, TRUE);
      return NULL;
    }
    g_hash_table_add(names, (gpointer)name);
    g_string_append_printf(list, "%s\"%s\"", list->len ? ", " : "", name);
  }
  const char *near = spelling_nearest_key(names, series);
  char *why = list->len ? g_strdup_printf("the data has no series \"%s\" for %s (it has %s)%s%s%s", series, m->ref,
                                          list->str, near ? "; did you mean \"" : "", near ? near : "", near ? "\"?" : "")
                        : g_strdup_printf("the data has no series \"%s\" for %s, only its own figures", series, m->ref);
  g_hash_table_destroy(names), g_string_free(list, TRUE);
  return why;
}

MeasureStatus measures_get_period(const Measures *ms, const Measure *m, const char *series, Period p,
                                  MeasureResult *out) {
  series = series ? series : "";
  if (get_value(ms, m, series, p, out) != MEASURE_OK) {
    measures_unit_explain(ms, m, series, out); /* a figure of a unit that could not be summed says why */
    char *unknown = out->status == MEASURE_NO_DATA ? measures_series_unknown(ms, m, series) : NULL;
    if (unknown) g_free(out->why), out->why = unknown; /* a slip, not a gap */
    return out->status;
  }
  rate(ms, out);
  MeasureResult prev;
  out->compared_with = measures_previous(m, p);
  if (get_value(ms, m, series, out->compared_with, &prev) == MEASURE_OK) {
    out->direction = measures_direction_between(&prev, out);
    out->compared = numeric(&prev);
    out->compared_value = prev.value;
  }
  measure_result_clear(&prev);
  return MEASURE_OK;
}

MeasureStatus measures_get(const Measures *ms, const char *ref, const char *series, const char *period,
                           MeasureResult *out) {
  memset(out, 0, sizeof *out);
  out->note = "";
  const Measure *m = catalogue_lookup(ms->cat, ref);
  if (!m) {
    const char *near = catalogue_suggest(ms->cat, ref ? ref : "");
    if (near) return fail(out, MEASURE_UNKNOWN_REF, "unknown measure \"%s\" (did you mean \"%s\"?)", ref, near);
    return fail(out, MEASURE_UNKNOWN_REF, "unknown measure \"%s\": it is not in %s", ref ? ref : "",
                catalogue_file(ms->cat));
  }
  Period p;
  char *why = NULL;
  if (!period_parse(period, &p, &why)) {
    out->measure = m;
    fail(out, MEASURE_BAD_PERIOD, "%s", why);
    g_free(why);
    return MEASURE_BAD_PERIOD;
  }
  return measures_get_period(ms, m, series, p, out);
}

/* ---- series and periods -------------------------------------------------- */

void measures_series(const Measures *ms, const char *ref, const char *series, const char *const *periods, guint n,
                     MeasurePoint *out) {
  for (guint i = 0; i < n; i++) {
    MeasureResult r;
    measures_get(ms, ref, series, periods[i], &r);
    out[i].present = numeric(&r);
    out[i].flags = r.status == MEASURE_OK ? r.flags : 0;
    out[i].value = out[i].present ? ratio_to_double(r.value) : 0.0;
    measure_result_clear(&r);
  }
}

static gint period_sort(gconstpointer a, gconstpointer b) { return period_compare(*(const Period *)a, *(const Period *)b); }

GArray *measures_periods(const Measures *ms, const Measure *m, const char *series) {
  const GPtrArray *rows = mdata_rows_for(ms->data, m, series ? series : "");
  GArray *out = g_array_new(FALSE, FALSE, sizeof(Period));
  for (guint i = 0; i < rows->len; i++) {
    const DataRow *r = g_ptr_array_index(rows, i);
    gboolean seen = FALSE;
    for (guint j = 0; j < out->len && !seen; j++) seen = period_equal(g_array_index(out, Period, j), r->period);
    if (seen) continue;
    MeasureResult res;
    if (measures_get_period(ms, m, series, r->period, &res) == MEASURE_OK) g_array_append_val(out, r->period);
    measure_result_clear(&res);
  }
  g_array_sort(out, period_sort);
  return out;
}

guint measures_series_count(const Measures *ms, const Measure *m) { return mdata_series_count(ms->data, m); }
const char *measures_series_name(const Measures *ms, const Measure *m, guint i) {
  return mdata_series_name(ms->data, m, i);
}

/* ---- names and symbols --------------------------------------------------- */

/* "Quarter 2 2024/25", "Quarter 1 2013"; other kinds by their long name. */
static char *period_words(Period p) {
  int month = period_index_month(p.start), year = period_index_year(p.start);
  if (p.kind == PERIOD_QUARTER) return g_strdup_printf("Quarter %d %d", (month - 1) / 3 + 1, year);
  if (p.kind != PERIOD_FY_QUARTER) return period_long_name(p);
  int fy_start = period_year_start(p.start, PERIOD_FY_START_MONTH);
  char *fy = period_long_name(period_fy(period_index_year(fy_start)));
  char *t = g_strdup_printf("Quarter %d %s", (p.start - fy_start) / 3 + 1, fy);
  g_free(fy);
  return t;
}

char *measures_period_name(const char *period, PeriodNameStyle style) {
  Period p;
  if (!period_parse(period, &p, NULL)) return NULL;
  switch (style) {
  case PERIOD_NAME_LONG: return period_long_name(p);
  case PERIOD_NAME_SHORT: return period_short_name(p);
  case PERIOD_NAME_WORDS: return period_words(p);
  default: return period_text(p);
  }
}

const char *measure_band_symbol(MeasureBand b) {
  return rating_symbol(b == BAND_ACHIEVED ? RATING_ACHIEVED : b == BAND_NOT_MET ? RATING_NOT_MET : RATING_NO_TARGET);
}
const char *measure_band_name(MeasureBand b) {
  return b == BAND_ACHIEVED ? "achieved" : b == BAND_NOT_MET ? "not met" : "";
}
const char *measure_direction_symbol(MeasureDirection d) {
  switch (d) {
  case DIRECTION_IMPROVED: return "\xe2\x86\x97";
  case DIRECTION_MAINTAINED: return "\xe2\x86\x94";
  case DIRECTION_DETERIORATED: return "\xe2\x86\x98";
  default: return "";
  }
}
const char *measure_direction_name(MeasureDirection d) {
  switch (d) {
  case DIRECTION_IMPROVED: return "improved";
  case DIRECTION_MAINTAINED: return "maintained";
  case DIRECTION_DETERIORATED: return "deteriorated";
  default: return "";
  }
}
