/* The Walsall sample rendered by the real binary, checked as a reader's
 * tools see it: qpdf --check, fonts embedded, A4, tagged with a structure
 * tree, bookmarks, the mailto link, every paragraph of the spec in the
 * extracted text in order, and identical bytes on a second run. The
 * annexes: the page count and each page's size (portrait A4, landscape
 * A4 for the DfE slides), every slide and scorecard heading, the legend
 * and the definitions sheet, tables and figures in the structure tree,
 * and the seed's sentences and figures in order. */
#include "e2eutil.h"
#include "pdfua_check.h"

#include <stdlib.h>
#include <sys/wait.h>

#include "bind/bind.h"
#include "measures/measures.h"
#include "spec/spec.h"

#define SAMPLE "samples/walsall-2013-09/report.xml"

static char *out_dir, *pdf;

static int render_sample(void **state) {
  (void)state;
  out_dir = test_scratch_dir("e2e-sample");
  pdf = g_build_filename(out_dir, "paper.pdf", NULL);
  RunResult r = RUN(boardpack_bin(), "render", SAMPLE, "-o", pdf);
  if (r.status != 0) fprintf(stderr, "%s", r.err);
  int rc = r.status == 0 ? 0 : -1;
  run_result_clear(&r);
  return rc;
}

static void test_qpdf_check_clean(void **state) {
  (void)state;
  RunResult r = RUN("qpdf", "--check", pdf);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "No syntax or stream encoding errors"));
  run_result_clear(&r);
}

static void test_every_font_embedded(void **state) {
  (void)state;
  RunResult r = RUN("pdffonts", pdf);
  assert_int_equal(r.status, 0);
  char **lines = g_strsplit(r.out, "\n", -1);
  int fonts = 0;
  for (int i = 2; lines[i] && *lines[i]; i++) {
    char **f = g_strsplit_set(g_strstrip(lines[i]), " ", -1);
    GPtrArray *cols = g_ptr_array_new();
    for (char **c = f; *c; c++)
      if (**c) g_ptr_array_add(cols, *c);
    /* name type encoding emb sub uni id gen: emb is the 5th from the end */
    assert_true(cols->len >= 7);
    assert_string_equal(g_ptr_array_index(cols, cols->len - 5), "yes");
    fonts++;
    g_ptr_array_free(cols, TRUE);
    g_strfreev(f);
  }
  assert_true(fonts >= 3); /* regular, bold, and the symbol face */
  g_strfreev(lines);
  run_result_clear(&r);
}

static void test_a4_tagged_with_metadata(void **state) {
  (void)state;
  RunResult r = RUN("pdfinfo", pdf);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "Page size:       595.276 x 841.89 pts (A4)"));
  assert_non_null(strstr(r.out, "Tagged:          yes"));
  assert_non_null(strstr(r.out, "Title:           Children's Services Improvement Activity"));
  assert_non_null(strstr(r.out, "Author:          Rose Collinson"));
  assert_non_null(strstr(r.out, "CreationDate:    Tue Sep 10 00:00:00 2013 UTC"));
  run_result_clear(&r);
  r = RUN("pdfinfo", "-struct-text", pdf);
  assert_int_equal(r.status, 0);
  static const char *const tags[] = {"Document", "Sect", "H1", "H2", "H3", "P (block)", "L (block)",
                                     "LI (block)", "Lbl (block)", "LBody (block)", "Link", NULL};
  for (int i = 0; tags[i]; i++) {
    if (!strstr(r.out, tags[i])) fprintf(stderr, "missing structure element %s\n", tags[i]);
    assert_non_null(strstr(r.out, tags[i]));
  }
  /* running headers and footers are not content */
  assert_null(strstr(r.out, "Page 1 of"));
  run_result_clear(&r);
}

static void test_outline_and_link(void **state) {
  (void)state;
  RunResult r = RUN("qpdf", "--json", "--json-key=outlines", pdf);
  assert_int_equal(r.status, 0);
  static const char *const titles[] = {"\"title\": \"Children's Services Improvement Activity\"",
                                       "\"title\": \"Executive summary\"", "\"title\": \"Contact officer\"",
                                       "\"title\": \"Report\"", "\"title\": \"1. Summary of progress since last report\"",
                                       "\"title\": \"3.2 Capacity, capability and culture\"", "\"title\": \"Author\"", NULL};
  for (int i = 0; titles[i]; i++) assert_non_null(strstr(r.out, titles[i]));
  run_result_clear(&r);
  r = RUN("pdfinfo", "-url", pdf);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "mailto:collinsonr@walsall.gov.uk"));
  run_result_clear(&r);
}

