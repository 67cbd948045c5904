/* batch — see batch.h. */
#include "batch.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/outfile.h"

/* ---- output names ----------------------------------------------------- */

static char *strip_extension(const char *path) {
  char *base = g_path_get_basename(path);
  char *dot = strrchr(base, '.');
  if (dot && dot != base) *dot = '\0';
  return base;
}

char **batch_output_names(const char *const *inputs, guint n, const char *outdir, const char *ext) {
  char **out = g_new0(char *, n + 1);
  GHashTable *taken = g_hash_table_new(g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++) {
    char *base = strip_extension(inputs[i]);
    char *dir = outdir ? g_strdup(outdir) : g_path_get_dirname(inputs[i]);
    char *name = g_strconcat(base, ext, NULL);
    char *path = g_build_filename(dir, name, NULL);
    for (guint k = 2; g_hash_table_contains(taken, path); k++) {
      g_free(name), g_free(path);
      name = g_strdup_printf("%s-%u%s", base, k, ext);
      path = g_build_filename(dir, name, NULL);
    }
    g_hash_table_add(taken, path);
    out[i] = path;
    g_free(name), g_free(dir), g_free(base);
  }
  g_hash_table_destroy(taken);
  return out;
}

/* ---- workers ---------------------------------------------------------- */

typedef struct {
  pid_t pid;
  int fd;          /* read end of the worker's stderr */
  guint index;
  GString *err;
} Worker;

/* Running workers, for the signal handler: pids only, set and cleared
 * with the signals blocked. */
#define MAX_WORKERS 256
static volatile pid_t running_pids[MAX_WORKERS];
static char *const *volatile interrupt_remove; /* batch_remove_on_interrupt's */

void batch_remove_on_interrupt(char *const *paths) { interrupt_remove = paths; }

static void forward_and_exit(int sig) {
  for (int i = 0; i < MAX_WORKERS; i++)
    if (running_pids[i] > 0) kill(running_pids[i], sig);
  for (char *const *p = interrupt_remove; p && *p; p++) unlink(*p); /* async-signal-safe */
  /* then die by outfile's handler, which removes the file this process
   * is writing (a pack whose reports are out on workers: its PDF) */
  outfile_install_signal_cleanup();
  raise(sig);
}

static void signals_forward(gboolean on) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = forward_and_exit;
  outfile_cleanup_sigset(&sa.sa_mask);
  if (on) {
    for (int sig = 1; sig < NSIG; sig++)
      if (sigismember(&sa.sa_mask, sig) == 1) sigaction(sig, &sa, NULL);
  } else {
    outfile_install_signal_cleanup();
  }
}

static void block_signals(gboolean block, sigset_t *old) {
  sigset_t set;
  outfile_cleanup_sigset(&set);
  sigprocmask(block ? SIG_BLOCK : SIG_SETMASK, block ? &set : old, block ? old : NULL);
}

/* In the worker: stderr into the pipe, the outfile cleanup handlers back,
 * the job, and out without running the parent's atexit handlers. */
static G_GNUC_NORETURN void worker_main(int fds[2], guint index, BatchJob job, gpointer data, sigset_t *old) {
  close(fds[0]);
  dup2(fds[1], STDERR_FILENO);
  close(fds[1]);
  outfile_install_signal_cleanup();
  block_signals(FALSE, old);
  int status = job(index, data);
  fflush(stdout);
  fflush(stderr);
  _exit(status);
}

static gboolean worker_start(Worker *w, guint slot, guint index, BatchJob job, gpointer data) {
  int fds[2];
  if (pipe(fds) != 0) return FALSE;
  fflush(stdout);
  fflush(stderr);
  sigset_t old;
  block_signals(TRUE, &old); /* the pid is recorded before a signal can need it */
  pid_t pid = fork();
  if (pid == 0) worker_main(fds, index, job, data, &old);
  if (pid > 0) running_pids[slot] = pid;
  block_signals(FALSE, &old);
  close(fds[1]);
  if (pid < 0) {
    close(fds[0]);
    return FALSE;
  }
  *w = (Worker){.pid = pid, .fd = fds[0], .index = index, .err = g_string_new(NULL)};
  return TRUE;
}

/* The exit status of a finished worker, as the job's status. */
static int worker_reap(Worker *w, guint slot) {
  int st = 0;
  while (waitpid(w->pid, &st, 0) < 0 && errno == EINTR) {
  }
  sigset_t old;
  block_signals(TRUE, &old);
  running_pids[slot] = 0;
  block_signals(FALSE, &old);
  close(w->fd);
  if (WIFEXITED(st)) return WEXITSTATUS(st);
  g_string_append_printf(w->err, "boardpack: error: the worker was killed by signal %d\n",
                         WIFSIGNALED(st) ? WTERMSIG(st) : 0);
  return 1;
}

/* ---- progress --------------------------------------------------------- */

typedef struct {
  gboolean tty;
  guint done, total, failed;
  gint64 start;
  const char *current;
  const char *const *labels;
  GPtrArray *failed_labels; /* const char*, in the order they finished */
} Progress;

static double elapsed(const Progress *p) { return (double)(g_get_monotonic_time() - p->start) / 1e6; }

static void progress_clear(const Progress *p) {
  if (p->tty) fputs("\r\033[K", stderr);
}

static void progress_show(const Progress *p) {
  if (!p->tty) return;
  fprintf(stderr, "\r\033[K[%u/%u] %.1f s  %s", p->done, p->total, elapsed(p), p->current ? p->current : "");
  fflush(stderr);
}

/* ---- the loop --------------------------------------------------------- */

