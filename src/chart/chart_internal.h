/* chart_internal — what the chart planner's files share; not for other modules.
 *
 * A Planner carries one chart_plan call's inputs and fonts. The helpers make
 * plan items (every text item measured and placed at once, so a plan is
 * complete the moment an item is added) and answer geometry questions about
 * them (rotated text boxes as quads, compared by the separating-axis test).
 *
 * The planner's parts, one file each:
 *   chart_plan.c            entry point; the table of chart kinds
 *   chart_plan_legend.c     the legend below the plot
 *   chart_plan_xlabels.c    category labels: thinned, wrapped or rotated
 *   chart_plan_yaxis.c      the value axis: range, ticks, tick labels
 *   chart_plan_bars.c       where each bar of a category sits (all bar charts)
 *   chart_plan_cartesian.c  line and column charts
 *   chart_plan_hbar.c       horizontal bar charts
 *   chart_plan_spark.c      sparklines
 */
#ifndef BOARDPACK_CHART_INTERNAL_H
#define BOARDPACK_CHART_INTERNAL_H

#include "chart.h"

#define GAP 4.0         /* minimum space between neighbouring labels, pt */
#define TICK_LEN 3.0
#define LABEL_GAP 2.0   /* least space between a value label and other text, pt */

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
/* A label's layout, shared (base/textcache.h): a label of the same font
 * and text in the same context is laid out once per process, so nothing
 * may change it; chart_layout_reform gives it another form. */
PangoLayout *chart_layout_new(Planner *p, const PangoFontDescription *fd, const char *text);
/* `l` in `form`: `l` itself when it has that form or is its holder's
 * alone (then set to it), else the shared layout of its font and text in
 * that form (the reference to `l` is dropped). */
PangoLayout *chart_layout_reform(PangoLayout *l, const ChartForm *form);
void chart_layout_size(PangoLayout *l, double *w, double *h);
ChartItem *chart_item_new(ChartPlan *plan, ChartItemKind kind, ChartRole role, int series);
void chart_text_place(ChartItem *it, double px, double py, double ax, double ay, double angle);
void chart_text_shift(ChartItem *it, double dx, double dy);
void chart_quad_bounds(const ChartQuad *q, double *x0, double *y0, double *x1, double *y1);
gboolean chart_quads_overlap(const ChartQuad *a, const ChartQuad *b, double eps);
ChartItem *chart_text_new(Planner *p, ChartRole role, int series, const PangoFontDescription *fd, const char *text, ChartColor color);
ChartItem *chart_text_detached(Planner *p, ChartRole role, int series, const PangoFontDescription *fd, const char *text, ChartColor color);
gboolean chart_text_fits(const ChartPlan *plan, const ChartItem *it);
/* Stricter, for value labels: also LABEL_GAP from every text, and off every
 * bar, legend sample and axis line already in the plan. */
gboolean chart_label_clear(const ChartPlan *plan, const ChartItem *it);
/* The same, and off every series marker, and when `lines` off the lines
 * of series, references and standards too. */
gboolean chart_label_clear_of_marks(const ChartPlan *plan, const ChartItem *it, gboolean lines);
ChartItem *chart_line_new(ChartPlan *plan, ChartRole role, int series, ChartColor c, double width, ChartDash dash, int n_pts);
void chart_segment(ChartPlan *plan, ChartRole role, int series, ChartColor c, double width, ChartDash dash, double x0, double y0, double x1, double y1);
void chart_marker_new(ChartPlan *plan, ChartRole role, int series, ChartMarker m, ChartColor c, double x, double y, double size);
ChartItem *chart_rect_new(ChartPlan *plan, ChartRole role, int series, double x, double y, double w, double h);
ChartColor chart_series_color(const Planner *p, int s);
ChartDash chart_series_dash(const Planner *p, int s);
ChartMarker chart_series_marker(const Planner *p, int s);
ChartHatch chart_series_hatch(const Planner *p, int s);
int chart_finite_count(const ChartSeries *s, int n);
/* Standard k's colour: the style's for a chart-wide one, else its series's. */
ChartColor chart_standard_color(const Planner *p, int k);
/* Standard k's dash: a minimum's and a maximum's differ (chart.h). */
ChartDash chart_standard_dash(const Planner *p, int k);
int chart_last_finite(const ChartSeries *s, int n);
void chart_plan_message(Planner *p, const char *msg);
void chart_emit_runs(Planner *p, ChartRole role, int series, const double *xs, const double *ys, int n, ChartColor c, double width, ChartDash dash, gboolean clip);

