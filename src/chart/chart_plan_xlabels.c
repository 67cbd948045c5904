/* chart_plan_xlabels — the category labels under a line or column chart.
 *
 * One label per category slot, chosen in this order:
 *   - category labels (bars: every bar needs its name) wrap to the slot
 *     when no word overflows it and they take at most three lines;
 *   - period labels stay upright, thinned to every k-th when they do not
 *     fit; the thinning is anchored on the latest period, and the first is
 *     added back when it has room and stands more than half a step before
 *     the next shown ("Oct-24 Nov-24 · Jan-25" reads as bunched);
 *   - otherwise labels rotate 45 degrees, or 90 when 45 would show fewer
 *     than five (rotated category labels wrap to two lines, then get an
 *     ellipsis); upright thinned labels win when rotating shows no more.
 * Layouts are made and measured lazily: a 10,000-period chart measures only
 * the labels the choice looks at.
 */
#include "chart_internal.h"

#include <string.h>

void chart_xlabels_init(XLabels *xl, Planner *p, int n, gboolean categorical, double lh) {
  *xl = (XLabels){.p = p, .n = n, .categorical = categorical, .lh = lh};
  xl->layouts = g_new0(PangoLayout *, n);
  xl->w = g_new(double, n);
  for (int i = 0; i < n; i++) xl->w[i] = -1;
  xl->shown = g_new0(gboolean, n);
}

void chart_xlabels_clear(XLabels *xl) {
  for (int i = 0; i < xl->n; i++)
    if (xl->layouts[i]) g_object_unref(xl->layouts[i]);
  g_free(xl->layouts);
  g_free(xl->w);
  g_free(xl->shown);
}

static PangoLayout *xl_layout(XLabels *xl, int i) {
  if (!xl->layouts[i]) {
    const char *t = xl->p->spec->categories ? xl->p->spec->categories[i] : "";
    PangoLayout *l = chart_layout_new(xl->p, xl->p->tick_font, t ? t : "");
    ChartForm f = chart_layout_form(l);
    f.align = PANGO_ALIGN_CENTER;
    xl->layouts[i] = chart_layout_reform(l, &f);
  }
  return xl->layouts[i];
}

static double xl_width(XLabels *xl, int i) {
  if (xl->w[i] < 0) chart_layout_size(xl_layout(xl, i), &xl->w[i], NULL);
  return xl->w[i];
}

/* Label i in `form` (layouts are shared: chart_layout_reform). */
static PangoLayout *xl_reform(XLabels *xl, int i, const ChartForm *form) {
  xl->layouts[i] = chart_layout_reform(xl_layout(xl, i), form);
  return xl->layouts[i];
}

static void xl_reset(XLabels *xl, int i) {
  ChartForm f = chart_layout_form(xl_layout(xl, i));
  f.width = -1;
  f.height = -1;
  f.ellipsize = PANGO_ELLIPSIZE_NONE;
  xl_reform(xl, i, &f);
  xl->w[i] = -1;
}

static void xl_set_wrap(XLabels *xl, double wrap) {
  for (int i = 0; i < xl->n; i++) {
    xl_reset(xl, i);
    ChartForm f = chart_layout_form(xl_layout(xl, i));
    f.width = wrap > 0 ? (int)(wrap * PANGO_SCALE) : -1;
    f.wrap = PANGO_WRAP_WORD;
    xl_reform(xl, i, &f);
  }
  xl->wrap = wrap;
}

/* Rotated category labels longer than `len` go on two lines, then get an
 * ellipsis; returns the thickest label (its logical height). Periods are
 * short and may be many: they are left alone. */
static double xl_limit(XLabels *xl, double len) {
  double thick = xl->lh;
  if (!xl->categorical) return thick;
  for (int i = 0; i < xl->n; i++) {
    xl_reset(xl, i);
    PangoLayout *l = xl_layout(xl, i);
    double w, h;
    chart_layout_size(l, &w, NULL);
    if (w > len) {
      ChartForm f = chart_layout_form(l);
      f.width = (int)(fmax(len, 10) * PANGO_SCALE);
      f.wrap = PANGO_WRAP_WORD;
      f.height = -2;
      f.ellipsize = PANGO_ELLIPSIZE_END;
      l = xl_reform(xl, i, &f);
      xl->w[i] = -1;
    }
    chart_layout_size(l, NULL, &h);
    thick = fmax(thick, h);
  }
  return thick;
}

/* Shown set for step k, anchored on the last label; returns its size. */
static int xl_pick(XLabels *xl, int k, gboolean *shown) {
  memset(shown, 0, sizeof(gboolean) * (size_t)xl->n);
  int count = 0;
  for (int i = xl->n - 1; i >= 0; i -= k) {
    shown[i] = TRUE;
    count++;
  }
  return count;
}

/* Upright labels: do neighbours in the shown set keep GAP apart, with the
 * ends held inside [left, right]? */
