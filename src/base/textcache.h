/* textcache — the process-wide cache of laid-out texts (PangoLayouts).
 *
 * Owns: one table from a key (bytes saying everything a layout is made
 * from) to a layout laid out once and shared by every later request for
 * the same key. layout/ (layout_text: the report's texts) and chart/
 * (chart_items: the labels of charts) make the keys; the first byte of a
 * key says whose it is, so that theirs never meet.
 *
 * What always holds for a cached layout: nothing changes it. A user that
 * must change one takes its own copy first (textcache_own). The cache
 * holds at most TEXTCACHE_BYTES of keys, oldest out first, so that memory
 * stays flat however long the document or pack; a layout pushed out stays
 * alive while someone holds a reference. */
#ifndef BOARDPACK_TEXTCACHE_H
#define BOARDPACK_TEXTCACHE_H

#include <pango/pango.h>

/* Key building: bytes appended to a GByteArray; a string with its length
 * first (NULL distinct from ""). */
void textcache_key_add(GByteArray *key, const void *data, gsize len);
void textcache_key_string(GByteArray *key, const char *s);

/* The cached layout for `key`, a new reference, or NULL. */
PangoLayout *textcache_get(GBytes *key);

/* Keep `layout` under `key` (the key is taken; the layout gets a
 * reference of the cache's), making room first. A key already there, or
 * larger than the whole cache, is not kept. */
void textcache_put(GBytes *key, PangoLayout *layout);

/* Makes a layout not cached yet: a new one, or a copy (pango_layout_copy)
 * never handed out, which textcache_get_or_make then keeps. */
typedef PangoLayout *(*TextcacheMake)(gpointer data);

/* The cached layout for `key` (taken), a new reference; if none, the one
 * `make(data)` makes, laid out now (once, for all who get it) and kept. */
PangoLayout *textcache_get_or_make(GBytes *key, TextcacheMake make, gpointer data);

/* The key a cached layout was kept under (borrowed), or NULL if it was
 * never cached and so belongs to its maker alone. */
GBytes *textcache_key_of(PangoLayout *layout);

/* `layout` if it is its holder's alone, else a copy of it (the reference
 * to the shared one is dropped): what to change. */
PangoLayout *textcache_own(PangoLayout *layout);

/* Empty the cache (tests). */
void textcache_clear(void);

#endif
