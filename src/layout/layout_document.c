/* layout_document — the passes in order: collect, flow, page-number
 * references, furniture (see layout_internal.h). The top of the layout
 * folder's dependency order: it calls the passes, none of them calls it.
 * Layout stops after collect when collect reported an error, so a report
 * with a bad image or chart gets no pages. */
#include "layout_internal.h"

void layout_doc_number_pages(LayoutDoc *doc, PangoContext *ctx, guint first, guint total) {
  layout_doc_strip_furniture(doc);
  layout_flow_resolve_page_refs_from(doc, first);
  layout_doc_add_furniture_numbered(doc, ctx, first, total);
}


LayoutDoc *layout_document(Spec *spec, const Style *style, GHashTable *styles, PangoContext *ctx, DiagList *diags) {
  LayoutDoc *doc = layout_doc_new();
  const SpecMeta *m = &spec->meta;
  doc->title = g_string_chunk_insert_const(doc->strings, m->title ? m->title : "");
  doc->author = m->author.name ? g_string_chunk_insert_const(doc->strings, m->author.name) : NULL;
  doc->subject = g_string_chunk_insert_const(doc->strings, m->subject ? m->subject : m->committee);
  doc->keywords = m->keywords ? g_string_chunk_insert_const(doc->strings, m->keywords) : NULL;
  doc->lang = g_string_chunk_insert_const(doc->strings, spec->lang);
  doc->created = m->created;

  FlowList *list = flow_list_new();
  DiagMark mark = diag_mark(diags);
  layout_collect(list, spec, style, styles, ctx, doc, diags);
  if (diag_errors_since(diags, mark)) {
    flow_list_free(list);
    layout_doc_free(doc);
    return NULL;
  }
  layout_flow(list, style, doc);
  layout_flow_resolve_page_refs(doc);
  flow_list_free(list);
  for (guint i = 0; i < doc->pages->len; i++) ((LayoutPage *)g_ptr_array_index(doc->pages, i))->meta = &spec->meta;
  layout_doc_add_furniture(doc, ctx);
  return doc;
}

