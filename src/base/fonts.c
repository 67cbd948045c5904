/* fonts — see fonts.h. */
#include "fonts.h"

#include <fontconfig/fontconfig.h>
#include <pango/pangofc-fontmap.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef BOARDPACK_DATADIR
#define BOARDPACK_DATADIR "/usr/local/share/boardpack"
#endif

static gboolean looks_like_datadir(const char *dir) {
  char *probe = g_build_filename(dir, "fonts", "LiberationSans-Regular.ttf", NULL);
  gboolean ok = g_file_test(probe, G_FILE_TEST_IS_REGULAR);
  g_free(probe);
  return ok;
}

static char *find_datadir(void) {
  const char *env = g_getenv("BOARDPACK_DATADIR");
  if (env && *env) return g_strdup(env);
  char *exe = g_file_read_link("/proc/self/exe", NULL);
  if (exe) {
    /* build/boardpack or build/san/boardpack in the source tree, or
     * PREFIX/bin/boardpack beside PREFIX/share/boardpack */
    char *dir = g_path_get_dirname(exe);
    for (int up = 0; up < 3 && dir; up++) {
      char *share = g_build_filename(dir, "share", "boardpack", NULL);
      if (looks_like_datadir(share)) {
        g_free(dir);
        g_free(exe);
        return share;
      }
      g_free(share);
      if (looks_like_datadir(dir)) {
        g_free(exe);
        return dir;
      }
      char *parent = g_path_get_dirname(dir);
      g_free(dir);
      dir = parent;
    }
    g_free(dir);
    g_free(exe);
  }
  return looks_like_datadir(BOARDPACK_DATADIR) ? g_strdup(BOARDPACK_DATADIR) : NULL;
}

const char *fonts_datadir(void) {
  static char *datadir;
  static gsize once;
  if (g_once_init_enter(&once)) {
    datadir = find_datadir();
    g_once_init_leave(&once, 1);
  }
  return datadir;
}

static gint compare_names(gconstpointer a, gconstpointer b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The vendored font files of `dir`, in name order. */
static void fonts_vendored(GPtrArray *files, const char *dir) {
  GDir *d = g_dir_open(dir, 0, NULL);
  if (!d) return;
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  for (const char *name; (name = g_dir_read_name(d));)
    if (g_str_has_suffix(name, ".ttf") || g_str_has_suffix(name, ".otf")) g_ptr_array_add(names, g_strdup(name));
  g_dir_close(d);
  g_ptr_array_sort(names, compare_names);
  for (guint i = 0; i < names->len; i++) g_ptr_array_add(files, g_build_filename(dir, g_ptr_array_index(names, i), NULL));
  g_ptr_array_free(names, TRUE);
}

/* The Debian font files named in DIR/debian.list ("package /path" a
 * line). Every one must be there: a machine without one would lay out
 * differently, without a word said. */
static gboolean fonts_listed(GPtrArray *files, const char *dir, GError **error) {
  char *list = g_build_filename(dir, "debian.list", NULL), *text = NULL;
  gboolean ok = TRUE;
  if (!g_file_get_contents(list, &text, NULL, NULL)) {
    g_free(list);
    return TRUE; /* a fonts/ of vendored files only */
  }
  char **lines = g_strsplit(text, "\n", -1);
  for (guint i = 0; ok && lines[i]; i++) {
    char *line = g_strstrip(lines[i]);
    char *space = strchr(line, ' ');
    if (!*line || line[0] == '#' || !space) continue;
    *space = '\0';
    const char *path = g_strstrip(space + 1);
    if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
      g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                  "font %s is missing: install the Debian package %s (apt-get install %s)", path, line, line);
      ok = FALSE;
    } else {
      g_ptr_array_add(files, g_strdup(path));
    }
  }
  g_strfreev(lines);
  g_free(text);
  g_free(list);
  return ok;
}

GPtrArray *fonts_files(const char *fonts_dir, GError **error) {
  char *dir = fonts_dir ? g_strdup(fonts_dir)
                        : (fonts_datadir() ? g_build_filename(fonts_datadir(), "fonts", NULL) : NULL);
  if (!dir) {
    g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                "cannot find boardpack's fonts/ directory (set BOARDPACK_DATADIR)");
    return NULL;
  }
  GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
  fonts_vendored(files, dir);
  if (!fonts_listed(files, dir, error)) {
    g_ptr_array_free(files, TRUE);
    files = NULL;
  } else if (files->len == 0) {
    g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_NOENT, "no fonts found in %s", dir);
    g_ptr_array_free(files, TRUE);
    files = NULL;
  }
  g_free(dir);
  return files;
}

