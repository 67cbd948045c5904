/* bind_rating — ratings in the model: the rating column of a scorecard,
 * <band words>, the legend's rating rows, and the two blocks made of
 * ratings, <rating-summary/> and <exceptions>, which bind replaces with
 * ordinary blocks (a paragraph and a bar chart; headings, tables and
 * paragraphs), so layout, render and html lay them out like any other.
 *
 * Every rating comes from the measures engine (MeasureResult.rating), so
 * a scorecard, a summary and an exception report of one period agree.
 * An exception's history is computed from the data, period by period of
 * the report period's kind (never a stored flag). <exceptions level=…>
 * lists units instead of the report's own figures: per measure, each unit
 * of that level below the report's, rated on its own view's history
 * (measure_units.h), so a team is listed exactly when its own figures meet
 * the rule; its commentary is keyed by unit=. */
#include <string.h>

#include "bind_internal.h"
#include "chart/chart.h"
#include "measures/measure_units.h"

/* Periods of history the red-twice rule reads back. */
#define RATING_HISTORY 24
/* Periods an exception's trend table shows. */
#define RATING_TREND 4

void bind_rating_used(BindContext *bc, const Rating *r) {
  bc->levels_used |= 1u << r->level;
  if (rating_is_rated(r->level)) bc->standards_used |= r->standards;
}

gboolean bind_rating_coloured(const Rating *r) { return r->level >= RATING_GREEN; }

SpecInline bind_rating_inline(BindContext *bc, const char *lang, const Rating *r, const char *text) {
  const char *sym = rating_symbol(r->level);
  char *words = text ? g_strdup(text) : g_strconcat(rating_name(r->level, bind_welsh(lang)), r->provisional ? " [p]" : "", NULL);
  char *after = *sym ? g_strconcat(" ", words, NULL) : g_strdup(words);
  SpecRunText runs[] = {{.text = *sym ? sym : NULL, .coloured = bind_rating_coloured(r), .colour = rating_colour(r->level)},
                        {.text = after}};
  SpecInline in = spec_inline_runs(bc->spec, runs, 2);
  g_free(words), g_free(after);
  return in;
}

char *bind_rating_words(const char *lang, const MeasureResult *r) {
  const Measure *m = r->measure;
  return rating_words(&r->rating, measure_unit_in(m, bind_welsh(lang)), m->decimals, bind_welsh(lang));
}

/* ---- charts ----------------------------------------------------------------- */

/* A rating's shape and colour on a chart: the shapes of its symbols
 * (circle, diamond, cross; circle and triangle for the standard), and
 * the legend's words for it, so that the chart says what its shapes and
 * colours mean where they are drawn. */
static ChartPointMark rating_mark(RatingLevel l, gboolean welsh) {
  static const ChartMarker shapes[RATING_LEVEL_COUNT] = {
      [RATING_GREEN] = CHART_MARKER_CIRCLE,   [RATING_AMBER] = CHART_MARKER_DIAMOND, [RATING_RED] = CHART_MARKER_CROSS,
      [RATING_ACHIEVED] = CHART_MARKER_CIRCLE, [RATING_NOT_MET] = CHART_MARKER_TRIANGLE};
  guint32 c = rating_colour(l);
  const char *name = rating_is_rated(l) ? rating_legend_words(l, RATING_STANDARD_MIN, welsh) : NULL;
  return (ChartPointMark){shapes[l], {(c >> 16 & 0xff) / 255.0, (c >> 8 & 0xff) / 255.0, (c & 0xff) / 255.0}, (int)l,
                          name};
}

/* One rag series over periods: its points marked by rating, and its
 * targets as a reference line; the ratings in words for the description. */
static void series_targets(BindContext *bc, ChartSpec *c, int k, const Measure *m, const SpecDataBlock *d,
                           gboolean several, GString *words) {
  ChartPointMark *marks = g_new0(ChartPointMark, MAX(d->n_periods, 1));
  double *targets = g_new(double, MAX(d->n_periods, 1));
  gboolean cy = bind_welsh(bc->lang), any = FALSE;
  for (guint i = 0; i < d->n_periods; i++) {
    MeasureResult r;
    targets[i] = NAN;
    if (measures_get(bc->ms, m->ref, NULL, d->periods[i], &r) == MEASURE_OK) {
      marks[i] = rating_mark(r.rating.level, cy);
      if (r.rating.has_target) targets[i] = ratio_to_double(r.rating.target), any = TRUE;
      if (rating_is_rated(r.rating.level)) {
        bind_rating_used(bc, &r.rating);
        char *name = bind_period_name(bc->lang, d->periods[i], PERIOD_NAME_SHORT);
        g_string_append_printf(words, "%s%s %s", words->len ? ", " : (cy ? " Sgôr yn erbyn y targed: " : " Rated against the target: "),
                               name ? name : d->periods[i], rating_name(r.rating.level, cy));
        g_free(name);
      }
    }
    measure_result_clear(&r);
  }
  chart_spec_set_marks(c, k, marks, (int)d->n_periods);
  if (any) {
    char *label = several ? g_strdup_printf(cy ? "Targed %s" : "Target %s", m->ref) : g_strdup(cy ? "Targed" : "Target");
    int t = chart_spec_add_series(c, label, targets, (int)d->n_periods, TRUE);
    if (t >= 0) c->series[t].target = TRUE;
    bind_chart_restarts(c, t, m, (const char *const *)d->periods, d->n_periods); /* a ytd target starts again with its figure */
    g_free(label);
  }
  g_free(marks), g_free(targets);
}

char *bind_rating_chart_targets(BindContext *bc, const SpecDataBlock *d, ChartSpec *c) {
  if (!d->standard || !d->n_periods) return NULL;
  GString *words = g_string_new(NULL);
  guint data_series = 0;
  for (guint i = 0; i < d->n_series; i++) data_series += d->series[i].ref && !d->series[i].series && !d->series[i].reference;
  int k = 0, n = c->n_series;
  for (guint i = 0; i < d->n_series && k < n; i++) {
    const SpecDataRef *sr = &d->series[i];
    if (!sr->ref) continue;
    const Measure *m = measures_lookup(bc->ms, sr->ref);
    int series = k++;
    if (!m || sr->series || sr->reference || m->rating != RATING_SCHEME_RAG) continue;
    series_targets(bc, c, series, m, d, data_series > 1, words);
  }
  if (words->len) g_string_append_c(words, '.');
  return g_string_free(words, !words->len);
}

/* ---- the legend -------------------------------------------------------------- */

