/* pack — PACK.xml → the Pack model. See pack.h. */
#include "pack.h"


#include "base/isodate.h"
#include "base/period.h"
#include "spec/spec_build.h"
#include "base/xmlsrc.h"

static const char *const standard_titles[][2] = {
    {"apologies", "Apologies for absence"},
    {"declarations", "Declarations of interest"},
    {"minutes", "Minutes of the previous meeting"},
};

void pack_free(Pack *pack) {
  if (!pack) return;
  for (guint i = 0; i < pack->n_items; i++) {
    PackItem *it = &pack->items[i];
    g_free(it->title);
    g_free(it->text);
    g_free(it->officer);
    g_free(it->spec);
  }
  g_free(pack->items);
  g_free(pack->path);
  g_free(pack->dir);
  g_free(pack->lang);
  g_free(pack->layout);
  g_free(pack->period);
  g_free(pack->body);
  g_free(pack->date);
  g_free(pack->date_long);
  g_free(pack->time);
  g_free(pack->venue);
  g_free(pack->chair);
  g_free(pack);
}

static char *child_text(xmlNode *parent, const char *name) {
  xmlNode *n = xmlsrc_child(parent, name);
  return n ? xmlsrc_text_squashed(n) : NULL;
}

/* A path (or with `layout`, a layout= value) named by the pack, resolved
 * by exactly the rules a spec's own references follow, through a Spec that
 * exists only to carry the pack's file name and folder. */
static char *pack_resolve(const Pack *pack, const char *ref, gboolean layout, int line, int col, DiagList *diags) {
  Spec *shell = spec_new(pack->path, pack->dir);
  const char *resolved = layout ? spec_resolve_layout(shell, ref, line, col, diags)
                                : spec_resolve_path(shell, ref, INFILE_XML, line, col, diags);
  char *out = g_strdup(resolved);
  spec_free(shell);
  return out;
}

static gboolean meeting_read(Pack *pack, const XmlSource *src, xmlNode *m, DiagList *diags) {
  DiagMark mark = diag_mark(diags);
  pack->body = child_text(m, "body");
  pack->date = child_text(m, "date");
  pack->time = child_text(m, "time");
  pack->venue = child_text(m, "venue");
  pack->chair = child_text(m, "chair");
  char *why = NULL;
  if (!isodate_parse(pack->date, &pack->meeting_date, &why)) {
    xmlsrc_diag(src, xmlsrc_child(m, "date"), diags, DIAG_ERROR, "%s", why);
    g_free(why);
    return FALSE;
  }
  pack->date_long = isodate_long(pack->meeting_date);
  pack->created = isodate_unix(pack->meeting_date);
  char *created = child_text(m, "created");
  if (created && !isodate_time_parse(created, &pack->created, &why)) {
    xmlsrc_diag(src, xmlsrc_child(m, "created"), diags, DIAG_ERROR, "%s", why);
    g_free(why);
  }
  g_free(created);
  return !diag_errors_since(diags, mark);
}

static void item_read(Pack *pack, const XmlSource *src, xmlNode *n, PackItem *it, DiagList *diags) {
  it->line = xmlsrc_line(n);
  it->col = xmlsrc_col(src, n);
  it->title = xmlsrc_attr(n, "title");
  it->officer = xmlsrc_attr(n, "officer");
  if (xmlsrc_is(n, "report")) {
    it->kind = PACK_ITEM_REPORT;
    char *ref = xmlsrc_attr(n, "spec");
    it->spec = pack_resolve(pack, ref, FALSE, it->line, it->col, diags);
    g_free(ref);
    return;
  }
  it->kind = PACK_ITEM_TEXT;
  it->text = xmlsrc_text_squashed(n);
  for (guint k = 0; !it->title && k < G_N_ELEMENTS(standard_titles); k++)
    if (xmlsrc_is(n, standard_titles[k][0])) it->title = g_strdup(standard_titles[k][1]);
}

/* The pack's period= is checked here, so that a bad one is reported at the
 * pack's line, not at each report's <data>. It must be absolute: there is
 * nothing for a relative one to be relative to. */
static void period_check(const XmlSource *src, xmlNode *root, const char *text, DiagList *diags) {
  Period p;
  char *why = NULL;
  if (!text) return;
  if (period_is_relative(text))
    xmlsrc_diag(src, root, diags, DIAG_ERROR, "the pack's period='%s' is relative, but a pack's period must be a "
                "period itself (like 2013-06): it is what its reports' P stands for", text);
  else if (!period_parse(text, &p, &why))
    xmlsrc_diag(src, root, diags, DIAG_ERROR, "the pack's period: %s", why);
  g_free(why);
}

static char *layout_resolve(Pack *pack, const XmlSource *src, xmlNode *root, DiagList *diags) {
  char *layout = xmlsrc_attr(root, "layout");
  char *resolved = layout ? pack_resolve(pack, layout, TRUE, xmlsrc_line(root), xmlsrc_col(src, root), diags)
                          : g_strdup("council-report");
  g_free(layout);
  return resolved;
}

Pack *pack_load(const char *path, DiagList *diags) {
  XmlSource *src = xmlsrc_load_valid(path, "pack", diags);
  if (!src) return NULL;
  DiagMark mark = diag_mark(diags);
  Pack *pack = g_new0(Pack, 1);
  pack->path = g_strdup(path);
  pack->dir = g_strdup(src->dir);
  xmlNode *root = xmlsrc_root(src);
  pack->lang = xmlsrc_attr(root, "lang");
  if (!pack->lang) pack->lang = g_strdup("en-GB");
  pack->period = xmlsrc_attr(root, "period");
  period_check(src, root, pack->period, diags);
  pack->layout = layout_resolve(pack, src, root, diags);
  meeting_read(pack, src, xmlsrc_child(root, "meeting"), diags);
  xmlNode *agenda = xmlsrc_child(root, "agenda");
  for (xmlNode *n = xmlsrc_first_element(agenda); n; n = xmlsrc_next_element(n)) pack->n_items++;
  pack->items = g_new0(PackItem, pack->n_items);
  guint i = 0;
  for (xmlNode *n = xmlsrc_first_element(agenda); n; n = xmlsrc_next_element(n), i++) {
    pack->items[i].number = i + 1;
    item_read(pack, src, n, &pack->items[i], diags);
  }
  xmlsrc_free(src);
  if (diag_errors_since(diags, mark)) {
    pack_free(pack);
    return NULL;
  }
  return pack;
}
