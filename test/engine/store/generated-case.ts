// A realistic case built the way ingest builds one (beginSource / addAttempts / addLogins / finishSource),
// plus an independent reference: the same records, canonicalised and located with ipaddr.js directly, so
// that tests compute expected figures without the store's own code.
import ipaddr from 'ipaddr.js';
import type { AttemptRecord, LoginRecord } from '../../../src-main/engine/parse/types';
import { CaseStore } from '../../../src-main/engine/store/case-store';
import type { GeoDbInfo } from '../../../src-main/shared/api';

export const HOSTILE_USERS = [
  "'); DROP TABLE attempt;--",
  '=HYPERLINK("http://x")',
  '+cmd|calc',
  '-2+3',
  '@SUM(1)',
  '\tindented',
  'comma,name',
  'quote"name',
  'new\nline',
  'пользователь',
  "Robert'); DROP TABLE ip; --",
];
export const RELENTLESS_IP = '91.240.118.222';
export const INVALID_IPS = ['not-an-ip', '999.1.1.1', '', '1.2.3', '01.2.3.4'];
const COUNTRIES = ['US', 'CN', 'DE', 'RU', 'BR', 'NL', 'FR', 'VN', null];

export const GEO_DB: GeoDbInfo = {
  name: 'test-country', kind: 'country', buildDate: '2024-01-15', licence: 'CC0', path: '/nonexistent/test.mmdb', bundled: false,
};

