/* chart_svg — draw a ChartPlan as inline SVG; no measuring, no decisions.
 *
 * The SVG twin of chart_draw: the same items in the same order, painted
 * the same way (colours, widths, dashes, hatches, clipping to the plot),
 * in the plan's coordinates (points, y down) as the viewBox. Text stays
 * text: each line of an item's layout becomes a <text> at the baseline
 * Pango measured, with the family, size and weight the plan chose, so a
 * browser can read it, select it and zoom it. Numbers are written with
 * g_ascii_formatd: the same bytes whatever the locale.
 */
#include "base/xmlout.h"
#include "chart.h"

#include <string.h>

static void num(GString *out, double v) {
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  if (fabs(v) < 0.005) v = 0; /* never "-0" */
  g_ascii_formatd(buf, sizeof buf, "%.2f", v);
  /* "12.50" -> "12.5", "12.00" -> "12": shorter, still exact to 0.01 */
  char *end = buf + strlen(buf);
  if (strchr(buf, '.')) {
    while (end[-1] == '0') *--end = '\0';
    if (end[-1] == '.') *--end = '\0';
  }
  g_string_append(out, buf);
}

static void colour(GString *out, const char *attr, ChartColor c) {
  g_string_append_printf(out, " %s=\"#%02x%02x%02x\"", attr, (int)lround(CLAMP(c.r, 0, 1) * 255),
                         (int)lround(CLAMP(c.g, 0, 1) * 255), (int)lround(CLAMP(c.b, 0, 1) * 255));
}

/* The dash pattern chart_draw's set_dash uses, as SVG attributes. */
static void dash(GString *out, ChartDash d, double w) {
  double u = w < 0.8 ? 0.8 : w;
  double p[6];
  int n = 0;
  gboolean round = FALSE;
  switch (d) {
  case CHART_DASH_DASHED: p[0] = 4.5 * u, p[1] = 2.5 * u, n = 2; break;
  case CHART_DASH_DOTTED: p[0] = 0, p[1] = 2.2 * u, n = 2, round = TRUE; break;
  case CHART_DASH_DASHDOT: p[0] = 7 * u, p[1] = 2.2 * u, p[2] = 0.01, p[3] = 2.2 * u, n = 4, round = TRUE; break;
  case CHART_DASH_LONG: p[0] = 8 * u, p[1] = 3 * u, n = 2; break;
  case CHART_DASH_SHORT: p[0] = 2 * u, p[1] = 1.8 * u, n = 2; break;
  case CHART_DASH_DASHDOTDOT:
    p[0] = 3.5 * u, p[1] = p[3] = p[5] = 2.2 * u, p[2] = p[4] = 0.01, n = 6, round = TRUE;
    break;
  default: return;
  }
  g_string_append(out, " stroke-dasharray=\"");
  for (int i = 0; i < n; i++) {
    if (i) g_string_append_c(out, ' ');
    num(out, p[i]);
  }
  g_string_append(out, round ? "\" stroke-linecap=\"round\"" : "\"");
}

static void point(GString *out, double x, double y) {
  num(out, x);
  g_string_append_c(out, ',');
  num(out, y);
}

static void polyline_svg(GString *out, const char *id, const ChartItem *it) {
  if (it->n_pts < 2) return;
  g_string_append(out, "<polyline fill=\"none\" stroke-linejoin=\"round\" points=\"");
  for (int k = 0; k < it->n_pts; k++) {
    if (k) g_string_append_c(out, ' ');
    point(out, it->pts[2 * k], it->pts[2 * k + 1]);
  }
  g_string_append_c(out, '"');
  colour(out, "stroke", it->stroke);
  g_string_append(out, " stroke-width=\"");
  num(out, it->line_width);
  g_string_append_c(out, '"');
  dash(out, it->dash, it->line_width);
  if (it->clip_to_plot) g_string_append_printf(out, " clip-path=\"url(#%s-plot)\"", id);
  g_string_append(out, "/>\n");
}

