/* render_parts — see render_parts.h. */
#include "render_parts.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <gio/gio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/outfile.h"
#include "render.h"

typedef struct {
  int fd;          /* -1 until made */
  gsize len;       /* its bytes, once finished */
  guint continues; /* structure elements open when it began (pdfmerge.h) */
  gboolean drawn;  /* finished by this process (else by the one drawing the other half) */
} Part;

struct RenderParts {
  char *near;            /* streamed: the output's path, beside which scratch files are made; NULL: in memory */
  GByteArray *raw;       /* cairo's output not yet in the part's file (in memory: all of it) */
  int scratch;           /* the file being written (a part's, or the joined one), or -1 */
  gsize scratch_len;     /* bytes in it */
  int scratch_err;       /* first errno writing it */
  GArray *parts;         /* of Part, by number (streamed only) */
  guint part;            /* the part being drawn */
  guint part_pages;      /* pages in it so far */
  guint limit;           /* pages a part holds; 0: one part */
  guint n_parts;         /* how many, when the pages were known (render_parts_expect), or 0 */
  guint pages;           /* pages begun so far */
  guint draw_from, draw_to; /* the pages drawn here */
  GArray *reopen;        /* of LayoutTag: the elements to begin again on the part's first page */
  cairo_surface_t *surface;
  cairo_t *cr;           /* NULL between parts */
  RenderInfo info;
};

/* cairo writes in small pieces: they are gathered, and written out to the
 * scratch file a quarter of a megabyte at a time. */
#define SCRATCH_BUFFER (256 * 1024)

static gboolean scratch_flush(RenderParts *p) {
  const guint8 *data = p->raw->data;
  gsize len = p->raw->len;
  while (len > 0 && !p->scratch_err) {
    ssize_t n = write(p->scratch, data, len);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) p->scratch_err = n < 0 ? errno : EIO;
    else data += n, len -= (gsize)n, p->scratch_len += (gsize)n;
  }
  g_byte_array_set_size(p->raw, 0);
  return !p->scratch_err;
}

static gboolean scratch_put(RenderParts *p, const void *data, gsize len) {
  g_byte_array_append(p->raw, data, (guint)len);
  return p->near == NULL || p->raw->len < SCRATCH_BUFFER || scratch_flush(p);
}

static cairo_status_t cairo_put(void *closure, const unsigned char *data, unsigned int length) {
  return scratch_put(closure, data, length) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* The joiner's output, into the joined file as cairo's goes into a part's. */
static gboolean joined_put(gpointer closure, const char *data, gsize len) { return scratch_put(closure, data, len); }

static gboolean scratch_failed(const RenderParts *p, GError **error) {
  g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(p->scratch_err), "cannot write the scratch file: %s",
              g_strerror(p->scratch_err));
  return FALSE;
}

/* The file's bytes all written, a NUL after them (for pdfobj); their
 * number, not counting it, to *len. */
static gboolean scratch_close(RenderParts *p, gsize *len, GError **error) {
  g_byte_array_append(p->raw, (const guint8 *)"", 1);
  *len = p->scratch_len + p->raw->len - 1;
  return scratch_flush(p) || scratch_failed(p, error);
}

static void iso_date(gint64 t, char *buf, gsize size) {
  GDateTime *dt = g_date_time_new_from_unix_utc(t);
  char *s = g_date_time_format(dt, "%Y-%m-%dT%H:%M:%S");
  g_snprintf(buf, size, "%sZ", s);
  g_free(s);
  g_date_time_unref(dt);
}

/* The Info of the first part's surface; a later part's (which the joiner
 * drops) has its date alone, so that no part says when it was drawn. */
static void surface_info(RenderParts *p) {
  const RenderInfo *in = &p->info;
  cairo_surface_t *s = p->surface;
  char date[64];
  iso_date(in->created, date, sizeof date);
  if (p->part > 0) {
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
    return;
  }
  if (in->title) cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, in->title);
  if (in->author) cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, in->author);
  if (in->subject) cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, in->subject);
  if (in->keywords) cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_KEYWORDS, in->keywords);
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "boardpack " BOARDPACK_VERSION);
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date);
}

RenderParts *render_parts_new(const char *near, int scratch, const RenderInfo *info) {
  RenderParts *p = g_new0(RenderParts, 1);
  p->near = g_strdup(near);
  p->raw = g_byte_array_new();
  p->scratch = -1;
  p->parts = g_array_new(FALSE, FALSE, sizeof(Part));
  p->reopen = g_array_new(FALSE, FALSE, sizeof(LayoutTag));
  p->draw_to = G_MAXUINT;
  p->info = *info;
  if (near) {
    Part first = {scratch, 0, 0, FALSE};
    g_array_append_val(p->parts, first);
  }
  return p;
}

