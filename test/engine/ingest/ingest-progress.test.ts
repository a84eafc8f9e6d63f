// The per-file progress a host shows while reading: a file's line count must not lag behind its attempts. The
// viewer showed "mail.log.24 reading · 0 lines · 614 attempts" for a file's first block, because the block's
// attempts were handed over before the lines read so far were told. Every report is taken here, not the few a
// host's tenth-of-a-second throttle lets through, so what is checked does not depend on the machine's speed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSingleLog } from '../../../src-main/engine/generate/write';
import { ingestPaths } from '../../../src-main/engine/ingest/ingest';
import { CaseStore } from '../../../src-main/engine/store/case-store';
import type { FileProgress } from '../../../src-main/shared/api';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-progress-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('progress of a file being read', () => {
  it("never shows a file's attempts before the lines they were read from", async () => {
    // Two weeks of a busy server in one file: several batches of attempts, handed over while the file is read.
    const logs = await writeSingleLog(path.join(dir, 'mail.log'), { seed: 5, start: '2025-09-01', days: 14, attemptsPerDay: 400 });
    const seen: FileProgress[] = [];
    const store = await CaseStore.create();
    try {
      const result = await ingestPaths(store, [logs.files[0].path], { onProgress: (take) => seen.push(...take().files) });
      expect(result.attemptsAdded).toBe(logs.truth.attempts);
    } finally {
      store.close();
    }
    const reading = seen.filter((f) => f.state === 'reading' && f.attempts > 0);
    expect(reading.length).toBeGreaterThan(1);
    for (const f of reading) expect(f.lines, `${f.attempts} attempts at ${f.lines} lines`).toBeGreaterThan(0);
  });
});
