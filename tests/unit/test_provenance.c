/* provenance: paths recorded relative to the PDF's folder, digests of
 * the bytes, each file once. */
#include "testutil.h"

#include "base/provenance.h"

static void test_relative_path(void **state) {
  (void)state;
  static const char *const cases[][3] = {
      {"/a/b/data.csv", "/a/b", "data.csv"},
      {"/a/b/data.csv", "/a/out", "../b/data.csv"},
      {"/a/b/c/data.csv", "/x/y", "../../a/b/c/data.csv"},
      {"/a/./b//data.csv", "/a/b/", "data.csv"},
      {"/a/data.csv", "/a/b/c", "../../data.csv"},
  };
  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    char *rel = provenance_relative_path(cases[i][0], cases[i][1]);
    assert_string_equal(rel, cases[i][2]);
    g_free(rel);
  }
}

static void test_add_file(void **state) {
  (void)state;
  char *dir = test_scratch_dir("provenance");
  char *path = test_write_file(dir, "data.csv", "abc");
  Provenance *p = provenance_new(dir);
  GError *error = NULL;
  assert_true(provenance_add_file(p, NULL, "data", path, NULL, INFILE_DATA, &error));
  assert_true(provenance_add_file(p, NULL, "data", path, NULL, INFILE_DATA, &error)); /* once */
  assert_true(provenance_add_file(p, "5", "data", path, NULL, INFILE_DATA, &error));  /* shared: once */
  assert_true(provenance_add_file(p, NULL, "layout", path, "council-report", INFILE_XML, &error));
  assert_int_equal(p->inputs->len, 2);
  const ProvenanceInput *in = g_ptr_array_index(p->inputs, 0);
  assert_string_equal(in->path, "data.csv");
  assert_string_equal(in->item, "");
  /* SHA-256("abc"), FIPS 180-2 */
  assert_string_equal(in->sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  assert_string_equal(((ProvenanceInput *)g_ptr_array_index(p->inputs, 1))->path, "council-report");
  char *missing = g_build_filename(dir, "missing.csv", NULL);
  assert_false(provenance_add_file(p, NULL, "data", missing, NULL, INFILE_DATA, &error));
  assert_non_null(strstr(error->message, "missing.csv cannot read"));
  g_clear_error(&error);
  provenance_free(p);
  g_free(missing), g_free(path), g_free(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_relative_path),
      cmocka_unit_test(test_add_file),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
