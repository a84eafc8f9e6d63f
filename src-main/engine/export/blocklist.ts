// Blocklists from a selection: the IPs that made at least N attempts, minus an allowlist (addresses and
// networks, v4 and v6) and optionally minus private and reserved space, in one of several formats.
import { mergeCidr } from 'cidr-tools';
import { NO_SERVICE, type Blocklist, type BlocklistFormat, type BlocklistOptions, type BlocklistPreview, type Selection } from '../../shared/api';
import { countOf } from '../../shared/count-of';
import { selectionLabel } from '../../shared/selection-label';
import { describeSpan } from '../../shared/time-span';
import { ipToBigInt, ipVersion, parseNetwork, type IpRange } from '../net/ip';
import { ipTotals, type IpTotal } from '../query/per-ip';
import { planSelection } from '../query/selection';
import { usersOfIps } from '../query/users-of-ips';
import type { CaseStore } from '../store/case-store';
import { formatDay, formatTs } from '../wall-clock';
import { entryAsWritten, ipsetRestore, iptablesScript, nftablesSets, plainList, safeSetName, type FormatInput } from './blocklist-formats';
import { USERS_COLUMN, USERS_PER_CSV_ROW, joinUsers, toCsv } from './csv';

/**
 * Lines of the file the export dialog shows: enough for an nftables file (a header and the set's 15 lines before its
 * first element) to show its first entries too.
 */
export const HEAD_LINES = 20;
const AGGREGATED: ReadonlySet<BlocklistFormat> = new Set(['cidr', 'nftables', 'ipset', 'iptables']);
/**
 * How each format's file name ends: a different name per format, so that two exports of one selection do not
 * become "…(1).txt", and none that a browser holds back as a dangerous download (Chromium keeps `.sh` as
 * "Unconfirmed NNN.crdownload"). The iptables export is a shell script run with `sh FILE`, so it does not
 * pretend to be an iptables-restore `.rules` file.
 */
const FILE_ENDING: Record<BlocklistFormat, string> = {
  plain: '.txt', cidr: '-cidr.txt', nftables: '.nft', ipset: '.ipset', iptables: '-iptables.txt', csv: '.csv',
};

export interface BlocklistCandidates {
  /** The IPs to list, numeric order. */
  ips: IpTotal[];
  allowlisted: number;
  excludedPrivate: number;
}

