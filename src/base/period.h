/* period — reporting periods: months, quarters, years and month ranges.
 *
 * Owns: nothing on the heap; Period is a plain value.
 * A period is a run of whole calendar months: `start` is a month index
 * (year * 12 + month - 1, so January 2013 is 2013*12) and `months` its
 * length. The kind only decides how the period is written and what its
 * "previous period" is; two periods of different kinds covering the same
 * months are different periods but have the same window.
 *
 *   text            kind                months      long name            short
 *   2013-06         PERIOD_MONTH        Jun 2013    June 2013            Jun-13
 *   2013-Q1         PERIOD_QUARTER      Jan-Mar     January-March 2013   Q1 2013
 *   2013/14-Q1      PERIOD_FY_QUARTER   Apr-Jun     April-June 2013      Q1 2013/14
 *   2012/13         PERIOD_FY           Apr-Mar     2012/13              2012/13
 *   2013            PERIOD_YEAR         Jan-Dec     2013                 2013
 *   2013-04..2013-05 PERIOD_RANGE       Apr-May     April-May 2013       Apr-13-May-13
 * (the long and short names use an en dash, U+2013, between months).
 * Financial years run April to March, as in English local government.
 * Years are limited to 1900..2999 so month arithmetic never overflows.
 */
#ifndef BOARDPACK_PERIOD_H
#define BOARDPACK_PERIOD_H

#include <glib.h>

typedef enum {
  PERIOD_MONTH,
  PERIOD_QUARTER,
  PERIOD_FY_QUARTER,
  PERIOD_FY,
  PERIOD_YEAR,
  PERIOD_RANGE,
} PeriodKind;

typedef struct {
  PeriodKind kind;
  int start;  /* month index: year * 12 + (month - 1) */
  int months; /* >= 1 */
} Period;

#define PERIOD_FY_START_MONTH 4 /* April */
/* The years a period (and a meeting date, isodate.h) may fall in. */
#define PERIOD_MIN_YEAR 1900
#define PERIOD_MAX_YEAR 2999

/* Month index helpers. month is 1..12. */
int period_index(int year, int month);
int period_index_year(int index);
int period_index_month(int index);

Period period_month(int year, int month);
Period period_fy(int start_year); /* period_fy(2012) is 2012/13 */

/* Exactly `n` ASCII digits at p, as a number; -1 otherwise (how periods
 * and dates, isodate.h, read their years, months and days). */
int period_digits(const char *p, int n);

/* Parse one of the forms above (surrounding spaces ignored). On failure
 * returns FALSE and, if `why` is given, a message to g_free. */
gboolean period_parse(const char *text, Period *out, char **why);

int period_end(Period p); /* month index of the last month */
gboolean period_equal(Period a, Period b);
/* Same months, whatever the kind. */
gboolean period_same_window(Period a, Period b);
gboolean period_contains_month(Period p, int month_index);
/* Order by end month, then by length (shorter first), then kind. */
int period_compare(Period a, Period b);

/* The period of the same kind just before (for a range: the same number of
 * months just before), and the same period shifted by whole years. */
Period period_prev(Period p);
/* `steps` periods of the same kind after p (before it when negative; a
 * range steps by its own length): period_prev is one step back. FALSE
 * when that leaves the years PERIOD_MIN_YEAR..PERIOD_MAX_YEAR. */
gboolean period_step(Period p, long steps, Period *out);

/* Periods relative to a base, as specs write them: "P" (the base), "P-N"
 * and "P+N" (N steps before or after it, N <= 1200). Spaces around are
 * ignored. */
gboolean period_is_relative(const char *text);
/* The signed N of a relative period ("P" is 0); FALSE with a message in
 * *why (to g_free) when `text` is not of that form. Apply it with
 * period_step. */
gboolean period_relative_steps(const char *text, long *steps, char **why);
Period period_shift_years(Period p, int years);

/* First month of the year containing month `index`, for a year starting in
 * `year_start_month` (4 = financial year, 1 = calendar year). */
int period_year_start(int index, int year_start_month);

/* The name of month 1..12, in English or (when `welsh`) Welsh: "September"
 * / "Medi", abbreviated "Sep" / "Medi". The one table of month names: the
 * long names of periods and dates, English or Welsh, are made from it. */
const char *period_month_name(int month, gboolean welsh);
const char *period_month_abbrev(int month, gboolean welsh);

/* Canonical text (round-trips through period_parse), long and short names.
 * All returned strings are g_malloc'd. */
char *period_text(Period p);
char *period_long_name(Period p);
char *period_short_name(Period p);

#endif
