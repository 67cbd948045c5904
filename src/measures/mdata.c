/* mdata — see mdata.h.
 *
 * Reading is forgiving per row and strict per file: a bad header stops
 * everything (no column can be trusted), a bad cell only excludes its row,
 * so one run lists every bad cell of a spreadsheet export. */
#include "mdata.h"

#include <string.h>

enum { COL_REF, COL_PERIOD, COL_SERIES, COL_NUM, COL_DEN, COL_VALUE, COL_TEXT, COL_BAND, COL_NOTE, COL_FLAG, COL_UNIT, COL_GROUP,
       COL_TARGET, NCOLS };
static const char *const column_names[NCOLS] = {"ref",  "period", "series", "numerator", "denominator", "value", "text",
                                                "band", "note",   "flag",   "unit",      "group",       "target"};

static const char *const flag_marks[MEASURE_FLAG_COUNT] = {"[p]", "[r]", "[e]", "[x]", "[b]", "[c]"};
static const char *const flag_words[MEASURE_FLAG_COUNT] = {"provisional",       "revised",
                                                           "estimated",         "not yet available",
                                                           "definition changed", "suppressed"};
static const char *const flag_meanings[MEASURE_FLAG_COUNT] = {
    "Provisional: may change when final figures are published",
    "Revised since it was last published",
    "Estimated",
    "Not yet available",
    "The definition changed: not comparable with earlier periods",
    "A small number, not shown to protect confidentiality (nor the figures it could be worked out from)"};

const char *measure_flag_mark(guint i) { return i < MEASURE_FLAG_COUNT ? flag_marks[i] : ""; }
const char *measure_flag_word(guint i) { return i < MEASURE_FLAG_COUNT ? flag_words[i] : ""; }
const char *measure_flag_meaning(guint i) { return i < MEASURE_FLAG_COUNT ? flag_meanings[i] : ""; }

char *measure_flags_marks(guint flags) {
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < MEASURE_FLAG_COUNT; i++)
    if (flags & (1u << i)) g_string_append_printf(s, " %s", flag_marks[i]);
  return g_string_free(s, FALSE);
}

char *measure_with_marks(const char *text, guint flags) {
  char *marks = measure_flags_marks(flags);
  char *t = !*marks ? g_strdup(text) : *text ? g_strconcat(text, marks, NULL) : g_strdup(marks + 1);
  g_free(marks);
  return t;
}

/* Rows are allocated this many at a time: a million-row file would
 * otherwise spend a sixth of its memory on malloc's headers. */
#define ROW_BLOCK 4096

struct MeasureData {
  char *file;
  GPtrArray *rows;     /* of DataRow*, file order (in `blocks`) */
  GPtrArray *blocks;   /* of DataRow[ROW_BLOCK], owned */
  guint block_used;    /* rows taken from the last block */
  GStringChunk *strings; /* every row's ref, series, text and note, each distinct string once */
  GHashTable *by_key;  /* "index\x1fseries" -> GPtrArray of usable DataRow* */
  GHashTable *series;  /* measure index (as pointer) -> GPtrArray of series names (borrowed) */
  GHashTable *targets; /* measure index + 1 (as pointer) -> GArray of RatingTarget: the target column's */
  DiagList *problems;
  GPtrArray *empty;
  /* Lookup caches, filled on first use for each measure and series: the
   * row for a window, raw or published. Without them a chart over many
   * periods scanned every row for every point. Only caches: the data
   * itself never changes once loaded. */
  GHashTable *windows;  /* window key -> DataRow* */
  GHashTable *indexed;  /* "index\x1fseries\x1fkind" already in `windows` */
  guint unit_rows;      /* rows naming a unit (not indexed here: see mdata_view_new) */
  int first_unit_line;
};

/* Rows that need a column the header lacks: one message at the header,
 * not one a row (a file without "denominator" has hundreds of rows). */
typedef struct {
  guint rows;
  int first_line;
  const char *first_ref;
} MissingColumn;

typedef struct {
  int col[NCOLS]; /* field index of each column, or -1 */
  const CsvRecord *rec;
  const char *file;
  DiagList *problems;
  const Catalogue *cat;
  GStringChunk *strings; /* the MeasureData's */
  MissingColumn *no_den; /* rows needing the absent denominator column */
  GString *trimmed;      /* scratch for one cell's trimmed text */
  GHashTable *unknown;   /* unknown ref -> what its message says after the ref */
} RowReader;

