/* spec — the document model of one report specification.
 *
 * Owns: the Spec and everything hanging off it (meta, blocks, inline runs,
 * strings). All of it is allocated from the spec's pool and freed in one
 * spec_free(); nothing in a Spec is shared with other modules, which copy
 * or reference it only while the Spec lives.
 *
 * Invariants after spec_load() returns non-NULL:
 *   - the XML was valid against src/schema/report.rng;
 *   - every section and numbered paragraph has its number ("3.1", "3.1.1");
 *   - every referenced file (figure, signature, data) is resolved to a path
 *     inside the spec's directory tree, exists and is readable;
 *   - each block keeps the line and column of its element for messages.
 * Measure references (<value> …) are left unresolved: bind.c fills in
 * their text from the measures engine.
 */
#ifndef BOARDPACK_SPEC_H
#define BOARDPACK_SPEC_H

#include <glib.h>

#include "base/diag.h"
#include "base/infile.h"

/* The most columns a table may have, and so the widest colspan: wider
 * tables are refused at the table (or the cell) instead of allocating a
 * column each. */
#define SPEC_TABLE_MAX_COLUMNS 1000

typedef enum {
  RUN_TEXT,    /* text, styled */
  RUN_BREAK,   /* forced line break */
  RUN_MEASURE, /* a figure from the data, text filled in by bind */
  RUN_XREF,    /* a cross-reference to an id: text and link filled in at load */
  RUN_FOOTNOTE,/* a footnote reference: text is its number, note the footnote's text */
} SpecRunKind;

typedef enum {
  RUN_STYLE_BOLD = 1 << 0,
  RUN_STYLE_ITALIC = 1 << 1,
} SpecRunStyle;

typedef enum {
  MEASURE_REF_VALUE,     /* <value>: the formatted value */
  MEASURE_REF_DIRECTION, /* <direction>: ↗ ↔ ↘ */
  MEASURE_REF_BAND,      /* <band>: ★ ▲ */
  MEASURE_REF_CHANGE,    /* <change>: "from X in P1 to Y in P2" */
  MEASURE_REF_PERIOD,    /* <period>: the period in words, "Quarter 2 2024/25" (no ref) */
  MEASURE_REF_RANK,      /* <rank>: "3rd of 11" within a comparator group, or among a level's units */
} SpecMeasureRefKind;

typedef struct {
  SpecMeasureRefKind kind;
  const char *ref;
  const char *period; /* NULL: the report's period */
  const char *series; /* NULL: the authority's own figures */
  const char *from, *to;
  const char *group;  /* <rank group="Statistical neighbours">, or NULL */
  const char *among;  /* <rank among="team">: the units of that level, or NULL */
  gboolean optional;  /* no figure for the period: "n/a" with a warning (measures_status_optional) */
  gboolean no_unit;   /* <value unit="no">: the figure without its "%" */
  gboolean words;     /* <direction words="yes">: "higher than …" */
  gboolean verb;      /* <change verb="yes">: "rose from …", "improved, rising from …" */
  gboolean quartile;  /* <rank quartile="yes">: "3rd of 11 (second quartile)" */
  int decimals;       /* <value decimals="N">, or -1: as the data has it */
} SpecMeasureRef;

typedef struct {
  SpecRunKind kind;
  guint style;        /* SpecRunStyle bits */
  const char *text;   /* RUN_TEXT; RUN_MEASURE once bound */
  const char *href;   /* link target, or NULL */
  const char *note;   /* RUN_FOOTNOTE: the footnote's text */
  SpecMeasureRef measure;
  const char *lang;   /* <span lang>: this run's language, or NULL (the block's) */
  const struct SpecBlock *xref; /* a resolved <xref>: its target, which bind names again in the run's
                                 * language ("adran 3.1", "Atodiad 2"), or NULL */
  gboolean coloured;  /* drawn in `colour` (0xRRGGBB), not the block's: a rating's shape */
  guint32 colour;
  int line, col;
} SpecRun;

typedef struct {
  SpecRun *runs;
  guint n_runs;
} SpecInline;

