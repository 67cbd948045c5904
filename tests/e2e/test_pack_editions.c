/* Packs as Democratic Services run them, through the real binary: one
 * PACK.xml with an exempt item (Schedule 12A paragraph 3), a late item,
 * an urgent item and a supplement.
 *   - the public edition holds none of the exempt report's text (pdftotext
 *     of every page, the HTML files too), says why in its place, and its
 *     pages run 1..N with no gap: every report starts on the page the
 *     agenda gives, and the public pack is shorter than the confidential
 *     one by exactly the exempt report's pages;
 *   - the confidential edition has it in full, on the page its agenda gives;
 *   - without --public or --confidential such a pack is refused (exit 2),
 *     nothing written, by check as by pack;
 *   - late and urgent items say so on the agenda and in their heading;
 *   - the supplement is a PDF of its own: its agenda page, its own page
 *     numbers, only its reports. */
#include "e2eutil.h"

static char *dir, *pack_path;

/* Distinctive sentences of the exempt report: none may reach the public. */
static const char *const secrets[] = {"Flamingo Wharf", "Zebrafinch", "clause 14", "Sam Secretary", NULL};

static char *report_xml(const char *title, const char *author, const char *sentence, int paras) {
  GString *s = g_string_new(NULL);
  g_string_append_printf(s, "<report><meta><committee>C</committee><date>2013-09-10</date><title>%s</title>"
                            "<author name=\"%s\" role=\"Officer\"/></meta><body><section title=\"Detail\">",
                         title, author);
  for (int i = 0; i < paras; i++) g_string_append_printf(s, "<p>%s The panel considered the evidence in detail.</p>", sentence);
  g_string_append(s, "</section></body></report>\n");
  return g_string_free(s, FALSE);
}

static void fixtures_write(void) {
  struct { const char *file, *title, *author, *sentence; int paras; } reports[] = {
      {"open.xml", "Open report", "Olive Open", "Performance was on track.", 40},
      {"secret.xml", "Acquisition of Flamingo Wharf", "Sam Secretary",
       "Zebrafinch Surveyors value it at 3.9 million; liabilities stay with the buyer under clause 14.", 45},
      {"late.xml", "Late report", "Lee Late", "The late figures arrived on Friday.", 10},
      {"appendix.xml", "Revised appendix", "Rae Revised", "The appendix corrects the vacancy figures.", 3},
  };
  for (guint i = 0; i < G_N_ELEMENTS(reports); i++) {
    char *xml = report_xml(reports[i].title, reports[i].author, reports[i].sentence, reports[i].paras);
    g_free(test_write_file(dir, reports[i].file, xml));
    g_free(xml);
  }
  pack_path = test_write_file(
      dir, "pack.xml",
      "<pack>\n"
      "  <meeting><body>Scrutiny Panel</body><date>2013-09-10</date></meeting>\n"
      "  <agenda>\n"
      "    <apologies>To receive apologies.</apologies>\n"
      "    <report spec='open.xml'/>\n"
      "    <report spec='secret.xml' exempt='3' title='Property matter' officer='Head of Property'/>\n"
      "    <report spec='late.xml' late='yes'/>\n"
      "    <item title='Road closure' urgent='the order takes effect before the next meeting'>To note it.</item>\n"
      "  </agenda>\n"
      "  <supplement published='2013-09-06'><report item='4' spec='appendix.xml'/>\n"
      "    <report item='3' spec='secret.xml' title='Property matter: valuation'/></supplement>\n"
      "</pack>\n");
}

/* Every page says "Page k of n" in order, and the report of agenda item
 * `item` ("Agenda item 2") starts on page `first`. */
static void assert_numbering(const char *pdf, int n) {
  for (int k = 1; k <= n; k++) {
    char *text = pdf_page_text(pdf, k), *want = g_strdup_printf("Page %d of %d", k, n);
    if (!strstr(text, want)) fail_msg("%s page %d does not say '%s'", pdf, k, want);
    g_free(text), g_free(want);
  }
}

static void assert_starts_at(const char *pdf, int page, const char *heading) {
  char *text = pdf_page_text(pdf, page), *before = page > 1 ? pdf_page_text(pdf, page - 1) : g_strdup("");
  if (!strstr(text, heading) || strstr(before, heading))
    fail_msg("%s: '%s' does not start on page %d", pdf, heading, page);
  g_free(text), g_free(before);
}

