/* chart_spec — building and freeing a ChartSpec; the default ChartStyle.
 *
 * A spec owns copies of everything handed to it; every series always has
 * exactly n_categories values (missing ones NAN), whatever order the setters
 * are called in.
 */
#include "chart.h"

#include <string.h>

ChartSpec *chart_spec_new(ChartType type) {
  ChartSpec *s = g_new0(ChartSpec, 1);
  s->type = type;
  s->y_min = NAN;
  s->y_max = NAN;
  s->decimals = -1;
  s->label_values = CHART_LABEL_AUTO;
  s->unit = g_strdup("");
  return s;
}

int chart_point_decimals(const ChartSpec *s, const ChartSeries *se, int i) {
  return se->decimals && i >= 0 && i < s->n_categories && se->decimals[i] >= 0 ? se->decimals[i] : s->decimals;
}

void chart_spec_free(ChartSpec *s) {
  if (!s) return;
  g_free(s->title);
  g_free(s->src_file);
  for (int i = 0; i < s->n_categories; i++) g_free(s->categories[i]);
  g_free(s->categories);
  for (int i = 0; i < s->n_series; i++) {
    g_free(s->series[i].name);
    g_free(s->series[i].values);
    g_free(s->series[i].decimals);
    g_free(s->series[i].marks);
    g_free(s->series[i].restarts);
    g_strfreev(s->series[i].run_names);
  }
  g_free(s->series);
  g_free(s->unit);
  for (int i = 0; i < s->n_standards; i++) g_free(s->standards[i].label);
  g_free(s->standards);
  for (int i = 0; i < s->n_gaps; i++) g_free(s->gaps[i].mark), g_free(s->gaps[i].words);
  g_free(s->gaps);
  g_free(s);
}

void chart_spec_set_title(ChartSpec *s, const char *title) {
  g_free(s->title);
  s->title = g_strdup(title);
}

void chart_spec_set_source(ChartSpec *s, const char *file, int line) {
  g_free(s->src_file);
  s->src_file = g_strdup(file);
  s->src_line = line;
}

void chart_spec_set_unit(ChartSpec *s, const char *unit) {
  g_free(s->unit);
  s->unit = g_strdup(unit ? unit : "");
  s->percent_axis = strcmp(s->unit, "%") == 0;
}

static double *resized_values(const double *old, int old_n, int n) {
  double *v = g_new(double, n > 0 ? n : 1);
  for (int i = 0; i < n; i++) v[i] = i < old_n ? old[i] : NAN;
  return v;
}

void chart_spec_set_categories(ChartSpec *s, const char *const *labels, int n) {
  if (n < 0) n = 0;
  for (int i = 0; i < s->n_categories; i++) g_free(s->categories[i]);
  g_free(s->categories);
  s->categories = g_new0(char *, n > 0 ? n : 1);
  for (int i = 0; i < n; i++) s->categories[i] = g_strdup(labels && labels[i] ? labels[i] : "");
  for (int j = 0; j < s->n_series; j++) {
    double *v = resized_values(s->series[j].values, s->n_categories, n);
    g_free(s->series[j].values);
    s->series[j].values = v;
  }
  s->n_categories = n;
}

int chart_spec_add_series(ChartSpec *s, const char *name, const double *values, int n,
                          gboolean reference) {
  if (n > s->n_categories) {
    /* More values than labels: grow the categories with empty labels. */
    char **c = g_new0(char *, n);
    for (int i = 0; i < n; i++) c[i] = i < s->n_categories ? s->categories[i] : g_strdup("");
    g_free(s->categories);
    s->categories = c;
    for (int j = 0; j < s->n_series; j++) {
      double *v = resized_values(s->series[j].values, s->n_categories, n);
      g_free(s->series[j].values);
      s->series[j].values = v;
      g_free(s->series[j].decimals); /* per-point places no longer line up: use the spec's */
      s->series[j].decimals = NULL;
    }
    s->n_categories = n;
  }
  s->series = g_renew(ChartSeries, s->series, s->n_series + 1);
  s->series[s->n_series] = (ChartSeries){.name = g_strdup(name ? name : ""),
                                         .values = resized_values(values, values ? n : 0, s->n_categories),
                                         .reference = reference}; /* every other field zero */
  return s->n_series++;
}

