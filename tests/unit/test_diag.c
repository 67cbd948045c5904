/* diag: the error-scope mark; printing each distinct finding once, every
 * error however many, warnings up to 50 a file unless all are asked for;
 * and the closing count of what was printed. */
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

static char *printed_with(const DiagList *d, gboolean all, DiagCounts *n) {
  FILE *f = tmpfile();
  *n = diag_print_with(d, f, all);
  long len = ftell(f);
  rewind(f);
  char *buf = g_malloc0((gsize)len + 1);
  assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
  fclose(f);
  return buf;
}

static guint lines_with(const char *text, const char *needle) {
  guint k = 0;
  for (const char *p = strstr(text, needle); p; p = strstr(p + 1, needle)) k++;
  return k;
}

static void test_errors_after_many_warnings_are_printed(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  for (int i = 1; i <= 60; i++) diag_warning(d, "data.csv", i, 0, "odd row %d", i);
  diag_error(d, "data.csv", 61, 0, "bad row");
  diag_error(d, "data.csv", 62, 0, "another bad row");
  DiagCounts n;
  char *out = printed_with(d, FALSE, &n);
  assert_int_equal(lines_with(out, ": warning: "), 50);
  assert_non_null(strstr(out, "data.csv:61: error: bad row\n"));
  assert_non_null(strstr(out, "data.csv:62: error: another bad row\n"));
  assert_true(g_str_has_suffix(out, "data.csv: note: 10 more warnings not shown (--all-warnings shows them)\n"));
  assert_int_equal(n.errors, 2);
  assert_int_equal(n.warnings, 60);
  char *t = diag_counts_text(n);
  assert_string_equal(t, "2 errors, 60 warnings");
  g_free(t), g_free(out);
  out = printed_with(d, TRUE, &n);
  assert_int_equal(lines_with(out, ": warning: "), 60);
  assert_null(strstr(out, "not shown"));
  g_free(out);
  diag_list_free(d);
}

static void test_counts_text(void **state) {
  (void)state;
  char *t = diag_counts_text((DiagCounts){1, 0});
  assert_string_equal(t, "1 error");
  g_free(t);
  t = diag_counts_text((DiagCounts){0, 1});
  assert_string_equal(t, "1 warning");
  g_free(t);
  assert_null(diag_counts_text((DiagCounts){0, 0}));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_errors_since_mark),
      cmocka_unit_test(test_identical_findings_printed_once),
      cmocka_unit_test(test_errors_after_many_warnings_are_printed),
      cmocka_unit_test(test_counts_text),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
