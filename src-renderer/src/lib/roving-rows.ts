// A table of clickable rows (countries, user names, passwords, days) is one stop of the Tab key, not one per row:
// with a year of logs that was some 150 countries, or 500 user names, to tab through before the next view. The row
// last focused takes Tab (the first until then); the arrow keys, Home, End, Page Up and Page Down move among the rows,
// and Enter or Space chooses the row the focus is on, as a click does.

/** Rows Page Up and Page Down move by. */
export const ROWS_PER_PAGE = 10;

/** The row a key moves the focus to from row `index` of `count`, or null for a key that does not move it. */
export function rowKeyTarget(key: string, index: number, count: number): number | null {
  if (count <= 0) return null;
  switch (key) {
    case 'ArrowDown': return Math.min(count - 1, index + 1);
    case 'ArrowUp': return Math.max(0, index - 1);
    case 'PageDown': return Math.min(count - 1, index + ROWS_PER_PAGE);
    case 'PageUp': return Math.max(0, index - ROWS_PER_PAGE);
    case 'Home': return 0;
    case 'End': return count - 1;
    default: return null;
  }
}

/** The tabindex of row `index` when row `current` (kept within the rows) is the one that takes Tab. */
export function rowTabIndex(index: number, current: number, count: number): 0 | -1 {
  return index === Math.max(0, Math.min(current, count - 1)) ? 0 : -1;
}

/**
 * Handles a key pressed on row `index` of `count`: moves the focus to the sibling row it names, if any, and says
 * whether it did (the caller then leaves the key alone).
 */
function moveRowFocus(event: KeyboardEvent, index: number, count: number): boolean {
  const target = rowKeyTarget(event.key, index, count);
  if (target === null || event.altKey || event.ctrlKey || event.metaKey) return false;
  event.preventDefault();
  const row = (event.currentTarget as HTMLElement | null)?.parentElement?.children[target];
  if (row instanceof HTMLElement) row.focus();
  return true;
}

/**
 * Handles a key pressed on row `index` of `count`: moves the focus among the rows (moveRowFocus), or on Enter or
 * Space does what a click on the row does, `choose`; null for a row a click does nothing on.
 */
export function handleRowKey(event: KeyboardEvent, index: number, count: number, choose: (() => void) | null): void {
  if (moveRowFocus(event, index, count)) return;
  if ((event.key === 'Enter' || event.key === ' ') && choose) {
    event.preventDefault();
    choose();
  }
}
