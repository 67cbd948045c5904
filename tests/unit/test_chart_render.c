/* Renders the seed's charts (and the awkward cases) to
 * $BOARDPACK_TEST_OUT/charts/charts.pdf, one chart a page, and to one PNG per
 * chart, for people to look at: in colour and in grey
 * (pdftoppm -r 100 -png / -gray) every series must be told apart and no label
 * may touch another. The test itself asserts what a machine can: every plan
 * passes chart_plan_check, the PDF is written without a cairo error, and
 * the text in it is real text (the PDF holds the labels' glyphs, not an
 * image). */
#include "testutil.h"

#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "chart/chart.h"
#include "base/fonts.h"

#define MARGIN 12.0

static PangoFontMap *font_map;

/* The project's private font set, as boardpack itself loads it. */
static PangoContext *ctx_new(void) {
  if (!font_map) font_map = fonts_font_map_new("fonts", NULL);
  assert_non_null(font_map);
  return fonts_context_new(font_map);
}

typedef struct {
  const char *name;
  ChartSpec *spec;
  double w, h;
} Demo;

static const char *const months6[] = {"Nov-12", "Dec-12", "Jan-13", "Feb-13", "Mar-13", "Apr-13"};
static const char *const months12[] = {"Apr-12", "May-12", "Jun-12", "Jul-12", "Aug-12", "Sep-12",
                                       "Oct-12", "Nov-12", "Dec-12", "Jan-13", "Feb-13", "Mar-13"};

