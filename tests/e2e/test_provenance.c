/* Provenance: a rendered paper's XMP records the SHA-256 of the spec,
 * catalogue, data and house style it was built from (and the boardpack
 * version), and `check --provenance` re-reads them: exit 0 while they
 * match, 1 naming the file once one changed. Paths are relative to the
 * PDF's folder, so the folder copied elsewhere still matches; the same
 * inputs still give the same bytes. */
#include "e2eutil.h"

static char *dir;

static char *starter(const char *name) {
  char *at = g_build_filename(dir, name, NULL);
  RunResult r = RUN("rm", "-rf", at);
  run_result_clear(&r);
  r = RUN(boardpack_bin(), "init", at);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  return at;
}

static char *file_sha256(const char *path) {
  char *text = NULL;
  gsize len = 0;
  assert_true(g_file_get_contents(path, &text, &len, NULL));
  char *sha = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)text, len);
  g_free(text);
  return sha;
}

/* Whether `needle` is in the bytes (which hold NULs: no C string search). */
static gboolean bytes_have(const char *bytes, gsize len, const char *needle) {
  gsize n = strlen(needle);
  for (gsize i = 0; i + n <= len; i++)
    if (memcmp(bytes + i, needle, n) == 0) return TRUE;
  return FALSE;
}

static void test_records_and_detects(void **state) {
  (void)state;
  char *at = starter("paper");
  char *spec = g_build_filename(at, "report.xml", NULL), *data = g_build_filename(at, "data.csv", NULL);
  char *pdf = g_build_filename(at, "out", "paper.pdf", NULL), *out = g_path_get_dirname(pdf);
  g_mkdir_with_parents(out, 0755);
  RunResult r = RUN(boardpack_bin(), "render", spec, "-o", pdf);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  /* the XMP names each input relative to the PDF, with its digest */
  char *bytes = NULL;
  gsize len = 0;
  assert_true(g_file_get_contents(pdf, &bytes, &len, NULL));
  char *sha = file_sha256(data);
  char *entry = g_strdup_printf("<bp:role>data</bp:role>\n    <bp:path>../data.csv</bp:path>\n    <bp:sha256>%s<", sha);
  if (!bytes_have(bytes, len, "<bp:path>../report.xml</bp:path>") || !bytes_have(bytes, len, entry))
    fail_msg("the XMP does not record the inputs as expected");
  assert_true(bytes_have(bytes, len, "<bp:path>council-report</bp:path>"));
  assert_true(bytes_have(bytes, len, "<bp:version>"));
  g_free(entry), g_free(sha);
  /* same inputs, same bytes */
  char *again = g_build_filename(out, "again.pdf", NULL);
  r = RUN(boardpack_bin(), "render", spec, "-o", again);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  assert_true(file_bytes_equal(pdf, again));

  r = RUN(boardpack_bin(), "check", "--provenance", pdf);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "matches the 4 files it was built from"));
  run_result_clear(&r);

  /* a changed data file is detected and named */
  char *text = NULL;
  assert_true(g_file_get_contents(data, &text, NULL, NULL));
  char *edited = g_strconcat(text, "CC1,2026-04,,4800,,,,,\n", NULL);
  assert_true(g_file_set_contents(data, edited, -1, NULL));
  r = RUN(boardpack_bin(), "check", "--provenance", pdf);
  assert_int_equal(r.status, 1);
  if (!strstr(r.err, "../data.csv (data) has changed since the PDF was made")) fail_msg("stderr: %s", r.err);
  assert_null(strstr(r.err, "report.xml"));
  run_result_clear(&r);
  assert_true(g_file_set_contents(data, text, -1, NULL));

  /* the folder copied whole still matches: paths are the PDF's own */
  char *copy = g_build_filename(dir, "copied", NULL), *copied_pdf = g_build_filename(copy, "out", "paper.pdf", NULL);
  r = RUN("rm", "-rf", copy);
  run_result_clear(&r);
  r = RUN("cp", "-r", at, copy);
  run_result_clear(&r);
  r = RUN(boardpack_bin(), "check", "--provenance", copied_pdf);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  /* a removed input is named too */
  char *copied_cat = g_build_filename(copy, "catalogue.xml", NULL);
  g_unlink(copied_cat);
  r = RUN(boardpack_bin(), "check", "--provenance", copied_pdf);
  assert_int_equal(r.status, 1);
  if (!strstr(r.err, "catalogue.xml cannot read")) fail_msg("stderr: %s", r.err);
  run_result_clear(&r);
  g_free(copied_cat), g_free(copy), g_free(copied_pdf);
  g_free(text), g_free(edited), g_free(bytes), g_free(again);
  g_free(spec), g_free(data), g_free(pdf), g_free(out), g_free(at);
}

static void test_no_provenance(void **state) {
  (void)state;
  char *not_pdf = test_write_file(dir, "plain.pdf", "%PDF-1.5\nnothing here\n%%EOF\n");
  RunResult r = RUN(boardpack_bin(), "check", "--provenance", not_pdf);
  assert_int_equal(r.status, 1);
  assert_non_null(strstr(r.err, "plain.pdf: error: has no XMP metadata"));
  run_result_clear(&r);
  g_free(not_pdf);
}

int main(void) {
  dir = test_scratch_dir("e2e-provenance");
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_records_and_detects),
      cmocka_unit_test(test_no_provenance),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  g_free(dir);
  return rc;
}
