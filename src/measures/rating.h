/* rating — how a figure is judged: the rating scheme, the targets and the
 * rating of one figure, and the words and shapes that say it.
 *
 * Owns: RatingTarget (a measure's targets, read from the catalogue), the
 * Rating of one figure, and the one table of symbols and their words
 * (rating and direction glyphs) that bind, render, html and the legend all
 * read.
 *
 * Schemes (the catalogue's rating=, overridable per <measure rating=>):
 *   standard  met / did not meet the minimum standard (<standard min max>):
 *             achieved iff min <= v <= max; ★ / ▲. A published band in the
 *             data wins. Without a standard: no target (data only).
 *   rag       against the target for the period (<target>): with polarity
 *             BB, green iff v >= t, amber iff t - tolerance <= v < t, red
 *             below; SB the mirror image. ● green, ◆ amber, ✖ red.
 * v is the figure rounded as displayed, and so is a profiled target, so
 * the shape always agrees with the printed figures.
 * Statuses outside the scale: no target (data only: no standard, or no
 * <target> for the period), not yet available (a target but no number:
 * published wording, a suppressed or flagged [x] figure); and a rated
 * figure that is provisional ([p]) keeps its level but says so.
 *
 * Targets: a <target> without period= holds for every period; one with a
 * period holds for the periods whose last month it contains, the shortest
 * such period winning (a quarter's target over its year's). A target in
 * the data (its target column) wins over the catalogue's for the periods
 * ending inside its row's period, with the tolerance of the catalogue's
 * target for that period (0 without one). For a
 * year-to-date count or rate (a figure that grows through the year) the
 * target is the year's and is profiled: in month k of the year the target
 * is value * profile(k), straight-line (k/12) by default, or the given
 * cumulative percentages per month (12) or per quarter (4, months between
 * quarter ends by straight line); profile="flat" rates against the whole
 * year's target every month. Other measures use the target as it is.
 * Invariants (checked by catalogue_load): tolerance >= 0; a rag measure
 * with a target has polarity BB or SB; a profile's numbers never fall and
 * end at 100.
 */
#ifndef BOARDPACK_RATING_H
#define BOARDPACK_RATING_H

#include <glib.h>

#include "base/period.h"
#include "ratio.h"

typedef enum { RATING_SCHEME_STANDARD, RATING_SCHEME_RAG } RatingScheme;

typedef enum {
  RATING_NO_TARGET,     /* data only: nothing to judge against */
  RATING_NOT_AVAILABLE, /* a target, but no number to judge */
  RATING_ACHIEVED,      /* standard: met the minimum standard */
  RATING_NOT_MET,
  RATING_GREEN,         /* rag */
  RATING_AMBER,
  RATING_RED,
} RatingLevel;
#define RATING_LEVEL_COUNT 7

typedef enum { PROFILE_STRAIGHT, PROFILE_FLAT, PROFILE_GIVEN } RatingProfileKind;

typedef struct {
  gboolean has_period;
  Period period;       /* the periods it holds for (their last month inside) */
  Ratio value;
  Ratio tolerance;     /* amber band, in the measure's unit; 0 = none */
  RatingProfileKind profile;
  int n_profile;       /* PROFILE_GIVEN: 12 (months) or 4 (quarters) */
  Ratio profile_pct[12]; /* cumulative % of the year's target */
  int line;
} RatingTarget;

/* The kinds of standard a rating (or a legend's ratings) was judged
 * against: a bit set, so that a legend names what its rows were rated on
 * (a smaller-is-better maximum is not "exceeded"). */
typedef enum { RATING_STANDARD_MIN = 1, RATING_STANDARD_MAX = 2 } RatingStandards;

/* What a measure is judged with: borrowed from its Measure. */
typedef struct {
  RatingScheme scheme;
  int polarity;        /* MeasurePolarity: 0 none, 1 BB, 2 SB */
  gboolean cumulative; /* ytd count or rate: targets are profiled */
  int year_start;      /* first month of its year */
  int decimals;        /* places its figures are shown with */
  gboolean has_min, has_max;
  Ratio min, max;      /* standard */
  const RatingTarget *targets;
  guint n_targets;
  const RatingTarget *data_targets; /* from the data's target column: these win */
  guint n_data_targets;
} RatingRule;

