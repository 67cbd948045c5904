/* spec_override — see spec_override.h.
 *
 * spec_walk brings every block, wherever it sits (front sheet, body,
 * annexes); block_resolve visits every place a block holds a period text:
 * measure runs in its inline text (paragraphs, list items, headings,
 * cells, captions), scorecard columns, chart periods and chart series. A
 * new field of SpecBlock that holds a period must be added to
 * block_resolve, or a relative period there would reach the measures
 * engine unresolved (it would then be reported as a period that does not
 * parse, never silently misread). */
#include "spec_override.h"

#include "base/isodate.h"

typedef struct {
  Spec *spec;
  Period base;
  gboolean have_base;
  DiagList *diags;
} Resolver;

char *spec_period_relative(const char *text, const Period *base, char **why) {
  if (!period_is_relative(text)) return g_strdup(text);
  long steps = 0;
  if (!period_relative_steps(text, &steps, why)) return NULL;
  Period p;
  if (!base) {
    if (why) *why = g_strdup_printf("'%s' is relative to the report's period, but there is none: give "
                                    "<data period=\"…\"/>, a pack period or --period", text);
    return NULL;
  }
  if (!period_step(*base, steps, &p)) {
    if (why) *why = g_strdup_printf("'%s' falls outside the years %d to %d", text, PERIOD_MIN_YEAR, PERIOD_MAX_YEAR);
    return NULL;
  }
  return period_text(p);
}

/* Rewrite *slot in place when it holds a relative period. */
static void resolve_slot(Resolver *r, const char **slot, int line, int col) {
  if (!*slot || !period_is_relative(*slot)) return;
  char *why = NULL;
  char *abs = spec_period_relative(*slot, r->have_base ? &r->base : NULL, &why);
  if (!abs) {
    diag_error(r->diags, r->spec->path, line, col, "%s", why);
    g_free(why);
    return;
  }
  *slot = spec_strdup(r->spec, abs);
  g_free(abs);
}

static void inline_resolve(Resolver *r, const SpecInline *in) {
  for (guint i = 0; i < in->n_runs; i++) {
    SpecRun *run = &in->runs[i];
    if (run->kind != RUN_MEASURE) continue;
    resolve_slot(r, &run->measure.period, run->line, run->col);
    resolve_slot(r, &run->measure.from, run->line, run->col);
    resolve_slot(r, &run->measure.to, run->line, run->col);
  }
}

static void refs_resolve(Resolver *r, SpecDataRef *refs, guint n) {
  for (guint i = 0; i < n; i++) resolve_slot(r, &refs[i].period, refs[i].line, refs[i].col);
}

static void data_resolve(Resolver *r, const SpecBlock *b) {
  SpecDataBlock *d = b->data;
  refs_resolve(r, d->columns, d->n_columns);
  refs_resolve(r, d->categories, d->n_categories);
  refs_resolve(r, d->series, d->n_series);
  for (guint i = 0; i < d->n_periods; i++) resolve_slot(r, &d->periods[i], b->line, b->col);
  resolve_slot(r, &d->period, b->line, b->col); /* a heat map's, a rating summary's, an exception report's */
}

static SpecWalkStep block_resolve(SpecBlock *b, gpointer data) {
  Resolver *r = data;
  inline_resolve(r, &b->text);
  if (b->data) data_resolve(r, b);
  resolve_slot(r, &b->commentary_period, b->line, b->col); /* <commentary period="P-1"> */
  return SPEC_WALK_CHILDREN;
}

gboolean spec_periods_resolve(Spec *spec, const char *period, DiagList *diags) {
  DiagMark mark = diag_mark(diags);
  Resolver r = {.spec = spec, .diags = diags};
  if (period && (!spec->data.period || strcmp(period, spec->data.period) != 0)) {
    spec->data.own_period = spec->data.period ? spec->data.period : ""; /* "": the spec gave none */
    spec->data.period = spec_strdup(spec, period);
  }
  if (spec->data.period) {
    char *why = NULL;
    r.have_base = period_parse(spec->data.period, &r.base, &why);
    if (!r.have_base) {
      /* a period from the pack or the command line is not this file's */
      diag_error(diags, spec->path, spec->data.line, spec->data.col, "the report's period%s: %s",
                 spec->data.own_period ? " (set by the pack or --period)" : "", why);
      g_free(why);
      return FALSE;
    }
  }
  spec_walk(spec, block_resolve, &r);
  return !diag_errors_since(diags, mark);
}

void spec_set_meeting(Spec *spec, const char *committee, const char *date) {
  if (committee) spec->meta.committee = spec_strdup(spec, committee);
  IsoDate d;
  if (!date || !isodate_parse(date, &d, NULL)) return;
  spec->meta.date = spec_strdup(spec, date);
  /* in the report's own language: a Welsh report in an English pack says "Tachwedd" */
  char *date_long = isodate_long(d, spec_lang_is_welsh(spec->lang));
  spec->meta.date_long = spec_strdup(spec, date_long);
  g_free(date_long);
}
