import { describe, expect, it } from 'vitest';
import { collectFiles } from '../../../src-renderer/src/lib/api/dropped-files';
import { fakeDrop } from './fake-entries';

const line = 'Mar 11 10:00:01 mx dovecot: imap-login: Disconnected: auth failed, 1 attempts in 2 secs: user=<admin>, rip=203.0.113.9\n';

async function described(files: Awaited<ReturnType<typeof collectFiles>>) {
  return Promise.all(files.map(async ({ file, relativePath }) => [relativePath, await file.text()]));
}

describe('collectFiles', () => {
  it('walks dropped folders, keeping each file path relative to the drop', async () => {
    const drop = fakeDrop({
      mail: { 'dovecot.log': line, 'dovecot.log.1': line + line, archive: { '2023': { 'dovecot.log.52.gz': 'gz' } } },
      'extra.log': line,
    });
    const files = await collectFiles(drop);
    expect(await described(files)).toEqual([
      ['mail/dovecot.log', line],
      ['mail/dovecot.log.1', line + line],
      ['mail/archive/2023/dovecot.log.52.gz', 'gz'],
      ['extra.log', line],
    ]);
  });

  it('reads folders with more children than one readEntries batch holds', async () => {
    const many = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`maillog-${String(i).padStart(3, '0')}`, `${i}\n`]));
    const files = await collectFiles(fakeDrop({ rotated: many }));
    expect(files).toHaveLength(250);
    expect(new Set(files.map((f) => f.relativePath)).size).toBe(250);
    expect(files.at(-1)!.relativePath).toBe('rotated/maillog-249');
  });

  it('takes what it needs from the drop before the drop handler returns', async () => {
    const drop = fakeDrop({ logs: { 'dovecot.log': line } });
    const collecting = collectFiles(drop);
    drop.expire();
    expect((await collecting).map((f) => f.relativePath)).toEqual(['logs/dovecot.log']);
  });

  it('keeps two same-named files apart when someone else already flattened the folders', async () => {
    const files = await collectFiles([new File(['a'], 'dovecot.log'), new File(['b'], 'dovecot.log'), new File(['c'], 'dovecot.log')]);
    expect(await described(files)).toEqual([['dovecot.log', 'a'], ['2/dovecot.log', 'b'], ['3/dovecot.log', 'c']]);
  });
});
