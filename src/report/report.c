/* report — see report.h. */
#include "report.h"

#include "bind/bind.h"
#include "base/fonts.h"
#include "base/outfile.h"
#include "measures/measure_units.h"
#include "spec/spec_override.h"

static double seconds_since(gint64 start) { return (double)(g_get_monotonic_time() - start) / 1e6; }

void report_free(Report *r) {
  if (!r) return;
  layout_doc_free(r->layout);
  if (r->ctx) g_object_unref(r->ctx);
  style_free(r->style);
  if (r->styles) g_hash_table_destroy(r->styles);
  measures_free(r->view);
  measures_free(r->measures);
  spec_free(r->spec);
  g_free(r);
}

/* The house styles annexes ask for, each loaded once. */
static void annex_styles_load(Report *r, DiagList *diags) {
  r->styles = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, (GDestroyNotify)style_free);
  for (guint i = 0; i < r->spec->n_annexes; i++) {
    const char *name = r->spec->annexes[i]->layout;
    if (!name || g_hash_table_contains(r->styles, name)) continue;
    Style *st = style_load(name, diags);
    if (st) g_hash_table_insert(r->styles, (gpointer)name, st);
  }
}

/* Before bind: the pack's meeting, agenda item and period. */
/* The pack's number for the item, where the report gave another: said,
 * since the number printed is not the one its author wrote. */
static void agenda_item_apply(Spec *spec, const char *label, DiagList *diags) {
  const char *own = spec->meta.agenda_item;
  gsize digits = strspn(label, "0123456789");
  if (own && *own && (strlen(own) != digits || strncmp(own, label, digits) != 0))
    diag_warning(diags, spec->path, 0, 0,
                 "the report says <agenda-item>%s</agenda-item>, but the pack lists it as item %.*s, which is printed",
                 own, (int)(digits ? digits : strlen(label)), label);
  spec->meta.agenda_item = spec_strdup(spec, label);
}

static void options_apply(Spec *spec, const ReportOptions *o, DiagList *diags) {
  if (o && o->agenda_item) agenda_item_apply(spec, o->agenda_item, diags);
  if (o && o->dest_prefix) spec->dest_prefix = spec_strdup(spec, o->dest_prefix);
  if (o) spec_set_meeting(spec, o->committee, o->date);
  spec_periods_resolve(spec, o ? o->period : NULL, diags);
}

/* ---- <changes against="…">: the earlier data, loaded for bind only ---------- */

typedef struct {
  Spec *spec;
  const Unit *unit;  /* the report's unit (a view's), or NULL: the earlier data is read for it too */
  GPtrArray *loaded; /* Measures*, freed once bound (a unit's view before the data it was made from) */
  GPtrArray *blocks; /* SpecDataBlock* pointing at them, cleared then */
  DiagList *diags;
  gboolean failed;
} EarlierLoad;

static SpecWalkStep earlier_load(SpecBlock *b, gpointer data) {
  EarlierLoad *e = data;
  if (b->kind != BLOCK_CHANGES || !b->data->against) return SPEC_WALK_CHILDREN;
  const char *cat = b->data->against_catalogue ? b->data->against_catalogue : e->spec->data.catalogue;
  if (!cat) return SPEC_WALK_SKIP; /* bind says the report needs <data> */
  Measures *ms = measures_load(cat, b->data->against, e->diags);
  Measures *earlier = ms;
  if (ms && e->unit) { /* the unit's figures then, as its report shows them now: the same hierarchy */
    Hierarchy *h = hierarchy_load(e->spec->data.units, e->diags);
    gboolean ok = h && measures_set_hierarchy(ms, h, e->diags); /* ms owns h once given it */
    const Unit *u = ok ? hierarchy_lookup(h, e->unit->id) : NULL;
    earlier = u ? measures_unit_view(ms, u) : NULL;
    if (earlier) g_ptr_array_add(e->loaded, earlier);
    else measures_free(ms), ms = NULL;
  }
  if (!earlier) e->failed = TRUE;
  else if (ms) g_ptr_array_add(e->loaded, ms);
  b->data->earlier = earlier;
  g_ptr_array_add(e->blocks, b->data);
  return SPEC_WALK_SKIP;
}

