/* infile and pngimage: confinement checked on what was opened (a link
 * inside the folder is followed, one leading out refused), only regular
 * files, the size limit before and while reading, file heads; and PNG
 * headers checked before decoding (a decompression bomb, a side over
 * cairo's limit, a file that is no PNG). */
#include "testutil.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/infile.h"
#include "base/pngimage.h"

static char *dir;

/* `errp` is read here, after the call in the argument list has set it. */
static void assert_refused(GBytes *bytes, GError **errp, InfileErrorCode code, const char *needle) {
  GError *err = *errp;
  *errp = NULL;
  assert_null(bytes);
  assert_non_null(err);
  if (!g_error_matches(err, INFILE_ERROR, (gint)code) || !strstr(err->message, needle))
    fprintf(stderr, "got %d \"%s\", want %d \"%s\"\n", err->code, err->message, code, needle);
  assert_true(g_error_matches(err, INFILE_ERROR, (gint)code));
  assert_non_null(strstr(err->message, needle));
  g_error_free(err);
}

static void test_confined_reads(void **state) {
  (void)state;
  char *root = g_build_filename(dir, "root", NULL);
  g_mkdir_with_parents(root, 0755);
  char *inside = test_write_file(root, "inside.txt", "inside");
  char *secret = test_write_file(dir, "secret.txt", "secret");
  char *good = g_build_filename(root, "good-link.txt", NULL), *bad = g_build_filename(root, "bad-link.txt", NULL);
  unlink(good), unlink(bad);
  assert_int_equal(symlink("inside.txt", good), 0);
  assert_int_equal(symlink("../secret.txt", bad), 0);
  infile_confine(good, root);
  infile_confine(bad, root);
  GError *err = NULL;
  GBytes *b = infile_read(good, INFILE_XML, &err);
  assert_non_null(b);
  assert_int_equal(g_bytes_get_size(b), 6);
  g_bytes_unref(b);
  assert_refused(infile_read(bad, INFILE_XML, &err), &err, INFILE_ERROR_OUTSIDE, "leads outside");
  err = NULL;
  assert_false(infile_check(bad, INFILE_XML, &err));
  g_clear_error(&err);
  /* unconfined, the same path may be read (a spec named on the command line) */
  b = infile_read(secret, INFILE_XML, &err);
  assert_non_null(b);
  g_bytes_unref(b);
  g_free(good), g_free(bad), g_free(secret), g_free(inside), g_free(root);
}

