/* pdfmerge — see pdfmerge.h.
 *
 * Pass one (part_read) reads each part's root objects and keeps what the
 * joined file needs: its pages, top structure elements, ParentTree
 * entries, named destinations, and the elements open across each boundary
 * (Owner: an element later parts continue, with every kid it ends up
 * with). It also notes per part which objects are left out (drops), which
 * are numbered otherwise than base + n (remaps: the roots and the
 * continuation elements) and which are written with a joined /K
 * (rewrites). Pass two (part_write) copies every other object, its
 * references rewritten by one scan of its bytes (rewrite_value). */
#include "pdfmerge.h"

#include <stdarg.h>
#include <string.h>
#include <sys/mman.h>

#include "pdfobj.h"
#include "pdfwrite.h"

G_DEFINE_QUARK(pdfmerge - error - quark, pdfmerge_error)


static inline const char *skip_space(const char *p, const char *end) {
  while (p < end && (pdf_class_of(*p) & PDF_C_SPACE)) p++;
  return p;
}

static inline const char *skip_token(const char *p, const char *end) {
  while (p < end && !(pdf_class_of(*p) & (PDF_C_SPACE | PDF_C_DELIM))) p++;
  return p;
}

static inline gboolean all_digits(const char *p, const char *e) {
  if (p == e) return FALSE;
  for (; p < e; p++)
    if (!(pdf_class_of(*p) & PDF_C_DIGIT)) return FALSE;
  return TRUE;
}

/* Digits to a number; callers have checked they are digits (up to 18). */
static long digits_value(const char *p, const char *e) {
  long v = 0;
  for (; p < e; p++) v = v * 10 + (*p - '0');
  return v;
}

/* Appends without a call into GLib while the buffer has room: the
 * rewrite appends a few bytes at a time, and g_string_append_len cost
 * more than the scan itself. */
/* ---- what pass one keeps --------------------------------------------------- */

typedef enum { KID_REF, KID_OBJR, KID_MCR } KidKind;

/* One entry of a /K: an element, an annotation (OBJR) or marked content
 * on a page (MCR; an MCID alone is one on the element's /Pg). */
typedef struct {
  guint32 kind;
  long num; /* the element, annotation or page */
  long mcid;
} Kid;

/* An element open at the end of a part that later parts continue. */
typedef struct {
  long num;     /* in the joined file */
  char *type;   /* its /S */
  GArray *kids; /* of Kid, numbers in the joined file */
} Owner;

/* New objects, known only once every part is read: remaps to them say so. */
enum { NEW_PAGES = -1, NEW_STRUCT = -2 };

typedef struct {
  long old, num;
} Remap;

typedef struct {
  long old;
  guint owner;
} Rewrite;

typedef struct {
  long base, size, sp_base;
  GArray *drops;    /* long: objects left out */
  GArray *remaps;   /* Remap: objects not numbered base + n */
  GArray *rewrites; /* Rewrite: elements written with their joined /K */
} Part;

/* A named destination: spans of the arena. */
typedef struct {
  gsize name, name_len;   /* the name's bytes, decoded: what sorts */
  gsize value, value_len; /* its destination, references rewritten */
} Dest;

typedef struct {
  long key, num;
} Num;

typedef struct {
  const PdfMergePart *in;
  guint n;
  Part *parts;
  guint part; /* the one being read, for messages */
  GArray *pages, *top; /* long: Pages /Kids, StructTreeRoot /K */
  GArray *nums;        /* Num: the ParentTree */
  GPtrArray *owners;
  GArray *open; /* guint: owners open at the end of the part read last, outermost first */
  GString *arena;
  GArray *dests;
  GString *mark_info; /* part 0's /MarkInfo value, or empty */
  long info;          /* part 0's Info, 0 if none */
  gboolean tagged;
  long sp_next; /* sp_base of the next part */
  /* numbers of the new objects */
  long total, pages_num, struct_num, tree_num, names_num, dests_num, outlines_num, catalog_num, size;
  GError **error;
} Merge;

