/* html_doc — the page: head and stylesheet, the front sheet, the contents
 * as a <nav>, the report and its annexes in <main>, block by block.
 *
 * The order and the words are layout_collect's (meeting, title, wards,
 * portfolios, front-sheet sections, contact officer, "Report" with its
 * numbered sections and author, then each annex), so the page and the PDF
 * say the same things in the same order. Heading levels: the title is the
 * one <h1>; front-sheet headings, "Report" and each annex are <h2>; a
 * section is one level below what contains it (capped at <h6>). */
#include <math.h>
#include <string.h>

#include "base/infile.h"
#include "html_internal.h"

static void paragraph(Html *h, const SpecBlock *b) {
  if (!b->text.n_runs) return;
  const char *cls = b->para_style == PARA_NOTE ? " class=\"note\"" : b->para_style == PARA_LEAD ? " class=\"lead\"" : "";
  g_string_append(h->out, "<p");
  html_id_attr(h, b->id);
  const char *outer = html_lang_enter(h, b->lang);
  html_dir_attr(h, &b->text);
  g_string_append(h->out, cls);
  g_string_append_c(h->out, '>');
  if (b->para_number) {
    g_string_append(h->out, "<span class=\"num\">");
    xml_escape(h->out, b->para_number);
    g_string_append(h->out, "</span> ");
  }
  html_inline(h, &b->text);
  g_string_append(h->out, "</p>\n");
  h->lang = outer;
}

static void list(Html *h, const SpecBlock *b) {
  const char *m = b->marker ? b->marker : "";
  const char *cls = strcmp(m, "a)") == 0   ? " class=\"lower-alpha\""
                    : strcmp(m, "i)") == 0 ? " class=\"lower-roman\""
                    : strcmp(m, "none") == 0 ? " class=\"none\""
                    : strcmp(m, "dash") == 0 ? " class=\"dash\""
                    : strcmp(m, "square") == 0 ? " class=\"square\""
                                               : "";
  g_string_append_printf(h->out, "<%s%s", b->ordered ? "ol" : "ul", cls);
  if (b->ordered && b->start != 1) g_string_append_printf(h->out, " start=\"%d\"", b->start);
  const char *outer = html_lang_enter(h, b->lang);
  g_string_append(h->out, ">\n");
  for (guint i = 0; i < b->n_children; i++) {
    const SpecBlock *item = b->children[i];
    g_string_append(h->out, "<li");
    const char *list_lang = html_lang_enter(h, item->lang);
    html_dir_attr(h, &item->text);
    g_string_append_c(h->out, '>');
    html_inline(h, &item->text);
    for (guint k = 0; k < item->n_children; k++) html_block(h, item->children[k]);
    g_string_append(h->out, "</li>\n");
    h->lang = list_lang;
  }
  g_string_append_printf(h->out, "</%s>\n", b->ordered ? "ol" : "ul");
  h->lang = outer;
}

/* A PNG as a data: URL, at the width the PDF prints it (CSS px: 96 an inch). */
static void image(Html *h, const char *path, const char *alt, double width_pt, double width_frac, int line, int col) {
  GError *err = NULL;
  GBytes *png = infile_read(path, INFILE_IMAGE, &err);
  if (!png) {
    diag_error(h->diags, h->spec->path, line, col, "'%s' %s", path, err->message);
    g_error_free(err);
    return;
  }
  gsize len;
  const guchar *d = g_bytes_get_data(png, &len);
  /* spec_load checked the file is a PNG: the IHDR's width and height are at 16 and 20 */
  double px_w = len >= 24 ? (double)((guint32)d[16] << 24 | d[17] << 16 | d[18] << 8 | d[19]) : 1;
  double px_h = len >= 24 ? (double)((guint32)d[20] << 24 | d[21] << 16 | d[22] << 8 | d[23]) : 1;
  double column = style_body_width(h->style);
  double w = width_frac > 0 ? column * width_frac : width_pt > 0 ? width_pt : px_w * 72.0 / h->style->figure.dpi;
  w = MIN(w, column);
  char *b64 = g_base64_encode(d, len);
  g_string_append_printf(h->out, "<img width=\"%d\" height=\"%d\" alt=\"", (int)lround(w * 4 / 3),
                         (int)lround(w * 4 / 3 * px_h / MAX(px_w, 1)));
  xml_escape(h->out, alt);
  g_string_append_printf(h->out, "\" src=\"data:image/png;base64,%s\">\n", b64);
  g_free(b64);
  g_bytes_unref(png);
}