void bind_rating_legend(BindContext *bc, const char *lang, BindLegendRow row, Spec *s, GPtrArray *rows) {
  gboolean cy = bind_welsh(lang);
  guint rag = 1u << RATING_GREEN | 1u << RATING_AMBER | 1u << RATING_RED;
  guint std = 1u << RATING_ACHIEVED | 1u << RATING_NOT_MET;
  /* the seed's two-state band unless the report rates only against targets */
  if (!(bc->levels_used & rag) || (bc->levels_used & std)) {
    row(s, rows, NULL, bind_word(lang, WORD_BAND_HEADING));
    for (RatingLevel l = RATING_ACHIEVED; l <= RATING_NOT_MET; l++) row(s, rows, rating_symbol(l), rating_legend_words(l, bc->standards_used, cy));
  }
  if (bc->levels_used & rag) {
    row(s, rows, NULL, cy ? "Sgôr yn erbyn y targed" : "Rating against target");
    for (RatingLevel l = RATING_GREEN; l <= RATING_RED; l++) row(s, rows, rating_symbol(l), rating_legend_words(l, bc->standards_used, cy));
  }
}

/* ---- which measures ------------------------------------------------------------ */

typedef struct {
  const char *id; /* NULL when the scorecard has none */
  GPtrArray *refs; /* const char*, the spec's */
} ScorecardRefs;

static SpecWalkStep scorecard_find(SpecBlock *b, gpointer data) {
  if (b->kind != BLOCK_SCORECARD) return SPEC_WALK_CHILDREN;
  ScorecardRefs *s = g_new0(ScorecardRefs, 1);
  s->id = b->id;
  s->refs = g_ptr_array_new();
  for (guint i = 0; i < b->n_children; i++)
    if (b->children[i]->kind == BLOCK_TABLE_ROW && b->children[i]->measure_ref)
      g_ptr_array_add(s->refs, (gpointer)b->children[i]->measure_ref);
  g_ptr_array_add(data, s);
  return SPEC_WALK_SKIP;
}

static void scorecard_refs_free(gpointer p) {
  ScorecardRefs *s = p;
  g_ptr_array_free(s->refs, TRUE);
  g_free(s);
}

void bind_rating_begin(BindContext *bc) {
  bc->scorecards = g_ptr_array_new_with_free_func(scorecard_refs_free);
  spec_walk(bc->spec, scorecard_find, bc->scorecards);
}

void bind_rating_end(BindContext *bc) { g_ptr_array_free(bc->scorecards, TRUE); }

static void add_measure(GPtrArray *out, const Measure *m) {
  for (guint i = 0; i < out->len; i++)
    if (g_ptr_array_index(out, i) == m) return;
  g_ptr_array_add(out, (gpointer)m);
}

/* The measures a summary or exception report covers (const Measure*), in
 * the order first met (an error, if any, is in the diagnostics). */
static GPtrArray *scope_measures(BindContext *bc, const SpecBlock *b) {
  const SpecDataBlock *d = b->data;
  GPtrArray *out = g_ptr_array_new();
  if (d->refs) {
    for (const char **r = d->refs; *r; r++) {
      const Measure *m = measures_lookup(bc->ms, *r);
      const char *near = m ? NULL : catalogue_suggest(measures_catalogue(bc->ms), *r);
      if (m) add_measure(out, m);
      else
        diag_error(bc->diags, bc->spec->path, b->line, b->col, "refs=: no measure \"%s\" in the catalogue%s%s%s", *r,
                   near ? " (did you mean \"" : "", near ? near : "", near ? "\"?)" : "");
    }
    return out;
  }
  gboolean found = FALSE;
  for (guint i = 0; i < bc->scorecards->len; i++) {
    const ScorecardRefs *s = g_ptr_array_index(bc->scorecards, i);
    if (d->of && g_strcmp0(s->id, d->of) != 0) continue;
    found = TRUE;
    for (guint k = 0; k < s->refs->len; k++) {
      const Measure *m = measures_lookup(bc->ms, g_ptr_array_index(s->refs, k));
      if (m) add_measure(out, m); /* an unknown ref is the scorecard's error */
    }
  }
  if (d->of && !found)
    diag_error(bc->diags, bc->spec->path, b->line, b->col, "of=\"%s\" names no scorecard of this report", d->of);
  else if (!out->len)
    diag_error(bc->diags, bc->spec->path, b->line, b->col,
               "no measures to rate: the report has no scorecard; give refs=\"…\" or of=\"a scorecard's id\"");
  return out;
}

static const char *scope_period(BindContext *bc, const SpecBlock *b) {
  const char *p = b->data->period ? b->data->period : bc->spec->data.period;
  if (!p)
    diag_error(bc->diags, bc->spec->path, b->line, b->col,
               "no period to rate: give period=\"…\" here or <data period=\"…\"/> (or a pack period or --period)");
  return p;
}

/* ---- the rating summary ------------------------------------------------------- */

typedef struct {
  guint on, amber, red, not_met, unrated;
} RatingCounts;

static void count(RatingCounts *c, RatingLevel l) {
  if (rating_on_target(l)) c->on++;
  else if (l == RATING_AMBER) c->amber++;
  else if (l == RATING_RED) c->red++;
  else if (l == RATING_NOT_MET) c->not_met++;
  else c->unrated++;
}

/* "28 of 34 measures on target (82%), 4 amber, 2 red". */
static char *summary_sentence(const char *lang, const char *period, const RatingCounts *c) {
  gboolean cy = bind_welsh(lang);
  guint rated = c->on + c->amber + c->red + c->not_met;
  char *when = bind_period_name(lang, period, PERIOD_NAME_WORDS);
  GString *s = g_string_new(NULL);
  g_string_append_printf(s, "%s: ", when ? when : period);
  g_free(when);
  if (!rated) {
    g_string_append(s, cy ? "nid oes targed gan unrhyw fesur." : "no measure has a target.");
    return g_string_free(s, FALSE);
  }
  Ratio share;
  char *pct = ratio_make((gint64)c->on * 100, rated, &share) ? ratio_format(share, 0, FALSE) : g_strdup("?");
  g_string_append_printf(s, cy ? "%u o %u mesur ar y targed (%s%%)" : "%u of %u measures on target (%s%%)", c->on,
                         rated, pct);
  g_free(pct);
  if (c->amber) g_string_append_printf(s, cy ? ", %u ambr" : ", %u amber", c->amber);
  if (c->red) g_string_append_printf(s, cy ? ", %u coch" : ", %u red", c->red);
  if (c->not_met) g_string_append_printf(s, cy ? ", %u heb gyrraedd y safon" : ", %u did not meet the standard", c->not_met);
  if (c->unrated) g_string_append_printf(s, cy ? "; %u heb sgôr" : "; %u not rated", c->unrated);
  g_string_append_c(s, '.');
  return g_string_free(s, FALSE);
}

