// What Copy puts on the clipboard: the table's CSV with tabs between its cells. A spreadsheet (Excel, LibreOffice,
// Google Sheets) splits pasted text on tabs, not commas: pasted as CSV, every row landed in one cell. The cells
// keep the engine's leading apostrophe on text that would start a formula (shared/csv-cell.ts).
import { rewriteCsv } from './csv-fields';

/** A value holding a tab, a quote or a line break is quoted, as spreadsheets read pasted text. */
const NEEDS_QUOTES = /["\t\r\n]/;

export function csvToTsv(csv: string): string {
  return rewriteCsv(
    csv,
    ({ value }) => (NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value),
    '\t',
    (rest) => rest,
  );
}