static gboolean merge_fail(Merge *m, int code, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
static gboolean merge_fail(Merge *m, int code, const char *fmt, ...) {
  if (m->error && *m->error) return FALSE;
  va_list ap;
  va_start(ap, fmt);
  char *msg = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  if (m->part < m->n) g_set_error(m->error, PDFMERGE_ERROR, code, "part %u: %s", m->part + 1, msg);
  else g_set_error(m->error, PDFMERGE_ERROR, code, "%s", msg);
  g_free(msg);
  return FALSE;
}

#define READ_FAIL(m, what) merge_fail(m, PDFMERGE_ERROR_READ, "not a PDF as cairo writes it: %s", what)

/* Part p's object `old` in the joined file, or -1 when `old` is not one
 * of its numbers. Pass one: the remaps are few, read in turn. */
static long part_map(const Merge *m, const Part *pt, long old) {
  if (old <= 0 || old >= pt->size) return -1;
  for (guint i = 0; i < pt->remaps->len; i++) {
    const Remap *r = &g_array_index(pt->remaps, Remap, i);
    if (r->old == old) return r->num == NEW_PAGES ? m->pages_num : r->num == NEW_STRUCT ? m->struct_num : r->num;
  }
  return pt->base + old;
}

static void part_remap(Part *pt, long old, long num) {
  Remap r = {old, num};
  g_array_append_val(pt->remaps, r);
}

/* ---- rewriting references ------------------------------------------------- */

enum { F_DROP = 1, F_REMAP = 2, F_REWRITE = 4 };

/* How one part's references are rewritten: flags per old number (pass
 * two; NULL in pass one, which rewrites only destinations, whose
 * references are to pages, never remapped). */
typedef struct {
  const Merge *m;
  const Part *pt;
  const guint8 *flags;
} Rw;

static inline gboolean struct_parent_name(const char *n, const char *e) {
  return (e - n == 12 && memcmp(n, "StructParent", 12) == 0) || (e - n == 13 && memcmp(n, "StructParents", 13) == 0);
}

/* One value at p (after white space), copied to `out` with every "N G R"
 * given its number in the joined file and every /StructParent(s) key
 * offset; strings, names and comments are copied as they are, in runs.
 * Returns past the value, or NULL when it is malformed or refers outside
 * its part. One look at each byte: a regular token's digits are read as
 * it is passed. */
static const char *rewrite_value(const Rw *rw, const char *p, const char *end, GString *out) {
  int depth = 0;
  gboolean key_next = FALSE; /* the value of a /StructParent(s) comes next */
  p = skip_space(p, end);
  const char *run = p;
  for (;;) {
    if (p >= end) return NULL;
    char c = *p;
    guint8 cls = pdf_class_of(c);
    gboolean key = FALSE;
    if (cls & PDF_C_SPACE) {
      p++;
      continue;
    }
    if (cls & PDF_C_DELIM) {
      switch (c) {
        case '%':
          while (p < end && *p != '\n' && *p != '\r') p++;
          continue;
        case '(': {
          int nest = 0;
          for (; p < end; p++) {
            if (*p == '\\') p++;
            else if (*p == '(') nest++;
            else if (*p == ')' && --nest == 0) break;
          }
          if (p >= end) return NULL;
          p++;
          break;
        }
        case '<':
          if (p + 1 < end && p[1] == '<') {
            depth++, p += 2, key_next = FALSE;
            continue;
          }
          p = memchr(p, '>', (size_t)(end - p));
          if (!p) return NULL;
          p++;
          break;
        case '>':
          if (depth == 0 || p + 1 >= end || p[1] != '>') return NULL;
          depth--, p += 2;
          break;
        case '[':
          depth++, p++, key_next = FALSE;
          continue;
        case ']':
          if (depth == 0) return NULL;
          depth--, p++;
          break;
        case '/': {
          const char *n = ++p;
          p = skip_token(p, end);
          key = struct_parent_name(n, p);
          break;
        }
        default:
          return NULL;
      }
    } else {
      /* a regular token: a number (perhaps "N G R"), true, R, … */
      const char *t = p;
      long v = 0;
      gboolean digits = TRUE;
      for (; p < end && !(pdf_class_of(*p) & (PDF_C_SPACE | PDF_C_DELIM)); p++) {
        if (!(pdf_class_of(*p) & PDF_C_DIGIT)) digits = FALSE;
        else if (p - t < 18) v = v * 10 + (*p - '0'); /* a longer token is no number here: v never overflows */
      }
      if (digits && p - t <= 18) {
        const char *g = p;
        while (g < end && (pdf_class_of(*g) & PDF_C_SPACE)) g++;
        const char *ge = g;
        while (ge < end && (pdf_class_of(*ge) & PDF_C_DIGIT)) ge++;
        const char *r = ge;
        while (r < end && (pdf_class_of(*r) & PDF_C_SPACE)) r++;
        if (ge > g && ge - g <= 5 && r < end && *r == 'R' && g > p && r > ge &&
            (r + 1 >= end || (pdf_class_of(r[1]) & (PDF_C_SPACE | PDF_C_DELIM)))) {
          if (v <= 0 || v >= rw->pt->size) return NULL;
          long num = rw->flags && (rw->flags[v] & F_REMAP) ? part_map(rw->m, rw->pt, v) : rw->pt->base + v;
          pdfwrite_append(out, run, (gsize)(t - run));
          pdfwrite_append_long(out, num);
          pdfwrite_append(out, p, (gsize)(r + 1 - p));
          p = run = r + 1;
        } else if (key_next) {
          pdfwrite_append(out, run, (gsize)(t - run));
          pdfwrite_append_long(out, v + rw->pt->sp_base);
          run = p;
        }
      }
    }
    key_next = key;
    if (depth == 0) break;
  }
  pdfwrite_append(out, run, (gsize)(p - run));
  return p;
}

/* ---- names ------------------------------------------------------------------ */

/* A string's bytes appended to `out`: (literal) escapes undone, <hex> decoded. */
static void string_decode(const PdfVal *v, GString *out) {
  const char *p = v->start + 1, *e = v->end - 1;
  if (*v->start == '<') {
    int hi = -1;
    for (; p < e; p++) {
      int d = g_ascii_xdigit_value(*p);
      if (d < 0) continue;
      if (hi < 0) hi = d;
      else g_string_append_c(out, (char)(hi << 4 | d)), hi = -1;
    }
    if (hi >= 0) g_string_append_c(out, (char)(hi << 4));
    return;
  }
  for (; p < e; p++) {
    if (*p != '\\') {
      g_string_append_c(out, *p);
      continue;
    }
    if (++p >= e) break;
    switch (*p) {
      case 'n': g_string_append_c(out, '\n'); break;
      case 'r': g_string_append_c(out, '\r'); break;
      case 't': g_string_append_c(out, '\t'); break;
      case 'b': g_string_append_c(out, '\b'); break;
      case 'f': g_string_append_c(out, '\f'); break;
      case '\r':
        if (p + 1 < e && p[1] == '\n') p++;
        break;
      case '\n': break;
      default:
        if (*p >= '0' && *p <= '7') {
          int v8 = 0;
          for (int k = 0; k < 3 && p < e && *p >= '0' && *p <= '7'; k++, p++) v8 = v8 * 8 + (*p - '0');
          p--;
          g_string_append_c(out, (char)v8);
        } else g_string_append_c(out, *p);
    }
  }
}

/* Bytes as a (literal): printable ASCII as it is, the rest escaped. */
static void string_append_literal(GString *s, const char *bytes, gsize len) {
  g_string_append_c(s, '(');
  for (gsize i = 0; i < len; i++) {
    guint8 c = (guint8)bytes[i];
    if (c == '(' || c == ')' || c == '\\') g_string_append_c(s, '\\'), g_string_append_c(s, (char)c);
    else if (c >= 0x20 && c < 0x7f) g_string_append_c(s, (char)c);
    else g_string_append_printf(s, "\\%03o", c);
  }
  g_string_append_c(s, ')');
}

static int dest_cmp(gconstpointer a, gconstpointer b, gpointer arena) {
  const Dest *x = a, *y = b;
  const char *base = ((GString *)arena)->str;
  int c = memcmp(base + x->name, base + y->name, MIN(x->name_len, y->name_len));
  return c ? c : (x->name_len > y->name_len) - (x->name_len < y->name_len);
}

/* ---- pass one ------------------------------------------------------------- */

/* dict's /key as a reference to an object of `f`: its number and value. */
static gboolean ref_object(const PdfFile *f, const PdfVal *dict, const char *key, long *num, PdfVal *out) {
  PdfVal ref;
  if (!pdf_dict_get(dict, key, &ref) || ref.kind != PDF_REF) return FALSE;
  *num = ref.num;
  return pdf_file_object(f, ref.num, out);
}

static gboolean is_type(const PdfVal *dict, const char *type) {
  PdfVal t;
  return dict->kind == PDF_DICT && pdf_dict_get(dict, "Type", &t) && pdf_name_is(&t, type);
}

static void drop(Part *pt, long old) { g_array_append_val(pt->drops, old); }

/* One entry of an element's /K as a Kid, numbers still the part's own. */
static gboolean kid_read(Merge *m, const PdfVal *v, long page, GArray *kids) {
  Kid k = {KID_REF, v->num, 0};
  PdfVal obj, pg, mcid;
  if (v->kind == PDF_NUMBER) {
    if (page <= 0) return READ_FAIL(m, "a marked-content id without a page");
    k = (Kid){KID_MCR, page, v->num};
  } else if (v->kind == PDF_DICT && is_type(v, "OBJR")) {
    if (!pdf_dict_get(v, "Obj", &obj) || obj.kind != PDF_REF) return READ_FAIL(m, "an OBJR without /Obj");
    k = (Kid){KID_OBJR, obj.num, 0};
  } else if (v->kind == PDF_DICT && is_type(v, "MCR")) {
    if (pdf_dict_get(v, "Pg", &pg)) {
      if (pg.kind != PDF_REF) return READ_FAIL(m, "an MCR's /Pg is not a reference");
      page = pg.num;
    }
    if (page <= 0 || !pdf_dict_get(v, "MCID", &mcid) || mcid.kind != PDF_NUMBER)
      return READ_FAIL(m, "an MCR without a page or an /MCID");
    k = (Kid){KID_MCR, page, mcid.num};
  } else if (v->kind != PDF_REF) {
    return READ_FAIL(m, "a structure element's /K holds something else than elements and marked content");
  }
  g_array_append_val(kids, k);
  return TRUE;
}

/* Element `num`'s /S (into *type) and /K entries (into kids, emptied first). */
static gboolean elem_read(Merge *m, const PdfFile *f, long num, PdfVal *type, GArray *kids) {
  PdfIndex ix;
  PdfVal pg, k;
  long page = 0;
  g_array_set_size(kids, 0);
  if (!pdf_file_object_index(f, num, &ix) || ix.dict.kind != PDF_DICT)
    return READ_FAIL(m, "a structure element cannot be read");
  if (!pdf_index_get(&ix, "S", type) || type->kind != PDF_NAME)
    return READ_FAIL(m, "a structure element without /S");
  if (pdf_index_get(&ix, "Pg", &pg)) {
    if (pg.kind != PDF_REF) return READ_FAIL(m, "a structure element's /Pg is not a reference");
    page = pg.num;
  }
  if (!pdf_index_get(&ix, "K", &k)) return TRUE;
  if (k.kind != PDF_ARRAY) return kid_read(m, &k, page, kids);
  const char *cursor = NULL;
  PdfVal v;
  while (pdf_array_next(&k, &cursor, &v))
    if (!kid_read(m, &v, page, kids)) return FALSE;
  return TRUE;
}

/* kids (the part's numbers) but the one at `skip` appended to owner's, numbered as joined. */
static gboolean kids_join(Merge *m, const Part *pt, const GArray *kids, guint skip, Owner *owner) {
  for (guint i = 0; i < kids->len; i++) {
    if (i == skip) continue;
    Kid k = g_array_index(kids, Kid, i);
    k.num = part_map(m, pt, k.num);
    if (k.num <= 0) return READ_FAIL(m, "a structure element refers to an object the part does not have");
    g_array_append_val(owner->kids, k);
  }
  return TRUE;
}

/* The elements this part's first `d` continue: each c_i joined to the
 * owner open at depth i before; c_nums gets their numbers, c_last the
 * last entry of each one's /K when it is an element (else 0), so that
 * chain_open need not read a long /K again. */
static gboolean chain_join(Merge *m, const PdfFile *f, Part *pt, const PdfVal *top, guint d, long *c_nums,
                           long *c_last, GArray *kids) {
  const char *cursor = NULL;
  PdfVal first, type;
  if (!pdf_array_next(top, &cursor, &first) || first.kind != PDF_REF)
    return merge_fail(m, PDFMERGE_ERROR_MISMATCH, "it continues %u elements but has no structure element", d);
  long cur = first.num;
  for (guint i = 0; i < d; i++) {
    Owner *o = g_ptr_array_index(m->owners, g_array_index(m->open, guint, i));
    if (!elem_read(m, f, cur, &type, kids)) return FALSE;
    if (!pdf_name_is(&type, o->type))
      return merge_fail(m, PDFMERGE_ERROR_MISMATCH,
                        "continued element %u (of %u) is /%.*s here but /%s in the part before", i + 1, d,
                        (int)(type.end - type.start - 1), type.start + 1, o->type);
    c_nums[i] = cur;
    c_last[i] = kids->len && g_array_index(kids, Kid, kids->len - 1).kind == KID_REF
                    ? g_array_index(kids, Kid, kids->len - 1).num : 0;
    part_remap(pt, cur, o->num);
    drop(pt, cur);
    guint skip = G_MAXUINT;
    if (i + 1 < d) {
      skip = 0;
      while (skip < kids->len && g_array_index(kids, Kid, skip).kind == KID_OBJR) skip++;
      if (skip >= kids->len || g_array_index(kids, Kid, skip).kind != KID_REF)
        return merge_fail(m, PDFMERGE_ERROR_MISMATCH,
                          "continued element %u (of %u), /%s, has no element first in its /K", i + 1, d, o->type);
      cur = g_array_index(kids, Kid, skip).num;
    }
    if (!kids_join(m, pt, kids, skip, o)) return FALSE;
  }
  return TRUE;
}

/* The elements open at this part's end that the next part continues
 * (d_next of them): into m->open, each an owner already (one this part
 * continues itself) or a new one. */
static gboolean chain_open(Merge *m, const PdfFile *f, Part *pt, const PdfVal *top, guint d, const long *c_nums,
                           const long *c_last, guint d_next, GArray *kids) {
  PdfVal last = {0}, v, type;
  const char *cursor = NULL;
  while (pdf_array_next(top, &cursor, &v)) last = v;
  if (last.kind != PDF_REF)
    return merge_fail(m, PDFMERGE_ERROR_MISMATCH, "the next part continues %u elements but this one has none", d_next);
  long cur = last.num;
  GArray *open = g_array_sized_new(FALSE, FALSE, sizeof(guint), d_next);
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < d_next; i++) {
    guint owner;
    long next = 0; /* the last entry of cur's /K, if an element */
    if (i < d && cur == c_nums[i]) {
      owner = g_array_index(m->open, guint, i);
      next = c_last[i];
    } else {
      ok = elem_read(m, f, cur, &type, kids);
      if (!ok) break;
      if (kids->len && g_array_index(kids, Kid, kids->len - 1).kind == KID_REF)
        next = g_array_index(kids, Kid, kids->len - 1).num;
      Owner *o = g_new0(Owner, 1);
      o->num = pt->base + cur;
      o->type = g_strndup(type.start + 1, (gsize)(type.end - type.start - 1));
      o->kids = g_array_new(FALSE, FALSE, sizeof(Kid));
      owner = m->owners->len;
      g_ptr_array_add(m->owners, o);
      Rewrite r = {cur, owner};
      g_array_append_val(pt->rewrites, r);
      ok = kids_join(m, pt, kids, G_MAXUINT, o);
    }
    g_array_append_val(open, owner);
    if (ok && i + 1 < d_next) {
      if (!next)
        ok = merge_fail(m, PDFMERGE_ERROR_MISMATCH,
                        "the next part continues %u elements, but open element %u ends with no element", d_next, i + 1);
      cur = next;
    }
  }
  g_array_free(m->open, TRUE);
  m->open = open;
  return ok;
}

