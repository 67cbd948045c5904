/* chart_plan_legend — the legend below a chart's plot.
 *
 * One entry per series (a series without data says so in its name) and one
 * per standard with its value ("Minimum standard (≥ 70%)"), named for its
 * series when several series have their own; standards categories (measures
 * along x) have of their own share one entry per kind. Entries flow left to right into
 * rows of the chart's width; a name too long for a row wraps. Each entry is
 * a sample drawn as the data is (a line with its marker, a dashed reference
 * line, a hatched square for bars) beside its label, so a series is told
 * apart by shape and dash as well as colour.
 */
#include "chart_internal.h"

typedef struct {
  int series;     /* -1: a standard; LEGEND_MARK: what a mark means */
  int standard;   /* its index, when series is -1 */
  ChartPointMark mark; /* when series is LEGEND_MARK */
  PangoLayout *layout;
  double w, h;    /* text size */
  double x, y;    /* placed: left of sample, row centre */
} LegendEntry;

#define SAMPLE_W 24.0
#define LEGEND_MARK (-2)

/* How many categories have a minimum (or maximum) standard of their own. */
static int own_standards(const ChartSpec *s, gboolean maximum) {
  int n = 0;
  for (int k = 0; k < s->n_standards; k++) n += s->standards[k].category >= 0 && s->standards[k].maximum == maximum;
  return n;
}

static int mark_order(gconstpointer a, gconstpointer b) {
  return ((const LegendEntry *)a)->mark.order - ((const LegendEntry *)b)->mark.order;
}

/* One entry for each kind of mark the points have (a rating: "Red: short
 * of the target …"), in the marks' order: the points' shapes and colours
 * are explained beside them, not only in the report's legend. */
static void marks_entries(Planner *p, GArray *a) {
  const ChartSpec *s = p->spec;
  GArray *marks = g_array_new(FALSE, TRUE, sizeof(LegendEntry));
  for (int j = 0; j < s->n_series; j++) {
    for (int i = 0; i < s->series[j].n_marks; i++) {
      const ChartPointMark *m = chart_point_mark(&s->series[j], i);
      if (!m || !m->name || !isfinite(s->series[j].values[i])) continue;
      gboolean seen = FALSE;
      for (guint k = 0; k < marks->len && !seen; k++) seen = strcmp(g_array_index(marks, LegendEntry, k).mark.name, m->name) == 0;
      if (!seen) g_array_append_val(marks, ((LegendEntry){.series = LEGEND_MARK, .mark = *m}));
    }
  }
  g_array_sort(marks, mark_order);
  for (guint k = 0; k < marks->len; k++) {
    LegendEntry *e = &g_array_index(marks, LegendEntry, k);
    e->layout = chart_layout_new(p, p->legend_font, e->mark.name);
    g_array_append_val(a, *e);
  }
  g_array_free(marks, TRUE);
}

static GArray *legend_entries(Planner *p) {
  const ChartSpec *s = p->spec;
  GArray *a = g_array_new(FALSE, TRUE, sizeof(LegendEntry));
  for (int j = 0; j < s->n_series; j++) {
    LegendEntry e = {.series = j};
    gboolean empty = chart_finite_count(&s->series[j], s->n_categories) == 0;
    char *name = empty ? g_strdup_printf("%s (%s)", s->series[j].name, chart_words(s)->no_data) : g_strdup(s->series[j].name);
    e.layout = chart_layout_new(p, p->legend_font, name);
    g_free(name);
    g_array_append_val(a, e);
  }
  gboolean marked[2] = {FALSE, FALSE}; /* per-category minimums, maximums: one entry each */
  for (int k = 0; k < s->n_standards; k++) {
    const ChartStandard *std = &s->standards[k];
    LegendEntry e = {.series = -1, .standard = k};
    char *v = chart_standard_label(s, std), *name;
    if (std->category >= 0 && marked[std->maximum]) {
      g_free(v);
      continue;
    }
    if (std->category >= 0) {
      marked[std->maximum] = TRUE;
      if (own_standards(s, std->maximum) == 1) /* name the one measure it is for */
        name = g_strdup_printf("%s (%s: %s)", chart_standard_name(s, std), s->categories[std->category], v);
      else
        name = g_strdup_printf("%s (%s)", chart_standard_name(s, std), chart_words(s)->marked_each);
    } else if (std->series >= 0 && p->n_data_series > 1) /* whose standard it is */
      name = g_strdup_printf("%s: %s (%s)", s->series[std->series].name, chart_standard_name(s, std), v);
    else
      name = g_strdup_printf("%s (%s)", chart_standard_name(s, std), v);
    e.layout = chart_layout_new(p, p->legend_font, name);
    g_free(v);
    g_free(name);
    g_array_append_val(a, e);
  }
  marks_entries(p, a);
  return a;
}

