// Damage found inside a compressed file's content, as the reader reports it: what came before it was read.
// Its own module, so that the decoders (zstd.ts, bunzip.ts) and decompress.ts, which picks them, all raise it.

/** Raised for content that ends early or is damaged inside its compression: what came before it was read. */
export class DamagedCompressionError extends Error {
  /**
   * `foundAtEnd`: found by a check at the end of what it covers (a checksum, a declared size), so the damage
   * lies somewhere in what was read before, not after it.
   */
  constructor(message: string, readonly foundAtEnd = false) {
    super(message);
  }

  /**
   * Bytes of the line the damage cut short, which the reader leaves out (line-reader.ts): it is no line the
   * log wrote, and a whole copy of the file read later goes on from the start of that line.
   */
  cutLineBytes = 0;
}

/** What reading a file found of damage to its compressed content (see DamagedCompressionError). */
export interface CompressionDamage {
  message: string;
  foundAtEnd: boolean;
  cutLineBytes: number;
}
