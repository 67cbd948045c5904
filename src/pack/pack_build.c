/* pack_build — the reports of a pack built, the agenda laid out against
 * their page counts, and the PDF written as it goes. See pack.h for the
 * steps.
 *
 * Memory does not grow with the pack: a report's layout is made once to
 * count its pages and freed at once; when the PDF is written, each report
 * is laid out again (the same input gives the same pages), numbered into
 * the whole, drawn, and freed before the next. What stays alive for the
 * whole run is each Report's bound model (spec, style), which is small
 * beside its layout; its measure data is freed as soon as it is bound
 * (report.c). */
#include <gio/gio.h>
#include <string.h>

#include "base/fonts.h"
#include "base/outfile.h"
#include "pack_internal.h"
#include "layout/style.h"

typedef struct {
  GPtrArray *reports;  /* Report*, one per report item, in agenda order */
  guint *pages;        /* each report's page count */
  Spec *agenda;
  Style *style;
  PangoContext *ctx;
  LayoutDoc *doc;      /* the agenda's */
} PackDoc;

static void pack_doc_free(PackDoc *pd) {
  if (!pd) return;
  layout_doc_free(pd->doc); /* before what its pages point at */
  g_ptr_array_free(pd->reports, TRUE);
  g_free(pd->pages);
  spec_free(pd->agenda);
  style_free(pd->style);
  if (pd->ctx) g_object_unref(pd->ctx);
  g_free(pd);
}

static void timings_add(ReportTimings *sum, const ReportTimings *t) {
  sum->parse += t->parse, sum->measures += t->measures, sum->layout += t->layout;
}

/* "Jane Doe, Director": the spec's author, else its contact. */
char *pack_spec_officer(const Spec *spec) {
  const SpecPerson *p = spec->meta.author.name ? &spec->meta.author : &spec->meta.contact;
  if (!p->name) return NULL;
  return p->role ? g_strdup_printf("%s, %s", p->name, p->role) : g_strdup(p->name);
}

/* Every report of the pack, presented at its meeting as item N. All are
 * tried, so that one run shows every report's errors. */
static gboolean reports_build(PackDoc *pd, const Pack *pack, PangoFontMap *fonts, const char *period,
                              ReportTimings *timings, DiagList *diags) {
  gboolean ok = TRUE;
  for (guint i = 0; i < pack->n_items; i++) {
    const PackItem *it = &pack->items[i];
    if (it->kind != PACK_ITEM_REPORT) continue;
    char num[16], prefix[24];
    g_snprintf(num, sizeof num, "%u", it->number);
    g_snprintf(prefix, sizeof prefix, "i%u-", it->number);
    ReportOptions o = {.period = period ? period : pack->period, .agenda_item = num, .dest_prefix = prefix,
                       .committee = pack->body, .date = pack->date, .date_long = pack->date_long};
    Report *r = report_build_with(it->spec, fonts, &o, FALSE, diags);
    if (!r) {
      ok = FALSE;
      continue;
    }
    if (timings) timings_add(timings, &r->timings);
    pd->pages = g_renew(guint, pd->pages, pd->reports->len + 1);
    pd->pages[pd->reports->len] = layout_doc_page_count(r->layout);
    layout_doc_free(report_take_layout(r)); /* laid out again when written */
    g_ptr_array_add(pd->reports, r);
  }
  return ok;
}

/* What the agenda lists, with each report starting after the agenda's
 * `agenda_pages` and the reports before it. Strings owned by the caller
 * (the officers, freed with lines_free). */
static AgendaLine *lines_make(const PackDoc *pd, const Pack *pack, guint agenda_pages) {
  AgendaLine *lines = g_new0(AgendaLine, pack->n_items);
  guint page = agenda_pages + 1, r = 0;
  for (guint i = 0; i < pack->n_items; i++) {
    const PackItem *it = &pack->items[i];
    lines[i].title = it->title;
    lines[i].officer = g_strdup(it->officer);
    if (it->kind != PACK_ITEM_REPORT) continue;
    const Report *rep = g_ptr_array_index(pd->reports, r);
    if (!lines[i].title) lines[i].title = rep->spec->meta.title;
    if (!lines[i].officer) lines[i].officer = pack_spec_officer(rep->spec);
    lines[i].page = page;
    page += pd->pages[r++];
  }
  return lines;
}

static void lines_free(AgendaLine *lines, guint n) {
  for (guint i = 0; i < n; i++) g_free((char *)lines[i].officer);
  g_free(lines);
}

