/* bind internals, shared by bind.c and bind_chart.c. */
#ifndef BOARDPACK_BIND_INTERNAL_H
#define BOARDPACK_BIND_INTERNAL_H

#include "bind.h"
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
} BindContext;

/* "85.4 [p]", "[c]": a figure's text followed by its data-quality marks. */
char *bind_with_marks(const char *text, guint flags);

void bind_chart(BindContext *bc, SpecBlock *b);
/* A table cell holding a sparkline of `ref` over the `n` months ending
 * with `last_period`. */
SpecBlock *bind_sparkline_cell(BindContext *bc, const char *ref, const char *last_period, int n);

/* bind_direction.c: what the arrows compare with. */
void bind_direction_used(BindContext *bc, const Measure *m);
char *bind_direction_heading(const BindContext *bc);
char *bind_direction_words(const MeasureResult *r);
typedef struct {
  GPtrArray *groups; /* rows by what their arrow compares with */
  char *last;        /* the compared column's period, short name */
} DirectionNote;
void bind_direction_note_init(DirectionNote *n);
void bind_direction_note_add(DirectionNote *n, const MeasureResult *r);
/* The note's paragraph (NULL if no row had a figure); frees the note. */
SpecBlock *bind_direction_note_block(BindContext *bc, DirectionNote *n);
/* An error at `row` when the last two own columns (`before`, `last`)
 * move against the arrow and the compared period is not shown. */
void bind_direction_check_columns(BindContext *bc, const SpecBlock *row, const SpecDataBlock *d,
                                  const MeasureResult *before, const MeasureResult *last);

#endif