/* Read what is there; TRUE once the worker has closed its end. */
static gboolean worker_read(Worker *w) {
  char buf[4096];
  ssize_t n = read(w->fd, buf, sizeof buf);
  if (n > 0) g_string_append_len(w->err, buf, n);
  return n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN);
}

static void worker_finish(Worker *w, guint slot, Progress *p) {
  int status = worker_reap(w, slot);
  p->done++;
  if (status != 0) p->failed++;
  if (status != 0 && p->labels) g_ptr_array_add(p->failed_labels, (gpointer)p->labels[w->index]);
  if (w->err->len) {
    progress_clear(p);
    fputs(w->err->str, stderr);
    if (w->err->str[w->err->len - 1] != '\n') fputc('\n', stderr);
  }
  g_string_free(w->err, TRUE);
  w->pid = 0;
  progress_show(p);
}

/* Threads of this process (Linux: /proc/self/task), or 0 if unknown. */
static guint thread_count(void) {
  GDir *d = g_dir_open("/proc/self/task", 0, NULL);
  guint n = 0;
  while (d && g_dir_read_name(d)) n++;
  if (d) g_dir_close(d);
  return n;
}

/* Forking while another thread holds a lock (an allocator's, fontconfig's)
 * leaves it locked in the child for ever. The font map made before the
 * batch starts a short-lived thread (Pango's FcInit): wait, at most a
 * second, until it has gone. (A worker once hung so under ASan.) */
void batch_wait_single_threaded(void) {
  for (int i = 0; i < 200 && thread_count() > 1; i++) g_usleep(5000);
}

/* The loop of batch_run; `quiet`: no progress line, no summary, no labels
 * (batch_run_parts). */
/* `done`: what the summary calls a job that succeeded ("written"); NULL
 * for no summary. */
static guint batch_loop(const char *const *labels, guint n, guint workers, BatchJob job, gpointer data,
                        const char *done) {
  gboolean quiet = !done;
  workers = CLAMP(workers, 1, MIN(MAX_WORKERS, MAX(n, 1)));
  batch_wait_single_threaded();
  Worker *w = g_new0(Worker, workers);
  struct pollfd *pfd = g_new0(struct pollfd, workers);
  Progress p = {.tty = !quiet && isatty(STDERR_FILENO), .total = n, .start = g_get_monotonic_time(), .labels = labels,
                .failed_labels = g_ptr_array_new()};
  signals_forward(TRUE);
  guint next = 0, running = 0;
  while (p.done < n) {
    for (guint s = 0; s < workers && next < n; s++) {
      if (w[s].pid) continue;
      if (!worker_start(&w[s], s, next, job, data)) {
        progress_clear(&p);
        fprintf(stderr, "%s: error: cannot start a worker: %s\n", labels ? labels[next] : "boardpack",
                g_strerror(errno));
        if (labels) g_ptr_array_add(p.failed_labels, (gpointer)labels[next]);
        p.done++, p.failed++, next++;
        continue;
      }
      p.current = labels ? labels[next] : NULL;
      next++;
      running++;
      progress_show(&p);
    }
    if (!running) continue;
    guint k = 0;
    for (guint s = 0; s < workers; s++)
      if (w[s].pid) pfd[k++] = (struct pollfd){.fd = w[s].fd, .events = POLLIN};
    /* wake at least every half second to keep the elapsed time moving */
    if (poll(pfd, k, 500) < 0 && errno != EINTR) break;
    k = 0;
    for (guint s = 0; s < workers; s++) {
      if (!w[s].pid) continue;
      if (pfd[k++].revents && worker_read(&w[s])) {
        worker_finish(&w[s], s, &p);
        running--;
      }
    }
    progress_show(&p);
  }
  signals_forward(FALSE);
  progress_clear(&p);
  if (!quiet && (p.tty || p.failed)) {
    fprintf(stderr, "boardpack: %u document%s in %.1f s: %u %s, %u failed", n, n == 1 ? "" : "s", elapsed(&p),
            n - p.failed, done, p.failed);
    for (guint i = 0; i < p.failed_labels->len; i++)
      fprintf(stderr, "%s%s", i ? ", " : " (", (const char *)g_ptr_array_index(p.failed_labels, i));
    fputs(p.failed_labels->len ? ")\n" : "\n", stderr);
  }
  g_ptr_array_free(p.failed_labels, TRUE);
  g_free(pfd);
  g_free(w);
  return p.failed;
}

guint batch_run(const char *const *labels, guint n, guint workers, BatchJob job, gpointer data) {
  return batch_loop(labels, n, workers, job, data, "written");
}

guint batch_run_staged(const char *const *labels, guint n, guint workers, BatchJob job, gpointer data) {
  return batch_loop(labels, n, workers, job, data, "rendered");
}

guint batch_run_parts(guint n, BatchJob job, gpointer data) { return batch_loop(NULL, n, n, job, data, NULL); }

guint batch_run_beside(BatchJob job, gpointer data, void (*here)(gpointer), gpointer here_data) {
  batch_wait_single_threaded();
  Worker w = {0};
  signals_forward(TRUE);
  gboolean started = worker_start(&w, 0, 0, job, data);
  if (!started) fprintf(stderr, "boardpack: error: cannot start a worker: %s\n", g_strerror(errno));
  here(here_data);
  int status = 1;
  if (started) {
    while (!worker_read(&w)) {
    }
    status = worker_reap(&w, 0);
    if (w.err->len) {
      fputs(w.err->str, stderr);
      if (w.err->str[w.err->len - 1] != '\n') fputc('\n', stderr);
    }
    g_string_free(w.err, TRUE);
  }
  signals_forward(FALSE);
  return status != 0;
}
