/* Board packs and batch rendering through the real binary: the agenda's
 * page numbers against where each item really starts (pdftotext, page by
 * page), continuous "Page N of M", one outline entry per item with the
 * report's headings under it (qpdf --json), nothing written when one
 * report is broken, and batches with a broken input and colliding names. */
#include "e2eutil.h"
#include "pdfua_check.h"

static char *dir;

/* A report long enough to take `paras` paragraphs' worth of pages. */
static char *report_xml(const char *title, int paras) {
  GString *s = g_string_new(NULL);
  g_string_append_printf(s,
                         "<report>\n  <meta><committee>Panel</committee><date>2013-09-10</date><title>%s</title>\n"
                         "    <author name='Ann Author' role='Director'/></meta>\n"
                         "  <front-sheet><summary><p>Summary of %s.</p></summary></front-sheet>\n"
                         "  <body>\n    <section title='Findings of %s'>\n",
                         title, title, title);
  for (int i = 0; i < paras; i++)
    g_string_append(s, "      <p>The panel considered the evidence in detail and agreed that further work "
                       "is needed before the next meeting, with a report back on progress and risks.</p>\n");
  g_string_append(s, "    </section>\n  </body>\n</report>\n");
  return g_string_free(s, FALSE);
}

static const char pack_xml[] =
    "<pack>\n"
    "  <meeting><body>Scrutiny Panel</body><date>2013-09-10</date><time>6 pm</time>\n"
    "    <venue>Council House</venue><chair>Cllr Chair</chair></meeting>\n"
    "  <agenda>\n"
    "    <apologies>To receive apologies.</apologies>\n"
    "    <declarations>To receive declarations of interest.</declarations>\n"
    "    <report spec='reports/alpha.xml'/>\n"
    "    <report spec='reports/beta.xml' officer='Bea Officer, Head of Service'/>\n"
    "    <report spec='reports/gamma.xml'/>\n"
    "  </agenda>\n"
    "</pack>\n";

static char *pack_path;

static void fixtures_write(void) {
  char *reports = g_build_filename(dir, "reports", NULL);
  g_mkdir_with_parents(reports, 0755);
  const char *names[] = {"alpha", "beta", "gamma"};
  const int paras[] = {60, 5, 30};
  const char *titles[] = {"Alpha report", "Beta report", "Gamma report"};
  for (int i = 0; i < 3; i++) {
    char *xml = report_xml(titles[i], paras[i]);
    char *file = g_strconcat(names[i], ".xml", NULL);
    g_free(test_write_file(reports, file, xml));
    g_free(file);
    g_free(xml);
  }
  pack_path = test_write_file(dir, "pack.xml", pack_xml);
  g_free(reports);
}


static char *rendered_pack(void) {
  char *out = g_build_filename(dir, "pack.pdf", NULL);
  RunResult r = RUN(boardpack_bin(), "pack", pack_path, "-o", out);
  if (r.status != 0) fprintf(stderr, "%s", r.err);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  return out;
}


/* The PDF/UA-1 checks of pdfua_check.h: no problem at all. */
static void assert_pdfua(const char *path) {
  char *problems = pdfua_problems(path);
  if (*problems) fprintf(stderr, "%s is not PDF/UA-1:\n%s", path, problems);
  assert_string_equal(problems, "");
  g_free(problems);
}

static void test_pack_is_pdf_ua(void **state) {
  (void)state;
  char *out = rendered_pack();
  assert_pdfua(out);
  g_free(out);
}

static void test_agenda_page_numbers_match_item_starts(void **state) {
  (void)state;
  char *pdf = rendered_pack();
  char *agenda = pdf_page_text(pdf, 1);
  assert_non_null(strstr(agenda, "Bea Officer, Head of Service"));
  assert_non_null(strstr(agenda, "Ann Author, Director")); /* from the spec's author */
  const char *titles[] = {"Alpha report", "Beta report", "Gamma report"};
  const char *items[] = {"Agenda item 3", "Agenda item 4", "Agenda item 5"};
  int last = 1;
  for (int i = 0; i < 3; i++) {
    int page = agenda_page_of(agenda, titles[i]);
    assert_true(page > last);
    char *text = pdf_page_text(pdf, page);
    /* the item's own front page: its agenda item line, then its title;
     * no running header above them saying it again, as alone */
    assert_non_null(strstr(text, items[i]));
    assert_non_null(strstr(text, titles[i]));
    assert_null(strstr(strstr(text, items[i]) + 1, items[i]));
    assert_null(strstr(text, "Scrutiny Panel Scrutiny Panel"));
    char *before = pdf_page_text(pdf, page - 1);
    assert_null(strstr(before, items[i]));
    g_free(before);
    g_free(text);
    last = page;
  }
  assert_true(agenda_page_of(agenda, "Beta report") - agenda_page_of(agenda, "Alpha report") >= 2);
  g_free(agenda);
  g_free(pdf);
}

