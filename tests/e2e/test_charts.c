/* Charts a reader can trust (tests/data/charts/), rendered by the real
 * binary: the figures' alternative text says which value labels were left
 * off for room and that an axis does not start at zero, names the lowest
 * and highest periods, and where a minimum or a maximum standard is missed;
 * labels="latest" on columns labels only the latest period. */
#include "e2eutil.h"

#define SPEC "tests/data/charts/report.xml"

static char *dir, *pdf, *qdf;

/* qpdf writes an /Alt with characters beyond Latin-1 as <feff…> UTF-16BE
 * hex: append those decoded, one a line, so strstr finds them as text. */
static char *with_hex_alts_decoded(char *q) {
  GString *out = g_string_new(q);
  for (const char *p = q; (p = strstr(p, "/Alt <feff")) != NULL;) {
    p += strlen("/Alt <feff");
    GByteArray *b = g_byte_array_new();
    for (; g_ascii_isxdigit(p[0]) && g_ascii_isxdigit(p[1]); p += 2) {
      guint8 v = (guint8)(g_ascii_xdigit_value(p[0]) * 16 + g_ascii_xdigit_value(p[1]));
      g_byte_array_append(b, &v, 1);
    }
    char *u = g_convert((const char *)b->data, b->len, "UTF-8", "UTF-16BE", NULL, NULL, NULL);
    if (u) g_string_append_printf(out, "\n/Alt (%s)", u);
    g_free(u);
    g_byte_array_free(b, TRUE);
  }
  g_free(q);
  return g_string_free(out, FALSE);
}

static int render_charts(void **state) {
  (void)state;
  dir = test_scratch_dir("e2e-charts");
  pdf = g_build_filename(dir, "charts.pdf", NULL);
  RunResult r = RUN(boardpack_bin(), "render", SPEC, "-o", pdf);
  if (r.status != 0) fprintf(stderr, "%s", r.err);
  int rc = r.status == 0 ? 0 : -1;
  run_result_clear(&r);
  r = RUN("qpdf", "--qdf", "--object-streams=disable", pdf, "-");
  qdf = with_hex_alts_decoded(r.out);
  r.out = NULL;
  rc = r.status == 0 ? rc : -1;
  run_result_clear(&r);
  return rc;
}

static int cleanup(void **state) {
  (void)state;
  g_free(qdf);
  g_free(pdf);
  g_free(dir);
  return 0;
}

static void test_dropped_labels_said(void **state) {
  (void)state;
  assert_non_null(strstr(qdf, "and Assessments again 65.0%. 2 of the 18 value labels are left off the chart for want "
                              "of room.)"));
}

static void test_axis_break_said(void **state) {
  (void)state;
  assert_non_null(strstr(qdf, "/Alt (Line chart of Days to allocate, Jan-13 to Jun-13: rose from 9.5 in Jan-13 "
                              "\\(lowest\\) to 9.7 in Jun-13; highest 9.9 in Mar-13. The value axis starts at 9.5, "
                              "not zero.)"));
}

/* A percentage line chart takes its range from its data by the rule the
 * days above follow (65-88% on a 0-100% axis was a flat band): its axis
 * starts at 65%, is marked with a break, and the description says so. */
static void test_percent_axis_from_data(void **state) {
  (void)state;
  assert_non_null(strstr(qdf, "/Alt (Line chart of Assessments on time, alone, Jan-13 to Jun-13: rose from 87.0% in "
                              "Jan-13 to 88.0% in Jun-13 \\(highest\\); lowest 65.0% in Mar-13; below the minimum "
                              "standard of 80% in Mar-13 to Apr-13. The value axis starts at 65%, not zero.)"));
  RunResult r = RUN("pdftotext", "-raw", "-enc", "UTF-8", "-f", "2", "-l", "2", pdf, "-");
  assert_int_equal(r.status, 0);
  const char *alone = strstr(r.out, "Assessments on time, alone");
  assert_non_null(alone);
  assert_non_null(strstr(alone, "65%"));
  assert_null(strstr(alone, "100%")); /* its ticks end at 90% */
  assert_null(strstr(alone, "\n0%"));
  run_result_clear(&r);
}

static void test_standards_described(void **state) {
  (void)state;
  assert_non_null(strstr(qdf, "Assessments on time: rose from 87.0% in Jan-13 to 88.0% in Jun-13 \\(highest\\); "
                              "lowest 65.0% in Mar-13; below the minimum standard of 80% in Mar-13 to Apr-13"));
  assert_non_null(strstr(qdf, "above the maximum standard of 25% in Jan-13 to Feb-13 and May-13"));
}

/* Page 1 holds the by-month columns with labels="latest": 88.0% is
 * printed once (on Jun-13), 87.0% only in the grouped chart above it. */
static void test_latest_on_columns(void **state) {
  (void)state;
  RunResult r = RUN("pdftotext", "-raw", "-enc", "UTF-8", "-f", "1", "-l", "1", pdf, "-");
  assert_int_equal(r.status, 0);
  const char *by_month = strstr(r.out, "Assessments on time by month");
  assert_non_null(by_month);
  assert_non_null(strstr(by_month, "88.0%"));
  assert_null(strstr(by_month, "85.0%")); /* May-13, not the latest */
  assert_null(strstr(by_month, "65.0%"));
  run_result_clear(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_dropped_labels_said), cmocka_unit_test(test_axis_break_said),
      cmocka_unit_test(test_percent_axis_from_data),
      cmocka_unit_test(test_standards_described), cmocka_unit_test(test_latest_on_columns),
  };
  return cmocka_run_group_tests(tests, render_charts, cleanup);
}
