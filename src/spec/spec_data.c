/* spec_data — the blocks that draw on the measure data: <scorecard>,
 * <chart>, <definitions>. They are read as the author wrote them; bind.c
 * later fills them from the measures engine. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/length.h"
#include "spec_internal.h"

static SpecDataRef data_ref_read(Parser *p, xmlNode *n) {
  SpecDataRef r = {.line = xmlsrc_line(n), .col = xmlsrc_col(p->src, n)};
  r.ref = pool_take(p->spec, xmlsrc_attr(n, "ref"));
  r.period = pool_take(p->spec, xmlsrc_attr(n, "period"));
  r.series = pool_take(p->spec, xmlsrc_attr(n, "series"));
  r.label = pool_take(p->spec, xmlsrc_attr(n, "label"));
  r.reference = xmlsrc_attr_yes(n, "reference", FALSE);
  r.optional = xmlsrc_attr_yes(n, "optional", FALSE);
  r.width = (SpecColumn){.width = SPEC_COL_AUTO};
  spec_column_width_read(n, "width", &r.width);
  return r;
}

/* The <name> children of n as an array in the pool. */
static SpecDataRef *data_refs_read(Parser *p, xmlNode *n, const char *name, guint *count) {
  GArray *refs = g_array_new(FALSE, TRUE, sizeof(SpecDataRef));
  for (xmlNode *c = xmlsrc_first_element(n); c; c = xmlsrc_next_element(c))
    if (xmlsrc_is(c, name)) {
      SpecDataRef r = data_ref_read(p, c);
      g_array_append_val(refs, r);
    }
  *count = refs->len;
  SpecDataRef *out = spec_alloc(p->spec, sizeof(SpecDataRef) * (refs->len + 1));
  if (refs->len) memcpy(out, refs->data, sizeof(SpecDataRef) * refs->len);
  g_array_free(refs, TRUE);
  return out;
}

SpecBlock *spec_scorecard_read(Parser *p, xmlNode *n) {
  SpecBlock *b = block_new(p, BLOCK_SCORECARD, n);
  SpecDataBlock *d = spec_alloc(p->spec, sizeof *d);
  b->data = d;
  b->title = pool_take(p->spec, xmlsrc_attr(n, "title"));
  d->direction = xmlsrc_attr_yes(n, "direction", TRUE);
  d->band = xmlsrc_attr_yes(n, "band", TRUE);
  d->polarity = xmlsrc_attr_yes(n, "polarity", TRUE);
  d->rating = xmlsrc_attr_yes(n, "rating", FALSE);
  char *spark = xmlsrc_attr(n, "sparkline");
  d->sparkline = spark ? atoi(spark) : 0;
  g_free(spark);
  d->columns = data_refs_read(p, n, "column", &d->n_columns);
  d->label_width = (SpecColumn){.width = SPEC_COL_SHARE, .value = 1};
  d->rank_group = pool_take(p->spec, xmlsrc_attr(n, "rank"));
  d->rank_among = pool_take(p->spec, xmlsrc_attr(n, "rank-among"));
  spec_column_width_read(n, "label-width", &d->label_width);
  d->compare = pool_take(p->spec, xmlsrc_attr(n, "compare"));
  GPtrArray *children = g_ptr_array_new();
  for (xmlNode *c = xmlsrc_first_element(n); c; c = xmlsrc_next_element(c)) {
    if (xmlsrc_is(c, "caption")) {
      b->text = inline_read(p, c);
    } else if (xmlsrc_is(c, "measure")) {
      SpecBlock *row = block_new(p, BLOCK_TABLE_ROW, c);
      row->measure_ref = pool_take(p->spec, xmlsrc_attr(c, "ref"));
      row->label = pool_take(p->spec, xmlsrc_attr(c, "label"));
      row->mark = pool_take(p->spec, xmlsrc_attr(c, "mark"));
      row->mark_column = pool_take(p->spec, xmlsrc_attr(c, "mark-column"));
      row->optional = xmlsrc_attr_yes(c, "optional", FALSE);
      g_ptr_array_add(children, row);
    } else if (xmlsrc_is(c, "group")) {
      SpecBlock *g = block_new(p, BLOCK_TABLE_ROW, c);
      g->group = TRUE;
      g->text = inline_read(p, c);
      g_ptr_array_add(children, g);
    } else if (xmlsrc_is(c, "note")) {
      SpecBlock *note = block_new(p, BLOCK_PARAGRAPH, c);
      note->text = inline_read(p, c);
      g_ptr_array_add(children, note);
    }
  }
  spec_block_set_children(p->spec, b, children);
  return b;
}

