/* layout_document — the passes in order: collect, flow, page-number
 * references, furniture (see layout_internal.h). The top of the layout
 * folder's dependency order: it calls the passes, none of them calls it.
 * Collect and flow take turns: between top-level blocks, flow places
 * what collect has finished, and the items placed are freed; a streamed
 * layout also hands each finished page on (layout_document_streamed), so
 * a long report is never whole in memory. The pages are the same either
 * way (a report whose footnotes are numbered per page is laid out until
 * the numbers settle, those passes' pages dropped, then streamed). After an error in collect (a bad image or chart), flow places
 * nothing more and the report gets no pages; past the page limit, none
 * either. */
#include <string.h>

#include "layout_internal.h"

void layout_doc_number_pages(LayoutDoc *doc, PangoContext *ctx, guint first, guint total) {
  layout_doc_strip_furniture(doc);
  layout_flow_resolve_page_refs_from(doc, first);
  layout_doc_add_furniture_numbered(doc, ctx, first, total);
}

void layout_doc_resolve_page_refs(LayoutDoc *doc, guint first) { layout_flow_resolve_page_refs_from(doc, first); }

static const char *block_element(const SpecBlock *b) {
  switch (b->kind) {
  case BLOCK_SECTION: return b->role == SECTION_ANNEX && b->depth == 1 ? "annex" : "section";
  case BLOCK_HEADING: return "heading";
  case BLOCK_PARAGRAPH: return "p";
  case BLOCK_LIST: return b->ordered ? "ol" : "ul";
  case BLOCK_LIST_ITEM: return "li";
  case BLOCK_FIGURE: return "figure";
  case BLOCK_PAGE_BREAK: return "page-break";
  case BLOCK_TABLE: return "table";
  case BLOCK_TABLE_ROW: return "tr";
  case BLOCK_TABLE_CELL: return "td";
  case BLOCK_SCORECARD: return "scorecard";
  case BLOCK_CHART: return "chart";
  case BLOCK_LEGEND: return "legend";
  case BLOCK_DEFINITIONS: return "definitions";
  case BLOCK_SLIDE: return "slide";
  case BLOCK_CONTENTS: return "contents";
  case BLOCK_RATING_SUMMARY: return "rating-summary";
  case BLOCK_EXCEPTIONS: return "exceptions";
  case BLOCK_HEAT_MAP: return "heat-map";
  case BLOCK_CHANGES: return "changes";
  }
  return "element";
}

/* Named at the element being placed when the limit was passed: in a
 * runaway document that is the one that keeps adding pages. */
static void page_limit_error(const Spec *spec, const SpecBlock *b, DiagList *diags) {
  diag_error(diags, spec->path, b ? b->line : 0, b ? b->col : 0,
             "the document passes %u pages at this <%s>, and boardpack stops there: a paper this long is "
             "almost certainly a mistake (if not, raise the limit with --max-pages N)",
             layout_max_pages(), b ? block_element(b) : "element");
}

static guint page_boxes_outside(const LayoutPage *page, guint number, gboolean report, const char *path,
                                DiagList *diags);

/* Collect and flow run together: between top-level blocks, flow places
 * what collect has finished (layout_flow_complete_before) and the items
 * placed are freed (their layouts are their boxes' then). With a
 * page sink, each finished page goes to it and is freed, so only the
 * pages being made and the block being collected are in memory. */
typedef struct {
  Spec *spec;
  FlowList *list;
  Flow *flow;
  LayoutDoc *doc;
  DiagList *diags;
  DiagMark mark;
  guint orphans;        /* the most any style in the report asks for */
  LayoutPageSink sink;  /* NULL: the pages stay in the doc */
  gpointer sink_data;
  guint outside;        /* boxes off their pages so far */
} Layout;

static void between_blocks(gpointer data) {
  Layout *l = data;
  if (diag_errors_since(l->diags, l->mark)) return; /* collect found an error: no pages */
  layout_flow_until(l->flow, layout_flow_complete_before(l->list, layout_flow_placed(l->flow), l->orphans));
  layout_flow_drop_placed(l->flow, l->list);
}

