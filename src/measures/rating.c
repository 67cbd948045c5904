/* rating — see rating.h. Pure: no files, no locale. */
#include "rating.h"

#include <string.h>

/* ---- targets ------------------------------------------------------------- */

/* Of n targets, the one holding for a window ending at month `end`: the
 * shortest period containing it, else the one without a period. */
static const RatingTarget *target_among(const RatingTarget *targets, guint n, int end) {
  const RatingTarget *best = NULL, *general = NULL;
  for (guint i = 0; i < n; i++) {
    const RatingTarget *t = &targets[i];
    if (!t->has_period) {
      if (!general) general = t;
      continue;
    }
    if (!period_contains_month(t->period, end)) continue;
    if (!best || t->period.months < best->period.months) best = t;
  }
  return best ? best : general;
}

/* The data's target, else the catalogue's. */
static const RatingTarget *target_holding(const RatingRule *rule, int end) {
  const RatingTarget *t = target_among(rule->data_targets, rule->n_data_targets, end);
  return t ? t : target_among(rule->targets, rule->n_targets, end);
}

/* The cumulative share (0..1) of the year's target due by month k (1..12)
 * of the year, by the target's profile. */
static gboolean profile_share(const RatingTarget *t, int k, Ratio *out) {
  switch (t->profile) {
  case PROFILE_FLAT: *out = ratio_int(1); return TRUE;
  case PROFILE_STRAIGHT: return ratio_make(k, 12, out);
  case PROFILE_GIVEN:
  default: break;
  }
  Ratio pct;
  if (t->n_profile == 12) {
    pct = t->profile_pct[k - 1];
  } else {
    int q = (k - 1) / 3, into = k - 3 * q; /* months into quarter q: 1..3 */
    Ratio before = q ? t->profile_pct[q - 1] : ratio_int(0), step, part, third;
    if (!ratio_make(into, 3, &third) || !ratio_sub(t->profile_pct[q], before, &step) || !ratio_mul(step, third, &part) ||
        !ratio_add(before, part, &pct))
      return FALSE;
  }
  return ratio_div(pct, ratio_int(100), out);
}

gboolean rating_target_for(const RatingRule *rule, int end_month, Ratio *target, Ratio *tolerance, gboolean *profiled,
                           Ratio *annual) {
  const RatingTarget *t = target_holding(rule, end_month);
  if (!t) return FALSE;
  *tolerance = t->tolerance;
  *annual = t->value;
  /* a year's target (or one for every year) grows through the year; a
   * target for a quarter or a month is that period's own */
  *profiled = rule->cumulative && t->profile != PROFILE_FLAT && (!t->has_period || t->period.months == 12);
  if (!*profiled) {
    *target = t->value;
    return TRUE;
  }
  int k = end_month - period_year_start(end_month, rule->year_start) + 1;
  Ratio share, exact;
  if (!profile_share(t, k, &share) || !ratio_mul(t->value, share, &exact) ||
      !ratio_rounded(exact, rule->decimals, target))
    return FALSE;
  return TRUE;
}

/* ---- judging --------------------------------------------------------------- */

static RatingLevel judge_standard(const RatingRule *rule, Ratio v) {
  if (!rule->has_min && !rule->has_max) return RATING_NO_TARGET;
  gboolean ok = (!rule->has_min || ratio_cmp(v, rule->min) >= 0) && (!rule->has_max || ratio_cmp(v, rule->max) <= 0);
  return ok ? RATING_ACHIEVED : RATING_NOT_MET;
}

/* Green at or beyond the target on the good side; amber within the
 * tolerance short of it; red further. */
static RatingLevel judge_rag(const Rating *r, int polarity, Ratio v) {
  Ratio gap; /* how far short of the target, > 0 when short */
  gboolean ok = polarity == 2 ? ratio_sub(v, r->target, &gap) : ratio_sub(r->target, v, &gap);
  if (!ok) return RATING_NOT_AVAILABLE;
  if (gap.num <= 0) return RATING_GREEN;
  return ratio_cmp(gap, r->tolerance) <= 0 ? RATING_AMBER : RATING_RED;
}

Rating rating_judge(const RatingRule *rule, gboolean numeric, Ratio value, int value_decimals, int end_month,
                    gboolean provisional, RatingLevel published_level) {
  Rating r = {.scheme = rule->scheme, .level = RATING_NO_TARGET};
  if (rule->scheme == RATING_SCHEME_RAG)
    r.has_target = rating_target_for(rule, end_month, &r.target, &r.tolerance, &r.profiled, &r.annual_target);
  gboolean judged = rule->scheme == RATING_SCHEME_RAG ? r.has_target : rule->has_min || rule->has_max;
  if (rule->scheme == RATING_SCHEME_STANDARD && published_level != RATING_NO_TARGET) {
    r.level = published_level; /* as published */
  } else if (!judged) {
    return r;
  } else if (!numeric) {
    r.level = RATING_NOT_AVAILABLE;
    return r;
  } else {
    Ratio v;
    if (!ratio_rounded(value, value_decimals, &v)) return r;
    r.level = rule->scheme == RATING_SCHEME_RAG ? judge_rag(&r, rule->polarity, v) : judge_standard(rule, v);
  }
  if (rule->scheme == RATING_SCHEME_STANDARD)
    r.standards = (rule->has_min ? RATING_STANDARD_MIN : 0) | (rule->has_max ? RATING_STANDARD_MAX : 0);
  r.provisional = provisional && rating_is_rated(r.level);
  return r;
}

gboolean rating_is_rated(RatingLevel l) { return l >= RATING_ACHIEVED; }
gboolean rating_on_target(RatingLevel l) { return l == RATING_GREEN || l == RATING_ACHIEVED; }

/* ---- the exception rules ----------------------------------------------------- */

static gboolean is_red(RatingLevel l) { return l == RATING_RED || l == RATING_NOT_MET; }

gboolean rating_rule_selects(ExceptionRule rule, const RatingLevel *history, guint n) {
  if (n == 0) return FALSE;
  RatingLevel last = history[n - 1];
  if (rule == EXCEPTION_RED) return is_red(last);
  if (rule == EXCEPTION_RED_OR_AMBER) return is_red(last) || last == RATING_AMBER;
  /* red twice running switches it on; back on target switches it off */
  gboolean on = FALSE;
  for (guint i = 0; i < n; i++) {
    if (rating_on_target(history[i])) on = FALSE;
    else if (i > 0 && is_red(history[i]) && is_red(history[i - 1])) on = TRUE;
  }
  return on && rating_is_rated(last);
}

const char *rating_rule_name(ExceptionRule rule) {
  static const char *const names[] = {"red", "red-or-amber", "red-twice"};
  return names[rule];
}
