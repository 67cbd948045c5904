/* infile — the one way boardpack opens and reads an input file.
 *
 * Owns: the table of confined paths (path -> the folder it must stay in),
 * the set of paths opened (for infile_named_paths)
 * and, during a read, the descriptor it opened. Every loader (spec, pack,
 * house style, catalogue, data, images) reads its bytes through
 * infile_read, so that for every one of them:
 *   - the file is opened once, and everything is checked on what was
 *     opened (fstat and /proc/self/fd), never on the name: a symbolic
 *     link swapped in between a check and the open cannot lead the read
 *     outside the folder it was confined to;
 *   - only regular files are read (opened O_NONBLOCK, so a FIFO cannot
 *     block the open either), and a file over its kind's limit is
 *     refused by its size before a byte is read, and again if it grows
 *     while being read;
 *   - the file is noted as an input, so that no output overwrites it.
 * Paths named by a spec or pack are confined (infile_confine) when they
 * are resolved; paths named on the command line or found in the data
 * directory are not.
 */
#ifndef BOARDPACK_INFILE_H
#define BOARDPACK_INFILE_H

#include <glib.h>

#include "diag.h"

typedef enum {
  INFILE_XML,   /* spec, pack, house style, catalogue */
  INFILE_DATA,  /* the measure data CSV */
  INFILE_IMAGE, /* a PNG figure or signature */
} InfileKind;

/* Why a read failed; the GError's message is a phrase to follow the
 * file's name ("is a directory, not a file"). */
#define INFILE_ERROR (infile_error_quark())
GQuark infile_error_quark(void);
typedef enum {
  INFILE_ERROR_OPEN,        /* open(2) failed; message "cannot read: REASON" */
  INFILE_ERROR_DIRECTORY,
  INFILE_ERROR_NOT_REGULAR, /* FIFO, device, socket */
  INFILE_ERROR_TOO_LARGE,
  INFILE_ERROR_OUTSIDE,     /* what was opened lies outside its folder */
  INFILE_ERROR_READ,
} InfileErrorCode;

/* The most bytes read of each kind. A spec is tens of kilobytes, a
 * year of a council's measures a few megabytes, a photograph at print
 * resolution a few: anything near these is a mistake or an attack. */
#define INFILE_XML_MAX (16 * 1024 * 1024)
#define INFILE_DATA_MAX (64 * 1024 * 1024)
#define INFILE_IMAGE_MAX (64 * 1024 * 1024)
gsize infile_limit(InfileKind kind);

/* From now on, whatever opening `path` reaches must lie inside `root`
 * (a folder; symbolic links inside it are followed). */
void infile_confine(const char *path, const char *root);

/* Open `path` and check what was opened (confinement, regular file,
 * size) without reading it: for messages at the referring element. */
gboolean infile_check(const char *path, InfileKind kind, GError **error);

/* Open, check and read `path` whole. */
GBytes *infile_read(const char *path, InfileKind kind, GError **error);
/* The same, a failure reported on `diags` as an error at the file itself
 * (no line: the file could not be read). */
GBytes *infile_read_reported(const char *path, InfileKind kind, DiagList *diags);

/* The first `len` bytes of `path` (fewer if it is shorter), checked as
 * infile_read checks: for file signatures and headers. */
GBytes *infile_read_head(const char *path, InfileKind kind, gsize len, GError **error);

/* Every path confined or opened so far in this process, sorted,
 * NULL-terminated (g_strfreev it): the files a run depended on, for
 * `boardpack watch`. */
char **infile_named_paths(void);

#endif
