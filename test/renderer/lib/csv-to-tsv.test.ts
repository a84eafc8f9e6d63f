import { describe, expect, it } from 'vitest';
import { csvTextCell } from '../../../src-main/shared/csv-cell';
import { csvToTsv } from '../../../src-renderer/src/lib/csv-to-tsv';

describe('csvToTsv', () => {
  it('puts tabs between the cells of the engine’s CSV and unquotes what only a comma or semicolon had quoted', () => {
    const csv = ['user,attempts,ips', `${csvTextCell('admin,root')},3,2`, `${csvTextCell('a;b')},1,1`, `${csvTextCell('=cmd|calc')},1,1`].join('\r\n') + '\r\n';
    expect(csvToTsv(csv)).toBe("user\tattempts\tips\r\nadmin,root\t3\t2\r\na;b\t1\t1\r\n'=cmd|calc\t1\t1\r\n");
  });

  it('keeps quoted the values that hold a tab, a quote or a line break, so that each stays one cell', () => {
    const hostile = ['say "hi"', 'tab\there', 'two\nlines'];
    const csv = `user,attempts\n${hostile.map((v) => `${csvTextCell(v)},1`).join('\n')}\n`;
    expect(csvToTsv(csv)).toBe('user\tattempts\n"say ""hi"""\t1\n"tab\there"\t1\n"two\nlines"\t1\n');
  });

  it('keeps empty cells, and a bare value that starts with a quote as one cell of it', () => {
    expect(csvToTsv(',1,\n')).toBe('\t1\t\n');
    expect(csvToTsv('a,"open')).toBe('a\t"""open"');
  });
});
