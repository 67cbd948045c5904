/* A structure-aware libFuzzer mutator for boardpack's XML inputs, so that
 * mutated inputs get past the RELAX NG schema and reach bind, layout and
 * render instead of being refused at the first misspelt tag.
 *
 * The grammar is derived, once, from the schema compiled into the binary
 * (src/schema/NAME.rng via the GResource): for every element name, the
 * attributes it may carry (with their <value> choices, datatype or
 * pattern, and whether they are required), the child elements it may hold
 * (and which are required) and whether it holds text. Same-named elements
 * in different places are merged (a superset: the schema still judges).
 *
 * A mutation parses the input (libxml2, no entities, no network), applies
 * one to three edits drawn from the grammar — set or add an attribute with
 * a value of its kind, drop an attribute, insert a new element (with its
 * required attributes and children) where the grammar allows it, delete,
 * duplicate or copy an element, replace or grow a text — and serialises
 * the document. One mutation in ten is libFuzzer's own byte mutation, so
 * the parser and the schema's messages stay fuzzed too; input that does
 * not parse gets byte mutations only. The cross-over copies an element of
 * one input into another.
 *
 * BOARDPACK_FUZZ_RAW=1 turns all of it off (libFuzzer's byte mutations
 * only), to measure what the grammar buys: see fuzz_schema_stats().
 *
 * Include once, in a harness, after defining FUZZ_SCHEMA ("report",
 * "layout" or "pack").
 */
#ifndef BOARDPACK_FUZZ_XML_MUTATOR_H
#define BOARDPACK_FUZZ_XML_MUTATOR_H

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmlsrc.h"
#include "resources.h"

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed);
size_t LLVMFuzzerCustomCrossOver(const uint8_t *data1, size_t size1, const uint8_t *data2, size_t size2,
                                 uint8_t *out, size_t max_out_size, unsigned int seed);

/* ---- the grammar ----------------------------------------------------------- */

typedef struct {
  char *name;
  GPtrArray *values; /* <value> choices (char*), maybe empty */
  char *type;        /* <data type>, or NULL */
  char *pattern;     /* <param name="pattern">, or NULL */
  gboolean required;
} GramAttr;

typedef struct {
  char *name;
  GPtrArray *attrs;    /* GramAttr* */
  GPtrArray *children; /* element names (char*, owned by the grammar's names) */
  GPtrArray *required; /* the children that must be there */
  GPtrArray *choices;  /* of GPtrArray*: one of each must be there ("#text": text) */
  GHashTable *many;    /* children that may repeat */
  gboolean text;
  char *text_type;     /* <data type> of its content, or NULL */
} GramElem;

static GHashTable *gram_elems;   /* name -> GramElem* */
static GHashTable *gram_defines; /* name -> xmlNode* <define> */
static GPtrArray *gram_names;    /* every element name, for random picks */
static xmlDoc *gram_schema;

static gboolean rng_is(const xmlNode *n, const char *name) {
  return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}
static char *rng_attr(const xmlNode *n, const char *name) {
  xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
  char *s = v ? g_strdup((const char *)v) : NULL;
  xmlFree(v);
  return s;
}

static GramElem *gram_elem(const char *name) {
  GramElem *e = g_hash_table_lookup(gram_elems, name);
  if (e) return e;
  e = g_new0(GramElem, 1);
  e->name = g_strdup(name);
  e->attrs = g_ptr_array_new();
  e->children = g_ptr_array_new();
  e->required = g_ptr_array_new();
  e->choices = g_ptr_array_new();
  e->many = g_hash_table_new(g_str_hash, g_str_equal);
  g_hash_table_insert(gram_elems, e->name, e);
  g_ptr_array_add(gram_names, e->name);
  return e;
}

static void gram_add_name(GPtrArray *names, const char *name) {
  for (guint i = 0; i < names->len; i++)
    if (strcmp(g_ptr_array_index(names, i), name) == 0) return;
  g_ptr_array_add(names, gram_elem(name)->name);
}

