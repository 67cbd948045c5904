/* Typesetting of papers other than the sample (tests/data/languages/,
 * tests/data/housing/): every script of the "other languages" note shown,
 * a character no font has refused by render and by check. */
#include "e2eutil.h"
#include "pdfua_check.h"

#include <math.h>
#include <stdlib.h>

#define LANGUAGES "tests/data/languages/report.xml"
#define HOUSING "tests/data/housing/report.xml"
#define WASTE "tests/data/waste/report.xml"

static char *dir;

static int setup(void **state) {
  (void)state;
  dir = test_scratch_dir("e2e-typeset");
  return 0;
}

static char *pdf_text(const char *pdf) {
  RunResult r = RUN("pdftotext", "-raw", "-enc", "UTF-8", pdf, "-");
  assert_int_equal(r.status, 0);
  g_free(r.err);
  return r.out;
}

/* The text without white space or bidi embedding marks: poppler breaks
 * Nastaliq's cascading words apart, but keeps their letters in order. */
static char *letters_only(const char *text) {
  GString *o = g_string_new(NULL);
  for (const char *p = text; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (!g_unichar_isspace(c) && c != 0x202B && c != 0x202C && c != 0x202A) g_string_append_unichar(o, c);
  }
  return g_string_free(o, FALSE);
}

static void test_other_languages_shown(void **state) {
  (void)state;
  char *pdf = g_build_filename(dir, "languages.pdf", NULL);
  RunResult r = RUN(boardpack_bin(), "render", LANGUAGES, "-o", pdf);
  if (r.status != 0) fprintf(stderr, "%s", r.err);
  assert_int_equal(r.status, 0);
  assert_null(strstr(r.err, "cannot be shown")); /* not even a warning */
  run_result_clear(&r);
  char *text = pdf_text(pdf);
  char *letters = letters_only(text);
  static const char *const lines[] = {"ਜੇਤੁਸੀਂਇਹਦਸਤਾਵੇਜ਼", "আপনিযদিএইনথিটি", "如果您需要其他语言版本的本文件", "دستاویز", "رابطہ", "ہے۔",
                                      "Ỻyfr", NULL};
  for (int i = 0; lines[i]; i++) {
    if (!strstr(letters, lines[i])) fprintf(stderr, "'%s' is not in the text\n", lines[i]);
    assert_non_null(strstr(letters, lines[i]));
  }
  g_free(text);
  g_free(letters);
  r = RUN("pdffonts", pdf);
  static const char *const fonts[] = {"NotoSansGurmukhi-Regular", "NotoSansBengali-Regular", "DroidSansFallback",
                                      "NotoNastaliqUrdu-Regular", "NotoNaskhArabic-Regular", "NotoSansGujarati",
                                      "NotoSansDevanagari", "NotoSansTamil", "NotoSans-Regular", NULL};
  for (int i = 0; fonts[i]; i++) assert_non_null(strstr(r.out, fonts[i]));
  run_result_clear(&r);
  g_free(pdf);
}

static char *spec_with(const char *name, const char *report_attrs, const char *para) {
  char *xml = g_strdup_printf("<report lang=\"en-GB\"%s>\n<meta><committee>C</committee><date>2024-01-01</date>"
                              "<title>T</title></meta>\n<body><section title=\"S\">\n<p>%s</p>\n</section></body>\n"
                              "</report>\n",
                              report_attrs, para);
  char *path = test_write_file(dir, name, xml);
  g_free(xml);
  return path;
}

/* U+E000 (private use) is in no font: an error at the paragraph, from
 * render (no PDF) and from check. */
static void test_unshowable_character_is_an_error(void **state) {
  (void)state;
  char *spec = spec_with("pua.xml", "", "Call us on \xee\x80\x80 0300 123 4567.");
  char *pdf = g_build_filename(dir, "pua.pdf", NULL);
  g_unlink(pdf);
  RunResult r = RUN(boardpack_bin(), "render", spec, "-o", pdf);
  assert_int_equal(r.status, 1);
  assert_non_null(strstr(r.err, "pua.xml:4:1: error: 1 character (U+E000) cannot be shown"));
  assert_false(g_file_test(pdf, G_FILE_TEST_EXISTS));
  run_result_clear(&r);
  r = RUN(boardpack_bin(), "check", spec);
  assert_int_equal(r.status, 1);
  assert_non_null(strstr(r.err, "error: 1 character (U+E000) cannot be shown"));
  run_result_clear(&r);
  g_free(spec);
  /* missing-glyphs="warning" lowers it to a warning */
  spec = spec_with("pua-warn.xml", " missing-glyphs=\"warning\"", "Call us on \xee\x80\x80 0300 123 4567.");
  r = RUN(boardpack_bin(), "render", spec, "-o", pdf);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.err, "warning: 1 character (U+E000) cannot be shown"));
  run_result_clear(&r);
  g_free(spec);
  g_free(pdf);
}

/* The box dump of `spec`, one string per box line. */
static char **boxes_of(const char *spec) {
  RunResult r = RUN(boardpack_bin(), "render", spec, "--format", "boxes");
  if (r.status != 0) fprintf(stderr, "%s", r.err);
  assert_int_equal(r.status, 0);
  char **lines = g_strsplit(r.out, "\n", -1);
  run_result_clear(&r);
  return lines;
}

typedef struct Box {
  int page;
  double x, y, w, h;
  const char *text;
} Box;

/* A "text" box line of the dump, parsed (its text after the style
 * fields, which end with colour= and an optional page-of=); FALSE for
 * other kinds. */
static gboolean box_parse(const char *line, Box *b) {
  char kind[16];
  int used = 0;
  if (sscanf(line, "%d %15s %lf %lf %lf %lf %n", &b->page, kind, &b->x, &b->y, &b->w, &b->h, &used) < 6) return FALSE;
  if (strcmp(kind, "text") != 0) return FALSE;
  const char *t = strstr(line + used, "colour=#");
  if (!t) return FALSE;
  t += strlen("colour=#") + 6;
  if (g_str_has_prefix(t, " page-of=")) t = strchr(t + 1, ' ');
  b->text = t && *t ? t + 1 : "";
  return TRUE;
}

/* The text of the first text box whose text starts with `prefix`. */
static const char *box_text(char **boxes, const char *prefix) {
  for (char **b = boxes; *b; b++) {
    struct Box box;
    if (box_parse(*b, &box) && g_str_has_prefix(box.text, prefix)) return box.text;
  }
  return NULL;
}

/* Narrow header cells break at hyphenation points ("House-holds"), never
 * at an arbitrary letter ("Househol-ds"); codes and figures with units
 * stay whole. */
