/* tiers: samples/tiers rendered with --each, each team's and worker's
 * figures checked against sums taken here from data.csv and units.xml
 * (not by the engine), the board's heat map and rank, same bytes twice,
 * nothing written when one unit fails, and the hierarchy's errors. */
#include "e2eutil.h"
#include "pdfua_check.h"

#define SAMPLE "samples/tiers"

/* ---- the sample's data, read here independently -------------------------- */

typedef struct {
  char id[32], name[80], level[16], parent[32];
} TestUnit;

static GArray *units_read(void) {
  char *text = NULL;
  assert_true(g_file_get_contents(SAMPLE "/units.xml", &text, NULL, NULL));
  GArray *units = g_array_new(FALSE, TRUE, sizeof(TestUnit));
  for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
    TestUnit u = {0};
    char *at = strstr(line, "<unit ");
    if (!at) continue;
    int n = sscanf(at, "<unit id=\"%31[^\"]\" name=\"%79[^\"]\" level=\"%15[^\"]\" parent=\"%31[^\"]\"", u.id, u.name,
                   u.level, u.parent);
    assert_true(n >= 3);
    g_array_append_val(units, u);
  }
  g_free(text);
  return units;
}

static const TestUnit *unit_find(GArray *units, const char *id) {
  for (guint i = 0; i < units->len; i++)
    if (strcmp(g_array_index(units, TestUnit, i).id, id) == 0) return &g_array_index(units, TestUnit, i);
  return NULL;
}

static gboolean under(GArray *units, const char *id, const char *ancestor) {
  for (const TestUnit *u = unit_find(units, id); u; u = *u->parent ? unit_find(units, u->parent) : NULL)
    if (strcmp(u->id, ancestor) == 0) return TRUE;
  return FALSE;
}

/* Sum of the numerators and denominators of `ref` in `period` over the
 * rows of units at or below `unit` (all the sample's rows are workers'). */
static void sum_counts(GArray *units, const char *ref, const char *period, const char *unit, gint64 *num, gint64 *den) {
  char *text = NULL;
  assert_true(g_file_get_contents(SAMPLE "/data.csv", &text, NULL, NULL));
  *num = *den = 0;
  char **lines = g_strsplit(text, "\n", -1);
  for (char **l = lines + 1; *l && **l; l++) {
    char **f = g_strsplit(*l, ",", -1);
    if (strcmp(f[0], ref) == 0 && strcmp(f[1], period) == 0 && *f[2] && under(units, f[2], unit))
      *num += g_ascii_strtoll(f[5], NULL, 10), *den += *f[6] ? g_ascii_strtoll(f[6], NULL, 10) : 0;
    g_strfreev(f);
  }
  g_strfreev(lines);
  g_free(text);
}