/* Distinct unknown refs that get a spelling hint: each hint searches the
 * whole catalogue, so a file of 10,000 unknown refs against a catalogue
 * of 10,000 took 14 s; past this many, the rows are still all errors,
 * without the hint (the data and the catalogue do not match anyway). */
#define UNKNOWN_REF_HINTS 50

void mdata_free(MeasureData *md) {
  if (!md) return;
  g_hash_table_destroy(md->by_key);
  g_hash_table_destroy(md->windows);
  g_hash_table_destroy(md->indexed);
  g_hash_table_destroy(md->series);
  g_hash_table_destroy(md->targets);
  g_ptr_array_free(md->rows, TRUE);
  g_ptr_array_free(md->blocks, TRUE);
  g_string_chunk_free(md->strings);
  g_ptr_array_free(md->empty, TRUE);
  diag_list_free(md->problems);
  g_free(md->file);
  g_free(md);
}

/* ---- header ----------------------------------------------------------- */

static gboolean read_header(const CsvRecord *h, const char *file, int col[NCOLS], DiagList *diags) {
  for (int c = 0; c < NCOLS; c++) col[c] = -1;
  if (!h) {
    diag_error(diags, file, 1, 1, "the data file is empty: it needs a header row (ref,period,...)");
    return FALSE;
  }
  gboolean ok = TRUE;
  for (guint i = 0; i < csv_field_count(h); i++) {
    const CsvField *f = csv_field(h, i);
    char *trimmed = g_strstrip(g_strdup(f->text)), *name = g_ascii_strdown(trimmed, -1);
    g_free(trimmed);
    int found = -1;
    for (int c = 0; c < NCOLS; c++)
      if (strcmp(name, column_names[c]) == 0) found = c;
    if (found < 0) {
      diag_error(diags, file, f->line, f->col,
                 "unknown column \"%s\" (columns are ref, period, series, numerator, denominator, value, text, band, "
                 "note, flag, unit, group, target)",
                 f->text);
      ok = FALSE;
    } else if (col[found] >= 0) {
      diag_error(diags, file, f->line, f->col, "column \"%s\" appears twice", name);
      ok = FALSE;
    } else {
      col[found] = (int)i;
    }
    g_free(name);
  }
  for (int c = COL_REF; c <= COL_PERIOD; c++)
    if (ok && col[c] < 0) {
      diag_error(diags, file, h->line, 0, "the header has no \"%s\" column", column_names[c]);
      ok = FALSE;
    }
  return ok;
}

/* ---- cells -------------------------------------------------------------- */

static const CsvField *cell(const RowReader *rr, int c) {
  return rr->col[c] < 0 ? NULL : csv_field(rr->rec, (guint)rr->col[c]);
}

/* Trimmed cell text, "" when the column or the cell is missing. */
static char *cell_text(const RowReader *rr, int c) {
  const CsvField *f = cell(rr, c);
  return g_strstrip(g_strdup(f ? f->text : ""));
}

/* Trimmed cell text kept in the data's string chunk, once per distinct
 * value: a million rows name a few hundred refs and series. */
static const char *cell_interned(const RowReader *rr, int c) {
  const CsvField *f = cell(rr, c);
  const char *t = f ? f->text : "";
  while (g_ascii_isspace(*t)) t++;
  gsize len = strlen(t);
  while (len > 0 && g_ascii_isspace(t[len - 1])) len--;
  g_string_assign(rr->trimmed, "");
  g_string_append_len(rr->trimmed, t, (gssize)len);
  return g_string_chunk_insert_const(rr->strings, rr->trimmed->str);
}

static int cell_col(const RowReader *rr, int c) {
  const CsvField *f = cell(rr, c);
  return f ? f->col : 0;
}