static void test_words_break_at_hyphenation_points(void **state) {
  (void)state;
  char **boxes = boxes_of(HOUSING);
  static const char *const want[][2] = {{"House", "House holds"},     {"Applica", "Applica tions"},
                                        {"Accept", "Accept ances"},   {"Preven", "Preven tion"},
                                        {"HSG01/B", "HSG01/B"},       {"12 weeks", "12 weeks"},
                                        {"Intention", "Intention ally homeless"}};
  for (guint i = 0; i < G_N_ELEMENTS(want); i++) {
    const char *t = box_text(boxes, want[i][0]);
    if (!t || strcmp(t, want[i][1]) != 0) fprintf(stderr, "want '%s', got '%s'\n", want[i][1], t ? t : "(none)");
    assert_non_null(t);
    assert_string_equal(t, want[i][1]);
  }
  g_strfreev(boxes);
}

static gboolean is_paragraph_number(const char *t) {
  if (!g_ascii_isdigit(*t)) return FALSE;
  gboolean dot = FALSE;
  for (; *t; t++) {
    if (*t == '.') dot = TRUE;
    else if (!g_ascii_isdigit(*t)) return FALSE;
  }
  return dot;
}

/* Every paragraph number ends at least 8 pt before its text starts, at
 * every depth ("3.4.1.1" collided with its text). */
static void test_paragraph_numbers_clear_of_text(void **state) {
  (void)state;
  char **lines = boxes_of(HOUSING);
  int numbers = 0;
  for (char **l = lines; *l && l[1]; l++) {
    Box num, text;
    if (!box_parse(*l, &num) || !is_paragraph_number(num.text) || !box_parse(l[1], &text)) continue;
    numbers++;
    if (text.x < num.x + num.w + 8) fprintf(stderr, "%s: text at %.2f, number ends at %.2f\n", num.text, text.x, num.x + num.w);
    assert_true(text.x >= num.x + num.w + 8);
  }
  assert_true(numbers >= 10);
  g_strfreev(lines);
}

/* Height of the first word `word` in `pdf` (pdftotext -bbox): its size. */
/* `spec` rendered to `name` in the scratch folder: its path (g_free). */
static char *render_pdf(const char *spec, const char *name) {
  char *pdf = g_build_filename(dir, name, NULL);
  RunResult r = RUN(boardpack_bin(), "render", spec, "-o", pdf);
  if (r.status != 0) fprintf(stderr, "%s", r.err);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  return pdf;
}

/* The box (xMin, yMin, xMax, yMax) pdftotext gives the first `word` on
 * `page` (0: any), or the word after it when `next`. */
static void word_box(const char *pdf, int page, const char *word, gboolean next, double box[4]) {
  char *p = g_strdup_printf("%d", page ? page : 1), *l = page ? g_strdup(p) : g_strdup("0");
  RunResult r = page ? RUN("pdftotext", "-f", p, "-l", l, "-bbox", pdf, "-") : RUN("pdftotext", "-bbox", pdf, "-");
  assert_int_equal(r.status, 0);
  char *needle = g_strdup_printf(">%s</word>", word);
  const char *hit = strstr(r.out, needle);
  assert_non_null(hit);
  const char *start = hit;
  while (start > r.out && strncmp(start, "<word", 5) != 0) start--;
  if (next) start = strstr(hit, "<word");
  assert_non_null(start);
  assert_int_equal(sscanf(start, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"", &box[0], &box[1], &box[2],
                          &box[3]),
                   4);
  g_free(needle), g_free(p), g_free(l);
  run_result_clear(&r);
}

static double word_height(const char *pdf, const char *word) {
  double b[4];
  word_box(pdf, 0, word, FALSE, b);
  return b[3] - b[1];
}

/* Notes under tables at the note size, not the body's; standard headings
 * in sentence case. */
static void test_notes_small_headings_sentence_case(void **state) {
  (void)state;
  char *pdf = render_pdf(HOUSING, "housing.pdf");
  double note = word_height(pdf, "Figures"), body = word_height(pdf, "Most");
  if (note > body * 0.9) fprintf(stderr, "note %.2f, body %.2f\n", note, body);
  assert_true(note < body * 0.9);
  char *text = pdf_text(pdf);
  assert_non_null(strstr(text, "Executive summary\n"));
  assert_non_null(strstr(text, "Contact officer\n"));
  g_free(text);
  /* PDF/UA-1 with footnotes: each Note has its own /ID */
  char *problems = pdfua_problems(pdf);
  if (*problems) fprintf(stderr, "%s is not PDF/UA-1:\n%s", pdf, problems);
  assert_string_equal(problems, "");
  g_free(problems);
  g_free(pdf);
}

/* ---- pages that break well: property tests over generated papers ------- */

/* `n` one-line filler paragraphs. */
/* A footnote in a table's group row is printed at the foot of the page,
 * as one in a cell is (it once got its number and lost its text). */
static void test_footnote_in_group_row(void **state) {
  (void)state;
  char *spec = test_write_file(dir, "group-note.xml",
                               "<report lang='en-GB'><meta><committee>Panel</committee><date>2013-09-10</date>"
                               "<title>T</title></meta><body><section title='S'><table><tr head='yes'><th>A</th>"
                               "<th>B</th></tr><group>Group row<footnote>Group footnote words.</footnote></group>"
                               "<tr><td>one</td><td>two<footnote>Cell footnote words.</footnote></td></tr></table>"
                               "</section></body></report>");
  char *pdf = render_pdf(spec, "group-note.pdf");
  char *text = pdf_text(pdf);
  assert_non_null(strstr(text, "1 Group footnote words."));
  assert_non_null(strstr(text, "2 Cell footnote words."));
  g_free(text), g_free(pdf), g_free(spec);
}

static char *filler(int n) {
  GString *s = g_string_new(NULL);
  for (int i = 0; i < n; i++) g_string_append_printf(s, "<p>Filler paragraph %d.</p>\n", i + 1);
  return g_string_free(s, FALSE);
}

static char **boxes_of_xml(const char *name, const char *xml) {
  char *path = test_write_file(dir, name, xml);
  char **b = boxes_of(path);
  g_free(path);
  return b;
}

/* Page of the first box line containing `needle`, or 0. */
static int page_of(char **boxes, const char *needle) {
  for (char **b = boxes; *b; b++)
    if (strstr(*b, needle)) return atoi(*b);
  return 0;
}

static const char report_head[] = "<report lang=\"en-GB\"><meta><committee>C</committee><date>2024-01-01</date>"
                                  "<title>T</title><contact name=\"Ann Officer\" role=\"Head of Service\" "
                                  "phone=\"01632 960000\" email=\"ann@example.org\"/></meta>\n";

