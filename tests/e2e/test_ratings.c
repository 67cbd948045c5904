/* Ratings end to end: the Ashby Vale sample (samples/ashby-vale-2024-q3/),
 * a quarterly corporate scorecard rated red, amber and green, with a
 * year-to-date measure against a profiled target, a rating summary and
 * exception reports. Rendered by the real binary with no message at all,
 * and read back: the ratings the PDF prints, the measures each exception
 * rule lists (exactly those the data's history selects), the words a
 * screen reader hears for each shape, PDF/UA-1, the HTML page, and the
 * warning (an error with --strict) for an exception without commentary. */
#include "e2eutil.h"
#include "pdfua_check.h"

#define SAMPLE "samples/ashby-vale-2024-q3"
#define SPEC SAMPLE "/report.xml"

static RenderedSample sample;

static int render(void **state) {
  (void)state;
  return rendered_sample_make(SPEC, "e2e-ratings", "ashby.pdf", &sample);
}

static int teardown(void **state) {
  (void)state;
  rendered_sample_clear(&sample);
  return 0;
}

static void has(const char *want) { rendered_sample_has(&sample, want); }

/* The text between two markers (the first after `from`). */
static char *between(const char *from, const char *to) {
  const char *a = strstr(sample.text, from);
  assert_non_null(a);
  const char *b = to ? strstr(a + strlen(from), to) : NULL;
  return b ? g_strndup(a, (gsize)(b - a)) : g_strdup(a);
}

/* Measures listed in an exception report: the refs after its shapes. */
static char *listed(const char *part) {
  GString *s = g_string_new(NULL);
  const char *shapes[] = {"\xe2\x9c\x96 AV", "\xe2\x97\x86 AV", "\xe2\x96\xb2 AV", "\xe2\x97\x8f AV"};
  for (const char *p = part; *p; p++)
    for (guint k = 0; k < G_N_ELEMENTS(shapes); k++)
      if (g_str_has_prefix(p, shapes[k])) {
        const char *ref = p + strlen(shapes[k]) - 2, *end = strchr(ref, ' ');
        /* headings only: "✖ AV2 % of minor …", not a rating cell "✖ red" */
        g_string_append_printf(s, "%s%.*s", s->len ? " " : "", (int)(end - ref), ref);
      }
  return g_string_free(s, FALSE);
}

static void test_ratings_in_words(void **state) {
  (void)state;
  has("Quarter 3 2024/25: 2 of 10 measures on target (20%), 4 amber, 3 red, 1 did not meet the standard; 1 not "
      "rated.");
  has("84.0% were decided in time, \xe2\x9c\x96 red: misses the 90% target by more than 4%.");
  /* a year-to-date count in month 9 against 65% of the year's 240 */
  has("152 have been completed since 1 April, amber: within 10 of the year-to-date target of 156 (240 for the year).");
  has("amber: within 2 of the target of 20; higher (worse) than the previous quarter (Quarter 2 2024/25).");
  has("Hawliadau budd-dal newydd: ambr: o fewn 2 i'r targed o 20.");
}

static void test_scorecard_rating_column(void **state) {
  (void)state;
  has("\xe2\x97\x8f Major applications in time (%) (BB) 86.0 87.0 \xe2\x97\x8f green");
  has("\xe2\x9c\x96 Minor applications in time (%) (BB) 84.7 84.0 \xe2\x9c\x96 red");
  has("\xe2\x97\x86 Affordable homes (YTD) (BB) 98 152 \xe2\x97\x86 amber");
  has("Households on the register 1,578 1,590 no target");
  has("95.0 91.0 [p] \xe2\x97\x86 amber [p]");
  has("\xe2\x96\xb2 Food businesses rated 3+ (%) (BB) 90.0 89.0 \xe2\x96\xb2 not met");
}

/* Both schemes are in use, so the legend explains both. */
static void test_legend_from_the_schemes(void **state) {
  (void)state;
  has("Performance versus target band \xe2\x98\x85 Achieved or exceeded minimum standard");
  has("Rating against target \xe2\x97\x8f Green: met or better than the target \xe2\x97\x86 Amber: short of the "
      "target, but within its tolerance \xe2\x9c\x96 Red: short of the target by more than its tolerance");
}

