// While an ingest runs, the title row (attempt count, the "all days" span of the range chip) says what the
// summary strip says. The engine's caseChanged carries the case info as it was when it announced the change
// (at most once a second), while the views' queries are answered later and count what was read in between.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import App from '../../../src-renderer/src/App.svelte';
import type { IngestProgress } from '../../../src-main/shared/api';
import { FakeHost, giveElementsASize, settle, type FakeAttempt } from '../fakes';

let restoreSize: () => void;
beforeAll(() => { restoreSize = giveElementsASize(1280, 300); });
afterAll(() => restoreSize());

/** `perDay` attempts on each day from `first` to `last` of January 2024. */
function january(first: number, last: number, perDay: number): FakeAttempt[] {
  const out: FakeAttempt[] = [];
  for (let day = first; day <= last; day++) {
    for (let i = 0; i < perDay; i++) {
      out.push({ ts: `2024-01-${String(day).padStart(2, '0')} 10:${String(i % 60).padStart(2, '0')}:00`, ip: `45.9.${day}.${i}`, country: 'NL', user: 'admin' });
    }
  }
  return out;
}

const value = (id: string) => screen.getByTestId(id).getAttribute('data-value');

describe('the title row during an ingest', () => {
  it('shows the attempts and the last day the summary strip shows, not those of the last caseChanged', async () => {
    const host = new FakeHost(january(3, 7, 5)); // 25 attempts, Jan 3 – Jan 7
    render(App, { props: { host } });
    await settle();
    expect(screen.getByTestId('selection-range').textContent).toContain('Jan 7, 2024');

    // A drop of several files; the ingest stays in progress until the test ends it.
    host.holding.add('ingestFiles');
    const files = [new File(['x\n'], 'a.log'), new File(['x\n'], 'b.log'), new File(['x\n'], 'c.log')];
    await fireEvent.drop(screen.getByTestId('drop-zone'), { dataTransfer: { types: ['Files'], files, items: files.map(() => ({ kind: 'file' })) } });
    const progress: IngestProgress = {
      files: files.map((f, i) => ({ path: `/logs/${f.name}`, bytesRead: i === 0 ? 100 : 0, bytesTotal: 100, lines: 0, attempts: 0, state: i === 0 ? 'done' : i === 1 ? 'reading' : 'queued' })),
      bytesRead: 150, bytesTotal: 300, lines: 0, attempts: 0, current: '/logs/b.log',
    };
    host.emit({ type: 'progress', progress });

    // The first file is read and announced with the info as it was then; by the time the views ask, the
    // engine has read more of the next file.
    host.attempts.push(...january(8, 10, 4).map((a, i) => ({ ...a, source: '/logs/a.log', line: i + 1, service: 'imap', password: null })));
    const announced = await host.caseInfo();
    host.attempts.push(...january(11, 14, 4).map((a, i) => ({ ...a, source: '/logs/b.log', line: i + 1, service: 'imap', password: null })));
    host.emit({ type: 'caseChanged', info: announced });
    await settle();

    const total = host.attempts.length; // 25 + 12 + 16
    expect(announced.lastDay).toBe('2024-01-10');
    expect(value('summary-attempts')).toBe(String(total));
    expect(value('summary-last-day')).toBe('2024-01-14');
    expect(screen.getByTestId('ingest-progress')).toBeTruthy();
    expect(screen.getByTestId('case-name').textContent).toContain(`${total} attempts`);
    const chip = screen.getByTestId('selection-range');
    expect(chip.textContent).toContain('Jan 3, 2024');
    expect(chip.textContent).toContain('Jan 14, 2024');
    expect(chip.getAttribute('title')).toBe('All days (Jan 3, 2024 – Jan 14, 2024)');
    expect(value('case-attempts')).toBe(String(total));

    host.release();
    await settle();
    expect(value('case-attempts')).toBe(String(total));
    expect(screen.getByTestId('selection-range').textContent).toContain('Jan 14, 2024');
  });
});
