/* pack_build — the reports of a pack built, the agenda laid out against
 * their page counts, and the PDF written. See pack.h for the steps.
 *
 * One layout per report, and memory that does not grow with the pack:
 * every report is bound first (its model is small; its measure data is
 * freed once bound, report.c, or, a small set, kept by the memo of
 * reports_build while the next report names the same files with the same
 * bytes: measures.h, MeasuresMemo), the agenda is laid out once to learn how
 * many pages it takes (the page column has a fixed width, so the numbers
 * do not change that), and then each report in turn is laid out, its
 * page-number references resolved from its first page in the pack, and
 * its pages put on a tape (render_tape.c: an unlinked scratch file) and
 * freed. Only then are all page numbers known: the agenda is laid out
 * with them, and the PDF is drawn — the agenda, then each report's pages
 * taken back from the tape with their running header and footer laid out
 * ("Page 37 of 212"), the report's model freed once drawn.
 *
 * On workers (pack_write_on), the same with the layout shared: every
 * report is built here first (models, styles and contexts made before
 * the fork are the workers' too), worker k lays out reports k, k+n, …
 * onto tape k and sends back, through a scratch file, each one's page
 * count and layout messages (put back where pack_write would have them:
 * after that report's build messages); the tapes are read back in report
 * order and drawn here. The tape writes whatever layout made (fonts,
 * images, charts, styles) in full, so it reads in this process.
 *
 * The box dump (pack_dump) still lays each report out twice, once to
 * count and once to dump, because it prints the text of the layouts that
 * the tape does not keep. */
#include <errno.h>
#include <gio/gio.h>
#include <string.h>
#include <unistd.h>

#include "base/fonts.h"
#include "base/outfile.h"
#include "pack_internal.h"
#include "layout/style.h"

typedef struct {
  GPtrArray *reports;  /* Report*, bound, one per report item, in agenda order (NULL once drawn) */
  const PackItem **items; /* the item of each */
  const Pack *pack;    /* every item, short ones too (their bookmarks) */
  guint n_report_items; /* in the pack (more than reports->len if one failed to build) */
  guint *pages;        /* each report's page count, once laid out */
  guint agenda_pages;  /* what the agenda takes, known before the reports are laid out */
  SpecMeta *metas;     /* each report's meta, kept past its model (the agenda, the furniture) */
  const char **langs;  /* each report's language where it is not the pack's, else NULL (the agenda) */
  GStringChunk *strings; /* the metas' strings */
  GPtrArray *owned;    /* their portfolio lists */
  const char *lang;     /* the pack's: a report in another language says its own on its Sect */
  PangoFontMap *fonts;
  Provenance *provenance; /* the files the PDF is built from (the caller's), or NULL: the box dump */
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
  g_free(pd->items);
  g_free(pd->metas);
  g_free(pd->langs);
  if (pd->strings) g_string_chunk_free(pd->strings);
  if (pd->owned) g_ptr_array_free(pd->owned, TRUE);
  spec_free(pd->agenda);
  style_free(pd->style);
  if (pd->ctx) g_object_unref(pd->ctx);
  g_free(pd);
}

static void timings_add(ReportTimings *sum, const ReportTimings *t) {
  sum->parse += t->parse, sum->measures += t->measures, sum->layout += t->layout;
}

static char *meta_officer(const SpecMeta *m) {
  const SpecPerson *p = m->author.name ? &m->author : &m->contact;
  if (!p->name) return NULL;
  return p->role ? g_strdup_printf("%s, %s", p->name, p->role) : g_strdup(p->name);
}

/* "Jane Doe, Director": the spec's author, else its contact. */
char *pack_spec_officer(const Spec *spec) { return meta_officer(&spec->meta); }

static const char *keep(GStringChunk *strings, const char *s) {
  return s ? g_string_chunk_insert_const(strings, s) : NULL;
}

static void person_keep(SpecPerson *p, GStringChunk *strings) {
  p->name = keep(strings, p->name), p->role = keep(strings, p->role);
  p->phone = keep(strings, p->phone), p->email = keep(strings, p->email);
}

/* Report r's meta copied into pd->metas[r], to outlive its model: what
 * the agenda lists and the running header prints once the model is
 * freed. */
