/* chart_items — plan items: making, placing and measuring them, the
 * no-data plan, polylines split at gaps, and the checks and text dump.
 *
 * Text items are placed by an anchor (a fraction of their logical rect) so a
 * label can be centred, right-aligned or hung from any point whatever its
 * rotation; their boxes are stored rotated (ChartQuad) because the bounding
 * box of a 45-degree label overlaps its neighbour's when the glyphs do not.
 */
#include "chart_internal.h"

#include <string.h>

#include "base/textcache.h"

/* ---- small helpers ---------------------------------------------------- */

const char *chart_title_of(const ChartSpec *s) { return s->title && *s->title ? s->title : "chart"; }

ChartColor chart_text_tone(ChartColor c) {
  /* Darken until the colour has 4.5:1 contrast on white (WCAG AA). */
  for (int i = 0; i < 20; i++) {
    double l = 0.2126 * c.r * c.r + 0.7152 * c.g * c.g + 0.0722 * c.b * c.b; /* approx. */
    if (l <= 0.17) break;
    c.r *= 0.85;
    c.g *= 0.85;
    c.b *= 0.85;
  }
  return c;
}

PangoFontDescription *chart_font_new(const ChartStyle *st, double size, gboolean bold) {
  PangoFontDescription *fd = pango_font_description_new();
  pango_font_description_set_family(fd, st->font_family);
  pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
  if (bold) pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
  return fd;
}

/* ---- label layouts, laid out once per process ------------------------------ */

/* A fresh layout's form (pango_layout_new's defaults). */
static const ChartForm FORM_NEW = {-1, -1, PANGO_WRAP_WORD, PANGO_ELLIPSIZE_NONE, PANGO_ALIGN_LEFT};

ChartForm chart_layout_form(PangoLayout *l) {
  return (ChartForm){pango_layout_get_width(l), pango_layout_get_height(l), pango_layout_get_wrap(l),
                     pango_layout_get_ellipsize(l), pango_layout_get_alignment(l)};
}

static gboolean form_equal(const ChartForm *a, const ChartForm *b) {
  return a->width == b->width && a->height == b->height && a->wrap == b->wrap && a->ellipsize == b->ellipsize &&
         a->align == b->align;
}

static void form_apply(PangoLayout *l, const ChartForm *f) {
  pango_layout_set_width(l, f->width);
  pango_layout_set_height(l, f->height);
  pango_layout_set_wrap(l, f->wrap);
  pango_layout_set_ellipsize(l, f->ellipsize);
  pango_layout_set_alignment(l, f->align);
}

/* A font as its fields (pango_font_description_to_string would cost more
 * than the lookup it keys): chart_font_new sets family, size and weight;
 * the rest are there in case a planner sets them. */
static void font_key(GByteArray *key, const PangoFontDescription *fd) {
  textcache_key_string(key, pango_font_description_get_family(fd));
  gint32 f[8] = {pango_font_description_get_size(fd), pango_font_description_get_size_is_absolute(fd),
                 (gint32)pango_font_description_get_weight(fd), (gint32)pango_font_description_get_style(fd),
                 (gint32)pango_font_description_get_variant(fd), (gint32)pango_font_description_get_stretch(fd),
                 (gint32)pango_font_description_get_gravity(fd), (gint32)pango_font_description_get_set_fields(fd)};
  textcache_key_add(key, f, sizeof f);
  textcache_key_string(key, pango_font_description_get_variations(fd));
}

/* Everything a label's layout is made from: "C" (a chart's; layout/'s
 * keys start otherwise), the context's font map and language (every
 * context is fonts_context_new's with a language), the font, the form,
 * then the text. The planners set no attributes. */
