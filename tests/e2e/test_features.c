/* Every feature of the vocabulary in one small report
 * (tests/data/features/), rendered by the real binary and read back:
 * figures from the data in the text, the contents list's page numbers,
 * cross-references, scorecard symbols, charts and sparklines as Figures
 * with generated alt text, slides in landscape, bookmarks for captions. */
#include "e2eutil.h"
#include "pdfua_check.h"

#include <stdlib.h>

#define SPEC "tests/data/features/report.xml"

static char *dir, *pdf;

static int render_features(void **state) {
  (void)state;
  dir = test_scratch_dir("e2e-features");
  pdf = g_build_filename(dir, "features.pdf", NULL);
  RunResult r = RUN(boardpack_bin(), "render", SPEC, "-o", pdf);
  if (r.status != 0) fprintf(stderr, "%s", r.err);
  int rc = r.status == 0 ? 0 : -1;
  run_result_clear(&r);
  return rc;
}

static char *page_text(int page) {
  char num[16];
  g_snprintf(num, sizeof num, "%d", page);
  RunResult r = RUN("pdftotext", "-raw", "-enc", "UTF-8", "-f", num, "-l", num, pdf, "-");
  assert_int_equal(r.status, 0);
  g_free(r.err);
  return r.out;
}

static void test_figures_from_data_in_text(void **state) {
  (void)state;
  char *p1 = page_text(1), *p2 = page_text(2);
  char *s1 = squash_space(p1), *s2 = squash_space(p2);
  assert_non_null(strstr(s1, "Assessments on time rose from 60.0% in January 2013 to 97.0% in December 2013."));
  assert_non_null(strstr(s2, "In December 97.0% of assessments were on time ★ ↗; Annex 1 holds the definitions."));
  assert_non_null(strstr(s2, "★ % assessments on time (BB) 90.0 97.0 ↗"));
  assert_non_null(strstr(s2, "Referrals received 140 180"));
  assert_non_null(strstr(s2, "2.1.1 Referrals reached 180 in December."));
  g_free(p1), g_free(p2), g_free(s1), g_free(s2);
}

/* Each "Title N" line of the contents names a page whose text has Title. */
static void test_contents_page_numbers(void **state) {
  (void)state;
  char *p1 = page_text(1);
  static const char *const titles[] = {"Report", "1. Performance", "2. Detail", "2.1 Referrals",
                                       "Annex 1: Definitions", "Annex 2: Presentation", NULL};
  for (int i = 0; titles[i]; i++) {
    char *prefix = g_strconcat(titles[i], " ", NULL);
    const char *line = strstr(p1, prefix);
    assert_non_null(line);
    int page = atoi(line + strlen(prefix));
    assert_true(page >= 2);
    char *text = page_text(page);
    char *heading = g_strconcat(titles[i], "\n", NULL);
    if (!strstr(text, heading)) fprintf(stderr, "'%s' is not on page %d\n", titles[i], page);
    assert_non_null(strstr(text, heading));
    g_free(heading), g_free(text), g_free(prefix);
  }
  g_free(p1);
}

/* The running header names the agenda item on every page after the
 * first, the slides' landscape pages (another house style) too. */
static void test_agenda_item_on_every_page(void **state) {
  (void)state;
  for (int page = 2; page <= 6; page++) {
    char *text = page_text(page);
    if (!strstr(text, "Agenda item 7")) fail_msg("page %d's header has no 'Agenda item 7': %s", page, text);
    g_free(text);
  }
}

/* The front sheet's portfolio label agrees with their number, in the
 * PDF and on the web page, in English and Welsh: "Portfolio:" for one,
 * "Portfolios:" for two. */
static void test_portfolio_label_counts(void **state) {
  (void)state;
  const struct { const char *lang, *portfolios, *want, *not; } cases[] = {
      {"en-GB", "<portfolio>Cllr A</portfolio>", "Portfolio: Cllr A", "Portfolios"},
      {"en-GB", "<portfolio>Cllr A</portfolio><portfolio>Cllr B</portfolio>", "Portfolios: Cllr A", NULL},
      {"cy", "<portfolio>Cyng A</portfolio>", "Portffolio: Cyng A", "Portffolios"},
      {"cy", "<portfolio>Cyng A</portfolio><portfolio>Cyng B</portfolio>", "Portffolios: Cyng A", NULL},
  };
  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    char *xml = g_strdup_printf("<report lang='%s'><meta><committee>C</committee><date>2013-09-10</date>"
                                "<title>T</title>%s</meta><body><section title='S'><p>Text.</p></section></body>"
                                "</report>\n",
                                cases[i].lang, cases[i].portfolios);
    char *spec = test_write_file(dir, "portfolios.xml", xml);
    char *out = g_build_filename(dir, "portfolios.pdf", NULL), *html = g_build_filename(dir, "portfolios.html", NULL);
    RunResult r = RUN(boardpack_bin(), "render", spec, "-o", out);
    if (r.status != 0) fail_msg("render: %s", r.err);
    run_result_clear(&r);
    r = RUN(boardpack_bin(), "render", spec, "--format", "html", "-o", html);
    if (r.status != 0) fail_msg("render --format html: %s", r.err);
    run_result_clear(&r);
    char *text = pdf_page_text(out, 1), *page = NULL;
    assert_true(g_file_get_contents(html, &page, NULL, NULL));
    if (!strstr(text, cases[i].want)) fail_msg("case %u: no '%s' in %s", i, cases[i].want, text);
    if (cases[i].not && strstr(text, cases[i].not)) fail_msg("case %u: '%s' in %s", i, cases[i].not, text);
    char *label = g_strndup(cases[i].want, strchr(cases[i].want, ':') - cases[i].want + 1);
    if (!strstr(page, label)) fail_msg("case %u: no '%s' on the web page", i, label);
    if (cases[i].not && strstr(page, cases[i].not)) fail_msg("case %u: '%s' on the web page", i, cases[i].not);
    g_free(label), g_free(page), g_free(text), g_free(out), g_free(html), g_free(spec), g_free(xml);
  }
}

