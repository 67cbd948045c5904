/* csv — an RFC 4180 reader that keeps positions for messages.
 *
 * Owns: CsvTable, its records and their fields (all text copied out); a
 * CsvReader owns the one record it is reading.
 * Accepts what Excel and hand editors write: an optional UTF-8 BOM, CRLF,
 * LF or lone CR line ends, quoted fields with "" for a quote and with
 * embedded line breaks (kept as "\n"), empty trailing fields, and a last
 * line with or without a line end. Blank lines are skipped.
 * Refuses, naming line and column: bytes that are not UTF-8 (with a hint to
 * save as UTF-8), NUL bytes, an unterminated quoted field (at the line where
 * it opened), text after a closing quote, and a quote inside an unquoted
 * field. Positions: `line` is the physical line (1-based) where a record or
 * field starts; `col` is the character (not byte) column of a field's first
 * character, the BOM not counted.
 */
#ifndef BOARDPACK_CSV_H
#define BOARDPACK_CSV_H

#include "base/diag.h"
#include "base/infile.h"

typedef struct {
  char *text; /* unquoted, UTF-8 */
  int line;
  int col;
  gboolean quoted;
} CsvField;

typedef struct {
  int line;          /* where the record starts */
  GPtrArray *fields; /* of CsvField*, owned; at least one */
} CsvRecord;

typedef struct {
  char *name;         /* file name for messages */
  GPtrArray *records; /* of CsvRecord*, owned; the header, if any, is records[0] */
} CsvTable;

/* Records one at a time, for a large file: only the record being read is
 * in memory beside the bytes. NULL (an error in `diags`) if the buffer is
 * not UTF-8. */
typedef struct CsvReader CsvReader;
CsvReader *csv_reader_new(const char *name, const char *buf, gsize len, DiagList *diags);
/* The next record that is not blank, valid until the next call (its
 * storage is reused), or NULL at the end or at an error (in `diags`;
 * csv_reader_failed then says so). */
const CsvRecord *csv_reader_next(CsvReader *reader);
gboolean csv_reader_failed(const CsvReader *reader);
void csv_reader_free(CsvReader *reader);

/* Parse a buffer; NULL with an error in `diags` if it is not valid CSV. */
CsvTable *csv_parse(const char *name, const char *buf, gsize len, DiagList *diags);
/* The largest file csv_load reads (a regular file only, through
 * infile_read). */
#define CSV_MAX_BYTES INFILE_DATA_MAX
CsvTable *csv_load(const char *path, DiagList *diags);
void csv_free(CsvTable *table);

guint csv_count(const CsvTable *table);
const CsvRecord *csv_record(const CsvTable *table, guint i);
guint csv_field_count(const CsvRecord *rec);
/* Field i, or NULL past the end of a short record. */
const CsvField *csv_field(const CsvRecord *rec, guint i);

#endif
