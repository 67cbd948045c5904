/* xmlsrc — see xmlsrc.h.
 *
 * libxml2 reports errors through a per-thread callback; each parse or
 * validation installs its own collector and removes it afterwards, so
 * nothing is printed by libxml2 itself. */
#include "xmlsrc.h"

#include <gio/gio.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "infile.h"
#include "resources.h"
#include "spelling.h"
#define ONLY_UTF8 "only UTF-8 is accepted: save the file as UTF-8"
#include "xmlsrc_schema.h"
#define XMLSRC_PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES)

typedef struct {
  const XmlSource *src;
  const char *name;
  DiagList *diags;
  gboolean doctype_seen;
  int count;
  const SchemaInfo *schema; /* validating: what the schema allows, for messages */
  GHashTable *explained;    /* elements already explained: libxml2 reports one problem several times */
  GPtrArray *nodes;         /* validating: the element of each diagnostic in `diags`, or NULL */
} ErrorCollector;

static char *message_tidy(const char *msg) {
  char *m = g_strdup(msg ? msg : "invalid XML");
  g_strstrip(m);
  return m;
}

/* The validator sometimes reports "Element X failed …" at a child of X:
 * point at X itself. */
static xmlNode *named_ancestor(void *node_ptr, const char *msg) {
  xmlNode *node = node_ptr;
  const char *name = msg ? strstr(msg, "Element ") : NULL;
  if (!node || !name) return node;
  name += strlen("Element ");
  size_t len = strcspn(name, " :");
  for (xmlNode *n = node; n && n->type == XML_ELEMENT_NODE; n = n->parent)
    if (strlen((const char *)n->name) == len && strncmp((const char *)n->name, name, len) == 0) return n;
  return node;
}

static void collect_error(void *data, xmlErrorPtr err) {
  ErrorCollector *c = data;
  if (c->count++ >= 20) return; /* one bad file must not flood the terminal */
  int line = err->line;
  int col = err->int2;
  xmlNode *node = named_ancestor(err->node, err->message);
  if (node && node->type == XML_ELEMENT_NODE && c->src) {
    line = xmlsrc_line(node);
    col = xmlsrc_col(c->src, node);
  }
  char *msg = message_tidy(err->message);
  char *better = c->schema && node ? schema_info_explain(c->schema, node, msg) : NULL;
  if (better) {
    g_free(msg);
    if (g_hash_table_contains(c->explained, node)) {
      g_free(better);
      return;
    }
    g_hash_table_add(c->explained, node);
    msg = better;
  } else if (c->explained && node && g_hash_table_contains(c->explained, node)) {
    g_free(msg); /* the follow-on of a problem already explained ("failed to validate content") */
    return;
  }
  if (strstr(msg, "Excessive depth in document")) { /* libxml2's advice names a parser flag */
    g_free(msg);
    msg = g_strdup("elements are nested too deeply (more than 256 levels)");
  } else if (strstr(msg, "Input is not proper UTF-8")) {
    const char *bytes = strstr(msg, "Bytes: ");
    char *shown = bytes ? g_strdup_printf(" (the bytes %s)", bytes + strlen("Bytes: ")) : g_strdup("");
    g_free(msg);
    msg = g_strdup_printf("this is not UTF-8 text%s: " ONLY_UTF8, shown);
    g_free(shown);
  } else if (strstr(msg, "Expecting an element , got nothing") && node && node->type == XML_ELEMENT_NODE) {
    g_free(msg); /* the validator's words for an element left empty */
    msg = g_strdup_printf("<%s> is empty: it needs at least one element in it", node->name);
  }
  DiagSeverity sev = err->level == XML_ERR_WARNING ? DIAG_WARNING : DIAG_ERROR;
  diag_add(c->diags, sev, c->name, line, col, "%s", msg);
  if (c->nodes) g_ptr_array_add(c->nodes, node && node->type == XML_ELEMENT_NODE ? node : NULL);
  g_free(msg);
}

static void refuse_doctype(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys) {
  (void)name, (void)ext, (void)sys;
  xmlParserCtxtPtr ctxt = ctx;
  ErrorCollector *c = ctxt->_private;
  c->doctype_seen = TRUE;
  diag_add(c->diags, DIAG_ERROR, c->name, ctxt->input ? ctxt->input->line : 0,
           ctxt->input ? ctxt->input->col : 0,
           "DOCTYPE declarations are not allowed: boardpack reads no DTDs and expands no entities");
  xmlStopParser(ctxt);
}

/* The element after `n` in document order, or NULL. */
static xmlNode *next_in_document_order(xmlNode *n) {
  xmlNode *child = xmlsrc_first_element(n);
  if (child) return child;
  for (; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
    xmlNode *next = xmlsrc_next_element(n);
    if (next) return next;
  }
  return NULL;
}