static void problem(const RowReader *rr, int c, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
static void problem(const RowReader *rr, int c, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  const CsvField *f = c >= 0 ? cell(rr, c) : NULL;
  diag_addv(rr->problems, DIAG_ERROR, rr->file, f ? f->line : rr->rec->line, f ? f->col : 0, fmt, ap);
  va_end(ap);
}

/* A whole number, thousands separators allowed ("1,234"). */
static gboolean read_count(const RowReader *rr, int c, gint64 *out) {
  char *t = cell_text(rr, c);
  Ratio v;
  int dp = 0;
  gboolean ok = ratio_parse(t, &v, &dp) && v.den == 1 && dp == 0;
  if (ok && v.num < 0) {
    problem(rr, c, "%s %s is negative: counts cannot be below 0", column_names[c], t);
    ok = FALSE;
  } else if (!ok) {
    problem(rr, c, "%s \"%s\" is not a whole number", column_names[c], t);
  }
  if (ok) *out = v.num;
  g_free(t);
  return ok;
}

/* "provisional; revised", or the marks ("[p]", "p"); the last flag (suppressed) is the engine's. */
static gboolean read_flags(const RowReader *rr, DataRow *row) {
  char *t = cell_text(rr, COL_FLAG);
  char **parts = g_strsplit(t, ";", -1);
  gboolean ok = TRUE;
  for (char **p = parts; *p && ok; p++) {
    char *w = g_strstrip(*p);
    if (!*w) continue;
    int found = -1;
    for (int i = 0; i < MEASURE_FLAG_COUNT - 1; i++) {
      char bare[2] = {flag_marks[i][1], 0};
      if (g_ascii_strcasecmp(w, flag_words[i]) == 0 || strcmp(w, flag_marks[i]) == 0 || g_ascii_strcasecmp(w, bare) == 0)
        found = i;
    }
    if (found >= 0) row->flags |= 1u << found;
    else {
      problem(rr, COL_FLAG,
              "flag \"%s\" is not one of \"provisional\", \"revised\", \"estimated\", \"not yet available\" or "
              "\"definition changed\" (several are separated by \";\")",
              w);
      ok = FALSE;
    }
  }
  g_strfreev(parts);
  g_free(t);
  return ok;
}

static gboolean read_band(const RowReader *rr, DataRow *row) {
  char *t = cell_text(rr, COL_BAND);
  gboolean ok = TRUE;
  if (!*t) row->band = BAND_NONE;
  else if (g_ascii_strcasecmp(t, "achieved") == 0 || strcmp(t, "\xe2\x98\x85") == 0) row->band = BAND_ACHIEVED;
  else if (g_ascii_strcasecmp(t, "not met") == 0 || strcmp(t, "\xe2\x96\xb2") == 0) row->band = BAND_NOT_MET;
  else {
    problem(rr, COL_BAND, "band \"%s\" is not \"achieved\" (\xe2\x98\x85) or \"not met\" (\xe2\x96\xb2)", t);
    ok = FALSE;
  }
  g_free(t);
  return ok;
}

/* " (did you mean \"P1\"?)", ": it is not in the catalogue (its nearest
 * refs are …)", or, past UNKNOWN_REF_HINTS distinct refs, no search. */
static const char *unknown_ref_hint(const RowReader *rr, const char *ref) {
  const char *known = g_hash_table_lookup(rr->unknown, ref);
  if (known) return known;
  char *hint;
  const char *near = NULL;
  if (g_hash_table_size(rr->unknown) >= UNKNOWN_REF_HINTS) {
    hint = g_strdup_printf(": it is not in the catalogue (no more suggestions after %d unknown refs)", UNKNOWN_REF_HINTS);
  } else if ((near = catalogue_suggest(rr->cat, ref))) {
    hint = g_strdup_printf(" (did you mean \"%s\"?)", near);
  } else {
    char *nearest = catalogue_nearest(rr->cat, ref, 3);
    hint = g_strdup_printf(": it is not in the catalogue (its nearest refs are %s)", nearest);
    g_free(nearest);
  }
  g_hash_table_insert(rr->unknown, g_strdup(ref), hint);
  return hint;
}

static gboolean read_identity(const RowReader *rr, DataRow *row) {
  gboolean ok = TRUE;
  if (!*row->ref) {
    problem(rr, COL_REF, "the ref is empty");
    ok = FALSE;
  } else if (!(row->measure = catalogue_lookup(rr->cat, row->ref))) {
    problem(rr, COL_REF, "unknown measure ref \"%s\"%s", row->ref, unknown_ref_hint(rr, row->ref));
    ok = FALSE;
  }
  char *p = cell_text(rr, COL_PERIOD), *why = NULL;
  if (!period_parse(p, &row->period, &why)) {
    problem(rr, COL_PERIOD, "%s", why);
    ok = FALSE;
  }
  g_free(why);
  g_free(p);
  return ok;
}

static gboolean read_figures(const RowReader *rr, DataRow *row) {
  char *num = cell_text(rr, COL_NUM), *den = cell_text(rr, COL_DEN), *val = cell_text(rr, COL_VALUE);
  gboolean ok = TRUE;
  row->raw = *num || *den;
  row->has_den = *den != '\0';
  if (*num) ok &= read_count(rr, COL_NUM, &row->num);
  if (*den) ok &= read_count(rr, COL_DEN, &row->den);
  if (*val) {
    row->has_value = ratio_parse(val, &row->value, &row->value_decimals);
    if (!row->has_value) {
      problem(rr, COL_VALUE, "value \"%s\" is not a number (published wording such as \"n/a\" goes in the text column)", val);
      ok = FALSE;
    }
  }
  if (*den && !*num) {
    problem(rr, COL_NUM, "the row has a denominator but no numerator");
    ok = FALSE;
  }
  g_free(num), g_free(den), g_free(val);
  return ok;
}

/* Rules between cells, given the measure's kind. */
static gboolean check_combination(const RowReader *rr, DataRow *row) {
  gboolean published = row->has_value || row->text;
  if (row->raw && published) {
    problem(rr, COL_VALUE, "give either raw counts (numerator/denominator) or a published figure (value/text), not both");
    return FALSE;
  }
  if (!row->raw && !published && (row->flags & FLAG_NOT_AVAILABLE)) {
    row->text = g_string_chunk_insert_const(rr->strings, ""); /* shown as its mark alone */
    return TRUE;
  }
  if (!row->raw && !published) {
    problem(rr, -1, "the row gives no figure: fill numerator (and denominator), value or text, or flag it \"not yet "
                    "available\"");
    return FALSE;
  }
  if (row->has_value && row->text) {
    problem(rr, COL_TEXT, "give either a numeric value or published text, not both");
    return FALSE;
  }
  if (row->raw && row->band != BAND_NONE) {
    problem(rr, COL_BAND, "a published band goes with a published value, not with raw counts");
    return FALSE;
  }
  if (!row->measure || !row->raw) return TRUE;
  MeasureKind k = row->measure->kind;
  if (k == MEASURE_COUNT && row->has_den) {
    problem(rr, COL_DEN, "%s is a count: it takes a numerator only, not a denominator", row->measure->ref);
    return FALSE;
  }
  if ((k == MEASURE_PERCENTAGE || k == MEASURE_AVERAGE) && !row->has_den && rr->col[COL_DEN] < 0) {
    if (!rr->no_den->rows++) rr->no_den->first_line = rr->rec->line, rr->no_den->first_ref = row->measure->ref;
    return FALSE;
  }
  if ((k == MEASURE_PERCENTAGE || k == MEASURE_AVERAGE) && !row->has_den) {
    problem(rr, COL_DEN, "%s is %s %s: the row needs a denominator", row->measure->ref,
            k == MEASURE_AVERAGE ? "an" : "a", measure_kind_name(k));
    return FALSE;
  }
  return TRUE;
}

/* The target column: a rag measure's target for the row's own figures in
 * its period, with the tolerance of the catalogue's target for that period.
 * *given says the cell was filled. */
static gboolean read_target(const RowReader *rr, MeasureData *md, const DataRow *row, gboolean identity, gboolean *given) {
  char *t = cell_text(rr, COL_TARGET);
  RatingTarget target = {.has_period = TRUE, .period = row->period, .line = rr->rec->line};
  gboolean ok = TRUE;
  *given = *t != '\0';
  if (*given && !ratio_parse(t, &target.value, NULL)) {
    problem(rr, COL_TARGET, "target \"%s\" is not a number", t);
    ok = FALSE;
  } else if (*given && identity && row->measure->rating != RATING_SCHEME_RAG) {
    problem(rr, COL_TARGET, "%s is rated on its minimum standard, not against a target: give it rating=\"rag\" in the "
            "catalogue, or leave the target out", row->measure->ref);
    ok = FALSE;
  } else if (*given && identity && *row->series) {
    problem(rr, COL_TARGET, "a target is for the authority's own figures, not for the series \"%s\"", row->series);
    ok = FALSE;
  } else if (*given && identity && row->measure->polarity == POLARITY_NONE) {
    problem(rr, COL_TARGET, "%s has a target, so it needs polarity=\"BB\" or \"SB\" in the catalogue", row->measure->ref);
    ok = FALSE;
  }
  g_free(t);
  if (!*given || !ok || !identity) return ok;
  gpointer key = GUINT_TO_POINTER(row->measure->index + 1);
  GArray *list = g_hash_table_lookup(md->targets, key);
  if (!list) g_hash_table_insert(md->targets, key, list = g_array_new(FALSE, TRUE, sizeof(RatingTarget)));
  for (guint i = 0; i < list->len; i++)
    if (period_equal(g_array_index(list, RatingTarget, i).period, row->period)) {
      problem(rr, COL_TARGET, "a target for %s in this period was already given on line %d", row->measure->ref,
              g_array_index(list, RatingTarget, i).line);
      return FALSE;
    }
  RatingRule rule = measure_rating_rule(row->measure);
  Ratio unused_target, unused_annual;
  gboolean profiled;
  if (!rating_target_for(&rule, period_end(row->period), &unused_target, &target.tolerance, &profiled, &unused_annual))
    target.tolerance = ratio_int(0);
  g_array_append_val(list, target);
  return TRUE;
}

static gboolean no_figure(const DataRow *row) {
  return !row->raw && !row->has_value && !row->text && !(row->flags & FLAG_NOT_AVAILABLE);
}

static DataRow *row_alloc(MeasureData *md) {
  if (md->blocks->len == 0 || md->block_used == ROW_BLOCK) {
    g_ptr_array_add(md->blocks, g_new0(DataRow, ROW_BLOCK));
    md->block_used = 0;
  }
  DataRow *block = g_ptr_array_index(md->blocks, md->blocks->len - 1);
  return &block[md->block_used++];
}

static DataRow *read_row(const RowReader *rr, MeasureData *md) {
  DataRow *row = row_alloc(md);
  row->line = rr->rec->line;
  row->ref = cell_interned(rr, COL_REF);
  row->series = cell_interned(rr, COL_SERIES);
  row->unit = cell_interned(rr, COL_UNIT);
  row->group = cell_interned(rr, COL_GROUP);
  row->col_unit = cell_col(rr, COL_UNIT);
  row->note = cell_interned(rr, COL_NOTE);
  const char *text = cell_interned(rr, COL_TEXT);
  row->text = *text ? text : NULL;
  row->col_ref = cell_col(rr, COL_REF), row->col_period = cell_col(rr, COL_PERIOD);
  row->col_num = cell_col(rr, COL_NUM), row->col_den = cell_col(rr, COL_DEN);
  row->col_value = cell_col(rr, COL_VALUE);
  gboolean identity = read_identity(rr, row), target;
  gboolean ok = identity;
  ok &= read_figures(rr, row);
  ok &= read_band(rr, row);
  ok &= read_flags(rr, row);
  ok &= read_target(rr, md, row, identity, &target);
  /* a row giving a target alone is no figure for its period */
  row->usable = ok && !(target && no_figure(row)) && check_combination(rr, row);
  return row;
}

/* ---- index -------------------------------------------------------------- */

static char *index_key(const Measure *m, const char *series) { return g_strdup_printf("%u\x1f%s", m->index, series); }

static void index_row(MeasureData *md, const DataRow *row) {
  char *key = index_key(row->measure, row->series);
  GPtrArray *list = g_hash_table_lookup(md->by_key, key);
  if (!list) {
    list = g_ptr_array_new();
    g_hash_table_insert(md->by_key, key, list);
    GPtrArray *names = g_hash_table_lookup(md->series, GUINT_TO_POINTER(row->measure->index + 1));
    if (!names) {
      names = g_ptr_array_new();
      g_hash_table_insert(md->series, GUINT_TO_POINTER(row->measure->index + 1), names);
    }
    if (*row->series)
      g_ptr_array_add(names, (gpointer)row->series);
    else
      g_ptr_array_insert(names, 0, (gpointer)row->series); /* own figures first */
  } else {
    g_free(key);
  }
  g_ptr_array_add(list, (gpointer)row);
}

static MeasureData *mdata_new(const char *name) {
  MeasureData *md = g_new0(MeasureData, 1);
  md->file = g_strdup(name);
  md->rows = g_ptr_array_new();
  md->blocks = g_ptr_array_new_with_free_func(g_free);
  md->strings = g_string_chunk_new(64 * 1024);
  md->by_key = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
  md->series = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)g_ptr_array_unref);
  md->targets = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)g_array_unref);
  md->problems = diag_list_new();
  md->empty = g_ptr_array_new();
  md->windows = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  md->indexed = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  return md;
}

