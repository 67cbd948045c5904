/* pdfmerge: parts drawn with cairo here (each its own surface, the open
 * structure tags closed at the end of one and begun again at the start of
 * the next, as render does), joined, then read back with qpdf's C API and
 * checked: pages, the joined structure tree, ParentTree against pages and
 * annotations, named destinations, the outline; the post-pass and the
 * PDF/UA checks on the result; and the errors. */
#include "testutil.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <qpdf/qpdf-c.h>

#include "pdf/pdfmerge.h"
#include "pdf/pdfobj.h"
#include "pdf/pdfpost.h"
#include "pdfua_check.h"

/* ---- parts ------------------------------------------------------------------ */

static cairo_status_t append_bytes(void *closure, const unsigned char *data, unsigned int len) {
  g_byte_array_append(closure, data, len);
  return CAIRO_STATUS_SUCCESS;
}

typedef void (*Draw)(cairo_t *cr);

/* A part's bytes, one NUL after them (not counted in len). */
typedef struct {
  GByteArray *buf;
  PdfMergePart part;
} Part;

static Part make_part(Draw draw, guint continues, const char *title) {
  GByteArray *buf = g_byte_array_new();
  cairo_surface_t *s = cairo_pdf_surface_create_for_stream(append_bytes, buf, 595, 842);
  if (title) cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, "2020-05-01T09:30:00");
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, "2020-05-01T09:30:00");
  cairo_t *cr = cairo_create(s);
  cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, 12);
  draw(cr);
  cairo_destroy(cr);
  cairo_surface_finish(s);
  assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy(s);
  guint len = buf->len;
  g_byte_array_append(buf, (const guint8 *)"", 1);
  return (Part){buf, {(const char *)buf->data, len, continues, FALSE}};
}

static void text(cairo_t *cr, double y, const char *s) {
  cairo_move_to(cr, 50, y);
  cairo_show_text(cr, s);
}

static void tagged(cairo_t *cr, const char *tag, const char *attrs, double y, const char *s) {
  cairo_tag_begin(cr, tag, attrs);
  text(cr, y, s);
  cairo_tag_end(cr, tag);
}

/* Two parts: Document > H1 (dest "intro"), Link (to "second", in part 2),
 * P begun here and continued there, then in part 2, on its second page,
 * P (dest "second"), Link back to "intro". */
static void draw_a1(cairo_t *cr) {
  cairo_tag_begin(cr, "Document", "");
  cairo_tag_begin(cr, "H1", "");
  cairo_tag_begin(cr, CAIRO_TAG_DEST, "name='intro'");
  text(cr, 50, "Scrutiny Panel");
  cairo_tag_end(cr, CAIRO_TAG_DEST);
  cairo_tag_end(cr, "H1");
  tagged(cr, CAIRO_TAG_LINK, "dest='second'", 80, "See the second part");
  cairo_tag_begin(cr, "P", "");
  text(cr, 110, "The first half of a paragraph");
  cairo_tag_end(cr, "P"); /* the part ends: its open tags closed */
  cairo_tag_end(cr, "Document");
}

static void draw_a2(cairo_t *cr) {
  cairo_tag_begin(cr, "Document", ""); /* begun again: continues */
  cairo_tag_begin(cr, "P", "");
  text(cr, 50, "and its second half.");
  cairo_tag_end(cr, "P");
  cairo_show_page(cr);
  cairo_tag_begin(cr, "P", "");
  cairo_tag_begin(cr, CAIRO_TAG_DEST, "name='second'");
  text(cr, 50, "The second part");
  cairo_tag_end(cr, CAIRO_TAG_DEST);
  cairo_tag_end(cr, "P");
  tagged(cr, CAIRO_TAG_LINK, "dest='intro'", 80, "Back to the start");
  cairo_tag_end(cr, "Document");
}

static const char *const A_TYPES[] = {"Document", "H1", "Link", "P", "P", "Link"};

