/* measure_units — see measure_units.h.
 *
 * A view is built in one pass per measure: rows_of() gives a unit's own
 * rows, or its children's summed, recursively, memoised per unit; the
 * summed rows live in a scratch arena until they are copied into the
 * view's data. */
#include <string.h>

#include "measures_internal.h"

static char *unit_key(const char *unit, guint measure_index) { return g_strdup_printf("%s\x1f%u", unit, measure_index); }

void measures_units_free(Measures *ms) {
  if (!ms->base) hierarchy_free(ms->hierarchy);
  if (ms->by_unit) g_hash_table_destroy(ms->by_unit);
  if (ms->not_summed) g_hash_table_destroy(ms->not_summed);
  if (ms->summed) g_hash_table_destroy(ms->summed);
}

const Unit *measures_unit(const Measures *ms) { return ms->unit; }
const Hierarchy *measures_hierarchy(const Measures *ms) { return ms->hierarchy; }
const Measures *measures_base(const Measures *ms) { return ms->base; }

gboolean measures_unit_summed(const Measures *ms, const Measure *m) {
  return ms->summed && g_hash_table_contains(ms->summed, GUINT_TO_POINTER(m->index + 1));
}

void measures_unit_explain(const Measures *ms, const Measure *m, const char *series, MeasureResult *out) {
  const char *why = ms->not_summed && !*series ? g_hash_table_lookup(ms->not_summed, GUINT_TO_POINTER(m->index + 1)) : NULL;
  if (!why || (out->status != MEASURE_NO_DATA && out->status != MEASURE_INCOMPLETE)) return;
  g_free(out->why);
  out->why = g_strdup(why);
}

/* Whether unit u has rows of its own figures for m in the loaded data. */
static gboolean has_own_rows(const Measures *base, const Unit *u, const Measure *m) {
  char *key = unit_key(u->id, m->index);
  const GPtrArray *rows = g_hash_table_lookup(base->by_unit, key);
  g_free(key);
  for (guint i = 0; rows && i < rows->len; i++)
    if (!*((const DataRow *)g_ptr_array_index(rows, i))->series) return TRUE;
  return FALSE;
}

static void sources_below(const Measures *base, const Unit *u, const Measure *m, GPtrArray *out) {
  for (guint c = 0; c < u->children->len; c++) {
    const Unit *child = g_ptr_array_index(u->children, c);
    if (has_own_rows(base, child, m)) g_ptr_array_add(out, (gpointer)child);
    else sources_below(base, child, m, out);
  }
}

void measures_unit_sources(const Measures *ms, const Measure *m, GPtrArray *out) {
  if (ms->base && ms->unit && ms->base->by_unit) sources_below(ms->base, ms->unit, m, out);
}

/* ---- the data's units ---------------------------------------------------- */

/* The unit a row belongs to: its own, or the top's when it names none. */
static const char *row_unit(const Measures *ms, const DataRow *r) {
  return *r->unit ? r->unit : hierarchy_top(ms->hierarchy)->id;
}

static void index_by_unit(Measures *ms) {
  ms->by_unit = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
  const MeasureData *md = ms->data;
  for (guint i = 0; i < mdata_count(md); i++) {
    const DataRow *r = mdata_row(md, i);
    if (!r->usable || !hierarchy_lookup(ms->hierarchy, row_unit(ms, r))) continue;
    char *key = unit_key(row_unit(ms, r), r->measure->index);
    GPtrArray *rows = g_hash_table_lookup(ms->by_unit, key);
    if (!rows) g_hash_table_insert(ms->by_unit, g_strdup(key), rows = g_ptr_array_new());
    g_ptr_array_add(rows, (gpointer)r);
    g_free(key);
  }
}

gboolean measures_set_hierarchy(Measures *ms, Hierarchy *h, DiagList *diags) {
  ms->hierarchy = h;
  GHashTable *told = g_hash_table_new(g_str_hash, g_str_equal); /* each unknown unit once, at its first row */
  gboolean ok = TRUE;
  for (guint i = 0; i < mdata_count(ms->data); i++) {
    const DataRow *r = mdata_row(ms->data, i);
    if (!*r->unit || hierarchy_lookup(h, r->unit) || g_hash_table_contains(told, r->unit)) continue;
    g_hash_table_add(told, (gpointer)r->unit);
    const char *near = hierarchy_suggest(h, r->unit);
    diag_error(diags, mdata_file(ms->data), r->line, r->col_unit, "unit \"%s\" is not in %s%s%s%s", r->unit,
               hierarchy_file(h), near ? " (did you mean \"" : "", near ? near : "", near ? "\"?)" : "");
    ok = FALSE;
  }
  g_hash_table_destroy(told);
  index_by_unit(ms);
  return ok;
}

/* ---- summing ------------------------------------------------------------- */

