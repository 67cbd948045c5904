/* catalogue — see catalogue.h.
 *
 * Loading is two passes: the schema decides the shape (element names,
 * enumerated attribute values), then this file reads each <measure> and
 * checks what a schema cannot say clearly (numbers, cross references). All
 * problems are reported, not just the first, so an author fixes a catalogue
 * in one go. */
#include "catalogue.h"

#include <string.h>

#include "base/spelling.h"
#include "base/xmlsrc.h"

struct Catalogue {
  char *file;
  char *authority;
  GPtrArray *measures; /* of Measure*, owned, in document order */
  GHashTable *by_key;  /* normalised ref -> Measure* (borrowed) */
};

static void measure_free(gpointer p) {
  Measure *m = p;
  g_free(m->ref), g_free(m->title), g_free(m->definition), g_free(m->numerator);
  g_free(m->denominator), g_free(m->group), g_free(m->note), g_free(m->standard_text);
  g_free(m->population), g_free(m->unit), g_free(m->unit_cy), g_free(m->title_cy);
  g_free(m->targets);
  g_free(m);
}

void catalogue_free(Catalogue *cat) {
  if (!cat) return;
  g_hash_table_destroy(cat->by_key);
  g_ptr_array_free(cat->measures, TRUE);
  g_free(cat->file);
  g_free(cat->authority);
  g_free(cat);
}

/* "CCC d", "cccd" and "CCCd" are one ref: authors and sheets differ. */
static char *ref_key(const char *ref) {
  GString *s = g_string_new(NULL);
  for (const char *p = ref; *p; p++)
    if (!g_ascii_isspace(*p)) g_string_append_c(s, g_ascii_tolower(*p));
  return g_string_free(s, FALSE);
}

/* Collapses runs of white space (XML indentation) into single spaces. */
static char *tidy_text(const char *s) {
  GString *out = g_string_new(NULL);
  gboolean space = FALSE;
  for (const char *p = s; *p; p++) {
    if (g_ascii_isspace(*p)) {
      space = out->len > 0;
      continue;
    }
    if (space) g_string_append_c(out, ' ');
    space = FALSE;
    g_string_append_c(out, *p);
  }
  return g_string_free(out, FALSE);
}

static char *child_text(xmlNode *measure, const char *name) {
  xmlNode *n = xmlsrc_child(measure, name);
  if (!n) return g_strdup("");
  char *raw = xmlsrc_text(n);
  char *t = tidy_text(raw);
  g_free(raw);
  return t;
}

/* ---- attribute readers: each reports its own problem ------------------ */

typedef struct {
  const XmlSource *src;
  xmlNode *node;
  DiagList *diags;
} Reader;

static gboolean read_decimal(const Reader *r, const char *attr, Ratio *out, gboolean *present) {
  char *v = xmlsrc_attr(r->node, attr);
  *present = v != NULL;
  gboolean ok = TRUE;
  if (v) {
    char *t = g_strstrip(g_strdup(v));
    ok = ratio_parse(t, out, NULL);
    if (!ok) xmlsrc_diag(r->src, r->node, r->diags, DIAG_ERROR, "%s=\"%s\" is not a number", attr, v);
    g_free(t);
  }
  g_free(v);
  return ok;
}

static gboolean read_int(const Reader *r, const char *attr, gint64 lo, gint64 hi, gint64 *out) {
  char *v = xmlsrc_attr(r->node, attr);
  gboolean ok = TRUE;
  if (v) {
    gint64 n;
    ok = ratio_parse_int(v, &n) && n >= lo && n <= hi;
    /* "1,000": a number as it prints, where the file wants its digits */
    char **groups = ok || !strchr(v, ',') ? NULL : g_strsplit(v, ",", -1);
    char *digits = groups ? g_strjoinv("", groups) : NULL;
    gboolean bare = digits && ratio_parse_int(digits, &n) && n >= lo && n <= hi;
    if (ok)
      *out = n;
    else
      xmlsrc_diag(r->src, r->node, r->diags, DIAG_ERROR,
                  "%s=\"%s\" must be a whole number from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT "%s%s%s", attr, v, lo,
                  hi, bare ? ", written without commas: \"" : "", bare ? digits : "", bare ? "\"" : "");
    g_strfreev(groups);
    g_free(digits);
  }
  g_free(v);
  return ok;
}

