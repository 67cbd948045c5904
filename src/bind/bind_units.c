/* bind_units — what a report of one organisational unit says about it:
 * {unit}, {parent} and {top} in titles, text, labels and series; ranks
 * (<rank>, a scorecard's rank column); the heat map of units x measures;
 * and the definitions sheet's word on figures summed from a unit's
 * children. The unit is the view's (measure_units.h): bind never chooses
 * it, report.c does (--each). */
#include <string.h>

#include "bind_internal.h"
#include "measures/measure_rank.h"

/* ---- {unit}, {parent}, {top} --------------------------------------------- */

static const char *const unit_tokens[] = {"{unit}", "{parent}", "{top}"};

static gboolean has_unit_token(const char *text) {
  for (guint i = 0; text && i < G_N_ELEMENTS(unit_tokens); i++)
    if (strstr(text, unit_tokens[i])) return TRUE;
  return FALSE;
}

/* The name a token stands for in this report, or NULL with an error. */
static const char *token_name(BindContext *bc, guint token, int line, int col) {
  const Unit *u = bc->ms ? measures_unit(bc->ms) : NULL;
  if (!u || (token == 1 && !u->parent)) bc->unit_token_failed = TRUE;
  if (!u) {
    diag_error(bc->diags, bc->spec->path, line, col,
               "%s names the report's unit, but its <data> names no hierarchy of units (units=\"…\")",
               unit_tokens[token]);
    return NULL;
  }
  const Unit *top = hierarchy_top(measures_hierarchy(bc->ms));
  if (token == 1 && !u->parent) {
    /* one cause however many {parent}s: a unit's report rendered alone,
     * for the top unit; said once, at the first */
    if (!bc->no_parent_said)
      diag_error(bc->diags, bc->spec->path, line, col,
                 "{parent}: this is the report of %s, the top unit, which has no parent: render a report that "
                 "names {parent} per unit (--each team, or another level), or use {top} or {unit}; said once for "
                 "every {parent} in the report",
                 u->name);
    bc->no_parent_said = TRUE;
    return NULL;
  }
  return token == 0 ? u->name : token == 1 ? u->parent->name : top->name;
}

const char *bind_unit_words(BindContext *bc, const char *text, int line, int col) {
  if (!has_unit_token(text)) return text;
  char *t = g_strdup(text);
  for (guint i = 0; i < G_N_ELEMENTS(unit_tokens); i++) {
    if (!strstr(t, unit_tokens[i])) continue;
    const char *name = token_name(bc, i, line, col);
    if (!name) continue;
    char **parts = g_strsplit(t, unit_tokens[i], -1);
    g_free(t);
    t = g_strjoinv(name, parts);
    g_strfreev(parts);
  }
  const char *out = spec_strdup(bc->spec, t);
  g_free(t);
  return out;
}

static void refs_words(BindContext *bc, SpecDataRef *refs, guint n) {
  for (guint i = 0; i < n; i++) {
    refs[i].series = bind_unit_words(bc, refs[i].series, refs[i].line, refs[i].col);
    refs[i].label = bind_unit_words(bc, refs[i].label, refs[i].line, refs[i].col);
  }
}

void bind_units_block(BindContext *bc, SpecBlock *b) {
  for (guint i = 0; i < b->text.n_runs; i++) {
    SpecRun *run = &b->text.runs[i];
    if (run->kind == RUN_TEXT) run->text = bind_unit_words(bc, run->text, run->line ? run->line : b->line, run->col);
    if (run->kind == RUN_MEASURE) run->measure.series = bind_unit_words(bc, run->measure.series, run->line, run->col);
  }
  if (b->kind == BLOCK_SCORECARD || b->kind == BLOCK_CHART || b->kind == BLOCK_HEAT_MAP) {
    refs_words(bc, b->data->columns, b->data->n_columns);
    refs_words(bc, b->data->categories, b->data->n_categories);
    refs_words(bc, b->data->series, b->data->n_series);
  }
  if (b->kind == BLOCK_SCORECARD)
    for (guint i = 0; i < b->n_children; i++)
      b->children[i]->label = bind_unit_words(bc, b->children[i]->label, b->children[i]->line, b->children[i]->col);
}

