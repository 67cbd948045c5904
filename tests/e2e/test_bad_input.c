/* Bad input, catalogued: every row of the README's "Bad input" table has a
 * test here, run against the real binary. Each refused input must give a
 * diagnostic (file:line:col where there is a position), exit status 1, no
 * output file and an existing one untouched, with no temporary file left
 * beside it; large but valid input must render within generous time and
 * memory bounds (a check against runaway, not a benchmark). Interrupts
 * (SIGTERM, SIGINT) during a render must leave nothing behind. */
#include "badinput.h"

#include <qpdf/qpdf-c.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <poll.h>
#include <sys/inotify.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

/* ---- XML ----------------------------------------------------------------- */

static void test_malformed_xml(void **state) {
  (void)state;
  char *d = case_dir("malformed");
  char *spec = test_write_file(d, "report.xml",
                               "<report>\n" META "\n<body>\n<section title='S'>\n  <p>text</section>\n</body>\n</report>\n");
  expect_refused(spec, 5, 0, "Opening and ending tag mismatch: p line 5 and section");
  g_free(spec);
  g_free(d);
}

static void test_schema_violation(void **state) {
  (void)state;
  char *d = case_dir("schema");
  char *spec = write_spec(d, "report.xml", NULL, "<p>a</p>\n  <table><tr><td>x</td></tr><caption>late</caption></table>");
  expect_refused(spec, 7, 29, "<caption> is not expected at this point inside <table>: it is out of order, or one too many");
  g_free(spec);
  spec = write_spec(d, "misspelt.xml", NULL, "  <paragrph>a</paragrph>");
  expect_refused(spec, 6, 3, "unknown element <paragrph>");
  g_free(spec);
  g_free(d);
}

