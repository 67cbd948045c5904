/* bind: what the measures engine's figures become in the document model —
 * the words, units, symbols and messages an author sees — checked on a
 * small catalogue of a different authority (quarterly housing and adult
 * social care, rates per 1,000 households and per 100,000 population).
 * Each test writes a report around the same catalogue and data, binds it,
 * and reads back the text of every block (table rows as "a | b | c",
 * charts as their unit and description) and every message. */
#include "testutil.h"

#include "bind/bind.h"
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
    "<title>Permanent admissions to care homes</title></measure>\n"
    "<measure ref=\"DR2\" kind=\"rate\" basis=\"monthly\" per=\"100000\" population=\"POP\">"
    "<title>Delayed transfers per 100,000 adults</title></measure>\n"
    "<measure ref=\"POP\" kind=\"count\" basis=\"annual\"><title>Adults 65+</title></measure>\n"
    "<measure ref=\"RV\" kind=\"percentage\" basis=\"monthly\" polarity=\"BB\"><title>% reviews on time</title>"
    "<standard min=\"80\"/></measure>\n"
    "</group>\n</catalogue>\n";

/* Households 30,000 and adults 65+ 50,000 in both years; temporary
 * accommodation 100 + month at each month's end (a stock); admissions 2 a
 * month; delays 5 a month; reviews 70% + month. */
static char *data_csv(void) {
  GString *s = g_string_new("ref,period,series,numerator,denominator,value,text\n");
  g_string_append(s, "HH,2023/24,,30000,,,\nHH,2024/25,,30000,,,\nPOP,2023/24,,50000,,,\nPOP,2024/25,,50000,,,\n");
  for (int i = 0; i < 18; i++) {
    int y = i < 9 ? 2023 : 2024, m = i < 9 ? i + 4 : i - 8;
    g_string_append_printf(s, "HT,%04d-%02d,,%d,,,\n", y, m, 100 + m);
    g_string_append_printf(s, "DR,%04d-%02d,,2,,,\n", y, m);
    g_string_append_printf(s, "DR2,%04d-%02d,,5,,,\n", y, m);
    g_string_append_printf(s, "RV,%04d-%02d,,%d,100,,\n", y, m, 70 + m);
  }
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
static Bound bind_body(const char *body) {
  char *xml = g_strdup_printf("<?xml version=\"1.0\"?>\n<report lang=\"en-GB\">\n<meta><committee>Panel</committee>"
                              "<date>2024-10-15</date><title>Test</title></meta>\n"
                              "<data catalogue=\"catalogue.xml\" values=\"data.csv\" period=\"2024-09\"/>\n"
                              "<body><section title=\"S\">\n%s\n</section></body>\n</report>\n",
                              body);
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
  assert_has(b.text->str, "[chart unit \"per 100,000\"] Column chart of Admissions: Jul-24 16.0 per 100,000; "
                          "Aug-24 20.0 per 100,000; and Sep-24 24.0 per 100,000.");
  assert_lacks(b.text->str, "10,000");
  /* the sparkline's description carries the unit too */
  const SpecBlock *card = b.spec->body->children[0]->children[2];
  const SpecBlock *cell = card->children[1]->children[3];
  assert_non_null(cell->data);
  assert_has(cell->data->alt, "per 100,000");
  bound_free(&b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_rate_units_in_text),
      cmocka_unit_test(test_rate_units_in_scorecard_and_definitions),
      cmocka_unit_test(test_rate_units_on_charts),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
