// Turns what the browser hands over (a drop, a file input) into files with the relative paths a folder
// gives them, walking dropped folders with the File and Directory Entries API (webkitGetAsEntry).
import { isDataTransfer, type IngestFilesInput } from './host-api';

export interface PickedFile {
  file: File;
  /** `mail.log`, or `logs/2024/mail.log.1.gz` for a file inside a dropped folder. */
  relativePath: string;
}

/** What a drop holds, taken synchronously: a DataTransfer is emptied as soon as the drop handler returns. */
interface DropSnapshot {
  entries: FileSystemEntry[];
  files: File[];
}

function snapshot(input: IngestFilesInput): DropSnapshot {
  if (!isDataTransfer(input)) return { entries: [], files: Array.from(input) };
  const entries: FileSystemEntry[] = [];
  const files: File[] = [];
  for (const item of Array.from(input.items)) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry?.();
    const file = entry ? null : item.getAsFile();
    if (entry) entries.push(entry);
    else if (file) files.push(file);
  }
  return { entries, files };
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** All children of a folder: readEntries hands them out in batches until it returns an empty one. */
async function childrenOf(directory: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = directory.createReader();
  const children: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return children;
    children.push(...batch);
  }
}

async function walk(entry: FileSystemEntry, into: PickedFile[]): Promise<void> {
  if (entry.isFile) {
    into.push({ file: await fileOf(entry as FileSystemFileEntry), relativePath: entry.fullPath.replace(/^\/+/, '') });
  } else if (entry.isDirectory) {
    for (const child of await childrenOf(entry as FileSystemDirectoryEntry)) await walk(child, into);
  }
}

/**
 * Loose files keep their folder path when the browser knows it (a folder input), else their name. Files
 * from different folders can share a name (two `mail.log`s, flattened by whoever walked the folders);
 * each later one goes into a numbered folder so that neither is lost.
 */
function looseFiles(files: readonly File[], taken: Set<string>): PickedFile[] {
  return files.map((file) => {
    const wanted = file.webkitRelativePath || file.name;
    let relativePath = wanted;
    for (let n = 2; taken.has(relativePath); n += 1) relativePath = `${n}/${wanted}`;
    taken.add(relativePath);
    return { file, relativePath };
  });
}

/** Every file in the input, folders walked. Starts synchronously, so it may be called from a drop handler. */
export function collectFiles(input: IngestFilesInput): Promise<PickedFile[]> {
  const { entries, files } = snapshot(input);
  return (async () => {
    const walked: PickedFile[] = [];
    for (const entry of entries) await walk(entry, walked);
    return [...walked, ...looseFiles(files, new Set(walked.map((picked) => picked.relativePath)))];
  })();
}
