/* spec — XML report specification → document model. See spec.h.
 *
 * The parser trusts the schema for structure (validation runs first) and
 * only checks what a schema cannot: dates, referenced files, numbering. */
#include "spec.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/infile.h"
#include "base/isodate.h"
#include "base/length.h"
#include "base/pngimage.h"
#include "spec_internal.h"

/* ---- pool ----------------------------------------------------------- */

/* Every allocation of a spec is carved from blocks of POOL_BLOCK bytes
 * and freed with them: a long report's model is tens of thousands of
 * blocks and strings, and a malloc each (with its header, and a pointer
 * to it kept for spec_free) cost a third again. Strings are copied in
 * at their exact length; a request larger than a quarter of a block gets
 * a block of its own. Blocks are zeroed when made, so every allocation
 * starts zeroed. */

/* Small, so that the holes the XML tree leaves as each part of it is
 * freed once read (xmlsrc_release) take the model's next blocks: with
 * 64 KB blocks none fit, and the 2,911-page report's load peaked 3 MB
 * higher (1 KB did no better than 2). */
#define POOL_BLOCK (2 * 1024)
#define POOL_ALIGN 16 /* alignof(max_align_t) on the machines we build for */

typedef struct PoolBlock {
  struct PoolBlock *next;
  gsize used, size; /* bytes of `data` */
  _Alignas(POOL_ALIGN) char data[];
} PoolBlock;

static PoolBlock *pool_block_new(gsize size, PoolBlock *next) {
  PoolBlock *b = g_malloc0(sizeof(PoolBlock) + size);
  b->next = next, b->size = size;
  return b;
}

static gpointer pool_get(Spec *spec, gsize size, gsize align) {
  PoolBlock *head = spec->pool;
  if (size > POOL_BLOCK / 4) { /* its own block, behind the one being filled */
    PoolBlock *own = pool_block_new(size, head ? head->next : NULL);
    if (head) head->next = own;
    else spec->pool = own;
    own->used = size;
    return own->data;
  }
  gsize at = head ? (head->used + align - 1) & ~(align - 1) : 0;
  if (!head || at + size > head->size) {
    head = spec->pool = pool_block_new(POOL_BLOCK, head);
    at = 0;
  }
  head->used = at + size;
  return head->data + at;
}

static void pool_free(Spec *spec) {
  for (PoolBlock *b = spec->pool, *next; b; b = next) {
    next = b->next;
    g_free(b);
  }
  spec->pool = NULL;
}

gpointer spec_alloc(Spec *spec, gsize size) { return pool_get(spec, MAX(size, (gsize)1), POOL_ALIGN); }

static const char *pool_strndup(Spec *spec, const char *s, gsize len) {
  char *copy = pool_get(spec, len + 1, 1);
  memcpy(copy, s, len);
  return copy; /* the NUL is there: the block was zeroed */
}

const char *spec_strdup(Spec *spec, const char *s) { return s ? pool_strndup(spec, s, strlen(s)) : NULL; }

const char *pool_take(Spec *spec, char *s) {
  if (!s) return NULL;
  const char *copy = spec_strdup(spec, s);
  g_free(s);
  return copy;
}

typedef struct {
  gpointer object;
  GDestroyNotify destroy;
} Owned;

static void owned_free(gpointer p) {
  Owned *o = p;
  o->destroy(o->object);
  g_free(o);
}

void spec_own(Spec *spec, gpointer object, GDestroyNotify destroy) {
  Owned *o = g_new(Owned, 1);
  o->object = object, o->destroy = destroy;
  g_ptr_array_add(spec->objects, o);
}

void spec_free(Spec *spec) {
  if (!spec) return;
  g_ptr_array_free(spec->objects, TRUE);
  pool_free(spec);
  g_free(spec->path);
  g_free(spec->dir);
  g_free(spec);
}

/* Strings of the meta and the top of the model moved into the (new) pool. */
static void person_copy(Spec *spec, SpecPerson *p) {
  p->name = spec_strdup(spec, p->name), p->role = spec_strdup(spec, p->role);
  p->phone = spec_strdup(spec, p->phone), p->email = spec_strdup(spec, p->email);
}

static void top_copy(Spec *spec) {
  SpecMeta *m = &spec->meta;
  const char **fields[] = {&m->committee, &m->date,  &m->date_long,     &m->agenda_item,   &m->title,
                           &m->subject,   &m->wards, &m->keywords,      &m->signature_src, &m->signature_alt,
                           &spec->lang,   &spec->layout, &spec->body_title, &spec->dest_prefix,
                           &spec->data.catalogue, &spec->data.values, &spec->data.period, &spec->data.units};
  for (guint i = 0; i < G_N_ELEMENTS(fields); i++) *fields[i] = spec_strdup(spec, *fields[i]);
  person_copy(spec, &m->author);
  person_copy(spec, &m->contact);
  if (!m->portfolios) return;
  guint n = g_strv_length((char **)m->portfolios);
  const char **list = spec_alloc(spec, sizeof(const char *) * (n + 1));
  for (guint i = 0; i < n; i++) list[i] = spec_strdup(spec, m->portfolios[i]);
  m->portfolios = list;
}