gboolean fonts_file_stamp(const char *path, FontsStamp *stamp) {
  struct stat st;
  if (stat(path, &st) != 0) return FALSE;
  stamp->size = (gint64)st.st_size;
  stamp->mtime_sec = (gint64)st.st_mtim.tv_sec;
  stamp->mtime_nsec = (gint64)st.st_mtim.tv_nsec;
  return TRUE;
}

char *fonts_file_faces(const char *path) {
  FcFontSet *set = FcFontSetCreate();
  FcFreeTypeQueryAll((const FcChar8 *)path, -1, NULL, NULL, set);
  GString *text = g_string_new(NULL);
  gboolean ok = set->nfont > 0;
  for (int i = 0; ok && i < set->nfont; i++) {
    FcChar8 *line = FcNameUnparse(set->fonts[i]);
    FcPattern *back = line && !strchr((const char *)line, '\n') ? FcNameParse(line) : NULL;
    ok = back && FcPatternEqual(back, set->fonts[i]);
    if (ok) g_string_append_printf(text, "%s%s", i ? "\n" : "", (const char *)line);
    if (back) FcPatternDestroy(back);
    FcStrFree(line);
  }
  FcFontSetDestroy(set);
  return g_string_free(text, !ok);
}

/* The cache's entry for `path` when the file is still the one it was made
 * from (same size and modification time), else NULL. */
static const FontsCacheEntry *cache_entry(const FontsCacheEntry *cache, const char *path) {
  FontsStamp now;
  for (const FontsCacheEntry *e = cache; e->path; e++) {
    if (strcmp(e->path, path) != 0) continue;
    if (!fonts_file_stamp(path, &now)) return NULL;
    return now.size == e->stamp.size && now.mtime_sec == e->stamp.mtime_sec && now.mtime_nsec == e->stamp.mtime_nsec
               ? e
               : NULL;
  }
  return NULL;
}

/* The faces of `path` into `set`: from the cache when it holds the file
 * as it is, else read from the file by FreeType (what costs ~1.2 M
 * instructions a font: its character map is walked glyph by glyph). */
static void fonts_add_file(FcFontSet *set, const FontsCacheEntry *cache, const char *path) {
  const FontsCacheEntry *e = cache_entry(cache, path);
  if (e) {
    char **faces = g_strsplit(e->patterns, "\n", -1);
    for (char **f = faces; *f; f++) {
      FcPattern *p = FcNameParse((const FcChar8 *)*f);
      if (p) FcFontSetAdd(set, p);
    }
    g_strfreev(faces);
    return;
  }
  FcFreeTypeQueryAll((const FcChar8 *)path, -1, NULL, NULL, set);
}

PangoFontMap *fonts_font_map_new(const char *fonts_dir, GError **error) {
  return fonts_font_map_new_cached(fonts_dir, fonts_cache, error);
}

PangoFontMap *fonts_font_map_new_cached(const char *fonts_dir, const FontsCacheEntry *cache, GError **error) {
  GPtrArray *files = fonts_files(fonts_dir, error);
  if (!files) return NULL;
  /* The faces go straight into the config's (empty) set of system fonts,
   * in the files' order: FcConfigAppFontAddFile would read each file
   * even when the cache knows it, and fontconfig offers no other way to
   * add a pattern it already has. An FcConfig with no font directories
   * reads no configuration files, scans nothing, writes no cache. */
  FcConfig *config = FcConfigCreate();
  FcConfigBuildFonts(config);
  FcFontSet *set = FcConfigGetFonts(config, FcSetSystem);
  for (guint i = 0; set && i < files->len; i++) fonts_add_file(set, cache, g_ptr_array_index(files, i));
  if (!set || set->nfont == 0) {
    g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_NOENT, "no font loads from %s", (char *)g_ptr_array_index(files, 0));
    FcConfigDestroy(config);
    g_ptr_array_free(files, TRUE);
    return NULL;
  }
  g_ptr_array_free(files, TRUE);
  /* Current before the font map exists: Pango's font map starts a thread
   * that calls FcInit(), which would otherwise load the machine's whole
   * fontconfig configuration and scan its fonts (about 28 M instructions)
   * for a set we never use. */
  FcConfigSetCurrent(config);
  PangoFontMap *map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
  pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map), config);
  FcConfigDestroy(config); /* the font map and fontconfig hold their own references */
  pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(map), 72.0); /* 1 unit = 1 pt */
  return map;
}

PangoContext *fonts_context_new(PangoFontMap *map) {
  PangoContext *ctx = pango_font_map_create_context(map);
  cairo_font_options_t *opts = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias(opts, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options(ctx, opts);
  cairo_font_options_destroy(opts);
  pango_context_set_round_glyph_positions(ctx, FALSE);
  pango_context_set_language(ctx, pango_language_from_string("en-gb"));
  return ctx;
}
