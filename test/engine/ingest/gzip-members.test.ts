import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { gzipMembers } from '../../../src-main/engine/ingest/gzip-members';
import { DamagedCompressionError } from '../../../src-main/engine/ingest/damage';
import { writeSingleLog } from '../../../src-main/engine/generate/write';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gzip-members-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function read(bytes: Buffer): Promise<{ content: Buffer; trailing: number | null; fileBytes: number }> {
  const file = path.join(dir, `f-${Math.random().toString(36).slice(2)}.gz`);
  fs.writeFileSync(file, bytes);
  const pieces: Buffer[] = [];
  let trailing: number | null = null;
  let fileBytes = 0;
  for await (const piece of gzipMembers(file, (n) => (fileBytes += n), (n) => (trailing = n))) pieces.push(piece);
  return { content: Buffer.concat(pieces), trailing, fileBytes };
}

async function failure(bytes: Buffer): Promise<unknown> {
  return read(bytes).then(() => null, (e: unknown) => e);
}

describe('gzipMembers', async () => {
  const log = fs.readFileSync((await writeSingleLog(path.join(dir, 'mail.log'), { seed: 5, start: '2023-11-01', days: 40 })).files[0].path);
  const cut = log.lastIndexOf(10, log.length >> 1) + 1;
  const twoMembers = Buffer.concat([zlib.gzipSync(log.subarray(0, cut)), zlib.gzipSync(log.subarray(cut), { level: 1 })]);

  it('reads every member in turn, and passes every byte of the file', async () => {
    const { content, trailing, fileBytes } = await read(twoMembers);
    expect(content.equals(log)).toBe(true);
    expect(trailing).toBeNull();
    expect(fileBytes).toBe(twoMembers.length);
  });

  it('reads header fields (a file name, a comment, extra data, a header CRC) as gzip writes them', async () => {
    const plain = zlib.gzipSync(log.subarray(0, 5000));
    // FLG = FHCRC | FEXTRA | FNAME | FCOMMENT, with each field put in after the 10 fixed bytes.
    const header = Buffer.from(plain.subarray(0, 10));
    header[3] = 0x1e;
    const extra = Buffer.concat([Buffer.from([4, 0]), Buffer.from('abcd')]);
    const fields = Buffer.concat([extra, Buffer.from('mail.log.1\0'), Buffer.from('rotated\0'), Buffer.from([0x12, 0x34])]);
    const { content } = await read(Buffer.concat([header, fields, plain.subarray(10)]));
    expect(content.equals(log.subarray(0, 5000))).toBe(true);
  });

  it('ends quietly at zeros after the last member, and reports other trailing bytes without reading them', async () => {
    expect(await read(Buffer.concat([twoMembers, Buffer.alloc(3000)]))).toMatchObject({ trailing: null });
    const garbage = Buffer.from('not gzip at all\n');
    const { content, trailing } = await read(Buffer.concat([twoMembers, garbage]));
    expect(content.equals(log)).toBe(true);
    expect(trailing).toBe(garbage.length);
    // A lone byte of gzip's magic is not a member either.
    expect((await read(Buffer.concat([twoMembers, Buffer.from([0x1f, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a])]))).trailing).toBe(11);
  });

  it('throws for a CRC or a length that does not match, a member cut short, and a damaged first header', async () => {
    const badCrc = Buffer.from(twoMembers);
    badCrc[badCrc.length - 8] ^= 0xff;
    expect(await failure(badCrc)).toMatchObject({ message: 'the gzip content does not match its checksum (CRC-32)', foundAtEnd: true });
    const badLength = Buffer.from(twoMembers);
    badLength[badLength.length - 1] ^= 0x01;
    expect(await failure(badLength)).toMatchObject({ message: 'the gzip content is not as long as its trailer says', foundAtEnd: true });
    expect(await failure(twoMembers.subarray(0, twoMembers.length - 4))).toBeInstanceOf(DamagedCompressionError);
    expect(await failure(twoMembers.subarray(0, twoMembers.length - 100))).toMatchObject({ message: 'unexpected end of file' });
    expect(await failure(Buffer.from('plain text, not gzip\n'))).toMatchObject({ message: 'the gzip header is damaged' });
  });
});