/* An attribute's value: choices, datatype, pattern (through refs). */
static void gram_attr_values(GramAttr *a, const xmlNode *n, int depth) {
  if (depth > 8) return;
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (rng_is(c, "value")) {
      xmlChar *v = xmlNodeGetContent(c);
      g_ptr_array_add(a->values, g_strdup((const char *)v));
      xmlFree(v);
    } else if (rng_is(c, "data")) {
      if (!a->type) a->type = rng_attr(c, "type");
      for (const xmlNode *p = c->children; p; p = p->next) {
        char *pname = rng_is(p, "param") ? rng_attr(p, "name") : NULL;
        if (pname && strcmp(pname, "pattern") == 0 && !a->pattern) {
          xmlChar *v = xmlNodeGetContent(p);
          a->pattern = g_strdup((const char *)v);
          xmlFree(v);
        }
        g_free(pname);
      }
    } else if (rng_is(c, "ref")) {
      char *name = rng_attr(c, "name");
      const xmlNode *d = name ? g_hash_table_lookup(gram_defines, name) : NULL;
      if (d) gram_attr_values(a, d, depth + 1);
      g_free(name);
    } else if (c->type == XML_ELEMENT_NODE) {
      gram_attr_values(a, c, depth + 1);
    }
  }
}

/* Where a walk of an element's content is: whether what it meets must be
 * there, may repeat, and the required choice it belongs to (or NULL). */
typedef struct {
  gboolean required, many;
  GPtrArray *choice;
} GramAt;

static void gram_content(GramElem *e, const xmlNode *n, GramAt at, GHashTable *visiting);

static void gram_attribute(GramElem *e, const xmlNode *c, gboolean required) {
  char *name = rng_attr(c, "name");
  if (!name) return;
  GramAttr *a = NULL;
  for (guint i = 0; i < e->attrs->len && !a; i++)
    if (strcmp(((GramAttr *)g_ptr_array_index(e->attrs, i))->name, name) == 0) a = g_ptr_array_index(e->attrs, i);
  if (!a) {
    a = g_new0(GramAttr, 1);
    a->name = name;
    a->values = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(e->attrs, a);
    gram_attr_values(a, c, 0);
  } else {
    g_free(name);
  }
  a->required |= required;
}

static void gram_content(GramElem *e, const xmlNode *n, GramAt at, GHashTable *visiting) {
  GramAt optional = {FALSE, at.many, at.choice}, repeated = {at.required, TRUE, at.choice};
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (rng_is(c, "element")) {
      char *name = rng_attr(c, "name");
      if (name) {
        gram_add_name(e->children, name);
        if (at.required && !at.choice) gram_add_name(e->required, name);
        if (at.choice) gram_add_name(at.choice, name);
        if (at.many) g_hash_table_add(e->many, gram_elem(name)->name);
      }
      g_free(name);
    } else if (rng_is(c, "attribute")) {
      gram_attribute(e, c, at.required && !at.choice);
    } else if (rng_is(c, "optional")) {
      gram_content(e, c, (GramAt){FALSE, at.many, NULL}, visiting);
    } else if (rng_is(c, "zeroOrMore")) {
      gram_content(e, c, (GramAt){FALSE, TRUE, NULL}, visiting);
    } else if (rng_is(c, "oneOrMore")) {
      gram_content(e, c, repeated, visiting);
    } else if (rng_is(c, "choice")) {
      if (at.required && !at.choice) { /* one of them must be there */
        GPtrArray *group = g_ptr_array_new();
        gram_content(e, c, (GramAt){TRUE, at.many, group}, visiting);
        if (group->len) g_ptr_array_add(e->choices, group);
        else g_ptr_array_free(group, TRUE);
      } else {
        gram_content(e, c, at.choice ? at : optional, visiting);
      }
    } else if (rng_is(c, "mixed")) {
      e->text = TRUE;
      gram_content(e, c, optional, visiting);
    } else if (rng_is(c, "text") || rng_is(c, "list")) {
      e->text = TRUE;
      if (at.choice) g_ptr_array_add(at.choice, "#text");
    } else if (rng_is(c, "data") || rng_is(c, "value")) {
      e->text = TRUE;
      if (!e->text_type && rng_is(c, "data")) e->text_type = rng_attr(c, "type");
      if (at.choice) g_ptr_array_add(at.choice, "#text");
    } else if (rng_is(c, "ref")) {
      char *name = rng_attr(c, "name");
      const xmlNode *d = name ? g_hash_table_lookup(gram_defines, name) : NULL;
      if (d && !g_hash_table_contains(visiting, name)) {
        g_hash_table_add(visiting, name);
        gram_content(e, d, at, visiting);
        g_hash_table_remove(visiting, name);
      }
      g_free(name);
    } else {
      gram_content(e, c, at, visiting); /* group, interleave */
    }
  }
}

