/* Golden tests: the real binary's box dump (--format boxes) of a few
 * inputs compared line for line with the references in tests/golden/, and
 * a few pages rendered at 50 dpi compared with reference PNGs there.
 *
 * A box dump must match exactly; on a difference the test prints the file,
 * the head of a unified diff and how to accept the change. A PNG may differ
 * by anti-aliasing noise: a pixel differs when a channel is off by more than
 * PNG_CHANNEL_TOLERANCE, and the page fails when more than
 * PNG_DIFFERING_SHARE of its pixels differ (or its size changed); a diff
 * image (differences red over a faded page) is written beside the actual
 * page in $BOARDPACK_TEST_OUT/golden/.
 *
 * With BOARDPACK_GOLDEN_UPDATE=1 (make test-update) every reference that
 * does not match is rewritten instead, and the test passes: a PNG that
 * matches within the tolerance is left alone, so noise never churns the
 * repository. Review the rewritten files with git diff before committing. */
#include "e2eutil.h"

#include <cairo.h>
#include <stdlib.h>

#define GOLDEN_DIR "tests/golden"
#define PNG_DPI "50"
/* Measured on the Walsall pages: the whole page moved by 0.1 to 1 pixel
 * (0.05-0.5 mm) differs in at most 0.32% of its pixels; underlining the
 * scorecard's labels (they became links) in 0.51%; the page moved by 2
 * pixels (1 mm) in 1.4-1.8%. */
#define PNG_CHANNEL_TOLERANCE 64     /* of 255 */
#define PNG_DIFFERING_SHARE 0.004
#define DIFF_HEAD_LINES 40

typedef struct {
  const char *name;    /* tests/golden/NAME.boxes */
  const char *command; /* render or pack */
  const char *input;
} BoxCase;

static const BoxCase box_cases[] = {
    {"features", "render", "tests/data/features/report.xml"},
    {"walsall", "render", "samples/walsall-2013-09/report.xml"},
    {"split-table", "render", "tests/data/golden/split-table.xml"},
    {"slides-shrink", "render", "tests/data/golden/slides.xml"},
    {"contents", "render", "tests/data/golden/contents.xml"},
    {"pack", "pack", "samples/anytown/pack-2013-05.xml"},
};

typedef struct {
  const char *name;  /* tests/golden/NAME.png */
  const char *input;
  const char *text;  /* the page is the first one with a text box containing this */
} PngCase;

static const PngCase png_cases[] = {
    {"scorecard-page", "samples/walsall-2013-09/report.xml", "Child Protection Plans"},
    {"chart-page", "samples/walsall-2013-09/report.xml", "System entries using the chronology case fields"},
    {"slide-page", "samples/walsall-2013-09/report.xml", "Our Next Steps to Secure 'Good' Services"},
};

static gboolean updating(void) {
  const char *u = g_getenv("BOARDPACK_GOLDEN_UPDATE");
  return u && *u && strcmp(u, "0") != 0;
}

static char *out_path(const char *name, const char *ext) {
  char *dir = test_scratch_dir("golden");
  char *file = g_strconcat(name, ext, NULL);
  char *path = g_build_filename(dir, file, NULL);
  g_free(file);
  g_free(dir);
  return path;
}

/* The dump of `input`, or NULL (with the binary's stderr printed). Each
 * input is dumped once per run: the PNG cases look their pages up in it. */
static char *dump_of(const char *command, const char *input) {
  static GHashTable *dumps;
  if (!dumps) dumps = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  char *key = g_strconcat(command, " ", input, NULL);
  const char *known = g_hash_table_lookup(dumps, key);
  if (known) {
    g_free(key);
    return g_strdup(known);
  }
  RunResult r = RUN(boardpack_bin(), command, input, "--format", "boxes");
  char *out = NULL;
  if (r.status == 0) {
    out = g_strdup(r.out);
    g_hash_table_insert(dumps, key, g_steal_pointer(&r.out));
  } else {
    fprintf(stderr, "boardpack %s %s --format boxes failed:\n%s", command, input, r.err);
    g_free(key);
  }
  run_result_clear(&r);
  return out;
}

