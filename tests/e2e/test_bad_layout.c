/* Bad input that only layout can find, catalogued like test_bad_input.c
 * (the README's "Bad input" table): a document that keeps adding pages,
 * text too long to lay out, tables wider or taller than the page, lists
 * nested past the column, out-of-range house styles, charts with an empty
 * range, and text that once aborted inside Pango. Each refused input gives
 * its file:line:col, exit status 1 and no output. */
#include "badinput.h"

#include <string.h>
/* A document that keeps adding pages stops at the page limit, with the
 * error at the element being placed; --max-pages raises the limit. */
static void test_page_limit(void **state) {
  (void)state;
  char *d = case_dir("page-limit");
  GString *b = g_string_new(NULL);
  for (int i = 0; i < 30; i++) g_string_append_printf(b, "<p>Page %d.</p>\n<page-break/>\n", i + 1);
  char *spec = write_spec(d, "report.xml", NULL, b->str);
  g_string_free(b, TRUE);
  /* page 1 is the title and paragraph 1 (line 6), pages 2-10 hold paragraphs 2-10 (lines 8, ... 24):
   * the 11th, on line 26, passes the limit */
  char *out = g_build_filename(d, "out.pdf", NULL);
  write_bytes(out, PRECIOUS, strlen(PRECIOUS));
  Measured m = RUN_MEASURED(60, boardpack_bin(), "render", spec, "-o", out, "--max-pages", "10");
  char *want = g_strdup_printf("%s:26:1: error: the document passes 10 pages at this <p>", spec);
  if (!strstr(m.err, want)) fprintf(stderr, "want \"%s\", got:\n%s", want, m.err);
  assert_int_equal(m.status, 1);
  assert_non_null(strstr(m.err, want));
  assert_non_null(strstr(m.err, "--max-pages"));
  char *content = NULL;
  assert_true(g_file_get_contents(out, &content, NULL, NULL));
  assert_string_equal(content, PRECIOUS);
  measured_clear(&m);
  /* 31 pages: 30 paragraphs, the first under the title, and the page the last break opens */
  m = RUN_MEASURED(60, boardpack_bin(), "render", spec, "-o", out, "--max-pages", "30");
  assert_int_equal(m.status, 1);
  assert_non_null(strstr(m.err, "passes 30 pages at this <page-break>"));
  measured_clear(&m);
  m = RUN_MEASURED(60, boardpack_bin(), "render", spec, "-o", out, "--max-pages", "31");
  assert_int_equal(m.status, 0);
  measured_clear(&m);
  RunResult r = RUN("pdfinfo", out);
  assert_non_null(strstr(r.out, "Pages:           31"));
  run_result_clear(&r);
  g_free(content), g_free(want), g_free(out), g_free(spec), g_free(d);
}

/* ---- text and pages that layout cannot fill ------------------------------- */

/* A paragraph of `n` bytes: words, or (word) one run of letters. */
static char *long_text(gsize n, gboolean word) {
  GString *t = g_string_sized_new(n + 16);
  for (long i = 0; t->len < n; i++) {
    if (word) g_string_append_c(t, 'x');
    else g_string_append_printf(t, "w%ld ", i);
  }
  return g_string_free(t, FALSE);
}

static void refused_text(const char *name, gsize n, gboolean word, const char *needle) {
  char *d = case_dir(name);
  char *text = long_text(n, word);
  char *body = g_strdup_printf("<p>%s</p>", text);
  char *spec = write_spec(d, "report.xml", NULL, body);
  expect_refused(spec, 6, 1, needle);
  g_free(spec), g_free(body), g_free(text), g_free(d);
}

static void test_megabyte_paragraph_and_word(void **state) {
  (void)state;
  refused_text("mb-paragraph", 1000000, FALSE, "characters at 12 pt, where one paragraph holds at most 40000");
  refused_text("mb-word", 1000000, TRUE, "is too long to lay out");
}

/* Pango breaks a word between letters in time with the square of its
 * length: a long word is refused at once, not after minutes. */
static void test_long_word_refused_quickly(void **state) {
  (void)state;
  refused_text("word-250k", 250000, TRUE, "is too long to lay out");
  refused_text("word-20k", 20000, TRUE, "has a word of 20000 characters with no space or hyphen in it");
}

