// Dropped folders as Chromium presents them: entries whose readers hand out children in batches of 100.
export interface FakeTree {
  [name: string]: string | FakeTree;
}

const BATCH = 100;

function entryFor(name: string, node: string | FakeTree, parentPath: string): FileSystemEntry {
  const fullPath = `${parentPath}/${name}`;
  if (typeof node === 'string') {
    return {
      isFile: true, isDirectory: false, name, fullPath,
      file: (resolve: (file: File) => void) => resolve(new File([node], name)),
    } as unknown as FileSystemEntry;
  }
  return {
    isFile: false, isDirectory: true, name, fullPath,
    createReader: () => {
      const children = Object.entries(node).map(([childName, child]) => entryFor(childName, child, fullPath));
      let offset = 0;
      return {
        readEntries: (resolve: (entries: FileSystemEntry[]) => void) => {
          const batch = children.slice(offset, offset + BATCH);
          offset += batch.length;
          setTimeout(() => resolve(batch), 0);
        },
      };
    },
  } as unknown as FileSystemEntry;
}

/** A DataTransfer holding the top-level items of `tree`; like a real one, it is emptied by `expire()`. */
export function fakeDrop(tree: FakeTree): DataTransfer & { expire(): void } {
  let items = Object.entries(tree).map(([name, node]) => ({
    kind: 'file',
    webkitGetAsEntry: () => entryFor(name, node, ''),
    getAsFile: () => (typeof node === 'string' ? new File([node], name) : new File([], name)),
  }));
  const files = Object.entries(tree).map(([name, node]) => new File([typeof node === 'string' ? node : ''], name));
  return {
    get items() { return items; },
    get files() { return files; },
    expire() { items = []; },
  } as unknown as DataTransfer & { expire(): void };
}