/* Each chart of rated points explains their shapes in its own legend,
 * the ratings it shows and no others: the affordable homes were green and
 * amber, never red; the minor applications all three. */
static void test_chart_legend_names_its_ratings(void **state) {
  (void)state;
  char *homes = between("Affordable homes delivered since 1 April, against the profiled target",
                        "Minor planning applications decided in time (%)");
  char *minor = between("Minor planning applications decided in time (%)", "Exception report");
  const char *green = "Green: met or better than the target", *red = "Red: short of the target by more than";
  const char *amber = "Amber: short of the target, but within its tolerance";
  assert_non_null(strstr(homes, green));
  assert_non_null(strstr(homes, amber));
  assert_null(strstr(homes, red));
  assert_non_null(strstr(minor, green));
  assert_non_null(strstr(minor, amber));
  assert_non_null(strstr(minor, red));
  assert_true(strstr(minor, green) < strstr(minor, amber) && strstr(minor, amber) < strstr(minor, red));
  g_free(homes), g_free(minor);
}

/* red-twice at 2024/25 Q3: AV2 (red three quarters running) and AV6 (red
 * twice, amber since, not yet green); not AV10 (red twice last year, back
 * on target, red once now) nor AV5 (amber, then red once). */
static void test_exceptions_red_twice(void **state) {
  (void)state;
  char *part = between("2. Exception report", "Annex 1");
  char *refs = listed(part);
  assert_string_equal(refs, "AV2 AV6");
  assert_non_null(strstr(part, "Q4 2023/24 76.0 60.0 \xe2\x9c\x96 red Q1 2024/25 80.0 60.0 \xe2\x9c\x96 red Q2 2024/25 "
                               "66.0 60.0 \xe2\x97\x86 amber Q3 2024/25 68.0 60.0 \xe2\x97\x86 amber"));
  assert_non_null(strstr(part, "Direction of travel: \xe2\x86\x98 lower (worse) than the previous quarter"));
  assert_non_null(strstr(part, "Two planning officer posts were vacant"));
  assert_non_null(strstr(part, "crews on the two worst rounds"));
  g_free(refs), g_free(part);
}

/* red at 2024/25 Q3: every measure rated red, and the one below its
 * minimum standard. */
static void test_exceptions_red(void **state) {
  (void)state;
  char *part = between("Annex 1", "Annex 2");
  char *refs = listed(part);
  assert_string_equal(refs, "AV2 AV5 AV10 AV11");
  g_free(refs), g_free(part);
}

/* The shapes say what they mean to a screen reader; PDF/UA-1 holds. */
static void test_pdf_ua_and_spoken_shapes(void **state) {
  (void)state;
  char *problems = pdfua_problems(sample.pdf);
  if (*problems) fprintf(stderr, "%s is not PDF/UA-1:\n%s", sample.pdf, problems);
  assert_string_equal(problems, "");
  g_free(problems);
  RunResult r = RUN("qpdf", "--qdf", "--object-streams=disable", sample.pdf, "-");
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "/ActualText (red: off target)"));
  assert_non_null(strstr(r.out, "/ActualText (amber: short of target, within the tolerance)"));
  assert_non_null(strstr(r.out, "/ActualText (green: on target)"));
  assert_non_null(strstr(r.out, "Rated against the target: Q1 2023/24 green"));
  run_result_clear(&r);
}

static void test_html_says_the_rating(void **state) {
  (void)state;
  char *html = g_build_filename(sample.dir, "ashby.html", NULL);
  RunResult r = RUN(boardpack_bin(), "render", SPEC, "--format", "html", "-o", html);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  char *page = NULL;
  assert_true(g_file_get_contents(html, &page, NULL, NULL));
  assert_non_null(strstr(page, "<span aria-hidden=\"true\">\xe2\x9c\x96</span><span class=\"vh\"> (red: off target)</span>"));
  assert_non_null(strstr(page, "amber: within 10 of the year-to-date target of 156 (240 for the year)"));
  g_free(page), g_free(html);
}

/* The sample's catalogue, data and commentary beside specs written into
 * the scratch folder. */
