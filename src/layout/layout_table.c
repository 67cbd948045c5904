/* layout_table — a BLOCK_TABLE → caption, Table tag, one FLOW_ROW per
 * row, notes.
 *
 * Every cell is shaped once; its narrowest and widest content are measured
 * on that same layout (by changing its width) before the column widths are
 * resolved (table_columns.c) and the final width is set. Numbers in a
 * decimal column line up on the decimal point: each cell is shifted left by
 * how much narrower its fractional part is than the column's widest. */
#include <string.h>

#include "base/hyphenate.h"
#include "chart/chart.h"
#include "layout_internal.h"
#include "table_columns.h"

/* The links found while shaping one cell (the array belongs to the doc). */
typedef struct {
  LayoutLink *links;
  guint n_links;
} CellLinks;

typedef struct {
  Collect *c;
  const SpecBlock *table;
  Column col;
  double pad;
  double *widths;   /* per column */
  double *x;        /* left edge per column */
  CellLinks **links; /* per row and cell, beside the shaped layouts */
} TableLayout;

static double layout_width(PangoLayout *l) {
  int w;
  pango_layout_get_size(l, &w, NULL);
  return (double)w / PANGO_SCALE;
}

/* Width of the hyphen Pango draws at a break in the cell's font. */
static double hyphen_width(PangoLayout *l) {
  PangoLayout *h = pango_layout_new(pango_layout_get_context(l));
  pango_layout_set_font_description(h, pango_layout_get_font_description(l));
  pango_layout_set_attributes(h, pango_layout_get_attributes(l));
  pango_layout_set_text(h, "-", 1);
  double w = layout_width(h);
  g_object_unref(h);
  return w;
}

static gboolean is_figure_align(SpecAlign a) { return a == SPEC_ALIGN_RIGHT || a == SPEC_ALIGN_DECIMAL; }

/* A cell's own alignment, else its column's. A cell spanning columns
 * follows the columns it spans, not only the first: over figure columns
 * only (a spanner head) it is centred on them, over columns that all share
 * another alignment it takes that one, and over a mix it starts at the
 * left, so that a header over a label and figures is not pushed right. */
static SpecAlign cell_align(const SpecBlock *t, const SpecBlock *cell, guint column) {
  if (cell->align != SPEC_ALIGN_DEFAULT) return cell->align;
  if (column >= t->n_columns) return SPEC_ALIGN_DEFAULT;
  SpecAlign a = t->columns[column].align;
  if (cell->colspan <= 1) return a;
  gboolean figures = is_figure_align(a), same = TRUE;
  for (guint j = column + 1; j < column + (guint)cell->colspan && j < t->n_columns; j++) {
    figures &= is_figure_align(t->columns[j].align);
    same &= t->columns[j].align == a;
  }
  return figures ? SPEC_ALIGN_CENTRE : same ? a : SPEC_ALIGN_LEFT;
}

static StyleRole cell_role(const SpecBlock *row, const SpecBlock *cell) {
  return row->head ? STYLE_TABLE_HEAD : cell->th ? STYLE_TABLE_GROUP : STYLE_TABLE;
}

/* Widest and narrowest content of a cell shaped on one line: the line's
 * width; the widest word (the widest stretch between two places Pango may
 * break a line); and the widest piece between two places it may break at
 * all (hyphenation points: cell text breaks nowhere else), a hyphen
 * included, which is the narrowest the cell can be. One shaping pass;
 * asking Pango for the narrowest layout instead would re-shape the cell. */
static void cell_extent(PangoLayout *l, double *floor, double *min, double *max) {
  pango_layout_set_width(l, -1);
  *max = layout_width(l);
  int n_attrs = 0;
  const PangoLogAttr *attrs = pango_layout_get_log_attrs_readonly(l, &n_attrs);
  const char *text = pango_layout_get_text(l);
  double word_x = 0, piece_x = 0, widest_word = 0, widest_piece = 0, hyphen = -1;
  const char *p = text;
  for (int i = 1; i < n_attrs; i++) {
    p = g_utf8_next_char(p);
    gboolean last = i == n_attrs - 1;
    if (!attrs[i].is_line_break && !attrs[i].is_char_break && !last) continue;
    PangoRectangle pos;
    pango_layout_index_to_pos(l, (int)(p - text), &pos);
    double x = (double)pos.x / PANGO_SCALE;
    gboolean in_word = !attrs[i].is_line_break && !last;
    if (in_word && hyphen < 0) hyphen = hyphen_width(l);
    widest_piece = MAX(widest_piece, x - piece_x + (in_word ? hyphen : 0));
    piece_x = x;
    if (in_word) continue;
    widest_word = MAX(widest_word, x - word_x);
    word_x = x;
  }
  *min = MIN(MAX(widest_word, 0), *max);
  *floor = MIN(MAX(widest_piece, 0), *min);
}

