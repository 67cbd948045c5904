/* style — a house style: page geometry, text styles and page furniture,
 * read from a layout file in layouts/ (see layouts/council-report.xml).
 *
 * Owns: the Style and its strings. Every typographic decision layout makes
 * comes from here, not from constants in C. Lengths are in points; colours
 * are 0xRRGGBB. A text role that the file leaves out, or an attribute it
 * leaves out, inherits from the "body" role.
 */
#ifndef BOARDPACK_STYLE_H
#define BOARDPACK_STYLE_H

#include <glib.h>

#include "base/diag.h"

typedef enum {
  STYLE_BODY,
  STYLE_TITLE,       /* the report's title on the front sheet */
  STYLE_MEETING,     /* committee and date above the title */
  STYLE_H1,
  STYLE_H2,
  STYLE_H3,
  STYLE_H4,
  STYLE_FRONT_HEADING, /* "Executive summary" … */
  STYLE_LABEL,       /* "Ward(s)", "Portfolios:" */
  STYLE_NOTE,
  STYLE_LEAD,
  STYLE_CAPTION,
  STYLE_HEADER,
  STYLE_FOOTER,
  STYLE_TABLE,       /* body cells */
  STYLE_TABLE_HEAD,  /* header cells */
  STYLE_TABLE_GROUP, /* group rows ("Workforce") */
  STYLE_COUNT
} StyleRole;

typedef enum { STYLE_ALIGN_LEFT, STYLE_ALIGN_CENTRE, STYLE_ALIGN_RIGHT, STYLE_ALIGN_JUSTIFY } StyleAlign;

typedef struct {
  char *family;
  double size;
  gboolean bold, italic;
  guint32 colour;
  double line_spacing;   /* multiple of the font's natural line height */
  double space_before, space_after;
  StyleAlign align;
} StyleText;

typedef struct {
  char *name;
  double page_width, page_height;
  double margin_top, margin_bottom, margin_left, margin_right;
  double header_offset, footer_offset; /* baseline distance from the paper edge */
  StyleText text[STYLE_COUNT];
  double number_width;   /* hanging indent for paragraph numbers (at least) */
  double number_gap;     /* least space between a paragraph number and its text */
  int widows, orphans;
  double list_indent;    /* per nesting level */
  char *bullets[3];      /* markers by nesting level */
  char *header_left, *header_right, *footer_left, *footer_centre, *footer_right;
  gboolean footer_centre_default; /* the code's footer (STYLE_FOOTER_CENTRE), not one a user's style wrote:
                                   * a report prints it in its own language */
  gboolean header_on_first_page;
  guint32 link_colour, rule_colour, accent_colour;
  double rule_width;
  struct {
    double padding;          /* inside every cell */
    guint32 rule_colour;     /* between rows */
    double rule_width;
    guint32 head_fill, group_fill, zebra_fill; /* STYLE_NO_FILL: none */
  } table;
  struct {
    double height;           /* default chart height */
    double font_size;        /* 0: the chart module's default */
    guint32 colours[8];      /* series colours, in order */
    guint n_colours;
    double padding;          /* between a chart's parts (axis labels, plot, legend) */
    double sparkline_height; /* a <chart sparkline="yes"> block without its own height */
    double caption_room;     /* a chart is this much shorter than the page body at most */
  } chart;
  struct {
    double dpi;              /* an image without a width prints at this resolution */
    double min_dpi;          /* below it, a warning: the print would be blurred */
    double caption_room;     /* an image is this much shorter than the page body at most */
  } figure;
  struct {
    double page_number_width; /* the column the page numbers stand in, right-aligned */
    double entry_space;       /* after each entry (level 1 entries also get the body's space before) */
  } contents;
  gboolean footnotes_per_page; /* <footnotes numbering="per-page">: 1, 2 … again on every page */
  double signature_width;    /* a contact officer's signature without its own width */
  double contact_space;      /* after each line of a contact or author block */
} Style;

#define STYLE_NO_FILL 0xffffffffu
/* The footer's centre when a style gives none (an English word of bind's
 * table, SPEC_LABEL_PAGE_OF, which a bound report's pages print instead). */
#define STYLE_FOOTER_CENTRE "Page {page} of {pages}"

/* Limits a layout file's values must keep (style_check.c). */
#define STYLE_MIN_TEXT_SIZE 4.0   /* pt: smaller cannot be read */
#define STYLE_MAX_TEXT_SIZE 144.0 /* pt: and never more than half the page body a line */
#define STYLE_MIN_BODY 72.0       /* pt: the page body is at least an inch each way */

/* `name_or_path`: a name found in datadir/layouts/NAME.xml, or a path
 * (containing '/' or ending in .xml) as given; the spec resolves a
 * report's layout path inside its own folder before asking. */
Style *style_load(const char *name_or_path, DiagList *diags);
/* The file style_load reads for `name_or_path`. g_free it. */
char *style_file(const char *name_or_path);
/* Whether `name_or_path` is a house style's name (found among the
 * installed ones), not a file. */
gboolean style_is_name(const char *name_or_path);
void style_free(Style *style);

/* A copy with every text size and text spacing multiplied by k (page
 * geometry, header and footer unchanged): a slide that does not fit is
 * laid out again smaller. */
Style *style_scaled(const Style *style, double k);

/* A copy on turned pages: width and height swapped, margins and text as
 * they were. */
Style *style_landscape(const Style *style);

/* Content area. */
double style_body_width(const Style *style);
double style_body_top(const Style *style);
double style_body_bottom(const Style *style);

/* The role of a heading at `level` (1 = H1 …), clamped to H1..H4. */
StyleRole style_heading_role(int level);
/* The role's name in a house style's <text role="…">: "body", "h1", "table-head"… */
const char *style_role_name(StyleRole role);

/* Expand {committee} {date} {title} {agenda} {page} {pages} in a template. */
char *style_expand(const char *tmpl, const char *const *keys, const char *const *values);

/* The chart module's defaults with this style's font, sizes, padding and
 * series colours: what the PDF's and the HTML's charts are planned with. */
struct ChartStyle style_chart_style(const Style *s);

#endif
