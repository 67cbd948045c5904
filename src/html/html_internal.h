/* html_internal — what the html module's files share: the one page being
 * written (Html) and the helpers every part writes through. Not for
 * other folders. */
#ifndef BOARDPACK_HTML_INTERNAL_H
#define BOARDPACK_HTML_INTERNAL_H

#include "base/xmlout.h"
#include "html.h"

typedef struct {
  GString *out;
  Spec *spec;
  const Style *style;
  PangoContext *ctx;
  DiagList *diags;
  guint n_tables, n_charts; /* ids in document order: "t3", "c2" */
  int level;                /* the heading level of the section being written */
  guint annex;              /* 1-based while writing an annex, else 0 */
  GPtrArray *footnotes;     /* RUN_FOOTNOTE runs met since the last html_footnotes */
  const char *lang;         /* the language of the element being written (<html lang> at first) */
} Html;

/* html_out.c ------------------------------------------------------------ */
/* An id or a "#id" link with the spec's destination prefix (packs). */
void html_id_attr(Html *h, const char *id);
/* Writes lang="…" when `lang` differs from the language being written (h->lang)
 * and makes it current; returns the outer one, for the caller to restore
 * when its element closes. NULL: nothing changes. */
const char *html_lang_enter(Html *h, const char *lang);
/* One of the report's fixed words (bind's, in the model) in `lang` (NULL:
 * the report's); "" in a model bind has not seen. */
const char *html_label(const Html *h, const char *lang, SpecLabel label);
void html_href_attr(Html *h, const char *href);
/* Runs as HTML: bold, italic, links, breaks; rating and arrow glyphs
 * followed by their meaning in words for screen readers. */
void html_inline(Html *h, const SpecInline *in);
/* dir="auto" when the text holds right-to-left script (Urdu, Arabic):
 * the browser then sets the paragraph right to left from its first strong
 * character. Nothing for other text. */
void html_dir_attr(Html *h, const SpecInline *in);
/* Plain text, with the same glyph words. */
void html_text(Html *h, const char *text);
/* The footnotes referred to since the last call, as a list whose items
 * link back to their references (nothing if there were none). */
void html_footnotes(Html *h);
/* <hN id>text</hN>, N the level clamped to 1..6. */
void html_heading(Html *h, int level, const char *id, const char *text);
/* "3.1 Title" as the PDF numbers it ("3. Title" at the top level). */
char *html_section_title(const SpecBlock *s);
/* The destination name layout gives a section ("s3.1", "annex-2"); NULL: none. */
char *html_section_dest(const SpecBlock *s, guint annex);

/* html_css.c ------------------------------------------------------------ */
void html_css(Html *h);

/* html_table.c ---------------------------------------------------------- */
void html_table(Html *h, const SpecBlock *table);
void html_chart(Html *h, const SpecBlock *chart, double width_pt);

/* html_doc.c ------------------------------------------------------------ */
void html_block(Html *h, const SpecBlock *b);

#endif