/* Three parts: Document > Sect > P through all three (continues 3, then 2). */
static void draw_b1(cairo_t *cr) {
  cairo_tag_begin(cr, "Document", "");
  cairo_tag_begin(cr, "Sect", "");
  cairo_tag_begin(cr, "P", "");
  text(cr, 50, "One");
  cairo_tag_end(cr, "P");
  cairo_tag_end(cr, "Sect");
  cairo_tag_end(cr, "Document");
}

static void draw_b2(cairo_t *cr) {
  cairo_tag_begin(cr, "Document", "");
  cairo_tag_begin(cr, "Sect", "");
  tagged(cr, "P", "", 50, "two"); /* the end of P */
  tagged(cr, "P", "", 80, "Three");
  cairo_tag_end(cr, "Sect");
  cairo_tag_end(cr, "Document");
}

static void draw_b3(cairo_t *cr) {
  cairo_tag_begin(cr, "Document", "");
  cairo_tag_begin(cr, "Sect", "");
  tagged(cr, "P", "", 50, "Four");
  cairo_tag_end(cr, "Sect");
  tagged(cr, "P", "", 80, "After");
  cairo_tag_end(cr, "Document");
}

static void parts_free(Part *parts, guint n) {
  for (guint i = 0; i < n; i++) g_byte_array_free(parts[i].buf, TRUE);
}

static gboolean append_out(gpointer closure, const char *data, gsize len) {
  g_byte_array_append(closure, (const guint8 *)data, (guint)len);
  return TRUE;
}

static GByteArray *join(const Part *parts, guint n, const PdfMergeOutline *outline, guint n_outline) {
  PdfMergePart in[4];
  for (guint i = 0; i < n; i++) in[i] = parts[i].part;
  GByteArray *out = g_byte_array_new();
  GError *error = NULL;
  gboolean ok = pdfmerge_write(in, n, outline, n_outline, append_out, out, &error);
  if (!ok) fail_msg("pdfmerge_write: %s", error->message);
  return out;
}

/* ---- reading back -------------------------------------------------------------- */

static qpdf_data read_pdf(const GByteArray *pdf) {
  qpdf_data q = qpdf_init();
  qpdf_silence_errors(q);
  assert_int_equal(qpdf_read_memory(q, "joined", (const char *)pdf->data, pdf->len, NULL), QPDF_SUCCESS);
  return q;
}

static char *write_tmp(const GByteArray *pdf, const char *name) {
  char *dir = test_scratch_dir("pdfmerge");
  char *path = g_build_filename(dir, name, NULL);
  assert_true(g_file_set_contents(path, (const char *)pdf->data, pdf->len, NULL));
  g_free(dir);
  return path;
}

/* qpdf --check passes with no warnings (qpdf exits 3 on warnings). */
static void qpdf_check(const char *path) {
  char *out = NULL, *err = NULL;
  int status = 0;
  const char *argv[] = {"qpdf", "--check", path, NULL};
  assert_true(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, NULL));
  if (!g_spawn_check_wait_status(status, NULL) || strstr(out, "WARNING") || *err)
    fail_msg("qpdf --check %s:\n%s%s", path, out, err);
  g_free(out), g_free(err);
}

/* The catalog's /k1 /k2 … (NULL-terminated). */
static qpdf_oh root_path(qpdf_data q, const char *key, ...) {
  qpdf_oh h = qpdf_get_root(q);
  va_list ap;
  va_start(ap, key);
  for (const char *k = key; k; k = va_arg(ap, const char *)) h = qpdf_oh_get_key(q, h, k);
  va_end(ap);
  return h;
}

static int oid(qpdf_data q, qpdf_oh h) { return qpdf_oh_get_object_id(q, h); }

static gboolean type_is(qpdf_data q, qpdf_oh elem, const char *type) {
  return qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, elem, "/S"), type);
}

