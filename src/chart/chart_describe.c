/* chart_describe — plain-English (or Welsh) alternative text built from a
 * chart's data.
 *
 * Every description names the chart's kind, title and period range (trend
 * charts and columns over periods). Trend charts (line, sparkline) say, per
 * series, the first and last values with their periods and the direction,
 * the lowest and highest with theirs (an end that is one says so), where the
 * series misses each standard it is held to, then the periods without data
 * — a dip between two similar ends is never hidden. A series whose figure
 * starts again (ChartSeries.restarts: a year-to-date count each April) is
 * told run by run, each run named ("2024/25 to date: rose from …"), so a
 * restart is never a fall nor an extreme across two years. Category charts
 * (columns, bars) list each value when there are few categories and the
 * highest and lowest when there are many (each run's, as above), then
 * which miss a standard.
 * Numbers come from chart_format_value, so the text never depends on the
 * locale. What only the plan knows (labels left off for room, an axis not
 * starting at zero) is chart_plan_note's.
 *
 * In Welsh (spec->welsh) the same sentences in the words of the table
 * below. Welsh mutates a word after "a" (and), "yn" (in) and "i" (to)
 * ("a Thachwedd", "ym Mawrth", "i Fawrth"), and period labels are
 * abbreviations ("Tach-23") whose mutated forms would puzzle a reader, so
 * the Welsh text never puts those words before a label: a period goes in
 * brackets after its figure ("85.4% (Ebr-23)"), ranges take a dash ("Ion-13
 * – Maw-13"), and lists are joined by commas alone.
 */
#include "chart_internal.h"

#include <string.h>

typedef struct {
  ChartWords shown; /* the words drawn on the chart and in the HTML's data table (chart.h) */
  const char *sparkline, *kinds[CHART_BAR + 1][2]; /* [ChartType][more than one data series] */
  const char *of, *at_open, *at_close; /* " of %s"; a figure's period: " in ", "" */
  const char *and_, *and_commas;       /* the last joiner of a list, plainly and when items have commas */
  const char *period_n, *lowest_end, *highest_end, *lowest, *highest;
  const char *same_at, *same_range, *rose, *fell, *to, *range;
  const char *met, *above, *below, *every_period, *in_list, *in_list_end, *in_count;
  const char *gaps_for, *gaps_for_end, *gaps_count, *series, *comparator, *none;
  const char *min_std, *max_std, *std_label;
  const char *own_meets, *own_meet, *own_short, *all_meet, *of_them, *cat_extremes;
  const char *labels_off, *axis_starts, *axis_ends;
  const char *run_named, *runs_join; /* a run of a figure that starts again: "2024/25 to date: ", and between runs */
} DescribeWords;

/* Welsh standards as rating_words.c's legend has them: a minimum standard
 * is "safon ofynnol" (the standard required), a maximum "safon uchaf";
 * the bound itself "isafswm" (minimum) or "uchafswm" (maximum), which a
 * reader cannot take for "isaf"/"uchaf" (lowest, highest) of a series. */
static const DescribeWords english = {
    {"Minimum standard", "Maximum standard", "min %s", "max %s", "marked on each measure that has one", "no data",
     "The data in this chart", "Data: %s", "Period", "Measure"},
    "Sparkline",
    {[CHART_LINE] = {"Line chart", "Line chart"},
     [CHART_COLUMN] = {"Column chart", "Grouped column chart"},
     [CHART_GROUPED] = {"Column chart", "Grouped column chart"},
     [CHART_STACKED] = {"Stacked column chart", "Stacked column chart"},
     [CHART_BAR] = {"Bar chart", "Grouped bar chart"}},
    " of %s", " in ", "",
    " and ", "; and ",
    "period %d", " (lowest)", " (highest)", "lowest ", "highest ",
    "stayed the same at %s", " from %s to %s", "rose from ", "fell from ", " to ", "%s to %s",
    "met the ", "above the ", "below the ", " in every period", " in ", "", " in %d of the %d periods",
    "%s for ", "", "%s for %d of the %d periods", "series", ". Comparator %s: ", ": no data.",
    "minimum standard of %s", "maximum standard of %s", "%s of %s",
    " meets its own standard", " meet their own standards", "; short of their own standards: ", "all meet the ",
    "%u of them", "highest %s (%s), lowest %s (%s)",
    "%d of the %d value labels are left off the chart for want of room.", "The value axis starts at %s, not zero.",
    "The value axis ends at %s, not zero.",
    "%s to date: ", "; "};

