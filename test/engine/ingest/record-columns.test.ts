import { describe, expect, it } from 'vitest';
import { attemptsFromColumns, attemptsToColumns, loginsFromColumns, loginsToColumns } from '../../../src-main/engine/ingest/record-columns';
import type { AttemptRecord, LoginRecord } from '../../../src-main/engine/parse/types';

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
    expect(attemptsFromColumns(structuredClone(attemptsToColumns(attempts)))).toEqual(attempts);
    expect(loginsFromColumns(structuredClone(loginsToColumns(logins)))).toEqual(logins);
    expect(attemptsFromColumns(attemptsToColumns([]))).toEqual([]);
  });
});
