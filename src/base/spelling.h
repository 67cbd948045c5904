/* spelling — how far apart two words are, for "did you mean …?" hints.
 * Owns nothing. */
#ifndef BOARDPACK_SPELLING_H
#define BOARDPACK_SPELLING_H

#include <glib.h>

/* Levenshtein distance: insertions, deletions and substitutions of bytes. */
guint spelling_distance(const char *a, const char *b);

#endif