static void test_pages_numbered_through_the_pack(void **state) {
  (void)state;
  char *pdf = rendered_pack();
  int n = pdf_page_count(pdf);
  assert_true(n >= 5);
  for (int i = 1; i <= n; i++) {
    char *text = pdf_page_text(pdf, i);
    char *want = g_strdup_printf("Page %d of %d", i, n);
    assert_non_null(strstr(text, want));
    g_free(want);
    g_free(text);
  }
  g_free(pdf);
}

/* (title, level, page) of every outline entry, read from qpdf's JSON: a
 * title's level is the depth of "kids" arrays around it; the entry's page
 * comes before its kids in the object, so it is kept per level. */
typedef struct {
  char *title;
  int level, page;
} Entry;

static GArray *outline_entries(const char *pdf) {
  RunResult r = RUN("qpdf", "--json", "--json-key=outlines", pdf);
  assert_int_equal(r.status, 0);
  GArray *entries = g_array_new(FALSE, FALSE, sizeof(Entry));
  const char *p = strstr(r.out, "\"outlines\"");
  assert_non_null(p);
  p = strchr(p, '[');
  int depth = 0, pages[64] = {0};
  for (; *p && !(depth == 1 && *p == ']'); p++) {
    if (*p == '[') depth++;
    else if (*p == ']') depth--;
    else if (g_str_has_prefix(p, "\"destpageposfrom1\": ")) {
      pages[MIN(depth, 63)] = atoi(p + 20);
      p += 17; /* on the key's closing quote */
    }
    else if (g_str_has_prefix(p, "\"title\": \"")) {
      const char *start = p + 10, *end = start;
      while (*end && *end != '"') end += *end == '\\' ? 2 : 1;
      Entry e = {g_strndup(start, (gsize)(end - start)), depth, pages[MIN(depth, 63)]};
      g_array_append_val(entries, e);
      p = end;
    } else if (*p == '"') { /* skip other strings whole: they may hold brackets */
      for (p++; *p && *p != '"'; p++)
        if (*p == '\\') p++;
    }
  }
  run_result_clear(&r);
  return entries;
}

static const Entry *entry_find(GArray *entries, const char *title) {
  for (guint i = 0; i < entries->len; i++)
    if (strcmp(g_array_index(entries, Entry, i).title, title) == 0) return &g_array_index(entries, Entry, i);
  return NULL;
}

static void test_outline_entry_per_item(void **state) {
  (void)state;
  char *pdf = rendered_pack();
  char *agenda = pdf_page_text(pdf, 1);
  GArray *entries = outline_entries(pdf);
  const char *items[] = {"1. Apologies for absence", "2. Declarations of interest", "3. Alpha report",
                         "4. Beta report", "5. Gamma report"};
  for (guint i = 0; i < G_N_ELEMENTS(items); i++) {
    const Entry *e = entry_find(entries, items[i]);
    assert_non_null(e);
    assert_int_equal(e->level, 1);
    if (i < 2) assert_int_equal(e->page, 1); /* short items: their agenda row */
    else assert_int_equal(e->page, agenda_page_of(agenda, items[i] + 3));
  }
  /* a report's own headings sit beneath its item */
  const Entry *finding = entry_find(entries, "1. Findings of Beta report");
  assert_non_null(finding);
  assert_int_equal(finding->level, 3); /* item → "Report" → section */
  const Entry *title = entry_find(entries, "Beta report");
  assert_non_null(title);
  assert_int_equal(title->level, 2);
  for (guint i = 0; i < entries->len; i++) g_free(g_array_index(entries, Entry, i).title);
  g_array_free(entries, TRUE);
  g_free(agenda);
  g_free(pdf);
}

