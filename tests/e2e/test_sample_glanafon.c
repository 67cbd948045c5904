/* The second sample (samples/glanafon-2024-q2/), a different authority and
 * service: quarterly financial-year periods, rates per 1,000 households and
 * per 100,000 residents, year-to-date and rolling measures, Wales
 * comparators, data-quality flags, small-number suppression and a
 * bilingual front sheet. Rendered by the real binary with no message at
 * all, and read back. */
#include "e2eutil.h"

#include <qpdf/qpdf-c.h>

#include "pdfua_check.h"

#define SPEC "samples/glanafon-2024-q2/report.xml"

static RenderedSample sample;

static int render(void **state) {
  (void)state;
  return rendered_sample_make(SPEC, "e2e-glanafon", "glanafon.pdf", &sample);
}

static int teardown(void **state) {
  (void)state;
  rendered_sample_clear(&sample);
  return 0;
}

static void has(const char *want) { rendered_sample_has(&sample, want); }

static void test_units_from_the_catalogue(void **state) {
  (void)state;
  has("Households in temporary accommodation stood at 4.0 per 1,000 households at the end of the quarter");
  has("Roedd aelwydydd mewn llety dros dro yn 4.0 fesul 1,000 aelwyd ar ddiwedd y chwarter");
  has("reached 448.0 per 100,000 residents aged 65+");
  has("In temporary accommodation, per 1,000 households (SB) 4.1 4.2 4.0 n/a");
  assert_null(strstr(sample.text, "10,000"));
}

static void test_bilingual_front_sheet_welsh_first(void **state) {
  (void)state;
  const char *cy = strstr(sample.text, "Crynodeb Gweithredol"), *en = strstr(sample.text, "Executive summary");
  assert_non_null(cy);
  assert_non_null(en);
  assert_true(cy < en);
  has("Bod y Pwyllgor yn nodi'r perfformiad ar gyfer Chwarter 2 2024/25.");
  has("That the Committee notes performance for Quarter 2 2024/25.");
  has("yn is (yn well) na'r chwarter blaenorol (Chwarter 1 2024/25)");
}

static void test_arrows_say_what_they_compare(void **state) {
  (void)state;
  has("DoT compares the Q2 2024/25 figures with the previous quarter (Q1 2024/25); for GA-ADM, with the same quarter "
      "last year (Q2 2023/24).");
  has("higher (worse) than the same quarter last year (Quarter 2 2023/24)");
  has("Direction of travel from previous period or the same period last year");
}

static void test_flags_and_suppression(void **state) {
  (void)state;
  has("28.1 [r] days");
  has("83.3% [p] were still at home");
  has("[p] Provisional: may change when final figures are published");
  has("[c] A small number, not shown to protect confidentiality");
  has("Q2 2022/23 [c]");
}

/* A folder `name` in the scratch folder holding a copy of the sample. */
static char *sample_copy(const char *name) {
  char *sub = g_build_filename(sample.dir, name, NULL);
  g_mkdir_with_parents(sub, 0755);
  const char *files[] = {"report.xml", "catalogue.xml", "data.csv"};
  for (guint i = 0; i < G_N_ELEMENTS(files); i++) {
    char *from = g_build_filename("samples/glanafon-2024-q2", files[i], NULL), *body = NULL;
    assert_true(g_file_get_contents(from, &body, NULL, NULL));
    g_free(test_write_file(sub, files[i], body));
    g_free(body), g_free(from);
  }
  return sub;
}

/* A Welsh <changes> table against an earlier catalogue: the standard a
 * rate gained reads with the rate's Welsh unit, as its figures do. */
static void test_welsh_target_moved_has_welsh_unit(void **state) {
  (void)state;
  char *sub = sample_copy("target");
  char *path = g_build_filename(sub, "catalogue.xml", NULL), *cat = NULL;
  assert_true(g_file_get_contents(path, &cat, NULL, NULL));
  g_free(test_write_file(sub, "catalogue-before.xml", cat));
  const char *after = "<denominator>Households in the county (GH-HH), mid-year estimate</denominator>";
  char **parts = g_strsplit(cat, after, 2);
  assert_non_null(parts[1]);
  char *with = g_strconcat(after, "<standard max=\"5\">No more than 5.</standard>", NULL);
  char *moved = g_strjoinv(with, parts);
  g_free(test_write_file(sub, "catalogue.xml", moved));
  char *spec = test_write_file(
      sub, "changes.xml",
      "<?xml version=\"1.0\"?>\n<report lang=\"en-GB\"><meta><committee>Panel</committee><date>2024-10-15</date>"
      "<title>Changes</title></meta><data catalogue=\"catalogue.xml\" values=\"data.csv\" period=\"2024/25-Q2\"/>"
      "<body><section title=\"Cymraeg\" lang=\"cy\"><changes against=\"data.csv\" catalogue=\"catalogue-before.xml\"/>"
      "</section><section title=\"English\"><changes against=\"data.csv\" catalogue=\"catalogue-before.xml\"/>"
      "</section></body></report>\n");
  char *out = g_build_filename(sub, "changes.pdf", NULL);
  RunResult r = RUN(boardpack_bin(), "render", spec, "-o", out);
  if (r.status) fprintf(stderr, "%s", r.err);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  r = RUN("pdftotext", "-raw", "-enc", "UTF-8", out, "-");
  char *text = squash_space(r.out);
  run_result_clear(&r);
  assert_non_null(strstr(text, "Targed wedi symud GH-TA Aelwydydd mewn llety dros dro, fesul 1,000 aelwyd dim "
                               "\xe2\x89\xa4 5 fesul 1,000 aelwyd"));
  assert_non_null(strstr(text, "Target moved GH-TA Households in temporary accommodation, per 1,000 households none "
                               "\xe2\x89\xa4 5 per 1,000 households"));
  g_free(text), g_free(out), g_free(spec), g_free(moved), g_free(with), g_strfreev(parts), g_free(cat), g_free(path);
  g_free(sub);
}

