/* The PDF writer shared by the post-pass and the joiner: offsets, the
 * buffer handed on in order and whole, the xref section and trailer a PDF
 * reader accepts, and a failed write kept as the result. */
#include "testutil.h"

#include "pdf/pdfobj.h"
#include "pdf/pdfwrite.h"

typedef struct {
  GString *file;
  guint calls, fail_at; /* fail_at: the call that fails (1-based), 0: none */
} Sink;

static gboolean sink_write(gpointer closure, const char *data, gsize len) {
  Sink *s = closure;
  if (++s->calls == s->fail_at) return FALSE;
  g_string_append_len(s->file, data, (gssize)len);
  return TRUE;
}

static GArray *offsets_new(long size) {
  GArray *a = g_array_sized_new(FALSE, FALSE, sizeof(gint64), (guint)size);
  g_array_set_size(a, (guint)size);
  for (long i = 0; i < size; i++) g_array_index(a, gint64, i) = -1;
  return a;
}

/* A three-object file, object 2 left out: pdfobj reads it back, offsets and all. */
static void test_file_reads_back(void **state) {
  (void)state;
  Sink sink = {g_string_new(NULL), 0, 0};
  PdfWriter w;
  pdfwrite_init(&w, sink_write, &sink);
  pdfwrite_bytes(&w, "%PDF-1.7\n", 9);
  GArray *offsets = offsets_new(4);
  pdfwrite_object(&w, offsets, 1);
  g_string_append(w.buf, "<< /Type /Catalog /Pages ");
  pdfwrite_append_ref(w.buf, 3);
  g_string_append(w.buf, " >>");
  pdfwrite_endobj(&w);
  assert_int_equal(pdfwrite_at(&w), 9 + strlen("1 0 obj\n<< /Type /Catalog /Pages 3 0 R >>\nendobj\n"));
  pdfwrite_object(&w, offsets, 3);
  g_string_append(w.buf, "<< /Type /Pages /Kids [] /Count ");
  pdfwrite_append_long(w.buf, 0);
  g_string_append(w.buf, " >>");
  pdfwrite_endobj(&w);
  GString *trailer = g_string_new("<< /Size 4 /Root 1 0 R >>");
  pdfwrite_xref_trailer(&w, offsets, 4, trailer);
  assert_true(pdfwrite_finish(&w));
  g_string_free(trailer, TRUE);

  PdfFile f;
  GError *error = NULL;
  assert_true(pdf_file_open(&f, sink.file->str, sink.file->len, &error));
  assert_int_equal(f.size, 4);
  assert_int_equal(g_array_index(f.offsets, gint64, 1), 9);
  assert_int_equal(g_array_index(f.offsets, gint64, 2), -1);
  assert_int_equal(g_array_index(f.offsets, gint64, 3), g_array_index(offsets, gint64, 3));
  PdfVal v;
  assert_true(pdf_file_object(&f, 3, &v));
  assert_int_equal(v.kind, PDF_DICT);
  pdf_file_close(&f);
  assert_non_null(strstr(sink.file->str, "xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000000 65535 f \n"));
  const char *xref = strstr(sink.file->str, "xref\n0 4\n");
  char *tail = g_strdup_printf("\nstartxref\n%ld\n%%%%EOF\n", (long)(xref - sink.file->str));
  assert_true(g_str_has_suffix(sink.file->str, tail));
  g_free(tail);
  g_array_free(offsets, TRUE);
  g_string_free(sink.file, TRUE);
}

/* The xref starts on a line of its own; negative numbers are written. */
static void test_xref_on_its_own_line(void **state) {
  (void)state;
  Sink sink = {g_string_new(NULL), 0, 0};
  PdfWriter w;
  pdfwrite_init(&w, sink_write, &sink);
  pdfwrite_bytes(&w, "%PDF-1.7", 8);
  pdfwrite_append_long(w.buf, -42);
  GArray *offsets = offsets_new(1);
  GString *trailer = g_string_new("<< /Size 1 >>");
  pdfwrite_xref_trailer(&w, offsets, 1, trailer);
  assert_true(pdfwrite_finish(&w));
  assert_string_equal(sink.file->str, "%PDF-1.7-42\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 >>\n"
                                      "startxref\n12\n%%EOF\n");
  g_string_free(trailer, TRUE);
  g_array_free(offsets, TRUE);
  g_string_free(sink.file, TRUE);
}

/* More than the buffer holds, in short and long pieces: handed on in
 * several writes, in order, every byte counted; a long run goes straight
 * through without a copy in the buffer. */
static void test_large_output_in_order(void **state) {
  (void)state;
  Sink sink = {g_string_new(NULL), 0, 0};
  PdfWriter w;
  pdfwrite_init(&w, sink_write, &sink);
  GString *expect = g_string_new(NULL);
  char *big = g_malloc(200 * 1024);
  for (gsize i = 0; i < 200 * 1024; i++) big[i] = (char)('a' + i % 26);
  for (int round = 0; round < 6; round++) {
    for (int i = 0; i < 3000; i++) {
      char piece[32];
      int n = g_snprintf(piece, sizeof piece, "%d.%d ", round, i);
      pdfwrite_bytes(&w, piece, (gsize)n);
      g_string_append_len(expect, piece, n);
    }
    pdfwrite_bytes(&w, big, 200 * 1024);
    g_string_append_len(expect, big, 200 * 1024);
    assert_int_equal(pdfwrite_at(&w), expect->len);
    assert_true(w.buf->len < PDFWRITE_BUFFER);
  }
  assert_true(pdfwrite_finish(&w));
  assert_true(sink.calls > 6);
  assert_int_equal(sink.file->len, expect->len);
  assert_memory_equal(sink.file->str, expect->str, expect->len);
  g_free(big);
  g_string_free(expect, TRUE);
  g_string_free(sink.file, TRUE);
}

/* A failed write is the result, and nothing is handed on after it. */
static void test_failed_write_kept(void **state) {
  (void)state;
  Sink sink = {g_string_new(NULL), 0, 1};
  PdfWriter w;
  pdfwrite_init(&w, sink_write, &sink);
  char *big = g_malloc0(300 * 1024);
  pdfwrite_bytes(&w, big, 300 * 1024); /* the first write: fails */
  pdfwrite_bytes(&w, "more", 4);
  assert_false(w.ok);
  assert_false(pdfwrite_finish(&w));
  assert_int_equal(sink.calls, 1);
  assert_int_equal(sink.file->len, 0);
  g_free(big);
  g_string_free(sink.file, TRUE);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_file_reads_back),
      cmocka_unit_test(test_xref_on_its_own_line),
      cmocka_unit_test(test_large_output_in_order),
      cmocka_unit_test(test_failed_write_kept),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
