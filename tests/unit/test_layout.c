/* Layout: pagination keeps every line once and in order, headings stay
 * with what follows, no widow or orphan lines, over-wide words break, and
 * a paragraph longer than a page runs over several. Pages are made small
 * (deep margins) so that short texts already need several pages. */
#include "testutil.h"

#include <math.h>

#include "base/fonts.h"
#include "layout/layout.h"

#define META "<meta><committee>Panel</committee><date>2013-09-10</date><title>T</title></meta>"

static char *dir;
static PangoFontMap *fonts;

static const char small_style[] =
    "<layout name='small'><page size='A5' margin-top='60mm' margin-bottom='60mm' margin-left='20mm' "
    "margin-right='20mm'/><text role='body' family='Liberation Sans' size='10pt' line-spacing='1.2' "
    "space-after='6pt'/><text role='note' size='8pt' space-before='2pt'/>"
    "<paragraphs widows='2' orphans='2'/></layout>";

typedef struct {
  Spec *spec;
  Style *style;
  PangoContext *ctx;
  LayoutDoc *doc;
  DiagList *diags;
} Fixture;

/* Lays out a report whose body is `body`, after `edit` (if given) has
 * changed the model as bind would. */
static Fixture lay_out_edited(const char *body, void (*edit)(Spec *spec)) {
  Fixture f = {.diags = diag_list_new()};
  g_free(test_write_file(dir, "small.xml", small_style));
  char *xml = g_strdup_printf("<report layout='small.xml'>" META "<body>%s</body></report>", body);
  char *path = test_write_file(dir, "doc.xml", xml);
  f.spec = spec_load(path, f.diags);
  if (!f.spec) diag_print(f.diags, stderr);
  assert_non_null(f.spec);
  if (edit) edit(f.spec);
  f.style = style_load(f.spec->layout, f.diags);
  assert_non_null(f.style);
  f.ctx = fonts_context_new(fonts);
  f.doc = layout_document(f.spec, f.style, NULL, f.ctx, f.diags);
  assert_non_null(f.doc);
  g_free(xml);
  g_free(path);
  return f;
}

static Fixture lay_out(const char *body) { return lay_out_edited(body, NULL); }

static void fixture_free(Fixture *f) {
  layout_doc_free(f->doc);
  g_object_unref(f->ctx);
  style_free(f->style);
  spec_free(f->spec);
  diag_list_free(f->diags);
}

static char *words(int n, const char *stem) {
  GString *s = g_string_new(NULL);
  for (int i = 0; i < n; i++) g_string_append_printf(s, "%s%d ", stem, i);
  g_string_truncate(s, s->len - 1);
  return g_string_free(s, FALSE);
}

static LayoutBox *box_at(const LayoutDoc *doc, guint p, guint i) {
  return g_ptr_array_index(((LayoutPage *)g_ptr_array_index(doc->pages, p))->boxes, i);
}

static guint box_count(const LayoutDoc *doc, guint p) {
  return ((LayoutPage *)g_ptr_array_index(doc->pages, p))->boxes->len;
}

/* All content text of the document, in box order, lines joined by spaces. */
static char *content_text(const LayoutDoc *doc, PangoLayout *only) {
  GString *s = g_string_new(NULL);
  for (guint p = 0; p < doc->pages->len; p++)
    for (guint i = 0; i < box_count(doc, p); i++) {
      LayoutBox *b = box_at(doc, p, i);
      if (b->kind != BOX_TEXT || b->tag == LAYOUT_TAG_NONE || (only && b->layout != only)) continue;
      char *t = layout_box_text(b);
      if (s->len) g_string_append_c(s, ' ');
      g_string_append(s, t);
      g_free(t);
    }
  return g_string_free(s, FALSE);
}

static PangoLayout *longest_layout(const LayoutDoc *doc) {
  PangoLayout *best = NULL;
  for (guint p = 0; p < doc->pages->len; p++)
    for (guint i = 0; i < box_count(doc, p); i++) {
      LayoutBox *b = box_at(doc, p, i);
      if (b->kind == BOX_TEXT && b->tag != LAYOUT_TAG_NONE &&
          (!best || pango_layout_get_line_count(b->layout) > pango_layout_get_line_count(best)))
        best = b->layout;
    }
  return best;
}

