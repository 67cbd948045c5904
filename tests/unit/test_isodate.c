/* isodate: the one reader of YYYY-MM-DD and of <created>'s date and time. */
#include "testutil.h"

#include "base/isodate.h"

static void test_real_dates(void **state) {
  (void)state;
  IsoDate d;
  assert_true(isodate_parse(" 2013-09-10 ", &d, NULL));
  assert_int_equal(d.year, 2013), assert_int_equal(d.month, 9), assert_int_equal(d.day, 10);
  char *l = isodate_long(d, FALSE);
  assert_string_equal(l, "10 September 2013");
  g_free(l);
  assert_string_equal(isodate_weekday(d, FALSE), "Tuesday");
  assert_int_equal(isodate_unix(d), 1378771200); /* date -u -d 2013-09-10 +%s */
  assert_true(isodate_parse("2012-02-29", &d, NULL));
  assert_true(isodate_parse("1900-01-01", &d, NULL));
  assert_int_equal(isodate_unix(d), -2208988800LL);
  assert_string_equal(isodate_weekday(d, FALSE), "Monday");
}

/* A Welsh report's dates: the day, the Welsh month, the year, for every
 * month ("12 Tachwedd 2024", not "12 November 2024"). */
static void test_welsh_dates(void **state) {
  (void)state;
  static const char *const cy[12] = {"Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai",      "Mehefin",
                                     "Gorffennaf", "Awst", "Medi",  "Hydref", "Tachwedd", "Rhagfyr"};
  for (int month = 1; month <= 12; month++) {
    IsoDate d = {2024, month, month == 2 ? 29 : 1};
    char *l = isodate_long(d, TRUE), *want = g_strdup_printf("%d %s 2024", d.day, cy[month - 1]);
    assert_string_equal(l, want);
    g_free(l), g_free(want);
  }
  IsoDate d;
  assert_true(isodate_parse("2024-11-12", &d, NULL));
  char *l = isodate_long(d, TRUE), *en = isodate_long(d, FALSE);
  assert_string_equal(l, "12 Tachwedd 2024");
  assert_string_equal(en, "12 November 2024");
  g_free(l), g_free(en);
}

/* Welsh weekdays, lower case as inside a sentence: a week from Monday
 * 2013-09-09, and the agenda's "dydd Mawrth 10 Medi 2013". */
static void test_welsh_weekdays(void **state) {
  (void)state;
  static const char *const cy[7] = {"dydd Llun",   "dydd Mawrth", "dydd Mercher", "dydd Iau",
                                    "dydd Gwener", "dydd Sadwrn", "dydd Sul"};
  static const char *const en[7] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  for (int i = 0; i < 7; i++) {
    IsoDate d = {2013, 9, 9 + i};
    assert_string_equal(isodate_weekday(d, TRUE), cy[i]);
    assert_string_equal(isodate_weekday(d, FALSE), en[i]);
  }
  IsoDate d = {2013, 9, 10};
  char *l = isodate_long(d, TRUE), *t = g_strdup_printf("%s %s", isodate_weekday(d, TRUE), l);
  assert_string_equal(t, "dydd Mawrth 10 Medi 2013");
  g_free(l), g_free(t);
  IsoDate leap = {2024, 2, 29};
  assert_string_equal(isodate_weekday(leap, TRUE), "dydd Iau");
}

/* Each of these once got past one copy of the reader or the other. */
static void test_not_dates(void **state) {
  (void)state;
  const char *bad[] = {"12000-09-10", "0013-09-10", "1899-12-31", "3000-01-01", "2013-02-29", "2013-13-01",
                       "2013-00-10", "2013-09-00", "2013-9-10",   "2013-09-10x", "", "2013-09-1O"};
  for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
    IsoDate d;
    char *why = NULL;
    if (isodate_parse(bad[i], &d, &why)) fail_msg("'%s' read as a date", bad[i]);
    assert_non_null(strstr(why, "is not a date (expected YYYY-MM-DD"));
    g_free(why);
  }
}

static void test_date_and_time(void **state) {
  (void)state;
  gint64 t = 0;
  char *why = NULL;
  assert_true(isodate_time_parse("2013-09-02T09:00:00Z", &t, NULL));
  assert_int_equal(t, 1378112400);
  assert_true(isodate_time_parse("2013-09-02T09:00:00", &t, NULL)); /* no zone: UTC */
  assert_int_equal(t, 1378112400);
  assert_false(isodate_time_parse("yesterday", &t, &why));
  assert_non_null(strstr(why, "'yesterday' is not a date and time"));
  g_free(why);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_real_dates),
      cmocka_unit_test(test_welsh_dates),
      cmocka_unit_test(test_welsh_weekdays),
      cmocka_unit_test(test_not_dates),
      cmocka_unit_test(test_date_and_time),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
