/* html: text from the spec is escaped everywhere (content, attributes,
 * links); the page has one <h1>, headings that never skip a level, a skip
 * link, <main> and a <nav> contents; tables have a caption, column heads
 * with scope, group rows and `headers`; a rating glyph carries words; the
 * same spec gives the same bytes. */
#include "testutil.h"

#include "base/fonts.h"
#include "bind/bind.h"
#include "html/html.h"

#define META "<meta><committee>Panel &amp; Board</committee><date>2013-09-10</date><title>T &lt;1&gt;</title></meta>"

static char *dir;
static PangoFontMap *fonts;

/* The page for a report with `body` as its body. */
static char *page_of(const char *body, const char *annex) {
  DiagList *diags = diag_list_new();
  char *xml = g_strdup_printf("<report>" META "<front-sheet><contents/></front-sheet><body>%s</body>%s</report>", body,
                              annex ? annex : "");
  char *path = test_write_file(dir, "doc.xml", xml);
  Spec *spec = spec_load(path, diags);
  if (!spec) diag_print(diags, stderr);
  assert_non_null(spec);
  assert_true(bind_spec(spec, NULL, diags));
  Style *style = style_load(spec->layout, diags);
  assert_non_null(style);
  PangoContext *ctx = fonts_context_new(fonts);
  GBytes *bytes = html_document(spec, style, ctx, diags);
  assert_non_null(bytes);
  gsize len;
  const char *data = g_bytes_get_data(bytes, &len);
  char *page = g_strndup(data, len);
  g_bytes_unref(bytes);
  g_object_unref(ctx);
  style_free(style);
  spec_free(spec);
  diag_list_free(diags);
  g_free(xml), g_free(path);
  return page;
}

static int count(const char *hay, const char *needle) {
  int n = 0;
  for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) n++;
  return n;
}

static void test_text_and_links_escaped(void **state) {
  (void)state;
  char *page = page_of("<section title='Less &lt; more &amp; &quot;quotes&quot;'>"
                       "<p>If a &lt; b &amp; \"c\" then <a href='https://example.org/?a=1&amp;b=&quot;2&quot;'>see "
                       "&lt;this&gt;</a>.</p></section>",
                       NULL);
  assert_non_null(strstr(page, "<title>T &lt;1&gt;</title>"));
  assert_non_null(strstr(page, "Panel &amp; Board"));
  assert_non_null(strstr(page, "If a &lt; b &amp; &quot;c&quot; then "));
  assert_non_null(strstr(page, "<a href=\"https://example.org/?a=1&amp;b=&quot;2&quot;\">see &lt;this&gt;</a>"));
  assert_non_null(strstr(page, "1. Less &lt; more &amp; &quot;quotes&quot;</h3>"));
  assert_null(strstr(page, "<this>"));
  assert_null(strstr(page, "a < b"));
  g_free(page);
}

/* Each heading at most one level below the one before it; one <h1>. */
static void test_structure(void **state) {
  (void)state;
  char *page = page_of("<section title='A'><p>x</p><section title='A.1'><p>y</p><section title='A.1.1'>"
                       "<heading>Free</heading><p>z</p></section></section></section><section title='B'><p>w</p></section>",
                       "<annex title='Extra'><section title='In annex'><p>v</p></section></annex>");
  assert_int_equal(count(page, "<h1"), 1);
  assert_non_null(strstr(page, "<html lang=\"en-GB\">"));
  assert_int_equal(count(page, "<main id=\"main\">"), 1);
  assert_non_null(strstr(page, "<a class=\"skip\" href=\"#main\">"));
  assert_non_null(strstr(page, "<nav aria-labelledby=\"contents-heading\">"));
  assert_non_null(strstr(page, "<a href=\"#s1\">1. A</a>"));
  assert_non_null(strstr(page, "<a href=\"#annex-1\">Annex 1: Extra</a>"));
  int last = 0;
  for (const char *p = strstr(page, "<h"); p; p = strstr(p + 1, "<h")) {
    if (p[2] < '1' || p[2] > '6') continue;
    int level = p[2] - '0';
    assert_true(level <= last + 1);
    last = level;
  }
  /* numbered after the paragraphs before it: A's 1.1 (x), A.1 is 1.2, its y 1.2.1 */
  assert_non_null(strstr(page, "<h5 id=\"s1.1.1\">1.2.2 A.1.1</h5>"));
  assert_non_null(strstr(page, "<h6>Free</h6>"));
  g_free(page);
}

