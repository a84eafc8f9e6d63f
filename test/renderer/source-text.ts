// The text of one of the project's files, for tests that read a style sheet or a component's styles: Vitest
// hands CSS imports (`?raw` too) over empty, and the renderer's types know no node, so the file is read through
// a module name the type checker does not resolve.

/** The file at `relative` (from the repository's root), as text. */
export async function sourceText(relative: string): Promise<string> {
  const fs = (await import(/* @vite-ignore */ ['node', 'fs'].join(':'))) as { readFileSync(path: string, encoding: 'utf8'): string };
  const cwd = (globalThis as unknown as { process: { cwd(): string } }).process.cwd();
  return fs.readFileSync(`${cwd}/${relative}`, 'utf8');
}
