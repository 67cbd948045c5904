/* bind_chart — a <chart> block → a ChartSpec from the measures engine, and
 * its generated description (the Figure's alternative text).
 *
 * Two shapes: periods along the x axis with one series per measure or
 * comparator, or measures along the x axis (<category>) with one series
 * per period. Values the data lacks are gaps; a chart with no value at all
 * is an error unless the author asked for a message (if-empty="message"). */
#include <math.h>
#include <string.h>

#include "bind_internal.h"
#include "chart/chart.h"

static ChartType chart_type(const char *t) {
  return strcmp(t, "column") == 0 ? CHART_COLUMN : strcmp(t, "stacked") == 0 ? CHART_STACKED
                                 : strcmp(t, "bar") == 0                      ? CHART_BAR
                                                                              : CHART_LINE;
}

static void add_standards(BindContext *bc, const SpecDataBlock *d, ChartSpec *c);
static void add_category_standards(BindContext *bc, const SpecDataBlock *d, ChartSpec *c);

static const char *series_name(const Measures *ms, const SpecDataRef *s, guint n_series, gboolean welsh) {
  if (s->label) return s->label;
  if (s->series) return s->series;
  const Measure *m = ms ? measures_lookup(ms, s->ref ? s->ref : "") : NULL;
  return n_series == 1 || !m ? (m ? measure_title_in(m, welsh) : s->ref) : m->ref;
}

/* Decimals the figure is shown with elsewhere (a published 5.54 keeps two,
 * 84 none), so a chart's value labels print the same figures as the text. */
static int figure_decimals(BindContext *bc, const char *ref, const char *series, const char *period) {
  MeasureResult r;
  int d = measures_get(bc->ms, ref, series, period, &r) == MEASURE_OK && !r.is_text ? r.decimals : -1;
  measure_result_clear(&r);
  return d;
}

/* A period the chart asks for and the data lacks is drawn as a gap; say
 * so at the <chart> (a warning: the chart is what the author sees with a
 * gap in it), naming the measure and the periods. */
static void gaps_warn(BindContext *bc, const SpecBlock *chart, const char *title, const SpecDataRef *sr,
                      const SpecDataBlock *d, const MeasurePoint *pts) {
  if (!measures_lookup(bc->ms, sr->ref)) return; /* already an error */
  GString *missing = g_string_new(NULL);
  guint n = 0;
  for (guint i = 0; i < d->n_periods; i++) {
    if (pts[i].present || pts[i].flags & (FLAG_SUPPRESSED | FLAG_NOT_AVAILABLE)) continue; /* marked, not missing */
    char *name = measures_period_name(d->periods[i], PERIOD_NAME_SHORT);
    g_string_append_printf(missing, "%s%s", n++ ? ", " : "", name ? name : d->periods[i]);
    g_free(name);
  }
  if (n)
    diag_warning(bc->diags, bc->spec->path, chart->line, chart->col,
                 "the chart \"%s\" has no figure for %s%s%s in %s: %s drawn as %s (optional=\"yes\" on the "
                 "<series> expects gaps)",
                 title, sr->ref, sr->series ? " " : "", sr->series ? sr->series : "", missing->str, n == 1 ? "it is" : "they are",
                 n == 1 ? "a gap" : "gaps");
  g_string_free(missing, TRUE);
}

/* A comparator series the data never names is a slip ("Englnd"), not a
 * run of gaps: an error at the <series> (one optional="yes" is not
 * asked). FALSE when said so. */
static gboolean series_known(BindContext *bc, const SpecDataRef *sr) {
  const Measure *m = measures_lookup(bc->ms, sr->ref);
  if (bc->unit_token_failed && sr->series && strchr(sr->series, '{')) return FALSE; /* "{parent}" unresolved: said */
  char *why = m ? measures_series_unknown(bc->ms, m, sr->series) : NULL;
  if (!why) return TRUE;
  diag_error(bc->diags, bc->spec->path, sr->line, sr->col, "%s", why);
  g_free(why);
  return FALSE;
}

/* A point the data withholds (suppressed, not yet available) shows the
 * mark the text and tables show for it (measure_flags_marks: one table of
 * marks), and its description says why, not "no data". */
