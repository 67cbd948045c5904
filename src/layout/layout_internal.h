/* layout internals: the flow items that collect makes and flow paginates.
 *
 * Layout runs in passes (after Typst's collect/distribute):
 *   collect (layout_collect.c, with layout_table.c and layout_chart.c):
 *     Spec blocks → a flat FlowList of items, each text already shaped by
 *     Pango at its final width;
 *   flow (layout_flow.c): items → pages, splitting text between lines,
 *     honouring keep-with-next, widows and orphans;
 *   furniture (layout_furniture.c): running header and footer per page,
 *     once the page count is known.
 *
 * Dependency order: each file calls functions only of the files before it
 * in this list, never one after it, so there is no loop to follow
 * (tests/check_layout_order.sh reads this list and checks the object
 * files against it):
 *   order: style_check style table_columns layout layout_text layout_items layout_chart layout_grid layout_table layout_collect layout_flow layout_furniture layout_document layout_dump
 * style and table_columns are pure (the house style; column arithmetic);
 * layout.c owns the doc, pages and boxes; layout_text shapes runs;
 * layout_items owns the FlowList and the primitives that append to it;
 * chart and table collect one block each (layout_grid finds the runs of
 * scorecards that share one column grid); layout_collect walks the spec;
 * layout_document runs the passes; layout_dump writes a doc as text.
 */
#ifndef BOARDPACK_LAYOUT_INTERNAL_H
#define BOARDPACK_LAYOUT_INTERNAL_H

#include "layout.h"
#include "table_columns.h"

/* How far (points) content may pass the foot of the page body and still
 * count as fitting: Pango's line heights are sums of 1/1024-point units,
 * so lines that exactly fill the body add up to a few units more. */
#define LAYOUT_FIT_TOLERANCE 0.01

/* The longest text collect gives Pango, as characters x size x line
 * spacing (points): Pango's coordinates are 32-bit (1/1024 pt), so a text
 * whose unbroken width or total height passes about 2,000,000 pt wraps
 * round; this keeps a factor of three below that for wide glyphs. At 12 pt
 * and 1.25 spacing: 40,000 characters in one paragraph. */
#define LAYOUT_MAX_TEXT_EXTENT 600000.0
/* How much breaking of words between letters collect lets Pango do for
 * one text: the sum over words too wide for the column of the word's
 * length times its pieces. Pango reshapes the rest of a word at each
 * piece, about 0.1 microsecond a unit here: a 10,000-character word in a
 * 430 pt column is 1.7 million (0.15 s); the same word 5 pt wide would be
 * 144 million (13 s). */
#define LAYOUT_MAX_BREAK_WORK 2.0e6
/* The narrowest column of running text (list items nested deep), in ems
 * of body text. */
#define LAYOUT_MIN_COLUMN_EMS 4

typedef enum {
  FLOW_TEXT,       /* a paragraph or heading: splittable between lines */
  FLOW_MARKER,     /* a list marker or paragraph number: sits on the first line of the next text */
  FLOW_IMAGE,
  FLOW_RULE,
  FLOW_PAGE_BREAK,
  FLOW_ROW,        /* a table row */
  FLOW_SPACE,      /* fixed vertical space, kept even at the top of a page */
  FLOW_TAG_BEGIN,
  FLOW_TAG_END,
  FLOW_DEST,
  FLOW_KEEP,       /* the content up to item keep_end is not split across pages when it fits on one */
} FlowItemKind;

/* One cell of a table row, shaped at its column's width. */
typedef struct {
  PangoLayout *layout;         /* owned reference; NULL for an empty cell */
  LayoutLink *links;           /* owned by the doc */
  guint n_links;
  double x, width;             /* the cell's box, padding included */
  double text_dx;              /* decimal alignment shift */
  LayoutTag tag;               /* TH or TD */
  guint col, colspan;          /* first column, columns spanned */
  guint32 colour;
  gboolean filled;             /* a background of its own, over the row's: */
  guint32 fill;                /* 0xRRGGBB */
  const struct ChartPlan *chart; /* a sparkline instead of text (the doc owns it) */
  const char *alt;             /* the sparkline's description */
  const char *lang;            /* as LayoutBox's lang on BOX_TEXT: its block's language when <span lang>
                                * runs in it are in another (collect_span_lang), else NULL */
} FlowCell;

/* A table row: placed whole, split between lines only when taller than a
 * page. */
typedef struct {
  FlowCell *cells;
  guint n_cells;
  double x, width, height;     /* height includes padding */
  double padding;
  gboolean head;
  gboolean group;              /* a group heading spanning the table */
  guint32 fill;                /* STYLE_NO_FILL: none */
  guint32 rule_colour;
  double rule_width;
  const char *dest;            /* a destination at the row (definitions sheet), or NULL */
} FlowRow;

