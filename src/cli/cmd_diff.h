/* cmd_diff — `boardpack diff`: what changed between two data files. */
#ifndef BOARDPACK_CMD_DIFF_H
#define BOARDPACK_CMD_DIFF_H

#include <glib.h>

#include "measures/measures.h"

/* The changes from `then` to `now` as text (see cmd_diff.c). `then_data`
 * NULL: one data file, `now` holds both periods (then `period` and
 * `against` are both given). `period`/`against` NULL: each measure's
 * latest period in its file. */
char *diff_text(const Measures *then_data, const Measures *now, const Period *period, const Period *against);

int cmd_diff(int argc, char **argv);

#endif
