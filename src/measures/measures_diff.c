/* measures_diff — see measures_diff.h. */
#include "measures_diff.h"

#include <string.h>

static void change_free(gpointer data) {
  MeasureChange *c = data;
  g_free(c->from.text);
  g_free(c->to.text);
  g_free(c);
}

static MeasureChange *change_new(GPtrArray *out, MeasureChangeKind kind, const Measure *m) {
  MeasureChange *c = g_new0(MeasureChange, 1);
  c->kind = kind;
  c->measure = m;
  g_ptr_array_add(out, c);
  return c;
}

/* In Welsh the unit is the measure's Welsh one, as bind writes figures;
 * its data-quality marks follow it ("70.0% [p]"), as everywhere else. */
static MeasureFigure figure_of(const MeasureResult *r, gboolean welsh) {
  const char *unit = welsh && r->measure ? measure_unit_in(r->measure, TRUE) : r->unit;
  char *figure = measure_with_unit(r->display, r->is_text ? "" : unit);
  MeasureFigure f = {.text = measure_with_marks(figure, r->flags),
                     .level = r->rating.level,
                     .direction = r->direction,
                     .period = r->period};
  g_free(figure);
  return f;
}

/* The latest period with a figure, or FALSE if none. */
static gboolean latest_period(const Measures *ms, const Measure *m, Period *out) {
  GArray *periods = measures_periods(ms, m, "");
  gboolean any = periods->len > 0;
  if (any) *out = g_array_index(periods, Period, periods->len - 1);
  g_array_unref(periods);
  return any;
}

/* The measure's figure at `asked`, else at its latest period. Always fills *r. */
static gboolean result_at(const Measures *ms, const Measure *m, const Period *asked, MeasureResult *r) {
  Period p;
  if (asked) p = *asked;
  else if (!latest_period(ms, m, &p)) {
    memset(r, 0, sizeof *r);
    return FALSE;
  }
  return measures_get_period(ms, m, "", p, r) == MEASURE_OK;
}

/* Which kind a change from `a` to `b` is; MEASURE_CHANGE_KINDS if none. */
static MeasureChangeKind change_kind(const MeasureResult *a, const MeasureResult *b) {
  if (a->rating.level != b->rating.level && rating_is_rated(a->rating.level) && rating_is_rated(b->rating.level))
    return MEASURE_CHANGE_RATING;
  if (a->direction != b->direction) return MEASURE_CHANGE_DIRECTION;
  if (strcmp(a->display, b->display) != 0 || strcmp(a->unit, b->unit) != 0) return MEASURE_CHANGE_VALUE;
  return MEASURE_CHANGE_KINDS;
}

/* The then→now change; *now_period gets now's period (FALSE: no figure now). */
static gboolean measure_change(GPtrArray *out, const Measures *then_data, const Measures *now, const Measure *m_then,
                               const Measure *m, const Period *period, const Period *against, Period *now_period,
                               gboolean welsh) {
  MeasureResult a, b;
  gboolean have_b = result_at(now, m, period, &b);
  if (have_b) *now_period = b.period;
  Period before;
  if (!against && then_data == now && have_b) {
    before = period_prev(b.period); /* one file: the period before now's */
    against = &before;
  }
  gboolean have_a = have_b && m_then && result_at(then_data, m_then, against, &a);
  if (have_a) {
    MeasureChangeKind k = change_kind(&a, &b);
    if (k != MEASURE_CHANGE_KINDS) {
      MeasureChange *c = change_new(out, k, m);
      c->from = figure_of(&a, welsh);
      c->to = figure_of(&b, welsh);
    }
    measure_result_clear(&a);
  }
  measure_result_clear(&b);
  return have_b;
}

/* Past figures OLD and NEW both hold but give differently. */
static void measure_revisions(GPtrArray *out, const Measures *old, const Measures *now, const Measure *m_old,
                              const Measure *m, gboolean welsh) {
  GArray *periods = measures_periods(old, m_old, "");
  for (guint i = 0; i < periods->len; i++) {
    Period p = g_array_index(periods, Period, i);
    MeasureResult a, b;
    gboolean both = measures_get_period(old, m_old, "", p, &a) == MEASURE_OK;
    both = measures_get_period(now, m, "", p, &b) == MEASURE_OK && both;
    if (both && strcmp(a.display, b.display) != 0) {
      MeasureChange *c = change_new(out, MEASURE_CHANGE_REVISED, m);
      c->from = figure_of(&a, welsh);
      c->to = figure_of(&b, welsh);
    }
    measure_result_clear(&a);
    measure_result_clear(&b);
  }
  g_array_unref(periods);
}

