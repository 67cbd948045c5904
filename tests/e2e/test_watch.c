/* `boardpack watch`: on the starter report (boardpack init), a change to
 * the data file re-renders, and the new PDF differs and shows the new
 * figure; a broken change is reported and keeps the last good PDF; Ctrl-C
 * (SIGINT to the process group, as a terminal sends it) ends the watch
 * and leaves no temporary file. Every wait is bounded (WAIT_S). */
#include "e2eutil.h"

#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#define WAIT_S 30

static char *dir;
static GPid watch_pid; /* killed by the teardown if a test failed midway */

static char *contents(const char *path) {
  char *text = NULL;
  gsize len = 0;
  if (!g_file_get_contents(path, &text, &len, NULL)) return NULL;
  return text;
}

static GBytes *bytes_of(const char *path) {
  char *text = NULL;
  gsize len = 0;
  if (!g_file_get_contents(path, &text, &len, NULL)) return NULL;
  return g_bytes_new_take(text, len);
}

/* Poll until `done` holds or WAIT_S pass. */
typedef gboolean (*Condition)(gpointer data);
static gboolean wait_for(Condition done, gpointer data) {
  for (int i = 0; i < WAIT_S * 20; i++) {
    if (done(data)) return TRUE;
    g_usleep(50 * 1000);
  }
  return done(data);
}

typedef struct {
  const char *path;
  const char *needle;
  GBytes *not_equal; /* for file_differs */
} Want;

static gboolean log_has(gpointer data) {
  const Want *w = data;
  char *text = contents(w->path);
  gboolean found = text && strstr(text, w->needle);
  g_free(text);
  return found;
}

static gboolean file_differs(gpointer data) {
  const Want *w = data;
  GBytes *now = bytes_of(w->path);
  gboolean differs = now && (!w->not_equal || !g_bytes_equal(now, w->not_equal));
  if (now) g_bytes_unref(now);
  return differs;
}

static void own_group(gpointer data) {
  (void)data;
  setpgid(0, 0);
}

static GPid start_watch(const char *spec, const char *out, const char *log) {
  const char *argv[] = {"sh", "-c", "exec \"$0\" watch \"$1\" -o \"$2\" >\"$3\" 2>&1", boardpack_bin(), spec, out, log,
                        NULL};
  GPid pid = 0;
  GError *err = NULL;
  gboolean ok = g_spawn_async(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, own_group,
                              NULL, &pid, &err);
  if (!ok) fail_msg("cannot start the watch: %s", err->message);
  return pid;
}

static gboolean exited(gpointer data) {
  GPid pid = *(GPid *)data;
  int status = 0;
  return waitpid(pid, &status, WNOHANG) == pid;
}

/* data.csv with `from` replaced by `to`, written atomically (as editors do). */
static void data_edit(const char *data, const char *from, const char *to) {
  char *text = contents(data);
  assert_non_null(text);
  assert_non_null(strstr(text, from));
  char **parts = g_strsplit(text, from, 2);
  char *edited = g_strjoinv(to, parts);
  assert_true(g_file_set_contents(data, edited, -1, NULL));
  g_free(edited);
  g_strfreev(parts);
  g_free(text);
}

static void assert_no_temporary_files(const char *d) {
  GDir *gd = g_dir_open(d, 0, NULL);
  assert_non_null(gd);
  for (const char *n; (n = g_dir_read_name(gd));)
    if (n[0] == '.') fail_msg("a temporary file was left: %s/%s", d, n);
  g_dir_close(gd);
}

static void test_watch_rerenders_and_keeps_last_good(void **state) {
  (void)state;
  char *d = g_build_filename(dir, "report", NULL);
  char *cmd = g_strdup_printf("rm -rf '%s'", d);
  assert_int_equal(system(cmd), 0);
  g_free(cmd);
  RunResult r = RUN(boardpack_bin(), "init", d);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  char *spec = g_build_filename(d, "report.xml", NULL);
  char *data = g_build_filename(d, "data.csv", NULL);
  char *out = g_build_filename(d, "out.pdf", NULL);
  char *log = g_build_filename(dir, "watch.log", NULL);
  g_unlink(log);

  GPid pid = watch_pid = start_watch(spec, out, log);
  Want first_run = {log, "watch: run 1 rendered", NULL};
  if (!wait_for(log_has, &first_run)) fail_msg("no first run within %d s", WAIT_S);
  GBytes *first = bytes_of(out);
  assert_non_null(first);

  /* March's calls answered: 4,700 -> 4,800 */
  data_edit(data, "CC1,2026-03,,4700,", "CC1,2026-03,,4800,");
  Want second = {out, NULL, first};
  if (!wait_for(file_differs, &second)) fail_msg("the output did not change within %d s of the data", WAIT_S);
  Want second_logged = {log, "watch: run 2 rendered", NULL};
  assert_true(wait_for(log_has, &second_logged));
  r = RUN("pdftotext", out, "-");
  char *text = squash_space(r.out);
  assert_non_null(strstr(text, "4,800 calls were answered"));
  g_free(text);
  run_result_clear(&r);
  GBytes *good = bytes_of(out);

  /* a broken change: reported with its line, the good PDF kept */
  data_edit(data, "CC1,2026-03,,4800,", "CC1,2026-03,,many,");
  Want failed = {log, "watch: run 3 failed", NULL};
  if (!wait_for(log_has, &failed)) fail_msg("the broken data was not reported within %d s", WAIT_S);
  char *logged = contents(log);
  assert_non_null(strstr(logged, "data.csv:"));
  assert_non_null(strstr(logged, "error:"));
  g_free(logged);
  GBytes *kept = bytes_of(out);
  assert_true(g_bytes_equal(kept, good));

  /* one more change, interrupted as it runs */
  data_edit(data, "CC1,2026-03,,many,", "CC1,2026-03,,4900,");
  g_usleep(150 * 1000);
  assert_int_equal(kill(-pid, SIGINT), 0);
  if (!wait_for(exited, &pid)) {
    kill(-pid, SIGKILL);
    fail_msg("the watch did not end on SIGINT within %d s", WAIT_S);
  }
  g_spawn_close_pid(pid);
  watch_pid = 0;
  assert_no_temporary_files(d);
  /* whether the interrupted run finished is timing: not an output to
   * compare between the locale runs */
  g_unlink(out);

  g_bytes_unref(first);
  g_bytes_unref(good);
  g_bytes_unref(kept);
  g_free(log);
  g_free(out);
  g_free(data);
  g_free(spec);
  g_free(d);
}

static int watch_stop(void **state) {
  (void)state;
  if (watch_pid > 0) {
    kill(-watch_pid, SIGKILL);
    waitpid(watch_pid, NULL, 0);
    watch_pid = 0;
  }
  return 0;
}

static void test_watch_usage(void **state) {
  (void)state;
  RunResult r = RUN(boardpack_bin(), "watch");
  assert_int_equal(r.status, 2);
  run_result_clear(&r);
  r = RUN(boardpack_bin(), "watch", "x.xml", "--format", "boxes");
  assert_int_equal(r.status, 2);
  run_result_clear(&r);
}

int main(void) {
  dir = test_scratch_dir("e2e-watch");
  alarm(4 * WAIT_S); /* never hang make check */
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_teardown(test_watch_rerenders_and_keeps_last_good, watch_stop),
      cmocka_unit_test(test_watch_usage),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  g_free(dir);
  return rc;
}
