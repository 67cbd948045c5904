/* csv: RFC 4180 edge cases, with the positions messages rely on. */
#include "testutil.h"

#include "measures/csv.h"

static CsvTable *parse(const char *text, DiagList *diags) { return csv_parse("t.csv", text, strlen(text), diags); }

static const char *field(const CsvTable *t, guint rec, guint i) {
  const CsvField *f = csv_field(csv_record(t, rec), i);
  return f ? f->text : NULL;
}

static void test_simple_lf_and_crlf(void **state) {
  (void)state;
  const char *inputs[] = {"a,b\n1,2\n", "a,b\r\n1,2\r\n", "a,b\r1,2\r", "a,b\n1,2"};
  for (size_t i = 0; i < G_N_ELEMENTS(inputs); i++) {
    DiagList *d = diag_list_new();
    CsvTable *t = parse(inputs[i], d);
    assert_non_null(t);
    assert_int_equal(csv_count(t), 2);
    assert_string_equal(field(t, 1, 0), "1");
    assert_string_equal(field(t, 1, 1), "2");
    assert_int_equal(csv_record(t, 1)->line, 2);
    assert_int_equal(csv_field(csv_record(t, 1), 1)->col, 3);
    csv_free(t);
    diag_list_free(d);
  }
}

static void test_bom_is_skipped(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  CsvTable *t = parse("\xEF\xBB\xBFref,period\r\nRA4,2013-06\r\n", d);
  assert_non_null(t);
  assert_string_equal(field(t, 0, 0), "ref");
  assert_int_equal(csv_field(csv_record(t, 0), 0)->col, 1);
  csv_free(t);
  diag_list_free(d);
}

static void test_quotes_and_embedded_newlines(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  CsvTable *t = parse("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\nnext,\"\",z\n", d);
  assert_non_null(t);
  assert_int_equal(csv_count(t), 3);
  assert_string_equal(field(t, 1, 0), "x, y");
  assert_string_equal(field(t, 1, 1), "say \"hi\"");
  assert_string_equal(field(t, 1, 2), "two\nlines"); /* CRLF inside a field becomes LF */
  assert_true(csv_field(csv_record(t, 1), 2)->quoted);
  /* The record after a two-line field starts on physical line 4. */
  assert_int_equal(csv_record(t, 2)->line, 4);
  assert_string_equal(field(t, 2, 1), "");
  assert_int_equal(csv_field(csv_record(t, 2), 2)->col, 9);
  csv_free(t);
  diag_list_free(d);
}

static void test_empty_trailing_fields_and_blank_lines(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  CsvTable *t = parse("a,b,\n\n,,\n\r\nx\n", d);
  assert_non_null(t);
  assert_int_equal(csv_count(t), 3);
  assert_int_equal(csv_field_count(csv_record(t, 0)), 3);
  assert_string_equal(field(t, 0, 2), "");
  assert_int_equal(csv_field_count(csv_record(t, 1)), 3);
  assert_int_equal(csv_record(t, 1)->line, 3);
  assert_int_equal(csv_record(t, 2)->line, 5);
  assert_null(field(t, 2, 1)); /* a short record has no field 1 */
  csv_free(t);
  diag_list_free(d);
}

static void expect_error_len(const char *text, size_t len, int line, int col, const char *needle) {
  DiagList *d = diag_list_new();
  CsvTable *t = csv_parse("t.csv", text, len, d);
  assert_null(t);
  assert_int_equal(diag_count(d), 1);
  const Diag *e = diag_get(d, 0);
  assert_int_equal(e->severity, DIAG_ERROR);
  assert_int_equal(e->line, line);
  assert_int_equal(e->col, col);
  if (!strstr(e->message, needle)) fail_msg("message \"%s\" lacks \"%s\"", e->message, needle);
  diag_list_free(d);
}

static void expect_error(const char *text, int line, int col, const char *needle) {
  expect_error_len(text, strlen(text), line, col, needle);
}

static void test_errors_with_positions(void **state) {
  (void)state;
  /* The unterminated quote is reported where it opened, not at EOF. */
  expect_error("a,b\n1,\"open\n2,3\n4,5\n", 2, 3, "unterminated quoted field");
  expect_error("a,b\n\"x\"y,2\n", 2, 4, "after a closing quote");
  expect_error("a,b\n1,ab\"c\n", 2, 5, "quote inside an unquoted field");
  /* Windows-1252 "é" (0xE9) on line 2 after "caf": column 4. */
  expect_error("a,b\ncaf\xE9,2\n", 2, 4, "not valid UTF-8");
  expect_error_len("a,b\n1,\0002\n", 8, 2, 3, "NUL");
}

static void test_columns_count_characters(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  CsvTable *t = parse("\xc3\xa9\xe2\x86\x97,x\n", d); /* "é↗,x": x is the 4th character */
  assert_non_null(t);
  assert_int_equal(csv_field(csv_record(t, 0), 1)->col, 4);
  csv_free(t);
  /* After a multi-byte character the error column counts characters. */
  expect_error("\xe2\x86\x97\"x\n", 1, 2, "quote inside");
  diag_list_free(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_simple_lf_and_crlf),
      cmocka_unit_test(test_bom_is_skipped),
      cmocka_unit_test(test_quotes_and_embedded_newlines),
      cmocka_unit_test(test_empty_trailing_fields_and_blank_lines),
      cmocka_unit_test(test_errors_with_positions),
      cmocka_unit_test(test_columns_count_characters),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