/* ---- a report in Welsh reads as Welsh ------------------------------------ */

/* A whole report in Welsh (lang="cy" on <report>), on glanafon's catalogue
 * and data: its front sheet, headings, footer, tables and measure titles. */
static const char *welsh_report =
    "<?xml version=\"1.0\"?>\n<report lang=\"cy\"><meta><committee>Pwyllgor Craffu</committee>"
    "<date>2024-11-12</date><agenda-item>5</agenda-item><title>Perfformiad tai, {period}</title><wards>Pob un</wards>"
    "<portfolio>Cyng E Morgan</portfolio><author name=\"Si\xc3\xa2n Price\" phone=\"01234 567100\"/>"
    "<contact name=\"Dafydd Ellis\" phone=\"01234 567123\" email=\"dafydd.ellis@glanafon.example\"/></meta>"
    "<data catalogue=\"catalogue.xml\" values=\"data.csv\" period=\"2024/25-Q2\"/>"
    "<front-sheet><contents/><summary><p>Crynodeb o berfformiad tai. Gweler y diffiniadau.</p></summary></front-sheet>"
    "<body><section title=\"Tai\"><p>Roedd aelwydydd mewn llety dros dro yn <value ref=\"GH-TA\"/>.</p>"
    "<scorecard title=\"Mesur\"><column period=\"P-1\"/><column period=\"P\"/><measure ref=\"GH-TA\"/>"
    "<measure ref=\"GH-RELET\"/><measure ref=\"GA-REAB\"/></scorecard>"
    "<chart type=\"line\" height=\"50mm\"><caption>Llety dros dro</caption><periods>P-4 P-3 P-2 P-1 P</periods>"
    "<series ref=\"GH-TA\"/></chart>"
    "<chart type=\"column\" height=\"40mm\"><caption/><periods>P-1 P</periods><series ref=\"GA-REAB\"/></chart>"
    "<changes/></section></body>"
    "<annex title=\"Diffiniadau\"><definitions/></annex></report>\n";

/* English words that must not be in a Welsh report's PDF or page (the
 * catalogue's definitions are the author's, in English here: a measure's
 * title is only English with the unit after it). */
static void assert_no_english_labels(const char *text) {
  static const char *const english[] = {"Contact officer", "Author", "November", "Report", "Annex", "Contents",
                                        "Page 1", "Ward(s)", "Portfolios", "Agenda item", "continued",
                                        "Households in temporary accommodation,", "Average days to re-let"};
  for (guint i = 0; i < G_N_ELEMENTS(english); i++)
    if (strstr(text, english[i])) fail_msg("English \"%s\" in a Welsh report", english[i]);
}

/* Before, its front sheet said "Contact officer", "12 November 2024",
 * "Ward(s):" and "Portfolios:", the body "Report" and "Author", the annex
 * "Annex 1", the footer "Page 1 of 4", and the scorecard and changes
 * table the measures' English titles. */
static void test_welsh_report_reads_welsh(void **state) {
  (void)state;
  char *sub = sample_copy("cyreport");
  char *spec = test_write_file(sub, "cy.xml", welsh_report);
  char *out = g_build_filename(sub, "cy.pdf", NULL);
  RunResult r = RUN(boardpack_bin(), "render", spec, "-o", out);
  if (r.status) fprintf(stderr, "%s", r.err);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  r = RUN("pdftotext", "-raw", "-enc", "UTF-8", out, "-");
  char *text = squash_space(r.out);
  run_result_clear(&r);
  assert_no_english_labels(text);
  const char *welsh[] = {"Eitem agenda 5 Pwyllgor Craffu 12 Tachwedd 2024", "Ward(iau): Pob un",
                         "Portffolio: Cyng E Morgan", "Cynnwys", "Swyddog cyswllt Dafydd Ellis", "Adroddiad",
                         "Awdur Si\xc3\xa2n Price", "Atodiad 1: Diffiniadau", "Tudalen 1 o ",
                         "Pwyllgor Craffu Eitem agenda 5 12 Tachwedd 2024", /* the running header */
                         "Aelwydydd mewn llety dros dro, fesul 1,000 aelwyd (SB)", /* the scorecard's label */
                         "GH-RELET Nifer cyfartalog y diwrnodau i ailosod cartref gwag y cyngor"};
  for (guint i = 0; i < G_N_ELEMENTS(welsh); i++)
    if (!strstr(text, welsh[i])) fail_msg("no \"%s\" in:\n%s", welsh[i], text);
  g_free(text);
  /* the web page: the same words */
  char *html_out = g_build_filename(sub, "cy.html", NULL), *html = NULL;
  r = RUN(boardpack_bin(), "render", spec, "--format", "html", "-o", html_out);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  assert_true(g_file_get_contents(html_out, &html, NULL, NULL));
  assert_no_english_labels(html);
  /* "Chart" names the chart with no caption in English */
  const char *english_web[] = {"Telephone", "Email", "Skip to main content", ">Chart<"};
  for (guint i = 0; i < G_N_ELEMENTS(english_web); i++)
    if (strstr(html, english_web[i])) fail_msg("English \"%s\" on a Welsh page", english_web[i]);
  const char *welsh_web[] = {"<strong>Ward(iau):</strong> Pob un", "Swyddog cyswllt</h2>", "Awdur</h2>",
                             "<p class=\"meeting\">12 Tachwedd 2024</p>", "<p>Ff\xc3\xb4n: 01234 567123</p>",
                             "E-bost: <a", "Eitem agenda 5", "Atodiad 1: Diffiniadau", ">Siart</title>"};
  for (guint i = 0; i < G_N_ELEMENTS(welsh_web); i++)
    if (!strstr(html, welsh_web[i])) fail_msg("no \"%s\" on the Welsh page", welsh_web[i]);
  g_free(html), g_free(html_out), g_free(out), g_free(spec), g_free(sub);
}

