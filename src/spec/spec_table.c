/* spec_table — <table> → BLOCK_TABLE with its column specs, rows and cells.
 * Checks what the schema cannot: every row spans the same number of
 * columns (counting colspans), there are enough <col>s or none, and no
 * colspan or row is wider than the table may be. */
#include <stdlib.h>
#include <string.h>

#include "base/length.h"
#include "spec_internal.h"

static SpecAlign align_read(xmlNode *n) {
  char *a = xmlsrc_attr(n, "align");
  SpecAlign al = !a                           ? SPEC_ALIGN_DEFAULT
                 : strcmp(a, "left") == 0     ? SPEC_ALIGN_LEFT
                 : strcmp(a, "centre") == 0   ? SPEC_ALIGN_CENTRE
                 : strcmp(a, "right") == 0    ? SPEC_ALIGN_RIGHT
                                              : SPEC_ALIGN_DECIMAL;
  g_free(a);
  return al;
}

static SpecColumn column_read(xmlNode *n) {
  SpecColumn c = {.width = SPEC_COL_AUTO, .align = align_read(n)};
  spec_column_width_read(n, "width", &c);
  return c;
}

void spec_column_width_read(xmlNode *n, const char *attr, SpecColumn *col) {
  SpecColumn c = *col;
  char *w = xmlsrc_attr(n, attr);
  if (w && g_str_has_suffix(w, "*")) {
    c.width = SPEC_COL_SHARE;
    c.value = MAX(g_ascii_strtod(w, NULL), 0.001);
  } else if (w && strcmp(w, "auto") != 0) {
    double v = 0;
    c.width = length_parse(w, &v) == LENGTH_FRACTION ? SPEC_COL_PERCENT : SPEC_COL_FIXED;
    c.value = v;
  }
  g_free(w);
  *col = c;
}

/* A colspan wider than the table (or than SPEC_TABLE_MAX_COLUMNS when it
 * declares no <col>s) is an error at the cell: the columns it claims would
 * be allocated and measured one by one. */
static int colspan_read(Parser *p, xmlNode *n, guint declared) {
  char *span = xmlsrc_attr(n, "colspan");
  if (!span) return 1;
  guint64 v = g_ascii_strtoull(span, NULL, 10); /* the schema made it digits; ERANGE gives G_MAXUINT64 */
  guint64 limit = declared ? declared : SPEC_TABLE_MAX_COLUMNS;
  if (v > limit) {
    if (declared)
      xmlsrc_diag(p->src, n, p->diags, DIAG_ERROR, "colspan=\"%s\" is more than the table's %u columns", span,
                  declared);
    else
      xmlsrc_diag(p->src, n, p->diags, DIAG_ERROR, "colspan=\"%s\" is more than the %d columns a table may have",
                  span, SPEC_TABLE_MAX_COLUMNS);
    v = declared ? declared : 1; /* one error: the row's width then matches the table's */
  }
  g_free(span);
  return (int)MAX(v, 1);
}

static SpecBlock *cell_read(Parser *p, xmlNode *n, guint declared) {
  SpecBlock *cell = block_new(p, BLOCK_TABLE_CELL, n);
  cell->th = xmlsrc_is(n, "th");
  cell->align = align_read(n);
  cell->colspan = colspan_read(p, n, declared);
  cell->text = inline_read(p, n);
  return cell;
}

static SpecBlock *row_read(Parser *p, xmlNode *n, guint declared, int *span_total) {
  SpecBlock *row = block_new(p, BLOCK_TABLE_ROW, n);
  row->head = xmlsrc_attr_yes(n, "head", FALSE);
  GPtrArray *cells = g_ptr_array_new();
  *span_total = 0;
  for (xmlNode *c = xmlsrc_first_element(n); c; c = xmlsrc_next_element(c)) {
    SpecBlock *cell = cell_read(p, c, declared);
    /* each span is at most SPEC_TABLE_MAX_COLUMNS: the sum cannot overflow before the limit stops it */
    if (*span_total <= SPEC_TABLE_MAX_COLUMNS) *span_total += cell->colspan;
    g_ptr_array_add(cells, cell);
  }
  spec_block_set_children(p->spec, row, cells);
  return row;
}

static void columns_set(Parser *p, SpecBlock *t, GArray *declared, int width, xmlNode *n) {
  if (width > SPEC_TABLE_MAX_COLUMNS) {
    xmlsrc_diag(p->src, n, p->diags, DIAG_ERROR, "the table has more than the %d columns a table may have",
                SPEC_TABLE_MAX_COLUMNS);
    width = (int)declared->len;
  }
  if (declared->len > 0 && declared->len != (guint)width)
    xmlsrc_diag(p->src, n, p->diags, DIAG_ERROR,
                "the table declares %u <col>%s but its rows have %d columns: give each column a <col> "
                "(width=\"auto\" sizes one by its content), or none",
                declared->len, declared->len == 1 ? "" : "s", width);
  t->n_columns = (guint)MAX(width, 1);
  t->columns = spec_alloc(p->spec, sizeof(SpecColumn) * t->n_columns);
  for (guint i = 0; i < t->n_columns; i++)
    t->columns[i] = i < declared->len ? g_array_index(declared, SpecColumn, i) : (SpecColumn){.width = SPEC_COL_AUTO};
}

