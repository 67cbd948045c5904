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
  /* the language of the title and the officer where they are the
   * report's own and it is in another language than the pack (a Welsh
   * report's title on an English agenda), else NULL */
  const char *title_lang, *officer_lang;
  guint page;          /* first page in the pack; 0 for items printed on the agenda */
  const char *html;    /* the web agenda (pack_html.c): the report's page, or NULL */
  const char *pdf;     /* the web agenda: the report's PDF beside it, or NULL */
} AgendaLine;

/* The agenda as a Spec in memory (front matter, meeting details, and a
 * table of the items whose page numbers link to each item's first page).
 * Laid out by layout_document like any report. */
Spec *pack_agenda_spec(const Pack *pack, const AgendaLine *lines);
/* The same for the web (`web`): a report's title links to its page, and
 * the last column ("PDF") to its PDF, where there is one. */
Spec *pack_agenda_spec_web(const Pack *pack, const AgendaLine *lines, gboolean web);

/* `lang` (a report's) where it is not the pack's language, else NULL. */
const char *pack_other_lang(const Pack *pack, const char *lang);

/* "Jane Doe, Director": the spec's author, else its contact; NULL if none. */
char *pack_spec_officer(const Spec *spec);

/* Destination at the start of item `number`: "item-5". */
char *pack_item_dest(guint number);

#endif
