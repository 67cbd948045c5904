/* chart_plan_cartesian — line and column charts: categories along x,
 * values up y.
 *
 * One Cartesian holds the decisions as they are made; plan_cartesian runs
 * the steps in drawing order (chart.h), each reading what earlier ones
 * decided:
 *   measure  legend (bottom), unit line (top, for units other than %, which
 *            goes on the tick labels), gutter labels (their width narrows the
 *            plot);
 *   fit      the plot rectangle, the x labels and the y ticks depend on each
 *            other (y label width on the ticks, the ticks on the plot height,
 *            the plot height on how the x labels fit the plot width), so they
 *            are iterated to a fixed point: four rounds at most, the left edge
 *            only grows;
 *   draw     grid, bars, baseline, standard and reference lines, lines and
 *            markers, y labels, x labels, gutter labels, value labels, "no
 *            data" notes, legend.
 * Gutter labels (latest values of line series, reference and minimum-standard
 * values) sit right of the plot at the height of the point they label, pushed
 * apart vertically when they would touch, with a leader line when moved. Line
 * charts let the gutter overlap the last half slot (the last point sits in its
 * middle).
 */
#include "chart_internal.h"

#include <string.h>

typedef struct {
  ChartItem *item;
  int standard;  /* the standard it gives, or -1 (a series's latest value) */
  double want;   /* y the label points at */
  double at;     /* y placed */
  double from_x; /* x of the point, for a leader */
  ChartColor color;
} GutterLabel;

typedef struct {
  Planner *p;
  const ChartSpec *s;
  const ChartStyle *st;
  ChartPlan *plan;
  int n;                 /* categories */
  gboolean bars;         /* columns or stacks, not lines */
  gboolean pct;
  double lh, vlh;        /* line heights of the tick and value fonts */
  ChartLegend *legend;   /* NULL: one thing drawn, no legend */
  ChartItem *unit_item;  /* NULL: no unit line */
  double unit_h;
  GArray *gutter;        /* of GutterLabel, measured, placed once y is known */
  double gutter_w, gutter_off;
  gboolean bar_labels;   /* value labels on bars */
  YAxis ya;
  XLabels xl;
  double top, bottom_fixed, left, plot_w, plot_h, xl_top_gap;
  /* from here on, set once the plot fits */
  ChartRect pr;
  double slot;
  ChartBars bg;
  gboolean clipped;      /* values outside an author's range */
  double line_end;       /* where standard and reference lines stop */
} Cartesian;

static double text_height(Planner *p, const PangoFontDescription *fd) {
  PangoLayout *probe = chart_layout_new(p, fd, "0");
  double h;
  chart_layout_size(probe, NULL, &h);
  g_object_unref(probe);
  return h;
}

/* ---- measure ---------------------------------------------------------- */

static void gutter_add(Cartesian *c, int series, int standard, const PangoFontDescription *fd, const char *text,
                       ChartColor color) {
  GutterLabel g = {.color = color, .standard = standard};
  g.item = chart_text_detached(c->p, CHART_ROLE_VALUE_LABEL, series, fd, text, color);
  chart_layout_size(g.item->layout, &g.item->w, &g.item->h);
  g_array_append_val(c->gutter, g);
}

/* Does series j get a gutter label? References do (unless a bar chart marks
 * them per bar), and line series when the latest values are asked for. */
static gboolean wants_gutter(const Cartesian *c, const ChartSeries *se) {
  if (se->reference) return !(c->bars && chart_finite_count(se, c->n) > 1);
  return c->s->type == CHART_LINE && chart_spec_label_mode(c->s) == CHART_LABEL_LATEST;
}

/* Gutter texts: latest values of line series, reference values, standards ("≥ 70%"). */
static void gutter_measure(Cartesian *c) {
  const ChartSpec *s = c->s;
  c->gutter = g_array_new(FALSE, TRUE, sizeof(GutterLabel));
  for (int j = 0; j < s->n_series; j++) {
    const ChartSeries *se = &s->series[j];
    int li = chart_last_finite(se, c->n);
    if (li < 0 || !wants_gutter(c, se)) continue;
    char *v = chart_format_value(se->values[li], chart_point_decimals(s, se, li), s->unit);
    if (li != c->n - 1 && !(se->reference && chart_finite_count(se, c->n) == 1) && s->categories && *s->categories[li]) {
      char *t = g_strdup_printf("%s (%s)", v, s->categories[li]);
      g_free(v);
      v = t;
    }
    gutter_add(c, j, -1, se->reference ? c->p->tick_font : c->p->value_font, v,
               chart_text_tone(chart_series_color(c->p, j)));
    g_free(v);
  }
  for (int k = 0; k < s->n_standards; k++) {
    if (s->standards[k].category >= 0) continue; /* a mark on its category, named in the legend */
    char *v = chart_standard_label(s, &s->standards[k]);
    gutter_add(c, s->standards[k].series, k, c->p->tick_font, v, chart_text_tone(chart_standard_color(c->p, k)));
    g_free(v);
  }
  c->gutter_w = 0;
  for (guint i = 0; i < c->gutter->len; i++) c->gutter_w = fmax(c->gutter_w, g_array_index(c->gutter, GutterLabel, i).item->w);
  c->gutter_off = c->bars ? c->st->padding : c->st->marker_size / 2 + 3;
  if (c->gutter_w > 0) c->gutter_w += c->gutter_off + 1;
}

