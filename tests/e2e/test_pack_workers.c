/* One pack on two workers (`pack -j 2`, pack_write_on): its reports laid
 * out in two processes and drawn by one give the same bytes as `-j 1`
 * (the twelve Anytown packs, and the Walsall paper ten times, with its
 * charts, tables, images and contents page references); a report whose
 * layout fails on a worker, or that does not build, gives its
 * file:line:col: error, a non-zero exit, and leaves the PDF already there
 * as it was, with no scratch file left behind. */
#include "e2eutil.h"
#include "pdfua_check.h"

static char *dir;

/* `pack` written with -j `jobs` into `outdir`; the PDF's path. */
static char *pack_on(const char *pack, const char *jobs, const char *outdir) {
  RunResult r = RUN(boardpack_bin(), "pack", "-j", jobs, "--outdir", outdir, pack);
  if (r.status != 0) fprintf(stderr, "%s", r.err);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  char *base = g_path_get_basename(pack);
  *strrchr(base, '.') = '\0';
  char *name = g_strconcat(base, ".pdf", NULL);
  char *pdf = g_build_filename(outdir, name, NULL);
  g_free(name), g_free(base);
  return pdf;
}

/* -j 1 and -j 2 into sibling folders (the XMP's recorded paths are
 * relative to the output's folder: siblings record the same ones). */
static void assert_same_on_two_workers(const char *pack, const char *tag) {
  char *one = g_build_filename(dir, tag, "j1", NULL), *two = g_build_filename(dir, tag, "j2", NULL);
  char *a = pack_on(pack, "1", one), *b = pack_on(pack, "2", two);
  if (!file_bytes_equal(a, b)) fail_msg("%s: -j 2 wrote other bytes than -j 1 (%s, %s)", pack, a, b);
  assert_true(pdf_page_count(a) > 1);
  g_free(a), g_free(b), g_free(one), g_free(two);
}

/* `pack -j 2 PACK -o OUT`, as a clerk would type it for one pack on two
 * cores: the named file, the same bytes as --outdir's (refused before:
 * "-o names one output; with several inputs use --outdir"). */
static void test_one_pack_on_two_workers_with_o(void **state) {
  (void)state;
  char *by_dir = g_build_filename(dir, "o", "dir", NULL), *out_dir = g_build_filename(dir, "o", "named", NULL);
  g_mkdir_with_parents(out_dir, 0755);
  char *a = pack_on("samples/anytown/pack-2013-05.xml", "2", by_dir);
  char *b = g_build_filename(out_dir, "pack-2013-05.pdf", NULL);
  RunResult r = RUN(boardpack_bin(), "pack", "-j", "2", "samples/anytown/pack-2013-05.xml", "-o", b);
  if (r.status != 0) fprintf(stderr, "%s", r.err);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  if (!file_bytes_equal(a, b)) fail_msg("-o wrote other bytes than --outdir (%s, %s)", a, b);
  r = RUN(boardpack_bin(), "pack", "-j", "2", "samples/anytown/pack-2013-05.xml", "samples/anytown/pack-2013-06.xml",
          "-o", b);
  assert_int_equal(r.status, 2); /* two inputs: -o cannot name both */
  assert_non_null(strstr(r.err, "use --outdir"));
  run_result_clear(&r);
  g_free(a), g_free(b), g_free(by_dir), g_free(out_dir);
}

static void test_anytown_packs_same_bytes(void **state) {
  (void)state;
  GDir *d = g_dir_open("samples/anytown", 0, NULL);
  assert_non_null(d);
  guint n = 0;
  for (const char *name; (name = g_dir_read_name(d));) {
    if (!g_str_has_prefix(name, "pack-") || !g_str_has_suffix(name, ".xml")) continue;
    char *pack = g_build_filename("samples/anytown", name, NULL);
    char *tag = g_strconcat("anytown-", name, NULL);
    assert_same_on_two_workers(pack, tag);
    g_free(tag), g_free(pack);
    n++;
  }
  g_dir_close(d);
  assert_int_equal(n, 12);
}

/* The Walsall paper `copies` times, beside a copy of its folder. */
static char *walsall_pack(const char *sub, int copies) {
  char *folder = g_build_filename(dir, sub, NULL);
  g_mkdir_with_parents(folder, 0755);
  char *paper = g_build_filename(folder, "walsall", NULL);
  RunResult r = RUN("cp", "-r", "samples/walsall-2013-09", paper);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  GString *xml = g_string_new("<pack><meeting><body>Scrutiny Panel</body><date>2013-09-10</date></meeting><agenda>"
                              "<apologies>To receive apologies for absence.</apologies>\n");
  for (int i = 1; i <= copies; i++)
    g_string_append_printf(xml, "<report spec='walsall/report.xml' title='Improvement activity, copy %d'/>\n", i);
  g_string_append(xml, "</agenda></pack>\n");
  char *pack = test_write_file(folder, "pack.xml", xml->str);
  g_string_free(xml, TRUE);
  g_free(paper), g_free(folder);
  return pack;
}

