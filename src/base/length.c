/* length — see length.h. */
#include "length.h"

#include <glib.h>
#include <string.h>

LengthKind length_parse(const char *text, double *value) {
  if (!text) return LENGTH_NONE;
  char *end = NULL;
  double v = g_ascii_strtod(text, &end); /* never the locale's decimal comma */
  if (end == text) return LENGTH_NONE;
  double pt;
  if (strcmp(end, "mm") == 0) pt = v * 72.0 / 25.4;
  else if (strcmp(end, "cm") == 0) pt = v * 72.0 / 2.54;
  else if (strcmp(end, "in") == 0) pt = v * 72.0;
  else if (strcmp(end, "pt") == 0) pt = v;
  else if (strcmp(end, "%") == 0) {
    *value = v / 100.0;
    return LENGTH_FRACTION;
  } else return LENGTH_NONE;
  *value = pt;
  return LENGTH_POINTS;
}

double length_points(const char *text, double fallback) {
  double v;
  return length_parse(text, &v) == LENGTH_POINTS ? v : fallback;
}
