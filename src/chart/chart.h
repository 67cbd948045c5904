/* chart — trend charts, column/bar charts and sparklines, planned then drawn.
 *
 * Owns three things, each with its own lifetime:
 *   ChartSpec  what to show: categories (periods), series of doubles with NAN
 *              for gaps, reference lines, axis wishes. Plain data; the
 *              chart_spec_* helpers copy every string and array they are given
 *              and chart_spec_free releases them.
 *   ChartStyle how to show it: fonts, colours, widths, markers, dashes.
 *              A value type (no pointers), defaults from chart_style_default().
 *   ChartPlan  the chart laid out in a width x height box: an ordered list of
 *              positioned primitives (polylines, markers, rects, text with its
 *              measured boxes). chart_plan_free releases it.
 *
 * Invariants of a plan (checked by chart_plan_check, asserted in tests):
 *   - coordinates are in points, origin at the top-left of the chart box,
 *     y growing downwards; every text box lies inside [0,w]x[0,h];
 *   - no two text items overlap (rotated labels are compared as rotated
 *     rectangles, not as their bounding boxes);
 *   - items are listed in drawing order (grid, bars, lines, markers, text),
 *     so chart_draw is one pass that measures nothing and decides nothing.
 * All Pango measuring happens in chart_plan, with the caller's PangoContext;
 * text sizes are absolute (1 unit = 1 pt) whatever the context's resolution.
 * For PDF output the context should have metrics hinting off
 * (cairo_font_options_set_hint_metrics(CAIRO_HINT_METRICS_OFF)).
 *
 * chart_draw does not tag (the render stage wraps it in a Figure) and does
 * not use cairo groups (cairo 1.16 tagging breaks inside them).
 *
 * Numbers (tick labels, value labels, descriptions) never depend on the
 * C locale: they are built with integer arithmetic.
 */
#ifndef BOARDPACK_CHART_H
#define BOARDPACK_CHART_H

#include <cairo.h>
#include <glib.h>
#include <math.h>
#include <pango/pango.h>

#include "base/diag.h"

/* ---- spec ------------------------------------------------------------- */

typedef enum {
  CHART_LINE,    /* trend: one point per category, gaps where NAN */
  CHART_COLUMN,  /* vertical bars; one series, or several side by side */
  CHART_GROUPED, /* same as CHART_COLUMN (API callers; a spec writes column with several series) */
  CHART_STACKED, /* vertical bars stacked per category */
  CHART_BAR,     /* horizontal bars (long category names), grouped if >1 series */
} ChartType;

typedef enum {
  CHART_LABEL_NONE,
  CHART_LABEL_LATEST, /* the latest value of each series: beside a line's last
                         point; on columns, the latest period's bars (the last
                         category with data when categories are periods, else
                         the last data series's bars) */
  CHART_LABEL_ALL,    /* every point / every bar */
  CHART_LABEL_AUTO,   /* the default: LATEST for lines, ALL for bars */
} ChartLabelMode;
/* Value labels never touch each other, the bars, the axis or the legend: a
 * label with no room is moved (raised above its neighbours) or left off,
 * and ChartPlan.labels_dropped counts those left off. */

/* A standard a series is held to. A minimum is met at or above its value
 * ("≥ 70%"), a maximum (smaller is better) at or below it ("≤ 25"). */
typedef struct {
  double value;
  gboolean maximum;
  int series;  /* the series it is for (index), or -1: every data series */
  int category;/* the category it is for (a measure along x), marked across
                  that category's bars; -1: a line across the plot */
  char *label; /* legend text; NULL: "Minimum standard" / "Maximum standard" */
} ChartStandard;

