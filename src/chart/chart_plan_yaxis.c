/* chart_plan_yaxis — the value axis: the range the data asks for, nice
 * ticks inside it, and the tick labels' width.
 *
 * The range holds every value, every standard, and zero for bars (an
 * author's range that leaves zero out is widened to it, with a warning);
 * a bar chart's percentage axis is 0-100% unless the author gives a range.
 * A line chart's range comes from its data, percentages too (a 0-100%
 * axis squeezes a line between 48% and 54% into a flat band), by one
 * rule: values that lie near zero already (lowest at most half the
 * highest) start at zero, so the line is not exaggerated; values whose
 * span is small beside their level (9.5 to 9.9 days, 48% to 54%) get
 * nice ticks around them, and the axis, not starting at zero, is marked
 * with a break and said so in the chart's note (chart_plan_cartesian's
 * cart_axis_break, chart_plan_note). An author's range is kept exactly,
 * with only the ticks inside it; an empty author range is a warning and
 * the data's range is used.
 */
#include "chart_internal.h"

#include <string.h>

double chart_yaxis_map(const YAxis *ya, const ChartRect *r, double v) {
  return r->y + r->h * (ya->axis_hi - v) / (ya->axis_hi - ya->axis_lo);
}

char *chart_yaxis_tick_text(const Planner *p, const YAxis *ya, double v) {
  return chart_format_value(v, ya->ticks.decimals, strcmp(p->spec->unit, "%") == 0 ? "%" : "");
}

void chart_yaxis_ticks(Planner *p, YAxis *ya, int max_ticks) {
  chart_ticks_nice_full(ya->lo, ya->hi, max_ticks, ya->integers, &ya->ticks);
  ya->axis_lo = ya->fixed_lo ? ya->lo : ya->ticks.lo;
  ya->axis_hi = ya->fixed_hi ? ya->hi : ya->ticks.hi;
  if (ya->fixed_lo || ya->fixed_hi) {
    /* Keep only the ticks inside the author's range. */
    int m = 0;
    double eps = (ya->axis_hi - ya->axis_lo) * 1e-9;
    for (int i = 0; i < ya->ticks.n; i++) {
      double v = ya->ticks.values[i];
      if (v >= ya->axis_lo - eps && v <= ya->axis_hi + eps) ya->ticks.values[m++] = v;
    }
    ya->ticks.n = m;
  }
  if (!(ya->axis_hi > ya->axis_lo)) ya->axis_hi = ya->axis_lo + 1;
  ya->label_w = 0;
  for (int i = 0; i < ya->ticks.n; i++) {
    char *t = chart_yaxis_tick_text(p, ya, ya->ticks.values[i]);
    PangoLayout *l = chart_layout_new(p, p->tick_font, t);
    double w;
    chart_layout_size(l, &w, NULL);
    ya->label_w = fmax(ya->label_w, w);
    g_object_unref(l);
    g_free(t);
  }
}


/* lo..hi of the values (stacked: of the stacks) and the standards;
 * `integers` stays TRUE while every one is whole. */
static void data_extent(const ChartSpec *s, double *lo_out, double *hi_out, gboolean *integers) {
  double lo = INFINITY, hi = -INFINITY;
  for (int i = 0; i < s->n_categories; i++) {
    double pos = 0, neg = 0;
    for (int j = 0; j < s->n_series; j++) {
      double v = s->series[j].values[i];
      if (!isfinite(v)) continue;
      if (v != floor(v)) *integers = FALSE;
      if (s->type == CHART_STACKED && !s->series[j].reference) {
        if (v >= 0) pos += v;
        else neg += v;
      } else {
        lo = fmin(lo, v);
        hi = fmax(hi, v);
      }
    }
    if (s->type == CHART_STACKED) {
      lo = fmin(lo, neg);
      hi = fmax(hi, pos);
    }
  }
  for (int k = 0; k < s->n_standards; k++) {
    double v = s->standards[k].value;
    lo = fmin(lo, v);
    hi = fmax(hi, v);
    if (v != floor(v)) *integers = FALSE;
  }
  if (!isfinite(lo)) lo = hi = 0;
  *lo_out = lo;
  *hi_out = hi;
}

/* Zero (bars, or lines near it) or 0-100% (bars) where no author range says otherwise. */
static void include_baseline(const ChartSpec *s, gboolean author_range, double *lo, double *hi) {
  gboolean bars = s->type != CHART_LINE;
  if (bars && s->percent_axis && !author_range) {
    *lo = fmin(0, *lo);
    *hi = fmax(100, *hi);
  } else if (bars) {
    *lo = fmin(0, *lo);
    *hi = fmax(0, *hi);
  } else if (*lo >= 0 && *lo <= *hi * 0.5) {
    *lo = 0; /* near zero already: show it, so the line is not exaggerated */
  } else if (*hi <= 0 && *hi >= *lo * 0.5) {
    *hi = 0;
  }
}

/* The range, with the author's y_min/y_max when `author` (else ignored). */
static void range_from(Planner *p, YAxis *ya, gboolean author) {
  const ChartSpec *s = p->spec;
  double lo, hi;
  gboolean integers = strcmp(s->unit, "%") != 0;
  data_extent(s, &lo, &hi, &integers);
  ya->fixed_lo = author && isfinite(s->y_min);
  ya->fixed_hi = author && isfinite(s->y_max);
  include_baseline(s, ya->fixed_lo || ya->fixed_hi, &lo, &hi);
  if (ya->fixed_lo) lo = s->y_min;
  if (ya->fixed_hi) hi = s->y_max;
  if (ya->fixed_lo && !ya->fixed_hi && hi <= lo) hi = lo + 1;
  if (ya->fixed_hi && !ya->fixed_lo && lo >= hi) lo = hi - 1;
  ya->lo = lo;
  ya->hi = hi;
  ya->integers = integers;
}

void chart_yaxis_range(Planner *p, YAxis *ya) {
  const ChartSpec *s = p->spec;
  gboolean empty = isfinite(s->y_min) && isfinite(s->y_max) && !(s->y_max > s->y_min);
  if (empty)
    diag_warning(p->diags, s->src_file, s->src_line, 0, "%s: the axis range %g to %g is empty; using the data's range",
                 chart_title_of(s), s->y_min, s->y_max);
  range_from(p, ya, !empty);
  /* A bar's length is its value: an axis that does not reach zero would
   * make 60 look twice 55. */
  if (s->type != CHART_LINE && (ya->lo > 0 || ya->hi < 0)) {
    diag_warning(p->diags, s->src_file, s->src_line, 0,
                 "%s: a bar chart's value axis includes zero; the axis range %g to %g is widened to it",
                 chart_title_of(s), ya->lo, ya->hi);
    if (ya->lo > 0) ya->lo = 0, ya->fixed_lo = FALSE;
    else ya->hi = 0, ya->fixed_hi = FALSE;
  }
}