static void test_pages_and_orientation(void **state) {
  (void)state;
  RunResult r = RUN("pdfinfo", "-f", "1", "-l", "99", pdf);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "Pages:           6"));
  assert_non_null(strstr(r.out, "Page    1 size:  595.276 x 841.89 pts (A4)"));
  assert_non_null(strstr(r.out, "Page    4 size:  595.276 x 841.89 pts (A4)")); /* the slides' annex title page */
  assert_non_null(strstr(r.out, "Page    5 size:  841.89 x 595.276 pts (A4)"));
  assert_non_null(strstr(r.out, "Page    6 size:  841.89 x 595.276 pts (A4)"));
  run_result_clear(&r);
  char *p6 = page_text(6);
  assert_non_null(strstr(p6, "Assessments on time: 97.0%"));
  assert_non_null(strstr(p6, "Page 6 of 6"));
  g_free(p6);
}


/* The PDF/UA-1 checks of pdfua_check.h: no problem at all. */
static void assert_pdfua(const char *path) {
  char *problems = pdfua_problems(path);
  if (*problems) fprintf(stderr, "%s is not PDF/UA-1:\n%s", path, problems);
  assert_string_equal(problems, "");
  g_free(problems);
}

static void test_pdf_ua(void **state) {
  (void)state;
  assert_pdfua(pdf);
}

static void test_structure_alt_text_and_links(void **state) {
  (void)state;
  RunResult r = RUN("pdfinfo", "-struct-text", pdf);
  assert_int_equal(r.status, 0);
  static const char *const tags[] = {"Table", "TR", "TH", "TD", "Figure", "Link", "L (block)", NULL};
  for (int i = 0; tags[i]; i++) assert_non_null(strstr(r.out, tags[i]));
  run_result_clear(&r);
  /* both Figures carry generated descriptions; internal links use named destinations */
  r = RUN("qpdf", "--qdf", "--object-streams=disable", pdf, "-");
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "/Alt (Line chart of Assessments on time, Jan-13 to Dec-13: rose from 60.0% in "
                                "Jan-13 \\(lowest\\) to 97.0% in Dec-13 \\(highest\\); below the minimum standard of "
                                "80% in Jan-13 to Mar-13. The value axis starts at 60%, not zero.)"));
  assert_non_null(strstr(r.out, "/Alt (Sparkline of % assessments on time, Jan-13 to Dec-13: rose from 60.0% in Jan-13"));
  assert_non_null(strstr(r.out, "/Dest (annex-data)"));
  assert_non_null(strstr(r.out, "/Alt (The Testshire crest: a navy oval)"));
  assert_non_null(strstr(r.out, "/Lang (en-GB)"));
  run_result_clear(&r);
}

static void test_image_embedded_at_print_resolution(void **state) {
  (void)state;
  RunResult r = RUN("pdfimages", "-list", pdf);
  assert_int_equal(r.status, 0);
  /* page 2: the 300 x 150 px crest, drawn 30 mm wide: 254 dpi */
  assert_non_null(strstr(r.out, "   2     0 image     300   150  rgb     3   8  image  yes"));
  assert_non_null(strstr(r.out, "254   254"));
  run_result_clear(&r);
}

/* A scorecard asking for a period the data lacks: an error at the
 * <measure>, or with optional="yes" a warning and "n/a" in the cell. */
