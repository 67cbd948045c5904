/* spec internals: the parser state and helpers shared by spec.c and the
 * readers of larger blocks (spec_table.c). */
#ifndef BOARDPACK_SPEC_INTERNAL_H
#define BOARDPACK_SPEC_INTERNAL_H

#include "spec.h"
#include "spec_build.h"
#include "base/xmlsrc.h"

typedef struct {
  Spec *spec;
  XmlSource *src;
  DiagList *diags;
  int list_depth;  /* of the list being read */
  int footnotes;   /* footnotes read so far: they are numbered through the report */
} Parser;

/* Take ownership of a g_malloc'd string into the spec's pool. */
const char *pool_take(Spec *spec, char *s);
/* A block at `node` (its line, column and id), or at no place when NULL;
 * spec_build.h has the rest of the constructors. */
SpecBlock *block_new(Parser *p, SpecBlockKind kind, xmlNode *node);
SpecInline inline_read(Parser *p, xmlNode *node);
SpecBlock *paragraph_read(Parser *p, xmlNode *n);
/* A column width attribute ("30mm", "25%", "2*", "auto") into col's width
 * and value; col is left as it is when the attribute is absent. */
void spec_column_width_read(xmlNode *n, const char *attr, SpecColumn *col);

SpecBlock *spec_table_read(Parser *p, xmlNode *n);
SpecBlock *spec_scorecard_read(Parser *p, xmlNode *n);
SpecBlock *spec_chart_read(Parser *p, xmlNode *n);
SpecBlock *spec_definitions_read(Parser *p, xmlNode *n);
/* <rating-summary> or <exceptions> (kind), with its <commentary>. */
SpecBlock *spec_rating_read(Parser *p, xmlNode *n, SpecBlockKind kind);
SpecBlock *spec_heat_map_read(Parser *p, xmlNode *n);
SpecBlock *spec_changes_read(Parser *p, xmlNode *n);
void spec_xrefs_resolve(Parser *p);

#endif
