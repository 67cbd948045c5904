/* Unit tests for the chart module: ticks, number text, planning decisions
 * (thinning, rotation, gaps, gutter labels, no-data plans), descriptions,
 * and locale independence. Every plan made here also passes
 * chart_plan_check: no overlapping text, nothing outside the box. */
#include "testutil.h"

#include <fontconfig/fontconfig.h>
#include <locale.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <time.h>

#include "chart/chart.h"
#include "chart/chart_internal.h"
#include "base/fonts.h"
#include "base/textcache.h"

static PangoFontMap *font_map;

/* The project's private font set, as boardpack itself loads it. */
static PangoContext *ctx_new(void) {
  if (!font_map) font_map = fonts_font_map_new("fonts", NULL);
  assert_non_null(font_map);
  return fonts_context_new(font_map);
}

/* Plan, and fail with the reasons if the plan breaks an invariant. */
static ChartPlan *plan_ok(const ChartSpec *s, double w, double h, DiagList *d) {
  PangoContext *ctx = ctx_new();
  ChartStyle st = chart_style_default();
  ChartPlan *p = chart_plan(s, &st, ctx, w, h, d);
  g_object_unref(ctx);
  GString *why = g_string_new(NULL);
  int problems = chart_plan_check(p, why);
  if (problems) {
    char *dump = chart_plan_dump(p);
    fprintf(stderr, "%s\n%s", why->str, dump);
    g_free(dump);
  }
  assert_int_equal(problems, 0);
  g_string_free(why, TRUE);
  return p;
}

static const char *const months6[] = {"Nov-12", "Dec-12", "Jan-13", "Feb-13", "Mar-13", "Apr-13"};

static ChartSpec *core_assessments(void) {
  ChartSpec *s = chart_spec_new(CHART_LINE);
  chart_spec_set_title(s, "% core assessments completed in 35 days");
  chart_spec_set_unit(s, "%");
  chart_spec_set_categories(s, months6, 6);
  const double v[] = {21.6, 50.5, NAN, NAN, NAN, 85.4};
  chart_spec_add_series(s, "Walsall", v, 6, FALSE);
  return s;
}

static gboolean plan_has_text(const ChartPlan *p, ChartRole role, const char *text) {
  for (guint i = 0; i < p->items->len; i++) {
    const ChartItem *it = g_ptr_array_index(p->items, i);
    if (it->kind == CHART_ITEM_TEXT && it->role == role && strcmp(it->text, text) == 0) return TRUE;
  }
  return FALSE;
}

/* ---- ticks ----------------------------------------------------------- */

static void check_ticks(double lo, double hi, int max, const ChartTicks *t) {
  assert_true(t->n >= 2 && t->n <= max);
  assert_true(t->lo <= fmin(lo, hi) + 1e-12 * fabs(lo));
  assert_true(t->hi >= fmax(lo, hi) - 1e-12 * fabs(hi));
  /* the step is 1, 2, 2.5 or 5 x 10^n */
  double e = floor(log10(t->step));
  double m = t->step / pow(10, e);
  assert_true(fabs(m - 1) < 1e-9 || fabs(m - 2) < 1e-9 || fabs(m - 2.5) < 1e-9 || fabs(m - 5) < 1e-9);
  for (int i = 1; i < t->n; i++) assert_true(fabs(t->values[i] - t->values[i - 1] - t->step) < t->step * 1e-9);
}

static void test_ticks_zero_zero(void **state) {
  (void)state;
  ChartTicks t;
  assert_true(chart_ticks_nice(0, 0, 6, &t));
  assert_true(t.lo == 0);
  assert_true(t.hi == 1);
  check_ticks(0, 1, 6, &t);
}

static void test_ticks_tiny(void **state) {
  (void)state;
  ChartTicks t;
  chart_ticks_nice(0.001, 0.002, 6, &t);
  check_ticks(0.001, 0.002, 6, &t);
  assert_true(fabs(t.step - 0.0002) < 1e-15);
  assert_int_equal(t.decimals, 4);
  char *s = chart_format_number(t.values[1], t.decimals);
  assert_string_equal(s, "0.0012");
  g_free(s);
  s = chart_format_number(t.values[t.n - 1], t.decimals);
  assert_string_equal(s, "0.0020");
  g_free(s);
}

static void test_ticks_3_97(void **state) {
  (void)state;
  ChartTicks t;
  chart_ticks_nice(3, 97, 11, &t);
  assert_true(t.lo == 0 && t.hi == 100 && t.step == 10 && t.n == 11);
  chart_ticks_nice(3, 97, 6, &t);
  assert_true(t.lo == 0 && t.hi == 100 && t.step == 20 && t.n == 6);
  chart_ticks_nice(3, 97, 5, &t);
  assert_true(t.lo == 0 && t.hi == 100 && t.step == 25 && t.n == 5);
  assert_int_equal(t.decimals, 0);
}

static void test_ticks_negative(void **state) {
  (void)state;
  ChartTicks t;
  chart_ticks_nice(-37, -2, 6, &t);
  check_ticks(-37, -2, 6, &t);
  assert_true(t.lo == -40 && t.hi == 0);
  chart_ticks_nice(-5.5, 12, 8, &t);
  check_ticks(-5.5, 12, 8, &t);
  assert_true(t.lo < 0 && t.hi > 0);
  /* zero lands exactly on a tick */
  gboolean zero = FALSE;
  for (int i = 0; i < t.n; i++) zero |= t.values[i] == 0;
  assert_true(zero);
  chart_ticks_nice(10, -10, 5, &t); /* reversed */
  assert_true(t.lo == -10 && t.hi == 10);
}

static void test_ticks_large(void **state) {
  (void)state;
  ChartTicks t;
  chart_ticks_nice(0, 3.2e9, 6, &t);
  check_ticks(0, 3.2e9, 6, &t);
  char *s = chart_format_number(t.values[1], t.decimals);
  assert_string_equal(s, "1,000,000,000");
  g_free(s);
  chart_ticks_nice(1e250, 3e250, 6, &t);
  check_ticks(1e250, 3e250, 6, &t);
}

static void test_ticks_nan(void **state) {
  (void)state;
  ChartTicks t;
  assert_false(chart_ticks_nice(NAN, NAN, 6, &t));
  assert_true(t.lo == 0 && t.hi == 1 && t.n >= 2);
  assert_false(chart_ticks_nice(1, INFINITY, 6, &t));
}

static void test_ticks_integers(void **state) {
  (void)state;
  ChartTicks t;
  chart_ticks_nice_full(0, 2, 8, TRUE, &t);
  assert_true(t.step >= 1);
  assert_int_equal(t.decimals, 0);
  chart_ticks_nice_full(0, 10, 6, TRUE, &t);
  assert_true(t.step == 2); /* never 2.5 with no decimals to show it */
}

static void test_ticks_property(void **state) {
  (void)state;
  GRand *r = g_rand_new_with_seed(42);
  for (int k = 0; k < 5000; k++) {
    double scale = pow(10, g_rand_double_range(r, -6, 12));
    double a = g_rand_double_range(r, -1, 1) * scale, b = g_rand_double_range(r, -1, 1) * scale;
    int max = g_rand_int_range(r, 2, 12);
    ChartTicks t;
    if (!chart_ticks_nice(a, b, max, &t)) fail_msg("%.17g %.17g %d", a, b, max);
    if (a != b) check_ticks(a, b, fmin(a, b) < 0 && fmax(a, b) > 0 ? MAX(max, 3) : max, &t);
    /* tick labels are all different */
    for (int i = 1; i < t.n; i++) {
      char *x = chart_format_number(t.values[i - 1], t.decimals), *y = chart_format_number(t.values[i], t.decimals);
      assert_string_not_equal(x, y);
      g_free(x);
      g_free(y);
    }
  }
  g_rand_free(r);
}

/* ---- numbers ----------------------------------------------------------- */

static void test_format_number(void **state) {
  (void)state;
  struct { double v; int d; const char *want; } cases[] = {
      {1234.5, -1, "1,234.5"}, {-0.25, -1, "-0.25"},   {85.4, -1, "85.4"},     {0.1 + 0.2, -1, "0.3"},
      {116, -1, "116"},        {1e6, 0, "1,000,000"},  {-0.0001, 1, "0.0"},    {5.54, 1, "5.5"},
      {999.96, 1, "1,000.0"},  {21.6, 2, "21.60"},     {1e20, -1, "1e+20"},    {NAN, -1, "n/a"},
  };
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    char *s = chart_format_number(cases[i].v, cases[i].d);
    assert_string_equal(s, cases[i].want);
    g_free(s);
  }
  char *s = chart_format_value(85.4, -1, "%");
  assert_string_equal(s, "85.4%");
  g_free(s);
  s = chart_format_value(124.3, -1, "per 10,000");
  assert_string_equal(s, "124.3 per 10,000");
  g_free(s);
}

/* ---- description ------------------------------------------------------- */

