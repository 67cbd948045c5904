/* Layout takes its typographic values from the house style: changing one
 * value in the layout file changes the boxes it governs (figure dpi, the
 * contents page-number column, the signature width, chart padding); and
 * text that aborted Pango reaches it in a form it lays out. */
#include "testutil.h"

#include <cairo.h>

#include "base/fonts.h"
#include "chart/chart.h"
#include "layout/layout.h"
#include "layout/layout_internal.h"

#define META_OPEN "<meta><committee>Panel</committee><date>2013-09-10</date><title>T</title>"
#define META META_OPEN "</meta>"

static char *dir;
static PangoFontMap *fonts;

typedef struct {
  Spec *spec;
  Style *style;
  PangoContext *ctx;
  LayoutDoc *doc;
  DiagList *diags;
} Fixture;

/* A4 style with `extra` elements inside <layout>. */
static char *style_with(const char *extra) {
  return g_strdup_printf("<layout name='t'><page size='A4'/><text role='body' family='Liberation Sans' size='10pt'/>"
                         "%s</layout>",
                         extra);
}

static Fixture lay_out(const char *style_extra, const char *report_inner) {
  Fixture f = {.diags = diag_list_new()};
  char *style = style_with(style_extra);
  g_free(test_write_file(dir, "t.xml", style));
  char *xml = g_strdup_printf("<report layout='t.xml'>%s</report>", report_inner);
  char *path = test_write_file(dir, "doc.xml", xml);
  f.spec = spec_load(path, f.diags);
  if (!f.spec) diag_print(f.diags, stderr);
  assert_non_null(f.spec);
  f.style = style_load(f.spec->layout, f.diags);
  if (!f.style) diag_print(f.diags, stderr);
  assert_non_null(f.style);
  f.ctx = fonts_context_new(fonts);
  f.doc = layout_document(f.spec, f.style, NULL, f.ctx, f.diags);
  assert_non_null(f.doc);
  g_free(style), g_free(xml), g_free(path);
  return f;
}

static void fixture_free(Fixture *f) {
  layout_doc_free(f->doc);
  g_object_unref(f->ctx);
  style_free(f->style);
  spec_free(f->spec);
  diag_list_free(f->diags);
}

/* The first box of `kind` (and, for text, whose text starts with `text`). */
static const LayoutBox *find_box(const LayoutDoc *doc, LayoutBoxKind kind, const char *text) {
  for (guint p = 0; p < doc->pages->len; p++) {
    const GPtrArray *boxes = ((LayoutPage *)g_ptr_array_index(doc->pages, p))->boxes;
    for (guint i = 0; i < boxes->len; i++) {
      const LayoutBox *b = g_ptr_array_index(boxes, i);
      if (b->kind != kind) continue;
      if (!text) return b;
      char *t = layout_box_text(b);
      gboolean hit = g_str_has_prefix(t, text);
      g_free(t);
      if (hit) return b;
    }
  }
  return NULL;
}

