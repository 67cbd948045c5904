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

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_columns),
      cmocka_unit_test(test_one_long_line_is_linear),
      cmocka_unit_test(test_depth_limit_message),
      cmocka_unit_test(test_fifo_and_size_limit),
      cmocka_unit_test(test_load_valid),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
