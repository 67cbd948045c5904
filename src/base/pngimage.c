/* pngimage — see pngimage.h. */
#include "pngimage.h"

#include <string.h>

#include "infile.h"

G_DEFINE_QUARK(boardpack-pngimage-error-quark, pngimage_error)

/* signature (8), IHDR length and type (8), width and height (8) */
#define PNG_HEAD_BYTES 24

static guint32 be32(const guint8 *p) { return (guint32)p[0] << 24 | (guint32)p[1] << 16 | (guint32)p[2] << 8 | p[3]; }

/* The declared size, checked against the limits. */
static gboolean header_check(const guint8 *data, gsize len, guint *width, guint *height, GError **error) {
  static const guint8 sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  if (len < PNG_HEAD_BYTES || memcmp(data, sig, sizeof sig) != 0 || memcmp(data + 12, "IHDR", 4) != 0) {
    g_set_error(error, PNGIMAGE_ERROR, PNGIMAGE_ERROR_NOT_PNG, "is not a PNG image (only PNG images can be placed)");
    return FALSE;
  }
  guint32 w = be32(data + 16), h = be32(data + 20);
  if (w > PNGIMAGE_MAX_SIDE || h > PNGIMAGE_MAX_SIDE) {
    g_set_error(error, PNGIMAGE_ERROR, PNGIMAGE_ERROR_TOO_BIG,
                "is %u x %u pixels: images wider or taller than %u pixels cannot be drawn (cairo's limit); "
                "scale it down", w, h, PNGIMAGE_MAX_SIDE);
    return FALSE;
  }
  if ((guint64)w * h > PNGIMAGE_MAX_PIXELS) {
    g_set_error(error, PNGIMAGE_ERROR, PNGIMAGE_ERROR_TOO_BIG,
                "is %u x %u pixels (%.0f million): images of up to %u million pixels are read; scale it down", w, h,
                (double)w * h / 1e6, PNGIMAGE_MAX_PIXELS / 1000000);
    return FALSE;
  }
  if (width) *width = w;
  if (height) *height = h;
  return TRUE;
}

static gboolean file_error(GError *err, GError **error) {
  g_set_error(error, PNGIMAGE_ERROR, PNGIMAGE_ERROR_FILE, "%s", err->message);
  g_error_free(err);
  return FALSE;
}

gboolean pngimage_check(const char *path, guint *width, guint *height, GError **error) {
  GError *err = NULL;
  GBytes *head = infile_read_head(path, INFILE_IMAGE, PNG_HEAD_BYTES, &err);
  if (!head) return file_error(err, error);
  gsize len = 0;
  const guint8 *data = g_bytes_get_data(head, &len);
  gboolean ok = header_check(data, len, width, height, error);
  g_bytes_unref(head);
  return ok;
}

typedef struct {
  const guint8 *data;
  gsize len, at;
} Reader;

static cairo_status_t read_bytes(void *closure, unsigned char *out, unsigned int length) {
  Reader *r = closure;
  if (r->len - r->at < length) return CAIRO_STATUS_READ_ERROR;
  memcpy(out, r->data + r->at, length);
  r->at += length;
  return CAIRO_STATUS_SUCCESS;
}

cairo_surface_t *pngimage_load(const char *path, GError **error) {
  GError *err = NULL;
  GBytes *bytes = infile_read(path, INFILE_IMAGE, &err);
  if (!bytes) {
    file_error(err, error);
    return NULL;
  }
  /* not {.data = g_bytes_get_data(bytes, &r.len)}: the initializer may zero
   * .len after the call has set it (clang does), and every image read as
   * "not a PNG image" */
  gsize len = 0;
  const guint8 *data = g_bytes_get_data(bytes, &len);
  Reader r = {.data = data, .len = len};
  guint w = 0, h = 0;
  cairo_surface_t *img = NULL;
  if (header_check(r.data, r.len, &w, &h, error)) {
    img = cairo_image_surface_create_from_png_stream(read_bytes, &r);
    cairo_status_t st = cairo_surface_status(img);
    if (st != CAIRO_STATUS_SUCCESS || cairo_image_surface_get_width(img) <= 0) {
      /* cairo says "out of memory" for most damage: name what the user can act on */
      g_set_error(error, PNGIMAGE_ERROR, PNGIMAGE_ERROR_DAMAGED, "is damaged: it cannot be read as a PNG image%s",
                  st == CAIRO_STATUS_SUCCESS ? " (it has no pixels)" : "");
      cairo_surface_destroy(img);
      img = NULL;
    }
  }
  g_bytes_unref(bytes);
  return img;
}

cairo_surface_t *pngimage_for_print(cairo_surface_t *img, double width_pt) {
  int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
  double inches = width_pt / 72.0;
  if (inches <= 0 || w / inches <= PNGIMAGE_SCALE_ABOVE_DPI) return cairo_surface_reference(img);
  int nw = MAX(1, (int)(inches * PNGIMAGE_PRINT_DPI + 0.5)), nh = MAX(1, (int)((double)h * nw / w + 0.5));
  cairo_format_t format = cairo_image_surface_get_format(img);
  cairo_surface_t *out = cairo_image_surface_create(format == CAIRO_FORMAT_RGB24 ? CAIRO_FORMAT_RGB24 : CAIRO_FORMAT_ARGB32, nw, nh);
  cairo_t *cr = cairo_create(out);
  cairo_scale(cr, (double)nw / w, (double)nh / h);
  cairo_set_source_surface(cr, img, 0, 0);
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD); /* a box filter when shrinking: no aliasing */
  cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint(cr);
  cairo_destroy(cr);
  if (cairo_surface_status(out) != CAIRO_STATUS_SUCCESS) { /* no memory for the copy: keep the original */
    cairo_surface_destroy(out);
    return cairo_surface_reference(img);
  }
  return out;
}
