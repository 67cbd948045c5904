/* bind_direction — what a direction of travel compares with, said wherever
 * an arrow is shown: the legend's heading, a note under each scorecard,
 * the words of <direction words="yes">, and an error when a scorecard's
 * own columns would make its arrows look wrong.
 *
 * Why: a year-to-date count going 59 → 71 → 88 month by month can rightly
 * show ↘ (it is lower than the same month last year), but a reader who sees
 * only the three columns reads the arrow as a mistake. So the basis is
 * always named, and a scorecard whose columns contradict its arrows (and
 * does not show the period the arrow compares with) is refused. */
#include <string.h>

#include "bind_internal.h"

/* ---- the legend ------------------------------------------------------------ */

/* "previous period", "the same period last year", "2023/24". */
static char *generic_basis(const Measure *m) {
  switch (m->comparison) {
  case COMPARE_YEAR_AGO: return g_strdup("the same period last year");
  case COMPARE_PERIOD: return period_long_name(m->compare_period);
  case COMPARE_PREVIOUS:
  default: return g_strdup("previous period");
  }
}

void bind_direction_used(BindContext *bc, const Measure *m) {
  if (!m) return;
  char *b = generic_basis(m);
  for (guint i = 0; i < bc->comparisons->len; i++)
    if (strcmp(g_ptr_array_index(bc->comparisons, i), b) == 0) {
      g_free(b);
      return;
    }
  g_ptr_array_add(bc->comparisons, b);
}

char *bind_direction_heading(const BindContext *bc) {
  GString *s = g_string_new("Direction of travel from ");
  if (bc->comparisons->len == 0) g_string_append(s, "previous period");
  for (guint i = 0; i < bc->comparisons->len; i++) {
    if (i) g_string_append(s, i + 1 == bc->comparisons->len ? " or " : ", ");
    g_string_append(s, g_ptr_array_index(bc->comparisons, i));
  }
  if (bc->comparisons->len > 1) g_string_append(s, " (the note under each scorecard says which)");
  return g_string_free(s, FALSE);
}

/* ---- words ---------------------------------------------------------------- */

/* "the same month last year (September 2023)", or "2023/24" for a named
 * period, which needs no gloss. */
static char *basis_with_period(const MeasureResult *r, gboolean long_names) {
  char *basis = measures_comparison_name(r->measure, r->period);
  if (r->measure->comparison == COMPARE_PERIOD) return basis;
  char *p = long_names ? period_long_name(r->compared_with) : period_short_name(r->compared_with);
  char *t = g_strdup_printf("%s (%s)", basis, p);
  g_free(basis), g_free(p);
  return t;
}

char *bind_direction_words(const MeasureResult *r) {
  char *basis = basis_with_period(r, TRUE);
  char *t;
  if (!r->compared || r->is_text) {
    t = g_strdup_printf("not comparable with %s", basis);
  } else if (r->direction == DIRECTION_MAINTAINED) {
    t = g_strdup_printf("about the same as %s", basis);
  } else {
    int c = ratio_cmp(r->value, r->compared_value);
    const char *judged = r->direction == DIRECTION_IMPROVED       ? " (better)"
                         : r->direction == DIRECTION_DETERIORATED ? " (worse)"
                                                                  : "";
    t = c == 0 ? g_strdup_printf("the same as %s", basis)
               : g_strdup_printf("%s%s than %s", c > 0 ? "higher" : "lower", judged, basis);
  }
  g_free(basis);
  return t;
}

/* ---- the note under a scorecard ------------------------------------------- */

typedef struct {
  char *basis;
  GPtrArray *refs; /* const char*, borrowed from the catalogue */
} NoteGroup;

void bind_direction_note_init(DirectionNote *n) {
  n->groups = g_ptr_array_new();
  n->last = NULL;
}

void bind_direction_note_add(DirectionNote *n, const MeasureResult *r) {
  if (!r->measure) return;
  char *basis = basis_with_period(r, FALSE);
  if (!n->last) n->last = period_short_name(r->period);
  for (guint i = 0; i < n->groups->len; i++) {
    NoteGroup *g = g_ptr_array_index(n->groups, i);
    if (strcmp(g->basis, basis) == 0) {
      g_ptr_array_add(g->refs, r->measure->ref);
      g_free(basis);
      return;
    }
  }
  NoteGroup *g = g_new0(NoteGroup, 1);
  g->basis = basis;
  g->refs = g_ptr_array_new();
  g_ptr_array_add(g->refs, r->measure->ref);
  g_ptr_array_add(n->groups, g);
}

