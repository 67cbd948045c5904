/* fonts: the private set shows the scripts of England's and Wales's main
 * community languages with no unknown glyph, each word in one font, the
 * arrows in one font, and names the characters it cannot show. */
#include "testutil.h"

#include <fontconfig/fontconfig.h>

#include "base/fonts.h"

static PangoFontMap *map;
static PangoContext *ctx;

static int setup(void **state) {
  (void)state;
  map = fonts_font_map_new("fonts", NULL);
  if (!map) return -1;
  ctx = fonts_context_new(map);
  return 0;
}

static int teardown(void **state) {
  (void)state;
  g_object_unref(ctx);
  g_object_unref(map);
  return 0;
}

/* `text` shaped in Liberation Sans 12 pt with the set's family rules. */
static PangoLayout *shape(const char *text) {
  PangoFontDescription *fd = pango_font_description_from_string("Liberation Sans 12");
  PangoLayout *l = pango_layout_new(ctx);
  pango_layout_set_font_description(l, fd);
  pango_layout_set_text(l, text, -1);
  PangoAttrList *attrs = pango_attr_list_new();
  fonts_assign(ctx, fd, text, attrs);
  pango_layout_set_attributes(l, attrs);
  pango_attr_list_unref(attrs);
  pango_font_description_free(fd);
  return l;
}

/* The family of the glyph run holding byte `index` (g_free). */
static char *family_at(PangoLayout *l, int index) {
  for (GSList *line = pango_layout_get_lines_readonly(l); line; line = line->next)
    for (GSList *r = ((PangoLayoutLine *)line->data)->runs; r; r = r->next) {
      PangoItem *item = ((PangoGlyphItem *)r->data)->item;
      if (index < item->offset || index >= item->offset + item->length) continue;
      PangoFontDescription *d = pango_font_describe(item->analysis.font);
      char *family = g_strdup(pango_font_description_get_family(d));
      pango_font_description_free(d);
      return family;
    }
  return NULL;
}

/* Every space-separated word of `text` in one font; that of the first
 * word returned (g_free). */
static char *assert_words_in_one_font(PangoLayout *l, const char *text) {
  char *first = NULL;
  const char *word = NULL;
  for (const char *p = text;; p = g_utf8_next_char(p)) {
    gboolean end = !*p || *p == ' ';
    if (end && word) {
      char *f0 = family_at(l, (int)(word - text));
      for (const char *q = word; q < p; q = g_utf8_next_char(q)) {
        char *f = family_at(l, (int)(q - text));
        if (g_strcmp0(f, f0) != 0)
          fail_msg("'%.*s' mixes %s and %s", (int)(p - word), word, f0, f);
        g_free(f);
      }
      if (!first) first = f0;
      else g_free(f0);
      word = NULL;
    }
    if (!*p) break;
    if (!end && !word) word = p;
  }
  return first;
}

static void assert_shown_in(const char *text, const char *family) {
  PangoLayout *l = shape(text);
  assert_int_equal(pango_layout_get_unknown_glyphs_count(l), 0);
  char *f = assert_words_in_one_font(l, text);
  if (g_strcmp0(f, family) != 0) fail_msg("'%s' is set in %s, not %s", text, f, family);
  g_free(f);
  g_object_unref(l);
}

