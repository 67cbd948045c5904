/* pack — PACK.xml → the Pack model. See pack.h. */
#include "pack.h"
#include <string.h>


#include "base/isodate.h"
#include "base/period.h"
#include "report/report.h"
#include "spec/spec_build.h"
#include "base/xmlsrc.h"

static const struct {
  const char *element;
  SpecLabel title;
} standard_titles[] = {
    {"apologies", SPEC_LABEL_APOLOGIES},
    {"declarations", SPEC_LABEL_DECLARATIONS},
    {"minutes", SPEC_LABEL_MINUTES},
};

static void item_clear(PackItem *it) {
  g_free(it->title);
  g_free(it->text);
  g_free(it->officer);
  g_free(it->spec);
  g_free(it->urgent);
}

static void items_free(PackItem *items, guint n) {
  for (guint i = 0; i < n; i++) item_clear(&items[i]);
  g_free(items);
}

void pack_free(Pack *pack) {
  if (!pack) return;
  items_free(pack->items, pack->n_items);
  items_free(pack->supplement, pack->n_supplement);
  g_free(pack->supplement_published);
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
  pack->date_long = isodate_long(pack->meeting_date, pack->welsh); /* the agenda's language */
  pack->created = isodate_unix(pack->meeting_date);
  char *created = child_text(m, "created");
  if (created && !isodate_time_parse(created, &pack->created, &why)) {
    xmlsrc_diag(src, xmlsrc_child(m, "created"), diags, DIAG_ERROR, "%s", why);
    g_free(why);
  }
  g_free(created);
  return !diag_errors_since(diags, mark);
}

/* Each law's schedule of exempt information: its paragraphs are
 * numbered 1 to `paragraphs` (in Part 1, or Part I in Scotland). */
static const struct {
  const char *value; /* law= */
  const char *schedule, *where;
  guint paragraphs;
} laws[] = {
    [PACK_LAW_ENGLAND_WALES] = {"england-wales", "Schedule 12A", "Part 1 of Schedule 12A to the Local Government Act 1972", 7},
    [PACK_LAW_SCOTLAND] = {"scotland", "Schedule 7A", "Part I of Schedule 7A to the Local Government (Scotland) Act 1973", 15},
};

const char *pack_law_schedule(const Pack *pack) { return laws[pack->law].schedule; }

/* law= (the schema allows only the values of `laws`); England and Wales by default. */
static PackLaw law_read(xmlNode *root) {
  char *law = xmlsrc_attr(root, "law");
  PackLaw out = PACK_LAW_ENGLAND_WALES;
  for (guint i = 0; law && i < G_N_ELEMENTS(laws); i++)
    if (strcmp(law, laws[i].value) == 0) out = (PackLaw)i;
  g_free(law);
  return out;
}

/* exempt= is a positive integer by the schema; whether it is a paragraph
 * depends on the pack's law, so it is checked here, at the item. */
static guint exempt_read(const Pack *pack, const XmlSource *src, xmlNode *n, DiagList *diags) {
  char *exempt = xmlsrc_attr(n, "exempt");
  if (!exempt) return 0;
  guint64 paragraph = g_ascii_strtoull(exempt, NULL, 10);
  guint max = laws[pack->law].paragraphs;
  if (paragraph < 1 || paragraph > max)
    xmlsrc_diag(src, n, diags, DIAG_ERROR, "exempt=\"%s\": %s has paragraphs 1 to %u%s", exempt,
                laws[pack->law].where, max,
                pack->law == PACK_LAW_ENGLAND_WALES ? " (a Scottish council's pack says <pack law=\"scotland\">: "
                                                      "Schedule 7A, paragraphs 1 to 15)"
                                                    : "");
  g_free(exempt);
  return paragraph <= max ? (guint)paragraph : 0;
}

