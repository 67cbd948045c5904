/* `boardpack diff`: on the starter catalogue, last month's data file
 * (no March; January's calls as first published) against this month's
 * (March added, January revised, March's fast answers below standard):
 * the rating flip comes first, then the revised January figure, then the
 * direction flip, then the changed value — each once, in that order. One
 * file with --period and --against gives the same changes, no revision.
 * With --old-catalogue, a standard moved between the catalogues is listed
 * last ("Target moved"). */
#include "e2eutil.h"

static char *dir;

static const char catalogue[] = "src/cli/starter/catalogue.xml";

/* The starter data written as `name`, each line (the header first) given
 * to `line`, which appends what stands for it to `out`. */
typedef void (*LineEdit)(GString *out, char *const *line, char *const *first, gconstpointer data);

static char *starter_data(const char *name, LineEdit edit, gconstpointer data) {
  char *text = NULL;
  assert_true(g_file_get_contents("src/cli/starter/data.csv", &text, NULL, NULL));
  char **lines = g_strsplit(text, "\n", -1);
  GString *out = g_string_new(NULL);
  for (char **l = lines; *l && **l; l++) edit(out, l, lines, data);
  g_strfreev(lines);
  g_free(text);
  char *path = test_write_file(dir, name, out->str);
  g_string_free(out, TRUE);
  return path;
}

typedef struct {
  gboolean drop_march;
  const char *from, *to;
} Edit;

static void line_edit(GString *out, char *const *l, char *const *first, gconstpointer data) {
  (void)first;
  const Edit *e = data;
  if (e->drop_march && strstr(*l, ",2026-03,")) return;
  if (e->from && g_str_has_prefix(*l, e->from)) g_string_append_printf(out, "%s%s\n", e->to, *l + strlen(e->from));
  else g_string_append_printf(out, "%s\n", *l);
}

/* The starter data without March if `drop_march`, a line starting `from` starting `to` instead. */
static char *data_file(const char *name, gboolean drop_march, const char *from, const char *to) {
  return starter_data(name, line_edit, &(Edit){drop_march, from, to});
}

static void test_two_files(void **state) {
  (void)state;
  char *old = data_file("old.csv", TRUE, "CC1,2026-01,,4620,", "CC1,2026-01,,4600,");
  char *now = data_file("new.csv", FALSE, "CC2,2026-03,,3990,", "CC2,2026-03,,3700,");
  RunResult r = RUN(boardpack_bin(), "diff", "-c", catalogue, old, now);
  assert_int_equal(r.status, 0);
  assert_string_equal(r.err, "");
  const char *const order[] = {
      "Rating changed\n",
      "  CC2 % of calls answered within 60 seconds: from 84.1% (achieved, improved) in February 2026 to 78.7% "
      "(not met, deteriorated) in March 2026\n",
      "Revised after publication\n",
      "  CC1 Calls answered, January 2026: 4,600, now 4,620\n",
      "Direction changed\n",
      "  CC1 Calls answered: from 4,470 (deteriorated) in February 2026 to 4,700 (improved) in March 2026\n",
      "Value changed\n",
      "  CC3 % of complaints answered late: from 5.0% (achieved, improved) in February 2026 to 4.0% (achieved, "
      "improved) in March 2026\n",
      NULL};
  assert_found_in_order(r.out, order);
  /* each measure under one heading only; nothing else revised */
  assert_null(strstr(strstr(r.out, "Direction changed"), "CC2"));
  assert_null(strstr(strstr(r.out, "Revised after publication"), "Revised after publication\n  CC2"));
  assert_null(strstr(r.out, "Target moved")); /* one catalogue: no target can move */
  run_result_clear(&r);

  r = RUN(boardpack_bin(), "diff", "-c", catalogue, now, "--period", "2026-03", "--against", "2026-02");
  assert_int_equal(r.status, 0);
  assert_found_in_order(r.out, (const char *const[]){"Rating changed\n  CC2 ", "Direction changed\n  CC1 ",
                                               "Value changed\n  CC3 ", NULL});
  assert_null(strstr(r.out, "Revised"));
  run_result_clear(&r);

  r = RUN(boardpack_bin(), "diff", "-c", catalogue, now, now);
  assert_int_equal(r.status, 0);
  assert_string_equal(r.out, "No changes\n");
  run_result_clear(&r);
  g_free(old);
  g_free(now);
}