/* A footnote: its text shaped at the foot's width, and the byte of its
 * reference in the item's layout (-1: anywhere in the item, a table row). */
typedef struct {
  int index;
  guint number;                /* its number through the report (the spec's), whatever it prints */
  PangoLayout *layout;         /* owned */
} FlowNote;

/* Where flow set a footnote: recorded in placement order, so that notes
 * can be numbered per page once the page breaks are known. */
typedef struct {
  guint number; /* through the report */
  guint page;   /* index in the doc */
} NotePlace;

typedef struct {
  FlowItemKind kind;
  LayoutTag tag;               /* TAG_*; for TEXT/MARKER the leaf tag (SPAN) */
  double x, width;             /* left edge and width in points */
  double height;               /* IMAGE, RULE */
  double space_before, space_after;
  gboolean keep_with_next;
  guint keep_end;              /* KEEP: index of the first item after the kept content */
  PangoLayout *layout;         /* TEXT, MARKER (owned reference) */
  LayoutLink *links;           /* TEXT (owned array) */
  guint n_links;
  cairo_surface_t *image;      /* IMAGE (owned reference) */
  guint32 colour;              /* RULE line; TEXT and MARKER default text colour */
  const char *dest, *title;    /* DEST (strings in the doc's chunk) */
  int outline_level;
  const char *alt;             /* TAG_BEGIN Figure */
  FlowRow *row;                /* ROW (owned) */
  const struct ChartPlan *chart; /* IMAGE drawn as a chart (the doc owns the plan) */
  const Style *style;          /* PAGE_BREAK: the style of the pages that follow, or NULL */
  gboolean soft;               /* PAGE_BREAK: back to the report's pages after landscape ones; dropped at the end */
  const char *page_ref;        /* MARKER: shows the page number of this destination (resolved after flow) */
  gboolean trail;              /* MARKER: on the last line of the text before it, not the first of the next */
  GPtrArray *head_rows;        /* TAG_BEGIN Table: its header FlowRow*s, repeated after a page break;
                                * its layout is the "Caption (continued)" line above them,
                                * at continued_x, continued_width */
  double continued_x, continued_width;
  const SpecBlock *source;     /* the innermost block it was made for, for messages (NULL: furniture) */
  GPtrArray *notes;            /* TEXT, ROW: FlowNote*s of the footnotes referred to, or NULL */
  const char *lang;            /* TAG_BEGIN, TEXT: as LayoutBox's lang */
} FlowItem;

typedef struct {
  GPtrArray *items;            /* of FlowItem*, owned: pointers stay valid as the list grows */
} FlowList;

FlowList *flow_list_new(void);
void flow_list_free(FlowList *list);
FlowItem *flow_list_add(FlowList *list, FlowItemKind kind);
/* Free item `i`, which nothing will read again; its slot is NULL from
 * then on (indices of the others stay). What the boxes made from it share
 * (layouts, images) they hold references to; links belong to the doc. */
void flow_list_drop(FlowList *list, guint i);

/* Split items into pages of `doc`; every content item lands exactly once.
 * Past layout_max_pages() pages it stops, and returns the item it was
 * placing (the caller reports it); else NULL. */
const FlowItem *layout_flow(const FlowList *list, const Style *style, LayoutDoc *doc, GArray *note_places);
/* The same in steps, for a layout that hands each page on as it is
 * finished (layout_document_streamed): begin, place the items before
 * index `end` (the items from layout_flow_placed on must all be collected
 * by then, with whatever they look ahead to), end (the rest, and the last
 * page). `page_done` (may be NULL) is given each page once nothing more
 * goes on it, in order, still in doc->pages: it may take it out. */
typedef struct Flow Flow;
typedef void (*FlowPageDone)(LayoutPage *page, gpointer data);
Flow *layout_flow_begin(const FlowList *list, const Style *style, LayoutDoc *doc, GArray *note_places,
                        FlowPageDone page_done, gpointer data);
void layout_flow_until(Flow *f, guint end);
guint layout_flow_placed(const Flow *f);
/* Drop (flow_list_drop) the items placed that flow will not read again:
 * all but those still waiting for content (pending), the table being
 * placed and its header rows, and the item the page limit stopped at. */
void layout_flow_drop_placed(Flow *f, FlowList *list);
/* The items from `from` up to the index returned can be placed now: what
 * placing them looks ahead to (keep-with-next chains with `orphans` lines
 * after them, keep="together" ranges) is all collected, and collect will
 * change none of them. */
guint layout_flow_complete_before(const FlowList *list, guint from, guint orphans);
/* Places the items before `end` (all of them, or those placed already
 * after an error), closes the last page and frees `f`; the item the page
 * limit was passed at, or NULL. */