static const DescribeWords welsh = {
    {"Safon ofynnol", "Safon uchaf", "isafswm %s", "uchafswm %s", "wedi'i nodi ar bob mesur sydd ag un", "dim data",
     "Y data yn y siart hwn", "Data: %s", "Cyfnod", "Mesur"},
    "Llinell duedd",
    {[CHART_LINE] = {"Siart llinell", "Siart llinell"},
     [CHART_COLUMN] = {"Siart colofn", "Siart colofn wedi'i grwpio"},
     [CHART_GROUPED] = {"Siart colofn", "Siart colofn wedi'i grwpio"},
     [CHART_STACKED] = {"Siart colofn wedi'i bentyrru", "Siart colofn wedi'i bentyrru"},
     [CHART_BAR] = {"Siart bar", "Siart bar wedi'i grwpio"}},
    " yn dangos %s", " (", ")",
    ", ", "; ",
    "cyfnod %d", "yr isaf", "yr uchaf", "isaf ", "uchaf ",
    "arhosodd yr un fath ar %s", " (%s \xe2\x80\x93 %s)", "cododd o ", "gostyngodd o ", " i ", "%s \xe2\x80\x93 %s",
    "wedi cyrraedd y ", "uwchben y ", "islaw'r ", " ym mhob cyfnod", " (", ")", " mewn %d o'r %d cyfnod",
    "%s (", ")", "%s mewn %d o'r %d cyfnod", "cyfres", ". Cymharydd %s: ", ": dim data.",
    "safon ofynnol o %s", "safon uchaf o %s", "%s o %s",
    " yn cyrraedd ei safon ei hun", " yn cyrraedd eu safonau eu hunain", "; yn brin o'u safonau eu hunain: ",
    "mae pob un wedi cyrraedd y ", "%u ohonynt", "uchaf %s (%s), isaf %s (%s)",
    "Mae %d o'r %d label gwerth wedi'u gadael oddi ar y siart am nad oes lle.",
    "Mae echel y gwerthoedd yn dechrau ar %s, nid ar sero.", "Mae echel y gwerthoedd yn gorffen ar %s, nid ar sero.",
    "%s hyd yma: ", "; "};

static const DescribeWords *words_of(const ChartSpec *s) { return s->welsh ? &welsh : &english; }

const ChartWords *chart_words(const ChartSpec *s) { return &words_of(s)->shown; }

const char *chart_standard_name(const ChartSpec *s, const ChartStandard *std) {
  return std->label ? std->label : std->maximum ? chart_words(s)->max_name : chart_words(s)->min_name;
}

char *chart_standard_label(const ChartSpec *s, const ChartStandard *std) {
  char *v = chart_format_value(std->value, -1, s->unit);
  char *t = g_strdup_printf(std->maximum ? chart_words(s)->max_label : chart_words(s)->min_label, v);
  g_free(v);
  return t;
}

static const char *type_phrase(const ChartSpec *s) {
  const DescribeWords *w = words_of(s);
  if (s->sparkline) return w->sparkline;
  int data = 0;
  for (int j = 0; j < s->n_series; j++) data += !s->series[j].reference;
  ChartType t = chart_kind(s->type)->type;
  return w->kinds[t][data > 1];
}

static const char *cat(const ChartSpec *s, int i) {
  return s->categories && s->categories[i] && *s->categories[i] ? s->categories[i] : NULL;
}

/* "X in Nov-12" ("X (Tach-12)") or just "X" when the period has no label. */
static void append_value_at(GString *out, const ChartSpec *s, const ChartSeries *se, int i) {
  char *t = chart_format_value(se->values[i], chart_point_decimals(s, se, i), s->unit);
  g_string_append(out, t);
  g_free(t);
  if (cat(s, i)) g_string_append_printf(out, "%s%s%s", words_of(s)->at_open, cat(s, i), words_of(s)->at_close);
}

/* Joins parts as "a", "a and b", "a, b and c" ("a; b; and c" when an item
 * has a comma in it). */
