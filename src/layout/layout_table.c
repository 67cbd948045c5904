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
#include "base/textcache.h"
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

/* The cell's attributes that choose the font, for the hyphen: its others
 * (allow-breaks over the cell's codes) reach past the one-byte text, which
 * sends Pango's break pass reading beyond it (AddressSanitizer). */
static gboolean font_attr(PangoAttribute *a, gpointer data) {
  (void)data;
  switch (a->klass->type) {
  case PANGO_ATTR_FAMILY:
  case PANGO_ATTR_STYLE:
  case PANGO_ATTR_WEIGHT:
  case PANGO_ATTR_VARIANT:
  case PANGO_ATTR_STRETCH:
  case PANGO_ATTR_SIZE:
  case PANGO_ATTR_ABSOLUTE_SIZE:
  case PANGO_ATTR_FONT_DESC:
  case PANGO_ATTR_SCALE: return TRUE;
  default: return FALSE;
  }
}

/* Width of the hyphen Pango draws at a break in the cell's font. */
static double hyphen_width(PangoLayout *l) {
  PangoLayout *h = pango_layout_new(pango_layout_get_context(l));
  pango_layout_set_font_description(h, pango_layout_get_font_description(l));
  PangoAttrList *all = pango_layout_get_attributes(l) ? pango_attr_list_copy(pango_layout_get_attributes(l)) : NULL;
  PangoAttrList *font = all ? pango_attr_list_filter(all, font_attr, NULL) : NULL; /* moved out of `all` */
  pango_layout_set_attributes(h, font);
  if (font) pango_attr_list_unref(font);
  if (all) pango_attr_list_unref(all);
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

/* What a cell's content needs, measured on its one-line layout. */
typedef struct {
  double floor; /* the widest piece between two places it may break at all, a hyphen included */
  double min;   /* the widest word */
  double max;   /* the line */
  double two;   /* the narrowest width that sets it in two lines */
} CellExtent;

/* Widest and narrowest content of a cell shaped on one line: the line's
 * width; the widest word (the widest stretch between two places Pango may
 * break a line); and the widest piece between two places it may break at
 * all (hyphenation points: cell text breaks nowhere else), a hyphen
 * included, which is the narrowest the cell can be. Two lines need the
 * longer half at the best word break (the space there counted in the
 * first, so a little generous). One shaping pass; asking Pango for the
 * narrowest layout instead would re-shape the cell. */
static CellExtent extent_measure(PangoLayout *l) {
  CellExtent e = {.max = layout_width(l)};
  e.two = e.max;
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
    /* a break after a hyphen of the text's own (a heading's "Jan-" over
     * "24", layout_text_break_after_word_hyphens) ends a word, as a space
     * does: it adds no hyphen */
    gboolean in_word = !attrs[i].is_line_break && !last && p[-1] != '-';
    if (in_word && hyphen < 0) hyphen = hyphen_width(l);
    widest_piece = MAX(widest_piece, x - piece_x + (in_word ? hyphen : 0));
    piece_x = x;
    if (in_word) continue;
    widest_word = MAX(widest_word, x - word_x);
    word_x = x;
    if (!last) e.two = MIN(e.two, MAX(x, e.max - x));
  }
  e.min = MIN(MAX(widest_word, 0), e.max);
  e.floor = MIN(MAX(widest_piece, 0), e.min);
  e.two = MAX(e.two, e.min);
  return e;
}

static GQuark extent_quark(void) {
  static GQuark q;
  if (!q) q = g_quark_from_static_string("boardpack-cell-extent");
  return q;
}

/* extent_measure of the cell's one-line layout, kept on that layout when
 * it is shared (base/textcache.h): nothing changes a shared layout, so
 * what was measured on it stays true, and the two passes over a table's
 * cells, and a pack's copies of one report, measure each cell once. */
static CellExtent cell_extent(PangoLayout **cell) {
  *cell = layout_text_at_width(*cell, -1, pango_layout_get_alignment(*cell)); /* measured on one line */
  PangoLayout *l = *cell;
  const CellExtent *kept = g_object_get_qdata(G_OBJECT(l), extent_quark());
  if (kept) return *kept;
  CellExtent e = extent_measure(l);
  if (textcache_key_of(l)) g_object_set_qdata_full(G_OBJECT(l), extent_quark(), g_memdup2(&e, sizeof e), g_free);
  return e;
}