/* One record at a time: only the bytes, the current record and the rows
 * read so far are in memory, never the whole file as text fields. */
MeasureData *mdata_parse(const char *name, const char *buf, gsize len, const Catalogue *cat, DiagList *diags) {
  CsvReader *reader = csv_reader_new(name, buf, len, diags);
  if (!reader) return NULL;
  const CsvRecord *header = csv_reader_next(reader);
  MissingColumn no_den = {0};
  RowReader rr = {.file = name, .cat = cat, .no_den = &no_den};
  if (csv_reader_failed(reader) || !read_header(header, name, rr.col, diags)) {
    csv_reader_free(reader);
    return NULL;
  }
  MeasureData *md = mdata_new(name);
  rr.problems = md->problems;
  rr.strings = md->strings;
  rr.trimmed = g_string_new(NULL);
  rr.unknown = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  guint header_fields = csv_field_count(header);
  int header_line = header->line;
  for (const CsvRecord *rec; (rec = csv_reader_next(reader));) {
    rr.rec = rec;
    if (csv_field_count(rec) > header_fields) {
      const CsvField *extra = csv_field(rec, header_fields);
      diag_error(md->problems, name, extra->line, extra->col, "the row has %u fields but the header has %u",
                 csv_field_count(rec), header_fields);
      continue;
    }
    DataRow *row = read_row(&rr, md);
    g_ptr_array_add(md->rows, row);
    if (row->usable && !*row->unit) index_row(md, row); /* a unit's rows are read through a view */
    if (!*row->unit) continue;
    md->unit_rows++;
    if (!md->first_unit_line) md->first_unit_line = row->line;
  }
  g_string_free(rr.trimmed, TRUE);
  g_hash_table_destroy(rr.unknown);
  gboolean failed = csv_reader_failed(reader);
  csv_reader_free(reader);
  if (failed) {
    mdata_free(md);
    return NULL;
  }
  if (no_den.rows)
    diag_error(md->problems, name, header_line, 0,
               "the header has no \"denominator\" column, but %u row%s of percentages or averages need%s one (the "
               "first is %s at line %d): add the column",
               no_den.rows, no_den.rows == 1 ? "" : "s", no_den.rows == 1 ? "s" : "", no_den.first_ref,
               no_den.first_line);
  return md;
}

