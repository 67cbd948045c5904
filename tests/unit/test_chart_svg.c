/* chart_svg: the plan chart_draw paints, as SVG. Every text item's line is
 * a <text> holding its words (escaped), every bar a <rect>, every line a
 * <polyline>; the picture is role="img" with its title and description;
 * numbers do not depend on the locale. */
#include "testutil.h"

#include <locale.h>

#include "base/fonts.h"
#include "chart/chart.h"

static PangoFontMap *font_map;

static char *svg_of(ChartType type, const char *title) {
  ChartSpec *s = chart_spec_new(type);
  const char *cats[] = {"A & B", "<C>", "D\"E"};
  chart_spec_set_categories(s, cats, 3);
  chart_spec_set_unit(s, "%");
  double v[] = {12.5, 40, 87.25}, w[] = {30, 35, 50};
  chart_spec_add_series(s, "Own", v, 3, FALSE);
  chart_spec_add_series(s, "England", w, 3, TRUE);
  chart_spec_set_min_standard(s, 60, NULL);
  ChartStyle st = chart_style_default();
  g_strlcpy(st.font_family, "Liberation Sans", sizeof st.font_family);
  PangoContext *ctx = fonts_context_new(font_map);
  DiagList *diags = diag_list_new();
  ChartPlan *plan = chart_plan(s, &st, ctx, 400, 220, diags);
  assert_non_null(plan);
  GString *out = g_string_new(NULL);
  chart_svg(out, plan, "c1", title, "A description & more", "Liberation Sans");
  /* one <text> per text item (these are one line each), a <rect> per bar, a <polyline> per line */
  int texts = 0;
  for (const char *p = strstr(out->str, "<text "); p; p = strstr(p + 1, "<text ")) texts++;
  assert_int_equal(texts, chart_plan_count(plan, CHART_ITEM_TEXT, -1));
  int polylines = 0;
  for (const char *p = strstr(out->str, "<polyline "); p; p = strstr(p + 1, "<polyline ")) polylines++;
  int drawn_polylines = 0;
  for (guint i = 0; i < plan->items->len; i++) {
    const ChartItem *it = g_ptr_array_index(plan->items, i);
    drawn_polylines += it->kind == CHART_ITEM_POLYLINE && it->n_pts >= 2;
  }
  assert_int_equal(polylines, drawn_polylines);
  chart_plan_free(plan);
  g_object_unref(ctx);
  diag_list_free(diags);
  chart_spec_free(s);
  return g_string_free(out, FALSE);
}

static void test_text_is_text_and_escaped(void **state) {
  (void)state;
  char *svg = svg_of(CHART_COLUMN, "Title <b> & \"q\"");
  assert_non_null(strstr(svg, "role=\"img\""));
  assert_non_null(strstr(svg, "aria-labelledby=\"c1-title\" aria-describedby=\"c1-desc\""));
  assert_non_null(strstr(svg, "<title id=\"c1-title\">Title &lt;b&gt; &amp; &quot;q&quot;</title>"));
  assert_non_null(strstr(svg, "<desc id=\"c1-desc\">A description &amp; more</desc>"));
  assert_non_null(strstr(svg, ">A &amp; B</text>"));
  assert_non_null(strstr(svg, ">&lt;C&gt;</text>"));
  assert_non_null(strstr(svg, ">D&quot;E</text>"));
  assert_non_null(strstr(svg, ">87.25%</text>"));
  assert_non_null(strstr(svg, "<rect "));
  assert_null(strstr(svg, "<C>"));
  g_free(svg);
}

static void test_line_chart_and_locale(void **state) {
  (void)state;
  char *c = svg_of(CHART_LINE, "T");
  assert_non_null(strstr(c, "<polyline "));
  if (!test_use_comma_locale()) skip();
  char *fr = svg_of(CHART_LINE, "T");
  setlocale(LC_ALL, "C");
  assert_string_equal(c, fr);
  g_free(c), g_free(fr);
}

int main(void) {
  font_map = fonts_font_map_new("fonts", NULL);
  assert_non_null(font_map);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_text_is_text_and_escaped),
      cmocka_unit_test(test_line_chart_and_locale),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  g_object_unref(font_map);
  return rc;
}