void spec_drop_blocks(Spec *spec) {
  PoolBlock *old = spec->pool;
  GPtrArray *objects = spec->objects;
  spec->pool = NULL;
  spec->objects = g_ptr_array_new_with_free_func(owned_free);
  top_copy(spec);
  spec->front = spec->body = NULL;
  spec->annexes = spec_alloc(spec, sizeof(SpecBlock *));
  spec->n_annexes = 0;
  g_ptr_array_free(objects, TRUE);
  PoolBlock *fresh = spec->pool;
  spec->pool = old;
  pool_free(spec);
  spec->pool = fresh;
}

static gboolean strict_wanted; /* --strict: set once by the command line, before any spec is read */
void spec_set_strict(gboolean strict) { strict_wanted = strict; }
gboolean spec_strict(void) { return strict_wanted; }

Spec *spec_new(const char *path, const char *dir) {
  Spec *spec = g_new0(Spec, 1);
  spec->meta.arrow_basis = -1; /* until bind knows what the arrows compare with */
  spec->strict = strict_wanted;
  spec->path = g_strdup(path);
  spec->dir = g_strdup(dir);
  spec->objects = g_ptr_array_new_with_free_func(owned_free);
  return spec;
}

SpecBlock *block_new(Parser *p, SpecBlockKind kind, xmlNode *node) {
  if (!node) return spec_block_new(p->spec, kind, 0, 0);
  SpecBlock *b = spec_block_new(p->spec, kind, xmlsrc_line(node), xmlsrc_col(p->src, node));
  b->id = pool_take(p->spec, xmlsrc_attr(node, "id"));
  b->lang = pool_take(p->spec, xmlsrc_attr(node, "lang"));
  char *keep = xmlsrc_attr(node, "keep"), *orientation = xmlsrc_attr(node, "orientation");
  b->keep_together = keep && strcmp(keep, "together") == 0;
  b->landscape = orientation && strcmp(orientation, "landscape") == 0;
  g_free(keep);
  g_free(orientation);
  return b;
}

/* ---- inline text ------------------------------------------------------ */

/* Collapse XML whitespace to single spaces; `*prev_space` carries the state
 * across runs so "a <b>b</b> c" keeps exactly one space at each joint. */
static char *collapse_space(const char *s, gboolean *prev_space) {
  GString *out = g_string_new(NULL);
  for (const char *c = s; *c; c++) {
    if (*c == ' ' || *c == '\t' || *c == '\n' || *c == '\r') {
      if (!*prev_space) g_string_append_c(out, ' ');
      *prev_space = TRUE;
    } else {
      g_string_append_c(out, *c);
      *prev_space = FALSE;
    }
  }
  return g_string_free(out, FALSE);
}

static gboolean is_inline_element(const xmlNode *n) {
  static const char *names[] = {"b",      "i",      "a",         "br",     "span",  "value", "direction",
                                "band",   "change", "period",    "xref",   "footnote", "rank", NULL};
  for (int i = 0; names[i]; i++)
    if (xmlsrc_is(n, names[i])) return TRUE;
  return FALSE;
}

static void measure_ref_read(Parser *p, xmlNode *n, SpecRun *run) {
  Spec *s = p->spec;
  SpecMeasureRef *m = &run->measure;
  m->kind = xmlsrc_is(n, "value")       ? MEASURE_REF_VALUE
            : xmlsrc_is(n, "direction") ? MEASURE_REF_DIRECTION
            : xmlsrc_is(n, "band")      ? MEASURE_REF_BAND
            : xmlsrc_is(n, "period")    ? MEASURE_REF_PERIOD
            : xmlsrc_is(n, "rank")      ? MEASURE_REF_RANK
                                        : MEASURE_REF_CHANGE;
  m->ref = pool_take(s, xmlsrc_attr(n, "ref"));
  m->period = pool_take(s, xmlsrc_attr(n, m->kind == MEASURE_REF_PERIOD ? "of" : "period"));
  m->series = pool_take(s, xmlsrc_attr(n, "series"));
  m->from = pool_take(s, xmlsrc_attr(n, "from"));
  m->to = pool_take(s, xmlsrc_attr(n, "to"));
  m->group = pool_take(s, xmlsrc_attr(n, "group"));
  m->among = pool_take(s, xmlsrc_attr(n, "among"));
  m->optional = xmlsrc_attr_yes(n, "optional", FALSE);
  char *dec = xmlsrc_attr(n, "decimals");
  m->decimals = dec ? atoi(dec) : -1;
  g_free(dec);
  char *unit = xmlsrc_attr(n, "unit");
  m->no_unit = unit && strcmp(unit, "no") == 0;
  g_free(unit);
  m->words = xmlsrc_attr_yes(n, "words", FALSE);
  m->verb = xmlsrc_attr_yes(n, "verb", FALSE);
  m->quartile = xmlsrc_attr_yes(n, "quartile", FALSE);
}

/* A link leads into the document (#id) or to the web, mail or a phone:
 * any other scheme (javascript:, file:, a viewer's launch actions) is
 * refused at the <a>, and so is a URI without a scheme. */
