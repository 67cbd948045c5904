/* xmlsrc: columns found in one pass (comments, CDATA, processing
 * instructions and same-named elements on one line), non-regular files,
 * the size limit, and libxml2's depth limit in our words. */
#include "testutil.h"

#include <sys/stat.h>
#include <unistd.h>

#include "base/xmlsrc.h"

static XmlSource *parse(const char *text, DiagList *d) { return xmlsrc_parse("t.xml", ".", text, strlen(text), d); }

static void test_columns(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  XmlSource *s = parse("<?xml version='1.0'?>\n<a><!-- <b> --><?pi <b>?><b/><![CDATA[<b>]]><b x='>'/>\n"
                       "  <c>é<b/></c></a>",
                       d);
  assert_non_null(s);
  xmlNode *a = xmlsrc_root(s), *b1 = xmlsrc_first_element(a), *b2 = xmlsrc_next_element(b1);
  xmlNode *c = xmlsrc_next_element(b2), *b3 = xmlsrc_first_element(c);
  assert_int_equal(xmlsrc_col(s, a), 1);
  assert_int_equal(xmlsrc_col(s, b1), 26);
  assert_int_equal(xmlsrc_col(s, b2), 45);
  assert_int_equal(xmlsrc_line(c), 3);
  assert_int_equal(xmlsrc_col(s, c), 3);
  assert_int_equal(xmlsrc_col(s, b3), 7); /* characters, not bytes */
  xmlsrc_free(s);
  diag_list_free(d);
}

/* A buffer that does not end in a NUL (a fuzzer's, a mapped file) is read
 * to its length only: xmlsrc_parse copied one byte past it (ASan saw it,
 * under make check SANITIZE=1). */
static void test_buffer_without_nul(void **state) {
  (void)state;
  static const char text[] = "<layout name='x'/>";
  char *exact = g_malloc(sizeof text - 1);
  memcpy(exact, text, sizeof text - 1);
  DiagList *d = diag_list_new();
  XmlSource *src = xmlsrc_parse("t.xml", ".", exact, sizeof text - 1, d);
  assert_non_null(src);
  assert_int_equal(src->len, sizeof text - 1);
  assert_string_equal(src->text, text);
  xmlsrc_free(src);
  diag_list_free(d);
  g_free(exact);
}

static void test_one_long_line_is_linear(void **state) {
  (void)state;
  GString *x = g_string_new("<a>");
  for (int i = 0; i < 50000; i++) g_string_append(x, "<b>x</b>");
  g_string_append(x, "</a>");
  DiagList *d = diag_list_new();
  XmlSource *s = parse(x->str, d);
  gint64 t0 = g_get_monotonic_time();
  int last = 0;
  for (xmlNode *n = xmlsrc_first_element(xmlsrc_root(s)); n; n = xmlsrc_next_element(n)) last = xmlsrc_col(s, n);
  assert_int_equal(last, 4 + 49999 * 8);
  assert_true(g_get_monotonic_time() - t0 < 5 * G_USEC_PER_SEC); /* was minutes: a search per element */
  xmlsrc_free(s);
  diag_list_free(d);
  g_string_free(x, TRUE);
}

static void test_depth_limit_message(void **state) {
  (void)state;
  GString *x = g_string_new(NULL);
  for (int i = 0; i < 300; i++) g_string_append(x, "<a>");
  for (int i = 0; i < 300; i++) g_string_append(x, "</a>");
  DiagList *d = diag_list_new();
  assert_null(parse(x->str, d));
  assert_non_null(diag_find(d, "nested too deeply"));
  assert_null(diag_find(d, "XML_PARSE_HUGE"));
  diag_list_free(d);
  g_string_free(x, TRUE);
}

static void test_fifo_and_size_limit(void **state) {
  (void)state;
  char *dir = test_scratch_dir("xmlsrc");
  char *fifo = g_build_filename(dir, "fifo.xml", NULL);
  g_unlink(fifo);
  assert_int_equal(mkfifo(fifo, 0644), 0);
  DiagList *d = diag_list_new();
  assert_null(xmlsrc_load(fifo, d)); /* would block for ever if opened */
  assert_non_null(diag_find(d, "is not a regular file"));
  diag_list_free(d);
  char *big = g_build_filename(dir, "big.xml", NULL);
  FILE *f = fopen(big, "w");
  assert_non_null(f);
  assert_int_equal(ftruncate(fileno(f), XMLSRC_MAX_BYTES + 1), 0);
  fclose(f);
  d = diag_list_new();
  assert_null(xmlsrc_load(big, d));
  assert_non_null(diag_find(d, "is too large"));
  diag_list_free(d);
  g_unlink(big);
  g_unlink(fifo);
  g_free(big);
  g_free(fifo);
  g_free(dir);
}

