/* xmlout — text as the XML, SVG and HTML boardpack writes carry it.
 *
 * Owns nothing. Always holds: what it appends is character data that
 * is also safe inside a single- or double-quoted attribute (& < > " '
 * as character references), and holds no character XML 1.0 cannot
 * carry (a C0 control other than tab, newline and carriage return
 * becomes a space). Bytes are otherwise copied as they are: the text is
 * UTF-8 already. */
#ifndef BOARDPACK_XMLOUT_H
#define BOARDPACK_XMLOUT_H

#include <glib.h>

/* `text` (NULL: nothing), escaped, appended to `out`. */
void xml_escape(GString *out, const char *text);
/* The first `len` bytes of `text`, escaped, appended to `out`. */
void xml_escape_len(GString *out, const char *text, gsize len);

#endif
