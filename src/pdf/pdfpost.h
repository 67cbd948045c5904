/* pdfpost — finish a cairo-written PDF with what cairo 1.16 cannot write.
 *
 * Owns: nothing that outlives a call. Each call reads the PDF in place
 * (pdfobj.h) and appends an incremental update: new versions of the objects
 * it changes, their cross-reference section and a trailer with /Prev.
 *
 * What it adds or fixes:
 *   Catalog  /Lang, /ViewerPreferences << /DisplayDocTitle true >>,
 *            /MarkInfo << /Marked true >> (only when a StructTreeRoot exists);
 *   Info     /CreationDate and /ModDate as D:YYYYMMDDHHmmSS+00'00';
 *   struct   /Alt on the k-th Figure, /A << /O /Table /Scope … >> on the
 *            k-th TH, k counted depth-first from StructTreeRoot /K;
 *   outline  the root /Outlines /Count, which cairo writes negative: it
 *            becomes the number of visible items, or goes when there are none
 *            (ISO 32000-1, 12.3.3: never negative, omitted if nothing open).
 *
 * Invariants:
 *   - The same input bytes and options give the same output bytes: no
 *     clock, no random /ID.
 *   - Everything cairo wrote stays byte for byte; the cost follows the
 *     number of structure elements, not the size of the file.
 *   - The number of Figures and THs found must equal the number of entries
 *     given; a mismatch is a bug upstream and fails the call, so nothing
 *     half-right is written. Nothing is printed: every message is in *error.
 */
#ifndef BOARDPACK_PDFPOST_H
#define BOARDPACK_PDFPOST_H

#include <glib.h>

#define PDFPOST_ERROR (pdfpost_error_quark())
GQuark pdfpost_error_quark(void);

typedef enum {
  PDFPOST_ERROR_OPTIONS,  /* an option is malformed (scope name, language tag, UTF-8) */
  PDFPOST_ERROR_READ,     /* the input is not a PDF this module can read (or cannot be written) */
  PDFPOST_ERROR_MISMATCH, /* Figure/TH count differs from what was given */
  PDFPOST_ERROR_TITLE,    /* DisplayDocTitle asked for, but no /Title to display */
} PdfPostError;

typedef struct {
  const char *lang;           /* BCP 47 tag such as "en-GB"; NULL leaves /Lang as it is */
  gboolean display_doc_title; /* also requires a non-empty Info /Title */
  gint64 date_epoch;          /* UTC seconds for both dates; negative leaves them as they are */
  /* One entry per Figure / TH in document order; a NULL entry leaves that
   * element untouched but still counts. Counts are always checked, so a
   * tree with no Figure needs n_figure_alt == 0. */
  const char *const *figure_alt; /* UTF-8 */
  guint n_figure_alt;
  const char *const *th_scope; /* "Column", "Row" or "Both" */
  guint n_th_scope;
} PdfPostOptions;

/* Everything off, dates left alone (date_epoch = -1). */
void pdfpost_options_init(PdfPostOptions *opts);

/* Rewrite in_path to out_path, which must be a different file (the caller
 * renames it into place). On failure returns FALSE with *error set; if
 * out_path had already been opened for writing it is removed, so a failed
 * call never leaves a half-written PDF there. */
gboolean pdfpost_apply(const char *in_path, const char *out_path, const PdfPostOptions *opts,
                       GError **error);

/* The update appended to a PDF in memory (cairo's stream output), without
 * copying it: FALSE with *error set, and `pdf` as it was, on failure. */
gboolean pdfpost_apply_in_place(GByteArray *pdf, const PdfPostOptions *opts, GError **error);

/* The same on a PDF in memory (e.g. cairo's stream output); returns the new
 * bytes, or NULL with *error set. */
GBytes *pdfpost_apply_bytes(const guint8 *data, gsize len, const PdfPostOptions *opts,
                            GError **error);

#endif
