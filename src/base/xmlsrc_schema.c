/* xmlsrc_schema — see xmlsrc_schema.h.
 *
 * The schema is walked once: every <element name> with the attributes and
 * child elements reachable from it through <ref>s (not through another
 * <element>), noting whether an <optional>, <zeroOrMore> or <choice>
 * stands between (then the attribute is not required). */
#include "xmlsrc_schema.h"

#include "period.h"
#include "spelling.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
  char *name;
  gboolean required;
  GPtrArray *choices; /* char*: allowed values; empty = any */
  char *datatype;     /* "date", "positiveInteger", …; NULL = text */
  char *pattern;      /* a string datatype's pattern, or NULL */
} AttrInfo;

typedef struct {
  GPtrArray *attrs;     /* AttrInfo*, in schema order */
  char *datatype;       /* the element's text, when it is <data type> */
  GHashTable *parents;  /* element names it may appear in (set) */
  guint definitions;    /* how many <element name> define it */
} ElementInfo;

struct SchemaInfo {
  GHashTable *elements; /* name -> ElementInfo* */
  GHashTable *defines;  /* define name -> GPtrArray of xmlNode* (borrowed while building) */
};

static void attr_free(gpointer p) {
  AttrInfo *a = p;
  g_free(a->name), g_free(a->datatype), g_free(a->pattern);
  g_ptr_array_free(a->choices, TRUE);
  g_free(a);
}

static void element_free(gpointer p) {
  ElementInfo *e = p;
  g_ptr_array_free(e->attrs, TRUE);
  g_free(e->datatype);
  g_hash_table_destroy(e->parents);
  g_free(e);
}

void schema_info_free(SchemaInfo *si) {
  if (!si) return;
  g_hash_table_destroy(si->elements);
  g_free(si);
}

static gboolean is(const xmlNode *n, const char *name) {
  return n && n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST name);
}

static char *prop(const xmlNode *n, const char *name) {
  xmlChar *v = xmlGetProp(n, BAD_CAST name);
  char *s = v ? g_strdup((const char *)v) : NULL;
  xmlFree(v);
  return s;
}

static ElementInfo *element_info(SchemaInfo *si, const char *name) {
  ElementInfo *e = g_hash_table_lookup(si->elements, name);
  if (e) return e;
  e = g_new0(ElementInfo, 1);
  e->attrs = g_ptr_array_new_with_free_func(attr_free);
  e->parents = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_insert(si->elements, g_strdup(name), e);
  return e;
}

/* ---- one element's content ------------------------------------------------ */

typedef struct {
  SchemaInfo *si;
  const char *element;  /* whose content this is */
  GPtrArray *attrs;     /* AttrInfo* found in this definition */
  char *datatype;       /* <data type> directly in the content */
  GHashTable *visiting; /* define names on the current path */
} Walk;

static void values_collect(const SchemaInfo *si, const xmlNode *n, AttrInfo *a, int depth) {
  for (const xmlNode *c = n->children; c && depth < 8; c = c->next) {
    if (is(c, "value")) {
      xmlChar *v = xmlNodeGetContent(c);
      g_ptr_array_add(a->choices, g_strdup((const char *)v));
      xmlFree(v);
    } else if (is(c, "data") && !a->datatype) {
      a->datatype = prop(c, "type");
      for (const xmlNode *p = c->children; p; p = p->next)
        if (is(p, "param") && !a->pattern) {
          char *name = prop(p, "name");
          if (name && strcmp(name, "pattern") == 0) {
            xmlChar *v = xmlNodeGetContent(p);
            a->pattern = g_strdup((const char *)v);
            xmlFree(v);
          }
          g_free(name);
        }
    } else if (is(c, "choice")) {
      values_collect(si, c, a, depth + 1);
    } else if (is(c, "ref")) {
      char *name = prop(c, "name");
      GPtrArray *defs = name ? g_hash_table_lookup(si->defines, name) : NULL;
      for (guint i = 0; defs && i < defs->len; i++) values_collect(si, g_ptr_array_index(defs, i), a, depth + 1);
      g_free(name);
    }
  }
}

static void walk_content(Walk *w, const xmlNode *n, gboolean optional);

static void walk_attribute(Walk *w, const xmlNode *n, gboolean optional) {
  AttrInfo *a = g_new0(AttrInfo, 1);
  a->name = prop(n, "name");
  if (!a->name) {
    g_free(a);
    return;
  }
  a->required = !optional;
  a->choices = g_ptr_array_new_with_free_func(g_free);
  values_collect(w->si, n, a, 0);
  g_ptr_array_add(w->attrs, a);
}