/* Corners of chart_draw's marker_path shapes; the circle is a <circle>. */
static int marker_points(ChartMarker m, double x, double y, double s, double *p) {
  double r = s / 2;
  int n = 0;
#define PT(px, py) (p[2 * n] = (px), p[2 * n + 1] = (py), n++)
  switch (m) {
  case CHART_MARKER_SQUARE:
    r *= 0.9;
    PT(x - r, y - r), PT(x + r, y - r), PT(x + r, y + r), PT(x - r, y + r);
    break;
  case CHART_MARKER_TRIANGLE:
    r *= 1.2;
    PT(x, y - r), PT(x + r * 0.866, y + r * 0.5), PT(x - r * 0.866, y + r * 0.5);
    break;
  case CHART_MARKER_TRIANGLE_DOWN:
    r *= 1.2;
    PT(x, y + r), PT(x + r * 0.866, y - r * 0.5), PT(x - r * 0.866, y - r * 0.5);
    break;
  case CHART_MARKER_DIAMOND:
    r *= 1.2;
    PT(x, y - r), PT(x + r, y), PT(x, y + r), PT(x - r, y);
    break;
  case CHART_MARKER_PLUS: {
    double a = r * 1.1, t = r * 0.32;
    PT(x - t, y - a), PT(x + t, y - a), PT(x + t, y - t), PT(x + a, y - t), PT(x + a, y + t), PT(x + t, y + t);
    PT(x + t, y + a), PT(x - t, y + a), PT(x - t, y + t), PT(x - a, y + t), PT(x - a, y - t), PT(x - t, y - t);
    break;
  }
  default: break;
  }
#undef PT
  return n;
}

/* chart_draw's filled X: two bars, each a parallelogram. */
static void cross_svg(GString *out, double x, double y, double s) {
  double a = s / 2, t = a * 0.35;
  g_string_append(out, "<path d=\"");
  for (int q = 0; q < 2; q++) {
    double sx = q ? -1 : 1;
    g_string_append(out, q ? " M" : "M");
    point(out, x - sx * (a - t), y - a);
    g_string_append(out, " L");
    point(out, x + sx * a, y + a - t);
    g_string_append(out, " L");
    point(out, x + sx * (a - t), y + a);
    g_string_append(out, " L");
    point(out, x - sx * a, y - a + t);
    g_string_append(out, " Z");
  }
  g_string_append_c(out, '"');
}

static void marker_svg(GString *out, const ChartItem *it) {
  double p[24];
  int n = marker_points(it->marker, it->x, it->y, it->size, p);
  if (it->marker == CHART_MARKER_CROSS) {
    cross_svg(out, it->x, it->y, it->size);
  } else if (n == 0) {
    g_string_append(out, "<circle cx=\"");
    num(out, it->x);
    g_string_append(out, "\" cy=\"");
    num(out, it->y);
    g_string_append(out, "\" r=\"");
    num(out, it->size / 2);
    g_string_append_c(out, '"');
  } else {
    g_string_append(out, "<polygon points=\"");
    for (int k = 0; k < n; k++) {
      if (k) g_string_append_c(out, ' ');
      point(out, p[2 * k], p[2 * k + 1]);
    }
    g_string_append_c(out, '"');
  }
  colour(out, "fill", it->fill);
  if (it->has_stroke) {
    /* chart_draw's halo: a stroke twice the width, under the fill */
    colour(out, "stroke", it->stroke);
    g_string_append(out, " stroke-width=\"");
    num(out, it->line_width * 2);
    g_string_append(out, "\" style=\"paint-order:stroke\"");
  }
  g_string_append(out, "/>\n");
}

static void rect_attrs(GString *out, const ChartItem *it) {
  g_string_append(out, " x=\"");
  num(out, it->x);
  g_string_append(out, "\" y=\"");
  num(out, it->y);
  g_string_append(out, "\" width=\"");
  num(out, it->w);
  g_string_append(out, "\" height=\"");
  num(out, it->h);
  g_string_append_c(out, '"');
}

static const char *hatch_name(ChartHatch h) {
  return h == CHART_HATCH_DIAGONAL ? "diag" : h == CHART_HATCH_CROSS ? "cross" : "horiz";
}

static void rect_svg(GString *out, const char *id, const ChartItem *it) {
  if (it->w <= 0 || it->h < 0) return;
  if (it->has_fill) {
    g_string_append(out, "<rect");
    rect_attrs(out, it);
    colour(out, "fill", it->fill);
    g_string_append(out, "/>\n");
  }
  if (it->hatch != CHART_HATCH_NONE && it->h > 0) {
    g_string_append(out, "<rect");
    rect_attrs(out, it);
    g_string_append_printf(out, " fill=\"url(#%s-%s)\"/>\n", id, hatch_name(it->hatch));
  }
  if (it->has_stroke && it->line_width > 0) {
    g_string_append(out, "<rect fill=\"none\"");
    rect_attrs(out, it);
    colour(out, "stroke", it->stroke);
    g_string_append(out, " stroke-width=\"");
    num(out, it->line_width);
    g_string_append(out, "\"/>\n");
  }
}

