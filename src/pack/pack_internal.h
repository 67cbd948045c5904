/* pack internals: the agenda front sheet, shared by pack_agenda.c (which
 * builds it) and pack_build.c (which lays it out and merges the reports
 * behind it). */
#ifndef BOARDPACK_PACK_INTERNAL_H
#define BOARDPACK_PACK_INTERNAL_H

#include "pack.h"
#include "spec/spec.h"

/* What the agenda lists for one item. */
typedef struct {
  const char *title;
  const char *officer; /* may be NULL */
  guint page;          /* first page in the pack; 0 for items printed on the agenda */
} AgendaLine;

/* The agenda as a Spec in memory (front matter, meeting details, and a
 * table of the items whose page numbers link to each item's first page).
 * Laid out by layout_document like any report. */
Spec *pack_agenda_spec(const Pack *pack, const AgendaLine *lines);

/* Destination at the start of item `number`: "item-5". */
char *pack_item_dest(guint number);

#endif
