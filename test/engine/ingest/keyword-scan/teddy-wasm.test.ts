// The committed kernel bytes are the kernel's source, assembled: teddy.wat cannot change without teddy-wasm.ts.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assemble, moduleText, TEDDY_MODULE, TEDDY_WAT } from '../../../../scripts/build-wasm.mjs';

describe('teddy-wasm.ts', () => {
  it('holds teddy.wat as `npm run build:wasm` assembles it', async () => {
    const bytes = await assemble(TEDDY_WAT);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('\0asm');
    expect(fs.readFileSync(TEDDY_MODULE, 'utf8'), 'run `npm run build:wasm` after changing teddy.wat').toBe(moduleText(bytes));
  });
});