static void append_list(GString *out, const ChartSpec *s, GPtrArray *parts) {
  /* A name with a comma in it ("Relative, self and anon") needs a stronger
   * separator between items, or the list cannot be read back. */
  gboolean commas = FALSE;
  for (guint i = 0; i < parts->len; i++) commas |= strchr(g_ptr_array_index(parts, i), ',') != NULL;
  for (guint i = 0; i < parts->len; i++) {
    if (i > 0)
      g_string_append(out, i + 1 == parts->len ? (commas ? words_of(s)->and_commas : words_of(s)->and_) : (commas ? "; " : ", "));
    g_string_append(out, g_ptr_array_index(parts, i));
  }
}

static char *period_name(const ChartSpec *s, int i) {
  return cat(s, i) ? g_strdup(cat(s, i)) : g_strdup_printf(words_of(s)->period_n, i + 1);
}

/* lowest and highest points of [from, to) (first of equals), -1 when there are none */
static void extremes(const ChartSeries *se, int from, int to, int *lo, int *hi) {
  *lo = *hi = -1;
  for (int i = from; i < to; i++) {
    if (!isfinite(se->values[i])) continue;
    if (*hi < 0 || se->values[i] > se->values[*hi]) *hi = i;
    if (*lo < 0 || se->values[i] < se->values[*lo]) *lo = i;
  }
}

/* An end that is also the lowest or highest point says so: "76.0% in
 * Jun-24 (lowest)", in Welsh inside the period's bracket, "76.0% (Meh-24,
 * yr isaf)". */
static void append_end(GString *out, const ChartSpec *s, const ChartSeries *se, int i, int lo, int hi) {
  const DescribeWords *w = words_of(s);
  const char *note = i == lo ? w->lowest_end : i == hi ? w->highest_end : NULL;
  if (!s->welsh || !note) {
    append_value_at(out, s, se, i);
    if (note) g_string_append(out, note);
    return;
  }
  char *t = chart_format_value(se->values[i], chart_point_decimals(s, se, i), s->unit);
  g_string_append_printf(out, "%s (%s%s%s)", t, cat(s, i) ? cat(s, i) : "", cat(s, i) ? ", " : "", note);
  g_free(t);
}

/* "; lowest 65% in Jun-13, highest 90% in Jan-14" for extremes between the ends. */
static void append_inner_extremes(GString *out, const ChartSpec *s, const ChartSeries *se, int first, int last) {
  int lo, hi;
  extremes(se, first, last + 1, &lo, &hi);
  gboolean lo_inner = lo != first && lo != last, hi_inner = hi != first && hi != last;
  if (!lo_inner && !hi_inner) return;
  g_string_append(out, "; ");
  if (lo_inner) g_string_append(out, words_of(s)->lowest), append_value_at(out, s, se, lo);
  if (lo_inner && hi_inner) g_string_append(out, ", ");
  if (hi_inner) g_string_append(out, words_of(s)->highest), append_value_at(out, s, se, hi);
}

/* The trend of points [from, to): its ends, direction and extremes. */
static void append_run_trend(GString *out, const ChartSpec *s, const ChartSeries *se, int from, int to) {
  int first = -1, last = -1, count = 0;
  for (int i = from; i < to; i++)
    if (isfinite(se->values[i])) {
      if (first < 0) first = i;
      last = i;
      count++;
    }
  const DescribeWords *w = words_of(s);
  if (count == 0) {
    g_string_append(out, w->shown.no_data);
    return;
  }
  if (count == 1) {
    append_value_at(out, s, se, first);
    return;
  }
  char *a = chart_format_value(se->values[first], chart_point_decimals(s, se, first), s->unit);
  char *b = chart_format_value(se->values[last], chart_point_decimals(s, se, last), s->unit);
  if (strcmp(a, b) == 0) {
    g_string_append_printf(out, w->same_at, a);
    if (cat(s, first) && cat(s, last)) g_string_append_printf(out, w->same_range, cat(s, first), cat(s, last));
  } else {
    int lo = -1, hi = -1;
    if (count > 2) extremes(se, from, to, &lo, &hi); /* two points: the direction says it */
    g_string_append(out, se->values[last] > se->values[first] ? w->rose : w->fell);
    append_end(out, s, se, first, lo, hi);
    g_string_append(out, w->to);
    append_end(out, s, se, last, lo, hi);
    append_inner_extremes(out, s, se, first, last);
  }
  g_free(a);
  g_free(b);
}

