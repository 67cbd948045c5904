/* chart_plan — lay a ChartSpec out in a box as positioned primitives.
 *
 * Every decision is made here, none in chart_draw:
 *   - the plot rectangle: the box minus the legend (bottom), the x labels,
 *     the y tick labels (left), an optional unit line (top) and a right-hand
 *     gutter for value labels. These depend on each other (y label width on
 *     the ticks, the ticks on the plot height, the plot height on how the x
 *     labels fit the plot width), so the geometry is iterated to a fixed
 *     point (three rounds at most; widths only grow);
 *   - x labels: all upright if they fit; periods may be thinned to every k-th
 *     (anchored on the latest, the first added back when it fits); category
 *     labels are wrapped instead (every bar needs its name); rotate 45 or 90
 *     degrees when thinning would leave fewer than five;
 *   - gutter labels (latest values, reference and minimum-standard values)
 *     sit at the height of the point they label, pushed apart vertically
 *     when they would touch, with a leader line when moved;
 *   - data beyond the plot's resolution is decimated per half-point column
 *     (first, min, max, last), so 10,000 points cost a few thousand vertices.
 * A chart with nothing to show becomes a plan holding only a "No data for
 * this chart" message, with a warning in the DiagList.
 */
#include "chart_internal.h"

#include <string.h>

static gboolean is_bar_type(ChartType t) { return t == CHART_COLUMN || t == CHART_GROUPED || t == CHART_STACKED; }

/* ---- legend ----------------------------------------------------------- */

typedef struct {
  int series;     /* -1: minimum standard */
  PangoLayout *layout;
  double w, h;    /* text size */
  double x, y;    /* placed: left of sample, row centre */
} LegendEntry;

#define SAMPLE_W 24.0

static GArray *legend_entries(Planner *p) {
  const ChartSpec *s = p->spec;
  GArray *a = g_array_new(FALSE, TRUE, sizeof(LegendEntry));
  for (int j = 0; j < s->n_series; j++) {
    LegendEntry e = {.series = j};
    gboolean empty = chart_finite_count(&s->series[j], s->n_categories) == 0;
    char *name = empty ? g_strdup_printf("%s (no data)", s->series[j].name) : g_strdup(s->series[j].name);
    e.layout = chart_layout_new(p, p->legend_font, name);
    g_free(name);
    g_array_append_val(a, e);
  }
  if (s->has_min_standard) {
    LegendEntry e = {.series = -1};
    char *v = chart_format_value(s->min_standard, -1, s->unit);
    char *name = g_strdup_printf("%s (%s)", s->min_standard_label ? s->min_standard_label : "Minimum standard", v);
    e.layout = chart_layout_new(p, p->legend_font, name);
    g_free(v);
    g_free(name);
    g_array_append_val(a, e);
  }
  return a;
}

static void legend_free(GArray *a) {
  for (guint i = 0; i < a->len; i++) g_object_unref(g_array_index(a, LegendEntry, i).layout);
  g_array_free(a, TRUE);
}

/* Flow entries into rows of width w; returns the total height. */
static double legend_flow(GArray *a, double width) {
  double x = 0, y = 0, row_h = 0, total = 0;
  guint row_start = 0;
  for (guint i = 0; i < a->len; i++) {
    LegendEntry *e = &g_array_index(a, LegendEntry, i);
    pango_layout_set_width(e->layout, (int)(fmax(width - SAMPLE_W - 4, 10) * PANGO_SCALE));
    pango_layout_set_wrap(e->layout, PANGO_WRAP_WORD);
    chart_layout_size(e->layout, &e->w, &e->h);
    double ew = SAMPLE_W + 4 + e->w;
    if (x > 0 && x + ew > width) {
      for (guint k = row_start; k < i; k++) g_array_index(a, LegendEntry, k).y = y + row_h / 2;
      y += row_h + 2;
      x = 0;
      row_h = 0;
      row_start = i;
    }
    e->x = x;
    x += ew + 12;
    row_h = fmax(row_h, fmax(e->h, 8));
  }
  for (guint k = row_start; k < a->len; k++) g_array_index(a, LegendEntry, k).y = y + row_h / 2;
  total = a->len ? y + row_h : 0;
  return total;
}

static void legend_emit(Planner *p, GArray *a, double top, gboolean bars) {
  const ChartStyle *st = p->st;
  for (guint i = 0; i < a->len; i++) {
    LegendEntry *e = &g_array_index(a, LegendEntry, i);
    double cy = top + e->y, x = e->x;
    int s = e->series;
    if (s < 0) {
      chart_segment(p->plan, CHART_ROLE_LEGEND_SAMPLE, -1, st->min_standard_color, st->min_standard_line_width,
              st->min_standard_dash, x, cy, x + SAMPLE_W, cy);
    } else if (bars && !p->spec->series[s].reference) {
      ChartItem *r = chart_rect_new(p->plan, CHART_ROLE_LEGEND_SAMPLE, s, x + SAMPLE_W / 2 - 5, cy - 5, 10, 10);
      r->fill = chart_series_color(p, s);
      r->has_fill = TRUE;
      r->hatch = chart_series_hatch(p, s);
      r->stroke = st->axis_color;
      r->has_stroke = TRUE;
      r->line_width = st->bar_outline_width;
    } else {
      gboolean ref = p->spec->series[s].reference;
      chart_segment(p->plan, CHART_ROLE_LEGEND_SAMPLE, s, chart_series_color(p, s),
              ref ? st->reference_line_width : st->line_width, chart_series_dash(p, s), x, cy, x + SAMPLE_W, cy);
      if (!ref)
        chart_marker_new(p->plan, CHART_ROLE_LEGEND_SAMPLE, s, chart_series_marker(p, s), chart_series_color(p, s),
                   x + SAMPLE_W / 2, cy, st->marker_size);
    }
    ChartItem *t = chart_item_new(p->plan, CHART_ITEM_TEXT, CHART_ROLE_LEGEND_LABEL, s);
    t->layout = g_object_ref(e->layout);
    t->text = g_strdup(pango_layout_get_text(e->layout));
    t->fill = st->text_color;
    t->has_fill = TRUE;
    chart_text_place(t, x + SAMPLE_W + 4, cy, 0, 0.5, 0);
  }
}

/* ---- x labels --------------------------------------------------------- */

typedef struct {
  Planner *p;
  int n;
  gboolean categorical;   /* bars: every label matters, wrap rather than thin */
  PangoLayout **layouts;  /* lazily made */
  double *w;              /* lazily measured, <0 = not yet */
  double lh;              /* one line's height */
  /* the choice */
  double angle;           /* radians */
  int step;
  gboolean *shown;
  int n_shown;
  double wrap;            /* >0: category labels wrapped to this width */
  double height;          /* below the tick */
  double thick;           /* rotated: the thickest label's height */
} XLabels;

static PangoLayout *xl_layout(XLabels *xl, int i) {
  if (!xl->layouts[i]) {
    const char *t = xl->p->spec->categories ? xl->p->spec->categories[i] : "";
    xl->layouts[i] = chart_layout_new(xl->p, xl->p->tick_font, t ? t : "");
    pango_layout_set_alignment(xl->layouts[i], PANGO_ALIGN_CENTER);
  }
  return xl->layouts[i];
}

static double xl_width(XLabels *xl, int i) {
  if (xl->w[i] < 0) chart_layout_size(xl_layout(xl, i), &xl->w[i], NULL);
  return xl->w[i];
}

static void xl_reset(XLabels *xl, int i) {
  PangoLayout *l = xl_layout(xl, i);
  pango_layout_set_width(l, -1);
  pango_layout_set_height(l, -1);
  pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_NONE);
  xl->w[i] = -1;
}

static void xl_set_wrap(XLabels *xl, double wrap) {
  for (int i = 0; i < xl->n; i++) {
    xl_reset(xl, i);
    PangoLayout *l = xl_layout(xl, i);
    pango_layout_set_width(l, wrap > 0 ? (int)(wrap * PANGO_SCALE) : -1);
    pango_layout_set_wrap(l, PANGO_WRAP_WORD);
  }
  xl->wrap = wrap;
}