/* The catalogue `from` with `standard` replaced by `with` (every time), as `name`. */
static char *catalogue_edited(const char *from, const char *name, const char *standard, const char *with) {
  char *text = NULL;
  assert_true(g_file_get_contents(from, &text, NULL, NULL));
  char **parts = g_strsplit(text, standard, -1);
  char *edited = g_strjoinv(with, parts);
  g_strfreev(parts);
  char *path = test_write_file(dir, name, edited);
  g_free(text), g_free(edited);
  return path;
}

/* The starter catalogue with CC2's standard raised from 80 to 85 and
 * CC3's "no more than 10%" dropped: both listed under "Target moved",
 * after every other kind, in catalogue order. */
static void test_targets_moved(void **state) {
  (void)state;
  char *raised = catalogue_edited(catalogue, "catalogue-raised.xml", "<standard min=\"80\">", "<standard min=\"85\">");
  char *new_catalogue = catalogue_edited(raised, "catalogue-new.xml",
                                         "<standard max=\"10\">No more than 10% late.</standard>", "");
  g_free(raised);
  char *old = data_file("old-t.csv", TRUE, NULL, NULL);
  char *now = data_file("new-t.csv", FALSE, NULL, NULL);
  RunResult r = RUN(boardpack_bin(), "diff", "-c", new_catalogue, "--old-catalogue", catalogue, old, now);
  assert_int_equal(r.status, 0);
  assert_found_in_order(r.out, (const char *const[]){"Target moved\n",
                                               "  CC2 % of calls answered within 60 seconds: from ≥ 80% to ≥ 85%\n",
                                               "  CC3 % of complaints answered late: from ≤ 10% to none\n", NULL});
  assert_string_equal(strstr(r.out, "Target moved\n") + strlen("Target moved\n"),
                      "  CC2 % of calls answered within 60 seconds: from ≥ 80% to ≥ 85%\n"
                      "  CC3 % of complaints answered late: from ≤ 10% to none\n");
  run_result_clear(&r);
  r = RUN(boardpack_bin(), "diff", "-c", new_catalogue, "--old-catalogue", catalogue, now, "--period", "2026-03",
          "--against", "2026-02");
  assert_int_equal(r.status, 2); /* two catalogues need two files */
  run_result_clear(&r);
  g_free(new_catalogue), g_free(old), g_free(now);
}

/* CC2 rated rag in both catalogues, its March target raised from 80% to
 * 82% in the new one: the same data file on both sides, so the only
 * change is the target that holds for March. */
static void test_rag_target_moved(void **state) {
  (void)state;
  const char *standard = "<standard min=\"80\">At least 80% within 60 seconds.</standard>";
  const char *targets[] = {"<target value=\"80\" tolerance=\"2\"/>",
                           "<target value=\"80\" tolerance=\"2\"/><target value=\"82\" period=\"2026-03\" "
                           "tolerance=\"2\"/>"};
  char *paths[2];
  for (int i = 0; i < 2; i++) {
    char *name = g_strdup_printf("rag-%d.xml", i);
    char *with_target = catalogue_edited(catalogue, name, standard, targets[i]), *text = NULL;
    assert_true(g_file_get_contents(with_target, &text, NULL, NULL));
    char **parts = g_strsplit(text, "<measure ref=\"CC2\"", -1);
    char *rag = g_strjoinv("<measure ref=\"CC2\" rating=\"rag\"", parts);
    paths[i] = test_write_file(dir, name, rag);
    g_strfreev(parts);
    g_free(rag), g_free(text), g_free(with_target), g_free(name);
  }
  char *data = data_file("rag.csv", FALSE, NULL, NULL);
  RunResult r = RUN(boardpack_bin(), "diff", "-c", paths[1], "--old-catalogue", paths[0], data, data);
  if (r.status != 0) fail_msg("diff failed: %s", r.err);
  assert_string_equal(r.out, "Target moved\n  CC2 % of calls answered within 60 seconds: from 80% to 82%\n");
  run_result_clear(&r);
  g_free(paths[0]), g_free(paths[1]), g_free(data);
}