/* A house style the user wrote keeps its footer as written in a Welsh
 * report, even the words of the code's default. */
static void test_users_footer_stays_as_written(void **state) {
  (void)state;
  char *sub = sample_copy("cyfooter"), *style = NULL;
  assert_true(g_file_get_contents("layouts/council-report.xml", &style, NULL, NULL));
  g_free(test_write_file(sub, "house.xml", style));
  char **parts = g_strsplit(welsh_report, "<report lang=\"cy\">", 2);
  char *with = g_strjoin("<report lang=\"cy\" layout=\"house.xml\">", parts[0], parts[1], NULL);
  char *spec = test_write_file(sub, "cy.xml", with), *out = g_build_filename(sub, "cy.pdf", NULL);
  RunResult r = RUN(boardpack_bin(), "render", spec, "-o", out);
  if (r.status) fprintf(stderr, "%s", r.err);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  r = RUN("pdftotext", "-raw", "-enc", "UTF-8", out, "-");
  assert_non_null(strstr(r.out, "Page 1 of "));
  assert_null(strstr(r.out, "Tudalen"));
  assert_non_null(strstr(r.out, "Swyddog cyswllt")); /* the rest Welsh still */
  run_result_clear(&r);
  g_free(out), g_free(spec), g_free(with), g_strfreev(parts), g_free(style), g_free(sub);
}

/* ---- languages in the PDF's structure ----------------------------------- */

/* Every structure element in document order as "Type" or "Type(lang)". */
static void struct_langs(qpdf_data q, qpdf_oh kids, GString *out, int depth) {
  if (depth > 200) return;
  if (qpdf_oh_is_array(q, kids)) {
    for (int i = 0; i < qpdf_oh_get_array_n_items(q, kids); i++)
      struct_langs(q, qpdf_oh_get_array_item(q, kids, i), out, depth);
    return;
  }
  if (!qpdf_oh_is_dictionary(q, kids) || !qpdf_oh_has_key(q, kids, "/S")) return;
  g_string_append_printf(out, " %s", qpdf_oh_get_name(q, qpdf_oh_get_key(q, kids, "/S")) + 1);
  if (qpdf_oh_has_key(q, kids, "/Lang"))
    g_string_append_printf(out, "(%s)", qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, kids, "/Lang")));
  struct_langs(q, qpdf_oh_get_key(q, kids, "/K"), out, depth + 1);
}

/* The catalog's /Lang, then the elements. */
static char *pdf_langs(const char *path) {
  qpdf_data q = qpdf_init();
  qpdf_silence_errors(q);
  assert_int_equal(qpdf_read(q, path, NULL) & QPDF_ERRORS, 0);
  qpdf_oh root = qpdf_get_root(q);
  GString *out = g_string_new(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, root, "/Lang")));
  g_string_append_c(out, ':');
  struct_langs(q, qpdf_oh_get_key(q, qpdf_oh_get_key(q, root, "/StructTreeRoot"), "/K"), out, 0);
  qpdf_cleanup(&q);
  return g_string_free(out, FALSE);
}

static guint count_of(const char *hay, const char *needle) {
  guint n = 0;
  for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) n++;
  return n;
}

/* `boardpack COMMAND INPUT -o OUT`, which must succeed, and OUT's languages. */
static char *made_langs(const char *command, const char *input, const char *out) {
  RunResult r = RUN(boardpack_bin(), command, input, "-o", out);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  return pdf_langs(out);
}

/* The Welsh section's chart is described in Welsh, with Welsh period
 * labels and units, and its <changes> table's words are Welsh; the
 * English charts stay English. */