/* The contact officer block (heading, name, phone, email) is never split,
 * wherever the page break falls. */
static void test_contact_block_kept_together(void **state) {
  (void)state;
  int moved = 0;
  for (int n = 22; n <= 34; n++) {
    char *fill = filler(n);
    char *xml = g_strdup_printf("%s<front-sheet><summary>%s</summary></front-sheet></report>\n", report_head, fill);
    char **boxes = boxes_of_xml("contact.xml", xml);
    int head = page_of(boxes, " Contact officer"), email = page_of(boxes, "ann@example.org");
    if (head != email) fprintf(stderr, "%d paragraphs: heading on page %d, email on %d\n", n, head, email);
    assert_int_equal(head, email);
    moved += head == 2;
    g_strfreev(boxes), g_free(xml), g_free(fill);
  }
  assert_true(moved > 0 && moved < 13); /* the break did fall inside it for some n */
}

/* A heading keeps at least two lines of what follows on its page, even
 * when what follows is a list of one-line items. */
static void test_heading_keeps_two_lines(void **state) {
  (void)state;
  for (int n = 27; n <= 32; n++)
    for (int k = 0; k < 4; k++) {
    /* paragraphs (20 pt apart) and list items (17 pt) move the heading in small steps */
    char *fill = filler(n);
    GString *items = g_string_new("<ul>");
    for (int i = 0; i <= k; i++) g_string_append(items, "<li>Earlier item.</li>");
    g_string_append(items, "</ul>");
    char *xml = g_strdup_printf("%s<body><section title=\"S\">%s%s</section><section title=\"Next steps\">"
                                "<ul><li>First step.</li><li>Second step.</li><li>Third step.</li></ul>"
                                "</section></body></report>\n",
                                report_head, fill, items->str);
    g_string_free(items, TRUE);
    char **boxes = boxes_of_xml("heading.xml", xml);
    int head = page_of(boxes, "Next steps"), second = page_of(boxes, "Second step.");
    if (head != second) fprintf(stderr, "%d paragraphs: heading on page %d, second line on %d\n", n, head, second);
    assert_int_equal(head, second);
    g_strfreev(boxes), g_free(xml), g_free(fill);
  }
}

/* Tagged rows (TR begins) per page: a table never leaves one body row
 * alone, nor its header alone, on any page. */
static void test_table_rows_never_alone(void **state) {
  (void)state;
  for (int n = 24; n <= 40; n += 2) {
    char *fill = filler(n);
    GString *rows = g_string_new("<table><tr head=\"yes\"><th>Ward</th><th>Cases</th></tr>");
    for (int r = 1; r <= 12; r++) g_string_append_printf(rows, "<tr><td>Ward %d</td><td>%d</td></tr>", r, r * 7);
    g_string_append(rows, "</table>");
    char *xml = g_strdup_printf("%s<body><section title=\"S\">%s%s<p>After the table.</p></section></body></report>\n",
                                report_head, fill, rows->str);
    char **boxes = boxes_of_xml("rows.xml", xml);
    int per_page[64] = {0};
    for (char **b = boxes; *b; b++)
      if (strstr(*b, " begin ") && g_str_has_suffix(*b, " TR")) per_page[MIN(atoi(*b), 63)]++;
    int first = 0;
    for (int p = 1; p < 64; p++) {
      if (!per_page[p]) continue;
      /* the header row counts on the table's first page: it needs two body rows with it */
      int body = first ? per_page[p] : per_page[p] - 1;
      if (body < 2) fprintf(stderr, "%d paragraphs: page %d has %d body row(s)\n", n, p, body);
      assert_true(body >= 2);
      first = 1;
    }
    g_strfreev(boxes), g_free(xml), g_free(fill);
    g_string_free(rows, TRUE);
  }
}

/* keep="together" keeps any block on one page when it fits on one. */
static void test_keep_together(void **state) {
  (void)state;
  for (int n = 26; n <= 38; n++) {
    char *fill = filler(n);
    char *xml = g_strdup_printf("%s<body><section title=\"S\">%s<ol keep=\"together\"><li>Alpha item.</li>"
                                "<li>Beta item.</li><li>Gamma item.</li><li>Delta item.</li><li>Epsilon item.</li>"
                                "</ol></section></body></report>\n",
                                report_head, fill);
    char **boxes = boxes_of_xml("keep.xml", xml);
    assert_int_equal(page_of(boxes, "Alpha item."), page_of(boxes, "Epsilon item."));
    g_strfreev(boxes), g_free(xml), g_free(fill);
  }
}

/* ---- figures that line up -------------------------------------------- */

typedef struct {
  double x0, x1;
  char *word;
} Word;

/* Every word of `pdf` with its horizontal extent (pdftotext -bbox). */
static GArray *pdf_words(const char *pdf) {
  RunResult r = RUN("pdftotext", "-bbox", pdf, "-");
  assert_int_equal(r.status, 0);
  GArray *words = g_array_new(FALSE, FALSE, sizeof(Word));
  for (const char *p = r.out; (p = strstr(p, "<word xMin=\""));) {
    Word w;
    double y0, y1;
    int used = 0;
    if (sscanf(p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\">%n", &w.x0, &y0, &w.x1, &y1, &used) < 4) break;
    const char *end = strstr(p + used, "</word>");
    w.word = g_strndup(p + used, (gsize)(end - p - used));
    g_array_append_val(words, w);
    p = end;
  }
  run_result_clear(&r);
  return words;
}

static void pdf_words_free(GArray *words) {
  for (guint i = 0; i < words->len; i++) g_free(g_array_index(words, Word, i).word);
  g_array_free(words, TRUE);
}

/* Index of the first run of words spelling `phrase` (space-separated). */
static guint words_find(GArray *words, const char *phrase) {
  char **parts = g_strsplit(phrase, " ", -1);
  guint n = g_strv_length(parts);
  for (guint i = 0; i + n <= words->len; i++) {
    guint k = 0;
    while (k < n && strcmp(g_array_index(words, Word, i + k).word, parts[k]) == 0) k++;
    if (k == n) {
      g_strfreev(parts);
      return i;
    }
  }
  g_strfreev(parts);
  fail_msg("'%s' is not in the PDF", phrase);
  return 0;
}

/* A mark goes on the column mark-column names; a header spanning two
 * figure columns is centred over them, not pushed right; figures in a
 * decimal column line up on the point (41 / 64.5 / 61.25). */