/** Parses the allowlist: one address or network per entry; blank entries and `#` comments are ignored. */
export function parseAllowlist(entries: string[]): IpRange[] {
  const out: IpRange[] = [];
  for (const raw of entries) {
    const entry = raw.replace(/#.*/, '').trim();
    if (!entry) continue;
    const range = parseNetwork(entry);
    if (!range) throw new RangeError(`allowlist: not an IP address or network: ${JSON.stringify(entry)}`);
    out.push(range);
  }
  return out;
}

export function blocklistCandidates(store: CaseStore, options: BlocklistOptions): BlocklistCandidates {
  const allowlist = parseAllowlist(options.allowlist);
  const plan = planSelection(store, options.selection);
  const minAttempts = Math.max(1, Math.floor(options.minAttempts) || 1);
  const ips: IpTotal[] = [];
  let allowlisted = 0;
  let excludedPrivate = 0;
  for (const ip of ipTotals(store, plan, minAttempts)) {
    if (options.excludePrivate && ip.scope !== 'public') excludedPrivate++;
    else if (allowlist.length && isAllowed(ip.ip, allowlist)) allowlisted++;
    else ips.push(ip);
  }
  return { ips, allowlisted, excludedPrivate };
}

function isAllowed(ip: string, allowlist: IpRange[]): boolean {
  const version = ipVersion(ip);
  const value = ipToBigInt(ip);
  return allowlist.some((r) => r.version === version && value >= r.start && value <= r.end);
}

/** Entries as the format writes them, for the file and its preview alike: single addresses, or merged networks. */
function entriesFor(format: BlocklistFormat, ips: IpTotal[]): { v4: string[]; v6: string[] } {
  const addresses = ips.map((ip) => ip.ip);
  const list = (AGGREGATED.has(format) && addresses.length ? mergeCidr(addresses) : addresses).map((e) => entryAsWritten(format, e));
  return { v4: list.filter((e) => !e.includes(':')), v6: list.filter((e) => e.includes(':')) };
}

/**
 * What the export dialog shows before saving: the counts, and the first lines of the very text the format saves
 * (its header, the firewall's set or chain, the first entries), from the same code as the file.
 */
export function previewBlocklist(store: CaseStore, options: BlocklistOptions, now: Date = new Date()): BlocklistPreview {
  const candidates = blocklistCandidates(store, options);
  const { v4, v6 } = entriesFor(options.format, candidates.ips);
  const entries = v4.length + v6.length;
  const { ips, allowlisted, excludedPrivate } = candidates;
  // A CSV row per address: the first ones are all the head needs, and their user names all it has to look up. A
  // name may hold a line break (log content is hostile), so a row may take more than one line: never fewer.
  const csvCut = options.format === 'csv' && ips.length >= HEAD_LINES;
  const text = options.format === 'csv'
    ? blocklistCsv(store, options, csvCut ? ips.slice(0, HEAD_LINES) : ips)
    : formatText(store, options, candidates, v4, v6, now);
  const lines = text.split('\n');
  lines.pop(); // the text ends with a line break
  return {
    ips: ips.length, entries, allowlisted, excludedPrivate,
    head: lines.slice(0, HEAD_LINES).map((line) => line.replace(/\r$/, '')), // a CSV's lines end with CRLF
    moreLines: csvCut || lines.length > HEAD_LINES,
  };
}

export function buildBlocklist(store: CaseStore, options: BlocklistOptions, now: Date = new Date()): Blocklist {
  const candidates = blocklistCandidates(store, options);
  const { v4, v6 } = entriesFor(options.format, candidates.ips);
  const entries = v4.length + v6.length;
  const suggestedName = `swarmscope-blocklist-${selectionLabel(options.selection)}${FILE_ENDING[options.format]}`;
  const text = options.format === 'csv' ? blocklistCsv(store, options, candidates.ips) : formatText(store, options, candidates, v4, v6, now);
  return { text, entries, suggestedName };
}

/** The CSV format's text for `ips`: one row per address, with the user names it tried most. */
function blocklistCsv(store: CaseStore, options: BlocklistOptions, ips: IpTotal[]): string {
  const plan = planSelection(store, options.selection);
  const tried = usersOfIps(store, plan, ips.map((ip) => ip.ipId), USERS_PER_CSV_ROW);
  return toCsv(
    ['ip', 'country', 'attempts', 'first_seen', 'last_seen', USERS_COLUMN],
    ips.map((ip) => {
      const users = tried.get(ip.ipId)!;
      return [ip.ip, ip.country, ip.attempts, formatTs(ip.firstTs), formatTs(ip.lastTs), joinUsers(users.names, users.count)];
    }),
  );
}

const RENDER: Record<Exclude<BlocklistFormat, 'csv'>, (input: FormatInput) => string> = {
  plain: plainList, cidr: plainList, nftables: nftablesSets, ipset: ipsetRestore, iptables: iptablesScript,
};

/** The text of a list or firewall format: a header of what it holds, then the entries in the format's syntax. */
function formatText(store: CaseStore, options: BlocklistOptions, candidates: BlocklistCandidates, v4: string[], v6: string[], now: Date): string {
  const input: FormatInput = {
    header: header(options, candidates, v4.length + v6.length, now, daysOf(store, options.selection)), v4, v6, name: safeSetName(options.setName),
  };
  const render = (RENDER as Partial<Record<BlocklistFormat, (input: FormatInput) => string>>)[options.format];
  if (!render) throw new RangeError(`no blocklist format named ${JSON.stringify(options.format)}`);
  return render(input);
}

/**
 * The days the list is of, for its header. A range left open ends at the case's first or last day with attempts,
 * written out: "days start to end" said nothing of which days a list kept for the record was made from, and a case
 * read on from more logs later ends elsewhere.
 */
function daysOf(store: CaseStore, s: Selection): string {
  // Hours say what the list is of; the days they lie in are said beside them (the app and the CLI give both).
  if (s.hours) return `${describeSpan(s.hours)} (${s.from && s.to ? `days ${s.from} to ${s.to}` : 'within its days'})`;
  if (s.from && s.to) return `days ${s.from} to ${s.to}`;
  const [first, last] = store.row('SELECT min(day), max(day) FROM day_country') ?? [];
  if (first === null || first === undefined || last === null || last === undefined) return `days ${s.from ?? 'the first'} to ${s.to ?? 'the last'} (the case holds no attempts)`;
  const [firstDay, lastDay] = [formatDay(Number(first) * 86400), formatDay(Number(last) * 86400)];
  if (!s.from && !s.to) return `all days (${firstDay} to ${lastDay})`;
  return `days ${s.from ?? `${firstDay} (the case's first)`} to ${s.to ?? `${lastDay} (the case's last)`}`;
}

function header(options: BlocklistOptions, c: BlocklistCandidates, entries: number, now: Date, days: string): string[] {
  const s = options.selection;
  return [
    `Swarmscope blocklist (${options.format}): ${countOf(c.ips.length, 'IP address', 'IP addresses')}` +
      (entries !== c.ips.length ? ` in ${countOf(entries, 'network')}` : '') +
      ` with at least ${countOf(Math.max(1, Math.floor(options.minAttempts) || 1), 'attempt')} each`,
    `Generated ${now.toISOString()}`,
    `Selection: ${days}; countries ${s.countries.length ? s.countries.map(oneLine).join(', ') : 'all'}` +
      `; services ${s.services?.length ? s.services.map((v) => (v === NO_SERVICE ? 'not logged' : oneLine(v))).join(', ') : 'all'}` +
      `; search ${s.search.trim() ? oneLine(JSON.stringify(s.search.trim())) : 'none'}` +
      (s.exact?.user !== undefined ? `; user name exactly ${oneLine(JSON.stringify(s.exact.user))}` : '') +
      (s.exact?.password !== undefined ? `; password exactly ${oneLine(JSON.stringify(s.exact.password))}` : ''),
    `Left out: ${c.allowlisted} allowlisted` + (options.excludePrivate ? `, ${c.excludedPrivate} private or reserved` : ''),
  ];
}

/** Text from the user, made safe for a comment line: no line breaks or other control characters. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').slice(0, 200);
}

