/* layout_grid — runs of consecutive scorecards, which share one column
 * grid so that their figures line up from one to the next (one per theme,
 * one under another).
 *
 * Owns: the TableGrids of a collect pass and the map from each member
 * table to its grid.
 *
 * What always holds:
 *   - a run is two or more scorecards (tables bind made from <scorecard>,
 *     sized from their content, not turned landscape) with the same
 *     columns (as many figure columns, and a direction column and a
 *     sparkline in all or none), following one another in document order
 *     with nothing between them but the start or end of a section (its
 *     heading): any other block (a paragraph, a chart, the legend) ends
 *     the run. (Letting one without a direction column join the others
 *     on their first columns was tried: on Walsall it took the direction
 *     column's room from six scorecards' labels, 38 pages became 39);
 *   - a table belongs to at most one grid; a table alone has none;
 *   - the grid's widths are worked out by layout_table.c when the first
 *     member is laid out, from every member's cells, and used by every
 *     member laid out in the same column width and house style (one in
 *     another keeps widths of its own).
 */
#include <string.h>

#include "layout_internal.h"

static gboolean is_grid_table(const SpecBlock *b) {
  if (b->kind != BLOCK_TABLE || !b->data || b->data->n_columns == 0 || b->landscape) return FALSE;
  for (guint i = 0; i < b->n_columns; i++)
    if (b->columns[i].width == SPEC_COL_AUTO) return TRUE;
  return FALSE;
}

typedef struct {
  Collect *c;
  TableGrid *run; /* the run being gathered, or NULL after a block that ends it */
  char *shape;    /* the run's column shape (grid_shape), or NULL */
} GridWalk;

/* A scorecard's columns as letters: L (label), F per figure column, then
 * D (direction) and S (sparkline) when it has them. Scorecards share a
 * grid when their shapes are the same. */
static char *grid_shape(const SpecBlock *b) {
  GString *s = g_string_new("L");
  for (guint i = 0; i < b->data->n_columns; i++) g_string_append_c(s, 'F');
  if (b->data->direction) g_string_append_c(s, 'D');
  if (b->data->sparkline) g_string_append_c(s, 'S');
  return g_string_free(s, FALSE);
}

static void grid_free(gpointer p) {
  TableGrid *g = p;
  g_ptr_array_free(g->tables, TRUE);
  if (g->measured) g_hash_table_destroy(g->measured);
  g_free(g->widths);
  g_free(g->frac_max);
  g_free(g->req);
  g_free(g);
}

/* A run of one is no grid: it is dropped when the run ends. */
static void run_end(GridWalk *w) {
  TableGrid *g = w->run;
  w->run = NULL;
  g_free(w->shape);
  w->shape = NULL;
  if (!g) return;
  if (g->tables->len < 2) {
    grid_free(g);
    return;
  }
  g_ptr_array_add(w->c->grid_list, g);
  for (guint i = 0; i < g->tables->len; i++) g_hash_table_insert(w->c->grids, g_ptr_array_index(g->tables, i), g);
}

static SpecWalkStep grid_visit(SpecBlock *b, gpointer data) {
  GridWalk *w = data;
  if (b->kind == BLOCK_SECTION) return SPEC_WALK_CHILDREN; /* a heading does not part two scorecards */
  if (!is_grid_table(b)) {
    run_end(w);
    return b->kind == BLOCK_TABLE ? SPEC_WALK_SKIP : SPEC_WALK_CHILDREN;
  }
  char *shape = grid_shape(b);
  if (w->run && strcmp(w->shape, shape) != 0) run_end(w);
  if (!w->run) {
    w->run = g_new0(TableGrid, 1);
    w->run->tables = g_ptr_array_new();
    w->run->n_columns = b->n_columns;
    w->shape = shape, shape = NULL;
  }
  g_free(shape);
  g_ptr_array_add(w->run->tables, b);
  return SPEC_WALK_SKIP;
}

void layout_grids_find(Collect *c) {
  c->grids = g_hash_table_new(g_direct_hash, g_direct_equal);
  c->grid_list = g_ptr_array_new_with_free_func(grid_free);
  GridWalk w = {.c = c};
  spec_walk(c->spec, grid_visit, &w);
  run_end(&w);
}

void layout_grids_free(Collect *c) {
  g_hash_table_destroy(c->grids);
  g_ptr_array_free(c->grid_list, TRUE);
  c->grids = NULL, c->grid_list = NULL;
}

TableGrid *layout_grid_of(const Collect *c, const SpecBlock *table) {
  return c->grids ? g_hash_table_lookup(c->grids, table) : NULL;
}
