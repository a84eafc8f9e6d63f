import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ipaddr from 'ipaddr.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlocklistFormat, BlocklistOptions, Selection } from '../../../src-main/shared/api';
import { EMPTY_SELECTION } from '../../../src-main/shared/api';
import { HEAD_LINES, blocklistCandidates, buildBlocklist, parseAllowlist, previewBlocklist } from '../../../src-main/engine/export/blocklist';
import { selectionLabel } from '../../../src-main/shared/selection-label';
import { entryAsWritten, safeSetName } from '../../../src-main/engine/export/blocklist-formats';
import { formatDay, formatTs } from '../../../src-main/engine/wall-clock';
import { FIRST_DAY_TS, RELENTLESS_IP, generatedCase, refIsPublic, type GeneratedCase } from '../store/generated-case';
import { ipNumberCompare, perIp, rankedUsers, refAttempts, selects } from '../query/reference';
import { parseCsv } from './parse-csv';

let g: GeneratedCase;
let dir: string;
beforeAll(async () => {
  g = await generatedCase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'swarmscope-blocklist-'));
});
afterAll(() => {
  g.store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const selection: Selection = { ...EMPTY_SELECTION, from: formatDay(FIRST_DAY_TS + 2 * 86400), to: formatDay(FIRST_DAY_TS + 33 * 86400) };
const ALLOWLIST = ['185.220.101.0/30', RELENTLESS_IP, '2a01:4f8::/32', '# the office', '', '  10.0.0.0/8  '];
const options = (format: BlocklistFormat, extra: Partial<BlocklistOptions> = {}): BlocklistOptions => ({
  selection, format, minAttempts: 2, excludePrivate: true, allowlist: ALLOWLIST, setName: 'mail_attackers', ...extra,
});

/** The reference: IPs of the selection with >= 2 attempts, public only, outside the allowlist, numeric order. */
function expectedIps(minAttempts = 2, excludePrivate = true, of: Selection = selection) {
  const nets = ALLOWLIST.map((e) => e.replace(/#.*/, '').trim()).filter(Boolean).map((e) => (e.includes('/') ? ipaddr.parseCIDR(e) : ipaddr.parseCIDR(`${e}/${e.includes(':') ? 128 : 32}`)));
  const all = [...perIp(refAttempts(g).filter((r) => selects(of, r))).values()].filter((e) => e.attempts >= minAttempts);
  const privateOnes = all.filter((e) => excludePrivate && !refIsPublic(e.ip));
  const rest = all.filter((e) => !privateOnes.includes(e));
  const allowed = rest.filter((e) => nets.some(([net, bits]) => ipaddr.parse(e.ip).kind() === net.kind() && ipaddr.parse(e.ip).match(net, bits)));
  const listed = rest.filter((e) => !allowed.includes(e)).sort((a, b) => ipNumberCompare(a.ip, b.ip));
  return { listed, allowlisted: allowed.length, excludedPrivate: privateOnes.length };
}

/** Lines of a text that are not comments or blank. */
const body = (text: string): string[] => text.split('\n').filter((l) => l.trim() && !l.startsWith('#'));

/** Every address inside a list of networks; the networks must not overlap. */
function expand(entries: string[]): string[] {
  const out: string[] = [];
  for (const e of entries) {
    const [net, bits] = e.includes('/') ? ipaddr.parseCIDR(e) : ipaddr.parseCIDR(`${e}/${e.includes(':') ? 128 : 32}`);
    const size = (net.kind() === 'ipv4' ? 32 : 128) - bits;
    expect(size, `${e} is a small network`).toBeLessThanOrEqual(8);
    const start = net.toByteArray().reduce((n, b) => (n << 8n) | BigInt(b), 0n);
    for (let i = 0n; i < 1n << BigInt(size); i++) {
      const value = start + i;
      const length = net.kind() === 'ipv4' ? 4 : 16;
      const bytes = Array.from({ length }, (_, k) => Number((value >> BigInt(8 * (length - 1 - k))) & 0xffn));
      out.push(ipaddr.fromByteArray(bytes).toString());
    }
  }
  return out;
}

/**
 * Whether `command` checks a small valid ruleset given on stdin: the tool may be missing, and where it is
 * installed it still needs root (nft's check reads the kernel's tables; CI runs as root, a developer may not).
 */
function checksRuleset(command: string, args: string[], ruleset: string): boolean {
  try {
    return spawnSync(command, args, { input: ruleset, encoding: 'utf8' }).status === 0;
  } catch {
    return false;
  }
}

const NFT_CHECKS = checksRuleset('nft', ['-c', '-f', '-'], 'table inet swarmscope_probe {\n\tset s {\n\t\ttype ipv4_addr\n\t\tflags interval\n\t\telements = { 192.0.2.0/24 }\n\t}\n}\n');
const IPTABLES_CHECKS = checksRuleset('iptables-restore', ['--test', '--noflush'], '*filter\n:swarmscope_probe - [0:0]\n-A swarmscope_probe -s 192.0.2.0/24 -j DROP\nCOMMIT\n');

describe('blocklist candidates', () => {
  it('are the IPs with enough attempts, minus allowlist and private space, in numeric order', () => {
    const expected = expectedIps();
    expect(expected.listed.length).toBeGreaterThan(50);
    expect(expected.allowlisted).toBeGreaterThan(0);
    expect(expected.excludedPrivate).toBeGreaterThan(0);
    const c = blocklistCandidates(g.store, options('plain'));
    expect(c.ips.map((ip) => ip.ip)).toEqual(expected.listed.map((e) => e.ip));
    expect([c.allowlisted, c.excludedPrivate]).toEqual([expected.allowlisted, expected.excludedPrivate]);
  });

  it('keep private addresses when asked to', () => {
    const withPrivate = blocklistCandidates(g.store, options('plain', { excludePrivate: false, allowlist: [], minAttempts: 1 }));
    const expected = [...perIp(refAttempts(g).filter((r) => selects(selection, r))).keys()].sort(ipNumberCompare);
    expect(withPrivate.ips.map((ip) => ip.ip)).toEqual(expected);
    expect(withPrivate.ips.some((ip) => ip.scope === 'private')).toBe(true);
  });

  it('refuse an allowlist entry that is not an address or network', () => {
    expect(() => parseAllowlist(['10.0.0.0/8', 'mail.example.org'])).toThrow(/mail\.example\.org/);
    expect(() => previewBlocklist(g.store, options('plain', { allowlist: ['1.2.3.4/40'] }))).toThrow(RangeError);
  });
});

describe('blocklist formats', () => {
  const now = new Date('2024-05-01T12:00:00Z');

  it('plain: a comment header, then one address per line', () => {
    const list = buildBlocklist(g.store, options('plain'), now);
    const expected = expectedIps().listed.map((e) => e.ip);
    expect(body(list.text)).toEqual(expected);
    expect(list.entries).toBe(expected.length);
    expect(list.text.startsWith('# Swarmscope blocklist (plain)')).toBe(true);
    expect(list.text).toContain(`# Generated ${now.toISOString()}`);
    expect(list.text).toContain(`days ${selection.from} to ${selection.to}`);
    expect(list.suggestedName).toMatch(/^swarmscope-blocklist-.*\.txt$/);
    expect(previewBlocklist(g.store, options('plain'), now)).toEqual({
      ips: expected.length, entries: expected.length, allowlisted: expectedIps().allowlisted, excludedPrivate: expectedIps().excludedPrivate,
      head: list.text.split('\n').slice(0, HEAD_LINES), moreLines: true,
    });
  });

  it('lists only the addresses that tried within the chosen hours, and says which hours', () => {
    const hours = { ...selection, hours: { start: `${selection.from} 06:00`, end: `${selection.to} 18:00` } };
    const list = buildBlocklist(g.store, options('plain', { selection: hours }), now);
    const expected = expectedIps(2, true, hours).listed.map((e) => e.ip);
    expect(expected.length).toBeGreaterThan(20);
    expect(expected.length).toBeLessThan(expectedIps().listed.length);
    expect(body(list.text)).toEqual(expected);
    expect(list.text).toContain(`# Selection: ${selection.from} 06:00 up to ${selection.to} 18:00 (days ${selection.from} to ${selection.to}); countries all;`);
  });

  it('lists only the addresses that tried the chosen services as often as asked, and says which services', () => {
    const pop3 = { ...selection, services: ['pop3', ''] };
    const list = buildBlocklist(g.store, options('plain', { selection: pop3 }), now);
    const expected = expectedIps(2, true, pop3).listed.map((e) => e.ip);
    expect(expected.length).toBeGreaterThan(20);
    // An address with two tries in all but one at pop3 is not listed: the count is of the chosen services' tries.
    expect(expected.length).toBeLessThan(expectedIps().listed.length);
    expect(body(list.text)).toEqual(expected);
    expect(list.text).toContain('; services pop3, not logged;');
    expect(list.suggestedName).toBe(`swarmscope-blocklist-${selection.from}_${selection.to}-service-pop3-not-logged.txt`);
    expect(buildBlocklist(g.store, options('plain'), now).text).toContain('; services all;');
    const hostile = buildBlocklist(g.store, options('plain', { selection: { ...selection, services: ['imap\n10.0.0.0/8'] } }), now).text;
    expect(body(hostile)).toEqual([]);
    expect(hostile).toContain('; services imap 10.0.0.0/8;');
  });

  it('cidr: merged networks that cover exactly the listed addresses', () => {
    const list = buildBlocklist(g.store, options('cidr'), now);
    const entries = body(list.text);
    const expected = expectedIps().listed.map((e) => e.ip);
    expect(entries.length).toBeLessThan(expected.length); // the 185.220.101.x neighbours merge
    expect(expand(entries).sort(ipNumberCompare)).toEqual(expected);
    expect(previewBlocklist(g.store, options('cidr'))).toMatchObject({ ips: expected.length, entries: entries.length });
  });

  it('nftables: an IPv4 and an IPv6 interval set in table inet swarmscope', () => {
    const list = buildBlocklist(g.store, options('nftables'), now);
    const text = list.text;
    expect(text).toMatch(/table inet swarmscope \{\n\tset mail_attackers \{\n\t\ttype ipv4_addr\n\t\tflags interval\n/);
    expect(text).toMatch(/\tset mail_attackers_v6 \{\n\t\ttype ipv6_addr\n\t\tflags interval\n/);
    const setBody = (name: string): string[] => {
      const m = new RegExp(`set ${name} \\{[^}]*?elements = \\{\\n([^}]*)\\t\\t\\}`).exec(text);
      return m ? m[1].split('\n').map((l) => l.trim().replace(/,$/, '')).filter(Boolean) : [];
    };
    const v4 = setBody('mail_attackers');
    const v6 = setBody('mail_attackers_v6');
    expect(v4.every((e) => !e.includes(':')) && v6.every((e) => e.includes(':'))).toBe(true);
    expect(expand([...v4, ...v6]).sort(ipNumberCompare)).toEqual(expectedIps().listed.map((e) => e.ip));
    expect(list.entries).toBe(v4.length + v6.length);
  });

  // Reported as skipped (not passed) where nft is missing or cannot check rulesets (not root).
  it('nftables: loads in nft when it is installed', { skip: !NFT_CHECKS }, () => {
    const file = path.join(dir, 'list.nft');
    fs.writeFileSync(file, buildBlocklist(g.store, options('nftables'), now).text);
    expect(spawnSync('nft', ['-c', '-f', file], { encoding: 'utf8' }).stderr).toBe('');
    const empty = path.join(dir, 'empty.nft');
    fs.writeFileSync(empty, buildBlocklist(g.store, options('nftables', { minAttempts: 1_000_000 }), now).text);
    expect(spawnSync('nft', ['-c', '-f', empty], { encoding: 'utf8' }).stderr).toBe('');
  });

  it('ipset: create, flush and add lines for an inet and an inet6 hash:net set', () => {
    const text = buildBlocklist(g.store, options('ipset'), now).text;
    const lines = body(text);
    expect(lines[0]).toMatch(/^create mail_attackers hash:net family inet hashsize \d+ maxelem \d+ -exist$/);
    expect(lines[1]).toBe('flush mail_attackers');
    expect(lines).toContain('flush mail_attackers_v6');
    expect(lines.some((l) => /^create mail_attackers_v6 hash:net family inet6 /.test(l))).toBe(true);
    const v4 = lines.filter((l) => l.startsWith('add mail_attackers ')).map((l) => l.split(' ')[2]);
    const v6 = lines.filter((l) => l.startsWith('add mail_attackers_v6 ')).map((l) => l.split(' ')[2]);
    expect(expand([...v4, ...v6]).sort(ipNumberCompare)).toEqual(expectedIps().listed.map((e) => e.ip));
    expect(lines.every((l) => /^(create|flush|add) /.test(l))).toBe(true);
  });

  it('iptables: a shell script feeding iptables-restore and ip6tables-restore', () => {
    const text = buildBlocklist(g.store, options('iptables'), now).text;
    expect(text.startsWith('#!/bin/sh\n# Swarmscope blocklist (iptables)')).toBe(true);
    const file = path.join(dir, 'rules.sh');
    fs.writeFileSync(file, text);
    execFileSync('sh', ['-n', file]); // the script parses
    const blocks = [...text.matchAll(/^(ip6?tables)-restore --noflush <<'SWARMSCOPE_RULES'\n([\s\S]*?)\nSWARMSCOPE_RULES$/gm)];
    expect(blocks.map((b) => b[1])).toEqual(['iptables', 'ip6tables']);
    const rules = blocks.map((b) => b[2].split('\n').filter((l) => l.startsWith('-A ')).map((l) => /^-A mail_attackers -s (\S+) -j DROP$/.exec(l)![1]));
    expect(rules[0].every((e) => !e.includes(':')) && rules[1].every((e) => e.includes(':'))).toBe(true);
    expect(expand(rules.flat()).sort(ipNumberCompare)).toEqual(expectedIps().listed.map((e) => e.ip));
  });

  // Reported as skipped (not passed) where iptables-restore is missing or cannot test rules (not root).
  it('iptables: loads in iptables-restore and ip6tables-restore when they are installed and usable', { skip: !IPTABLES_CHECKS }, () => {
    const text = buildBlocklist(g.store, options('iptables'), now).text;
    const blocks = [...text.matchAll(/^(ip6?tables)-restore --noflush <<'SWARMSCOPE_RULES'\n([\s\S]*?)\nSWARMSCOPE_RULES$/gm)];
    expect(blocks.map((b) => b[1])).toEqual(['iptables', 'ip6tables']);
    for (const [, command, rulesText] of blocks) {
      const check = spawnSync(`${command}-restore`, ['--test', '--noflush'], { input: `${rulesText}\n`, encoding: 'utf8' });
      expect(check.status, `${command}-restore: ${check.stderr}`).toBe(0);
    }
    // A broken rule is refused, so the check above can fail.
    const broken = spawnSync('iptables-restore', ['--test', '--noflush'], { input: `${blocks[0][2].replace(/^-A (\S+) -s \S+/m, '-A $1 -s 203.0.113.999')}\n`, encoding: 'utf8' });
    expect(broken.status).not.toBe(0);
  });

  it('csv: ip, country, attempts, first and last seen, the users most tried', () => {
    const list = buildBlocklist(g.store, options('csv'), now);
    const parsed = parseCsv(list.text);
    expect(parsed[0]).toEqual(['ip', 'country', 'attempts', 'first_seen', 'last_seen', 'users_most_tried']);
    expect(parsed.slice(1)).toEqual(
      expectedIps().listed.map((e) => {
        // Each name neutralised on its own (csv.test.ts: joinUsers), a list cut at 20 saying how many more.
        const users = rankedUsers(e).slice(0, 20).map((u) => (/^[ \u00a0]*[=+\-@]|^[\t\r\n]/.test(u) ? `'${u}` : u));
        if (e.users.size > 20) users.push(`… and ${e.users.size - 20} more`);
        return [e.ip, e.country ?? '', String(e.attempts), formatTs(e.firstTs), formatTs(e.lastTs), users.join(';')];
      }),
    );
    expect(expectedIps().listed.some((e) => e.users.size > 20)).toBe(true);
    expect(list.suggestedName.endsWith('.csv')).toBe(true);
  });

  it('previews the first lines of the text the format saves: its header, set or chain, and first entries', () => {
    // What the dialog shows is the file's start, whatever the format: not bare addresses under an nftables choice.
    const firstEntry: Record<BlocklistFormat, RegExp> = {
      plain: /^\d+\.\d+\.\d+\.\d+$/,
      cidr: /^\d+\.\d+\.\d+\.\d+\/\d+$/,
      nftables: /^\t\t\t\d+\.\d+\.\d+\.\d+(\/\d+)?,$/,
      ipset: /^add mail_attackers \d+\.\d+\.\d+\.\d+(\/\d+)?$/,
      iptables: /^-A mail_attackers -s \d+\.\d+\.\d+\.\d+(\/\d+)? -j DROP$/,
      csv: /^\d+\.\d+\.\d+\.\d+,[A-Z]{2},\d+,/,
    };
    for (const format of Object.keys(firstEntry) as BlocklistFormat[]) {
      const file = buildBlocklist(g.store, options(format), now).text;
      const preview = previewBlocklist(g.store, options(format), now);
      const lines = file.split(format === 'csv' ? '\r\n' : '\n');
      expect(preview.head, format).toHaveLength(HEAD_LINES);
      expect(preview.head, format).toEqual(lines.slice(0, HEAD_LINES));
      expect(preview.moreLines, format).toBe(true);
      expect(preview.head.some((line) => firstEntry[format].test(line)), `${format} shows its first entries`).toBe(true);
    }
    expect(previewBlocklist(g.store, options('nftables'), now).head).toContain('table inet swarmscope {');
    expect(previewBlocklist(g.store, options('csv'), now).head[0]).toBe('ip,country,attempts,first_seen,last_seen,users_most_tried');
  });

  it('previews a short list whole, saying there is no more', () => {
    for (const [format, eol] of [['plain', '\n'], ['csv', '\r\n']] as [BlocklistFormat, string][]) {
      const few = options(format, { minAttempts: 1, selection: { ...selection, search: RELENTLESS_IP }, allowlist: [] });
      const preview = previewBlocklist(g.store, few, now);
      expect(preview.ips, format).toBe(1);
      expect(preview.moreLines, format).toBe(false);
      expect(preview.head.map((line) => line + eol).join(''), format).toBe(buildBlocklist(g.store, few, now).text);
    }
  });

  it('writes a single host bare only in the firewall formats, and an IPv6 /32 network never bare', () => {
    expect(['plain', 'cidr', 'nftables', 'ipset', 'iptables'].map((f) => entryAsWritten(f as BlocklistFormat, '192.0.2.7/32'))).toEqual(
      ['192.0.2.7/32', '192.0.2.7/32', '192.0.2.7', '192.0.2.7', '192.0.2.7']);
    expect(entryAsWritten('nftables', '2001:db8::7/128')).toBe('2001:db8::7');
    expect(entryAsWritten('nftables', '2001:db8::/32')).toBe('2001:db8::/32');
    expect(entryAsWritten('ipset', '192.0.2.0/30')).toBe('192.0.2.0/30');
  });

  it('names each format\'s file apart, with endings browsers download, after the selection', () => {
    const formats: BlocklistFormat[] = ['plain', 'cidr', 'nftables', 'ipset', 'iptables', 'csv'];
    const names = formats.map((format) => buildBlocklist(g.store, options(format), now).suggestedName);
    expect(names).toEqual([
      `swarmscope-blocklist-${selection.from}_${selection.to}.txt`,
      `swarmscope-blocklist-${selection.from}_${selection.to}-cidr.txt`,
      `swarmscope-blocklist-${selection.from}_${selection.to}.nft`,
      `swarmscope-blocklist-${selection.from}_${selection.to}.ipset`,
      `swarmscope-blocklist-${selection.from}_${selection.to}-iptables.txt`,
      `swarmscope-blocklist-${selection.from}_${selection.to}.csv`,
    ]);
    expect(names.some((n) => /\.(sh|bash|exe|bat|cmd)$/.test(n))).toBe(false); // Chromium holds these back as dangerous

    const label = (s: Partial<Selection>) => selectionLabel({ ...EMPTY_SELECTION, ...s });
    expect(label({})).toBe('all-days');
    expect(label({ search: '45.' })).toBe('all-days-search-45');
    expect(label({ from: '2023-08-21', to: '2023-08-23', countries: ['CN', 'RU'] })).toBe('2023-08-21_2023-08-23-CN-RU');
    expect(label({ countries: ['CN', 'RU', 'US', 'BR', 'IN'] })).toBe('all-days-CN-RU-US-and-2-more');
    expect(label({ exact: { user: 'Admin@Example.com' } })).toBe('all-days-user-Admin-Example-com');
    expect(label({ search: '../../etc/passwd\n', exact: { password: 'пароль' } })).toBe('all-days-search-etc-passwd-password-value');
    expect(label({ exact: { user: 'admin', password: '123456' } })).toBe('all-days-user-admin-password-123456');
    expect(label({ search: 'x'.repeat(200) })).toHaveLength('all-days-search-'.length + 24);
    expect(label({ services: ['ssh'] })).toBe('all-days-service-ssh');
    expect(label({ countries: ['CN'], services: ['imap', '', '../x'] })).toBe('all-days-CN-service-imap-not-logged-x');
    // An incident's hours name the file in place of its days: two incidents of the same days get two names.
    expect(label({ from: '2023-08-21', to: '2023-08-23', hours: { start: '2023-08-21 03:00', end: '2023-08-23 17:00' } })).toBe('2023-08-21T0300_2023-08-23T1700');
    expect(label({ from: '2023-08-21', hours: { start: '2023-08-21 03:00', end: null }, services: ['ssh'] })).toBe('2023-08-21T0300_end-service-ssh');
    const csv = buildBlocklist(g.store, options('csv', { selection: { ...selection, search: '185.220' } }), now);
    expect(csv.suggestedName).toBe(`swarmscope-blocklist-${selection.from}_${selection.to}-search-185-220.csv`);
  });

  it('counts in its header in the singular for one and the plural otherwise, never "attempt(s)"', () => {
    const headline = (extra: Partial<BlocklistOptions>) => buildBlocklist(g.store, options('plain', extra), now).text.split('\n')[0];
    // The counts are those of the reference (expectedIps), not any number.
    const listed = expectedIps().listed.length;
    expect(listed).toBeGreaterThan(100);
    expect(headline({ minAttempts: 2 })).toBe(`# Swarmscope blocklist (plain): ${listed.toLocaleString('en')} IP addresses with at least 2 attempts each`);
    expect(headline({ minAttempts: 1 })).toBe(`# Swarmscope blocklist (plain): ${expectedIps(1).listed.length.toLocaleString('en')} IP addresses with at least 1 attempt each`);
    // The one IP with the most attempts, alone above every other.
    const tops = blocklistCandidates(g.store, options('plain', { minAttempts: 1, allowlist: [] })).ips.map((ip) => ip.attempts).sort((a, b) => b - a);
    expect(tops[0]).toBeGreaterThan(tops[1]);
    expect(headline({ minAttempts: tops[0], allowlist: [] })).toBe(`# Swarmscope blocklist (plain): 1 IP address with at least ${tops[0].toLocaleString('en')} attempts each`);
    expect(headline({ minAttempts: 1e9 })).toMatch(/: 0 IP addresses with at least 1,000,000,000 attempts each$/);
    const cidr = buildBlocklist(g.store, options('cidr'), now).text;
    const networks = body(cidr).length;
    expect(networks).toBeLessThan(listed);
    expect(cidr.split('\n')[0]).toBe(`# Swarmscope blocklist (cidr): ${listed.toLocaleString('en')} IP addresses in ${networks.toLocaleString('en')} networks with at least 2 attempts each`);
    for (const format of ['plain', 'cidr', 'nftables', 'ipset', 'iptables'] as const) {
      expect(buildBlocklist(g.store, options(format), now).text, format).not.toContain('(s)');
    }
  });

  it('says in its header which days it is of, the case\'s first and last for a range left open', () => {
    const selectionLine = (of: Selection) => buildBlocklist(g.store, options('plain', { selection: of }), now).text.split('\n').find((l) => l.startsWith('# Selection: '))!;
    const days = refAttempts(g).map((r) => r.day).sort();
    const [first, last] = [days[0], days.at(-1)!];
    expect(selectionLine(selection)).toMatch(new RegExp(`^# Selection: days ${selection.from} to ${selection.to}; countries all;`));
    expect(selectionLine(EMPTY_SELECTION)).toMatch(new RegExp(`^# Selection: all days \\(${first} to ${last}\\); countries all;`));
    expect(selectionLine({ ...EMPTY_SELECTION, from: selection.from })).toContain(`Selection: days ${selection.from} to ${last} (the case's last);`);
    expect(selectionLine({ ...EMPTY_SELECTION, to: selection.to })).toContain(`Selection: days ${first} (the case's first) to ${selection.to};`);
  });

  it('says in its header which user name or password it is for', () => {
    const text = buildBlocklist(g.store, options('plain', { selection: { ...selection, exact: { user: 'admin\n-A INPUT' } } }), now).text;
    expect(text).toContain('; user name exactly "admin\\n-A INPUT"');
    const both = buildBlocklist(g.store, options('plain', { selection: { ...selection, exact: { user: 'admin', password: '123456' } } }), now).text;
    expect(both).toContain('; user name exactly "admin"; password exactly "123456"');
    expect(text.split('\n').filter((l) => l.includes('-A INPUT')).every((l) => l.startsWith('# '))).toBe(true);
  });

  it('keeps hostile selection text and set names out of the syntax', () => {
    const hostile = options('iptables', {
      selection: { ...selection, countries: ['DE\nrm -rf /'], search: '"\n-A INPUT -j ACCEPT\n' },
      setName: 'x; rm -rf / #\n',
    });
    const text = buildBlocklist(g.store, hostile, now).text;
    for (const line of text.split('\n')) {
      expect(line, line).toMatch(/^(#|set -e$|ip6?tables-restore --noflush <<'SWARMSCOPE_RULES'$|\*filter$|:x__rm_-rf_____ - \[0:0\]$|-A x__rm_-rf_____ -s \S+ -j DROP$|COMMIT$|SWARMSCOPE_RULES$|$)/);
    }
    const nft = buildBlocklist(g.store, { ...options('nftables'), selection: { ...selection, countries: ['}\ntable ip evil {'] }, setName: '1}{' }, now).text;
    expect(nft).not.toMatch(/^table ip evil/m);
    expect(safeSetName('1}{')).toBe('swarmscope');
    expect(safeSetName('Block-List_2')).toBe('Block-List_2');
    expect(safeSetName('a'.repeat(40))).toHaveLength(24);
  });
});
