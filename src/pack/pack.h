/* pack — a board pack: one meeting's agenda and the reports presented at
 * it, assembled into one PDF.
 *
 * Owns: the Pack model (pack_load: PACK.xml parsed and validated against
 * src/schema/pack.rng, every report path resolved inside the pack's folder)
 * and, while a pack is written (pack_write), the Reports it builds, all
 * freed before it returns.
 *
 * Assembly (pack_build.c):
 *   1. each report in turn is built with agenda item N, destination prefix
 *      "iN-", the meeting's committee and date, and the pack's period, laid
 *      out once (its Document element a Sect under one Document for the
 *      pack, with the report's /Lang when it is not the pack's, so a
 *      Welsh report's elements and symbols speak Welsh in an English
 *      pack; its outline one level down under an entry "N. Title" at its
 *      first page), counted, and its pages put on a tape (render_tape.c,
 *      an unlinked scratch file) before the next; only its meta, style and
 *      context stay in memory;
 *   2. the agenda (pack_agenda.c: a Spec built in memory, laid out by the
 *      same engine, in the pack's language: its words bind's, Pack.words) is laid out with every report's first page number,
 *      until its own page count is stable;
 *   3. the PDF is drawn: the agenda, then each report's pages taken back
 *      from the tape, their page references and running furniture
 *      numbered through the pack ("Page 37 of 212"), and streamed to the
 *      output (render_pdf_write's way), renamed into place when complete.
 * Any error in any report stops the pack: nothing is written.
 * pack_write_on does step 1 on worker processes: every report built
 * first, then laid out and taped on the workers (a tape each), steps 2
 * and 3 here as above.
 */
#ifndef BOARDPACK_PACK_H
#define BOARDPACK_PACK_H

#include <pango/pango.h>
#include <stdio.h>

#include "base/diag.h"
#include "base/isodate.h"
#include "layout/layout.h"
#include "render/render.h"
#include "report/report.h"

typedef enum { PACK_ITEM_TEXT, PACK_ITEM_REPORT } PackItemKind;

/* The law on access to information a pack's exempt items cite (<pack
 * law=…>): which schedule, how many paragraphs, and the words of the
 * notices (pack_word_in picks Scots law's). */
typedef enum {
  PACK_LAW_ENGLAND_WALES, /* Part 1 of Schedule 12A, Local Government Act 1972; s.100A(4) */
  PACK_LAW_SCOTLAND,      /* Part I of Schedule 7A, Local Government (Scotland) Act 1973; s.50A(4) */
} PackLaw;

typedef struct {
  PackItemKind kind;
  guint number;        /* 1, 2, 3 … in agenda order */
  char *title;         /* TEXT: given or standard; REPORT: title= or NULL (the spec's) */
  char *text;          /* TEXT: what the agenda prints under the title */
  char *officer;       /* lead officer, or NULL */
  char *spec;          /* REPORT: resolved path of the report spec */
  guint exempt;        /* exempt="3": the paragraph of the pack's law's schedule (12A: 1-7, 7A: 1-15); 0: open */
  gboolean late;       /* late="yes": added after the agenda was published */
  char *urgent;        /* urgent="…": taken as urgent business, and why; NULL if not */
  int line, col;
} PackItem;

/* Which edition of a pack is made (pack_select). A pack with exempt
 * items must be told which: the public one must never be had by default. */
typedef enum {
  PACK_EDITION_ALL,          /* the pack has no exempt items: there is one edition */
  PACK_EDITION_PUBLIC,       /* every exempt item replaced by the notice of its paragraph (pack_exempt_notice) */
  PACK_EDITION_CONFIDENTIAL, /* every item in full, exempt ones marked as such */
} PackEdition;

typedef struct {
  char *path, *dir;
  char *lang;          /* "en-GB" by default */
  PackLaw law;         /* law="scotland", else England and Wales */
  gboolean welsh;      /* lang is Welsh: so are the agenda, its dates and the pack's own words */
  /* the pack's own words (SPEC_LABEL_AGENDA …; static), [0] English, [1]
   * Welsh, from bind's table as a report's labels are (report_spec_labels) */
  const char *words[2][SPEC_LABEL_COUNT];
  char *layout;        /* the agenda's house style (name or resolved path) */
  char *period;        /* every report's <data period>, or NULL */
  char *body;          /* the meeting */
  char *date;          /* YYYY-MM-DD */
  char *date_long;     /* "21 May 2013" */
  IsoDate meeting_date; /* the same date, read */
  char *time, *venue, *chair;
  gint64 created;      /* the PDF's date: <created>, else the meeting date */
  PackItem *items;
  guint n_items;
  /* <supplement>: reports published after the agenda, each numbered as
   * the agenda item it belongs to (at most one per item) */
  PackItem *supplement;
  guint n_supplement;
  char *supplement_published; /* "17 May 2013", or NULL */
  /* what pack_select made of it */
  PackEdition edition;
  gboolean is_supplement;     /* items are the supplement's */
} Pack;

Pack *pack_load(const char *path, DiagList *diags);
void pack_free(Pack *pack);

/* The first exempt item (agenda or supplement), or NULL. */
const PackItem *pack_first_exempt(const Pack *pack);
/* Make `pack` the edition asked for, in place, before it is rendered:
 * with `supplement`, its items become the supplement's (the agenda's are
 * dropped); PUBLIC replaces each exempt item by a short item with the
 * exempt notice (its spec is never read, so nothing of it, not
 * even a page count, reaches the public pack); CONFIDENTIAL keeps them. */