static void gram_walk(const xmlNode *n) {
  for (const xmlNode *c = n; c; c = c->next) {
    if (rng_is(c, "element")) {
      char *name = rng_attr(c, "name");
      if (name) {
        GHashTable *visiting = g_hash_table_new(g_str_hash, g_str_equal);
        gram_content(gram_elem(name), c, (GramAt){TRUE, FALSE, NULL}, visiting);
        g_hash_table_destroy(visiting);
      }
      g_free(name);
    } else if (rng_is(c, "define")) {
      char *name = rng_attr(c, "name");
      if (name && !g_hash_table_contains(gram_defines, name)) g_hash_table_insert(gram_defines, name, (gpointer)c);
      else g_free(name);
    }
    if (c->children) gram_walk(c->children);
  }
}

static void gram_load(const char *schema) {
  if (gram_elems) return;
  gram_elems = g_hash_table_new(g_str_hash, g_str_equal);
  gram_defines = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  gram_names = g_ptr_array_new();
  char *res = g_strdup_printf("/boardpack/schema/%s.rng", schema);
  GBytes *b = g_resource_lookup_data(boardpack_get_resource(), res, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (!b) abort();
  gsize len;
  const char *text = g_bytes_get_data(b, &len);
  gram_schema = xmlReadMemory(text, (int)len, res, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
  if (!gram_schema) abort();
  /* defines first, so that refs resolve wherever they stand */
  for (const xmlNode *c = xmlDocGetRootElement(gram_schema)->children; c; c = c->next)
    if (rng_is(c, "define")) {
      char *name = rng_attr(c, "name");
      if (name) g_hash_table_insert(gram_defines, name, (gpointer)c);
    }
  gram_walk(xmlDocGetRootElement(gram_schema));
  g_bytes_unref(b);
  g_free(res);
}

/* ---- values --------------------------------------------------------------- */

static uint64_t mut_state;
static guint mut_rand(guint n) {
  mut_state ^= mut_state << 13, mut_state ^= mut_state >> 7, mut_state ^= mut_state << 17;
  return n ? (guint)(mut_state % n) : 0;
}
#define MUT_PICK(arr) (arr)[mut_rand(G_N_ELEMENTS(arr))]

static const char *const mut_words[] = {
    "the", "committee", "performance", "of", "2013/14", "Cyngor", "perfformiad", "مرحبا", "سلام", "数据",
    "supercalifragilisticexpialidocious", "1,234.5", "25.2%", "HSG01/B", "well-being", "£1.2 m", "12 weeks",
    "→", "★", "e\u0301", "\u00ad", "\u200b", "a\tb", "x", "Ω", "Ελληνικά", "Русский", "हिन्दी", "ਪੰਜਾਬੀ", "<>&"};

/* Text of one to many words; sometimes one very long word or many words. */
static char *mut_text(void) {
  GString *s = g_string_new(NULL);
  guint kind = mut_rand(20);
  if (kind == 0) {
    const char *w = MUT_PICK(mut_words);
    for (guint i = 0, n = 20 + mut_rand(400); i < n; i++) g_string_append(s, w);
  } else {
    for (guint i = 0, n = kind == 1 ? 100 + mut_rand(900) : 1 + mut_rand(8); i < n; i++) {
      if (i) g_string_append_c(s, ' ');
      g_string_append(s, MUT_PICK(mut_words));
    }
  }
  return g_string_free(s, FALSE);
}

static char *mut_number(gboolean decimal) {
  static const char *const edges[] = {"0", "1", "2", "3", "5", "10", "12", "100", "999", "1000", "2147483647",
                                      "4294967297", "99999999999999999999"};
  if (decimal && mut_rand(3) == 0) {
    static const char *const decs[] = {"0.5", "-3", "-0.0", "1e3", "12.345678901234567890", "-1000000", "50", "100"};
    return g_strdup(MUT_PICK(decs));
  }
  return g_strdup(mut_rand(4) ? edges[1 + mut_rand(5)] : MUT_PICK(edges)); /* mostly small, sometimes an edge */
}

/* A value for attribute `a` of its kind (or, sometimes, of another). */
static char *mut_attr_value(const GramAttr *a) {
  if (a->values->len && mut_rand(16)) return g_strdup(g_ptr_array_index(a->values, mut_rand(a->values->len)));
  const char *t = a->type ? a->type : "";
  const char *p = a->pattern ? a->pattern : "";
  if (strcmp(t, "language") == 0) {
    static const char *const v[] = {"en-GB", "cy", "cy-GB", "en", "fr", "ar", "ur", "zh-Hans", "bn", "x-none"};
    return g_strdup(MUT_PICK(v));
  }
  if (strcmp(t, "date") == 0) {
    static const char *const v[] = {"2013-09-10", "2024-06-30", "2013-02-29", "1999-12-31", "2013-06-01"};
    return g_strdup(MUT_PICK(v));
  }
  if (strcmp(t, "NCName") == 0) {
    static const char *const v[] = {"a", "b", "s1", "t2", "fig"};
    return g_strdup(MUT_PICK(v));
  }
  if (strstr(t, "nteger")) return mut_number(FALSE);
  if (strcmp(t, "decimal") == 0 || strcmp(t, "double") == 0) return mut_number(TRUE);
  if (strchr(p, '#')) return g_strdup_printf("#%06x", mut_rand(0x1000000));
  if (strstr(p, "mm")) {
    static const char *const v[] = {"30%", "20mm", "12pt", "2*", "auto", "1.5in", "0pt", "500mm", "100%",
                                    "0.1mm", "9999pt", "1cm", "72pt", "4pt", "144pt", "1*"};
    return g_strdup(MUT_PICK(v));
  }
  const char *n = a->name;
  if (!strcmp(n, "ref") || !strcmp(n, "to")) {
    static const char *const v[] = {"P1", "C1", "Y1", "a", "b", "NOPE"};
    return g_strdup(MUT_PICK(v));
  }
  if (!strcmp(n, "period") || !strcmp(n, "from")) {
    static const char *const v[] = {"2013-06", "2013-05", "2013-04", "2013/14", "2013-Q1", "2012-06", "2013-07"};
    return g_strdup(MUT_PICK(v));
  }
  if (!strcmp(n, "href")) {
    static const char *const v[] = {"https://example.org/x", "mailto:a@example.org", "#a", "tel:+441234",
                                    "https://example.org/a(b) c"};
    return g_strdup(MUT_PICK(v));
  }
  if (!strcmp(n, "src")) return g_strdup("figure.png");
  if (!strcmp(n, "catalogue")) return g_strdup("catalogue.xml");
  if (!strcmp(n, "values")) return g_strdup("data.csv");
  if (!strcmp(n, "series")) return g_strdup(mut_rand(2) ? "England" : "Wales");
  if (!strcmp(n, "spec")) return g_strdup(mut_rand(2) ? "report-a.xml" : "report-b.xml");
  if (!strcmp(n, "layout")) {
    static const char *const v[] = {"council-report", "slides", "style.xml"};
    return g_strdup(MUT_PICK(v));
  }
  if (!strcmp(n, "family")) {
    static const char *const v[] = {"Liberation Sans", "Liberation Serif", "Noto Sans", "DejaVu Sans", "Nope"};
    return g_strdup(MUT_PICK(v));
  }
  return mut_text();
}

/* ---- edits ---------------------------------------------------------------- */

static void mut_elements(xmlNode *n, GPtrArray *out) {
  for (; n; n = n->next)
    if (n->type == XML_ELEMENT_NODE) {
      g_ptr_array_add(out, n);
      mut_elements(n->children, out);
    }
}

static const GramElem *mut_gram(const xmlNode *n) { return g_hash_table_lookup(gram_elems, (const char *)n->name); }

static void mut_set_attr(xmlNode *n, const GramAttr *a) {
  char *v = mut_attr_value(a);
  xmlSetProp(n, (const xmlChar *)a->name, (const xmlChar *)v);
  g_free(v);
}

/* A new element `name` with its required attributes and children. */
static xmlNode *mut_new_element(xmlDoc *doc, const char *name, int depth) {
  xmlNode *n = xmlNewDocNode(doc, NULL, (const xmlChar *)name, NULL);
  const GramElem *g = g_hash_table_lookup(gram_elems, name);
  if (!g) return n;
  for (guint i = 0; i < g->attrs->len; i++) {
    const GramAttr *a = g_ptr_array_index(g->attrs, i);
    if (a->required || mut_rand(4) == 0) mut_set_attr(n, a);
  }
  gboolean text = g->text && !g->required->len && !g->choices->len;
  if (depth < 4) {
    for (guint i = 0; i < g->required->len; i++)
      xmlAddChild(n, mut_new_element(doc, g_ptr_array_index(g->required, i), depth + 1));
    for (guint i = 0; i < g->choices->len; i++) {
      GPtrArray *group = g_ptr_array_index(g->choices, i);
      const char *pick = g_ptr_array_index(group, mut_rand(group->len));
      if (strcmp(pick, "#text") == 0) text = TRUE;
      else xmlAddChild(n, mut_new_element(doc, pick, depth + 1));
    }
  }
  if (text) {
    GramAttr as_text = {.name = (char *)name, .values = g_ptr_array_new(), .type = g->text_type};
    char *t = g->text_type ? mut_attr_value(&as_text) : mut_text();
    xmlAddChild(n, xmlNewDocText(doc, (const xmlChar *)t));
    g_free(t);
    g_ptr_array_free(as_text.values, TRUE);
  }
  return n;
}

/* A random child position of `parent` (before the returned node, or at
 * the end when NULL). */
static xmlNode *mut_position(xmlNode *parent) {
  guint n = 0;
  for (xmlNode *c = parent->children; c; c = c->next) n++;
  guint at = mut_rand(n + 1);
  xmlNode *c = parent->children;
  while (at-- && c) c = c->next;
  return c;
}

/* Where `name` comes among the children of `g` in the schema. */
static int mut_order(const GramElem *g, const xmlChar *name) {
  for (guint i = 0; i < g->children->len; i++)
    if (xmlStrEqual((const xmlChar *)g_ptr_array_index(g->children, i), name)) return (int)i;
  return G_MAXINT;
}

/* Whether `parent` holds a `name` already that may not repeat. */
static gboolean mut_one_too_many(const xmlNode *parent, const char *name) {
  const GramElem *g = g_hash_table_lookup(gram_elems, (const char *)parent->name);
  if (!g || g_hash_table_contains(g->many, name)) return FALSE;
  for (const xmlNode *c = parent->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, (const xmlChar *)name)) return TRUE;
  return FALSE;
}

/* Beside a child of the same name when there is one (the schema often
 * fixes the order: <meta> first, a table's <col>s before its rows), else
 * anywhere among the children. */
static void mut_insert(xmlNode *parent, xmlNode *child) {
  guint same = 0;
  for (xmlNode *c = parent->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && child->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, child->name)) same++;
  if (same && mut_rand(8)) {
    guint pick = mut_rand(same);
    for (xmlNode *c = parent->children; c; c = c->next)
      if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, child->name) && pick-- == 0) {
        if (mut_rand(2)) xmlAddNextSibling(c, child);
        else xmlAddPrevSibling(c, child);
        return;
      }
  }
  /* before the first child that the schema puts after it */
  const GramElem *g = g_hash_table_lookup(gram_elems, (const char *)parent->name);
  xmlNode *before = NULL;
  if (g && child->type == XML_ELEMENT_NODE && mut_rand(8)) {
    int order = mut_order(g, child->name);
    for (xmlNode *c = parent->children; c && !before; c = c->next)
      if (c->type == XML_ELEMENT_NODE && mut_order(g, c->name) > order) before = c;
  } else {
    before = mut_position(parent);
  }
  if (before) xmlAddPrevSibling(before, child);
  else xmlAddChild(parent, child);
}

