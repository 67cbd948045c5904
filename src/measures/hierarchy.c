/* hierarchy — see hierarchy.h. */
#include "hierarchy.h"

#include <string.h>

#include "base/spelling.h"
#include "base/xmlsrc.h"

struct Hierarchy {
  char *file;
  GPtrArray *units;  /* Unit*, file order, owned */
  GHashTable *by_id; /* id -> Unit* */
  const Unit *top;
};

static const char *const level_names[UNIT_LEVEL_COUNT] = {"board", "service", "team", "worker"};

const char *unit_level_name(UnitLevel l) { return (guint)l < UNIT_LEVEL_COUNT ? level_names[l] : ""; }

gboolean unit_level_parse(const char *name, UnitLevel *out) {
  for (guint i = 0; name && i < UNIT_LEVEL_COUNT; i++)
    if (strcmp(name, level_names[i]) == 0) {
      *out = (UnitLevel)i;
      return TRUE;
    }
  return FALSE;
}

static void unit_free(gpointer p) {
  Unit *u = p;
  g_free(u->id);
  g_free(u->name);
  g_ptr_array_free(u->children, TRUE);
  g_free(u);
}

void hierarchy_free(Hierarchy *h) {
  if (!h) return;
  g_hash_table_destroy(h->by_id);
  g_ptr_array_free(h->units, TRUE);
  g_free(h->file);
  g_free(h);
}

/* ---- reading ------------------------------------------------------------ */

/* The parent ids as written, beside the units (resolved once all are read). */
typedef struct {
  Hierarchy *h;
  const XmlSource *src;
  DiagList *diags;
  GPtrArray *parent_ids; /* char* per unit, NULL for none */
} Reader;

static gboolean read_units(Reader *r) {
  gboolean ok = TRUE;
  for (xmlNode *n = xmlsrc_first_element(xmlsrc_root(r->src)); n; n = xmlsrc_next_element(n)) {
    Unit *u = g_new0(Unit, 1);
    u->id = xmlsrc_attr(n, "id");
    char *name = xmlsrc_attr(n, "name"), *level = xmlsrc_attr(n, "level");
    u->name = g_strstrip(name ? name : g_strdup(""));
    unit_level_parse(level, &u->level); /* the schema allows only the four */
    g_free(level);
    u->line = xmlsrc_line(n);
    u->col = xmlsrc_col(r->src, n);
    u->children = g_ptr_array_new();
    const Unit *first = g_hash_table_lookup(r->h->by_id, u->id);
    if (first) {
      diag_error(r->diags, r->h->file, u->line, u->col, "unit id=\"%s\" is given twice: the unit at line %d has it already",
                 u->id, first->line);
      ok = FALSE;
      unit_free(u);
      continue;
    }
    if (!*u->name) {
      diag_error(r->diags, r->h->file, u->line, u->col, "unit \"%s\" has an empty name=", u->id);
      ok = FALSE;
    }
    g_ptr_array_add(r->h->units, u);
    g_hash_table_insert(r->h->by_id, u->id, u);
    g_ptr_array_add(r->parent_ids, xmlsrc_attr(n, "parent"));
  }
  return ok;
}

static gboolean link_parent(Reader *r, Unit *u, const char *pid) {
  Hierarchy *h = r->h;
  if (!pid) return TRUE;
  Unit *p = g_hash_table_lookup(h->by_id, pid);
  if (!p) {
    const char *near = spelling_nearest_key(h->by_id, pid);
    diag_error(r->diags, h->file, u->line, u->col, "unit \"%s\": parent=\"%s\" names no unit%s%s%s", u->id, pid,
               near ? " (did you mean \"" : "", near ? near : "", near ? "\"?)" : "");
    return FALSE;
  }
  if (p == u) {
    diag_error(r->diags, h->file, u->line, u->col, "unit \"%s\" is its own parent", u->id);
    return FALSE;
  }
  u->parent = p;
  g_ptr_array_add(p->children, u);
  return TRUE;
}

/* Following parents from u must end at a unit without one. Each unit of
 * a cycle is reported; a unit that only leads into one is not (its
 * cycle's units are), but it fails too. */
static gboolean check_cycle(Reader *r, const Unit *u) {
  guint steps = 0;
  for (const Unit *a = u->parent; a; a = a->parent) {
    if (a == u) {
      diag_error(r->diags, r->h->file, u->line, u->col,
                 "unit \"%s\" is inside itself: following parent= from it comes back to it (parent=\"%s\")", u->id,
                 u->parent->id);
      return FALSE;
    }
    if (++steps > r->h->units->len) return FALSE;
  }
  return TRUE;
}