/* 100 * num / den to one decimal, half up (positive figures only). */
static char *percent(gint64 num, gint64 den) {
  gint64 tenths = (2000 * num + den) / (2 * den);
  return g_strdup_printf("%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT, tenths / 10, tenths % 10);
}

static char *pdf_text(const char *pdf) {
  RunResult r = RUN("pdftotext", "-enc", "UTF-8", pdf, "-");
  assert_int_equal(r.status, 0);
  char *t = squash_space(r.out);
  run_result_clear(&r);
  return t;
}

static void assert_contains(const char *text, const char *want) {
  if (!strstr(text, want)) fail_msg("the text does not contain \"%s\"", want);
}

static guint files_in(const char *dir) {
  GDir *d = g_dir_open(dir, 0, NULL);
  guint n = 0;
  while (d && g_dir_read_name(d)) n++;
  if (d) g_dir_close(d);
  return n;
}

/* ---- tests ------------------------------------------------------------------ */

/* `render SPEC --each LEVEL` into a scratch folder, which is returned. */
static char *render_each(const char *spec, const char *level, const char *scratch) {
  char *dir = test_scratch_dir(scratch);
  RunResult r = RUN(boardpack_bin(), "render", spec, "--each", level, "--outdir", dir, "-j", "2");
  if (r.status != 0) fail_msg("%s", r.err);
  run_result_clear(&r);
  return dir;
}

static void test_each_team(void **state) {
  (void)state;
  char *dir = render_each(SAMPLE "/team.xml", "team", "tiers-teams");
  GArray *units = units_read();
  guint teams = 0;
  for (guint i = 0; i < units->len; i++) {
    const TestUnit *u = &g_array_index(units, TestUnit, i);
    if (strcmp(u->level, "team") != 0) continue;
    teams++;
    char *name = g_strconcat(u->id, ".pdf", NULL), *pdf = g_build_filename(dir, name, NULL);
    char *text = pdf_text(pdf);
    gint64 num, den, snum, sden;
    sum_counts(units, "CS1", "2024-03", u->id, &num, &den);
    sum_counts(units, "CS1", "2024-03", u->parent, &snum, &sden);
    char *mine = percent(num, den), *service = percent(snum, sden);
    char *want = g_strdup_printf("the team completed %s%% of its assessments", mine);
    char *against = g_strdup_printf("against %s%% for %s", service, unit_find(units, u->parent)->name);
    char *title = g_strdup_printf("%s: performance in March 2024", u->name);
    assert_contains(text, title);
    assert_contains(text, want);
    assert_contains(text, against);
    g_free(name), g_free(pdf), g_free(text), g_free(mine), g_free(service), g_free(want), g_free(against), g_free(title);
  }
  assert_int_equal(teams, 6);
  char *cin = g_build_filename(dir, "CIN.pdf", NULL), *problems = pdfua_problems(cin);
  assert_string_equal(problems, ""); /* PDF/UA-1: the heat map is a tagged table like any other */
  g_free(problems), g_free(cin);
  assert_int_equal(files_in(dir), 6); /* one PDF a team, nothing staged left */
  g_array_free(units, TRUE);
  g_free(dir);
}

static void test_each_worker_shows_no_other_worker(void **state) {
  (void)state;
  char *dir = render_each(SAMPLE "/worker.xml", "worker", "tiers-workers");
  GArray *units = units_read();
  guint workers = 0;
  for (guint i = 0; i < units->len; i++) {
    const TestUnit *u = &g_array_index(units, TestUnit, i);
    if (strcmp(u->level, "worker") != 0) continue;
    workers++;
    char *name = g_strconcat(u->id, ".pdf", NULL), *pdf = g_build_filename(dir, name, NULL);
    char *text = pdf_text(pdf);
    gint64 cases, unused;
    sum_counts(units, "CS4", "2024-03", u->id, &cases, &unused);
    char *held = g_strdup_printf("%s held %" G_GINT64_FORMAT " open cases", u->name, cases);
    assert_contains(text, held);
    for (guint k = 0; k < units->len; k++) {
      const TestUnit *o = &g_array_index(units, TestUnit, k);
      if (o != u && strcmp(o->level, "worker") == 0 && strstr(text, o->name))
        fail_msg("%s's report names %s", u->id, o->name);
    }
    g_free(name), g_free(pdf), g_free(text), g_free(held);
  }
  assert_int_equal(workers, 30);
  assert_int_equal(files_in(dir), 30);
  g_array_free(units, TRUE);
  g_free(dir);
}

static void test_board_heat_map_and_rank(void **state) {
  (void)state;
  char *dir = test_scratch_dir("tiers-board");
  char *pdf = g_build_filename(dir, "board.pdf", NULL), *again = g_build_filename(dir, "again.pdf", NULL);
  RunResult r = RUN(boardpack_bin(), "render", SAMPLE "/board.xml", "-o", pdf);
  if (r.status != 0) fail_msg("%s", r.err);
  run_result_clear(&r);
  r = RUN(boardpack_bin(), "render", SAMPLE "/board.xml", "-o", again);
  run_result_clear(&r);
  assert_true(file_bytes_equal(pdf, again)); /* same bytes every time */
  char *problems = pdfua_problems(pdf);
  assert_string_equal(problems, "");
  g_free(problems);
  RunResult q = RUN("qpdf", "--qdf", "--object-streams=disable", pdf, "-");
  assert_non_null(strstr(q.out, "/ActualText (amber")); /* a heat map's shapes are spoken */
  run_result_clear(&q);
  GArray *units = units_read();
  char *text = pdf_text(pdf);
  gint64 num, den;
  sum_counts(units, "CS1", "2024-03", "CIN", &num, &den);
  char *cin = percent(num, den);
  /* rated against the 88% target, amber within 2 points: ● green, ◆ amber, ✖ red */
  const char *shape = 100 * num >= 88 * den ? "\xe2\x97\x8f" : 100 * num >= 86 * den ? "\xe2\x97\x86" : "\xe2\x9c\x96";
  char *cell = g_strdup_printf("Children in Need Team %s %s%%", shape, cin);
  assert_contains(text, cell);
  /* the board's CS1 ranked among the ten neighbours: 1 + those above it */
  sum_counts(units, "CS1", "2024-03", "CSB", &num, &den);
  char *csv = NULL;
  assert_true(g_file_get_contents(SAMPLE "/data.csv", &csv, NULL, NULL));
  guint above = 0, neighbours = 0;
  char **lines = g_strsplit(csv, "\n", -1);
  for (char **l = lines; *l; l++) {
    char **f = g_strsplit(*l, ",", -1);
    if (g_strv_length(f) > 7 && strcmp(f[0], "CS1") == 0 && strcmp(f[1], "2024-03") == 0 &&
        strcmp(f[4], "Statistical neighbours") == 0) {
      neighbours++;
      if (g_ascii_strtod(f[7], NULL) * den > 100.0 * num) above++;
    }
    g_strfreev(f);
  }
  g_strfreev(lines);
  assert_int_equal(neighbours, 10);
  static const char *const ord[] = {"1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th", "11th"};
  static const char *const quartile[] = {"top",   "top",   "top",    "second", "second", "third",
                                         "third", "third", "bottom", "bottom", "bottom"}; /* 4 (rank - 1) / 10 + 1 */
  char *rank = g_strdup_printf("That ranks %s of 11 (%s quartile) among our statistical neighbours", ord[above],
                               quartile[above]);
  assert_contains(text, rank);
  /* the definitions sheet says the board's figure is summed, and from
   * whose rows: the workers', not its 2 services' (which have none) */
  assert_contains(text, "Children's Services Improvement Board's figure: 30 workers' numerators and denominators summed.");
  g_free(csv), g_free(rank), g_free(cell), g_free(cin), g_free(text), g_free(pdf), g_free(again), g_free(dir);
  g_array_free(units, TRUE);
}

/* ---- the exception report across teams ------------------------------------ */

/* The sample's rag measures listed across teams: target, tolerance,
 * polarity (BB: bigger is better), whether a percentage (else an
 * average), and the months the March 2024 figure covers. */
typedef struct {
  const char *ref, *title;
  double target, tolerance;
  gboolean bb, percentage;
  int months;
} TestMeasure;

static const TestMeasure team_measures[] = {
    {"CS1", "% of assessments completed within 45 working days", 88, 2, TRUE, TRUE, 1},
    {"CS2", "% of statutory visits within timescale", 90, 2, TRUE, TRUE, 1},
    {"CS3", "% of open cases with supervision up to date", 98, 0.5, TRUE, TRUE, 1},
    {"CS5", "Average caseload per worker", 18, 2, FALSE, FALSE, 1},
    {"CS6", "% of referrals that are re-referrals within 12 months - rolling 12 months", 21, 1, FALSE, TRUE, 12},
};

/* Whether a team's March 2024 figure, summed here from its workers' rows
 * and rounded to one place as printed, is red: beyond the tolerance. */
static gboolean team_red(GArray *units, const TestMeasure *m, const char *team) {
  gint64 num = 0, den = 0;
  for (int k = 0; k < m->months; k++) {
    int month = 3 - k, year = 2024;
    while (month < 1) month += 12, year--;
    char *period = g_strdup_printf("%04d-%02d", year, month);
    gint64 n, d;
    sum_counts(units, m->ref, period, team, &n, &d);
    num += n, den += d;
    g_free(period);
  }
  gint64 scale = m->percentage ? 100 : 1;
  gint64 tenths = (20 * scale * num + den) / (2 * den);
  double bound = m->bb ? m->target - m->tolerance : m->target + m->tolerance;
  return m->bb ? tenths < bound * 10 - 1e-9 : tenths > bound * 10 + 1e-9;
}

/* board.xml's <exceptions rule="red" level="team">: under each measure's
 * heading, exactly the teams whose own figure is red. */
static void test_board_exceptions_across_teams(void **state) {
  (void)state;
  char *dir = test_scratch_dir("tiers-board-exceptions");
  char *pdf = g_build_filename(dir, "board.pdf", NULL);
  RunResult r = RUN(boardpack_bin(), "render", SAMPLE "/board.xml", "-o", pdf);
  if (r.status != 0) fail_msg("%s", r.err);
  assert_null(strstr(r.err, "without commentary")); /* every listed team explained */
  run_result_clear(&r);
  char *text = pdf_text(pdf);
  const char *from = strstr(text, "Teams red in March 2024"), *to = from ? strstr(from, "Each team's figures for") : NULL;
  assert_non_null(from);
  assert_non_null(to);
  char *section = g_strndup(from, to - from);
  GArray *units = units_read();
  guint listed_total = 0;
  for (guint i = 0; i < G_N_ELEMENTS(team_measures); i++) {
    const TestMeasure *m = &team_measures[i];
    char *heading = g_strdup_printf("%s %s ", m->ref, m->title);
    const char *at = strstr(section, heading);
    /* the chunk runs to the next measure's heading */
    const char *end = section + strlen(section);
    for (guint k = 0; k < G_N_ELEMENTS(team_measures); k++) {
      char *other = g_strdup_printf("%s %s ", team_measures[k].ref, team_measures[k].title);
      const char *o = at ? strstr(at + 1, other) : NULL;
      if (o && o < end) end = o;
      g_free(other);
    }
    guint red = 0;
    for (guint u = 0; u < units->len; u++) {
      const TestUnit *t = &g_array_index(units, TestUnit, u);
      if (strcmp(t->level, "team") != 0) continue;
      gboolean want = team_red(units, m, t->id);
      char *row = g_strdup_printf("%s ", t->name);
      char *chunk = at ? g_strndup(at, end - at) : g_strdup("");
      gboolean shown = strstr(chunk, row) != NULL;
      if (want != shown) fail_msg("%s: %s is %s in the exception report:\n%s", m->ref, t->name, shown ? "listed" : "not listed", chunk);
      if (shown) {
        char *commented = g_strdup_printf("%s: ", t->name); /* its commentary follows the table */
        assert_contains(chunk, commented);
        g_free(commented);
      }
      red += want;
      g_free(row), g_free(chunk);
    }
    if (!red) {
      if (at) fail_msg("%s has no red team but a heading in the exception report", m->ref);
    } else {
      assert_non_null(at);
      char *lead = g_strdup_printf("%u of the 6 teams %s red in March 2024.", red, red == 1 ? "is" : "are");
      assert_contains(section, lead);
      g_free(lead);
    }
    listed_total += red;
    g_free(heading);
  }
  assert_true(listed_total >= 3); /* the sample has red teams to list */
  g_array_free(units, TRUE);
  g_free(section), g_free(text), g_free(pdf), g_free(dir);
}

/* ---- the heat map's cells shaded ------------------------------------------ */

/* The RGB of the pixel at (x, y) of a PPM (P6) file. */
static guint32 ppm_pixel(const char *path, int x, int y) {
  gchar *data = NULL;
  gsize len = 0;
  assert_true(g_file_get_contents(path, &data, &len, NULL));
  int w, h, max, off = 0;
  assert_int_equal(sscanf(data, "P6 %d %d %d%n", &w, &h, &max, &off), 3);
  off++; /* the one whitespace after the header */
  assert_true(x < w && y < h && (gsize)(off + 3 * (y * w + x) + 2) < len);
  const guchar *p = (const guchar *)data + off + 3 * (y * w + x);
  guint32 c = (guint32)p[0] << 16 | (guint32)p[1] << 8 | p[2];
  g_free(data);
  return c;
}

/* Each heat-map cell is filled with a light tint of its rating's colour,
 * one per rating, under its shape and figure: in the PDF (a pixel of the
 * Children in Need Team's CS1 cell, at a point of the cell pdftotext
 * places) and in the HTML (the cell's background). */
static void test_heat_map_cells_shaded(void **state) {
  (void)state;
  char *dir = test_scratch_dir("tiers-shaded");
  char *pdf = g_build_filename(dir, "board.pdf", NULL), *html = g_build_filename(dir, "board.html", NULL);
  RunResult r = RUN(boardpack_bin(), "render", SAMPLE "/board.xml", "-o", pdf);
  if (r.status != 0) fail_msg("%s", r.err);
  run_result_clear(&r);
  r = RUN(boardpack_bin(), "render", SAMPLE "/board.xml", "--format", "html", "-o", html);
  if (r.status != 0) fail_msg("%s", r.err);
  run_result_clear(&r);
  /* the HTML: every rated cell has a background, and the three ratings three different ones */
  char *page = NULL;
  assert_true(g_file_get_contents(html, &page, NULL, NULL));
  const char *shapes[] = {"\xe2\x97\x8f", "\xe2\x97\x86", "\xe2\x9c\x96"}; /* ● ◆ ✖ */
  char backgrounds[3][8] = {{0}};
  guint cells = 0;
  for (const char *at = strstr(page, "style=\"background:#"); at; at = strstr(at + 1, "style=\"background:#")) {
    char bg[8] = {0};
    memcpy(bg, at + strlen("style=\"background:#"), 6);
    const char *shape = strstr(at, "<span aria-hidden=\"true\">");
    assert_non_null(shape);
    shape += strlen("<span aria-hidden=\"true\">");
    gboolean known = FALSE;
    for (guint k = 0; k < 3; k++) {
      if (strncmp(shape, shapes[k], strlen(shapes[k])) != 0) continue;
      known = TRUE;
      if (!*backgrounds[k]) memcpy(backgrounds[k], bg, 7);
      assert_string_equal(backgrounds[k], bg); /* one tint per rating */
    }
    assert_true(known);
    cells++;
  }
  assert_int_equal(cells, (7 + 3) * 5); /* six teams and the board, two services and the board; five measures */
  assert_true(strcmp(backgrounds[0], backgrounds[1]) && strcmp(backgrounds[1], backgrounds[2]) &&
              strcmp(backgrounds[0], backgrounds[2]));
  /* the PDF: the page of the teams' heat map, where the CIN row's CS1 figure is */
  r = RUN("pdftotext", "-bbox", pdf, "-");
  assert_int_equal(r.status, 0);
  GArray *units = units_read();
  gint64 num, den;
  sum_counts(units, "CS1", "2024-03", "CIN", &num, &den);
  char *cin = percent(num, den), *word = g_strdup_printf(">%s%%</word>", cin);
  const char *hit = strstr(r.out, word);
  assert_non_null(hit);
  guint page_no = 0;
  for (const char *p = strstr(r.out, "<page "); p && p < hit; p = strstr(p + 1, "<page ")) page_no++;
  const char *attrs = hit;
  while (attrs > r.out && strncmp(attrs, "<word ", 6) != 0) attrs--;
  double x0, y0, x1, y1;
  assert_int_equal(sscanf(attrs, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"", &x0, &y0, &x1, &y1), 4);
  run_result_clear(&r);
  char *first = g_strdup_printf("%u", page_no), *stem = g_build_filename(dir, "heat", NULL);
  r = RUN("pdftoppm", "-r", "72", "-f", first, "-l", first, "-singlefile", pdf, stem);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  char *ppm = g_strconcat(stem, ".ppm", NULL);
  /* just right of the figure, inside its cell's padding: the tint, not white or the zebra's grey */
  guint32 pixel = ppm_pixel(ppm, (int)(x1 + 1.5), (int)((y0 + y1) / 2));
  char want[8];
  const char *shape = 100 * num >= 88 * den ? shapes[0] : 100 * num >= 86 * den ? shapes[1] : shapes[2];
  for (guint k = 0; k < 3; k++)
    if (shape == shapes[k]) memcpy(want, backgrounds[k], 7);
  char got[8];
  g_snprintf(got, sizeof got, "%06x", pixel);
  assert_string_equal(got, want);
  g_array_free(units, TRUE);
  g_free(ppm), g_free(first), g_free(stem), g_free(cin), g_free(word), g_free(page);
  g_free(pdf), g_free(html), g_free(dir);
}

/* A copy of the sample in a scratch folder, data.csv without the lines
 * containing `drop` (NULL: whole). */
static char *sample_copy(const char *name, const char *drop) {
  char *dir = test_scratch_dir(name);
  static const char *const files[] = {"catalogue.xml", "units.xml", "data.csv", "team.xml", "worker.xml", "board.xml"};
  for (guint i = 0; i < G_N_ELEMENTS(files); i++) {
    char *src = g_build_filename(SAMPLE, files[i], NULL), *text = NULL;
    assert_true(g_file_get_contents(src, &text, NULL, NULL));
    if (drop && strcmp(files[i], "data.csv") == 0) {
      char **lines = g_strsplit(text, "\n", -1);
      GString *kept = g_string_new(NULL);
      for (char **l = lines; *l; l++)
        if (**l && !strstr(*l, drop)) g_string_append_printf(kept, "%s\n", *l);
      g_free(text);
      text = g_string_free(kept, FALSE);
      g_strfreev(lines);
    }
    g_free(test_write_file(dir, files[i], text));
    g_free(src), g_free(text);
  }
  return dir;
}

static void test_nothing_written_when_one_unit_fails(void **state) {
  (void)state;
  char *dir = sample_copy("tiers-fail", "CS4,2024-03,W07,"); /* George Hill's March caseload */
  char *spec = g_build_filename(dir, "worker.xml", NULL), *out = g_build_filename(dir, "out", NULL);
  g_mkdir_with_parents(out, 0755);
  char *old = g_build_filename(out, "W01.pdf", NULL);
  g_free(test_write_file(out, "W01.pdf", "an earlier report"));
  RunResult r = RUN(boardpack_bin(), "render", spec, "--each", "worker", "--outdir", out, "-j", "2");
  assert_int_equal(r.status, 1);
  assert_contains(r.err, "[W07]");
  /* the unit's messages end with a count that names it, and the summary
   * does not call 25 staged reports written when none is */
  assert_contains(r.err, "worker.xml [W07]: ");
  assert_contains(r.err, ": 25 rendered, 5 failed ("); /* W07 and its team mates, who compare with the team */
  assert_null(strstr(r.err, "written, 5 failed"));
  assert_contains(r.err, "nothing written");
  run_result_clear(&r);
  assert_int_equal(files_in(out), 1); /* no staged file left, no new report */
  char *text = NULL;
  assert_true(g_file_get_contents(old, &text, NULL, NULL));
  assert_string_equal(text, "an earlier report");
  g_free(text), g_free(old), g_free(spec), g_free(out), g_free(dir);
}

/* --each loads the catalogue and data once, before the workers fork, and
 * every worker shares that load: what the load says (here the data lint's
 * max-change warnings) is still said for every unit's report, word for
 * word, as when each worker loaded the files itself. */
static void test_each_says_the_data_lint_for_every_unit(void **state) {
  (void)state;
  char *dir = sample_copy("tiers-lint", NULL);
  char *cat = g_build_filename(dir, "catalogue.xml", NULL), *text = NULL;
  assert_true(g_file_get_contents(cat, &text, NULL, NULL));
  char **parts = g_strsplit(text, "<measure ref=\"CS1\" ", 2);
  char *jumpy = g_strjoinv("<measure ref=\"CS1\" max-change=\"5\" ", parts);
  g_free(test_write_file(dir, "catalogue.xml", jumpy));
  char *spec = g_build_filename(dir, "worker.xml", NULL), *out = g_build_filename(dir, "out", NULL);
  RunResult r = RUN(boardpack_bin(), "render", spec, "--each", "worker", "--outdir", out, "-j", "2");
  if (r.status != 0) fail_msg("%s", r.err);
  assert_int_equal(files_in(out), 30);
  GHashTable *said = g_hash_table_new(g_str_hash, g_str_equal); /* warning line -> times */
  char **lines = g_strsplit(r.err, "\n", -1);
  for (char **l = lines; *l; l++)
    if (strstr(*l, "more than the max-change of 5"))
      g_hash_table_insert(said, *l, GUINT_TO_POINTER(GPOINTER_TO_UINT(g_hash_table_lookup(said, *l)) + 1));
  assert_true(g_hash_table_size(said) > 0);
  GHashTableIter it;
  gpointer line, times;
  g_hash_table_iter_init(&it, said);
  while (g_hash_table_iter_next(&it, &line, &times)) assert_int_equal(GPOINTER_TO_UINT(times), 30); /* once a unit */
  g_hash_table_destroy(said);
  g_strfreev(lines), g_strfreev(parts);
  run_result_clear(&r);
  g_free(jumpy), g_free(text), g_free(cat), g_free(spec), g_free(out), g_free(dir);
}

/* A team's template checked alone is the top unit's report: its every
 * {parent} has one cause, said once, with what to do, and no figure with
 * an unresolved "{parent}" series adds "no data" or "no series" to it
 * (22 messages before, 12 of them about {parent}). */
static void test_parent_of_the_top_said_once(void **state) {
  (void)state;
  RunResult r = RUN(boardpack_bin(), "check", SAMPLE "/team.xml");
  assert_int_equal(r.status, 1);
  int parent_lines = 0;
  char **lines = g_strsplit(r.err, "\n", -1);
  for (char **l = lines; *l; l++) parent_lines += strstr(*l, "{parent}") && strstr(*l, "error:") ? 1 : 0;
  g_strfreev(lines);
  assert_int_equal(parent_lines, 1);
  assert_contains(r.err, "which has no parent: render a report that names {parent} per unit (--each team");
  run_result_clear(&r);
}

/* A heat map's cells carry a percentage's "%" but not a longer unit,
 * which its column's head says once ("CS5, cases"): Wolds and Vale's
 * "per 100,000 population aged 65+" in every cell ran rows to three lines. */
static void test_heat_map_unit_in_the_head(void **state) {
  (void)state;
  char *dir = sample_copy("tiers-heat-unit", NULL);
  char *cat = g_build_filename(dir, "catalogue.xml", NULL), *text = NULL;
  assert_true(g_file_get_contents(cat, &text, NULL, NULL));
  char **parts = g_strsplit(text, "<measure ref=\"CS5\" kind=\"average\"", 2);
  char *with_unit = g_strjoinv("<measure ref=\"CS5\" unit=\"cases\" kind=\"average\"", parts);
  g_free(test_write_file(dir, "catalogue.xml", with_unit));
  char *spec = g_build_filename(dir, "board.xml", NULL);
  RunResult r = RUN(boardpack_bin(), "render", spec, "--format", "boxes");
  if (r.status) fprintf(stderr, "%s", r.err);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, " CS5, cases\n"));
  /* in the teams' heat map only its head (and its repeat on the next
   * page) ends " cases": no cell */
  const char *from = strstr(r.out, "Teams against their targets"), *to = from ? strstr(from, "Services against") : NULL;
  assert_non_null(to);
  char *map = g_strndup(from, (gsize)(to - from));
  char **lines = g_strsplit(map, "\n", -1);
  int unit_boxes = 0;
  for (char **l = lines; *l; l++) unit_boxes += g_str_has_suffix(*l, " cases") && !g_str_has_suffix(*l, " CS5, cases");
  assert_int_equal(unit_boxes, 0);
  g_strfreev(lines);
  g_free(map);
  run_result_clear(&r);
  g_strfreev(parts);
  g_free(with_unit);
  g_free(text), g_free(cat), g_free(spec), g_free(dir);
}