static void test_split_keeps_every_line_once_in_order(void **state) {
  (void)state;
  char *text = words(700, "w");
  char *body = g_strdup_printf("<section title='S'><p numbered='no'>%s</p></section>", text);
  Fixture f = lay_out(body);
  PangoLayout *para = longest_layout(f.doc);
  assert_true(f.doc->pages->len >= 3);
  char *got = content_text(f.doc, para);
  assert_string_equal(got, text);
  /* slices are consecutive */
  int next = 0;
  for (guint p = 0; p < f.doc->pages->len; p++)
    for (guint i = 0; i < box_count(f.doc, p); i++) {
      LayoutBox *b = box_at(f.doc, p, i);
      if (b->layout != para) continue;
      assert_int_equal(b->line_first, next);
      next += b->line_count;
      assert_true(b->y + b->h <= f.style->page_height - f.style->margin_bottom + 0.01);
    }
  assert_int_equal(next, pango_layout_get_line_count(para));
  g_free(got);
  g_free(body);
  g_free(text);
  fixture_free(&f);
}

static void test_no_widows_or_orphans(void **state) {
  (void)state;
  GString *body = g_string_new("<section title='S'>");
  for (int k = 0; k < 30; k++) {
    char *t = words(20 + (k * 7) % 50, "x");
    g_string_append_printf(body, "<p>%s</p>", t);
    g_free(t);
  }
  g_string_append(body, "</section>");
  Fixture f = lay_out(body->str);
  int splits = 0;
  for (guint p = 0; p < f.doc->pages->len; p++)
    for (guint i = 0; i < box_count(f.doc, p); i++) {
      LayoutBox *b = box_at(f.doc, p, i);
      if (b->kind != BOX_TEXT || b->tag == LAYOUT_TAG_NONE) continue;
      int total = pango_layout_get_line_count(b->layout);
      if (b->line_count < total) {
        splits++;
        assert_true(b->line_count >= 2);
      }
    }
  assert_true(splits > 0); /* the test must exercise splitting */
  g_string_free(body, TRUE);
  fixture_free(&f);
}

static gboolean is_heading(LayoutTag t) { return t >= LAYOUT_TAG_H1 && t <= LAYOUT_TAG_H4; }

/* The headings laid out; fails if a page but the last ends with one. */
static int assert_no_page_ends_with_a_heading(const LayoutDoc *doc) {
  int headings = 0;
  for (guint p = 0; p < doc->pages->len; p++) {
    LayoutTag open = LAYOUT_TAG_NONE;
    LayoutBox *last_content = NULL;
    gboolean last_is_heading = FALSE;
    for (guint i = 0; i < box_count(doc, p); i++) {
      LayoutBox *b = box_at(doc, p, i);
      if (b->kind == BOX_TAG_BEGIN) open = b->tag;
      if (b->kind == BOX_TEXT && b->tag != LAYOUT_TAG_NONE) {
        last_content = b;
        last_is_heading = is_heading(open);
        headings += last_is_heading;
      }
      if (b->kind == BOX_TAG_END && b->tag == open) open = LAYOUT_TAG_NONE;
    }
    if (p + 1 < doc->pages->len && last_content && last_is_heading) {
      char *t = layout_box_text(last_content);
      fail_msg("page %u ends with the heading \"%s\"", p + 1, t);
    }
  }
  return headings;
}

static void test_heading_keeps_with_next(void **state) {
  (void)state;
  GString *body = g_string_new("");
  for (int k = 0; k < 12; k++) {
    char *t = words(8 + k * 5, "y");
    g_string_append_printf(body, "<section title='Heading %d'><p>%s</p><p>%s</p></section>", k, t, t);
    g_free(t);
  }
  Fixture f = lay_out(body->str);
  int headings = assert_no_page_ends_with_a_heading(f.doc);
  assert_int_equal(headings, 14); /* the title, "Report" and 12 sections */
  assert_true(f.doc->pages->len > 3);
  g_string_free(body, TRUE);
  fixture_free(&f);
}

