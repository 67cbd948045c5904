/* The project's own PDF/UA-1 checks, read with qpdf's C API so that
 * `make check` needs nothing outside the repository. They check the
 * properties ISO 14289-1 asks of what boardpack writes (the machine-
 * checkable rules ../shared/tools/check_ua.py also checks, by rule id):
 *   5-1/7.1-8/7.1-9  an XMP stream with pdfuaid:part 1 and dc:title;
 *   6.2-1, 7.1-10, 7.2-34  MarkInfo Marked, DisplayDocTitle, /Lang;
 *   7.1-3     every drawing operator is tagged (MCID) or an Artifact, and
 *             no tagged content is inside an Artifact (7.1-2);
 *   7.18.3-1  pages with annotations have /Tabs /S;
 *   7.18.5-2  link annotations have /Contents;
 *   7.21.3.2-1 every CIDFontType2 has /CIDToGIDMap;
 *   7.3-1     every Figure has /Alt; 15-003 every TH has a /Scope;
 *   7.2-42    every row of a table spans the same number of columns;
 *   7.5-1     in a table with headers, every TD has one (Headers, or a
 *             TH scoped Column above it or Row before it);
 *   7.4.2-1   the first heading is H1 and levels never skip;
 *   7.9-1/2   every Note has an /ID, used once.
 * pdfua_problems() returns every problem found, one a line ("" when
 * none), so a failing test says what is wrong, not just that it is. */
#ifndef BOARDPACK_PDFUA_CHECK_H
#define BOARDPACK_PDFUA_CHECK_H

#include <glib.h>
#include <qpdf/qpdf-c.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  qpdf_data q;
  GString *problems;
  int last_heading; /* 0 before the first */
  guint elements;
  GHashTable *note_ids;
} PdfUaCheck;