static void gap_mark(ChartSpec *c, int series, int category, guint flags) {
  static const struct { guint flag; const char *words, *cy; } why[] = {
      {FLAG_SUPPRESSED, "suppressed", "wedi'i atal"},
      {FLAG_NOT_AVAILABLE, "not yet available", "ddim ar gael eto"},
  };
  for (guint k = 0; k < G_N_ELEMENTS(why); k++) {
    if (!(flags & why[k].flag)) continue;
    char *mark = measure_flags_marks(why[k].flag);
    chart_spec_set_gap(c, series, category, mark + 1, c->welsh ? why[k].cy : why[k].words); /* its leading space off */
    g_free(mark);
    return;
  }
}

/* Period labels along the x axis, each with the data-quality marks of any
 * figure charted for it ("Sep-24 [p]"): a point has no room for its own. */
/* A period's label on a chart: "Sep-24", in a Welsh chart "Medi-24". */
static char *chart_period_name(const ChartSpec *c, const char *period) {
  return bind_period_name(c->welsh ? "cy" : "en", period, PERIOD_NAME_SHORT);
}

static void period_labels(ChartSpec *c, const SpecDataBlock *d, const guint *flags) {
  char **labels = g_new0(char *, d->n_periods + 1);
  for (guint i = 0; i < d->n_periods; i++) {
    char *name = chart_period_name(c, d->periods[i]);
    labels[i] = measure_with_marks(name ? name : d->periods[i], flags ? flags[i] : 0);
    g_free(name);
  }
  chart_spec_set_categories(c, (const char *const *)labels, (int)d->n_periods);
  g_strfreev(labels);
}

/* What a kind of period is called in an error, plural: "calendar years". */
static const char *period_kind_plural(PeriodKind k) {
  switch (k) {
  case PERIOD_MONTH: return "months";
  case PERIOD_QUARTER: return "calendar quarters";
  case PERIOD_FY_QUARTER: return "financial-year quarters";
  case PERIOD_FY: return "financial years";
  case PERIOD_YEAR: return "calendar years";
  default: return "month ranges";
  }
}

/* Periods are one kind, evenly spaced: "2022 2023 2024-Q4" would draw a
 * quarter as if it were a year ("2022 to Q4 2024"), so a mix is an error
 * at the <periods>, naming the first period of each kind. Bars may open
 * with one longer baseline (last year's outturn before this year's months,
 * as Walsall's pack does); a line may not, as it would join the two.
 * A period that does not parse ("2024-Q5") is an error too, not a gap. */
static gboolean periods_one_kind(BindContext *bc, const SpecDataBlock *d, gboolean line) {
  Period *ps = g_new(Period, MAX(d->n_periods, 1));
  gboolean *ok = g_new(gboolean, MAX(d->n_periods, 1));
  gboolean all_parse = TRUE;
  for (guint i = 0; i < d->n_periods; i++) {
    char *why = NULL;
    ok[i] = period_parse(d->periods[i], &ps[i], &why);
    if (!ok[i]) diag_error(bc->diags, bc->spec->path, d->periods_line, d->periods_col, "<periods>: %s", why);
    all_parse &= ok[i];
    g_free(why);
  }
  guint from = 0; /* the first period of the axis proper */
  if (!line && d->n_periods > 1 && ok[0] && ok[1] && ps[0].kind != ps[1].kind && ps[0].months > ps[1].months) from = 1;
  int first = -1, other = -1;
  for (guint i = from; i < d->n_periods && other < 0; i++) {
    if (!ok[i]) continue;
    if (first < 0) first = (int)i;
    else if (ps[i].kind != ps[first].kind) other = (int)i;
  }
  if (other >= 0)
    diag_error(bc->diags, bc->spec->path, d->periods_line, d->periods_col,
               "<periods> mixes %s (%s) and %s (%s): a chart's periods must all be of one kind%s",
               period_kind_plural(ps[first].kind), d->periods[first], period_kind_plural(ps[other].kind),
               d->periods[other], line ? "" : " (bars may open with one longer baseline period)");
  g_free(ps), g_free(ok);
  return other < 0 && all_parse;
}

