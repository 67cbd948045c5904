/* style — house-style file → Style. See style.h. */
#include "style.h"

#include "chart/chart.h"

#include <glib/gstdio.h>
#include <string.h>

#include "base/fonts.h"
#include "base/length.h"
#include "base/xmlsrc.h"
#include "style_check.h"

static double attr_length(xmlNode *n, const char *name, double fallback) {
  char *v = n ? xmlsrc_attr(n, name) : NULL;
  double d = length_points(v, fallback);
  g_free(v);
  return d;
}

static guint32 attr_colour(xmlNode *n, const char *name, guint32 fallback) {
  char *v = n ? xmlsrc_attr(n, name) : NULL;
  guint32 c = v ? (guint32)g_ascii_strtoull(v + 1, NULL, 16) : fallback;
  g_free(v);
  return c;
}

static char *attr_string(xmlNode *n, const char *name, const char *fallback) {
  char *v = n ? xmlsrc_attr(n, name) : NULL;
  return v ? v : g_strdup(fallback);
}

static gboolean attr_equals(xmlNode *n, const char *name, const char *value) {
  char *v = xmlsrc_attr(n, name);
  gboolean eq = v && strcmp(v, value) == 0;
  g_free(v);
  return eq;
}

static void text_read(xmlNode *n, const StyleText *base, StyleText *t) {
  g_free(t->family);
  *t = *base;
  t->family = attr_string(n, "family", base->family);
  t->size = attr_length(n, "size", base->size);
  if (xmlHasProp(n, BAD_CAST "weight")) t->bold = attr_equals(n, "weight", "bold");
  if (xmlHasProp(n, BAD_CAST "style")) t->italic = attr_equals(n, "style", "italic");
  t->colour = attr_colour(n, "colour", base->colour);
  char *ls = xmlsrc_attr(n, "line-spacing");
  if (ls) t->line_spacing = g_ascii_strtod(ls, NULL);
  g_free(ls);
  /* Spacing is not inherited: a heading's space is its own. */
  t->space_before = attr_length(n, "space-before", 0);
  t->space_after = attr_length(n, "space-after", n == NULL ? base->space_after : 0);
  char *al = xmlsrc_attr(n, "align");
  if (al) {
    t->align = strcmp(al, "centre") == 0    ? STYLE_ALIGN_CENTRE
               : strcmp(al, "right") == 0   ? STYLE_ALIGN_RIGHT
               : strcmp(al, "justify") == 0 ? STYLE_ALIGN_JUSTIFY
                                            : STYLE_ALIGN_LEFT;
    g_free(al);
  }
}

static xmlNode *text_node(xmlNode *root, StyleRole role) {
  for (xmlNode *n = xmlsrc_first_element(root); n; n = xmlsrc_next_element(n))
    if (xmlsrc_is(n, "text") && attr_equals(n, "role", style_role_name(role))) return n;
  return NULL;
}

static void page_read(Style *s, xmlNode *page) {
  char *size = page ? xmlsrc_attr(page, "size") : NULL;
  double w = 595.276, h = 841.89; /* A4 */
  if (size && strcmp(size, "A3") == 0) w = 841.89, h = 1190.551;
  if (size && strcmp(size, "A5") == 0) w = 419.528, h = 595.276;
  if (size && strcmp(size, "letter") == 0) w = 612, h = 792;
  g_free(size);
  gboolean landscape = page && attr_equals(page, "orientation", "landscape");
  s->page_width = landscape ? h : w;
  s->page_height = landscape ? w : h;
  s->margin_top = attr_length(page, "margin-top", 72);
  s->margin_bottom = attr_length(page, "margin-bottom", 72);
  s->margin_left = attr_length(page, "margin-left", 72);
  s->margin_right = attr_length(page, "margin-right", 72);
  s->header_offset = attr_length(page, "header-offset", s->margin_top / 2);
  s->footer_offset = attr_length(page, "footer-offset", s->margin_bottom / 2);
}

static void bullets_read(Style *s, xmlNode *lists) {
  char *spec = attr_string(lists, "bullets", "• – ◦");
  char **parts = g_strsplit(spec, " ", -1);
  const char *last = "•";
  for (int i = 0, j = 0; i < 3; i++) {
    while (parts[j] && !*parts[j]) j++;
    if (parts[j]) last = parts[j++];
    s->bullets[i] = g_strdup(last);
  }
  g_strfreev(parts);
  g_free(spec);
}

