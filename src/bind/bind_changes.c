/* bind_changes — a <changes> block as a table: what changed since the
 * earlier figures, from measures_diff (measures/measures_diff.h), the
 * comparison `boardpack diff` prints, so the annex and the terminal agree.
 *
 * The block becomes one BLOCK_TABLE (layout, render and HTML need nothing
 * new): a caption (title=, "What has changed" by default), a header row
 * (Measure, Before, Now), then for each kind of change that occurred a
 * group row naming it ("Rating changed", "Revised after publication",
 * "Direction changed", "Value changed", "Target moved", in that order)
 * and a row per change. A figure's cell says its band and direction in
 * words ("84.1% (achieved, improved), February 2026"), never by symbol
 * alone. Nothing changed: a paragraph saying so. In the block's language
 * (English or Welsh), as `boardpack diff` is in English. */
#include "bind_internal.h"
#include "measures/measures_diff.h"

static const char *const kind_headings[2][MEASURE_CHANGE_KINDS] = {
    {"Rating changed", "Revised after publication", "Direction changed", "Value changed", "Target moved"},
    {"Sg\xc3\xb4r wedi newid", "Diwygiwyd ar \xc3\xb4l cyhoeddi", "Cyfeiriad wedi newid", "Gwerth wedi newid",
     "Targed wedi symud"}};

/* "84.1% (achieved, improved), February 2026", "84.1% (wedi cyrraedd, wedi
 * gwella), Chwefror 2026" (measures_diff wrote the figure with its unit in
 * the block's language) */
static char *figure_cell_text(const char *lang, const MeasureFigure *f) {
  GString *s = g_string_new(f->text);
  const char *band = rating_is_rated(f->level) ? rating_name(f->level, bind_welsh(lang)) : "";
  const char *dir = bind_direction_name(lang, f->direction);
  if (*band || *dir) g_string_append_printf(s, " (%s%s%s)", band, *band && *dir ? ", " : "", dir);
  char *text = period_text(f->period);
  char *when = bind_period_name(lang, text, PERIOD_NAME_LONG);
  g_string_append_printf(s, ", %s", when ? when : text);
  g_free(when), g_free(text);
  return g_string_free(s, FALSE);
}

static void cell_add(Spec *s, GPtrArray *cells, const char *text, gboolean th) {
  g_ptr_array_add(cells, spec_cell_new(s, spec_inline_new(s, text, 0, NULL), th, SPEC_ALIGN_LEFT));
}

/* "CC1 Calls answered", with ", January 2026" for a revised figure. */
static char *measure_cell_text(const char *lang, const MeasureChange *c) {
  char *label = measure_label_with_unit_in(c->measure, measure_title_in(c->measure, bind_welsh(lang)), bind_welsh(lang));
  char *out;
  if (c->kind == MEASURE_CHANGE_REVISED) {
    char *text = period_text(c->from.period);
    char *when = bind_period_name(lang, text, PERIOD_NAME_LONG);
    out = g_strdup_printf("%s %s, %s", c->measure->ref, label, when ? when : text);
    g_free(when), g_free(text);
  } else {
    out = g_strdup_printf("%s %s", c->measure->ref, label);
  }
  g_free(label);
  return out;
}

static SpecBlock *change_row(Spec *s, const char *lang, const MeasureChange *c) {
  GPtrArray *cells = g_ptr_array_new();
  char *label = measure_cell_text(lang, c);
  cell_add(s, cells, label, TRUE);
  g_free(label);
  for (int side = 0; side < 2; side++) {
    const MeasureFigure *f = side ? &c->to : &c->from;
    char *text = c->kind == MEASURE_CHANGE_TARGET    ? g_strdup(f->text ? f->text : bind_welsh(lang) ? "dim" : "none")
                 : c->kind == MEASURE_CHANGE_REVISED ? g_strdup(f->text)
                                                     : figure_cell_text(lang, f);
    cell_add(s, cells, text, FALSE);
    g_free(text);
  }
  return spec_row_new(s, cells, FALSE);
}

static SpecBlock *head_row(Spec *s, const char *lang) {
  gboolean cy = bind_welsh(lang);
  GPtrArray *cells = g_ptr_array_new();
  cell_add(s, cells, cy ? "Mesur" : "Measure", TRUE);
  cell_add(s, cells, cy ? "Cynt" : "Before", TRUE);
  cell_add(s, cells, cy ? "Nawr" : "Now", TRUE);
  return spec_row_new(s, cells, TRUE);
}

/* The report's period as a Period, or FALSE (each measure's latest). */
static gboolean report_period(const BindContext *bc, Period *out) {
  const char *text = bc->spec->data.period;
  char *why = NULL;
  gboolean ok = text && period_parse(text, out, &why);
  g_free(why);
  return ok;
}

void bind_changes(BindContext *bc, SpecBlock *b) {
  Spec *s = bc->spec;
  if (!bc->ms) {
    diag_error(bc->diags, s->path, b->line, b->col,
               "<changes> compares the report's figures: add <data catalogue=\"…\" values=\"…\"/>");
    return;
  }
  const char *lang = b->lang ? b->lang : bc->lang;
  Period period;
  gboolean has_period = report_period(bc, &period);
  GPtrArray *changes = measures_diff(b->data->earlier, bc->ms, has_period ? &period : NULL, NULL, bind_welsh(lang));
  if (!changes->len) {
    b->kind = BLOCK_PARAGRAPH;
    b->text = spec_inline_new(s, bind_welsh(lang) ? "Nid oes unrhyw ffigur wedi newid." : "No figures have changed.", 0,
                              NULL);
    g_ptr_array_unref(changes);
    return;
  }
  GPtrArray *rows = g_ptr_array_new();
  g_ptr_array_add(rows, head_row(s, lang));
  for (guint i = 0; i < changes->len; i++) {
    const MeasureChange *c = g_ptr_array_index(changes, i);
    const MeasureChange *before = i ? g_ptr_array_index(changes, i - 1) : NULL;
    if (!before || before->kind != c->kind) g_ptr_array_add(rows, bind_group_row_new(s, kind_headings[bind_welsh(lang)][c->kind]));
    g_ptr_array_add(rows, change_row(s, lang, c));
  }
  g_ptr_array_unref(changes);
  SpecColumn cols[] = {{SPEC_COL_SHARE, 1.4, SPEC_ALIGN_LEFT},
                       {SPEC_COL_SHARE, 1, SPEC_ALIGN_LEFT},
                       {SPEC_COL_SHARE, 1, SPEC_ALIGN_LEFT}};
  b->kind = BLOCK_TABLE;
  b->zebra = TRUE;
  b->text = spec_inline_new(s, b->title ? b->title : bind_welsh(lang) ? "Beth sydd wedi newid" : "What has changed", 0, NULL);
  spec_table_set_columns(s, b, cols, G_N_ELEMENTS(cols));
  spec_block_set_children(s, b, rows);
}