static gboolean pages_read(Merge *m, const PdfFile *f, Part *pt, const PdfVal *catalog) {
  long num;
  PdfVal pages, kids, v;
  if (!ref_object(f, catalog, "Pages", &num, &pages) || !is_type(&pages, "Pages"))
    return READ_FAIL(m, "no /Pages");
  drop(pt, num);
  part_remap(pt, num, NEW_PAGES);
  if (!pdf_dict_get(&pages, "Kids", &kids) || kids.kind != PDF_ARRAY) return READ_FAIL(m, "no /Kids in /Pages");
  const char *cursor = NULL;
  while (pdf_array_next(&kids, &cursor, &v)) {
    PdfIndex page;
    PdfVal type;
    if (v.kind != PDF_REF || !pdf_file_object_index(f, v.num, &page) || !pdf_index_get(&page, "Type", &type) ||
        !pdf_name_is(&type, "Page"))
      return READ_FAIL(m, "the page tree is not flat");
    long n = pt->base + v.num;
    g_array_append_val(m->pages, n);
    PdfVal sp;
    if (pdf_index_get(&page, "StructParents", &sp) && sp.kind == PDF_NUMBER)
      m->sp_next = MAX(m->sp_next, pt->sp_base + sp.num + 1);
  }
  return TRUE;
}

