/* html_out — escaping, inline text and headings for the html module.
 *
 * Every string from the spec, the data or the house style reaches the page
 * through xml_escape (base/xmlout.h). Bind writes ratings and directions of travel as
 * glyphs (★ ▲, ● ◆ ✖, ↗ ↔ ↘: rating_symbol, measure_direction_symbol);
 * here each glyph is hidden from screen readers and followed by its
 * meaning in visually hidden words from the one table of symbol words
 * (measures/rating.h), so that neither shape nor colour is ever the only
 * carrier. */
#include <string.h>

#include "html_internal.h"
#include "measures/rating.h"

const char *html_lang_enter(Html *h, const char *lang) {
  const char *outer = h->lang;
  if (!lang || g_strcmp0(lang, outer) == 0) return outer;
  g_string_append(h->out, " lang=\"");
  xml_escape(h->out, lang);
  g_string_append_c(h->out, '"');
  h->lang = lang;
  return outer;
}

void html_id_attr(Html *h, const char *id) {
  if (!id) return;
  g_string_append(h->out, " id=\"");
  xml_escape(h->out, h->spec->dest_prefix);
  xml_escape(h->out, id);
  g_string_append_c(h->out, '"');
}

void html_href_attr(Html *h, const char *href) {
  g_string_append(h->out, " href=\"");
  if (href[0] == '#') {
    g_string_append_c(h->out, '#');
    xml_escape(h->out, h->spec->dest_prefix);
    href++;
  }
  xml_escape(h->out, href);
  g_string_append_c(h->out, '"');
}

/* Each symbol with its words from the one table (measures/rating.h), in
 * the language being written and naming what the report's arrows compare
 * with when they all compare with one thing. */
void html_text(Html *h, const char *text) {
  GString *plain = g_string_new(NULL);
  gboolean welsh = spec_lang_is_welsh(h->lang);
  for (const char *s = text ? text : ""; *s;) {
    gunichar ch = g_utf8_get_char_validated(s, -1);
    const char *words = (unsigned char)*s >= 0x80 && ch < 0x110000 ? measure_symbol_words(ch, h->spec->meta.arrow_basis, welsh)
                                                                   : NULL;
    const char *next = g_utf8_next_char(s);
    if (!words || ch == 0x260E || ch == 0x2709 || ch == 0x25A0) { /* ☎ ✉ ■ say what they are beside them */
      g_string_append_len(plain, s, next - s);
      s = next;
      continue;
    }
    xml_escape(h->out, plain->str);
    g_string_truncate(plain, 0);
    g_string_append(h->out, "<span aria-hidden=\"true\">");
    g_string_append_len(h->out, s, next - s);
    g_string_append(h->out, "</span><span class=\"vh\"> (");
    xml_escape(h->out, words);
    g_string_append(h->out, ")</span>");
    s = next;
  }
  xml_escape(h->out, plain->str);
  g_string_free(plain, TRUE);
}

static void run_open(Html *h, const SpecRun *r) {
  if (r->coloured && !r->href) g_string_append_printf(h->out, "<span style=\"color:#%06x\">", r->colour & 0xffffffu);
  if (r->href) {
    g_string_append(h->out, "<a");
    html_href_attr(h, r->href);
    g_string_append_c(h->out, '>');
  }
  if (r->style & RUN_STYLE_BOLD) g_string_append(h->out, "<strong>");
  if (r->style & RUN_STYLE_ITALIC) g_string_append(h->out, "<em>");
}

static void run_close(Html *h, const SpecRun *r) {
  if (r->style & RUN_STYLE_ITALIC) g_string_append(h->out, "</em>");
  if (r->style & RUN_STYLE_BOLD) g_string_append(h->out, "</strong>");
  if (r->href) g_string_append(h->out, "</a>");
  if (r->coloured && !r->href) g_string_append(h->out, "</span>");
}

/* The footnote's number, raised, linking to the note; the note links back. */
static void footnote_ref(Html *h, const SpecRun *r) {
  const char *pre = h->spec->dest_prefix;
  g_string_append(h->out, "<sup><a id=\"");
  xml_escape(h->out, pre);
  g_string_append(h->out, "fnref-");
  xml_escape(h->out, r->text);
  g_string_append(h->out, "\" href=\"#");
  xml_escape(h->out, pre);
  g_string_append(h->out, "fn-");
  xml_escape(h->out, r->text);
  g_string_append(h->out, "\"><span class=\"vh\">footnote </span>");
  xml_escape(h->out, r->text);
  g_string_append(h->out, "</a></sup>");
  g_ptr_array_add(h->footnotes, (gpointer)r);
}