/* Skip from `p` (at '<') past the markup that is not a start tag, or
 * return `p` if it is one. */
static const char *skip_non_element(const char *p, const char *end) {
  const char *close = NULL;
  if (p + 1 >= end) return end;
  if (g_str_has_prefix(p, "<!--")) close = g_strstr_len(p + 4, end - p - 4, "-->");
  else if (g_str_has_prefix(p, "<![CDATA[")) close = g_strstr_len(p + 9, end - p - 9, "]]>");
  else if (p[1] == '?') close = g_strstr_len(p + 2, end - p - 2, "?>");
  else if (p[1] == '!' || p[1] == '/') close = memchr(p + 2, '>', (size_t)(end - p - 2));
  else return p;
  return close ? close + 1 : end;
}

/* Columns, found once: libxml2 keeps none, and searching each element's
 * line for it is quadratic on a long line. In a well-formed document with
 * no DTD (so no entity can add elements) the k-th start tag in the text is
 * the k-th element in document order: one pass over both records each
 * element's character column in its _private field (ours: nothing else
 * uses it). A name that does not match stops the pass, leaving the rest to
 * the search in xmlsrc_col. */
static void columns_index(XmlSource *src) {
  const char *end = src->text + src->len, *pos = src->text;
  int col = 1;
  xmlNode *n = xmlDocGetRootElement(src->doc);
  for (const char *p = src->text; n && p < end;) {
    p = memchr(p, '<', (size_t)(end - p));
    if (!p) break;
    const char *after = skip_non_element(p, end);
    if (after != p) {
      p = after;
      continue;
    }
    const char *name = p + 1;
    if (n->ns && n->ns->prefix) {
      const char *colon = memchr(name, ':', (size_t)(end - name));
      if (colon) name = colon + 1;
    }
    size_t nlen = strlen((const char *)n->name);
    if ((size_t)(end - name) <= nlen || strncmp(name, (const char *)n->name, nlen) != 0 ||
        !name[nlen] || !strchr(" \t\r\n/>", name[nlen]))
      break;
    for (; pos < p; pos++) col = *pos == '\n' ? 1 : col + (((unsigned char)*pos & 0xC0) != 0x80);
    n->_private = GINT_TO_POINTER(col);
    n = next_in_document_order(n);
    p++;
  }
  src->columns_complete = n == NULL;
}

/* The encoding="…" of an XML declaration at the start of buf (after a
 * UTF-8 byte order mark), as a g_malloc'd string with its column in *col;
 * NULL when there is none. */
static char *declared_encoding(const char *buf, gsize len, int *col) {
  const char *start = buf, *end = buf + MIN(len, 512);
  if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) start += 3;
  if ((gsize)(end - start) < 6 || strncmp(start, "<?xml", 5) != 0 || !g_ascii_isspace(start[5])) return NULL;
  const char *close = g_strstr_len(start, end - start, "?>");
  const char *enc = close ? g_strstr_len(start, close - start, "encoding") : NULL;
  if (!enc) return NULL;
  const char *q = enc + strlen("encoding");
  while (q < close && (g_ascii_isspace(*q) || *q == '=')) q++;
  if (q >= close || (*q != '"' && *q != '\'')) return NULL;
  const char *value = q + 1, *stop = memchr(value, *q, (size_t)(close - value));
  if (!stop) return NULL;
  *col = (int)(enc - start) + 1;
  return g_strndup(value, (size_t)(stop - value));
}

/* libxml2 reads the input as UTF-8 (the columns index counts UTF-8
 * characters): it is given no encoding and ignores the declaration
 * (XML_PARSE_IGNORE_ENC), so that it parses UTF-8 in place; naming one,
 * even UTF-8, makes it convert the whole text into a copy first (23 MB of
 * buffers for a 7.6 MB spec). Anything else is refused here, in plain
 * words, rather than by the parser's "Start tag expected" or "indicate
 * encoding !". */
static gboolean encoding_check(const char *name, const char *buf, gsize len, DiagList *diags) {
  const unsigned char *b = (const unsigned char *)buf;
  const char *found = NULL;
  if (len >= 4 && ((b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF) ||
                   (b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0)))
    found = "UTF-32";
  else if (len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF) ||
                        (b[0] == '<' && b[1] == 0) || (b[0] == 0 && b[1] == '<')))
    found = "UTF-16";
  if (found) {
    diag_add(diags, DIAG_ERROR, name, 1, 1, "the file is in %s: " ONLY_UTF8, found);
    return FALSE;
  }
  int col = 0;
  char *enc = declared_encoding(buf, len, &col);
  gboolean ok = !enc || g_ascii_strcasecmp(enc, "UTF-8") == 0 || g_ascii_strcasecmp(enc, "UTF8") == 0 ||
                g_ascii_strcasecmp(enc, "US-ASCII") == 0 || g_ascii_strcasecmp(enc, "ASCII") == 0;
  if (!ok) diag_add(diags, DIAG_ERROR, name, 1, col, "the file declares encoding=\"%s\": " ONLY_UTF8, enc);
  g_free(enc);
  return ok;
}

