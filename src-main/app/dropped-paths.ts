// Paths the renderer says were dropped on the window. The renderer could be lying, so each must be an
// absolute path to something that exists and is a file or a folder (not a socket, device or FIFO).
import { stat } from 'node:fs/promises';
import { absolutePaths } from '../shared/engine-args';

export async function checkDroppedPaths(value: unknown): Promise<string[]> {
  const paths = absolutePaths(value, 'paths');
  if (paths.length === 0) throw new Error('Nothing was dropped that has a place on disk.');
  for (const path of paths) {
    let kind;
    try {
      kind = await stat(path);
    } catch {
      throw new Error(`Cannot read ${path}: it does not exist or is not accessible.`);
    }
    if (!kind.isFile() && !kind.isDirectory()) throw new Error(`${path} is neither a file nor a folder.`);
  }
  return paths;
}
