/* pdfpost_xmp — the document's XMP metadata stream (ISO 16684-1), which
 * PDF/UA-1 requires: dc:title (5, 7.1) and the PDF/UA identification
 * schema's pdfuaid:part (5). Title, author, language, creator tool and
 * the dates say the same as the Info dictionary. Every value is escaped
 * for XML (base/xmlout.h): a control character XML cannot hold becomes a space.
 *
 * Provenance, in boardpack's own schema (namespace PROVENANCE_NS, prefix
 * bp): bp:version, and bp:inputs, an rdf:Seq with one resource per input
 * file (bp:item, bp:role, bp:path, bp:sha256; see base/provenance.h), in
 * the order recorded. The stream is written uncompressed (PDF/UA asks
 * that metadata be readable), which is what pdfpost_provenance_read
 * relies on: it finds the packet in the file's bytes and reads it with
 * libxml2 through xmlsrc, the one safe way into XML. */
#include <string.h>

#include "base/xmlout.h"
#include "base/xmlsrc.h"
#include "pdfpost_internal.h"

#define PROVENANCE_NS "urn:boardpack:provenance:1"
#define XMP_BEGIN "<?xpacket begin="
#define XMP_END "<?xpacket end="

static void element(GString *out, const char *name, const char *open, const char *value, const char *close) {
  g_string_append_printf(out, "   <%s>%s", name, open);
  xml_escape(out, value);
  g_string_append_printf(out, "%s</%s>\n", close, name);
}

static void provenance_write(GString *x, const PdfPostOptions *o) {
  if (o->version) element(x, "bp:version", "", o->version, "");
  if (!o->provenance || !o->provenance->inputs->len) return;
  g_string_append(x, "   <bp:inputs>\n    <rdf:Seq>\n");
  for (guint i = 0; i < o->provenance->inputs->len; i++) {
    const ProvenanceInput *in = g_ptr_array_index(o->provenance->inputs, i);
    g_string_append(x, "     <rdf:li rdf:parseType=\"Resource\">\n ");
    element(x, "bp:item", "", in->item, "");
    g_string_append_c(x, ' ');
    element(x, "bp:role", "", in->role, "");
    g_string_append_c(x, ' ');
    element(x, "bp:path", "", in->path, "");
    g_string_append_c(x, ' ');
    element(x, "bp:sha256", "", in->sha256, "");
    g_string_append(x, "     </rdf:li>\n");
  }
  g_string_append(x, "    </rdf:Seq>\n   </bp:inputs>\n");
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
                            "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"\n"
                            "    xmlns:bp=\"" PROVENANCE_NS "\">\n"
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
  provenance_write(x, o);
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

/* ---- reading it back ------------------------------------------------------ */

/* The first `needle` in text[from, len), or NULL: PDF bytes hold NULs,
 * so no C string search will do. */
static const char *bytes_find(const char *text, gsize len, gsize from, const char *needle) {
  gsize n = strlen(needle);
  for (gsize i = from; i + n <= len; i++)
    if (text[i] == needle[0] && memcmp(text + i, needle, n) == 0) return text + i;
  return NULL;
}

/* The last XMP packet in the file (an incremental update's is last). */
static gboolean packet_find(const guint8 *pdf, gsize len, const char **start, gsize *n) {
  const char *text = (const char *)pdf, *begin = NULL;
  for (const char *at = text; (at = bytes_find(text, len, (gsize)(at - text), XMP_BEGIN)); at++) begin = at;
  if (!begin) return FALSE;
  const char *end = bytes_find(text, len, (gsize)(begin - text), XMP_END);
  const char *close = end ? bytes_find(text, len, (gsize)(end - text), "?>") : NULL;
  if (!close) return FALSE;
  *start = begin;
  *n = (gsize)(close + 2 - begin);
  return TRUE;
}

/* The element named `local` in the provenance namespace, under `parent`. */
static xmlNode *bp_child(xmlNode *parent, const char *local) {
  for (xmlNode *c = parent ? parent->children : NULL; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && c->ns && strcmp((const char *)c->ns->href, PROVENANCE_NS) == 0 &&
        strcmp((const char *)c->name, local) == 0)
      return c;
  return NULL;
}

static char *bp_text(xmlNode *parent, const char *local) {
  xmlNode *n = bp_child(parent, local);
  return n ? xmlsrc_text(n) : NULL;
}

/* rdf:Description elements, depth first, until one holds bp:version. */
static xmlNode *description_find(xmlNode *n) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (bp_child(n, "version") || bp_child(n, "inputs")) return n;
    xmlNode *inner = description_find(n->children);
    if (inner) return inner;
  }
  return NULL;
}

static void inputs_read(Provenance *p, xmlNode *inputs) {
  xmlNode *seq = inputs ? xmlsrc_first_element(inputs) : NULL;
  for (xmlNode *li = seq ? xmlsrc_first_element(seq) : NULL; li; li = xmlsrc_next_element(li)) {
    char *item = bp_text(li, "item"), *role = bp_text(li, "role"), *path = bp_text(li, "path"),
         *sha = bp_text(li, "sha256");
    if (role && path && sha) provenance_add_recorded(p, item, role, path, sha);
    g_free(item), g_free(role), g_free(path), g_free(sha);
  }
}

Provenance *pdfpost_provenance_read(const guint8 *pdf, gsize len, char **version, GError **error) {
  const char *packet;
  gsize n;
  if (!packet_find(pdf, len, &packet, &n)) {
    g_set_error(error, PDFPOST_ERROR, PDFPOST_ERROR_READ, "has no XMP metadata boardpack can read");
    return NULL;
  }
  DiagList *diags = diag_list_new();
  XmlSource *src = xmlsrc_parse("XMP", ".", packet, n, diags);
  xmlNode *d = src ? description_find(xmlsrc_root(src)) : NULL;
  Provenance *p = NULL;
  if (d) {
    p = provenance_new(".");
    if (version) *version = bp_text(d, "version");
    inputs_read(p, bp_child(d, "inputs"));
  } else {
    g_set_error(error, PDFPOST_ERROR, PDFPOST_ERROR_READ,
                src ? "records no provenance (it was not made by this boardpack, or was changed since)"
                    : "has XMP metadata that is not well-formed XML");
  }
  xmlsrc_free(src);
  diag_list_free(diags);
  return p;
}