/* The index of the attribute's value in `names`, `fallback` when absent,
 * -1 (with a message listing the choices) when it is something else. */
static int enum_attr(const Reader *r, const char *attr, const char *const *names, int fallback) {
  char *v = xmlsrc_attr(r->node, attr);
  int found = v ? -1 : fallback;
  for (int i = 0; v && names[i]; i++)
    if (strcmp(v, names[i]) == 0) found = i;
  if (found < 0) {
    GString *choices = g_string_new(NULL);
    for (int i = 0; names[i]; i++) g_string_append_printf(choices, "%s\"%s\"", i ? ", " : "", names[i]);
    xmlsrc_diag(r->src, r->node, r->diags, DIAG_ERROR, "%s=\"%s\" is not one of %s", attr, v, choices->str);
    g_string_free(choices, TRUE);
  }
  g_free(v);
  return found;
}

static const char *const kind_names[] = {"percentage", "rate", "average", "count", NULL};
static const char *const basis_names[] = {"monthly", "rolling-12", "ytd", "annual", "snapshot", NULL};
static const char *const polarity_names[] = {"none", "BB", "SB", NULL};
static const char *const window_names[] = {"sum", "first", "last", NULL};

const char *measure_kind_name(MeasureKind k) { return kind_names[k]; }
const char *measure_basis_name(MeasureBasis b) { return basis_names[b]; }
const char *measure_polarity_name(MeasurePolarity p) { return p == POLARITY_NONE ? "" : polarity_names[p]; }
const char *measure_unit(const Measure *m) { return m->unit; }
const char *measure_unit_in(const Measure *m, gboolean welsh) { return welsh ? m->unit_cy : m->unit; }

const char *measure_title_in(const Measure *m, gboolean welsh) {
  return welsh && m->title_cy && *m->title_cy ? m->title_cy : m->title;
}

gboolean measure_gap_expected(const Measure *m, const char *series) {
  return m && (m->gaps_expected == MEASURE_GAPS_ANY || (series && m->gaps_expected == MEASURE_GAPS_COMPARATORS));
}

char *measure_with_unit(const char *display, const char *unit) {
  if (!unit || !*unit) return g_strdup(display);
  return g_strconcat(display, strcmp(unit, "%") == 0 ? "" : " ", unit, NULL);
}

/* "per 1,000": the base with a comma every three digits, as figures are. */
static char *per_text(gint64 per) {
  char *digits = g_strdup_printf("%" G_GINT64_FORMAT, per);
  GString *s = g_string_new("per ");
  size_t n = strlen(digits);
  for (size_t i = 0; i < n; i++) {
    if (i > 0 && (n - i) % 3 == 0) g_string_append_c(s, ',');
    g_string_append_c(s, digits[i]);
  }
  g_free(digits);
  return g_string_free(s, FALSE);
}

char *measure_label_with_unit_in(const Measure *m, const char *label, gboolean welsh) {
  if (m && m->kind != MEASURE_RATE && m->kind != MEASURE_PERCENTAGE && *measure_unit_in(m, welsh)) {
    /* a count's or average's own unit: ", days" unless the label says it */
    const char *unit = measure_unit_in(m, welsh);
    char *lower = g_utf8_strdown(label, -1), *lower_unit = g_utf8_strdown(unit, -1);
    gboolean said = strstr(lower, lower_unit) != NULL;
    g_free(lower), g_free(lower_unit);
    return said ? g_strdup(label) : g_strconcat(label, ", ", unit, NULL);
  }
  if (!m || m->kind != MEASURE_RATE) return g_strdup(label);
  char *per = per_text(m->per);
  char *fesul = g_strconcat("fesul", per + strlen("per"), NULL);
  gboolean said = strstr(label, per) != NULL || strstr(label, fesul) != NULL;
  g_free(per), g_free(fesul);
  return said ? g_strdup(label) : g_strconcat(label, ", ", measure_unit_in(m, welsh), NULL);
}

char *measure_label_with_unit(const Measure *m, const char *label) { return measure_label_with_unit_in(m, label, FALSE); }

