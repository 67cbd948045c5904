/* Spec parser: valid documents become the model; each kind of invalid
 * document gives an error at the right line (and column). */
#include "testutil.h"

#include <unistd.h>

#include "spec/spec.h"

#define META "<meta><committee>Panel</committee><date>2013-09-10</date><title>T</title></meta>\n"

static char *dir;

static Spec *load(const char *name, const char *xml, DiagList *diags) {
  char *path = test_write_file(dir, name, xml);
  Spec *s = spec_load(path, diags);
  g_free(path);
  return s;
}

static void expect_error(const char *xml, int line, int col, const char *needle) {
  DiagList *d = diag_list_new();
  Spec *s = load("bad.xml", xml, d);
  assert_null(s);
  const Diag *e = diag_find(d, needle);
  if (!e) diag_print(d, stderr);
  assert_non_null(e);
  assert_int_equal(e->severity, DIAG_ERROR);
  assert_int_equal(e->line, line);
  if (col) assert_int_equal(e->col, col);
  assert_true(g_str_has_suffix(e->file, "bad.xml"));
  diag_list_free(d);
}

static void test_numbering_and_meta(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  Spec *s = load("ok.xml",
                 "<report>" META "<body>\n"
                 "<section title='One'><p>a</p><p numbered='no'>b</p><p>c</p></section>\n"
                 "<section title='Two'><section title='Sub'><p>x</p></section><section title='Sub2'><p>y</p></section></section>\n"
                 "<section title='Three'><p>intro</p><section title='Sub'><p>z</p></section><p>after</p>"
                 "<section title='Unnumbered' numbered='no'><p>w</p></section></section>\n"
                 "</body></report>",
                 d);
  assert_non_null(s);
  assert_int_equal(diag_count(d), 0);
  assert_string_equal(s->meta.date_long, "10 September 2013");
  assert_string_equal(s->lang, "en-GB");
  SpecBlock *one = s->body->children[0], *two = s->body->children[1];
  assert_string_equal(one->number, "1");
  assert_string_equal(one->children[0]->para_number, "1.1");
  assert_null(one->children[1]->para_number);
  assert_string_equal(one->children[2]->para_number, "1.2");
  assert_string_equal(two->children[1]->number, "2.2");
  assert_string_equal(two->children[1]->children[0]->para_number, "2.2.1");
  /* paragraphs and sub-sections count in one sequence: no two are "3.1" */
  SpecBlock *three = s->body->children[2];
  assert_string_equal(three->children[0]->para_number, "3.1");
  assert_string_equal(three->children[1]->number, "3.2");
  assert_string_equal(three->children[1]->children[0]->para_number, "3.2.1");
  assert_string_equal(three->children[2]->para_number, "3.3");
  assert_null(three->children[3]->number);
  assert_int_equal(s->meta.created, 1378771200); /* 2013-09-10T00:00:00Z */
  spec_free(s);
  diag_list_free(d);
}

static void test_inline_whitespace_and_styles(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  Spec *s = load("inline.xml",
                 "<report>" META "<body><section title='S'><p>\n   Hello   <b>bold\n world</b> and <i>it</i>"
                 " <a href='https://example.org/a b'>link</a>.  </p></section></body></report>",
                 d);
  assert_non_null(s);
  const SpecBlock *p = s->body->children[0]->children[0];
  assert_string_equal(spec_inline_text(s, &p->text), "Hello bold world and it link.");
  assert_int_equal(p->text.runs[1].style, RUN_STYLE_BOLD);
  assert_int_equal(p->text.runs[3].style, RUN_STYLE_ITALIC);
  assert_string_equal(p->text.runs[5].href, "https://example.org/a b");
  spec_free(s);
  diag_list_free(d);
}

static void test_front_sheet_defaults(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  Spec *s = load("front.xml",
                 "<report>" META "<front-sheet><summary><p>s</p></summary>"
                 "<recommendations><li>one</li><li>two</li></recommendations>"
                 "<consultation title='Who we asked'><p>c</p></consultation></front-sheet></report>",
                 d);
  assert_non_null(s);
  assert_string_equal(s->front->children[0]->title, "Executive summary");
  const SpecBlock *rec = s->front->children[1];
  assert_string_equal(rec->title, "Recommendations");
  assert_int_equal(rec->children[0]->kind, BLOCK_LIST);
  assert_true(rec->children[0]->ordered);
  assert_int_equal(rec->children[0]->n_children, 2);
  assert_string_equal(s->front->children[2]->title, "Who we asked");
  spec_free(s);
  diag_list_free(d);
}

