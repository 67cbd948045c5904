/* spec_override — what a board pack or the command line may change in a
 * loaded Spec before it is bound to its data and laid out.
 *
 * Owns nothing: it rewrites fields of a Spec, allocating in its pool.
 *
 * Relative periods. Anywhere a spec names a period (<value period>,
 * <change from/to>, scorecard columns, chart <periods> and series) it may
 * write it relative to the report's period, the one <data period="…"/>
 * gives (or a pack or --period sets):
 *     P       the report's period
 *     P-N     N periods of the same kind before it (P-1: the month before
 *             a monthly P; P-12: the same month a year earlier)
 *     P+N     N periods after it
 * spec_periods_resolve turns every such reference into the absolute period
 * it stands for, so that bind and the measures engine only ever see
 * absolute periods. This is what lets one covering report serve every
 * month of a year: the pack (or --period) changes P and nothing else.
 */
#ifndef BOARDPACK_SPEC_OVERRIDE_H
#define BOARDPACK_SPEC_OVERRIDE_H

#include "base/period.h"
#include "spec.h"

/* Set <data period> (NULL leaves the spec's own), then resolve every
 * relative period reference against it. A relative reference with no
 * period to resolve against, or a period that does not parse, is an error
 * at the reference. Returns FALSE if an error was added. */
gboolean spec_periods_resolve(Spec *spec, const char *period, DiagList *diags);

/* The report is presented at another meeting: its committee and date
 * (ISO YYYY-MM-DD, already checked), printed in the report's language. */
void spec_set_meeting(Spec *spec, const char *committee, const char *date);

/* Resolve one period text against `base`: a copy of `text` when it is not
 * relative, else the canonical text of the period it names. NULL (with
 * *why to g_free) when it is relative and cannot be resolved. */
char *spec_period_relative(const char *text, const Period *base, char **why);

#endif
