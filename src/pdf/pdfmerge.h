/* pdfmerge — join PDFs that cairo 1.16 wrote as parts of one document
 * (each part a separate surface, finished and freed when full, so that
 * cairo's structure tree never holds more than one part) into one PDF the
 * post-pass (pdfpost.h) can finish as if cairo had written it whole.
 *
 * Owns: nothing that outlives a call. It reads the parts in place
 * (pdfobj.h) in two passes: the first reads only the objects it joins
 * (Catalog, pages list, StructTreeRoot /K, ParentTree, named destinations
 * and the open structure elements at each boundary) and keeps small
 * copies of them; the second writes each part's objects in turn, stream
 * data handed to `write` straight from the part, never copied or held.
 *
 * The joined file:
 *   - part p's object n is base_p + n (base_0 = 0, base_{p+1} = base_p +
 *     part p's trailer /Size); every reference in every copied object is
 *     rewritten (never inside strings, names, comments or stream data);
 *   - each part's Catalog, Pages root, StructTreeRoot, ParentTree, /Names
 *     and /Dests dictionaries, the Info of parts after the first and the
 *     continuation elements (below) are left out: free numbers in the xref;
 *   - new after the last: one Pages root (every part's pages in order), one
 *     StructTreeRoot and ParentTree (/StructParents and /StructParent keys
 *     of part p offset by the keys of the parts before it), one flat sorted
 *     /Dests name tree, the outline given, and a Catalog; the trailer's
 *     /Info is part 0's;
 *   - a part's `continues` elements open at its start are the elements open
 *     at the end of the part before (see PdfMergePart): each is joined to
 *     the element it continues, whose /K gets its kids, so the joined tree's
 *     depth-first order is the order elements were first begun.
 *
 * Invariants:
 *   - The same input bytes give the same output bytes.
 *   - Everything that can be wrong with the parts (not a PDF as cairo
 *     writes it, continuations that do not match, a destination defined
 *     twice, a bad outline) is found in the first pass, before anything is
 *     written. A part that turns out unreadable in the second pass fails the
 *     call with part of the file written: the caller writes to a temporary
 *     it drops on failure (outfile, a buffer).
 *   - Nothing is guessed: input not in the shape described fails the call,
 *     and nothing is printed: every message is in *error.
 */
#ifndef BOARDPACK_PDFMERGE_H
#define BOARDPACK_PDFMERGE_H

#include <glib.h>

#include "pdfpost.h"

#define PDFMERGE_ERROR (pdfmerge_error_quark())
GQuark pdfmerge_error_quark(void);

typedef enum {
  PDFMERGE_ERROR_READ,     /* a part is not a PDF as cairo 1.16 writes it */
  PDFMERGE_ERROR_MISMATCH, /* the parts do not fit together: continuation, duplicate destination */
  PDFMERGE_ERROR_OUTLINE,  /* an outline item's level or destination is wrong */
  PDFMERGE_ERROR_WRITE,    /* `write` returned FALSE */
} PdfMergeError;

typedef struct {
  const char *data; /* a whole PDF as cairo 1.16 wrote it, followed by one readable NUL byte */
  gsize len;
  /* How many structure elements open at the end of the previous part
   * this part's first elements continue (0 for the first part). With d =
   * continues: in the previous part o_1 is the last entry of the
   * StructTreeRoot /K and o_{i+1} the last entry of o_i's /K; here c_1 is
   * the first entry of the StructTreeRoot /K and c_{i+1} the first element
   * in c_i's /K (after an OBJR, if any). c_i must have o_i's /S; it is not
   * written, and its kids (but c_{i+1}) go after o_i's. */
  guint continues;
  /* `data` is a mapping of a file (page-aligned): the pages of it read are
   * given back once each pass is done with the part (they are read from
   * the file again if needed), so that however long the document, only
   * about one part of it is resident at a time. */
  gboolean mapped;
} PdfMergePart;

typedef struct {
  const char *title; /* UTF-8 */
  const char *dest;  /* a named destination defined in one of the parts */
  guint level;       /* 0 = top level; at most one more than the previous item's */
  gboolean open;     /* its children shown */
} PdfMergeOutline;

/* The parts joined into one PDF, handed to `write` as it is made (in
 * pieces of up to a few hundred kilobytes, or a stream's data as one
 * piece). No outline items: no /Outlines. FALSE with *error
 * (PDFMERGE_ERROR) when a part is not what cairo writes, the parts do not
 * fit together, the outline is wrong or `write` fails; `write` may have
 * been called by then (see the invariants). */
gboolean pdfmerge_write(const PdfMergePart *parts, guint n_parts, const PdfMergeOutline *outline,
                        guint n_outline, PdfWriteFunc write, gpointer closure, GError **error);

#endif