/** Small fast PRNG (mulberry32) so every run builds the same case. */
export function random(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Reference canonical form, straight from ipaddr.js (the generator only makes INVALID_IPS invalid). */
export function refCanonical(raw: string): string | null {
  return INVALID_IPS.includes(raw) ? null : ipaddr.process(raw).toString();
}

export function refIsPublic(canonical: string): boolean {
  return ipaddr.parse(canonical).range() === 'unicast';
}

/** The country the test locator gives a public address: a pure function of its text. */
export function refCountryOf(canonical: string): string | null {
  if (!refIsPublic(canonical)) return null;
  let h = 0;
  for (const ch of canonical) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return COUNTRIES[h % COUNTRIES.length];
}

export interface GeneratedCase {
  store: CaseStore;
  attempts: AttemptRecord[];
  logins: LoginRecord[];
  /** Source path of each attempt / login, parallel to the arrays above. */
  attemptSources: string[];
  loginSources: string[];
  /** Records whose IP is not an address (left out by the store). */
  invalid: number;
  /** How often the locator was asked, and with what. */
  located: string[];
  geoDbId: number;
}

export const FIRST_DAY_TS = Date.UTC(2024, 1, 25) / 1000; // 2024-02-25, so the range crosses 29 February
export const DAYS = 40;

export function generateRecords(seed = 7, count = 12_000): { attempts: AttemptRecord[]; logins: LoginRecord[] } {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const octet = () => Math.floor(rnd() * 256);
  const publicV4 = Array.from({ length: 400 }, () => `${[45, 61, 77, 91, 103, 185, 193, 212][Math.floor(rnd() * 8)]}.${octet()}.${octet()}.${octet()}`);
  const publicV6 = Array.from({ length: 60 }, () => `2a0${1 + Math.floor(rnd() * 8)}:${Math.floor(rnd() * 65535).toString(16)}:${Math.floor(rnd() * 65535).toString(16)}::${Math.floor(rnd() * 65535).toString(16)}`);
  publicV6.push('2A01:4F8:0:0:0:0:0:1', '2a01:4f8::2');
  const special = ['10.0.0.5', '10.1.2.3', '192.168.1.20', '172.16.5.4', '127.0.0.1', '169.254.10.10', '100.64.1.1', '203.0.113.9', 'fd00::1', 'fe80::1', '::1'];
  const mapped = publicV4.slice(0, 40).map((ip) => `::ffff:${ip}`);
  const swarm = Array.from({ length: 300 }, () => `${[5, 31, 46, 79, 89, 94, 109, 176, 178, 188][Math.floor(rnd() * 10)]}.${octet()}.${octet()}.${octet()}`);
  const users = [...Array.from({ length: 120 }, (_, i) => (i % 3 ? `user${i}` : `User${i}@Example.com`)), 'admin', 'info', 'test', ...HOSTILE_USERS];
  const passwords = [...Array.from({ length: 200 }, (_, i) => `pw${i}`), '123456', 'password', '=1+1', '-', ' spaced '];
  const attempts: AttemptRecord[] = [];
  const ipFor = (): string => {
    const r = rnd();
    if (r < 0.55) return pick(publicV4);
    if (r < 0.7) return pick(publicV6);
    if (r < 0.8) return pick(mapped);
    if (r < 0.88) return pick(special);
    return pick(INVALID_IPS.concat(publicV4.slice(0, 5)));
  };
  let line = 0;
  while (attempts.length < count * 0.85) {
    const burst = rnd() < 0.1 ? 30 + Math.floor(rnd() * 120) : 1 + Math.floor(rnd() * 4);
    const ip = ipFor();
    let ts = FIRST_DAY_TS + Math.floor(rnd() * DAYS * 86400);
    for (let i = 0; i < burst; i++) {
      ts += 1 + Math.floor(rnd() * 40);
      attempts.push({ ts, ip, user: rnd() < 0.08 ? null : pick(users), password: rnd() < 0.4 ? null : pick(passwords), service: rnd() < 0.2 ? null : pick(['imap', 'pop3']), line: ++line });
    }
  }
  // A block of neighbours, each trying a few times, for CIDR aggregation.
  for (let i = 0; i < 16; i++) {
    for (let k = 0; k < 3; k++) {
      attempts.push({ ts: FIRST_DAY_TS + 86400 * (5 + k * 7) + i * 60, ip: `185.220.101.${i}`, user: pick(users), password: null, service: 'imap', line: ++line });
    }
  }
  // One relentless address, more attempts than an IP detail lists.
  for (let i = 0; i < 700; i++) {
    attempts.push({ ts: FIRST_DAY_TS + 86400 * 3 + i * 997, ip: RELENTLESS_IP, user: pick(users), password: pick(passwords), service: 'pop3', line: ++line });
  }
  // The swarm: two and a half days, most IPs trying once.
  const swarmStart = FIRST_DAY_TS + 20 * 86400 + 3600;
  while (attempts.length < count) {
    attempts.push({ ts: swarmStart + Math.floor(rnd() * 2.5 * 86400), ip: pick(swarm), user: pick(users), password: pick(passwords), service: 'imap', line: ++line });
  }
  attempts.sort((a, b) => a.ts - b.ts);
  const logins: LoginRecord[] = Array.from({ length: 150 }, () => ({
    ts: FIRST_DAY_TS + Math.floor(rnd() * DAYS * 86400), ip: rnd() < 0.5 ? pick(special) : pick(publicV4.concat(INVALID_IPS)), user: pick(['alice', 'bob', 'admin', HOSTILE_USERS[0]]), service: pick(['imap', 'pop3', null]), line: ++line,
  }));
  return { attempts, logins };
}

/** Splits the records over two sources and ingests them in batches, like the ingest pipeline does. */
export async function generatedCase(seed = 7, count = 12_000, batch = 2_500): Promise<GeneratedCase> {
  const { attempts, logins } = generateRecords(seed, count);
  const located: string[] = [];
  const store = await CaseStore.create();
  const geoDbId = store.addGeoDb(GEO_DB);
  store.setLocator((ip) => {
    located.push(ip);
    return { country: refCountryOf(ip), asn: 64500, asOrg: 'Example AS', geoDbId };
  });
  const paths = ['/var/log/mail.log.1', '/var/log/mail.log'];
  const half = Math.floor(attempts.length / 2);
  const attemptSources: string[] = attempts.map((_, i) => paths[i < half ? 0 : 1]);
  const loginSources: string[] = logins.map((_, i) => paths[i % 2]);
  for (let s = 0; s < 2; s++) {
    const id = store.beginSource({ path: paths[s], encoding: s ? 'plain' : 'gzip', headHash: `head-${s}`, mtime: 1_700_000_000_000 + s });
    const mine = attempts.filter((_, i) => attemptSources[i] === paths[s]);
    for (let i = 0; i < mine.length; i += batch) store.addAttempts(id, mine.slice(i, i + batch));
    store.addLogins(id, logins.filter((_, i) => loginSources[i] === paths[s]));
    store.finishSource(id, {
      contentHash: `content-${s}`, contentBytes: 1000 * (s + 1), lines: mine.length * 2, attemptLines: mine.length, loginLines: 75,
      ignoredLines: 3, unparsedLines: 1, attempts: mine.length, logins: 75, firstTs: null, lastTs: null, notes: [], warnings: [], errors: [],
      unparsed: [{ pattern: 'auth: odd <*>', count: 1, samples: ['auth: odd thing'] }],
    });
  }
  const invalid = attempts.filter((a) => refCanonical(a.ip) === null).length;
  return { store, attempts, logins, attemptSources, loginSources, invalid, located, geoDbId };
}
