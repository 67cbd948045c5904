/* infile — see infile.h. */
#include "infile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"
#include "spelling.h"

G_DEFINE_QUARK(boardpack-infile-error-quark, infile_error)

gsize infile_limit(InfileKind kind) {
  switch (kind) {
  case INFILE_DATA: return INFILE_DATA_MAX;
  case INFILE_IMAGE: return INFILE_IMAGE_MAX;
  case INFILE_XML: break;
  }
  return INFILE_XML_MAX;
}

static const char *kind_files(InfileKind kind) {
  switch (kind) {
  case INFILE_DATA: return "data files";
  case INFILE_IMAGE: return "images";
  case INFILE_XML: break;
  }
  return "XML files";
}

/* path -> the real path of the folder it must stay in. Per process
 * (batch workers are processes); entries live as long as it does. */
static GHashTable *confined;

void infile_confine(const char *path, const char *root) {
  char *real = realpath(root, NULL);
  if (!confined) confined = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  /* a root that cannot be resolved confines to nothing: every read fails */
  g_hash_table_replace(confined, g_strdup(path), g_strdup(real ? real : "/nonexistent/"));
  free(real);
}

/* Every path opened so far (a set); with `confined`, what infile_named_paths
 * returns. */
static GHashTable *opened;

static void note_opened(const char *path) {
  if (!opened) opened = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  if (!g_hash_table_contains(opened, path)) g_hash_table_add(opened, g_strdup(path));
}

static gint compare_strings(gconstpointer a, gconstpointer b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

char **infile_named_paths(void) {
  GHashTable *all = g_hash_table_new(g_str_hash, g_str_equal);
  GHashTable *sets[] = {confined, opened};
  for (guint i = 0; i < G_N_ELEMENTS(sets); i++) {
    if (!sets[i]) continue;
    GHashTableIter it;
    gpointer key;
    g_hash_table_iter_init(&it, sets[i]);
    while (g_hash_table_iter_next(&it, &key, NULL)) g_hash_table_add(all, key);
  }
  GPtrArray *paths = g_ptr_array_new();
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init(&it, all);
  while (g_hash_table_iter_next(&it, &key, NULL)) g_ptr_array_add(paths, g_strdup(key));
  g_ptr_array_sort(paths, compare_strings);
  g_ptr_array_add(paths, NULL);
  g_hash_table_destroy(all);
  return (char **)g_ptr_array_free(paths, FALSE);
}

/* Is the file open on `fd` inside `root`? Asked of the kernel about the
 * descriptor itself, so no later swap of a name can change the answer. */
static gboolean opened_inside(int fd, const char *root, GError **error) {
  char link[64], real[PATH_MAX + 1];
  g_snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t n = readlink(link, real, PATH_MAX);
  if (n < 0) {
    g_set_error(error, INFILE_ERROR, INFILE_ERROR_OUTSIDE, "cannot be checked to lie inside its folder: %s (%s)",
                g_strerror(errno), link);
    return FALSE;
  }
  real[n] = '\0';
  size_t rl = strlen(root);
  gboolean inside = strcmp(root, "/") == 0 || (strncmp(real, root, rl) == 0 && real[rl] == '/');
  if (!inside)
    g_set_error(error, INFILE_ERROR, INFILE_ERROR_OUTSIDE, "leads outside the report's folder (through a symbolic link)");
  return inside;
}

static void too_large(InfileKind kind, double bytes, GError **error) {
  g_set_error(error, INFILE_ERROR, INFILE_ERROR_TOO_LARGE, "is too large (%.1f MB): %s of up to %u MB are read",
              bytes / (1024 * 1024), kind_files(kind), (unsigned)(infile_limit(kind) / (1024 * 1024)));
}

/* " (did you mean 'board.xml'?)" for a missing file named like one in
 * its folder ("baord.xml"), else "". */
static char *near_name_hint(const char *path) {
  char *dir = g_path_get_dirname(path), *base = g_path_get_basename(path), *hint = NULL;
  GDir *d = g_dir_open(dir, 0, NULL);
  GHashTable *names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (const char *n; d && (n = g_dir_read_name(d));) g_hash_table_add(names, g_strdup(n));
  const char *near = spelling_nearest_key(names, base);
  hint = near ? g_strdup_printf(" (did you mean '%s'?)", near) : g_strdup("");
  g_hash_table_destroy(names);
  if (d) g_dir_close(d);
  g_free(dir), g_free(base);
  return hint;
}

/* Open `path` and check what was opened; the descriptor, or -1. */
static int open_checked(const char *path, InfileKind kind, struct stat *st, GError **error) {
  /* O_NONBLOCK: opening a FIFO for reading must not wait for a writer */
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) {
    int e = errno;
    char *hint = e == ENOENT ? near_name_hint(path) : g_strdup("");
    g_set_error(error, INFILE_ERROR, e == EISDIR ? INFILE_ERROR_DIRECTORY : INFILE_ERROR_OPEN, "%s%s%s",
                e == EISDIR ? "is a directory, not a file" : "cannot read: ", e == EISDIR ? "" : g_strerror(e), hint);
    g_free(hint);
    return -1;
  }
  const char *root = confined ? g_hash_table_lookup(confined, path) : NULL;
  gboolean ok = fstat(fd, st) == 0;
  if (!ok)
    g_set_error(error, INFILE_ERROR, INFILE_ERROR_READ, "cannot read: %s", g_strerror(errno));
  else if (root && !opened_inside(fd, root, error))
    ok = FALSE;
  else if (S_ISDIR(st->st_mode))
    ok = FALSE, g_set_error(error, INFILE_ERROR, INFILE_ERROR_DIRECTORY, "is a directory, not a file");
  else if (!S_ISREG(st->st_mode))
    ok = FALSE, g_set_error(error, INFILE_ERROR, INFILE_ERROR_NOT_REGULAR,
                            "is not a regular file (FIFOs, devices and sockets are not read)");
  else if ((guint64)st->st_size > infile_limit(kind))
    ok = FALSE, too_large(kind, (double)st->st_size, error);
  if (!ok) {
    close(fd);
    return -1;
  }
  outfile_note_input(path);
  note_opened(path);
  return fd;
}

