/* Links wherever text can hold them: a paragraph, a table body cell, a
 * header cell, and the scorecard labels bind links to the definitions
 * sheet — each a link annotation in the PDF, read back with qpdf. */
#include "e2eutil.h"

#define META "<meta><committee>Panel</committee><date>2013-09-10</date><title>T</title></meta>"

static char *dir;

/* The PDF, uncompressed, as qpdf --qdf writes it. */
static char *pdf_qdf(const char *pdf) {
  RunResult r = RUN("qpdf", "--qdf", "--object-streams=disable", pdf, "-");
  assert_int_equal(r.status, 0);
  char *out = r.out;
  r.out = NULL;
  run_result_clear(&r);
  return out;
}

static int count(const char *hay, const char *needle) {
  int n = 0;
  for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) n++;
  return n;
}

static void test_links_in_table_cells(void **state) {
  (void)state;
  char *spec = g_build_filename(dir, "cells.xml", NULL), *pdf = g_build_filename(dir, "cells.pdf", NULL);
  char *xml = g_strdup_printf(
      "<report>" META "<body><section id='target' title='S'>"
      "<p>See <a href='https://example.org/para'>the paragraph link</a>.</p>"
      "<table><tr head='yes'><th><a href='https://example.org/head'>Head</a></th><th>Other</th></tr>"
      "<tr><td><a href='https://example.org/cell'>a cell link</a></td><td>plain</td></tr>"
      "<tr><td>back to <a href='#target'>the section</a></td><td><a href='mailto:a@example.org'>mail</a></td></tr>"
      "</table></section></body></report>");
  g_assert_true(g_file_set_contents(spec, xml, -1, NULL));
  RunResult r = RUN(boardpack_bin(), "render", spec, "-o", pdf);
  if (r.status != 0) fprintf(stderr, "%s", r.err);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  r = RUN("pdfinfo", "-url", pdf);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "https://example.org/para"));
  assert_non_null(strstr(r.out, "https://example.org/cell"));
  assert_non_null(strstr(r.out, "https://example.org/head"));
  assert_non_null(strstr(r.out, "mailto:a@example.org"));
  run_result_clear(&r);
  char *qdf = pdf_qdf(pdf);
  assert_int_equal(count(qdf, "/Subtype /Link"), 5);
  assert_int_equal(count(qdf, "/Dest (target)"), 2); /* the link and the section's bookmark */
  g_free(qdf);
  r = RUN("pdfinfo", "-struct-text", pdf);
  assert_int_equal(r.status, 0);
  assert_true(count(r.out, "Link") >= 5); /* each a Link element of the structure tree */
  run_result_clear(&r);
  g_free(xml), g_free(spec), g_free(pdf);
}

/* The README: scorecard labels link to the measure's row in the
 * definitions sheet. */
static void test_scorecard_labels_link_to_definitions(void **state) {
  (void)state;
  char *pdf = g_build_filename(dir, "walsall.pdf", NULL);
  RunResult r = RUN(boardpack_bin(), "render", "samples/walsall-2013-09/report.xml", "-o", pdf);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  char *qdf = pdf_qdf(pdf);
  int links = count(qdf, "/Dest (def-");
  fprintf(stderr, "scorecard label links to the definitions sheet: %d\n", links);
  assert_true(links >= 10);
  g_free(qdf);
  g_free(pdf);
}

int main(void) {
  dir = test_scratch_dir("e2e-links");
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_links_in_table_cells),
      cmocka_unit_test(test_scorecard_labels_link_to_definitions),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  g_free(dir);
  return rc;
}
