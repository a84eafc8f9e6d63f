// Loads log formats kept as data (formats/*.json, in the spirit of lnav's format files) and compiles them once.
// A format file lists named formats, each a regex with named captures, the kind of event it yields, the literal
// needles that must occur in a line before the regex is even tried (the hot path skips most lines with indexOf),
// and sample lines with the fields they must produce (checked by test/engine/formats).
import type { AuthEvent, Origin } from '../parse/types';
import dovecotFile from './dovecot.json';

export type FormatKind = AuthEvent['kind'] | 'ignored';

/** The named captures a format regex may use. */
export const CAPTURE_NAMES = [
  'user', 'user_alt', 'ip', 'session', 'password', 'password_sha1', 'attempts', 'secs', 'service',
] as const;
export type CaptureName = (typeof CAPTURE_NAMES)[number];

export interface SampleExpectation {
  kind: FormatKind;
  [field: string]: string | number | null;
}

export interface FormatSample {
  line: string;
  expect: SampleExpectation;
}

export interface FormatSpec {
  name: string;
  description: string;
  kind: FormatKind;
  /** Which process wrote the line; auth-fail formats only. */
  origin?: Origin;
  /** The regex is tried only when one of these occurs in the line. */
  needles: string[];
  /** One string, or several joined, with `{{def}}` references. */
  regex: string | string[];
  samples: FormatSample[];
}

export interface FormatFile {
  name: string;
  description: string;
  /** A line containing none of these is ignored without further work. */
  prefilter: string[];
  /** A line no format matched is reported as unparsed when it contains one of these. */
  suspicious: string[];
  defs: Record<string, string>;
  formats: FormatSpec[];
  /** Lines that must be ignored (no format needed). */
  ignoredSamples: string[];
  /** Lines that must be reported as unparsed. */
  unparsedSamples: { line: string; reason?: 'no-timestamp' }[];
}

export interface CompiledFormat {
  readonly name: string;
  readonly kind: FormatKind;
  readonly origin: Origin;
  readonly needles: readonly string[];
  readonly regex: RegExp;
}

export interface CompiledFormatSet {
  readonly name: string;
  readonly prefilter: readonly string[];
  readonly suspicious: readonly string[];
  readonly formats: readonly CompiledFormat[];
}

const KINDS: readonly FormatKind[] = ['auth-fail', 'login-fail', 'login-ok', 'ignored'];
const ORIGINS: readonly Origin[] = ['auth', 'login', 'system-pam'];
const DEF_REFERENCES = /\{\{([A-Za-z0-9_]+)\}\}/g;
const HAS_DEF_REFERENCE = /\{\{[A-Za-z0-9_]+\}\}/;
const MAX_DEF_DEPTH = 8;

function expandDefs(source: string, defs: Record<string, string>, where: string): string {
  let text = source;
  for (let depth = 0; depth < MAX_DEF_DEPTH && HAS_DEF_REFERENCE.test(text); depth++) {
    text = text.replace(DEF_REFERENCES, (_, name: string) => {
      if (!Object.hasOwn(defs, name)) throw new Error(`${where}: unknown def {{${name}}}`);
      return defs[name];
    });
  }
  if (HAS_DEF_REFERENCE.test(text)) throw new Error(`${where}: defs nest too deeply`);
  return text;
}

/** Names of the capture groups of a regex (an empty-alternative match reports every group). */
function captureNames(regex: RegExp): string[] {
  const probe = new RegExp(`${regex.source}|`);
  return Object.keys(probe.exec('')?.groups ?? {});
}

function compileFormat(spec: FormatSpec, defs: Record<string, string>): CompiledFormat {
  const where = `format ${spec.name}`;
  if (!KINDS.includes(spec.kind)) throw new Error(`${where}: unknown kind ${spec.kind}`);
  if (!Array.isArray(spec.needles) || spec.needles.length === 0 || spec.needles.some((n) => !n)) {
    throw new Error(`${where}: needs at least one non-empty needle`);
  }
  const source = expandDefs(Array.isArray(spec.regex) ? spec.regex.join('') : spec.regex, defs, where);
  const regex = new RegExp(source);
  const names = captureNames(regex);
  const unknown = names.filter((n) => !(CAPTURE_NAMES as readonly string[]).includes(n));
  if (unknown.length > 0) throw new Error(`${where}: unknown captures ${unknown.join(', ')}`);
  if (spec.kind !== 'ignored' && !names.includes('ip')) throw new Error(`${where}: an event format must capture ip`);
  const origin = spec.origin ?? (spec.kind === 'auth-fail' ? 'auth' : 'login');
  if (!ORIGINS.includes(origin)) throw new Error(`${where}: unknown origin ${origin}`);
  return { name: spec.name, kind: spec.kind, origin, needles: [...spec.needles], regex };
}

/** Validates a format file and compiles its regexes. Throws on any malformed format. */
export function compileFormatFile(file: FormatFile): CompiledFormatSet {
  const seen = new Set<string>();
  for (const f of file.formats) {
    if (seen.has(f.name)) throw new Error(`format ${f.name} is defined twice`);
    seen.add(f.name);
  }
  return {
    name: file.name,
    prefilter: [...file.prefilter],
    suspicious: [...file.suspicious],
    formats: file.formats.map((f) => compileFormat(f, file.defs)),
  };
}

export const dovecotFormatFile = dovecotFile as FormatFile;

/** The dovecot formats, compiled once at load. */
export const dovecotFormats: CompiledFormatSet = compileFormatFile(dovecotFormatFile);