static void test_only_regular_files_of_bounded_size(void **state) {
  (void)state;
  GError *err = NULL;
  assert_refused(infile_read(dir, INFILE_XML, &err), &err, INFILE_ERROR_DIRECTORY, "is a directory");
  char *fifo = g_build_filename(dir, "fifo", NULL);
  unlink(fifo);
  assert_int_equal(mkfifo(fifo, 0644), 0);
  err = NULL; /* opened without blocking, then refused */
  assert_refused(infile_read(fifo, INFILE_DATA, &err), &err, INFILE_ERROR_NOT_REGULAR, "not a regular file");
  err = NULL;
  assert_refused(infile_read("/dev/zero", INFILE_DATA, &err), &err, INFILE_ERROR_NOT_REGULAR, "not a regular file");
  err = NULL;
  char *missing = g_build_filename(dir, "missing", NULL);
  assert_refused(infile_read(missing, INFILE_XML, &err), &err, INFILE_ERROR_OPEN, "No such file");
  /* a name one slip from a file beside it says which */
  char *board = g_build_filename(dir, "board.xml", NULL), *baord = g_build_filename(dir, "baord.xml", NULL);
  g_assert_true(g_file_set_contents(board, "<report/>", -1, NULL));
  err = NULL;
  assert_refused(infile_read(baord, INFILE_XML, &err), &err, INFILE_ERROR_OPEN,
                 "No such file or directory (did you mean 'board.xml'?)");
  g_free(board), g_free(baord);
  char *big = g_build_filename(dir, "big", NULL);
  int fd = open(big, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  assert_int_equal(ftruncate(fd, INFILE_XML_MAX + 1), 0);
  close(fd);
  err = NULL;
  assert_refused(infile_read(big, INFILE_XML, &err), &err, INFILE_ERROR_TOO_LARGE, "XML files of up to 16 MB");
  /* the data limit is larger: the same file is read as data */
  GBytes *b = infile_read(big, INFILE_DATA, &err);
  assert_non_null(b);
  assert_int_equal(g_bytes_get_size(b), INFILE_XML_MAX + 1);
  g_bytes_unref(b);
  /* a file whose size says 0 but that reads on (as /proc files do) is cut at the limit */
  err = NULL;
  b = infile_read("/proc/self/maps", INFILE_XML, &err);
  assert_non_null(b);
  g_bytes_unref(b);
  b = infile_read_head(big, INFILE_DATA, 4, &err);
  assert_int_equal(g_bytes_get_size(b), 4);
  g_bytes_unref(b);
  g_free(big), g_free(missing), g_free(fifo);
}

static char *png_with_size(const char *name, guint32 w, guint32 h) {
  guint8 head[33] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
  for (int i = 0; i < 4; i++) head[16 + i] = (guint8)(w >> (24 - 8 * i)), head[20 + i] = (guint8)(h >> (24 - 8 * i));
  head[24] = 8, head[25] = 2;
  char *path = g_build_filename(dir, name, NULL);
  assert_true(g_file_set_contents(path, (const char *)head, sizeof head, NULL));
  return path;
}

static void test_png_headers_checked_before_decoding(void **state) {
  (void)state;
  GError *err = NULL;
  char *bomb = png_with_size("bomb.png", 20000, 20000);
  assert_false(pngimage_check(bomb, NULL, NULL, &err));
  assert_true(g_error_matches(err, PNGIMAGE_ERROR, PNGIMAGE_ERROR_TOO_BIG));
  assert_non_null(strstr(err->message, "400 million"));
  g_clear_error(&err);
  assert_null(pngimage_load(bomb, &err));
  assert_true(g_error_matches(err, PNGIMAGE_ERROR, PNGIMAGE_ERROR_TOO_BIG));
  g_clear_error(&err);
  char *wide = png_with_size("wide.png", 40000, 10);
  assert_false(pngimage_check(wide, NULL, NULL, &err));
  assert_non_null(strstr(err->message, "cairo's limit"));
  g_clear_error(&err);
  char *fine = png_with_size("fine.png", 640, 480);
  guint w = 0, h = 0;
  assert_true(pngimage_check(fine, &w, &h, &err));
  assert_int_equal(w, 640);
  assert_int_equal(h, 480);
  assert_null(pngimage_load(fine, &err)); /* header only: no pixels */
  assert_true(g_error_matches(err, PNGIMAGE_ERROR, PNGIMAGE_ERROR_DAMAGED));
  g_clear_error(&err);
  char *text = test_write_file(dir, "text.png", "not a png at all, no");
  assert_false(pngimage_check(text, NULL, NULL, &err));
  assert_true(g_error_matches(err, PNGIMAGE_ERROR, PNGIMAGE_ERROR_NOT_PNG));
  g_clear_error(&err);
  g_free(text), g_free(fine), g_free(wide), g_free(bomb);
}

/* An image finer than 450 dpi at its printed width is kept at 300 dpi;
 * one coarser is kept as it is. */
static void test_png_scaled_for_print(void **state) {
  (void)state;
  cairo_surface_t *big = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 3000, 1500);
  cairo_surface_t *kept = pngimage_for_print(big, 144); /* 2 inches: 1500 dpi */
  assert_int_equal(cairo_image_surface_get_width(kept), 600);
  assert_int_equal(cairo_image_surface_get_height(kept), 300);
  cairo_surface_destroy(kept);
  kept = pngimage_for_print(big, 72 * 7); /* 7 inches: 429 dpi, kept */
  assert_ptr_equal(kept, big);
  cairo_surface_destroy(kept);
  cairo_surface_destroy(big);
}

/* What `boardpack watch` watches: every path confined (named by a spec,
 * read or not yet) or opened, each once, sorted; a file that could not be
 * opened is not among them unless it was confined. */
static void test_named_paths(void **state) {
  (void)state;
  char *sub = g_build_filename(dir, "named", NULL);
  g_mkdir_with_parents(sub, 0755);
  char *b = test_write_file(sub, "b.xml", "<b/>");
  char *a = g_build_filename(sub, "a.png", NULL); /* named by a spec, not there yet */
  char *missing = g_build_filename(sub, "missing.csv", NULL);
  infile_confine(a, sub);
  GError *err = NULL;
  GBytes *bytes = infile_read(b, INFILE_XML, &err);
  assert_non_null(bytes);
  g_bytes_unref(bytes);
  bytes = infile_read(b, INFILE_XML, &err);
  g_bytes_unref(bytes);
  assert_null(infile_read(missing, INFILE_DATA, &err));
  g_clear_error(&err);
  char **paths = infile_named_paths();
  guint seen_a = 0, seen_b = 0;
  for (char **p = paths; *p; p++) {
    if (p[1]) assert_true(strcmp(p[0], p[1]) < 0);
    seen_a += strcmp(*p, a) == 0;
    seen_b += strcmp(*p, b) == 0;
    assert_string_not_equal(*p, missing);
  }
  assert_int_equal(seen_a, 1);
  assert_int_equal(seen_b, 1);
  g_strfreev(paths);
  g_free(missing);
  g_free(a);
  g_free(b);
  g_free(sub);
}

int main(void) {
  dir = test_scratch_dir("infile");
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_confined_reads),
      cmocka_unit_test(test_only_regular_files_of_bounded_size),
      cmocka_unit_test(test_png_headers_checked_before_decoding),
      cmocka_unit_test(test_png_scaled_for_print),
      cmocka_unit_test(test_named_paths),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  g_free(dir);
  return rc;
}