void html_footnotes(Html *h) {
  if (h->footnotes->len == 0) return;
  const char *pre = h->spec->dest_prefix;
  g_string_append(h->out, "<aside class=\"footnotes\" aria-label=\"Footnotes\">\n<ol>\n");
  for (guint i = 0; i < h->footnotes->len; i++) {
    const SpecRun *r = g_ptr_array_index(h->footnotes, i);
    g_string_append(h->out, "<li id=\"");
    xml_escape(h->out, pre);
    g_string_append(h->out, "fn-");
    xml_escape(h->out, r->text);
    g_string_append(h->out, "\" value=\"");
    xml_escape(h->out, r->text);
    g_string_append(h->out, "\">");
    html_text(h, r->note);
    g_string_append(h->out, " <a href=\"#");
    xml_escape(h->out, pre);
    g_string_append(h->out, "fnref-");
    xml_escape(h->out, r->text);
    g_string_append(h->out, "\">");
    xml_escape(h->out, html_label(h, h->lang, SPEC_LABEL_FOOTNOTE_BACK));
    g_string_append_c(h->out, ' ');
    xml_escape(h->out, r->text);
    g_string_append(h->out, "</a></li>\n");
  }
  g_string_append(h->out, "</ol>\n</aside>\n");
  g_ptr_array_set_size(h->footnotes, 0);
}

void html_inline(Html *h, const SpecInline *in) {
  for (guint i = 0; i < in->n_runs; i++) {
    const SpecRun *r = &in->runs[i];
    if (r->kind == RUN_BREAK) {
      g_string_append(h->out, "<br>");
      continue;
    }
    if (r->kind == RUN_FOOTNOTE) {
      footnote_ref(h, r);
      continue;
    }
    gboolean other = r->lang && g_strcmp0(r->lang, h->lang) != 0;
    if (other) { /* <span lang>: a screen reader switches voice for it */
      g_string_append(h->out, "<span");
      const char *outer = html_lang_enter(h, r->lang);
      g_string_append_c(h->out, '>');
      h->lang = outer;
    }
    run_open(h, r);
    html_text(h, r->text);
    run_close(h, r);
    if (other) g_string_append(h->out, "</span>");
  }
}

/* Hebrew, Arabic (with Syriac, Thaana, N'Ko …) and their presentation forms. */
static gboolean rtl_char(gunichar c) {
  return (c >= 0x0590 && c <= 0x08ff) || (c >= 0xfb1d && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfeff);
}

void html_dir_attr(Html *h, const SpecInline *in) {
  for (guint i = 0; i < in->n_runs; i++)
    for (const char *s = in->runs[i].text; s && *s; s = g_utf8_next_char(s))
      if (rtl_char(g_utf8_get_char(s))) {
        g_string_append(h->out, " dir=\"auto\"");
        return;
      }
}

void html_heading(Html *h, int level, const char *id, const char *text) {
  level = CLAMP(level, 1, 6);
  g_string_append_printf(h->out, "<h%d", level);
  html_id_attr(h, id);
  g_string_append_c(h->out, '>');
  html_text(h, text);
  g_string_append_printf(h->out, "</h%d>\n", level);
}

char *html_section_title(const SpecBlock *s) {
  return s->number && s->depth == 1 ? g_strdup_printf("%s. %s", s->number, s->title)
         : s->number                ? g_strdup_printf("%s %s", s->number, s->title)
                                    : g_strdup(s->title);
}

/* Kept the same as layout_section_dest, so that a link that works in the
 * PDF works in the page. */
char *html_section_dest(const SpecBlock *s, guint annex) {
  if (s->id) return g_strdup(s->id);
  if (s->role == SECTION_ANNEX && s->depth == 1) return g_strdup_printf("annex-%u", annex);
  if (s->anchor && annex) return g_strdup_printf("a%u-s%s", annex, s->anchor);
  if (s->anchor) return g_strdup_printf("s%s", s->anchor);
  return NULL;
}

const char *html_label(const Html *h, const char *lang, SpecLabel label) {
  const char *word = spec_label(&h->spec->meta, lang, label);
  return word ? word : "";
}