/* The counts as horizontal bars, each labelled with its word and drawn in
 * its rating's colour with its shape in white, so the chart reads without
 * its colours. */
static SpecBlock *summary_chart(BindContext *bc, const SpecBlock *b, const char *lang, const RatingCounts *c,
                                const char *sentence) {
  gboolean cy = bind_welsh(lang);
  GPtrArray *labels = g_ptr_array_new_with_free_func(g_free);
  GArray *values = g_array_new(FALSE, FALSE, sizeof(double)), *marks = g_array_new(FALSE, FALSE, sizeof(ChartPointMark));
  struct {
    RatingLevel level;
    guint n;
  } bars[] = {{RATING_GREEN, c->on}, {RATING_AMBER, c->amber}, {RATING_RED, c->red}, {RATING_NOT_MET, c->not_met}};
  for (guint i = 0; i < G_N_ELEMENTS(bars); i++) {
    if (bars[i].level == RATING_NOT_MET && !bars[i].n) continue;
    if (bars[i].level != RATING_GREEN && bars[i].level != RATING_NOT_MET && !bars[i].n && !c->amber && !c->red)
      continue; /* standard-only measures: on target and not met */
    const char *name = bars[i].level == RATING_GREEN ? (cy ? "ar y targed" : "on target") : rating_name(bars[i].level, cy);
    g_ptr_array_add(labels, g_strdup(name));
    double v = bars[i].n;
    g_array_append_val(values, v);
    ChartPointMark mark = rating_mark(bars[i].level, cy);
    mark.name = NULL; /* the bars' own labels name the ratings */
    g_array_append_val(marks, mark);
  }
  g_ptr_array_add(labels, NULL);
  ChartSpec *chart = chart_spec_new(CHART_BAR);
  spec_own(bc->spec, chart, (GDestroyNotify)chart_spec_free);
  chart->welsh = cy;
  chart_spec_set_title(chart, sentence);
  chart_spec_set_source(chart, bc->spec->path, b->line);
  chart_spec_set_categories(chart, (const char *const *)labels->pdata, (int)values->len);
  chart_spec_add_series(chart, cy ? "Mesurau" : "Measures", (const double *)(void *)values->data, (int)values->len, FALSE);
  chart_spec_set_marks(chart, 0, (const ChartPointMark *)(void *)marks->data, (int)marks->len);
  chart->label_values = CHART_LABEL_ALL;
  chart->decimals = 0;
  SpecBlock *out = spec_block_new(bc->spec, BLOCK_CHART, b->line, b->col);
  out->data = spec_alloc(bc->spec, sizeof(SpecDataBlock));
  out->data->chart = chart;
  out->data->height_pt = 40 + 22 * values->len;
  char *alt = chart_describe(chart);
  out->data->alt = spec_strdup(bc->spec, alt);
  g_free(alt);
  g_ptr_array_free(labels, TRUE);
  g_array_free(values, TRUE);
  g_array_free(marks, TRUE);
  return out;
}

static void summary_expand(BindContext *bc, const SpecBlock *b, GPtrArray *out) {
  const char *lang = b->lang ? b->lang : bc->lang, *period = scope_period(bc, b);
  GPtrArray *ms = scope_measures(bc, b);
  RatingCounts c = {0};
  for (guint i = 0; period && i < ms->len; i++) {
    const Measure *m = g_ptr_array_index(ms, i);
    MeasureResult r;
    if (measures_get(bc->ms, m->ref, NULL, period, &r) == MEASURE_OK) {
      count(&c, r.rating.level);
      bind_rating_used(bc, &r.rating);
    } else { /* as a scorecard's cell would be: the figure is required */
      diag_error(bc->diags, bc->spec->path, b->line, b->col, "%s", r.why ? r.why : "no value");
    }
    measure_result_clear(&r);
  }
  g_ptr_array_free(ms, TRUE);
  if (!period) return;
  char *sentence = summary_sentence(lang, period, &c);
  SpecBlock *p = spec_block_new(bc->spec, BLOCK_PARAGRAPH, b->line, b->col);
  p->lang = b->lang;
  p->text = spec_inline_new(bc->spec, sentence, 0, NULL);
  g_ptr_array_add(out, p);
  if (b->data->standard && c.on + c.amber + c.red + c.not_met) g_ptr_array_add(out, summary_chart(bc, b, lang, &c, sentence));
  g_free(sentence);
}

/* ---- exceptions ----------------------------------------------------------------- */

static gboolean rule_parse(const char *name, ExceptionRule *rule) {
  for (ExceptionRule r = EXCEPTION_RED; r <= EXCEPTION_RED_TWICE; r++)
    if (strcmp(name, rating_rule_name(r)) == 0) {
      *rule = r;
      return TRUE;
    }
  return FALSE;
}

/* The levels of the RATING_HISTORY periods ending with p (oldest first),
 * in `ms` (the report's figures, or one unit's view). */
static void history(const Measures *ms, const Measure *m, Period p, RatingLevel *levels) {
  for (int k = 0; k < RATING_HISTORY; k++) {
    Period q;
    MeasureResult r;
    levels[k] = RATING_NOT_AVAILABLE;
    if (!period_step(p, k - (RATING_HISTORY - 1), &q)) continue;
    if (measures_get_period(ms, m, NULL, q, &r) == MEASURE_OK) levels[k] = r.rating.level;
    measure_result_clear(&r);
  }
}

static SpecBlock *cell(BindContext *bc, const char *text, gboolean th, SpecAlign align) {
  return spec_cell_new(bc->spec, spec_inline_new(bc->spec, text, 0, NULL), th, align);
}

/* A target or standard in a table: at the measure's decimals, as the
 * figures beside it print ("3.20" beside "3.42", not "3.2"), where a
 * sentence says "the 85% target" (rating_number). */
static char *table_number(const Measure *m, Ratio v, const char *unit) {
  char *t = ratio_format(v, m->decimals, TRUE);
  char *u = measure_with_unit(t ? t : "?", unit);
  g_free(t);
  return u;
}

/* What a figure is judged against, as the target column prints it: the
 * period's target, or a standard ("≥ 90%", "≤ 30", "90%–95%"). */
