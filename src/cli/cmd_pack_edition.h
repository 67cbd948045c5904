/* cmd_pack_edition — which edition of a pack `boardpack pack` makes:
 * public or confidential (exempt items), the main pack or its supplement. */
#ifndef BOARDPACK_CMD_PACK_EDITION_H
#define BOARDPACK_CMD_PACK_EDITION_H

#include "pack/pack.h"

typedef struct {
  gboolean public_edition, confidential_edition, supplement;
  char *confidential_output; /* --confidential-output FILE: the confidential edition too, to FILE */
} PackEditionOptions;

/* The edition the options ask for; FALSE (a usage error, printed) when
 * they contradict each other. */
gboolean pack_edition_from_options(const PackEditionOptions *o, PackEdition *edition);

/* pack_load, then pack_select. NULL on any error (in `diags`); *usage is
 * set when the error is that the options do not fit the pack: exempt
 * items and no edition chosen, --supplement and no <supplement>. */
Pack *pack_load_edition(const char *path, PackEdition edition, gboolean supplement, DiagList *diags,
                        gboolean *usage);

#endif
