/* bind — see bind.h. This file: the walk, inline figures, scorecards, the
 * legend and the definitions sheet; charts are in bind_chart.c, ratings,
 * rating summaries and exception reports in bind_rating.c. */
#include "bind.h"

#include <string.h>

#include "bind_internal.h"

/* ---- building blocks in the spec's pool (spec_build.h) ------------------ */

SpecBlock *bind_group_row_new(Spec *spec, const char *text) {
  SpecBlock *g = spec_block_new(spec, BLOCK_TABLE_ROW, 0, 0);
  g->group = TRUE;
  g->text = spec_inline_new(spec, text, 0, NULL);
  return g;
}

/* ---- figures -------------------------------------------------------------- */

/* How much a figure the data lacks matters. */
typedef enum {
  FIGURE_REQUIRED,     /* an error */
  FIGURE_OPTIONAL,     /* "n/a" with a warning */
  FIGURE_GAP_EXPECTED, /* "n/a", silently (a cell of an optional scorecard column) */
} FigureNeed;

/* A value (TRUE), or FALSE with a diagnostic: where the figure need not be
 * there and measures_status_optional allows it, a warning ("n/a" is
 * printed) or, in an optional column, nothing; an error otherwise. */
static gboolean figure_get_need(BindContext *bc, const char *ref, const char *series, const char *period, int line,
                                int col, FigureNeed need, const Measure *as, MeasureResult *r) {
  memset(r, 0, sizeof *r);
  if (!bc->ms) {
    diag_error(bc->diags, bc->spec->path, line, col,
               "the figure for %s needs measure data: add <data catalogue=\"…\" values=\"…\"/> to the report", ref);
    return FALSE;
  }
  if (bc->unit_token_failed && series && strchr(series, '{')) return FALSE; /* "{parent}" unresolved: said already */
  if (!period) period = bc->spec->data.period;
  if (!period) {
    diag_error(bc->diags, bc->spec->path, line, col,
               "no period for %s: give period=\"…\" here or on <data period=\"…\"/>", ref);
    return FALSE;
  }
  Period p;
  MeasureStatus st;
  if (as && period_parse(period, &p, NULL)) { /* the measure as a scorecard's compare= has it */
    r->note = "";
    st = measures_get_period(bc->ms, as, series, p, r);
  } else {
    st = measures_get(bc->ms, ref, series, period, r);
  }
  if (st == MEASURE_OK) {
    bc->flags_used |= r->flags;
    return TRUE;
  }
  gboolean soft = need != FIGURE_REQUIRED && measures_status_optional(st);
  if (!soft || need != FIGURE_GAP_EXPECTED)
    diag_add(bc->diags, soft ? DIAG_WARNING : DIAG_ERROR, bc->spec->path, line, col, "%s%s",
             r->why ? r->why : "no value", soft ? " (\"n/a\" is printed)" : "");
  measure_result_clear(r);
  return FALSE;
}

static gboolean figure_get(BindContext *bc, const char *ref, const char *series, const char *period, int line,
                           int col, gboolean optional, MeasureResult *r) {
  return figure_get_need(bc, ref, series, period, line, col, optional ? FIGURE_OPTIONAL : FIGURE_REQUIRED, NULL, r);
}

/* The unit of a figure in the language it is written in. */
static const char *unit_for(const MeasureResult *r, const char *lang) {
  return r->measure ? measure_unit_in(r->measure, bind_welsh(lang)) : r->unit;
}

char *bind_value_text(const MeasureResult *r, gboolean unit, const char *lang) {
  char *v = measure_with_unit(r->display, unit && !r->is_text ? unit_for(r, lang) : "");
  char *t = measure_with_marks(v, r->flags);
  g_free(v);
  return t;
}

/* A value rounded to `decimals` places (-1: as the data has it). */
static char *value_text_rounded(const MeasureResult *r, gboolean unit, int decimals, const char *lang) {
  if (decimals < 0 || r->is_text) return bind_value_text(r, unit, lang);
  char *d = measure_result_display(r, decimals);
  char *v = measure_with_unit(d ? d : r->display, unit ? unit_for(r, lang) : "");
  char *t = measure_with_marks(v, r->flags);
  g_free(d), g_free(v);
  return t;
}

/* Which way a change went (polarity and tolerance as for the arrows). */
static ChangeVerb change_verb(const MeasureResult *a, const MeasureResult *b, const char *va, const char *vb) {
  if (a->is_text || b->is_text) return CHANGE_WENT;
  if (strcmp(va, vb) == 0) return CHANGE_UNCHANGED;
  MeasureDirection d = measures_direction_between(a, b);
  gboolean up = ratio_cmp(b->value, a->value) > 0;
  return d == DIRECTION_MAINTAINED      ? CHANGE_BROADLY_UNCHANGED
         : d == DIRECTION_IMPROVED     ? (up ? CHANGE_IMPROVED_RISING : CHANGE_IMPROVED_FALLING)
         : d == DIRECTION_DETERIORATED ? (up ? CHANGE_WORSENED_RISING : CHANGE_WORSENED_FALLING)
         : up                          ? CHANGE_ROSE
                                       : CHANGE_FELL;
}

/* A change runs from the earlier period to the later: the other way round
 * the verb (and any sentence around it) would say the opposite. */
