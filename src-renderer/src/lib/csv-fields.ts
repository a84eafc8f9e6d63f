// The engine's CSV (RFC 4180), read field by field for the viewer's rewrites of it: the sources' upload folders
// cut out (csv-without-upload-folders.ts), or tabs for the clipboard (csv-to-tsv.ts).

/** One field (quoted, with "" for a quote, or bare) and what ends it: a comma, a line end, or the end. */
const FIELD = /(?:"((?:[^"]|"")*)"|([^,\r\n]*))(,|\r\n|\n|\r|$)/y;

/** A field as written, and its value (unquoted). */
export interface CsvField {
  written: string;
  value: string;
}

/**
 * `csv` with each field replaced by `rewrite(field)` and each comma by `comma`; line ends stay. From where the
 * text stops being CSV (a quote left open), the rest is given to `rest`.
 */
export function rewriteCsv(csv: string, rewrite: (field: CsvField) => string, comma: string, rest: (text: string) => string): string {
  let out = '';
  FIELD.lastIndex = 0;
  while (FIELD.lastIndex < csv.length) {
    const at = FIELD.lastIndex;
    const match = FIELD.exec(csv);
    if (!match) return out + rest(csv.slice(at));
    const [whole, quoted, bare, end] = match;
    const written = whole.slice(0, whole.length - end.length);
    // A bare field may begin with a quote that never closes (text that is no CSV): it is its own value.
    const value = quoted === undefined ? bare : quoted.replace(/""/g, '"');
    out += rewrite({ written, value }) + (end === ',' ? comma : end);
    if (end === '') break;
  }
  return out;
}
