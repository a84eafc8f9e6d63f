// The selection in a file name: its days, countries and filters, so that a file never claims "all" when it holds
// less. The engine names blocklists with it (engine/export/blocklist.ts) and the renderer the CSV of a table
// (src-renderer/src/lib/table-csv-name.ts): a table and a blocklist of one selection carry the same label.
import { NO_SERVICE, type HourSpan, type Selection } from './api';

/** Country codes named in a file name; more are counted ("CN-RU-US-and-4-more"). */
const NAMED_COUNTRIES = 3;
/** Characters of a search or a value kept in a file name. */
const NAMED_TEXT = 24;

/** Typed and clicked text is the attacker's: only letters, digits and `-` of it are kept. */
export function selectionLabel(s: Selection): string {
  const parts = [s.hours ? hoursLabel(s.hours) : s.from || s.to ? `${s.from ?? 'start'}_${s.to ?? 'end'}` : 'all-days'];
  if (s.countries.length) {
    const named = s.countries.slice(0, NAMED_COUNTRIES).map((c) => fileNameText(c) || 'country');
    const more = s.countries.length - named.length;
    parts.push(named.join('-') + (more ? `-and-${more}-more` : ''));
  }
  if (s.services?.length) parts.push(`service-${s.services.map((v) => (v === NO_SERVICE ? 'not-logged' : fileNameText(v) || 'service')).join('-')}`);
  if (s.search.trim()) parts.push(`search-${fileNameText(s.search) || 'text'}`);
  if (s.exact?.user !== undefined) parts.push(`user-${fileNameText(s.exact.user) || 'value'}`);
  if (s.exact?.password !== undefined) parts.push(`password-${fileNameText(s.exact.password) || 'value'}`);
  return parts.join('-').replace(/[^0-9A-Za-z_-]/g, '');
}

/** An incident's hours as "2023-10-11T0300_2023-10-13T1700": the times are the selection, within its days. */
function hoursLabel(span: HourSpan): string {
  const time = (t: string | null, open: string): string => (t === null ? open : t.replace(' ', 'T').replace(':', ''));
  return `${time(span.start, 'start')}_${time(span.end, 'end')}`;
}

/** Letters, digits and single `-` for whatever else, at most NAMED_TEXT characters. */
function fileNameText(text: string): string {
  return text.replace(/[^0-9A-Za-z]+/g, '-').replace(/^-+|-+$/g, '').slice(0, NAMED_TEXT).replace(/-+$/, '');
}
