/* boardpack — the command line. Thin: it parses options, runs the report
 * pipeline (report.c) and writes what it returns (outfile.c).
 * Exit status: 0 success, 1 bad input or failed output, 2 usage error. */
#include <errno.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "cmd_diff.h"
#include "cmd_pack_edition.h"
#include "cmd_provenance.h"
#include "cmd_init.h"
#include "cmd_watch.h"
#include "each.h"
#include "base/diag.h"
#include "base/fonts.h"
#include "base/outfile.h"
#include "base/xmlsrc.h"
#include "html/html.h"
#include "pack/pack.h"
#include "render/render.h"
#include "report/report.h"

#define EXIT_BAD_INPUT 1
#define EXIT_USAGE 2

int cmd_measures(int argc, char **argv);

static const char usage_text[] =
    "Usage: boardpack COMMAND [OPTIONS] ...\n"
    "\n"
    "Commands:\n"
    "  render SPEC.xml [-o OUT] [--format pdf|html|png|boxes] [--dpi N]\n"
    "                        lay out and draw a report (PDF by default)\n"
    "  render [-j N] [--outdir DIR] SPEC.xml...\n"
    "                        many reports, N at a time, a PDF for each\n"
    "  render SPEC.xml --each LEVEL --outdir DIR [-j N]\n"
    "                        the report once per unit of LEVEL (board, service,\n"
    "                        team, worker): DIR/ID.pdf for each unit\n"
    "  pack PACK.xml [-o OUT] [--format pdf|boxes] | --format html|pdf,html --outdir DIR\n"
    "                        a meeting's agenda and its reports as one PDF\n"
    "  pack [-j N] [--outdir DIR] PACK.xml...\n"
    "                        many packs, N at a time\n"
    "  (render and pack also take --period P, setting every report's period,\n"
    "   --timings, printing the time each stage took, and --max-pages N,\n"
    "   the most pages a document may have: 10000 unless raised)\n"
    "  (every command prints all errors, up to 50 warnings a file, and a\n"
    "   count; --all-warnings prints every warning; --strict makes an\n"
    "   exception report's measure without commentary an error)\n"
    "  check SPEC.xml [--describe] [--period P] | PACK.xml [--period P]\n"
    "                        validate the spec and its data; render nothing\n"
    "                        (--describe: print each chart's generated description)\n"
    "  check --provenance PAPER.pdf\n"
    "                        whether the PDF still matches the files it was built from\n"
    "  measures CATALOGUE DATA [--period P]\n"
    "                        print every computed measure value as CSV\n"
    "  init DIR              write a starter report (spec, catalogue, data) into\n"
    "                        a new or empty DIR\n"
    "  watch SPEC.xml [-o OUT] [--format pdf|html|png]\n"
    "                        render, then render again whenever the spec or\n"
    "                        its data, catalogue, house style or images change\n"
    "  diff -c CATALOGUE OLD.csv NEW.csv | DATA.csv --period P --against Q\n"
    "                        measures whose rating, direction or value changed,\n"
    "                        and past figures revised\n"
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
static gboolean strict; /* --strict: an exception without commentary is an error (spec_set_strict) */