static void walk_ref(Walk *w, const xmlNode *n, gboolean optional) {
  char *name = prop(n, "name");
  GPtrArray *defs = name ? g_hash_table_lookup(w->si->defines, name) : NULL;
  if (defs && !g_hash_table_contains(w->visiting, name)) {
    g_hash_table_add(w->visiting, name);
    for (guint i = 0; i < defs->len; i++) walk_content(w, g_ptr_array_index(defs, i), optional);
    g_hash_table_remove(w->visiting, name);
  }
  g_free(name);
}

static void walk_content(Walk *w, const xmlNode *n, gboolean optional) {
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (is(c, "attribute")) {
      walk_attribute(w, c, optional);
    } else if (is(c, "element")) {
      char *child = prop(c, "name");
      if (child) g_hash_table_add(element_info(w->si, child)->parents, g_strdup(w->element));
      g_free(child);
    } else if (is(c, "ref")) {
      walk_ref(w, c, optional);
    } else if (is(c, "data")) {
      if (!w->datatype) w->datatype = prop(c, "type");
    } else {
      gboolean opt = optional || is(c, "optional") || is(c, "zeroOrMore") || is(c, "choice");
      walk_content(w, c, opt);
    }
  }
}

static AttrInfo *attr_find(GPtrArray *attrs, const char *name) {
  for (guint i = 0; i < attrs->len; i++) {
    AttrInfo *a = g_ptr_array_index(attrs, i);
    if (strcmp(a->name, name) == 0) return a;
  }
  return NULL;
}

/* Merge one definition's attributes into the element's. */
static void merge(ElementInfo *e, Walk *w) {
  gboolean first = e->definitions++ == 0;
  for (guint i = 0; i < e->attrs->len; i++) {
    AttrInfo *a = g_ptr_array_index(e->attrs, i);
    if (!attr_find(w->attrs, a->name)) a->required = FALSE; /* another definition does without it */
  }
  for (guint i = 0; i < w->attrs->len; i++) {
    AttrInfo *a = g_ptr_array_index(w->attrs, i), *have = attr_find(e->attrs, a->name);
    if (!have) {
      if (!first) a->required = FALSE;
      g_ptr_array_add(e->attrs, g_ptr_array_steal_index(w->attrs, i--));
      continue;
    }
    have->required &= a->required;
    if (!a->choices->len || !have->choices->len) g_ptr_array_set_size(have->choices, 0);
    else
      for (guint k = 0; k < a->choices->len; k++) {
        const char *v = g_ptr_array_index(a->choices, k);
        gboolean seen = FALSE;
        for (guint j = 0; j < have->choices->len && !seen; j++) seen = strcmp(g_ptr_array_index(have->choices, j), v) == 0;
        if (!seen) g_ptr_array_add(have->choices, g_strdup(v));
      }
  }
  if (!e->datatype && w->datatype) e->datatype = g_strdup(w->datatype);
}

static void defines_collect(SchemaInfo *si, const xmlNode *n) {
  for (const xmlNode *c = n ? n->children : NULL; c; c = c->next) {
    if (is(c, "define")) {
      char *name = prop(c, "name");
      if (!name) continue;
      GPtrArray *defs = g_hash_table_lookup(si->defines, name);
      if (!defs) {
        defs = g_ptr_array_new();
        g_hash_table_insert(si->defines, g_strdup(name), defs);
      }
      g_ptr_array_add(defs, (gpointer)c);
      g_free(name);
    }
    defines_collect(si, c);
  }
}

static void elements_collect(SchemaInfo *si, const xmlNode *n) {
  for (const xmlNode *c = n ? n->children : NULL; c; c = c->next) {
    if (is(c, "element")) {
      char *name = prop(c, "name");
      if (name) {
        Walk w = {.si = si, .element = name, .attrs = g_ptr_array_new_with_free_func(attr_free),
                  .visiting = g_hash_table_new(g_str_hash, g_str_equal)};
        walk_content(&w, c, FALSE);
        merge(element_info(si, name), &w);
        g_ptr_array_free(w.attrs, TRUE);
        g_free(w.datatype);
        g_hash_table_destroy(w.visiting);
      }
      g_free(name);
    }
    elements_collect(si, c);
  }
}

