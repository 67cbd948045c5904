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

/* An xref subsection numbering objects far beyond what the file could
 * hold is refused before anything is allocated for them (it once asked
 * for 8 GB: tests/fuzz/regress/merge/xref-numbers-past-the-file.bin). */
static void test_refuses_xref_numbers_past_the_file(void **state) {
  (void)state;
  const char *pdf = "%PDF-1.5\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
                    "xref\n1000000000 1\n0000000009 00000 n \ntrailer\n<< /Size 1000000001 /Root 1 0 R >>\n"
                    "startxref\n45\n%%EOF\n";
  PdfFile f;
  GError *err = NULL;
  assert_false(pdf_file_open(&f, pdf, strlen(pdf), &err));
  assert_non_null(err);
  assert_non_null(strstr(err->message, "beyond what the file can hold"));
  g_error_free(err);
  pdf_file_close(&f);
}

static void test_text_string(void **state) {
  (void)state;
  char *a = pdf_text_string("Plain (text)");
  assert_string_equal(a, "(Plain \\(text\\))");
  char *u = pdf_text_string("£5 ≥ €");
  assert_string_equal(u, "<FEFF00A3003500202265002020AC>");
  char *h = pdf_hex_string("id-1\xff");
  assert_string_equal(h, "<69642D31FF>");
  g_free(h);
  g_free(a);
  g_free(u);
}

/* A file of the given objects (numbered from 1) with a classic xref. */
static GString *tiny_pdf(const char *const *objects) {
  GString *s = g_string_new("%PDF-1.5\n");
  GArray *offs = g_array_new(FALSE, FALSE, sizeof(gsize));
  int n = 0;
  for (; objects[n]; n++) {
    gsize off = s->len;
    g_array_append_val(offs, off);
    g_string_append_printf(s, "%d 0 obj\n%s\nendobj\n", n + 1, objects[n]);
  }
  gsize xref = s->len;
  g_string_append_printf(s, "xref\n0 %d\n0000000000 65535 f \n", n + 1);
  for (int i = 0; i < n; i++) g_string_append_printf(s, "%010lu 00000 n \n", (unsigned long)g_array_index(offs, gsize, i));
  g_string_append_printf(s, "trailer\n<< /Size %d >>\nstartxref\n%lu\n%%%%EOF\n", n + 1, (unsigned long)xref);
  g_array_free(offs, TRUE);
  return s;
}

/* An object parsed once with its entries kept finds what pdf_dict_get
 * finds, in a dictionary of more entries than the index holds too. */
static void test_object_index(void **state) {
  (void)state;
  GString *many = g_string_new("<<");
  for (int i = 0; i < PDF_INDEX_ENTRIES + 6; i++) g_string_append_printf(many, " /K%d %d", i, i * 10);
  g_string_append(many, " >>");
  const char *objects[] = {"<< /Type /StructElem /S /P /K [ 2 0 R 5 ] /A << /O /Table >> >>", many->str, "[ 1 2 ]", NULL};
  GString *pdf = tiny_pdf(objects);
  PdfFile f;
  assert_true(pdf_file_open(&f, pdf->str, pdf->len, NULL));
  PdfIndex ix;
  PdfVal v, w;
  assert_true(pdf_file_object_index(&f, 1, &ix));
  assert_int_equal(ix.dict.kind, PDF_DICT);
  assert_true(ix.complete);
  assert_true(pdf_index_get(&ix, "S", &v) && pdf_name_is(&v, "P"));
  assert_true(pdf_index_get(&ix, "K", &v) && v.kind == PDF_ARRAY);
  assert_true(pdf_dict_get(&ix.dict, "K", &w) && w.start == v.start && w.end == v.end);
  assert_false(pdf_index_get(&ix, "O", &v)); /* a key of a nested dictionary is not one of this one */
  assert_true(pdf_file_object(&f, 1, &w) && w.start == ix.dict.start && w.end == ix.dict.end);
  assert_true(pdf_file_object_index(&f, 2, &ix));
  assert_false(ix.complete);
  assert_true(pdf_index_get(&ix, "K3", &v) && v.num == 30);
  char last[16];
  g_snprintf(last, sizeof last, "K%d", PDF_INDEX_ENTRIES + 5);
  assert_true(pdf_index_get(&ix, last, &v) && v.num == (PDF_INDEX_ENTRIES + 5) * 10);
  assert_true(pdf_file_object_index(&f, 3, &ix));
  assert_int_equal(ix.dict.kind, PDF_ARRAY);
  assert_int_equal(ix.n, 0);
  assert_false(pdf_file_object_index(&f, 4, &ix));
  pdf_file_close(&f);
  g_string_free(pdf, TRUE);
  g_string_free(many, TRUE);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_values),
      cmocka_unit_test(test_dict_and_array),
      cmocka_unit_test(test_refuses_truncated),
      cmocka_unit_test(test_refuses_xref_numbers_past_the_file),
      cmocka_unit_test(test_text_string),
      cmocka_unit_test(test_object_index),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