/* The year a year-to-date window counts from, as the description names
 * it: "2024/25" (a year from April, or any month but January), "2025". */
static char *ytd_year_name(const Measure *m, Period window) {
  int y = period_index_year(window.start);
  return m->year_start == 1 ? g_strdup_printf("%d", y) : g_strdup_printf("%d/%02d", y, (y + 1) % 100);
}

/* A year-to-date figure starts again each year, so a point is a restart
 * when its window starts later and covers fewer months than the point
 * before's: Mar-25 (twelve months from April) to Apr-25 (one), or Q4 to
 * Q1. One year to the next, or Sep-24 to Sep-25, are the same point of
 * their years: a fair comparison, joined as ever. */
void bind_chart_restarts(ChartSpec *c, int k, const Measure *m, const char *const *periods, guint n) {
  if (k < 0 || !m || m->basis != BASIS_YTD || n < 2) return;
  gboolean *restarts = g_new0(gboolean, n);
  char **names = g_new0(char *, n + 1);
  Period p, w = {0}, before = {0};
  gboolean have_before = FALSE;
  for (guint i = 0; i < n; i++) {
    gboolean ok = period_parse(periods[i], &p, NULL);
    if (ok) w = measures_window(m, p);
    restarts[i] = ok && have_before && w.start > before.start && w.months < before.months;
    names[i] = ok ? ytd_year_name(m, w) : NULL;
    have_before = ok, before = w;
  }
  chart_spec_set_restarts(c, k, restarts, (const char *const *)names, (int)n);
  g_free(restarts);
  for (guint i = 0; i < n; i++) g_free(names[i]);
  g_free(names);
}

/* x = periods: one series per <series ref>. */
static void over_periods(BindContext *bc, const SpecBlock *b, ChartSpec *c) {
  const SpecDataBlock *d = b->data;
  c->categories_are_periods = TRUE;
  period_labels(c, d, NULL);
  guint *flags = g_new0(guint, MAX(d->n_periods, 1));
  MeasurePoint *pts = g_new0(MeasurePoint, MAX(d->n_periods, 1));
  double *v = g_new0(double, MAX(d->n_periods, 1));
  for (guint s = 0; s < d->n_series; s++) {
    const SpecDataRef *sr = &d->series[s];
    if (!sr->ref) {
      diag_error(bc->diags, bc->spec->path, sr->line, sr->col, "a series over periods needs ref=\"…\"");
      continue;
    }
    if (!measures_lookup(bc->ms, sr->ref))
      diag_error(bc->diags, bc->spec->path, sr->line, sr->col, "no measure '%s' in the catalogue", sr->ref);
    measures_series(bc->ms, sr->ref, sr->series, d->periods, d->n_periods, pts);
    int *places = g_new(int, MAX(d->n_periods, 1));
    for (guint i = 0; i < d->n_periods; i++) {
      flags[i] |= pts[i].flags;
      bc->flags_used |= pts[i].flags;
      v[i] = pts[i].present ? pts[i].value : NAN;
      places[i] = pts[i].present ? figure_decimals(bc, sr->ref, sr->series, d->periods[i]) : -1;
      c->decimals = MAX(c->decimals, places[i]);
    }
    if (!sr->optional && series_known(bc, sr) && !measure_gap_expected(measures_lookup(bc->ms, sr->ref), sr->series))
      gaps_warn(bc, b, c->title, sr, d, pts);
    int k = chart_spec_add_series(c, series_name(bc->ms, sr, d->n_series, c->welsh), v, (int)d->n_periods,
                                  sr->reference || (sr->series && !sr->label));
    if (k >= 0) c->series[k].decimals = places;
    else g_free(places);
    bind_chart_restarts(c, k, measures_lookup(bc->ms, sr->ref), (const char *const *)d->periods, d->n_periods);
    for (guint i = 0; k >= 0 && i < d->n_periods; i++)
      if (!pts[i].present) gap_mark(c, k, (int)i, pts[i].flags);
  }
  period_labels(c, d, flags);
  g_free(flags);
  g_free(pts);
  g_free(v);
}

