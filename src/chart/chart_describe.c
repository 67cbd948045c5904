/* chart_describe — plain-English alternative text built from a chart's data.
 *
 * Every description names the chart's kind, title and period range (trend
 * charts and columns over periods). Trend charts (line, sparkline) say, per
 * series, the first and last values with their periods and the direction,
 * the lowest and highest with theirs (an end that is one says so), where the
 * series misses each standard it is held to, then the periods without data
 * — a dip between two similar ends is never hidden. Category charts
 * (columns, bars) list each value when there are few categories and the
 * highest and lowest when there are many, then which miss a standard.
 * Numbers come from chart_format_value, so the text never depends on the
 * locale. What only the plan knows (labels left off for room, an axis not
 * starting at zero) is chart_plan_note's.
 */
#include "chart_internal.h"

#include <string.h>

static const char *type_phrase(const ChartSpec *s) {
  if (s->sparkline) return "Sparkline";
  int data = 0;
  for (int j = 0; j < s->n_series; j++) data += !s->series[j].reference;
  const ChartKind *k = chart_kind(s->type);
  return data > 1 ? k->phrase_grouped : k->phrase;
}

static const char *cat(const ChartSpec *s, int i) {
  return s->categories && s->categories[i] && *s->categories[i] ? s->categories[i] : NULL;
}

/* "X in Nov-12" or just "X" when the period has no label. */
static void append_value_at(GString *out, const ChartSpec *s, const ChartSeries *se, int i) {
  char *t = chart_format_value(se->values[i], chart_point_decimals(s, se, i), s->unit);
  g_string_append(out, t);
  g_free(t);
  if (cat(s, i)) g_string_append_printf(out, " in %s", cat(s, i));
}

/* Joins parts as "a", "a and b", "a, b and c" ("a; b; and c" when an item
 * has a comma in it). */
static void append_list(GString *out, GPtrArray *parts) {
  /* A name with a comma in it ("Relative, self and anon") needs a stronger
   * separator between items, or the list cannot be read back. */
  gboolean commas = FALSE;
  for (guint i = 0; i < parts->len; i++) commas |= strchr(g_ptr_array_index(parts, i), ',') != NULL;
  for (guint i = 0; i < parts->len; i++) {
    if (i > 0) g_string_append(out, i + 1 == parts->len ? (commas ? "; and " : " and ") : (commas ? "; " : ", "));
    g_string_append(out, g_ptr_array_index(parts, i));
  }
}

static char *period_name(const ChartSpec *s, int i) {
  return cat(s, i) ? g_strdup(cat(s, i)) : g_strdup_printf("period %d", i + 1);
}

/* lowest and highest points (first of equals), -1 when there are none */
static void extremes(const ChartSpec *s, const ChartSeries *se, int *lo, int *hi) {
  *lo = *hi = -1;
  for (int i = 0; i < s->n_categories; i++) {
    if (!isfinite(se->values[i])) continue;
    if (*hi < 0 || se->values[i] > se->values[*hi]) *hi = i;
    if (*lo < 0 || se->values[i] < se->values[*lo]) *lo = i;
  }
}

/* An end that is also the lowest or highest point says so. */
static void append_end(GString *out, const ChartSpec *s, const ChartSeries *se, int i, int lo, int hi) {
  append_value_at(out, s, se, i);
  if (i == lo) g_string_append(out, " (lowest)");
  else if (i == hi) g_string_append(out, " (highest)");
}

/* "; lowest 65% in Jun-13, highest 90% in Jan-14" for extremes between the ends. */
static void append_inner_extremes(GString *out, const ChartSpec *s, const ChartSeries *se, int first, int last) {
  int lo, hi;
  extremes(s, se, &lo, &hi);
  gboolean lo_inner = lo != first && lo != last, hi_inner = hi != first && hi != last;
  if (!lo_inner && !hi_inner) return;
  g_string_append(out, "; ");
  if (lo_inner) g_string_append(out, "lowest "), append_value_at(out, s, se, lo);
  if (lo_inner && hi_inner) g_string_append(out, ", ");
  if (hi_inner) g_string_append(out, "highest "), append_value_at(out, s, se, hi);
}

