/* cmd_measures — `boardpack measures CATALOGUE DATA [--period P]
 * [--units UNITS.xml [--unit ID]]`: the computed table as CSV, so a
 * performance officer can hold it against their spreadsheet. With --units,
 * the figures of one unit (the top one unless --unit), its own or summed
 * from its children's (measure_units.h), with its parent's and the top
 * unit's as series named by them.
 *
 * Columns: ref,period,series,value,band,direction,marks,note. value is
 * the figure as displayed but without thousands separators (a spreadsheet
 * reads it as a number), or the published wording; band and direction are
 * words ("achieved", "improved"; for a measure rated red, amber and green
 * the band is its rating: "amber"), empty when there is none; marks are
 * the figure's data-quality marks as the report prints them ("[p]",
 * "[r] [p]"). With --period, a measure with no own figure for it still
 * has its row, with no value and the reason in note, so that a measure
 * the table leaves out is never silently missing. Rows come in catalogue
 * order, own figures before comparators, periods in time order.
 * Exit status: 0 done, 1 data errors (diagnostics on stderr), 2 usage. */
#include <gio/gio.h>
#include <stdio.h>
#include <string.h>

#include "cmd_measures.h"
#include "measures/measure_units.h"

/* RFC 4180 quoting, only where needed. */
static void put_field(GString *out, const char *s) {
  if (!strpbrk(s, ",\"\r\n")) {
    g_string_append(out, s);
    return;
  }
  g_string_append_c(out, '"');
  for (const char *p = s; *p; p++) {
    if (*p == '"') g_string_append_c(out, '"');
    g_string_append_c(out, *p);
  }
  g_string_append_c(out, '"');
}

static void put_row(GString *out, const Measure *m, const char *series, const MeasureResult *r) {
  char *period = period_text(r->period);
  gboolean ok = r->status == MEASURE_OK;
  char *value = !ok                        ? g_strdup("")
                : r->flags & FLAG_SUPPRESSED ? g_strdup(measure_flag_mark(MEASURE_FLAG_SUPPRESSED_INDEX)) /* never the number */
                : r->is_text               ? g_strdup(r->display)
                                           : ratio_format(r->value, r->decimals, FALSE);
  char *marks = measure_flags_marks(ok ? r->flags & ~(guint)FLAG_SUPPRESSED : 0);
  const char *fields[] = {m->ref, period, series, value ? value : "",
                          ok && rating_is_rated(r->rating.level) ? rating_name(r->rating.level, FALSE) : "",
                          ok ? measure_direction_name(r->direction) : "", g_strstrip(marks),
                          ok || !r->why ? "" : r->why};
  for (guint i = 0; i < G_N_ELEMENTS(fields); i++) {
    if (i) g_string_append_c(out, ',');
    put_field(out, fields[i]);
  }
  g_string_append(out, "\r\n");
  g_free(period);
  g_free(value), g_free(marks);
}

static void put_measure(GString *out, const Measures *ms, const Measure *m) {
  for (guint j = 0; j < measures_series_count(ms, m); j++) {
    const char *series = measures_series_name(ms, m, j);
    GArray *periods = measures_periods(ms, m, series);
    for (guint k = 0; k < periods->len; k++) {
      Period p = g_array_index(periods, Period, k);
      MeasureResult r;
      if (measures_get_period(ms, m, series, p, &r) == MEASURE_OK) put_row(out, m, series, &r);
      measure_result_clear(&r);
    }
    g_array_unref(periods);
  }
}

/* With --period, measures whose data has that period in another kind of
 * text (2013-03 vs 2012/13) are still asked for it directly. */
static void put_period(GString *out, const Measures *ms, const Measure *m, Period p) {
  guint n = measures_series_count(ms, m);
  for (guint j = 0; j < MAX(n, 1u); j++) {
    const char *series = n ? measures_series_name(ms, m, j) : ""; /* none at all: the own row says why */
    MeasureResult r;
    /* the own figures' row is there even without one, saying why */
    if (measures_get_period(ms, m, series, p, &r) == MEASURE_OK || !*series) {
      r.period = p;
      put_row(out, m, series, &r);
    }
    measure_result_clear(&r);
  }
}