static guint32 attr_fill(xmlNode *n, const char *name, guint32 fallback) {
  char *v = n ? xmlsrc_attr(n, name) : NULL;
  guint32 c = !v ? fallback : strcmp(v, "none") == 0 ? STYLE_NO_FILL : (guint32)g_ascii_strtoull(v + 1, NULL, 16);
  g_free(v);
  return c;
}

static void table_read(Style *s, xmlNode *t) {
  s->table.padding = attr_length(t, "padding", 3);
  s->table.rule_colour = attr_colour(t, "rule", 0x9a9a9a);
  s->table.rule_width = attr_length(t, "rule-width", 0.5);
  s->table.head_fill = attr_fill(t, "head-fill", STYLE_NO_FILL);
  s->table.group_fill = attr_fill(t, "group-fill", STYLE_NO_FILL);
  s->table.zebra_fill = attr_fill(t, "zebra-fill", STYLE_NO_FILL);
}

static void chart_read(Style *s, xmlNode *c) {
  s->chart.height = attr_length(c, "height", 200);
  s->chart.font_size = attr_length(c, "font-size", 0);
  char *list = c ? xmlsrc_attr(c, "colours") : NULL;
  char **parts = list ? g_strsplit(list, " ", -1) : NULL;
  for (char **q = parts; q && *q && s->chart.n_colours < G_N_ELEMENTS(s->chart.colours); q++)
    if (**q == '#') s->chart.colours[s->chart.n_colours++] = (guint32)g_ascii_strtoull(*q + 1, NULL, 16);
  g_strfreev(parts);
  g_free(list);
  s->chart.padding = attr_length(c, "padding", 4);
  s->chart.sparkline_height = attr_length(c, "sparkline-height", 28);
  s->chart.caption_room = attr_length(c, "caption-room", 60);
}

static double attr_number(xmlNode *n, const char *name, double fallback) {
  char *v = n ? xmlsrc_attr(n, name) : NULL;
  double d = v ? g_ascii_strtod(v, NULL) : fallback;
  g_free(v);
  return d;
}

static void figure_read(Style *s, xmlNode *f) {
  s->figure.dpi = attr_number(f, "dpi", 150);
  s->figure.min_dpi = attr_number(f, "min-dpi", 150);
  s->figure.caption_room = attr_length(f, "caption-room", 40);
}

static void contents_read(Style *s, xmlNode *c) {
  s->contents.page_number_width = attr_length(c, "page-number-width", 30);
  s->contents.entry_space = attr_length(c, "entry-space", 2);
}

static void contact_read(Style *s, xmlNode *c) {
  s->signature_width = attr_length(c, "signature-width", 120);
  s->contact_space = attr_length(c, "line-space", 2);
}

static void style_read(Style *s, xmlNode *root) {
  s->name = xmlsrc_attr(root, "name");
  page_read(s, xmlsrc_child(root, "page"));
  StyleText body = {.family = "Liberation Sans", .size = 12, .line_spacing = 1.2, .space_after = 6};
  text_read(text_node(root, STYLE_BODY), &body, &s->text[STYLE_BODY]);
  for (int r = 1; r < STYLE_COUNT; r++) text_read(text_node(root, r), &s->text[STYLE_BODY], &s->text[r]);

  xmlNode *paras = xmlsrc_child(root, "paragraphs");
  s->number_width = attr_length(paras, "number-width", 36);
  s->number_gap = attr_length(paras, "number-gap", 8.5);
  char *w = paras ? xmlsrc_attr(paras, "widows") : NULL, *o = paras ? xmlsrc_attr(paras, "orphans") : NULL;
  s->widows = w ? atoi(w) : 2;
  s->orphans = o ? atoi(o) : 2;
  g_free(w);
  g_free(o);
  xmlNode *lists = xmlsrc_child(root, "lists");
  s->list_indent = attr_length(lists, "indent", 20);
  bullets_read(s, lists);

  xmlNode *header = xmlsrc_child(root, "header"), *footer = xmlsrc_child(root, "footer");
  s->header_left = attr_string(header, "left", "");
  s->header_right = attr_string(header, "right", "");
  s->header_on_first_page = !header || !attr_equals(header, "first-page", "no");
  s->footer_left = attr_string(footer, "left", "");
  s->footer_centre = attr_string(footer, "centre", STYLE_FOOTER_CENTRE);
  s->footer_centre_default = !footer || !xmlHasProp(footer, (const xmlChar *)"centre");
  s->footer_right = attr_string(footer, "right", "");
  xmlNode *colours = xmlsrc_child(root, "colours");
  s->link_colour = attr_colour(colours, "link", 0x0b4f9c);
  s->rule_colour = attr_colour(colours, "rule", 0x777777);
  s->accent_colour = attr_colour(colours, "accent", 0x000000);
  s->rule_width = attr_length(colours, "rule-width", 0.75);
  table_read(s, xmlsrc_child(root, "table"));
  chart_read(s, xmlsrc_child(root, "chart"));
  figure_read(s, xmlsrc_child(root, "figures"));
  contents_read(s, xmlsrc_child(root, "contents"));
  contact_read(s, xmlsrc_child(root, "contact"));
  xmlNode *notes = xmlsrc_child(root, "footnotes");
  s->footnotes_per_page = notes && attr_equals(notes, "numbering", "per-page");
}

