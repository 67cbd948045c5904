/* isodate — calendar dates as a spec or a pack writes them (YYYY-MM-DD),
 * and the date-and-time of <created>: the one reader of both.
 *
 * Owns: nothing on the heap; IsoDate is a plain value.
 * An IsoDate from isodate_parse is a real day of the Gregorian calendar
 * in the years periods cover (PERIOD_MIN_YEAR..PERIOD_MAX_YEAR), so every
 * later step (the long name, the weekday, seconds since the epoch) is
 * defined for it. Names never follow the process locale.
 */
#ifndef BOARDPACK_ISODATE_H
#define BOARDPACK_ISODATE_H

#include <glib.h>

typedef struct {
  int year, month, day; /* month 1..12, day 1..31 */
} IsoDate;

/* Exactly YYYY-MM-DD (surrounding spaces ignored). On failure returns
 * FALSE and, if `why` is given, a message to g_free. */
gboolean isodate_parse(const char *text, IsoDate *out, char **why);

/* Seconds since the epoch at midnight UTC. */
gint64 isodate_unix(IsoDate d);
/* "10 September 2013" ("10 Medi 2013" when `welsh`: the day, the month's
 * name and the year, as Welsh writes a date), g_malloc'd; the weekday
 * "Tuesday" ("dydd Mawrth", lower case as inside a sentence), static. */
char *isodate_long(IsoDate d, gboolean welsh);
const char *isodate_weekday(IsoDate d, gboolean welsh);

/* An ISO 8601 date and time ("2013-09-02T09:00:00Z"; no zone means UTC)
 * as seconds since the epoch. FALSE with a message in *why otherwise. */
gboolean isodate_time_parse(const char *text, gint64 *out, char **why);

#endif