gboolean infile_check(const char *path, InfileKind kind, GError **error) {
  struct stat st;
  int fd = open_checked(path, kind, &st, error);
  if (fd >= 0) close(fd);
  return fd >= 0;
}

/* Read at most `max` bytes; a file still longer than `limit` (it grew, or
 * its size said 0 as /proc files do) is refused. */
static GBytes *read_fd(int fd, InfileKind kind, gsize want, gsize size, gsize limit, GError **error) {
  GByteArray *buf = g_byte_array_sized_new((guint)MIN(want, size + 1));
  guint8 chunk[65536];
  for (;;) {
    gsize room = want - MIN(buf->len, want);
    if (room == 0) break;
    ssize_t n = read(fd, chunk, MIN(sizeof chunk, room));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      g_set_error(error, INFILE_ERROR, INFILE_ERROR_READ, "cannot read: %s", g_strerror(errno));
      g_byte_array_unref(buf);
      return NULL;
    }
    if (n == 0) break;
    g_byte_array_append(buf, chunk, (guint)n);
  }
  if (buf->len > limit) {
    too_large(kind, (double)buf->len, error);
    g_byte_array_unref(buf);
    return NULL;
  }
  return g_byte_array_free_to_bytes(buf);
}

static GBytes *read_checked(const char *path, InfileKind kind, gsize head, GError **error) {
  struct stat st;
  int fd = open_checked(path, kind, &st, error);
  if (fd < 0) return NULL;
  gsize limit = infile_limit(kind);
  /* one byte past the limit tells a file that grew from one that fits */
  GBytes *bytes = read_fd(fd, kind, head ? head : limit + 1, (gsize)st.st_size, limit, error);
  close(fd);
  return bytes;
}

GBytes *infile_read(const char *path, InfileKind kind, GError **error) { return read_checked(path, kind, 0, error); }

GBytes *infile_read_reported(const char *path, InfileKind kind, DiagList *diags) {
  GError *err = NULL;
  GBytes *bytes = read_checked(path, kind, 0, &err);
  if (!bytes) {
    diag_error(diags, path, 0, 0, "%s", err->message);
    g_error_free(err);
  }
  return bytes;
}

GBytes *infile_read_head(const char *path, InfileKind kind, gsize len, GError **error) {
  return read_checked(path, kind, MAX(len, 1), error);
}
