// The SIMD keyword scan against the regex it stands for: the same candidate lines, whatever fingerprints the
// sample makes it choose, on a generated year's text and on text built to sit keywords, their ignore phrases
// and near misses across the kernel's 16-byte steps.
import { describe, expect, it } from 'vitest';
import { builtInFormats, keywordsOutside } from '../../../../src-main/engine/formats/index';
import { generateCase } from '../../../../src-main/engine/generate/generator';
import { CandidateScanner } from '../../../../src-main/engine/ingest/candidate-lines';
import { TeddyKeywordScan, type KeywordSet } from '../../../../src-main/engine/ingest/keyword-scan/keyword-scan';
import { JOURNAL_BYTES_MESSAGE_STARTS } from '../../../../src-main/engine/parse/structured-line';

const set: KeywordSet = {
  keywords: [...builtInFormats.prefilterWords.keywords, ...JOURNAL_BYTES_MESSAGE_STARTS],
  ignores: builtInFormats.prefilterWords.ignores,
};
const reference = keywordsOutside(set.keywords, set.ignores);

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Lines made of keywords, pieces of them, ignore phrases, their near misses and other bytes. */
function trickyText(seed: number, lines: number): string {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const pieces = [
    ...set.keywords, ...set.ignores,
    ...set.keywords.map((k) => k.slice(0, -1)), ...set.keywords.map((k) => k.slice(1)),
    ...set.ignores.map((p) => p.slice(1)), ...set.ignores.map((p) => p.slice(0, -2)),
    'unknown[', 'Logged out', 'smtp', 'auth=', ' auth=PLAIN', '(no auth attempts in 0 secs)', 'postfix/smtpd[12]:',
    'x', ' ', '  ', 'é', '\u00ff', '\0', '\t', '1.2.3.4', 'user=<a>',
  ];
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    let line = '';
    const parts = Math.floor(next() * 6);
    // A filler of 0-17 bytes shifts what follows across the 16-byte steps.
    for (let p = 0; p < parts; p++) line += 'abcdefghijklmnopq'.slice(0, Math.floor(next() * 18)) + pick(pieces);
    out.push(line);
  }
  return out.join('\n');
}

/** The lines (1-based) of `text` that hold a keyword outside its ignore phrases, as the regex finds them. */
function linesByRegex(text: string): number[] {
  return text.split('\n').flatMap((line, i) => (reference.test(line) ? [i + 1] : []));
}

/** The lines the kernel reports, each once, checking that each place it gives lies in its line. */
function linesByKernel(scan: TeddyKeywordScan, text: string): { lines: number[]; newlines: number } {
  const bytes = Buffer.from(text, 'latin1');
  const lines: number[] = [];
  let counted = 0;
  let countedTo = 0;
  const newlines = scan.forEach(bytes, (at, newlinesBefore) => {
    for (; countedTo < at; countedTo++) if (bytes[countedTo] === 10) counted++;
    expect(newlinesBefore).toBe(counted);
    // A keyword starts there, not just its fingerprint.
    expect(set.keywords.some((k) => bytes.toString('latin1', at, at + k.length) === k)).toBe(true);
    lines.push(newlinesBefore + 1);
    const end = bytes.indexOf(10, at);
    return end === -1 ? bytes.length : end + 1;
  });
  return { lines, newlines };
}

describe('TeddyKeywordScan', () => {
  it('finds the lines the prefilter regex finds in a generated year, whatever sample chose its fingerprints', () => {
    const { lines } = generateCase({ seed: 5, start: '2023-12-20', days: 20, targetLines: 12_000, style: 'syslog', hostile: true });
    const text = lines.join('\n') + '\n';
    const expected = linesByRegex(text);
    expect(expected.length).toBeGreaterThan(1500);
    expect(expected.length).toBeLessThan(lines.length / 2);
    // Its own start, another kind of text, and nothing: each picks other fingerprints and buckets.
    for (const sample of [Buffer.from(text.slice(0, 65536), 'latin1'), Buffer.from(trickyText(1, 500), 'latin1'), Buffer.alloc(0)]) {
      const scan = TeddyKeywordScan.create(set, sample)!;
      expect(scan).not.toBeNull();
      const found = linesByKernel(scan, text);
      expect(found.lines).toEqual(expected);
      expect(found.newlines).toBe(lines.length);
    }
  });

  it('finds keywords across the 16-byte steps, next to their ignore phrases and near misses, at the ends of the text', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const text = trickyText(seed, 300);
      const scan = TeddyKeywordScan.create(set, Buffer.from(trickyText(seed + 1000, 200), 'latin1'))!;
      const found = linesByKernel(scan, text);
      expect(found.lines, `seed ${seed}`).toEqual(linesByRegex(text));
      expect(found.newlines).toBe(text.split('\n').length - 1);
    }
    // A keyword that is the whole text, or its last bytes.
    for (const text of ['auth', 'xx mismatch', 'Login aborted', '(no auth attempts', 'a\nauth']) {
      const scan = TeddyKeywordScan.create(set, Buffer.alloc(0))!;
      expect(linesByKernel(scan, text).lines, text).toEqual(linesByRegex(text));
    }
  });

  it('reuses its memory for a bigger block after a smaller one, and the other way round', () => {
    const scan = TeddyKeywordScan.create(set, Buffer.alloc(0))!;
    const small = trickyText(7, 50);
    const big = trickyText(8, 50_000);
    expect(big.length).toBeGreaterThan(2 << 20);
    for (const text of [small, big, small]) expect(linesByKernel(scan, text).lines).toEqual(linesByRegex(text));
  });

  it('is not made for keywords shorter than a fingerprint, or not ASCII: the regex searches for those', () => {
    expect(TeddyKeywordScan.create({ keywords: ['ssh'], ignores: [] }, Buffer.alloc(0))).toBeNull();
    expect(TeddyKeywordScan.create({ keywords: ['Anmeldung fehlgeschlagen für'], ignores: [] }, Buffer.alloc(0))).toBeNull();
    expect(TeddyKeywordScan.create({ keywords: [], ignores: [] }, Buffer.alloc(0))).toBeNull();
  });
});

describe('CandidateScanner with the kernel and with the regex', () => {
  it('gives the same candidate lines, line numbers, cuts and line count for blocks with holes, long lines and an open last line', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const next = random(seed);
      const parts = trickyText(seed, 400).split('\n');
      // A hole's zeros before a line's start, a line longer than MAX_LINE_BYTES, and no newline at the end.
      parts[50] = `${parts[50].slice(0, 9)}${'\0'.repeat(300)}Nov 21 10:00:02 mail dovecot: auth: Info: x`;
      parts[120] = `mismatch ${'y'.repeat(70_000 + Math.floor(next() * 100))}`;
      const text = parts.join('\n') + (seed % 2 === 0 ? '\n' : '');
      const buf = Buffer.from(text, 'latin1');
      const withKernel = new CandidateScanner(builtInFormats).scan(buf);
      const withRegex = new CandidateScanner(builtInFormats, false, { kernel: false }).scan(buf);
      expect(withKernel, `seed ${seed}`).toEqual(withRegex);
      expect(withKernel.cut).toBe(1);
    }
  });
});
