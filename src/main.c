/* boardpack — the command line. Thin: it parses options, runs the report
 * pipeline (report.c) and writes what it returns (outfile.c).
 * Exit status: 0 success, 1 bad input or failed output, 2 usage error. */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "fonts.h"
#include "outfile.h"
#include "render.h"
#include "report.h"

#define EXIT_BAD_INPUT 1
#define EXIT_USAGE 2

int cmd_measures(int argc, char **argv);

static const char usage_text[] =
    "Usage: boardpack COMMAND [OPTIONS] ...\n"
    "\n"
    "Commands:\n"
    "  render SPEC.xml [-o OUT] [--format pdf|png|boxes] [--dpi N]\n"
    "                        lay out and draw a report (PDF by default)\n"
    "  check SPEC.xml        validate the spec and its data; render nothing\n"
    "  measures CATALOGUE DATA [--period P]\n"
    "                        print every computed measure value as CSV\n"
    "\n"
    "Options:\n"
    "  -h, --help            show this help (or COMMAND --help)\n"
    "  --version             print the version\n";

static int usage_error(const char *fmt, const char *arg) {
  fprintf(stderr, "boardpack: ");
  fprintf(stderr, fmt, arg);
  fprintf(stderr, "\nTry 'boardpack --help'.\n");
  return EXIT_USAGE;
}

/* Parse a subcommand's options; on error print it and return FALSE. */
static gboolean options_parse(const char *summary, GOptionEntry *entries, int *argc, char ***argv) {
  GOptionContext *ctx = g_option_context_new(summary);
  g_option_context_add_main_entries(ctx, entries, NULL);
  GError *err = NULL;
  gboolean ok = g_option_context_parse(ctx, argc, argv, &err);
  if (!ok) {
    fprintf(stderr, "boardpack: %s\nTry 'boardpack %s --help'.\n", err->message, (*argv)[0]);
    g_error_free(err);
  }
  g_option_context_free(ctx);
  return ok;
}

static PangoFontMap *font_map_or_report(void) {
  GError *err = NULL;
  PangoFontMap *map = fonts_font_map_new(NULL, &err);
  if (!map) {
    fprintf(stderr, "boardpack: error: %s\n", err->message);
    g_error_free(err);
  }
  return map;
}

/* ---- check -------------------------------------------------------------- */

static int cmd_check(int argc, char **argv) {
  GOptionEntry entries[] = {{NULL}};
  if (!options_parse("SPEC.xml - validate a report spec and its data", entries, &argc, &argv)) return EXIT_USAGE;
  if (argc != 2) return usage_error("check takes one spec file, %s", argc < 2 ? "none given" : "more given");
  DiagList *diags = diag_list_new();
  Report *r = report_build(argv[1], NULL, TRUE, diags);
  diag_print(diags, stderr);
  int status = r && !diag_has_errors(diags) ? 0 : EXIT_BAD_INPUT;
  report_free(r);
  diag_list_free(diags);
  return status;
}

/* ---- render ------------------------------------------------------------- */

typedef struct {
  char *output;
  char *format;
  double dpi;
} RenderOptions;

static char *default_output(const char *spec, const char *format) {
  char *base = g_strdup(spec);
  char *dot = strrchr(base, '.');
  if (dot && !strchr(dot, '/')) *dot = '\0';
  char *out = strcmp(format, "png") == 0 ? g_strconcat(base, "-pages", NULL) : g_strconcat(base, ".pdf", NULL);
  g_free(base);
  return out;
}

static gboolean write_pngs(const LayoutDoc *doc, const char *dir, double dpi, GError **error) {
  if (g_mkdir_with_parents(dir, 0755) != 0) {
    g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno), "cannot create directory %s: %s", dir,
                g_strerror(errno));
    return FALSE;
  }
  for (guint i = 0; i < layout_doc_page_count(doc); i++) {
    GBytes *png = render_png_page(doc, i, dpi, error);
    char name[32];
    g_snprintf(name, sizeof name, "page-%03u.png", i + 1);
    char *path = g_build_filename(dir, name, NULL);
    gboolean ok = png && outfile_write(path, png, error);
    if (ok) printf("%s\n", path);
    g_free(path);
    if (png) g_bytes_unref(png);
    if (!ok) return FALSE;
  }
  return TRUE;
}