/* Min and max content width of every single-span cell, per column. Only
 * columns that size from their content need it. */
static void columns_measure(TableLayout *tl, PangoLayout ***shaped, ColumnRequest *req) {
  const SpecBlock *t = tl->table;
  for (guint i = 0; i < t->n_columns; i++)
    req[i] = (ColumnRequest){.kind = t->columns[i].width, .value = t->columns[i].value,
                             .floor = 2 * tl->pad, .min = 2 * tl->pad, .max = 2 * tl->pad};
  for (guint r = 0; r < t->n_children; r++) {
    const SpecBlock *row = t->children[r];
    if (row->kind != BLOCK_TABLE_ROW || row->group) continue;
    guint column = 0;
    for (guint k = 0; k < row->n_children; k++) {
      const SpecBlock *cell = row->children[k];
      PangoLayout *l = shaped[r][k];
      if (l && cell->colspan == 1 && column < t->n_columns &&
          (req[column].kind == SPEC_COL_AUTO || req[column].kind == SPEC_COL_SHARE)) {
        double floor, min, max;
        cell_extent(l, &floor, &min, &max);
        req[column].max = MAX(req[column].max, max + 2 * tl->pad);
        req[column].min = MAX(req[column].min, min + 2 * tl->pad);
        req[column].floor = MAX(req[column].floor, floor + 2 * tl->pad);
      }
      column += (guint)cell->colspan;
    }
  }
}

/* Width of the text from the decimal point on ("" if none). */
/* A figure ("1,234.5", "-2", "25.2*"), not words ("n/a"): only figures
 * line up on their decimal point. */
static gboolean looks_numeric(const char *text) {
  return g_ascii_isdigit(text[0]) || ((text[0] == '-' || text[0] == '+' || text[0] == '.') && g_ascii_isdigit(text[1]));
}

static double fraction_width(PangoLayout *l) {
  const char *text = pango_layout_get_text(l);
  const char *dot = strchr(text, '.');
  if (!looks_numeric(text) || !dot || !g_ascii_isdigit(dot[1])) return 0;
  PangoRectangle pos, logical;
  pango_layout_index_to_pos(l, (int)(dot - text), &pos);
  pango_layout_get_extents(l, NULL, &logical); /* x includes the alignment offset, as pos.x does */
  return (double)(logical.x + logical.width - pos.x) / PANGO_SCALE;
}

static PangoAlignment pango_align(SpecAlign a) {
  return a == SPEC_ALIGN_RIGHT || a == SPEC_ALIGN_DECIMAL ? PANGO_ALIGN_RIGHT
         : a == SPEC_ALIGN_CENTRE                        ? PANGO_ALIGN_CENTER
                                                         : PANGO_ALIGN_LEFT;
}

/* A sparkline planned at the cell's width; returns its height. */
static double sparkline_add(TableLayout *tl, FlowCell *fc, const SpecBlock *cell) {
  const Style *s = tl->c->style;
  double h = s->text[STYLE_TABLE].size * 1.6;
  ChartStyle cs = style_chart_style(s);
  ChartPlan *plan = chart_plan(cell->data->chart, &cs, tl->c->ctx, MAX(fc->width - 2 * tl->pad, 10), h, tl->c->diags);
  if (!plan) return 0;
  g_ptr_array_add(tl->c->doc->charts, plan);
  fc->chart = plan;
  fc->alt = g_string_chunk_insert_const(tl->c->doc->strings, cell->data->alt ? cell->data->alt : "");
  return h;
}

static gboolean layout_ink_wider_than(PangoLayout *l, double avail) {
  PangoRectangle logical;
  for (GSList *line = pango_layout_get_lines_readonly(l); line; line = line->next) {
    pango_layout_line_get_extents(line->data, NULL, &logical);
    if ((double)logical.width / PANGO_SCALE > avail + 0.01) return TRUE;
  }
  return FALSE;
}

/* Fit a cell's text to `avail` points. Text that fits on one line keeps
 * the layout shaped for measuring and is aligned by moving it: setting a
 * width makes Pango shape the whole cell again, and most cells (figures,
 * short labels) fit. Only text that must wrap gets a width. */
