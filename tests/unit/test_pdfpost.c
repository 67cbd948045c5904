/* pdfpost: a small tagged PDF made with cairo here, post-processed, then
 * read back with qpdf's C API and checked with qpdf --check and pdfinfo. */
#include "testutil.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <qpdf/qpdf-c.h>
#include <unistd.h>

#include "pdf/pdfpost.h"
#include "pdfua_check.h"

/* 2024-01-31 12:00:00 UTC */
#define TEST_EPOCH G_GINT64_CONSTANT(1706702400)

static const char *const ALTS[] = {"Bar chart: admissions rose 12%", "Crest of the council (ŵ £)"};
static const char *const SCOPES[] = {"Column", "Both"};

/* ---- the fixture: Document > H1, P, Figure, Table (TR > TH TH, TR > TD TD), Figure */

static cairo_status_t append_bytes(void *closure, const unsigned char *data, unsigned int len) {
  g_byte_array_append(closure, data, len);
  return CAIRO_STATUS_SUCCESS;
}

/* Every text run in its own leaf Span (CAIRO-NOTES: mixed content is dropped). */
static void leaf_text(cairo_t *cr, double x, double y, const char *text) {
  cairo_tag_begin(cr, "Span", "");
  cairo_move_to(cr, x, y);
  cairo_show_text(cr, text);
  cairo_tag_end(cr, "Span");
}

static void tagged_text(cairo_t *cr, const char *tag, double x, double y, const char *text) {
  cairo_tag_begin(cr, tag, "");
  leaf_text(cr, x, y, text);
  cairo_tag_end(cr, tag);
}

static void figure(cairo_t *cr, double x, double y, double w, double h) {
  cairo_tag_begin(cr, "Figure", "");
  cairo_rectangle(cr, x, y, w, h);
  cairo_fill(cr);
  cairo_tag_end(cr, "Figure");
}

static void table_row(cairo_t *cr, const char *cell, double y, const char *a, const char *b) {
  cairo_tag_begin(cr, "TR", "");
  tagged_text(cr, cell, 50, y, a);
  tagged_text(cr, cell, 200, y, b);
  cairo_tag_end(cr, "TR");
}

/* Outline: "Heading" (open) > "Table", and "Figures" (closed) > "Second
 * figure": three items are visible. */
static void add_outline(cairo_surface_t *s) {
  int h = cairo_pdf_surface_add_outline(s, CAIRO_PDF_OUTLINE_ROOT, "Heading", "page=1 pos=[50 30]",
                                        CAIRO_PDF_OUTLINE_FLAG_OPEN);
  cairo_pdf_surface_add_outline(s, h, "Table", "page=1 pos=[50 150]", 0);
  int f = cairo_pdf_surface_add_outline(s, CAIRO_PDF_OUTLINE_ROOT, "Figures", "page=1 pos=[50 90]", 0);
  cairo_pdf_surface_add_outline(s, f, "Second figure", "page=1 pos=[50 210]", 0);
}

static void draw_document(cairo_t *cr) {
  cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, 12);
  cairo_tag_begin(cr, "Document", "");
  tagged_text(cr, "H1", 50, 50, "Scrutiny Panel");
  tagged_text(cr, "P", 50, 75, "Admissions to care, 2012/13.");
  figure(cr, 50, 90, 80, 40);
  cairo_tag_begin(cr, "Table", "");
  table_row(cr, "TH", 160, "Quarter", "Admissions");
  table_row(cr, "TD", 180, "Q1", "42");
  cairo_tag_end(cr, "Table");
  figure(cr, 50, 210, 30, 30);
  cairo_tag_end(cr, "Document");
  /* page furniture, outside the structure: a rule and a footer line */
  cairo_rectangle(cr, 50, 800, 495, 1);
  cairo_fill(cr);
  cairo_move_to(cr, 50, 820);
  cairo_show_text(cr, "Page 1 of 1");
}

/* The fixture's bytes; title NULL leaves /Title out. */
static GBytes *make_fixture(const char *title) {
  GByteArray *buf = g_byte_array_new();
  cairo_surface_t *s = cairo_pdf_surface_create_for_stream(append_bytes, buf, 595, 842);
  if (title) cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title);
  /* Explicit dates make cairo's own output repeatable. */
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, "2020-05-01T09:30:00");
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, "2020-05-01T09:30:00");
  cairo_t *cr = cairo_create(s);
  draw_document(cr);
  add_outline(s);
  cairo_destroy(cr);
  cairo_surface_finish(s);
  assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy(s);
  return g_byte_array_free_to_bytes(buf);
}

static char *fixture_file(const char *dir, const char *name, const char *title) {
  GBytes *pdf = make_fixture(title);
  char *path = g_build_filename(dir, name, NULL);
  gsize len;
  const char *data = g_bytes_get_data(pdf, &len);
  assert_true(g_file_set_contents(path, data, (gssize)len, NULL));
  g_bytes_unref(pdf);
  return path;
}

