/* layout_text — inline runs → one shaped PangoLayout.
 *
 * Bold, italic and a <span lang>'s language become Pango attributes; a link becomes a colour
 * attribute over its byte range, so that Pango splits glyph runs exactly at
 * link boundaries and render can wrap link runs in their own Link tags
 * (render draws their underline, since it draws those runs one by one).
 *
 * Codes, references and figures with units never break (allow-breaks
 * attributes, hyphenate.h). In text that may be hyphenated (table cells)
 * every word is unbreakable too, except at the patterns' hyphenation
 * points: a word too wide for its cell breaks there, with a hyphen, and
 * never at an arbitrary letter (its column is widened instead).
 *
 * Text that fits on one line is laid out with no width (layout_width_set):
 * Pango 1.50 shapes it twice otherwise. Lines are still broken by Pango
 * (PangoLayout everywhere): flow, table, render and the box dump all read
 * PangoLayout lines, and a breaker of our own over shaped glyphs would
 * have to give them a replacement for each (see issue 17).
 *
 * Identical texts are laid out once (layout_text_new's and
 * layout_text_plain's cache): the same
 * text with the same attributes, style, width and context settings gives
 * the same lines, so a later request gets the layout already made (a
 * table's "n/a" and "Mar-13", a heading repeated on each of its slides,
 * every text of a report a pack holds twice). What holds for a cached
 * layout: nothing changes it. A table cell's measuring and fitting
 * (layout_table) sets its width through layout_text_at_width (which
 * caches the cell at that width too) and takes a copy of its own
 * (layout_text_own) before any other change; the furniture takes its
 * own when a header is cut short, and the contents' page numbers
 * (numbered after layout) take theirs at once. The cache (base/textcache.h, shared with the charts'
 * labels) holds a bounded size of keys (style, runs, text), oldest out
 * first, so that memory stays flat however long the document or pack. */
#include <string.h>

#include "base/fonts.h"
#include "base/hyphenate.h"
#include "base/textcache.h"
#include "layout_internal.h"