/* One <text> per line of the layout, at the baseline Pango placed it on. */
static void text_svg(GString *out, const ChartItem *it) {
  if (!it->layout) return;
  const PangoFontDescription *fd = pango_layout_get_font_description(it->layout);
  double size = fd ? pango_font_description_get_size(fd) / (double)PANGO_SCALE : 8;
  gboolean bold = fd && pango_font_description_get_weight(fd) >= PANGO_WEIGHT_BOLD;
  const char *text = pango_layout_get_text(it->layout);
  g_string_append(out, "<g transform=\"translate(");
  point(out, it->x, it->y);
  if (it->angle != 0) {
    g_string_append(out, ") rotate(");
    num(out, it->angle * 180 / G_PI);
  }
  g_string_append(out, ")\" font-size=\"");
  num(out, size);
  g_string_append_c(out, '"');
  if (bold) g_string_append(out, " font-weight=\"bold\"");
  colour(out, "fill", it->fill);
  g_string_append(out, ">");
  PangoLayoutIter *iter = pango_layout_get_iter(it->layout);
  do {
    PangoLayoutLine *line = pango_layout_iter_get_line_readonly(iter);
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(iter, NULL, &logical);
    if (line->length <= 0) continue;
    g_string_append(out, "<text x=\"");
    num(out, logical.x / (double)PANGO_SCALE);
    g_string_append(out, "\" y=\"");
    num(out, pango_layout_iter_get_baseline(iter) / (double)PANGO_SCALE);
    g_string_append(out, "\">");
    xml_escape_len(out, text + line->start_index, (gsize)line->length);
    g_string_append(out, "</text>");
  } while (pango_layout_iter_next_line(iter));
  pango_layout_iter_free(iter);
  g_string_append(out, "</g>\n");
}

/* The plot clip and the three hatches, white lines as chart_draw paints them. */
static void defs_svg(GString *out, const ChartPlan *plan, const char *id) {
  g_string_append_printf(out, "<defs><clipPath id=\"%s-plot\"><rect x=\"", id);
  num(out, plan->plot.x - 1);
  g_string_append(out, "\" y=\"");
  num(out, plan->plot.y - 1);
  g_string_append(out, "\" width=\"");
  num(out, plan->plot.w + 2);
  g_string_append(out, "\" height=\"");
  num(out, plan->plot.h + 2);
  g_string_append(out, "\"/></clipPath>");
  const char *lines[] = {"M-1,4.5 L4.5,-1", "M-1,4.5 L4.5,-1 M-1,-1 L4.5,4.5", "M0,1.75 L3.5,1.75"};
  ChartHatch kinds[] = {CHART_HATCH_DIAGONAL, CHART_HATCH_CROSS, CHART_HATCH_HORIZONTAL};
  for (int i = 0; i < 3; i++)
    g_string_append_printf(out,
                           "<pattern id=\"%s-%s\" width=\"3.5\" height=\"3.5\" patternUnits=\"userSpaceOnUse\">"
                           "<path d=\"%s\" stroke=\"#fff\" stroke-width=\"0.9\"/></pattern>",
                           id, hatch_name(kinds[i]), lines[i]);
  g_string_append(out, "</defs>\n");
}

void chart_svg(GString *out, const ChartPlan *plan, const char *id, const char *title, const char *desc,
               const char *font_family) {
  g_string_append(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 ");
  num(out, plan->width);
  g_string_append_c(out, ' ');
  num(out, plan->height);
  g_string_append(out, "\" width=\"");
  num(out, plan->width * 4 / 3); /* CSS px: 96 a inch, points 72 */
  g_string_append(out, "\" height=\"");
  num(out, plan->height * 4 / 3);
  g_string_append_printf(out, "\" aria-labelledby=\"%s-title\"%s%s%s font-family=\"", id,
                         desc ? " aria-describedby=\"" : "", desc ? id : "", desc ? "-desc\"" : "");
  xml_escape(out, font_family ? font_family : "sans-serif");
  g_string_append_printf(out, ", sans-serif\">\n<title id=\"%s-title\">", id);
  xml_escape(out, title ? title : "");
  g_string_append(out, "</title>\n");
  if (desc) {
    g_string_append_printf(out, "<desc id=\"%s-desc\">", id);
    xml_escape(out, desc);
    g_string_append(out, "</desc>\n");
  }
  defs_svg(out, plan, id);
  for (guint i = 0; i < plan->items->len; i++) {
    const ChartItem *it = g_ptr_array_index(plan->items, i);
    switch (it->kind) {
    case CHART_ITEM_POLYLINE: polyline_svg(out, id, it); break;
    case CHART_ITEM_MARKER: marker_svg(out, it); break;
    case CHART_ITEM_RECT: rect_svg(out, id, it); break;
    case CHART_ITEM_TEXT: text_svg(out, it); break;
    }
  }
  g_string_append(out, "</svg>\n");
}