gboolean style_is_name(const char *name_or_path) {
  return !strchr(name_or_path, '/') && !g_str_has_suffix(name_or_path, ".xml");
}

/* Whether `path` is one of the house styles installed with boardpack. */
static gboolean style_installed(const char *path) {
  char *base = g_path_get_basename(path), *name = g_strndup(base, strlen(base) - MIN(strlen(base), 4));
  char *installed = style_file(name);
  gboolean same = g_str_has_suffix(base, ".xml") && strcmp(installed, path) == 0;
  g_free(base), g_free(name), g_free(installed);
  return same;
}

char *style_file(const char *name_or_path) {
  if (!style_is_name(name_or_path)) return g_strdup(name_or_path);
  const char *datadir = fonts_datadir();
  char *file = g_strconcat(name_or_path, ".xml", NULL);
  char *path = g_build_filename(datadir ? datadir : ".", "layouts", file, NULL);
  g_free(file);
  return path;
}

/* ---- values the schema leaves to C ----------------------------------
 * Lengths and colours are checked here, not by RELAX NG patterns in
 * layout.rng: libxml2 compiles a regular expression afresh for every
 * pattern-typed value it validates (and again when it backtracks through
 * the <interleave>), which cost about 17 M instructions per house style.
 * Here the message also names the attribute, the value and what would
 * do, at the element's line and column. */

typedef enum { VALUE_LENGTH, VALUE_COLOUR, VALUE_FILL, VALUE_COLOURS } ValueKind;

static const struct {
  const char *element, *attribute;
  ValueKind kind;
} checked_values[] = {
    {"page", "margin-top", VALUE_LENGTH},      {"page", "margin-bottom", VALUE_LENGTH},
    {"page", "margin-left", VALUE_LENGTH},     {"page", "margin-right", VALUE_LENGTH},
    {"page", "header-offset", VALUE_LENGTH},   {"page", "footer-offset", VALUE_LENGTH},
    {"text", "size", VALUE_LENGTH},            {"text", "space-before", VALUE_LENGTH},
    {"text", "space-after", VALUE_LENGTH},     {"text", "colour", VALUE_COLOUR},
    {"paragraphs", "number-width", VALUE_LENGTH}, {"paragraphs", "number-gap", VALUE_LENGTH},
    {"lists", "indent", VALUE_LENGTH},
    {"colours", "link", VALUE_COLOUR},         {"colours", "rule", VALUE_COLOUR},
    {"colours", "accent", VALUE_COLOUR},       {"colours", "rule-width", VALUE_LENGTH},
    {"table", "padding", VALUE_LENGTH},        {"table", "rule", VALUE_COLOUR},
    {"table", "rule-width", VALUE_LENGTH},     {"table", "head-fill", VALUE_FILL},
    {"table", "group-fill", VALUE_FILL},       {"table", "zebra-fill", VALUE_FILL},
    {"chart", "height", VALUE_LENGTH},         {"chart", "font-size", VALUE_LENGTH},
    {"chart", "padding", VALUE_LENGTH},        {"chart", "sparkline-height", VALUE_LENGTH},
    {"chart", "caption-room", VALUE_LENGTH},   {"chart", "colours", VALUE_COLOURS},
    {"figures", "caption-room", VALUE_LENGTH}, {"contents", "page-number-width", VALUE_LENGTH},
    {"contents", "entry-space", VALUE_LENGTH}, {"contact", "signature-width", VALUE_LENGTH},
    {"contact", "line-space", VALUE_LENGTH},
};

static const char *digits_skip(const char *p) {
  const char *start = p;
  while (g_ascii_isdigit(*p)) p++;
  return p > start ? p : NULL;
}

/* [0-9]+(\.[0-9]+)?(mm|cm|pt|in), the whole value */
static gboolean is_length(const char *v) {
  const char *p = digits_skip(v);
  if (p && *p == '.') p = digits_skip(p + 1);
  if (!p) return FALSE;
  return strcmp(p, "mm") == 0 || strcmp(p, "cm") == 0 || strcmp(p, "pt") == 0 || strcmp(p, "in") == 0;
}

