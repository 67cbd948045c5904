/* pdfcontent: content streams written by hand, marked, and compared with
 * what must come out; the zlib round trip. */
#include "testutil.h"

#include "pdf/pdfcontent.h"

/* A footer band at the bottom 50 points, a header band above y = 800. */
static const PdfArtifactBand BANDS[] = {{0, 50, PDF_ARTIFACT_FOOTER}, {800, 842, PDF_ARTIFACT_HEADER}};

static char *mark(const char *in, guint *wrapped) {
  GError *error = NULL;
  GString *out = pdf_content_mark_artifacts(in, strlen(in), BANDS, G_N_ELEMENTS(BANDS), wrapped, &error);
  if (!out) fail_msg("%s", error->message);
  return g_string_free(out, FALSE);
}

/* Tagged content is left alone; untagged text gets the artifact of its band. */
static void test_tagged_kept_untagged_wrapped(void **state) {
  (void)state;
  guint n = 0;
  char *out = mark("/P << /MCID 0 >> BDC\nBT 1 0 0 1 10 400 Tm (body)Tj ET\nEMC\n"
                   "BT 1 0 0 1 10 20 Tm (Page 1 of 2)Tj ET\n",
                   &n);
  assert_int_equal(n, 1);
  assert_string_equal(out, "/P << /MCID 0 >> BDC\nBT 1 0 0 1 10 400 Tm (body)Tj ET\nEMC\n"
                           "BT 1 0 0 1 10 20 Tm /Artifact << /Type /Pagination /Subtype /Footer >> BDC\n(Page 1 of 2)Tj EMC\nET\n");
  g_free(out);
}

/* Header and footer text in one text object: each show gets its own kind,
 * and the sequences close inside the text object. */
static void test_one_text_object_two_kinds(void **state) {
  (void)state;
  guint n = 0;
  char *out = mark("1 0 0 -1 0 842 cm\nBT\n9 0 0 -9 70 40 Tm\n(Panel)Tj\n0 -85 Td\n(Page 2)Tj\nET\n", &n);
  assert_int_equal(n, 2);
  assert_string_equal(out, "1 0 0 -1 0 842 cm\nBT\n9 0 0 -9 70 40 Tm\n"
                           "/Artifact << /Type /Pagination /Subtype /Header >> BDC\n(Panel)Tj\n0 -85 Td\n"
                           "EMC\n/Artifact << /Type /Pagination /Subtype /Footer >> BDC\n(Page 2)Tj\nEMC\nET\n");
  g_free(out);
}

/* A path is wrapped whole, from its first construction operator; a rule
 * in the body is Layout; a clip without painting is not drawing. */
static void test_paths_whole_and_layout(void **state) {
  (void)state;
  guint n = 0;
  char *out = mark("q 0 0 100 100 re W n 0.5 g 10 300 200 1 re f Q\n", &n);
  assert_int_equal(n, 1);
  assert_string_equal(out, "q 0 0 100 100 re W n 0.5 g /Artifact << /Type /Layout >> BDC\n10 300 200 1 re f EMC\nQ\n");
  g_free(out);
}

/* A sequence opened after q closes before the Q that ends that state. */
static void test_closed_before_q_pops(void **state) {
  (void)state;
  guint n = 0;
  char *out = mark("q 10 300 5 5 re f Q 10 310 5 5 re f", &n);
  assert_int_equal(n, 2);
  assert_string_equal(out, "q /Artifact << /Type /Layout >> BDC\n10 300 5 5 re f EMC\nQ "
                           "/Artifact << /Type /Layout >> BDC\n10 310 5 5 re f\nEMC\n");
  g_free(out);
}

/* Strings holding operator names, and an inline image's binary data (the
 * image is at the origin: in the footer band). */
static void test_strings_and_inline_images(void **state) {
  (void)state;
  guint n = 0;
  char *out = mark("BT 1 0 0 1 0 400 Tm (EMC \\) BDC Tj)Tj ET BI /W 1 /H 1 ID \x01 EI\x02 EI\n", &n);
  assert_int_equal(n, 2);
  assert_string_equal(out, "BT 1 0 0 1 0 400 Tm /Artifact << /Type /Layout >> BDC\n(EMC \\) BDC Tj)Tj EMC\nET "
                           "/Artifact << /Type /Pagination /Subtype /Footer >> BDC\nBI /W 1 /H 1 ID \x01 EI\x02 EI\nEMC\n");
  g_free(out);
}

/* Comments (holding delimiters and operator names), hex strings and
 * nested or escaped parentheses are read as one token each. */