typedef struct {
  const Measures *base;
  const Measure *m;
  GHashTable *memo;     /* Unit* -> GPtrArray of const DataRow* (own figures only) */
  GPtrArray *arena;     /* DataRow* summed rows, freed after the view is filled */
  char *why;            /* the first reason a sum was refused, for the view's unit */
  const Unit *explain;  /* while the view's own figures are summed: its unit (else NULL, no reason kept) */
  gboolean summed;      /* the view's own figure came from children */
} Summer;

static const GPtrArray *unit_rows(const Summer *s, const Unit *u) {
  char *key = unit_key(u->id, s->m->index);
  const GPtrArray *rows = g_hash_table_lookup(s->base->by_unit, key);
  g_free(key);
  return rows;
}

/* The unit's own rows of the measure in one series ("" own figures). */
static GPtrArray *own_rows(const Summer *s, const Unit *u, const char *series) {
  GPtrArray *out = g_ptr_array_new();
  const GPtrArray *rows = unit_rows(s, u);
  for (guint i = 0; rows && i < rows->len; i++) {
    const DataRow *r = g_ptr_array_index(rows, i);
    if (strcmp(r->series, series) == 0) g_ptr_array_add(out, (gpointer)r);
  }
  return out;
}

static gboolean same_period(Period a, Period b) { return a.kind == b.kind && a.start == b.start && a.months == b.months; }

static const DataRow *row_for_period(const GPtrArray *rows, Period p) {
  for (guint i = 0; i < rows->len; i++) {
    const DataRow *r = g_ptr_array_index(rows, i);
    if (same_period(r->period, p)) return r;
  }
  return NULL;
}

static void refuse(Summer *s, const Unit *u, const DataRow *r) {
  if (s->why || !s->explain) return;
  s->why = g_strdup_printf("%s for %s cannot be worked out from the units under it: %s's row for %s (line %d) is a "
                           "published figure (a value or text), which cannot be summed exactly; give %s its own rows "
                           "for %s",
                           s->m->ref, s->explain->name, u->name, s->m->ref, r->line, s->explain->name, s->m->ref);
}

/* The children's rows for one period summed, or NULL if a child with rows
 * lacks that period, any row is published, or the sum overflows. */
static DataRow *sum_period(Summer *s, GPtrArray *const *child_rows, const Unit *const *children, guint n, Period p) {
  DataRow sum = {0};
  gboolean first = TRUE;
  for (guint c = 0; c < n; c++) {
    if (!child_rows[c]->len) continue; /* no data for this measure at all */
    const DataRow *r = row_for_period(child_rows[c], p);
    if (!r) return NULL;
    if (!r->raw) {
      refuse(s, children[c], r);
      return NULL;
    }
    if (first) {
      sum = *r;
      sum.note = "";
      first = FALSE;
      continue;
    }
    if (__builtin_add_overflow(sum.num, r->num, &sum.num) || __builtin_add_overflow(sum.den, r->den, &sum.den)) return NULL;
    sum.has_den = sum.has_den && r->has_den;
    sum.flags |= r->flags;
  }
  if (first) return NULL;
  DataRow *out = g_new(DataRow, 1);
  *out = sum;
  g_ptr_array_add(s->arena, out);
  return out;
}

static const GPtrArray *rows_of(Summer *s, const Unit *u);

static GPtrArray *summed_rows(Summer *s, const Unit *u) {
  guint n = u->children->len;
  GPtrArray **child_rows = g_new(GPtrArray *, n);
  GPtrArray *out = g_ptr_array_new();
  for (guint c = 0; c < n; c++) child_rows[c] = (GPtrArray *)rows_of(s, g_ptr_array_index(u->children, c));
  GArray *periods = g_array_new(FALSE, FALSE, sizeof(Period)); /* in order of first appearance */
  for (guint c = 0; c < n; c++)
    for (guint i = 0; i < child_rows[c]->len; i++) {
      const DataRow *r = g_ptr_array_index(child_rows[c], i);
      gboolean seen = FALSE;
      for (guint k = 0; k < periods->len && !seen; k++) seen = same_period(g_array_index(periods, Period, k), r->period);
      if (!seen) g_array_append_val(periods, r->period);
    }
  for (guint k = 0; k < periods->len; k++) {
    DataRow *r = sum_period(s, child_rows, (const Unit *const *)u->children->pdata, n, g_array_index(periods, Period, k));
    if (r) g_ptr_array_add(out, r);
  }
  g_array_free(periods, TRUE);
  g_free(child_rows);
  return out;
}

/* A unit's own figures: its own rows if it has any, else its children's summed. */
static const GPtrArray *rows_of(Summer *s, const Unit *u) {
  GPtrArray *rows = g_hash_table_lookup(s->memo, u);
  if (rows) return rows;
  rows = own_rows(s, u, "");
  if (!rows->len && u->children->len) {
    g_ptr_array_unref(rows);
    rows = summed_rows(s, u);
  }
  g_hash_table_insert(s->memo, (gpointer)u, rows);
  return rows;
}