static void append_trend(GString *out, const ChartSpec *s, const ChartSeries *se) {
  int n = s->n_categories, first = -1, last = -1, count = 0;
  for (int i = 0; i < n; i++)
    if (isfinite(se->values[i])) {
      if (first < 0) first = i;
      last = i;
      count++;
    }
  if (count == 0) {
    g_string_append(out, "no data");
    return;
  }
  if (count == 1) {
    append_value_at(out, s, se, first);
    return;
  }
  char *a = chart_format_value(se->values[first], chart_point_decimals(s, se, first), s->unit);
  char *b = chart_format_value(se->values[last], chart_point_decimals(s, se, last), s->unit);
  if (strcmp(a, b) == 0) {
    g_string_append_printf(out, "stayed the same at %s", a);
    if (cat(s, first) && cat(s, last)) g_string_append_printf(out, " from %s to %s", cat(s, first), cat(s, last));
  } else {
    int lo = -1, hi = -1;
    if (count > 2) extremes(s, se, &lo, &hi); /* two points: the direction says it */
    g_string_append(out, se->values[last] > se->values[first] ? "rose from " : "fell from ");
    append_end(out, s, se, first, lo, hi);
    g_string_append(out, " to ");
    append_end(out, s, se, last, lo, hi);
    append_inner_extremes(out, s, se, first, last);
  }
  g_free(a);
  g_free(b);
}

/* A standard for the whole axis that series j is held to. */
static gboolean standard_applies(const ChartStandard *std, int j) {
  return std->category < 0 && (std->series < 0 || std->series == j);
}

/* "the minimum standard of 80%" */
static void append_standard(GString *out, const ChartSpec *s, const ChartStandard *std) {
  char *v = chart_format_value(std->value, -1, s->unit);
  char *name = g_ascii_strdown(chart_standard_name(std), -1);
  g_string_append_printf(out, "the %s of %s", name, v);
  g_free(name);
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
    g_ptr_array_add(runs, i == k ? g_strdup(a) : g_strdup_printf("%s to %s", a, b));
    g_free(a);
    g_free(b);
    missed += k - i + 1;
    present += k - i + 1;
    i = k + 1;
  }
  const char *side = std->maximum ? "above " : "below ";
  if (missed == 0) g_string_append(out, "met ");
  else g_string_append(out, side);
  append_standard(out, s, std);
  if (missed == 0 || missed == present) g_string_append(out, present > 1 ? " in every period" : "");
  else if (runs->len <= 3) g_string_append(out, " in "), append_list(out, runs);
  else g_string_append_printf(out, " in %d of the %d periods", missed, present);
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
  return g ? g->words : "no data";
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
    g_ptr_array_add(runs, i == j ? g_strdup(a) : g_strdup_printf("%s to %s", a, b));
    g_free(a);
    g_free(b);
    missing += j - i + 1;
    i = j + 1;
  }
  if (runs->len > 0 && runs->len <= 3) {
    g_string_append_printf(out, "%s for ", words);
    append_list(out, runs);
  } else if (runs->len > 3) {
    g_string_append_printf(out, "%s for %d of the %d periods", words, missing, n);
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
      g_string_append_printf(out, "%s%s: ", k++ == 0 ? ". " : "; ", se->name && *se->name ? se->name : "series");
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
  if (held->len && miss->len == 0) {
    g_string_append(out, "; ");
    append_list(out, held);
    g_string_append(out, held->len == 1 ? " meets its own standard" : " meet their own standards");
  } else if (miss->len) {
    g_string_append(out, "; short of their own standards: ");
    append_list(out, miss);
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
    g_string_append(out, "; ");
    if (miss->len == 0) {
      g_string_append(out, "all meet ");
      append_standard(out, s, std);
    } else {
      g_string_append(out, std->maximum ? "above " : "below ");
      append_standard(out, s, std);
      g_string_append(out, ": ");
      if (miss->len <= 8) append_list(out, miss);
      else g_string_append_printf(out, "%u of them", miss->len);
    }
    g_ptr_array_free(miss, TRUE);
  }
}