static void href_check(Parser *p, xmlNode *n, const char *href) {
  static const char *const allowed[] = {"https", "http", "mailto", "tel", NULL};
  if (!href || href[0] == '#') return;
  size_t len = strspn(href, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");
  gboolean has_scheme = len > 0 && g_ascii_isalpha(href[0]) && href[len] == ':';
  char *scheme = has_scheme ? g_ascii_strdown(href, (gssize)len) : NULL;
  gboolean ok = FALSE;
  for (int i = 0; scheme && allowed[i]; i++) ok |= strcmp(scheme, allowed[i]) == 0;
  if (!ok && scheme)
    xmlsrc_diag(p->src, n, p->diags, DIAG_ERROR,
                "<a href>: the link scheme \"%s:\" is not allowed (use https:, http:, mailto:, tel: or #id)", scheme);
  else if (!ok)
    xmlsrc_diag(p->src, n, p->diags, DIAG_ERROR,
                "<a href>: a link must start with https:, http:, mailto:, tel: or # (a place in the report)");
  g_free(scheme);
}

static void inline_collect(Parser *p, xmlNode *parent, guint style, const char *href, GArray *runs,
                           gboolean *prev_space) {
  for (xmlNode *n = parent->children; n; n = n->next) {
    if (n->type == XML_TEXT_NODE) {
      SpecRun run = {.kind = RUN_TEXT, .style = style, .href = href};
      run.text = pool_take(p->spec, collapse_space((const char *)n->content, prev_space));
      if (*run.text) g_array_append_val(runs, run);
      continue;
    }
    if (n->type != XML_ELEMENT_NODE || !is_inline_element(n)) continue;
    if (xmlsrc_is(n, "b")) {
      inline_collect(p, n, style | RUN_STYLE_BOLD, href, runs, prev_space);
    } else if (xmlsrc_is(n, "i")) {
      inline_collect(p, n, style | RUN_STYLE_ITALIC, href, runs, prev_space);
    } else if (xmlsrc_is(n, "a")) {
      const char *target = pool_take(p->spec, xmlsrc_attr(n, "href"));
      href_check(p, n, target);
      guint first = runs->len;
      inline_collect(p, n, style, target, runs, prev_space);
      for (guint i = first; i < runs->len; i++) /* its text is at the <a>: a link to no id is reported there */
        if (!g_array_index(runs, SpecRun, i).line)
          g_array_index(runs, SpecRun, i).line = xmlsrc_line(n), g_array_index(runs, SpecRun, i).col = xmlsrc_col(p->src, n);
    } else if (xmlsrc_is(n, "span")) {
      guint first = runs->len;
      inline_collect(p, n, style, href, runs, prev_space);
      const char *lang = pool_take(p->spec, xmlsrc_attr(n, "lang"));
      for (guint i = first; i < runs->len; i++) /* an inner span keeps its own */
        if (!g_array_index(runs, SpecRun, i).lang) g_array_index(runs, SpecRun, i).lang = lang;
    } else {
      SpecRun run = {.style = style, .href = href, .line = xmlsrc_line(n), .col = xmlsrc_col(p->src, n)};
      if (xmlsrc_is(n, "br")) {
        run.kind = RUN_BREAK;
        *prev_space = TRUE; /* no space at the start of the next line */
      } else if (xmlsrc_is(n, "footnote")) {
        /* numbered through the report in reading order; its text, white space collapsed */
        run.kind = RUN_FOOTNOTE;
        run.href = NULL;
        run.text = pool_take(p->spec, g_strdup_printf("%d", ++p->footnotes));
        gboolean space = TRUE;
        char *content = (char *)xmlNodeGetContent(n);
        run.note = pool_take(p->spec, g_strstrip(collapse_space(content ? content : "", &space)));
        xmlFree(content);
        *prev_space = FALSE;
      } else if (xmlsrc_is(n, "xref")) {
        run.kind = RUN_XREF;
        run.href = pool_take(p->spec, xmlsrc_attr(n, "to"));
        *prev_space = FALSE;
      } else {
        run.kind = RUN_MEASURE;
        measure_ref_read(p, n, &run);
        *prev_space = FALSE;
      }
      g_array_append_val(runs, run);
    }
  }
}

/* Trim the space at the very start and end of a paragraph. */
static void inline_trim(Spec *s, GArray *runs) {
  while (runs->len) {
    SpecRun *first = &g_array_index(runs, SpecRun, 0);
    if (first->kind != RUN_TEXT) break;
    if (*first->text == ' ') first->text++;
    if (*first->text) break;
    g_array_remove_index(runs, 0);
  }
  while (runs->len) {
    SpecRun *last = &g_array_index(runs, SpecRun, runs->len - 1);
    if (last->kind != RUN_TEXT) break;
    size_t len = strlen(last->text);
    if (len && last->text[len - 1] == ' ') {
      char *t = g_strndup(last->text, len - 1);
      last->text = pool_take(s, t);
      len--;
    }
    if (len) break;
    g_array_remove_index(runs, runs->len - 1);
  }
}

SpecInline inline_read(Parser *p, xmlNode *node) {
  GArray *runs = g_array_new(FALSE, TRUE, sizeof(SpecRun));
  gboolean prev_space = TRUE;
  inline_collect(p, node, 0, NULL, runs, &prev_space);
  inline_trim(p->spec, runs);
  SpecInline in = {.n_runs = runs->len};
  in.runs = spec_alloc(p->spec, sizeof(SpecRun) * MAX(runs->len, 1u)); /* no spare: 144 bytes a block add up in a long report */
  if (runs->len) memcpy(in.runs, runs->data, sizeof(SpecRun) * runs->len);
  g_array_free(runs, TRUE);
  return in;
}

const char *spec_inline_text(Spec *spec, const SpecInline *in) {
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < in->n_runs; i++) {
    const SpecRun *r = &in->runs[i];
    if (r->kind == RUN_BREAK)
      g_string_append_c(s, ' ');
    else if (r->kind == RUN_FOOTNOTE)
      continue; /* a bookmark or caption reads without its footnote number */
    else if (r->text)
      g_string_append(s, r->text);
  }
  return pool_take(spec, g_string_free(s, FALSE));
}

