/* The fuzz entry points that go all the way to a PDF, shared like
 * fuzz_targets.h's by the libFuzzer harnesses (fuzz_render.c,
 * fuzz_layout.c, fuzz_pack.c) and the replay in `make check`
 * (tests/unit/test_fuzz_regress.c).
 *
 *   fuzz_render  a report spec through parse, measures, bind, layout,
 *                render and the PDF post-pass (the standard catalogue,
 *                data and PNG of fuzz_targets.h; the default house style);
 *   fuzz_layout  a house style applied to one fixed spec that uses every
 *                text role, through layout and render;
 *   fuzz_pack    a PACK.xml over two fixed reports, to the pack's PDF
 *                (written to a scratch file as it is drawn, read back).
 *
 * Whatever the input, each asserts (abort(), which libFuzzer reports as a
 * crash) what the README promises of every document boardpack writes:
 *   - every content box lies on its page (checked here again, NaN
 *     included, not only by layout's own check), and layout never needs
 *     its last-resort "please report it" refusal;
 *   - every word of the spec's text (titles, paragraphs, list items, cells,
 *     captions, notes, footnotes, figures as bound) is in a drawn text box;
 *   - the PDF reads with qpdf's C API without an error or a warning, has
 *     the laid-out page count, and passes the project's PDF/UA-1 checks
 *     (tests/unit/pdfua_check.h);
 * and, for input that is refused, that every error has a message.
 * Leaks are ASan's (libFuzzer checks after every input).
 */
#ifndef BOARDPACK_FUZZ_PIPELINE_H
#define BOARDPACK_FUZZ_PIPELINE_H

#include "fuzz_targets.h"

#include <stdio.h>

#include "../unit/pdfua_check.h"
#include "base/fonts.h"
#include "layout/layout.h"
#include "pack/pack.h"
#include "render/render.h"

/* A spec that puts text in every role a house style sets (the fuzz_layout
 * target's, with layout="style.xml"; the pack's reports without it). */
#define FUZZ_RICH_BODY                                                                                         \
  "<data catalogue='catalogue.xml' values='data.csv' period='2013-06'/>\n"                                    \
  "<front-sheet><summary><p lang='en-GB'>Summary of <b>performance</b> at <value ref='P1'/>.</p></summary>\n"  \
  "<recommendations><li>Note the figures in the tables.</li></recommendations><contents depth='2'/>"            \
  "</front-sheet>\n"                                                                                           \
  "<body><section title='Performance in the quarter'>\n"                                                      \
  "<p>The first paragraph has <i>italic</i> words, a <a href='https://example.org/a'>link</a> and a "          \
  "footnote<footnote>The footnote text.</footnote>; committees considered it.<br/>After a break.</p>\n"       \
  "<p style='lead'>A lead paragraph.</p><p style='note' numbered='no'>A note paragraph.</p>\n"                 \
  "<heading>A free heading</heading>\n"                                                                        \
  "<ul><li>first item<ul><li>nested item</li></ul></li><li>second item</li></ul>\n"                            \
  "<ol marker='a)'><li>ordered one</li><li>ordered two</li></ol>\n"                                            \
  "<figure src='figure.png' alt='a dot' width='20mm'><caption>Figure caption</caption></figure>\n"             \
  "<table zebra='yes'><caption>Table caption</caption><col width='30%'/><col/><col width='2*'/>"               \
  "<tr head='yes'><th>Heading a</th><th>Heading b</th><th>Heading c</th></tr><group>Group row</group>"         \
  "<tr><td>cell one</td><td align='right'>2.5</td><td>cell three</td></tr>"                                    \
  "<tr><td colspan='2'>spanning cell</td><td align='decimal'>12.25</td></tr><note>Table note</note></table>\n" \
  "<scorecard title='Scorecard'><column period='2013-05' label='May'/><column period='2013-06'/>"              \
  "<measure ref='P1'/><measure ref='C1'/></scorecard>\n"                                                      \
  "<chart type='column'><caption>Chart caption</caption><periods>2013-04 2013-05 2013-06</periods>"            \
  "<series ref='C1'/></chart><legend/>\n"                                                                     \
  "<section title='Second level'><p>Deeper text.</p><section title='Third level'><p>Deepest text.</p>"         \
  "</section></section>\n"                                                                                     \
  "</section></body>\n"                                                                                        \
  "<annex title='Annex words'><p>Annex paragraph.</p></annex>\n"