/* Every paragraph and list item of the spec, in order, in the text a
 * reader's tool extracts. */
static void collect_texts(Spec *spec, const SpecBlock *b, GPtrArray *out) {
  if (!b) return;
  if ((b->kind == BLOCK_PARAGRAPH || b->kind == BLOCK_LIST_ITEM) && b->text.n_runs)
    g_ptr_array_add(out, (gpointer)spec_inline_text(spec, &b->text));
  for (guint i = 0; i < b->n_children; i++) collect_texts(spec, b->children[i], out);
}

static void test_every_paragraph_in_order(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  Spec *spec = spec_load(SAMPLE, d);
  assert_non_null(spec);
  GPtrArray *texts = g_ptr_array_new();
  collect_texts(spec, spec->front, texts);
  collect_texts(spec, spec->body, texts);
  assert_true(texts->len > 40);
  /* crop away the running header and footer (they sit in the margins) */
  /* -raw: content-stream order, which is the structure order (and no de-hyphenation) */
  RunResult r = RUN("pdftotext", "-raw", "-enc", "UTF-8", "-x", "0", "-y", "55", "-W", "596", "-H", "735", pdf, "-");
  assert_int_equal(r.status, 0);
  char *all = squash_space(r.out);
  const char *at = all;
  for (guint i = 0; i < texts->len; i++) {
    char *want = squash_space(g_ptr_array_index(texts, i));
    const char *found = strstr(at, want);
    if (!found) fprintf(stderr, "not found (in order): %s\n", want);
    assert_non_null(found);
    at = found + strlen(want);
    g_free(want);
  }
  g_free(all);
  run_result_clear(&r);
  g_ptr_array_free(texts, TRUE);
  spec_free(spec);
  diag_list_free(d);
}

/* ---- the annexes ---------------------------------------------------------- */

/* 4 portrait pages of covering report, Annex 1's title page, its 15 slides
 * on landscape pages, then Annex 2 on portrait pages. */
#define SAMPLE_PAGES 38
#define FIRST_SLIDE_PAGE 6
#define LAST_SLIDE_PAGE 20

static void test_page_count_and_orientation(void **state) {
  (void)state;
  RunResult info = RUN("pdfinfo", pdf);
  assert_int_equal(info.status, 0);
  const char *p = strstr(info.out, "Pages:");
  assert_non_null(p);
  assert_int_equal(atoi(p + 6), SAMPLE_PAGES);
  run_result_clear(&info);

  char *last = g_strdup_printf("%d", SAMPLE_PAGES);
  RunResult r = RUN("pdfinfo", "-f", "1", "-l", last, pdf);
  assert_int_equal(r.status, 0);
  for (int page = 1; page <= SAMPLE_PAGES; page++) {
    gboolean slide = page >= FIRST_SLIDE_PAGE && page <= LAST_SLIDE_PAGE;
    char *want = g_strdup_printf("Page %4d size:  %s pts (A4)", page,
                                 slide ? "841.89 x 595.276" : "595.276 x 841.89");
    if (!strstr(r.out, want)) fprintf(stderr, "missing: %s\n", want);
    assert_non_null(strstr(r.out, want));
    g_free(want);
  }
  run_result_clear(&r);
  g_free(last);
}

/* The extracted text of the whole paper, without the running header and
 * footer lines, white space squashed, and a space after a hyphen dropped
 * (a hyphenated word may be broken at the end of a line). */
static char *paper_text(void) {
  RunResult r = RUN("pdftotext", "-raw", "-enc", "UTF-8", pdf, "-");
  assert_int_equal(r.status, 0);
  GRegex *furniture = g_regex_new("^(Children and Young People's Scrutiny and Performance Panel 10 September 2013"
                                  "|Page [0-9]+ of [0-9]+)$",
                                  G_REGEX_MULTILINE, 0, NULL);
  char *clean = g_regex_replace_literal(furniture, r.out, -1, 0, "", 0, NULL);
  g_regex_unref(furniture);
  run_result_clear(&r);
  char *squashed = squash_space(clean);
  g_free(clean);
  GString *out = g_string_new(NULL);
  for (const char *c = squashed; *c; c++)
    if (!(*c == ' ' && c > squashed && c[-1] == '-')) g_string_append_c(out, *c);
  g_free(squashed);
  return g_string_free(out, FALSE);
}

