import { describe, expect, it } from 'vitest';
import { progressPrinter } from '../../src-main/cli/progress-bar';

describe('progressPrinter', () => {
  it('counts lines and attempts with the singular for one', () => {
    const written: string[] = [];
    const stream = { isTTY: true, columns: 200, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
    const bar = progressPrinter(stream);
    bar.update({ files: [], bytesRead: 10, bytesTotal: 10, lines: 1, attempts: 1, current: '/logs/mail.log' });
    expect(written.at(-1)).toContain(' 100%  1 line  1 attempt  mail.log');
    bar.update({ files: [], bytesRead: 10, bytesTotal: 10, lines: 1_200, attempts: 0, current: null });
    expect(written.at(-1)).toContain(' 100%  1,200 lines  0 attempts  ');
  });
});
