/* bind: what the measures engine's figures become in the document model —
 * the words, units, symbols and messages an author sees — checked on a
 * small catalogue of a different authority (quarterly housing and adult
 * social care, rates per 1,000 households and per 100,000 population).
 * Each test writes a report around the same catalogue and data, binds it,
 * and reads back the text of every block (table rows as "a | b | c",
 * charts as their unit and description) and every message. */
#include "testutil.h"

#include "bind/bind.h"
#include "base/fonts.h"
#include "bind/bind_internal.h" /* the Welsh list joiner on its own */
#include "chart/chart.h"
#include "measures/measures.h"
#include "spec/spec.h"

static const char *catalogue_xml =
    "<?xml version=\"1.0\"?>\n<catalogue authority=\"Testborough\">\n<group name=\"Housing\">\n"
    "<measure ref=\"HT\" kind=\"rate\" basis=\"snapshot\" per=\"1000\" per-unit=\"households\" population=\"HH\""
    " polarity=\"SB\"><title>Households in temporary accommodation</title>"
    "<definition>Households in temporary accommodation at the period end.</definition></measure>\n"
    "<measure ref=\"HH\" kind=\"count\" basis=\"annual\"><title>Households</title></measure>\n"
    "</group>\n<group name=\"Adult social care\">\n"
    "<measure ref=\"DR\" kind=\"rate\" basis=\"ytd\" per=\"100000\" population=\"POP\" polarity=\"SB\">"
    "<title>Permanent admissions to care homes</title><title-cy>Derbyniadau parhaol i gartrefi gofal</title-cy>"
    "</measure>\n"
    "<measure ref=\"DR2\" kind=\"rate\" basis=\"monthly\" per=\"100000\" population=\"POP\">"
    "<title>Delayed transfers per 100,000 adults</title></measure>\n"
    "<measure ref=\"POP\" kind=\"count\" basis=\"annual\"><title>Adults 65+</title></measure>\n"
    "<measure ref=\"RV\" kind=\"percentage\" basis=\"monthly\" polarity=\"BB\"><title>% reviews on time</title>"
    "<standard min=\"80\"/></measure>\n"
    "<measure ref=\"AD\" kind=\"count\" basis=\"ytd\" polarity=\"BB\"><title>Assessments done</title></measure>\n"
    "<measure ref=\"BL\" kind=\"percentage\" basis=\"monthly\" polarity=\"BB\" compare=\"2023/24\">"
    "<title>% against baseline</title></measure>\n"
    "<measure ref=\"FL\" kind=\"percentage\" basis=\"monthly\" polarity=\"BB\"><title>% flagged</title></measure>\n"
    "<measure ref=\"SM\" kind=\"count\" basis=\"monthly\" suppress-below=\"5\"><title>Small count</title></measure>\n"
    "<measure ref=\"SQ\" kind=\"count\" basis=\"ytd\" suppress-below=\"5\"><title>Small count ytd</title></measure>\n"
    "<measure ref=\"SP\" kind=\"percentage\" basis=\"monthly\" suppress-below=\"5\"><title>% small</title></measure>\n"
    "<measure ref=\"WC\" kind=\"percentage\" basis=\"monthly\" optional=\"comparators\"><title>% with a yearly "
    "comparator</title></measure>\n"
    "<measure ref=\"YT\" kind=\"count\" basis=\"ytd\" polarity=\"SB\" rating=\"rag\"><title>First-time entrants</title>"
    "<target period=\"2023/24\" value=\"120\" tolerance=\"5\"/><target period=\"2024/25\" value=\"120\" "
    "tolerance=\"5\"/></measure>\n"
    "<measure ref=\"FR\" kind=\"percentage\" basis=\"monthly\" polarity=\"BB\" rating=\"rag\"><title>% revised</title>"
    "<target value=\"90\" tolerance=\"5\"/></measure>\n"
    "</group>\n</catalogue>\n";

/* Households 30,000 and adults 65+ 50,000 in both years; temporary
 * accommodation 100 + month at each month's end (a stock); admissions 2 a
 * month; delays 5 a month; reviews 70% + month; first-time entrants 10 a
 * month (year to date: 120 in Mar-24, 10 in Apr-24). */
static char *data_csv(void) {
  GString *s = g_string_new("ref,period,series,numerator,denominator,value,text,flag\n");
  g_string_append(s, "FR,2024-08,,80,100,,,revised\nFR,2024-09,,70,100,,,\n");
  g_string_append(s, "FL,2024-07,,50,100,,,\nFL,2024-08,,60,100,,,revised\nFL,2024-09,,70,100,,,provisional; [e]\n"
                     "FL,2024-10,,,,,,not yet available\n");
  g_string_append(s, "SM,2024-07,,3,,,,\nSM,2024-08,,0,,,,\nSM,2024-09,,12,,,,\n"
                     "SQ,2024-04,,1,,,,\nSQ,2024-05,,2,,,,\nSQ,2024-06,,1,,,,\n"
                     "SQ,2024-07,,20,,,,\nSQ,2024-08,,20,,,,\nSQ,2024-09,,20,,,,\n");
  g_string_append(s, "SP,2024-07,,3,50,,,\nSP,2024-08,,48,50,,,\nSP,2024-09,,25,50,,,\n");
  g_string_append(s, "HH,2023/24,,30000,,,\nHH,2024/25,,30000,,,\nPOP,2023/24,,50000,,,\nPOP,2024/25,,50000,,,\n");
  for (int i = 0; i < 18; i++) {
    int y = i < 9 ? 2023 : 2024, m = i < 9 ? i + 4 : i - 8;
    g_string_append_printf(s, "HT,%04d-%02d,,%d,,,\n", y, m, 100 + m);
    g_string_append_printf(s, "DR,%04d-%02d,,2,,,\n", y, m);
    g_string_append_printf(s, "DR2,%04d-%02d,,5,,,\n", y, m);
    g_string_append_printf(s, "RV,%04d-%02d,,%d,100,,\n", y, m, 70 + m);
    g_string_append_printf(s, "AD,%04d-%02d,,%d,,,\n", y, m, y == 2023 ? 20 : 10);
    g_string_append_printf(s, "BL,%04d-%02d,,%d,100,,\n", y, m, y == 2023 ? 50 : 60);
    g_string_append_printf(s, "YT,%04d-%02d,,10,,,\n", y, m);
  }
  g_string_append(s, "BL,2023/24,,600,1200,,\n");
  g_string_append(s, "WC,2024-08,,40,100,,\nWC,2024-09,,45,100,,\nWC,2023/24,Wales,50,100,,\n");
  return g_string_free(s, FALSE);
}

typedef struct {
  Spec *spec;
  Measures *ms;
  DiagList *diags;
  gboolean ok;
  GString *text; /* every block's text, one line each */
  char *messages; /* every diagnostic, as printed */
} Bound;

static void dump_block(Spec *spec, const SpecBlock *b, GString *out);

static void dump_row(Spec *spec, const SpecBlock *row, GString *out) {
  if (row->group) {
    g_string_append_printf(out, "%s\n", spec_inline_text(spec, &row->text));
    return;
  }
  for (guint i = 0; i < row->n_children; i++)
    g_string_append_printf(out, "%s%s", i ? " | " : "", spec_inline_text(spec, &row->children[i]->text));
  g_string_append_c(out, '\n');
}

static void dump_block(Spec *spec, const SpecBlock *b, GString *out) {
  if (!b) return;
  if (b->kind == BLOCK_TABLE_ROW) {
    dump_row(spec, b, out);
    return;
  }
  if (b->kind == BLOCK_SECTION && b->title) g_string_append_printf(out, "%s\n", b->title);
  const char *t = spec_inline_text(spec, &b->text);
  if (t && *t) g_string_append_printf(out, "%s\n", t);
  if (b->kind == BLOCK_CHART && b->data && b->data->chart) {
    const ChartSpec *c = b->data->chart;
    g_string_append_printf(out, "[chart unit \"%s\"] %s\n", c->unit, b->data->alt);
  }
  for (guint i = 0; i < b->n_children; i++) dump_block(spec, b->children[i], out);
}

static char *dir;

static int setup(void **state) {
  (void)state;
  dir = test_scratch_dir("bind");
  char *csv = data_csv();
  g_free(test_write_file(dir, "catalogue.xml", catalogue_xml));
  g_free(test_write_file(dir, "data.csv", csv));
  g_free(csv);
  return 0;
}

static int teardown(void **state) {
  (void)state;
  g_free(dir);
  return 0;
}

/* Binds a report whose <body> holds `body`, at period 2024-09. */
static Bound bind_body_in(const char *period, const char *body) {
  char *xml = g_strdup_printf("<?xml version=\"1.0\"?>\n<report lang=\"en-GB\">\n<meta><committee>Panel</committee>"
                              "<date>2024-10-15</date><title>Test</title></meta>\n"
                              "<data catalogue=\"catalogue.xml\" values=\"data.csv\" period=\"%s\"/>\n"
                              "<body><section title=\"S\">\n%s\n</section></body>\n</report>\n",
                              period, body);
  char *path = test_write_file(dir, "report.xml", xml);
  Bound b = {.diags = diag_list_new(), .text = g_string_new(NULL)};
  b.spec = spec_load(path, b.diags);
  if (b.spec) b.ms = measures_load(b.spec->data.catalogue, b.spec->data.values, b.diags);
  b.ok = b.spec && b.ms && bind_spec(b.spec, b.ms, b.diags);
  if (b.spec) dump_block(b.spec, b.spec->body, b.text);
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  diag_print(b.diags, f);
  fclose(f);
  b.messages = buf;
  g_free(xml), g_free(path);
  return b;
}