static void test_public_and_confidential(void **state) {
  (void)state;
  char *pub = g_build_filename(dir, "public.pdf", NULL), *conf = g_build_filename(dir, "confidential.pdf", NULL);
  RunResult r = RUN(boardpack_bin(), "pack", pack_path, "--public", "-o", pub, "--confidential-output", conf);
  if (r.status != 0) fail_msg("pack failed: %s", r.err);
  run_result_clear(&r);
  char *all = pdf_page_text(pub, 0);
  for (const char *const *s = secrets; *s; s++)
    if (strstr(all, *s)) fail_msg("the public pack contains '%s'", *s);
  r = RUN("pdftotext", "-raw", "-f", "1", "-l", "1", pub, "-"); /* the agenda in reading order */
  char *squashed = squash_space(r.out);
  run_result_clear(&r);
  if (!strstr(squashed, "Property matter Not for publication by virtue of paragraph 3 of Part 1 of Schedule 12A of "
                        "the Local Government Act 1972"))
    fail_msg("no notice in the agenda:\n%s", squashed);
  g_free(squashed);
  char *conf_all = pdf_page_text(conf, 0);
  for (const char *const *s = secrets; *s; s++)
    if (!strstr(conf_all, *s)) fail_msg("the confidential pack lacks '%s'", *s);

  /* pages: no gap where the exempt report would be */
  int pub_pages = pdf_page_count(pub), conf_pages = pdf_page_count(conf);
  assert_numbering(pub, pub_pages);
  assert_numbering(conf, conf_pages);
  char *pub_agenda = pdf_page_text(pub, 1), *conf_agenda = pdf_page_text(conf, 1);
  int open_at = agenda_page_of(pub_agenda, "Open report"), late_at = agenda_page_of(pub_agenda, "Late report");
  int secret_at = agenda_page_of(conf_agenda, "Property matter"), conf_late_at = agenda_page_of(conf_agenda, "Late report");
  assert_int_equal(agenda_page_of(pub_agenda, "Property matter"), 0); /* no page: it is not in the pack */
  assert_starts_at(pub, open_at, "Agenda item 2");
  assert_starts_at(pub, late_at, "Agenda item 4");
  assert_starts_at(conf, secret_at, "Agenda item 3");
  assert_starts_at(conf, conf_late_at, "Agenda item 4");
  int secret_pages = conf_late_at - secret_at;
  assert_true(secret_pages >= 2);
  assert_int_equal(pub_pages, conf_pages - secret_pages);
  assert_int_equal(late_at, conf_late_at - secret_pages);
  assert_non_null(strstr(conf_agenda, "Agenda (confidential)"));
  assert_non_null(strstr(conf_all, "Agenda item 3 (exempt, paragraph 3)"));

  /* late and urgent items: on the agenda and in the heading */
  char *squashed_agenda = squash_space(pub_agenda);
  assert_non_null(strstr(squashed_agenda, "Late item: added after the agenda was published"));
  assert_non_null(strstr(squashed_agenda, "Urgent item: the order takes effect before the next meeting"));
  assert_non_null(strstr(all, "Agenda item 4 (late item)"));
  g_free(squashed_agenda);

  /* provenance: each edition records what it was built from, the public
   * one not even the exempt spec's name */
  char *bytes = NULL;
  gsize len = 0;
  assert_true(g_file_get_contents(pub, &bytes, &len, NULL));
  for (gsize i = 0; i + 10 <= len; i++)
    if (memcmp(bytes + i, "secret.xml", 10) == 0) fail_msg("the public pack names secret.xml");
  g_free(bytes);
  r = RUN(boardpack_bin(), "check", "--provenance", conf);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "matches the 5 files")); /* pack, house style, three specs */
  run_result_clear(&r);
  char *late = g_build_filename(dir, "late.xml", NULL), *text = NULL;
  assert_true(g_file_get_contents(late, &text, NULL, NULL));
  char *edited = g_strconcat(text, "<!-- edited -->\n", NULL);
  assert_true(g_file_set_contents(late, edited, -1, NULL));
  r = RUN(boardpack_bin(), "check", "--provenance", pub);
  assert_int_equal(r.status, 1);
  if (!strstr(r.err, "late.xml (spec of item 4) has changed since the PDF was made")) fail_msg("stderr: %s", r.err);
  run_result_clear(&r);
  assert_true(g_file_set_contents(late, text, -1, NULL));
  g_free(late), g_free(text), g_free(edited);
  g_free(pub_agenda), g_free(conf_agenda), g_free(all), g_free(conf_all), g_free(pub), g_free(conf);
}