/* `unit` is a count's or average's own (unit="days"), or NULL. */
static char *unit_of(const Measure *m, const char *per_unit, const char *per_word, const char *unit) {
  if (m->kind == MEASURE_PERCENTAGE) return g_strdup("%");
  if (m->kind != MEASURE_RATE) return g_strdup(unit ? unit : "");
  char *digits = per_text(m->per);
  char *per = g_strconcat(per_word, digits + strlen("per"), NULL); /* "fesul 1,000" */
  g_free(digits);
  if (!per_unit || !*per_unit) return per;
  char *u = g_strconcat(per, " ", per_unit, NULL);
  g_free(per);
  return u;
}

static gboolean read_max_change(const Reader *r, Measure *m) {
  char *v = xmlsrc_attr(r->node, "max-change");
  if (!v) return TRUE;
  char *t = g_strstrip(g_strdup(v));
  size_t n = strlen(t);
  m->max_change_relative = n > 0 && t[n - 1] == '%';
  if (m->max_change_relative) t[n - 1] = '\0';
  gboolean ok = ratio_parse(t, &m->max_change, NULL) && m->max_change.num > 0;
  m->has_max_change = ok;
  if (!ok)
    xmlsrc_diag(r->src, r->node, r->diags, DIAG_ERROR,
                "max-change=\"%s\" must be a positive number, or a percentage like \"50%%\"", v);
  g_free(t);
  g_free(v);
  return ok;
}

gboolean measure_comparison_parse(const char *text, MeasureComparison *comparison, Period *period) {
  if (strcmp(text, "previous") == 0) *comparison = COMPARE_PREVIOUS;
  else if (strcmp(text, "year-ago") == 0) *comparison = COMPARE_YEAR_AGO;
  else if (period_parse(text, period, NULL)) *comparison = COMPARE_PERIOD;
  else return FALSE;
  return TRUE;
}

/* compare="previous" | "year-ago" | a period such as "2023/24". */
static gboolean read_comparison(const Reader *r, Measure *m) {
  m->comparison = m->basis == BASIS_YTD || m->basis == BASIS_ANNUAL ? COMPARE_YEAR_AGO : COMPARE_PREVIOUS;
  char *v = xmlsrc_attr(r->node, "compare");
  if (!v) return TRUE;
  gboolean ok = TRUE;
  if (!measure_comparison_parse(v, &m->comparison, &m->compare_period)) {
    xmlsrc_diag(r->src, r->node, r->diags, DIAG_ERROR, MEASURE_COMPARISON_CHOICES, v);
    ok = FALSE;
  }
  if (ok && m->comparison == COMPARE_PREVIOUS && m->basis == BASIS_YTD) {
    xmlsrc_diag(r->src, r->node, r->diags, DIAG_ERROR,
                "compare=\"previous\" cannot apply to a year-to-date measure: its figure starts again each year, so "
                "the previous month covers other months; use compare=\"year-ago\" (the default) or a named period");
    ok = FALSE;
  }
  g_free(v);
  return ok;
}

static gboolean read_standard(const Reader *r, Measure *m) {
  xmlNode *std = xmlsrc_child(r->node, "standard");
  if (!std) return TRUE;
  Reader sr = {r->src, std, r->diags};
  gboolean ok = read_decimal(&sr, "min", &m->min, &m->has_min) & read_decimal(&sr, "max", &m->max, &m->has_max);
  if (ok && !m->has_min && !m->has_max) {
    xmlsrc_diag(r->src, std, r->diags, DIAG_ERROR, "<standard> needs min=\"...\", max=\"...\" or both");
    ok = FALSE;
  }
  if (ok && m->has_min && m->has_max && ratio_cmp(m->min, m->max) > 0) {
    xmlsrc_diag(r->src, std, r->diags, DIAG_ERROR, "<standard> has min greater than max");
    ok = FALSE;
  }
  return ok;
}

/* ---- rating: scheme and targets (rating.h) ------------------------------ */

static const char *const rating_names[] = {"standard", "rag", NULL};