static void cell_fit(FlowCell *fc, double avail, SpecAlign align) {
  double natural = layout_width(fc->layout);
  if (pango_layout_get_line_count(fc->layout) == 1 && natural <= avail) {
    double slack = avail - natural;
    fc->text_dx = align == SPEC_ALIGN_RIGHT || align == SPEC_ALIGN_DECIMAL ? slack
                  : align == SPEC_ALIGN_CENTRE                             ? slack / 2
                                                                           : 0;
    return;
  }
  pango_layout_set_width(fc->layout, (int)(avail * PANGO_SCALE));
  pango_layout_set_alignment(fc->layout, pango_align(align));
  /* only when even the narrowest columns do not fit the table may a word
   * break at a letter: overflowing into the next cell would be worse */
  if (layout_ink_wider_than(fc->layout, avail)) pango_layout_set_wrap(fc->layout, PANGO_WRAP_WORD_CHAR);
  if (layout_ink_wider_than(fc->layout, avail)) layout_text_allow_breaks(fc->layout); /* a code or figure too */
}

static FlowRow *row_build(TableLayout *tl, const SpecBlock *row, PangoLayout **shaped, const CellLinks *links,
                          double *frac_max) {
  const Style *s = tl->c->style;
  FlowRow *fr = g_new0(FlowRow, 1);
  fr->x = tl->col.x, fr->width = tl->col.width, fr->padding = tl->pad, fr->head = row->head;
  fr->fill = STYLE_NO_FILL;
  if (row->id) {
    char *dest = g_strconcat(tl->c->spec->dest_prefix, row->id, NULL);
    fr->dest = g_string_chunk_insert_const(tl->c->doc->strings, dest);
    g_free(dest);
  }
  fr->rule_colour = s->table.rule_colour;
  fr->rule_width = row->head ? s->table.rule_width * 2 : s->table.rule_width;
  fr->n_cells = row->n_children;
  fr->cells = g_new0(FlowCell, MAX(fr->n_cells, 1));
  double text_h = 0;
  guint column = 0;
  for (guint k = 0; k < row->n_children; k++) {
    const SpecBlock *cell = row->children[k];
    FlowCell *fc = &fr->cells[k];
    guint span = MIN((guint)cell->colspan, tl->table->n_columns - MIN(column, tl->table->n_columns));
    fc->x = tl->x[MIN(column, tl->table->n_columns - 1)];
    for (guint j = column; j < column + span && j < tl->table->n_columns; j++) fc->width += tl->widths[j];
    fc->tag = cell->th || row->head ? LAYOUT_TAG_TH : LAYOUT_TAG_TD;
    fc->col = MIN(column, tl->table->n_columns), fc->colspan = MAX(span, 1u);
    fc->colour = s->text[cell_role(row, cell)].colour;
    fc->layout = shaped[k];
    fc->links = links[k].links, fc->n_links = links[k].n_links;
    shaped[k] = NULL;
    if (cell->data && cell->data->chart) {
      double spark_h = sparkline_add(tl, fc, cell); /* once: MAX would plan it twice */
      text_h = MAX(text_h, spark_h);
    } else if (fc->layout) {
      SpecAlign align = cell_align(tl->table, cell, column);
      double avail = MAX(fc->width - 2 * tl->pad, 1);
      /* a cell measured on one line is broken into lines only now */
      if (pango_layout_get_width(fc->layout) >= 0 ||
          collect_text_bounded(tl->c, &s->text[cell_role(row, cell)], &cell->text, avail, cell->line, cell->col))
        cell_fit(fc, avail, align);
      if (align == SPEC_ALIGN_DECIMAL && span == 1 && !row->head && looks_numeric(pango_layout_get_text(fc->layout)))
        fc->text_dx -= frac_max[column] - fraction_width(fc->layout);
      int h;
      pango_layout_get_size(fc->layout, NULL, &h);
      text_h = MAX(text_h, (double)h / PANGO_SCALE);
    }
    column += span;
  }
  fr->height = text_h + 2 * tl->pad;
  return fr;
}