static Bound bind_body(const char *body) { return bind_body_in("2024-09", body); }

static void bound_free(Bound *b) {
  spec_free(b->spec);
  measures_free(b->ms);
  diag_list_free(b->diags);
  g_string_free(b->text, TRUE);
  free(b->messages);
}

static void assert_has(const char *haystack, const char *needle) {
  if (!strstr(haystack, needle)) fprintf(stderr, "expected \"%s\" in:\n%s\n", needle, haystack);
  assert_non_null(strstr(haystack, needle));
}

static void assert_lacks(const char *haystack, const char *needle) {
  if (strstr(haystack, needle)) fprintf(stderr, "did not expect \"%s\" in:\n%s\n", needle, haystack);
  assert_null(strstr(haystack, needle));
}

/* ---- 1. units of rates come from the measure's per= ----------------------- */

static void test_rate_units_in_text(void **state) {
  (void)state;
  Bound b = bind_body("<p>Temporary: <value ref=\"HT\"/>. Admissions: <value ref=\"DR\"/>. "
                      "Bare: <value ref=\"HT\" unit=\"no\"/>. Reviews: <value ref=\"RV\"/>.</p>");
  assert_true(b.ok);
  /* 109 households of 30,000 is 3.63 per 1,000; 12 admissions (April to
   * September) of 50,000 is 24.0 per 100,000 */
  assert_has(b.text->str, "Temporary: 3.6 per 1,000 households. Admissions: 24.0 per 100,000. Bare: 3.6. "
                          "Reviews: 79.0%.");
  assert_lacks(b.text->str, "10,000");
  bound_free(&b);
}

static void test_rate_units_in_scorecard_and_definitions(void **state) {
  (void)state;
  Bound b = bind_body("<scorecard title=\"Measure\"><column period=\"2024-06\"/><column period=\"2024-09\"/>"
                      "<measure ref=\"HT\"/><measure ref=\"DR\" label=\"Admissions to care\"/><measure ref=\"DR2\"/>"
                      "<measure ref=\"RV\"/></scorecard><definitions/>");
  assert_true(b.ok);
  assert_has(b.text->str, "Households in temporary accommodation, per 1,000 households (SB) | 3.5 | 3.6 |");
  assert_has(b.text->str, "Admissions to care, per 100,000 (SB) | 12.0 | 24.0 |");
  /* a title that already names its unit is not told it twice */
  assert_has(b.text->str, "Delayed transfers per 100,000 adults | 10.0 | 10.0 |");
  assert_has(b.text->str, "% reviews on time (BB) | 76.0 | 79.0 |");
  /* the definitions sheet's MEASURE column */
  assert_has(b.text->str, "HT | Households in temporary accommodation, per 1,000 households | Households in");
  assert_has(b.text->str, "DR | Permanent admissions to care homes, per 100,000 |");
  assert_lacks(b.text->str, "10,000");
  /* each group of the catalogue headed, the first as well as the rest */
  assert_has(b.text->str, "REF | MEASURE | DEFINITION | NUMERATOR | DENOMINATOR\nHousing\nHT | ");
  assert_has(b.text->str, "\nAdult social care\n");
  bound_free(&b);
}

static void test_rate_units_on_charts(void **state) {
  (void)state;
  Bound b = bind_body("<chart type=\"line\"><caption>Temporary accommodation</caption>"
                      "<periods>2024-07 2024-08 2024-09</periods><series ref=\"HT\"/></chart>"
                      "<chart type=\"column\"><caption>Admissions</caption>"
                      "<periods>2024-07 2024-08 2024-09</periods><series ref=\"DR\"/></chart>"
                      "<scorecard title=\"Measure\" sparkline=\"3\"><column period=\"2024-09\"/>"
                      "<measure ref=\"DR\"/></scorecard>");
  assert_true(b.ok);
  assert_has(b.text->str, "[chart unit \"per 1,000 households\"] Line chart of Temporary accommodation, Jul-24 to "
                          "Sep-24: stayed the same at 3.6 per 1,000 households from Jul-24 to Sep-24.");
  assert_has(b.text->str, "[chart unit \"per 100,000\"] Column chart of Admissions, Jul-24 to Sep-24: Jul-24 16.0 per 100,000; "
                          "Aug-24 20.0 per 100,000; and Sep-24 24.0 per 100,000.");
  assert_lacks(b.text->str, "10,000");
  /* the sparkline's description carries the unit too */
  const SpecBlock *card = b.spec->body->children[0]->children[2];
  const SpecBlock *cell = card->children[1]->children[3];
  assert_non_null(cell->data);
  assert_has(cell->data->alt, "per 100,000");
  bound_free(&b);
}

/* A sparkline's description reads its figures as the scorecard prints
 * them: HT is 3.57, 3.60 and 3.63 per 1,000, printed 3.6 each; RV 77.0%. */
static void test_sparkline_description_rounds_as_printed(void **state) {
  (void)state;
  Bound b = bind_body("<scorecard title=\"Measure\" sparkline=\"3\"><column period=\"2024-09\"/>"
                      "<measure ref=\"HT\"/><measure ref=\"RV\"/></scorecard>");
  assert_true(b.ok);
  const SpecBlock *card = b.spec->body->children[0]->children[0];
  const char *alt[2] = {NULL, NULL};
  for (guint r = 0, k = 0; r < card->n_children && k < 2; r++)
    for (guint i = 0; i < card->children[r]->n_children && k < 2; i++)
      if (card->children[r]->children[i]->data) alt[k++] = card->children[r]->children[i]->data->alt;
  assert_non_null(alt[1]);
  assert_string_equal(alt[0], "Sparkline of Households in temporary accommodation, Jul-24 to Sep-24: stayed "
                              "the same at 3.6 per 1,000 households from Jul-24 to Sep-24.");
  assert_string_equal(alt[1], "Sparkline of % reviews on time, Jul-24 to Sep-24: rose from 77.0% in Jul-24 (lowest) "
                              "to 79.0% in Sep-24 (highest).");
  bound_free(&b);
}

/* ---- 2. what the arrow compares ---------------------------------------------- */

static void test_scorecard_says_what_arrows_compare(void **state) {
  (void)state;
  Bound b = bind_body("<legend/><scorecard title=\"Measure\"><column period=\"2024-08\"/><column period=\"2024-09\"/>"
                      "<measure ref=\"RV\"/><measure ref=\"HT\"/><measure ref=\"DR\"/><measure ref=\"BL\"/>"
                      "</scorecard>");
  if (!b.ok) fprintf(stderr, "%s", b.messages);
  assert_true(b.ok);
  assert_has(b.text->str, "DoT compares the Sep-24 figures with the previous month (Aug-24); for DR, with the same "
                          "month last year (Sep-23); for BL, with 2023/24.\n");
  /* the legend comes first in the report but names every basis used */
  assert_has(b.text->str, "Direction of travel from previous period, the same period last year or 2023/24 (the note "
                          "under each scorecard says which)\n");
  /* BL: 60% against 50% in the baseline year */
  assert_has(b.text->str, "% against baseline (BB) | 60.0 | 60.0 | ↗\n");
  bound_free(&b);
  /* one basis: the legend says it plainly */
  b = bind_body("<scorecard title=\"Measure\"><column period=\"2024-09\"/><measure ref=\"DR\"/></scorecard><legend/>");
  assert_true(b.ok);
  assert_has(b.text->str, "DoT compares the Sep-24 figures with the same month last year (Sep-23).\n");
  assert_has(b.text->str, "Direction of travel from the same period last year\n");
  bound_free(&b);
  /* quarters */
  b = bind_body("<scorecard title=\"Measure\"><column period=\"2024/25-Q2\"/><measure ref=\"RV\"/></scorecard>");
  assert_true(b.ok);
  assert_has(b.text->str, "DoT compares the Q2 2024/25 figures with the previous quarter (Q1 2024/25).\n");
  bound_free(&b);
}

static void test_direction_in_words(void **state) {
  (void)state;
  Bound b = bind_body("<p>Reviews were <direction ref=\"RV\" words=\"yes\"/>; admissions were <direction ref=\"DR\" "
                      "words=\"yes\"/>; assessments were <direction ref=\"AD\" words=\"yes\"/> <direction ref=\"AD\"/>; "
                      "baseline: <direction ref=\"BL\" words=\"yes\"/>.</p>");
  assert_true(b.ok);
  assert_has(b.text->str, "Reviews were higher (better) than the previous month (August 2024); admissions were about "
                          "the same as the same month last year (September 2023); assessments were lower (worse) than "
                          "the same month last year (September 2023) ↘; baseline: higher (better) than 2023/24.");
  bound_free(&b);
}

/* A year-to-date count rising month by month (50, then 60) but below last
 * year's (120): the ↘ is right, the columns make it look wrong. */