/* profile="straight" | "flat" | 12 or 4 cumulative percentages. */
static gboolean read_profile(const Reader *r, RatingTarget *t) {
  char *v = xmlsrc_attr(r->node, "profile");
  t->profile = v && strcmp(v, "flat") == 0 ? PROFILE_FLAT : PROFILE_STRAIGHT;
  if (!v || strcmp(v, "straight") == 0 || strcmp(v, "flat") == 0) {
    g_free(v);
    return TRUE;
  }
  char **parts = g_strsplit_set(v, " \t\n,", -1);
  int n = 0;
  gboolean ok = TRUE;
  for (char **p = parts; *p && ok; p++) {
    if (!**p) continue;
    ok = n < 12 && ratio_parse(*p, &t->profile_pct[n], NULL) && t->profile_pct[n].num >= 0 &&
         (n == 0 || ratio_cmp(t->profile_pct[n], t->profile_pct[n - 1]) >= 0);
    n++;
  }
  ok = ok && (n == 12 || n == 4) && ratio_cmp(t->profile_pct[n - 1], ratio_int(100)) == 0;
  if (!ok)
    xmlsrc_diag(r->src, r->node, r->diags, DIAG_ERROR,
                "profile=\"%s\" must be \"straight\", \"flat\", or 12 monthly (or 4 quarterly) cumulative percentages "
                "of the year's target that never fall and end at 100, e.g. \"20 45 70 100\"",
                v);
  t->profile = PROFILE_GIVEN, t->n_profile = n;
  g_strfreev(parts);
  g_free(v);
  return ok;
}

static gboolean read_target(const Reader *r, RatingTarget *t) {
  gboolean has_value, has_tol;
  gboolean ok = read_decimal(r, "value", &t->value, &has_value) & read_decimal(r, "tolerance", &t->tolerance, &has_tol);
  if (!has_tol) t->tolerance = ratio_int(0);
  if (has_tol && t->tolerance.num < 0) {
    xmlsrc_diag(r->src, r->node, r->diags, DIAG_ERROR, "a target's tolerance must not be negative");
    ok = FALSE;
  }
  char *p = xmlsrc_attr(r->node, "period"), *why = NULL;
  t->has_period = p != NULL;
  if (p && !period_parse(p, &t->period, &why)) {
    xmlsrc_diag(r->src, r->node, r->diags, DIAG_ERROR, "<target period=\"%s\">: %s", p, why);
    ok = FALSE;
  }
  g_free(p), g_free(why);
  t->line = xmlsrc_line(r->node);
  return read_profile(r, t) && ok;
}

/* rating= (else the catalogue's) and the <target>s; a rag target needs to
 * know which side of it is good. */
static gboolean read_rating(const Reader *r, Measure *m, RatingScheme fallback) {
  int scheme = enum_attr(r, "rating", rating_names, (int)fallback);
  gboolean ok = scheme >= 0;
  m->rating = MAX(scheme, 0);
  GArray *targets = g_array_new(FALSE, TRUE, sizeof(RatingTarget));
  for (xmlNode *n = xmlsrc_first_element(r->node); n; n = xmlsrc_next_element(n)) {
    if (!xmlsrc_is(n, "target")) continue;
    Reader tr = {r->src, n, r->diags};
    RatingTarget t = {0};
    ok &= read_target(&tr, &t);
    g_array_append_val(targets, t);
  }
  m->n_targets = targets->len;
  m->targets = (RatingTarget *)(void *)g_array_free(targets, FALSE);
  /* a standard on a measure rated against targets rates nothing (a chart
   * may draw it), where the author meant a rating: said, not ignored */
  xmlNode *std = xmlsrc_child(r->node, "standard");
  if (ok && std && m->rating == RATING_SCHEME_RAG)
    xmlsrc_diag(r->src, std, r->diags, DIAG_WARNING,
                "<standard> on %s: the measure is rated against targets (rating=\"rag\"%s), so the "
                "standard rates nothing (a chart may still draw it as a line); give the measure rating=\"standard\" "
                "to rate it by the standard, or a <target>",
                m->ref, xmlHasProp(r->node, BAD_CAST "rating") ? "" : ", the catalogue's");
  if (ok && m->n_targets && m->rating == RATING_SCHEME_RAG && m->polarity == POLARITY_NONE) {
    xmlsrc_diag(r->src, r->node, r->diags, DIAG_ERROR,
                "measure %s is rated against a target, so it needs polarity=\"BB\" (bigger is better) or \"SB\"",
                m->ref);
    ok = FALSE;
  }
  return ok;
}

