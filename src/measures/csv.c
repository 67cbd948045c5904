/* csv — see csv.h.
 *
 * One pass over the bytes with an explicit cursor (position, line, column).
 * The whole file is checked as UTF-8 first, so the scanner can count
 * characters by skipping continuation bytes without re-validating. */
#include "csv.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

typedef struct {
  const char *p, *end;
  int line, col;
  const char *name;
  DiagList *diags;
} Cursor;

static void field_free(gpointer p) {
  CsvField *f = p;
  g_free(f->text);
  g_free(f);
}

static void record_free(gpointer p) {
  CsvRecord *r = p;
  g_ptr_array_free(r->fields, TRUE);
  g_free(r);
}

void csv_free(CsvTable *t) {
  if (!t) return;
  g_ptr_array_free(t->records, TRUE);
  g_free(t->name);
  g_free(t);
}

guint csv_count(const CsvTable *t) { return t->records->len; }
const CsvRecord *csv_record(const CsvTable *t, guint i) { return g_ptr_array_index(t->records, i); }
guint csv_field_count(const CsvRecord *r) { return r->fields->len; }
const CsvField *csv_field(const CsvRecord *r, guint i) {
  return i < r->fields->len ? g_ptr_array_index(r->fields, i) : NULL;
}

/* Line and character column of byte `at` in buf (after the BOM). */
static void position_of(const char *buf, const char *at, int *line, int *col) {
  *line = 1, *col = 1;
  for (const char *p = buf; p < at; p++) {
    if (*p == '\n' || (*p == '\r' && (p + 1 >= at || p[1] != '\n'))) {
      (*line)++, *col = 1;
    } else if (*p != '\r' && ((unsigned char)*p & 0xC0) != 0x80) {
      (*col)++;
    }
  }
}

static gboolean check_utf8(const char *name, const char *buf, gsize len, DiagList *diags) {
  const char *bad = NULL;
  if (g_utf8_validate_len(buf, len, &bad)) return TRUE;
  int line, col;
  position_of(buf, bad, &line, &col);
  if (*bad == '\0')
    diag_error(diags, name, line, col, "contains a NUL byte: this is not a text file");
  else
    diag_error(diags, name, line, col,
               "byte 0x%02X is not valid UTF-8: save the file as \"CSV UTF-8\" (Windows-1252 and Latin-1 "
               "are not read)",
               (unsigned char)*bad);
  return FALSE;
}

static gboolean at_end(const Cursor *c) { return c->p >= c->end; }
static gboolean at_eol(const Cursor *c) { return !at_end(c) && (*c->p == '\n' || *c->p == '\r'); }

/* Step over one byte, keeping line and column; a CRLF pair is one break. */
static void advance(Cursor *c) {
  char ch = *c->p++;
  if (ch == '\r' && !at_end(c) && *c->p == '\n') c->p++, ch = '\n';
  if (ch == '\n' || ch == '\r') {
    c->line++, c->col = 1;
  } else if (((unsigned char)ch & 0xC0) != 0x80) {
    c->col++; /* continuation bytes belong to the character already counted */
  }
}

/* Reads a quoted field starting at the opening quote. */
static gboolean read_quoted(Cursor *c, GString *text) {
  int line = c->line, col = c->col;
  advance(c);
  for (;;) {
    if (at_end(c)) {
      diag_error(c->diags, c->name, line, col, "unterminated quoted field: the quote opened here is never closed");
      return FALSE;
    }
    if (*c->p == '"') {
      advance(c);
      if (at_end(c) || *c->p != '"') break;
    }
    if (at_eol(c)) {
      g_string_append_c(text, '\n'); /* CRLF, CR and LF inside a field all become LF */
    } else {
      g_string_append_c(text, *c->p);
    }
    advance(c);
  }
  if (!at_end(c) && *c->p != ',' && !at_eol(c)) {
    diag_error(c->diags, c->name, c->line, c->col,
               "unexpected text after a closing quote: a quote inside a quoted field must be doubled (\"\")");
    return FALSE;
  }
  return TRUE;
}

static gboolean read_plain(Cursor *c, GString *text) {
  while (!at_end(c) && *c->p != ',' && !at_eol(c)) {
    if (*c->p == '"') {
      diag_error(c->diags, c->name, c->line, c->col,
                 "quote inside an unquoted field: quote the whole field and double the quote (\"\")");
      return FALSE;
    }
    g_string_append_c(text, *c->p);
    advance(c);
  }
  return TRUE;
}

/* The record being read: its fields and their text buffers are reused
 * from one record to the next, so reading a million rows allocates only
 * when a row is wider, or a field longer, than any before it. */
