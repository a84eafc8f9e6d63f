// A one-line progress bar on stderr, only when stderr is a terminal (logs and pipes get the summary only).
import path from 'node:path';
import type { IngestProgress } from '../shared/api';
import { countOf } from '../shared/count-of';
import { terminalSafe } from './terminal-text';

const WIDTH = 28;

export function progressPrinter(stream: NodeJS.WriteStream = process.stderr): { update(p: IngestProgress): void; done(): void } {
  if (!stream.isTTY) return { update() {}, done() {} };
  let shown = false;
  return {
    update(p) {
      const share = p.bytesTotal ? Math.min(1, p.bytesRead / p.bytesTotal) : 0;
      const filled = Math.round(share * WIDTH);
      const file = p.current ? terminalSafe(path.basename(p.current)) : '';
      const text = `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ${countOf(p.lines, 'line')}  ${countOf(p.attempts, 'attempt')}  ${file}`;
      stream.write(`\r${text.slice(0, (stream.columns || 100) - 1)}\x1b[K`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
