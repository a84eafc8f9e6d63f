// The same tries written to two files (rsyslog's mail.log and syslog) count once; two servers' logs keep theirs.
import { describe, expect, it } from 'vitest';
import { CaseStore } from '../../../src-main/engine/store/case-store';
import type { AttemptRecord, LoginRecord } from '../../../src-main/engine/parse/types';
import { formatTs } from '../../../src-main/engine/wall-clock';
import { generateRecords, refCanonical } from './generated-case';

/**
 * Reads records into the store as one file's source, as ingest does; returns the source's path.
 * `host`: the server its syslog lines name (ingest/log-host.ts).
 * `echo`: every attempt line of the file was the system PAM module's, or postfix's on a failed SMTP AUTH.
 * `dovecotAuthLines`: how many of its attempt lines were dovecot's auth process's (the others its login processes').
 */
function addSource(
  store: CaseStore, path: string, attempts: AttemptRecord[], logins: LoginRecord[] = [], echo: 'system PAM' | 'postfix SASL' | null = null,
  dovecotAuthLines = 0, host: string | null = null,
): string {
  const id = store.beginSource({ path, encoding: 'plain', headHash: `head ${path}`, mtime: 1_700_000_000_000, host });
  store.addAttempts(id, attempts);
  store.addLogins(id, logins);
  const times = [...attempts, ...logins].map((r) => r.ts);
  store.finishSource(id, {
    contentHash: `content ${path}`, contentBytes: 1, lines: attempts.length + logins.length, attemptLines: attempts.length,
    loginLines: logins.length, ignoredLines: 0, unparsedLines: 0, attempts: attempts.length, logins: logins.length,
    firstTs: formatTs(Math.min(...times)), lastTs: formatTs(Math.max(...times)), notes: [], warnings: [], errors: [], unparsed: [],
    systemPamLines: echo === 'system PAM' ? attempts.length : 0,
    postfixSaslLines: echo === 'postfix SASL' ? attempts.length : 0,
    dovecotAuthLines,
  });
  return path;
}

const valid = <T extends { ip: string }>(records: T[]): T[] => records.filter((r) => refCanonical(r.ip) !== null);

/** What the store takes out of one source as copies, or null. */
const removeCopies = (store: CaseStore, path: string) => store.removeRepeatedTries([path]).get(path) ?? null;

/** The case's attempts by source, and whether its rollups add up to its rows. */
function figures(store: CaseStore): { bySource: Record<string, number>; rollupsAgree: boolean; logins: number } {
  const bySource = Object.fromEntries(store.rows('SELECT source, count(*) FROM attempt GROUP BY source').map(([s, n]) => [s as string, Number(n)]));
  const [[rows]] = store.rows('SELECT count(*) FROM attempt_record');
  const [[perIpDay]] = store.rows('SELECT coalesce(sum(attempts), 0) FROM ip_day');
  const [[logins]] = store.rows('SELECT count(*) FROM login');
  return { bySource, rollupsAgree: rows === perIpDay, logins: Number(logins) };
}