static void test_walsall_ten_times_same_bytes(void **state) {
  (void)state;
  char *pack = walsall_pack("walsall-x10", 10);
  assert_same_on_two_workers(pack, "walsall-x10-out");
  char *pdf = g_build_filename(dir, "walsall-x10-out", "j2", "pack.pdf", NULL);
  assert_true(pdf_page_count(pdf) > 370); /* ten papers of 38 pages and the agenda */
  /* drawn in four parts, two on each process, and joined: one document */
  char *problems = pdfua_problems(pdf);
  if (*problems) fail_msg("PDF/UA problems:\n%s", problems);
  g_free(problems), g_free(pdf), g_free(pack);
}

/* Three reports with the same image file, each a figure too large for
 * its pixels (a layout warning): each report's image is its own in the
 * PDF on two workers as on one (a tape once numbered an image by its
 * address, which the next report's image could take), and the warnings
 * come in report order. */
static void test_images_and_warnings_as_on_one_worker(void **state) {
  (void)state;
  char *sub = g_build_filename(dir, "images", NULL);
  g_mkdir_with_parents(sub, 0755);
  char *crest = g_build_filename(sub, "crest.png", NULL);
  RunResult r = RUN("cp", "tests/data/features/crest.png", crest);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  const char *names[] = {"a.xml", "b.xml", "c.xml"};
  for (guint i = 0; i < 3; i++) {
    char *xml = g_strdup_printf("<report>\n<meta><committee>P</committee><date>2013-09-10</date><title>Report %u</title>"
                                "</meta>\n<body>\n<section title='S'>\n<p>Text.</p>\n"
                                "<figure src='crest.png' alt='A crest' width='150mm'><caption>Crest</caption></figure>\n"
                                "</section>\n</body>\n</report>\n", i + 1);
    g_free(test_write_file(sub, names[i], xml));
    g_free(xml);
  }
  char *pack = test_write_file(sub, "pack.xml",
                               "<pack><meeting><body>B</body><date>2013-09-10</date></meeting><agenda>"
                               "<report spec='a.xml'/><report spec='b.xml'/><report spec='c.xml'/></agenda></pack>\n");
  char *one = g_build_filename(sub, "j1", NULL), *two = g_build_filename(sub, "j2", NULL);
  RunResult r1 = RUN(boardpack_bin(), "pack", "-j", "1", "--outdir", one, pack);
  RunResult r2 = RUN(boardpack_bin(), "pack", "-j", "2", "--outdir", two, pack);
  assert_int_equal(r1.status, 0);
  assert_int_equal(r2.status, 0);
  assert_string_equal(r2.err, r1.err);
  const char *const order[] = {"a.xml:6:1: warning: image", "b.xml:6:1: warning: image", "c.xml:6:1: warning: image",
                               NULL};
  assert_found_in_order(r2.err, order);
  char *a = g_build_filename(one, "pack.pdf", NULL), *b = g_build_filename(two, "pack.pdf", NULL);
  if (!file_bytes_equal(a, b)) fail_msg("-j 2 wrote other bytes than -j 1 (%s, %s)", a, b);
  RunResult imgs = RUN("pdfimages", "-list", b);
  assert_int_equal(imgs.status, 0);
  guint n = 0; /* lines after pdfimages' two heading lines */
  for (const char *l = imgs.out; (l = strchr(l, '\n')); l++) n++;
  assert_int_equal(n, 2 + 3); /* one image per report */
  run_result_clear(&imgs), run_result_clear(&r1), run_result_clear(&r2);
  g_free(a), g_free(b), g_free(one), g_free(two), g_free(pack), g_free(crest), g_free(sub);
}

static void assert_no_temp_files(const char *d) {
  GDir *gd = g_dir_open(d, 0, NULL);
  assert_non_null(gd);
  for (const char *n; (n = g_dir_read_name(gd));) assert_false(n[0] == '.' && strstr(n, ".pdf."));
  g_dir_close(gd);
}