/* The ParentTree's value for `key`, or null. */
static qpdf_oh parent_tree_get(qpdf_data q, long key) {
  qpdf_oh nums = root_path(q, "/StructTreeRoot", "/ParentTree", "/Nums", NULL);
  int n = qpdf_oh_get_array_n_items(q, nums);
  for (int i = 0; i + 1 < n; i += 2)
    if (qpdf_oh_get_int_value(q, qpdf_oh_get_array_item(q, nums, i)) == key)
      return qpdf_oh_get_array_item(q, nums, i + 1);
  return qpdf_oh_new_null(q);
}

static int page_index(qpdf_data q, qpdf_oh page) {
  for (int i = 0; i < qpdf_get_num_pages(q); i++)
    if (oid(q, qpdf_get_page_n(q, (size_t)i)) == oid(q, page)) return i;
  return -1;
}

typedef struct {
  qpdf_data q;
  guint mcids[8];    /* per page, found in the tree */
  guint elements;
  GString *order;    /* types in depth-first order, space-separated */
} Walk;

/* One MCID of `elem` on `page`: the ParentTree maps it back to `elem`. */
static void mcid_check(Walk *w, qpdf_oh elem, qpdf_oh page, int mcid) {
  qpdf_data q = w->q;
  int pi = page_index(q, page);
  assert_true(pi >= 0);
  w->mcids[pi]++;
  qpdf_oh sp = qpdf_oh_get_key(q, page, "/StructParents");
  assert_true(qpdf_oh_is_integer(q, sp));
  qpdf_oh arr = parent_tree_get(q, qpdf_oh_get_int_value(q, sp));
  assert_true(qpdf_oh_is_array(q, arr));
  assert_true(mcid < qpdf_oh_get_array_n_items(q, arr));
  assert_int_equal(oid(q, qpdf_oh_get_array_item(q, arr, mcid)), oid(q, elem));
}

static void walk_elem(Walk *w, qpdf_oh elem, qpdf_oh parent) {
  qpdf_data q = w->q;
  assert_true(qpdf_oh_is_dictionary(q, elem));
  assert_int_equal(oid(q, qpdf_oh_get_key(q, elem, "/P")), oid(q, parent));
  w->elements++;
  const char *type = qpdf_oh_get_name(q, qpdf_oh_get_key(q, elem, "/S"));
  g_string_append_printf(w->order, "%s%s", w->order->len ? " " : "", type + 1);
  qpdf_oh k = qpdf_oh_get_key(q, elem, "/K"), pg = qpdf_oh_get_key(q, elem, "/Pg");
  int n = qpdf_oh_is_array(q, k) ? qpdf_oh_get_array_n_items(q, k) : 1;
  for (int i = 0; i < n; i++) {
    qpdf_oh kid = qpdf_oh_is_array(q, k) ? qpdf_oh_get_array_item(q, k, i) : k;
    if (qpdf_oh_is_integer(q, kid)) mcid_check(w, elem, pg, (int)qpdf_oh_get_int_value(q, kid));
    else if (qpdf_oh_has_key(q, kid, "/MCID"))
      mcid_check(w, elem, qpdf_oh_get_key(q, kid, "/Pg"),
                 (int)qpdf_oh_get_int_value(q, qpdf_oh_get_key(q, kid, "/MCID")));
    else if (qpdf_oh_has_key(q, kid, "/Obj")) {
      /* the annotation's /StructParent leads back here */
      qpdf_oh annot = qpdf_oh_get_key(q, kid, "/Obj");
      qpdf_oh sp = qpdf_oh_get_key(q, annot, "/StructParent");
      assert_int_equal(oid(q, parent_tree_get(q, qpdf_oh_get_int_value(q, sp))), oid(q, elem));
    } else walk_elem(w, kid, elem);
  }
}

/* The whole tree walked and checked; every page's MCIDs (counted in its
 * content) are the ones the tree has for it. Returns the types in order. */