static GPtrArray *demos(void) {
  GPtrArray *a = g_ptr_array_new();
  Demo *d;
  ChartSpec *s;

  s = chart_spec_new(CHART_LINE);
  chart_spec_set_title(s, "% core assessments completed in 35 days");
  chart_spec_set_unit(s, "%");
  chart_spec_set_categories(s, months6, 6);
  chart_spec_add_series(s, "Walsall", (double[]){21.6, 50.5, NAN, NAN, NAN, 85.4}, 6, FALSE);
  d = g_new0(Demo, 1);
  *d = (Demo){"core-assessments", s, 453, 220};
  g_ptr_array_add(a, d);

  s = chart_spec_new(CHART_LINE);
  chart_spec_set_title(s, "% core assessments completed in 35 days");
  chart_spec_set_unit(s, "%");
  chart_spec_set_categories(s, months6, 6);
  chart_spec_add_series(s, "Walsall", (double[]){21.6, 50.5, NAN, NAN, NAN, 85.4}, 6, FALSE);
  s->label_values = CHART_LABEL_ALL;
  d = g_new0(Demo, 1);
  *d = (Demo){"core-assessments-all-values", s, 300, 180};
  g_ptr_array_add(a, d);

  s = chart_spec_new(CHART_GROUPED);
  chart_spec_set_title(s, "complaints by stage");
  chart_spec_set_categories(s, (const char *[]){"Stage 1", "Stage 2", "Stage 3"}, 3);
  chart_spec_add_series(s, "Mar-13", (double[]){116, 8, 0}, 3, FALSE);
  chart_spec_add_series(s, "YTD June 13", (double[]){54, 3, 0}, 3, FALSE);
  d = g_new0(Demo, 1);
  *d = (Demo){"complaints", s, 453, 220};
  g_ptr_array_add(a, d);

  s = chart_spec_new(CHART_LINE);
  chart_spec_set_title(s, "system entries using the chronology fields");
  chart_spec_set_categories(s, (const char *[]){"Nov-12", "Dec-12", "Jan-13", "Feb-13", "Mar-13", "Apr-13", "May-13"}, 7);
  chart_spec_add_series(s, "Entries", (double[]){344, NAN, NAN, NAN, 558, 708, 648}, 7, FALSE);
  d = g_new0(Demo, 1);
  *d = (Demo){"chronology", s, 220, 160};
  g_ptr_array_add(a, d);

  s = chart_spec_new(CHART_GROUPED);
  chart_spec_set_title(s, "referrals by agency and the share with no further action");
  chart_spec_set_unit(s, "%");
  s->percent_axis = FALSE;
  chart_spec_set_categories(s, (const char *[]){"Police", "Health (Midwives, hospitals and other NHS)", "Schools",
                                                "Housing", "Relative, self and anon", "Others"}, 6);
  chart_spec_add_series(s, "% of referrals 2012/13", (double[]){26.6, 11.6, 17.6, NAN, 11.1, 33.1}, 6, FALSE);
  chart_spec_add_series(s, "% of these NFA'd", (double[]){16.0, 16.5, 12.0, NAN, 13.8, 24.6}, 6, FALSE);
  d = g_new0(Demo, 1);
  *d = (Demo){"referrals-by-agency", s, 453, 240};
  g_ptr_array_add(a, d);

  s = chart_spec_new(CHART_BAR);
  chart_spec_set_title(s, "referrals by agency and the share with no further action");
  chart_spec_set_unit(s, "%");
  s->percent_axis = FALSE;
  chart_spec_set_categories(s, (const char *[]){"Police", "Health (Midwives, hospitals and other NHS)", "Schools",
                                                "Housing", "Relative, self and anon", "Others"}, 6);
  chart_spec_add_series(s, "% of referrals 2012/13", (double[]){26.6, 11.6, 17.6, NAN, 11.1, 33.1}, 6, FALSE);
  chart_spec_add_series(s, "% of these NFA'd", (double[]){16.0, 16.5, 12.0, NAN, 13.8, 24.6}, 6, FALSE);
  s->decimals = 1;
  d = g_new0(Demo, 1);
  *d = (Demo){"referrals-by-agency-bars", s, 453, 280};
  g_ptr_array_add(a, d);

  s = chart_spec_new(CHART_LINE);
  chart_spec_set_title(s, "assessment and review timeliness against England");
  chart_spec_set_unit(s, "%");
  chart_spec_set_categories(s, months12, 12);
  chart_spec_add_series(s, "Initial assessments in 10 days",
                        (double[]){81, 78, 74, 70, 66, 64.9, 60, 55, 52, 50, 49, 48.7}, 12, FALSE);
  chart_spec_add_series(s, "Core assessments in 35 days",
                        (double[]){60, 62, 64.7, NAN, 70, 74, 77, 79, 80, 81, 81.5, 81.7}, 12, FALSE);
  chart_spec_add_series(s, "CPP reviews in time", (double[]){95, 96, 97, 97, 98, 96, 97, 99, 100, 100, 99, 100}, 12, FALSE);
  chart_spec_add_series(s, "England (initial)", (double[]){77, 77, 77, 77.5, 77.5, 77.5, 78, 78, 78, 78.2, 78.2, 78.2},
                        12, TRUE);
  chart_spec_add_series(s, "England (CPP reviews)", (double[]){NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, 96.7},
                        12, TRUE);
  chart_spec_set_min_standard(s, 60, NULL);
  d = g_new0(Demo, 1);
  *d = (Demo){"timeliness-vs-england", s, 453, 260};
  g_ptr_array_add(a, d);

  s = chart_spec_new(CHART_STACKED);
  chart_spec_set_title(s, "early help cases stepped up and down");
  chart_spec_set_categories(s, (const char *[]){"Apr-13", "May-13", "Jun-13"}, 3);
  chart_spec_add_series(s, "Stepped up to social care", (double[]){12, 9, 14}, 3, FALSE);
  chart_spec_add_series(s, "Stepped down to early help", (double[]){21, 25, 19}, 3, FALSE);
  chart_spec_add_series(s, "Closed", (double[]){30, 28, 35}, 3, FALSE);
  chart_spec_add_series(s, "Transferred", (double[]){5, 7, 4}, 3, FALSE);
  d = g_new0(Demo, 1);
  *d = (Demo){"early-help-stacked", s, 300, 220};
  g_ptr_array_add(a, d);

  s = chart_spec_new(CHART_COLUMN);
  chart_spec_set_title(s, "rate of hospital admissions for injuries");
  chart_spec_set_unit(s, "per 10,000");
  chart_spec_set_categories(s, (const char *[]){"England Mar-12", "Walsall Mar-12"}, 2);
  chart_spec_add_series(s, "Rate", (double[]){124.3, 96}, 2, FALSE);
  d = g_new0(Demo, 1);
  *d = (Demo){"injuries-rate", s, 220, 160};
  g_ptr_array_add(a, d);

  static char *labels100[100];
  static const char *mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  double v100[100], w100[100];
  for (int i = 0; i < 100; i++) {
    if (!labels100[i]) labels100[i] = g_strdup_printf("%s-%02d", mon[i % 12], 5 + i / 12);
    v100[i] = 60 + 25 * sin(i / 9.0) + (i % 5);
    w100[i] = (i >= 40 && i < 47) ? NAN : 55 + 15 * cos(i / 13.0);
  }
  s = chart_spec_new(CHART_LINE);
  chart_spec_set_title(s, "100 periods");
  chart_spec_set_categories(s, (const char *const *)labels100, 100);
  chart_spec_add_series(s, "Referrals", v100, 100, FALSE);
  chart_spec_add_series(s, "Re-referrals", w100, 100, FALSE);
  d = g_new0(Demo, 1);
  *d = (Demo){"hundred-periods", s, 453, 220};
  g_ptr_array_add(a, d);

  s = chart_spec_new(CHART_LINE);
  chart_spec_set_title(s, "long period labels in a narrow chart");
  chart_spec_set_categories(s, (const char *[]){"April 2012", "May 2012", "June 2012", "July 2012", "August 2012",
                                                "September 2012", "October 2012", "November 2012"}, 8);
  chart_spec_add_series(s, "CAFs", (double[]){28, 31, 35, 33, 40, 47, 55, 61}, 8, FALSE);
  d = g_new0(Demo, 1);
  *d = (Demo){"rotated-labels", s, 220, 180};
  g_ptr_array_add(a, d);

  s = chart_spec_new(CHART_LINE);
  chart_spec_set_title(s, "one point");
  chart_spec_set_categories(s, (const char *[]){"Mar-13"}, 1);
  chart_spec_add_series(s, "CPPs at year end", (double[]){251}, 1, FALSE);
  d = g_new0(Demo, 1);
  *d = (Demo){"one-point", s, 220, 160};
  g_ptr_array_add(a, d);

  s = chart_spec_new(CHART_LINE);
  chart_spec_set_title(s, "all equal");
  chart_spec_set_unit(s, "%");
  chart_spec_set_categories(s, months6, 6);
  chart_spec_add_series(s, "Supervision completed", (double[]){85, 85, 85, 85, 85, 85}, 6, FALSE);
  d = g_new0(Demo, 1);
  *d = (Demo){"all-equal", s, 220, 160};
  g_ptr_array_add(a, d);

  s = chart_spec_new(CHART_LINE);
  chart_spec_set_title(s, "a series entirely missing");
  chart_spec_set_categories(s, months6, 6);
  chart_spec_add_series(s, "Walsall", NULL, 0, FALSE);
  d = g_new0(Demo, 1);
  *d = (Demo){"no-data", s, 220, 160};
  g_ptr_array_add(a, d);

  s = chart_spec_new(CHART_LINE);
  chart_spec_set_title(s, "referrals per week");
  s->sparkline = TRUE;
  chart_spec_add_series(s, "Referrals", (double[]){85, 90, 101, NAN, 97, 110, 119, 104, 99, 108, 112, 119}, 12, FALSE);
  d = g_new0(Demo, 1);
  *d = (Demo){"sparkline", s, 85, 28};
  g_ptr_array_add(a, d);
  return a;
}