static void test_describe_core_assessments(void **state) {
  (void)state;
  ChartSpec *s = core_assessments();
  char *d = chart_describe(s);
  assert_string_equal(d, "Line chart of % core assessments completed in 35 days, Nov-12 to Apr-13: rose from 21.6% "
                         "in Nov-12 (lowest) to 85.4% in Apr-13 (highest). No data for Jan-13 to Mar-13.");
  g_free(d);
  chart_spec_set_min_standard(s, 60, NULL);
  const double eng[] = {NAN, NAN, NAN, NAN, NAN, 75.2};
  chart_spec_add_series(s, "England", eng, 6, TRUE);
  d = chart_describe(s);
  assert_non_null(strstr(d, "Comparator England: 75.2%"));
  assert_non_null(strstr(d, "below the minimum standard of 60% in Nov-12 to Dec-12"));
  g_free(d);
  /* a line of targets is named as such, not as a comparator; a title's
   * full stop does not stand before the colon */
  const double targets[] = {80, 80, 80, 80, 80, 80};
  int t = chart_spec_add_series(s, "Target", targets, 6, TRUE);
  s->series[t].target = TRUE;
  chart_spec_set_title(s, "Core assessments in 35 days.");
  d = chart_describe(s);
  assert_non_null(strstr(d, "Line chart of Core assessments in 35 days, Nov-12 to Apr-13: "));
  if (!strstr(d, ". Target: stayed the same at 80%")) fprintf(stderr, "%s\n", d);
  assert_non_null(strstr(d, ". Target: stayed the same at 80%"));
  assert_null(strstr(d, "Comparator Target"));
  g_free(d);
  chart_spec_free(s);
}

static void test_describe_kinds(void **state) {
  (void)state;
  ChartSpec *s = chart_spec_new(CHART_GROUPED);
  chart_spec_set_title(s, "complaints by stage");
  const char *cats[] = {"Stage 1", "Stage 2", "Stage 3"};
  chart_spec_set_categories(s, cats, 3);
  chart_spec_add_series(s, "Mar-13", (double[]){116, 8, 0}, 3, FALSE);
  chart_spec_add_series(s, "YTD June 13", (double[]){54, 3, 0}, 3, FALSE);
  char *d = chart_describe(s);
  assert_string_equal(d, "Grouped column chart of complaints by stage: Mar-13: Stage 1 116, Stage 2 8 and Stage 3 0. "
                         "YTD June 13: Stage 1 54, Stage 2 3 and Stage 3 0.");
  g_free(d);
  chart_spec_free(s);

  s = chart_spec_new(CHART_LINE);
  chart_spec_set_title(s, "referrals per week");
  chart_spec_set_categories(s, (const char *[]){"W1", "W2", "W3"}, 3);
  chart_spec_add_series(s, "Referrals", (double[]){119, 100, 85}, 3, FALSE);
  d = chart_describe(s);
  assert_non_null(strstr(d, "fell from 119 in W1 (highest) to 85 in W3 (lowest)"));
  g_free(d);
  s->series[0].values[2] = 119;
  d = chart_describe(s);
  assert_non_null(strstr(d, "stayed the same at 119 from W1 to W3"));
  g_free(d);
  for (int i = 0; i < 3; i++) s->series[0].values[i] = NAN;
  d = chart_describe(s);
  assert_string_equal(d, "Line chart of referrals per week, W1 to W3: no data.");
  g_free(d);
  chart_spec_free(s);
}

/* A dip between similar ends is named (87% to 85% hid 65%), with where the
 * standard is missed; a maximum standard is missed above it. */
static void test_describe_extremes_and_standards(void **state) {
  (void)state;
  ChartSpec *s = chart_spec_new(CHART_LINE);
  chart_spec_set_title(s, "assessments on time");
  chart_spec_set_unit(s, "%");
  chart_spec_set_categories(s, (const char *[]){"Apr-13", "May-13", "Jun-13", "Jul-13", "Aug-13"}, 5);
  chart_spec_add_series(s, "Walsall", (double[]){87, 80, 65, 70, 85}, 5, FALSE);
  chart_spec_add_standard(s, 75, FALSE, -1, NULL);
  char *d = chart_describe(s);
  assert_string_equal(d, "Line chart of assessments on time, Apr-13 to Aug-13: fell from 87% in Apr-13 (highest) to 85% "
                         "in Aug-13; lowest 65% in Jun-13; below the minimum standard of 75% in Jun-13 to Jul-13.");
  g_free(d);
  s->standards[0].maximum = TRUE; /* smaller is better: missed above 75 */
  d = chart_describe(s);
  assert_non_null(strstr(d, "above the maximum standard of 75% in Apr-13 to May-13 and Aug-13"));
  g_free(d);
  chart_spec_free(s);
  /* columns over periods name their range and the categories that miss */
  s = chart_spec_new(CHART_COLUMN);
  s->categories_are_periods = TRUE;
  chart_spec_set_categories(s, (const char *[]){"Q1", "Q2", "Q3"}, 3);
  chart_spec_add_series(s, "Walsall", (double[]){30, 20, 26}, 3, FALSE);
  chart_spec_add_standard(s, 25, TRUE, -1, NULL);
  d = chart_describe(s);
  assert_string_equal(d, "Column chart, Q1 to Q3: Q1 30, Q2 20 and Q3 26; above the maximum standard of 25: Q1 and Q3.");
  g_free(d);
  chart_spec_free(s);
}

/* ---- plans ------------------------------------------------------------- */

/* Distance-free test on the axis-aligned boxes of unrotated items. */
static gboolean boxes_near(const ChartItem *a, double bx0, double by0, double bx1, double by1, double gap) {
  double x0 = fmin(fmin(a->logical.x[0], a->logical.x[1]), a->logical.x[2]);
  double x1 = fmax(fmax(a->logical.x[0], a->logical.x[1]), a->logical.x[2]);
  double y0 = fmin(fmin(a->logical.y[0], a->logical.y[1]), a->logical.y[2]);
  double y1 = fmax(fmax(a->logical.y[0], a->logical.y[1]), a->logical.y[2]);
  return x0 < bx1 + gap && bx0 < x1 + gap && y0 < by1 + gap && by0 < y1 + gap;
}

/* Value labels keep 2 pt from every other text and off every bar and the
 * axis; what is left off is counted and said in the note. */
static void assert_labels_clear(const ChartPlan *p) {
  for (guint i = 0; i < p->items->len; i++) {
    const ChartItem *a = g_ptr_array_index(p->items, i);
    if (a->kind != CHART_ITEM_TEXT || a->role != CHART_ROLE_VALUE_LABEL) continue;
    for (guint k = 0; k < p->items->len; k++) {
      const ChartItem *b = g_ptr_array_index(p->items, k);
      if (k == i) continue;
      if (b->kind == CHART_ITEM_TEXT) {
        double x0 = fmin(b->logical.x[0], b->logical.x[2]), x1 = fmax(b->logical.x[0], b->logical.x[2]);
        double y0 = fmin(b->logical.y[0], b->logical.y[2]), y1 = fmax(b->logical.y[0], b->logical.y[2]);
        if (boxes_near(a, x0, y0, x1, y1, 1.99 - 0.01)) fail_msg("label \"%s\" touches \"%s\"", a->text, b->text);
      } else if (b->kind == CHART_ITEM_RECT && b->role == CHART_ROLE_BAR) {
        if (boxes_near(a, b->x, b->y, b->x + b->w, b->y + b->h, -0.01)) fail_msg("label \"%s\" is on a bar", a->text);
      }
    }
  }
}

/* labels="all" on two lines a point or two apart (Eastmoor's recycling
 * rate against England's): every label is placed, the upper line's above
 * and the lower's below, none on a marker or struck through by a line;
 * only when there is no room anywhere (a chart 180 x 100 pt) is a label
 * left off, and then the note under the chart says how many. */
static gboolean label_on_marker(const ChartPlan *p, const ChartItem *t) {
  double x0 = fmin(t->logical.x[0], t->logical.x[2]), x1 = fmax(t->logical.x[0], t->logical.x[2]);
  double y0 = fmin(t->logical.y[0], t->logical.y[2]), y1 = fmax(t->logical.y[0], t->logical.y[2]);
  for (guint k = 0; k < p->items->len; k++) {
    const ChartItem *m = g_ptr_array_index(p->items, k);
    if (m->kind == CHART_ITEM_MARKER && m->role == CHART_ROLE_SERIES && m->x + m->size / 2 > x0 &&
        m->x - m->size / 2 < x1 && m->y + m->size / 2 > y0 && m->y - m->size / 2 < y1)
      return TRUE;
  }
  return FALSE;
}