static gboolean change_in_order(BindContext *bc, const SpecRun *run) {
  const SpecMeasureRef *m = &run->measure;
  Period from, to;
  if (!m->from || !m->to || !period_parse(m->from, &from, NULL) || !period_parse(m->to, &to, NULL)) return TRUE;
  if (period_end(from) <= period_end(to)) return TRUE;
  diag_error(bc->diags, bc->spec->path, run->line, run->col,
             "<change> from=\"%s\" is later than to=\"%s\": a change runs from the earlier period to the later", m->from,
             m->to);
  return FALSE;
}

/* Months of its year a year-to-date figure for `p` covers (1-12). */
static int ytd_months(const Measure *m, Period p) {
  int end = period_end(p);
  return end - period_year_start(end, m->year_start) + 1;
}

/* A year-to-date figure starts again each year, so only two at the same
 * point of their years can be said to have improved or worsened: from
 * twelve months' admissions to three, "improved, falling" is April's
 * restart, not a better service (as a scorecard's compare="previous" is
 * refused for such a measure). The figures themselves may be given. */
static gboolean change_verb_comparable(BindContext *bc, const SpecRun *run, const MeasureResult *a,
                                       const MeasureResult *b) {
  const Measure *m = a->measure;
  if (!run->measure.verb || !m || m->basis != BASIS_YTD || ytd_months(m, a->period) == ytd_months(m, b->period))
    return TRUE;
  char *ta = period_text(a->period), *tb = period_text(b->period);
  char *from = bind_period_name("en", ta, PERIOD_NAME_LONG), *to = bind_period_name("en", tb, PERIOD_NAME_LONG);
  diag_error(bc->diags, bc->spec->path, run->line, run->col,
             "<change verb=\"yes\"> cannot say whether %s improved from %s to %s: it is a year-to-date measure, "
             "whose figure starts again each year, and these are %d and %d months into their years; compare the "
             "same point of two years, or leave verb= out to give the two figures",
             m->ref, from ? from : ta, to ? to : tb, ytd_months(m, a->period), ytd_months(m, b->period));
  g_free(from), g_free(to), g_free(ta), g_free(tb);
  return FALSE;
}

static char *change_text(BindContext *bc, const SpecRun *run, const char *lang) {
  const SpecMeasureRef *m = &run->measure;
  MeasureResult a, b;
  if (!change_in_order(bc, run)) return NULL;
  if (!figure_get(bc, m->ref, m->series, m->from, run->line, run->col, m->optional, &a)) return NULL;
  if (!figure_get(bc, m->ref, m->series, m->to, run->line, run->col, m->optional, &b) ||
      !change_verb_comparable(bc, run, &a, &b)) {
    measure_result_clear(&a);
    measure_result_clear(&b);
    return NULL;
  }
  char *va = bind_value_text(&a, TRUE, lang), *vb = bind_value_text(&b, TRUE, lang);
  char *text = bind_change_words(lang, m->verb ? change_verb(&a, &b, va, vb) : CHANGE_FROM, va, m->from, vb, m->to);
  g_free(va), g_free(vb);
  measure_result_clear(&a);
  measure_result_clear(&b);
  return text;
}

/* <period>: the report's period (or of=) in words. */
static char *period_words_text(BindContext *bc, const SpecRun *run, const char *lang) {
  const char *p = run->measure.period ? run->measure.period : bc->spec->data.period;
  if (!p) {
    diag_error(bc->diags, bc->spec->path, run->line, run->col,
               "<period> needs a period: give of=\"…\" here or <data period=\"…\"/> (or a pack period or --period)");
    return NULL;
  }
  char *t = bind_period_name(lang, p, PERIOD_NAME_WORDS);
  if (!t) diag_error(bc->diags, bc->spec->path, run->line, run->col, "<period of=\"%s\">: not a period", p);
  return t;
}

/* A band needs something to be judged against: a standard (or a
 * published band), or for a rag measure a target. */
static gboolean band_possible(BindContext *bc, const SpecRun *run, const MeasureResult *r) {
  const Measure *m = r->measure;
  if (!m) return TRUE;
  if (m->rating == RATING_SCHEME_RAG) {
    if (m->n_targets || r->rating.has_target) return TRUE; /* the catalogue's targets, or the data's */
    diag_error(bc->diags, bc->spec->path, run->line, run->col,
               "<band> for %s: the measure is rated against a target but has no <target value=\"…\"/> in the "
               "catalogue, so there is no rating to show",
               m->ref);
    return FALSE;
  }
  if (r->band != BAND_NONE || m->has_min || m->has_max) return TRUE;
  diag_error(bc->diags, bc->spec->path, run->line, run->col,
             "<band> for %s: the measure has no standard in the catalogue, so there is no band to show (give it "
             "<standard min=\"…\"/> or max=, or remove the <band>)",
             m->ref);
  return FALSE;
}

/* <direction> as an arrow needs a direction: without one nothing would be
 * printed where the author asked for an arrow, so say why (words="yes"
 * says so in the sentence instead; optional="yes" prints "n/a"). A
 * figure the data gives as words ("n/a") or suppresses ("[c]") has no
 * arrow by design: it prints what the figure prints. */
