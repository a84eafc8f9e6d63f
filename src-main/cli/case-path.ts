// The case path a command is given, checked before the engine reads a byte of it: the engine reads a case
// whole into memory (a device like /dev/zero never ends, a named pipe waits for a writer) and saves it by
// renaming a new file over the path (which would replace a device node).
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Engine } from '../engine/engine';
import { fileErrorCause, statOrNothing } from '../engine/fs/file-errors';
import { SQLITE_HEADER } from '../engine/fs/sqlite-header';
import { UsageError } from './args';
import { useBaselineWasmOnly } from './baseline-wasm';
import { terminalSafe } from './terminal-text';

function kindOf(stat: fs.Stats): string {
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  return 'not a file';
}

/**
 * Checks a case path that may exist: a folder, a device, a named pipe or a socket is a usage error; a regular
 * file must be empty (a new case) or start with the SQLite header, which is read alone. `named` is how the
 * message names the path (`--case x.sqlite`, `x.sqlite`); `folderHint` is added when the path is a folder.
 * Returns whether the file exists.
 */
export function checkCaseFile(file: string, named: string, folderHint = ''): boolean {
  const stat = statOrNothing(file);
  if (!stat) return false;
  if (stat.isDirectory()) throw new UsageError(`${terminalSafe(named)} is a folder${folderHint}`);
  if (!stat.isFile()) throw new UsageError(`${terminalSafe(named)} is not a regular file (${kindOf(stat)}); a case is a file`);
  if (stat.size === 0) return true;
  // Not blocking, and checked again once open: the path could have been swapped for a pipe in between.
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const opened = fs.fstatSync(fd);
    if (!opened.isFile()) throw new UsageError(`${terminalSafe(named)} is not a regular file (${kindOf(opened)}); a case is a file`);
    const head = Buffer.alloc(SQLITE_HEADER.length);
    const read = fs.readSync(fd, head, 0, head.length, 0);
    if (read < head.length || !head.equals(SQLITE_HEADER)) {
      throw new Error(`${terminalSafe(named)} is not a case: it does not start as a SQLite database does`);
    }
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/**
 * A case file up to this size (about 200,000 attempts) is answered sooner on V8's baseline WebAssembly code alone
 * (baseline-wasm.ts). Measured with `swarmscope summary`: a case of 30,000 attempts (3.8 MB) in 0.6 instead of
 * 0.8-1.0 s, one of 173,000 (13.6 MB) in 1.25 instead of 1.35 s; one of 990,000 (65 MB) took 5.4-6.4 instead of
 * 4.9-5.2 s, as its whole-case queries run long enough for the optimizing compile to pay.
 */
const BASELINE_WASM_CASE_BYTES = 16 * 1024 * 1024;

/** An engine with the existing case `file` open, for a command that reads one (summary, incidents, blocklist). */
export async function openExistingCase(file: string): Promise<Engine> {
  if (!checkCaseFile(file, file, ', not a case file')) throw new Error(`${file}: no such case file`);
  // Before the engine compiles sql.js: the flag holds for modules compiled from then on.
  if ((statOrNothing(file)?.size ?? 0) <= BASELINE_WASM_CASE_BYTES) useBaselineWasmOnly();
  // Loaded here, not with this module: `ingest` checks its case path with it, and runs the engine in a worker.
  const { Engine } = await import('../engine/engine');
  const engine = new Engine();
  await engine.openCase(file);
  return engine;
}

/**
 * Checks that the folder of a case to be saved exists and takes a new file, by making and removing an empty
 * one (the save writes a temporary file there and renames it over the case). Checked before an ingest rather
 * than when its case is saved, at the end.
 */
export function checkCaseFolder(file: string, named: string): void {
  const dir = path.dirname(path.resolve(file));
  const stat = statOrNothing(dir);
  if (!stat) throw new UsageError(`${terminalSafe(named)}: the folder ${terminalSafe(dir)} does not exist`);
  if (!stat.isDirectory()) throw new UsageError(`${terminalSafe(named)}: ${terminalSafe(dir)} is not a folder`);
  const probe = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    fs.closeSync(fs.openSync(probe, 'wx', 0o600));
  } catch (e) {
    // Kernel file systems like /proc exist as folders but refuse new names.
    const cause = fileErrorCause(e, { ENOENT: 'it takes no new files' });
    throw new UsageError(`${terminalSafe(named)}: cannot create a file in the folder ${terminalSafe(dir)} (${cause})`);
  }
  fs.rmSync(probe, { force: true });
}
