/* pack_agenda — the agenda front sheet of a pack, as a Spec built in
 * memory rather than parsed: it goes through the same layout engine as a
 * report, so it has the house style, tags (its items are a Table with
 * column headers) and outline entries of any report.
 *
 * Everything is allocated in the Spec's pool; the Spec is never bound
 * (it names no measures), so its objects list stays empty. */
#include <string.h>

#include "pack_internal.h"
#include "report/report.h"
#include "spec/spec_build.h"

#define MM (72.0 / 25.4)

char *pack_item_dest(guint number) { return g_strdup_printf("item-%u", number); }

const char *pack_other_lang(const Pack *pack, const char *lang) {
  return lang && g_ascii_strcasecmp(lang, pack->lang) != 0 ? lang : NULL;
}

static SpecBlock *labelled_para(Spec *spec, const char *label, const char *value) {
  SpecBlock *p = spec_block_new(spec, BLOCK_PARAGRAPH, 0, 0);
  SpecRunText runs[] = {{.text = label, .style = RUN_STYLE_BOLD}, {.text = value}};
  p->text = spec_inline_runs(spec, runs, 2);
  return p;
}

static SpecBlock *section_add(Spec *spec, const char *title, GPtrArray *children) {
  SpecBlock *s = spec_block_new(spec, BLOCK_SECTION, 0, 0);
  s->role = SECTION_FRONT;
  s->depth = 1;
  s->title = spec_strdup(spec, title);
  spec_block_set_children(spec, s, children);
  return s;
}

/* "Tuesday 21 May 2013", "dydd Mawrth 21 Mai 2013" */
static char *date_with_weekday(const Pack *pack) {
  return g_strdup_printf("%s %s", isodate_weekday(pack->meeting_date, pack->welsh), pack->date_long);
}

/* What the edition is, for the meeting details: NULL for an ordinary agenda. */
static char *edition_words(const Pack *pack) {
  GString *s = g_string_new(NULL);
  if (pack->is_supplement)
    g_string_append_printf(s, "%s%s%s.", pack_word(pack, SPEC_LABEL_SUPPLEMENT_ABOUT),
                           pack->supplement_published ? pack_word(pack, SPEC_LABEL_PUBLISHED) : "",
                           pack->supplement_published ? pack->supplement_published : "");
  gboolean exempt = pack_first_exempt(pack) != NULL;
  if (pack->edition == PACK_EDITION_CONFIDENTIAL && exempt)
    g_string_append_printf(s, "%s%s", s->len ? " " : "", pack_word(pack, SPEC_LABEL_CONFIDENTIAL_EDITION));
  if (pack->edition == PACK_EDITION_PUBLIC && exempt)
    g_string_append_printf(s, "%s%s", s->len ? " " : "", pack_word(pack, SPEC_LABEL_PUBLIC_EDITION));
  return g_string_free(s, s->len == 0);
}

static SpecBlock *meeting_section(Spec *spec, const Pack *pack) {
  GPtrArray *paras = g_ptr_array_new();
  char *date = date_with_weekday(pack);
  g_ptr_array_add(paras, labelled_para(spec, pack_word(pack, SPEC_LABEL_DATE), date));
  g_free(date);
  if (pack->time) g_ptr_array_add(paras, labelled_para(spec, pack_word(pack, SPEC_LABEL_TIME), pack->time));
  if (pack->venue) g_ptr_array_add(paras, labelled_para(spec, pack_word(pack, SPEC_LABEL_VENUE), pack->venue));
  if (pack->chair) g_ptr_array_add(paras, labelled_para(spec, pack_word(pack, SPEC_LABEL_CHAIR), pack->chair));
  char *about = edition_words(pack);
  if (about) g_ptr_array_add(paras, labelled_para(spec, "", about));
  g_free(about);
  return section_add(spec, pack_word(pack, SPEC_LABEL_MEETING_DETAILS), paras);
}

static SpecBlock *cell_add(Spec *spec, GPtrArray *cells, const SpecRunText *runs, guint n, SpecAlign align) {
  SpecBlock *c = spec_cell_new(spec, spec_inline_runs(spec, runs, n), FALSE, align);
  g_ptr_array_add(cells, c);
  return c;
}

