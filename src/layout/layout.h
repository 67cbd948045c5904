/* layout — a bound Spec and a Style flowed into positioned boxes on pages.
 *
 * Owns: the LayoutDoc, its pages and boxes, and the references they hold
 * (PangoLayouts, image surfaces, strings). Render only draws these boxes:
 * every measuring and placing decision is made here, so a text dump of the
 * boxes (layout_doc_dump) is a complete, testable description of the pages.
 *
 * Box order on a page is drawing order and also structure order: TAG_BEGIN
 * and TAG_END boxes bracket the content of structure elements (H1, P, LI …),
 * may stay open across a page break, and nest properly over the whole
 * document. Content boxes (text, marker, image) are always leaves; page
 * furniture (running header, footer) has tag LAYOUT_TAG_NONE.
 * Coordinates are points from the top-left corner of the page.
 */
#ifndef BOARDPACK_LAYOUT_H
#define BOARDPACK_LAYOUT_H

#include <cairo.h>
#include <pango/pango.h>
#include <stdio.h>

#include "base/diag.h"
#include "spec/spec.h"
#include "style.h"

typedef enum {
  LAYOUT_TAG_NONE,
  LAYOUT_TAG_DOCUMENT,
  LAYOUT_TAG_SECT,
  LAYOUT_TAG_H1,
  LAYOUT_TAG_H2,
  LAYOUT_TAG_H3,
  LAYOUT_TAG_H4,
  LAYOUT_TAG_P,
  LAYOUT_TAG_L,
  LAYOUT_TAG_LI,
  LAYOUT_TAG_LBL,
  LAYOUT_TAG_LBODY,
  LAYOUT_TAG_FIGURE,
  LAYOUT_TAG_TABLE,
  LAYOUT_TAG_TR,
  LAYOUT_TAG_TH,
  LAYOUT_TAG_TD,
  LAYOUT_TAG_SPAN,
  LAYOUT_TAG_CAPTION,
  LAYOUT_TAG_TOC,
  LAYOUT_TAG_TOCI,
  LAYOUT_TAG_NOTE,     /* a footnote's text */
  LAYOUT_TAG_COUNT
} LayoutTag;

typedef enum {
  BOX_TEXT,      /* lines of a PangoLayout */
  BOX_IMAGE,
  BOX_RULE,      /* a horizontal line from x to x+w at y */
  BOX_TAG_BEGIN,
  BOX_TAG_END,
  BOX_DEST,      /* named destination at (x, y), with an outline entry if title */
  BOX_CHART,     /* a planned chart, drawn at (x, y) */
  BOX_BOOKMARK,  /* an outline entry (title, outline_level) for `dest`, a destination placed by a BOX_DEST
                  * elsewhere: the bookmark goes here in outline order, the reader to the destination */
} LayoutBoxKind;

typedef struct {
  int start, end;   /* byte range in the layout's text */
  const char *uri;  /* percent-encoded */
} LayoutLink;

/* The kind of table row a TH or TD is in. */
typedef enum { LAYOUT_ROW_BODY, LAYOUT_ROW_HEAD, LAYOUT_ROW_GROUP } LayoutRowKind;

typedef struct LayoutBox {
  LayoutBoxKind kind;
  LayoutTag tag;          /* BOX_TAG_*: the element; BOX_TEXT: SPAN, or NONE for furniture */
  double x, y, w, h;
  PangoLayout *layout;    /* BOX_TEXT */
  int line_first, line_count;
  double layout_top;      /* y inside the layout where line_first begins */
  const LayoutLink *links;/* BOX_TEXT: links in the layout, n_links of them */
  guint n_links;
  cairo_surface_t *image; /* BOX_IMAGE */
  guint32 colour;         /* BOX_RULE line; BOX_TEXT default text colour */
  double line_width;
  const char *dest;       /* BOX_DEST, BOX_BOOKMARK */
  const char *title;      /* BOX_DEST outline title, or NULL; BOX_BOOKMARK's */
  int outline_level;      /* 1 = top level */
  const char *alt;        /* BOX_TAG_BEGIN of a Figure */
  const struct ChartPlan *chart; /* BOX_CHART, owned by the doc */
  gboolean furniture;     /* running header or footer */
  const char *page_ref;   /* BOX_TEXT: shows the page of this destination */
  gboolean repeated;      /* part of a table header drawn again at a page's head: not content */
  guint col, colspan;     /* BOX_TAG_BEGIN of a TH/TD: its first column and the columns it spans */
  LayoutRowKind row_kind; /* BOX_TAG_BEGIN of a TH/TD: the row it is in */
  const char *lang;       /* BOX_TAG_BEGIN: the element's language where it is not the document's
                           * (lang= on it or a block around it), else NULL; BOX_TEXT: its block's
                           * language when <span lang> runs in it are in another (each run's is
                           * its PangoItem's), else NULL */
} LayoutBox;

typedef struct {
  double width, height;
  const Style *style;     /* the house style the page was laid out in */
  const SpecMeta *meta;   /* the report it belongs to (running header) */
  gboolean first;         /* the first page of its document (a report, or a pack's agenda): its running
                           * header is left off unless the style puts one there, in a pack as alone */
  GPtrArray *boxes;       /* of LayoutBox*, owned */
} LayoutPage;