static gboolean options_parse(const char *summary, GOptionEntry *entries, int *argc, char ***argv) {
  GOptionContext *ctx = g_option_context_new(summary);
  g_option_context_add_main_entries(ctx, entries, NULL);
  GError *err = NULL;
  gboolean ok = g_option_context_parse(ctx, argc, argv, &err);
  spec_set_strict(strict);
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

/* ---- messages ----------------------------------------------------------- */

static gboolean all_warnings; /* --all-warnings: no cap on warnings */

#define ALL_WARNINGS_OPTION                                                                                   \
  {"all-warnings", 0, 0, G_OPTION_ARG_NONE, &all_warnings, "Print every warning (errors are always printed)", \
   NULL},                                                                                                     \
      {"strict", 0, 0, G_OPTION_ARG_NONE, &strict,                                                           \
       "Refuse a report not fit for committee (an exception report measure without commentary)", NULL}

/* Every finding (errors always; warnings up to 50 a file unless
 * --all-warnings), then "INPUT: 2 errors, 54 warnings" if there were any:
 * in a batch the count names the input whose messages end there. */
static void messages_print(const DiagList *diags, const char *input) {
  DiagCounts n = diag_print_with(diags, stderr, all_warnings);
  char *counts = diag_counts_text(n);
  if (counts) fprintf(stderr, "%s: %s\n", input, counts);
  g_free(counts);
}

/* ---- check -------------------------------------------------------------- */

/* Every chart's generated description (its alt text), one per line. */
static SpecWalkStep chart_describe(SpecBlock *b, gpointer data) {
  const Spec *spec = data;
  if (b->kind == BLOCK_CHART && b->data && b->data->alt)
    printf("%s:%d:%d: %s\n", spec->path, b->line, b->col, b->data->alt);
  return SPEC_WALK_CHILDREN;
}

/* Whether `path` is a board pack (its root is <pack>); anything unreadable
 * is left to the report loader to report. */
static gboolean is_pack_file(const char *path) {
  DiagList *quiet = diag_list_new();
  XmlSource *src = xmlsrc_load(path, quiet);
  gboolean pack = src && xmlsrc_is(xmlsrc_root(src), "pack");
  xmlsrc_free(src);
  diag_list_free(quiet);
  return pack;
}

/* check PACK.xml: what `pack` would report, nothing written. It takes
 * pack's edition options and refuses a pack with an exempt item without
 * one just as pack does (exit 2), so that a check that passes means the
 * same pack command will. */
static int check_pack(const char *path, const PackEditionOptions *editions, const char *period, PangoFontMap *fonts,
                      DiagList *diags) {
  if (editions->public_edition && editions->confidential_edition) /* pack's words for this speak of -o */
    return usage_error("check checks one edition at a time: --public or --confidential, %s", "not both");
  PackEdition edition;
  pack_edition_from_options(editions, &edition); /* check has no --confidential-output to clash */
  gboolean usage = FALSE;
  Pack *pack = pack_load_edition(path, edition, editions->supplement, diags, &usage);
  GError *err = NULL;
  gboolean ok = pack && pack_check(pack, fonts, period, diags, &err);
  messages_print(diags, path);
  if (err) fprintf(stderr, "%s: error: %s\n", path, err->message);
  g_clear_error(&err);
  pack_free(pack);
  return usage ? EXIT_USAGE : ok && !diag_has_errors(diags) ? 0 : EXIT_BAD_INPUT;
}

static int cmd_check(int argc, char **argv) {
  gboolean describe = FALSE, provenance = FALSE;
  PackEditionOptions editions = {0};
  g_autofree char *period = NULL;
  GOptionEntry entries[] = {
      {"describe", 0, 0, G_OPTION_ARG_NONE, &describe, "Print each chart's generated description (its alt text)", NULL},
      {"period", 0, 0, G_OPTION_ARG_STRING, &period, "Check as render or pack --period P would (every report's period)",
       "P"},
      {"provenance", 0, 0, G_OPTION_ARG_NONE, &provenance,
       "Given a PDF: whether it still matches the files it was built from", NULL},
      {"public", 0, 0, G_OPTION_ARG_NONE, &editions.public_edition,
       "Given a pack: check its public edition (a pack with exempt items needs this or --confidential)", NULL},
      {"confidential", 0, 0, G_OPTION_ARG_NONE, &editions.confidential_edition,
       "Given a pack: check its confidential edition, exempt items in full", NULL},
      {"supplement", 0, 0, G_OPTION_ARG_NONE, &editions.supplement, "Given a pack: check its supplement", NULL},
      ALL_WARNINGS_OPTION,
      {NULL}};
  if (!options_parse("SPEC.xml|PACK.xml - validate a report spec and its data, or every report of a pack", entries, &argc, &argv)) return EXIT_USAGE;
  if (argc != 2) return usage_error("check takes one spec or pack file, %s", argc < 2 ? "none given" : "more given");
  if (provenance) return cmd_check_provenance(argv[1]);
  gboolean edition_asked = editions.public_edition || editions.confidential_edition || editions.supplement;
  /* laid out too (nothing drawn): a character no font has is found there */
  PangoFontMap *fonts = font_map_or_report();
  if (!fonts) return EXIT_BAD_INPUT;
  DiagList *diags = diag_list_new();
  if (is_pack_file(argv[1])) {
    int status = describe ? usage_error("--describe takes a report spec, %s", "not a pack")
                          : check_pack(argv[1], &editions, period, fonts, diags);
    diag_list_free(diags);
    g_object_unref(fonts);
    return status;
  }
  if (edition_asked) {
    diag_list_free(diags);
    g_object_unref(fonts);
    return usage_error("--public, --confidential and --supplement take a pack, %s", "not a report spec");
  }
  ReportOptions ro = {.period = period};
  Report *r = report_build_with(argv[1], fonts, &ro, TRUE, diags);
  gboolean laid_out = r && report_check_layout(r, fonts, diags);
  messages_print(diags, argv[1]);
  int status = laid_out && !diag_has_errors(diags) ? 0 : EXIT_BAD_INPUT;
  if (r && describe) spec_walk(r->spec, chart_describe, r->spec);
  report_free(r);
  diag_list_free(diags);
  g_object_unref(fonts);
  return status;
}

/* ---- render ------------------------------------------------------------- */

typedef struct {
  char *output;
  char *format;
  double dpi;
  char *outdir;
  char *period;
  int jobs;           /* workers; 0 = one per core */
  gboolean timings;
  int max_pages;      /* 0 = layout's default */
  PangoFontMap *fonts; /* shared by every document of a batch */
  char **inputs;      /* what the command line named */
  char **outputs;     /* batch: one per input */
  char *each;         /* --each LEVEL */
  char **units;       /* --each: the unit of each job (ids), else NULL */
  struct MeasuresMemo *measures_memo; /* --each: the plan's, inherited by every worker, or NULL */
  PackEditionOptions editions; /* pack: --public, --confidential, --supplement */
  PackEdition edition;
  guint pack_workers; /* a batch of one pack: its reports laid out on this many workers (pack_write_on) */
} RenderOptions;

static char *default_output(const char *spec, const char *format) {
  char *base = g_strdup(spec);
  char *dot = strrchr(base, '.');
  if (dot && !strchr(dot, '/')) *dot = '\0';
  char *out = strcmp(format, "png") == 0    ? g_strconcat(base, "-pages", NULL)
              : strcmp(format, "html") == 0 ? g_strconcat(base, ".html", NULL)
                                            : g_strconcat(base, ".pdf", NULL);
  g_free(base);
  return out;
}

/* Page images an earlier, longer paper left in `dir` ("page-NNN.png"
 * past `pages`): removed, so that the folder holds this paper only.
 * Nothing else in the folder is touched. */
static void stale_pages_remove(const char *dir, guint pages) {
  GDir *d = g_dir_open(dir, 0, NULL);
  if (!d) return;
  for (const char *name; (name = g_dir_read_name(d));) {
    unsigned n = 0;
    int end = 0;
    if (sscanf(name, "page-%u.png%n", &n, &end) != 1 || name[end] != '\0' || n <= pages) continue;
    char *want = g_strdup_printf("page-%03u.png", n); /* exactly the names write_pngs gives */
    char *path = g_build_filename(dir, name, NULL);
    if (strcmp(want, name) == 0) g_unlink(path);
    g_free(path);
    g_free(want);
  }
  g_dir_close(d);
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
  stale_pages_remove(dir, layout_doc_page_count(doc));
  return TRUE;
}

/* A box dump to stdout (no path, or "-") or written atomically to `path`. */
static gboolean write_text(char *buf, size_t len, const char *path, GError **error) {
  if (!path || strcmp(path, "-") == 0) {
    gboolean ok = fwrite(buf, 1, len, stdout) == len && fflush(stdout) == 0;
    if (!ok)
      g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno), "cannot write the box dump: %s",
                  g_strerror(errno));
    free(buf);
    return ok;
  }
  GBytes *bytes = g_bytes_new_take(buf, len);
  gboolean ok = outfile_write(path, bytes, error);
  g_bytes_unref(bytes);
  return ok;
}