guint mdata_unit_rows(const MeasureData *md, int *first_line) {
  if (first_line) *first_line = md->first_unit_line;
  return md->unit_rows;
}

MeasureData *mdata_view_new(const MeasureData *base) { return mdata_new(base->file); }

void mdata_view_add(MeasureData *view, const DataRow *row, const char *series) {
  DataRow *copy = row_alloc(view);
  *copy = *row;
  copy->unit = "";
  copy->series = g_string_chunk_insert_const(view->strings, series ? series : row->series);
  g_ptr_array_add(view->rows, copy);
  index_row(view, copy);
}

MeasureData *mdata_load(const char *path, const Catalogue *cat, DiagList *diags) {
  GBytes *bytes = infile_read_reported(path, INFILE_DATA, diags);
  if (!bytes) return NULL;
  gsize len = 0;
  const char *buf = g_bytes_get_data(bytes, &len);
  MeasureData *md = mdata_parse(path, buf ? buf : "", len, cat, diags);
  g_bytes_unref(bytes);
  return md;
}

/* ---- queries ------------------------------------------------------------ */

const char *mdata_file(const MeasureData *md) { return md->file; }

const RatingTarget *mdata_targets_for(const MeasureData *md, const Measure *m, guint *n) {
  const GArray *list = g_hash_table_lookup(md->targets, GUINT_TO_POINTER(m->index + 1));
  *n = list ? list->len : 0;
  return list ? (const RatingTarget *)(const void *)list->data : NULL;
}
guint mdata_count(const MeasureData *md) { return md->rows->len; }
const DataRow *mdata_row(const MeasureData *md, guint i) { return g_ptr_array_index(md->rows, i); }
const DiagList *mdata_problems(const MeasureData *md) { return md->problems; }