/* Rotated category labels longer than `len` go on two lines, then get an
 * ellipsis; returns the thickest label (its logical height). Periods are
 * short and may be many: they are left alone. */
static double xl_limit(XLabels *xl, double len) {
  double thick = xl->lh;
  if (!xl->categorical) return thick;
  for (int i = 0; i < xl->n; i++) {
    xl_reset(xl, i);
    PangoLayout *l = xl_layout(xl, i);
    double w, h;
    chart_layout_size(l, &w, NULL);
    if (w > len) {
      pango_layout_set_width(l, (int)(fmax(len, 10) * PANGO_SCALE));
      pango_layout_set_wrap(l, PANGO_WRAP_WORD);
      pango_layout_set_height(l, -2);
      pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
      xl->w[i] = -1;
    }
    chart_layout_size(l, NULL, &h);
    thick = fmax(thick, h);
  }
  return thick;
}

/* Shown set for step k, anchored on the last label; the first is added back
 * when `fits_first` says it has room. */
static int xl_pick(XLabels *xl, int k, gboolean *shown) {
  memset(shown, 0, sizeof(gboolean) * (size_t)xl->n);
  int count = 0;
  for (int i = xl->n - 1; i >= 0; i -= k) {
    shown[i] = TRUE;
    count++;
  }
  return count;
}

/* Upright labels: do neighbours in the shown set keep GAP apart, with the
 * ends held inside [left, right]? */
static gboolean xl_upright_ok(XLabels *xl, const gboolean *shown, double px, double slot, double left,
                              double right) {
  double prev_r = -INFINITY;
  for (int i = 0; i < xl->n; i++) {
    if (!shown[i]) continue;
    double w = xl_width(xl, i), cx = px + (i + 0.5) * slot;
    double l = cx - w / 2, r = cx + w / 2;
    if (l < left) {
      r += left - l;
      l = left;
    }
    if (r > right) {
      l -= r - right;
      r = right;
    }
    if (l < prev_r + GAP) return FALSE;
    prev_r = r;
  }
  return TRUE;
}

static void xl_add_first(XLabels *xl, gboolean *shown, int *count, double px, double slot, double left,
                         double right) {
  if (shown[0]) return;
  shown[0] = TRUE;
  if (xl->angle == 0 ? xl_upright_ok(xl, shown, px, slot, left, right) : TRUE) {
    (*count)++;
    return;
  }
  shown[0] = FALSE;
}

/* Rotated labels need their perpendicular spacing to exceed a line height. */
static int xl_rot_step(XLabels *xl, double slot, double angle, double thick) {
  double perp = slot * fabs(sin(angle));
  int k = (int)ceil((thick + GAP * 0.5) / fmax(perp, 1e-6));
  return k < 1 ? 1 : (k > xl->n ? xl->n : k);
}

static void xl_rot_first(XLabels *xl, gboolean *shown, int *count, double slot, double angle, double thick) {
  if (shown[0]) return;
  int next = -1;
  for (int i = 1; i < xl->n; i++)
    if (shown[i]) {
      next = i;
      break;
    }
  if (next < 0 || next * slot * fabs(sin(angle)) >= thick + GAP * 0.5) {
    shown[0] = TRUE;
    (*count)++;
  }
}

/* Choose angle, step and wrapping for a plot of width plot_w starting at px;
 * `right` is how far labels may reach. */
static void xl_decide(XLabels *xl, double px, double plot_w, double right, double max_h) {
  int n = xl->n;
  double slot = plot_w / n;
  const int enough = MIN(n, 5);
  gboolean *tmp = g_new0(gboolean, n);
  xl->angle = 0;
  xl->step = 1;
  if (xl->categorical) {
    /* Wrap to the slot; fine if no word overflows and at most 3 lines. */
    xl_set_wrap(xl, fmax(slot - 2, 1));
    gboolean ok = TRUE;
    double hmax = 0;
    for (int i = 0; i < n && ok; i++) {
      double w, h;
      chart_layout_size(xl_layout(xl, i), &w, &h);
      if (w > slot - 2 + 0.01 || pango_layout_get_line_count(xl_layout(xl, i)) > 3) ok = FALSE;
      hmax = fmax(hmax, h);
    }
    if (ok) {
      for (int i = 0; i < n; i++) xl->shown[i] = TRUE;
      xl->n_shown = n;
      xl->height = hmax;
      g_free(tmp);
      return;
    }
    xl_set_wrap(xl, 0);
  }
  /* Upright, thinned (periods only). */
  int best_k = 0, best_count = 0;
  if (!xl->categorical) {
    /* Lower bound on k from the narrowest possible label pair. */
    int k0 = 1;
    if (n > 64) {
      double w_last = xl_width(xl, n - 1);
      k0 = MAX(1, (int)floor((w_last + GAP) / slot) - 1);
    }
    for (int k = k0; k <= n; k = k < 8 ? k + 1 : k + MAX(1, k / 8)) {
      xl_pick(xl, k, tmp);
      if (xl_upright_ok(xl, tmp, px, slot, px, right)) {
        best_k = k;
        break;
      }
    }
    /* A step up to a third larger that lands on both the first and the
     * last label is worth the few labels it costs. */
    for (int k = best_k; best_k > 1 && k <= best_k + best_k / 3 && k < n; k++) {
      if ((n - 1) % k != 0) continue;
      xl_pick(xl, k, tmp);
      if (xl_upright_ok(xl, tmp, px, slot, px, right)) {
        best_k = k;
        break;
      }
    }
    if (best_k > 0) {
      best_count = xl_pick(xl, best_k, tmp);
      xl_add_first(xl, tmp, &best_count, px, slot, px, right);
    }
    if (best_k > 0 && (best_count >= enough || best_k == 1)) {
      memcpy(xl->shown, tmp, sizeof(gboolean) * (size_t)n);
      xl->step = best_k;
      xl->n_shown = best_count;
      xl->height = xl->lh;
      g_free(tmp);
      return;
    }
  }
  /* Rotated: 45 degrees if enough survive and the labels are not too tall,
   * else 90. */
  double angles[2] = {-G_PI / 4, -G_PI / 2};
  for (int a = 0; a < 2; a++) {
    double sa = fabs(sin(angles[a])), ca = fabs(cos(angles[a]));
    double thick = xl_limit(xl, (max_h - 2 * xl->lh * ca) / sa);
    int k = xl_rot_step(xl, slot, angles[a], thick);
    if (xl->categorical && k > 1 && a == 0) continue;
    int c = xl_pick(xl, k, tmp);
    xl->angle = angles[a];
    xl_rot_first(xl, tmp, &c, slot, angles[a], thick);
    xl->thick = thick;
    double h = 0;
    for (int i = 0; i < n; i++)
      if (tmp[i]) h = fmax(h, xl_width(xl, i) * sa + thick * ca);
    gboolean last_resort = a == 1;
    if ((c >= enough || last_resort) && (h <= max_h || last_resort)) {
      if (!xl->categorical && best_k > 0 && c <= best_count) break; /* upright thinned does as well */
      memcpy(xl->shown, tmp, sizeof(gboolean) * (size_t)n);
      xl->step = k;
      xl->n_shown = c;
      xl->height = fmin(h, max_h);
      g_free(tmp);
      return;
    }
  }
  /* Upright thinned after all. */
  xl->angle = 0;
  if (xl->categorical) xl_set_wrap(xl, 0);
  if (best_k == 0) best_k = n, best_count = xl_pick(xl, n, tmp);
  else xl_pick(xl, best_k, tmp), xl_add_first(xl, tmp, &best_count, px, slot, px, right);
  memcpy(xl->shown, tmp, sizeof(gboolean) * (size_t)n);
  xl->step = best_k;
  xl->n_shown = 0;
  for (int i = 0; i < n; i++) xl->n_shown += tmp[i];
  xl->height = xl->lh;
  g_free(tmp);
}