static void png_write(const char *name, int w, int h) {
  cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  char *path = g_build_filename(dir, name, NULL);
  assert_int_equal(cairo_surface_write_to_png(s, path), CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy(s);
  g_free(path);
}

#define FIGURE_BODY META "<body><section title='S'><figure src='img.png' alt='a picture'/></section></body>"

static void test_figure_dpi_from_style(void **state) {
  (void)state;
  png_write("img.png", 300, 150);
  Fixture a = lay_out("<figures dpi='150'/>", FIGURE_BODY);
  Fixture b = lay_out("<figures dpi='300'/>", FIGURE_BODY);
  const LayoutBox *ia = find_box(a.doc, BOX_IMAGE, NULL), *ib = find_box(b.doc, BOX_IMAGE, NULL);
  assert_non_null(ia), assert_non_null(ib);
  assert_float_equal(ia->w, 300 * 72.0 / 150, 0.001);
  assert_float_equal(ib->w, 300 * 72.0 / 300, 0.001);
  fixture_free(&a), fixture_free(&b);
}

static void test_figure_min_dpi_from_style(void **state) {
  (void)state;
  png_write("img.png", 300, 150);
  /* printed at 150 dpi: no warning at min-dpi 150, one at min-dpi 200 */
  Fixture a = lay_out("<figures dpi='150' min-dpi='150'/>", FIGURE_BODY);
  Fixture b = lay_out("<figures dpi='150' min-dpi='200'/>", FIGURE_BODY);
  assert_int_equal(a.diags->warnings, 0);
  assert_int_equal(b.diags->warnings, 1);
  assert_non_null(diag_find(b.diags, "200 dpi or more"));
  fixture_free(&a), fixture_free(&b);
}

#define CONTENTS_BODY META "<front-sheet><contents/></front-sheet><body><section title='Alpha'><p>x</p></section></body>"

static void test_contents_number_column_from_style(void **state) {
  (void)state;
  Fixture a = lay_out("<contents page-number-width='30pt'/>", CONTENTS_BODY);
  Fixture b = lay_out("<contents page-number-width='80pt'/>", CONTENTS_BODY);
  const LayoutBox *ta = find_box(a.doc, BOX_TEXT, "1. Alpha"), *tb = find_box(b.doc, BOX_TEXT, "1. Alpha");
  assert_non_null(ta), assert_non_null(tb);
  /* the entry's text column gives the page number its column */
  assert_float_equal(ta->w - tb->w, 50, 0.001);
  fixture_free(&a), fixture_free(&b);
}

#define SIGNATURE_BODY                                                                                            \
  META_OPEN "<contact name='A. Person'><signature src='sig.png' alt='signature'/></contact></meta>"              \
            "<body><section title='S'><p>x</p></section></body>"

static void test_signature_width_from_style(void **state) {
  (void)state;
  png_write("sig.png", 400, 100);
  Fixture a = lay_out("<contact signature-width='120pt'/>", SIGNATURE_BODY);
  Fixture b = lay_out("<contact signature-width='200pt'/>", SIGNATURE_BODY);
  const LayoutBox *ia = find_box(a.doc, BOX_IMAGE, NULL), *ib = find_box(b.doc, BOX_IMAGE, NULL);
  assert_non_null(ia), assert_non_null(ib);
  assert_float_equal(ia->w, 120, 0.001), assert_float_equal(ia->h, 30, 0.001);
  assert_float_equal(ib->w, 200, 0.001);
  fixture_free(&a), fixture_free(&b);
}

/* The house style's chart padding reaches the chart module: the plot of
 * the same chart starts further in. */
static void test_chart_padding_from_style(void **state) {
  (void)state;
  char *sa = style_with("<chart padding='4pt'/>"), *sb = style_with("<chart padding='20pt'/>");
  char *pa = test_write_file(dir, "a.xml", sa), *pb = test_write_file(dir, "b.xml", sb);
  DiagList *diags = diag_list_new();
  Style *a = style_load(pa, diags), *b = style_load(pb, diags);
  assert_non_null(a), assert_non_null(b);
  ChartStyle ca = style_chart_style(a), cb = style_chart_style(b);
  assert_float_equal(ca.padding, 4, 0), assert_float_equal(cb.padding, 20, 0);
  ChartSpec *spec = chart_spec_new(CHART_LINE);
  const char *cats[] = {"Jan", "Feb", "Mar"};
  chart_spec_set_categories(spec, cats, 3);
  double v[] = {1, 2, 3};
  chart_spec_add_series(spec, "s", v, 3, FALSE);
  PangoContext *ctx = fonts_context_new(fonts);
  ChartPlan *plan_a = chart_plan(spec, &ca, ctx, 300, 200, diags), *plan_b = chart_plan(spec, &cb, ctx, 300, 200, diags);
  assert_non_null(plan_a), assert_non_null(plan_b);
  char *da = chart_plan_dump(plan_a), *db = chart_plan_dump(plan_b);
  assert_string_not_equal(da, db);
  g_free(da), g_free(db);
  chart_plan_free(plan_a), chart_plan_free(plan_b);
  chart_spec_free(spec);
  g_object_unref(ctx);
  style_free(a), style_free(b);
  diag_list_free(diags);
  g_free(sa), g_free(sb), g_free(pa), g_free(pb);
}

/* Texts that aborted Pango 1.50's line breaker in a narrow column (found
 * by fuzzing layout_text_new): each runs through, shaped in lines. */
static void test_texts_that_aborted_pango(void **state) {
  (void)state;
  static const struct {
    const char *runs[4];
    double size, width;
    StyleAlign align;
    gboolean bold;
  } cases[] = {
      {{" \u0301\u2197\u05b8", NULL}, 10.5, 1, STYLE_ALIGN_LEFT, FALSE},
      {{"a\u2029 \u0301\u2197\u05b8", NULL}, 10.5, 5, STYLE_ALIGN_LEFT, FALSE},
      {{"a\u2197\n", "/1\u05b8", "\u2013 \u200d", "%\u65e5\u672c\U0001F600"}, 144, 3.5, STYLE_ALIGN_RIGHT, TRUE},
      {{"\u260e.\u200d", "  \u200d", ")1\u05b8", NULL}, 144, 13.69, STYLE_ALIGN_RIGHT, FALSE},
      {{"x\t%", "\u05b8 \u200d", "W(\u200d", NULL}, 144, 16.12, STYLE_ALIGN_CENTRE, TRUE},
  };
  PangoContext *ctx = fonts_context_new(fonts);
  Style style = {.link_colour = 0x0b4f9c};
  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    StyleText st = {.family = "Liberation Sans", .size = cases[i].size, .line_spacing = 1.15, .align = cases[i].align,
                    .bold = cases[i].bold};
    SpecRun runs[4];
    guint n = 0;
    for (; n < 4 && cases[i].runs[n]; n++) runs[n] = (SpecRun){.kind = RUN_TEXT, .text = cases[i].runs[n], .style = n % 2};
    SpecInline in = {.runs = runs, .n_runs = n};
    for (int hyphenate = 0; hyphenate < 2; hyphenate++) { /* as a paragraph and as a table cell */
      LayoutLink *links = NULL;
      guint n_links = 0;
      GStringChunk *strings = g_string_chunk_new(64);
      PangoLayout *l =
          layout_text_new(ctx, &style, &st, &in, cases[i].width, hyphenate, &links, &n_links, strings, "");
      assert_true(pango_layout_get_line_count(l) >= 1);
      g_object_unref(l);
      g_free(links);
      g_string_chunk_free(strings);
    }
  }
  g_object_unref(ctx);
}