RatingRule measure_rating_rule(const Measure *m) {
  gboolean grows = m->basis == BASIS_YTD && (m->kind == MEASURE_COUNT || m->kind == MEASURE_RATE);
  return (RatingRule){m->rating, (int)m->polarity, grows, m->year_start, m->decimals, m->has_min, m->has_max,
                      m->min, m->max, m->targets, m->n_targets, NULL, 0};
}

static gboolean read_numbers(const Reader *r, Measure *m) {
  gint64 decimals = m->kind == MEASURE_COUNT ? 0 : 1, year_start = 4 /* financial year: April */, per = 0;
  gboolean has_tol, ok = TRUE;
  ok &= read_int(r, "decimals", 0, RATIO_MAX_DECIMALS, &decimals);
  ok &= read_int(r, "year-start", 1, 12, &year_start);
  ok &= read_int(r, "per", 1, 1000000000, &per);
  ok &= read_int(r, "suppress-below", 2, 1000000, &m->suppress_below);
  ok &= read_decimal(r, "tolerance", &m->tolerance, &has_tol);
  if (!has_tol) m->tolerance = ratio_int(0);
  if (has_tol && m->tolerance.num < 0) {
    xmlsrc_diag(r->src, r->node, r->diags, DIAG_ERROR, "tolerance must not be negative");
    ok = FALSE;
  }
  ok &= read_max_change(r, m);
  ok &= read_standard(r, m);
  ok &= read_comparison(r, m);
  m->decimals = (int)decimals, m->year_start = (int)year_start, m->per = per;
  return ok;
}

static gboolean check_kind_rules(const Reader *r, Measure *m) {
  /* a per= given but refused (per="1,000") was said at read_numbers */
  if (m->kind == MEASURE_RATE && m->per == 0 && !xmlHasProp(r->node, BAD_CAST "per")) {
    xmlsrc_diag(r->src, r->node, r->diags, DIAG_ERROR, "measure %s is a rate: give per=\"10000\" (or the base)", m->ref);
    return FALSE;
  }
  char *per_unit = xmlsrc_attr(r->node, "per-unit");
  gboolean ok = TRUE;
  if (m->kind != MEASURE_RATE && (m->per != 0 || m->population || per_unit)) {
    xmlsrc_diag(r->src, r->node, r->diags, DIAG_ERROR, "per=, per-unit= and population= only apply to rates (%s is a %s)",
                m->ref, measure_kind_name(m->kind));
    ok = FALSE;
  }
  char *unit = xmlsrc_attr(r->node, "unit"), *unit_cy_attr = xmlsrc_attr(r->node, "unit-cy");
  if ((m->kind == MEASURE_PERCENTAGE || m->kind == MEASURE_RATE) && (unit || unit_cy_attr)) {
    xmlsrc_diag(r->src, r->node, r->diags, DIAG_ERROR,
                "unit= is for counts and averages (\"days\", \"tonnes\"): %s is a %s, written %s", m->ref,
                measure_kind_name(m->kind), m->kind == MEASURE_PERCENTAGE ? "with %" : "per= its base (and per-unit=)");
    ok = FALSE;
  }
  char *per_unit_cy = xmlsrc_attr(r->node, "per-unit-cy");
  char *tidy = per_unit ? tidy_text(per_unit) : NULL, *tidy_cy = per_unit_cy ? tidy_text(per_unit_cy) : NULL;
  char *own = unit ? tidy_text(unit) : NULL, *own_cy = unit_cy_attr ? tidy_text(unit_cy_attr) : NULL;
  m->unit = unit_of(m, tidy, "per", own);
  m->unit_cy = unit_of(m, tidy_cy ? tidy_cy : tidy, "fesul", own_cy ? own_cy : own);
  g_free(tidy), g_free(per_unit), g_free(tidy_cy), g_free(per_unit_cy);
  g_free(own), g_free(unit), g_free(own_cy), g_free(unit_cy_attr);
  return ok;
}

static char *join_notes(xmlNode *measure) {
  GString *s = g_string_new(NULL);
  for (xmlNode *n = xmlsrc_first_element(measure); n; n = xmlsrc_next_element(n)) {
    if (!xmlsrc_is(n, "note")) continue;
    char *raw = xmlsrc_text(n), *t = tidy_text(raw);
    if (s->len) g_string_append_c(s, '\n');
    g_string_append(s, t);
    g_free(raw), g_free(t);
  }
  return g_string_free(s, FALSE);
}

