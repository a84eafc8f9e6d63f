// Types for build-wasm.mjs, which the test of its output imports.
export const TEDDY_WAT: string;
export const TEDDY_MODULE: string;
export function assemble(watPath: string): Promise<Buffer>;
export function moduleText(bytes: Buffer): string;
