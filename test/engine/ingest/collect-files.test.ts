import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { collectFiles, compareLogNames, readError, rotationBase } from '../../../src-main/engine/ingest/collect-files';

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
    // With the folder's time, which the case keeps with the path (store/unread-paths.ts).
    expect(skipped).toEqual([{ path: path.join(dir, 'logs', 'old', 'loop'), reason: expect.stringMatching(/^a link to a folder, which is not followed/), mtimeMs: fs.statSync(path.join(dir, 'logs')).mtimeMs }]);
  });

  it('says a loop of symbolic links is one, not a broken link, found in a folder or named', async () => {
    const logs = path.join(dir, 'link-loop');
    fs.mkdirSync(logs);
    fs.writeFileSync(path.join(logs, 'mail.log'), 'x\n');
    fs.symlinkSync(path.join(logs, 'b.log'), path.join(logs, 'a.log'));
    fs.symlinkSync(path.join(logs, 'a.log'), path.join(logs, 'b.log'));
    fs.symlinkSync(path.join(logs, 'gone.log'), path.join(logs, 'dangling.log'));
    const { files, problems } = await collectFiles([logs, path.join(logs, 'a.log')]);
    expect(files.map((f) => path.basename(f.path))).toEqual(['mail.log']);
    const loop = 'a loop of symbolic links, which leads to no file';
    expect(problems).toEqual([
      { path: path.join(logs, 'a.log'), error: loop },
      { path: path.join(logs, 'b.log'), error: loop },
      { path: path.join(logs, 'dangling.log'), error: 'broken symbolic link' },
      { path: path.join(logs, 'a.log'), error: loop },
    ]);
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
      { path: path.join(logs, 'pipe.log'), reason: 'a named pipe, not a regular file', mtimeMs: fs.statSync(path.join(logs, 'pipe.log')).mtimeMs },
      { path: path.join(logs, 'zero.log'), reason: 'a device, not a regular file', mtimeMs: fs.statSync('/dev/zero').mtimeMs },
    ]);
    expect(problems).toEqual([{ path: path.join(logs, 'pipe.log'), error: 'a named pipe, not a regular file', mtimeMs: expect.any(Number) }]);
  });

  it('passes over the binary records of /var/log found in a folder, and reads them when named', async () => {
    const varLog = path.join(dir, 'var-log');
    fs.mkdirSync(path.join(varLog, 'journal', 'machine'), { recursive: true });
    for (const name of ['mail.log', 'mail.log.1', 'wtmp', 'wtmp.1', 'btmp.1.gz', 'btmp-20231112', 'faillog', 'lastlog.txt', 'case.sqlite.lock']) {
      fs.writeFileSync(path.join(varLog, name), 'x\n');
    }
    fs.writeFileSync(path.join(varLog, 'journal', 'machine', 'system.journal'), 'LPKSHHRH');
    fs.writeFileSync(path.join(varLog, 'journal', 'machine', 'user-1000.journal~'), 'LPKSHHRH');
    // lastlog: one record at user id 100,000, 29 MB into a file of 100 MB that stores a page or two.
    const sparseRecords = (name: string): void => {
      const fd = fs.openSync(path.join(varLog, name), 'w');
      fs.writeSync(fd, Buffer.from([0x65, 0x28, 0x6f, 0x65]), 0, 4, 100_000 * 292);
      fs.ftruncateSync(fd, 100 << 20);
      fs.closeSync(fd);
    };
    sparseRecords('lastlog');
    sparseRecords('records.dat'); // not one of those names, but as sparse

    const { files, skipped } = await collectFiles([varLog, path.join(varLog, 'wtmp')]);
    // A text file that only starts like one of those names (`lastlog` printed to a file) is read.
    expect(files.map((f) => path.relative(varLog, f.path))).toEqual(['lastlog.txt', 'mail.log.1', 'mail.log', 'wtmp']);
    // What was found in the folder is marked so (a binary file there is passed over rather than an error).
    expect(files.map((f) => f.foundInFolder ?? false)).toEqual([true, true, true, false]);
    const again = await collectFiles([varLog, path.join(varLog, 'mail.log')]);
    expect(again.files.find((f) => f.path.endsWith('mail.log'))?.foundInFolder).toBeUndefined();
    const journal = 'a binary file of the systemd journal; export it as text with journalctl -u dovecot -o short-iso';
    const logins = (base: string): string => `the system's binary record of logins (${base}), not a text log`;
    expect(skipped.map((s) => [path.relative(varLog, s.path), s.reason.split(', of which')[0]])).toEqual([
      ['btmp-20231112', logins('btmp')],
      ['btmp.1.gz', logins('btmp')],
      // The lock of a case kept in the folder read (cli/case-lock.ts).
      ['case.sqlite.lock', 'a lock file, not a log'],
      ['faillog', logins('faillog')],
      ['journal/machine/system.journal', journal],
      ['journal/machine/user-1000.journal~', journal],
      ['lastlog', logins('lastlog')],
      ['records.dat', 'a sparse file (100 MB long'],
      ['wtmp.1', logins('wtmp')],
    ]);
    expect(skipped.find((s) => s.path.endsWith('records.dat'))?.reason).toMatch(/^a sparse file \(100 MB long, of which [48] kB are stored\)/);
  });

  it('says what to do about a file or folder it may not read', () => {
    // Tests run as root, who may read anything: the error is made as fs.open makes it.
    const denied = Object.assign(new Error("EACCES: permission denied, open '/var/log/mail.log'"), { code: 'EACCES' });
    expect(readError(denied)).toBe("EACCES: permission denied, open '/var/log/mail.log' (logs are often readable by root and the adm group alone: run Swarmscope as a user who may read them, or give it a copy)");
    const other = Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
    expect(readError(other)).toBe('EIO: i/o error, read');
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

  it.each([
    ['hourly (dateformat -%Y%m%d%H)', ['dovecot.log', 'dovecot.log-2023111200', 'dovecot.log-2023111123.gz', 'dovecot.log-2023111201'],
      ['dovecot.log-2023111123.gz', 'dovecot.log-2023111200', 'dovecot.log-2023111201', 'dovecot.log']],
    ['with dashes (dateformat -%Y-%m-%d)', ['maillog', 'maillog-2024-01-07', 'maillog-2023-12-31.gz'], ['maillog-2023-12-31.gz', 'maillog-2024-01-07', 'maillog']],
    ['with a dot (dateformat .%Y-%m-%d)', ['mail.log', 'mail.log.2024-01-07.xz', 'mail.log.2023-12-31'], ['mail.log.2023-12-31', 'mail.log.2024-01-07.xz', 'mail.log']],
    ['with a dot and no dashes (dateformat .%Y%m%d)', ['mail.log', 'mail.log.20240107.gz', 'mail.log.20231231'], ['mail.log.20231231', 'mail.log.20240107.gz', 'mail.log']],
    ['with the epoch seconds (dateformat -%Y%m%d-%s)', ['mail.log', 'mail.log-20240107-1704585600', 'mail.log-20231231-1703980800.gz'],
      ['mail.log-20231231-1703980800.gz', 'mail.log-20240107-1704585600', 'mail.log']],
  ])('orders dateext names %s oldest first and before the live file, as one rotation', (_, names, expected) => {
    expect([...names].sort(compareLogNames)).toEqual(expected);
    expect(new Set(names.map(rotationBase)).size).toBe(1);
  });

  it('reads the files of each rotation oldest first when they are named one by one, leaving the rest in the order given', async () => {
    const logs = path.join(dir, 'by-name');
    fs.mkdirSync(logs, { recursive: true });
    const names = ['mail.log', 'mail.log.1', 'mail.log.2.gz', 'dovecot.log', 'dovecot.log-20231112'];
    for (const n of names) fs.writeFileSync(path.join(logs, n), 'x\n');
    // As the shell expands `mail.log* dovecot.log*`: each live file before its rotations.
    const { files } = await collectFiles(names.map((n) => path.join(logs, n)));
    expect(files.map((f) => path.basename(f.path))).toEqual(['mail.log.2.gz', 'mail.log.1', 'mail.log', 'dovecot.log-20231112', 'dovecot.log']);
  });

  it.each([
    ['split -d', ['mail.log.10', 'mail.log.02', 'mail.log.00', 'mail.log.01'], ['mail.log.00', 'mail.log.01', 'mail.log.02', 'mail.log.10']],
    ['split -d with no prefix, gzipped after', ['x01.gz', 'x00.gz'], ['x00.gz', 'x01.gz']],
    ['split', ['xba', 'xab', 'xaa', 'xaz'], ['xaa', 'xab', 'xaz', 'xba']],
    ['split with a prefix', ['maillog-ab', 'maillog-aa'], ['maillog-aa', 'maillog-ab']],
  ])('orders the pieces of %s first to last, as one set', (_, names, expected) => {
    expect([...names].sort(compareLogNames)).toEqual(expected);
    expect(new Set(names.map(rotationBase)).size).toBe(1);
  });

  it('takes extensions for extensions, not pieces of a split', () => {
    for (const name of ['mail.log.old', 'mail.log.bak', 'xml', 'catalog', 'dovecot.login']) expect(rotationBase(name)).toBe(name);
    expect(rotationBase('mail.log.gz')).toBe('mail.log');
    // A logrotate number has no leading zero; `start 0` writes `.0`, a rotation too.
    expect(['mail.log', 'mail.log.0', 'mail.log.1'].sort(compareLogNames)).toEqual(['mail.log.1', 'mail.log.0', 'mail.log']);
  });

  it('takes a name with a number that is no date for a file of its own', () => {
    expect(rotationBase('mail.log-20231399')).toBe('mail.log-20231399');
    expect(rotationBase('backup-2023')).toBe('backup-2023');
  });
});
