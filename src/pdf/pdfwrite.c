/* pdfwrite — see pdfwrite.h. */
#include "pdfwrite.h"

#include <string.h>

#include "pdfobj.h"

void pdfwrite_init(PdfWriter *w, PdfWriteFunc write, gpointer closure) {
  *w = (PdfWriter){.write = write, .closure = closure, .buf = g_string_sized_new(PDFWRITE_BUFFER + 64 * 1024),
                   .last = '\n', .ok = TRUE};
}

static void flush(PdfWriter *w) {
  if (!w->buf->len) return;
  if (w->ok) w->ok = w->write(w->closure, w->buf->str, w->buf->len);
  w->last = w->buf->str[w->buf->len - 1];
  w->offset += w->buf->len;
  g_string_truncate(w->buf, 0);
}

gboolean pdfwrite_finish(PdfWriter *w) {
  flush(w);
  g_string_free(w->buf, TRUE);
  w->buf = NULL;
  return w->ok;
}

void pdfwrite_check(PdfWriter *w) {
  if (w->buf->len >= PDFWRITE_BUFFER) flush(w);
}

void pdfwrite_bytes(PdfWriter *w, const char *data, gsize len) {
  if (len < 64 * 1024) {
    pdfwrite_append(w->buf, data, len);
    pdfwrite_check(w);
    return;
  }
  flush(w);
  if (w->ok) w->ok = w->write(w->closure, data, len);
  w->last = data[len - 1];
  w->offset += len;
}

void pdfwrite_append_long(GString *s, long v) {
  char buf[24], *e = buf + sizeof buf, *b = e;
  unsigned long u = v < 0 ? 0 - (unsigned long)v : (unsigned long)v;
  do *--b = (char)('0' + u % 10), u /= 10;
  while (u);
  if (v < 0) *--b = '-';
  pdfwrite_append(s, b, (gsize)(e - b));
}

void pdfwrite_append_ref(GString *s, long num) {
  pdfwrite_append_long(s, num);
  pdfwrite_append(s, " 0 R", 4);
}

void pdfwrite_object(PdfWriter *w, GArray *offsets, long num) {
  g_array_index(offsets, gint64, num) = (gint64)pdfwrite_at(w);
  pdfwrite_append_long(w->buf, num);
  pdfwrite_append(w->buf, " 0 obj\n", 7);
}

void pdfwrite_endobj(PdfWriter *w) {
  pdfwrite_append(w->buf, "\nendobj\n", 8);
  pdfwrite_check(w);
}

void pdfwrite_xref_trailer(PdfWriter *w, const GArray *offsets, long size, const GString *trailer) {
  char last = w->buf->len ? w->buf->str[w->buf->len - 1] : w->last;
  if (last != '\n') pdfwrite_append(w->buf, "\n", 1);
  guint64 at = pdfwrite_at(w);
  g_string_append(w->buf, "xref\n0 ");
  pdfwrite_append_long(w->buf, size);
  g_string_append_c(w->buf, '\n');
  for (long num = 0; num < size; num++) {
    char entry[20];
    pdf_xref_entry(entry, num ? g_array_index(offsets, gint64, num) : -1);
    pdfwrite_append(w->buf, entry, 20);
    pdfwrite_check(w);
  }
  g_string_append(w->buf, "trailer\n");
  g_string_append_len(w->buf, trailer->str, (gssize)trailer->len);
  g_string_append(w->buf, "\nstartxref\n");
  pdfwrite_append_long(w->buf, (long)at);
  g_string_append(w->buf, "\n%%EOF\n");
  flush(w);
}
