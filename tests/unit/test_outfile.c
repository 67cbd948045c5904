/* outfile: a file written as it is made (outfile_open/append/commit)
 * replaces its target whole or not at all: aborted or failed, the old file
 * is as it was and no temporary file is left; a scratch file is never seen
 * in its folder. */
#include "testutil.h"

#include <sys/stat.h>
#include <unistd.h>

#include "base/outfile.h"

static char *dir;

static guint entries(const char *folder) {
  GDir *d = g_dir_open(folder, 0, NULL);
  guint n = 0;
  while (g_dir_read_name(d)) n++;
  g_dir_close(d);
  return n;
}

static char *contents(const char *path) {
  char *text = NULL;
  assert_true(g_file_get_contents(path, &text, NULL, NULL));
  return text;
}

static void test_committed_in_pieces(void **state) {
  (void)state;
  char *sub = g_build_filename(dir, "commit", NULL);
  g_mkdir_with_parents(sub, 0755);
  char *path = test_write_file(sub, "out.pdf", "old");
  chmod(path, 0640);
  GError *err = NULL;
  OutFile *f = outfile_open(path, &err);
  assert_non_null(f);
  assert_true(outfile_append(f, "new ", 4));
  char *text = contents(path);
  assert_string_equal(text, "old"); /* nothing replaced before the commit */
  g_free(text);
  assert_true(outfile_append(f, "bytes", 5));
  assert_int_equal(outfile_size(f), 9);
  assert_true(outfile_commit(f, &err));
  text = contents(path);
  assert_string_equal(text, "new bytes");
  g_free(text);
  struct stat st;
  assert_int_equal(stat(path, &st), 0);
  assert_int_equal(st.st_mode & 0777, 0640); /* the replaced file's mode */
  assert_int_equal(entries(sub), 1);
  g_free(path);
  g_free(sub);
}

static void test_aborted_leaves_the_old_file(void **state) {
  (void)state;
  char *sub = g_build_filename(dir, "abort", NULL);
  g_mkdir_with_parents(sub, 0755);
  char *path = test_write_file(sub, "out.pdf", "old");
  OutFile *f = outfile_open(path, NULL);
  assert_non_null(f);
  assert_true(outfile_append(f, "half", 4));
  assert_int_equal(entries(sub), 2); /* the temporary file, beside it */
  outfile_abort(f);
  char *text = contents(path);
  assert_string_equal(text, "old");
  g_free(text);
  assert_int_equal(entries(sub), 1);
  g_free(path);
  g_free(sub);
}

/* A write that fails (/dev/full: no space) is reported at commit. */
static void test_write_error_reported(void **state) {
  (void)state;
  if (access("/dev/full", W_OK) != 0) skip();
  GError *err = NULL;
  OutFile *f = outfile_open("/dev/full", &err);
  assert_non_null(f);
  assert_false(outfile_append(f, "x", 1));
  assert_false(outfile_append(f, "y", 1)); /* the first error stays */
  assert_false(outfile_commit(f, &err));
  assert_non_null(err);
  assert_non_null(strstr(err->message, "cannot write /dev/full"));
  g_error_free(err);
}

static void test_scratch_is_unlinked(void **state) {
  (void)state;
  char *sub = g_build_filename(dir, "scratch", NULL);
  g_mkdir_with_parents(sub, 0755);
  char *near = g_build_filename(sub, "out.pdf", NULL);
  int fd = outfile_scratch(near, NULL);
  assert_true(fd >= 0);
  assert_int_equal(write(fd, "abc", 3), 3);
  assert_int_equal(entries(sub), 0);
  struct stat st;
  assert_int_equal(fstat(fd, &st), 0);
  assert_int_equal(st.st_size, 3);
  assert_int_equal(st.st_nlink, 0);
  close(fd);
  g_free(near);
  g_free(sub);
}

int main(void) {
  dir = test_scratch_dir("outfile");
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_committed_in_pieces),
      cmocka_unit_test(test_aborted_leaves_the_old_file),
      cmocka_unit_test(test_write_error_reported),
      cmocka_unit_test(test_scratch_is_unlinked),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  g_free(dir);
  return rc;
}