/* A heading goes with what cannot be split after it: a three-line
 * paragraph (2 lines before a break and 2 after is impossible), and a
 * block kept together, whose whole height it needs. With filler of every
 * length, one of them lands at each height of the page; before, the
 * heading stayed at the foot when the paragraph or table moved on. */
static void test_heading_keeps_with_unsplittable(void **state) {
  (void)state;
  char *three = words(42, "t"), *row = g_strdup("<tr><td>cell</td><td>1</td></tr>");
  for (int k = 0; k < 40; k++) {
    char *filler = words(20 + k * 4, "f");
    char *bodies[] = {
        g_strdup_printf("<section title='Filler'><p>%s</p></section><section title='Three lines'><p>%s</p></section>",
                        filler, three),
        g_strdup_printf("<section title='Filler'><p>%s</p></section><section title='Kept table'><table keep='together'>"
                        "<tr head='yes'><th>A</th><th>B</th></tr>%s%s%s%s%s%s</table></section>",
                        filler, row, row, row, row, row, row)};
    for (guint i = 0; i < G_N_ELEMENTS(bodies); i++) {
      Fixture f = lay_out(bodies[i]);
      assert_no_page_ends_with_a_heading(f.doc);
      fixture_free(&f);
      g_free(bodies[i]);
    }
    g_free(filler);
  }
  g_free(three), g_free(row);
}

/* A table's last row keeps with the note under it, and the note with a
 * legend kept together after it: that chain needs the legend's first
 * lines, not all of it (only a heading takes a kept block whole). When
 * it took all of it, the last rows went over with the legend (the tiers
 * board's scorecard broke after five rows, its page half empty). */
/* As bind makes a scorecard's note: it stays with the table's end. */
static void note_keeps_with_table(Spec *spec) {
  spec->body->children[0]->children[2]->keep_with_previous = TRUE;
}

static void test_table_end_chain_takes_a_kept_block_s_start(void **state) {
  (void)state;
  GString *rows = g_string_new(NULL), *legend = g_string_new(NULL);
  for (int i = 0; i < 8; i++) g_string_append_printf(rows, "<tr><td>row %d</td><td>%d</td></tr>", i, i);
  for (int i = 0; i < 14; i++) g_string_append_printf(legend, "<tr><td>key %d</td><td>meaning %d</td></tr>", i, i);
  for (int k = 0; k < 12; k++) {
    char *filler = words(10 + k * 6, "f");
    char *body = g_strdup_printf("<section title='S'><p>%s</p><table><tr head='yes'><th>A</th><th>B</th></tr>%s</table>"
                                 "<p>The note under the table.</p><table keep='together'>%s</table></section>",
                                 filler, rows->str, legend->str);
    Fixture f = lay_out_edited(body, note_keeps_with_table);
    /* the table's last row stays with the row above it: only the legend
     * moves (before, the last rows and the note went over with it) */
    int page_of[2] = {-1, -1};
    for (guint p = 0; p < f.doc->pages->len; p++)
      for (guint i = 0; i < box_count(f.doc, p); i++) {
        LayoutBox *b = box_at(f.doc, p, i);
        if (b->kind != BOX_TEXT || b->tag == LAYOUT_TAG_NONE) continue;
        char *t = layout_box_text(b);
        if (!strcmp(t, "row 6")) page_of[0] = (int)p;
        if (!strcmp(t, "row 7")) page_of[1] = (int)p;
        g_free(t);
      }
    if (page_of[0] != page_of[1]) fail_msg("filler %d: the last row is on page %d, the one above on %d", k, page_of[1] + 1, page_of[0] + 1);
    fixture_free(&f);
    g_free(body), g_free(filler);
  }
  g_string_free(rows, TRUE), g_string_free(legend, TRUE);
}

/* The page's last content line, or NULL. */
static char *last_line_text(const LayoutDoc *doc, guint p) {
  char *last = NULL;
  for (guint i = 0; i < box_count(doc, p); i++) {
    LayoutBox *b = box_at(doc, p, i);
    if (b->kind != BOX_TEXT || b->tag == LAYOUT_TAG_NONE) continue;
    g_free(last);
    last = layout_box_text(b);
  }
  return last;
}