SchemaInfo *schema_info_new(xmlDoc *rng) {
  SchemaInfo *si = g_new0(SchemaInfo, 1);
  si->elements = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, element_free);
  si->defines = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
  const xmlNode *root = xmlDocGetRootElement(rng);
  defines_collect(si, root);
  elements_collect(si, root);
  g_hash_table_destroy(si->defines);
  si->defines = NULL;
  return si;
}

/* ---- datatypes -------------------------------------------------------------- */

static gboolean all_digits(const char *s, size_t n) {
  if (n == 0) return FALSE;
  for (size_t i = 0; i < n; i++)
    if (!g_ascii_isdigit(s[i])) return FALSE;
  return TRUE;
}

static gboolean valid_date(const char *s) {
  if (strlen(s) < 10 || !all_digits(s, 4) || s[4] != '-' || !all_digits(s + 5, 2) || s[7] != '-' ||
      !all_digits(s + 8, 2))
    return FALSE;
  int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
  return m >= 1 && m <= 12 && d >= 1 && d <= g_date_get_days_in_month((GDateMonth)m, (GDateYear)y);
}

static gboolean valid_for(const char *type, const char *pattern, const char *raw) {
  char *v = g_strstrip(g_strdup(raw));
  size_t n = strlen(v);
  gboolean ok = TRUE;
  if (pattern) {
    char *anchored = g_strconcat("^(?:", pattern, ")$", NULL);
    ok = g_regex_match_simple(anchored, v, 0, 0);
    g_free(anchored);
  } else if (strcmp(type, "date") == 0) ok = n == 10 && valid_date(v);
  else if (strcmp(type, "dateTime") == 0) ok = n >= 19 && valid_date(v) && v[10] == 'T';
  else if (strcmp(type, "positiveInteger") == 0) ok = all_digits(v, n) && strspn(v, "0") < n;
  else if (strcmp(type, "nonNegativeInteger") == 0) ok = all_digits(v, n);
  else if (strcmp(type, "decimal") == 0) {
    const char *p = v + (*v == '-' || *v == '+');
    size_t int_len = strspn(p, "0123456789");
    const char *q = p + int_len;
    ok = int_len > 0 && (!*q || (*q == '.' && all_digits(q + 1, strlen(q + 1))));
  } else if (strcmp(type, "NCName") == 0) {
    ok = n > 0 && (g_ascii_isalpha(*v) || *v == '_');
    for (size_t i = 1; ok && i < n; i++) ok = g_ascii_isalnum(v[i]) || strchr("-_.", v[i]);
  } else if (strcmp(type, "language") == 0) {
    ok = n > 0 && strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") == n && *v != '-';
  }
  g_free(v);
  return ok;
}

/* What a value of the type looks like, for the message. */
static const char *type_hint(const char *type, const char *pattern) {
  if (pattern && strstr(pattern, "mm|cm|pt|in")) return "a length such as 12mm, 1.5cm, 10pt or 0.5in";
  if (pattern && strstr(pattern, "#[0-9A-Fa-f]{6}")) return "a colour written #RRGGBB, e.g. #1F3864";
  if (pattern) return NULL;
  if (strcmp(type, "date") == 0) return "a date: write it as YYYY-MM-DD, e.g. 2024-10-15";
  if (strcmp(type, "dateTime") == 0) return "a date and time: write it as YYYY-MM-DDThh:mm:ss";
  if (strcmp(type, "positiveInteger") == 0) return "a whole number of 1 or more";
  if (strcmp(type, "nonNegativeInteger") == 0) return "a whole number of 0 or more";
  if (strcmp(type, "decimal") == 0) return "a number such as 12.5 (a point, no unit)";
  if (strcmp(type, "NCName") == 0) return "a name: letters, digits, '-', '_' and '.', starting with a letter";
  if (strcmp(type, "language") == 0) return "a language tag such as en-GB or cy";
  return NULL;
}

/* A value written YYYY-MM-DD that is no day: why ("there is no month
 * 13", "February 2025 has 28 days"), to g_free; NULL if it is not
 * written so (the form is then what is wrong). */
static char *date_no_such_day(const char *raw) {
  char *v = g_strstrip(g_strdup(raw));
  char *why = NULL;
  if (strlen(v) == 10 && all_digits(v, 4) && v[4] == '-' && all_digits(v + 5, 2) && v[7] == '-' &&
      all_digits(v + 8, 2) && !valid_date(v)) {
    int y = atoi(v), m = atoi(v + 5), d = atoi(v + 8);
    if (m < 1 || m > 12) why = g_strdup_printf("there is no month %d", m);
    else if (d < 1) why = g_strdup("there is no day 0");
    else
      why = g_strdup_printf("%s %d has %d days", period_month_name(m, FALSE), y,
                            g_date_get_days_in_month((GDateMonth)m, (GDateYear)MAX(y, 1)));
  }
  g_free(v);
  return why;
}