/* Bind, with every <changes> block's earlier data loaded for it and freed
 * after: like the report's own data, none of it outlives binding. */
static gboolean report_bind(Report *r, DiagList *diags) {
  EarlierLoad e = {.spec = r->spec, .unit = r->view ? measures_unit(r->view) : NULL,
                   .loaded = g_ptr_array_new_with_free_func((GDestroyNotify)measures_free),
                   .blocks = g_ptr_array_new(), .diags = diags};
  spec_walk(r->spec, earlier_load, &e);
  gboolean ok = !e.failed && bind_spec(r->spec, r->view ? r->view : r->measures, diags);
  for (guint i = 0; i < e.blocks->len; i++) ((SpecDataBlock *)g_ptr_array_index(e.blocks, i))->earlier = NULL;
  g_ptr_array_free(e.blocks, TRUE);
  g_ptr_array_free(e.loaded, TRUE);
  return ok;
}

MeasuresMemo *report_memo_new(void) { return measures_memo_new(); }
void report_memo_free(MeasuresMemo *memo) { measures_memo_free(memo); }

Report *report_build(const char *path, PangoFontMap *fonts, gboolean check_only, DiagList *diags) {
  return report_build_with(path, fonts, NULL, check_only, diags);
}

LayoutDoc *report_take_layout(Report *r) {
  LayoutDoc *doc = r->layout;
  r->layout = NULL;
  return doc;
}

LayoutDoc *report_relayout(Report *r, DiagList *diags) {
  return layout_document(r->spec, r->style, r->styles, r->ctx, diags);
}

static void context_make(Report *r, PangoFontMap *fonts) {
  r->ctx = fonts_context_new(fonts);
  pango_context_set_language(r->ctx, pango_language_from_string(r->spec->lang));
}

void report_context(Report *r, PangoFontMap *fonts) {
  if (!r->ctx) context_make(r, fonts);
}

LayoutDoc *report_layout(Report *r, PangoFontMap *fonts, DiagList *diags) {
  gint64 t0 = g_get_monotonic_time();
  report_context(r, fonts);
  LayoutDoc *doc = report_relayout(r, diags);
  r->timings.layout += seconds_since(t0);
  return doc;
}

static void page_forget(LayoutPage *page, gpointer data) { (void)page, (void)data; }

gboolean report_check_layout(Report *r, PangoFontMap *fonts, DiagList *diags) {
  gint64 t0 = g_get_monotonic_time();
  report_context(r, fonts);
  LayoutDoc *doc = layout_document_streamed(r->spec, r->style, r->styles, r->ctx, diags, page_forget, NULL);
  r->timings.layout += seconds_since(t0);
  layout_doc_free(doc);
  return doc != NULL;
}

/* Pages given back from the tape and drawn this many at a time. */
#define PAGES_DRAWN_AT_ONCE 8

static void page_to_tape(LayoutPage *page, gpointer tape) { render_tape_record_page(tape, page); }

/* The pages back from the tape, numbered (page references, furniture)
 * and drawn. */
static gboolean taped_pages_draw(Report *r, const LayoutDoc *doc, RenderTape *tape, RenderPdf *w, GError **error) {
  guint total = layout_doc_page_count(doc);
  for (guint first = 1; first <= total; first += PAGES_DRAWN_AT_ONCE) {
    LayoutDoc *part = render_tape_next(tape, MIN(PAGES_DRAWN_AT_ONCE, total - first + 1), r->ctx, error);
    if (!part) return FALSE;
    layout_doc_resolve_page_refs_of(part, doc);
    layout_doc_add_furniture_numbered(part, r->ctx, first, total);
    gboolean ok = render_pdf_add_taped(w, tape, part, error);
    layout_doc_free(part);
    if (!ok) return FALSE;
  }
  return TRUE;
}