/* ---- files ------------------------------------------------------------ */

static gboolean path_has_dotdot(const char *ref) {
  char **parts = g_strsplit_set(ref, "/\\", -1);
  gboolean found = FALSE;
  for (char **q = parts; *q; q++)
    if (strcmp(*q, "..") == 0) found = TRUE;
  g_strfreev(parts);
  return found;
}

/* dir/ref without "." parts or doubled slashes, so that values="./data.csv"
 * and values="data.csv" are named alike in every message ("data.csv", or
 * "samples/x/data.csv" for a spec elsewhere). ref has no ".." (refused). */
static char *path_tidy(const char *dir, const char *ref) {
  char *joined = g_build_filename(dir, ref, NULL);
  char **parts = g_strsplit(joined, "/", -1);
  GString *out = g_string_new(joined[0] == '/' ? "/" : "");
  for (char **p = parts; *p; p++) {
    if (!**p || strcmp(*p, ".") == 0) continue;
    if (out->len && out->str[out->len - 1] != '/') g_string_append_c(out, '/');
    g_string_append(out, *p);
  }
  if (!out->len) g_string_append_c(out, '.');
  g_strfreev(parts);
  g_free(joined);
  return g_string_free(out, FALSE);
}

const char *spec_resolve_path(Spec *spec, const char *ref, InfileKind kind, int line, int col, DiagList *diags) {
  if (!ref || !*ref) {
    diag_error(diags, spec->path, line, col, "empty file reference");
    return NULL;
  }
  if (g_path_is_absolute(ref) || path_has_dotdot(ref)) {
    char *name = g_path_get_basename(spec->path); /* a report's, or a pack's */
    diag_error(diags, spec->path, line, col,
               "'%s' is outside the folder of %s: references must be relative paths below it", ref, name);
    g_free(name);
    return NULL;
  }
  char *joined = path_tidy(spec->dir, ref);
  /* Every later read of the path is checked on what it opened, so a link
   * swapped in after this first check still cannot lead outside. */
  infile_confine(joined, spec->dir);
  GError *err = NULL;
  const char *result = NULL;
  if (infile_check(joined, kind, &err))
    result = spec_strdup(spec, joined);
  else if (g_error_matches(err, INFILE_ERROR, INFILE_ERROR_OPEN))
    diag_error(diags, spec->path, line, col, "cannot open '%s': %s", ref,
               err->message + (g_str_has_prefix(err->message, "cannot read: ") ? strlen("cannot read: ") : 0));
  else
    diag_error(diags, spec->path, line, col, "'%s' %s", ref, err->message);
  g_clear_error(&err);
  g_free(joined);
  return result;
}

/* ---- blocks ----------------------------------------------------------- */

static SpecBlock *block_read(Parser *p, xmlNode *n);

static SpecBlock *list_item_read(Parser *p, xmlNode *n) {
  SpecBlock *item = block_new(p, BLOCK_LIST_ITEM, n);
  item->text = inline_read(p, n);
  GPtrArray *children = g_ptr_array_new();
  for (xmlNode *c = xmlsrc_first_element(n); c; c = xmlsrc_next_element(c))
    if (!is_inline_element(c)) g_ptr_array_add(children, block_read(p, c));
  spec_block_set_children(p->spec, item, children);
  return item;
}

/* Deeper lists than this are an authoring slip, and would make a
 * structure tree that PDF readers cannot walk. */
#define SPEC_MAX_LIST_DEPTH 32

static SpecBlock *list_read(Parser *p, xmlNode *n, gboolean ordered) {
  SpecBlock *list = block_new(p, BLOCK_LIST, n);
  if (++p->list_depth == SPEC_MAX_LIST_DEPTH + 1)
    xmlsrc_diag(p->src, n, p->diags, DIAG_ERROR, "lists are nested more than %d deep here", SPEC_MAX_LIST_DEPTH);
  list->ordered = ordered;
  list->marker = pool_take(p->spec, xmlsrc_attr(n, "marker"));
  if (!list->marker) list->marker = ordered ? "1." : "bullet";
  char *start = xmlsrc_attr(n, "start");
  list->start = start ? atoi(start) : 1;
  g_free(start);
  GPtrArray *items = g_ptr_array_new();
  for (xmlNode *c = xmlsrc_first_element(n); c; c = xmlsrc_next_element(c))
    g_ptr_array_add(items, list_item_read(p, c));
  spec_block_set_children(p->spec, list, items);
  p->list_depth--;
  return list;
}

/* Only PNG images of a size that can be drawn: say so at the <figure>,
 * not at render time (and before a decompression bomb is decoded). */
