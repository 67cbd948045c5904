/* bind internals, shared by bind.c and bind_chart.c. */
#ifndef BOARDPACK_BIND_INTERNAL_H
#define BOARDPACK_BIND_INTERNAL_H

#include "bind.h"
#include "measures/hierarchy.h"
#include "spec/spec_build.h"

typedef struct {
  Spec *spec;
  const Measures *ms;
  DiagList *diags;
  gboolean has_definitions; /* scorecard labels link to the sheet */
  gboolean definitions_local; /* the sheet lists local measures too */
  GPtrArray *comparisons;     /* char*: what the report's arrows compare with */
  GPtrArray *legends;         /* SpecBlock*: bound last, once comparisons are known */
  guint flags_used;           /* MeasureFlag bits of every figure shown: the legend explains them */
  guint levels_used;          /* 1 << RatingLevel of every rating shown: the legend explains them */
  guint standards_used;       /* RatingStandards of the standard-scheme ratings shown: the legend's words */
  GPtrArray *scorecards;      /* the report's scorecards' measure refs (bind_rating.c) */
  const char *lang;           /* the language of the block being bound */
  GHashTable *foreign_langs;  /* char* (the spec's): languages told their generated words are English */
  gboolean no_parent_said;    /* {parent} in the top unit's report: said once, at the first */
  gboolean unit_token_failed; /* a {unit}/{parent}/{top} did not resolve (said): what names it says nothing more */
} BindContext;

/* "85.4% [p]": a figure with (when `unit`) its unit in `lang` and its marks. */
char *bind_value_text(const MeasureResult *r, gboolean unit, const char *lang);

/* A title with {period} (the report's period in words) and {unit},
 * {parent}, {top} replaced; a pool string (an error at line:col if the
 * report has no period). */
const char *bind_title(BindContext *bc, const char *title, int line, int col);
void bind_chart(BindContext *bc, SpecBlock *b);
/* bind_changes.c: a <changes> block as a table (or a paragraph: nothing changed). */
void bind_changes(BindContext *bc, SpecBlock *b);
/* A group row ("Workforce") spanning the table. */
SpecBlock *bind_group_row_new(Spec *spec, const char *text);
/* A table cell holding a sparkline of `ref` over the `n` months ending
 * with `last_period`. */
SpecBlock *bind_sparkline_cell(BindContext *bc, const char *ref, const char *last_period, int n);

/* bind_words.c: generated words in the block's language (English, Welsh). */
gboolean bind_welsh(const char *lang);
/* Period names as measures_period_name, in `lang`; LONG is WORDS, so a
 * quarter in prose is "Quarter 2 2024/25" ("Chwarter 2 2024/25"). */
char *bind_period_name(const char *lang, const char *period, PeriodNameStyle style);
char *bind_in_period(const char *lang, const char *period); /* "in September 2024", "ym mis Medi 2024" */
/* What goes before item i of n in a list in prose: "", ", ", then " and "
 * before the last, `item`; in Welsh " a ", or " ac " when `item` begins
 * with a vowel ("DR a HT", "DR ac AD", "ysgolion ac ysbytai"). Welsh also
 * mutates after "a" ("a phlant"); bind's lists are of refs and names,
 * which are left as written. */
const char *bind_list_separator(const char *lang, guint i, guint n, const char *item);
/* Welsh "and" before `next`: "ac" before a vowel (â, ŵ, ŷ … too), else "a". */
const char *bind_welsh_and(const char *next);
/* Whether `s` begins with a vowel, accented or not, past opening punctuation. */
gboolean bind_welsh_vowel_start(const char *s);
/* A unit level as a column head: "Team", "Tîm". */
const char *bind_level_head(const char *lang, UnitLevel level);
typedef enum {
  CHANGE_FROM,
  CHANGE_ROSE,
  CHANGE_FELL,
  CHANGE_IMPROVED_RISING,
  CHANGE_IMPROVED_FALLING,
  CHANGE_WORSENED_RISING,
  CHANGE_WORSENED_FALLING,
  CHANGE_BROADLY_UNCHANGED,
  CHANGE_WENT,
  CHANGE_UNCHANGED, /* "was unchanged at X between P1 and P2" */
} ChangeVerb;
char *bind_change_words(const char *lang, ChangeVerb verb, const char *va, const char *pa, const char *vb,
                        const char *pb);
typedef enum {
  DIRECTION_WORDS_HIGHER_BETTER,
  DIRECTION_WORDS_HIGHER_WORSE,
  DIRECTION_WORDS_HIGHER,
  DIRECTION_WORDS_LOWER_BETTER,
  DIRECTION_WORDS_LOWER_WORSE,
  DIRECTION_WORDS_LOWER,
  DIRECTION_WORDS_ABOUT_SAME,
  DIRECTION_WORDS_SAME,
  DIRECTION_WORDS_NOT_COMPARABLE,
} DirectionWords;
/* "higher (better) than the same month last year (September 2023)". */
char *bind_direction_phrase(const char *lang, DirectionWords w, const MeasureResult *r);
/* What a measure's arrow for p compares with, after `prep` if given
 * ("with the previous month", "â'r mis blaenorol"), else with its article. */