/* Bookmarks follow the agenda's order, short items between and after
 * reports included: "3. Road closure" (its row, on the agenda's page)
 * comes after item 2's bookmarks, not before them. On one worker and on
 * two. */
static void test_outline_in_agenda_order(void **state) {
  (void)state;
  char *path = test_write_file(dir, "pack-order.xml",
                               "<pack>\n<meeting><body>Scrutiny Panel</body><date>2013-09-10</date></meeting>\n"
                               "<agenda><apologies>To receive apologies.</apologies>\n"
                               "<report spec='reports/beta.xml'/>\n<item title='Road closure'>To note it.</item>\n"
                               "<report spec='reports/gamma.xml'/>\n"
                               "<item title='Date of next meeting'>18 November 2025.</item></agenda></pack>\n");
  const char *const order[] = {"1. Apologies for absence", "2. Beta report", "3. Road closure", "4. Gamma report",
                               "5. Date of next meeting"};
  const char *const jobs[] = {"1", "2"};
  for (guint j = 0; j < G_N_ELEMENTS(jobs); j++) {
    char *out = g_build_filename(dir, "pack-order.pdf", NULL);
    RunResult r = RUN(boardpack_bin(), "pack", "-j", jobs[j], path, "-o", out);
    assert_int_equal(r.status, 0);
    run_result_clear(&r);
    GArray *entries = outline_entries(out);
    guint next = 0;
    for (guint i = 0; i < entries->len; i++) {
      const Entry *e = &g_array_index(entries, Entry, i);
      if (e->level != 1 || strcmp(e->title, "Agenda") == 0) continue;
      assert_true(next < G_N_ELEMENTS(order));
      assert_string_equal(e->title, order[next]);
      if (next == 2 || next == 4) assert_int_equal(e->page, 1); /* its agenda row */
      next++;
    }
    assert_int_equal(next, G_N_ELEMENTS(order));
    for (guint i = 0; i < entries->len; i++) g_free(g_array_index(entries, Entry, i).title);
    g_array_free(entries, TRUE);
    g_free(out);
  }
  g_free(path);
}

static void assert_no_temp_files(const char *d) {
  GDir *gd = g_dir_open(d, 0, NULL);
  assert_non_null(gd);
  for (const char *n; (n = g_dir_read_name(gd));) assert_false(n[0] == '.' && strstr(n, ".pdf."));
  g_dir_close(gd);
}

static void test_broken_report_stops_the_pack(void **state) {
  (void)state;
  char *sub = g_build_filename(dir, "broken", NULL);
  g_mkdir_with_parents(sub, 0755);
  g_free(test_write_file(sub, "good.xml", "<report><meta><committee>P</committee><date>2013-09-10</date>"
                                          "<title>Good</title></meta></report>\n"));
  char *bad = test_write_file(sub, "bad.xml",
                              "<report>\n  <meta><committee>P</committee><date>2013-09-10</date><title>B</title></meta>\n"
                              "  <body>\n    <section title='S'>\n      <paragrph>x</paragrph>\n"
                              "    </section>\n  </body>\n</report>\n");
  char *pack = test_write_file(sub, "pack.xml",
                               "<pack><meeting><body>B</body><date>2013-09-10</date></meeting><agenda>"
                               "<report spec='good.xml'/><report spec='bad.xml'/></agenda></pack>\n");
  char *out = g_build_filename(sub, "pack.pdf", NULL);
  RunResult r = RUN(boardpack_bin(), "pack", pack, "-o", out);
  assert_int_equal(r.status, 1);
  char *want = g_strdup_printf("%s:5:7: error: unknown element <paragrph>", bad);
  assert_non_null(strstr(r.err, want));
  assert_false(g_file_test(out, G_FILE_TEST_EXISTS));
  assert_no_temp_files(sub);
  run_result_clear(&r);
  char *boxes = g_build_filename(sub, "pack.boxes", NULL); /* a box dump likewise: all or nothing */
  r = RUN(boardpack_bin(), "pack", pack, "--format", "boxes", "-o", boxes);
  assert_int_equal(r.status, 1);
  assert_non_null(strstr(r.err, want));
  assert_false(g_file_test(boxes, G_FILE_TEST_EXISTS));
  run_result_clear(&r);
  r = RUN(boardpack_bin(), "pack", pack, "--format", "boxes"); /* to stdout: nothing printed */
  assert_int_equal(r.status, 1);
  assert_string_equal(r.out, "");
  run_result_clear(&r);
  g_free(boxes);
  g_free(want);
  g_free(out);
  g_free(pack);
  g_free(bad);
  g_free(sub);
}

