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
} BindContext;


void bind_chart(BindContext *bc, SpecBlock *b);
/* A table cell holding a sparkline of `ref` over the `n` months ending
 * with `last_period`. */
SpecBlock *bind_sparkline_cell(BindContext *bc, const char *ref, const char *last_period, int n);

#endif
