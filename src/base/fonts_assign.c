/* fonts_assign — which font of the private set draws each word (see
 * fonts.h for the rules).
 *
 * Pango's own fallback works character by character: a word whose script
 * the house font lacks in part ends up in two fonts (DejaVu Sans has some
 * Arabic letters, not ہ ے ۔). Here a word is checked whole against the
 * fonts that could draw it, and a family attribute set over all of it.
 *
 * What a font covers is asked of the font map once per family and kept on
 * the map (object data), so the answer lives exactly as long as the set.
 * A family the set does not have is never used, whatever fontconfig would
 * substitute for it. */
#include <string.h>

#include "fonts.h"

#define SYMBOL_FAMILY "DejaVu Sans"
#define COVERAGE_KEY "boardpack-fonts-coverage"

/* Letters that Urdu uses and Arabic does not (ٹ ڈ ڑ ں ھ ہ ے ۔): text that
 * has one is Urdu and is set in Nastaliq, the style Urdu readers expect. */
static gboolean is_urdu_letter(gunichar c) {
  return c == 0x0679 || c == 0x0688 || c == 0x0691 || c == 0x06BA || c == 0x06BE || c == 0x06C1 || c == 0x06D2 ||
         c == 0x06D4;
}

static gboolean is_arrow(gunichar c) { return c >= 0x2190 && c <= 0x21FF; }

/* Symbols are not parts of words: "★Label" keeps its label in the house
 * font and takes the star from the symbol font. */
static gboolean is_symbol(gunichar c) {
  GUnicodeType t = g_unichar_type(c);
  return t == G_UNICODE_OTHER_SYMBOL || t == G_UNICODE_MATH_SYMBOL || is_arrow(c);
}

static gboolean is_separator(gunichar c) { return g_unichar_isspace(c) || c == 0x2028; }

/* The font the set has for `family`, or NULL if it has none by that name. */
static PangoFont *family_font(PangoContext *ctx, const PangoFontDescription *desc, const char *family) {
  PangoFontMap *map = pango_context_get_font_map(ctx);
  GHashTable *cache = g_object_get_data(G_OBJECT(map), COVERAGE_KEY);
  if (!cache) {
    cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_object_unref);
    g_object_set_data_full(G_OBJECT(map), COVERAGE_KEY, cache, (GDestroyNotify)g_hash_table_destroy);
  }
  if (g_hash_table_contains(cache, family)) return g_hash_table_lookup(cache, family);
  PangoFontDescription *fd = pango_font_description_copy(desc);
  pango_font_description_set_family(fd, family);
  pango_font_description_set_weight(fd, PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style(fd, PANGO_STYLE_NORMAL);
  PangoFont *font = pango_font_map_load_font(map, ctx, fd);
  pango_font_description_free(fd);
  if (font) {
    PangoFontDescription *got = pango_font_describe(font);
    const char *name = pango_font_description_get_family(got);
    if (!name || g_ascii_strcasecmp(name, family) != 0) g_clear_object(&font); /* a substitute: not ours */
    pango_font_description_free(got);
  }
  g_hash_table_insert(cache, g_strdup(family), font);
  return font;
}

static gboolean covers(PangoContext *ctx, const PangoFontDescription *desc, const char *family, const char *start,
                       const char *end) {
  PangoFont *font = family_font(ctx, desc, family);
  if (!font) return FALSE;
  for (const char *p = start; p < end; p = g_utf8_next_char(p))
    if (!pango_font_has_char(font, g_utf8_get_char(p))) return FALSE;
  return TRUE;
}

/* Fonts to try for a word of `script`, best first; NULL-terminated. */
static const char *const *script_families(GUnicodeScript script, gboolean urdu) {
  static const char *const arabic[] = {"Noto Naskh Arabic", "Noto Nastaliq Urdu", NULL};
  static const char *const urdu_first[] = {"Noto Nastaliq Urdu", "Noto Naskh Arabic", NULL};
  static const char *const bengali[] = {"Noto Sans Bengali", NULL};
  static const char *const gurmukhi[] = {"Noto Sans Gurmukhi", NULL};
  static const char *const gujarati[] = {"Noto Sans Gujarati", NULL};
  static const char *const devanagari[] = {"Noto Sans Devanagari", NULL};
  static const char *const tamil[] = {"Noto Sans Tamil", NULL};
  static const char *const cjk[] = {"Droid Sans Fallback", NULL};
  static const char *const latin[] = {"Noto Sans", "DejaVu Sans", NULL};
  static const char *const symbols[] = {SYMBOL_FAMILY, "Noto Sans", NULL};
  switch (script) {
  case G_UNICODE_SCRIPT_ARABIC: return urdu ? urdu_first : arabic;
  case G_UNICODE_SCRIPT_BENGALI: return bengali;
  case G_UNICODE_SCRIPT_GURMUKHI: return gurmukhi;
  case G_UNICODE_SCRIPT_GUJARATI: return gujarati;
  case G_UNICODE_SCRIPT_DEVANAGARI: return devanagari;
  case G_UNICODE_SCRIPT_TAMIL: return tamil;
  case G_UNICODE_SCRIPT_HAN:
  case G_UNICODE_SCRIPT_HIRAGANA:
  case G_UNICODE_SCRIPT_KATAKANA:
  case G_UNICODE_SCRIPT_BOPOMOFO:
  case G_UNICODE_SCRIPT_HANGUL: return cjk;
  case G_UNICODE_SCRIPT_LATIN:
  case G_UNICODE_SCRIPT_GREEK:
  case G_UNICODE_SCRIPT_CYRILLIC: return latin;
  default: return symbols;
  }
}