static void test_welsh_chart_and_changes(void **state) {
  (void)state;
  RunResult r = RUN(boardpack_bin(), "check", SPEC, "--describe");
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "Siart llinell yn dangos Aelwydydd mewn llety dros dro, fesul 1,000 aelwyd, Ch2 2023/24 "
                                "\xe2\x80\x93 Ch2 2024/25: gostyngodd o 4.1 fesul 1,000 aelwyd (Ch2 2023/24) i 4.0 fesul "
                                "1,000 aelwyd (Ch2 2024/25, yr isaf); uchaf 4.4 fesul 1,000 aelwyd (Ch3 2023/24)."));
  assert_non_null(strstr(r.out, "Line chart of Households in temporary accommodation, per 1,000 households, Q1 2022/23 to "
                                "Q2 2024/25:"));
  run_result_clear(&r);
  has("Beth sydd wedi newid ers y chwarter blaenorol Mesur Cynt Nawr Sg\xc3\xb4r wedi newid");
  has("Cyfeiriad wedi newid");
  has("4.2 fesul 1,000 aelwyd (wedi aros yr un fath), Chwarter 1 2024/25");
  has("Ch2 2023/24 Ch3 2023/24"); /* the chart's period labels */
  /* the second Welsh chart's minimum standard, on its line and in its legend */
  has("isafswm 60%");
  has("Glanafon Safon ofynnol (isafswm 60%)");
  assert_null(strstr(sample.text, "Minimum standard"));
}

static void test_welsh_blocks_carry_their_language(void **state) {
  (void)state;
  char *langs = pdf_langs(sample.pdf);
  assert_true(g_str_has_prefix(langs, "en-GB: Document "));
  /* the Welsh summary's two paragraphs, and the recommendations' and
   * background papers' items with the paragraphs inside them */
  assert_non_null(strstr(langs, " Sect(cy) H2(cy) Span P(cy) Span P(cy) Span Sect H2 Span P Span P Span "));
  assert_non_null(strstr(langs, " Sect(cy) H2(cy) Span L(cy) LI(cy) Lbl(cy) Span LBody(cy) P(cy) Span LI(cy) Lbl(cy) "
                                "Span LBody(cy) P(cy) Span Sect H2 Span L LI "));
  assert_int_equal(count_of(langs, "P(cy)"), 7); /* and the Welsh section's two */
  assert_int_equal(count_of(langs, "("), count_of(langs, "(cy)")); /* no other language, and English left plain */
  g_free(langs);
}

/* <span lang> inside an English paragraph: a Span of its own with /Lang. */
static void test_span_carries_its_language(void **state) {
  (void)state;
  char *spec = test_write_file(sample.dir, "span.xml",
                               "<?xml version=\"1.0\"?>\n<report lang=\"en-GB\"><meta><committee>Panel</committee>"
                               "<date>2024-10-15</date><title>Span</title></meta><body><section title=\"S\">"
                               "<p>The Welsh for committee is <span lang=\"cy\">pwyllgor</span>, as it says.</p>"
                               "</section></body></report>\n");
  char *out = g_build_filename(sample.dir, "span.pdf", NULL);
  char *langs = made_langs("render", spec, out);
  assert_true(g_str_has_suffix(langs, " P Span Span Span(cy) Span")); /* number, text, the Welsh word, the rest */
  assert_int_equal(count_of(langs, "("), 1);
  g_free(langs), g_free(out), g_free(spec);
}

/* <span lang> in a table's cell and group row: their Spans too (a cell
 * was drawn as one Span without /Lang before). */
static void test_span_in_a_table_cell_carries_its_language(void **state) {
  (void)state;
  char *spec = test_write_file(sample.dir, "cellspan.xml",
                               "<?xml version=\"1.0\"?>\n<report lang=\"en-GB\"><meta><committee>Panel</committee>"
                               "<date>2024-10-15</date><title>Span</title></meta><body><section title=\"S\"><table>"
                               "<tr head=\"yes\"><th>English</th><th>Welsh</th></tr><group>Words "
                               "<span lang=\"cy\">geiriau</span></group><tr><td>committee</td><td><span lang=\"cy\">"
                               "pwyllgor</span></td></tr></table></section></body></report>\n");
  char *out = g_build_filename(sample.dir, "cellspan.pdf", NULL);
  char *langs = made_langs("render", spec, out);
  assert_non_null(strstr(langs, " TR TH Span Span(cy) TR TD Span TD Span(cy)"));
  assert_int_equal(count_of(langs, "("), 2);
  g_free(langs), g_free(out), g_free(spec);
}

/* ---- what symbols say, in their block's language ------------------------- */

/* Every /ActualText in the structure tree, one a line, as "LANG:TEXT"
 * with the language the element has or inherits from its parents. */
static void struct_actual_texts(qpdf_data q, qpdf_oh kids, const char *lang, GString *out, int depth) {
  if (depth > 200) return;
  if (qpdf_oh_is_array(q, kids)) {
    for (int i = 0; i < qpdf_oh_get_array_n_items(q, kids); i++)
      struct_actual_texts(q, qpdf_oh_get_array_item(q, kids, i), lang, out, depth);
    return;
  }
  if (!qpdf_oh_is_dictionary(q, kids) || !qpdf_oh_has_key(q, kids, "/S")) return;
  char *own = qpdf_oh_has_key(q, kids, "/Lang") ? g_strdup(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, kids, "/Lang")))
                                                : g_strdup(lang);
  if (qpdf_oh_has_key(q, kids, "/ActualText"))
    g_string_append_printf(out, "%s:%s\n", own, qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, kids, "/ActualText")));
  struct_actual_texts(q, qpdf_oh_get_key(q, kids, "/K"), own, out, depth + 1);
  g_free(own);
}