static void copy_inputs(void) {
  const char *copy[] = {"catalogue.xml", "data.csv", "commentary-2024-25-Q3.csv"};
  for (guint i = 0; i < G_N_ELEMENTS(copy); i++) {
    char *from = g_build_filename(SAMPLE, copy[i], NULL), *bytes = NULL;
    gsize n;
    assert_true(g_file_get_contents(from, &bytes, &n, NULL));
    char *to = g_build_filename(sample.dir, copy[i], NULL);
    assert_true(g_file_set_contents(to, bytes, (gssize)n, NULL));
    g_free(from), g_free(bytes), g_free(to);
  }
}

/* A measure the rule lists with no commentary: a warning at the
 * <exceptions>, an error with --strict (and then no PDF). */
static void test_missing_commentary(void **state) {
  (void)state;
  char *src = NULL;
  assert_true(g_file_get_contents(SPEC, &src, NULL, NULL));
  char *cut = strstr(src, "<commentary ref=\"AV6\">");
  assert_non_null(cut);
  char *end = strstr(cut, "</commentary>") + strlen("</commentary>");
  memmove(cut, end, strlen(end) + 1);
  copy_inputs();
  char *spec = test_write_file(sample.dir, "nocomment.xml", src), *out = g_build_filename(sample.dir, "nocomment.pdf", NULL);
  RunResult r = RUN(boardpack_bin(), "render", spec, "-o", out);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.err, "nocomment.xml:67:7: warning: the exception report (rule \"red-twice\") lists AV6 "
                                "without commentary"));
  run_result_clear(&r);
  g_unlink(out);
  r = RUN(boardpack_bin(), "render", "--strict", spec, "-o", out);
  assert_int_equal(r.status, 1);
  assert_non_null(strstr(r.err, "nocomment.xml:67:7: error: the exception report (rule \"red-twice\") lists AV6"));
  assert_false(g_file_test(out, G_FILE_TEST_EXISTS));
  run_result_clear(&r);
  g_free(src), g_free(spec), g_free(out);
}

/* commentary="commentary-{period}.csv": the quarter's file is read (its
 * words are in the annex); another quarter's missing file is an error at
 * the <exceptions>, and a row naming no measure one at the file's line. */
static void test_commentary_file(void **state) {
  (void)state;
  has("Garden waste tonnage fell in the dry autumn");
  char *out = g_build_filename(sample.dir, "q2.pdf", NULL);
  RunResult r = RUN(boardpack_bin(), "render", SPEC, "--period", "2024/25-Q2", "-o", out);
  g_free(out);
  assert_int_equal(r.status, 1);
  assert_non_null(strstr(r.err, "report.xml:76:5: error: cannot open 'commentary-2024-25-Q2.csv'"));
  run_result_clear(&r);
  char *src = NULL;
  assert_true(g_file_get_contents(SPEC, &src, NULL, NULL));
  char *spec = test_write_file(sample.dir, "badnotes.xml", src);
  char *notes = test_write_file(sample.dir, "commentary-2024-25-Q3.csv", "ref,commentary\nAV2,Fine.\nAV55,Typo.\n");
  r = RUN(boardpack_bin(), "check", spec);
  assert_int_equal(r.status, 1);
  assert_non_null(strstr(r.err, "commentary-2024-25-Q3.csv:3:1: error: no measure \"AV55\" in the catalogue (did you "
                                "mean \"AV5\"?)"));
  run_result_clear(&r);
  g_free(src), g_free(spec), g_free(notes);
}

/* What an author gets wrong in a summary or exception report: each an
 * error at the element, and no output. */