static void test_unit_errors(void **state) {
  (void)state;
  /* a unit in the data that the hierarchy lacks */
  char *dir = sample_copy("tiers-units", NULL);
  char *data = g_build_filename(dir, "data.csv", NULL), *text = NULL;
  assert_true(g_file_get_contents(data, &text, NULL, NULL));
  char *more = g_strconcat(text, "CS4,2024-03,W31,,,9,,,\n", NULL);
  g_free(test_write_file(dir, "data.csv", more));
  char *spec = g_build_filename(dir, "board.xml", NULL), *pdf = g_build_filename(dir, "b.pdf", NULL);
  RunResult r = RUN(boardpack_bin(), "render", spec, "-o", pdf);
  assert_int_equal(r.status, 1);
  guint lines = 0;
  for (const char *c = more; *c; c++) lines += *c == '\n';
  char *want = g_strdup_printf("data.csv:%u:13: error: unit \"W31\" is not in", lines);
  assert_contains(r.err, want);
  assert_contains(r.err, "(did you mean \"W01\"?)");
  assert_false(g_file_test(pdf, G_FILE_TEST_EXISTS));
  run_result_clear(&r);
  /* --each a level that is not one, and on a spec without units */
  r = RUN(boardpack_bin(), "render", spec, "--each", "planet", "--outdir", dir);
  assert_int_equal(r.status, 1);
  assert_contains(r.err, "the levels are board, service, team and worker");
  run_result_clear(&r);
  r = RUN(boardpack_bin(), "render", "samples/anytown/performance.xml", "--each", "team", "--outdir", dir);
  assert_int_equal(r.status, 1);
  assert_contains(r.err, "names no hierarchy of units");
  run_result_clear(&r);
  /* a hierarchy with a misspelt parent */
  char *units = g_build_filename(dir, "units.xml", NULL), *u = NULL;
  assert_true(g_file_get_contents(units, &u, NULL, NULL));
  char **parts = g_strsplit(u, "parent=\"CIN\"", 2);
  char *bad = g_strjoinv("parent=\"CINN\"", parts);
  g_free(test_write_file(dir, "units.xml", bad));
  r = RUN(boardpack_bin(), "render", spec, "-o", pdf);
  assert_int_equal(r.status, 1);
  assert_contains(r.err, "units.xml:");
  assert_contains(r.err, "parent=\"CINN\" names no unit (did you mean \"CIN\"?)");
  run_result_clear(&r);
  g_strfreev(parts);
  g_free(bad), g_free(u), g_free(units);
  g_free(want), g_free(spec), g_free(pdf), g_free(more), g_free(text), g_free(data), g_free(dir);
}

