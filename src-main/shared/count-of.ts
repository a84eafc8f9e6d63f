// A count and its noun, the one rule for every host: singular for exactly one, plural otherwise ("0 attempts",
// "1 attempt", "2 attempts"), never "attempt(s)". The engine and the CLI write their numbers the English way;
// the renderer's formatCountOf hands in the locale's digits.

/** "1 attempt", "1,335 attempts"; `plural` for nouns that do not just take an s ("1 entry", "2 entries"). */
export function countOf(value: number, singular: string, plural = `${singular}s`, digits: (value: number) => string = englishNumber): string {
  return `${digits(value)} ${value === 1 ? singular : plural}`;
}

/** `1,335`: a number the English way, as the engine and the CLI write it. */
export function englishNumber(value: number): string {
  return value.toLocaleString('en');
}