static void test_entity_bomb(void **state) {
  (void)state;
  char *d = case_dir("bomb");
  GString *x = g_string_new("<?xml version='1.0'?>\n<!DOCTYPE report [\n <!ENTITY a0 'lol'>\n");
  for (int i = 1; i < 10; i++) g_string_append_printf(x, " <!ENTITY a%d '&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;'>\n", i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
  g_string_append(x, "]>\n<report>" META "<body><section title='&a9;'><p>&a9;</p></section></body></report>\n");
  char *spec = test_write_file(d, "report.xml", x->str);
  g_string_free(x, TRUE);
  expect_refused(spec, 2, 0, "DOCTYPE declarations are not allowed");
  g_free(spec);
  g_free(d);
}

static void test_external_entity(void **state) {
  (void)state;
  char *d = case_dir("xxe");
  char *spec = test_write_file(d, "report.xml",
                               "<?xml version='1.0'?>\n<!DOCTYPE report [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>\n"
                               "<report>" META "<body><section title='S'><p>&xxe;</p></section></body></report>\n");
  expect_refused(spec, 2, 0, "DOCTYPE declarations are not allowed");
  /* and nothing of /etc/passwd reaches a message */
  RunResult r = RUN(boardpack_bin(), "check", spec);
  assert_null(strstr(r.err, "root:"));
  run_result_clear(&r);
  g_free(spec);
  g_free(d);
}

static void test_deeply_nested_list(void **state) {
  (void)state;
  char *d = case_dir("nested");
  GString *b = g_string_new(NULL);
  for (int i = 0; i < 1000; i++) g_string_append(b, "<ul><li>x");
  for (int i = 0; i < 1000; i++) g_string_append(b, "</li></ul>");
  char *spec = write_spec(d, "report.xml", NULL, b->str);
  g_string_free(b, TRUE);
  expect_refused(spec, 6, 0, "elements are nested too deeply");
  g_free(spec);
  g_free(d);
}

/* ---- files ----------------------------------------------------------------- */

static void test_missing_file(void **state) {
  (void)state;
  char *d = case_dir("missing");
  char *spec = g_build_filename(d, "nope.xml", NULL);
  expect_refused(spec, 0, 0, "cannot read");
  g_free(spec);
  /* a referenced file that is missing */
  spec = write_spec(d, "report.xml", NULL, "<figure src='nope.png' alt='x'/>");
  expect_refused(spec, 6, 1, "cannot open 'nope.png'");
  g_free(spec);
  g_free(d);
}

static void test_directory_instead_of_file(void **state) {
  (void)state;
  char *d = case_dir("directory");
  char *spec = g_build_filename(d, "dir.xml", NULL);
  g_mkdir(spec, 0755);
  expect_refused(spec, 0, 0, "is a directory, not a file");
  g_free(spec);
  /* referenced data that is a directory */
  g_free(test_write_file(d, "catalogue.xml", catalogue_xml));
  char *csv = g_build_filename(d, "data.csv", NULL);
  g_mkdir(csv, 0755);
  spec = write_spec(d, "report.xml", "data.csv", "<p>x</p>");
  expect_refused(spec, 3, 0, "data.csv");
  g_free(csv);
  g_free(spec);
  g_free(d);
}

/* Running as root, chmod 000 does not stop a read: a file that cannot be
 * read is then /proc/self/mem (reading offset 0 fails with EIO), and a FIFO
 * (which would block a reader for ever) is refused as not a regular file.
 * As another user, a chmod 000 file is tried as well. */
static void test_unreadable_file(void **state) {
  (void)state;
  char *d = case_dir("unreadable");
  expect_refused_in("/proc/self/mem", d, "/proc/self/mem", 0, 0, "cannot read");
  char *fifo = g_build_filename(d, "fifo.xml", NULL);
  assert_int_equal(mkfifo(fifo, 0644), 0);
  Measured m = RUN_MEASURED(20, boardpack_bin(), "check", fifo);
  assert_false(m.timed_out);
  assert_int_equal(m.status, 1);
  assert_non_null(strstr(m.err, "is not a regular file"));
  measured_clear(&m);
  if (geteuid() != 0) {
    char *spec = write_spec(d, "locked.xml", NULL, "<p>x</p>");
    chmod(spec, 0);
    expect_refused(spec, 0, 0, "cannot read");
    g_free(spec);
  } else {
    fprintf(stderr, "  (running as root: chmod 000 is not tried; /proc/self/mem and a FIFO stand in)\n");
  }
  g_free(fifo);
  g_free(d);
}

static void test_path_escaping_the_folder(void **state) {
  (void)state;
  char *d = case_dir("escape");
  char *sub = g_build_filename(d, "paper", NULL);
  g_mkdir(sub, 0755);
  GByteArray *png = png_bytes();
  char *outside = g_build_filename(d, "outside.png", NULL);
  write_bytes(outside, png->data, png->len);
  char *spec = write_spec(sub, "dotdot.xml", NULL, "<figure src='../outside.png' alt='x'/>");
  expect_refused(spec, 6, 1, "is outside the folder of");
  g_free(spec);
  char *outside_abs = g_canonicalize_filename(outside, NULL);
  char *abs = g_strdup_printf("<figure src='%s' alt='x'/>", outside_abs);
  g_free(outside_abs);
  spec = write_spec(sub, "absolute.xml", NULL, abs);
  expect_refused(spec, 6, 1, "is outside the folder of");
  g_free(spec);
  char *link = g_build_filename(sub, "link.png", NULL);
  assert_int_equal(symlink("../outside.png", link), 0);
  spec = write_spec(sub, "symlink.xml", NULL, "<figure src='link.png' alt='x'/>");
  expect_refused(spec, 6, 1, "leads outside the report's folder (through a symbolic link)");
  g_free(spec);
  /* the data, too */
  spec = write_spec(sub, "data.xml", "../data.csv", "<p>x</p>");
  expect_refused(spec, 3, 1, "is outside the folder of");
  g_free(spec);
  g_free(link);
  g_free(abs);
  g_free(outside);
  g_byte_array_unref(png);
  g_free(sub);
  g_free(d);
}

static void test_image_not_png_or_truncated(void **state) {
  (void)state;
  char *d = case_dir("images");
  char *bad = g_build_filename(d, "text.png", NULL);
  write_bytes(bad, "this is not a PNG\n", 18);
  char *spec = write_spec(d, "text.xml", NULL, "<figure src='text.png' alt='x'/>");
  expect_refused(spec, 6, 1, "is not a PNG image (only PNG images can be placed)");
  g_free(spec);
  GByteArray *png = png_bytes();
  char *trunc = g_build_filename(d, "trunc.png", NULL);
  write_bytes(trunc, png->data, png->len / 2);
  spec = write_spec(d, "trunc.xml", NULL, "<figure src='trunc.png' alt='x'/>");
  expect_refused(spec, 6, 1, "is damaged: it cannot be read as a PNG image");
  g_free(spec);
  /* the whole image renders: the fixture itself is sound */
  char *good = g_build_filename(d, "good.png", NULL);
  write_bytes(good, png->data, png->len);
  spec = write_spec(d, "good.xml", NULL, "<figure src='good.png' alt='x'/>");
  expect_renders_bounded(spec, "a 64x64 PNG");
  g_free(spec);
  g_free(good);
  g_free(trunc);
  g_byte_array_unref(png);
  g_free(bad);
  g_free(d);
}

/* ---- clear messages (issue 19) --------------------------------------------- */

/* `boardpack pack PACK -o out.pdf` over an existing file: refused with
 * "FILE:LINE:COL: error: ...needle", the output untouched. */
static void expect_pack_refused(const char *pack, const char *file, int line, int col, const char *needle) {
  char *d = g_path_get_dirname(pack);
  char *out = g_build_filename(d, "out.pdf", NULL);
  write_bytes(out, PRECIOUS, strlen(PRECIOUS));
  RunResult r = RUN(boardpack_bin(), "pack", pack, "-o", out);
  char *want = g_strdup_printf("%s:%d:%d: error: ", file, line, col);
  gboolean found = FALSE;
  char **lines = g_strsplit(r.err, "\n", -1);
  for (char **l = lines; *l; l++)
    if (g_str_has_prefix(*l, want) && strstr(*l, needle)) found = TRUE;
  g_strfreev(lines);
  if (r.status != 1 || !found) fprintf(stderr, "want status 1 and \"%s...%s\"; got %d:\n%s", want, needle, r.status, r.err);
  assert_int_equal(r.status, 1);
  assert_true(found);
  char *content = NULL;
  assert_true(g_file_get_contents(out, &content, NULL, NULL));
  assert_string_equal(content, PRECIOUS);
  assert_no_temporary(d, "out.pdf");
  g_free(content), g_free(want), g_free(out), g_free(d);
  run_result_clear(&r);
}

#define PACK_MEETING "<meeting><body>B</body><date>2013-09-10</date></meeting>"

/* UTF-16 (with its byte order mark) and Latin-1, declared or not: one plain
 * sentence instead of "Start tag expected" or "indicate encoding !". */
static void test_not_utf8(void **state) {
  (void)state;
  char *d = case_dir("not-utf8");
  static const char utf16[] = "\xff\xfe<\0r\0e\0p\0o\0r\0t\0/\0>\0\n\0";
  char *spec = g_build_filename(d, "utf16.xml", NULL);
  write_bytes(spec, utf16, sizeof utf16 - 1);
  expect_refused(spec, 1, 1, "the file is in UTF-16: only UTF-8 is accepted: save the file as UTF-8");
  g_free(spec);
  spec = test_write_file(d, "latin1.xml", "<?xml version='1.0' encoding='ISO-8859-1'?>\n<report>\n"
                                          "<meta><committee>Caf\xe9</committee><date>2013-09-10</date><title>T</title></meta>\n"
                                          "</report>\n");
  expect_refused(spec, 1, 21, "the file declares encoding=\"ISO-8859-1\": only UTF-8 is accepted: save the file as UTF-8");
  g_free(spec);
  spec = test_write_file(d, "undeclared.xml", "<report>\n<meta><committee>Caf\xe9</committee><date>2013-09-10</date>"
                                              "<title>T</title></meta>\n</report>\n");
  expect_refused(spec, 2, 0, "this is not UTF-8 text (the bytes 0xE9");
  g_free(spec);
  g_free(d);
}

static void test_pack_bad_period(void **state) {
  (void)state;
  char *d = case_dir("pack-period");
  g_free(test_write_file(d, "r.xml", "<report>\n" META "\n</report>\n"));
  char *pack = test_write_file(d, "pack.xml", "<pack period='2013-13'>\n" PACK_MEETING
                                              "\n<agenda>\n  <report spec='r.xml'/>\n</agenda></pack>\n");
  expect_pack_refused(pack, pack, 1, 1, "the pack's period: '2013-13' is not a period");
  g_free(pack);
  g_free(d);
}

/* A pack named as one of a pack's reports, and a report given to `pack`. */
static void test_pack_given_as_report(void **state) {
  (void)state;
  char *d = case_dir("pack-as-report");
  char *inner = test_write_file(d, "inner.xml", "<pack>\n" PACK_MEETING "<agenda><minutes>M</minutes></agenda></pack>\n");
  char *pack = test_write_file(d, "pack.xml", "<pack>\n" PACK_MEETING "\n<agenda>\n  <report spec='inner.xml'/>\n</agenda></pack>\n");
  expect_pack_refused(pack, inner, 1, 1, "this is a board pack (<pack>), not a report spec (<report>)");
  char *report = test_write_file(d, "report.xml", "<report>\n" META "\n</report>\n");
  expect_pack_refused(report, report, 1, 1, "this is a report spec (<report>), not a board pack (<pack>)");
  g_free(report), g_free(pack), g_free(inner), g_free(d);
}

static void test_empty_agenda(void **state) {
  (void)state;
  char *d = case_dir("empty-agenda");
  char *pack = test_write_file(d, "pack.xml", "<pack>\n" PACK_MEETING "\n<agenda>\n</agenda></pack>\n");
  expect_pack_refused(pack, pack, 3, 1, "<agenda> is empty: it needs at least one element in it");
  g_free(pack);
  g_free(d);
}

static void test_duplicate_id(void **state) {
  (void)state;
  char *d = case_dir("duplicate-id");
  char *spec = write_spec(d, "report.xml", NULL, "<p id='risks'>a</p>\n<p id='risks'>b</p>");
  expect_refused(spec, 7, 1, "id=\"risks\" is given twice: the element at line 6 has it already");
  g_free(spec);
  g_free(d);
}

static void test_namespaced_elements(void **state) {
  (void)state;
  char *d = case_dir("namespace");
  char *spec = test_write_file(d, "report.xml", "<report xmlns='http://example.org/report'>\n" META "\n</report>\n");
  expect_refused(spec, 1, 1, "<report> is in the XML namespace \"http://example.org/report\", but boardpack's elements "
                             "are in none: remove the xmlns declaration");
  g_free(spec);
  spec = test_write_file(d, "prefixed.xml", "<r:report xmlns:r='urn:r'>\n" META "\n</r:report>\n");
  expect_refused(spec, 1, 1, "<r:report> is in the XML namespace \"urn:r\"");
  g_free(spec);
  g_free(d);
}

static void test_xref_to_missing_id(void **state) {
  (void)state;
  char *d = case_dir("xref-missing");
  char *spec = write_spec(d, "report.xml", NULL, "<p id='risks'>a</p>\n<p>See <xref to='risk'/>.</p>");
  expect_refused(spec, 7, 8, "<xref to=\"risk\"/>: no element has id=\"risk\" (did you mean \"risks\"?)");
  g_free(spec);
  g_free(d);
}

/* ---- dates ----------------------------------------------------------------- */

/* A meeting date that is not a real date, or outside the years periods
 * cover, is refused at the <date> by `check` and `render` alike: 12000-09-10
 * used to pass `check`, print a GLib-CRITICAL and become 1970. */
static void test_impossible_date(void **state) {
  (void)state;
  char *d = case_dir("impossible-date");
  /* the schema's xsd:date already refuses 2013-02-30 and 2013-9-10 */
  const char *dates[] = {"12000-09-10", "0013-09-10", "1899-12-31", "3000-01-01"};
  for (guint i = 0; i < G_N_ELEMENTS(dates); i++) {
    char *xml = g_strdup_printf("<report>\n<meta><committee>Panel</committee>\n  <date>%s</date><title>T</title></meta>\n"
                                "<body><section title='S'><p>x</p></section></body>\n</report>\n",
                                dates[i]);
    char *spec = test_write_file(d, "report.xml", xml);
    expect_refused(spec, 3, 3, "is not a date (expected YYYY-MM-DD");
    RunResult r = RUN(boardpack_bin(), "check", spec);
    if (r.status != 1 || strstr(r.err, "CRITICAL")) fprintf(stderr, "check %s: %d\n%s", dates[i], r.status, r.err);
    assert_int_equal(r.status, 1);
    assert_null(strstr(r.err, "CRITICAL"));
    run_result_clear(&r);
    g_free(spec);
    g_free(xml);
  }
  g_free(d);
}

/* ---- data ------------------------------------------------------------------ */

#define CSV_HEADER "ref,period,numerator,denominator\n"

/* A link may lead only into the report or to https, http, mailto, tel:
 * anything else is refused at the <a>. */
static void test_link_scheme_refused(void **state) {
  (void)state;
  static const struct {
    const char *name, *href, *needle;
  } cases[] = {
      {"javascript", "javascript:alert(1)", "the link scheme \"javascript:\" is not allowed"},
      {"file", "FILE:///etc/passwd", "the link scheme \"file:\" is not allowed"},
      {"launch", "calc.exe", "a link must start with https:, http:, mailto:, tel: or #"},
  };
  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    char *d = case_dir(cases[i].name);
    char *body = g_strdup_printf("<p>See <a href='%s'>this</a>.</p>", cases[i].href);
    char *spec = write_spec(d, "report.xml", NULL, body);
    expect_refused(spec, 6, 8, cases[i].needle);
    g_free(spec), g_free(body), g_free(d);
  }
}