static FlowRow *group_row_build(TableLayout *tl, const SpecBlock *row) {
  Collect *c = tl->c;
  FlowRow *fr = g_new0(FlowRow, 1);
  fr->x = tl->col.x, fr->width = tl->col.width, fr->padding = tl->pad;
  fr->rule_colour = c->style->table.rule_colour, fr->rule_width = c->style->table.rule_width;
  fr->fill = c->style->table.group_fill;
  fr->n_cells = 1;
  fr->cells = g_new0(FlowCell, 1);
  LayoutLink *links = NULL;
  guint n_links = 0;
  FlowCell *fc = &fr->cells[0];
  fc->layout = collect_shape(c, STYLE_TABLE_GROUP, &row->text, tl->col.width - 2 * tl->pad, &links, &n_links,
                             row->line, row->col);
  fc->links = links, fc->n_links = n_links;
  fc->x = tl->col.x, fc->width = tl->col.width;
  fc->tag = LAYOUT_TAG_TH;
  fc->col = 0, fc->colspan = MAX(tl->table->n_columns, 1u);
  fr->group = TRUE;
  fc->colour = c->style->text[STYLE_TABLE_GROUP].colour;
  int h;
  pango_layout_get_size(fc->layout, NULL, &h);
  fr->height = (double)h / PANGO_SCALE + 2 * tl->pad;
  return fr;
}

/* Width the text of a cell spanning `span` columns from `column` has. */
static double cell_text_width(const TableLayout *tl, guint column, guint span) {
  double w = 0;
  for (guint j = column; j < column + span && j < tl->table->n_columns; j++) w += tl->widths[j];
  return MAX(w - 2 * tl->pad, 1);
}

static void decimal_widths(TableLayout *tl, PangoLayout ***shaped, double *frac_max) {
  const SpecBlock *t = tl->table;
  for (guint r = 0; r < t->n_children; r++) {
    const SpecBlock *row = t->children[r];
    if (!shaped[r] || row->head) continue;
    guint column = 0;
    for (guint k = 0; k < row->n_children; k++) {
      const SpecBlock *cell = row->children[k];
      if (shaped[r][k] && cell->colspan == 1 && column < t->n_columns &&
          cell_align(t, cell, column) == SPEC_ALIGN_DECIMAL)
        frac_max[column] = MAX(frac_max[column], fraction_width(shaped[r][k]));
      column += (guint)cell->colspan;
    }
  }
}

/* Every cell shaped once: on one line when its column sizes from content
 * (`at_width` FALSE), else at its column's final width. */
static PangoLayout ***cells_shape(TableLayout *tl, gboolean at_width) {
  const SpecBlock *t = tl->table;
  PangoLayout ***shaped = g_new0(PangoLayout **, MAX(t->n_children, 1));
  tl->c->hyphenate = TRUE;
  for (guint r = 0; r < t->n_children; r++) {
    const SpecBlock *row = t->children[r];
    if (row->kind != BLOCK_TABLE_ROW || row->group) continue;
    shaped[r] = g_new0(PangoLayout *, MAX(row->n_children, 1));
    tl->links[r] = g_new0(CellLinks, MAX(row->n_children, 1));
    guint column = 0;
    for (guint k = 0; k < row->n_children; k++) {
      const SpecBlock *cell = row->children[k];
      double width = at_width ? cell_text_width(tl, column, (guint)cell->colspan) : -1;
      column += (guint)cell->colspan;
      if (!cell->text.n_runs) continue;
      CellLinks *l = &tl->links[r][k];
      shaped[r][k] = collect_shape(tl->c, cell_role(row, cell), &cell->text, width, &l->links, &l->n_links,
                                   cell->line, cell->col);
    }
  }
  tl->c->hyphenate = FALSE;
  return shaped;
}

static gboolean sizes_from_content(const SpecBlock *t) {
  for (guint i = 0; i < t->n_columns; i++)
    if (t->columns[i].width == SPEC_COL_AUTO) return TRUE;
  return FALSE;
}

/* Raise columns narrower than `least` to it, taking the room from the
 * columns wider than `least` in proportion to what they have above it.
 * The caller made sure n x least fits the width. */
static void columns_floor(double *w, guint n, double least) {
  double need = 0, spare = 0;
  for (guint i = 0; i < n; i++) {
    if (w[i] < least) need += least - w[i];
    else spare += w[i] - least;
  }
  if (need <= 0 || spare <= 0) return;
  for (guint i = 0; i < n; i++) w[i] = w[i] < least ? least : w[i] - (w[i] - least) * need / spare;
}

/* Columns the page has room for: fixed and percentage widths that add up
 * to no more than the table's width, and every column wide enough for its
 * padding and a letter of table text (a narrower one is widened at the
 * expense of the wider ones while they can spare it). An error at the
 * table otherwise: narrower cells would get negative widths and text one
 * letter a line. */
