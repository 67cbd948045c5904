/* pdfobj — see pdfobj.h. */
#include "pdfobj.h"

#include <stdlib.h>
#include <string.h>

#define PDFOBJ_ERROR (g_quark_from_static_string("pdfobj-error"))
#define PDF_MAX_DEPTH 64

const guint8 pdf_byte_class[256] = {
    ['\0'] = PDF_C_SPACE, [' '] = PDF_C_SPACE, ['\n'] = PDF_C_SPACE, ['\r'] = PDF_C_SPACE, ['\t'] = PDF_C_SPACE,
    ['\f'] = PDF_C_SPACE, ['('] = PDF_C_DELIM, [')'] = PDF_C_DELIM, ['<'] = PDF_C_DELIM, ['>'] = PDF_C_DELIM,
    ['['] = PDF_C_DELIM, [']'] = PDF_C_DELIM, ['{'] = PDF_C_DELIM, ['}'] = PDF_C_DELIM, ['/'] = PDF_C_DELIM,
    ['%'] = PDF_C_DELIM, ['0'] = PDF_C_DIGIT, ['1'] = PDF_C_DIGIT, ['2'] = PDF_C_DIGIT, ['3'] = PDF_C_DIGIT,
    ['4'] = PDF_C_DIGIT, ['5'] = PDF_C_DIGIT, ['6'] = PDF_C_DIGIT, ['7'] = PDF_C_DIGIT, ['8'] = PDF_C_DIGIT,
    ['9'] = PDF_C_DIGIT,
};

void pdf_xref_entry(char line[20], gint64 offset) {
  if (offset < 0) {
    memcpy(line, "0000000000 65535 f \n", 20);
    return;
  }
  for (int i = 9; i >= 0; i--, offset /= 10) line[i] = (char)('0' + offset % 10);
  memcpy(line + 10, " 00000 n \n", 10);
}

#define RADIX_BITS 11
void pdf_placed_sort(PdfPlaced *a, guint n, gsize len) {
  PdfPlaced *tmp = g_new(PdfPlaced, MAX(n, 1u)), *from = a, *to = tmp;
  guint *count = g_new(guint, 1u << RADIX_BITS);
  for (guint shift = 0; shift < 64 && (len >> shift) != 0; shift += RADIX_BITS) {
    memset(count, 0, sizeof(guint) << RADIX_BITS);
    for (guint i = 0; i < n; i++) count[(from[i].offset >> shift) & ((1u << RADIX_BITS) - 1)]++;
    for (guint d = 0, at = 0; d < 1u << RADIX_BITS; d++) {
      guint c = count[d];
      count[d] = at, at += c;
    }
    for (guint i = 0; i < n; i++) to[count[(from[i].offset >> shift) & ((1u << RADIX_BITS) - 1)]++] = from[i];
    PdfPlaced *t = from;
    from = to, to = t;
  }
  if (from != a) memcpy(a, from, sizeof(PdfPlaced) * n);
  g_free(count);
  g_free(tmp);
}
static inline gboolean is_space(char c) { return pdf_class_of(c) & PDF_C_SPACE; }
static inline gboolean is_delim(char c) { return pdf_class_of(c) & PDF_C_DELIM; }

static inline const char *skip_space(const char *p, const char *end) {
  while (p < end) {
    if (is_space(*p)) p++;
    else if (*p == '%')
      while (p < end && *p != '\n' && *p != '\r') p++;
    else break;
  }
  return p;
}

static inline const char *skip_token(const char *p, const char *end) {
  while (p < end && !(pdf_class_of(*p) & (PDF_C_SPACE | PDF_C_DELIM))) p++;
  return p;
}

/* strtol(p, &e, 10) by hand (it cost more than the rest of a structure
 * element's parse): C white space, a sign, digits; *e = p when there are
 * no digits. Up to 18 digits cannot overflow; strtol has the rest. Reads
 * up to a non-digit, which the NUL after the input guarantees. */