/* The one load-and-validate path every loader uses. */
static void test_load_valid(void **state) {
  (void)state;
  char *dir = test_scratch_dir("xmlsrc");
  char *good = test_write_file(dir, "style.xml", "<layout name='x'/>\n");
  char *bad = test_write_file(dir, "bad.xml", "<layout name='x'><pgae/></layout>\n");
  DiagList *d = diag_list_new();
  XmlSource *src = xmlsrc_load_valid(good, "layout", d);
  assert_non_null(src);
  assert_int_equal(d->errors, 0);
  xmlsrc_free(src);
  assert_null(xmlsrc_load_valid(bad, "layout", d));
  assert_non_null(diag_find(d, "unknown element <pgae> (did you mean <page>?)"));
  diag_list_free(d);
  g_free(good), g_free(bad), g_free(dir);
}

/* Bytes found valid once are not validated again in the process: the same
 * text under another name passes as valid, and each time a text that is
 * not valid (the same file rewritten, or the same bad bytes again) gets
 * its errors, at its own file. */
static void test_valid_bytes_remembered(void **state) {
  (void)state;
  char *dir = test_scratch_dir("xmlsrc-memo");
  const char *good_text = "<layout name='memo'><page size='A4'/></layout>\n";
  char *a = test_write_file(dir, "a.xml", good_text), *b = test_write_file(dir, "b.xml", good_text);
  for (int i = 0; i < 3; i++) {
    DiagList *d = diag_list_new();
    XmlSource *src = xmlsrc_load_valid(i == 1 ? b : a, "layout", d);
    assert_non_null(src);
    assert_int_equal(diag_count(d), 0);
    xmlsrc_free(src);
    diag_list_free(d);
  }
  g_free(test_write_file(dir, "a.xml", "<layout name='memo'><pgae/></layout>\n")); /* a rewritten */
  for (int i = 0; i < 2; i++) {
    DiagList *d = diag_list_new();
    assert_null(xmlsrc_load_valid(a, "layout", d));
    const Diag *e = diag_find(d, "unknown element <pgae>");
    assert_non_null(e);
    assert_string_equal(e->file, a);
    diag_list_free(d);
  }
  DiagList *d = diag_list_new(); /* valid as a layout, not as a report */
  assert_null(xmlsrc_load_valid(b, "report", d));
  assert_true(d->errors > 0);
  diag_list_free(d);
  g_free(a), g_free(b), g_free(dir);
}

/* The same for texts of one length that differ in a byte, short (kept
 * whole and compared) and long (past XMLSRC_VALID_COPY's 256 KB: kept as
 * a SHA-256): the valid one passes each time, the other is validated and
 * refused each time. */
static void test_valid_memo_same_length(void **state) {
  (void)state;
  char *dir = test_scratch_dir("xmlsrc-memo-length");
  for (int big = 0; big < 2; big++) {
    char *pad = g_strnfill(big ? 300 * 1024 : 10, 'x');
    char *good_text = g_strdup_printf("<layout name='len%d'><!-- %s --><page size='A4'/></layout>\n", big, pad);
    char *bad_text = g_strdup_printf("<layout name='len%d'><!-- %s --><pgae size='A4'/></layout>\n", big, pad);
    assert_int_equal(strlen(good_text), strlen(bad_text));
    char *good = test_write_file(dir, "good.xml", good_text), *bad = test_write_file(dir, "bad.xml", bad_text);
    for (int i = 0; i < 2; i++) {
      DiagList *d = diag_list_new();
      XmlSource *src = xmlsrc_load_valid(good, "layout", d);
      assert_non_null(src);
      assert_int_equal(diag_count(d), 0);
      xmlsrc_free(src);
      assert_null(xmlsrc_load_valid(bad, "layout", d));
      assert_non_null(diag_find(d, "unknown element <pgae>"));
      diag_list_free(d);
    }
    g_free(pad), g_free(good_text), g_free(bad_text), g_free(good), g_free(bad);
  }
  g_free(dir);
}

/* The one message a schema error gives, with where, what and what is allowed. */
static void expect_schema_error(const char *schema, const char *text, const char *want) {
  DiagList *d = diag_list_new();
  XmlSource *s = parse(text, d);
  assert_non_null(s);
  assert_false(xmlsrc_validate(s, schema, d));
  char *got = diag_count(d) ? diag_format(diag_get(d, 0)) : g_strdup("");
  if (diag_count(d) != 1 || strcmp(got, want) != 0) {
    fprintf(stderr, "want: %s\n", want);
    diag_print(d, stderr);
  }
  assert_int_equal(diag_count(d), 1);
  assert_string_equal(got, want);
  g_free(got);
  xmlsrc_free(s);
  diag_list_free(d);
}

#define REPORT_HEAD "<report>\n<meta><committee>P</committee><date>2014-01-20</date><title>T</title></meta>\n"

