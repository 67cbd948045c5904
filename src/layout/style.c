/* style — house-style file → Style. See style.h. */
#include "style.h"

#include <string.h>

#include "base/fonts.h"
#include "base/length.h"
#include "base/xmlsrc.h"
#include "style_check.h"

static const char *const role_names[STYLE_COUNT] = {
    [STYLE_BODY] = "body",       [STYLE_TITLE] = "title", [STYLE_MEETING] = "meeting",
    [STYLE_H1] = "h1",           [STYLE_H2] = "h2",       [STYLE_H3] = "h3",
    [STYLE_H4] = "h4",           [STYLE_FRONT_HEADING] = "front-heading",
    [STYLE_LABEL] = "label",     [STYLE_NOTE] = "note",   [STYLE_LEAD] = "lead",
    [STYLE_CAPTION] = "caption", [STYLE_HEADER] = "header", [STYLE_FOOTER] = "footer",
    [STYLE_TABLE] = "table",     [STYLE_TABLE_HEAD] = "table-head", [STYLE_TABLE_GROUP] = "table-group",
};

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
    if (xmlsrc_is(n, "text") && attr_equals(n, "role", role_names[role])) return n;
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
  s->footer_centre = attr_string(footer, "centre", "Page {page} of {pages}");
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
}

static char *style_path(const char *name_or_path) {
  if (strchr(name_or_path, '/') || g_str_has_suffix(name_or_path, ".xml")) return g_strdup(name_or_path);
  const char *datadir = fonts_datadir();
  char *file = g_strconcat(name_or_path, ".xml", NULL);
  char *path = g_build_filename(datadir ? datadir : ".", "layouts", file, NULL);
  g_free(file);
  return path;
}

Style *style_load(const char *name_or_path, DiagList *diags) {
  char *path = style_path(name_or_path);
  XmlSource *src = xmlsrc_load_valid(path, "layout", diags);
  g_free(path);
  if (!src) return NULL;
  Style *s = g_new0(Style, 1);
  style_read(s, xmlsrc_root(src));
  gboolean ok = style_check(s, src, diags);
  xmlsrc_free(src);
  if (!ok) {
    style_free(s);
    return NULL;
  }
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
