// journalctl's first line, which says when the journal ended: the clock a copied export's year-less stamps
// are dated from (ingest-file.ts).
import { describe, expect, it } from 'vitest';
import { journalEnd } from '../../../src-main/engine/ingest/ingest-file';

const end = (line: string): string | null => {
  const ms = journalEnd(Buffer.from(`${line}\nJan 01 00:00:07 mx dovecot[812]: imap-login: x\n`));
  return ms === null ? null : new Date(ms).toISOString();
};

describe('journalEnd', () => {
  it('reads the end of the journal from either wording of the header', () => {
    expect(end('-- Logs begin at Sat 2020-11-14 08:00:01 CET, end at Fri 2021-01-01 09:30:00 CET. --')).toBe('2021-01-01T09:30:00.000Z');
    expect(end('-- Journal begins at Mon 2022-02-28 10:00:00 UTC, ends at Tue 2023-03-14 23:59:59 UTC. --')).toBe('2023-03-14T23:59:59.000Z');
  });

  it('reads nothing from other first lines, or a date that is no day', () => {
    expect(end('Jan 01 00:00:01 mx dovecot[812]: imap-login: Login: user=<a>')).toBeNull();
    expect(end('-- No entries --')).toBeNull();
    expect(end('-- Logs begin at Sat 2020-11-14 08:00:01 CET, end at Fri 2021-02-30 09:30:00 CET. --')).toBeNull();
    expect(end('x -- Logs begin at Sat 2020-11-14 08:00:01 CET, end at Fri 2021-01-01 09:30:00 CET. --')).toBeNull();
  });
});