static SpecBlock *head_row(Spec *spec, const Pack *pack, gboolean web) {
  GPtrArray *cells = g_ptr_array_new();
  const char *heads[] = {pack_word(pack, SPEC_LABEL_ITEM), pack_word(pack, SPEC_LABEL_SUBJECT),
                         pack_word(pack, SPEC_LABEL_LEAD_OFFICER), web ? "PDF" : pack_word(pack, SPEC_LABEL_PAGE)};
  for (guint i = 0; i < G_N_ELEMENTS(heads); i++) {
    SpecRunText r = {.text = heads[i]};
    cell_add(spec, cells, &r, 1, i == 3 ? SPEC_ALIGN_RIGHT : SPEC_ALIGN_DEFAULT)->th = TRUE;
  }
  return spec_row_new(spec, cells, TRUE);
}

/* How the item is taken, for the line under its title: NULL when as usual. */
static char *item_status(const Pack *pack, const PackItem *it) {
  if (it->exempt && pack->edition == PACK_EDITION_CONFIDENTIAL) {
    char *notice = pack_exempt_notice(pack, it->exempt);
    notice[0] = g_ascii_tolower(notice[0]); /* "Exempt: not for publication …" */
    char *s = g_strconcat(pack_word(pack, SPEC_LABEL_EXEMPT_STATUS), notice, NULL);
    g_free(notice);
    return s;
  }
  if (it->urgent) return g_strconcat(pack_word(pack, SPEC_LABEL_URGENT_STATUS), it->urgent, NULL);
  if (it->late) return g_strdup(pack_word(pack, SPEC_LABEL_LATE_STATUS));
  return NULL;
}

/* The subject cell: the title in bold ("Supplementary information: item
 * 6" above it in a supplement), how the item is taken in italics, then a
 * short item's text; `href` links the title (the web agenda). */
static void subject_cell(Spec *spec, GPtrArray *cells, const Pack *pack, const PackItem *it, const AgendaLine *line,
                         const char *href) {
  const char *title = line->title;
  char *status = item_status(pack, it);
  char *supplement = pack->is_supplement ? pack_word_n(pack, NULL, SPEC_LABEL_SUPPLEMENT_ITEM, it->number) : NULL;
  gboolean text = it->text && *it->text;
  SpecRunText runs[] = {{.text = supplement, .style = RUN_STYLE_BOLD},
                        {.br = supplement != NULL},
                        {.text = title, .style = supplement ? 0 : RUN_STYLE_BOLD, .href = href, .lang = line->title_lang},
                        {.br = status != NULL},
                        {.text = status, .style = RUN_STYLE_ITALIC},
                        {.br = text},
                        {.text = text ? it->text : NULL}};
  cell_add(spec, cells, runs, G_N_ELEMENTS(runs), SPEC_ALIGN_DEFAULT);
  g_free(status), g_free(supplement);
}

/* The web agenda's row: the title links to the report's page, the last
 * cell to its PDF. */
static SpecBlock *web_item_row(Spec *spec, const Pack *pack, const PackItem *it, const AgendaLine *line) {
  GPtrArray *cells = g_ptr_array_new();
  char num[16];
  g_snprintf(num, sizeof num, "%u", it->number);
  cell_add(spec, cells, &(SpecRunText){.text = num}, 1, SPEC_ALIGN_DEFAULT);
  subject_cell(spec, cells, pack, it, line, line->html);
  cell_add(spec, cells, &(SpecRunText){.text = line->officer, .lang = line->officer_lang}, 1, SPEC_ALIGN_DEFAULT);
  cell_add(spec, cells, &(SpecRunText){.text = line->pdf ? "PDF" : NULL, .href = line->pdf}, 1, SPEC_ALIGN_RIGHT);
  return spec_row_new(spec, cells, FALSE);
}

/* A short item carries its text under the title and a destination on its
 * row; a report's page number links to the report's first page. */
