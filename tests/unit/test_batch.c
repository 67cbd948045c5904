/* batch: output names derived from the inputs never collide. */
#include "testutil.h"

#include "cli/batch.h"

static void expect_names(const char *const *inputs, guint n, const char *outdir, const char *const *want) {
  char **got = batch_output_names(inputs, n, outdir, ".pdf");
  for (guint i = 0; i < n; i++) assert_string_equal(got[i], want[i]);
  assert_null(got[n]);
  g_strfreev(got);
}

static void test_same_base_name_in_two_folders(void **state) {
  (void)state;
  const char *in[] = {"a/report.xml", "b/report.xml", "c/report.xml"};
  const char *want[] = {"out/report.pdf", "out/report-2.pdf", "out/report-3.pdf"};
  expect_names(in, 3, "out", want);
}

/* "report-2" is taken by the second report.xml before report-2.xml comes:
 * it moves on to the next free name instead of overwriting. */
static void test_suffix_clashing_with_a_real_name(void **state) {
  (void)state;
  const char *in[] = {"a/report.xml", "b/report.xml", "report-2.xml", "notes.v2.xml", "README"};
  const char *want[] = {"out/report.pdf", "out/report-2.pdf", "out/report-2-2.pdf", "out/notes.v2.pdf",
                        "out/README.pdf"};
  expect_names(in, 5, "out", want);
}

static void test_beside_inputs_without_outdir(void **state) {
  (void)state;
  const char *in[] = {"a/report.xml", "b/report.xml", "a/report.xml", ".hidden.xml"};
  const char *want[] = {"a/report.pdf", "b/report.pdf", "a/report-2.pdf", "./.hidden.pdf"};
  expect_names(in, 4, NULL, want);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_same_base_name_in_two_folders),
      cmocka_unit_test(test_suffix_clashing_with_a_real_name),
      cmocka_unit_test(test_beside_inputs_without_outdir),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
