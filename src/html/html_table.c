/* html_table — tables (scorecards, legends and definitions as bind made
 * them) and charts, as HTML.
 *
 * A table is a <table> with its caption, header rows in <thead>, a
 * <tbody> per group of rows (the group row's <th scope="rowgroup">), and
 * on every data cell `headers` naming its column head, its group and its
 * row head, so a screen reader announces "Nov-13, Workforce, % staff
 * appraised" before the figure. It sits in a focusable box that scrolls
 * on its own on a narrow screen. A chart is planned again here at the
 * text width (the same plan the PDF draws) and drawn as inline SVG, with
 * its generated description, then its data as a table in <details>. */
#include <math.h>

#include "chart/chart.h"
#include "html_internal.h"

/* A plan made again for the page; its warnings were already given when
 * layout planned the same chart for the PDF. */
static ChartPlan *plan_quietly(Html *h, const ChartSpec *spec, double width, double height) {
  ChartStyle cs = style_chart_style(h->style);
  DiagList *quiet = diag_list_new();
  ChartPlan *plan = chart_plan(spec, &cs, h->ctx, width, height, quiet);
  diag_list_free(quiet);
  return plan;
}

static const char *align_class(SpecAlign a) {
  return a == SPEC_ALIGN_RIGHT || a == SPEC_ALIGN_DECIMAL ? " class=\"r\"" : a == SPEC_ALIGN_CENTRE ? " class=\"c\"" : "";
}

typedef struct {
  guint table;        /* tN */
  guint n_columns;
  GString **heads;    /* per column: the ids of the head cells over it ("tN-hR-K …") */
  int group;          /* current group row index, -1 none */
  guint row;
} TableIds;

static void sparkline_svg(Html *h, const SpecBlock *cell) {
  const StyleText *t = &h->style->text[STYLE_TABLE];
  ChartPlan *plan = plan_quietly(h, cell->data->chart, t->size * 6, t->size * 1.6);
  if (!plan) return;
  char *id = g_strdup_printf("%sc%u", h->spec->dest_prefix, ++h->n_charts);
  chart_svg(h->out, plan, id, cell->data->alt ? cell->data->alt : html_label(h, h->lang, SPEC_LABEL_TREND), NULL, h->style->text[STYLE_BODY].family);
  g_free(id);
  chart_plan_free(plan);
}

static void cell_headers(Html *h, const TableIds *ids, guint column, gboolean row_head_seen) {
  GString *v = g_string_new(NULL);
  if (column < ids->n_columns) g_string_append(v, ids->heads[column]->str);
  if (ids->group >= 0) g_string_append_printf(v, "%s%st%u-g%d", v->len ? " " : "", h->spec->dest_prefix, ids->table, ids->group);
  if (row_head_seen) g_string_append_printf(v, "%s%st%u-r%u", v->len ? " " : "", h->spec->dest_prefix, ids->table, ids->row);
  if (v->len) {
    g_string_append(h->out, " headers=\"");
    xml_escape(h->out, v->str);
    g_string_append_c(h->out, '"');
  }
  g_string_free(v, TRUE);
}

static void row_cells(Html *h, const SpecBlock *table, const SpecBlock *row, TableIds *ids, gboolean head) {
  guint column = 0;
  gboolean row_head_seen = FALSE;
  for (guint k = 0; k < row->n_children; k++) {
    const SpecBlock *cell = row->children[k];
    int span = MAX(cell->colspan, 1);
    SpecAlign a = cell->align != SPEC_ALIGN_DEFAULT ? cell->align
                  : column < table->n_columns      ? table->columns[column].align
                                                   : SPEC_ALIGN_DEFAULT;
    gboolean th = head || cell->th;
    g_string_append(h->out, th ? "<th" : "<td");
    if (head) {
      char *id = g_strdup_printf("%st%u-h%u-%u", h->spec->dest_prefix, ids->table, ids->row, column);
      g_string_append_printf(h->out, " id=\"%s\" scope=\"col\"", id);
      for (int s = 0; s < span && column + (guint)s < ids->n_columns; s++) {
        GString *list = ids->heads[column + (guint)s];
        g_string_append_printf(list, "%s%s", list->len ? " " : "", id);
      }
      g_free(id);
    } else if (th && !row_head_seen) {
      g_string_append_printf(h->out, " id=\"%st%u-r%u\" scope=\"row\"", h->spec->dest_prefix, ids->table, ids->row);
    } else {
      cell_headers(h, ids, column, row_head_seen);
    }
    if (span > 1) g_string_append_printf(h->out, " colspan=\"%d\"", span);
    g_string_append(h->out, align_class(a));
    if (cell->filled) g_string_append_printf(h->out, " style=\"background:#%06x\"", cell->fill & 0xffffffu);
    g_string_append_c(h->out, '>');
    if (cell->data && cell->data->chart) sparkline_svg(h, cell);
    else html_inline(h, &cell->text);
    g_string_append(h->out, th ? "</th>" : "</td>");
    if (th && !head) row_head_seen = TRUE;
    column += (guint)span;
  }
}