static Measure *read_measure(const XmlSource *src, xmlNode *node, const char *group, RatingScheme scheme,
                             DiagList *diags) {
  Reader r = {src, node, diags};
  Measure *m = g_new0(Measure, 1);
  char *ref = xmlsrc_attr(node, "ref");
  m->ref = tidy_text(ref ? ref : "");
  g_free(ref);
  m->group = g_strdup(group);
  m->title = child_text(node, "title");
  if (xmlsrc_child(node, "title-cy")) m->title_cy = child_text(node, "title-cy");
  m->definition = child_text(node, "definition");
  m->numerator = child_text(node, "numerator");
  m->denominator = child_text(node, "denominator");
  m->standard_text = child_text(node, "standard");
  m->note = join_notes(node);
  int kind = enum_attr(&r, "kind", kind_names, MEASURE_COUNT), basis = enum_attr(&r, "basis", basis_names, BASIS_MONTHLY);
  int polarity = enum_attr(&r, "polarity", polarity_names, POLARITY_NONE);
  int window = enum_attr(&r, "denominator-window", window_names, kind == MEASURE_RATE ? DENOMINATOR_LAST : DENOMINATOR_SUM);
  static const char *const gaps_names[] = {"no", "comparators", "yes", NULL};
  int gaps = enum_attr(&r, "optional", gaps_names, MEASURE_GAPS_NONE);
  gboolean ok = kind >= 0 && basis >= 0 && polarity >= 0 && window >= 0 && gaps >= 0;
  m->gaps_expected = MAX(gaps, 0);
  m->kind = MAX(kind, 0), m->basis = MAX(basis, 0), m->polarity = MAX(polarity, 0), m->denominator_window = MAX(window, 0);
  char *local = xmlsrc_attr(node, "local");
  m->local = local && strcmp(local, "true") == 0;
  g_free(local);
  m->population = xmlsrc_attr(node, "population");
  m->line = xmlsrc_line(node);
  if (!*m->ref || !*m->title) {
    xmlsrc_diag(src, node, diags, DIAG_ERROR, "a measure needs a non-empty ref and <title>");
    ok = FALSE;
  }
  ok &= read_numbers(&r, m);
  ok &= read_rating(&r, m, scheme);
  ok &= check_kind_rules(&r, m);
  if (!ok) {
    measure_free(m);
    return NULL;
  }
  return m;
}

static gboolean add_measure(Catalogue *cat, const XmlSource *src, xmlNode *node, Measure *m, DiagList *diags) {
  char *key = ref_key(m->ref);
  const Measure *dup = g_hash_table_lookup(cat->by_key, key);
  if (dup) {
    xmlsrc_diag(src, node, diags, DIAG_ERROR, "measure ref \"%s\" is already used by line %d (\"%s\")", m->ref,
                dup->line, dup->ref);
    g_free(key);
    measure_free(m);
    return FALSE;
  }
  m->index = cat->measures->len;
  g_ptr_array_add(cat->measures, m);
  g_hash_table_insert(cat->by_key, key, m);
  return TRUE;
}

/* Populations must exist and be counts; checked once every ref is known. */
static gboolean check_populations(Catalogue *cat, DiagList *diags) {
  gboolean ok = TRUE;
  for (guint i = 0; i < cat->measures->len; i++) {
    const Measure *m = catalogue_nth(cat, i);
    if (!m->population) continue;
    const Measure *pop = catalogue_lookup(cat, m->population);
    if (!pop || pop->kind != MEASURE_COUNT) {
      diag_error(diags, cat->file, m->line, 0, "population=\"%s\" of %s must name a count measure in this catalogue",
                 m->population, m->ref);
      ok = FALSE;
    }
  }
  return ok;
}

