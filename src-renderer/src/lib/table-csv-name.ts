// The file name a table's CSV is saved under. The CSV itself is the engine's (engine/export/csv.ts): a header
// row and the rows, nothing else, so that every spreadsheet and CSV reader takes it as it is; a comment line
// before the header is no CSV. What the rows are counted over is therefore in the name, as a blocklist's is
// (engine/export/blocklist.ts, selectionLabel): the days, the countries, the search and the exact values, so
// that a file never passes for the whole case when it holds less, and a table and a blocklist of one
// selection carry the same label.
import type { Selection, TableName } from '../../../src-main/shared/api';

/** Country codes named in a file name; more are counted ("CN-RU-US-and-4-more"). */
const NAMED_COUNTRIES = 3;
/** Characters of a search or a value kept in a file name. */
const NAMED_TEXT = 24;

/** Letters, digits and single `-` for whatever else, at most NAMED_TEXT characters: typed text is the attacker's. */
function fileNameText(text: string): string {
  return text.replace(/[^0-9A-Za-z]+/g, '-').replace(/^-+|-+$/g, '').slice(0, NAMED_TEXT).replace(/-+$/, '');
}

/** The selection in a file name, as the engine names a blocklist's. */
export function selectionFileLabel(s: Selection): string {
  const parts = [s.from || s.to ? `${s.from ?? 'start'}_${s.to ?? 'end'}` : 'all-days'];
  if (s.countries.length) {
    const named = s.countries.slice(0, NAMED_COUNTRIES).map((c) => fileNameText(c) || 'country');
    const more = s.countries.length - named.length;
    parts.push(named.join('-') + (more ? `-and-${more}-more` : ''));
  }
  if (s.search.trim()) parts.push(`search-${fileNameText(s.search) || 'text'}`);
  if (s.exact?.user !== undefined) parts.push(`user-${fileNameText(s.exact.user) || 'value'}`);
  if (s.exact?.password !== undefined) parts.push(`password-${fileNameText(s.exact.password) || 'value'}`);
  return parts.join('-').replace(/[^0-9A-Za-z_-]/g, '');
}

/** Tables whose rows do not depend on the selection: the sources list every file read into the case. */
const WHOLE_CASE: ReadonlySet<TableName> = new Set(['sources']);

/** `swarmscope-countries-2023-11-10_2023-11-12-CN-RU.csv`, or `swarmscope-sources.csv`. */
export function tableCsvName(table: TableName, selection: Selection): string {
  return WHOLE_CASE.has(table) ? `swarmscope-${table}.csv` : `swarmscope-${table}-${selectionFileLabel(selection)}.csv`;
}
