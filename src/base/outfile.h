/* outfile — writing results so that nothing a user has is ever lost.
 *
 * Owns: the temporary files it creates, until each is renamed over its
 * target or removed. Output goes to a temporary file in the target's own
 * directory, is flushed to disk, and is renamed into place only when
 * complete: an existing file is replaced whole or left untouched, and a
 * failure (disk full, interrupt) leaves no partial file. A SIGINT or
 * SIGTERM while writing removes the temporary file before exiting.
 */
#ifndef BOARDPACK_OUTFILE_H
#define BOARDPACK_OUTFILE_H

#include <glib.h>

gboolean outfile_write(const char *path, GBytes *bytes, GError **error);

/* Remember a file read as input: outfile_write refuses to write over any
 * file noted so (the spec, its data, its images, its house style). */
void outfile_note_input(const char *path);

/* TRUE if `a` and `b` name the same existing file. */
gboolean outfile_same_file(const char *a, const char *b);

/* Install SIGINT/SIGTERM handlers that remove in-flight temporary files,
 * and ignore SIGXFSZ so that a file-size limit is a write error. */
void outfile_install_signal_cleanup(void);

#endif
