/* pack_agenda — the agenda front sheet of a pack, as a Spec built in
 * memory rather than parsed: it goes through the same layout engine as a
 * report, so it has the house style, tags (its items are a Table with
 * column headers) and outline entries of any report.
 *
 * Everything is allocated in the Spec's pool; the Spec is never bound
 * (it names no measures), so its objects list stays empty. */
#include <string.h>

#include "pack_internal.h"

#define MM (72.0 / 25.4)

char *pack_item_dest(guint number) { return g_strdup_printf("item-%u", number); }

static SpecBlock *block_add(Spec *spec, SpecBlockKind kind) {
  SpecBlock *b = spec_alloc(spec, sizeof *b);
  b->kind = kind;
  return b;
}

static void children_set(Spec *spec, SpecBlock *b, GPtrArray *children) {
  b->n_children = children->len;
  b->children = spec_alloc(spec, sizeof(SpecBlock *) * (children->len + 1));
  for (guint i = 0; i < children->len; i++) b->children[i] = g_ptr_array_index(children, i);
  g_ptr_array_free(children, TRUE);
}

/* Inline text from up to four runs; a NULL text ends the list early. */
typedef struct {
  const char *text;
  guint style;
  const char *href;
  gboolean br;
} Run;

static SpecInline inline_make(Spec *spec, const Run *runs, guint n) {
  SpecInline in = {.runs = spec_alloc(spec, sizeof(SpecRun) * MAX(n, 1))};
  for (guint i = 0; i < n; i++) {
    if (!runs[i].br && !runs[i].text) continue;
    SpecRun *r = &in.runs[in.n_runs++];
    r->kind = runs[i].br ? RUN_BREAK : RUN_TEXT;
    r->text = runs[i].text ? spec_strdup(spec, runs[i].text) : NULL;
    r->style = runs[i].style;
    r->href = runs[i].href ? spec_strdup(spec, runs[i].href) : NULL;
  }
  return in;
}

static SpecBlock *labelled_para(Spec *spec, const char *label, const char *value) {
  SpecBlock *p = block_add(spec, BLOCK_PARAGRAPH);
  Run runs[] = {{.text = label, .style = RUN_STYLE_BOLD}, {.text = value}};
  p->text = inline_make(spec, runs, 2);
  return p;
}

static SpecBlock *section_add(Spec *spec, const char *title, GPtrArray *children) {
  SpecBlock *s = block_add(spec, BLOCK_SECTION);
  s->role = SECTION_FRONT;
  s->depth = 1;
  s->title = spec_strdup(spec, title);
  children_set(spec, s, children);
  return s;
}

/* "Tuesday 21 May 2013" */
static char *date_with_weekday(const Pack *pack) {
  return g_strdup_printf("%s %s", isodate_weekday(pack->meeting_date), pack->date_long);
}

static SpecBlock *meeting_section(Spec *spec, const Pack *pack) {
  GPtrArray *paras = g_ptr_array_new();
  char *date = date_with_weekday(pack);
  g_ptr_array_add(paras, labelled_para(spec, "Date: ", date));
  g_free(date);
  if (pack->time) g_ptr_array_add(paras, labelled_para(spec, "Time: ", pack->time));
  if (pack->venue) g_ptr_array_add(paras, labelled_para(spec, "Venue: ", pack->venue));
  if (pack->chair) g_ptr_array_add(paras, labelled_para(spec, "Chair: ", pack->chair));
  return section_add(spec, "Meeting details", paras);
}

static SpecBlock *cell_add(Spec *spec, GPtrArray *cells, const Run *runs, guint n, SpecAlign align) {
  SpecBlock *c = block_add(spec, BLOCK_TABLE_CELL);
  c->colspan = 1;
  c->align = align;
  c->text = inline_make(spec, runs, n);
  g_ptr_array_add(cells, c);
  return c;
}

static SpecBlock *head_row(Spec *spec) {
  SpecBlock *row = block_add(spec, BLOCK_TABLE_ROW);
  row->head = TRUE;
  GPtrArray *cells = g_ptr_array_new();
  const char *heads[] = {"Item", "Subject", "Lead officer", "Page"};
  for (guint i = 0; i < G_N_ELEMENTS(heads); i++) {
    Run r = {.text = heads[i]};
    cell_add(spec, cells, &r, 1, i == 3 ? SPEC_ALIGN_RIGHT : SPEC_ALIGN_DEFAULT)->th = TRUE;
  }
  children_set(spec, row, cells);
  return row;
}