static void test_columns_contradicting_arrows_are_an_error(void **state) {
  (void)state;
  Bound b = bind_body("<scorecard title=\"Measure\"><column period=\"2024-08\"/><column period=\"2024-09\"/>"
                      "<measure ref=\"AD\"/></scorecard>");
  assert_false(b.ok);
  assert_has(b.messages, "report.xml:6:80: error: the arrow for AD (↘, deteriorated) compares Sep-24 with the same "
                         "month last year (Sep-23), but the columns before it show a rise from 50 (Aug-24) to 60 "
                         "(Sep-24): add a column for Sep-23 so the reader sees what the arrow compares, or leave the "
                         "arrows out with direction=\"no\"\n");
  assert_int_equal(diag_count(b.diags), 1);
  bound_free(&b);
  /* showing the compared period, or no arrows, is fine */
  b = bind_body("<scorecard title=\"Measure\"><column period=\"2023-09\"/><column period=\"2024-08\"/>"
                "<column period=\"2024-09\"/><measure ref=\"AD\"/></scorecard>"
                "<scorecard title=\"Measure\" direction=\"no\"><column period=\"2024-08\"/><column period=\"2024-09\"/>"
                "<measure ref=\"AD\"/></scorecard>");
  if (!b.ok) fprintf(stderr, "%s", b.messages);
  assert_true(b.ok);
  assert_has(b.text->str, "Assessments done (BB) | 120 | 50 | 60 | ↘\n");
  bound_free(&b);
}

/* compare= on a scorecard: its arrows compare every row with that period,
 * its note and the legend say so, and columns that contradict the arrows
 * are still an error. */
static void test_scorecard_compare_override(void **state) {
  (void)state;
  /* RV compares with the previous month in the catalogue; here with the same month last year */
  Bound b = bind_body("<scorecard title=\"Year on year\" compare=\"year-ago\"><column period=\"2023-09\"/>"
                      "<column period=\"2024-09\"/><measure ref=\"RV\"/><measure ref=\"HT\"/></scorecard><legend/>"
                      "<scorecard title=\"Monthly\"><column period=\"2024-08\"/><column period=\"2024-09\"/>"
                      "<measure ref=\"RV\"/></scorecard>");
  if (!b.ok) fprintf(stderr, "%s", b.messages);
  assert_true(b.ok);
  assert_has(b.text->str, "▲ % reviews on time (BB) | 79.0 | 79.0 | ↔\n"); /* 79.0 then and now */
  assert_has(b.text->str, "DoT compares the Sep-24 figures with the same month last year (Sep-23).\n");
  assert_has(b.text->str, "▲ % reviews on time (BB) | 78.0 | 79.0 | ↗\n"); /* the catalogue's own basis */
  assert_has(b.text->str, "DoT compares the Sep-24 figures with the previous month (Aug-24).\n");
  assert_has(b.text->str, "Direction of travel from the same period last year or previous period (the note under each "
                          "scorecard says which)\n");
  bound_free(&b);
  /* a named period: DR's rate so far this year (24.0) is below 2023/24's (48.0), improved for a
   * smaller-is-better measure, while the columns show it rising */
  b = bind_body("<scorecard title=\"Against last year\" compare=\"2023/24\"><column period=\"2024-08\"/>"
                "<column period=\"2024-09\"/><measure ref=\"DR\"/></scorecard>");
  assert_false(b.ok);
  assert_has(b.messages, "report.xml:6:108: error: the arrow for DR (↗, improved) compares Sep-24 with 2023/24, but the "
                         "columns before it show a rise from 20.0 (Aug-24) to 24.0 (Sep-24): add a column for 2023/24 so "
                         "the reader sees what the arrow compares, or leave the arrows out with direction=\"no\"\n");
  assert_int_equal(diag_count(b.diags), 1);
  bound_free(&b);
  b = bind_body("<scorecard title=\"Against last year\" compare=\"2023/24\"><column period=\"2023/24\"/>"
                "<column period=\"2024-08\"/><column period=\"2024-09\"/><measure ref=\"DR\"/></scorecard>");
  if (!b.ok) fprintf(stderr, "%s", b.messages);
  assert_true(b.ok);
  assert_has(b.text->str, "| 48.0 | 20.0 | 24.0 | ↗\n");
  assert_has(b.text->str, "DoT compares the Sep-24 figures with 2023/24.\n");
  bound_free(&b);
  /* what cannot be compared is refused where it is written */
  b = bind_body("<scorecard title=\"A\" compare=\"last\"><column period=\"2024-09\"/><measure ref=\"RV\"/></scorecard>\n"
                "<scorecard title=\"B\" compare=\"previous\"><column period=\"2024-09\"/><measure ref=\"AD\"/></scorecard>");
  assert_false(b.ok);
  assert_has(b.messages, "report.xml:6:1: error: compare=\"last\" is not one of \"previous\", \"year-ago\" or a period such "
                         "as \"2023/24\" or \"2024-03\"\n");
  assert_has(b.messages, "report.xml:7:67: error: compare=\"previous\" cannot apply to AD, a year-to-date measure: its "
                         "figure starts again each year, so the previous month covers other months; use "
                         "compare=\"year-ago\" or a named period\n");
  assert_int_equal(diag_count(b.diags), 2);
  bound_free(&b);
}

/* A year-ago column before the data begin: "n/a", no warning; a bad ref
 * in it is still an error. */
static void test_optional_column_is_quiet(void **state) {
  (void)state;
  Bound b = bind_body("<scorecard title=\"Measure\"><column period=\"2022-09\" optional=\"yes\"/>"
                      "<column period=\"2024-09\"/><measure ref=\"RV\"/></scorecard>");
  assert_true(b.ok);
  assert_int_equal(diag_count(b.diags), 0);
  assert_has(b.text->str, "% reviews on time (BB) | n/a | 79.0 | ↗\n");
  bound_free(&b);
  b = bind_body("<scorecard title=\"Measure\"><column period=\"2022-09\" optional=\"yes\"/>"
                "<column period=\"2024-09\"/><measure ref=\"RW\"/></scorecard>");
  assert_false(b.ok);
  assert_has(b.messages, "error: unknown measure \"RW\" (did you mean \"RV\"?)");
  bound_free(&b);
}

static void test_bad_comparisons_in_the_catalogue(void **state) {
  (void)state;
  char *sub = g_build_filename(dir, "badcmp", NULL);
  g_mkdir_with_parents(sub, 0755);
  char *path = test_write_file(sub, "c.xml",
                               "<?xml version=\"1.0\"?>\n<catalogue>\n<group name=\"G\">\n"
                               "<measure ref=\"A\" kind=\"count\" basis=\"ytd\" compare=\"previous\"><title>a</title></measure>\n"
                               "<measure ref=\"B\" kind=\"count\" basis=\"monthly\" compare=\"last\"><title>b</title></measure>\n"
                               "</group>\n</catalogue>\n");
  DiagList *d = diag_list_new();
  Catalogue *cat = catalogue_load(path, d);
  assert_null(cat);
  assert_int_equal(diag_count(d), 2);
  assert_non_null(diag_find(d, "compare=\"previous\" cannot apply to a year-to-date measure: its figure starts again "
                               "each year, so the previous month covers other months; use compare=\"year-ago\" (the "
                               "default) or a named period"));
  assert_int_equal(diag_find(d, "year-to-date")->line, 4);
  assert_non_null(diag_find(d, "compare=\"last\" is not one of \"previous\", \"year-ago\" or a period such as "
                               "\"2023/24\" or \"2024-03\""));
  diag_list_free(d);
  g_free(sub), g_free(path);
}

/* ---- 3. one chart, one unit ------------------------------------------------- */

static void test_mixed_units_on_a_chart_are_refused(void **state) {
  (void)state;
  Bound b = bind_body("<chart type=\"line\"><caption>Reviews and assessments</caption>"
                      "<periods>2024-08 2024-09</periods><series ref=\"RV\"/><series ref=\"AD\"/></chart>");
  assert_false(b.ok);
  assert_has(b.messages, "report.xml:6:1: error: the chart \"Reviews and assessments\" mixes units: RV is a "
                         "percentage (%) but AD is a count; one y axis cannot label both, so chart them separately\n");
  assert_int_equal(diag_count(b.diags), 1);
  bound_free(&b);
  /* two rates on different bases, measures along the axis */
  b = bind_body("<chart type=\"bar\"><caption>Rates</caption><category ref=\"DR\"/><category ref=\"HT\"/>"
                "<series period=\"2024-09\"/></chart>");
  assert_false(b.ok);
  assert_has(b.messages, "error: the chart \"Rates\" mixes units: DR is a rate per 100,000 but HT is a rate per "
                         "1,000 households; one y axis cannot label both, so chart them separately\n");
  bound_free(&b);
  /* the same unit, or none (a count beside another count), is fine */
  b = bind_body("<chart type=\"line\"><caption>Rates</caption><periods>2024-08 2024-09</periods>"
                "<series ref=\"DR\"/><series ref=\"DR2\"/></chart>");
  if (!b.ok) fprintf(stderr, "%s", b.messages);
  assert_true(b.ok);
  bound_free(&b);
}

/* Years with a quarter among them would space the quarter as a year
 * ("2022 to Q4 2024"): refused at the <periods>, naming both kinds. */