static char *norm(const char *s) {
  char *sq = squash_space(s);
  GString *out = g_string_new(NULL);
  for (const char *c = sq; *c; c++)
    if (!(*c == ' ' && c > sq && c[-1] == '-')) g_string_append_c(out, *c);
  g_free(sq);
  return g_string_free(out, FALSE);
}

/* Each string of `wants` is found in `text`, in this order. */
static void assert_in_order(const char *text, const char *const *wants) {
  const char *at = text;
  for (int i = 0; wants[i]; i++) {
    char *want = norm(wants[i]);
    const char *found = strstr(at, want);
    if (!found) fprintf(stderr, "not found (in order): %s\n", want);
    assert_non_null(found);
    at = found + strlen(want);
    g_free(want);
  }
}

static void test_annex_headings_bookmarked(void **state) {
  (void)state;
  static const char *const titles[] = {
      "Annex 1: Self Assessment Presentation delivered to the DfE",
      /* the slides */
      "'Better Together For Children'", "Our Story So Far", "Our Improvement Priorities in Autumn 2012",
      "The Scale of Our Challenge in Autumn 2012", "Our Approach to Self-Assessment",
      "Listening to Children & Young People", "Our Building Blocks for Improvement", "Our Partnerships & Governance",
      "Our Capacity, Capability & Culture", "Quality & Effectiveness of Our Practice",
      "The Council Meeting the Challenge", "Our Next Steps to Secure 'Good' Services", "Our Improvement Plan - Phase 2",
      "Better Together – Eight Months On",
      /* Annex 2 */
      "Annex 2: Performance Scorecard, Progress with Performance Management and Quality Assurance, and Glossary",
      "Progress with performance management and quality assurance (Aug 2013)",
      "Quality & Effectiveness of Our Practice – example quantification (From July 2013)",
      "Stronger Leadership and management arrangements", "Improving front door access to multi-agency provision",
      "Improving quality of assessments", "1.0 OUTCOMES - Service Users", "2.0 OUTPUTS", "3.0 PROCESSES",
      "Improvement Board - SCORECARD", "4.0 INPUT", "Charts for selected areas", "Legend",
      "WALSALL CHILDREN'S IMPROVEMENT BOARD – DATA MEASURES DEFINITION SHEET", NULL};
  RunResult r = RUN("qpdf", "--json", "--json-key=outlines", pdf);
  assert_int_equal(r.status, 0);
  char *text = paper_text();
  for (int i = 0; titles[i]; i++) {
    char *bookmark = g_strdup_printf("\"title\": \"%s\"", titles[i]);
    char *in_text = norm(titles[i]);
    gboolean ok = strstr(r.out, bookmark) != NULL || strstr(text, in_text) != NULL;
    if (!ok) fprintf(stderr, "neither bookmarked nor in the text: %s\n", titles[i]);
    assert_true(ok);
    /* headings are bookmarked, not only printed */
    if (!strstr(r.out, bookmark)) fprintf(stderr, "not bookmarked: %s\n", titles[i]);
    assert_non_null(strstr(r.out, bookmark));
    g_free(bookmark);
    g_free(in_text);
  }
  /* the opening and closing title slides */
  const char *first = strstr(r.out, "\"title\": \"'Better Together For Children'\"");
  assert_non_null(first);
  assert_non_null(strstr(first + 1, "\"title\": \"'Better Together For Children'\""));
  g_free(text);
  run_result_clear(&r);
}

/* Lines of `pdfinfo -struct-text` that open a `tag` element ("TH:",
 * "Table (block)", "Figure (block)"…). */
static int struct_elements(const char *out, const char *tag) {
  int n = 0;
  char **lines = g_strsplit(out, "\n", -1);
  for (char **l = lines; *l; l++) {
    const char *t = *l;
    while (*t == ' ') t++;
    size_t len = strlen(tag);
    if (strncmp(t, tag, len) == 0 && (t[len] == ' ' || t[len] == ':' || t[len] == '\0')) n++;
  }
  g_strfreev(lines);
  return n;
}