/* The script of a stretch of text: that of its first letter that has one. */
static GUnicodeScript text_script(const char *start, const char *end) {
  for (const char *p = start; p < end; p = g_utf8_next_char(p)) {
    GUnicodeScript s = g_unichar_get_script(g_utf8_get_char(p));
    if (s != G_UNICODE_SCRIPT_COMMON && s != G_UNICODE_SCRIPT_INHERITED && s != G_UNICODE_SCRIPT_UNKNOWN) return s;
  }
  return G_UNICODE_SCRIPT_COMMON;
}

static void family_attr(PangoAttrList *attrs, const char *family, const char *text, const char *start,
                        const char *end) {
  PangoAttribute *a = pango_attr_family_new(family);
  a->start_index = (guint)(start - text);
  a->end_index = (guint)(end - text);
  pango_attr_list_insert(attrs, a);
}

typedef struct {
  PangoContext *ctx;
  const PangoFontDescription *desc;
  const char *family; /* the house style's */
  const char *text;
  PangoAttrList *attrs;
  gboolean urdu;
} Assign;

/* One font for [start, end) if any candidate has all of it. */
static gboolean assign_whole(const Assign *a, const char *start, const char *end) {
  if (covers(a->ctx, a->desc, a->family, start, end)) return TRUE;
  for (const char *const *f = script_families(text_script(start, end), a->urdu); *f; f++)
    if (covers(a->ctx, a->desc, *f, start, end)) {
      family_attr(a->attrs, *f, a->text, start, end);
      return TRUE;
    }
  return FALSE;
}

/* A word no single font has: each stretch of one script on its own (a
 * character no font has is left to Pango, and reported as unknown). */
static void assign_by_script(const Assign *a, const char *start, const char *end) {
  const char *run = start;
  GUnicodeScript run_script = G_UNICODE_SCRIPT_COMMON;
  for (const char *p = start; p < end; p = g_utf8_next_char(p)) {
    GUnicodeScript s = g_unichar_get_script(g_utf8_get_char(p));
    if (s == G_UNICODE_SCRIPT_COMMON || s == G_UNICODE_SCRIPT_INHERITED) continue;
    if (run_script != G_UNICODE_SCRIPT_COMMON && s != run_script) assign_whole(a, run, p), run = p;
    run_script = s;
  }
  assign_whole(a, run, end);
}

static void assign_word(const Assign *a, const char *start, const char *end) {
  gboolean ascii = TRUE;
  for (const char *p = start; p < end && ascii; p++) ascii = (unsigned char)*p < 0x80;
  if (ascii || assign_whole(a, start, end)) return;
  assign_by_script(a, start, end);
}

static void assign_symbol(const Assign *a, const char *start, const char *end) {
  if (is_arrow(g_utf8_get_char(start))) family_attr(a->attrs, SYMBOL_FAMILY, a->text, start, end);
  else assign_whole(a, start, end);
}

void fonts_assign(PangoContext *ctx, const PangoFontDescription *desc, const char *text, PangoAttrList *attrs) {
  gboolean ascii = TRUE, urdu = FALSE;
  for (const char *p = text; *p; p++) ascii &= (unsigned char)*p < 0x80;
  if (ascii) return;
  for (const char *p = text; *p && !urdu; p = g_utf8_next_char(p)) urdu = is_urdu_letter(g_utf8_get_char(p));
  Assign a = {.ctx = ctx, .desc = desc, .family = pango_font_description_get_family(desc), .text = text,
              .attrs = attrs, .urdu = urdu};
  const char *word = NULL;
  for (const char *p = text;; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    gboolean ends = !*p || is_separator(c) || is_symbol(c);
    if (ends && word) assign_word(&a, word, p), word = NULL;
    if (!*p) break;
    if (is_symbol(c)) assign_symbol(&a, p, g_utf8_next_char(p));
    else if (!ends && !word) word = p;
  }
}

char *fonts_unknown_chars(PangoLayout *layout, int *count) {
  *count = pango_layout_get_unknown_glyphs_count(layout);
  if (*count <= 0) return NULL;
  GString *s = g_string_new(NULL);
  int listed = 0;
  for (GSList *l = pango_layout_get_lines_readonly(layout); l; l = l->next) {
    for (GSList *r = ((PangoLayoutLine *)l->data)->runs; r; r = r->next) {
      const PangoGlyphString *g = ((PangoGlyphItem *)r->data)->glyphs;
      for (int i = 0; i < g->num_glyphs; i++) {
        PangoGlyph glyph = g->glyphs[i].glyph;
        if (!(glyph & PANGO_GLYPH_UNKNOWN_FLAG)) continue;
        if (listed++ == 8) {
          g_string_append(s, ", …");
          return g_string_free(s, FALSE);
        }
        g_string_append_printf(s, "%sU+%04X", s->len ? ", " : "", glyph & ~PANGO_GLYPH_UNKNOWN_FLAG);
      }
    }
  }
  return g_string_free(s, FALSE);
}
