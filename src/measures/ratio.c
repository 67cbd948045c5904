/* ratio — see ratio.h.
 *
 * Intermediate products are computed in 128 bits and reduced before being
 * narrowed, so a sum of a few thousand monthly counts times 10,000 never
 * overflows silently: either the reduced result fits in 64 bits or the
 * operation reports failure. */
#include "ratio.h"

#include <string.h>

__extension__ typedef __int128 Wide;

static Wide wide_abs(Wide v) { return v < 0 ? -v : v; }

static Wide wide_gcd(Wide a, Wide b) {
  a = wide_abs(a), b = wide_abs(b);
  while (b) {
    Wide t = a % b;
    a = b, b = t;
  }
  return a;
}

/* Reduce num/den (den != 0) and narrow; FALSE if it does not fit. */
static gboolean ratio_from_wide(Wide num, Wide den, Ratio *out) {
  if (den == 0) return FALSE;
  if (den < 0) num = -num, den = -den;
  Wide g = wide_gcd(num, den);
  if (g > 1) num /= g, den /= g;
  if (num > G_MAXINT64 || num < -G_MAXINT64 || den > G_MAXINT64) return FALSE;
  out->num = (gint64)num;
  out->den = (gint64)den;
  return TRUE;
}

gboolean ratio_make(gint64 num, gint64 den, Ratio *out) { return ratio_from_wide(num, den, out); }

Ratio ratio_int(gint64 n) { return (Ratio){n, 1}; }

gboolean ratio_add(Ratio a, Ratio b, Ratio *out) {
  return ratio_from_wide((Wide)a.num * b.den + (Wide)b.num * a.den, (Wide)a.den * b.den, out);
}

gboolean ratio_sub(Ratio a, Ratio b, Ratio *out) {
  return ratio_from_wide((Wide)a.num * b.den - (Wide)b.num * a.den, (Wide)a.den * b.den, out);
}

gboolean ratio_mul(Ratio a, Ratio b, Ratio *out) {
  return ratio_from_wide((Wide)a.num * b.num, (Wide)a.den * b.den, out);
}

gboolean ratio_div(Ratio a, Ratio b, Ratio *out) {
  if (b.num == 0) return FALSE;
  return ratio_from_wide((Wide)a.num * b.den, (Wide)a.den * b.num, out);
}

int ratio_cmp(Ratio a, Ratio b) {
  Wide l = (Wide)a.num * b.den, r = (Wide)b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

Ratio ratio_abs(Ratio a) {
  a.num = a.num < 0 ? -a.num : a.num;
  return a;
}

static Wide pow10_wide(int n) {
  Wide p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

gboolean ratio_round(Ratio a, int decimals, gint64 *scaled) {
  if (decimals < 0 || decimals > RATIO_MAX_DECIMALS) return FALSE;
  Wide n = wide_abs((Wide)a.num) * pow10_wide(decimals);
  Wide q = n / a.den, r = n % a.den;
  if (2 * r >= a.den) q++; /* half away from zero: we work on |a| */
  if (q > G_MAXINT64) return FALSE;
  *scaled = a.num < 0 ? -(gint64)q : (gint64)q;
  return TRUE;
}

gboolean ratio_rounded(Ratio a, int decimals, Ratio *out) {
  gint64 s;
  if (!ratio_round(a, decimals, &s)) return FALSE;
  return ratio_from_wide(s, pow10_wide(decimals), out);
}

char *ratio_format(Ratio a, int decimals, gboolean thousands) {
  gint64 s;
  if (!ratio_round(a, decimals, &s)) return NULL;
  guint64 mag = s < 0 ? (guint64)(-(s + 1)) + 1 : (guint64)s;
  char digits[32];
  int nd = 0;
  do {
    digits[nd++] = (char)('0' + mag % 10);
    mag /= 10;
  } while (mag || nd <= decimals); /* at least one integer digit */
  GString *out = g_string_new(s < 0 ? "-" : "");
  for (int i = nd - 1; i >= 0; i--) {
    g_string_append_c(out, digits[i]);
    int int_left = i - decimals; /* integer digits still to come */
    if (thousands && int_left > 0 && int_left % 3 == 0) g_string_append_c(out, ',');
    if (decimals > 0 && i == decimals) g_string_append_c(out, '.');
  }
  return g_string_free(out, FALSE);
}

/* Digits with optional ',' groups of three; returns the end or NULL. */
static const char *scan_integer_part(const char *p, Wide *value) {
  int run = 0, groups = 0, total = 0;
  for (; *p; p++) {
    if (*p == ',') {
      if (run == 0 || (groups > 0 && run != 3) || (groups == 0 && run > 3)) return NULL;
      groups++, run = 0;
      continue;
    }
    if (!g_ascii_isdigit(*p)) break;
    if (++total > 18) return NULL;
    *value = *value * 10 + (*p - '0');
    run++;
  }
  if (total == 0 || (groups > 0 && run != 3)) return NULL;
  return p;
}

gboolean ratio_parse(const char *text, Ratio *out, int *decimals) {
  if (!text) return FALSE;
  const char *p = text;
  gboolean neg = FALSE;
  if (*p == '-' || *p == '+') neg = *p++ == '-';
  Wide v = 0;
  p = scan_integer_part(p, &v);
  if (!p) return FALSE;
  int dp = 0;
  if (*p == '.') {
    for (p++; g_ascii_isdigit(*p); p++) {
      if (++dp > RATIO_MAX_DECIMALS) return FALSE;
      v = v * 10 + (*p - '0');
    }
    if (dp == 0) return FALSE;
  }
  if (*p) return FALSE;
  if (decimals) *decimals = dp;
  return ratio_from_wide(neg ? -v : v, pow10_wide(dp), out);
}

gboolean ratio_parse_int(const char *text, gint64 *out) {
  if (!text || !*text) return FALSE;
  const char *p = text;
  gboolean neg = *p == '-';
  if (*p == '-' || *p == '+') p++;
  if (!*p || strlen(p) > 18) return FALSE;
  gint64 v = 0;
  for (; *p; p++) {
    if (!g_ascii_isdigit(*p)) return FALSE;
    v = v * 10 + (*p - '0');
  }
  *out = neg ? -v : v;
  return TRUE;
}

double ratio_to_double(Ratio a) { return (double)a.num / (double)a.den; }
