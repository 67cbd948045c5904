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

/* ---- lexing ------------------------------------------------------------- */

/* Each byte's class, looked up once per byte (a call or a strchr per byte
 * cost more than the rest of the scan). '\0' counts as white space, as it
 * did for strchr (which finds the terminator). */
enum {
  C_WHITE = 1,
  C_DELIM = 2,
  C_NUMBER = 4, /* a number's first byte */
  C_STRING = 8, /* what a literal string is scanned for: ( ) and backslash */
};
static const guint8 CLASS[256] = {
    ['\0'] = C_WHITE, [' '] = C_WHITE, ['\n'] = C_WHITE, ['\r'] = C_WHITE, ['\t'] = C_WHITE, ['\f'] = C_WHITE,
    ['('] = C_DELIM | C_STRING, [')'] = C_DELIM | C_STRING, ['\\'] = C_STRING,
    ['<'] = C_DELIM, ['>'] = C_DELIM, ['['] = C_DELIM, [']'] = C_DELIM,
    ['{'] = C_DELIM, ['}'] = C_DELIM, ['/'] = C_DELIM, ['%'] = C_DELIM,
    ['0'] = C_NUMBER, ['1'] = C_NUMBER, ['2'] = C_NUMBER, ['3'] = C_NUMBER, ['4'] = C_NUMBER, ['5'] = C_NUMBER,
    ['6'] = C_NUMBER, ['7'] = C_NUMBER, ['8'] = C_NUMBER, ['9'] = C_NUMBER, ['-'] = C_NUMBER, ['+'] = C_NUMBER,
    ['.'] = C_NUMBER,
};

static inline gboolean is_white(char c) { return CLASS[(guint8)c] & C_WHITE; }

typedef struct {
  const char *p, *end;
} Lexer;

/* Past white space and comments. */
static inline void lex_space(Lexer *lx) {
  const char *p = lx->p, *end = lx->end;
  while (p < end) {
    if (is_white(*p)) p++;
    else if (*p == '%')
      while (p < end && *p != '\n' && *p != '\r') p++;
    else break;
  }
  lx->p = p;
}

static gboolean lex_literal(Lexer *lx) {
  int depth = 0;
  const char *p = lx->p, *end = lx->end;
  for (; p < end; p++) {
    if (!(CLASS[(guint8)*p] & C_STRING)) continue;
    if (*p == '\\') p++;
    else if (*p == '(') depth++;
    else if (*p == ')' && --depth == 0) {
      lx->p = p + 1;
      return TRUE;
    }
  }
  lx->p = p;
  return FALSE;
}

typedef enum { TOK_OPERAND, TOK_NUMBER, TOK_OPERATOR, TOK_OPEN, TOK_CLOSE } TokKind;

/* One token at lx->p (after white space): its kind and bytes. */
static inline gboolean lex_token(Lexer *lx, TokKind *kind, const char **start) {
  lex_space(lx);
  if (lx->p >= lx->end) return FALSE;
  const char *p = lx->p, *end = lx->end;
  *start = p;
  char c = *p;
  switch (c) {
  case '(': *kind = TOK_OPERAND; return lex_literal(lx);
  case '<':
    if (p + 1 < end && p[1] == '<') {
      lx->p = p + 2, *kind = TOK_OPEN;
      return TRUE;
    } else {
      const char *e = memchr(p, '>', (size_t)(end - p));
      if (!e) return FALSE;
      lx->p = e + 1, *kind = TOK_OPERAND;
      return TRUE;
    }
  case '>':
    if (p + 1 < end && p[1] == '>') {
      lx->p = p + 2, *kind = TOK_CLOSE;
      return TRUE;
    }
    return FALSE;
  case '[': case '{': lx->p = p + 1, *kind = TOK_OPEN; return TRUE;
  case ']': case '}': lx->p = p + 1, *kind = TOK_CLOSE; return TRUE;
  case ')': return FALSE;
  default: break;
  }
  if (c == '/') p++;
  while (p < end && !(CLASS[(guint8)*p] & (C_WHITE | C_DELIM))) p++;
  lx->p = p;
  if (c == '/') *kind = TOK_OPERAND;
  else if (CLASS[(guint8)c] & C_NUMBER) *kind = TOK_NUMBER;
  else if ((p - *start == 4 && (!memcmp(*start, "true", 4) || !memcmp(*start, "null", 4))) ||
           (p - *start == 5 && !memcmp(*start, "false", 5)))
    *kind = TOK_OPERAND;
  else *kind = TOK_OPERATOR;
  return p > *start;
}

