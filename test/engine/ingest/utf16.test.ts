// Logs copied as UTF-16 (Windows PowerShell 5's `>` and Out-File) are read as the UTF-8 they decode to.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { decompressed, encodingOf } from '../../../src-main/engine/ingest/decompress';
import { readLines } from '../../../src-main/engine/ingest/line-reader';
import { utf16Of } from '../../../src-main/engine/ingest/utf16';

const text = [
  'Nov 12 10:00:01 mail dovecot: auth: passwd-file(пётр,203.0.113.7,<Ab12Cd34Ef56Gh78>): unknown user (given password: 密码\u{1F511})',
  'Nov 12 10:00:03 mail dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<пётр>, method=PLAIN, rip=203.0.113.7, lip=192.0.2.1, session=<Ab12Cd34Ef56Gh78>',
].join('\r\n') + '\r\n';

function utf16le(s: string, bom = true): Buffer {
  return Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(s, 'utf16le')]);
}

function utf16be(s: string, bom = true): Buffer {
  const le = Buffer.from(s, 'utf16le');
  return Buffer.concat([bom ? Buffer.from([0xfe, 0xff]) : Buffer.alloc(0), Buffer.from(le).swap16()]);
}

async function decode(encoding: 'utf-16le' | 'utf-16be', bytes: Buffer, piece: number): Promise<string> {
  const pieces = Array.from({ length: Math.ceil(bytes.length / piece) }, (_, i) => bytes.subarray(i * piece, (i + 1) * piece));
  const out: Buffer[] = [];
  for await (const chunk of decompressed(Readable.from(pieces, { objectMode: false }), encoding, 1 << 20)) out.push(chunk as Buffer);
  return Buffer.concat(out).toString('utf8');
}

describe('utf16Of', () => {
  it.each([
    ['little-endian with its byte-order mark (PowerShell 5)', utf16le(text), 'utf-16le'],
    ['big-endian with its byte-order mark', utf16be(text), 'utf-16be'],
    ['little-endian without one', utf16le(text, false), 'utf-16le'],
    ['big-endian without one', utf16be(text, false), 'utf-16be'],
    ['UTF-8', Buffer.from(text), null],
    ['UTF-8 with its byte-order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), null],
    ['UTF-32 little-endian', Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from('N\0\0\0o\0\0\0')]), null],
    ['a hole of zeros', Buffer.alloc(64), null],
    ['wtmp: a record type, then zeros', Buffer.from([7, 0, 0, 0, 0x2a, 0x10, 0, 0]), null],
  ])('%s', (_, bytes, expected) => {
    expect(utf16Of(bytes.subarray(0, 6))).toBe(expected);
    expect(encodingOf(bytes.subarray(0, 6))).toBe(expected ?? 'plain');
  });
});

describe('the UTF-16 decoder', () => {
  it.each([1, 3, 7, 4096])('gives the UTF-8 text, the mark dropped, whatever pieces the bytes come in (%i bytes)', async (piece) => {
    // Odd pieces cut code units, and the key emoji's surrogate pair, between two chunks.
    expect(await decode('utf-16le', utf16le(text), piece)).toBe(text);
    expect(await decode('utf-16be', utf16be(text), piece)).toBe(text);
  });

  it('writes U+FFFD for what is not UTF-16, and goes on', async () => {
    const broken = Buffer.concat([Buffer.from('a\0'), Buffer.from([0x00, 0xd8]), Buffer.from('b\0'), Buffer.from([0x41])]);
    expect(await decode('utf-16le', broken, 5)).toBe('a\ufffdb\ufffd');
  });
});

describe('reading a UTF-16 file', () => {
  it('gives the lines of the UTF-8 file, with their content hash', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'utf16-'));
    const read = async (name: string, bytes: Buffer) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, bytes);
      const lines: string[] = [];
      let contentBytes = 0;
      for await (const batch of readLines(file, encodingOf(bytes.subarray(0, 6)))) {
        lines.push(...batch.lines);
        contentBytes = batch.contentBytes;
      }
      return { lines, contentBytes };
    };
    const utf8 = await read('utf8.log', Buffer.from(text));
    expect(utf8.lines).toEqual(text.split('\r\n').slice(0, -1));
    expect(await read('le.log', utf16le(text))).toEqual(utf8);
    expect(await read('be.log', utf16be(text, false))).toEqual(utf8);
    fs.rmSync(dir, { recursive: true });
  });
});
