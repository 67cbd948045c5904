/* bind over a hierarchy of units: <exceptions level="team"> lists, per
 * measure, exactly the teams the rule selects on each team's own history.
 * The teams' monthly percentages are a table here; which teams each rule
 * should list is worked out from that table by the test's own reading of
 * the rules (red: below target - tolerance; amber: below target), not by
 * the engine. */
#include "testutil.h"

#include "bind/bind.h"
#include "measures/measure_units.h"
#include "measures/measures.h"
#include "spec/spec.h"

static const char *catalogue_xml =
    "<?xml version=\"1.0\"?>\n<catalogue authority=\"Testborough\" rating=\"rag\">\n<group name=\"Care\">\n"
    "<measure ref=\"PV\" kind=\"percentage\" basis=\"monthly\" polarity=\"BB\"><title>% visits on time</title>"
    "<target value=\"80\" tolerance=\"5\"/></measure>\n"
    "<measure ref=\"PR\" kind=\"percentage\" basis=\"monthly\" polarity=\"BB\"><title>% reviews on time</title>"
    "<target value=\"50\" tolerance=\"5\"/></measure>\n"
    "</group>\n</catalogue>\n";

static const char *units_xml = "<?xml version=\"1.0\"?>\n<units>\n"
                               "<unit id=\"B\" name=\"The Board\" level=\"board\"/>\n"
                               "<unit id=\"S\" name=\"The Service\" level=\"service\" parent=\"B\"/>\n"
                               "<unit id=\"T1\" name=\"Team One\" level=\"team\" parent=\"S\"/>\n"
                               "<unit id=\"T2\" name=\"Team Two\" level=\"team\" parent=\"S\"/>\n"
                               "<unit id=\"T3\" name=\"Team Three\" level=\"team\" parent=\"S\"/>\n"
                               "<unit id=\"T4\" name=\"Team Four\" level=\"team\" parent=\"S\"/>\n"
                               "<unit id=\"T5\" name=\"Team Five\" level=\"team\" parent=\"S\"/>\n"
                               "</units>\n";

#define TEAMS 5
#define MONTHS 6
static const char *const team_ids[TEAMS] = {"T1", "T2", "T3", "T4", "T5"};
static const char *const team_names[TEAMS] = {"Team One", "Team Two", "Team Three", "Team Four", "Team Five"};
/* PV: each team's visits on time out of 100, January to June 2024 (June is
 * the report's period). Target 80, tolerance 5. PR is 60 everywhere. */
static const int visits[TEAMS][MONTHS] = {
    {90, 90, 90, 90, 90, 90}, /* green throughout */
    {90, 90, 90, 90, 90, 78}, /* amber in June */
    {90, 90, 90, 90, 70, 70}, /* red May and June */
    {90, 90, 90, 90, 90, 70}, /* red in June only */
    {90, 90, 90, 70, 70, 78}, /* red April and May, amber in June: not back on target */
};

static char *data_csv(void) {
  GString *s = g_string_new("ref,period,unit,numerator,denominator\n");
  for (int t = 0; t < TEAMS; t++)
    for (int m = 0; m < MONTHS; m++) {
      g_string_append_printf(s, "PV,2024-%02d,%s,%d,100\n", m + 1, team_ids[t], visits[t][m]);
      g_string_append_printf(s, "PR,2024-%02d,%s,60,100\n", m + 1, team_ids[t]);
    }
  return g_string_free(s, FALSE);
}

/* The test's own reading of the rules over one team's months. */
typedef enum { RULE_RED, RULE_RED_OR_AMBER, RULE_RED_TWICE } Rule;
static gboolean is_red(int v) { return v < 80 - 5; }
static gboolean is_green(int v) { return v >= 80; }
static gboolean selected(Rule rule, const int *v) {
  int last = v[MONTHS - 1];
  if (rule == RULE_RED) return is_red(last);
  if (rule == RULE_RED_OR_AMBER) return !is_green(last);
  for (int k = MONTHS - 1; k >= 0 && !is_green(v[k]); k--) /* back to the last time on target */
    if (k > 0 && is_red(v[k]) && is_red(v[k - 1])) return TRUE;
  return FALSE;
}

static char *dir;

static int setup(void **state) {
  (void)state;
  dir = test_scratch_dir("bind-units");
  char *csv = data_csv();
  g_free(test_write_file(dir, "catalogue.xml", catalogue_xml));
  g_free(test_write_file(dir, "units.xml", units_xml));
  g_free(test_write_file(dir, "data.csv", csv));
  g_free(csv);
  return 0;
}

static int teardown(void **state) {
  (void)state;
  g_free(dir);
  return 0;
}

