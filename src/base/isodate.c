/* isodate — see isodate.h. */
#include "isodate.h"

#include <string.h>

#include "period.h"

static const char *const weekdays[2][7] = {
    {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"},
    {"dydd Llun", "dydd Mawrth", "dydd Mercher", "dydd Iau", "dydd Gwener", "dydd Sadwrn", "dydd Sul"}};

gboolean isodate_parse(const char *text, IsoDate *out, char **why) {
  char *t = g_strstrip(g_strdup(text ? text : ""));
  IsoDate d = {-1, -1, -1};
  if (strlen(t) == 10 && t[4] == '-' && t[7] == '-')
    d = (IsoDate){period_digits(t, 4), period_digits(t + 5, 2), period_digits(t + 8, 2)};
  gboolean ok = d.year >= PERIOD_MIN_YEAR && d.year <= PERIOD_MAX_YEAR && d.month >= 1 && d.month <= 12 &&
                d.day >= 1 && g_date_valid_dmy((GDateDay)d.day, (GDateMonth)d.month, (GDateYear)d.year);
  if (ok) *out = d;
  else if (why)
    *why = g_strdup_printf("'%s' is not a date (expected YYYY-MM-DD, a real day in the years %d to %d)", t,
                           PERIOD_MIN_YEAR, PERIOD_MAX_YEAR);
  g_free(t);
  return ok;
}

static GDate date_of(IsoDate d) {
  GDate g;
  g_date_clear(&g, 1);
  g_date_set_dmy(&g, (GDateDay)d.day, (GDateMonth)d.month, (GDateYear)d.year);
  return g;
}

gint64 isodate_unix(IsoDate d) {
  GDate epoch, g = date_of(d);
  g_date_clear(&epoch, 1);
  g_date_set_dmy(&epoch, 1, G_DATE_JANUARY, 1970);
  return (gint64)g_date_days_between(&epoch, &g) * 86400;
}

char *isodate_long(IsoDate d, gboolean welsh) {
  return g_strdup_printf("%d %s %d", d.day, period_month_name(d.month, welsh), d.year);
}

const char *isodate_weekday(IsoDate d, gboolean welsh) {
  GDate g = date_of(d);
  return weekdays[welsh ? 1 : 0][g_date_get_weekday(&g) - G_DATE_MONDAY];
}

gboolean isodate_time_parse(const char *text, gint64 *out, char **why) {
  GTimeZone *utc = g_time_zone_new_utc();
  GDateTime *dt = text ? g_date_time_new_from_iso8601(text, utc) : NULL;
  g_time_zone_unref(utc);
  if (!dt) {
    if (why) *why = g_strdup_printf("'%s' is not a date and time (expected e.g. 2013-09-02T09:00:00Z)", text ? text : "");
    return FALSE;
  }
  *out = g_date_time_to_unix(dt);
  g_date_time_unref(dt);
  return TRUE;
}