static void figure(Html *h, const SpecBlock *b) {
  g_string_append(h->out, "<figure");
  html_id_attr(h, b->id);
  g_string_append(h->out, ">\n");
  image(h, b->src, b->alt, b->width_pt, b->width_frac, b->line, b->col);
  if (b->text.n_runs) {
    g_string_append(h->out, "<figcaption>");
    html_inline(h, &b->text);
    g_string_append(h->out, "</figcaption>\n");
  }
  g_string_append(h->out, "</figure>\n");
}

static void section(Html *h, const SpecBlock *s, int level);

static void slide(Html *h, const SpecBlock *s) {
  g_string_append(h->out, "<section class=\"slide\">\n");
  html_heading(h, h->level + 1, s->id, s->title);
  int saved = h->level;
  h->level++;
  for (guint k = 0; k < s->n_children; k++) {
    const SpecBlock *b = s->children[k];
    if (s->title_slide && b->kind == BLOCK_PARAGRAPH && b->para_style == PARA_NORMAL) {
      SpecBlock lead = *b;
      lead.para_style = PARA_LEAD;
      paragraph(h, &lead);
    } else {
      html_block(h, b);
    }
  }
  h->level = saved;
  g_string_append(h->out, "</section>\n");
}

void html_block(Html *h, const SpecBlock *b) {
  switch (b->kind) {
  case BLOCK_PARAGRAPH: paragraph(h, b); break;
  case BLOCK_LIST: list(h, b); break;
  case BLOCK_FIGURE: figure(h, b); break;
  case BLOCK_HEADING: {
    const char *text = spec_inline_text(h->spec, &b->text);
    html_heading(h, h->level + 1 + b->depth, b->id, text); /* depth: a heading under another (layout's rule) */
    break;
  }
  case BLOCK_SECTION: section(h, b, h->level + 1); break;
  case BLOCK_TABLE: html_table(h, b); break;
  case BLOCK_CHART: html_chart(h, b, style_body_width(h->style) - h->style->number_width); break;
  case BLOCK_SLIDE: slide(h, b); break;
  case BLOCK_PAGE_BREAK:
  case BLOCK_CONTENTS: /* the contents is the page's <nav> */
  default: break;
  }
}

static void section(Html *h, const SpecBlock *s, int level) {
  char *title = html_section_title(s), *dest = html_section_dest(s, h->annex);
  g_string_append(h->out, "<section");
  const char *outer = html_lang_enter(h, s->lang);
  g_string_append(h->out, ">\n");
  html_heading(h, level, dest, title);
  g_free(title), g_free(dest);
  int saved = h->level;
  h->level = level;
  for (guint i = 0; i < s->n_children; i++) html_block(h, s->children[i]);
  h->level = saved;
  g_string_append(h->out, "</section>\n");
  h->lang = outer;
}

/* ---- contents ---------------------------------------------------------- */

static void contents_entry_open(Html *h, const char *dest, const char *title) {
  g_string_append(h->out, "<li><a");
  char *href = g_strconcat("#", dest, NULL);
  html_href_attr(h, href);
  g_free(href);
  g_string_append_c(h->out, '>');
  html_text(h, title);
  g_string_append(h->out, "</a>");
}

static void contents_sections(Html *h, const SpecBlock *parent, guint annex, int level, int depth) {
  gboolean open = FALSE;
  for (guint i = 0; parent && i < parent->n_children; i++) {
    const SpecBlock *s = parent->children[i];
    char *dest = s->kind == BLOCK_SECTION ? html_section_dest(s, annex) : NULL;
    if (dest) {
      if (!open) g_string_append(h->out, "<ol>\n"), open = TRUE;
      char *title = html_section_title(s);
      contents_entry_open(h, dest, title);
      if (level < depth) contents_sections(h, s, annex, level + 1, depth);
      g_string_append(h->out, "</li>\n");
      g_free(title);
    }
    g_free(dest);
  }
  if (open) g_string_append(h->out, "</ol>\n");
}

static const SpecBlock *contents_block(const Spec *spec) {
  for (guint i = 0; spec->front && i < spec->front->n_children; i++)
    if (spec->front->children[i]->kind == BLOCK_CONTENTS) return spec->front->children[i];
  return NULL;
}

/* The contents list layout makes, as links: the report, its sections to
 * the depth asked for, each annex. A spec without a contents block still
 * gets one (to depth 1): a page needs its navigation. A page with
 * neither body nor annexes (a pack's agenda) has none. */
