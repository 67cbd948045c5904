/* spelling — how far apart two words are, for "did you mean …?" hints.
 * Owns nothing. */
#ifndef BOARDPACK_SPELLING_H
#define BOARDPACK_SPELLING_H

#include <glib.h>

/* Levenshtein distance: insertions, deletions and substitutions of bytes. */
guint spelling_distance(const char *a, const char *b);

/* The key of `names` (a set of strings) nearest `word`, if near enough to
 * be a slip (at most 2 edits, or a third of the word); ties go to the
 * smaller key so the hint does not depend on hash order. NULL if none. */
const char *spelling_nearest_key(GHashTable *names, const char *word);

#endif