static GBytes *label_key(PangoContext *ctx, const PangoFontDescription *fd, const ChartForm *f, const char *text) {
  gsize len = strlen(text);
  GByteArray *key = g_byte_array_sized_new((guint)len + 96);
  textcache_key_add(key, "C", 1);
  PangoFontMap *map = pango_context_get_font_map(ctx);
  textcache_key_add(key, &map, sizeof map);
  textcache_key_string(key, pango_language_to_string(pango_context_get_language(ctx)));
  font_key(key, fd);
  gint32 form[5] = {f->width, f->height, (gint32)f->wrap, (gint32)f->ellipsize, (gint32)f->align};
  textcache_key_add(key, form, sizeof form);
  textcache_key_add(key, text, len);
  return g_byte_array_free_to_bytes(key);
}

typedef struct {
  PangoContext *ctx;
  const PangoFontDescription *fd;
  const ChartForm *form;
  const char *text;
} LabelMaking;

static PangoLayout *label_make(gpointer data) {
  const LabelMaking *m = data;
  PangoLayout *l = pango_layout_new(m->ctx);
  pango_layout_set_font_description(l, m->fd);
  pango_layout_set_text(l, m->text, -1);
  form_apply(l, m->form);
  return l;
}

PangoLayout *chart_label_layout(PangoContext *ctx, const PangoFontDescription *fd, const ChartForm *form,
                                const char *text) {
  LabelMaking m = {ctx, fd, form, text};
  return textcache_get_or_make(label_key(ctx, fd, form, text), label_make, &m);
}

PangoLayout *chart_layout_new(Planner *p, const PangoFontDescription *fd, const char *text) {
  PangoLayout *l = chart_label_layout(p->ctx, fd, &FORM_NEW, text);
  if (!p->warned_glyphs && pango_layout_get_unknown_glyphs_count(l) > 0) {
    p->warned_glyphs = TRUE;
    diag_warning(p->diags, p->spec->src_file, p->spec->src_line, 0,
                 "%s: the chart font has no glyph for some characters in \"%s\"", chart_title_of(p->spec), text);
  }
  return l;
}

PangoLayout *chart_layout_reform(PangoLayout *l, const ChartForm *form) {
  ChartForm now = chart_layout_form(l);
  if (form_equal(&now, form)) return l;
  if (!textcache_key_of(l)) {
    form_apply(l, form);
    return l;
  }
  PangoLayout *shared =
      chart_label_layout(pango_layout_get_context(l), pango_layout_get_font_description(l), form, pango_layout_get_text(l));
  g_object_unref(l);
  return shared;
}

void chart_layout_size(PangoLayout *l, double *w, double *h) {
  PangoRectangle lg;
  pango_layout_get_extents(l, NULL, &lg);
  if (w) *w = lg.width / (double)PANGO_SCALE;
  if (h) *h = lg.height / (double)PANGO_SCALE;
}

ChartItem *chart_item_new(ChartPlan *plan, ChartItemKind kind, ChartRole role, int series) {
  ChartItem *it = g_new0(ChartItem, 1);
  it->kind = kind;
  it->role = role;
  it->series = series;
  g_ptr_array_add(plan->items, it);
  return it;
}

void chart_item_free(gpointer data) {
  ChartItem *it = data;
  g_free(it->pts);
  if (it->layout) g_object_unref(it->layout);
  g_free(it->text);
  g_free(it);
}

static void rot(double angle, double x, double y, double *ox, double *oy) {
  double c = cos(angle), s = sin(angle);
  *ox = x * c - y * s;
  *oy = x * s + y * c;
}

/* Position a text item so that the point (ax, ay) — fractions of its logical
 * rect — lands on (px, py) after rotating by angle. */
