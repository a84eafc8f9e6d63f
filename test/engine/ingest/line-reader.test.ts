import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { ContentHasher, MAX_LINE_BYTES, DamagedCompressionError, contentAt, contentByteAt, contentHashesAt, contentRangeHash, looksBinary, readHead, readLineBlocks, readLines, sniffEncoding } from '../../../src-main/engine/ingest/line-reader';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'line-reader-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const sample = Array.from({ length: 5000 }, (_, i) =>
  `Nov 12 10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} mail dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<user${i}>, method=PLAIN, rip=203.0.113.${i % 250}, lip=10.0.0.1, TLS, session=<s${i}>`,
).join('\n') + '\n';

function write(name: string, data: string | Buffer): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, data);
  return p;
}

async function collect(file: string, opts: Parameters<typeof readLines>[2] = {}) {
  const lines: string[] = [];
  let last = 0;
  const cut: number[] = [];
  for await (const b of readLines(file, await sniffEncoding(file), opts)) {
    for (const i of b.cutLines) cut.push(lines.length + i);
    lines.push(...b.lines);
    last = b.contentBytes;
  }
  return { lines, contentBytes: last, cut };
}

/**
 * The content is hashed as it is read: this hasher records how much more memory holds buffers, at most, each
 * time it is given a piece than when it was made.
 */
class BufferWatchingHasher extends ContentHasher {
  private readonly before = process.memoryUsage().arrayBuffers;
  private most = 0;

  override update(chunk: Buffer): void {
    this.most = Math.max(this.most, process.memoryUsage().arrayBuffers);
    super.update(chunk);
  }

  heldAtMost(): number {
    return this.most - this.before;
  }
}

