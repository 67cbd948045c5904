/* cmd_watch — `boardpack watch SPEC`: render again whenever an input changes. */
#ifndef BOARDPACK_CMD_WATCH_H
#define BOARDPACK_CMD_WATCH_H

int cmd_watch(int argc, char **argv);

#endif