/* A link into the report to an id no element has is refused at the <a>,
 * by `check` as well as `render` (found by the render fuzzer: `check`
 * passed it, and `render` said so after layout, with no line). */
static void test_link_to_missing_id_refused(void **state) {
  (void)state;
  char *d = case_dir("link-missing-id");
  char *spec = write_spec(d, "report.xml", NULL, "<p id='risks'>See <a href='#risk'>this</a>.</p>");
  expect_refused(spec, 6, 19, "<a href=\"#risk\">: no element has id=\"risk\" (did you mean \"#risks\"?)");
  RunResult r = RUN(boardpack_bin(), "check", spec);
  assert_int_equal(r.status, 1);
  assert_non_null(strstr(r.err, ":6:19: error: <a href=\"#risk\">"));
  run_result_clear(&r);
  g_free(spec), g_free(d);
}

/* The URI of each link annotation in the PDF, in order, and how many
 * actions of any other kind there are. */
static GPtrArray *link_uris(const char *pdf, int *other_actions) {
  GPtrArray *uris = g_ptr_array_new_with_free_func(g_free);
  qpdf_data q = qpdf_init();
  qpdf_silence_errors(q);
  assert_int_equal(qpdf_read(q, pdf, NULL) & QPDF_ERRORS, 0);
  *other_actions = 0;
  for (int p = 0; p < qpdf_get_num_pages(q); p++) {
    qpdf_oh annots = qpdf_oh_get_key_if_dict(q, qpdf_get_page_n(q, (size_t)p), "/Annots");
    for (int i = 0; qpdf_oh_is_array(q, annots) && i < qpdf_oh_get_array_n_items(q, annots); i++) {
      qpdf_oh action = qpdf_oh_get_key_if_dict(q, qpdf_oh_get_array_item(q, annots, i), "/A");
      if (!qpdf_oh_is_dictionary(q, action)) continue;
      if (qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key_if_dict(q, action, "/S"), "/URI"))
        g_ptr_array_add(uris, g_strdup(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key_if_dict(q, action, "/URI"))));
      else (*other_actions)++;
    }
  }
  qpdf_cleanup(&q);
  return uris;
}

