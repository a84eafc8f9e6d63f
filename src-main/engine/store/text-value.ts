// Attacker-chosen text is stored as given, except for what SQLite text cannot carry faithfully: a NUL
// would cut the value short on reading, and a lone UTF-16 surrogate has no UTF-8 form. Both become U+FFFD,
// so that what is read back equals what was stored and one value never gets two ids.
const UNSTORABLE = /[\u0000]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function storableText(value: string): string {
  return value.replace(UNSTORABLE, '\uFFFD');
}
