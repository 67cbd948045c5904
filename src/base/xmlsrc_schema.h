/* xmlsrc_schema — what a RELAX NG schema allows, read from the schema
 * itself, so that a validation error can say what is wrong and what would
 * be right: "<column> needs period=\"…\"", "type=\"pie\" is not one of
 * \"line\", \"column\", \"stacked\", \"bar\"", "<date> \"20/01/2014\" is
 * not a date: write it as YYYY-MM-DD", "<p> cannot go inside <report>".
 *
 * Owns: SchemaInfo, built once from a schema document (which it does not
 * keep): for each element name, its attributes (required or not, allowed
 * values, datatype), its text datatype, and the elements it may appear in.
 * Several definitions of one name (a chart's <series> and a scorecard's)
 * are merged: an attribute is required only if every definition needs it.
 * Internal to base/ (xmlsrc.c).
 */
#ifndef BOARDPACK_XMLSRC_SCHEMA_H
#define BOARDPACK_XMLSRC_SCHEMA_H

#include <glib.h>
#include <libxml/tree.h>

typedef struct SchemaInfo SchemaInfo;

SchemaInfo *schema_info_new(xmlDoc *rng);
void schema_info_free(SchemaInfo *si);

/* A message for libxml2's validation error `msg` at `node`, or NULL when
 * nothing better can be said (the caller keeps libxml2's words). */
char *schema_info_explain(const SchemaInfo *si, const xmlNode *node, const char *msg);

/* What is wrong with one element's own attributes or text by the schema,
 * whatever libxml2 said (it often reports only "Element layout failed to
 * validate content" for a bad attribute inside an interleave), or NULL. */
char *schema_info_check_element(const SchemaInfo *si, const xmlNode *node);

#endif
