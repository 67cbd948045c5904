/* textcache — see textcache.h. */
#include "textcache.h"

#include <string.h>

/* The keys of the Walsall paper's 660 distinct texts take 116 KB (its
 * layouts about 2 MB), its charts' labels about 12 KB: a pack keeps a
 * report's texts while the next is laid out. */
#define TEXTCACHE_BYTES (224 * 1024)

typedef struct {
  GHashTable *by_key; /* key → PangoLayout (a reference); keys owned here */
  GQueue order;       /* the same keys, oldest first */
  gsize bytes;        /* of the keys */
} TextCache;

static TextCache text_cache;
G_LOCK_DEFINE_STATIC(text_cache);

/* On a cached layout: its key (a GBytes reference). */
static GQuark cached_quark(void) {
  static GQuark q;
  if (!q) q = g_quark_from_static_string("boardpack-layout-cached");
  return q;
}

void textcache_key_add(GByteArray *key, const void *data, gsize len) { g_byte_array_append(key, data, (guint)len); }

void textcache_key_string(GByteArray *key, const char *s) {
  guint32 len = s ? (guint32)strlen(s) : G_MAXUINT32;
  textcache_key_add(key, &len, sizeof len);
  if (s) textcache_key_add(key, s, len);
}

PangoLayout *textcache_get(GBytes *key) {
  G_LOCK(text_cache);
  PangoLayout *l = text_cache.by_key ? g_hash_table_lookup(text_cache.by_key, key) : NULL;
  if (l) g_object_ref(l);
  G_UNLOCK(text_cache);
  return l;
}

void textcache_put(GBytes *key, PangoLayout *layout) {
  gsize bytes = g_bytes_get_size(key);
  G_LOCK(text_cache);
  if (!text_cache.by_key)
    text_cache.by_key = g_hash_table_new_full(g_bytes_hash, g_bytes_equal, (GDestroyNotify)g_bytes_unref, g_object_unref);
  while (text_cache.bytes + bytes > TEXTCACHE_BYTES && !g_queue_is_empty(&text_cache.order)) {
    GBytes *old = g_queue_pop_head(&text_cache.order);
    text_cache.bytes -= g_bytes_get_size(old);
    g_hash_table_remove(text_cache.by_key, old); /* unrefs `old` */
  }
  if (bytes <= TEXTCACHE_BYTES && !g_hash_table_contains(text_cache.by_key, key)) {
    g_object_set_qdata_full(G_OBJECT(layout), cached_quark(), g_bytes_ref(key), (GDestroyNotify)g_bytes_unref);
    g_hash_table_insert(text_cache.by_key, key, g_object_ref(layout));
    g_queue_push_tail(&text_cache.order, key);
    text_cache.bytes += bytes;
  } else {
    g_bytes_unref(key);
  }
  G_UNLOCK(text_cache);
}

PangoLayout *textcache_get_or_make(GBytes *key, TextcacheMake make, gpointer data) {
  PangoLayout *hit = textcache_get(key);
  if (hit) {
    g_bytes_unref(key);
    return hit;
  }
  PangoLayout *made = make(data);
  pango_layout_get_unknown_glyphs_count(made); /* laid out now, once */
  textcache_put(key, made);
  return made;
}

GBytes *textcache_key_of(PangoLayout *layout) { return g_object_get_qdata(G_OBJECT(layout), cached_quark()); }

PangoLayout *textcache_own(PangoLayout *layout) {
  if (!textcache_key_of(layout)) return layout;
  PangoLayout *copy = pango_layout_copy(layout);
  g_object_unref(layout);
  return copy;
}

void textcache_clear(void) {
  G_LOCK(text_cache);
  if (text_cache.by_key) g_hash_table_destroy(text_cache.by_key);
  text_cache.by_key = NULL;
  g_queue_clear(&text_cache.order);
  text_cache.bytes = 0;
  G_UNLOCK(text_cache);
}