/* PDF syntax in an href, a title or a heading stays text: no Launch
 * action, no broken object; the URI is the percent-encoded href. */
static void test_link_pdf_injection(void **state) {
  (void)state;
  char *d = case_dir("injection");
  char *xml = g_strdup(
      "<report>\n<meta><committee>Panel</committee><date>2013-09-10</date>"
      "<title>T) /S /Launch /F (calc.exe \\</title></meta>\n<body>\n<section title='Risks (see ) /JS ('>\n"
      "<p>See <a href='https://example.org/a) /S /Launch /F (calc.exe'>this</a> and "
      "<a href='https://example.org/(unbalanced'>that</a>.</p>\n</section>\n</body>\n</report>\n");
  char *spec = test_write_file(d, "report.xml", xml);
  char *out = g_build_filename(d, "out.pdf", NULL);
  RunResult r = RUN(boardpack_bin(), "render", spec, "-o", out);
  if (r.status != 0) fprintf(stderr, "%s", r.err);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  r = RUN("qpdf", "--check", out);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  int other = -1;
  GPtrArray *uris = link_uris(out, &other);
  assert_int_equal(other, 0);
  assert_int_equal(uris->len, 2);
  assert_string_equal(g_ptr_array_index(uris, 0), "https://example.org/a%29%20/S%20/Launch%20/F%20%28calc.exe");
  assert_string_equal(g_ptr_array_index(uris, 1), "https://example.org/%28unbalanced");
  r = RUN("pdfinfo", out);
  assert_non_null(strstr(r.out, "T) /S /Launch /F (calc.exe \\"));
  run_result_clear(&r);
  r = RUN("qpdf", "--qdf", "--object-streams=disable", out, "-");
  /* as a dictionary entry (qpdf --qdf puts each on a line of its own) it would be an action */
  assert_false(g_regex_match_simple("^ */S */Launch *$", r.out, G_REGEX_MULTILINE, 0));
  assert_false(g_regex_match_simple("^ */JS ", r.out, G_REGEX_MULTILINE, 0));
  run_result_clear(&r);
  g_ptr_array_unref(uris);
  g_free(out), g_free(spec), g_free(xml), g_free(d);
}

