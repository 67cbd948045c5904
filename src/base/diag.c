/* diag — see diag.h. */
#include "diag.h"

#include <string.h>

static void diag_free(gpointer p) {
  Diag *d = p;
  g_free(d->file);
  g_free(d->message);
  g_free(d);
}

DiagList *diag_list_new(void) {
  DiagList *list = g_new0(DiagList, 1);
  list->items = g_ptr_array_new_with_free_func(diag_free);
  return list;
}

void diag_list_free(DiagList *list) {
  if (!list) return;
  g_ptr_array_free(list->items, TRUE);
  g_free(list);
}

void diag_addv(DiagList *list, DiagSeverity severity, const char *file, int line, int col,
               const char *fmt, va_list ap) {
  Diag *d = g_new0(Diag, 1);
  d->file = g_strdup(file);
  d->line = line > 0 ? line : 0;
  d->col = col > 0 ? col : 0;
  d->severity = severity;
  d->message = g_strdup_vprintf(fmt, ap);
  g_ptr_array_add(list->items, d);
  if (severity == DIAG_ERROR) list->errors++;
  if (severity == DIAG_WARNING) list->warnings++;
}

void diag_add(DiagList *list, DiagSeverity severity, const char *file, int line, int col,
              const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  diag_addv(list, severity, file, line, col, fmt, ap);
  va_end(ap);
}

gboolean diag_has_errors(const DiagList *list) { return list->errors > 0; }
DiagMark diag_mark(const DiagList *list) { return list->errors; }
gboolean diag_errors_since(const DiagList *list, DiagMark mark) { return list->errors > mark; }
guint diag_count(const DiagList *list) { return list->items->len; }
const Diag *diag_get(const DiagList *list, guint i) { return g_ptr_array_index(list->items, i); }

static const char *severity_name(DiagSeverity s) {
  switch (s) {
  case DIAG_ERROR: return "error";
  case DIAG_WARNING: return "warning";
  default: return "note";
  }
}

char *diag_format(const Diag *d) {
  GString *s = g_string_new(NULL);
  if (d->file) {
    g_string_append(s, d->file);
    if (d->line > 0) {
      g_string_append_printf(s, ":%d", d->line);
      if (d->col > 0) g_string_append_printf(s, ":%d", d->col);
    }
    g_string_append(s, ": ");
  } else {
    g_string_append(s, "boardpack: ");
  }
  g_string_append_printf(s, "%s: %s", severity_name(d->severity), d->message);
  return g_string_free(s, FALSE);
}

/* At most DIAG_PRINT_PER_FILE warnings a file, unless all are asked for: a
 * data file with thousands of suspicious rows should not bury the rest.
 * Errors are never capped: an error is the reason nothing was written, so
 * hiding one leaves the author with a failed run and no reason. */
#define DIAG_PRINT_PER_FILE 50

static gint compare_names(gconstpointer a, gconstpointer b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The notes for capped warnings, one a file, in file-name order. */
static void print_hidden(GHashTable *warned, FILE *out) {
  GHashTableIter it;
  gpointer file, count;
  GPtrArray *files = g_ptr_array_new();
  g_hash_table_iter_init(&it, warned);
  while (g_hash_table_iter_next(&it, &file, &count))
    if (GPOINTER_TO_UINT(count) > DIAG_PRINT_PER_FILE) g_ptr_array_add(files, file);
  g_ptr_array_sort(files, compare_names);
  for (guint i = 0; i < files->len; i++) {
    const char *f = g_ptr_array_index(files, i);
    guint more = GPOINTER_TO_UINT(g_hash_table_lookup(warned, f)) - DIAG_PRINT_PER_FILE;
    fprintf(out, "%s: note: %u more warning%s not shown (--all-warnings shows them)\n", *f ? f : "boardpack", more,
            more == 1 ? "" : "s");
  }
  g_ptr_array_free(files, TRUE);
}

DiagCounts diag_print_with(const DiagList *list, FILE *out, gboolean all_warnings) {
  DiagCounts n = {0};
  GHashTable *warned = g_hash_table_new(g_str_hash, g_str_equal); /* file -> warnings */
  GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < list->items->len; i++) {
    const Diag *d = diag_get(list, i);
    char *line = diag_format(d);
    /* each distinct finding once: one bad ref in three scorecard columns, or
     * a pack naming one broken spec in three items, is one message */
    if (g_hash_table_contains(seen, line)) {
      g_free(line);
      continue;
    }
    g_hash_table_add(seen, line);
    if (d->severity == DIAG_ERROR) n.errors++;
    if (d->severity == DIAG_WARNING) {
      n.warnings++;
      const char *file = d->file ? d->file : "";
      guint w = GPOINTER_TO_UINT(g_hash_table_lookup(warned, file)) + 1;
      g_hash_table_insert(warned, (gpointer)file, GUINT_TO_POINTER(w));
      if (w > DIAG_PRINT_PER_FILE && !all_warnings) continue;
    }
    fprintf(out, "%s\n", line);
  }
  if (!all_warnings) print_hidden(warned, out);
  g_hash_table_destroy(seen);
  g_hash_table_destroy(warned);
  return n;
}

void diag_print(const DiagList *list, FILE *out) { diag_print_with(list, out, FALSE); }

char *diag_counts_text(DiagCounts n) {
  if (!n.errors && !n.warnings) return NULL;
  GString *s = g_string_new(NULL);
  if (n.errors) g_string_append_printf(s, "%u error%s", n.errors, n.errors == 1 ? "" : "s");
  if (n.errors && n.warnings) g_string_append(s, ", ");
  if (n.warnings) g_string_append_printf(s, "%u warning%s", n.warnings, n.warnings == 1 ? "" : "s");
  return g_string_free(s, FALSE);
}

const Diag *diag_find(const DiagList *list, const char *needle) {
  for (guint i = 0; i < list->items->len; i++) {
    const Diag *d = diag_get(list, i);
    if (strstr(d->message, needle)) return d;
  }
  return NULL;
}