/* The PDF/UA-1 checks of pdfua_check.h: no problem at all. */
static void assert_pdfua(const char *path) {
  char *problems = pdfua_problems(path);
  if (*problems) fprintf(stderr, "%s is not PDF/UA-1:\n%s", path, problems);
  assert_string_equal(problems, "");
  g_free(problems);
}

/* PDF/UA-1, and what a screen reader needs beyond it: each scorecard
 * symbol says what it means, the contents list is a TOC with one link an
 * entry, captions are Captions, the printed page numbers are the labels. */
static void test_pdf_ua(void **state) {
  (void)state;
  assert_pdfua(pdf);
  RunResult r = RUN("qpdf", "--qdf", "--object-streams=disable", pdf, "-");
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "/ActualText (achieved the minimum standard)"));
  assert_non_null(strstr(r.out, "/ActualText (telephone)"));
  assert_non_null(strstr(r.out, "/S /TOCI"));
  assert_non_null(strstr(r.out, "/S /Caption"));
  assert_non_null(strstr(r.out, "/Contents (Go to Annex 2: Performance Scorecard, Progress with Performance "
                                "Management and Quality Assurance, and Glossary)"));
  assert_non_null(strstr(r.out, "/Artifact << /Type /Pagination /Subtype /Footer >> BDC"));
  assert_non_null(strstr(r.out, "/Artifact << /Type /Pagination /Subtype /Header >> BDC"));
  run_result_clear(&r);
  r = RUN("pdfinfo", "-meta", pdf);
  assert_non_null(strstr(r.out, "<pdfuaid:part>1</pdfuaid:part>"));
  run_result_clear(&r);
}

static void test_tables_and_figures_tagged(void **state) {
  (void)state;
  RunResult r = RUN("pdfinfo", "-struct-text", pdf);
  assert_int_equal(r.status, 0);
  static const char *const tags[] = {"Table", "TR", "TH", "TD", "Figure", NULL};
  for (int i = 0; tags[i]; i++) {
    if (!struct_elements(r.out, tags[i])) fprintf(stderr, "missing structure element %s\n", tags[i]);
    assert_true(struct_elements(r.out, tags[i]) > 0);
  }
  /* the scorecards, the agency table, the legend and the definitions sheet */
  assert_true(struct_elements(r.out, "Table") >= 13);
  /* one Figure per chart */
  assert_true(struct_elements(r.out, "Figure") >= 12);
  run_result_clear(&r);
}

/* The seed's annex text, word for word, with the figures the measures
 * engine states from data.csv, in the seed's order. */
