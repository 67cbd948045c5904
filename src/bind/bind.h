/* bind — the measures engine's figures put into the document model.
 *
 * Owns nothing of its own: it writes into the Spec (text of measure runs;
 * scorecards, legends and definition sheets rewritten as tables; a
 * ChartSpec and its description on each chart block; rating summaries and
 * exception reports replaced by the paragraphs, headings, tables and
 * charts they stand for), allocating in the Spec's pool. After bind_spec
 * succeeds, layout sees only text, tables and charts: it never asks the
 * measures engine anything, and no rating-summary or exceptions block is
 * left. It also sets spec->meta.arrow_basis (what the report's arrows compare
 * with, for the words a reader hears).
 *
 * A figure the data lacks is an error at the spec's line and column, or,
 * where the author marked it optional="yes", "n/a" with a warning; an
 * unknown ref is an error even then (measures_status_optional).
 */
#ifndef BOARDPACK_BIND_H
#define BOARDPACK_BIND_H

#include "base/diag.h"
#include "measures/measures.h"
#include "spec/spec.h"

/* `ms` may be NULL when the spec has no <data>: any figure it asks for is
 * then an error. Returns FALSE if an error was added. */
gboolean bind_spec(Spec *spec, const Measures *ms, DiagList *diags);

/* The report's fixed words in the model, from bind_words' table: each
 * label in English and Welsh (meta.labels), and, where the spec left them
 * to the default, the body's heading in the report's language and each
 * annex's label ("Atodiad 2") in the annex's. Part of bind_spec; also for
 * a model made without it (a pack's agenda). */
void bind_spec_labels(Spec *spec);

/* Destination name of a measure's row in the definitions sheet. */
char *bind_definition_dest(const char *ref);

#endif