static void test_mixed_period_kinds_on_a_chart_are_refused(void **state) {
  (void)state;
  Bound b = bind_body("<chart type=\"column\"><caption>Homes</caption>"
                      "<periods>2023 2024 2024-Q4</periods><series ref=\"AD\"/></chart>");
  assert_false(b.ok);
  assert_has(b.messages, "report.xml:6:46: error: <periods> mixes calendar years (2023) and calendar quarters "
                         "(2024-Q4): a chart's periods must all be of one kind (bars may open with one longer "
                         "baseline period)\n");
  assert_int_equal(diag_count(b.diags), 1);
  bound_free(&b);
  b = bind_body("<chart type=\"line\"><caption>Homes</caption>"
                "<periods>2024-08 2024/25-Q2</periods><series ref=\"AD\"/></chart>");
  assert_has(b.messages, "error: <periods> mixes months (2024-08) and financial-year quarters (2024/25-Q2): a "
                         "chart's periods must all be of one kind\n");
  bound_free(&b);
  /* a baseline year before months: bars compare it, a line would join it */
  b = bind_body("<chart type=\"column\"><caption>Homes</caption>"
                "<periods>2023/24 2024-08 2024-09</periods><series ref=\"AD\" optional=\"yes\"/></chart>");
  assert_null(strstr(b.messages, "mixes"));
  bound_free(&b);
  b = bind_body("<chart type=\"line\"><caption>Homes</caption>"
                "<periods>2023/24 2024-08 2024-09</periods><series ref=\"AD\" optional=\"yes\"/></chart>");
  assert_has(b.messages, "error: <periods> mixes financial years (2023/24) and months (2024-08)");
  bound_free(&b);
  /* a period that is not one is an error at the <periods>, not a gap */
  b = bind_body("<chart type=\"line\"><caption>Homes</caption>"
                "<periods>2024-Q1 2024-Q5</periods><series ref=\"AD\" optional=\"yes\"/></chart>");
  assert_false(b.ok);
  assert_has(b.messages, "report.xml:6:44: error: <periods>: '2024-Q5' is not a period");
  assert_null(strstr(b.messages, "gap"));
  bound_free(&b);
}

/* ---- 5. generated words ------------------------------------------------------ */

static void test_change_writes_its_verb(void **state) {
  (void)state;
  Bound b = bind_body("<p>Reviews <change ref=\"RV\" from=\"2024-06\" to=\"2024-09\" verb=\"yes\"/>. "
                      "Temporary accommodation <change ref=\"HT\" from=\"2024-03\" to=\"2024-09\" verb=\"yes\"/>. "
                      "Delays <change ref=\"DR2\" from=\"2024-06\" to=\"2024-09\" verb=\"yes\"/>. "
                      "Assessments <change ref=\"AD\" from=\"2023-09\" to=\"2024-09\" verb=\"yes\"/>. "
                      "Without: <change ref=\"RV\" from=\"2024-06\" to=\"2024-09\"/>.</p>");
  if (!b.ok) fprintf(stderr, "%s", b.messages);
  assert_true(b.ok);
  assert_has(b.text->str, "Reviews improved, rising from 76.0% in June 2024 to 79.0% in September 2024. "
                          "Temporary accommodation worsened, rising from 3.4 per 1,000 households in March 2024 to 3.6 "
                          "per 1,000 households in September 2024. "
                          "Delays was unchanged at 10.0 per 100,000 between June 2024 and September 2024. "
                          "Assessments worsened, falling from 120 in September 2023 to 60 in September 2024. "
                          "Without: from 76.0% in June 2024 to 79.0% in September 2024.");
  bound_free(&b);
  /* no polarity: rose or fell */
  b = bind_body("<p>Households <change ref=\"HH\" from=\"2023/24\" to=\"2024/25\" verb=\"yes\"/>.</p>");
  assert_true(b.ok);
  assert_has(b.text->str, "Households was unchanged at 30,000 between 2023/24 and 2024/25.");
  bound_free(&b);
}

/* A year-to-date figure restarts each year: a verdict between two points
 * of the year (or across its end) is refused; the same point of two
 * years is fine (above: Assessments), and so are the bare figures. */
static void test_change_verb_on_ytd_needs_the_same_point_of_the_year(void **state) {
  (void)state;
  Bound b = bind_body("<p>Admissions <change ref=\"DR\" from=\"2024-03\" to=\"2024-06\" verb=\"yes\"/>; "
                      "<change ref=\"AD\" from=\"2024-07\" to=\"2024-09\" verb=\"yes\"/>.</p>");
  assert_false(b.ok);
  assert_has(b.messages, "error: <change verb=\"yes\"> cannot say whether DR improved from March 2024 to June 2024: it "
                         "is a year-to-date measure, whose figure starts again each year, and these are 12 and 3 months "
                         "into their years;");
  assert_has(b.messages, "whether AD improved from July 2024 to September 2024: it is a year-to-date measure, whose "
                         "figure starts again each year, and these are 4 and 6 months");
  bound_free(&b);
  b = bind_body("<p>Admissions <change ref=\"DR\" from=\"2024-03\" to=\"2024-06\"/>.</p>");
  assert_true(b.ok);
  assert_has(b.text->str, "Admissions from 48.0 per 100,000 in March 2024 to 12.0 per 100,000 in June 2024.");
  bound_free(&b);
}

/* The first block under b that carries a chart (a <chart>, a sparkline's cell). */
static const SpecBlock *first_chart(const SpecBlock *b) {
  if (b->data && b->data->chart) return b;
  for (guint i = 0; i < b->n_children; i++) {
    const SpecBlock *c = first_chart(b->children[i]);
    if (c) return c;
  }
  return NULL;
}

/* The points of each polyline series j is drawn with in `role`, in order:
 * "2 2" is two lines of two points. */
static char *line_runs(const ChartSpec *c, ChartRole role, int j) {
  static PangoFontMap *font_map;
  if (!font_map) font_map = fonts_font_map_new("fonts", NULL);
  assert_non_null(font_map);
  PangoContext *ctx = fonts_context_new(font_map);
  ChartStyle st = chart_style_default();
  DiagList *d = diag_list_new();
  ChartPlan *p = chart_plan(c, &st, ctx, c->sparkline ? 60 : 300, c->sparkline ? 12 : 160, d);
  GString *runs = g_string_new(NULL);
  for (guint i = 0; i < p->items->len; i++) {
    const ChartItem *it = g_ptr_array_index(p->items, i);
    if (it->kind == CHART_ITEM_POLYLINE && it->role == role && it->series == j)
      g_string_append_printf(runs, "%s%d", runs->len ? " " : "", it->n_pts);
  }
  chart_plan_free(p), diag_list_free(d), g_object_unref(ctx);
  return g_string_free(runs, FALSE);
}

static void assert_runs(const ChartSpec *c, ChartRole role, int j, const char *want) {
  char *got = line_runs(c, role, j);
  assert_string_equal(got, want);
  g_free(got);
}

/* A year-to-date figure starts again each April: March's 120 and April's
 * 10 are not joined (the line and its target line break there, and so
 * does a sparkline), and the description tells each year's run apart
 * rather than "fell from 110 to 20; lowest 10 in Apr-24". One September
 * to the next is a fair comparison, joined as ever. */
static void test_ytd_line_breaks_where_the_year_starts_again(void **state) {
  (void)state;
  Bound b = bind_body("<chart type=\"line\"><caption>Entrants</caption><periods>2024-02 2024-03 2024-04 2024-05"
                      "</periods><series ref=\"YT\"/></chart>");
  if (!b.ok) fprintf(stderr, "%s", b.messages);
  assert_true(b.ok);
  const SpecBlock *chart = first_chart(b.spec->body);
  assert_non_null(chart);
  assert_has(chart->data->alt, "Line chart of Entrants, Feb-24 to May-24: 2023/24 to date: rose from 110 in Feb-24 to "
                               "120 in Mar-24; 2024/25 to date: rose from 10 in Apr-24 to 20 in May-24. Target: "
                               "2023/24 to date: rose from 110 in Feb-24 to 120 in Mar-24; 2024/25 to date: rose from "
                               "10 in Apr-24 to 20 in May-24.");
  assert_lacks(chart->data->alt, "fell");
  assert_lacks(chart->data->alt, "lowest");
  assert_runs(chart->data->chart, CHART_ROLE_SERIES, 0, "2 2");
  assert_runs(chart->data->chart, CHART_ROLE_REFERENCE, 1, "2 2"); /* the target */
  bound_free(&b);

  b = bind_body("<scorecard title=\"Measure\" sparkline=\"4\"><column period=\"2024-05\"/>"
                "<measure ref=\"YT\"/></scorecard>");
  assert_true(b.ok);
  const SpecBlock *spark = first_chart(b.spec->body);
  assert_non_null(spark);
  assert_string_equal(spark->data->alt, "Sparkline of First-time entrants, Feb-24 to May-24: 2023/24 to date: rose "
                                        "from 110 in Feb-24 to 120 in Mar-24; 2024/25 to date: rose from 10 in "
                                        "Apr-24 to 20 in May-24.");
  assert_runs(spark->data->chart, CHART_ROLE_SERIES, 0, "2 2");
  bound_free(&b);

  b = bind_body("<chart type=\"line\"><caption>Entrants</caption><periods>2023-09 2024-09</periods>"
                "<series ref=\"YT\"/></chart>");
  assert_true(b.ok);
  chart = first_chart(b.spec->body);
  assert_has(chart->data->alt, "Line chart of Entrants, Sep-23 to Sep-24: stayed the same at 60 from Sep-23 to Sep-24.");
  assert_runs(chart->data->chart, CHART_ROLE_SERIES, 0, "2");
  bound_free(&b);

  /* columns need no break, but their lowest is each year's own, not April's restart */
  b = bind_body("<chart type=\"column\"><caption>Entrants</caption><periods>2023-10 2023-11 2023-12 2024-01 2024-02 "
                "2024-03 2024-04 2024-05 2024-06</periods><series ref=\"YT\"/></chart>");
  assert_true(b.ok);
  chart = first_chart(b.spec->body);
  assert_has(chart->data->alt, "Column chart of Entrants, Oct-23 to Jun-24: 2023/24 to date: highest Mar-24 (120), "
                               "lowest Oct-23 (70); 2024/25 to date: highest Jun-24 (30), lowest Apr-24 (10). Target: ");
  bound_free(&b);
}