describe('removeRepeatedRows', () => {
  it('says what it took out in words that agree with the count: one attempt of a server log by name is, many are', async () => {
    const store = await CaseStore.create();
    const tries = valid(generateRecords(5, 40).attempts);
    addSource(store, '/var/log/mail.log', tries);
    addSource(store, '/var/log/syslog', [tries[0]]);
    addSource(store, '/var/log/mail.info', tries.slice(0, 3));
    expect(removeCopies(store, '/var/log/syslog')).toMatchObject({ attempts: 1 });
    expect(removeCopies(store, '/var/log/mail.info')).toMatchObject({ attempts: 3 });
    const notes = (path: string): string => store.sources().find((src) => src.path === path)!.notes.join();
    expect(notes('/var/log/syslog')).toMatch(/^1 attempt of it is also in \/var\/log\/mail\.log /);
    expect(notes('/var/log/mail.info')).toMatch(/^3 attempts of it are also in \/var\/log\/mail\.log/);
    store.close();
  });

  it('takes out of a copy (syslog after mail.log) the rows the first file holds, with their multiplicity', async () => {
    const store = await CaseStore.create();
    const generated = generateRecords(3, 6_000);
    const mailLog = valid(generated.attempts);
    const logins = valid(generated.logins);
    // syslog holds mail.log's tries, and a second day that mail.log (rotated) does not; one try of mail.log,
    // logged twice within its second by a brute force, is there a third time.
    const later = valid(generateRecords(4, 800).attempts).map((r) => ({ ...r, ts: r.ts + 40 * 86_400, line: r.line + 1_000_000 }));
    const again = { ...mailLog[100], line: 9_999_999 };
    const syslog = [...mailLog, mailLog[100], again, ...later].map((r, i) => ({ ...r, line: i + 1 }));
    addSource(store, '/var/log/mail.log', [...mailLog, mailLog[100]], logins);
    addSource(store, '/var/log/syslog', syslog, logins);

    expect(removeCopies(store, '/var/log/mail.log')).toBeNull(); // read first: it keeps its rows
    const removed = removeCopies(store, '/var/log/syslog');
    expect(removed).toMatchObject({ attempts: mailLog.length + 1, logins: logins.length, copyOfPaths: ['/var/log/mail.log'] });
    const after = figures(store);
    expect(after.bySource).toEqual({ '/var/log/mail.log': mailLog.length + 1, '/var/log/syslog': later.length + 1 });
    expect(after.rollupsAgree).toBe(true);
    expect(after.logins).toBe(logins.length);
    // Its report says so, with its counts taken down.
    const source = store.sources().find((s) => s.path === '/var/log/syslog')!;
    expect(source.attempts).toBe(later.length + 1);
    expect(source.notes.join()).toMatch(/of it are also in \/var\/log\/mail\.log .*counted once/);
    store.close();
  });

  it('counts once the tries of three files of one server, whichever of them holds which (old Debian\'s /var/log: mail.info, mail.log, syslog)', async () => {
    const store = await CaseStore.create();
    const generated = generateRecords(8, 6_000);
    const tries = valid(generated.attempts);
    const logins = valid(generated.logins);
    // mail.info, read first, holds dovecot's two thirds of the tries; mail.log all of them (postfix's third
    // too); syslog all of them and a later day of its own. mail.log loses dovecot's rows to mail.info and keeps
    // postfix's: syslog is then mostly mail.info's, and holds all that is left of mail.log.
    const dovecot = tries.slice(0, Math.floor((tries.length * 2) / 3));
    const later = valid(generateRecords(9, 800).attempts).map((r) => ({ ...r, ts: r.ts + 40 * 86_400 }));
    addSource(store, '/var/log/mail.info', dovecot, logins.slice(0, 100));
    addSource(store, '/var/log/mail.log', tries, logins);
    addSource(store, '/var/log/syslog', [...tries, ...later].map((r, i) => ({ ...r, line: i + 1 })), logins);

    const removed = store.removeRepeatedTries(['/var/log/mail.info', '/var/log/mail.log', '/var/log/syslog']);
    expect(removed.get('/var/log/mail.log')).toMatchObject({ attempts: dovecot.length, logins: 100, copyOfPaths: ['/var/log/mail.info'] });
    expect(removed.get('/var/log/syslog')).toMatchObject({
      attempts: tries.length, logins: logins.length, copyOfPaths: ['/var/log/mail.info', '/var/log/mail.log'],
    });
    const after = figures(store);
    expect(after.bySource).toEqual({
      '/var/log/mail.info': dovecot.length, '/var/log/mail.log': tries.length - dovecot.length, '/var/log/syslog': later.length,
    });
    expect(after.logins).toBe(logins.length);
    expect(after.rollupsAgree).toBe(true);
    const syslog = store.sources().find((s) => s.path === '/var/log/syslog')!;
    expect(syslog.notes.join()).toMatch(/are also in \/var\/log\/mail\.info, \/var\/log\/mail\.log \(the same lines written to each of those files/);
    store.close();
  });

  it('finds a try whose service one file does not name in another that names it, and keeps the name (grep dovecot mail.log > dovecot.log)', async () => {
    const store = await CaseStore.create();
    // mail.log joins dovecot's auth line on an SMTP AUTH try to postfix's line: service smtp. The file of
    // dovecot's lines alone has the auth line, which names none. One second holds two tries of one name and
    // password, by SMTP and by submission: the grep'd file names the second (its login process's line) only.
    const tries = valid(generateRecords(10, 3_000).attempts).map((r, i) => ({ ...r, service: i % 3 === 0 ? 'smtp' : 'imap' }));
    const both = tries[9]; // smtp
    const mailLog = [...tries, { ...both, service: 'submission', line: 9_000_001 }];
    const dovecotOnly = [...tries.map((r) => (r.service === 'smtp' ? { ...r, service: null } : r)), { ...both, service: 'submission', line: 9_000_001 }];
    addSource(store, '/var/log/dovecot.log', dovecotOnly);
    addSource(store, '/var/log/mail.log', mailLog);

    const removed = removeCopies(store, '/var/log/mail.log');
    expect(removed).toMatchObject({ attempts: mailLog.length, copyOfPaths: ['/var/log/dovecot.log'] });
    expect(figures(store)).toMatchObject({ bySource: { '/var/log/dovecot.log': dovecotOnly.length }, rollupsAgree: true });
    // Each try once, with the service mail.log gave it.
    const services = Object.fromEntries(store.rows('SELECT service, count(*) FROM attempt GROUP BY service').map(([s, n]) => [String(s), Number(n)]));
    expect(services).toEqual({
      smtp: mailLog.filter((r) => r.service === 'smtp').length, imap: mailLog.filter((r) => r.service === 'imap').length, submission: 1,
    });
    store.close();
  });

  it('takes out of an extract of a log\'s login-process lines the tries that log holds with their auth lines, read before it or after', async () => {
    for (const extractFirst of [true, false]) {
      const store = await CaseStore.create();
      // mail.log joined each try's auth line (its time, the password) to its login line, which came up to
      // minutes later and counted the connection's tries; the extract holds the login lines alone.
      const joined = valid(generateRecords(14, 2_000).attempts).map((r, i) => ({ ...r, service: i % 2 ? 'imap' : 'pop3', password: `pw${i}` }));
      const loginLines = joined.map((r, i) => ({ ...r, ts: r.ts + (i % 4) * 60 + 2, password: null }));
      const addLog = (): string => addSource(store, '/var/log/mail.log', joined, [], null, joined.length);
      const addExtract = (): string => addSource(store, '/var/log/failures.log', loginLines);
      const paths = extractFirst ? [addExtract(), addLog()] : [addLog(), addExtract()];
      const removed = store.removeRepeatedTries(paths);
      expect([...removed.keys()]).toEqual(['/var/log/failures.log']);
      expect(removed.get('/var/log/failures.log')).toMatchObject({ attempts: joined.length, kind: 'login lines', copyOfPaths: ['/var/log/mail.log'] });
      expect(removed.get('/var/log/failures.log')!.note).toMatch(/are tries that \/var\/log\/mail\.log holds with their auth line \(this file holds the login processes' lines alone/);
      expect(figures(store)).toMatchObject({ bySource: { '/var/log/mail.log': joined.length }, rollupsAgree: true });
      // The tries kept are the log's, with their passwords.
      expect(store.rows('SELECT count(*) FROM attempt WHERE password IS NULL')).toEqual([[0]]);
      store.close();
    }
  });

  it('takes out of an extract of login lines kept in another folder the tries of the log whose server its lines name (or, like its own, none), and no other server\'s', async () => {
    // Where neither names a server (dovecot's own log_path file, and `grep 'auth failed'` of it), nearly every
    // line of the extract finding its try in the log tells.
    for (const [logHost, extractHost, taken] of [['mx', 'mx', true], ['mx', 'mx2', false], ['mx', null, true], [null, null, true]] as const) {
      const store = await CaseStore.create();
      const joined = valid(generateRecords(17, 2_000).attempts).map((r, i) => ({ ...r, service: i % 2 ? 'imap' : 'pop3', password: `pw${i}` }));
      const loginLines = joined.map((r, i) => ({ ...r, ts: r.ts + (i % 4) * 60 + 2, password: null }));
      addSource(store, '/var/log/mail.log', joined, [], null, joined.length, logHost);
      addSource(store, '/home/admin/failures.log', loginLines, [], null, 0, extractHost);
      const removed = store.removeRepeatedTries(['/var/log/mail.log', '/home/admin/failures.log']);
      expect(removed.get('/home/admin/failures.log')?.attempts ?? 0).toBe(taken ? joined.length : 0);
      expect(figures(store).bySource).toEqual({ '/var/log/mail.log': joined.length, ...(taken ? {} : { '/home/admin/failures.log': loginLines.length }) });
      store.close();
    }
  });

  it('keeps the tries of a second server\'s login lines that a swarm made at both, in one folder with no host names', async () => {
    const store = await CaseStore.create();
    const mx1 = valid(generateRecords(15, 2_000).attempts).map((r) => ({ ...r, service: 'imap' }));
    // mx2 logs no auth lines; a third of its tries are the swarm's, the same names from the same addresses a
    // minute after it tried mx1.
    const own = valid(generateRecords(16, 1_000).attempts).map((r) => ({ ...r, service: 'imap', password: null }));
    const swarm = mx1.slice(0, Math.floor(own.length / 2)).map((r) => ({ ...r, ts: r.ts + 60, password: null }));
    addSource(store, '/srv/logs/mx1-dovecot.log', mx1, [], null, mx1.length);
    addSource(store, '/srv/logs/mx2-dovecot.log', [...own, ...swarm]);
    expect(store.removeRepeatedTries(['/srv/logs/mx1-dovecot.log', '/srv/logs/mx2-dovecot.log']).size).toBe(0);
    expect(figures(store).bySource).toEqual({ '/srv/logs/mx1-dovecot.log': mx1.length, '/srv/logs/mx2-dovecot.log': own.length + swarm.length });
    store.close();
  });

  it('takes out a few shared rows between files rsyslog writes mail to (a small server\'s day), and only between those', async () => {
    const store = await CaseStore.create();
    const three = valid(generateRecords(21, 40).attempts).slice(0, 3);
    const other = valid(generateRecords(22, 40).attempts).slice(0, 2);
    addSource(store, '/var/log/mail.log.1', three);
    addSource(store, '/var/log/syslog.1', [...three, ...other].map((r, i) => ({ ...r, line: i + 1 })));
    // The same few rows in two files of samples, and in a file of rsyslog's beside one of another name.
    addSource(store, '/samples/a.log', three);
    addSource(store, '/samples/b.log', three);
    addSource(store, '/samples/syslog', three);
    const removed = store.removeRepeatedTries(['/var/log/mail.log.1', '/var/log/syslog.1', '/samples/a.log', '/samples/b.log', '/samples/syslog']);
    expect([...removed.keys()]).toEqual(['/var/log/syslog.1']);
    expect(removed.get('/var/log/syslog.1')).toMatchObject({ attempts: 3, copyOfPaths: ['/var/log/mail.log.1'] });
    expect(figures(store).bySource).toEqual({
      '/var/log/mail.log.1': 3, '/var/log/syslog.1': 2, '/samples/a.log': 3, '/samples/b.log': 3, '/samples/syslog': 3,
    });
    expect(figures(store).rollupsAgree).toBe(true);
    store.close();
  });

  it('keeps every row of two servers\' logs of the same time, however many tries they share by chance', async () => {
    const store = await CaseStore.create();
    const mx1 = valid(generateRecords(5, 5_000).attempts);
    // The same bot tried the same name and password on both servers in the same second, 40 times.
    const mx2 = [...valid(generateRecords(6, 5_000).attempts), ...mx1.slice(0, 40)];
    addSource(store, '/logs/mx1/dovecot.log', mx1);
    addSource(store, '/logs/mx2/dovecot.log', mx2);
    expect(removeCopies(store, '/logs/mx2/dovecot.log')).toBeNull();
    expect(figures(store).bySource).toEqual({ '/logs/mx1/dovecot.log': mx1.length, '/logs/mx2/dovecot.log': mx2.length });
    // Even with half their rows the same (one server's log as many as the other's), two folders whose lines name
    // no server are two servers: a copy holds nearly all of them.
    const half = [...valid(generateRecords(7, 5_000).attempts), ...mx1.filter((_, i) => i % 2 === 0)];
    addSource(store, '/logs/mx3/dovecot.log', half);
    expect(removeCopies(store, '/logs/mx3/dovecot.log')).toBeNull();
    // Lines that name two servers are two servers' tries, whatever they share.
    const named = valid(generateRecords(8, 3_000).attempts);
    addSource(store, '/logs/mx4/mail.log', named, [], null, 0, 'mx4');
    addSource(store, '/logs/mx5/mail.log', named, [], null, 0, 'mx5');
    expect(removeCopies(store, '/logs/mx5/mail.log')).toBeNull();
    expect(figures(store).bySource).toEqual({
      '/logs/mx1/dovecot.log': mx1.length, '/logs/mx2/dovecot.log': mx2.length, '/logs/mx3/dovecot.log': half.length,
      '/logs/mx4/mail.log': named.length, '/logs/mx5/mail.log': named.length,
    });
    store.close();
  });

  it('takes out of a file of another folder whose lines name no server the rows of a log it copies nearly whole', async () => {
    const store = await CaseStore.create();
    const generated = generateRecords(41, 6_000);
    const tries = valid(generated.attempts);
    const logins = valid(generated.logins);
    // /var/log/dovecot.log (dovecot's own log_path file: no host on its lines), read first, then
    // `grep 'auth failed' /var/log/dovecot.log > ~/case/failures.txt` of its second half, and a copy of the whole
    // log kept in a third folder whose last tries came after the copy was made.
    addSource(store, '/var/log/dovecot.log', tries, logins);
    const secondHalf = tries.slice(tries.length >> 1);
    addSource(store, '/home/admin/case/failures.txt', secondHalf);
    const later = valid(generateRecords(42, 300).attempts).map((r) => ({ ...r, ts: r.ts + 400 * 86_400 }));
    addSource(store, '/mnt/backup/dovecot.log', [...tries, ...later], logins);

    const removed = store.removeRepeatedTries(['/var/log/dovecot.log', '/home/admin/case/failures.txt', '/mnt/backup/dovecot.log']);
    expect([...removed.keys()]).toEqual(['/home/admin/case/failures.txt', '/mnt/backup/dovecot.log']);
    expect(removed.get('/home/admin/case/failures.txt')).toMatchObject({ attempts: secondHalf.length, logins: 0, copyOfPaths: ['/var/log/dovecot.log'] });
    expect(removed.get('/home/admin/case/failures.txt')!.note).toMatch(/are also in \/var\/log\/dovecot\.log, nearly every try of the time both span the same, to the second \(the same lines: a copy of a log, or lines grep'd out of it\): counted once$/);
    expect(removed.get('/mnt/backup/dovecot.log')).toMatchObject({ attempts: tries.length, logins: logins.length });
    const after = figures(store);
    expect(after.bySource).toEqual({ '/var/log/dovecot.log': tries.length, '/mnt/backup/dovecot.log': later.length });
    expect(after.logins).toBe(logins.length);
    expect(after.rollupsAgree).toBe(true);
    store.close();
  });

  it('takes out of a copy or an extract kept in another folder the rows of the log whose server its lines name too', async () => {
    const store = await CaseStore.create();
    const generated = generateRecords(31, 4_000);
    const tries = valid(generated.attempts).map((r, i) => ({ ...r, service: i % 3 === 0 ? 'smtp' : 'imap' }));
    const logins = valid(generated.logins);
    // /var/log/mail.log, read first; ~/case/dovecot.txt is `grep dovecot` of it: SMTP AUTH tries without
    // postfix's line (no service), and the logins. Another server's log of the same days, also called mail,
    // in a third folder, shares a few tries by chance.
    addSource(store, '/var/log/mail.log', tries, logins, null, tries.length, 'mail');
    const extract = tries.map((r) => (r.service === 'smtp' ? { ...r, service: null } : r));
    addSource(store, '/home/admin/case/dovecot.txt', extract, logins, null, extract.length, 'mail');
    const elsewhere = [...valid(generateRecords(32, 4_000).attempts), ...tries.slice(0, 40)];
    addSource(store, '/srv/other-company/mail.log', elsewhere, [], null, 0, 'mail');
    // And the same tries in a file whose lines name no server (dovecot's own log_path file, had it logged there
    // too): nothing but its rows, every one of them mail.log's to the second, says whose they are.
    addSource(store, '/home/admin/case/dovecot.log', tries, [], null, tries.length, null);

    const removed = store.removeRepeatedTries(['/var/log/mail.log', '/home/admin/case/dovecot.txt', '/srv/other-company/mail.log', '/home/admin/case/dovecot.log']);
    expect([...removed.keys()]).toEqual(['/home/admin/case/dovecot.txt', '/home/admin/case/dovecot.log']);
    expect(removed.get('/home/admin/case/dovecot.log')).toMatchObject({ attempts: tries.length, copyOfPaths: ['/var/log/mail.log'] });
    expect(removed.get('/home/admin/case/dovecot.log')!.note).toMatch(/also in \/var\/log\/mail\.log, nearly every try of the time both span the same, to the second/);
    expect(removed.get('/home/admin/case/dovecot.txt')).toMatchObject({
      attempts: tries.length, logins: logins.length, kind: 'same lines', copyOfPaths: ['/var/log/mail.log'],
    });
    expect(removed.get('/home/admin/case/dovecot.txt')!.note).toMatch(/are also in \/var\/log\/mail\.log, whose lines name the same server \(the same lines: a copy of a log, or lines grep'd out of it\): counted once$/);
    const after = figures(store);
    expect(after.bySource).toEqual({ '/var/log/mail.log': tries.length, '/srv/other-company/mail.log': elsewhere.length });
    expect(after.logins).toBe(logins.length);
    expect(after.rollupsAgree).toBe(true);
    // The tries kept keep mail.log's services.
    expect(store.rows("SELECT count(*) FROM attempt WHERE source = '/var/log/mail.log' AND service = 'smtp'")).toEqual([[tries.filter((r) => r.service === 'smtp').length]]);
    store.close();
  });

  it('keeps a few rows shared by one server\'s logs by name in two folders whose lines name the same server', async () => {
    const store = await CaseStore.create();
    // Two servers both called mail: /clients/a/mail.log and /clients/b/syslog, three tries of one bot alike.
    const a = valid(generateRecords(33, 400).attempts);
    const b = [...valid(generateRecords(34, 400).attempts), ...a.slice(0, 3)];
    addSource(store, '/clients/a/mail.log', a, [], null, 0, 'mail');
    addSource(store, '/clients/b/syslog', b, [], null, 0, 'mail');
    expect(store.removeRepeatedTries(['/clients/a/mail.log', '/clients/b/syslog']).size).toBe(0);
    expect(figures(store).bySource).toEqual({ '/clients/a/mail.log': a.length, '/clients/b/syslog': b.length });
    store.close();
  });

  it('matches the PAM module\'s tries to dovecot\'s login lines of the same address just after, one to one', async () => {
    const store = await CaseStore.create();
    const dovecot = valid(generateRecords(9, 3_000).attempts).map((r) => ({ ...r, service: 'imap', password: null }));
    // Each try's PAM line comes up to a minute before dovecot's login line; a third of the addresses dovecot
    // never logged (another service that checks passwords with PAM): those tries stay.
    const pam = dovecot.map((r, i) => ({ ...r, ts: r.ts - (i % 60), service: null, password: null, line: i + 1 }));
    const unrelated = pam.slice(0, 1_000).map((r) => ({ ...r, ip: `198.51.100.${(r.line % 250) + 1}` }));
    addSource(store, '/var/log/mail.log', dovecot);
    addSource(store, '/var/log/auth.log', [...pam.slice(1_000), ...unrelated], [], 'system PAM');
    expect(removeCopies(store, '/var/log/auth.log')).toMatchObject({ attempts: pam.length - 1_000, kind: 'system PAM', copyOfPaths: ['/var/log/mail.log'] });
    expect(figures(store).bySource).toEqual({ '/var/log/mail.log': dovecot.length, '/var/log/auth.log': 1_000 });
    expect(figures(store).rollupsAgree).toBe(true);
    store.close();
  });

  it('matches the PAM module\'s tries that dovecot\'s logs of its folder hold, however few, and no other server\'s', async () => {
    const store = await CaseStore.create();
    const pam = valid(generateRecords(10, 2_000).attempts).map((r) => ({ ...r, service: null, password: null }));
    // This server's mail.log holds a tenth of those tries (its other log files were not given); another
    // server's, beside it in the case, all of them (the same swarm came to both).
    const tenth = pam.filter((_, i) => i % 10 === 0).map((r) => ({ ...r, service: 'imap' }));
    addSource(store, '/logs/mx2/mail.log', pam.map((r) => ({ ...r, service: 'imap' })), [], null, 0, 'mx2');
    addSource(store, '/logs/mx1/mail.log', tenth, [], null, 0, 'mx1');
    addSource(store, '/logs/mx1/auth.log', pam, [], 'system PAM', 0, 'mx1');
    expect(removeCopies(store, '/logs/mx1/auth.log')).toMatchObject({ attempts: tenth.length, copyOfPaths: ['/logs/mx1/mail.log'] });
    expect(figures(store).bySource).toEqual({ '/logs/mx2/mail.log': pam.length, '/logs/mx1/mail.log': tenth.length, '/logs/mx1/auth.log': pam.length - tenth.length });
    store.close();
  });

  it('matches the PAM module\'s tries to dovecot\'s own auth lines of the same moment (SMTP AUTH asked of dovecot), not to the other PAM logs', async () => {
    const store = await CaseStore.create();
    // A try a minute from one of 200 addresses, each with its user.
    const tries: AttemptRecord[] = Array.from({ length: 1_000 }, (_, i) => ({
      ts: 1_700_000_000 + 60 * i, ip: `198.51.${100 + (i % 4)}.${(i % 50) + 1}`, user: `user${i % 200}`, password: null, service: null, line: i + 1,
    }));
    // dovecot's auth process wrote half of the tries at the second the PAM module did, and a quarter half a
    // minute later (other tries of the same addresses, whose PAM lines are not in this auth.log).
    const authLines = [...tries.filter((_, i) => i % 2 === 0), ...tries.filter((_, i) => i % 4 === 1).map((r) => ({ ...r, ts: r.ts + 30 }))];
    addSource(store, '/var/log/mail.log', authLines);
    // secure: another PAM log of the same tries, beside them (it must not be taken for dovecot's).
    addSource(store, '/var/log/secure', tries, [], 'system PAM');
    addSource(store, '/var/log/auth.log', tries, [], 'system PAM');
    const removed = removeCopies(store, '/var/log/auth.log');
    // The PAM rows dovecot's lines hold are matched to them; the others are secure's lines again, and count there.
    const matched = tries.filter((_, i) => i % 2 === 0).length;
    expect(removed).toMatchObject({ attempts: tries.length, copyOfPaths: ['/var/log/mail.log', '/var/log/secure'] });
    expect(removed?.note).toBe(`${matched} attempts of it are tries that dovecot logged in /var/log/mail.log too (the system's PAM module logs each try it checks for dovecot): `
      + `counted once, as dovecot logged them; ${tries.length - matched} attempts of it are also in /var/log/secure (the same lines written to both files, as syslog daemons `
      + 'write one kind of message to several, such as mail.* to mail.log and to syslog): counted once');
    // secure, an echo source of its folder too, gives its own matched rows up to mail.log: each try counts once.
    expect(figures(store).bySource).toEqual({ '/var/log/mail.log': authLines.length, '/var/log/secure': tries.length - matched });
    store.close();
  });

  it('matches postfix\'s SMTP AUTH failures in a file of their own to the tries another log of its folder holds, one to one', async () => {
    const store = await CaseStore.create();
    // A try a minute from one of 300 addresses. mail.log (auth_verbose=yes): dovecot's auth line of each try,
    // 2 s before postfix's, with the name and password and, where the join paired it with postfix's line in
    // mail.log, postfix's service; mail.warn: postfix's warnings alone, a third of them for tries on another
    // day that mail.log (rotated) no longer holds.
    const tries: AttemptRecord[] = Array.from({ length: 900 }, (_, i) => ({
      ts: 1_700_000_000 + 60 * i, ip: `198.51.${100 + (i % 3)}.${(i % 100) + 1}`, user: `user${i % 40}@example.org`, password: `pw${i}`,
      service: i % 2 ? 'submission' : 'smtp', line: i + 1,
    }));
    const warn = tries.map((r) => ({ ...r, ts: r.ts + 2, user: null, password: null }));
    addSource(store, '/var/log/mail.log', tries.slice(300));
    addSource(store, '/var/log/mail.warn', warn, [], 'postfix SASL');
    expect(removeCopies(store, '/var/log/mail.warn')).toMatchObject({ attempts: 600, kind: 'postfix SASL', copyOfPaths: ['/var/log/mail.log'] });
    expect(figures(store).bySource).toEqual({ '/var/log/mail.log': 600, '/var/log/mail.warn': 300 });
    expect(figures(store).rollupsAgree).toBe(true);
    expect(store.sources().find((src) => src.path.endsWith('mail.warn'))?.notes.join()).toMatch(/^600 attempts of it are SMTP AUTH tries that \/var\/log\/mail\.log holds too/);
    store.close();
  });

  it('matches postfix\'s and the PAM module\'s lines grep\'d into another folder to the log whose server they name, when nearly all of them find a try', async () => {
    const tries: AttemptRecord[] = Array.from({ length: 400 }, (_, i) => ({
      ts: 1_700_000_000 + 60 * i, ip: `198.51.${100 + (i % 3)}.${(i % 100) + 1}`, user: `user${i % 40}@example.org`, password: `pw${i}`,
      service: i % 2 ? 'submission' : 'smtp', line: i + 1,
    }));
    const postfix = tries.map((r) => ({ ...r, ts: r.ts + 2, user: null, password: null }));
    const pam = tries.map((r) => ({ ...r, ts: r.ts - 1, password: null, service: null }));
    // `grep SASL /var/log/mail.log > ~/case/sasl.txt`, `grep pam_unix /var/log/auth.log > ~/case/pam.txt`: the
    // server's lines; another server also called mail, in a third folder, shares a tenth of the tries.
    for (const [host, share, taken] of [['mx', 1, true], ['mx2', 1, false], ['mx', 0.1, false]] as const) {
      const store = await CaseStore.create();
      const log = tries.slice(0, Math.round(share * tries.length));
      addSource(store, '/var/log/mail.log', log, [], null, log.length, 'mx');
      addSource(store, '/home/admin/case/sasl.txt', postfix, [], 'postfix SASL', 0, host);
      addSource(store, '/home/admin/case/pam.txt', pam, [], 'system PAM', 0, host);
      const removed = store.removeRepeatedTries(['/var/log/mail.log', '/home/admin/case/sasl.txt', '/home/admin/case/pam.txt']);
      const after = figures(store);
      if (taken) {
        expect(removed.get('/home/admin/case/sasl.txt')).toMatchObject({ attempts: tries.length, kind: 'postfix SASL', copyOfPaths: ['/var/log/mail.log'] });
        expect(removed.get('/home/admin/case/pam.txt')).toMatchObject({ attempts: tries.length, kind: 'system PAM', copyOfPaths: ['/var/log/mail.log'] });
        expect(after.bySource).toEqual({ '/var/log/mail.log': tries.length });
      } else {
        // The two extracts are one server's words on the same tries, which count once between them; the other
        // server's log keeps its own.
        expect(removed.has('/home/admin/case/sasl.txt'), `${host} ${share}`).toBe(false);
        expect(after.bySource, `${host} ${share}`).toEqual({ '/var/log/mail.log': log.length, '/home/admin/case/sasl.txt': tries.length });
      }
      expect(after.rollupsAgree).toBe(true);
      store.close();
    }
  });

  it('matches postfix\'s failures to dovecot\'s own log (log_path), whose lines name no service, and not to another service\'s tries or another server\'s', async () => {
    const store = await CaseStore.create();
    const tries: AttemptRecord[] = Array.from({ length: 200 }, (_, i) => ({
      ts: 1_700_000_000 + 30 * i, ip: `203.0.113.${(i % 60) + 1}`, user: `u${i % 7}`, password: null, service: null, line: i + 1,
    }));
    const postfix = tries.map((r) => ({ ...r, ts: r.ts + 3, user: null, service: 'smtp' }));
    // dovecot.log: the SMTP tries (no service), and IMAP tries of the same addresses at the same moments.
    addSource(store, '/srv/mx1/dovecot.log', [...tries.slice(0, 150), ...tries.slice(150).map((r) => ({ ...r, service: 'imap' }))]);
    addSource(store, '/srv/mx2/dovecot.log', tries);
    // postfix's lines, syslog's, name their server; dovecot's own log_path files name none.
    addSource(store, '/srv/mx1/mail.log', postfix, [], 'postfix SASL', 0, 'mx1');
    expect(removeCopies(store, '/srv/mx1/mail.log')).toMatchObject({ attempts: 150, copyOfPaths: ['/srv/mx1/dovecot.log'] });
    expect(figures(store).bySource['/srv/mx1/mail.log']).toBe(50);
    // Each try dovecot's log kept says what postfix's line said of it: smtp. mx2's keep naming none.
    const services = (path: string) => Object.fromEntries(store.rows('SELECT coalesce(service, \'-\'), count(*) FROM attempt WHERE source = ? GROUP BY 1', [path])
      .map(([service, n]) => [String(service), Number(n)]));
    expect(services('/srv/mx1/dovecot.log')).toEqual({ smtp: 150, imap: 50 });
    expect(services('/srv/mx2/dovecot.log')).toEqual({ '-': 200 });
    store.close();
  });

  it('matches two files of postfix\'s lines alone to each other only in the order read; a few only in one server\'s logs', async () => {
    const store = await CaseStore.create();
    const lines: AttemptRecord[] = Array.from({ length: 30 }, (_, i) => ({
      ts: 1_700_000_000 + 40 * i, ip: `192.0.2.${i + 1}`, user: null, password: null, service: 'smtp', line: i + 1,
    }));
    // dovecot logs elsewhere, and says nothing of these tries (auth_verbose=no): mail.log and mail.warn hold the same lines.
    addSource(store, '/var/log/mail.log', lines, [], 'postfix SASL');
    addSource(store, '/var/log/mail.warn', lines, [], 'postfix SASL');
    addSource(store, '/other/mail.log', lines.slice(0, 3), [], 'postfix SASL');
    addSource(store, '/other/mail.warn', lines.slice(0, 3), [], 'postfix SASL');
    addSource(store, '/samples/0001.log', lines.slice(0, 9), [], 'postfix SASL');
    addSource(store, '/samples/0002.log', lines.slice(0, 9), [], 'postfix SASL');
    const removed = store.removeRepeatedTries(['/var/log/mail.log', '/var/log/mail.warn', '/other/mail.log', '/other/mail.warn', '/samples/0001.log', '/samples/0002.log']);
    expect([...removed.keys()]).toEqual(['/var/log/mail.warn', '/other/mail.warn']);
    expect(figures(store).bySource).toEqual({ '/var/log/mail.log': 30, '/other/mail.log': 3, '/samples/0001.log': 9, '/samples/0002.log': 9 });
    store.close();
  });

  it('takes out a first passdb\'s refusal whose login, the same request, is in another file of the folder', async () => {
    const store = await CaseStore.create();
    const t = 1_700_000_000;
    const refusal = (ts: number, ip: string, user: string): AttemptRecord => ({ ts, ip, user, password: null, service: null, line: ts - t + 1 });
    // dovecot.log: refusals of the first passdb (no service: auth process lines), a day of them; a real failed
    // try 3 s before a login (auth_failure_delay came between), another address's, and an IMAP try.
    const users = Array.from({ length: 12 }, (_, i) => ({ ts: t + 600 * i, ip: `192.0.2.${10 + i}`, user: `user${i}` }));
    addSource(store, '/srv/mx/dovecot.log', [
      ...users.map((u) => refusal(u.ts, u.ip, u.user)),
      refusal(t + 200, '192.0.2.50', 'erin'),
      refusal(t + 300, '192.0.2.51', 'frank'),
      { ...refusal(t + 400, '192.0.2.52', 'gina'), service: 'imap' },
    ]);
    // mail.log: postfix's logins of the same requests, some with the name completed by a domain.
    addSource(store, '/srv/mx/mail.log', [], [
      ...users.map((u, i) => ({ ts: u.ts + (i % 2), ip: u.ip, user: i % 3 ? u.user : `${u.user}@example.org`, service: 'submission', line: i + 1 })),
      { ts: t + 203, ip: '192.0.2.50', user: 'erin', service: 'submission', line: 20 },
      { ts: t + 300, ip: '192.0.2.99', user: 'frank', service: 'submission', line: 21 },
      { ts: t + 400, ip: '192.0.2.52', user: 'gina', service: 'imap', line: 22 },
    ]);
    // Another server's log of the same moments, which mx's logins were tried on too, keeps its own.
    const own = Array.from({ length: 12 }, (_, i) => refusal(t + 600 * i + 77, `198.51.100.${10 + i}`, `other${i}`));
    addSource(store, '/srv/other/dovecot.log', [...users.map((u) => refusal(u.ts, u.ip, u.user)), ...own]);
    const removed = store.removeRepeatedTries(['/srv/mx/dovecot.log', '/srv/mx/mail.log', '/srv/other/dovecot.log']);
    expect(removed.get('/srv/mx/dovecot.log')).toMatchObject({ attempts: 12, kind: 'first passdb', copyOfPaths: ['/srv/mx/mail.log'] });
    expect(figures(store).bySource).toEqual({ '/srv/mx/dovecot.log': 3, '/srv/other/dovecot.log': 24 });
    expect(figures(store).rollupsAgree).toBe(true);
    store.close();
  });

  it('finds copies and refusals in a folder of more files than one SQL statement takes parameters', async () => {
    // SQLite takes 32,766 parameters at most: the folder's ids were once two parameters each in one statement.
    const store = await CaseStore.create();
    const t = 1_700_000_000;
    const samples = 16_400;
    for (let i = 0; i < samples; i++) {
      addSource(store, `/srv/mx/sample-${String(i).padStart(5, '0')}.log`,
        [{ ts: t + (i % 3_600), ip: `198.51.100.${i % 250}`, user: `sample${i}`, password: null, service: 'imap', line: 1 }]);
    }
    const refusals = Array.from({ length: 12 }, (_, i): AttemptRecord => ({ ts: t + 300 * i, ip: `192.0.2.${10 + i}`, user: `user${i}`, password: null, service: null, line: i + 1 }));
    const tries = valid(generateRecords(5, 400).attempts).map((r, i) => ({ ...r, ts: t + (i % 3_600), line: 100 + i }));
    addSource(store, '/srv/mx/dovecot.log', [...refusals, ...tries]);
    addSource(store, '/srv/mx/mail.log', [], refusals.map((r) => ({ ts: r.ts, ip: r.ip, user: r.user, service: 'submission', line: r.line })));
    addSource(store, '/srv/mx/syslog', tries.map((r, i) => ({ ...r, line: i + 1 })));
    const removed = store.removeRepeatedTries(['/srv/mx/dovecot.log', '/srv/mx/mail.log', '/srv/mx/syslog']);
    expect(removed.get('/srv/mx/dovecot.log')).toMatchObject({ attempts: 12, kind: 'first passdb', copyOfPaths: ['/srv/mx/mail.log'] });
    expect(removed.get('/srv/mx/syslog')).toMatchObject({ attempts: tries.length, kind: 'same lines', copyOfPaths: ['/srv/mx/dovecot.log'] });
    const after = figures(store);
    expect(after.bySource['/srv/mx/dovecot.log']).toBe(tries.length);
    expect(after.bySource['/srv/mx/syslog']).toBeUndefined();
    expect(Object.keys(after.bySource)).toHaveLength(samples + 1);
    expect(after.rollupsAgree).toBe(true);
    store.close();
  }, 120_000);

  it('keeps a few refusals whose logins are in another file: a folder of one-line samples holds lines of several servers', async () => {
    const store = await CaseStore.create();
    const t = 1_700_000_000;
    addSource(store, '/corpus/0001.log', [{ ts: t, ip: '192.0.2.10', user: 'carol', password: null, service: null, line: 1 }]);
    addSource(store, '/corpus/0002.log', [], [{ ts: t, ip: '192.0.2.10', user: 'carol', service: 'imap', line: 1 }]);
    expect(store.removeRepeatedTries(['/corpus/0001.log', '/corpus/0002.log']).size).toBe(0);
    store.close();
  });

  it('takes out a few PAM lines and a few first-passdb refusals between one server\'s logs by name', async () => {
    const store = await CaseStore.create();
    const t = 1_700_000_000;
    // A small server's day: dovecot checks with PAM, two tries in mail.log and in auth.log.
    addSource(store, '/srv/a/mail.log', [
      { ts: t + 9, ip: '203.0.113.7', user: 'admin', password: null, service: 'imap', line: 2 },
      { ts: t + 90, ip: '203.0.113.8', user: 'info', password: null, service: 'pop3', line: 4 },
    ]);
    addSource(store, '/srv/a/auth.log', [
      { ts: t + 5, ip: '203.0.113.7', user: 'admin', password: null, service: null, line: 1 },
      { ts: t + 88, ip: '203.0.113.8', user: 'info', password: null, service: null, line: 2 },
    ], [], 'system PAM');
    // dovecot's own log_path file beside postfix's mail.log: carol's first passdb turns her down as postfix lets her in.
    addSource(store, '/srv/b/dovecot.log', [{ ts: t, ip: '192.0.2.10', user: 'carol', password: null, service: null, line: 1 }]);
    addSource(store, '/srv/b/mail.log', [], [{ ts: t, ip: '192.0.2.10', user: 'carol@example.org', service: 'submission', line: 1 }]);
    const removed = store.removeRepeatedTries(['/srv/a/mail.log', '/srv/a/auth.log', '/srv/b/dovecot.log', '/srv/b/mail.log']);
    expect([...removed.keys()].sort()).toEqual(['/srv/a/auth.log', '/srv/b/dovecot.log']);
    expect(figures(store).bySource).toEqual({ '/srv/a/mail.log': 2 });
    expect(figures(store).rollupsAgree).toBe(true);
    store.close();
  });

  it('lets one dovecot row stand for one PAM row only: another alike in auth.log is another try', async () => {
    const store = await CaseStore.create();
    const t = 1_700_000_000;
    // dovecot logged one try (an auth line, auth_verbose=yes); the PAM module two in that second.
    const row = (line: number): AttemptRecord => ({ ts: t, ip: '192.0.2.5', user: 'bob', password: null, service: null, line });
    addSource(store, '/var/log/mail.log', [row(1)]);
    addSource(store, '/var/log/auth.log', [row(1), row(2)], [], 'system PAM');
    expect(store.removeRepeatedTries(['/var/log/mail.log', '/var/log/auth.log']).get('/var/log/auth.log')).toMatchObject({ attempts: 1 });
    expect(figures(store).bySource).toEqual({ '/var/log/mail.log': 1, '/var/log/auth.log': 1 });
    store.close();
  });

  it('takes no sshd try for a dovecot try of the same second, address and name whose line names no service', async () => {
    const store = await CaseStore.create();
    const t = 1_700_000_000;
    // One address tries root by SSH and by SMTP AUTH (dovecot's auth line, no service) in the same seconds.
    const tries = [0, 7, 19].map((d, i) => ({ ts: t + d, ip: '192.0.2.12', user: 'root', password: null, line: i + 1 }));
    addSource(store, '/var/log/auth.log', tries.map((r) => ({ ...r, service: 'ssh' })));
    addSource(store, '/var/log/mail.log', tries.map((r) => ({ ...r, service: null })));
    expect(store.removeRepeatedTries(['/var/log/auth.log', '/var/log/mail.log']).size).toBe(0);
    expect(figures(store).bySource).toEqual({ '/var/log/auth.log': 3, '/var/log/mail.log': 3 });
    store.close();
  });

  it('takes no dovecot try for a first passdb\'s refusal of an sshd login of the same name and address', async () => {
    const store = await CaseStore.create();
    const t = 1_700_000_000;
    addSource(store, '/srv/c/dovecot.log', [{ ts: t, ip: '192.0.2.11', user: 'dave', password: null, service: null, line: 1 }]);
    addSource(store, '/srv/c/auth.log', [], [{ ts: t, ip: '192.0.2.11', user: 'dave', service: 'ssh', line: 1 }]);
    expect(store.removeRepeatedTries(['/srv/c/dovecot.log', '/srv/c/auth.log']).size).toBe(0);
    expect(figures(store).bySource).toEqual({ '/srv/c/dovecot.log': 1 });
    store.close();
  });

  it('keeps the rows of a folder of one-line samples, some of them the same try in other words', async () => {
    const store = await CaseStore.create();
    // An acceptance corpus: each sample line in a file of its own; an auth line and a login line of one try
    // give the same row, and a PAM line the same try again.
    const one = valid(generateRecords(13, 40).attempts).slice(0, 12);
    one.forEach((r, i) => {
      addSource(store, `/corpus/${String(3 * i).padStart(4, '0')}.log`, [r]);
      addSource(store, `/corpus/${String(3 * i + 1).padStart(4, '0')}.log`, [{ ...r, line: 1 }]);
      addSource(store, `/corpus/${String(3 * i + 2).padStart(4, '0')}.log`, [{ ...r, ts: r.ts - 1, service: null, password: null }], [], 'system PAM');
    });
    const paths = store.sources().map((src) => src.path);
    expect(store.removeRepeatedTries(paths).size).toBe(0);
    expect(Object.keys(figures(store).bySource)).toHaveLength(paths.length);
    store.close();
  });

  it('finds as the same the tries whose user, password or service the log did not say', async () => {
    const store = await CaseStore.create();
    const bare = valid(generateRecords(8, 2_000).attempts).map((r) => ({ ...r, user: null, password: null, service: null }));
    addSource(store, '/var/log/mail.log', bare);
    addSource(store, '/var/log/mail.info', bare);
    expect(removeCopies(store, '/var/log/mail.info')).toMatchObject({ attempts: bare.length, logins: 0 });
    expect(figures(store).bySource).toEqual({ '/var/log/mail.log': bare.length });
    store.close();
  });
});