typedef enum {
  BLOCK_SECTION,    /* title + children; front-sheet blocks are sections too */
  BLOCK_HEADING,    /* a free-standing heading inside a section */
  BLOCK_PARAGRAPH,
  BLOCK_LIST,
  BLOCK_LIST_ITEM,
  BLOCK_FIGURE,
  BLOCK_PAGE_BREAK,
  BLOCK_TABLE,      /* children: TABLE_ROWs, then note PARAGRAPHs */
  BLOCK_TABLE_ROW,  /* children: TABLE_CELLs; a group row has text instead */
  BLOCK_TABLE_CELL,
  BLOCK_SCORECARD,  /* bind turns it into a BLOCK_TABLE */
  BLOCK_CHART,      /* bind gives it a ChartSpec */
  BLOCK_LEGEND,     /* bind turns it into a BLOCK_TABLE */
  BLOCK_DEFINITIONS,/* bind turns it into a BLOCK_TABLE */
  BLOCK_SLIDE,      /* one page of a presentation: title + blocks */
  BLOCK_CONTENTS,   /* the contents list: layout fills it in */
  BLOCK_RATING_SUMMARY, /* bind replaces it with a paragraph and a chart */
  BLOCK_EXCEPTIONS, /* children: commentary PARAGRAPHs; bind replaces it with headings, tables, paragraphs */
  BLOCK_HEAT_MAP,   /* units x measures: bind turns it into a BLOCK_TABLE */
  BLOCK_CHANGES,    /* what changed since the previous figures: bind turns it into a BLOCK_TABLE */
} SpecBlockKind;

typedef enum { SPEC_ALIGN_DEFAULT, SPEC_ALIGN_LEFT, SPEC_ALIGN_CENTRE, SPEC_ALIGN_RIGHT, SPEC_ALIGN_DECIMAL } SpecAlign;

typedef enum {
  SPEC_COL_AUTO,    /* sized from the content */
  SPEC_COL_FIXED,   /* value in points */
  SPEC_COL_PERCENT, /* value: fraction of the table width */
  SPEC_COL_SHARE,   /* value: weight of what the others leave */
} SpecColWidth;

typedef struct {
  SpecColWidth width;
  double value;
  SpecAlign align;
} SpecColumn;

/* A scorecard column, or a chart series. */
typedef struct {
  const char *ref;     /* chart series over periods; chart category */
  const char *period;  /* scorecard column; chart series over categories */
  const char *series;  /* comparator ("England"), NULL = own figures */
  const char *label;
  gboolean reference;  /* chart: draw as a reference line */
  gboolean optional;   /* scorecard column: a figure the data lacks is "n/a", silently */
  SpecColumn width;    /* scorecard column: width= (align unused); SPEC_COL_AUTO by default */
  int line, col;
} SpecDataRef;

/* What a block that draws on the data asked for (scorecard, chart,
 * definitions). */