/* How far left of px the first shown rotated label reaches. */
static double xl_left_need(XLabels *xl, double px, double slot) {
  if (xl->angle == 0) return 0;
  double need = 0;
  for (int i = 0; i < xl->n; i++) {
    if (!xl->shown[i]) continue;
    double reach = xl_width(xl, i) * fabs(cos(xl->angle)) + xl->thick * fabs(sin(xl->angle)) / 2;
    double cx = px + (i + 0.5) * slot;
    need = fmax(need, px - (cx - reach));
    if (cx - px > 400) break; /* nothing that far right reaches back */
  }
  return need;
}

static void xl_emit(XLabels *xl, double px, double slot, double top, double right, gboolean ticks) {
  Planner *p = xl->p;
  for (int i = 0; i < xl->n; i++) {
    if (!xl->shown[i] || !*pango_layout_get_text(xl_layout(xl, i))) continue;
    double cx = px + (i + 0.5) * slot;
    if (ticks)
      chart_segment(p->plan, CHART_ROLE_TICK, -1, p->st->axis_color, p->st->axis_line_width, CHART_DASH_SOLID, cx,
              top - TICK_LEN - 1, cx, top - 1);
    ChartItem *t = chart_item_new(p->plan, CHART_ITEM_TEXT, CHART_ROLE_X_LABEL, -1);
    t->layout = g_object_ref(xl_layout(xl, i));
    t->text = g_strdup(pango_layout_get_text(t->layout));
    t->fill = p->st->text_color;
    t->has_fill = TRUE;
    if (xl->angle == 0) {
      chart_text_place(t, cx, top, 0.5, 0, 0);
      double x0, y0, x1, y1;
      chart_quad_bounds(&t->logical, &x0, &y0, &x1, &y1);
      if (x0 < px) chart_text_shift(t, px - x0, 0);
      else if (x1 > right) chart_text_shift(t, right - x1, 0);
    } else {
      double lift = xl->thick * fabs(cos(xl->angle)) / 2;
      chart_text_place(t, cx + lift * 0.5, top + lift, 1, 0.5, xl->angle);
    }
  }
}

/* ---- y axis ----------------------------------------------------------- */

typedef struct {
  double lo, hi;        /* data range wanted on the axis */
  gboolean fixed_lo, fixed_hi;
  gboolean integers;
  ChartTicks ticks;
  double axis_lo, axis_hi;
  double label_w;
} YAxis;

static double ymap(const YAxis *ya, const ChartRect *r, double v) {
  return r->y + r->h * (ya->axis_hi - v) / (ya->axis_hi - ya->axis_lo);
}

static char *tick_text(const Planner *p, const YAxis *ya, double v) {
  return chart_format_value(v, ya->ticks.decimals, strcmp(p->spec->unit, "%") == 0 ? "%" : "");
}

static void yaxis_ticks(Planner *p, YAxis *ya, int max_ticks) {
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
    char *t = tick_text(p, ya, ya->ticks.values[i]);
    PangoLayout *l = chart_layout_new(p, p->tick_font, t);
    double w;
    chart_layout_size(l, &w, NULL);
    ya->label_w = fmax(ya->label_w, w);
    g_object_unref(l);
    g_free(t);
  }
}

/* The range the data asks for, before ticks. */
static void yaxis_range(Planner *p, YAxis *ya) {
  const ChartSpec *s = p->spec;
  double lo = INFINITY, hi = -INFINITY;
  gboolean integers = strcmp(s->unit, "%") != 0;
  for (int i = 0; i < s->n_categories; i++) {
    double pos = 0, neg = 0;
    for (int j = 0; j < s->n_series; j++) {
      double v = s->series[j].values[i];
      if (!isfinite(v)) continue;
      if (v != floor(v)) integers = FALSE;
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
  if (s->has_min_standard) {
    lo = fmin(lo, s->min_standard);
    hi = fmax(hi, s->min_standard);
    if (s->min_standard != floor(s->min_standard)) integers = FALSE;
  }
  if (!isfinite(lo)) lo = hi = 0;
  gboolean bars = s->type != CHART_LINE;
  if (s->percent_axis && !isfinite(s->y_min) && !isfinite(s->y_max)) {
    lo = fmin(0, lo);
    hi = fmax(100, hi);
  } else if (bars) {
    lo = fmin(0, lo);
    hi = fmax(0, hi);
  } else if (lo >= 0 && lo <= hi * 0.5) {
    lo = 0; /* near zero already: show it, so the line is not exaggerated */
  } else if (hi <= 0 && hi >= lo * 0.5) {
    hi = 0;
  }
  ya->fixed_lo = isfinite(s->y_min);
  ya->fixed_hi = isfinite(s->y_max);
  if (ya->fixed_lo) lo = s->y_min;
  if (ya->fixed_hi) hi = s->y_max;
  if (ya->fixed_lo && ya->fixed_hi && !(hi > lo)) {
    diag_warning(p->diags, s->src_file, s->src_line, 0, "%s: the axis range %g to %g is empty; using the data's range",
                 chart_title_of(s), s->y_min, s->y_max);
    ya->fixed_lo = ya->fixed_hi = FALSE;
    ya->lo = ya->hi = NAN;
    yaxis_range(p, ya); /* once more without the author range */
    return;
  }
  if (ya->fixed_lo && !ya->fixed_hi && hi <= lo) hi = lo + 1;
  if (ya->fixed_hi && !ya->fixed_lo && lo >= hi) lo = hi - 1;
  ya->lo = lo;
  ya->hi = hi;
  ya->integers = integers;
}

/* ---- gutter labels ---------------------------------------------------- */

typedef struct {
  ChartItem *item;
  double want;   /* y the label points at */
  double at;     /* y placed */
  double from_x; /* x of the point, for a leader */
  ChartColor color;
} GutterLabel;

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
      l->at = fmax(l->at, q->at + q->item->h / 2 + h / 2 + 0.5);
    }
  }
  for (guint i = g->len; i-- > 0;) {
    GutterLabel *l = &g_array_index(g, GutterLabel, i);
    double h = l->item->h;
    double lim = bottom - h / 2;
    if (i + 1 < g->len) {
      GutterLabel *q = &g_array_index(g, GutterLabel, i + 1);
      lim = fmin(lim, q->at - q->item->h / 2 - h / 2 - 0.5);
    }
    l->at = fmin(l->at, lim);
  }
}

/* Put a value label beside point i of a line where the line is not: above
 * a peak, below a trough, to the upper left of a rise, to the upper right of
 * a fall; other places in turn if that one is taken. */
static gboolean point_label(Planner *p, ChartItem *t, const ChartSeries *se, int i, double x, double y) {
  int n = p->spec->n_categories;
  double v = se->values[i];
  double prev = i > 0 ? se->values[i - 1] : NAN, next = i + 1 < n ? se->values[i + 1] : NAN;
  double off = p->st->marker_size / 2 + 1.5;
  /* anchor x, anchor y, dx, dy for above, below, upper-left, upper-right,
   * lower-left, lower-right */
  static const double cand[6][4] = {{0.5, 1, 0, -1}, {0.5, 0, 0, 1},  {1, 1, -0.7, -0.7},
                                    {0, 1, 0.7, -0.7}, {1, 0, -0.7, 0.7}, {0, 0, 0.7, 0.7}};
  int order[6] = {0, 1, 2, 3, 4, 5};
  gboolean up_from_prev = isfinite(prev) && v > prev, down_from_prev = isfinite(prev) && v < prev;
  gboolean up_to_next = isfinite(next) && next > v, down_to_next = isfinite(next) && next < v;
  int first;
  if ((up_from_prev || !isfinite(prev)) && (down_to_next || !isfinite(next)) && (isfinite(prev) || isfinite(next)))
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
  for (int k = 0; k < 6; k++) {
    const double *c = cand[order[k]];
    chart_text_place(t, x + c[2] * off, y + c[3] * off, c[0], c[1], 0);
    if (chart_text_fits(p->plan, t)) return TRUE;
  }
  return FALSE;
}