/* A slip in a scorecard column's period is one error, at the column, not
 * one at each row. */
static void test_scorecard_column_period_error_at_the_column(void **state) {
  (void)state;
  Bound b = bind_body("<scorecard title=\"Measure\">\n<column period=\"2024-25-Q1\"/><column period=\"2024-09\"/>\n"
                      "<measure ref=\"HT\"/>\n<measure ref=\"RV\"/></scorecard>");
  assert_false(b.ok);
  assert_has(b.messages, "report.xml:7:1: error: <column period=\"2024-25-Q1\">: '2024-25-Q1' is not a period");
  assert_int_equal(diag_count(b.diags), 1);
  bound_free(&b);
}

static void test_reversed_change_and_band_without_standard_are_errors(void **state) {
  (void)state;
  Bound b = bind_body("<p>Reviews <change ref=\"RV\" from=\"2024-09\" to=\"2024-06\" verb=\"yes\"/>; "
                      "<value ref=\"HT\"/> <band ref=\"HT\"/>; <band ref=\"RV\"/>.</p>");
  assert_false(b.ok);
  assert_has(b.messages, "report.xml:6:12: error: <change> from=\"2024-09\" is later than to=\"2024-06\": a change "
                         "runs from the earlier period to the later\n");
  assert_has(b.messages, "error: <band> for HT: the measure has no standard in the catalogue, so there is no band to "
                         "show (give it <standard min=\"…\"/> or max=, or remove the <band>)\n");
  assert_int_equal(diag_count(b.diags), 2); /* RV has a standard: its band is fine */
  bound_free(&b);
}

static void test_period_in_words(void **state) {
  (void)state;
  Bound b = bind_body("<p>In <period/>, after <period of=\"2024/25-Q2\"/>, <period of=\"2024-Q1\"/> and "
                      "<period of=\"2023/24\"/>.</p><section title=\"Performance in {period}\"><p>x</p></section>"
                      "<scorecard title=\"{period} measures\"><column period=\"2024-09\"/><measure ref=\"RV\"/>"
                      "</scorecard>");
  if (!b.ok) fprintf(stderr, "%s", b.messages);
  assert_true(b.ok);
  assert_has(b.text->str, "In September 2024, after Quarter 2 2024/25, Quarter 1 2024 and 2023/24.");
  assert_has(b.text->str, "Performance in September 2024\n");
  assert_has(b.text->str, "September 2024 measures | Sep-24 | DoT\n");
  bound_free(&b);
}

/* ---- 6. messages that find the problem ---------------------------------------- */

static void test_chart_period_without_data_is_a_warning(void **state) {
  (void)state;
  Bound b = bind_body("<chart type=\"line\"><caption>Reviews</caption><periods>2022-01 2024-08 2024-09 2025-01</periods>"
                      "\n<series ref=\"RV\"/><series ref=\"RV\" series=\"England\" optional=\"yes\"/></chart>");
  assert_true(b.ok);
  /* at the <chart> (line 6), not at its <series> (line 7) */
  assert_has(b.messages, "report.xml:6:1: warning: the chart \"Reviews\" has no figure for RV in Jan-22, Jan-25: they "
                         "are drawn as gaps (optional=\"yes\" on the <series> expects gaps)\n");
  assert_int_equal(diag_count(b.diags), 1); /* the optional comparator has none at all, silently */
  bound_free(&b);
}

static void test_optional_per_measure_expects_comparator_gaps(void **state) {
  (void)state;
  /* WC's catalogue entry says its comparators may be missing (Wales is
   * published yearly): its n/a cells and chart gaps are silent; RV's are not */
  Bound b = bind_body("<scorecard title=\"M\" direction=\"no\"><column period=\"2024-09\"/>"
                      "<column period=\"2024-09\" series=\"Wales\"/><measure ref=\"WC\"/></scorecard>\n"
                      "<chart type=\"line\"><caption>WC</caption><periods>2024-08 2024-09</periods><series ref=\"WC\"/>"
                      "<series ref=\"WC\" series=\"Wales\"/></chart>\n"
                      "<scorecard title=\"R\" direction=\"no\"><column period=\"2024-09\"/>"
                      "<column period=\"2024-09\" series=\"Wales\"/><measure ref=\"RV\" optional=\"yes\"/></scorecard>");
  if (!b.ok) fprintf(stderr, "%s", b.messages);
  assert_true(b.ok);
  assert_has(b.text->str, "% with a yearly comparator | 45.0 | n/a\n");
  assert_has(b.text->str, "% reviews on time (BB) | 79.0 | n/a\n");
  assert_int_equal(diag_count(b.diags), 1); /* RV's Wales cell only: optional on its row, not in the catalogue */
  assert_has(b.messages,
             "report.xml:8:104: warning: the data has no series \"Wales\" for RV, only its own figures (\"n/a\" is printed)\n");
  bound_free(&b);
}

/* A comparator the data never names is a slip, said with the names it
 * has, in the text and on a chart — not "no data" and a chart of gaps
 * drawn as "Wales (no data)" (Thamesmead Vale's "Englnd"). */
static void test_misspelt_series_is_an_error(void **state) {
  (void)state;
  Bound b = bind_body("<p>Wales: <value ref=\"WC\" period=\"2024-09\" series=\"Wles\"/>.</p>\n"
                      "<chart type=\"line\"><caption>WC</caption><periods>2024-08 2024-09</periods><series ref=\"WC\"/>"
                      "\n<series ref=\"WC\" series=\"Wles\"/></chart>");
  assert_false(b.ok);
  assert_has(b.messages, "report.xml:6:11: error: the data has no series \"Wles\" for WC (it has \"Wales\"); did you "
                         "mean \"Wales\"?\n");
  assert_has(b.messages, "report.xml:8:1: error: the data has no series \"Wles\" for WC (it has \"Wales\"); did you mean "
                         "\"Wales\"?\n");
  assert_int_equal(diag_count(b.diags), 2); /* not also a warning of gaps */
  bound_free(&b);
  /* a misspelt unit token is a series like any other: never silently n/a */
  b = bind_body("<p>Parent: <value ref=\"WC\" period=\"2024-09\" series=\"{paren}\"/>.</p>");
  assert_false(b.ok);
  assert_has(b.messages, "error: the data has no series \"{paren}\" for WC");
  bound_free(&b);
}

/* Words made for a figure in Polish (or Gaelic) text are English: each
 * such run is marked en-GB, and a warning says so once per language;
 * a bare number needs no mark, and Welsh has its own words. */
static void test_generated_words_in_another_language(void **state) {
  (void)state;
  Bound b = bind_body("<p lang=\"pl\">W okresie <period/> liczba <value ref=\"RV\"/>, "
                      "<change ref=\"RV\" from=\"2024-08\" to=\"2024-09\"/>.</p>\n"
                      "<p lang=\"pl\">Znowu <period/>.</p>\n<p lang=\"cy\">Yn <period/>.</p>");
  if (!b.ok) fprintf(stderr, "%s", b.messages);
  assert_true(b.ok);
  assert_has(b.messages, "report.xml:6:24: warning: boardpack writes the words it makes for figures in English or "
                         "Welsh only: in this lang=\"pl\" text \"September 2024\" is printed in English");
  assert_int_equal(diag_count(b.diags), 1); /* once for pl; none for cy */
  const SpecBlock *section = b.spec->body->children[0];
  const SpecInline *pl = &section->children[0]->text, *cy = &section->children[2]->text;
  guint english = 0, plain = 0;
  for (guint i = 0; i < pl->n_runs; i++) {
    if (pl->runs[i].kind != RUN_MEASURE) continue;
    if (pl->runs[i].lang && strcmp(pl->runs[i].lang, "en-GB") == 0) english++;
    else plain++;
  }
  assert_int_equal(english, 2); /* the period, the change's words */
  assert_int_equal(plain, 1);   /* RV's figure, "79.0%" */
  for (guint i = 0; i < cy->n_runs; i++) assert_null(cy->runs[i].lang);
  bound_free(&b);
}

/* An exception's trend table prints a flagged figure as the text does,
 * its unit before its marks: "80.0% [r]", not "80.0 [r]%". */
static void test_exception_figure_marks_after_the_unit(void **state) {
  (void)state;
  Bound b = bind_body("<exceptions refs=\"FR\" rule=\"red\"><commentary ref=\"FR\">x</commentary></exceptions>");
  if (!b.ok) fprintf(stderr, "%s", b.messages);
  assert_true(b.ok);
  assert_has(b.text->str, "80.0% [r]");
  assert_null(strstr(b.text->str, "[r]%"));
  bound_free(&b);
}

/* A report period past the data's last month is said once, at <data>,
 * not as "no data" at every figure (86 errors for one --period slip). */