const GPtrArray *mdata_rows_for(const MeasureData *md, const Measure *m, const char *series) {
  char *key = index_key(m, series ? series : "");
  const GPtrArray *list = g_hash_table_lookup(md->by_key, key);
  g_free(key);
  return list ? list : md->empty;
}

guint mdata_series_count(const MeasureData *md, const Measure *m) {
  const GPtrArray *names = g_hash_table_lookup(md->series, GUINT_TO_POINTER(m->index + 1));
  return names ? names->len : 0;
}

const char *mdata_series_name(const MeasureData *md, const Measure *m, guint i) {
  const GPtrArray *names = g_hash_table_lookup(md->series, GUINT_TO_POINTER(m->index + 1));
  return names && i < names->len ? g_ptr_array_index(names, i) : NULL;
}

/* Decimal digits of `v` at `o`; returns past them. */
static char *key_int(char *o, long v) {
  char digits[24];
  int n = 0;
  unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
  do digits[n++] = (char)('0' + u % 10), u /= 10;
  while (u);
  if (v < 0) *o++ = '-';
  while (n) *o++ = digits[--n];
  return o;
}

/* The keys of md->indexed ("index\x1fseries\x1fkind") and, given a
 * window, of md->windows (then "\x1fstart:months" after), as printf's
 * "%u\x1f%s\x1f%c\x1f%d:%d" wrote them, by hand: a report's figures look
 * up thousands of windows, and printf cost more than the lookups. Written
 * into `buf` (KEY_BUF bytes) when they fit, else newly allocated: free
 * with key_free. */