/* The ParentTree's entries, keys offset, values numbered as joined
 * (continuation elements their owners); then the next part's offset. */
static gboolean parent_tree_read(Merge *m, const PdfFile *f, Part *pt, const PdfVal *root) {
  long num, max = -1;
  PdfVal tree, nums, k, v;
  if (!ref_object(f, root, "ParentTree", &num, &tree) || tree.kind != PDF_DICT) return READ_FAIL(m, "no ParentTree");
  drop(pt, num);
  if (pdf_dict_get(&tree, "Kids", &v)) return READ_FAIL(m, "the ParentTree is not flat");
  if (pdf_dict_get(&tree, "Nums", &nums)) {
    if (nums.kind != PDF_ARRAY) return READ_FAIL(m, "the ParentTree's /Nums is not an array");
    const char *cursor = NULL;
    while (pdf_array_next(&nums, &cursor, &k)) {
      if (k.kind != PDF_NUMBER || k.num < 0 || !pdf_array_next(&nums, &cursor, &v) || v.kind != PDF_REF)
        return READ_FAIL(m, "a ParentTree entry is not a key and a reference");
      Num e = {k.num + pt->sp_base, part_map(m, pt, v.num)};
      if (e.num <= 0) return READ_FAIL(m, "a ParentTree entry refers to an object the part does not have");
      g_array_append_val(m->nums, e);
      max = MAX(max, k.num);
    }
  }
  m->sp_next = MAX(m->sp_next, pt->sp_base + max + 1); /* past every key a page of it uses, too */
  return TRUE;
}

static gboolean struct_read(Merge *m, const PdfFile *f, Part *pt, const PdfVal *catalog, GArray *kids) {
  guint d = m->in[m->part].continues;
  guint d_next = m->part + 1 < m->n ? m->in[m->part + 1].continues : 0;
  long num;
  PdfVal root, top, v;
  if (!pdf_dict_get(catalog, "StructTreeRoot", &v)) {
    if (d || d_next)
      return merge_fail(m, PDFMERGE_ERROR_MISMATCH, "%s", "elements continue across it, but it has no structure tree");
    return TRUE;
  }
  if (!ref_object(f, catalog, "StructTreeRoot", &num, &root) || !is_type(&root, "StructTreeRoot"))
    return READ_FAIL(m, "the StructTreeRoot cannot be read");
  m->tagged = TRUE;
  drop(pt, num);
  part_remap(pt, num, NEW_STRUCT);
  if (!pdf_dict_get(&root, "K", &top)) top.kind = PDF_NULL;
  if (top.kind == PDF_REF) return READ_FAIL(m, "the StructTreeRoot's /K is not an array");
  if (top.kind != PDF_ARRAY && (d || d_next))
    return merge_fail(m, PDFMERGE_ERROR_MISMATCH, "%s", "elements continue across it, but its structure tree is empty");
  if (m->part == 0 && d) return merge_fail(m, PDFMERGE_ERROR_MISMATCH, "%s", "the first part continues nothing");
  if (d > m->open->len)
    return merge_fail(m, PDFMERGE_ERROR_MISMATCH, "it continues %u elements, the part before has %u open", d,
                      m->open->len);
  long *c_nums = g_new0(long, 2 * MAX(d, 1u)), *c_last = c_nums + MAX(d, 1u);
  gboolean ok = !d || chain_join(m, f, pt, &top, d, c_nums, c_last, kids);
  if (ok && top.kind == PDF_ARRAY) {
    const char *cursor = NULL;
    for (guint i = 0; ok && pdf_array_next(&top, &cursor, &v); i++) {
      if (i == 0 && d) continue; /* the continued one */
      long n = v.kind == PDF_REF ? part_map(m, pt, v.num) : -1;
      if (n <= 0) ok = READ_FAIL(m, "the StructTreeRoot's /K holds something else than elements");
      else g_array_append_val(m->top, n);
    }
  }
  if (ok) ok = parent_tree_read(m, f, pt, &root);
  if (ok && d_next) ok = chain_open(m, f, pt, &top, d, c_nums, c_last, d_next, kids);
  else if (ok) g_array_set_size(m->open, 0);
  g_free(c_nums);
  return ok;
}

