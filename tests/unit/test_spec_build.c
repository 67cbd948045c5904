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

/* A section holding `n` paragraphs with ids "<prefix>1" … */
static SpecBlock *section_of(Spec *s, const char *prefix, int n) {
  GPtrArray *children = g_ptr_array_new();
  for (int i = 1; i <= n; i++) {
    SpecBlock *p = spec_block_new(s, BLOCK_PARAGRAPH, 0, 0);
    char id[16];
    g_snprintf(id, sizeof id, "%s%d", prefix, i);
    p->id = spec_strdup(s, id);
    g_ptr_array_add(children, p);
  }
  SpecBlock *sec = spec_block_new(s, BLOCK_SECTION, 0, 0);
  sec->id = spec_strdup(s, prefix);
  spec_block_set_children(s, sec, children);
  return sec;
}

typedef struct {
  GString *seen;
  const char *skip, *stop;
} Trail;

static SpecWalkStep note_id(SpecBlock *b, gpointer data) {
  Trail *t = data;
  g_string_append_printf(t->seen, "%s ", b->id);
  if (t->stop && strcmp(b->id, t->stop) == 0) return SPEC_WALK_STOP;
  if (t->skip && strcmp(b->id, t->skip) == 0) return SPEC_WALK_SKIP;
  return SPEC_WALK_CHILDREN;
}

/* Front sheet, body, annexes, each block before its children. */
static void test_walk_order(void **state) {
  (void)state;
  Spec *s = spec_new("r.xml", ".");
  s->front = section_of(s, "f", 1);
  s->body = section_of(s, "b", 2);
  s->n_annexes = 2;
  s->annexes = spec_alloc(s, sizeof(SpecBlock *) * 3);
  s->annexes[0] = section_of(s, "a", 1);
  s->annexes[1] = section_of(s, "z", 1);
  Trail t = {.seen = g_string_new(NULL)};
  assert_true(spec_walk(s, note_id, &t));
  assert_string_equal(t.seen->str, "f f1 b b1 b2 a a1 z z1 ");
  g_string_truncate(t.seen, 0);
  t.skip = "b";
  t.stop = "a1";
  assert_false(spec_walk(s, note_id, &t));
  assert_string_equal(t.seen->str, "f f1 b a a1 ");
  g_string_free(t.seen, TRUE);
  spec_free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_blocks_and_children),
      cmocka_unit_test(test_runs_leave_out_null_text),
      cmocka_unit_test(test_walk_order),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