/* ---- ranks ---------------------------------------------------------------- */

/* "3rd of 11", or NULL with a diagnostic at line:col. */
/* How a rank that cannot be had is told: an error, "n/a" with a warning,
 * or (a scorecard's rank column, where some measures have no comparators)
 * "n/a" alone. */
typedef enum { RANK_REQUIRED, RANK_OPTIONAL, RANK_GAP_EXPECTED } RankNeed;

static char *rank_text(BindContext *bc, const char *ref, const char *group, const char *among, const char *period,
                       gboolean quartile, RankNeed need, int line, int col) {
  const Measure *m = bc->ms ? measures_lookup(bc->ms, ref) : NULL;
  if (!m) {
    diag_error(bc->diags, bc->spec->path, line, col, "<rank>: %s", bc->ms ? "unknown measure" : "the report has no <data>");
    return NULL;
  }
  Period p;
  if (!period) period = bc->spec->data.period;
  if (!period || !period_parse(period, &p, NULL)) {
    diag_error(bc->diags, bc->spec->path, line, col, "no period for the rank of %s: give period=\"…\" or <data period>", ref);
    return NULL;
  }
  UnitLevel level;
  if (among) unit_level_parse(among, &level); /* the schema allows the four levels only */
  MeasureRank r;
  char *why = NULL;
  if (!measures_rank(bc->ms, m, group, among ? &level : NULL, p, &r, &why)) {
    if (need != RANK_GAP_EXPECTED)
      diag_add(bc->diags, need == RANK_OPTIONAL ? DIAG_WARNING : DIAG_ERROR, bc->spec->path, line, col,
               "the rank of %s: %s%s", ref, why, need == RANK_OPTIONAL ? " (\"n/a\" is printed)" : "");
    g_free(why);
    return need != RANK_REQUIRED ? g_strdup("n/a") : NULL;
  }
  gboolean cy = bind_welsh(bc->lang);
  return quartile ? measures_rank_text_quartile(&r, cy) : measures_rank_text(&r, cy);
}

char *bind_rank_run(BindContext *bc, const SpecRun *run) {
  const SpecMeasureRef *m = &run->measure;
  return rank_text(bc, m->ref, m->group, m->among, m->period, m->quartile, m->optional ? RANK_OPTIONAL : RANK_REQUIRED,
                   run->line, run->col);
}

gboolean bind_rank_wanted(const SpecDataBlock *d) { return d->rank_group || d->rank_among; }

SpecBlock *bind_rank_head_cell(BindContext *bc, const SpecDataBlock *d) {
  (void)d;
  return spec_cell_new(bc->spec, spec_inline_new(bc->spec, bind_welsh(bc->lang) ? "Safle" : "Rank", 0, NULL), TRUE,
                       SPEC_ALIGN_RIGHT);
}

SpecBlock *bind_rank_note(BindContext *bc, const SpecDataBlock *d, const char *period) {
  static const char *const cy_levels[UNIT_LEVEL_COUNT] = {"bwrdd", "gwasanaeth", "t\xc3\xaem", "gweithiwr"};
  char *when = bind_period_name(bc->lang, period, PERIOD_NAME_SHORT);
  UnitLevel level = UNIT_TEAM;
  if (d->rank_among) unit_level_parse(d->rank_among, &level);
  char *t = bind_welsh(bc->lang)
                ? (d->rank_group ? g_strdup_printf("Safle: ffigur %s ymhlith y grŵp %s a ninnau, 1af yw'r gorau.",
                                                   when ? when : period, d->rank_group)
                                 : g_strdup_printf("Safle: ffigur %s ymhlith pob %s, 1af yw'r gorau.", when ? when : period,
                                                   cy_levels[level]))
            : d->rank_group ? g_strdup_printf("Rank: the %s figure among the %s group and ourselves, 1st the best.",
                                              when ? when : period, d->rank_group)
                            : g_strdup_printf("Rank: the %s figure among all %ss, 1st the best.", when ? when : period,
                                              d->rank_among);
  SpecBlock *p = spec_block_new(bc->spec, BLOCK_PARAGRAPH, 0, 0);
  p->text = spec_inline_new(bc->spec, t, 0, NULL);
  g_free(t), g_free(when);
  return p;
}