static void cart_measure(Cartesian *c) {
  Planner *p = c->p;
  c->legend = chart_legend_new(p, c->plan->width);
  if (*c->s->unit && !c->pct) {
    c->unit_item = chart_text_detached(p, CHART_ROLE_UNIT_LABEL, -1, p->tick_font, c->s->unit, c->st->text_color);
    chart_layout_size(c->unit_item->layout, NULL, &c->unit_h);
  }
  c->lh = text_height(p, p->tick_font);
  c->vlh = text_height(p, p->value_font);
  gutter_measure(c);
}

/* ---- fit -------------------------------------------------------------- */

/* The plot width left for `avail` once the gutter has its room. */
static double plot_width(const Cartesian *c, double avail) {
  double w = avail;
  if (c->gutter_w > 0) {
    double half = c->bars ? 0 : 0.5 / c->n; /* share of the plot width the labels may overlap */
    if (c->gutter_w > w * half) w = (avail - c->gutter_w) / (1 - half);
  }
  return w;
}

/* Plot rectangle, x labels and y ticks; FALSE when the box is too small. */
static gboolean cart_fit(Cartesian *c) {
  const double W = c->plan->width, H = c->plan->height, pad = c->st->padding;
  chart_yaxis_range(c->p, &c->ya);
  chart_xlabels_init(&c->xl, c->p, c->n, c->bars, c->lh);
  c->bar_labels = c->bars && chart_spec_label_mode(c->s) != CHART_LABEL_NONE;
  c->top = c->unit_h > 0 ? c->unit_h + 2 : 0;
  c->top += fmax(c->lh / 2, c->bar_labels ? c->vlh + 2 : 0);
  if (c->gutter->len) c->top = fmax(c->top, c->vlh / 2 + 0.5);
  c->bottom_fixed = c->legend ? c->legend->height + pad * 1.5 : 0;
  chart_yaxis_ticks(c->p, &c->ya, 6);
  c->left = c->ya.label_w + pad;
  c->xl_top_gap = TICK_LEN + 2;
  double right_room = 0; /* for a rotated last label that would reach past W */
  for (int round = 0; round < 4; round++) {
    c->plot_w = plot_width(c, W - c->left - 1 - right_room);
    if (c->plot_w < 10) break;
    chart_xlabels_decide(&c->xl, c->left, c->plot_w, W, H * 0.35);
    double need = chart_xlabels_left_need(&c->xl, c->left, c->plot_w / c->n);
    double over = chart_xlabels_right_need(&c->xl, c->left, c->plot_w / c->n, W);
    right_room += over;
    c->xl_top_gap = TICK_LEN + 2 + (c->xl.angle != 0 ? c->lh / 2 : 0);
    c->plot_h = H - c->top - c->bottom_fixed - c->xl.height - c->xl_top_gap;
    if (c->plot_h < 10) break;
    int max_ticks = (int)floor(c->plot_h / (c->lh * 2.8)) + 1;
    chart_yaxis_ticks(c->p, &c->ya, CLAMP(max_ticks, 2, 11));
    double new_left = fmax(c->ya.label_w + pad, need);
    if (fabs(new_left - c->left) < 0.5 && over <= 0.01) break;
    c->left = fmax(new_left, c->left);
  }
  /* labels taller than their room even upright-rotated: too small to label */
  return c->plot_w >= 10 && c->plot_h >= 10 && !c->xl.overflow;
}

/* Record the fit in the plan and derive the drawing geometry. */
static void cart_publish(Cartesian *c) {
  ChartPlan *plan = c->plan;
  c->pr = (ChartRect){c->left, c->top, c->plot_w, c->plot_h};
  plan->plot = c->pr;
  plan->y_lo = c->ya.axis_lo;
  plan->y_hi = c->ya.axis_hi;
  plan->n_ticks = c->ya.ticks.n;
  plan->x_label_step = c->xl.step;
  plan->x_label_angle = fabs(c->xl.angle) * 180 / G_PI;
  plan->x_labels_shown = c->xl.n_shown;
  c->slot = c->plot_w / c->n;
  c->bg = chart_bars_new(c->p, c->pr.x, c->slot, c->s->type == CHART_STACKED);
  /* In line charts standard and reference lines stop short of the value
   * labels beside the last point. */
  c->line_end = c->bars || !c->gutter->len ? c->pr.x + c->pr.w : c->pr.x + (c->n - 0.5) * c->slot + c->st->marker_size / 2 + 1;
}

static double ymap(const Cartesian *c, double v) { return chart_yaxis_map(&c->ya, &c->pr, v); }

static double ymap_clamped(const Cartesian *c, double v) {
  return ymap(c, CLAMP(v, c->ya.axis_lo, c->ya.axis_hi));
}

static gboolean on_axis(const Cartesian *c, double v) {
  return v >= c->ya.axis_lo - 1e-9 && v <= c->ya.axis_hi + 1e-9;
}