static gboolean write_boxes(const LayoutDoc *doc, const char *path, GError **error) {
  char *buf = NULL;
  size_t len = 0;
  FILE *mem = open_memstream(&buf, &len);
  layout_doc_dump(doc, mem);
  fclose(mem);
  return write_text(buf, len, path, error);
}


/* With --timings, each stage of a PDF just written on one line. */
static void timings_print(const char *input, const ReportTimings *rt, const RenderTimings *t, guint pages,
                          gsize bytes) {
  fprintf(stderr, "%s: timings: ", input);
  report_timings_print(rt, stderr);
  fprintf(stderr, ", render %.1f ms, post-pass and write %.1f ms; %u pages, %zu bytes\n", t->draw * 1e3,
          t->post * 1e3, pages, bytes);
}

/* The folder a PDF's recorded input paths are relative to: the output's
 * own (the working directory for standard output). g_free it. */
static char *output_folder(const char *output) {
  return strcmp(output, "-") == 0 ? g_strdup(".") : g_path_get_dirname(output);
}

/* The report laid out and streamed to `output` page by page, renamed into
 * place when complete (report_write_pdf), its XMP recording the report's
 * inputs (report_provenance); layout errors go to `diags`. */
static gboolean write_pdf(Report *r, PangoFontMap *fonts, const char *input, const char *output, gboolean timings,
                          DiagList *diags, GError **error) {
  char *folder = output_folder(output);
  Provenance *prov = provenance_new(folder);
  g_free(folder);
  RenderTimings t = {0};
  gsize bytes = 0;
  guint pages = 0;
  gboolean ok = report_provenance(r, prov, NULL, error) &&
                report_write_pdf(r, fonts, prov, output, &t, &pages, &bytes, diags, error);
  if (ok && timings) timings_print(input, &r->timings, &t, pages, bytes);
  provenance_free(prov);
  return ok;
}

