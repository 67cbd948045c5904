/* ratio — exact numbers for measures: a fraction of two 64-bit integers.
 *
 * Owns: nothing on the heap; Ratio is a plain value.
 * Invariants: den > 0 and gcd(|num|, den) == 1 after every operation, so two
 * equal numbers have equal fields. Every displayed figure goes through
 * ratio_round / ratio_format: rounding is half away from zero, done with
 * integer division, so 2/3 shows as 0.7 and 0.05 rounds to 0.1 whatever the
 * float unit would have said. Parsing and formatting use no locale-dependent
 * call (no strtod, no printf %f): the decimal mark is always '.', the
 * thousands separator always ','.
 * Operations that would overflow return FALSE rather than a wrong number.
 */
#ifndef BOARDPACK_RATIO_H
#define BOARDPACK_RATIO_H

#include <glib.h>

typedef struct {
  gint64 num;
  gint64 den; /* > 0 */
} Ratio;

#define RATIO_MAX_DECIMALS 6

/* num/den reduced; FALSE if den == 0. */
gboolean ratio_make(gint64 num, gint64 den, Ratio *out);
Ratio ratio_int(gint64 n);

/* Parse "-12", "85.4", "1,234.50", "+3" (ASCII only, whole string, commas
 * only as thousands separators). *decimals gets the number of digits after
 * the point as written (so "87" -> 0, "5.54" -> 2). FALSE if not a number. */
gboolean ratio_parse(const char *text, Ratio *out, int *decimals);
/* Parse a whole non-negative or negative integer, no separators, no point. */
gboolean ratio_parse_int(const char *text, gint64 *out);

gboolean ratio_add(Ratio a, Ratio b, Ratio *out);
gboolean ratio_sub(Ratio a, Ratio b, Ratio *out);
gboolean ratio_mul(Ratio a, Ratio b, Ratio *out);
gboolean ratio_div(Ratio a, Ratio b, Ratio *out); /* FALSE if b == 0 too */
int ratio_cmp(Ratio a, Ratio b);                   /* exact; -1, 0, 1 */
Ratio ratio_abs(Ratio a);

/* Round to `decimals` places, half away from zero: the result as an integer
 * count of 10^-decimals units (85.44 at 1 -> 854). */
gboolean ratio_round(Ratio a, int decimals, gint64 *scaled);
/* The same number as a Ratio, rounded. */
gboolean ratio_rounded(Ratio a, int decimals, Ratio *out);

/* Text for display: rounded to `decimals`, '-' for negatives, and when
 * `thousands` a ',' every three integer digits ("12,345.6"). Never fails
 * for a Ratio that ratio_round accepts; returns NULL otherwise. g_free it. */
char *ratio_format(Ratio a, int decimals, gboolean thousands);

/* For charts only: the nearest double. */
double ratio_to_double(Ratio a);

#endif