static void test_period_after_the_data_said_once(void **state) {
  (void)state;
  Bound b = bind_body_in("2031-01", "<p><value ref=\"RV\"/> and <value ref=\"WC\"/>, <band ref=\"RV\"/>.</p>\n"
                                    "<scorecard title=\"M\"><column period=\"2031-01\"/><measure ref=\"RV\"/></scorecard>");
  assert_false(b.ok);
  assert_int_equal(diag_count(b.diags), 1);
  assert_has(b.messages, "report.xml:4:1: error: the report's period is 2031-01, but the data's figures end in ");
  bound_free(&b);
}

static void test_optional_per_measure_in_the_catalogue_is_checked(void **state) {
  (void)state;
  DiagList *diags = diag_list_new();
  char *path = test_write_file(dir, "bad-optional.xml",
                               "<?xml version=\"1.0\"?>\n<catalogue><group name=\"G\">\n<measure ref=\"A\" "
                               "kind=\"count\" basis=\"monthly\" optional=\"sometimes\"><title>A</title></measure>"
                               "</group></catalogue>\n");
  Catalogue *cat = catalogue_load(path, diags);
  assert_null(cat);
  assert_int_equal(diag_count(diags), 1);
  assert_non_null(diag_find(diags, "<measure optional=\"sometimes\">: optional= must be one of \"no\", \"comparators\" or \"yes\""));
  assert_int_equal(diag_get(diags, 0)->line, 3);
  g_free(path);
  diag_list_free(diags);
}

/* ---- 7. data quality and small numbers ------------------------------------- */

static void test_flags_marked_everywhere_and_in_the_legend(void **state) {
  (void)state;
  Bound b = bind_body("<p>Flagged: <value ref=\"FL\"/>, <change ref=\"FL\" from=\"2024-08\" to=\"2024-09\"/>; "
                      "October: <value ref=\"FL\" period=\"2024-10\"/>.</p>"
                      "<scorecard title=\"M\" direction=\"no\"><column period=\"2024-07\"/><column period=\"2024-08\"/>"
                      "<column period=\"2024-09\"/><column period=\"2024-10\"/><measure ref=\"FL\"/></scorecard>"
                      "<chart type=\"line\"><caption>Flagged</caption><periods>2024-07 2024-08 2024-09</periods>"
                      "<series ref=\"FL\"/></chart><legend/>");
  if (!b.ok) fprintf(stderr, "%s", b.messages);
  assert_true(b.ok);
  assert_has(b.text->str, "Flagged: 70.0% [p] [e], from 60.0% [r] in August 2024 to 70.0% [p] [e] in September 2024; "
                          "October: [x].");
  assert_has(b.text->str, "% flagged (BB) | 50.0 | 60.0 [r] | 70.0 [p] [e] | [x]\n");
  /* a point has no room for marks: its period label carries them */
  assert_has(b.text->str, "Line chart of Flagged, Jul-24 to Sep-24 [p] [e]: rose from 50.0% in Jul-24 (lowest) to "
                          "70.0% in Sep-24 [p] [e] (highest).");
  const ChartSpec *c = b.spec->body->children[0]->children[2]->data->chart;
  assert_string_equal(c->categories[1], "Aug-24 [r]");
  assert_has(b.text->str, "Data quality\n"
                          "[p] | Provisional: may change when final figures are published\n"
                          "[r] | Revised since it was last published\n"
                          "[e] | Estimated\n"
                          "[x] | Not yet available\n");
  assert_lacks(b.text->str, "[c]");
  bound_free(&b);
}

static void test_small_numbers_suppressed(void **state) {
  (void)state;
  Bound b = bind_body("<p>Small: <value ref=\"SM\" period=\"2024-07\"/>, <value ref=\"SM\" period=\"2024-08\"/>, "
                      "<value ref=\"SM\" period=\"2024-09\"/>; year to date <value ref=\"SQ\" period=\"2024-06\"/>, "
                      "<value ref=\"SQ\" period=\"2024-09\"/>; quarter <value ref=\"SM\" period=\"2024/25-Q2\"/>; "
                      "% <value ref=\"SP\" period=\"2024-07\"/>, <value ref=\"SP\" period=\"2024-08\"/>, "
                      "<value ref=\"SP\" period=\"2024-09\"/>.</p>"
                      "<chart type=\"column\"><caption>Small</caption><periods>2024-07 2024-08 2024-09</periods>"
                      "<series ref=\"SM\"/></chart><legend/>");
  if (!b.ok) fprintf(stderr, "%s", b.messages);
  assert_true(b.ok);
  /* 3 is hidden, 0 and 12 shown; 4 in the year is hidden; 3 of 50, and 48
   * of 50 (2 did not), hidden */
  assert_has(b.text->str, "Small: [c], 0, 12; year to date [c], [c]; quarter [c]; % [c], [c], 50.0%.");
  /* the chart's July column shows [c], as the text does, and its description says why there is no figure */
  assert_has(b.text->str, "Column chart of Small, Jul-24 [c] to Sep-24: Jul-24 [c] suppressed, Aug-24 0 and Sep-24 12.");
  const SpecBlock *chart = NULL;
  for (guint i = 0; i < b.spec->body->children[0]->n_children; i++)
    if (b.spec->body->children[0]->children[i]->kind == BLOCK_CHART) chart = b.spec->body->children[0]->children[i];
  assert_non_null(chart);
  assert_string_equal(chart_gap_mark(chart->data->chart, 0, 0), "[c]");
  assert_string_equal(chart_gap_mark(chart->data->chart, 0, 1), "n/a"); /* 0 is shown: no gap */
  assert_lacks(b.text->str, " 3 ");
  assert_lacks(b.text->str, "3.0");
  assert_has(b.text->str, "Jul-24 [c]");
  assert_has(b.text->str, "[c] | A small number, not shown to protect confidentiality");
  assert_int_equal(diag_count(b.diags), 0); /* a suppressed point is not a gap to warn about */
  bound_free(&b);
}

/* ---- 8. languages ------------------------------------------------------------ */

static void test_generated_words_in_welsh(void **state) {
  (void)state;
  Bound b = bind_body("<section title=\"Perfformiad {period}\" lang=\"cy\">"
                      "<p>Ym mis <period/> (<period of=\"2024/25-Q2\"/>): adolygiadau <change ref=\"RV\" "
                      "from=\"2024-06\" to=\"2024-09\" verb=\"yes\"/>; <direction ref=\"RV\" words=\"yes\"/>; "
                      "<direction ref=\"DR\" words=\"yes\"/>; <change ref=\"DR2\" from=\"2024-04\" to=\"2024-09\" "
                      "verb=\"yes\"/>; <change ref=\"RV\" from=\"2024-06\" to=\"2024-09\"/>.</p>"
                      "<scorecard title=\"Mesur\"><column period=\"2024-08\"/><column period=\"2024-09\"/>"
                      "<measure ref=\"RV\"/><measure ref=\"DR\"/></scorecard><legend/></section>"
                      "<p>In English <period/>, and <span lang=\"cy\"><period/></span>.</p>");
  if (!b.ok) fprintf(stderr, "%s", b.messages);
  assert_true(b.ok);
  assert_has(b.text->str, "Perfformiad Medi 2024\n");
  assert_has(b.text->str, "Ym mis Medi 2024 (Chwarter 2 2024/25): adolygiadau gwellodd, gan godi o 76.0% ym mis "
                          "Mehefin 2024 i 79.0% ym mis Medi 2024; yn uwch (yn well) na'r mis blaenorol (Awst 2024); "
                          "tua'r un fath \xc3\xa2'r un mis y llynedd (Medi 2023); arhosodd yn 10.0 fesul 100,000 rhwng "
                          "Ebrill 2024 a Medi 2024; o 76.0% ym mis Mehefin 2024 i 79.0% ym mis Medi 2024.");
  assert_has(b.text->str, "Mesur | Awst-24 | Medi-24 | CyT\n");
  assert_has(b.text->str, "Mae CyT yn cymharu ffigurau Medi-24 \xc3\xa2'r mis blaenorol (Awst-24); ar gyfer DR, "
                          "\xc3\xa2'r un mis y llynedd (Medi-23).");
  assert_has(b.text->str, "Allwedd\nPerfformiad yn erbyn y band targed\n");
  assert_has(b.text->str, "Cyfeiriad teithio o'r cyfnod blaenorol neu'r un cyfnod y llynedd (mae'r nodyn o dan bob "
                          "cerdyn sgorio yn dweud pa un)\n");
  assert_has(b.text->str, "In English September 2024, and Medi 2024.");
  bound_free(&b);
}

/* Items joined as bind_list_separator joins them, in `lang`. */
static char *joined(const char *lang, const char *const *items) {
  guint n = g_strv_length((char **)items);
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < n; i++) g_string_append_printf(s, "%s%s", bind_list_separator(lang, i, n, items[i]), items[i]);
  return g_string_free(s, FALSE);
}

static void assert_joined(const char *lang, const char *const *items, const char *want) {
  char *got = joined(lang, items);
  assert_string_equal(got, want);
  g_free(got);
}

/* Welsh "and" is "ac" before a vowel (w and y too, accented ones too),
 * "a" before a consonant; English is always "and". */