#define KEY_BUF 128
static char *key_make(char *buf, const Measure *m, const char *series, gboolean raw, const Period *w) {
  gsize len = series ? strlen(series) : 0, need = len + 64;
  char *key = need <= KEY_BUF ? buf : g_malloc(need), *o = key;
  o = key_int(o, (long)m->index);
  *o++ = '\x1f';
  memcpy(o, series ? series : "", len);
  o += len;
  *o++ = '\x1f';
  *o++ = raw ? 'r' : 'p';
  if (w) {
    *o++ = '\x1f';
    o = key_int(o, w->start);
    *o++ = ':';
    o = key_int(o, w->months);
  }
  *o = '\0';
  return key;
}

static void key_free(char *key, char *buf) {
  if (key != buf) g_free(key);
}

/* `key` (key_make's) as a string the table owns. */
static char *key_keep(char *key, char *buf) { return key == buf ? g_strdup(key) : key; }

/* Index the rows of (measure, series) of one kind by their window, first
 * row winning, as the scans this replaces did. */
static void windows_index(const MeasureData *md, const Measure *m, const char *series, gboolean raw,
                          MdataWindowFn window_of) {
  char buf[KEY_BUF];
  char *done = key_make(buf, m, series, raw, NULL);
  if (g_hash_table_contains(md->indexed, done)) {
    key_free(done, buf);
    return;
  }
  g_hash_table_add(md->indexed, key_keep(done, buf));
  const GPtrArray *rows = mdata_rows_for(md, m, series);
  for (guint i = 0; i < rows->len; i++) {
    DataRow *r = g_ptr_array_index(rows, i);
    if (r->raw != raw) continue;
    Period w = raw ? r->period : window_of(m, r->period);
    /* a stock counted for a quarter or year is its count at the period's
     * end, the one month a snapshot's window is */
    if (raw && m->basis == BASIS_SNAPSHOT) w = (Period){.kind = PERIOD_MONTH, .start = w.start + w.months - 1, .months = 1};
    char *key = key_make(buf, m, series, raw, &w);
    if (g_hash_table_contains(md->windows, key)) key_free(key, buf);
    else g_hash_table_insert(md->windows, key_keep(key, buf), r);
  }
}

static const DataRow *window_lookup(const MeasureData *md, const Measure *m, const char *series, gboolean raw,
                                    Period window) {
  char buf[KEY_BUF];
  char *key = key_make(buf, m, series, raw, &window);
  const DataRow *r = g_hash_table_lookup(md->windows, key);
  key_free(key, buf);
  return r;
}

const DataRow *mdata_find_published(const MeasureData *md, const Measure *m, const char *series, Period window,
                                    MdataWindowFn window_of) {
  windows_index(md, m, series, FALSE, window_of);
  return window_lookup(md, m, series, FALSE, window);
}

const DataRow *mdata_find_raw(const MeasureData *md, const Measure *m, const char *series, Period window) {
  windows_index(md, m, series, TRUE, NULL);
  return window_lookup(md, m, series, TRUE, window);
}