/* The page from the bound model (not from the laid-out pages), written
 * atomically like the PDF. */
static gboolean write_html(const Report *r, const char *output, GError **error) {
  DiagList *diags = diag_list_new();
  GBytes *page = html_document(r->spec, r->style, r->ctx, diags);
  diag_print(diags, stderr);
  diag_list_free(diags);
  if (!page) {
    g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "the HTML page could not be made");
    return FALSE;
  }
  gboolean ok = outfile_write(output, page, error);
  g_bytes_unref(page);
  return ok;
}

static gboolean write_output(const Report *r, const char *output, const RenderOptions *o,
                             GError **error) {
  if (strcmp(o->format, "boxes") == 0) return write_boxes(r->layout, output, error);
  if (strcmp(o->format, "png") == 0) return write_pngs(r->layout, output, o->dpi, error);
  if (strcmp(o->format, "html") == 0) return write_html(r, output, error);
  g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: no such output format", o->format);
  return FALSE;
}

static gboolean output_is_input(const char *input, const char *output) {
  if (!output || !outfile_same_file(input, output)) return FALSE;
  fprintf(stderr, "%s: error: the output file would overwrite the spec or pack itself\n", input);
  return TRUE;
}

static int render_one(const char *spec_path, const char *output, const char *unit, RenderOptions *o) {
  if (output_is_input(spec_path, output)) return EXIT_BAD_INPUT;
  PangoFontMap *fonts = o->fonts ? g_object_ref(o->fonts) : font_map_or_report();
  if (!fonts) return EXIT_BAD_INPUT;
  DiagList *diags = diag_list_new();
  ReportOptions ro = {.period = o->period, .unit = unit, .measures_memo = o->measures_memo};
  /* a PDF is laid out as it is written (write_pdf), the other formats first */
  gboolean pdf = strcmp(o->format, "pdf") == 0;
  Report *r = report_build_with(spec_path, fonts, &ro, pdf, diags);
  /* --each: the count after a unit's messages names the unit, as the
   * batch's summary does ("team.xml [ASB-N]: 1 error") */
  char *input = unit ? g_strdup_printf("%s [%s]", spec_path, unit) : g_strdup(spec_path);
  if (!pdf || !r) messages_print(diags, input);
  int status = EXIT_BAD_INPUT;
  if (r) {
    GError *err = NULL;
    gboolean ok = pdf ? write_pdf(r, fonts, spec_path, output, o->timings, diags, &err)
                      : write_output(r, output, o, &err);
    if (pdf) messages_print(diags, input);
    if (ok) status = 0;
    else if (err) {
      fprintf(stderr, "%s: error: %s\n", input, err->message);
      g_error_free(err);
    }
  }
  report_free(r);
  diag_list_free(diags);
  g_free(input);
  g_object_unref(fonts);
  return status;
}