typedef struct {
  SpecDataRef *columns;  /* scorecard columns */
  guint n_columns;
  gboolean direction, band, polarity;
  int sparkline;         /* periods in a sparkline column, 0 = none */
  const char *chart_type;/* "line", "column", "stacked", "bar" */
  double height_pt;
  double y_min, y_max;   /* NAN = automatic */
  const char *labels;    /* "none", "latest", "all" */
  gboolean standard;     /* chart: draw the minimum standard (or target); rating summary: draw its chart */
  gboolean empty_message;/* no data: a message in the chart, not an error */
  const char **periods;  /* chart x axis (NULL-terminated), or NULL */
  guint n_periods;
  int periods_line, periods_col; /* where <periods> is, for its errors */
  SpecDataRef *categories; /* chart x axis of measures */
  guint n_categories;
  SpecDataRef *series;
  guint n_series;
  gboolean include_local;  /* definitions: also measures not on the sheet */
  gboolean rating;         /* scorecard rating="yes": a column of ratings (shape and word) */
  const char *rule;        /* exceptions: "red", "red-or-amber", "red-twice" */
  const char *of;          /* rating summary, exceptions: of="ID", the scorecard whose measures; NULL: refs or the report's */
  const char **refs;       /* refs="A B": the measures (NULL-terminated), or NULL */
  const char *period;      /* rating summary, exceptions, heat map: period=, or NULL: the report's */
  const char *commentary;  /* exceptions commentary="notes-{period}.csv": a file of commentary (resolved by bind,
                            * once the period is known), or NULL */
  SpecColumn label_width;  /* scorecard: label-width= for the label column (default 1*) */
  const char *rank_group;  /* scorecard rank="GROUP": a rank column within that comparator group, or NULL */
  const char *rank_among;  /* scorecard rank-among="LEVEL": a rank column among that level's units, or NULL */
  const char *unit_level;  /* heat map: level="team", the units of its rows; exceptions: level="team", the
                            * units below the report's whose figures are listed (NULL: the report's own) */
  const char *against;     /* changes: against=, the earlier data file (resolved), or NULL: the
                            * period before the report's in its own data */
  const char *against_catalogue; /* changes: catalogue= the earlier data was published with, or NULL: the report's */
  gpointer earlier;        /* changes: the Measures of `against`, set by report/ while binding only */
  const char *compare;     /* scorecard: compare= ("previous", "year-ago", a period), or NULL: each measure's own */
  /* filled by bind */
  gpointer chart;          /* ChartSpec*, owned by the Spec */
  const char *alt;         /* the chart's generated description */
} SpecDataBlock;


typedef enum {
  SECTION_FRONT,  /* a front-sheet block: unnumbered heading */
  SECTION_BODY,   /* a numbered report section */
  SECTION_ANNEX,
} SpecSectionRole;

typedef enum { PARA_NORMAL, PARA_NOTE, PARA_LEAD } SpecParaStyle;

typedef struct SpecBlock SpecBlock;
struct SpecBlock {
  SpecBlockKind kind;
  int line, col;
  const char *id;
  const char *lang;    /* lang= on the element, or NULL: the enclosing block's, else the report's */
  gboolean keep_together;  /* keep="together": not split across pages when it fits on one */
  gboolean keep_with_previous; /* stays with the end of the block before it (a legend, set by bind) */
  gboolean landscape;      /* orientation="landscape": annex, table or scorecard on turned pages */
  gboolean no_title_page;  /* annex title-page="no" */

  int contents_depth;  /* BLOCK_CONTENTS: 1 or 2 */
  /* BLOCK_SECTION */
  const char *title;
  SpecSectionRole role;
  int depth;           /* 1 for a top-level section; a heading: levels below the next one (0: that level) */
  const char *number;  /* "3.1", or NULL when unnumbered */
  const char *anchor;  /* position among sections ("2.3"), numbered or not */
  const char *label;   /* BLOCK_SECTION annex: "Annex 2"; scorecard row: its label */
  gboolean title_default; /* the title (contents) or label (annex) is the default: bind writes it in the block's language */
  const char *layout;  /* annex: its house style (name or resolved path), or NULL */
  gboolean title_slide;/* BLOCK_SLIDE: a title page, not a content slide */

  /* BLOCK_PARAGRAPH, BLOCK_HEADING, BLOCK_LIST_ITEM (its leading text),
   * BLOCK_FIGURE and BLOCK_TABLE (caption), TABLE_CELL, group TABLE_ROW */
  SpecInline text;
  SpecParaStyle para_style;
  /* BLOCK_PARAGRAPH: "3.1.1", or NULL */
  const char *para_number;

  /* BLOCK_LIST */
  gboolean ordered;
  const char *marker;  /* "bullet", "dash", "1.", "a)" … */
  int start;

