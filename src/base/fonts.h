/* fonts — the private font set every document is laid out and drawn with.
 *
 * Owns: the FcConfig holding only the fonts vendored in fonts/ and the
 * PangoFontMap built on it. Because the set is private, output does not
 * depend on the fonts the machine has: unknown family names fall back to
 * fonts inside the set (DejaVu Sans carries the ★ ▲ ↗ ↔ ↘ ☎ ✉ symbols that
 * Liberation Sans lacks).
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

#endif
