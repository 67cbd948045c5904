/* layout_flow — flow items → pages.
 *
 * Invariants:
 *   - every line of every text item is placed exactly once, in order;
 *   - zero-height items (tag begins, markers, destinations) wait in
 *     `pending` and are put on the page of the next content they precede,
 *     so a heading's bookmark or a list item's marker never strands at the
 *     foot of the previous page; a tag end goes where the content it closes
 *     ended; a begin immediately followed by its end is dropped, because
 *     cairo breaks on empty structure elements;
 *   - a text item split over pages keeps at least `orphans` lines at the
 *     foot and `widows` at the head, when it has enough lines to do so;
 *   - a keep-with-next item moves to a new page unless it and the start of
 *     what follows fit, except at the top of a page (which cannot help);
 *   - the content of a KEEP item (keep="together") starts a new page when
 *     it does not fit on this one but fits on an empty one;
 *   - a footnote is set at the foot of the page its reference line is
 *     placed on (a line whose notes do not fit goes to the next page with
 *     them); its Note element follows the reference's text in structure
 *     order, its place is fixed when the page ends;
 *   - vertical space collapses (the larger of after/before) and is dropped
 *     at the top of a page.
 */
#include "layout_internal.h"

typedef struct {
  double top, bottom, baseline; /* in layout coordinates, points */
  int start, end;               /* byte range in the layout's text */
} LineBox;

struct Flow {
  const FlowList *list;
  const Style *style;
  LayoutDoc *doc;
  LayoutPage *page;
  FlowPageDone page_done; /* given each page once nothing more goes on it, or NULL */
  gpointer page_done_data;
  guint pages_made;       /* pages started, handed on or not (the page limit counts these) */
  guint next;             /* the first item not yet placed */
  guint dropped;          /* items before this are dropped (layout_flow_drop_placed), or kept on purpose */
  const FlowItem *stopped_at, *break_past; /* the page limit (layout_flow_end) */
  double y;
  gboolean has_content;   /* anything placed on this page yet */
  double space_after;     /* of the last content placed */
  GArray *pending;        /* of guint item indices */
  const GPtrArray *table_head; /* header rows of the table being placed */
  const FlowItem *table_begin; /* its TAG_BEGIN: the "(continued)" line */
  double last_baseline;   /* of the last text line placed */
  GPtrArray *page_notes;  /* footnote text boxes placed on this page, set in place when it ends */
  double notes_h;         /* their height, spacing included */
  GArray *note_places;    /* NotePlace: every footnote set, in order (NULL: not wanted) */
};

static const FlowItem *item_at(const Flow *f, guint i) { return g_ptr_array_index(f->list->items, i); }