static void refs_append(GString *s, const GPtrArray *refs) {
  for (guint i = 0; i < refs->len; i++) {
    if (i) g_string_append(s, i + 1 == refs->len ? " and " : ", ");
    g_string_append(s, g_ptr_array_index(refs, i));
  }
}

/* "DoT compares the Sep-24 figures with the previous month (Aug-24); for DR
 * and DR5, with the same month last year (Sep-23)." The largest group is
 * named without its refs. */
SpecBlock *bind_direction_note_block(BindContext *bc, DirectionNote *n) {
  SpecBlock *b = NULL;
  if (n->groups->len) {
    guint largest = 0;
    for (guint i = 1; i < n->groups->len; i++)
      if (((NoteGroup *)g_ptr_array_index(n->groups, i))->refs->len >
          ((NoteGroup *)g_ptr_array_index(n->groups, largest))->refs->len)
        largest = i;
    GString *s = g_string_new(NULL);
    g_string_append_printf(s, "DoT compares the %s figures with %s", n->last,
                           ((NoteGroup *)g_ptr_array_index(n->groups, largest))->basis);
    for (guint i = 0; i < n->groups->len; i++) {
      if (i == largest) continue;
      NoteGroup *g = g_ptr_array_index(n->groups, i);
      g_string_append(s, "; for ");
      refs_append(s, g->refs);
      g_string_append_printf(s, ", with %s", g->basis);
    }
    g_string_append_c(s, '.');
    b = spec_block_new(bc->spec, BLOCK_PARAGRAPH, 0, 0);
    b->text = spec_inline_new(bc->spec, s->str, 0, NULL);
    g_string_free(s, TRUE);
  }
  for (guint i = 0; i < n->groups->len; i++) {
    NoteGroup *g = g_ptr_array_index(n->groups, i);
    g_free(g->basis);
    g_ptr_array_free(g->refs, TRUE);
    g_free(g);
  }
  g_ptr_array_free(n->groups, TRUE);
  g_free(n->last);
  return b;
}

/* ---- columns that contradict the arrow ------------------------------------ */

/* Whether the scorecard has an own column for the period the arrow
 * compares with (then the reader can see both figures). */
static gboolean shows_compared_period(const SpecDataBlock *d, const MeasureResult *last) {
  Period want = measures_window(last->measure, last->compared_with);
  for (guint i = 0; i < d->n_columns; i++) {
    Period p;
    if (d->columns[i].series || !period_parse(d->columns[i].period, &p, NULL)) continue;
    if (period_same_window(measures_window(last->measure, p), want)) return TRUE;
  }
  return FALSE;
}

void bind_direction_check_columns(BindContext *bc, const SpecBlock *row, const SpecDataBlock *d,
                                  const MeasureResult *before, const MeasureResult *last) {
  if (!before->measure || !last->measure || !d->direction) return;
  MeasureDirection shown = last->direction, seen = measures_direction_between(before, last);
  gboolean opposed = (shown == DIRECTION_IMPROVED && seen == DIRECTION_DETERIORATED) ||
                     (shown == DIRECTION_DETERIORATED && seen == DIRECTION_IMPROVED);
  if (!opposed || shows_compared_period(d, last)) return;
  char *basis = basis_with_period(last, FALSE);
  char *pa = period_short_name(before->period), *pb = period_short_name(last->period);
  char *compared = period_short_name(last->compared_with);
  gboolean rise = ratio_cmp(last->value, before->value) > 0;
  diag_error(bc->diags, bc->spec->path, row->line, row->col,
             "the arrow for %s (%s, %s) compares %s with %s, but the columns before it show a %s from %s (%s) to "
             "%s (%s): add a column for %s so the reader sees what the arrow compares, or leave the arrows out "
             "with direction=\"no\"",
             last->measure->ref, measure_direction_symbol(shown), measure_direction_name(shown), pb, basis,
             rise ? "rise" : "fall", before->display, pa, last->display, pb, compared);
  g_free(basis), g_free(pa), g_free(pb), g_free(compared);
}