static char *pdf_actual_texts(const char *path) {
  qpdf_data q = qpdf_init();
  qpdf_silence_errors(q);
  assert_int_equal(qpdf_read(q, path, NULL) & QPDF_ERRORS, 0);
  qpdf_oh root = qpdf_get_root(q);
  char *lang = g_strdup(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, root, "/Lang")));
  GString *out = g_string_new(NULL);
  struct_actual_texts(q, qpdf_oh_get_key(q, qpdf_oh_get_key(q, root, "/StructTreeRoot"), "/K"), lang, out, 0);
  g_free(lang);
  qpdf_cleanup(&q);
  return g_string_free(out, FALSE);
}

/* No Welsh element's ActualText has an English symbol's words in it. */
static void assert_no_english_in_welsh(const char *texts) {
  const char *english[] = {"achieved", "did not meet", "improved", "maintained", "deteriorated", "on target"};
  char **lines = g_strsplit(texts, "\n", -1);
  for (int i = 0; lines[i]; i++)
    for (guint k = 0; k < G_N_ELEMENTS(english) && g_str_has_prefix(lines[i], "cy:"); k++)
      if (strstr(lines[i], english[k])) fail_msg("English words in a Welsh ActualText: %s", lines[i]);
  g_strfreev(lines);
}

/* Whether some ActualText in `lang` (any case) has `words` in it. */
static gboolean says_in(const char *texts, const char *lang, const char *words) {
  gboolean found = FALSE;
  char **lines = g_strsplit(texts, "\n", -1);
  for (int i = 0; lines[i] && !found; i++) {
    const char *colon = strchr(lines[i], ':');
    found = colon && g_ascii_strncasecmp(lines[i], lang, strlen(lang)) == 0 && colon == lines[i] + strlen(lang) &&
            strstr(colon, words);
  }
  g_strfreev(lines);
  return found;
}

/* The Welsh section's band stars and arrow are said in Welsh; the English
 * sections' stay English. */
static void test_symbols_speak_their_blocks_language(void **state) {
  (void)state;
  char *texts = pdf_actual_texts(sample.pdf);
  assert_int_equal(count_of(texts, "cy:wedi cyrraedd y safon ofynnol\n"), 2);
  assert_int_equal(count_of(texts, "cy:wedi gwella\n"), 1);
  assert_no_english_in_welsh(texts);
  assert_non_null(strstr(texts, "en-GB:achieved the minimum standard\n"));
  assert_int_equal(count_of(texts, "en-GB:improved\n"), 6); /* the scorecards' arrows */
  g_free(texts);
}

/* A Welsh span in English text speaks Welsh, an English one in a Welsh
 * section English; arrows name the scorecard's basis in either. */
static void test_symbols_speak_their_spans_language(void **state) {
  (void)state;
  char *sub = sample_copy("symbols");
  const char *body = (
      "<?xml version=\"1.0\"?>\n<report lang=\"en-GB\"><meta><committee>Panel</committee>"
      "<date>2024-10-15</date><title>Symbols</title></meta><data catalogue=\"catalogue.xml\" values=\"data.csv\" period=\"2024/25-Q2\"/>"
      "<body><section title=\"S\"><p>In Welsh <span lang=\"cy\">\xe2\x96\xb2 \xe2\x86\x97</span>, in English "
      "\xe2\x96\xb2.</p><scorecard title=\"Measure\" compare=\"previous\"><column period=\"P-1\"/><column period=\"P\"/>"
      "<measure ref=\"GH-TA\"/></scorecard></section>"
      "<section title=\"Cymraeg\" lang=\"cy\"><p>Saesneg: <span lang=\"en-GB\">\xe2\x86\x98</span>, Cymraeg "
      "\xe2\x86\x98.</p></section></body></report>\n");
  char *spec = test_write_file(sub, "symbols.xml", body);
  char *out = g_build_filename(sub, "symbols.pdf", NULL);
  RunResult r = RUN(boardpack_bin(), "render", spec, "-o", out);
  if (r.status) fprintf(stderr, "%s", r.err);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  char *texts = pdf_actual_texts(out);
  assert_true(says_in(texts, "cy", "heb gyrraedd y safon ofynnol"));
  assert_true(says_in(texts, "cy", "wedi gwella ers y cyfnod blaenorol"));
  assert_true(says_in(texts, "en-GB", "did not meet the minimum standard"));
  assert_true(says_in(texts, "en-GB", "deteriorated since the previous period"));
  assert_true(says_in(texts, "cy", "wedi dirywio ers y cyfnod blaenorol"));
  assert_no_english_in_welsh(texts);
  g_free(texts), g_free(out), g_free(spec), g_free(sub);
}

/* In a pack the pages are kept on a tape until they are drawn: the
 * languages come back with them. */
static void test_languages_survive_a_pack(void **state) {
  (void)state;
  char *sub = sample_copy("pack");
  char *pack = test_write_file(sub, "pack.xml",
                               "<pack><meeting><body>Scrutiny</body><date>2024-11-12</date></meeting>"
                               "<agenda><report spec='report.xml'/></agenda></pack>\n");
  char *out = g_build_filename(sub, "pack.pdf", NULL);
  char *langs = made_langs("pack", pack, out);
  assert_non_null(strstr(langs, " Sect(cy) H2(cy) Span P(cy) Span P(cy) Span Sect H2 Span P Span P Span "));
  assert_int_equal(count_of(langs, "P(cy)"), 7);
  g_free(langs), g_free(out), g_free(pack), g_free(sub);
}