void chart_text_place(ChartItem *it, double px, double py, double ax, double ay, double angle) {
  PangoRectangle ink, lg;
  pango_layout_get_extents(it->layout, &ink, &lg);
  double lx = lg.x / (double)PANGO_SCALE, ly = lg.y / (double)PANGO_SCALE;
  double lw = lg.width / (double)PANGO_SCALE, lh = lg.height / (double)PANGO_SCALE;
  double rx, ry;
  rot(angle, lx + ax * lw, ly + ay * lh, &rx, &ry);
  it->x = px - rx;
  it->y = py - ry;
  it->angle = angle;
  it->w = lw;
  it->h = lh;
  const double cx[4] = {lx, lx + lw, lx + lw, lx}, cy[4] = {ly, ly, ly + lh, ly + lh};
  for (int i = 0; i < 4; i++) {
    rot(angle, cx[i], cy[i], &rx, &ry);
    it->logical.x[i] = it->x + rx;
    it->logical.y[i] = it->y + ry;
  }
  double ix = ink.x / (double)PANGO_SCALE, iy = ink.y / (double)PANGO_SCALE;
  double iw = ink.width / (double)PANGO_SCALE, ih = ink.height / (double)PANGO_SCALE;
  const double kx[4] = {ix, ix + iw, ix + iw, ix}, ky[4] = {iy, iy, iy + ih, iy + ih};
  double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
  for (int i = 0; i < 4; i++) {
    rot(angle, kx[i], ky[i], &rx, &ry);
    x0 = fmin(x0, it->x + rx);
    x1 = fmax(x1, it->x + rx);
    y0 = fmin(y0, it->y + ry);
    y1 = fmax(y1, it->y + ry);
  }
  it->ink = (ChartRect){x0, y0, x1 - x0, y1 - y0};
}

void chart_text_shift(ChartItem *it, double dx, double dy) {
  it->x += dx;
  it->y += dy;
  for (int i = 0; i < 4; i++) {
    it->logical.x[i] += dx;
    it->logical.y[i] += dy;
  }
  it->ink.x += dx;
  it->ink.y += dy;
}

void chart_quad_bounds(const ChartQuad *q, double *x0, double *y0, double *x1, double *y1) {
  *x0 = *y0 = INFINITY;
  *x1 = *y1 = -INFINITY;
  for (int i = 0; i < 4; i++) {
    *x0 = fmin(*x0, q->x[i]);
    *x1 = fmax(*x1, q->x[i]);
    *y0 = fmin(*y0, q->y[i]);
    *y1 = fmax(*y1, q->y[i]);
  }
}

/* Separating-axis test for two convex quads, shrunk by eps. */
gboolean chart_quads_overlap(const ChartQuad *a, const ChartQuad *b, double eps) {
  const ChartQuad *qs[2] = {a, b};
  for (int q = 0; q < 2; q++) {
    for (int i = 0; i < 4; i++) {
      int j = (i + 1) % 4;
      double nx = -(qs[q]->y[j] - qs[q]->y[i]), ny = qs[q]->x[j] - qs[q]->x[i];
      double len = hypot(nx, ny);
      if (len < 1e-9) continue;
      nx /= len;
      ny /= len;
      double amin = INFINITY, amax = -INFINITY, bmin = INFINITY, bmax = -INFINITY;
      for (int k = 0; k < 4; k++) {
        double pa = a->x[k] * nx + a->y[k] * ny, pb = b->x[k] * nx + b->y[k] * ny;
        amin = fmin(amin, pa);
        amax = fmax(amax, pa);
        bmin = fmin(bmin, pb);
        bmax = fmax(bmax, pb);
      }
      if (amax <= bmin + eps || bmax <= amin + eps) return FALSE;
    }
  }
  return TRUE;
}

ChartItem *chart_text_new(Planner *p, ChartRole role, int series, const PangoFontDescription *fd,
                           const char *text, ChartColor color) {
  ChartItem *it = chart_item_new(p->plan, CHART_ITEM_TEXT, role, series);
  it->layout = chart_layout_new(p, fd, text);
  it->text = g_strdup(text);
  it->fill = color;
  it->has_fill = TRUE;
  return it;
}

/* A text item not yet in the plan (so it can be tried and dropped). */
ChartItem *chart_text_detached(Planner *p, ChartRole role, int series, const PangoFontDescription *fd,
                                const char *text, ChartColor color) {
  ChartItem *it = g_new0(ChartItem, 1);
  it->kind = CHART_ITEM_TEXT;
  it->role = role;
  it->series = series;
  it->layout = chart_layout_new(p, fd, text);
  it->text = g_strdup(text);
  it->fill = color;
  it->has_fill = TRUE;
  return it;
}