static void test_marks_spanners_decimals(void **state) {
  (void)state;
  char *pdf = render_pdf(HOUSING, "housing-figures.pdf");
  GArray *w = pdf_words(pdf);
  /* November's figure carries the mark, not December's */
  words_find(w, "1,388†");
  words_find(w, "1,452");
  for (guint i = 0; i < w->len; i++) assert_string_not_equal(g_array_index(w, Word, i).word, "1,452†");
  /* the spanner over columns 2 and 3 of a 2*:1*:1* table in the text column */
  guint cap = words_find(w, "Households in temporary accommodation by type");
  double left = g_array_index(w, Word, cap).x0, width = 422.52; /* the body text column */
  guint sp = words_find(w, "Households at month end");
  double mid = (g_array_index(w, Word, sp).x0 + g_array_index(w, Word, sp + 3).x1) / 2;
  double want = left + width / 2 + width / 4;
  if (fabs(mid - want) > 1) fprintf(stderr, "spanner centred at %.2f, columns' centre %.2f\n", mid, want);
  assert_true(fabs(mid - want) <= 1);
  /* December: 41 ends where 64.5's and 61.25's points are */
  guint a = words_find(w, "Bed and breakfast 38 41"), b = words_find(w, "(%) 64.5 61.25");
  double end41 = g_array_index(w, Word, a + 4).x1;
  Word dec = g_array_index(w, Word, b + 2);
  double point = dec.x0 + (dec.x1 - dec.x0) * 2.0 / 5.0; /* "61" of "61.25", digits equally wide */
  if (fabs(end41 - point) > 1.5) fprintf(stderr, "41 ends at %.2f, the point is at %.2f\n", end41, point);
  assert_true(fabs(end41 - point) <= 1.5);
  pdf_words_free(w);
  g_free(pdf);
}

static void test_mark_column_unknown(void **state) {
  (void)state;
  char *spec = g_build_filename("tests", "data", "housing", "report.xml", NULL), *text = NULL;
  assert_true(g_file_get_contents(spec, &text, NULL, NULL));
  char **halves = g_strsplit(text, "mark-column=\"Nov 2023\"", 2);
  char *bad = g_strjoinv("mark-column=\"Jan 2024\"", halves);
  g_strfreev(halves);
  char *path = g_build_filename("tests", "data", "housing", "bad-mark.xml", NULL);
  assert_true(g_file_set_contents(path, bad, -1, NULL));
  RunResult r = RUN(boardpack_bin(), "check", path);
  g_unlink(path);
  assert_int_equal(r.status, 1);
  assert_non_null(strstr(r.err, "mark-column \"Jan 2024\" names no column of this scorecard"));
  run_result_clear(&r);
  g_free(spec), g_free(text), g_free(bad), g_free(path);
}

/* ---- page shapes and continued tables -------------------------------- */

static char *page_text_of(const char *pdf, int page) {
  char num[16];
  g_snprintf(num, sizeof num, "%d", page);
  RunResult r = RUN("pdftotext", "-raw", "-enc", "UTF-8", "-f", num, "-l", num, pdf, "-");
  assert_int_equal(r.status, 0);
  g_free(r.err);
  return r.out;
}

/* A first row of <th>s is the table's header row without head="yes", as
 * in HTML: every data cell has a header (PDF/UA 7.5-1), and the row
 * repeats on the page the table runs on to. */
static void test_th_row_heads_the_table(void **state) {
  (void)state;
  GString *x = g_string_new("<report lang='en-GB'><meta><committee>Panel</committee><date>2013-09-10</date>"
                            "<title>T</title></meta><body><section title='S'><table><caption>Homes</caption>"
                            "<tr><th>Home name</th><th>Beds</th></tr>");
  for (int i = 1; i <= 70; i++) g_string_append_printf(x, "<tr><td>Home %d</td><td>%d</td></tr>", i, 20 + i);
  g_string_append(x, "</table></section></body></report>");
  char *spec = test_write_file(dir, "th-row.xml", x->str);
  char *pdf = render_pdf(spec, "th-row.pdf");
  char *problems = pdfua_problems(pdf);
  if (*problems) fprintf(stderr, "%s", problems);
  assert_string_equal(problems, "");
  char *p3 = page_text_of(pdf, 3);
  assert_non_null(strstr(p3, "Homes (continued)"));
  assert_non_null(strstr(p3, "Home name"));
  g_free(p3), g_free(problems), g_free(pdf), g_free(spec);
  g_string_free(x, TRUE);
}

/* A list marker wider than the house style's indent ("xxxviii)" in 30 pt
 * with a 5 pt indent) widens the list's indent instead of breaking a
 * letter a line (it ran off the page): every marker on one line, every
 * item's text after the widest marker. */
static void test_wide_list_markers_widen_the_indent(void **state) {
  (void)state;
  char *style = test_write_file(dir, "narrow-lists.xml",
                                "<layout name='n'><lists indent='5pt'/><text role='body' size='30pt'/></layout>");
  GString *x = g_string_new("<report lang='en-GB' layout='narrow-lists.xml'><meta><committee>Panel</committee>"
                            "<date>2013-09-10</date><title>T</title></meta><body><section title='S'><ol marker='i)'>");
  for (int i = 1; i <= 38; i++) g_string_append_printf(x, "<li>item %d</li>", i);
  g_string_append(x, "</ol></section></body></report>");
  char **boxes = boxes_of_xml("wide-markers.xml", x->str);
  double text_x = -1, marker_right = 0;
  int markers = 0;
  for (char **b = boxes; *b; b++) {
    Box box;
    if (!box_parse(*b, &box)) continue;
    if (g_str_has_suffix(box.text, ")") && strchr("ivxl", box.text[0])) {
      markers++;
      assert_true(strstr(*b, "lines=0+1") != NULL); /* one line */
      marker_right = MAX(marker_right, box.x + box.w);
    }
    if (g_str_has_prefix(box.text, "item ")) {
      if (text_x < 0) text_x = box.x;
      assert_true(fabs(box.x - text_x) < 0.01);
    }
  }
  assert_int_equal(markers, 38);
  assert_true(text_x >= marker_right - 0.01);
  g_strfreev(boxes), g_free(style);
  g_string_free(x, TRUE);
}

/* One wide table on a landscape page of its own inside the portrait
 * report; a landscape annex with no title page of its own (its heading and
 * first rows share its first page); a table that goes on over a page says
 * so above its repeated header. */