static void meta_keep(PackDoc *pd, guint r, const SpecMeta *m) {
  SpecMeta *k = &pd->metas[r];
  *k = *m;
  const char **fields[] = {&k->committee, &k->date, &k->date_long, &k->agenda_item, &k->title, &k->subject,
                           &k->wards, &k->keywords, &k->signature_src, &k->signature_alt};
  for (guint i = 0; i < G_N_ELEMENTS(fields); i++) *fields[i] = keep(pd->strings, *fields[i]);
  person_keep(&k->author, pd->strings);
  person_keep(&k->contact, pd->strings);
  if (!m->portfolios) return;
  guint n = g_strv_length((char **)m->portfolios);
  const char **list = g_new0(const char *, n + 1);
  for (guint i = 0; i < n; i++) list[i] = keep(pd->strings, m->portfolios[i]);
  k->portfolios = list;
  g_ptr_array_add(pd->owned, list);
}

/* Every report of the pack, presented at its meeting as item N, bound
 * (not yet laid out), its meta kept, and handed to `each` (may be NULL)
 * before the next is built. All are tried, so that one run shows every
 * report's errors. */
typedef gboolean (*ReportEach)(gpointer data, guint r, GError **error);

static gboolean reports_build(PackDoc *pd, const Pack *pack, const char *period, ReportTimings *timings,
                              ReportEach each, gpointer data, DiagList *diags, GError **error) {
  gboolean ok = TRUE;
  pd->pages = g_new0(guint, pack->n_items + 1);
  pd->items = g_new0(const PackItem *, pack->n_items + 1);
  for (guint i = 0; i < pack->n_items; i++) pd->n_report_items += pack->items[i].kind == PACK_ITEM_REPORT;
  struct MeasuresMemo *memo = report_memo_new(); /* one load for consecutive reports on the same data */
  for (guint i = 0; i < pack->n_items && !(error && *error); i++) {
    const PackItem *it = &pack->items[i];
    if (it->kind != PACK_ITEM_REPORT) continue;
    char num[16], prefix[24], *label = pack_item_label(pack, it, NULL); /* "5 (late item)" */
    g_snprintf(num, sizeof num, "%u", it->number);
    g_snprintf(prefix, sizeof prefix, "i%u-", it->number);
    ReportOptions o = {.period = period ? period : pack->period, .agenda_item = label, .dest_prefix = prefix,
                       .committee = pack->body, .date = pack->date, .measures_memo = memo};
    Report *r = report_build_with(it->spec, pd->fonts, &o, TRUE, diags);
    g_free(label);
    if (!r) {
      ok = FALSE;
      continue;
    }
    pack_item_label_relang(pack, it, r->spec);
    /* its inputs recorded while its model lives (`each` may drop it) */
    if (pd->provenance && !report_provenance(r, pd->provenance, num, error)) ok = FALSE;
    if (timings) timings_add(timings, &r->timings);
    meta_keep(pd, pd->reports->len, &r->spec->meta);
    pd->langs[pd->reports->len] = keep(pd->strings, pack_other_lang(pack, r->spec->lang));
    pd->items[pd->reports->len] = it;
    g_ptr_array_add(pd->reports, r);
    if (each && !each(data, pd->reports->len - 1, error)) ok = FALSE;
  }
  report_memo_free(memo);
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
    if (!lines[i].title) lines[i].title = pd->metas[r].title, lines[i].title_lang = pd->langs[r];
    if (!lines[i].officer) lines[i].officer = meta_officer(&pd->metas[r]), lines[i].officer_lang = pd->langs[r];
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
  guint pages = MAX(pd->agenda_pages, 1u);
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
    if (layout_doc_page_count(doc) == pages) {
      pd->agenda_pages = pages;
      return TRUE;
    }
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

/* The short items after report item `it` and before the next report
 * ("6. Date of next meeting"): their rows, and so their destinations, are
 * on the agenda's pages, but their bookmarks follow the report's, on its
 * last page, so that the outline is in agenda order. */
static void following_items_bookmark(const PackDoc *pd, LayoutDoc *part, const PackItem *it) {
  LayoutPage *last = g_ptr_array_index(part->pages, part->pages->len - 1);
  const PackItem *end = pd->pack->items + pd->pack->n_items;
  for (const PackItem *n = it + 1; n < end && n->kind == PACK_ITEM_TEXT; n++) {
    LayoutBox *b = layout_page_insert(last, last->boxes->len, BOX_BOOKMARK);
    char *name = pack_item_dest(n->number);
    b->dest = g_string_chunk_insert_const(part->strings, name);
    g_free(name);
    item_outline(b, part, n, n->title);
  }
}

/* Report `r` laid out as part of the pack: its Document a
 * Sect, its outline under the item's entry, a destination at its first
 * page; the last report closes the pack's Document. Its furniture and
 * page-number references are still numbered 1..N of its own (they are
 * numbered again once the pack's pages are counted). */
static LayoutDoc *report_part(PackDoc *pd, guint r, ReportTimings *timings, DiagList *diags) {
  const PackItem *it = pd->items[r];
  Report *rep = g_ptr_array_index(pd->reports, r);
  double before = rep->timings.layout;
  LayoutDoc *part = report_layout(rep, pd->fonts, diags);
  if (timings) timings->layout += rep->timings.layout - before;
  if (!part) return NULL;
  layout_doc_nest(part, 1, pd->lang);
  LayoutPage *page = g_ptr_array_index(part->pages, 0);
  LayoutBox *dest = layout_page_insert(page, 0, BOX_DEST);
  char *name = pack_item_dest(it->number);
  dest->dest = g_string_chunk_insert_const(part->strings, name);
  g_free(name);
  dest->x = page->style->margin_left, dest->y = 0;
  item_outline(dest, part, it, it->title ? it->title : rep->spec->meta.title);
  following_items_bookmark(pd, part, it);
  if (r + 1 == pd->n_report_items) {
    page = g_ptr_array_index(part->pages, part->pages->len - 1);
    layout_page_insert(page, page->boxes->len, BOX_TAG_END)->tag = LAYOUT_TAG_DOCUMENT;
  }
  return part;
}

/* Report r laid out once and counted; the layout handed to `keep` (which
 * must not keep it: it is freed next), if any. */
typedef gboolean (*PartKeep)(gpointer data, guint r, LayoutDoc *part, GError **error);

typedef struct {
  PackDoc *pd;
  ReportTimings *timings;
  DiagList *diags;
  PartKeep keep;
  gpointer data;
} PartCount;

static gboolean part_count(gpointer data, guint r, GError **error) {
  PartCount *pc = data;
  LayoutDoc *part = report_part(pc->pd, r, pc->timings, pc->diags);
  if (!part) return FALSE;
  pc->pd->pages[r] = layout_doc_page_count(part);
  gboolean ok = !pc->keep || pc->keep(pc->data, r, part, error);
  layout_doc_free(part);
  return ok;
}

/* Short items before the first report: their agenda rows carry the
 * destination and the bookmark (those after a report are bookmarked
 * after it: following_items_bookmark). */
static void text_items_outline(PackDoc *pd, const Pack *pack) {
  for (guint i = 0; i < pack->n_items; i++) {
    const PackItem *it = &pack->items[i];
    if (it->kind == PACK_ITEM_REPORT) break;
    char *name = pack_item_dest(it->number);
    LayoutBox *dest = dest_find(pd->doc, name);
    if (dest) item_outline(dest, pd->doc, it, it->title);
    g_free(name);
  }
}

/* The pack file and the agenda's house style, before each report's
 * (reports_build): only what this edition is built from (a public
 * edition never reads an exempt report's spec, so none of its files is
 * named). */
static gboolean pack_provenance(const Pack *pack, Provenance *p, GError **error) {
  if (!provenance_add_file(p, NULL, "pack", pack->path, NULL, INFILE_XML, error)) return FALSE;
  char *file = style_file(pack->layout);
  gboolean ok = provenance_add_file(p, NULL, "layout", file, style_is_name(pack->layout) ? pack->layout : NULL,
                                    INFILE_XML, error);
  g_free(file);
  return ok;
}

static void doc_metadata(LayoutDoc *doc, const Pack *pack) {
  char *title = g_strdup_printf("%s, %s: %s", pack->body, pack->date_long,
                                pack_word(pack, pack->is_supplement ? SPEC_LABEL_PACK_TITLE_SUPPLEMENT : SPEC_LABEL_PACK_TITLE));
  doc->title = g_string_chunk_insert_const(doc->strings, title);
  doc->subject = g_string_chunk_insert_const(doc->strings, pack->body);
  doc->author = NULL;
  doc->created = pack->created;
  g_free(title);
}

/* Every report bound and handed to `each`; the agenda's style and
 * context. *seen is the PackDoc from the start (`each` reads it). */
static PackDoc *pack_prepare(const Pack *pack, PangoFontMap *fonts, const char *period, Provenance *provenance,
                             ReportTimings *timings, ReportEach each, gpointer data, PackDoc **seen, DiagList *diags,
                             GError **error) {
  DiagMark mark = diag_mark(diags);
  PackDoc *pd = g_new0(PackDoc, 1);
  pd->pack = pack;
  pd->fonts = fonts;
  pd->lang = pack->lang;
  pd->provenance = provenance;
  pd->reports = g_ptr_array_new_with_free_func((GDestroyNotify)report_free);
  pd->metas = g_new0(SpecMeta, pack->n_items + 1);
  pd->langs = g_new0(const char *, pack->n_items + 1);
  pd->strings = g_string_chunk_new(4096);
  pd->owned = g_ptr_array_new_with_free_func(g_free);
  *seen = pd;
  if (provenance && !pack_provenance(pack, provenance, error)) goto fail;
  if (!reports_build(pd, pack, period, timings, each, data, diags, error)) goto fail;
  pd->style = style_load(pack->layout, diags);
  if (!pd->style) goto fail;
  pd->ctx = fonts_context_new(fonts);
  pango_context_set_language(pd->ctx, pango_language_from_string(pack->lang));
  if (!diag_errors_since(diags, mark)) return pd;
fail:
  pack_doc_free(pd);
  return NULL;
}

/* Every report counted: the agenda laid out with their first pages, the
 * pack's outline and its one Document element around everything. */
static gboolean agenda_finish(PackDoc *pd, const Pack *pack, DiagList *diags) {
  if (!agenda_layout(pd, pack, diags)) return FALSE;
  layout_doc_nest(pd->doc, 0, pack->lang);
  text_items_outline(pd, pack);
  doc_metadata(pd->doc, pack);
  LayoutPage *first = g_ptr_array_index(pd->doc->pages, 0);
  layout_page_insert(first, 0, BOX_TAG_BEGIN)->tag = LAYOUT_TAG_DOCUMENT;
  if (pd->reports->len == 0) { /* short items only: the agenda is the whole pack */
    LayoutPage *last = g_ptr_array_index(pd->doc->pages, pd->doc->pages->len - 1);
    layout_page_insert(last, last->boxes->len, BOX_TAG_END)->tag = LAYOUT_TAG_DOCUMENT;
  }
  return TRUE;
}

/* ---- the PDF ------------------------------------------------------------- */

/* Taped, report r needs its model no more: its pages point at its kept
 * meta, and it is freed but for its style and context (which replayed
 * pages and their furniture use). */
static gboolean part_record(gpointer tape, guint r, LayoutDoc *part, GError **error) {
  (void)r;
  return render_tape_record(tape, part, error);
}

static gboolean part_taped(gpointer data, guint r, GError **error) {
  PartCount *pc = data;
  gboolean ok = part_count(pc, r, error);
  report_drop_model(g_ptr_array_index(pc->pd->reports, r));
  return ok;
}

/* The agenda, then each report's pages back from the tape, numbered
 * through the pack (page references, furniture), drawn; each report freed
 * once drawn. */
static gboolean parts_draw(PackDoc *pd, RenderTape *const *tapes, guint n_tapes, RenderPdf *w, guint total,
                           GError **error) {
  guint page = 1;
  layout_doc_number_pages(pd->doc, pd->ctx, page, total);
  gboolean ok = render_pdf_add(w, pd->doc, error);
  page += layout_doc_page_count(pd->doc);
  for (guint r = 0; ok && r < pd->reports->len; r++) {
    Report *rep = g_ptr_array_index(pd->reports, r);
    RenderTape *tape = tapes[r % n_tapes]; /* report r was laid out on worker r mod n (pack_write_on) */
    LayoutDoc *part = render_tape_next(tape, pd->pages[r], rep->ctx, error);
    if (!part) return FALSE;
    for (guint p = 0; p < part->pages->len; p++) ((LayoutPage *)g_ptr_array_index(part->pages, p))->meta = &pd->metas[r];
    layout_doc_number_pages(part, rep->ctx, page, total);
    ok = render_pdf_add_taped(w, tape, part, error);
    page += pd->pages[r];
    layout_doc_free(part);
    g_ptr_array_index(pd->reports, r) = NULL; /* the writer keeps the strings it needs */
    report_free(rep);
  }
  return ok;
}

/* A pack drawn in two halves at once (render.h, render_pdf_half): the
 * second half's parts on a worker, the first's here; each process goes
 * through every page, drawing only its own. */
typedef struct {
  PackDoc *pd;
  RenderTape *const *tapes;
  guint n_tapes, total, half;
  RenderPdf *w;
  gboolean ok;  /* here: the first half drawn */
  GError *error;
} Halves;

static int second_half_job(guint index, gpointer data) {
  (void)index;
  Halves *h = data;
  GError *error = NULL;
  render_pdf_draw_only(h->w, h->half, G_MAXUINT);
  gboolean ok = parts_draw(h->pd, h->tapes, h->n_tapes, h->w, h->total, &error) && render_pdf_finish_drawn(h->w, &error);
  if (error) fprintf(stderr, "boardpack: error: %s\n", error->message);
  return ok ? 0 : 1;
}

static void first_half_here(gpointer data) {
  Halves *h = data;
  render_pdf_draw_only(h->w, 0, h->half);
  h->ok = parts_draw(h->pd, h->tapes, h->n_tapes, h->w, h->total, &h->error);
}

static gboolean halves_draw(PackDoc *pd, RenderTape *const *tapes, guint n_tapes, RenderPdf *w, guint total,
                            const PackCores *cores, GError **error) {
  if (!render_pdf_parts_prepare(w, error)) return FALSE;
  Halves h = {pd, tapes, n_tapes, total, render_pdf_half(w), w, FALSE, NULL};
  guint failed = cores->beside(second_half_job, &h, first_half_here, &h);
  if (!h.ok) {
    g_propagate_error(error, h.error);
    return FALSE;
  }
  if (failed) g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "the worker drawing the second half of the pack failed");
  return !failed;
}