/* The fixture's elements in the order they are begun. */
static const char *const TYPES[] = {"Document", "H1",   "Span", "P",  "Span", "Figure", "Table", "TR",   "TH",
                                    "Span",     "TH",   "Span", "TR", "TD",   "Span",   "TD",    "Span", "Figure"};
#define N_ELEMS G_N_ELEMENTS(TYPES)
static PdfElemAttrs ELEMS[N_ELEMS];

/* One entry per element; alts[k] for the k-th Figure, scopes[k] for the k-th TH. */
static const PdfElemAttrs *fixture_elems(const char *const *alts, const char *const *scopes) {
  guint figure = 0, th = 0;
  for (guint i = 0; i < N_ELEMS; i++) {
    ELEMS[i] = (PdfElemAttrs){.type = TYPES[i]};
    if (strcmp(TYPES[i], "Figure") == 0) ELEMS[i].alt = alts[figure++];
    if (strcmp(TYPES[i], "TH") == 0) ELEMS[i].scope = scopes[th++];
  }
  return ELEMS;
}

static void full_options(PdfPostOptions *o) {
  pdfpost_options_init(o);
  o->lang = "en-GB";
  o->display_doc_title = TRUE;
  o->date_epoch = TEST_EPOCH;
  o->elems = fixture_elems(ALTS, SCOPES);
  o->n_elems = N_ELEMS;
}

/* ---- reading the result back --------------------------------------------- */

typedef struct {
  GPtrArray *alts;   /* of char*, "" for a Figure without /Alt */
  GPtrArray *scopes; /* of char*, the TH /A /Scope name, "" if none */
} Found;

static char *dup_utf8(qpdf_data q, qpdf_oh s) {
  return g_strdup(qpdf_oh_is_string(q, s) ? qpdf_oh_get_utf8_value(q, s) : "");
}

static char *th_scope_of(qpdf_data q, qpdf_oh elem) {
  qpdf_oh a = qpdf_oh_get_key(q, elem, "/A");
  qpdf_oh scope = qpdf_oh_get_key_if_dict(q, a, "/Scope");
  return g_strdup(qpdf_oh_is_name(q, scope) ? qpdf_oh_get_name(q, scope) : "");
}

static void collect(qpdf_data q, qpdf_oh node, Found *f) {
  if (qpdf_oh_is_array(q, node)) {
    for (int i = 0; i < qpdf_oh_get_array_n_items(q, node); i++)
      collect(q, qpdf_oh_get_array_item(q, node, i), f);
    return;
  }
  if (!qpdf_oh_is_dictionary(q, node) || !qpdf_oh_has_key(q, node, "/S")) return;
  qpdf_oh type = qpdf_oh_get_key(q, node, "/S");
  if (qpdf_oh_is_name_and_equals(q, type, "/Figure"))
    g_ptr_array_add(f->alts, dup_utf8(q, qpdf_oh_get_key(q, node, "/Alt")));
  else if (qpdf_oh_is_name_and_equals(q, type, "/TH"))
    g_ptr_array_add(f->scopes, th_scope_of(q, node));
  collect(q, qpdf_oh_get_key(q, node, "/K"), f);
}

static qpdf_data open_pdf(const char *path) {
  qpdf_data q = qpdf_init();
  qpdf_silence_errors(q);
  assert_int_equal(qpdf_read(q, path, NULL), QPDF_SUCCESS);
  return q;
}

static char *info_string(qpdf_data q, const char *key) {
  const char *v = qpdf_get_info_key(q, key);
  return g_strdup(v ? v : "");
}

/* ---- running the tools ----------------------------------------------------- */

static char *run_tool(const char *const *argv) {
  char *out = NULL, *err = NULL;
  int status = 0;
  GError *error = NULL;
  gboolean spawned = g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                                  &status, &error);
  if (!spawned || !g_spawn_check_wait_status(status, NULL))
    fail_msg("%s failed: %s%s", argv[0], error ? error->message : "", err ? err : "");
  g_free(err);
  return out;
}

/* pdffonts' lines with the trailing "object ID" columns cut off, in place. */
static char *strip_object_ids(char *listing) {
  GRegex *re = g_regex_new(" +[0-9]+ +[0-9]+$", G_REGEX_MULTILINE, 0, NULL);
  char *stripped = g_regex_replace_literal(re, listing, -1, 0, "", 0, NULL);
  g_regex_unref(re);
  g_strlcpy(listing, stripped, strlen(listing) + 1);
  g_free(stripped);
  return listing;
}

