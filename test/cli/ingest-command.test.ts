import { describe, expect, it } from 'vitest';
import { describeIngest, describeSource } from '../../src-main/cli/ingest-command';
import type { SourceReport } from '../../src-main/shared/api';

function source(counts: Partial<SourceReport>): SourceReport {
  return {
    path: '/logs/mail.log', encoding: 'plain', bytes: 100, lines: 0, attemptLines: 0, loginLines: 0, ignoredLines: 0, unparsedLines: 0,
    attempts: 0, logins: 0, firstTs: null, lastTs: null, notes: [], warnings: [], errors: [], unparsed: [], ...counts,
  };
}

describe('describeSource', () => {
  it('says "1 line", "1 attempt", "1 login" for one, and the plural otherwise', () => {
    expect(describeSource(source({ lines: 1, attemptLines: 1, attempts: 1, logins: 1 })))
      .toBe('/logs/mail.log (plain): 1 line = 1 attempt + 0 login + 0 ignored + 0 unparsed; 1 attempt, 1 login\n');
    expect(describeSource(source({ lines: 2_000, attemptLines: 1_500, loginLines: 2, ignoredLines: 498, attempts: 1_400, logins: 2 })))
      .toBe('/logs/mail.log (plain): 2,000 lines = 1,500 attempt + 2 login + 498 ignored + 0 unparsed; 1,400 attempts, 2 logins\n');
    expect(describeSource(source({}))).toBe('/logs/mail.log (plain): 0 lines = 0 attempt + 0 login + 0 ignored + 0 unparsed; 0 attempts, 0 logins\n');
  });
});

describe('describeIngest', () => {
  it('lists the files read, the entries passed over, and what files of earlier ingests gave up, each line safe for a terminal', () => {
    const text = describeIngest({
      sources: [source({ path: '/var/log/dovecot.log', lines: 3, attemptLines: 2, ignoredLines: 1, attempts: 1 })],
      skipped: [{ path: '/var/log/fifo', reason: 'a named pipe, not a regular file' }],
      readBefore: [{ path: '/home/admin/case/\u001b[31mfailures.txt', attempts: 1, logins: 0, note: '1 attempt of it is a try that /var/log/dovecot.log holds with its auth line' }],
      cancelled: false, attemptsAdded: 0, loginsAdded: 0, elapsedMs: 1,
    });
    expect(text.split('\n')).toEqual([
      '/var/log/dovecot.log (plain): 3 lines = 2 attempt + 0 login + 1 ignored + 0 unparsed; 1 attempt, 0 logins',
      '/var/log/fifo: skipped, a named pipe, not a regular file',
      '/home/admin/case/\\x1b[31mfailures.txt (read before): 1 attempt of it is a try that /var/log/dovecot.log holds with its auth line',
      '',
    ]);
  });
});