static void group_row(Html *h, const SpecBlock *row, TableIds *ids, guint index, gboolean *open) {
  if (*open) g_string_append(h->out, "</tbody>\n");
  ids->group = (int)index;
  g_string_append_printf(h->out, "<tbody><tr><th class=\"group\" id=\"%st%u-g%u\" scope=\"rowgroup\" colspan=\"%u\">",
                         h->spec->dest_prefix, ids->table, index, MAX(ids->n_columns, 1));
  html_inline(h, &row->text);
  g_string_append(h->out, "</th></tr>\n");
  *open = TRUE;
}

static void table_rows(Html *h, const SpecBlock *t, TableIds *ids) {
  gboolean in_head = FALSE, body_open = FALSE;
  for (guint i = 0; i < t->n_children; i++) {
    const SpecBlock *row = t->children[i];
    if (row->kind != BLOCK_TABLE_ROW) continue;
    if (row->head && !body_open && !in_head) g_string_append(h->out, "<thead>\n"), in_head = TRUE;
    if (!row->head && in_head) g_string_append(h->out, "</thead>\n"), in_head = FALSE;
    if (row->group) {
      group_row(h, row, ids, i, &body_open);
      continue;
    }
    if (!row->head && !body_open) g_string_append(h->out, "<tbody>\n"), body_open = TRUE;
    ids->row = i;
    g_string_append(h->out, "<tr");
    html_id_attr(h, row->id);
    g_string_append_c(h->out, '>');
    row_cells(h, t, row, ids, row->head && in_head);
    g_string_append(h->out, "</tr>\n");
  }
  if (in_head) g_string_append(h->out, "</thead>\n");
  if (body_open) g_string_append(h->out, "</tbody>\n");
}

void html_table(Html *h, const SpecBlock *t) {
  TableIds ids = {.table = ++h->n_tables, .n_columns = t->n_columns, .group = -1};
  ids.heads = g_new0(GString *, MAX(t->n_columns, 1));
  for (guint i = 0; i < t->n_columns; i++) ids.heads[i] = g_string_new(NULL);
  const char *pre = h->spec->dest_prefix;
  if (t->text.n_runs)
    g_string_append_printf(h->out, "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"%st%u-cap\">\n", pre,
                           ids.table);
  else
    g_string_append_printf(h->out, "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Table %u\">\n", ids.table);
  g_string_append(h->out, "<table");
  html_id_attr(h, t->id);
  gboolean scorecard = t->data && t->data->n_columns > 0; /* bind made it from a <scorecard> */
  if (t->zebra || scorecard)
    g_string_append_printf(h->out, " class=\"%s%s%s\"", t->zebra ? "zebra" : "", t->zebra && scorecard ? " " : "",
                           scorecard ? "scorecard" : "");
  g_string_append(h->out, ">\n");
  if (t->text.n_runs) {
    g_string_append_printf(h->out, "<caption id=\"%st%u-cap\">", pre, ids.table);
    html_inline(h, &t->text);
    g_string_append(h->out, "</caption>\n");
  }
  table_rows(h, t, &ids);
  g_string_append(h->out, "</table>\n</div>\n");
  for (guint i = 0; i < t->n_children; i++)
    if (t->children[i]->kind == BLOCK_PARAGRAPH) html_block(h, t->children[i]);
  for (guint i = 0; i < t->n_columns; i++) g_string_free(ids.heads[i], TRUE);
  g_free(ids.heads);
}

/* ---- charts ------------------------------------------------------------ */