/* #[0-9A-Fa-f]{6} at the start of v; the end of it, or NULL */
static const char *colour_skip(const char *v) {
  if (*v != '#') return NULL;
  for (int i = 1; i <= 6; i++)
    if (!g_ascii_isxdigit(v[i])) return NULL;
  return v + 7;
}

/* colours separated by single spaces */
static gboolean is_colour_list(const char *v) {
  for (const char *p = colour_skip(v); p; p = colour_skip(p + 1))
    if (*p == '\0') return TRUE;
    else if (*p != ' ') return FALSE;
  return FALSE;
}

static gboolean value_ok(ValueKind kind, const char *v) {
  switch (kind) {
  case VALUE_LENGTH: return is_length(v);
  case VALUE_COLOUR: return colour_skip(v) && v[7] == '\0';
  case VALUE_FILL: return strcmp(v, "none") == 0 || (colour_skip(v) && v[7] == '\0');
  case VALUE_COLOURS: return is_colour_list(v);
  }
  return FALSE;
}

static const char *const value_wanted[] = {
    [VALUE_LENGTH] = "a length: a number and mm, cm, pt or in, as in \"10pt\"",
    [VALUE_COLOUR] = "a colour: # and six hexadecimal digits, as in \"#1f4e79\"",
    [VALUE_FILL] = "a colour (# and six hexadecimal digits, as in \"#1f4e79\") or none",
    [VALUE_COLOURS] = "colours (# and six hexadecimal digits each) separated by single spaces",
};

static void values_check(const XmlSource *src, xmlNode *element, DiagList *diags) {
  for (xmlNode *n = element->children; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    for (gsize i = 0; i < G_N_ELEMENTS(checked_values); i++) {
      if (strcmp((const char *)n->name, checked_values[i].element) != 0) continue;
      char *v = xmlsrc_attr(n, checked_values[i].attribute);
      if (v && !value_ok(checked_values[i].kind, v))
        diag_error(diags, src->name, xmlsrc_line(n), xmlsrc_col(src, n), "<%s %s=\"%s\">: expected %s", n->name,
                   checked_values[i].attribute, v, value_wanted[checked_values[i].kind]);
      g_free(v);
    }
  }
}

static Style *style_read_file(const char *path, DiagList *diags) {
  XmlSource *src = xmlsrc_load_valid(path, "layout", diags);
  if (!src) return NULL;
  DiagMark mark = diag_mark(diags);
  values_check(src, xmlsrc_root(src), diags);
  if (diag_errors_since(diags, mark)) {
    xmlsrc_free(src);
    return NULL;
  }
  Style *s = g_new0(Style, 1);
  style_read(s, xmlsrc_root(src));
  /* an installed house style's "Page {page} of {pages}" is the code's own
   * words, not a user's: a Welsh report prints them in Welsh */
  s->footer_centre_default |= style_installed(path) && strcmp(s->footer_centre, STYLE_FOOTER_CENTRE) == 0;
  gboolean ok = style_check(s, src, diags);
  xmlsrc_free(src);
  if (!ok) {
    style_free(s);
    return NULL;
  }
  return s;
}

/* Styles read cleanly (no message at all), by resolved path, kept until
 * exit: a pack's reports name the same few house styles again and again,
 * and reading and validating one costs millions of instructions. A file
 * that drew a message is read again each time, so that each report that
 * names it reports it. Workers are processes, not threads; the lock is for
 * any caller that does use threads. */
static GMutex cache_lock;
static GHashTable *cache; /* path → Style*, the process's */

/* The path and the file's identity (device, inode, size, modification
 * time): a file rewritten in place is read again. NULL if it cannot be
 * stat'ed (the read then says why). */
static char *cache_key(const char *path) {
  GStatBuf st;
  if (g_stat(path, &st) != 0) return NULL;
  return g_strdup_printf("%s\n%llu:%llu:%lld:%lld.%09ld", path, (unsigned long long)st.st_dev,
                         (unsigned long long)st.st_ino, (long long)st.st_size, (long long)st.st_mtim.tv_sec,
                         (long)st.st_mtim.tv_nsec);
}

