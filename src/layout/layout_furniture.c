/* layout_furniture — running header and footer on every page, laid out
 * once the page count is known ("Page 3 of 12"). Each page takes its
 * header from its own report's meta and its house style, so pages of many
 * reports can be numbered through as one pack. Furniture boxes carry no
 * structure tag: they are not part of the document's reading order.
 *
 * The same strings repeat on every page (committee, date, agenda item),
 * and a pack numbers its pages again after layout: each distinct text in
 * each text style is laid out once per document and its PangoLayout
 * shared by the boxes (doc->furniture; nothing changes a box's layout
 * after layout). */
#include <string.h>

#include "layout_internal.h"

typedef struct {
  LayoutDoc *doc;
  const Style *style;
  PangoContext *ctx;
  const char *keys[7];
  const char *values[7];
} Furniture;

static char *furniture_key(const Furniture *f, StyleRole role, const char *text) {
  return g_strdup_printf("%p %s", (const void *)&f->style->text[role], text);
}

/* The document's layout of `text` in `role` of the page's style, made
 * the first time it is asked for; owned by doc->furniture. It is the
 * shared one (layout_text_plain: the committee and date of a pack's
 * reports are laid out once) until a page finds it too long
 * (furniture_cut); a text with the page's number is not shared (it is
 * never asked for again: kept, a pack's cache would grow by a layout a
 * page). */
static PangoLayout *furniture_layout(const Furniture *f, StyleRole role, const char *text, gboolean numbered) {
  char *key = furniture_key(f, role, text);
  PangoLayout *layout = g_hash_table_lookup(f->doc->furniture, key);
  if (layout) {
    g_free(key);
    return layout;
  }
  layout = numbered ? layout_text_plain_once(f->ctx, &f->style->text[role], text, -1)
                    : layout_text_plain(f->ctx, &f->style->text[role], text, -1);
  g_hash_table_insert(f->doc->furniture, key, layout);
  return layout;
}

/* `text` cut short with "…" at `room`: a copy of the document's own, which
 * replaces the shared one for the pages after (the boxes before keep
 * theirs, which fit their pages). */
static PangoLayout *furniture_cut(const Furniture *f, StyleRole role, const char *text, PangoLayout *layout, double room) {
  PangoLayout *cut = pango_layout_copy(layout); /* always: the one in doc->furniture may be on earlier pages' boxes */
  pango_layout_set_width(cut, (int)(room * PANGO_SCALE));
  pango_layout_set_ellipsize(cut, PANGO_ELLIPSIZE_END);
  g_hash_table_insert(f->doc->furniture, furniture_key(f, role, text), cut);
  return cut;
}

/* One line of furniture text; `anchor` 0 = left at x, 1 = centred on x,
 * 2 = right edge at x. `baseline_from_edge` is measured from the top
 * (header) or, when negative, from the bottom of the page. */
static void furniture_text(LayoutPage *page, const Furniture *f, StyleRole role, const char *tmpl, double x,
                           int anchor, double baseline_y) {
  if (!tmpl || !*tmpl) return;
  char *text = style_expand(tmpl, f->keys, f->values);
  if (*text) {
    PangoLayout *layout = furniture_layout(f, role, text, strstr(tmpl, "{page}") != NULL);
    int w, h;
    pango_layout_get_size(layout, &w, &h);
    /* a long title in a header is cut short with "…" rather than run off
     * the page: the full title is on the front sheet */
    double room = page->width - f->style->margin_left - f->style->margin_right;
    if ((double)w / PANGO_SCALE > room) {
      layout = furniture_cut(f, role, text, layout, room);
      pango_layout_get_size(layout, &w, &h);
    }
    double width = (double)w / PANGO_SCALE;
    LayoutBox *b = layout_page_add(page, BOX_TEXT);
    b->tag = LAYOUT_TAG_NONE;
    b->furniture = TRUE;
    b->colour = f->style->text[role].colour;
    b->layout = g_object_ref(layout);
    b->line_first = 0, b->line_count = pango_layout_get_line_count(layout);
    b->w = width, b->h = (double)h / PANGO_SCALE;
    b->x = anchor == 0 ? x : anchor == 1 ? x - width / 2 : x - width;
    b->y = baseline_y - (double)pango_layout_get_baseline(layout) / PANGO_SCALE;
  }
  g_free(text);
}

static void page_furniture(LayoutPage *page, guint number, Furniture *f) {
  const Style *s = f->style = page->style;
  const SpecMeta *m = page->meta;
  char num[16];
  g_snprintf(num, sizeof num, "%u", number);
  const char *agenda_word = spec_label(m, NULL, SPEC_LABEL_AGENDA_ITEM);
  char *agenda = !m->agenda_item ? g_strdup("")
                 : agenda_word   ? g_strdup_printf("%s %s", agenda_word, m->agenda_item)
                                 : g_strdup(m->agenda_item); /* a model bind has not seen */
  /* the code's footer in the report's language; a user's style's as written */
  const char *page_of = spec_label(m, NULL, SPEC_LABEL_PAGE_OF);
  const char *centre = s->footer_centre_default && page_of ? page_of : s->footer_centre;
  f->values[0] = m->committee, f->values[1] = m->date_long, f->values[2] = m->title;
  f->values[3] = agenda, f->values[4] = num;
  double left = s->margin_left, right = page->width - s->margin_right;
  if (!page->first || s->header_on_first_page) {
    furniture_text(page, f, STYLE_HEADER, s->header_left, left, 0, s->header_offset);
    furniture_text(page, f, STYLE_HEADER, s->header_right, right, 2, s->header_offset);
  }
  double foot = page->height - s->footer_offset;
  furniture_text(page, f, STYLE_FOOTER, s->footer_left, left, 0, foot);
  furniture_text(page, f, STYLE_FOOTER, centre, (left + right) / 2, 1, foot);
  furniture_text(page, f, STYLE_FOOTER, s->footer_right, right, 2, foot);
  g_free(agenda);
}

void layout_doc_add_furniture(LayoutDoc *doc, PangoContext *ctx) {
  layout_doc_add_furniture_numbered(doc, ctx, 1, doc->pages->len);
}

void layout_doc_add_furniture_numbered(LayoutDoc *doc, PangoContext *ctx, guint first, guint total) {
  char pages[16];
  g_snprintf(pages, sizeof pages, "%u", total);
  Furniture f = {
      .doc = doc,
      .ctx = ctx,
      .keys = {"committee", "date", "title", "agenda", "page", "pages", NULL},
      .values = {NULL, NULL, NULL, NULL, NULL, pages, NULL},
  };
  for (guint i = 0; i < doc->pages->len; i++) page_furniture(g_ptr_array_index(doc->pages, i), first + i, &f);
}