gboolean chart_text_fits(const ChartPlan *plan, const ChartItem *it) {
  double x0, y0, x1, y1;
  chart_quad_bounds(&it->logical, &x0, &y0, &x1, &y1);
  if (x0 < -0.01 || y0 < -0.01 || x1 > plan->width + 0.01 || y1 > plan->height + 0.01) return FALSE;
  for (guint i = 0; i < plan->items->len; i++) {
    const ChartItem *o = g_ptr_array_index(plan->items, i);
    if (o->kind == CHART_ITEM_TEXT && o != it && chart_quads_overlap(&o->logical, &it->logical, 0.01)) return FALSE;
  }
  return TRUE;
}

static ChartQuad rect_quad(double x0, double y0, double x1, double y1) {
  return (ChartQuad){{x0, x1, x1, x0}, {y0, y0, y1, y1}};
}

/* What a value label must stay off besides text: bars, legend samples, and
 * the axis line (a segment, thickened by its width). */
static gboolean blocks_label(const ChartItem *o, ChartQuad *q) {
  if (o->kind == CHART_ITEM_RECT && (o->role == CHART_ROLE_BAR || o->role == CHART_ROLE_LEGEND_SAMPLE)) {
    *q = rect_quad(o->x, o->y, o->x + o->w, o->y + o->h);
    return TRUE;
  }
  if (o->kind == CHART_ITEM_POLYLINE && o->role == CHART_ROLE_AXIS && o->n_pts == 2) {
    double hw = o->line_width / 2;
    *q = rect_quad(fmin(o->pts[0], o->pts[2]) - hw, fmin(o->pts[1], o->pts[3]) - hw, fmax(o->pts[0], o->pts[2]) + hw,
                   fmax(o->pts[1], o->pts[3]) + hw);
    return TRUE;
  }
  return FALSE;
}

gboolean chart_label_clear(const ChartPlan *plan, const ChartItem *it) {
  double x0, y0, x1, y1;
  chart_quad_bounds(&it->logical, &x0, &y0, &x1, &y1);
  if (x0 < -0.01 || y0 < -0.01 || x1 > plan->width + 0.01 || y1 > plan->height + 0.01) return FALSE;
  for (guint i = 0; i < plan->items->len; i++) {
    const ChartItem *o = g_ptr_array_index(plan->items, i);
    ChartQuad q;
    if (o == it) continue;
    if (o->kind == CHART_ITEM_TEXT && chart_quads_overlap(&o->logical, &it->logical, -LABEL_GAP)) return FALSE;
    if (blocks_label(o, &q) && chart_quads_overlap(&q, &it->logical, 0.01)) return FALSE;
  }
  return TRUE;
}

/* Does the segment from (x0, y0) to (x1, y1) pass through the box
 * [bx0, bx1] x [by0, by1]? (Liang-Barsky: clip it to the box.) */
static gboolean segment_in_box(double x0, double y0, double x1, double y1, double bx0, double by0, double bx1,
                               double by1) {
  double t0 = 0, t1 = 1, dx = x1 - x0, dy = y1 - y0;
  const double p[4] = {-dx, dx, -dy, dy}, q[4] = {x0 - bx0, bx1 - x0, y0 - by0, by1 - y0};
  for (int k = 0; k < 4; k++) {
    if (fabs(p[k]) < 1e-12) {
      if (q[k] < 0) return FALSE;
      continue;
    }
    double r = q[k] / p[k];
    if (p[k] < 0) t0 = fmax(t0, r);
    else t1 = fmin(t1, r);
    if (t0 > t1) return FALSE;
  }
  return TRUE;
}

/* What a point's value label should also stay off: the markers, and the
 * lines of the series, references and standards (thickened by half their
 * width), so that no figure is struck through. */
