// Numbers as the CLI prints them: counts with thousands separators, shares as percentages with one decimal.
// One locale for every command, so that output read by scripts does not change with the user's settings.

/** `1,234`. */
export { englishNumber as count } from '../shared/count-of';

/** `12.5%` for a share of 0.125. */
export const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;
