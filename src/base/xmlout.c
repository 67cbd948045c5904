/* xmlout — see xmlout.h. */
#include "xmlout.h"

#include <string.h>

void xml_escape_len(GString *out, const char *text, gsize len) {
  for (const char *s = text, *end = text + len; s < end; s++) switch (*s) {
    case '&': g_string_append(out, "&amp;"); break;
    case '<': g_string_append(out, "&lt;"); break;
    case '>': g_string_append(out, "&gt;"); break;
    case '"': g_string_append(out, "&quot;"); break;
    case '\'': g_string_append(out, "&#39;"); break;
    default:
      g_string_append_c(out, (guchar)*s < 0x20 && *s != '\t' && *s != '\n' && *s != '\r' ? ' ' : *s);
    }
}

void xml_escape(GString *out, const char *text) {
  if (text) xml_escape_len(out, text, strlen(text));
}