/* A paragraph that leads in to the block after it (it ends with a colon,
 * or a table, chart or list follows it) never ends a page without that
 * block's start: at eighteen places down the page, one of them the foot,
 * "Lead N" is never a page's last line. */
static void test_lead_in_keeps_with_next(void **state) {
  (void)state;
  GString *body = g_string_new("<section title='S'>");
  int leads = 0;
  for (int k = 0; k < 18; k++) {
    char *t = words(6 + k * 4, "z");
    g_string_append_printf(body, "<p>%s</p>", t);
    g_free(t);
    if (k % 3 == 0) { /* a colon, before a table */
      g_string_append_printf(body, "<p>Lead %d each team's figures:</p><table><tr head='yes'><th>Team</th><th>V</th></tr>", k);
      for (int r = 0; r < 4; r++) g_string_append_printf(body, "<tr><td>team %d</td><td>%d</td></tr>", r, r);
      g_string_append(body, "</table>");
    } else if (k % 3 == 1) { /* a list, with no colon */
      g_string_append_printf(body, "<p>Lead %d the steps are these</p><ul><li>one step</li><li>another step</li></ul>", k);
    } else { /* a colon, before a paragraph */
      g_string_append_printf(body, "<p>Lead %d as follows:</p><p>what it introduces, a line of it</p>", k);
    }
    leads++;
  }
  g_string_append(body, "</section>");
  Fixture f = lay_out(body->str);
  int seen = 0;
  for (guint p = 0; p < f.doc->pages->len; p++) {
    for (guint i = 0; i < box_count(f.doc, p); i++) {
      LayoutBox *b = box_at(f.doc, p, i);
      char *t = b->kind == BOX_TEXT ? layout_box_text(b) : NULL;
      seen += t && g_str_has_prefix(t, "Lead ");
      g_free(t);
    }
    char *last = last_line_text(f.doc, p);
    if (last && g_str_has_prefix(last, "Lead ")) fail_msg("page %u ends with \"%s\"", p + 1, last);
    g_free(last);
  }
  assert_int_equal(seen, leads);
  assert_true(f.doc->pages->len > 4);
  g_string_free(body, TRUE);
  fixture_free(&f);
}

/* The first text box on any page that starts with `prefix`. */
static LayoutBox *text_box_starting(const LayoutDoc *doc, const char *prefix) {
  for (guint p = 0; p < doc->pages->len; p++)
    for (guint i = 0; i < box_count(doc, p); i++) {
      LayoutBox *b = box_at(doc, p, i);
      char *t = b->kind == BOX_TEXT ? layout_box_text(b) : NULL;
      gboolean found = t && g_str_has_prefix(t, prefix);
      g_free(t);
      if (found) return b;
    }
  return NULL;
}

/* A note closes its block: what follows a note, under a table or on its
 * own, is a body paragraph's space (6 pt here) below it, not the note
 * style's space-after (none) — commentary set tight under "DoT compares
 * …" read as part of the note. Between two notes, the note's own spacing. */
static void test_note_ends_with_paragraph_space(void **state) {
  (void)state;
  Fixture f = lay_out("<section title='S'><table><tr head='yes'><th>A</th></tr><tr><td>1</td></tr>"
                      "<note>Table note one.</note><note>Table note two.</note></table>"
                      "<p>After the table.</p><p style='note'>Own note.</p><p>After the note.</p></section>");
  const char *pairs[][2] = {{"Table note one", "Table note two"}, {"Table note two", "After the table"},
                            {"Own note", "After the note"}};
  double want[] = {2, 6, 6};
  for (guint k = 0; k < G_N_ELEMENTS(pairs); k++) {
    LayoutBox *a = text_box_starting(f.doc, pairs[k][0]), *b = text_box_starting(f.doc, pairs[k][1]);
    assert_non_null(a);
    assert_non_null(b);
    double gap = b->y - (a->y + a->h);
    if (fabs(gap - want[k]) > 0.01) fail_msg("\"%s\" to \"%s\": %.2f pt, not %.0f", pairs[k][0], pairs[k][1], gap, want[k]);
  }
  fixture_free(&f);
}