typedef struct {
  char *name;
  double *values;     /* n_categories of them; NAN = no data */
  gboolean reference; /* comparator (England, neighbours): grey reference line,
                         no markers; a reference with a single value is drawn
                         as a horizontal line across the plot */
  gboolean target;    /* a reference line of the measure's targets, not a comparator (the description's words) */
  int *decimals;      /* per point, or NULL: the spec's decimals (a published
                         84 and 80.5 keep their own places in labels) */
  struct ChartPointMark *marks; /* per point, or NULL: its own shape and colour
                                   (a rating), n_marks of them */
  int n_marks;
  gboolean *restarts; /* per point, or NULL: the figure starts again here (a
                         year-to-date count's April after March), so the line
                         breaks before it and the description tells each
                         year's run apart; n_restarts of them */
  char **run_names;   /* per point, or NULL: what the run it belongs to is
                         called ("2024/25"), for the description */
  int n_restarts;
} ChartSeries;

/* A point with no value for a known reason (a small number suppressed,
 * a figure not yet available): the chart shows `mark` where "n/a" would
 * stand, and its description says `words` ("suppressed") instead of "no
 * data". */
typedef struct {
  int series, category;
  char *mark;  /* "[c]" */
  char *words; /* "suppressed" */
} ChartGap;

typedef struct ChartSpec {
  ChartType type;
  char *title;          /* not drawn (the layout draws captions); used by
                           chart_describe and in diagnostics */
  char *src_file;       /* where the chart was specified, for diagnostics */
  int src_line;
  char **categories;    /* n_categories labels ("Nov-12"); may be NULL */
  int n_categories;
  ChartSeries *series;
  int n_series;
  char *unit;           /* "%", "per 10,000", "" */
  gboolean percent_axis;/* bars: 0-100 unless y_min/y_max given (lines: from the data); set by set_unit("%") */
  double y_min, y_max;  /* author range; NAN = automatic */
  ChartStandard *standards; /* each drawn as a line, in the legend and the
                               description; n_standards of them */
  int n_standards;
  gboolean categories_are_periods; /* x is time (a column chart over periods) */
  ChartLabelMode label_values;
  int decimals;         /* value labels/description; -1 = as needed (max 2) */
  gboolean sparkline;   /* tiny line, no axes, last point marked */
  ChartGap *gaps;       /* n_gaps of them, at most one per point */
  int n_gaps;
  gboolean welsh;       /* chart_describe and chart_plan_note write Welsh (a chart in a lang="cy"
                           block); gap words and labels come in the block's language already */
} ChartSpec;

ChartSpec *chart_spec_new(ChartType type);
void chart_spec_free(ChartSpec *spec);
void chart_spec_set_title(ChartSpec *spec, const char *title);
void chart_spec_set_source(ChartSpec *spec, const char *file, int line);
/* Also sets percent_axis when unit is "%". */
void chart_spec_set_unit(ChartSpec *spec, const char *unit);
/* Replaces the categories; existing series are resized (new slots NAN). */
void chart_spec_set_categories(ChartSpec *spec, const char *const *labels, int n);
/* Copies n values (n may be < n_categories: the rest are NAN). Returns index. */
int chart_spec_add_series(ChartSpec *spec, const char *name, const double *values, int n,
                          gboolean reference);
/* Say why point `category` of `series` has no value (chart.h ChartGap);
 * ignored for a point out of range or one with a value. */
void chart_spec_set_gap(ChartSpec *spec, int series, int category, const char *mark, const char *words);
/* The reason point (series, category) has no value, or NULL: no data. */
const ChartGap *chart_spec_gap(const ChartSpec *spec, int series, int category);
/* What stands where the point has no value: its gap's mark, else "n/a". */
const char *chart_gap_mark(const ChartSpec *spec, int series, int category);
/* Adds a standard (ignored if value is not finite); returns its index or -1. */
int chart_spec_add_standard(ChartSpec *spec, double value, gboolean maximum, int series, const char *label);
/* Replaces the chart-wide minimum standards with this one (NAN: none). */
void chart_spec_set_min_standard(ChartSpec *spec, double value, const char *label);
/* The label mode in effect (AUTO resolved by the chart's type). */
ChartLabelMode chart_spec_label_mode(const ChartSpec *spec);
/* Is value v met by standard std? */
gboolean chart_standard_met(const ChartStandard *std, double v);
/* "≥ 70%" / "≤ 25"; newly allocated. */
char *chart_standard_text(const ChartStandard *std, const char *unit);