static void test_close_lines_labels_alternate(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  ChartSpec *s = chart_spec_new(CHART_LINE);
  chart_spec_set_title(s, "recycling");
  chart_spec_set_unit(s, "%");
  chart_spec_set_categories(s, (const char *[]){"Apr-24", "May-24", "Jun-24", "Jul-24", "Aug-24", "Sep-24", "Oct-24",
                                                "Nov-24", "Dec-24"}, 9);
  chart_spec_add_series(s, "Eastmoor", (double[]){48.3, 52.9, 49.8, 52.0, 53.9, 50.6, 51.3, 48.3, 48.9}, 9, FALSE);
  chart_spec_add_series(s, "England", (double[]){48.7, 53.5, 50.1, 52.7, 54.4, 50.4, 51.1, 49.0, 49.5}, 9, FALSE);
  s->label_values = CHART_LABEL_ALL;
  ChartPlan *p = plan_ok(s, 430, 198, d); /* the chart in tests/data/waste: 2 left off before */
  assert_labels_clear(p);
  assert_int_equal(p->labels_wanted, 18);
  assert_int_equal(p->labels_dropped, 0);
  int above_upper = 0;
  for (guint i = 0; i < p->items->len; i++) {
    const ChartItem *t = g_ptr_array_index(p->items, i);
    if (t->kind != CHART_ITEM_TEXT || t->role != CHART_ROLE_VALUE_LABEL || t->series < 0) continue;
    assert_false(label_on_marker(p, t));
    if (t->series != 1) continue;
    double cx = (t->logical.x[0] + t->logical.x[2]) / 2;
    int i = (int)((cx - p->plot.x) / (p->plot.w / 9));
    double v = s->series[1].values[CLAMP(i, 0, 8)];
    double point_y = p->plot.y + p->plot.h * (p->y_hi - v) / (p->y_hi - p->y_lo);
    above_upper += fmax(t->logical.y[0], t->logical.y[2]) < point_y;
  }
  assert_true(above_upper >= 5); /* England is the upper line at most periods: its labels go above its points */
  chart_plan_free(p);
  p = plan_ok(s, 180, 100, d);
  assert_labels_clear(p);
  assert_true(p->labels_dropped > 0);
  char *note = chart_plan_note(p, s);
  assert_non_null(strstr(note, "of the 18 value labels are left off"));
  g_free(note);
  chart_plan_free(p);
  chart_spec_free(s);
  diag_list_free(d);
}

static void test_grouped_labels_clear(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  ChartSpec *s = chart_spec_new(CHART_COLUMN);
  chart_spec_set_title(s, "staffing");
  chart_spec_set_unit(s, "%");
  chart_spec_set_categories(s, (const char *[]){"Walsall", "Neighbours", "England"}, 3);
  chart_spec_add_series(s, "2011/12", (double[]){83.4, 79.1, 81.0}, 3, FALSE);
  chart_spec_add_series(s, "2012/13", (double[]){83.8, 80.2, 81.5}, 3, FALSE);
  chart_spec_add_series(s, "2013/14", (double[]){82.1, 84.9, 80.7}, 3, FALSE);
  for (double w = 160; w <= 400; w += 40) {
    ChartPlan *p = plan_ok(s, w, 180, d);
    assert_labels_clear(p);
    int shown = chart_plan_count(p, CHART_ITEM_TEXT, CHART_ROLE_VALUE_LABEL);
    assert_int_equal(p->labels_wanted, 9);
    assert_int_equal(shown + p->labels_dropped, 9);
    char *note = chart_plan_note(p, s);
    if (p->labels_dropped) assert_non_null(strstr(note, "of the 9 value labels are left off"));
    else assert_null(note);
    g_free(note);
    chart_plan_free(p);
  }
  chart_spec_free(s);
  diag_list_free(d);
}

/* Every series's own standard is drawn, maximum ones too, each in the
 * gutter ("min 70", "max 25") and the legend; a minimum and a maximum on
 * one chart differ in dash as well as in word, so that neither colour
 * nor a symbol alone tells them apart (greyscale, screen readers). */
static void test_standards_every_series(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  ChartSpec *s = chart_spec_new(CHART_LINE);
  chart_spec_set_categories(s, months6, 6);
  chart_spec_add_series(s, "On time", (double[]){60, 65, 72, 75, 71, 80}, 6, FALSE);
  chart_spec_add_series(s, "Days waited", (double[]){30, 28, 26, 22, 24, 20}, 6, FALSE);
  chart_spec_add_standard(s, 70, FALSE, 0, NULL);
  chart_spec_add_standard(s, 25, TRUE, 1, NULL);
  ChartPlan *p = plan_ok(s, 420, 240, d);
  assert_int_equal(chart_plan_count(p, CHART_ITEM_POLYLINE, CHART_ROLE_MIN_STANDARD), 2);
  assert_true(plan_has_text(p, CHART_ROLE_VALUE_LABEL, "min 70"));
  assert_true(plan_has_text(p, CHART_ROLE_VALUE_LABEL, "max 25"));
  assert_true(plan_has_text(p, CHART_ROLE_LEGEND_LABEL, "Days waited: Maximum standard (max 25)"));
  assert_true(plan_has_text(p, CHART_ROLE_LEGEND_LABEL, "On time: Minimum standard (min 70)"));
  ChartDash line_dash[2] = {CHART_DASH_SOLID, CHART_DASH_SOLID}, sample_dash[2] = {CHART_DASH_SOLID, CHART_DASH_SOLID};
  int lines = 0, samples = 0;
  for (guint i = 0; i < p->items->len; i++) {
    const ChartItem *it = g_ptr_array_index(p->items, i);
    if (it->role == CHART_ROLE_MIN_STANDARD && lines < 2) line_dash[lines++] = it->dash;
    if (it->role == CHART_ROLE_LEGEND_SAMPLE && it->series < 0 && samples < 2) sample_dash[samples++] = it->dash;
  }
  assert_int_equal(samples, 2);
  assert_int_not_equal(line_dash[0], line_dash[1]);
  assert_int_equal(line_dash[0], sample_dash[0]); /* the legend shows each line's own dash */
  assert_int_equal(line_dash[1], sample_dash[1]);
  assert_true(p->y_lo <= 20 && p->y_hi >= 80);
  chart_plan_free(p);
  char *desc = chart_describe(s);
  assert_non_null(strstr(desc, "On time: rose from 60 in Nov-12 (lowest) to 80 in Apr-13 (highest); below the minimum "
                               "standard of 70 in Nov-12 to Dec-12"));
  assert_non_null(strstr(desc, "above the maximum standard of 25 in Nov-12 to Jan-13"));
  g_free(desc);
  chart_spec_free(s);
  diag_list_free(d);
}

/* A Welsh chart draws its standards' words in Welsh, as rating_words.c's
 * legend has them: "isafswm"/"uchafswm" on the lines, "Safon ofynnol" and
 * "Safon uchaf" in the legend, and a series without data "(dim data)". */
static void test_standards_in_welsh(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  ChartSpec *s = chart_spec_new(CHART_LINE);
  s->welsh = TRUE;
  chart_spec_set_unit(s, "%");
  chart_spec_set_categories(s, months6, 6);
  chart_spec_add_series(s, "Ar amser", (double[]){60, 65, 72, 75, 71, 80}, 6, FALSE);
  chart_spec_add_series(s, "Cymru", (double[]){NAN, NAN, NAN, NAN, NAN, NAN}, 6, FALSE);
  chart_spec_add_standard(s, 70, FALSE, -1, NULL);
  chart_spec_add_standard(s, 90, TRUE, -1, NULL);
  ChartPlan *p = plan_ok(s, 420, 240, d);
  assert_true(plan_has_text(p, CHART_ROLE_VALUE_LABEL, "isafswm 70%"));
  assert_true(plan_has_text(p, CHART_ROLE_VALUE_LABEL, "uchafswm 90%"));
  assert_true(plan_has_text(p, CHART_ROLE_LEGEND_LABEL, "Safon ofynnol (isafswm 70%)"));
  assert_true(plan_has_text(p, CHART_ROLE_LEGEND_LABEL, "Safon uchaf (uchafswm 90%)"));
  assert_true(plan_has_text(p, CHART_ROLE_LEGEND_LABEL, "Cymru (dim data)"));
  assert_false(plan_has_text(p, CHART_ROLE_LEGEND_LABEL, "Minimum standard (min 70%)"));
  chart_plan_free(p);
  assert_string_equal(chart_words(s)->data_summary, "Y data yn y siart hwn");
  s->welsh = FALSE;
  assert_string_equal(chart_standard_name(s, &s->standards[0]), "Minimum standard");
  char *label = chart_standard_label(s, &s->standards[1]);
  assert_string_equal(label, "max 90%");
  g_free(label);
  chart_spec_free(s);
  diag_list_free(d);
}

/* Measures along x: a measure's own standard is a mark across its bars
 * only, named in the legend and the description. */
static void test_category_standards(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  ChartSpec *s = chart_spec_new(CHART_COLUMN);
  chart_spec_set_unit(s, "%");
  chart_spec_set_categories(s, (const char *[]){"CPP 2+ years", "Repeat CPPs"}, 2);
  chart_spec_add_series(s, "Mar-12", (double[]){6.1, 10.5}, 2, FALSE);
  chart_spec_add_series(s, "Mar-13", (double[]){6.5, 16.4}, 2, FALSE);
  int k = chart_spec_add_standard(s, 15, TRUE, -1, NULL);
  s->standards[k].category = 1;
  ChartPlan *p = plan_ok(s, 400, 220, d);
  const ChartItem *mark = NULL;
  for (guint i = 0; i < p->items->len; i++) {
    const ChartItem *it = g_ptr_array_index(p->items, i);
    if (it->role == CHART_ROLE_MIN_STANDARD) mark = it;
  }
  assert_non_null(mark);
  assert_true(mark->pts[0] > p->plot.x + p->plot.w / 2); /* over the second category only */
  assert_true(plan_has_text(p, CHART_ROLE_LEGEND_LABEL, "Maximum standard (Repeat CPPs: max 15%)"));
  chart_plan_free(p);
  char *desc = chart_describe(s);
  assert_non_null(strstr(desc, "Mar-12: CPP 2+ years 6.1% and Repeat CPPs 10.5%; Repeat CPPs meets its own standard."));
  assert_non_null(strstr(desc, "short of their own standards: Repeat CPPs (\u2264 15%)"));
  g_free(desc);
  chart_spec_free(s);
  diag_list_free(d);
}

