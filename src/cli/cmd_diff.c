/* cmd_diff — `boardpack diff -c CATALOGUE OLD.csv NEW.csv` (or one data
 * file with `--period P --against Q`): what changed since last month, for
 * the members who ask, as text on the terminal.
 *
 * The comparison is measures_diff (measures/measures_diff.h), the same
 * one a report's <changes> block shows: here each kind of change gets a
 * heading ("Rating changed", "Revised after publication", "Direction
 * changed", "Value changed", "Target moved", in that order) and one line
 * per change. Nothing changed: "No changes". `--old-catalogue` names the
 * catalogue OLD was published with, so that moved targets are found.
 * `--units UNITS.xml`: data whose rows name units is compared unit by
 * unit, every unit of the hierarchy (depth first from the top, as --each
 * orders them), each unit's figures as its report shows them (its own
 * rows, or summed from its children's: measure_units.h); a unit with
 * changes gets a heading ("Children in Need Team (CIN, team)") and its
 * changes indented under it, a unit without none. Data naming units
 * without --units is an error: the top unit's figures alone would hide
 * every other unit's changes.
 * Exit status: 0 done, 1 data errors (diagnostics on stderr), 2 usage. */
#include <stdio.h>
#include <string.h>

#include "base/diag.h"
#include "cmd_diff.h"
#include "measures/measure_units.h"
#include "measures/measures_diff.h"

static const char *const change_headings[MEASURE_CHANGE_KINDS] = {
    "Rating changed", "Revised after publication", "Direction changed", "Value changed", "Target moved"};

/* "84.9% (achieved, improved) in March 2026" */
static char *figure_text(const MeasureFigure *f) {
  GString *s = g_string_new(f->text);
  const char *band = rating_is_rated(f->level) ? rating_name(f->level, FALSE) : "";
  const char *dir = measure_direction_name(f->direction);
  if (*band || *dir) g_string_append_printf(s, " (%s%s%s)", band, *band && *dir ? ", " : "", dir);
  char *when = period_long_name(f->period);
  g_string_append_printf(s, " in %s", when);
  g_free(when);
  return g_string_free(s, FALSE);
}

static void change_line(GString *out, const MeasureChange *c) {
  const Measure *m = c->measure;
  if (c->kind == MEASURE_CHANGE_REVISED) {
    char *when = period_long_name(c->from.period);
    g_string_append_printf(out, "  %s %s, %s: %s, now %s\n", m->ref, m->title, when, c->from.text, c->to.text);
    g_free(when);
  } else if (c->kind == MEASURE_CHANGE_TARGET) {
    g_string_append_printf(out, "  %s %s: from %s to %s\n", m->ref, m->title, c->from.text ? c->from.text : "none",
                           c->to.text ? c->to.text : "none");
  } else {
    char *from = figure_text(&c->from), *to = figure_text(&c->to);
    g_string_append_printf(out, "  %s %s: from %s to %s\n", m->ref, m->title, from, to);
    g_free(from);
    g_free(to);
  }
}

/* Each kind's heading and its changes' lines, `indent` further in. */
static void changes_append(GString *out, const GPtrArray *changes, const char *indent) {
  for (guint i = 0; i < changes->len; i++) {
    const MeasureChange *c = g_ptr_array_index(changes, i);
    const MeasureChange *before = i ? g_ptr_array_index(changes, i - 1) : NULL;
    if (!before || before->kind != c->kind) g_string_append_printf(out, "%s%s\n", indent, change_headings[c->kind]);
    g_string_append(out, indent);
    change_line(out, c);
  }
}

char *diff_text(const Measures *then_data, const Measures *now, const Period *period, const Period *against) {
  GPtrArray *changes = measures_diff(then_data, now, period, against, FALSE);
  GString *out = g_string_new(NULL);
  changes_append(out, changes, "");
  g_ptr_array_unref(changes);
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
  char *catalogue, *old_catalogue, *period, *against, *units;
} DiffOptions;

/* ---- unit by unit ---------------------------------------------------------- */

/* ms with the hierarchy in `path` attached; FALSE with diagnostics. */
static gboolean units_attach(Measures *ms, const char *path, DiagList *diags) {
  Hierarchy *h = hierarchy_load(path, diags);
  if (!h) return FALSE;
  return measures_set_hierarchy(ms, h, diags); /* ms owns h from here, even when it fails */
}

/* `u` and the units below it, depth first (a team, then its workers). */
static void units_depth_first(const Unit *u, GPtrArray *out) {
  g_ptr_array_add(out, (gpointer)u);
  for (guint i = 0; i < u->children->len; i++) units_depth_first(g_ptr_array_index(u->children, i), out);
}