static void test_edition_must_be_chosen(void **state) {
  (void)state;
  char *out = g_build_filename(dir, "unchosen.pdf", NULL);
  g_unlink(out);
  RunResult r = RUN(boardpack_bin(), "pack", pack_path, "-o", out);
  assert_int_equal(r.status, 2);
  if (!strstr(r.err, "pack.xml:6:5: error: item 3 is exempt")) fail_msg("stderr: %s", r.err);
  assert_false(g_file_test(out, G_FILE_TEST_EXISTS));
  run_result_clear(&r);
  /* check says what pack would: the same refusal, the same status, and
   * passes once an edition is chosen */
  r = RUN(boardpack_bin(), "check", pack_path);
  assert_int_equal(r.status, 2);
  if (!strstr(r.err, "pack.xml:6:5: error: item 3 is exempt (paragraph 3 of Schedule 12A): choose the edition"))
    fail_msg("stderr: %s", r.err);
  run_result_clear(&r);
  const char *editions[] = {"--public", "--confidential"};
  for (guint i = 0; i < G_N_ELEMENTS(editions); i++) {
    r = RUN(boardpack_bin(), "check", editions[i], pack_path);
    if (r.status != 0) fail_msg("check %s: %s", editions[i], r.err);
    run_result_clear(&r);
  }
  r = RUN(boardpack_bin(), "check", "--public", "--confidential", pack_path);
  assert_int_equal(r.status, 2);
  run_result_clear(&r);
  r = RUN(boardpack_bin(), "pack", pack_path, "--public", "--confidential", "-o", out);
  assert_int_equal(r.status, 2);
  run_result_clear(&r);
  r = RUN(boardpack_bin(), "pack", pack_path, "--public", "-o", out, "--confidential-output", out);
  assert_int_equal(r.status, 2);
  assert_false(g_file_test(out, G_FILE_TEST_EXISTS));
  run_result_clear(&r);
  g_free(out);
}

static void test_supplement(void **state) {
  (void)state;
  char *out = g_build_filename(dir, "supplement.pdf", NULL);
  RunResult r = RUN(boardpack_bin(), "pack", pack_path, "--supplement", "--public", "-o", out);
  if (r.status != 0) fail_msg("pack --supplement failed: %s", r.err);
  run_result_clear(&r);
  int pages = pdf_page_count(out);
  assert_numbering(out, pages);
  char *agenda = pdf_page_text(out, 1), *all = pdf_page_text(out, 0);
  char *squashed = squash_space(agenda);
  assert_non_null(strstr(squashed, "Supplementary information"));
  assert_non_null(strstr(squashed, "published 6 September 2013"));
  assert_non_null(strstr(squashed, "4 Supplementary information: item 4"));
  assert_starts_at(out, agenda_page_of(agenda, "Supplementary information: item 4"),
                   "Agenda item 4 (supplementary information)");
  assert_non_null(strstr(all, "The appendix corrects the vacancy figures."));
  assert_null(strstr(all, "Performance was on track.")); /* the main pack's reports are not in it */
  assert_null(strstr(all, "Road closure"));
  /* the supplement to exempt item 3 is exempt as the item is */
  for (const char *const *s = secrets; *s; s++)
    if (strstr(all, *s)) fail_msg("the public supplement contains '%s'", *s);
  assert_non_null(strstr(squashed, "Property matter: valuation Not for publication by virtue of paragraph 3"));
  g_free(squashed), g_free(agenda), g_free(all), g_free(out);
}

static void test_web_public(void **state) {
  (void)state;
  char *web = g_build_filename(dir, "web", NULL);
  RunResult r = RUN("rm", "-rf", web);
  run_result_clear(&r);
  r = RUN(boardpack_bin(), "pack", pack_path, "--public", "--format", "pdf,html", "--outdir", web);
  if (r.status != 0) fail_msg("pack --format pdf,html failed: %s", r.err);
  run_result_clear(&r);
  char *item3 = g_build_filename(web, "item-3.html", NULL), *index = g_build_filename(web, "index.html", NULL);
  assert_false(g_file_test(item3, G_FILE_TEST_EXISTS));
  char *text = NULL;
  assert_true(g_file_get_contents(index, &text, NULL, NULL));
  assert_non_null(strstr(text, "Not for publication by virtue of paragraph 3 of Part 1 of Schedule 12A"));
  g_free(text);
  GDir *d = g_dir_open(web, 0, NULL);
  for (const char *name; (name = g_dir_read_name(d));) {
    char *path = g_build_filename(web, name, NULL);
    char *body = g_str_has_suffix(name, ".pdf") ? pdf_page_text(path, 0) : NULL;
    if (!body) assert_true(g_file_get_contents(path, &body, NULL, NULL));
    for (const char *const *s = secrets; *s; s++)
      if (strstr(body, *s)) fail_msg("%s contains '%s'", name, *s);
    g_free(body), g_free(path);
  }
  g_dir_close(d);
  /* a report's PDF published beside its page records its inputs too */
  char *item4 = g_build_filename(web, "item-4.pdf", NULL);
  r = RUN(boardpack_bin(), "check", "--provenance", item4);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  g_free(item4);
  g_free(item3), g_free(index), g_free(web);
}