  /* BLOCK_TABLE */
  SpecColumn *columns; /* n_columns of them: as declared, then auto for the rest */
  guint n_columns;
  gboolean zebra;
  /* BLOCK_TABLE_ROW */
  gboolean head;       /* a header row: repeated on each page */
  gboolean group;      /* a group row ("Workforce"): its text spans the table */
  /* BLOCK_TABLE_ROW of a scorecard */
  const char *measure_ref;
  const char *mark;    /* footnote mark after a figure, or NULL */
  const char *mark_column; /* the column (period or label) it goes on; NULL: the last */
  gboolean optional;
  /* a PARAGRAPH of <commentary ref period> (measure_ref is its measure): the period, or NULL: any */
  const char *commentary_period;
  /* … <commentary unit="CIN">: the unit (an id of the hierarchy) it explains, or NULL: the measure as a whole */
  const char *commentary_unit;
  /* BLOCK_SCORECARD, BLOCK_CHART, BLOCK_DEFINITIONS, BLOCK_RATING_SUMMARY, BLOCK_EXCEPTIONS */
  SpecDataBlock *data;
  /* BLOCK_TABLE_CELL */
  gboolean th;
  int colspan;
  SpecAlign align;
  gboolean filled;     /* a background of its own (a heat map's rating tint), drawn under the text */
  guint32 fill;        /* filled: 0xRRGGBB */

  /* BLOCK_FIGURE */
  const char *src;     /* resolved path */
  const char *alt;
  double width_pt;     /* 0: natural size, capped at the column */
  double width_frac;   /* > 0 when given in % of the column */

  SpecBlock **children;
  guint n_children;
};

typedef struct {
  const char *name, *role, *phone, *email;
} SpecPerson;

/* The fixed words printed around a report's own text, in each language:
 * bind puts them into the model from its one table of words (bind_words),
 * so layout and the HTML writer print the same ones. */
typedef enum {
  SPEC_LABEL_AGENDA_ITEM, /* "Agenda item" (then the number) */
  SPEC_LABEL_WARDS,       /* "Ward(s)" */
  SPEC_LABEL_PORTFOLIOS,  /* "Portfolios" */
  SPEC_LABEL_PORTFOLIO,   /* "Portfolio": the label when there is one (spec_portfolios_label) */
  SPEC_LABEL_CONTACT,     /* "Contact officer" */
  SPEC_LABEL_AUTHOR,      /* "Author" */
  SPEC_LABEL_CONTINUED,   /* "continued": "Caption (continued)" */
  SPEC_LABEL_PAGE_OF,     /* "Page {page} of {pages}": the footer of a house style that leaves it to the code */
  SPEC_LABEL_CONTENTS,    /* "Contents": the web page's own list, without a <contents> */
  SPEC_LABEL_TELEPHONE,   /* "Telephone" (the web page; the PDF has ☎) */
  SPEC_LABEL_EMAIL,       /* "Email" */
  SPEC_LABEL_SKIP,        /* "Skip to main content" */
  SPEC_LABEL_FOOTNOTE_BACK, /* "Back to the text of footnote" (then its number) */
  SPEC_LABEL_CHART,       /* "Chart": the web page's name of a chart with no title or caption */
  SPEC_LABEL_TREND,       /* "Trend": a sparkline's, in a table cell, with no description */
  /* a pack's agenda and front matter (pack words, set on a pack's model too) */
  SPEC_LABEL_AGENDA, /* "Agenda": the agenda's title */
  SPEC_LABEL_AGENDA_CONFIDENTIAL, /* "Agenda (confidential)" */
  SPEC_LABEL_SUPPLEMENT, /* "Supplementary information": a supplement's title */
  SPEC_LABEL_SUPPLEMENT_CONFIDENTIAL, /* "Supplementary information (confidential)" */
  SPEC_LABEL_MEETING_DETAILS, /* "Meeting details" */
  SPEC_LABEL_ITEMS, /* "Items" */
  SPEC_LABEL_DATE, /* "Date: ": the meeting details' labels, with their space */
  SPEC_LABEL_TIME, /* "Time: " */
  SPEC_LABEL_VENUE, /* "Venue: " */
  SPEC_LABEL_CHAIR, /* "Chair: " */
  SPEC_LABEL_ITEM, /* "Item": the items table's column heads */
  SPEC_LABEL_SUBJECT, /* "Subject" */
  SPEC_LABEL_LEAD_OFFICER, /* "Lead officer" */
  SPEC_LABEL_PAGE, /* "Page" */
  SPEC_LABEL_SUPPLEMENT_ABOUT, /* "Supplementary information for items …": then PUBLISHED and the date, and a full stop */
  SPEC_LABEL_PUBLISHED, /* ", published " */
  SPEC_LABEL_CONFIDENTIAL_EDITION, /* the editions' notes under the meeting details */
  SPEC_LABEL_PUBLIC_EDITION,
  SPEC_LABEL_EXEMPT_NOTICE, /* "Not for publication by virtue of paragraph {n} …" */
  SPEC_LABEL_EXEMPT_STATUS, /* "Exempt: ": then the notice, lower-cased */
  SPEC_LABEL_URGENT_STATUS, /* "Urgent item: ": then the reason */
  SPEC_LABEL_LATE_STATUS, /* "Late item: added after the agenda was published" */
  SPEC_LABEL_SUPPLEMENT_ITEM, /* "Supplementary information: item {n}" */
  SPEC_LABEL_EXEMPT_ITEM, /* "Exempt item": a public edition's exempt item with no title */
  SPEC_LABEL_APOLOGIES, /* "Apologies for absence": the standard items' titles */
  SPEC_LABEL_DECLARATIONS, /* "Declarations of interest" */
  SPEC_LABEL_MINUTES, /* "Minutes of the previous meeting" */
  SPEC_LABEL_ITEM_EXEMPT, /* " (exempt, paragraph {n})": after an item's number */
  SPEC_LABEL_ITEM_SUPPLEMENT, /* " (supplementary information)" */
  SPEC_LABEL_ITEM_URGENT, /* " (urgent item)" */
  SPEC_LABEL_ITEM_LATE, /* " (late item)" */
  SPEC_LABEL_PACK_TITLE, /* "agenda and reports": the pack PDF's title, after the committee and date */
  SPEC_LABEL_PACK_TITLE_SUPPLEMENT, /* "supplementary information" */
  /* the same notes and notice under Scots law (a pack's law="scotland"):
   * Schedule 7A to the Local Government (Scotland) Act 1973; English only */
  SPEC_LABEL_CONFIDENTIAL_EDITION_SCOTLAND,
  SPEC_LABEL_PUBLIC_EDITION_SCOTLAND,
  SPEC_LABEL_EXEMPT_NOTICE_SCOTLAND,
  SPEC_LABEL_COUNT
} SpecLabel;