static guint total_pages(const PackDoc *pd) {
  guint n = layout_doc_page_count(pd->doc);
  for (guint r = 0; r < pd->reports->len; r++) n += pd->pages[r];
  return n;
}

/* The PDF from reports counted and taped: the agenda laid out, then
 * everything drawn and written to `out`. */
static gboolean pack_draw(PackDoc *pd, const Pack *pack, RenderTape *const *tapes, guint n_tapes, const PackCores *cores,
                          Provenance *provenance, const char *path, OutFile *out, RenderTimings *rt, guint *n_pages,
                          DiagList *diags, GError **error) {
  gboolean ok = agenda_finish(pd, pack, diags);
  RenderPdf *w = ok ? render_pdf_new_streamed(pd->doc, path, error) : NULL;
  if (w) render_pdf_set_provenance(w, provenance);
  if (w && cores) render_pdf_set_cores(w, cores->n);
  if (w) *n_pages = total_pages(pd);
  if (w) render_pdf_expect_pages(w, *n_pages);
  if (w && cores && cores->beside && render_pdf_half(w)) ok = halves_draw(pd, tapes, n_tapes, w, *n_pages, cores, error);
  else ok = w && parts_draw(pd, tapes, n_tapes, w, *n_pages, error);
  if (w && !ok) render_pdf_free(w);
  return ok && render_pdf_finish_to(w, out, rt, error);
}