static char *tree_check(qpdf_data q) {
  Walk w = {.q = q, .order = g_string_new(NULL)};
  qpdf_oh root = qpdf_oh_get_key(q, qpdf_get_root(q), "/StructTreeRoot");
  qpdf_oh top = qpdf_oh_get_key(q, root, "/K");
  for (int i = 0; i < qpdf_oh_get_array_n_items(q, top); i++) walk_elem(&w, qpdf_oh_get_array_item(q, top, i), root);
  int pages = qpdf_get_num_pages(q);
  assert_true(pages <= 8);
  for (int i = 0; i < pages; i++) {
    qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
    unsigned char *data = NULL;
    size_t len = 0;
    assert_int_equal(qpdf_oh_get_page_content_data(q, page, &data, &len), QPDF_SUCCESS);
    guint in_content = 0;
    for (size_t at = 0; at + 5 <= len; at++) in_content += memcmp(data + at, "/MCID", 5) == 0;
    free(data);
    assert_int_equal(in_content, w.mcids[i]);
    qpdf_oh arr = parent_tree_get(q, qpdf_oh_get_int_value(q, qpdf_oh_get_key(q, page, "/StructParents")));
    assert_int_equal(qpdf_oh_get_array_n_items(q, arr), (int)w.mcids[i]);
  }
  return g_string_free(w.order, FALSE);
}

/* Every named destination goes to a page; every link's /Dest is one of them. */
static void dests_check(qpdf_data q, const char *const *expected, guint n_expected) {
  qpdf_oh names = root_path(q, "/Names", "/Dests", "/Names", NULL);
  int n = qpdf_oh_get_array_n_items(q, names);
  assert_int_equal(n, 2 * (int)n_expected);
  GHashTable *defined = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (int i = 0; i < n; i += 2) {
    const char *name = qpdf_oh_get_utf8_value(q, qpdf_oh_get_array_item(q, names, i));
    assert_string_equal(name, expected[i / 2]); /* sorted */
    g_hash_table_add(defined, g_strdup(name));
    qpdf_oh page = qpdf_oh_get_array_item(q, qpdf_oh_get_array_item(q, names, i + 1), 0);
    assert_true(page_index(q, page) >= 0);
  }
  guint links = 0;
  for (int i = 0; i < qpdf_get_num_pages(q); i++) {
    qpdf_oh annots = qpdf_oh_get_key(q, qpdf_get_page_n(q, (size_t)i), "/Annots");
    for (int a = 0; qpdf_oh_is_array(q, annots) && a < qpdf_oh_get_array_n_items(q, annots); a++) {
      qpdf_oh dest = qpdf_oh_get_key(q, qpdf_oh_get_array_item(q, annots, a), "/Dest");
      assert_true(qpdf_oh_is_string(q, dest));
      assert_true(g_hash_table_contains(defined, qpdf_oh_get_utf8_value(q, dest)));
      links++;
    }
  }
  assert_int_equal(links, n_expected);
  g_hash_table_destroy(defined);
}

/* The K of `elem` as its kids' types, space-separated. */
static char *kid_types(qpdf_data q, qpdf_oh elem) {
  GString *s = g_string_new(NULL);
  qpdf_oh k = qpdf_oh_get_key(q, elem, "/K");
  for (int i = 0; i < qpdf_oh_get_array_n_items(q, k); i++) {
    qpdf_oh kid = qpdf_oh_get_array_item(q, k, i);
    if (!qpdf_oh_has_key(q, kid, "/S")) continue;
    g_string_append_printf(s, "%s%s", s->len ? " " : "", qpdf_oh_get_name(q, qpdf_oh_get_key(q, kid, "/S")) + 1);
  }
  return g_string_free(s, FALSE);
}

