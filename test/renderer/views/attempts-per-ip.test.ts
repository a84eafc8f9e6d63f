// The "Attempts per IP" panel says IPs, as the rest of the viewer does; `computers` is only the engine's field name.
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { HistogramRow, Selection } from '../../../src-main/shared/api';
import AttemptsPerIp from '../../../src-renderer/src/views/panels/AttemptsPerIp.svelte';
import { FakeHost } from '../fakes';

const ALL: Selection = { from: null, to: null, countries: [], search: '' };
const ROWS: HistogramRow[] = [
  { times: 1, computers: 600, attempts: 600, shareOfComputers: 0.6 },
  { times: 2, computers: 400, attempts: 800, shareOfComputers: 0.4 },
];

describe('the Attempts per IP panel', () => {
  it('calls the IPs IPs, in its headers and all it shows, never computers', () => {
    render(AttemptsPerIp, { props: { host: new FakeHost(), rows: ROWS, selection: ALL } });
    const panel = screen.getByTestId('attempts-per-ip');
    const headers = [...screen.getByTestId('histogram-table').querySelectorAll('th')].map((th) => th.innerHTML.replace(/<br>/g, ' ').replace(/\s+/g, ' ').trim());
    expect(headers).toEqual(['attacked N times', 'IPs', 'attempts', '% of IPs']);
    const attributes = [...panel.querySelectorAll('*')].flatMap((el) => ['title', 'aria-label'].map((name) => el.getAttribute(name) ?? ''));
    expect([panel.textContent, ...attributes].join(' ')).not.toMatch(/computer/i);
  });
});