typedef struct {
  gboolean ok;
  GString *text;  /* every block's text, one line each; table rows "a | b | c" */
  char *messages; /* every diagnostic, as printed */
} Bound;

static void dump_block(Spec *spec, const SpecBlock *b, GString *out) {
  if (!b) return;
  if (b->kind == BLOCK_TABLE_ROW && !b->group) {
    for (guint i = 0; i < b->n_children; i++)
      g_string_append_printf(out, "%s%s", i ? " | " : "", spec_inline_text(spec, &b->children[i]->text));
    g_string_append_c(out, '\n');
    return;
  }
  const char *t = spec_inline_text(spec, &b->text);
  if (t && *t) g_string_append_printf(out, "%s\n", t);
  for (guint i = 0; i < b->n_children; i++) dump_block(spec, b->children[i], out);
}

/* Binds a report of unit `unit` whose <body> section holds `body`, at 2024-06. */
static Bound bind_unit_body(const char *unit, const char *body) {
  char *xml = g_strdup_printf("<?xml version=\"1.0\"?>\n<report lang=\"en-GB\">\n<meta><committee>Panel</committee>"
                              "<date>2024-07-15</date><title>Test</title></meta>\n"
                              "<data catalogue=\"catalogue.xml\" values=\"data.csv\" units=\"units.xml\" period=\"2024-06\"/>\n"
                              "<body><section title=\"S\">\n%s\n</section></body>\n</report>\n",
                              body);
  char *path = test_write_file(dir, "report.xml", xml);
  Bound b = {.text = g_string_new(NULL)};
  DiagList *diags = diag_list_new();
  Spec *spec = spec_load(path, diags);
  assert_non_null(spec);
  Measures *ms = measures_load(spec->data.catalogue, spec->data.values, diags);
  assert_non_null(ms);
  Hierarchy *h = hierarchy_load(spec->data.units, diags);
  assert_non_null(h);
  assert_true(measures_set_hierarchy(ms, h, diags));
  Measures *view = measures_unit_view(ms, hierarchy_lookup(h, unit));
  b.ok = bind_spec(spec, view, diags);
  dump_block(spec, spec->body, b.text);
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  diag_print(diags, f);
  fclose(f);
  b.messages = buf;
  spec_free(spec);
  measures_free(view);
  measures_free(ms);
  diag_list_free(diags);
  g_free(xml), g_free(path);
  return b;
}

static void bound_free(Bound *b) {
  g_string_free(b->text, TRUE);
  free(b->messages);
}

static void assert_has(const char *haystack, const char *needle) {
  if (!strstr(haystack, needle)) fprintf(stderr, "expected \"%s\" in:\n%s\n", needle, haystack);
  assert_non_null(strstr(haystack, needle));
}

/* The table rows of PV's listing name exactly the teams the rule selects. */
static void check_rule(const char *rule_attr, Rule rule) {
  char *body = g_strdup_printf("<exceptions rule=\"%s\" level=\"team\" refs=\"PV PR\"/>", rule_attr);
  Bound b = bind_unit_body("B", body);
  assert_true(b.ok);
  guint want = 0;
  for (int t = 0; t < TEAMS; t++) {
    char *row = g_strdup_printf("\n%s | %d.0%% | 80.0%% | ", team_names[t], visits[t][MONTHS - 1]);
    gboolean listed = strstr(b.text->str, row) != NULL;
    if (listed != selected(rule, visits[t]))
      fail_msg("rule %s: %s is %s, but its months say it should %sbe:\n%s", rule_attr, team_ids[t],
               listed ? "listed" : "not listed", listed ? "not " : "", b.text->str);
    want += listed;
    g_free(row);
  }
  assert_true(want > 0);
  char *lead = g_strdup_printf("\n%u of the %d teams ", want, TEAMS);
  assert_has(b.text->str, lead);
  /* PR is 60 against 50 everywhere: no heading for it */
  assert_null(strstr(b.text->str, "PR % reviews on time"));
  /* every listed team lacks commentary: one warning names them all */
  assert_has(b.messages, "without commentary: add <commentary ref=\"PV\" unit=\"");
  g_free(lead), g_free(body);
  bound_free(&b);
}

static void test_red(void **state) {
  (void)state;
  check_rule("red", RULE_RED);
}
static void test_red_or_amber(void **state) {
  (void)state;
  check_rule("red-or-amber", RULE_RED_OR_AMBER);
}
static void test_red_twice(void **state) {
  (void)state;
  check_rule("red-twice", RULE_RED_TWICE);
}