/* The same lines, glyphs and extents in `a` as in `b`. */
static void assert_same_layout(PangoLayout *a, PangoLayout *b, const char *what) {
  int wa, ha, wb, hb;
  pango_layout_get_size(a, &wa, &ha);
  pango_layout_get_size(b, &wb, &hb);
  if (wa != wb || ha != hb || pango_layout_get_line_count(a) != pango_layout_get_line_count(b))
    fail_msg("'%s': %dx%d in %d lines, with its width %dx%d in %d", what, wa, ha, pango_layout_get_line_count(a), wb,
             hb, pango_layout_get_line_count(b));
  PangoLayoutIter *ia = pango_layout_get_iter(a), *ib = pango_layout_get_iter(b);
  do {
    PangoRectangle ra, rb;
    pango_layout_iter_get_line_extents(ia, NULL, &ra);
    pango_layout_iter_get_line_extents(ib, NULL, &rb);
    assert_int_equal(ra.x, rb.x), assert_int_equal(ra.width, rb.width);
    assert_int_equal(pango_layout_iter_get_baseline(ia), pango_layout_iter_get_baseline(ib));
    GSList *ra_runs = pango_layout_iter_get_line_readonly(ia)->runs, *rb_runs = pango_layout_iter_get_line_readonly(ib)->runs;
    for (; ra_runs && rb_runs; ra_runs = ra_runs->next, rb_runs = rb_runs->next) {
      const PangoGlyphString *ga = ((PangoGlyphItem *)ra_runs->data)->glyphs, *gb = ((PangoGlyphItem *)rb_runs->data)->glyphs;
      assert_int_equal(ga->num_glyphs, gb->num_glyphs);
      for (int g = 0; g < ga->num_glyphs; g++) {
        assert_int_equal(ga->glyphs[g].glyph, gb->glyphs[g].glyph);
        assert_int_equal(ga->glyphs[g].geometry.width, gb->glyphs[g].geometry.width);
        assert_int_equal(ga->glyphs[g].geometry.x_offset, gb->glyphs[g].geometry.x_offset);
      }
    }
    assert_true(!ra_runs && !rb_runs);
  } while (pango_layout_iter_next_line(ia) && pango_layout_iter_next_line(ib));
  pango_layout_iter_free(ia), pango_layout_iter_free(ib);
}

