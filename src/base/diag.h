/* diag — the diagnostics list: every message boardpack has for the user.
 *
 * Owns: DiagList and the Diag entries in it (file names and messages are
 * copied in). Parsers, the measures engine, bind and layout append to one
 * list; the CLI prints it once, in the order the findings were made (each
 * distinct finding once), as
 *     file:line:col: error: message
 * A line or column of 0 means "not known" and is left out of the prefix.
 * Having any DIAG_ERROR means the document must not be rendered.
 */
#ifndef BOARDPACK_DIAG_H
#define BOARDPACK_DIAG_H

#include <glib.h>
#include <stdio.h>

typedef enum { DIAG_NOTE, DIAG_WARNING, DIAG_ERROR } DiagSeverity;

typedef struct {
  char *file;   /* as the user named it; may be NULL */
  int line;     /* 1-based, 0 = unknown */
  int col;      /* 1-based, 0 = unknown */
  DiagSeverity severity;
  char *message;
} Diag;

typedef struct {
  GPtrArray *items; /* of Diag*, owned */
  guint errors;
  guint warnings;
} DiagList;

DiagList *diag_list_new(void);
void diag_list_free(DiagList *list);

void diag_add(DiagList *list, DiagSeverity severity, const char *file, int line, int col,
              const char *fmt, ...) G_GNUC_PRINTF(6, 7);
void diag_addv(DiagList *list, DiagSeverity severity, const char *file, int line, int col,
               const char *fmt, va_list ap) G_GNUC_PRINTF(6, 0);

#define diag_error(list, file, line, col, ...) diag_add((list), DIAG_ERROR, (file), (line), (col), __VA_ARGS__)
#define diag_warning(list, file, line, col, ...) diag_add((list), DIAG_WARNING, (file), (line), (col), __VA_ARGS__)

/* Error scope. One list is shared by everything a run does (a pack's
 * reports, a batch's stages), so library code never asks "does the list
 * have errors" — an earlier report's error would stop a later one — but
 * takes a mark when it starts and asks whether errors were added since:
 *     DiagMark mark = diag_mark(diags);
 *     ...
 *     if (diag_errors_since(diags, mark)) ...
 * diag_has_errors is for the top level only (the CLI's exit status). */
typedef guint DiagMark;
DiagMark diag_mark(const DiagList *list);
gboolean diag_errors_since(const DiagList *list, DiagMark mark);
gboolean diag_has_errors(const DiagList *list);
guint diag_count(const DiagList *list);
const Diag *diag_get(const DiagList *list, guint i);

/* "file:line:col: error: message" — the one format every finding is shown in. */
char *diag_format(const Diag *d);

/* What was printed: each distinct finding counted once. */
typedef struct {
  guint errors, warnings;
} DiagCounts;
/* Prints every finding in order, except that a finding identical to an
 * earlier one (same place, same words) is printed once, and beyond 50
 * warnings for one file the rest are counted in a closing note unless
 * all_warnings. Errors are always printed, however many. */
DiagCounts diag_print_with(const DiagList *list, FILE *out, gboolean all_warnings);
void diag_print(const DiagList *list, FILE *out); /* warnings capped */
/* "2 errors, 54 warnings", "1 warning"; NULL when there are neither. */
char *diag_counts_text(DiagCounts n);

/* First diagnostic whose message contains `needle` (for tests), or NULL. */
const Diag *diag_find(const DiagList *list, const char *needle);

#endif