/* Each unit's changes under its name, two spaces further in. */
static char *diff_units_text(const Measures *old, const Measures *now, const Period *period, const Period *against) {
  GPtrArray *units = g_ptr_array_new();
  units_depth_first(hierarchy_top(measures_hierarchy(now)), units);
  GString *out = g_string_new(NULL);
  for (guint i = 0; i < units->len; i++) {
    const Unit *u = g_ptr_array_index(units, i);
    const Unit *was = old ? hierarchy_lookup(measures_hierarchy(old), u->id) : NULL;
    Measures *then_view = was ? measures_unit_view(old, was) : NULL, *now_view = measures_unit_view(now, u);
    GPtrArray *changes = measures_diff(then_view, now_view, period, against, FALSE);
    if (changes->len) g_string_append_printf(out, "%s (%s, %s)\n", u->name, u->id, unit_level_name(u->level));
    changes_append(out, changes, "  ");
    g_ptr_array_unref(changes);
    measures_free(then_view);
    measures_free(now_view);
  }
  g_ptr_array_free(units, TRUE);
  if (!out->len) g_string_append(out, "No changes\n");
  return g_string_free(out, FALSE);
}

/* Without --units, rows that name a unit would be left out: an error at
 * the first. */
static gboolean units_needed(const Measures *ms, DiagList *diags) {
  int first = 0;
  guint n = mdata_unit_rows(measures_data(ms), &first);
  if (n)
    diag_error(diags, mdata_file(measures_data(ms)), first, 0,
               "%u row%s name a unit (the first here), but diff was given no hierarchy of units: add --units "
               "UNITS.xml so that every unit's figures are compared",
               n, n == 1 ? "" : "s");
  return n != 0;
}

static int diff_run(const DiffOptions *o, int files, char **paths) {
  Period period, against;
  if (o->period && !period_option(o->period, "--period", &period)) return 2;
  if (o->against && !period_option(o->against, "--against", &against)) return 2;
  DiagList *diags = diag_list_new();
  const char *old_catalogue = o->old_catalogue ? o->old_catalogue : o->catalogue;
  Measures *old = files == 2 ? measures_load(old_catalogue, paths[0], diags) : NULL;
  Measures *now = measures_load(o->catalogue, paths[files - 1], diags);
  gboolean loaded = now && (files == 1 || old);
  if (loaded && o->units) loaded = units_attach(now, o->units, diags) && (!old || units_attach(old, o->units, diags));
  else if (loaded) loaded = !units_needed(now, diags) && !(old && units_needed(old, diags));
  diag_print(diags, stderr);
  int status = 1;
  if (loaded) {
    const Period *p = o->period ? &period : NULL, *q = o->against ? &against : NULL;
    char *text = o->units ? diff_units_text(old, now, p, q) : diff_text(old, now, p, q);
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
      {"old-catalogue", 0, 0, G_OPTION_ARG_FILENAME, &o.old_catalogue,
       "The catalogue OLD.csv was published with (default: CATALOGUE); targets moved between them are listed",
       "CATALOGUE"},
      {"period", 0, 0, G_OPTION_ARG_STRING, &o.period, "Compare at period P (default: NEW's latest)", "P"},
      {"against", 0, 0, G_OPTION_ARG_STRING, &o.against, "Compare with period Q (default: OLD's latest)", "Q"},
      {"units", 0, 0, G_OPTION_ARG_FILENAME, &o.units,
       "The hierarchy of units the data's unit column names: every unit's changes, unit by unit", "UNITS.xml"},
      {NULL}};
  GOptionContext *ctx = g_option_context_new("OLD.csv NEW.csv | DATA.csv --period P --against Q - what changed");
  g_option_context_add_main_entries(ctx, entries, NULL);
  g_option_context_set_description(ctx, "Lists measures whose rating changed, then figures of past periods that\n"
                                        "NEW revises, then measures whose direction or value changed, then\n"
                                        "targets moved (--old-catalogue). With --units, the same for each unit\n"
                                        "of the hierarchy that has changes, under its name.\n");
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
  } else if (argc == 2 && o.old_catalogue) {
    status = diff_usage("--old-catalogue needs two data files: OLD.csv NEW.csv");
  } else if (argc == 2 && (!o.period || !o.against)) {
    status = diff_usage("with one data file, give both --period and --against");
  } else {
    status = diff_run(&o, argc - 1, argv + 1);
  }
  g_free(o.catalogue);
  g_free(o.old_catalogue);
  g_free(o.period);
  g_free(o.against);
  g_free(o.units);
  return status;
}