static void png_check(Parser *p, const char *path, int line, int col) {
  GError *err = NULL;
  if (!pngimage_check(path, NULL, NULL, &err)) diag_error(p->diags, p->spec->path, line, col, "'%s' %s", path, err->message);
  g_clear_error(&err);
}

static SpecBlock *figure_read(Parser *p, xmlNode *n) {
  SpecBlock *f = block_new(p, BLOCK_FIGURE, n);
  char *src = xmlsrc_attr(n, "src");
  f->src = spec_resolve_path(p->spec, src, INFILE_IMAGE, f->line, f->col, p->diags);
  g_free(src);
  if (f->src) png_check(p, f->src, f->line, f->col);
  f->alt = pool_take(p->spec, xmlsrc_attr(n, "alt"));
  char *width = xmlsrc_attr(n, "width");
  double v = 0;
  LengthKind kind = length_parse(width, &v);
  if (kind == LENGTH_POINTS) f->width_pt = v;
  if (kind == LENGTH_FRACTION) f->width_frac = v; /* of the column */
  g_free(width);
  xmlNode *cap = xmlsrc_child(n, "caption");
  if (cap) f->text = inline_read(p, cap);
  return f;
}

SpecBlock *paragraph_read(Parser *p, xmlNode *n) {
  SpecBlock *b = block_new(p, BLOCK_PARAGRAPH, n);
  b->text = inline_read(p, n);
  char *style = xmlsrc_attr(n, "style");
  b->para_style = !style ? PARA_NORMAL : strcmp(style, "note") == 0 ? PARA_NOTE
                                       : strcmp(style, "lead") == 0 ? PARA_LEAD
                                                                    : PARA_NORMAL;
  g_free(style);
  return b;
}

static SpecBlock *section_read(Parser *p, xmlNode *n, SpecSectionRole role, int depth);
static SpecBlock *slide_read(Parser *p, xmlNode *n);

static SpecBlock *contents_read(Parser *p, xmlNode *n) {
  SpecBlock *b = block_new(p, BLOCK_CONTENTS, n);
  b->title = pool_take(p->spec, xmlsrc_attr(n, "title"));
  b->title_default = !b->title;
  if (!b->title) b->title = "Contents";
  char *depth = xmlsrc_attr(n, "depth");
  b->contents_depth = depth ? atoi(depth) : 1;
  g_free(depth);
  return b;
}

static SpecBlock *block_read(Parser *p, xmlNode *n) {
  if (xmlsrc_is(n, "p")) return paragraph_read(p, n);
  if (xmlsrc_is(n, "ul")) return list_read(p, n, FALSE);
  if (xmlsrc_is(n, "ol")) return list_read(p, n, TRUE);
  if (xmlsrc_is(n, "figure")) return figure_read(p, n);
  if (xmlsrc_is(n, "page-break")) return block_new(p, BLOCK_PAGE_BREAK, n);
  if (xmlsrc_is(n, "table")) return spec_table_read(p, n);
  if (xmlsrc_is(n, "scorecard")) return spec_scorecard_read(p, n);
  if (xmlsrc_is(n, "chart")) return spec_chart_read(p, n);
  if (xmlsrc_is(n, "legend")) return block_new(p, BLOCK_LEGEND, n);
  if (xmlsrc_is(n, "definitions")) return spec_definitions_read(p, n);
  if (xmlsrc_is(n, "rating-summary")) return spec_rating_read(p, n, BLOCK_RATING_SUMMARY);
  if (xmlsrc_is(n, "exceptions")) return spec_rating_read(p, n, BLOCK_EXCEPTIONS);
  if (xmlsrc_is(n, "heat-map")) return spec_heat_map_read(p, n);
  if (xmlsrc_is(n, "changes")) return spec_changes_read(p, n);
  if (xmlsrc_is(n, "heading")) {
    SpecBlock *h = block_new(p, BLOCK_HEADING, n);
    h->text = inline_read(p, n);
    return h;
  }
  if (xmlsrc_is(n, "section")) return section_read(p, n, SECTION_BODY, 1);
  if (xmlsrc_is(n, "slide")) return slide_read(p, n);
  if (xmlsrc_is(n, "contents")) return contents_read(p, n);
  g_assert_not_reached(); /* the schema admits nothing else */
}

static gboolean attr_is_no(xmlNode *n, const char *name) {
  char *v = xmlsrc_attr(n, name);
  gboolean no = v && strcmp(v, "no") == 0;
  g_free(v);
  return no;
}

static SpecBlock *section_read(Parser *p, xmlNode *n, SpecSectionRole role, int depth) {
  SpecBlock *s = block_new(p, BLOCK_SECTION, n);
  s->role = role;
  s->depth = depth;
  s->title = pool_take(p->spec, xmlsrc_attr(n, "title"));
  if (role == SECTION_BODY && attr_is_no(n, "numbered")) s->number = NULL;
  else if (role == SECTION_BODY) s->number = ""; /* filled in by number_sections */
  GPtrArray *children = g_ptr_array_new();
  for (xmlNode *c = xmlsrc_first_element(n); c; c = xmlsrc_next_element(c)) {
    SpecBlock *child = xmlsrc_is(c, "section") ? section_read(p, c, role, depth + 1) : block_read(p, c);
    if (child->kind == BLOCK_PARAGRAPH && role == SECTION_BODY && !attr_is_no(c, "numbered"))
      child->para_number = ""; /* to be numbered */
    g_ptr_array_add(children, child);
  }
  spec_block_set_children(p->spec, s, children);
  return s;
}

