/* measures — the measures engine: a catalogue and a data file in, every
 * value a scorecard, chart or sentence needs out, computed and checked.
 *
 * Owns: Measures, which owns the Catalogue (catalogue.h) and the
 * MeasureData (mdata.h) it was loaded from. Everything here is pure once
 * loaded: queries read no files and never touch Pango or the locale.
 * Lint (measures_lint*) is implemented in measure_lint.c over this facade.
 *
 * How a value for (measure, series, period P) is found:
 *  1. The basis turns P into a window of months:
 *       monthly     the months of P itself (a month, or all of a quarter/year)
 *       rolling-12  the 12 months ending with P's last month
 *       annual      the 12 months ending with P's last month
 *       ytd         from the start of the year (April, or the measure's
 *                   year-start) to P's last month
 *       snapshot    P's last month only (a stock at the period end)
 *     So for a ytd measure "2012/13" and "2013-03" are the same window.
 *  2. A published row (value or text) whose period has that window wins:
 *     published figures round-trip exactly as written.
 *  3. Otherwise raw rows are summed: a raw row covering the window exactly,
 *     or one monthly row for every month in it. Numerators are summed;
 *     denominators are summed, or the first or last month's is taken (the
 *     measure's denominator-window). A missing month makes the value
 *     MEASURE_INCOMPLETE, never a value from fewer months.
 *  4. value = 100*n/d (percentage), per*n/population (rate; population from
 *     the rows' denominators or else the population measure's figure for
 *     the window's last month, or the latest one before it), n/d
 *     (average), n (count). All exact (ratio.h).
 * Display: computed values to the measure's decimals (default 1, counts
 * 0), published numbers with the decimals they were published with; ','
 * every three digits; '.' always the decimal mark.
 * Data quality: a figure carries the flags of every row it was built
 * from. With suppress-below N, a count of 1..N-1, or a percentage, rate or
 * average whose numerator is (or a percentage whose den - num is) 1..N-1,
 * is suppressed, and so is a count totalled from months one of which is
 * (the small month could be worked back from the total): flag SUPPRESSED, shown as its mark alone, and treated as
 * text (no chart point, band or direction), so nothing gives it away.
 * Rating (rating.h): by the measure's scheme. standard: a published band if
 * the row has one; else, if the measure has a standard, achieved iff
 * min <= v <= max; rag: green, amber or red against the period's (profiled)
 * target. v is the value rounded as displayed (so the symbol always agrees
 * with the printed figure). band is the standard scheme's rating.
 * Direction: against the period the measure's compare= names: the
 * previous period of the same kind (month, quarter, year), the same period
 * a year earlier (the default for ytd and annual measures), or one named
 * period; both values rounded to the measure's decimals;
 * |change| <= tolerance is "maintained", otherwise improved or deteriorated
 * by polarity (none when the measure has no polarity).
 */
#ifndef BOARDPACK_MEASURES_H
#define BOARDPACK_MEASURES_H

#include "catalogue.h"
#include "base/diag.h"
#include "mdata.h"
#include "base/period.h"
#include "ratio.h"

typedef struct Measures Measures;

/* ---- loading ------------------------------------------------------------- */

/* Loads the catalogue (XML, "catalogue" schema) and the data (CSV) and runs
 * measures_lint. Returns NULL if anything is an error, with every finding
 * (errors and warnings) appended to `diags`; warnings alone do not fail. */
Measures *measures_load(const char *catalogue_path, const char *data_path, DiagList *diags);
/* The same without the lint: NULL only if a file cannot be read or parsed
 * (bad XML/schema, bad CSV syntax, bad header). Row-level problems are then
 * left for measures_lint. */
Measures *measures_load_unchecked(const char *catalogue_path, const char *data_path, DiagList *diags);
void measures_free(Measures *ms);

/* ---- one load shared by many reports ------------------------------------- */

/* A pack's reports usually name one catalogue and one data file, and
 * loading them (parse, validate, index, lint) is the same work each time.
 * A MeasuresMemo keeps the last (catalogue, data) set it loaded so that
 * the next report naming the same files gets it again, shared read-only
 * (lookup indexes the data builds lazily are the only writes: one thread
 * only, as everything here).
 *
 * Owns: at most one set (the Catalogue, the MeasureData, the two files'
 * bytes and what loading and lint said), and a reference to it. Every
 * Measures made from a set holds a reference too, so a set is freed when
 * the memo lets go of it and the last Measures made from it is freed
 * (measures_free, as for any loaded Measures). The memo lets go when it
 * loads another set, and in measures_memo_free: a pack makes one for its
 * reports' builds and frees it once they are built, so no set outlives
 * the pack's binding. A set whose two files are over MEASURES_MEMO_MAX
 * bytes together is not kept at all: a million-row data file is freed
 * once its report is bound, as without a memo (issue 20).
 *
 * Keyed by the files' exact bytes (and the paths as named, which the
 * messages and the Measures carry): both files are read again each time
 * and compared with what the set was loaded from, so an edited file is
 * loaded afresh, never served stale. What loading said (warnings, notes:
 * a set with an error is not kept) is said again into `diags` for every
 * report that gets the set, as a fresh load would have said it. */
