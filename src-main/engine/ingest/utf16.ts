// Logs saved as UTF-16: what Windows PowerShell 5 writes with `>` or Out-File (little-endian, with a byte-order
// mark), where an admin copied the logs to look at them on a Windows machine. Read as the UTF-8 they are turned
// into, so everything after (lines, content hashes, raw lines) is as for any log; a UTF-16 copy of a log
// already read is then the same content.
import { Transform } from 'node:stream';

export type Utf16 = 'utf-16le' | 'utf-16be';

/**
 * The UTF-16 a file's first bytes show: a byte-order mark, or, without one, text whose first three characters
 * are ASCII (a stamp's, always), which UTF-16 writes with a zero byte each. Null for anything else.
 */
export function utf16Of(start: Uint8Array): Utf16 | null {
  // FF FE 00 00 would be UTF-32's mark, which no tool writes a log in.
  if (start[0] === 0xff && start[1] === 0xfe && !(start[2] === 0 && start[3] === 0)) return 'utf-16le';
  if (start[0] === 0xfe && start[1] === 0xff) return 'utf-16be';
  if (start.length < 6) return null;
  const ascii = (b: number): boolean => b >= 0x20 && b < 0x7f;
  if (ascii(start[0]) && ascii(start[2]) && ascii(start[4]) && start[1] === 0 && start[3] === 0 && start[5] === 0) return 'utf-16le';
  if (ascii(start[1]) && ascii(start[3]) && ascii(start[5]) && start[0] === 0 && start[2] === 0 && start[4] === 0) return 'utf-16be';
  return null;
}

/**
 * UTF-16 in, UTF-8 out. The decoder keeps a code unit or a surrogate pair cut between two chunks for the next,
 * drops the byte-order mark, and writes U+FFFD for what is not UTF-16 (a lone surrogate, an odd last byte):
 * never an error, as for invalid UTF-8 (line-reader.ts).
 */
export function utf16Decoder(encoding: Utf16): Transform {
  const decoder = new TextDecoder(encoding);
  const utf8 = (text: string): Buffer | undefined => (text ? Buffer.from(text, 'utf8') : undefined);
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, utf8(decoder.decode(chunk, { stream: true })));
    },
    flush(done) {
      done(null, utf8(decoder.decode()));
    },
  });
}
