/* measures internals: the Measures struct, shared by measures.c and
 * measure_units.c (a unit's view is a Measures of its own). */
#ifndef BOARDPACK_MEASURES_INTERNAL_H
#define BOARDPACK_MEASURES_INTERNAL_H

#include "measure_units.h"

typedef struct MeasuresSet MeasuresSet; /* a memo's shared load (measures.c) */

struct Measures {
  Catalogue *cat;        /* owned, unless this is a view (base != NULL) or shared */
  MeasureData *data;     /* owned: the file's rows, or a view's; unless shared */
  MeasuresSet *shared;   /* a reference: cat and data are the set's (measures_load_memo) */
  /* units (measure_units.c); all NULL without a hierarchy */
  Hierarchy *hierarchy;  /* owned by the loaded Measures; a view borrows its base's */
  GHashTable *by_unit;   /* loaded: "unit\x1fmeasure index" -> GPtrArray of usable DataRow* (any series) */
  const Measures *base;  /* a view: the loaded Measures it reads */
  const Unit *unit;      /* a view: whose figures it holds */
  GHashTable *not_summed; /* a view: measure index + 1 -> char*, why the unit's figure could not be summed */
  GHashTable *summed;     /* a view: measure index + 1 of each own figure summed from children */
};

/* Frees what measure_units.c added (NULLs are fine). */
void measures_units_free(Measures *ms);
/* A failed figure of a view whose measure could not be summed: the
 * reason replaces the bare "no data". */
void measures_unit_explain(const Measures *ms, const Measure *m, const char *series, MeasureResult *out);

#endif