/* A Scottish council's pack (law="scotland") cites section 50A(4) and
 * Part I of Schedule 7A to the Local Government (Scotland) Act 1973, in
 * every edition and on the web, and may use its paragraphs 8 to 15;
 * each law's paragraphs are checked at the item. */
static void test_scots_law(void **state) {
  (void)state;
  char *scot = test_write_file(
      dir, "scot.xml",
      "<pack law='scotland'>\n"
      "  <meeting><body>Housing Committee</body><date>2013-09-10</date></meeting>\n"
      "  <agenda>\n"
      "    <report spec='open.xml'/>\n"
      "    <report spec='secret.xml' exempt='12' title='Contractor claim' officer='Head of Property'/>\n"
      "  </agenda>\n"
      "</pack>\n");
  char *pub = g_build_filename(dir, "scot-public.pdf", NULL), *conf = g_build_filename(dir, "scot-conf.pdf", NULL);
  RunResult r = RUN(boardpack_bin(), "pack", scot, "--public", "-o", pub, "--confidential-output", conf);
  if (r.status != 0) fail_msg("pack law=scotland failed: %s", r.err);
  run_result_clear(&r);
  char *pub_agenda = pdf_page_text(pub, 1), *conf_agenda = pdf_page_text(conf, 1);
  char *p = squash_space(pub_agenda), *c = squash_space(conf_agenda);
  assert_non_null(strstr(p, "Not for publication by virtue of paragraph 12 of Part I of Schedule 7A of the Local "
                            "Government (Scotland) Act 1973"));
  assert_non_null(strstr(p, "the public being excluded under section 50A(4) of the Local Government (Scotland) Act "
                            "1973 on the grounds that they involve the likely disclosure of exempt information as "
                            "defined in Part I of Schedule 7A of the Act."));
  assert_non_null(strstr(c, "exempt information (Schedule 7A to the Local Government (Scotland) Act 1973)"));
  for (const char *both[] = {p, c}, **t = both; t < both + 2; t++)
    if (strstr(*t, "12A") || strstr(*t, "100A") || strstr(*t, "Act 1972")) fail_msg("English law cited: %s", *t);
  g_free(p), g_free(c), g_free(pub_agenda), g_free(conf_agenda);
  char *web = g_build_filename(dir, "scot-web", NULL), *index = g_build_filename(web, "index.html", NULL), *html = NULL;
  r = RUN(boardpack_bin(), "pack", scot, "--public", "--format", "html", "--outdir", web);
  if (r.status != 0) fail_msg("pack --format html failed: %s", r.err);
  run_result_clear(&r);
  assert_true(g_file_get_contents(index, &html, NULL, NULL));
  assert_non_null(strstr(html, "paragraph 12 of Part I of Schedule 7A of the Local Government (Scotland) Act 1973"));
  assert_null(strstr(html, "12A"));
  g_free(html), g_free(index), g_free(web);
  /* each law's schedule has its own paragraphs: 1-7 in England and Wales, 1-15 in Scotland */
  const struct { const char *law, *para, *want; } bad[] = {
      {"", "8", "bad-law.xml:4:5: error: exempt=\"8\": Part 1 of Schedule 12A to the Local Government Act 1972 has "
                "paragraphs 1 to 7 (a Scottish council's pack says <pack law=\"scotland\">"},
      {" law='scotland'", "16", "bad-law.xml:4:5: error: exempt=\"16\": Part I of Schedule 7A to the Local Government "
                                "(Scotland) Act 1973 has paragraphs 1 to 15"},
  };
  for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
    char *xml = g_strdup_printf("<pack%s>\n  <meeting><body>C</body><date>2013-09-10</date></meeting>\n  <agenda>\n"
                                "    <report spec='secret.xml' exempt='%s' title='T'/>\n  </agenda>\n</pack>\n",
                                bad[i].law, bad[i].para);
    char *path = test_write_file(dir, "bad-law.xml", xml);
    r = RUN(boardpack_bin(), "pack", path, "--public", "-o", pub);
    assert_int_equal(r.status, 1);
    if (!strstr(r.err, bad[i].want)) fail_msg("stderr: %s", r.err);
    run_result_clear(&r);
    g_free(path), g_free(xml);
  }
  g_free(pub), g_free(conf), g_free(scot);
}

int main(void) {
  dir = test_scratch_dir("e2e-pack-editions");
  fixtures_write();
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_public_and_confidential),
      cmocka_unit_test(test_edition_must_be_chosen),
      cmocka_unit_test(test_supplement),
      cmocka_unit_test(test_web_public),
      cmocka_unit_test(test_scots_law),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  g_free(pack_path);
  g_free(dir);
  return rc;
}