/* Lay the agenda out until the page count it was numbered for is the
 * count it takes (the page column has a fixed width, so this settles in
 * the second pass; the bound is a guard). */
static gboolean agenda_layout(PackDoc *pd, const Pack *pack, DiagList *diags) {
  guint pages = 1;
  for (int pass = 0; pass < 4; pass++) {
    AgendaLine *lines = lines_make(pd, pack, pages);
    Spec *spec = pack_agenda_spec(pack, lines);
    lines_free(lines, pack->n_items);
    LayoutDoc *doc = layout_document(spec, pd->style, NULL, pd->ctx, diags);
    if (!doc) {
      spec_free(spec);
      return FALSE;
    }
    layout_doc_free(pd->doc);
    spec_free(pd->agenda);
    pd->doc = doc, pd->agenda = spec;
    if (layout_doc_page_count(doc) == pages) return TRUE;
    pages = layout_doc_page_count(doc);
  }
  diag_error(diags, pack->path, 0, 0, "internal error: the agenda's page count does not settle");
  return FALSE;
}

static LayoutBox *dest_find(LayoutDoc *doc, const char *name) {
  for (guint p = 0; p < doc->pages->len; p++) {
    LayoutPage *page = g_ptr_array_index(doc->pages, p);
    for (guint i = 0; i < page->boxes->len; i++) {
      LayoutBox *b = g_ptr_array_index(page->boxes, i);
      if (b->kind == BOX_DEST && strcmp(b->dest, name) == 0) return b;
    }
  }
  return NULL;
}

/* The item's top-level outline entry "5. Title". */
static void item_outline(LayoutBox *dest, LayoutDoc *doc, const PackItem *it, const char *title) {
  char *t = g_strdup_printf("%u. %s", it->number, title);
  dest->title = g_string_chunk_insert_const(doc->strings, t);
  dest->outline_level = 1;
  g_free(t);
}

/* Report `rep` (item `it`) laid out again as part of the pack: its
 * Document a Sect, its outline under the item's entry, a destination at
 * its first page. */
static LayoutDoc *report_part(Report *rep, const PackItem *it, DiagList *diags) {
  LayoutDoc *part = report_relayout(rep, diags);
  if (!part) return NULL;
  layout_doc_nest(part, 1);
  LayoutPage *first = g_ptr_array_index(part->pages, 0);
  LayoutBox *dest = layout_page_insert(first, 0, BOX_DEST);
  char *name = pack_item_dest(it->number);
  dest->dest = g_string_chunk_insert_const(part->strings, name);
  g_free(name);
  dest->x = first->style->margin_left, dest->y = 0;
  item_outline(dest, part, it, it->title ? it->title : rep->spec->meta.title);
  return part;
}

/* Short items: their agenda rows carry the destination; name the entry. */
static void text_items_outline(PackDoc *pd, const Pack *pack) {
  for (guint i = 0; i < pack->n_items; i++) {
    const PackItem *it = &pack->items[i];
    if (it->kind != PACK_ITEM_TEXT) continue;
    char *name = pack_item_dest(it->number);
    LayoutBox *dest = dest_find(pd->doc, name);
    if (dest) item_outline(dest, pd->doc, it, it->title);
    g_free(name);
  }
}

static void doc_metadata(LayoutDoc *doc, const Pack *pack) {
  char *title = g_strdup_printf("%s, %s: agenda and reports", pack->body, pack->date_long);
  doc->title = g_string_chunk_insert_const(doc->strings, title);
  doc->subject = g_string_chunk_insert_const(doc->strings, pack->body);
  doc->author = NULL;
  doc->created = pack->created;
  g_free(title);
}

static PackDoc *pack_prepare(const Pack *pack, PangoFontMap *fonts, const char *period, ReportTimings *timings,
                             DiagList *diags) {
  DiagMark mark = diag_mark(diags);
  PackDoc *pd = g_new0(PackDoc, 1);
  pd->reports = g_ptr_array_new_with_free_func((GDestroyNotify)report_free);
  if (!reports_build(pd, pack, fonts, period, timings, diags)) goto fail;
  pd->style = style_load(pack->layout, diags);
  if (!pd->style) goto fail;
  pd->ctx = fonts_context_new(fonts);
  pango_context_set_language(pd->ctx, pango_language_from_string(pack->lang));
  if (!agenda_layout(pd, pack, diags)) goto fail;
  layout_doc_nest(pd->doc, 0);
  text_items_outline(pd, pack);
  doc_metadata(pd->doc, pack);
  /* one Document element around the agenda and every report */
  LayoutPage *first = g_ptr_array_index(pd->doc->pages, 0);
  layout_page_insert(first, 0, BOX_TAG_BEGIN)->tag = LAYOUT_TAG_DOCUMENT;
  if (pd->reports->len == 0) { /* short items only: the agenda is the whole pack */
    LayoutPage *last = g_ptr_array_index(pd->doc->pages, pd->doc->pages->len - 1);
    layout_page_insert(last, last->boxes->len, BOX_TAG_END)->tag = LAYOUT_TAG_DOCUMENT;
  }
  if (!diag_errors_since(diags, mark)) return pd;
fail:
  pack_doc_free(pd);
  return NULL;
}