static SpecBlock *item_row(Spec *spec, const Pack *pack, const PackItem *it, const AgendaLine *line) {
  char *dest = pack_item_dest(it->number);
  GPtrArray *cells = g_ptr_array_new();
  char num[16];
  g_snprintf(num, sizeof num, "%u", it->number);
  cell_add(spec, cells, &(SpecRunText){.text = num}, 1, SPEC_ALIGN_DEFAULT);
  subject_cell(spec, cells, pack, it, line, NULL);
  cell_add(spec, cells, &(SpecRunText){.text = line->officer, .lang = line->officer_lang}, 1, SPEC_ALIGN_DEFAULT);
  char page[16] = "", *href = g_strconcat("#", dest, NULL);
  if (line->page) g_snprintf(page, sizeof page, "%u", line->page);
  cell_add(spec, cells, &(SpecRunText){.text = line->page ? page : NULL, .href = href}, 1, SPEC_ALIGN_RIGHT);
  g_free(href);
  SpecBlock *row = spec_row_new(spec, cells, FALSE);
  if (it->kind == PACK_ITEM_TEXT) row->id = spec_strdup(spec, dest);
  g_free(dest);
  return row;
}

static SpecBlock *items_table(Spec *spec, const Pack *pack, const AgendaLine *lines, gboolean web) {
  SpecBlock *t = spec_block_new(spec, BLOCK_TABLE, 0, 0);
  t->zebra = TRUE;
  /* fixed widths for the number and page columns: the page numbers of the
   * second pass cannot change how the table wraps, so neither can the
   * agenda's page count */
  const SpecColumn cols[] = {{.width = SPEC_COL_FIXED, .value = 14 * MM},
                             {.width = SPEC_COL_SHARE, .value = 1},
                             {.width = SPEC_COL_PERCENT, .value = 0.3},
                             {.width = SPEC_COL_FIXED, .value = 16 * MM, .align = SPEC_ALIGN_RIGHT}};
  spec_table_set_columns(spec, t, cols, G_N_ELEMENTS(cols));
  GPtrArray *rows = g_ptr_array_new();
  g_ptr_array_add(rows, head_row(spec, pack, web));
  for (guint i = 0; i < pack->n_items; i++)
    g_ptr_array_add(rows, (web ? web_item_row : item_row)(spec, pack, &pack->items[i], &lines[i]));
  spec_block_set_children(spec, t, rows);
  return t;
}

Spec *pack_agenda_spec(const Pack *pack, const AgendaLine *lines) { return pack_agenda_spec_web(pack, lines, FALSE); }

Spec *pack_agenda_spec_web(const Pack *pack, const AgendaLine *lines, gboolean web) {
  Spec *spec = spec_new(pack->path, pack->dir);
  spec->lang = spec_strdup(spec, pack->lang);
  spec->layout = spec_strdup(spec, pack->layout);
  spec->body_title = "Report";
  spec->dest_prefix = "";
  SpecMeta *m = &spec->meta;
  m->committee = spec_strdup(spec, pack->body);
  m->date = spec_strdup(spec, pack->date);
  m->date_long = spec_strdup(spec, pack->date_long);
  gboolean confidential = pack->edition == PACK_EDITION_CONFIDENTIAL && pack_first_exempt(pack);
  m->title = pack_word(pack, pack->is_supplement ? (confidential ? SPEC_LABEL_SUPPLEMENT_CONFIDENTIAL : SPEC_LABEL_SUPPLEMENT)
                                                : (confidential ? SPEC_LABEL_AGENDA_CONFIDENTIAL : SPEC_LABEL_AGENDA));
  m->portfolios = spec_alloc(spec, sizeof(char *));
  m->created = pack->created;
  GPtrArray *sections = g_ptr_array_new();
  g_ptr_array_add(sections, meeting_section(spec, pack));
  GPtrArray *items = g_ptr_array_new();
  g_ptr_array_add(items, items_table(spec, pack, lines, web));
  g_ptr_array_add(sections, section_add(spec, pack_word(pack, SPEC_LABEL_ITEMS), items));
  spec->front = spec_block_new(spec, BLOCK_SECTION, 0, 0);
  spec->front->role = SECTION_FRONT;
  spec_block_set_children(spec, spec->front, sections);
  spec->annexes = spec_alloc(spec, sizeof(SpecBlock *));
  report_spec_labels(spec); /* "(continued)", the footer: bind's words, as a report's */
  return spec;
}