/* `boardpack measures … --units --unit`: a team's figure as its report shows it. */
static void test_measures_of_a_unit(void **state) {
  (void)state;
  GArray *units = units_read();
  gint64 num, den;
  sum_counts(units, "CS1", "2024-03", "EH-SOUTH", &num, &den);
  char *v = percent(num, den), *want = g_strdup_printf("\r\nCS1,2024-03,,%s,", v);
  RunResult r = RUN(boardpack_bin(), "measures", SAMPLE "/catalogue.xml", SAMPLE "/data.csv", "--units",
                    SAMPLE "/units.xml", "--unit", "EH-SOUTH", "--period", "2024-03");
  assert_int_equal(r.status, 0);
  assert_contains(r.out, want);
  assert_contains(r.out, "\r\nCS1,2024-03,Early Help Service,"); /* its parent's, by name */
  run_result_clear(&r);
  r = RUN(boardpack_bin(), "measures", SAMPLE "/catalogue.xml", SAMPLE "/data.csv", "--unit", "EH-SOUTH");
  assert_int_equal(r.status, 2); /* --unit without --units */
  run_result_clear(&r);
  g_free(v), g_free(want);
  g_array_free(units, TRUE);
}

/* `boardpack diff --units`: one worker's March figure revised shows under
 * that worker, its team, its service and the board (each figure summed
 * here from the rows), and under no other unit; without --units, data
 * naming units is refused rather than compared for the top unit alone. */
