/* period — see period.h.
 *
 * Month names are spelt out here rather than taken from strftime so that
 * names never follow the process locale. */
#include "period.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EN_DASH "\xe2\x80\x93"

/* [0] English, [1] Welsh. One two-dimensional table, not a choice
 * between two arrays: GCC's object-size check (UBSan) misjudged the size
 * of `(welsh ? a : b)[i]`. */
static const char *const month_long[2][12] = {
    {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
     "December"},
    {"Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd",
     "Rhagfyr"}};
static const char *const month_short[2][12] = {
    {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
    {"Ion", "Chwef", "Maw", "Ebr", "Mai", "Meh", "Gorff", "Awst", "Medi", "Hyd", "Tach", "Rhag"}};

const char *period_month_name(int month, gboolean welsh) {
  return month >= 1 && month <= 12 ? month_long[welsh ? 1 : 0][month - 1] : "";
}
const char *period_month_abbrev(int month, gboolean welsh) {
  return month >= 1 && month <= 12 ? month_short[welsh ? 1 : 0][month - 1] : "";
}

int period_index(int year, int month) { return year * 12 + (month - 1); }
int period_index_year(int index) { return index / 12; }
int period_index_month(int index) { return index % 12 + 1; }

Period period_month(int year, int month) { return (Period){PERIOD_MONTH, period_index(year, month), 1}; }
Period period_fy(int start_year) {
  return (Period){PERIOD_FY, period_index(start_year, PERIOD_FY_START_MONTH), 12};
}

int period_end(Period p) { return p.start + p.months - 1; }

gboolean period_equal(Period a, Period b) {
  return a.kind == b.kind && a.start == b.start && a.months == b.months;
}

gboolean period_same_window(Period a, Period b) { return a.start == b.start && a.months == b.months; }

gboolean period_contains_month(Period p, int m) { return m >= p.start && m <= period_end(p); }

int period_compare(Period a, Period b) {
  if (period_end(a) != period_end(b)) return period_end(a) < period_end(b) ? -1 : 1;
  if (a.months != b.months) return a.months < b.months ? -1 : 1;
  return a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0;
}

Period period_prev(Period p) {
  p.start -= p.months;
  return p;
}

gboolean period_step(Period p, long steps, Period *out) {
  if (steps < -(long)PERIOD_MAX_YEAR * 12 || steps > (long)PERIOD_MAX_YEAR * 12) return FALSE; /* no overflow below */
  long start = (long)p.start + steps * p.months;
  if (start < PERIOD_MIN_YEAR * 12L || start + p.months > (PERIOD_MAX_YEAR + 1) * 12L) return FALSE;
  p.start = (int)start;
  *out = p;
  return TRUE;
}

gboolean period_is_relative(const char *text) {
  const char *t = text + strspn(text, " ");
  return t[0] == 'P' && (t[1] == '\0' || t[1] == ' ' || t[1] == '-' || t[1] == '+');
}

#define PERIOD_MAX_STEPS 1200 /* a century of months */

gboolean period_relative_steps(const char *text, long *steps, char **why) {
  char *t = g_strstrip(g_strdup(text));
  long n = 0;
  gboolean ok = t[0] == 'P';
  if (ok && t[1]) {
    char *end = NULL;
    ok = (t[1] == '-' || t[1] == '+') && g_ascii_isdigit(t[2]);
    n = ok ? strtol(t + 2, &end, 10) : 0;
    ok = ok && !*end && n <= PERIOD_MAX_STEPS;
    if (t[1] == '-') n = -n;
  }
  if (ok) *steps = n;
  else if (why) *why = g_strdup_printf("'%s' is not a relative period (expected P, P-N or P+N)", text);
  g_free(t);
  return ok;
}

Period period_shift_years(Period p, int years) {
  p.start += 12 * years;
  return p;
}

int period_year_start(int index, int year_start_month) {
  int m = period_index_month(index), y = period_index_year(index);
  return period_index(m >= year_start_month ? y : y - 1, year_start_month);
}

/* ---- parsing ----------------------------------------------------------- */

int period_digits(const char *p, int n) {
  int v = 0;
  for (int i = 0; i < n; i++) {
    if (!g_ascii_isdigit(p[i])) return -1;
    v = v * 10 + (p[i] - '0');
  }
  return v;
}

static gboolean year_ok(int y) { return y >= PERIOD_MIN_YEAR && y <= PERIOD_MAX_YEAR; }

/* "YYYY-MM" as a month index, or -1. */
static int parse_month(const char *s, size_t len) {
  if (len != 7 || s[4] != '-') return -1;
  int y = period_digits(s, 4), m = period_digits(s + 5, 2);
  if (!year_ok(y) || m < 1 || m > 12) return -1;
  return period_index(y, m);
}

/* "YYYY/YY" where YY is the year after: the start year, or -1. */
static int parse_fy(const char *s, size_t len) {
  if (len != 7 || s[4] != '/') return -1;
  int y = period_digits(s, 4), y2 = period_digits(s + 5, 2);
  if (!year_ok(y) || y2 != (y + 1) % 100) return -1;
  return y;
}

static gboolean parse_range(const char *s, size_t len, Period *out) {
  const char *dots = g_strstr_len(s, (gssize)len, "..");
  if (!dots) return FALSE;
  int a = parse_month(s, (size_t)(dots - s));
  int b = parse_month(dots + 2, len - (size_t)(dots - s) - 2);
  if (a < 0 || b < a) return FALSE;
  *out = (Period){PERIOD_RANGE, a, b - a + 1};
  return TRUE;
}

static gboolean parse_trimmed(const char *s, size_t len, Period *out) {
  int m, y;
  if ((m = parse_month(s, len)) >= 0) {
    *out = (Period){PERIOD_MONTH, m, 1};
    return TRUE;
  }
  if ((y = parse_fy(s, len)) >= 0) {
    *out = period_fy(y);
    return TRUE;
  }
  if (len == 4 && (y = period_digits(s, 4)) >= 0 && year_ok(y)) {
    *out = (Period){PERIOD_YEAR, period_index(y, 1), 12};
    return TRUE;
  }
  if (len == 7 && s[4] == '-' && s[5] == 'Q' && (y = period_digits(s, 4)) >= 0 && year_ok(y) && s[6] >= '1' &&
      s[6] <= '4') {
    *out = (Period){PERIOD_QUARTER, period_index(y, 1 + 3 * (s[6] - '1')), 3};
    return TRUE;
  }
  if (len == 10 && s[7] == '-' && s[8] == 'Q' && (y = parse_fy(s, 7)) >= 0 && s[9] >= '1' && s[9] <= '4') {
    *out = (Period){PERIOD_FY_QUARTER, period_index(y, PERIOD_FY_START_MONTH) + 3 * (s[9] - '1'), 3};
    return TRUE;
  }
  return parse_range(s, len, out);
}

gboolean period_parse(const char *text, Period *out, char **why) {
  char *t = g_strstrip(g_strdup(text ? text : ""));
  gboolean ok = parse_trimmed(t, strlen(t), out);
  char *upper = ok || !why ? NULL : g_ascii_strup(t, -1);
  Period unused;
  if (upper && parse_trimmed(upper, strlen(upper), &unused)) /* "2024-q4": only its case is wrong */
    *why = g_strdup_printf("'%s' is not a period: a quarter is written with a capital Q, '%s'", t, upper);
  else if (!ok && why)
    *why = g_strdup_printf("'%s' is not a period (expected a month like 2013-06, a quarter like 2013-Q1 or "
                           "2013/14-Q1, a financial year like 2012/13, a year like 2013, or a range like "
                           "2013-04..2013-05)",
                           t);
  g_free(upper);
  g_free(t);
  return ok;
}

/* ---- names ------------------------------------------------------------- */

static char *fy_text(int start_year) { return g_strdup_printf("%04d/%02d", start_year, (start_year + 1) % 100); }

/* The financial year a month index falls in, by its start year. */
static int fy_of(int index) { return period_index_year(period_year_start(index, PERIOD_FY_START_MONTH)); }

char *period_text(Period p) {
  int y = period_index_year(p.start), m = period_index_month(p.start);
  char *fy, *s;
  switch (p.kind) {
  case PERIOD_MONTH: return g_strdup_printf("%04d-%02d", y, m);
  case PERIOD_QUARTER: return g_strdup_printf("%04d-Q%d", y, (m - 1) / 3 + 1);
  case PERIOD_FY_QUARTER:
    fy = fy_text(fy_of(p.start));
    s = g_strdup_printf("%s-Q%d", fy, (p.start - period_year_start(p.start, PERIOD_FY_START_MONTH)) / 3 + 1);
    g_free(fy);
    return s;
  case PERIOD_FY: return fy_text(y);
  case PERIOD_YEAR: return g_strdup_printf("%04d", y);
  case PERIOD_RANGE:
  default: {
    int e = period_end(p);
    return g_strdup_printf("%04d-%02d..%04d-%02d", y, m, period_index_year(e), period_index_month(e));
  }
  }
}

/* "April–June 2013", or "November 2012–January 2013" across a year end. */
static char *span_long(Period p) {
  int e = period_end(p);
  int y = period_index_year(p.start), ey = period_index_year(e);
  const char *a = period_month_name(period_index_month(p.start), FALSE), *b = period_month_name(period_index_month(e), FALSE);
  if (p.months == 1) return g_strdup_printf("%s %d", a, y);
  if (y == ey) return g_strdup_printf("%s" EN_DASH "%s %d", a, b, y);
  return g_strdup_printf("%s %d" EN_DASH "%s %d", a, y, b, ey);
}

static char *month_short_text(int index) {
  return g_strdup_printf("%s-%02d", period_month_abbrev(period_index_month(index), FALSE), period_index_year(index) % 100);
}

char *period_long_name(Period p) {
  switch (p.kind) {
  case PERIOD_FY: return fy_text(period_index_year(p.start));
  case PERIOD_YEAR: return g_strdup_printf("%d", period_index_year(p.start));
  default: return span_long(p);
  }
}

char *period_short_name(Period p) {
  int q;
  char *fy, *s, *a, *b;
  switch (p.kind) {
  case PERIOD_MONTH: return month_short_text(p.start);
  case PERIOD_QUARTER:
    return g_strdup_printf("Q%d %d", (period_index_month(p.start) - 1) / 3 + 1, period_index_year(p.start));
  case PERIOD_FY_QUARTER:
    q = (p.start - period_year_start(p.start, PERIOD_FY_START_MONTH)) / 3 + 1;
    fy = fy_text(fy_of(p.start));
    s = g_strdup_printf("Q%d %s", q, fy);
    g_free(fy);
    return s;
  case PERIOD_FY:
  case PERIOD_YEAR: return period_long_name(p);
  case PERIOD_RANGE:
  default:
    a = month_short_text(p.start);
    b = month_short_text(period_end(p));
    s = g_strdup_printf("%s" EN_DASH "%s", a, b);
    g_free(a);
    g_free(b);
    return s;
  }
}
