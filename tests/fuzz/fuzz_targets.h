/* The fuzz entry points, shared by the libFuzzer harnesses
 * (tests/fuzz/fuzz_*.c, built by `make fuzz`) and the regression replay in
 * `make check` (tests/unit/test_fuzz_regress.c), so that a saved input is
 * replayed through exactly the code that found it.
 *
 * Each entry point takes arbitrary bytes, runs them through one parser the
 * way the binary does, frees everything and returns. The XML parsers only
 * read files, so their input is written to a scratch directory first
 * (fuzz_scratch(): one per process, under $TMPDIR, removed at exit).
 * The spec target's scratch directory also holds a small catalogue, data
 * file and PNG, so that specs naming "catalogue.xml", "data.csv" or
 * "figure.png" get as far as the measures engine and the binder.
 */
#ifndef BOARDPACK_FUZZ_TARGETS_H
#define BOARDPACK_FUZZ_TARGETS_H

#include <glib.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "measures/catalogue.h"
#include "measures/csv.h"
#include "base/diag.h"
#include "measures/mdata.h"
#include "measures/measures.h"
#include "report/report.h"
#include "layout/style.h"
#include "pdf/pdfmerge.h"
#include "pdf/pdfobj.h"

/* A small catalogue and data file for the spec and data targets. */
static const char fuzz_catalogue_xml[] =
    "<catalogue authority='Fuzz'>\n"
    " <group name='G'>\n"
    "  <measure ref='P1' kind='percentage' polarity='BB' basis='monthly' decimals='1'>\n"
    "   <title>Percent</title><standard min='50'>at least 50%</standard>\n"
    "  </measure>\n"
    "  <measure ref='C1' kind='count' basis='monthly'><title>Count</title></measure>\n"
    "  <measure ref='Y1' kind='percentage' basis='ytd'><title>Ytd</title></measure>\n"
    " </group>\n"
    "</catalogue>\n";
static const char fuzz_data_csv[] =
    "ref,period,series,numerator,denominator,value,text,band,note\n"
    "P1,2013-04,,5,10,,,,\n"
    "P1,2013-05,,6,10,,,,\n"
    "P1,2013-06,,7,10,,,,\n"
    "P1,2013-06,England,,,55.5,,,\n"
    "C1,2013-04,,3,,,,,\n"
    "C1,2013-05,,4,,,,,\n"
    "C1,2013-06,,5,,,,,\n"
    "Y1,2013-04,,1,2,,,,\n"
    "Y1,2013-05,,1,2,,,,\n"
    "Y1,2013-06,,1,2,,,,\n";
/* A 1x1 PNG. */
static const unsigned char fuzz_png[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
    0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00,
    0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0, 0x1f, 0x00, 0x05, 0x00, 0x01, 0xff,
    0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};

static char *fuzz_scratch_dir;

/* Every file the harnesses wrote (inputs and fixed files alike), then the directory. */
static void fuzz_scratch_remove(void) {
  if (!fuzz_scratch_dir) return;
  GDir *d = g_dir_open(fuzz_scratch_dir, 0, NULL);
  for (const char *n; d && (n = g_dir_read_name(d));) {
    char *p = g_build_filename(fuzz_scratch_dir, n, NULL);
    g_unlink(p);
    g_free(p);
  }
  if (d) g_dir_close(d);
  g_rmdir(fuzz_scratch_dir);
}

static const char *fuzz_scratch(void) {
  if (fuzz_scratch_dir) return fuzz_scratch_dir;
  fuzz_scratch_dir = g_dir_make_tmp("boardpack-fuzz-XXXXXX", NULL);
  if (!fuzz_scratch_dir) abort();
  struct {
    const char *name;
    const void *data;
    gssize len;
  } files[] = {{"catalogue.xml", fuzz_catalogue_xml, sizeof fuzz_catalogue_xml - 1},
               {"data.csv", fuzz_data_csv, sizeof fuzz_data_csv - 1},
               {"figure.png", fuzz_png, sizeof fuzz_png}};
  for (size_t i = 0; i < G_N_ELEMENTS(files); i++) {
    char *p = g_build_filename(fuzz_scratch_dir, files[i].name, NULL);
    if (!g_file_set_contents(p, files[i].data, files[i].len, NULL)) abort();
    g_free(p);
  }
  atexit(fuzz_scratch_remove);
  return fuzz_scratch_dir;
}

/* Write the input to the scratch directory; returns the path (g_free). */
static char *fuzz_write_input(const char *name, const uint8_t *data, size_t size) {
  char *path = g_build_filename(fuzz_scratch(), name, NULL);
  if (!g_file_set_contents(path, (const char *)data, (gssize)size, NULL)) abort();
  return path;
}

/* A report spec through parse, schema, measures and bind (`boardpack check`). */
static inline int fuzz_spec(const uint8_t *data, size_t size) {
  char *path = fuzz_write_input("input.xml", data, size);
  DiagList *diags = diag_list_new();
  Report *r = report_build(path, NULL, TRUE, diags);
  report_free(r);
  for (guint i = 0; i < diag_count(diags); i++) g_free(diag_format(diag_get(diags, i)));
  diag_list_free(diags);
  g_free(path);
  return 0;
}

