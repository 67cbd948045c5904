/* chart_draw — draw a ChartPlan with cairo; no measuring, no decisions.
 *
 * Everything is vector: paths for lines, markers and bars, real text through
 * pango_cairo_show_layout. Clipping uses cairo_clip inside save/restore,
 * never a group (cairo 1.16 loses structure tags drawn inside groups), and
 * nothing here tags: the render stage wraps the whole chart in a Figure.
 */
#include "chart.h"

#include <pango/pangocairo.h>

static void set_color(cairo_t *cr, ChartColor c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

/* Dash lengths scale with the line width so thick and thin lines read alike. */
static void set_dash(cairo_t *cr, ChartDash d, double w) {
  double u = w < 0.8 ? 0.8 : w;
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
  switch (d) {
  case CHART_DASH_DASHED: {
    double p[] = {4.5 * u, 2.5 * u};
    cairo_set_dash(cr, p, 2, 0);
    break;
  }
  case CHART_DASH_DOTTED: {
    double p[] = {0, 2.2 * u};
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_dash(cr, p, 2, 0);
    break;
  }
  case CHART_DASH_DASHDOT: {
    double p[] = {7 * u, 2.2 * u, 0.01, 2.2 * u};
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_dash(cr, p, 4, 0);
    break;
  }
  case CHART_DASH_LONG: {
    double p[] = {8 * u, 3 * u};
    cairo_set_dash(cr, p, 2, 0);
    break;
  }
  case CHART_DASH_SHORT: {
    double p[] = {2 * u, 1.8 * u};
    cairo_set_dash(cr, p, 2, 0);
    break;
  }
  case CHART_DASH_DASHDOTDOT: {
    double p[] = {3.5 * u, 2.2 * u, 0.01, 2.2 * u, 0.01, 2.2 * u};
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_dash(cr, p, 6, 0);
    break;
  }
  default:
    cairo_set_dash(cr, NULL, 0, 0);
  }
}

static void clip_plot(cairo_t *cr, const ChartPlan *plan) {
  cairo_rectangle(cr, plan->plot.x - 1, plan->plot.y - 1, plan->plot.w + 2, plan->plot.h + 2);
  cairo_clip(cr);
}

static void draw_polyline(cairo_t *cr, const ChartPlan *plan, const ChartItem *it) {
  if (it->n_pts < 2) return;
  cairo_save(cr);
  if (it->clip_to_plot) clip_plot(cr, plan);
  cairo_move_to(cr, it->pts[0], it->pts[1]);
  for (int k = 1; k < it->n_pts; k++) cairo_line_to(cr, it->pts[2 * k], it->pts[2 * k + 1]);
  set_color(cr, it->stroke);
  cairo_set_line_width(cr, it->line_width);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  set_dash(cr, it->dash, it->line_width);
  cairo_stroke(cr);
  cairo_restore(cr);
}

static void marker_path(cairo_t *cr, ChartMarker m, double x, double y, double s) {
  double r = s / 2;
  switch (m) {
  case CHART_MARKER_SQUARE:
    r *= 0.9;
    cairo_rectangle(cr, x - r, y - r, 2 * r, 2 * r);
    break;
  case CHART_MARKER_TRIANGLE:
    r *= 1.2;
    cairo_move_to(cr, x, y - r);
    cairo_line_to(cr, x + r * 0.866, y + r * 0.5);
    cairo_line_to(cr, x - r * 0.866, y + r * 0.5);
    cairo_close_path(cr);
    break;
  case CHART_MARKER_TRIANGLE_DOWN:
    r *= 1.2;
    cairo_move_to(cr, x, y + r);
    cairo_line_to(cr, x + r * 0.866, y - r * 0.5);
    cairo_line_to(cr, x - r * 0.866, y - r * 0.5);
    cairo_close_path(cr);
    break;
  case CHART_MARKER_DIAMOND:
    r *= 1.2;
    cairo_move_to(cr, x, y - r);
    cairo_line_to(cr, x + r, y);
    cairo_line_to(cr, x, y + r);
    cairo_line_to(cr, x - r, y);
    cairo_close_path(cr);
    break;
  case CHART_MARKER_CROSS: {
    /* A filled X so that it has an outline like the others. */
    double a = r * 1.0, t = r * 0.35;
    for (int q = 0; q < 2; q++) {
      double sx = q ? -1 : 1;
      cairo_move_to(cr, x - sx * (a - t), y - a);
      cairo_line_to(cr, x + sx * (a), y + a - t);
      cairo_line_to(cr, x + sx * (a - t), y + a);
      cairo_line_to(cr, x - sx * a, y - a + t);
      cairo_close_path(cr);
    }
    break;
  }
  case CHART_MARKER_PLUS: {
    double a = r * 1.1, t = r * 0.32;
    cairo_rectangle(cr, x - a, y - t, 2 * a, 2 * t);
    cairo_rectangle(cr, x - t, y - a, 2 * t, 2 * a);
    break;
  }
  default:
    cairo_new_sub_path(cr);
    cairo_arc(cr, x, y, r, 0, 2 * G_PI);
    cairo_close_path(cr);
  }
}

static void draw_marker(cairo_t *cr, const ChartItem *it) {
  cairo_save(cr);
  cairo_set_dash(cr, NULL, 0, 0);
  cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
  marker_path(cr, it->marker, it->x, it->y, it->size);
  if (it->has_stroke) {
    /* A light halo first, so a marker stays readable over crossing lines. */
    set_color(cr, it->stroke);
    cairo_set_line_width(cr, it->line_width * 2);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    cairo_stroke_preserve(cr);
  }
  set_color(cr, it->fill);
  cairo_fill(cr);
  cairo_restore(cr);
}

static void draw_rect(cairo_t *cr, const ChartItem *it) {
  if (it->w <= 0 || it->h < 0) return;
  cairo_save(cr);
  cairo_set_dash(cr, NULL, 0, 0);
  if (it->has_fill) {
    cairo_rectangle(cr, it->x, it->y, it->w, it->h);
    set_color(cr, it->fill);
    cairo_fill(cr);
  }
  if (it->hatch != CHART_HATCH_NONE && it->h > 0) {
    cairo_save(cr);
    cairo_rectangle(cr, it->x, it->y, it->w, it->h);
    cairo_clip(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_set_line_width(cr, 0.9);
    const double sp = 3.5;
    double span = it->w + it->h;
    if (it->hatch == CHART_HATCH_DIAGONAL || it->hatch == CHART_HATCH_CROSS)
      for (double d = -it->h; d < span; d += sp) {
        cairo_move_to(cr, it->x + d, it->y + it->h);
        cairo_line_to(cr, it->x + d + it->h, it->y);
      }
    if (it->hatch == CHART_HATCH_CROSS)
      for (double d = 0; d < span + it->h; d += sp) {
        cairo_move_to(cr, it->x + d, it->y + it->h);
        cairo_line_to(cr, it->x + d - it->h, it->y);
      }
    if (it->hatch == CHART_HATCH_HORIZONTAL)
      for (double y = it->y + sp / 2; y < it->y + it->h; y += sp) {
        cairo_move_to(cr, it->x, y);
        cairo_line_to(cr, it->x + it->w, y);
      }
    cairo_stroke(cr);
    cairo_restore(cr);
  }
  if (it->has_stroke && it->line_width > 0) {
    cairo_rectangle(cr, it->x, it->y, it->w, it->h);
    set_color(cr, it->stroke);
    cairo_set_line_width(cr, it->line_width);
    cairo_stroke(cr);
  }
  cairo_restore(cr);
}

static void draw_text(cairo_t *cr, const ChartItem *it) {
  if (!it->layout) return;
  cairo_save(cr);
  set_color(cr, it->fill);
  cairo_translate(cr, it->x, it->y);
  if (it->angle != 0) cairo_rotate(cr, it->angle);
  cairo_move_to(cr, 0, 0);
  pango_cairo_show_layout(cr, it->layout);
  cairo_restore(cr);
}

void chart_draw(cairo_t *cr, const ChartPlan *plan) {
  if (!plan) return;
  cairo_save(cr);
  cairo_new_path(cr);
  for (guint i = 0; i < plan->items->len; i++) {
    const ChartItem *it = g_ptr_array_index(plan->items, i);
    switch (it->kind) {
    case CHART_ITEM_POLYLINE: draw_polyline(cr, plan, it); break;
    case CHART_ITEM_MARKER: draw_marker(cr, it); break;
    case CHART_ITEM_RECT: draw_rect(cr, it); break;
    case CHART_ITEM_TEXT: draw_text(cr, it); break;
    }
  }
  cairo_restore(cr);
}