/* Whether `name` must be in elements named `parent`. */
static gboolean mut_required_in(const xmlNode *parent, const xmlChar *name) {
  const GramElem *g = parent ? g_hash_table_lookup(gram_elems, (const char *)parent->name) : NULL;
  for (guint i = 0; g && i < g->required->len; i++)
    if (xmlStrEqual((const xmlChar *)g_ptr_array_index(g->required, i), name)) return TRUE;
  return FALSE;
}

/* One edit of the document; FALSE if none applied. */
static gboolean mut_edit(xmlDoc *doc, GPtrArray *els) {
  xmlNode *n = g_ptr_array_index(els, mut_rand(els->len));
  const GramElem *g = mut_gram(n);
  switch (mut_rand(8)) {
  case 0: /* set or add an attribute */
  case 1:
    if (!g || !g->attrs->len) return FALSE;
    mut_set_attr(n, g_ptr_array_index(g->attrs, mut_rand(g->attrs->len)));
    return TRUE;
  case 2: { /* drop an attribute */
    guint count = 0;
    for (xmlAttr *a = n->properties; a; a = a->next) count++;
    if (!count) return FALSE;
    xmlAttr *a = n->properties;
    for (guint i = mut_rand(count); i--;) a = a->next;
    for (guint i = 0; g && i < g->attrs->len; i++) { /* mostly what may go */
      const GramAttr *ga = g_ptr_array_index(g->attrs, i);
      if (ga->required && xmlStrEqual(a->name, (const xmlChar *)ga->name) && mut_rand(8)) return FALSE;
    }
    xmlRemoveProp(a);
    return TRUE;
  }
  case 3: /* a new child */
  case 4: {
    if (!g || !g->children->len) return FALSE;
    const char *name = g_ptr_array_index(g->children, mut_rand(g->children->len));
    if (mut_one_too_many(n, name) && mut_rand(8)) return FALSE;
    mut_insert(n, mut_new_element(doc, name, 0));
    return TRUE;
  }
  case 5: /* delete (mostly what may go) */
    if (n == xmlDocGetRootElement(doc) || (mut_required_in(n->parent, n->name) && mut_rand(8))) return FALSE;
    xmlUnlinkNode(n);
    xmlFreeNode(n);
    return TRUE;
  case 6: { /* duplicate, or copy under another element that may hold it */
    if (n == xmlDocGetRootElement(doc)) return FALSE;
    xmlNode *target = n->parent;
    for (guint tries = 0; tries < 8 && mut_rand(2); tries++) {
      xmlNode *t = g_ptr_array_index(els, mut_rand(els->len));
      const GramElem *tg = mut_gram(t);
      for (guint i = 0; tg && i < tg->children->len; i++)
        if (strcmp(g_ptr_array_index(tg->children, i), (const char *)n->name) == 0) target = t;
    }
    if (target == n || xmlDocGetRootElement(doc) == NULL) return FALSE;
    for (xmlNode *up = target; up; up = up->parent)
      if (up == n) return FALSE; /* not into itself */
    if (mut_one_too_many(target, (const char *)n->name) && mut_rand(8)) return FALSE;
    mut_insert(target, xmlDocCopyNode(n, doc, 1));
    return TRUE;
  }
  default: { /* text */
    if (!g || !g->text) return FALSE;
    char *t = mut_text();
    if (mut_rand(2)) /* replace its text (xmlNodeSetContent would read "&" as an entity) */
      for (xmlNode *c = n->children, *next; c; c = next) {
        next = c->next;
        if (c->type == XML_TEXT_NODE) {
          xmlUnlinkNode(c);
          xmlFreeNode(c);
        }
      }
    mut_insert(n, xmlNewDocText(doc, (const xmlChar *)t));
    g_free(t);
    return TRUE;
  }
  }
}