typedef struct {
  RatingScheme scheme;
  RatingLevel level;
  gboolean provisional; /* rated on a provisional figure */
  gboolean has_target;  /* rag: target (and tolerance) below are set */
  Ratio target;         /* for this period: profiled, rounded as displayed */
  Ratio tolerance;
  gboolean profiled;    /* target is a share of the year's */
  Ratio annual_target;  /* profiled: the year's */
  RatingStandards standards; /* standard scheme: the kinds of standard it was judged against */
} Rating;

/* The target for a figure whose window ends at month index `end_month`, or
 * FALSE when none holds (then *out is untouched). */
gboolean rating_target_for(const RatingRule *rule, int end_month, Ratio *target, Ratio *tolerance, gboolean *profiled,
                           Ratio *annual);

/* Rate a number. `published_level` is a band published in the data
 * (RATING_ACHIEVED / RATING_NOT_MET) or RATING_NO_TARGET. `numeric` FALSE:
 * the figure is wording or suppressed. */
Rating rating_judge(const RatingRule *rule, gboolean numeric, Ratio value, int value_decimals, int end_month,
                    gboolean provisional, RatingLevel published_level);

/* Whether the level is on the scale (a shape to show, a count in a summary). */
gboolean rating_is_rated(RatingLevel l);
/* Green or achieved. */
gboolean rating_on_target(RatingLevel l);

/* ---- words and shapes ---------------------------------------------------- */

/* "●", "◆", "✖", "★", "▲"; "" off the scale. */
const char *rating_symbol(RatingLevel l);
/* The colour a rating's shape is drawn in (0xRRGGBB; each at least 4:1
 * against white, and never the only carrier); 0 off the scale. */
guint32 rating_colour(RatingLevel l);
/* The background a table cell of that rating may have (a heat map's):
 * rating_colour mixed with white, light enough that black text on it has
 * a contrast of at least 4.5:1 (WCAG AA) and the shape in its colour at
 * least 3:1; FALSE off the scale. The tints differ little in greyscale:
 * the shape and the words carry the rating, the tint only helps the eye. */
gboolean rating_fill(RatingLevel l, guint32 *rgb);
/* "green", "amber", "red", "achieved", "not met", "no target", "not yet
 * available"; in Welsh when `welsh`. */
const char *rating_name(RatingLevel l, gboolean welsh);
/* The legend's line for a level, in the seed's words for the standard
 * scheme rated on minimums ("Achieved or exceeded minimum standard"), in
 * words for maximums or both when `standards` (RatingStandards bits) says
 * those were shown. */
const char *rating_legend_words(RatingLevel l, guint standards, gboolean welsh);
/* A target or tolerance as the words print it: no more places than it
 * needs, at most `decimals`, with its unit ("85%", "1,200"). g_free it. */
char *rating_number(Ratio v, int decimals, const char *unit);
/* "amber: within 5% of the 85% target", "green: meets the 1,200 target
 * for the year to date (of 2,400 for the year)", "red: misses the 85%
 * target by more than 5%", "achieved the minimum standard", "no target";
 * "(provisional)" added when provisional. `unit` after each number as
 * figures are written ("%" close up). g_free it. */
char *rating_words(const Rating *r, const char *unit, int decimals, gboolean welsh);

/* The direction basis a glyph's words name (MeasureComparison values), or
 * SYMBOL_BASIS_UNKNOWN when the words must not name one. */
#define SYMBOL_BASIS_UNKNOWN (-1)
/* What a symbol means, for a listener or a reader who cannot see it:
 * "green: on target", "improved since the same period last year". NULL
 * when `ch` is none of the symbols measures prints. */
const char *measure_symbol_words(gunichar ch, int basis, gboolean welsh);
/* Whether [text, text+len) holds any of those symbols. */
gboolean measure_symbols_any(const char *text, int len);
/* The text with each symbol replaced by its words, or NULL if it has none
 * (a render's ActualText, an HTML page's hidden words). g_free it. */
char *measure_symbols_spoken(const char *text, int len, int basis, gboolean welsh);

/* ---- exception rules ----------------------------------------------------- */

typedef enum { EXCEPTION_RED, EXCEPTION_RED_OR_AMBER, EXCEPTION_RED_TWICE } ExceptionRule;

/* Whether the latest of `n` levels, oldest first, is an exception under
 * `rule`: red (or not met); red or amber; red for two periods running and
 * not back on target (green or achieved) since. A gap (not rated) neither
 * starts nor ends a red-twice run but breaks "running". */
gboolean rating_rule_selects(ExceptionRule rule, const RatingLevel *history, guint n);
const char *rating_rule_name(ExceptionRule rule); /* "red", "red-or-amber", "red-twice" */

#endif