/* A bilingual front sheet: each block twice, Welsh first, each with its
 * standard heading in its own language; a <span> keeps its language. */
static void test_bilingual_front_sheet(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  Spec *s = load("bilingual.xml",
                 "<report lang='en-GB'>" META "<front-sheet><summary lang='cy'><p>Crynodeb</p></summary>"
                 "<summary><p>Summary, <span lang='cy'>Crynodeb</span></p></summary>"
                 "<recommendations lang='cy'><li>un</li></recommendations><recommendations><li>one</li></recommendations>"
                 "</front-sheet></report>",
                 d);
  diag_print(d, stderr);
  assert_non_null(s);
  assert_string_equal(s->front->children[0]->title, "Crynodeb Gweithredol");
  assert_string_equal(s->front->children[0]->lang, "cy");
  assert_string_equal(s->front->children[1]->title, "Executive summary");
  assert_null(s->front->children[1]->lang);
  assert_string_equal(s->front->children[2]->title, "Argymhellion");
  assert_string_equal(s->front->children[3]->title, "Recommendations");
  const SpecInline *t = &s->front->children[1]->children[0]->text;
  assert_int_equal(t->n_runs, 2);
  assert_null(t->runs[0].lang);
  assert_string_equal(t->runs[1].lang, "cy");
  spec_free(s);
  s = load("cy.xml", "<report lang='cy'>" META "<front-sheet><summary><p>s</p></summary></front-sheet></report>", d);
  assert_string_equal(s->front->children[0]->title, "Crynodeb Gweithredol");
  spec_free(s);
  diag_list_free(d);
}

static void test_malformed_xml(void **state) {
  (void)state;
  expect_error("<report>\n" META "<body>\n<section title='x'><p>open</section>\n</body></report>", 4, 0,
               "mismatch");
}

/* A language tag written as a locale is one message, the attribute's;
 * libxml2's "Expecting an element b, got nothing" at the same place was
 * printed before it (Thamesmead Vale's lang="pl_PL"). */
static void test_bad_language_tag_said_once(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  assert_null(load("lang.xml", "<report>" META "<body><section title='x'>\n<p lang='pl_PL'>Tekst <b>b</b>.</p>"
                                "</section></body></report>", d));
  if (diag_count(d) != 1) diag_print(d, stderr);
  assert_int_equal(diag_count(d), 1);
  assert_non_null(diag_find(d, "<p lang=\"pl_PL\">: lang= must be a language tag such as en-GB or cy"));
  diag_list_free(d);
}

static void test_misspelt_element(void **state) {
  (void)state;
  expect_error("<report>\n" META "<body>\n  <section title='x'>\n    <paragraph>hi</paragraph>\n  </section>\n</body></report>",
               5, 5, "unknown element <paragraph>");
  DiagList *d = diag_list_new();
  load("bad2.xml", "<report>" META "<body><section title='x'><pp>hi</pp></section></body></report>", d);
  assert_non_null(diag_find(d, "did you mean <p>?"));
  diag_list_free(d);
  /* a name from HTML or a word processor gets boardpack's element for
   * it, not the nearest spelling (<col> for <row>) */
  d = diag_list_new();
  load("bad3.xml",
       "<report>" META "<body><section title='x'><table><thead/><row><cell>1</cell></row></table>"
       "<para>hi</para></section></body></report>",
       d);
  assert_non_null(diag_find(d, "unknown element <row> (did you mean <tr>?)"));
  assert_non_null(diag_find(d, "unknown element <thead> (did you mean <tr head=\"yes\">?)"));
  assert_non_null(diag_find(d, "unknown element <para> (did you mean <p>?)"));
  diag_list_free(d);
}

/* <col>s are all the columns or none: one fewer is a cell missing or
 * one too many, said at the table with what to do. */