static void page_done(LayoutPage *page, gpointer data) {
  Layout *l = data;
  LayoutDoc *doc = l->doc;
  guint number = doc->pages_given + 1;
  page->meta = &l->spec->meta;
  l->outside += page_boxes_outside(page, number, l->outside == 0, l->spec->path, l->diags);
  layout_flow_page_dests(page, number, doc->dest_pages);
  if (l->outside == 0 && !diag_errors_since(l->diags, l->mark)) l->sink(page, l->sink_data);
  g_assert(doc->pages->len == 1 && g_ptr_array_index(doc->pages, 0) == page);
  g_ptr_array_remove_index(doc->pages, 0);
  doc->pages_given++;
}

static guint orphans_most(const Style *style, GHashTable *styles) {
  guint most = (guint)MAX(style->orphans, 1);
  if (!styles) return most;
  GHashTableIter it;
  gpointer st;
  g_hash_table_iter_init(&it, styles);
  while (g_hash_table_iter_next(&it, NULL, &st)) most = MAX(most, (guint)MAX(((const Style *)st)->orphans, 1));
  return most;
}

/* Collect and flow once, footnotes numbered as `note_numbers` says (NULL:
 * as the spec numbers them), their places recorded in `note_places`; each
 * page to `sink` if one is given. */
static LayoutDoc *doc_pass(Spec *spec, const Style *style, GHashTable *styles, PangoContext *ctx, DiagList *diags,
                           const GPtrArray *note_numbers, GArray *note_places, LayoutPageSink sink,
                           gpointer sink_data) {
  LayoutDoc *doc = layout_doc_new();
  const SpecMeta *m = &spec->meta;
  doc->title = g_string_chunk_insert_const(doc->strings, m->title ? m->title : "");
  doc->author = m->author.name ? g_string_chunk_insert_const(doc->strings, m->author.name) : NULL;
  doc->subject = g_string_chunk_insert_const(doc->strings, m->subject ? m->subject : m->committee);
  doc->keywords = m->keywords ? g_string_chunk_insert_const(doc->strings, m->keywords) : NULL;
  doc->lang = g_string_chunk_insert_const(doc->strings, spec->lang);
  doc->created = m->created;

  Layout l = {.spec = spec, .list = flow_list_new(), .doc = doc, .diags = diags, .mark = diag_mark(diags),
              .orphans = orphans_most(style, styles), .sink = sink, .sink_data = sink_data};
  if (sink) doc->dest_pages = g_hash_table_new(g_str_hash, g_str_equal);
  if (note_places) g_array_set_size(note_places, 0);
  l.flow = layout_flow_begin(l.list, style, doc, note_places, sink ? page_done : NULL, &l);
  layout_collect(l.list, spec, style, styles, ctx, doc, diags, note_numbers, between_blocks, &l);
  gboolean collected = !diag_errors_since(diags, l.mark);
  /* after an error, flow only closes the page it has begun */
  const FlowItem *stopped = layout_flow_end(l.flow, collected ? l.list->items->len : layout_flow_placed(l.flow));
  if (collected && stopped) page_limit_error(spec, stopped->source, diags);
  flow_list_free(l.list);
  if (diag_errors_since(diags, l.mark) || l.outside) {
    layout_doc_free(doc);
    return NULL;
  }
  return doc;
}

/* Per-page numbers for the notes as they were placed: 1, 2 … on each
 * page in the order set there. TRUE when they are what the pass printed
 * (`used`, NULL: the report's numbers), so the numbering has settled. */
static gboolean notes_number_per_page(const GArray *places, const GPtrArray *used, GPtrArray *numbers) {
  gboolean same = TRUE;
  guint on_page = 0, page = G_MAXUINT;
  for (guint i = 0; i < places->len; i++) {
    const NotePlace *np = &g_array_index(places, NotePlace, i);
    on_page = np->page == page ? on_page + 1 : 1;
    page = np->page;
    if (np->number == 0) continue;
    if (numbers->len < np->number) g_ptr_array_set_size(numbers, np->number);
    char *text = g_strdup_printf("%u", on_page);
    const char *before = used && np->number <= used->len ? g_ptr_array_index(used, np->number - 1) : NULL;
    same &= before ? strcmp(before, text) == 0 : on_page == np->number;
    g_free(g_ptr_array_index(numbers, np->number - 1));
    g_ptr_array_index(numbers, np->number - 1) = text;
  }
  for (guint i = 0; i < numbers->len; i++) /* a note never set keeps its report number */
    if (!g_ptr_array_index(numbers, i)) g_ptr_array_index(numbers, i) = g_strdup_printf("%u", i + 1);
  return same;
}