/* x = measures: one series per <series period>. */
static void over_measures(BindContext *bc, const SpecDataBlock *d, ChartSpec *c) {
  const char **labels = g_new0(const char *, d->n_categories + 1);
  for (guint i = 0; i < d->n_categories; i++) {
    const Measure *m = measures_lookup(bc->ms, d->categories[i].ref);
    if (!m)
      diag_error(bc->diags, bc->spec->path, d->categories[i].line, d->categories[i].col,
                 "no measure '%s' in the catalogue", d->categories[i].ref);
    labels[i] = d->categories[i].label ? d->categories[i].label : m ? measure_title_in(m, c->welsh) : d->categories[i].ref;
  }
  chart_spec_set_categories(c, labels, (int)d->n_categories);
  guint *flags = g_new0(guint, MAX(d->n_categories, 1));
  double *v = g_new0(double, MAX(d->n_categories, 1));
  for (guint s = 0; s < d->n_series; s++) {
    const SpecDataRef *sr = &d->series[s];
    const char *period = sr->period ? sr->period : bc->spec->data.period;
    int *places = g_new(int, MAX(d->n_categories, 1));
    guint *withheld = g_new0(guint, MAX(d->n_categories, 1));
    for (guint i = 0; i < d->n_categories; i++) {
      MeasureResult r = {0};
      gboolean got = period && measures_get(bc->ms, d->categories[i].ref, sr->series, period, &r) == MEASURE_OK;
      gboolean ok = got && !r.is_text;
      if (got) flags[i] |= r.flags, bc->flags_used |= r.flags;
      if (got && !ok) withheld[i] = r.flags;
      v[i] = ok ? ratio_to_double(r.value) : NAN;
      places[i] = ok ? r.decimals : -1;
      if (ok) c->decimals = MAX(c->decimals, r.decimals);
      measure_result_clear(&r);
    }
    char *name = sr->label ? g_strdup(sr->label) : chart_period_name(c, period ? period : "");
    int k = chart_spec_add_series(c, name ? name : "", v, (int)d->n_categories, sr->reference);
    if (k >= 0) c->series[k].decimals = places;
    else g_free(places);
    for (guint i = 0; k >= 0 && i < d->n_categories; i++) gap_mark(c, k, (int)i, withheld[i]);
    g_free(withheld);
    g_free(name);
  }
  for (guint i = 0; i < d->n_categories; i++) {
    char *marked = measure_with_marks(labels[i], flags[i]);
    g_free(c->categories[i]);
    c->categories[i] = marked;
  }
  g_free(labels);
  g_free(flags);
  g_free(v);
}

/* Unit and decimals from the first measure charted. */
static void measure_traits(BindContext *bc, const SpecDataBlock *d, ChartSpec *c) {
  const char *ref = d->n_periods ? (d->n_series ? d->series[0].ref : NULL)
                                 : (d->n_categories ? d->categories[0].ref : NULL);
  const Measure *m = ref ? measures_lookup(bc->ms, ref) : NULL;
  if (!m) return;
  chart_spec_set_unit(c, measure_unit_in(m, c->welsh)); /* "fesul 1,000 aelwyd" in a Welsh chart */
}

static gboolean is_reference(const SpecDataRef *sr) { return sr->reference || (sr->series && !sr->label); }

/* The standards of every measure charted over periods (standard="no" leaves
 * them out): a minimum, a maximum (smaller is better), or both. One measure:
 * the chart's standard; several: each data series's own. Comparators are
 * not held to standards. Series indices follow over_periods (a series
 * without ref is skipped there too). */
static void add_standards(BindContext *bc, const SpecDataBlock *d, ChartSpec *c) {
  if (!d->standard) return;
  const char *only = NULL;
  gboolean several = FALSE;
  for (guint i = 0; i < d->n_series; i++) {
    const SpecDataRef *sr = &d->series[i];
    if (!sr->ref || is_reference(sr)) continue;
    if (only && strcmp(only, sr->ref) != 0) several = TRUE;
    only = only ? only : sr->ref;
  }
  int k = 0;
  for (guint i = 0; i < d->n_series; i++) {
    const SpecDataRef *sr = &d->series[i];
    if (!sr->ref) continue;
    const Measure *m = measures_lookup(bc->ms, sr->ref);
    int series = k++;
    if (!m || is_reference(sr) || (!several && strcmp(sr->ref, only) != 0)) continue;
    if (m->has_min) chart_spec_add_standard(c, ratio_to_double(m->min), FALSE, several ? series : -1, NULL);
    if (m->has_max) chart_spec_add_standard(c, ratio_to_double(m->max), TRUE, several ? series : -1, NULL);
    if (!several) return; /* the one measure's standard, once */
  }
}

