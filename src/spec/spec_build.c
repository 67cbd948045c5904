/* spec_build — see spec_build.h. */
#include "spec_build.h"

#include <string.h>

SpecBlock *spec_block_new(Spec *spec, SpecBlockKind kind, int line, int col) {
  SpecBlock *b = spec_alloc(spec, sizeof *b);
  b->kind = kind, b->line = line, b->col = col;
  return b;
}

void spec_block_set_children(Spec *spec, SpecBlock *b, GPtrArray *children) {
  b->n_children = children->len;
  b->children = spec_alloc(spec, sizeof(SpecBlock *) * (children->len + 1));
  for (guint i = 0; i < children->len; i++) b->children[i] = g_ptr_array_index(children, i);
  g_ptr_array_free(children, TRUE);
}

SpecInline spec_inline_runs(Spec *spec, const SpecRunText *runs, guint n) {
  SpecInline in = {.runs = spec_alloc(spec, sizeof(SpecRun) * MAX(n, 1))};
  for (guint i = 0; i < n; i++) {
    if (!runs[i].br && !runs[i].text) continue;
    SpecRun *r = &in.runs[in.n_runs++];
    r->kind = runs[i].br ? RUN_BREAK : RUN_TEXT;
    r->text = spec_strdup(spec, runs[i].text);
    r->style = runs[i].style;
    r->href = spec_strdup(spec, runs[i].href);
    r->coloured = runs[i].coloured, r->colour = runs[i].colour;
    r->lang = spec_strdup(spec, runs[i].lang);
  }
  return in;
}

SpecInline spec_inline_new(Spec *spec, const char *text, guint style, const char *href) {
  SpecRunText run = {.text = text && *text ? text : NULL, .style = style, .href = href};
  return spec_inline_runs(spec, &run, 1);
}

SpecBlock *spec_cell_new(Spec *spec, SpecInline text, gboolean th, SpecAlign align) {
  SpecBlock *c = spec_block_new(spec, BLOCK_TABLE_CELL, 0, 0);
  c->text = text, c->th = th, c->align = align, c->colspan = 1;
  return c;
}

SpecBlock *spec_row_new(Spec *spec, GPtrArray *cells, gboolean head) {
  SpecBlock *r = spec_block_new(spec, BLOCK_TABLE_ROW, 0, 0);
  r->head = head;
  spec_block_set_children(spec, r, cells);
  return r;
}

void spec_table_set_columns(Spec *spec, SpecBlock *t, const SpecColumn *cols, guint n) {
  t->n_columns = n;
  t->columns = spec_alloc(spec, sizeof(SpecColumn) * MAX(n, 1));
  if (n) memcpy(t->columns, cols, sizeof(SpecColumn) * n);
}