static void test_annex_seed_text_in_order(void **state) {
  (void)state;
  static const char *const seed[] = {
      /* Annex 1: the slides */
      "'Better Together For Children'", "Securing Good Safeguarding & Child Protection Services in Walsall",
      "Presentation to DfE August 2013", "Walsall Council", "We will tell you about...",
      "What we needed to do – Ofsted 2012, the Improvement Notice and the full scale of our challenge ... leading to "
      "Ofsted 2013",
      "To secure improvements in", "Our Partnerships & Governance", "Leadership & impact of our Safeguarding Board",
      "The lack of a whole-system model from early help to statutory intervention",
      "Our response to the Improvement Notice was further informed by what we found ...",
      "A wider and deeper scope of concerns about the quality of frontline practice",
      "Our Approach to Self-Assessment", "Children and young people in Walsall have told us ...",
      "“Don’t make any decisions about us without us”", "“Listen and act on our 8 top tips for effective early help”",
      "So far we have achieved improvements in key areas ...",
      "Improved data quality, better decision-making & capacity to move towards 'Good'",
      "Clear Vision, Direction & Prioritisation", "Robust New Leadership of Local Safeguarding Board",
      "Good Self-Awareness Backed by Internal & External Challenge", "Independent challenge affirmed by 2013 Ofsted",
      "Improving Front Door Access To Multi-Agency Provision", "Better analysis of risk factors leading to stronger plans",
      "Walsall Council takes improvement seriously ...",
      "We've invested in capacity and staff learning and development at all levels of the organisation to tackle "
      "culture and practice",
      "Key priorities for phase 2 include ...",
      "Implement a sustainable organisational model for Children's Service, backed by robust succession arrangements",
      "Strengthen management oversight & the consistency & impact of our practice", "Our Improvement Plan - Phase 2",
      "Recognition – of the scale of the challenge, and the learning and impact required to embed improvements",
      "Response – clear and better-informed decisions on the best approach and the actions needed to get to ‘Good’",
      "'Better Together For Children'", "Walsall Council",
      /* Annex 2: progress with performance management and quality assurance */
      "Following the Ofsted inspection of June 2012 and the Improvement Notice of November, the scale and "
      "significance of the performance management challenge in Children's Services was investigated.",
      "1) We found that data in the case management system was less robust than previously thought",
      "the data now being produced has integrity and is much more reliable.",
      "2) We found that the elements of the Quality Assurance Framework did not form a cohesive whole",
      "The May 2013 Improvement Board endorsed a 3 page summary quality assurance framework",
      "3) We found that there was insufficient prioritisation and drill-down of performance issue areas.",
      "Key priority areas identified so far for close progress checking through the range of methods in the QA "
      "Framework include:",
      "Care-leavers' accommodation and education, employment or training status;",
      "Quantified early help intervention closure results, including satisfactory outcomes achieved or escalation; and",
      "4) We found that there was too little interrogation of information or challenge of the causes of performance "
      "issues.",
      "Attached is an example Improvement board report giving currently available data relevant around some key "
      "Walsall measures.",
      /* the July 2013 example quantification */
      "The proportion of staff attending Safeguarding training has increased from 84% of invited representatives "
      "being present over 2012/13, to 94% in the month of March 2013 and 96% in April.",
      "excellent with around 250 people taking part in the last 3 months.",
      "with 350 staff attending the 10 sessions",
      "14 “Good to be working with you” briefings have been distributed to the children’s services workforce",
      "The proportion of supervisions completed on a monthly basis has increased from 81% in 2012/13 as a whole, to "
      "85% in January and 87% in April 2013.",
      "The number of CAFs / early help assessments completed has increased from an average of 28 per month in "
      "2012/13 to 61 per month for April and May 2013.",
      "from an average of 85 per week in 2012/13 to an average of 119 per week for the first two months of 2013/14",
      "the contact to referral average time reduced from 32 days to 6.2 days and the referral to Initial assessment "
      "start time average reduced from 1.66 days to 0.86 days.",
      "The number of system entries using the chronology case fields in November 2012 was 344, March 2013: 558, "
      "April 708, and in May there were 648",
      "In November 2012, 21.6% were completed in 35 days, in Dec there were 50.5% and in April 13 85.4% were in "
      "timescale.",
      "Early help and qualitative measures are to be developed for reporting later in the year.",
      /* the scorecard */
      "1.0 OUTCOMES - Service Users", "(Intervention duration as proxy for quality for now) Eng Mar 12 Mar-12 Mar-13",
      "Duration of CPP 2+ years at closure (%) (SB) 5.6 6.1 6.5",
      "Duration of CiN Episode 2+ years at closure (%) (SB) 9.2 16.3 5.54",
      "Rate of offences against under 18 CYP in Walsall as a % of WM total (SB) n/a n/a 8.4",
      "Fewer reported offences against children than expected for population size (9.8% of WM total).",
      /* not in the seed: what the arrows compare */
      "DoT compares the Mar-13 figures with the same month last year (Mar-12).",
      /* the seed printed no unit; the rate says it is per 10,000 */
      "Accidental and deliberate injuries - admission to hospital, per 10,000 (SB) 124.3 96 published June 2014",
      "Rate equates to 609 admissions; working with health colleagues to receive in year data and earlier "
      "published data",
      "2.0 OUTPUTS", "Child Protection Plans Mar-12 Mar-13 Yr to date",
      "No. Child Protection Plans (CPP) at the end of year 230 251 222", "No. de-listed during the year 248 334 104",
      "No listed during the year 255 355 75",
      "The number of CPPs lies just below the level expected for income related child poverty levels.",
      "Repeat CPPs Eng Mar 12 Mar-12 Mar-13", "Second or subsequent CPP in 2 yrs since a CPP (%) 13.8 10.5 10.4",
      "10-15% is considered as ideal. Walsall's rate has remained good, indicating appropriate caution levels.",
      "S47s and ICPCs Mar-12 Mar-13 YTD Jun 13", "Section 47 number of assessments carried out 491 722 202",
      "Number of ICPCs 484 402 81", "% of ICPC resulting in a Child Protection Plan (CPP) n/a 87 91.4",
      "3.0 PROCESSES", "CPP reviews Eng Mar 2012 Mar-13 YTD June 13",
      "★ % CPP reviews within timescales (BB) 96.7 97 100", "Assessment Timeliness Mar-12 Mar-13 Jun-13",
      "▲ % Initial Assessments (IA) completed < 10 days (BB) 81.1 64.9 48.7",
      "★ % Core Assessments (CAs) completed < 35 days (BB) 87.1 64.7 81.7",
      "This a priority area for action by teams.", "Improvement Board - SCORECARD",
      "Agency understanding of thresholds and participation", "12/13 % of refs % of these NFAd",
      /* the agency shares carry the measure's unit (see the README's limits) */
      "Police 26.6", "16.0", "Health (Midwives, hospitals and other NHS) 11.6", "16.5", "Schools 17.6", "12.0",
      "Housing n/a n/a", "Relative, self and anon 11.1", "13.8", "Others 33.1", "24.6",
      "Audits suggest the current threshold understanding is generally good - this will be built on further.",
      "Complaints Mar-13 YTD June 13", "Complaints Stage 1 116 54", "Complaints Stage 2 8 3",
      "Complaints Stage 3 0 0",
      "There were 25 Stage 1 complaints in Apr 13 22 in May and 7 in June. Of these the majority concerned conduct.",
      "4.0 INPUT", "Early Help April '13 May '13 June 13",
      "CAFs (and from Apr 13, early help assessments) received 77 45 48", "Cases stepped up to Level 3 7 12 4",
      "Cases stepped down from Level 3 0 2 0", "Early Help end measures being developed:",
      "1) Satisfactory outcomes achieved", "6) Child died / other exceptional reason",
      "The above will compliment the findings of the \"distance travelled\" tools being used in direct work with "
      "families",
      "Staffing measures 2011/12 2012/13 Jun-13", "% Social worker vacancies (SB) n/a 14.4 19.82",
      "Sickness - average days lost per social worker / senior practitioner rolling 12 months (SB) n/a 16.3 17.73",
      "Nos. agency staff - SW, SP, TM's (SB) n/a 54 60", "% SW turnover - rolling 12 months (SB) n/a 10.5 14.04",
      "Av no. open CiN cases per worker, inc CiN, CPP and LAC (SB) n/a 37 25.2",
      "% supervisions completed in timescale (BB) n/a 80.5 87",
      "(* Figure calculated based on all SP's and SW's (107), 2012/13 figure of 37 excluded Children's placement "
      "service workers so had a smaller denominator.)",
      /* the charts, the legend and the definitions sheet */
      "Charts for selected areas", "21.6%", "50.5%", "85.4%", "344", "558", "708", "648",
      "Legend", "Performance versus target band", "Achieved or exceeded minimum standard",
      /* the seed said "from previous period"; its only arrows (annual
       * measures) compare with the same month a year earlier */
      "Did not meet minimum standard", "Direction of travel from the same period last year", "Improved in performance",
      "Maintained level", "Deteriorated in performance", "Bigger is better", "Smaller is better",
      "WALSALL CHILDREN'S IMPROVEMENT BOARD – DATA MEASURES DEFINITION SHEET", "REF MEASURE DEFINITION NUMERATOR "
      "DENOMINATOR",
      "PG1 % attendance at multi-agency Safeguarding training", NULL};
  char *text = paper_text();
  assert_in_order(text, seed);
  g_free(text);
}