/* Values outside an author's range are clipped; say so. */
static void cart_check_clipped(Cartesian *c) {
  const ChartSpec *s = c->s;
  for (int j = 0; j < s->n_series && !c->clipped; j++)
    for (int i = 0; i < c->n && !c->clipped; i++)
      if (isfinite(s->series[j].values[i]) && !on_axis(c, s->series[j].values[i])) c->clipped = TRUE;
  if (c->clipped)
    diag_warning(c->p->diags, s->src_file, s->src_line, 0,
                 "%s: some values lie outside the axis range and are cut off", chart_title_of(s));
}

/* ---- draw: plot area -------------------------------------------------- */

static void cart_grid(Cartesian *c) {
  for (int i = 0; i < c->ya.ticks.n; i++) {
    double y = ymap(c, c->ya.ticks.values[i]);
    chart_segment(c->plan, CHART_ROLE_GRID, -1, c->st->grid_color, c->st->grid_line_width, CHART_DASH_SOLID, c->pr.x, y,
                  c->pr.x + c->pr.w, y);
  }
}

/* A bar of series j at point i; a marked point (a rating) is filled in its
 * colour with its shape in white near the bar's end, room allowing. */
static void bar_rect(Cartesian *c, int j, int i, double x, double a, double z) {
  double y0 = ymap_clamped(c, a), y1 = ymap_clamped(c, z), h = fabs(y1 - y0);
  const ChartPointMark *mark = chart_point_mark(&c->s->series[j], i);
  ChartItem *r = chart_rect_new(c->plan, CHART_ROLE_BAR, j, x, fmin(y0, y1), c->bg.bar, h);
  double size = c->st->marker_size * 1.3;
  if (mark && h >= size * 2.2 && c->bg.bar >= size * 1.4)
    chart_marker_new(c->plan, CHART_ROLE_BAR, j, mark->marker, (ChartColor){1, 1, 1}, x + c->bg.bar / 2,
                     y1 < y0 ? y1 + size : y1 - size, size);
  r->fill = mark ? mark->color : chart_series_color(c->p, j);
  r->has_fill = TRUE;
  r->hatch = chart_series_hatch(c->p, j);
  r->stroke = (ChartColor){1, 1, 1};
  r->has_stroke = TRUE;
  r->line_width = c->st->bar_outline_width;
}

/* Stacks grow away from zero: positives up from the positive total so far,
 * negatives down from the negative one. Returns where value v's segment starts. */
static double stack_base(double v, double *pos, double *neg) {
  double a = v >= 0 ? *pos : *neg;
  if (v >= 0) *pos = a + v;
  else *neg = a + v;
  return a;
}

static void cart_bars(Cartesian *c) {
  const ChartSpec *s = c->s;
  for (int i = 0; i < c->n; i++) {
    double pos = 0, neg = 0;
    for (int j = 0, b = 0; j < s->n_series; j++) {
      if (s->series[j].reference) continue;
      double v = s->series[j].values[i];
      double x = chart_bars_at(&c->bg, i, b++, 0);
      if (!isfinite(v)) continue;
      double a = c->bg.stacked ? stack_base(v, &pos, &neg) : 0;
      bar_rect(c, j, i, x, a, a + v);
    }
  }
}

/* Baseline: at zero when zero is on the axis, else along the bottom. */
static void cart_baseline(Cartesian *c) {
  double base = (c->ya.axis_lo <= 0 && c->ya.axis_hi >= 0) ? 0 : c->ya.axis_lo;
  double y = ymap(c, base);
  chart_segment(c->plan, CHART_ROLE_AXIS, -1, c->st->axis_color, c->st->axis_line_width, CHART_DASH_SOLID, c->pr.x, y,
                c->pr.x + c->pr.w, y);
}

/* Every standard, minimum or maximum, chart-wide or a series's own: a line
 * across the plot, or a category's own across its bars (a little wider). */
static void cart_standards(Cartesian *c) {
  for (int k = 0; k < c->s->n_standards; k++) {
    const ChartStandard *std = &c->s->standards[k];
    double y = ymap(c, std->value), x0 = c->pr.x, x1 = c->line_end;
    if (std->category >= 0) {
      double cx = chart_bars_centre(&c->bg, std->category), half = c->bars ? c->bg.group / 2 + 4 : c->slot / 3;
      x0 = cx - half, x1 = cx + half;
    }
    if (y >= c->pr.y - 0.01 && y <= c->pr.y + c->pr.h + 0.01)
      chart_segment(c->plan, CHART_ROLE_MIN_STANDARD, std->series, chart_standard_color(c->p, k),
                    c->st->min_standard_line_width, chart_standard_dash(c->p, k), x0, y, x1, y);
  }
}

/* A line chart's axis that does not start at zero is marked with a break:
 * two short slants across the foot of the axis, so the reader is not led to
 * read the line's height as its size. */