/* A private-use character is in no font: it would print as a box. */
static void test_character_no_font_has(void **state) {
  (void)state;
  char *d = case_dir("glyph");
  char *spec = write_spec(d, "report.xml", NULL, "<p>Call \xee\x80\x80 now</p>");
  expect_refused(spec, 6, 1, "1 character (U+E000) cannot be shown in any of boardpack's fonts");
  g_free(spec);
  g_free(d);
}

static void test_unknown_measure(void **state) {
  (void)state;
  char *d = case_dir("unknown-measure");
  g_free(test_write_file(d, "catalogue.xml", catalogue_xml));
  g_free(test_write_file(d, "data.csv", CSV_HEADER "P1,2013-06,5,10\n"));
  char *spec = write_spec(d, "report.xml", "data.csv", "<p>Value: <value ref='P2' period='2013-06'/>.</p>");
  expect_refused(spec, 6, 11, "unknown measure \"P2\"");
  g_free(spec);
  g_free(d);
}

/* optional="yes" covers a known measure with no figure for the period
 * ("n/a" and a warning), never a misspelt ref: that is an error as
 * without it (bind warned and printed "n/a", the request lint refused). */
static void test_optional_unknown_measure(void **state) {
  (void)state;
  char *d = case_dir("optional-unknown");
  g_free(test_write_file(d, "catalogue.xml", catalogue_xml));
  g_free(test_write_file(d, "data.csv", CSV_HEADER "P1,2013-06,5,10\n"));
  char *spec = write_spec(d, "report.xml", "data.csv", "<p>Value: <value ref='P2' period='2013-06' optional='yes'/>.</p>");
  expect_refused(spec, 6, 11, "unknown measure \"P2\" (did you mean \"P1\"?)");
  g_free(spec);
  spec = write_spec(d, "missing.xml", "data.csv", "<p>Value: <value ref='P1' period='2013-07' optional='yes'/>.</p>");
  char *out = g_build_filename(d, "missing.pdf", NULL);
  RunResult r = RUN(boardpack_bin(), "render", spec, "-o", out);
  char *want = g_strdup_printf("%s:6:11: warning: ", spec);
  if (r.status != 0 || !strstr(r.err, want)) fprintf(stderr, "%d\n%s", r.status, r.err);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.err, want));
  assert_non_null(strstr(r.err, "\"n/a\""));
  run_result_clear(&r);
  g_free(want);
  g_free(out);
  g_free(spec);
  g_free(d);
}

