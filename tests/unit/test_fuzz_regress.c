/* Replays every saved fuzz finding (tests/fuzz/regress/H/) and every seed
 * (tests/fuzz/corpus/H/) through the harness's own entry point
 * (tests/fuzz/fuzz_targets.h, fuzz_pipeline.h). The check is that each
 * returns (the pipeline harnesses abort when a property fails): memory
 * errors and leaks are caught when this runs under `make check SANITIZE=1`
 * or `make valgrind`; a hang fails the suite by its time. */
#include "testutil.h"

#include "../fuzz/fuzz_pipeline.h"

typedef int (*FuzzFn)(const uint8_t *data, size_t size);

static guint replay_dir(const char *dir, FuzzFn fn) {
  GDir *d = g_dir_open(dir, 0, NULL);
  if (!d) return 0;
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  for (const char *n; (n = g_dir_read_name(d));)
    if (n[0] != '.' && !g_str_has_suffix(n, ".md")) g_ptr_array_add(names, g_build_filename(dir, n, NULL));
  g_dir_close(d);
  for (guint i = 0; i < names->len; i++) {
    char *buf = NULL;
    gsize len = 0;
    assert_true(g_file_get_contents(g_ptr_array_index(names, i), &buf, &len, NULL));
    assert_int_equal(fn((const uint8_t *)buf, len), 0);
    g_free(buf);
  }
  guint n = names->len;
  g_ptr_array_free(names, TRUE);
  return n;
}

static void replay(const char *harness, FuzzFn fn) {
  char *regress = g_build_filename("tests", "fuzz", "regress", harness, NULL);
  char *corpus = g_build_filename("tests", "fuzz", "corpus", harness, NULL);
  guint n = replay_dir(regress, fn);
  guint seeds = replay_dir(corpus, fn);
  assert_true(seeds > 0); /* run from the repository root */
  fprintf(stderr, "  %s: %u saved findings, %u seeds\n", harness, n, seeds);
  g_free(corpus);
  g_free(regress);
}

static void test_spec(void **state) {
  (void)state;
  replay("spec", fuzz_spec);
}
static void test_style(void **state) {
  (void)state;
  replay("style", fuzz_style);
}
static void test_catalogue(void **state) {
  (void)state;
  replay("catalogue", fuzz_catalogue);
}
static void test_csv(void **state) {
  (void)state;
  replay("csv", fuzz_csv);
}
static void test_render(void **state) {
  (void)state;
  guint before = fuzz_pdfs_made;
  replay("render", fuzz_render);
  assert_true(fuzz_pdfs_made > before); /* the seeds reach a PDF: else the harness tests nothing */
}
static void test_layout(void **state) {
  (void)state;
  guint before = fuzz_pdfs_made;
  replay("layout", fuzz_layout);
  assert_true(fuzz_pdfs_made > before); /* the seeds reach a PDF: else the harness tests nothing */
}
static void test_pack(void **state) {
  (void)state;
  guint before = fuzz_pdfs_made;
  replay("pack", fuzz_pack);
  assert_true(fuzz_pdfs_made > before); /* the seeds reach a PDF: else the harness tests nothing */
}

static void test_merge(void **state) {
  (void)state;
  guint before = fuzz_merges_made;
  replay("merge", fuzz_merge);
  assert_true(fuzz_merges_made >= before + 3); /* every seed joins: else the harness tests little */
}

int main(void) {
  /* the default house style is found in the repository's layouts/ */
  char *cwd = g_get_current_dir();
  g_setenv("BOARDPACK_DATADIR", cwd, TRUE);
  g_free(cwd);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_spec),
      cmocka_unit_test(test_style),
      cmocka_unit_test(test_catalogue),
      cmocka_unit_test(test_csv),
      cmocka_unit_test(test_render),
      cmocka_unit_test(test_layout),
      cmocka_unit_test(test_pack),
      cmocka_unit_test(test_merge),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