SpecBlock *bind_rank_cell(BindContext *bc, const SpecDataBlock *d, const SpecBlock *row, const char *period) {
  char *t = rank_text(bc, row->measure_ref, d->rank_group, d->rank_among, period, FALSE, RANK_GAP_EXPECTED, row->line, row->col);
  SpecBlock *c = spec_cell_new(bc->spec, spec_inline_new(bc->spec, t ? t : "n/a", 0, NULL), FALSE, SPEC_ALIGN_RIGHT);
  g_free(t);
  return c;
}

/* ---- the definitions sheet ------------------------------------------------ */

char *bind_unit_definition_note(BindContext *bc, const Measure *m) {
  const Unit *u = bc->ms ? measures_unit(bc->ms) : NULL;
  if (!u || !measures_unit_summed(bc->ms, m) || !u->children->len) return NULL;
  /* the units whose rows were added, which need not be its children: a
   * service without rows is its teams' sum, one without data adds none */
  GPtrArray *sources = g_ptr_array_new();
  measures_unit_sources(bc->ms, m, sources);
  guint n = sources->len;
  UnitLevel lv = n ? ((const Unit *)g_ptr_array_index(sources, 0))->level : UNIT_TEAM;
  gboolean one_level = TRUE;
  for (guint i = 1; i < n; i++) one_level &= ((const Unit *)g_ptr_array_index(sources, i))->level == lv;
  g_ptr_array_free(sources, TRUE);
  char *who = one_level ? g_strdup_printf("%u %s%s", n, unit_level_name(lv), n == 1 ? "'s" : "s'")
                        : g_strdup_printf("%u units'", n);
  char *t = m->kind == MEASURE_COUNT
                ? g_strdup_printf("%s's figure: %s counts summed.", u->name, who)
                : g_strdup_printf("%s's figure: %s numerators and %s summed.", u->name, who,
                                  m->kind == MEASURE_RATE ? "populations" : "denominators");
  g_free(who);
  return t;
}

/* ---- the heat map ---------------------------------------------------------- */

static SpecBlock *text_cell(BindContext *bc, const char *text, gboolean th, SpecAlign align) {
  return spec_cell_new(bc->spec, spec_inline_new(bc->spec, text, 0, NULL), th, align);
}

/* "● 86.4%", "★ 85.4%": the figure with its rating's shape (rating.h:
 * shape and text, never colour alone), or "n/a" with a warning. The
 * levels shown are noted in *levels for the key. */
static char *heat_cell_text(BindContext *bc, const Measures *view, const SpecDataRef *c, const char *period,
                            const Unit *u, guint *levels, RatingLevel *level) {
  MeasureResult r;
  *level = RATING_NO_TARGET;
  if (measures_get(view, c->ref, NULL, period, &r) != MEASURE_OK) {
    diag_add(bc->diags, r.status == MEASURE_UNKNOWN_REF || r.status == MEASURE_BAD_PERIOD ? DIAG_ERROR : DIAG_WARNING,
             bc->spec->path, c->line, c->col, "%s: %s%s", u->name, r.why ? r.why : "no figure",
             r.status == MEASURE_UNKNOWN_REF ? "" : " (\"n/a\" is printed)");
    measure_result_clear(&r);
    return g_strdup("n/a");
  }
  bc->flags_used |= r.flags;
  bind_rating_used(bc, &r.rating); /* the legend explains the shape */
  *levels |= 1u << r.rating.level;
  *level = r.rating.level;
  /* "86.4%"; a longer unit is said once, in the column's head */
  const char *unit = measure_unit(r.measure);
  char *v = measure_with_unit(r.display, r.is_text || strcmp(unit, "%") != 0 ? "" : unit);
  char *marked = measure_with_marks(v, r.flags);
  const char *sym = rating_symbol(r.rating.level);
  char *t = *sym ? g_strdup_printf("%s %s", sym, marked) : g_strdup(marked);
  g_free(v), g_free(marked);
  measure_result_clear(&r);
  return t;
}

