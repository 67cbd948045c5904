/* chart_plan — lay a ChartSpec out in a box as positioned primitives.
 *
 * Every decision is made in the planner, none in chart_draw. This file is
 * the entry point: it makes the Planner (fonts, style slots), turns a chart
 * with nothing to show into a plan holding only a message (with a warning),
 * and hands the rest to the planner of the chart's kind, found in one table
 * (kinds[] below) that also says how a kind is described. The planners and
 * their parts are listed in chart_internal.h.
 */
#include "chart_internal.h"

/* Indexed by ChartType. */
static const ChartKind kinds[] = {
    [CHART_LINE] = {CHART_LINE, chart_plan_cartesian, FALSE, "Line chart", "Line chart"},
    [CHART_COLUMN] = {CHART_COLUMN, chart_plan_cartesian, TRUE, "Column chart", "Grouped column chart"},
    [CHART_GROUPED] = {CHART_GROUPED, chart_plan_cartesian, TRUE, "Column chart", "Grouped column chart"},
    [CHART_STACKED] = {CHART_STACKED, chart_plan_cartesian, TRUE, "Stacked column chart", "Stacked column chart"},
    [CHART_BAR] = {CHART_BAR, chart_plan_hbar, FALSE, "Bar chart", "Grouped bar chart"},
};

const ChartKind *chart_kind(ChartType type) {
  /* An out-of-range type (a cast int) is planned as columns, as before. */
  return (unsigned)type < G_N_ELEMENTS(kinds) ? &kinds[type] : &kinds[CHART_COLUMN];
}

/* Fonts, style slots (references counted apart) and the warnings about
 * series without data; returns how many data series have some. */
static int planner_init(Planner *p) {
  const ChartSpec *spec = p->spec;
  const ChartStyle *style = p->st;
  p->tick_font = chart_font_new(style, style->tick_font_size, FALSE);
  p->value_font = chart_font_new(style, style->value_font_size, TRUE);
  p->legend_font = chart_font_new(style, style->legend_font_size, FALSE);
  p->msg_font = chart_font_new(style, style->message_font_size, FALSE);
  p->slot = g_new0(int, MAX(spec->n_series, 1));
  int nd = 0, nr = 0, with_data = 0;
  for (int j = 0; j < spec->n_series; j++) {
    p->slot[j] = spec->series[j].reference ? nr++ : nd++;
    int fc = chart_finite_count(&spec->series[j], spec->n_categories);
    if (!spec->series[j].reference && fc > 0) with_data++;
    if (fc == 0)
      diag_warning(p->diags, spec->src_file, spec->src_line, 0, "%s: series \"%s\" has no data", chart_title_of(spec),
                   spec->series[j].name);
  }
  p->n_data_series = nd;
  return with_data;
}

static void planner_clear(Planner *p) {
  g_free(p->slot);
  pango_font_description_free(p->tick_font);
  pango_font_description_free(p->value_font);
  pango_font_description_free(p->legend_font);
  pango_font_description_free(p->msg_font);
}

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
  int with_data = planner_init(&p);
  if (plan->width < 1 || plan->height < 1) {
    diag_warning(diags, spec->src_file, spec->src_line, 0, "%s: no room to draw the chart (%g x %g pt)",
                 chart_title_of(spec), width_pt, height_pt);
    plan->no_data = TRUE;
  } else if (spec->n_categories == 0 || with_data == 0) {
    if (spec->n_categories == 0 || p.n_data_series == 0)
      diag_warning(diags, spec->src_file, spec->src_line, 0, "%s: the chart has no data to show", chart_title_of(spec));
    chart_plan_message(&p, "No data for this chart");
  } else if (spec->sparkline) {
    chart_plan_sparkline(&p); /* any kind: a sparkline is a trend in a cell */
  } else {
    chart_kind(spec->type)->plan(&p);
  }
  planner_clear(&p);
  return plan;
}