static void test_community_languages(void **state) {
  (void)state;
  assert_shown_in("ਜੇ ਤੁਸੀਂ ਇਹ ਦਸਤਾਵੇਜ਼ ਕਿਸੇ ਹੋਰ ਭਾਸ਼ਾ ਵਿੱਚ ਚਾਹੁੰਦੇ ਹੋ, ਤਾਂ ਕਿਰਪਾ ਕਰਕੇ ਸਾਡੇ ਨਾਲ ਸੰਪਰਕ ਕਰੋ।", "Noto Sans Gurmukhi");
  assert_shown_in("আপনি যদি এই নথিটি অন্য ভাষায় চান, তাহলে অনুগ্রহ করে আমাদের সাথে যোগাযোগ করুন।", "Noto Sans Bengali");
  assert_shown_in("如果您需要其他语言版本的本文件，请与我们联系。", "Droid Sans Fallback");
  /* ہ ے ۔ are Urdu's: the whole text goes to Nastaliq */
  assert_shown_in("اگر آپ یہ دستاویز کسی اور زبان میں چاہتے ہیں تو براہ کرم ہم سے رابطہ کریں۔", "Noto Nastaliq Urdu");
  assert_shown_in("إذا كنت ترغب في الحصول على هذه الوثيقة بلغة أخرى، يرجى الاتصال بنا.", "Noto Naskh Arabic");
  assert_shown_in("જો તમે આ દસ્તાવેજ બીજી ભાષામાં ઇચ્છતા હો", "Noto Sans Gujarati");
  assert_shown_in("यदि आप यह दस्तावेज़ किसी अन्य भाषा में चाहते हैं।", "Noto Sans Devanagari");
  assert_shown_in("இந்த ஆவணத்தை வேறு மொழியில் பெற விரும்பினால்", "Noto Sans Tamil");
  assert_shown_in("Jeśli chcesz otrzymać ten dokument, ŵ ŷ, ș ț, Ако искате, Εάν θέλετε", "Liberation Sans");
}

/* A word the house font cannot show whole moves whole: no "Ỻ" from one
 * font and "yfr" from another. */
static void test_extended_latin_word_whole(void **state) {
  (void)state;
  PangoLayout *l = shape("Ỻyfr Coch");
  char *f0 = family_at(l, 0), *f1 = family_at(l, (int)strlen("Ỻ")), *f2 = family_at(l, (int)strlen("Ỻyfr "));
  assert_string_equal(f0, "Noto Sans");
  assert_string_equal(f1, "Noto Sans");
  assert_string_equal(f2, "Liberation Sans");
  g_free(f0), g_free(f1), g_free(f2);
  g_object_unref(l);
}

/* ↔ is in Liberation Sans, ↗ ↘ are not: all three come from one font. */
static void test_arrows_one_font(void **state) {
  (void)state;
  const char *text = "↗ ↔ ↘ ★Label";
  PangoLayout *l = shape(text);
  assert_int_equal(pango_layout_get_unknown_glyphs_count(l), 0);
  for (int i = 0; i < 3; i++) {
    char *f = family_at(l, i * (int)strlen("↗ "));
    assert_string_equal(f, "DejaVu Sans");
    g_free(f);
  }
  char *label = family_at(l, (int)(strstr(text, "Label") - text));
  assert_string_equal(label, "Liberation Sans"); /* the star does not take the word with it */
  g_free(label);
  g_object_unref(l);
}

static void test_private_use_is_named(void **state) {
  (void)state;
  PangoLayout *l = shape("Call \xee\x80\x80 now \xee\x80\x81");
  int count = 0;
  char *chars = fonts_unknown_chars(l, &count);
  assert_int_equal(count, 2);
  assert_string_equal(chars, "U+E000, U+E001");
  g_free(chars);
  g_object_unref(l);
  l = shape("All shown");
  assert_null(fonts_unknown_chars(l, &count));
  g_object_unref(l);
}

/* A listed Debian font that is not there is an error naming its package. */
static void test_missing_listed_font(void **state) {
  (void)state;
  char *dir = test_scratch_dir("fonts-missing");
  char *src = g_build_filename("fonts", "LiberationSans-Regular.ttf", NULL), *data = NULL;
  gsize len = 0;
  assert_true(g_file_get_contents(src, &data, &len, NULL));
  char *dst = g_build_filename(dir, "LiberationSans-Regular.ttf", NULL);
  assert_true(g_file_set_contents(dst, data, (gssize)len, NULL));
  char *list = test_write_file(dir, "debian.list", "# test\nfonts-noto-nowhere /nonexistent/NotoSansNowhere.ttf\n");
  GError *err = NULL;
  PangoFontMap *m = fonts_font_map_new(dir, &err);
  assert_null(m);
  assert_non_null(strstr(err->message, "fonts-noto-nowhere"));
  g_error_free(err);
  g_free(dir), g_free(src), g_free(data), g_free(dst), g_free(list);
}