/* Where the run that starts at point `from` ends: the next restart, or n. */
static int run_end(const ChartSpec *s, const ChartSeries *se, int from) {
  int i = from + 1;
  while (i < s->n_categories && !chart_point_restarts(se, i)) i++;
  return i;
}

static gboolean run_has_data(const ChartSeries *se, int from, int to) {
  for (int i = from; i < to; i++)
    if (isfinite(se->values[i])) return TRUE;
  return FALSE;
}

/* "2024/25 to date: " for the run [from, to), by its name, else by its
 * periods ("Apr-24 to Mar-25: "). */
static void append_run_name(GString *out, const ChartSpec *s, const ChartSeries *se, int from, int to) {
  const DescribeWords *w = words_of(s);
  const char *name = se->run_names ? se->run_names[from] : NULL;
  if (name && *name) {
    g_string_append_printf(out, w->run_named, name);
    return;
  }
  char *a = period_name(s, from), *b = period_name(s, to - 1);
  g_string_append_printf(out, w->range, a, b);
  g_string_append(out, ": ");
  g_free(a), g_free(b);
}

typedef void (*RunWords)(GString *out, const ChartSpec *s, const ChartSeries *se, int from, int to);

/* What `say` says of a series, run by run when its figure starts again (a
 * year-to-date count each April), each run named: March's 81 to April's 5
 * is no fall, and the lowest and highest are each year's own. Runs without
 * data are left to the gaps. */
static void append_runs(GString *out, const ChartSpec *s, const ChartSeries *se, RunWords say) {
  if (!se->restarts || !run_has_data(se, 0, s->n_categories)) {
    say(out, s, se, 0, s->n_categories);
    return;
  }
  gboolean any = FALSE;
  for (int from = 0, to; from < s->n_categories; from = to) {
    to = run_end(s, se, from);
    if (!run_has_data(se, from, to)) continue;
    if (any) g_string_append(out, words_of(s)->runs_join);
    any = TRUE;
    append_run_name(out, s, se, from, to);
    say(out, s, se, from, to);
  }
}

static void append_trend(GString *out, const ChartSpec *s, const ChartSeries *se) {
  append_runs(out, s, se, append_run_trend);
}

/* A standard for the whole axis that series j is held to. */
static gboolean standard_applies(const ChartStandard *std, int j) {
  return std->category < 0 && (std->series < 0 || std->series == j);
}

/* "minimum standard of 80%" (the article is the words' before it: "the",
 * or in Welsh "y" / "'r" as the word before it ends) */
static void append_standard(GString *out, const ChartSpec *s, const ChartStandard *std) {
  const DescribeWords *w = words_of(s);
  char *v = chart_format_value(std->value, -1, s->unit);
  if (std->label) {
    char *name = s->welsh ? g_strdup(std->label) : g_ascii_strdown(std->label, -1);
    g_string_append_printf(out, w->std_label, name, v);
    g_free(name);
  } else {
    g_string_append_printf(out, std->maximum ? w->max_std : w->min_std, v);
  }
  g_free(v);
}

/* Where series se misses std: "below the minimum standard of 80% in Jan-13
 * to Apr-13 and Jul-13", "met the … in every period", or a count when the
 * misses are scattered. Runs are broken by periods without data. */
static void append_crossings(GString *out, const ChartSpec *s, const ChartSeries *se, const ChartStandard *std) {
  int n = s->n_categories, missed = 0, present = 0;
  GPtrArray *runs = g_ptr_array_new_with_free_func(g_free);
  for (int i = 0; i < n;) {
    if (!isfinite(se->values[i]) || chart_standard_met(std, se->values[i])) {
      present += isfinite(se->values[i]);
      i++;
      continue;
    }
    int k = i;
    while (k + 1 < n && isfinite(se->values[k + 1]) && !chart_standard_met(std, se->values[k + 1])) k++;
    char *a = period_name(s, i), *b = period_name(s, k);
    g_ptr_array_add(runs, i == k ? g_strdup(a) : g_strdup_printf(words_of(s)->range, a, b));
    g_free(a);
    g_free(b);
    missed += k - i + 1;
    present += k - i + 1;
    i = k + 1;
  }
  const DescribeWords *w = words_of(s);
  if (missed == 0) g_string_append(out, w->met);
  else g_string_append(out, std->maximum ? w->above : w->below);
  append_standard(out, s, std);
  if (missed == 0 || missed == present) g_string_append(out, present > 1 ? w->every_period : "");
  else if (runs->len <= 3) g_string_append(out, w->in_list), append_list(out, s, runs), g_string_append(out, w->in_list_end);
  else g_string_append_printf(out, w->in_count, missed, present);
  g_ptr_array_free(runs, TRUE);
}