static void entries_free(GArray *a) {
  for (guint i = 0; i < a->len; i++) g_object_unref(g_array_index(a, LegendEntry, i).layout);
  g_array_free(a, TRUE);
}

/* Flow entries into rows of `width`; returns the total height. */
static double legend_flow(GArray *a, double width) {
  double x = 0, y = 0, row_h = 0;
  guint row_start = 0;
  for (guint i = 0; i < a->len; i++) {
    LegendEntry *e = &g_array_index(a, LegendEntry, i);
    ChartForm f = chart_layout_form(e->layout);
    f.width = (int)(fmax(width - SAMPLE_W - 4, 10) * PANGO_SCALE);
    f.wrap = PANGO_WRAP_WORD;
    e->layout = chart_layout_reform(e->layout, &f);
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
  return a->len ? y + row_h : 0;
}

ChartLegend *chart_legend_new(Planner *p, double width) {
  GArray *a = legend_entries(p);
  if (a->len < 2) {
    entries_free(a);
    return NULL;
  }
  ChartLegend *lg = g_new0(ChartLegend, 1);
  lg->entries = a;
  lg->height = legend_flow(a, width);
  return lg;
}

void chart_legend_free(ChartLegend *lg) {
  if (!lg) return;
  entries_free(lg->entries);
  g_free(lg);
}

static void bar_sample(Planner *p, int s, double x, double cy) {
  ChartItem *r = chart_rect_new(p->plan, CHART_ROLE_LEGEND_SAMPLE, s, x + SAMPLE_W / 2 - 5, cy - 5, 10, 10);
  r->fill = chart_series_color(p, s);
  r->has_fill = TRUE;
  r->hatch = chart_series_hatch(p, s);
  r->stroke = p->st->axis_color;
  r->has_stroke = TRUE;
  r->line_width = p->st->bar_outline_width;
}

static void line_sample(Planner *p, int s, double x, double cy) {
  const ChartStyle *st = p->st;
  gboolean ref = p->spec->series[s].reference;
  chart_segment(p->plan, CHART_ROLE_LEGEND_SAMPLE, s, chart_series_color(p, s),
                ref ? st->reference_line_width : st->line_width, chart_series_dash(p, s), x, cy, x + SAMPLE_W, cy);
  if (!ref)
    chart_marker_new(p->plan, CHART_ROLE_LEGEND_SAMPLE, s, chart_series_marker(p, s), chart_series_color(p, s),
                     x + SAMPLE_W / 2, cy, st->marker_size);
}

/* A mark as the points show it: on a bar, its shape in white on its
 * colour; on a line, its shape in its colour. */
static void mark_sample(Planner *p, const ChartPointMark *m, double x, double cy, gboolean bars) {
  const ChartStyle *st = p->st;
  if (!bars) {
    chart_marker_new(p->plan, CHART_ROLE_LEGEND_SAMPLE, -1, m->marker, m->color, x + SAMPLE_W / 2, cy, st->marker_size);
    return;
  }
  double size = st->marker_size * 1.3;
  ChartItem *r = chart_rect_new(p->plan, CHART_ROLE_LEGEND_SAMPLE, -1, x + SAMPLE_W / 2 - size, cy - size, size * 2,
                                size * 2);
  r->fill = m->color;
  r->has_fill = TRUE;
  chart_marker_new(p->plan, CHART_ROLE_LEGEND_SAMPLE, -1, m->marker, (ChartColor){1, 1, 1}, x + SAMPLE_W / 2, cy,
                   size);
}

void chart_legend_emit(Planner *p, const ChartLegend *lg, double top, gboolean bars) {
  const ChartStyle *st = p->st;
  for (guint i = 0; i < lg->entries->len; i++) {
    LegendEntry *e = &g_array_index(lg->entries, LegendEntry, i);
    double cy = top + e->y, x = e->x;
    int s = e->series;
    if (s == LEGEND_MARK)
      mark_sample(p, &e->mark, x, cy, bars), s = -1;
    else if (s < 0)
      chart_segment(p->plan, CHART_ROLE_LEGEND_SAMPLE, -1, chart_standard_color(p, e->standard),
                    st->min_standard_line_width, chart_standard_dash(p, e->standard), x, cy, x + SAMPLE_W, cy);
    else if (bars && !p->spec->series[s].reference)
      bar_sample(p, s, x, cy);
    else
      line_sample(p, s, x, cy);
    ChartItem *t = chart_item_new(p->plan, CHART_ITEM_TEXT, CHART_ROLE_LEGEND_LABEL, s);
    t->layout = g_object_ref(e->layout);
    t->text = g_strdup(pango_layout_get_text(e->layout));
    t->fill = st->text_color;
    t->has_fill = TRUE;
    chart_text_place(t, x + SAMPLE_W + 4, cy, 0, 0.5, 0);
  }
}
