// The text of each blocklist format. Entries arrive validated, sorted (IPv4 before IPv6, numeric order) and
// already as the format writes them (entryAsWritten, which the preview shows too); header lines arrive free of
// line breaks. Names are made safe here, since they end up in shell and firewall syntax.
import type { BlocklistFormat } from '../../shared/api';

export interface FormatInput {
  /** Header lines, written as comments where the format has them. */
  header: string[];
  /** Single addresses, or networks after aggregation, IPv4 then IPv6, each as entryAsWritten gives it. */
  v4: string[];
  v6: string[];
  /** A set or chain name, already made safe by safeSetName. */
  name: string;
}

/** Letters, digits, `_` and `-`, starting with a letter, short enough for ipset (31) and iptables (28) with `_v6`. */
export function safeSetName(requested: string | undefined): string {
  const cleaned = (requested ?? '').replace(/[^A-Za-z0-9_-]/g, '_').replace(/^[^A-Za-z]+/, '').slice(0, 24);
  return cleaned || 'swarmscope';
}

/** The formats that write a single host without its /32 or /128: firewall syntax reads better without it. */
const BARE_HOSTS: ReadonlySet<BlocklistFormat> = new Set(['nftables', 'ipset', 'iptables']);

/**
 * An entry (an address, or a network after aggregation) as the format's file writes it: the export and its
 * preview both take entries from here, so the preview shows what the file holds. The cidr list keeps every
 * entry a network.
 */
export function entryAsWritten(format: BlocklistFormat, entry: string): string {
  if (!BARE_HOSTS.has(format)) return entry;
  return entry.replace(entry.includes(':') ? /\/128$/ : /\/32$/, '');
}

const comments = (header: string[]): string[] => header.map((line) => `# ${line}`);
const lines = (all: string[]): string => all.join('\n') + '\n';

export function plainList(input: FormatInput): string {
  return lines([...comments(input.header), ...input.v4, ...input.v6]);
}

export function nftablesSets(input: FormatInput): string {
  const set = (name: string, type: string, entries: string[]): string[] => [
    `\tset ${name} {`,
    `\t\ttype ${type}`,
    '\t\tflags interval',
    ...(entries.length ? ['\t\telements = {', ...entries.map((e, i) => `\t\t\t${e}${i < entries.length - 1 ? ',' : ''}`), '\t\t}'] : []),
    '\t}',
  ];
  return lines([
    ...comments(input.header),
    '# Load with: nft -f FILE (replaces the table inet swarmscope). Then drop what the sets hold, e.g.:',
    `#   nft add chain inet swarmscope input '{ type filter hook input priority -10; }'`,
    `#   nft add rule inet swarmscope input ip saddr @${input.name} drop`,
    `#   nft add rule inet swarmscope input ip6 saddr @${input.name}_v6 drop`,
    // Declaring, deleting and declaring again makes the file load the same way whether the table exists or not.
    'table inet swarmscope',
    'delete table inet swarmscope',
    'table inet swarmscope {',
    ...set(input.name, 'ipv4_addr', input.v4),
    ...set(`${input.name}_v6`, 'ipv6_addr', input.v6),
    '}',
  ]);
}

export function ipsetRestore(input: FormatInput): string {
  const set = (name: string, family: string, entries: string[]): string[] => [
    `create ${name} hash:net family ${family} hashsize 1024 maxelem ${Math.max(65536, entries.length)} -exist`,
    `flush ${name}`,
    ...entries.map((e) => `add ${name} ${e}`),
  ];
  return lines([
    ...comments(input.header),
    '# Load with: ipset restore -file FILE. Then, e.g.:',
    `#   iptables -I INPUT -m set --match-set ${input.name} src -j DROP`,
    `#   ip6tables -I INPUT -m set --match-set ${input.name}_v6 src -j DROP`,
    ...set(input.name, 'inet', input.v4),
    ...set(`${input.name}_v6`, 'inet6', input.v6),
  ]);
}

export function iptablesScript(input: FormatInput): string {
  const restore = (command: string, entries: string[]): string[] => [
    `${command} --noflush <<'SWARMSCOPE_RULES'`,
    '*filter',
    `:${input.name} - [0:0]`,
    ...entries.map((e) => `-A ${input.name} -s ${e} -j DROP`),
    'COMMIT',
    'SWARMSCOPE_RULES',
  ];
  return lines([
    '#!/bin/sh',
    ...comments(input.header),
    `# Fills the chain ${input.name} (IPv4 and IPv6) with DROP rules; run as root with: sh FILE. Then send traffic to it, e.g.:`,
    `#   iptables -I INPUT -j ${input.name}; ip6tables -I INPUT -j ${input.name}`,
    'set -e',
    ...restore('iptables-restore', input.v4),
    ...restore('ip6tables-restore', input.v6),
  ]);
}