static void test_schema_errors_say_what_is_allowed(void **state) {
  (void)state;
  expect_schema_error("report",
                      REPORT_HEAD "<body><section title=\"S\">\n  <scorecard title=\"M\"><column/><measure ref=\"A\"/>"
                                  "</scorecard>\n</section></body></report>",
                      "t.xml:4:24: error: <column> needs period=\"…\"");
  expect_schema_error("report",
                      REPORT_HEAD "<body><section title=\"S\">\n<chart type=\"pie\"><caption>c</caption>"
                                  "<periods>2013-01</periods><series ref=\"A\"/></chart>\n</section></body></report>",
                      "t.xml:4:1: error: <chart type=\"pie\">: type= must be one of \"line\", \"column\", "
                      "\"stacked\" or \"bar\"");
  expect_schema_error("report",
                      "<report>\n<meta><committee>P</committee><date>20/01/2014</date><title>T</title></meta>\n"
                      "</report>",
                      "t.xml:2:31: error: <date> \"20/01/2014\" is not a date: write it as YYYY-MM-DD, e.g. 2024-10-15");
  /* written YYYY-MM-DD but no day: the form is not what is wrong */
  expect_schema_error("report",
                      "<report>\n<meta><committee>P</committee><date>2025-02-29</date><title>T</title></meta>\n"
                      "</report>",
                      "t.xml:2:31: error: <date> \"2025-02-29\" is not a date: February 2025 has 28 days");
  expect_schema_error("report",
                      "<report>\n<meta><committee>P</committee><date>2025-13-01</date><title>T</title></meta>\n"
                      "</report>",
                      "t.xml:2:31: error: <date> \"2025-13-01\" is not a date: there is no month 13");
  expect_schema_error("pack",
                      "<pack><meeting><body>B</body><date>2025-10-21</date></meeting><agenda><item title=\"A\">a</item></agenda>\n"
                      "<supplement published=\"2025-04-31\"><report item=\"1\" spec=\"r.xml\"/></supplement></pack>",
                      "t.xml:2:1: error: <supplement published=\"2025-04-31\">: published= is not a date: April 2025 "
                      "has 30 days");
  expect_schema_error("report", REPORT_HEAD "<p>stray</p>\n</report>",
                      "t.xml:3:1: error: <p> cannot go inside <report>; it goes inside <annex>, <body>, "
                      "<citizen-impact>, <consultation>, <equality>, <front-block>, <li>, <performance-risk> and 4 more");
  expect_schema_error("report",
                      REPORT_HEAD "<body><section title=\"S\" colour=\"red\"><p>x</p></section></body></report>",
                      "t.xml:3:7: error: <section> has no attribute colour= (it takes id=, lang=, keep=, title=, numbered=)");
  /* one error, at the slip: not also at the paragraph it makes fail */
  expect_schema_error("report",
                      REPORT_HEAD "<body><section title=\"S\">\n<p>The figure <change ref=\"A\" form=\"P-1\" to=\"P\"/>.</p>"
                                  "\n</section></body></report>",
                      "t.xml:4:15: error: <change> has no attribute form= (did you mean from=? it takes ref=, from=, "
                      "to=, verb=, series=, optional=)");
  expect_schema_error("report",
                      REPORT_HEAD "<body><section title=\"S\">\n<p>Ratings: <rating-summary/></p>\n</section></body>"
                                  "</report>",
                      "t.xml:4:13: error: <rating-summary> cannot go inside <p>; it goes inside <annex>, <body>, "
                      "<citizen-impact>, <consultation>, <equality>, <front-block>, <performance-risk>, <resources> "
                      "and 3 more");
  /* a slip gets the attribute meant */
  expect_schema_error("report", REPORT_HEAD "<body><section titel=\"S\"><p>x</p></section></body></report>",
                      "t.xml:3:7: error: <section> has no attribute titel= (did you mean title=? it takes id=, lang=, "
                      "keep=, title=, numbered=)");
}

static void test_catalogue_and_layout_choices(void **state) {
  (void)state;
  expect_schema_error("catalogue",
                      "<catalogue><group name=\"G\">\n<measure ref=\"A\" kind=\"percent\" basis=\"monthly\">"
                      "<title>a</title></measure></group></catalogue>",
                      "t.xml:2:1: error: <measure kind=\"percent\">: kind= must be one of \"percentage\", \"rate\", "
                      "\"average\" or \"count\"");
  /* Lengths and colours in a house style are checked in C after the schema
   * (style.c, test_layout_style); choices are the schema's. */
  expect_schema_error("layout", "<layout name=\"x\">\n<page size=\"A7\"/>\n</layout>",
                      "t.xml:2:1: error: <page size=\"A7\">: size= must be one of \"A4\", \"A3\", \"A5\" or \"letter\"");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_columns),
      cmocka_unit_test(test_buffer_without_nul),
      cmocka_unit_test(test_one_long_line_is_linear),
      cmocka_unit_test(test_depth_limit_message),
      cmocka_unit_test(test_fifo_and_size_limit),
      cmocka_unit_test(test_load_valid),
      cmocka_unit_test(test_valid_bytes_remembered),
      cmocka_unit_test(test_valid_memo_same_length),
      cmocka_unit_test(test_schema_errors_say_what_is_allowed),
      cmocka_unit_test(test_catalogue_and_layout_choices),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
