/* length — the one reader of lengths as specs and house styles write
 * them: "40mm", "4.5cm", "12pt", "1.5in" (points), and "50%" (a share of
 * whatever the length is measured against).
 *
 * Owns nothing. The schemas allow only a number followed by a unit, so a
 * text without one is not a length here either; what a caller does then
 * (a default, an error) is the caller's choice.
 */
#ifndef BOARDPACK_LENGTH_H
#define BOARDPACK_LENGTH_H

typedef enum {
  LENGTH_NONE,     /* NULL, or not a length */
  LENGTH_POINTS,   /* *value in points (1/72 in) */
  LENGTH_FRACTION, /* "50%": *value is 0.5 */
} LengthKind;

/* *value is set only when the result is not LENGTH_NONE. */
LengthKind length_parse(const char *text, double *value);

/* Points, or `fallback` for anything that is not an absolute length. */
double length_points(const char *text, double fallback);

#endif