/* Whatever the type, size and labels, a plan keeps its invariants (no
 * overlapping text, nothing outside the box, value labels clear): long category names on a line
 * chart, twelve bars in a short box, rotated labels at the right edge and
 * charts too small for their labels (which become a message) used to break
 * them. */
static void test_plans_always_clean(void **state) {
  (void)state;
  static const char *const names[] = {"Stage 1 complaints received", "Stage 2", "Stage 3 long category name here",
                                      "Other"};
  static const char *const m12[] = {"Apr-13", "May-13", "Jun-13", "Jul-13", "Aug-13", "Sep-13",
                                    "Oct-13", "Nov-13", "Dec-13", "Jan-14", "Feb-14", "Mar-14"};
  const ChartType types[] = {CHART_LINE, CHART_COLUMN, CHART_STACKED, CHART_BAR};
  const double sizes[][2] = {{250, 140}, {160, 90}, {60, 40}};
  DiagList *d = diag_list_new();
  for (int t = 0; t < 4; t++)
    for (int z = 0; z < 3; z++)
      for (int cats = 0; cats < 2; cats++) {
        ChartSpec *s = chart_spec_new(types[t]);
        int n = cats ? 4 : 12;
        chart_spec_set_categories(s, cats ? names : m12, n);
        chart_spec_set_unit(s, "%");
        chart_spec_add_series(s, "Walsall", (double[]){87, 80.5, 65, NAN, 70, 75, 82.1, 83.4, 83.8, 90, 88, 85}, n, FALSE);
        chart_spec_add_series(s, "Neighbours", (double[]){60, 62, 64, 66, NAN, NAN, 70, 72, 74, 76, 78, 80}, n, FALSE);
        chart_spec_add_series(s, "England", (double[]){NAN, NAN, NAN, 75}, 4, TRUE);
        chart_spec_set_min_standard(s, 70, NULL);
        s->label_values = z == 1 ? CHART_LABEL_ALL : CHART_LABEL_AUTO;
        ChartPlan *p = plan_ok(s, sizes[z][0], sizes[z][1], d);
        if (types[t] != CHART_STACKED) assert_labels_clear(p); /* stack values sit inside their bars */
        chart_plan_free(p);
        chart_spec_free(s);
      }
  /* 200 periods: the last rotated label stays inside the box */
  char **l = g_new0(char *, 201);
  double *v = g_new(double, 200);
  for (int i = 0; i < 200; i++) l[i] = g_strdup_printf("P%d-%02d", i / 12, i % 12), v[i] = 50 + i % 13;
  ChartSpec *s = chart_spec_new(CHART_COLUMN);
  chart_spec_set_categories(s, (const char *const *)l, 200);
  chart_spec_add_series(s, "x", v, 200, FALSE);
  chart_plan_free(plan_ok(s, 400, 200, d));
  chart_spec_free(s);
  g_strfreev(l);
  g_free(v);
  diag_list_free(d);
}

static int value_labels(const ChartPlan *p) { return chart_plan_count(p, CHART_ITEM_TEXT, CHART_ROLE_VALUE_LABEL); }

/* labels="latest" on columns labels the latest period's bars only; the
 * default (AUTO) still labels every bar. */
static void test_column_labels_latest(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  ChartSpec *s = chart_spec_new(CHART_COLUMN);
  s->categories_are_periods = TRUE;
  chart_spec_set_categories(s, (const char *[]){"Apr-13", "May-13", "Jun-13"}, 3);
  chart_spec_add_series(s, "Received", (double[]){77, 45, 48}, 3, FALSE);
  chart_spec_add_series(s, "Stepped up", (double[]){7, 12, NAN}, 3, FALSE);
  ChartPlan *p = plan_ok(s, 400, 200, d);
  assert_int_equal(value_labels(p), 6); /* AUTO: all, with "n/a" */
  chart_plan_free(p);
  s->label_values = CHART_LABEL_LATEST;
  p = plan_ok(s, 400, 200, d);
  assert_int_equal(value_labels(p), 2);
  assert_true(plan_has_text(p, CHART_ROLE_VALUE_LABEL, "48"));
  assert_true(plan_has_text(p, CHART_ROLE_VALUE_LABEL, "n/a"));
  chart_plan_free(p);
  s->categories_are_periods = FALSE; /* measures along x: the latest series */
  p = plan_ok(s, 400, 200, d);
  assert_int_equal(value_labels(p), 3);
  assert_true(plan_has_text(p, CHART_ROLE_VALUE_LABEL, "12"));
  chart_plan_free(p);
  chart_spec_free(s);
  diag_list_free(d);
}

/* A point withheld (small-number suppression) shows the mark the tables
 * use, not "n/a", on columns, bars and lines alike, and the description
 * says it is suppressed, not missing. */
static void test_withheld_points_show_their_mark(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  ChartType types[] = {CHART_COLUMN, CHART_BAR, CHART_LINE};
  for (guint k = 0; k < G_N_ELEMENTS(types); k++) {
    ChartSpec *s = chart_spec_new(types[k]);
    s->categories_are_periods = types[k] != CHART_BAR;
    chart_spec_set_title(s, "Delays");
    chart_spec_set_categories(s, (const char *[]){"Q1 2024/25", "Q2 2024/25", "Q3 2024/25", "Q4 2024/25"}, 4);
    chart_spec_add_series(s, "Delays", (double[]){12, NAN, 9, NAN}, 4, FALSE);
    chart_spec_set_gap(s, 0, 1, "[c]", "suppressed");
    ChartPlan *p = plan_ok(s, 400, 220, d);
    assert_true(plan_has_text(p, CHART_ROLE_VALUE_LABEL, "[c]"));
    if (types[k] != CHART_LINE) assert_true(plan_has_text(p, CHART_ROLE_VALUE_LABEL, "n/a")); /* Q4: no data */
    chart_plan_free(p);
    char *alt = chart_describe(s);
    if (types[k] == CHART_LINE)
      assert_string_equal(alt, "Line chart of Delays, Q1 2024/25 to Q4 2024/25: fell from 12 in Q1 2024/25 to 9 in "
                               "Q3 2024/25. Suppressed for Q2 2024/25; no data for Q4 2024/25.");
    else
      assert_non_null(strstr(alt, "Q2 2024/25 suppressed, Q3 2024/25 9 and Q4 2024/25 no data"));
    g_free(alt);
    chart_spec_free(s);
  }
  /* ten columns are described by their extremes, and the gaps still said */
  ChartSpec *s = chart_spec_new(CHART_COLUMN);
  s->categories_are_periods = TRUE;
  chart_spec_set_title(s, "Delays");
  chart_spec_add_series(s, "Delays", (double[]){11, NAN, NAN, 6, 9, 8, 10, 8, 8, 6}, 10, FALSE);
  chart_spec_set_gap(s, 0, 1, "[c]", "suppressed");
  chart_spec_set_gap(s, 0, 2, "[c]", "suppressed");
  char *alt = chart_describe(s);
  assert_string_equal(alt, "Column chart of Delays: highest period 1 (11), lowest period 4 (6); suppressed for period 2 "
                           "to period 3.");
  g_free(alt);
  chart_spec_free(s);
  diag_list_free(d);
}

/* Does a value label's box touch a horizontal axis or standard line? */
static const ChartItem *label_on_rule(const ChartPlan *p, const ChartItem *t) {
  for (guint k = 0; k < p->items->len; k++) {
    const ChartItem *b = g_ptr_array_index(p->items, k);
    if (b->kind != CHART_ITEM_POLYLINE || (b->role != CHART_ROLE_AXIS && b->role != CHART_ROLE_MIN_STANDARD)) continue;
    for (int i = 0; i + 1 < b->n_pts; i++) {
      double x0 = b->pts[2 * i], y0 = b->pts[2 * i + 1], x1 = b->pts[2 * i + 2], y1 = b->pts[2 * i + 3];
      if (fabs(y1 - y0) > 0.01) continue; /* the break marks */
      if (boxes_near(t, fmin(x0, x1), y0 - b->line_width / 2, fmax(x0, x1), y0 + b->line_width / 2, 0)) return b;
    }
  }
  return NULL;
}

/* The latest value on the axis floor (Strathmore's antisocial behaviour,
 * 6.0 on an axis from 6): its label beside the last point overlaps the
 * last half slot, where the x axis runs, so it goes above the axis with a
 * leader instead of being struck through by it. */