static void write_png(const ChartPlan *plan, const char *path, double scale) {
  int w = (int)ceil((plan->width + 2 * MARGIN) * scale), h = (int)ceil((plan->height + 2 * MARGIN) * scale);
  cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  cairo_t *cr = cairo_create(surf);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, scale, scale);
  cairo_translate(cr, MARGIN, MARGIN);
  chart_draw(cr, plan);
  assert_int_equal(cairo_status(cr), CAIRO_STATUS_SUCCESS);
  cairo_destroy(cr);
  assert_int_equal(cairo_surface_write_to_png(surf, path), CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy(surf);
}

static void test_render_demos(void **state) {
  (void)state;
  const char *base = g_getenv("BOARDPACK_TEST_OUT");
  char *dir = g_build_filename(base ? base : g_get_tmp_dir(), "charts", NULL);
  g_mkdir_with_parents(dir, 0755);
  char *pdf_path = g_build_filename(dir, "charts.pdf", NULL);
  char *alt_path = g_build_filename(dir, "descriptions.txt", NULL);
  cairo_surface_t *pdf = cairo_pdf_surface_create(pdf_path, 100, 100);
  cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATE_DATE, "2013-09-01T00:00:00Z");
  cairo_t *cr = cairo_create(pdf);
  GString *alts = g_string_new(NULL);
  GPtrArray *ds = demos();
  PangoContext *ctx = ctx_new();
  ChartStyle st = chart_style_default();
  for (guint i = 0; i < ds->len; i++) {
    Demo *d = g_ptr_array_index(ds, i);
    DiagList *diags = diag_list_new();
    ChartPlan *plan = chart_plan(d->spec, &st, ctx, d->w, d->h, diags);
    GString *why = g_string_new(NULL);
    if (chart_plan_check(plan, why)) fail_msg("%s: %s", d->name, why->str);
    g_string_free(why, TRUE);
    cairo_pdf_surface_set_size(pdf, d->w + 2 * MARGIN, d->h + 2 * MARGIN);
    cairo_save(cr);
    cairo_translate(cr, MARGIN, MARGIN);
    chart_draw(cr, plan);
    cairo_restore(cr);
    cairo_show_page(cr);
    char *png = g_strdup_printf("%s/%s.png", dir, d->name);
    write_png(plan, png, d->w < 100 ? 4.0 : 100.0 / 72.0);
    char *alt = chart_describe(d->spec);
    g_string_append_printf(alts, "%s: %s\n", d->name, alt);
    for (guint k = 0; k < diag_count(diags); k++) {
      char *m = diag_format(diag_get(diags, k));
      g_string_append_printf(alts, "  %s\n", m);
      g_free(m);
    }
    g_free(alt);
    g_free(png);
    chart_plan_free(plan);
    diag_list_free(diags);
    chart_spec_free(d->spec);
    g_free(d);
  }
  g_ptr_array_free(ds, TRUE);
  g_object_unref(ctx);
  assert_int_equal(cairo_status(cr), CAIRO_STATUS_SUCCESS);
  cairo_destroy(cr);
  cairo_surface_finish(pdf);
  assert_int_equal(cairo_surface_status(pdf), CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy(pdf);
  assert_true(g_file_set_contents(alt_path, alts->str, -1, NULL));
  /* Real text: the PDF embeds a font for the labels. */
  gchar *bytes = NULL;
  gsize len = 0;
  assert_true(g_file_get_contents(pdf_path, &bytes, &len, NULL));
  gboolean found = FALSE;
  for (gsize i = 0; i + 14 <= len && !found; i++) found = memcmp(bytes + i, "LiberationSans", 14) == 0;
  assert_true(found);
  g_free(bytes);
  g_string_free(alts, TRUE);
  g_free(alt_path);
  g_free(pdf_path);
  g_free(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_render_demos)};
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  if (font_map) g_object_unref(font_map);
  return rc;
}
