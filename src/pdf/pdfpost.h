/* pdfpost — finish a cairo-written PDF with what cairo 1.16 cannot write.
 *
 * Owns: nothing that outlives a call. Each call reads the PDF in place
 * (pdfobj.h) and writes it again: every object cairo wrote in its order,
 * the ones it changes in their new version in their place, the new ones
 * after them, one cross-reference section and a trailer.
 *
 * What it adds or fixes:
 *   Catalog  /Lang, /ViewerPreferences << /DisplayDocTitle true >>,
 *            /MarkInfo << /Marked true >> (only when a StructTreeRoot exists),
 *            /Metadata (an XMP stream: title, author, language, creator tool,
 *            dates, for PDF/UA pdfuaid:part 1, and the provenance: the
 *            boardpack version and each input file's SHA-256), /PageLabels;
 *   Info     /CreationDate and /ModDate as D:YYYYMMDDHHmmSS+00'00';
 *   struct   per element, in depth-first order from StructTreeRoot /K:
 *            /Alt, /ActualText, /ID, /Lang and the table attributes (/Scope,
 *            /ColSpan, /RowSpan, /Headers); a Link element's annotation
 *            gets /Contents;
 *   pages    (PDF/UA) content outside any tagged sequence marked as an
 *            Artifact (pdfcontent.h), /Tabs /S on pages with annotations,
 *            /CIDToGIDMap /Identity on cairo's CID fonts (its subsets keep
 *            glyph ids equal to CIDs);
 *   outline  the root /Outlines /Count, which cairo writes negative: it
 *            becomes the number of visible items, or goes when there are none
 *            (ISO 32000-1, 12.3.3: never negative, omitted if nothing open).
 *
 * Invariants:
 *   - The same input bytes and options give the same output bytes: no
 *     clock, no random /ID.
 *   - Every object cairo wrote that is not changed is copied byte for
 *     byte; beyond that copy, the cost follows the number of structure
 *     elements and of pages, not the size of the file.
 *   - Every string written into PDF syntax goes through pdf_text_string or
 *     pdf_hex_string, and every name is checked against a fixed list: no
 *     option can end a string or a dictionary early.
 *   - The elements found must be exactly those given, of the same types in
 *     the same order; a mismatch is a bug upstream and fails the call, so
 *     nothing half-right is written. Nothing is printed: every message is in
 *     *error.
 */
#ifndef BOARDPACK_PDFPOST_H
#define BOARDPACK_PDFPOST_H

#include <glib.h>

#include "base/provenance.h"

#define PDFPOST_ERROR (pdfpost_error_quark())
GQuark pdfpost_error_quark(void);

typedef enum {
  PDFPOST_ERROR_OPTIONS,  /* an option is malformed (scope name, language tag, UTF-8) */
  PDFPOST_ERROR_READ,     /* the input is not a PDF this module can read (or cannot be written) */
  PDFPOST_ERROR_MISMATCH, /* the structure elements differ from those given */
  PDFPOST_ERROR_TITLE,    /* DisplayDocTitle asked for, but no /Title to display */
} PdfPostError;

#include "pdfcontent.h"
#include "pdfwrite.h"

/* What one structure element gets; NULL / 0 fields add nothing. */
typedef struct {
  const char *type;        /* its /S as it was begun ("P", "Link" …): checked */
  const char *alt;         /* /Alt (a Figure's description), UTF-8 */
  const char *actual_text; /* /ActualText (what a symbol means), UTF-8 */
  const char *id;          /* /ID (ASCII), for /Headers to name */
  const char *scope;       /* TH: "Column", "Row" or "Both" */
  guint colspan, rowspan;  /* TH/TD: written when above 1 */
  const char *headers;     /* TD: space-separated /IDs of its header cells */
  const char *contents;    /* Link: /Contents of its annotation, UTF-8 */
  const char *lang;        /* /Lang (a language tag such as "cy"): its content's language,
                            * where it differs from the document's */
} PdfElemAttrs;

/* The artifact bands of one page (pdfcontent.h). */
typedef struct {
  const PdfArtifactBand *bands;
  guint n_bands;
} PdfPageBands;

