/* fonts — the private font set every document is laid out and drawn with.
 *
 * Owns: the FcConfig holding only the fonts vendored in fonts/ and the
 * Debian Noto files named in fonts/debian.list, and the PangoFontMap built
 * on it. Because the set is private, output does not depend on the other
 * fonts the machine has: unknown family names fall back to fonts inside
 * the set.
 *
 * Which font draws what (fonts_assign): text is set in the house style's
 * family; a word that family cannot show whole is set, whole, in the first
 * font of its script's list that can (Noto Naskh Arabic, or Noto Nastaliq
 * Urdu when the text has letters only Urdu uses; Noto Sans Bengali,
 * Gurmukhi, Gujarati, Devanagari, Tamil; Droid Sans Fallback for Chinese
 * (Noto Sans CJK's CFF outlines do not survive cairo 1.16's subsetting);
 * Noto Sans for
 * extended Latin, Greek and Cyrillic), so that no word mixes two fonts.
 * Symbols the family lacks (★ ☎ ✉) come from DejaVu Sans, and every arrow
 * (↗ ↔ ↘) does, so that arrows have one visual size.
 *
 * Also owns the search for boardpack's data directory (fonts/, layouts/):
 * $BOARDPACK_DATADIR, else the source tree the binary was built in
 * (build/boardpack → ./) or the share/boardpack beside an installed
 * binary's bin/, else the PREFIX/share/boardpack it was built for.
 */
#ifndef BOARDPACK_FONTS_H
#define BOARDPACK_FONTS_H

#include <pango/pangocairo.h>

/* Directory holding fonts/ and layouts/, or NULL if none was found. */
const char *fonts_datadir(void);

/* A font map over the fonts in `fonts_dir` (NULL: datadir/fonts). The
 * caller owns the reference. NULL with *error set if no font loads. */
PangoFontMap *fonts_font_map_new(const char *fonts_dir, GError **error);

/* A Pango context for layout in points: no hinting of metrics, so that PDF
 * and PNG output lay out identically on every machine. Caller unrefs. */
PangoContext *fonts_context_new(PangoFontMap *map);

/* Family attributes over the words of `text` (a layout's whole text) that
 * the family of `desc` cannot show, following the rules above; appended to
 * `attrs`. Text that is all ASCII is left as it is. */
void fonts_assign(PangoContext *ctx, const PangoFontDescription *desc, const char *text, PangoAttrList *attrs);

/* The characters of `layout` that no font in the set can show, as
 * "U+E000, U+E001" (at most 8, then "…"); NULL when there are none. */
char *fonts_unknown_chars(PangoLayout *layout, int *count);

#endif