static gboolean direction_possible(BindContext *bc, const SpecRun *run, const MeasureResult *r) {
  const SpecMeasureRef *m = &run->measure;
  if (m->words || r->is_text || r->direction != DIRECTION_NONE) return TRUE;
  char *period = period_text(r->period), *before = period_text(r->compared_with);
  char *why = !r->compared ? g_strdup_printf("there is no figure for %s, the period before %s, to compare with", before,
                                             period)
                           : g_strdup("the catalogue gives the measure no polarity (polarity=\"BB\" or \"SB\"), so "
                                        "a change has no direction");
  diag_add(bc->diags, m->optional ? DIAG_WARNING : DIAG_ERROR, bc->spec->path, run->line, run->col,
           "<direction> for %s has no arrow to show: %s%s", m->ref, why,
           m->optional ? " (\"n/a\" is printed)" : " (words=\"yes\" says so in words; optional=\"yes\" prints \"n/a\")");
  g_free(why), g_free(period), g_free(before);
  return FALSE;
}

/* <band>: the rating's shape, or with words="yes" what it says. */
static char *band_text(BindContext *bc, SpecRun *run, const MeasureResult *r, const char *lang) {
  bind_rating_used(bc, &r->rating);
  if (run->measure.words) return bind_rating_words(lang, r);
  run->coloured = bind_rating_coloured(&r->rating), run->colour = rating_colour(r->rating.level);
  return g_strdup(rating_symbol(r->rating.level));
}

static char *run_text(BindContext *bc, SpecRun *run) {
  const SpecMeasureRef *m = &run->measure;
  const char *lang = run->lang ? run->lang : bc->lang;
  if (m->kind == MEASURE_REF_CHANGE) return change_text(bc, run, lang);
  if (m->kind == MEASURE_REF_PERIOD) return period_words_text(bc, run, lang);
  if (m->kind == MEASURE_REF_RANK) return bind_rank_run(bc, run);
  MeasureResult r;
  if (!figure_get(bc, m->ref, m->series, m->period, run->line, run->col, m->optional, &r)) return NULL;
  if ((m->kind == MEASURE_REF_BAND && !band_possible(bc, run, &r)) ||
      (m->kind == MEASURE_REF_DIRECTION && !direction_possible(bc, run, &r))) {
    measure_result_clear(&r);
    return NULL;
  }
  if (m->kind == MEASURE_REF_DIRECTION) bind_direction_used(bc, r.measure);
  char *text = m->kind == MEASURE_REF_VALUE       ? value_text_rounded(&r, !m->no_unit, m->decimals, lang)
               : m->kind == MEASURE_REF_DIRECTION ? (m->words     ? bind_direction_words(lang, &r)
                                                     : r.is_text ? bind_value_text(&r, FALSE, lang)
                                                                 : g_strdup(measure_direction_symbol(r.direction)))
                                                  : band_text(bc, run, &r, lang);
  measure_result_clear(&r);
  return text;
}

/* Whether boardpack writes its own words in `lang`: English and Welsh. */
static gboolean lang_has_words(const char *lang) {
  return !lang || (g_ascii_strncasecmp(lang, "en", 2) == 0 && (!lang[2] || lang[2] == '-')) || bind_welsh(lang);
}

static gboolean has_letters(const char *text) {
  for (const char *p = text; *p; p = g_utf8_next_char(p))
    if (g_unichar_isalpha(g_utf8_get_char(p))) return TRUE;
  return FALSE;
}

/* Words made for a figure in text of another language ("rose from …" in
 * Polish) are English: marked en-GB, so a screen reader says them as
 * English, and said once per language, so the author can write them. */
static void generated_words_mark(BindContext *bc, SpecRun *run) {
  const char *lang = run->lang ? run->lang : bc->lang;
  if (lang_has_words(lang) || !run->text || !has_letters(run->text)) return;
  if (!bc->foreign_langs) bc->foreign_langs = g_hash_table_new(g_str_hash, g_str_equal);
  if (g_hash_table_add(bc->foreign_langs, (gpointer)lang))
    diag_warning(bc->diags, bc->spec->path, run->line, run->col,
                 "boardpack writes the words it makes for figures in English or Welsh only: in this lang=\"%s\" "
                 "text \"%s\" is printed in English and marked as English for screen readers; write such words "
                 "yourself in %s (said once for %s)",
                 lang, run->text, lang, lang);
  run->lang = spec_strdup(bc->spec, "en-GB");
}

static void inline_bind(BindContext *bc, SpecInline *in) {
  for (guint i = 0; i < in->n_runs; i++) {
    SpecRun *run = &in->runs[i];
    char *named = run->kind == RUN_TEXT ? bind_xref_words(run->lang ? run->lang : bc->lang, run->xref, run->text) : NULL;
    if (named) run->text = spec_strdup(bc->spec, named);
    g_free(named);
    if (run->kind != RUN_MEASURE) continue;
    DiagMark mark = diag_mark(bc->diags);
    char *text = run_text(bc, run);
    if (!text && !diag_errors_since(bc->diags, mark)) text = g_strdup("n/a");
    run->text = spec_strdup(bc->spec, text ? text : "");
    g_free(text);
    generated_words_mark(bc, run);
  }
}

/* ---- scorecards ----------------------------------------------------------- */

static char *column_label(const SpecDataRef *c, const char *lang) {
  if (c->label) return g_strdup(c->label);
  char *p = bind_period_name(lang, c->period, PERIOD_NAME_SHORT);
  char *l = c->series ? g_strdup_printf("%s %s", c->series, p ? p : c->period) : g_strdup(p ? p : c->period);
  g_free(p);
  return l;
}