/* A split leaf's marked content: one MCR on each of the pages given. */
static void split_leaf_check(qpdf_data q, qpdf_oh elem, int page_a, int page_b) {
  qpdf_oh k = qpdf_oh_get_key(q, elem, "/K");
  assert_int_equal(qpdf_oh_get_array_n_items(q, k), 2);
  assert_false(qpdf_oh_has_key(q, elem, "/Pg"));
  const int pages[] = {page_a, page_b};
  for (int i = 0; i < 2; i++) {
    qpdf_oh mcr = qpdf_oh_get_array_item(q, k, i);
    assert_true(qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, mcr, "/Type"), "/MCR"));
    assert_int_equal(page_index(q, qpdf_oh_get_key(q, mcr, "/Pg")), pages[i]);
  }
}

/* Binary data holds NULs: no strstr. */
static gboolean bytes_contain(const GByteArray *b, const char *needle) {
  size_t n = strlen(needle);
  for (size_t at = 0; at + n <= b->len; at++)
    if (memcmp(b->data + at, needle, n) == 0) return TRUE;
  return FALSE;
}

/* ---- the tests ---------------------------------------------------------------- */

/* Outline: "Scrutiny Panel" (open) > "The second part"; "Back" (closed) > "Start": three visible. */
static const PdfMergeOutline OUTLINE[] = {
    {"Scrutiny Panel", "intro", 0, TRUE},
    {"The second part", "second", 1, FALSE},
    {"Back (ŵ)", "second", 0, FALSE},
    {"Start", "intro", 1, TRUE},
};

static void outline_check(qpdf_data q) {
  qpdf_oh root = qpdf_oh_get_key(q, qpdf_get_root(q), "/Outlines");
  assert_int_equal(qpdf_oh_get_int_value(q, qpdf_oh_get_key(q, root, "/Count")), 3);
  qpdf_oh a = qpdf_oh_get_key(q, root, "/First");
  assert_string_equal(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, a, "/Title")), "Scrutiny Panel");
  assert_int_equal(qpdf_oh_get_int_value(q, qpdf_oh_get_key(q, a, "/Count")), 1);
  assert_string_equal(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, a, "/Dest")), "intro");
  qpdf_oh a1 = qpdf_oh_get_key(q, a, "/First");
  assert_int_equal(oid(q, a1), oid(q, qpdf_oh_get_key(q, a, "/Last")));
  assert_string_equal(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, a1, "/Title")), "The second part");
  assert_false(qpdf_oh_has_key(q, a1, "/Count"));
  assert_int_equal(oid(q, qpdf_oh_get_key(q, a1, "/Parent")), oid(q, a));
  qpdf_oh b = qpdf_oh_get_key(q, a, "/Next");
  assert_int_equal(oid(q, b), oid(q, qpdf_oh_get_key(q, root, "/Last")));
  assert_int_equal(oid(q, qpdf_oh_get_key(q, b, "/Prev")), oid(q, a));
  assert_false(qpdf_oh_has_key(q, b, "/Next"));
  assert_string_equal(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, b, "/Title")), "Back (ŵ)");
  assert_int_equal(qpdf_oh_get_int_value(q, qpdf_oh_get_key(q, b, "/Count")), -1);
  qpdf_oh b1 = qpdf_oh_get_key(q, b, "/First");
  assert_string_equal(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, b1, "/Dest")), "intro");
  assert_false(qpdf_oh_has_key(q, b1, "/Next"));
}

static void make_a(Part *parts) {
  parts[0] = make_part(draw_a1, 0, "Scrutiny Panel");
  parts[1] = make_part(draw_a2, 2, NULL);
}

/* cairo writes a link to a name it does not define as it would any other:
 * /Dest (name), which the joined /Dests then defines. */