static char *target_text(const Measure *m, const Rating *r, const char *unit) {
  if (r->has_target) return table_number(m, r->target, unit);
  if (r->scheme != RATING_SCHEME_STANDARD || !(m->has_min || m->has_max)) return g_strdup("");
  char *lo = m->has_min ? table_number(m, m->min, unit) : NULL;
  char *hi = m->has_max ? table_number(m, m->max, unit) : NULL;
  char *t = lo && hi ? g_strdup_printf("%s\xe2\x80\x93%s", lo, hi) /* an en dash */
            : lo     ? g_strdup_printf("\xe2\x89\xa5 %s", lo)       /* ≥ */
                     : g_strdup_printf("\xe2\x89\xa4 %s", hi);      /* ≤ */
  g_free(lo), g_free(hi);
  return t;
}

/* Period, figure, target and rating over the last RATING_TREND periods. */
static SpecBlock *trend_table(BindContext *bc, const Measure *m, Period p, const char *lang) {
  gboolean cy = bind_welsh(lang);
  GPtrArray *rows = g_ptr_array_new();
  /* a percentage's cells say "%"; a longer unit is said once, in the head */
  const char *unit = measure_unit_in(m, cy);
  gboolean percent = strcmp(unit, "%") == 0;
  char *figure = !*unit || percent ? g_strdup(cy ? "Ffigur" : "Figure") : g_strdup_printf(cy ? "Ffigur, %s" : "Figure, %s", unit);
  const char *heads[] = {cy ? "Cyfnod" : "Period", figure, cy ? "Targed" : "Target", cy ? "Sgôr" : "Rating"};
  GPtrArray *head = g_ptr_array_new();
  for (guint i = 0; i < G_N_ELEMENTS(heads); i++)
    g_ptr_array_add(head, cell(bc, heads[i], TRUE, i == 1 || i == 2 ? SPEC_ALIGN_RIGHT : SPEC_ALIGN_LEFT));
  g_free(figure);
  g_ptr_array_add(rows, spec_row_new(bc->spec, head, TRUE));
  for (int k = RATING_TREND - 1; k >= 0; k--) {
    Period q;
    MeasureResult r;
    if (!period_step(p, -k, &q)) continue;
    if (measures_get_period(bc->ms, m, NULL, q, &r) != MEASURE_OK) { /* a period without a figure: no row */
      measure_result_clear(&r);
      continue;
    }
    bc->flags_used |= r.flags;
    char *text = period_text(q), *name = bind_period_name(lang, text, PERIOD_NAME_SHORT);
    /* "82.4% [r]": the unit with the figure, then its marks */
    char *fig = measure_with_unit(r.display, r.is_text || !percent ? "" : unit), *fig_unit = measure_with_marks(fig, r.flags);
    char *target = target_text(m, &r.rating, percent ? unit : "");
    bind_rating_used(bc, &r.rating);
    GPtrArray *cells = g_ptr_array_new();
    g_ptr_array_add(cells, cell(bc, name, TRUE, SPEC_ALIGN_LEFT));
    g_ptr_array_add(cells, cell(bc, fig_unit, FALSE, SPEC_ALIGN_DECIMAL));
    g_ptr_array_add(cells, cell(bc, target, FALSE, SPEC_ALIGN_DECIMAL));
    g_ptr_array_add(cells, spec_cell_new(bc->spec, bind_rating_inline(bc, lang, &r.rating, NULL), FALSE, SPEC_ALIGN_LEFT));
    g_ptr_array_add(rows, spec_row_new(bc->spec, cells, FALSE));
    g_free(text), g_free(name), g_free(fig), g_free(fig_unit), g_free(target);
    measure_result_clear(&r);
  }
  SpecBlock *t = spec_block_new(bc->spec, BLOCK_TABLE, 0, 0);
  SpecColumn cols[] = {{SPEC_COL_SHARE, 1, SPEC_ALIGN_LEFT},
                       {SPEC_COL_SHARE, 1.4, SPEC_ALIGN_DECIMAL},
                       {SPEC_COL_SHARE, 0.8, SPEC_ALIGN_DECIMAL},
                       {SPEC_COL_SHARE, 1.2, SPEC_ALIGN_LEFT}};
  t->zebra = TRUE;
  t->keep_together = TRUE;
  spec_table_set_columns(bc->spec, t, cols, G_N_ELEMENTS(cols));
  spec_block_set_children(bc->spec, t, rows);
  return t;
}

/* ---- commentary ----------------------------------------------------------------- */

/* Whether a commentary's unit= (or unit column) may stand in this report:
 * the <exceptions> lists units (level=), and the id is one of the
 * hierarchy's at that level; an error at path:line:col if not. A unit
 * outside the report's is allowed and not printed: one spec serves every
 * unit's report (--each). */
static gboolean commentary_unit_ok(BindContext *bc, const SpecBlock *b, const char *id, const char *path, int line,
                                   int col) {
  const Hierarchy *h = measures_hierarchy(bc->ms);
  UnitLevel level = UNIT_TEAM;
  if (!b->data->unit_level || !h) {
    diag_error(bc->diags, path, line, col,
               "commentary for unit \"%s\": this exception report lists measures, not units; give <exceptions "
               "level=\"team\"> (or another level) to list the units off target",
               id);
    return FALSE;
  }
  unit_level_parse(b->data->unit_level, &level);
  const Unit *u = hierarchy_lookup(h, id);
  if (!u) {
    const char *near = hierarchy_suggest(h, id);
    diag_error(bc->diags, path, line, col, "commentary for unit \"%s\": no such unit in %s%s%s%s", id, hierarchy_file(h),
               near ? " (did you mean \"" : "", near ? near : "", near ? "\"?)" : "");
    return FALSE;
  }
  if (u->level != level) {
    diag_error(bc->diags, path, line, col, "commentary for %s (%s), a %s, but this exception report lists %ss", u->name, id,
               unit_level_name(u->level), unit_level_name(level));
    return FALSE;
  }
  return TRUE;
}

/* commentary="notes-{period}.csv" for this period: "notes-2024-25-Q3.csv". */
static char *commentary_name(const char *pattern, const char *period) {
  char *text = g_strdup(period);
  g_strdelimit(text, "/", '-');
  char **parts = g_strsplit(pattern, "{period}", -1);
  char *name = g_strjoinv(text, parts);
  g_strfreev(parts);
  g_free(text);
  return name;
}