static Provenance *provenance_for(const char *path) {
  char *folder = strcmp(path, "-") == 0 ? g_strdup(".") : g_path_get_dirname(path); /* recorded paths' base */
  Provenance *provenance = provenance_new(folder);
  g_free(folder);
  return provenance;
}

static gboolean write_end(OutFile *out, gboolean ok, gsize *size, GError **error) {
  if (size) *size = out ? outfile_size(out) : 0;
  if (ok) return outfile_commit(out, error);
  outfile_abort(out);
  return FALSE;
}

gboolean pack_write(const Pack *pack, PangoFontMap *fonts, const char *period, const char *path,
                    ReportTimings *timings, RenderTimings *rt, guint *n_pages, gsize *size, DiagList *diags,
                    GError **error) {
  OutFile *out = outfile_open(path, error);
  RenderTape *tape = out ? render_tape_new(path, error) : NULL;
  PartCount pc = {.timings = timings, .diags = diags, .keep = part_record, .data = tape};
  Provenance *provenance = provenance_for(path);
  PackDoc *pd = tape ? pack_prepare(pack, fonts, period, provenance, timings, part_taped, &pc, &pc.pd, diags, error) : NULL;
  gboolean ok = pd && pack_draw(pd, pack, &tape, 1, NULL, provenance, path, out, rt, n_pages, diags, error);
  pack_doc_free(pd);
  provenance_free(provenance);
  render_tape_free(tape);
  return write_end(out, ok, size, error);
}

