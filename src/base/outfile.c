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

/* Every signal whose default action ends the process and that a user, a
 * terminal, a pipe or a timer can send: each removes the temporary file
 * first. (SIGKILL cannot be caught; SIGSEGV and SIGABRT are crashes, see
 * README.) */
static const int cleanup_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGALRM};

void outfile_cleanup_sigset(sigset_t *set) {
  sigemptyset(set);
  for (guint i = 0; i < G_N_ELEMENTS(cleanup_signals); i++) sigaddset(set, cleanup_signals[i]);
}

static void cleanup_and_exit(int sig) {
  if (inflight_set) unlink(inflight);
  signal(sig, SIG_DFL);
  raise(sig);
}

void outfile_install_signal_cleanup(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = cleanup_and_exit;
  outfile_cleanup_sigset(&sa.sa_mask);
  for (guint i = 0; i < G_N_ELEMENTS(cleanup_signals); i++) sigaction(cleanup_signals[i], &sa, NULL);
  /* Past a file-size limit (ulimit -f) write() then fails with EFBIG and
   * the temporary file is removed, instead of SIGXFSZ killing the process
   * and leaving it behind. */
  signal(SIGXFSZ, SIG_IGN);
}

gboolean outfile_write_fd(int fd, const void *bytes, gsize len) {
  const guint8 *data = bytes;
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

static gboolean write_error(const char *path, int err, GError **error) {
  g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(err), "cannot write %s: %s", path, g_strerror(err));
  return FALSE;
}

/* Links the kernel makes (/proc/self/fd/1, /dev/stdout's end) name open
 * files, not places in a folder: they are written through, never replaced. */
static gboolean is_magic_link(const char *p) { return g_str_has_prefix(p, "/proc/"); }

/* Where writing `path` lands: the end of its chain of symbolic links,
 * replaced there atomically (*direct FALSE), or — a character device, a
 * FIFO, a kernel link — written in place (*direct TRUE). NULL with an error
 * for what is neither. */
static char *target_resolve(const char *path, gboolean *direct, GError **error) {
  char *p = g_strdup(path);
  *direct = FALSE;
  for (int hops = 0; hops < 40; hops++) {
    struct stat st;
    if (lstat(p, &st) != 0) {
      if (errno == ENOENT) return p; /* a new file (its folder is checked by mkstemp) */
      write_error(path, errno, error);
      break;
    }
    if (S_ISLNK(st.st_mode) && is_magic_link(p)) {
      *direct = TRUE;
      return p;
    }
    if (S_ISLNK(st.st_mode)) {
      char *to = g_file_read_link(p, NULL);
      if (!to) {
        write_error(path, errno, error);
        break;
      }
      char *dir = g_path_get_dirname(p);
      g_free(p);
      p = g_path_is_absolute(to) ? g_strdup(to) : g_build_filename(dir, to, NULL);
      g_free(dir);
      g_free(to);
      continue;
    }
    if (S_ISREG(st.st_mode)) return p;
    if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) {
      *direct = TRUE;
      return p;
    }
    g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                S_ISDIR(st.st_mode) ? "cannot write %s: it is a directory, not a file"
                                    : "cannot write %s: it is a block device or a socket; output goes to files, "
                                      "character devices (such as /dev/null) and FIFOs",
                path);
    g_free(p);
    return NULL;
  }
  if (error && !*error) write_error(path, ELOOP, error);
  g_free(p);
  return NULL;
}

/* The mode (and, where allowed, the owner) a replacement must have: the
 * replaced file's, else what a plain create under the umask gives. */
static void replacement_mode(int fd, const char *target) {
  struct stat st;
  if (stat(target, &st) == 0) {
    if (fchown(fd, st.st_uid, st.st_gid) != 0) { /* only root may give a file away: keep ours */
    }
    fchmod(fd, st.st_mode & 07777);
    return;
  }
  mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, 0666 & ~mask);
}

/* An output being written: to `tmp` beside `target` (renamed over it at
 * commit), or straight to `target` (a device, FIFO, kernel link; opened at
 * the first byte, so a FIFO's reader waits for nothing half-made), or to
 * standard output. The first error is kept and every later call fails. */
struct OutFile {
  char *path;   /* as the user gave it, for messages */
  char *target; /* NULL: standard output */
  char *tmp;    /* NULL: written in place */
  int fd;       /* -1 until opened (in place) */
  int err;      /* first errno, or 0 */
  gsize size;
};

static sigset_t cleanup_block(sigset_t *old) {
  sigset_t block;
  outfile_cleanup_sigset(&block);
  sigprocmask(SIG_BLOCK, &block, old);
  return block;
}

/* A temporary file beside `target`, its name recorded for the signal
 * handler before a signal can see the file. */
static gboolean temp_open(OutFile *f) {
  char *dir = g_path_get_dirname(f->target), *base = g_path_get_basename(f->target);
  f->tmp = g_strdup_printf("%s/.%s.XXXXXX", dir, base);
  g_free(dir);
  g_free(base);
  sigset_t old;
  cleanup_block(&old);
  f->fd = mkstemp(f->tmp);
  if (f->fd >= 0) inflight_set_path(f->tmp);
  sigprocmask(SIG_SETMASK, &old, NULL);
  if (f->fd >= 0) return TRUE;
  f->err = errno;
  g_free(f->tmp);
  f->tmp = NULL;
  return FALSE;
}