typedef struct {
  GPtrArray *pages;       /* of LayoutPage*, owned */
  const char *title, *author, *subject, *keywords, *lang;
  gint64 created;
  const char *dest_prefix; /* prepended to every destination name, for packs */
  GStringChunk *strings;
  GPtrArray *owned;       /* blocks freed with the doc (link arrays) */
  GPtrArray *charts;      /* ChartPlan*s, freed with the doc */
  GPtrArray *styles;      /* Style*s made during layout (shrunk slides), freed with the doc */
  GHashTable *furniture;  /* header and footer layouts by text style and text, shared by the pages (layout_furniture) */
  guint pages_given;      /* pages handed to a page sink (layout_document_streamed), no longer in `pages` */
  GHashTable *dest_pages; /* streamed: destination name → its page number, for page-number references */
} LayoutDoc;

/* The most pages one document (a report, or a pack's agenda) may have; a
 * document that would pass it is refused at the element being placed.
 * Generous: a real committee paper has tens of pages, a pack hundreds. */
#define LAYOUT_DEFAULT_MAX_PAGES 10000u
/* Set the limit for this process (0: the default). */
void layout_set_max_pages(guint pages);
guint layout_max_pages(void);

/* Lay out a whole report in `style`; annexes with their own layout= use the
 * Style of that name in `styles` (name → Style*; may be NULL when no annex
 * asks). NULL if an error was found; warnings (missing glyphs, oversize
 * images) go to `diags` too. */
/* An empty doc, and a new last page of it in `style` (the style's size);
 * for layout, and for pages given back by render's tape. */
LayoutDoc *layout_doc_new(void);
LayoutPage *layout_page_new(LayoutDoc *doc, const Style *style);

LayoutDoc *layout_document(Spec *spec, const Style *style, GHashTable *styles, PangoContext *ctx, DiagList *diags);

/* The same with each page handed to `sink` as soon as nothing more goes
 * on it, in order, and freed once the sink returns, so that a long report
 * is never whole in memory (issue 20). The sink keeps what it needs (a
 * render tape) and gets each page complete but for what needs the page
 * count: running furniture (not laid out yet) and page-number references
 * (not numbered yet: layout_doc_resolve_page_refs_of, once the pages are
 * given back). Pages are handed on only while no error has been found.
 * The doc returned has no pages, the count of those handed on
 * (layout_doc_page_count), where each destination is, and the charts
 * and styles the pages point at; NULL if an error was found (pages already
 * handed on are then to be dropped). */
typedef void (*LayoutPageSink)(LayoutPage *page, gpointer data);
LayoutDoc *layout_document_streamed(Spec *spec, const Style *style, GHashTable *styles, PangoContext *ctx,
                                    DiagList *diags, LayoutPageSink sink, gpointer data);
/* Number the page-number references of `part`, pages of a streamed doc
 * given back, from where `whole`'s destinations were. */
void layout_doc_resolve_page_refs_of(LayoutDoc *part, const LayoutDoc *whole);
void layout_doc_free(LayoutDoc *doc);

/* Running header and footer on every page, numbered 1..N through the doc
 * (layout_document does this itself). */
void layout_doc_add_furniture(LayoutDoc *doc, PangoContext *ctx);
/* The same for a doc whose pages are `first`.. of `total` in a larger
 * whole drawn doc by doc (a pack written as it goes). */
void layout_doc_add_furniture_numbered(LayoutDoc *doc, PangoContext *ctx, guint first, guint total);
/* Strip the furniture, resolve page-number references and lay the
 * furniture out again for pages `first`.. of `total`. */
void layout_doc_number_pages(LayoutDoc *doc, PangoContext *ctx, guint first, guint total);
void layout_doc_strip_furniture(LayoutDoc *doc);
/* Only the page-number references, for pages numbered from `first` (the
 * furniture, still numbered 1..N, to be laid out again later). */
void layout_doc_resolve_page_refs(LayoutDoc *doc, guint first);

/* Pages in the doc, and pages handed on by a streamed layout. */
guint layout_doc_page_count(const LayoutDoc *doc);

/* Every content box lies on its page (layout_document checks this
 * last): FALSE, with an error naming the first box that
 * does not, otherwise. */
gboolean layout_doc_on_pages(const LayoutDoc *doc, const char *path, DiagList *diags);

/* Make a whole document one part of a larger one, in `outer_lang`: its
 * Document element becomes a Sect, with the document's language as its
 * /Lang when that is not `outer_lang` (a Welsh report in an English
 * pack: its elements inherit it, its symbols are said in it), and its
 * outline entries move `outline_shift` levels down. */
void layout_doc_nest(LayoutDoc *doc, int outline_shift, const char *outer_lang);


/* A new box at position `index` of the page's drawing order. */
LayoutBox *layout_page_insert(LayoutPage *page, guint index, LayoutBoxKind kind);

/* Text of a box (its lines only), newly allocated. */
char *layout_box_text(const LayoutBox *box);

/* The pages as text (layout_dump.c; columns in the README): a "page" line
 * per page (size, house style, body text size), then one line per box in
 * drawing order ("P kind x y w h …", points to 2 decimals whatever the
 * locale), a "link" line per linked stretch of a text line and a "plan"
 * line per item of each chart's plan. Pages are numbered from 1, or from
 * `first` for a doc that is part of a larger whole. */
void layout_doc_dump(const LayoutDoc *doc, FILE *out);
void layout_doc_dump_from(const LayoutDoc *doc, guint first, FILE *out);

const char *layout_tag_name(LayoutTag tag);

#endif