static void test_unit_commentary(void **state) {
  (void)state;
  Bound b = bind_unit_body("B", "<exceptions rule=\"red\" level=\"team\" refs=\"PV\">"
                                "<commentary ref=\"PV\">Two teams were short-staffed.</commentary>"
                                "<commentary ref=\"PV\" unit=\"T3\">A vacancy since April.</commentary>"
                                "<commentary ref=\"PV\" unit=\"T4\">One bad month.</commentary>"
                                "<commentary ref=\"PV\" unit=\"T1\">Not listed, so not printed.</commentary>"
                                "</exceptions>");
  assert_true(b.ok);
  assert_has(b.text->str, "Two teams were short-staffed.\nTeam Three: A vacancy since April.\nTeam Four: One bad month.\n");
  assert_null(strstr(b.text->str, "Not listed"));
  assert_null(strstr(b.messages, "without commentary")); /* both listed teams explained */
  bound_free(&b);
}

static void test_unit_errors(void **state) {
  (void)state;
  /* a misspelt unit */
  Bound b = bind_unit_body("B", "<exceptions level=\"team\" refs=\"PV\"><commentary ref=\"PV\" unit=\"T6\">x</commentary>"
                                "</exceptions>");
  assert_false(b.ok);
  assert_has(b.messages, "error: commentary for unit \"T6\": no such unit in");
  assert_has(b.messages, "(did you mean \"T");
  bound_free(&b);
  /* unit= on a report of measures */
  b = bind_unit_body("B", "<exceptions refs=\"PV\"><commentary ref=\"PV\" unit=\"T3\">x</commentary></exceptions>");
  assert_false(b.ok);
  assert_has(b.messages, "this exception report lists measures, not units");
  bound_free(&b);
  /* a unit of another level */
  b = bind_unit_body("B", "<exceptions level=\"team\" refs=\"PV\"><commentary ref=\"PV\" unit=\"S\">x</commentary>"
                          "</exceptions>");
  assert_false(b.ok);
  assert_has(b.messages, "commentary for The Service (S), a service, but this exception report lists teams");
  bound_free(&b);
  /* a team's report cannot list teams */
  b = bind_unit_body("T3", "<exceptions level=\"team\" refs=\"PV\"/>");
  assert_false(b.ok);
  assert_has(b.messages, "an exception report across units of teams shows the units below the report's, but this is "
                         "the report of Team Three, a team");
  bound_free(&b);
}

static void test_no_unit_listed(void **state) {
  (void)state;
  Bound b = bind_unit_body("B", "<exceptions level=\"team\" refs=\"PR\"/>");
  assert_true(b.ok);
  assert_has(b.text->str, "No team is red.");
  bound_free(&b);
}

/* A rank in a Welsh paragraph, and a Welsh exception report across teams. */
static void test_welsh_rank_and_exceptions(void **state) {
  (void)state;
  /* Team Three's 70.0% in June is the lowest but one tied: 1 team at 90,
   * 1 at 78, 2 at 70 (T3, T4), 1 at 78 (T5): T3 is joint 4th of 5 */
  Bound b = bind_unit_body("T3", "<p lang=\"cy\">Safle: <rank ref=\"PV\" among=\"team\" quartile=\"yes\"/>.</p>"
                                 "<p>Rank: <rank ref=\"PV\" among=\"team\"/>.</p>");
  if (!b.ok) fprintf(stderr, "%s", b.messages);
  assert_true(b.ok);
  assert_has(b.text->str, "Safle: cydradd 4ydd o 5 (chwartel isaf).\n");
  assert_has(b.text->str, "Rank: joint 4th of 5.\n");
  bound_free(&b);
  b = bind_unit_body("B", "<section title=\"E\" lang=\"cy\"><exceptions rule=\"red\" level=\"team\" refs=\"PV PR\">"
                          "<commentary ref=\"PV\" unit=\"T3\">Swydd wag ers mis Ebrill.</commentary></exceptions>"
                          "<exceptions rule=\"red\" level=\"team\" refs=\"PR\"/></section>");
  assert_has(b.text->str, "Timau yn goch ym mis Mehefin 2024: 2 o 5.\n");
  assert_has(b.text->str, "T\xc3\xaem | Ffigur | Targed | Sg\xc3\xb4r | CyT\n");
  assert_has(b.text->str, "Team Three | 70.0% | 80.0% | \xe2\x9c\x96 coch | \xe2\x86\x94 wedi aros yr un fath\n");
  assert_has(b.text->str, "Team Three: Swydd wag ers mis Ebrill.\n");
  assert_has(b.text->str, "Nid oes unrhyw d\xc3\xaem yn goch.\n");
  bound_free(&b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_red),
      cmocka_unit_test(test_red_or_amber),
      cmocka_unit_test(test_red_twice),
      cmocka_unit_test(test_unit_commentary),
      cmocka_unit_test(test_unit_errors),
      cmocka_unit_test(test_no_unit_listed),
      cmocka_unit_test(test_welsh_rank_and_exceptions),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