/* libxml2 reads the text from here a piece at a time: xmlCtxtReadMemory
 * would first copy all of it into a buffer of its own, a third copy of a
 * long spec (with the file's bytes and src->text) at the peak. */
typedef struct {
  const char *at;
  gsize left;
} TextReader;

static int text_read(void *reader, char *out, int len) {
  TextReader *r = reader;
  gsize n = MIN((gsize)MAX(len, 0), r->left);
  memcpy(out, r->at, n);
  r->at += n, r->left -= n;
  return (int)n;
}

/* `text` (len bytes and a NUL, g_malloc'd) parsed; it is taken. */
static XmlSource *parse_taken(const char *name, const char *dir, char *text, gsize len, DiagList *diags) {
  gboolean ok = encoding_check(name, text, len, diags);
  if (ok && len > G_MAXINT) {
    diag_add(diags, DIAG_ERROR, name, 0, 0, "file is too large to parse (%" G_GSIZE_FORMAT " bytes)", len);
    ok = FALSE;
  }
  if (!ok) {
    g_free(text);
    return NULL;
  }
  XmlSource *src = g_new0(XmlSource, 1);
  src->name = g_strdup(name);
  src->dir = g_strdup(dir ? dir : ".");
  src->text = text;
  src->len = len;

  ErrorCollector c = {.src = NULL, .name = name, .diags = diags};
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (!ctxt) {
    diag_add(diags, DIAG_ERROR, name, 0, 0, "out of memory");
    xmlsrc_free(src);
    return NULL;
  }
  ctxt->_private = &c;
  ctxt->sax->internalSubset = refuse_doctype;
  ctxt->sax->entityDecl = NULL;
  ctxt->sax->externalSubset = NULL;
  xmlSetStructuredErrorFunc(&c, collect_error);
  DiagMark mark = diag_mark(diags);
  TextReader reader = {src->text, len};
  src->doc = xmlCtxtReadIO(ctxt, text_read, NULL, &reader, name, NULL, XMLSRC_PARSE_OPTIONS | XML_PARSE_IGNORE_ENC);
  xmlSetStructuredErrorFunc(NULL, NULL);
  xmlFreeParserCtxt(ctxt);

  if (!src->doc || c.doctype_seen || diag_errors_since(diags, mark)) {
    if (!diag_errors_since(diags, mark)) diag_add(diags, DIAG_ERROR, name, 0, 0, "not a well-formed XML document");
    xmlsrc_free(src);
    return NULL;
  }
  if (!xmlDocGetRootElement(src->doc)) {
    diag_add(diags, DIAG_ERROR, name, 1, 1, "the document is empty");
    xmlsrc_free(src);
    return NULL;
  }
  columns_index(src);
  return src;
}

static char *text_copy(const char *buf, gsize len) {
  char *text = g_malloc(len + 1); /* not g_memdup2(buf, len + 1): `buf` need not end in a NUL */
  memcpy(text, buf, len);
  text[len] = '\0';
  return text;
}

XmlSource *xmlsrc_parse(const char *name, const char *dir, const char *buf, gsize len, DiagList *diags) {
  return parse_taken(name, dir, text_copy(buf, len), len, diags);
}

/* The bytes of the file `path` (the reference taken), parsed: when it is
 * the only one, they become src->text, not copied. */
static XmlSource *file_parse(const char *path, GBytes *bytes, DiagList *diags) {
  gsize len = 0;
  char *text;
  if (g_bytes_get_data(bytes, NULL) == NULL) { /* empty */
    g_bytes_unref(bytes);
    text = g_strdup("");
  } else {
    text = g_bytes_unref_to_data(bytes, &len);
    text = g_realloc(text, len + 1);
    text[len] = '\0';
  }
  char *dir = g_path_get_dirname(path);
  XmlSource *src = parse_taken(path, dir, text, len, diags);
  g_free(dir);
  return src;
}

XmlSource *xmlsrc_load(const char *path, DiagList *diags) {
  GBytes *bytes = infile_read_reported(path, INFILE_XML, diags);
  return bytes ? file_parse(path, bytes, diags) : NULL;
}

