/* Helpers shared by the bad-input tests (test_bad_input.c, for what
 * boardpack reads, and test_bad_files.c, for the files it reads and
 * writes): running the real binary measured, fixtures, and the
 * assertions every refused input must pass. */
#ifndef BOARDPACK_BADINPUT_H
#define BOARDPACK_BADINPUT_H

#include "e2eutil.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

/* Not every test file uses every helper. */
#pragma GCC diagnostic ignored "-Wunused-function"

#define META "<meta><committee>Panel</committee><date>2013-09-10</date><title>T</title></meta>"
#define PRECIOUS "precious bytes"

/* Generous bounds for large valid input: builds with sanitizers are several
 * times slower and bigger than the plain build. */
#define LARGE_CPU_SECONDS 180.0
#define LARGE_MAX_RSS_KB (2 * 1024 * 1024)
/* Bounds in proportion to an input (memory per byte of data) are this many
 * times looser under AddressSanitizer, whose allocator keeps freed memory
 * in quarantine and pads every block (a 20 MB CSV: 145 MB plain, 854 MB
 * under ASan). The test is built in the same mode as the binary. */
#ifdef __SANITIZE_ADDRESS__
#define SANITIZER_MEMORY_FACTOR 8.0
#else
#define SANITIZER_MEMORY_FACTOR 1.0
#endif

static char *dir;

static const char catalogue_xml[] =
    "<catalogue authority='Test'>\n"
    " <group name='G'>\n"
    "  <measure ref='P1' kind='percentage' polarity='BB' basis='monthly'><title>Percent</title></measure>\n"
    "  <measure ref='C1' kind='count' basis='monthly'><title>Count</title></measure>\n"
    " </group>\n"
    "</catalogue>\n";

/* ---- running the binary, measured ---------------------------------------- */

typedef struct {
  int status;     /* exit status, or -1 when killed by a signal */
  int signal;     /* the signal that ended it, or 0 */
  char *err;      /* what it printed on stderr */
  double cpu;     /* user + system seconds */
  long max_rss;   /* kilobytes */
  gboolean timed_out;
} Measured;

static void measured_clear(Measured *m) {
  g_free(m->err);
  m->err = NULL;
}

/* Start argv with stdout to /dev/null and stderr to a scratch file. */
static pid_t spawn(const char *const *argv, const char *err_path) {
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    int null = open("/dev/null", O_WRONLY), err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(null, 1);
    dup2(err, 2);
    execvp(argv[0], (char *const *)argv);
    _exit(127);
  }
  return pid;
}

/* Wait for `pid` (killing it after `timeout` seconds) and collect its
 * status and resource use. */
static Measured reap(pid_t pid, const char *err_path, double timeout) {
  Measured m = {.status = -1};
  int status = 0;
  struct rusage ru;
  gint64 deadline = g_get_monotonic_time() + (gint64)(timeout * G_USEC_PER_SEC);
  for (;;) {
    pid_t r = wait4(pid, &status, WNOHANG, &ru);
    if (r == pid) break;
    assert_true(r == 0 || errno == EINTR);
    if (!m.timed_out && g_get_monotonic_time() > deadline) {
      kill(pid, SIGKILL);
      m.timed_out = TRUE;
    }
    g_usleep(2000);
  }
  if (WIFEXITED(status)) m.status = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) m.signal = WTERMSIG(status);
  m.cpu = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
  m.max_rss = ru.ru_maxrss;
  g_file_get_contents(err_path, &m.err, NULL, NULL);
  if (!m.err) m.err = g_strdup("");
  return m;
}

static Measured run_measured(const char *const *argv, double timeout) {
  char *err_path = g_build_filename(dir, "stderr.txt", NULL);
  Measured m = reap(spawn(argv, err_path), err_path, timeout);
  g_free(err_path);
  return m;
}

#define RUN_MEASURED(timeout, ...) run_measured((const char *const[]){__VA_ARGS__, NULL}, (timeout))

/* ---- fixtures ------------------------------------------------------------ */

/* A fresh folder for one test: dir/name. */
static char *case_dir(const char *name) {
  char *d = g_build_filename(dir, name, NULL);
  char *argv[] = {"rm", "-rf", d, NULL};
  RunResult r = run_argv((const char *const *)argv);
  run_result_clear(&r);
  g_mkdir_with_parents(d, 0755);
  return d;
}

