// Names for listed files that tell same-named files apart, the way editors name tabs: the base name alone,
// unless another listed file has the same one; then the base name and the shortest part of its folder path,
// counted from the file upwards, that no other file of that name shares ("mail.log — serverA"). Paths can
// hold attacker-chosen names (entries of an archive): these are plain text, for text nodes only.
import { withoutUploadFolders } from '../../../src-main/shared/upload-folders';

/** Between the base name and the folder part that tells it apart. */
export const NAME_FOLDER_SEPARATOR = ' — ';

function segmentsOf(path: string): string[] {
  return path.split(/[\\/]/).filter((segment) => segment !== '');
}

/**
 * A name for each of `paths` (same order): its base name, with as many of its nearest folders as tell it
 * from the other paths of the same base name. The host's upload folders are not part of what the user sees.
 */
export function distinctNames(paths: readonly string[]): string[] {
  const shown = paths.map((path) => withoutUploadFolders(path));
  const parsed = shown.map((path) => {
    const segments = segmentsOf(path);
    return { path, base: segments[segments.length - 1] ?? path, folders: segments.slice(0, -1) };
  });
  const byBase = new Map<string, number[]>();
  parsed.forEach((p, i) => {
    const group = byBase.get(p.base);
    if (group) group.push(i);
    else byBase.set(p.base, [i]);
  });
  return parsed.map((p, i) => {
    const others = byBase.get(p.base)!.filter((j) => j !== i && parsed[j].path !== p.path);
    // A file at the top of what was given has no folder to add: the others are told from it by theirs.
    if (!others.length || !p.folders.length) return p.base;
    const separator = p.path.includes('/') || !p.path.includes('\\') ? '/' : '\\';
    // The last `count` folders, compared as a whole: a path with fewer gives all it has.
    const suffix = (folders: string[], count: number): string => folders.slice(Math.max(0, folders.length - count)).join('/');
    const most = Math.max(p.folders.length, ...others.map((j) => parsed[j].folders.length));
    for (let count = 1; count <= most; count += 1) {
      const part = suffix(p.folders, count);
      if (!others.some((j) => suffix(parsed[j].folders, count) === part)) {
        return `${p.base}${NAME_FOLDER_SEPARATOR}${p.folders.slice(Math.max(0, p.folders.length - count)).join(separator)}`;
      }
    }
    // Paths that differ only before their folders (a drive) or in their separators: the whole path then.
    return `${p.base}${NAME_FOLDER_SEPARATOR}${p.path}`;
  });
}
