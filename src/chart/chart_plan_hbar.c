/* chart_plan_hbar — horizontal bar charts.
 *
 * Categories down the left (wrapped to at most 38% of the width, cut with an
 * ellipsis past the lines their slot holds), values along the bottom, bars
 * grouped per category in series order from the top, value labels just past
 * each bar's end. A single-valued reference and each standard are
 * vertical lines with their value above the plot; a reference with a value
 * per category is a mark across that category's bars. The value axis ticks
 * are as many as their centred labels leave room for, found in three rounds
 * at most.
 */
#include "chart_internal.h"

#include <string.h>

typedef struct {
  Planner *p;
  const ChartSpec *s;
  const ChartStyle *st;
  ChartPlan *plan;
  int n;
  gboolean pct;
  double lh;              /* tick font line height */
  ChartLegend *legend;
  PangoLayout **cl;       /* category labels, handed to the plan when emitted */
  double cat_w, val_w;    /* widest category and value label */
  gboolean top_labels;    /* values of vertical lines above the plot */
  YAxis ya;
  double left, right, top, plot_w, plot_h;
  ChartRect pr;
  ChartBars bg;
  double x0;              /* x of zero (or the axis end nearest it) */
} HBar;

static double xmap(const HBar *h, double v) {
  return h->pr.x + h->pr.w * (v - h->ya.axis_lo) / (h->ya.axis_hi - h->ya.axis_lo);
}

static double text_width(Planner *p, const PangoFontDescription *fd, const char *text) {
  PangoLayout *l = chart_layout_new(p, fd, text);
  double w;
  chart_layout_size(l, &w, NULL);
  g_object_unref(l);
  return w;
}

static char *value_text(const HBar *h, int j, int i) {
  const ChartSeries *se = &h->s->series[j];
  return chart_format_value(se->values[i], chart_point_decimals(h->s, se, i), h->pct ? "%" : "");
}

static void hbar_measure(HBar *h) {
  Planner *p = h->p;
  const ChartSpec *s = h->s;
  h->legend = chart_legend_new(p, h->plan->width);
  PangoLayout *probe = chart_layout_new(p, p->tick_font, "0");
  chart_layout_size(probe, NULL, &h->lh);
  g_object_unref(probe);
  h->cl = g_new0(PangoLayout *, h->n);
  for (int i = 0; i < h->n; i++) {
    h->cl[i] = chart_layout_new(p, p->tick_font, s->categories && s->categories[i] ? s->categories[i] : "");
    ChartForm f = chart_layout_form(h->cl[i]);
    f.width = (int)(h->plan->width * 0.38 * PANGO_SCALE);
    f.wrap = PANGO_WRAP_WORD;
    f.align = PANGO_ALIGN_RIGHT;
    h->cl[i] = chart_layout_reform(h->cl[i], &f);
    double w;
    chart_layout_size(h->cl[i], &w, NULL);
    h->cat_w = fmax(h->cat_w, w);
  }
  if (chart_spec_label_mode(s) != CHART_LABEL_NONE)
    for (int j = 0; j < s->n_series; j++)
      for (int i = 0; i < h->n && !s->series[j].reference; i++) {
        if (!chart_bars_labelled(p, j, i)) continue;
        char *t = value_text(h, j, i);
        h->val_w = fmax(h->val_w, text_width(p, p->value_font, t));
        g_free(t);
      }
  for (int k = 0; k < s->n_standards; k++) h->top_labels |= s->standards[k].category < 0;
  for (int j = 0; j < s->n_series; j++)
    if (s->series[j].reference && chart_finite_count(&s->series[j], h->n) == 1) h->top_labels = TRUE;
}