/* A left-aligned text that fits on one line is laid out with no width
 * (Pango shapes it once so), and comes out as it would with its width:
 * plain, in bold and linked runs, a run boundary inside a word, a text
 * just narrower than its column. One that does not fit keeps the width. */
static void test_one_line_text_as_with_width(void **state) {
  (void)state;
  static const struct {
    const char *runs[3];
    double width;
  } cases[] = {
      {{"Total number of assessments", NULL}, 200},
      {{"Walsall", "'s plan ", "for 2013/14"}, 180},
      {{"Number only", NULL}, 88.1},
      {{"12 weeks", NULL}, 46},
      {{"New local measure which is being developed with aim of collection from September", NULL}, 131.4},
      {{"Applications", " received in the first quarter", NULL}, 120},
  };
  PangoContext *ctx = fonts_context_new(fonts);
  Style style = {.link_colour = 0x0b4f9c};
  StyleText st = {.family = "Liberation Sans", .size = 9, .line_spacing = 1.15, .align = STYLE_ALIGN_LEFT};
  guint without = 0, with = 0;
  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    SpecRun runs[3];
    guint n = 0;
    for (; n < 3 && cases[i].runs[n]; n++)
      runs[n] = (SpecRun){.kind = RUN_TEXT, .text = cases[i].runs[n], .style = n == 1 ? RUN_STYLE_BOLD : 0,
                          .href = n == 2 ? "https://example.org/" : NULL};
    SpecInline in = {.runs = runs, .n_runs = n};
    for (int hyphenate = 0; hyphenate < 2; hyphenate++) {
      LayoutLink *links = NULL;
      guint n_links = 0;
      GStringChunk *strings = g_string_chunk_new(64);
      PangoLayout *l = layout_text_new(ctx, &style, &st, &in, cases[i].width, hyphenate, &links, &n_links, strings, "");
      PangoLayout *ref = pango_layout_copy(l);
      pango_layout_set_width(ref, (int)(cases[i].width * PANGO_SCALE));
      if (pango_layout_get_width(l) < 0) without++;
      else with++;
      assert_same_layout(l, ref, cases[i].runs[0]);
      g_object_unref(ref), g_object_unref(l);
      g_free(links);
      g_string_chunk_free(strings);
    }
  }
  assert_true(without >= 6 && with >= 2);
  g_object_unref(ctx);
}

/* A text of one run laid out by layout_text_new (a new reference). */
static PangoLayout *laid_out(PangoContext *ctx, const char *text, guint style_bits, const char *lang, double width) {
  static Style style = {.link_colour = 0x0b4f9c};
  StyleText st = {.family = "Liberation Sans", .size = 9, .line_spacing = 1.15, .align = STYLE_ALIGN_LEFT};
  SpecRun run = {.kind = RUN_TEXT, .text = text, .style = style_bits, .lang = lang};
  SpecInline in = {.runs = &run, .n_runs = 1};
  LayoutLink *links = NULL;
  guint n_links = 0;
  GStringChunk *strings = g_string_chunk_new(64);
  PangoLayout *l = layout_text_new(ctx, &style, &st, &in, width, TRUE, &links, &n_links, strings, "");
  g_free(links);
  g_string_chunk_free(strings);
  return l;
}

