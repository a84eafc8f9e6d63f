// A window narrower than 1280px (1024x700, 800x600): the IP table's columns and the toolbar above it stay inside
// it. At 800px the table's least widths came to about 920px: the users tried were cut off, the header ran past the
// window's edge and the whole window scrolled sideways, taking the Export button out of sight. jsdom lays nothing
// out, so the rules are read.
import { compile } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';
import { sourceText } from '../source-text';

async function componentCss(file: string): Promise<string> {
  return compile(await sourceText(file), { filename: file, css: 'external' }).css?.code ?? '';
}

/** The least width of a grid-template-columns value: each track's minimum (a bare fr track's is its content's, 0 here). */
function leastWidth(columns: string): { width: number; tracks: number } {
  const tracks = columns.match(/minmax\([^)]*\)|\S+/g) ?? [];
  const width = tracks.reduce((sum, track) => {
    const min = /^minmax\(\s*([\d.]+)px/.exec(track)?.[1] ?? /^([\d.]+)px$/.exec(track)?.[1] ?? '0';
    return sum + Number(min);
  }, 0);
  return { width, tracks: tracks.length };
}

function rowRule(css: string): { columns: string; gap: number } {
  const rule = /\.row\.svelte-[\w-]+\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
  return {
    columns: /grid-template-columns:\s*([^;]+)/.exec(rule)?.[1].trim() ?? '',
    gap: Number.parseFloat(/column-gap:\s*([^;]+)/.exec(rule)?.[1] ?? 'NaN'),
  };
}

describe('the IP table in a narrow window', () => {
  it('fits its columns in 800px, and narrows them wherever its usual ones would not fit', async () => {
    const css = await componentCss('src-renderer/src/views/tables/IpTable.svelte');
    const usual = rowRule(css);
    const usualLeast = leastWidth(usual.columns);
    // Sides: 10px padding each side, the header's 22px for the scroll bar.
    const sides = 20 + 22;
    const usualNeeds = usualLeast.width + (usualLeast.tracks - 1) * usual.gap + sides;
    expect(usualNeeds).toBeGreaterThan(800);

    const media = /@media\s*\(max-width:\s*(\d+)px\)\s*\{([\s\S]*?\})\s*\}/.exec(css);
    expect(media, 'a rule for narrow windows').not.toBeNull();
    expect(Number(media![1])).toBeGreaterThanOrEqual(usualNeeds);
    const narrow = rowRule(media![2]);
    const narrowLeast = leastWidth(narrow.columns);
    expect(narrowLeast.tracks).toBe(usualLeast.tracks);
    const gap = Number.isNaN(narrow.gap) ? usual.gap : narrow.gap;
    // 800px less a 15px scroll bar of the window's content.
    expect(narrowLeast.width + (narrowLeast.tracks - 1) * gap + sides).toBeLessThanOrEqual(785);
    // A date and time (2023-11-10 02:14, 16 characters of 12px monospace, about 7.2px each) still fits whole.
    const dates = (narrow.columns.match(/minmax\([^)]*\)|\S+/g) ?? []).slice(3, 5);
    for (const date of dates) expect(Number.parseFloat(date)).toBeGreaterThanOrEqual(16 * 7.2);
  });
});

describe('the toolbar above the tables in a narrow window', () => {
  it('wraps its count and Export button onto a second row, and keeps each tab\'s label on one line', async () => {
    const app = await componentCss('src-renderer/src/App.svelte');
    const toolbar = /\.toolbar\.svelte-[\w-]+\s*\{([^}]*)\}/.exec(app)?.[1] ?? '';
    expect(toolbar).toMatch(/flex-wrap:\s*wrap/);
    // Wrapped, the Export button stays at the right rather than start the second row.
    const exportButton = /\.toolbar\.svelte-[\w-]+\s*>\s*button\.primary[^{]*\{([^}]*)\}/.exec(app)?.[1] ?? '';
    expect(exportButton).toMatch(/margin-left:\s*auto/);
    const tabs = await componentCss('src-renderer/src/views/layout/TabBar.svelte');
    const button = /(?:^|\})\s*button\.svelte-[\w-]+\s*\{([^}]*)\}/.exec(tabs)?.[1] ?? '';
    expect(button).toMatch(/white-space:\s*nowrap/);
  });
});