/* A report whose body is `body`, with <data> when `values` is not NULL. */
static char *write_spec(const char *d, const char *name, const char *values, const char *body) {
  char *data = values ? g_strdup_printf("<data catalogue='catalogue.xml' values='%s'/>", values) : g_strdup("");
  char *xml = g_strdup_printf("<report>\n" META "\n%s\n<body>\n<section title='S'>\n%s\n</section>\n</body>\n</report>\n",
                              data, body);
  char *path = test_write_file(d, name, xml);
  g_free(xml);
  g_free(data);
  return path;
}

/* A report asking for P1 in 2013-06 from `csv` (written as data.csv). */
static char *write_data_case(const char *d, const char *csv) {
  g_free(test_write_file(d, "catalogue.xml", catalogue_xml));
  g_free(test_write_file(d, "data.csv", csv));
  return write_spec(d, "report.xml", "data.csv", "<p>Value: <value ref='P1' period='2013-06'/>.</p>");
}

static void write_bytes(const char *path, const void *data, gsize len) {
  assert_true(g_file_set_contents(path, data, (gssize)len, NULL));
}

/* A 64x64 RGB PNG (uncompressed deflate blocks, CRCs computed here). */
static GByteArray *png_bytes(void) {
  GByteArray *png = g_byte_array_new();
  static const guint8 sig[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  g_byte_array_append(png, sig, sizeof sig);
  guint32 crc_table[256];
  for (guint32 n = 0; n < 256; n++) {
    guint32 c = n;
    for (int k = 0; k < 8; k++) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
    crc_table[n] = c;
  }
  const int w = 64, h = 64;
  GByteArray *raw = g_byte_array_new();
  for (int y = 0; y < h; y++) {
    guint8 zero = 0;
    g_byte_array_append(raw, &zero, 1);
    for (int x = 0; x < w; x++) {
      guint8 px[3] = {(guint8)(x * 4), (guint8)(y * 4), 128};
      g_byte_array_append(raw, px, 3);
    }
  }
  /* zlib stream with stored blocks */
  GByteArray *z = g_byte_array_new();
  guint8 hdr[2] = {0x78, 0x01};
  g_byte_array_append(z, hdr, 2);
  guint32 a = 1, b = 0;
  for (guint i = 0; i < raw->len; i++) a = (a + raw->data[i]) % 65521, b = (b + a) % 65521;
  for (guint off = 0; off < raw->len;) {
    guint n = MIN(raw->len - off, 65535u);
    guint8 blk[5] = {off + n == raw->len, (guint8)(n & 0xff), (guint8)(n >> 8), (guint8)(~n & 0xff), (guint8)((~n >> 8) & 0xff)};
    g_byte_array_append(z, blk, 5);
    g_byte_array_append(z, raw->data + off, n);
    off += n;
  }
  guint32 adler = (b << 16) | a;
  guint8 ad[4] = {adler >> 24, adler >> 16, adler >> 8, adler};
  g_byte_array_append(z, ad, 4);
  struct {
    const char *type;
    const guint8 *data;
    guint len;
  } chunks[3];
  guint8 ihdr[13] = {0, 0, 0, w, 0, 0, 0, h, 8, 2, 0, 0, 0};
  chunks[0].type = "IHDR", chunks[0].data = ihdr, chunks[0].len = 13;
  chunks[1].type = "IDAT", chunks[1].data = z->data, chunks[1].len = z->len;
  chunks[2].type = "IEND", chunks[2].data = NULL, chunks[2].len = 0;
  for (int i = 0; i < 3; i++) {
    guint8 len[4] = {chunks[i].len >> 24, chunks[i].len >> 16, chunks[i].len >> 8, chunks[i].len};
    g_byte_array_append(png, len, 4);
    guint start = png->len;
    g_byte_array_append(png, (const guint8 *)chunks[i].type, 4);
    if (chunks[i].len) g_byte_array_append(png, chunks[i].data, chunks[i].len);
    guint32 c = 0xffffffffu;
    for (guint k = start; k < png->len; k++) c = crc_table[(c ^ png->data[k]) & 0xff] ^ (c >> 8);
    c ^= 0xffffffffu;
    guint8 crc[4] = {c >> 24, c >> 16, c >> 8, c};
    g_byte_array_append(png, crc, 4);
  }
  g_byte_array_unref(raw);
  g_byte_array_unref(z);
  return png;
}

/* ---- the common assertions ------------------------------------------------ */

/* No ".NAME.XXXXXX" temporary file in `d`. */
static void assert_no_temporary(const char *d, const char *out_name) {
  char *prefix = g_strdup_printf(".%s.", out_name);
  GDir *gd = g_dir_open(d, 0, NULL);
  assert_non_null(gd);
  for (const char *n; (n = g_dir_read_name(gd));) {
    if (g_str_has_prefix(n, prefix)) fprintf(stderr, "temporary file left: %s/%s\n", d, n);
    assert_false(g_str_has_prefix(n, prefix));
  }
  g_dir_close(gd);
  g_free(prefix);
}

/* Render `spec` over an existing output file in `out_dir` (NULL: the
 * spec's folder): it must be refused with status 1, an error starting
 * "FILE:LINE:COL: error: " (any column when col is 0; "FILE: error: " when
 * line is 0 too) and containing `needle`, the output untouched and no
 * temporary file left. */
static void expect_refused_in(const char *spec, const char *out_dir, const char *file, int line, int col,
                              const char *needle) {
  char *d = out_dir ? g_strdup(out_dir) : g_path_get_dirname(spec);
  char *out = g_build_filename(d, "out.pdf", NULL);
  write_bytes(out, PRECIOUS, strlen(PRECIOUS));
  Measured m = RUN_MEASURED(60, boardpack_bin(), "render", spec, "-o", out);
  char *where = line == 0  ? g_strdup_printf("%s: error: ", file)
                : col == 0 ? g_strdup_printf("%s:%d:", file, line)
                           : g_strdup_printf("%s:%d:%d: error: ", file, line, col);
  gboolean found = FALSE;
  char **lines = g_strsplit(m.err, "\n", -1);
  for (char **l = lines; *l; l++)
    if (g_str_has_prefix(*l, where) && strstr(*l, ": error: ") && strstr(*l, needle)) found = TRUE;
  g_strfreev(lines);
  if (m.status != 1 || !found) fprintf(stderr, "want status 1 and \"%s...%s\"; got %d:\n%s", where, needle, m.status, m.err);
  assert_int_equal(m.status, 1);
  assert_true(found);
  char *content = NULL;
  assert_true(g_file_get_contents(out, &content, NULL, NULL));
  assert_string_equal(content, PRECIOUS);
  assert_no_temporary(d, "out.pdf");
  g_free(content);
  g_free(where);
  measured_clear(&m);
  g_free(out);
  g_free(d);
}

static void expect_refused_at(const char *spec, const char *file, int line, int col, const char *needle) {
  expect_refused_in(spec, NULL, file, line, col, needle);
}

static void expect_refused(const char *spec, int line, int col, const char *needle) {
  expect_refused_at(spec, spec, line, col, needle);
}

/* Render `spec` to out.pdf beside it: it must succeed within the bounds. */
static void expect_renders_bounded(const char *spec, const char *what) {
  char *d = g_path_get_dirname(spec);
  char *out = g_build_filename(d, "out.pdf", NULL);
  Measured m = RUN_MEASURED(LARGE_CPU_SECONDS * 2, boardpack_bin(), "render", spec, "-o", out);
  fprintf(stderr, "  %s: status %d, %.1f s CPU, %ld MB peak\n", what, m.status, m.cpu, m.max_rss / 1024);
  if (m.status != 0) fprintf(stderr, "%s", m.err);
  assert_false(m.timed_out);
  assert_int_equal(m.status, 0);
  assert_true(m.cpu < LARGE_CPU_SECONDS);
  assert_true(m.max_rss < LARGE_MAX_RSS_KB);
  RunResult q = RUN("qpdf", "--check", out);
  assert_int_equal(q.status, 0);
  run_result_clear(&q);
  assert_no_temporary(d, "out.pdf");
  measured_clear(&m);
  g_free(out);
  g_free(d);
}

#endif