/* "; below the minimum standard of 80% in …" for every standard series j is held to. */
static void append_series_standards(GString *out, const ChartSpec *s, int j) {
  if (chart_finite_count(&s->series[j], s->n_categories) == 0) return;
  for (int k = 0; k < s->n_standards; k++) {
    if (!standard_applies(&s->standards[k], j)) continue;
    g_string_append(out, "; ");
    append_crossings(out, s, &s->series[j], &s->standards[k]);
  }
}

/* What the description says of a point with no value: why (its gap's
 * words, "suppressed"), else "no data". */
static const char *gap_words(const ChartSpec *s, const ChartSeries *se, int i) {
  const ChartGap *g = chart_spec_gap(s, (int)(se - s->series), i);
  return g ? g->words : words_of(s)->shown.no_data;
}

/* "no data for Jan-13 to Mar-13 and May-13" for the gaps of one kind
 * (`words`) inside [0, n). */
static void append_gaps_of(GString *out, const ChartSpec *s, const ChartSeries *se, const char *words) {
  int n = s->n_categories;
  GPtrArray *runs = g_ptr_array_new_with_free_func(g_free);
  int missing = 0;
  for (int i = 0; i < n;) {
    if (isfinite(se->values[i]) || strcmp(gap_words(s, se, i), words) != 0) {
      i++;
      continue;
    }
    int j = i;
    while (j + 1 < n && !isfinite(se->values[j + 1]) && strcmp(gap_words(s, se, j + 1), words) == 0) j++;
    char *a = period_name(s, i), *b = period_name(s, j);
    g_ptr_array_add(runs, i == j ? g_strdup(a) : g_strdup_printf(words_of(s)->range, a, b));
    g_free(a);
    g_free(b);
    missing += j - i + 1;
    i = j + 1;
  }
  if (runs->len > 0 && runs->len <= 3) {
    g_string_append_printf(out, words_of(s)->gaps_for, words);
    append_list(out, s, runs);
    g_string_append(out, words_of(s)->gaps_for_end);
  } else if (runs->len > 3) {
    g_string_append_printf(out, words_of(s)->gaps_count, words, missing, n);
  }
  g_ptr_array_free(runs, TRUE);
}

/* The gaps of each kind in the order they first appear: "suppressed for
 * Q2 2024/25; no data for Q4 2024/25". */
static void append_gaps(GString *out, const ChartSpec *s, const ChartSeries *se) {
  GPtrArray *kinds = g_ptr_array_new();
  for (int i = 0; i < s->n_categories; i++) {
    if (isfinite(se->values[i])) continue;
    const char *w = gap_words(s, se, i);
    gboolean seen = FALSE;
    for (guint k = 0; k < kinds->len && !seen; k++) seen = strcmp(g_ptr_array_index(kinds, k), w) == 0;
    if (!seen) g_ptr_array_add(kinds, (gpointer)w);
  }
  for (guint k = 0; k < kinds->len; k++) {
    if (k) g_string_append(out, "; ");
    append_gaps_of(out, s, se, g_ptr_array_index(kinds, k));
  }
  g_ptr_array_free(kinds, TRUE);
}

static int finite_count(const ChartSpec *s, const ChartSeries *se) {
  int c = 0;
  for (int i = 0; i < s->n_categories; i++) c += isfinite(se->values[i]);
  return c;
}

static void describe_trend(GString *out, const ChartSpec *s, int n_data) {
  int k = 0;
  gboolean single = n_data == 1;
  for (int j = 0; j < s->n_series; j++) {
    const ChartSeries *se = &s->series[j];
    if (se->reference) continue;
    if (single)
      g_string_append(out, ": ");
    else
      g_string_append_printf(out, "%s%s: ", k++ == 0 ? ". " : "; ", se->name && *se->name ? se->name : words_of(s)->series);
    append_trend(out, s, se);
    append_series_standards(out, s, j);
    int fc = finite_count(s, se);
    if (fc > 0 && fc < s->n_categories) {
      g_string_append(out, single ? ". " : ", ");
      GString *g = g_string_new(NULL);
      append_gaps(g, s, se);
      if (single && g->len) g->str[0] = g_ascii_toupper(g->str[0]);
      g_string_append(out, g->str);
      g_string_free(g, TRUE);
    }
  }
}