#define FUZZ_RICH_META(title)                                                                                  \
  "<meta><committee>Fuzz Panel</committee><date>2013-09-10</date><title>" title "</title>"                     \
  "<author name='A Writer' role='Officer'/></meta>\n"

static const char fuzz_styled_spec_xml[] =
    "<report lang='en-GB' layout='style.xml'>\n" FUZZ_RICH_META("Styled report") FUZZ_RICH_BODY "</report>\n";
static const char fuzz_pack_report_a_xml[] =
    "<report lang='en-GB'>\n" FUZZ_RICH_META("First report") FUZZ_RICH_BODY "</report>\n";
static const char fuzz_pack_report_b_xml[] =
    "<report lang='cy'>\n" FUZZ_RICH_META("Ail adroddiad")
    "<body><section title='Adran'><p>Testun byr.</p></section></body></report>\n";

/* Documents bigger than this are refused at the element that adds the
 * page (the limit's own path): it keeps one input under a second. */
#define FUZZ_MAX_PAGES 40u

static void fuzz_write_fixed(const char *name, const char *text) {
  char *p = g_build_filename(fuzz_scratch(), name, NULL);
  if (!g_file_test(p, G_FILE_TEST_EXISTS) && !g_file_set_contents(p, text, -1, NULL)) abort();
  g_free(p);
}

/* One font map for the process, as a batch has. */
static PangoFontMap *fuzz_fonts(void) {
  static PangoFontMap *fonts;
  if (fonts) return fonts;
  GError *err = NULL;
  if (!(fonts = fonts_font_map_new(NULL, &err))) {
    fprintf(stderr, "fuzz: no fonts: %s\n", err->message);
    abort();
  }
  layout_set_max_pages(FUZZ_MAX_PAGES);
  return fonts;
}