static void test_landscape_and_continued(void **state) {
  (void)state;
  char *pdf = render_pdf(HOUSING, "housing-pages.pdf");
  RunResult r = RUN("pdfinfo", "-f", "1", "-l", "99", pdf);
  assert_non_null(strstr(r.out, "Pages:           8"));
  static const char *const sizes[] = {"595.276 x 841.89", "595.276 x 841.89", "595.276 x 841.89", "595.276 x 841.89",
                                      "841.89 x 595.276", "595.276 x 841.89", "841.89 x 595.276", "841.89 x 595.276"};
  for (int i = 0; i < 8; i++) {
    char *want = g_strdup_printf("Page %4d size:  %s", i + 1, sizes[i]);
    if (!strstr(r.out, want)) fprintf(stderr, "want '%s'\n", want);
    assert_non_null(strstr(r.out, want));
    g_free(want);
  }
  run_result_clear(&r);
  char *p5 = page_text_of(pdf, 5), *p6 = page_text_of(pdf, 6), *p7 = page_text_of(pdf, 7), *p3 = page_text_of(pdf, 3),
       *p8 = page_text_of(pdf, 8);
  assert_non_null(strstr(p5, "Temporary accommodation placements by ward, 2023\nWard Jan Feb"));
  assert_non_null(strstr(p5, "Lakeside 12 23"));
  assert_non_null(strstr(p6, "Placements are counted in the month they began."));
  assert_non_null(strstr(p7, "Annex 1: Placements by provider\n"));
  assert_non_null(strstr(p7, "Provider A Lettings Ltd 10 40 20"));
  assert_true(g_str_has_prefix(p3, "Housing options scorecard, quarter 3 (continued)\nHousing options measures Oct 2023"));
  assert_true(g_str_has_prefix(p8, "Placements by provider (continued)\nProvider Rooms"));
  g_free(p3), g_free(p5), g_free(p6), g_free(p7), g_free(p8);
  g_free(pdf);
}

/* An annex that opens with a landscape table has its heading on the
 * table's first page (it was alone on a portrait page), the report goes
 * on in portrait after it, and a paper that ends on a landscape table
 * ends there: no blank portrait page after it (Severn Marches). */
static void test_annex_opening_with_a_landscape_table(void **state) {
  (void)state;
  static const char table[] = "<table orientation='landscape'><caption>Wide</caption><tr head='yes'><th>Area</th>"
                              "<th>A</th></tr><tr><td>X</td><td>1</td></tr></table>";
  char *two = g_strdup_printf("<report><meta><committee>C</committee><date>2025-02-11</date><title>T</title></meta>"
                              "<body><section title='One'><p>Text.</p></section></body>"
                              "<annex title='Incidents'>%s<p>After the table.</p></annex>"
                              "<annex title='Last'>%s</annex></report>",
                              table, table);
  char *spec = test_write_file(dir, "annex-landscape.xml", two), *pdf = g_build_filename(dir, "annex-landscape.pdf", NULL);
  RunResult r = RUN(boardpack_bin(), "render", spec, "-o", pdf);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  r = RUN("pdfinfo", "-f", "1", "-l", "99", pdf);
  /* the body; Annex 1's heading and table; its paragraph; Annex 2 */
  assert_non_null(strstr(r.out, "Pages:           4"));
  static const char *const sizes[] = {"595.276 x 841.89", "841.89 x 595.276", "595.276 x 841.89", "841.89 x 595.276"};
  for (int i = 0; i < 4; i++) {
    char *want = g_strdup_printf("Page %4d size:  %s", i + 1, sizes[i]);
    if (!strstr(r.out, want)) fprintf(stderr, "want '%s' in\n%s", want, r.out);
    assert_non_null(strstr(r.out, want));
    g_free(want);
  }
  run_result_clear(&r);
  char *p2 = page_text_of(pdf, 2), *p4 = page_text_of(pdf, 4);
  assert_non_null(strstr(p2, "Annex 1: Incidents\nWide"));
  assert_non_null(strstr(p4, "Annex 2: Last\nWide"));
  g_free(p2), g_free(p4), g_free(pdf), g_free(spec), g_free(two);
}

/* Scorecard columns take label-width= and width= like a table's <col>s. */
static void test_scorecard_column_widths(void **state) {
  (void)state;
  char **boxes = boxes_of(HOUSING);
  Box label = {0}, oct = {0};
  for (char **l = boxes; *l; l++) {
    Box b;
    if (!box_parse(*l, &b)) continue;
    if (!label.text && strcmp(b.text, "Housing options measures") == 0) label = b;
    if (!oct.text && strcmp(b.text, "Oct 2023") == 0) oct = b;
  }
  assert_non_null(label.text);
  assert_non_null(oct.text);
  /* cell width less the padding on both sides (3.5 pt each) */
  assert_float_equal(label.w + 7, 422.52 * 0.5, 0.05);
  assert_float_equal(oct.w + 7, 22 * 72 / 25.4, 0.05);
  g_strfreev(boxes);
}

/* Lines of a text box line of the dump ("lines=0+3": 3). */
static int box_lines(const char *line) {
  const char *l = strstr(line, " lines=");
  return l ? atoi(strchr(l, '+') + 1) : 0;
}

/* The second sample's scorecard: by default (no label-width=) every
 * measure label reads in at most two lines, and every figure on one; the
 * figures' headings wrap instead ("Q2 / 2023/24"). Before, the label
 * column got what the headings left and labels took up to five lines. */
static void test_scorecard_labels_in_two_lines(void **state) {
  (void)state;
  char **boxes = boxes_of("samples/glanafon-2024-q2/report.xml");
  int labels = 0, figures = 0;
  gboolean label_next = FALSE, figure_next = FALSE, in_scorecard = FALSE;
  for (char **l = boxes; *l; l++) {
    if (strstr(*l, " DoT")) in_scorecard = TRUE;          /* the scorecard's header row */
    if (strstr(*l, "text") && strstr(*l, " Legend")) in_scorecard = FALSE;
    if (!in_scorecard) continue;
    if (strstr(*l, "TH row=body col=0")) label_next = TRUE;
    else if (strstr(*l, "TD row=body col=")) figure_next = TRUE;
    else if (strstr(*l, " text ") && (label_next || figure_next)) {
      if (label_next && box_lines(*l) > 2) fprintf(stderr, "label in %d lines: %s\n", box_lines(*l), *l);
      assert_true(box_lines(*l) <= (label_next ? 2 : 1));
      labels += label_next, figures += figure_next;
      label_next = figure_next = FALSE;
    }
  }
  assert_int_equal(labels, 8);
  assert_true(figures >= 8 * 4);
  g_strfreev(boxes);
}

/* tests/data/waste's twelve-month landscape scorecard (15 columns, a
 * sparkline among them): its period headings wrap at their hyphen
 * ("Jan-" over "24"), its figure columns are no wider than a figure or
 * the heading's widest piece, its sparkline column gives up room (less
 * than its 72 pt), and only then do labels wrap. Every label but one
 * reads in two lines; that one ("Missed household bin collections ...",
 * 316 pt in two lines) cannot: its figures and sparkline need at least
 * 392 pt of the table's 714, so it takes three. Before, labels took 4-7
 * lines in a 118 pt column, and the table ran over two pages. */