/* The column of the header named `name` (ignoring case), or -1. */
static int csv_column(const CsvRecord *head, const char *name) {
  for (guint i = 0; i < head->fields->len; i++)
    if (g_ascii_strcasecmp(g_strstrip(((CsvField *)g_ptr_array_index(head->fields, i))->text), name) == 0) return (int)i;
  return -1;
}

/* The file's rows as commentary paragraphs (measure_ref set), appended to
 * `notes`; problems are errors at the file's line and column. */
static void commentary_file_read(BindContext *bc, const SpecBlock *b, const char *period, GPtrArray *notes) {
  char *name = commentary_name(b->data->commentary, period);
  const char *path = spec_resolve_path(bc->spec, name, INFILE_DATA, b->line, b->col, bc->diags);
  g_free(name);
  CsvTable *t = path ? csv_load(path, bc->diags) : NULL;
  if (!t) return;
  const CsvRecord *head = t->records->len ? g_ptr_array_index(t->records, 0) : NULL;
  int ref = head ? csv_column(head, "ref") : -1, text = head ? csv_column(head, "commentary") : -1;
  int unit = head ? csv_column(head, "unit") : -1; /* optional: the unit a row explains */
  if (ref < 0 || text < 0)
    diag_error(bc->diags, path, head ? head->line : 1, 1, "a commentary file needs a header row with the columns ref and commentary");
  for (guint i = 1; ref >= 0 && text >= 0 && i < t->records->len; i++) {
    const CsvRecord *rec = g_ptr_array_index(t->records, i);
    if ((guint)MAX(ref, text) >= rec->fields->len) {
      diag_error(bc->diags, path, rec->line, 1, "the row has no %s", (guint)ref >= rec->fields->len ? "ref" : "commentary");
      continue;
    }
    const CsvField *rf = g_ptr_array_index(rec->fields, ref), *tf = g_ptr_array_index(rec->fields, text);
    char *r = g_strstrip(g_strdup(rf->text));
    if (!measures_lookup(bc->ms, r)) {
      const char *near = catalogue_suggest(measures_catalogue(bc->ms), r);
      diag_error(bc->diags, path, rf->line, rf->col, "no measure \"%s\" in the catalogue%s%s%s", r,
                 near ? " (did you mean \"" : "", near ? near : "", near ? "\"?)" : "");
    } else if (*g_strstrip(tf->text)) {
      SpecBlock *note = spec_block_new(bc->spec, BLOCK_PARAGRAPH, b->line, b->col);
      note->measure_ref = spec_strdup(bc->spec, r);
      note->text = spec_inline_new(bc->spec, tf->text, 0, NULL);
      const CsvField *uf = unit >= 0 && (guint)unit < rec->fields->len ? g_ptr_array_index(rec->fields, unit) : NULL;
      char *u = uf ? g_strstrip(g_strdup(uf->text)) : NULL;
      if (u && *u && commentary_unit_ok(bc, b, u, path, uf->line, uf->col)) note->commentary_unit = spec_strdup(bc->spec, u);
      g_free(u);
      g_ptr_array_add(notes, note);
    }
    g_free(r);
  }
  csv_free(t);
}

/* The author's commentary on m for p: <commentary ref> with no period or
 * with one whose window is p's, then the commentary file's; for `unit` (an
 * id) those with that unit=, for NULL those with none (the measure's). */
static void commentary_add(BindContext *bc, const GPtrArray *notes, const Measure *m, Period p, const char *unit,
                           GPtrArray *out, guint *found) {
  for (guint i = 0; i < notes->len; i++) {
    SpecBlock *c = g_ptr_array_index(notes, i);
    Period cp;
    if (measures_lookup(bc->ms, c->measure_ref ? c->measure_ref : "") != m) continue;
    if (g_strcmp0(c->commentary_unit, unit) != 0) continue;
    if (c->commentary_period &&
        !(period_parse(c->commentary_period, &cp, NULL) && period_same_window(measures_window(m, cp), measures_window(m, p))))
      continue;
    g_ptr_array_add(out, c);
    (*found)++;
  }
}

/* What an exception report listed without commentary: a measure, or a
 * measure for a unit. */
typedef struct {
  const char *ref;
  const Unit *unit; /* NULL: the measure as a whole */
} Unexplained;

static void unexplained_add(GArray *list, const Measure *m, const Unit *u) {
  Unexplained e = {m->ref, u};
  g_array_append_val(list, e);
}

/* Heading, trend table, what the rating and the arrow say, commentary. */
static void exception_add(BindContext *bc, const SpecBlock *b, const GPtrArray *notes, const MeasureResult *r,
                          const char *lang, GPtrArray *out, GArray *unexplained) {
  const Measure *m = r->measure;
  gboolean cy = bind_welsh(lang);
  char *title = g_strdup_printf("%s %s", m->ref, measure_title_in(m, cy));
  SpecBlock *h = spec_block_new(bc->spec, BLOCK_HEADING, b->line, b->col);
  h->text = bind_rating_inline(bc, lang, &r->rating, title);
  h->depth = b->title ? 1 : 0; /* under the exceptions' own heading */
  g_ptr_array_add(out, h);
  g_free(title);
  g_ptr_array_add(out, trend_table(bc, m, r->period, lang));
  char *words = bind_rating_words(lang, r), *fig = bind_value_text(r, TRUE, lang);
  char *when = period_text(r->period), *in = bind_in_period(lang, when);
  GString *s = g_string_new(NULL);
  g_string_append_printf(s, "%s %s: %s.", fig, in, words);
  if (r->direction != DIRECTION_NONE) {
    char *dir = bind_direction_words(lang, r);
    g_string_append_printf(s, cy ? " Cyfeiriad teithio: %s %s." : " Direction of travel: %s %s.",
                           measure_direction_symbol(r->direction), dir);
    bind_direction_used(bc, m);
    g_free(dir);
  }
  SpecBlock *p = spec_block_new(bc->spec, BLOCK_PARAGRAPH, b->line, b->col);
  p->text = spec_inline_new(bc->spec, s->str, 0, NULL);
  g_ptr_array_add(out, p);
  g_string_free(s, TRUE);
  g_free(words), g_free(fig), g_free(when), g_free(in);
  guint found = 0;
  commentary_add(bc, notes, m, r->period, NULL, out, &found);
  if (!found) unexplained_add(unexplained, m, NULL);
}