static void write_or_fail(const char *path, const char *bytes, gssize len) {
  GError *err = NULL;
  if (!g_file_set_contents(path, bytes, len, &err)) fail_msg("cannot write %s: %s", path, err->message);
}

/* The first DIFF_HEAD_LINES lines of `diff -u reference actual`. */
static void print_diff_head(const char *reference, const char *actual) {
  RunResult d = RUN("diff", "-u", "--label", reference, "--label", actual, reference, actual);
  char **lines = g_strsplit(d.out ? d.out : "", "\n", -1);
  guint n = g_strv_length(lines);
  for (guint i = 0; i < n && i < DIFF_HEAD_LINES; i++) fprintf(stderr, "  %s\n", lines[i]);
  if (n > DIFF_HEAD_LINES + 1) fprintf(stderr, "  ... (%u more lines of diff)\n", n - 1 - DIFF_HEAD_LINES);
  g_strfreev(lines);
  run_result_clear(&d);
}

static void test_boxes(void **state) {
  const BoxCase *c = *state;
  char *dump = dump_of(c->command, c->input);
  assert_non_null(dump);
  char *file = g_strconcat(c->name, ".boxes", NULL);
  char *reference = g_build_filename(GOLDEN_DIR, file, NULL);
  char *actual = out_path(c->name, ".boxes");
  write_or_fail(actual, dump, -1);
  char *want = NULL;
  gboolean same = g_file_get_contents(reference, &want, NULL, NULL) && strcmp(want, dump) == 0;
  if (!same && updating()) {
    write_or_fail(reference, dump, -1);
    fprintf(stderr, "golden: rewrote %s\n", reference);
  } else if (!same) {
    fprintf(stderr,
            "\n%s: the box dump of %s %s differs from this reference.\n"
            "First differences (- reference, + now; the whole dump is %s):\n",
            reference, c->command, c->input, actual);
    if (want) print_diff_head(reference, actual);
    else fprintf(stderr, "  (there is no reference yet)\n");
    fprintf(stderr, "If the change is intended, run `make test-update` and review `git diff %s`.\n\n", GOLDEN_DIR);
  }
  g_free(want);
  g_free(actual);
  g_free(reference);
  g_free(file);
  g_free(dump);
  if (!same && !updating()) fail();
}

/* ---- PNG pages -------------------------------------------------------- */

/* The number of the first page whose dump has a text box containing
 * `text`, or 0. */
static guint page_with_text(const char *dump, const char *text) {
  char **lines = g_strsplit(dump, "\n", -1);
  guint page = 0;
  for (char **l = lines; *l && !page; l++) {
    unsigned p = 0;
    char kind[16];
    if (sscanf(*l, "%u %15s", &p, kind) == 2 && strcmp(kind, "text") == 0 && strstr(*l, text)) page = p;
  }
  g_strfreev(lines);
  return page;
}

static gboolean surface_ok(cairo_surface_t *s) { return s && cairo_surface_status(s) == CAIRO_STATUS_SUCCESS; }

/* The pixel at (x, y) as 0xAARRGGBB (premultiplied, as cairo keeps it);
 * an RGB24 surface's unused byte reads as opaque. */
static guint32 pixel(cairo_surface_t *s, int x, int y) {
  const unsigned char *row = cairo_image_surface_get_data(s) + (size_t)y * (size_t)cairo_image_surface_get_stride(s);
  guint32 v = ((const guint32 *)(const void *)row)[x];
  return cairo_image_surface_get_format(s) == CAIRO_FORMAT_ARGB32 ? v : v | 0xff000000u;
}

static gboolean pixels_differ(guint32 a, guint32 b) {
  for (int shift = 0; shift < 32; shift += 8) {
    int d = (int)(a >> shift & 0xff) - (int)(b >> shift & 0xff);
    if (abs(d) > PNG_CHANNEL_TOLERANCE) return TRUE;
  }
  return FALSE;
}

/* Whether pixel (x, y) of `a` has a pixel within the channel tolerance
 * at the same place in `b` or one pixel away (glyphs snapped to a
 * neighbouring pixel by hinting are noise, not a change). */
