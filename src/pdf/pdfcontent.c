/* pdfcontent — see pdfcontent.h.
 *
 * One pass over the operators. Positions are tracked only as far as the
 * bands need: the current transformation matrix (q, Q, cm), the text line
 * matrix (BT, Tm, Td, TD, T*, TL, ', ") and the y extent of the path being
 * built. A text-showing operator is placed at the start of its line, which
 * is where cairo puts each run (it positions every run with Tm or Td). */
#include "pdfcontent.h"

#include <string.h>
#include <zlib.h>

#define PDFCONTENT_ERROR (g_quark_from_static_string("pdfcontent-error"))
#define MAX_OPERANDS 6
#define MAX_DEPTH 256

typedef struct {
  double a, b, c, d, e, f;
} Matrix;

static const Matrix IDENTITY = {1, 0, 0, 1, 0, 0};

/* `m` applied first, then `n`. */
static Matrix matrix_mul(Matrix m, Matrix n) {
  return (Matrix){m.a * n.a + m.b * n.c, m.a * n.b + m.b * n.d, m.c * n.a + m.d * n.c,
                  m.c * n.b + m.d * n.d, m.e * n.a + m.f * n.c + n.e, m.e * n.b + m.f * n.d + n.f};
}

static double user_y(Matrix ctm, double x, double y) { return ctm.b * x + ctm.d * y + ctm.f; }

/* ---- lexing ------------------------------------------------------------- */