static xmlDoc *mut_parse(const uint8_t *data, size_t size) {
  if (size == 0 || size > INT32_MAX) return NULL;
  xmlDoc *doc = xmlReadMemory((const char *)data, (int)size, "in.xml", NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc && !xmlDocGetRootElement(doc)) {
    xmlFreeDoc(doc);
    return NULL;
  }
  return doc;
}

/* The document's bytes into `out`, or 0 if they do not fit. */
static size_t mut_serialise(xmlDoc *doc, uint8_t *out, size_t max_size) {
  xmlChar *buf = NULL;
  int len = 0;
  xmlDocDumpMemoryEnc(doc, &buf, &len, "UTF-8");
  size_t n = buf && len > 0 && (size_t)len <= max_size ? (size_t)len : 0;
  if (n) memcpy(out, buf, n);
  xmlFree(buf);
  return n;
}

static gboolean mut_raw_only(void) {
  static int raw = -1;
  if (raw < 0) raw = getenv("BOARDPACK_FUZZ_RAW") != NULL;
  return raw;
}

/* Whether the bytes are well-formed and valid against the schema, read
 * the way boardpack reads its inputs. */
static gboolean fuzz_schema_valid(const uint8_t *data, size_t size, gboolean say_why) {
  DiagList *diags = diag_list_new();
  XmlSource *src = xmlsrc_parse("in.xml", ".", (const char *)data, size, diags);
  gboolean ok = src && xmlsrc_validate(src, FUZZ_SCHEMA, diags);
  if (!ok && say_why && diag_count(diags)) fprintf(stderr, "schema: invalid: %s\n", diag_get(diags, 0)->message);
  xmlsrc_free(src);
  diag_list_free(diags);
  return ok;
}