/* A house-style (layout) file. */
static inline int fuzz_style(const uint8_t *data, size_t size) {
  char *path = fuzz_write_input("input.xml", data, size);
  DiagList *diags = diag_list_new();
  Style *s = style_load(path, diags);
  if (s) {
    const char *keys[] = {"page", "pages", NULL}, *values[] = {"1", "2", NULL};
    const char *tmpls[] = {s->header_left, s->header_right, s->footer_left, s->footer_centre, s->footer_right};
    for (size_t i = 0; i < G_N_ELEMENTS(tmpls); i++)
      if (tmpls[i]) g_free(style_expand(tmpls[i], keys, values));
  }
  style_free(s);
  diag_list_free(diags);
  g_free(path);
  return 0;
}

/* A measure catalogue, then the standard data file read against it. */
static inline int fuzz_catalogue(const uint8_t *data, size_t size) {
  char *path = fuzz_write_input("input.xml", data, size);
  DiagList *diags = diag_list_new();
  Catalogue *cat = catalogue_load(path, diags);
  if (cat) {
    for (guint i = 0; i < catalogue_count(cat); i++) catalogue_lookup(cat, catalogue_nth(cat, i)->ref);
    catalogue_suggest(cat, "P 2");
    MeasureData *md = mdata_parse("data.csv", fuzz_data_csv, sizeof fuzz_data_csv - 1, cat, diags);
    mdata_free(md);
  }
  catalogue_free(cat);
  diag_list_free(diags);
  g_free(path);
  return 0;
}

/* The CSV reader, then the same bytes as a data file against the
 * standard catalogue and through the whole measures engine and its lint. */
static inline int fuzz_csv(const uint8_t *data, size_t size) {
  DiagList *diags = diag_list_new();
  CsvTable *t = csv_parse("input.csv", (const char *)data, size, diags);
  if (t) {
    for (guint i = 0; i < csv_count(t); i++) {
      const CsvRecord *rec = csv_record(t, i);
      for (guint j = 0; j <= csv_field_count(rec); j++) (void)csv_field(rec, j);
    }
  }
  csv_free(t);
  diag_list_free(diags);

  /* The data file's rows against the catalogue (loaded once); only input
   * that reads as a data file goes on to the whole engine. */
  static Catalogue *catalogue;
  char *cat = g_build_filename(fuzz_scratch(), "catalogue.xml", NULL);
  diags = diag_list_new();
  if (!catalogue && !(catalogue = catalogue_load(cat, diags))) abort();
  MeasureData *md = mdata_parse("input.csv", (const char *)data, size, catalogue, diags);
  gboolean readable = md != NULL;
  mdata_free(md);
  char *csv = fuzz_write_input("input.csv", data, size);
  Measures *ms = readable ? measures_load(cat, csv, diags) : NULL;
  if (ms) {
    const char *periods[] = {"2013-04", "2013-05", "2013-06", "2013/14", "2013-Q1"};
    MeasurePoint pts[G_N_ELEMENTS(periods)];
    for (guint i = 0; i < measures_count(ms); i++) {
      const Measure *m = measures_nth(ms, i);
      for (size_t p = 0; p < G_N_ELEMENTS(periods); p++) {
        MeasureResult res;
        measures_get(ms, m->ref, NULL, periods[p], &res);
        measure_result_clear(&res);
      }
      measures_series(ms, m->ref, NULL, periods, G_N_ELEMENTS(periods), pts);
      g_array_unref(measures_periods(ms, m, NULL));
    }
    measures_free(ms);
  }
  diag_list_free(diags);
  g_free(cat);
  g_free(csv);
  return 0;
}

/* The joiner (pdfmerge.h) on two parts cut from the input: its first
 * byte says how many structure elements the second part continues (and,
 * with bit 8, that an outline of two bookmarks is given), the next four
 * (little-endian) how long the first part is; the rest is the second
 * part. A join that succeeds must read back as a PDF; one that fails
 * must say why. */
static guint fuzz_merges_made; /* joins that succeeded (the replay checks the seeds reach one) */

static gboolean fuzz_merge_put(gpointer out, const char *data, gsize len) {
  g_byte_array_append(out, (const guint8 *)data, (guint)len);
  return TRUE;
}

static char *fuzz_part_copy(const uint8_t *data, size_t len) {
  char *copy = g_malloc(len + 1); /* the NUL the joiner may read past the end */
  memcpy(copy, data, len);
  copy[len] = '\0';
  return copy;
}

static inline int fuzz_merge(const uint8_t *data, size_t size) {
  if (size < 5) return 0;
  size_t first = (size_t)data[1] | (size_t)data[2] << 8 | (size_t)data[3] << 16 | (size_t)data[4] << 24;
  first = MIN(first, size - 5);
  char *a = fuzz_part_copy(data + 5, first), *b = fuzz_part_copy(data + 5 + first, size - 5 - first);
  PdfMergePart parts[2] = {{a, first, 0, FALSE}, {b, size - 5 - first, data[0] & 7u, FALSE}};
  PdfMergeOutline outline[2] = {{"One", "one", 0, TRUE}, {"Two \xc3\xa9", "two", 1, FALSE}};
  GByteArray *out = g_byte_array_new();
  GError *error = NULL;
  gboolean ok = pdfmerge_write(parts, 2, outline, data[0] & 8u ? 2 : 0, fuzz_merge_put, out, &error);
  if (ok) {
    g_byte_array_append(out, (const guint8 *)"", 1);
    PdfFile f;
    if (!pdf_file_open(&f, (const char *)out->data, out->len - 1, NULL)) abort();
    pdf_file_close(&f);
    fuzz_merges_made++;
  } else if (!error || !error->message[0]) {
    abort();
  }
  g_clear_error(&error);
  g_byte_array_unref(out);
  g_free(a), g_free(b);
  return 0;
}

#endif
