/* bind_words — the words bind generates, in English or Welsh: period
 * names, "in September 2024", the verbs of a change, the words of a
 * direction, the legend, a report's fixed labels and a pack's agenda
 * (bind_spec_labels copies them into the model). The language is the block's (or <span>'s) lang=,
 * else the report's; anything not Welsh is English.
 *
 * Welsh follows the usual forms of Welsh public-sector reports: "ym mis
 * Medi 2024" (in a month), "yn 2024/25" (in a year or quarter), "na'r" /
 * "â'r" before the article, "ac" before a vowel. */
#include <string.h>

#include "bind_internal.h"

gboolean bind_welsh(const char *lang) { return spec_lang_is_welsh(lang); }

/* Whether `s` begins with a vowel, accented or not (â, ŵ, ŷ, é, ï …),
 * past any opening punctuation ('"Ysgolion"', "(AD)"): Welsh writes "ac"
 * (and) and "yr" (the) before one. W and y count, as in "ac wedyn", "ac
 * ysgolion". */
gboolean bind_welsh_vowel_start(const char *s) {
  if (!s) return FALSE;
  gunichar c = 0;
  for (; *s; s = g_utf8_next_char(s)) {
    c = g_utf8_get_char_validated(s, -1);
    if (c == (gunichar)-1 || c == (gunichar)-2) return FALSE;
    if (!g_unichar_ispunct(c)) break;
  }
  if (!*s) return FALSE;
  gunichar base[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n = g_unichar_fully_decompose(c, FALSE, base, G_N_ELEMENTS(base));
  gunichar first = n ? g_unichar_tolower(base[0]) : 0;
  return first && first < 0x80 && strchr("aeiouwy", (int)first) != NULL;
}

const char *bind_welsh_and(const char *next) { return bind_welsh_vowel_start(next) ? "ac" : "a"; }

const char *bind_list_separator(const char *lang, guint i, guint n, const char *item) {
  if (i == 0) return "";
  if (i + 1 < n) return ", ";
  if (!bind_welsh(lang)) return " and ";
  return bind_welsh_vowel_start(item) ? " ac " : " a ";
}

const char *bind_level_head(const char *lang, UnitLevel level) {
  static const char *const en[UNIT_LEVEL_COUNT] = {"Board", "Service", "Team", "Worker"};
  static const char *const cy[UNIT_LEVEL_COUNT] = {"Bwrdd", "Gwasanaeth", "T\xc3\xaem", "Gweithiwr"};
  return (bind_welsh(lang) ? cy : en)[level];
}

static char *fy_text(int start_year) { return g_strdup_printf("%d/%02d", start_year, (start_year + 1) % 100); }

/* Welsh period names: "Medi 2024", "Chwarter 2 2024/25", "2024/25",
 * "Medi-24" (short). */
static char *period_cy(Period p, PeriodNameStyle style) {
  int y = period_index_year(p.start), m = period_index_month(p.start);
  int fy_start = period_year_start(p.start, PERIOD_FY_START_MONTH);
  char *fy = fy_text(period_index_year(fy_start)), *t;
  switch (p.kind) {
  case PERIOD_MONTH:
    t = style == PERIOD_NAME_SHORT ? g_strdup_printf("%s-%02d", period_month_abbrev(m, TRUE), y % 100)
                                   : g_strdup_printf("%s %d", period_month_name(m, TRUE), y);
    break;
  case PERIOD_QUARTER: t = g_strdup_printf(style == PERIOD_NAME_SHORT ? "Ch%d %d" : "Chwarter %d %d", (m - 1) / 3 + 1, y); break;
  case PERIOD_FY_QUARTER:
    t = g_strdup_printf(style == PERIOD_NAME_SHORT ? "Ch%d %s" : "Chwarter %d %s", (p.start - fy_start) / 3 + 1, fy);
    break;
  case PERIOD_FY: t = fy_text(y); break;
  case PERIOD_YEAR: t = g_strdup_printf("%d", y); break;
  default: {
    int e = period_end(p);
    t = g_strdup_printf("%s %d" "\xe2\x80\x93" "%s %d", period_month_name(m, TRUE), y, period_month_name(period_index_month(e), TRUE),
                        period_index_year(e));
  }
  }
  g_free(fy);
  return t;
}

char *bind_period_name(const char *lang, const char *period, PeriodNameStyle style) {
  /* in prose a quarter is "Quarter 2 2024/25", not "July–September 2024" */
  if (!bind_welsh(lang)) return measures_period_name(period, style == PERIOD_NAME_LONG ? PERIOD_NAME_WORDS : style);
  Period p;
  if (!period_parse(period, &p, NULL)) return NULL;
  return period_cy(p, style == PERIOD_NAME_SHORT ? PERIOD_NAME_SHORT : PERIOD_NAME_WORDS);
}

/* "in September 2024" / "ym mis Medi 2024", "yn 2024/25". */
char *bind_in_period(const char *lang, const char *period) {
  char *name = bind_period_name(lang, period, PERIOD_NAME_LONG);
  if (!name) name = g_strdup(period ? period : "");
  Period p;
  gboolean month = period_parse(period, &p, NULL) && p.kind == PERIOD_MONTH;
  char *t = !bind_welsh(lang) ? g_strdup_printf("in %s", name)
            : month           ? g_strdup_printf("ym mis %s", name)
                              : g_strdup_printf("yn %s", name);
  g_free(name);
  return t;
}

/* ---- changes -------------------------------------------------------------- */

char *bind_change_words(const char *lang, ChangeVerb verb, const char *va, const char *pa, const char *vb,
                        const char *pb) {
  gboolean cy = bind_welsh(lang);
  char *ia = bind_in_period(lang, pa), *ib = bind_in_period(lang, pb), *t;
  if (verb == CHANGE_UNCHANGED) {
    char *na = bind_period_name(lang, pa, PERIOD_NAME_LONG), *nb = bind_period_name(lang, pb, PERIOD_NAME_LONG);
    t = cy ? g_strdup_printf("arhosodd yn %s rhwng %s %s %s", va, na, bind_welsh_and(nb), nb)
           : g_strdup_printf("was unchanged at %s between %s and %s", va, na, nb);
    g_free(na), g_free(nb);
  } else {
    static const char *const en[] = {"", "rose ", "fell ", "improved, rising ", "improved, falling ",
                                     "worsened, rising ", "worsened, falling ", "was broadly unchanged, ", "went "};
    static const char *const cy_verbs[] = {"", "cododd ", "gostyngodd ", "gwellodd, gan godi ", "gwellodd, gan ostwng ",
                                           "gwaethygodd, gan godi ", "gwaethygodd, gan ostwng ", "arhosodd yn debyg, ",
                                           "newidiodd "};
    const char *v = (cy ? cy_verbs : en)[verb];
    t = cy ? g_strdup_printf("%so %s %s i %s %s", v, va, ia, vb, ib) : g_strdup_printf("%sfrom %s %s to %s %s", v, va, ia, vb, ib);
  }
  g_free(ia), g_free(ib);
  return t;
}

/* ---- directions ----------------------------------------------------------- */

/* What the arrow compares with, after "than"/"as" ("na"/"â" in Welsh,
 * which take the article as "na'r"/"â'r"). */
char *bind_basis_words(const char *lang, const Measure *m, Period p, const char *prep) {
  gboolean cy = bind_welsh(lang);
  if (!cy) {
    char *b = measures_comparison_name(m, p);
    char *t = prep ? g_strdup_printf("%s %s", prep, b) : g_strdup(b);
    g_free(b);
    return t;
  }
  if (m->comparison == COMPARE_PERIOD) {
    char *text = period_text(m->compare_period);
    char *name = bind_period_name(lang, text, PERIOD_NAME_LONG);
    char *t = prep ? g_strdup_printf("%s %s", prep, name) : g_strdup(name);
    g_free(text), g_free(name);
    return t;
  }
  const char *unit = p.kind == PERIOD_MONTH ? "mis" : p.kind == PERIOD_QUARTER || p.kind == PERIOD_FY_QUARTER ? "chwarter"
                                                                                                            : NULL;
  /* phrase without its article ("y"/"yr") */
  char *phrase = m->comparison == COMPARE_YEAR_AGO
                     ? (unit ? g_strdup_printf("un %s y llynedd", unit) : g_strdup("flwyddyn flaenorol"))
                     : (unit ? g_strdup_printf("%s blaenorol", unit) : g_strdup("flwyddyn flaenorol"));
  const char *article = bind_welsh_vowel_start(phrase) ? "yr" : "y";
  char *t = prep ? g_strdup_printf("%s'r %s", prep, phrase) : g_strdup_printf("%s %s", article, phrase);
  g_free(phrase);
  return t;
}

char *bind_direction_phrase(const char *lang, DirectionWords w, const MeasureResult *r) {
  gboolean cy = bind_welsh(lang);
  static const char *const en[] = {"higher (better) than", "higher (worse) than", "higher than",
                                   "lower (better) than",  "lower (worse) than",  "lower than",
                                   "about the same as",    "the same as",         "not comparable with"};
  static const char *const cy_w[] = {"yn uwch (yn well)", "yn uwch (yn waeth)", "yn uwch",
                                     "yn is (yn well)",   "yn is (yn waeth)",   "yn is",
                                     "tua'r un fath",     "yr un fath",         "dim modd ei gymharu"};
  const char *prep = cy ? (w >= DIRECTION_WORDS_ABOUT_SAME ? "\xc3\xa2" : "na") : NULL;
  char *basis = bind_basis_words(lang, r->measure, r->period, prep);
  char *when = NULL;
  if (r->measure->comparison != COMPARE_PERIOD) {
    char *text = period_text(r->compared_with);
    when = bind_period_name(lang, text, PERIOD_NAME_LONG);
    g_free(text);
  }
  char *t = cy ? g_strdup_printf("%s %s%s%s%s", cy_w[w], basis, when ? " (" : "", when ? when : "", when ? ")" : "")
               : g_strdup_printf("%s %s%s%s%s", en[w], basis, when ? " (" : "", when ? when : "", when ? ")" : "");
  g_free(basis), g_free(when);
  return t;
}

/* ---- the legend ----------------------------------------------------------- */

/* Scots law's exempt-information words (a pack's law="scotland"): section
 * 50A(4) and Part I of Schedule 7A to the Local Government (Scotland) Act
 * 1973, in the words of the resolution that excludes the public. */
#define SCOTS_CONFIDENTIAL_EDITION                                                                                     \
  "Confidential: this edition includes exempt information (Schedule 7A to the Local Government (Scotland) Act "      \
  "1973) and is not for publication."
#define SCOTS_PUBLIC_EDITION                                                                                           \
  "Items not for publication are taken in private, the public being excluded under section 50A(4) of the Local "     \
  "Government (Scotland) Act 1973 on the grounds that they involve the likely disclosure of exempt information as "  \
  "defined in Part I of Schedule 7A of the Act."
#define SCOTS_EXEMPT_NOTICE                                                                                            \
  "Not for publication by virtue of paragraph {n} of Part I of Schedule 7A of the Local Government (Scotland) Act "  \
  "1973"

const char *bind_word(const char *lang, BindWord w) {
  static const char *const en[] = {
      [WORD_LEGEND] = "Legend",
      [WORD_BAND_HEADING] = "Performance versus target band",
      [WORD_IMPROVED] = "Improved in performance",
      [WORD_MAINTAINED] = "Maintained level",
      [WORD_DETERIORATED] = "Deteriorated in performance",
      [WORD_BB] = "Bigger is better",
      [WORD_SB] = "Smaller is better",
      [WORD_DATA_QUALITY] = "Data quality",
      [WORD_DOT] = "DoT",
      [WORD_REF] = "REF",
      [WORD_MEASURE] = "MEASURE",
      [WORD_DEFINITION] = "DEFINITION",
      [WORD_NUMERATOR] = "NUMERATOR",
      [WORD_DENOMINATOR] = "DENOMINATOR",
      [WORD_REPORT] = "Report",
      [WORD_CONTENTS] = "Contents",
      [WORD_ANNEX] = "Annex",
      [WORD_AGENDA_ITEM] = "Agenda item",
      [WORD_WARDS] = "Ward(s)",
      [WORD_PORTFOLIOS] = "Portfolios",
      [WORD_PORTFOLIO] = "Portfolio",
      [WORD_CONTACT_OFFICER] = "Contact officer",
      [WORD_AUTHOR] = "Author",
      [WORD_CONTINUED] = "continued",
      [WORD_PAGE_OF] = "Page {page} of {pages}",
      [WORD_TELEPHONE] = "Telephone",
      [WORD_EMAIL] = "Email",
      [WORD_SKIP] = "Skip to main content",
      [WORD_FOOTNOTE_BACK] = "Back to the text of footnote",
      [WORD_CHART] = "Chart",
      [WORD_TREND] = "Trend",
      [WORD_SECTION] = "section",
      [WORD_PARAGRAPH] = "paragraph",
      [WORD_XREF_TABLE] = "the table",
      [WORD_XREF_FIGURE] = "the figure",
      [WORD_XREF_CHART] = "the chart",
      [WORD_PACK_AGENDA] = "Agenda",
      [WORD_PACK_AGENDA_CONFIDENTIAL] = "Agenda (confidential)",
      [WORD_PACK_SUPPLEMENT] = "Supplementary information",
      [WORD_PACK_SUPPLEMENT_CONFIDENTIAL] = "Supplementary information (confidential)",
      [WORD_PACK_MEETING_DETAILS] = "Meeting details",
      [WORD_PACK_ITEMS] = "Items",
      [WORD_PACK_DATE] = "Date: ",
      [WORD_PACK_TIME] = "Time: ",
      [WORD_PACK_VENUE] = "Venue: ",
      [WORD_PACK_CHAIR] = "Chair: ",
      [WORD_PACK_ITEM] = "Item",
      [WORD_PACK_SUBJECT] = "Subject",
      [WORD_PACK_LEAD_OFFICER] = "Lead officer",
      [WORD_PACK_PAGE] = "Page",
      [WORD_PACK_SUPPLEMENT_ABOUT] = "Supplementary information for items on the agenda of this meeting",
      [WORD_PACK_PUBLISHED] = ", published ",
      [WORD_PACK_CONFIDENTIAL_EDITION] = "Confidential: this edition includes exempt information (Schedule 12A to the Local Government Act 1972) and is not for publication.",
      [WORD_PACK_PUBLIC_EDITION] = "Items not for publication are taken in private, the public being excluded (section 100A(4) of the Local Government Act 1972).",
      [WORD_PACK_EXEMPT_NOTICE] = "Not for publication by virtue of paragraph {n} of Part 1 of Schedule 12A of the Local Government Act 1972",
      [WORD_PACK_EXEMPT_STATUS] = "Exempt: ",
      [WORD_PACK_URGENT_STATUS] = "Urgent item: ",
      [WORD_PACK_LATE_STATUS] = "Late item: added after the agenda was published",
      [WORD_PACK_SUPPLEMENT_ITEM] = "Supplementary information: item {n}",
      [WORD_PACK_EXEMPT_ITEM] = "Exempt item",
      [WORD_PACK_APOLOGIES] = "Apologies for absence",
      [WORD_PACK_DECLARATIONS] = "Declarations of interest",
      [WORD_PACK_MINUTES] = "Minutes of the previous meeting",
      [WORD_PACK_ITEM_EXEMPT] = " (exempt, paragraph {n})",
      [WORD_PACK_ITEM_SUPPLEMENT] = " (supplementary information)",
      [WORD_PACK_ITEM_URGENT] = " (urgent item)",
      [WORD_PACK_ITEM_LATE] = " (late item)",
      [WORD_PACK_PACK_TITLE] = "agenda and reports",
      [WORD_PACK_PACK_TITLE_SUPPLEMENT] = "supplementary information",
      [WORD_PACK_CONFIDENTIAL_EDITION_SCOTLAND] = SCOTS_CONFIDENTIAL_EDITION,
      [WORD_PACK_PUBLIC_EDITION_SCOTLAND] = SCOTS_PUBLIC_EDITION,
      [WORD_PACK_EXEMPT_NOTICE_SCOTLAND] = SCOTS_EXEMPT_NOTICE,
  };
  static const char *const cy[] = {
      [WORD_LEGEND] = "Allwedd",
      [WORD_BAND_HEADING] = "Perfformiad yn erbyn y band targed",
      [WORD_IMPROVED] = "Perfformiad wedi gwella",
      [WORD_MAINTAINED] = "Wedi aros ar yr un lefel",
      [WORD_DETERIORATED] = "Perfformiad wedi dirywio",
      [WORD_BB] = "Mwy yn well",
      [WORD_SB] = "Llai yn well",
      [WORD_DATA_QUALITY] = "Ansawdd data",
      [WORD_DOT] = "CyT",
      [WORD_REF] = "CYF",
      [WORD_MEASURE] = "MESUR",
      [WORD_DEFINITION] = "DIFFINIAD",
      [WORD_NUMERATOR] = "RHIFIADUR",
      [WORD_DENOMINATOR] = "ENWADUR",
      [WORD_REPORT] = "Adroddiad",
      [WORD_CONTENTS] = "Cynnwys",
      [WORD_ANNEX] = "Atodiad",
      [WORD_AGENDA_ITEM] = "Eitem agenda",
      [WORD_WARDS] = "Ward(iau)",
      [WORD_PORTFOLIOS] = "Portffolios",
      [WORD_PORTFOLIO] = "Portffolio",
      [WORD_CONTACT_OFFICER] = "Swyddog cyswllt",
      [WORD_AUTHOR] = "Awdur",
      [WORD_CONTINUED] = "parhad",
      [WORD_PAGE_OF] = "Tudalen {page} o {pages}",
      [WORD_TELEPHONE] = "Ff\xc3\xb4n",
      [WORD_EMAIL] = "E-bost",
      [WORD_SKIP] = "Neidio i'r prif gynnwys",
      [WORD_FOOTNOTE_BACK] = "Yn \xc3\xb4l at destun troednodyn",
      [WORD_CHART] = "Siart",
      [WORD_TREND] = "Tuedd",
      [WORD_SECTION] = "adran",
      [WORD_PARAGRAPH] = "paragraff",
      [WORD_XREF_TABLE] = "y tabl",
      [WORD_XREF_FIGURE] = "y ffigur",
      [WORD_XREF_CHART] = "y siart",
      [WORD_PACK_AGENDA] = "Agenda",
      [WORD_PACK_AGENDA_CONFIDENTIAL] = "Agenda (cyfrinachol)",
      [WORD_PACK_SUPPLEMENT] = "Gwybodaeth atodol",
      [WORD_PACK_SUPPLEMENT_CONFIDENTIAL] = "Gwybodaeth atodol (cyfrinachol)",
      [WORD_PACK_MEETING_DETAILS] = "Manylion y cyfarfod",
      [WORD_PACK_ITEMS] = "Eitemau",
      [WORD_PACK_DATE] = "Dyddiad: ",
      [WORD_PACK_TIME] = "Amser: ",
      [WORD_PACK_VENUE] = "Lleoliad: ",
      [WORD_PACK_CHAIR] = "Cadeirydd: ",
      [WORD_PACK_ITEM] = "Eitem",
      [WORD_PACK_SUBJECT] = "Pwnc",
      [WORD_PACK_LEAD_OFFICER] = "Swyddog arweiniol",
      [WORD_PACK_PAGE] = "Tudalen",
      [WORD_PACK_SUPPLEMENT_ABOUT] = "Gwybodaeth atodol ar gyfer eitemau ar agenda'r cyfarfod hwn",
      [WORD_PACK_PUBLISHED] = ", a gyhoeddwyd ",
      [WORD_PACK_CONFIDENTIAL_EDITION] = "Cyfrinachol: mae'r argraffiad hwn yn cynnwys gwybodaeth eithriedig (Atodlen 12A i Ddeddf Llywodraeth Leol 1972) ac nid yw i'w gyhoeddi.",
      [WORD_PACK_PUBLIC_EDITION] = "Ymdrinnir yn breifat ag eitemau nad ydynt i'w cyhoeddi, a'r cyhoedd wedi'u gwahardd (adran 100A(4) o Ddeddf Llywodraeth Leol 1972).",
      [WORD_PACK_EXEMPT_NOTICE] = "Ddim i'w gyhoeddi yn rhinwedd paragraff {n} o Ran 1 o Atodlen 12A i Ddeddf Llywodraeth Leol 1972",
      [WORD_PACK_EXEMPT_STATUS] = "Eithriedig: ",
      [WORD_PACK_URGENT_STATUS] = "Eitem frys: ",
      [WORD_PACK_LATE_STATUS] = "Eitem hwyr: fe'i hychwanegwyd ar \xc3\xb4l cyhoeddi'r agenda",
      [WORD_PACK_SUPPLEMENT_ITEM] = "Gwybodaeth atodol: eitem {n}",
      [WORD_PACK_EXEMPT_ITEM] = "Eitem eithriedig",
      [WORD_PACK_APOLOGIES] = "Ymddiheuriadau am absenoldeb",
      [WORD_PACK_DECLARATIONS] = "Datganiadau o fuddiant",
      [WORD_PACK_MINUTES] = "Cofnodion y cyfarfod blaenorol",
      [WORD_PACK_ITEM_EXEMPT] = " (eithriedig, paragraff {n})",
      [WORD_PACK_ITEM_SUPPLEMENT] = " (gwybodaeth atodol)",
      [WORD_PACK_ITEM_URGENT] = " (eitem frys)",
      [WORD_PACK_ITEM_LATE] = " (eitem hwyr)",
      [WORD_PACK_PACK_TITLE] = "agenda ac adroddiadau",
      [WORD_PACK_PACK_TITLE_SUPPLEMENT] = "gwybodaeth atodol",
      /* the Scots law words have no Welsh: Scottish councils publish in English */
      [WORD_PACK_CONFIDENTIAL_EDITION_SCOTLAND] = SCOTS_CONFIDENTIAL_EDITION,
      [WORD_PACK_PUBLIC_EDITION_SCOTLAND] = SCOTS_PUBLIC_EDITION,
      [WORD_PACK_EXEMPT_NOTICE_SCOTLAND] = SCOTS_EXEMPT_NOTICE,
  };
  return bind_welsh(lang) ? cy[w] : en[w];
}

char *bind_last_months(const char *lang, int n) {
  return bind_welsh(lang) ? g_strdup_printf("Y %d mis diwethaf", n) : g_strdup_printf("Last %d months", n);
}

const char *bind_flag_meaning(const char *lang, guint i) {
  static const char *const cy[MEASURE_FLAG_COUNT] = {
      "Dros dro: gall newid pan gyhoeddir y ffigurau terfynol",
      "Wedi'i ddiwygio ers ei gyhoeddi ddiwethaf",
      "Amcangyfrif",
      "Ddim ar gael eto",
      "Mae'r diffiniad wedi newid: ni ellir ei gymharu â chyfnodau cynharach",
      "Nifer bach, heb ei ddangos er mwyn diogelu cyfrinachedd (na'r ffigurau y gellid ei gyfrifo ohonynt)"};
  return bind_welsh(lang) && i < MEASURE_FLAG_COUNT ? cy[i] : measure_flag_meaning(i);
}

/* The legend's direction heading basis words: "previous period", "the
 * same period last year"; in Welsh without the article ("cyfnod
 * blaenorol"), which the heading joins as "o'r" / "neu'r". */
const char *bind_basis_generic(const char *lang, MeasureComparison c) {
  gboolean cy = bind_welsh(lang);
  switch (c) {
  case COMPARE_YEAR_AGO: return cy ? "un cyfnod y llynedd" : "the same period last year";
  case COMPARE_PREVIOUS:
  default: return cy ? "cyfnod blaenorol" : "previous period";
  }
}

/* ---- the report's fixed labels ----------------------------------------- */

void bind_spec_labels(Spec *spec) {
  static const BindWord words[SPEC_LABEL_COUNT] = {
      [SPEC_LABEL_AGENDA_ITEM] = WORD_AGENDA_ITEM, [SPEC_LABEL_WARDS] = WORD_WARDS,
      [SPEC_LABEL_PORTFOLIOS] = WORD_PORTFOLIOS,   [SPEC_LABEL_PORTFOLIO] = WORD_PORTFOLIO,
      [SPEC_LABEL_CONTACT] = WORD_CONTACT_OFFICER,
      [SPEC_LABEL_AUTHOR] = WORD_AUTHOR,           [SPEC_LABEL_CONTINUED] = WORD_CONTINUED,
      [SPEC_LABEL_PAGE_OF] = WORD_PAGE_OF,         [SPEC_LABEL_CONTENTS] = WORD_CONTENTS,
      [SPEC_LABEL_TELEPHONE] = WORD_TELEPHONE,     [SPEC_LABEL_EMAIL] = WORD_EMAIL,
      [SPEC_LABEL_SKIP] = WORD_SKIP,               [SPEC_LABEL_FOOTNOTE_BACK] = WORD_FOOTNOTE_BACK,
      [SPEC_LABEL_CHART] = WORD_CHART,             [SPEC_LABEL_TREND] = WORD_TREND,
      [SPEC_LABEL_AGENDA] = WORD_PACK_AGENDA,
      [SPEC_LABEL_AGENDA_CONFIDENTIAL] = WORD_PACK_AGENDA_CONFIDENTIAL,
      [SPEC_LABEL_SUPPLEMENT] = WORD_PACK_SUPPLEMENT,
      [SPEC_LABEL_SUPPLEMENT_CONFIDENTIAL] = WORD_PACK_SUPPLEMENT_CONFIDENTIAL,
      [SPEC_LABEL_MEETING_DETAILS] = WORD_PACK_MEETING_DETAILS,
      [SPEC_LABEL_ITEMS] = WORD_PACK_ITEMS,
      [SPEC_LABEL_DATE] = WORD_PACK_DATE,
      [SPEC_LABEL_TIME] = WORD_PACK_TIME,
      [SPEC_LABEL_VENUE] = WORD_PACK_VENUE,
      [SPEC_LABEL_CHAIR] = WORD_PACK_CHAIR,
      [SPEC_LABEL_ITEM] = WORD_PACK_ITEM,
      [SPEC_LABEL_SUBJECT] = WORD_PACK_SUBJECT,
      [SPEC_LABEL_LEAD_OFFICER] = WORD_PACK_LEAD_OFFICER,
      [SPEC_LABEL_PAGE] = WORD_PACK_PAGE,
      [SPEC_LABEL_SUPPLEMENT_ABOUT] = WORD_PACK_SUPPLEMENT_ABOUT,
      [SPEC_LABEL_PUBLISHED] = WORD_PACK_PUBLISHED,
      [SPEC_LABEL_CONFIDENTIAL_EDITION] = WORD_PACK_CONFIDENTIAL_EDITION,
      [SPEC_LABEL_PUBLIC_EDITION] = WORD_PACK_PUBLIC_EDITION,
      [SPEC_LABEL_EXEMPT_NOTICE] = WORD_PACK_EXEMPT_NOTICE,
      [SPEC_LABEL_EXEMPT_STATUS] = WORD_PACK_EXEMPT_STATUS,
      [SPEC_LABEL_URGENT_STATUS] = WORD_PACK_URGENT_STATUS,
      [SPEC_LABEL_LATE_STATUS] = WORD_PACK_LATE_STATUS,
      [SPEC_LABEL_SUPPLEMENT_ITEM] = WORD_PACK_SUPPLEMENT_ITEM,
      [SPEC_LABEL_EXEMPT_ITEM] = WORD_PACK_EXEMPT_ITEM,
      [SPEC_LABEL_APOLOGIES] = WORD_PACK_APOLOGIES,
      [SPEC_LABEL_DECLARATIONS] = WORD_PACK_DECLARATIONS,
      [SPEC_LABEL_MINUTES] = WORD_PACK_MINUTES,
      [SPEC_LABEL_ITEM_EXEMPT] = WORD_PACK_ITEM_EXEMPT,
      [SPEC_LABEL_ITEM_SUPPLEMENT] = WORD_PACK_ITEM_SUPPLEMENT,
      [SPEC_LABEL_ITEM_URGENT] = WORD_PACK_ITEM_URGENT,
      [SPEC_LABEL_ITEM_LATE] = WORD_PACK_ITEM_LATE,
      [SPEC_LABEL_PACK_TITLE] = WORD_PACK_PACK_TITLE,
      [SPEC_LABEL_PACK_TITLE_SUPPLEMENT] = WORD_PACK_PACK_TITLE_SUPPLEMENT,
      [SPEC_LABEL_CONFIDENTIAL_EDITION_SCOTLAND] = WORD_PACK_CONFIDENTIAL_EDITION_SCOTLAND,
      [SPEC_LABEL_PUBLIC_EDITION_SCOTLAND] = WORD_PACK_PUBLIC_EDITION_SCOTLAND,
      [SPEC_LABEL_EXEMPT_NOTICE_SCOTLAND] = WORD_PACK_EXEMPT_NOTICE_SCOTLAND,
  };
  SpecMeta *m = &spec->meta;
  m->welsh = bind_welsh(spec->lang);
  for (int l = 0; l < SPEC_LABEL_COUNT; l++) {
    m->labels[0][l] = bind_word("en", words[l]);
    m->labels[1][l] = bind_word("cy", words[l]);
  }
  if (spec->body_title_default) spec->body_title = bind_word(spec->lang, WORD_REPORT);
  for (guint i = 0; i < spec->n_annexes; i++) {
    SpecBlock *a = spec->annexes[i];
    if (!a->title_default) continue;
    char *label = g_strdup_printf("%s %u", bind_word(a->lang ? a->lang : spec->lang, WORD_ANNEX), i + 1);
    a->label = spec_strdup(spec, label);
    g_free(label);
  }
}

/* A block's default words in its language: a contents list's title. */
void bind_block_labels(SpecBlock *b, const char *lang) {
  if (b->kind == BLOCK_CONTENTS && b->title_default) b->title = bind_word(lang, WORD_CONTENTS);
}

/* The same choice as spec_xref's target_name, whose English it replaces;
 * a table, figure or chart is named by its caption (`caption`, the run's
 * text as spec_xref set it), quoted after what it is. */
char *bind_xref_words(const char *lang, const SpecBlock *to, const char *caption) {
  if (!to) return NULL;
  int what = to->kind == BLOCK_TABLE ? WORD_XREF_TABLE : to->kind == BLOCK_FIGURE ? WORD_XREF_FIGURE
             : to->kind == BLOCK_CHART ? WORD_XREF_CHART : -1;
  if (what >= 0 && caption && *caption) return g_strdup_printf("%s \u2018%s\u2019", bind_word(lang, what), caption);
  if (to->kind == BLOCK_SECTION && to->role == SECTION_ANNEX && to->label) return g_strdup(to->label);
  if (to->kind == BLOCK_SECTION && to->number) return g_strdup_printf("%s %s", bind_word(lang, WORD_SECTION), to->number);
  if (to->kind == BLOCK_PARAGRAPH && to->para_number)
    return g_strdup_printf("%s %s", bind_word(lang, WORD_PARAGRAPH), to->para_number);
  return NULL;
}