static long scan_long(const char *p, const char **e) {
  const char *s = p;
  while (*s == ' ' || (*s >= '\t' && *s <= '\r')) s++;
  gboolean negative = *s == '-';
  if (*s == '-' || *s == '+') s++;
  const char *digits = s;
  unsigned long v = 0;
  for (; pdf_class_of(*s) & PDF_C_DIGIT; s++) v = v * 10 + (unsigned)(*s - '0');
  if (s - digits > 18) {
    char *end;
    long big = strtol(p, &end, 10);
    if (e) *e = end;
    return big;
  }
  if (e) *e = s > digits ? s : p;
  return negative ? -(long)v : (long)v;
}

/* (…) with nesting and backslash escapes. */
static const char *skip_literal(const char *p, const char *end) {
  int depth = 0;
  for (; p < end; p++) {
    if (*p == '\\') p++;
    else if (*p == '(') depth++;
    else if (*p == ')' && --depth == 0) return p + 1;
  }
  return NULL;
}

static gboolean parse_depth(const char **pp, const char *end, PdfVal *out, int depth);

/* Values up to the closing delimiter, ']' or '>' for ">>"; returns past it. */
static const char *skip_container(const char *p, const char *end, char close, int depth) {
  for (;;) {
    p = skip_space(p, end);
    if (p >= end) return NULL;
    if (close == ']' && *p == ']') return p + 1;
    if (close == '>' && *p == '>' && end - p >= 2 && p[1] == '>') return p + 2;
    PdfVal v;
    if (!parse_depth(&p, end, &v, depth + 1)) return NULL;
  }
}

static gboolean parse_number_or_ref(const char **pp, const char *end, PdfVal *out) {
  const char *p = *pp, *digits_end;
  out->num = scan_long(p, &digits_end);
  const char *t = skip_token(digits_end, end); /* the rest of the token: "1.5", say */
  out->kind = PDF_NUMBER;
  out->start = p, out->end = t;
  /* "N G R": look ahead for an integer and R */
  const char *q = skip_space(t, end);
  const char *g = skip_token(q, end);
  gboolean digits = g > q && g - q <= 5;
  for (const char *d = q; digits && d < g; d++) digits = pdf_class_of(*d) & PDF_C_DIGIT;
  if (digits) {
    const char *r = skip_space(g, end);
    if (r < end && *r == 'R' && (r + 1 >= end || is_space(r[1]) || is_delim(r[1]))) {
      out->kind = PDF_REF;
      out->end = r + 1;
    }
  }
  *pp = out->end;
  return TRUE;
}

static gboolean parse_depth(const char **pp, const char *end, PdfVal *out, int depth) {
  const char *p = skip_space(*pp, end);
  if (p >= end || depth > PDF_MAX_DEPTH) return FALSE;
  out->start = p;
  out->num = 0;
  const char *e = NULL;
  if (end - p >= 2 && p[0] == '<' && p[1] == '<') {
    out->kind = PDF_DICT;
    e = skip_container(p + 2, end, '>', depth);
  } else if (*p == '<') {
    out->kind = PDF_STRING;
    e = memchr(p, '>', (size_t)(end - p));
    if (e) e++;
  } else if (*p == '[') {
    out->kind = PDF_ARRAY;
    e = skip_container(p + 1, end, ']', depth);
  } else if (*p == '(') {
    out->kind = PDF_STRING;
    e = skip_literal(p, end);
  } else if (*p == '/') {
    out->kind = PDF_NAME;
    e = skip_token(p + 1, end);
  } else if ((pdf_class_of(*p) & PDF_C_DIGIT) || *p == '-' || *p == '+' || *p == '.') {
    *pp = p;
    return parse_number_or_ref(pp, end, out);
  } else {
    e = skip_token(p, end);
    if (e == p) return FALSE;
    out->kind = (e - p == 4 && memcmp(p, "null", 4) == 0) ? PDF_NULL : PDF_BOOL;
  }
  if (!e) return FALSE;
  out->end = e;
  *pp = e;
  return TRUE;
}