static GPtrArray *scorecard_head(BindContext *bc, const SpecBlock *b) {
  const SpecDataBlock *d = b->data;
  GPtrArray *cells = g_ptr_array_new();
  g_ptr_array_add(cells, spec_cell_new(bc->spec, spec_inline_new(bc->spec, b->title, 0, NULL), TRUE, SPEC_ALIGN_LEFT));
  for (guint i = 0; i < d->n_columns; i++) {
    char *l = column_label(&d->columns[i], bc->lang);
    g_ptr_array_add(cells, spec_cell_new(bc->spec, spec_inline_new(bc->spec, l, 0, NULL), TRUE, SPEC_ALIGN_RIGHT));
    g_free(l);
  }
  if (d->rating)
    g_ptr_array_add(cells, spec_cell_new(bc->spec, spec_inline_new(bc->spec, bind_welsh(bc->lang) ? "Sgôr" : "Rating", 0, NULL),
                                         TRUE, SPEC_ALIGN_LEFT));
  if (d->direction)
    g_ptr_array_add(cells, spec_cell_new(bc->spec, spec_inline_new(bc->spec, bind_word(bc->lang, WORD_DOT), 0, NULL),
                                         TRUE, SPEC_ALIGN_CENTRE));
  if (d->sparkline) {
    char *h = bind_last_months(bc->lang, d->sparkline);
    g_ptr_array_add(cells, spec_cell_new(bc->spec, spec_inline_new(bc->spec, h, 0, NULL), TRUE, SPEC_ALIGN_CENTRE));
    g_free(h);
  }
  if (bind_rank_wanted(d)) g_ptr_array_add(cells, bind_rank_head_cell(bc, d));
  return cells;
}

/* "★ % CPP reviews within timescales (BB)", linked to its definition. */
static SpecInline scorecard_label(BindContext *bc, const SpecBlock *b, const SpecBlock *row, const Measure *m,
                                  const Rating *rating) {
  const SpecDataBlock *d = b->data;
  const char *band_sym = d->band ? rating_symbol(rating->level) : "";
  if (*band_sym) bind_rating_used(bc, rating);
  const char *pol = d->polarity && m ? measure_polarity_name(m->polarity) : "";
  gboolean cy = bind_welsh(bc->lang);
  char *label = measure_label_with_unit_in(m, row->label ? row->label : m ? measure_title_in(m, cy) : row->measure_ref, cy);
  /* a coloured shape is a run of its own, before the linked label */
  gboolean own_run = *band_sym && bind_rating_coloured(rating);
  char *shape = own_run ? g_strconcat(band_sym, " ", NULL) : NULL;
  char *text = g_strdup_printf("%s%s%s%s%s%s", own_run ? "" : band_sym, *band_sym && !own_run ? " " : "", label,
                               *pol ? " (" : "", pol, *pol ? ")" : "");
  g_free(label);
  gboolean on_sheet = bc->has_definitions && m && (!m->local || bc->definitions_local);
  char *dest = on_sheet ? bind_definition_dest(m->ref) : NULL;
  char *href = dest ? g_strconcat("#", dest, NULL) : NULL;
  SpecRunText runs[] = {{.text = shape, .coloured = TRUE, .colour = rating_colour(rating->level)},
                        {.text = text, .href = href}};
  SpecInline in = spec_inline_runs(bc->spec, runs, 2);
  g_free(text), g_free(dest), g_free(href), g_free(shape);
  return in;
}

static const char *last_own_period(const SpecDataBlock *d) {
  for (guint i = d->n_columns; i-- > 0;)
    if (!d->columns[i].series) return d->columns[i].period;
  return NULL;
}

/* The figure column a row's mark goes on: the one whose period or label
 * mark-column names, else the last. An unknown name is an error. */
static guint mark_column(BindContext *bc, const SpecDataBlock *d, const SpecBlock *row) {
  if (!row->mark_column) return d->n_columns - 1;
  for (guint i = 0; i < d->n_columns; i++) {
    char *label = column_label(&d->columns[i], bc->lang);
    gboolean match = strcmp(label, row->mark_column) == 0 || strcmp(d->columns[i].period, row->mark_column) == 0;
    g_free(label);
    if (match) return i;
  }
  diag_error(bc->diags, bc->spec->path, row->line, row->col,
             "mark-column \"%s\" names no column of this scorecard (give a column's period or label)",
             row->mark_column);
  return d->n_columns - 1;
}

/* A scorecard's compare=: what every row's arrow compares with. */
typedef struct {
  gboolean set;
  MeasureComparison comparison;
  Period period;
} CompareOverride;

static gboolean compare_override_read(BindContext *bc, const SpecBlock *b, CompareOverride *o) {
  o->set = FALSE;
  const char *v = b->data->compare;
  if (!v) return TRUE;
  if (!measure_comparison_parse(v, &o->comparison, &o->period)) {
    diag_error(bc->diags, bc->spec->path, b->line, b->col, MEASURE_COMPARISON_CHOICES, v);
    return FALSE;
  }
  o->set = TRUE;
  return TRUE;
}

/* The measure as this scorecard compares it: the catalogue's, or a copy
 * (freed with the spec) with the scorecard's basis, so that its arrow,
 * the note under the scorecard, the legend and the check of its columns
 * all follow the same basis. */