void xmlsrc_free(XmlSource *src) {
  if (!src) return;
  if (src->doc) xmlFreeDoc(src->doc);
  g_free(src->name);
  g_free(src->dir);
  g_free(src->text);
  g_free(src);
}

xmlNode *xmlsrc_root(const XmlSource *src) { return xmlDocGetRootElement(src->doc); }

void xmlsrc_release(XmlSource *src, xmlNode *node) {
  /* without every column indexed, a later element's column is searched
   * for among its preceding siblings (same_line_rank): they must stay */
  if (!node || !src->columns_complete) return;
  xmlUnlinkNode(node);
  xmlFreeNode(node);
}

int xmlsrc_line(const xmlNode *node) {
  long l = xmlGetLineNo(node);
  return l > 0 && l < G_MAXINT ? (int)l : 0;
}

/* Start of 1-based line `line` in text, or NULL. */
static const char *line_start(const XmlSource *src, int line) {
  const char *p = src->text;
  for (int l = 1; l < line; l++) {
    p = strchr(p, '\n');
    if (!p) return NULL;
    p++;
  }
  return p;
}

/* How many elements named like `node` start on its line before it. */
static int same_line_rank(const xmlNode *node) {
  int rank = 0, line = xmlsrc_line(node);
  for (const xmlNode *n = node; n;) {
    const xmlNode *prev = n->prev;
    if (prev) {
      while (prev->last) prev = prev->last; /* deepest last descendant */
      n = prev;
    } else {
      n = n->parent;
    }
    if (!n || n->type == XML_DOCUMENT_NODE) break;
    if (n->type != XML_ELEMENT_NODE) continue;
    if (xmlsrc_line(n) < line) break;
    if (xmlStrEqual(n->name, node->name)) rank++;
  }
  return rank;
}

int xmlsrc_col(const XmlSource *src, const xmlNode *node) {
  if (!node || node->type != XML_ELEMENT_NODE) return 0;
  if (node->_private) return GPOINTER_TO_INT(node->_private); /* columns_index */
  const char *ls = line_start(src, xmlsrc_line(node));
  if (!ls) return 0;
  /* Elements may span lines: search from the line start onward. */
  size_t nlen = strlen((const char *)node->name);
  int skip = same_line_rank(node);
  for (const char *p = strchr(ls, '<'); p; p = strchr(p + 1, '<')) {
    const char *q = p + 1;
    const char *colon = memchr(q, ':', nlen + 64 > (size_t)(src->text + src->len - q) ? (size_t)(src->text + src->len - q) : nlen + 64);
    if (colon && node->ns && node->ns->prefix) q = colon + 1;
    if (strncmp(q, (const char *)node->name, nlen) == 0 && strchr(" \t\r\n/>", q[nlen]) && q[nlen]) {
      if (skip-- == 0) {
        int col = 1;
        for (const char *c = ls; c < p; c++)
          if (((unsigned char)*c & 0xC0) != 0x80) col++; /* count characters, not bytes */
        return col;
      }
    }
  }
  return 0;
}

void xmlsrc_diag(const XmlSource *src, const xmlNode *node, DiagList *diags, DiagSeverity sev,
                 const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  diag_addv(diags, sev, src->name, node ? xmlsrc_line(node) : 0, node ? xmlsrc_col(src, node) : 0, fmt, ap);
  va_end(ap);
}

/* ---- schema ---------------------------------------------------------- */

static GBytes *schema_bytes(const char *schema_name) {
  char *path = g_strdup_printf("/boardpack/schema/%s.rng", schema_name);
  GBytes *b = g_resource_lookup_data(boardpack_get_resource(), path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_free(path);
  return b;
}

static void collect_element_names(xmlNode *n, GHashTable *names) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (xmlStrEqual(n->name, BAD_CAST "element")) {
      xmlChar *name = xmlGetProp(n, BAD_CAST "name");
      if (name) {
        g_hash_table_add(names, g_strdup((char *)name));
        xmlFree(name);
      }
    }
    collect_element_names(n->children, names);
  }
}

/* Each schema's name is the name of its root element. A file of one kind
 * given where another is expected (a pack named as a pack's report, a
 * report given to `boardpack pack`) is told so, not "unknown element". */
static const struct {
  const char *root, *what, *how;
} kinds[] = {
    {"report", "a report spec", "a report is rendered with `boardpack render` or named by a pack's <report spec>"},
    {"pack", "a board pack", "a pack is made with `boardpack pack`, and cannot be one of a pack's reports"},
    {"catalogue", "a measure catalogue", "a catalogue is named by a report's <data catalogue>"},
    {"layout", "a house style", "a house style is named by <report layout>"},
    {"units", "a hierarchy of units", "a hierarchy is named by a report's <data units>"},
};