static gboolean looks_numeric(const char *text);
/* Width of the text from the decimal point on (0 if none). */
static double fraction_width(PangoLayout *l);

/* A sparkline's cell: as wide as this when the table has room, down to
 * the least when the labels beside it need the room (padding included):
 * twelve points still read as a line in 29 pt. */
#define SPARKLINE_WIDTH 72.0
#define SPARKLINE_LEAST_WIDTH 36.0

/* Min and max content width of every single-span cell, per column (a
 * proportional column also gets its want: the width that sets its widest
 * cell in two lines). Only columns that size from their content need it.
 * A figure in a decimal column is shifted left by what its fraction lacks
 * of the column's widest (`frac_max`): that is the room it takes, so a
 * long heading over short figures does not also get the shift on top. */
static void columns_measure(TableLayout *tl, PangoLayout ***shaped, const double *frac_max, ColumnRequest *req) {
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
      gboolean sized = cell->colspan == 1 && column < t->n_columns &&
                       (req[column].kind == SPEC_COL_AUTO || req[column].kind == SPEC_COL_SHARE);
      if (sized && cell->data && cell->data->chart) {
        req[column].max = MAX(req[column].max, SPARKLINE_WIDTH);
        req[column].min = MAX(req[column].min, SPARKLINE_LEAST_WIDTH);
        req[column].floor = MAX(req[column].floor, SPARKLINE_LEAST_WIDTH);
      } else if (shaped[r][k] && sized) {
        CellExtent e = cell_extent(&shaped[r][k]);
        PangoLayout *l = shaped[r][k];
        gboolean decimal = !row->head && cell_align(t, cell, column) == SPEC_ALIGN_DECIMAL;
        gboolean figure = decimal && looks_numeric(pango_layout_get_text(l));
        double shift = figure ? frac_max[column] - fraction_width(l) : 0;
        /* words among figures ("published June 2014") take two lines
         * rather than widen the column for one row */
        double widest = decimal && !figure ? e.two : e.max;
        req[column].max = MAX(req[column].max, widest + shift + 2 * tl->pad);
        req[column].min = MAX(req[column].min, e.min + shift + 2 * tl->pad);
        req[column].floor = MAX(req[column].floor, e.floor + shift + 2 * tl->pad);
        if (req[column].kind == SPEC_COL_SHARE) req[column].want = MAX(req[column].want, e.two + 2 * tl->pad);
      }
      column += (guint)cell->colspan;
    }
  }
}

/* A figure ("1,234.5", "-2", "25.2*"), not words ("n/a"): only figures
 * line up on their decimal point. */
static gboolean looks_numeric(const char *text) {
  return g_ascii_isdigit(text[0]) || ((text[0] == '-' || text[0] == '+' || text[0] == '.') && g_ascii_isdigit(text[1]));
}

/* Where a figure's decimal point is, or would be: its '.' before a digit,
 * else the byte after the digits it starts with ("6" of "6 [p]", "7" of
 * "7%"), so that a mark or unit after it hangs right of the point. */
static const char *decimal_anchor(const char *text) {
  const char *p = text + (text[0] == '-' || text[0] == '+');
  while (g_ascii_isdigit(*p) || (*p == ',' && g_ascii_isdigit(p[1]))) p++;
  return p;
}