/* The raw (still compressed) bytes of the first font's embedded file on page 1. */
static GBytes *font_file_bytes(const char *path) {
  qpdf_data q = open_pdf(path);
  qpdf_oh fonts = qpdf_oh_get_key(q, qpdf_oh_get_key(q, qpdf_get_page_n(q, 0), "/Resources"), "/Font");
  qpdf_oh_begin_dict_key_iter(q, fonts);
  assert_true(qpdf_oh_dict_more_keys(q));
  qpdf_oh font = qpdf_oh_get_key(q, fonts, qpdf_oh_dict_next_key(q));
  qpdf_oh file = qpdf_oh_get_key(q, qpdf_oh_get_key(q, font, "/FontDescriptor"), "/FontFile2");
  assert_true(qpdf_oh_is_stream(q, file));
  unsigned char *buf = NULL;
  size_t len = 0;
  assert_int_equal(qpdf_oh_get_stream_data(q, file, qpdf_dl_none, NULL, &buf, &len), QPDF_SUCCESS);
  GBytes *bytes = g_bytes_new(buf, len);
  free(buf);
  qpdf_cleanup(&q);
  return bytes;
}

/* ---- tests -------------------------------------------------------------------- */

static void test_apply_adds_everything(void **state) {
  (void)state;
  char *dir = test_scratch_dir("pdfpost");
  char *in = fixture_file(dir, "in.pdf", "Scrutiny Panel, 12 September 2013");
  char *out = g_build_filename(dir, "out.pdf", NULL);
  PdfPostOptions o;
  full_options(&o);
  GError *error = NULL;
  assert_true(pdfpost_apply(in, out, &o, &error));
  assert_null(error);

  qpdf_data q = open_pdf(out);
  qpdf_oh root = qpdf_get_root(q);
  assert_string_equal(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, root, "/Lang")), "en-GB");
  qpdf_oh prefs = qpdf_oh_get_key(q, root, "/ViewerPreferences");
  assert_true(qpdf_oh_get_bool_value(q, qpdf_oh_get_key(q, prefs, "/DisplayDocTitle")));
  qpdf_oh mark = qpdf_oh_get_key(q, root, "/MarkInfo");
  assert_true(qpdf_oh_get_bool_value(q, qpdf_oh_get_key(q, mark, "/Marked")));

  char *created = info_string(q, "/CreationDate"), *modified = info_string(q, "/ModDate");
  assert_string_equal(created, "D:20240131120000+00'00'");
  assert_string_equal(modified, "D:20240131120000+00'00'");

  /* Heading (open) + its child + Figures (closed): 3 visible. */
  qpdf_oh outlines = qpdf_oh_get_key(q, root, "/Outlines");
  assert_int_equal(qpdf_oh_get_int_value(q, qpdf_oh_get_key(q, outlines, "/Count")), 3);

  Found f = {g_ptr_array_new_with_free_func(g_free), g_ptr_array_new_with_free_func(g_free)};
  collect(q, qpdf_oh_get_key(q, qpdf_oh_get_key(q, root, "/StructTreeRoot"), "/K"), &f);
  assert_int_equal(f.alts->len, 2);
  assert_string_equal(g_ptr_array_index(f.alts, 0), ALTS[0]);
  assert_string_equal(g_ptr_array_index(f.alts, 1), ALTS[1]);
  assert_int_equal(f.scopes->len, 2);
  assert_string_equal(g_ptr_array_index(f.scopes, 0), "/Column");
  assert_string_equal(g_ptr_array_index(f.scopes, 1), "/Both");
  assert_false(qpdf_has_error(q));

  g_ptr_array_unref(f.alts);
  g_ptr_array_unref(f.scopes);
  g_free(created);
  g_free(modified);
  qpdf_cleanup(&q);
  g_free(in);
  g_free(out);
  g_free(dir);
}

/* How often `needle` occurs in binary `data`. */
static guint count_in(const char *data, gsize n, const char *needle) {
  gsize k = strlen(needle);
  guint count = 0;
  for (gsize i = 0; i + k <= n; i++) count += memcmp(data + i, needle, k) == 0;
  return count;
}

/* With PDF/UA asked for, the result passes the project's PDF/UA checks:
 * the footer is a Footer artifact, the rule a Layout one. */