static void columns_check(TableLayout *tl, const ColumnRequest *req) {
  const SpecBlock *t = tl->table;
  Collect *c = tl->c;
  double asked = 0;
  for (guint i = 0; i < t->n_columns; i++) {
    if (req[i].kind == SPEC_COL_FIXED) asked += req[i].value;
    if (req[i].kind == SPEC_COL_PERCENT) asked += req[i].value * tl->col.width;
  }
  double least = 2 * tl->pad + c->style->text[STYLE_TABLE].size;
  if (asked > tl->col.width + LAYOUT_FIT_TOLERANCE)
    diag_error(c->diags, c->spec->path, t->line, t->col,
               "the table's fixed and percentage column widths add up to %.1f pt, wider than the %.1f pt it has", asked,
               tl->col.width);
  else if (t->n_columns * least > tl->col.width + LAYOUT_FIT_TOLERANCE)
    diag_error(c->diags, c->spec->path, t->line, t->col,
               "the table's %u columns do not fit its %.1f pt: a column needs at least %.1f pt (its padding and a "
               "letter), so at most %u fit; use fewer columns, or a landscape layout",
               t->n_columns, tl->col.width, least, (guint)(tl->col.width / least));
  else
    columns_floor(tl->widths, t->n_columns, least);
}

/* Header rows repeat on every page the table runs over: more than half a
 * page of them would leave the rows below the page. */
static void head_check(TableLayout *tl, const FlowItem *begin) {
  const Style *s = tl->c->style;
  double head = 0, body = style_body_bottom(s) - style_body_top(s);
  for (guint i = 0; i < begin->head_rows->len; i++) head += ((const FlowRow *)g_ptr_array_index(begin->head_rows, i))->height;
  if (head > body / 2)
    diag_error(tl->c->diags, tl->c->spec->path, tl->table->line, tl->table->col,
               "the table's header rows are %.1f pt tall, more than half the page body (%.1f pt), and they repeat on "
               "every page: make them shorter, or leave head=\"yes\" off some",
               head, body);
}

/* Column widths, and the cells shaped: measured first when a column sizes
 * from its content; otherwise the widths come first and each cell is
 * shaped once, at its width (a long definitions sheet would else be
 * shaped twice). */
static PangoLayout ***columns_and_cells(TableLayout *tl, double *frac_max) {
  const SpecBlock *t = tl->table;
  ColumnRequest *req = g_new0(ColumnRequest, t->n_columns);
  PangoLayout ***shaped = NULL;
  gboolean measure = sizes_from_content(t);
  if (measure) {
    shaped = cells_shape(tl, FALSE);
    columns_measure(tl, shaped, req);
    /* figures shifted to line up on the decimal point need that much more room */
    decimal_widths(tl, shaped, frac_max);
    for (guint i = 0; i < t->n_columns; i++)
      req[i].max += frac_max[i], req[i].min += frac_max[i], req[i].floor += frac_max[i];
  } else {
    for (guint i = 0; i < t->n_columns; i++)
      req[i] = (ColumnRequest){.kind = t->columns[i].width, .value = t->columns[i].value, .floor = 2 * tl->pad,
                               .min = 2 * tl->pad, .max = 2 * tl->pad};
  }
  table_columns_resolve(req, t->n_columns, tl->col.width, tl->widths);
  columns_check(tl, req);
  if (!measure) {
    shaped = cells_shape(tl, TRUE);
    decimal_widths(tl, shaped, frac_max);
  }
  g_free(req);
  return shaped;
}


/* Body rows (not header or group rows) of the table. */
static guint body_row_count(const SpecBlock *t) {
  guint n = 0;
  for (guint r = 0; r < t->n_children; r++)
    n += t->children[r]->kind == BLOCK_TABLE_ROW && !t->children[r]->head && !t->children[r]->group;
  return n;
}

static gboolean has_notes(const SpecBlock *t) {
  for (guint r = 0; r < t->n_children; r++)
    if (t->children[r]->kind == BLOCK_PARAGRAPH) return TRUE;
  return FALSE;
}

/* Header and group rows keep with the row after them; so do the first
 * body row (never one body row alone under the header at a page foot),
 * the last but one (never the last alone at the head of a page), and the
 * last when notes follow (a note never starts a page without its table). */