/* exempt=, late=, urgent= (the schema allows only late yes|no). */
static void status_read(const Pack *pack, const XmlSource *src, xmlNode *n, PackItem *it, DiagList *diags) {
  it->exempt = exempt_read(pack, src, n, diags);
  it->late = xmlsrc_attr_yes(n, "late", FALSE);
  it->urgent = xmlsrc_attr(n, "urgent");
}

static void item_read(Pack *pack, const XmlSource *src, xmlNode *n, PackItem *it, DiagList *diags) {
  it->line = xmlsrc_line(n);
  it->col = xmlsrc_col(src, n);
  it->title = xmlsrc_attr(n, "title");
  it->officer = xmlsrc_attr(n, "officer");
  status_read(pack, src, n, it, diags);
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
    if (xmlsrc_is(n, standard_titles[k].element)) it->title = g_strdup(pack_word(pack, standard_titles[k].title));
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

/* <supplement>: each report's item= must be on the agenda, once. */
static void supplement_read(Pack *pack, const XmlSource *src, xmlNode *sup, DiagList *diags) {
  if (!sup) return;
  char *published = xmlsrc_attr(sup, "published");
  IsoDate d;
  char *why = NULL;
  if (published && isodate_parse(published, &d, &why)) pack->supplement_published = isodate_long(d, pack->welsh);
  else if (published) xmlsrc_diag(src, sup, diags, DIAG_ERROR, "published=: %s", why);
  g_free(published), g_free(why);
  for (xmlNode *n = xmlsrc_first_element(sup); n; n = xmlsrc_next_element(n)) pack->n_supplement++;
  pack->supplement = g_new0(PackItem, pack->n_supplement);
  guint i = 0;
  for (xmlNode *n = xmlsrc_first_element(sup); n; n = xmlsrc_next_element(n), i++) {
    PackItem *it = &pack->supplement[i];
    item_read(pack, src, n, it, diags);
    char *item = xmlsrc_attr(n, "item");
    it->number = (guint)g_ascii_strtoull(item, NULL, 10);
    g_free(item);
    if (it->number < 1 || it->number > pack->n_items)
      xmlsrc_diag(src, n, diags, DIAG_ERROR, "item=\"%u\": the agenda has items 1 to %u", it->number, pack->n_items);
    else if (!it->exempt) /* information for an exempt item is exempt as the item is, unless it says otherwise */
      it->exempt = pack->items[it->number - 1].exempt;
    for (guint j = 0; j < i; j++)
      if (pack->supplement[j].number == it->number)
        xmlsrc_diag(src, n, diags, DIAG_ERROR,
                    "item %u already has supplementary information (line %d): give it one <report>", it->number,
                    pack->supplement[j].line);
  }
}

/* The pack's words: those of a model in its language given its labels as
 * a report's are (the words are static). */
static void pack_words_set(Pack *pack) {
  Spec *shell = spec_new(pack->path, pack->dir);
  shell->lang = pack->lang;
  report_spec_labels(shell);
  pack->welsh = shell->meta.welsh;
  memcpy(pack->words, shell->meta.labels, sizeof pack->words);
  spec_free(shell);
}

const char *pack_word(const Pack *pack, SpecLabel word) { return pack_word_in(pack, NULL, word); }

/* The words that cite the law are Scots law's in a Scottish pack. */
static SpecLabel law_word(const Pack *pack, SpecLabel word) {
  if (pack->law != PACK_LAW_SCOTLAND) return word;
  switch (word) {
  case SPEC_LABEL_CONFIDENTIAL_EDITION: return SPEC_LABEL_CONFIDENTIAL_EDITION_SCOTLAND;
  case SPEC_LABEL_PUBLIC_EDITION: return SPEC_LABEL_PUBLIC_EDITION_SCOTLAND;
  case SPEC_LABEL_EXEMPT_NOTICE: return SPEC_LABEL_EXEMPT_NOTICE_SCOTLAND;
  default: return word;
  }
}

const char *pack_word_in(const Pack *pack, const char *lang, SpecLabel word) {
  return pack->words[(lang ? spec_lang_is_welsh(lang) : pack->welsh) ? 1 : 0][law_word(pack, word)];
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
  pack_words_set(pack);
  pack->law = law_read(root); /* before the items: it says which paragraphs they may cite */
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
  supplement_read(pack, src, xmlsrc_child(root, "supplement"), diags);
  xmlsrc_free(src);
  if (diag_errors_since(diags, mark)) {
    pack_free(pack);
    return NULL;
  }
  return pack;
}

/* ---- editions ------------------------------------------------------------ */

const PackItem *pack_first_exempt(const Pack *pack) {
  for (guint i = 0; i < pack->n_items; i++)
    if (pack->items[i].exempt) return &pack->items[i];
  for (guint i = 0; i < pack->n_supplement; i++)
    if (pack->supplement[i].exempt) return &pack->supplement[i];
  return NULL;
}

char *pack_word_n(const Pack *pack, const char *lang, SpecLabel word, guint n) {
  char num[16];
  g_snprintf(num, sizeof num, "%u", n);
  char **parts = g_strsplit(pack_word_in(pack, lang, word), "{n}", -1);
  char *t = g_strjoinv(num, parts);
  g_strfreev(parts);
  return t;
}

char *pack_exempt_notice(const Pack *pack, guint paragraph) {
  return pack_word_n(pack, NULL, SPEC_LABEL_EXEMPT_NOTICE, paragraph);
}

/* An exempt item as the public sees it: its number, the title the clerk
 * gave it in PACK.xml (never the spec's, which is not read), its officer,
 * and the notice. */
static void item_make_public(const Pack *pack, PackItem *it) {
  g_free(it->spec);
  it->spec = NULL;
  it->kind = PACK_ITEM_TEXT;
  if (!it->title) it->title = g_strdup(pack_word(pack, SPEC_LABEL_EXEMPT_ITEM));
  g_free(it->text);
  it->text = pack_exempt_notice(pack, it->exempt);
}

void pack_select(Pack *pack, PackEdition edition, gboolean supplement) {
  if (supplement) {
    items_free(pack->items, pack->n_items);
    pack->items = pack->supplement, pack->n_items = pack->n_supplement;
    pack->supplement = NULL, pack->n_supplement = 0;
    pack->is_supplement = TRUE;
  }
  pack->edition = edition;
  if (edition != PACK_EDITION_PUBLIC) return;
  for (guint i = 0; i < pack->n_items; i++)
    if (pack->items[i].exempt) item_make_public(pack, &pack->items[i]);
  for (guint i = 0; i < pack->n_supplement; i++)
    if (pack->supplement[i].exempt) item_make_public(pack, &pack->supplement[i]);
}

char *pack_item_label(const Pack *pack, const PackItem *it, const char *lang) {
  GString *s = g_string_new(NULL);
  g_string_append_printf(s, "%u", it->number);
  if (it->exempt && pack->edition == PACK_EDITION_CONFIDENTIAL) {
    char *exempt = pack_word_n(pack, lang, SPEC_LABEL_ITEM_EXEMPT, it->exempt);
    g_string_append(s, exempt);
    g_free(exempt);
  }
  if (pack->is_supplement) g_string_append(s, pack_word_in(pack, lang, SPEC_LABEL_ITEM_SUPPLEMENT));
  if (it->urgent) g_string_append(s, pack_word_in(pack, lang, SPEC_LABEL_ITEM_URGENT));
  else if (it->late) g_string_append(s, pack_word_in(pack, lang, SPEC_LABEL_ITEM_LATE));
  return g_string_free(s, FALSE);
}

void pack_item_label_relang(const Pack *pack, const PackItem *it, Spec *spec) {
  if (!spec->meta.agenda_item || !spec->lang || spec_lang_is_welsh(spec->lang) == pack->welsh) return;
  char *label = pack_item_label(pack, it, spec->lang);
  spec->meta.agenda_item = spec_strdup(spec, label);
  g_free(label);
}