static void test_two_parts(void **state) {
  (void)state;
  Part parts[2];
  make_a(parts);
  assert_true(bytes_contain(parts[0].buf, "/Dest (second)"));
  GByteArray *out = join(parts, 2, OUTLINE, G_N_ELEMENTS(OUTLINE));
  char *path = write_tmp(out, "two.pdf");
  qpdf_check(path);
  qpdf_data q = read_pdf(out);
  assert_int_equal(qpdf_get_num_pages(q), 3);
  assert_string_equal(qpdf_get_info_key(q, "/Title"), "Scrutiny Panel");
  char *order = tree_check(q);
  assert_string_equal(order, "Document H1 Link P P Link");
  qpdf_oh top = root_path(q, "/StructTreeRoot", "/K", NULL);
  assert_int_equal(qpdf_oh_get_array_n_items(q, top), 1);
  qpdf_oh doc = qpdf_oh_get_array_item(q, top, 0);
  char *kids = kid_types(q, doc);
  assert_string_equal(kids, "H1 Link P P Link");
  qpdf_oh split = qpdf_oh_get_array_item(q, qpdf_oh_get_key(q, doc, "/K"), 2);
  assert_true(type_is(q, split, "/P"));
  split_leaf_check(q, split, 0, 1);
  static const char *const names[] = {"intro", "second"};
  dests_check(q, names, 2);
  outline_check(q);
  /* the links go where they should: part 1's to page 3, part 2's to page 1 */
  qpdf_oh d = root_path(q, "/Names", "/Dests", "/Names", NULL);
  assert_int_equal(page_index(q, qpdf_oh_get_array_item(q, qpdf_oh_get_array_item(q, d, 3), 0)), 2);
  assert_int_equal(page_index(q, qpdf_oh_get_array_item(q, qpdf_oh_get_array_item(q, d, 1), 0)), 0);
  /* pdfobj reads it back too */
  PdfFile f;
  assert_true(pdf_file_open(&f, (const char *)out->data, out->len, NULL));
  pdf_file_close(&f);
  /* and the same parts give the same bytes */
  GByteArray *again = join(parts, 2, OUTLINE, G_N_ELEMENTS(OUTLINE));
  assert_int_equal(again->len, out->len);
  assert_memory_equal(again->data, out->data, out->len);
  g_byte_array_free(again, TRUE);
  qpdf_cleanup(&q);
  g_free(kids), g_free(order), g_free(path);
  g_byte_array_free(out, TRUE);
  parts_free(parts, 2);
}

static void test_three_parts(void **state) {
  (void)state;
  Part parts[3] = {make_part(draw_b1, 0, "Three"), make_part(draw_b2, 3, NULL), make_part(draw_b3, 2, NULL)};
  GByteArray *out = join(parts, 3, NULL, 0);
  char *path = write_tmp(out, "three.pdf");
  qpdf_check(path);
  qpdf_data q = read_pdf(out);
  assert_int_equal(qpdf_get_num_pages(q), 3);
  assert_false(qpdf_oh_has_key(q, qpdf_get_root(q), "/Outlines"));
  assert_false(qpdf_oh_has_key(q, qpdf_get_root(q), "/Names"));
  char *order = tree_check(q);
  assert_string_equal(order, "Document Sect P P P P");
  qpdf_oh doc = qpdf_oh_get_array_item(q, root_path(q, "/StructTreeRoot", "/K", NULL), 0);
  char *doc_kids = kid_types(q, doc);
  assert_string_equal(doc_kids, "Sect P");
  qpdf_oh sect = qpdf_oh_get_array_item(q, qpdf_oh_get_key(q, doc, "/K"), 0);
  char *sect_kids = kid_types(q, sect);
  assert_string_equal(sect_kids, "P P P");
  split_leaf_check(q, qpdf_oh_get_array_item(q, qpdf_oh_get_key(q, sect, "/K"), 0), 0, 1);
  /* the last P of Sect is part 3's, on page 3 */
  qpdf_oh four = qpdf_oh_get_array_item(q, qpdf_oh_get_key(q, sect, "/K"), 2);
  assert_int_equal(page_index(q, qpdf_oh_get_key(q, four, "/Pg")), 2);
  qpdf_cleanup(&q);
  g_free(doc_kids), g_free(sect_kids), g_free(order), g_free(path);
  g_byte_array_free(out, TRUE);
  parts_free(parts, 3);
}