static void test_latest_label_off_the_axis(void **state) {
  (void)state;
  static const char *const q8[] = {"Q1 2023", "Q2 2023", "Q3 2023", "Q4 2023", "Q1 2024", "Q2 2024", "Q3 2024", "Q4 2024"};
  const double v[] = {6.7, 7.2, 7.7, 6.5, 6.2, NAN, 6.8, 6.0};
  ChartSpec *s = chart_spec_new(CHART_LINE);
  chart_spec_set_unit(s, "per 1,000 households");
  s->decimals = 1;
  chart_spec_set_categories(s, q8, 8);
  chart_spec_add_series(s, "Loch Arrin", v, 8, FALSE);
  ChartPlan *p = plan_ok(s, 430.87, 155.91, NULL);
  assert_true(plan_has_text(p, CHART_ROLE_VALUE_LABEL, "6.0 per 1,000 households"));
  for (guint i = 0; i < p->items->len; i++) {
    const ChartItem *t = g_ptr_array_index(p->items, i);
    if (t->kind != CHART_ITEM_TEXT || t->role != CHART_ROLE_VALUE_LABEL) continue;
    if (label_on_rule(p, t)) fail_msg("label \"%s\" is struck through by a rule", t->text);
  }
  chart_plan_free(p);
  chart_spec_free(s);
}

/* Columns always start at zero; a line with a tiny span far from zero has
 * its axis break marked and said. */
static void test_axis_not_exaggerated(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  ChartSpec *s = chart_spec_new(CHART_COLUMN);
  chart_spec_set_categories(s, (const char *[]){"A", "B"}, 2);
  chart_spec_add_series(s, "x", (double[]){55, 60}, 2, FALSE);
  chart_spec_set_range(s, 50, 65);
  ChartPlan *p = plan_ok(s, 300, 180, d);
  assert_true(p->y_lo == 0);
  assert_non_null(diag_find(d, "includes zero"));
  assert_false(p->axis_break);
  chart_plan_free(p);
  chart_spec_free(s);
  s = chart_spec_new(CHART_LINE);
  chart_spec_set_unit(s, "days");
  chart_spec_set_categories(s, months6, 6);
  chart_spec_add_series(s, "Days", (double[]){9.5, 9.7, 9.9, 9.6, 9.8, 9.7}, 6, FALSE);
  p = plan_ok(s, 300, 180, d);
  assert_true(p->y_lo > 0);
  assert_true(p->axis_break);
  char *note = chart_plan_note(p, s);
  assert_non_null(strstr(note, "The value axis starts at"));
  g_free(note);
  chart_plan_free(p);
  chart_spec_free(s);
  diag_list_free(d);
}


/* The value axis's range and its ticks, as numbers. */
static void axis_of(const ChartPlan *p, double *lo, double *hi, int *ticks) {
  *lo = p->y_lo, *hi = p->y_hi, *ticks = 0;
  for (guint i = 0; i < p->items->len; i++) {
    const ChartItem *it = g_ptr_array_index(p->items, i);
    *ticks += it->kind == CHART_ITEM_TEXT && it->role == CHART_ROLE_Y_LABEL;
  }
}

/* A percentage line chart chooses its range from its data by the rule
 * days follow (9.5-9.9 days above): 48-54% is not squeezed into 0-100%
 * but gets nice ticks around it, not above 100, with the break marked and
 * said; 12-27% lies near zero and starts there, ending near its top, not
 * at 100%. A column chart's percentages keep 0-100%. */
static void test_percent_line_range_from_data(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  ChartSpec *s = chart_spec_new(CHART_LINE);
  chart_spec_set_unit(s, "%");
  chart_spec_set_categories(s, months6, 6);
  chart_spec_add_series(s, "Rate", (double[]){52.9, 53.1, 51.0, 48.3, 52.9, 49.8}, 6, FALSE);
  ChartPlan *p = plan_ok(s, 300, 180, d);
  double lo, hi;
  int ticks;
  axis_of(p, &lo, &hi, &ticks);
  assert_true(lo >= 40 && lo <= 48.3 && hi >= 53.1 && hi <= 60);
  assert_true(ticks >= 3);
  assert_true(p->axis_break);
  int broken_axis = chart_plan_count(p, CHART_ITEM_POLYLINE, CHART_ROLE_AXIS);
  char *note = chart_plan_note(p, s), *lo_text = chart_format_value(lo, -1, "%");
  assert_non_null(note);
  char *want = g_strdup_printf("The value axis starts at %s, not zero.", lo_text);
  assert_non_null(strstr(note, want));
  g_free(want), g_free(note), g_free(lo_text);
  chart_plan_free(p);
  /* near the top: the ticks stop at 100% */
  const double high[] = {96.6, 98.8, 98.3, 96.9, 99.4, 97.1};
  memcpy(s->series[0].values, high, sizeof high);
  p = plan_ok(s, 300, 180, d);
  assert_true(p->y_lo >= 90 && p->y_hi <= 100 && p->y_hi >= 99.4);
  assert_true(p->axis_break);
  chart_plan_free(p);
  /* near zero: from zero, to about its top */
  const double low[] = {19.2, 25.3, 27.5, 18.9, 12.0, 17.8};
  memcpy(s->series[0].values, low, sizeof low);
  p = plan_ok(s, 300, 180, d);
  assert_true(p->y_lo == 0 && p->y_hi >= 27.5 && p->y_hi <= 40);
  assert_false(p->axis_break);
  /* the break is drawn: a cut and two slants more on the axis */
  assert_int_equal(chart_plan_count(p, CHART_ITEM_POLYLINE, CHART_ROLE_AXIS) + 3, broken_axis);
  assert_null(chart_plan_note(p, s));
  chart_plan_free(p);
  /* bars: from zero, and a percentage axis is 0-100% */
  memcpy(s->series[0].values, high, sizeof high);
  s->type = CHART_COLUMN;
  p = plan_ok(s, 300, 180, d);
  assert_true(p->y_lo == 0 && p->y_hi == 100);
  assert_false(p->axis_break);
  chart_plan_free(p);
  chart_spec_free(s);
  diag_list_free(d);
}

/* Marked points (ratings) keep their own shape and colour: a line's
 * marker at every marked point, even where markers are thinned; a bar's
 * fill, with its shape in white. */
static void test_point_marks(void **state) {
  (void)state;
  ChartSpec *s = core_assessments();
  ChartPointMark marks[6] = {{CHART_MARKER_CROSS, {0.8, 0.1, 0.1}, 3, "Red"}, {CHART_MARKER_DIAMOND, {0.7, 0.4, 0}, 2, NULL}};
  marks[5] = (ChartPointMark){CHART_MARKER_CIRCLE, {0.2, 0.5, 0.2}, 1, "Green"};
  chart_spec_set_marks(s, 0, marks, 6);
  DiagList *d = diag_list_new();
  ChartPlan *p = plan_ok(s, 300, 150, d);
  int crosses = 0, circles = 0;
  for (guint i = 0; i < p->items->len; i++) {
    const ChartItem *it = g_ptr_array_index(p->items, i);
    if (it->kind != CHART_ITEM_MARKER || it->role != CHART_ROLE_SERIES) continue;
    crosses += it->marker == CHART_MARKER_CROSS && it->fill.r == 0.8;
    circles += it->marker == CHART_MARKER_CIRCLE && it->fill.g == 0.5;
  }
  assert_int_equal(crosses, 1);
  assert_int_equal(circles, 1);
  /* the legend says what each named mark means, in the marks' order, with
   * its shape in its colour; a mark with no name has no entry */
  int green_at = -1, red_at = -1, legend_crosses = 0, labels = 0;
  for (guint i = 0; i < p->items->len; i++) {
    const ChartItem *it = g_ptr_array_index(p->items, i);
    if (it->role == CHART_ROLE_LEGEND_LABEL) {
      labels++;
      if (strcmp(it->text, "Green") == 0) green_at = (int)i;
      if (strcmp(it->text, "Red") == 0) red_at = (int)i;
    }
    legend_crosses += it->kind == CHART_ITEM_MARKER && it->role == CHART_ROLE_LEGEND_SAMPLE &&
                      it->marker == CHART_MARKER_CROSS && it->fill.r == 0.8;
  }
  assert_true(green_at >= 0 && red_at > green_at);
  assert_int_equal(legend_crosses, 1);
  assert_int_equal(labels, 3); /* the series, Green, Red */
  chart_plan_free(p);
  s->type = CHART_COLUMN;
  p = plan_ok(s, 300, 150, d);
  int red_bars = 0, white_crosses = 0;
  for (guint i = 0; i < p->items->len; i++) {
    const ChartItem *it = g_ptr_array_index(p->items, i);
    red_bars += it->kind == CHART_ITEM_RECT && it->role == CHART_ROLE_BAR && it->fill.r == 0.8;
    white_crosses += it->kind == CHART_ITEM_MARKER && it->role == CHART_ROLE_BAR && it->marker == CHART_MARKER_CROSS &&
                     it->fill.g == 1;
  }
  assert_int_equal(red_bars, 1);
  assert_int_equal(white_crosses, 1);
  chart_plan_free(p);
  chart_spec_free(s);
  diag_list_free(d);
}