static double attr_number(xmlNode *n, const char *name) {
  char *v = xmlsrc_attr(n, name);
  double d = v ? g_ascii_strtod(v, NULL) : NAN;
  g_free(v);
  return d;
}

static void periods_read(Parser *p, xmlNode *n, SpecDataBlock *d) {
  char *text = xmlsrc_text(n);
  char **parts = g_strsplit_set(text, " \t\r\n", -1);
  GPtrArray *periods = g_ptr_array_new();
  for (char **q = parts; *q; q++)
    if (**q) g_ptr_array_add(periods, (gpointer)spec_strdup(p->spec, *q));
  d->n_periods = periods->len;
  d->periods = spec_alloc(p->spec, sizeof(char *) * (periods->len + 1));
  for (guint i = 0; i < periods->len; i++) d->periods[i] = g_ptr_array_index(periods, i);
  g_ptr_array_free(periods, TRUE);
  d->periods_line = xmlsrc_line(n);
  d->periods_col = xmlsrc_col(p->src, n);
  g_strfreev(parts);
  g_free(text);
}

SpecBlock *spec_chart_read(Parser *p, xmlNode *n) {
  SpecBlock *b = block_new(p, BLOCK_CHART, n);
  SpecDataBlock *d = spec_alloc(p->spec, sizeof *d);
  b->data = d;
  d->chart_type = pool_take(p->spec, xmlsrc_attr(n, "type"));
  if (!d->chart_type) d->chart_type = "line";
  char *h = xmlsrc_attr(n, "height");
  d->height_pt = length_points(h, 0);
  g_free(h);
  d->y_min = attr_number(n, "y-min");
  d->y_max = attr_number(n, "y-max");
  /* an empty range has no ticks to find: the chart module would look for ever */
  if (!isnan(d->y_min) && !isnan(d->y_max) && d->y_min >= d->y_max)
    xmlsrc_diag(p->src, n, p->diags, DIAG_ERROR, "y-min (%g) must be less than y-max (%g)", d->y_min, d->y_max);
  d->labels = pool_take(p->spec, xmlsrc_attr(n, "labels"));
  if (!d->labels) d->labels = "auto"; /* latest for lines, all for bars (chart.h) */
  d->standard = xmlsrc_attr_yes(n, "standard", TRUE);
  char *empty = xmlsrc_attr(n, "if-empty");
  d->empty_message = empty && strcmp(empty, "message") == 0;
  g_free(empty);
  xmlNode *periods = xmlsrc_child(n, "periods");
  if (periods) periods_read(p, periods, d);
  d->categories = data_refs_read(p, n, "category", &d->n_categories);
  d->series = data_refs_read(p, n, "series", &d->n_series);
  b->text = inline_read(p, xmlsrc_child(n, "caption"));
  return b;
}

/* <changes against="may.csv" catalogue="old.xml" title="…"/>: the files
 * resolved here like <data>'s; report/ loads them for bind. */
SpecBlock *spec_changes_read(Parser *p, xmlNode *n) {
  SpecBlock *b = block_new(p, BLOCK_CHANGES, n);
  b->data = spec_alloc(p->spec, sizeof(SpecDataBlock));
  b->title = pool_take(p->spec, xmlsrc_attr(n, "title"));
  char *against = xmlsrc_attr(n, "against"), *cat = xmlsrc_attr(n, "catalogue");
  if (against) b->data->against = spec_resolve_path(p->spec, against, INFILE_DATA, b->line, b->col, p->diags);
  if (cat) b->data->against_catalogue = spec_resolve_path(p->spec, cat, INFILE_XML, b->line, b->col, p->diags);
  if (cat && !against)
    xmlsrc_diag(p->src, n, p->diags, DIAG_ERROR,
                "catalogue= names the catalogue of the earlier data: give that data file as against=\"…\" too");
  g_free(against);
  g_free(cat);
  return b;
}