static gboolean matched_near(cairo_surface_t *a, cairo_surface_t *b, int x, int y) {
  int w = cairo_image_surface_get_width(a), h = cairo_image_surface_get_height(a);
  guint32 v = pixel(a, x, y);
  for (int dy = -1; dy <= 1; dy++)
    for (int dx = -1; dx <= 1; dx++) {
      int bx = x + dx, by = y + dy;
      if (bx >= 0 && by >= 0 && bx < w && by < h && !pixels_differ(v, pixel(b, bx, by))) return TRUE;
    }
  return FALSE;
}

/* Pixels that differ: those of `actual` with no match near them in
 * `reference`, or of `reference` with none in `actual` (what went missing).
 * Painted red in `diff` over a faded copy of the page when diff is non-NULL. */
static long count_differing(cairo_surface_t *reference, cairo_surface_t *actual, cairo_surface_t *diff) {
  int w = cairo_image_surface_get_width(actual), h = cairo_image_surface_get_height(actual);
  cairo_surface_flush(reference);
  cairo_surface_flush(actual);
  long n = 0;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++) {
      guint32 a = pixel(actual, x, y);
      gboolean differs = !matched_near(actual, reference, x, y) || !matched_near(reference, actual, x, y);
      n += differs;
      if (!diff) continue;
      guint32 grey = (((a >> 16 & 0xff) + (a >> 8 & 0xff) + (a & 0xff)) / 3) / 4 + 191;
      unsigned char *row = cairo_image_surface_get_data(diff) + (size_t)y * (size_t)cairo_image_surface_get_stride(diff);
      ((guint32 *)(void *)row)[x] = differs ? 0xffff0000u : 0xff000000u | grey << 16 | grey << 8 | grey;
    }
  if (diff) cairo_surface_mark_dirty(diff);
  return n;
}

/* Why the page does not match its reference, or NULL when it does. */
static char *png_mismatch(cairo_surface_t *reference, cairo_surface_t *actual, const char *diff_path) {
  if (!surface_ok(reference)) return g_strdup("there is no readable reference PNG");
  int w = cairo_image_surface_get_width(actual), h = cairo_image_surface_get_height(actual);
  if (cairo_image_surface_get_width(reference) != w || cairo_image_surface_get_height(reference) != h)
    return g_strdup_printf("the page is %dx%d pixels, the reference %dx%d", w, h,
                           cairo_image_surface_get_width(reference), cairo_image_surface_get_height(reference));
  cairo_surface_t *diff = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
  long n = count_differing(reference, actual, diff);
  char *why = NULL;
  if ((double)n > PNG_DIFFERING_SHARE * w * h) {
    cairo_surface_write_to_png(diff, diff_path);
    why = g_strdup_printf("%ld of %d pixels (%.2f%%, more than %.2f%%) differ by more than %d/255 in a channel; "
                          "differences in red: %s",
                          n, w * h, 100.0 * (double)n / (w * h), 100 * PNG_DIFFERING_SHARE, PNG_CHANNEL_TOLERANCE,
                          diff_path);
  }
  cairo_surface_destroy(diff);
  return why;
}

/* The folder with every page of `input` at PNG_DPI (rendered once per
 * run), or NULL. */
static const char *pages_of(const char *input) {
  static GHashTable *dirs;
  if (!dirs) dirs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  const char *known = g_hash_table_lookup(dirs, input);
  if (known) return known;
  /* samples/walsall-2013-09/report.xml → walsall-2013-09-report.xml-pages */
  char *base = g_path_get_basename(input), *parent = g_path_get_dirname(input);
  char *parent_name = g_path_get_basename(parent);
  char *name = g_strdup_printf("%s-%s", parent_name, base);
  char *dir = out_path(name, "-pages");
  g_free(name), g_free(parent_name), g_free(parent), g_free(base);
  RunResult r = RUN(boardpack_bin(), "render", input, "--format", "png", "--dpi", PNG_DPI, "-o", dir);
  if (r.status != 0) {
    fprintf(stderr, "%s", r.err);
    g_free(dir);
    dir = NULL;
  } else {
    g_hash_table_insert(dirs, g_strdup(input), dir);
  }
  run_result_clear(&r);
  return dir;
}