void pack_select(Pack *pack, PackEdition edition, gboolean supplement);
/* One of the pack's words in `lang` (NULL: the pack's language), under
 * the pack's law ("Schedule 7A …" for SPEC_LABEL_EXEMPT_NOTICE in a
 * Scottish pack). */
const char *pack_word_in(const Pack *pack, const char *lang, SpecLabel word);
const char *pack_word(const Pack *pack, SpecLabel word);
/* The same, "{n}" in it replaced by `n`. g_free it. */
char *pack_word_n(const Pack *pack, const char *lang, SpecLabel word, guint n);
/* "Not for publication by virtue of paragraph 3 of Part 1 of Schedule 12A
 * of the Local Government Act 1972" (under Scots law, "… Part I of
 * Schedule 7A of the Local Government (Scotland) Act 1973"), in the
 * pack's language. g_free it. */
char *pack_exempt_notice(const Pack *pack, guint paragraph);
/* "Schedule 12A" or "Schedule 7A": the schedule the pack's law exempts under. */
const char *pack_law_schedule(const Pack *pack);
/* What "Agenda item …" says for `it`: "6", "6 (late item)", "6 (urgent
 * item)", "7 (exempt, paragraph 3)" in the confidential edition, "6
 * (supplementary information)" in a supplement; in `lang` (NULL: the
 * pack's). g_free it. */
char *pack_item_label(const Pack *pack, const PackItem *it, const char *lang);
/* A built report's agenda item label said again in its own language
 * when that is not the pack's ("4 (late item)" in an English report of
 * a Welsh pack, not "4 (eitem hwyr)"): before it is laid out. */
void pack_item_label_relang(const Pack *pack, const PackItem *it, Spec *spec);

/* The pack's PDF, drawn as it goes and written to `path` atomically
 * (outfile.h) as the post-pass makes it, never whole in memory
 * (pack_build.c), its XMP recording the files it was built from (the
 * pack file, its house style, each report's under its item number;
 * paths relative to `path`'s folder). `period` (may be NULL) overrides
 * the pack's. Stage
 * timings go to *timings and *rt, the page count to *n_pages, the file's
 * size to *size. FALSE on any error, with nothing written: input errors
 * in `diags`, others in *error. */
gboolean pack_write(const Pack *pack, PangoFontMap *fonts, const char *period, const char *path,
                    ReportTimings *timings, RenderTimings *rt, guint *n_pages, gsize *size, DiagList *diags,
                    GError **error);

/* The same, with the reports laid out on cores->n processes at once
 * (round robin: report r on worker r mod n), each recording its pages on
 * a tape of its own (render_tape.c) that this process reads back and
 * draws in order: the same bytes as pack_write, the layout shared between
 * cores. Every report is built here first, so that what the workers are
 * forked with (models, styles, contexts, metas) is this process's own;
 * their page counts, layout messages (put back in the order pack_write
 * gives them) and errors come back through a scratch file each. The
 * cli's functions start the processes (PackCores); n < 2, no `run` or
 * fewer than two reports: pack_write. The PDF is the same bytes either
 * way, and the same as pack_write's. */
typedef int (*PackJob)(guint index, gpointer data);
typedef struct {
  guint n; /* processes to lay out on */
  /* Starts job 0..n-1 each in a forked process and waits for all of
   * them; how many did not exit with 0 (cli's batch_run_parts). */
  guint (*run)(guint n, PackJob job, gpointer data);
  /* Runs `job` 0 in a forked process while here() runs in this one; 1 if
   * the job failed (cli's batch_run_beside). A pack long enough to be
   * drawn in parts (render.h) is drawn in two halves at once with it;
   * NULL: drawn here alone. */
  guint (*beside)(PackJob job, gpointer data, void (*here)(gpointer), gpointer here_data);
} PackCores;
gboolean pack_write_on(const Pack *pack, PangoFontMap *fonts, const char *period, const char *path,
                       const PackCores *cores, ReportTimings *timings, RenderTimings *rt, guint *n_pages, gsize *size,
                       DiagList *diags, GError **error);

/* The same pages as pack_write draws, as the text of layout_doc_dump
 * (pages numbered through the pack), written to `out` as they are laid
 * out. FALSE on any error, as pack_write. */
gboolean pack_dump(const Pack *pack, PangoFontMap *fonts, const char *period, FILE *out, DiagList *diags,
                   GError **error);

/* Everything pack_write checks, nothing drawn or written: every report
 * built and laid out with the pack's overrides (period, agenda item,
 * meeting), and the agenda. FALSE on any error: input errors in `diags`
 * (each at the file it is about), others in *error. */
gboolean pack_check(const Pack *pack, PangoFontMap *fonts, const char *period, DiagList *diags, GError **error);

/* The pack for the web, into `outdir` (created if need be): index.html,
 * the agenda, linking one page per report (item-N.html, from the report's
 * bound model as `render --format html` makes it) and, `with_pdf`, each
 * report's PDF beside its page (item-N.pdf). Every file is made before
 * any is written; each is written atomically. FALSE on any error, as
 * pack_write. */
gboolean pack_html(const Pack *pack, PangoFontMap *fonts, const char *period, const char *outdir, gboolean with_pdf,
                   DiagList *diags, GError **error);

#endif