char *bind_basis_words(const char *lang, const Measure *m, Period p, const char *prep);
const char *bind_basis_generic(const char *lang, MeasureComparison c);
typedef enum {
  WORD_LEGEND,
  WORD_BAND_HEADING,
  WORD_IMPROVED,
  WORD_MAINTAINED,
  WORD_DETERIORATED,
  WORD_BB,
  WORD_SB,
  WORD_DATA_QUALITY,
  WORD_DOT,
  WORD_REF, /* the definitions sheet's column heads */
  WORD_MEASURE,
  WORD_DEFINITION,
  WORD_NUMERATOR,
  WORD_DENOMINATOR,
  /* the fixed labels of a report (bind_spec_labels puts them into the model) */
  WORD_REPORT, /* the body's heading */
  WORD_CONTENTS,
  WORD_ANNEX, /* "Annex 2" */
  WORD_AGENDA_ITEM,
  WORD_WARDS,
  WORD_PORTFOLIOS,
  WORD_PORTFOLIO,
  WORD_CONTACT_OFFICER,
  WORD_AUTHOR,
  WORD_CONTINUED,
  WORD_PAGE_OF, /* the footer of a house style that leaves it to the code */
  WORD_TELEPHONE,
  WORD_EMAIL,
  WORD_SKIP, /* the web page's first link */
  WORD_FOOTNOTE_BACK,
  WORD_CHART, /* the web page's name of a chart with no title or caption */
  WORD_TREND, /* … and of a table cell's sparkline with no description */
  WORD_SECTION, /* what an <xref> says: "section 3.1" */
  WORD_PARAGRAPH,
  WORD_XREF_TABLE, /* … and before a caption: "the table ‘Care homes’" */
  WORD_XREF_FIGURE,
  WORD_XREF_CHART,
  /* a pack's agenda (SPEC_LABEL_AGENDA …) */
  WORD_PACK_AGENDA,
  WORD_PACK_AGENDA_CONFIDENTIAL,
  WORD_PACK_SUPPLEMENT,
  WORD_PACK_SUPPLEMENT_CONFIDENTIAL,
  WORD_PACK_MEETING_DETAILS,
  WORD_PACK_ITEMS,
  WORD_PACK_DATE,
  WORD_PACK_TIME,
  WORD_PACK_VENUE,
  WORD_PACK_CHAIR,
  WORD_PACK_ITEM,
  WORD_PACK_SUBJECT,
  WORD_PACK_LEAD_OFFICER,
  WORD_PACK_PAGE,
  WORD_PACK_SUPPLEMENT_ABOUT,
  WORD_PACK_PUBLISHED,
  WORD_PACK_CONFIDENTIAL_EDITION,
  WORD_PACK_PUBLIC_EDITION,
  WORD_PACK_EXEMPT_NOTICE,
  WORD_PACK_EXEMPT_STATUS,
  WORD_PACK_URGENT_STATUS,
  WORD_PACK_LATE_STATUS,
  WORD_PACK_SUPPLEMENT_ITEM,
  WORD_PACK_EXEMPT_ITEM,
  WORD_PACK_APOLOGIES,
  WORD_PACK_DECLARATIONS,
  WORD_PACK_MINUTES,
  WORD_PACK_ITEM_EXEMPT,
  WORD_PACK_ITEM_SUPPLEMENT,
  WORD_PACK_ITEM_URGENT,
  WORD_PACK_ITEM_LATE,
  WORD_PACK_PACK_TITLE,
  WORD_PACK_PACK_TITLE_SUPPLEMENT,
  WORD_PACK_CONFIDENTIAL_EDITION_SCOTLAND, /* a pack's law="scotland": Schedule 7A's words */
  WORD_PACK_PUBLIC_EDITION_SCOTLAND,
  WORD_PACK_EXEMPT_NOTICE_SCOTLAND,
} BindWord;
const char *bind_word(const char *lang, BindWord w);
/* A contents list's default title in `lang` (the block's). */
void bind_block_labels(SpecBlock *b, const char *lang);
/* What an <xref> to `to` says in `lang`: "section 3.1" / "adran 3.1",
 * "paragraph 1.2" / "paragraff 1.2", an annex's label ("Atodiad 2");
 * g_malloc'd, or NULL: its name as resolved (a caption, a title). */
char *bind_xref_words(const char *lang, const SpecBlock *to, const char *caption);
/* A sparkline column's head: "Last 12 months", "Y 12 mis diwethaf". */
char *bind_last_months(const char *lang, int n);
const char *bind_flag_meaning(const char *lang, guint i);

