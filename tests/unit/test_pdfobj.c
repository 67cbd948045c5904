/* The in-place PDF reader: values and their spans, dictionaries, arrays,
 * references, strings with nested parentheses, and refusing what it does
 * not understand. */
#include "testutil.h"

#include "pdf/pdfobj.h"

static PdfVal parse(const char *text) {
  PdfVal v;
  const char *p = text;
  assert_true(pdf_val_parse(&p, text + strlen(text), &v));
  return v;
}

static void test_values(void **state) {
  (void)state;
  assert_int_equal(parse("  12 ").kind, PDF_NUMBER);
  PdfVal r = parse("12 0 R");
  assert_int_equal(r.kind, PDF_REF);
  assert_int_equal(r.num, 12);
  assert_int_equal(parse("/Name").kind, PDF_NAME);
  assert_int_equal(parse("(a (nested) \\) string)").kind, PDF_STRING);
  assert_int_equal(parse("<FEFF0041>").kind, PDF_STRING);
  assert_int_equal(parse("null").kind, PDF_NULL);
  assert_int_equal(parse("true").kind, PDF_BOOL);
  PdfVal s = parse("(a (b) c) tail");
  assert_int_equal(s.end - s.start, 9);
}

static void test_dict_and_array(void **state) {
  (void)state;
  PdfVal d = parse("<< /Type /StructElem /S /Figure /K [ 4 0 R 7 << /MCID 3 >> 9 0 R ] /T (x >> y) >>");
  assert_int_equal(d.kind, PDF_DICT);
  PdfVal s, k, t;
  assert_true(pdf_dict_get(&d, "S", &s));
  assert_true(pdf_name_is(&s, "Figure"));
  assert_false(pdf_dict_get(&d, "Alt", &s));
  assert_true(pdf_dict_get(&d, "T", &t)); /* ">>" inside a string does not end the dict */
  assert_int_equal(t.kind, PDF_STRING);
  assert_true(pdf_dict_get(&d, "K", &k));
  const char *cursor = NULL;
  PdfVal v;
  long refs[4];
  int n = 0;
  while (pdf_array_next(&k, &cursor, &v))
    if (v.kind == PDF_REF) refs[n++] = v.num;
  assert_int_equal(n, 2);
  assert_int_equal(refs[0], 4);
  assert_int_equal(refs[1], 9);
}

static void test_refuses_truncated(void **state) {
  (void)state;
  PdfVal v;
  const char *text = "<< /K [ 1 0 R ";
  const char *p = text;
  assert_false(pdf_val_parse(&p, text + strlen(text), &v));
  PdfFile f;
  GError *err = NULL;
  assert_false(pdf_file_open(&f, "%PDF-1.5\nnot really", 19, &err));
  assert_non_null(err);
  g_error_free(err);
  pdf_file_close(&f);
}

static void test_text_string(void **state) {
  (void)state;
  char *a = pdf_text_string("Plain (text)");
  assert_string_equal(a, "(Plain \\(text\\))");
  char *u = pdf_text_string("£5");
  assert_string_equal(u, "<FEFF00A30035>");
  g_free(a);
  g_free(u);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_values),
      cmocka_unit_test(test_dict_and_array),
      cmocka_unit_test(test_refuses_truncated),
      cmocka_unit_test(test_text_string),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