static gboolean dests_read(Merge *m, const PdfFile *f, Part *pt, const PdfVal *catalog) {
  long num;
  PdfVal names, dests, array, k, v;
  if (!pdf_dict_get(catalog, "Names", &v)) return TRUE;
  if (!ref_object(f, catalog, "Names", &num, &names) || names.kind != PDF_DICT)
    return READ_FAIL(m, "the /Names dictionary cannot be read");
  drop(pt, num);
  const char *p = names.start + 2, *end = names.end - 2;
  while (pdf_val_parse(&p, end, &k) && pdf_val_parse(&p, end, &v))
    if (!pdf_name_is(&k, "Dests")) return READ_FAIL(m, "a /Names tree other than /Dests");
  if (!ref_object(f, &names, "Dests", &num, &dests) || dests.kind != PDF_DICT)
    return READ_FAIL(m, "the /Dests tree cannot be read");
  drop(pt, num);
  if (pdf_dict_get(&dests, "Kids", &v)) return READ_FAIL(m, "the /Dests tree is not flat");
  if (!pdf_dict_get(&dests, "Names", &array)) return TRUE;
  if (array.kind != PDF_ARRAY) return READ_FAIL(m, "the /Dests tree's /Names is not an array");
  Rw rw = {m, pt, NULL};
  const char *cursor = NULL;
  while (pdf_array_next(&array, &cursor, &k)) {
    if (k.kind != PDF_STRING || !pdf_array_next(&array, &cursor, &v))
      return READ_FAIL(m, "a /Dests entry is not a name and a destination");
    Dest d;
    d.name = m->arena->len;
    string_decode(&k, m->arena);
    d.name_len = m->arena->len - d.name;
    d.value = m->arena->len;
    if (!rewrite_value(&rw, v.start, v.end, m->arena)) return READ_FAIL(m, "a destination cannot be read");
    d.value_len = m->arena->len - d.value;
    g_array_append_val(m->dests, d);
  }
  return TRUE;
}

/* The Catalog's entries: only those cairo writes; /MarkInfo kept from part 0. */
static gboolean catalog_read(Merge *m, const PdfFile *f, Part *pt, const PdfVal *catalog) {
  const char *p = catalog->start + 2, *end = catalog->end - 2;
  PdfVal k, v, outlines, first;
  long num;
  while (pdf_val_parse(&p, end, &k) && pdf_val_parse(&p, end, &v)) {
    if (pdf_name_is(&k, "MarkInfo")) {
      if (m->part == 0) g_string_append_len(m->mark_info, v.start, v.end - v.start);
    } else if (pdf_name_is(&k, "Outlines")) {
      if (!ref_object(f, catalog, "Outlines", &num, &outlines) || outlines.kind != PDF_DICT)
        return READ_FAIL(m, "the /Outlines cannot be read");
      if (pdf_dict_get(&outlines, "First", &first))
        return merge_fail(m, PDFMERGE_ERROR_MISMATCH, "%s", "it has outline items of its own");
      drop(pt, num);
    } else if (!pdf_name_is(&k, "Type") && !pdf_name_is(&k, "Pages") && !pdf_name_is(&k, "StructTreeRoot") &&
               !pdf_name_is(&k, "Names")) {
      return merge_fail(m, PDFMERGE_ERROR_READ, "its Catalog has /%.*s, which cannot be joined",
                        (int)(k.end - k.start - 1), k.start + 1);
    }
  }
  return TRUE;
}

/* Every object the join drops, redirects or rewrites is one of the part's
 * own numbers (below its /Size): pass two marks them in a table of /Size
 * entries. (A reference past /Size once read past that table: fuzz_merge.) */
static gboolean numbers_in_part(Merge *m, const Part *pt) {
  for (guint i = 0; i < pt->drops->len; i++)
    if (g_array_index(pt->drops, long, i) <= 0 || g_array_index(pt->drops, long, i) >= pt->size)
      return READ_FAIL(m, "a reference to an object beyond its /Size");
  for (guint i = 0; i < pt->remaps->len; i++)
    if (g_array_index(pt->remaps, Remap, i).old <= 0 || g_array_index(pt->remaps, Remap, i).old >= pt->size)
      return READ_FAIL(m, "a reference to an object beyond its /Size");
  for (guint i = 0; i < pt->rewrites->len; i++)
    if (g_array_index(pt->rewrites, Rewrite, i).old <= 0 || g_array_index(pt->rewrites, Rewrite, i).old >= pt->size)
      return READ_FAIL(m, "a reference to an object beyond its /Size");
  return TRUE;
}

static gboolean part_read(Merge *m, Part *pt, GArray *kids) {
  const PdfMergePart *in = &m->in[m->part];
  PdfFile f;
  GError *local = NULL;
  if (!pdf_file_open(&f, in->data, in->len, &local)) {
    merge_fail(m, PDFMERGE_ERROR_READ, "%s", local->message);
    g_error_free(local);
    pdf_file_close(&f);
    return FALSE;
  }
  pt->size = f.size;
  pt->sp_base = m->sp_next;
  long num = 0;
  PdfVal catalog, info, v;
  gboolean ok = TRUE;
  if (f.size <= 0 || (gsize)f.size > in->len) ok = READ_FAIL(m, "a bad /Size");
  else if (!ref_object(&f, &f.trailer, "Root", &num, &catalog) || !is_type(&catalog, "Catalog"))
    ok = READ_FAIL(m, "no Catalog");
  if (ok) {
    drop(pt, num);
    if (pdf_dict_get(&f.trailer, "Info", &v)) {
      if (!ref_object(&f, &f.trailer, "Info", &num, &info)) ok = READ_FAIL(m, "the Info cannot be read");
      else if (m->part == 0) m->info = num;
      else drop(pt, num);
    }
  }
  ok = ok && catalog_read(m, &f, pt, &catalog) && pages_read(m, &f, pt, &catalog) &&
       struct_read(m, &f, pt, &catalog, kids) && dests_read(m, &f, pt, &catalog) && numbers_in_part(m, pt);
  pdf_file_close(&f);
  return ok;
}

/* ---- the outline ------------------------------------------------------------ */

typedef struct {
  long parent, prev, next, first, last; /* item indexes, -1 none (parent -1: the root) */
  long count;                           /* visible descendants were it open */
} Item;