/* The last input the schema accepted: what an input it refuses (or one
 * that does not parse) gets mutated from, half the time; else the input
 * itself (libFuzzer's byte mutations when it does not parse), which keeps
 * the parser and the schema's messages fuzzed. */
static GByteArray *mut_last_valid;

/* One to three edits of a copy of `doc`, serialised into `out`; 0 if it
 * did not fit. */
static size_t mut_once(xmlDoc *doc, uint8_t *out, size_t max_size) {
  xmlDoc *copy = xmlCopyDoc(doc, 1);
  GPtrArray *els = g_ptr_array_new();
  for (guint i = 0, edits = 1 + mut_rand(3); i < edits; i++) {
    g_ptr_array_set_size(els, 0);
    mut_elements(xmlDocGetRootElement(copy), els);
    for (guint tries = 0; tries < 8 && !mut_edit(copy, els); tries++) {}
  }
  g_ptr_array_free(els, TRUE);
  size_t n = mut_serialise(copy, out, max_size);
  xmlFreeDoc(copy);
  return n;
}

/* Grammar edits, tried up to four times for a result the schema accepts
 * (one in five keeps the first result whatever it is: inputs just past
 * the schema's edge are worth having too). */
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed) {
  mut_state = seed * 2654435761u + 1;
  if (mut_raw_only() || mut_rand(10) == 0) return LLVMFuzzerMutate(data, size, max_size);
  gram_load(FUZZ_SCHEMA);
  xmlDoc *doc = NULL;
  if (fuzz_schema_valid(data, size, FALSE)) {
    if (!mut_last_valid) mut_last_valid = g_byte_array_new();
    g_byte_array_set_size(mut_last_valid, 0);
    g_byte_array_append(mut_last_valid, data, (guint)size);
  } else if (mut_last_valid && mut_rand(2)) {
    doc = mut_parse(mut_last_valid->data, mut_last_valid->len);
  }
  if (!doc) doc = mut_parse(data, size);
  if (!doc) return LLVMFuzzerMutate(data, size, max_size);
  uint8_t *out = g_malloc(max_size);
  size_t n = 0;
  guint attempts = mut_rand(5) ? 4 : 1;
  for (guint i = 0; i < attempts; i++) {
    size_t m = mut_once(doc, out, max_size);
    if (!m) continue;
    memcpy(data, out, m), n = m;
    if (attempts == 1 || fuzz_schema_valid(data, n, FALSE)) break;
  }
  g_free(out);
  xmlFreeDoc(doc);
  return n ? n : LLVMFuzzerMutate(data, size, max_size);
}