/* The words drawn on a chart and under it, in the chart's language
 * (spec->welsh); the one table of them is chart_describe.c's, beside the
 * description's words. */
typedef struct {
  const char *min_name, *max_name;   /* a standard's name: "Minimum standard", "Maximum standard" */
  const char *min_label, *max_label; /* its label on the chart, around its value: "min %s", "max %s" */
  const char *marked_each;           /* the legend's entry for the standards of several measures */
  const char *no_data;               /* "no data": a legend entry's, the plot's, a data table cell's */
  const char *data_summary;          /* the HTML's data table: "The data in this chart" */
  const char *data_caption;          /* "Data: %s", the chart's title */
  const char *data_periods, *data_measures; /* its first column's head: "Period", "Measure" */
} ChartWords;
const ChartWords *chart_words(const ChartSpec *spec);
/* A standard's name in the legend ("Minimum standard", "Safon ofynnol"),
 * or the label it was given. */
const char *chart_standard_name(const ChartSpec *spec, const ChartStandard *std);
/* Its label on the chart and in the legend, in words a reader cannot
 * take for the other kind: "min 85%", "max 25" ("isafswm 85%",
 * "uchafswm 25"); newly allocated. */
char *chart_standard_label(const ChartSpec *spec, const ChartStandard *std);
void chart_spec_set_range(ChartSpec *spec, double y_min, double y_max);

/* ---- style ------------------------------------------------------------ */

typedef struct { double r, g, b; } ChartColor;

typedef enum {
  CHART_MARKER_NONE, CHART_MARKER_CIRCLE, CHART_MARKER_SQUARE, CHART_MARKER_TRIANGLE,
  CHART_MARKER_DIAMOND, CHART_MARKER_TRIANGLE_DOWN, CHART_MARKER_CROSS, CHART_MARKER_PLUS,
} ChartMarker;

typedef enum {
  CHART_DASH_SOLID, CHART_DASH_DASHED, CHART_DASH_DOTTED, CHART_DASH_DASHDOT,
  CHART_DASH_LONG, CHART_DASH_SHORT,
  CHART_DASH_DASHDOTDOT, /* short dash, two dots: a maximum standard, beside the minimum's dash-dot */
} ChartDash;

/* A point of a line (its marker) or a bar (its fill) drawn in a shape and
 * colour of its own: a rating's (● green, ◆ amber, ✖ red), so a chart
 * shows each point's rating by shape as well as colour. CHART_MARKER_NONE:
 * the series' own. Marked points are never thinned out. */
typedef struct ChartPointMark {
  ChartMarker marker;
  ChartColor color;
  int order;        /* where its legend entry goes among the marks' (the rating's level) */
  const char *name; /* what it means, for the legend (a static string), or NULL: no entry */
} ChartPointMark;
/* Copies n marks for series j (n <= n_categories). */
void chart_spec_set_marks(ChartSpec *spec, int series, const ChartPointMark *marks, int n);
/* Point i's own mark, or NULL. */
const ChartPointMark *chart_point_mark(const ChartSeries *se, int i);
/* Copies n restart flags and run names (names may be NULL) for series j
 * (n <= n_categories); no restart at all leaves the series without. */
void chart_spec_set_restarts(ChartSpec *spec, int series, const gboolean *restarts, const char *const *names, int n);
/* Does point i start a run again (chart.h ChartSeries.restarts)? */
gboolean chart_point_restarts(const ChartSeries *se, int i);
/* Is point i drawn joined to point i - 1: both have values and i is no restart? */
gboolean chart_point_joins_prev(const ChartSpec *spec, const ChartSeries *se, int i);

typedef enum { CHART_HATCH_NONE, CHART_HATCH_DIAGONAL, CHART_HATCH_CROSS, CHART_HATCH_HORIZONTAL } ChartHatch;

#define CHART_STYLE_SLOTS 8 /* series beyond this reuse the slots cyclically */

