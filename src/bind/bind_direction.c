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

/* The legend's words for a measure's basis: "previous period", "the same
 * period last year", "2023/24", in `lang`. */
static char *generic_basis(const char *lang, const Measure *m) {
  if (m->comparison != COMPARE_PERIOD) return g_strdup(bind_basis_generic(lang, m->comparison));
  char *text = period_text(m->compare_period);
  char *name = bind_period_name(lang, text, PERIOD_NAME_LONG);
  g_free(text);
  return name;
}

/* bc->comparisons holds one measure per distinct basis (keyed in English). */
void bind_direction_used(BindContext *bc, const Measure *m) {
  if (!m) return;
  char *b = generic_basis("en", m);
  gboolean seen = FALSE;
  for (guint i = 0; i < bc->comparisons->len && !seen; i++) {
    char *o = generic_basis("en", g_ptr_array_index(bc->comparisons, i));
    seen = strcmp(o, b) == 0;
    g_free(o);
  }
  if (!seen) g_ptr_array_add(bc->comparisons, (gpointer)m);
  g_free(b);
}

/* Welsh joins the article to the word before it: "o'r", "neu'r". */
static void join_basis(GString *s, const char *lang, guint i, guint n, const Measure *m) {
  gboolean cy = bind_welsh(lang), last = i + 1 == n && i > 0;
  if (!cy) {
    if (i) g_string_append(s, last ? " or " : ", ");
  } else {
    gboolean article = !m || m->comparison != COMPARE_PERIOD;
    g_string_append(s, i == 0 ? (article ? "o'r " : "o ") : last ? (article ? " neu'r " : " neu ") : (article ? ", y " : ", "));
  }
  char *b = m ? generic_basis(lang, m) : g_strdup(bind_basis_generic(lang, COMPARE_PREVIOUS));
  g_string_append(s, b);
  g_free(b);
}

char *bind_direction_heading(const BindContext *bc, const char *lang) {
  gboolean cy = bind_welsh(lang);
  GString *s = g_string_new(cy ? "Cyfeiriad teithio " : "Direction of travel from ");
  if (bc->comparisons->len == 0) join_basis(s, lang, 0, 1, NULL);
  for (guint i = 0; i < bc->comparisons->len; i++)
    join_basis(s, lang, i, bc->comparisons->len, g_ptr_array_index(bc->comparisons, i));
  if (bc->comparisons->len > 1)
    g_string_append(s, cy ? " (mae'r nodyn o dan bob cerdyn sgorio yn dweud pa un)" : " (the note under each scorecard says which)");
  return g_string_free(s, FALSE);
}

/* ---- words ---------------------------------------------------------------- */

/* "with the same month last year (Sep-23)", "â'r mis blaenorol (Awst-24)",
 * or "with 2023/24" for a named period, which needs no gloss. */
static char *basis_with_period(const char *lang, const MeasureResult *r) {
  char *basis = bind_basis_words(lang, r->measure, r->period, bind_welsh(lang) ? "\xc3\xa2" : "with");
  if (r->measure->comparison == COMPARE_PERIOD) return basis;
  char *text = period_text(r->compared_with);
  char *p = bind_period_name(lang, text, PERIOD_NAME_SHORT);
  char *t = g_strdup_printf("%s (%s)", basis, p);
  g_free(basis), g_free(p), g_free(text);
  return t;
}

const char *bind_direction_name(const char *lang, MeasureDirection d) {
  const char *arrow = measure_direction_symbol(d);
  const char *words = *arrow ? measure_symbol_words(g_utf8_get_char(arrow), SYMBOL_BASIS_UNKNOWN, bind_welsh(lang)) : NULL;
  return words ? words : "";
}

char *bind_direction_words(const char *lang, const MeasureResult *r) {
  DirectionWords w;
  if (!r->compared || r->is_text) {
    w = DIRECTION_WORDS_NOT_COMPARABLE;
  } else if (r->direction == DIRECTION_MAINTAINED) {
    w = DIRECTION_WORDS_ABOUT_SAME;
  } else {
    int c = ratio_cmp(r->value, r->compared_value);
    int judged = r->direction == DIRECTION_IMPROVED ? 0 : r->direction == DIRECTION_DETERIORATED ? 1 : 2;
    w = c == 0 ? DIRECTION_WORDS_SAME
        : c > 0 ? (DirectionWords)(DIRECTION_WORDS_HIGHER_BETTER + judged)
                : (DirectionWords)(DIRECTION_WORDS_LOWER_BETTER + judged);
  }
  return bind_direction_phrase(lang, w, r);
}

/* ---- the note under a scorecard ------------------------------------------- */

typedef struct {
  char *basis;
  GPtrArray *refs; /* const char*, borrowed from the catalogue */
} NoteGroup;

void bind_direction_note_init(DirectionNote *n, const char *lang) {
  n->groups = g_ptr_array_new();
  n->last = NULL;
  n->lang = lang;
}

void bind_direction_note_add(DirectionNote *n, const MeasureResult *r) {
  if (!r->measure) return;
  char *basis = basis_with_period(n->lang, r);
  if (!n->last) {
    char *text = period_text(r->period);
    n->last = bind_period_name(n->lang, text, PERIOD_NAME_SHORT);
    g_free(text);
  }
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

static void refs_append(GString *s, const GPtrArray *refs, const char *lang) {
  for (guint i = 0; i < refs->len; i++) {
    const char *ref = g_ptr_array_index(refs, i);
    g_string_append(s, bind_list_separator(lang, i, refs->len, ref));
    g_string_append(s, ref);
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
    gboolean cy = bind_welsh(n->lang);
    GString *s = g_string_new(NULL);
    g_string_append_printf(s, cy ? "Mae CyT yn cymharu ffigurau %s %s" : "DoT compares the %s figures %s", n->last,
                           ((NoteGroup *)g_ptr_array_index(n->groups, largest))->basis);
    for (guint i = 0; i < n->groups->len; i++) {
      if (i == largest) continue;
      NoteGroup *g = g_ptr_array_index(n->groups, i);
      g_string_append(s, cy ? "; ar gyfer " : "; for ");
      refs_append(s, g->refs, n->lang);
      g_string_append_printf(s, ", %s", g->basis);
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
  char *basis = basis_with_period("en", last);
  char *pa = period_short_name(before->period), *pb = period_short_name(last->period);
  char *compared = period_short_name(last->compared_with);
  gboolean rise = ratio_cmp(last->value, before->value) > 0;
  diag_error(bc->diags, bc->spec->path, row->line, row->col,
             "the arrow for %s (%s, %s) compares %s %s, but the columns before it show a %s from %s (%s) to "
             "%s (%s): add a column for %s so the reader sees what the arrow compares, or leave the arrows out "
             "with direction=\"no\"",
             last->measure->ref, measure_direction_symbol(shown), measure_direction_name(shown), pb, basis,
             rise ? "rise" : "fall", before->display, pa, last->display, pb, compared);
  g_free(basis), g_free(pa), g_free(pb), g_free(compared);
}
