/* table_columns — how wide each column of a table is. Pure arithmetic:
 * no Pango, no I/O, so it is unit-tested on its own.
 *
 * Rules, in order:
 *   1. fixed columns get their length, percentage columns their share of
 *      the table width;
 *   2. auto columns get their widest content (max), or as much of it as the
 *      room allows, never less than their narrowest unbreakable content
 *      (min) when that can be had;
 *   3. proportional (n*) columns share what is left by weight, each at
 *      least its min; one that then has less than its `want` (the width
 *      that sets its longest text in two lines, at most
 *      TABLE_WANT_SHARE of the table) takes the difference from the auto
 *      columns, each giving what it has above its min in proportion, so
 *      that a scorecard's labels read in two lines while its figures'
 *      headings wrap instead;
 *   4. if the columns are narrower than the table, auto columns (or, when
 *      there are proportional ones, those) absorb the rest; if they are
 *      wider, every column is scaled down to fit, but none below its floor
 *      (its narrowest piece of text, hyphenated where it may be) while
 *      others can give up room: a word is never cut at an arbitrary letter
 *      while another column has room to spare.
 * The widths always add up to the table width (within rounding).
 */
#ifndef BOARDPACK_TABLE_COLUMNS_H
#define BOARDPACK_TABLE_COLUMNS_H

#include <glib.h>

#include "spec/spec.h"

typedef struct {
  SpecColWidth kind;
  double value; /* points (fixed), fraction (percent), weight (share) */
  double min;   /* widest word (content that cannot break but at hyphenation points), padding included */
  double max;   /* content on one line, padding included */
  double floor; /* narrowest piece between any two breaks, hyphenation points included */
  double want;  /* SHARE: width that sets its widest content in two lines (0: no wish) */
} ColumnRequest;

/* The most of the table a proportional column's two-line wish may claim
 * from the auto columns: the figures beside a long label keep the rest. */
#define TABLE_WANT_SHARE 0.6

void table_columns_resolve(const ColumnRequest *req, guint n, double table_width, double *widths);

#endif