static guint total_pages(const PackDoc *pd) {
  guint n = layout_doc_page_count(pd->doc);
  for (guint r = 0; r < pd->reports->len; r++) n += pd->pages[r];
  return n;
}

/* What is done with each part of the pack once it is numbered into the
 * whole: drawn into the PDF, or dumped as text. `first` is its first page. */
typedef gboolean (*PartSink)(gpointer sink, LayoutDoc *part, guint first, GError **error);

/* The agenda, then each report laid out again, numbered into the whole,
 * handed to `sink` and freed. */
static gboolean pack_parts(PackDoc *pd, const Pack *pack, ReportTimings *timings, guint *n_pages, PartSink sink,
                           gpointer data, DiagList *diags, GError **error) {
  guint total = total_pages(pd), page = 1;
  *n_pages = total;
  layout_doc_number_pages(pd->doc, pd->ctx, page, total);
  gboolean ok = sink(data, pd->doc, page, error);
  page += layout_doc_page_count(pd->doc);
  for (guint i = 0, r = 0; ok && i < pack->n_items; i++) {
    if (pack->items[i].kind != PACK_ITEM_REPORT) continue;
    Report *rep = g_ptr_array_index(pd->reports, r);
    gint64 t0 = g_get_monotonic_time();
    LayoutDoc *part = report_part(rep, &pack->items[i], diags);
    if (timings) timings->layout += (double)(g_get_monotonic_time() - t0) / 1e6;
    if (!part || layout_doc_page_count(part) != pd->pages[r]) {
      if (part) g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "internal error: a report laid out twice differs");
      layout_doc_free(part);
      ok = FALSE;
      break;
    }
    if (++r == pd->reports->len) {
      LayoutPage *last = g_ptr_array_index(part->pages, part->pages->len - 1);
      layout_page_insert(last, last->boxes->len, BOX_TAG_END)->tag = LAYOUT_TAG_DOCUMENT;
    }
    layout_doc_number_pages(part, rep->ctx, page, total);
    ok = sink(data, part, page, error);
    page += layout_doc_page_count(part);
    layout_doc_free(part);
  }
  return ok;
}

static gboolean part_draw(gpointer w, LayoutDoc *part, guint first, GError **error) {
  (void)first;
  return render_pdf_add(w, part, error);
}

static gboolean part_dump(gpointer out, LayoutDoc *part, guint first, GError **error) {
  (void)error;
  layout_doc_dump_from(part, first, out);
  return TRUE;
}

gboolean pack_write(const Pack *pack, PangoFontMap *fonts, const char *period, const char *path,
                    ReportTimings *timings, RenderTimings *rt, guint *n_pages, gsize *size, DiagList *diags,
                    GError **error) {
  PackDoc *pd = pack_prepare(pack, fonts, period, timings, diags);
  if (!pd) return FALSE;
  OutFile *out = outfile_open(path, error);
  RenderPdf *w = out ? render_pdf_new_streamed(pd->doc, path, error) : NULL;
  gboolean ok = w && pack_parts(pd, pack, timings, n_pages, part_draw, w, diags, error);
  if (w && !ok) render_pdf_free(w);
  ok = ok && render_pdf_finish_to(w, out, rt, error);
  pack_doc_free(pd);
  if (size) *size = out ? outfile_size(out) : 0;
  if (ok) return outfile_commit(out, error);
  outfile_abort(out);
  return FALSE;
}

gboolean pack_dump(const Pack *pack, PangoFontMap *fonts, const char *period, FILE *out, DiagList *diags,
                   GError **error) {
  PackDoc *pd = pack_prepare(pack, fonts, period, NULL, diags);
  if (!pd) return FALSE;
  guint n_pages = 0;
  gboolean ok = pack_parts(pd, pack, NULL, &n_pages, part_dump, out, diags, error);
  pack_doc_free(pd);
  return ok;
}
