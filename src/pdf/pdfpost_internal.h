/* pdfpost internals shared by its files: the state of one call.
 *
 * pdfpost.c      options, the structure tree, catalog, info, outline, and
 *                the writing of the update;
 * pdfpost_pages.c every page: content streams (artifacts), /Tabs, fonts;
 * pdfpost_contents.c the new content streams made as the writer needs
 *                them, with helper threads when the options allow;
 * pdfpost_xmp.c  the XMP metadata stream.
 *
 * Each object is replaced at most once (a second replacement is a bug and
 * fails the call); new objects take numbers from the trailer's /Size up. */
#ifndef BOARDPACK_PDFPOST_INTERNAL_H
#define BOARDPACK_PDFPOST_INTERNAL_H

#include "pdfobj.h"
#include "pdfpost.h"

/* A changed object. A page's content stream is made only when the file
 * is written (body NULL, `page` its page): held until then, the marked
 * pages of a long report would be most of the file in memory. */
typedef struct {
  long num;
  GString *body; /* the new object's value (a stream's bytes included), or NULL */
  guint page;    /* body NULL: the page whose content stream this is */
} Replacement;

typedef struct {
  PdfFile file;
  const PdfPostOptions *opts;
  GArray *replacements; /* of Replacement, in the order made */
  GHashTable *replaced; /* object numbers already in `replacements` */
  long next_num;        /* the next new object's number */
  guint elems;          /* structure elements seen, in order */
  guint elems_read;     /* structure objects read (OBJRs too) */
  PdfZip *zip;          /* for the page contents, made while writing */
  /* The input when it is a mapping of a file (pdfpost_apply_fd), or NULL:
   * post_input_release gives back the pages of it read so far. */
  const char *mapped;
  gsize mapped_len;
  gsize copied;         /* input bytes written since its pages were last given back */
  GError **error;
} Post;

gboolean post_fail(Post *p, int code, const char *fmt, const char *arg);
/* Takes `body`; FALSE (and the call fails) if `num` was replaced already. */
gboolean post_replace(Post *p, long num, GString *body);
/* Object `num`, page `page`'s content stream, to be made when the file is
 * written (post_page_content_make); FALSE as post_replace. */
gboolean post_replace_later(Post *p, long num, guint page);
/* A new object's number, its body taken. */
long post_add(Post *p, GString *body);
/* The object `key` refers to in `dict`, with its number. */
gboolean post_ref_object(Post *p, const PdfVal *dict, const char *key, long *num, PdfVal *obj);
/* The value of `key` in `dict`, through one reference if it is one. */
gboolean post_resolve(Post *p, const PdfVal *dict, const char *key, PdfVal *out);

/* The dictionary's text with `extra` entries before its closing ">>". */
GString *post_dict_with(const PdfVal *dict, const char *extra);
/* The dictionary's text without the entries named in `drop` and with `extra`. */
GString *post_dict_edit(const PdfVal *dict, const char *const *drop, const char *extra);

/* The pages of a mapped input read so far given back (they are read
 * again from the file if they are needed again), so that however long
 * the file, only what was read since the last call is held. Every PdfVal
 * stays valid. Nothing for an input in memory. */
void post_input_release(Post *p);

gboolean post_pages(Post *p, const PdfVal *catalog);
/* The new content stream of page `page`, whose old one is object `num`
 * of `file`: its content outside the structure marked as Artifacts (the
 * page's bands in `opts`), deflated with `zip`. NULL with *why (g_free)
 * if it cannot be read. Reads only its arguments: helper threads call it. */
GString *post_page_content_make(const PdfFile *file, PdfZip *zip, const PdfPostOptions *opts, long num, guint page,
                               char **why);

/* The page contents to write, `items` (replacements with no body), made
 * for the writer in that order: by the writer itself, and with
 * `threads` > 1 by threads - 1 helpers too, a few contents ahead of it. */
typedef struct PostContents PostContents;
PostContents *post_contents_start(Post *p, const Replacement *const *items, guint n, guint threads);
/* Item i's content stream (the caller's), i = 0, 1, … in turn; NULL,
 * and the call fails, if it cannot be read. */
GString *post_contents_take(PostContents *c, guint i);
/* The helpers stopped and everything freed (also after an early stop). */
void post_contents_finish(PostContents *c);
/* The XMP packet's object number, or 0 on failure. */
long post_xmp(Post *p);

#endif
