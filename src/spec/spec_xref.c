/* spec_xref — ids and cross-references (<xref to="id"/>), resolved once
 * the whole spec is read: the run gets the target's name as its text
 * ("Annex 2", "section 3.1", "paragraph 1.2", a heading or slide's title,
 * a table's, figure's or chart's caption) and a link to it; a target with
 * no name is an error at the <xref>. An id given twice is an error at the second
 * element (a link to it could go to either); an id that names nothing is an
 * error at the <xref> (or the <a href="#id">), with the nearest id there is. */
#include <string.h>

#include "base/spelling.h"
#include "spec_internal.h"

/* What an xref to `b` says, or "" when it has no name to say: a table
 * or figure without a caption, a paragraph without a number (its whole
 * text is no name, and its id is not words for a reader). */
static const char *target_name(Spec *spec, const SpecBlock *b) {
  if (b->kind == BLOCK_SECTION && b->role == SECTION_ANNEX && b->label) return b->label;
  if (b->kind == BLOCK_SECTION && b->number) return pool_take(spec, g_strdup_printf("section %s", b->number));
  if (b->kind == BLOCK_PARAGRAPH && b->para_number)
    return pool_take(spec, g_strdup_printf("paragraph %s", b->para_number));
  if (b->kind == BLOCK_PARAGRAPH) return "";
  if ((b->kind == BLOCK_SECTION || b->kind == BLOCK_SLIDE) && b->title) return b->title;
  if (b->text.n_runs) return spec_inline_text(spec, &b->text); /* a heading, or a caption */
  return "";
}

/* An xref to an element with no name: said at the <xref>, with how to
 * give it one or to write the link's words. */
static void unnamed_target(Parser *p, const SpecRun *r, const SpecBlock *to) {
  const char *what = to->kind == BLOCK_TABLE       ? "the table has no caption to name it by: give it a <caption>, or"
                     : to->kind == BLOCK_FIGURE    ? "the figure has no caption to name it by: give it a <caption>, or"
                     : to->kind == BLOCK_CHART     ? "the chart has no caption to name it by: give it a <caption>, or"
                     : to->kind == BLOCK_PARAGRAPH ? "the paragraph has no number to name it by (it is on the front "
                                                     "sheet, or not numbered):"
                                                   : "the element has no title or caption to name it by:";
  diag_error(p->diags, p->spec->path, r->line, r->col,
             "<xref to=\"%s\"/>: %s write the link's words yourself: <a href=\"#%s\">…</a>", r->href, what, r->href);
}

typedef struct {
  Parser *p;
  GHashTable *names;  /* id -> what an xref to it says (in English: bind names it in the run's language) */
  GHashTable *blocks; /* id -> the block that has it */
} Xrefs;

static SpecWalkStep target_collect(SpecBlock *b, gpointer data) {
  Xrefs *x = data;
  if (!b->id) return SPEC_WALK_CHILDREN;
  const SpecBlock *first = g_hash_table_lookup(x->blocks, b->id);
  if (first) {
    diag_error(x->p->diags, x->p->spec->path, b->line, b->col,
               "id=\"%s\" is given twice: the element at line %d has it already (an id names one element)", b->id,
               first->line);
    return SPEC_WALK_CHILDREN;
  }
  g_hash_table_insert(x->blocks, (gpointer)b->id, b);
  g_hash_table_insert(x->names, (gpointer)b->id, (gpointer)target_name(x->p->spec, b));
  return SPEC_WALK_CHILDREN;
}

/* An internal link (<a href="#id">) to an id no element has: an error at
 * the <a>, not, after layout, one without a line (found by the render
 * fuzzer; `check` passed it). */
static void link_check(Parser *p, const SpecRun *r, GHashTable *names) {
  if (!r->href || r->href[0] != '#' || g_hash_table_contains(names, r->href + 1)) return;
  const char *near = spelling_nearest_key(names, r->href + 1);
  char *hint = near ? g_strdup_printf(" (did you mean \"#%s\"?)", near) : g_strdup("");
  diag_error(p->diags, p->spec->path, r->line, r->col, "<a href=\"%s\">: no element has id=\"%s\"%s", r->href,
             r->href + 1, hint);
  g_free(hint);
}

static void runs_resolve(Parser *p, SpecInline *in, GHashTable *names, GHashTable *blocks) {
  for (guint i = 0; i < in->n_runs; i++) {
    SpecRun *r = &in->runs[i];
    if (r->kind == RUN_TEXT) link_check(p, r, names);
    if (r->kind != RUN_XREF) continue;
    const char *name = g_hash_table_lookup(names, r->href);
    if (!name) {
      const char *near = spelling_nearest_key(names, r->href);
      char *hint = near ? g_strdup_printf(" (did you mean \"%s\"?)", near) : g_strdup("");
      diag_error(p->diags, p->spec->path, r->line, r->col, "<xref to=\"%s\"/>: no element has id=\"%s\"%s", r->href,
                 r->href, hint);
      g_free(hint);
      name = r->href;
    }
    r->xref = g_hash_table_lookup(blocks, r->href);
    if (!*name) unnamed_target(p, r, r->xref), name = r->href;
    r->text = name;
    r->href = pool_take(p->spec, g_strconcat("#", r->href, NULL));
    r->kind = RUN_TEXT;
  }
}

static SpecWalkStep block_resolve(SpecBlock *b, gpointer data) {
  Xrefs *x = data;
  runs_resolve(x->p, &b->text, x->names, x->blocks);
  return SPEC_WALK_CHILDREN;
}

void spec_xrefs_resolve(Parser *p) {
  Xrefs x = {.p = p, .names = g_hash_table_new(g_str_hash, g_str_equal),
             .blocks = g_hash_table_new(g_str_hash, g_str_equal)};
  spec_walk(p->spec, target_collect, &x);
  spec_walk(p->spec, block_resolve, &x);
  g_hash_table_destroy(x.names);
  g_hash_table_destroy(x.blocks);
}