gboolean pdf_val_parse(const char **p, const char *end, PdfVal *out) { return parse_depth(p, end, out, 0); }

gboolean pdf_name_is(const PdfVal *v, const char *name) {
  size_t n = strlen(name);
  return v->kind == PDF_NAME && (size_t)(v->end - v->start) == n + 1 && memcmp(v->start + 1, name, n) == 0;
}

long pdf_number_int(const PdfVal *v) { return v->num; }

gboolean pdf_dict_get(const PdfVal *dict, const char *key, PdfVal *out) {
  if (dict->kind != PDF_DICT) return FALSE;
  const char *p = dict->start + 2, *end = dict->end - 2;
  for (;;) {
    PdfVal k, v;
    if (!pdf_val_parse(&p, end, &k)) return FALSE;
    if (!pdf_val_parse(&p, end, &v)) return FALSE;
    if (pdf_name_is(&k, key)) {
      *out = v;
      return TRUE;
    }
  }
}

gboolean pdf_array_next(const PdfVal *array, const char **cursor, PdfVal *out) {
  if (array->kind != PDF_ARRAY) return FALSE;
  const char *p = *cursor ? *cursor : array->start + 1;
  if (!pdf_val_parse(&p, array->end - 1, out)) return FALSE;
  *cursor = p;
  return TRUE;
}

/* ---- file structure --------------------------------------------------- */

static gboolean fail(GError **error, const char *what) {
  g_set_error(error, PDFOBJ_ERROR, 1, "not a PDF boardpack can finish: %s", what);
  return FALSE;
}

static gboolean find_startxref(PdfFile *f, GError **error) {
  gsize tail = MIN(f->len, (gsize)1024);
  const char *from = f->data + f->len - tail;
  const char *hit = NULL;
  for (const char *p = from; p + 9 <= f->data + f->len; p++)
    if (memcmp(p, "startxref", 9) == 0) hit = p;
  if (!hit) return fail(error, "no startxref");
  char *endp = NULL;
  long off = strtol(hit + 9, &endp, 10);
  if (endp == hit + 9 || off < 0 || (gsize)off >= f->len) return fail(error, "bad startxref");
  f->xref_offset = (gsize)off;
  return TRUE;
}

/* One classic xref section at `off`; older entries never override newer
 * ones. Returns the section's trailer. */
static gboolean read_xref_section(PdfFile *f, gsize off, PdfVal *trailer, GError **error) {
  const char *p = f->data + off, *end = f->data + f->len;
  if ((gsize)(end - p) < 4 || memcmp(p, "xref", 4) != 0) return fail(error, "no classic xref table (xref streams are not read)");
  p = skip_space(p + 4, end);
  while (p < end && g_ascii_isdigit(*p)) {
    char *e;
    long first = strtol(p, &e, 10), count = strtol(e, &e, 10);
    if (first < 0 || count < 0 || count > 10000000) return fail(error, "bad xref subsection");
    p = skip_space(e, end);
    if (count > (end - p) / 20) return fail(error, "truncated xref");
    /* every number below the highest has its 20-byte entry in some table
     * of the file (cairo's and the post-pass's tables are whole): a
     * number beyond that is no file this reads, and would have the
     * offsets array allocated for it (fuzz_merge: 8 GB) */
    if ((gsize)first > f->len / 20 || (gsize)(first + count) > f->len / 20 + 1)
      return fail(error, "an xref subsection numbers objects beyond what the file can hold");
    /* grown once a subsection, not once an entry (that cost a call of
     * g_array_set_size for every object of every file read) */
    if ((guint)(first + count) > f->offsets->len) {
      guint old = f->offsets->len;
      g_array_set_size(f->offsets, (guint)(first + count));
      for (guint k = old; k < f->offsets->len; k++) g_array_index(f->offsets, gint64, k) = G_MININT64;
    }
    for (long i = 0; i < count; i++, p += 20) {
      long num = first + i;
      gint64 *slot = &g_array_index(f->offsets, gint64, num);
      if (*slot != G_MININT64) continue; /* a newer section has it */
      *slot = p[17] == 'n' ? scan_long(p, NULL) : -1;
    }
    p = skip_space(p, end);
  }
  if ((gsize)(end - p) < 7 || memcmp(p, "trailer", 7) != 0) return fail(error, "no trailer");
  p += 7;
  if (!pdf_val_parse(&p, end, trailer) || trailer->kind != PDF_DICT) return fail(error, "bad trailer");
  return TRUE;
}