static void test_pdfua(void **state) {
  (void)state;
  char *dir = test_scratch_dir("pdfpost");
  char *in = fixture_file(dir, "ua-in.pdf", "Scrutiny Panel");
  char *out = g_build_filename(dir, "ua-out.pdf", NULL);
  char *before = pdfua_problems(in);
  assert_non_null(strstr(before, "neither tagged nor an Artifact"));
  assert_non_null(strstr(before, "no XMP"));
  PdfPostOptions o;
  full_options(&o);
  static const PdfArtifactBand footer[] = {{0, 30, PDF_ARTIFACT_FOOTER}};
  static const PdfPageBands pages[] = {{footer, 1}};
  o.pdfua = TRUE, o.pages = pages, o.n_pages = 1, o.page_labels = TRUE;
  o.title = "Scrutiny Panel", o.creator_tool = "test";
  GError *error = NULL;
  assert_true(pdfpost_apply(in, out, &o, &error));
  char *problems = pdfua_problems(out);
  if (*problems) fprintf(stderr, "%s", problems);
  assert_string_equal(problems, "");
  g_free(run_tool((const char *const[]){"qpdf", "--check", out, NULL}));
  char *qdf = run_tool((const char *const[]){"qpdf", "--qdf", "--object-streams=disable", out, "-", NULL});
  assert_non_null(strstr(qdf, "/Artifact << /Type /Pagination /Subtype /Footer >> BDC\n(Page 1 of 1)Tj"));
  assert_non_null(strstr(qdf, "/Artifact << /Type /Layout >> BDC"));
  /* the file is written again, not appended to: one xref, and the page's
   * old content stream is gone (it held the footer unmarked) */
  char *bytes = NULL;
  gsize n = 0;
  assert_true(g_file_get_contents(out, &bytes, &n, NULL));
  assert_int_equal(count_in(bytes, n, "\nxref\n"), 1);
  assert_int_equal(count_in(bytes, n, "startxref"), 1);
  g_free(bytes);
  /* a second page count than the PDF has is a bug upstream */
  o.n_pages = 2;
  assert_false(pdfpost_apply(in, out, &o, &error));
  assert_int_equal(error->code, PDFPOST_ERROR_MISMATCH);
  g_error_free(error);
  g_free(qdf), g_free(problems), g_free(before), g_free(in), g_free(out), g_free(dir);
}

static void test_tools_accept_output(void **state) {
  (void)state;
  char *dir = test_scratch_dir("pdfpost");
  char *in = fixture_file(dir, "tools-in.pdf", "Scrutiny Panel");
  char *out = g_build_filename(dir, "tools-out.pdf", NULL);
  PdfPostOptions o;
  full_options(&o);
  assert_true(pdfpost_apply(in, out, &o, NULL));

  g_free(run_tool((const char *const[]){"qpdf", "--check", out, NULL}));
  char *info = run_tool((const char *const[]){"pdfinfo", out, NULL});
  assert_true(g_regex_match_simple("^Tagged: +yes$", info, G_REGEX_MULTILINE, 0));
  char *tree = run_tool((const char *const[]){"pdfinfo", "-struct-text", out, NULL});
  assert_non_null(strstr(tree, "Figure"));
  assert_non_null(strstr(tree, "TH"));
  assert_non_null(strstr(tree, "\"Admissions\""));

  /* Fonts and text come through unchanged (qpdf renumbers objects, so
   * pdffonts' object-ID column is left out). */
  char *fonts_in = run_tool((const char *const[]){"pdffonts", in, NULL});
  char *fonts_out = run_tool((const char *const[]){"pdffonts", out, NULL});
  assert_string_equal(strip_object_ids(fonts_in), strip_object_ids(fonts_out));
  GBytes *font_in = font_file_bytes(in), *font_out = font_file_bytes(out);
  assert_true(g_bytes_get_size(font_in) > 1000);
  assert_true(g_bytes_equal(font_in, font_out));
  g_bytes_unref(font_in);
  g_bytes_unref(font_out);
  char *text_in = run_tool((const char *const[]){"pdftotext", in, "-", NULL});
  char *text_out = run_tool((const char *const[]){"pdftotext", out, "-", NULL});
  assert_string_equal(text_in, text_out);

  g_free(info);
  g_free(tree);
  g_free(fonts_in);
  g_free(fonts_out);
  g_free(text_in);
  g_free(text_out);
  g_free(in);
  g_free(out);
  g_free(dir);
}

static GBytes *file_bytes(const char *path) {
  char *data;
  gsize len;
  assert_true(g_file_get_contents(path, &data, &len, NULL));
  return g_bytes_new_take(data, len);
}

static gboolean array_sink(gpointer closure, const char *data, gsize len) {
  g_byte_array_append(closure, (const guint8 *)data, (guint)len);
  return TRUE;
}

static gboolean failing_sink(gpointer closure, const char *data, gsize len) {
  (void)closure, (void)data, (void)len;
  return FALSE;
}

