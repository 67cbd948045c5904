/* xmlsrc — one XML input file, parsed safely, with positions for messages.
 *
 * Owns: the libxml2 document, the source text it came from, and the file
 * name used in diagnostics. Every XML input (report spec, house style,
 * measure catalogue, board pack) is read through here, so that all of them:
 *   - never touch the network, never load a DTD, never expand an entity:
 *     any DOCTYPE is refused outright, which also stops entity bombs and
 *     external entities (XXE) before they are parsed;
 *   - are UTF-8: a UTF-16 file, another declared encoding or bytes that
 *     are not UTF-8 are refused with "only UTF-8 is accepted";
 *   - are validated against a RELAX NG schema compiled into the binary
 *     (GResource path "/boardpack/schema/NAME.rng", NAME also the root
 *     element's name: a file of another kind is named for what it is, and
 *     an element in an XML namespace is refused in words that say so);
 *   - report problems as file:line:col, the column found by matching the
 *     start tags in the source text to the elements in document order, once
 *     per parse (libxml2 keeps no columns); it is kept in each element's
 *     _private field, which nothing else may use.
 */
#ifndef BOARDPACK_XMLSRC_H
#define BOARDPACK_XMLSRC_H

#include <libxml/tree.h>

#include "diag.h"
#include "infile.h"

typedef struct {
  char *name;   /* file name as given, for messages */
  char *dir;    /* directory of the file, for resolving relative references */
  char *text;   /* the bytes parsed */
  gsize len;
  xmlDoc *doc;
  gboolean columns_complete; /* every element's column is in its _private */
} XmlSource;

/* The largest file xmlsrc_load reads: a committee paper's spec is tens of
 * kilobytes; anything near this is a mistake or an attack, and would take
 * minutes to lay out. */
#define XMLSRC_MAX_BYTES INFILE_XML_MAX

/* Read `path` through infile_read (a regular file of at most
 * XMLSRC_MAX_BYTES, inside its folder if confined) and parse it. On
 * failure returns NULL with errors in `diags`. */
XmlSource *xmlsrc_load(const char *path, DiagList *diags);
/* Parse a buffer; `name` is used in messages and `dir` for references. */
XmlSource *xmlsrc_parse(const char *name, const char *dir, const char *buf, gsize len, DiagList *diags);
void xmlsrc_free(XmlSource *src);

/* Validate against the compiled-in schema `schema_name` (e.g. "report").
 * Unknown element names are reported first with a spelling suggestion. */
gboolean xmlsrc_validate(XmlSource *src, const char *schema_name, DiagList *diags);

/* The one way every loader reads its XML: xmlsrc_load, then
 * xmlsrc_validate against `schema_name`. NULL (with the errors in `diags`)
 * unless the file is well-formed and valid. Bytes it found valid, with
 * nothing to say, are not validated again in the process (a pack reading
 * one report many times): the same bytes always give the same answer. */
XmlSource *xmlsrc_load_valid(const char *path, const char *schema_name, DiagList *diags);
/* The same for the bytes of `path`, already read (infile_read) by a
 * caller that keeps them. */
XmlSource *xmlsrc_parse_valid(const char *path, GBytes *bytes, const char *schema_name, DiagList *diags);

xmlNode *xmlsrc_root(const XmlSource *src);
/* Element `node`, read and needed no more, freed with everything in it, so
 * that a long document and what is built from it are not both whole in
 * memory; the other elements keep their lines and columns. Nothing may
 * reach it afterwards (take the next sibling first). Kept as it is when
 * the columns could not all be indexed, since a column is then found by
 * counting the elements before it. */
void xmlsrc_release(XmlSource *src, xmlNode *node);
int xmlsrc_line(const xmlNode *node);
int xmlsrc_col(const XmlSource *src, const xmlNode *node);

/* A diagnostic located at `node`'s start tag. */
void xmlsrc_diag(const XmlSource *src, const xmlNode *node, DiagList *diags, DiagSeverity sev,
                 const char *fmt, ...) G_GNUC_PRINTF(5, 6);

/* Element helpers: children that are elements, attributes as strings owned
 * by the caller (g_free), text content with whitespace kept. */
xmlNode *xmlsrc_first_element(xmlNode *parent);
xmlNode *xmlsrc_next_element(xmlNode *node);
xmlNode *xmlsrc_child(xmlNode *parent, const char *name);
gboolean xmlsrc_is(const xmlNode *node, const char *name);
char *xmlsrc_attr(const xmlNode *node, const char *name);
/* A yes|no attribute: TRUE for "yes", FALSE for anything else, `fallback`
 * when it is absent. */
gboolean xmlsrc_attr_yes(const xmlNode *node, const char *name, gboolean fallback);
char *xmlsrc_text(const xmlNode *node);
/* The text content with each run of XML white space (space, tab, CR, LF)
 * as one space and none at the ends: how a title or a date is read. */
char *xmlsrc_text_squashed(const xmlNode *node);

#endif
