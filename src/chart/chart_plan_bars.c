/* chart_plan_bars — where each bar sits along the category axis; the one
 * place bar geometry is worked out, for columns, stacks, horizontal bars,
 * their value labels and the reference marks across them.
 *
 * A category owns an equal slot; the style's bar_group_gap (clamped to
 * 0..0.9) of it is left empty, the rest is the group. Side-by-side bars
 * split the group equally among the data series (references are marks, not
 * bars); a stack is one bar at most 60% of the slot wide. A series without
 * a value keeps its place, so a category's bars line up across categories.
 */
#include "chart_internal.h"

ChartBars chart_bars_new(const Planner *p, double origin, double slot, gboolean stacked) {
  ChartBars g = {.origin = origin, .slot = slot, .stacked = stacked};
  g.group = slot * (1 - CLAMP(p->st->bar_group_gap, 0, 0.9));
  g.bar = stacked ? fmin(g.group, slot * 0.6) : g.group / MAX(p->n_data_series, 1);
  return g;
}

double chart_bars_centre(const ChartBars *g, int i) { return g->origin + (i + 0.5) * g->slot; }

double chart_bars_at(const ChartBars *g, int i, int b, double at) {
  double cx = chart_bars_centre(g, i);
  return g->stacked ? cx + (at - 0.5) * g->bar : cx - g->group / 2 + (b + at) * g->bar;
}

/* The category the latest period is: the last with a value in any data series. */
static int latest_category(const ChartSpec *s) {
  for (int i = s->n_categories; i-- > 0;)
    for (int j = 0; j < s->n_series; j++)
      if (!s->series[j].reference && isfinite(s->series[j].values[i])) return i;
  return -1;
}

/* The last data series with a value (series are periods when categories are not). */
static int latest_series(const ChartSpec *s) {
  for (int j = s->n_series; j-- > 0;)
    if (!s->series[j].reference && chart_finite_count(&s->series[j], s->n_categories) > 0) return j;
  return -1;
}

gboolean chart_bars_labelled(const Planner *p, int j, int i) {
  const ChartSpec *s = p->spec;
  switch (chart_spec_label_mode(s)) {
  case CHART_LABEL_NONE: return FALSE;
  case CHART_LABEL_LATEST: return s->categories_are_periods ? i == latest_category(s) : j == latest_series(s);
  default: return TRUE;
  }
}