void chart_spec_set_marks(ChartSpec *s, int series, const ChartPointMark *marks, int n) {
  if (series < 0 || series >= s->n_series) return;
  ChartSeries *se = &s->series[series];
  g_free(se->marks);
  se->n_marks = CLAMP(n, 0, s->n_categories);
  se->marks = se->n_marks ? g_memdup2(marks, sizeof *marks * (gsize)se->n_marks) : NULL;
}

const ChartPointMark *chart_point_mark(const ChartSeries *se, int i) {
  if (!se->marks || i < 0 || i >= se->n_marks || se->marks[i].marker == CHART_MARKER_NONE) return NULL;
  return &se->marks[i];
}

void chart_spec_set_restarts(ChartSpec *s, int series, const gboolean *restarts, const char *const *names, int n) {
  if (series < 0 || series >= s->n_series) return;
  ChartSeries *se = &s->series[series];
  g_free(se->restarts), g_strfreev(se->run_names);
  se->restarts = NULL, se->run_names = NULL, se->n_restarts = 0;
  n = CLAMP(n, 0, s->n_categories);
  gboolean any = FALSE;
  for (int i = 0; i < n && restarts; i++) any |= restarts[i];
  if (!any) return; /* nothing starts again: the series is drawn and described as one run */
  se->n_restarts = n;
  se->restarts = g_memdup2(restarts, sizeof *restarts * (gsize)n);
  if (!names) return;
  se->run_names = g_new0(char *, n + 1);
  for (int i = 0; i < n; i++) se->run_names[i] = g_strdup(names[i] ? names[i] : "");
}

gboolean chart_point_restarts(const ChartSeries *se, int i) {
  return se->restarts && i > 0 && i < se->n_restarts && se->restarts[i];
}

gboolean chart_point_joins_prev(const ChartSpec *s, const ChartSeries *se, int i) {
  return i > 0 && i < s->n_categories && isfinite(se->values[i - 1]) && isfinite(se->values[i]) &&
         !chart_point_restarts(se, i);
}

void chart_spec_set_gap(ChartSpec *s, int series, int category, const char *mark, const char *words) {
  if (series < 0 || series >= s->n_series || category < 0 || category >= s->n_categories) return;
  if (isfinite(s->series[series].values[category]) || chart_spec_gap(s, series, category)) return;
  s->gaps = g_renew(ChartGap, s->gaps, s->n_gaps + 1);
  s->gaps[s->n_gaps++] = (ChartGap){series, category, g_strdup(mark ? mark : "n/a"), g_strdup(words ? words : "no data")};
}

const ChartGap *chart_spec_gap(const ChartSpec *s, int series, int category) {
  for (int i = 0; i < s->n_gaps; i++)
    if (s->gaps[i].series == series && s->gaps[i].category == category) return &s->gaps[i];
  return NULL;
}

const char *chart_gap_mark(const ChartSpec *s, int series, int category) {
  const ChartGap *g = chart_spec_gap(s, series, category);
  return g ? g->mark : "n/a";
}

int chart_spec_add_standard(ChartSpec *s, double value, gboolean maximum, int series, const char *label) {
  if (!isfinite(value)) return -1;
  s->standards = g_renew(ChartStandard, s->standards, s->n_standards + 1);
  s->standards[s->n_standards] = (ChartStandard){value, maximum, series, -1, g_strdup(label)};
  return s->n_standards++;
}

void chart_spec_set_min_standard(ChartSpec *s, double value, const char *label) {
  int m = 0;
  for (int i = 0; i < s->n_standards; i++) {
    ChartStandard *st = &s->standards[i];
    if (st->series < 0 && !st->maximum) g_free(st->label);
    else s->standards[m++] = *st;
  }
  s->n_standards = m;
  chart_spec_add_standard(s, value, FALSE, -1, label);
}

ChartLabelMode chart_spec_label_mode(const ChartSpec *s) {
  if (s->label_values != CHART_LABEL_AUTO) return s->label_values;
  return s->type == CHART_LINE || s->sparkline ? CHART_LABEL_LATEST : CHART_LABEL_ALL;
}

gboolean chart_standard_met(const ChartStandard *std, double v) {
  return std->maximum ? v <= std->value : v >= std->value;
}

