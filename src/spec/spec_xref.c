/* spec_xref — cross-references (<xref to="id"/>) resolved once the whole
 * spec is read: the run gets the target's name as its text ("Annex 2",
 * "section 3.1", "paragraph 1.2", or a table's or chart's caption) and a
 * link to it. An id that names nothing is an error at the <xref>. */
#include <string.h>

#include "spec_internal.h"

static const char *target_name(Spec *spec, const SpecBlock *b) {
  if (b->kind == BLOCK_SECTION && b->role == SECTION_ANNEX && b->label) return b->label;
  if (b->kind == BLOCK_SECTION && b->number) return pool_take(spec, g_strdup_printf("section %s", b->number));
  if (b->kind == BLOCK_PARAGRAPH && b->para_number)
    return pool_take(spec, g_strdup_printf("paragraph %s", b->para_number));
  if (b->title) return b->title;
  if (b->text.n_runs) return spec_inline_text(spec, &b->text);
  return b->id;
}

static void targets_collect(Spec *spec, const SpecBlock *b, GHashTable *names) {
  if (!b) return;
  if (b->id && !g_hash_table_contains(names, b->id)) g_hash_table_insert(names, (gpointer)b->id, (gpointer)target_name(spec, b));
  for (guint i = 0; i < b->n_children; i++) targets_collect(spec, b->children[i], names);
}

static void runs_resolve(Parser *p, SpecInline *in, GHashTable *names) {
  for (guint i = 0; i < in->n_runs; i++) {
    SpecRun *r = &in->runs[i];
    if (r->kind != RUN_XREF) continue;
    const char *name = g_hash_table_lookup(names, r->href);
    if (!name) {
      diag_error(p->diags, p->spec->path, r->line, r->col, "<xref to=\"%s\"/>: no element has id=\"%s\"", r->href,
                 r->href);
      name = r->href;
    }
    r->text = name;
    r->href = pool_take(p->spec, g_strconcat("#", r->href, NULL));
    r->kind = RUN_TEXT;
  }
}

static void blocks_resolve(Parser *p, SpecBlock *b, GHashTable *names) {
  if (!b) return;
  runs_resolve(p, &b->text, names);
  for (guint i = 0; i < b->n_children; i++) blocks_resolve(p, b->children[i], names);
}

void spec_xrefs_resolve(Parser *p) {
  Spec *s = p->spec;
  GHashTable *names = g_hash_table_new(g_str_hash, g_str_equal);
  targets_collect(s, s->front, names);
  targets_collect(s, s->body, names);
  for (guint i = 0; i < s->n_annexes; i++) targets_collect(s, s->annexes[i], names);
  blocks_resolve(p, s->front, names);
  blocks_resolve(p, s->body, names);
  for (guint i = 0; i < s->n_annexes; i++) blocks_resolve(p, s->annexes[i], names);
  g_hash_table_destroy(names);
}