/* Measures along x: each category's own standards, marked across its bars. */
static void add_category_standards(BindContext *bc, const SpecDataBlock *d, ChartSpec *c) {
  if (!d->standard) return;
  for (guint i = 0; i < d->n_categories; i++) {
    const Measure *m = measures_lookup(bc->ms, d->categories[i].ref);
    int k;
    if (m && m->has_min && (k = chart_spec_add_standard(c, ratio_to_double(m->min), FALSE, -1, NULL)) >= 0)
      c->standards[k].category = (int)i;
    if (m && m->has_max && (k = chart_spec_add_standard(c, ratio_to_double(m->max), TRUE, -1, NULL)) >= 0)
      c->standards[k].category = (int)i;
  }
}

/* "a percentage (%)", "a rate per 1,000 households", "a count". */
static char *kind_with_unit(const Measure *m) {
  const char *k = measure_kind_name(m->kind), *u = measure_unit(m);
  const char *a = m->kind == MEASURE_AVERAGE ? "an" : "a";
  if (m->kind == MEASURE_RATE) return g_strdup_printf("a rate %s", u);
  return *u ? g_strdup_printf("%s %s (%s)", a, k, u) : g_strdup_printf("%s %s", a, k);
}

/* One y axis has one unit: a chart whose measures differ in unit (a
 * percentage beside a count, a rate per 1,000 beside one per 100,000) would
 * label some of them wrongly ("538%"), so it is refused. Measures without
 * a unit (counts, averages) may share a chart: nothing wrong is printed. */
static gboolean units_agree(BindContext *bc, const SpecBlock *b, const SpecDataBlock *d) {
  const SpecDataRef *refs = d->n_periods ? d->series : d->categories;
  guint n = d->n_periods ? d->n_series : d->n_categories;
  const Measure *first = NULL;
  for (guint i = 0; i < n; i++) {
    const Measure *m = refs[i].ref ? measures_lookup(bc->ms, refs[i].ref) : NULL;
    if (!m) continue;
    if (!first) {
      first = m;
      continue;
    }
    if (strcmp(measure_unit(m), measure_unit(first)) == 0) continue;
    char *a = kind_with_unit(first), *c = kind_with_unit(m);
    diag_error(bc->diags, bc->spec->path, b->line, b->col,
               "the chart \"%s\" mixes units: %s is %s but %s is %s; one y axis cannot label both, so chart them "
               "separately",
               spec_inline_text(bc->spec, &b->text), first->ref, a, m->ref, c);
    g_free(a), g_free(c);
    return FALSE;
  }
  return TRUE;
}

static gboolean chart_has_data(const ChartSpec *c) {
  for (int s = 0; s < c->n_series; s++)
    for (int i = 0; i < c->n_categories; i++)
      if (!isnan(c->series[s].values[i])) return TRUE;
  return FALSE;
}

