/* Shared by every cmocka unit test: the includes cmocka wants, in the
 * order it wants them, and small helpers for fixtures and scratch files. */
#ifndef BOARDPACK_TESTUTIL_H
#define BOARDPACK_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

/* A fresh scratch directory under $BOARDPACK_TEST_OUT (or /tmp). */
static inline char *test_scratch_dir(const char *name) {
  const char *base = g_getenv("BOARDPACK_TEST_OUT");
  char *dir = g_build_filename(base ? base : g_get_tmp_dir(), "unit", name, NULL);
  g_mkdir_with_parents(dir, 0755);
  return dir;
}

/* Write `text` to dir/name and return the path. */
static inline char *test_write_file(const char *dir, const char *name, const char *text) {
  char *path = g_build_filename(dir, name, NULL);
  g_assert_true(g_file_set_contents(path, text, -1, NULL));
  return path;
}

#endif