/* "; short of their own standards: Visits (≥ 80%) and Plans (≤ 25%)", or
 * "; Visits and Plans meet their own standards", for standards each
 * category (a measure) has of its own. */
static void append_own_standards(GString *out, const ChartSpec *s, int j) {
  const ChartSeries *se = &s->series[j];
  GPtrArray *miss = g_ptr_array_new_with_free_func(g_free), *held = g_ptr_array_new_with_free_func(g_free);
  int last = -1;
  for (int k = 0; k < s->n_standards; k++) {
    const ChartStandard *std = &s->standards[k];
    int i = std->category;
    if (i < 0 || i >= s->n_categories || (std->series >= 0 && std->series != j) || !isfinite(se->values[i])) continue;
    if (i != last) g_ptr_array_add(held, period_name(s, i)); /* a category's standards are added together */
    last = i;
    if (chart_standard_met(std, se->values[i])) continue;
    char *c = period_name(s, i), *t = chart_standard_text(std, s->unit);
    g_ptr_array_add(miss, g_strdup_printf("%s (%s)", c, t));
    g_free(c);
    g_free(t);
  }
  const DescribeWords *w = words_of(s);
  if (held->len && miss->len == 0) {
    g_string_append(out, s->welsh ? "; mae " : "; ");
    append_list(out, s, held);
    g_string_append(out, held->len == 1 ? w->own_meets : w->own_meet);
  } else if (miss->len) {
    g_string_append(out, w->own_short);
    append_list(out, s, miss);
  }
  g_ptr_array_free(miss, TRUE);
  g_ptr_array_free(held, TRUE);
}

/* "; below the minimum standard of 80%: Stage 2 and Stage 3" per standard. */
static void append_category_standards(GString *out, const ChartSpec *s, int j) {
  const ChartSeries *se = &s->series[j];
  append_own_standards(out, s, j);
  for (int k = 0; k < s->n_standards; k++) {
    const ChartStandard *std = &s->standards[k];
    if (!standard_applies(std, j)) continue;
    GPtrArray *miss = g_ptr_array_new_with_free_func(g_free);
    for (int i = 0; i < s->n_categories; i++)
      if (isfinite(se->values[i]) && !chart_standard_met(std, se->values[i])) g_ptr_array_add(miss, period_name(s, i));
    const DescribeWords *w = words_of(s);
    g_string_append(out, "; ");
    if (miss->len == 0) {
      g_string_append(out, w->all_meet);
      append_standard(out, s, std);
    } else {
      g_string_append(out, std->maximum ? w->above : w->below);
      append_standard(out, s, std);
      g_string_append(out, ": ");
      if (miss->len <= 8) append_list(out, s, miss);
      else g_string_append_printf(out, w->of_them, miss->len);
    }
    g_ptr_array_free(miss, TRUE);
  }
}

/* "highest Mar-25 (81), lowest Jun-24 (18)" of [from, to), which has data. */
static void append_run_extremes(GString *out, const ChartSpec *s, const ChartSeries *se, int from, int to) {
  int lo, hi;
  extremes(se, from, to, &lo, &hi);
  char *vh = chart_format_value(se->values[hi], chart_point_decimals(s, se, hi), s->unit);
  char *vl = chart_format_value(se->values[lo], chart_point_decimals(s, se, lo), s->unit);
  char *ch = period_name(s, hi), *cl = period_name(s, lo);
  g_string_append_printf(out, words_of(s)->cat_extremes, ch, vh, cl, vl);
  g_free(vh), g_free(vl), g_free(ch), g_free(cl);
}

/* The highest and lowest columns; of a figure that starts again, each
 * run's own (not April's restart against March's whole year). */
static void append_category_extremes(GString *out, const ChartSpec *s, const ChartSeries *se) {
  append_runs(out, s, se, append_run_extremes);
}