static gboolean read_groups(Catalogue *cat, const XmlSource *src, DiagList *diags) {
  xmlNode *root = xmlsrc_root(src);
  Reader rr = {src, root, diags};
  int scheme = enum_attr(&rr, "rating", rating_names, RATING_SCHEME_STANDARD);
  gboolean ok = scheme >= 0;
  for (xmlNode *g = xmlsrc_first_element(root); g; g = xmlsrc_next_element(g)) {
    if (!xmlsrc_is(g, "group")) continue;
    char *raw = xmlsrc_attr(g, "name"), *name = tidy_text(raw ? raw : "");
    g_free(raw);
    for (xmlNode *n = xmlsrc_first_element(g); n; n = xmlsrc_next_element(n)) {
      Measure *m = read_measure(src, n, name, MAX(scheme, 0), diags);
      ok = m ? add_measure(cat, src, n, m, diags) && ok : FALSE;
    }
    g_free(name);
  }
  return ok;
}

Catalogue *catalogue_load(const char *path, DiagList *diags) {
  GBytes *bytes = infile_read_reported(path, INFILE_XML, diags);
  if (!bytes) return NULL;
  Catalogue *cat = catalogue_parse(path, bytes, diags);
  g_bytes_unref(bytes);
  return cat;
}

Catalogue *catalogue_parse(const char *path, GBytes *bytes, DiagList *diags) {
  XmlSource *src = xmlsrc_parse_valid(path, bytes, "catalogue", diags);
  if (!src) return NULL;
  Catalogue *cat = g_new0(Catalogue, 1);
  cat->file = g_strdup(path);
  char *auth = xmlsrc_attr(xmlsrc_root(src), "authority");
  cat->authority = auth ? auth : g_strdup("");
  cat->measures = g_ptr_array_new_with_free_func(measure_free);
  cat->by_key = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  gboolean ok = read_groups(cat, src, diags);
  xmlsrc_free(src);
  if (!(ok && check_populations(cat, diags))) {
    catalogue_free(cat);
    return NULL;
  }
  return cat;
}

const char *catalogue_file(const Catalogue *cat) { return cat->file; }
const char *catalogue_authority(const Catalogue *cat) { return cat->authority; }
guint catalogue_count(const Catalogue *cat) { return cat->measures->len; }
const Measure *catalogue_nth(const Catalogue *cat, guint i) {
  return i < cat->measures->len ? g_ptr_array_index(cat->measures, i) : NULL;
}

const Measure *catalogue_lookup(const Catalogue *cat, const char *ref) {
  if (!ref) return NULL;
  char *key = ref_key(ref);
  const Measure *m = g_hash_table_lookup(cat->by_key, key);
  g_free(key);
  return m;
}

const char *catalogue_suggest(const Catalogue *cat, const char *ref) {
  char *key = ref_key(ref);
  const char *best = NULL;
  guint best_d = G_MAXUINT;
  for (guint i = 0; i < cat->measures->len; i++) {
    const Measure *m = catalogue_nth(cat, i);
    char *k = ref_key(m->ref);
    guint d = spelling_distance(key, k);
    if (d < best_d) best_d = d, best = m->ref;
    g_free(k);
  }
  gboolean close = best && best_d <= MAX(2u, (guint)strlen(key) / 3);
  g_free(key);
  return close ? best : NULL;
}

typedef struct {
  guint distance;
  guint index;
} Near;

static gint near_cmp(gconstpointer a, gconstpointer b) {
  const Near *x = a, *y = b;
  return x->distance != y->distance ? (x->distance < y->distance ? -1 : 1) : (x->index < y->index ? -1 : x->index > y->index);
}

char *catalogue_nearest(const Catalogue *cat, const char *ref, guint n) {
  char *key = ref_key(ref);
  GArray *all = g_array_new(FALSE, FALSE, sizeof(Near));
  for (guint i = 0; i < cat->measures->len; i++) {
    char *k = ref_key(catalogue_nth(cat, i)->ref);
    Near x = {spelling_distance(key, k), i};
    g_array_append_val(all, x);
    g_free(k);
  }
  g_array_sort(all, near_cmp);
  GString *s = g_string_new(NULL);
  guint shown = MIN(n, all->len);
  for (guint i = 0; i < shown; i++) {
    if (i) g_string_append(s, i + 1 == shown ? " and " : ", ");
    g_string_append_printf(s, "\"%s\"", catalogue_nth(cat, g_array_index(all, Near, i).index)->ref);
  }
  g_array_free(all, TRUE);
  g_free(key);
  return g_string_free(s, FALSE);
}
