/* cmd_provenance — `boardpack check --provenance PAPER.pdf`. */
#ifndef BOARDPACK_CMD_PROVENANCE_H
#define BOARDPACK_CMD_PROVENANCE_H

/* Whether PAPER.pdf still matches the files it was built from (see
 * cmd_provenance.c): 0 it does, 1 it does not or cannot be told. */
int cmd_check_provenance(const char *pdf_path);

#endif
