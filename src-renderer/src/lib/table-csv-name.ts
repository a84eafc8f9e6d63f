// The file name a table's CSV is saved under. The CSV itself is the engine's (engine/export/csv.ts): a header
// row and the rows, nothing else, so that every spreadsheet and CSV reader takes it as it is; a comment line
// before the header is no CSV. What the rows are counted over is therefore in the name, as a blocklist's is
// (shared/selection-label.ts): the days, the countries, the search and the exact values, so that a file never
// passes for the whole case when it holds less.
import type { Selection, TableName } from '../../../src-main/shared/api';
import { selectionLabel } from '../../../src-main/shared/selection-label';

/** The selection in a file name, as the engine names a blocklist's. */
export const selectionFileLabel = selectionLabel;

/** Tables whose rows do not depend on the selection: the sources list every file read into the case. */
const WHOLE_CASE: ReadonlySet<TableName> = new Set(['sources']);

/** `swarmscope-countries-2023-11-10_2023-11-12-CN-RU.csv`, or `swarmscope-sources.csv`. */
export function tableCsvName(table: TableName, selection: Selection): string {
  return WHOLE_CASE.has(table) ? `swarmscope-${table}.csv` : `swarmscope-${table}-${selectionFileLabel(selection)}.csv`;
}