static void test_word_wider_than_column(void **state) {
  (void)state;
  char *word = g_strnfill(5000, 'm');
  char *body = g_strdup_printf("<section title='S'><p>%s</p></section>", word);
  Fixture f = lay_out(body);
  double column = f.style->page_width - f.style->margin_left - f.style->margin_right;
  for (guint p = 0; p < f.doc->pages->len; p++)
    for (guint i = 0; i < box_count(f.doc, p); i++) {
      LayoutBox *b = box_at(f.doc, p, i);
      if (b->kind != BOX_TEXT || b->tag == LAYOUT_TAG_NONE) continue;
      for (int l = b->line_first; l < b->line_first + b->line_count; l++) {
        PangoRectangle ext;
        pango_layout_line_get_extents(pango_layout_get_line_readonly(b->layout, l), NULL, &ext);
        assert_true(b->x + (double)ext.width / PANGO_SCALE <= f.style->margin_left + column + 0.5);
      }
    }
  char *got = content_text(f.doc, longest_layout(f.doc));
  GString *joined = g_string_new(NULL);
  for (const char *c = got; *c; c++)
    if (*c != ' ') g_string_append_c(joined, *c);
  assert_string_equal(joined->str, word); /* only line breaks were added */
  g_string_free(joined, TRUE);
  g_free(got);
  g_free(body);
  g_free(word);
  fixture_free(&f);
}

static void test_empty_elements_dropped(void **state) {
  (void)state;
  Fixture f = lay_out("<section title='S'><p> </p><p>real</p><ul><li/></ul></section>");
  int p_begins = 0, texts = 0;
  for (guint p = 0; p < f.doc->pages->len; p++)
    for (guint i = 0; i < box_count(f.doc, p); i++) {
      LayoutBox *b = box_at(f.doc, p, i);
      if (b->kind == BOX_TAG_BEGIN && b->tag == LAYOUT_TAG_P) p_begins++;
      if (b->kind == BOX_TEXT && b->tag == LAYOUT_TAG_SPAN) texts++;
      if (i > 0 && b->kind == BOX_TAG_END) assert_int_not_equal(box_at(f.doc, p, i - 1)->kind, BOX_TAG_BEGIN);
    }
  /* committee, date, title, Report, "1. S", number "1.1", "real", and the marker "•" of the empty
   * item; its empty LBody was dropped */
  assert_int_equal(p_begins, 3);
  assert_int_equal(texts, 8);
  fixture_free(&f);
}

static void test_dump_is_readable(void **state) {
  (void)state;
  Fixture f = lay_out("<section title='Alpha'><p>Beta gamma.</p></section>");
  char *buf = NULL;
  size_t len = 0;
  FILE *mem = open_memstream(&buf, &len);
  layout_doc_dump(f.doc, mem);
  fclose(mem);
  assert_non_null(strstr(buf, " text "));
  assert_true(g_str_has_prefix(buf, "page 1 419.53 595.28 style=small body=10.00\n")); /* A5 */
  assert_non_null(strstr(buf, "lines=0+1 font=\"Liberation Sans 10.00\" colour=#000000 Beta gamma.\n"));
  assert_non_null(strstr(buf, "1. Alpha"));
  assert_non_null(strstr(buf, "Beta gamma."));
  assert_non_null(strstr(buf, "furniture"));
  char *footer = g_strdup_printf("Page %u of %u", f.doc->pages->len, f.doc->pages->len);
  assert_non_null(strstr(buf, footer));
  g_free(footer);
  free(buf);
  fixture_free(&f);
}

/* A link's stretch of a line gets a "link" line of its own: where it is
 * and where it goes; a word without a link none. */
