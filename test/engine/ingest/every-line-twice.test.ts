// A head whose lines all come in pairs of a line and itself: a logger that writes every message twice.
import { describe, expect, it } from 'vitest';
import { MIN_HEAD_LINES, everyLineTwice } from '../../../src-main/engine/ingest/every-line-twice';
import { HEAD_BYTES } from '../../../src-main/engine/ingest/line-reader';
import { authLogText, generateAuthLog } from '../../../src-main/engine/generate/auth-log';

/** A file's head as ingest reads it: its first HEAD_BYTES. */
const headOf = (lines: readonly string[], end = '\n'): Buffer => Buffer.from(lines.join(end) + end).subarray(0, HEAD_BYTES);
const twice = (lines: readonly string[]): string[] => lines.flatMap((l) => [l, l]);

describe('everyLineTwice', () => {
  const lines = authLogText(generateAuthLog({ seed: 5, start: '2024-02-01', days: 2, connectionsPerDay: 200, addresses: 100 }).lines()).split('\n').filter(Boolean);

  it('knows a head of sshd\'s auth.log written twice, whole or cut in a pair, and with CRLF line ends', () => {
    expect(everyLineTwice(headOf(twice(lines)))).toBe(true);
    // A rotation between the two writes of one message: the file starts with the second.
    expect(everyLineTwice(headOf(twice(lines).slice(1)))).toBe(true);
    expect(everyLineTwice(headOf(twice(lines), '\r\n'))).toBe(true);
  });

  it('takes a log written once for none, and a brute force\'s alike lines among other lines for none', () => {
    expect(everyLineTwice(headOf(lines))).toBe(false);
    // The same try again and again, each line twice at first, then the other connections' lines.
    const alike = 'Feb  1 10:00:00 host sshd[31337]: Failed password for root from 203.0.113.99 port 40404 ssh2';
    expect(everyLineTwice(headOf([alike, alike, alike, alike, ...lines]))).toBe(false);
    // One copy lost (the disk filled for a moment) still leaves a file written twice; lines written once among
    // the pairs, in three places, do not.
    const doubled = twice(lines);
    expect(everyLineTwice(headOf([...doubled.slice(0, 9), ...doubled.slice(10)]))).toBe(true);
    const cron = 'Feb  1 10:00:00 host CRON[1]: (root) CMD (true)';
    expect(everyLineTwice(headOf([...doubled.slice(0, 6), cron, ...doubled.slice(6, 12), cron, ...doubled.slice(12, 18), cron, ...doubled.slice(18)]))).toBe(false);
  });

  it('takes a file of failures alone in pairs for none: two AUTH commands of each connection, turned down in one second (mail.warn)', () => {
    const warnings = Array.from({ length: 10 }, (_, k) => `Mar  4 09:0${k}:03 mail postfix/smtpd[${900 + k}]: warning: unknown[198.51.100.${70 + k}]: SASL LOGIN authentication failed: UGFzc3dvcmQ6`);
    expect(everyLineTwice(headOf(twice(warnings)))).toBe(false);
    // Written twice throughout, the same file holds the connections' other lines in pairs too.
    const connects = warnings.map((w) => w.replace(/warning: .*/, 'connect from unknown[198.51.100.1]'));
    expect(everyLineTwice(headOf(twice(warnings.flatMap((w, k) => [connects[k], w]))))).toBe(true);
  });

  it(`needs ${MIN_HEAD_LINES} whole lines at least: a few pairs may be alike tries`, () => {
    // Lines that no try writes (sessions opened and closed, cron's), which make the pairs telling.
    const others = lines.filter((l) => !/fail|invalid/i.test(l));
    expect(everyLineTwice(headOf(twice(others.slice(0, MIN_HEAD_LINES / 2))))).toBe(true);
    expect(everyLineTwice(headOf(twice(others.slice(0, MIN_HEAD_LINES / 2 - 1))))).toBe(false);
    // Empty lines are no evidence either way.
    expect(everyLineTwice(headOf(['', '', ...twice(lines.slice(0, 3)), '', '']))).toBe(false);
    expect(everyLineTwice(Buffer.alloc(0))).toBe(false);
  });
});