/* ---- on workers ------------------------------------------------------------ */

/* What the workers share (forked with it) and send back. */
typedef struct {
  PackDoc *pd;
  guint n;             /* workers */
  RenderTape **tapes;  /* worker k's */
  int *results;        /* worker k's scratch file for what it sends back */
  DiagList *diags;     /* as built: the workers' messages start after it */
  guint *marks;        /* per report, the diags' count once it was built */
} PackSplit;

static void buf_u32(GByteArray *b, guint32 v) { g_byte_array_append(b, (const guint8 *)&v, sizeof v); }

static void buf_str(GByteArray *b, const char *s) {
  buf_u32(b, s ? (guint32)strlen(s) : G_MAXUINT32);
  if (s) g_byte_array_append(b, (const guint8 *)s, (guint)strlen(s));
}

/* In worker k: its reports laid out and taped; sent back, per report,
 * its page count, layout seconds and the messages its layout gave, then
 * the error that stopped the worker (or none). */
static int part_worker(guint k, gpointer data) {
  PackSplit *sp = data;
  PackDoc *pd = sp->pd;
  GByteArray *b = g_byte_array_new();
  GError *error = NULL;
  gboolean ok = TRUE;
  for (guint r = k; r < pd->reports->len && !error; r += sp->n) {
    guint from = diag_count(sp->diags);
    ReportTimings t = {0};
    LayoutDoc *part = report_part(pd, r, &t, sp->diags);
    if (!part || !render_tape_record(sp->tapes[k], part, &error)) ok = FALSE;
    buf_u32(b, r);
    buf_u32(b, part ? layout_doc_page_count(part) : 0);
    g_byte_array_append(b, (const guint8 *)&t.layout, sizeof t.layout);
    buf_u32(b, diag_count(sp->diags) - from);
    for (guint i = from; i < diag_count(sp->diags); i++) {
      const Diag *d = diag_get(sp->diags, i);
      guint32 v[3] = {d->severity, (guint32)d->line, (guint32)d->col};
      g_byte_array_append(b, (const guint8 *)v, sizeof v);
      buf_str(b, d->file);
      buf_str(b, d->message);
    }
    layout_doc_free(part);
  }
  if (!error && !render_tape_flush(sp->tapes[k], &error)) ok = FALSE;
  buf_u32(b, G_MAXUINT32); /* no more reports */
  buf_str(b, error ? error->message : NULL);
  if (error) ok = FALSE, g_error_free(error);
  gboolean sent = outfile_write_fd(sp->results[k], b->data, b->len);
  g_byte_array_unref(b);
  return ok && sent ? 0 : 1;
}

