/* pdfcontent — mark page content that is not part of the document as an
 * Artifact (ISO 14289-1, 7.1: everything is either tagged or an Artifact).
 *
 * Owns: nothing beyond a call. It reads one decoded page content stream,
 * as cairo writes it, and returns the same operators with every drawing
 * operator that lies outside any tagged (/MCID) marked-content sequence
 * wrapped in /Artifact << … >> BDC … EMC. Which kind of artifact a piece
 * of drawing is comes from where it is on the page: bands of the page
 * (header, footer, a repeated table header) given by the caller, anything
 * else being /Layout (rules, shading).
 *
 * Invariants:
 *   - operators are copied byte for byte and in order; only BDC/EMC pairs
 *     and the line breaks around them are added, so the page looks the same;
 *   - an added sequence never straddles BT/ET, q/Q or another marked-content
 *     sequence: it is closed before ET, before the Q that pops the state it
 *     was opened in, and before any BDC/BMC/EMC;
 *   - a path is wrapped whole (construction, clip and painting together):
 *     nothing may come between a path and its painting operator;
 *   - tagged content is never wrapped.
 */
#ifndef BOARDPACK_PDFCONTENT_H
#define BOARDPACK_PDFCONTENT_H

#include <glib.h>

typedef enum {
  PDF_ARTIFACT_LAYOUT,     /* rules, shading: /Type /Layout */
  PDF_ARTIFACT_HEADER,     /* /Type /Pagination /Subtype /Header */
  PDF_ARTIFACT_FOOTER,     /* /Type /Pagination /Subtype /Footer */
  PDF_ARTIFACT_PAGINATION, /* a repeated table header: /Type /Pagination */
} PdfArtifactKind;

/* A horizontal band of the page, y0 <= y1 in PDF user space (points from
 * the bottom edge). The first band holding a drawing's y decides its kind. */
typedef struct {
  double y0, y1;
  PdfArtifactKind kind;
} PdfArtifactBand;

/* The rewritten stream, or NULL with *error when the stream cannot be read
 * (an unterminated string, unbalanced EMC). *n_wrapped counts the drawing
 * operators that became artifacts. */
GString *pdf_content_mark_artifacts(const char *data, gsize len, const PdfArtifactBand *bands, guint n_bands,
                                    guint *n_wrapped, GError **error);

/* zlib (FlateDecode) both ways, with one zlib state kept for many
 * streams: a fresh deflate state is about 300 KB, which would otherwise
 * be allocated and cleared for every page. */
typedef struct PdfZip PdfZip;
PdfZip *pdf_zip_new(void);
void pdf_zip_free(PdfZip *zip);
/* NULL with *error on damaged input. */
GByteArray *pdf_zip_inflate(PdfZip *zip, const char *data, gsize len, GError **error);
GByteArray *pdf_zip_deflate(PdfZip *zip, const char *data, gsize len);

#endif
