/* measure_rank — where a figure stands among others: "3rd of 11".
 *
 * Owns nothing. Figures are ranked best first by the measure's polarity
 * (BB: the highest is 1st; SB: the lowest), compared as rounded to the
 * measure's decimals, so two figures printed alike are joint, as a reader
 * would expect. Ties share the better rank and the next rank skips
 * (standard competition ranking: 1st, joint 2nd, joint 2nd, 4th). A
 * measure without polarity has no rank (higher is neither better nor
 * worse). Only figures the data has for the period are ranked: "of 11"
 * counts those, the report's own included.
 * Who is ranked: the series of a comparator group (the data's group
 * column) with the report's own figure, or the units of one level of the
 * hierarchy (each unit's own or summed figure, measure_units.h).
 */
#ifndef BOARDPACK_MEASURE_RANK_H
#define BOARDPACK_MEASURE_RANK_H

#include "measure_units.h"

typedef struct {
  guint rank;     /* 1 = best */
  guint of;       /* figures ranked */
  gboolean joint; /* another figure ranked equal */
} MeasureRank;

/* The rank of values[self] among values[0..n). FALSE if the polarity is
 * none or a value cannot be rounded. */
gboolean measures_rank_among(const Ratio *values, guint n, guint self, MeasurePolarity pol, int decimals,
                             MeasureRank *out);

/* The series of m in comparator group `group` (the data's group column),
 * in the data's order. g_ptr_array_unref it; elements borrowed. */
GPtrArray *measures_group_series(const Measures *ms, const Measure *m, const char *group);

/* The own figure of ms for m in period p ranked within `group`, or (when
 * `level` is non-NULL) ms's unit ranked among the units of that level.
 * FALSE with *why (g_free it) when it cannot be ranked. */
gboolean measures_rank(const Measures *ms, const Measure *m, const char *group, const UnitLevel *level, Period p,
                       MeasureRank *out, char **why);

/* "3rd of 11", "joint 3rd of 11"; in Welsh "3ydd o 11", "cydradd 3ydd o
 * 11". g_free it. */
char *measures_rank_text(const MeasureRank *r, gboolean welsh);
/* The quartile a rank falls in, 1 (top) to 4 (bottom), from its place
 * between the first (0) and the last (1) of those ranked, (rank - 1) /
 * (of - 1), cut at quarters: of 11, the 1st to 3rd are top, the 4th and
 * 5th second, the 6th to 8th third, the 9th to 11th bottom; the only one
 * ranked is top. */
guint measures_rank_quartile(const MeasureRank *r);
/* "3rd of 11 (second quartile)", "3ydd o 11 (ail chwartel)". g_free it. */
char *measures_rank_text_quartile(const MeasureRank *r, gboolean welsh);
/* "1st", "2nd", "3rd", "11th", "22nd"; in Welsh "1af", "2il", "3ydd",
 * "11eg", "22ain" (see measure_rank.c for the forms). g_free it. */
char *measures_ordinal(guint n, gboolean welsh);

#endif