typedef struct MeasuresMemo MeasuresMemo;
#define MEASURES_MEMO_MAX (4u * 1024 * 1024)
/* Whether the memo keeps a set whose files are of these sizes: the one
 * place of the rule (a caller that would load a set only for the memo's
 * sake asks first). */
gboolean measures_memo_keeps(guint64 catalogue_size, guint64 data_size);
MeasuresMemo *measures_memo_new(void);
void measures_memo_free(MeasuresMemo *memo);
/* measures_load through `memo` (NULL: plain measures_load). The result is
 * the caller's, freed with measures_free; a unit's hierarchy attached to
 * it (measure_units.h) is its own, not the set's. */
Measures *measures_load_memo(MeasuresMemo *memo, const char *catalogue_path, const char *data_path, DiagList *diags);

/* ---- the catalogue ------------------------------------------------------- */

const Catalogue *measures_catalogue(const Measures *ms);
const MeasureData *measures_data(const Measures *ms);
guint measures_count(const Measures *ms);                          /* catalogue order */
const Measure *measures_nth(const Measures *ms, guint i);           /* ->group, ->title, ... */
const Measure *measures_lookup(const Measures *ms, const char *ref); /* ignores case and spaces */

/* ---- values -------------------------------------------------------------- */

typedef enum {
  MEASURE_OK,          /* a number, or published wording (is_text) */
  MEASURE_UNKNOWN_REF, /* no such measure in the catalogue */
  MEASURE_BAD_PERIOD,  /* the period text does not parse */
  MEASURE_NO_DATA,     /* nothing for this period */
  MEASURE_INCOMPLETE,  /* some months of the window have no row */
  MEASURE_UNDEFINED,   /* zero denominator, no population, or too large */
} MeasureStatus;

typedef struct {
  MeasureStatus status;
  char *why;              /* status != OK: a sentence for a diagnostic */
  const Measure *measure; /* NULL only for MEASURE_UNKNOWN_REF */
  Period period;          /* as asked */
  Period window;          /* the months the value covers */
  gboolean is_text;       /* published wording ("n/a"): display only */
  gboolean published;     /* a published figure, not computed from counts */
  Ratio value;            /* exact; valid when OK and !is_text */
  int decimals;           /* places shown in display */
  char *display;          /* "85.4", "1,234", "n/a"; NULL unless OK */
  const char *unit;       /* "%" for percentages, else "" */
  MeasureBand band;       /* the standard scheme's rating as a band (BAND_NONE for rag) */
  Rating rating;          /* how the figure is judged (rating.h) */
  MeasureDirection direction; /* vs compared_with (see above) */
  Period compared_with;   /* the period the direction compares with */
  gboolean compared;      /* compared_with has a numeric value, compared_value */
  Ratio compared_value;
  MeasurePolarity polarity;
  const char *note;       /* the data row's note ("" if none) */
  guint flags;            /* MeasureFlag bits: of the rows used, and SUPPRESSED */
  gboolean has_counts;    /* computed from raw rows: numerator (and denominator, or -1) */
  gint64 numerator, denominator;
  gint64 least_part;      /* summed from several rows: the smallest positive numerator among them, else 0 */
  int line;               /* data file line of the row used (last month's) */
} MeasureResult;

/* series NULL or "" = the authority's own figures. Always fills *out (call
 * measure_result_clear after) and returns out->status. */
MeasureStatus measures_get(const Measures *ms, const char *ref, const char *series, const char *period,
                           MeasureResult *out);
MeasureStatus measures_get_period(const Measures *ms, const Measure *m, const char *series, Period p,
                                  MeasureResult *out);
void measure_result_clear(MeasureResult *r);
/* Steps 3 and 4 alone: what the raw rows give, ignoring published rows
 * (lint compares the two). No band or direction. */
MeasureStatus measures_get_raw(const Measures *ms, const Measure *m, const char *series, Period p, MeasureResult *out);

/* The value shown with other decimals (e.g. 0 for "81%" in prose from a
 * published 80.5); published text is returned as is. NULL unless OK. */
char *measure_result_display(const MeasureResult *r, int decimals);

/* Direction from one result to another of the same measure (e.g. "from
 * 21.6% in November 2012 to 85.4% in April 2013"), by the rules above. */
MeasureDirection measures_direction_between(const MeasureResult *from, const MeasureResult *to);
/* to - from, signed ("+63.8", "-2.0") to the measure's decimals; NULL if
 * either is not a number. */
char *measures_change_display(const MeasureResult *from, const MeasureResult *to);

