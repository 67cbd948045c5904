/* pngimage — PNG files, checked before they are decoded.
 *
 * Owns nothing past a call: it reads a PNG through infile (so the file is
 * confined, regular and of bounded size) and looks at its IHDR before any
 * pixel is decoded. A PNG declares its size in its first 33 bytes; a
 * 1 MB file can declare 20,000 x 20,000 pixels (1.6 GB decoded), so the
 * declared pixel count is checked against PNGIMAGE_MAX_PIXELS, and each
 * side against cairo's own limit, with a message that says which.
 */
#ifndef BOARDPACK_PNGIMAGE_H
#define BOARDPACK_PNGIMAGE_H

#include <cairo.h>
#include <glib.h>

/* 64 megapixels (256 MB decoded): an A3 page at 600 dpi is 70 million
 * pixels' worth of paper, and no committee paper's figure needs more. */
#define PNGIMAGE_MAX_PIXELS (64u * 1000 * 1000)
/* cairo's image surfaces are at most this many pixels on a side. */
#define PNGIMAGE_MAX_SIDE 32767u

#define PNGIMAGE_ERROR (pngimage_error_quark())
GQuark pngimage_error_quark(void);
typedef enum {
  PNGIMAGE_ERROR_FILE,    /* infile refused it: the message is infile's */
  PNGIMAGE_ERROR_NOT_PNG, /* no PNG signature or IHDR */
  PNGIMAGE_ERROR_TOO_BIG, /* too many pixels, or a side over cairo's limit */
  PNGIMAGE_ERROR_DAMAGED, /* the header is sound, the pixels are not */
} PngImageErrorCode;

/* Check `path`'s signature and declared size without decoding it. The
 * error message is a phrase to follow the file's name. */
gboolean pngimage_check(const char *path, guint *width, guint *height, GError **error);

/* Check, then decode `path`. */
cairo_surface_t *pngimage_load(const char *path, GError **error);

/* Printing finer than this gains nothing on paper; an image that would
 * print finer than PNGIMAGE_SCALE_ABOVE_DPI at its size is scaled down to
 * PNGIMAGE_PRINT_DPI as it is read, so that a large photograph does not
 * hold hundreds of megabytes until the document is written. */
#define PNGIMAGE_PRINT_DPI 300.0
#define PNGIMAGE_SCALE_ABOVE_DPI 450.0

/* `img` as it should be kept for printing `width_pt` wide: itself (a new
 * reference) when it is not finer than PNGIMAGE_SCALE_ABOVE_DPI, else a
 * copy scaled to PNGIMAGE_PRINT_DPI. The caller unrefs `img` as before. */
cairo_surface_t *pngimage_for_print(cairo_surface_t *img, double width_pt);

#endif