/* A bound of the standard as displayed: to the measure's decimals. */
static char *bound_text(const Measure *m, Ratio v, gboolean welsh) {
  int decimals = m->decimals;
  Ratio rounded;
  /* a whole-number standard ("80") reads as written, not as "80.0" */
  if (ratio_rounded(v, 0, &rounded) && ratio_cmp(rounded, v) == 0) decimals = 0;
  char *n = ratio_format(v, decimals, TRUE);
  char *s = measure_with_unit(n ? n : "?", measure_unit_in(m, welsh));
  g_free(n);
  return s;
}

char *measures_standard_text(const Measure *m, gboolean welsh) {
  if (!m->has_min && !m->has_max) return NULL;
  char *lo = m->has_min ? bound_text(m, m->min, welsh) : NULL, *hi = m->has_max ? bound_text(m, m->max, welsh) : NULL;
  char *s = lo && hi ? g_strdup_printf("%s–%s", lo, hi) : lo ? g_strdup_printf("≥ %s", lo) : g_strdup_printf("≤ %s", hi);
  g_free(lo);
  g_free(hi);
  return s;
}

static gboolean standards_equal(const Measure *a, const Measure *b) {
  if (a->has_min != b->has_min || a->has_max != b->has_max) return FALSE;
  if (a->has_min && ratio_cmp(a->min, b->min) != 0) return FALSE;
  return !a->has_max || ratio_cmp(a->max, b->max) == 0;
}

/* A rag measure's target for the period ending at `end_month`, as printed; NULL if none. */
static char *rag_target_text(const Measure *m, int end_month, gboolean welsh) {
  RatingRule rule = measure_rating_rule(m);
  Ratio target, tolerance, annual;
  gboolean profiled;
  if (rule.scheme != RATING_SCHEME_RAG || !rating_target_for(&rule, end_month, &target, &tolerance, &profiled, &annual))
    return NULL;
  return rating_number(target, m->decimals, measure_unit_in(m, welsh));
}

static gboolean texts_equal(const char *a, const char *b) { return a == b || (a && b && strcmp(a, b) == 0); }

/* The standard moved, or (rated rag, with a figure now) the target for now's period. */
static void measure_target(GPtrArray *out, const Measure *m_old, const Measure *m, gboolean have_now, Period now,
                           gboolean welsh) {
  if (!m_old) return;
  if (!standards_equal(m_old, m)) {
    MeasureChange *c = change_new(out, MEASURE_CHANGE_TARGET, m);
    c->from.text = measures_standard_text(m_old, welsh);
    c->to.text = measures_standard_text(m, welsh);
  }
  if (!have_now) return;
  char *was = rag_target_text(m_old, period_end(now), welsh), *is = rag_target_text(m, period_end(now), welsh);
  if (!texts_equal(was, is)) {
    MeasureChange *c = change_new(out, MEASURE_CHANGE_TARGET, m);
    c->from.text = was, c->to.text = is;
    c->from.period = c->to.period = now;
  } else {
    g_free(was), g_free(is);
  }
}

/* Kind, then catalogue order; the stable sort keeps period order. */
static gint change_order(gconstpointer pa, gconstpointer pb) {
  const MeasureChange *a = *(MeasureChange *const *)pa, *b = *(MeasureChange *const *)pb;
  if (a->kind != b->kind) return a->kind < b->kind ? -1 : 1;
  return a->measure->index < b->measure->index ? -1 : a->measure->index > b->measure->index;
}

GPtrArray *measures_diff(const Measures *then_data, const Measures *now, const Period *period, const Period *against,
                         gboolean welsh) {
  gboolean two_files = then_data != NULL && then_data != now;
  if (!then_data) then_data = now;
  GPtrArray *out = g_ptr_array_new_with_free_func(change_free);
  for (guint i = 0; i < measures_count(now); i++) {
    const Measure *m = measures_nth(now, i);
    const Measure *m_then = measures_lookup(then_data, m->ref);
    Period now_period;
    gboolean have_now = measure_change(out, then_data, now, m_then, m, period, against, &now_period, welsh);
    if (two_files && m_then) measure_revisions(out, then_data, now, m_then, m, welsh);
    if (two_files) measure_target(out, m_then, m, have_now, now_period, welsh);
  }
  g_ptr_array_sort(out, change_order); /* g_ptr_array_sort is a stable merge sort */
  return out;
}