/* Identical texts are laid out once, also across the contexts of a
 * pack's reports; a text differing in its run's style, its width or its
 * context's language is laid out on its own; a layout taken to be changed
 * is a copy, and the shared one stays as it was; the cache keeps a
 * bounded amount, oldest out first. */
static void test_identical_texts_laid_out_once(void **state) {
  (void)state;
  layout_text_cache_clear();
  PangoContext *ctx = fonts_context_new(fonts), *other = fonts_context_new(fonts), *welsh = fonts_context_new(fonts);
  pango_context_set_language(welsh, pango_language_from_string("cy"));
  const char *text = "New local measure which is being developed with aim of collection from September";
  PangoLayout *a = laid_out(ctx, text, 0, NULL, 131.4), *b = laid_out(ctx, text, 0, NULL, 131.4);
  assert_ptr_equal(a, b);
  PangoLayout *c = laid_out(other, text, 0, NULL, 131.4);
  assert_ptr_equal(a, c);
  PangoLayout *bold = laid_out(ctx, text, RUN_STYLE_BOLD, NULL, 131.4), *wide = laid_out(ctx, text, 0, NULL, 300);
  PangoLayout *cy = laid_out(welsh, text, 0, NULL, 131.4), *span = laid_out(ctx, text, 0, "cy", 131.4);
  assert_ptr_not_equal(a, bold), assert_ptr_not_equal(a, wide), assert_ptr_not_equal(a, cy), assert_ptr_not_equal(a, span);
  assert_true(pango_layout_get_line_count(a) > pango_layout_get_line_count(wide));
  /* a span's language is set under the text after it is made: never shared */
  PangoLayout *span_again = laid_out(ctx, text, 0, "cy", 131.4);
  assert_ptr_not_equal(span, span_again);
  assert_ptr_equal(layout_text_own(span_again), span_again);

  int lines = pango_layout_get_line_count(a), width = pango_layout_get_width(a);
  PangoLayout *mine = layout_text_own(g_object_ref(a));
  assert_ptr_not_equal(mine, a);
  pango_layout_set_width(mine, 40 * PANGO_SCALE);
  assert_true(pango_layout_get_line_count(mine) > lines);
  assert_int_equal(pango_layout_get_width(a), width);
  assert_int_equal(pango_layout_get_line_count(a), lines);
  PangoLayout *d = laid_out(ctx, text, 0, NULL, 131.4);
  assert_ptr_equal(a, d);
  assert_same_layout(d, b, text);

  /* a table cell measured on one line, then set at its column's width:
   * the same text at the same width is set once, and the one-line layout
   * stays one line */
  PangoLayout *line = laid_out(ctx, text, 0, NULL, -1);
  PangoLayout *fit1 = layout_text_at_width(g_object_ref(line), 100 * PANGO_SCALE, PANGO_ALIGN_RIGHT);
  PangoLayout *fit2 = layout_text_at_width(g_object_ref(line), 100 * PANGO_SCALE, PANGO_ALIGN_RIGHT);
  assert_ptr_equal(fit1, fit2);
  assert_ptr_not_equal(fit1, line);
  assert_int_equal(pango_layout_get_width(line), -1);
  assert_int_equal(pango_layout_get_line_count(line), 1);
  PangoLayout *fresh = pango_layout_copy(line);
  pango_layout_set_width(fresh, 100 * PANGO_SCALE);
  pango_layout_set_alignment(fresh, PANGO_ALIGN_RIGHT);
  assert_true(pango_layout_get_line_count(fit1) > 1);
  assert_same_layout(fit1, fresh, text);
  g_object_unref(fresh), g_object_unref(fit1), g_object_unref(fit2), g_object_unref(line);

  /* plain strings too; one to be numbered later is the caller's own */
  StyleText body = {.family = "Liberation Sans", .size = 9, .line_spacing = 1.15, .align = STYLE_ALIGN_LEFT};
  PangoLayout *p1 = layout_text_plain(ctx, &body, "Agenda item 4", -1), *p2 = layout_text_plain(other, &body, "Agenda item 4", -1);
  assert_ptr_equal(p1, p2);
  PangoLayout *n1 = layout_text_own(layout_text_plain(ctx, &body, "", -1));
  PangoLayout *n2 = layout_text_own(layout_text_plain(ctx, &body, "", -1));
  assert_ptr_not_equal(n1, n2);
  pango_layout_set_text(n1, "3", -1);
  assert_string_equal(pango_layout_get_text(n2), "");
  g_object_unref(p1), g_object_unref(p2), g_object_unref(n1), g_object_unref(n2);

  /* a few hundred kilobytes of other texts push the first out */
  for (int i = 0; i < 4000; i++) {
    char *t = g_strdup_printf("Text number %d, long enough to fill the cache of laid-out texts soon", i);
    g_object_unref(laid_out(ctx, t, 0, NULL, -1));
    g_free(t);
  }
  PangoLayout *e = laid_out(ctx, text, 0, NULL, 131.4);
  assert_ptr_not_equal(a, e);
  assert_same_layout(e, a, text);

  g_object_unref(a), g_object_unref(b), g_object_unref(c), g_object_unref(d), g_object_unref(e);
  g_object_unref(bold), g_object_unref(wide), g_object_unref(cy), g_object_unref(span), g_object_unref(span_again);
  g_object_unref(mine);
  layout_text_cache_clear();
  g_object_unref(ctx), g_object_unref(other), g_object_unref(welsh);
}