static gboolean row_all_th(const SpecBlock *row) {
  if (row->kind != BLOCK_TABLE_ROW || row->group || !row->n_children) return FALSE;
  for (guint k = 0; k < row->n_children; k++)
    if (!row->children[k]->th) return FALSE;
  return TRUE;
}

/* Rows of <th> only before the first row with a <td> are the table's
 * header rows, as in HTML, unless head= says otherwise: a reader (and
 * PDF/UA) needs a header for every data cell, and a row of headings over
 * the columns is that, whether or not its author wrote head="yes". */
static void heads_implied(xmlNode *table, GPtrArray *rows) {
  guint first_data = rows->len;
  for (guint i = 0; i < rows->len && first_data == rows->len; i++) {
    const SpecBlock *r = g_ptr_array_index(rows, i);
    if (r->kind == BLOCK_TABLE_ROW && !r->group && !row_all_th(r)) first_data = i;
  }
  if (first_data == rows->len) return; /* no data row: nothing to head */
  guint i = 0;
  for (xmlNode *c = xmlsrc_first_element(table); c && i < first_data; c = xmlsrc_next_element(c)) {
    if (!xmlsrc_is(c, "tr") && !xmlsrc_is(c, "group") && !xmlsrc_is(c, "note")) continue;
    SpecBlock *r = g_ptr_array_index(rows, i++);
    char *head = xmlsrc_attr(c, "head");
    if (!head && row_all_th(r)) r->head = TRUE;
    g_free(head);
  }
}

/* Whether any row is a header row or any cell a <th>. */
static gboolean has_headers(const GPtrArray *rows) {
  for (guint i = 0; i < rows->len; i++) {
    const SpecBlock *r = g_ptr_array_index(rows, i);
    if (r->kind != BLOCK_TABLE_ROW || r->group) continue;
    if (r->head) return TRUE;
    for (guint k = 0; k < r->n_children; k++)
      if (r->children[k]->th) return TRUE;
  }
  return FALSE;
}

SpecBlock *spec_table_read(Parser *p, xmlNode *n) {
  SpecBlock *t = block_new(p, BLOCK_TABLE, n);
  char *zebra = xmlsrc_attr(n, "zebra");
  t->zebra = !zebra || strcmp(zebra, "no") != 0;
  g_free(zebra);
  GArray *declared = g_array_new(FALSE, FALSE, sizeof(SpecColumn));
  GPtrArray *children = g_ptr_array_new();
  int width = -1;
  gboolean body_seen = FALSE; /* a row of data: header rows come before it */
  for (xmlNode *c = xmlsrc_first_element(n); c; c = xmlsrc_next_element(c)) {
    if (xmlsrc_is(c, "caption")) {
      t->text = inline_read(p, c);
    } else if (xmlsrc_is(c, "col")) {
      SpecColumn col = column_read(c);
      g_array_append_val(declared, col);
    } else if (xmlsrc_is(c, "group")) {
      SpecBlock *g = block_new(p, BLOCK_TABLE_ROW, c);
      g->group = TRUE;
      g->text = inline_read(p, c);
      g_ptr_array_add(children, g);
    } else if (xmlsrc_is(c, "tr")) {
      int span = 0;
      SpecBlock *row = row_read(p, c, declared->len, &span);
      g_ptr_array_add(children, row);
      /* the cells above a header row would have no header to be read by */
      if (row->head && body_seen)
        xmlsrc_diag(p->src, c, p->diags, DIAG_ERROR,
                    "a header row comes before the rows it heads: move this <tr head=\"yes\"> above the table's "
                    "other rows");
      body_seen |= !row->head;
      if (width >= 0 && span != width)
        xmlsrc_diag(p->src, c, p->diags, DIAG_ERROR, "this row has %d columns but the rows before it have %d", span,
                    width);
      if (width < 0) width = span;
    } else if (xmlsrc_is(c, "note")) {
      SpecBlock *note = block_new(p, BLOCK_PARAGRAPH, c);
      note->text = inline_read(p, c);
      g_ptr_array_add(children, note);
    }
  }
  columns_set(p, t, declared, width < 0 ? (int)declared->len : width, n);
  g_array_free(declared, TRUE);
  heads_implied(n, children);
  if (!has_headers(children))
    xmlsrc_diag(p->src, n, p->diags, DIAG_WARNING,
                "the table has no header cells, so a screen reader cannot say what its columns hold: mark its "
                "first row head=\"yes\", or write its headings as <th>");
  spec_block_set_children(p->spec, t, children);
  return t;
}
