/* cmd_pack_edition — see cmd_pack_edition.h.
 *
 * A pack with an exempt item is never made without being told which
 * edition: the public one leaves the exempt reports out (their specs are
 * not even read), the confidential one has them in full, and a default
 * either way would one day publish what must not be, or withhold what
 * must. `--public -o public.pdf --confidential-output conf.pdf` makes
 * both from one run. */
#include <stdio.h>

#include "cmd_pack_edition.h"

gboolean pack_edition_from_options(const PackEditionOptions *o, PackEdition *edition) {
  const char *clash = o->public_edition && o->confidential_edition
                          ? "--public and --confidential ask for two editions: give -o for the public one and "
                            "--confidential-output for the other"
                      : o->confidential_edition && o->confidential_output
                          ? "--confidential-output is where the confidential edition goes beside the public one "
                            "(-o); with --confidential, -o is the confidential edition"
                          : NULL;
  if (clash) {
    fprintf(stderr, "boardpack: %s\nTry 'boardpack pack --help'.\n", clash);
    return FALSE;
  }
  *edition = o->public_edition || o->confidential_output ? PACK_EDITION_PUBLIC
             : o->confidential_edition                   ? PACK_EDITION_CONFIDENTIAL
                                                         : PACK_EDITION_ALL;
  return TRUE;
}

Pack *pack_load_edition(const char *path, PackEdition edition, gboolean supplement, DiagList *diags,
                        gboolean *usage) {
  *usage = FALSE;
  Pack *pack = pack_load(path, diags);
  if (!pack) return NULL;
  const PackItem *exempt = pack_first_exempt(pack);
  if (exempt && edition == PACK_EDITION_ALL) {
    diag_error(diags, path, exempt->line, exempt->col,
               "item %u is exempt (paragraph %u of %s): choose the edition, --public (the exempt "
               "items replaced by a notice) or --confidential (in full), for pack and check alike",
               exempt->number, exempt->exempt, pack_law_schedule(pack));
    *usage = TRUE;
  } else if (supplement && !pack->n_supplement) {
    diag_error(diags, path, 0, 0, "--supplement: the pack has no <supplement>");
    *usage = TRUE;
  }
  if (*usage) {
    pack_free(pack);
    return NULL;
  }
  pack_select(pack, edition, supplement);
  return pack;
}