/* Lengths and colours are checked in C, not by the schema: a bad one is
 * still an error at the element's line and column, naming the value. */
static void test_bad_values_named_at_their_element(void **state) {
  (void)state;
  char *path = test_write_file(dir, "bad-values.xml",
                               "<layout name='t'>\n<page size='A4' margin-top='20 mm'/>\n"
                               "  <table head-fill='none' zebra-fill='red'/>\n"
                               "<chart colours='#112233 #44556'/><text role='h1' size='12pt' colour='#abcdef'/>\n"
                               "</layout>\n");
  DiagList *diags = diag_list_new();
  assert_null(style_load(path, diags));
  assert_int_equal(diags->errors, 3);
  const Diag *d = diag_get(diags, 0);
  assert_int_equal(d->line, 2), assert_int_equal(d->col, 1);
  assert_non_null(strstr(d->message, "margin-top=\"20 mm\""));
  d = diag_get(diags, 1);
  assert_int_equal(d->line, 3), assert_int_equal(d->col, 3);
  assert_non_null(strstr(d->message, "zebra-fill=\"red\""));
  d = diag_get(diags, 2);
  assert_int_equal(d->line, 4), assert_int_equal(d->col, 1);
  assert_non_null(strstr(d->message, "colours=\"#112233 #44556\""));
  diag_list_free(diags);
  g_free(path);
}

/* A bullet is a mark of at most three characters: a word (the layout
 * fuzzer's) set in the list indent broke a letter a line, off the page. */
