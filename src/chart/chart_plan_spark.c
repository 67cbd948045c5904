/* chart_plan_spark — a sparkline: a word-sized trend for a table cell.
 *
 * No axes, no text: the lines fill the box less an inset that keeps the
 * markers inside it; the last point is marked, and so is a point with no
 * neighbour (it would not show otherwise). A year-to-date line breaks
 * where its figure starts again, as a line chart's does. The range is the data's (with
 * the standards, and references listed before the first data series)
 * unless the author gave one; a standard is a dotted line. Its description (chart_describe) carries the numbers.
 */
#include "chart_internal.h"

/* The data's range: data series, references before the first of them, the
 * standard; the author's ends replace the data's. */
static void spark_range(const ChartSpec *s, double *lo_out, double *hi_out) {
  double lo = INFINITY, hi = -INFINITY;
  int j0 = -1;
  for (int j = 0; j < s->n_series; j++) {
    if (s->series[j].reference && j0 >= 0) continue;
    for (int i = 0; i < s->n_categories; i++) {
      double v = s->series[j].values[i];
      if (isfinite(v)) lo = fmin(lo, v), hi = fmax(hi, v);
    }
    if (!s->series[j].reference && j0 < 0) j0 = j;
  }
  for (int k = 0; k < s->n_standards; k++) lo = fmin(lo, s->standards[k].value), hi = fmax(hi, s->standards[k].value);
  if (isfinite(s->y_min)) lo = s->y_min;
  if (isfinite(s->y_max)) hi = s->y_max;
  *lo_out = lo;
  *hi_out = hi;
}

static void spark_markers(Planner *p, int j, const double *xs, const double *ys) {
  const int n = p->spec->n_categories;
  const double size = p->st->sparkline_marker_size;
  const ChartSeries *se = &p->spec->series[j];
  int li = chart_last_finite(se, n);
  for (int i = 0; i < n; i++) {
    if (!isfinite(ys[i])) continue;
    gboolean isolated = !chart_point_joins_prev(p->spec, se, i) && !chart_point_joins_prev(p->spec, se, i + 1);
    if (i == li || isolated)
      chart_marker_new(p->plan, CHART_ROLE_SERIES, j, CHART_MARKER_CIRCLE, chart_series_color(p, j), xs[i], ys[i],
                       i == li ? size : size * 0.6);
  }
}

void chart_plan_sparkline(Planner *p) {
  const ChartSpec *s = p->spec;
  const ChartStyle *st = p->st;
  ChartPlan *plan = p->plan;
  const int n = s->n_categories;
  double inset = st->sparkline_marker_size / 2 + st->sparkline_line_width;
  ChartRect pr = {inset, inset, plan->width - 2 * inset, plan->height - 2 * inset};
  plan->plot = pr;
  double lo, hi;
  spark_range(s, &lo, &hi);
  plan->y_lo = lo;
  plan->y_hi = hi;
  double *xs = g_new(double, MAX(n, 1)), *ys = g_new(double, MAX(n, 1));
  for (int j = 0; j < s->n_series; j++) {
    const ChartSeries *se = &s->series[j];
    for (int i = 0; i < n; i++) {
      xs[i] = n == 1 ? pr.x + pr.w / 2 : pr.x + pr.w * i / (n - 1);
      double v = se->values[i];
      ys[i] = !isfinite(v) ? NAN : hi > lo ? pr.y + pr.h * (hi - v) / (hi - lo) : pr.y + pr.h / 2;
    }
    chart_emit_runs(p, se->reference ? CHART_ROLE_REFERENCE : CHART_ROLE_SERIES, j, xs, ys, n, chart_series_color(p, j),
                    st->sparkline_line_width, se->reference ? chart_series_dash(p, j) : CHART_DASH_SOLID, FALSE);
    if (!se->reference) spark_markers(p, j, xs, ys);
  }
  for (int k = 0; k < s->n_standards && hi > lo; k++) {
    if (s->standards[k].category >= 0) continue; /* a sparkline has no categories to mark */
    double y = pr.y + pr.h * (hi - s->standards[k].value) / (hi - lo);
    chart_segment(plan, CHART_ROLE_MIN_STANDARD, s->standards[k].series, chart_standard_color(p, k), 0.5,
                  s->standards[k].maximum ? CHART_DASH_SHORT : CHART_DASH_DOTTED, pr.x, y, pr.x + pr.w, y);
  }
  g_free(xs);
  g_free(ys);
}