static int kind_of(const char *root) {
  for (guint i = 0; i < G_N_ELEMENTS(kinds); i++)
    if (strcmp(kinds[i].root, root) == 0) return (int)i;
  return -1;
}

static gboolean root_check(const XmlSource *src, const char *schema_name, DiagList *diags) {
  xmlNode *root = xmlsrc_root(src);
  int found = kind_of((const char *)root->name), want = kind_of(schema_name);
  if (found < 0 || want < 0 || found == want) return TRUE;
  xmlsrc_diag(src, root, diags, DIAG_ERROR, "this is %s (<%s>), not %s (<%s>): %s", kinds[found].what,
              kinds[found].root, kinds[want].what, kinds[want].root, kinds[found].how);
  return FALSE;
}

/* boardpack's documents are in no XML namespace: an element in one is
 * said so once, at the first (the validator's words are "Expecting no
 * namespace for element report"). */
static gboolean namespace_check(const XmlSource *src, xmlNode *n, DiagList *diags) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (n->ns && n->ns->href) {
      xmlsrc_diag(src, n, diags, DIAG_ERROR,
                  "<%s%s%s> is in the XML namespace \"%s\", but boardpack's elements are in none: remove the "
                  "xmlns declaration%s",
                  n->ns->prefix ? (const char *)n->ns->prefix : "", n->ns->prefix ? ":" : "", n->name, n->ns->href,
                  n->ns->prefix ? " and the prefix" : "");
      return FALSE;
    }
    if (!namespace_check(src, n->children, diags)) return FALSE;
  }
  return TRUE;
}

/* Names an author brings from HTML, DocBook or a word processor, and
 * boardpack's element for each: the nearest spelling of <row> is <col>,
 * but the author meant <tr>. Offered only where the schema has it. */
static const struct {
  const char *name, *meant;
} familiar[] = {
    {"row", "tr"},        {"cell", "td"},      {"thead", "tr head=\"yes\""}, {"para", "p"},     {"paragraph", "p"},
    {"item", "li"},       {"listitem", "li"},  {"list", "ul"},               {"img", "figure"}, {"image", "figure"},
    {"strong", "b"},      {"bold", "b"},       {"em", "i"},                  {"emphasis", "i"}, {"italic", "i"},
    {"link", "a"},        {"h1", "heading"},   {"h2", "heading"},            {"h3", "heading"}, {"chapter", "section"},
    {"appendix", "annex"}, {"toc", "contents"},
};

static const char *familiar_meant(GHashTable *names, const char *name) {
  for (guint i = 0; i < G_N_ELEMENTS(familiar); i++) {
    if (g_ascii_strcasecmp(familiar[i].name, name) != 0) continue;
    char *element = g_strndup(familiar[i].meant, strcspn(familiar[i].meant, " "));
    gboolean known = g_hash_table_contains(names, element);
    g_free(element);
    return known ? familiar[i].meant : NULL;
  }
  return NULL;
}

/* Report every element the schema never mentions: clearer than the
 * validator's "did not expect element X there". */
static void report_unknown_elements(const XmlSource *src, xmlNode *n, GHashTable *names, DiagList *diags) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (!g_hash_table_contains(names, n->name)) {
      const char *near = familiar_meant(names, (const char *)n->name);
      if (!near) near = spelling_nearest_key(names, (const char *)n->name);
      if (near)
        xmlsrc_diag(src, n, diags, DIAG_ERROR, "unknown element <%s> (did you mean <%s>?)", n->name, near);
      else
        xmlsrc_diag(src, n, diags, DIAG_ERROR, "unknown element <%s>", n->name);
      continue;
    }
    report_unknown_elements(src, n->children, names, diags);
  }
}

/* A compiled schema and the element names it knows, made once per
 * process: a pack or batch validates many files against the same few
 * schemas. Kept until exit (the process's, not a leak per document). */
typedef struct {
  xmlDoc *doc;
  xmlRelaxNGPtr rng;
  GHashTable *names;
  SchemaInfo *info;
} Schema;

