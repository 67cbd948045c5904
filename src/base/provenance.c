/* provenance — see provenance.h. */
#include "provenance.h"

#include <string.h>

static void input_free(gpointer data) {
  ProvenanceInput *in = data;
  g_free(in->item), g_free(in->role), g_free(in->path), g_free(in->sha256);
  g_free(in);
}

Provenance *provenance_new(const char *base) {
  Provenance *p = g_new0(Provenance, 1);
  p->base = g_strdup(base ? base : ".");
  p->inputs = g_ptr_array_new_with_free_func(input_free);
  return p;
}

void provenance_free(Provenance *p) {
  if (!p) return;
  g_ptr_array_unref(p->inputs);
  g_free(p->base);
  g_free(p);
}

char *provenance_file_sha256(const char *path, InfileKind kind, GError **error) {
  GBytes *bytes = infile_read(path, kind, error);
  if (!bytes) return NULL;
  gsize len = 0;
  const guchar *data = g_bytes_get_data(bytes, &len);
  char *hex = g_compute_checksum_for_data(G_CHECKSUM_SHA256, data ? data : (const guchar *)"", len);
  g_bytes_unref(bytes);
  return hex;
}

char *provenance_relative_path(const char *path, const char *dir) {
  char *a = g_canonicalize_filename(path, NULL), *b = g_canonicalize_filename(dir, NULL);
  char **pa = g_strsplit(a, "/", -1), **pb = g_strsplit(b, "/", -1);
  guint i = 0;
  while (pa[i] && pb[i] && strcmp(pa[i], pb[i]) == 0) i++;
  GString *out = g_string_new(NULL);
  for (guint j = i; pb[j]; j++)
    if (*pb[j]) g_string_append(out, "../");
  for (guint j = i; pa[j]; j++) {
    if (!*pa[j]) continue;
    g_string_append(out, pa[j]);
    if (pa[j + 1]) g_string_append_c(out, '/');
  }
  g_strfreev(pa), g_strfreev(pb);
  g_free(a), g_free(b);
  return g_string_free(out, FALSE);
}

void provenance_add_recorded(Provenance *p, const char *item, const char *role, const char *path,
                             const char *sha256) {
  ProvenanceInput *in = g_new0(ProvenanceInput, 1);
  in->item = g_strdup(item ? item : "");
  in->role = g_strdup(role);
  in->path = g_strdup(path);
  in->sha256 = g_strdup(sha256);
  g_ptr_array_add(p->inputs, in);
}

static gboolean recorded_already(const Provenance *p, const char *path) {
  for (guint i = 0; i < p->inputs->len; i++)
    if (strcmp(((const ProvenanceInput *)g_ptr_array_index(p->inputs, i))->path, path) == 0) return TRUE;
  return FALSE;
}

gboolean provenance_add_file(Provenance *p, const char *item, const char *role, const char *path,
                             const char *recorded, InfileKind kind, GError **error) {
  char *rel = recorded ? g_strdup(recorded) : provenance_relative_path(path, p->base);
  gboolean ok = TRUE;
  if (!recorded_already(p, rel)) {
    char *sha = provenance_file_sha256(path, kind, error);
    if (sha) provenance_add_recorded(p, item, role, rel, sha);
    else g_prefix_error(error, "%s ", path); /* infile's message is a phrase to follow the name */
    ok = sha != NULL;
    g_free(sha);
  }
  g_free(rel);
  return ok;
}