/* A report asking for an unknown measure `ref`, with its own data. */
static char *unknown_measure_report(const char *d, const char *name, const char *ref) {
  char *xml = g_strdup_printf("<report>\n  <meta><committee>P</committee><date>2013-09-10</date><title>%s</title></meta>\n"
                              "  <data catalogue='catalogue.xml' values='data.csv' period='2013-06'/>\n"
                              "  <body><section title='S'>\n    <p>Value: <value ref='%s'/>.</p>\n"
                              "  </section></body>\n</report>\n",
                              name, ref);
  char *path = test_write_file(d, name, xml);
  g_free(xml);
  return path;
}

static void measure_fixtures_write(const char *d) {
  g_free(test_write_file(d, "catalogue.xml",
                         "<catalogue authority='T'><group name='G'>\n"
                         "  <measure ref='P1' kind='percentage' polarity='BB' basis='monthly'><title>P</title></measure>\n"
                         "</group></catalogue>\n"));
  g_free(test_write_file(d, "data.csv", "ref,period,numerator,denominator\nP1,2013-06,5,10\n"));
}

/* Every report's errors, not only the first failing one's: the second
 * report's unknown measure was never looked at, because the pipeline asked
 * whether the pack-wide list had errors instead of whether it added any. */
static void test_every_report_errors_are_printed(void **state) {
  (void)state;
  char *sub = g_build_filename(dir, "two-broken", NULL);
  g_mkdir_with_parents(sub, 0755);
  measure_fixtures_write(sub);
  char *a = unknown_measure_report(sub, "a.xml", "QA1"), *b = unknown_measure_report(sub, "b.xml", "QB2");
  char *pack = test_write_file(sub, "pack.xml",
                               "<pack><meeting><body>B</body><date>2013-09-10</date></meeting><agenda>"
                               "<report spec='a.xml'/><report spec='b.xml'/></agenda></pack>\n");
  char *out = g_build_filename(sub, "pack.pdf", NULL);
  RunResult r = RUN(boardpack_bin(), "pack", pack, "-o", out);
  assert_int_equal(r.status, 1);
  char *want_a = g_strdup_printf("%s:5:15: error: unknown measure \"QA1\"", a);
  char *want_b = g_strdup_printf("%s:5:15: error: unknown measure \"QB2\"", b);
  if (!strstr(r.err, want_a) || !strstr(r.err, want_b)) fprintf(stderr, "got:\n%s", r.err);
  assert_non_null(strstr(r.err, want_a));
  assert_non_null(strstr(r.err, want_b));
  assert_false(g_file_test(out, G_FILE_TEST_EXISTS));
  run_result_clear(&r);
  g_free(want_a), g_free(want_b), g_free(out), g_free(pack), g_free(a), g_free(b), g_free(sub);
}

/* `check PACK.xml` checks every report with the pack's overrides and says
 * what `pack` would, word for word: here a report that is fine on its own
 * lacks figures for the pack's period, later than its data. A clean pack: nothing, status 0. */
static void check_and_pack_agree(const char *pack, const char *want) {
  RunResult r = RUN(boardpack_bin(), "check", pack);
  char *out = g_strconcat(pack, ".pdf", NULL);
  RunResult p = RUN(boardpack_bin(), "pack", pack, "-o", out);
  assert_int_equal(r.status, 1);
  assert_int_equal(p.status, 1);
  if (!strstr(r.err, want)) fprintf(stderr, "got:\n%s", r.err);
  assert_non_null(strstr(r.err, want));
  assert_string_equal(r.err, p.err);
  assert_string_equal(r.out, "");
  run_result_clear(&r);
  run_result_clear(&p);
  g_free(out);
}