static void test_bullets_are_marks(void **state) {
  (void)state;
  char *bad = test_write_file(dir, "long-bullet.xml",
                              "<layout name='t'>\n  <lists bullets='\xe2\x80\xa2 supercalifragilisticexpialidocious'/>\n"
                              "</layout>\n");
  char *good = test_write_file(dir, "bullets.xml", "<layout name='g'><lists bullets='\xe2\x96\xaa -- &gt;&gt;&gt;'/></layout>\n");
  DiagList *diags = diag_list_new();
  assert_null(style_load(bad, diags));
  const Diag *d = diag_find(diags, "\"supercalifragilisticexpialidocious\" is 34 characters; a bullet is a mark of 1 to 3");
  assert_non_null(d);
  assert_int_equal(d->line, 2), assert_int_equal(d->col, 3);
  Style *s = style_load(good, diags);
  assert_non_null(s);
  assert_string_equal(s->bullets[2], ">>>");
  style_free(s);
  diag_list_free(diags);
  g_free(bad), g_free(good);
}

/* A style read once is not read again, but a file rewritten is. */
static void test_style_read_again_when_rewritten(void **state) {
  (void)state;
  char *a = style_with("<chart padding='3pt'/>");
  char *path = test_write_file(dir, "again.xml", a);
  DiagList *diags = diag_list_new();
  Style *first = style_load(path, diags), *second = style_load(path, diags);
  assert_non_null(first), assert_non_null(second);
  assert_true(first != second);
  assert_true(second->chart.padding == first->chart.padding);
  g_usleep(20000); /* a later modification time */
  char *b = style_with("<chart padding='7pt'/>");
  g_free(test_write_file(dir, "again.xml", b));
  Style *third = style_load(path, diags);
  assert_non_null(third);
  assert_true(third->chart.padding == 7.0);
  style_free(first), style_free(second), style_free(third);
  diag_list_free(diags);
  g_free(a), g_free(b), g_free(path);
}

/* Whose the footer's centre is: the code's when the style gives none or
 * is an installed house style saying the code's words (a report prints
 * them in its language), a user's when the user's own file writes it,
 * even the same words (printed as written). */
static void test_footer_default_or_users(void **state) {
  (void)state;
  DiagList *diags = diag_list_new();
  char *none = style_with(""), *own = style_with("<footer centre='Page {page} of {pages}'/>");
  char *mine = style_with("<footer centre='Tud. {page}'/>");
  char *p_none = test_write_file(dir, "footer-none.xml", none), *p_own = test_write_file(dir, "footer-own.xml", own);
  char *p_mine = test_write_file(dir, "footer-mine.xml", mine);
  Style *s_none = style_load(p_none, diags), *s_own = style_load(p_own, diags), *s_mine = style_load(p_mine, diags);
  Style *installed = style_load("council-report", diags);
  assert_non_null(s_none), assert_non_null(s_own), assert_non_null(s_mine), assert_non_null(installed);
  assert_true(s_none->footer_centre_default);
  assert_string_equal(s_none->footer_centre, STYLE_FOOTER_CENTRE);
  assert_false(s_own->footer_centre_default);
  assert_false(s_mine->footer_centre_default);
  assert_true(installed->footer_centre_default);
  style_free(s_none), style_free(s_own), style_free(s_mine), style_free(installed);
  g_free(none), g_free(own), g_free(mine), g_free(p_none), g_free(p_own), g_free(p_mine);
  diag_list_free(diags);
}

int main(void) {
  dir = test_scratch_dir("layout-style");
  fonts = fonts_font_map_new("fonts", NULL);
  assert_non_null(fonts);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_figure_dpi_from_style),
      cmocka_unit_test(test_footer_default_or_users),
      cmocka_unit_test(test_figure_min_dpi_from_style),
      cmocka_unit_test(test_contents_number_column_from_style),
      cmocka_unit_test(test_signature_width_from_style),
      cmocka_unit_test(test_chart_padding_from_style),
      cmocka_unit_test(test_texts_that_aborted_pango),
      cmocka_unit_test(test_one_line_text_as_with_width),
      cmocka_unit_test(test_identical_texts_laid_out_once),
      cmocka_unit_test(test_bad_values_named_at_their_element),
      cmocka_unit_test(test_bullets_are_marks),
      cmocka_unit_test(test_style_read_again_when_rewritten),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  g_object_unref(fonts);
  g_free(dir);
  return rc;
}