static void unexplained_report(BindContext *bc, const SpecBlock *b, const char *rule, const GArray *list) {
  if (!list->len) return;
  GString *names = g_string_new(NULL);
  for (guint i = 0; i < list->len; i++) {
    const Unexplained *e = &g_array_index(list, Unexplained, i);
    g_string_append_printf(names, "%s%s%s%s", bind_list_separator(NULL, i, list->len, e->ref), e->ref,
                           e->unit ? " for " : "", e->unit ? e->unit->name : "");
  }
  const Unexplained *first = &g_array_index(list, Unexplained, 0);
  char *example = first->unit ? g_strdup_printf("<commentary ref=\"%s\" unit=\"%s\">", first->ref, first->unit->id)
                              : g_strdup_printf("<commentary ref=\"%s\">", first->ref);
  diag_add(bc->diags, bc->spec->strict ? DIAG_ERROR : DIAG_WARNING, bc->spec->path, b->line, b->col,
           "the exception report (rule \"%s\") lists %s without commentary: add %s…</commentary> "
           "inside <exceptions> so no %s goes to committee unexplained",
           rule, names->str, example, first->unit ? unit_level_name(first->unit->level) : "measure");
  g_string_free(names, TRUE);
  g_free(example);
}

/* A commentary's ref must name a measure, and its unit= a unit the report
 * lists: a misspelt one would leave its measure unexplained without a word. */
static void commentary_check(BindContext *bc, const SpecBlock *b) {
  for (guint i = 0; i < b->n_children; i++) {
    SpecBlock *c = b->children[i];
    const char *ref = c->measure_ref ? c->measure_ref : "";
    if (c->commentary_unit && !commentary_unit_ok(bc, b, c->commentary_unit, bc->spec->path, c->line, c->col))
      c->commentary_unit = NULL, c->measure_ref = NULL; /* told: printed nowhere */
    if (measures_lookup(bc->ms, ref)) continue;
    const char *near = catalogue_suggest(measures_catalogue(bc->ms), ref);
    diag_error(bc->diags, bc->spec->path, c->line, c->col, "<commentary ref=\"%s\">: no such measure in the catalogue%s%s%s",
               ref, near ? " (did you mean \"" : "", near ? near : "", near ? "\"?)" : "");
  }
}

/* ---- exceptions across units ----------------------------------------------------- */

/* "3 of the 6 teams are red or amber in March 2024." */
static char *units_lead(const char *lang, ExceptionRule rule, UnitLevel level, guint listed, guint of, Period p) {
  static const char *const en_level[UNIT_LEVEL_COUNT] = {"boards", "services", "teams", "workers"};
  static const char *const cy_level[UNIT_LEVEL_COUNT] = {"Byrddau", "Gwasanaethau", "Timau", "Gweithwyr"};
  static const char *const en_one[] = {"is red", "is red or amber", "has been red for two periods running"};
  static const char *const en_many[] = {"are red", "are red or amber", "have been red for two periods running"};
  static const char *const cyw[] = {"yn goch", "yn goch neu'n ambr", "wedi bod yn goch am ddau gyfnod yn olynol"};
  char *text = period_text(p), *in = bind_in_period(lang, text);
  char *t = bind_welsh(lang) ? g_strdup_printf("%s %s %s: %u o %u.", cy_level[level], cyw[rule], in, listed, of)
                             : g_strdup_printf("%u of the %u %s %s %s.", listed, of, en_level[level],
                                               (listed == 1 ? en_one : en_many)[rule], in);
  g_free(text), g_free(in);
  return t;
}

/* "No team is red.", "Nid oes unrhyw dîm yn goch." (unrhyw softens the noun). */
static char *units_none(const char *lang, ExceptionRule rule, UnitLevel level) {
  static const char *const en_level[UNIT_LEVEL_COUNT] = {"board", "service", "team", "worker"};
  static const char *const cy_level[UNIT_LEVEL_COUNT] = {"fwrdd", "wasanaeth", "d\xc3\xaem", "weithiwr"};
  static const char *const en[] = {"is red", "is red or amber", "has been red for two periods running"};
  static const char *const cyw[] = {"yn goch", "yn goch nac yn ambr", "wedi bod yn goch am ddau gyfnod yn olynol"};
  return bind_welsh(lang) ? g_strdup_printf("Nid oes unrhyw %s %s.", cy_level[level], cyw[rule])
                          : g_strdup_printf("No %s %s.", en_level[level], en[rule]);
}

/* "↗ improved", "↘ wedi dirywio": an arrow and its words from the one table. */
static char *direction_cell_text(const MeasureResult *r, const char *lang) {
  const char *arrow = measure_direction_symbol(r->direction);
  return *arrow ? g_strdup_printf("%s %s", arrow, bind_direction_name(lang, r->direction)) : g_strdup("");
}

/* One listed unit's row: name, figure, target, rating, direction. */
static SpecBlock *unit_row(BindContext *bc, const Unit *u, const MeasureResult *r, const char *lang) {
  const Measure *m = r->measure;
  gboolean cy = bind_welsh(lang);
  const char *unit = measure_unit_in(m, cy);
  gboolean percent = strcmp(unit, "%") == 0;
  bc->flags_used |= r->flags;
  bind_rating_used(bc, &r->rating);
  char *fig = measure_with_unit(r->display, r->is_text || !percent ? "" : unit), *fig_unit = measure_with_marks(fig, r->flags);
  char *target = target_text(m, &r->rating, percent ? unit : ""), *dir = direction_cell_text(r, lang);
  GPtrArray *cells = g_ptr_array_new();
  g_ptr_array_add(cells, cell(bc, u->name, TRUE, SPEC_ALIGN_LEFT));
  g_ptr_array_add(cells, cell(bc, fig_unit, FALSE, SPEC_ALIGN_DECIMAL));
  g_ptr_array_add(cells, cell(bc, target, FALSE, SPEC_ALIGN_DECIMAL));
  g_ptr_array_add(cells, spec_cell_new(bc->spec, bind_rating_inline(bc, lang, &r->rating, NULL), FALSE, SPEC_ALIGN_LEFT));
  g_ptr_array_add(cells, cell(bc, dir, FALSE, SPEC_ALIGN_LEFT));
  g_free(fig), g_free(fig_unit), g_free(target), g_free(dir);
  return spec_row_new(bc->spec, cells, FALSE);
}