/* A short item carries its text under the title and a destination on its
 * row; a report's page number links to the report's first page. */
static SpecBlock *item_row(Spec *spec, const PackItem *it, const AgendaLine *line) {
  SpecBlock *row = block_add(spec, BLOCK_TABLE_ROW);
  char *dest = pack_item_dest(it->number);
  if (it->kind == PACK_ITEM_TEXT) row->id = spec_strdup(spec, dest);
  GPtrArray *cells = g_ptr_array_new();
  char num[16];
  g_snprintf(num, sizeof num, "%u", it->number);
  cell_add(spec, cells, &(Run){.text = num}, 1, SPEC_ALIGN_DEFAULT);
  Run subject[] = {{.text = line->title, .style = RUN_STYLE_BOLD}, {.br = it->text && *it->text}, {.text = it->text}};
  cell_add(spec, cells, subject, it->text && *it->text ? 3 : 1, SPEC_ALIGN_DEFAULT);
  cell_add(spec, cells, &(Run){.text = line->officer}, 1, SPEC_ALIGN_DEFAULT);
  char page[16] = "", *href = g_strconcat("#", dest, NULL);
  if (line->page) g_snprintf(page, sizeof page, "%u", line->page);
  cell_add(spec, cells, &(Run){.text = line->page ? page : NULL, .href = href}, 1, SPEC_ALIGN_RIGHT);
  g_free(href);
  g_free(dest);
  children_set(spec, row, cells);
  return row;
}

static SpecBlock *items_table(Spec *spec, const Pack *pack, const AgendaLine *lines) {
  SpecBlock *t = block_add(spec, BLOCK_TABLE);
  t->zebra = TRUE;
  t->n_columns = 4;
  t->columns = spec_alloc(spec, sizeof(SpecColumn) * 4);
  /* fixed widths for the number and page columns: the page numbers of the
   * second pass cannot change how the table wraps, so neither can the
   * agenda's page count */
  t->columns[0] = (SpecColumn){.width = SPEC_COL_FIXED, .value = 14 * MM};
  t->columns[1] = (SpecColumn){.width = SPEC_COL_SHARE, .value = 1};
  t->columns[2] = (SpecColumn){.width = SPEC_COL_PERCENT, .value = 0.3};
  t->columns[3] = (SpecColumn){.width = SPEC_COL_FIXED, .value = 16 * MM, .align = SPEC_ALIGN_RIGHT};
  GPtrArray *rows = g_ptr_array_new();
  g_ptr_array_add(rows, head_row(spec));
  for (guint i = 0; i < pack->n_items; i++) g_ptr_array_add(rows, item_row(spec, &pack->items[i], &lines[i]));
  children_set(spec, t, rows);
  return t;
}

Spec *pack_agenda_spec(const Pack *pack, const AgendaLine *lines) {
  Spec *spec = g_new0(Spec, 1);
  spec->path = g_strdup(pack->path);
  spec->dir = g_strdup(pack->dir);
  spec->pool = g_ptr_array_new_with_free_func(g_free);
  spec->objects = g_ptr_array_new();
  spec->lang = spec_strdup(spec, pack->lang);
  spec->layout = spec_strdup(spec, pack->layout);
  spec->body_title = "Report";
  spec->dest_prefix = "";
  SpecMeta *m = &spec->meta;
  m->committee = spec_strdup(spec, pack->body);
  m->date = spec_strdup(spec, pack->date);
  m->date_long = spec_strdup(spec, pack->date_long);
  m->title = "Agenda";
  m->portfolios = spec_alloc(spec, sizeof(char *));
  m->created = pack->created;
  GPtrArray *sections = g_ptr_array_new();
  g_ptr_array_add(sections, meeting_section(spec, pack));
  GPtrArray *items = g_ptr_array_new();
  g_ptr_array_add(items, items_table(spec, pack, lines));
  g_ptr_array_add(sections, section_add(spec, "Items", items));
  spec->front = block_add(spec, BLOCK_SECTION);
  spec->front->role = SECTION_FRONT;
  children_set(spec, spec->front, sections);
  spec->annexes = spec_alloc(spec, sizeof(SpecBlock *));
  return spec;
}
