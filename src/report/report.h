/* report — the pipeline for one report: spec → measures → bind → layout.
 *
 * Owns: the Spec, the Style, the computed measures (until the spec is
 * bound: then freed) and the LayoutDoc of one report, freed together by
 * report_free. The font map is shared (passed
 * in), because a batch renders many reports with one font set.
 * Timings per stage are recorded for `make bench`.
 */
#ifndef BOARDPACK_REPORT_H
#define BOARDPACK_REPORT_H

#include <pango/pango.h>

#include "base/diag.h"
#include "base/provenance.h"
#include "layout/layout.h"
#include "render/render.h"
#include "spec/spec.h"
#include "layout/style.h"

typedef struct {
  double parse, measures, layout; /* seconds */
} ReportTimings;

/* What a pack (or the command line) changes in a report before it is
 * bound and laid out; every field may be NULL (the spec's own). */
typedef struct {
  const char *period;      /* sets <data period>: relative periods resolve against it */
  const char *agenda_item; /* "5": meta.agenda_item, for the running header */
  const char *dest_prefix; /* "i5-": makes destinations unique in a pack */
  const char *committee;   /* the meeting the report is presented at */
  const char *date;        /* ISO: printed in the report's own language */
  const char *unit;        /* the unit (an id of the data's hierarchy) whose figures the report shows; NULL: the top */
  struct MeasuresMemo *measures_memo; /* the run's (report_memo_new), or NULL: the report loads its own */
} ReportOptions;

/* A memo for a run of reports (a pack's) that shares one load of a
 * catalogue and data file between consecutive reports naming the same
 * files with the same bytes (measures.h, MeasuresMemo: what it keeps and
 * for how long). The caller's: freed with report_memo_free once the
 * reports are built; each report still frees its measures once bound. */
struct MeasuresMemo *report_memo_new(void);
void report_memo_free(struct MeasuresMemo *memo);

typedef struct {
  Spec *spec;
  Style *style;
  GHashTable *styles;        /* annex house styles by layout name */
  struct Measures *measures; /* while binding only: freed once bound (NULL after) */
  struct Measures *view;     /* with units: the report's unit's figures (measure_units.h), as measures */
  PangoContext *ctx;
  LayoutDoc *layout;
  ReportTimings timings;
} Report;

/* Load, lint the data, bind and lay out. With `check_only`, stop before
 * layout.
 * NULL if any error was found (all of them are in `diags`). */
/* The fixed words (bind_spec_labels) of a model made without binding: a
 * pack's agenda. */
void report_spec_labels(Spec *spec);

Report *report_build(const char *path, PangoFontMap *fonts, gboolean check_only, DiagList *diags);
/* The same with overrides (`opts` may be NULL). */
Report *report_build_with(const char *path, PangoFontMap *fonts, const ReportOptions *opts, gboolean check_only,
                          DiagList *diags);
/* Take the LayoutDoc away from the report (a pack merges it into its own);
 * the report must outlive it: pages point at its meta and style. */
LayoutDoc *report_take_layout(Report *report);
/* The report laid out again from its (bound) model: the same pages as the
 * first time. For a pack, which frees each layout once counted. */
LayoutDoc *report_relayout(Report *report, DiagList *diags);
/* The report, built with `check_only` (bound, not laid out), laid out
 * now (its PangoContext made from `fonts` the first time); the layout is
 * the caller's. The time it took is added to timings.layout. */
LayoutDoc *report_layout(Report *report, PangoFontMap *fonts, DiagList *diags);
/* The report, built with `check_only`, laid out for `check`: page by page
 * with nothing kept (layout_document_streamed into a sink that keeps no
 * page), so that what only layout finds (a character no font has, a
 * block that keeps adding pages) is reported with memory flat in the
 * page count. FALSE with the errors in `diags`. */
gboolean report_check_layout(Report *report, PangoFontMap *fonts, DiagList *diags);
/* Its PangoContext made now, if it has none yet (report_layout makes it
 * when first needed): a pack makes every report's before forking the
 * workers that lay them out, so that the context is its own too. */
void report_context(Report *report, PangoFontMap *fonts);
/* The report, built with `check_only`, laid out and written to `path` as
 * a PDF (atomically: outfile.h) with each page put on a tape as it is laid
 * out and drawn from there once the page count is known, so that memory
 * stays flat with the page count (issue 20); its XMP records `provenance`
 * (may be NULL). FALSE with errors in `diags` (layout) or *error
 * (writing). Pages to *n_pages, bytes to *size. Once the pages are on the
 * tape the model's blocks are freed (spec_drop_blocks): only its meta and
 * top-level strings are left, so whatever else reads the model
 * (report_provenance, HTML) comes before. */
gboolean report_write_pdf(Report *report, PangoFontMap *fonts, const Provenance *provenance, const char *path,
                          RenderTimings *timings, guint *n_pages, gsize *size, DiagList *diags, GError **error);
/* Free the report's model (its spec: r->spec becomes NULL), keeping its
 * styles and context, for pages kept elsewhere (a pack's tape) whose meta
 * the caller has copied. Nothing that reads the spec may be called after. */
void report_drop_model(Report *report);
/* Record in `p` the files the report was built from, for its PDF's XMP:
 * spec, catalogue, data, the data of each <changes>, house styles (a
 * named one by its name), images; each read again for its SHA-256.
 * `item`: the pack's agenda item, or NULL. FALSE with *error when one
 * cannot be read. */
gboolean report_provenance(const Report *report, Provenance *p, const char *item, GError **error);
/* "parse 1.2 ms, measures …" on one line, for --timings. */
void report_timings_print(const ReportTimings *t, FILE *out);
void report_free(Report *report);

#endif