static void test_diff_every_unit(void **state) {
  (void)state;
  char *dir = sample_copy("tiers-diff", NULL);
  char *old = g_build_filename(dir, "data.csv", NULL), *text = NULL;
  assert_true(g_file_get_contents(old, &text, NULL, NULL));
  /* George Hill's (W07) March assessments: none in time */
  char *from = strstr(text, "\nCS1,2024-03,W07,");
  assert_non_null(from);
  from++;
  char *row = g_strndup(from, strchr(from, '\n') - from);
  char **f = g_strsplit(row, ",", -1);
  char *line = g_strjoinv(",", f), *changed = g_strdup_printf("CS1,2024-03,W07,%s,%s,0,%s,%s,%s", f[3], f[4], f[6], f[7], f[8]);
  char **parts = g_strsplit(text, line, 2);
  char *revised = g_strjoinv(changed, parts);
  char *now = test_write_file(dir, "new.csv", revised);
  GArray *units = units_read();
  gint64 num, den, w07;
  sum_counts(units, "CS1", "2024-03", "W07", &w07, &den);
  assert_true(w07 > 0); /* so that something changes */
  char *cat = g_build_filename(dir, "catalogue.xml", NULL), *hier = g_build_filename(dir, "units.xml", NULL);
  RunResult r = RUN(boardpack_bin(), "diff", "-c", cat, old, now, "--units", hier);
  if (r.status != 0) fail_msg("%s", r.err);
  static const char *const touched[] = {"CSB", "CSC", "CIN", "W07"};
  guint headings = 0;
  for (const char *l = r.out; *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : l + strlen(l))
    headings += *l != ' ' && *l != '\n';
  assert_int_equal(headings, G_N_ELEMENTS(touched)); /* no other unit has a change */
  for (guint i = 0; i < G_N_ELEMENTS(touched); i++) {
    const TestUnit *u = unit_find(units, touched[i]);
    sum_counts(units, "CS1", "2024-03", u->id, &num, &den);
    char *before = percent(num, den), *after = percent(num - w07, den);
    char *heading = g_strdup_printf("%s (%s, %s)\n", u->name, u->id, u->level);
    char *rev = g_strdup_printf("    CS1 %% of assessments completed within 45 working days, March 2024: %s%%, now %s%%\n",
                                before, after);
    const char *at = strstr(r.out, heading);
    if (!at) fail_msg("no heading \"%s\" in:\n%s", heading, r.out);
    const char *next = at + strlen(heading);
    while (*next == ' ') next = strchr(next, '\n') + 1; /* this unit's lines */
    char *section = g_strndup(at, next - at);
    if (!strstr(section, rev)) fail_msg("no \"%s\" in:\n%s", rev, section);
    g_free(before), g_free(after), g_free(heading), g_free(rev), g_free(section);
  }
  run_result_clear(&r);
  r = RUN(boardpack_bin(), "diff", "-c", cat, old, now);
  assert_int_equal(r.status, 1);
  assert_contains(r.err, "add --units UNITS.xml so that every unit's figures are compared");
  assert_string_equal(r.out, "");
  run_result_clear(&r);
  g_array_free(units, TRUE);
  g_strfreev(f), g_strfreev(parts);
  g_free(row), g_free(line), g_free(changed), g_free(revised), g_free(now), g_free(cat), g_free(hier), g_free(old), g_free(text);
  g_free(dir);
}