/* The joined file post-passed as a whole: the element types in the order
 * they were begun, PDF/UA asked for; the project's checks pass. */
static void test_post_pass(void **state) {
  (void)state;
  Part parts[2];
  make_a(parts);
  GByteArray *joined = join(parts, 2, OUTLINE, G_N_ELEMENTS(OUTLINE));
  PdfElemAttrs elems[G_N_ELEMENTS(A_TYPES)];
  for (guint i = 0; i < G_N_ELEMENTS(A_TYPES); i++) {
    elems[i] = (PdfElemAttrs){.type = A_TYPES[i]};
    if (!strcmp(A_TYPES[i], "Link")) elems[i].contents = i < 3 ? "Go to the second part" : "Go to the start";
  }
  PdfPostOptions o;
  pdfpost_options_init(&o);
  o.lang = "en-GB", o.display_doc_title = TRUE, o.date_epoch = 1706702400;
  o.elems = elems, o.n_elems = G_N_ELEMENTS(elems);
  o.pdfua = TRUE, o.page_labels = TRUE, o.title = "Scrutiny Panel", o.creator_tool = "test";
  GByteArray *out = g_byte_array_new();
  GError *error = NULL;
  /* pdfpost reads one NUL past the end */
  g_byte_array_append(joined, (const guint8 *)"", 1);
  gboolean ok = pdfpost_apply_to((const char *)joined->data, joined->len - 1, &o, append_out, out, &error);
  if (!ok) fail_msg("pdfpost: %s", error->message);
  char *path = write_tmp(out, "post.pdf");
  qpdf_check(path);
  char *problems = pdfua_problems(path);
  if (*problems) fprintf(stderr, "%s", problems);
  assert_string_equal(problems, "");
  /* a wrong element list still fails: the post-pass really checks the order */
  elems[3].type = "H1";
  g_byte_array_set_size(out, 0);
  assert_false(pdfpost_apply_to((const char *)joined->data, joined->len - 1, &o, append_out, out, &error));
  assert_int_equal(error->code, PDFPOST_ERROR_MISMATCH);
  g_error_free(error);
  g_free(problems), g_free(path);
  g_byte_array_free(out, TRUE);
  g_byte_array_free(joined, TRUE);
  parts_free(parts, 2);
}

static void draw_untagged(cairo_t *cr) {
  text(cr, 50, "Untagged");
  cairo_show_page(cr);
  text(cr, 50, "Still untagged");
}

/* Parts without a structure tree join into a file without one. */
static void test_untagged(void **state) {
  (void)state;
  Part parts[2] = {make_part(draw_untagged, 0, "Plain"), make_part(draw_untagged, 0, NULL)};
  GByteArray *out = join(parts, 2, NULL, 0);
  char *path = write_tmp(out, "untagged.pdf");
  qpdf_check(path);
  qpdf_data q = read_pdf(out);
  assert_int_equal(qpdf_get_num_pages(q), 4);
  assert_false(qpdf_oh_has_key(q, qpdf_get_root(q), "/StructTreeRoot"));
  qpdf_cleanup(&q);
  g_free(path);
  g_byte_array_free(out, TRUE);
  parts_free(parts, 2);
}

/* ---- errors ---------------------------------------------------------------------- */

static void draw_sect_continues(cairo_t *cr) {
  cairo_tag_begin(cr, "Document", "");
  tagged(cr, "Sect", "", 50, "not the P that was open");
  cairo_tag_end(cr, "Document");
}

static void draw_intro_again(cairo_t *cr) {
  cairo_tag_begin(cr, "Document", "");
  cairo_tag_begin(cr, "P", "");
  cairo_tag_begin(cr, CAIRO_TAG_DEST, "name='intro'");
  text(cr, 50, "intro, again");
  cairo_tag_end(cr, CAIRO_TAG_DEST);
  cairo_tag_end(cr, "P");
  cairo_tag_end(cr, "Document");
}