static void test_bad_rating_blocks(void **state) {
  (void)state;
  static const struct {
    const char *block, *message;
  } cases[] = {
      {"<exceptions/>", "error: no measures to rate: the report has no scorecard"},
      {"<rating-summary of=\"nope\"/>", "error: of=\"nope\" names no scorecard of this report"},
      {"<exceptions refs=\"AV1 AV55\"/>", "error: refs=: no measure \"AV55\" in the catalogue (did you mean \"AV5\"?)"},
      {"<rating-summary refs=\"AV1\" period=\"2030-01\"/>", "error: AV1 has no data for 2030-01"},
      {"<exceptions refs=\"AV1\" period=\"June\"/>", "error: period \"June\" is not a period"},
      {"<exceptions refs=\"AV1\"><commentary ref=\"AV1x\">x</commentary></exceptions>",
       "error: <commentary ref=\"AV1x\">: no such measure in the catalogue (did you mean \"AV1\"?)"},
  };
  copy_inputs();
  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    char *xml = g_strdup_printf("<report><meta><committee>B</committee><date>2025-02-04</date><title>T</title>"
                                "<author name=\"A\" role=\"H\"/></meta><data catalogue=\"catalogue.xml\" "
                                "values=\"data.csv\" period=\"2024/25-Q3\"/><body><section title=\"S\">%s</section>"
                                "</body></report>",
                                cases[i].block);
    char *spec = test_write_file(sample.dir, "bad.xml", xml), *out = g_build_filename(sample.dir, "bad.pdf", NULL);
    RunResult r = RUN(boardpack_bin(), "render", spec, "-o", out);
    if (!strstr(r.err, cases[i].message)) fprintf(stderr, "%s:\n%s", cases[i].block, r.err);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, cases[i].message));
    assert_false(g_file_test(out, G_FILE_TEST_EXISTS));
    run_result_clear(&r);
    g_free(xml), g_free(spec), g_free(out);
  }
}

/* An exceptions block with its own title heads its measures one level
 * below that title (H2 "Red measures", H3 each measure; before, both
 * were H2, in the PDF and h3 in the HTML). */
static void test_exception_headings_under_their_title(void **state) {
  (void)state;
  copy_inputs();
  char *xml = g_strdup_printf("<report><meta><committee>B</committee><date>2025-02-04</date><title>T</title>"
                              "<author name=\"A\" role=\"H\"/></meta><data catalogue=\"catalogue.xml\" "
                              "values=\"data.csv\" period=\"2024/25-Q3\"/><body><section title=\"S\">"
                              "<exceptions refs=\"AV2 AV6\" rule=\"red\" title=\"Red in {period}\">"
                              "<commentary ref=\"AV2\">x</commentary><commentary ref=\"AV6\">y</commentary>"
                              "</exceptions></section></body></report>");
  char *spec = test_write_file(sample.dir, "titled.xml", xml), *out = g_build_filename(sample.dir, "titled.pdf", NULL);
  RunResult r = RUN(boardpack_bin(), "render", spec, "-o", out);
  if (r.status) fprintf(stderr, "%s", r.err);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  r = RUN("pdfinfo", "-struct", out);
  GString *levels = g_string_new(NULL);
  char **lines = g_strsplit(r.out, "\n", -1);
  for (char **l = lines; *l; l++) {
    const char *t = *l + strspn(*l, " ");
    if (t[0] == 'H' && t[1] >= '1' && t[1] <= '6' && t[2] == ' ') g_string_append_printf(levels, "%.2s ", t);
  }
  g_strfreev(lines);
  run_result_clear(&r);
  /* the title, the report's heading, the section, the exceptions' title,
   * its measure (AV2: AV6 is not red in Q3) and the author's block */
  assert_string_equal(levels->str, "H1 H1 H2 H3 H4 H2 ");
  g_string_free(levels, TRUE);
  char *problems = pdfua_problems(out);
  if (*problems) fail_msg("PDF/UA problems:\n%s", problems);
  g_free(problems), g_free(xml), g_free(spec), g_free(out);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_ratings_in_words),
      cmocka_unit_test(test_scorecard_rating_column),
      cmocka_unit_test(test_legend_from_the_schemes),
      cmocka_unit_test(test_chart_legend_names_its_ratings),
      cmocka_unit_test(test_exceptions_red_twice),
      cmocka_unit_test(test_exceptions_red),
      cmocka_unit_test(test_pdf_ua_and_spoken_shapes),
      cmocka_unit_test(test_html_says_the_rating),
      cmocka_unit_test(test_missing_commentary),
      cmocka_unit_test(test_commentary_file),
      cmocka_unit_test(test_bad_rating_blocks),
      cmocka_unit_test(test_exception_headings_under_their_title),
  };
  return cmocka_run_group_tests(tests, render, teardown);
}