static const Measure *measure_compared(BindContext *bc, const CompareOverride *o, const SpecBlock *row,
                                       const Measure *m) {
  if (!o->set || !m) return NULL;
  if (o->comparison == COMPARE_PREVIOUS && m->basis == BASIS_YTD) {
    diag_error(bc->diags, bc->spec->path, row->line, row->col,
               "compare=\"previous\" cannot apply to %s, a year-to-date measure: its figure starts again each year, "
               "so the previous month covers other months; use compare=\"year-ago\" or a named period",
               m->ref);
    return NULL;
  }
  Measure *copy = g_memdup2(m, sizeof *m);
  copy->comparison = o->comparison;
  copy->compare_period = o->period;
  spec_own(bc->spec, copy, g_free);
  return copy;
}

/* The results of the last two own columns, for the direction checks. */
typedef struct {
  MeasureResult before, last;
} OwnFigures;

static void own_figure_keep(OwnFigures *own, MeasureResult *r) {
  measure_result_clear(&own->before);
  own->before = own->last;
  own->last = *r;
  memset(r, 0, sizeof *r);
}

static SpecBlock *scorecard_row(BindContext *bc, const SpecBlock *b, const SpecBlock *row, const CompareOverride *cmp,
                                gboolean *any_direction, DirectionNote *note) {
  const SpecDataBlock *d = b->data;
  const Measure *m = bc->ms ? measures_lookup(bc->ms, row->measure_ref) : NULL;
  const Measure *as = measure_compared(bc, cmp, row, m);
  GPtrArray *cells = g_ptr_array_new();
  g_ptr_array_add(cells, NULL); /* the label, once the band is known */
  Rating rating = {.level = RATING_NO_TARGET};
  MeasureDirection dir = DIRECTION_NONE;
  OwnFigures own = {0};
  guint marked = row->mark ? mark_column(bc, d, row) : 0;
  for (guint i = 0; i < d->n_columns; i++) {
    const SpecDataRef *c = &d->columns[i];
    MeasureResult r;
    char *text = NULL;
    FigureNeed need = c->optional || measure_gap_expected(m, c->series) ? FIGURE_GAP_EXPECTED
                      : row->optional                                  ? FIGURE_OPTIONAL
                                                                       : FIGURE_REQUIRED;
    if (figure_get_need(bc, row->measure_ref, c->series, c->period, row->line, row->col, need, as, &r)) {
      text = bind_value_text(&r, FALSE, bc->lang);
      if (row->mark && i == marked) {
        char *marked = g_strconcat(text, row->mark, NULL);
        g_free(text);
        text = marked;
      }
      if (!c->series) rating = r.rating, dir = r.direction; /* the latest own figure decides */
      if (!c->series && !r.is_text) own_figure_keep(&own, &r);
      measure_result_clear(&r);
    }
    g_ptr_array_add(cells, spec_cell_new(bc->spec, spec_inline_new(bc->spec, text ? text : "n/a", 0, NULL), FALSE,
                                    SPEC_ALIGN_DECIMAL));
    g_free(text);
  }
  if (d->direction && own.last.measure && own.last.direction != DIRECTION_NONE) { /* an arrow is shown */
    bind_direction_note_add(note, &own.last);
    bind_direction_used(bc, own.last.measure);
    bind_direction_check_columns(bc, row, d, &own.before, &own.last);
  }
  measure_result_clear(&own.before);
  measure_result_clear(&own.last);
  if (d->rating) {
    g_ptr_array_add(cells, spec_cell_new(bc->spec, bind_rating_inline(bc, bc->lang, &rating, NULL), FALSE, SPEC_ALIGN_LEFT));
    bind_rating_used(bc, &rating);
  }
  if (d->direction)
    g_ptr_array_add(cells, spec_cell_new(bc->spec, spec_inline_new(bc->spec, measure_direction_symbol(dir), 0, NULL), FALSE,
                                    SPEC_ALIGN_CENTRE));
  *any_direction |= dir != DIRECTION_NONE;
  if (d->sparkline && bc->ms)
    g_ptr_array_add(cells, bind_sparkline_cell(bc, row->measure_ref, last_own_period(d), d->sparkline));
  if (bind_rank_wanted(d)) g_ptr_array_add(cells, bind_rank_cell(bc, d, row, last_own_period(d)));
  g_ptr_array_index(cells, 0) = spec_cell_new(bc->spec, scorecard_label(bc, b, row, m, &rating), TRUE, SPEC_ALIGN_LEFT);
  return spec_row_new(bc->spec, cells, FALSE);
}

/* Each column's period is read once, at its <column>: a slip there is one
 * error where it was written, not one at every row that uses it. */
static gboolean scorecard_columns_read(BindContext *bc, const SpecDataBlock *d) {
  gboolean ok = TRUE;
  for (guint i = 0; i < d->n_columns; i++) {
    const SpecDataRef *c = &d->columns[i];
    Period p;
    char *why = NULL;
    if (!c->period || period_parse(c->period, &p, &why)) continue;
    diag_error(bc->diags, bc->spec->path, c->line, c->col, "<column period=\"%s\">: %s", c->period, why);
    g_free(why);
    ok = FALSE;
  }
  return ok;
}

