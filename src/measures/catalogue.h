/* catalogue — the measure definitions: what each measure is and how its
 * value is computed, shown and judged.
 *
 * Owns: Catalogue and its Measure entries (all strings copied out of the
 * XML, which is released after loading).
 * Invariants after catalogue_load succeeds:
 *   - entries are in document order (the order of the definitions sheet);
 *     every entry has a non-empty ref, title and group;
 *   - refs are unique when compared ignoring case and white space, and
 *     catalogue_lookup uses the same comparison ("CCC d" finds "CCCd");
 *   - a rate has per > 0; a population ref, if any, names a count measure;
 *   - a ytd measure never compares with the previous period (its figure
 *     restarts each year, so the previous month is a different window);
 *   - unit is never NULL: "%", "per N[ per-unit]" for rates, a count's or
 *     average's unit= ("days"), else "";
 *   - decimals is 0..RATIO_MAX_DECIMALS; tolerance >= 0; max_change > 0
 *     when has_max_change; min <= max when both are given;
 *   - a measure rated "rag" that has targets has polarity BB or SB; every
 *     target's tolerance >= 0 and its profile rises to 100 (rating.h).
 * The XML is read through xmlsrc_load_valid and validated against the compiled-in
 * "catalogue" schema; numbers are checked here with messages naming the
 * attribute and line.
 */
#ifndef BOARDPACK_CATALOGUE_H
#define BOARDPACK_CATALOGUE_H

#include "base/diag.h"
#include "base/period.h"
#include "rating.h"
#include "ratio.h"

typedef enum { MEASURE_PERCENTAGE, MEASURE_RATE, MEASURE_AVERAGE, MEASURE_COUNT } MeasureKind;
typedef enum { POLARITY_NONE, POLARITY_BB, POLARITY_SB } MeasurePolarity;
/* How a measure's value for a period is built from months (see measures.h). */
typedef enum { BASIS_MONTHLY, BASIS_ROLLING_12, BASIS_YTD, BASIS_ANNUAL, BASIS_SNAPSHOT } MeasureBasis;
/* Which denominators of a multi-month window count: all of them summed (a
 * flow, e.g. assessments completed), the first (a stock at the start, e.g.
 * posts at the start of the year for turnover) or the last (a stock at the
 * end, e.g. workers at year end for days lost per worker). */
typedef enum { DENOMINATOR_SUM, DENOMINATOR_FIRST, DENOMINATOR_LAST } DenominatorWindow;

/* What a direction of travel compares a figure with: the period just
 * before it (of the same kind), the same period a year earlier, or one
 * named period (a baseline such as 2023/24). */
typedef enum { COMPARE_PREVIOUS, COMPARE_YEAR_AGO, COMPARE_PERIOD } MeasureComparison;

/* Which of a measure's figures the data may lack without a warning in a
 * scorecard cell or on a chart (optional= on <measure>): none, those of
 * its comparators (a comparator published only yearly), or any. */
typedef enum { MEASURE_GAPS_NONE, MEASURE_GAPS_COMPARATORS, MEASURE_GAPS_ANY } MeasureGaps;

/* How a value is judged (see measures.h for the rules). */
typedef enum { BAND_NONE, BAND_ACHIEVED, BAND_NOT_MET } MeasureBand;
typedef enum { DIRECTION_NONE, DIRECTION_IMPROVED, DIRECTION_MAINTAINED, DIRECTION_DETERIORATED } MeasureDirection;

typedef struct {
  char *ref;
  char *title;
  char *title_cy;    /* <title-cy>, the title in Welsh, or NULL */
  char *definition;  /* "" when absent */
  char *numerator;   /* "" when absent */
  char *denominator; /* "" when absent */
  char *group;
  char *note;          /* notes joined by "\n"; "" when none */
  char *standard_text; /* words of <standard>, "" when none */
  MeasureKind kind;
  MeasurePolarity polarity;
  MeasureBasis basis;
  DenominatorWindow denominator_window;
  MeasureGaps gaps_expected; /* optional=: "no" (default), "comparators" or "yes" */
  gboolean local; /* not on the authority's definitions sheet */
  int decimals;   /* places shown for computed values */
  Ratio tolerance; /* |change| <= tolerance counts as "maintained" */
  MeasureComparison comparison; /* compare=; by default year-ago for ytd and
                                 * annual measures, previous otherwise */
  Period compare_period;        /* COMPARE_PERIOD: the named period */
  gboolean has_min, has_max;
  Ratio min, max; /* the minimum standard: achieved iff min <= v <= max */
  RatingScheme rating; /* rating= on the measure, else the catalogue's (standard) */
  RatingTarget *targets; /* <target>s in document order (rating.h) */
  guint n_targets;
  gboolean has_max_change, max_change_relative;
  Ratio max_change; /* month-to-month change beyond this is suspicious */
  int year_start;   /* first month of the year for ytd: 4 (April) or 1 */
  gint64 per;       /* rates: value = numerator * per / population */
  gint64 suppress_below; /* small numbers under this are not shown; 0 = none */
  char *unit;       /* shown after a figure: "%", "per 1,000 households", "" */
  char *unit_cy;    /* the same in Welsh: "%", "fesul 1,000 aelwyd" (per-unit-cy=) */
  char *population; /* rates: ref of the population measure, or NULL */
  int line;         /* of <measure> in the catalogue */
  guint index;      /* position in the catalogue */
} Measure;