/* <changes against="old.csv"> in a team's report compares the team's
 * figures then with its figures now (the earlier data read through the
 * same hierarchy): one worker's revised month shows in that worker's
 * team's report, with the team's figures summed here, and in no other
 * team's. */
static void test_changes_per_unit(void **state) {
  (void)state;
  char *dir = sample_copy("tiers-changes", NULL);
  char *data = g_build_filename(dir, "data.csv", NULL), *text = NULL, *spec_text = NULL;
  assert_true(g_file_get_contents(data, &text, NULL, NULL));
  g_free(test_write_file(dir, "old.csv", text));
  const char *from = strstr(text, "\nCS1,2024-03,W07,");
  assert_non_null(from);
  from++;
  char *row = g_strndup(from, strchr(from, '\n') - from);
  char **f = g_strsplit(row, ",", -1);
  char *changed = g_strdup_printf("CS1,2024-03,W07,%s,%s,0,%s,%s,%s", f[3], f[4], f[6], f[7], f[8]);
  char **parts = g_strsplit(text, row, 2);
  char *revised = g_strjoinv(changed, parts);
  g_free(test_write_file(dir, "data.csv", revised));
  char *spec = g_build_filename(dir, "team.xml", NULL);
  assert_true(g_file_get_contents(spec, &spec_text, NULL, NULL));
  char **halves = g_strsplit(spec_text, "  </body>", 2);
  char *with = g_strjoinv("    <section title=\"Changes\"><changes against=\"old.csv\"/></section>\n  </body>", halves);
  g_free(test_write_file(dir, "team.xml", with));
  char *out = g_build_filename(dir, "out", NULL);
  RunResult r = RUN(boardpack_bin(), "render", spec, "--each", "team", "--outdir", out);
  if (r.status != 0) fail_msg("%s", r.err);
  run_result_clear(&r);
  GArray *units = units_read();
  gint64 num, den, w07, unused;
  sum_counts(units, "CS1", "2024-03", "W07", &w07, &unused);
  sum_counts(units, "CS1", "2024-03", "CIN", &num, &den);
  char *before = percent(num, den), *after = percent(num - w07, den);
  char *cin = g_build_filename(out, "CIN.pdf", NULL), *assess = g_build_filename(out, "ASSESS.pdf", NULL);
  char *cin_text = pdf_text(cin), *assess_text = pdf_text(assess);
  char *b = g_strdup_printf(" %s%%", before), *a = g_strdup_printf(" %s%%", after);
  const char *const want[] = {"Revised after publication", "CS1 % of assessments completed", b, a, NULL};
  const char *table = strstr(cin_text, "What has changed");
  assert_non_null(table);
  assert_found_in_order(table, want);
  assert_contains(assess_text, "No figures have changed.");
  g_array_free(units, TRUE);
  g_strfreev(f), g_strfreev(parts), g_strfreev(halves);
  g_free(row), g_free(changed), g_free(revised), g_free(with), g_free(spec_text), g_free(text), g_free(data);
  g_free(before), g_free(after), g_free(cin), g_free(assess), g_free(cin_text), g_free(assess_text), g_free(a), g_free(b);
  g_free(out), g_free(spec), g_free(dir);
}

