/* table_columns — see table_columns.h. */
#include "table_columns.h"

static double sum(const double *w, guint n) {
  double s = 0;
  for (guint i = 0; i < n; i++) s += w[i];
  return s;
}

/* Auto columns: max each if it fits in `room`, else min plus an equal
 * share of the slack between min and max. */
static void autos_fit(const ColumnRequest *req, guint n, double room, double *w) {
  double mins = 0, maxs = 0;
  for (guint i = 0; i < n; i++)
    if (req[i].kind == SPEC_COL_AUTO) mins += req[i].min, maxs += req[i].max;
  double factor = maxs <= room ? 1 : maxs > mins && room > mins ? (room - mins) / (maxs - mins) : 0;
  for (guint i = 0; i < n; i++)
    if (req[i].kind == SPEC_COL_AUTO) w[i] = req[i].min + (req[i].max - req[i].min) * factor;
}

static void shares_fill(const ColumnRequest *req, guint n, double room, double *w) {
  double weights = 0;
  for (guint i = 0; i < n; i++)
    if (req[i].kind == SPEC_COL_SHARE) weights += req[i].value;
  for (guint i = 0; i < n; i++)
    if (req[i].kind == SPEC_COL_SHARE) w[i] = MAX(room * req[i].value / weights, req[i].min);
}

/* Proportional columns short of their want take it from the auto
 * columns' room above their min (table_columns.h, rule 3). */
static void shares_want(const ColumnRequest *req, guint n, double table_width, double *w) {
  double short_by = 0, spare = 0;
  for (guint i = 0; i < n; i++) {
    if (req[i].kind == SPEC_COL_SHARE) short_by += MAX(MIN(req[i].want, TABLE_WANT_SHARE * table_width) - w[i], 0);
    if (req[i].kind == SPEC_COL_AUTO) spare += MAX(w[i] - req[i].min, 0);
  }
  double take = MIN(short_by, spare);
  if (take <= 0) return;
  for (guint i = 0; i < n; i++) {
    if (req[i].kind == SPEC_COL_SHARE)
      w[i] += MAX(MIN(req[i].want, TABLE_WANT_SHARE * table_width) - w[i], 0) * take / short_by;
    if (req[i].kind == SPEC_COL_AUTO) w[i] -= MAX(w[i] - req[i].min, 0) * take / spare;
  }
}

/* Give the leftover to the flexible columns, in proportion to their size. */
static void slack_spread(const ColumnRequest *req, guint n, double slack, double *w) {
  gboolean shares = FALSE;
  for (guint i = 0; i < n; i++) shares |= req[i].kind == SPEC_COL_SHARE;
  SpecColWidth takers = shares ? SPEC_COL_SHARE : SPEC_COL_AUTO;
  double base = 0;
  guint count = 0;
  for (guint i = 0; i < n; i++)
    if (req[i].kind == takers) base += w[i], count++;
  for (guint i = 0; i < n; i++) {
    if (req[i].kind != takers) continue;
    w[i] += base > 0 ? slack * w[i] / base : slack / count;
  }
}

/* Scale every column by one factor to fit, except those the factor would
 * take below their floor: they keep the floor and the others shrink more.
 * When even the floors do not fit, all are scaled alike. */
static void scale_down_to_floors(const ColumnRequest *req, guint n, double table_width, double *w) {
  gboolean *held = g_new0(gboolean, n);
  double floors = 0;
  for (guint i = 0; i < n; i++) floors += req[i].floor;
  for (gboolean changed = floors <= table_width; changed;) {
    changed = FALSE;
    double held_w = 0, free_w = 0;
    for (guint i = 0; i < n; i++) held[i] ? (held_w += req[i].floor) : (free_w += w[i]);
    double k = free_w > 0 ? (table_width - held_w) / free_w : 1;
    for (guint i = 0; i < n; i++)
      if (!held[i] && w[i] * k < req[i].floor) held[i] = changed = TRUE;
  }
  double held_w = 0, free_w = 0;
  for (guint i = 0; i < n; i++) held[i] ? (held_w += req[i].floor) : (free_w += w[i]);
  double k = free_w > 0 ? (table_width - held_w) / free_w : 1;
  for (guint i = 0; i < n; i++) w[i] = held[i] ? req[i].floor : w[i] * k;
  g_free(held);
}

void table_columns_resolve(const ColumnRequest *req, guint n, double table_width, double *w) {
  if (n == 0) return;
  double used = 0;
  gboolean flexible = FALSE;
  for (guint i = 0; i < n; i++) {
    w[i] = req[i].kind == SPEC_COL_FIXED ? req[i].value : req[i].kind == SPEC_COL_PERCENT ? req[i].value * table_width : 0;
    used += w[i];
    flexible |= req[i].kind == SPEC_COL_AUTO || req[i].kind == SPEC_COL_SHARE;
  }
  double share_mins = 0;
  for (guint i = 0; i < n; i++)
    if (req[i].kind == SPEC_COL_SHARE) share_mins += req[i].min;
  autos_fit(req, n, MAX(table_width - used - share_mins, 0), w);
  shares_fill(req, n, MAX(table_width - sum(w, n), 0), w);
  shares_want(req, n, table_width, w);
  double total = sum(w, n);
  if (flexible && total < table_width) slack_spread(req, n, table_width - total, w);
  total = sum(w, n);
  if (total > table_width && total > 0) scale_down_to_floors(req, n, table_width, w);
  if (!flexible && total < table_width && total > 0) /* all fixed: keep as given */
    return;
}