typedef struct Catalogue Catalogue;

Catalogue *catalogue_load(const char *path, DiagList *diags);
/* The same from the bytes of `path`, read by the caller (infile_read). */
Catalogue *catalogue_parse(const char *path, GBytes *bytes, DiagList *diags);

/* Whether the catalogue expects `m` to lack figures of `series` (NULL: its
 * own) now and then: such an "n/a" in a scorecard or a gap in a chart is
 * no warning. */
gboolean measure_gap_expected(const Measure *m, const char *series);
void catalogue_free(Catalogue *cat);

const char *catalogue_file(const Catalogue *cat);
const char *catalogue_authority(const Catalogue *cat); /* "" when not given */
guint catalogue_count(const Catalogue *cat);
const Measure *catalogue_nth(const Catalogue *cat, guint i);
const Measure *catalogue_lookup(const Catalogue *cat, const char *ref);
/* The ref closest to a misspelt one, for "did you mean", or NULL. */
const char *catalogue_suggest(const Catalogue *cat, const char *ref);
/* The n refs nearest by spelling, closest first: "\"RA1\", \"RA2\" and
 * \"PG1\"" (ties in catalogue order). g_free it. */
char *catalogue_nearest(const Catalogue *cat, const char *ref, guint n);

/* What rating_judge needs of a measure (borrows its targets). */
RatingRule measure_rating_rule(const Measure *m);

const char *measure_kind_name(MeasureKind k);     /* "percentage", ... */
const char *measure_basis_name(MeasureBasis b);   /* "rolling-12", ... */
const char *measure_polarity_name(MeasurePolarity p); /* "BB", "SB", "" */
/* The unit a figure of this measure is written with: "%" for a percentage,
 * "per 1,000" (with per-unit="households": "per 1,000 households") for a
 * rate, unit= for a count or average ("days", "tonnes"), else "". */
const char *measure_unit(const Measure *m);
/* "85.4%", "12.3 per 1,000 households", "116": a displayed figure and its
 * unit ("%" is written close up, any other unit after a space). */
char *measure_with_unit(const char *display, const char *unit);
/* measure_unit in Welsh when `welsh`: "fesul 1,000" and per-unit-cy= (or,
 * without it, per-unit= as written). */
const char *measure_unit_in(const Measure *m, gboolean welsh);
/* The title a Welsh text prints (`welsh`): <title-cy>, else <title>. */
const char *measure_title_in(const Measure *m, gboolean welsh);
/* A label that says the measure's unit: for a rate whose label does not
 * already name its "per 1,000", "label, per 1,000 households"; for a
 * count or average with a unit= its label does not name, "label, days";
 * otherwise the label as given. Percentages are left alone (their titles
 * say "%" and the cells never carry it). */
char *measure_label_with_unit(const Measure *m, const char *label);
/* compare= text: "previous", "year-ago" or a period (then *period is
 * set). FALSE for anything else, which is reported with this format and
 * the text: */
gboolean measure_comparison_parse(const char *text, MeasureComparison *comparison, Period *period);
#define MEASURE_COMPARISON_CHOICES \
  "compare=\"%s\" is not one of \"previous\", \"year-ago\" or a period such as \"2023/24\" or \"2024-03\""
/* The same in Welsh when `welsh` ("label, fesul 1,000 aelwyd"); a label
 * that names its base in either language ("per 1,000", "fesul 1,000") is
 * left as given. */
char *measure_label_with_unit_in(const Measure *m, const char *label, gboolean welsh);

#endif