/* ---- the cartesian chart ---------------------------------------------- */

static void plan_cartesian(Planner *p) {
  const ChartSpec *s = p->spec;
  const ChartStyle *st = p->st;
  ChartPlan *plan = p->plan;
  const double W = plan->width, H = plan->height, pad = st->padding;
  const int n = s->n_categories;
  const gboolean bars = is_bar_type(s->type);
  const gboolean pct = strcmp(s->unit, "%") == 0;

  /* Legend: whenever more than one thing is drawn. */
  GArray *legend = legend_entries(p);
  double legend_h = 0;
  if (legend->len >= 2) legend_h = legend_flow(legend, W);
  else {
    legend_free(legend);
    legend = NULL;
  }

  /* Unit line for units other than %, which goes on the tick labels. */
  ChartItem *unit_item = NULL;
  double unit_h = 0;
  if (*s->unit && !pct) {
    unit_item = chart_text_detached(p, CHART_ROLE_UNIT_LABEL, -1, p->tick_font, s->unit, st->text_color);
    unit_h = 0;
    chart_layout_size(unit_item->layout, NULL, &unit_h);
  }

  PangoLayout *probe = chart_layout_new(p, p->tick_font, "0");
  double lh;
  chart_layout_size(probe, NULL, &lh);
  g_object_unref(probe);
  probe = chart_layout_new(p, p->value_font, "0");
  double vlh;
  chart_layout_size(probe, NULL, &vlh);
  g_object_unref(probe);

  /* Gutter texts: latest values of line series, reference and standard
   * values. Measured now for the gutter width, placed once y is known. */
  GArray *gutter = g_array_new(FALSE, TRUE, sizeof(GutterLabel));
  for (int j = 0; j < s->n_series; j++) {
    const ChartSeries *se = &s->series[j];
    int li = chart_last_finite(se, n);
    if (li < 0) continue;
    gboolean want = se->reference || (s->type == CHART_LINE && s->label_values == CHART_LABEL_LATEST);
    if (bars && se->reference && chart_finite_count(se, n) > 1) want = FALSE; /* per-bar marks speak for themselves */
    if (!want) continue;
    char *v = chart_format_value(se->values[li], chart_point_decimals(s, se, li), s->unit);
    if (li != n - 1 && !(se->reference && chart_finite_count(se, n) == 1) && s->categories && *s->categories[li]) {
      char *t = g_strdup_printf("%s (%s)", v, s->categories[li]);
      g_free(v);
      v = t;
    }
    GutterLabel g = {.color = chart_text_tone(chart_series_color(p, j))};
    g.item = chart_text_detached(p, CHART_ROLE_VALUE_LABEL, j, se->reference ? p->tick_font : p->value_font, v, g.color);
    chart_layout_size(g.item->layout, &g.item->w, &g.item->h);
    g_free(v);
    g_array_append_val(gutter, g);
  }
  if (s->has_min_standard) {
    char *v = chart_format_value(s->min_standard, -1, s->unit);
    GutterLabel g = {.color = chart_text_tone(st->min_standard_color)};
    g.item = chart_text_detached(p, CHART_ROLE_VALUE_LABEL, -1, p->tick_font, v, g.color);
    chart_layout_size(g.item->layout, &g.item->w, &g.item->h);
    g_free(v);
    g_array_append_val(gutter, g);
  }
  /* Line charts put the gutter just right of the last category's point,
   * overlapping the last half slot; bar charts right of the plot. */
  double label_w = 0;
  for (guint i = 0; i < gutter->len; i++) label_w = fmax(label_w, g_array_index(gutter, GutterLabel, i).item->w);
  const double gutter_off = bars ? pad : st->marker_size / 2 + 3;
  if (label_w > 0) label_w += gutter_off + 1;

  YAxis ya = {0};
  yaxis_range(p, &ya);

  XLabels xl = {.p = p, .n = n, .categorical = bars, .lh = lh};
  xl.layouts = g_new0(PangoLayout *, n);
  xl.w = g_new(double, n);
  for (int i = 0; i < n; i++) xl.w[i] = -1;
  xl.shown = g_new0(gboolean, n);

  const gboolean bar_labels = bars && s->label_values != CHART_LABEL_NONE;
  double top = unit_h > 0 ? unit_h + 2 : 0;
  top += fmax(lh / 2, bar_labels ? vlh + 2 : 0);
  if (gutter->len) top = fmax(top, vlh / 2 + 0.5);
  double bottom_fixed = legend_h > 0 ? legend_h + pad * 1.5 : 0;
  double left = pad, plot_w = 0, plot_h = 0;
  yaxis_ticks(p, &ya, 6);
  left = ya.label_w + pad;
  double xl_top_gap = TICK_LEN + 2;
  for (int round = 0; round < 4; round++) {
    double avail = W - left - 1;
    plot_w = avail;
    if (label_w > 0) {
      double half = bars ? 0 : 0.5 / n; /* share of plot_w the labels may overlap */
      if (label_w > plot_w * half) plot_w = (avail - label_w) / (1 - half);
    }
    if (plot_w < 10) break;
    xl_decide(&xl, left, plot_w, W, H * 0.35);
    double need = xl_left_need(&xl, left, plot_w / n);
    xl_top_gap = TICK_LEN + 2 + (xl.angle != 0 ? lh / 2 : 0);
    plot_h = H - top - bottom_fixed - xl.height - xl_top_gap;
    if (plot_h < 10) break;
    int max_ticks = (int)floor(plot_h / (lh * 2.8)) + 1;
    max_ticks = CLAMP(max_ticks, 2, 11);
    yaxis_ticks(p, &ya, max_ticks);
    double new_left = fmax(ya.label_w + pad, need);
    if (fabs(new_left - left) < 0.5) break;
    left = fmax(new_left, left);
  }
  if (plot_w < 10 || plot_h < 10) {
    diag_warning(p->diags, s->src_file, s->src_line, 0,
                 "%s: %.0f x %.0f pt is too small for this chart's labels; it is left empty", chart_title_of(s), W, H);
    for (guint i = 0; i < gutter->len; i++) chart_item_free(g_array_index(gutter, GutterLabel, i).item);
    g_array_free(gutter, TRUE);
    if (unit_item) chart_item_free(unit_item);
    if (legend) legend_free(legend);
    for (int i = 0; i < n; i++)
      if (xl.layouts[i]) g_object_unref(xl.layouts[i]);
    g_free(xl.layouts);
    g_free(xl.w);
    g_free(xl.shown);
    g_ptr_array_set_size(plan->items, 0);
    chart_plan_message(p, "Chart too small to draw");
    return;
  }

  ChartRect pr = {left, top, plot_w, plot_h};
  plan->plot = pr;
  plan->y_lo = ya.axis_lo;
  plan->y_hi = ya.axis_hi;
  plan->n_ticks = ya.ticks.n;
  plan->x_label_step = xl.step;
  plan->x_label_angle = fabs(xl.angle) * 180 / G_PI;
  plan->x_labels_shown = xl.n_shown;
  const double slot = plot_w / n;

  /* Values outside an author's range are clipped; say so. */
  gboolean clipped = FALSE;
  for (int j = 0; j < s->n_series && !clipped; j++)
    for (int i = 0; i < n; i++) {
      double v = s->series[j].values[i];
      if (isfinite(v) && (v < ya.axis_lo - 1e-9 || v > ya.axis_hi + 1e-9)) {
        clipped = TRUE;
        break;
      }
    }
  if (clipped)
    diag_warning(p->diags, s->src_file, s->src_line, 0,
                 "%s: some values lie outside the axis range and are cut off", chart_title_of(s));

  /* Grid. */
  for (int i = 0; i < ya.ticks.n; i++) {
    double y = ymap(&ya, &pr, ya.ticks.values[i]);
    chart_segment(plan, CHART_ROLE_GRID, -1, st->grid_color, st->grid_line_width, CHART_DASH_SOLID, pr.x, y,
            pr.x + pr.w, y);
  }

  /* Bars. */
  int nb = p->n_data_series;
  if (bars) {
    double group = slot * (1 - CLAMP(st->bar_group_gap, 0, 0.9));
    double bw = s->type == CHART_STACKED ? fmin(group, slot * 0.6) : group / MAX(nb, 1);
    for (int i = 0; i < n; i++) {
      double cx = pr.x + (i + 0.5) * slot, pos = 0, neg = 0;
      int b = 0;
      for (int j = 0; j < s->n_series; j++) {
        if (s->series[j].reference) continue;
        double v = s->series[j].values[i];
        double x = s->type == CHART_STACKED ? cx - bw / 2 : cx - group / 2 + b * bw;
        b++;
        if (!isfinite(v)) continue;
        double a, z;
        if (s->type == CHART_STACKED) {
          a = v >= 0 ? pos : neg;
          z = a + v;
          if (v >= 0) pos = z;
          else neg = z;
        } else {
          a = 0;
          z = v;
        }
        double ya0 = ymap(&ya, &pr, CLAMP(a, ya.axis_lo, ya.axis_hi));
        double ya1 = ymap(&ya, &pr, CLAMP(z, ya.axis_lo, ya.axis_hi));
        ChartItem *r = chart_rect_new(plan, CHART_ROLE_BAR, j, x, fmin(ya0, ya1), bw, fabs(ya1 - ya0));
        r->fill = chart_series_color(p, j);
        r->has_fill = TRUE;
        r->hatch = chart_series_hatch(p, j);
        r->stroke = (ChartColor){1, 1, 1};
        r->has_stroke = TRUE;
        r->line_width = st->bar_outline_width;
      }
    }
  }

  /* Baseline: at zero when zero is on the axis, else along the bottom. */
  {
    double base = (ya.axis_lo <= 0 && ya.axis_hi >= 0) ? 0 : ya.axis_lo;
    double y = ymap(&ya, &pr, base);
    chart_segment(plan, CHART_ROLE_AXIS, -1, st->axis_color, st->axis_line_width, CHART_DASH_SOLID, pr.x, y, pr.x + pr.w, y);
  }

  /* Minimum standard and reference lines; in line charts they stop short of
   * the value labels beside the last point. */
  const double line_end = bars || !gutter->len ? pr.x + pr.w : pr.x + (n - 0.5) * slot + st->marker_size / 2 + 1;
  if (s->has_min_standard) {
    double y = ymap(&ya, &pr, s->min_standard);
    if (y >= pr.y - 0.01 && y <= pr.y + pr.h + 0.01)
      chart_segment(plan, CHART_ROLE_MIN_STANDARD, -1, st->min_standard_color, st->min_standard_line_width,
              st->min_standard_dash, pr.x, y, line_end, y);
  }
  double *xs = g_new(double, MAX(n, 1)), *ys = g_new(double, MAX(n, 1));
  for (int j = 0; j < s->n_series; j++) {
    const ChartSeries *se = &s->series[j];
    if (!se->reference) continue;
    int fc = chart_finite_count(se, n);
    if (fc == 0) continue;
    ChartColor c = chart_series_color(p, j);
    ChartDash d = chart_series_dash(p, j);
    if (fc == 1) {
      double y = ymap(&ya, &pr, se->values[chart_last_finite(se, n)]);
      ChartItem *it = chart_line_new(plan, CHART_ROLE_REFERENCE, j, c, st->reference_line_width, d, 2);
      it->pts[0] = pr.x;
      it->pts[1] = y;
      it->pts[2] = line_end;
      it->pts[3] = y;
      it->clip_to_plot = TRUE;
    } else if (bars) {
      double group = slot * (1 - CLAMP(st->bar_group_gap, 0, 0.9));
      for (int i = 0; i < n; i++) {
        if (!isfinite(se->values[i])) continue;
        double cx = pr.x + (i + 0.5) * slot, y = ymap(&ya, &pr, se->values[i]);
        ChartItem *it = chart_line_new(plan, CHART_ROLE_REFERENCE, j, c, st->reference_line_width * 1.5, d, 2);
        it->pts[0] = cx - group / 2 - 2;
        it->pts[1] = y;
        it->pts[2] = cx + group / 2 + 2;
        it->pts[3] = y;
        it->clip_to_plot = TRUE;
      }
    } else {
      for (int i = 0; i < n; i++) {
        xs[i] = pr.x + (i + 0.5) * slot;
        ys[i] = isfinite(se->values[i]) ? ymap(&ya, &pr, se->values[i]) : NAN;
      }
      chart_emit_runs(p, CHART_ROLE_REFERENCE, j, xs, ys, n, c, st->reference_line_width, d, TRUE);
    }
  }

  /* Line series, then their markers on top. */
  gboolean dense = slot < st->marker_size * 2;
  if (s->type == CHART_LINE) {
    for (int j = 0; j < s->n_series; j++) {
      const ChartSeries *se = &s->series[j];
      if (se->reference) continue;
      for (int i = 0; i < n; i++) {
        xs[i] = pr.x + (i + 0.5) * slot;
        ys[i] = isfinite(se->values[i]) ? ymap(&ya, &pr, se->values[i]) : NAN;
      }
      chart_emit_runs(p, CHART_ROLE_SERIES, j, xs, ys, n, chart_series_color(p, j), st->line_width, chart_series_dash(p, j), clipped);
    }
    for (int j = 0; j < s->n_series; j++) {
      const ChartSeries *se = &s->series[j];
      if (se->reference) continue;
      int li = chart_last_finite(se, n);
      for (int i = 0; i < n; i++) {
        double v = se->values[i];
        if (!isfinite(v) || v < ya.axis_lo - 1e-9 || v > ya.axis_hi + 1e-9) continue;
        gboolean isolated = (i == 0 || !isfinite(se->values[i - 1])) && (i == n - 1 || !isfinite(se->values[i + 1]));
        if (dense && i != li && !isolated) continue;
        chart_marker_new(plan, CHART_ROLE_SERIES, j, chart_series_marker(p, j), chart_series_color(p, j), pr.x + (i + 0.5) * slot,
                   ymap(&ya, &pr, v), st->marker_size);
      }
    }
  }
  g_free(xs);
  g_free(ys);

  /* Y labels and the unit line. */
  for (int i = 0; i < ya.ticks.n; i++) {
    char *t = tick_text(p, &ya, ya.ticks.values[i]);
    ChartItem *it = chart_text_new(p, CHART_ROLE_Y_LABEL, -1, p->tick_font, t, st->text_color);
    chart_text_place(it, pr.x - pad, ymap(&ya, &pr, ya.ticks.values[i]), 1, 0.5, 0);
    g_free(t);
  }
  if (unit_item) {
    chart_text_place(unit_item, 0, 0, 0, 0, 0);
    g_ptr_array_add(plan->items, unit_item);
  }

  /* X labels. */
  xl_emit(&xl, pr.x, slot, pr.y + pr.h + xl_top_gap, W, s->type == CHART_LINE);

  /* Gutter labels. */
  if (gutter->len) {
    for (guint i = 0; i < gutter->len; i++) {
      GutterLabel *g = &g_array_index(gutter, GutterLabel, i);
      int j = g->item->series;
      double v;
      if (j >= 0) {
        int li = chart_last_finite(&s->series[j], n);
        v = s->series[j].values[li];
        g->from_x = s->series[j].reference && chart_finite_count(&s->series[j], n) == 1 ? line_end - st->marker_size
                                                                                    : pr.x + (li + 0.5) * slot;
      } else {
        v = s->min_standard;
        g->from_x = line_end - st->marker_size;
      }
      g->want = ymap(&ya, &pr, CLAMP(v, ya.axis_lo, ya.axis_hi));
    }
    gutter_spread(gutter, fmax(0, pr.y - vlh / 2), pr.y + pr.h + lh / 2);
    double gx = bars ? pr.x + pr.w + gutter_off : pr.x + (n - 0.5) * slot + gutter_off;
    for (guint i = 0; i < gutter->len; i++) {
      GutterLabel *g = &g_array_index(gutter, GutterLabel, i);
      if (fabs(g->at - g->want) > 1.5 || g->from_x < pr.x + pr.w - slot - 0.01)
        chart_segment(plan, CHART_ROLE_LEADER, g->item->series, g->color, 0.5, CHART_DASH_SOLID,
                g->from_x + st->marker_size * 0.6 + 1, g->want, gx - 1, g->at);
    }
    for (guint i = 0; i < gutter->len; i++) {
      GutterLabel *g = &g_array_index(gutter, GutterLabel, i);
      chart_text_place(g->item, gx, g->at, 0, 0.5, 0);
      g_ptr_array_add(plan->items, g->item);
    }
  }
  g_array_free(gutter, TRUE);

  /* Value labels on bars (or on every point of a line when asked). */
  if (bar_labels || (s->type == CHART_LINE && s->label_values == CHART_LABEL_ALL)) {
    double group = slot * (1 - CLAMP(st->bar_group_gap, 0, 0.9));
    double bw = s->type == CHART_STACKED ? fmin(group, slot * 0.6) : group / MAX(nb, 1);
    int dropped = 0;
    for (int i = 0; i < n; i++) {
      double cx = pr.x + (i + 0.5) * slot, pos = 0, neg = 0;
      int b = 0;
      gboolean any = FALSE;
      for (int j = 0; j < s->n_series; j++) {
        const ChartSeries *se = &s->series[j];
        if (se->reference) continue;
        double v = se->values[i];
        double bx = s->type == CHART_STACKED ? cx : cx - group / 2 + (b + 0.5) * bw;
        b++;
        if (s->type == CHART_LINE) bx = cx;
        if (!isfinite(v)) {
          if (s->type == CHART_COLUMN || s->type == CHART_GROUPED) {
            ChartItem *t = chart_text_detached(p, CHART_ROLE_VALUE_LABEL, j, p->tick_font, "n/a", st->background_note_color);
            chart_text_place(t, bx, ymap(&ya, &pr, CLAMP(0, ya.axis_lo, ya.axis_hi)) - 1, 0.5, 1, 0);
            if (chart_text_fits(plan, t)) g_ptr_array_add(plan->items, t);
            else chart_item_free(t), dropped++;
          }
          continue;
        }
        any = TRUE;
        char *txt = chart_format_value(v, chart_point_decimals(s, se, i), pct ? "%" : "");
        ChartItem *t;
        if (s->type == CHART_STACKED) {
          double a = v >= 0 ? pos : neg, z = a + v;
          if (v >= 0) pos = z;
          else neg = z;
          double y0 = ymap(&ya, &pr, a), y1 = ymap(&ya, &pr, z);
          ChartColor f = chart_series_color(p, j);
          double lum = 0.3 * f.r + 0.59 * f.g + 0.11 * f.b;
          ChartColor tc = lum < 0.5 ? (ChartColor){1, 1, 1} : st->text_color;
          t = chart_text_detached(p, CHART_ROLE_VALUE_LABEL, j, p->tick_font, txt, tc);
          chart_text_place(t, bx, (y0 + y1) / 2, 0.5, 0.5, 0);
          double tw, th;
          chart_layout_size(t->layout, &tw, &th);
          if (tw > bw - 2 || th > fabs(y1 - y0) - 1 || chart_series_hatch(p, j) != CHART_HATCH_NONE) {
            chart_item_free(t);
            g_free(txt);
            continue; /* no room inside the segment: the total still shows */
          }
        } else {
          ChartColor tc = chart_text_tone(chart_series_color(p, j));
          if (nb == 1 && s->type != CHART_LINE) tc = st->text_color;
          t = chart_text_detached(p, CHART_ROLE_VALUE_LABEL, j, p->value_font, txt, tc);
          double y = ymap(&ya, &pr, CLAMP(v, ya.axis_lo, ya.axis_hi));
          if (s->type == CHART_LINE) {
            g_free(txt);
            if (point_label(p, t, se, i, bx, y)) g_ptr_array_add(plan->items, t);
            else chart_item_free(t), dropped++;
            continue;
          }
          if (v >= 0) chart_text_place(t, bx, y - 1, 0.5, 1, 0);
          else chart_text_place(t, bx, y + 1, 0.5, 0, 0);
        }
        g_free(txt);
        if (chart_text_fits(plan, t)) g_ptr_array_add(plan->items, t);
        else chart_item_free(t), dropped++;
      }
      if (s->type == CHART_STACKED && any && nb > 1) {
        char *txt = chart_format_value(pos + neg, s->decimals, pct ? "%" : "");
        ChartItem *t = chart_text_detached(p, CHART_ROLE_VALUE_LABEL, -1, p->value_font, txt, st->text_color);
        chart_text_place(t, cx, ymap(&ya, &pr, CLAMP(pos, ya.axis_lo, ya.axis_hi)) - 1, 0.5, 1, 0);
        if (chart_text_fits(plan, t)) g_ptr_array_add(plan->items, t);
        else chart_item_free(t), dropped++;
        g_free(txt);
      }
    }
    if (dropped)
      diag_add(p->diags, DIAG_NOTE, s->src_file, s->src_line, 0,
               "%s: %d value label%s left off where there was no room", chart_title_of(s), dropped, dropped == 1 ? "" : "s");
  }

  /* Say "no data" in a stretch where no series has a value, so a reader
   * does not take the gap for a fault. Only where there is room for it. */
  if (s->type == CHART_LINE) {
    for (int i = 0; i < n;) {
      gboolean empty = TRUE;
      for (int j = 0; j < s->n_series && empty; j++)
        if (!s->series[j].reference && isfinite(s->series[j].values[i])) empty = FALSE;
      if (!empty) {
        i++;
        continue;
      }
      int k = i;
      while (k + 1 < n) {
        gboolean e2 = TRUE;
        for (int j = 0; j < s->n_series && e2; j++)
          if (!s->series[j].reference && isfinite(s->series[j].values[k + 1])) e2 = FALSE;
        if (!e2) break;
        k++;
      }
      ChartItem *t = chart_text_detached(p, CHART_ROLE_MESSAGE, -1, p->tick_font, "no data", st->background_note_color);
      double tw;
      chart_layout_size(t->layout, &tw, NULL);
      if ((k - i + 1) * slot >= tw + 2 * GAP) {
        chart_text_place(t, pr.x + (i + k + 1) * slot / 2, pr.y + pr.h - 2, 0.5, 1, 0);
        if (chart_text_fits(plan, t)) {
          g_ptr_array_add(plan->items, t);
          t = NULL;
        }
      }
      if (t) chart_item_free(t);
      i = k + 1;
    }
  }

  if (legend) {
    legend_emit(p, legend, H - legend_h, bars);
    legend_free(legend);
  }
  for (int i = 0; i < n; i++)
    if (xl.layouts[i]) g_object_unref(xl.layouts[i]);
  g_free(xl.layouts);
  g_free(xl.w);
  g_free(xl.shown);
}