static void test_gaps_split_polylines(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  ChartSpec *s = core_assessments();
  ChartPlan *p = plan_ok(s, 400, 220, d);
  /* 21.6-50.5 is one line; 85.4 stands alone, shown by its marker */
  assert_int_equal(chart_plan_count(p, CHART_ITEM_POLYLINE, CHART_ROLE_SERIES), 1);
  assert_int_equal(chart_plan_count(p, CHART_ITEM_MARKER, CHART_ROLE_SERIES), 3);
  assert_true(p->y_lo == 0 && p->y_hi == 100); /* percent axis */
  assert_true(plan_has_text(p, CHART_ROLE_VALUE_LABEL, "85.4%"));
  assert_true(plan_has_text(p, CHART_ROLE_Y_LABEL, "100%"));
  assert_int_equal(diag_count(d), 0);
  chart_plan_free(p);
  chart_spec_free(s);

  s = chart_spec_new(CHART_LINE);
  chart_spec_add_series(s, "A", (double[]){1, 2, NAN, 4, 5, NAN, NAN, 8, 9, 10}, 10, FALSE);
  p = plan_ok(s, 400, 220, d);
  assert_int_equal(chart_plan_count(p, CHART_ITEM_POLYLINE, CHART_ROLE_SERIES), 3);
  for (guint i = 0; i < p->items->len; i++) {
    const ChartItem *it = g_ptr_array_index(p->items, i);
    if (it->kind == CHART_ITEM_POLYLINE && it->role == CHART_ROLE_SERIES) assert_true(it->n_pts == 2 || it->n_pts == 3);
  }
  chart_plan_free(p);
  chart_spec_free(s);
  diag_list_free(d);
}

static void test_percent_axis_and_range(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  ChartSpec *s = core_assessments();
  chart_spec_set_range(s, 20, 90);
  ChartPlan *p = plan_ok(s, 400, 220, d);
  assert_true(p->y_lo == 20 && p->y_hi == 90);
  chart_plan_free(p);
  chart_spec_set_range(s, NAN, NAN);
  const double small[] = {5.6, 6.1, NAN, NAN, NAN, 8.4};
  memcpy(s->series[0].values, small, sizeof small);
  p = plan_ok(s, 400, 220, d);
  /* a line's percentages take their range from the data, as other units do */
  assert_true(p->y_lo <= 5.6 && p->y_hi >= 8.4 && p->y_hi <= 10);
  chart_plan_free(p);
  s->type = CHART_COLUMN;
  p = plan_ok(s, 400, 220, d);
  assert_true(p->y_lo == 0 && p->y_hi == 100); /* a bar's percentages: 0-100 by default */
  chart_plan_free(p);
  s->type = CHART_LINE;
  s->percent_axis = FALSE;
  p = plan_ok(s, 400, 220, d);
  assert_true(p->y_lo <= 5.6 && p->y_hi >= 8.4 && p->y_hi <= 10);
  chart_plan_free(p);
  /* an author range that cuts data off says so */
  chart_spec_set_range(s, 30, 60);
  p = plan_ok(s, 400, 220, d);
  assert_non_null(diag_find(d, "outside the axis range"));
  chart_plan_free(p);
  chart_spec_free(s);
  diag_list_free(d);
}

/* An empty author range (50 to 40) is a warning and the data's range is
 * used; it used to recurse without end (the retry re-read the spec's range). */
static void test_empty_author_range(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  ChartSpec *s = core_assessments();
  chart_spec_set_range(s, 50, 40);
  ChartPlan *p = plan_ok(s, 400, 220, d);
  assert_non_null(diag_find(d, "the axis range 50 to 40 is empty"));
  assert_true(p->y_lo == 0 && p->y_hi == 100); /* a percentage axis, as without a range */
  chart_plan_free(p);
  chart_spec_free(s);
  diag_list_free(d);
}

static void test_one_point(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  ChartSpec *s = chart_spec_new(CHART_LINE);
  chart_spec_set_categories(s, (const char *[]){"Mar-13"}, 1);
  chart_spec_add_series(s, "CPPs", (double[]){251}, 1, FALSE);
  ChartPlan *p = plan_ok(s, 300, 200, d);
  assert_false(p->no_data);
  assert_int_equal(chart_plan_count(p, CHART_ITEM_POLYLINE, CHART_ROLE_SERIES), 0);
  assert_int_equal(chart_plan_count(p, CHART_ITEM_MARKER, CHART_ROLE_SERIES), 1);
  assert_true(plan_has_text(p, CHART_ROLE_X_LABEL, "Mar-13"));
  assert_true(p->y_lo <= 251 && p->y_hi >= 251);
  assert_int_equal(diag_count(d), 0);
  chart_plan_free(p);
  chart_spec_free(s);
  diag_list_free(d);
}

static void test_all_equal(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  ChartSpec *s = chart_spec_new(CHART_LINE);
  chart_spec_set_categories(s, months6, 6);
  chart_spec_add_series(s, "Flat", (double[]){42, 42, 42, 42, 42, 42}, 6, FALSE);
  ChartPlan *p = plan_ok(s, 300, 200, d);
  assert_true(p->y_lo <= 42 && p->y_hi > 42);
  assert_int_equal(chart_plan_count(p, CHART_ITEM_POLYLINE, CHART_ROLE_SERIES), 1);
  chart_plan_free(p);
  for (int i = 0; i < 6; i++) s->series[0].values[i] = 0;
  p = plan_ok(s, 300, 200, d);
  assert_true(p->y_lo == 0 && p->y_hi > 0);
  chart_plan_free(p);
  for (int i = 0; i < 6; i++) s->series[0].values[i] = -3;
  p = plan_ok(s, 300, 200, d);
  assert_true(p->y_lo <= -3 && p->y_hi >= -3);
  chart_plan_free(p);
  chart_spec_free(s);
  diag_list_free(d);
}

static void test_missing_series(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  ChartSpec *s = chart_spec_new(CHART_LINE);
  chart_spec_set_title(s, "Repeat CPPs");
  chart_spec_set_categories(s, months6, 6);
  chart_spec_add_series(s, "Walsall", NULL, 0, FALSE);
  ChartPlan *p = plan_ok(s, 300, 200, d);
  assert_true(p->no_data);
  assert_true(plan_has_text(p, CHART_ROLE_MESSAGE, "No data for this chart"));
  assert_int_equal(chart_plan_count(p, CHART_ITEM_POLYLINE, -1), 0);
  const Diag *g = diag_find(d, "\"Walsall\" has no data");
  assert_non_null(g);
  assert_int_equal(g->severity, DIAG_WARNING);
  assert_false(diag_has_errors(d));
  chart_plan_free(p);
  /* one of two series missing: the other is drawn; the legend says so */
  chart_spec_add_series(s, "England", (double[]){10, 11, 12, 13, 12, 14}, 6, FALSE);
  p = plan_ok(s, 300, 200, d);
  assert_false(p->no_data);
  assert_true(plan_has_text(p, CHART_ROLE_LEGEND_LABEL, "Walsall (no data)"));
  chart_plan_free(p);
  chart_spec_free(s);
  /* no categories at all, no series at all */
  s = chart_spec_new(CHART_COLUMN);
  p = plan_ok(s, 300, 200, d);
  assert_true(p->no_data);
  chart_plan_free(p);
  chart_spec_free(s);
  diag_list_free(d);
}

static char **period_labels(int n) {
  static const char *mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char **l = g_new0(char *, n + 1);
  for (int i = 0; i < n; i++) l[i] = g_strdup_printf("%s-%02d", mon[i % 12], (5 + i / 12) % 100);
  return l;
}

/* Thinned to every other label from the latest, twelve months never
 * start with two labels side by side ("Oct-24 Nov-24 · Jan-25"): the
 * first is added back only more than half a step before the next. */
static void test_thinned_labels_evenly_spaced(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  char **labels = period_labels(12);
  double v[12];
  for (int i = 0; i < 12; i++) v[i] = 60 + i;
  int step2 = 0;
  for (double w = 120; w <= 480; w += 10) {
    ChartSpec *s = chart_spec_new(CHART_LINE);
    chart_spec_set_categories(s, (const char *const *)labels, 12);
    chart_spec_add_series(s, "Series", v, 12, FALSE);
    ChartPlan *p = plan_ok(s, w, 200, d);
    if (p->x_label_angle == 0 && p->x_label_step == 2) {
      step2++;
      assert_true(plan_has_text(p, CHART_ROLE_X_LABEL, labels[1]));
      assert_false(plan_has_text(p, CHART_ROLE_X_LABEL, labels[0]));
    }
    chart_plan_free(p);
    chart_spec_free(s);
  }
  assert_true(step2 > 0);
  g_strfreev(labels);
  diag_list_free(d);
}

/* A column's value label is never struck through by a reference line (a
 * target just above the bar's top): it moves up clear of it. */