static void describe_categories(GString *out, const ChartSpec *s, int n_data) {
  int n = s->n_categories;
  for (int j = 0, k = 0; j < s->n_series; j++) {
    const ChartSeries *se = &s->series[j];
    if (se->reference) continue;
    g_string_append(out, k++ == 0 ? ": " : ". ");
    if (n_data > 1) g_string_append_printf(out, "%s: ", se->name && *se->name ? se->name : "series");
    if (finite_count(s, se) == 0) {
      g_string_append(out, "no data");
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
      append_list(out, parts);
    } else {
      int hi = -1, lo = -1;
      for (int i = 0; i < n; i++) {
        if (!isfinite(se->values[i])) continue;
        if (hi < 0 || se->values[i] > se->values[hi]) hi = i;
        if (lo < 0 || se->values[i] < se->values[lo]) lo = i;
      }
      char *vh = chart_format_value(se->values[hi], chart_point_decimals(s, se, hi), s->unit);
      char *vl = chart_format_value(se->values[lo], chart_point_decimals(s, se, lo), s->unit);
      char *ch = period_name(s, hi), *cl = period_name(s, lo);
      g_string_append_printf(out, "highest %s (%s), lowest %s (%s)", ch, vh, cl, vl);
      if (finite_count(s, se) < n) g_string_append(out, "; "), append_gaps(out, s, se);
      g_free(vh);
      g_free(vl);
      g_free(ch);
      g_free(cl);
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
    g_string_append_printf(out, ". Comparator %s: ", se->name && *se->name ? se->name : "series");
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
  if (s->title && *s->title) g_string_append_printf(out, " of %s", s->title);
  int n = s->n_categories, n_data = 0, with_data = 0;
  for (int j = 0; j < s->n_series; j++)
    if (!s->series[j].reference) {
      n_data++;
      with_data += finite_count(s, &s->series[j]) > 0;
    }
  gboolean trend = s->type == CHART_LINE || s->sparkline;
  if (n > 0 && (trend || s->categories_are_periods) && cat(s, 0) && cat(s, n - 1)) {
    if (n == 1) g_string_append_printf(out, ", %s", cat(s, 0));
    else g_string_append_printf(out, ", %s to %s", cat(s, 0), cat(s, n - 1));
  }
  if (n == 0 || with_data == 0) {
    g_string_append(out, ": no data.");
    return g_string_free(out, FALSE);
  }
  if (trend) describe_trend(out, s, n_data);
  else describe_categories(out, s, n_data);
  describe_references(out, s);
  g_string_append_c(out, '.');
  return g_string_free(out, FALSE);
}

char *chart_plan_note(const ChartPlan *plan, const ChartSpec *spec) {
  GString *g = g_string_new(NULL);
  if (plan->labels_dropped > 0)
    g_string_append_printf(g, "%d of the %d value labels are left off the chart for want of room.", plan->labels_dropped,
                           plan->labels_wanted);
  if (plan->axis_break) {
    gboolean above = plan->y_lo > 0;
    char *v = chart_format_value(above ? plan->y_lo : plan->y_hi, -1, spec->unit);
    g_string_append_printf(g, "%sThe value axis %s at %s, not zero.", g->len ? " " : "", above ? "starts" : "ends", v);
    g_free(v);
  }
  if (!g->len) {
    g_string_free(g, TRUE);
    return NULL;
  }
  return g_string_free(g, FALSE);
}