describe('readLines', () => {
  it('reads plain and gzip content identically, detecting gzip by magic bytes not by name', async () => {
    const plain = write('mail.log', sample);
    const gz = write('mail.log.1', zlib.gzipSync(sample)); // no .gz suffix on purpose
    expect(await sniffEncoding(plain)).toBe('plain');
    expect(await sniffEncoding(gz)).toBe('gzip');
    const a = await collect(plain);
    const b = await collect(gz);
    expect(a.lines).toHaveLength(5000);
    expect(b.lines).toEqual(a.lines);
    expect(a.contentBytes).toBe(Buffer.byteLength(sample));
  });

  it('keeps an unterminated last line, strips CR, and turns invalid UTF-8 into replacement characters', async () => {
    const bytes = Buffer.concat([Buffer.from('first\r\nsecond user=<'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('>\nlast without newline')]);
    const { lines } = await collect(write('mixed.log', bytes));
    expect(lines).toEqual(['first', 'second user=<\ufffd\ufffd\ufffd>', 'last without newline']);
  });

  it('reads multi-member gzip files (concatenated rotations) completely', async () => {
    const half = sample.length / 2;
    const cutAt = sample.indexOf('\n', half) + 1;
    const gz = write('multi.gz', Buffer.concat([zlib.gzipSync(sample.slice(0, cutAt)), zlib.gzipSync(sample.slice(cutAt))]));
    expect((await collect(gz)).lines).toHaveLength(5000);
  });

  it('cuts a 100 MB line to MAX_LINE_BYTES with bounded memory and goes on with the next lines', async () => {
    const p = path.join(dir, 'huge.log');
    const fd = fs.openSync(p, 'w');
    fs.writeSync(fd, 'before\n');
    const block = Buffer.alloc(1 << 20, 'A');
    for (let i = 0; i < 100; i++) fs.writeSync(fd, block);
    fs.writeSync(fd, '\nafter\n');
    fs.closeSync(fd);
    const hasher = new BufferWatchingHasher();
    const { lines, cut, contentBytes } = await collect(p, { hasher });
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('before');
    expect(lines[1].length).toBe(MAX_LINE_BYTES);
    expect(lines[2]).toBe('after');
    expect(cut).toEqual([1]);
    // The line was never held whole (it was, until the next line came, before: 100 MB more in buffers), though
    // the pieces read and dropped wait for the garbage collector; and every byte is hashed.
    expect(hasher.heldAtMost()).toBeLessThan(50 * 1024 * 1024);
    expect(contentBytes).toBe(fs.statSync(p).size);
    expect(hasher.current()).toBe(createHash('sha1').update(fs.readFileSync(p)).digest('hex'));
  });

  /** `before\n`, a hole of `holeBytes` zeros (sparse: no disk is used), then `after\n`. */
  function sparseLog(name: string, holeBytes: number): string {
    const p = path.join(dir, name);
    const fd = fs.openSync(p, 'w');
    fs.writeSync(fd, 'before\n');
    fs.writeSync(fd, 'after\n', 7 + holeBytes);
    fs.closeSync(fd);
    return p;
  }

  async function sha1OfFile(p: string, bytes = Infinity): Promise<string> {
    const hash = createHash('sha1');
    for await (const chunk of fs.createReadStream(p, bytes === Infinity ? {} : { end: bytes - 1 })) hash.update(chunk as Buffer);
    return hash.digest('hex');
  }

  it('reads past a hole of hundreds of megabytes (a sparse file) with bounded memory, hashing every byte', async () => {
    const holeBytes = 300 << 20;
    const p = sparseLog('sparse.log', holeBytes);
    const hasher = new BufferWatchingHasher();
    const { lines, contentBytes } = await collect(p, { hasher });
    // The last of the zeros may stay before the line after them, where the stamp reader reads past them.
    expect(lines.map((l) => l.replace(/^\0+/, ''))).toEqual(['before', 'after']);
    // The zeros were held until the line after them came (the whole hole in buffers), before. Chunks read and
    // dropped wait for the garbage collector (40 to 55 MB of them were seen), so the bound is a third of the hole
    // (without the fix, 180 MB were seen).
    expect(hasher.heldAtMost()).toBeLessThan(holeBytes / 3);
    expect(contentBytes).toBe(fs.statSync(p).size);
    expect(hasher.current()).toBe(await sha1OfFile(p));
  });

  it('stops inside a hole with the hash where the last line ended, as if the zeros were unread', async () => {
    const p = sparseLog('sparse-stop.log', 64 << 20);
    const controller = new AbortController();
    class StoppingHasher extends ContentHasher {
      override update(chunk: Buffer): void {
        super.update(chunk);
        if (this.bytes > 32 << 20) controller.abort();
      }
    }
    const hasher = new StoppingHasher();
    const { lines } = await collect(p, { hasher, signal: controller.signal });
    expect(controller.signal.aborted).toBe(true);
    expect(lines).toEqual(['before']);
    expect(hasher.bytes).toBe(7);
    expect(hasher.current()).toBe(await sha1OfFile(p, 7));
  });

  it('stops inside an overlong line with the hash where the line was cut, as if the rest were unread', async () => {
    const p = path.join(dir, 'huge-stop.log');
    fs.writeFileSync(p, Buffer.concat([Buffer.from('before\n'), Buffer.alloc(8 << 20, 'A'), Buffer.from('\nafter\n')]));
    const hasher = new ContentHasher();
    const controller = new AbortController();
    let cutAt = -1;
    for await (const b of readLines(p, 'plain', { hasher, signal: controller.signal })) {
      if (b.cutLines.length) {
        cutAt = b.contentBytes;
        controller.abort(); // the reader goes on dropping the line's rest, then sees the signal
      }
    }
    expect(cutAt).toBeGreaterThan(MAX_LINE_BYTES);
    expect(hasher.bytes).toBe(cutAt);
    expect(hasher.current()).toBe(createHash('sha1').update(fs.readFileSync(p).subarray(0, cutAt)).digest('hex'));
  });

  it('reports a truncated gzip after yielding the whole lines before the damage, and how much of a line it cut', async () => {
    const gz = zlib.gzipSync(sample);
    const p = write('truncated.gz', gz.subarray(0, Math.floor(gz.length * 0.6)));
    const lines: string[] = [];
    const hasher = new ContentHasher();
    let damage: DamagedCompressionError | null = null;
    try {
      for await (const b of readLines(p, 'gzip', { hasher })) lines.push(...b.lines);
    } catch (e) {
      damage = e as DamagedCompressionError;
    }
    expect(damage).toBeInstanceOf(DamagedCompressionError);
    expect(lines.length).toBeGreaterThan(1000);
    expect(lines.length).toBeLessThan(5000);
    // Every line given is one the log wrote; the content read (and hashed) ends with the last of them.
    const read = lines.join('\n') + '\n';
    expect(sample.startsWith(read)).toBe(true);
    expect([hasher.bytes, hasher.current()]).toEqual([read.length, createHash('sha1').update(read).digest('hex')]);
    // What the stream gave after that was the start of the next line, cut short.
    const decoded = zlib.gunzipSync(gz.subarray(0, Math.floor(gz.length * 0.6)), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
    expect(damage!.cutLineBytes).toBe(decoded.length - read.length);
    expect(damage!.cutLineBytes).toBeGreaterThan(0);
    expect(sample.slice(read.length).startsWith(decoded.subarray(read.length).toString())).toBe(true);
  });

  it('skips an already-ingested prefix after checking its hash, and continues line by line', async () => {
    const p = write('grown.log', sample);
    const prefixEnd = sample.indexOf('\n', 100_000) + 1;
    const prefixHash = createHash('sha1').update(sample.slice(0, prefixEnd)).digest('hex');
    let seen: string | null = null;
    const hasher = new ContentHasher();
    const { lines } = await collect(p, { skipBytes: prefixEnd, hasher, onSkipped: (h) => { seen = h; return true; } });
    expect(seen).toBe(prefixHash);
    expect(lines[0]).toBe(sample.slice(prefixEnd).split('\n')[0]);
    expect(lines.length).toBe(sample.slice(prefixEnd).split('\n').length - 1);
    expect(hasher.current()).toBe(createHash('sha1').update(sample).digest('hex'));
  });

  it('stops when the prefix does not match', async () => {
    const p = write('other.log', sample);
    const { lines } = await collect(p, { skipBytes: 1000, onSkipped: () => false });
    expect(lines).toEqual([]);
  });

  it('marks a last line without a newline as open, in a block of its own, and no other', async () => {
    const text = sample.slice(0, -1); // the last line loses its newline
    for (const file of [write('open.log', text), write('open.log.gz', zlib.gzipSync(text))]) {
      const blocks = [];
      for await (const b of readLineBlocks(file, await sniffEncoding(file))) blocks.push(b);
      const last = blocks[blocks.length - 1];
      expect(blocks.filter((b) => b.openFrom)).toEqual([last]);
      expect(last.buf.toString()).toBe(`${text.slice(text.lastIndexOf('\n') + 1)}\n`);
      const start = text.lastIndexOf('\n') + 1;
      expect(last.openFrom).toEqual({ bytes: start, hash: createHash('sha1').update(text.slice(0, start)).digest('hex') });
    }
    const whole = write('closed.log', sample);
    for await (const b of readLineBlocks(whole, 'plain')) expect(b.openFrom).toBeNull();
  });

  it('after a skipped content that ended in an open line, takes a newline right after it as that line\'s end, not an empty line', async () => {
    const head = 'Nov 12 10:00:01 mail dovecot: imap-login: Login: user=<a>';
    const rest = 'Nov 12 10:00:02 mail dovecot: imap-login: Login: user=<b>\n';
    const p = write('ended.log', `${head}\n${rest}`);
    const hasher = new ContentHasher();
    const ended = await collect(p, { skipBytes: head.length, skippedOpenLine: true, hasher, onSkipped: () => true });
    expect(ended.lines).toEqual([rest.trimEnd()]);
    // A line still open after the newline starts after it, and its start's hash counts that newline.
    const open = write('ended-open.log', `${head}\n${rest.trimEnd()}`);
    const blocks = [];
    for await (const b of readLineBlocks(open, 'plain', { skipBytes: head.length, skippedOpenLine: true, onSkipped: () => true })) blocks.push(b);
    expect(blocks.map((b) => b.openFrom)).toEqual([{ bytes: head.length + 1, hash: createHash('sha1').update(`${head}\n`).digest('hex') }]);
    // Every byte is still hashed, the newline with the line before it.
    expect(hasher.current()).toBe(createHash('sha1').update(`${head}\n${rest}`).digest('hex'));
    // Without the flag, the newline ends an empty line of its own; and a line that goes on is not touched.
    expect((await collect(p, { skipBytes: head.length })).lines).toEqual(['', rest.trimEnd()]);
    expect((await collect(write('goes-on.log', `${head}>\n${rest}`), { skipBytes: head.length, skippedOpenLine: true })).lines).toEqual(['>', rest.trimEnd()]);
  });
});

describe('contentByteAt', () => {
  it('gives the content byte at an offset, in plain and compressed files, and null past the end', async () => {
    const content = Buffer.from(sample);
    for (const file of [write('byte.log', content), write('byte.log.gz', zlib.gzipSync(content))]) {
      expect(await contentByteAt(file, 0)).toBe(content[0]);
      expect(await contentByteAt(file, 150_000)).toBe(content[150_000]);
      expect(await contentByteAt(file, content.length - 1)).toBe(10);
      expect(await contentByteAt(file, content.length)).toBeNull();
    }
    expect(await contentByteAt(path.join(dir, 'missing.log'), 0)).toBeNull();
  });

  it('gives content bytes and the hash of a range of them, in plain and compressed files, across read chunks', async () => {
    const content = Buffer.from(sample.repeat(8)); // past a megabyte: more than one chunk
    const hashOf = (b: Buffer): string => createHash('sha1').update(b).digest('hex');
    const [from, to] = [1_048_000, 1_049_000];
    for (const file of [write('range.log', content), write('range.log.gz', zlib.gzipSync(content))]) {
      expect(await contentAt(file, from, to - from)).toEqual(content.subarray(from, to));
      expect(await contentAt(file, content.length - 5, 100)).toEqual(content.subarray(content.length - 5));
      expect(await contentRangeHash(file, from, to)).toBe(hashOf(content.subarray(from, to)));
      expect(await contentRangeHash(file, 0, content.length)).toBe(hashOf(content));
      expect(await contentRangeHash(file, from, content.length + 1)).toBeNull();
    }
  });
});

describe('looksBinary', () => {
  const log = Buffer.from('Nov 12 10:00:01 mail dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<a>, rip=192.0.2.1\n'.repeat(20));
  const zeros = (n: number): Buffer => Buffer.alloc(n, 0);
  /** Login records as wtmp keeps them: a type, a pid, short texts padded with NULs (the host to 256 bytes), times. */
  function wtmp(records: number): Buffer {
    const out = Buffer.alloc(384 * records);
    for (let r = 0; r < records; r++) {
      const at = r * 384;
      out.writeInt16LE(7, at);
      out.writeInt32LE(1000 + r, at + 4);
      out.write(`pts/${r}`, at + 8);
      out.write('root', at + 44);
      out.write(`203.0.113.${r}`, at + 76);
      out.writeInt32LE(1_700_000_000 + r * 60, at + 340);
    }
    return out;
  }

  it.each([
    ['a log', log, false],
    ['a log after a hole (zeros where the file system lost what was not written out)', Buffer.concat([zeros(4096), log]), false],
    ['a log with a hole in it', Buffer.concat([log.subarray(0, 1000), zeros(2048), log.subarray(1000)]), false],
    ['a log whose hole goes on past the head', Buffer.concat([log.subarray(0, 1000), zeros(3096)]), false],
    ['nothing but a hole', zeros(4096), false],
    // A stray NUL or two (a mangled byte, a page a crash left part written) does not make the whole file binary.
    ['a log with a few NUL bytes in a line', Buffer.concat([log.subarray(0, 1000), zeros(3), log.subarray(1000)]), false],
    ['a log with a NUL byte in two places', Buffer.concat([log.subarray(0, 100), zeros(1), log.subarray(100, 2000), zeros(700), log.subarray(2000)]), false],
    ['a log with NUL bytes all through it', Buffer.concat(Array.from({ length: 8 }, (_, k) => [log.subarray(k * 400, k * 400 + 400), zeros(2)]).flat()), true],
    ['wtmp, NUL-padded records', wtmp(10).subarray(0, 4096), true],
    ['a magic number and zeros', Buffer.concat([Buffer.from('SQLite format 3'), zeros(4000)]), true],
    ['control bytes', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251 + 1)), true],
  ])('%s', (_, head, binary) => {
    expect(looksBinary(head)).toBe(binary);
  });
});