static void test_80000_character_title(void **state) {
  (void)state;
  char *d = case_dir("long-title");
  char *title = g_strnfill(80000, 'y');
  char *xml = g_strdup_printf("<report><meta><committee>Panel</committee><date>2013-09-10</date><title>%s</title>"
                              "</meta><body><section title='S'><p>x</p></section></body></report>",
                              title);
  char *spec = test_write_file(d, "report.xml", xml);
  expect_refused(spec, 0, 0, "is too long to lay out: 80000 characters at 20 pt");
  g_free(spec), g_free(xml), g_free(title), g_free(d);
  /* a heading made from a section's title is refused at the <section> */
  char *word = g_strnfill(30000, 'z');
  char *body = g_strdup_printf("<section title='%s'><p>x</p></section>", word);
  d = case_dir("long-section-title");
  spec = write_spec(d, "report.xml", NULL, body);
  expect_refused(spec, 6, 1, "has a word of 30000 characters");
  g_free(spec), g_free(body), g_free(word), g_free(d);
}

static void refused_body(const char *name, const char *body, int line, int col, const char *needle) {
  char *d = case_dir(name);
  char *spec = write_spec(d, "report.xml", NULL, body);
  expect_refused(spec, line, col, needle);
  g_free(spec), g_free(d);
}

static void test_table_wider_than_page(void **state) {
  (void)state;
  GString *b = g_string_new("<table><tr>");
  for (int i = 0; i < 500; i++) g_string_append_printf(b, "<td>c%d</td>", i);
  g_string_append(b, "</tr></table>");
  refused_body("500-columns", b->str, 6, 1, "the table's 500 columns do not fit its 430.9 pt");
  g_string_free(b, TRUE);
  refused_body("fixed-wide", "<table><col width='300mm'/><col width='100mm'/><tr><td>a</td><td>b</td></tr></table>", 6,
               1, "fixed and percentage column widths add up to 1133.9 pt, wider than the 430.9 pt it has");
}

/* Twenty columns fit when the narrow ones take room from the wide: no
 * cell narrower than its padding and a letter. */
static void test_many_narrow_columns_widened(void **state) {
  (void)state;
  char *d = case_dir("narrow-columns");
  GString *b = g_string_new("<table><tr>");
  for (int i = 0; i < 20; i++) g_string_append(b, i % 2 ? "<td>x</td>" : "<td>a rather longer cell of several words</td>");
  g_string_append(b, "</tr></table>");
  char *spec = write_spec(d, "report.xml", NULL, b->str);
  char *boxes = g_build_filename(d, "boxes.txt", NULL);
  RunResult r = RUN(boardpack_bin(), "render", spec, "--format", "boxes", "-o", boxes);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  char *dump = NULL;
  assert_true(g_file_get_contents(boxes, &dump, NULL, NULL));
  int cells = 0;
  char **lines = g_strsplit(dump, "\n", -1);
  for (char **l = lines; *l; l++) {
    char kind[16];
    double x, y, w, h;
    if (sscanf(*l, "%*u %15s %lf %lf %lf %lf", kind, &x, &y, &w, &h) == 5 && strcmp(kind, "text") == 0 && y > 120) {
      cells++;
      assert_true(w >= 10.5 - 0.01); /* a letter of 10.5 pt table text, padding aside */
    }
  }
  assert_true(cells >= 20);
  g_strfreev(lines), g_free(dump), g_free(boxes), g_string_free(b, TRUE), g_free(spec), g_free(d);
}

static void test_table_header_taller_than_page(void **state) {
  (void)state;
  GString *b = g_string_new("<table>");
  char *words = g_strnfill(200, 'w');
  for (int i = 0; i < 200; i++) words[i] = i % 5 == 4 ? ' ' : 'w';
  for (int i = 0; i < 60; i++) g_string_append_printf(b, "<tr head='yes'><th>%s</th></tr>", words);
  for (int i = 0; i < 50; i++) g_string_append_printf(b, "<tr><td>row %d</td></tr>", i);
  g_string_append(b, "</table>");
  refused_body("tall-header", b->str, 6, 1, "the table's header rows are");
  g_string_free(b, TRUE), g_free(words);
}

/* A footnote is set whole at the foot of its page: one longer than half
 * the page body is refused at the <footnote>, in a paragraph or in a
 * table's group row (whose notes were once never printed at all). */
static void test_footnote_taller_than_page(void **state) {
  (void)state;
  GString *words = g_string_new(NULL);
  for (int i = 0; i < 700; i++) g_string_append(words, "the committee considered the figures ");
  char *p = g_strdup_printf("<p>Para\n<footnote>%s</footnote>.</p>", words->str);
  refused_body("tall-footnote", p, 7, 1, "the footnote is ");
  refused_body("tall-footnote", p, 7, 1, "pt tall, more than half the page body (354.3 pt)");
  char *t = g_strdup_printf("<table><tr><th>A</th></tr><group>G\n<footnote>%s</footnote></group><tr><td>x</td></tr></table>",
                            words->str);
  refused_body("tall-footnote-group", t, 7, 1, "more than half the page body");
  g_string_free(words, TRUE), g_free(p), g_free(t);
}