static const Schema *schema_get(const char *schema_name) {
  static GHashTable *cache;
  if (!cache) cache = g_hash_table_new(g_str_hash, g_str_equal);
  Schema *s = g_hash_table_lookup(cache, schema_name);
  if (s) return s->rng ? s : NULL;
  s = g_new0(Schema, 1);
  g_hash_table_insert(cache, g_strdup(schema_name), s);
  GBytes *bytes = schema_bytes(schema_name);
  if (!bytes) return NULL;
  gsize n;
  const char *data = g_bytes_get_data(bytes, &n);
  s->doc = xmlReadMemory(data, (int)n, schema_name, "UTF-8", XML_PARSE_NONET);
  g_bytes_unref(bytes);
  if (!s->doc) return NULL;
  s->names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  collect_element_names(xmlDocGetRootElement(s->doc), s->names);
  s->info = schema_info_new(s->doc);
  xmlRelaxNGParserCtxtPtr pctxt = xmlRelaxNGNewDocParserCtxt(s->doc);
  s->rng = xmlRelaxNGParse(pctxt);
  xmlRelaxNGFreeParserCtxt(pctxt);
  return s->rng ? s : NULL;
}

/* libxml2's vaguest messages, said of a parent when one of its children
 * (or their attributes) is wrong. */
static gboolean generic_message(const char *m) {
  return strstr(m, "failed to validate content") || strstr(m, "failed to validate attributes") ||
         strstr(m, "in interleave") || strstr(m, "Invalid sequence");
}

/* Elements the schema rules out by their own attributes or text, each
 * reported (and added to `specific`). */
static void tree_check(const XmlSource *src, const SchemaInfo *si, xmlNode *n, GHashTable *explained,
                       GPtrArray *specific, DiagList *out) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    char *m = g_hash_table_contains(explained, n) ? NULL : schema_info_check_element(si, n);
    if (m) xmlsrc_diag(src, n, out, DIAG_ERROR, "%s", m), g_ptr_array_add(specific, n);
    g_free(m);
    tree_check(src, si, n->children, explained, specific, out);
  }
}

/* Whether `n` holds one of `inner` (not itself). */
static gboolean holds_any(const xmlNode *n, const GPtrArray *inner) {
  for (guint i = 0; i < inner->len; i++)
    for (const xmlNode *p = ((const xmlNode *)g_ptr_array_index(inner, i))->parent; p; p = p->parent)
      if (p == n) return TRUE;
  return FALSE;
}

/* libxml2's findings, made specific: each element whose attributes or text
 * the schema rules out is reported in our words, and libxml2's generic
 * "failed to validate content" is dropped when something specific was
 * said. */
static void validation_report(const XmlSource *src, const SchemaInfo *si, const DiagList *lib,
                              const GPtrArray *nodes, GHashTable *explained, DiagList *diags) {
  DiagList *mine = diag_list_new();
  GPtrArray *inner = g_ptr_array_new(); /* elements something specific was said of */
  tree_check(src, si, xmlsrc_root(src), explained, inner, mine);
  gboolean specific = diag_count(mine) > 0;
  for (guint i = 0; i < diag_count(lib); i++) {
    gboolean generic = generic_message(diag_get(lib, i)->message);
    specific |= !generic;
    if (!generic && g_ptr_array_index(nodes, i)) g_ptr_array_add(inner, g_ptr_array_index(nodes, i));
  }
  for (guint i = 0; i < diag_count(lib); i++) {
    const Diag *d = diag_get(lib, i);
    const xmlNode *n = g_ptr_array_index(nodes, i);
    if (specific && generic_message(d->message)) continue;
    /* an element that fails because of one inside it ("<p> is not
     * expected at this point" around a misspelt attribute): that one is
     * the error */
    if (n && holds_any(n, inner)) continue;
    diag_add(diags, d->severity, d->file, d->line, d->col, "%s", d->message);
  }
  for (guint i = 0; i < diag_count(mine); i++) {
    const Diag *d = diag_get(mine, i);
    diag_add(diags, d->severity, d->file, d->line, d->col, "%s", d->message);
  }
  diag_list_free(mine);
  g_ptr_array_free(inner, TRUE);
}

gboolean xmlsrc_validate(XmlSource *src, const char *schema_name, DiagList *diags) {
  const Schema *schema = schema_get(schema_name);
  if (!schema) {
    diag_add(diags, DIAG_ERROR, src->name, 0, 0, "internal error: no usable schema named '%s'", schema_name);
    return FALSE;
  }
  DiagMark mark = diag_mark(diags);
  if (!root_check(src, schema_name, diags) || !namespace_check(src, xmlsrc_root(src), diags)) return FALSE;
  report_unknown_elements(src, xmlsrc_root(src), schema->names, diags);
  if (!diag_errors_since(diags, mark)) {
    ErrorCollector c = {.src = src, .name = src->name, .diags = diags, .schema = schema->info,
                        .explained = g_hash_table_new(g_direct_hash, g_direct_equal)};
    xmlRelaxNGValidCtxtPtr vctxt = xmlRelaxNGNewValidCtxt(schema->rng);
    if (!vctxt) {
      g_hash_table_destroy(c.explained);
      diag_add(diags, DIAG_ERROR, src->name, 0, 0, "out of memory while validating against the %s schema", schema_name);
      return FALSE;
    }
    DiagList *lib = diag_list_new();
    c.diags = lib;
    c.nodes = g_ptr_array_new();
    xmlRelaxNGSetValidStructuredErrors(vctxt, collect_error, &c);
    int rc = xmlRelaxNGValidateDoc(vctxt, src->doc);
    if (rc != 0) validation_report(src, schema->info, lib, c.nodes, c.explained, diags);
    g_ptr_array_free(c.nodes, TRUE);
    if (rc != 0 && !diag_errors_since(diags, mark))
      diag_add(diags, DIAG_ERROR, src->name, 0, 0, "does not match the %s schema", schema_name);
    diag_list_free(lib);
    xmlRelaxNGFreeValidCtxt(vctxt);
    g_hash_table_destroy(c.explained);
  }
  return !diag_errors_since(diags, mark);
}