Style *style_load(const char *name_or_path, DiagList *diags) {
  char *path = style_file(name_or_path);
  char *key = cache_key(path);
  Style *s = NULL;
  if (key) {
    g_mutex_lock(&cache_lock);
    if (!cache) cache = g_hash_table_new(g_str_hash, g_str_equal);
    Style *cached = g_hash_table_lookup(cache, key);
    if (cached) s = style_scaled(cached, 1.0); /* k = 1: an exact deep copy */
    g_mutex_unlock(&cache_lock);
  }
  if (!s) {
    guint before = diag_count(diags);
    s = style_read_file(path, diags);
    if (s && key && diag_count(diags) == before) {
      g_mutex_lock(&cache_lock);
      if (!g_hash_table_contains(cache, key)) g_hash_table_insert(cache, g_strdup(key), style_scaled(s, 1.0));
      g_mutex_unlock(&cache_lock);
    }
  }
  g_free(key);
  g_free(path);
  return s;
}

Style *style_scaled(const Style *src, double k) {
  Style *s = g_new(Style, 1);
  *s = *src;
  s->name = g_strdup(src->name);
  for (int r = 0; r < STYLE_COUNT; r++) {
    s->text[r].family = g_strdup(src->text[r].family);
    if (r == STYLE_HEADER || r == STYLE_FOOTER) continue; /* the page's, not the text's: unchanged */
    s->text[r].size *= k;
    s->text[r].space_before *= k;
    s->text[r].space_after *= k;
  }
  for (int i = 0; i < 3; i++) s->bullets[i] = g_strdup(src->bullets[i]);
  s->header_left = g_strdup(src->header_left);
  s->header_right = g_strdup(src->header_right);
  s->footer_left = g_strdup(src->footer_left);
  s->footer_centre = g_strdup(src->footer_centre);
  s->footer_right = g_strdup(src->footer_right);
  s->list_indent *= k;
  s->number_width *= k;
  s->number_gap *= k;
  s->table.padding *= k;
  s->chart.font_size *= k;
  return s;
}

Style *style_landscape(const Style *src) {
  Style *s = style_scaled(src, 1.0);
  s->page_width = MAX(src->page_width, src->page_height);
  s->page_height = MIN(src->page_width, src->page_height);
  return s;
}

void style_free(Style *s) {
  if (!s) return;
  for (int r = 0; r < STYLE_COUNT; r++) g_free(s->text[r].family);
  for (int i = 0; i < 3; i++) g_free(s->bullets[i]);
  g_free(s->name);
  g_free(s->header_left);
  g_free(s->header_right);
  g_free(s->footer_left);
  g_free(s->footer_centre);
  g_free(s->footer_right);
  g_free(s);
}

double style_body_width(const Style *s) { return s->page_width - s->margin_left - s->margin_right; }
double style_body_top(const Style *s) { return s->margin_top; }
double style_body_bottom(const Style *s) { return s->page_height - s->margin_bottom; }

StyleRole style_heading_role(int level) {
  return level <= 1 ? STYLE_H1 : level == 2 ? STYLE_H2 : level == 3 ? STYLE_H3 : STYLE_H4;
}

char *style_expand(const char *tmpl, const char *const *keys, const char *const *values) {
  GString *out = g_string_new(NULL);
  for (const char *p = tmpl; *p;) {
    const char *close = *p == '{' ? strchr(p, '}') : NULL;
    if (close) {
      gboolean found = FALSE;
      for (int i = 0; keys[i]; i++) {
        size_t kl = strlen(keys[i]);
        if ((size_t)(close - p - 1) == kl && strncmp(p + 1, keys[i], kl) == 0) {
          g_string_append(out, values[i] ? values[i] : "");
          found = TRUE;
          break;
        }
      }
      if (found) {
        p = close + 1;
        continue;
      }
    }
    g_string_append_c(out, *p++);
  }
  return g_string_free(out, FALSE);
}

static ChartColor colour_of(guint32 c) {
  return (ChartColor){(c >> 16 & 0xff) / 255.0, (c >> 8 & 0xff) / 255.0, (c & 0xff) / 255.0};
}

ChartStyle style_chart_style(const Style *s) {
  ChartStyle cs = chart_style_default();
  g_strlcpy(cs.font_family, s->text[STYLE_BODY].family, sizeof cs.font_family);
  if (s->chart.font_size > 0) {
    cs.tick_font_size = s->chart.font_size;
    cs.legend_font_size = s->chart.font_size;
    cs.value_font_size = s->chart.font_size;
  }
  for (guint i = 0; i < s->chart.n_colours && i < CHART_STYLE_SLOTS; i++) cs.series_color[i] = colour_of(s->chart.colours[i]);
  cs.text_color = colour_of(s->text[STYLE_BODY].colour);
  cs.padding = s->chart.padding;
  return cs;
}