static void test_table_headers(void **state) {
  (void)state;
  char *page = page_of("<section title='S'><table><caption>Figures</caption><tr head='yes'><th>Measure</th><th>Value</th></tr>"
                       "<group>Workforce</group><tr><th>Staff</th><td>12</td></tr><note>A note</note></table></section>",
                       NULL);
  assert_non_null(strstr(page, "<caption id=\"t1-cap\">Figures</caption>"));
  assert_non_null(strstr(page, "<thead>\n<tr><th id=\"t1-h0-0\" scope=\"col\">Measure</th>"));
  assert_non_null(strstr(page, "<th class=\"group\" id=\"t1-g1\" scope=\"rowgroup\" colspan=\"2\">Workforce</th>"));
  assert_non_null(strstr(page, "<th id=\"t1-r2\" scope=\"row\">Staff</th><td headers=\"t1-h0-1 t1-g1 t1-r2\">12</td>"));
  assert_non_null(strstr(page, "role=\"region\" tabindex=\"0\" aria-labelledby=\"t1-cap\""));
  g_free(page);
}

/* With no arrow bound from data the report has no basis for its arrows,
 * so their words name none (the sample tests check a basis is named when
 * every arrow shares one). */
static void test_glyphs_carry_words(void **state) {
  (void)state;
  char *page = page_of("<section title='S'><p>Rated ★ and ↘.</p></section>", NULL);
  assert_non_null(strstr(page, "Rated <span aria-hidden=\"true\">★</span><span class=\"vh\"> (achieved the minimum "
                               "standard)</span> and <span aria-hidden=\"true\">↘</span><span class=\"vh\"> "
                               "(deteriorated)</span>."));
  g_free(page);
}

static void test_footnotes_link_both_ways(void **state) {
  (void)state;
  char *page = page_of("<section title='S'><p>Fund<footnote>The grant &amp; more.</footnote> used.</p></section>", NULL);
  assert_non_null(strstr(page, "Fund<sup><a id=\"fnref-1\" href=\"#fn-1\"><span class=\"vh\">footnote </span>1</a></sup> used."));
  assert_non_null(strstr(page, "<li id=\"fn-1\" value=\"1\">The grant &amp; more. <a href=\"#fnref-1\">"));
  g_free(page);
}

static void test_right_to_left_paragraphs(void **state) {
  (void)state;
  char *page = page_of("<section title='S'><p>Left to right.</p><p>یہ مفت ہے۔</p></section>", NULL);
  assert_non_null(strstr(page, "<p dir=\"auto\"><span class=\"num\">1.2</span> یہ مفت ہے۔</p>"));
  assert_non_null(strstr(page, "<p><span class=\"num\">1.1</span> Left to right.</p>"));
  g_free(page);
}

static void test_same_bytes(void **state) {
  (void)state;
  const char *body = "<section title='S'><p>Same</p><table><tr><td>1</td></tr></table></section>";
  char *a = page_of(body, NULL), *b = page_of(body, NULL);
  assert_string_equal(a, b);
  g_free(a), g_free(b);
}

int main(void) {
  dir = test_scratch_dir("html");
  fonts = fonts_font_map_new("fonts", NULL);
  assert_non_null(fonts);
  const struct CMUnitTest tests[] = {          cmocka_unit_test(test_text_and_links_escaped),
      cmocka_unit_test(test_structure),       cmocka_unit_test(test_table_headers),
      cmocka_unit_test(test_glyphs_carry_words), cmocka_unit_test(test_same_bytes),
      cmocka_unit_test(test_footnotes_link_both_ways), cmocka_unit_test(test_right_to_left_paragraphs),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  g_object_unref(fonts);
  g_free(dir);
  return rc;
}