describe('readHead', () => {
  it('gives a gzip file\'s header time of the file it compressed, and none where the header keeps none', async () => {
    // gzip < mail.log.1 > mail.log.1.gz (logrotate's way) keeps mail.log.1's last write: 2023-12-31 06:25:00 UTC.
    const kept = zlib.gzipSync(sample);
    kept.writeUInt32LE(Date.UTC(2023, 11, 31, 6, 25) / 1000, 4);
    expect((await readHead(write('kept.log.1.gz', kept))).compressedFileMs).toBe(Date.UTC(2023, 11, 31, 6, 25));
    // zlib, a pipe and gzip -n write 0; a plain file has no header at all.
    expect((await readHead(write('unkept.log.1.gz', zlib.gzipSync(sample)))).compressedFileMs).toBeUndefined();
    expect((await readHead(write('plain.log.1', sample))).compressedFileMs).toBeUndefined();
    // The field is unsigned: a time past 2038 is read as one.
    kept.writeUInt32LE(0xf0000000, 4);
    expect((await readHead(write('late.log.1.gz', kept))).compressedFileMs).toBe(0xf0000000 * 1000);
  });

  it('gives the same head hash for a file and its gzip copy, and flags binary files', async () => {
    const plain = await readHead(write('h.log', sample));
    const gz = await readHead(write('h.log.gz', zlib.gzipSync(sample)));
    expect([plain.encoding, gz.encoding]).toEqual(['plain', 'gzip']);
    expect(gz.hash).toBe(plain.hash);
    expect(plain.binary).toBe(false);
    const bin = await readHead(write('case.sqlite', Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4000, 0)])));
    expect(bin.binary).toBe(true);
  });

  it('reads the head of a gzip file whose start compresses badly, and of one damaged early', async () => {
    // Random numbers as hex text: about 2 content bytes per compressed byte.
    const noisy = Buffer.from(Array.from({ length: 40_000 }, (_, i) => ((i * 2654435761) >>> 0).toString(16)).join('\n'));
    const gz = await readHead(write('noisy.log.gz', zlib.gzipSync(noisy, { level: 1 })));
    expect(gz.head.equals(noisy.subarray(0, gz.head.length))).toBe(true);
    expect(gz.head.length).toBe(4096);
    // A line repeated a million times inflates a thousandfold: the head is still its first 4 kB.
    const repeated = Buffer.from('Nov 12 10:00:01 mail dovecot: x\n'.repeat(1_000_000));
    const bomb = await readHead(write('repeated.log.gz', zlib.gzipSync(repeated, { level: 9 })));
    expect(bomb.head.equals(repeated.subarray(0, 4096))).toBe(true);
    const damaged = Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from('not deflate data at all')]);
    expect((await readHead(write('damaged.gz', damaged))).head.length).toBe(0);
  });

  it('fails for a file that cannot be opened', async () => {
    await expect(readHead(path.join(dir, 'missing.log'))).rejects.toThrow(/ENOENT/);
  });
});

describe('contentHashesAt', () => {
  const hashOf = (b: Buffer): string => {
    const h = new ContentHasher();
    h.update(b);
    return h.current();
  };

  it('gives the hash of the content up to each offset, for plain and gzip files alike', async () => {
    const content = Buffer.from(sample);
    const offsets = [10, 4096, content.length];
    const expected = offsets.map((n) => hashOf(content.subarray(0, n)));
    expect(await contentHashesAt(write('at.log', content), offsets)).toEqual(expected);
    expect(await contentHashesAt(write('at.log.gz', zlib.gzipSync(content)), offsets)).toEqual(expected);
  });

  it('gives null for a file shorter than the last offset, or missing', async () => {
    expect(await contentHashesAt(write('short.log', 'Nov 12 10:00:01 x\n'), [5, 1000])).toBeNull();
    expect(await contentHashesAt(path.join(dir, 'missing.log'), [5])).toBeNull();
  });
});