/* A rate's population for a window ending at month index `end_month`: the
 * population measure's figure for a period containing that month, else the
 * latest before it; the series' own population first, then the
 * authority's. FALSE if there is none. */
gboolean measures_population(const Measures *ms, const Measure *rate, const char *series, int end_month, Ratio *out);

/* ---- series for charts --------------------------------------------------- */

typedef struct {
  gboolean present; /* FALSE for a gap, text, a suppressed figure or an error */
  double value;     /* approximate; charts only */
  guint flags;      /* the figure's MeasureFlag bits (SUPPRESSED: not present) */
} MeasurePoint;

/* One point per period text; bad periods and gaps come back not present. */
void measures_series(const Measures *ms, const char *ref, const char *series, const char *const *periods, guint n,
                     MeasurePoint *out);
/* Every period that has a value (published, or computable from raw rows),
 * sorted by period_compare. g_array_unref it; element type Period. */
GArray *measures_periods(const Measures *ms, const Measure *m, const char *series);
/* Series with data for a measure: "" (own) first, then comparators. */
/* The month index of the last month any usable row's period covers
 * (any series), or -1 for data without rows. */
int measures_last_month(const Measures *ms);
/* NULL when `series` (NULL or "": own) has figures of `m` in the data or
 * names a unit; else why not, naming the series it has and the nearest
 * ("did you mean"). Caller frees. */
char *measures_series_unknown(const Measures *ms, const Measure *m, const char *series);
guint measures_series_count(const Measures *ms, const Measure *m);
const char *measures_series_name(const Measures *ms, const Measure *m, guint i);

/* ---- names and symbols --------------------------------------------------- */

typedef enum { PERIOD_NAME_LONG, PERIOD_NAME_SHORT, PERIOD_NAME_TEXT, PERIOD_NAME_WORDS } PeriodNameStyle;
/* "November 2012" / "Nov-12" / "2012-11"; "2012/13" for a financial year.
 * WORDS, for titles and prose: as LONG, but quarters by number: "Quarter 2
 * 2024/25" (financial), "Quarter 1 2013" (calendar).
 * NULL if the text is not a period. g_free it. */
char *measures_period_name(const char *period, PeriodNameStyle style);

const char *measure_band_symbol(MeasureBand b);           /* "★", "▲", "" */
const char *measure_band_name(MeasureBand b);             /* "achieved", "not met", "" */
const char *measure_direction_symbol(MeasureDirection d); /* "↗", "↔", "↘", "" */
const char *measure_direction_name(MeasureDirection d);   /* "improved", ... "" */

/* The window a basis gives a period (step 1 above) and the period a
 * direction compares with. */
Period measures_window(const Measure *m, Period p);
Period measures_previous(const Measure *m, Period p);
/* What the direction of a figure for p compares with, in words: "the
 * previous month", "the same quarter last year", "the previous year",
 * "2023/24" (a named period). g_free it. */
char *measures_comparison_name(const Measure *m, Period p);

/* ---- lint (measure_lint.c) ----------------------------------------------- */

/* Every data finding, each naming the data file and line:
 *   errors   - a row's cell problems (non-numeric field, bad period, unknown
 *              ref, a count with a denominator, ...), a percentage above 100
 *              or below 0 (saying numerator and denominator may be swapped),
 *              a zero denominator, a duplicate row, a month missing inside a
 *              rolling, ytd or annual window, a rate with no population;
 *   warnings - a month-to-month change beyond the measure's max-change, a
 *              published figure that disagrees with its raw counts.
 * Rows naming a unit are checked the same way, each unit on its own rows
 * ("CS1 of unit W07: …"), but for the population of a rate, which the
 * unit's view may sum from its children's. */
void measures_lint(const Measures *ms, DiagList *diags);

/* The one policy for a figure that cannot be had, followed by bind and by
 * the request lint alike. optional="yes" covers a known measure with no
 * figure for the period, or a window with months missing: "n/a" is
 * printed, with a warning. Anything else is an error, optional or not: an
 * unknown ref is a spelling mistake (a typo must not turn quietly into
 * "n/a"), a period that does not parse is one too, and a value that
 * cannot be computed is a fault in the data. */
gboolean measures_status_optional(MeasureStatus status);

/* One figure a report asks for, located in the report for messages. */
typedef struct {
  const char *ref;
  const char *series; /* NULL = own */
  const char *period;
  const char *file;   /* the spec's file, line and column */
  int line;
  int col;
  gboolean optional;  /* missing -> warning ("n/a" will be printed) */
} MeasureRequest;

/* Unknown refs, bad periods, periods the data lacks and incomplete windows,
 * at the request's location: errors, or warnings where the request is
 * optional and measures_status_optional allows it. */
void measures_lint_requests(const Measures *ms, const MeasureRequest *reqs, guint n, DiagList *diags);

#endif