/* The page of `c` rendered at PNG_DPI; its path, or NULL. */
static char *render_page(const PngCase *c) {
  char *dump = dump_of("render", c->input);
  if (!dump) return NULL;
  guint page = page_with_text(dump, c->text);
  g_free(dump);
  if (!page) {
    fprintf(stderr, "golden: no page of %s has a text box with \"%s\"\n", c->input, c->text);
    return NULL;
  }
  const char *dir = pages_of(c->input);
  if (!dir) return NULL;
  char name[32];
  g_snprintf(name, sizeof name, "page-%03u.png", page);
  return g_build_filename(dir, name, NULL);
}

static void test_png(void **state) {
  const PngCase *c = *state;
  char *page = render_page(c);
  assert_non_null(page);
  char *file = g_strconcat(c->name, ".png", NULL);
  char *reference = g_build_filename(GOLDEN_DIR, file, NULL);
  char *diff_path = out_path(c->name, ".diff.png");
  cairo_surface_t *actual = cairo_image_surface_create_from_png(page);
  assert_true(surface_ok(actual));
  cairo_surface_t *ref = cairo_image_surface_create_from_png(reference);
  char *why = png_mismatch(ref, actual, diff_path);
  if (why && updating()) {
    char *bytes = NULL;
    gsize len = 0;
    assert_true(g_file_get_contents(page, &bytes, &len, NULL));
    write_or_fail(reference, bytes, (gssize)len);
    fprintf(stderr, "golden: rewrote %s (%s)\n", reference, why);
    g_free(bytes);
  } else if (why) {
    fprintf(stderr,
            "\n%s: the page of %s with \"%s\" (%s) does not look like this reference: %s.\n"
            "If the change is intended, run `make test-update` and review the new PNG.\n\n",
            reference, c->input, c->text, page, why);
  }
  gboolean failed = why && !updating();
  g_free(why);
  cairo_surface_destroy(ref);
  cairo_surface_destroy(actual);
  g_free(diff_path);
  g_free(reference);
  g_free(file);
  g_free(page);
  if (failed) fail();
}

/* The comparison itself: a page matches itself and a copy moved by a
 * fifth of a pixel or by one pixel (noise), not one moved by four. */
static void test_png_compare_catches_a_moved_block(void **state) {
  (void)state;
  int w = 200, h = 200;
  const double dy[4] = {0, 0.2, 1, 4};
  const gboolean same[4] = {TRUE, TRUE, TRUE, FALSE};
  cairo_surface_t *s[4];
  for (int i = 0; i < 4; i++) {
    s[i] = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t *cr = cairo_create(s[i]);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_rectangle(cr, 40.3, 60.3 + dy[i], 120, 10); /* a line of text, roughly */
    cairo_fill(cr);
    cairo_destroy(cr);
  }
  char *diff_path = out_path("self-test", ".diff.png");
  for (int i = 0; i < 4; i++) {
    char *why = png_mismatch(s[0], s[i], diff_path);
    if (same[i] != !why) fail_msg("moved by %.1f px: %s", dy[i], why ? why : "no difference found");
    g_free(why);
  }
  for (int i = 0; i < 4; i++) cairo_surface_destroy(s[i]);
  g_free(diff_path);
}

int main(void) {
  enum { N_BOX = G_N_ELEMENTS(box_cases), N_PNG = G_N_ELEMENTS(png_cases) };
  struct CMUnitTest tests[N_BOX + N_PNG + 1];
  for (guint i = 0; i < N_BOX; i++)
    tests[i] = (struct CMUnitTest){.name = box_cases[i].name, .test_func = test_boxes,
                                   .initial_state = (void *)&box_cases[i]};
  for (guint i = 0; i < N_PNG; i++)
    tests[N_BOX + i] = (struct CMUnitTest){.name = png_cases[i].name, .test_func = test_png,
                                           .initial_state = (void *)&png_cases[i]};
  tests[N_BOX + N_PNG] = (struct CMUnitTest)cmocka_unit_test(test_png_compare_catches_a_moved_block);
  return cmocka_run_group_tests(tests, NULL, NULL);
}