typedef struct ChartStyle {
  char font_family[64];
  double tick_font_size;   /* axis labels */
  double value_font_size;  /* value labels (bold) */
  double legend_font_size;
  double message_font_size;/* "No data for this chart" */
  ChartColor text_color, axis_color, grid_color, background_note_color;
  ChartColor series_color[CHART_STYLE_SLOTS];
  ChartMarker series_marker[CHART_STYLE_SLOTS];
  ChartDash series_dash[CHART_STYLE_SLOTS];
  ChartHatch series_hatch[CHART_STYLE_SLOTS]; /* bars */
  ChartColor reference_color[CHART_STYLE_SLOTS];
  ChartDash reference_dash[CHART_STYLE_SLOTS];
  ChartColor min_standard_color;
  ChartDash min_standard_dash, max_standard_dash; /* told apart by pattern and label, not colour */
  double line_width, reference_line_width, min_standard_line_width;
  double axis_line_width, grid_line_width, bar_outline_width;
  double marker_size;      /* diameter-ish, pt */
  double bar_group_gap;    /* share of a category slot left empty, 0..0.9 */
  double padding;          /* space between parts, pt */
  double sparkline_line_width, sparkline_marker_size;
} ChartStyle;

ChartStyle chart_style_default(void);

/* ---- plan ------------------------------------------------------------- */

typedef enum {
  CHART_ITEM_POLYLINE, /* pts: n_pts (x,y) pairs; stroked */
  CHART_ITEM_MARKER,   /* at (x,y), size; stroked and filled */
  CHART_ITEM_RECT,     /* (x,y,w,h); filled, optional outline and hatch */
  CHART_ITEM_TEXT,     /* layout drawn at origin (x,y) rotated by angle */
} ChartItemKind;

typedef enum {
  CHART_ROLE_GRID, CHART_ROLE_AXIS, CHART_ROLE_TICK, CHART_ROLE_SERIES, CHART_ROLE_REFERENCE,
  CHART_ROLE_MIN_STANDARD, CHART_ROLE_BAR, CHART_ROLE_LEADER, CHART_ROLE_LEGEND_SAMPLE,
  CHART_ROLE_X_LABEL, CHART_ROLE_Y_LABEL, CHART_ROLE_UNIT_LABEL, CHART_ROLE_VALUE_LABEL,
  CHART_ROLE_LEGEND_LABEL, CHART_ROLE_MESSAGE,
} ChartRole;

typedef struct { double x, y, w, h; } ChartRect;
/* A text box after rotation: four corners in drawing order. */
typedef struct { double x[4], y[4]; } ChartQuad;

typedef struct {
  ChartItemKind kind;
  ChartRole role;
  int series;          /* index into spec->series, or -1 */
  ChartColor stroke, fill;
  gboolean has_fill, has_stroke;
  double line_width;
  ChartDash dash;
  gboolean clip_to_plot; /* data drawn against an author range may overrun */
  /* polyline */
  double *pts; int n_pts;
  /* marker (x,y centre), rect (x,y top-left), text (layout origin) */
  double x, y, w, h, size;
  ChartMarker marker;
  ChartHatch hatch;
  /* text */
  PangoLayout *layout; /* owned (ref) */
  char *text;
  double angle;        /* radians, about (x,y); negative = reads upwards */
  ChartQuad logical;   /* the layout's logical rect, rotated, chart coords */
  ChartRect ink;       /* axis-aligned bounds of the rotated ink rect */
} ChartItem;

typedef struct ChartPlan {
  double width, height;
  ChartRect plot;        /* the data area (for sparkline: the whole box) */
  GPtrArray *items;      /* of ChartItem*, owned, in drawing order */
  gboolean no_data;      /* the plan is only a "No data for this chart" message */
  int x_label_step;      /* every k-th category label shown (1 = all) */
  double x_label_angle;  /* degrees: 0, 45 or 90 */
  int x_labels_shown;
  double y_lo, y_hi;     /* the axis range in data units */
  int n_ticks;
  gboolean axis_break;   /* the value axis does not start at zero: marked with a break */
  int labels_dropped;    /* value labels left off for want of room */
  int labels_wanted;     /* value labels the chart asked for */
} ChartPlan;

ChartPlan *chart_plan(const ChartSpec *spec, const ChartStyle *style, PangoContext *ctx,
                      double width_pt, double height_pt, DiagList *diags);