static void test_bad_csv(void **state) {
  (void)state;
  static const struct {
    const char *name, *csv;
    int line, col;
    const char *needle;
  } cases[] = {
      {"unterminated", CSV_HEADER "P1,2013-06,\"5,10\n", 2, 12, "unterminated quoted field"},
      {"columns", CSV_HEADER "P1,2013-06,5,10,7\n", 2, 17, "the row has 5 fields but the header has 4"},
      {"not-utf8", CSV_HEADER "P1,2013-06,5,10\nC1,2013-06,caf\xe9,\n", 3, 15, "is not valid UTF-8"},
      {"non-numeric", CSV_HEADER "P1,2013-06,five,10\n", 2, 12, "numerator \"five\" is not a whole number"},
      {"zero-denominator", CSV_HEADER "P1,2013-06,0,0\n", 2, 14, "the denominator is zero"},
  };
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    char *d = case_dir(cases[i].name);
    char *spec = write_data_case(d, cases[i].csv);
    char *csv = g_build_filename(d, "data.csv", NULL);
    expect_refused_at(spec, csv, cases[i].line, cases[i].col, cases[i].needle);
    g_free(csv);
    g_free(spec);
    g_free(d);
  }
}

/* ---- output ---------------------------------------------------------------- */

static void test_output_equal_to_input(void **state) {
  (void)state;
  char *d = case_dir("same-file");
  char *spec = write_spec(d, "report.xml", NULL, "<p>x</p>");
  char *before = NULL;
  assert_true(g_file_get_contents(spec, &before, NULL, NULL));
  Measured m = RUN_MEASURED(60, boardpack_bin(), "render", spec, "-o", spec);
  assert_int_equal(m.status, 1);
  assert_non_null(strstr(m.err, "would overwrite the spec"));
  char *after = NULL;
  assert_true(g_file_get_contents(spec, &after, NULL, NULL));
  assert_string_equal(before, after);
  measured_clear(&m);
  g_free(after);
  g_free(before);
  g_free(spec);
  g_free(d);
}

/* A file-size limit (ulimit -f) makes the write fail part way: EFBIG, not
 * SIGXFSZ, and the temporary file is removed. */
static void test_output_too_large_for_limit(void **state) {
  (void)state;
  char *d = case_dir("ulimit");
  char *spec = write_spec(d, "report.xml", NULL, "<p>A paragraph.</p>");
  char *out = g_build_filename(d, "out.pdf", NULL);
  write_bytes(out, PRECIOUS, strlen(PRECIOUS));
  Measured m = RUN_MEASURED(60, "sh", "-c", "ulimit -f 8 && exec \"$0\" \"$@\"", boardpack_bin(), "render", spec, "-o", out);
  if (m.status != 1) fprintf(stderr, "status %d signal %d: %s", m.status, m.signal, m.err);
  assert_int_equal(m.status, 1);
  assert_non_null(strstr(m.err, "cannot write"));
  assert_non_null(strstr(m.err, "File too large"));
  char *content = NULL;
  assert_true(g_file_get_contents(out, &content, NULL, NULL));
  assert_string_equal(content, PRECIOUS);
  assert_no_temporary(d, "out.pdf");
  g_free(content);
  measured_clear(&m);
  g_free(out);
  g_free(spec);
  g_free(d);
}

/* A full file system: a 16 KB tmpfs when this process may mount one. */
static void test_output_disk_full(void **state) {
  (void)state;
  char *d = case_dir("full");
  char *mnt = g_build_filename(d, "mnt", NULL);
  g_mkdir(mnt, 0755);
  if (mount("tmpfs", mnt, "tmpfs", 0, "size=4k") != 0) {
    fprintf(stderr, "  (skipped: cannot mount a small tmpfs here: %s; the ulimit -f test covers a failing write)\n",
            g_strerror(errno));
    g_free(mnt);
    g_free(d);
    skip();
  }
  char *spec = write_spec(d, "report.xml", NULL, "<p>A paragraph.</p>");
  char *out = g_build_filename(mnt, "out.pdf", NULL);
  Measured m = RUN_MEASURED(60, boardpack_bin(), "render", spec, "-o", out);
  gboolean out_exists = g_file_test(out, G_FILE_TEST_EXISTS);
  assert_no_temporary(mnt, "out.pdf");
  assert_int_equal(umount(mnt), 0);
  assert_int_equal(m.status, 1);
  assert_non_null(strstr(m.err, "No space left on device"));
  assert_false(out_exists);
  measured_clear(&m);
  g_free(out);
  g_free(spec);
  g_free(mnt);
  g_free(d);
}

static void test_unwritable_directory(void **state) {
  (void)state;
  char *d = case_dir("unwritable");
  char *spec = write_spec(d, "report.xml", NULL, "<p>x</p>");
  Measured m = RUN_MEASURED(60, boardpack_bin(), "render", spec, "-o", "/proc/boardpack-test.pdf");
  assert_int_equal(m.status, 1);
  assert_non_null(strstr(m.err, "cannot write /proc/boardpack-test.pdf"));
  measured_clear(&m);
  g_free(spec);
  g_free(d);
}

/* ---- size ------------------------------------------------------------------ */