static void test_welsh_list_takes_ac_before_a_vowel(void **state) {
  (void)state;
  assert_joined("cy", (const char *const[]){"plant", "ysgolion", NULL}, "plant ac ysgolion");
  assert_joined("cy", (const char *const[]){"ysgolion", "llyfrgelloedd", NULL}, "ysgolion a llyfrgelloedd");
  assert_joined("cy", (const char *const[]){"DR", "HT", "AD", NULL}, "DR, HT ac AD");
  assert_joined("cy", (const char *const[]){"AD", "HT", "DR", NULL}, "AD, HT a DR");
  assert_joined("cy", (const char *const[]){"tai", "arian", NULL}, "tai ac arian");
  assert_joined("cy", (const char *const[]){"T\xc3\xaem y Gogledd", "T\xc3\xaem y De", "Uned Asesu", NULL},
                "T\xc3\xaem y Gogledd, T\xc3\xaem y De ac Uned Asesu");
  assert_joined("cy", (const char *const[]){"Y Fro", "Wrecsam", NULL}, "Y Fro ac Wrecsam");
  assert_joined("cy", (const char *const[]){"llyfrgelloedd", "\xc3\xb4l-ofal", NULL}, "llyfrgelloedd ac \xc3\xb4l-ofal");
  assert_joined("cy", (const char *const[]){"tai", "\xc5\xb5yr", NULL}, "tai ac \xc5\xb5yr");     /* ŵyr */
  assert_joined("cy", (const char *const[]){"tai", "\xc3\x89vian", NULL}, "tai ac \xc3\x89vian"); /* É */
  assert_joined("cy", (const char *const[]){"tai", "\xe2\x80\x98Ysbyty Gwynedd\xe2\x80\x99", NULL},
                "tai ac \xe2\x80\x98Ysbyty Gwynedd\xe2\x80\x99"); /* past an opening quote */
  assert_joined("cy", (const char *const[]){"tai", "hamdden", NULL}, "tai a hamdden"); /* h is no vowel */
  assert_joined("cy-GB", (const char *const[]){"gwastraff", "ailgylchu", NULL}, "gwastraff ac ailgylchu");
  assert_joined("cy", (const char *const[]){"EH1", NULL}, "EH1");
  assert_joined("en-GB", (const char *const[]){"DR", "HT", "AD", NULL}, "DR, HT and AD");
  assert_joined(NULL, (const char *const[]){"schools", "hospitals", NULL}, "schools and hospitals");
  assert_string_equal(bind_welsh_and("Ebrill 2024"), "ac");
  assert_string_equal(bind_welsh_and("Medi 2024"), "a");
  assert_false(bind_welsh_vowel_start(""));
  assert_false(bind_welsh_vowel_start("\xff" "a")); /* not UTF-8 */
}

/* Binds a whole report (`xml` after the <?xml?> line) with the test
 * catalogue and data. */
static Bound bind_report(const char *xml) {
  char *full = g_strconcat("<?xml version=\"1.0\"?>\n", xml, NULL);
  char *path = test_write_file(dir, "whole.xml", full);
  Bound b = {.diags = diag_list_new(), .text = g_string_new(NULL)};
  b.spec = spec_load(path, b.diags);
  gboolean data = b.spec && b.spec->data.catalogue;
  if (data) b.ms = measures_load(b.spec->data.catalogue, b.spec->data.values, b.diags);
  b.ok = b.spec && (b.ms || !data) && bind_spec(b.spec, b.ms, b.diags);
  if (!b.ok) diag_print(b.diags, stderr);
  g_free(full), g_free(path);
  return b;
}

#define WHOLE_REPORT(LANG, BODY_ATTRS, ANNEX_ATTRS)                                                                    \
  "<report lang=\"" LANG "\"><meta><committee>Panel</committee><date>2024-11-12</date><title>T</title>"             \
  "<contact name=\"A\"/><author name=\"B\"/></meta>"                                                                \
  "<data catalogue=\"catalogue.xml\" values=\"data.csv\" period=\"2024-09\"/><front-sheet><contents/></front-sheet>" \
  "<body" BODY_ATTRS "><section title=\"S\"><p>x</p></section></body><annex title=\"A\"" ANNEX_ATTRS "><p>y</p>"  \
  "</annex><annex title=\"B\" lang=\"en-GB\"><p>z</p></annex></report>\n"

/* A Welsh report's fixed words come from bind's table in Welsh: the front
 * sheet's and body's labels, the default body heading, contents title and
 * annex labels (an English annex in it keeps "Annex 2"), the footer the
 * code gives, and its date; an English report's are English, and a label
 * the author gave stays as given. */
static void test_welsh_report_labels(void **state) {
  (void)state;
  Bound b = bind_report(WHOLE_REPORT("cy", "", ""));
  assert_true(b.ok);
  const SpecMeta *m = &b.spec->meta;
  assert_string_equal(m->date_long, "12 Tachwedd 2024");
  assert_string_equal(spec_label(m, NULL, SPEC_LABEL_CONTACT), "Swyddog cyswllt");
  assert_string_equal(spec_label(m, NULL, SPEC_LABEL_AUTHOR), "Awdur");
  assert_string_equal(spec_label(m, NULL, SPEC_LABEL_WARDS), "Ward(iau)");
  assert_string_equal(spec_label(m, NULL, SPEC_LABEL_PORTFOLIOS), "Portffolios");
  assert_string_equal(spec_label(m, NULL, SPEC_LABEL_AGENDA_ITEM), "Eitem agenda");
  assert_string_equal(spec_label(m, NULL, SPEC_LABEL_PAGE_OF), "Tudalen {page} o {pages}");
  assert_string_equal(spec_label(m, NULL, SPEC_LABEL_CONTINUED), "parhad");
  assert_string_equal(spec_label(m, "en-GB", SPEC_LABEL_CONTINUED), "continued"); /* an English table in it */
  assert_string_equal(b.spec->body_title, "Adroddiad");
  assert_string_equal(b.spec->front->children[0]->title, "Cynnwys");
  assert_string_equal(b.spec->annexes[0]->label, "Atodiad 1");
  assert_string_equal(b.spec->annexes[1]->label, "Annex 2");
  bound_free(&b);

  b = bind_report(WHOLE_REPORT("en-GB", " title=\"The report\"", " label=\"Appendix A\" lang=\"cy\""));
  assert_true(b.ok);
  m = &b.spec->meta;
  assert_string_equal(m->date_long, "12 November 2024");
  assert_string_equal(spec_label(m, NULL, SPEC_LABEL_CONTACT), "Contact officer");
  assert_string_equal(spec_label(m, NULL, SPEC_LABEL_AUTHOR), "Author");
  assert_string_equal(spec_label(m, NULL, SPEC_LABEL_PAGE_OF), "Page {page} of {pages}");
  assert_string_equal(spec_label(m, "cy", SPEC_LABEL_CONTINUED), "parhad"); /* a Welsh table in it */
  assert_string_equal(b.spec->body_title, "The report");
  assert_string_equal(b.spec->front->children[0]->title, "Contents");
  assert_string_equal(b.spec->annexes[0]->label, "Appendix A"); /* the author's, though the annex is Welsh */
  assert_string_equal(b.spec->annexes[1]->label, "Annex 2");
  bound_free(&b);
}

/* Every label, the pack's agenda words among them, has both its words:
 * Welsh ones other than the English but for "Agenda", which Welsh spells
 * so too, and Scots law's notices, which are English only; "{n}" kept
 * where the number goes. */
static gboolean english_only(SpecLabel l) {
  return l == SPEC_LABEL_CONFIDENTIAL_EDITION_SCOTLAND || l == SPEC_LABEL_PUBLIC_EDITION_SCOTLAND ||
         l == SPEC_LABEL_EXEMPT_NOTICE_SCOTLAND;
}

static void test_every_label_in_both_languages(void **state) {
  (void)state;
  Bound b = bind_report(WHOLE_REPORT("cy", "", ""));
  assert_true(b.ok);
  const SpecMeta *m = &b.spec->meta;
  for (int l = 0; l < SPEC_LABEL_COUNT; l++) {
    const char *en = spec_label(m, "en-GB", (SpecLabel)l), *cy = spec_label(m, "cy", (SpecLabel)l);
    if (!en || !*en || !cy || !*cy) fail_msg("label %d has no words", l);
    if (strcmp(en, cy) == 0 && strcmp(en, "Agenda") != 0 && !english_only((SpecLabel)l)) fail_msg("label %d is \"%s\" in Welsh too", l, en);
    assert_int_equal(strstr(en, "{n}") != NULL, strstr(cy, "{n}") != NULL);
  }
  assert_string_equal(spec_label(m, NULL, SPEC_LABEL_ITEMS), "Eitemau");
  assert_string_equal(spec_label(m, NULL, SPEC_LABEL_ITEM_LATE), " (eitem hwyr)");
  bound_free(&b);
}

/* A cross-reference says what it points to in its own language: "adran
 * 1", "paragraff 1.1", the Welsh annex's label; an English paragraph in
 * the Welsh report says "section 1" (and the annex's label as it is). */
static void test_xref_in_its_language(void **state) {
  (void)state;
  Bound b = bind_report("<report lang=\"cy\"><meta><committee>Panel</committee><date>2024-11-12</date>"
                        "<title>T</title></meta><body><section title=\"S\" id=\"s1\"><p id=\"p1\">x</p>"
                        "<p>Gweler <xref to=\"s1\"/>, <xref to=\"p1\"/> ac <xref to=\"defs\"/>.</p>"
                        "<p lang=\"en-GB\">See <xref to=\"s1\"/> and <xref to=\"defs\"/>.</p></section></body>"
                        "<annex title=\"Diffiniadau\" id=\"defs\"><p>y</p></annex></report>\n");
  assert_true(b.ok);
  const SpecBlock *s = b.spec->body->children[0];
  assert_string_equal(spec_inline_text(b.spec, &s->children[1]->text), "Gweler adran 1, paragraff 1.1 ac Atodiad 1.");
  assert_string_equal(spec_inline_text(b.spec, &s->children[2]->text), "See section 1 and Atodiad 1.");
  bound_free(&b);
}