typedef struct {
  const char *lang;           /* BCP 47 tag such as "en-GB"; NULL leaves /Lang as it is */
  gboolean display_doc_title; /* also requires a non-empty Info /Title */
  gint64 date_epoch;          /* UTC seconds for both dates; negative leaves them as they are */
  /* One entry per structure element in document order, or none at all
   * (n_elems == 0 leaves the tree as it is): an array of n_elems
   * PdfElemAttrs, or, when elem_get is set, whatever it reads them from
   * (a long document's are mostly a type alone, and kept compact by the
   * caller); it is asked for each element in turn, k = 0, 1, …. */
  gconstpointer elems;
  guint n_elems;
  void (*elem_get)(gconstpointer elems, guint k, PdfElemAttrs *out);
  /* PDF/UA-1: artifacts, /Tabs, /CIDToGIDMap and an XMP stream that says
   * pdfuaid:part 1. `pages` has one entry per page (or none: every
   * artifact is then /Layout). */
  gboolean pdfua;
  const PdfPageBands *pages;
  guint n_pages;
  /* XMP metadata (written when `title` or `provenance` is set, and always for PDF/UA). */
  const char *title, *author, *creator_tool;
  /* Provenance in the XMP (pdfpost_xmp.c): the boardpack version and the
   * files the PDF was built from with their SHA-256; NULL: none. */
  const char *version;
  const Provenance *provenance;
  gboolean page_labels;       /* /PageLabels: decimal, page 1 first, as printed */
  /* Threads that may make the pages' new content streams at once (0 or
   * 1: the writer alone): for a caller given more than one core. The
   * bytes are the same whatever the number. */
  guint threads;
} PdfPostOptions;

/* The provenance a PDF's XMP records (as pdfpost wrote it: the metadata
 * stream uncompressed), its paths as recorded, and the boardpack version
 * into *version (g_free it). NULL with *error when the PDF has none. */
Provenance *pdfpost_provenance_read(const guint8 *pdf, gsize len, char **version, GError **error);

/* Everything off, dates left alone (date_epoch = -1). */
void pdfpost_options_init(PdfPostOptions *opts);

/* Rewrite in_path to out_path, which must be a different file (the caller
 * renames it into place). On failure returns FALSE with *error set; if
 * out_path had already been opened for writing it is removed, so a failed
 * call never leaves a half-written PDF there. */
gboolean pdfpost_apply(const char *in_path, const char *out_path, const PdfPostOptions *opts,
                       GError **error);

/* The finished file handed to `write` as it is made, in pieces of up to a
 * few hundred kilobytes (or, for a long run copied from the input, as one
 * piece): the input `data` of `len` bytes must be followed by one readable
 * NUL byte (a mapped file one byte longer, say). Nothing is written unless
 * every change could be found; page contents are marked as they are
 * written (one in memory at a time), and one that cannot be marked after
 * all fails the call with part of the file written: the caller writes to
 * a temporary it then drops (outfile, a buffer). `write` returning FALSE
 * stops the writing and the call fails with PDFPOST_ERROR_READ. */
gboolean pdfpost_apply_to(const char *data, gsize len, const PdfPostOptions *opts, PdfWriteFunc write,
                          gpointer closure, GError **error);

/* pdfpost_apply_to on the first `len` bytes of the file open at `fd`,
 * which holds a NUL byte after them: the file is mapped, and the pages of
 * it already read are given back as the call goes on, so however long the
 * file, a few megabytes of it are held at a time. */
gboolean pdfpost_apply_fd(int fd, gsize len, const PdfPostOptions *opts, PdfWriteFunc write, gpointer closure,
                          GError **error);

/* The update appended to a PDF in memory (cairo's stream output), without
 * copying it: FALSE with *error set, and `pdf` as it was, on failure. */
gboolean pdfpost_apply_in_place(GByteArray *pdf, const PdfPostOptions *opts, GError **error);

/* The same on a PDF in memory (e.g. cairo's stream output); returns the new
 * bytes, or NULL with *error set. */
GBytes *pdfpost_apply_bytes(const guint8 *data, gsize len, const PdfPostOptions *opts,
                            GError **error);

#endif
