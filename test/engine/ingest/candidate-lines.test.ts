// The keyword scan's lines: where each candidate starts, after a hole's zeros or not.
import { describe, expect, it } from 'vitest';
import { builtInFormats } from '../../../src-main/engine/formats/index';
import { CandidateScanner } from '../../../src-main/engine/ingest/candidate-lines';
import { MAX_LINE_BYTES } from '../../../src-main/engine/ingest/line-reader';

const failed = (s: number, user: string): string =>
  `Nov 21 10:00:0${s} mail dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<${user}>, method=PLAIN, rip=198.51.100.${s + 1}, lip=10.0.0.1`;

/** The candidate lines of `text` as the scan cuts them, with their line numbers. */
function candidates(text: string): [number, string][] {
  const buf = Buffer.from(text, 'latin1');
  const found = new CandidateScanner(builtInFormats).scan(buf);
  return Array.from(found.starts, (start, i) => [found.lineInBlock[i], buf.toString('latin1', start, found.ends[i])]);
}

describe('CandidateScanner', () => {
  it('finds the lines that mention authentication, and counts every line', () => {
    const text = `${failed(1, 'a')}\nNov 21 10:00:02 mail postfix/smtpd[1]: connect from x[192.0.2.1]\n${failed(3, 'b')}\n`;
    expect(candidates(text)).toEqual([[1, failed(1, 'a')], [3, failed(3, 'b')]]);
    expect(new CandidateScanner(builtInFormats).scan(Buffer.from(text)).lines).toBe(3);
  });

  it('takes every line that is not empty, with its number, from a file whose lines carry no tag', () => {
    const text = 'Invalid user a from 203.0.113.5 port 1\n\nServer listening on :: port 22.\nFailed password for root from 203.0.113.6 port 2 ssh2\n';
    const found = new CandidateScanner(builtInFormats, true).scan(Buffer.from(text));
    expect(Array.from(found.starts, (start, i) => [found.lineInBlock[i], text.slice(start, found.ends[i])])).toEqual([
      [1, 'Invalid user a from 203.0.113.5 port 1'], [3, 'Server listening on :: port 22.'], [4, 'Failed password for root from 203.0.113.6 port 2 ssh2'],
    ]);
    expect(found.lines).toBe(4);
    // The keyword scan takes none of them: sshd's keywords are its tag.
    expect(new CandidateScanner(builtInFormats).scan(Buffer.from(text)).starts).toHaveLength(0);
  });

  it('starts a line after a hole\'s zeros where the logger went on (the line before it was cut short)', () => {
    const text = `${failed(1, 'a').slice(0, 40)}${'\0'.repeat(700)}${failed(2, 'b')}\n`;
    expect(candidates(text)).toEqual([[1, failed(2, 'b')]]);
  });

  it('keeps a line whole when its NUL bytes are mangled bytes within it, not a hole before a new line', () => {
    const mangled = failed(4, 'c').replace('imap-login', '\0map-login');
    expect(candidates(`${mangled}\n`)).toEqual([[1, mangled]]);
    const twice = failed(5, 'd').replace('user=<d>', 'user=<\0\0d>');
    expect(candidates(`${twice}\n`)).toEqual([[1, twice]]);
  });

  it('reads a block of a MiB, searched a slice at a time, as if it were one: every line counted, each candidate found once', () => {
    // Candidates on both sides of every slice's end, lines of many lengths, one line longer than a slice (and
    // than MAX_LINE_BYTES, so cut) and a block whose last line has no newline.
    const lines: string[] = [];
    const expected: [number, string][] = [];
    for (let i = 0, bytes = 0; bytes < (1 << 20); i++) {
      const line = i === 699
        ? failed(7, 'x'.repeat(100_000))
        : i % 3 === 0 ? failed(i % 10, `user${i}`) : `Nov 21 10:00:02 mail postfix/smtpd[${i}]: connect from x${'y'.repeat(i % 97)}[192.0.2.1]`;
      lines.push(line);
      bytes += line.length + 1;
      if (i % 3 === 0) expected.push([i + 1, i === 699 ? line.slice(0, MAX_LINE_BYTES) : line]);
    }
    lines.push(failed(9, 'last'));
    expected.push([lines.length, failed(9, 'last')]);
    const text = lines.join('\n');
    expect(candidates(text)).toEqual(expected);
    const found = new CandidateScanner(builtInFormats).scan(Buffer.from(text, 'latin1'));
    expect(found.lines).toBe(lines.length);
    expect(found.cut).toBe(1);
  });

  it('passes a journal\'s JSON line whose MESSAGE journald wrote as bytes (not UTF-8), whose words are numbers', () => {
    const bytes = [...Buffer.from(failed(6, 'caf\xe9').replace(/^.*?dovecot: /, ''), 'latin1')];
    const record = (sep: string): string => `{"__REALTIME_TIMESTAMP":"1700560806000000","_HOSTNAME":"mail","MESSAGE":${sep}[${bytes.join(',')}]}`;
    const other = '{"__REALTIME_TIMESTAMP":"1700560807000000","_HOSTNAME":"mail","MESSAGE":"Started Daily apt activities."}';
    expect(candidates(`${record('')}\n${other}\n${record(' ')}\n`).map(([n]) => n)).toEqual([1, 3]);
  });
});