char *chart_standard_text(const ChartStandard *std, const char *unit) {
  char *v = chart_format_value(std->value, -1, unit);
  char *t = g_strdup_printf("%s %s", std->maximum ? "\u2264" : "\u2265", v);
  g_free(v);
  return t;
}

void chart_spec_set_range(ChartSpec *s, double y_min, double y_max) {
  s->y_min = y_min;
  s->y_max = y_max;
}

static ChartColor rgb(unsigned hex) {
  return (ChartColor){((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0, (hex & 0xff) / 255.0};
}

/* Colours from the Okabe-Ito set (safe for colour-blind readers), ordered so
 * that neighbouring series also differ in lightness when printed in grey:
 * navy 21%, orange 64%, green 41%, purple 59%, sky 62%, vermilion 47%. Shape
 * and dash carry the distinction where lightness does not. */
ChartStyle chart_style_default(void) {
  ChartStyle st;
  memset(&st, 0, sizeof st);
  g_strlcpy(st.font_family, "Liberation Sans", sizeof st.font_family);
  st.tick_font_size = 8;
  st.value_font_size = 8;
  st.legend_font_size = 8;
  st.message_font_size = 10;
  st.text_color = rgb(0x1a1a1a);
  st.axis_color = rgb(0x404040);
  st.grid_color = rgb(0xd0d0d0);
  st.background_note_color = rgb(0x595959);
  static const unsigned colors[CHART_STYLE_SLOTS] = {0x1b3a6b, 0xe69f00, 0x009e73, 0xcc79a7,
                                                     0x56b4e9, 0xd55e00, 0x000000, 0x999999};
  static const ChartMarker markers[CHART_STYLE_SLOTS] = {
      CHART_MARKER_CIRCLE,  CHART_MARKER_SQUARE,        CHART_MARKER_TRIANGLE, CHART_MARKER_DIAMOND,
      CHART_MARKER_CROSS, CHART_MARKER_TRIANGLE_DOWN, CHART_MARKER_PLUS,     CHART_MARKER_CIRCLE};
  static const ChartDash dashes[CHART_STYLE_SLOTS] = {
      CHART_DASH_SOLID, CHART_DASH_DASHED, CHART_DASH_DOTTED, CHART_DASH_DASHDOT,
      CHART_DASH_LONG,  CHART_DASH_SHORT,  CHART_DASH_SOLID,  CHART_DASH_DASHED};
  static const ChartHatch hatches[CHART_STYLE_SLOTS] = {
      CHART_HATCH_NONE,  CHART_HATCH_NONE,     CHART_HATCH_NONE,       CHART_HATCH_DIAGONAL,
      CHART_HATCH_CROSS, CHART_HATCH_DIAGONAL, CHART_HATCH_HORIZONTAL, CHART_HATCH_CROSS};
  static const unsigned refs[CHART_STYLE_SLOTS] = {0x595959, 0x8c8c8c, 0x404040, 0x737373,
                                                   0x595959, 0x8c8c8c, 0x404040, 0x737373};
  static const ChartDash ref_dashes[CHART_STYLE_SLOTS] = {
      CHART_DASH_LONG, CHART_DASH_SHORT, CHART_DASH_DOTTED, CHART_DASH_DASHED,
      CHART_DASH_LONG, CHART_DASH_SHORT, CHART_DASH_DOTTED, CHART_DASH_DASHED};
  for (int i = 0; i < CHART_STYLE_SLOTS; i++) {
    st.series_color[i] = rgb(colors[i]);
    st.series_marker[i] = markers[i];
    st.series_dash[i] = dashes[i];
    st.series_hatch[i] = hatches[i];
    st.reference_color[i] = rgb(refs[i]);
    st.reference_dash[i] = ref_dashes[i];
  }
  st.min_standard_color = rgb(0xb00020);
  st.min_standard_dash = CHART_DASH_DASHDOT;
  st.max_standard_dash = CHART_DASH_DASHDOTDOT;
  st.line_width = 1.5;
  st.reference_line_width = 1.2;
  st.min_standard_line_width = 1.4;
  st.axis_line_width = 0.8;
  st.grid_line_width = 0.4;
  st.bar_outline_width = 0.5;
  st.marker_size = 5;
  st.bar_group_gap = 0.3;
  st.padding = 4;
  st.sparkline_line_width = 1.0;
  st.sparkline_marker_size = 3;
  return st;
}