/* Every paragraph and list item of the annexes, figures bound from the
 * data as the renderer binds them, in order in the extracted text. */
static void collect_annex_texts(Spec *spec, const SpecBlock *b, GPtrArray *out) {
  if (!b) return;
  if (b->kind == BLOCK_TABLE || b->kind == BLOCK_CHART) return; /* cells and captions: checked above */
  if ((b->kind == BLOCK_PARAGRAPH || b->kind == BLOCK_LIST_ITEM) && b->text.n_runs)
    g_ptr_array_add(out, (gpointer)spec_inline_text(spec, &b->text));
  for (guint i = 0; i < b->n_children; i++) collect_annex_texts(spec, b->children[i], out);
}

static void test_every_annex_paragraph_in_order(void **state) {
  (void)state;
  DiagList *d = diag_list_new();
  Spec *spec = spec_load(SAMPLE, d);
  assert_non_null(spec);
  assert_int_equal(spec->n_annexes, 2);
  Measures *ms = measures_load(spec->data.catalogue, spec->data.values, d);
  assert_non_null(ms);
  assert_true(bind_spec(spec, ms, d));
  GPtrArray *texts = g_ptr_array_new();
  for (guint i = 0; i < spec->n_annexes; i++) collect_annex_texts(spec, spec->annexes[i], texts);
  assert_true(texts->len > 100);
  g_ptr_array_add(texts, NULL);
  char *text = paper_text();
  assert_in_order(text, (const char *const *)texts->pdata);
  g_free(text);
  g_ptr_array_free(texts, TRUE);
  measures_free(ms);
  spec_free(spec);
  diag_list_free(d);
}