/* The view of unit `id` (NULL: the top) of the hierarchy in `path`, or
 * NULL with diagnostics. */
static Measures *unit_view(Measures *ms, const char *path, const char *id, DiagList *diags) {
  Hierarchy *h = hierarchy_load(path, diags);
  if (!h || !measures_set_hierarchy(ms, h, diags)) {
    if (!measures_hierarchy(ms)) hierarchy_free(h);
    return NULL;
  }
  const Unit *u = id ? hierarchy_lookup(h, id) : hierarchy_top(h);
  if (!u) {
    const char *near = hierarchy_suggest(h, id);
    diag_error(diags, path, 0, 0, "--unit %s: no unit has that id%s%s%s", id, near ? " (did you mean \"" : "",
               near ? near : "", near ? "\"?)" : "");
    return NULL;
  }
  return measures_unit_view(ms, u);
}

static int usage(GOptionContext *ctx, const char *msg) {
  char *help = g_option_context_get_help(ctx, TRUE, NULL);
  fprintf(stderr, "boardpack measures: %s\n%s", msg, help);
  g_free(help);
  return 2;
}

int cmd_measures(int argc, char **argv) {
  char *period_arg = NULL, *units_arg = NULL, *unit_arg = NULL;
  gboolean all_warnings = FALSE;
  GOptionEntry entries[] = {
      {"period", 'p', 0, G_OPTION_ARG_STRING, &period_arg, "Only this period (2013-06, 2013-Q1, 2012/13, ...)", "P"},
      {"units", 0, 0, G_OPTION_ARG_FILENAME, &units_arg, "The hierarchy of units the data's unit column names",
       "UNITS.xml"},
      {"unit", 0, 0, G_OPTION_ARG_STRING, &unit_arg, "With --units: this unit's figures (default: the top unit's)", "ID"},
      {"all-warnings", 0, 0, G_OPTION_ARG_NONE, &all_warnings, "Print every warning (errors are always printed)",
       NULL},
      {NULL, 0, 0, 0, NULL, NULL, NULL}};
  GOptionContext *ctx = g_option_context_new("CATALOGUE DATA - print computed measures as CSV");
  g_option_context_add_main_entries(ctx, entries, NULL);
  GError *err = NULL;
  int rc = 0;
  Period only;
  char *why = NULL;
  if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
    rc = usage(ctx, err->message);
    g_error_free(err);
  } else if (argc != 3) {
    rc = usage(ctx, "expected a catalogue and a data file");
  } else if (period_arg && !period_parse(period_arg, &only, &why)) {
    rc = usage(ctx, why);
  } else if (unit_arg && !units_arg) {
    rc = usage(ctx, "--unit needs --units UNITS.xml");
  }
  g_free(why);
  if (rc) {
    g_option_context_free(ctx);
    g_free(period_arg), g_free(units_arg), g_free(unit_arg);
    return rc;
  }
  DiagList *diags = diag_list_new();
  Measures *loaded = measures_load(argv[1], argv[2], diags);
  Measures *view = loaded && units_arg ? unit_view(loaded, units_arg, unit_arg, diags) : NULL;
  Measures *ms = units_arg ? view : loaded;
  char *counts = diag_counts_text(diag_print_with(diags, stderr, all_warnings));
  if (counts) fprintf(stderr, "%s: %s\n", argv[2], counts);
  g_free(counts);
  if (ms) {
    GString *out = g_string_new("ref,period,series,value,band,direction,marks,note\r\n");
    for (guint i = 0; i < measures_count(ms); i++) {
      if (period_arg)
        put_period(out, ms, measures_nth(ms, i), only);
      else
        put_measure(out, ms, measures_nth(ms, i));
    }
    fwrite(out->str, 1, out->len, stdout);
    g_string_free(out, TRUE);
  }
  rc = ms ? 0 : 1;
  measures_free(view);
  measures_free(loaded);
  diag_list_free(diags);
  g_option_context_free(ctx);
  g_free(period_arg), g_free(units_arg), g_free(unit_arg);
  return rc;
}