static void test_check_accepts_a_pack(void **state) {
  (void)state;
  char *sub = g_build_filename(dir, "check-pack", NULL);
  g_mkdir_with_parents(sub, 0755);
  measure_fixtures_write(sub);
  char *a = unknown_measure_report(sub, "a.xml", "P1");
  RunResult r = RUN(boardpack_bin(), "check", a);
  assert_int_equal(r.status, 0); /* alone, at its own period (2013-06) */
  run_result_clear(&r);
  char *pack = test_write_file(sub, "pack.xml",
                               "<pack period='2013-07'><meeting><body>B</body><date>2013-09-10</date></meeting>\n"
                               "<agenda><report spec='a.xml'/></agenda></pack>\n");
  char *want = g_strdup_printf("%s:3:3: error: the report's period is 2013-07 (set by the pack or --period; this <data> "
                               "says 2013-06), but the data's figures end in 2013-06 (data.csv)",
                               a);
  check_and_pack_agree(pack, want);
  g_free(want), g_free(pack);
  pack = test_write_file(sub, "pack-missing.xml",
                         "<pack><meeting><body>B</body><date>2013-09-10</date></meeting>\n"
                         "<agenda><report spec='a.xml'/><report spec='missing.xml'/></agenda></pack>\n");
  want = g_strdup_printf("%s:2:31: error: cannot open 'missing.xml': No such file or directory\n", pack);
  check_and_pack_agree(pack, want);
  r = RUN(boardpack_bin(), "check", pack_path);
  assert_int_equal(r.status, 0);
  assert_string_equal(r.err, "");
  run_result_clear(&r);
  g_free(want), g_free(pack), g_free(a), g_free(sub);
}

/* The web pack's messages end with the count that names the pack, as
 * the PDF pack's do (it printed the messages alone). */
static void test_web_pack_counts_its_errors(void **state) {
  (void)state;
  char *sub = g_build_filename(dir, "web-count", NULL);
  g_mkdir_with_parents(sub, 0755);
  measure_fixtures_write(sub);
  char *a = unknown_measure_report(sub, "a.xml", "NOPE");
  char *pack = test_write_file(sub, "pack.xml",
                               "<pack><meeting><body>B</body><date>2013-09-10</date></meeting>\n"
                               "<agenda><report spec='a.xml'/></agenda></pack>\n");
  char *out = g_build_filename(sub, "web", NULL);
  RunResult r = RUN(boardpack_bin(), "pack", pack, "--format", "html", "--outdir", out);
  assert_int_equal(r.status, 1);
  char *want = g_strdup_printf("%s: 1 error\n", pack);
  if (!strstr(r.err, want)) fprintf(stderr, "got:\n%s", r.err);
  assert_non_null(strstr(r.err, want));
  run_result_clear(&r);
  g_free(want), g_free(out), g_free(pack), g_free(a), g_free(sub);
}

/* A report that numbers itself another item than the pack does is told
 * that the pack's number is printed (Loch Arrin's item 7, listed 4th). */
static void test_pack_renumbering_is_said(void **state) {
  (void)state;
  char *sub = g_build_filename(dir, "renumber", NULL);
  g_mkdir_with_parents(sub, 0755);
  char *a = test_write_file(sub, "a.xml",
                            "<report><meta><committee>P</committee><date>2013-09-10</date><agenda-item>7</agenda-item>"
                            "<title>T</title></meta><body><section title='S'><p>x</p></section></body></report>\n");
  char *pack = test_write_file(sub, "pack.xml",
                               "<pack><meeting><body>B</body><date>2013-09-10</date></meeting>\n"
                               "<agenda><report spec='a.xml'/></agenda></pack>\n");
  char *out = g_build_filename(sub, "pack.pdf", NULL);
  RunResult r = RUN(boardpack_bin(), "pack", pack, "-o", out);
  assert_int_equal(r.status, 0);
  char *want = g_strdup_printf("%s: warning: the report says <agenda-item>7</agenda-item>, but the pack lists it as item 1, "
                               "which is printed",
                               a);
  if (!strstr(r.err, want)) fprintf(stderr, "got:\n%s", r.err);
  assert_non_null(strstr(r.err, want));
  run_result_clear(&r);
  g_free(want), g_free(out), g_free(pack), g_free(a), g_free(sub);
}