static SpecBlock *units_table(BindContext *bc, const Measure *m, UnitLevel level, const char *lang, GPtrArray *rows) {
  gboolean cy = bind_welsh(lang);
  const char *unit = measure_unit_in(m, cy);
  char *figure = !*unit || strcmp(unit, "%") == 0 ? g_strdup(cy ? "Ffigur" : "Figure")
                                                  : g_strdup_printf(cy ? "Ffigur, %s" : "Figure, %s", unit);
  const char *heads[] = {bind_level_head(lang, level), figure, cy ? "Targed" : "Target", cy ? "Sgôr" : "Rating",
                         bind_word(lang, WORD_DOT)};
  GPtrArray *head = g_ptr_array_new();
  for (guint i = 0; i < G_N_ELEMENTS(heads); i++)
    g_ptr_array_add(head, cell(bc, heads[i], TRUE, i == 1 || i == 2 ? SPEC_ALIGN_RIGHT : SPEC_ALIGN_LEFT));
  g_free(figure);
  g_ptr_array_insert(rows, 0, spec_row_new(bc->spec, head, TRUE));
  SpecBlock *t = spec_block_new(bc->spec, BLOCK_TABLE, 0, 0);
  SpecColumn cols[] = {{SPEC_COL_SHARE, 1.6, SPEC_ALIGN_LEFT},
                       {SPEC_COL_SHARE, 0.9, SPEC_ALIGN_DECIMAL},
                       {SPEC_COL_SHARE, 0.8, SPEC_ALIGN_DECIMAL},
                       {SPEC_COL_SHARE, 1, SPEC_ALIGN_LEFT},
                       {SPEC_COL_SHARE, 1.2, SPEC_ALIGN_LEFT}};
  t->zebra = TRUE;
  spec_table_set_columns(bc->spec, t, cols, G_N_ELEMENTS(cols));
  spec_block_set_children(bc->spec, t, rows);
  return t;
}

/* A unit's commentary as a paragraph led by the unit's name in bold. */
static SpecBlock *unit_commentary(BindContext *bc, const Unit *u, const SpecBlock *note) {
  SpecBlock *p = spec_block_new(bc->spec, BLOCK_PARAGRAPH, note->line, note->col);
  char *lead = g_strdup_printf("%s: ", u->name);
  SpecInline name = spec_inline_new(bc->spec, lead, RUN_STYLE_BOLD, NULL);
  g_free(lead);
  p->text.n_runs = 1 + note->text.n_runs;
  p->text.runs = spec_alloc(bc->spec, sizeof(SpecRun) * p->text.n_runs);
  p->text.runs[0] = name.runs[0];
  memcpy(p->text.runs + 1, note->text.runs, sizeof(SpecRun) * note->text.n_runs);
  return p;
}

/* Units without a figure for p are not rated: one warning per measure. */
static void units_missing_report(BindContext *bc, const SpecBlock *b, const Measure *m, GPtrArray *names, guint of,
                                 const char *why) {
  if (!names->len) return;
  GString *list = g_string_new(NULL);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf(list, "%s%s", bind_list_separator(NULL, i, names->len, g_ptr_array_index(names, i)),
                           (char *)g_ptr_array_index(names, i));
  if (names->len == of)
    diag_warning(bc->diags, bc->spec->path, b->line, b->col,
                 "%s has no figure for any of the units this exception report lists (%s: %s), so it lists none of "
                 "them for %s: leave it out with refs=\"…\"",
                 m->ref, (char *)g_ptr_array_index(names, 0), why, m->ref);
  else
    diag_warning(bc->diags, bc->spec->path, b->line, b->col, "%s: no figure for %s (%s), not rated here", m->ref, list->str,
                 why);
  g_string_free(list, TRUE);
}

/* One measure across the units: the units the rule selects on their own
 * history, with figures, target, rating, direction and commentary.
 * Returns how many units it listed. */
static guint units_measure_add(BindContext *bc, const SpecBlock *b, ExceptionRule rule, UnitLevel level, const Measure *m,
                               Period p, const GPtrArray *units, const GPtrArray *notes, const char *lang, GPtrArray *out,
                               GArray *unexplained) {
  const Measures *base = measures_base(bc->ms);
  GPtrArray *rows = g_ptr_array_new(), *comments = g_ptr_array_new(), *missing = g_ptr_array_new();
  char *why = NULL;
  DirectionNote note;
  bind_direction_note_init(&note, lang);
  for (guint i = 0; i < units->len; i++) {
    const Unit *u = g_ptr_array_index(units, i);
    Measures *view = measures_unit_view_of(base, u, m);
    MeasureResult r;
    RatingLevel levels[RATING_HISTORY];
    if (measures_get_period(view, m, NULL, p, &r) != MEASURE_OK) {
      g_ptr_array_add(missing, u->name);
      if (!why) why = g_strdup(r.why ? r.why : "no figure");
    } else if (history(view, m, p, levels), rating_rule_selects(rule, levels, RATING_HISTORY)) {
      g_ptr_array_add(rows, unit_row(bc, u, &r, lang));
      if (r.direction != DIRECTION_NONE) bind_direction_note_add(&note, &r), bind_direction_used(bc, m);
      GPtrArray *said = g_ptr_array_new();
      guint found = 0;
      commentary_add(bc, notes, m, p, u->id, said, &found);
      for (guint k = 0; k < said->len; k++) g_ptr_array_add(comments, unit_commentary(bc, u, g_ptr_array_index(said, k)));
      if (!found) unexplained_add(unexplained, m, u);
      g_ptr_array_free(said, TRUE);
    }
    measure_result_clear(&r);
    measures_free(view);
  }
  units_missing_report(bc, b, m, missing, units->len, why);
  guint listed = rows->len;
  if (listed) {
    char *title = g_strdup_printf("%s %s", m->ref, measure_title_in(m, bind_welsh(lang))), *lead = units_lead(lang, rule, level, listed, units->len, p);
    SpecBlock *h = spec_block_new(bc->spec, BLOCK_HEADING, b->line, b->col);
    h->text = spec_inline_new(bc->spec, title, 0, NULL);
    h->depth = b->title ? 1 : 0;
    SpecBlock *lp = spec_block_new(bc->spec, BLOCK_PARAGRAPH, b->line, b->col);
    lp->text = spec_inline_new(bc->spec, lead, 0, NULL);
    g_ptr_array_add(out, h);
    g_ptr_array_add(out, lp);
    g_ptr_array_add(out, units_table(bc, m, level, lang, rows));
    SpecBlock *dot = bind_direction_note_block(bc, &note);
    if (dot) { /* under the table it explains, at note size */
      dot->para_style = PARA_NOTE, dot->keep_with_previous = TRUE;
      g_ptr_array_add(out, dot);
    }
    guint found = 0;
    commentary_add(bc, notes, m, p, NULL, out, &found); /* the measure's own, before its units' */
    for (guint k = 0; k < comments->len; k++) g_ptr_array_add(out, g_ptr_array_index(comments, k));
    g_free(title), g_free(lead);
  } else {
    g_ptr_array_free(rows, TRUE); /* the note has no groups: it only frees itself */
    bind_direction_note_block(bc, &note);
  }
  g_ptr_array_free(comments, TRUE);
  g_ptr_array_free(missing, TRUE);
  g_free(why);
  return listed;
}