void chart_plan_free(ChartPlan *plan);
/* One of a plan's items (its points, text and layout): the items array's free function. */
void chart_item_free(gpointer item);

/* What a planner sets on a text item's layout beyond its font and text. */
typedef struct {
  int width, height;
  PangoWrapMode wrap;
  PangoEllipsizeMode ellipsize;
  PangoAlignment align;
} ChartForm;
ChartForm chart_layout_form(PangoLayout *l);
/* The layout of a label of this font, form and text in `ctx`, as the
 * planners make it: shared (base/textcache.h), laid out once per process
 * (nothing may change it), a new reference. A plan taken back from a
 * scratch file (render_tape.c) gets its labels' layouts here. */
PangoLayout *chart_label_layout(PangoContext *ctx, const PangoFontDescription *fd, const ChartForm *form,
                                const char *text);
/* Draw at the current origin of cr. Only draws; saves and restores cr. */
void chart_draw(cairo_t *cr, const ChartPlan *plan);

/* Append the plan as an inline <svg role="img"> to `out`: the same items
 * chart_draw paints, text as <text>; <title> and <desc> (NULL: none) from
 * the caller, ids made from `id` (unique in the page). */
void chart_svg(GString *out, const ChartPlan *plan, const char *id, const char *title, const char *desc,
               const char *font_family);

/* Problems with a plan (overlapping text, text outside the box, NaN
 * coordinates), one per line appended to `why` if non-NULL; returns the count. */
int chart_plan_check(const ChartPlan *plan, GString *why);
/* A text dump: the box, the plot area, the axis range and label choice,
 * then one item a line in drawing order with every point and how it is
 * painted (stroke colour/width, dash, fill, hatch, clip); coordinates
 * rounded to 0.01 pt, '.' whatever the locale. */
char *chart_plan_dump(const ChartPlan *plan);
/* Count of items with the given kind and role (role < 0: any role). */
int chart_plan_count(const ChartPlan *plan, ChartItemKind kind, int role);

/* Plain-English alternative text built from the data. Free with g_free. */
char *chart_describe(const ChartSpec *spec);
/* What a reader of the picture would miss that the data-built description
 * cannot know: value labels left off, an axis that does not start at zero.
 * A sentence to append to the description, or NULL. Free with g_free. */
char *chart_plan_note(const ChartPlan *plan, const ChartSpec *spec);
/* Decimals point i of series `se` is shown with. */
int chart_point_decimals(const ChartSpec *spec, const ChartSeries *se, int i);

/* ---- ticks and numbers (chart_ticks.c) -------------------------------- */

#define CHART_MAX_TICKS 24

typedef struct {
  double lo, hi;       /* first and last tick: the axis range */
  double step;
  int n;
  double values[CHART_MAX_TICKS];
  int decimals;        /* decimals needed to tell the ticks apart */
} ChartTicks;

/* Nice ticks covering [lo,hi] with steps of 1, 2, 2.5 or 5 x 10^n and at most
 * max_ticks ticks (clamped to 2..CHART_MAX_TICKS). lo > hi is swapped; lo ==
 * hi is widened. Returns FALSE (and ticks for 0..1) if lo or hi is not finite. */
gboolean chart_ticks_nice(double lo, double hi, int max_ticks, ChartTicks *out);
/* As chart_ticks_nice; with integers, steps below 1 are never chosen (counts). */
gboolean chart_ticks_nice_full(double lo, double hi, int max_ticks, gboolean integers,
                               ChartTicks *out);

/* Locale-independent: "1,234.5", "-0.25", "85.4". decimals < 0 = as needed,
 * up to 2, trailing zeros dropped. Thousands separated with commas. Returns a newly allocated string. */
char *chart_format_number(double v, int decimals);
/* Number with unit: "85.4%", "124.3 per 10,000", "116". */
char *chart_format_value(double v, int decimals, const char *unit);
/* Decimals needed to show v exactly, up to max_decimals. */
int chart_decimals_needed(double v, int max_decimals);

#endif