static G_NORETURN void fuzz_fail(const char *what, const char *detail) {
  fprintf(stderr, "fuzz property failed: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
  abort();
}

/* Messages are all well-formed, and none is layout's last-resort refusal. */
static void fuzz_check_diags(const DiagList *diags) {
  static int verbose = -1; /* BOARDPACK_FUZZ_VERBOSE=1: print them, to see how far an input got */
  if (verbose < 0) verbose = getenv("BOARDPACK_FUZZ_VERBOSE") != NULL;
  for (guint i = 0; i < diag_count(diags); i++) {
    const Diag *d = diag_get(diags, i);
    if (!d->message || !*d->message) fuzz_fail("a message without text", NULL);
    char *text = diag_format(d);
    if (verbose) fprintf(stderr, "%s\n", text);
    /* the refusal itself, not an input that quotes its words back in a message */
    if (g_str_has_prefix(d->message, "page ") && g_str_has_suffix(d->message, "please report it)"))
      fuzz_fail("layout refused a box off its page", text);
    g_free(text);
  }
}

/* ---- every box on its page ------------------------------------------------ */

#define FUZZ_EDGE 0.5

static void fuzz_check_on_pages(const LayoutDoc *doc) {
  for (guint p = 0; p < doc->pages->len; p++) {
    const LayoutPage *page = g_ptr_array_index(doc->pages, p);
    if (!(page->width > 0 && page->height > 0)) fuzz_fail("a page without size", NULL);
    for (guint i = 0; i < page->boxes->len; i++) {
      const LayoutBox *b = g_ptr_array_index(page->boxes, i);
      if (b->kind != BOX_TEXT && b->kind != BOX_IMAGE && b->kind != BOX_RULE && b->kind != BOX_CHART) continue;
      double left = b->x, right = b->x + b->w;
      if (b->kind == BOX_TEXT && b->layout) {
        PangoRectangle logical;
        pango_layout_get_extents(b->layout, NULL, &logical);
        left = b->x + (double)logical.x / PANGO_SCALE;
        right = left + (double)logical.width / PANGO_SCALE;
      }
      /* written so that NaN fails every comparison */
      gboolean on = left >= -FUZZ_EDGE && right <= page->width + FUZZ_EDGE && right >= left &&
                    b->y >= -FUZZ_EDGE && b->h >= 0 && b->y + b->h <= page->height + FUZZ_EDGE;
      if (!on) {
        char *text = layout_box_text(b);
        char *where = g_strdup_printf("page %u box %u (%.2f, %.2f) %.2f x %.2f \"%.40s\"", p + 1, i, b->x, b->y,
                                      b->w, b->h, text);
        fuzz_fail("a box off its page", where);
      }
    }
  }
}

/* ---- every word drawn ----------------------------------------------------- */

/* Text without white space or soft hyphens (line breaking adds and drops
 * both), appended to `out`; with `words`, each word also goes in it. */
static void fuzz_squash(const char *text, GString *out, GPtrArray *words) {
  GString *word = g_string_new(NULL);
  for (const char *p = text; p && *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (g_unichar_isspace(c) || c == 0x2028 || c == 0x2029 || c == 0x00A0) {
      if (word->len && words) g_ptr_array_add(words, g_strdup(word->str));
      g_string_truncate(word, 0);
    } else if (c != 0x00AD) {
      g_string_append_unichar(out, c);
      g_string_append_unichar(word, c);
    }
  }
  if (word->len && words) g_ptr_array_add(words, g_strdup(word->str));
  g_string_free(word, TRUE);
}

typedef struct {
  Spec *spec;
  GPtrArray *words; /* of char*: every word of the spec's text */
} FuzzWords;

static void fuzz_words_of(FuzzWords *w, const char *text) {
  GString *junk = g_string_new(NULL);
  fuzz_squash(text, junk, w->words);
  g_string_free(junk, TRUE);
}

static SpecWalkStep fuzz_collect_words(SpecBlock *b, gpointer data) {
  FuzzWords *w = data;
  if (b->kind == BLOCK_CONTENTS) return SPEC_WALK_SKIP; /* filled in by layout */
  if ((b->kind == BLOCK_SECTION || b->kind == BLOCK_SLIDE) && b->title) fuzz_words_of(w, b->title);
  for (guint i = 0; i < b->text.n_runs; i++) {
    const SpecRun *r = &b->text.runs[i];
    if (r->text) fuzz_words_of(w, r->text);
    if (r->kind == RUN_FOOTNOTE && r->note) fuzz_words_of(w, r->note);
  }
  return SPEC_WALK_CHILDREN;
}

/* Every word of the bound spec's text is in some drawn text box of
 * content (page furniture and what a table repeats at a page's head aside). */
static void fuzz_check_words(Spec *spec, const LayoutDoc *doc) {
  GString *drawn = g_string_new(NULL);
  GHashTable *tokens = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *drawn_words = g_ptr_array_new();
  for (guint p = 0; p < doc->pages->len; p++) {
    const LayoutPage *page = g_ptr_array_index(doc->pages, p);
    for (guint i = 0; i < page->boxes->len; i++) {
      const LayoutBox *b = g_ptr_array_index(page->boxes, i);
      /* content only: not furniture, nor what is drawn again at a page's head
       * (tag NONE: a repeated header row's text, "Caption (continued)") */
      if (b->kind != BOX_TEXT || b->furniture || b->repeated || b->tag == LAYOUT_TAG_NONE) continue;
      char *text = layout_box_text(b);
      fuzz_squash(text, drawn, drawn_words);
      g_free(text);
    }
  }
  for (guint i = 0; i < drawn_words->len; i++) g_hash_table_add(tokens, g_ptr_array_index(drawn_words, i));
  FuzzWords w = {spec, g_ptr_array_new_with_free_func(g_free)};
  spec_walk(spec, fuzz_collect_words, &w);
  for (guint i = 0; i < w.words->len; i++) {
    const char *word = g_ptr_array_index(w.words, i);
    if (g_hash_table_contains(tokens, word) || strstr(drawn->str, word)) continue;
    if (getenv("BOARDPACK_FUZZ_VERBOSE")) fprintf(stderr, "drawn (no spaces): %s\n", drawn->str);
    fuzz_fail("a word of the spec is not drawn", word);
  }
  g_ptr_array_free(w.words, TRUE);
  g_ptr_array_free(drawn_words, TRUE);
  g_hash_table_destroy(tokens);
  g_string_free(drawn, TRUE);
}

/* ---- the PDF -------------------------------------------------------------- */

/* qpdf reads the bytes without an error or a warning, finds `pages` pages
 * (0: any), and the PDF/UA-1 checks find nothing. */
static guint fuzz_pdfs_made; /* PDFs checked: the replay asserts its seeds made some */

static void fuzz_check_pdf(GBytes *pdf, guint pages) {
  fuzz_pdfs_made++;
  gsize len = 0;
  const char *buf = g_bytes_get_data(pdf, &len);
  qpdf_data q = qpdf_init();
  qpdf_silence_errors(q);
  QPDF_ERROR_CODE status = qpdf_read_memory(q, "fuzz.pdf", buf, (unsigned long long)len, NULL);
  if (status == QPDF_SUCCESS && pages && qpdf_get_num_pages(q) != (int)pages) fuzz_fail("the PDF's page count", NULL);
  char *problems = pdfua_problems_read(q, status, "fuzz.pdf"); /* cleans q up */
  if (*problems) fuzz_fail("the PDF", problems);
  g_free(problems);
}

/* A built report all the way to PDF bytes, every property checked. */
static void fuzz_report_to_pdf(Report *r) {
  fuzz_check_on_pages(r->layout);
  fuzz_check_words(r->spec, r->layout);
  GError *err = NULL;
  GBytes *pdf = render_pdf(r->layout, &err);
  if (!pdf) fuzz_fail("render_pdf", err ? err->message : NULL);
  fuzz_check_pdf(pdf, layout_doc_page_count(r->layout));
  g_bytes_unref(pdf);
}

static void fuzz_build_and_render(const char *path) {
  DiagList *diags = diag_list_new();
  Report *r = report_build(path, fuzz_fonts(), FALSE, diags);
  fuzz_check_diags(diags);
  if (r && !diag_has_errors(diags)) fuzz_report_to_pdf(r);
  report_free(r);
  diag_list_free(diags);
}

/* A report spec to PDF bytes. */
static inline int fuzz_render(const uint8_t *data, size_t size) {
  char *path = fuzz_write_input("input.xml", data, size);
  fuzz_build_and_render(path);
  g_free(path);
  return 0;
}

/* A house style (style.xml) applied to the fixed rich spec. */
static inline int fuzz_layout(const uint8_t *data, size_t size) {
  fuzz_write_fixed("styled.xml", fuzz_styled_spec_xml);
  char *style = fuzz_write_input("style.xml", data, size);
  char *spec = g_build_filename(fuzz_scratch(), "styled.xml", NULL);
  fuzz_build_and_render(spec);
  g_free(spec);
  g_free(style);
  return 0;
}

/* A PACK.xml over report-a.xml and report-b.xml. */
static inline int fuzz_pack(const uint8_t *data, size_t size) {
  fuzz_write_fixed("report-a.xml", fuzz_pack_report_a_xml);
  fuzz_write_fixed("report-b.xml", fuzz_pack_report_b_xml);
  char *path = fuzz_write_input("PACK.xml", data, size);
  char *out = g_build_filename(fuzz_scratch(), "pack.pdf", NULL);
  DiagList *diags = diag_list_new();
  Pack *pack = pack_load(path, diags);
  GError *err = NULL;
  guint pages = 0;
  gsize written_size = 0;
  ReportTimings t;
  RenderTimings rt;
  gboolean written = pack && pack_write(pack, fuzz_fonts(), NULL, out, &t, &rt, &pages, &written_size, diags, &err);
  fuzz_check_diags(diags);
  if (written) { /* the pack is written to a file as it is drawn: read it back */
    char *buf = NULL;
    gsize len = 0;
    if (!g_file_get_contents(out, &buf, &len, NULL) || len != written_size) fuzz_fail("the pack's PDF file", out);
    GBytes *pdf = g_bytes_new_take(buf, len);
    fuzz_check_pdf(pdf, pages);
    g_bytes_unref(pdf);
    g_unlink(out);
  }
  if (err) g_error_free(err);
  pack_free(pack);
  diag_list_free(diags);
  g_free(out);
  g_free(path);
  return 0;
}

#endif
