/* batch — many documents rendered by worker processes.
 *
 * Owns: the worker processes it forks and the pipes it reads their
 * messages from, until batch_run returns. Each document is rendered in a
 * process of its own (forked from the caller, so a font map made before
 * batch_run is shared, not rebuilt): a crash or a leak in one document
 * cannot touch another, and its memory is returned when it exits. A
 * worker's stderr is collected and printed whole when it finishes, so
 * messages of documents rendered at the same time never interleave.
 *
 * Interrupts: the signals outfile.h cleans up after (INT, TERM, HUP, QUIT,
 * PIPE, ALRM) are passed on from the batch to the workers,
 * whose own handlers (outfile.h) remove the file each was writing.
 */
#ifndef BOARDPACK_BATCH_H
#define BOARDPACK_BATCH_H

#include <glib.h>

/* Render document `index`; runs in a worker process. Returns its exit
 * status (0 = written); messages go to stderr. */
typedef int (*BatchJob)(guint index, gpointer data);

/* Run jobs 0..n-1 on up to `workers` processes at once. `labels` name the
 * documents in the progress line (shown only when stderr is a terminal)
 * and in messages. Prints a one-line summary when stderr is a terminal or
 * any job failed ("… 2 written, 1 failed (b/report.xml)"). Returns the number of jobs that failed. */
guint batch_run(const char *const *labels, guint n, guint workers, BatchJob job, gpointer data);
/* batch_run for jobs whose outputs are staged, to be committed (or not)
 * together afterwards: the summary says "rendered", not "written". */
guint batch_run_staged(const char *const *labels, guint n, guint workers, BatchJob job, gpointer data);

/* Parts of one document (a pack's reports, pack.h) on `n` worker
 * processes at once, forked from the caller like batch_run's and
 * watched the same way (signals passed on, a worker's stderr printed
 * whole), without progress line or summary: the caller reports what
 * failed. Returns the number of jobs that did not exit with 0. */
guint batch_run_parts(guint n, BatchJob job, gpointer data);

/* Job 0 on one worker process, forked and watched as batch_run_parts's
 * are, while here(here_data) runs in this process (two halves of one
 * document drawn at once, pack.h); returns once both are done: 0, or 1 if
 * the worker could not start or did not exit with 0 (its stderr printed
 * whole). */
guint batch_run_beside(BatchJob job, gpointer data, void (*here)(gpointer), gpointer here_data);

/* Forking while another thread holds a lock leaves it locked in the
 * child for ever: wait (at most a second) until the short-lived thread a
 * new font map starts (Pango's FcInit) has gone. batch_run and
 * batch_run_parts do; a test that forks does too. */
void batch_wait_single_threaded(void);

/* Files the batch's parent removes if it is interrupted (a signal of
 * outfile.h's set) while batch_run runs: documents its workers finished
 * but that are not yet in place (each.h). NULL-terminated, borrowed until
 * batch_run returns; NULL: none. */
void batch_remove_on_interrupt(char *const *paths);

/* Output file names for `inputs`, never two alike: the input's base name
 * with its extension replaced by `ext` (".pdf"), in `outdir` (or beside
 * the input when outdir is NULL); a name already given to an earlier input
 * gets "-2", "-3" … before the extension, in command-line order:
 * a/report.xml, b/report.xml → report.pdf, report-2.pdf. NULL-terminated;
 * g_strfreev. */
char **batch_output_names(const char *const *inputs, guint n, const char *outdir, const char *ext);

#endif