typedef struct {
  const char *committee;
  const char *date;        /* ISO yyyy-mm-dd */
  const char *date_long;   /* "10 September 2013" */
  const char *agenda_item; /* NULL if none */
  const char *title;
  const char *subject;
  const char *wards;
  const char **portfolios; /* NULL-terminated */
  const char *keywords;
  SpecPerson author;       /* name NULL when absent */
  SpecPerson contact;
  const char *signature_src, *signature_alt;
  double signature_width_pt;
  gint64 created;          /* seconds since the epoch; from <created> or the meeting date */
  int arrow_basis;         /* set by bind: what every arrow in the report compares with (a
                            * MeasureComparison, after a scorecard's compare=), or -1 when they
                            * differ or there are none; the words a reader hears for an arrow
                            * (the HTML's hidden words, the PDF's ActualText, read by render
                            * through each page's meta) name it */
  gboolean welsh;          /* the report's lang is Welsh: its labels and date are */
  const char *labels[2][SPEC_LABEL_COUNT]; /* [0] English, [1] Welsh: static words set by bind; NULL in a
                                            * model bind has not seen (nothing is printed for one) */
} SpecMeta;

typedef struct {
  const char *catalogue;   /* resolved paths, NULL when the spec has no <data> */
  const char *values;
  const char *period;
  const char *own_period;  /* what <data period> said ("" nothing), when a pack or --period set another (spec_override) */
  const char *units;       /* the hierarchy of units (resolved path), or NULL */
  int line, col;
} SpecData;