static void test_100mb_spec(void **state) {
  (void)state;
  char *d = case_dir("huge");
  char *spec = g_build_filename(d, "report.xml", NULL);
  FILE *f = fopen(spec, "w");
  assert_non_null(f);
  fputs("<report>" META "<body><section title='S'>\n", f);
  for (long written = 0; written < 100L * 1024 * 1024;)
    written += fprintf(f, "<p>The panel is asked to note the report and its %ld annexes.</p>\n", written);
  fputs("</section></body></report>\n", f);
  fclose(f);
  char *out = g_build_filename(d, "out.pdf", NULL);
  Measured m = RUN_MEASURED(60, boardpack_bin(), "render", spec, "-o", out);
  fprintf(stderr, "  100 MB spec: status %d, %.2f s CPU, %ld MB peak\n", m.status, m.cpu, m.max_rss / 1024);
  assert_int_equal(m.status, 1);
  assert_non_null(strstr(m.err, "is too large"));
  assert_true(m.cpu < 10);
  assert_true(m.max_rss < 512 * 1024);
  assert_false(g_file_test(out, G_FILE_TEST_EXISTS));
  g_unlink(spec);
  measured_clear(&m);
  g_free(out);
  g_free(spec);
  g_free(d);
}

static void test_10000_row_table(void **state) {
  (void)state;
  char *d = case_dir("table");
  GString *b = g_string_new("<table><col/><col/><tr><th>Row</th><th>Value</th></tr>\n");
  for (int i = 0; i < 10000; i++) g_string_append_printf(b, "<tr><td>Row %d</td><td>%d</td></tr>\n", i, i * 7);
  g_string_append(b, "</table>");
  char *spec = write_spec(d, "report.xml", NULL, b->str);
  g_string_free(b, TRUE);
  expect_renders_bounded(spec, "10,000-row table");
  g_free(spec);
  g_free(d);
}

static void test_5000_character_word(void **state) {
  (void)state;
  char *d = case_dir("long-word");
  char *word = g_strnfill(5000, 'x');
  char *body = g_strdup_printf("<p>Before %s after.</p>", word);
  char *spec = write_spec(d, "report.xml", NULL, body);
  expect_renders_bounded(spec, "5,000-character word");
  g_free(spec);
  g_free(body);
  g_free(word);
  g_free(d);
}

static void test_chart_with_10000_points(void **state) {
  (void)state;
  char *d = case_dir("chart");
  GString *csv = g_string_new("ref,period,numerator\n"), *periods = g_string_new(NULL);
  for (int i = 0; i < 10000; i++) {
    int y = 1900 + i / 12, mo = i % 12 + 1;
    g_string_append_printf(csv, "C1,%04d-%02d,%d\n", y, mo, (i * 37) % 101);
    g_string_append_printf(periods, "%s%04d-%02d", i ? " " : "", y, mo);
  }
  g_free(test_write_file(d, "catalogue.xml", catalogue_xml));
  g_free(test_write_file(d, "data.csv", csv->str));
  char *body = g_strdup_printf("<chart type='line'><caption>Ten thousand months</caption><periods>%s</periods>"
                               "<series ref='C1'/></chart>",
                               periods->str);
  char *spec = write_spec(d, "report.xml", "data.csv", body);
  expect_renders_bounded(spec, "chart with 10,000 points");
  g_free(spec);
  g_free(body);
  g_string_free(periods, TRUE);
  g_string_free(csv, TRUE);
  g_free(d);
}

/* A report that takes a few seconds to lay out and draw. */
static char *slow_spec(const char *d) {
  GString *b = g_string_new(NULL);
  for (int i = 0; i < 12000; i++)
    g_string_append_printf(b, "<p>Paragraph %d: the panel is asked to note progress against the improvement plan.</p>\n", i);
  char *spec = write_spec(d, "report.xml", NULL, b->str);
  g_string_free(b, TRUE);
  return spec;
}

/* SIGINT while laying out: nothing at all is written. */
static void test_sigint_during_layout(void **state) {
  (void)state;
  char *d = case_dir("sigint");
  char *spec = slow_spec(d);
  char *out = g_build_filename(d, "out.pdf", NULL);
  char *err_path = g_build_filename(d, "stderr.txt", NULL);
  g_unlink(out); /* a finished run of an earlier test leaves one */
  pid_t pid = spawn((const char *const[]){boardpack_bin(), "render", spec, "-o", out, NULL}, err_path);
  g_usleep(500 * 1000);
  kill(pid, SIGINT);
  Measured m = reap(pid, err_path, 60);
  if (m.signal != SIGINT) fprintf(stderr, "  (the render ended before the signal: status %d)\n", m.status);
  if (m.signal == SIGINT) assert_false(g_file_test(out, G_FILE_TEST_EXISTS));
  assert_no_temporary(d, "out.pdf");
  measured_clear(&m);
  g_free(err_path);
  g_free(out);
  g_free(spec);
  g_free(d);
}

/* `sig` the moment the temporary output file appears (inotify): the
 * handler removes it; the target is either absent or a complete PDF (when
 * the rename won the race), never partial. Repeated `rounds` times, to
 * land in write, fsync and rename alike. */