typedef struct {
  const char *flagged, *word, *january;
} Flags;

static void line_flag(GString *out, char *const *l, char *const *first, gconstpointer data) {
  const Flags *f = data;
  const char *flag = l == first ? "flag" : g_str_has_prefix(*l, f->flagged) ? f->word : "";
  if (g_str_has_prefix(*l, "CC1,2026-01,")) g_string_append_printf(out, "CC1,2026-01,,%s,,,,,,%s\n", f->january, flag);
  else g_string_append_printf(out, "%s,%s\n", *l, flag);
}

/* The starter data with a flag column: lines starting `flagged`
 * ("CC3,2026-03,") flagged `word`, January's calls as `january`. */
static char *data_flagged(const char *name, const char *flagged, const char *word, const char *january) {
  return starter_data(name, line_flag, &(Flags){flagged, word, january});
}

/* A flagged figure keeps its mark in the listing, as in a report: "4.0%
 * [p]", a revision "now 4,620 [r]". A figure whose flag alone changed
 * (provisional, then confirmed) is not listed: its value is the same. */
static void test_marks(void **state) {
  (void)state;
  char *old = data_flagged("old-flags.csv", "CC3,2026-02,", "provisional", "4600");
  char *now = data_flagged("new-flags.csv", "CC1,2026-01,", "revised", "4620");
  char *now_p = data_flagged("new-p.csv", "CC3,2026-03,", "provisional", "4620");
  RunResult r = RUN(boardpack_bin(), "diff", "-c", catalogue, now_p, "--period", "2026-03", "--against", "2026-02");
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "  CC3 % of complaints answered late: from 5.0% (achieved, improved) in February "
                                "2026 to 4.0% [p] (achieved, improved) in March 2026\n"));
  run_result_clear(&r);
  r = RUN(boardpack_bin(), "diff", "-c", catalogue, old, now);
  assert_int_equal(r.status, 0);
  assert_string_equal(r.err, "");
  assert_non_null(
      strstr(r.out, "Revised after publication\n  CC1 Calls answered, January 2026: 4,600, now 4,620 [r]\n"));
  assert_null(strstr(r.out, "February 2026:"));
  run_result_clear(&r);
  g_free(old), g_free(now), g_free(now_p);
}

static void test_bad_input(void **state) {
  (void)state;
  char *bad = test_write_file(dir, "bad.csv", "ref,period,series,numerator,denominator,value,text,band,note\n"
                                              "CC1,2026-03,,lots,,,,,\n");
  RunResult r = RUN(boardpack_bin(), "diff", "-c", catalogue, bad, bad);
  assert_int_equal(r.status, 1);
  assert_non_null(strstr(r.err, "bad.csv:2:"));
  assert_string_equal(r.out, "");
  run_result_clear(&r);
  r = RUN(boardpack_bin(), "diff", bad, bad);
  assert_int_equal(r.status, 2);
  run_result_clear(&r);
  r = RUN(boardpack_bin(), "diff", "-c", catalogue, bad, "--period", "2026-03");
  assert_int_equal(r.status, 2);
  run_result_clear(&r);
  g_free(bad);
}

int main(void) {
  dir = test_scratch_dir("e2e-diff");
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_two_files),
      cmocka_unit_test(test_targets_moved),
      cmocka_unit_test(test_rag_target_moved),
      cmocka_unit_test(test_marks),
      cmocka_unit_test(test_bad_input),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  g_free(dir);
  return rc;
}
