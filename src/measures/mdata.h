/* mdata — the measure data file: one row per measure, series and period.
 *
 * Owns: MeasureData, its DataRow entries and the problems found while
 * reading them. Stored compactly, because a data file can hold millions
 * of rows: counts and values as numbers, periods as Periods, and each
 * distinct ref, series, text and note once; the CSV is read one record
 * at a time (see README for what a data size costs).
 * The CSV has a header row naming its columns, in any order, matched
 * ignoring case: ref and period are required; series, numerator,
 * denominator, value, text, band, note, flag, unit, group and target are
 * optional. target is a rag measure's target for the row's period
 * (rating.h); a row may give a target and nothing else. flag holds
 * flag words (or their marks) separated by ";". A row is either
 *   - raw counts: numerator (and denominator, except for counts) for the
 *     months of its own period, which the engine sums over windows; or
 *   - a published figure: value (a number as published, e.g. "5.54") or
 *     text (published wording, e.g. "n/a"), already on the measure's basis
 *     for that period, with an optional published band (achieved / not met,
 *     or the symbols);
 *   - or no figure at all, flagged "not yet available".
 * series is empty for the authority's own figures, else a comparator or
 * breakdown name ("England", "Police"). unit is empty for the top unit,
 * else an organisational unit's id (hierarchy.h): such rows are kept for
 * lint but not indexed here; a view (measure_units.h) of one unit holds
 * them. group names the comparator group a series belongs to
 * ("Statistical neighbours"), for ranks (measure_rank.h).
 * Invariants: a row with `usable` set has a known measure, a valid period
 * and numbers that parsed; rows with any field problem are kept (for
 * duplicate and line reporting) but not usable, and their problems sit in
 * mdata_problems() for measures_lint to report. Loading fails (NULL) only
 * when the file cannot be read as CSV or its header is wrong.
 */
#ifndef BOARDPACK_MDATA_H
#define BOARDPACK_MDATA_H

#include "catalogue.h"
#include "csv.h"
#include "base/period.h"

/* Data-quality flags of a figure (the CSV's flag column), each shown as a
 * mark after the figure in the government statistics shorthand and
 * explained in the legend. A figure built from several rows carries the
 * flags of all of them. SUPPRESSED is not read from the data: the engine
 * sets it for small numbers (the measure's suppress-below). */
typedef enum {
  FLAG_PROVISIONAL = 1 << 0,        /* [p] */
  FLAG_REVISED = 1 << 1,            /* [r] */
  FLAG_ESTIMATED = 1 << 2,          /* [e] */
  FLAG_NOT_AVAILABLE = 1 << 3,      /* [x] not yet available: the row may have no figure */
  FLAG_DEFINITION_CHANGED = 1 << 4, /* [b] a break in the series */
  FLAG_SUPPRESSED = 1 << 5,         /* [c] a small number, not shown */
} MeasureFlag;
#define MEASURE_FLAG_COUNT 6
#define MEASURE_FLAG_SUPPRESSED_INDEX 5 /* FLAG_SUPPRESSED == 1 << 5 */

/* The i-th flag's mark ("[p]"), word in the CSV ("provisional") and
 * meaning for the legend; i < MEASURE_FLAG_COUNT. */
const char *measure_flag_mark(guint i);
const char *measure_flag_word(guint i);
const char *measure_flag_meaning(guint i);
/* " [p] [r]": the marks of `flags`, each after a space; "" when none. g_free it. */
char *measure_flags_marks(guint flags);
/* "85.4 [p]", "[c]": a figure's text followed by its data-quality marks. g_free it. */
char *measure_with_marks(const char *text, guint flags);

typedef struct {
  const Measure *measure; /* NULL when the ref is unknown */
  const char *ref;    /* strings owned by the MeasureData, each distinct one once */
  const char *series; /* "" = the authority's own */
  const char *text;   /* published wording, or NULL */
  const char *note;   /* "" when none */
  const char *unit;   /* "" = the top unit (or no hierarchy); in a view always "" */
  const char *group;  /* the comparator group of the row's series, "" when none */
  gint64 num, den;
  Ratio value;        /* published number */
  Period period;
  int value_decimals; /* as written */
  int line;
  int col_ref, col_period, col_num, col_den, col_value, col_unit;
  MeasureBand band;   /* published band, BAND_NONE if not given */
  guint flags : MEASURE_FLAG_COUNT; /* MeasureFlag bits from the flag column (a bit field: rows are many) */
  guint raw : 1;      /* numerator/denominator row, else published */
  guint has_den : 1;
  guint has_value : 1;
  guint usable : 1;
} DataRow;

typedef struct MeasureData MeasureData;

MeasureData *mdata_load(const char *path, const Catalogue *cat, DiagList *diags);
MeasureData *mdata_parse(const char *name, const char *buf, gsize len, const Catalogue *cat, DiagList *diags);
void mdata_free(MeasureData *md);

const char *mdata_file(const MeasureData *md);
guint mdata_count(const MeasureData *md);
const DataRow *mdata_row(const MeasureData *md, guint i);
/* Row-level problems found while reading, in file order. */
const DiagList *mdata_problems(const MeasureData *md);

/* How many rows name a unit (and the first one's line): those rows are
 * only seen through views. */
guint mdata_unit_rows(const MeasureData *md, int *first_line);
/* A view: an empty MeasureData that rows of `base` (which must outlive
 * it) are copied into, as the own figures of one unit (unit ""), under
 * `series` (NULL: the row's own), and indexed like a file's rows. */
MeasureData *mdata_view_new(const MeasureData *base);
void mdata_view_add(MeasureData *view, const DataRow *row, const char *series);

/* Usable rows of one measure and series, in file order (never NULL). */
const GPtrArray *mdata_rows_for(const MeasureData *md, const Measure *m, const char *series);
/* Series with usable rows for a measure: the authority's own ("") first if
 * present, then others in order of first appearance. */
guint mdata_series_count(const MeasureData *md, const Measure *m);
const char *mdata_series_name(const MeasureData *md, const Measure *m, guint i);

/* The first usable published row whose period, turned into a window by
 * the measure's basis, covers exactly months [start, start+months). The
 * window function is given by the caller (the engine owns basis rules). */
typedef Period (*MdataWindowFn)(const Measure *m, Period p);
const DataRow *mdata_find_published(const MeasureData *md, const Measure *m, const char *series, Period window,
                                    MdataWindowFn window_of);
/* The targets the data's target column gives for a measure (own figures
 * only; rating.h): each for its row's period, in file order; *n of them
 * (NULL when none). */
const RatingTarget *mdata_targets_for(const MeasureData *md, const Measure *m, guint *n);

/* The first usable raw row whose own period covers exactly `window`. */
const DataRow *mdata_find_raw(const MeasureData *md, const Measure *m, const char *series, Period window);

#endif
