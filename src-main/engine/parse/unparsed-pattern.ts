// Groups unparsed lines: masks what varies between alike lines (time stamp, addresses, user names, passwords,
// SASL methods, session ids, numbers) so that one pattern stands for many lines and a few samples can be shown per pattern.
import { canonicalIp } from '../net/ip';
import { StampReader } from './timestamp';

/**
 * Patterns a source keeps, most lines first, and samples kept of each: the report shows what was not read
 * without holding a hostile log's every odd line. The ingest collects within these (ingest/parse-file.ts), and
 * the store keeps a resumed file's patterns within them too (store/sources.ts).
 */
export const MAX_UNPARSED_PATTERNS = 50;
export const SAMPLES_PER_PATTERN = 3;

/** Only the start of a line decides its pattern; hostile megabyte lines cost no more than this. */
const MAX_INPUT = 2000;
const MAX_PATTERN = 300;

const PASSWORD = /\(((?:SHA1 of )?given password: )[^\n]*\)/g;
const LOGIN_USER = /user=<[^\n]{0,512}?>(?=, |$)/g;
const METHOD = /\bmethod=[^\s,]{1,64}/g;
const BRACKETED = /<[^<>\s]{0,200}>/g;
const IPV4 = /\b\d{1,3}(?:\.\d{1,3}){3}\b/g;
const IPV6_CANDIDATE = /[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:\.\d{1,3}){0,3}/g;
const PARENS_WITH_IP = /\([^()\n]{0,600}\bIP\b[^()\n]{0,600}\)/g;
const DIGITS = /\d+/g;

/** `::` alone (as in OpenSSL's `SSL routines::no shared cipher`) is valid IPv6 but not what a log means. */
function isIpv6(candidate: string): boolean {
  return candidate.length > 2 && /[0-9A-Fa-f]/.test(candidate) && canonicalIp(candidate) !== null;
}

// A reader with any reference will do: the stamp is only cut off, its value is not used.
const stampCutter = new StampReader({ reference: new Date(0) });

export function unparsedPattern(line: string): string {
  let text = line.length > MAX_INPUT ? line.slice(0, MAX_INPUT) : line;
  text = stampCutter.read(text)?.rest ?? text;
  text = text
    .replace(PASSWORD, '($1*)')
    .replace(LOGIN_USER, 'user=<*>')
    .replace(METHOD, 'method=*')
    .replace(BRACKETED, '<*>')
    .replace(IPV4, 'IP')
    .replace(IPV6_CANDIDATE, (candidate) => (isIpv6(candidate) ? 'IP' : candidate))
    .replace(PARENS_WITH_IP, '(*)')
    .replace(DIGITS, 'N');
  return text.length > MAX_PATTERN ? `${text.slice(0, MAX_PATTERN)}…` : text;
}