static void scorecard_bind(BindContext *bc, SpecBlock *b) {
  const SpecDataBlock *d = b->data;
  if (!scorecard_columns_read(bc, d)) return;
  GPtrArray *rows = g_ptr_array_new();
  g_ptr_array_add(rows, spec_row_new(bc->spec, scorecard_head(bc, b), TRUE));
  gboolean any_direction = FALSE;
  DirectionNote note;
  bind_direction_note_init(&note, bc->lang);
  GPtrArray *notes = g_ptr_array_new();
  CompareOverride cmp;
  compare_override_read(bc, b, &cmp);
  for (guint i = 0; i < b->n_children; i++) {
    SpecBlock *c = b->children[i];
    if (c->kind == BLOCK_TABLE_ROW && c->group) g_ptr_array_add(rows, c);
    else if (c->kind == BLOCK_TABLE_ROW) g_ptr_array_add(rows, scorecard_row(bc, b, c, &cmp, &any_direction, &note));
    else g_ptr_array_add(notes, c);
  }
  /* the author's notes first: they explain figures ("†") and keep with the
   * last row; then what the arrows compare */
  for (guint i = 0; i < notes->len; i++) g_ptr_array_add(rows, g_ptr_array_index(notes, i));
  g_ptr_array_free(notes, TRUE);
  SpecBlock *dot = bind_direction_note_block(bc, &note);
  if (dot && any_direction) g_ptr_array_add(rows, dot);
  if (bind_rank_wanted(d) && last_own_period(d)) g_ptr_array_add(rows, bind_rank_note(bc, d, last_own_period(d)));
  if (d->direction && !any_direction && bc->ms)
    diag_warning(bc->diags, bc->spec->path, b->line, b->col,
                 "scorecard \"%s\": no direction of travel could be worked out (the data lacks the periods before "
                 "its last column, or its measures have no polarity); direction=\"no\" leaves the column out",
                 b->title);
  guint rank = bind_rank_wanted(d) ? 1 : 0;
  guint n = d->n_columns + 1 + (d->rating ? 1 : 0) + (d->direction ? 1 : 0) + (d->sparkline ? 1 : 0) + rank;
  SpecColumn *cols = g_new0(SpecColumn, n);
  cols[0] = (SpecColumn){d->label_width.width, d->label_width.value, SPEC_ALIGN_LEFT};
  for (guint i = 1; i < n; i++) cols[i] = (SpecColumn){SPEC_COL_AUTO, 0, SPEC_ALIGN_DECIMAL};
  for (guint i = 0; i < d->n_columns; i++) cols[i + 1].width = d->columns[i].width.width, cols[i + 1].value = d->columns[i].width.value;
  if (d->rating) cols[d->n_columns + 1].align = SPEC_ALIGN_LEFT;
  if (d->direction) cols[d->n_columns + 1 + (d->rating ? 1 : 0)].align = SPEC_ALIGN_CENTRE;
  if (d->sparkline) cols[n - 1 - rank] = (SpecColumn){SPEC_COL_AUTO, 0, SPEC_ALIGN_CENTRE}; /* layout sizes a sparkline */
  if (rank) cols[n - 1].align = SPEC_ALIGN_RIGHT;
  b->kind = BLOCK_TABLE;
  b->zebra = TRUE;
  spec_table_set_columns(bc->spec, b, cols, n);
  g_free(cols);
  spec_block_set_children(bc->spec, b, rows);
}

/* ---- legend --------------------------------------------------------------- */

static void legend_row(Spec *spec, GPtrArray *rows, const char *symbol, const char *meaning) {
  GPtrArray *cells = g_ptr_array_new();
  g_ptr_array_add(cells, spec_cell_new(spec, spec_inline_new(spec, symbol, 0, NULL), TRUE, SPEC_ALIGN_CENTRE));
  g_ptr_array_add(cells, spec_cell_new(spec, spec_inline_new(spec, meaning, 0, NULL), FALSE, SPEC_ALIGN_LEFT));
  g_ptr_array_add(rows, spec_row_new(spec, cells, FALSE));
}

/* A legend row, or (no symbol) a heading row. */
static void legend_line(Spec *spec, GPtrArray *rows, const char *symbol, const char *meaning) {
  if (symbol) legend_row(spec, rows, symbol, meaning);
  else g_ptr_array_add(rows, bind_group_row_new(spec, meaning));
}

/* The meaning of every symbol a scorecard prints, in the seed's words,
 * in sentence case throughout (GDS style), in the legend's language. */
static void legend_bind(BindContext *bc, SpecBlock *b) {
  Spec *s = bc->spec;
  const char *lang = b->lang ? b->lang : bc->lang;
  GPtrArray *rows = g_ptr_array_new();
  bind_rating_legend(bc, lang, legend_line, s, rows);
  char *heading = bind_direction_heading(bc, lang);
  g_ptr_array_add(rows, bind_group_row_new(s, heading));
  g_free(heading);
  legend_row(s, rows, measure_direction_symbol(DIRECTION_IMPROVED), bind_word(lang, WORD_IMPROVED));
  legend_row(s, rows, measure_direction_symbol(DIRECTION_MAINTAINED), bind_word(lang, WORD_MAINTAINED));
  legend_row(s, rows, measure_direction_symbol(DIRECTION_DETERIORATED), bind_word(lang, WORD_DETERIORATED));
  legend_row(s, rows, measure_polarity_name(POLARITY_BB), bind_word(lang, WORD_BB));
  legend_row(s, rows, measure_polarity_name(POLARITY_SB), bind_word(lang, WORD_SB));
  if (bc->flags_used) g_ptr_array_add(rows, bind_group_row_new(s, bind_word(lang, WORD_DATA_QUALITY)));
  for (guint i = 0; i < MEASURE_FLAG_COUNT; i++)
    if (bc->flags_used & (1u << i)) legend_row(s, rows, measure_flag_mark(i), bind_flag_meaning(lang, i));
  SpecColumn cols[] = {{SPEC_COL_FIXED, 36, SPEC_ALIGN_CENTRE}, {SPEC_COL_SHARE, 1, SPEC_ALIGN_LEFT}};
  b->kind = BLOCK_TABLE;
  b->zebra = FALSE;
  b->keep_together = TRUE;      /* a legend is read whole, */
  b->keep_with_previous = TRUE; /* beside the table it explains */
  b->text = spec_inline_new(s, bind_word(lang, WORD_LEGEND), 0, NULL);
  spec_table_set_columns(s, b, cols, 2);
  spec_block_set_children(s, b, rows);
}