/* ---- a Welsh report in an English pack ----------------------------------- */

/* A report of the sample's figures in `lang`, its words `words` (title,
 * section, scorecard heads). */
static char *short_report(const char *dir, const char *name, const char *lang, const char *committee,
                          const char *title, const char *section, const char *card) {
  char *body = g_strdup_printf(
      "<?xml version=\"1.0\"?>\n<report lang=\"%s\"><meta><committee>%s</committee><date>2024-11-12</date>"
      "<title>%s</title><author name=\"Si\xc3\xa2n Price\" role=\"%s\"/></meta>"
      "<data catalogue=\"catalogue.xml\" values=\"data.csv\" period=\"2024/25-Q2\"/><body><section title=\"%s\">"
      "<p><band ref=\"GH-PREV\"/> <direction ref=\"GH-TA\"/></p><scorecard title=\"%s\" compare=\"previous\">"
      "<column period=\"P-1\"/><column period=\"P\"/><measure ref=\"GH-TA\"/><measure ref=\"GH-PREV\"/></scorecard>"
      "</section></body></report>\n",
      lang, committee, title, g_str_has_prefix(lang, "cy") ? "Pennaeth Perfformiad" : "Head of Performance", section,
      card);
  char *path = test_write_file(dir, name, body);
  g_free(body);
  return path;
}

/* A pack of an English report and a Welsh one: the Welsh part's Sect says
 * /Lang (cy), which its elements inherit, and its arrows and band symbols
 * are said in Welsh; the English part and the agenda stay English but for
 * the Welsh report's title and officer on the agenda. Before, the Welsh
 * part had no /Lang and said its symbols in English. */
static void test_welsh_report_in_a_pack(void **state) {
  (void)state;
  char *sub = sample_copy("cypack");
  g_free(short_report(sub, "en.xml", "en-GB", "Scrutiny", "Housing performance", "Housing", "Measure"));
  g_free(short_report(sub, "cy.xml", "cy", "Pwyllgor Craffu", "Perfformiad tai", "Tai", "Mesur"));
  char *pack = test_write_file(sub, "pack.xml",
                               "<pack><meeting><body>Scrutiny</body><date>2024-11-12</date></meeting>"
                               "<agenda><report spec='en.xml'/><report spec='cy.xml'/></agenda></pack>\n");
  char *out = g_build_filename(sub, "pack.pdf", NULL);
  char *langs = made_langs("pack", pack, out);
  assert_true(g_str_has_prefix(langs, "en-GB: Document Sect "));
  /* the agenda's title and officer of the Welsh item (the officer's name in two runs) */
  assert_non_null(strstr(langs, " TR TD Span TD Span(cy) TD Span(cy) Span(cy) TD Link Sect "));
  /* the Welsh part: one /Lang on its Sect, nothing under it but what it inherits */
  const char *part = strstr(langs, " Sect(cy) ");
  assert_non_null(part);
  assert_int_equal(count_of(langs, "Sect(cy)"), 1);
  assert_int_equal(count_of(part + 1, "("), 1);
  assert_int_equal(count_of(langs, "("), count_of(langs, "(cy)")); /* the English part and the rest plain */
  char *texts = pdf_actual_texts(out);
  assert_true(says_in(texts, "cy", "wedi cyrraedd y safon ofynnol"));
  assert_true(says_in(texts, "cy", "wedi gwella ers y cyfnod blaenorol"));
  assert_no_english_in_welsh(texts);
  assert_true(says_in(texts, "en-GB", "achieved the minimum standard"));
  assert_true(says_in(texts, "en-GB", "improved since the previous period"));
  g_free(texts);
  char *problems = pdfua_problems(out);
  if (*problems) fail_msg("PDF/UA problems:\n%s", problems);
  g_free(problems);
  /* on two workers the tapes carry the part's language back */
  char *out2 = g_build_filename(sub, "pack-j2.pdf", NULL);
  RunResult r = RUN(boardpack_bin(), "pack", "-j", "2", pack, "-o", out2);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  char *langs2 = pdf_langs(out2);
  assert_string_equal(langs2, langs);
  g_free(langs2), g_free(out2), g_free(langs), g_free(out), g_free(pack), g_free(sub);
}

/* The pack for the web: the Welsh report's page is lang="cy", and the
 * English agenda marks its title and officer as Welsh. */