static void test_dump_has_links(void **state) {
  (void)state;
  Fixture f = lay_out("<section title='Alpha'><p>Go to <a href='https://example.org/x'>the site</a> now.</p></section>");
  char *buf = NULL;
  size_t len = 0;
  FILE *mem = open_memstream(&buf, &len);
  layout_doc_dump(f.doc, mem);
  fclose(mem);
  const char *link = strstr(buf, " link ");
  assert_non_null(link);
  double x, y, w, h;
  char to[64];
  assert_int_equal(sscanf(link, " link %lf %lf %lf %lf to=%63s", &x, &y, &w, &h, to), 5);
  assert_string_equal(to, "https://example.org/x");
  assert_true(x > 70 && w > 20 && w < 100 && h > 10); /* "the site", after "Go to " */
  assert_null(strstr(link + 1, " link "));
  free(buf);
  fixture_free(&f);
}

/* Rows (by their first cell's text) in box order, tagged ones only, and
 * how many untagged (repeated) header rows each page has. */
static void table_rows(const LayoutDoc *doc, GPtrArray *rows, int *repeats) {
  for (guint p = 0; p < doc->pages->len; p++) {
    gboolean in_tr = FALSE, first_cell = FALSE;
    for (guint i = 0; i < box_count(doc, p); i++) {
      LayoutBox *b = box_at(doc, p, i);
      if (b->kind == BOX_TAG_BEGIN && b->tag == LAYOUT_TAG_TR) in_tr = first_cell = TRUE;
      if (b->kind == BOX_TAG_END && b->tag == LAYOUT_TAG_TR) in_tr = FALSE;
      if (b->kind != BOX_TEXT) continue;
      char *t = layout_box_text(b);
      if (b->tag == LAYOUT_TAG_NONE && strcmp(t, "Ref") == 0) repeats[p]++;
      if (in_tr && first_cell) g_ptr_array_add(rows, t), first_cell = FALSE;
      else g_free(t);
    }
  }
}

static void test_table_split_repeats_header(void **state) {
  (void)state;
  GString *body = g_string_new("<section title='S'><table><caption>Big</caption><col width='2*'/><col align='decimal'/>"
                               "<tr head='yes'><th>Ref</th><th>Value</th></tr>");
  for (int r = 0; r < 80; r++) g_string_append_printf(body, "<tr><td>row %d</td><td>%d.5</td></tr>", r, r * 3);
  g_string_append(body, "</table></section>");
  Fixture f = lay_out(body->str);
  GPtrArray *rows = g_ptr_array_new_with_free_func(g_free);
  int repeats[64] = {0};
  assert_true(f.doc->pages->len < 64);
  table_rows(f.doc, rows, repeats);
  assert_int_equal(rows->len, 81); /* the header once, tagged, and every row once, in order */
  assert_string_equal(g_ptr_array_index(rows, 0), "Ref");
  for (int r = 0; r < 80; r++) {
    char want[16];
    g_snprintf(want, sizeof want, "row %d", r);
    assert_string_equal(g_ptr_array_index(rows, r + 1), want);
  }
  /* every page after the table's first repeats the header (untagged) */
  int table_pages = 0;
  for (guint p = 2; p < f.doc->pages->len; p++) assert_int_equal(repeats[p], 1), table_pages++;
  assert_true(table_pages >= 2);
  g_ptr_array_free(rows, TRUE);
  g_string_free(body, TRUE);
  fixture_free(&f);
}

/* Where a figure's decimal point is, or would be (after its last digit),
 * in page points: the marks and units after it hang to the right. */
static double decimal_x(const LayoutBox *b) {
  const char *t = pango_layout_get_text(b->layout);
  const char *dot = strchr(t, '.'), *end = t;
  while (*end && (g_ascii_isdigit(*end) || *end == ',')) end++;
  PangoRectangle pos;
  pango_layout_index_to_pos(b->layout, (int)((dot ? dot : end) - t), &pos);
  return b->x + (double)pos.x / PANGO_SCALE;
}