/* Two runs, the in-memory variant and the streamed one give the same bytes. */
static void test_deterministic(void **state) {
  (void)state;
  char *dir = test_scratch_dir("pdfpost");
  char *in = fixture_file(dir, "det-in.pdf", "Scrutiny Panel");
  char *out1 = g_build_filename(dir, "det-1.pdf", NULL);
  char *out2 = g_build_filename(dir, "det-2.pdf", NULL);
  PdfPostOptions o;
  full_options(&o);
  assert_true(pdfpost_apply(in, out1, &o, NULL));
  assert_true(pdfpost_apply(in, out2, &o, NULL));
  GBytes *b1 = file_bytes(out1), *b2 = file_bytes(out2);
  assert_true(g_bytes_equal(b1, b2));

  GBytes *src = make_fixture("Scrutiny Panel");
  gsize len;
  const guint8 *data = g_bytes_get_data(src, &len);
  GError *error = NULL;
  GBytes *mem = pdfpost_apply_bytes(data, len, &o, &error);
  assert_non_null(mem);
  assert_true(g_bytes_equal(b1, mem));

  /* streamed in small pieces, the same bytes; a writer that fails fails the call */
  GByteArray *nul = g_byte_array_new();
  g_byte_array_append(nul, data, (guint)len);
  g_byte_array_append(nul, (const guint8 *)"", 1);
  GByteArray *streamed = g_byte_array_new();
  assert_true(pdfpost_apply_to((const char *)nul->data, len, &o, array_sink, streamed, NULL));
  assert_int_equal(streamed->len, g_bytes_get_size(b1));
  assert_memory_equal(streamed->data, g_bytes_get_data(b1, NULL), streamed->len);
  assert_false(pdfpost_apply_to((const char *)nul->data, len, &o, failing_sink, NULL, &error));
  assert_non_null(error);
  g_clear_error(&error);
  g_byte_array_unref(streamed);
  g_byte_array_unref(nul);

  g_bytes_unref(b1);
  g_bytes_unref(b2);
  g_bytes_unref(src);
  g_bytes_unref(mem);
  g_free(in);
  g_free(out1);
  g_free(out2);
  g_free(dir);
}

/* ---- the input read a piece at a time ------------------------------------------ */

/* A PDF of `pages` pages, each an image of noise (which deflate cannot
 * shrink: about 270 KB a page) and a rule to be marked as an artifact. */
static GBytes *make_noise_pdf(int pages) {
  GByteArray *buf = g_byte_array_new();
  cairo_surface_t *s = cairo_pdf_surface_create_for_stream(append_bytes, buf, 595, 842);
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, "2020-05-01T09:30:00");
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, "2020-05-01T09:30:00");
  cairo_t *cr = cairo_create(s);
  GRand *rand = g_rand_new_with_seed(20);
  for (int page = 0; page < pages; page++) {
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 300, 300);
    guint32 *px = (guint32 *)cairo_image_surface_get_data(img);
    for (int i = 0; i < 300 * 300; i++) px[i] = g_rand_int(rand) & 0xffffff;
    cairo_surface_mark_dirty(img);
    cairo_set_source_surface(cr, img, 50, 50);
    cairo_paint(cr);
    cairo_surface_destroy(img);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_rectangle(cr, 50, 800, 495, 1);
    cairo_fill(cr);
    cairo_show_page(cr);
  }
  g_rand_free(rand);
  cairo_destroy(cr);
  cairo_surface_finish(s);
  assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy(s);
  return g_byte_array_free_to_bytes(buf);
}

/* How much of the file at `path` this process holds mapped in memory
 * (the Rss of its mappings in /proc/self/smaps), in bytes. */
static gsize mapped_rss(const char *path) {
  char *smaps = NULL;
  gsize len = 0;
  assert_true(g_file_get_contents("/proc/self/smaps", &smaps, &len, NULL));
  gsize total = 0, plen = strlen(path);
  gboolean in_file = FALSE;
  /* line by line with memchr: g_strsplit's strstr is quadratic under ASan */
  for (const char *l = smaps, *end = smaps + len; l < end;) {
    const char *nl = memchr(l, '\n', (size_t)(end - l));
    gsize n = nl ? (gsize)(nl - l) : (gsize)(end - l);
    const char *dash = memchr(l, '-', n), *space = memchr(l, ' ', n);
    if (g_ascii_isxdigit(*l) && dash && space && dash < space) /* a mapping's first line ends with its file */
      in_file = n >= plen && memcmp(l + n - plen, path, plen) == 0;
    else if (in_file && n > 4 && memcmp(l, "Rss:", 4) == 0)
      total += (gsize)g_ascii_strtoull(l + 4, NULL, 10) * 1024;
    l += n + 1;
  }
  g_free(smaps);
  return total;
}

typedef struct {
  GByteArray *out;
  const char *path;
  gsize most; /* the most of the input held mapped while writing */
} Watched;

static gboolean watched_sink(gpointer closure, const char *data, gsize len) {
  Watched *w = closure;
  g_byte_array_append(w->out, (const guint8 *)data, (guint)len);
  w->most = MAX(w->most, mapped_rss(w->path));
  return TRUE;
}

/* pdfpost_apply_fd gives the same bytes as pdfpost_apply_to, and never
 * holds the whole input: of a 13 MB file, a few megabytes at most are
 * mapped in memory at any time (all of it, were it mapped and read as
 * one). */
