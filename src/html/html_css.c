/* html_css — the house style as one inline stylesheet.
 *
 * Families, weights, colours and the ratios between sizes and spacings
 * come from the Style, so the page and the PDF look like one publication.
 * On screen the body text follows the reader's own default size (1rem)
 * and every other size and space is a multiple of it (em), so zoom and a
 * larger default scale everything; in print the body is the house style's
 * own point size. Narrow screens: no fixed widths, tables and charts
 * scroll inside their own box, never the page. */
#include "html_internal.h"

static void css_num(GString *out, double v) {
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd(buf, sizeof buf, "%.3g", v);
  g_string_append(out, buf);
}

static void css_colour(GString *out, guint32 c) { g_string_append_printf(out, "#%06x", c & 0xffffff); }

/* A quoted font family: a family name never holds a quote or a backslash
 * that could end the string early (anything else is left out). */
static void css_family(GString *out, const char *family) {
  g_string_append_c(out, '"');
  for (const char *s = family ? family : ""; *s; s++)
    if (*s != '"' && *s != '\\' && *s != '<' && *s != '>' && *s != '\n') g_string_append_c(out, *s);
  g_string_append(out, "\", Arial, Helvetica, sans-serif");
}

/* Size, weight, style, colour and spacing of one text role, in em of the body. */
static void css_text(GString *out, const char *selector, const StyleText *t, const StyleText *body) {
  g_string_append_printf(out, "%s{font-size:", selector);
  css_num(out, t->size / body->size);
  g_string_append(out, "em;font-weight:");
  g_string_append(out, t->bold ? "bold" : "normal");
  g_string_append(out, ";font-style:");
  g_string_append(out, t->italic ? "italic" : "normal");
  g_string_append(out, ";color:");
  css_colour(out, t->colour);
  g_string_append(out, ";line-height:");
  css_num(out, t->line_spacing * 1.15); /* Pango's natural line is about 1.15 of the size */
  g_string_append(out, ";margin:");
  css_num(out, t->space_before / t->size);
  g_string_append(out, "em 0 ");
  css_num(out, t->space_after / t->size);
  g_string_append(out, "em}\n");
}

static const char *const css_fixed =
    ".vh{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;"
    "clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap;border:0}\n"
    ".skip{position:absolute;left:-999em;top:0;padding:.5em 1em;background:#fff}\n"
    ".skip:focus{left:0;z-index:1}\n"
    "a:focus{outline:3px solid #ffbf47;outline-offset:0}\n"
    "img,svg{max-width:100%;height:auto}\n"
    ".chart-box svg{max-width:none;width:100%;min-width:34em}\n"
    ".scroll{overflow-x:auto;max-width:100%;position:relative}\n" /* hidden words inside stay inside */
    ".scroll:focus{outline:3px solid #ffbf47}\n"
    "table{border-collapse:collapse;margin:0 0 1em}\n"
    "caption{text-align:left;padding:0 0 .3em}\n"
    "th,td{vertical-align:top;text-align:left}\n"
    "td.r,th.r{text-align:right;font-variant-numeric:tabular-nums}\n"
    "td.c,th.c{text-align:center}\n"
    "thead th.r,thead th.c{white-space:nowrap}\n"
    ".num{display:inline-block;min-width:3em}\n"
    "figure{margin:1em 0}\n"
    "details{margin:.3em 0 1em}\n"
    "summary{cursor:pointer}\n"
    "nav ol,nav ul{list-style:none;padding-left:1.2em}\n"
    "nav>ol{padding-left:0}\n"
    ".meeting{margin:0}\n"
    "ol.lower-alpha{list-style-type:lower-alpha}\n"
    "ol.lower-roman{list-style-type:lower-roman}\n"
    "ul.none{list-style:none}\n"
    "ul.dash{list-style-type:'\\2013  '}\n"
    "ul.square{list-style-type:square}\n"
    "section.slide{border-top:2px solid currentColor;margin-top:2em}\n"
    "@media print{.skip,nav,details summary{display:none}details>table{display:table}"
    "section.annex,section.slide{break-before:page}"
    "h1,h2,h3,h4,h5,h6,caption,figcaption{break-after:avoid}tr,figure{break-inside:avoid}"
    ".scroll{overflow:visible}a[href^=\"http\"]::after{content:\" (\" attr(href) \")\"}}\n";

