/* style_check — the limits a house style's values must keep, checked when
 * the layout file is loaded, so that layout never receives a page it
 * cannot fill: text sizes that print (not 0, not 10,000 pt), a page body
 * left inside the margins, the running header and footer in their margins,
 * indents and columns narrower than the body. Each finding is an error at
 * the element whose attribute is out of range, naming the attribute and
 * the range (src/schema/layout.rng lists the same limits beside each
 * attribute).
 *
 * Part of the style module (style.h): it reads the Style that style.c
 * made from the same XML, and calls nothing else in layout/ (style.c
 * calls it). */
#include <string.h>

#include "style_check.h"

typedef struct {
  const XmlSource *src;
  xmlNode *root;
  DiagList *diags;
} Check;

/* The element that holds `attr` (for a text role: its <text role=…>), or
 * the root when the value is a default. */
static xmlNode *holder(const Check *k, const char *element, const char *role, const char *attr) {
  for (xmlNode *n = xmlsrc_first_element(k->root); n; n = xmlsrc_next_element(n)) {
    if (!xmlsrc_is(n, element)) continue;
    if (role) {
      char *r = xmlsrc_attr(n, "role");
      gboolean same = r && strcmp(r, role) == 0;
      g_free(r);
      if (!same) continue;
    }
    if (!attr || xmlHasProp(n, BAD_CAST attr)) return n;
  }
  return k->root;
}

/* The body's size, computed here: style.c calls this file, not the other
 * way round (layout_internal.h's order). */
static double body_width(const Style *s) { return s->page_width - s->margin_left - s->margin_right; }
static double body_height(const Style *s) { return s->page_height - s->margin_top - s->margin_bottom; }

static void fmt_pt(char *buf, double v) { g_ascii_formatd(buf, G_ASCII_DTOSTR_BUF_SIZE, "%.1f", v); }

/* `value` (points) must lie in [min, max]. */
static void range(const Check *k, const char *element, const char *role, const char *attr, double value, double min,
                  double max, const char *why) {
  if (value >= min && value <= max) return;
  char v[G_ASCII_DTOSTR_BUF_SIZE], lo[G_ASCII_DTOSTR_BUF_SIZE], hi[G_ASCII_DTOSTR_BUF_SIZE];
  fmt_pt(v, value), fmt_pt(lo, min), fmt_pt(hi, max);
  xmlNode *n = holder(k, element, role, attr);
  xmlsrc_diag(k->src, n, k->diags, DIAG_ERROR, "%s%s%s %s is %s pt, outside %s to %s pt: %s", role ? role : "",
              role ? " " : "", element, attr, v, lo, hi, why);
}

/* Here, first in layout's order, so that style.c's reader and this file's
 * checks name roles alike. */
static const char *const role_names[STYLE_COUNT] = {
    [STYLE_BODY] = "body",       [STYLE_TITLE] = "title", [STYLE_MEETING] = "meeting",
    [STYLE_H1] = "h1",           [STYLE_H2] = "h2",       [STYLE_H3] = "h3",
    [STYLE_H4] = "h4",           [STYLE_FRONT_HEADING] = "front-heading",
    [STYLE_LABEL] = "label",     [STYLE_NOTE] = "note",   [STYLE_LEAD] = "lead",
    [STYLE_CAPTION] = "caption", [STYLE_HEADER] = "header", [STYLE_FOOTER] = "footer",
    [STYLE_TABLE] = "table",     [STYLE_TABLE_HEAD] = "table-head", [STYLE_TABLE_GROUP] = "table-group",
};

const char *style_role_name(StyleRole role) { return role_names[role]; }

static void texts_check(const Check *k, const Style *s, double body_h) {
  for (int r = 0; r < STYLE_COUNT; r++) {
    const StyleText *t = &s->text[r];
    /* a line (about 1.2 times the size, spaced) must fit half the page body */
    double max = MIN(STYLE_MAX_TEXT_SIZE, body_h / (2.4 * MAX(t->line_spacing, 1)));
    /* a role that inherits its size from body is reported there */
    if (r == STYLE_BODY || holder(k, "text", style_role_name(r), "size") != k->root)
      range(k, "text", style_role_name(r), "size", t->size, STYLE_MIN_TEXT_SIZE, max,
            "smaller text cannot be read, larger does not fit a line on the page");
    range(k, "text", style_role_name(r), "space-before", t->space_before, 0, body_h / 4,
          "more would leave little of the page for text");
    range(k, "text", style_role_name(r), "space-after", t->space_after, 0, body_h / 4,
          "more would leave little of the page for text");
  }
}

/* The header and footer lie in their margins (their baselines are
 * measured from the paper's edge). */