typedef struct {
  char *path;              /* as given */
  char *dir;               /* its directory: references resolve inside it */
  const char *lang;        /* "en-GB" by default */
  const char *layout;      /* house-style name ("council-report" by default), or a resolved path */
  gboolean missing_glyphs_warn; /* missing-glyphs="warning": a character no font has is a warning, not an error */
  SpecMeta meta;
  SpecData data;
  SpecBlock *front;        /* front-sheet blocks (sections), may be NULL */
  SpecBlock *body;         /* numbered sections, may be NULL */
  const char *body_title;  /* "Report" */
  gboolean body_title_default; /* not given: bind writes it in the report's language */
  const char *dest_prefix; /* prepended to destination names ("" alone; "i3-" in a pack) */
  gboolean strict;         /* spec_strict() when loaded: what would be a warning about a report's
                            * fitness for committee (an exception without commentary) is an error */
  SpecBlock **annexes;
  guint n_annexes;
  gpointer pool;           /* every allocation above, in blocks (spec.c) */
  GPtrArray *objects;      /* other owned objects (chart specs), each with its free function */
} Spec;

/* Whether a language tag is Welsh ("cy", "cy-GB"). */
gboolean spec_lang_is_welsh(const char *lang);
/* A label in `lang` (NULL: the report's language), or NULL (not bound). */
const char *spec_label(const SpecMeta *m, const char *lang, SpecLabel label);
/* The front sheet's label for m's portfolios: "Portfolio" for one,
 * "Portfolios" for more. */
SpecLabel spec_portfolios_label(const SpecMeta *m);

/* --strict, for this process: every Spec made after it is strict (above). */
void spec_set_strict(gboolean strict);
gboolean spec_strict(void);

/* Parse and validate `path`. NULL on any error (reported in `diags`). */
Spec *spec_load(const char *path, DiagList *diags);
void spec_free(Spec *spec);
/* Free the blocks of the model and everything they hold (runs, tables,
 * charts), keeping the Spec itself, its meta, its data paths and its other
 * top-level strings (lang, layout, titles), which stay where they are:
 * for a report whose pages are laid out and kept elsewhere (a tape) and
 * point at its meta. Afterwards front, body and annexes are empty. */
void spec_drop_blocks(Spec *spec);

/* Allocate inside the spec's pool (zeroed); freed by spec_free. */
gpointer spec_alloc(Spec *spec, gsize size);
const char *spec_strdup(Spec *spec, const char *s);
/* Keep `object` until spec_free, then destroy it with `destroy`. */
void spec_own(Spec *spec, gpointer object, GDestroyNotify destroy);

/* The plain text of an inline sequence (measure runs as bound, or "").
 * Allocated in the pool. */
const char *spec_inline_text(Spec *spec, const SpecInline *in);

/* The one walk over a report's blocks: front sheet, body, then each annex,
 * in document order, every block before its children. A new part of the
 * model that holds blocks is added here, and every walk (relative periods,
 * cross-references, bind, chart descriptions) sees it. The visit says
 * where to go next; a block's children are read after its visit, so a
 * visit may replace them (bind turns a scorecard into a table's rows). */
typedef enum {
  SPEC_WALK_CHILDREN, /* on into the block's children */
  SPEC_WALK_SKIP,     /* not into its children; on with the next block */
  SPEC_WALK_STOP,     /* end the walk */
} SpecWalkStep;
typedef SpecWalkStep (*SpecVisit)(SpecBlock *b, gpointer data);
/* FALSE when a visit stopped the walk. */
gboolean spec_walk(Spec *spec, SpecVisit visit, gpointer data);

/* Resolve `ref` against the spec's directory, refusing paths that leave
 * it (.., absolute paths, symlinks pointing outside) and files infile
 * would not read as `kind`. The path is confined to the folder
 * (infile_confine), so every later read of it is checked again on what it
 * opened. Returns a pool string, or NULL with an error at line:col. */
const char *spec_resolve_path(Spec *spec, const char *ref, InfileKind kind, int line, int col, DiagList *diags);
/* A layout= value (a report's, an annex's, a pack's): a house-style name
 * ("council-report", found in layouts/) is returned as given; a file
 * ("my-style.xml", "styles/a.xml") is resolved by spec_resolve_path.
 * NULL stays NULL. */
const char *spec_resolve_layout(Spec *spec, const char *layout, int line, int col, DiagList *diags);

#endif