static void test_long_scorecard_labels_readable(void **state) {
  (void)state;
  char **boxes = boxes_of(WASTE);
  int labels = 0, over_two = 0, most = 0, wrapped_heads = 0;
  double spark_w = 0;
  gboolean in_annex = FALSE, label_next = FALSE;
  for (char **l = boxes; *l; l++) {
    if (strstr(*l, " text ") && strstr(*l, "Annex 1: Twelve months at a glance")) in_annex = TRUE;
    if (strstr(*l, " text ") && strstr(*l, "DoT compares")) in_annex = FALSE;
    if (!in_annex) continue;
    Box b;
    if (strstr(*l, "TH row=body col=0")) label_next = TRUE;
    else if (label_next && box_parse(*l, &b)) {
      labels++, most = MAX(most, box_lines(*l)), over_two += box_lines(*l) > 2;
      if (box_lines(*l) > 2) fprintf(stderr, "label in %d lines: %s\n", box_lines(*l), b.text);
      label_next = FALSE;
    }
    if (box_parse(*l, &b) && strcmp(b.text, "Jan- 24") == 0) wrapped_heads += box_lines(*l) == 2;
    if (!spark_w && sscanf(*l, "%*d chart %*f %*f %lf", &spark_w) != 1) spark_w = 0; /* the first sparkline's width */
  }
  assert_int_equal(labels, 7);
  assert_true(over_two <= 1);
  assert_true(most <= 3);
  assert_int_equal(wrapped_heads, 1);
  assert_true(spark_w > 0 && spark_w < 72 - 7);
  g_strfreev(boxes);
}

/* Left edges of the text boxes of the header cells reading `head`, in
 * order (at most `max`). */
static guint head_lefts(char **boxes, const char *head, double *x, guint max) {
  guint n = 0;
  gboolean in_head = FALSE;
  for (char **l = boxes; *l && n < max; l++) {
    if (strstr(*l, "TH row=head")) in_head = TRUE;
    else if (strstr(*l, " end ") && strstr(*l, "TH")) in_head = FALSE;
    Box b;
    if (in_head && box_parse(*l, &b) && strstr(*l, " text ") && strcmp(b.text, head) == 0) x[n++] = b.x;
  }
  return n;
}

/* Scorecards in a row (one per theme, under their own headings) share
 * one column grid: every figure column starts at the same x in each, so
 * the figures line up from one to the next, though their labels differ.
 * The landscape annex's scorecard has a grid of its own. */
static void test_scorecards_share_one_grid(void **state) {
  (void)state;
  char **boxes = boxes_of(WASTE);
  static const char *const heads[] = {"Measure", "Dec 2023", "Jul 2024", "Dec 2024", "DoT"};
  for (guint h = 0; h < G_N_ELEMENTS(heads); h++) {
    double x[8];
    guint n = head_lefts(boxes, heads[h], x, G_N_ELEMENTS(x));
    if (n < 3) fprintf(stderr, "\"%s\": %u header cells\n", heads[h], n);
    assert_true(n >= 3);
    for (guint i = 1; i < 3; i++) {
      if (fabs(x[i] - x[0]) > 0.01) fprintf(stderr, "\"%s\": scorecard %u at %.2f, the first at %.2f\n", heads[h], i + 1, x[i], x[0]);
      assert_float_equal(x[i], x[0], 0.01);
    }
  }
  g_strfreev(boxes);
}

/* Scorecards share a grid only when their columns mean the same: one with
 * three month columns and a direction column beside one with four month
 * columns (direction="no") have as many columns but not the same ones, and
 * the direction column must not take the fourth month's width. */
static void test_grid_needs_the_same_columns(void **state) {
  (void)state;
  for (const char *const *f = (const char *const[]){"catalogue.xml", "data.csv", NULL}; *f; f++) {
    char *from = g_build_filename("tests/data/waste", *f, NULL), *text = NULL;
    assert_true(g_file_get_contents(from, &text, NULL, NULL));
    g_free(test_write_file(dir, *f, text));
    g_free(text), g_free(from);
  }
  char *xml = g_strdup_printf(
      "%s<data catalogue=\"catalogue.xml\" values=\"data.csv\" period=\"2024-12\"/>\n<body><section title=\"S\">\n"
      "<scorecard title=\"Measure\"><column period=\"P-2\" label=\"Oct 2024\"/><column period=\"P-1\" label=\"Nov 2024\"/>"
      "<column period=\"P\" label=\"Dec 2024\"/><measure ref=\"REC-RATE\" label=\"Recycling rate\"/></scorecard>\n"
      "<scorecard title=\"Measure\" direction=\"no\"><column period=\"P-3\" label=\"Sep 2024\"/>"
      "<column period=\"P-2\" label=\"Oct 2024\"/><column period=\"P-1\" label=\"Nov 2024\"/>"
      "<column period=\"P\" label=\"Dec 2024\"/><measure ref=\"REC-CONT\" label=\"Loads rejected\"/></scorecard>\n"
      "</section></body></report>\n",
      report_head);
  char **boxes = boxes_of_xml("mixed-grid.xml", xml);
  double oct[2], sep[1];
  assert_int_equal(head_lefts(boxes, "Oct 2024", oct, 2), 2);
  assert_int_equal(head_lefts(boxes, "Sep 2024", sep, 1), 1);
  /* each has columns of its own: the first's label column is wider (one
   * figure column fewer), so its first month starts right of the
   * second's; one grid would have put them at one x */
  if (oct[0] <= sep[0] + 10) fprintf(stderr, "first month at %.2f and %.2f\n", oct[0], sep[0]);
  assert_true(oct[0] > sep[0] + 10);
  g_strfreev(boxes);
  g_free(xml);
}

/* A range never breaks after its dash ("2013–" at a line's end, "14" on
 * the next): Pango 1.50 keeps a break after an en dash even where
 * allow_breaks is false, so the ranges are given to it in pieces that
 * begin at the dash. Paragraphs and table cells of generated text (a
 * break shows in the box dump as a space after the dash). */
