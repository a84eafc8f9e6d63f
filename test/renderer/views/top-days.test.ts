// The Days table: a day that holds attempts from lines without any time stamp (dated at their file's last
// change, DayRow.undated) says so in its row, where the day is read; the other days say nothing of it.
import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { DayRow, Selection } from '../../../src-main/shared/api';
import TopDays from '../../../src-renderer/src/views/panels/TopDays.svelte';
import { FakeHost } from '../fakes';

const ALL: Selection = { from: null, to: null, countries: [], search: '' };

describe('the days table', () => {
  it('says of the day a file without time stamps piled its attempts on how many they are, and of no other day', () => {
    const days: DayRow[] = [
      { day: '2025-03-19', attempts: 80, ips: 40, countries: 12 },
      { day: '2025-03-20', attempts: 549, ips: 230, countries: 30, undated: 469 },
      { day: '2025-03-21', attempts: 75, ips: 38, countries: 11 },
    ];
    render(TopDays, { props: { host: new FakeHost(), rows: days, selection: ALL, onPickDay: vi.fn() } });
    const rows = screen.getAllByTestId('day-row');
    // Busiest first: the pile's day leads.
    expect(rows.map((r) => r.dataset.day)).toEqual(['2025-03-20', '2025-03-19', '2025-03-21']);
    expect(within(rows[0]).getByTestId('day-undated').textContent!.replace(/\s+/g, ' ').trim()).toBe('· 469 attempts without a time stamp');
    expect(screen.getAllByTestId('day-undated')).toHaveLength(1);
  });
});