static void test_comments_hex_and_nested_strings(void **state) {
  (void)state;
  guint n = 0;
  char *out = mark("% a comment ) ( BT\nBT 1 0 0 1 0 20 Tm <414243>Tj ET", &n);
  assert_int_equal(n, 1);
  assert_string_equal(out, "% a comment ) ( BT\nBT 1 0 0 1 0 20 Tm /Artifact << /Type /Pagination /Subtype /Footer >> BDC\n"
                           "<414243>Tj EMC\nET");
  g_free(out);
  out = mark("BT 1 0 0 1 0 400 Tm (a (nested \\( (b)) \\\\)Tj ET", &n);
  assert_int_equal(n, 1);
  assert_string_equal(out, "BT 1 0 0 1 0 400 Tm /Artifact << /Type /Layout >> BDC\n(a (nested \\( (b)) \\\\)Tj EMC\nET");
  g_free(out);
  out = mark("0 0 m 10 10 l h% a comment\nS", &n); /* a comment ends a token */
  assert_int_equal(n, 1);
  assert_string_equal(out, "/Artifact << /Type /Pagination /Subtype /Footer >> BDC\n0 0 m 10 10 l h% a comment\nS\nEMC\n");
  g_free(out);
  out = mark("BT 1 0 0 1 0 820 Tm [(a) -3 <4142>]TJ ET", &n);
  assert_int_equal(n, 1);
  assert_string_equal(out, "BT 1 0 0 1 0 820 Tm /Artifact << /Type /Pagination /Subtype /Header >> BDC\n"
                           "[(a) -3 <4142>]TJ EMC\nET");
  g_free(out);
}

/* The artifact is closed (at BT) inside a path begun after it; the path's
 * own artifact then goes in front of the path, before that EMC: the output
 * is copied from the input in runs, and this is the one insertion behind
 * what has been copied. */
static void test_added_inside_a_path(void **state) {
  (void)state;
  guint n = 0;
  char *out = mark("q 10 300 5 5 re f 20 300 m BT ET 30 300 l S Q", &n);
  assert_int_equal(n, 2);
  assert_string_equal(out, "q /Artifact << /Type /Layout >> BDC\n10 300 5 5 re f /Artifact << /Type /Layout >> BDC\n"
                           "20 300 m EMC\nBT ET 30 300 l S EMC\nQ");
  g_free(out);
}

static void test_damaged_refused(void **state) {
  (void)state;
  static const char *const bad[] = {"(unterminated Tj", "EMC", "Q", "BT ] ET", "<4142 Tj", "1 2", "BI /W 1 ID x", "(a\\"};
  for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
    GError *error = NULL;
    assert_null(pdf_content_mark_artifacts(bad[i], strlen(bad[i]), NULL, 0, NULL, &error));
    assert_non_null(error);
    g_error_free(error);
  }
}

static void test_zip_round_trip(void **state) {
  (void)state;
  PdfZip *zip = pdf_zip_new();
  GString *text = g_string_new(NULL);
  for (int i = 0; i < 5000; i++) g_string_append_printf(text, "%d 0 0 1 re f\n", i);
  for (int round = 0; round < 2; round++) { /* the state is reused */
    GByteArray *packed = pdf_zip_deflate(zip, text->str, text->len);
    assert_true(packed->len < text->len / 3);
    GByteArray *back = pdf_zip_inflate(zip, (const char *)packed->data, packed->len, NULL);
    assert_non_null(back);
    assert_int_equal(back->len, text->len);
    assert_memory_equal(back->data, text->str, text->len);
    GError *error = NULL;
    assert_null(pdf_zip_inflate(zip, (const char *)packed->data, packed->len / 2, &error));
    assert_non_null(error);
    g_error_free(error);
    g_byte_array_unref(packed);
    g_byte_array_unref(back);
  }
  g_string_free(text, TRUE);
  pdf_zip_free(zip);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_tagged_kept_untagged_wrapped),
      cmocka_unit_test(test_one_text_object_two_kinds),
      cmocka_unit_test(test_paths_whole_and_layout),
      cmocka_unit_test(test_closed_before_q_pops),
      cmocka_unit_test(test_strings_and_inline_images),
      cmocka_unit_test(test_comments_hex_and_nested_strings),
      cmocka_unit_test(test_added_inside_a_path),
      cmocka_unit_test(test_damaged_refused),
      cmocka_unit_test(test_zip_round_trip),
  };
  return cmocka_run_group_tests_name("pdfcontent", tests, NULL, NULL);
}