/* A reader over what a worker sent back; any short read leaves it failed. */
typedef struct {
  const guint8 *p, *end;
  gboolean bad;
} Back;

static void back_get(Back *bk, void *to, gsize len) {
  if (bk->bad || (gsize)(bk->end - bk->p) < len) {
    bk->bad = TRUE;
    memset(to, 0, len);
    return;
  }
  memcpy(to, bk->p, len);
  bk->p += len;
}

static guint32 back_u32(Back *bk) {
  guint32 v;
  back_get(bk, &v, sizeof v);
  return v;
}

static char *back_str(Back *bk) {
  guint32 len = back_u32(bk);
  if (len == G_MAXUINT32 || bk->bad || (gsize)(bk->end - bk->p) < len) return NULL;
  char *s = g_strndup((const char *)bk->p, len);
  bk->p += len;
  return s;
}

/* A message of report r's layout, put where pack_write would have it:
 * after r's build messages and the layout messages of the reports before
 * it (`shift`: those inserted so far). */
static void diag_put_back(DiagList *diags, guint at, DiagSeverity sev, const char *file, int line, int col,
                          const char *message) {
  diag_add(diags, sev, file, line, col, "%s", message);
  gpointer d = g_ptr_array_steal_index(diags->items, diags->items->len - 1);
  g_ptr_array_insert(diags->items, (gint)at, d);
}

