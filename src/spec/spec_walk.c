/* spec_walk — the one walk over front sheet, body and annexes (spec.h). */
#include "spec.h"

static gboolean walk(SpecBlock *b, SpecVisit visit, gpointer data) {
  if (!b) return TRUE;
  SpecWalkStep step = visit(b, data);
  if (step == SPEC_WALK_STOP) return FALSE;
  if (step == SPEC_WALK_SKIP) return TRUE;
  for (guint i = 0; i < b->n_children; i++)
    if (!walk(b->children[i], visit, data)) return FALSE;
  return TRUE;
}

gboolean spec_walk(Spec *spec, SpecVisit visit, gpointer data) {
  if (!walk(spec->front, visit, data) || !walk(spec->body, visit, data)) return FALSE;
  for (guint i = 0; i < spec->n_annexes; i++)
    if (!walk(spec->annexes[i], visit, data)) return FALSE;
  return TRUE;
}