static gboolean marks_label(const ChartItem *o, double x0, double y0, double x1, double y1, gboolean lines) {
  if (o->kind == CHART_ITEM_MARKER && o->role == CHART_ROLE_SERIES) {
    double r = o->size / 2 + 0.5;
    return o->x + r > x0 && o->x - r < x1 && o->y + r > y0 && o->y - r < y1;
  }
  if (!lines || o->kind != CHART_ITEM_POLYLINE ||
      (o->role != CHART_ROLE_SERIES && o->role != CHART_ROLE_REFERENCE && o->role != CHART_ROLE_MIN_STANDARD))
    return FALSE;
  double hw = o->line_width / 2;
  for (int k = 0; k + 1 < o->n_pts; k++) {
    const double *a = &o->pts[2 * k];
    if (isfinite(a[0] + a[1] + a[2] + a[3]) && segment_in_box(a[0], a[1], a[2], a[3], x0 - hw, y0 - hw, x1 + hw, y1 + hw))
      return TRUE;
  }
  return FALSE;
}

gboolean chart_label_clear_of_marks(const ChartPlan *plan, const ChartItem *it, gboolean lines) {
  if (!chart_label_clear(plan, it)) return FALSE;
  double x0, y0, x1, y1;
  chart_quad_bounds(&it->logical, &x0, &y0, &x1, &y1);
  for (guint i = 0; i < plan->items->len; i++)
    if (marks_label(g_ptr_array_index(plan->items, i), x0, y0, x1, y1, lines)) return FALSE;
  return TRUE;
}

ChartItem *chart_line_new(ChartPlan *plan, ChartRole role, int series, ChartColor c, double width,
                           ChartDash dash, int n_pts) {
  ChartItem *it = chart_item_new(plan, CHART_ITEM_POLYLINE, role, series);
  it->stroke = c;
  it->has_stroke = TRUE;
  it->line_width = width;
  it->dash = dash;
  it->pts = g_new(double, 2 * (n_pts > 0 ? n_pts : 1));
  it->n_pts = n_pts;
  return it;
}

void chart_segment(ChartPlan *plan, ChartRole role, int series, ChartColor c, double width, ChartDash dash,
                    double x0, double y0, double x1, double y1) {
  ChartItem *it = chart_line_new(plan, role, series, c, width, dash, 2);
  it->pts[0] = x0;
  it->pts[1] = y0;
  it->pts[2] = x1;
  it->pts[3] = y1;
}

void chart_marker_new(ChartPlan *plan, ChartRole role, int series, ChartMarker m, ChartColor c, double x,
                       double y, double size) {
  ChartItem *it = chart_item_new(plan, CHART_ITEM_MARKER, role, series);
  it->marker = m == CHART_MARKER_NONE ? CHART_MARKER_CIRCLE : m;
  it->x = x;
  it->y = y;
  it->size = size;
  it->fill = c;
  it->has_fill = TRUE;
  it->stroke = (ChartColor){1, 1, 1};
  it->has_stroke = TRUE;
  it->line_width = 0.6;
}

ChartItem *chart_rect_new(ChartPlan *plan, ChartRole role, int series, double x, double y, double w, double h) {
  ChartItem *it = chart_item_new(plan, CHART_ITEM_RECT, role, series);
  it->x = x;
  it->y = y;
  it->w = w;
  it->h = h;
  return it;
}

/* ---- series styling --------------------------------------------------- */

ChartColor chart_series_color(const Planner *p, int s) {
  int k = p->slot[s] % CHART_STYLE_SLOTS;
  return p->spec->series[s].reference ? p->st->reference_color[k] : p->st->series_color[k];
}
ChartDash chart_series_dash(const Planner *p, int s) {
  int k = p->slot[s] % CHART_STYLE_SLOTS;
  return p->spec->series[s].reference ? p->st->reference_dash[k] : p->st->series_dash[k];
}
ChartMarker chart_series_marker(const Planner *p, int s) {
  return p->spec->series[s].reference ? CHART_MARKER_NONE : p->st->series_marker[p->slot[s] % CHART_STYLE_SLOTS];
}
ChartHatch chart_series_hatch(const Planner *p, int s) {
  return p->st->series_hatch[p->slot[s] % CHART_STYLE_SLOTS];
}

