import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as q from '../../../src-main/engine/query';
import { CaseStore } from '../../../src-main/engine/store/case-store';
import type { BrushColumns } from '../../../src-main/shared/api';
import { generatedCase, type GeneratedCase } from '../store/generated-case';
import { refAttempts, type RefRow } from './reference';

let g: GeneratedCase;
let all: RefRow[];
let columns: BrushColumns;

beforeAll(async () => {
  g = await generatedCase();
  all = refAttempts(g);
  columns = q.brushColumns(g.store)!;
});
afterAll(() => g.store.close());

describe('brushColumns', () => {
  it('has one row per day and IP with the attempts the records hold, and nothing else', () => {
    const expected = new Map<string, number>();
    for (const r of all) expected.set(`${r.day} ${r.ip}`, (expected.get(`${r.day} ${r.ip}`) ?? 0) + 1);
    const actual = new Map<string, number>();
    for (let i = 0; i < columns.rowDay.length; i++) {
      const key = `${columns.days[columns.rowDay[i]]} ${columns.ips[columns.rowIp[i]]}`;
      expect(actual.has(key), `${key} appears twice`).toBe(false);
      actual.set(key, columns.rowAttempts[i]);
    }
    expect(actual).toEqual(expected);
    expect(columns.rowIp).toHaveLength(columns.rowDay.length);
    expect(columns.rowAttempts.reduce((n, a) => n + a, 0)).toBe(all.length);
  });

  it('lists rows by day, over the overview\'s days', () => {
    expect(columns.days).toEqual(q.overview(g.store).days.map((d) => d.day));
    for (let i = 1; i < columns.rowDay.length; i++) expect(columns.rowDay[i]).toBeGreaterThanOrEqual(columns.rowDay[i - 1]);
    expect(columns.rowDay[0]).toBe(0);
    expect(columns.rowDay.at(-1)).toBe(columns.days.length - 1);
  });

  it('names every address once, with its country or ZZ', () => {
    expect(new Set(columns.ips).size).toBe(columns.ips.length);
    expect(new Set(columns.ips)).toEqual(new Set(all.map((r) => r.ip)));
    const countryOf = new Map(all.map((r) => [r.ip, r.country ?? 'ZZ']));
    expect(columns.ipCountry).toHaveLength(columns.ips.length);
    columns.ips.forEach((ip, i) => expect({ ip, country: columns.ipCountry[i] }).toEqual({ ip, country: countryOf.get(ip) }));
    expect(columns.ipCountry).toContain('ZZ');
  });

  for (const kind of ['user', 'password'] as const) {
    it(`has one row per day and ${kind} with its attempts and distinct IPs, by day`, () => {
      const expected = new Map<string, { attempts: number; ips: Set<string> }>();
      for (const r of all) {
        const key = JSON.stringify([r.day, r[kind]]);
        const cell = expected.get(key) ?? { attempts: 0, ips: new Set<string>() };
        cell.attempts++;
        cell.ips.add(r.ip);
        expected.set(key, cell);
      }
      const values = kind === 'user' ? columns.users : columns.passwords;
      const rowDay = kind === 'user' ? columns.userRowDay : columns.passwordRowDay;
      const rowValue = kind === 'user' ? columns.userRowValue : columns.passwordRowValue;
      const rowAttempts = kind === 'user' ? columns.userRowAttempts : columns.passwordRowAttempts;
      const rowIps = kind === 'user' ? columns.userRowIps : columns.passwordRowIps;
      expect(new Set(values).size).toBe(values.length);
      const actual = new Map<string, { attempts: number; ips: number }>();
      for (let i = 0; i < rowDay.length; i++) {
        if (i > 0) expect(rowDay[i]).toBeGreaterThanOrEqual(rowDay[i - 1]);
        actual.set(JSON.stringify([columns.days[rowDay[i]], values[rowValue[i]]]), { attempts: rowAttempts[i], ips: rowIps[i] });
      }
      expect(actual.size).toBe(rowDay.length);
      expect(actual).toEqual(new Map([...expected].map(([key, cell]) => [key, { attempts: cell.attempts, ips: cell.ips.size }])));
      expect(values).toContain(null);
    });
  }

  it('is none for a case of more rows than a live brush can hold, and whole up to that many', () => {
    const held = columns.rowDay.length + columns.userRowDay.length + columns.passwordRowDay.length;
    expect(q.brushColumns(g.store, held - 1)).toBeNull();
    expect(q.brushColumns(g.store, held)).toEqual(columns);
  });

  it('is empty for an empty case', async () => {
    const store = await CaseStore.create();
    try {
      expect(q.brushColumns(store)).toEqual({
        days: [], ips: [], ipCountry: [], rowDay: [], rowIp: [], rowAttempts: [],
        users: [], userRowDay: [], userRowValue: [], userRowAttempts: [], userRowIps: [],
        passwords: [], passwordRowDay: [], passwordRowValue: [], passwordRowAttempts: [], passwordRowIps: [],
      });
    } finally {
      store.close();
    }
  });
});