static SpecBlock *heat_row(BindContext *bc, const SpecDataBlock *d, const Unit *u, const char *period, guint *levels) {
  const Measures *base = measures_base(bc->ms);
  Measures *view = measures_unit_view(base, u);
  GPtrArray *cells = g_ptr_array_new();
  g_ptr_array_add(cells, text_cell(bc, u->name, TRUE, SPEC_ALIGN_LEFT));
  for (guint i = 0; i < d->n_categories; i++) {
    RatingLevel level;
    char *t = heat_cell_text(bc, view, &d->categories[i], period, u, levels, &level);
    SpecBlock *cell = text_cell(bc, t, FALSE, SPEC_ALIGN_RIGHT);
    cell->filled = rating_fill(level, &cell->fill); /* a tint of the rating's colour, under its shape and figure */
    g_ptr_array_add(cells, cell);
    g_free(t);
  }
  measures_free(view);
  return spec_row_new(bc->spec, cells, FALSE);
}

static GPtrArray *heat_head(BindContext *bc, const SpecBlock *b, UnitLevel level) {
  const SpecDataBlock *d = b->data;
  GPtrArray *cells = g_ptr_array_new();
  g_ptr_array_add(cells, text_cell(bc, bind_level_head(bc->lang, level), TRUE, SPEC_ALIGN_LEFT));
  for (guint i = 0; i < d->n_categories; i++) {
    const char *name = d->categories[i].label ? d->categories[i].label : d->categories[i].ref;
    const Measure *m = measures_lookup(bc->ms, d->categories[i].ref);
    const char *unit = m ? measure_unit_in(m, bind_welsh(bc->lang)) : "";
    /* the unit its cells leave out ("ADM, per 100,000 population aged 65+") */
    char *head = *unit && strcmp(unit, "%") != 0 && !strstr(name, unit) ? g_strdup_printf("%s, %s", name, unit)
                                                                         : g_strdup(name);
    g_ptr_array_add(cells, text_cell(bc, head, TRUE, SPEC_ALIGN_RIGHT));
    g_free(head);
  }
  return cells;
}

/* Under the table: what each column's ref is, and each shape shown. */
static SpecBlock *heat_key(BindContext *bc, const SpecDataBlock *d, guint levels) {
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < d->n_categories; i++) {
    const Measure *m = measures_lookup(bc->ms, d->categories[i].ref);
    if (!m) continue;
    gboolean cy = bind_welsh(bc->lang);
    char *title = measure_label_with_unit_in(m, measure_title_in(m, cy), cy);
    g_string_append_printf(s, "%s%s: %s", s->len ? "; " : "", d->categories[i].label ? d->categories[i].label : m->ref,
                           title);
    g_free(title);
  }
  g_string_append(s, ".");
  gboolean first = TRUE;
  for (RatingLevel l = 0; l < RATING_LEVEL_COUNT; l++) {
    if (!(levels & 1u << l) || !*rating_symbol(l)) continue;
    g_string_append_printf(s, "%s%s %s", first ? " " : ", ", rating_symbol(l), rating_name(l, bind_welsh(bc->lang)));
    first = FALSE;
  }
  if (!first) g_string_append(s, ".");
  SpecBlock *p = spec_block_new(bc->spec, BLOCK_PARAGRAPH, 0, 0);
  p->para_style = PARA_NOTE;
  p->text = spec_inline_new(bc->spec, s->str, 0, NULL);
  g_string_free(s, TRUE);
  return p;
}