static void cart_axis_break(Cartesian *c) {
  if (c->bars || (c->ya.axis_lo <= 0 && c->ya.axis_hi >= 0)) return;
  c->plan->axis_break = TRUE;
  const double x = c->pr.x + 8, y = c->ya.axis_lo > 0 ? c->pr.y + c->pr.h : c->pr.y, w = c->st->axis_line_width;
  /* a white cut through the axis line, edged by two slants */
  chart_segment(c->plan, CHART_ROLE_AXIS, -1, (ChartColor){1, 1, 1}, 3, CHART_DASH_SOLID, x - 1.5, y + 4, x + 1.5, y - 4);
  for (int k = -1; k <= 1; k += 2)
    chart_segment(c->plan, CHART_ROLE_AXIS, -1, c->st->axis_color, fmax(w, 0.8), CHART_DASH_SOLID, x - 1.5 + 2 * k,
                  y + 4, x + 1.5 + 2 * k, y - 4);
}

static void ref_line(Cartesian *c, int j, double width, double x0, double x1, double y) {
  ChartItem *it = chart_line_new(c->plan, CHART_ROLE_REFERENCE, j, chart_series_color(c->p, j), width,
                                 chart_series_dash(c->p, j), 2);
  it->pts[0] = x0;
  it->pts[1] = y;
  it->pts[2] = x1;
  it->pts[3] = y;
  it->clip_to_plot = TRUE;
}

/* A series as polyline runs split at gaps, one point per slot middle. */
static void series_runs(Cartesian *c, int j, ChartRole role, double width, gboolean clip) {
  const ChartSeries *se = &c->s->series[j];
  double *xs = g_new(double, c->n), *ys = g_new(double, c->n);
  for (int i = 0; i < c->n; i++) {
    xs[i] = c->pr.x + (i + 0.5) * c->slot;
    ys[i] = isfinite(se->values[i]) ? ymap(c, se->values[i]) : NAN;
  }
  chart_emit_runs(c->p, role, j, xs, ys, c->n, chart_series_color(c->p, j), width, chart_series_dash(c->p, j), clip);
  g_free(xs);
  g_free(ys);
}

/* A reference with one value is a line across the plot; with more, a mark
 * across each category's bars, or a line of its own in a line chart. */
static void cart_references(Cartesian *c) {
  const ChartSpec *s = c->s;
  const double w = c->st->reference_line_width;
  for (int j = 0; j < s->n_series; j++) {
    const ChartSeries *se = &s->series[j];
    if (!se->reference) continue;
    int fc = chart_finite_count(se, c->n);
    if (fc == 0) continue;
    if (fc == 1) {
      ref_line(c, j, w, c->pr.x, c->line_end, ymap(c, se->values[chart_last_finite(se, c->n)]));
    } else if (c->bars) {
      for (int i = 0; i < c->n; i++) {
        if (!isfinite(se->values[i])) continue;
        double cx = chart_bars_centre(&c->bg, i);
        ref_line(c, j, w * 1.5, cx - c->bg.group / 2 - 2, cx + c->bg.group / 2 + 2, ymap(c, se->values[i]));
      }
    } else {
      series_runs(c, j, CHART_ROLE_REFERENCE, w, TRUE);
    }
  }
}

/* Markers on every point on the axis; where points crowd (slot under two
 * markers) only the last and isolated ones. */
static void series_markers(Cartesian *c, int j) {
  const ChartSeries *se = &c->s->series[j];
  const int n = c->n;
  gboolean dense = c->slot < c->st->marker_size * 2;
  int li = chart_last_finite(se, n);
  for (int i = 0; i < n; i++) {
    double v = se->values[i];
    if (!isfinite(v) || !on_axis(c, v)) continue;
    gboolean isolated = !chart_point_joins_prev(c->s, se, i) && !chart_point_joins_prev(c->s, se, i + 1);
    const ChartPointMark *mark = chart_point_mark(se, i);
    if (dense && i != li && !isolated && !mark) continue;
    chart_marker_new(c->plan, CHART_ROLE_SERIES, j, mark ? mark->marker : chart_series_marker(c->p, j),
                     mark ? mark->color : chart_series_color(c->p, j), c->pr.x + (i + 0.5) * c->slot, ymap(c, v),
                     c->st->marker_size * (mark ? 1.3 : 1));
  }
}

/* Line series, then their markers on top. */
static void cart_lines(Cartesian *c) {
  const ChartSpec *s = c->s;
  if (s->type != CHART_LINE) return;
  for (int j = 0; j < s->n_series; j++)
    if (!s->series[j].reference) series_runs(c, j, CHART_ROLE_SERIES, c->st->line_width, c->clipped);
  for (int j = 0; j < s->n_series; j++)
    if (!s->series[j].reference) series_markers(c, j);
}

/* ---- draw: labels ----------------------------------------------------- */

static void cart_y_labels(Cartesian *c) {
  for (int i = 0; i < c->ya.ticks.n; i++) {
    char *t = chart_yaxis_tick_text(c->p, &c->ya, c->ya.ticks.values[i]);
    ChartItem *it = chart_text_new(c->p, CHART_ROLE_Y_LABEL, -1, c->p->tick_font, t, c->st->text_color);
    chart_text_place(it, c->pr.x - c->st->padding, ymap(c, c->ya.ticks.values[i]), 1, 0.5, 0);
    g_free(t);
  }
  if (c->unit_item) {
    chart_text_place(c->unit_item, 0, 0, 0, 0, 0);
    g_ptr_array_add(c->plan->items, c->unit_item);
    c->unit_item = NULL; /* the plan owns it */
  }
}