/* The call fails with `code` and a message holding `says`; nothing was written. */
static void join_fails(const PdfMergePart *in, guint n, const PdfMergeOutline *outline, guint n_outline, int code,
                       const char *says) {
  GByteArray *out = g_byte_array_new();
  GError *error = NULL;
  assert_false(pdfmerge_write(in, n, outline, n_outline, append_out, out, &error));
  assert_non_null(error);
  assert_true(error->domain == PDFMERGE_ERROR);
  assert_int_equal(error->code, code);
  if (!strstr(error->message, says)) fail_msg("\"%s\" does not say \"%s\"", error->message, says);
  assert_int_equal(out->len, 0);
  g_error_free(error);
  g_byte_array_free(out, TRUE);
}

static void test_errors(void **state) {
  (void)state;
  Part a[2];
  make_a(a);
  Part sect = make_part(draw_sect_continues, 2, NULL), intro = make_part(draw_intro_again, 1, NULL);
  PdfMergePart in[2] = {a[0].part, sect.part};
  join_fails(in, 2, NULL, 0, PDFMERGE_ERROR_MISMATCH, "/Sect here but /P");
  in[1] = intro.part;
  join_fails(in, 2, NULL, 0, PDFMERGE_ERROR_MISMATCH, "\"intro\" is defined twice");
  in[1] = a[1].part, in[1].continues = 3; /* more than were open */
  join_fails(in, 2, NULL, 0, PDFMERGE_ERROR_MISMATCH,
             "part 1: the next part continues 3 elements, but open element 2 ends with no element");
  in[1].continues = 2, in[0].continues = 1;
  join_fails(in, 2, NULL, 0, PDFMERGE_ERROR_MISMATCH, "the first part continues nothing");
  in[0].continues = 0;
  static const char junk[] = "this is not a PDF at all, though it is long enough";
  PdfMergePart bad[2] = {a[0].part, {junk, sizeof junk - 1, 2, FALSE}};
  join_fails(bad, 2, NULL, 0, PDFMERGE_ERROR_READ, "part 2: ");
  static const PdfMergeOutline nowhere[] = {{"Nowhere", "missing", 0, FALSE}};
  join_fails(in, 2, nowhere, 1, PDFMERGE_ERROR_OUTLINE, "\"missing\"");
  static const PdfMergeOutline skips[] = {{"Top", "intro", 0, TRUE}, {"Too deep", "intro", 2, FALSE}};
  join_fails(in, 2, skips, 2, PDFMERGE_ERROR_OUTLINE, "level 2");
  join_fails(in, 0, NULL, 0, PDFMERGE_ERROR_READ, "no parts");
  parts_free(a, 2);
  parts_free(&sect, 1);
  parts_free(&intro, 1);
}

/* A write that fails stops the call with PDFMERGE_ERROR_WRITE. */
static gboolean refuse(gpointer closure, const char *data, gsize len) {
  (void)closure, (void)data, (void)len;
  return FALSE;
}

static void test_write_fails(void **state) {
  (void)state;
  Part a[2];
  make_a(a);
  PdfMergePart in[2] = {a[0].part, a[1].part};
  GError *error = NULL;
  assert_false(pdfmerge_write(in, 2, NULL, 0, refuse, NULL, &error));
  assert_int_equal(error->code, PDFMERGE_ERROR_WRITE);
  g_error_free(error);
  parts_free(a, 2);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_two_parts),
      cmocka_unit_test(test_three_parts),
      cmocka_unit_test(test_post_pass),
      cmocka_unit_test(test_untagged),
      cmocka_unit_test(test_errors),
      cmocka_unit_test(test_write_fails),
  };
  int failed = cmocka_run_group_tests_name("pdfmerge", tests, NULL, NULL);
  cairo_debug_reset_static_data();
  FcFini();
  return failed;
}
