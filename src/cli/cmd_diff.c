/* cmd_diff — `boardpack diff -c CATALOGUE OLD.csv NEW.csv` (or one data
 * file with `--period P --against Q`): what changed since last month, for
 * the members who ask.
 *
 * For each measure of the catalogue (the authority's own figures), "then"
 * is OLD's latest period (or Q) and "now" NEW's latest (or P). A measure is
 * listed once, under the first heading that applies, in this order:
 *   Rating changed     its band flipped (achieved / not met)
 *   Direction changed  its direction of travel is another
 *   Value changed      its figure is another
 * then, with two files, every figure of a past period that OLD and NEW
 * both hold but give differently ("Revised after publication"), in
 * catalogue order then period order. Figures are compared as displayed:
 * what a reader would see change. Nothing changed: "No changes".
 * Exit status: 0 done, 1 data errors (diagnostics on stderr), 2 usage. */
#include <stdio.h>
#include <string.h>

#include "base/diag.h"
#include "cmd_diff.h"

typedef enum { CHANGE_RATING, CHANGE_DIRECTION, CHANGE_VALUE, CHANGE_KINDS } ChangeKind;

static const char *const change_headings[CHANGE_KINDS] = {"Rating changed", "Direction changed", "Value changed"};

/* The latest period with a figure, or FALSE if none. */
static gboolean latest_period(const Measures *ms, const Measure *m, Period *out) {
  GArray *periods = measures_periods(ms, m, "");
  gboolean any = periods->len > 0;
  if (any) *out = g_array_index(periods, Period, periods->len - 1);
  g_array_unref(periods);
  return any;
}

/* "84.9% (achieved, improved) in March 2026" */
static char *figure_text(const MeasureResult *r) {
  GString *s = g_string_new(r->display);
  if (!r->is_text) g_string_append(s, r->unit);
  const char *band = measure_band_name(r->band), *dir = measure_direction_name(r->direction);
  if (*band || *dir) g_string_append_printf(s, " (%s%s%s)", band, *band && *dir ? ", " : "", dir);
  char *when = period_long_name(r->period);
  g_string_append_printf(s, " in %s", when);
  g_free(when);
  return g_string_free(s, FALSE);
}

/* Which heading a change from `a` to `b` goes under; CHANGE_KINDS if none. */
static ChangeKind change_kind(const MeasureResult *a, const MeasureResult *b) {
  if (a->band != b->band && a->band != BAND_NONE && b->band != BAND_NONE) return CHANGE_RATING;
  if (a->direction != b->direction) return CHANGE_DIRECTION;
  if (strcmp(a->display, b->display) != 0 || strcmp(a->unit, b->unit) != 0) return CHANGE_VALUE;
  return CHANGE_KINDS;
}

static gboolean result_at(const Measures *ms, const Measure *m, const Period *asked, MeasureResult *r) {
  Period p;
  if (asked) p = *asked;
  else if (!latest_period(ms, m, &p)) {
    memset(r, 0, sizeof *r);
    return FALSE;
  }
  return measures_get_period(ms, m, "", p, r) == MEASURE_OK;
}

static void measure_change(GString *sections[], const Measures *then_data, const Measures *now, const Measure *m,
                           const Period *period, const Period *against) {
  MeasureResult a, b;
  gboolean have_a = result_at(then_data, m, against, &a);
  gboolean have_b = result_at(now, m, period, &b);
  if (have_a && have_b) {
    ChangeKind k = change_kind(&a, &b);
    if (k != CHANGE_KINDS) {
      char *from = figure_text(&a), *to = figure_text(&b);
      g_string_append_printf(sections[k], "  %s %s: from %s to %s\n", m->ref, m->title, from, to);
      g_free(from);
      g_free(to);
    }
  }
  measure_result_clear(&a);
  measure_result_clear(&b);
}

/* Past figures OLD and NEW both hold but give differently. */
static void measure_revisions(GString *out, const Measures *old, const Measures *now, const Measure *m) {
  GArray *periods = measures_periods(old, m, "");
  for (guint i = 0; i < periods->len; i++) {
    Period p = g_array_index(periods, Period, i);
    MeasureResult a, b;
    gboolean both = measures_get_period(old, m, "", p, &a) == MEASURE_OK;
    both = measures_get_period(now, m, "", p, &b) == MEASURE_OK && both;
    if (both && strcmp(a.display, b.display) != 0) {
      char *when = period_long_name(p);
      g_string_append_printf(out, "  %s %s, %s: %s%s, now %s%s\n", m->ref, m->title, when, a.display,
                             a.is_text ? "" : a.unit, b.display, b.is_text ? "" : b.unit);
      g_free(when);
    }
    measure_result_clear(&a);
    measure_result_clear(&b);
  }
  g_array_unref(periods);
}