void render_parts_free(RenderParts *p) {
  if (!p) return;
  if (p->cr) cairo_destroy(p->cr);
  if (p->surface) cairo_surface_destroy(p->surface);
  for (guint i = 0; i < p->parts->len; i++)
    if (g_array_index(p->parts, Part, i).fd >= 0) close(g_array_index(p->parts, Part, i).fd);
  g_array_free(p->parts, TRUE);
  g_array_free(p->reopen, TRUE);
  g_byte_array_unref(p->raw);
  g_free(p->near);
  g_free(p);
}

void render_parts_set_limit(RenderParts *p, guint pages) {
  if (p->near && p->pages == 0) p->limit = pages;
}

/* An even number of parts, so that two processes can draw half each. */
void render_parts_expect(RenderParts *p, guint pages) {
  if (pages <= RENDER_PDF_PART_PAGES || !p->near || p->pages) return;
  guint pairs = (pages + 2 * RENDER_PDF_PART_PAGES - 1) / (2 * RENDER_PDF_PART_PAGES);
  p->n_parts = 2 * pairs;
  p->limit = (pages + p->n_parts - 1) / p->n_parts;
}

gboolean render_parts_parted(const RenderParts *p) { return p->limit > 0; }

guint render_parts_half(const RenderParts *p) { return p->n_parts >= 2 ? p->n_parts / 2 * p->limit : 0; }

void render_parts_draw_only(RenderParts *p, guint from, guint to) { p->draw_from = from, p->draw_to = to; }

cairo_surface_t *render_parts_surface(const RenderParts *p) { return p->surface; }

/* Part `i`, its file made if it has none yet. */
static Part *part_at(RenderParts *p, guint i, GError **error) {
  while (p->parts->len <= i) {
    Part none = {-1, 0, 0, FALSE};
    g_array_append_val(p->parts, none);
  }
  Part *part = &g_array_index(p->parts, Part, i);
  if (part->fd < 0) part->fd = outfile_scratch(p->near, error);
  return part->fd >= 0 ? part : NULL;
}

gboolean render_parts_prepare(RenderParts *p, GError **error) {
  for (guint i = 0; i < p->n_parts; i++)
    if (!part_at(p, i, error)) return FALSE;
  return TRUE;
}

/* The part that begins with the next page: a surface writing to its file
 * (or to memory), or the nil context for a part drawn elsewhere. */
static gboolean part_begin(RenderParts *p, GError **error) {
  if (p->pages < p->draw_from || p->pages >= p->draw_to) {
    p->cr = cairo_create(NULL);
    return TRUE;
  }
  if (p->near) {
    Part *part = part_at(p, p->part, error);
    if (!part) return FALSE;
    p->scratch = part->fd, p->scratch_len = 0;
  }
  p->surface = cairo_pdf_surface_create_for_stream(cairo_put, p, 595.276, 841.89);
  p->cr = cairo_create(p->surface);
  surface_info(p);
  return TRUE;
}

/* cairo finished, and what it wrote checked; the surface gone. */
static gboolean surface_finish(RenderParts *p, GError **error) {
  cairo_destroy(p->cr);
  p->cr = NULL;
  cairo_surface_finish(p->surface);
  cairo_status_t st = cairo_surface_status(p->surface);
  cairo_surface_destroy(p->surface);
  p->surface = NULL;
  if (st == CAIRO_STATUS_WRITE_ERROR && p->scratch_err) return scratch_failed(p, error);
  if (st != CAIRO_STATUS_SUCCESS)
    g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "cairo could not write the PDF: %s", cairo_status_to_string(st));
  return st == CAIRO_STATUS_SUCCESS;
}

/* The part being drawn finished in its file, or its nil context dropped. */
static gboolean part_close(RenderParts *p, GError **error) {
  gboolean ok = TRUE;
  if (p->surface) {
    Part *part = &g_array_index(p->parts, Part, p->part);
    ok = surface_finish(p, error) && scratch_close(p, &part->len, error);
    part->drawn = ok;
  } else {
    cairo_destroy(p->cr);
    p->cr = NULL;
  }
  p->scratch = -1;
  return ok;
}

/* Between two parts: the open elements ended, the part finished, the
 * next one's number taken, with the elements to begin again in it. */