/* bind_units.c: a unit's report (measure_units.h). {unit}, {parent} and
 * {top} in `text` replaced by names (an error at line:col when the report
 * has no unit, or the top unit is asked for its parent); a pool string. */
const char *bind_unit_words(BindContext *bc, const char *text, int line, int col);
/* The same in a block's text runs, data series and labels, before it is bound. */
void bind_units_block(BindContext *bc, SpecBlock *b);
char *bind_rank_run(BindContext *bc, const SpecRun *run); /* <rank>: "3rd of 11" */
gboolean bind_rank_wanted(const SpecDataBlock *d);         /* a scorecard's rank column */
SpecBlock *bind_rank_head_cell(BindContext *bc, const SpecDataBlock *d);
SpecBlock *bind_rank_cell(BindContext *bc, const SpecDataBlock *d, const SpecBlock *row, const char *period);
SpecBlock *bind_rank_note(BindContext *bc, const SpecDataBlock *d, const char *period); /* what the column ranks */
/* "X's figure: its 3 teams' numerators and denominators summed.", or NULL. */
char *bind_unit_definition_note(BindContext *bc, const Measure *m);
void bind_heat_map(BindContext *bc, SpecBlock *b);
/* Whether block b (`what`: "a heat map") can show the units of `level`
 * below the report's unit; an error at b if the report has no unit or is
 * not above that level. */
gboolean bind_units_below_possible(BindContext *bc, const SpecBlock *b, UnitLevel level, const char *what);

/* bind_direction.c: what the arrows compare with. */
void bind_direction_used(BindContext *bc, const Measure *m);
char *bind_direction_heading(const BindContext *bc, const char *lang);
char *bind_direction_words(const char *lang, const MeasureResult *r);
/* "improved", "wedi dirywio": a direction's word from the one symbol table
 * (not naming a basis); "" for none. */
const char *bind_direction_name(const char *lang, MeasureDirection d);
typedef struct {
  GPtrArray *groups; /* rows by what their arrow compares with */
  char *last;        /* the compared column's period, short name */
  const char *lang;
} DirectionNote;
void bind_direction_note_init(DirectionNote *n, const char *lang);
void bind_direction_note_add(DirectionNote *n, const MeasureResult *r);
/* The note's paragraph (NULL if no row had a figure); frees the note. */
SpecBlock *bind_direction_note_block(BindContext *bc, DirectionNote *n);
/* An error at `row` when the last two own columns (`before`, `last`)
 * move against the arrow and the compared period is not shown. */
void bind_direction_check_columns(BindContext *bc, const SpecBlock *row, const SpecDataBlock *d,
                                  const MeasureResult *before, const MeasureResult *last);

/* bind_rating.c: ratings, the rating summary and exception reports. */
void bind_rating_begin(BindContext *bc); /* before the walk: the scorecards' measures */
void bind_rating_end(BindContext *bc);
void bind_rating_used(BindContext *bc, const Rating *r); /* shown: the legend explains it */
/* Whether a rating's shape is drawn in its colour: the rag levels (the
 * standard scheme's ★ ▲ keep the text's colour, as they always have). */
gboolean bind_rating_coloured(const Rating *r);
/* The shape (in its colour) then `text`, or by default the rating's name:
 * "◆ amber", "no target", "✖ red [p]", "✖ AV2 Title". A table of units ×
 * measures (a heat map) makes each cell with this from the unit's
 * MeasureResult.rating, and calls bind_rating_used so the legend explains it. */
SpecInline bind_rating_inline(BindContext *bc, const char *lang, const Rating *r, const char *text);
/* "amber: within 5% of the 85% target" (<band words="yes">). */
char *bind_rating_words(const char *lang, const MeasureResult *r);
/* A chart over periods: each rag measure's points marked by rating and its
 * targets drawn as a reference line "Target" (unless standard="no"); the
 * ratings in words to add to the description, or NULL. */
struct ChartSpec;
char *bind_rating_chart_targets(BindContext *bc, const SpecDataBlock *d, struct ChartSpec *c);
/* Series k of c charts measure m over `periods`: where a year-to-date
 * figure starts again (bind_chart.c), its line breaks and its description
 * tells each year apart. Nothing for another basis. */
void bind_chart_restarts(struct ChartSpec *c, int k, const Measure *m, const char *const *periods, guint n);
/* A legend row: symbol NULL for a heading row. */
typedef void (*BindLegendRow)(Spec *s, GPtrArray *rows, const char *symbol, const char *meaning);
/* The legend's rating rows for the schemes the report showed. */
void bind_rating_legend(BindContext *bc, const char *lang, BindLegendRow row, Spec *s, GPtrArray *rows);
/* Replaces parent's <rating-summary/> and <exceptions> children with the
 * blocks they stand for. */
void bind_rating_expand(BindContext *bc, SpecBlock *parent);

#endif
