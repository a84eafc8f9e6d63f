// The web host keeps what a browser sends in folders of its own, and the engine's CSV names files by those paths;
// the viewer cuts the folders off (withoutUploadFolders) so that the CSV names them as the user dropped them.
// The engine neutralised every cell as it wrote it (engine/export/csv.ts), a path's start included: a path begins
// with a folder, so it never needed it. Cut, the cell begins with the dropped file's own name, which may well be
// `=HYPERLINK(…).log` (an archive's member names are whatever its packer chose). So the cut is made cell by cell,
// and a cell that then begins like a formula gets the engine's leading apostrophe.
import { csvTextCell } from '../../../src-main/shared/csv-cell';
import { withoutUploadFolders } from '../../../src-main/shared/upload-folders';
import { rewriteCsv, type CsvField } from './csv-fields';

function cell({ written, value }: CsvField): string {
  const cut = withoutUploadFolders(value);
  return cut === value ? written : csvTextCell(cut);
}

/** RFC 4180 `csv` with the upload folders cut out of each cell, and no cell left to run as a formula. */
export function csvWithoutUploadFolders(csv: string): string {
  // Not CSV after all from some point: the rest is cut as text.
  return rewriteCsv(csv, cell, ',', withoutUploadFolders);
}