static void test_colspan_beyond_the_table(void **state) {
  (void)state;
  static const char *const spans[] = {"2147483647", "20000000", "4294967297", NULL};
  for (int i = 0; spans[i]; i++) {
    char *body = g_strdup_printf("<table><col/><col/><tr><td colspan='%s'>a</td></tr></table>", spans[i]);
    char *needle = g_strdup_printf("colspan=\"%s\" is more than the table's 2 columns", spans[i]);
    refused_body("colspan", body, 6, 24, needle);
    g_free(needle), g_free(body);
  }
  refused_body("colspan-nocols", "<table><tr><td colspan='20000000'>a</td></tr></table>", 6, 12,
               "is more than the 1000 columns a table may have");
}

static void test_lists_nested_past_the_column(void **state) {
  (void)state;
  GString *b = g_string_new(NULL);
  for (int i = 0; i < 25; i++) g_string_append(b, "<ul><li>x");
  for (int i = 0; i < 25; i++) g_string_append(b, "</li></ul>");
  refused_body("deep-lists", b->str, 6, 0, "nested 20 deep, would leave its text 34.0 pt wide");
  g_string_free(b, TRUE);
}

static void test_chart_empty_range(void **state) {
  (void)state;
  static const char *const ranges[] = {"y-min='60' y-max='50'", "y-min='50' y-max='50'", NULL};
  for (int i = 0; ranges[i]; i++) {
    char *d = case_dir("chart-range");
    g_free(test_write_file(d, "catalogue.xml", catalogue_xml));
    g_free(test_write_file(d, "data.csv", "ref,period,numerator,denominator\nP1,2013-06,5,10\n"));
    char *body = g_strdup_printf("<chart type='line' %s><caption>c</caption><periods>2013-06</periods>"
                                 "<series ref='P1'/></chart>",
                                 ranges[i]);
    char *spec = write_spec(d, "report.xml", "data.csv", body);
    expect_refused(spec, 6, 1, "must be less than y-max");
    g_free(spec), g_free(body), g_free(d);
  }
}

/* A house style beside the spec with `layout` as its content: refused at
 * the layout file's element. */
static void refused_style(const char *layout, int line, const char *needle) {
  char *d = case_dir("style");
  char *style = test_write_file(d, "s.xml", layout);
  char *xml = g_strdup_printf("<report layout='s.xml'>" META "<body><section title='S'><p>x</p></section></body></report>");
  char *spec = test_write_file(d, "report.xml", xml);
  expect_refused_at(spec, style, line, 0, needle);
  g_free(spec), g_free(xml), g_free(style), g_free(d);
}

static void test_house_style_out_of_range(void **state) {
  (void)state;
  refused_style("<layout name='s'>\n<text role='body' size='0pt'/></layout>", 2, "body text size is 0.0 pt, outside 4.0 to");
  refused_style("<layout name='s'>\n<text role='body' size='10000pt'/></layout>", 2, "body text size is 10000.0 pt");
  refused_style("<layout name='s'>\n<page margin-left='400pt' margin-right='300pt'/></layout>", 2,
                "page margin-left and margin-right (400.0 and 300.0 pt) leave a page body -104.7 pt wide");
  refused_style("<layout name='s'>\n<page margin-top='900pt'/></layout>", 2, "leave a page body -130.1 pt tall");
  refused_style("<layout name='s'>\n<page header-offset='0pt'/><header left='{committee}'/></layout>", 2,
                "page header-offset is 0.0 pt, outside 12.0 to 66.0 pt");
  refused_style("<layout name='s'>\n<lists indent='300pt'/></layout>", 2, "lists indent is 300.0 pt");
  refused_style("<layout name='s'>\n<paragraphs widows='4294967297'/></layout>", 2, "Invalid attribute widows");
}

/* Pango 1.50 aborts its line breaker ("assertion failed: (result ==
 * BREAK_SOME_FIT || result == BREAK_EMPTY_FIT)") on a space carrying a
 * combining mark or a zero-width joiner at the start of one of its
 * paragraphs, before a fallback-font symbol and a Hebrew mark, in a narrow
 * cell: layout gives it U+2028 and U+00A0 instead, and the cell renders. */