const FlowItem *layout_flow_end(Flow *f, guint end);
/* Give page-number markers (contents list) their numbers, right-aligned. */
void layout_flow_resolve_page_refs(LayoutDoc *doc);
/* The same in two halves: the destinations on a page numbered `number`
 * (the first of each name counts) into `page_of` (name → page), and the
 * numbers of `page_of` given to a doc's markers. */
void layout_flow_page_dests(const LayoutPage *page, guint number, GHashTable *page_of);
void layout_flow_number_page_refs(LayoutDoc *doc, GHashTable *page_of);
/* The same when the doc's first page is page `first` of a larger whole. */
void layout_flow_resolve_page_refs_from(LayoutDoc *doc, guint first);
/* The destination a section, annex or the body title gets when it has no
 * id: the same in every pass, so a contents list can name it in advance. */
char *layout_section_dest(const SpecBlock *s, guint annex_index);

/* Shape inline runs into a PangoLayout at `width` in text style `st`,
 * words breaking only at hyphenation points when `hyphenate` (a table
 * cell; English patterns when the context's language is English, else
 * words whole).
 * Links found in the runs are returned in *links (g_free). */
PangoLayout *layout_text_new(PangoContext *ctx, const Style *style, const StyleText *st, const SpecInline *in,
                             double width, gboolean hyphenate, LayoutLink **links, guint *n_links,
                             GStringChunk *strings, const char *dest_prefix);
/* Let a layout's codes and figures break after all (its allow-breaks
 * attributes removed), for text that would otherwise run past its column:
 * a token with a digit in it, wider than the column, ran off the page. */
void layout_text_allow_breaks(PangoLayout *layout);
/* Let a heading break after a hyphen that joins a word to a figure
 * ("Jan-24" as "Jan-" over "24"): a column heading is words, not a code,
 * and the hyphen stays in sight at the break. Elsewhere such a token is
 * whole (hyphenate.h), and Pango would not break before a digit anyway.
 * Takes the caller's reference and gives back the layout to use: a copy
 * of its own (layout_text_own) when it changed a shared one. */
PangoLayout *layout_text_break_after_word_hyphens(PangoLayout *layout);
/* layout_text_new for a plain string (shared, as its layouts are). */
PangoLayout *layout_text_plain(PangoContext *ctx, const StyleText *st, const char *text, double width);
/* The same, not kept in the cache but the caller's alone: for a text not
 * asked for again (a page's number, which a pack's pages never repeat). */
PangoLayout *layout_text_plain_once(PangoContext *ctx, const StyleText *st, const char *text, double width);
/* A layout of layout_text_new's or layout_text_plain's may be shared
 * (their cache): nothing may change it. Before changing one (its width,
 * alignment, wrapping, attributes, text), take it through this: `layout`
 * itself when it is not shared, else a copy of it (not yet laid out) that
 * is the caller's, with the reference to `layout` dropped. */
PangoLayout *layout_text_own(PangoLayout *layout);
/* `layout` (the caller's reference, taken) set `width` wide (Pango units)
 * with alignment `align`, as a layout the caller may share but not
 * change: the same layout when it has them already, else one from the
 * cache when `layout` is a cached one (the same text at the same width is
 * laid out once), else `layout` itself, changed. */
PangoLayout *layout_text_at_width(PangoLayout *layout, int width, PangoAlignment align);
/* Empty the cache of laid-out texts (tests; a program need not). */
void layout_text_cache_clear(void);


/* Told between the top-level blocks of the body and of each annex, when
 * nothing collected so far will be changed by what follows except through
 * the last items (a legend keeps the table before it with it): a streamed
 * layout flows what it can then. */
typedef void (*CollectBetween)(gpointer data);

/* State of the collect pass, shared by its files. */
typedef struct {
  FlowList *list;
  Spec *spec;
  const Style *style;
  PangoContext *ctx;
  LayoutDoc *doc;
  DiagList *diags;
  guint dests;
  const Style *main_style;     /* the report's; `style` is the one in force */
  int outline_level;           /* of the heading last added: captions go one below */
  int heading_level;           /* of the enclosing heading: a <heading> goes one below */
  const char *section_heading; /* the enclosing section's or annex's heading ("3. Performance"), or NULL:
                                  what a table without a caption is called on the pages it goes on to */
  guint annex_index;           /* 1-based while collecting an annex, else 0 */
  GHashTable *styles;          /* annex layouts by name */
  gboolean hyphenate;          /* shaping table cells: words break only at hyphenation points */
  double number_width;         /* the paragraph number column of the body (measured) */
  gboolean skip_slide_break;   /* the next slide starts on the page already begun (annex title-page="no") */
  gboolean annex_turned;       /* the annex opened on landscape pages for its first table: after it, back to main_style */
  const SpecBlock *at;         /* the block being collected: where a message about text with no
                                  place of its own (a heading made from a title) points */
  GHashTable *grids;           /* a scorecard table -> the TableGrid of its run (layout_grid.c) */
  GPtrArray *grid_list;        /* the TableGrids, owned */
  const GPtrArray *note_numbers; /* what footnote N (through the report) prints, at N - 1; NULL: N */
  CollectBetween between;      /* told after each block of the body and annexes, or NULL */
  gpointer between_data;
  const char *lang;            /* the language in force: the innermost lang=, else the report's */
  const SpecBlock *previous;   /* the block collected last, since the last heading (NULL after one):
                                  a lead-in paragraph keeps with the block after it */
} Collect;