gboolean pdf_file_open(PdfFile *f, const char *data, gsize len, GError **error) {
  memset(f, 0, sizeof *f);
  f->data = data, f->len = len;
  f->offsets = g_array_new(FALSE, FALSE, sizeof(gint64));
  f->sections = g_array_new(FALSE, FALSE, sizeof(gsize));
  if (len < 16 || memcmp(data, "%PDF-", 5) != 0) return fail(error, "no %PDF- header");
  if (!find_startxref(f, error)) return FALSE;
  gsize off = f->xref_offset;
  for (int sections = 0; sections < 64; sections++) {
    PdfVal trailer, v;
    if (!read_xref_section(f, off, &trailer, error)) return FALSE;
    g_array_append_val(f->sections, off);
    if (sections == 0) f->trailer = trailer;
    if (!pdf_dict_get(&trailer, "Prev", &v)) break;
    if (v.num < 0 || (gsize)v.num >= len) return fail(error, "bad /Prev");
    off = (gsize)v.num;
  }
  PdfVal size;
  if (!pdf_dict_get(&f->trailer, "Size", &size) || size.kind != PDF_NUMBER) return fail(error, "no /Size");
  f->size = size.num;
  return TRUE;
}

void pdf_file_close(PdfFile *f) {
  if (f->offsets) g_array_free(f->offsets, TRUE);
  if (f->sections) g_array_free(f->sections, TRUE);
  f->offsets = NULL, f->sections = NULL;
}

/* Where object `num`'s value starts, past "N G obj", or NULL. */
static const char *object_start(const PdfFile *f, long num) {
  if (num <= 0 || (guint)num >= f->offsets->len) return NULL;
  gint64 off = g_array_index(f->offsets, gint64, num);
  if (off < 0 || (gsize)off >= f->len) return NULL;
  const char *p = f->data + off, *end = f->data + f->len;
  const char *e;
  if (scan_long(p, &e) != num) return NULL;
  scan_long(e, &e);
  p = skip_space(e, end);
  if (end - p < 3 || memcmp(p, "obj", 3) != 0) return NULL;
  return p + 3;
}

gboolean pdf_file_object(const PdfFile *f, long num, PdfVal *out) {
  const char *p = object_start(f, num);
  return p && pdf_val_parse(&p, f->data + f->len, out);
}

/* A dictionary's entries recorded as skip_container would pass them. */
static gboolean dict_index(const char **pp, const char *end, PdfIndex *ix) {
  const char *p = *pp + 2;
  ix->dict.kind = PDF_DICT, ix->dict.start = *pp, ix->dict.num = 0;
  for (;;) {
    p = skip_space(p, end);
    if (p >= end) return FALSE;
    if (end - p >= 2 && p[0] == '>' && p[1] == '>') break;
    PdfVal k, v;
    if (!parse_depth(&p, end, &k, 1) || !parse_depth(&p, end, &v, 1)) return FALSE;
    if (ix->n < PDF_INDEX_ENTRIES) ix->keys[ix->n] = k, ix->vals[ix->n] = v, ix->n++;
    else ix->complete = FALSE;
  }
  ix->dict.end = p + 2;
  *pp = ix->dict.end;
  return TRUE;
}