/* ---- definitions sheet ---------------------------------------------------- */

char *bind_definition_dest(const char *ref) {
  GString *s = g_string_new("def-");
  for (const char *c = ref; *c; c++) g_string_append_c(s, g_ascii_isalnum(*c) ? g_ascii_tolower(*c) : '-');
  return g_string_free(s, FALSE);
}

static void definitions_head(Spec *s, GPtrArray *rows, const char *lang) {
  static const BindWord heads[] = {WORD_REF, WORD_MEASURE, WORD_DEFINITION, WORD_NUMERATOR, WORD_DENOMINATOR};
  GPtrArray *cells = g_ptr_array_new();
  for (guint i = 0; i < G_N_ELEMENTS(heads); i++)
    g_ptr_array_add(cells, spec_cell_new(s, spec_inline_new(s, bind_word(lang, heads[i]), 0, NULL), TRUE, SPEC_ALIGN_LEFT));
  g_ptr_array_add(rows, spec_row_new(s, cells, TRUE));
}

static SpecBlock *definition_row(Spec *s, const Measure *m, const char *summed_note, const char *lang) {
  char *title = measure_label_with_unit_in(m, measure_title_in(m, bind_welsh(lang)), bind_welsh(lang));
  char *definition = summed_note ? g_strconcat(m->definition, *m->definition ? " " : "", summed_note, NULL) : NULL;
  const char *texts[] = {m->ref, title, definition ? definition : m->definition, m->numerator, m->denominator};
  GPtrArray *cells = g_ptr_array_new();
  for (guint i = 0; i < G_N_ELEMENTS(texts); i++)
    g_ptr_array_add(cells, spec_cell_new(s, spec_inline_new(s, texts[i], 0, NULL), i == 0, SPEC_ALIGN_LEFT));
  g_free(title), g_free(definition);
  SpecBlock *row = spec_row_new(s, cells, FALSE);
  char *dest = bind_definition_dest(m->ref);
  row->id = spec_strdup(s, dest);
  g_free(dest);
  return row;
}

static void definitions_bind(BindContext *bc, SpecBlock *b) {
  Spec *s = bc->spec;
  if (!bc->ms) {
    diag_error(bc->diags, s->path, b->line, b->col,
               "a definitions sheet needs a measure catalogue: add <data catalogue=\"…\" values=\"…\"/>");
    return;
  }
  GPtrArray *rows = g_ptr_array_new();
  definitions_head(s, rows, bc->lang);
  const char *group = NULL;
  for (guint i = 0; i < measures_count(bc->ms); i++) {
    const Measure *m = measures_nth(bc->ms, i);
    if (m->local && !b->data->include_local) continue;
    if (!group || strcmp(group, m->group) != 0) { /* every group is headed, the first too */
      g_ptr_array_add(rows, bind_group_row_new(s, m->group));
      group = m->group;
    }
    char *summed = bind_unit_definition_note(bc, m); /* a unit's figure summed from its children says so */
    g_ptr_array_add(rows, definition_row(s, m, summed, bc->lang));
    g_free(summed);
  }
  SpecColumn cols[] = {{SPEC_COL_FIXED, 44, SPEC_ALIGN_LEFT},
                       {SPEC_COL_SHARE, 1.1, SPEC_ALIGN_LEFT},
                       {SPEC_COL_SHARE, 1.6, SPEC_ALIGN_LEFT},
                       {SPEC_COL_SHARE, 1.1, SPEC_ALIGN_LEFT},
                       {SPEC_COL_SHARE, 1.1, SPEC_ALIGN_LEFT}};
  b->kind = BLOCK_TABLE;
  b->zebra = TRUE;
  if (b->title) b->text = spec_inline_new(s, b->title, 0, NULL);
  spec_table_set_columns(s, b, cols, G_N_ELEMENTS(cols));
  spec_block_set_children(s, b, rows);
}

/* ---- the walk ------------------------------------------------------------- */

/* The first definitions sheet, into *data. */
static SpecWalkStep definitions_find(SpecBlock *b, gpointer data) {
  if (b->kind != BLOCK_DEFINITIONS) return SPEC_WALK_CHILDREN;
  *(const SpecBlock **)data = b;
  return SPEC_WALK_STOP;
}

/* "{period}" in a title (a section's, a slide's, a scorecard's, the
 * report's) is the report's period in words, so one spec serves every
 * month or quarter: title="Performance in {period}". */