/* Both margins of a pair are named: either may be the one to change. */
static void margins(const Check *k, const char *a, double va, const char *b, double vb, double paper, const char *way) {
  double body = paper - va - vb;
  if (body >= STYLE_MIN_BODY) return;
  char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE], z[G_ASCII_DTOSTR_BUF_SIZE];
  fmt_pt(x, va), fmt_pt(y, vb), fmt_pt(z, body);
  xmlNode *n = holder(k, "page", NULL, xmlHasProp(holder(k, "page", NULL, a), BAD_CAST a) ? a : b);
  xmlsrc_diag(k->src, n, k->diags, DIAG_ERROR,
              "page %s and %s (%s and %s pt) leave a page body %s pt %s: at least 72 pt is needed", a, b, x, y, z, way);
}

/* The header and footer lie in their margins (their baselines are
 * measured from the paper's edge). */
static void page_check(const Check *k, const Style *s) {
  gboolean header = *s->header_left || *s->header_right, footer = *s->footer_left || *s->footer_centre || *s->footer_right;
  double hs = s->text[STYLE_HEADER].size, fs = s->text[STYLE_FOOTER].size;
  if (header)
    range(k, "page", NULL, "header-offset", s->header_offset, hs, MAX(s->margin_top - hs / 2, hs),
          "the running header's baseline must leave its text inside the top margin");
  if (footer)
    range(k, "page", NULL, "footer-offset", s->footer_offset, fs / 2, MAX(s->margin_bottom - fs, fs / 2),
          "the running footer's baseline must leave its text inside the bottom margin");
}

/* Lengths that take their share of the page body. */
static void body_parts_check(const Check *k, const Style *s) {
  double body_w = body_width(s), body_h = body_height(s);
  range(k, "paragraphs", NULL, "number-width", s->number_width, 0, body_w / 2,
        "paragraph numbers may take at most half the text column");
  range(k, "lists", NULL, "indent", s->list_indent, 0, body_w / 4, "a list level may indent at most a quarter of the column");
  range(k, "table", NULL, "padding", s->table.padding, 0, 36, "cells would have no room for text");
  range(k, "table", NULL, "rule-width", s->table.rule_width, 0, 12, "a rule this thick hides the rows");
  range(k, "colours", NULL, "rule-width", s->rule_width, 0, 12, "a rule this thick hides the page");
  range(k, "chart", NULL, "height", s->chart.height, 36, body_h, "a chart must fit the page body");
  if (s->chart.font_size != 0)
    range(k, "chart", NULL, "font-size", s->chart.font_size, STYLE_MIN_TEXT_SIZE, 72, "chart labels must be readable and fit");
  range(k, "chart", NULL, "padding", s->chart.padding, 0, 36, "the plot would have no room");
  range(k, "chart", NULL, "sparkline-height", s->chart.sparkline_height, 8, 144, "a sparkline is a line of text tall");
  range(k, "chart", NULL, "caption-room", s->chart.caption_room, 0, body_h - 36, "a chart must keep room on the page");
  range(k, "figures", NULL, "caption-room", s->figure.caption_room, 0, body_h - 36, "an image must keep room on the page");
  range(k, "contents", NULL, "page-number-width", s->contents.page_number_width, 0, body_w / 2,
        "the page numbers may take at most half the column");
  range(k, "contents", NULL, "entry-space", s->contents.entry_space, 0, body_h / 4, "more would leave little of the page");
  range(k, "contact", NULL, "signature-width", s->signature_width, 1, body_w, "a signature must fit the column");
  range(k, "contact", NULL, "line-space", s->contact_space, 0, body_h / 4, "more would leave little of the page");
}

/* A bullet is a mark, set in the list's indent: a word there would break
 * a letter a line and run off the page (found by the layout fuzzer). */
#define STYLE_BULLET_MAX_CHARS 3

static void bullets_check(const Check *k, const Style *s) {
  for (int i = 0; i < 3; i++) {
    glong n = g_utf8_strlen(s->bullets[i], -1);
    if (n <= STYLE_BULLET_MAX_CHARS) continue;
    xmlsrc_diag(k->src, holder(k, "lists", NULL, "bullets"), k->diags, DIAG_ERROR,
                "lists bullets: \"%s\" is %ld characters; a bullet is a mark of 1 to %d (\"•\", \"–\", \"▪\"), "
                "one for each level, separated by spaces",
                s->bullets[i], n, STYLE_BULLET_MAX_CHARS);
    return;
  }
}

gboolean style_check(const Style *s, const XmlSource *src, DiagList *diags) {
  Check k = {.src = src, .root = xmlsrc_root(src), .diags = diags};
  DiagMark mark = diag_mark(diags);
  /* margins, then text sizes, then what depends on both: one cause, one message */
  margins(&k, "margin-left", s->margin_left, "margin-right", s->margin_right, s->page_width, "wide");
  margins(&k, "margin-top", s->margin_top, "margin-bottom", s->margin_bottom, s->page_height, "tall");
  if (diag_errors_since(diags, mark)) return FALSE;
  texts_check(&k, s, body_height(s));
  if (diag_errors_since(diags, mark)) return FALSE;
  page_check(&k, s);
  body_parts_check(&k, s);
  bullets_check(&k, s);
  return !diag_errors_since(diags, mark);
}
