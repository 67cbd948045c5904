/* layout — the LayoutDoc, its pages and boxes, and reading them back
 * (box text; the dump is layout_dump.c). See layout.h for what a LayoutDoc promises; the
 * passes that fill it are driven from layout_document.c. Calls nothing
 * else in layout/ (see the dependency order in layout_internal.h). */
#include "layout.h"

#include <string.h>

#include "chart/chart.h"
#include "layout_internal.h"

static const char *const tag_names[LAYOUT_TAG_COUNT] = {
    [LAYOUT_TAG_NONE] = "none",   [LAYOUT_TAG_DOCUMENT] = "Document", [LAYOUT_TAG_SECT] = "Sect",
    [LAYOUT_TAG_H1] = "H1",       [LAYOUT_TAG_H2] = "H2",             [LAYOUT_TAG_H3] = "H3",
    [LAYOUT_TAG_H4] = "H4",       [LAYOUT_TAG_P] = "P",               [LAYOUT_TAG_L] = "L",
    [LAYOUT_TAG_LI] = "LI",       [LAYOUT_TAG_LBL] = "Lbl",           [LAYOUT_TAG_LBODY] = "LBody",
    [LAYOUT_TAG_FIGURE] = "Figure", [LAYOUT_TAG_TABLE] = "Table",     [LAYOUT_TAG_TR] = "TR",
    [LAYOUT_TAG_TH] = "TH",       [LAYOUT_TAG_TD] = "TD",             [LAYOUT_TAG_SPAN] = "Span",
    [LAYOUT_TAG_CAPTION] = "Caption", [LAYOUT_TAG_TOC] = "TOC",     [LAYOUT_TAG_TOCI] = "TOCI",
    [LAYOUT_TAG_NOTE] = "Note",
};

const char *layout_tag_name(LayoutTag tag) { return tag < LAYOUT_TAG_COUNT ? tag_names[tag] : "?"; }

/* ---- pages and boxes -------------------------------------------------- */

static void box_free(gpointer p) {
  LayoutBox *b = p;
  if (b->layout) g_object_unref(b->layout);
  if (b->image) cairo_surface_destroy(b->image);
  g_free(b);
}

static void page_free(gpointer p) {
  LayoutPage *page = p;
  g_ptr_array_free(page->boxes, TRUE);
  g_free(page);
}

LayoutPage *layout_page_new(LayoutDoc *doc, const Style *style) {
  LayoutPage *page = g_new0(LayoutPage, 1);
  page->style = style;
  page->width = style->page_width, page->height = style->page_height;
  page->first = layout_doc_page_count(doc) == 0;
  page->boxes = g_ptr_array_new_with_free_func(box_free);
  g_ptr_array_add(doc->pages, page);
  return page;
}

LayoutBox *layout_page_add(LayoutPage *page, LayoutBoxKind kind) {
  LayoutBox *b = g_new0(LayoutBox, 1);
  b->kind = kind;
  g_ptr_array_add(page->boxes, b);
  return b;
}

LayoutDoc *layout_doc_new(void) {
  LayoutDoc *doc = g_new0(LayoutDoc, 1);
  doc->pages = g_ptr_array_new_with_free_func(page_free);
  doc->strings = g_string_chunk_new(4096);
  doc->owned = g_ptr_array_new_with_free_func(g_free);
  doc->charts = g_ptr_array_new_with_free_func((GDestroyNotify)chart_plan_free);
  doc->styles = g_ptr_array_new_with_free_func((GDestroyNotify)style_free);
  doc->furniture = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_object_unref);
  return doc;
}

void layout_doc_free(LayoutDoc *doc) {
  if (!doc) return;
  g_ptr_array_free(doc->pages, TRUE);
  g_string_chunk_free(doc->strings);
  g_ptr_array_free(doc->owned, TRUE);
  g_ptr_array_free(doc->charts, TRUE);
  g_ptr_array_free(doc->styles, TRUE);
  g_hash_table_destroy(doc->furniture);
  if (doc->dest_pages) g_hash_table_destroy(doc->dest_pages);
  g_free(doc);
}

guint layout_doc_page_count(const LayoutDoc *doc) { return doc->pages_given + doc->pages->len; }

void layout_doc_nest(LayoutDoc *doc, int outline_shift, const char *outer_lang) {
  /* as layout_items' lang_differs: "en-GB" and "EN-gb" are one language */
  const char *lang = doc->lang && outer_lang && g_ascii_strcasecmp(doc->lang, outer_lang) != 0 ? doc->lang : NULL;
  for (guint p = 0; p < doc->pages->len; p++) {
    GPtrArray *boxes = ((LayoutPage *)g_ptr_array_index(doc->pages, p))->boxes;
    for (guint i = 0; i < boxes->len; i++) {
      LayoutBox *b = g_ptr_array_index(boxes, i);
      if (b->kind == BOX_TAG_BEGIN && b->tag == LAYOUT_TAG_DOCUMENT) b->lang = lang;
      if ((b->kind == BOX_TAG_BEGIN || b->kind == BOX_TAG_END) && b->tag == LAYOUT_TAG_DOCUMENT) b->tag = LAYOUT_TAG_SECT;
      if ((b->kind == BOX_DEST || b->kind == BOX_BOOKMARK) && b->title && b->outline_level >= 1)
        b->outline_level += outline_shift;
    }
  }
}

LayoutBox *layout_page_insert(LayoutPage *page, guint index, LayoutBoxKind kind) {
  LayoutBox *b = g_new0(LayoutBox, 1);
  b->kind = kind;
  g_ptr_array_insert(page->boxes, (gint)MIN(index, page->boxes->len), b);
  return b;
}

void layout_doc_strip_furniture(LayoutDoc *doc) {
  for (guint p = 0; p < doc->pages->len; p++) {
    GPtrArray *boxes = ((LayoutPage *)g_ptr_array_index(doc->pages, p))->boxes;
    for (guint i = boxes->len; i-- > 0;) {
      const LayoutBox *b = g_ptr_array_index(boxes, i);
      if (b->kind == BOX_TEXT && b->tag == LAYOUT_TAG_NONE && b->furniture) g_ptr_array_remove_index(boxes, i);
    }
  }
}

/* ---- the page limit ---------------------------------------------------- */

static guint max_pages = LAYOUT_DEFAULT_MAX_PAGES;

void layout_set_max_pages(guint pages) { max_pages = pages ? pages : LAYOUT_DEFAULT_MAX_PAGES; }
guint layout_max_pages(void) { return max_pages; }

/* ---- reading boxes back ----------------------------------------------- */

char *layout_box_text(const LayoutBox *b) {
  if (b->kind != BOX_TEXT || !b->layout) return g_strdup("");
  const char *text = pango_layout_get_text(b->layout);
  GString *s = g_string_new(NULL);
  for (int i = b->line_first; i < b->line_first + b->line_count; i++) {
    PangoLayoutLine *line = pango_layout_get_line_readonly(b->layout, i);
    if (!line) break;
    if (s->len) g_string_append_c(s, ' ');
    /* drop the trailing space and the U+2028 break that end a wrapped line */
    int len = line->length;
    while (len > 0 && text[line->start_index + len - 1] == ' ') len--;
    if (len >= 3 && memcmp(text + line->start_index + len - 3, "\u2028", 3) == 0) len -= 3;
    g_string_append_len(s, text + line->start_index, len);
  }
  return g_string_free(s, FALSE);
}
