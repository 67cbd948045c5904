/* spec_build — the one set of constructors for a document model made in
 * memory: the parser (spec.c) uses them for what it reads, bind for the
 * tables it makes from the data (scorecards, legend, definitions), and a
 * pack for its agenda.
 *
 * Owns nothing: every block, run array and string is allocated in the
 * Spec's pool and freed by spec_free. Text passed in is copied.
 * What always holds for what these return:
 *   - a block's children array has n_children entries and a NULL after
 *     them; a table cell has colspan 1 unless set otherwise;
 *   - an inline's runs array is never NULL (one zeroed run when empty), so
 *     code may take in.runs without checking n_runs first.
 */
#ifndef BOARDPACK_SPEC_BUILD_H
#define BOARDPACK_SPEC_BUILD_H

#include "spec.h"

/* An empty Spec for `path` (its folder `dir`): pool and owned objects
 * ready, nothing else set. */
Spec *spec_new(const char *path, const char *dir);

/* A zeroed block of `kind` at line:col (0: none). */
SpecBlock *spec_block_new(Spec *spec, SpecBlockKind kind, int line, int col);
/* Install `children` (consumed: the array is freed) as b's children. */
void spec_block_set_children(Spec *spec, SpecBlock *b, GPtrArray *children);

/* Text as one run; NULL or "" gives an empty inline. */
SpecInline spec_inline_new(Spec *spec, const char *text, guint style, const char *href);

/* One run of spec_inline_runs: text (NULL: left out), or a line break. */
typedef struct {
  const char *text;
  guint style; /* SpecRunStyle bits */
  const char *href;
  gboolean br;
  gboolean coloured; /* a text colour of its own (0xRRGGBB) */
  guint32 colour;
  const char *lang; /* a language of its own, as <span lang>; NULL: the block's */
} SpecRunText;
SpecInline spec_inline_runs(Spec *spec, const SpecRunText *runs, guint n);

/* Tables. A cell with its text; a row of `cells` (consumed); columns
 * copied in. */
SpecBlock *spec_cell_new(Spec *spec, SpecInline text, gboolean th, SpecAlign align);
SpecBlock *spec_row_new(Spec *spec, GPtrArray *cells, gboolean head);
void spec_table_set_columns(Spec *spec, SpecBlock *table, const SpecColumn *cols, guint n);

#endif