static gboolean is_white(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0'; }
/* A switch, not strchr over "()<>[]{}/%": it runs for every byte of every
 * token. '\0' counts, as it did for strchr (which finds the terminator). */
static gboolean is_delim(char c) {
  switch (c) {
  case '(': case ')': case '<': case '>': case '[': case ']': case '{': case '}': case '/': case '%': case '\0':
    return TRUE;
  default:
    return FALSE;
  }
}

typedef struct {
  const char *p, *end;
} Lexer;

/* Past white space and comments. */
static void lex_space(Lexer *lx) {
  while (lx->p < lx->end) {
    if (is_white(*lx->p)) lx->p++;
    else if (*lx->p == '%')
      while (lx->p < lx->end && *lx->p != '\n' && *lx->p != '\r') lx->p++;
    else break;
  }
}

static gboolean lex_literal(Lexer *lx) {
  int depth = 0;
  for (; lx->p < lx->end; lx->p++) {
    if (*lx->p == '\\') lx->p++;
    else if (*lx->p == '(') depth++;
    else if (*lx->p == ')' && --depth == 0) {
      lx->p++;
      return TRUE;
    }
  }
  return FALSE;
}

typedef enum { TOK_OPERAND, TOK_NUMBER, TOK_OPERATOR, TOK_OPEN, TOK_CLOSE } TokKind;

/* One token at lx->p (after white space): its kind and bytes. */
static gboolean lex_token(Lexer *lx, TokKind *kind, const char **start) {
  lex_space(lx);
  if (lx->p >= lx->end) return FALSE;
  *start = lx->p;
  char c = *lx->p;
  if (c == '(') {
    *kind = TOK_OPERAND;
    return lex_literal(lx);
  }
  if (c == '<' && lx->p + 1 < lx->end && lx->p[1] == '<') {
    lx->p += 2, *kind = TOK_OPEN;
    return TRUE;
  }
  if (c == '>' && lx->p + 1 < lx->end && lx->p[1] == '>') {
    lx->p += 2, *kind = TOK_CLOSE;
    return TRUE;
  }
  if (c == '<') {
    const char *e = memchr(lx->p, '>', (size_t)(lx->end - lx->p));
    if (!e) return FALSE;
    lx->p = e + 1, *kind = TOK_OPERAND;
    return TRUE;
  }
  if (c == '[' || c == '{') {
    lx->p++, *kind = TOK_OPEN;
    return TRUE;
  }
  if (c == ']' || c == '}') {
    lx->p++, *kind = TOK_CLOSE;
    return TRUE;
  }
  if (c == ')' || c == '>') return FALSE;
  if (c == '/') lx->p++;
  while (lx->p < lx->end && !is_white(*lx->p) && !is_delim(*lx->p)) lx->p++;
  if (c == '/') *kind = TOK_OPERAND;
  else if (g_ascii_isdigit(c) || c == '-' || c == '+' || c == '.') *kind = TOK_NUMBER;
  else if ((lx->p - *start == 4 && (!memcmp(*start, "true", 4) || !memcmp(*start, "null", 4))) ||
           (lx->p - *start == 5 && !memcmp(*start, "false", 5)))
    *kind = TOK_OPERAND;
  else *kind = TOK_OPERATOR;
  return lx->p > *start;
}

/* One operation: operands then operator. */
typedef struct {
  const char *start, *end;  /* all of it */
  const char *op;           /* the operator's bytes */
  int op_len;
  double num[MAX_OPERANDS]; /* the last numeric operands, in order */
  int n_num;
  gboolean has_mcid;        /* BDC with /MCID in its properties */
} Operation;

static gboolean op_is(const Operation *o, const char *name) {
  return (size_t)o->op_len == strlen(name) && memcmp(o->op, name, (size_t)o->op_len) == 0;
}

/* What an operator does to drawing, decided once per operation (it runs
 * for every operator of every page). */
typedef enum { OP_OTHER, OP_CONSTRUCT, OP_PAINT, OP_END_PATH, OP_SHOW, OP_PLACE } OpClass;

static OpClass op_class(const Operation *o) {
  const char *s = o->op;
  if (o->op_len == 1) {
    if (strchr("mlcvyhW", s[0])) return OP_CONSTRUCT;
    if (strchr("fFBbSs", s[0])) return OP_PAINT;
    if (s[0] == 'n') return OP_END_PATH;
    if (s[0] == '\'' || s[0] == '"') return OP_SHOW;
    return OP_OTHER;
  }
  if (o->op_len != 2) return OP_OTHER;
  if ((s[0] == 'r' && s[1] == 'e') || (s[0] == 'W' && s[1] == '*')) return OP_CONSTRUCT;
  if (s[1] == '*' && strchr("fBb", s[0])) return OP_PAINT;
  if (s[0] == 'T' && (s[1] == 'j' || s[1] == 'J')) return OP_SHOW;
  if ((s[0] == 'D' && s[1] == 'o') || (s[0] == 's' && s[1] == 'h') || (s[0] == 'B' && s[1] == 'I')) return OP_PLACE;
  return OP_OTHER;
}

/* The image data of BI … ID … EI: up to white space, EI, white space or the end. */
static gboolean lex_inline_image(Lexer *lx) {
  TokKind kind;
  const char *tok;
  for (;;) {
    if (!lex_token(lx, &kind, &tok)) return FALSE;
    if (kind == TOK_OPERATOR && lx->p - tok == 2 && memcmp(tok, "ID", 2) == 0) break;
  }
  lx->p++;
  for (; lx->p + 2 <= lx->end; lx->p++)
    if (lx->p[0] == 'E' && lx->p[1] == 'I' && is_white(lx->p[-1]) && (lx->p + 2 == lx->end || is_white(lx->p[2]))) {
      lx->p += 2;
      return TRUE;
    }
  return FALSE;
}

/* A number operand's value, exactly as g_ascii_strtod gives it. The
 * common case, an optional sign and at most 15 digits around one point,
 * is the integer of its digits divided by a power of ten: both exact
 * doubles, so the one correctly rounded division is the correctly
 * rounded value strtod finds. Anything else goes to strtod (it costs
 * about 600 instructions a number, and a page has thousands). */
static double number_value(const char *tok, const char *end) {
  static const double tens[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  const char *p = tok;
  gboolean negative = p < end && *p == '-';
  if (p < end && (*p == '-' || *p == '+')) p++;
  guint64 digits = 0;
  int n_digits = 0, n_fraction = 0;
  gboolean point = FALSE;
  for (; p < end; p++) {
    if (*p >= '0' && *p <= '9') {
      if (++n_digits > 15) return g_ascii_strtod(tok, NULL);
      digits = digits * 10 + (guint64)(*p - '0');
      n_fraction += point;
    } else if (*p == '.' && !point) {
      point = TRUE;
    } else {
      return g_ascii_strtod(tok, NULL);
    }
  }
  if (n_digits == 0) return g_ascii_strtod(tok, NULL);
  double v = (double)digits / tens[n_fraction];
  return negative ? -v : v;
}

typedef enum { LEX_OPERATION, LEX_END, LEX_BAD } LexResult;

/* The next operation; LEX_END at the end of the stream, LEX_BAD on bytes
 * that are not content (an unterminated string, operands with no operator). */
static LexResult lex_operation(Lexer *lx, Operation *o) {
  memset(o, 0, sizeof *o);
  int nesting = 0;
  TokKind kind;
  const char *tok;
  lex_space(lx);
  o->start = lx->p;
  if (lx->p >= lx->end) return LEX_END;
  while (lex_token(lx, &kind, &tok)) {
    if (kind == TOK_OPEN) nesting++;
    else if (kind == TOK_CLOSE && --nesting < 0) return LEX_BAD;
    else if (kind == TOK_NUMBER && nesting == 0) {
      if (o->n_num == MAX_OPERANDS) memmove(o->num, o->num + 1, sizeof o->num[0] * (MAX_OPERANDS - 1)), o->n_num--;
      o->num[o->n_num++] = number_value(tok, lx->p);
    } else if (kind == TOK_OPERAND && lx->p - tok == 5 && memcmp(tok, "/MCID", 5) == 0) {
      o->has_mcid = TRUE;
    } else if (kind == TOK_OPERATOR && nesting == 0) {
      o->op = tok, o->op_len = (int)(lx->p - tok);
      if (op_is(o, "BI") && !lex_inline_image(lx)) return LEX_BAD;
      o->end = lx->p;
      return LEX_OPERATION;
    }
  }
  return LEX_BAD;
}

/* ---- marking -------------------------------------------------------------- */

typedef struct {
  const PdfArtifactBand *bands;
  guint n_bands;
  GString *out;
  guint wrapped;
  /* marked content: open sequences, and how many of them are tagged */
  GArray *marks; /* of gboolean: has /MCID */
  guint tagged;
  /* our artifact */
  gboolean open;
  PdfArtifactKind open_kind;
  guint open_q;
  /* graphics and text state */
  GArray *ctms; /* saved by q */
  Matrix ctm, tlm;
  double leading;
  /* the path being built: where it starts in `out`, and its y extent */
  gssize path_at;
  double path_y0, path_y1;
} Marker;

static const char *artifact_props(PdfArtifactKind k) {
  switch (k) {
  case PDF_ARTIFACT_HEADER: return "/Artifact << /Type /Pagination /Subtype /Header >> BDC\n";
  case PDF_ARTIFACT_FOOTER: return "/Artifact << /Type /Pagination /Subtype /Footer >> BDC\n";
  case PDF_ARTIFACT_PAGINATION: return "/Artifact << /Type /Pagination >> BDC\n";
  case PDF_ARTIFACT_LAYOUT: break;
  }
  return "/Artifact << /Type /Layout >> BDC\n";
}

static PdfArtifactKind kind_at(const Marker *m, double y) {
  for (guint i = 0; i < m->n_bands; i++)
    if (y >= m->bands[i].y0 && y <= m->bands[i].y1) return m->bands[i].kind;
  return PDF_ARTIFACT_LAYOUT;
}

/* `text` into the output at `at`, on a line of its own. */
static void insert_line(Marker *m, gsize at, const char *text) {
  gboolean need_break = at > 0 && !is_white(m->out->str[at - 1]);
  if (need_break) g_string_insert_c(m->out, (gssize)at++, '\n');
  g_string_insert(m->out, (gssize)at, text);
}

static void close_artifact(Marker *m) {
  if (!m->open) return;
  insert_line(m, m->out->len, "EMC\n");
  m->open = FALSE;
}

/* A drawing operator of kind `kind` whose bytes (or its path's) start at `at` in the output. */
static void drawing(Marker *m, gsize at, PdfArtifactKind kind) {
  if (m->tagged) return;
  m->wrapped++;
  if (m->open && m->open_kind == kind) return;
  GString *text = g_string_new(m->open ? "EMC\n" : "");
  g_string_append(text, artifact_props(kind));
  insert_line(m, at, text->str);
  g_string_free(text, TRUE);
  m->open = TRUE, m->open_kind = kind, m->open_q = m->ctms->len;
}

static void path_point(Marker *m, double x, double y) {
  double uy = user_y(m->ctm, x, y);
  if (m->path_at < 0) m->path_at = (gssize)m->out->len, m->path_y0 = m->path_y1 = uy;
  m->path_y0 = MIN(m->path_y0, uy), m->path_y1 = MAX(m->path_y1, uy);
}

static void path_op(Marker *m, const Operation *o) {
  const double *n = o->num;
  if (op_is(o, "re") && o->n_num >= 4) {
    double x = n[o->n_num - 4], y = n[o->n_num - 3], w = n[o->n_num - 2], h = n[o->n_num - 1];
    path_point(m, x, y), path_point(m, x + w, y), path_point(m, x, y + h), path_point(m, x + w, y + h);
  } else {
    for (int i = 0; i + 1 < o->n_num; i += 2) path_point(m, n[i], n[i + 1]);
    if (m->path_at < 0) m->path_at = (gssize)m->out->len, m->path_y0 = m->path_y1 = m->ctm.f;
  }
}

static void text_line_move(Marker *m, double tx, double ty) {
  m->tlm = matrix_mul((Matrix){1, 0, 0, 1, tx, ty}, m->tlm);
}

static Matrix matrix_of(const Operation *o) {
  const double *n = o->num + o->n_num - 6;
  return o->n_num >= 6 ? (Matrix){n[0], n[1], n[2], n[3], n[4], n[5]} : IDENTITY;
}

/* State changes an operation makes before it draws; FALSE on bad nesting. */
static gboolean state_before(Marker *m, const Operation *o) {
  if (o->op_len > 3) return TRUE;
  if (op_is(o, "BDC") || op_is(o, "BMC")) {
    close_artifact(m);
    if (m->marks->len >= MAX_DEPTH) return FALSE;
    g_array_append_val(m->marks, o->has_mcid);
    m->tagged += o->has_mcid;
  } else if (op_is(o, "EMC")) {
    close_artifact(m);
    if (!m->marks->len) return FALSE;
    m->tagged -= g_array_index(m->marks, gboolean, m->marks->len - 1);
    g_array_set_size(m->marks, m->marks->len - 1);
  } else if (op_is(o, "BT") || op_is(o, "ET")) {
    close_artifact(m);
    m->tlm = IDENTITY;
  } else if (op_is(o, "q")) {
    if (m->ctms->len >= MAX_DEPTH) return FALSE;
    g_array_append_val(m->ctms, m->ctm);
  } else if (op_is(o, "Q")) {
    if (m->open && m->open_q == m->ctms->len) close_artifact(m);
    if (!m->ctms->len) return FALSE;
    m->ctm = g_array_index(m->ctms, Matrix, m->ctms->len - 1);
    g_array_set_size(m->ctms, m->ctms->len - 1);
  } else if (op_is(o, "cm")) {
    m->ctm = matrix_mul(matrix_of(o), m->ctm);
  } else if (op_is(o, "Tm")) {
    m->tlm = matrix_of(o);
  } else if ((op_is(o, "Td") || op_is(o, "TD")) && o->n_num >= 2) {
    text_line_move(m, o->num[o->n_num - 2], o->num[o->n_num - 1]);
    if (op_is(o, "TD")) m->leading = -o->num[o->n_num - 1];
  } else if (op_is(o, "TL") && o->n_num >= 1) {
    m->leading = o->num[o->n_num - 1];
  } else if (op_is(o, "T*") || op_is(o, "'") || op_is(o, "\"")) {
    text_line_move(m, 0, -m->leading);
  }
  return TRUE;
}

static void operation(Marker *m, const Operation *o) {
  gsize at = m->out->len;
  switch (op_class(o)) {
  case OP_CONSTRUCT: path_op(m, o); break;
  case OP_PAINT:
    drawing(m, m->path_at >= 0 ? (gsize)m->path_at : at, kind_at(m, (m->path_y0 + m->path_y1) / 2));
    m->path_at = -1;
    break;
  case OP_END_PATH: m->path_at = -1; break;
  case OP_SHOW: drawing(m, at, kind_at(m, matrix_mul(m->tlm, m->ctm).f)); break;
  case OP_PLACE: drawing(m, at, kind_at(m, m->ctm.f)); break;
  case OP_OTHER: break;
  }
}

GString *pdf_content_mark_artifacts(const char *data, gsize len, const PdfArtifactBand *bands, guint n_bands,
                                    guint *n_wrapped, GError **error) {
  Marker m = {.bands = bands, .n_bands = n_bands, .out = g_string_sized_new(len + len / 8 + 64),
              .marks = g_array_new(FALSE, FALSE, sizeof(gboolean)), .ctms = g_array_new(FALSE, FALSE, sizeof(Matrix)),
              .ctm = IDENTITY, .tlm = IDENTITY, .path_at = -1};
  Lexer lx = {data, data + len};
  const char *copied = data;
  gboolean ok = TRUE;
  Operation o;
  LexResult lr = LEX_END;
  while (ok && (lr = lex_operation(&lx, &o)) == LEX_OPERATION) {
    g_string_append_len(m.out, copied, o.start - copied); /* the white space before it */
    ok = state_before(&m, &o);
    operation(&m, &o); /* before its bytes: what it adds goes in front of them */
    g_string_append_len(m.out, o.start, o.end - o.start);
    copied = o.end;
  }
  if (ok && lr == LEX_BAD) ok = FALSE;
  if (ok) {
    g_string_append_len(m.out, copied, lx.end - copied);
    close_artifact(&m);
  }
  g_array_free(m.marks, TRUE);
  g_array_free(m.ctms, TRUE);
  if (!ok) {
    g_set_error(error, PDFCONTENT_ERROR, 1, "a page's content stream cannot be read at byte %lu",
                (unsigned long)(lx.p - data));
    g_string_free(m.out, TRUE);
    return NULL;
  }
  if (n_wrapped) *n_wrapped = m.wrapped;
  return m.out;
}

/* ---- zlib ------------------------------------------------------------------ */

struct PdfZip {
  z_stream in, out;
};

PdfZip *pdf_zip_new(void) {
  PdfZip *zip = g_new0(PdfZip, 1);
  /* Level 1: a tenth larger than level 6 and six times faster here. */
  if (inflateInit(&zip->in) != Z_OK || deflateInit(&zip->out, Z_BEST_SPEED) != Z_OK) g_error("zlib cannot start");
  return zip;
}

void pdf_zip_free(PdfZip *zip) {
  if (!zip) return;
  inflateEnd(&zip->in);
  deflateEnd(&zip->out);
  g_free(zip);
}

GByteArray *pdf_zip_inflate(PdfZip *zip, const char *data, gsize len, GError **error) {
  z_stream *z = &zip->in;
  inflateReset(z);
  GByteArray *out = g_byte_array_sized_new((guint)MIN(len * 4 + 1024, G_MAXUINT / 2));
  z->next_in = (Bytef *)data, z->avail_in = (uInt)len;
  int rc = Z_OK;
  guint8 buf[16384];
  while (rc == Z_OK) {
    z->next_out = buf, z->avail_out = sizeof buf;
    rc = inflate(z, Z_NO_FLUSH);
    g_byte_array_append(out, buf, (guint)(sizeof buf - z->avail_out));
    if (rc == Z_BUF_ERROR && z->avail_in == 0) break;
  }
  if (rc != Z_STREAM_END) {
    g_set_error(error, PDFCONTENT_ERROR, 2, "a compressed stream is damaged");
    g_byte_array_unref(out);
    return NULL;
  }
  return out;
}

GByteArray *pdf_zip_deflate(PdfZip *zip, const char *data, gsize len) {
  z_stream *z = &zip->out;
  deflateReset(z);
  uLong bound = deflateBound(z, (uLong)len);
  GByteArray *out = g_byte_array_sized_new((guint)bound);
  g_byte_array_set_size(out, (guint)bound);
  z->next_in = (Bytef *)data, z->avail_in = (uInt)len;
  z->next_out = out->data, z->avail_out = (uInt)bound;
  if (deflate(z, Z_FINISH) != Z_STREAM_END) g_error("zlib could not compress within its own bound");
  g_byte_array_set_size(out, (guint)(bound - z->avail_out));
  return out;
}