/* Numbered per page, a note's number depends on the page breaks, and the
 * breaks can move with the numbers' widths: lay the report out again
 * with the numbers the last pass gave until they stay the same (a narrower
 * number can only shorten a line, so this settles at once in practice;
 * after NOTES_MAX_PASSES a warning says it did not). Later passes report
 * nothing new: their messages are the first pass's. */
#define NOTES_MAX_PASSES 4
static LayoutDoc *notes_renumber(LayoutDoc *doc, Spec *spec, const Style *style, GHashTable *styles,
                                 PangoContext *ctx, DiagList *diags, GArray *places) {
  GPtrArray *used = NULL;
  for (int pass = 1;; pass++) {
    GPtrArray *numbers = g_ptr_array_new_with_free_func(g_free);
    if (notes_number_per_page(places, used, numbers)) {
      g_ptr_array_free(numbers, TRUE);
      break;
    }
    if (pass == NOTES_MAX_PASSES) {
      diag_warning(diags, spec->path, 0, 0,
                   "footnotes numbered per page: the numbering did not settle after %d layouts, so some page's "
                   "notes may not start at 1 (text and foot still agree)", NOTES_MAX_PASSES);
      g_ptr_array_free(numbers, TRUE);
      break;
    }
    DiagList *quiet = diag_list_new();
    LayoutDoc *next = doc_pass(spec, style, styles, ctx, quiet, numbers, places, NULL, NULL);
    diag_list_free(quiet);
    if (used) g_ptr_array_free(used, TRUE);
    used = numbers;
    if (!next) break; /* cannot happen: the first pass laid the same report out */
    layout_doc_free(doc);
    doc = next;
  }
  if (used) g_ptr_array_free(used, TRUE);
  return doc;
}

LayoutDoc *layout_document(Spec *spec, const Style *style, GHashTable *styles, PangoContext *ctx, DiagList *diags) {
  GArray *places = style->footnotes_per_page ? g_array_new(FALSE, FALSE, sizeof(NotePlace)) : NULL;
  LayoutDoc *doc = doc_pass(spec, style, styles, ctx, diags, NULL, places, NULL, NULL);
  if (doc && places && places->len) doc = notes_renumber(doc, spec, style, styles, ctx, diags, places);
  if (places) g_array_free(places, TRUE);
  if (!doc) return NULL;
  layout_flow_resolve_page_refs(doc);
  for (guint i = 0; i < doc->pages->len; i++) ((LayoutPage *)g_ptr_array_index(doc->pages, i))->meta = &spec->meta;
  layout_doc_add_furniture(doc, ctx);
  if (!layout_doc_on_pages(doc, spec->path, diags)) {
    layout_doc_free(doc);
    return NULL;
  }
  return doc;
}

static void page_dropped(LayoutPage *page, gpointer data) { (void)page, (void)data; }

/* The per-page footnote numbers a report settles on (as notes_renumber
 * finds them), from passes whose pages are dropped as they are made; NULL:
 * the report's own numbers. */
static GPtrArray *notes_numbers_settled(Spec *spec, const Style *style, GHashTable *styles, PangoContext *ctx,
                                        DiagList *diags) {
  GArray *places = g_array_new(FALSE, FALSE, sizeof(NotePlace));
  GPtrArray *used = NULL;
  DiagList *quiet = diag_list_new();
  for (int pass = 1;; pass++) {
    LayoutDoc *d = doc_pass(spec, style, styles, ctx, quiet, used, places, page_dropped, NULL);
    if (!d) break; /* the streamed pass reports it */
    layout_doc_free(d);
    GPtrArray *numbers = g_ptr_array_new_with_free_func(g_free);
    gboolean settled = notes_number_per_page(places, used, numbers);
    if (!settled && pass == NOTES_MAX_PASSES)
      diag_warning(diags, spec->path, 0, 0,
                   "footnotes numbered per page: the numbering did not settle after %d layouts, so some page's "
                   "notes may not start at 1 (text and foot still agree)", NOTES_MAX_PASSES);
    if (settled || pass == NOTES_MAX_PASSES) { /* the last pass's numbers stand */
      g_ptr_array_free(numbers, TRUE);
      break;
    }
    if (used) g_ptr_array_free(used, TRUE);
    used = numbers;
  }
  diag_list_free(quiet);
  g_array_free(places, TRUE);
  return used;
}