static void outfile_free(OutFile *f) {
  g_free(f->path);
  g_free(f->target);
  g_free(f->tmp);
  g_free(f);
}

OutFile *outfile_open(const char *path, GError **error) {
  OutFile *f = g_new0(OutFile, 1);
  f->path = g_strdup(path);
  f->fd = -1;
  if (strcmp(path, "-") == 0) {
    g_free(f->path);
    f->path = g_strdup("standard output");
    fflush(stdout);
    f->fd = STDOUT_FILENO;
    return f;
  }
  const char *input = input_at(path);
  if (input) {
    g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_EXIST, "will not write %s: it is one of the inputs (%s)", path, input);
    outfile_free(f);
    return NULL;
  }
  gboolean direct = FALSE;
  f->target = target_resolve(path, &direct, error);
  if (!f->target) {
    outfile_free(f);
    return NULL;
  }
  if (!direct && !temp_open(f)) {
    write_error(path, f->err, error);
    outfile_free(f);
    return NULL;
  }
  return f;
}

gboolean outfile_append(OutFile *f, const void *data, gsize len) {
  if (f->err) return FALSE;
  if (f->fd < 0) f->fd = open(f->target, O_WRONLY | O_TRUNC | O_NOCTTY | O_CLOEXEC);
  if (f->fd < 0 || !outfile_write_fd(f->fd, data, len)) {
    f->err = errno ? errno : EIO;
    return FALSE;
  }
  f->size += len;
  return TRUE;
}

gsize outfile_size(const OutFile *f) { return f->size; }

/* Done with the temporary file's name: the signal handler forgets it. */
static void inflight_clear(void) {
  sigset_t old;
  cleanup_block(&old);
  inflight_set_path(NULL);
  sigprocmask(SIG_SETMASK, &old, NULL);
}

void outfile_abort(OutFile *f) {
  if (!f) return;
  if (f->tmp) {
    close(f->fd);
    unlink(f->tmp);
    inflight_clear();
  } else if (f->fd > STDOUT_FILENO) {
    close(f->fd);
  }
  outfile_free(f);
}

gboolean outfile_commit(OutFile *f, GError **error) {
  if (!f->err && f->fd < 0) outfile_append(f, "", 0); /* an empty output still opens its file */
  gboolean ok = !f->err;
  int saved = f->err;
  if (f->tmp) {
    if (ok && fsync(f->fd) != 0) ok = FALSE, saved = errno;
    if (ok) replacement_mode(f->fd, f->target); /* mkstemp made it 0600 until now */
    if (close(f->fd) != 0 && ok) ok = FALSE, saved = errno;
    if (ok && rename(f->tmp, f->target) != 0) ok = FALSE, saved = errno;
    if (!ok) unlink(f->tmp);
    inflight_clear();
  } else if (f->fd > STDOUT_FILENO && close(f->fd) != 0 && ok) {
    ok = FALSE, saved = errno;
  }
  if (!ok) write_error(f->path, saved, error);
  outfile_free(f);
  return ok;
}

gboolean outfile_write(const char *path, GBytes *bytes, GError **error) {
  OutFile *f = outfile_open(path, error);
  if (!f) return FALSE;
  gsize len;
  const guint8 *data = g_bytes_get_data(bytes, &len);
  outfile_append(f, data, len);
  return outfile_commit(f, error);
}

gboolean outfile_error(const OutFile *f, GError **error) {
  if (!f->err) return FALSE;
  write_error(f->path, f->err, error);
  return TRUE;
}

/* Beside a file (new or regular): the same disk. A device's folder (/dev)
 * is no place for files: the temporary folder then. */
static char *scratch_folder(const char *near) {
  struct stat st;
  if (!near || strcmp(near, "-") == 0 || (stat(near, &st) == 0 && !S_ISREG(st.st_mode)))
    return g_strdup(g_get_tmp_dir());
  return g_path_get_dirname(near);
}

int outfile_scratch(const char *near, GError **error) {
  char *dir = scratch_folder(near);
  int fd = -1;
  for (int attempt = 0; attempt < 2 && fd < 0; attempt++) {
    const char *where = attempt == 0 ? dir : g_get_tmp_dir();
#ifdef O_TMPFILE
    fd = open(where, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0) break;
#endif
    char *tmp = g_build_filename(where, ".boardpack-scratch.XXXXXX", NULL);
    sigset_t old;
    cleanup_block(&old); /* unlinked at once: nothing for a signal to clean up */
    fd = g_mkstemp_full(tmp, O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0) unlink(tmp);
    sigprocmask(SIG_SETMASK, &old, NULL);
    g_free(tmp);
  }
  if (fd < 0)
    g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno), "cannot make a scratch file in %s: %s", dir,
                g_strerror(errno));
  g_free(dir);
  return fd;
}

gboolean outfile_same_file(const char *a, const char *b) {
  struct stat sa, sb;
  if (stat(a, &sa) != 0 || stat(b, &sb) != 0) return FALSE;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}