/* Every section's position ("2.3": the third section of the second),
 * numbered or not: a stable name for its destination. */
static void anchor_sections(Spec *spec, SpecBlock **blocks, guint n, const char *prefix) {
  int k = 0;
  for (guint i = 0; i < n; i++) {
    SpecBlock *b = blocks[i];
    if (b->kind != BLOCK_SECTION) continue;
    k++;
    b->anchor = pool_take(spec, prefix ? g_strdup_printf("%s.%d", prefix, k) : g_strdup_printf("%d", k));
    anchor_sections(spec, b->children, b->n_children, b->anchor);
  }
}

/* Give numbers: sections 1, 2 … and 3.1 …; their paragraphs 1.1, 3.1.1.
 * Paragraphs and sub-sections of a section count in one sequence, as in
 * a council paper ("2.1 This section covers…", then "2.2 Recycling",
 * then "2.2.1"): two things are never both "2.1". */
static void number_sections(Spec *spec, SpecBlock **blocks, guint n, const char *prefix) {
  int sec = 0, k = 0; /* top-level sections; numbered things inside `prefix` */
  for (guint i = 0; i < n; i++) {
    SpecBlock *b = blocks[i];
    if (b->kind == BLOCK_SECTION && b->number) {
      int at = prefix ? ++k : ++sec;
      b->number = pool_take(spec, prefix ? g_strdup_printf("%s.%d", prefix, at) : g_strdup_printf("%d", at));
      number_sections(spec, b->children, b->n_children, b->number);
    } else if (b->kind == BLOCK_SECTION) {
      number_sections(spec, b->children, b->n_children, NULL);
    } else if (b->kind == BLOCK_PARAGRAPH && b->para_number && prefix) {
      b->para_number = pool_take(spec, g_strdup_printf("%s.%d", prefix, ++k));
    } else if (b->kind == BLOCK_PARAGRAPH) {
      b->para_number = NULL;
    }
  }
}

/* ---- front sheet ------------------------------------------------------ */

/* Standard headings in English and Welsh (a bilingual front sheet gives
 * each block twice, Welsh first, with lang="cy" on the Welsh ones). */
static const struct {
  const char *element, *title, *title_cy;
} front_blocks[] = {
    {"summary", "Executive summary", "Crynodeb Gweithredol"},
    {"recommendations", "Recommendations", "Argymhellion"},
    {"background-papers", "Background papers", "Papurau cefndir"},
    {"resources", "Resource and legal considerations", "Ystyriaethau adnoddau a chyfreithiol"},
    {"citizen-impact", "Citizen impact", "Effaith ar ddinasyddion"},
    {"performance-risk", "Performance and risk management issues", "Materion rheoli perfformiad a risg"},
    {"equality", "Equality implications", "Goblygiadau cydraddoldeb"},
    {"consultation", "Consultation", "Ymgynghori"},
    {"front-block", NULL, NULL},
};

gboolean spec_lang_is_welsh(const char *lang) {
  return lang && g_ascii_strncasecmp(lang, "cy", 2) == 0 && (lang[2] == '\0' || lang[2] == '-' || lang[2] == '_');
}

SpecLabel spec_portfolios_label(const SpecMeta *m) {
  return m->portfolios && m->portfolios[0] && !m->portfolios[1] ? SPEC_LABEL_PORTFOLIO : SPEC_LABEL_PORTFOLIOS;
}

const char *spec_label(const SpecMeta *m, const char *lang, SpecLabel label) {
  gboolean welsh = lang ? spec_lang_is_welsh(lang) : m->welsh;
  return m->labels[welsh ? 1 : 0][label];
}

static const char *front_default_title(xmlNode *n, const char *lang) {
  for (guint i = 0; i < G_N_ELEMENTS(front_blocks); i++)
    if (xmlsrc_is(n, front_blocks[i].element))
      return spec_lang_is_welsh(lang) ? front_blocks[i].title_cy : front_blocks[i].title;
  return NULL;
}

static SpecBlock *front_block_read(Parser *p, xmlNode *n) {
  if (xmlsrc_is(n, "contents")) return contents_read(p, n);
  SpecBlock *s = block_new(p, BLOCK_SECTION, n);
  s->role = SECTION_FRONT;
  s->depth = 1;
  s->title = pool_take(p->spec, xmlsrc_attr(n, "title"));
  if (!s->title) s->title = front_default_title(n, s->lang ? s->lang : p->spec->lang);
  GPtrArray *children = g_ptr_array_new();
  if (xmlsrc_is(n, "recommendations") || xmlsrc_is(n, "background-papers")) {
    /* A numbered list made of the <li> children. */
    SpecBlock *list = block_new(p, BLOCK_LIST, n);
    list->ordered = TRUE;
    list->marker = "1.";
    list->start = 1;
    GPtrArray *items = g_ptr_array_new();
    for (xmlNode *c = xmlsrc_first_element(n); c; c = xmlsrc_next_element(c))
      g_ptr_array_add(items, list_item_read(p, c));
    spec_block_set_children(p->spec, list, items);
    g_ptr_array_add(children, list);
  } else {
    for (xmlNode *c = xmlsrc_first_element(n); c; c = xmlsrc_next_element(c))
      g_ptr_array_add(children, block_read(p, c));
  }
  spec_block_set_children(p->spec, s, children);
  return s;
}

