/* provenance — the files a PDF was built from, each with its SHA-256,
 * so that `boardpack check --provenance` can tell later whether the PDF
 * still matches them (the PDF's XMP records the list: pdf/pdfpost_xmp.c).
 *
 * Owns: the Provenance list and its strings.
 * What always holds:
 *   - inputs keep the order they were added in (spec, catalogue, data,
 *     house styles, images; for a pack, the pack file then each report's
 *     in agenda order), and the same files give the same list: no clock,
 *     no absolute path of the machine it ran on;
 *   - a recorded path is relative to `base` (the PDF's folder) with '/'
 *     between parts, or, for a house style named rather than given as a
 *     file ("council-report"), that name, which check finds again among
 *     the installed house styles;
 *   - sha256 is 64 lowercase hex digits of exactly the bytes read,
 *     through infile (the one checked way to read an input). */
#ifndef BOARDPACK_PROVENANCE_H
#define BOARDPACK_PROVENANCE_H

#include <glib.h>

#include "infile.h"

typedef struct {
  char *item;   /* a pack's agenda item ("4"), or "" */
  char *role;   /* "spec", "pack", "catalogue", "data", "layout", "image" */
  char *path;   /* as recorded (see above) */
  char *sha256;
} ProvenanceInput;

typedef struct {
  char *base;      /* the folder recorded paths are relative to */
  GPtrArray *inputs; /* ProvenanceInput* */
} Provenance;

/* An empty list whose paths will be relative to folder `base`. */
Provenance *provenance_new(const char *base);
void provenance_free(Provenance *p);

/* Read `path` (of `kind`) and record it, its path relative to the base
 * folder, or `recorded` when not NULL (a house style's name). A file
 * already recorded (for this item or an earlier one: a pack's reports
 * share a catalogue, a house style) is not recorded again. FALSE with
 * *error when it cannot be read. */
gboolean provenance_add_file(Provenance *p, const char *item, const char *role, const char *path,
                             const char *recorded, InfileKind kind, GError **error);
/* Record an input as read back from a PDF. */
void provenance_add_recorded(Provenance *p, const char *item, const char *role, const char *path,
                             const char *sha256);

/* The SHA-256 of a file's bytes as 64 hex digits, or NULL with *error. */
char *provenance_file_sha256(const char *path, InfileKind kind, GError **error);

/* `path` relative to folder `dir` ("../data/june.csv"), both taken from
 * the working directory when relative. g_free it. */
char *provenance_relative_path(const char *path, const char *dir);

#endif