/* ---- chart kinds (chart_plan.c) ------------------------------------- */

/* Everything that differs by ChartType, in one table: adding a type is one
 * row there (and its planner). */
typedef struct {
  ChartType type;
  void (*plan)(Planner *p); /* lays the chart out in p->plan */
  gboolean columns;         /* vertical bars: categories wrap, the value axis holds zero */
  const char *phrase;       /* "Column chart", for descriptions */
  const char *phrase_grouped; /* the same with more than one data series */
} ChartKind;

const ChartKind *chart_kind(ChartType type);
void chart_plan_cartesian(Planner *p);
void chart_plan_hbar(Planner *p);
void chart_plan_sparkline(Planner *p);

/* ---- legend (chart_plan_legend.c) ----------------------------------- */

typedef struct {
  GArray *entries; /* of LegendEntry (private to chart_plan_legend.c) */
  double height;   /* of all rows, flowed to the chart's width */
} ChartLegend;

/* A legend for the series and the minimum standard, flowed into rows of
 * `width`; NULL when fewer than two things are drawn (nothing to tell apart). */
ChartLegend *chart_legend_new(Planner *p, double width);
/* Samples and labels with the rows' top at `top`; bar samples are squares. */
void chart_legend_emit(Planner *p, const ChartLegend *lg, double top, gboolean bars);
void chart_legend_free(ChartLegend *lg);

/* ---- x labels (chart_plan_xlabels.c) -------------------------------- */

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
  gboolean overflow;      /* even at 90 degrees the labels are taller than allowed */
} XLabels;

void chart_xlabels_init(XLabels *xl, Planner *p, int n, gboolean categorical, double lh);
void chart_xlabels_clear(XLabels *xl);
/* Choose angle, step and wrapping for a plot of width plot_w starting at px;
 * `right` is how far labels may reach, max_h how tall they may be. */
void chart_xlabels_decide(XLabels *xl, double px, double plot_w, double right, double max_h);
/* How far left of px the first shown rotated label reaches. */
double chart_xlabels_left_need(XLabels *xl, double px, double slot);
/* How far past `right` the last shown rotated label reaches (0: not). */
double chart_xlabels_right_need(XLabels *xl, double px, double slot, double right);
/* The shown labels below `top` (ticks above them when asked). */
void chart_xlabels_emit(XLabels *xl, double px, double slot, double top, double right, gboolean ticks);

/* ---- value axis (chart_plan_yaxis.c) -------------------------------- */

typedef struct {
  double lo, hi;        /* data range wanted on the axis */
  gboolean fixed_lo, fixed_hi;
  gboolean integers;
  ChartTicks ticks;
  double axis_lo, axis_hi;
  double label_w;       /* widest tick label */
} YAxis;

/* The range the data asks for, before ticks (author range, zero, 0-100%). */
void chart_yaxis_range(Planner *p, YAxis *ya);
/* Ticks for the range, at most max_ticks, and the widest tick label. */
void chart_yaxis_ticks(Planner *p, YAxis *ya, int max_ticks);
/* A tick label: the unit only when it is %. */
char *chart_yaxis_tick_text(const Planner *p, const YAxis *ya, double v);
/* y of value v in the plot r (vertical axis). */
double chart_yaxis_map(const YAxis *ya, const ChartRect *r, double v);

/* ---- bar geometry (chart_plan_bars.c) ------------------------------- */

/* Where bars sit along the category axis (x for columns, y for horizontal
 * bars): category i owns a slot; its bars share `group` of it, centred, one
 * `bar` thick each side by side, or all in one stack. */
typedef struct {
  double origin;    /* the plot edge where category 0's slot starts */
  double slot;
  double group;
  double bar;
  gboolean stacked;
} ChartBars;

ChartBars chart_bars_new(const Planner *p, double origin, double slot, gboolean stacked);
/* Middle of category i's slot. */
double chart_bars_centre(const ChartBars *g, int i);
/* Position of bar b (counting data series only) of category i: at = 0 its
 * leading edge, 0.5 its middle. */
double chart_bars_at(const ChartBars *g, int i, int b, double at);
/* Does series j's bar in category i get a value label (chart.h's
 * ChartLabelMode)? */
gboolean chart_bars_labelled(const Planner *p, int j, int i);

#endif