char *diff_text(const Measures *then_data, const Measures *now, const Period *period, const Period *against) {
  gboolean two_files = then_data != NULL;
  if (!then_data) then_data = now;
  GString *sections[CHANGE_KINDS + 1];
  for (guint k = 0; k <= CHANGE_KINDS; k++) sections[k] = g_string_new(NULL);
  for (guint i = 0; i < measures_count(now); i++) {
    const Measure *m = measures_nth(now, i);
    measure_change(sections, then_data, now, m, period, against);
    if (two_files) measure_revisions(sections[CHANGE_KINDS], then_data, now, m);
  }
  GString *out = g_string_new(NULL);
  for (guint k = 0; k <= CHANGE_KINDS; k++) {
    if (sections[k]->len)
      g_string_append_printf(out, "%s\n%s", k < CHANGE_KINDS ? change_headings[k] : "Revised after publication",
                             sections[k]->str);
    g_string_free(sections[k], TRUE);
  }
  if (!out->len) g_string_append(out, "No changes\n");
  return g_string_free(out, FALSE);
}

static int diff_usage(const char *msg) {
  fprintf(stderr, "boardpack: %s\nTry 'boardpack diff --help'.\n", msg);
  return 2;
}

/* --period/--against text to a Period; FALSE (a usage error) if bad. */
static gboolean period_option(const char *text, const char *option, Period *out) {
  char *why = NULL;
  if (period_parse(text, out, &why)) return TRUE;
  char *msg = g_strdup_printf("%s %s: %s", option, text, why);
  diff_usage(msg);
  g_free(msg);
  g_free(why);
  return FALSE;
}

typedef struct {
  char *catalogue, *period, *against;
} DiffOptions;

static int diff_run(const DiffOptions *o, int files, char **paths) {
  Period period, against;
  if (o->period && !period_option(o->period, "--period", &period)) return 2;
  if (o->against && !period_option(o->against, "--against", &against)) return 2;
  DiagList *diags = diag_list_new();
  Measures *old = files == 2 ? measures_load(o->catalogue, paths[0], diags) : NULL;
  Measures *now = measures_load(o->catalogue, paths[files - 1], diags);
  diag_print(diags, stderr);
  int status = 1;
  if (now && (files == 1 || old)) {
    char *text = diff_text(old, now, o->period ? &period : NULL, o->against ? &against : NULL);
    fputs(text, stdout);
    g_free(text);
    status = 0;
  }
  measures_free(old);
  measures_free(now);
  diag_list_free(diags);
  return status;
}

int cmd_diff(int argc, char **argv) {
  DiffOptions o = {0};
  GOptionEntry entries[] = {
      {"catalogue", 'c', 0, G_OPTION_ARG_FILENAME, &o.catalogue, "The catalogue the data files are for (required)",
       "CATALOGUE"},
      {"period", 0, 0, G_OPTION_ARG_STRING, &o.period, "Compare at period P (default: NEW's latest)", "P"},
      {"against", 0, 0, G_OPTION_ARG_STRING, &o.against, "Compare with period Q (default: OLD's latest)", "Q"},
      {NULL}};
  GOptionContext *ctx = g_option_context_new("OLD.csv NEW.csv | DATA.csv --period P --against Q - what changed");
  g_option_context_add_main_entries(ctx, entries, NULL);
  g_option_context_set_description(ctx, "Lists measures whose rating, direction or value changed (in that order),\n"
                                        "then figures of past periods that NEW revises.\n");
  GError *err = NULL;
  gboolean parsed = g_option_context_parse(ctx, &argc, &argv, &err);
  g_option_context_free(ctx);
  int status;
  if (!parsed) {
    status = diff_usage(err->message);
    g_error_free(err);
  } else if (!o.catalogue) {
    status = diff_usage("diff needs the catalogue: -c CATALOGUE.xml");
  } else if (argc != 2 && argc != 3) {
    status = diff_usage("diff takes two data files, or one with --period and --against");
  } else if (argc == 2 && (!o.period || !o.against)) {
    status = diff_usage("with one data file, give both --period and --against");
  } else {
    status = diff_run(&o, argc - 1, argv + 1);
  }
  g_free(o.catalogue);
  g_free(o.period);
  g_free(o.against);
  return status;
}