/* Worker k's results read into pd->pages, the timings and `diags`. */
static gboolean part_results(PackSplit *sp, guint k, guint *shift, ReportTimings *timings, GError **error) {
  int fd = sp->results[k];
  off_t len = lseek(fd, 0, SEEK_END);
  GByteArray *b = g_byte_array_sized_new(len > 0 ? (guint)len : 0);
  g_byte_array_set_size(b, len > 0 ? (guint)len : 0);
  gboolean read_ok = len > 0 && pread(fd, b->data, b->len, 0) == (ssize_t)b->len;
  Back bk = {b->data, b->data + b->len, !read_ok};
  gboolean ok = TRUE;
  for (guint32 r; !bk.bad && (r = back_u32(&bk)) != G_MAXUINT32;) {
    if (r >= sp->pd->reports->len) bk.bad = TRUE;
    guint32 pages = back_u32(&bk);
    double layout = 0;
    back_get(&bk, &layout, sizeof layout);
    if (bk.bad) break;
    sp->pd->pages[r] = pages;
    if (timings) timings->layout += layout;
    for (guint32 n = back_u32(&bk); n > 0 && !bk.bad; n--) {
      guint32 v[3];
      back_get(&bk, v, sizeof v);
      char *file = back_str(&bk), *message = back_str(&bk);
      if (!bk.bad) diag_put_back(sp->diags, sp->marks[r] + shift[r], v[0], file, (int)v[1], (int)v[2], message ? message : "");
      for (guint q = r; !bk.bad && q < sp->pd->reports->len; q++) shift[q]++;
      g_free(file), g_free(message);
    }
  }
  char *message = bk.bad ? NULL : back_str(&bk);
  if (bk.bad) {
    g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "a worker laying out the pack's reports stopped before it was done");
    ok = FALSE;
  } else if (message) {
    g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", message);
    ok = FALSE;
  }
  g_free(message);
  g_byte_array_unref(b);
  return ok;
}

/* Each report's count of diagnostics once it was built: reports_build
 * hands each to `each` straight after building it. */
static gboolean mark_built(gpointer data, guint r, GError **error) {
  (void)error;
  PackSplit *sp = data;
  sp->marks[r] = diag_count(sp->diags);
  report_context(g_ptr_array_index(sp->pd->reports, r), sp->pd->fonts);
  return TRUE;
}

static gboolean parts_lay_out(PackSplit *sp, const PackCores *cores, ReportTimings *timings, GError **error) {
  guint failed = cores->run(sp->n, part_worker, sp);
  guint *shift = g_new0(guint, sp->pd->reports->len + 1);
  gboolean ok = TRUE;
  for (guint k = 0; k < sp->n; k++)
    if (!part_results(sp, k, shift, timings, ok ? error : NULL)) ok = FALSE;
  g_free(shift);
  if (ok && failed && !diag_has_errors(sp->diags)) /* a worker failed without saying why: its stderr said it */
    g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "a worker laying out the pack's reports failed");
  for (guint r = 0; r < sp->pd->reports->len; r++) report_drop_model(g_ptr_array_index(sp->pd->reports, r));
  return ok && !failed && !diag_has_errors(sp->diags);
}

