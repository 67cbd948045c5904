/* cmd_provenance — `boardpack check --provenance PAPER.pdf`: does the PDF
 * still match the files it was built from?
 *
 * The PDF's XMP lists each input (pdf/pdfpost_xmp.c) with the SHA-256 of
 * the bytes it was built from. Each is read again and hashed: a recorded
 * path is relative to the PDF's own folder (so a folder of papers and
 * their inputs can be moved or copied whole), except a house style
 * recorded by name ("council-report"), which is looked for among the
 * installed house styles as render does. Every input is checked, however
 * many differ; each that differs, or cannot be read, is named on stderr.
 * Exit status: 0 every input matches, 1 one differs or cannot be read, or
 * the PDF records no provenance. */
#include <stdio.h>
#include <string.h>

#include "cmd_provenance.h"
#include "layout/style.h"
#include "pdf/pdfpost.h"
#include "render/render.h"

static InfileKind role_kind(const char *role) {
  if (strcmp(role, "data") == 0) return INFILE_DATA;
  if (strcmp(role, "image") == 0) return INFILE_IMAGE;
  return INFILE_XML;
}

/* Where the input recorded as `in` is now. g_free it. */
static char *input_location(const ProvenanceInput *in, const char *folder) {
  if (strcmp(in->role, "layout") == 0 && style_is_name(in->path)) return style_file(in->path);
  return g_build_filename(folder, in->path, NULL);
}

/* "data.csv (data of item 4)" */
static char *input_name(const ProvenanceInput *in) {
  return *in->item ? g_strdup_printf("%s (%s of item %s)", in->path, in->role, in->item)
                   : g_strdup_printf("%s (%s)", in->path, in->role);
}

static gboolean input_matches(const char *pdf_path, const ProvenanceInput *in, const char *folder) {
  char *where = input_location(in, folder), *name = input_name(in);
  GError *err = NULL;
  char *sha = provenance_file_sha256(where, role_kind(in->role), &err);
  gboolean same = sha && strcmp(sha, in->sha256) == 0;
  if (!sha) fprintf(stderr, "%s: error: %s %s\n", pdf_path, where, err->message);
  else if (!same) fprintf(stderr, "%s: error: %s has changed since the PDF was made\n", pdf_path, name);
  g_clear_error(&err);
  g_free(sha), g_free(where), g_free(name);
  return same;
}

static Provenance *provenance_of(const char *pdf_path, char **version) {
  GError *err = NULL;
  GMappedFile *file = g_mapped_file_new(pdf_path, FALSE, &err);
  Provenance *p = NULL;
  if (file) {
    p = pdfpost_provenance_read((const guint8 *)g_mapped_file_get_contents(file), g_mapped_file_get_length(file),
                                version, &err);
    g_mapped_file_unref(file);
  }
  if (!p) fprintf(stderr, "%s: error: %s\n", pdf_path, err->message);
  g_clear_error(&err);
  return p;
}

int cmd_check_provenance(const char *pdf_path) {
  char *version = NULL;
  Provenance *p = provenance_of(pdf_path, &version);
  if (!p) return 1;
  char *folder = g_path_get_dirname(pdf_path);
  guint differ = 0;
  for (guint i = 0; i < p->inputs->len; i++)
    if (!input_matches(pdf_path, g_ptr_array_index(p->inputs, i), folder)) differ++;
  if (version && strcmp(version, BOARDPACK_VERSION) != 0)
    fprintf(stderr, "%s: note: made by boardpack %s; this is %s, whose output may differ\n", pdf_path, version,
            BOARDPACK_VERSION);
  if (!p->inputs->len) fprintf(stderr, "%s: error: the PDF records no input files\n", pdf_path);
  else if (differ)
    fprintf(stderr, "%s: %u of %u input files no longer match\n", pdf_path, differ, p->inputs->len);
  else printf("%s: matches the %u files it was built from\n", pdf_path, p->inputs->len);
  int status = differ || !p->inputs->len ? 1 : 0;
  g_free(folder), g_free(version);
  provenance_free(p);
  return status;
}