LayoutDoc *layout_document_streamed(Spec *spec, const Style *style, GHashTable *styles, PangoContext *ctx,
                                    DiagList *diags, LayoutPageSink sink, gpointer sink_data) {
  GPtrArray *numbers = style->footnotes_per_page ? notes_numbers_settled(spec, style, styles, ctx, diags) : NULL;
  LayoutDoc *doc = doc_pass(spec, style, styles, ctx, diags, numbers, NULL, sink, sink_data);
  if (numbers) g_ptr_array_free(numbers, TRUE);
  return doc;
}

void layout_doc_resolve_page_refs_of(LayoutDoc *part, const LayoutDoc *whole) {
  layout_flow_number_page_refs(part, whole->dest_pages);
}

/* Points a box may pass the paper's edge by (rounding in Pango units). */
#define EDGE_TOLERANCE 0.5

/* What a box covers on the page. A text box's own width is its column's
 * (a right-aligned cell's box starts where its text does): its lines'
 * logical extent is what is drawn. */
static void box_extent(const LayoutBox *b, double *left, double *right) {
  *left = b->x, *right = b->x + b->w;
  if (b->kind != BOX_TEXT || !b->layout) return;
  PangoRectangle logical;
  pango_layout_get_extents(b->layout, NULL, &logical);
  *left = b->x + (double)logical.x / PANGO_SCALE;
  *right = *left + (double)logical.width / PANGO_SCALE;
}

static gboolean box_on_page(const LayoutBox *b, const LayoutPage *page) {
  if (b->kind != BOX_TEXT && b->kind != BOX_IMAGE && b->kind != BOX_RULE && b->kind != BOX_CHART) return TRUE;
  double left, right;
  box_extent(b, &left, &right);
  return left >= -EDGE_TOLERANCE && b->y >= -EDGE_TOLERANCE && right >= left && b->h >= 0 &&
         right <= page->width + EDGE_TOLERANCE && b->y + b->h <= page->height + EDGE_TOLERANCE;
}

/* The boxes of page `number` that do not lie on it; the first of them
 * reported when `report`. */
static guint page_boxes_outside(const LayoutPage *page, guint number, gboolean report, const char *path,
                                DiagList *diags) {
  guint outside = 0;
  for (guint i = 0; i < page->boxes->len; i++) {
    const LayoutBox *b = g_ptr_array_index(page->boxes, i);
    if (box_on_page(b, page)) continue;
    if (outside++ == 0 && report) {
      char *text = layout_box_text(b);
      if (g_utf8_strlen(text, -1) > 40) *g_utf8_offset_to_pointer(text, 40) = '\0';
      diag_error(diags, path, 0, 0,
                 "page %u: a %s box \"%s\" at (%.1f, %.1f) %.1f x %.1f pt does not lie on the %.1f x %.1f pt "
                 "page; nothing was written (boardpack should have refused the element that caused this: "
                 "please report it)",
                 number, b->kind == BOX_TEXT ? "text" : b->kind == BOX_IMAGE ? "image" : b->kind == BOX_RULE ? "rule" : "chart",
                 text, b->x, b->y, b->w, b->h, page->width, page->height);
      g_free(text);
    }
  }
  return outside;
}

gboolean layout_doc_on_pages(const LayoutDoc *doc, const char *path, DiagList *diags) {
  guint outside = 0;
  for (guint p = 0; p < doc->pages->len; p++)
    outside += page_boxes_outside(g_ptr_array_index(doc->pages, p), p + 1, outside == 0, path, diags);
  return outside == 0;
}