static void test_columns_declared_for_every_column(void **state) {
  (void)state;
  expect_error("<report>\n" META "<body><section title='x'>\n  <table><col width='3*'/>\n"
               "<tr><td>a</td><td>b</td><td>c</td></tr></table></section></body></report>",
               4, 3, "the table declares 1 <col> but its rows have 3 columns: give each column a <col>");
  expect_error("<report>\n" META "<body><section title='x'>\n  <table><col/><col/><col/><col/>\n"
               "<tr><td>a</td><td>b</td><td>c</td></tr></table></section></body></report>",
               4, 3, "the table declares 4 <col>s but its rows have 3 columns");
}

/* A table with no header row and no <th> is read with a warning at the
 * table: its columns have no names for a screen reader. A first row of
 * <th>s heads it; so does head="yes" on a row of <td>s. */
static void test_table_without_headers_warned(void **state) {
  (void)state;
  static const struct {
    const char *rows;
    gboolean warned;
  } cases[] = {
      {"<tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr>", TRUE},
      {"<tr><th>A</th><th>B</th></tr><tr><td>c</td><td>d</td></tr>", FALSE},
      {"<tr head='yes'><td>A</td><td>B</td></tr><tr><td>c</td><td>d</td></tr>", FALSE},
      {"<tr><th>Row</th><td>1</td></tr>", FALSE},
  };
  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    char *xml = g_strdup_printf("<report>\n" META "<body><section title='x'>\n  <table>%s</table></section></body></report>",
                                cases[i].rows);
    DiagList *d = diag_list_new();
    Spec *s = load("heads.xml", xml, d);
    assert_non_null(s);
    const Diag *w = diag_find(d, "the table has no header cells, so a screen reader cannot say what its columns hold");
    if (cases[i].warned) {
      assert_non_null(w);
      assert_int_equal(w->severity, DIAG_WARNING);
      assert_int_equal(w->line, 4);
      assert_int_equal(w->col, 3);
    } else {
      assert_null(w);
    }
    spec_free(s);
    diag_list_free(d);
    g_free(xml);
  }
}

/* A header row after a row of data would leave the cells above it with no
 * header: refused at the row. */
static void test_header_row_after_data_refused(void **state) {
  (void)state;
  expect_error("<report>\n" META "<body><section title='x'><table>\n<tr><td>a</td><td>b</td></tr>\n"
               "<tr head='yes'><th>A</th><th>B</th></tr></table></section></body></report>",
               5, 1, "a header row comes before the rows it heads: move this <tr head=\"yes\"> above");
}

static void test_schema_violation(void **state) {
  (void)state;
  /* a section without its title attribute */
  expect_error("<report>\n" META "<body>\n\n<section><p>x</p></section></body></report>", 5, 1, "section");
}

static void test_bad_date(void **state) {
  (void)state;
  expect_error("<report>\n<meta><committee>P</committee>\n<date>2013-02-30</date><title>T</title></meta></report>", 3,
               1, "date");
}

static void test_doctype_and_entities_refused(void **state) {
  (void)state;
  expect_error("<?xml version='1.0'?>\n<!DOCTYPE r [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;&a;'>]>\n<report/>", 2, 0,
               "DOCTYPE declarations are not allowed");
  expect_error("<!DOCTYPE r [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><report>&x;</report>", 1, 0, "DOCTYPE");
}

static void test_missing_and_escaping_files(void **state) {
  (void)state;
  expect_error("<report>\n" META "<body><section title='x'>\n<figure src='nope.png' alt='a'/></section></body></report>",
               4, 1, "cannot open 'nope.png'");
  expect_error("<report>\n" META "<body><section title='x'>\n<figure src='../x.png' alt='a'/></section></body></report>",
               4, 1, "is outside the folder of");
  expect_error("<report>\n" META "<body><section title='x'>\n<figure src='/etc/passwd' alt='a'/></section></body></report>",
               4, 1, "is outside the folder of");
  char *link = g_build_filename(dir, "escape.png", NULL);
  unlink(link);
  assert_int_equal(symlink("/etc/hostname", link), 0);
  expect_error("<report>\n" META "<body><section title='x'>\n<figure src='escape.png' alt='a'/></section></body></report>",
               4, 1, "symbolic link");
  g_free(link);
}

