/* cmd_watch — `boardpack watch SPEC [-o OUT] [--format pdf|html|png]`: renders
 * once, then again whenever the spec or a file it depends on (its data,
 * catalogue, house style, images) changes, so an author sees their edit
 * within a second.
 *
 * Owns: one GFileMonitor per watched path and the pending-run timer.
 * Each run is `boardpack render` in a child process (this same binary):
 * it prints its own diagnostics, and because render writes atomically, a
 * failed run leaves the last good output in place. The paths to watch are
 * what a check of the spec in this process named or opened
 * (infile_named_paths): the set only grows, so a file that a broken run
 * did not reach is still watched. Ctrl-C reaches the child too, whose
 * outfile handler removes its temporary file: none is left.
 * Exit status: 2 usage; otherwise it runs until interrupted. */
#include <gio/gio.h>
#include <stdio.h>
#include <string.h>

#include "base/diag.h"
#include "base/infile.h"
#include "cmd_watch.h"
#include "report/report.h"

#define WATCH_SETTLE_MS 100 /* let an editor finish writing before running */

typedef struct {
  char *spec, *output, *format, *period, *dpi;
  char *self;            /* this binary, for the child */
  GHashTable *monitors;  /* path -> GFileMonitor */
  guint pending;         /* timer source of the next run, 0 if none */
  guint runs;
} Watch;

static void watch_schedule(Watch *w);

static void on_changed(GFileMonitor *mon, GFile *file, GFile *other, GFileMonitorEvent event, gpointer data) {
  (void)mon, (void)file, (void)other;
  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED || event == G_FILE_MONITOR_EVENT_PRE_UNMOUNT) return;
  watch_schedule(data);
}

/* Monitors for every path named so far that has none yet. */
static void monitors_add(Watch *w) {
  char **paths = infile_named_paths();
  for (char **p = paths; *p; p++) {
    if (g_hash_table_contains(w->monitors, *p)) continue;
    GFile *f = g_file_new_for_path(*p);
    GError *err = NULL;
    GFileMonitor *mon = g_file_monitor_file(f, G_FILE_MONITOR_NONE, NULL, &err);
    g_object_unref(f);
    if (!mon) {
      fprintf(stderr, "boardpack watch: cannot watch %s: %s\n", *p, err->message);
      g_error_free(err);
      continue;
    }
    g_file_monitor_set_rate_limit(mon, WATCH_SETTLE_MS);
    g_signal_connect(mon, "changed", G_CALLBACK(on_changed), w);
    g_hash_table_insert(w->monitors, g_strdup(*p), mon);
    printf("watch: watching %s\n", *p);
  }
  fflush(stdout);
  g_strfreev(paths);
}

/* Which files the spec depends on: a check in this process names them
 * (its diagnostics are the child's to print). */
static void inputs_discover(Watch *w) {
  DiagList *diags = diag_list_new();
  ReportOptions ro = {.period = w->period};
  Report *r = report_build_with(w->spec, NULL, &ro, TRUE, diags);
  report_free(r);
  diag_list_free(diags);
  monitors_add(w);
}

static gboolean render_child(const Watch *w) {
  GPtrArray *argv = g_ptr_array_new();
  const char *fixed[] = {w->self, "render", w->spec, "--format", w->format};
  for (guint i = 0; i < G_N_ELEMENTS(fixed); i++) g_ptr_array_add(argv, (gpointer)fixed[i]);
  if (w->output) g_ptr_array_add(argv, "-o"), g_ptr_array_add(argv, w->output);
  if (w->period) g_ptr_array_add(argv, "--period"), g_ptr_array_add(argv, w->period);
  if (w->dpi) g_ptr_array_add(argv, "--dpi"), g_ptr_array_add(argv, w->dpi);
  g_ptr_array_add(argv, NULL);
  int wait = 0;
  GError *err = NULL;
  fflush(stdout);
  gboolean spawned = g_spawn_sync(NULL, (char **)argv->pdata, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL, NULL,
                                  NULL, &wait, &err);
  g_ptr_array_free(argv, TRUE);
  if (!spawned) {
    fprintf(stderr, "boardpack watch: cannot run %s: %s\n", w->self, err->message);
    g_error_free(err);
    return FALSE;
  }
  return g_spawn_check_wait_status(wait, NULL);
}

static gboolean watch_run(gpointer data) {
  Watch *w = data;
  w->pending = 0;
  w->runs++;
  /* Monitors first: a change made while the child renders (or right
   * after it says so) then triggers the next run instead of being lost. */
  inputs_discover(w);
  gint64 t0 = g_get_monotonic_time();
  gboolean ok = render_child(w);
  double ms = (double)(g_get_monotonic_time() - t0) / 1e3;
  if (ok)
    printf("watch: run %u rendered %s in %.0f ms\n", w->runs, w->spec, ms);
  else
    printf("watch: run %u failed; the last good output is kept\n", w->runs);
  fflush(stdout);
  return G_SOURCE_REMOVE;
}

static void watch_schedule(Watch *w) {
  if (!w->pending) w->pending = g_timeout_add(WATCH_SETTLE_MS, watch_run, w);
}

static int watch_usage(const char *msg) {
  fprintf(stderr, "boardpack: %s\nTry 'boardpack watch --help'.\n", msg);
  return 2;
}

int cmd_watch(int argc, char **argv) {
  Watch w = {0};
  GOptionEntry entries[] = {
      {"output", 'o', 0, G_OPTION_ARG_FILENAME, &w.output, "Write to OUT (as render does)", "OUT"},
      {"format", 0, 0, G_OPTION_ARG_STRING, &w.format, "pdf (default), html or png (OUT is a directory)", "FORMAT"},
      {"period", 0, 0, G_OPTION_ARG_STRING, &w.period, "Set the report's <data period> (e.g. 2013-06)", "P"},
      {"dpi", 0, 0, G_OPTION_ARG_STRING, &w.dpi, "Resolution of PNG pages (default 96)", "N"},
      {NULL}};
  GOptionContext *ctx = g_option_context_new("SPEC.xml - render again whenever the spec or its inputs change");
  g_option_context_add_main_entries(ctx, entries, NULL);
  g_option_context_set_description(ctx, "Runs until interrupted (Ctrl-C). A run that fails keeps the last good output.\n");
  GError *err = NULL;
  gboolean parsed = g_option_context_parse(ctx, &argc, &argv, &err);
  g_option_context_free(ctx);
  int status = 0;
  if (!parsed) {
    status = watch_usage(err->message);
    g_error_free(err);
  } else if (argc != 2) {
    status = watch_usage(argc < 2 ? "watch takes one spec file, none given" : "watch takes one spec file, more given");
  } else if (w.format && strcmp(w.format, "pdf") && strcmp(w.format, "png") && strcmp(w.format, "html")) {
    status = watch_usage("watch writes pdf, png or html");
  }
  if (status == 0) {
    w.spec = g_strdup(argv[1]);
    if (!w.format) w.format = g_strdup("pdf");
    w.self = g_file_read_link("/proc/self/exe", NULL);
    if (!w.self) w.self = g_strdup(g_get_prgname());
    w.monitors = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_object_unref);
    GMainLoop *loop = g_main_loop_new(NULL, FALSE);
    watch_run(&w);
    g_main_loop_run(loop); /* until a signal ends the process */
    g_main_loop_unref(loop);
    g_hash_table_destroy(w.monitors);
  }
  g_free(w.spec);
  g_free(w.output);
  g_free(w.format);
  g_free(w.period);
  g_free(w.dpi);
  g_free(w.self);
  return status;
}
