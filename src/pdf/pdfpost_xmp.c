/* pdfpost_xmp — the document's XMP metadata stream (ISO 16684-1), which
 * PDF/UA-1 requires: dc:title (5, 7.1) and the PDF/UA identification
 * schema's pdfuaid:part (5). Title, author, language, creator tool and
 * the dates say the same as the Info dictionary. Every value is escaped
 * for XML; control characters, which XML cannot hold, become spaces. */
#include <string.h>

#include "pdfpost_internal.h"

/* `text` as XML character data. */
static void xml_text(GString *out, const char *text) {
  for (const char *c = text; *c; c++) {
    unsigned char u = (unsigned char)*c;
    if (u == '<') g_string_append(out, "&lt;");
    else if (u == '>') g_string_append(out, "&gt;");
    else if (u == '&') g_string_append(out, "&amp;");
    else if (u == '"') g_string_append(out, "&quot;");
    else if (u < 0x20 || u == 0x7f) g_string_append_c(out, ' ');
    else g_string_append_c(out, (char)u);
  }
}

static void element(GString *out, const char *name, const char *open, const char *value, const char *close) {
  g_string_append_printf(out, "   <%s>%s", name, open);
  xml_text(out, value);
  g_string_append_printf(out, "%s</%s>\n", close, name);
}

static char *iso_date(gint64 epoch) {
  GDateTime *dt = g_date_time_new_from_unix_utc(epoch);
  char *s = g_date_time_format(dt, "%Y-%m-%dT%H:%M:%SZ");
  g_date_time_unref(dt);
  return s;
}

static GString *xmp_packet(const PdfPostOptions *o) {
  GString *x = g_string_new("<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                            " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                            "  <rdf:Description rdf:about=\"\"\n"
                            "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                            "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                            "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
                            "   <dc:format>application/pdf</dc:format>\n");
  if (o->title) element(x, "dc:title", "<rdf:Alt><rdf:li xml:lang=\"x-default\">", o->title, "</rdf:li></rdf:Alt>");
  if (o->author) element(x, "dc:creator", "<rdf:Seq><rdf:li>", o->author, "</rdf:li></rdf:Seq>");
  if (o->lang) element(x, "dc:language", "<rdf:Bag><rdf:li>", o->lang, "</rdf:li></rdf:Bag>");
  if (o->creator_tool) element(x, "xmp:CreatorTool", "", o->creator_tool, "");
  if (o->date_epoch >= 0) {
    char *date = iso_date(o->date_epoch);
    element(x, "xmp:CreateDate", "", date, "");
    element(x, "xmp:ModifyDate", "", date, "");
    element(x, "xmp:MetadataDate", "", date, "");
    g_free(date);
  }
  if (o->pdfua) g_string_append(x, "   <pdfuaid:part>1</pdfuaid:part>\n");
  g_string_append(x, "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>");
  return x;
}

long post_xmp(Post *p) {
  GString *packet = xmp_packet(p->opts);
  GString *body = g_string_new(NULL);
  g_string_append_printf(body, "<< /Type /Metadata /Subtype /XML /Length %lu >>\nstream\n", (unsigned long)packet->len);
  g_string_append_len(body, packet->str, (gssize)packet->len);
  g_string_append(body, "\nendstream");
  g_string_free(packet, TRUE);
  return post_add(p, body);
}