static GArray *text_lines(PangoLayout *layout) {
  GArray *lines = g_array_new(FALSE, FALSE, sizeof(LineBox));
  PangoLayoutIter *it = pango_layout_get_iter(layout);
  do {
    int y0, y1;
    pango_layout_iter_get_line_yrange(it, &y0, &y1);
    PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
    LineBox lb = {(double)y0 / PANGO_SCALE, (double)y1 / PANGO_SCALE,
                  (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE, line->start_index,
                  line->start_index + line->length};
    g_array_append_val(lines, lb);
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
  return lines;
}

static double lines_height(GArray *lines, guint first, guint count) {
  if (count == 0) return 0;
  return g_array_index(lines, LineBox, first + count - 1).bottom - g_array_index(lines, LineBox, first).top;
}

static double item_full_height(const FlowItem *it) {
  if (it->kind != FLOW_TEXT) return it->height;
  int h;
  pango_layout_get_size(it->layout, NULL, &h);
  return (double)h / PANGO_SCALE;
}

/* ---- footnotes: at the foot of the page of their reference ----------- */

static double note_height(const FlowNote *n) {
  int h;
  pango_layout_get_size(n->layout, NULL, &h);
  return (double)h / PANGO_SCALE;
}

/* Room between the text and the first note: the rule and space about it. */
static double notes_separation(const Flow *f) {
  return 2 * MAX(f->style->text[STYLE_NOTE].space_before, 6) + f->style->rule_width;
}

/* Where content must end on this page: the body's foot less the notes. */
static double flow_bottom(const Flow *f) {
  return style_body_bottom(f->style) - (f->notes_h > 0 ? f->notes_h + notes_separation(f) : 0);
}

static gboolean note_in(const FlowNote *n, GArray *lines, guint first, guint count) {
  if (n->index < 0) return TRUE;
  return n->index >= g_array_index(lines, LineBox, first).start &&
         n->index < g_array_index(lines, LineBox, first + count - 1).end;
}

/* Height the notes referred to from lines [first, first+count) of `it`
 * add to this page (all of a row's notes when `lines` is NULL). */
static double notes_extra(const Flow *f, const FlowItem *it, GArray *lines, guint first, guint count) {
  if (!it->notes || count == 0) return 0;
  double h = 0;
  for (guint i = 0; i < it->notes->len; i++) {
    const FlowNote *n = g_ptr_array_index(it->notes, i);
    if (!lines || note_in(n, lines, first, count)) h += note_height(n) + f->style->text[STYLE_NOTE].space_after / 2;
  }
  return h > 0 && f->notes_h == 0 ? h + notes_separation(f) : h;
}

/* The notes of those lines, tagged Note, in structure order right after
 * their reference; their height is fixed now, their place when the page
 * ends. */
static void notes_place(Flow *f, const FlowItem *it, GArray *lines, guint first, guint count) {
  if (!it->notes) return;
  for (guint i = 0; i < it->notes->len; i++) {
    const FlowNote *n = g_ptr_array_index(it->notes, i);
    if (lines && !note_in(n, lines, first, count)) continue;
    LayoutBox *tb = layout_page_add(f->page, BOX_TAG_BEGIN);
    tb->tag = LAYOUT_TAG_NOTE;
    LayoutBox *b = layout_page_add(f->page, BOX_TEXT);
    b->tag = LAYOUT_TAG_SPAN;
    b->layout = g_object_ref(n->layout);
    b->colour = f->style->text[STYLE_NOTE].colour;
    b->x = f->style->margin_left, b->w = style_body_width(f->style), b->h = note_height(n);
    b->line_first = 0, b->line_count = pango_layout_get_line_count(n->layout);
    layout_page_add(f->page, BOX_TAG_END)->tag = LAYOUT_TAG_NOTE;
    g_ptr_array_add(f->page_notes, b);
    f->notes_h += b->h + f->style->text[STYLE_NOTE].space_after / 2;
    NotePlace np = {n->number, f->pages_made - 1}; /* pages handed on count too */
    if (f->note_places) g_array_append_val(f->note_places, np);
  }
}

/* The page ends: its notes stack up to the body's foot under a short rule. */
static void notes_finish(Flow *f) {
  if (!f->page || f->page_notes->len == 0) return;
  const Style *st = f->page->style;
  double y = style_body_bottom(st) - f->notes_h;
  double gap = MAX(st->text[STYLE_NOTE].space_before, 6);
  LayoutBox *rule = layout_page_add(f->page, BOX_RULE);
  rule->x = st->margin_left, rule->w = style_body_width(st) / 3;
  rule->y = y - gap - st->rule_width, rule->h = rule->line_width = st->rule_width;
  rule->colour = st->rule_colour;
  for (guint i = 0; i < f->page_notes->len; i++) {
    LayoutBox *b = g_ptr_array_index(f->page_notes, i);
    b->y = y;
    y += b->h + st->text[STYLE_NOTE].space_after / 2;
  }
  g_ptr_array_set_size(f->page_notes, 0);
  f->notes_h = 0;
}

/* The page is finished (its notes set): hand it on, if asked. */
static void page_end(Flow *f) {
  notes_finish(f);
  if (f->page && f->page_done) f->page_done(f->page, f->page_done_data);
  f->page = NULL;
}

static void page_start(Flow *f) {
  page_end(f);
  f->page = layout_page_new(f->doc, f->style);
  f->pages_made++;
  f->y = style_body_top(f->style);
  f->has_content = FALSE;
  f->space_after = 0;
}

static double gap_before(const Flow *f, const FlowItem *it) {
  return f->has_content ? MAX(f->space_after, it->space_before) : 0;
}

/* Put waiting zero-height items on the page, aligned with content whose
 * top is `y` and whose first baseline is `baseline`. */
static void pending_flush(Flow *f, double y, double baseline) {
  for (guint k = 0; k < f->pending->len; k++) {
    const FlowItem *it = item_at(f, g_array_index(f->pending, guint, k));
    LayoutBox *b;
    switch (it->kind) {
    case FLOW_TAG_BEGIN:
    case FLOW_TAG_END:
      b = layout_page_add(f->page, it->kind == FLOW_TAG_BEGIN ? BOX_TAG_BEGIN : BOX_TAG_END);
      b->tag = it->tag;
      b->alt = it->alt;
      b->lang = it->lang;
      b->x = it->x, b->y = y;
      break;
    case FLOW_DEST:
      b = layout_page_add(f->page, BOX_DEST);
      b->dest = it->dest, b->title = it->title, b->outline_level = it->outline_level;
      b->x = it->x, b->y = y;
      break;
    case FLOW_MARKER: {
      b = layout_page_add(f->page, BOX_TEXT);
      b->tag = it->tag;
      b->colour = it->colour;
      b->layout = g_object_ref(it->layout);
      int w, h;
      pango_layout_get_size(it->layout, &w, &h);
      b->x = it->x, b->w = (double)w / PANGO_SCALE, b->h = (double)h / PANGO_SCALE;
      b->y = baseline - (double)pango_layout_get_baseline(it->layout) / PANGO_SCALE;
      b->line_first = 0, b->line_count = pango_layout_get_line_count(it->layout);
      if (it->page_ref) b->page_ref = it->page_ref, b->w = it->width;
      break;
    }
    default:
      g_assert_not_reached();
    }
  }
  g_array_set_size(f->pending, 0);
}

static void pending_add(Flow *f, guint i) {
  const FlowItem *it = item_at(f, i);
  if (it->kind == FLOW_MARKER && it->trail && f->pending->len == 0) {
    g_array_append_val(f->pending, i);
    pending_flush(f, f->y, f->last_baseline);
    return;
  }
  if (it->kind == FLOW_TAG_END && f->pending->len) {
    /* an element with nothing in it, or only destinations (an empty
     * <table id="a"/>): no tag, which would hold no kid but an empty
     * marked sequence; its destinations stay, for links to it */
    guint k = f->pending->len;
    while (k > 0 && item_at(f, g_array_index(f->pending, guint, k - 1))->kind == FLOW_DEST) k--;
    if (k > 0 && item_at(f, g_array_index(f->pending, guint, k - 1))->kind == FLOW_TAG_BEGIN) {
      g_array_remove_index(f->pending, k - 1);
      return;
    }
  }
  if (it->kind == FLOW_TAG_END && f->pending->len == 0) {
    LayoutBox *b = layout_page_add(f->page, BOX_TAG_END);
    b->tag = it->tag;
    b->y = f->y;
    return;
  }
  g_array_append_val(f->pending, i);
}

static void text_slice_place(Flow *f, const FlowItem *it, GArray *lines, guint first, guint count, double gap) {
  const LineBox *l0 = &g_array_index(lines, LineBox, first);
  double top = f->y + gap;
  pending_flush(f, top, top + (l0->baseline - l0->top));
  LayoutBox *b = layout_page_add(f->page, BOX_TEXT);
  b->tag = it->tag;
  b->layout = g_object_ref(it->layout);
  b->links = it->links, b->n_links = it->n_links;
  b->lang = it->lang;
  b->colour = it->colour;
  b->x = it->x, b->y = top, b->w = it->width;
  b->h = lines_height(lines, first, count);
  b->line_first = (int)first, b->line_count = (int)count;
  b->layout_top = l0->top;
  f->y = top + b->h;
  f->has_content = TRUE;
  const LineBox *ln = &g_array_index(lines, LineBox, first + count - 1);
  f->last_baseline = top + (ln->baseline - l0->top);
}

/* Lines [first, first+fit) may stay on this page; apply widows/orphans. */
static guint split_point(const Flow *f, guint first, guint fit, guint total) {
  guint remaining = total - first;
  guint orphans = (guint)MAX(f->style->orphans, 1), widows = (guint)MAX(f->style->widows, 1);
  if (remaining - fit < widows) fit = remaining > widows ? remaining - widows : 0;
  if (fit < (first == 0 ? orphans : 1)) fit = 0;
  return fit;
}

static void text_place(Flow *f, guint index) {
  const FlowItem *it = item_at(f, index);
  GArray *lines = text_lines(it->layout);
  guint total = lines->len, first = 0;
  while (first < total) {
    double gap = first == 0 ? gap_before(f, it) : 0;
    double avail = flow_bottom(f) - (f->y + gap);
    guint fit = 0;
    while (first + fit < total &&
           lines_height(lines, first, fit + 1) + notes_extra(f, it, lines, first, fit + 1) <= avail + LAYOUT_FIT_TOLERANCE)
      fit++;
    if (fit < total - first) {
      guint keep = split_point(f, first, fit, total);
      if (keep == 0 && !f->has_content) keep = MAX(fit, 1u); /* an empty page must make progress */
      if (keep > 0) text_slice_place(f, it, lines, first, keep, gap), notes_place(f, it, lines, first, keep);
      first += keep;
      page_start(f);
      continue;
    }
    text_slice_place(f, it, lines, first, total - first, gap);
    notes_place(f, it, lines, first, total - first);
    first = total;
  }
  f->space_after = it->space_after;
  g_array_free(lines, TRUE);
}

static void block_place(Flow *f, const FlowItem *it) {
  double gap = gap_before(f, it);
  if (f->has_content && f->y + gap + it->height > flow_bottom(f) + LAYOUT_FIT_TOLERANCE) {
    page_start(f);
    gap = 0;
  }
  double top = f->y + gap;
  pending_flush(f, top, top);
  LayoutBox *b = layout_page_add(f->page, it->chart ? BOX_CHART : it->kind == FLOW_IMAGE ? BOX_IMAGE : BOX_RULE);
  b->chart = it->chart;
  b->x = it->x, b->y = top, b->w = it->width, b->h = it->height;
  if (it->image) b->image = cairo_surface_reference(it->image);
  b->colour = it->colour;
  b->line_width = it->height;
  f->y = top + it->height;
  f->has_content = TRUE;
  f->space_after = it->space_after;
}

/* ---- table rows ------------------------------------------------------ */

static LayoutBox *fill_add(Flow *f, double x, double y, double w, double h, guint32 colour) {
  LayoutBox *b = layout_page_add(f->page, BOX_RULE);
  b->x = x, b->y = y, b->w = w, b->h = h;
  b->colour = colour;
  return b;
}

static LayoutBox *tag_box(Flow *f, LayoutBoxKind kind, LayoutTag tag, double y) {
  LayoutBox *b = layout_page_add(f->page, kind);
  b->tag = tag;
  b->y = y;
  return b;
}

/* Lines [first[k], first[k]+count[k]) of each cell, in a row `height` tall
 * at `top`. `tagged` FALSE draws a repeated header: no structure. */
static void row_emit(Flow *f, const FlowRow *row, double top, double height, gboolean tagged, const int *first,
                     const int *count) {
  if (row->fill != STYLE_NO_FILL) fill_add(f, row->x, top, row->width, height, row->fill)->repeated = !tagged;
  for (guint k = 0; k < row->n_cells; k++) /* a cell's own, over the row's: a heat map's rating */
    if (row->cells[k].filled)
      fill_add(f, row->cells[k].x, top, row->cells[k].width, height, row->cells[k].fill)->repeated = !tagged;
  if (tagged && row->dest) {
    LayoutBox *d = layout_page_add(f->page, BOX_DEST);
    d->dest = row->dest;
    d->x = row->x, d->y = top;
  }
  if (tagged) tag_box(f, BOX_TAG_BEGIN, LAYOUT_TAG_TR, top);
  for (guint k = 0; k < row->n_cells; k++) {
    const FlowCell *c = &row->cells[k];
    if (tagged) {
      LayoutBox *cb = tag_box(f, BOX_TAG_BEGIN, c->tag, top);
      cb->col = c->col, cb->colspan = c->colspan;
      cb->row_kind = row->head ? LAYOUT_ROW_HEAD : row->group ? LAYOUT_ROW_GROUP : LAYOUT_ROW_BODY;
    }
    if (c->chart && count[k] > 0) {
      /* a sparkline: a Figure inside the cell, described by its alt text */
      if (tagged) {
        LayoutBox *fb = layout_page_add(f->page, BOX_TAG_BEGIN);
        fb->tag = LAYOUT_TAG_FIGURE, fb->alt = c->alt, fb->y = top;
      }
      LayoutBox *b = layout_page_add(f->page, BOX_CHART);
      b->chart = c->chart;
      b->x = c->x + row->padding, b->y = top + row->padding;
      b->w = c->width - 2 * row->padding, b->h = height - 2 * row->padding;
      if (tagged) tag_box(f, BOX_TAG_END, LAYOUT_TAG_FIGURE, top + height);
    } else if (c->layout && count[k] > 0) {
      LayoutBox *b = layout_page_add(f->page, BOX_TEXT);
      b->tag = tagged ? LAYOUT_TAG_SPAN : LAYOUT_TAG_NONE;
      b->repeated = !tagged;
      b->layout = g_object_ref(c->layout);
      b->links = c->links, b->n_links = c->n_links;
      b->lang = c->lang;
      b->colour = c->colour;
      b->x = c->x + row->padding + c->text_dx, b->y = top + row->padding, b->w = c->width - 2 * row->padding;
      PangoLayoutLine *line = pango_layout_get_line_readonly(c->layout, first[k]);
      PangoRectangle ext;
      pango_layout_line_get_extents(line, NULL, &ext);
      b->line_first = first[k], b->line_count = count[k];
      PangoLayoutIter *it = pango_layout_get_iter(c->layout);
      for (int i = 0; i < first[k]; i++) pango_layout_iter_next_line(it);
      int y0, y1;
      pango_layout_iter_get_line_yrange(it, &y0, &y1);
      pango_layout_iter_free(it);
      b->layout_top = (double)y0 / PANGO_SCALE;
      b->h = height - 2 * row->padding;
    } /* an empty cell stays empty: cairo writes an empty TD as an empty marked sequence, which is allowed */
    if (tagged) tag_box(f, BOX_TAG_END, c->tag, top + height);
  }
  if (tagged) tag_box(f, BOX_TAG_END, LAYOUT_TAG_TR, top + height);
  fill_add(f, row->x, top + height - row->rule_width / 2, row->width, row->rule_width, row->rule_colour)->repeated = !tagged;
}

static void row_emit_whole(Flow *f, const FlowRow *row, double top, gboolean tagged) {
  int *first = g_new0(int, MAX(row->n_cells, 1)), *count = g_new0(int, MAX(row->n_cells, 1));
  for (guint k = 0; k < row->n_cells; k++)
    count[k] = row->cells[k].chart ? 1 : row->cells[k].layout ? pango_layout_get_line_count(row->cells[k].layout) : 0;
  row_emit(f, row, top, row->height, tagged, first, count);
  g_free(first);
  g_free(count);
}

/* A table that goes on over a page says so, "Caption (continued)", above
 * its repeated header rows; neither is content, so neither is tagged. */
static void head_repeat(Flow *f) {
  if (!f->table_head) return;
  const FlowItem *t = f->table_begin;
  if (t && t->layout) {
    LayoutBox *b = layout_page_add(f->page, BOX_TEXT);
    b->tag = LAYOUT_TAG_NONE;
    b->layout = g_object_ref(t->layout);
    b->colour = t->colour;
    b->x = t->continued_x, b->y = f->y, b->w = t->continued_width;
    int h;
    pango_layout_get_size(t->layout, NULL, &h);
    b->h = (double)h / PANGO_SCALE;
    b->line_first = 0, b->line_count = pango_layout_get_line_count(t->layout);
    f->y += b->h + t->space_after;
  }
  for (guint i = 0; i < f->table_head->len; i++) {
    const FlowRow *row = g_ptr_array_index(f->table_head, i);
    row_emit_whole(f, row, f->y, FALSE);
    f->y += row->height;
  }
}

static void row_page_break(Flow *f, gboolean head) {
  page_start(f);
  if (!head) head_repeat(f);
  /* a repeated header is not content: the row still starts "at the top" */
}

/* A row taller than a page: each cell continues where it stopped. */
static void row_place_split(Flow *f, const FlowRow *row) {
  guint n = row->n_cells;
  GArray **lines = g_new0(GArray *, MAX(n, 1));
  int *first = g_new0(int, MAX(n, 1)), *count = g_new0(int, MAX(n, 1));
  for (guint k = 0; k < n; k++)
    if (row->cells[k].layout) lines[k] = text_lines(row->cells[k].layout);
  for (;;) {
    double avail = flow_bottom(f) - f->y - 2 * row->padding, tallest = 0;
    gboolean more = FALSE;
    for (guint k = 0; k < n; k++) {
      guint total = lines[k] ? lines[k]->len : 0, fit = 0;
      while ((guint)first[k] + fit < total && lines_height(lines[k], (guint)first[k], fit + 1) <= avail + LAYOUT_FIT_TOLERANCE) fit++;
      if (fit == 0 && (guint)first[k] < total) fit = 1; /* progress, even if it overflows */
      count[k] = (int)fit;
      if (row->cells[k].chart) count[k] = first[k] == 0; /* a sparkline goes in the first part */
      if (lines[k]) tallest = MAX(tallest, lines_height(lines[k], (guint)first[k], fit));
      more |= (guint)first[k] + fit < total;
    }
    pending_flush(f, f->y, f->y);
    row_emit(f, row, f->y, tallest + 2 * row->padding, TRUE, first, count);
    f->y += tallest + 2 * row->padding;
    f->has_content = TRUE;
    if (!more) break;
    for (guint k = 0; k < n; k++) first[k] += count[k];
    row_page_break(f, row->head);
  }
  for (guint k = 0; k < n; k++)
    if (lines[k]) g_array_free(lines[k], TRUE);
  g_free(lines);
  g_free(first);
  g_free(count);
}

static void row_place(Flow *f, const FlowItem *it) {
  const FlowRow *row = it->row;
  double gap = gap_before(f, it);
  if (f->has_content && f->y + gap + row->height + notes_extra(f, it, NULL, 0, 1) > flow_bottom(f) + LAYOUT_FIT_TOLERANCE) {
    row_page_break(f, row->head);
    gap = 0;
  }
  double bottom = flow_bottom(f);
  if (f->y + gap + row->height > bottom + LAYOUT_FIT_TOLERANCE) {
    f->y += gap;
    row_place_split(f, row);
  } else {
    double top = f->y + gap;
    pending_flush(f, top, top);
    row_emit_whole(f, row, top, TRUE);
    f->y = top + row->height;
    f->has_content = TRUE;
  }
  notes_place(f, it, NULL, 0, 1);
  f->space_after = it->space_after;
}

/* Height of the content items in [from, to) laid out one after another,
 * after content that leaves `after` space below it. */
static double range_height_after(const Flow *f, guint from, guint to, double after) {
  double h = 0;
  gboolean first = TRUE;
  for (guint j = from; j < to && j < f->list->items->len; j++) {
    const FlowItem *it = item_at(f, j);
    if (it->kind == FLOW_PAGE_BREAK) break;
    if (it->kind == FLOW_SPACE) h += it->height;
    if (it->kind != FLOW_TEXT && it->kind != FLOW_IMAGE && it->kind != FLOW_RULE && it->kind != FLOW_ROW) continue;
    h += first && !f->has_content ? 0 : MAX(after, it->space_before);
    h += item_full_height(it);
    after = it->space_after;
    first = FALSE;
  }
  return h;
}

/* range_height_after, starting where the flow is now. */
static double range_height(const Flow *f, guint from, guint to) { return range_height_after(f, from, to, f->space_after); }

/* The fewest of a text's `total` lines that can start it on a page, when
 * `need` lines are wanted: split_point keeps `orphans` lines before a
 * break and `widows` after it, so a paragraph too short to split both
 * ways (three lines, 2 and 2) starts whole or not at all. */
static guint text_least_first_slice(const Flow *f, guint total, guint need) {
  guint orphans = (guint)MAX(f->style->orphans, 1), widows = (guint)MAX(f->style->widows, 1);
  guint take = MIN(MAX(need, orphans), total);
  return total - take < widows ? total : take;
}

/* Height needed to start item `i` and keep it with what follows: the
 * keep-with-next items in full, then `orphans` lines of what follows them
 * (a heading keeps two lines of text under it even when the first
 * paragraph or list item after it has only one, and the whole of a
 * paragraph that cannot split; a table row counts as a line). */
static double keep_chain_height(const Flow *f, guint i) {
  double h = 0, after = f->space_after;
  gboolean first = TRUE, chained = TRUE;
  guint need = (guint)MAX(f->style->orphans, 1);
  double body = style_body_bottom(f->style) - style_body_top(f->style);
  /* a heading's text comes straight after its H tag (collect_inline) */
  const FlowItem *before = i > 0 ? item_at(f, i - 1) : NULL;
  gboolean heading = before && before->kind == FLOW_TAG_BEGIN && before->tag >= LAYOUT_TAG_H1 && before->tag <= LAYOUT_TAG_H4;
  for (guint j = i; j < f->list->items->len && need > 0; j++) {
    const FlowItem *it = item_at(f, j);
    if (it->kind == FLOW_PAGE_BREAK) break;
    if (heading && it->kind == FLOW_KEEP && it->keep_end > j) {
      /* a block kept together moves whole (keep_together): a heading
       * before it needs all of it, when it fits on a page at all. Not
       * other chains (a table's last rows, its note, a legend after
       * it): those need the kept block's first lines only, as the
       * heading's own chain takes care of the page it starts */
      double kept = range_height_after(f, j + 1, it->keep_end, after);
      if (kept <= body) return h + kept;
      continue;
    }
    if (it->kind != FLOW_TEXT && it->kind != FLOW_IMAGE && it->kind != FLOW_RULE && it->kind != FLOW_ROW) continue;
    h += first && !f->has_content ? 0 : MAX(after, it->space_before);
    first = FALSE;
    after = it->space_after;
    if (chained && it->keep_with_next) {
      h += item_full_height(it);
      continue;
    }
    chained = FALSE;
    if (it->kind == FLOW_TEXT) {
      GArray *lines = text_lines(it->layout);
      guint take = text_least_first_slice(f, lines->len, need);
      h += lines_height(lines, 0, take);
      need -= MIN(take, need); /* a whole paragraph may give more than was needed */
      g_array_free(lines, TRUE);
    } else {
      h += item_full_height(it);
      need = it->kind == FLOW_ROW ? need - 1 : 0;
    }
  }
  return h;
}

/* Whether what keep_chain_height reads from item `s` on, with `need` lines
 * of what follows, ends within the items collected: at a page break, or
 * once a content item that does not keep with the next has given `need`
 * lines (a chain of keep-with-next items first gives none; reached
 * unchained, it would end sooner). */
static gboolean chain_ends_within(const FlowList *list, guint s, guint need) {
  gboolean chained = TRUE;
  for (guint j = s; j < list->items->len; j++) {
    const FlowItem *it = g_ptr_array_index(list->items, j);
    if (it->kind == FLOW_PAGE_BREAK) return TRUE;
    if (it->kind == FLOW_KEEP) return it->keep_end != 0; /* read whole, once its end is known */
    if (it->kind != FLOW_TEXT && it->kind != FLOW_IMAGE && it->kind != FLOW_RULE && it->kind != FLOW_ROW) continue;
    if (chained && it->keep_with_next) continue;
    chained = FALSE;
    guint take = it->kind == FLOW_TEXT ? (guint)MAX(pango_layout_get_line_count(it->layout), 1) : it->kind == FLOW_ROW ? 1 : need;
    need -= MIN(take, need);
    if (need == 0) return TRUE;
  }
  return FALSE;
}

guint layout_flow_complete_before(const FlowList *list, guint from, guint orphans) {
  guint end = list->items->len, last_content = end, last_text = end;
  for (guint k = end; k-- > from;) {
    const FlowItem *it = g_ptr_array_index(list->items, k);
    if (it->kind == FLOW_KEEP && it->keep_end == 0) end = k; /* still open: its end is not known */
    if (it->kind == FLOW_TEXT && last_text == list->items->len) last_text = k;
    if ((it->kind == FLOW_TEXT || it->kind == FLOW_IMAGE || it->kind == FLOW_RULE || it->kind == FLOW_ROW) &&
        last_content == list->items->len)
      last_content = k;
  }
  /* collect may still change the last content and text items (keep with
   * the next block, a list's space after) */
  end = MIN(end, MIN(last_content, last_text));
  for (guint s = end; s > from; s--)
    if (s < list->items->len && chain_ends_within(list, s, MAX(orphans, 1))) return s;
  return from;
}

/* keep="together" (and blocks that belong together, such as the contact
 * officer's): to a new page when it does not fit here but fits on one. */
static void keep_together(Flow *f, guint keep, guint end) {
  if (!f->has_content) return;
  double need = range_height(f, keep + 1, end);
  double body = style_body_bottom(f->style) - style_body_top(f->style);
  if (f->y + need > flow_bottom(f) + 0.01 && need <= body) page_start(f);
}

void layout_flow_resolve_page_refs(LayoutDoc *doc) { layout_flow_resolve_page_refs_from(doc, 1); }

void layout_flow_page_dests(const LayoutPage *page, guint number, GHashTable *page_of) {
  for (guint i = 0; i < page->boxes->len; i++) {
    const LayoutBox *b = g_ptr_array_index(page->boxes, i);
    if (b->kind == BOX_DEST && !g_hash_table_contains(page_of, b->dest))
      g_hash_table_insert(page_of, (gpointer)b->dest, GUINT_TO_POINTER(number));
  }
}

void layout_flow_resolve_page_refs_from(LayoutDoc *doc, guint first) {
  GHashTable *page_of = g_hash_table_new(g_str_hash, g_str_equal);
  for (guint p = 0; p < doc->pages->len; p++) layout_flow_page_dests(g_ptr_array_index(doc->pages, p), p + first, page_of);
  layout_flow_number_page_refs(doc, page_of);
  g_hash_table_destroy(page_of);
}

void layout_flow_number_page_refs(LayoutDoc *doc, GHashTable *page_of) {
  for (guint p = 0; p < doc->pages->len; p++) {
    LayoutPage *page = g_ptr_array_index(doc->pages, p);
    for (guint i = 0; i < page->boxes->len; i++) {
      LayoutBox *b = g_ptr_array_index(page->boxes, i);
      if (b->kind != BOX_TEXT || !b->page_ref) continue;
      char num[16];
      g_snprintf(num, sizeof num, "%u", GPOINTER_TO_UINT(g_hash_table_lookup(page_of, b->page_ref)));
      pango_layout_set_text(b->layout, num, -1);
      int w;
      pango_layout_get_size(b->layout, &w, NULL);
      b->x += b->w - (double)w / PANGO_SCALE; /* right-aligned in its column */
      b->w = (double)w / PANGO_SCALE;
    }
  }
}

/* A forced break; with a style, the pages from here on take its size and
 * margins (an empty current page is simply re-made in that style). */
static void page_break(Flow *f, const Style *style) {
  gboolean restyle = style && style != f->style;
  if (style) f->style = style;
  if (f->has_content) {
    page_start(f);
  } else if (restyle) {
    f->page->style = f->style;
    f->page->width = f->style->page_width, f->page->height = f->style->page_height;
    f->y = style_body_top(f->style);
  }
}

Flow *layout_flow_begin(const FlowList *list, const Style *style, LayoutDoc *doc, GArray *note_places,
                        FlowPageDone page_done, gpointer data) {
  Flow *f = g_new0(Flow, 1);
  *f = (Flow){.list = list, .style = style, .doc = doc, .page_done = page_done, .page_done_data = data,
              .pending = g_array_new(FALSE, FALSE, sizeof(guint)), .page_notes = g_ptr_array_new(),
              .note_places = note_places};
  page_start(f);
  return f;
}

guint layout_flow_placed(const Flow *f) { return f->next; }

void layout_flow_drop_placed(Flow *f, FlowList *list) {
  g_return_if_fail(list == f->list);
  guint end = f->pending->len ? g_array_index(f->pending, guint, 0) : f->next;
  for (; f->dropped < end; f->dropped++) {
    const FlowItem *it = item_at(f, f->dropped);
    if (it == f->table_begin || it == f->stopped_at || it == f->break_past || (it->kind == FLOW_ROW && it->row->head))
      continue;
    flow_list_drop(list, f->dropped);
  }
}

void layout_flow_until(Flow *f, guint end) {
  for (; f->next < end && !f->stopped_at; f->next++) {
    guint i = f->next;
    const FlowItem *it = item_at(f, i);
    switch (it->kind) {
    case FLOW_TAG_BEGIN:
    case FLOW_TAG_END:
      if (it->tag == LAYOUT_TAG_TABLE) f->table_head = it->kind == FLOW_TAG_BEGIN ? it->head_rows : NULL;
      if (it->tag == LAYOUT_TAG_TABLE) f->table_begin = it->kind == FLOW_TAG_BEGIN ? it : NULL;
      pending_add(f, i);
      break;
    case FLOW_MARKER:
    case FLOW_DEST:
      pending_add(f, i);
      break;
    case FLOW_PAGE_BREAK:
      page_break(f, it->style);
      if (!f->break_past && f->pages_made > layout_max_pages()) f->break_past = it;
      break;
    case FLOW_SPACE:
      f->y = MIN(f->y + it->height, flow_bottom(f));
      break;
    case FLOW_KEEP:
      keep_together(f, i, it->keep_end);
      break;
    case FLOW_TEXT:
    case FLOW_IMAGE:
    case FLOW_RULE:
    case FLOW_ROW:
      if (it->keep_with_next && f->has_content) {
        double need = keep_chain_height(f, i);
        double body = style_body_bottom(f->style) - style_body_top(f->style);
        if (f->y + need > flow_bottom(f) + LAYOUT_FIT_TOLERANCE && need <= body) {
          if (it->kind == FLOW_ROW) row_page_break(f, it->row->head);
          else page_start(f);
        }
      }
      if (it->kind == FLOW_TEXT) text_place(f, i);
      else if (it->kind == FLOW_ROW) row_place(f, it);
      else block_place(f, it);
      /* content on a page past the limit: stop after it (a forced break
       * alone opens no page worth naming) */
      if (f->pages_made > layout_max_pages()) f->stopped_at = it;
      break;
    }
  }
}

const FlowItem *layout_flow_end(Flow *f, guint end) {
  layout_flow_until(f, end);
  /* a forced break at the end can open the page past the limit */
  const FlowItem *stopped_at = f->stopped_at;
  if (!stopped_at && f->pages_made > layout_max_pages()) stopped_at = f->break_past;
  /* Trailing ends (and anything else left) close on the last page. */
  if (f->pending->len) pending_flush(f, f->y, f->y);
  page_end(f);
  g_array_free(f->pending, TRUE);
  g_ptr_array_free(f->page_notes, TRUE);
  g_free(f);
  return stopped_at;
}

const FlowItem *layout_flow(const FlowList *list, const Style *style, LayoutDoc *doc, GArray *note_places) {
  return layout_flow_end(layout_flow_begin(list, style, doc, note_places, NULL, NULL), list->items->len);
}
