import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { collectFiles, compareLogNames } from '../../../src-main/engine/ingest/collect-files';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'collect-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('collectFiles', () => {
  it('walks folders recursively, oldest rotation first, skipping hidden files and symlink loops', async () => {
    fs.mkdirSync(path.join(dir, 'logs', 'old'), { recursive: true });
    for (const n of ['mail.log', 'mail.log.1', 'mail.log.2.gz', 'mail.log.10.gz', '.hidden']) fs.writeFileSync(path.join(dir, 'logs', n), 'x\n');
    fs.writeFileSync(path.join(dir, 'logs', 'old', 'dovecot.log'), 'x\n');
    fs.symlinkSync(path.join(dir, 'logs'), path.join(dir, 'logs', 'old', 'loop'));
    const { files, problems, skipped } = await collectFiles([path.join(dir, 'logs'), path.join(dir, 'missing.log')]);
    expect(files.map((f) => path.relative(dir, f.path))).toEqual([
      'logs/mail.log.10.gz', 'logs/mail.log.2.gz', 'logs/mail.log.1', 'logs/mail.log', 'logs/old/dovecot.log',
    ]);
    expect(problems).toEqual([{ path: path.join(dir, 'missing.log'), error: 'no such file or folder' }]);
    expect(skipped).toEqual([{ path: path.join(dir, 'logs', 'old', 'loop'), reason: expect.stringMatching(/^a link to a folder, which is not followed/) }]);
  });

  it('passes over pipes and devices in a folder, and says so; given by name, they are errors', async () => {
    const logs = path.join(dir, 'special');
    fs.mkdirSync(logs);
    fs.writeFileSync(path.join(logs, 'mail.log'), 'x\n');
    // Reading either would never end: a pipe waits for a writer, /dev/zero has no end.
    spawnSync('mkfifo', [path.join(logs, 'pipe.log')]);
    fs.symlinkSync('/dev/zero', path.join(logs, 'zero.log'));
    const { files, problems, skipped } = await collectFiles([logs, path.join(logs, 'pipe.log')]);
    expect(files.map((f) => path.basename(f.path))).toEqual(['mail.log']);
    expect(skipped).toEqual([
      { path: path.join(logs, 'pipe.log'), reason: 'a named pipe, not a regular file' },
      { path: path.join(logs, 'zero.log'), reason: 'a device, not a regular file' },
    ]);
    expect(problems).toEqual([{ path: path.join(logs, 'pipe.log'), error: 'a named pipe, not a regular file' }]);
  });

  it('lists a file given twice once', async () => {
    const f = path.join(dir, 'twice.log');
    fs.writeFileSync(f, 'x\n');
    const { files } = await collectFiles([f, f]);
    expect(files).toHaveLength(1);
  });

  it('orders logrotate dateext names oldest first and before the live file', () => {
    const names = ['mail.log', 'mail.log-20231119.gz', 'mail.log-20231112.gz'];
    expect(names.sort(compareLogNames)).toEqual(['mail.log-20231112.gz', 'mail.log-20231119.gz', 'mail.log']);
  });
});