/* Documents xmlsrc_load_valid found valid in this process, by schema and
 * exact bytes: a pack names one report (and its catalogue) many times, and
 * RELAX NG validation costs more than parsing (12 M instructions for the
 * sample paper's spec). A document parsed from bytes that passed with
 * nothing said passes again with nothing said, whatever file they came
 * from, and no other text does:
 *   - each entry is found by a cheap key, the schema, the length and a
 *     64-bit hash of the text (text_hash: a bucket, not a proof);
 *   - then proved: a text of at most XMLSRC_VALID_COPY bytes is kept and
 *     compared byte for byte (memcmp: a report's spec in a fiftieth of the
 *     instructions SHA-256 took), while XMLSRC_VALID_COPIES bytes are kept
 *     in all; a longer text (a long report's spec is megabytes: a copy
 *     would hold it twice for as long as the process runs), or one past
 *     that total, is kept as its SHA-256, which is computed only when it
 *     is remembered and when its cheap key is met again.
 * Two texts with one cheap key (not seen in practice) keep the first: the
 * second is validated every time, never taken for the first. At most
 * XMLSRC_VALID_MEMO entries are kept. */
#define XMLSRC_VALID_MEMO 4096u
#define XMLSRC_VALID_COPY (256u * 1024)
#define XMLSRC_VALID_COPIES (4u * 1024 * 1024)
G_LOCK_DEFINE_STATIC(valid_memo);
static GHashTable *valid_memo; /* ValidEntry (its cheap key) -> itself; never removed */
static gsize valid_copied;     /* bytes of the kept texts */

typedef struct {
  const char *schema; /* interned */
  gsize len;
  guint64 hash;       /* text_hash */
  GBytes *text;       /* the text kept, or NULL: then sha256 */
  guint8 sha256[32];
} ValidEntry;

/* Not a checksum: spreads texts over the table in a fraction of an
 * instruction a byte (8 bytes a step). */
static guint64 text_hash(const char *s, gsize len) {
  guint64 h = 0x9e3779b97f4a7c15u ^ len, w;
  gsize i = 0;
  for (; i + 8 <= len; i += 8) {
    memcpy(&w, s + i, 8);
    h = (h ^ w) * 0xff51afd7ed558ccdu;
    h ^= h >> 32;
  }
  w = 0;
  memcpy(&w, s + i, len - i);
  h = (h ^ w) * 0xc4ceb9fe1a85ec53u;
  return h ^ (h >> 29);
}

static guint entry_hash(gconstpointer p) { return (guint)((const ValidEntry *)p)->hash; }

static gboolean entry_same_key(gconstpointer a, gconstpointer b) {
  const ValidEntry *x = a, *y = b;
  return x->schema == y->schema && x->len == y->len && x->hash == y->hash;
}

static void text_sha256(const XmlSource *src, guint8 out[32]) {
  GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
  g_checksum_update(sum, (const guchar *)src->text, (gssize)src->len);
  gsize n = 32;
  g_checksum_get_digest(sum, out, &n);
  g_checksum_free(sum);
}

static ValidEntry key_of(const XmlSource *src, const char *schema_name) {
  return (ValidEntry){.schema = g_intern_string(schema_name), .len = src->len, .hash = text_hash(src->text, src->len)};
}

static gboolean valid_before(const XmlSource *src, const ValidEntry *key) {
  G_LOCK(valid_memo);
  const ValidEntry *e = valid_memo ? g_hash_table_lookup(valid_memo, key) : NULL;
  G_UNLOCK(valid_memo);
  if (!e) return FALSE;
  if (e->text) return !src->len || memcmp(g_bytes_get_data(e->text, NULL), src->text, src->len) == 0;
  guint8 sha[32];
  text_sha256(src, sha);
  return memcmp(sha, e->sha256, sizeof sha) == 0;
}