static int render_job(guint i, gpointer data) {
  RenderOptions *o = data;
  return render_one(o->inputs[o->units ? 0 : i], o->outputs[i], o->units ? o->units[i] : NULL, o);
}

/* ---- pack --------------------------------------------------------------- */

static int pack_one(const char *pack_path, const char *output, RenderOptions *o) {
  if (output_is_input(pack_path, output)) return EXIT_BAD_INPUT;
  PangoFontMap *fonts = o->fonts ? g_object_ref(o->fonts) : font_map_or_report();
  if (!fonts) return EXIT_BAD_INPUT;
  DiagList *diags = diag_list_new();
  ReportTimings rt = {0};
  gint64 t0 = g_get_monotonic_time();
  gboolean usage = FALSE;
  Pack *pack = pack_load_edition(pack_path, o->edition, o->editions.supplement, diags, &usage);
  rt.parse += (double)(g_get_monotonic_time() - t0) / 1e6;
  GError *err = NULL;
  RenderTimings t = {0};
  guint pages = 0;
  int status = EXIT_BAD_INPUT;
  if (pack && strcmp(o->format, "boxes") == 0) {
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    gboolean ok = pack_dump(pack, fonts, o->period, mem, diags, &err);
    fclose(mem);
    messages_print(diags, pack_path);
    if (ok) status = write_text(buf, len, output, &err) ? 0 : EXIT_BAD_INPUT;
    else free(buf);
  } else {
    gsize bytes = 0;
    const PackCores cores = {o->pack_workers, batch_run_parts, batch_run_beside};
    gboolean ok = pack && pack_write_on(pack, fonts, o->period, output, &cores, &rt, &t, &pages, &bytes, diags, &err);
    messages_print(diags, pack_path);
    if (ok) status = 0;
    if (ok && o->timings) timings_print(pack_path, &rt, &t, pages, bytes);
  }
  if (err) {
    fprintf(stderr, "%s: error: %s\n", pack_path, err->message);
    g_error_free(err);
  }
  pack_free(pack);
  diag_list_free(diags);
  g_object_unref(fonts);
  return usage ? EXIT_USAGE : status;
}

/* --format html (or pdf,html): the pack for the web in --outdir. */
static int pack_web(const char *pack_path, RenderOptions *o, gboolean with_pdf) {
  PangoFontMap *fonts = font_map_or_report();
  if (!fonts) return EXIT_BAD_INPUT;
  DiagList *diags = diag_list_new();
  gboolean usage = FALSE;
  Pack *pack = pack_load_edition(pack_path, o->edition, o->editions.supplement, diags, &usage);
  GError *err = NULL;
  gboolean ok = pack && pack_html(pack, fonts, o->period, o->outdir, with_pdf, diags, &err);
  messages_print(diags, pack_path); /* with the count, as the PDF pack's */
  if (err) {
    fprintf(stderr, "%s: error: %s\n", pack_path, err->message);
    g_error_free(err);
  }
  pack_free(pack);
  diag_list_free(diags);
  g_object_unref(fonts);
  return usage ? EXIT_USAGE : ok ? 0 : EXIT_BAD_INPUT;
}

static int pack_job(guint i, gpointer data) {
  RenderOptions *o = data;
  return pack_one(o->inputs[i], o->outputs[i], o);
}

/* ---- many documents ----------------------------------------------------- */