/* ---- horizontal bars -------------------------------------------------- */

/* Categories down the left (wrapped to at most 38% of the width), values
 * along the bottom, bars grouped per category in series order from the top,
 * value labels just past each bar's end. */
static void plan_hbar(Planner *p) {
  const ChartSpec *s = p->spec;
  const ChartStyle *st = p->st;
  ChartPlan *plan = p->plan;
  const double W = plan->width, H = plan->height, pad = st->padding;
  const int n = s->n_categories;
  const gboolean pct = strcmp(s->unit, "%") == 0;
  const int nb = MAX(p->n_data_series, 1);

  GArray *legend = legend_entries(p);
  double legend_h = 0;
  if (legend->len >= 2) legend_h = legend_flow(legend, W);
  else {
    legend_free(legend);
    legend = NULL;
  }
  PangoLayout *probe = chart_layout_new(p, p->tick_font, "0");
  double lh;
  chart_layout_size(probe, NULL, &lh);
  g_object_unref(probe);

  /* Category labels. */
  PangoLayout **cl = g_new0(PangoLayout *, n);
  double cat_w = 0;
  for (int i = 0; i < n; i++) {
    cl[i] = chart_layout_new(p, p->tick_font, s->categories && s->categories[i] ? s->categories[i] : "");
    pango_layout_set_width(cl[i], (int)(W * 0.38 * PANGO_SCALE));
    pango_layout_set_wrap(cl[i], PANGO_WRAP_WORD);
    pango_layout_set_alignment(cl[i], PANGO_ALIGN_RIGHT);
    double w;
    chart_layout_size(cl[i], &w, NULL);
    cat_w = fmax(cat_w, w);
  }
  /* Widest value label, reserved on the right. */
  double val_w = 0;
  if (s->label_values != CHART_LABEL_NONE)
    for (int j = 0; j < s->n_series; j++)
      for (int i = 0; i < n && !s->series[j].reference; i++) {
        char *t = chart_format_value(s->series[j].values[i], chart_point_decimals(s, &s->series[j], i), pct ? "%" : "");
        PangoLayout *l = chart_layout_new(p, p->value_font, t);
        double w;
        chart_layout_size(l, &w, NULL);
        val_w = fmax(val_w, w);
        g_object_unref(l);
        g_free(t);
      }
  gboolean top_labels = s->has_min_standard;
  for (int j = 0; j < s->n_series; j++)
    if (s->series[j].reference && chart_finite_count(&s->series[j], n) == 1) top_labels = TRUE;

  YAxis ya = {0};
  yaxis_range(p, &ya);
  double left = cat_w + pad, right = val_w > 0 ? val_w + 3 : 0;
  double top = top_labels ? lh + 2 : 0;
  double plot_w = W - left - right - 1;
  double plot_h = H - top - (legend_h > 0 ? legend_h + pad * 1.5 : 0) - TICK_LEN - 2 - lh;
  int max_ticks = 6;
  for (int round = 0; round < 3 && plot_w > 10; round++) {
    yaxis_ticks(p, &ya, max_ticks);
    /* tick labels are centred on their ticks: half the widest overhangs */
    plot_w = W - left - fmax(right, ya.label_w / 2) - 1;
    int fit = (int)floor(plot_w / (ya.label_w + 3 * GAP)) + 1;
    fit = CLAMP(fit, 2, 11);
    if (fit == max_ticks) break;
    max_ticks = fit;
  }
  yaxis_ticks(p, &ya, max_ticks);
  if (plot_w < 10 || plot_h < 10 || plot_h / n < lh * 0.8) {
    diag_warning(p->diags, s->src_file, s->src_line, 0,
                 "%s: %.0f x %.0f pt is too small for this chart's labels; it is left empty", chart_title_of(s), W, H);
    for (int i = 0; i < n; i++) g_object_unref(cl[i]);
    g_free(cl);
    if (legend) legend_free(legend);
    chart_plan_message(p, "Chart too small to draw");
    return;
  }
  ChartRect pr = {left, top, plot_w, plot_h};
  plan->plot = pr;
  plan->y_lo = ya.axis_lo;
  plan->y_hi = ya.axis_hi;
  plan->n_ticks = ya.ticks.n;
  plan->x_labels_shown = n;
  const double slot = plot_h / n;
#define XMAP(v) (pr.x + pr.w * ((v) - ya.axis_lo) / (ya.axis_hi - ya.axis_lo))

  for (int i = 0; i < ya.ticks.n; i++) {
    double x = XMAP(ya.ticks.values[i]);
    chart_segment(plan, CHART_ROLE_GRID, -1, st->grid_color, st->grid_line_width, CHART_DASH_SOLID, x, pr.y, x, pr.y + pr.h);
  }
  double group = slot * (1 - CLAMP(st->bar_group_gap, 0, 0.9)), bh = group / nb;
  double x0 = XMAP(CLAMP(0, ya.axis_lo, ya.axis_hi));
  for (int i = 0; i < n; i++) {
    double cy = pr.y + (i + 0.5) * slot;
    for (int j = 0, b = 0; j < s->n_series; j++) {
      if (s->series[j].reference) continue;
      double v = s->series[j].values[i], y = cy - group / 2 + b++ * bh;
      if (!isfinite(v)) continue;
      double x1 = XMAP(CLAMP(v, ya.axis_lo, ya.axis_hi));
      ChartItem *r = chart_rect_new(plan, CHART_ROLE_BAR, j, fmin(x0, x1), y, fabs(x1 - x0), bh);
      r->fill = chart_series_color(p, j);
      r->has_fill = TRUE;
      r->hatch = chart_series_hatch(p, j);
      r->stroke = (ChartColor){1, 1, 1};
      r->has_stroke = TRUE;
      r->line_width = st->bar_outline_width;
    }
  }
  chart_segment(plan, CHART_ROLE_AXIS, -1, st->axis_color, st->axis_line_width, CHART_DASH_SOLID, x0, pr.y, x0, pr.y + pr.h);
  /* Reference marks and lines. */
  for (int j = 0; j < s->n_series; j++) {
    const ChartSeries *se = &s->series[j];
    if (!se->reference) continue;
    int fc = chart_finite_count(se, n);
    for (int i = 0; i < n && fc > 1; i++) {
      if (!isfinite(se->values[i])) continue;
      double x = XMAP(se->values[i]), cy = pr.y + (i + 0.5) * slot;
      ChartItem *it = chart_line_new(plan, CHART_ROLE_REFERENCE, j, chart_series_color(p, j), st->reference_line_width * 1.5,
                               chart_series_dash(p, j), 2);
      it->pts[0] = x;
      it->pts[1] = cy - group / 2 - 2;
      it->pts[2] = x;
      it->pts[3] = cy + group / 2 + 2;
      it->clip_to_plot = TRUE;
    }
    if (fc == 1) {
      double v = se->values[chart_last_finite(se, n)], x = XMAP(v);
      chart_segment(plan, CHART_ROLE_REFERENCE, j, chart_series_color(p, j), st->reference_line_width, chart_series_dash(p, j), x, pr.y,
              x, pr.y + pr.h);
      char *t = chart_format_value(v, s->decimals, s->unit);
      ChartItem *ti = chart_text_detached(p, CHART_ROLE_VALUE_LABEL, j, p->tick_font, t, chart_text_tone(chart_series_color(p, j)));
      chart_text_place(ti, x, pr.y - 1, 0.5, 1, 0);
      if (chart_text_fits(plan, ti)) g_ptr_array_add(plan->items, ti);
      else chart_item_free(ti);
      g_free(t);
    }
  }
  if (s->has_min_standard) {
    double x = XMAP(s->min_standard);
    chart_segment(plan, CHART_ROLE_MIN_STANDARD, -1, st->min_standard_color, st->min_standard_line_width,
            st->min_standard_dash, x, pr.y, x, pr.y + pr.h);
    char *t = chart_format_value(s->min_standard, -1, s->unit);
    ChartItem *ti = chart_text_detached(p, CHART_ROLE_VALUE_LABEL, -1, p->tick_font, t, chart_text_tone(st->min_standard_color));
    chart_text_place(ti, x, pr.y - 1, 0.5, 1, 0);
    if (chart_text_fits(plan, ti)) g_ptr_array_add(plan->items, ti);
    else chart_item_free(ti);
    g_free(t);
  }
  /* Value axis labels, category labels, bar values. */
  for (int i = 0; i < ya.ticks.n; i++) {
    char *t = tick_text(p, &ya, ya.ticks.values[i]);
    ChartItem *it = chart_text_detached(p, CHART_ROLE_Y_LABEL, -1, p->tick_font, t, st->text_color);
    chart_text_place(it, XMAP(ya.ticks.values[i]), pr.y + pr.h + TICK_LEN, 0.5, 0, 0);
    if (chart_text_fits(plan, it)) g_ptr_array_add(plan->items, it);
    else chart_item_free(it);
    g_free(t);
  }
  int max_lines = MAX(1, (int)floor((slot - 1) / lh));
  for (int i = 0; i < n; i++) {
    if (pango_layout_get_line_count(cl[i]) > max_lines) {
      pango_layout_set_height(cl[i], -max_lines);
      pango_layout_set_ellipsize(cl[i], PANGO_ELLIPSIZE_END);
    }
    ChartItem *t = chart_item_new(plan, CHART_ITEM_TEXT, CHART_ROLE_X_LABEL, -1);
    t->layout = cl[i];
    t->text = g_strdup(pango_layout_get_text(cl[i]));
    t->fill = st->text_color;
    t->has_fill = TRUE;
    chart_text_place(t, pr.x - pad, pr.y + (i + 0.5) * slot, 1, 0.5, 0);
  }
  g_free(cl);
  if (s->label_values != CHART_LABEL_NONE) {
    int dropped = 0;
    for (int i = 0; i < n; i++) {
      double cy = pr.y + (i + 0.5) * slot;
      for (int j = 0, b = 0; j < s->n_series; j++) {
        if (s->series[j].reference) continue;
        double v = s->series[j].values[i], y = cy - group / 2 + (b++ + 0.5) * bh;
        char *txt = isfinite(v) ? chart_format_value(v, chart_point_decimals(s, &s->series[j], i), pct ? "%" : "")
                                : g_strdup("n/a");
        ChartColor tc = !isfinite(v) ? st->background_note_color
                        : nb == 1    ? st->text_color
                                     : chart_text_tone(chart_series_color(p, j));
        ChartItem *t = chart_text_detached(p, CHART_ROLE_VALUE_LABEL, j, isfinite(v) ? p->value_font : p->tick_font, txt, tc);
        double x1 = isfinite(v) ? XMAP(CLAMP(v, ya.axis_lo, ya.axis_hi)) : x0;
        if (!isfinite(v) || v >= 0) chart_text_place(t, x1 + 2, y, 0, 0.5, 0);
        else chart_text_place(t, x1 - 2, y, 1, 0.5, 0);
        if (chart_text_fits(plan, t)) g_ptr_array_add(plan->items, t);
        else chart_item_free(t), dropped++;
        g_free(txt);
      }
    }
    if (dropped)
      diag_add(p->diags, DIAG_NOTE, s->src_file, s->src_line, 0,
               "%s: %d value label%s left off where there was no room", chart_title_of(s), dropped, dropped == 1 ? "" : "s");
  }
#undef XMAP
  if (legend) {
    legend_emit(p, legend, H - legend_h, TRUE);
    legend_free(legend);
  }
}