ChartColor chart_standard_color(const Planner *p, int k) {
  int s = p->spec->standards[k].series;
  return s >= 0 && p->n_data_series > 1 ? chart_series_color(p, s) : p->st->min_standard_color;
}

ChartDash chart_standard_dash(const Planner *p, int k) {
  return p->spec->standards[k].maximum ? p->st->max_standard_dash : p->st->min_standard_dash;
}

int chart_finite_count(const ChartSeries *s, int n) {
  int c = 0;
  for (int i = 0; i < n; i++) c += isfinite(s->values[i]);
  return c;
}

int chart_last_finite(const ChartSeries *s, int n) {
  for (int i = n - 1; i >= 0; i--)
    if (isfinite(s->values[i])) return i;
  return -1;
}


/* ---- no data ---------------------------------------------------------- */

void chart_plan_message(Planner *p, const char *msg) {
  ChartPlan *plan = p->plan;
  plan->no_data = TRUE;
  plan->plot = (ChartRect){0, 0, plan->width, plan->height};
  ChartItem *frame = chart_rect_new(plan, CHART_ROLE_AXIS, -1, 0.5, 0.5, plan->width - 1, plan->height - 1);
  frame->stroke = p->st->grid_color;
  frame->has_stroke = TRUE;
  frame->line_width = p->st->grid_line_width * 2;
  if (plan->width < 2 || plan->height < 2) {
    g_ptr_array_set_size(plan->items, 0);
    return;
  }
  ChartItem *t = chart_text_detached(p, CHART_ROLE_MESSAGE, -1, p->msg_font, msg, p->st->background_note_color);
  ChartForm f = chart_layout_form(t->layout);
  f.width = (int)(fmax(plan->width - 8, 1) * PANGO_SCALE);
  f.align = PANGO_ALIGN_CENTER;
  t->layout = chart_layout_reform(t->layout, &f);
  chart_text_place(t, plan->width / 2, plan->height / 2, 0.5, 0.5, 0);
  if (chart_text_fits(plan, t)) {
    g_ptr_array_add(plan->items, t);
  } else {
    /* Too small for the sentence: try a dash, else leave the frame. */
    chart_item_free(t);
    t = chart_text_detached(p, CHART_ROLE_MESSAGE, -1, p->msg_font, "\u2013", p->st->background_note_color);
    chart_text_place(t, plan->width / 2, plan->height / 2, 0.5, 0.5, 0);
    if (chart_text_fits(plan, t))
      g_ptr_array_add(plan->items, t);
    else
      chart_item_free(t);
  }
}

/* ---- polylines with gaps and decimation ------------------------------- */

/* Emit the finite runs of (xs, ys) as polylines; runs denser than two points
 * per pt are reduced to first/min/max/last per half-point column. A run
 * also ends before a point where the series' figure starts again (a
 * year-to-date count's April): March's 81 joined to April's 5 would read
 * as a fall. */
