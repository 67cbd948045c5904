/* hierarchy — the organisational units a data file's `unit` column names:
 * the board at the top, then services, teams and workers.
 *
 * Owns: Hierarchy and its Unit entries (strings copied out of the XML,
 * which is released after loading).
 * The file (schema src/schema/units.rng) lists one <unit id name level
 * [parent]> per unit, in any order. Invariants after a load succeeds:
 *   - ids are unique (compared exactly, as the data's unit column is);
 *   - exactly one unit, the top, has no parent; every other parent= names
 *     a unit of the file, and following parents always reaches the top
 *     (no cycle);
 *   - a unit's level is below its parent's (board > service > team >
 *     worker), so a figure is never summed into a unit of its own level;
 *   - each unit's children are in file order, and hierarchy_at_level lists
 *     units depth first from the top (a team's workers together, teams
 *     under their service), the order of --each and of heat-map rows.
 * Every problem is an error at the <unit>'s line and column; a misspelt
 * parent gets the nearest id ("did you mean").
 */
#ifndef BOARDPACK_HIERARCHY_H
#define BOARDPACK_HIERARCHY_H

#include <glib.h>

#include "base/diag.h"

typedef enum { UNIT_BOARD, UNIT_SERVICE, UNIT_TEAM, UNIT_WORKER } UnitLevel;
#define UNIT_LEVEL_COUNT 4

typedef struct Unit Unit;
struct Unit {
  char *id;
  char *name;
  UnitLevel level;
  const Unit *parent; /* NULL for the top unit */
  GPtrArray *children; /* const Unit*, file order */
  int line, col;
};

typedef struct Hierarchy Hierarchy;

Hierarchy *hierarchy_load(const char *path, DiagList *diags);
/* The same from a buffer (`name` for messages). */
Hierarchy *hierarchy_parse(const char *name, const char *buf, gsize len, DiagList *diags);
void hierarchy_free(Hierarchy *h);

const char *hierarchy_file(const Hierarchy *h);
const Unit *hierarchy_top(const Hierarchy *h);
guint hierarchy_count(const Hierarchy *h);               /* file order */
const Unit *hierarchy_nth(const Hierarchy *h, guint i);
const Unit *hierarchy_lookup(const Hierarchy *h, const char *id); /* NULL if none */
/* The id nearest a misspelt one, for "did you mean", or NULL. */
const char *hierarchy_suggest(const Hierarchy *h, const char *id);
/* Units at `level` that are `within` (itself or below it; NULL: the
 * top), depth first. g_ptr_array_unref it; elements const Unit*. */
GPtrArray *hierarchy_at_level(const Hierarchy *h, UnitLevel level, const Unit *within);
/* TRUE if `u` is `ancestor` or below it. */
gboolean unit_within(const Unit *u, const Unit *ancestor);

const char *unit_level_name(UnitLevel l); /* "board", "service", "team", "worker" */
/* FALSE if `name` is not a level. */
gboolean unit_level_parse(const char *name, UnitLevel *out);

#endif
