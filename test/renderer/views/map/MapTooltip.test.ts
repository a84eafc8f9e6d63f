import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/svelte';
import MapTooltip from '../../../../src-renderer/src/views/map/MapTooltip.svelte';

afterEach(cleanup);

describe('MapTooltip', () => {
  it('shows the country, its attempts and IPs', () => {
    const { getByTestId } = render(MapTooltip, {
      content: { title: 'China', code: 'CN', attempts: 7812, ips: 2311, share: 0.256 }, x: 100, y: 80, boundsWidth: 800,
    });
    const tooltip = getByTestId('map-tooltip');
    expect(tooltip.textContent?.replace(/\s+/g, ' ').trim()).toBe('China CN 7,812 attempts (26%) 2,311 IPs');
    expect(tooltip.style.left).toBe('114px');
  });

  it('says one attempt and one IP in the singular', () => {
    const { getByTestId } = render(MapTooltip, {
      content: { title: 'Tonga', code: 'TO', attempts: 1, ips: 1, share: 1 }, x: 100, y: 80, boundsWidth: 800,
    });
    expect(getByTestId('map-tooltip').textContent?.replace(/\s+/g, ' ').trim()).toBe('Tonga TO 1 attempt (100%) 1 IP');
  });

  it('shows markup from the data as text, never as elements', () => {
    const hostile = '<img src=x onerror="window.pwned=1"><b>bold</b>';
    const { getByTestId } = render(MapTooltip, {
      content: { title: hostile, code: '"><script>window.pwned=2</script>', attempts: 3, ips: 1, share: 0.01 },
      x: 10, y: 10, boundsWidth: 800,
    });
    const tooltip = getByTestId('map-tooltip');
    expect(tooltip.querySelector('img, b, script')).toBeNull();
    expect(tooltip.textContent).toContain(hostile);
    expect(tooltip.textContent).toContain('"><script>window.pwned=2</script>');
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
  });

  it('opens to the left near the right edge, so it stays inside the map', () => {
    const { getByTestId } = render(MapTooltip, {
      content: { title: 'Fiji', code: 'FJ', attempts: 0, ips: 0, share: 0 }, x: 780, y: 80, boundsWidth: 800,
    });
    const tooltip = getByTestId('map-tooltip');
    expect(tooltip.style.left).toBe('auto');
    expect(tooltip.style.right).toBe('34px');
    expect(tooltip.textContent).not.toContain('%');
  });
});
