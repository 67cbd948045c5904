/* pack_html — a board pack for the web: an agenda page (index.html)
 * linking one accessible page per report, and each report's PDF beside
 * its page when both are asked for.
 *
 * Each report is built as pack_build builds it (agenda item N, the
 * meeting's committee and date, the pack's period), but published on its
 * own: no destination prefix, page and PDF named item-N.html and
 * item-N.pdf. The pack is the edition pack_select made: in the public
 * one an exempt item is a short item with the Schedule 12A notice, so it
 * has no page, no PDF, and its spec is never read. The agenda is pack_agenda's Spec in its web form, written by
 * the same html module as the reports. Nothing is written until every
 * file is made, so an error in any report leaves the folder as it was. */
#include <errno.h>
#include <glib/gstdio.h>

#include "base/fonts.h"
#include "base/outfile.h"
#include "html/html.h"
#include "pack_internal.h"

typedef struct {
  char *name;
  GBytes *bytes;
} PackFile;

static void pack_file_free(gpointer p) {
  PackFile *f = p;
  g_free(f->name);
  if (f->bytes) g_bytes_unref(f->bytes);
  g_free(f);
}

static void file_add(GPtrArray *files, char *name, GBytes *bytes) {
  PackFile *f = g_new0(PackFile, 1);
  f->name = name, f->bytes = bytes;
  g_ptr_array_add(files, f);
}

/* The report's PDF, its XMP recording the files it was built from
 * relative to `outdir`, where it is published. */
static GBytes *report_pdf(const Report *r, const char *outdir, GError **error) {
  Provenance *prov = provenance_new(outdir);
  GBytes *pdf = report_provenance(r, prov, NULL, error) ? render_pdf_traced(r->layout, prov, NULL, error) : NULL;
  provenance_free(prov);
  return pdf;
}

/* Item N's page (and PDF), its title and officer into `line`. */
static gboolean report_files(const Pack *pack, const PackItem *it, PangoFontMap *fonts, const char *period,
                             const char *outdir, gboolean with_pdf, AgendaLine *line, GPtrArray *files,
                             DiagList *diags, GError **error) {
  char *label = pack_item_label(pack, it, NULL); /* "5 (late item)" */
  ReportOptions o = {.period = period ? period : pack->period, .agenda_item = label, .committee = pack->body,
                     .date = pack->date};
  Report *r = report_build_with(it->spec, fonts, &o, FALSE, diags);
  g_free(label);
  if (!r) return FALSE;
  pack_item_label_relang(pack, it, r->spec);
  GBytes *page = html_document(r->spec, r->style, r->ctx, diags);
  GBytes *pdf = page && with_pdf ? report_pdf(r, outdir, error) : NULL;
  gboolean ok = page && (!with_pdf || pdf);
  if (ok) {
    const char *lang = pack_other_lang(pack, r->spec->lang);
    line->title = g_strdup(it->title ? it->title : r->spec->meta.title);
    line->title_lang = it->title ? NULL : g_strdup(lang);
    line->officer = it->officer ? g_strdup(it->officer) : pack_spec_officer(r->spec);
    line->officer_lang = it->officer ? NULL : g_strdup(lang);
    file_add(files, g_strdup_printf("item-%u.html", it->number), page);
    if (pdf) file_add(files, g_strdup_printf("item-%u.pdf", it->number), pdf);
    line->html = g_strdup_printf("item-%u.html", it->number);
    line->pdf = pdf ? g_strdup_printf("item-%u.pdf", it->number) : NULL;
  } else if (page) {
    g_bytes_unref(page);
  }
  report_free(r);
  return ok;
}

static GBytes *agenda_page(const Pack *pack, const AgendaLine *lines, PangoFontMap *fonts, DiagList *diags) {
  Style *style = style_load(pack->layout, diags);
  if (!style) return NULL;
  Spec *spec = pack_agenda_spec_web(pack, lines, TRUE);
  PangoContext *ctx = fonts_context_new(fonts);
  GBytes *page = html_document(spec, style, ctx, diags);
  g_object_unref(ctx);
  spec_free(spec);
  style_free(style);
  return page;
}

static gboolean files_write(const GPtrArray *files, const char *outdir, GError **error) {
  if (g_mkdir_with_parents(outdir, 0755) != 0) {
    g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno), "cannot create directory %s: %s", outdir,
                g_strerror(errno));
    return FALSE;
  }
  for (guint i = 0; i < files->len; i++) {
    const PackFile *f = g_ptr_array_index(files, i);
    char *path = g_build_filename(outdir, f->name, NULL);
    gboolean ok = outfile_write(path, f->bytes, error);
    g_free(path);
    if (!ok) return FALSE;
  }
  return TRUE;
}

gboolean pack_html(const Pack *pack, PangoFontMap *fonts, const char *period, const char *outdir, gboolean with_pdf,
                   DiagList *diags, GError **error) {
  GPtrArray *files = g_ptr_array_new_with_free_func(pack_file_free);
  AgendaLine *lines = g_new0(AgendaLine, pack->n_items);
  gboolean ok = TRUE;
  for (guint i = 0; i < pack->n_items && (!error || !*error); i++) {
    const PackItem *it = &pack->items[i];
    if (it->kind == PACK_ITEM_REPORT) ok &= report_files(pack, it, fonts, period, outdir, with_pdf, &lines[i], files, diags, error);
    else lines[i].title = g_strdup(it->title), lines[i].officer = g_strdup(it->officer);
  }
  GBytes *index = ok ? agenda_page(pack, lines, fonts, diags) : NULL;
  if (index) file_add(files, g_strdup("index.html"), index);
  ok = index && files_write(files, outdir, error);
  for (guint i = 0; i < pack->n_items; i++) {
    g_free((char *)lines[i].title), g_free((char *)lines[i].officer);
    g_free((char *)lines[i].title_lang), g_free((char *)lines[i].officer_lang);
    g_free((char *)lines[i].html), g_free((char *)lines[i].pdf);
  }
  g_free(lines);
  g_ptr_array_free(files, TRUE);
  return ok;
}