static void test_fd_input_read_in_pieces(void **state) {
  (void)state;
  GBytes *pdf = make_noise_pdf(48);
  gsize len;
  const guint8 *data = g_bytes_get_data(pdf, &len);
  assert_true(len > 12 * 1024 * 1024);
  char *dir = test_scratch_dir("pdfpost");
  char *path = g_build_filename(dir, "noise.pdf", NULL);
  GByteArray *nul = g_byte_array_new();
  g_byte_array_append(nul, data, (guint)len);
  g_byte_array_append(nul, (const guint8 *)"", 1);
  assert_true(g_file_set_contents(path, (const char *)nul->data, (gssize)nul->len, NULL));
  PdfPostOptions o;
  pdfpost_options_init(&o);
  o.pdfua = TRUE, o.date_epoch = TEST_EPOCH;

  GByteArray *whole = g_byte_array_new();
  assert_true(pdfpost_apply_to((const char *)nul->data, len, &o, array_sink, whole, NULL));
  int fd = open(path, O_RDONLY);
  assert_true(fd >= 0);
  Watched w = {.out = g_byte_array_new(), .path = path};
  GError *error = NULL;
  assert_true(pdfpost_apply_fd(fd, len, &o, watched_sink, &w, &error));
  close(fd);
  assert_int_equal(w.out->len, whole->len);
  assert_memory_equal(w.out->data, whole->data, whole->len);
  assert_true(w.most > 0); /* the measure sees the mapping */
  assert_true(w.most <= 6u * 1024 * 1024); /* the kernel maps 2 MB at a time */

  g_byte_array_unref(w.out);
  g_byte_array_unref(whole);
  g_byte_array_unref(nul);
  g_bytes_unref(pdf);
  g_free(path);
  g_free(dir);
}

/* ---- page contents made on threads --------------------------------------------- */

/* A PDF of `pages` pages, each a rule and a box: its only streams are
 * the pages' contents. */
static GBytes *make_rules_pdf(int pages) {
  GByteArray *buf = g_byte_array_new();
  cairo_surface_t *s = cairo_pdf_surface_create_for_stream(append_bytes, buf, 595, 842);
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, "2020-05-01T09:30:00");
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, "2020-05-01T09:30:00");
  cairo_t *cr = cairo_create(s);
  for (int page = 0; page < pages; page++) {
    cairo_rectangle(cr, 50, 800, 495, 1);
    cairo_rectangle(cr, 60 + page, 100, 100, 50 + page);
    cairo_fill(cr);
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_finish(s);
  assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy(s);
  return g_byte_array_free_to_bytes(buf);
}

static GByteArray *applied(const GByteArray *nul, const PdfPostOptions *o, GError **error) {
  GByteArray *out = g_byte_array_new();
  if (pdfpost_apply_to((const char *)nul->data, nul->len - 1, o, array_sink, out, error)) return out;
  g_byte_array_unref(out);
  return NULL;
}

/* The same bytes whether the writer makes the pages' contents alone or
 * with helpers (more pages than they may run ahead); a page whose content
 * cannot be read fails the call with the reason, with helpers as without. */
static void test_threads_same_bytes(void **state) {
  (void)state;
  GBytes *pdf = make_rules_pdf(40);
  GByteArray *nul = g_byte_array_new();
  g_byte_array_append(nul, g_bytes_get_data(pdf, NULL), (guint)g_bytes_get_size(pdf));
  g_byte_array_append(nul, (const guint8 *)"", 1);
  PdfPostOptions o;
  pdfpost_options_init(&o);
  o.pdfua = TRUE, o.date_epoch = TEST_EPOCH;
  GByteArray *alone = applied(nul, &o, NULL);
  assert_non_null(alone);
  /* every page's content made anew (as the post-pass writes a stream) */
  assert_int_equal(count_in((const char *)alone->data, alone->len, "/Filter /FlateDecode >>\nstream"), 40);
  for (guint threads = 2; threads <= 4; threads++) {
    o.threads = threads;
    GByteArray *with = applied(nul, &o, NULL);
    assert_non_null(with);
    assert_int_equal(with->len, alone->len);
    assert_memory_equal(with->data, alone->data, alone->len);
    g_byte_array_unref(with);
  }
  /* the 30th page's content damaged: its deflated bytes start with junk
   * (found byte by byte, not by a string search: deflated bytes hold NULs) */
  char *data = (char *)nul->data, *at = NULL;
  for (guint i = 0, k = 0; !at && i + 8 < nul->len; i++)
    if (memcmp(data + i, "\nstream\n", 8) == 0 && ++k == 30) at = data + i + 8;
  assert_non_null(at);
  memcpy(at, "\xff\xff\xff\xff", 4);
  for (guint threads = 1; threads <= 3; threads += 2) {
    o.threads = threads;
    GError *error = NULL;
    assert_null(applied(nul, &o, &error));
    assert_non_null(error);
    assert_non_null(strstr(error->message, "reading the PDF"));
    g_error_free(error);
  }
  g_byte_array_unref(alone);
  g_byte_array_unref(nul);
  g_bytes_unref(pdf);
}

/* The provenance written into the XMP reads back as written, the path
 * with characters XML escapes ("&", "<") intact, in order; a PDF
 * without it is an error, not an empty list. */