void chart_emit_runs(Planner *p, ChartRole role, int series, const double *xs, const double *ys, int n,
                      ChartColor c, double width, ChartDash dash, gboolean clip) {
  const ChartSeries *se = series >= 0 && series < p->spec->n_series ? &p->spec->series[series] : NULL;
  int i = 0;
  while (i < n) {
    while (i < n && !(isfinite(xs[i]) && isfinite(ys[i]))) i++;
    int start = i;
    while (i < n && isfinite(xs[i]) && isfinite(ys[i]) && (i == start || !se || !chart_point_restarts(se, i))) i++;
    int len = i - start;
    if (len < 2) continue; /* single points are shown by their marker */
    double span = fabs(xs[i - 1] - xs[start]);
    GArray *out = g_array_sized_new(FALSE, FALSE, sizeof(double), 2 * (guint)MIN(len, 4096));
    if (len <= 2 * span + 8) {
      g_array_append_vals(out, xs + start, 0);
      for (int j = start; j < i; j++) {
        g_array_append_val(out, xs[j]);
        g_array_append_val(out, ys[j]);
      }
    } else {
      int j = start;
      while (j < i) {
        long col = lround(floor(xs[j] * 2));
        int first = j, mn = j, mx = j, last = j;
        while (j < i && lround(floor(xs[j] * 2)) == col) {
          if (ys[j] < ys[mn]) mn = j;
          if (ys[j] > ys[mx]) mx = j;
          last = j;
          j++;
        }
        int keep[4] = {first, MIN(mn, mx), MAX(mn, mx), last};
        int prev = -1;
        for (int k = 0; k < 4; k++) {
          if (keep[k] == prev) continue;
          prev = keep[k];
          g_array_append_val(out, xs[keep[k]]);
          g_array_append_val(out, ys[keep[k]]);
        }
      }
    }
    ChartItem *it = chart_line_new(p->plan, role, series, c, width, dash, (int)out->len / 2);
    memcpy(it->pts, out->data, out->len * sizeof(double));
    it->clip_to_plot = clip;
    g_array_free(out, TRUE);
  }
}


void chart_plan_free(ChartPlan *plan) {
  if (!plan) return;
  g_ptr_array_free(plan->items, TRUE);
  g_free(plan);
}

int chart_plan_count(const ChartPlan *plan, ChartItemKind kind, int role) {
  int c = 0;
  for (guint i = 0; i < plan->items->len; i++) {
    const ChartItem *it = g_ptr_array_index(plan->items, i);
    if (it->kind == kind && (role < 0 || (int)it->role == role)) c++;
  }
  return c;
}

static const char *role_name(ChartRole r) {
  static const char *names[] = {"grid",   "axis",     "tick",    "series",  "reference", "min-standard",
                                "bar",    "leader",   "legend-sample", "x-label", "y-label", "unit-label",
                                "value-label", "legend-label", "message"};
  return (unsigned)r < G_N_ELEMENTS(names) ? names[r] : "?";
}

int chart_plan_check(const ChartPlan *plan, GString *why) {
  int problems = 0;
  const double eps = 0.01;
  for (guint i = 0; i < plan->items->len; i++) {
    const ChartItem *a = g_ptr_array_index(plan->items, i);
    gboolean bad = !isfinite(a->x) || !isfinite(a->y) || !isfinite(a->w) || !isfinite(a->h);
    for (int k = 0; k < 2 * a->n_pts; k++) bad |= !isfinite(a->pts[k]);
    if (bad) {
      problems++;
      if (why) g_string_append_printf(why, "item %u (%s) has a non-finite coordinate\n", i, role_name(a->role));
    }
    if (a->kind != CHART_ITEM_TEXT) continue;
    double x0, y0, x1, y1;
    chart_quad_bounds(&a->logical, &x0, &y0, &x1, &y1);
    if (x0 < -eps || y0 < -eps || x1 > plan->width + eps || y1 > plan->height + eps) {
      problems++;
      if (why)
        g_string_append_printf(why, "%s \"%s\" [%.2f,%.2f]-[%.2f,%.2f] is outside the %.2f x %.2f box\n",
                               role_name(a->role), a->text, x0, y0, x1, y1, plan->width, plan->height);
    }
    for (guint j = i + 1; j < plan->items->len; j++) {
      const ChartItem *b = g_ptr_array_index(plan->items, j);
      if (b->kind != CHART_ITEM_TEXT) continue;
      if (chart_quads_overlap(&a->logical, &b->logical, eps)) {
        problems++;
        if (why)
          g_string_append_printf(why, "%s \"%s\" overlaps %s \"%s\"\n", role_name(a->role), a->text,
                                 role_name(b->role), b->text);
      }
    }
  }
  return problems;
}