static void test_column_labels_clear_of_reference_lines(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  const char *cats[] = {"Oct-24", "Nov-24", "Dec-24", "Jan-25"};
  ChartSpec *s = chart_spec_new(CHART_COLUMN);
  chart_spec_set_categories(s, cats, 4);
  chart_spec_add_series(s, "Rate", (double[]){1.9, 1.7, 2.6, 1.95}, 4, FALSE);
  chart_spec_add_series(s, "Target", (double[]){2, 2, 2, 2}, 4, TRUE);
  s->label_values = CHART_LABEL_ALL;
  ChartPlan *p = plan_ok(s, 300, 160, d);
  int labels = 0;
  for (guint i = 0; i < p->items->len; i++) {
    const ChartItem *t = g_ptr_array_index(p->items, i);
    if (t->kind != CHART_ITEM_TEXT || t->role != CHART_ROLE_VALUE_LABEL) continue;
    labels++;
    double x0, y0, x1, y1;
    chart_quad_bounds(&t->logical, &x0, &y0, &x1, &y1);
    for (guint k = 0; k < p->items->len; k++) {
      const ChartItem *l = g_ptr_array_index(p->items, k);
      if (l->kind != CHART_ITEM_POLYLINE || l->role != CHART_ROLE_REFERENCE) continue;
      double ly = l->pts[1]; /* level: every target is 2 */
      assert_false(ly + l->line_width / 2 > y0 && ly - l->line_width / 2 < y1);
    }
  }
  assert_int_equal(labels, 4);
  chart_plan_free(p);
  chart_spec_free(s);
  diag_list_free(d);
}

static void test_hundred_periods(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  char **labels = period_labels(100);
  double v[100];
  for (int i = 0; i < 100; i++) v[i] = 50 + 30 * sin(i / 7.0);
  ChartSpec *s = chart_spec_new(CHART_LINE);
  chart_spec_set_categories(s, (const char *const *)labels, 100);
  chart_spec_add_series(s, "Series", v, 100, FALSE);
  ChartPlan *p = plan_ok(s, 450, 220, d);
  assert_true(p->x_label_step > 1);
  assert_true(p->x_labels_shown >= 5);
  assert_true(plan_has_text(p, CHART_ROLE_X_LABEL, labels[99])); /* latest always */
  assert_true(plan_has_text(p, CHART_ROLE_X_LABEL, labels[0]) || p->x_label_step > 1);
  /* markers would be a smear at this density: only the latest */
  assert_int_equal(chart_plan_count(p, CHART_ITEM_MARKER, CHART_ROLE_SERIES), 1);
  chart_plan_free(p);
  /* a narrow chart with long period labels rotates rather than keep two */
  const char *longer[8] = {"April 2012", "May 2012", "June 2012", "July 2012",
                           "August 2012", "September 2012", "October 2012", "November 2012"};
  ChartSpec *s2 = chart_spec_new(CHART_LINE);
  chart_spec_set_categories(s2, longer, 8);
  chart_spec_add_series(s2, "X", (double[]){1, 2, 3, 4, 5, 6, 7, 8}, 8, FALSE);
  p = plan_ok(s2, 220, 200, d);
  assert_true(p->x_label_angle == 45 || p->x_label_angle == 90);
  assert_true(p->x_labels_shown >= 5);
  chart_plan_free(p);
  chart_spec_free(s2);
  g_strfreev(labels);
  chart_spec_free(s);
  diag_list_free(d);
}

static void test_category_labels_wrap(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  ChartSpec *s = chart_spec_new(CHART_GROUPED);
  const char *agencies[] = {"Police", "Health (Midwives, hospitals and other NHS)", "Schools", "Housing",
                            "Relative, self and anon", "Others"};
  chart_spec_set_categories(s, agencies, 6);
  chart_spec_set_unit(s, "%");
  chart_spec_add_series(s, "% of referrals", (double[]){26.6, 11.6, 17.6, NAN, 11.1, 33.1}, 6, FALSE);
  chart_spec_add_series(s, "% of these NFA'd", (double[]){16.0, 16.5, 12.0, NAN, 13.8, 24.6}, 6, FALSE);
  ChartPlan *p = plan_ok(s, 440, 240, d);
  assert_int_equal(p->x_labels_shown, 6); /* every bar keeps its name */
  assert_int_equal(chart_plan_count(p, CHART_ITEM_RECT, CHART_ROLE_BAR), 10);
  assert_true(plan_has_text(p, CHART_ROLE_VALUE_LABEL, "n/a"));
  chart_plan_free(p);
  p = plan_ok(s, 200, 240, d); /* too narrow to wrap: rotated, still all */
  assert_int_equal(p->x_labels_shown, 6);
  chart_plan_free(p);
  chart_spec_free(s);
  diag_list_free(d);
}

/* Line counts of a plan's text items, in order. */
static GArray *text_lines(const ChartPlan *p) {
  GArray *a = g_array_new(FALSE, FALSE, sizeof(int));
  for (guint i = 0; i < p->items->len; i++) {
    const ChartItem *it = g_ptr_array_index(p->items, i);
    int n = it->layout ? pango_layout_get_line_count(it->layout) : 0;
    if (it->layout) g_array_append_val(a, n);
  }
  return a;
}

/* A chart's labels are laid out once per process (base/textcache.h): the
 * same chart planned again, in another context of the same fonts, takes
 * the very layouts of the first; a label set in another form (wrapped,
 * rotated and cut short) is a layout of its own, and making it changed
 * no layout an earlier plan holds. */
static void test_labels_laid_out_once(void **state) {
  (void)state;
  textcache_clear();
  DiagList *d = diag_list_new();
  ChartSpec *s = core_assessments();
  ChartPlan *a = plan_ok(s, 400, 220, d), *b = plan_ok(s, 400, 220, d);
  assert_int_equal(a->items->len, b->items->len);
  guint shared = 0;
  for (guint i = 0; i < a->items->len; i++) {
    const ChartItem *x = g_ptr_array_index(a->items, i), *y = g_ptr_array_index(b->items, i);
    if (!x->layout) continue;
    assert_ptr_equal(x->layout, y->layout);
    shared++;
  }
  assert_true(shared >= 8); /* ticks, period labels, the legend */
  chart_plan_free(b);
  chart_plan_free(a);
  chart_spec_free(s);

  s = chart_spec_new(CHART_GROUPED);
  const char *agencies[] = {"Police", "Health (Midwives, hospitals and other NHS)", "Schools", "Housing",
                            "Relative, self and anon", "Others"};
  chart_spec_set_categories(s, agencies, 6);
  chart_spec_add_series(s, "% of referrals", (double[]){26.6, 11.6, 17.6, 20, 11.1, 33.1}, 6, FALSE);
  a = plan_ok(s, 440, 240, d); /* the long label wraps */
  char *before = chart_plan_dump(a);
  GArray *lines = text_lines(a);
  ChartPlan *rotated = plan_ok(s, 200, 240, d), *wide = plan_ok(s, 1200, 240, d);
  char *after = chart_plan_dump(a);
  assert_string_equal(before, after);
  GArray *again = text_lines(a);
  assert_int_equal(lines->len, again->len);
  assert_memory_equal(lines->data, again->data, lines->len * sizeof(int));
  g_free(before), g_free(after);
  g_array_free(lines, TRUE), g_array_free(again, TRUE);
  chart_plan_free(wide), chart_plan_free(rotated), chart_plan_free(a);
  chart_spec_free(s);
  diag_list_free(d);
}

static void test_gutter_labels_apart(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  ChartSpec *s = chart_spec_new(CHART_LINE);
  chart_spec_set_unit(s, "%");
  chart_spec_set_categories(s, months6, 6);
  chart_spec_add_series(s, "North", (double[]){40, 45, 47, 49, 50, 51}, 6, FALSE);
  chart_spec_add_series(s, "South", (double[]){60, 55, 54, 52, 51, 50.5}, 6, FALSE);
  chart_spec_add_series(s, "West", (double[]){45, 47, 49, 50, 52, 52}, 6, FALSE);
  chart_spec_add_series(s, "England", (double[]){NAN, NAN, NAN, NAN, NAN, 51.5}, 6, TRUE);
  chart_spec_set_min_standard(s, 50, NULL);
  ChartPlan *p = plan_ok(s, 400, 240, d); /* check: the five gutter labels do not touch */
  assert_int_equal(chart_plan_count(p, CHART_ITEM_TEXT, CHART_ROLE_VALUE_LABEL), 5);
  assert_true(chart_plan_count(p, CHART_ITEM_POLYLINE, CHART_ROLE_LEADER) >= 3);
  assert_int_equal(chart_plan_count(p, CHART_ITEM_POLYLINE, CHART_ROLE_REFERENCE), 1);
  assert_int_equal(chart_plan_count(p, CHART_ITEM_POLYLINE, CHART_ROLE_MIN_STANDARD), 1);
  assert_int_equal(chart_plan_count(p, CHART_ITEM_TEXT, CHART_ROLE_LEGEND_LABEL), 5);
  /* series differ by marker shape and dash, not only colour */
  int dash[3] = {-1, -1, -1}, shape[3] = {-1, -1, -1};
  for (guint i = 0; i < p->items->len; i++) {
    const ChartItem *it = g_ptr_array_index(p->items, i);
    if (it->role != CHART_ROLE_SERIES || it->series > 2) continue;
    if (it->kind == CHART_ITEM_POLYLINE) dash[it->series] = it->dash;
    if (it->kind == CHART_ITEM_MARKER) shape[it->series] = it->marker;
  }
  assert_true(dash[0] != dash[1] && dash[1] != dash[2] && dash[0] != dash[2]);
  assert_true(shape[0] != shape[1] && shape[1] != shape[2] && shape[0] != shape[2]);
  chart_plan_free(p);
  chart_spec_free(s);
  diag_list_free(d);
}

