/* render_tape: pages put on a tape and taken back draw the same PDF, byte
 * for byte, as the laid-out pages drawn at once — for both samples (tables,
 * charts, links, symbols, footnotes, Welsh) and raised footnote marks —
 * with their furniture laid out again on the way back, as a pack does,
 * and their chart labels the very layouts laid out before (text cache);
 * and a report laid out onto a tape page by page as it is written gives
 * the file the whole report written at once gives. */
#include "testutil.h"

#include <sys/wait.h>
#include <unistd.h>

#include "base/fonts.h"
#include "chart/chart.h"
#include "cli/batch.h"
#include "render/render.h"
#include "report/report.h"

static PangoFontMap *fonts;

static void labels_add(const LayoutDoc *doc, GHashTable *labels) {
  for (guint p = 0; p < doc->pages->len; p++) {
    const LayoutPage *page = g_ptr_array_index(doc->pages, p);
    for (guint i = 0; i < page->boxes->len; i++) {
      const LayoutBox *b = g_ptr_array_index(page->boxes, i);
      for (guint k = 0; b->chart && k < b->chart->items->len; k++) {
        const ChartItem *it = g_ptr_array_index(b->chart->items, k);
        if (it->layout) g_hash_table_add(labels, it->layout);
      }
    }
  }
}

/* Each chart label taken back is the layout its planner made (the text
 * cache's, under the same key), not one made and laid out again. */
static void assert_labels_shared(const LayoutDoc *laid, const LayoutDoc *back) {
  GHashTable *made = g_hash_table_new(NULL, NULL), *given = g_hash_table_new(NULL, NULL);
  labels_add(laid, made);
  labels_add(back, given);
  assert_int_equal(g_hash_table_size(given), g_hash_table_size(made));
  GHashTableIter it;
  gpointer layout;
  g_hash_table_iter_init(&it, given);
  while (g_hash_table_iter_next(&it, &layout, NULL)) assert_true(g_hash_table_contains(made, layout));
  g_hash_table_destroy(made);
  g_hash_table_destroy(given);
}

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
  assert_labels_shared(r->layout, back);
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

/* A tape recorded by a forked process (a pack's worker) and read by its
 * parent, which has made none of what the pages use (fonts, images,
 * charts, styles were all made in the child, after the fork): drawn, it
 * gives the bytes the parent's own layout gives. Run first, before any
 * other test has loaded a font into this process. */
static void assert_forked_tape_same(const char *spec) {
  GError *error = NULL;
  RenderTape *tape = render_tape_new(NULL, &error);
  assert_non_null(tape);
  int fds[2];
  assert_int_equal(pipe(fds), 0);
  batch_wait_single_threaded();
  pid_t pid = fork();
  if (pid == 0) { /* laid out and recorded here only; its page count back through the pipe */
    DiagList *diags = diag_list_new();
    Report *r = report_build(spec, fonts, FALSE, diags);
    guint32 pages = r ? layout_doc_page_count(r->layout) : 0;
    gboolean ok = r && render_tape_record(tape, r->layout, NULL) && render_tape_flush(tape, NULL);
    ok = ok && write(fds[1], &pages, sizeof pages) == sizeof pages;
    _exit(ok ? 0 : 1);
  }
  close(fds[1]);
  int st = 0;
  assert_int_equal(waitpid(pid, &st, 0), pid);
  assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
  guint32 pages = 0;
  assert_int_equal(read(fds[0], &pages, sizeof pages), sizeof pages);
  close(fds[0]);
  DiagList *diags = diag_list_new();
  Report *r = report_build(spec, fonts, TRUE, diags); /* bound, not laid out: its meta and context */
  assert_non_null(r);
  report_context(r, fonts);
  LayoutDoc *back = render_tape_next(tape, pages, r->ctx, &error);
  assert_non_null(back);
  for (guint p = 0; p < back->pages->len; p++) ((LayoutPage *)g_ptr_array_index(back->pages, p))->meta = &r->spec->meta;
  layout_doc_add_furniture(back, r->ctx);

  Report *whole = report_build(spec, fonts, FALSE, diags); /* only now laid out here: the direct drawing */
  assert_non_null(whole);
  GBytes *direct = render_pdf(whole->layout, &error);
  assert_non_null(direct);
  RenderPdf *w = render_pdf_new(whole->layout);
  assert_true(render_pdf_add_taped(w, tape, back, &error));
  GBytes *taped = render_pdf_finish(w, NULL, &error);
  assert_non_null(taped);
  assert_int_equal(g_bytes_get_size(taped), g_bytes_get_size(direct));
  assert_true(g_bytes_equal(taped, direct));
  g_bytes_unref(taped), g_bytes_unref(direct);
  layout_doc_free(back);
  render_tape_free(tape);
  report_free(whole), report_free(r);
  diag_list_free(diags);
}

