/* Links wherever text can hold them: a paragraph, a table body cell, a
 * header cell, and the scorecard labels bind links to the definitions
 * sheet — each a link annotation in the PDF, read back with qpdf. */
#include "e2eutil.h"

#include <cairo.h>

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

/* A link to a table or figure goes there with or without a caption
 * (both were once "nowhere in the document", and a figure never was a
 * target); an <xref> to one with nothing to name it by (no caption, or a
 * paragraph without a number) is refused at the <xref>, never printed as
 * its id or the paragraph's whole text. */
static void test_links_to_uncaptioned_targets(void **state) {
  (void)state;
  char *png = g_build_filename(dir, "dot.png", NULL);
  cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 300, 300);
  assert_int_equal(cairo_surface_write_to_png(img, png), CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy(img);
  char *spec = g_build_filename(dir, "targets.xml", NULL), *pdf = g_build_filename(dir, "targets.pdf", NULL);
  const char *body = "<body><section title='S'><p>See <a href='#homes'>the table</a>, <a href='#dot'>the figure</a> "
                     "and <xref to='cap'/>.</p><p lang='cy'>Gweler <xref to='cap'/>.</p>"
                     "<table id='homes'><tr><th>A</th></tr><tr><td>x</td></tr></table>"
                     "<figure id='dot' src='dot.png' alt='a dot' width='10mm'/>"
                     "<figure id='cap' src='dot.png' alt='a dot' width='10mm'><caption>The dot</caption></figure>"
                     "</section></body></report>";
  char *xml = g_strconcat("<report>" META "<front-sheet><summary><p id='sum'>Summary.</p></summary></front-sheet>",
                          body, NULL);
  g_assert_true(g_file_set_contents(spec, xml, -1, NULL));
  RunResult r = RUN(boardpack_bin(), "render", spec, "-o", pdf);
  if (r.status != 0) fprintf(stderr, "%s", r.err);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  char *qdf = pdf_qdf(pdf);
  assert_int_equal(count(qdf, "/Dest (homes)"), 1);
  assert_int_equal(count(qdf, "/Dest (dot)"), 1);
  assert_int_equal(count(qdf, "/Dest (cap)"), 2);
  g_free(qdf);
  r = RUN("pdftotext", "-raw", pdf, "-");
  assert_non_null(strstr(r.out, "See the table, the figure and the figure \xe2\x80\x98The dot\xe2\x80\x99."));
  assert_non_null(strstr(r.out, "Gweler y ffigur \xe2\x80\x98The dot\xe2\x80\x99.")); /* named in the run's language */
  run_result_clear(&r);
  static const struct {
    const char *to, *says;
  } unnamed[] = {
      {"homes", "the table has no caption to name it by: give it a <caption>, or write the link's words yourself: "
                "<a href=\"#homes\">…</a>"},
      {"dot", "the figure has no caption to name it by"},
      {"sum", "the paragraph has no number to name it by (it is on the front sheet, or not numbered)"},
  };
  for (guint i = 0; i < G_N_ELEMENTS(unnamed); i++) {
    char *bad = g_strdup_printf("<report>" META "<front-sheet><summary><p id='sum'>Summary.</p></summary></front-sheet>"
                                "<body><section title='S'><p>See <xref to='%s'/>.</p>"
                                "<table id='homes'><tr><th>A</th></tr><tr><td>x</td></tr></table>"
                                "<figure id='dot' src='dot.png' alt='a dot' width='10mm'/></section></body></report>",
                                unnamed[i].to);
    g_assert_true(g_file_set_contents(spec, bad, -1, NULL));
    r = RUN(boardpack_bin(), "render", spec, "-o", pdf);
    char *want = g_strdup_printf("targets.xml:1:%d: error: <xref to=\"%s\"/>: %s", (int)(strstr(bad, "<xref") - bad) + 1,
                                 unnamed[i].to, unnamed[i].says);
    if (!strstr(r.err, want)) fprintf(stderr, "want \"%s\", got:\n%s", want, r.err);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, want));
    run_result_clear(&r);
    g_free(want), g_free(bad);
  }
  g_free(xml), g_free(spec), g_free(pdf), g_free(png);
}

/* A link is one annotation however its text is split into runs (bold,
 * an arrow), also when its href is encoded ("a(b) c" is "a%28b%29%20c":
 * the runs once compared the raw href with the encoded one and made a
 * link per run). A link that is only an arrow is described by what the
 * arrow means, never an empty /Contents (PDF/UA 7.18.5-2; fuzz_render
 * found both). */
static void test_link_runs_and_symbol_only_links(void **state) {
  (void)state;
  char *sub = g_build_filename(dir, "runs", NULL);
  g_mkdir_with_parents(sub, 0755);
  for (int i = 0; i < 2; i++) {
    const char *name = i ? "data.csv" : "catalogue.xml";
    char *src = g_build_filename("samples/walsall-2013-09", name, NULL), *text = NULL;
    assert_true(g_file_get_contents(src, &text, NULL, NULL));
    g_free(test_write_file(sub, name, text));
    g_free(text), g_free(src);
  }
  char *spec = test_write_file(
      sub, "runs.xml",
      "<report>" META "<data catalogue='catalogue.xml' values='data.csv' period='2013-04'/>"
      "<body><section title='S'>"
      "<p>See <a href='https://example.org/a(b) c'>plain <b>bold</b> <direction ref='PG1'/></a>"
      " and <a href='https://example.org/arrow'><direction ref='PG1'/></a>.</p>"
      "</section></body></report>");
  char *pdf = g_build_filename(sub, "runs.pdf", NULL);
  RunResult r = RUN(boardpack_bin(), "render", spec, "-o", pdf);
  if (r.status != 0) fprintf(stderr, "%s", r.err);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  char *qdf = pdf_qdf(pdf);
  assert_int_equal(count(qdf, "/Subtype /Link"), 2);
  assert_int_equal(count(qdf, "/URI (https://example.org/a%28b%29%20c)"), 1);
  assert_int_equal(count(qdf, "/Contents ()"), 0);
  assert_int_equal(count(qdf, "/Contents (plain bold)"), 1);
  assert_int_equal(count(qdf, "/Contents (improved since the previous period)") +
                       count(qdf, "/Contents (worsened since the previous period)") +
                       count(qdf, "/Contents (no change since the previous period)"),
                   1);
  g_free(qdf);
  /* an arrow with nothing to compare with is refused, not printed as
   * nothing: WF-SUP has no figure for 2013-03 */
  char *bare = test_write_file(sub, "bare.xml",
                               "<report>" META "<data catalogue='catalogue.xml' values='data.csv' period='2013-04'/>"
                               "<body><section title='S'><p>Trend <direction ref='WF-SUP'/>.</p></section></body></report>");
  r = RUN(boardpack_bin(), "check", bare);
  assert_int_equal(r.status, 1);
  assert_non_null(strstr(r.err, "bare.xml:1:"));
  assert_non_null(strstr(r.err, "error: <direction> for WF-SUP has no arrow to show: there is no figure for 2013-03"));
  run_result_clear(&r);
  g_free(bare);
  g_free(pdf), g_free(spec), g_free(sub);
}

int main(void) {
  dir = test_scratch_dir("e2e-links");
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_links_in_table_cells),
      cmocka_unit_test(test_scorecard_labels_link_to_definitions),
      cmocka_unit_test(test_links_to_uncaptioned_targets),
      cmocka_unit_test(test_link_runs_and_symbol_only_links),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  g_free(dir);
  return rc;
}
