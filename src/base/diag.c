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

/* At most DIAG_PRINT_PER_FILE findings a file: a data file with thousands
 * of bad rows should not bury the first (and usually only) cause. */
#define DIAG_PRINT_PER_FILE 50

static gint compare_names(gconstpointer a, gconstpointer b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Each distinct finding is printed once: a pack that names one broken
 * spec in three items finds the same error three times, and saying it
 * three times helps nobody. */
void diag_print(const DiagList *list, FILE *out) {
  GHashTable *shown = g_hash_table_new(g_str_hash, g_str_equal); /* file -> count */
  GHashTable *lines = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < list->items->len; i++) {
    const Diag *d = diag_get(list, i);
    char *line = diag_format(d);
    if (g_hash_table_contains(lines, line)) {
      g_free(line);
      continue;
    }
    g_hash_table_add(lines, line);
    const char *file = d->file ? d->file : "";
    guint n = GPOINTER_TO_UINT(g_hash_table_lookup(shown, file)) + 1;
    g_hash_table_insert(shown, (gpointer)file, GUINT_TO_POINTER(n));
    if (n <= DIAG_PRINT_PER_FILE) fprintf(out, "%s\n", line);
  }
  g_hash_table_destroy(lines);
  GHashTableIter it;
  gpointer file, count;
  GPtrArray *files = g_ptr_array_new();
  g_hash_table_iter_init(&it, shown);
  while (g_hash_table_iter_next(&it, &file, &count))
    if (GPOINTER_TO_UINT(count) > DIAG_PRINT_PER_FILE) g_ptr_array_add(files, file);
  g_ptr_array_sort(files, compare_names);
  for (guint i = 0; i < files->len; i++) {
    const char *f = g_ptr_array_index(files, i);
    fprintf(out, "%s: note: %u more findings not shown\n", *f ? f : "boardpack",
            GPOINTER_TO_UINT(g_hash_table_lookup(shown, f)) - DIAG_PRINT_PER_FILE);
  }
  g_ptr_array_free(files, TRUE);
  g_hash_table_destroy(shown);
}

const Diag *diag_find(const DiagList *list, const char *needle) {
  for (guint i = 0; i < list->items->len; i++) {
    const Diag *d = diag_get(list, i);
    if (strstr(d->message, needle)) return d;
  }
  return NULL;
}
