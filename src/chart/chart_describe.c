/* chart_describe — plain-English alternative text built from a chart's data.
 *
 * Trend charts (line, sparkline) say, per series, the first and last values
 * with their periods and the direction, then the periods without data.
 * Category charts (columns, bars) list each value when there are few
 * categories and the highest and lowest when there are many. Numbers come
 * from chart_format_value, so the text never depends on the locale.
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
    g_string_append(out, se->values[last] > se->values[first] ? "rose from " : "fell from ");
    append_value_at(out, s, se, first);
    g_string_append(out, " to ");
    append_value_at(out, s, se, last);
  }
  g_free(a);
  g_free(b);
}

/* "no data for Jan-13 to Mar-13 and May-13" for the gaps inside [0, n). */
static void append_gaps(GString *out, const ChartSpec *s, const ChartSeries *se) {
  int n = s->n_categories;
  GPtrArray *runs = g_ptr_array_new_with_free_func(g_free);
  int missing = 0;
  for (int i = 0; i < n;) {
    if (isfinite(se->values[i])) {
      i++;
      continue;
    }
    int j = i;
    while (j + 1 < n && !isfinite(se->values[j + 1])) j++;
    char *a = period_name(s, i), *b = period_name(s, j);
    g_ptr_array_add(runs, i == j ? g_strdup(a) : g_strdup_printf("%s to %s", a, b));
    g_free(a);
    g_free(b);
    missing += j - i + 1;
    i = j + 1;
  }
  if (runs->len > 0 && runs->len <= 3) {
    g_string_append(out, "no data for ");
    append_list(out, runs);
  } else if (runs->len > 3) {
    g_string_append_printf(out, "no data for %d of the %d periods", missing, n);
  }
  g_ptr_array_free(runs, TRUE);
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
        g_ptr_array_add(parts, isfinite(se->values[i]) ? g_strdup_printf("%s %s", c, v) : g_strdup_printf("%s no data", c));
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
      g_free(vh);
      g_free(vl);
      g_free(ch);
      g_free(cl);
    }
    g_ptr_array_free(parts, TRUE);
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
  if (s->has_min_standard) {
    char *v = chart_format_value(s->min_standard, -1, s->unit);
    g_string_append_printf(out, ". %s: %s", s->min_standard_label ? s->min_standard_label : "Minimum standard", v);
    g_free(v);
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
  if (n > 0 && trend && cat(s, 0) && cat(s, n - 1)) {
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
