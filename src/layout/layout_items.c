/* layout_items — the flow items: the FlowList that collect fills and flow
 * reads, and the primitives every collect file appends with (tags,
 * destinations, captions, shaped text).
 *
 * Owns each FlowItem and what it holds (its PangoLayout, image and table
 * row); link arrays belong to the doc (doc->owned), because the boxes that
 * flow makes share them. Below collect, table and chart in the dependency
 * order (layout_internal.h): it calls only layout_text, never back up. */
#include <string.h>

#include "base/fonts.h"
#include "layout_internal.h"

static void flow_item_clear(gpointer p) {
  FlowItem *it = p;
  if (it->layout) g_object_unref(it->layout);
  if (it->image) cairo_surface_destroy(it->image);
  if (it->head_rows) g_ptr_array_free(it->head_rows, TRUE);
  if (it->notes) g_ptr_array_free(it->notes, TRUE);
  if (it->row) {
    for (guint i = 0; i < it->row->n_cells; i++)
      if (it->row->cells[i].layout) g_object_unref(it->row->cells[i].layout);
    g_free(it->row->cells);
    g_free(it->row);
  }
  g_free(it);
  /* links are shared with the boxes: the doc owns them (doc->owned) */
}

FlowList *flow_list_new(void) {
  FlowList *l = g_new0(FlowList, 1);
  l->items = g_ptr_array_new_with_free_func(flow_item_clear);
  return l;
}

void flow_list_free(FlowList *list) {
  if (!list) return;
  g_ptr_array_free(list->items, TRUE);
  g_free(list);
}

FlowItem *flow_list_add(FlowList *list, FlowItemKind kind) {
  FlowItem *it = g_new0(FlowItem, 1);
  it->kind = kind;
  g_ptr_array_add(list->items, it);
  return it;
}

/* ---- collect primitives ------------------------------------------------ */

static const char *doc_str(Collect *c, const char *s) { return g_string_chunk_insert_const(c->doc->strings, s); }

void collect_tag_begin(Collect *c, LayoutTag tag) { flow_list_add(c->list, FLOW_TAG_BEGIN)->tag = tag; }
void collect_tag_end(Collect *c, LayoutTag tag) { flow_list_add(c->list, FLOW_TAG_END)->tag = tag; }

guint collect_keep_begin(Collect *c) {
  flow_list_add(c->list, FLOW_KEEP);
  return c->list->items->len - 1;
}

void collect_keep_end(Collect *c, guint keep) {
  FlowItem *k = g_ptr_array_index(c->list->items, keep);
  k->keep_end = c->list->items->len;
}

static void note_free(gpointer p) {
  FlowNote *n = p;
  g_object_unref(n->layout);
  g_free(n);
}

void collect_notes(Collect *c, FlowItem *it, const SpecInline *in, gboolean in_item) {
  guint offset = 0;
  Column full = {c->style->margin_left, style_body_width(c->style)};
  for (guint i = 0; i < in->n_runs; i++) {
    const SpecRun *r = &in->runs[i];
    guint len = r->kind == RUN_BREAK ? 3 : r->text ? (guint)strlen(r->text) : 0;
    if (r->kind == RUN_FOOTNOTE) {
      if (!it->notes) it->notes = g_ptr_array_new_with_free_func(note_free);
      FlowNote *n = g_new0(FlowNote, 1);
      n->index = in_item ? (int)offset : -1;
      char *text = g_strdup_printf("%s  %s", r->text, r->note);
      n->layout = layout_text_plain(c->ctx, &c->style->text[STYLE_NOTE], text, full.width);
      g_free(text);
      g_ptr_array_add(it->notes, n);
    }
    offset += len;
  }
}

void collect_keep_with_previous(Collect *c) {
  for (guint i = c->list->items->len; i-- > 0;) {
    FlowItem *it = g_ptr_array_index(c->list->items, i);
    if (it->kind == FLOW_TEXT || it->kind == FLOW_ROW || it->kind == FLOW_IMAGE || it->kind == FLOW_RULE) {
      it->keep_with_next = TRUE;
      return;
    }
    if (it->kind == FLOW_PAGE_BREAK) return;
  }
}

/* A character no font has would print as a box: an error unless the
 * report says missing-glyphs="warning". */
static void check_missing_glyphs(Collect *c, PangoLayout *layout, int line, int col) {
  int unknown = 0;
  char *chars = fonts_unknown_chars(layout, &unknown);
  if (!chars) return;
  diag_add(c->diags, c->spec->missing_glyphs_warn ? DIAG_WARNING : DIAG_ERROR, c->spec->path, line, col,
           "%d character%s (%s) cannot be shown in any of boardpack's fonts and would print as boxes", unknown,
           unknown == 1 ? "" : "s", chars);
  g_free(chars);
}

FlowItem *collect_text(Collect *c, PangoLayout *layout, const StyleText *st, Column col) {
  FlowItem *it = flow_list_add(c->list, FLOW_TEXT);
  it->tag = LAYOUT_TAG_SPAN;
  it->layout = layout;
  it->x = col.x, it->width = col.width;
  it->space_before = st->space_before, it->space_after = st->space_after;
  it->colour = st->colour;
  return it;
}

PangoLayout *collect_shape(Collect *c, StyleRole role, const SpecInline *in, double width, LayoutLink **links,
                          guint *n_links, int line, int col) {
  PangoLayout *layout =
      layout_text_new(c->ctx, c->style, &c->style->text[role], in, width, c->hyphenate, links, n_links,
                      c->doc->strings, c->spec->dest_prefix);
  check_missing_glyphs(c, layout, line, col);
  if (*links) g_ptr_array_add(c->doc->owned, *links);
  return layout;
}

FlowItem *collect_inline(Collect *c, LayoutTag tag, StyleRole role, const SpecInline *in, Column col, int line,
                         int colno) {
  collect_tag_begin(c, tag);
  LayoutLink *links = NULL;
  guint n_links = 0;
  PangoLayout *layout = collect_shape(c, role, in, col.width, &links, &n_links, line, colno);
  FlowItem *it = collect_text(c, layout, &c->style->text[role], col);
  it->links = links, it->n_links = n_links;
  collect_notes(c, it, in, TRUE);
  collect_tag_end(c, tag);
  return it;
}

void collect_dest(Collect *c, const char *id, const char *title, int level, double x) {
  FlowItem *d = flow_list_add(c->list, FLOW_DEST);
  char *name = id ? g_strconcat(c->spec->dest_prefix, id, NULL)
                  : g_strdup_printf("%sbp-%u", c->spec->dest_prefix, ++c->dests);
  d->dest = doc_str(c, name);
  g_free(name);
  d->title = title ? doc_str(c, title) : NULL;
  d->outline_level = level;
  d->x = x;
}

void collect_caption(Collect *c, const SpecBlock *b, Column col) {
  if (!b->text.n_runs) return;
  collect_dest(c, b->id, spec_inline_text(c->spec, &b->text), c->outline_level + 1, col.x);
  collect_inline(c, LAYOUT_TAG_CAPTION, STYLE_CAPTION, &b->text, col, b->line, b->col)->keep_with_next = TRUE;
}