gboolean bind_units_below_possible(BindContext *bc, const SpecBlock *b, UnitLevel level, const char *what) {
  const Unit *me = bc->ms ? measures_unit(bc->ms) : NULL;
  if (!me) {
    diag_error(bc->diags, bc->spec->path, b->line, b->col,
               "%s shows units: the report's <data> needs units=\"…\" (a hierarchy of units)", what);
    return FALSE;
  }
  if (me->level >= level) {
    diag_error(bc->diags, bc->spec->path, b->line, b->col,
               "%s of %ss shows the units below the report's, but this is the report of %s, a %s", what,
               unit_level_name(level), me->name, unit_level_name(me->level));
    return FALSE;
  }
  return TRUE;
}

void bind_heat_map(BindContext *bc, SpecBlock *b) {
  const SpecDataBlock *d = b->data;
  UnitLevel level = UNIT_TEAM;
  unit_level_parse(d->unit_level, &level);
  if (!bind_units_below_possible(bc, b, level, "a heat map")) return;
  const char *period = d->period ? d->period : bc->spec->data.period;
  if (!period) {
    diag_error(bc->diags, bc->spec->path, b->line, b->col, "the heat map has no period: give period=\"…\" or <data period>");
    return;
  }
  const Unit *me = measures_unit(bc->ms);
  GPtrArray *units = hierarchy_at_level(measures_hierarchy(bc->ms), level, me);
  gboolean grouped = FALSE; /* a group row per parent when the rows have several */
  for (guint i = 1; i < units->len; i++)
    grouped |= ((const Unit *)g_ptr_array_index(units, i))->parent != ((const Unit *)g_ptr_array_index(units, 0))->parent;
  GPtrArray *rows = g_ptr_array_new();
  guint levels = 0; /* RatingLevel bits shown */
  g_ptr_array_add(rows, spec_row_new(bc->spec, heat_head(bc, b, level), TRUE));
  const Unit *last_parent = NULL;
  for (guint i = 0; i < units->len; i++) {
    const Unit *u = g_ptr_array_index(units, i);
    if (grouped && u->parent != last_parent) {
      SpecBlock *g = spec_block_new(bc->spec, BLOCK_TABLE_ROW, 0, 0);
      g->group = TRUE;
      g->text = spec_inline_new(bc->spec, u->parent->name, 0, NULL);
      g_ptr_array_add(rows, g);
      last_parent = u->parent;
    }
    g_ptr_array_add(rows, heat_row(bc, d, u, period, &levels));
  }
  if (grouped) {
    SpecBlock *g = spec_block_new(bc->spec, BLOCK_TABLE_ROW, 0, 0);
    g->group = TRUE;
    g->text = spec_inline_new(bc->spec, "All", 0, NULL);
    g_ptr_array_add(rows, g);
  }
  g_ptr_array_add(rows, heat_row(bc, d, me, period, &levels));
  g_ptr_array_add(rows, heat_key(bc, d, levels));
  g_ptr_array_unref(units);
  guint n = d->n_categories + 1;
  SpecColumn *cols = g_new0(SpecColumn, n);
  cols[0] = (SpecColumn){SPEC_COL_SHARE, 1, SPEC_ALIGN_LEFT};
  for (guint i = 1; i < n; i++) cols[i] = (SpecColumn){SPEC_COL_AUTO, 0, SPEC_ALIGN_RIGHT};
  char *caption = g_strdup_printf("%s", b->title);
  b->kind = BLOCK_TABLE;
  b->zebra = TRUE;
  if (!b->text.n_runs || !spec_inline_text(bc->spec, &b->text)[0]) b->text = spec_inline_new(bc->spec, caption, 0, NULL);
  g_free(caption);
  spec_table_set_columns(bc->spec, b, cols, n);
  g_free(cols);
  spec_block_set_children(bc->spec, b, rows);
}
