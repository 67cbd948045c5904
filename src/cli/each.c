/* each — see each.h. */
#include "each.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/stat.h>

#include "batch.h"
#include "measures/hierarchy.h"
#include "spec/spec.h"

void each_plan_clear(EachPlan *plan) {
  g_strfreev(plan->units);
  g_strfreev(plan->labels);
  g_strfreev(plan->outputs);
  g_strfreev(plan->staged);
  measures_memo_free(plan->memo);
  *plan = (EachPlan){0};
}

static void plan_fill(EachPlan *plan, const char *spec_path, GPtrArray *units, const char *outdir, const char *ext) {
  plan->n = units->len;
  plan->units = g_new0(char *, units->len + 1);
  plan->labels = g_new0(char *, units->len + 1);
  plan->outputs = g_new0(char *, units->len + 1);
  plan->staged = g_new0(char *, units->len + 1);
  for (guint i = 0; i < units->len; i++) {
    const Unit *u = g_ptr_array_index(units, i);
    char *name = g_strconcat(u->id, ext, NULL), *hidden = g_strconcat(".", u->id, ext, ".each", NULL);
    plan->units[i] = g_strdup(u->id);
    plan->labels[i] = g_strdup_printf("%s [%s]", spec_path, u->id);
    plan->outputs[i] = g_build_filename(outdir, name, NULL);
    plan->staged[i] = g_build_filename(outdir, hidden, NULL);
    g_free(name), g_free(hidden);
  }
}

static goffset file_size(const char *path) {
  GStatBuf st;
  return path && g_stat(path, &st) == 0 ? (goffset)st.st_size : 0;
}

/* The spec's (catalogue, data) set loaded into a memo for the workers to
 * inherit, unless the memo would not keep it (then the parent would load
 * a large file for nothing). What the load says is dropped here: each
 * worker's report says it again as it gets the set (or loads it and says
 * its errors). */
static MeasuresMemo *memo_primed(const Spec *spec) {
  if (!spec->data.catalogue) return NULL;
  if (!measures_memo_keeps(file_size(spec->data.catalogue), file_size(spec->data.values))) return NULL;
  MeasuresMemo *memo = measures_memo_new();
  DiagList *quiet = diag_list_new();
  measures_free(measures_load_memo(memo, spec->data.catalogue, spec->data.values, quiet));
  diag_list_free(quiet);
  return memo;
}

gboolean each_plan(const char *spec_path, const char *level, const char *outdir, const char *ext, EachPlan *plan,
                   DiagList *diags) {
  *plan = (EachPlan){0};
  UnitLevel lv;
  if (!unit_level_parse(level, &lv)) {
    diag_error(diags, spec_path, 0, 0, "--each %s: the levels are board, service, team and worker", level);
    return FALSE;
  }
  Spec *spec = spec_load(spec_path, diags);
  if (!spec) return FALSE;
  gboolean ok = FALSE;
  if (!spec->data.units) {
    diag_error(diags, spec->path, spec->data.line, spec->data.col,
               "--each %s renders the report once per unit, but %s names no hierarchy of units: add units=\"…\" to "
               "<data>",
               level, spec->data.catalogue ? "its <data>" : "the report (it has no <data>)");
  } else {
    Hierarchy *h = hierarchy_load(spec->data.units, diags);
    GPtrArray *units = h ? hierarchy_at_level(h, lv, NULL) : NULL;
    if (units && !units->len)
      diag_error(diags, spec->data.units, 0, 0, "--each %s: the hierarchy has no unit at level \"%s\"", level, level);
    else if (units) {
      plan_fill(plan, spec_path, units, outdir, ext), ok = TRUE;
      plan->memo = memo_primed(spec);
    }
    if (units) g_ptr_array_unref(units);
    hierarchy_free(h);
  }
  spec_free(spec);
  return ok;
}

/* A replaced output keeps its mode, as outfile_write keeps it. */
static void mode_keep(const char *staged, const char *output) {
  GStatBuf st;
  if (g_stat(output, &st) == 0 && S_ISREG(st.st_mode)) g_chmod(staged, st.st_mode & 07777);
}

gboolean each_commit(const EachPlan *plan, gboolean ok, GError **error) {
  for (guint i = 0; i < plan->n; i++) {
    if (!ok) {
      g_unlink(plan->staged[i]);
      continue;
    }
    mode_keep(plan->staged[i], plan->outputs[i]);
    if (g_rename(plan->staged[i], plan->outputs[i]) != 0) {
      g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno), "cannot write %s: %s", plan->outputs[i],
                  g_strerror(errno));
      g_unlink(plan->staged[i]);
      ok = FALSE;
    }
  }
  return ok;
}