static void test_same_bytes_twice(void **state) {
  (void)state;
  char *again = g_build_filename(out_dir, "again.pdf", NULL);
  RunResult r = RUN(boardpack_bin(), "render", SAMPLE, "-o", again);
  assert_int_equal(r.status, 0);
  assert_true(file_bytes_equal(pdf, again));
  run_result_clear(&r);
  g_free(again);
}

static void test_png_preview(void **state) {
  (void)state;
  char *dir = g_build_filename(out_dir, "pages", NULL);
  RunResult r = RUN(boardpack_bin(), "render", SAMPLE, "--format", "png", "--dpi", "30", "-o", dir);
  assert_int_equal(r.status, 0);
  RunResult info = RUN("pdfinfo", pdf);
  int pages = atoi(strstr(info.out, "Pages:") + 6);
  assert_true(pages >= 4);
  char *last = g_strdup_printf("%s/page-%03d.png", dir, pages);
  char *beyond = g_strdup_printf("%s/page-%03d.png", dir, pages + 1);
  assert_true(g_file_test(last, G_FILE_TEST_IS_REGULAR));
  assert_false(g_file_test(beyond, G_FILE_TEST_EXISTS));
  g_free(last);
  g_free(beyond);
  g_free(dir);
  run_result_clear(&r);
  run_result_clear(&info);
}

/* Nothing is printed within 10 mm of the paper's edge, where printers
 * cannot reach: every word pdftotext finds lies inside that margin. */
static void test_nothing_in_printer_margin(void **state) {
  (void)state;
  RunResult r = RUN("pdftotext", "-bbox", pdf, "-");
  assert_int_equal(r.status, 0);
  const double edge = 10 * 72 / 25.4;
  double pw = 0, ph = 0;
  int words = 0;
  for (const char *p = r.out; (p = strchr(p, '<')); p++) {
    if (g_str_has_prefix(p, "<page ")) {
      pw = g_ascii_strtod(strstr(p, "width=\"") + 7, NULL);
      ph = g_ascii_strtod(strstr(p, "height=\"") + 8, NULL);
    } else if (g_str_has_prefix(p, "<word ")) {
      double x0 = g_ascii_strtod(strstr(p, "xMin=\"") + 6, NULL), y0 = g_ascii_strtod(strstr(p, "yMin=\"") + 6, NULL);
      double x1 = g_ascii_strtod(strstr(p, "xMax=\"") + 6, NULL), y1 = g_ascii_strtod(strstr(p, "yMax=\"") + 6, NULL);
      if (x0 < edge || y0 < edge || x1 > pw - edge || y1 > ph - edge)
        fprintf(stderr, "word in the printer's margin: %.60s\n", p);
      assert_true(x0 >= edge && y0 >= edge && x1 <= pw - edge && y1 <= ph - edge);
      words++;
    }
  }
  assert_true(words > 5000);
  run_result_clear(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_qpdf_check_clean),
      cmocka_unit_test(test_every_font_embedded),
      cmocka_unit_test(test_a4_tagged_with_metadata),
      cmocka_unit_test(test_outline_and_link),
      cmocka_unit_test(test_every_paragraph_in_order),
      cmocka_unit_test(test_page_count_and_orientation),
      cmocka_unit_test(test_annex_headings_bookmarked),
      cmocka_unit_test(test_tables_and_figures_tagged),
      cmocka_unit_test(test_pdf_ua),
      cmocka_unit_test(test_annex_seed_text_in_order),
      cmocka_unit_test(test_every_annex_paragraph_in_order),
      cmocka_unit_test(test_same_bytes_twice),
      cmocka_unit_test(test_png_preview),
      cmocka_unit_test(test_nothing_in_printer_margin),
  };
  return cmocka_run_group_tests(tests, render_sample, NULL);
}