static int gutter_cmp(const void *a, const void *b) {
  const GutterLabel *x = a, *y = b;
  return (x->want > y->want) - (x->want < y->want);
}

/* Spread labels vertically inside [top, bottom] keeping their order. */
static void gutter_spread(GArray *g, double top, double bottom) {
  if (!g->len) return;
  g_array_sort(g, gutter_cmp);
  for (guint i = 0; i < g->len; i++) {
    GutterLabel *l = &g_array_index(g, GutterLabel, i);
    double h = l->item->h;
    l->at = fmin(fmax(l->want, top + h / 2), bottom - h / 2);
    if (i > 0) {
      GutterLabel *q = &g_array_index(g, GutterLabel, i - 1);
      l->at = fmax(l->at, q->at + q->item->h / 2 + h / 2 + LABEL_GAP);
    }
  }
  for (guint i = g->len; i-- > 0;) {
    GutterLabel *l = &g_array_index(g, GutterLabel, i);
    double h = l->item->h;
    double lim = bottom - h / 2;
    if (i + 1 < g->len) {
      GutterLabel *q = &g_array_index(g, GutterLabel, i + 1);
      lim = fmin(lim, q->at - q->item->h / 2 - h / 2 - LABEL_GAP);
    }
    l->at = fmin(l->at, lim);
  }
}

/* The height the gutter labels need stacked, LABEL_GAP apart. */
static double gutter_height(const GArray *g) {
  double h = 0;
  for (guint i = 0; i < g->len; i++) h += g_array_index(g, GutterLabel, i).item->h + (i ? LABEL_GAP : 0);
  return h;
}

/* The point a gutter label belongs to: its height (want) and x (from_x). */
static void gutter_aim(Cartesian *c, GutterLabel *g) {
  const ChartSpec *s = c->s;
  double v;
  if (g->standard >= 0) {
    v = s->standards[g->standard].value;
    g->from_x = c->line_end - c->st->marker_size;
  } else {
    const ChartSeries *se = &s->series[g->item->series];
    int li = chart_last_finite(se, c->n);
    v = se->values[li];
    g->from_x = se->reference && chart_finite_count(se, c->n) == 1 ? c->line_end - c->st->marker_size
                                                                     : c->pr.x + (li + 0.5) * c->slot;
  }
  g->want = ymap_clamped(c, v);
}

static void cart_gutter(Cartesian *c) {
  if (!c->gutter->len) return;
  const ChartRect pr = c->pr;
  for (guint i = 0; i < c->gutter->len; i++) gutter_aim(c, &g_array_index(c->gutter, GutterLabel, i));
  /* a line chart's labels overlap the last half slot, where the x axis
   * runs: they stay above it (a leader says where they point), unless a
   * plot too short for them all leaves no room there */
  double top = fmax(0, pr.y - c->vlh / 2), bottom = pr.y + pr.h + c->lh / 2;
  double above_axis = pr.y + pr.h - c->st->axis_line_width / 2 - LABEL_GAP;
  if (!c->bars && gutter_height(c->gutter) <= above_axis - top) bottom = above_axis;
  gutter_spread(c->gutter, top, bottom);
  double gx = c->bars ? pr.x + pr.w + c->gutter_off : pr.x + (c->n - 0.5) * c->slot + c->gutter_off;
  for (guint i = 0; i < c->gutter->len; i++) {
    GutterLabel *g = &g_array_index(c->gutter, GutterLabel, i);
    if (fabs(g->at - g->want) > 1.5 || g->from_x < pr.x + pr.w - c->slot - 0.01)
      chart_segment(c->plan, CHART_ROLE_LEADER, g->item->series, g->color, 0.5, CHART_DASH_SOLID,
                    g->from_x + c->st->marker_size * 0.6 + 1, g->want, gx - 1, g->at);
  }
  for (guint i = 0; i < c->gutter->len; i++) {
    GutterLabel *g = &g_array_index(c->gutter, GutterLabel, i);
    chart_text_place(g->item, gx, g->at, 0, 0.5, 0);
    g_ptr_array_add(c->plan->items, g->item);
  }
  g_array_set_size(c->gutter, 0); /* the plan owns the items */
}

/* Add value label t to the plan if it is clear of everything there (text,
 * bars, axis: chart_label_clear), else free it and count it in *dropped. */
static void keep_or_drop(Cartesian *c, ChartItem *t, int *dropped) {
  c->plan->labels_wanted++;
  if (chart_label_clear(c->plan, t)) g_ptr_array_add(c->plan->items, t);
  else chart_item_free(t), (*dropped)++;
}

/* Where a value label can go beside point i of a line, nearest first:
 * just above, below, to the upper left, upper right, lower left, lower
 * right; then one and two label heights further above and below. The
 * first tried is where the line is not: above a peak, below a trough, to
 * the upper left of a rise, the upper right of a fall, or, where other
 * series are labelled at the same period, above for the highest and
 * below for the lowest (`side` +1, -1; 0 for neither), so that two close
 * lines take alternate sides. */