static const Dest *dest_find(const Merge *m, const char *name) {
  gsize len = strlen(name);
  guint lo = 0, hi = m->dests->len;
  while (lo < hi) {
    guint mid = lo + (hi - lo) / 2;
    const Dest *d = &g_array_index(m->dests, Dest, mid);
    int c = memcmp(m->arena->str + d->name, name, MIN(d->name_len, len));
    if (!c) c = (d->name_len > len) - (d->name_len < len);
    if (!c) return d;
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return NULL;
}

/* Each item's relatives and /Count, checking levels and destinations. */
static Item *outline_items(Merge *m, const PdfMergeOutline *outline, guint n) {
  Item *items = g_new(Item, MAX(n, 1u));
  long *last_at = g_new(long, n + 1); /* the last item seen at each level */
  for (guint l = 0; l <= n; l++) last_at[l] = -1;
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < n; i++) {
    const PdfMergeOutline *o = &outline[i];
    guint top = i ? outline[i - 1].level + 1 : 0;
    if (o->level > top)
      ok = merge_fail(m, PDFMERGE_ERROR_OUTLINE, "outline item %u (\"%s\") is at level %u after one at level %u", i + 1,
                      o->title ? o->title : "", o->level, i ? outline[i - 1].level : 0);
    else if (!o->title || !g_utf8_validate(o->title, -1, NULL))
      ok = merge_fail(m, PDFMERGE_ERROR_OUTLINE, "outline item %u has no title in UTF-8", i + 1);
    else if (!o->dest || !dest_find(m, o->dest))
      ok = merge_fail(m, PDFMERGE_ERROR_OUTLINE, "outline item %u (\"%s\") goes to \"%s\", which no part defines",
                      i + 1, o->title, o->dest ? o->dest : "");
    if (!ok) break;
    Item *it = &items[i];
    *it = (Item){o->level ? last_at[o->level - 1] : -1, -1, -1, -1, -1, 0};
    /* the previous sibling: the last item at this level, if it is under the same parent */
    long prev = last_at[o->level];
    if (prev >= 0 && items[prev].parent == it->parent) it->prev = prev, items[prev].next = i;
    if (it->parent >= 0) {
      Item *parent = &items[it->parent];
      if (parent->first < 0) parent->first = i;
      parent->last = i;
    }
    last_at[o->level] = i;
  }
  /* children come after their parent: from the end, each adds itself (and
   * what it shows when open) to its parent */
  for (guint i = n; ok && i-- > 0;)
    if (items[i].parent >= 0) items[items[i].parent].count += 1 + (outline[i].open ? items[i].count : 0);
  g_free(last_at);
  if (!ok) g_free(items), items = NULL;
  return items;
}

/* ---- pass two --------------------------------------------------------------- */

/* Past "N G obj" of object `num`, or NULL. */
static const char *object_body(const PdfFile *f, long num) {
  gint64 off = g_array_index(f->offsets, gint64, num);
  const char *p = f->data + off, *end = f->data + f->len;
  const char *e = skip_token(p, end);
  if (!all_digits(p, e) || e - p > 18 || digits_value(p, e) != num) return NULL;
  p = skip_space(e, end), e = skip_token(p, end);
  if (!all_digits(p, e)) return NULL;
  p = skip_space(e, end);
  if (end - p < 3 || memcmp(p, "obj", 3) != 0) return NULL;
  return p + 3;
}

static void owner_kid(GString *s, const Kid *k) {
  if (k->kind == KID_REF) {
    pdfwrite_append_ref(s, k->num);
  } else if (k->kind == KID_OBJR) {
    g_string_append(s, "<< /Type /OBJR /Obj ");
    pdfwrite_append_ref(s, k->num);
    g_string_append(s, " >>");
  } else {
    g_string_append(s, "<< /Type /MCR /Pg ");
    pdfwrite_append_ref(s, k->num);
    g_string_append(s, " /MCID ");
    pdfwrite_append_long(s, k->mcid);
    g_string_append(s, " >>");
  }
}

/* An owner: its entries but /K and /Pg, then every kid it ends up with
 * (marked content as MCRs, each with its page). */
static gboolean owner_write(const Rw *rw, const PdfFile *f, long num, const Owner *o, GString *s) {
  PdfIndex ix;
  PdfVal k, v;
  if (!pdf_file_object_index(f, num, &ix) || ix.dict.kind != PDF_DICT) return FALSE;
  g_string_append(s, "<<");
  const char *p = ix.dict.start + 2, *end = ix.dict.end - 2;
  while (pdf_val_parse(&p, end, &k) && pdf_val_parse(&p, end, &v)) {
    if (pdf_name_is(&k, "K") || pdf_name_is(&k, "Pg")) continue;
    g_string_append_len(s, " ", 1);
    g_string_append_len(s, k.start, k.end - k.start);
    g_string_append_c(s, ' ');
    if (!rewrite_value(rw, v.start, v.end, s)) return FALSE;
    g_string_append_len(s, "\n  ", 3);
  }
  g_string_append(s, " /K [");
  for (guint i = 0; i < o->kids->len; i++) {
    g_string_append_c(s, ' ');
    owner_kid(s, &g_array_index(o->kids, Kid, i));
  }
  g_string_append(s, " ]\n>>");
  return TRUE;
}

/* One object copied: value rewritten, stream data as it is. */
static gboolean object_copy(const Rw *rw, const PdfFile *f, long num, PdfWriter *o) {
  const char *end = f->data + f->len;
  const char *p = object_body(f, num);
  if (!p) return FALSE;
  p = rewrite_value(rw, p, end, o->buf);
  if (!p) return FALSE;
  p = skip_space(p, end);
  if (end - p >= 6 && memcmp(p, "stream", 6) == 0) {
    PdfVal dict;
    const char *data;
    gsize len;
    if (!pdf_file_stream(f, num, &dict, &data, &len)) return FALSE;
    pdfwrite_append(o->buf, "\nstream\n", 8);
    pdfwrite_bytes(o, data, len);
    pdfwrite_append(o->buf, "\nendstream", 10);
    p = skip_space(data + len, end);
    if (end - p >= 9 && memcmp(p, "endstream", 9) == 0) p = skip_space(p + 9, end);
  }
  return end - p >= 6 && memcmp(p, "endobj", 6) == 0;
}

/* A mapped part's pages read so far given back (pdfmerge.h). */
static void part_release(const PdfMergePart *in) {
  if (in->mapped) madvise((void *)in->data, in->len, MADV_DONTNEED);
}

static gboolean part_write(Merge *m, guint index, PdfWriter *o, GArray *xref) {
  const PdfMergePart *in = &m->in[index];
  Part *pt = &m->parts[index];
  PdfFile f;
  m->part = index;
  if (!pdf_file_open(&f, in->data, in->len, NULL) || f.size != pt->size) {
    pdf_file_close(&f);
    return READ_FAIL(m, "it cannot be read again");
  }
  guint8 *flags = g_malloc0((gsize)pt->size);
  for (guint i = 0; i < pt->drops->len; i++) flags[g_array_index(pt->drops, long, i)] |= F_DROP;
  for (guint i = 0; i < pt->remaps->len; i++) flags[g_array_index(pt->remaps, Remap, i).old] |= F_REMAP;
  for (guint i = 0; i < pt->rewrites->len; i++) flags[g_array_index(pt->rewrites, Rewrite, i).old] |= F_REWRITE;
  PdfPlaced *placed = g_new(PdfPlaced, (gsize)pt->size);
  guint n = 0;
  for (long num = 1; num < pt->size && (guint)num < f.offsets->len; num++) {
    gint64 off = g_array_index(f.offsets, gint64, num);
    if (off >= 0 && (gsize)off < f.len && !(flags[num] & F_DROP)) placed[n++] = (PdfPlaced){(gsize)off, num};
  }
  pdf_placed_sort(placed, n, f.len);
  Rw rw = {m, pt, flags};
  gboolean ok = TRUE;
  for (guint i = 0; ok && o->ok && i < n; i++) {
    long num = placed[i].num;
    pdfwrite_object(o, xref, pt->base + num);
    if (flags[num] & F_REWRITE) {
      guint owner = 0;
      for (guint r = 0; r < pt->rewrites->len; r++)
        if (g_array_index(pt->rewrites, Rewrite, r).old == num) owner = g_array_index(pt->rewrites, Rewrite, r).owner;
      ok = owner_write(&rw, &f, num, g_ptr_array_index(m->owners, owner), o->buf);
    } else {
      ok = object_copy(&rw, &f, num, o);
    }
    if (!ok) READ_FAIL(m, "an object cannot be read or refers to one the part does not have");
    pdfwrite_endobj(o);
  }
  g_free(placed);
  g_free(flags);
  pdf_file_close(&f);
  part_release(in);
  return ok;
}

