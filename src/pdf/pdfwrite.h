/* pdfwrite — a PDF file on its way out, for the writers that make one
 * from another (the post-pass, pdfpost; the joiner, pdfmerge).
 *
 * Owns: a small buffer in front of the caller's write function, so that
 * the file is never whole in memory. What always holds: pdfwrite_at is
 * the offset in the file of the next byte; after a failed write `ok` is
 * FALSE and nothing more is handed on (the first failure is the one
 * reported). Writers may append to `buf` themselves, then call
 * pdfwrite_check so that it does not grow past PDFWRITE_BUFFER. */
#ifndef BOARDPACK_PDFWRITE_H
#define BOARDPACK_PDFWRITE_H

#include <glib.h>
#include <string.h>

/* Hands on `len` bytes; FALSE if they could not be written. */
typedef gboolean (*PdfWriteFunc)(gpointer closure, const char *data, gsize len);

typedef struct {
  PdfWriteFunc write;
  gpointer closure;
  GString *buf;   /* the bytes not handed on yet */
  guint64 offset; /* of buf's first byte in the file */
  char last;      /* the last byte handed on (before buf's) */
  gboolean ok;
} PdfWriter;

#define PDFWRITE_BUFFER (256 * 1024)

void pdfwrite_init(PdfWriter *w, PdfWriteFunc write, gpointer closure);
/* Everything handed on and the buffer freed: TRUE if every write succeeded. */
gboolean pdfwrite_finish(PdfWriter *w);

static inline guint64 pdfwrite_at(const PdfWriter *w) { return w->offset + w->buf->len; }

/* The buffer handed on if it is full. */
void pdfwrite_check(PdfWriter *w);

/* Bytes appended; a long run goes straight to the write function. */
void pdfwrite_bytes(PdfWriter *w, const char *data, gsize len);

/* Appends to a string by hand: g_string_append_len's checks cost more than
 * the copy, and printf a thousand instructions a number. */
static inline void pdfwrite_append(GString *s, const char *p, gsize n) {
  if (s->len + n < s->allocated_len) {
    memcpy(s->str + s->len, p, n);
    s->len += n;
    s->str[s->len] = '\0';
  } else {
    g_string_append_len(s, p, (gssize)n);
  }
}
void pdfwrite_append_long(GString *s, long v);
void pdfwrite_append_ref(GString *s, long num); /* "N 0 R" */

/* Object `num` starts here ("N 0 obj\n"): its offset noted in `offsets`
 * (gint64 per object number, -1 for one not in the file). */
void pdfwrite_object(PdfWriter *w, GArray *offsets, long num);
void pdfwrite_endobj(PdfWriter *w);

/* One xref section for objects 0 to size - 1 from `offsets`, on a line of
 * its own, then "trailer", the dictionary `trailer`, startxref and %%EOF;
 * everything handed on. */
void pdfwrite_xref_trailer(PdfWriter *w, const GArray *offsets, long size, const GString *trailer);

#endif