/* "<date> \"2025-02-30\" is not a date: February 2025 has 28 days", or
 * with the type's hint. */
static char *not_of_type(const char *what, const char *v, const char *type, const char *hint) {
  char *why = strcmp(type, "date") == 0 ? date_no_such_day(v) : NULL;
  char *m = why ? g_strdup_printf("%s \"%s\" is not a date: %s", what, v, why)
                : g_strdup_printf("%s \"%s\" is not %s", what, v, hint);
  g_free(why);
  return m;
}

/* ---- explanations --------------------------------------------------------- */

static char *quoted_list(const GPtrArray *values, const char *last_sep) {
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < values->len; i++) {
    if (i) g_string_append(s, i + 1 == values->len ? last_sep : ", ");
    g_string_append_printf(s, "\"%s\"", (const char *)g_ptr_array_index(values, i));
  }
  return g_string_free(s, FALSE);
}

static char *names_list(const GPtrArray *attrs) {
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < attrs->len; i++)
    g_string_append_printf(s, "%s%s=", i ? ", " : "", ((const AttrInfo *)g_ptr_array_index(attrs, i))->name);
  return g_string_free(s, FALSE);
}

/* The element's attribute nearest `name` in spelling ("titel" for
 * "title"), or NULL. */
static const char *attr_nearest(const GPtrArray *attrs, const char *name) {
  GHashTable *names = g_hash_table_new(g_str_hash, g_str_equal);
  for (guint i = 0; i < attrs->len; i++) g_hash_table_add(names, (gpointer)((const AttrInfo *)g_ptr_array_index(attrs, i))->name);
  const char *near = spelling_nearest_key(names, name);
  g_hash_table_destroy(names);
  return near;
}

/* The first thing wrong with the element's attributes, in words. */
static char *attributes_explain(const ElementInfo *e, const xmlNode *node) {
  const char *el = (const char *)node->name;
  for (xmlAttr *a = node->properties; a; a = a->next) {
    const AttrInfo *info = attr_find(e->attrs, (const char *)a->name);
    if (!info) {
      if (!e->attrs->len) return g_strdup_printf("<%s> takes no attributes (%s= is not one)", el, a->name);
      char *names = names_list(e->attrs);
      const char *near = attr_nearest(e->attrs, (const char *)a->name);
      char *m = near ? g_strdup_printf("<%s> has no attribute %s= (did you mean %s=? it takes %s)", el, a->name, near,
                                       names)
                     : g_strdup_printf("<%s> has no attribute %s= (it takes %s)", el, a->name, names);
      g_free(names);
      return m;
    }
    xmlChar *raw = xmlNodeGetContent((const xmlNode *)a);
    const char *v = (const char *)raw;
    char *m = NULL;
    gboolean listed = FALSE;
    for (guint i = 0; i < info->choices->len && !listed; i++) listed = strcmp(g_ptr_array_index(info->choices, i), v) == 0;
    gboolean typed = info->datatype && valid_for(info->datatype, info->pattern, v);
    gboolean any = !info->choices->len && !info->datatype;
    const char *hint = info->datatype ? type_hint(info->datatype, info->pattern) : NULL;
    char *no_day = !typed && info->datatype && strcmp(info->datatype, "date") == 0 ? date_no_such_day(v) : NULL;
    if (no_day) m = g_strdup_printf("<%s %s=\"%s\">: %s= is not a date: %s", el, a->name, v, a->name, no_day);
    g_free(no_day);
    if (!m && !any && !listed && !typed && (info->choices->len || hint)) {
      char *choices = quoted_list(info->choices, " or ");
      m = !hint          ? g_strdup_printf("<%s %s=\"%s\">: %s= must be one of %s", el, a->name, v, a->name, choices)
          : info->choices->len ? g_strdup_printf("<%s %s=\"%s\">: %s= must be %s, or %s", el, a->name, v, a->name,
                                                 hint, choices)
                             : g_strdup_printf("<%s %s=\"%s\">: %s= must be %s", el, a->name, v, a->name, hint);
      g_free(choices);
    }
    xmlFree(raw);
    if (m) return m;
  }
  for (guint i = 0; i < e->attrs->len; i++) {
    const AttrInfo *info = g_ptr_array_index(e->attrs, i);
    if (!info->required || xmlHasProp(node, BAD_CAST info->name)) continue;
    if (info->choices->len) {
      char *choices = quoted_list(info->choices, " or ");
      char *m = g_strdup_printf("<%s> needs %s= (one of %s)", el, info->name, choices);
      g_free(choices);
      return m;
    }
    const char *hint = info->datatype ? type_hint(info->datatype, info->pattern) : NULL;
    return hint ? g_strdup_printf("<%s> needs %s=, %s", el, info->name, hint)
                : g_strdup_printf("<%s> needs %s=\"…\"", el, info->name);
  }
  return NULL;
}