static void rows_add(TableLayout *tl, PangoLayout ***shaped, FlowItem *begin, double *frac_max) {
  const SpecBlock *t = tl->table;
  const Style *s = tl->c->style;
  guint body_rows = 0, n_body = body_row_count(t);
  gboolean notes = has_notes(t);
  for (guint r = 0; r < t->n_children; r++) {
    const SpecBlock *row = t->children[r];
    if (row->kind != BLOCK_TABLE_ROW) continue;
    FlowItem *it = flow_list_add(tl->c->list, FLOW_ROW);
    it->row = row->group ? group_row_build(tl, row) : row_build(tl, row, shaped[r], tl->links[r], frac_max);
    for (guint k = 0; !row->group && k < row->n_children; k++) collect_notes(tl->c, it, &row->children[k]->text, FALSE);
    if (row->head) {
      it->row->fill = s->table.head_fill;
      g_ptr_array_add(begin->head_rows, it->row);
    }
    gboolean body = !row->head && !row->group;
    if (body && t->zebra && body_rows % 2 == 1) it->row->fill = s->table.zebra_fill;
    it->keep_with_next = row->head || row->group ||
                         (body && (body_rows == 0 || body_rows + 2 == n_body || (body_rows + 1 == n_body && notes)));
    body_rows += body;
    it->x = tl->col.x, it->width = tl->col.width, it->height = it->row->height;
  }
}

/* "Caption (continued)", in the caption's style, for the pages the table
 * goes on to ("(continued)" alone for a table without a caption). */
static void continued_add(Collect *c, FlowItem *begin, const SpecBlock *t, Column col) {
  const char *caption = t->text.n_runs ? spec_inline_text(c->spec, &t->text) : NULL;
  char *text = caption ? g_strdup_printf("%s (continued)", caption) : g_strdup("(continued)");
  const StyleText *st = &c->style->text[STYLE_CAPTION];
  begin->layout = layout_text_plain(c->ctx, st, text, col.width);
  begin->colour = st->colour;
  begin->continued_x = col.x, begin->continued_width = col.width;
  begin->space_after = st->space_after;
  g_free(text);
}

void layout_table_collect(Collect *c, const SpecBlock *t, Column col) {
  const Style *s = c->style;
  TableLayout tl = {.c = c, .table = t, .col = col, .pad = s->table.padding};

  double *frac_max = g_new0(double, t->n_columns);
  tl.widths = g_new0(double, t->n_columns);
  tl.x = g_new0(double, t->n_columns);
  tl.links = g_new0(CellLinks *, MAX(t->n_children, 1));
  PangoLayout ***shaped = columns_and_cells(&tl, frac_max);
  double x = col.x;
  for (guint i = 0; i < t->n_columns; i++) tl.x[i] = x, x += tl.widths[i];

  FlowItem *begin = flow_list_add(c->list, FLOW_TAG_BEGIN);
  begin->tag = LAYOUT_TAG_TABLE;
  begin->head_rows = g_ptr_array_new();
  continued_add(c, begin, t, col);
  collect_caption(c, t, col); /* the Table's first kid, as PDF/UA wants a table's Caption */
  guint first = c->list->items->len;
  rows_add(&tl, shaped, begin, frac_max);
  head_check(&tl, begin);
  guint last = c->list->items->len;
  if (last > first) {
    ((FlowItem *)g_ptr_array_index(c->list->items, first))->space_before = s->text[STYLE_BODY].space_after;
    ((FlowItem *)g_ptr_array_index(c->list->items, last - 1))->space_after = s->text[STYLE_BODY].space_after;
  }
  collect_tag_end(c, LAYOUT_TAG_TABLE);

  gboolean after_note = FALSE;
  for (guint r = 0; r < t->n_children; r++) {
    const SpecBlock *b = t->children[r];
    /* notes under a table or scorecard are set at the house style's note
     * size, and kept together (a scorecard's "†" note and the note on what
     * its arrows compare belong with the rows above them) */
    if (b->kind == BLOCK_PARAGRAPH) {
      if (after_note) collect_keep_with_previous(c);
      collect_inline(c, LAYOUT_TAG_P, STYLE_NOTE, &b->text, col, b->line, b->col);
      after_note = TRUE;
    }
    if (shaped[r]) {
      for (guint k = 0; k < t->children[r]->n_children; k++)
        if (shaped[r][k]) g_object_unref(shaped[r][k]);
      g_free(shaped[r]);
    }
    g_free(tl.links[r]);
  }
  g_free(shaped);
  g_free(frac_max);
  g_free(tl.widths);
  g_free(tl.x);
  g_free(tl.links);
}
