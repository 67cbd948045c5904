/* each — one report spec rendered once per unit of a level of its data's
 * hierarchy (`render SPEC --each team --outdir DIR`).
 *
 * Owns: an EachPlan (the units, their output and staging paths) until
 * each_plan_clear. Output names come from unit ids (DIR/ID.pdf; the
 * hierarchy's schema allows only letters, digits, '-' and '_' in an id, so
 * an id is always a plain file name). The set is all or nothing: workers
 * write each document to a hidden staging file beside its target
 * (DIR/.ID.pdf.each, itself written atomically by outfile), and only when
 * every unit rendered are the staged files renamed over their targets; if
 * any failed, or the batch is interrupted, the staged files are removed
 * and every existing output is left as it was.
 *
 * The plan also owns a MeasuresMemo primed with the spec's catalogue and
 * data, loaded once before the workers fork: each worker (one process a
 * unit) inherits the loaded set and only reads the two files again to
 * compare them, instead of parsing, validating and indexing them (58% of
 * a tiers worker report's instructions). NULL when the spec has no
 * <data>, or its set is not one the memo keeps (too big, or in error:
 * the workers then load it, and say its errors, themselves).
 */
#ifndef BOARDPACK_EACH_H
#define BOARDPACK_EACH_H

#include <glib.h>

#include "base/diag.h"
#include "measures/measures.h"

typedef struct {
  guint n;
  char **units;   /* unit ids, NULL-terminated */
  char **labels;  /* "SPEC [ID]", for progress and messages */
  char **outputs; /* DIR/ID.EXT */
  char **staged;  /* DIR/.ID.EXT.each: where the workers write */
  MeasuresMemo *memo; /* the spec's measures, loaded before the fork, or NULL */
} EachPlan;

/* The units of `level` in the spec's hierarchy (depth first, as
 * hierarchy_at_level), with their paths in `outdir`. FALSE with
 * diagnostics (a spec without <data units>, a level with no units). */
gboolean each_plan(const char *spec_path, const char *level, const char *outdir, const char *ext, EachPlan *plan,
                   DiagList *diags);
/* All rendered (`ok`): the staged files renamed into place; else removed.
 * FALSE (with *error) if a rename failed. */
gboolean each_commit(const EachPlan *plan, gboolean ok, GError **error);
void each_plan_clear(EachPlan *plan);

#endif