static void test_narrow_cell_pango_abort(void **state) {
  (void)state;
  static const char *const cells[] = {"a&#x2029; &#x301;&#x2197;&#x5b8;", NULL};
  for (int i = 0; cells[i]; i++) {
    char *d = case_dir("pango-abort");
    char *body = g_strdup_printf("<table><col width='5pt'/><col/><tr><td>%s</td><td>x</td></tr></table>", cells[i]);
    char *spec = write_spec(d, "report.xml", NULL, body);
    expect_renders_bounded(spec, "narrow cell Pango aborted on");
    char *out = g_build_filename(d, "out.pdf", NULL);
    RunResult r = RUN("pdftotext", out, "-");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "↗")); /* the text is there */
    run_result_clear(&r);
    g_free(out), g_free(spec), g_free(body), g_free(d);
  }
}

/* A code or figure wider than its column ("25.2%" sixty times, found by
 * the render fuzzer in a caption): text with a digit in it never breaks,
 * so it ran off the page and layout refused the box with no line. It now
 * breaks between letters, like a long word, in a paragraph, a caption and
 * a cell, and every character is in the PDF. */
static void test_unbreakable_figure_wider_than_column(void **state) {
  (void)state;
  GString *code = g_string_new(NULL);
  for (int i = 0; i < 60; i++) g_string_append(code, "25.2%");
  const char *const bodies[] = {"<p>x %s y</p>", "<table><caption>%s</caption><tr><td>a</td></tr></table>",
                                "<table><tr><td>%s</td><td>b</td></tr></table>",
                                "<table><col width='25mm'/><col/><tr><td>%s</td><td>b</td></tr></table>", NULL};
  for (int i = 0; bodies[i]; i++) {
    char *d = case_dir("figure-wider-than-column");
    char *body = g_strdup_printf(bodies[i], code->str);
    char *spec = write_spec(d, "report.xml", NULL, body);
    expect_renders_bounded(spec, "a figure wider than its column");
    char *out = g_build_filename(d, "out.pdf", NULL);
    RunResult r = RUN("pdftotext", out, "-");
    assert_int_equal(r.status, 0);
    GString *squashed = g_string_new(NULL);
    for (const char *p = r.out; *p; p++)
      if (!g_ascii_isspace(*p)) g_string_append_c(squashed, *p);
    if (!strstr(squashed->str, code->str)) fprintf(stderr, "%s: the figure is not all there:\n%s", body, r.out);
    assert_non_null(strstr(squashed->str, code->str));
    g_string_free(squashed, TRUE);
    run_result_clear(&r);
    g_free(out), g_free(spec), g_free(body), g_free(d);
  }
  g_string_free(code, TRUE);
}

/* A footnote in a <heading> (found by the render fuzzer): the heading was
 * set from its plain text, so the footnote's mark and its text were lost
 * with exit 0. */
static void test_footnote_in_heading_drawn(void **state) {
  (void)state;
  char *d = case_dir("footnote-in-heading");
  char *spec = write_spec(d, "report.xml", NULL, "<heading>Head<footnote>Heading note words</footnote></heading><p>x</p>");
  expect_renders_bounded(spec, "a footnote in a heading");
  char *out = g_build_filename(d, "out.pdf", NULL);
  RunResult r = RUN("pdftotext", out, "-");
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "Head1"));                 /* the mark */
  assert_non_null(strstr(r.out, "1 Heading note words")); /* the note */
  run_result_clear(&r);
  g_free(out), g_free(spec), g_free(d);
}

/* ---- interrupts ------------------------------------------------------------- */

int main(void) {
  dir = test_scratch_dir("e2e-bad-layout");
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_page_limit),
      cmocka_unit_test(test_megabyte_paragraph_and_word),
      cmocka_unit_test(test_long_word_refused_quickly),
      cmocka_unit_test(test_80000_character_title),
      cmocka_unit_test(test_table_wider_than_page),
      cmocka_unit_test(test_many_narrow_columns_widened),
      cmocka_unit_test(test_table_header_taller_than_page),
      cmocka_unit_test(test_footnote_taller_than_page),
      cmocka_unit_test(test_colspan_beyond_the_table),
      cmocka_unit_test(test_lists_nested_past_the_column),
      cmocka_unit_test(test_chart_empty_range),
      cmocka_unit_test(test_house_style_out_of_range),
      cmocka_unit_test(test_narrow_cell_pango_abort),
      cmocka_unit_test(test_unbreakable_figure_wider_than_column),
      cmocka_unit_test(test_footnote_in_heading_drawn),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  g_free(dir);
  return rc;
}
