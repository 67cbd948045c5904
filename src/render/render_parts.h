/* render_parts — the cairo surfaces a PDF is drawn on, and the files they
 * write: one surface, or, for a long PDF, one per part of so many pages,
 * each finished (and cairo's structure tree of it freed: cairo 1.16 keeps
 * it to the end, about 10 KB a page) before the next begins, and the
 * parts joined into one PDF (pdfmerge.h) for the post-pass.
 *
 * Owns: the surface and context being drawn, the part files (unlinked
 * scratch files beside the output) or the bytes in memory, until
 * render_parts_finish hands the whole PDF over.
 *
 * Invariants:
 *   - a PDF of one part is written exactly as one cairo surface always
 *     wrote it; parts begin and end only between pages, on boundaries that
 *     depend on the number of pages alone, never on who draws them;
 *   - at a boundary every structure element still open is ended, and
 *     begun again (same types, no attributes: those are the post-pass's)
 *     on the next part's first page, after its size is set (cairo loses
 *     tags begun before cairo_pdf_surface_set_size);
 *   - a page outside the range this process draws (render_parts_draw_only)
 *     gets cairo's nil context: every call on it returns at once, so the
 *     caller goes through it as through any page and keeps what the
 *     post-pass needs of it, while another process draws it;
 *   - every part is a complete PDF with a NUL byte after it in its file,
 *     and says the document's Info only in the first part. */
#ifndef BOARDPACK_RENDER_PARTS_H
#define BOARDPACK_RENDER_PARTS_H

#include <cairo.h>

#include "layout/layout.h"
#include "pdf/pdfmerge.h"

/* The PDF's Info: the caller's strings, which must outlive the parts. */
typedef struct {
  const char *title, *author, *subject, *keywords;
  gint64 created;
} RenderInfo;

typedef struct RenderParts RenderParts;

/* Streamed: the first part is written to `scratch` (taken), later ones to
 * scratch files made beside `near`. In memory (near NULL, scratch -1):
 * always one part. */
RenderParts *render_parts_new(const char *near, int scratch, const RenderInfo *info);
void render_parts_free(RenderParts *p);

/* Said before the first page: parts of `pages` pages (0: one part). */
void render_parts_set_limit(RenderParts *p, guint pages);
/* The PDF will have `pages` pages: more than RENDER_PDF_PART_PAGES, and
 * it is drawn in an even number of parts of nearly equal size. */
void render_parts_expect(RenderParts *p, guint pages);
/* Whether the PDF is drawn in parts (its outline is then the joiner's). */
gboolean render_parts_parted(const RenderParts *p);
/* The first page (0-based) of the second half of the parts, or 0. */
guint render_parts_half(const RenderParts *p);
/* Only pages [from, to) are drawn here (on part boundaries). */
void render_parts_draw_only(RenderParts *p, guint from, guint to);
/* Every part's file made now (before another process is forked to draw some). */
gboolean render_parts_prepare(RenderParts *p, GError **error);

/* The context to draw the next page on, its size set: a new part begun
 * first if the last is full, `open` (the n_open elements open before the
 * page, outermost first) ended in the old part and begun again in the new
 * one. NULL with *error if a part cannot be finished or begun. */
cairo_t *render_parts_page(RenderParts *p, const LayoutTag *open, guint n_open, double width, double height,
                           GError **error);
/* The surface of the part being drawn, or NULL (a page drawn elsewhere). */
cairo_surface_t *render_parts_surface(const RenderParts *p);

/* The parts this process drew finished in their files (the process
 * drawing the second half, before it exits). */
gboolean render_parts_finish_drawn(RenderParts *p, GError **error);

/* The whole PDF: cairo finished, and the parts (the other process's too:
 * render_parts_finish_drawn first) joined with `outline`. Streamed: an
 * unlinked file holding it with a NUL after it, to *fd (the caller's to
 * close) and its length to *len; in memory: its bytes to *bytes. */
gboolean render_parts_finish(RenderParts *p, const PdfMergeOutline *outline, guint n_outline, int *fd, gsize *len,
                             GByteArray **bytes, GError **error);

#endif
