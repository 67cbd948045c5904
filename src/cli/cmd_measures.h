/* cmd_measures — the `boardpack measures` subcommand (see cmd_measures.c).
 * argv[0] is the subcommand name; returns the process exit status:
 * 0 printed, 1 data errors (diagnostics on stderr), 2 usage error. */
#ifndef BOARDPACK_CMD_MEASURES_H
#define BOARDPACK_CMD_MEASURES_H

int cmd_measures(int argc, char **argv);

#endif