static gboolean write_boxes(const LayoutDoc *doc, const char *path, GError **error) {
  if (!path || strcmp(path, "-") == 0) {
    layout_doc_dump(doc, stdout);
    return TRUE;
  }
  char *buf = NULL;
  size_t len = 0;
  FILE *mem = open_memstream(&buf, &len);
  layout_doc_dump(doc, mem);
  fclose(mem);
  GBytes *bytes = g_bytes_new_take(buf, len);
  gboolean ok = outfile_write(path, bytes, error);
  g_bytes_unref(bytes);
  return ok;
}

static gboolean write_output(const Report *r, const RenderOptions *o, GError **error) {
  if (strcmp(o->format, "boxes") == 0) return write_boxes(r->layout, o->output, error);
  if (strcmp(o->format, "png") == 0) return write_pngs(r->layout, o->output, o->dpi, error);
  GBytes *pdf = render_pdf(r->layout, error);
  gboolean ok = pdf && outfile_write(o->output, pdf, error);
  if (pdf) g_bytes_unref(pdf);
  return ok;
}

static int render_one(const char *spec_path, RenderOptions *o) {
  if (outfile_same_file(spec_path, o->output)) {
    fprintf(stderr, "%s: error: the output file would overwrite the spec itself\n", spec_path);
    return EXIT_BAD_INPUT;
  }
  PangoFontMap *fonts = font_map_or_report();
  if (!fonts) return EXIT_BAD_INPUT;
  DiagList *diags = diag_list_new();
  Report *r = report_build(spec_path, fonts, FALSE, diags);
  diag_print(diags, stderr);
  int status = EXIT_BAD_INPUT;
  if (r) {
    GError *err = NULL;
    if (write_output(r, o, &err)) status = 0;
    else {
      fprintf(stderr, "boardpack: error: %s\n", err->message);
      g_error_free(err);
    }
  }
  report_free(r);
  diag_list_free(diags);
  g_object_unref(fonts);
  return status;
}

static int cmd_render(int argc, char **argv) {
  RenderOptions o = {.dpi = 96};
  GOptionEntry entries[] = {
      {"output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output, "Write to OUT (a directory for png)", "OUT"},
      {"format", 0, 0, G_OPTION_ARG_STRING, &o.format, "pdf (default), png or boxes", "FORMAT"},
      {"dpi", 0, 0, G_OPTION_ARG_DOUBLE, &o.dpi, "Resolution of PNG pages (default 96)", "N"},
      {NULL}};
  int status = EXIT_USAGE;
  if (!options_parse("SPEC.xml - lay out and draw a report", entries, &argc, &argv)) goto out;
  if (!o.format) o.format = g_strdup("pdf");
  if (strcmp(o.format, "pdf") && strcmp(o.format, "png") && strcmp(o.format, "boxes")) {
    status = usage_error("unknown format '%s' (use pdf, png or boxes)", o.format);
    goto out;
  }
  if (o.dpi < 10 || o.dpi > 1200) {
    status = usage_error("--dpi must be between 10 and 1200%s", "");
    goto out;
  }
  if (argc != 2) {
    status = usage_error("render takes one spec file, %s", argc < 2 ? "none given" : "more given");
    goto out;
  }
  if (!o.output && strcmp(o.format, "boxes") != 0) o.output = default_output(argv[1], o.format);
  status = render_one(argv[1], &o);
out:
  g_free(o.output);
  g_free(o.format);
  return status;
}

/* ---- main --------------------------------------------------------------- */

int main(int argc, char **argv) {
  setlocale(LC_ALL, "");
  setlocale(LC_NUMERIC, "C"); /* figures never depend on the locale */
  outfile_install_signal_cleanup();
  if (argc < 2) {
    fputs(usage_text, stderr);
    return EXIT_USAGE;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
    fputs(usage_text, stdout);
    return 0;
  }
  if (strcmp(cmd, "--version") == 0) {
    printf("boardpack %s\n", BOARDPACK_VERSION);
    return 0;
  }
  if (strcmp(cmd, "render") == 0) return cmd_render(argc - 1, argv + 1);
  if (strcmp(cmd, "check") == 0) return cmd_check(argc - 1, argv + 1);
  if (strcmp(cmd, "measures") == 0) return cmd_measures(argc - 1, argv + 1);
  return usage_error("unknown command '%s'", cmd);
}