/* The ActualText of each arrow cell of the PDF ("/ActualText (improved
 * since …)"), as "|"-joined words, in page order. */
static char *arrow_words(const char *pdf) {
  RunResult q = RUN("qpdf", "--qdf", "--object-streams=disable", pdf, "-");
  assert_int_equal(q.status, 0);
  GString *words = g_string_new(NULL);
  static const char *const starts[] = {"/ActualText (improved", "/ActualText (maintained", "/ActualText (deteriorated"};
  for (const char *at = strstr(q.out, "/ActualText ("); at; at = strstr(at + 1, "/ActualText (")) {
    gboolean arrow = FALSE;
    for (guint k = 0; k < G_N_ELEMENTS(starts); k++) arrow |= strncmp(at, starts[k], strlen(starts[k])) == 0;
    if (!arrow) continue;
    const char *open = at + strlen("/ActualText ("), *close = strchr(open, ')');
    g_string_append_printf(words, "%s%.*s", words->len ? "|" : "", (int)(close - open), open);
  }
  run_result_clear(&q);
  return g_string_free(words, FALSE);
}

/* A report of one scorecard (or two) of the sample's measures. */
static char *arrows_spec(const char *dir, const char *name, const char *scorecards) {
  char *xml = g_strdup_printf(
      "<?xml version=\"1.0\"?>\n<report lang=\"en-GB\">\n<meta><committee>Board</committee><date>2024-04-23</date>"
      "<title>Arrows</title></meta>\n<data catalogue=\"catalogue.xml\" values=\"data.csv\" units=\"units.xml\" "
      "period=\"2024-03\"/>\n<body><section title=\"S\">%s</section></body>\n</report>\n",
      scorecards);
  char *spec = test_write_file(dir, name, xml);
  g_free(xml);
  return spec;
}

