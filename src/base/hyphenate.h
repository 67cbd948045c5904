/* hyphenate — where an English word may be broken, and what must never be.
 *
 * Owns: the hyphenation patterns (Debian's hyphen-en-gb, in libhyphen's
 * format, read once per process from HYPHEN_EN_GB_DIC) and the rules for
 * what text may not break at all.
 *
 * Always holds: only words of ASCII letters are hyphenated, at the points the
 * patterns give (at least two letters before a break, three after); a
 * token with a digit in it (a code such as "HSG01/B", a reference, a
 * figure "1,234.5" or "25.2%") never breaks, and neither does the space
 * between a figure and its unit ("12 weeks", "£1.2 m", "45 %").
 */
#ifndef BOARDPACK_HYPHENATE_H
#define BOARDPACK_HYPHENATE_H

#include <glib.h>

#define HYPHEN_EN_GB_DIC "/usr/share/hyphen/hyph_en_GB.dic"

/* TRUE if the patterns are loaded (they load on first use); else FALSE
 * with *error naming the package to install. */
gboolean hyphen_ready(GError **error);

/* Byte ranges of `text` inside which no line may break, as pairs
 * (start, end) appended to `ranges` (a GArray of int): codes, references
 * and figures with their units; and, with `words`, every word of Latin,
 * Greek or Cyrillic letters, in pieces between its hyphenation points when
 * `hyphenate` (English patterns, words of HYPHENATE_MIN_LETTERS or more),
 * else whole. With Pango's PANGO_WRAP_WORD_CHAR such text breaks between
 * words, and a word too wide for its line at a hyphenation point (with a
 * hyphen), never elsewhere. */
#define HYPHENATE_MIN_LETTERS 6
void hyphen_unbreakable(const char *text, gboolean words, gboolean hyphenate, GArray *ranges);

/* The patterns' values between the letters of `lower` (`len` ASCII
 * letters, lower case; needs hyphen_ready()): points[i], between letters
 * i and i + 1, is odd where the word may break; points[len - 1] is 0.
 * Before LEFTHYPHENMIN/RIGHTHYPHENMIN are applied: the same values
 * libhyphen's hnj_hyphen_hyphenate2 gives, but for those. */
void hyphen_points(const char *lower, gsize len, guint8 *points);

#endif