static void css_table(Html *h) {
  const Style *s = h->style;
  GString *out = h->out;
  const StyleText *body = &s->text[STYLE_BODY];
  g_string_append(out, "th,td{padding:");
  css_num(out, s->table.padding / body->size);
  g_string_append(out, "em .5em;border-bottom:");
  css_num(out, MAX(s->table.rule_width * 4 / 3, 1));
  g_string_append(out, "px solid ");
  css_colour(out, s->table.rule_colour);
  g_string_append(out, "}\n");
  css_text(out, "table", &s->text[STYLE_TABLE], body);
  g_string_append(out, "table{margin-top:0}\nthead th{background:");
  css_colour(out, s->table.head_fill == STYLE_NO_FILL ? 0xffffff : s->table.head_fill);
  g_string_append(out, ";color:");
  css_colour(out, s->text[STYLE_TABLE_HEAD].colour);
  g_string_append(out, "}\n");
  g_string_append(out, "th.group{background:");
  css_colour(out, s->table.group_fill == STYLE_NO_FILL ? 0xffffff : s->table.group_fill);
  g_string_append(out, ";color:");
  css_colour(out, s->text[STYLE_TABLE_GROUP].colour);
  g_string_append(out, "}\n");
  if (s->table.zebra_fill != STYLE_NO_FILL) {
    g_string_append(out, "table.zebra tbody tr:nth-child(even){background:");
    css_colour(out, s->table.zebra_fill);
    g_string_append(out, "}\n");
  }
}

void html_css(Html *h) {
  const Style *s = h->style;
  GString *out = h->out;
  const StyleText *body = &s->text[STYLE_BODY];
  g_string_append(out, "<style>\n");
  g_string_append(out, "html{font-size:100%}\nbody{margin:0 auto;padding:1em;max-width:48em;font-family:");
  css_family(out, body->family);
  g_string_append(out, ";font-size:1rem;line-height:");
  css_num(out, body->line_spacing * 1.15);
  g_string_append(out, ";color:");
  css_colour(out, body->colour);
  g_string_append(out, ";background:#fff;overflow-wrap:break-word}\n");
  css_text(out, "p,li", body, body);
  css_text(out, ".meeting", &s->text[STYLE_MEETING], body);
  css_text(out, "h1", &s->text[STYLE_TITLE], body);
  css_text(out, "h2", &s->text[STYLE_H1], body);
  css_text(out, "h3", &s->text[STYLE_H2], body);
  css_text(out, "h4", &s->text[STYLE_H3], body);
  css_text(out, "h5,h6", &s->text[STYLE_H4], body);
  css_text(out, ".front h2", &s->text[STYLE_FRONT_HEADING], body);
  css_text(out, "p.note", &s->text[STYLE_NOTE], body);
  css_text(out, "p.lead", &s->text[STYLE_LEAD], body);
  css_text(out, "caption,figcaption", &s->text[STYLE_CAPTION], body);
  g_string_append(out, "a{color:");
  css_colour(out, s->link_colour);
  g_string_append(out, "}\nhr{border:0;border-top:");
  css_num(out, s->rule_width * 2 * 4 / 3);
  g_string_append(out, "px solid ");
  css_colour(out, s->accent_colour);
  g_string_append(out, "}\n");
  css_table(h);
  g_string_append(out, css_fixed);
  g_string_append(out, "@media print{body{max-width:none;padding:0;font-size:");
  css_num(out, body->size);
  g_string_append(out, "pt}}\n</style>\n");
}
