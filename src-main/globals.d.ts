/** The app's version from package.json, set at build time. */
declare const __APP_VERSION__: string;

/**
 * seek-bzip ships no types. Its Bunzip decodes from a synchronous byte source into a byte sink; bunzip.ts
 * drives it a block at a time, as its own decode() does in one go.
 */
declare module 'seek-bzip' {
  interface ByteSource {
    readByte(): number;
    read(into: Uint8Array, offset: number, length: number): number;
    eof(): boolean;
  }
  interface ByteSink {
    writeByte(byte: number): void;
    write(from: Uint8Array, offset: number, length: number): number;
  }
  export default class Bunzip {
    constructor(input: ByteSource, output: ByteSink);
    readonly reader: { read(bits: number): number };
    readonly streamCRC: number;
    _init_block(): boolean;
    _read_bunzip(): number;
    _start_bunzip(input: ByteSource, output: ByteSink): void;
  }
}

/**
 * The part of the WebAssembly API that the keyword scan uses (engine/ingest/keyword-scan). TypeScript declares
 * the API only in the DOM's lib, which the main process's code does not load; Node has it all the same.
 */
declare namespace WebAssembly {
  class Module {
    constructor(bytes: ArrayBufferView | ArrayBuffer);
  }
  class Instance {
    constructor(module: Module, imports?: Record<string, unknown>);
    readonly exports: Record<string, unknown>;
  }
  class Memory {
    readonly buffer: ArrayBuffer;
    grow(pages: number): number;
  }
  class Global {
    value: unknown;
  }
  function validate(bytes: ArrayBufferView | ArrayBuffer): boolean;
}