/* v to 0.01 with '.', never "-0.00": the same on every platform and locale. */
static const char *dump_num(char *buf, double v) {
  g_ascii_formatd(buf, G_ASCII_DTOSTR_BUF_SIZE, "%.2f", v);
  if (strcmp(buf, "-0.00") == 0) memmove(buf, buf + 1, strlen(buf));
  return buf;
}

/* " stroke=#rrggbb/W dash3 fill=#rrggbb hatch1 clip": how an item is
 * painted, so that the dump describes the drawing, not only its places. */
static void paint_dump(GString *s, const ChartItem *it) {
  char w[G_ASCII_DTOSTR_BUF_SIZE];
#define HEX(c) (unsigned)lround(CLAMP((c).r, 0, 1) * 255), (unsigned)lround(CLAMP((c).g, 0, 1) * 255), \
               (unsigned)lround(CLAMP((c).b, 0, 1) * 255)
  if (it->has_stroke)
    g_string_append_printf(s, " stroke=#%02x%02x%02x/%s", HEX(it->stroke),
                           dump_num(w, it->line_width));
  if (it->has_fill) g_string_append_printf(s, " fill=#%02x%02x%02x", HEX(it->fill));
#undef HEX
  if (it->kind == CHART_ITEM_RECT && it->hatch != CHART_HATCH_NONE) g_string_append_printf(s, " hatch%d", it->hatch);
  if (it->clip_to_plot) g_string_append(s, " clip");
}

char *chart_plan_dump(const ChartPlan *plan) {
  GString *s = g_string_new(NULL);
  char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE], c[G_ASCII_DTOSTR_BUF_SIZE], d[G_ASCII_DTOSTR_BUF_SIZE];
#define F(buf, v) dump_num(buf, (v))
  g_string_append_printf(s, "chart %s %s%s\n", F(a, plan->width), F(b, plan->height), plan->no_data ? " no-data" : "");
  g_string_append_printf(s, "plot %s %s %s %s\n", F(a, plan->plot.x), F(b, plan->plot.y), F(c, plan->plot.w),
                         F(d, plan->plot.h));
  g_string_append_printf(s, "axis y=%s..%s ticks=%d x-labels=%d every=%d angle=%s\n", F(a, plan->y_lo), F(b, plan->y_hi),
                         plan->n_ticks, plan->x_labels_shown, plan->x_label_step, F(c, plan->x_label_angle));
  for (guint i = 0; i < plan->items->len; i++) {
    const ChartItem *it = g_ptr_array_index(plan->items, i);
    switch (it->kind) {
    case CHART_ITEM_POLYLINE:
      g_string_append_printf(s, "line %s s%d dash%d n=%d", role_name(it->role), it->series, it->dash, it->n_pts);
      for (int k = 0; k < it->n_pts; k++)
        g_string_append_printf(s, " %s,%s", F(a, it->pts[2 * k]), F(b, it->pts[2 * k + 1]));
      break;
    case CHART_ITEM_MARKER:
      g_string_append_printf(s, "marker %s s%d shape%d %s,%s size=%s", role_name(it->role), it->series, it->marker,
                             F(a, it->x), F(b, it->y), F(c, it->size));
      break;
    case CHART_ITEM_RECT:
      g_string_append_printf(s, "rect %s s%d %s %s %s %s", role_name(it->role), it->series, F(a, it->x),
                             F(b, it->y), F(c, it->w), F(d, it->h));
      break;
    case CHART_ITEM_TEXT: {
      double x0, y0, x1, y1;
      chart_quad_bounds(&it->logical, &x0, &y0, &x1, &y1);
      g_string_append_printf(s, "text %s s%d [%s,%s]-[%s,%s] ", role_name(it->role), it->series, F(a, x0),
                             F(b, y0), F(c, x1), F(d, y1));
      g_string_append_printf(s, "angle=%s \"%s\"", F(a, it->angle * 180 / G_PI), it->text);
      break;
    }
    }
    paint_dump(s, it);
    g_string_append_c(s, '\n');
  }
#undef F
  return g_string_free(s, FALSE);
}