static void signal_while_writing(int sig, int rounds) {
  char *name = g_strdup_printf("signal-%d", sig);
  char *d = case_dir(name);
  char *spec = slow_spec(d);
  char *out = g_build_filename(d, "out.pdf", NULL);
  char *err_path = g_build_filename(d, "stderr.txt", NULL);
  int killed = 0;
  for (int round = 0; round < rounds; round++) {
    g_unlink(out);
    int in = inotify_init1(IN_CLOEXEC);
    assert_true(in >= 0);
    assert_true(inotify_add_watch(in, d, IN_CREATE) >= 0);
    pid_t pid = spawn((const char *const[]){boardpack_bin(), "render", spec, "-o", out, NULL}, err_path);
    char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
    gboolean seen = FALSE;
    for (int waited = 0; !seen && waited < 120 * 100; waited++) {
      struct pollfd pfd = {.fd = in, .events = POLLIN};
      if (poll(&pfd, 1, 10) == 0) {
        if (waitpid(pid, NULL, WNOHANG) == pid) break; /* (reaped: reap() below then fails) */
        continue;
      }
      ssize_t n = read(in, buf, sizeof buf);
      if (n <= 0) break;
      for (char *p = buf; p < buf + n;) {
        struct inotify_event *ev = (struct inotify_event *)p;
        if (ev->len && g_str_has_prefix(ev->name, ".out.pdf.")) seen = TRUE;
        p += sizeof *ev + ev->len;
      }
    }
    kill(pid, sig);
    if (!seen) {
      char *err = NULL;
      g_file_get_contents(err_path, &err, NULL, NULL);
      fprintf(stderr, "round %d: the render ended without writing: %s\n", round, err ? err : "");
      g_free(err);
    }
    assert_true(seen);
    Measured m = reap(pid, err_path, 120);
    close(in);
    if (m.signal == sig) killed++;
    assert_no_temporary(d, "out.pdf");
    if (g_file_test(out, G_FILE_TEST_EXISTS)) {
      RunResult q = RUN("qpdf", "--check", out);
      assert_int_equal(q.status, 0);
      run_result_clear(&q);
    }
    measured_clear(&m);
  }
  fprintf(stderr, "  signal %d (%s) landed while writing in %d of %d rounds\n", sig, g_strsignal(sig), killed, rounds);
  g_free(err_path);
  g_free(out);
  g_free(spec);
  g_free(d);
  g_free(name);
}

static void test_sigterm_while_writing(void **state) {
  (void)state;
  signal_while_writing(SIGTERM, 3);
}

/* The other signals that end a process by default: a closed terminal, a
 * quit key, a reader gone, a timer. */
static void test_other_signals_while_writing(void **state) {
  (void)state;
  const int sigs[] = {SIGHUP, SIGQUIT, SIGPIPE, SIGALRM};
  for (guint i = 0; i < G_N_ELEMENTS(sigs); i++) signal_while_writing(sigs[i], 1);
}

int main(void) {
  dir = test_scratch_dir("e2e-bad-input");
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_malformed_xml),
      cmocka_unit_test(test_schema_violation),
      cmocka_unit_test(test_entity_bomb),
      cmocka_unit_test(test_external_entity),
      cmocka_unit_test(test_deeply_nested_list),
      cmocka_unit_test(test_missing_file),
      cmocka_unit_test(test_directory_instead_of_file),
      cmocka_unit_test(test_unreadable_file),
      cmocka_unit_test(test_path_escaping_the_folder),
      cmocka_unit_test(test_image_not_png_or_truncated),
      cmocka_unit_test(test_not_utf8),
      cmocka_unit_test(test_pack_bad_period),
      cmocka_unit_test(test_pack_given_as_report),
      cmocka_unit_test(test_empty_agenda),
      cmocka_unit_test(test_duplicate_id),
      cmocka_unit_test(test_namespaced_elements),
      cmocka_unit_test(test_xref_to_missing_id),
      cmocka_unit_test(test_impossible_date),
      cmocka_unit_test(test_character_no_font_has),
      cmocka_unit_test(test_unknown_measure),
      cmocka_unit_test(test_optional_unknown_measure),
      cmocka_unit_test(test_link_scheme_refused),
      cmocka_unit_test(test_link_to_missing_id_refused),
      cmocka_unit_test(test_link_pdf_injection),
      cmocka_unit_test(test_bad_csv),
      cmocka_unit_test(test_output_equal_to_input),
      cmocka_unit_test(test_output_too_large_for_limit),
      cmocka_unit_test(test_output_disk_full),
      cmocka_unit_test(test_unwritable_directory),
      cmocka_unit_test(test_100mb_spec),
      cmocka_unit_test(test_10000_row_table),
      cmocka_unit_test(test_5000_character_word),
      cmocka_unit_test(test_chart_with_10000_points),
      cmocka_unit_test(test_sigint_during_layout),
      cmocka_unit_test(test_sigterm_while_writing),
      cmocka_unit_test(test_other_signals_while_writing),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  g_free(dir);
  return rc;
}