static inline void pdfua_problem(PdfUaCheck *c, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static inline void pdfua_problem(PdfUaCheck *c, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  g_string_append_vprintf(c->problems, fmt, ap);
  va_end(ap);
  g_string_append_c(c->problems, '\n');
}

/* ---- content streams ------------------------------------------------------- */

static inline gboolean pdfua_white(char ch) { return strchr(" \t\r\n\f", ch) || ch == '\0'; }
static inline gboolean pdfua_delim(char ch) { return strchr("()<>[]{}/%", ch) != NULL; }

/* Every drawing operator in one page's content: inside a sequence with an
 * /MCID, or inside an /Artifact; never both. */
static inline void pdfua_content(PdfUaCheck *c, guint page, const char *s, size_t len) {
  static const char *const drawing[] = {"Tj", "TJ", "'", "\"", "f", "F", "f*", "B", "B*", "b", "b*", "S", "s",
                                        "Do", "sh", "EI", NULL};
  const char *p = s, *end = s + len;
  GArray *stack = g_array_new(FALSE, FALSE, sizeof(char)); /* 't' tagged, 'a' artifact, 'o' other */
  gboolean saw_mcid = FALSE, saw_artifact = FALSE;
  guint untagged = 0, nested = 0;
  while (p < end) {
    if (pdfua_white(*p)) { p++; continue; }
    if (*p == '%') { while (p < end && *p != '\n') p++; continue; }
    if (*p == '(') {
      int depth = 0;
      for (; p < end; p++) {
        if (*p == '\\') p++;
        else if (*p == '(') depth++;
        else if (*p == ')' && --depth == 0) { p++; break; }
      }
      continue;
    }
    if (*p == '<' && p + 1 < end && p[1] == '<') { p += 2; continue; }
    if (*p == '>' && p + 1 < end && p[1] == '>') { p += 2; continue; }
    if (*p == '<') { while (p < end && *p != '>') p++; p++; continue; }
    if (strchr("[]{}", *p)) { p++; continue; }
    if (*p == '/') {
      const char *n = ++p;
      while (p < end && !pdfua_white(*p) && !pdfua_delim(*p)) p++;
      if (p - n == 4 && memcmp(n, "MCID", 4) == 0) saw_mcid = TRUE;
      if (p - n == 8 && memcmp(n, "Artifact", 8) == 0) saw_artifact = TRUE;
      continue;
    }
    const char *t = p;
    while (p < end && !pdfua_white(*p) && !pdfua_delim(*p)) p++;
    if (p == t) { p++; continue; }
    char op[8] = "";
    if (p - t < (int)sizeof op) memcpy(op, t, (size_t)(p - t));
    if (!strcmp(op, "BDC") || !strcmp(op, "BMC")) {
      char kind = saw_artifact ? 'a' : saw_mcid ? 't' : 'o';
      for (guint i = 0; i < stack->len; i++)
        if (g_array_index(stack, char, i) != 'o' && kind != 'o') nested++;
      g_array_append_val(stack, kind);
    } else if (!strcmp(op, "EMC")) {
      if (stack->len) g_array_set_size(stack, stack->len - 1);
      else pdfua_problem(c, "page %u: EMC without BDC", page);
    } else if (!strcmp(op, "ID")) { /* inline image data up to EI */
      while (p + 2 < end && !(pdfua_white(p[0]) && p[1] == 'E' && p[2] == 'I')) p++;
    } else {
      gboolean draws = FALSE;
      for (int i = 0; drawing[i]; i++) draws |= strcmp(op, drawing[i]) == 0;
      gboolean covered = FALSE;
      for (guint i = 0; i < stack->len; i++) covered |= g_array_index(stack, char, i) != 'o';
      if (draws && !covered) untagged++;
    }
    if (!g_ascii_isdigit(*t) && *t != '-' && *t != '.' && *t != '+') saw_mcid = saw_artifact = FALSE;
  }
  if (untagged) pdfua_problem(c, "page %u: %u drawing operators neither tagged nor an Artifact (7.1-3)", page, untagged);
  if (nested) pdfua_problem(c, "page %u: %u tagged or artifact sequences inside another (7.1-2)", page, nested);
  if (stack->len) pdfua_problem(c, "page %u: %u marked-content sequences left open", page, stack->len);
  g_array_free(stack, TRUE);
}

/* ---- pages, annotations, fonts -------------------------------------------- */

static inline gboolean pdfua_name_is(PdfUaCheck *c, qpdf_oh dict, const char *key, const char *name) {
  return qpdf_oh_is_name_and_equals(c->q, qpdf_oh_get_key_if_dict(c->q, dict, key), name);
}

static inline void pdfua_fonts(PdfUaCheck *c, qpdf_oh page, guint n) {
  qpdf_data q = c->q;
  qpdf_oh fonts = qpdf_oh_get_key_if_dict(q, qpdf_oh_get_key_if_dict(q, page, "/Resources"), "/Font");
  if (!qpdf_oh_is_dictionary(q, fonts)) return;
  qpdf_oh_begin_dict_key_iter(q, fonts);
  while (qpdf_oh_dict_more_keys(q)) {
    qpdf_oh font = qpdf_oh_get_key_if_dict(q, fonts, qpdf_oh_dict_next_key(q));
    if (!pdfua_name_is(c, font, "/Subtype", "/Type0")) continue;
    qpdf_oh cid = qpdf_oh_get_array_item(q, qpdf_oh_get_key_if_dict(q, font, "/DescendantFonts"), 0);
    if (pdfua_name_is(c, cid, "/Subtype", "/CIDFontType2") && !qpdf_oh_has_key(q, cid, "/CIDToGIDMap"))
      pdfua_problem(c, "page %u: a CIDFontType2 without /CIDToGIDMap (7.21.3.2-1)", n);
  }
}

static inline void pdfua_page(PdfUaCheck *c, qpdf_oh page, guint n) {
  qpdf_data q = c->q;
  unsigned char *buf = NULL;
  size_t len = 0;
  if ((qpdf_oh_get_page_content_data(q, page, &buf, &len) & QPDF_ERRORS) == 0) pdfua_content(c, n, (const char *)buf, len);
  else pdfua_problem(c, "page %u: content cannot be read", n);
  free(buf);
  qpdf_oh annots = qpdf_oh_get_key_if_dict(q, page, "/Annots");
  int n_annots = qpdf_oh_is_array(q, annots) ? qpdf_oh_get_array_n_items(q, annots) : 0;
  if (n_annots && !pdfua_name_is(c, page, "/Tabs", "/S")) pdfua_problem(c, "page %u: annotations but no /Tabs /S (7.18.3-1)", n);
  for (int i = 0; i < n_annots; i++) {
    qpdf_oh a = qpdf_oh_get_array_item(q, annots, i);
    qpdf_oh contents = qpdf_oh_get_key_if_dict(q, a, "/Contents");
    if (pdfua_name_is(c, a, "/Subtype", "/Link") &&
        !(qpdf_oh_is_string(q, contents) && *qpdf_oh_get_utf8_value(q, contents)))
      pdfua_problem(c, "page %u: a link annotation without /Contents (7.18.5-2)", n);
  }
  pdfua_fonts(c, page, n);
}

/* ---- the structure tree ------------------------------------------------------ */

/* An element's /S, copied: a string qpdf returns lasts only until its next call. */
typedef struct {
  char name[32];
} PdfUaType;

static inline PdfUaType pdfua_type(PdfUaCheck *c, qpdf_oh elem) {
  PdfUaType t = {""};
  qpdf_oh s = qpdf_oh_get_key_if_dict(c->q, elem, "/S");
  if (qpdf_oh_is_name(c->q, s)) g_strlcpy(t.name, qpdf_oh_get_name(c->q, s), sizeof t.name);
  return t;
}

static inline qpdf_oh pdfua_attr(PdfUaCheck *c, qpdf_oh elem, const char *key) {
  return qpdf_oh_get_key_if_dict(c->q, qpdf_oh_get_key_if_dict(c->q, elem, "/A"), key);
}

/* The columns a row spans: the sum of its cells' ColSpan. */
static inline int pdfua_row_width(PdfUaCheck *c, qpdf_oh tr) {
  qpdf_data q = c->q;
  qpdf_oh kids = qpdf_oh_get_key_if_dict(q, tr, "/K");
  int n = qpdf_oh_is_array(q, kids) ? qpdf_oh_get_array_n_items(q, kids) : 1, width = 0;
  for (int i = 0; i < n; i++) {
    qpdf_oh cell = qpdf_oh_is_array(q, kids) ? qpdf_oh_get_array_item(q, kids, i) : kids;
    PdfUaType type = pdfua_type(c, cell);
    const char *t = type.name;
    if (strcmp(t, "/TH") && strcmp(t, "/TD")) continue;
    qpdf_oh span = pdfua_attr(c, cell, "/ColSpan");
    width += qpdf_oh_is_integer(q, span) ? (int)qpdf_oh_get_int_value(q, span) : 1;
  }
  return width;
}

/* A table's cell, where it sits, and what it says of its headers. */
typedef struct {
  int row, col, span;
  gboolean th, headers;  /* a TH; a cell with /Headers */
  char scope;            /* a TH's: 'R'ow, 'C'olumn, 'B'oth, or 0 */
} PdfUaCell;

static inline void pdfua_cells_of_row(PdfUaCheck *c, qpdf_oh tr, int row, GArray *cells) {
  qpdf_data q = c->q;
  qpdf_oh kids = qpdf_oh_get_key_if_dict(q, tr, "/K");
  int n = qpdf_oh_is_array(q, kids) ? qpdf_oh_get_array_n_items(q, kids) : 1, col = 0;
  for (int i = 0; i < n; i++) {
    qpdf_oh cell = qpdf_oh_is_array(q, kids) ? qpdf_oh_get_array_item(q, kids, i) : kids;
    PdfUaType type = pdfua_type(c, cell);
    if (strcmp(type.name, "/TH") && strcmp(type.name, "/TD")) continue;
    qpdf_oh span = pdfua_attr(c, cell, "/ColSpan"), scope = pdfua_attr(c, cell, "/Scope");
    qpdf_oh attrs = qpdf_oh_get_key_if_dict(q, cell, "/A");
    PdfUaCell pc = {row, col, qpdf_oh_is_integer(q, span) ? (int)qpdf_oh_get_int_value(q, span) : 1,
                    !strcmp(type.name, "/TH"), qpdf_oh_is_dictionary(q, attrs) && qpdf_oh_has_key(q, attrs, "/Headers"),
                    qpdf_oh_is_name(q, scope) ? qpdf_oh_get_name(q, scope)[1] : 0};
    g_array_append_val(cells, pc);
    col += pc.span;
  }
}

/* 7.5-1: in a table with headers, every TD has one it can be told by: its
 * /Headers, or a TH scoped Column above it in its columns, or a TH scoped
 * Row before it in its row. */
static inline void pdfua_table_headers(PdfUaCheck *c, const GArray *cells) {
  gboolean any_th = FALSE;
  for (guint i = 0; i < cells->len; i++) any_th |= g_array_index(cells, PdfUaCell, i).th;
  for (guint i = 0; any_th && i < cells->len; i++) {
    const PdfUaCell *d = &g_array_index(cells, PdfUaCell, i);
    gboolean told = d->th || d->headers;
    for (guint k = 0; !told && k < cells->len; k++) {
      const PdfUaCell *h = &g_array_index(cells, PdfUaCell, k);
      gboolean same_col = h->col < d->col + d->span && d->col < h->col + h->span;
      told = h->th && ((same_col && h->row < d->row && (h->scope == 'C' || h->scope == 'B')) ||
                       (h->row == d->row && h->col < d->col && (h->scope == 'R' || h->scope == 'B')));
    }
    if (!told) pdfua_problem(c, "a TD (row %d, column %d) with no header to tell it by (7.5-1)", d->row + 1, d->col + 1);
  }
}

static inline void pdfua_table(PdfUaCheck *c, qpdf_oh table) {
  qpdf_data q = c->q;
  qpdf_oh kids = qpdf_oh_get_key_if_dict(q, table, "/K");
  int n = qpdf_oh_is_array(q, kids) ? qpdf_oh_get_array_n_items(q, kids) : 1, width = -1, rows = 0;
  GArray *cells = g_array_new(FALSE, FALSE, sizeof(PdfUaCell));
  for (int i = 0; i < n; i++) {
    qpdf_oh row = qpdf_oh_is_array(q, kids) ? qpdf_oh_get_array_item(q, kids, i) : kids;
    if (strcmp(pdfua_type(c, row).name, "/TR") != 0) continue;
    int w = pdfua_row_width(c, row);
    if (width >= 0 && w != width) pdfua_problem(c, "a table row spans %d columns, an earlier one %d (7.2-42)", w, width);
    if (width < 0) width = w;
    pdfua_cells_of_row(c, row, rows++, cells);
  }
  pdfua_table_headers(c, cells);
  g_array_free(cells, TRUE);
}

static inline void pdfua_elem(PdfUaCheck *c, qpdf_oh elem, int depth) {
  qpdf_data q = c->q;
  if (depth > 200) return;
  if (qpdf_oh_is_array(q, elem)) {
    for (int i = 0; i < qpdf_oh_get_array_n_items(q, elem); i++) pdfua_elem(c, qpdf_oh_get_array_item(q, elem, i), depth);
    return;
  }
  if (!qpdf_oh_is_dictionary(q, elem) || !qpdf_oh_has_key(q, elem, "/S")) return;
  c->elements++;
  PdfUaType type = pdfua_type(c, elem);
  const char *t = type.name;
  if (t[0] == '/' && t[1] == 'H' && t[2] >= '1' && t[2] <= '6' && !t[3]) {
    int level = t[2] - '0';
    if ((c->last_heading == 0 && level != 1) || (c->last_heading && level > c->last_heading + 1))
      pdfua_problem(c, "H%d follows %s%d (7.4.2-1)", level, c->last_heading ? "H" : "nothing: H", c->last_heading);
    c->last_heading = level;
  }
  qpdf_oh alt = qpdf_oh_get_key_if_dict(q, elem, "/Alt");
  if (!strcmp(t, "/Figure") && !(qpdf_oh_is_string(q, alt) && *qpdf_oh_get_utf8_value(q, alt)))
    pdfua_problem(c, "a Figure without /Alt (7.3-1)");
  if (!strcmp(t, "/TH") && !qpdf_oh_is_name(q, pdfua_attr(c, elem, "/Scope")))
    pdfua_problem(c, "a TH without /Scope (15-003)");
  if (!strcmp(t, "/Table")) pdfua_table(c, elem);
  if (!strcmp(t, "/Note")) {
    qpdf_oh id = qpdf_oh_get_key_if_dict(q, elem, "/ID");
    if (!qpdf_oh_is_string(q, id)) pdfua_problem(c, "a Note without /ID (7.9-1)");
    else if (!g_hash_table_add(c->note_ids, g_strdup(qpdf_oh_get_utf8_value(q, id))))
      pdfua_problem(c, "a Note /ID used twice (7.9-2)");
  }
  pdfua_elem(c, qpdf_oh_get_key_if_dict(q, elem, "/K"), depth + 1);
}

/* ---- the document -------------------------------------------------------------- */

static inline void pdfua_catalog(PdfUaCheck *c) {
  qpdf_data q = c->q;
  qpdf_oh root = qpdf_get_root(q);
  qpdf_oh meta = qpdf_oh_get_key_if_dict(q, root, "/Metadata");
  unsigned char *buf = NULL;
  size_t len = 0;
  if (qpdf_oh_is_stream(q, meta) && (qpdf_oh_get_stream_data(q, meta, qpdf_dl_generalized, NULL, &buf, &len) & QPDF_ERRORS) == 0) {
    char *xmp = g_strndup((const char *)buf, len);
    if (!strstr(xmp, "<pdfuaid:part>1</pdfuaid:part>")) pdfua_problem(c, "the XMP has no pdfuaid:part 1 (5-1)");
    if (!strstr(xmp, "<dc:title>")) pdfua_problem(c, "the XMP has no dc:title (7.1-9)");
    g_free(xmp);
  } else {
    pdfua_problem(c, "the catalog has no XMP metadata stream (7.1-8)");
  }
  free(buf);
  if (!qpdf_oh_get_bool_value(q, qpdf_oh_get_key_if_dict(q, qpdf_oh_get_key_if_dict(q, root, "/MarkInfo"), "/Marked")))
    pdfua_problem(c, "MarkInfo /Marked is not true (6.2-1)");
  if (!qpdf_oh_get_bool_value(q, qpdf_oh_get_key_if_dict(q, qpdf_oh_get_key_if_dict(q, root, "/ViewerPreferences"), "/DisplayDocTitle")))
    pdfua_problem(c, "DisplayDocTitle is not true (7.1-10)");
  qpdf_oh lang = qpdf_oh_get_key_if_dict(q, root, "/Lang");
  if (!(qpdf_oh_is_string(q, lang) && *qpdf_oh_get_utf8_value(q, lang))) pdfua_problem(c, "no /Lang (7.2-34)");
  if (!qpdf_oh_has_key(q, root, "/PageLabels")) pdfua_problem(c, "no /PageLabels");
  qpdf_oh tree = qpdf_oh_get_key_if_dict(q, root, "/StructTreeRoot");
  if (!qpdf_oh_is_dictionary(q, tree)) pdfua_problem(c, "no structure tree (7.1-11)");
  else pdfua_elem(c, qpdf_oh_get_key_if_dict(q, tree, "/K"), 0);
}

/* Every problem in the PDF qpdf has just tried to read (`status`), one a
 * line; "" when it conforms. Cleans `q` up. */
static inline char *pdfua_problems_read(qpdf_data q, QPDF_ERROR_CODE status, const char *name) {
  PdfUaCheck c = {.q = q, .problems = g_string_new(NULL),
                  .note_ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL)};
  if (status != QPDF_SUCCESS) {
    pdfua_problem(&c, "%s cannot be read", name);
  } else {
    pdfua_catalog(&c);
    int pages = qpdf_get_num_pages(c.q);
    for (int i = 0; i < pages; i++) pdfua_page(&c, qpdf_get_page_n(c.q, (size_t)i), (guint)i + 1);
    while (qpdf_more_warnings(c.q)) pdfua_problem(&c, "qpdf: %s", qpdf_get_error_full_text(c.q, qpdf_next_warning(c.q)));
    if (qpdf_has_error(c.q)) pdfua_problem(&c, "qpdf: %s", qpdf_get_error_full_text(c.q, qpdf_get_error(c.q)));
  }
  qpdf_cleanup(&c.q);
  g_hash_table_destroy(c.note_ids);
  return g_string_free(c.problems, FALSE);
}

/* Every problem in the PDF at `path`, one a line; "" when it conforms. */
static inline char *pdfua_problems(const char *path) {
  qpdf_data q = qpdf_init();
  qpdf_silence_errors(q);
  return pdfua_problems_read(q, qpdf_read(q, path, NULL), path);
}

#endif
