/* report — the pipeline for one report: spec → measures → bind → layout.
 *
 * Owns: the Spec, the Style, the computed measures and the LayoutDoc of one
 * report, freed together by report_free. The font map is shared (passed
 * in), because a batch renders many reports with one font set.
 * Timings per stage are recorded for `make bench`.
 */
#ifndef BOARDPACK_REPORT_H
#define BOARDPACK_REPORT_H

#include <pango/pango.h>

#include "diag.h"
#include "layout.h"
#include "spec.h"
#include "style.h"

typedef struct {
  double parse, measures, layout; /* seconds */
} ReportTimings;

typedef struct {
  Spec *spec;
  Style *style;
  GHashTable *styles;        /* annex house styles by layout name */
  struct Measures *measures; /* NULL when the spec has no <data> */
  PangoContext *ctx;
  LayoutDoc *layout;
  ReportTimings timings;
} Report;

/* Load, lint the data, bind and lay out. With `check_only`, stop before
 * layout.
 * NULL if any error was found (all of them are in `diags`). */
Report *report_build(const char *path, PangoFontMap *fonts, gboolean check_only, DiagList *diags);
void report_free(Report *report);

#endif