static gboolean check_level(Reader *r, const Unit *u) {
  if (!u->parent || u->level > u->parent->level) return TRUE;
  diag_error(r->diags, r->h->file, u->line, u->col,
             "unit \"%s\" is a %s, but its parent \"%s\" is a %s: a unit's level must be below its parent's (board, "
             "service, team, worker)",
             u->id, unit_level_name(u->level), u->parent->id, unit_level_name(u->parent->level));
  return FALSE;
}

static gboolean check_top(Reader *r) {
  Hierarchy *h = r->h;
  const Unit *top = NULL;
  gboolean ok = TRUE;
  for (guint i = 0; i < h->units->len; i++) {
    const Unit *u = g_ptr_array_index(h->units, i);
    if (u->parent || g_ptr_array_index(r->parent_ids, i)) continue;
    if (top) {
      diag_error(r->diags, h->file, u->line, u->col,
                 "unit \"%s\" has no parent=, and nor has \"%s\" (line %d): only the top unit has none", u->id,
                 top->id, top->line);
      ok = FALSE;
    } else {
      top = u;
    }
  }
  if (!top && h->units->len) {
    const Unit *u = g_ptr_array_index(h->units, 0);
    diag_error(r->diags, h->file, u->line, u->col, "no unit is without a parent=: the top unit (the board) has none");
    ok = FALSE;
  }
  h->top = top;
  return ok;
}

static Hierarchy *hierarchy_from(XmlSource *src, DiagList *diags) {
  Hierarchy *h = g_new0(Hierarchy, 1);
  h->file = g_strdup(src->name);
  h->units = g_ptr_array_new_with_free_func(unit_free);
  h->by_id = g_hash_table_new(g_str_hash, g_str_equal);
  Reader r = {h, src, diags, g_ptr_array_new_with_free_func(g_free)};
  gboolean ok = read_units(&r);
  for (guint i = 0; i < h->units->len; i++)
    ok &= link_parent(&r, g_ptr_array_index(h->units, i), g_ptr_array_index(r.parent_ids, i));
  gboolean acyclic = TRUE;
  for (guint i = 0; i < h->units->len; i++) acyclic &= check_cycle(&r, g_ptr_array_index(h->units, i));
  for (guint i = 0; acyclic && i < h->units->len; i++) ok &= check_level(&r, g_ptr_array_index(h->units, i));
  ok &= acyclic && check_top(&r);
  g_ptr_array_free(r.parent_ids, TRUE);
  xmlsrc_free(src);
  if (!ok) {
    hierarchy_free(h);
    return NULL;
  }
  return h;
}

Hierarchy *hierarchy_load(const char *path, DiagList *diags) {
  XmlSource *src = xmlsrc_load_valid(path, "units", diags);
  return src ? hierarchy_from(src, diags) : NULL;
}

Hierarchy *hierarchy_parse(const char *name, const char *buf, gsize len, DiagList *diags) {
  XmlSource *src = xmlsrc_parse(name, ".", buf, len, diags);
  if (src && !xmlsrc_validate(src, "units", diags)) {
    xmlsrc_free(src);
    return NULL;
  }
  return src ? hierarchy_from(src, diags) : NULL;
}

/* ---- queries ------------------------------------------------------------ */

const char *hierarchy_file(const Hierarchy *h) { return h->file; }
const Unit *hierarchy_top(const Hierarchy *h) { return h->top; }
guint hierarchy_count(const Hierarchy *h) { return h->units->len; }
const Unit *hierarchy_nth(const Hierarchy *h, guint i) { return i < h->units->len ? g_ptr_array_index(h->units, i) : NULL; }
const Unit *hierarchy_lookup(const Hierarchy *h, const char *id) { return id ? g_hash_table_lookup(h->by_id, id) : NULL; }
const char *hierarchy_suggest(const Hierarchy *h, const char *id) { return spelling_nearest_key(h->by_id, id); }

gboolean unit_within(const Unit *u, const Unit *ancestor) {
  for (; u; u = u->parent)
    if (u == ancestor) return TRUE;
  return FALSE;
}

static void collect(const Unit *u, UnitLevel level, GPtrArray *out) {
  if (u->level == level) {
    g_ptr_array_add(out, (gpointer)u);
    return;
  }
  for (guint i = 0; i < u->children->len; i++) collect(g_ptr_array_index(u->children, i), level, out);
}

GPtrArray *hierarchy_at_level(const Hierarchy *h, UnitLevel level, const Unit *within) {
  GPtrArray *out = g_ptr_array_new();
  const Unit *from = within ? within : h->top;
  if (from) collect(from, level, out);
  return out;
}
