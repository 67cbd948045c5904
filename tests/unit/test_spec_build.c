/* spec_build: the constructors a model made in memory (bind's tables, the
 * pack's agenda) shares with the parser, and what they promise. */
#include "testutil.h"

#include "spec/spec_build.h"

static void test_blocks_and_children(void **state) {
  (void)state;
  Spec *s = spec_new("x/report.xml", "x");
  assert_string_equal(s->path, "x/report.xml");
  GPtrArray *cells = g_ptr_array_new();
  g_ptr_array_add(cells, spec_cell_new(s, spec_inline_new(s, "a", RUN_STYLE_BOLD, "#d"), TRUE, SPEC_ALIGN_RIGHT));
  g_ptr_array_add(cells, spec_cell_new(s, spec_inline_new(s, NULL, 0, NULL), FALSE, SPEC_ALIGN_LEFT));
  SpecBlock *row = spec_row_new(s, cells, TRUE);
  assert_int_equal(row->kind, BLOCK_TABLE_ROW);
  assert_true(row->head);
  assert_int_equal(row->n_children, 2);
  assert_null(row->children[2]); /* NULL after the last */
  SpecBlock *a = row->children[0];
  assert_int_equal(a->colspan, 1);
  assert_true(a->th);
  assert_int_equal(a->text.n_runs, 1);
  assert_string_equal(a->text.runs[0].text, "a");
  assert_string_equal(a->text.runs[0].href, "#d");
  assert_int_equal(a->text.runs[0].style, RUN_STYLE_BOLD);
  SpecBlock *empty = row->children[1];
  assert_int_equal(empty->text.n_runs, 0);
  assert_non_null(empty->text.runs); /* never NULL */
  SpecColumn cols[] = {{SPEC_COL_FIXED, 10, SPEC_ALIGN_LEFT}, {SPEC_COL_SHARE, 1, SPEC_ALIGN_RIGHT}};
  SpecBlock *t = spec_block_new(s, BLOCK_TABLE, 3, 4);
  spec_table_set_columns(s, t, cols, 2);
  assert_int_equal(t->line, 3), assert_int_equal(t->col, 4);
  assert_int_equal(t->n_columns, 2);
  assert_int_equal(t->columns[1].width, SPEC_COL_SHARE);
  spec_free(s);
}

static void test_runs_leave_out_null_text(void **state) {
  (void)state;
  Spec *s = spec_new("r.xml", ".");
  char text[] = "copied";
  SpecRunText runs[] = {{.text = "Title", .style = RUN_STYLE_BOLD}, {.br = TRUE}, {.text = NULL}, {.text = text}};
  SpecInline in = spec_inline_runs(s, runs, G_N_ELEMENTS(runs));
  text[0] = 'X';
  assert_int_equal(in.n_runs, 3);
  assert_int_equal(in.runs[1].kind, RUN_BREAK);
  assert_string_equal(in.runs[2].text, "copied");
  spec_free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_blocks_and_children),
      cmocka_unit_test(test_runs_leave_out_null_text),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