SpecBlock *spec_definitions_read(Parser *p, xmlNode *n) {
  SpecBlock *b = block_new(p, BLOCK_DEFINITIONS, n);
  b->data = spec_alloc(p->spec, sizeof(SpecDataBlock));
  b->title = pool_take(p->spec, xmlsrc_attr(n, "title"));
  b->data->include_local = xmlsrc_attr_yes(n, "local", FALSE);
  return b;
}

/* refs="A B C" as a NULL-terminated array in the pool, or NULL. */
static const char **refs_read(Parser *p, xmlNode *n) {
  char *text = xmlsrc_attr(n, "refs");
  if (!text) return NULL;
  char **parts = g_strsplit_set(text, " \t\r\n", -1);
  guint k = 0, count = g_strv_length(parts);
  const char **out = spec_alloc(p->spec, sizeof(char *) * (count + 1));
  for (char **q = parts; *q; q++)
    if (**q) out[k++] = spec_strdup(p->spec, *q);
  g_strfreev(parts);
  g_free(text);
  return out;
}

SpecBlock *spec_rating_read(Parser *p, xmlNode *n, SpecBlockKind kind) {
  SpecBlock *b = block_new(p, kind, n);
  SpecDataBlock *d = spec_alloc(p->spec, sizeof *d);
  b->data = d;
  b->title = pool_take(p->spec, xmlsrc_attr(n, "title"));
  d->rule = pool_take(p->spec, xmlsrc_attr(n, "rule"));
  if (!d->rule) d->rule = "red";
  d->of = pool_take(p->spec, xmlsrc_attr(n, "of"));
  d->period = pool_take(p->spec, xmlsrc_attr(n, "period"));
  d->refs = refs_read(p, n);
  d->commentary = pool_take(p->spec, xmlsrc_attr(n, "commentary"));
  d->unit_level = pool_take(p->spec, xmlsrc_attr(n, "level")); /* exceptions across units */
  d->standard = xmlsrc_attr_yes(n, "chart", TRUE); /* the summary's chart */
  GPtrArray *children = g_ptr_array_new();
  for (xmlNode *c = xmlsrc_first_element(n); c; c = xmlsrc_next_element(c)) {
    if (!xmlsrc_is(c, "commentary")) continue;
    SpecBlock *note = block_new(p, BLOCK_PARAGRAPH, c);
    note->measure_ref = pool_take(p->spec, xmlsrc_attr(c, "ref"));
    note->commentary_period = pool_take(p->spec, xmlsrc_attr(c, "period"));
    note->commentary_unit = pool_take(p->spec, xmlsrc_attr(c, "unit"));
    note->text = inline_read(p, c);
    g_ptr_array_add(children, note);
  }
  spec_block_set_children(p->spec, b, children);
  return b;
}

/* <heat-map level="team">: one row per unit of the level, one column per
 * <measure> (kept as the data block's categories). */
SpecBlock *spec_heat_map_read(Parser *p, xmlNode *n) {
  SpecBlock *b = block_new(p, BLOCK_HEAT_MAP, n);
  SpecDataBlock *d = spec_alloc(p->spec, sizeof *d);
  b->data = d;
  b->title = pool_take(p->spec, xmlsrc_attr(n, "title"));
  d->unit_level = pool_take(p->spec, xmlsrc_attr(n, "level"));
  d->period = pool_take(p->spec, xmlsrc_attr(n, "period"));
  d->categories = data_refs_read(p, n, "measure", &d->n_categories);
  xmlNode *caption = xmlsrc_child(n, "caption");
  if (caption) b->text = inline_read(p, caption);
  return b;
}