#define POINT_PLACES 10
static int point_places(const Planner *p, const ChartSeries *se, int i, int side, int order[POINT_PLACES]) {
  int n = p->spec->n_categories;
  double v = se->values[i];
  /* a neighbour across a restart (a year-to-date figure's new year) is not joined to it */
  double prev = i > 0 && !chart_point_restarts(se, i) ? se->values[i - 1] : NAN;
  double next = i + 1 < n && !chart_point_restarts(se, i + 1) ? se->values[i + 1] : NAN;
  gboolean up_from_prev = isfinite(prev) && v > prev, down_from_prev = isfinite(prev) && v < prev;
  gboolean up_to_next = isfinite(next) && next > v, down_to_next = isfinite(next) && next < v;
  int first;
  if (side != 0)
    first = side > 0 ? 0 : 1;
  else if ((up_from_prev || !isfinite(prev)) && (down_to_next || !isfinite(next)) && (isfinite(prev) || isfinite(next)))
    first = 0; /* peak */
  else if ((down_from_prev || !isfinite(prev)) && (up_to_next || !isfinite(next)) && (isfinite(prev) || isfinite(next)))
    first = 1; /* trough */
  else if (up_from_prev || up_to_next)
    first = 2; /* rising */
  else if (down_from_prev || down_to_next)
    first = 3; /* falling */
  else
    first = 0;
  order[0] = first;
  for (int k = 1, m = 0; k < 6; m++)
    if (m != first) order[k++] = m;
  /* farther: on the preferred side first */
  gboolean below = side < 0 || (side == 0 && first % 2 == 1 && first != 0);
  const int far[4] = {below ? 7 : 6, below ? 6 : 7, below ? 9 : 8, below ? 8 : 9};
  for (int k = 0; k < 4; k++) order[6 + k] = far[k];
  return POINT_PLACES;
}

static void point_place(Planner *p, ChartItem *t, int place, double x, double y) {
  /* anchor x, anchor y, dx, dy (in offsets), extra label heights up (-) or down */
  static const double cand[POINT_PLACES][5] = {
      {0.5, 1, 0, -1, 0},     {0.5, 0, 0, 1, 0},      {1, 1, -0.7, -0.7, 0}, {0, 1, 0.7, -0.7, 0},
      {1, 0, -0.7, 0.7, 0},   {0, 0, 0.7, 0.7, 0},    {0.5, 1, 0, -1, -1},   {0.5, 0, 0, 1, 1},
      {0.5, 1, 0, -1, -2},    {0.5, 0, 0, 1, 2}};
  double off = p->st->marker_size / 2 + 1.5, th;
  chart_layout_size(t->layout, NULL, &th);
  const double *cd = cand[place];
  chart_text_place(t, x + cd[2] * off, y + cd[3] * off + cd[4] * (th + 1), cd[0], cd[1], 0);
}

/* Whether label t stays above the foot of the plot: below it are the
 * category labels and the legend, placed after the value labels (a point
 * on an axis that does not start at zero can sit right on the foot). */
static gboolean above_plot_foot(const ChartPlan *plan, const ChartItem *t) {
  double x0, y0, x1, y1;
  chart_quad_bounds(&t->logical, &x0, &y0, &x1, &y1);
  return y1 <= plan->plot.y + plan->plot.h + 0.01;
}

/* The first place clear of text, bars, the axis, markers and lines; else
 * the first clear of all but lines; FALSE when there is none. */
static gboolean point_label(Planner *p, ChartItem *t, const ChartSeries *se, int i, double x, double y, int side) {
  int order[POINT_PLACES];
  int n = point_places(p, se, i, side, order);
  for (int lines = 1; lines >= 0; lines--)
    for (int k = 0; k < n; k++) {
      point_place(p, t, order[k], x, y);
      if (above_plot_foot(p->plan, t) && chart_label_clear_of_marks(p->plan, t, lines)) return TRUE;
    }
  return FALSE;
}

/* "n/a" on the baseline where a column has no value, or the mark that
 * says why ("[c]"). */
static void na_label(Cartesian *c, int j, int i, double bx, int *dropped) {
  ChartItem *t = chart_text_detached(c->p, CHART_ROLE_VALUE_LABEL, j, c->p->tick_font, chart_gap_mark(c->s, j, i),
                                     c->st->background_note_color);
  chart_text_place(t, bx, ymap_clamped(c, 0) - 1, 0.5, 1, 0);
  keep_or_drop(c, t, dropped);
}

/* A stack segment's value inside it, when it fits and the bar is not
 * hatched; else nothing (the stack's total still shows). */