static void exceptions_units_expand(BindContext *bc, const SpecBlock *b, ExceptionRule rule, const GPtrArray *ms,
                                    Period p, const GPtrArray *notes, const char *lang, GPtrArray *out,
                                    GArray *unexplained) {
  UnitLevel level = UNIT_TEAM;
  unit_level_parse(b->data->unit_level, &level); /* the schema lists the levels */
  if (!bind_units_below_possible(bc, b, level, "an exception report across units")) return;
  GPtrArray *units = hierarchy_at_level(measures_hierarchy(bc->ms), level, measures_unit(bc->ms));
  guint listed = 0;
  for (guint i = 0; i < ms->len; i++)
    listed += units_measure_add(bc, b, rule, level, g_ptr_array_index(ms, i), p, units, notes, lang, out, unexplained);
  if (!listed) {
    char *none = units_none(lang, rule, level);
    SpecBlock *para = spec_block_new(bc->spec, BLOCK_PARAGRAPH, b->line, b->col);
    para->text = spec_inline_new(bc->spec, none, 0, NULL);
    g_ptr_array_add(out, para);
    g_free(none);
  }
  g_ptr_array_unref(units);
}

static void exceptions_expand(BindContext *bc, const SpecBlock *b, GPtrArray *out) {
  const char *lang = b->lang ? b->lang : bc->lang, *period = scope_period(bc, b);
  gboolean cy = bind_welsh(lang);
  ExceptionRule rule = EXCEPTION_RED;
  rule_parse(b->data->rule, &rule); /* the schema lists the choices */
  commentary_check(bc, b);
  GPtrArray *ms = scope_measures(bc, b), *notes = g_ptr_array_new();
  GArray *unexplained = g_array_new(FALSE, FALSE, sizeof(Unexplained));
  for (guint i = 0; i < b->n_children; i++) g_ptr_array_add(notes, b->children[i]);
  Period p;
  if (period && !period_parse(period, &p, NULL)) {
    diag_error(bc->diags, bc->spec->path, b->line, b->col, "period \"%s\" is not a period", period);
    period = NULL;
  }
  if (period && b->data->commentary) commentary_file_read(bc, b, period, notes);
  if (b->title) {
    SpecBlock *h = spec_block_new(bc->spec, BLOCK_HEADING, b->line, b->col);
    h->text = spec_inline_new(bc->spec, bind_title(bc, b->title, b->line, b->col), 0, NULL);
    g_ptr_array_add(out, h);
  }
  if (period && b->data->unit_level) {
    exceptions_units_expand(bc, b, rule, ms, p, notes, lang, out, unexplained);
    period = NULL; /* done: the report's own figures are not listed */
  }
  guint listed = 0;
  for (guint i = 0; period && i < ms->len; i++) {
    const Measure *m = g_ptr_array_index(ms, i);
    RatingLevel levels[RATING_HISTORY];
    history(bc->ms, m, p, levels);
    if (!rating_rule_selects(rule, levels, RATING_HISTORY)) continue;
    MeasureResult r;
    if (measures_get_period(bc->ms, m, NULL, p, &r) == MEASURE_OK) {
      exception_add(bc, b, notes, &r, lang, out, unexplained);
      listed++;
    }
    measure_result_clear(&r);
  }
  /* the period's own figure is required, as in a scorecard (a gap in the
   * history only breaks a run) */
  for (guint i = 0; period && i < ms->len; i++) {
    MeasureResult r;
    if (measures_get_period(bc->ms, g_ptr_array_index(ms, i), NULL, p, &r) != MEASURE_OK)
      diag_error(bc->diags, bc->spec->path, b->line, b->col, "%s", r.why ? r.why : "no value");
    measure_result_clear(&r);
  }
  if (period && !listed) {
    static const char *const en[] = {"No measure is red.", "No measure is red or amber.",
                                     "No measure has been red for two periods running."};
    static const char *const cyw[] = {"Nid oes unrhyw fesur yn goch.", "Nid oes unrhyw fesur yn goch nac yn ambr.",
                                      "Nid oes unrhyw fesur wedi bod yn goch am ddau gyfnod yn olynol."};
    SpecBlock *none = spec_block_new(bc->spec, BLOCK_PARAGRAPH, b->line, b->col);
    none->text = spec_inline_new(bc->spec, (cy ? cyw : en)[rule], 0, NULL);
    g_ptr_array_add(out, none);
  }
  unexplained_report(bc, b, b->data->rule, unexplained);
  g_array_free(unexplained, TRUE);
  g_ptr_array_free(notes, TRUE);
  g_ptr_array_free(ms, TRUE);
}

/* ---- the expansion ---------------------------------------------------------------- */

void bind_rating_expand(BindContext *bc, SpecBlock *parent) {
  gboolean any = FALSE;
  for (guint i = 0; i < parent->n_children && !any; i++)
    any = parent->children[i]->kind == BLOCK_RATING_SUMMARY || parent->children[i]->kind == BLOCK_EXCEPTIONS;
  if (!any) return;
  GPtrArray *children = g_ptr_array_new();
  for (guint i = 0; i < parent->n_children; i++) {
    SpecBlock *c = parent->children[i];
    if (c->kind != BLOCK_RATING_SUMMARY && c->kind != BLOCK_EXCEPTIONS) {
      g_ptr_array_add(children, c);
    } else if (!bc->ms) {
      diag_error(bc->diags, bc->spec->path, c->line, c->col,
                 "<%s> needs measure data: add <data catalogue=\"…\" values=\"…\"/> to the report",
                 c->kind == BLOCK_EXCEPTIONS ? "exceptions" : "rating-summary");
    } else {
      guint from = children->len;
      if (c->kind == BLOCK_RATING_SUMMARY) summary_expand(bc, c, children);
      else exceptions_expand(bc, c, children);
      for (guint k = from; k < children->len; k++) {
        SpecBlock *made = g_ptr_array_index(children, k);
        if (!made->lang) made->lang = c->lang;
        if (k == from && !made->id) made->id = c->id; /* a link to the block leads to its first part */
      }
    }
  }
  spec_block_set_children(bc->spec, parent, children);
}
