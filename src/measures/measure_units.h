/* measure_units — one organisational unit's figures, from its own rows or
 * summed exactly from its children's.
 *
 * Owns: nothing new of its own: a unit's view is a Measures (freed with
 * measures_free, before the Measures it was made from) whose data holds
 * that unit's rows as the own figures, so every query (values, bands,
 * directions, charts, lint of requests) works on a unit unchanged.
 *
 * What a view holds, for each measure:
 *  - own figures (series ""): the unit's own rows if it has any for the
 *    measure (a parent's own row always wins); otherwise its children's,
 *    summed period by period: numerators added, denominators added (for
 *    counts, numerators only). A percentage is so worked out from its
 *    teams' numerators and denominators, never as an average of their
 *    percentages, and a rolling or year-to-date window is then summed from
 *    those months as for any raw rows. Exact, like all arithmetic here.
 *    A period is summed only when every child with rows for the measure
 *    has a raw row for exactly that period: a value is never made from
 *    fewer teams (the month is missing instead, and the value is "no
 *    data" or "incomplete" in the usual words).
 *    What cannot be summed exactly, and so needs the parent's own rows:
 *    published figures (value or text: medians, published rates), for
 *    which the view records why, and any figure whose population is not
 *    given per unit (a rate on a population measure finds the unit's
 *    population, summed the same way, or none).
 *  - comparators: the unit's own comparator series, and the top unit's
 *    for any series the unit lacks (England, statistical neighbours);
 *  - the parent's own figures as the series named by the parent's name,
 *    and the top unit's as the series named by its name (a worker's view
 *    compares with the team and the board).
 * Rows without a unit, or naming the top unit's id, are the top unit's.
 */
#ifndef BOARDPACK_MEASURE_UNITS_H
#define BOARDPACK_MEASURE_UNITS_H

#include "hierarchy.h"
#include "measures.h"

/* Attach `h` (taken over: freed with ms) to a loaded Measures and check
 * that every unit the data names is in it: an unknown unit is an error at
 * the data file's cell, with the nearest id. FALSE if there was one. */
gboolean measures_set_hierarchy(Measures *ms, Hierarchy *h, DiagList *diags);
/* The view of unit `u` of ms's hierarchy. Never NULL. */
Measures *measures_unit_view(const Measures *ms, const Unit *u);
/* The same holding measure m only (for comparing many units on one). */
Measures *measures_unit_view_of(const Measures *ms, const Unit *u, const Measure *m);

/* A view's unit, hierarchy and base; NULL for a Measures that is not a
 * view (measures_hierarchy: also for one loaded without units). */
const Unit *measures_unit(const Measures *ms);
const Hierarchy *measures_hierarchy(const Measures *ms);
const Measures *measures_base(const Measures *ms);

/* Whether the view's own figure for m was summed from its children
 * (TRUE) or is the unit's own rows (FALSE): the definitions sheet says so. */
gboolean measures_unit_summed(const Measures *ms, const Measure *m);
/* The units whose own rows a view's summed figure for m adds up: the
 * nearest units below it with rows of their own, appended to `out`
 * (const Unit *, in hierarchy order). Nothing for a Measures not a view. */
void measures_unit_sources(const Measures *ms, const Measure *m, GPtrArray *out);

#endif
