/* The Walsall sample rendered by the real binary, checked as a reader's
 * tools see it: qpdf --check, fonts embedded, A4, tagged with a structure
 * tree, bookmarks, the mailto link, every paragraph of the spec in the
 * extracted text in order, and identical bytes on a second run. */
#include "e2eutil.h"

#include <stdlib.h>
#include <sys/wait.h>

#include "spec.h"

#define SAMPLE "samples/walsall-2013-09/report.xml"

static char *out_dir, *pdf;

static int render_sample(void **state) {
  (void)state;
  out_dir = test_scratch_dir("e2e-sample");
  pdf = g_build_filename(out_dir, "paper.pdf", NULL);
  RunResult r = RUN(boardpack_bin(), "render", SAMPLE, "-o", pdf);
  if (r.status != 0) fprintf(stderr, "%s", r.err);
  int rc = r.status == 0 ? 0 : -1;
  run_result_clear(&r);
  return rc;
}

static void test_qpdf_check_clean(void **state) {
  (void)state;
  RunResult r = RUN("qpdf", "--check", pdf);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "No syntax or stream encoding errors"));
  run_result_clear(&r);
}

static void test_every_font_embedded(void **state) {
  (void)state;
  RunResult r = RUN("pdffonts", pdf);
  assert_int_equal(r.status, 0);
  char **lines = g_strsplit(r.out, "\n", -1);
  int fonts = 0;
  for (int i = 2; lines[i] && *lines[i]; i++) {
    char **f = g_strsplit_set(g_strstrip(lines[i]), " ", -1);
    GPtrArray *cols = g_ptr_array_new();
    for (char **c = f; *c; c++)
      if (**c) g_ptr_array_add(cols, *c);
    /* name type encoding emb sub uni id gen: emb is the 5th from the end */
    assert_true(cols->len >= 7);
    assert_string_equal(g_ptr_array_index(cols, cols->len - 5), "yes");
    fonts++;
    g_ptr_array_free(cols, TRUE);
    g_strfreev(f);
  }
  assert_true(fonts >= 3); /* regular, bold, and the symbol face */
  g_strfreev(lines);
  run_result_clear(&r);
}

static void test_a4_tagged_with_metadata(void **state) {
  (void)state;
  RunResult r = RUN("pdfinfo", pdf);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "Page size:       595.276 x 841.89 pts (A4)"));
  assert_non_null(strstr(r.out, "Tagged:          yes"));
  assert_non_null(strstr(r.out, "Title:           Children's Services Improvement Activity"));
  assert_non_null(strstr(r.out, "Author:          Rose Collinson"));
  assert_non_null(strstr(r.out, "CreationDate:    Tue Sep 10 00:00:00 2013 UTC"));
  run_result_clear(&r);
  r = RUN("pdfinfo", "-struct-text", pdf);
  assert_int_equal(r.status, 0);
  static const char *const tags[] = {"Document", "Sect", "H1", "H2", "H3", "P (block)", "L (block)",
                                     "LI (block)", "Lbl (block)", "LBody (block)", "Link", NULL};
  for (int i = 0; tags[i]; i++) {
    if (!strstr(r.out, tags[i])) fprintf(stderr, "missing structure element %s\n", tags[i]);
    assert_non_null(strstr(r.out, tags[i]));
  }
  /* running headers and footers are not content */
  assert_null(strstr(r.out, "Page 1 of"));
  run_result_clear(&r);
}

static void test_outline_and_link(void **state) {
  (void)state;
  RunResult r = RUN("qpdf", "--json", "--json-key=outlines", pdf);
  assert_int_equal(r.status, 0);
  static const char *const titles[] = {"\"title\": \"Children's Services Improvement Activity\"",
                                       "\"title\": \"Executive Summary\"", "\"title\": \"Contact Officer\"",
                                       "\"title\": \"Report\"", "\"title\": \"1. Summary of progress since last report\"",
                                       "\"title\": \"3.2 Capacity, capability and culture\"", "\"title\": \"Author\"", NULL};
  for (int i = 0; titles[i]; i++) assert_non_null(strstr(r.out, titles[i]));
  run_result_clear(&r);
  r = RUN("pdfinfo", "-url", pdf);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "mailto:collinsonr@walsall.gov.uk"));
  run_result_clear(&r);
}