/* ---- the new objects ---------------------------------------------------------- */

static void refs_array(GString *s, const GArray *nums) {
  g_string_append_c(s, '[');
  for (guint i = 0; i < nums->len; i++) {
    g_string_append_c(s, i % 10 == 9 ? '\n' : ' ');
    pdfwrite_append_ref(s, g_array_index(nums, long, i));
  }
  g_string_append(s, " ]");
}

static void outline_write(Merge *m, const PdfMergeOutline *outline, guint n, const Item *items, PdfWriter *o,
                          GArray *xref) {
  GString *s = o->buf;
  long root_count = 0, top_first = -1, top_last = -1;
  for (guint i = 0; i < n; i++)
    if (items[i].parent < 0) {
      root_count += 1 + (outline[i].open ? items[i].count : 0);
      if (top_first < 0) top_first = i;
      top_last = i;
    }
  pdfwrite_object(o, xref, m->outlines_num);
  g_string_append(s, "<< /Type /Outlines\n   /First ");
  pdfwrite_append_ref(s, m->outlines_num + 1 + top_first);
  g_string_append(s, "\n   /Last ");
  pdfwrite_append_ref(s, m->outlines_num + 1 + top_last);
  g_string_append(s, "\n   /Count ");
  pdfwrite_append_long(s, root_count);
  g_string_append(s, "\n>>");
  pdfwrite_endobj(o);
  static const char *const rel_keys[] = {"Prev", "Next", "First", "Last"};
  for (guint i = 0; i < n; i++) {
    const Item *it = &items[i];
    pdfwrite_object(o, xref, m->outlines_num + 1 + i);
    g_string_append(s, "<< /Title ");
    pdf_text_string_append(s, outline[i].title);
    g_string_append(s, "\n   /Parent ");
    pdfwrite_append_ref(s, it->parent < 0 ? m->outlines_num : m->outlines_num + 1 + it->parent);
    const long rel[] = {it->prev, it->next, it->first, it->last};
    for (guint r = 0; r < G_N_ELEMENTS(rel); r++)
      if (rel[r] >= 0) {
        g_string_append_printf(s, "\n   /%s ", rel_keys[r]);
        pdfwrite_append_ref(s, m->outlines_num + 1 + rel[r]);
      }
    if (it->first >= 0) {
      g_string_append(s, "\n   /Count ");
      pdfwrite_append_long(s, outline[i].open ? it->count : -it->count);
    }
    g_string_append(s, "\n   /Dest ");
    string_append_literal(s, outline[i].dest, strlen(outline[i].dest));
    g_string_append(s, "\n>>");
    pdfwrite_endobj(o);
  }
}

static void tail_write(Merge *m, const PdfMergeOutline *outline, guint n_outline, const Item *items, PdfWriter *o,
                       GArray *xref) {
  GString *s = o->buf;
  pdfwrite_object(o, xref, m->pages_num);
  g_string_append(s, "<< /Type /Pages\n   /Kids ");
  refs_array(s, m->pages);
  g_string_append(s, "\n   /Count ");
  pdfwrite_append_long(s, m->pages->len);
  g_string_append(s, "\n>>");
  pdfwrite_endobj(o);
  if (m->tagged) {
    pdfwrite_object(o, xref, m->struct_num);
    g_string_append(s, "<< /Type /StructTreeRoot\n   /ParentTree ");
    pdfwrite_append_ref(s, m->tree_num);
    g_string_append(s, "\n   /K ");
    refs_array(s, m->top);
    g_string_append(s, "\n>>");
    pdfwrite_endobj(o);
    pdfwrite_object(o, xref, m->tree_num);
    g_string_append(s, "<< /Nums [");
    for (guint i = 0; i < m->nums->len; i++) {
      const Num *e = &g_array_index(m->nums, Num, i);
      g_string_append(s, "\n   ");
      pdfwrite_append_long(s, e->key);
      g_string_append_c(s, ' ');
      pdfwrite_append_ref(s, e->num);
      pdfwrite_check(o);
    }
    g_string_append(s, "\n  ]\n>>");
    pdfwrite_endobj(o);
  }
  if (m->dests->len) {
    pdfwrite_object(o, xref, m->names_num);
    g_string_append(s, "<< /Dests ");
    pdfwrite_append_ref(s, m->dests_num);
    g_string_append(s, " >>");
    pdfwrite_endobj(o);
    pdfwrite_object(o, xref, m->dests_num);
    g_string_append(s, "<< /Names [");
    for (guint i = 0; i < m->dests->len; i++) {
      const Dest *d = &g_array_index(m->dests, Dest, i);
      g_string_append(s, "\n   ");
      string_append_literal(s, m->arena->str + d->name, d->name_len);
      g_string_append_c(s, ' ');
      g_string_append_len(s, m->arena->str + d->value, (gssize)d->value_len);
      pdfwrite_check(o);
    }
    g_string_append(s, "\n  ]\n>>");
    pdfwrite_endobj(o);
  }
  if (n_outline) outline_write(m, outline, n_outline, items, o, xref);
  pdfwrite_object(o, xref, m->catalog_num);
  g_string_append(s, "<< /Type /Catalog\n   /Pages ");
  pdfwrite_append_ref(s, m->pages_num);
  if (m->tagged) {
    g_string_append(s, "\n   /StructTreeRoot ");
    pdfwrite_append_ref(s, m->struct_num);
  }
  if (m->mark_info->len) {
    g_string_append(s, "\n   /MarkInfo ");
    g_string_append_len(s, m->mark_info->str, (gssize)m->mark_info->len);
  }
  if (n_outline) {
    g_string_append(s, "\n   /Outlines ");
    pdfwrite_append_ref(s, m->outlines_num);
  }
  if (m->dests->len) {
    g_string_append(s, "\n   /Names ");
    pdfwrite_append_ref(s, m->names_num);
  }
  g_string_append(s, "\n>>");
  pdfwrite_endobj(o);
}

