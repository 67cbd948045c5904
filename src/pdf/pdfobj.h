/* pdfobj — read objects of a finished PDF in place, without copying.
 *
 * Owns: nothing; a PdfFile and every PdfVal point into the caller's buffer,
 * which must outlive them. It reads what the post-pass needs: the
 * trailer, the cross-reference table (classic tables, as cairo writes
 * them, following /Prev to older sections) and single objects, as spans of
 * the buffer that can be copied and extended. It is not a general PDF
 * parser: no object or xref streams (cairo 1.16 writes neither), and any
 * input it does not understand is reported as an error, never guessed at.
 */
#ifndef BOARDPACK_PDFOBJ_H
#define BOARDPACK_PDFOBJ_H

#include <glib.h>

typedef enum { PDF_NULL, PDF_BOOL, PDF_NUMBER, PDF_NAME, PDF_STRING, PDF_ARRAY, PDF_DICT, PDF_REF } PdfKind;

typedef struct {
  PdfKind kind;
  const char *start, *end; /* the value's bytes, delimiters included */
  long num;                /* PDF_REF: object number; PDF_NUMBER: integer part */
} PdfVal;

typedef struct {
  const char *data;
  gsize len;
  GArray *offsets;   /* gint64 per object number: byte offset, or -1 if free/absent */
  PdfVal trailer;    /* the newest trailer dictionary */
  gsize xref_offset; /* where the newest xref section starts */
  GArray *sections;  /* gsize: where every xref section starts, newest first */
  long size;         /* trailer /Size */
} PdfFile;

gboolean pdf_file_open(PdfFile *f, const char *data, gsize len, GError **error);
void pdf_file_close(PdfFile *f);

/* The value of object `num` (its dictionary, array, ...), or FALSE. */
gboolean pdf_file_object(const PdfFile *f, long num, PdfVal *out);

/* Object `num` as a stream: its dictionary and its raw (still encoded)
 * data, /Length direct or indirect. FALSE if it is not a stream whose
 * data lies inside the file. */
gboolean pdf_file_stream(const PdfFile *f, long num, PdfVal *dict, const char **data, gsize *len);

/* Parse one value at *p (white space and comments skipped); *p moves past it. */
gboolean pdf_val_parse(const char **p, const char *end, PdfVal *out);

/* In a dictionary, the value of /key (key given without the slash). */
gboolean pdf_dict_get(const PdfVal *dict, const char *key, PdfVal *out);

/* A dictionary parsed once, its entries kept: a lookup is a scan of
 * names, not a parse of the dictionary again (the post-pass looks up
 * three or four keys in each of thousands of structure elements). A
 * dictionary of more entries than fit keeps only the first ones and is
 * searched in full by pdf_index_get. */
#define PDF_INDEX_ENTRIES 24
typedef struct {
  PdfVal dict;
  PdfVal keys[PDF_INDEX_ENTRIES], vals[PDF_INDEX_ENTRIES];
  guint n;
  gboolean complete; /* every entry is in keys/vals */
} PdfIndex;

/* Object `num` (as pdf_file_object), with its entries when it is a
 * dictionary (index->n = 0 and complete otherwise), in one parse. */
gboolean pdf_file_object_index(const PdfFile *f, long num, PdfIndex *index);
/* The value of /key, as pdf_dict_get gives it. */
gboolean pdf_index_get(const PdfIndex *index, const char *key, PdfVal *out);

/* Iterate an array: *cursor starts NULL; FALSE at the end. */
gboolean pdf_array_next(const PdfVal *array, const char **cursor, PdfVal *out);

/* Each byte's class in PDF syntax (ISO 32000-1, 7.2.2), looked up once
 * per byte: white space ('\0' counts, as it would for strchr, which finds
 * the terminator), delimiters, digits. */
enum { PDF_C_SPACE = 1, PDF_C_DELIM = 2, PDF_C_DIGIT = 4 };
extern const guint8 pdf_byte_class[256];
static inline guint8 pdf_class_of(char c) { return pdf_byte_class[(guint8)c]; }

/* An object at its offset in a file; pdf_placed_sort puts `n` of them in
 * file order, stably: a radix sort, 11 bits a pass, as many passes as
 * offsets below `len` need (g_array_sort's merge sort cost 650
 * instructions an object in compares). */
typedef struct {
  gsize offset;
  long num;
} PdfPlaced;
void pdf_placed_sort(PdfPlaced *a, guint n, gsize len);

/* One classic cross-reference entry, its 20 bytes (no NUL) into `line`:
 * "0000012345 00000 n \n" for an object at `offset`, or the free entry
 * "0000000000 65535 f \n" when `offset` is negative. */
void pdf_xref_entry(char line[20], gint64 offset);

gboolean pdf_name_is(const PdfVal *v, const char *name);
long pdf_number_int(const PdfVal *v);

/* A text string for a PDF file: (literal) for printable ASCII, else
 * <FEFF…> UTF-16BE. Any UTF-8 is safe here: `(`, `)` and `\\` are escaped
 * and nothing else can end the string. */
char *pdf_text_string(const char *utf8);

/* A byte string as <hex>: for /ID and the like, whatever bytes it holds. */
char *pdf_hex_string(const char *bytes);

/* The same appended to `s` (without a string made and freed for each):
 * pdf_hex_string of `len` bytes. */
void pdf_text_string_append(GString *s, const char *utf8);
void pdf_hex_string_append(GString *s, const char *bytes, gsize len);

#endif
