/* End-to-end helpers: run the real binary and the PDF tools, read what
 * they print. The binary is $BOARDPACK (the Makefile sets it). */
#ifndef BOARDPACK_E2EUTIL_H
#define BOARDPACK_E2EUTIL_H

#include "testutil.h"

#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

typedef struct {
  int status; /* exit status, or -1 if it did not exit normally */
  char *out, *err;
} RunResult;

static inline void run_result_clear(RunResult *r) {
  g_free(r->out);
  g_free(r->err);
  r->out = r->err = NULL;
}

/* Run argv (NULL-terminated); the program is looked up in PATH. */
static inline RunResult run_argv(const char *const *argv) {
  RunResult r = {.status = -1};
  int wait = 0;
  GError *err = NULL;
  if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &r.out, &r.err, &wait, &err)) {
    fprintf(stderr, "cannot run %s: %s\n", argv[0], err->message);
    g_error_free(err);
    return r;
  }
  r.status = WIFEXITED(wait) ? WEXITSTATUS(wait) : -1;
  return r;
}

#define RUN(...) run_argv((const char *const[]){__VA_ARGS__, NULL})

static inline const char *boardpack_bin(void) {
  const char *b = g_getenv("BOARDPACK");
  return b ? b : "build/boardpack";
}

/* Collapse all white space to single spaces. */
static inline char *squash_space(const char *s) {
  GString *o = g_string_new(NULL);
  gboolean space = TRUE;
  for (const char *c = s; *c; c++) {
    gboolean ws = *c == ' ' || *c == '\n' || *c == '\t' || *c == '\r' || *c == '\f';
    if (ws && !space) g_string_append_c(o, ' ');
    if (!ws) g_string_append_c(o, *c);
    space = ws;
  }
  return g_string_free(o, FALSE);
}

/* Each needle found in `text` after the one before it. */
static inline void assert_found_in_order(const char *text, const char *const *needles) {
  const char *at = text;
  for (const char *const *n = needles; *n; n++) {
    const char *found = strstr(at, *n);
    if (!found) fail_msg("'%s' missing (or out of order) in:\n%s", *n, text);
    at = found + strlen(*n);
  }
}

/* pdftotext -layout of one page of `pdf` (page 0: every page). */
static inline char *pdf_page_text(const char *pdf, int page) {
  char p[16];
  g_snprintf(p, sizeof p, "%d", page);
  RunResult r = page ? RUN("pdftotext", "-layout", "-f", p, "-l", p, pdf, "-") : RUN("pdftotext", "-layout", pdf, "-");
  assert_int_equal(r.status, 0);
  char *out = r.out;
  r.out = NULL;
  run_result_clear(&r);
  return out;
}

/* pdfinfo's page count. */
static inline int pdf_page_count(const char *pdf) {
  RunResult r = RUN("pdfinfo", pdf);
  assert_int_equal(r.status, 0);
  const char *p = strstr(r.out, "Pages:");
  assert_non_null(p);
  int n = atoi(p + 6);
  run_result_clear(&r);
  return n;
}

/* The page number a pack's agenda gives at the end of the line that
 * names `title` (0 when that line has none). */
static inline int agenda_page_of(const char *agenda, const char *title) {
  const char *line = strstr(agenda, title);
  if (!line) fail_msg("'%s' not on the agenda:\n%s", title, agenda);
  const char *p = strchr(line, '\n');
  if (!p) p = line + strlen(line);
  while (p > line && p[-1] == ' ') p--;
  while (p > line && g_ascii_isdigit(p[-1])) p--;
  return atoi(p);
}

/* A sample rendered by the real binary into a scratch folder, with no
 * message at all (not even a warning), and its text read back squashed:
 * 0, or -1 if it printed anything or failed. */
typedef struct {
  char *dir, *pdf, *text;
} RenderedSample;

static inline int rendered_sample_make(const char *spec, const char *scratch, const char *pdf_name, RenderedSample *out) {
  out->dir = test_scratch_dir(scratch);
  out->pdf = g_build_filename(out->dir, pdf_name, NULL);
  RunResult r = RUN(boardpack_bin(), "render", spec, "-o", out->pdf);
  if (r.status != 0 || *r.err) fprintf(stderr, "%s", r.err);
  int rc = r.status == 0 && !*r.err ? 0 : -1;
  run_result_clear(&r);
  r = RUN("pdftotext", "-raw", "-enc", "UTF-8", out->pdf, "-");
  out->text = squash_space(r.out ? r.out : "");
  run_result_clear(&r);
  return rc;
}

static inline void rendered_sample_clear(RenderedSample *s) {
  g_free(s->text), g_free(s->pdf), g_free(s->dir);
  memset(s, 0, sizeof *s);
}

/* Asserts that the sample's text holds `want`, saying which if not. */
static inline void rendered_sample_has(const RenderedSample *s, const char *want) {
  if (!strstr(s->text, want)) fprintf(stderr, "not in the PDF's text: %s\n", want);
  assert_non_null(strstr(s->text, want));
}

static inline gboolean file_bytes_equal(const char *a, const char *b) {
  char *x = NULL, *y = NULL;
  gsize lx = 0, ly = 0;
  gboolean ok = g_file_get_contents(a, &x, &lx, NULL) && g_file_get_contents(b, &y, &ly, NULL) && lx == ly &&
                memcmp(x, y, lx) == 0;
  g_free(x);
  g_free(y);
  return ok;
}

#endif