/* Consecutive scorecards that share one set of column widths
 * (layout_grid.c says which; layout_table.c works the widths out). */
typedef struct {
  GPtrArray *tables;           /* the member tables (const SpecBlock*), in document order */
  guint n_columns;
  GHashTable *measured;        /* member -> its cells shaped ahead (layout_table.c's TableMeasure), or NULL */
  gboolean resolved;           /* widths worked out, for `width` and `style` */
  double width;
  const Style *style;
  double *widths, *frac_max;   /* per column */
  ColumnRequest *req;          /* every member's requests, column by column the largest */
} TableGrid;

/* Find the runs of scorecards in c->spec (before collecting), and free them. */
void layout_grids_find(Collect *c);
void layout_grids_free(Collect *c);
/* The grid `table` shares, or NULL when it stands alone. */
TableGrid *layout_grid_of(const Collect *c, const SpecBlock *table);

typedef struct {
  double x, width;
} Column;

void collect_tag_begin(Collect *c, LayoutTag tag);
/* Enter a block with lang= `lang` (NULL: none of its own); returns the
 * language to restore when it ends. */
const char *collect_lang_enter(Collect *c, const char *lang);
/* A named destination (id, or a generated name) with an outline entry
 * when `title` is given. */
void collect_dest(Collect *c, const char *id, const char *title, int level, double x);
/* A table's or chart's caption: bookmarked one level below its heading. */
void collect_caption(Collect *c, const SpecBlock *b, Column col);
void collect_tag_end(Collect *c, LayoutTag tag);
/* Keep what is collected between these two calls on one page when it
 * fits on one: begin returns the KEEP item's index for end. */
guint collect_keep_begin(Collect *c);
void collect_keep_end(Collect *c, guint keep);
/* The footnotes `in` refers to, shaped and attached to `it`; `in_item`:
 * their references are in it's own layout (else anywhere: a table row). */
void collect_notes(Collect *c, FlowItem *it, const SpecInline *in, gboolean in_item);
/* The last content item collected keeps with what comes next (a legend
 * stays with its table). */
void collect_keep_with_previous(Collect *c);
/* The last content collected ends with a body paragraph's space: a note
 * (under a table, or on its own after one) closes its block, and the note
 * style's space-after is for notes among themselves; commentary set
 * straight after "DoT compares …" read as part of the note. */
void collect_space_after_body(Collect *c);
/* Shape inline text in a text role, warning about missing glyphs; links
 * are registered with the doc. */
PangoLayout *collect_shape(Collect *c, StyleRole role, const SpecInline *in, double width, LayoutLink **links,
                           guint *n_links, int line, int col);
/* A FLOW_TEXT item for an already shaped layout, spaced as `st`. */
FlowItem *collect_text(Collect *c, PangoLayout *layout, const StyleText *st, Column col);
/* The language collect_shape put under text `in` with <span lang> runs
 * (the block's, kept in the doc's strings), or NULL when it has none: a
 * table cell's box carries it as a text item's does. */
const char *collect_span_lang(Collect *c, const SpecInline *in);
/* FALSE, with an error at (line, col), for text too long for Pango to lay
 * out `width` wide (<= 0: on one line) in bounded time and coordinates. */
gboolean collect_text_bounded(Collect *c, const StyleText *st, const SpecInline *in, double width, int line,
                              int col);
/* Tag, shaped text, end tag. */
FlowItem *collect_inline(Collect *c, LayoutTag tag, StyleRole role, const SpecInline *in, Column col, int line,
                         int colno);
void layout_table_collect(Collect *c, const SpecBlock *table, Column col);
void layout_chart_collect(Collect *c, const SpecBlock *chart, Column col);
/* The chart module's style with the house style's font and colours. */

/* Turn the spec into flow items. */
void layout_collect(FlowList *list, Spec *spec, const Style *style, GHashTable *styles, PangoContext *ctx,
                    LayoutDoc *doc, DiagList *diags, const GPtrArray *note_numbers, CollectBetween between,
                    gpointer between_data);
/* What a footnote reference prints: its number from c->note_numbers,
 * else as the spec numbered it. */
const char *collect_note_text(const Collect *c, const SpecRun *r);

LayoutBox *layout_page_add(LayoutPage *page, LayoutBoxKind kind);

#endif