/* Whether `map` knows the family `name`. */
static gboolean has_family(PangoFontMap *m, const char *name) {
  PangoFontFamily **families = NULL;
  int n = 0;
  pango_font_map_list_families(m, &families, &n);
  gboolean found = FALSE;
  for (int i = 0; i < n && !found; i++) found = strcmp(pango_font_family_get_name(families[i]), name) == 0;
  g_free(families);
  return found;
}

/* The font cache: a file's faces come from its entry while the file has
 * the entry's size and modification time, and from the file once it has
 * changed. The entry here names its face "Cached Sans" (what FreeType
 * reads says Liberation Sans), so the family shows which was used. */
static void test_cache_used_while_file_unchanged(void **state) {
  (void)state;
  char *dir = test_scratch_dir("fonts-cache");
  char *src = g_build_filename("fonts", "LiberationSans-Regular.ttf", NULL), *data = NULL;
  gsize len = 0;
  assert_true(g_file_get_contents(src, &data, &len, NULL));
  char *font = g_build_filename(dir, "LiberationSans-Regular.ttf", NULL);
  assert_true(g_file_set_contents(font, data, (gssize)len, NULL));
  char *faces = fonts_file_faces(font);
  assert_non_null(faces);
  assert_non_null(strstr(faces, "Liberation Sans"));
  GString *renamed = g_string_new(faces);
  g_string_replace(renamed, "Liberation Sans", "Cached Sans", 0);
  FontsCacheEntry cache[2] = {{.path = font, .patterns = renamed->str}, {0}};
  assert_true(fonts_file_stamp(font, &cache[0].stamp));

  PangoFontMap *m = fonts_font_map_new_cached(dir, cache, NULL);
  assert_non_null(m);
  assert_true(has_family(m, "Cached Sans"));
  assert_false(has_family(m, "Liberation Sans"));
  g_object_unref(m);

  cache[0].stamp.mtime_sec -= 1; /* the file changed since it was cached */
  m = fonts_font_map_new_cached(dir, cache, NULL);
  assert_non_null(m);
  assert_false(has_family(m, "Cached Sans"));
  assert_true(has_family(m, "Liberation Sans"));
  g_object_unref(m);

  g_string_free(renamed, TRUE);
  g_free(faces), g_free(font), g_free(dir), g_free(src), g_free(data);
}

/* What the cache holds for a font is what fontconfig reads from it: the
 * face text parses back to a pattern equal to FreeType's. */
static void test_cached_faces_equal_read_faces(void **state) {
  (void)state;
  GPtrArray *files = fonts_files("fonts", NULL);
  assert_non_null(files);
  assert_true(files->len >= 6);
  for (guint i = 0; i < files->len; i++) {
    const char *path = g_ptr_array_index(files, i);
    char *faces = fonts_file_faces(path);
    assert_non_null(faces);
    FcFontSet *read = FcFontSetCreate();
    FcFreeTypeQueryAll((const FcChar8 *)path, -1, NULL, NULL, read);
    char **lines = g_strsplit(faces, "\n", -1);
    assert_int_equal(g_strv_length(lines), read->nfont);
    for (int k = 0; k < read->nfont; k++) {
      FcPattern *back = FcNameParse((const FcChar8 *)lines[k]);
      assert_true(FcPatternEqual(back, read->fonts[k]));
      FcPatternDestroy(back);
    }
    g_strfreev(lines);
    FcFontSetDestroy(read);
    g_free(faces);
  }
  g_ptr_array_free(files, TRUE);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_community_languages),  cmocka_unit_test(test_extended_latin_word_whole),
      cmocka_unit_test(test_arrows_one_font),      cmocka_unit_test(test_private_use_is_named),
      cmocka_unit_test(test_missing_listed_font),  cmocka_unit_test(test_cache_used_while_file_unchanged),
      cmocka_unit_test(test_cached_faces_equal_read_faces),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
