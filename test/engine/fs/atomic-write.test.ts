import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../src-main/engine/fs/atomic-write';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atomic-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('replaces a file whole and leaves no temporary file beside it', () => {
    const target = path.join(dir, 'case.sqlite');
    fs.writeFileSync(target, 'old content that is longer than the new');
    writeFileAtomic(target, new Uint8Array([1, 2, 3]));
    expect([...fs.readFileSync(target)]).toEqual([1, 2, 3]);
    expect(fs.readdirSync(dir)).toEqual(['case.sqlite']);
  });

  it('names the target and the cause when it cannot write, not its temporary file', () => {
    expect(() => writeFileAtomic(path.join(dir, 'no-such-folder', 'case.sqlite'), 'x'))
      .toThrow(`cannot write ${path.join(dir, 'no-such-folder', 'case.sqlite')}: its folder does not exist`);
    // /proc is there, but takes no new files (ENOENT all the same).
    if (fs.existsSync('/proc/self')) expect(() => writeFileAtomic('/proc/x.sqlite', 'x')).toThrow('cannot write /proc/x.sqlite: its folder takes no new files');
    const folder = path.join(dir, 'a-folder');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'inside'), 'kept');
    expect(() => writeFileAtomic(folder, 'x')).toThrow(/^cannot write .*a-folder: /);
    // The folder is untouched and the temporary file is gone.
    expect(fs.readFileSync(path.join(folder, 'inside'), 'utf8')).toBe('kept');
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
