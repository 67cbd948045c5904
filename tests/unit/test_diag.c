/* diag: the error-scope mark, and printing each distinct finding once. */
#include "testutil.h"

#include "base/diag.h"

/* A mark sees only the errors added after it: a later report in a pack
 * must not be stopped by an earlier one's. */
static void test_errors_since_mark(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  diag_error(d, "a.xml", 1, 1, "first report's error");
  DiagMark mark = diag_mark(d);
  assert_false(diag_errors_since(d, mark));
  diag_warning(d, "b.xml", 2, 1, "a warning is not an error");
  assert_false(diag_errors_since(d, mark));
  diag_error(d, "b.xml", 3, 1, "second report's error");
  assert_true(diag_errors_since(d, mark));
  diag_list_free(d);
}

static char *printed(const DiagList *d) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  diag_print(d, f);
  fclose(f);
  return buf;
}

static void test_identical_findings_printed_once(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  for (int i = 0; i < 3; i++) diag_error(d, "a.xml", 5, 15, "unknown measure \"QA1\"");
  diag_error(d, "a.xml", 6, 15, "unknown measure \"QA1\""); /* another place: its own line */
  diag_warning(d, "a.xml", 5, 15, "unknown measure \"QA1\""); /* another severity */
  char *out = printed(d);
  assert_string_equal(out, "a.xml:5:15: error: unknown measure \"QA1\"\n"
                           "a.xml:6:15: error: unknown measure \"QA1\"\n"
                           "a.xml:5:15: warning: unknown measure \"QA1\"\n");
  assert_int_equal(d->errors, 4); /* the list keeps them all: only printing merges */
  free(out);
  diag_list_free(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_errors_since_mark),
      cmocka_unit_test(test_identical_findings_printed_once),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