/* Plot rectangle and ticks; FALSE when the box is too small. */
static gboolean hbar_fit(HBar *h) {
  const double W = h->plan->width, H = h->plan->height, pad = h->st->padding;
  chart_yaxis_range(h->p, &h->ya);
  h->left = h->cat_w + pad;
  h->right = h->val_w > 0 ? h->val_w + 3 : 0;
  h->top = h->top_labels ? h->lh + 2 : 0;
  h->plot_w = W - h->left - h->right - 1;
  h->plot_h = H - h->top - (h->legend ? h->legend->height + pad * 1.5 : 0) - TICK_LEN - 2 - h->lh;
  int max_ticks = 6;
  for (int round = 0; round < 3 && h->plot_w > 10; round++) {
    chart_yaxis_ticks(h->p, &h->ya, max_ticks);
    /* tick labels are centred on their ticks: half the widest overhangs */
    h->plot_w = W - h->left - fmax(h->right, h->ya.label_w / 2) - 1;
    int fit = (int)floor(h->plot_w / (h->ya.label_w + 3 * GAP)) + 1;
    fit = CLAMP(fit, 2, 11);
    if (fit == max_ticks) break;
    max_ticks = fit;
  }
  chart_yaxis_ticks(h->p, &h->ya, max_ticks);
  /* every category's name needs at least one line of its slot */
  return !(h->plot_w < 10 || h->plot_h < 10 || h->plot_h / h->n < h->lh);
}

static void hbar_publish(HBar *h) {
  h->pr = (ChartRect){h->left, h->top, h->plot_w, h->plot_h};
  h->plan->plot = h->pr;
  h->plan->y_lo = h->ya.axis_lo;
  h->plan->y_hi = h->ya.axis_hi;
  h->plan->n_ticks = h->ya.ticks.n;
  h->plan->x_labels_shown = h->n;
  h->bg = chart_bars_new(h->p, h->pr.y, h->plot_h / h->n, FALSE);
  h->x0 = xmap(h, CLAMP(0, h->ya.axis_lo, h->ya.axis_hi));
}

static void hbar_grid(HBar *h) {
  for (int i = 0; i < h->ya.ticks.n; i++) {
    double x = xmap(h, h->ya.ticks.values[i]);
    chart_segment(h->plan, CHART_ROLE_GRID, -1, h->st->grid_color, h->st->grid_line_width, CHART_DASH_SOLID, x, h->pr.y,
                  x, h->pr.y + h->pr.h);
  }
}

static void hbar_bars(HBar *h) {
  const ChartSpec *s = h->s;
  for (int i = 0; i < h->n; i++)
    for (int j = 0, b = 0; j < s->n_series; j++) {
      if (s->series[j].reference) continue;
      double v = s->series[j].values[i], y = chart_bars_at(&h->bg, i, b++, 0);
      if (!isfinite(v)) continue;
      double x1 = xmap(h, CLAMP(v, h->ya.axis_lo, h->ya.axis_hi));
      ChartItem *r = chart_rect_new(h->plan, CHART_ROLE_BAR, j, fmin(h->x0, x1), y, fabs(x1 - h->x0), h->bg.bar);
      const ChartPointMark *mark = chart_point_mark(&s->series[j], i);
      r->fill = mark ? mark->color : chart_series_color(h->p, j);
      r->has_fill = TRUE;
      r->hatch = chart_series_hatch(h->p, j);
      r->stroke = (ChartColor){1, 1, 1};
      r->has_stroke = TRUE;
      r->line_width = h->st->bar_outline_width;
      double size = h->st->marker_size * 1.3; /* a rating's shape, in white at the bar's end */
      if (mark && fabs(x1 - h->x0) >= size * 2.2 && h->bg.bar >= size * 1.4)
        chart_marker_new(h->plan, CHART_ROLE_BAR, j, mark->marker, (ChartColor){1, 1, 1},
                         x1 > h->x0 ? x1 - size : x1 + size, y + h->bg.bar / 2, size);
    }
  chart_segment(h->plan, CHART_ROLE_AXIS, -1, h->st->axis_color, h->st->axis_line_width, CHART_DASH_SOLID, h->x0, h->pr.y,
                h->x0, h->pr.y + h->pr.h);
}

/* A vertical line's value above the plot, when it has room. */
static void top_label(HBar *h, int series, double x, const char *text, ChartColor color) {
  ChartItem *ti = chart_text_detached(h->p, CHART_ROLE_VALUE_LABEL, series, h->p->tick_font, text, chart_text_tone(color));
  chart_text_place(ti, x, h->pr.y - 1, 0.5, 1, 0);
  if (chart_text_fits(h->plan, ti)) g_ptr_array_add(h->plan->items, ti);
  else chart_item_free(ti);
}