static void chart_data_row(Html *h, const ChartSpec *c, int i) {
  g_string_append(h->out, "<tr><th scope=\"row\">");
  xml_escape(h->out, c->categories ? c->categories[i] : "");
  g_string_append(h->out, "</th>");
  for (int s = 0; s < c->n_series; s++) {
    const ChartSeries *se = &c->series[s];
    double v = i < c->n_categories ? se->values[i] : NAN;
    char *text = isfinite(v) ? chart_format_value(v, chart_point_decimals(c, se, i), c->unit) : g_strdup(chart_words(c)->no_data);
    g_string_append(h->out, "<td class=\"r\">");
    xml_escape(h->out, text);
    g_string_append(h->out, "</td>");
    g_free(text);
  }
  g_string_append(h->out, "</tr>\n");
}

/* The figures the chart draws, one row per category, one column per
 * series, in the chart's language (chart_words). */
static void chart_data(Html *h, const ChartSpec *c, const char *title) {
  const ChartWords *w = chart_words(c);
  gboolean periods = c->categories_are_periods || c->type == CHART_LINE;
  char *caption = g_strdup_printf(w->data_caption, title);
  g_string_append(h->out, "<details>\n<summary>");
  xml_escape(h->out, w->data_summary);
  g_string_append(h->out, "</summary>\n<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"");
  xml_escape(h->out, caption);
  g_string_append(h->out, "\">\n<table>\n<caption>");
  xml_escape(h->out, caption);
  g_free(caption);
  g_string_append(h->out, "</caption>\n<thead><tr><th scope=\"col\">");
  xml_escape(h->out, periods ? w->data_periods : w->data_measures);
  g_string_append(h->out, "</th>");
  for (int s = 0; s < c->n_series; s++) {
    g_string_append(h->out, "<th scope=\"col\" class=\"r\">");
    xml_escape(h->out, c->series[s].name);
    g_string_append(h->out, "</th>");
  }
  g_string_append(h->out, "</tr></thead>\n<tbody>\n");
  for (int i = 0; i < c->n_categories; i++) chart_data_row(h, c, i);
  g_string_append(h->out, "</tbody>\n</table>\n</div>\n");
  for (int i = 0; i < c->n_standards; i++) {
    char *text = chart_standard_text(&c->standards[i], c->unit);
    g_string_append(h->out, "<p>");
    xml_escape(h->out, chart_standard_name(c, &c->standards[i]));
    g_string_append(h->out, ": ");
    xml_escape(h->out, text);
    g_string_append(h->out, "</p>\n");
    g_free(text);
  }
  g_string_append(h->out, "</details>\n");
}

void html_chart(Html *h, const SpecBlock *b, double width) {
  const SpecDataBlock *d = b->data;
  const ChartSpec *spec = d ? d->chart : NULL;
  if (!spec) return; /* bind reported why */
  const Style *s = h->style;
  double height = d->height_pt > 0 ? d->height_pt : spec->sparkline ? s->chart.sparkline_height : s->chart.height;
  height = MIN(height, style_body_bottom(s) - style_body_top(s) - s->chart.caption_room);
  ChartPlan *plan = plan_quietly(h, spec, width, height);
  if (!plan) return;
  /* the chart's accessible name: never empty, an empty <caption/> included */
  const char *caption = b->text.n_runs ? spec_inline_text(h->spec, &b->text) : NULL;
  if (!caption || !*caption) caption = spec->title && *spec->title ? spec->title : html_label(h, h->lang, SPEC_LABEL_CHART);
  char *note = chart_plan_note(plan, spec);
  char *desc = note ? g_strdup_printf("%s %s", d->alt ? d->alt : "", note) : g_strdup(d->alt ? d->alt : "");
  char *id = g_strdup_printf("%sc%u", h->spec->dest_prefix, ++h->n_charts);
  g_string_append(h->out, "<figure class=\"chart\"");
  html_id_attr(h, b->id);
  g_string_append(h->out, ">\n");
  if (b->text.n_runs) {
    g_string_append(h->out, "<figcaption>");
    html_inline(h, &b->text);
    g_string_append(h->out, "</figcaption>\n");
  }
  /* on a narrow screen the chart keeps a legible size and scrolls in its box */
  g_string_append_printf(h->out, "<div class=\"scroll chart-box\" role=\"region\" tabindex=\"0\" aria-labelledby=\"%s-title\">\n", id);
  chart_svg(h->out, plan, id, caption, desc, s->text[STYLE_BODY].family);
  g_string_append(h->out, "</div>\n");
  chart_data(h, spec, caption);
  g_string_append(h->out, "</figure>\n");
  g_free(id), g_free(desc), g_free(note);
  chart_plan_free(plan);
}