static void test_welsh_report_in_a_web_pack(void **state) {
  (void)state;
  char *sub = sample_copy("cyweb");
  g_free(short_report(sub, "en.xml", "en-GB", "Scrutiny", "Housing performance", "Housing", "Measure"));
  g_free(short_report(sub, "cy.xml", "cy", "Pwyllgor Craffu", "Perfformiad tai", "Tai", "Mesur"));
  char *pack = test_write_file(sub, "pack.xml",
                               "<pack><meeting><body>Scrutiny</body><date>2024-11-12</date></meeting>"
                               "<agenda><report spec='en.xml'/><report spec='cy.xml'/></agenda></pack>\n");
  char *web = g_build_filename(sub, "web", NULL);
  RunResult r = RUN(boardpack_bin(), "pack", pack, "--format", "html", "--outdir", web);
  if (r.status) fprintf(stderr, "%s", r.err);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  const char *want[][2] = {{"index.html", "<html lang=\"en-GB\""}, {"item-1.html", "<html lang=\"en-GB\""},
                           {"item-2.html", "<html lang=\"cy\""}};
  for (guint i = 0; i < G_N_ELEMENTS(want); i++) {
    char *path = g_build_filename(web, want[i][0], NULL), *html = NULL;
    assert_true(g_file_get_contents(path, &html, NULL, NULL));
    assert_non_null(strstr(html, want[i][1]));
    if (i == 0) {
      assert_non_null(strstr(html, "<span lang=\"cy\"><a href=\"item-2.html\">"));
      assert_non_null(strstr(html, "<span lang=\"cy\">Si\xc3\xa2n Price, Pennaeth Perfformiad</span>"));
      assert_int_equal(count_of(html, "lang=\"cy\""), 2);
    }
    g_free(html), g_free(path);
  }
  g_free(web), g_free(pack), g_free(sub);
}

/* ---- a Welsh pack ---------------------------------------------------------- */

#define CYPACK "tests/data/cypack/pack.xml"

/* `boardpack pack EDITION… CYPACK -o OUT`, which must succeed; page `page`
 * of OUT as text, squashed. */
static char *cypack_page(const char *out, const char *edition, const char *supplement, const char *page) {
  RunResult r = supplement ? RUN(boardpack_bin(), "pack", edition, supplement, CYPACK, "-o", out)
                           : RUN(boardpack_bin(), "pack", edition, CYPACK, "-o", out);
  if (r.status) fprintf(stderr, "%s", r.err);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  r = RUN("pdftotext", "-raw", "-enc", "UTF-8", "-f", page, "-l", page, out, "-");
  assert_int_equal(r.status, 0);
  char *text = squash_space(r.out);
  run_result_clear(&r);
  return text;
}

/* The fixed words of an English agenda, none of which a Welsh one may
 * print (case matters: "Eitem" has "item" in it). */
static void assert_no_english_agenda_words(const char *text) {
  static const char *const english[] = {
      "Agenda item", "Meeting details", "Date:", "Time:", "Venue:", "Chair:", "Items", "Item", "Subject",
      "Lead officer", "Page", "Tuesday", "September", "Apologies", "Declarations", "Late item", "late item",
      "Urgent item", "urgent item", "Exempt", "exempt", "Not for publication", "not for publication",
      "Confidential", "confidential", "Supplementary", "supplementary", "published", "taken in private"};
  for (guint i = 0; i < G_N_ELEMENTS(english); i++)
    if (strstr(text, english[i])) fail_msg("English \"%s\" in a Welsh agenda:\n%s", english[i], text);
}

static void assert_has_all(const char *text, const char *const *want, guint n) {
  for (guint i = 0; i < n; i++)
    if (!strstr(text, want[i])) fail_msg("no \"%s\" in:\n%s", want[i], text);
}

/* A pack lang="cy" of a Welsh report and an English one: its agenda,
 * dates and footer are Welsh, its catalog says /Lang cy, and the English
 * report's part says /Lang en-GB, its footer and agenda item English.
 * Before, the agenda said "Date: Tuesday 10 September 2013", "Items",
 * "Lead officer", "Late item: …" and "Page 1 of 3". */
static void test_welsh_pack_agenda_reads_welsh(void **state) {
  (void)state;
  char *out = g_build_filename(sample.dir, "cypack.pdf", NULL);
  char *agenda = cypack_page(out, "--public", NULL, "1");
  assert_no_english_agenda_words(agenda);
  static const char *const welsh[] = {
      "Pwyllgor Craffu Tai 10 Medi 2013 Agenda Manylion y cyfarfod Dyddiad: dydd Mawrth 10 Medi 2013 Amser: 10:00 "
      "Lleoliad: Siambr y Cyngor, Neuadd y Sir Cadeirydd: Cyng E Morgan Ymdrinnir yn breifat",
      "Eitemau Eitem Pwnc Swyddog arweiniol Tudalen", "1 Ymddiheuriadau am absenoldeb", "2 Datganiadau o fuddiant",
      "Eitem hwyr: fe'i hychwanegwyd ar \xc3\xb4l cyhoeddi'r", "Eitem frys: penderfyniad cyn y cyfarfod nesaf",
      "Ddim i'w gyhoeddi yn rhinwedd paragraff 3 o Ran 1 o Atodlen 12A i Ddeddf Llywodraeth Leol 1972",
      "Tudalen 1 o 3"};
  assert_has_all(agenda, welsh, G_N_ELEMENTS(welsh));
  g_free(agenda);
  /* the English report (item 4, late) keeps its own words */
  RunResult r = RUN("pdftotext", "-raw", "-enc", "UTF-8", "-f", "3", "-l", "3", out, "-");
  char *english = squash_space(r.out);
  run_result_clear(&r);
  static const char *const en[] = {"Agenda item 4 (late item)", "10 September 2013", "Page 3 of 3"};
  assert_has_all(english, en, G_N_ELEMENTS(en));
  g_free(english);
  /* the catalog says cy; the English part alone says its language */
  char *langs = pdf_langs(out);
  assert_true(g_str_has_prefix(langs, "cy: Document Sect "));
  assert_int_equal(count_of(langs, "Sect(en-GB)"), 1);
  assert_int_equal(count_of(langs, "Sect("), 1);
  assert_int_equal(count_of(langs, "(cy)"), 0); /* Welsh is inherited from the catalog */
  /* the agenda's English item title and officer: spans in en-GB, cased as
   * the catalog's and the Sect's are (Pango gives "en-gb") */
  assert_int_equal(count_of(langs, "Span(en-GB)"), 3);
  assert_int_equal(count_of(langs, "(en-gb)"), 0);
  char *problems = pdfua_problems(out);
  if (*problems) fail_msg("PDF/UA problems:\n%s", problems);
  g_free(problems), g_free(langs), g_free(out);
}