/* A report of `paras` paragraphs (about four pages at 60). */
static char *long_report(const char *folder, const char *name, int paras) {
  GString *s = g_string_new("<report>\n<meta><committee>P</committee><date>2013-09-10</date><title>Long</title></meta>\n"
                            "<body>\n<section title='S'>\n");
  for (int i = 0; i < paras; i++)
    g_string_append(s, "<p>The panel considered the evidence in detail and agreed that further work is needed "
                       "before the next meeting, with a report back on progress and risks.</p>\n");
  g_string_append(s, "</section>\n</body>\n</report>\n");
  char *path = test_write_file(folder, name, s->str);
  g_string_free(s, TRUE);
  return path;
}

/* `pack -j 2` of `pack` (with `extra` options) fails, saying `want`, and
 * leaves the output there before untouched. */
static void assert_fails_untouched(const char *pack, const char *outdir, const char *extra, const char *want) {
  char *out = g_build_filename(outdir, "pack.pdf", NULL);
  g_mkdir_with_parents(outdir, 0755);
  g_free(test_write_file(outdir, "pack.pdf", "the pack as it was\n"));
  RunResult r = extra ? RUN(boardpack_bin(), "pack", "-j", "2", extra, "--outdir", outdir, pack)
                      : RUN(boardpack_bin(), "pack", "-j", "2", "--outdir", outdir, pack);
  assert_int_equal(r.status, 1);
  if (!strstr(r.err, want)) fail_msg("'%s' not in:\n%s", want, r.err);
  char *text = NULL;
  assert_true(g_file_get_contents(out, &text, NULL, NULL));
  assert_string_equal(text, "the pack as it was\n");
  assert_no_temp_files(outdir);
  g_free(text), g_free(out);
  run_result_clear(&r);
}

static void test_layout_error_on_a_worker(void **state) {
  (void)state;
  char *sub = g_build_filename(dir, "bad-layout", NULL);
  g_mkdir_with_parents(sub, 0755);
  g_free(long_report(sub, "short.xml", 3));
  char *lng = long_report(sub, "long.xml", 60);
  char *pack = test_write_file(sub, "pack.xml",
                               "<pack><meeting><body>B</body><date>2013-09-10</date></meeting><agenda>"
                               "<report spec='short.xml'/><report spec='long.xml'/><report spec='short.xml'/>"
                               "</agenda></pack>\n");
  /* long.xml is laid out on the second worker, and passes two pages there */
  char *want = g_strdup_printf("%s:", lng);
  char *outdir = g_build_filename(sub, "out", NULL);
  assert_fails_untouched(pack, outdir, "--max-pages=2", want);
  /* at the element being placed, with its line and column, said once */
  char *err = g_strdup_printf("%s:38:1: error: the document passes 2 pages at this <p>", lng);
  RunResult r = RUN(boardpack_bin(), "pack", "-j", "2", "--max-pages=2", "--outdir", outdir, pack);
  if (!strstr(r.err, err)) fail_msg("no %s in:\n%s", err, r.err);
  assert_null(strstr(r.err, "laying out the pack's reports"));
  run_result_clear(&r);
  g_free(err), g_free(outdir), g_free(want), g_free(pack), g_free(lng), g_free(sub);
}

static void test_broken_report_in_a_two_worker_pack(void **state) {
  (void)state;
  char *sub = g_build_filename(dir, "broken", NULL);
  g_mkdir_with_parents(sub, 0755);
  g_free(long_report(sub, "good.xml", 3));
  char *bad = test_write_file(sub, "bad.xml",
                              "<report>\n  <meta><committee>P</committee><date>2013-09-10</date><title>B</title></meta>\n"
                              "  <body>\n    <section title='S'>\n      <paragrph>x</paragrph>\n"
                              "    </section>\n  </body>\n</report>\n");
  char *pack = test_write_file(sub, "pack.xml",
                               "<pack><meeting><body>B</body><date>2013-09-10</date></meeting><agenda>"
                               "<report spec='good.xml'/><report spec='bad.xml'/><report spec='good.xml'/>"
                               "</agenda></pack>\n");
  char *want = g_strdup_printf("%s:5:7: error: unknown element <paragrph>", bad);
  char *outdir = g_build_filename(sub, "out", NULL);
  assert_fails_untouched(pack, outdir, NULL, want);
  g_free(outdir), g_free(want), g_free(pack), g_free(bad), g_free(sub);
}

int main(void) {
  dir = test_scratch_dir("e2e-pack-workers");
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_one_pack_on_two_workers_with_o),
      cmocka_unit_test(test_anytown_packs_same_bytes),
      cmocka_unit_test(test_walsall_ten_times_same_bytes),
      cmocka_unit_test(test_images_and_warnings_as_on_one_worker),
      cmocka_unit_test(test_layout_error_on_a_worker),
      cmocka_unit_test(test_broken_report_in_a_two_worker_pack),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  g_free(dir);
  return rc;
}