static gboolean part_end(RenderParts *p, const LayoutTag *open, guint n_open, GError **error) {
  for (guint i = n_open; i-- > 0;) cairo_tag_end(p->cr, layout_tag_name(open[i]));
  if (!part_close(p, error)) return FALSE;
  g_array_set_size(p->reopen, 0);
  g_array_append_vals(p->reopen, open, n_open);
  p->part++, p->part_pages = 0;
  Part *next = part_at(p, p->part, error);
  if (next) next->continues = n_open;
  return next != NULL;
}

cairo_t *render_parts_page(RenderParts *p, const LayoutTag *open, guint n_open, double width, double height,
                           GError **error) {
  if (p->cr && p->limit && p->part_pages == p->limit && !part_end(p, open, n_open, error)) return NULL;
  if (!p->cr && !part_begin(p, error)) return NULL;
  p->pages++;
  if (p->part_pages++ > 0) cairo_show_page(p->cr);
  if (p->surface) cairo_pdf_surface_set_size(p->surface, width, height);
  for (guint i = 0; i < p->reopen->len; i++)
    cairo_tag_begin(p->cr, layout_tag_name(g_array_index(p->reopen, LayoutTag, i)), NULL);
  g_array_set_size(p->reopen, 0);
  return p->cr;
}

gboolean render_parts_finish_drawn(RenderParts *p, GError **error) { return !p->cr || part_close(p, error); }

/* The parts the other process drew, as long as their files are: each ends
 * with the NUL written after the PDF. */
static gboolean parts_drawn_elsewhere(RenderParts *p, GError **error) {
  for (guint i = 0; i <= p->part; i++) {
    Part *part = &g_array_index(p->parts, Part, i);
    struct stat st;
    if (part->drawn) continue;
    if (fstat(part->fd, &st) != 0 || st.st_size < 2) {
      g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "part %u of the PDF was not drawn", i + 1);
      return FALSE;
    }
    part->len = (gsize)st.st_size - 1;
  }
  return TRUE;
}

/* Every part mapped, joined into a new scratch file (the joiner gives back
 * each mapping's pages once copied), and the parts dropped. */
static gboolean parts_join(RenderParts *p, const PdfMergeOutline *outline, guint n_outline, GError **error) {
  guint n = p->part + 1;
  PdfMergePart *in = g_new0(PdfMergePart, n);
  gboolean ok = TRUE;
  for (guint i = 0; i < n && ok; i++) {
    const Part *part = &g_array_index(p->parts, Part, i);
    void *map = mmap(NULL, part->len + 1, PROT_READ, MAP_PRIVATE, part->fd, 0);
    if (map == MAP_FAILED)
      ok = FALSE, g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno), "cannot read the scratch file: %s",
                              g_strerror(errno));
    else in[i] = (PdfMergePart){map, part->len, part->continues, TRUE};
  }
  p->scratch = ok ? outfile_scratch(p->near, error) : -1;
  p->scratch_len = 0;
  g_byte_array_set_size(p->raw, 0);
  GError *join_error = NULL;
  ok = ok && p->scratch >= 0 && pdfmerge_write(in, n, outline, n_outline, joined_put, p, &join_error);
  if (join_error && p->scratch_err) g_clear_error(&join_error), scratch_failed(p, error); /* the disk's reason */
  else if (join_error) g_propagate_error(error, join_error);
  for (guint i = 0; i < n; i++)
    if (in[i].data) munmap((void *)in[i].data, in[i].len + 1);
  for (guint i = 0; i < p->parts->len; i++) close(g_array_index(p->parts, Part, i).fd);
  g_array_set_size(p->parts, 0);
  g_free(in);
  return ok;
}

gboolean render_parts_finish(RenderParts *p, const PdfMergeOutline *outline, guint n_outline, int *fd, gsize *len,
                             GByteArray **bytes, GError **error) {
  if (!p->cr && !part_begin(p, error)) return FALSE; /* a PDF of no pages */
  gboolean parted = p->part > 0;
  gboolean ok = parted ? part_close(p, error) && parts_drawn_elsewhere(p, error) && parts_join(p, outline, n_outline, error)
                       : surface_finish(p, error);
  if (!ok) return FALSE;
  if (!p->near) {
    *bytes = p->raw;
    p->raw = g_byte_array_new();
    return TRUE;
  }
  if (!parted) {
    p->scratch = g_array_index(p->parts, Part, 0).fd; /* the one part's file */
    g_array_index(p->parts, Part, 0).fd = -1;
  }
  if (!scratch_close(p, len, error)) return FALSE;
  *fd = p->scratch;
  p->scratch = -1;
  return TRUE;
}