static void test_provenance_round_trip(void **state) {
  (void)state;
  PdfPostOptions o;
  full_options(&o);
  Provenance *p = provenance_new(".");
  provenance_add_recorded(p, "", "spec", "../reports/a&b <1>.xml", "00ff");
  provenance_add_recorded(p, "4", "data", "data.csv", "abcd");
  o.provenance = p;
  o.version = "9.8.7";
  GBytes *src = make_fixture("Scrutiny Panel");
  gsize len;
  const guint8 *data = g_bytes_get_data(src, &len);
  GBytes *mem = pdfpost_apply_bytes(data, len, &o, NULL);
  assert_non_null(mem);
  char *version = NULL;
  GError *error = NULL;
  gsize n;
  const guint8 *bytes = g_bytes_get_data(mem, &n);
  Provenance *back = pdfpost_provenance_read(bytes, n, &version, &error);
  if (!back) fail_msg("%s", error->message);
  assert_string_equal(version, "9.8.7");
  assert_int_equal(back->inputs->len, 2);
  const ProvenanceInput *a = g_ptr_array_index(back->inputs, 0), *b = g_ptr_array_index(back->inputs, 1);
  assert_string_equal(a->path, "../reports/a&b <1>.xml");
  assert_string_equal(a->role, "spec");
  assert_string_equal(a->item, "");
  assert_string_equal(a->sha256, "00ff");
  assert_string_equal(b->item, "4");
  assert_string_equal(b->path, "data.csv");
  provenance_free(back);
  g_free(version);
  assert_null(pdfpost_provenance_read(data, len, NULL, &error)); /* cairo's own PDF: no XMP */
  assert_non_null(error);
  g_clear_error(&error);
  provenance_free(p);
  g_bytes_unref(mem);
  g_bytes_unref(src);
}

/* Failing option sets; each must leave no output file. */
static void expect_failure(const PdfPostOptions *o, const char *title, int code, const char *needle) {
  char *dir = test_scratch_dir("pdfpost");
  char *in = fixture_file(dir, "bad-in.pdf", title);
  char *out = g_build_filename(dir, "bad-out.pdf", NULL);
  g_unlink(out);
  GError *error = NULL;
  assert_false(pdfpost_apply(in, out, o, &error));
  assert_non_null(error);
  assert_true(error->domain == PDFPOST_ERROR);
  assert_int_equal(error->code, code);
  if (!strstr(error->message, needle)) fail_msg("\"%s\" lacks \"%s\"", error->message, needle);
  assert_false(g_file_test(out, G_FILE_TEST_EXISTS));
  g_error_free(error);
  g_free(in);
  g_free(out);
  g_free(dir);
}

static void test_element_count_mismatch(void **state) {
  (void)state;
  PdfPostOptions o;
  full_options(&o);
  o.n_elems = N_ELEMS - 1;
  expect_failure(&o, "T", PDFPOST_ERROR_MISMATCH, "18 elements but 17 were begun");
  static PdfElemAttrs more[N_ELEMS + 1];
  memcpy(more, fixture_elems(ALTS, SCOPES), sizeof ELEMS);
  more[N_ELEMS] = (PdfElemAttrs){.type = "P"};
  o.elems = more;
  o.n_elems = N_ELEMS + 1;
  expect_failure(&o, "T", PDFPOST_ERROR_MISMATCH, "18 elements but 19 were begun");
}

/* An element of another type than was begun is a bug upstream: refused. */
static void test_element_type_mismatch(void **state) {
  (void)state;
  PdfPostOptions o;
  full_options(&o);
  ELEMS[5].type = "P"; /* the first Figure */
  expect_failure(&o, "T", PDFPOST_ERROR_MISMATCH, "structure element 6 is /Figure, but P was begun there");
}

static void test_bad_options(void **state) {
  (void)state;
  PdfPostOptions o;
  full_options(&o);
  static const char *const bad_scope[] = {"Column", "Colgroup"};
  o.elems = fixture_elems(ALTS, bad_scope);
  expect_failure(&o, "T", PDFPOST_ERROR_OPTIONS, "Colgroup");
  full_options(&o);
  ELEMS[8].id = "a b";
  expect_failure(&o, "T", PDFPOST_ERROR_OPTIONS, "ID is not a word");
  full_options(&o);
  o.lang = "en GB";
  expect_failure(&o, "T", PDFPOST_ERROR_OPTIONS, "en GB");
  full_options(&o);
  ELEMS[8].lang = "cy) /Alt (x";
  expect_failure(&o, "T", PDFPOST_ERROR_OPTIONS, "its language is not a language tag");
  ELEMS[8].lang = NULL;
  full_options(&o);
  expect_failure(&o, NULL, PDFPOST_ERROR_TITLE, "no /Title");
}

/* NULL entries count but leave their element alone; negative date_epoch
 * leaves cairo's dates. */