/* Width of a figure from its decimal point (decimal_anchor) to its end. */
static double fraction_width(PangoLayout *l) {
  const char *text = pango_layout_get_text(l);
  if (!looks_numeric(text)) return 0;
  const char *dot = decimal_anchor(text);
  if (!*dot) return 0;
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
  fc->layout = layout_text_at_width(fc->layout, (int)(avail * PANGO_SCALE), pango_align(align));
  /* only when even the narrowest columns do not fit the table may a word
   * break at a letter: overflowing into the next cell would be worse */
  if (layout_ink_wider_than(fc->layout, avail) && pango_layout_get_wrap(fc->layout) != PANGO_WRAP_WORD_CHAR) {
    fc->layout = layout_text_own(fc->layout);
    pango_layout_set_wrap(fc->layout, PANGO_WRAP_WORD_CHAR);
  }
  if (layout_ink_wider_than(fc->layout, avail)) { /* a code or figure too */
    fc->layout = layout_text_own(fc->layout);
    layout_text_allow_breaks(fc->layout);
  }
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
    fc->filled = cell->filled, fc->fill = cell->fill;
    fc->layout = shaped[k];
    fc->lang = shaped[k] ? collect_span_lang(tl->c, &cell->text) : NULL;
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
  fc->lang = collect_span_lang(c, &row->text);
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

/* Which cells cells_shape shapes, and how. */
typedef enum {
  SHAPE_ALL_ON_ONE_LINE,   /* every cell, on one line: the table sizes from its content */
  SHAPE_FIXED_ON_ONE_LINE, /* the cells of fixed-width columns, on one line (most fit it) */
  SHAPE_REST_AT_WIDTH,     /* those not shaped yet, at their columns' final width */
} CellShaping;

/* Every cell shaped once (into `shaped`, made when NULL; tl->links is
 * made by the caller). */
static PangoLayout ***cells_shape(TableLayout *tl, PangoLayout ***shaped, CellShaping mode) {
  const SpecBlock *t = tl->table;
  if (!shaped) shaped = g_new0(PangoLayout **, MAX(t->n_children, 1));
  tl->c->hyphenate = TRUE;
  for (guint r = 0; r < t->n_children; r++) {
    const SpecBlock *row = t->children[r];
    if (row->kind != BLOCK_TABLE_ROW || row->group) continue;
    if (!shaped[r]) shaped[r] = g_new0(PangoLayout *, MAX(row->n_children, 1));
    if (!tl->links[r]) tl->links[r] = g_new0(CellLinks, MAX(row->n_children, 1));
    guint column = 0;
    for (guint k = 0; k < row->n_children; k++) {
      const SpecBlock *cell = row->children[k];
      gboolean fixed = cell->colspan == 1 && column < t->n_columns && t->columns[column].width == SPEC_COL_FIXED;
      double width = mode == SHAPE_REST_AT_WIDTH ? cell_text_width(tl, column, (guint)cell->colspan) : -1;
      column += (guint)cell->colspan;
      if (!cell->text.n_runs || shaped[r][k] || (mode == SHAPE_FIXED_ON_ONE_LINE && !fixed)) continue;
      CellLinks *l = &tl->links[r][k];
      shaped[r][k] = collect_shape(tl->c, cell_role(row, cell), &cell->text, width, &l->links, &l->n_links,
                                   cell->line, cell->col);
      if (row->head) shaped[r][k] = layout_text_break_after_word_hyphens(shaped[r][k]); /* "Jan-" over "24" */
    }
  }
  tl->c->hyphenate = FALSE;
  return shaped;
}

/* A fixed column narrower than a piece of its text that cannot break (a
 * code, "GH-RELET", in a definitions sheet's REF column) is widened to
 * it, while the fixed columns still fit the table: the code would else
 * run into the next cell. */
static void fixed_floors(TableLayout *tl, PangoLayout ***shaped, ColumnRequest *req) {
  const SpecBlock *t = tl->table;
  double *floor = g_new0(double, MAX(t->n_columns, 1)), fixed = 0;
  for (guint r = 0; r < t->n_children; r++) {
    const SpecBlock *row = t->children[r];
    for (guint k = 0, column = 0; shaped[r] && k < row->n_children; column += (guint)row->children[k++]->colspan)
      if (shaped[r][k] && column < t->n_columns && req[column].kind == SPEC_COL_FIXED)
        floor[column] = MAX(floor[column], cell_extent(&shaped[r][k]).floor + 2 * tl->pad);
  }
  for (guint i = 0; i < t->n_columns; i++)
    if (req[i].kind == SPEC_COL_FIXED) fixed += MAX(req[i].value, floor[i]);
  for (guint i = 0; i < t->n_columns && fixed <= tl->col.width; i++)
    if (req[i].kind == SPEC_COL_FIXED) req[i].value = MAX(req[i].value, floor[i]);
  g_free(floor);
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

/* A table's cells shaped on one line, ahead of its widths. */
struct TableMeasure {
  const Style *style;          /* the house style they were shaped in */
  guint n_rows;
  PangoLayout ***shaped;       /* per row and cell */
  CellLinks **links;
  double *frac_max;            /* per column: the widest fraction in a decimal column */
  ColumnRequest *req;
};
typedef struct TableMeasure TableMeasure;

static void shaped_free(PangoLayout ***shaped, CellLinks **links, const SpecBlock *t) {
  for (guint r = 0; r < t->n_children; r++) {
    if (shaped && shaped[r]) {
      for (guint k = 0; k < t->children[r]->n_children; k++)
        if (shaped[r][k]) g_object_unref(shaped[r][k]);
      g_free(shaped[r]);
    }
    if (links) g_free(links[r]);
  }
  g_free(shaped);
  g_free(links);
}

static TableMeasure *table_measure_new(Collect *c, const SpecBlock *t, double pad) {
  TableMeasure *m = g_new0(TableMeasure, 1);
  TableLayout tl = {.c = c, .table = t, .pad = pad};
  m->style = c->style;
  m->links = tl.links = g_new0(CellLinks *, MAX(t->n_children, 1));
  m->frac_max = g_new0(double, MAX(t->n_columns, 1));
  m->req = g_new0(ColumnRequest, MAX(t->n_columns, 1));
  m->shaped = cells_shape(&tl, NULL, SHAPE_ALL_ON_ONE_LINE);
  decimal_widths(&tl, m->shaped, m->frac_max);
  return m;
}

/* What is still owned: a measure whose table was laid out gave its cells
 * away (table_measure_take). */
typedef struct {
  TableMeasure *m;
  const SpecBlock *t;
} MeasureOf;

static void measure_of_free(gpointer p) {
  MeasureOf *mo = p;
  shaped_free(mo->m->shaped, mo->m->links, mo->t);
  g_free(mo->m->frac_max);
  g_free(mo->m->req);
  g_free(mo->m);
  g_free(mo);
}

/* The member's cells, shaped ahead in this style, or NULL. Taken: the
 * grid no longer frees them. */
static TableMeasure *grid_take(TableGrid *g, const SpecBlock *t, const Style *style) {
  MeasureOf *mo = g->measured ? g_hash_table_lookup(g->measured, t) : NULL;
  if (!mo || mo->m->style != style) return NULL;
  TableMeasure *m = mo->m;
  mo->m = g_new0(TableMeasure, 1); /* an empty one, freed with the grid */
  return m;
}

/* The grid's widths, from every member's cells (each shaped once, here,
 * and kept for when it is laid out): the widest fraction per column
 * across them, then each column's requests the largest of theirs. */
static void grid_resolve(TableGrid *g, Collect *c, double pad, double width) {
  guint n = g->n_columns;
  g->measured = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, measure_of_free);
  g->frac_max = g_new0(double, n), g->widths = g_new0(double, n), g->req = g_new0(ColumnRequest, n);
  for (guint i = 0; i < g->tables->len; i++) {
    const SpecBlock *t = g_ptr_array_index(g->tables, i);
    MeasureOf *mo = g_new0(MeasureOf, 1);
    mo->t = t, mo->m = table_measure_new(c, t, pad);
    g_hash_table_insert(g->measured, (gpointer)t, mo);
    for (guint k = 0; k < n; k++) g->frac_max[k] = MAX(g->frac_max[k], mo->m->frac_max[k]);
  }
  for (guint i = 0; i < g->tables->len; i++) {
    const SpecBlock *t = g_ptr_array_index(g->tables, i);
    MeasureOf *mo = g_hash_table_lookup(g->measured, t);
    TableLayout tl = {.c = c, .table = t, .pad = pad};
    columns_measure(&tl, mo->m->shaped, g->frac_max, mo->m->req);
    for (guint k = 0; k < n; k++) {
      const ColumnRequest *r = &mo->m->req[k];
      if (i == 0) g->req[k] = *r; /* the first member says each column's kind */
      g->req[k].min = MAX(g->req[k].min, r->min), g->req[k].max = MAX(g->req[k].max, r->max);
      g->req[k].floor = MAX(g->req[k].floor, r->floor), g->req[k].want = MAX(g->req[k].want, r->want);
    }
  }
  table_columns_resolve(g->req, n, width, g->widths);
  g->resolved = TRUE, g->width = width, g->style = c->style;
}

/* Column widths, and the cells shaped: measured first when a column sizes
 * from its content (with the other scorecards of its run, when it is in
 * one: the same widths for them all); otherwise the widths come first
 * (the cells of fixed columns shaped on one line to find codes too wide
 * for them) and every other cell is shaped once, at its width (a long
 * definitions sheet would else be shaped twice). Sets tl->links. */
static PangoLayout ***columns_and_cells(TableLayout *tl, double *frac_max) {
  const SpecBlock *t = tl->table;
  guint n = t->n_columns;
  if (!sizes_from_content(t)) {
    ColumnRequest *req = g_new0(ColumnRequest, MAX(n, 1));
    for (guint i = 0; i < n; i++)
      req[i] = (ColumnRequest){.kind = t->columns[i].width, .value = t->columns[i].value, .floor = 2 * tl->pad,
                               .min = 2 * tl->pad, .max = 2 * tl->pad};
    tl->links = g_new0(CellLinks *, MAX(t->n_children, 1));
    PangoLayout ***shaped = cells_shape(tl, NULL, SHAPE_FIXED_ON_ONE_LINE);
    fixed_floors(tl, shaped, req);
    table_columns_resolve(req, n, tl->col.width, tl->widths);
    columns_check(tl, req);
    g_free(req);
    cells_shape(tl, shaped, SHAPE_REST_AT_WIDTH);
    decimal_widths(tl, shaped, frac_max);
    return shaped;
  }
  TableGrid *g = layout_grid_of(tl->c, t);
  if (g && !g->resolved) grid_resolve(g, tl->c, tl->pad, tl->col.width);
  gboolean shared = g && g->width == tl->col.width && g->style == tl->c->style;
  TableMeasure *m = g ? grid_take(g, t, tl->c->style) : NULL;
  if (!m) m = table_measure_new(tl->c, t, tl->pad);
  if (shared) {
    memcpy(tl->widths, g->widths, n * sizeof *tl->widths);
    memcpy(frac_max, g->frac_max, n * sizeof *frac_max);
    columns_check(tl, g->req);
  } else {
    memcpy(frac_max, m->frac_max, n * sizeof *frac_max);
    columns_measure(tl, m->shaped, frac_max, m->req);
    table_columns_resolve(m->req, n, tl->col.width, tl->widths);
    columns_check(tl, m->req);
  }
  PangoLayout ***shaped = m->shaped;
  tl->links = m->links;
  g_free(m->frac_max);
  g_free(m->req);
  g_free(m);
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
    if (row->group) collect_notes(tl->c, it, &row->text, FALSE); /* a group row has its text, not cells */
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
 * goes on to; a table without a caption (a scorecard, whose title= heads
 * its label column) is called by its section's heading ("Annex 1:
 * Performance scorecard (continued)"), else "(continued)" alone. */
static void continued_add(Collect *c, FlowItem *begin, const SpecBlock *t, Column col) {
  const char *caption = t->text.n_runs ? spec_inline_text(c->spec, &t->text) : c->section_heading;
  const char *word = spec_label(&c->spec->meta, c->lang, SPEC_LABEL_CONTINUED); /* in the table's language */
  char *text = !word ? g_strdup(caption ? caption : "") /* a model bind has not seen */
               : caption ? g_strdup_printf("%s (%s)", caption, word)
                         : g_strdup_printf("(%s)", word);
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
  }
  if (after_note) collect_space_after_body(c);
  shaped_free(shaped, tl.links, t);
  g_free(frac_max);
  g_free(tl.widths);
  g_free(tl.x);
}