static void test_ranges_never_break_at_the_dash(void **state) {
  (void)state;
  static const char *const words[] = {"the", "panel", "noted", "that", "figures", "for", "rent", "arrears",
                                      "council", "housing", "repairs", "were", "within", "range", "over"};
  GRand *rand = g_rand_new_with_seed(3);
  GString *xml = g_string_new("<report><meta><committee>Panel</committee><date>2013-09-10</date><title>Ranges</title>"
                              "</meta><body><section title='Ranges'>");
  int ranges = 0;
  for (int k = 0; k < 48; k++) {
    g_string_append(xml, k % 3 == 2 ? "<table><tr><td>" : "<p>");
    for (int i = 0; i < 60; i++, g_string_append_c(xml, ' ')) {
      int r = g_rand_int_range(rand, 0, 20), a = g_rand_int_range(rand, 1, 99), b = g_rand_int_range(rand, 10, 99);
      if (r < 3) g_string_append_printf(xml, "%d\u2013%d", 2000 + a % 30, b);
      else if (r == 3) g_string_append_printf(xml, "%d%%\u2013%d%%", a, b);
      else if (r == 4) g_string_append_printf(xml, "\u00a3%d.%dm\u2013\u00a3%d.%dm", a % 9, a % 10, b % 9, b % 10);
      else {
        g_string_append(xml, words[g_rand_int_range(rand, 0, G_N_ELEMENTS(words))]);
        continue;
      }
      ranges++;
    }
    g_string_append(xml, k % 3 == 2 ? "</td><td>Note</td></tr></table>" : "</p>");
  }
  g_string_append(xml, "</section></body></report>");
  g_rand_free(rand);
  char **boxes = boxes_of_xml("ranges.xml", xml->str);
  int dashes = 0;
  for (char **l = boxes; *l; l++) {
    Box b;
    if (!box_parse(*l, &b)) continue;
    for (const char *d = strstr(b.text, "\u2013"); d; d = strstr(d + 1, "\u2013")) {
      dashes++;
      if (d[3] == ' ') fprintf(stderr, "broken after its dash: …%.24s…\n", d > b.text + 12 ? d - 12 : b.text);
      assert_true(d[3] != ' ');
    }
  }
  assert_int_equal(dashes, ranges);
  g_strfreev(boxes);
  g_string_free(xml, TRUE);
}

/* A code never breaks, even one without a digit ("GH-PRES"), and a fixed
 * column too narrow for it (the definitions sheet's REF column, 44 pt) is
 * widened instead: the second sample's refs printed as "GH-/PRES". */
static void test_codes_whole_in_fixed_columns(void **state) {
  (void)state;
  char **boxes = boxes_of("samples/glanafon-2024-q2/report.xml");
  int refs = 0;
  for (char **l = boxes; *l; l++) {
    Box b;
    if (!box_parse(*l, &b) || !(g_str_has_prefix(b.text, "GH-") || g_str_has_prefix(b.text, "GA-")) ||
        strchr(b.text, ' '))
      continue;
    if (box_lines(*l) != 1) fprintf(stderr, "%s in %d lines\n", b.text, box_lines(*l));
    assert_int_equal(box_lines(*l), 1);
    refs++;
  }
  assert_int_equal(refs, 8);
  g_strfreev(boxes);
}

/* ---- footnotes ---------------------------------------------------------- */

/* A footnote is set at the foot of the page of its reference, below all
 * of that page's text, numbered through the report, tagged Note. */
static void test_footnotes_at_the_foot(void **state) {
  (void)state;
  int moved = 0;
  for (int n = 24; n <= 40; n += 2) {
    char *fill = filler(n);
    char *xml = g_strdup_printf("%s<body><section title=\"S\"><p>First<footnote>Note one.</footnote> text.</p>%s"
                                "<p>A paragraph that refers to a second note<footnote>Note two, which is long enough "
                                "to take more than one line at the foot of the page: it goes on and on about the "
                                "source of the figures and when they were last checked.</footnote> near the end.</p>"
                                "<p>Last paragraph.</p></section></body></report>\n",
                                report_head, fill);
    char **boxes = boxes_of_xml("notes.xml", xml);
    int ref = page_of(boxes, "refers to a second note2"), note = page_of(boxes, "2  Note two");
    if (ref != note) fprintf(stderr, "%d paragraphs: reference on page %d, note on %d\n", n, ref, note);
    assert_int_equal(ref, note);
    assert_int_equal(page_of(boxes, "1  Note one."), page_of(boxes, "First1 text."));
    moved += ref == 3;
    /* the note is below every other text of its page, above the footer */
    double note_y = 0, lowest = 0;
    for (char **l = boxes; *l; l++) {
      Box b;
      if (!box_parse(*l, &b) || b.page != note) continue;
      if (g_str_has_prefix(b.text, "2  Note two")) note_y = b.y;
      else if (!g_str_has_prefix(b.text, "1  ")) lowest = MAX(lowest, b.y + b.h);
    }
    assert_true(note_y >= lowest);
    g_strfreev(boxes), g_free(xml), g_free(fill);
  }
  assert_true(moved > 0);
  char *pdf = g_build_filename(dir, "notes.pdf", NULL), *spec = g_build_filename(dir, "notes.xml", NULL);
  RunResult r = RUN(boardpack_bin(), "render", spec, "-o", pdf);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  r = RUN("pdfinfo", "-struct-text", pdf);
  assert_non_null(strstr(r.out, "Note <note1> (inline)")); /* PDF/UA 7.9-1: a Note has an ID */
  assert_non_null(strstr(r.out, "\"1  Note one.\""));
  run_result_clear(&r);
  g_free(pdf), g_free(spec);
}

/* With <footnotes numbering="per-page"/> in the house style (Eastmoor's),
 * each page's notes are numbered 1, 2 … in order, and every number at the
 * foot is the one its reference prints in the page's text, once the page
 * breaks are known. Before, numbering ran through the report (page 3's
 * one note was 5). */
static void test_footnotes_numbered_per_page(void **state) {
  (void)state;
  char **boxes = boxes_of(WASTE);
  int page = 0, expect = 0, notes = 0, pages_with_notes = 0;
  gboolean in_note = FALSE;
  for (char **l = boxes; *l; l++) {
    if (strstr(*l, " begin ") && g_str_has_suffix(*l, " Note")) in_note = TRUE;
    else if (strstr(*l, " end ") && g_str_has_suffix(*l, " Note")) in_note = FALSE;
    Box b;
    if (!in_note || !box_parse(*l, &b)) continue;
    if (b.page != page) page = b.page, expect = 1, pages_with_notes++;
    int number = atoi(b.text);
    if (number != expect) fprintf(stderr, "page %d: note %d where %d was due: %s\n", page, number, expect, b.text);
    assert_int_equal(number, expect);
    /* the reference: the number right after a word in this page's text */
    gboolean referred = FALSE;
    char *mark = g_strdup_printf("%d", number);
    for (char **t = boxes; *t && !referred; t++) {
      Box tb;
      if (t == l || !box_parse(*t, &tb) || tb.page != page || tb.x == b.x) continue;
      for (const char *q = strstr(tb.text, mark); q && !referred; q = strstr(q + 1, mark))
        referred = q > tb.text && g_ascii_isalpha(q[-1]) && !g_ascii_isdigit(q[strlen(mark)]);
    }
    if (!referred) fprintf(stderr, "page %d: no reference prints %s\n", page, mark);
    assert_true(referred);
    g_free(mark);
    expect++, notes++;
  }
  assert_int_equal(notes, 5);
  assert_true(pages_with_notes >= 2);
  g_strfreev(boxes);
}