static void xref_write(Merge *m, PdfWriter *o, const GArray *xref) {
  GString *t = g_string_new("<< /Size ");
  pdfwrite_append_long(t, m->size);
  g_string_append(t, "\n   /Root ");
  pdfwrite_append_ref(t, m->catalog_num);
  if (m->info > 0) {
    g_string_append(t, "\n   /Info ");
    pdfwrite_append_ref(t, m->info);
  }
  g_string_append(t, "\n>>");
  pdfwrite_xref_trailer(o, xref, m->size, t);
  g_string_free(t, TRUE);
}

/* Part 0's first line (%PDF-1.x) and its binary comment line, if any. */
static void header_write(const PdfMergePart *first, PdfWriter *o) {
  const char *p = first->data, *end = first->data + first->len;
  for (int line = 0; line < 2 && p < end && *p == '%'; line++) {
    const char *e = p;
    while (e < end && *e != '\n' && *e != '\r') e++;
    if (e < end && *e == '\r') e++;
    if (e < end && *e == '\n') e++;
    g_string_append_len(o->buf, p, e - p);
    p = e;
  }
}

/* ---- the call ------------------------------------------------------------------ */

static gboolean nums_check(Merge *m) {
  for (guint i = 1; i < m->nums->len; i++)
    if (g_array_index(m->nums, Num, i).key <= g_array_index(m->nums, Num, i - 1).key)
      return merge_fail(m, PDFMERGE_ERROR_READ, "%s", "not a PDF as cairo writes it: a ParentTree out of order");
  return TRUE;
}

static gboolean dests_check(Merge *m) {
  g_array_sort_with_data(m->dests, dest_cmp, m->arena);
  for (guint i = 1; i < m->dests->len; i++) {
    const Dest *a = &g_array_index(m->dests, Dest, i - 1), *b = a + 1;
    if (!dest_cmp(a, b, m->arena))
      return merge_fail(m, PDFMERGE_ERROR_MISMATCH, "the destination \"%.*s\" is defined twice", (int)b->name_len,
                        m->arena->str + b->name);
  }
  return TRUE;
}

/* Numbers for the new objects, after every part's. */
static void numbers_assign(Merge *m, guint n_outline) {
  long next = m->total;
  m->pages_num = next++;
  if (m->tagged) m->struct_num = next++, m->tree_num = next++;
  if (m->dests->len) m->names_num = next++, m->dests_num = next++;
  if (n_outline) m->outlines_num = next, next += 1 + n_outline;
  m->catalog_num = next++;
  m->size = next;
}

static void merge_free(Merge *m) {
  for (guint i = 0; i < m->n; i++) {
    Part *pt = &m->parts[i];
    if (pt->drops) g_array_free(pt->drops, TRUE);
    if (pt->remaps) g_array_free(pt->remaps, TRUE);
    if (pt->rewrites) g_array_free(pt->rewrites, TRUE);
  }
  g_free(m->parts);
  for (guint i = 0; i < m->owners->len; i++) {
    Owner *o = g_ptr_array_index(m->owners, i);
    g_free(o->type);
    g_array_free(o->kids, TRUE);
    g_free(o);
  }
  g_ptr_array_free(m->owners, TRUE);
  g_array_free(m->pages, TRUE);
  g_array_free(m->top, TRUE);
  g_array_free(m->nums, TRUE);
  g_array_free(m->open, TRUE);
  g_array_free(m->dests, TRUE);
  g_string_free(m->arena, TRUE);
  g_string_free(m->mark_info, TRUE);
}

gboolean pdfmerge_write(const PdfMergePart *parts, guint n_parts, const PdfMergeOutline *outline,
                        guint n_outline, PdfWriteFunc write, gpointer closure, GError **error) {
  Merge m = {.in = parts, .n = n_parts, .error = error};
  if (!n_parts) {
    m.part = 0;
    return merge_fail(&m, PDFMERGE_ERROR_READ, "%s", "no parts to join");
  }
  m.parts = g_new0(Part, n_parts);
  m.pages = g_array_new(FALSE, FALSE, sizeof(long));
  m.top = g_array_new(FALSE, FALSE, sizeof(long));
  m.nums = g_array_new(FALSE, FALSE, sizeof(Num));
  m.owners = g_ptr_array_new();
  m.open = g_array_new(FALSE, FALSE, sizeof(guint));
  m.dests = g_array_new(FALSE, FALSE, sizeof(Dest));
  m.arena = g_string_new(NULL);
  m.mark_info = g_string_new(NULL);
  GArray *kids = g_array_new(FALSE, FALSE, sizeof(Kid));
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < n_parts; i++) {
    Part *pt = &m.parts[i];
    pt->base = m.total;
    pt->drops = g_array_new(FALSE, FALSE, sizeof(long));
    pt->remaps = g_array_new(FALSE, FALSE, sizeof(Remap));
    pt->rewrites = g_array_new(FALSE, FALSE, sizeof(Rewrite));
    m.part = i;
    ok = part_read(&m, pt, kids);
    part_release(&parts[i]);
    m.total += pt->size;
  }
  g_array_free(kids, TRUE);
  m.part = n_parts; /* messages from here on are about the whole */
  ok = ok && nums_check(&m) && dests_check(&m);
  Item *items = NULL;
  if (ok && n_outline) ok = (items = outline_items(&m, outline, n_outline)) != NULL;
  if (ok) {
    numbers_assign(&m, n_outline);
    GArray *xref = g_array_sized_new(FALSE, FALSE, sizeof(gint64), (guint)m.size);
    g_array_set_size(xref, (guint)m.size);
    for (long i = 0; i < m.size; i++) g_array_index(xref, gint64, i) = -1;
    PdfWriter o;
    pdfwrite_init(&o, write, closure);
    header_write(&parts[0], &o);
    for (guint i = 0; ok && o.ok && i < n_parts; i++) ok = part_write(&m, i, &o, xref);
    m.part = n_parts;
    if (ok && o.ok) {
      tail_write(&m, outline, n_outline, items, &o, xref);
      xref_write(&m, &o, xref);
    }
    if (!pdfwrite_finish(&o) && ok) ok = merge_fail(&m, PDFMERGE_ERROR_WRITE, "%s", "writing the joined PDF failed");
    g_array_free(xref, TRUE);
  }
  g_free(items);
  merge_free(&m);
  return ok;
}