static void test_ten_thousand_points(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  const int n = 10000;
  char **labels = g_new0(char *, n + 1);
  double *v = g_new(double, n);
  for (int i = 0; i < n; i++) {
    labels[i] = g_strdup_printf("D%d", i + 1);
    v[i] = (i % 997 == 0) ? NAN : 100 + 50 * sin(i / 50.0) + (i % 13);
  }
  ChartSpec *s = chart_spec_new(CHART_LINE);
  chart_spec_set_categories(s, (const char *const *)labels, n);
  chart_spec_add_series(s, "Daily", v, n, FALSE);
  gint64 t0 = g_get_monotonic_time();
  ChartPlan *p = plan_ok(s, 450, 220, d);
  gint64 us = g_get_monotonic_time() - t0;
  int pts = 0;
  for (guint i = 0; i < p->items->len; i++) {
    const ChartItem *it = g_ptr_array_index(p->items, i);
    if (it->kind == CHART_ITEM_POLYLINE && it->role == CHART_ROLE_SERIES) pts += it->n_pts;
  }
  assert_true(pts > 0 && pts <= 4 * 2 * 450 + 64); /* first/min/max/last per half point */
  assert_true(p->x_labels_shown <= 20);
  assert_true(us < 2 * G_USEC_PER_SEC);
  chart_plan_free(p);
  chart_spec_free(s);
  g_strfreev(labels);
  g_free(v);
  diag_list_free(d);
}

static void test_bars(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  ChartSpec *s = chart_spec_new(CHART_GROUPED);
  chart_spec_set_categories(s, (const char *[]){"Stage 1", "Stage 2", "Stage 3"}, 3);
  chart_spec_add_series(s, "Mar-13", (double[]){116, 8, 0}, 3, FALSE);
  chart_spec_add_series(s, "YTD June 13", (double[]){54, 3, 0}, 3, FALSE);
  ChartPlan *p = plan_ok(s, 360, 220, d);
  assert_int_equal(chart_plan_count(p, CHART_ITEM_RECT, CHART_ROLE_BAR), 6);
  assert_true(p->y_lo == 0);
  assert_true(plan_has_text(p, CHART_ROLE_VALUE_LABEL, "116"));
  assert_true(plan_has_text(p, CHART_ROLE_VALUE_LABEL, "0"));
  chart_plan_free(p);
  s->type = CHART_STACKED;
  p = plan_ok(s, 360, 220, d);
  assert_true(p->y_hi >= 170);
  assert_true(plan_has_text(p, CHART_ROLE_VALUE_LABEL, "170")); /* total */
  chart_plan_free(p);
  /* horizontal bars: every category named, one rect per value */
  s->type = CHART_BAR;
  p = plan_ok(s, 360, 220, d);
  assert_int_equal(chart_plan_count(p, CHART_ITEM_RECT, CHART_ROLE_BAR), 6);
  assert_int_equal(chart_plan_count(p, CHART_ITEM_TEXT, CHART_ROLE_X_LABEL), 3);
  assert_true(plan_has_text(p, CHART_ROLE_VALUE_LABEL, "116"));
  chart_plan_free(p);
  /* negative columns */
  s->type = CHART_COLUMN;
  s->series[0].values[1] = -20;
  p = plan_ok(s, 360, 220, d);
  assert_true(p->y_lo < 0);
  chart_plan_free(p);
  chart_spec_free(s);
  diag_list_free(d);
}

static void test_sparkline(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  ChartSpec *s = chart_spec_new(CHART_LINE);
  s->sparkline = TRUE;
  chart_spec_add_series(s, "Referrals", (double[]){85, 90, 101, NAN, 97, 110, 119, 104, 99, 108, 112, 119}, 12, FALSE);
  ChartPlan *p = plan_ok(s, 85, 28, d);
  assert_int_equal(chart_plan_count(p, CHART_ITEM_TEXT, -1), 0);
  assert_int_equal(chart_plan_count(p, CHART_ITEM_POLYLINE, CHART_ROLE_SERIES), 2);
  assert_int_equal(chart_plan_count(p, CHART_ITEM_MARKER, CHART_ROLE_SERIES), 1);
  const ChartItem *m = NULL;
  for (guint i = 0; i < p->items->len; i++) {
    const ChartItem *it = g_ptr_array_index(p->items, i);
    if (it->kind == CHART_ITEM_MARKER) m = it;
  }
  assert_true(m->x > 80 && m->x < 85 && m->y >= 0 && m->y < 5); /* last = max, top right */
  chart_plan_free(p);
  chart_spec_free(s);
  diag_list_free(d);
}

static void test_too_small(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  ChartSpec *s = core_assessments();
  ChartPlan *p = plan_ok(s, 40, 30, d);
  assert_true(p->no_data);
  assert_non_null(diag_find(d, "too small"));
  chart_plan_free(p);
  p = plan_ok(s, 0, 0, d);
  assert_int_equal(p->items->len, 0);
  chart_plan_free(p);
  chart_spec_free(s);
  diag_list_free(d);
}

static void test_dump(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  ChartSpec *s = core_assessments();
  ChartPlan *p = plan_ok(s, 400, 220, d);
  char *dump = chart_plan_dump(p);
  assert_non_null(strstr(dump, "chart 400.00 220.00\n"));
  assert_non_null(strstr(dump, "text value-label s0"));
  assert_non_null(strstr(dump, "\"Apr-13\""));
  assert_non_null(strstr(dump, "\naxis y="));
  assert_non_null(strstr(dump, " stroke=#")); /* how items are painted, too */
  assert_null(strstr(dump, "...")); /* every point of a line, none left out */
  g_free(dump);
  chart_plan_free(p);
  chart_spec_free(s);
  diag_list_free(d);
}

/* Numbers must not follow LC_NUMERIC: the same plan and description under
 * a locale that writes decimal commas (built with localedef if need be;
 * skipped only when none can be had). */
static void test_locale_independent(void **state) {
  (void)state;
  ChartSpec *s = core_assessments();
  char *before = chart_describe(s);
  DiagList *d = diag_list_new();
  ChartPlan *p = plan_ok(s, 400, 220, d);
  char *dump_before = chart_plan_dump(p);
  chart_plan_free(p);
  if (!test_use_comma_locale()) {
    g_free(before);
    g_free(dump_before);
    chart_spec_free(s);
    diag_list_free(d);
    skip();
  }
  assert_string_equal(localeconv()->decimal_point, ",");
  char *after = chart_describe(s);
  assert_string_equal(before, after);
  p = plan_ok(s, 400, 220, d);
  char *dump_after = chart_plan_dump(p);
  assert_string_equal(dump_before, dump_after);
  char *n = chart_format_number(1234.5, -1);
  assert_string_equal(n, "1,234.5");
  setlocale(LC_ALL, "C");
  g_free(n);
  g_free(after);
  g_free(before);
  g_free(dump_before);
  g_free(dump_after);
  chart_plan_free(p);
  chart_spec_free(s);
  diag_list_free(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_ticks_zero_zero),   cmocka_unit_test(test_ticks_tiny),
      cmocka_unit_test(test_ticks_3_97),        cmocka_unit_test(test_ticks_negative),
      cmocka_unit_test(test_ticks_large),       cmocka_unit_test(test_ticks_nan),
      cmocka_unit_test(test_ticks_integers),    cmocka_unit_test(test_ticks_property),
      cmocka_unit_test(test_format_number),     cmocka_unit_test(test_describe_core_assessments),
      cmocka_unit_test(test_describe_kinds),    cmocka_unit_test(test_gaps_split_polylines),
      cmocka_unit_test(test_point_marks),
      cmocka_unit_test(test_percent_axis_and_range), cmocka_unit_test(test_percent_line_range_from_data), cmocka_unit_test(test_one_point),
      cmocka_unit_test(test_empty_author_range),  cmocka_unit_test(test_describe_extremes_and_standards),
      cmocka_unit_test(test_grouped_labels_clear),
      cmocka_unit_test(test_close_lines_labels_alternate), cmocka_unit_test(test_standards_every_series),
      cmocka_unit_test(test_standards_in_welsh),
      cmocka_unit_test(test_column_labels_latest), cmocka_unit_test(test_withheld_points_show_their_mark),
      cmocka_unit_test(test_axis_not_exaggerated),
      cmocka_unit_test(test_latest_label_off_the_axis),
      cmocka_unit_test(test_category_standards),  cmocka_unit_test(test_plans_always_clean),
      cmocka_unit_test(test_all_equal),         cmocka_unit_test(test_missing_series),
      cmocka_unit_test(test_hundred_periods),
      cmocka_unit_test(test_column_labels_clear_of_reference_lines),
      cmocka_unit_test(test_thinned_labels_evenly_spaced),   cmocka_unit_test(test_category_labels_wrap), cmocka_unit_test(test_labels_laid_out_once),
      cmocka_unit_test(test_gutter_labels_apart), cmocka_unit_test(test_ten_thousand_points),
      cmocka_unit_test(test_bars),              cmocka_unit_test(test_sparkline),
      cmocka_unit_test(test_too_small),         cmocka_unit_test(test_dump),
      cmocka_unit_test(test_locale_independent),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  if (font_map) g_object_unref(font_map);
  return rc;
}