typedef struct {
  CsvRecord rec;    /* rec.fields points at slots, and owns none */
  GPtrArray *slots; /* of CsvField*, owned */
  GPtrArray *texts; /* of GString*, owned: slot i's text */
} Scratch;

static void scratch_init(Scratch *s) {
  s->rec.fields = g_ptr_array_new();
  s->slots = g_ptr_array_new_with_free_func(g_free);
  s->texts = g_ptr_array_new();
}

static void scratch_clear(Scratch *s) {
  g_ptr_array_free(s->rec.fields, TRUE);
  g_ptr_array_free(s->slots, TRUE);
  for (guint i = 0; i < s->texts->len; i++) g_string_free(g_ptr_array_index(s->texts, i), TRUE);
  g_ptr_array_free(s->texts, TRUE);
}

static gboolean read_field(Cursor *c, CsvField *f, GString *text) {
  f->line = c->line, f->col = c->col;
  f->quoted = !at_end(c) && *c->p == '"';
  g_string_truncate(text, 0);
  gboolean ok = f->quoted ? read_quoted(c, text) : read_plain(c, text);
  f->text = text->str;
  return ok;
}

/* Reads one record up to and including its line end into `s`. */
static gboolean read_record(Cursor *c, Scratch *s) {
  s->rec.line = c->line;
  g_ptr_array_set_size(s->rec.fields, 0);
  for (guint i = 0;; i++) {
    if (i == s->slots->len) {
      g_ptr_array_add(s->slots, g_new0(CsvField, 1));
      g_ptr_array_add(s->texts, g_string_new(NULL));
    }
    CsvField *f = g_ptr_array_index(s->slots, i);
    if (!read_field(c, f, g_ptr_array_index(s->texts, i))) return FALSE;
    g_ptr_array_add(s->rec.fields, f);
    if (at_end(c) || at_eol(c)) break;
    advance(c); /* the comma */
  }
  if (!at_end(c)) advance(c); /* the line end */
  return TRUE;
}

static gboolean record_is_blank(const CsvRecord *r) {
  const CsvField *f = csv_field(r, 0);
  return r->fields->len == 1 && !f->quoted && f->text[0] == '\0';
}

struct CsvReader {
  Cursor c;
  Scratch scratch;
  gboolean failed;
};

CsvReader *csv_reader_new(const char *name, const char *buf, gsize len, DiagList *diags) {
  if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) buf += 3, len -= 3;
  if (!check_utf8(name, buf, len, diags)) return NULL;
  CsvReader *r = g_new0(CsvReader, 1);
  r->c = (Cursor){buf, buf + len, 1, 1, name, diags};
  scratch_init(&r->scratch);
  return r;
}

const CsvRecord *csv_reader_next(CsvReader *r) {
  while (!r->failed && !at_end(&r->c)) {
    if (!read_record(&r->c, &r->scratch)) r->failed = TRUE;
    else if (!record_is_blank(&r->scratch.rec)) return &r->scratch.rec;
  }
  return NULL;
}

gboolean csv_reader_failed(const CsvReader *r) { return r->failed; }

void csv_reader_free(CsvReader *r) {
  if (!r) return;
  scratch_clear(&r->scratch);
  g_free(r);
}

/* An owned copy of a record the reader returned, for a whole table. */
static CsvRecord *record_copy(const CsvRecord *from) {
  CsvRecord *r = g_new0(CsvRecord, 1);
  r->line = from->line;
  r->fields = g_ptr_array_new_full(from->fields->len, field_free);
  for (guint i = 0; i < from->fields->len; i++) {
    CsvField *f = g_new(CsvField, 1);
    *f = *(const CsvField *)g_ptr_array_index(from->fields, i);
    f->text = g_strdup(f->text);
    g_ptr_array_add(r->fields, f);
  }
  return r;
}

CsvTable *csv_parse(const char *name, const char *buf, gsize len, DiagList *diags) {
  CsvReader *r = csv_reader_new(name, buf, len, diags);
  if (!r) return NULL;
  CsvTable *t = g_new0(CsvTable, 1);
  t->name = g_strdup(name);
  t->records = g_ptr_array_new_with_free_func(record_free);
  for (const CsvRecord *rec; (rec = csv_reader_next(r));) g_ptr_array_add(t->records, record_copy(rec));
  gboolean failed = csv_reader_failed(r);
  csv_reader_free(r);
  if (failed) {
    csv_free(t);
    return NULL;
  }
  return t;
}

CsvTable *csv_load(const char *path, DiagList *diags) {
  GBytes *bytes = infile_read_reported(path, INFILE_DATA, diags);
  if (!bytes) return NULL;
  gsize len = 0;
  const char *buf = g_bytes_get_data(bytes, &len);
  CsvTable *t = csv_parse(path, buf ? buf : "", len, diags);
  g_bytes_unref(bytes);
  return t;
}
