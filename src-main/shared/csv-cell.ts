// One text cell of a CSV file (RFC 4180) that is safe to open in a spreadsheet. Its text is attacker-chosen
// (user names, passwords, file names from an archive), so text that a spreadsheet would run as a formula gets a
// leading apostrophe and is shown as text. The engine writes every CSV with this rule, and the viewer applies
// it again to the cells it rewrites (csv-without-upload-folders.ts).

/**
 * Text a spreadsheet would take as a formula: one that starts with = + - @, also after spaces (some importers
 * trim them), or with a tab or a line break.
 */
const FORMULA_START = /^[ \u00a0]*[=+\-@]|^[\t\r\n]/;
/**
 * Quoted as RFC 4180 asks for a quote, a comma or a line break; and for a semicolon or a tab too, the separators
 * a spreadsheet in many locales (German, French...) splits on instead of commas: unquoted, `admin;=1+1` would
 * become two cells there, the second a formula.
 */
const NEEDS_QUOTES = /[",;\t\r\n]/;

/** The text with a leading apostrophe when it would start a formula. */
export function neutralised(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A text cell: neutralised, then quoted when it must be. */
export function csvTextCell(text: string): string {
  const safe = neutralised(text);
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
