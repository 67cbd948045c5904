/* render_tape: pages put on a tape and taken back draw the same PDF, byte
 * for byte, as the laid-out pages drawn at once — for both samples (tables,
 * charts, links, symbols, footnotes, Welsh) and raised footnote marks —
 * with their furniture laid out again on the way back, as a pack does. */
#include "testutil.h"

#include "base/fonts.h"
#include "render/render.h"
#include "report/report.h"

static PangoFontMap *fonts;

static void assert_taped_same(const char *spec) {
  DiagList *diags = diag_list_new();
  Report *r = report_build(spec, fonts, FALSE, diags);
  if (!r) diag_print(diags, stderr);
  assert_non_null(r);
  GError *error = NULL;
  GBytes *direct = render_pdf(r->layout, &error);
  assert_non_null(direct);

  RenderTape *tape = render_tape_new(NULL, &error);
  assert_non_null(tape);
  guint pages = layout_doc_page_count(r->layout);
  assert_true(render_tape_record(tape, r->layout, &error));
  LayoutDoc *back = render_tape_next(tape, pages, r->ctx, &error);
  assert_non_null(back);
  assert_int_equal(layout_doc_page_count(back), pages);
  layout_doc_add_furniture(back, r->ctx);
  RenderPdf *w = render_pdf_new(r->layout);
  assert_true(render_pdf_add_taped(w, tape, back, &error));
  GBytes *taped = render_pdf_finish(w, NULL, &error);
  assert_non_null(taped);
  assert_int_equal(g_bytes_get_size(taped), g_bytes_get_size(direct));
  assert_true(g_bytes_equal(taped, direct));

  /* nothing left to take back */
  LayoutDoc *more = render_tape_next(tape, 1, r->ctx, &error);
  assert_null(more);
  assert_non_null(error);
  g_clear_error(&error);

  layout_doc_free(back);
  render_tape_free(tape);
  g_bytes_unref(taped);
  g_bytes_unref(direct);
  report_free(r);
  diag_list_free(diags);
}

/* Footnote marks are raised (a rise, which Pango turns into the run's
 * y offset): the tape must keep it, and the samples' marks are in
 * paragraphs with links, drawn run by run without it. */
static void test_raised_marks_taped(void **state) {
  (void)state;
  char *dir = test_scratch_dir("render-tape");
  char *spec = test_write_file(dir, "notes.xml",
                               "<report><meta><committee>Panel</committee><date>2013-09-10</date><title>Notes</title>"
                               "</meta><body><section title='One'><p>A claim<footnote>Its source.</footnote> and "
                               "another<footnote>Another source.</footnote>, and no link.</p></section></body></report>");
  assert_taped_same(spec);
  g_free(spec);
  g_free(dir);
}

static void test_walsall_taped(void **state) {
  (void)state;
  assert_taped_same("samples/walsall-2013-09/report.xml");
}

static void test_glanafon_taped(void **state) {
  (void)state;
  assert_taped_same("samples/glanafon-2024-q2/report.xml");
}

int main(void) {
  fonts = fonts_font_map_new("fonts", NULL);
  assert_non_null(fonts);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_raised_marks_taped),
      cmocka_unit_test(test_walsall_taped),
      cmocka_unit_test(test_glanafon_taped),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  g_object_unref(fonts);
  return rc;
}