static void contents(Html *h) {
  if (!h->spec->body && h->spec->n_annexes == 0) return; /* an agenda: nothing to list */
  const SpecBlock *b = contents_block(h->spec);
  int depth = b ? b->contents_depth : 1;
  g_string_append(h->out, "<nav aria-labelledby=\"");
  xml_escape(h->out, h->spec->dest_prefix);
  g_string_append(h->out, "contents-heading\">\n");
  g_string_append(h->out, "<h2");
  html_id_attr(h, "contents-heading");
  g_string_append_c(h->out, '>');
  html_text(h, b && b->title ? b->title : html_label(h, NULL, SPEC_LABEL_CONTENTS));
  g_string_append(h->out, "</h2>\n<ol>\n");
  if (h->spec->body) {
    contents_entry_open(h, "report", h->spec->body_title);
    contents_sections(h, h->spec->body, 0, 2, depth + 1);
    g_string_append(h->out, "</li>\n");
  }
  for (guint i = 0; i < h->spec->n_annexes; i++) {
    const SpecBlock *a = h->spec->annexes[i];
    char *title = g_strdup_printf("%s: %s", a->label, a->title), *dest = html_section_dest(a, i + 1);
    contents_entry_open(h, dest, title);
    if (depth > 1) contents_sections(h, a, i + 1, 2, 2);
    g_string_append(h->out, "</li>\n");
    g_free(title), g_free(dest);
  }
  g_string_append(h->out, "</ol>\n</nav>\n");
}

/* ---- front sheet, report, annexes -------------------------------------- */

static void meeting_line(Html *h, const char *text) {
  if (!text) return;
  g_string_append(h->out, "<p class=\"meeting\">");
  xml_escape(h->out, text);
  g_string_append(h->out, "</p>\n");
}

/* "<strong>Label:</strong> value" ("" alone: the value). */
static void labelled(Html *h, const char *label, const char *value) {
  g_string_append(h->out, "<p>");
  if (*label) {
    g_string_append(h->out, "<strong>");
    xml_escape(h->out, label);
    g_string_append(h->out, ":</strong> ");
  }
  html_text(h, value);
  g_string_append(h->out, "</p>\n");
}

static void front_matter(Html *h) {
  const SpecMeta *m = &h->spec->meta;
  g_string_append(h->out, "<header>\n");
  if (m->agenda_item) {
    char *t = g_strdup_printf("%s %s", html_label(h, NULL, SPEC_LABEL_AGENDA_ITEM), m->agenda_item);
    meeting_line(h, t);
    g_free(t);
  }
  meeting_line(h, m->committee);
  meeting_line(h, m->date_long);
  g_string_append(h->out, "<hr>\n");
  html_heading(h, 1, NULL, m->title);
  if (m->wards) labelled(h, html_label(h, NULL, SPEC_LABEL_WARDS), m->wards);
  for (int i = 0; m->portfolios && m->portfolios[i]; i++)
    labelled(h, i == 0 ? html_label(h, NULL, spec_portfolios_label(m)) : "", m->portfolios[i]);
  g_string_append(h->out, "</header>\n");
}

static void person(Html *h, const char *heading, const SpecPerson *p, gboolean signature) {
  const SpecMeta *m = &h->spec->meta;
  g_string_append(h->out, "<section>\n");
  html_heading(h, 2, NULL, heading);
  if (signature && m->signature_src)
    image(h, m->signature_src, m->signature_alt, m->signature_width_pt > 0 ? m->signature_width_pt : h->style->signature_width,
          0, 0, 0);
  g_string_append(h->out, "<p>");
  xml_escape(h->out, p->name);
  if (p->role) {
    g_string_append(h->out, " – ");
    xml_escape(h->out, p->role);
  }
  g_string_append(h->out, "</p>\n");
  if (p->phone) {
    g_string_append(h->out, "<p>");
    xml_escape(h->out, html_label(h, NULL, SPEC_LABEL_TELEPHONE));
    g_string_append(h->out, ": ");
    xml_escape(h->out, p->phone);
    g_string_append(h->out, "</p>\n");
  }
  if (p->email) {
    char *mailto = g_strconcat("mailto:", p->email, NULL);
    g_string_append(h->out, "<p>");
    xml_escape(h->out, html_label(h, NULL, SPEC_LABEL_EMAIL));
    g_string_append(h->out, ": <a");
    html_href_attr(h, mailto);
    g_string_append_c(h->out, '>');
    xml_escape(h->out, p->email);
    g_string_append(h->out, "</a></p>\n");
    g_free(mailto);
  }
  g_string_append(h->out, "</section>\n");
}

