/* chart_internal — what the chart planner's files share; not for other modules.
 *
 * A Planner carries one chart_plan call's inputs and fonts. The helpers make
 * plan items (every text item measured and placed at once, so a plan is
 * complete the moment an item is added) and answer geometry questions about
 * them (rotated text boxes as quads, compared by the separating-axis test).
 */
#ifndef BOARDPACK_CHART_INTERNAL_H
#define BOARDPACK_CHART_INTERNAL_H

#include "chart.h"

#define GAP 4.0         /* minimum space between neighbouring labels, pt */
#define TICK_LEN 3.0

typedef struct {
  const ChartSpec *spec;
  const ChartStyle *st;
  PangoContext *ctx;
  DiagList *diags;
  ChartPlan *plan;
  PangoFontDescription *tick_font, *value_font, *legend_font, *msg_font;
  gboolean warned_glyphs;
  int *slot;         /* per series: style slot (references counted apart) */
  int n_data_series; /* non-reference series */
} Planner;

const char *chart_title_of(const ChartSpec *s);
ChartColor chart_text_tone(ChartColor c);
PangoFontDescription *chart_font_new(const ChartStyle *st, double size, gboolean bold);
PangoLayout *chart_layout_new(Planner *p, const PangoFontDescription *fd, const char *text);
void chart_layout_size(PangoLayout *l, double *w, double *h);
ChartItem *chart_item_new(ChartPlan *plan, ChartItemKind kind, ChartRole role, int series);
void chart_item_free(gpointer data);
void chart_text_place(ChartItem *it, double px, double py, double ax, double ay, double angle);
void chart_text_shift(ChartItem *it, double dx, double dy);
void chart_quad_bounds(const ChartQuad *q, double *x0, double *y0, double *x1, double *y1);
gboolean chart_quads_overlap(const ChartQuad *a, const ChartQuad *b, double eps);
ChartItem *chart_text_new(Planner *p, ChartRole role, int series, const PangoFontDescription *fd, const char *text, ChartColor color);
ChartItem *chart_text_detached(Planner *p, ChartRole role, int series, const PangoFontDescription *fd, const char *text, ChartColor color);
gboolean chart_text_fits(const ChartPlan *plan, const ChartItem *it);
ChartItem *chart_line_new(ChartPlan *plan, ChartRole role, int series, ChartColor c, double width, ChartDash dash, int n_pts);
void chart_segment(ChartPlan *plan, ChartRole role, int series, ChartColor c, double width, ChartDash dash, double x0, double y0, double x1, double y1);
void chart_marker_new(ChartPlan *plan, ChartRole role, int series, ChartMarker m, ChartColor c, double x, double y, double size);
ChartItem *chart_rect_new(ChartPlan *plan, ChartRole role, int series, double x, double y, double w, double h);
ChartColor chart_series_color(const Planner *p, int s);
ChartDash chart_series_dash(const Planner *p, int s);
ChartMarker chart_series_marker(const Planner *p, int s);
ChartHatch chart_series_hatch(const Planner *p, int s);
int chart_finite_count(const ChartSeries *s, int n);
int chart_last_finite(const ChartSeries *s, int n);
void chart_plan_message(Planner *p, const char *msg);
void chart_emit_runs(Planner *p, ChartRole role, int series, const double *xs, const double *ys, int n, ChartColor c, double width, ChartDash dash, gboolean clip);

#endif