size_t LLVMFuzzerCustomCrossOver(const uint8_t *data1, size_t size1, const uint8_t *data2, size_t size2,
                                 uint8_t *out, size_t max_out_size, unsigned int seed) {
  mut_state = seed * 2654435761u + 7;
  gram_load(FUZZ_SCHEMA);
  xmlDoc *a = mut_parse(data1, size1), *b = mut_parse(data2, size2);
  size_t n = 0;
  if (a && b) {
    GPtrArray *ea = g_ptr_array_new(), *eb = g_ptr_array_new();
    mut_elements(xmlDocGetRootElement(a), ea);
    mut_elements(xmlDocGetRootElement(b), eb);
    xmlNode *from = g_ptr_array_index(eb, mut_rand(eb->len));
    xmlNode *into = NULL;
    for (guint tries = 0; tries < 16 && !into; tries++) {
      xmlNode *t = g_ptr_array_index(ea, mut_rand(ea->len));
      const GramElem *tg = mut_gram(t);
      for (guint i = 0; tg && i < tg->children->len; i++)
        if (strcmp(g_ptr_array_index(tg->children, i), (const char *)from->name) == 0) into = t;
    }
    if (into) {
      mut_insert(into, xmlDocCopyNode(from, a, 1));
      n = mut_serialise(a, out, max_out_size);
    }
    g_ptr_array_free(ea, TRUE);
    g_ptr_array_free(eb, TRUE);
  }
  if (a) xmlFreeDoc(a);
  if (b) xmlFreeDoc(b);
  if (!n) { /* no place for it: the first input, mutated */
    n = size1 < max_out_size ? size1 : max_out_size;
    memcpy(out, data1, n);
    n = LLVMFuzzerMutate(out, n, max_out_size);
  }
  return n;
}

/* ---- what the grammar buys -------------------------------------------------- */

/* With BOARDPACK_FUZZ_STATS=1, every input is also validated against the
 * schema on its own, and at exit the harness prints "schema: N of M
 * inputs valid (P%)" to stderr (=2: and why each invalid one is). */
static guint stats_inputs, stats_valid;
static void fuzz_schema_stats_print(void) {
  fprintf(stderr, "schema: %u of %u inputs valid (%.1f%%)%s\n", stats_valid, stats_inputs,
          stats_inputs ? 100.0 * stats_valid / stats_inputs : 0.0, mut_raw_only() ? " [byte mutations only]" : "");
}
static void fuzz_schema_stats(const uint8_t *data, size_t size) {
  static int on = -1;
  if (on < 0 && (on = getenv("BOARDPACK_FUZZ_STATS") != NULL)) atexit(fuzz_schema_stats_print);
  if (!on) return;
  stats_inputs++;
  if (fuzz_schema_valid(data, size, strcmp(getenv("BOARDPACK_FUZZ_STATS"), "2") == 0)) stats_valid++;
}

#endif