static gboolean xl_upright_ok(XLabels *xl, const gboolean *shown, double px, double slot, double left,
                              double right) {
  double prev_r = -INFINITY;
  for (int i = 0; i < xl->n; i++) {
    if (!shown[i]) continue;
    double w = xl_width(xl, i), cx = px + (i + 0.5) * slot;
    double l = cx - w / 2, r = cx + w / 2;
    if (l < left) {
      r += left - l;
      l = left;
    }
    if (r > right) {
      l -= r - right;
      r = right;
    }
    if (l < prev_r + GAP) return FALSE;
    prev_r = r;
  }
  return TRUE;
}

static void xl_add_first(XLabels *xl, gboolean *shown, int *count, int step, double px, double slot, double left,
                         double right) {
  if (shown[0]) return;
  int next = 1;
  while (next < xl->n && !shown[next]) next++;
  if (2 * next <= step) return; /* too near the next: bunched, not evenly spaced */
  shown[0] = TRUE;
  if (xl->angle == 0 ? xl_upright_ok(xl, shown, px, slot, left, right) : TRUE) {
    (*count)++;
    return;
  }
  shown[0] = FALSE;
}

/* Rotated labels need their perpendicular spacing to exceed a line height. */
static int xl_rot_step(XLabels *xl, double slot, double angle, double thick) {
  double perp = slot * fabs(sin(angle));
  int k = (int)ceil((thick + GAP * 0.5) / fmax(perp, 1e-6));
  return k < 1 ? 1 : (k > xl->n ? xl->n : k);
}

/* Rotated: the first label is added back when it keeps clear of the next. */
static void xl_rot_first(XLabels *xl, gboolean *shown, int *count, double slot, double angle, double thick) {
  if (shown[0]) return;
  int next = -1;
  for (int i = 1; i < xl->n; i++)
    if (shown[i]) {
      next = i;
      break;
    }
  if (next < 0 || next * slot * fabs(sin(angle)) >= thick + GAP * 0.5) {
    shown[0] = TRUE;
    (*count)++;
  }
}

static void xl_commit(XLabels *xl, const gboolean *shown, int step, int n_shown, double height) {
  memcpy(xl->shown, shown, sizeof(gboolean) * (size_t)xl->n);
  xl->step = step;
  xl->n_shown = n_shown;
  xl->height = height;
}

/* Category labels wrapped to the slot: fine if no word overflows and at
 * most 3 lines. */
static gboolean xl_try_wrapped(XLabels *xl, double slot) {
  xl_set_wrap(xl, fmax(slot - 2, 1));
  double hmax = 0;
  for (int i = 0; i < xl->n; i++) {
    double w, h;
    chart_layout_size(xl_layout(xl, i), &w, &h);
    if (w > slot - 2 + 0.01 || pango_layout_get_line_count(xl_layout(xl, i)) > 3) return FALSE;
    hmax = fmax(hmax, h);
  }
  for (int i = 0; i < xl->n; i++) xl->shown[i] = TRUE;
  xl->n_shown = xl->n;
  xl->height = hmax;
  return TRUE;
}

/* Upright period labels: the smallest step whose labels keep apart (0 if
 * none), its shown set in `shown` and its size in `count`. */
static int xl_upright_step(XLabels *xl, gboolean *shown, double px, double slot, double right, int *count) {
  int n = xl->n, best_k = 0;
  /* Lower bound on k from the narrowest possible label pair. */
  int k0 = 1;
  if (n > 64) {
    double w_last = xl_width(xl, n - 1);
    k0 = MAX(1, (int)floor((w_last + GAP) / slot) - 1);
  }
  for (int k = k0; k <= n; k = k < 8 ? k + 1 : k + MAX(1, k / 8)) {
    xl_pick(xl, k, shown);
    if (xl_upright_ok(xl, shown, px, slot, px, right)) {
      best_k = k;
      break;
    }
  }
  /* A step up to a third larger that lands on both the first and the
   * last label is worth the few labels it costs. */
  for (int k = best_k; best_k > 1 && k <= best_k + best_k / 3 && k < n; k++) {
    if ((n - 1) % k != 0) continue;
    xl_pick(xl, k, shown);
    if (xl_upright_ok(xl, shown, px, slot, px, right)) {
      best_k = k;
      break;
    }
  }
  if (best_k > 0) {
    *count = xl_pick(xl, best_k, shown);
    xl_add_first(xl, shown, count, best_k, px, slot, px, right);
  }
  return best_k;
}

/* How tall the shown rotated labels stand. */
static double xl_rotated_height(XLabels *xl, const gboolean *shown, double sa, double ca, double thick) {
  double h = 0;
  for (int i = 0; i < xl->n; i++)
    if (shown[i]) h = fmax(h, xl_width(xl, i) * sa + thick * ca);
  return h;
}

/* Rotated: 45 degrees if enough survive and the labels are not too tall,
 * else 90. FALSE when that shows no more than the `upright` labels thinned
 * upright would (-1: there are none). */
