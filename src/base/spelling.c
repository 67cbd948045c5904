/* spelling — see spelling.h. One row of the dynamic-programming table is
 * kept at a time. */
#include "spelling.h"

#include <string.h>

guint spelling_distance(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  guint *row = g_new(guint, lb + 1);
  for (size_t j = 0; j <= lb; j++) row[j] = (guint)j;
  for (size_t i = 1; i <= la; i++) {
    guint diag = row[0];
    row[0] = (guint)i;
    for (size_t j = 1; j <= lb; j++) {
      guint up = row[j];
      row[j] = MIN(MIN(row[j] + 1, row[j - 1] + 1), diag + (a[i - 1] == b[j - 1] ? 0u : 1u));
      diag = up;
    }
  }
  guint d = row[lb];
  g_free(row);
  return d;
}

const char *spelling_nearest_key(GHashTable *names, const char *word) {
  GHashTableIter it;
  gpointer key;
  const char *best = NULL;
  guint best_d = G_MAXUINT;
  g_hash_table_iter_init(&it, names);
  while (g_hash_table_iter_next(&it, &key, NULL)) {
    guint d = spelling_distance(word, key);
    if (d < best_d || (d == best_d && best && strcmp(key, best) < 0)) best_d = d, best = key;
  }
  return best && best_d <= MAX(2u, (guint)strlen(word) / 3) ? best : NULL;
}