static void reference_marks(HBar *h, int j) {
  const ChartSeries *se = &h->s->series[j];
  for (int i = 0; i < h->n; i++) {
    if (!isfinite(se->values[i])) continue;
    double x = xmap(h, se->values[i]), cy = chart_bars_centre(&h->bg, i);
    ChartItem *it = chart_line_new(h->plan, CHART_ROLE_REFERENCE, j, chart_series_color(h->p, j),
                                   h->st->reference_line_width * 1.5, chart_series_dash(h->p, j), 2);
    it->pts[0] = x;
    it->pts[1] = cy - h->bg.group / 2 - 2;
    it->pts[2] = x;
    it->pts[3] = cy + h->bg.group / 2 + 2;
    it->clip_to_plot = TRUE;
  }
}

static void hbar_references(HBar *h) {
  const ChartSpec *s = h->s;
  const ChartRect pr = h->pr;
  for (int j = 0; j < s->n_series; j++) {
    const ChartSeries *se = &s->series[j];
    if (!se->reference) continue;
    int fc = chart_finite_count(se, h->n);
    if (fc > 1) reference_marks(h, j);
    if (fc != 1) continue;
    double v = se->values[chart_last_finite(se, h->n)], x = xmap(h, v);
    ChartColor c = chart_series_color(h->p, j);
    chart_segment(h->plan, CHART_ROLE_REFERENCE, j, c, h->st->reference_line_width, chart_series_dash(h->p, j), x, pr.y, x,
                  pr.y + pr.h);
    char *t = chart_format_value(v, s->decimals, s->unit);
    top_label(h, j, x, t, c);
    g_free(t);
  }
  for (int k = 0; k < s->n_standards; k++) {
    const ChartStandard *std = &s->standards[k];
    double x = xmap(h, std->value), y0 = pr.y, y1 = pr.y + pr.h;
    ChartColor c = chart_standard_color(h->p, k);
    if (std->category >= 0) { /* across its category's bars only, named in the legend */
      double cy = chart_bars_centre(&h->bg, std->category);
      chart_segment(h->plan, CHART_ROLE_MIN_STANDARD, std->series, c, h->st->min_standard_line_width,
                    chart_standard_dash(h->p, k), x, cy - h->bg.group / 2 - 4, x, cy + h->bg.group / 2 + 4);
      continue;
    }
    chart_segment(h->plan, CHART_ROLE_MIN_STANDARD, std->series, c, h->st->min_standard_line_width,
                  chart_standard_dash(h->p, k), x, y0, x, y1);
    char *t = chart_standard_label(s, std);
    top_label(h, std->series, x, t, c);
    g_free(t);
  }
}

static void hbar_axis_labels(HBar *h) {
  for (int i = 0; i < h->ya.ticks.n; i++) {
    char *t = chart_yaxis_tick_text(h->p, &h->ya, h->ya.ticks.values[i]);
    ChartItem *it = chart_text_detached(h->p, CHART_ROLE_Y_LABEL, -1, h->p->tick_font, t, h->st->text_color);
    chart_text_place(it, xmap(h, h->ya.ticks.values[i]), h->pr.y + h->pr.h + TICK_LEN, 0.5, 0, 0);
    if (chart_text_fits(h->plan, it)) g_ptr_array_add(h->plan->items, it);
    else chart_item_free(it);
    g_free(t);
  }
}

/* Category labels right-aligned left of the plot, at most the lines their
 * slot holds. The plan takes the layouts. */