/* ---- the view ------------------------------------------------------------ */

static void add_rows(MeasureData *view, const GPtrArray *rows, const char *series) {
  for (guint i = 0; i < rows->len; i++) mdata_view_add(view, g_ptr_array_index(rows, i), series);
}

static gboolean has_series(const MeasureData *view, const Measure *m, const char *series) {
  return mdata_rows_for(view, m, series)->len > 0;
}

/* Comparator series of `from`, each unless the view has it already. */
static void add_comparators(Summer *s, MeasureData *view, const Unit *from) {
  const GPtrArray *rows = unit_rows(s, from);
  GHashTable *adding = g_hash_table_new(g_str_hash, g_str_equal);
  for (guint i = 0; rows && i < rows->len; i++) {
    const DataRow *r = g_ptr_array_index(rows, i);
    if (!*r->series) continue;
    if (!g_hash_table_contains(adding, r->series)) {
      if (has_series(view, s->m, r->series)) continue;
      g_hash_table_add(adding, (gpointer)r->series);
    }
    mdata_view_add(view, r, NULL);
  }
  g_hash_table_destroy(adding);
}

/* A rate summed from units below u needs the population of each unit
 * whose counts it adds, or one of u's own: else the population summed
 * would leave a unit out while its counts stay in (Team B's admissions
 * over Team A's population alone). Why not, or NULL. */
static char *population_gap(const Measures *base, const Measure *m, const Unit *u) {
  const Measure *pop = m->kind == MEASURE_RATE && m->population ? catalogue_lookup(base->cat, m->population) : NULL;
  if (!pop || has_own_rows(base, u, pop)) return NULL;
  GPtrArray *sources = g_ptr_array_new();
  sources_below(base, u, m, sources);
  char *why = NULL;
  for (guint i = 0; i < sources->len && !why; i++) {
    const Unit *src = g_ptr_array_index(sources, i);
    if (!has_own_rows(base, src, pop))
      why = g_strdup_printf("%s for %s cannot be worked out from the units under it: %s has %s rows but no %s rows "
                            "(the population it is a rate of), so the population summed would leave it out; give %s "
                            "its %s rows, or %s its own",
                            m->ref, u->name, src->name, m->ref, pop->ref, src->name, pop->ref, u->name);
  }
  g_ptr_array_free(sources, TRUE);
  return why;
}

static void view_measure(Measures *view, const Measures *base, const Measure *m, const Unit *u) {
  Summer s = {.base = base, .m = m, .memo = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                                                  (GDestroyNotify)g_ptr_array_unref),
              .arena = g_ptr_array_new_with_free_func(g_free)};
  GPtrArray *own = own_rows(&s, u, "");
  gboolean summed = !own->len && u->children->len;
  g_ptr_array_unref(own);
  char *gap = summed ? population_gap(base, m, u) : NULL;
  s.explain = u;
  if (gap) s.why = gap; /* no own figure at all: the reason is said where one is asked for */
  else add_rows(view->data, rows_of(&s, u), NULL);
  s.explain = NULL;
  if (summed) g_hash_table_add(view->summed, GUINT_TO_POINTER(m->index + 1));
  if (s.why) g_hash_table_insert(view->not_summed, GUINT_TO_POINTER(m->index + 1), s.why);
  add_comparators(&s, view->data, u);
  if (u != hierarchy_top(base->hierarchy)) add_comparators(&s, view->data, hierarchy_top(base->hierarchy));
  const Unit *top = hierarchy_top(base->hierarchy);
  if (u->parent && !has_series(view->data, m, u->parent->name)) add_rows(view->data, rows_of(&s, u->parent), u->parent->name);
  if (u != top && u->parent != top && !has_series(view->data, m, top->name)) add_rows(view->data, rows_of(&s, top), top->name);
  g_hash_table_destroy(s.memo);
  g_ptr_array_free(s.arena, TRUE);
}

static Measures *view_new(const Measures *ms, const Unit *u) {
  Measures *view = g_new0(Measures, 1);
  view->cat = ms->cat;
  view->base = ms;
  view->unit = u;
  view->hierarchy = ms->hierarchy;
  view->data = mdata_view_new(ms->data);
  view->not_summed = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
  view->summed = g_hash_table_new(g_direct_hash, g_direct_equal);
  return view;
}

Measures *measures_unit_view(const Measures *ms, const Unit *u) {
  Measures *view = view_new(ms, u);
  for (guint i = 0; i < catalogue_count(ms->cat); i++) view_measure(view, ms, catalogue_nth(ms->cat, i), u);
  return view;
}

Measures *measures_unit_view_of(const Measures *ms, const Unit *u, const Measure *m) {
  Measures *view = view_new(ms, u);
  view_measure(view, ms, m, u);
  /* a rate's population is a measure of its own */
  const Measure *pop = m->population ? catalogue_lookup(ms->cat, m->population) : NULL;
  if (pop) view_measure(view, ms, pop, u);
  return view;
}