static void test_scorecard_missing_value(void **state) {
  (void)state;
  char *sub = g_build_filename(dir, "missing", NULL);
  g_mkdir_with_parents(sub, 0755);
  for (int i = 0; i < 2; i++) {
    const char *name = i ? "data.csv" : "catalogue.xml";
    char *src = g_build_filename("tests/data/features", name, NULL), *text = NULL;
    assert_true(g_file_get_contents(src, &text, NULL, NULL));
    g_free(test_write_file(sub, name, text));
    g_free(text), g_free(src);
  }
  static const char head[] = "<report><meta><committee>P</committee><date>2014-01-20</date><title>T</title></meta>\n"
                             "<data catalogue='catalogue.xml' values='data.csv'/>\n<body><section title='S'>\n"
                             "<scorecard title='Measure' direction='no'><column period='2012-06'/><column period='2013-06'/>\n";
  char *strict = g_strconcat(head, "  <measure ref='T1'/>\n</scorecard></section></body></report>", NULL);
  char *lax = g_strconcat(head, "  <measure ref='T1' optional='yes'/>\n</scorecard></section></body></report>", NULL);
  char *spec1 = test_write_file(sub, "strict.xml", strict), *spec2 = test_write_file(sub, "lax.xml", lax);
  RunResult r = RUN(boardpack_bin(), "check", spec1);
  assert_int_equal(r.status, 1);
  assert_non_null(strstr(r.err, "strict.xml:5:3: error: "));
  assert_non_null(strstr(r.err, "T1"));
  run_result_clear(&r);
  char *out = g_build_filename(sub, "lax.pdf", NULL);
  r = RUN(boardpack_bin(), "render", spec2, "-o", out);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.err, "lax.xml:5:3: warning: "));
  run_result_clear(&r);
  r = RUN("pdftotext", "-raw", "-f", "1", "-l", "1", out, "-");
  assert_non_null(strstr(r.out, "% assessments on time (BB) n/a 90.0"));
  run_result_clear(&r);
  /* the output may not be any of the inputs, not only the spec */
  char *data = g_build_filename(sub, "data.csv", NULL), *before = NULL, *after = NULL;
  assert_true(g_file_get_contents(data, &before, NULL, NULL));
  r = RUN(boardpack_bin(), "render", spec2, "-o", data);
  assert_int_equal(r.status, 1);
  assert_non_null(strstr(r.err, "it is one of the inputs"));
  assert_true(g_file_get_contents(data, &after, NULL, NULL));
  assert_string_equal(before, after);
  run_result_clear(&r);
  g_free(data), g_free(before), g_free(after);
  g_free(out), g_free(spec1), g_free(spec2), g_free(strict), g_free(lax), g_free(sub);
}

static void test_bookmarks(void **state) {
  (void)state;
  RunResult r = RUN("qpdf", "--json", "--json-key=outlines", pdf);
  assert_int_equal(r.status, 0);
  static const char *const titles[] = {"Feature test report", "Contents", "1. Performance", "Scorecard",
                                       "Assessments on time", "2.1 Referrals", "Annex 1: Definitions", "Legend",
                                       "Annex 2: Presentation", "Headlines", NULL};
  for (int i = 0; titles[i]; i++) {
    char *want = g_strdup_printf("\"title\": \"%s\"", titles[i]);
    if (!strstr(r.out, want)) fprintf(stderr, "no bookmark %s\n", titles[i]);
    assert_non_null(strstr(r.out, want));
    g_free(want);
  }
  run_result_clear(&r);
}

static void test_check_describe(void **state) {
  (void)state;
  RunResult r = RUN(boardpack_bin(), "check", "--describe", SPEC);
  assert_int_equal(r.status, 0);
  assert_string_equal(r.out, "tests/data/features/report.xml:28:7: Line chart of Assessments on time, Jan-13 to "
                             "Dec-13: rose from 60.0% in Jan-13 (lowest) to 97.0% in Dec-13 (highest); below the "
                             "minimum standard of 80% in Jan-13 to Mar-13.\n");
  run_result_clear(&r);
}

static void test_unknown_xref_is_an_error(void **state) {
  (void)state;
  char *spec = test_write_file(dir, "xref.xml",
                               "<report><meta><committee>P</committee><date>2014-01-20</date><title>T</title></meta>\n"
                               "<body><section title='S'>\n<p>See <xref to='nowhere'/>.</p></section></body></report>");
  RunResult r = RUN(boardpack_bin(), "check", spec);
  assert_int_equal(r.status, 1);
  assert_non_null(strstr(r.err, "xref.xml:3:8: error: <xref to=\"nowhere\"/>: no element has id=\"nowhere\""));
  run_result_clear(&r);
  g_free(spec);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_figures_from_data_in_text), cmocka_unit_test(test_contents_page_numbers),
      cmocka_unit_test(test_pages_and_orientation),     cmocka_unit_test(test_structure_alt_text_and_links),
      cmocka_unit_test(test_bookmarks),                 cmocka_unit_test(test_unknown_xref_is_an_error),
      cmocka_unit_test(test_check_describe), cmocka_unit_test(test_pdf_ua),
      cmocka_unit_test(test_image_embedded_at_print_resolution),
      cmocka_unit_test(test_scorecard_missing_value),
      cmocka_unit_test(test_agenda_item_on_every_page),
      cmocka_unit_test(test_portfolio_label_counts),
  };
  return cmocka_run_group_tests(tests, render_features, NULL);
}