static void front_sheet(Html *h) {
  const SpecBlock *front = h->spec->front;
  g_string_append(h->out, "<div class=\"front\">\n");
  h->level = 2;
  for (guint i = 0; front && i < front->n_children; i++) {
    const SpecBlock *s = front->children[i];
    if (s->kind != BLOCK_SECTION) continue;
    g_string_append(h->out, "<section>\n");
    html_heading(h, 2, s->id, s->title);
    for (guint k = 0; k < s->n_children; k++) html_block(h, s->children[k]);
    g_string_append(h->out, "</section>\n");
  }
  html_footnotes(h);
  if (h->spec->meta.contact.name) person(h, html_label(h, NULL, SPEC_LABEL_CONTACT), &h->spec->meta.contact, TRUE);
  g_string_append(h->out, "</div>\n");
}

static void body(Html *h) {
  const SpecBlock *b = h->spec->body;
  if (!b) return;
  g_string_append(h->out, "<section>\n");
  html_heading(h, 2, "report", h->spec->body_title);
  h->level = 2;
  for (guint i = 0; i < b->n_children; i++) {
    html_block(h, b->children[i]);
    html_footnotes(h); /* under the numbered section they were referred to in */
  }
  if (h->spec->meta.author.name) person(h, html_label(h, NULL, SPEC_LABEL_AUTHOR), &h->spec->meta.author, FALSE);
  g_string_append(h->out, "</section>\n");
}

static void annex(Html *h, const SpecBlock *a, guint index) {
  char *heading = g_strdup_printf("%s: %s", a->label, a->title), *dest = html_section_dest(a, index);
  g_string_append(h->out, "<section class=\"annex\">\n");
  html_heading(h, 2, dest, heading);
  g_free(heading), g_free(dest);
  h->annex = index;
  h->level = 2;
  for (guint k = 0; k < a->n_children; k++) html_block(h, a->children[k]);
  html_footnotes(h);
  h->annex = 0;
  g_string_append(h->out, "</section>\n");
}

static void head(Html *h) {
  g_string_append(h->out, "<!DOCTYPE html>\n<html lang=\"");
  xml_escape(h->out, h->spec->lang);
  g_string_append(h->out, "\">\n<head>\n<meta charset=\"utf-8\">\n"
                          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
  xml_escape(h->out, h->spec->meta.title);
  g_string_append(h->out, "</title>\n");
  if (h->spec->meta.subject) {
    g_string_append(h->out, "<meta name=\"description\" content=\"");
    xml_escape(h->out, h->spec->meta.subject);
    g_string_append(h->out, "\">\n");
  }
  if (h->spec->meta.author.name) {
    g_string_append(h->out, "<meta name=\"author\" content=\"");
    xml_escape(h->out, h->spec->meta.author.name);
    g_string_append(h->out, "\">\n");
  }
  html_css(h);
  g_string_append(h->out, "</head>\n");
}

GBytes *html_document(Spec *spec, const Style *style, PangoContext *ctx, DiagList *diags) {
  DiagMark mark = diag_mark(diags);
  Html h = {.out = g_string_new(NULL), .spec = spec, .lang = spec->lang, .style = style, .ctx = ctx, .diags = diags,
            .footnotes = g_ptr_array_new()};
  head(&h);
  g_string_append(h.out, "<body>\n<a class=\"skip\"");
  html_href_attr(&h, "#main");
  g_string_append_c(h.out, '>');
  xml_escape(h.out, html_label(&h, NULL, SPEC_LABEL_SKIP));
  g_string_append(h.out, "</a>\n");
  front_matter(&h);
  contents(&h);
  g_string_append(h.out, "<main");
  html_id_attr(&h, "main");
  g_string_append(h.out, ">\n");
  front_sheet(&h);
  body(&h);
  for (guint i = 0; i < spec->n_annexes; i++) annex(&h, spec->annexes[i], i + 1);
  html_footnotes(&h);
  g_string_append(h.out, "</main>\n</body>\n</html>\n");
  g_ptr_array_free(h.footnotes, TRUE);
  if (diag_errors_since(diags, mark)) {
    g_string_free(h.out, TRUE);
    return NULL;
  }
  return g_string_free_to_bytes(h.out);
}
