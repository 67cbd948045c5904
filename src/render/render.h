/* render — draws a LayoutDoc with Cairo: a tagged PDF, or PNG pages.
 *
 * Owns nothing beyond the duration of a call: it reads the LayoutDoc and
 * returns bytes. It never measures or places (layout did that); it only
 * turns boxes into drawing, tags, links, destinations and bookmarks.
 *
 * The PDF is produced in memory or streamed to a scratch file, then finished by pdfpost (PDF/UA-1:
 * artifacts, XMP, language, DisplayDocTitle, D: dates, alt texts, table
 * attributes, link descriptions) so callers can write it atomically. The same LayoutDoc always gives the same bytes: dates come
 * from doc->created, never from the clock.
 */
#ifndef BOARDPACK_RENDER_H
#define BOARDPACK_RENDER_H

#include <cairo.h>

#include "base/provenance.h"
#include "layout/layout.h"

#define BOARDPACK_VERSION "0.1.0"

GBytes *render_pdf(const LayoutDoc *doc, GError **error);

/* The same, recording seconds spent drawing with cairo (PDF writing
 * included) and in the post-pass, for --timings. */
typedef struct {
  double draw, post;
} RenderTimings;
GBytes *render_pdf_timed(const LayoutDoc *doc, RenderTimings *timings, GError **error);
/* The same, the PDF's XMP recording the files it was built from
 * (`provenance`, may be NULL: none). */
GBytes *render_pdf_traced(const LayoutDoc *doc, const Provenance *provenance, RenderTimings *timings,
                          GError **error);

/* A PDF written one LayoutDoc at a time (a pack: the agenda, then each
 * report, each freed once drawn, so memory does not grow with the pack).
 * Metadata (title, dates, language) comes from `metadata`. Structure tags
 * may stay open from one doc to the next; they must all be closed, and
 * every internal link must have found its destination, by finish. */
typedef struct RenderPdf RenderPdf;
RenderPdf *render_pdf_new(const LayoutDoc *metadata);
gboolean render_pdf_add(RenderPdf *w, const LayoutDoc *doc, GError **error);
/* The files the PDF was built from, for its XMP; kept (not copied) until
 * render_pdf_finish, so it must outlive that call. */
void render_pdf_set_provenance(RenderPdf *w, const Provenance *provenance);
/* The post-pass may make the pages' new contents on `cores` threads
 * (pdfpost's `threads`): for a caller given that many cores. */
void render_pdf_set_cores(RenderPdf *w, guint cores);
/* Finishes (and frees) the writer; the PDF's bytes, or NULL with *error. */
GBytes *render_pdf_finish(RenderPdf *w, RenderTimings *timings, GError **error);

/* The same writer with cairo's output going to an unlinked scratch file
 * (beside `near`, the output's path) as it is written, so a long PDF is
 * never whole in memory; NULL with *error if no scratch file can be made.
 * Finish it with render_pdf_finish_to, which reads the scratch file back
 * (mapped) and writes the finished PDF to `out` as the post-pass makes it;
 * the caller then commits or aborts `out`. */
typedef struct OutFile OutFile;
RenderPdf *render_pdf_new_streamed(const LayoutDoc *metadata, const char *near, GError **error);
/* A streamed writer may draw a long PDF in parts of at most this many pages,
 * each a cairo surface of its own, finished (and its structure tree freed:
 * cairo 1.16 keeps it to the end, about 10 KB a page) before the next
 * begins; the parts are joined (pdfmerge.h) before the post-pass. A PDF
 * of no more pages is one cairo surface, as it always was. */
#define RENDER_PDF_PART_PAGES 128
/* The number of pages the writer will be given, said before the first:
 * more than RENDER_PDF_PART_PAGES, and it draws in parts. A writer not
 * told is one part. */
void render_pdf_expect_pages(RenderPdf *w, guint pages);
/* Parts of `pages` pages (0: one part, however long), said before the
 * first page (for tests); nothing for a writer in memory, always one part. */
void render_pdf_set_part_pages(RenderPdf *w, guint pages);
/* Two processes drawing one PDF (a pack on workers): both are given
 * every page, each draws the parts of its pages (render_pdf_draw_only:
 * `from` and `to` 0-based, on part boundaries) and keeps of the others
 * only what the post-pass needs, so the two keep the same elements,
 * bands and links. render_pdf_half is where the second half's parts
 * begin (0: the PDF is not in two halves of parts); every part's file is
 * made by render_pdf_parts_prepare, before the other process is forked,
 * so that both reach them. The one that drew the second half ends with
 * render_pdf_finish_drawn (its parts complete in their files, the writer
 * freed); the other, once it has, with render_pdf_finish_to as always,
 * which joins every part. */
guint render_pdf_half(const RenderPdf *w);
void render_pdf_draw_only(RenderPdf *w, guint from, guint to);
gboolean render_pdf_parts_prepare(RenderPdf *w, GError **error);
gboolean render_pdf_finish_drawn(RenderPdf *w, GError **error);
gboolean render_pdf_finish_to(RenderPdf *w, OutFile *out, RenderTimings *timings, GError **error);

/* `doc` as a PDF written to `path` atomically (outfile.h), streamed as
 * above, its XMP recording `provenance` (may be NULL); the file's size
 * to *size (may be NULL). */
gboolean render_pdf_write(const LayoutDoc *doc, const Provenance *provenance, const char *path, RenderTimings *timings,
                          gsize *size, GError **error);
void render_pdf_free(RenderPdf *w);

/* A tape (render_tape.c): laid-out pages kept in an unlinked scratch file
 * (beside `near`) until they can be drawn — a pack's, which cannot be
 * drawn before every report is counted — instead of in memory. Record
 * docs in order; then take their pages back in the same order, a doc's
 * worth at a time, add what changes (furniture), and draw them with
 * render_pdf_add_taped. Recording leaves running furniture off; what the
 * pages use that was made during layout (fonts, styles, images, charts)
 * is written in full, so the caller frees the doc as it was. A tape may
 * be recorded in a process forked from the reader (render_tape_flush
 * before it exits); only each page's meta is written as a pointer, and
 * the reader sets it again. */
typedef struct RenderTape RenderTape;
RenderTape *render_tape_new(const char *near, GError **error);
gboolean render_tape_record(RenderTape *t, LayoutDoc *doc, GError **error);
/* One page, for a layout that hands its pages on one by one (a page sink
 * of layout_document_streamed); record the doc afterwards, pages gone,
 * for its charts and styles, and to learn of any error writing. */
void render_tape_record_page(RenderTape *t, const LayoutPage *page);
/* Everything recorded written out to the scratch file (a worker's last
 * step, before the process that reads the tape takes it back). */
gboolean render_tape_flush(RenderTape *t, GError **error);
/* The next `n_pages` pages as a LayoutDoc whose text boxes have no
 * layout (their lines are the tape's, until the next call); text is drawn
 * with `ctx`. NULL with *error if the tape cannot be read. */
LayoutDoc *render_tape_next(RenderTape *t, guint n_pages, PangoContext *ctx, GError **error);
gboolean render_pdf_add_taped(RenderPdf *w, RenderTape *tape, const LayoutDoc *doc, GError **error);
void render_tape_free(RenderTape *t);

/* Page `index` (0-based) as PNG at `dpi`. */
GBytes *render_png_page(const LayoutDoc *doc, guint index, double dpi, GError **error);

/* Draw one page's boxes on any cairo context, untagged. */
void render_page_draw(cairo_t *cr, const LayoutPage *page);

#endif