/* Batch mode: -j, --outdir or more than one input. PDF only: each input
 * gives one file, named by batch_output_names. */
static gboolean batch_wanted(const RenderOptions *o, int argc) { return argc > 2 || o->outdir || o->jobs; }

static int batch(RenderOptions *o, int argc, char **argv, BatchJob job) {
  /* one input with -j (a pack on two cores) may still name its output */
  if (o->output && (argc != 2 || o->outdir))
    return usage_error("-o names one output; with several inputs use --outdir%s", "");
  if (strcmp(o->format, "pdf") != 0) return usage_error("several inputs are rendered to PDF only, not %s", o->format);
  if (o->jobs < 0) return usage_error("-j must be at least 1%s", "");
  if (o->outdir && g_mkdir_with_parents(o->outdir, 0755) != 0) {
    fprintf(stderr, "boardpack: error: cannot create directory %s: %s\n", o->outdir, g_strerror(errno));
    return EXIT_BAD_INPUT;
  }
  o->fonts = font_map_or_report(); /* once, before the workers fork */
  if (!o->fonts) return EXIT_BAD_INPUT;
  guint n = (guint)argc - 1;
  o->inputs = argv + 1;
  o->outputs = o->output ? g_strdupv((char *[]){o->output, NULL})
                         : batch_output_names((const char *const *)o->inputs, n, o->outdir, ".pdf");
  guint workers = o->jobs > 0 ? (guint)o->jobs : g_get_num_processors();
  /* one pack: the workers share its reports instead (more packs keep them busy as they are) */
  if (job == pack_job && n == 1) o->pack_workers = workers;
  guint failed = batch_run((const char *const *)o->inputs, n, workers, job, o);
  g_strfreev(o->outputs);
  g_object_unref(o->fonts);
  return failed ? EXIT_BAD_INPUT : 0;
}

/* --each LEVEL: the spec once per unit, on the batch workers, all or
 * nothing (each.h). */
static int render_each(RenderOptions *o, int argc, char **argv) {
  if (argc != 2) return usage_error("--each renders one spec (once per unit), %s", argc < 2 ? "none given" : "not several");
  if (!o->outdir || o->output) return usage_error("--each writes one file per unit: give --outdir DIR (not -o)%s", "");
  if (strcmp(o->format, "pdf") && strcmp(o->format, "html"))
    return usage_error("--each renders PDF or HTML, not %s", o->format);
  if (o->jobs < 0) return usage_error("-j must be at least 1%s", "");
  if (g_mkdir_with_parents(o->outdir, 0755) != 0) {
    fprintf(stderr, "boardpack: error: cannot create directory %s: %s\n", o->outdir, g_strerror(errno));
    return EXIT_BAD_INPUT;
  }
  DiagList *diags = diag_list_new();
  EachPlan plan;
  gboolean planned = each_plan(argv[1], o->each, o->outdir, strcmp(o->format, "html") == 0 ? ".html" : ".pdf", &plan, diags);
  messages_print(diags, argv[1]);
  diag_list_free(diags);
  if (!planned) return EXIT_BAD_INPUT;
  o->fonts = font_map_or_report(); /* once, before the workers fork */
  int status = EXIT_BAD_INPUT;
  if (o->fonts) {
    o->inputs = argv + 1, o->outputs = plan.staged, o->units = plan.units, o->measures_memo = plan.memo;
    batch_remove_on_interrupt(plan.staged);
    guint workers = o->jobs > 0 ? (guint)o->jobs : g_get_num_processors();
    guint failed = batch_run_staged((const char *const *)plan.labels, plan.n, workers, render_job, o);
    GError *err = NULL;
    if (each_commit(&plan, failed == 0, &err)) status = 0;
    if (failed) fprintf(stderr, "boardpack: nothing written: every unit's report is written only when all of them render\n");
    if (err) fprintf(stderr, "boardpack: error: %s\n", err->message), g_error_free(err);
    batch_remove_on_interrupt(NULL);
    o->outputs = o->units = NULL;
    o->measures_memo = NULL;
    g_object_unref(o->fonts);
  }
  each_plan_clear(&plan);
  return status;
}

