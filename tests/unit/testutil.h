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
#include <locale.h>
#include <stdlib.h>
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

/* Switch to a locale that writes decimals with a comma (fr_FR), building
 * it into the scratch directory with localedef when the system has none.
 * FALSE if none can be had. Number output must never depend on this. */
static inline gboolean test_use_comma_locale(void) {
  if (setlocale(LC_ALL, "fr_FR.UTF-8")) return TRUE;
  char *dir = test_scratch_dir("locale");
  char *target = g_build_filename(dir, "fr_FR.UTF-8", NULL);
  char *cmd = g_strdup_printf("localedef -i fr_FR -f UTF-8 '%s' >/dev/null 2>&1", target);
  if (system(cmd) == 0) setenv("LOCPATH", dir, 1);
  g_free(cmd), g_free(target), g_free(dir);
  return setlocale(LC_ALL, "fr_FR.UTF-8") != NULL;
}

#endif