static void test_null_entries_and_dates_kept(void **state) {
  (void)state;
  char *dir = test_scratch_dir("pdfpost");
  char *in = fixture_file(dir, "keep-in.pdf", NULL);
  char *out = g_build_filename(dir, "keep-out.pdf", NULL);
  static const char *const alts[] = {NULL, "Second"};
  static const char *const scopes[] = {"Both", NULL};
  PdfPostOptions o;
  pdfpost_options_init(&o);
  o.elems = fixture_elems(alts, scopes);
  o.n_elems = N_ELEMS;
  GError *error = NULL;
  assert_true(pdfpost_apply(in, out, &o, &error));

  qpdf_data q = open_pdf(out);
  qpdf_oh root = qpdf_get_root(q);
  assert_false(qpdf_oh_has_key(q, root, "/Lang"));
  assert_false(qpdf_oh_has_key(q, root, "/ViewerPreferences"));
  char *created = info_string(q, "/CreationDate");
  assert_string_equal(created, "20200501093000"); /* cairo's own, untouched */
  Found f = {g_ptr_array_new_with_free_func(g_free), g_ptr_array_new_with_free_func(g_free)};
  collect(q, qpdf_oh_get_key(q, qpdf_oh_get_key(q, root, "/StructTreeRoot"), "/K"), &f);
  assert_string_equal(g_ptr_array_index(f.alts, 0), "");
  assert_string_equal(g_ptr_array_index(f.alts, 1), "Second");
  assert_string_equal(g_ptr_array_index(f.scopes, 0), "/Both");
  assert_string_equal(g_ptr_array_index(f.scopes, 1), "");
  g_ptr_array_unref(f.alts);
  g_ptr_array_unref(f.scopes);
  g_free(created);
  qpdf_cleanup(&q);
  g_free(in);
  g_free(out);
  g_free(dir);
}

/* A damaged file fails with qpdf's message in the GError and nothing on
 * stderr: qpdf must not print behind the CLI's back. */
static void test_garbage_is_quiet_error(void **state) {
  (void)state;
  char *dir = test_scratch_dir("pdfpost");
  char *in = test_write_file(dir, "garbage.pdf", "%PDF-1.5\nnot really a PDF\n%%EOF\n");
  char *out = g_build_filename(dir, "garbage-out.pdf", NULL);
  char *err_path = g_build_filename(dir, "stderr.txt", NULL);
  PdfPostOptions o;
  pdfpost_options_init(&o);

  fflush(stderr);
  int saved = dup(2);
  int fd = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  dup2(fd, 2);
  close(fd);
  GError *error = NULL;
  gboolean ok = pdfpost_apply(in, out, &o, &error);
  fflush(stderr);
  dup2(saved, 2);
  close(saved);

  assert_false(ok);
  assert_int_equal(error->code, PDFPOST_ERROR_READ);
  assert_non_null(strstr(error->message, "reading the PDF"));
  assert_false(g_file_test(out, G_FILE_TEST_EXISTS));
  char *printed = NULL;
  assert_true(g_file_get_contents(err_path, &printed, NULL, NULL));
  assert_string_equal(printed, "");

  static const guint8 junk[] = "junk";
  GBytes *mem = pdfpost_apply_bytes(junk, sizeof junk - 1, &o, NULL);
  assert_null(mem);

  g_free(printed);
  g_error_free(error);
  g_free(err_path);
  g_free(in);
  g_free(out);
  g_free(dir);
}

static void test_same_path_refused(void **state) {
  (void)state;
  char *dir = test_scratch_dir("pdfpost");
  char *in = fixture_file(dir, "same.pdf", "T");
  char *alias = g_build_filename(dir, ".", "same.pdf", NULL);
  PdfPostOptions o;
  full_options(&o);
  GError *error = NULL;
  assert_false(pdfpost_apply(in, alias, &o, &error));
  assert_int_equal(error->code, PDFPOST_ERROR_OPTIONS);
  assert_true(g_file_test(in, G_FILE_TEST_EXISTS));
  g_error_free(error);
  g_free(alias);
  g_free(in);
  g_free(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_apply_adds_everything),
      cmocka_unit_test(test_tools_accept_output),
      cmocka_unit_test(test_pdfua),
      cmocka_unit_test(test_deterministic),
      cmocka_unit_test(test_fd_input_read_in_pieces),
      cmocka_unit_test(test_threads_same_bytes),
      cmocka_unit_test(test_provenance_round_trip),
      cmocka_unit_test(test_element_count_mismatch),
      cmocka_unit_test(test_element_type_mismatch),
      cmocka_unit_test(test_bad_options),
      cmocka_unit_test(test_null_entries_and_dates_kept),
      cmocka_unit_test(test_garbage_is_quiet_error),
      cmocka_unit_test(test_same_path_refused),
  };
  int failed = cmocka_run_group_tests_name("pdfpost", tests, NULL, NULL);
  /* Drop cairo's and fontconfig's caches so LeakSanitizer sees only ours. */
  cairo_debug_reset_static_data();
  FcFini();
  return failed;
}