static void test_lists_nested_too_deep(void **state) {
  (void)state;
  GString *xml = g_string_new("<report>\n" META "<body><section title='x'>\n");
  for (int i = 0; i < 40; i++) g_string_append(xml, "<ul><li>level\n");
  for (int i = 0; i < 40; i++) g_string_append(xml, "</li></ul>");
  g_string_append(xml, "</section></body></report>");
  /* the 33rd <ul> starts line 4 + 32 */
  expect_error(xml->str, 36, 1, "lists are nested more than 32 deep");
  g_string_free(xml, TRUE);
}

static void test_unreadable_and_directory(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  assert_null(spec_load(dir, d));
  assert_non_null(diag_find(d, "is a directory"));
  char *missing = g_build_filename(dir, "missing.xml", NULL);
  assert_null(spec_load(missing, d));
  assert_non_null(diag_find(d, "cannot read"));
  g_free(missing);
  diag_list_free(d);
}

/* spec_drop_blocks frees the blocks and keeps the meta where it is, its
 * strings readable (under ASan, a string left in the freed pool is a
 * use-after-free here); the model can be added to afterwards. */
static void test_drop_blocks_keeps_meta(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  Spec *s = load("drop.xml",
                 "<report lang='cy'><meta><committee>Panel</committee><date>2013-09-10</date><title>The title</title>"
                 "<portfolio>Children</portfolio><portfolio>Schools</portfolio>"
                 "<author name='A. Officer' role='Head' email='a@example.org'/><keywords>k1 k2</keywords></meta>\n"
                 "<body title='Adroddiad'><section title='One'><p>a <b>b</b></p></section></body>"
                 "<annex title='Extra'><p>x</p></annex></report>",
                 d);
  assert_non_null(s);
  const SpecMeta *m = &s->meta;
  spec_drop_blocks(s);
  assert_ptr_equal(m, &s->meta);
  assert_null(s->body);
  assert_null(s->front);
  assert_int_equal(s->n_annexes, 0);
  assert_string_equal(m->committee, "Panel");
  assert_string_equal(m->title, "The title");
  assert_string_equal(m->date_long, "10 Medi 2013"); /* the report is Welsh */
  assert_string_equal(m->portfolios[0], "Children");
  assert_string_equal(m->portfolios[1], "Schools");
  assert_null(m->portfolios[2]);
  assert_string_equal(m->author.name, "A. Officer");
  assert_string_equal(m->author.email, "a@example.org");
  assert_string_equal(m->keywords, "k1 k2");
  assert_string_equal(s->lang, "cy");
  assert_string_equal(s->body_title, "Adroddiad");
  assert_string_equal(spec_strdup(s, "after"), "after");
  spec_free(s);
  diag_list_free(d);
}

/* Each part of the XML is freed once read (xmlsrc_release): an error in a
 * later part still has its line and column. */
static void test_error_after_parts_freed(void **state) {
  (void)state;
  expect_error("<report>" META "<body>\n<section title='One'><p>a</p></section>\n"
               "<section title='Two'><p>b</p>\n  <p>c <a href='javascript:x'>d</a></p></section>\n</body></report>",
               5, 8, "is not allowed");
}

int main(void) {
  dir = test_scratch_dir("spec");
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_numbering_and_meta),
      cmocka_unit_test(test_inline_whitespace_and_styles),
      cmocka_unit_test(test_front_sheet_defaults),
      cmocka_unit_test(test_bilingual_front_sheet),
      cmocka_unit_test(test_malformed_xml),
      cmocka_unit_test(test_misspelt_element),
      cmocka_unit_test(test_bad_language_tag_said_once),
      cmocka_unit_test(test_columns_declared_for_every_column),
      cmocka_unit_test(test_table_without_headers_warned),
      cmocka_unit_test(test_header_row_after_data_refused),
      cmocka_unit_test(test_schema_violation),
      cmocka_unit_test(test_bad_date),
      cmocka_unit_test(test_doctype_and_entities_refused),
      cmocka_unit_test(test_missing_and_escaping_files),
      cmocka_unit_test(test_unreadable_and_directory),
      cmocka_unit_test(test_lists_nested_too_deep),
      cmocka_unit_test(test_drop_blocks_keeps_meta),
      cmocka_unit_test(test_error_after_parts_freed),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  g_free(dir);
  return rc;
}
