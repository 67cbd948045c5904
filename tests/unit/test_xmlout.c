/* xmlout: the one escaping of text for the XML, SVG and HTML written. */
#include "testutil.h"

#include "base/xmlout.h"

static char *escaped(const char *text) {
  GString *s = g_string_new(NULL);
  xml_escape(s, text);
  return g_string_free(s, FALSE);
}

static void test_markup_characters(void **state) {
  (void)state;
  char *e = escaped("<a href=\"x\">&'</a>");
  assert_string_equal(e, "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
  g_free(e);
  e = escaped("Môn – £1.2m ✖"); /* UTF-8 goes as it is */
  assert_string_equal(e, "Môn – £1.2m ✖");
  g_free(e);
  e = escaped(NULL);
  assert_string_equal(e, "");
  g_free(e);
}

/* XML 1.0 cannot carry C0 controls but tab, newline and CR. */
static void test_controls_become_spaces(void **state) {
  (void)state;
  char *e = escaped("a\x01" "b\x1f" "c\td\ne\rf");
  assert_string_equal(e, "a b c\td\ne\rf");
  g_free(e);
}

static void test_a_length_of_text(void **state) {
  (void)state;
  GString *s = g_string_new(NULL);
  xml_escape_len(s, "x<y&z", 3);
  assert_string_equal(s->str, "x&lt;y");
  g_string_free(s, TRUE);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_markup_characters),
      cmocka_unit_test(test_controls_become_spaces),
      cmocka_unit_test(test_a_length_of_text),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
