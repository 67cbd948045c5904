/* chart_ticks — nice axis ticks and locale-independent number text.
 *
 * Ticks are integer multiples of a step m x 10^e (m in 1, 2, 2.5, 5), so tick
 * i is computed as (k0 + i) * m * 10^e from integers and never accumulates
 * rounding error. 2.5 is only used when it adds no decimal place (25, 250,
 * ...): 0, 2.5, 5 reads worse than 0, 2, 4 on a council paper.
 *
 * Numbers are formatted by rounding to an integer count of 10^-d units and
 * printing its digits: no printf("%f"), so LC_NUMERIC cannot leak a comma.
 */
#include "chart.h"

#include <stdint.h>
#include <string.h>

static double pow10i(int e) {
  double r = 1.0;
  if (e >= 0)
    for (int i = 0; i < e; i++) r *= 10.0;
  else
    for (int i = 0; i < -e; i++) r /= 10.0;
  return r;
}

/* Value of k * m * 10^e with as little rounding as the double allows. */
static double tick_value(int64_t k, double m, int e) {
  double km = (double)k * m;
  return e >= 0 ? km * pow10i(e) : km / pow10i(-e);
}

static int step_decimals(double m, int e) {
  int d = e < 0 ? -e : 0;
  if (m == 2.5 && e < 1) d += 1;
  return d;
}

gboolean chart_ticks_nice_full(double lo, double hi, int max_ticks, gboolean integers,
                               ChartTicks *out) {
  memset(out, 0, sizeof *out);
  gboolean ok = TRUE;
  if (!isfinite(lo) || !isfinite(hi)) {
    ok = FALSE;
    lo = 0;
    hi = 1;
  }
  if (lo > hi) {
    double t = lo;
    lo = hi;
    hi = t;
  }
  if (max_ticks < 2) max_ticks = 2;
  if (max_ticks > CHART_MAX_TICKS) max_ticks = CHART_MAX_TICKS;
  /* Beyond this the integer tick indices below would overflow. */
  const double big = 1e300;
  if (lo < -big) lo = -big;
  if (hi > big) hi = big;
  if (hi - lo <= fabs(hi) * 1e-12 || hi == lo) {
    /* One value: show it with room either side, or 0..1 for zero. */
    double v = lo;
    if (v == 0) {
      lo = 0;
      hi = 1;
    } else if (v > 0) {
      lo = 0;
      hi = v;
    } else {
      lo = v;
      hi = 0;
    }
  }
  /* Across zero, ticks at -s, 0, s are the fewest possible. */
  if (lo < 0 && hi > 0 && max_ticks < 3) max_ticks = 3;
  double range = hi - lo;
  if (!isfinite(range)) range = big;
  static const double mults[] = {1, 2, 2.5, 5};
  int e = (int)floor(log10(range / (max_ticks - 1))) - 1;
  if (integers && e < 0) e = 0;
  for (int guard = 0; guard < 12; guard++, e++) {
    for (size_t mi = 0; mi < G_N_ELEMENTS(mults); mi++) {
      double m = mults[mi];
      if (m == 2.5 && e < 1) continue;
      double step = tick_value(1, m, e);
      if (!(step > 0) || !isfinite(step)) continue;
      double k0 = floor(lo / step + 1e-9);
      double k1 = ceil(hi / step - 1e-9);
      if (k1 - k0 + 1 > max_ticks) continue;
      if (k1 <= k0) k1 = k0 + 1;
      out->n = (int)(k1 - k0) + 1;
      out->step = step;
      for (int i = 0; i < out->n; i++) out->values[i] = tick_value((int64_t)k0 + i, m, e);
      out->lo = out->values[0];
      out->hi = out->values[out->n - 1];
      out->decimals = step_decimals(m, e);
      return ok;
    }
  }
  /* Not reached for finite input; keep a usable answer anyway. */
  out->n = 2;
  out->values[0] = out->lo = lo;
  out->values[1] = out->hi = hi;
  out->step = hi - lo;
  return FALSE;
}

gboolean chart_ticks_nice(double lo, double hi, int max_ticks, ChartTicks *out) {
  return chart_ticks_nice_full(lo, hi, max_ticks, FALSE, out);
}

int chart_decimals_needed(double v, int max_decimals) {
  if (!isfinite(v)) return 0;
  for (int d = 0; d < max_decimals; d++) {
    double s = pow10i(d);
    double r = round(v * s);
    if (fabs(v * s - r) < 1e-6 * (fabs(v * s) > 1 ? fabs(v * s) : 1)) return d;
  }
  return max_decimals;
}

char *chart_format_number(double v, int decimals) {
  if (isnan(v)) return g_strdup("n/a");
  if (isinf(v)) return g_strdup(v > 0 ? "infinity" : "-infinity");
  gboolean strip = decimals < 0;
  if (decimals < 0) decimals = chart_decimals_needed(v, 2);
  double scaled = fabs(v) * pow10i(decimals > 12 ? 12 : decimals);
  if (decimals > 12 || scaled >= 9e15) {
    /* Beyond exact integer digits: scientific, still locale-free. */
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    return g_strdup(g_ascii_formatd(buf, sizeof buf, "%.6g", v));
  }
  uint64_t n = (uint64_t)llround(scaled);
  gboolean neg = v < 0 && n != 0;
  uint64_t p = 1;
  for (int i = 0; i < decimals; i++) p *= 10;
  uint64_t ip = n / p, fp = n % p;
  char digits[32];
  int nd = 0;
  do {
    digits[nd++] = (char)('0' + ip % 10);
    ip /= 10;
  } while (ip);
  GString *s = g_string_new(neg ? "-" : "");
  for (int i = nd - 1; i >= 0; i--) {
    g_string_append_c(s, digits[i]);
    if (i > 0 && i % 3 == 0) g_string_append_c(s, ',');
  }
  if (decimals > 0) {
    g_string_append_c(s, '.');
    char frac[16];
    for (int i = decimals - 1; i >= 0; i--) {
      frac[i] = (char)('0' + fp % 10);
      fp /= 10;
    }
    g_string_append_len(s, frac, decimals);
    if (strip) {
      while (s->str[s->len - 1] == '0') g_string_truncate(s, s->len - 1);
      if (s->str[s->len - 1] == '.') g_string_truncate(s, s->len - 1);
    }
  }
  return g_string_free(s, FALSE);
}

char *chart_format_value(double v, int decimals, const char *unit) {
  char *num = chart_format_number(v, decimals);
  if (!unit || !*unit || isnan(v)) return num;
  char *r = strcmp(unit, "%") == 0 ? g_strconcat(num, "%", NULL) : g_strconcat(num, " ", unit, NULL);
  g_free(num);
  return r;
}