/* Once per text (and entries whole before any thread can find them). */
static void valid_remember(const XmlSource *src, const ValidEntry *key) {
  G_LOCK(valid_memo);
  if (!valid_memo) valid_memo = g_hash_table_new(entry_hash, entry_same_key);
  if (g_hash_table_size(valid_memo) < XMLSRC_VALID_MEMO && !g_hash_table_contains(valid_memo, key)) {
    ValidEntry *e = g_new(ValidEntry, 1);
    *e = *key;
    if (src->len <= XMLSRC_VALID_COPY && valid_copied + src->len <= XMLSRC_VALID_COPIES) {
      e->text = g_bytes_new(src->text, src->len);
      valid_copied += src->len;
    } else {
      text_sha256(src, e->sha256);
    }
    g_hash_table_add(valid_memo, e);
  }
  G_UNLOCK(valid_memo);
}

/* xmlsrc_validate for a document just parsed from src->text. */
static gboolean validate_remembered(XmlSource *src, const char *schema_name, DiagList *diags) {
  ValidEntry key = key_of(src, schema_name);
  if (valid_before(src, &key)) return TRUE;
  guint said = diag_count(diags);
  gboolean ok = xmlsrc_validate(src, schema_name, diags);
  if (ok && diag_count(diags) == said) valid_remember(src, &key);
  return ok;
}

/* xmlsrc_parse_valid, the reference to `bytes` taken. */
static XmlSource *parse_valid_taken(const char *path, GBytes *bytes, const char *schema_name, DiagList *diags) {
  XmlSource *src = file_parse(path, bytes, diags);
  if (src && !validate_remembered(src, schema_name, diags)) {
    xmlsrc_free(src);
    return NULL;
  }
  return src;
}

XmlSource *xmlsrc_parse_valid(const char *path, GBytes *bytes, const char *schema_name, DiagList *diags) {
  return parse_valid_taken(path, g_bytes_ref(bytes), schema_name, diags);
}

XmlSource *xmlsrc_load_valid(const char *path, const char *schema_name, DiagList *diags) {
  GBytes *bytes = infile_read_reported(path, INFILE_XML, diags);
  return bytes ? parse_valid_taken(path, bytes, schema_name, diags) : NULL;
}

/* ---- element helpers ------------------------------------------------- */

xmlNode *xmlsrc_first_element(xmlNode *parent) {
  for (xmlNode *n = parent ? parent->children : NULL; n; n = n->next)
    if (n->type == XML_ELEMENT_NODE) return n;
  return NULL;
}

xmlNode *xmlsrc_next_element(xmlNode *node) {
  for (xmlNode *n = node ? node->next : NULL; n; n = n->next)
    if (n->type == XML_ELEMENT_NODE) return n;
  return NULL;
}

gboolean xmlsrc_is(const xmlNode *node, const char *name) {
  return node && node->type == XML_ELEMENT_NODE && xmlStrEqual(node->name, BAD_CAST name);
}

xmlNode *xmlsrc_child(xmlNode *parent, const char *name) {
  for (xmlNode *n = xmlsrc_first_element(parent); n; n = xmlsrc_next_element(n))
    if (xmlsrc_is(n, name)) return n;
  return NULL;
}

gboolean xmlsrc_attr_yes(const xmlNode *node, const char *name, gboolean fallback) {
  char *v = xmlsrc_attr(node, name);
  gboolean yes = v ? strcmp(v, "yes") == 0 : fallback;
  g_free(v);
  return yes;
}

char *xmlsrc_attr(const xmlNode *node, const char *name) {
  xmlChar *v = xmlGetProp(node, BAD_CAST name);
  if (!v) return NULL;
  char *s = g_strdup((char *)v);
  xmlFree(v);
  return s;
}

char *xmlsrc_text(const xmlNode *node) {
  xmlChar *v = xmlNodeGetContent(node);
  char *s = g_strdup(v ? (char *)v : "");
  xmlFree(v);
  return s;
}

char *xmlsrc_text_squashed(const xmlNode *node) {
  char *raw = xmlsrc_text(node);
  GString *out = g_string_new(NULL);
  gboolean space = TRUE; /* none at the start */
  for (const char *c = raw; *c; c++) {
    gboolean ws = *c == ' ' || *c == '\t' || *c == '\n' || *c == '\r';
    if (ws && !space) g_string_append_c(out, ' ');
    if (!ws) g_string_append_c(out, *c);
    space = ws;
  }
  if (out->len && out->str[out->len - 1] == ' ') g_string_truncate(out, out->len - 1);
  g_free(raw);
  return g_string_free(out, FALSE);
}