/* What an operator does, decided once per operation from its bytes: to
 * the state it is tracked in (before it draws), and to drawing. */
typedef enum {
  ST_NONE, ST_MARK_BEGIN /* BDC, BMC */, ST_MARK_END /* EMC */, ST_TEXT /* BT, ET */, ST_SAVE, ST_RESTORE,
  ST_CM, ST_TM, ST_TD, ST_TD_LEADING /* TD */, ST_TL, ST_NEXT_LINE /* T*, ', " */
} OpState;

typedef enum { OP_OTHER, OP_CONSTRUCT, OP_PAINT, OP_END_PATH, OP_SHOW, OP_PLACE } OpClass;

/* One operation: operands then operator. */
typedef struct {
  const char *start, *end;  /* all of it */
  const char *op;           /* the operator's bytes */
  int op_len;
  OpState state;
  OpClass cls;
  gboolean is_re;           /* re: a rectangle's four operands */
  double num[MAX_OPERANDS]; /* the last numeric operands, in order */
  int n_num;
  gboolean has_mcid;        /* BDC with /MCID in its properties */
} Operation;

static void op_decode(Operation *o) {
  const char *s = o->op;
  o->state = ST_NONE, o->cls = OP_OTHER, o->is_re = FALSE;
  if (o->op_len == 1) {
    switch (s[0]) {
    case 'm': case 'l': case 'c': case 'v': case 'y': case 'h': case 'W': o->cls = OP_CONSTRUCT; break;
    case 'f': case 'F': case 'B': case 'b': case 'S': case 's': o->cls = OP_PAINT; break;
    case 'n': o->cls = OP_END_PATH; break;
    case '\'': case '"': o->cls = OP_SHOW, o->state = ST_NEXT_LINE; break;
    case 'q': o->state = ST_SAVE; break;
    case 'Q': o->state = ST_RESTORE; break;
    default: break;
    }
  } else if (o->op_len == 2) {
    char a = s[0], b = s[1];
    if ((a == 'r' && b == 'e') || (a == 'W' && b == '*')) o->cls = OP_CONSTRUCT, o->is_re = a == 'r';
    else if (b == '*' && (a == 'f' || a == 'B' || a == 'b')) o->cls = OP_PAINT;
    else if (a == 'T' && (b == 'j' || b == 'J')) o->cls = OP_SHOW;
    else if ((a == 'D' && b == 'o') || (a == 's' && b == 'h') || (a == 'B' && b == 'I')) o->cls = OP_PLACE;
    else if ((a == 'B' || a == 'E') && b == 'T') o->state = ST_TEXT;
    else if (a == 'c' && b == 'm') o->state = ST_CM;
    else if (a == 'T') {
      switch (b) {
      case 'm': o->state = ST_TM; break;
      case 'd': o->state = ST_TD; break;
      case 'D': o->state = ST_TD_LEADING; break;
      case 'L': o->state = ST_TL; break;
      case '*': o->state = ST_NEXT_LINE; break;
      default: break;
      }
    }
  } else if (o->op_len == 3 && s[1] == 'M' && s[2] == 'C') {
    if (s[0] == 'B' || s[0] == 'E') o->state = s[0] == 'B' ? ST_MARK_BEGIN : ST_MARK_END;
  } else if (o->op_len == 3 && s[0] == 'B' && s[1] == 'D' && s[2] == 'C') {
    o->state = ST_MARK_BEGIN;
  }
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

typedef enum { LEX_OPERATION, LEX_END, LEX_BAD } LexResult;

/* A number operand at `p`, read and valued in one pass (*value set only
 * if `want`); returns its end. The value is exactly g_ascii_strtod's: the
 * common case, an optional sign and at most 15 digits around one point,
 * is the integer of its digits divided by a power of ten, both exact
 * doubles, so the one correctly rounded division is the correctly
 * rounded value strtod finds. Anything else goes to strtod (it costs
 * about 600 instructions a number, and a page has thousands). */
static inline const char *lex_number(const char *p, const char *end, gboolean want, double *value) {
  static const double tens[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  const char *tok = p;
  gboolean negative = *p == '-';
  if (*p == '-' || *p == '+') p++;
  guint64 digits = 0;
  int n_digits = 0, n_fraction = 0;
  gboolean point = FALSE;
  for (; p < end; p++) {
    char c = *p;
    if (c >= '0' && c <= '9') {
      digits = digits * 10 + (guint64)(c - '0');
      n_digits++;
      n_fraction += point;
    } else if (c == '.' && !point) {
      point = TRUE;
    } else {
      break;
    }
  }
  gboolean plain = n_digits > 0 && n_digits <= 15;
  if (p < end && !(CLASS[(guint8)*p] & (C_WHITE | C_DELIM))) { /* more of the token: strtod's to value */
    plain = FALSE;
    while (p < end && !(CLASS[(guint8)*p] & (C_WHITE | C_DELIM))) p++;
  }
  if (!want) return p;
  if (!plain) *value = g_ascii_strtod(tok, NULL);
  else *value = negative ? -((double)digits / tens[n_fraction]) : (double)digits / tens[n_fraction];
  return p;
}

static inline gboolean is_keyword(const char *tok, const char *p) {
  return (p - tok == 4 && (!memcmp(tok, "true", 4) || !memcmp(tok, "null", 4))) || (p - tok == 5 && !memcmp(tok, "false", 5));
}

/* The next operation; LEX_END at the end of the stream, LEX_BAD on bytes
 * that are not content (an unterminated string, operands with no
 * operator). One loop over the bytes: white space, delimiters and
 * numbers are told apart by CLASS, each token read once. */
static LexResult lex_operation(Lexer *lx, Operation *o) {
  o->n_num = 0, o->has_mcid = FALSE;
  int nesting = 0;
  lex_space(lx);
  o->start = lx->p;
  if (lx->p >= lx->end) return LEX_END;
  const char *end = lx->end;
  for (;;) {
    lex_space(lx);
    const char *p = lx->p, *tok = p;
    if (p >= end) return LEX_BAD;
    guint8 cls = CLASS[(guint8)*p];
    if (cls & C_NUMBER) {
      double v;
      lx->p = lex_number(p, end, nesting == 0, &v);
      if (nesting) continue;
      if (o->n_num == MAX_OPERANDS) memmove(o->num, o->num + 1, sizeof o->num[0] * (MAX_OPERANDS - 1)), o->n_num--;
      o->num[o->n_num++] = v;
      continue;
    }
    if (!(cls & C_DELIM)) { /* an operator, or true, false, null */
      while (p < end && !(CLASS[(guint8)*p] & (C_WHITE | C_DELIM))) p++;
      lx->p = p;
      if (nesting || is_keyword(tok, p)) continue;
      o->op = tok, o->op_len = (int)(p - tok);
      op_decode(o);
      if (o->cls == OP_PLACE && o->op[0] == 'B' && !lex_inline_image(lx)) return LEX_BAD;
      o->end = lx->p;
      return LEX_OPERATION;
    }
    switch (*p) {
    case '/':
      for (p++; p < end && !(CLASS[(guint8)*p] & (C_WHITE | C_DELIM)); p++) {}
      lx->p = p;
      if (p - tok == 5 && memcmp(tok, "/MCID", 5) == 0) o->has_mcid = TRUE;
      break;
    case '(':
      if (!lex_literal(lx)) return LEX_BAD;
      break;
    case '<':
      if (p + 1 < end && p[1] == '<') {
        lx->p = p + 2, nesting++;
      } else {
        const char *e = memchr(p, '>', (size_t)(end - p));
        if (!e) return LEX_BAD;
        lx->p = e + 1;
      }
      break;
    case '>':
      if (!(p + 1 < end && p[1] == '>')) return LEX_BAD;
      lx->p = p + 2;
      if (--nesting < 0) return LEX_BAD;
      break;
    case '[': case '{': lx->p = p + 1, nesting++; break;
    case ']': case '}':
      lx->p = p + 1;
      if (--nesting < 0) return LEX_BAD;
      break;
    default: return LEX_BAD; /* ')'; '%' and '\0' are white space to lex_space */
    }
  }
}

/* ---- marking -------------------------------------------------------------- */

/* The output is the input with lines added: it is copied from the input
 * in runs, up to each point something is added (`copied`: the input
 * before it is in `out`). A point is an input position, as everything is
 * added in front of an operation (or its path), or at the end. Only a
 * path whose start has been copied already (something was added inside
 * it) has its start kept as an output position, and is added to by an
 * insertion into `out`. */
typedef struct {
  const PdfArtifactBand *bands;
  guint n_bands;
  GString *out;
  const char *copied;
  guint wrapped;
  /* marked content: open sequences (has /MCID, as bits), and how many of them are tagged */
  guint8 *marks; /* MAX_DEPTH of them */
  guint n_marks;
  guint tagged;
  /* our artifact */
  gboolean open;
  PdfArtifactKind open_kind;
  guint open_q;
  /* graphics and text state */
  Matrix *ctms; /* saved by q: MAX_DEPTH of them */
  guint n_ctms;
  Matrix ctm, tlm;
  double leading;
  /* the path being built: where it starts (in the input, or once copied
   * in `out`: path_out >= 0), and its y extent */
  const char *path_at;
  gssize path_out;
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

/* The input up to `to` into the output; a path begun before it now has
 * its start in the output. */
static void copy_to(Marker *m, const char *to) {
  if (to <= m->copied) return;
  if (m->path_at && m->path_out < 0 && m->path_at < to)
    m->path_out = (gssize)m->out->len + (m->path_at - m->copied);
  g_string_append_len(m->out, m->copied, to - m->copied);
  m->copied = to;
}

/* `a` then `b` into the output at `at`, on a line of their own. */
static void insert_line_at(Marker *m, gsize at, const char *a, const char *b) {
  gboolean need_break = at > 0 && !is_white(m->out->str[at - 1]);
  if (need_break) g_string_insert_c(m->out, (gssize)at++, '\n');
  g_string_insert(m->out, (gssize)at, a);
  g_string_insert(m->out, (gssize)(at + strlen(a)), b);
}

/* The same in front of input position `at` (not copied yet). */
static void insert_line(Marker *m, const char *at, const char *a, const char *b) {
  copy_to(m, at);
  gsize len = m->out->len;
  if (len > 0 && !is_white(m->out->str[len - 1])) g_string_append_c(m->out, '\n');
  g_string_append(m->out, a);
  g_string_append(m->out, b);
}

static void close_artifact(Marker *m, const char *at) {
  if (!m->open) return;
  insert_line(m, at, "EMC\n", "");
  m->open = FALSE;
}

/* A drawing operator of kind `kind` whose bytes (or its path's) start at `at` in the input. */
static void drawing(Marker *m, const char *at, PdfArtifactKind kind) {
  if (m->tagged) return;
  m->wrapped++;
  if (m->open && m->open_kind == kind) return;
  const char *close = m->open ? "EMC\n" : "";
  if (at == m->path_at && m->path_out >= 0) insert_line_at(m, (gsize)m->path_out, close, artifact_props(kind));
  else insert_line(m, at, close, artifact_props(kind));
  m->open = TRUE, m->open_kind = kind, m->open_q = m->n_ctms;
}

static void path_begin(Marker *m, const Operation *o, double y) {
  m->path_at = o->start, m->path_out = -1, m->path_y0 = m->path_y1 = y;
}

static void path_point(Marker *m, const Operation *o, double x, double y) {
  double uy = m->ctm.b * x + m->ctm.d * y + m->ctm.f;
  if (!m->path_at) path_begin(m, o, uy);
  m->path_y0 = MIN(m->path_y0, uy), m->path_y1 = MAX(m->path_y1, uy);
}

static void path_op(Marker *m, const Operation *o) {
  const double *n = o->num;
  if (o->is_re && o->n_num >= 4) {
    double x = n[o->n_num - 4], y = n[o->n_num - 3], w = n[o->n_num - 2], h = n[o->n_num - 1];
    path_point(m, o, x, y), path_point(m, o, x + w, y), path_point(m, o, x, y + h), path_point(m, o, x + w, y + h);
  } else {
    for (int i = 0; i + 1 < o->n_num; i += 2) path_point(m, o, n[i], n[i + 1]);
    if (!m->path_at) path_begin(m, o, m->ctm.f);
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
  const double *last = o->num + o->n_num;
  switch (o->state) {
  case ST_NONE: break;
  case ST_MARK_BEGIN:
    close_artifact(m, o->start);
    if (m->n_marks >= MAX_DEPTH) return FALSE;
    m->marks[m->n_marks++] = (guint8)o->has_mcid;
    m->tagged += o->has_mcid;
    break;
  case ST_MARK_END:
    close_artifact(m, o->start);
    if (!m->n_marks) return FALSE;
    m->tagged -= m->marks[--m->n_marks];
    break;
  case ST_TEXT:
    close_artifact(m, o->start);
    m->tlm = IDENTITY;
    break;
  case ST_SAVE:
    if (m->n_ctms >= MAX_DEPTH) return FALSE;
    m->ctms[m->n_ctms++] = m->ctm;
    break;
  case ST_RESTORE:
    if (m->open && m->open_q == m->n_ctms) close_artifact(m, o->start);
    if (!m->n_ctms) return FALSE;
    m->ctm = m->ctms[--m->n_ctms];
    break;
  case ST_CM: m->ctm = matrix_mul(matrix_of(o), m->ctm); break;
  case ST_TM: m->tlm = matrix_of(o); break;
  case ST_TD:
  case ST_TD_LEADING:
    if (o->n_num < 2) break;
    text_line_move(m, last[-2], last[-1]);
    if (o->state == ST_TD_LEADING) m->leading = -last[-1];
    break;
  case ST_TL:
    if (o->n_num >= 1) m->leading = last[-1];
    break;
  case ST_NEXT_LINE: text_line_move(m, 0, -m->leading); break;
  }
  return TRUE;
}

static void operation(Marker *m, const Operation *o) {
  switch (o->cls) {
  case OP_CONSTRUCT: path_op(m, o); break;
  case OP_PAINT:
    drawing(m, m->path_at ? m->path_at : o->start, kind_at(m, (m->path_y0 + m->path_y1) / 2));
    m->path_at = NULL;
    break;
  case OP_END_PATH: m->path_at = NULL; break;
  case OP_SHOW: drawing(m, o->start, kind_at(m, matrix_mul(m->tlm, m->ctm).f)); break;
  case OP_PLACE: drawing(m, o->start, kind_at(m, m->ctm.f)); break;
  case OP_OTHER: break;
  }
}

GString *pdf_content_mark_artifacts(const char *data, gsize len, const PdfArtifactBand *bands, guint n_bands,
                                    guint *n_wrapped, GError **error) {
  /* the stacks not cleared: only what is pushed is read */
  Matrix *ctms = g_new(Matrix, MAX_DEPTH);
  guint8 *marks = g_new(guint8, MAX_DEPTH);
  Marker marker = {.bands = bands, .n_bands = n_bands, .out = g_string_sized_new(len + len / 8 + 64), .copied = data,
                   .marks = marks, .ctms = ctms, .ctm = IDENTITY, .tlm = IDENTITY, .path_out = -1},
         *m = &marker;
  Lexer lx = {data, data + len};
  gboolean ok = TRUE;
  Operation o;
  LexResult lr = LEX_END;
  while (ok && (lr = lex_operation(&lx, &o)) == LEX_OPERATION) {
    ok = state_before(m, &o);
    operation(m, &o); /* what it adds goes in front of its bytes */
  }
  if (ok && lr == LEX_BAD) ok = FALSE;
  if (ok) {
    copy_to(m, lx.end);
    close_artifact(m, lx.end);
  }
  GString *out = m->out;
  guint wrapped = m->wrapped;
  g_free(ctms);
  g_free(marks);
  if (!ok) {
    g_set_error(error, PDFCONTENT_ERROR, 1, "a page's content stream cannot be read at byte %lu",
                (unsigned long)(lx.p - data));
    g_string_free(out, TRUE);
    return NULL;
  }
  if (n_wrapped) *n_wrapped = wrapped;
  return out;
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

/* Straight into the result, with Z_FINISH: a stream that completes in
 * one call needs no sliding window (nothing copied into one, nor from a
 * bounce buffer). The guess of eight times the input is most streams'
 * size with room to spare; more is made when it is not enough. */
GByteArray *pdf_zip_inflate(PdfZip *zip, const char *data, gsize len, GError **error) {
  z_stream *z = &zip->in;
  inflateReset(z);
  gsize cap = MIN(len * 8 + 1024, (gsize)G_MAXUINT / 2), made = 0;
  GByteArray *out = g_byte_array_sized_new((guint)cap);
  z->next_in = (Bytef *)data, z->avail_in = (uInt)len;
  int rc;
  for (;;) {
    g_byte_array_set_size(out, (guint)cap);
    z->next_out = out->data + made, z->avail_out = (uInt)(cap - made);
    rc = inflate(z, Z_FINISH);
    made = cap - z->avail_out;
    if (rc == Z_STREAM_END) break;
    if ((rc == Z_OK || rc == Z_BUF_ERROR) && z->avail_out == 0 && cap < G_MAXUINT / 4) cap *= 2; /* more room */
    else if (rc != Z_OK) break;
  }
  if (rc != Z_STREAM_END) {
    g_set_error(error, PDFCONTENT_ERROR, 2, "a compressed stream is damaged");
    g_byte_array_unref(out);
    return NULL;
  }
  g_byte_array_set_size(out, (guint)made);
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
