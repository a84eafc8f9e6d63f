/** The app's version from package.json, set at build time. */
declare const __APP_VERSION__: string;

/** unbzip2-stream ships no types: a through stream that takes bzip2 bytes and gives their content. */
declare module 'unbzip2-stream' {
  import type { Duplex } from 'node:stream';
  export default function unbzip2(): Duplex;
}
