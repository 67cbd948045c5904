/* cmd_init — `boardpack init DIR`: a starter report to begin from. */
#ifndef BOARDPACK_CMD_INIT_H
#define BOARDPACK_CMD_INIT_H

#include <glib.h>

/* Write the starter report's files into `dir` (created if missing). A
 * directory that exists and holds anything is refused: init never mixes
 * its files with a user's. Each file is written atomically. */
gboolean init_write_starter(const char *dir, GError **error);

/* The names of the files init writes, NULL-terminated ("report.xml" first). */
const char *const *init_starter_files(void);

int cmd_init(int argc, char **argv);

#endif