/* Each arrow says what it compares with when every arrow of the report
 * compares with one thing: the measures' own basis (the previous month,
 * for all of the sample's), or a scorecard's compare="year-ago"; arrows
 * comparing with different things name none (the note under each
 * scorecard does). */
static void test_arrow_words_name_their_basis(void **state) {
  (void)state;
  char *dir = sample_copy("tiers-arrows", NULL);
  static const char *const rows = "<measure ref=\"CS1\"/><measure ref=\"CS2\"/><measure ref=\"CS3\"/>";
  char *own = g_strdup_printf("<scorecard title=\"Own\"><column period=\"P-1\"/><column period=\"P\"/>%s</scorecard>", rows);
  char *year = g_strdup_printf("<scorecard title=\"Year\" compare=\"year-ago\"><column period=\"P-12\"/>"
                               "<column period=\"P-1\"/><column period=\"P\"/>%s</scorecard>", rows);
  char *both = g_strconcat(own, year, NULL);
  struct {
    const char *name, *body, *basis;
  } cases[] = {{"own.xml", own, " since the previous period"},
               {"year.xml", year, " since the same period last year"},
               {"both.xml", both, ""}};
  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    char *spec = arrows_spec(dir, cases[i].name, cases[i].body), *pdf = g_strconcat(spec, ".pdf", NULL);
    RunResult r = RUN(boardpack_bin(), "render", spec, "-o", pdf);
    if (r.status != 0) fail_msg("%s", r.err);
    run_result_clear(&r);
    char *words = arrow_words(pdf);
    char **each = g_strsplit(words, "|", -1);
    assert_true(g_strv_length(each) >= 3); /* an arrow a row at least, and the legend's */
    for (char **w = each; *w; w++) {
      const char *space = strchr(*w, ' ');
      const char *rest = space ? space : *w + strlen(*w);
      if (strcmp(rest, cases[i].basis) != 0) fail_msg("%s: an arrow says \"%s\", want the basis \"%s\"", cases[i].name, *w, cases[i].basis);
    }
    g_strfreev(each);
    g_free(words), g_free(spec), g_free(pdf);
  }
  g_free(own), g_free(year), g_free(both), g_free(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_each_team),
      cmocka_unit_test(test_each_worker_shows_no_other_worker),
      cmocka_unit_test(test_board_heat_map_and_rank),
      cmocka_unit_test(test_board_exceptions_across_teams),
      cmocka_unit_test(test_heat_map_cells_shaded),
      cmocka_unit_test(test_nothing_written_when_one_unit_fails),
      cmocka_unit_test(test_each_says_the_data_lint_for_every_unit),
      cmocka_unit_test(test_unit_errors),
      cmocka_unit_test(test_parent_of_the_top_said_once),
      cmocka_unit_test(test_heat_map_unit_in_the_head),
      cmocka_unit_test(test_measures_of_a_unit),
      cmocka_unit_test(test_diff_every_unit),
      cmocka_unit_test(test_arrow_words_name_their_basis),
      cmocka_unit_test(test_changes_per_unit),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
