/* outfile — see outfile.h. */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The temporary file being written, for the signal handler. One at a time
 * per process: batch workers are separate processes. */
static char inflight[4096];
static volatile sig_atomic_t inflight_set;

static void cleanup_and_exit(int sig) {
  if (inflight_set) unlink(inflight);
  signal(sig, SIG_DFL);
  raise(sig);
}

void outfile_install_signal_cleanup(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = cleanup_and_exit;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  /* Past a file-size limit (ulimit -f) write() then fails with EFBIG and
   * the temporary file is removed, instead of SIGXFSZ killing the process
   * and leaving it behind. */
  signal(SIGXFSZ, SIG_IGN);
}

static gboolean write_all(int fd, const guint8 *data, gsize len) {
  while (len > 0) {
    ssize_t n = write(fd, data, len);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return FALSE;
    data += n;
    len -= (gsize)n;
  }
  return TRUE;
}

static void inflight_set_path(const char *path) {
  if (!path) {
    inflight_set = 0;
    return;
  }
  g_strlcpy(inflight, path, sizeof inflight);
  inflight_set = 1;
}

/* dev/ino of every input, per process (batch workers are processes). */
static GArray *inputs;
typedef struct {
  dev_t dev;
  ino_t ino;
  char *path;
} InputFile;

void outfile_note_input(const char *path) {
  struct stat st;
  if (!path || stat(path, &st) != 0) return;
  if (!inputs) inputs = g_array_new(FALSE, FALSE, sizeof(InputFile));
  InputFile f = {st.st_dev, st.st_ino, g_strdup(path)};
  g_array_append_val(inputs, f);
}

static const char *input_at(const char *path) {
  struct stat st;
  if (!inputs || stat(path, &st) != 0) return NULL;
  for (guint i = 0; i < inputs->len; i++) {
    const InputFile *f = &g_array_index(inputs, InputFile, i);
    if (f->dev == st.st_dev && f->ino == st.st_ino) return f->path;
  }
  return NULL;
}

gboolean outfile_write(const char *path, GBytes *bytes, GError **error) {
  const char *input = input_at(path);
  if (input) {
    g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_EXIST, "will not write %s: it is one of the inputs (%s)", path, input);
    return FALSE;
  }
  char *dir = g_path_get_dirname(path), *base = g_path_get_basename(path);
  char *tmp = g_strdup_printf("%s/.%s.XXXXXX", dir, base);
  g_free(dir);
  g_free(base);
  sigset_t block, old;
  sigemptyset(&block);
  sigaddset(&block, SIGINT);
  sigaddset(&block, SIGTERM);
  sigprocmask(SIG_BLOCK, &block, &old); /* record the name before a signal can see the file */
  int fd = mkstemp(tmp);
  if (fd >= 0) inflight_set_path(tmp);
  sigprocmask(SIG_SETMASK, &old, NULL);
  if (fd < 0) {
    g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno), "cannot write %s: %s", path, g_strerror(errno));
    g_free(tmp);
    return FALSE;
  }
  gsize len;
  const guint8 *data = g_bytes_get_data(bytes, &len);
  gboolean ok = write_all(fd, data, len) && fsync(fd) == 0;
  int saved = errno;
  if (close(fd) != 0 && ok) ok = FALSE, saved = errno;
  if (ok) {
    /* mkstemp makes 0600; give the file the mode a plain create would have */
    mode_t mask = umask(0);
    umask(mask);
    chmod(tmp, 0666 & ~mask);
    if (rename(tmp, path) != 0) ok = FALSE, saved = errno;
  }
  if (!ok) {
    unlink(tmp);
    g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(saved), "cannot write %s: %s", path, g_strerror(saved));
  }
  sigprocmask(SIG_BLOCK, &block, &old);
  inflight_set_path(NULL);
  sigprocmask(SIG_SETMASK, &old, NULL);
  g_free(tmp);
  return ok;
}

gboolean outfile_same_file(const char *a, const char *b) {
  struct stat sa, sb;
  if (stat(a, &sa) != 0 || stat(b, &sb) != 0) return FALSE;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}