/* ---- sparkline -------------------------------------------------------- */

static void plan_sparkline(Planner *p) {
  const ChartSpec *s = p->spec;
  const ChartStyle *st = p->st;
  ChartPlan *plan = p->plan;
  const int n = s->n_categories;
  double inset = st->sparkline_marker_size / 2 + st->sparkline_line_width;
  ChartRect pr = {inset, inset, plan->width - 2 * inset, plan->height - 2 * inset};
  plan->plot = pr;
  double lo = INFINITY, hi = -INFINITY;
  int j0 = -1;
  for (int j = 0; j < s->n_series; j++) {
    if (s->series[j].reference && j0 >= 0) continue;
    for (int i = 0; i < n; i++) {
      double v = s->series[j].values[i];
      if (isfinite(v)) lo = fmin(lo, v), hi = fmax(hi, v);
    }
    if (!s->series[j].reference && j0 < 0) j0 = j;
  }
  if (s->has_min_standard) lo = fmin(lo, s->min_standard), hi = fmax(hi, s->min_standard);
  if (isfinite(s->y_min)) lo = s->y_min;
  if (isfinite(s->y_max)) hi = s->y_max;
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
    ChartColor c = chart_series_color(p, j);
    chart_emit_runs(p, se->reference ? CHART_ROLE_REFERENCE : CHART_ROLE_SERIES, j, xs, ys, n, c,
              st->sparkline_line_width, se->reference ? chart_series_dash(p, j) : CHART_DASH_SOLID, FALSE);
    if (se->reference) continue;
    int li = chart_last_finite(se, n);
    for (int i = 0; i < n; i++) {
      if (!isfinite(ys[i])) continue;
      gboolean isolated = (i == 0 || !isfinite(ys[i - 1])) && (i == n - 1 || !isfinite(ys[i + 1]));
      if (i == li || isolated)
        chart_marker_new(plan, CHART_ROLE_SERIES, j, CHART_MARKER_CIRCLE, c, xs[i], ys[i],
                   i == li ? st->sparkline_marker_size : st->sparkline_marker_size * 0.6);
    }
  }
  if (s->has_min_standard && hi > lo) {
    double y = pr.y + pr.h * (hi - s->min_standard) / (hi - lo);
    chart_segment(plan, CHART_ROLE_MIN_STANDARD, -1, st->min_standard_color, 0.5, CHART_DASH_DOTTED, pr.x, y,
            pr.x + pr.w, y);
  }
  g_free(xs);
  g_free(ys);
}