const char *bind_title(BindContext *bc, const char *title, int line, int col) {
  title = bind_unit_words(bc, title, line, col); /* {unit}, {parent}, {top} */
  if (!title || !strstr(title, "{period}")) return title;
  char *words = bc->spec->data.period ? bind_period_name(bc->lang, bc->spec->data.period, PERIOD_NAME_WORDS) : NULL;
  if (!words) {
    diag_error(bc->diags, bc->spec->path, line, col,
               "the title \"%s\" uses {period}, but the report has no period: give <data period=\"…\"/> (or a pack "
               "period or --period)",
               title);
    return title;
  }
  char **parts = g_strsplit(title, "{period}", -1);
  char *t = g_strjoinv(words, parts);
  const char *out = spec_strdup(bc->spec, t);
  g_strfreev(parts);
  g_free(t), g_free(words);
  return out;
}

/* Every block of the spec gets its language: its own lang=, else its
 * parent's (the walk below visits blocks without their parents). */
static void lang_inherit(SpecBlock *b, const char *lang) {
  if (!b) return;
  if (!b->lang) b->lang = lang;
  for (guint i = 0; i < b->n_children; i++) lang_inherit(b->children[i], b->lang);
}

/* A scorecard's rows are made here and then walked like any children
 * (in the scorecard's language); a legend or definitions sheet is
 * finished when made. */
static SpecWalkStep block_bind(SpecBlock *b, gpointer data) {
  BindContext *bc = data;
  if (b->lang) bc->lang = b->lang;
  bind_block_labels(b, bc->lang);
  bind_units_block(bc, b);
  b->title = bind_title(bc, b->title, b->line, b->col);
  bind_rating_expand(bc, b);
  switch (b->kind) {
  case BLOCK_SCORECARD: scorecard_bind(bc, b); break;
  case BLOCK_LEGEND: g_ptr_array_add(bc->legends, b); return SPEC_WALK_SKIP; /* once every arrow is known */
  case BLOCK_DEFINITIONS: definitions_bind(bc, b); return SPEC_WALK_SKIP;
  case BLOCK_CHANGES: bind_changes(bc, b); return SPEC_WALK_SKIP;
  case BLOCK_CHART: bind_chart(bc, b); break;
  case BLOCK_HEAT_MAP: bind_heat_map(bc, b); break;
  default: break;
  }
  inline_bind(bc, &b->text);
  return SPEC_WALK_CHILDREN;
}

/* A report period after the data's last month is one slip said once
 * (a --period typo, or data not yet loaded), not an error at every
 * figure: FALSE when said. */
static gboolean period_within_data(const Spec *spec, const Measures *ms, DiagList *diags) {
  Period p;
  if (!ms || !spec->data.period || !period_parse(spec->data.period, &p, NULL)) return TRUE;
  int last = measures_last_month(ms);
  if (last < 0 || p.start <= last) return TRUE;
  Period month = {.kind = PERIOD_MONTH, .start = last, .months = 1};
  char *end = period_text(month), *base = g_path_get_basename(spec->data.values);
  const char *own = spec->data.own_period;
  char *given = !own   ? g_strdup("")
                : *own ? g_strdup_printf(" (set by the pack or --period; this <data> says %s)", own)
                       : g_strdup(" (set by the pack or --period)");
  diag_error(diags, spec->path, spec->data.line, spec->data.col,
             "the report's period is %s%s, but the data's figures end in %s (%s): no figure of the period can be "
             "shown; give the period the data reaches (period=, --period), or the data for %s",
             spec->data.period, given, end, base, spec->data.period);
  g_free(given);
  g_free(end), g_free(base);
  return FALSE;
}

gboolean bind_spec(Spec *spec, const Measures *ms, DiagList *diags) {
  if (!period_within_data(spec, ms, diags)) return FALSE;
  BindContext bc = {.spec = spec, .ms = ms, .diags = diags, .comparisons = g_ptr_array_new(), .lang = spec->lang,
                    .legends = g_ptr_array_new()};
  DiagMark mark = diag_mark(diags);
  const SpecBlock *defs = NULL;
  spec_walk(spec, definitions_find, &defs);
  bc.has_definitions = defs != NULL;
  bc.definitions_local = defs && defs->data->include_local;
  spec->meta.title = bind_title(&bc, spec->meta.title, 0, 0);
  spec->meta.subject = bind_title(&bc, spec->meta.subject, 0, 0);
  spec->meta.committee = bind_unit_words(&bc, spec->meta.committee, 0, 0); /* "{parent} management team" */
  lang_inherit(spec->front, spec->lang);
  lang_inherit(spec->body, spec->lang);
  for (guint i = 0; i < spec->n_annexes; i++) lang_inherit(spec->annexes[i], spec->lang);
  bind_spec_labels(spec);
  bind_rating_begin(&bc);
  spec_walk(spec, block_bind, &bc);
  bind_rating_end(&bc);
  spec->meta.arrow_basis = bc.comparisons->len == 1 ? (int)((const Measure *)g_ptr_array_index(bc.comparisons, 0))->comparison : -1;
  for (guint i = 0; i < bc.legends->len; i++) legend_bind(&bc, g_ptr_array_index(bc.legends, i));
  g_ptr_array_free(bc.legends, TRUE);
  g_ptr_array_free(bc.comparisons, TRUE);
  if (bc.foreign_langs) g_hash_table_destroy(bc.foreign_langs);
  return !diag_errors_since(diags, mark);
}