/* One broken spec named by three items: its error is printed once. */
static void test_same_broken_spec_reported_once(void **state) {
  (void)state;
  char *sub = g_build_filename(dir, "same-broken", NULL);
  g_mkdir_with_parents(sub, 0755);
  measure_fixtures_write(sub);
  char *a = unknown_measure_report(sub, "a.xml", "QA1");
  char *pack = test_write_file(sub, "pack.xml",
                               "<pack><meeting><body>B</body><date>2013-09-10</date></meeting><agenda>"
                               "<report spec='a.xml'/><minutes>M</minutes><report spec='a.xml'/>"
                               "<report spec='a.xml'/></agenda></pack>\n");
  char *out = g_build_filename(sub, "pack.pdf", NULL);
  RunResult r = RUN(boardpack_bin(), "pack", pack, "-o", out);
  assert_int_equal(r.status, 1);
  char *want = g_strdup_printf("%s:5:15: error: unknown measure \"QA1\"", a);
  const char *first = strstr(r.err, want);
  if (!first || strstr(first + 1, want)) fprintf(stderr, "got:\n%s", r.err);
  assert_non_null(first);
  assert_null(strstr(first + 1, want));
  run_result_clear(&r);
  g_free(want), g_free(out), g_free(pack), g_free(a), g_free(sub);
}

static void test_pack_refuses_report_outside_its_folder(void **state) {
  (void)state;
  char *sub = g_build_filename(dir, "outside", NULL);
  g_mkdir_with_parents(sub, 0755);
  char *pack = test_write_file(sub, "pack.xml",
                               "<pack><meeting><body>B</body><date>2013-09-10</date></meeting><agenda>\n"
                               "<report spec='../pack.xml'/></agenda></pack>\n");
  RunResult r = RUN(boardpack_bin(), "pack", pack, "-o", "-");
  assert_int_equal(r.status, 1);
  char *want = g_strdup_printf("%s:2:1: error: '../pack.xml' is outside", pack);
  assert_non_null(strstr(r.err, want));
  run_result_clear(&r);
  g_free(want);
  g_free(pack);
  g_free(sub);
}

/* A good spec twice under one name, a broken one between them: the good
 * ones are written (report.pdf, report-2.pdf), the broken one is named
 * with its line, nothing else is left, and the exit status says so. */
static void test_batch_with_broken_spec(void **state) {
  (void)state;
  char *a = g_build_filename(dir, "batch", "a", NULL), *b = g_build_filename(dir, "batch", "b", NULL);
  char *outdir = g_build_filename(dir, "batch", "out", NULL);
  g_mkdir_with_parents(a, 0755);
  g_mkdir_with_parents(b, 0755);
  char *xml = report_xml("Batch report", 3);
  char *ga = test_write_file(a, "report.xml", xml), *gb = test_write_file(b, "report.xml", xml);
  char *bad = test_write_file(a, "broken.xml",
                              "<report>\n  <meta><committee>P</committee><date>2013-13-40</date><title>B</title></meta>\n"
                              "</report>\n");
  RunResult r = RUN(boardpack_bin(), "render", "-j", "2", "--outdir", outdir, ga, bad, gb);
  assert_int_equal(r.status, 1);
  char *want = g_strdup_printf("%s:2:", bad);
  assert_non_null(strstr(r.err, want));
  assert_non_null(strstr(r.err, "3 documents"));
  char *failed = g_strdup_printf("2 written, 1 failed (%s)\n", bad);
  assert_non_null(strstr(r.err, failed));
  g_free(failed);
  char *p1 = g_build_filename(outdir, "report.pdf", NULL), *p2 = g_build_filename(outdir, "report-2.pdf", NULL);
  char *p3 = g_build_filename(outdir, "broken.pdf", NULL);
  assert_int_equal(pdf_page_count(p1), pdf_page_count(p2));
  assert_false(g_file_test(p3, G_FILE_TEST_EXISTS));
  assert_no_temp_files(outdir);
  run_result_clear(&r);
  g_free(want), g_free(p1), g_free(p2), g_free(p3), g_free(bad), g_free(ga), g_free(gb), g_free(xml);
  g_free(outdir), g_free(a), g_free(b);
}