static gboolean xl_try_rotated(XLabels *xl, gboolean *shown, double slot, double max_h, int upright) {
  static const double angles[2] = {-G_PI / 4, -G_PI / 2};
  const int enough = MIN(xl->n, 5);
  for (int a = 0; a < 2; a++) {
    double sa = fabs(sin(angles[a])), ca = fabs(cos(angles[a]));
    double thick = xl_limit(xl, (max_h - 2 * xl->lh * ca) / sa);
    int k = xl_rot_step(xl, slot, angles[a], thick);
    if (xl->categorical && k > 1 && a == 0) continue;
    int c = xl_pick(xl, k, shown);
    xl->angle = angles[a];
    xl_rot_first(xl, shown, &c, slot, angles[a], thick);
    xl->thick = thick;
    double h = xl_rotated_height(xl, shown, sa, ca, thick);
    gboolean last_resort = a == 1;
    if ((c >= enough || last_resort) && (h <= max_h || last_resort)) {
      if (upright >= 0 && c <= upright) return FALSE;
      xl->overflow = h > max_h + 0.01;
      xl_commit(xl, shown, k, c, fmin(h, max_h));
      return TRUE;
    }
  }
  return FALSE; /* not reached: 90 degrees is the last resort */
}

void chart_xlabels_decide(XLabels *xl, double px, double plot_w, double right, double max_h) {
  int n = xl->n;
  double slot = plot_w / n;
  xl->angle = 0;
  xl->step = 1;
  xl->overflow = FALSE;
  if (xl->categorical && xl_try_wrapped(xl, slot)) return;
  if (xl->categorical) xl_set_wrap(xl, 0);
  gboolean *tmp = g_new0(gboolean, n);
  int best_count = 0;
  int best_k = xl->categorical ? 0 : xl_upright_step(xl, tmp, px, slot, right, &best_count);
  if (best_k > 0 && (best_count >= MIN(n, 5) || best_k == 1)) {
    xl_commit(xl, tmp, best_k, best_count, xl->lh);
  } else if (!xl_try_rotated(xl, tmp, slot, max_h, best_k > 0 ? best_count : -1)) {
    /* Upright thinned after all (best_k > 0 here). */
    xl->angle = 0;
    xl_pick(xl, best_k, tmp);
    xl_add_first(xl, tmp, &best_count, best_k, px, slot, px, right);
    int shown = 0;
    for (int i = 0; i < n; i++) shown += tmp[i];
    xl_commit(xl, tmp, best_k, shown, xl->lh);
  }
  g_free(tmp);
}

double chart_xlabels_left_need(XLabels *xl, double px, double slot) {
  if (xl->angle == 0) return 0;
  double need = 0;
  for (int i = 0; i < xl->n; i++) {
    if (!xl->shown[i]) continue;
    double reach = xl_width(xl, i) * fabs(cos(xl->angle)) + xl->thick * fabs(sin(xl->angle)) / 2;
    double cx = px + (i + 0.5) * slot;
    need = fmax(need, px - (cx - reach));
    if (cx - px > 400) break; /* nothing that far right reaches back */
  }
  return need;
}

double chart_xlabels_right_need(XLabels *xl, double px, double slot, double right) {
  if (xl->angle == 0) return 0;
  for (int i = xl->n; i-- > 0;) {
    if (!xl->shown[i]) continue;
    double lift = xl->thick * fabs(cos(xl->angle)) / 2;
    double reach = px + (i + 0.5) * slot + lift * 0.5 + xl->thick * fabs(sin(xl->angle)) / 2;
    return fmax(0, reach - right);
  }
  return 0;
}

void chart_xlabels_emit(XLabels *xl, double px, double slot, double top, double right, gboolean ticks) {
  Planner *p = xl->p;
  for (int i = 0; i < xl->n; i++) {
    if (!xl->shown[i] || !*pango_layout_get_text(xl_layout(xl, i))) continue;
    double cx = px + (i + 0.5) * slot;
    if (ticks)
      chart_segment(p->plan, CHART_ROLE_TICK, -1, p->st->axis_color, p->st->axis_line_width, CHART_DASH_SOLID, cx,
              top - TICK_LEN - 1, cx, top - 1);
    ChartItem *t = chart_item_new(p->plan, CHART_ITEM_TEXT, CHART_ROLE_X_LABEL, -1);
    t->layout = g_object_ref(xl_layout(xl, i));
    t->text = g_strdup(pango_layout_get_text(t->layout));
    t->fill = p->st->text_color;
    t->has_fill = TRUE;
    if (xl->angle == 0) {
      chart_text_place(t, cx, top, 0.5, 0, 0);
      double x0, y0, x1, y1;
      chart_quad_bounds(&t->logical, &x0, &y0, &x1, &y1);
      if (x0 < px) chart_text_shift(t, px - x0, 0);
      else if (x1 > right) chart_text_shift(t, right - x1, 0);
    } else {
      double lift = xl->thick * fabs(cos(xl->angle)) / 2;
      chart_text_place(t, cx + lift * 0.5, top + lift, 1, 0.5, xl->angle);
    }
  }
}