/* A footnote number is raised in a line drawn run by run (one with a
 * symbol, such as the band's triangle) as in any other: render drew it on
 * the baseline (Eastmoor page 2, "December1 ▲"). The Eastmoor paper is
 * PDF/UA-1. */
static void test_footnote_raised_beside_symbols(void **state) {
  (void)state;
  char *pdf = render_pdf(WASTE, "waste.pdf");
  double word[4], mark[4];
  word_box(pdf, 2, "December", FALSE, word);
  word_box(pdf, 2, "December", TRUE, mark);
  assert_true(mark[3] < word[3] - 3); /* raised a third of the size: 4 pt */
  /* laid out again for per-page numbers, it is still PDF/UA-1: one /ID a Note */
  char *problems = pdfua_problems(pdf);
  if (*problems) fprintf(stderr, "%s is not PDF/UA-1:\n%s", pdf, problems);
  assert_string_equal(problems, "");
  g_free(problems);
  g_free(pdf);
}

/* The ActualText of every structure element under one whose /Lang is
 * `lang`, in structure (reading) order, appended to `out`. */
static void actual_texts_of(qpdf_data q, qpdf_oh elem, const char *lang, gboolean inside, GString *out, int depth) {
  if (depth > 100) return;
  if (qpdf_oh_is_array(q, elem)) {
    for (int i = 0; i < qpdf_oh_get_array_n_items(q, elem); i++)
      actual_texts_of(q, qpdf_oh_get_array_item(q, elem, i), lang, inside, out, depth);
    return;
  }
  if (!qpdf_oh_is_dictionary(q, elem) || !qpdf_oh_has_key(q, elem, "/S")) return;
  qpdf_oh l = qpdf_oh_get_key_if_dict(q, elem, "/Lang");
  if (qpdf_oh_is_string(q, l)) inside = strcmp(qpdf_oh_get_utf8_value(q, l), lang) == 0;
  qpdf_oh at = qpdf_oh_get_key_if_dict(q, elem, "/ActualText");
  if (inside && qpdf_oh_is_string(q, at)) g_string_append(out, qpdf_oh_get_utf8_value(q, at));
  actual_texts_of(q, qpdf_oh_get_key_if_dict(q, elem, "/K"), lang, inside, out, depth + 1);
}

/* Right-to-left text reads, in the structure tree, as it is written: its
 * glyphs are drawn in visual order and Nastaliq's ligatures map back to
 * letters doubled or dropped ("ستمبر" read "تم بر"), so each run of it
 * has its ActualText, and a line's runs are tagged in reading order. */
static void test_right_to_left_text_reads_in_order(void **state) {
  (void)state;
  static const char urdu[] = "ہم رہائشیوں سے گزارش کرتے ہیں۔", arabic[] = "نحن نطلب من السكان الإبلاغ عن أي مخاوف";
  char *para = g_strdup_printf("<span lang='ur'>%s</span> (<span lang='ar'>%s</span>) and more English words to "
                               "end the line.", urdu, arabic);
  char *spec = spec_with("rtl.xml", "", para);
  char *pdf = g_build_filename(dir, "rtl.pdf", NULL);
  RunResult r = RUN(boardpack_bin(), "render", spec, "-o", pdf);
  if (r.status != 0) fprintf(stderr, "%s", r.err);
  assert_int_equal(r.status, 0);
  run_result_clear(&r);
  qpdf_data q = qpdf_init();
  qpdf_silence_errors(q);
  assert_int_equal(qpdf_read(q, pdf, NULL), QPDF_SUCCESS);
  qpdf_oh tree = qpdf_oh_get_key_if_dict(q, qpdf_get_root(q), "/StructTreeRoot");
  const char *const langs[] = {"ur", "ar"}, *const texts[] = {urdu, arabic};
  for (int i = 0; i < 2; i++) {
    GString *got = g_string_new(NULL);
    actual_texts_of(q, qpdf_oh_get_key_if_dict(q, tree, "/K"), langs[i], FALSE, got, 0);
    char *want = letters_only(texts[i]), *read = letters_only(got->str);
    if (strcmp(read, want)) fprintf(stderr, "%s reads \"%s\", not \"%s\"\n", langs[i], read, want);
    assert_string_equal(read, want);
    g_free(want), g_free(read);
    g_string_free(got, TRUE);
  }
  qpdf_cleanup(&q);
  char *problems = pdfua_problems(pdf);
  if (*problems) fail_msg("PDF/UA problems:\n%s", problems);
  g_free(problems), g_free(pdf), g_free(spec), g_free(para);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_other_languages_shown),
      cmocka_unit_test(test_unshowable_character_is_an_error),
      cmocka_unit_test(test_words_break_at_hyphenation_points),
      cmocka_unit_test(test_paragraph_numbers_clear_of_text),
      cmocka_unit_test(test_notes_small_headings_sentence_case),
      cmocka_unit_test(test_footnote_in_group_row),
      cmocka_unit_test(test_wide_list_markers_widen_the_indent),
      cmocka_unit_test(test_th_row_heads_the_table),
      cmocka_unit_test(test_contact_block_kept_together),
      cmocka_unit_test(test_heading_keeps_two_lines),
      cmocka_unit_test(test_table_rows_never_alone),
      cmocka_unit_test(test_keep_together),
      cmocka_unit_test(test_marks_spanners_decimals),
      cmocka_unit_test(test_mark_column_unknown),
      cmocka_unit_test(test_landscape_and_continued),
      cmocka_unit_test(test_scorecard_column_widths),
      cmocka_unit_test(test_long_scorecard_labels_readable),
      cmocka_unit_test(test_scorecard_labels_in_two_lines),
      cmocka_unit_test(test_scorecards_share_one_grid),
      cmocka_unit_test(test_grid_needs_the_same_columns),
      cmocka_unit_test(test_codes_whole_in_fixed_columns),
      cmocka_unit_test(test_ranges_never_break_at_the_dash),
      cmocka_unit_test(test_footnotes_at_the_foot),
      cmocka_unit_test(test_footnotes_numbered_per_page),
      cmocka_unit_test(test_footnote_raised_beside_symbols),
      cmocka_unit_test(test_right_to_left_text_reads_in_order),
      cmocka_unit_test(test_annex_opening_with_a_landscape_table),
  };
  return cmocka_run_group_tests(tests, setup, NULL);
}