static guint report_items(const Pack *pack) {
  guint n = 0;
  for (guint i = 0; i < pack->n_items; i++) n += pack->items[i].kind == PACK_ITEM_REPORT;
  return n;
}

gboolean pack_write_on(const Pack *pack, PangoFontMap *fonts, const char *period, const char *path,
                       const PackCores *cores, ReportTimings *timings, RenderTimings *rt, guint *n_pages, gsize *size,
                       DiagList *diags, GError **error) {
  guint workers = MIN(cores->n, report_items(pack));
  if (workers < 2 || !cores->run) return pack_write(pack, fonts, period, path, timings, rt, n_pages, size, diags, error);
  OutFile *out = outfile_open(path, error);
  PackSplit sp = {.n = workers, .tapes = g_new0(RenderTape *, workers), .results = g_new(int, workers),
                  .diags = diags, .marks = g_new0(guint, pack->n_items + 1)};
  gboolean ok = out != NULL;
  for (guint k = 0; k < workers; k++) {
    sp.tapes[k] = ok ? render_tape_new(path, error) : NULL;
    sp.results[k] = ok && sp.tapes[k] ? outfile_scratch(path, error) : -1;
    ok = ok && sp.results[k] >= 0;
  }
  Provenance *provenance = provenance_for(path);
  PackDoc *pd = ok ? pack_prepare(pack, fonts, period, provenance, timings, mark_built, &sp, &sp.pd, diags, error) : NULL;
  ok = pd && parts_lay_out(&sp, cores, timings, error);
  ok = ok && pack_draw(pd, pack, sp.tapes, workers, cores, provenance, path, out, rt, n_pages, diags, error);
  pack_doc_free(pd);
  provenance_free(provenance);
  for (guint k = 0; k < workers; k++) {
    render_tape_free(sp.tapes[k]);
    if (sp.results[k] >= 0) close(sp.results[k]);
  }
  g_free(sp.tapes), g_free(sp.results), g_free(sp.marks);
  return write_end(out, ok, size, error);
}

/* ---- the box dump ------------------------------------------------------------ */

gboolean pack_dump(const Pack *pack, PangoFontMap *fonts, const char *period, FILE *out, DiagList *diags,
                   GError **error) {
  PartCount pc = {.diags = diags};
  PackDoc *pd = pack_prepare(pack, fonts, period, NULL, NULL, part_count, &pc, &pc.pd, diags, error);
  gboolean ok = pd && agenda_finish(pd, pack, diags);
  guint total = ok ? total_pages(pd) : 0, page = 1;
  if (ok) {
    layout_doc_number_pages(pd->doc, pd->ctx, page, total);
    layout_doc_dump_from(pd->doc, page, out);
    page += layout_doc_page_count(pd->doc);
  }
  for (guint r = 0; ok && r < pd->reports->len; r++) { /* laid out again: the dump prints the layouts' text */
    LayoutDoc *part = report_part(pd, r, NULL, diags);
    if (!part || layout_doc_page_count(part) != pd->pages[r]) {
      if (part) g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "internal error: a report laid out twice differs");
      ok = FALSE;
    } else {
      Report *rep = g_ptr_array_index(pd->reports, r);
      layout_doc_number_pages(part, rep->ctx, page, total);
      layout_doc_dump_from(part, page, out);
      page += pd->pages[r];
    }
    layout_doc_free(part);
  }
  pack_doc_free(pd);
  return ok;
}

/* ---- check --------------------------------------------------------------- */

gboolean pack_check(const Pack *pack, PangoFontMap *fonts, const char *period, DiagList *diags, GError **error) {
  PartCount pc = {.diags = diags};
  PackDoc *pd = pack_prepare(pack, fonts, period, NULL, NULL, part_count, &pc, &pc.pd, diags, error);
  gboolean ok = pd && agenda_finish(pd, pack, diags);
  pack_doc_free(pd);
  return ok;
}