static void stack_segment_label(Cartesian *c, int j, double bx, double a, double z, const char *txt, int *dropped) {
  double y0 = ymap(c, a), y1 = ymap(c, z);
  ChartColor f = chart_series_color(c->p, j);
  double lum = 0.3 * f.r + 0.59 * f.g + 0.11 * f.b;
  ChartColor tc = lum < 0.5 ? (ChartColor){1, 1, 1} : c->st->text_color;
  ChartItem *t = chart_text_detached(c->p, CHART_ROLE_VALUE_LABEL, j, c->p->tick_font, txt, tc);
  chart_text_place(t, bx, (y0 + y1) / 2, 0.5, 0.5, 0);
  double tw, th;
  chart_layout_size(t->layout, &tw, &th);
  if (tw > c->bg.bar - 2 || th > fabs(y1 - y0) - 1 || chart_series_hatch(c->p, j) != CHART_HATCH_NONE) {
    chart_item_free(t);
    return;
  }
  c->plan->labels_wanted++;
  if (chart_text_fits(c->plan, t)) g_ptr_array_add(c->plan->items, t); /* inside its own bar */
  else chart_item_free(t), (*dropped)++;
}

/* A column's value just past its end (above a positive bar, below a
 * negative); where that would touch a neighbour's label or bar, or be
 * struck through by a target, reference or standard line, it is moved
 * away from the bar by one or two label heights (grouped columns stagger
 * their labels); failing that, the first place clear of all but lines,
 * and left off if none is. */
static void column_label(Cartesian *c, int j, double bx, double v, const char *txt, int *dropped) {
  ChartColor tc = c->p->n_data_series == 1 ? c->st->text_color : chart_text_tone(chart_series_color(c->p, j));
  ChartItem *t = chart_text_detached(c->p, CHART_ROLE_VALUE_LABEL, j, c->p->value_font, txt, tc);
  double y = ymap_clamped(c, v), th;
  chart_layout_size(t->layout, NULL, &th);
  c->plan->labels_wanted++;
  for (int lines = 1; lines >= 0; lines--)
    for (int k = 0; k < 3; k++) {
      double dy = k * (th + 1);
      if (v >= 0) chart_text_place(t, bx, y - 1 - dy, 0.5, 1, 0);
      else chart_text_place(t, bx, y + 1 + dy, 0.5, 0, 0);
      if (chart_label_clear_of_marks(c->plan, t, lines)) {
        g_ptr_array_add(c->plan->items, t);
        return;
      }
    }
  chart_item_free(t);
  (*dropped)++;
}

static void stack_total_label(Cartesian *c, int i, double pos, double neg, int *dropped) {
  char *txt = chart_format_value(pos + neg, c->s->decimals, c->pct ? "%" : "");
  ChartItem *t = chart_text_detached(c->p, CHART_ROLE_VALUE_LABEL, -1, c->p->value_font, txt, c->st->text_color);
  chart_text_place(t, chart_bars_centre(&c->bg, i), ymap_clamped(c, pos) - 1, 0.5, 1, 0);
  keep_or_drop(c, t, dropped);
  g_free(txt);
}

/* Category i's bar values; stacks also get their total. */
static void bar_labels_at(Cartesian *c, int i, int *dropped) {
  const ChartSpec *s = c->s;
  double pos = 0, neg = 0;
  gboolean any = FALSE;
  for (int j = 0, b = 0; j < s->n_series; j++) {
    const ChartSeries *se = &s->series[j];
    if (se->reference) continue;
    double v = se->values[i], bx = chart_bars_at(&c->bg, i, b++, 0.5);
    if (!chart_bars_labelled(c->p, j, i)) continue;
    if (!isfinite(v)) {
      if (!c->bg.stacked) na_label(c, j, i, bx, dropped);
      continue;
    }
    any = TRUE;
    char *txt = chart_format_value(v, chart_point_decimals(s, se, i), c->pct ? "%" : "");
    if (c->bg.stacked) {
      double a = stack_base(v, &pos, &neg);
      stack_segment_label(c, j, bx, a, a + v, txt, dropped);
    } else {
      column_label(c, j, bx, v, txt, dropped);
    }
    g_free(txt);
  }
  if (c->bg.stacked && any && c->p->n_data_series > 1) stack_total_label(c, i, pos, neg, dropped);
}

/* Category i's point values on a line chart that asks for all of them. */
static void point_labels_at(Cartesian *c, int i, int *dropped) {
  const ChartSpec *s = c->s;
  double cx = c->pr.x + (i + 0.5) * c->slot;
  for (int j = 0; j < s->n_series; j++) {
    const ChartSeries *se = &s->series[j];
    double v = se->values[i];
    if (se->reference || !isfinite(v)) continue;
    int above = 0, below = 0; /* other labelled series higher, lower at this period */
    for (int o = 0; o < s->n_series; o++) {
      double w = s->series[o].values[i];
      if (o == j || s->series[o].reference || !isfinite(w)) continue;
      above += w > v || (w == v && o < j), below += w < v || (w == v && o > j);
    }
    int side = above + below == 0 ? 0 : above == 0 ? 1 : below == 0 ? -1 : 0;
    char *txt = chart_format_value(v, chart_point_decimals(s, se, i), c->pct ? "%" : "");
    ChartItem *t = chart_text_detached(c->p, CHART_ROLE_VALUE_LABEL, j, c->p->value_font, txt,
                                       chart_text_tone(chart_series_color(c->p, j)));
    g_free(txt);
    c->plan->labels_wanted++;
    if (point_label(c->p, t, se, i, cx, ymap_clamped(c, v), side)) g_ptr_array_add(c->plan->items, t);
    else chart_item_free(t), (*dropped)++;
  }
}