static void test_marked_figures_align_on_the_decimal_point(void **state) {
  (void)state;
  static const char *const figures[] = {"64.5 [r]", "6 [p]", "12.0", "6", "45.0%", "7%", "1,234.56 [p] [e]"};
  GString *body = g_string_new("<section title='S'><table><col width='2*'/><col align='decimal'/>"
                               "<tr head='yes'><th>Ref</th><th>Value</th></tr>");
  for (guint i = 0; i < G_N_ELEMENTS(figures); i++)
    g_string_append_printf(body, "<tr><td>row %u</td><td>%s</td></tr>", i, figures[i]);
  g_string_append(body, "</table></section>");
  Fixture f = lay_out(body->str);
  double at[G_N_ELEMENTS(figures)];
  guint found = 0;
  for (guint p = 0; p < f.doc->pages->len; p++)
    for (guint i = 0; i < box_count(f.doc, p); i++) {
      LayoutBox *b = box_at(f.doc, p, i);
      if (b->kind != BOX_TEXT || b->tag == LAYOUT_TAG_NONE) continue;
      for (guint k = 0; k < G_N_ELEMENTS(figures); k++)
        if (strcmp(pango_layout_get_text(b->layout), figures[k]) == 0) at[k] = decimal_x(b), found |= 1u << k;
    }
  assert_int_equal(found, (1u << G_N_ELEMENTS(figures)) - 1);
  for (guint k = 1; k < G_N_ELEMENTS(figures); k++) {
    if (fabs(at[k] - at[0]) > 0.01) fprintf(stderr, "\"%s\" has its point at %.2f, \"%s\" at %.2f\n", figures[k], at[k], figures[0], at[0]);
    assert_true(fabs(at[k] - at[0]) <= 0.01);
  }
  g_string_free(body, TRUE);
  fixture_free(&f);
}

static void test_table_cell_longer_than_page(void **state) {
  (void)state;
  char *text = words(900, "c");
  char *body = g_strdup_printf("<section title='S'><table><tr head='yes'><th>Ref</th><th>Text</th></tr>"
                               "<tr><td>one</td><td>%s</td></tr><tr><td>two</td><td>short</td></tr></table></section>",
                               text);
  Fixture f = lay_out(body);
  assert_true(f.doc->pages->len >= 4);
  /* the long cell's lines all appear, once, in order */
  PangoLayout *cell = longest_layout(f.doc);
  char *got = content_text(f.doc, cell);
  assert_string_equal(got, text);
  g_free(got);
  g_free(body);
  g_free(text);
  fixture_free(&f);
}

/* An empty table with an id: no Table tag holding only an empty marked
 * sequence (qpdf found a Table whose /K was an MCID; fuzz_render), but
 * its destination, for links to it. */
static void test_empty_table_keeps_only_its_destination(void **state) {
  (void)state;
  Fixture f = lay_out("<section title='S'><p>x</p><table id='a'/></section>");
  guint tables = 0, dests = 0;
  for (guint p = 0; p < f.doc->pages->len; p++)
    for (guint i = 0; i < box_count(f.doc, p); i++) {
      const LayoutBox *b = box_at(f.doc, p, i);
      tables += b->kind == BOX_TAG_BEGIN && b->tag == LAYOUT_TAG_TABLE;
      dests += b->kind == BOX_DEST && b->dest && strcmp(b->dest, "a") == 0;
    }
  assert_int_equal(tables, 0);
  assert_true(dests >= 1);
  fixture_free(&f);
}

static void test_table_empty_and_one_column(void **state) {
  (void)state;
  Fixture f = lay_out("<section title='S'><table><caption>Nothing yet</caption></table>"
                      "<table><tr><td>only</td></tr><tr><td></td></tr></table></section>");
  GPtrArray *rows = g_ptr_array_new_with_free_func(g_free);
  int repeats[8] = {0};
  table_rows(f.doc, rows, repeats);
  assert_int_equal(rows->len, 1); /* the empty cell's row has no text */
  assert_string_equal(g_ptr_array_index(rows, 0), "only");
  /* no element without content was emitted, but for the empty cell: an
   * empty TD is allowed, and cairo writes it as an empty marked sequence */
  guint empty_cells = 0;
  for (guint p = 0; p < f.doc->pages->len; p++)
    for (guint i = 1; i < box_count(f.doc, p); i++) {
      const LayoutBox *b = box_at(f.doc, p, i);
      if (b->kind != BOX_TAG_END || box_at(f.doc, p, i - 1)->kind != BOX_TAG_BEGIN) continue;
      assert_int_equal(b->tag, LAYOUT_TAG_TD);
      empty_cells++;
    }
  assert_int_equal(empty_cells, 1);
  /* and nothing is drawn in it: no mark to make it look filled */
  for (guint p = 0; p < f.doc->pages->len; p++)
    for (guint i = 0; i < box_count(f.doc, p); i++) {
      const LayoutBox *b = box_at(f.doc, p, i);
      assert_false(b->kind == BOX_RULE && b->w < 1 && b->h < 1);
    }
  g_ptr_array_free(rows, TRUE);
  fixture_free(&f);
}