static void hbar_category_labels(HBar *h) {
  int max_lines = MAX(1, (int)floor((h->bg.slot - 1) / h->lh));
  for (int i = 0; i < h->n; i++) {
    if (pango_layout_get_line_count(h->cl[i]) > max_lines) {
      /* an ellipsized layout is as wide as its wrap width: hold it to the column */
      ChartForm f = chart_layout_form(h->cl[i]);
      f.width = (int)(h->cat_w * PANGO_SCALE);
      f.height = -max_lines;
      f.ellipsize = PANGO_ELLIPSIZE_END;
      h->cl[i] = chart_layout_reform(h->cl[i], &f);
    }
    ChartItem *t = chart_item_new(h->plan, CHART_ITEM_TEXT, CHART_ROLE_X_LABEL, -1);
    t->layout = h->cl[i];
    h->cl[i] = NULL;
    t->text = g_strdup(pango_layout_get_text(t->layout));
    t->fill = h->st->text_color;
    t->has_fill = TRUE;
    chart_text_place(t, h->pr.x - h->st->padding, chart_bars_centre(&h->bg, i), 1, 0.5, 0);
  }
}

/* Bar b of category i's value past its end; "n/a" (or why, "[c]") at
 * zero for no value.
 * Returns FALSE when it had no room and was left off. */
static gboolean bar_value_label(HBar *h, int j, int i, int b) {
  double v = h->s->series[j].values[i], y = chart_bars_at(&h->bg, i, b, 0.5);
  char *txt = isfinite(v) ? value_text(h, j, i) : g_strdup(chart_gap_mark(h->s, j, i));
  ChartColor tc = !isfinite(v)                ? h->st->background_note_color
                  : h->p->n_data_series <= 1 ? h->st->text_color
                                               : chart_text_tone(chart_series_color(h->p, j));
  ChartItem *t = chart_text_detached(h->p, CHART_ROLE_VALUE_LABEL, j, isfinite(v) ? h->p->value_font : h->p->tick_font,
                                     txt, tc);
  g_free(txt);
  double x1 = isfinite(v) ? xmap(h, CLAMP(v, h->ya.axis_lo, h->ya.axis_hi)) : h->x0;
  if (!isfinite(v) || v >= 0) chart_text_place(t, x1 + 2, y, 0, 0.5, 0);
  else chart_text_place(t, x1 - 2, y, 1, 0.5, 0);
  if (chart_label_clear(h->plan, t)) {
    g_ptr_array_add(h->plan->items, t);
    return TRUE;
  }
  chart_item_free(t);
  return FALSE;
}

static void hbar_value_labels(HBar *h) {
  const ChartSpec *s = h->s;
  if (chart_spec_label_mode(s) == CHART_LABEL_NONE) return;
  int dropped = 0;
  for (int i = 0; i < h->n; i++)
    for (int j = 0, b = 0; j < s->n_series; j++) {
      if (s->series[j].reference) continue;
      if (chart_bars_labelled(h->p, j, i)) {
        h->plan->labels_wanted++;
        dropped += !bar_value_label(h, j, i, b);
      }
      b++;
    }
  h->plan->labels_dropped += dropped;
  if (dropped)
    diag_add(h->p->diags, DIAG_NOTE, s->src_file, s->src_line, 0, "%s: %d value label%s left off where there was no room",
             chart_title_of(s), dropped, dropped == 1 ? "" : "s");
}

static void hbar_free(HBar *h) {
  for (int i = 0; i < h->n; i++)
    if (h->cl[i]) g_object_unref(h->cl[i]);
  g_free(h->cl);
  chart_legend_free(h->legend);
}

void chart_plan_hbar(Planner *p) {
  HBar h = {.p = p, .s = p->spec, .st = p->st, .plan = p->plan, .n = p->spec->n_categories};
  h.pct = strcmp(h.s->unit, "%") == 0;
  hbar_measure(&h);
  if (!hbar_fit(&h)) {
    diag_warning(p->diags, h.s->src_file, h.s->src_line, 0, "%s: %.0f x %.0f pt is too small for this chart's labels; it is left empty",
                 chart_title_of(h.s), h.plan->width, h.plan->height);
    hbar_free(&h);
    chart_plan_message(p, "Chart too small to draw");
    return;
  }
  hbar_publish(&h);
  hbar_grid(&h);
  hbar_bars(&h);
  hbar_references(&h);
  hbar_axis_labels(&h);
  hbar_category_labels(&h);
  hbar_value_labels(&h);
  if (h.legend) chart_legend_emit(p, h.legend, h.plan->height - h.legend->height, TRUE);
  hbar_free(&h);
}