static SpecBlock *container_read(Parser *p, xmlNode *n, SpecSectionRole role) {
  SpecBlock *c = block_new(p, BLOCK_SECTION, n);
  c->role = role;
  c->depth = 0;
  GPtrArray *children = g_ptr_array_new();
  /* each part freed once read: a long report's tree and model are never both whole */
  for (xmlNode *e = xmlsrc_first_element(n), *next; e; e = next) {
    next = xmlsrc_next_element(e);
    if (role == SECTION_FRONT) g_ptr_array_add(children, front_block_read(p, e));
    else if (xmlsrc_is(e, "section")) g_ptr_array_add(children, section_read(p, e, role, 1));
    else g_ptr_array_add(children, block_read(p, e));
    xmlsrc_release(p->src, e);
  }
  spec_block_set_children(p->spec, c, children);
  return c;
}

/* ---- meta ------------------------------------------------------------- */

static void person_read(Parser *p, xmlNode *n, SpecPerson *person) {
  if (!n) return;
  person->name = pool_take(p->spec, xmlsrc_attr(n, "name"));
  person->role = pool_take(p->spec, xmlsrc_attr(n, "role"));
  person->phone = pool_take(p->spec, xmlsrc_attr(n, "phone"));
  person->email = pool_take(p->spec, xmlsrc_attr(n, "email"));
}

static const char *child_text(Parser *p, xmlNode *parent, const char *name) {
  xmlNode *n = xmlsrc_child(parent, name);
  return n ? pool_take(p->spec, xmlsrc_text_squashed(n)) : NULL;
}

static void meta_dates(Parser *p, xmlNode *meta) {
  SpecMeta *m = &p->spec->meta;
  IsoDate date;
  char *why = NULL;
  if (!isodate_parse(m->date, &date, &why)) {
    xmlsrc_diag(p->src, xmlsrc_child(meta, "date"), p->diags, DIAG_ERROR, "%s", why);
    g_free(why);
    return;
  }
  m->date_long = pool_take(p->spec, isodate_long(date, spec_lang_is_welsh(p->spec->lang)));
  m->created = isodate_unix(date);
  const char *created = child_text(p, meta, "created");
  if (created && !isodate_time_parse(created, &m->created, &why)) {
    xmlsrc_diag(p->src, xmlsrc_child(meta, "created"), p->diags, DIAG_ERROR, "%s", why);
    g_free(why);
  }
}

static void meta_read(Parser *p, xmlNode *meta) {
  SpecMeta *m = &p->spec->meta;
  m->committee = child_text(p, meta, "committee");
  m->date = child_text(p, meta, "date");
  m->agenda_item = child_text(p, meta, "agenda-item");
  m->title = child_text(p, meta, "title");
  m->subject = child_text(p, meta, "subject");
  m->wards = child_text(p, meta, "wards");
  m->keywords = child_text(p, meta, "keywords");
  GPtrArray *portfolios = g_ptr_array_new();
  for (xmlNode *c = xmlsrc_first_element(meta); c; c = xmlsrc_next_element(c)) {
    if (!xmlsrc_is(c, "portfolio")) continue;
    g_ptr_array_add(portfolios, (gpointer)pool_take(p->spec, xmlsrc_text_squashed(c)));
  }
  m->portfolios = spec_alloc(p->spec, sizeof(char *) * (portfolios->len + 1));
  for (guint i = 0; i < portfolios->len; i++) m->portfolios[i] = g_ptr_array_index(portfolios, i);
  g_ptr_array_free(portfolios, TRUE);
  person_read(p, xmlsrc_child(meta, "author"), &m->author);
  xmlNode *contact = xmlsrc_child(meta, "contact");
  person_read(p, contact, &m->contact);
  xmlNode *sig = contact ? xmlsrc_child(contact, "signature") : NULL;
  if (sig) {
    char *src = xmlsrc_attr(sig, "src");
    m->signature_src = spec_resolve_path(p->spec, src, INFILE_IMAGE, xmlsrc_line(sig), xmlsrc_col(p->src, sig), p->diags);
    if (m->signature_src) png_check(p, m->signature_src, xmlsrc_line(sig), xmlsrc_col(p->src, sig));
    g_free(src);
    m->signature_alt = pool_take(p->spec, xmlsrc_attr(sig, "alt"));
    char *w = xmlsrc_attr(sig, "width");
    m->signature_width_pt = length_points(w, 0);
    g_free(w);
  }
  meta_dates(p, meta);
}

static void data_read(Parser *p, xmlNode *n) {
  SpecData *d = &p->spec->data;
  d->line = xmlsrc_line(n);
  d->col = xmlsrc_col(p->src, n);
  char *cat = xmlsrc_attr(n, "catalogue"), *val = xmlsrc_attr(n, "values");
  d->catalogue = spec_resolve_path(p->spec, cat, INFILE_XML, d->line, d->col, p->diags);
  d->values = spec_resolve_path(p->spec, val, INFILE_DATA, d->line, d->col, p->diags);
  d->period = pool_take(p->spec, xmlsrc_attr(n, "period"));
  char *units = xmlsrc_attr(n, "units");
  if (units) d->units = spec_resolve_path(p->spec, units, INFILE_XML, d->line, d->col, p->diags);
  g_free(units);
  g_free(cat);
  g_free(val);
}