static void render_options_free(RenderOptions *o) {
  g_free(o->each);
  g_free(o->editions.confidential_output);
  g_free(o->output);
  g_free(o->format);
  g_free(o->outdir);
  g_free(o->period);
}

static gboolean max_pages_set(int pages) {
  if (pages < 0) {
    usage_error("--max-pages must be at least 1%s", "");
    return FALSE;
  }
  layout_set_max_pages((guint)pages);
  return TRUE;
}

#define COMMON_OPTIONS(o)                                                                                      \
  {"output", 'o', 0, G_OPTION_ARG_FILENAME, &(o).output, "Write to OUT", "OUT"},                              \
      {"jobs", 'j', 0, G_OPTION_ARG_INT, &(o).jobs, "Render several inputs on N workers (default: one per core)", \
       "N"},                                                                                                   \
      {"outdir", 0, 0, G_OPTION_ARG_FILENAME, &(o).outdir, "Write each input's PDF into DIR", "DIR"},          \
      {"period", 0, 0, G_OPTION_ARG_STRING, &(o).period, "Set every report's <data period> (e.g. 2013-06)",   \
       "P"},                                                                                                   \
      {"timings", 0, 0, G_OPTION_ARG_NONE, &(o).timings, "Print the time each stage took on stderr", NULL},    \
      {"max-pages", 0, 0, G_OPTION_ARG_INT, &(o).max_pages,                                                   \
       "Refuse a document of more than N pages (default 10000)", "N"},                                        \
      ALL_WARNINGS_OPTION

static int cmd_render(int argc, char **argv) {
  RenderOptions o = {.dpi = 96};
  GOptionEntry entries[] = {
      COMMON_OPTIONS(o),
      {"format", 0, 0, G_OPTION_ARG_STRING, &o.format, "pdf (default), html, png (OUT is a directory) or boxes",
       "FORMAT"},
      {"dpi", 0, 0, G_OPTION_ARG_DOUBLE, &o.dpi, "Resolution of PNG pages (default 96)", "N"},
      {"each", 0, 0, G_OPTION_ARG_STRING, &o.each,
       "Render the spec once per unit of LEVEL (board, service, team or worker) into --outdir, as ID.pdf", "LEVEL"},
      {NULL}};
  int status = EXIT_USAGE;
  if (!options_parse("SPEC.xml... - lay out and draw reports", entries, &argc, &argv)) goto out;
  if (!max_pages_set(o.max_pages)) goto out;
  if (!o.format) o.format = g_strdup("pdf");
  if (strcmp(o.format, "pdf") && strcmp(o.format, "html") && strcmp(o.format, "png") && strcmp(o.format, "boxes")) {
    status = usage_error("unknown format '%s' (use pdf, html, png or boxes)", o.format);
    goto out;
  }
  if (o.dpi < 10 || o.dpi > 1200) {
    status = usage_error("--dpi must be between 10 and 1200%s", "");
    goto out;
  }
  if (argc < 2) {
    status = usage_error("render takes a spec file, %s", "none given");
    goto out;
  }
  if (o.each) {
    status = render_each(&o, argc, argv);
    goto out;
  }
  if (batch_wanted(&o, argc)) {
    status = batch(&o, argc, argv, render_job);
    goto out;
  }
  if (o.output && strcmp(o.output, "-") == 0 && strcmp(o.format, "png") == 0) {
    status = usage_error("PNG pages go into a folder: -o DIR, not standard output%s", "");
    goto out;
  }
  if (!o.output && strcmp(o.format, "boxes") != 0) o.output = default_output(argv[1], o.format);
  status = render_one(argv[1], o.output, NULL, &o);
out:
  render_options_free(&o);
  return status;
}