static void test_walsall_forked_tape(void **state) {
  (void)state;
  assert_forked_tape_same("samples/walsall-2013-09/report.xml");
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

/* A report laid out page by page onto a tape as it is written
 * (report_write_pdf: layout_document_streamed) gives the file that the
 * report laid out whole and written at once (render_pdf_write) does:
 * contents numbers and "see page" references resolved from the whole
 * document's destinations, running furniture numbered through, pages
 * drawn a few at a time. */
static void assert_streamed_same(const char *spec) {
  char *dir = test_scratch_dir("render-tape-stream");
  char *whole_pdf = g_build_filename(dir, "whole.pdf", NULL), *streamed_pdf = g_build_filename(dir, "streamed.pdf", NULL);
  DiagList *diags = diag_list_new();
  GError *error = NULL;
  Report *whole = report_build(spec, fonts, FALSE, diags);
  assert_non_null(whole);
  assert_true(render_pdf_write(whole->layout, NULL, whole_pdf, NULL, NULL, &error));
  guint pages = layout_doc_page_count(whole->layout);

  Report *r = report_build(spec, fonts, TRUE, diags);
  assert_non_null(r);
  guint streamed_pages = 0;
  gsize size = 0;
  if (!report_write_pdf(r, fonts, NULL, streamed_pdf, NULL, &streamed_pages, &size, diags, &error)) diag_print(diags, stderr);
  assert_null(error);
  assert_int_equal(streamed_pages, pages);
  char *a = NULL, *b = NULL;
  gsize a_len = 0, b_len = 0;
  assert_true(g_file_get_contents(whole_pdf, &a, &a_len, NULL));
  assert_true(g_file_get_contents(streamed_pdf, &b, &b_len, NULL));
  assert_int_equal(b_len, a_len);
  assert_int_equal(size, a_len);
  assert_memory_equal(a, b, a_len);
  g_free(a), g_free(b);
  report_free(r);
  report_free(whole);
  diag_list_free(diags);
  g_free(whole_pdf), g_free(streamed_pdf), g_free(dir);
}

static void test_walsall_streamed(void **state) {
  (void)state;
  assert_streamed_same("samples/walsall-2013-09/report.xml");
}

static void test_glanafon_streamed(void **state) {
  (void)state;
  assert_streamed_same("samples/glanafon-2024-q2/report.xml");
}

/* Footnotes numbered per page (the Eastmoor house style): laid out until
 * the numbers settle, then streamed. */
static void test_notes_per_page_streamed(void **state) {
  (void)state;
  assert_streamed_same("tests/data/waste/report.xml");
}

static void test_contents_streamed(void **state) {
  (void)state;
  assert_streamed_same("tests/data/golden/contents.xml");
}

/* Forty-odd pages of top-level sections, each ending on a heading kept
 * with the next section's first lines, and a contents list and a
 * reference whose page numbers are known only at the end. */
static void test_long_streamed(void **state) {
  (void)state;
  GString *x = g_string_new("<report><meta><committee>Panel</committee><date>2013-09-10</date><title>Long</title></meta>"
                            "<front-sheet><summary><p>See <xref to='s40'/>.</p></summary><contents/></front-sheet><body>");
  for (int i = 1; i <= 60; i++) {
    g_string_append_printf(x, "<section id='s%d' title='Section %d'>", i, i);
    for (int j = 1; j <= 1 + i % 4; j++)
      g_string_append_printf(x, "<p>Paragraph %d of section %d: the panel considered the figures for the quarter and the "
                                "trend since last year, and asked officers to report back on the actions agreed.</p>", j, i);
    g_string_append_printf(x, "<heading>Last of %d</heading></section>", i);
  }
  g_string_append(x, "</body></report>");
  char *dir = test_scratch_dir("render-tape-long");
  char *spec = test_write_file(dir, "long.xml", x->str);
  assert_streamed_same(spec);
  /* flowed as collected, a heading at the end of a section still sees
   * the next section's lines: none ends a page but the last */
  DiagList *diags = diag_list_new();
  Report *r = report_build(spec, fonts, FALSE, diags);
  assert_non_null(r);
  guint headings_moved = 0;
  for (guint p = 0; p < r->layout->pages->len; p++) {
    const LayoutPage *page = g_ptr_array_index(r->layout->pages, p);
    const LayoutBox *last = NULL;
    for (guint i = 0; i < page->boxes->len; i++) {
      const LayoutBox *b = g_ptr_array_index(page->boxes, i);
      if (b->kind == BOX_TEXT && !b->furniture) last = b;
    }
    char *text = last ? layout_box_text(last) : g_strdup("");
    if (p + 1 < r->layout->pages->len) assert_false(g_str_has_prefix(text, "Last of"));
    g_free(text);
    char *first = NULL;
    for (guint i = 0; i < page->boxes->len && !first; i++) {
      const LayoutBox *b = g_ptr_array_index(page->boxes, i);
      if (b->kind == BOX_TEXT && !b->furniture) first = layout_box_text(b);
    }
    headings_moved += first && g_str_has_prefix(first, "Last of");
    g_free(first);
  }
  assert_true(headings_moved > 0); /* the case arises */
  report_free(r);
  diag_list_free(diags);
  g_string_free(x, TRUE);
  g_free(spec);
  g_free(dir);
}

int main(void) {
  fonts = fonts_font_map_new("fonts", NULL);
  assert_non_null(fonts);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_walsall_forked_tape), /* first: see assert_forked_tape_same */
      cmocka_unit_test(test_raised_marks_taped),
      cmocka_unit_test(test_walsall_taped),
      cmocka_unit_test(test_glanafon_taped),
      cmocka_unit_test(test_walsall_streamed),
      cmocka_unit_test(test_glanafon_streamed),
      cmocka_unit_test(test_contents_streamed),
      cmocka_unit_test(test_notes_per_page_streamed),
      cmocka_unit_test(test_long_streamed),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  g_object_unref(fonts);
  return rc;
}
