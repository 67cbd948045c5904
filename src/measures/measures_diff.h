/* measures_diff — what changed between two readings of a catalogue's
 * figures: last month's data file and this month's, or two periods of one
 * file. The one comparison behind `boardpack diff` (text) and a report's
 * <changes> block (a table built by bind), so both always agree.
 *
 * Owns: the MeasureChange list it returns (g_ptr_array_unref frees it).
 * What "then" and "now" are, per measure of the new catalogue (the
 * authority's own figures):
 *   now   the figure for `period`, else NEW's latest period;
 *   then  the figure for `against`, else, with two files, OLD's latest
 *         period, and with one file the period of the same kind just
 *         before now's (period_prev).
 * A measure is listed once for then→now, under the first kind that
 * applies: its rating changed, both rated (RATING: achieved <-> not met,
 * or green / amber / red), else its direction of travel is another
 * (DIRECTION), else its figure is another (VALUE). With two files, every
 * past period both hold but give differently is REVISED (one entry per
 * period), and a measure whose target differs between the two catalogues
 * is TARGET: its minimum standard (min/max), or, rated rag, the <target>
 * that holds for now's period. Figures are compared as
 * displayed: what a reader would see change.
 * Order, always: kind (RATING, REVISED, DIRECTION, VALUE, TARGET), then
 * catalogue order, then period order. The list holds only changes; it is
 * empty when nothing changed. A figure's text has its unit in the language
 * asked for (`welsh`: "20.0 fesul 100,000", a target "≥ 20 fesul
 * 100,000"), the same figure either way. Pure: no I/O, no locale. */
#ifndef BOARDPACK_MEASURES_DIFF_H
#define BOARDPACK_MEASURES_DIFF_H

#include "measures.h"

typedef enum {
  MEASURE_CHANGE_RATING,    /* achieved <-> not met, green / amber / red */
  MEASURE_CHANGE_REVISED,   /* a past figure revised after publication */
  MEASURE_CHANGE_DIRECTION, /* improved / maintained / deteriorated is another */
  MEASURE_CHANGE_VALUE,     /* the figure is another */
  MEASURE_CHANGE_TARGET,    /* the minimum standard or the period's target moved */
  MEASURE_CHANGE_KINDS
} MeasureChangeKind;

/* A figure as a reader sees it. */
typedef struct {
  char *text;                 /* "84.1%", "4,700", "n/a" (with its unit, in the language asked for) */
  RatingLevel level;          /* its rating, by the measure's scheme (rating.h) */
  MeasureDirection direction;
  Period period;
} MeasureFigure;

typedef struct {
  MeasureChangeKind kind;
  const Measure *measure; /* the new catalogue's */
  /* RATING, DIRECTION, VALUE: then and now; REVISED: the one period as
   * first published (from) and as now given (to); TARGET: text is the
   * standard ("≥ 80%", "≤ 5%", "80%–90%") or the rag target ("85%"),
   * NULL when there was none */
  MeasureFigure from, to;
} MeasureChange;

/* `then_data` NULL: one data file, `now` holds both periods. `period`,
 * `against` NULL: as above. */
GPtrArray *measures_diff(const Measures *then_data, const Measures *now, const Period *period, const Period *against,
                         gboolean welsh);

/* "≥ 80%", "≤ 5 per 1,000", "80%–90%" ("≤ 5 fesul 1,000" when `welsh`);
 * NULL when the measure has none. g_free it. */
char *measures_standard_text(const Measure *m, gboolean welsh);

#endif
