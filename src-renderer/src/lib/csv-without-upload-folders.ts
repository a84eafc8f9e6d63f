// The web host keeps what a browser sends in folders of its own, and the engine's CSV names files by those paths;
// the viewer cuts the folders off (withoutUploadFolders) so that the CSV names them as the user dropped them.
// The engine neutralised every cell as it wrote it (engine/export/csv.ts), a path's start included: a path begins
// with a folder, so it never needed it. Cut, the cell begins with the dropped file's own name, which may well be
// `=HYPERLINK(…).log` (an archive's member names are whatever its packer chose). So the cut is made cell by cell,
// and a cell that then begins like a formula gets the engine's leading apostrophe.
import { csvTextCell } from '../../../src-main/shared/csv-cell';
import { withoutUploadFolders } from '../../../src-main/shared/upload-folders';

/** One field (quoted, with "" for a quote, or bare) and what ends it: a comma, a line end, or the end. */
const FIELD = /("(?:[^"]|"")*"|[^,\r\n]*)(,|\r\n|\n|\r|$)/y;

function cell(field: string): string {
  const quoted = field.startsWith('"');
  const value = quoted ? field.slice(1, -1).replace(/""/g, '"') : field;
  const cut = withoutUploadFolders(value);
  return cut === value ? field : csvTextCell(cut);
}

/** RFC 4180 `csv` with the upload folders cut out of each cell, and no cell left to run as a formula. */
export function csvWithoutUploadFolders(csv: string): string {
  let out = '';
  FIELD.lastIndex = 0;
  while (FIELD.lastIndex < csv.length) {
    const at = FIELD.lastIndex;
    const match = FIELD.exec(csv);
    if (!match) return out + withoutUploadFolders(csv.slice(at)); // not CSV after all: cut as text
    out += cell(match[1]) + match[2];
    if (match[2] === '') break;
  }
  return out;
}