static PangoFontDescription *font_for(const StyleText *st) {
  PangoFontDescription *fd = pango_font_description_new();
  pango_font_description_set_family(fd, st->family);
  pango_font_description_set_absolute_size(fd, st->size * PANGO_SCALE);
  pango_font_description_set_weight(fd, st->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style(fd, st->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  return fd;
}

static void attr_range_set(PangoAttrList *attrs, PangoAttribute *a, guint start, guint end) {
  a->start_index = start;
  a->end_index = end;
  pango_attr_list_insert(attrs, a);
}

static void layout_apply_style(PangoLayout *layout, const StyleText *st) {
  PangoFontDescription *fd = font_for(st);
  pango_layout_set_font_description(layout, fd);
  pango_font_description_free(fd);
  pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR); /* a word wider than the column still breaks */
  pango_layout_set_line_spacing(layout, (float)st->line_spacing);
  pango_layout_set_justify(layout, st->align == STYLE_ALIGN_JUSTIFY);
  pango_layout_set_alignment(layout, st->align == STYLE_ALIGN_CENTRE  ? PANGO_ALIGN_CENTER
                                     : st->align == STYLE_ALIGN_RIGHT ? PANGO_ALIGN_RIGHT
                                                                      : PANGO_ALIGN_LEFT);
}

/* The characters after which Pango 1.50 keeps a break even inside an
 * allow_breaks=false range (break.c, remove_breaks_from_range: hyphens and
 * visible word dividers, the en dash among them) unless the range starts
 * at the character, which that function does not look at. */
static gboolean pango_keeps_break_after(gunichar c) {
  return c == 0x00ad || c == 0x05a0 || c == 0x2010 || c == 0x2012 || c == 0x2013 || c == 0x05be || c == 0x0f0b ||
         c == 0x1361 || c == 0x17d8 || c == 0x17da || c == 0x2027 || c == '|';
}

/* No break inside text[start, end): one allow_breaks=false range, in
 * pieces that each begin at such a character, so that "2013–14" and
 * "80%–90%" do not break after their dash. */
static void unbreakable_range_set(PangoAttrList *attrs, const char *text, guint start, guint end) {
  guint from = start;
  for (const char *p = g_utf8_next_char(text + start); p < text + end; p = g_utf8_next_char(p))
    if (pango_keeps_break_after(g_utf8_get_char(p))) {
      attr_range_set(attrs, pango_attr_allow_breaks_new(FALSE), from, (guint)(p - text));
      from = (guint)(p - text);
    }
  attr_range_set(attrs, pango_attr_allow_breaks_new(FALSE), from, end);
}

/* Codes, references and figures with their units never break. */
static void unbreakable_attrs(PangoContext *ctx, const char *text, gboolean cell, PangoAttrList *attrs) {
  GArray *ranges = g_array_new(FALSE, FALSE, sizeof(int));
  const char *lang = pango_language_to_string(pango_context_get_language(ctx));
  hyphen_unbreakable(text, cell, cell && g_ascii_strncasecmp(lang, "en", 2) == 0, ranges);
  for (guint i = 0; i + 1 < ranges->len; i += 2)
    unbreakable_range_set(attrs, text, (guint)g_array_index(ranges, int, i), (guint)g_array_index(ranges, int, i + 1));
  g_array_free(ranges, TRUE);
}

/* Words the style's font cannot show go, whole, to a font that can. */
static void fonts_attrs(PangoContext *ctx, const StyleText *st, const char *text, PangoAttrList *attrs) {
  PangoFontDescription *fd = font_for(st);
  fonts_assign(ctx, fd, text, attrs);
  pango_font_description_free(fd);
}

/* A character that joins the one before it into one grapheme: combining
 * marks, the zero-width (non-)joiner, variation selectors. */
static gboolean extends_grapheme(gunichar ch) {
  return g_unichar_ismark(ch) || ch == 0x200c || ch == 0x200d || (ch >= 0xfe00 && ch <= 0xfe0f) ||
         (ch >= 0xe0100 && ch <= 0xe01ef);
}

/* Append `s` as Pango gets it. Two things in text abort Pango 1.50's line
 * breaker in a narrow column ("assertion failed: (result ==
 * BREAK_SOME_FIT || result == BREAK_EMPTY_FIT)"): a space carrying a
 * combining mark at the start of a Pango paragraph, followed by a symbol
 * from the fallback font and a Hebrew or Arabic mark (" \u0301↗\u05b8" in a
 * 5 pt cell after U+2029). So a paragraph or line ending inside the text
 * (newline, CR, U+0085, U+2029) becomes boardpack's own line break,
 * U+2028, and a space under a combining mark or a zero-width joiner
 * becomes U+00A0, the base Unicode recommends for showing a mark on its
 * own: both print the same. (Found by fuzzing Pango with text from
 * layout_text_new: 1.2 million cases clean after this.) */
static void text_append(GString *text, const char *s) {
  gsize from = text->len; /* bytes before belong to earlier runs: their ranges are set */
  for (const char *p = s; *p;) {
    /* a stretch of plain ASCII goes as it is: no ASCII character is a
     * break or extends a grapheme */
    const char *q = p;
    while ((guchar)*q >= 0x20 && (guchar)*q < 0x80) q++;
    if (q > p) {
      g_string_append_len(text, p, q - p);
      p = q;
      continue;
    }
    gunichar ch = g_utf8_get_char(p);
    const char *next = g_utf8_next_char(p);
    if (ch == '\r' && p[1] == '\n') {
      p = next; /* CR LF: one break */
      continue;
    }
    if (ch == '\n' || ch == '\r' || ch == 0x85 || ch == 0x2029 || ch == '\v' || ch == '\f') ch = 0x2028;
    if (extends_grapheme(ch) && text->len && text->str[text->len - 1] == ' ') {
      /* an earlier run's space stays, and the mark gets a base of its own */
      if (text->len > from) g_string_truncate(text, text->len - 1);
      g_string_append_unichar(text, 0xa0);
    }
    g_string_append_unichar(text, ch);
    p = next;
  }
}

/* A character of a right-to-left script: such a paragraph is set against
 * the right edge of the width, so it needs the width. */
static gboolean is_rtl(gunichar c) {
  return (c >= 0x0590 && c <= 0x08ff) || (c >= 0xfb1d && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefe) ||
         (c >= 0x10800 && c <= 0x10fff) || (c >= 0x1e800 && c <= 0x1efff) || c == 0x200f || c == 0x202b ||
         c == 0x202e || c == 0x2067;
}

/* Whether `text` may fit on one line `width` points wide: its characters
 * at LAYOUT_ONE_LINE_EM em each (about the average of the house fonts'
 * letters and figures), with room for a hyphen. Only a guess, to spare
 * laying out twice a text that will wrap: layout_width_set measures. */
#define LAYOUT_ONE_LINE_EM 0.55
/* Room for the hyphen Pango 1.50 counts at a break inside a word, as
 * between two runs of one word (a third of an em in the house fonts).
 * Trailing white space it does not count, so a line narrower than
 * `width` by this room is one Pango keeps whole. */
#define LAYOUT_HYPHEN_ROOM 0.5
static gboolean one_line_likely(const StyleText *st, const char *text, double width) {
  glong chars = 0;
  for (const char *p = text; *p; p = g_utf8_next_char(p), chars++) {
    gunichar c = (guchar)*p < 0x80 ? (gunichar)*p : g_utf8_get_char(p);
    if (c == 0x2028 || is_rtl(c)) return FALSE;
  }
  return (double)chars * st->size * LAYOUT_ONE_LINE_EM + LAYOUT_HYPHEN_ROOM * st->size <= width;
}

/* The width, set so that Pango shapes the text once where it can.
 * Pango 1.50 shapes a text twice when the layout has a width, even a text
 * that fits on one line (240 K instructions against 165 K for a
 * 49-character cell, callgrind): a left-aligned text that fits on one line
 * is laid out the same with no width at all (the same line, glyphs and
 * extents; no alignment offset; no justification, which leaves a last
 * line alone), so such a text keeps width -1. It is laid out at once to
 * know: when its one line is wider than `width` less LAYOUT_HYPHEN_ROOM,
 * it gets its width and Pango lays it out again. Right-to-left text
 * (set against the right edge), another alignment and text with line
 * breaks of its own always get the width. Nothing below layout_text sets
 * an alignment on such a layout without setting a width first
 * (layout_table's cell_fit), and none reads its width but to ask whether
 * it was shaped at one (a single-line cell is handled alike either way). */
static void layout_width_set(PangoLayout *layout, const StyleText *st, double width) {
  if (width <= 0) return;
  const char *text = pango_layout_get_text(layout);
  if (st->align == STYLE_ALIGN_LEFT && one_line_likely(st, text, width)) {
    pango_layout_set_width(layout, -1);
    int w;
    pango_layout_get_size(layout, &w, NULL);
    if (pango_layout_get_line_count(layout) == 1 && (double)w / PANGO_SCALE + LAYOUT_HYPHEN_ROOM * st->size <= width)
      return;
  }
  pango_layout_set_width(layout, (int)(width * PANGO_SCALE));
}

/* cairo writes the URI as given: percent-encode it, quotes included,
 * because it also sits inside a quoted tag attribute. */
static char *uri_encode(const char *uri) {
  return g_uri_escape_string(uri, ":/?#[]@!$&()*+,;=%~-._", FALSE);
}

static void attr_range(PangoAttrList *attrs, PangoAttribute *a, guint start, guint end) {
  attr_range_set(attrs, a, start, end);
}

static void run_attributes(PangoAttrList *attrs, const Style *style, const SpecRun *r, guint start, guint end) {
  if (r->style & RUN_STYLE_BOLD) attr_range(attrs, pango_attr_weight_new(PANGO_WEIGHT_BOLD), start, end);
  if (r->style & RUN_STYLE_ITALIC) attr_range(attrs, pango_attr_style_new(PANGO_STYLE_ITALIC), start, end);
  /* <span lang>: Pango items split there, so render can tag the run's language */
  if (r->lang) attr_range(attrs, pango_attr_language_new(pango_language_from_string(r->lang)), start, end);
  if (r->href || r->coloured) { /* a link's colour, or the run's own (a rating's shape) */
    guint32 c = r->href ? style->link_colour : r->colour;
    attr_range(attrs, pango_attr_foreground_new((c >> 16 & 0xff) * 257, (c >> 8 & 0xff) * 257, (c & 0xff) * 257),
               start, end);
  }
}

/* Adjacent runs with the same href form one link. An internal link
 * ("#name") keeps its '#' and gets the destination prefix. The href is
 * compared as it is kept, encoded: "a(b) c" is "a%28b%29%20c". */
static void link_add(GArray *links, const char *href, guint start, guint end, GStringChunk *strings,
                     const char *dest_prefix) {
  char *enc = href[0] == '#' ? g_strconcat("#", dest_prefix, href + 1, NULL) : uri_encode(href);
  LayoutLink *last = links->len ? &g_array_index(links, LayoutLink, links->len - 1) : NULL;
  if (last && (guint)last->end == start && strcmp(last->uri, enc) == 0) {
    last->end = (int)end;
  } else {
    LayoutLink l = {.start = (int)start, .end = (int)end, .uri = g_string_chunk_insert_const(strings, enc)};
    g_array_append_val(links, l);
  }
  g_free(enc);
}

static gboolean is_allow_breaks(PangoAttribute *a, gpointer data) {
  (void)data;
  return a->klass->type == PANGO_ATTR_ALLOW_BREAKS;
}

void layout_text_allow_breaks(PangoLayout *layout) {
  PangoAttrList *attrs = pango_attr_list_copy(pango_layout_get_attributes(layout));
  if (!attrs) return;
  PangoAttrList *removed = pango_attr_list_filter(attrs, is_allow_breaks, NULL);
  if (removed) pango_attr_list_unref(removed);
  pango_layout_set_attributes(layout, attrs);
  pango_attr_list_unref(attrs);
}

/* Where a hyphen joins a letter to a digit: the byte after each such
 * hyphen, in `text`. */
static GArray *word_hyphen_ends(const char *text) {
  GArray *at = g_array_new(FALSE, FALSE, sizeof(guint));
  for (const char *p = text; *p; p++)
    if (p > text && p[0] == '-' && g_ascii_isalpha(p[-1]) && g_ascii_isdigit(p[1])) {
      guint end = (guint)(p + 1 - text);
      g_array_append_val(at, end);
    }
  return at;
}

PangoLayout *layout_text_break_after_word_hyphens(PangoLayout *layout) {
  GArray *at = word_hyphen_ends(pango_layout_get_text(layout));
  PangoAttrList *attrs = at->len && pango_layout_get_attributes(layout)
                             ? pango_attr_list_copy(pango_layout_get_attributes(layout)) : NULL;
  PangoAttrList *removed = attrs ? pango_attr_list_filter(attrs, is_allow_breaks, NULL) : NULL;
  if (removed) {
    /* each range that held a word and its figure together, in pieces
     * either side of the hyphen's end */
    GSList *list = pango_attr_list_get_attributes(removed);
    for (GSList *l = list; l; l = l->next) {
      PangoAttribute *a = l->data;
      guint start = a->start_index;
      for (guint k = 0; k < at->len; k++) {
        guint end = g_array_index(at, guint, k);
        if (end <= start || end >= a->end_index) continue;
        attr_range_set(attrs, pango_attr_allow_breaks_new(FALSE), start, end);
        start = end;
      }
      attr_range_set(attrs, pango_attr_allow_breaks_new(FALSE), start, a->end_index);
    }
    g_slist_free_full(list, (GDestroyNotify)pango_attribute_destroy);
    pango_attr_list_unref(removed);
    layout = layout_text_own(layout);
    pango_layout_set_attributes(layout, attrs);
  }
  if (attrs) pango_attr_list_unref(attrs);
  g_array_free(at, TRUE);
  return layout;
}

/* Whether `layout` is wider than `width` (the column), by more than
 * rounding: a token that may not break ("25.2%25.2%…", a long code or
 * URL with a digit in it) ran off the page, which layout then refused
 * with no line to point at. */
static gboolean wider_than(PangoLayout *layout, double width) {
  if (width <= 0) return FALSE;
  PangoRectangle logical;
  pango_layout_get_extents(layout, NULL, &logical);
  return (double)logical.width / PANGO_SCALE > width + 0.5;
}

/* ---- the cache of laid-out texts (base/textcache.h) ------------------- */

/* Everything the layout is made from: the context's font map and
 * language (every context is fonts_context_new's with a language), the
 * text style, the width, and the runs as layout_text_new and
 * run_attributes read them (kind, style bits, link or not, colour, and
 * the bytes each became), then the text. The attributes follow from
 * these (fonts_attrs and unbreakable_attrs from the text, the language
 * and `hyphenate`). */
static GBytes *cache_key(PangoContext *ctx, const Style *style, const StyleText *st, double width, gboolean hyphenate,
                         const SpecInline *in, const guint *run_ends, const GString *text) {
  GByteArray *key = g_byte_array_sized_new((guint)text->len + 64 + in->n_runs * 24);
  textcache_key_add(key, "T", 1); /* a text; "W": one set at another width (layout_text_at_width) */
  PangoFontMap *map = pango_context_get_font_map(ctx);
  textcache_key_add(key, &map, sizeof map);
  textcache_key_string(key, pango_language_to_string(pango_context_get_language(ctx)));
  textcache_key_string(key, st->family);
  gint32 flags[4] = {st->bold ? 1 : 0, st->italic ? 1 : 0, (gint32)st->align, hyphenate ? 1 : 0};
  textcache_key_add(key, flags, sizeof flags);
  double numbers[3] = {st->size, st->line_spacing, width};
  textcache_key_add(key, numbers, sizeof numbers);
  textcache_key_add(key, &style->link_colour, sizeof style->link_colour);
  guint32 n = in->n_runs;
  textcache_key_add(key, &n, sizeof n);
  for (guint i = 0; i < in->n_runs; i++) {
    const SpecRun *r = &in->runs[i];
    guint32 run[6] = {(guint32)r->kind, r->style, r->href ? 1u : 0u, r->coloured ? 1u : 0u, r->colour, run_ends[i]};
    textcache_key_add(key, run, sizeof run);
    textcache_key_string(key, r->lang);
  }
  textcache_key_add(key, text->str, text->len);
  return g_byte_array_free_to_bytes(key);
}

PangoLayout *layout_text_own(PangoLayout *layout) { return textcache_own(layout); }

/* A shared layout copied to be set at another width. */
typedef struct {
  PangoLayout *from;
  int width;
  PangoAlignment align;
} WidthMaking;

static PangoLayout *width_make(gpointer data) {
  const WidthMaking *m = data;
  PangoLayout *l = pango_layout_copy(m->from);
  pango_layout_set_width(l, m->width);
  pango_layout_set_alignment(l, m->align);
  return l;
}

PangoLayout *layout_text_at_width(PangoLayout *layout, int width, PangoAlignment align) {
  if (pango_layout_get_width(layout) == width && pango_layout_get_alignment(layout) == align) return layout;
  GBytes *base = textcache_key_of(layout);
  if (!base) {
    pango_layout_set_width(layout, width);
    pango_layout_set_alignment(layout, align);
    return layout;
  }
  gsize n = 0;
  const guint8 *b = g_bytes_get_data(base, &n);
  GByteArray *k = g_byte_array_sized_new((guint)n + 16);
  textcache_key_add(k, "W", 1);
  gint32 how[2] = {width, (gint32)align};
  textcache_key_add(k, how, sizeof how);
  textcache_key_add(k, b, n);
  GBytes *key = g_byte_array_free_to_bytes(k);
  WidthMaking m = {layout, width, align};
  PangoLayout *shared = textcache_get_or_make(key, width_make, &m);
  g_object_unref(layout);
  return shared;
}

void layout_text_cache_clear(void) { textcache_clear(); }

/* layout_text_plain's key: as cache_key's, for one plain run. */
static GBytes *plain_key(PangoContext *ctx, const StyleText *st, double width, const GString *text) {
  GByteArray *key = g_byte_array_sized_new((guint)text->len + 64);
  textcache_key_add(key, "P", 1);
  PangoFontMap *map = pango_context_get_font_map(ctx);
  textcache_key_add(key, &map, sizeof map);
  textcache_key_string(key, pango_language_to_string(pango_context_get_language(ctx)));
  textcache_key_string(key, st->family);
  gint32 flags[3] = {st->bold ? 1 : 0, st->italic ? 1 : 0, (gint32)st->align};
  textcache_key_add(key, flags, sizeof flags);
  double numbers[3] = {st->size, st->line_spacing, width};
  textcache_key_add(key, numbers, sizeof numbers);
  textcache_key_add(key, text->str, text->len);
  return g_byte_array_free_to_bytes(key);
}

static PangoLayout *plain_new(PangoContext *ctx, const StyleText *st, const GString *safe, double width) {
  PangoLayout *layout = pango_layout_new(ctx);
  layout_apply_style(layout, st);
  pango_layout_set_text(layout, safe->str, (int)safe->len);
  PangoAttrList *attrs = pango_attr_list_new();
  fonts_attrs(ctx, st, safe->str, attrs);
  pango_layout_set_attributes(layout, attrs);
  pango_attr_list_unref(attrs);
  layout_width_set(layout, st, width);
  return layout;
}

PangoLayout *layout_text_plain(PangoContext *ctx, const StyleText *st, const char *text, double width) {
  GString *safe = g_string_new(NULL);
  text_append(safe, text);
  GBytes *key = plain_key(ctx, st, width, safe);
  PangoLayout *layout = textcache_get(key);
  if (layout) {
    g_bytes_unref(key);
    g_string_free(safe, TRUE);
    return layout;
  }
  layout = plain_new(ctx, st, safe, width);
  g_string_free(safe, TRUE);
  textcache_put(key, layout);
  return layout;
}

PangoLayout *layout_text_plain_once(PangoContext *ctx, const StyleText *st, const char *text, double width) {
  GString *safe = g_string_new(NULL);
  text_append(safe, text);
  PangoLayout *layout = plain_new(ctx, st, safe, width);
  g_string_free(safe, TRUE);
  return layout;
}

/* A run with a language of its own: collect_shape then puts the block's
 * language under the whole text, changing the layout after it is made,
 * so such a text is laid out on its own. */
static gboolean has_span_language(const SpecInline *in) {
  for (guint i = 0; i < in->n_runs; i++)
    if (in->runs[i].lang) return TRUE;
  return FALSE;
}

/* The attributes of the runs of `in`, whose bytes in `text` end at
 * `run_ends`, and of the whole text: fonts, and what may not break. */
static PangoAttrList *text_attrs(PangoContext *ctx, const Style *style, const StyleText *st, const SpecInline *in,
                                 const guint *run_ends, const GString *text, gboolean hyphenate) {
  PangoAttrList *attrs = pango_attr_list_new();
  for (guint i = 0, start = 0; i < in->n_runs; start = run_ends[i++]) {
    const SpecRun *r = &in->runs[i];
    guint end = run_ends[i];
    if (r->kind == RUN_FOOTNOTE) { /* its number, raised and smaller */
      attr_range(attrs, pango_attr_rise_new((int)(st->size * 0.33 * PANGO_SCALE)), start, end);
      attr_range(attrs, pango_attr_scale_new(0.7), start, end);
    }
    if (end > start) run_attributes(attrs, style, r, start, end);
  }
  fonts_attrs(ctx, st, text->str, attrs);
  unbreakable_attrs(ctx, text->str, hyphenate, attrs);
  return attrs;
}

PangoLayout *layout_text_new(PangoContext *ctx, const Style *style, const StyleText *st, const SpecInline *in,
                             double width, gboolean hyphenate, LayoutLink **links_out, guint *n_links,
                             GStringChunk *strings, const char *dest_prefix) {
  GString *text = g_string_new(NULL);
  GArray *links = g_array_new(FALSE, FALSE, sizeof(LayoutLink));
  guint *run_ends = g_new(guint, MAX(in->n_runs, 1));
  for (guint i = 0; i < in->n_runs; i++) {
    const SpecRun *r = &in->runs[i];
    guint start = (guint)text->len;
    if (r->kind == RUN_BREAK)
      g_string_append(text, "\u2028"); /* line separator: a break inside the paragraph */
    else
      text_append(text, r->text ? r->text : "");
    run_ends[i] = (guint)text->len;
    if (r->href && run_ends[i] > start) link_add(links, r->href, start, run_ends[i], strings, dest_prefix ? dest_prefix : "");
  }
  /* looked up before the attributes are made: a text found needs none */
  GBytes *key = has_span_language(in) ? NULL : cache_key(ctx, style, st, width, hyphenate, in, run_ends, text);
  PangoLayout *layout = key ? textcache_get(key) : NULL;
  if (layout) {
    g_bytes_unref(key);
  } else {
    PangoAttrList *attrs = text_attrs(ctx, style, st, in, run_ends, text, hyphenate);
    layout = pango_layout_new(ctx);
    layout_apply_style(layout, st);
    pango_layout_set_text(layout, text->str, (int)text->len);
    pango_layout_set_attributes(layout, attrs);
    pango_attr_list_unref(attrs);
    layout_width_set(layout, st, width); /* before wider_than, which needs the width Pango breaks at */
    if (wider_than(layout, width)) layout_text_allow_breaks(layout);
    pango_layout_get_unknown_glyphs_count(layout); /* laid out now, once, for all who get it */
    if (key) textcache_put(key, layout);
  }
  g_free(run_ends);
  g_string_free(text, TRUE);
  *n_links = links->len;
  *links_out = (LayoutLink *)g_array_free(links, links->len == 0);
  return layout;
}