gboolean report_write_pdf(Report *r, PangoFontMap *fonts, const Provenance *provenance, const char *path,
                          RenderTimings *timings, guint *n_pages, gsize *size, DiagList *diags, GError **error) {
  OutFile *out = outfile_open(path, error);
  RenderTape *tape = out ? render_tape_new(path, error) : NULL;
  LayoutDoc *doc = NULL;
  if (tape) {
    gint64 t0 = g_get_monotonic_time();
    report_context(r, fonts);
    doc = layout_document_streamed(r->spec, r->style, r->styles, r->ctx, diags, page_to_tape, tape);
    r->timings.layout += seconds_since(t0);
  }
  gboolean ok = doc && render_tape_record(tape, doc, error); /* its charts and styles */
  /* Every page is on the tape, which reads nothing of the model but its
   * meta: the blocks (a long report's are tens of megabytes) are freed
   * before drawing, which needs that room for cairo's structure tree. */
  if (ok) spec_drop_blocks(r->spec);
  RenderPdf *w = ok ? render_pdf_new_streamed(doc, path, error) : NULL;
  if (w) render_pdf_set_provenance(w, provenance);
  if (w) render_pdf_expect_pages(w, layout_doc_page_count(doc));
  ok = w && taped_pages_draw(r, doc, tape, w, error);
  if (w && !ok) render_pdf_free(w);
  ok = ok && render_pdf_finish_to(w, out, timings, error);
  if (n_pages) *n_pages = doc ? layout_doc_page_count(doc) : 0;
  if (size) *size = out ? outfile_size(out) : 0;
  layout_doc_free(doc);
  render_tape_free(tape);
  if (ok) return outfile_commit(out, error);
  if (out) outfile_abort(out);
  return FALSE;
}

void report_drop_model(Report *r) {
  spec_free(r->spec);
  r->spec = NULL;
}

/* ---- provenance ------------------------------------------------------------ */

typedef struct {
  Provenance *p;
  const char *item;
  GError **error;
  gboolean ok;
} InputsWalk;

static void input_add(InputsWalk *w, const char *role, const char *path, InfileKind kind) {
  if (!path || !w->ok) return;
  w->ok = provenance_add_file(w->p, w->item, role, path, NULL, kind, w->error);
}

static void style_input_add(InputsWalk *w, const char *name_or_path) {
  if (!name_or_path || !w->ok) return;
  char *file = style_file(name_or_path);
  w->ok = provenance_add_file(w->p, w->item, "layout", file, style_is_name(name_or_path) ? name_or_path : NULL,
                              INFILE_XML, w->error);
  g_free(file);
}

static SpecWalkStep block_inputs(SpecBlock *b, gpointer data) {
  InputsWalk *w = data;
  if (b->kind == BLOCK_FIGURE) input_add(w, "image", b->src, INFILE_IMAGE);
  if (b->kind == BLOCK_SECTION && b->role == SECTION_ANNEX) style_input_add(w, b->layout);
  if (b->data) input_add(w, "catalogue", b->data->against_catalogue, INFILE_XML);
  if (b->data) input_add(w, "data", b->data->against, INFILE_DATA);
  return w->ok ? SPEC_WALK_CHILDREN : SPEC_WALK_STOP;
}

gboolean report_provenance(const Report *r, Provenance *p, const char *item, GError **error) {
  const Spec *s = r->spec;
  InputsWalk w = {.p = p, .item = item, .error = error, .ok = TRUE};
  input_add(&w, "spec", s->path, INFILE_XML);
  input_add(&w, "catalogue", s->data.catalogue, INFILE_XML);
  input_add(&w, "data", s->data.values, INFILE_DATA);
  style_input_add(&w, s->layout);
  input_add(&w, "image", s->meta.signature_src, INFILE_IMAGE);
  if (w.ok) spec_walk(r->spec, block_inputs, &w);
  return w.ok;
}