gboolean pdf_file_object_index(const PdfFile *f, long num, PdfIndex *index) {
  const char *p = object_start(f, num), *end = f->data + f->len;
  index->n = 0, index->complete = TRUE;
  if (!p) return FALSE;
  p = skip_space(p, end);
  if (end - p >= 2 && p[0] == '<' && p[1] == '<') return dict_index(&p, end, index);
  return pdf_val_parse(&p, end, &index->dict);
}

gboolean pdf_index_get(const PdfIndex *index, const char *key, PdfVal *out) {
  size_t n = strlen(key);
  for (guint i = 0; i < index->n; i++) {
    const PdfVal *k = &index->keys[i];
    if (k->kind == PDF_NAME && (size_t)(k->end - k->start) == n + 1 && memcmp(k->start + 1, key, n) == 0) {
      *out = index->vals[i];
      return TRUE;
    }
  }
  return !index->complete && pdf_dict_get(&index->dict, key, out);
}

gboolean pdf_file_stream(const PdfFile *f, long num, PdfVal *dict, const char **data, gsize *len) {
  if (!pdf_file_object(f, num, dict) || dict->kind != PDF_DICT) return FALSE;
  const char *end = f->data + f->len;
  const char *p = skip_space(dict->end, end);
  if (end - p < 6 || memcmp(p, "stream", 6) != 0) return FALSE;
  p += 6;
  if (p < end && *p == '\r') p++;
  if (p >= end || *p != '\n') return FALSE;
  p++;
  PdfVal length, resolved;
  if (!pdf_dict_get(dict, "Length", &length)) return FALSE;
  if (length.kind == PDF_REF) {
    if (!pdf_file_object(f, length.num, &resolved) || resolved.kind != PDF_NUMBER) return FALSE;
    length = resolved;
  }
  if (length.kind != PDF_NUMBER || length.num < 0 || length.num > end - p) return FALSE;
  *data = p;
  *len = (gsize)length.num;
  return TRUE;
}

static const char HEX[] = "0123456789ABCDEF";

void pdf_hex_string_append(GString *s, const char *bytes, gsize len) {
  gsize at = s->len;
  g_string_set_size(s, at + 2 * len + 2);
  char *o = s->str + at;
  *o++ = '<';
  for (gsize i = 0; i < len; i++) *o++ = HEX[(guint8)bytes[i] >> 4], *o++ = HEX[(guint8)bytes[i] & 15];
  *o = '>';
}

char *pdf_hex_string(const char *bytes) {
  GString *s = g_string_sized_new(2 * strlen(bytes) + 3);
  pdf_hex_string_append(s, bytes, strlen(bytes));
  return g_string_free(s, FALSE);
}

void pdf_text_string_append(GString *s, const char *utf8) {
  gboolean ascii = TRUE;
  for (const char *c = utf8; *c; c++)
    if ((unsigned char)*c < 0x20 || (unsigned char)*c > 0x7e) ascii = FALSE;
  if (ascii) {
    g_string_append_c(s, '(');
    for (const char *c = utf8; *c; c++) {
      if (*c == '(' || *c == ')' || *c == '\\') g_string_append_c(s, '\\');
      g_string_append_c(s, *c);
    }
    g_string_append_c(s, ')');
    return;
  }
  glong n = 0;
  gunichar2 *u16 = g_utf8_to_utf16(utf8, -1, NULL, &n, NULL);
  g_string_append(s, "<FEFF");
  for (glong i = 0; u16 && i < n; i++) {
    char unit[4] = {HEX[u16[i] >> 12], HEX[u16[i] >> 8 & 15], HEX[u16[i] >> 4 & 15], HEX[u16[i] & 15]};
    g_string_append_len(s, unit, 4);
  }
  g_string_append_c(s, '>');
  g_free(u16);
}

char *pdf_text_string(const char *utf8) {
  GString *s = g_string_new(NULL);
  pdf_text_string_append(s, utf8);
  return g_string_free(s, FALSE);
}
