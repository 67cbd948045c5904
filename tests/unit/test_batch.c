/* batch: output names derived from the inputs never collide; a job run
 * beside this process runs at the same time as it, and its failure is
 * counted. */
#include "testutil.h"

#include <unistd.h>

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

/* The job (in the worker) and here() meet through a pipe: each writes a
 * byte and waits for the other's, so the test finishes only if the two
 * run at once. */
typedef struct {
  int to_worker[2], to_here[2];
  int status;     /* what the job exits with */
  char got;       /* here: what the job wrote */
} Meet;

static int meet_job(guint index, gpointer data) {
  Meet *m = data;
  char c = 0;
  if (index != 0 || write(m->to_here[1], "w", 1) != 1 || read(m->to_worker[0], &c, 1) != 1 || c != 'h') return 3;
  return m->status;
}

static void meet_here(gpointer data) {
  Meet *m = data;
  assert_int_equal(write(m->to_worker[1], "h", 1), 1);
  assert_int_equal(read(m->to_here[0], &m->got, 1), 1);
}

static guint run_meet(int status, char *got) {
  Meet m = {.status = status};
  assert_int_equal(pipe(m.to_worker), 0);
  assert_int_equal(pipe(m.to_here), 0);
  guint failed = batch_run_beside(meet_job, &m, meet_here, &m);
  for (int i = 0; i < 2; i++) close(m.to_worker[i]), close(m.to_here[i]);
  *got = m.got;
  return failed;
}

static void test_job_beside_runs_at_once(void **state) {
  (void)state;
  char got = 0;
  assert_int_equal(run_meet(0, &got), 0);
  assert_int_equal(got, 'w');
  assert_int_equal(run_meet(1, &got), 1); /* a job that fails is counted */
  assert_int_equal(got, 'w');
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_same_base_name_in_two_folders),
      cmocka_unit_test(test_suffix_clashing_with_a_real_name),
      cmocka_unit_test(test_beside_inputs_without_outdir),
      cmocka_unit_test(test_job_beside_runs_at_once),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