/* The second cell of the table's second row filled, as a heat map's. */
static void fill_one_cell(Spec *spec) {
  SpecBlock *table = spec->body->children[0]->children[0];
  assert_int_equal(table->kind, BLOCK_TABLE);
  SpecBlock *cell = table->children[1]->children[1];
  cell->filled = TRUE, cell->fill = 0xd5e5d6;
}

static void test_table_cell_fill(void **state) {
  (void)state;
  Fixture f = lay_out_edited("<section title='S'><table><tr head='yes'><th>Team</th><th>CS1</th></tr>"
                             "<tr><td>North</td><td>88.0%</td></tr><tr><td>South</td><td>81.0%</td></tr></table></section>",
                             fill_one_cell);
  const LayoutBox *fill = NULL, *figure = NULL, *other = NULL;
  guint fill_at = 0, figure_at = 0;
  for (guint p = 0; p < f.doc->pages->len; p++)
    for (guint i = 0; i < box_count(f.doc, p); i++) {
      const LayoutBox *b = box_at(f.doc, p, i);
      if (b->kind == BOX_RULE && b->colour == 0xd5e5d6) fill = b, fill_at = i;
      if (b->kind == BOX_TEXT && b->tag != LAYOUT_TAG_NONE) {
        char *t = layout_box_text(b);
        if (strcmp(t, "88.0%") == 0) figure = b, figure_at = i;
        if (strcmp(t, "81.0%") == 0) other = b;
        g_free(t);
      }
    }
  assert_non_null(fill);
  assert_non_null(figure);
  assert_non_null(other);
  assert_true(fill_at < figure_at);                                  /* drawn under its text */
  assert_true(fill->x <= figure->x && figure->x + figure->w <= fill->x + fill->w + 0.01); /* the cell's column */
  assert_true(fill->y <= figure->y && figure->y < fill->y + fill->h); /* and its row */
  assert_false(other->y < fill->y + fill->h - 0.01);                 /* not the next row's */
  assert_false(fill->repeated);                                      /* a body row's: drawn once */
  fixture_free(&f);
}

int main(void) {
  dir = test_scratch_dir("layout");
  fonts = fonts_font_map_new("fonts", NULL);
  assert_non_null(fonts);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_split_keeps_every_line_once_in_order),
      cmocka_unit_test(test_no_widows_or_orphans),
      cmocka_unit_test(test_heading_keeps_with_next),
      cmocka_unit_test(test_heading_keeps_with_unsplittable),
      cmocka_unit_test(test_table_end_chain_takes_a_kept_block_s_start),
      cmocka_unit_test(test_lead_in_keeps_with_next),
      cmocka_unit_test(test_note_ends_with_paragraph_space),
      cmocka_unit_test(test_word_wider_than_column),
      cmocka_unit_test(test_empty_elements_dropped),
      cmocka_unit_test(test_dump_is_readable),
      cmocka_unit_test(test_dump_has_links),
      cmocka_unit_test(test_table_split_repeats_header),
      cmocka_unit_test(test_marked_figures_align_on_the_decimal_point),
      cmocka_unit_test(test_table_cell_longer_than_page),
      cmocka_unit_test(test_table_empty_and_one_column),
      cmocka_unit_test(test_empty_table_keeps_only_its_destination),
      cmocka_unit_test(test_table_cell_fill),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  g_object_unref(fonts);
  g_free(dir);
  return rc;
}