static void test_batch_of_packs_with_period(void **state) {
  (void)state;
  char *outdir = g_build_filename(dir, "packs", NULL);
  RunResult r = RUN(boardpack_bin(), "pack", "-j", "2", "--outdir", outdir, "--period", "2013-06",
                    "samples/anytown/pack-2013-04.xml", "samples/anytown/pack-2013-05.xml");
  if (r.status != 0) fprintf(stderr, "%s", r.err);
  assert_int_equal(r.status, 0);
  assert_string_equal(r.err, ""); /* quiet when stderr is not a terminal */
  char *pdf = g_build_filename(outdir, "pack-2013-05.pdf", NULL);
  assert_pdfua(pdf); /* a batch worker's output too */
  RunResult t = RUN("pdftotext", pdf, "-");
  char *text = squash_space(t.out);
  /* the period option moved every report to June 2013 */
  assert_non_null(strstr(text, "in May 2013 to"));
  assert_non_null(strstr(text, "in June 2013"));
  g_free(text);
  run_result_clear(&t);
  run_result_clear(&r);
  g_free(pdf);
  g_free(outdir);
}

/* pack --format boxes: the pages the PDF has, numbered through the pack,
 * each with its own "Page i of N" footer (a broken pack writes no dump:
 * test_broken_report_stops_the_pack). */
static void test_pack_box_dump(void **state) {
  (void)state;
  char *pdf = rendered_pack();
  int n = pdf_page_count(pdf);
  char *out = g_build_filename(dir, "pack.boxes", NULL);
  RunResult r = RUN(boardpack_bin(), "pack", pack_path, "--format", "boxes", "-o", out);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  char *dump = NULL;
  assert_true(g_file_get_contents(out, &dump, NULL, NULL));
  char **lines = g_strsplit(dump, "\n", -1);
  int pages = 0;
  for (char **l = lines; *l; l++) pages += g_str_has_prefix(*l, "page ");
  g_strfreev(lines);
  assert_int_equal(pages, n);
  for (int i = 1; i <= n; i++) {
    char *footer = g_strdup_printf("\n%d furniture ", i);
    char *want = g_strdup_printf("Page %d of %d\n", i, n);
    const char *f = strstr(dump, footer);
    assert_non_null(f);
    assert_non_null(strstr(f, want));
    g_free(footer), g_free(want);
  }
  g_free(dump);
  r = RUN(boardpack_bin(), "pack", pack_path, "--format", "png");
  assert_int_equal(r.status, 2);
  assert_non_null(strstr(r.err, "unknown format 'png' (use pdf, boxes, html or pdf,html)"));
  run_result_clear(&r);
  g_free(out);
  g_free(pdf);
}

static void test_usage_errors(void **state) {
  (void)state;
  RunResult r = RUN(boardpack_bin(), "render", "-o", "x.pdf", "a.xml", "b.xml");
  assert_int_equal(r.status, 2);
  run_result_clear(&r);
  r = RUN(boardpack_bin(), "pack");
  assert_int_equal(r.status, 2);
  run_result_clear(&r);
}

int main(void) {
  dir = test_scratch_dir("e2e-pack");
  fixtures_write();
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_agenda_page_numbers_match_item_starts),
      cmocka_unit_test(test_pack_is_pdf_ua),
      cmocka_unit_test(test_pages_numbered_through_the_pack),
      cmocka_unit_test(test_outline_entry_per_item),
      cmocka_unit_test(test_outline_in_agenda_order),
      cmocka_unit_test(test_broken_report_stops_the_pack),
      cmocka_unit_test(test_every_report_errors_are_printed),
      cmocka_unit_test(test_same_broken_spec_reported_once),
      cmocka_unit_test(test_check_accepts_a_pack),
      cmocka_unit_test(test_web_pack_counts_its_errors),
      cmocka_unit_test(test_pack_renumbering_is_said),
      cmocka_unit_test(test_pack_refuses_report_outside_its_folder),
      cmocka_unit_test(test_batch_with_broken_spec),
      cmocka_unit_test(test_batch_of_packs_with_period),
      cmocka_unit_test(test_pack_box_dump),
      cmocka_unit_test(test_usage_errors),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  g_free(pack_path);
  g_free(dir);
  return rc;
}
