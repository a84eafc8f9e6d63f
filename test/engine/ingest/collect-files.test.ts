import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
    const { files, problems } = await collectFiles([path.join(dir, 'logs'), path.join(dir, 'missing.log')]);
    expect(files.map((f) => path.relative(dir, f.path))).toEqual([
      'logs/mail.log.10.gz', 'logs/mail.log.2.gz', 'logs/mail.log.1', 'logs/mail.log', 'logs/old/dovecot.log',
    ]);
    expect(problems).toEqual([{ path: path.join(dir, 'missing.log'), error: 'no such file or folder' }]);
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