/* ---- entry points ----------------------------------------------------- */

ChartPlan *chart_plan(const ChartSpec *spec, const ChartStyle *style, PangoContext *ctx, double width_pt,
                      double height_pt, DiagList *diags) {
  ChartStyle def;
  if (!style) {
    def = chart_style_default();
    style = &def;
  }
  ChartPlan *plan = g_new0(ChartPlan, 1);
  plan->items = g_ptr_array_new_with_free_func(chart_item_free);
  plan->width = isfinite(width_pt) && width_pt > 0 ? width_pt : 0;
  plan->height = isfinite(height_pt) && height_pt > 0 ? height_pt : 0;
  plan->x_label_step = 1;
  Planner p = {.spec = spec, .st = style, .ctx = ctx, .diags = diags, .plan = plan};
  p.tick_font = chart_font_new(style, style->tick_font_size, FALSE);
  p.value_font = chart_font_new(style, style->value_font_size, TRUE);
  p.legend_font = chart_font_new(style, style->legend_font_size, FALSE);
  p.msg_font = chart_font_new(style, style->message_font_size, FALSE);
  p.slot = g_new0(int, MAX(spec->n_series, 1));
  int nd = 0, nr = 0, with_data = 0;
  for (int j = 0; j < spec->n_series; j++) {
    p.slot[j] = spec->series[j].reference ? nr++ : nd++;
    int fc = chart_finite_count(&spec->series[j], spec->n_categories);
    if (!spec->series[j].reference && fc > 0) with_data++;
    if (fc == 0)
      diag_warning(diags, spec->src_file, spec->src_line, 0, "%s: series \"%s\" has no data", chart_title_of(spec),
                   spec->series[j].name);
  }
  p.n_data_series = nd;

  if (plan->width < 1 || plan->height < 1) {
    diag_warning(diags, spec->src_file, spec->src_line, 0, "%s: no room to draw the chart (%g x %g pt)",
                 chart_title_of(spec), width_pt, height_pt);
    plan->no_data = TRUE;
  } else if (spec->n_categories == 0 || with_data == 0) {
    if (spec->n_categories == 0 || nd == 0)
      diag_warning(diags, spec->src_file, spec->src_line, 0, "%s: the chart has no data to show", chart_title_of(spec));
    chart_plan_message(&p, "No data for this chart");
  } else if (spec->sparkline) {
    plan_sparkline(&p);
  } else if (spec->type == CHART_BAR) {
    plan_hbar(&p);
  } else {
    plan_cartesian(&p);
  }
  g_free(p.slot);
  pango_font_description_free(p.tick_font);
  pango_font_description_free(p.value_font);
  pango_font_description_free(p.legend_font);
  pango_font_description_free(p.msg_font);
  return plan;
}

