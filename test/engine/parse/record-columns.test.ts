import { describe, expect, it } from 'vitest';
import { ColumnBuilder, NO_TEXT, attemptsToColumns, columnBuffers, loginsToColumns, type AttemptColumns, type LoginColumns } from '../../../src-main/engine/parse/record-columns';
import type { AttemptRecord, LoginRecord } from '../../../src-main/engine/parse/types';

/** The records the columns hold, read back row by row as the store reads them. */
function rows(cols: AttemptColumns | LoginColumns): Record<string, unknown>[] {
  const text = (index: number): string | null => (index === NO_TEXT ? null : cols.texts[index]);
  return Array.from(cols.ts, (ts, i) => ({
    ts, ip: text(cols.ip[i]), user: text(cols.user[i]),
    ...('password' in cols ? { password: text(cols.password[i]) } : {}),
    service: text(cols.service[i]), line: cols.line[i],
  }));
}

describe('record columns', () => {
  it('carry attempts and logins across a structured clone unchanged, nulls and hostile text included', () => {
    const attempts: AttemptRecord[] = Array.from({ length: 500 }, (_, i) => ({
      ts: 1_690_000_000 + i * 37,
      ip: i % 7 ? `198.51.100.${i % 250}` : '2001:db8::1',
      user: i % 5 ? `user${i}` : null,
      password: i % 3 ? `<img src=x onerror=alert(${i})>` : null,
      service: i % 4 ? 'imap' : null,
      line: 1_000_000 + i,
    }));
    const logins: LoginRecord[] = attempts.slice(0, 50).map(({ password: _p, ...rest }) => rest);
    expect(rows(structuredClone(attemptsToColumns(attempts)))).toEqual(attempts);
    expect(rows(structuredClone(loginsToColumns(logins)))).toEqual(logins);
    expect(rows(attemptsToColumns([]))).toEqual([]);
  });

  it('send each distinct text once, and move their typed arrays without copying', () => {
    const attempts: AttemptRecord[] = Array.from({ length: 1000 }, (_, i) => ({
      ts: i, ip: `203.0.113.${i % 10}`, user: i % 2 ? 'admin' : 'root', password: 'admin', service: 'imap', line: i + 1,
    }));
    const cols = attemptsToColumns(attempts);
    expect([...cols.texts].sort()).toEqual([...Array.from({ length: 10 }, (_, i) => `203.0.113.${i}`), 'admin', 'imap', 'root'].sort());
    expect(cols.user[1]).toBe(cols.password[1]); // 'admin' as user and as password: one text
    const moved = structuredClone(cols, { transfer: columnBuffers(cols) });
    expect(cols.ts.length).toBe(0); // detached: moved, not copied
    expect(rows(moved)).toEqual(attempts);
  });

  it('are built record by record into the same batch, and a taken batch starts the next one empty', () => {
    const attempts: AttemptRecord[] = Array.from({ length: 300 }, (_, i) => ({
      ts: 1_700_000_000 + i, ip: `192.0.2.${i % 17}`, user: i % 9 ? `=cmd|'/c calc'!A${i % 4}` : null,
      password: i % 2 ? 'Spring2024!' : null, service: i % 3 ? 'pop3' : 'imap', line: i + 1,
    }));
    const builder = new ColumnBuilder();
    for (const r of attempts.slice(0, 200)) builder.add(r);
    expect(builder.size).toBe(200);
    const first = builder.take();
    expect(rows(first)).toEqual(attempts.slice(0, 200));
    expect(first.texts.length).toBe(new Set(attempts.slice(0, 200).flatMap((r) => [r.ip, r.user, r.password, r.service]).filter((t) => t !== null)).size);
    expect(builder.size).toBe(0);
    for (const r of attempts.slice(200)) builder.add(r);
    const second = builder.take();
    expect(rows(second)).toEqual(attempts.slice(200));
    expect(rows(structuredClone(second, { transfer: columnBuffers(second) }))).toEqual(attempts.slice(200));
    const logins: LoginRecord[] = attempts.slice(0, 5).map(({ password: _p, ...rest }) => rest);
    for (const r of logins) builder.add(r);
    expect(Array.from(builder.take().password)).toEqual(Array(5).fill(NO_TEXT));
  });
});