static gint compare_strings(gconstpointer a, gconstpointer b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* "<p> cannot go inside <report>; it goes inside <annex>, <li> or …". */
static char *placement_explain(const SchemaInfo *si, const xmlNode *node) {
  const ElementInfo *e = g_hash_table_lookup(si->elements, (const char *)node->name);
  const xmlNode *parent = node->parent;
  if (!e || !parent || parent->type != XML_ELEMENT_NODE) return NULL;
  const char *el = (const char *)node->name, *in = (const char *)parent->name;
  if (g_hash_table_contains(e->parents, in))
    return g_strdup_printf("<%s> is not expected at this point inside <%s>: it is out of order, or one too many", el,
                           in);
  GPtrArray *names = g_ptr_array_new();
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init(&it, e->parents);
  while (g_hash_table_iter_next(&it, &key, NULL)) g_ptr_array_add(names, key);
  g_ptr_array_sort(names, compare_strings);
  GString *s = g_string_new(NULL);
  guint shown = MIN(names->len, 8u);
  for (guint i = 0; i < shown; i++)
    g_string_append_printf(s, "%s<%s>", i == 0 ? "" : i + 1 == shown && shown == names->len ? " or " : ", ",
                           (const char *)g_ptr_array_index(names, i));
  if (names->len > shown) g_string_append_printf(s, " and %u more", names->len - shown);
  char *m = names->len ? g_strdup_printf("<%s> cannot go inside <%s>; it goes inside %s", el, in, s->str)
                       : g_strdup_printf("<%s> cannot go inside <%s>", el, in);
  g_string_free(s, TRUE);
  g_ptr_array_unref(names);
  return m;
}

static char *content_explain(const ElementInfo *e, const xmlNode *node) {
  if (!e->datatype || !type_hint(e->datatype, NULL)) return NULL;
  xmlChar *raw = xmlNodeGetContent(node);
  char *v = g_strstrip(g_strdup((const char *)raw));
  xmlFree(raw);
  char *what = g_strdup_printf("<%s>", (const char *)node->name);
  char *m = valid_for(e->datatype, NULL, v) ? NULL : not_of_type(what, v, e->datatype, type_hint(e->datatype, NULL));
  g_free(what);
  g_free(v);
  return m;
}

char *schema_info_explain(const SchemaInfo *si, const xmlNode *node, const char *msg) {
  if (!si || !node || node->type != XML_ELEMENT_NODE || !msg) return NULL;
  const ElementInfo *e = g_hash_table_lookup(si->elements, (const char *)node->name);
  if (strstr(msg, "Did not expect element") || strstr(msg, "Expecting element") || strstr(msg, "extra content"))
    return placement_explain(si, node);
  if (!e) return NULL;
  /* libxml2's guess when a bad attribute made a choice fail ("Expecting
   * an element b, got nothing" for <p lang="pl_PL">): the attribute is
   * what to say */
  if (strstr(msg, "Expecting an element") && strstr(msg, "got nothing")) return schema_info_check_element(si, node);
  if (strstr(msg, "attribute")) return attributes_explain(e, node);
  if (strstr(msg, "Type ") || strstr(msg, "datatype") || strstr(msg, "validate content")) {
    char *m = content_explain(e, node);
    return m ? m : attributes_explain(e, node);
  }
  return NULL;
}

char *schema_info_check_element(const SchemaInfo *si, const xmlNode *node) {
  const ElementInfo *e = si && node && node->type == XML_ELEMENT_NODE
                             ? g_hash_table_lookup(si->elements, (const char *)node->name)
                             : NULL;
  if (!e) return NULL;
  char *m = attributes_explain(e, node);
  return m ? m : content_explain(e, node);
}
