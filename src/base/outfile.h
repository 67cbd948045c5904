/* outfile — writing results so that nothing a user has is ever lost.
 *
 * Owns: the temporary files it creates, until each is renamed over its
 * target or removed. Output goes to a temporary file in the target's own
 * directory, is flushed to disk, and is renamed into place only when
 * complete: an existing file is replaced whole or left untouched, and a
 * failure (disk full, interrupt) leaves no partial file. A signal that
 * would end the process (INT, TERM, HUP, QUIT, PIPE, ALRM) while writing
 * removes the temporary file first.
 * What is replaced: a symbolic link is followed to the file it names, and
 * that file is replaced (beside it, so the rename stays atomic), the link
 * kept. A replacement keeps the replaced file's mode (and owner, as root);
 * a new file gets 0666 less the umask. A character device (/dev/null), a
 * FIFO or a kernel link (/dev/stdout) is written in place, never replaced;
 * "-" is standard output. A directory, block device or socket is refused.
 * Scratch files (outfile_scratch) are unlinked as they are made.
 */
#ifndef BOARDPACK_OUTFILE_H
#define BOARDPACK_OUTFILE_H

#include <glib.h>
#include <signal.h>

gboolean outfile_write(const char *path, GBytes *bytes, GError **error);

/* The same, written as it is made (a long PDF is never whole in memory):
 * outfile_open checks the target and makes the temporary file beside it;
 * outfile_append adds bytes (FALSE once any write failed: the error is
 * kept for commit); outfile_commit flushes and renames into place, or
 * reports the first error and removes the temporary file; outfile_abort
 * removes it (an existing file stays as it was). Commit and abort free
 * the OutFile. A device, FIFO or "-" is opened at the first byte and
 * written in place. */
typedef struct OutFile OutFile;
OutFile *outfile_open(const char *path, GError **error);
gboolean outfile_append(OutFile *f, const void *data, gsize len);
/* All `len` bytes to `fd`, through EINTR and short writes; FALSE (errno
 * set) if they could not all be written. */
gboolean outfile_write_fd(int fd, const void *data, gsize len);
gsize outfile_size(const OutFile *f);
/* TRUE, with the first write error in *error, if any write failed. */
gboolean outfile_error(const OutFile *f, GError **error);
gboolean outfile_commit(OutFile *f, GError **error);
void outfile_abort(OutFile *f);

/* A scratch file for work in progress (cairo's PDF before the post-pass),
 * read and write, already unlinked so that nothing can be left behind:
 * in the folder of `near` (the output, so it is on the same disk), else
 * in the temporary folder. Its descriptor, or -1 with *error. */
int outfile_scratch(const char *near, GError **error);

/* Remember a file read as input: outfile_write refuses to write over any
 * file noted so (the spec, its data, its images, its house style). */
void outfile_note_input(const char *path);

/* TRUE if `a` and `b` name the same existing file. */
gboolean outfile_same_file(const char *a, const char *b);

/* Install handlers for the signals above that remove in-flight temporary
 * files, and ignore SIGXFSZ so that a file-size limit is a write error. */
void outfile_install_signal_cleanup(void);

/* The signals those handlers catch (for a batch parent to forward). */
void outfile_cleanup_sigset(sigset_t *set);

#endif
