/* cmd_init — `boardpack init DIR`: a small, valid starter report that
 * renders at once — front sheet, two sections, a scorecard, a chart, a
 * catalogue of three measures and twelve months of data — as the quickest
 * way in for a new author.
 *
 * The files live in src/cli/starter/ and are compiled into the binary
 * (GResource "/boardpack/starter"), so init needs nothing installed.
 * Always holds: init writes into an empty or new directory only, and each
 * file through outfile_write (complete or not at all).
 * Exit status: 0 written, 1 cannot write (or DIR not empty), 2 usage. */
#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "base/outfile.h"
#include "cmd_init.h"
#include "starter.h"

static const char *const starter_files[] = {"report.xml", "catalogue.xml", "data.csv", NULL};

const char *const *init_starter_files(void) { return starter_files; }

/* TRUE if `dir` is missing or empty; FALSE (with the reason) otherwise. */
static gboolean dir_is_usable(const char *dir, GError **error) {
  if (!g_file_test(dir, G_FILE_TEST_EXISTS)) return TRUE;
  GDir *d = g_dir_open(dir, 0, error);
  if (!d) return FALSE;
  const char *first = g_dir_read_name(d);
  if (first)
    g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
                "%s is not empty (it holds %s): init writes into a new or empty directory only", dir, first);
  g_dir_close(d);
  return first == NULL;
}

static gboolean write_one(const char *dir, const char *name, GError **error) {
  char *res = g_strconcat("/boardpack/starter/", name, NULL);
  GBytes *bytes = g_resource_lookup_data(starter_get_resource(), res, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  g_free(res);
  if (!bytes) return FALSE;
  char *path = g_build_filename(dir, name, NULL);
  gboolean ok = outfile_write(path, bytes, error);
  g_free(path);
  g_bytes_unref(bytes);
  return ok;
}

gboolean init_write_starter(const char *dir, GError **error) {
  if (!dir_is_usable(dir, error)) return FALSE;
  if (g_mkdir_with_parents(dir, 0755) != 0) {
    g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno), "cannot create directory %s: %s", dir,
                g_strerror(errno));
    return FALSE;
  }
  for (const char *const *f = starter_files; *f; f++)
    if (!write_one(dir, *f, error)) return FALSE;
  return TRUE;
}

int cmd_init(int argc, char **argv) {
  GOptionEntry entries[] = {{NULL}};
  GOptionContext *ctx = g_option_context_new("DIR - write a starter report into a new or empty directory");
  g_option_context_add_main_entries(ctx, entries, NULL);
  g_option_context_set_description(ctx, "Writes DIR/report.xml, DIR/catalogue.xml and DIR/data.csv; then:\n"
                                        "  boardpack render DIR/report.xml -o report.pdf\n");
  GError *err = NULL;
  gboolean parsed = g_option_context_parse(ctx, &argc, &argv, &err);
  g_option_context_free(ctx);
  if (!parsed) {
    fprintf(stderr, "boardpack: %s\nTry 'boardpack init --help'.\n", err->message);
    g_error_free(err);
    return 2;
  }
  if (argc != 2) {
    fprintf(stderr, "boardpack: init takes one directory, %s\nTry 'boardpack init --help'.\n",
            argc < 2 ? "none given" : "more given");
    return 2;
  }
  if (!init_write_starter(argv[1], &err)) {
    fprintf(stderr, "boardpack: error: %s\n", err->message);
    g_error_free(err);
    return 1;
  }
  char *report = g_build_filename(argv[1], "report.xml", NULL);
  printf("%s\n", report);
  g_free(report);
  return 0;
}
