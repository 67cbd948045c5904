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

/* The font files of the set in `fonts_dir` (NULL: datadir/fonts), in the
 * order fontconfig gets them (the order decides between fonts that match
 * a request equally well): the vendored files in name order, then
 * debian.list's. NULL with *error set if one listed is missing or there
 * is none. g_ptr_array_free(, TRUE). */
GPtrArray *fonts_files(const char *fonts_dir, GError **error);

/* The private font cache. Reading a font's faces with FreeType (its
 * character map walked glyph by glyph) cost 28 M instructions for the 25
 * files, a third of a short report's layout; the cache holds what
 * fontconfig read from each file at build time (build/gen/fonts_cache.c,
 * made by fonts_cache_gen), as FcNameUnparse text that FcNameParse turns
 * back into an equal pattern (the generator checks FcPatternEqual, and
 * leaves out a file whose faces do not come back equal). A file is taken
 * from the cache only while its size and modification time are those it
 * was cached with; any other file is read as before. The library's own
 * table (fonts_cache_none.c) is empty, so that tests and the generator
 * read every file; the program links the generated one. */
typedef struct {
  gint64 size, mtime_sec, mtime_nsec;
} FontsStamp;

typedef struct {
  const char *path; /* as fonts_files gives it */
  FontsStamp stamp;
  const char *patterns; /* one FcNameUnparse line per face */
} FontsCacheEntry;

/* Ends with an entry whose path is NULL. */
extern const FontsCacheEntry fonts_cache[];

/* The size and modification time of `path`; FALSE if it cannot be read. */
gboolean fonts_file_stamp(const char *path, FontsStamp *stamp);

/* The faces fontconfig reads from the font file `path`, one FcNameUnparse
 * line each (g_free), or NULL when the file has none or one does not come
 * back from FcNameParse equal. */
char *fonts_file_faces(const char *path);

/* fonts_font_map_new with the cache `cache` rather than the program's. */
PangoFontMap *fonts_font_map_new_cached(const char *fonts_dir, const FontsCacheEntry *cache, GError **error);

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
