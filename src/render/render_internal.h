/* render internals: the drawing (render.c) tells the PDF writer
 * (render_pdf.c) about every structure element it begins, so that the
 * post-pass can give each one what cairo cannot write (pdfpost.h).
 *
 * Each render_*_begin call makes exactly one cairo_tag_begin and records
 * one structure element, in the same order: the post-pass checks the two
 * against each other. With w == NULL (PNG pages) they draw no tags. */
#ifndef BOARDPACK_RENDER_INTERNAL_H
#define BOARDPACK_RENDER_INTERNAL_H

#include <pango/pango.h>

#include "render.h"

/* Where each line of a text box starts and how tall it is, in page points. */
typedef struct {
  PangoLayoutLine *line;
  double x, y, top, height; /* x of the line, its baseline, its top and height */
} LinePlace;

/* The lines of a text box that has a layout (free the array). */
GArray *render_line_places(const LayoutBox *b);

/* The tape whose pages are being drawn (render_pdf_add_taped), or NULL. */
RenderTape *render_pdf_tape(RenderPdf *w);

/* A text box replayed from a tape has no PangoLayout: its lines (of
 * LinePlace) and its layout's whole text, or NULL if `b` is not one. The
 * lines are to be drawn before the next call (they share one layout). */
const GArray *render_tape_text(RenderPdf *w, const LayoutBox *b, const char **text);

/* Draw a page's boxes; w NULL draws them untagged. */
void render_boxes_draw(cairo_t *cr, const LayoutPage *page, RenderPdf *w);

/* A structure element from a TAG_BEGIN box (Figure alt, table cells). */
void render_struct_begin(RenderPdf *w, cairo_t *cr, const LayoutBox *b);
void render_struct_end(RenderPdf *w, cairo_t *cr, LayoutTag tag);
/* The language the structure tree gives what is being drawn: the innermost
 * open element's /Lang, else the document's (the words of a symbol's
 * ActualText are in it). */
const char *render_pdf_lang(const RenderPdf *w);
/* A leaf Span; `actual_text` says what its symbols mean, or NULL; `lang`
 * is its language where it differs from its block's (<span lang>), or NULL. */
void render_span_begin(RenderPdf *w, cairo_t *cr, const char *actual_text, const char *lang);
void render_span_end(RenderPdf *w, cairo_t *cr);
/* A Link over `rects` (cairo's "x y w h …", one rectangle per line),
 * its annotation described by `text`; `actual_text` is what its symbols
 * mean, said in place of the link's text, or NULL. */
void render_link_begin(RenderPdf *w, cairo_t *cr, const LayoutLink *link, const char *text, const char *actual_text,
                       const char *rects);
void render_link_end(RenderPdf *w, cairo_t *cr);

/* A URI safe to hand to cairo, which writes it into the PDF as it is:
 * every byte but unreserved and a few reserved ASCII characters is
 * percent-encoded, so no quote, parenthesis or backslash is left. */
char *render_uri_safe(const char *uri);

#endif