/* Value labels on bars (or on every point of a line when asked); a label
 * with no room is left off, with a note (and a sentence in the figure's
 * description: chart_plan_note). */
static void cart_value_labels(Cartesian *c) {
  gboolean points = c->s->type == CHART_LINE && chart_spec_label_mode(c->s) == CHART_LABEL_ALL;
  if (!c->bar_labels && !points) return;
  int dropped = 0;
  for (int i = 0; i < c->n; i++) {
    if (points) point_labels_at(c, i, &dropped);
    else bar_labels_at(c, i, &dropped);
  }
  c->plan->labels_dropped += dropped;
  if (dropped)
    diag_add(c->p->diags, DIAG_NOTE, c->s->src_file, c->s->src_line, 0, "%s: %d value label%s left off where there was no room",
             chart_title_of(c->s), dropped, dropped == 1 ? "" : "s");
}

static gboolean nobody_at(const ChartSpec *s, int i) {
  for (int j = 0; j < s->n_series; j++)
    if (!s->series[j].reference && isfinite(s->series[j].values[i])) return FALSE;
  return TRUE;
}

/* A line's point withheld for a reason shows its mark ("[c]") on the
 * baseline where the point would be; a plain gap stays a gap. */
static void cart_gap_marks(Cartesian *c) {
  if (c->s->type != CHART_LINE) return;
  int dropped = 0;
  for (int g = 0; g < c->s->n_gaps; g++) {
    const ChartGap *gap = &c->s->gaps[g];
    if (c->s->series[gap->series].reference) continue;
    double x = c->pr.x + (gap->category + 0.5) * c->slot;
    na_label(c, gap->series, gap->category, x, &dropped);
  }
  c->plan->labels_dropped += dropped;
}

/* Say "no data" in a stretch where no series has a value, so a reader does
 * not take the gap for a fault. Only where there is room for it. */
static void cart_no_data_notes(Cartesian *c) {
  if (c->s->type != CHART_LINE) return;
  for (int i = 0; i < c->n;) {
    if (!nobody_at(c->s, i)) {
      i++;
      continue;
    }
    int k = i;
    while (k + 1 < c->n && nobody_at(c->s, k + 1)) k++;
    ChartItem *t = chart_text_detached(c->p, CHART_ROLE_MESSAGE, -1, c->p->tick_font, chart_words(c->s)->no_data, c->st->background_note_color);
    double tw;
    chart_layout_size(t->layout, &tw, NULL);
    if ((k - i + 1) * c->slot >= tw + 2 * GAP) {
      chart_text_place(t, c->pr.x + (i + k + 1) * c->slot / 2, c->pr.y + c->pr.h - 2, 0.5, 1, 0);
      if (chart_text_fits(c->plan, t)) {
        g_ptr_array_add(c->plan->items, t);
        t = NULL;
      }
    }
    if (t) chart_item_free(t);
    i = k + 1;
  }
}

/* ---- the steps -------------------------------------------------------- */

static void cart_free(Cartesian *c) {
  for (guint i = 0; i < c->gutter->len; i++) chart_item_free(g_array_index(c->gutter, GutterLabel, i).item);
  g_array_free(c->gutter, TRUE);
  if (c->unit_item) chart_item_free(c->unit_item);
  chart_legend_free(c->legend);
  chart_xlabels_clear(&c->xl);
}

void chart_plan_cartesian(Planner *p) {
  Cartesian c = {.p = p, .s = p->spec, .st = p->st, .plan = p->plan, .n = p->spec->n_categories};
  c.bars = chart_kind(c.s->type)->columns;
  c.pct = strcmp(c.s->unit, "%") == 0;
  cart_measure(&c);
  if (!cart_fit(&c)) {
    diag_warning(p->diags, c.s->src_file, c.s->src_line, 0, "%s: %.0f x %.0f pt is too small for this chart's labels; it is left empty",
                 chart_title_of(c.s), c.plan->width, c.plan->height);
    cart_free(&c);
    g_ptr_array_set_size(c.plan->items, 0);
    chart_plan_message(p, "Chart too small to draw");
    return;
  }
  cart_publish(&c);
  cart_check_clipped(&c);
  cart_grid(&c);
  if (c.bars) cart_bars(&c);
  cart_baseline(&c);
  cart_standards(&c);
  cart_axis_break(&c);
  cart_references(&c);
  cart_lines(&c);
  cart_y_labels(&c);
  chart_xlabels_emit(&c.xl, c.pr.x, c.slot, c.pr.y + c.pr.h + c.xl_top_gap, c.plan->width, c.s->type == CHART_LINE);
  cart_gutter(&c);
  cart_value_labels(&c);
  cart_gap_marks(&c);
  cart_no_data_notes(&c);
  if (c.legend) chart_legend_emit(p, c.legend, c.plan->height - c.legend->height, c.bars);
  cart_free(&c);
}