/* Every paragraph and list item of the spec, in order, in the text a
 * reader's tool extracts. */
static void collect_texts(Spec *spec, const SpecBlock *b, GPtrArray *out) {
  if (!b) return;
  if ((b->kind == BLOCK_PARAGRAPH || b->kind == BLOCK_LIST_ITEM) && b->text.n_runs)
    g_ptr_array_add(out, (gpointer)spec_inline_text(spec, &b->text));
  for (guint i = 0; i < b->n_children; i++) collect_texts(spec, b->children[i], out);
}

static void test_every_paragraph_in_order(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  Spec *spec = spec_load(SAMPLE, d);
  assert_non_null(spec);
  GPtrArray *texts = g_ptr_array_new();
  collect_texts(spec, spec->front, texts);
  collect_texts(spec, spec->body, texts);
  assert_true(texts->len > 40);
  /* crop away the running header and footer (they sit in the margins) */
  /* -raw: content-stream order, which is the structure order (and no de-hyphenation) */
  RunResult r = RUN("pdftotext", "-raw", "-enc", "UTF-8", "-x", "0", "-y", "55", "-W", "596", "-H", "735", pdf, "-");
  assert_int_equal(r.status, 0);
  char *all = squash_space(r.out);
  const char *at = all;
  for (guint i = 0; i < texts->len; i++) {
    char *want = squash_space(g_ptr_array_index(texts, i));
    const char *found = strstr(at, want);
    if (!found) fprintf(stderr, "not found (in order): %s\n", want);
    assert_non_null(found);
    at = found + strlen(want);
    g_free(want);
  }
  g_free(all);
  run_result_clear(&r);
  g_ptr_array_free(texts, TRUE);
  spec_free(spec);
  diag_list_free(d);
}

static void test_same_bytes_twice(void **state) {
  (void)state;
  char *again = g_build_filename(out_dir, "again.pdf", NULL);
  RunResult r = RUN(boardpack_bin(), "render", SAMPLE, "-o", again);
  assert_int_equal(r.status, 0);
  assert_true(file_bytes_equal(pdf, again));
  run_result_clear(&r);
  g_free(again);
}

static void test_png_preview(void **state) {
  (void)state;
  char *dir = g_build_filename(out_dir, "pages", NULL);
  RunResult r = RUN(boardpack_bin(), "render", SAMPLE, "--format", "png", "--dpi", "30", "-o", dir);
  assert_int_equal(r.status, 0);
  RunResult info = RUN("pdfinfo", pdf);
  int pages = atoi(strstr(info.out, "Pages:") + 6);
  assert_true(pages >= 4);
  char *last = g_strdup_printf("%s/page-%03d.png", dir, pages);
  char *beyond = g_strdup_printf("%s/page-%03d.png", dir, pages + 1);
  assert_true(g_file_test(last, G_FILE_TEST_IS_REGULAR));
  assert_false(g_file_test(beyond, G_FILE_TEST_EXISTS));
  g_free(last);
  g_free(beyond);
  g_free(dir);
  run_result_clear(&r);
  run_result_clear(&info);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_qpdf_check_clean),
      cmocka_unit_test(test_every_font_embedded),
      cmocka_unit_test(test_a4_tagged_with_metadata),
      cmocka_unit_test(test_outline_and_link),
      cmocka_unit_test(test_every_paragraph_in_order),
      cmocka_unit_test(test_same_bytes_twice),
      cmocka_unit_test(test_png_preview),
  };
  return cmocka_run_group_tests(tests, render_sample, NULL);
}