/* ---- annexes ---------------------------------------------------------- */

const char *spec_resolve_layout(Spec *spec, const char *layout, int line, int col, DiagList *diags) {
  if (!layout || !(strchr(layout, '/') || g_str_has_suffix(layout, ".xml"))) return layout;
  return spec_resolve_path(spec, layout, INFILE_XML, line, col, diags);
}

static const char *layout_ref_resolve(Parser *p, xmlNode *n, const char *layout) {
  return spec_resolve_layout(p->spec, layout, xmlsrc_line(n), xmlsrc_col(p->src, n), p->diags);
}

static void annex_attrs_read(Parser *p, xmlNode *n, SpecBlock *a, guint number) {
  a->label = pool_take(p->spec, xmlsrc_attr(n, "label"));
  a->title_default = !a->label;
  if (!a->label) a->label = pool_take(p->spec, g_strdup_printf("Annex %u", number));
  a->layout = layout_ref_resolve(p, n, pool_take(p->spec, xmlsrc_attr(n, "layout")));
  char *title_page = xmlsrc_attr(n, "title-page");
  a->no_title_page = title_page && strcmp(title_page, "no") == 0;
  g_free(title_page);
}

static SpecBlock *slide_read(Parser *p, xmlNode *n) {
  SpecBlock *s = block_new(p, BLOCK_SLIDE, n);
  s->title = pool_take(p->spec, xmlsrc_attr(n, "title"));
  char *kind = xmlsrc_attr(n, "kind");
  s->title_slide = kind && strcmp(kind, "title") == 0;
  g_free(kind);
  GPtrArray *children = g_ptr_array_new();
  for (xmlNode *c = xmlsrc_first_element(n); c; c = xmlsrc_next_element(c)) g_ptr_array_add(children, block_read(p, c));
  spec_block_set_children(p->spec, s, children);
  return s;
}

/* ---- document --------------------------------------------------------- */

static void spec_read(Parser *p) {
  Spec *spec = p->spec;
  xmlNode *root = xmlsrc_root(p->src);
  spec->lang = pool_take(spec, xmlsrc_attr(root, "lang"));
  if (!spec->lang) spec->lang = "en-GB";
  spec->meta.welsh = spec_lang_is_welsh(spec->lang);
  spec->layout = layout_ref_resolve(p, root, pool_take(spec, xmlsrc_attr(root, "layout")));
  if (!spec->layout) spec->layout = "council-report";
  char *glyphs = xmlsrc_attr(root, "missing-glyphs");
  spec->missing_glyphs_warn = glyphs && strcmp(glyphs, "warning") == 0;
  g_free(glyphs);
  spec->body_title = "Report";
  spec->body_title_default = TRUE;
  spec->dest_prefix = "";
  GPtrArray *annexes = g_ptr_array_new();
  for (xmlNode *n = xmlsrc_first_element(root), *next; n; xmlsrc_release(p->src, n), n = next) {
    next = xmlsrc_next_element(n);
    if (xmlsrc_is(n, "meta")) meta_read(p, n);
    else if (xmlsrc_is(n, "data")) data_read(p, n);
    else if (xmlsrc_is(n, "front-sheet")) spec->front = container_read(p, n, SECTION_FRONT);
    else if (xmlsrc_is(n, "body")) {
      spec->body = container_read(p, n, SECTION_BODY);
      const char *t = pool_take(spec, xmlsrc_attr(n, "title"));
      if (t) spec->body_title = t, spec->body_title_default = FALSE;
      number_sections(spec, spec->body->children, spec->body->n_children, NULL);
      anchor_sections(spec, spec->body->children, spec->body->n_children, NULL);
    } else if (xmlsrc_is(n, "annex")) {
      SpecBlock *a = section_read(p, n, SECTION_ANNEX, 1);
      a->number = NULL;
      annex_attrs_read(p, n, a, annexes->len + 1);
      number_sections(spec, a->children, a->n_children, NULL);
      anchor_sections(spec, a->children, a->n_children, NULL);
      g_ptr_array_add(annexes, a);
    }
  }
  spec->n_annexes = annexes->len;
  spec->annexes = spec_alloc(spec, sizeof(SpecBlock *) * (annexes->len + 1));
  for (guint i = 0; i < annexes->len; i++) spec->annexes[i] = g_ptr_array_index(annexes, i);
  g_ptr_array_free(annexes, TRUE);
}

Spec *spec_load(const char *path, DiagList *diags) {
  XmlSource *src = xmlsrc_load_valid(path, "report", diags);
  if (!src) return NULL;
  Spec *spec = spec_new(path, src->dir);
  Parser p = {.spec = spec, .src = src, .diags = diags};
  DiagMark mark = diag_mark(diags);
  spec_read(&p);
  spec_xrefs_resolve(&p);
  xmlsrc_free(src);
  if (diag_errors_since(diags, mark)) {
    spec_free(spec);
    return NULL;
  }
  return spec;
}
