/* The documentation a user types for: each command's --help, the man page
 * (doc/boardpack.1) and the bash completion (completions/boardpack) agree
 * on one table of commands and options, the table below. The man page
 * renders with `man -l` without a warning; the completion completes
 * commands and each command's options. */
#include "e2eutil.h"

typedef struct {
  const char *command;
  const char *options[16]; /* long options, NULL-terminated */
} CommandOptions;

static const CommandOptions commands[] = {
    {"render", {"--output", "--jobs", "--outdir", "--period", "--timings", "--max-pages", "--format", "--dpi", "--each",
                "--strict", NULL}},
    {"pack", {"--output", "--jobs", "--outdir", "--period", "--timings", "--max-pages", "--format", "--public",
              "--confidential", "--confidential-output", "--supplement", "--strict", NULL}},
    {"check", {"--describe", "--provenance", "--strict", NULL}},
    {"measures", {"--period", "--units", "--unit", NULL}},
    {"init", {NULL}},
    {"watch", {"--output", "--format", "--period", "--dpi", NULL}},
    {"diff", {"--catalogue", "--old-catalogue", "--period", "--against", "--units", NULL}},
};

static void test_help_per_command(void **state) {
  (void)state;
  for (guint i = 0; i < G_N_ELEMENTS(commands); i++) {
    RunResult r = RUN(boardpack_bin(), commands[i].command, "--help");
    assert_int_equal(r.status, 0);
    char *usage = g_strdup_printf("boardpack %s [OPTION", commands[i].command);
    if (!strstr(r.out, usage)) fail_msg("%s --help says:\n%s", commands[i].command, r.out);
    g_free(usage);
    for (const char *const *o = commands[i].options; *o; o++)
      if (!strstr(r.out, *o)) fail_msg("%s --help does not list %s", commands[i].command, *o);
    run_result_clear(&r);
  }
  RunResult r = RUN(boardpack_bin(), "--help");
  assert_int_equal(r.status, 0);
  for (guint i = 0; i < G_N_ELEMENTS(commands); i++) {
    char *line = g_strdup_printf("\n  %s ", commands[i].command);
    if (!strstr(r.out, line)) fail_msg("boardpack --help does not list %s", commands[i].command);
    g_free(line);
  }
  run_result_clear(&r);
}

static void test_man_page_renders_cleanly(void **state) {
  (void)state;
  RunResult r = RUN("sh", "-c", "MANWIDTH=80 LC_ALL=C.UTF-8 man --warnings -l doc/boardpack.1");
  assert_int_equal(r.status, 0);
  if (r.err[0]) fail_msg("man -l warns:\n%s", r.err);
  char *text = squash_space(r.out);
  assert_non_null(strstr(text, "BOARDPACK(1)"));
  for (guint i = 0; i < G_N_ELEMENTS(commands); i++) {
    char *synopsis = g_strdup_printf(" boardpack %s ", commands[i].command);
    if (!strstr(text, synopsis)) fail_msg("the man page's synopsis lacks %s", commands[i].command);
    g_free(synopsis);
    for (const char *const *o = commands[i].options; *o; o++)
      if (!strstr(text, *o)) fail_msg("the man page does not mention %s", *o);
  }
  g_free(text);
  run_result_clear(&r);
}

/* What bash's completion offers for the words typed (the last one being
 * completed), one candidate per line. */
static char *complete(const char *words) {
  char *script = g_strdup_printf("source completions/boardpack || exit 3; complete -p boardpack >/dev/null || exit 4; "
                                 "COMP_WORDS=(%s); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _boardpack; "
                                 "printf '%%s\\n' \"${COMPREPLY[@]}\"",
                                 words);
  RunResult r = RUN("bash", "--norc", "-c", script);
  g_free(script);
  assert_int_equal(r.status, 0);
  char *out = r.out;
  r.out = NULL;
  run_result_clear(&r);
  return out;
}

static gboolean has_line(const char *text, const char *line) {
  char *want = g_strdup_printf("\n%s\n", line);
  char *hay = g_strdup_printf("\n%s", text);
  gboolean found = strstr(hay, want) != NULL;
  g_free(hay);
  g_free(want);
  return found;
}

static void test_completion(void **state) {
  (void)state;
  char *all = complete("boardpack ''");
  for (guint i = 0; i < G_N_ELEMENTS(commands); i++)
    if (!has_line(all, commands[i].command)) fail_msg("completion does not offer %s:\n%s", commands[i].command, all);
  g_free(all);
  char *re = complete("boardpack re");
  assert_string_equal(re, "render\n");
  g_free(re);
  for (guint i = 0; i < G_N_ELEMENTS(commands); i++) {
    char *words = g_strdup_printf("boardpack %s --", commands[i].command);
    char *opts = complete(words);
    for (const char *const *o = commands[i].options; *o; o++)
      if (!has_line(opts, *o)) fail_msg("completion of '%s' lacks %s:\n%s", words, *o, opts);
    g_free(opts);
    g_free(words);
  }
  char *formats = complete("boardpack pack --format ''");
  assert_string_equal(formats, "pdf\nboxes\nhtml\npdf,html\n");
  g_free(formats);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_help_per_command),
      cmocka_unit_test(test_man_page_renders_cleanly),
      cmocka_unit_test(test_completion),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
