/* pdfpost internals shared by its files: the state of one call.
 *
 * pdfpost.c      options, the structure tree, catalog, info, outline, and
 *                the writing of the update;
 * pdfpost_pages.c every page: content streams (artifacts), /Tabs, fonts;
 * pdfpost_xmp.c  the XMP metadata stream.
 *
 * Each object is replaced at most once (a second replacement is a bug and
 * fails the call); new objects take numbers from the trailer's /Size up. */
#ifndef BOARDPACK_PDFPOST_INTERNAL_H
#define BOARDPACK_PDFPOST_INTERNAL_H

#include "pdfobj.h"
#include "pdfpost.h"

typedef struct {
  long num;
  GString *body; /* the new object's value (a stream's bytes included) */
} Replacement;

typedef struct {
  PdfFile file;
  const PdfPostOptions *opts;
  GArray *replacements; /* of Replacement, in the order made */
  GHashTable *replaced; /* object numbers already in `replacements` */
  long next_num;        /* the next new object's number */
  guint elems;          /* structure elements seen, in order */
  GError **error;
} Post;

gboolean post_fail(Post *p, int code, const char *fmt, const char *arg);
/* Takes `body`; FALSE (and the call fails) if `num` was replaced already. */
gboolean post_replace(Post *p, long num, GString *body);
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

gboolean post_pages(Post *p, const PdfVal *catalog);
/* The XMP packet's object number, or 0 on failure. */
long post_xmp(Post *p);

#endif