SpecBlock *bind_sparkline_cell(BindContext *bc, const char *ref, const char *last_period, int n) {
  SpecBlock *cell = spec_block_new(bc->spec, BLOCK_TABLE_CELL, 0, 0);
  cell->colspan = 1;
  Period last;
  if (!last_period || !period_parse(last_period, &last, NULL)) return cell;
  int end = period_end(last);
  char **periods = g_new0(char *, n + 1), **labels = g_new0(char *, n + 1);
  for (int i = 0; i < n; i++) {
    int m = end - (n - 1) + i;
    periods[i] = g_strdup_printf("%04d-%02d", period_index_year(m), period_index_month(m));
    labels[i] = bind_period_name(bc->lang, periods[i], PERIOD_NAME_SHORT);
  }
  MeasurePoint *pts = g_new0(MeasurePoint, n);
  measures_series(bc->ms, ref, NULL, (const char *const *)periods, (guint)n, pts);
  double *v = g_new0(double, n);
  for (int i = 0; i < n; i++) v[i] = pts[i].present ? pts[i].value : NAN;
  ChartSpec *c = chart_spec_new(CHART_LINE);
  spec_own(bc->spec, c, (GDestroyNotify)chart_spec_free);
  c->sparkline = TRUE;
  c->welsh = bind_welsh(bc->lang);
  const Measure *m = measures_lookup(bc->ms, ref);
  const char *title = m ? measure_title_in(m, c->welsh) : ref;
  chart_spec_set_title(c, title);
  if (m) chart_spec_set_unit(c, measure_unit_in(m, c->welsh));
  chart_spec_set_categories(c, (const char *const *)labels, n);
  int k = chart_spec_add_series(c, title, v, n, FALSE);
  /* its description reads each figure as the scorecard prints it: 19.2, not 19.24 */
  c->decimals = 0;
  int *places = g_new(int, MAX(n, 1));
  for (int i = 0; i < n; i++) {
    places[i] = pts[i].present ? figure_decimals(bc, ref, NULL, periods[i]) : -1;
    c->decimals = MAX(c->decimals, places[i]);
  }
  if (k >= 0) c->series[k].decimals = places;
  else g_free(places);
  bind_chart_restarts(c, k, m, (const char *const *)periods, (guint)n); /* a ytd sparkline breaks each April too */
  cell->data = spec_alloc(bc->spec, sizeof(SpecDataBlock));
  cell->data->chart = c;
  char *alt = chart_describe(c);
  cell->data->alt = spec_strdup(bc->spec, alt);
  g_free(alt), g_free(v), g_free(pts);
  g_strfreev(periods);
  g_strfreev(labels);
  return cell;
}

void bind_chart(BindContext *bc, SpecBlock *b) {
  const SpecDataBlock *d = b->data;
  if (d->chart) return; /* made by bind itself (a rating summary's) */
  if (!bc->ms) {
    diag_error(bc->diags, bc->spec->path, b->line, b->col,
               "a chart needs measure data: add <data catalogue=\"…\" values=\"…\"/> to the report");
    return;
  }
  if (!units_agree(bc, b, d)) return;
  if (d->n_periods && !periods_one_kind(bc, d, chart_type(d->chart_type) == CHART_LINE)) return;
  ChartSpec *c = chart_spec_new(chart_type(d->chart_type));
  spec_own(bc->spec, c, (GDestroyNotify)chart_spec_free);
  c->welsh = bind_welsh(b->lang ? b->lang : bc->lang);
  chart_spec_set_title(c, spec_inline_text(bc->spec, &b->text));
  chart_spec_set_source(c, bc->spec->path, b->line);
  c->label_values = strcmp(d->labels, "none") == 0     ? CHART_LABEL_NONE
                    : strcmp(d->labels, "all") == 0    ? CHART_LABEL_ALL
                    : strcmp(d->labels, "latest") == 0 ? CHART_LABEL_LATEST
                                                       : CHART_LABEL_AUTO;
  measure_traits(bc, d, c);
  c->decimals = 0; /* raised to the most any charted figure is shown with */
  char *ratings = NULL;
  if (d->n_periods) over_periods(bc, b, c), add_standards(bc, d, c), ratings = bind_rating_chart_targets(bc, d, c);
  else over_measures(bc, d, c), add_category_standards(bc, d, c);
  if (!isnan(d->y_min) || !isnan(d->y_max)) chart_spec_set_range(c, d->y_min, d->y_max);
  if (!chart_has_data(c) && !d->empty_message)
    diag_error(bc->diags, bc->spec->path, b->line, b->col,
               "the chart \"%s\" has no data for any of its periods (if-empty=\"message\" draws it with a notice)",
               c->title);
  b->data->chart = c;
  char *alt = chart_describe(c), *full = g_strconcat(alt, ratings ? ratings : "", NULL);
  b->data->alt = spec_strdup(bc->spec, full);
  g_free(alt), g_free(full), g_free(ratings);
}
