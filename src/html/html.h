/* html — one self-contained, accessible HTML5 file from a bound report.
 *
 * Owns nothing past a call: html_document walks the bound Spec (the same
 * model layout paginates: numbers, figures, generated words, tables made
 * by bind) and returns the page as bytes. It never reads layout's boxes or
 * the PDF. The house style (fonts, sizes, colours) becomes the inline CSS;
 * charts are planned again at the text column's width with the caller's
 * PangoContext and drawn as inline SVG (chart_svg), each followed by its
 * data as a table.
 *
 * What always holds: every piece of text from the spec or the data is
 * escaped (html_escape); identical input gives identical bytes (no clock,
 * no addresses, ids from document order); one <h1>, headings never skip a
 * level; a rating or an arrow always carries words, never a glyph alone.
 */
#ifndef BOARDPACK_HTML_H
#define BOARDPACK_HTML_H

#include <glib.h>
#include <pango/pango.h>

#include "base/diag.h"
#include "layout/style.h"
#include "spec/spec.h"

/* The page, or NULL with errors in `diags` (an image that cannot be read). */
GBytes *html_document(Spec *spec, const Style *style, PangoContext *ctx, DiagList *diags);

#endif