/* The note under a Welsh scorecard joins a group's refs with the same
 * separator: "ar gyfer DR ac AD", "ar gyfer AD a DR". */
static void test_welsh_direction_note_takes_ac(void **state) {
  (void)state;
  Bound b = bind_body("<section title=\"S\" lang=\"cy\"><scorecard title=\"Mesur\"><column period=\"2024-09\"/>"
                      "<measure ref=\"RV\"/><measure ref=\"HT\"/><measure ref=\"DR\"/><measure ref=\"AD\"/>"
                      "</scorecard><scorecard title=\"Mesur\"><column period=\"2024-09\"/><measure ref=\"RV\"/>"
                      "<measure ref=\"HT\"/><measure ref=\"AD\"/><measure ref=\"DR\"/></scorecard></section>"
                      "<scorecard title=\"Measure\"><column period=\"2024-09\"/><measure ref=\"RV\"/>"
                      "<measure ref=\"HT\"/><measure ref=\"DR\"/><measure ref=\"AD\"/></scorecard>");
  if (!b.ok) fprintf(stderr, "%s", b.messages);
  assert_true(b.ok);
  assert_has(b.text->str, "Mae CyT yn cymharu ffigurau Medi-24 \xc3\xa2'r mis blaenorol (Awst-24); ar gyfer DR ac AD, "
                          "\xc3\xa2'r un mis y llynedd (Medi-23).\n");
  assert_has(b.text->str, "Mae CyT yn cymharu ffigurau Medi-24 \xc3\xa2'r mis blaenorol (Awst-24); ar gyfer AD a DR, "
                          "\xc3\xa2'r un mis y llynedd (Medi-23).\n");
  assert_has(b.text->str, "DoT compares the Sep-24 figures with the previous month (Aug-24); for DR and AD, with the "
                          "same month last year (Sep-23).\n");
  bound_free(&b);
}

/* A Welsh section's scorecard and definitions sheet: the words boardpack
 * writes there (units, column heads) are Welsh; a measure's title is its
 * <title-cy> (DR), else its <title> as written (HT). */
static void test_welsh_scorecard_and_definitions_labels(void **state) {
  (void)state;
  Bound b = bind_body("<section title=\"S\" lang=\"cy\"><scorecard title=\"Mesur\" sparkline=\"3\">"
                      "<column period=\"2024-08\"/><column period=\"2024-09\"/><measure ref=\"HT\"/>"
                      "<measure ref=\"DR\" label=\"Derbyniadau, fesul 100,000\"/></scorecard><definitions/></section>"
                      "<scorecard title=\"Measure\" sparkline=\"3\"><column period=\"2024-09\"/><measure ref=\"HT\"/>"
                      "</scorecard>");
  if (!b.ok) fprintf(stderr, "%s", b.messages);
  assert_true(b.ok);
  assert_has(b.text->str, "Mesur | Awst-24 | Medi-24 | CyT | Y 3 mis diwethaf\n");
  assert_has(b.text->str, "Households in temporary accommodation, fesul 1,000 households (SB) | 3.6 | 3.6 | ↔ | \n");
  assert_has(b.text->str, "Derbyniadau, fesul 100,000 (SB) | 20.0 | 24.0 | ↔ | \n"); /* said already: not twice */
  assert_has(b.text->str, "CYF | MESUR | DIFFINIAD | RHIFIADUR | ENWADUR\n");
  assert_has(b.text->str, "DR | Derbyniadau parhaol i gartrefi gofal, fesul 100,000 |");
  assert_has(b.text->str, "Measure | Sep-24 | DoT | Last 3 months\n");
  assert_has(b.text->str, "Households in temporary accommodation, per 1,000 households (SB) | 3.6 | ↔ | \n");
  bound_free(&b);
}

/* In a Welsh block the chart's description, its period labels, a
 * <changes> table's words and the ratings and directions in it are Welsh;
 * the same blocks in English stay English. */
static void test_welsh_charts_and_changes(void **state) {
  (void)state;
  Bound b = bind_body("<section title=\"S\" lang=\"cy\"><chart type=\"line\"><caption>Adolygiadau ar amser</caption>"
                      "<periods>2024-06 2024-07 2024-08 2024-09</periods><series ref=\"RV\"/></chart>"
                      "<changes/></section>"
                      "<chart type=\"line\"><caption>Reviews on time</caption>"
                      "<periods>2024-06 2024-07 2024-08 2024-09</periods><series ref=\"RV\"/></chart><changes/>");
  if (!b.ok) fprintf(stderr, "%s", b.messages);
  assert_true(b.ok);
  assert_has(b.text->str, "[chart unit \"%\"] Siart llinell yn dangos Adolygiadau ar amser, Meh-24 \xe2\x80\x93 Medi-24: "
                          "cododd o 76.0% (Meh-24, yr isaf) i 79.0% (Medi-24, yr uchaf); islaw'r safon ofynnol o 80% ym "
                          "mhob cyfnod.\n");
  assert_has(b.text->str, "Beth sydd wedi newid\nMesur | Cynt | Nawr\nCyfeiriad wedi newid\n"
                          "FR % revised | 80.0% [r] (coch), Awst 2024 | 70.0% (coch, wedi dirywio), Medi 2024\n"
                          "Gwerth wedi newid\n"
                          "DR Derbyniadau parhaol i gartrefi gofal, fesul 100,000 | 20.0 fesul 100,000 (wedi aros yr un "
                          "fath), Awst 2024 | 24.0 fesul 100,000 (wedi aros yr un fath), Medi 2024\n"
                          "RV % reviews on time | 78.0% (heb gyrraedd, wedi gwella), Awst 2024 | 79.0% (heb gyrraedd, "
                          "wedi gwella), Medi 2024\n");
  /* the English blocks as they were */
  assert_has(b.text->str, "[chart unit \"%\"] Line chart of Reviews on time, Jun-24 to Sep-24: rose from 76.0% in Jun-24 "
                          "(lowest) to 79.0% in Sep-24 (highest); below the minimum standard of 80% in every period.\n");
  assert_has(b.text->str, "What has changed\nMeasure | Before | Now\nDirection changed\n"
                          "FR % revised | 80.0% [r] (red), August 2024 | 70.0% (red, deteriorated), September 2024\n"
                          "Value changed\n"
                          "DR Permanent admissions to care homes, per 100,000 | 20.0 per 100,000 (maintained), August "
                          "2024 | 24.0 per 100,000 (maintained), September 2024\n");
  bound_free(&b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_rate_units_in_text),
      cmocka_unit_test(test_rate_units_in_scorecard_and_definitions),
      cmocka_unit_test(test_rate_units_on_charts),
      cmocka_unit_test(test_sparkline_description_rounds_as_printed),
      cmocka_unit_test(test_scorecard_says_what_arrows_compare),
      cmocka_unit_test(test_direction_in_words),
      cmocka_unit_test(test_columns_contradicting_arrows_are_an_error),
      cmocka_unit_test(test_scorecard_compare_override),
      cmocka_unit_test(test_optional_column_is_quiet),
      cmocka_unit_test(test_mixed_units_on_a_chart_are_refused),
      cmocka_unit_test(test_mixed_period_kinds_on_a_chart_are_refused),
      cmocka_unit_test(test_change_writes_its_verb),
      cmocka_unit_test(test_change_verb_on_ytd_needs_the_same_point_of_the_year),
      cmocka_unit_test(test_ytd_line_breaks_where_the_year_starts_again),
      cmocka_unit_test(test_scorecard_column_period_error_at_the_column),
      cmocka_unit_test(test_reversed_change_and_band_without_standard_are_errors),
      cmocka_unit_test(test_period_in_words),
      cmocka_unit_test(test_chart_period_without_data_is_a_warning),
      cmocka_unit_test(test_optional_per_measure_expects_comparator_gaps),
      cmocka_unit_test(test_misspelt_series_is_an_error),
      cmocka_unit_test(test_generated_words_in_another_language),
      cmocka_unit_test(test_period_after_the_data_said_once),
      cmocka_unit_test(test_exception_figure_marks_after_the_unit),
      cmocka_unit_test(test_optional_per_measure_in_the_catalogue_is_checked),
      cmocka_unit_test(test_flags_marked_everywhere_and_in_the_legend),
      cmocka_unit_test(test_small_numbers_suppressed),
      cmocka_unit_test(test_generated_words_in_welsh),
      cmocka_unit_test(test_welsh_list_takes_ac_before_a_vowel),
      cmocka_unit_test(test_welsh_report_labels),
      cmocka_unit_test(test_every_label_in_both_languages),
      cmocka_unit_test(test_xref_in_its_language),
      cmocka_unit_test(test_welsh_direction_note_takes_ac),
      cmocka_unit_test(test_welsh_scorecard_and_definitions_labels),
      cmocka_unit_test(test_welsh_charts_and_changes),
      cmocka_unit_test(test_bad_comparisons_in_the_catalogue),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