void report_timings_print(const ReportTimings *t, FILE *out) {
  fprintf(out, "parse %.1f ms, measures+bind %.1f ms, layout %.1f ms", t->parse * 1e3, t->measures * 1e3,
          t->layout * 1e3);
}

/* With <data units>: the hierarchy checked against the data, and the view
 * of the report's unit (the top unless `unit_id`). Without it, rows that
 * name a unit are an error: they would otherwise be left out unseen. */
static gboolean units_attach(Report *r, const char *unit_id, DiagList *diags) {
  const SpecData *d = &r->spec->data;
  int first = 0;
  guint n = mdata_unit_rows(measures_data(r->measures), &first);
  if (!d->units) {
    if (n)
      diag_error(diags, d->values, first, 0,
                 "%u row%s of the data name a unit (the first at line %d), but the report names no hierarchy of "
                 "units: add units=\"units.xml\" to <data>",
                 n, n == 1 ? "" : "s", first);
    if (unit_id)
      diag_error(diags, r->spec->path, d->line, d->col,
                 "the report is asked for unit \"%s\", but its <data> names no hierarchy of units (units=\"…\")",
                 unit_id);
    return !n && !unit_id;
  }
  Hierarchy *h = hierarchy_load(d->units, diags);
  if (!h) return FALSE;
  if (!measures_set_hierarchy(r->measures, h, diags)) return FALSE;
  const Unit *u = unit_id ? hierarchy_lookup(h, unit_id) : hierarchy_top(h);
  if (!u) {
    const char *near = hierarchy_suggest(h, unit_id);
    diag_error(diags, r->spec->path, d->line, d->col, "unit \"%s\" is not in %s%s%s%s", unit_id, d->units,
               near ? " (did you mean \"" : "", near ? near : "", near ? "\"?)" : "");
    return FALSE;
  }
  r->view = measures_unit_view(r->measures, u);
  return TRUE;
}

Report *report_build_with(const char *path, PangoFontMap *fonts, const ReportOptions *opts, gboolean check_only,
                          DiagList *diags) {
  DiagMark mark = diag_mark(diags); /* a pack's list holds other reports' errors too */
  Report *r = g_new0(Report, 1);
  gint64 t0 = g_get_monotonic_time();
  r->spec = spec_load(path, diags);
  if (r->spec) options_apply(r->spec, opts, diags);
  if (r->spec) r->style = style_load(r->spec->layout, diags);
  if (r->spec) annex_styles_load(r, diags);
  r->timings.parse = seconds_since(t0);
  if (!r->spec || !r->style || diag_errors_since(diags, mark)) goto out;

  t0 = g_get_monotonic_time();
  if (r->spec->data.catalogue) {
    r->measures = measures_load_memo(opts ? opts->measures_memo : NULL, r->spec->data.catalogue,
                                     r->spec->data.values, diags);
    if (!r->measures || !units_attach(r, opts ? opts->unit : NULL, diags)) goto out;
  }
  if (!report_bind(r, diags)) goto out;
  /* Bound, the model holds every figure it shows (bind copies them into
   * the spec's pool): the data, which can be hundreds of megabytes, is
   * freed before layout, and a pack holds no report's data past its own
   * build. */
  measures_free(r->view);
  measures_free(r->measures);
  r->view = r->measures = NULL;
  r->timings.measures = seconds_since(t0);
  if (check_only) goto out;

  t0 = g_get_monotonic_time();
  context_make(r, fonts);
  r->layout = layout_document(r->spec, r->style, r->styles, r->ctx, diags);
  r->timings.layout = seconds_since(t0);
out:
  if (diag_errors_since(diags, mark) || (!check_only && !r->layout)) {
    report_free(r);
    return NULL;
  }
  return r;
}

void report_spec_labels(Spec *spec) { bind_spec_labels(spec); }