static void describe_categories(GString *out, const ChartSpec *s, int n_data) {
  int n = s->n_categories;
  for (int j = 0, k = 0; j < s->n_series; j++) {
    const ChartSeries *se = &s->series[j];
    if (se->reference) continue;
    g_string_append(out, k++ == 0 ? ": " : ". ");
    if (n_data > 1) g_string_append_printf(out, "%s: ", se->name && *se->name ? se->name : words_of(s)->series);
    if (finite_count(s, se) == 0) {
      g_string_append(out, words_of(s)->shown.no_data);
      continue;
    }
    GPtrArray *parts = g_ptr_array_new_with_free_func(g_free);
    if (n <= 8) {
      for (int i = 0; i < n; i++) {
        char *v = chart_format_value(se->values[i], chart_point_decimals(s, se, i), s->unit);
        char *c = period_name(s, i);
        g_ptr_array_add(parts, g_strdup_printf("%s %s", c, isfinite(se->values[i]) ? v : gap_words(s, se, i)));
        g_free(c);
        g_free(v);
      }
      append_list(out, s, parts);
    } else {
      append_category_extremes(out, s, se);
      if (finite_count(s, se) < n) g_string_append(out, "; "), append_gaps(out, s, se);
    }
    g_ptr_array_free(parts, TRUE);
    append_category_standards(out, s, j);
  }
}

static void describe_references(GString *out, const ChartSpec *s) {
  for (int j = 0; j < s->n_series; j++) {
    const ChartSeries *se = &s->series[j];
    if (!se->reference) continue;
    int fc = finite_count(s, se);
    /* a target line is no comparator: ". Target: stayed the same at 82.0% …" */
    g_string_append_printf(out, se->target ? ". %s: " : words_of(s)->comparator,
                           se->name && *se->name ? se->name : words_of(s)->series);
    if (fc == 1) {
      for (int i = 0; i < s->n_categories; i++)
        if (isfinite(se->values[i])) {
          char *v = chart_format_value(se->values[i], chart_point_decimals(s, se, i), s->unit);
          g_string_append(out, v);
          g_free(v);
        }
    } else {
      append_trend(out, s, se);
    }
  }

}

char *chart_describe(const ChartSpec *s) {
  GString *out = g_string_new(type_phrase(s));
  const DescribeWords *w = words_of(s);
  if (s->title && *s->title) {
    /* what follows it is joined with ':' or ',': a title's own full stop goes */
    char *title = g_strdup(s->title);
    gsize len = strlen(title);
    if (len > 1 && title[len - 1] == '.' && title[len - 2] != '.') title[len - 1] = '\0';
    g_string_append_printf(out, w->of, title);
    g_free(title);
  }
  int n = s->n_categories, n_data = 0, with_data = 0;
  for (int j = 0; j < s->n_series; j++)
    if (!s->series[j].reference) {
      n_data++;
      with_data += finite_count(s, &s->series[j]) > 0;
    }
  gboolean trend = s->type == CHART_LINE || s->sparkline;
  if (n > 0 && (trend || s->categories_are_periods) && cat(s, 0) && cat(s, n - 1)) {
    if (n == 1) g_string_append_printf(out, ", %s", cat(s, 0));
    else g_string_append(out, ", "), g_string_append_printf(out, w->range, cat(s, 0), cat(s, n - 1));
  }
  if (n == 0 || with_data == 0) {
    g_string_append(out, w->none);
    return g_string_free(out, FALSE);
  }
  if (trend) describe_trend(out, s, n_data);
  else describe_categories(out, s, n_data);
  describe_references(out, s);
  g_string_append_c(out, '.');
  return g_string_free(out, FALSE);
}

char *chart_plan_note(const ChartPlan *plan, const ChartSpec *spec) {
  const DescribeWords *w = words_of(spec);
  GString *g = g_string_new(NULL);
  if (plan->labels_dropped > 0) g_string_append_printf(g, w->labels_off, plan->labels_dropped, plan->labels_wanted);
  if (plan->axis_break) {
    gboolean above = plan->y_lo > 0;
    char *v = chart_format_value(above ? plan->y_lo : plan->y_hi, -1, spec->unit);
    if (g->len) g_string_append_c(g, ' ');
    g_string_append_printf(g, above ? w->axis_starts : w->axis_ends, v);
    g_free(v);
  }
  if (!g->len) {
    g_string_free(g, TRUE);
    return NULL;
  }
  return g_string_free(g, FALSE);
}