static int cmd_pack(int argc, char **argv) {
  RenderOptions o = {.dpi = 96};
  GOptionEntry entries[] = {
      COMMON_OPTIONS(o),
      {"format", 0, 0, G_OPTION_ARG_STRING, &o.format,
       "pdf (default), boxes, html or pdf,html (--outdir DIR: index.html, a page and a PDF per report)", "FORMAT"},
      {"public", 0, 0, G_OPTION_ARG_NONE, &o.editions.public_edition,
       "The public edition: exempt items replaced by the notice of their paragraph (Schedule 12A, or 7A in Scotland)", NULL},
      {"confidential", 0, 0, G_OPTION_ARG_NONE, &o.editions.confidential_edition,
       "The confidential edition: exempt items in full", NULL},
      {"confidential-output", 0, 0, G_OPTION_ARG_FILENAME, &o.editions.confidential_output,
       "Also write the confidential edition, to FILE (-o is then the public one)", "FILE"},
      {"supplement", 0, 0, G_OPTION_ARG_NONE, &o.editions.supplement,
       "The supplement: the <supplement> reports, with their own agenda and page numbers", NULL},
      {NULL}};
  int status = EXIT_USAGE;
  if (!options_parse("PACK.xml... - an agenda and its reports as one PDF", entries, &argc, &argv)) goto out;
  if (!max_pages_set(o.max_pages)) goto out;
  if (!pack_edition_from_options(&o.editions, &o.edition)) goto out;
  if (!o.format) o.format = g_strdup("pdf");
  gboolean web = strcmp(o.format, "html") == 0, web_pdf = strcmp(o.format, "pdf,html") == 0 || strcmp(o.format, "html,pdf") == 0;
  if (web || web_pdf) {
    if (!o.outdir || o.output || argc != 2) {
      status = usage_error("--format %s writes one pack's pages into a folder: pack PACK.xml --outdir DIR", o.format);
      goto out;
    }
    if (o.editions.confidential_output) {
      status = usage_error("--confidential-output is for a PDF; for the web, run once with --public and once "
                           "with --confidential%s", "");
      goto out;
    }
    status = pack_web(argv[1], &o, web_pdf);
    goto out;
  }
  if (strcmp(o.format, "pdf") && strcmp(o.format, "boxes")) {
    status = usage_error("unknown format '%s' (use pdf, boxes, html or pdf,html)", o.format);
    goto out;
  }
  if (argc < 2) {
    status = usage_error("pack takes a pack file, %s", "none given");
    goto out;
  }
  if (batch_wanted(&o, argc)) {
    status = o.editions.confidential_output
                 ? usage_error("--confidential-output names one file: give one pack%s", "")
                 : batch(&o, argc, argv, pack_job);
    goto out;
  }
  if (!o.output && strcmp(o.format, "boxes") != 0) o.output = default_output(argv[1], "pdf");
  const char *conf = o.editions.confidential_output;
  if (conf && (strcmp(conf, o.output ? o.output : "-") == 0 || strcmp(conf, "-") == 0 ||
               (o.output && outfile_same_file(conf, o.output)))) {
    status = usage_error("--confidential-output must be a file of its own, not -o's or standard output%s", "");
    goto out;
  }
  status = pack_one(argv[1], o.output, &o);
  if (status == 0 && conf) { /* the public edition is written: now the other */
    o.edition = PACK_EDITION_CONFIDENTIAL;
    status = pack_one(argv[1], conf, &o);
  }
out:
  render_options_free(&o);
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
  /* "Usage: boardpack render [OPTION…]" in each subcommand's --help. */
  char *prgname = g_strconcat("boardpack ", cmd, NULL);
  g_set_prgname(prgname);
  g_free(prgname);
  if (strcmp(cmd, "render") == 0) return cmd_render(argc - 1, argv + 1);
  if (strcmp(cmd, "pack") == 0) return cmd_pack(argc - 1, argv + 1);
  if (strcmp(cmd, "check") == 0) return cmd_check(argc - 1, argv + 1);
  if (strcmp(cmd, "measures") == 0) return cmd_measures(argc - 1, argv + 1);
  if (strcmp(cmd, "init") == 0) return cmd_init(argc - 1, argv + 1);
  if (strcmp(cmd, "watch") == 0) return cmd_watch(argc - 1, argv + 1);
  if (strcmp(cmd, "diff") == 0) return cmd_diff(argc - 1, argv + 1);
  return usage_error("unknown command '%s'", cmd);
}