/* The confidential edition and the supplement: their titles, notes and
 * item lines in Welsh too. */
static void test_welsh_pack_editions_read_welsh(void **state) {
  (void)state;
  char *out = g_build_filename(sample.dir, "cypack-conf.pdf", NULL);
  char *agenda = cypack_page(out, "--confidential", NULL, "1");
  assert_no_english_agenda_words(agenda);
  static const char *const conf[] = {"Agenda (cyfrinachol)", "Cyfrinachol: mae'r argraffiad hwn yn cynnwys gwybodaeth "
                                     "eithriedig", "Eithriedig: ddim i'w gyhoeddi yn rhinwedd paragraff 3"};
  assert_has_all(agenda, conf, G_N_ELEMENTS(conf));
  g_free(agenda), g_free(out);
  out = g_build_filename(sample.dir, "cypack-sup.pdf", NULL);
  agenda = cypack_page(out, "--confidential", "--supplement", "1");
  assert_no_english_agenda_words(agenda);
  static const char *const sup[] = {"Gwybodaeth atodol Manylion y cyfarfod",
                                    "Gwybodaeth atodol ar gyfer eitemau ar agenda'r cyfarfod hwn, a gyhoeddwyd 3 Medi 2013.",
                                    "Gwybodaeth atodol: eitem 3"};
  assert_has_all(agenda, sup, G_N_ELEMENTS(sup));
  g_free(agenda);
  agenda = cypack_page(out, "--confidential", "--supplement", "2");
  assert_non_null(strstr(agenda, "Eitem agenda 3 (gwybodaeth atodol)"));
  g_free(agenda), g_free(out);
}

/* The web agenda: lang="cy", its words Welsh; the English report's page
 * lang="en-GB". */
static void test_welsh_web_pack_agenda_reads_welsh(void **state) {
  (void)state;
  char *web = g_build_filename(sample.dir, "cypack-web", NULL);
  RunResult r = RUN(boardpack_bin(), "pack", "--public", CYPACK, "--format", "html", "--outdir", web);
  if (r.status) fprintf(stderr, "%s", r.err);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  char *path = g_build_filename(web, "index.html", NULL), *html = NULL;
  assert_true(g_file_get_contents(path, &html, NULL, NULL));
  assert_non_null(strstr(html, "<html lang=\"cy\""));
  const char *body = strstr(html, "</style>"); /* the style sheet's words are CSS */
  assert_non_null(body);
  assert_no_english_agenda_words(body);
  static const char *const welsh[] = {"Dyddiad: </strong>dydd Mawrth 10 Medi 2013", "Eitemau", "Swyddog arweiniol",
                                      "Neidio i&#39;r prif gynnwys"};
  for (guint i = 0; i < G_N_ELEMENTS(welsh); i++)
    if (!strstr(body, welsh[i])) fail_msg("no \"%s\" in:\n%s", welsh[i], body);
  g_free(html), g_free(path);
  path = g_build_filename(web, "item-4.html", NULL);
  assert_true(g_file_get_contents(path, &html, NULL, NULL));
  assert_non_null(strstr(html, "<html lang=\"en-GB\""));
  assert_non_null(strstr(html, "4 (late item)"));
  g_free(html), g_free(path), g_free(web);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_units_from_the_catalogue),
      cmocka_unit_test(test_bilingual_front_sheet_welsh_first),
      cmocka_unit_test(test_arrows_say_what_they_compare),
      cmocka_unit_test(test_flags_and_suppression),
      cmocka_unit_test(test_welsh_chart_and_changes),
      cmocka_unit_test(test_welsh_target_moved_has_welsh_unit),
      cmocka_unit_test(test_welsh_report_reads_welsh),
      cmocka_unit_test(test_users_footer_stays_as_written),
      cmocka_unit_test(test_welsh_blocks_carry_their_language),
      cmocka_unit_test(test_span_carries_its_language),
      cmocka_unit_test(test_span_in_a_table_cell_carries_its_language),
      cmocka_unit_test(test_languages_survive_a_pack),
      cmocka_unit_test(test_symbols_speak_their_blocks_language),
      cmocka_unit_test(test_symbols_speak_their_spans_language),
      cmocka_unit_test(test_welsh_report_in_a_pack),
      cmocka_unit_test(test_welsh_report_in_a_web_pack),
      cmocka_unit_test(test_welsh_pack_agenda_reads_welsh),
      cmocka_unit_test(test_welsh_pack_editions_read_welsh),
      cmocka_unit_test(test_welsh_web_pack_agenda_reads_welsh),
  };
  return cmocka_run_group_tests(tests, render, teardown);
}
