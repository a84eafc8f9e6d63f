// Loads log formats kept as data (formats/*.json, in the spirit of lnav's format files) and compiles them once.
// A format file lists named formats, each a regex with named captures, the kind of event it yields, the literal
// needles that must occur in a line before the regex is even tried (the hot path skips most lines with indexOf),
// and sample lines with the fields they must produce (checked by test/engine/formats).
import type { AuthEvent, Origin, UnparsedReason } from '../parse/types';
import dovecotFile from './dovecot.json';
import eximFile from './exim.json';
import sshdFile from './sshd.json';
import syslogFile from './syslog.json';

/**
 * What a line a format matches is: an event, a line of no interest (`ignored`), or one that tells of a failed
 * login in a way no format before it could read (`unparsed`, shown to the user with samples).
 */
export type FormatKind = AuthEvent['kind'] | 'ignored' | 'unparsed';

/** The named captures a format regex may use. */
export const CAPTURE_NAMES = [
  'user', 'user_alt', 'ip', 'session', 'password', 'password_sha1', 'attempts', 'secs', 'service', 'host', 'pid', 'port', 'local_port',
] as const;
export type CaptureName = (typeof CAPTURE_NAMES)[number];

export interface SampleExpectation {
  kind: FormatKind;
  [field: string]: string | number | boolean | null;
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
  /** The service of an event whose line does not name one (postfix's `smtpd` without a master.cf service name). */
  defaultService?: string;
  /**
   * The service of an event whose line names no service but the server's port the client came in on (capture
   * `local_port`): Exim's `I=[192.0.2.1]:587` is `submission`. A port not listed gives defaultService.
   */
  serviceByPort?: Record<string, string>;
  /**
   * A login-fail format whose line names a try refused for the account (`(user disabled)`), of which no auth line
   * that a format reads speaks: the try counts on top of those its session's auth lines stand for, instead of
   * being one of them (LoginFailure.ownTry).
   */
  ownTry?: boolean;
  /** The regex is tried only when one of these occurs in the line. */
  needles: string[];
  /**
   * A literal every line the regex reads holds (a login process's `-login: `): formats that name the same one
   * test it once per line, so a line without it passes over all of them at the cost of one search.
   */
  requires?: string;
  /** One string, or several joined, with `{{def}}` references. */
  regex: string | string[];
  samples: FormatSample[];
  /**
   * An `unparsed` format's lines that the file's report explains: the first of these regexes (with `{{def}}`
   * references) found in such a line gives it its reason. Tried on the format's own lines alone.
   */
  reasons?: { reason: UnparsedReason; regex: string }[];
}

export interface FormatFile {
  name: string;
  description: string;
  /** A line containing none of these is ignored without further work. */
  prefilter: string[];
  /**
   * Phrases of lines that are never attempts, such as `(no auth attempts`: a prefilter keyword inside one of them
   * does not count, so a line whose keywords all lie in such phrases is ignored without further work.
   */
  prefilterIgnores?: string[];
  /** A line no format matched is reported as unparsed when it contains one of these. */
  suspicious: string[];
  defs: Record<string, string>;
  formats: FormatSpec[];
  /** Lines that must be ignored (no format needed). */
  ignoredSamples: string[];
  /** Lines that must be reported as unparsed. */
  unparsedSamples: { line: string; reason?: UnparsedReason }[];
}

export interface CompiledFormat {
  readonly name: string;
  readonly kind: FormatKind;
  /** An `unparsed` format's reasons (FormatSpec.reasons), compiled; empty for every other format. */
  readonly reasons: readonly { readonly reason: UnparsedReason; readonly regex: RegExp }[];
  readonly origin: Origin;
  readonly defaultService: string | null;
  /** FormatSpec.serviceByPort, or null. */
  readonly serviceByPort: ReadonlyMap<string, string> | null;
  /** FormatSpec.ownTry; false for any other kind than login-fail. */
  readonly ownTry: boolean;
  /** True when one of the format's needles occurs in the text. */
  readonly hasNeedle: (text: string) => boolean;
  /**
   * Formats with the same needles share this index (into CompiledFormatSet.needleTests), so a parser can test
   * those needles once per line however many formats list them.
   */
  readonly needleSet: number;
  /** The needle set (CompiledFormatSet.needleTests) of FormatSpec.requires, which must be found too; -1 for none. */
  readonly requireSet: number;
  /** The regex with its named groups turned into plain numbered ones (cheaper to run). */
  readonly regex: RegExp;
  /** Index in a match of each capture the format has. */
  readonly groups: Readonly<Partial<Record<CaptureName, number>>>;
}

export interface CompiledFormatSet {
  readonly name: string;
  /** A line that fails this is ignored without further work. */
  readonly prefilter: RegExp;
  /** What `prefilter` is made of: its literal keywords and the phrases within which they do not count. */
  readonly prefilterWords: { readonly keywords: readonly string[]; readonly ignores: readonly string[] };
  /** A line no format matched is unparsed when it passes this. */
  readonly suspicious: RegExp;
  readonly formats: readonly CompiledFormat[];
  /** One needle test per distinct needle list; CompiledFormat.needleSet indexes it. */
  readonly needleTests: readonly ((text: string) => boolean)[];
}

const KINDS: readonly FormatKind[] = ['auth-fail', 'login-fail', 'login-ok', 'ignored', 'unparsed'];
/** The reasons a format may give (a line without a stamp is known by the parser, not by a format). */
const FORMAT_REASONS: readonly UnparsedReason[] = ['host-name'];
const ORIGINS: readonly Origin[] = ['auth', 'login', 'system-pam', 'postfix-sasl', 'exim-auth', 'sshd', 'sshd-sign'];
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

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A regex matching any of the literals. */
function anyOf(literals: readonly string[]): RegExp {
  return new RegExp(literals.map(escapeRegExp).join('|'));
}

/**
 * A regex matching any of the keywords, except where a keyword lies inside one of the `ignores` phrases: each
 * place a phrase holds the keyword becomes a negative lookahead at the keyword's start (with a lookbehind for
 * the part of the phrase before it).
 */
export function keywordsOutside(keywords: readonly string[], ignores: readonly string[]): RegExp {
  return new RegExp(keywords.map((k) => {
    const guards: string[] = [];
    for (const phrase of ignores) {
      for (let at = phrase.indexOf(k); at !== -1; at = phrase.indexOf(k, at + 1)) {
        const before = phrase.slice(0, at);
        guards.push(`(?!${before ? `(?<=${escapeRegExp(before)})` : ''}${escapeRegExp(phrase.slice(at))})`);
      }
    }
    return guards.join('') + escapeRegExp(k);
  }).join('|'));
}

/** Needles this long are found faster one indexOf at a time (it skips ahead by their length) than by one regex. */
const LONG_NEEDLE = 8;

function needleTest(needles: readonly string[]): (text: string) => boolean {
  if (needles.length === 1) {
    const needle = needles[0];
    return (text) => text.indexOf(needle) !== -1;
  }
  // Measured on a year's candidate lines: 5 long needles by indexOf 46 ms, by one alternation 56 ms.
  if (needles.every((n) => n.length >= LONG_NEEDLE)) {
    return (text) => {
      for (let i = 0; i < needles.length; i++) if (text.indexOf(needles[i]) !== -1) return true;
      return false;
    };
  }
  const regex = anyOf(needles);
  return (text) => regex.test(text);
}

/**
 * Turns named groups into plain ones and `\k<name>` into numbered back-references, and reports each name's
 * index. V8 builds a `groups` object on every named match; reading indexes is measurably cheaper on the hot path.
 */
function numberGroups(source: string, where: string): { source: string; indexes: Map<string, number> } {
  const indexes = new Map<string, number>();
  let out = '';
  let inClass = false;
  let count = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      if (!inClass && source.startsWith('k<', i + 1)) {
        const end = source.indexOf('>', i + 3);
        const index = indexes.get(source.slice(i + 3, end));
        if (end < 0 || index === undefined) throw new Error(`${where}: back-reference to an unknown group`);
        out += `(?:\\${index})`;
        i = end;
      } else {
        out += c + (source[i + 1] ?? '');
        i++;
      }
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
    } else if (c === '(' && source[i + 1] !== '?') {
      count++;
      out += c;
    } else if (c === '(' && source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!') {
      const end = source.indexOf('>', i + 3);
      const name = source.slice(i + 3, end);
      if (indexes.has(name)) throw new Error(`${where}: group ${name} is named twice`);
      indexes.set(name, ++count);
      out += '(';
      i = end;
    } else out += c;
  }
  return { source: out, indexes };
}

/** The needle tests of a format file, one per distinct list of needles. */
class NeedleSets {
  readonly tests: ((text: string) => boolean)[] = [];
  private readonly byKey = new Map<string, number>();

  indexOf(needles: readonly string[]): number {
    const key = JSON.stringify(needles);
    let index = this.byKey.get(key);
    if (index === undefined) {
      index = this.tests.length;
      this.tests.push(needleTest(needles));
      this.byKey.set(key, index);
    }
    return index;
  }
}

function compileFormat(spec: FormatSpec, defs: Record<string, string>, needleSets: NeedleSets): CompiledFormat {
  const where = `format ${spec.name}`;
  if (!KINDS.includes(spec.kind)) throw new Error(`${where}: unknown kind ${spec.kind}`);
  if (!Array.isArray(spec.needles) || spec.needles.length === 0 || spec.needles.some((n) => !n)) {
    throw new Error(`${where}: needs at least one non-empty needle`);
  }
  const named = expandDefs(Array.isArray(spec.regex) ? spec.regex.join('') : spec.regex, defs, where);
  new RegExp(named); // reports syntax errors against the source as written
  const { source, indexes } = numberGroups(named, where);
  const groups: Partial<Record<CaptureName, number>> = {};
  for (const [name, index] of indexes) {
    if (name.startsWith('_')) continue; // internal, e.g. an atomic part
    if (!(CAPTURE_NAMES as readonly string[]).includes(name)) throw new Error(`${where}: unknown capture ${name}`);
    groups[name as CaptureName] = index;
  }
  if (spec.kind !== 'ignored' && spec.kind !== 'unparsed' && groups.ip === undefined) throw new Error(`${where}: an event format must capture ip`);
  const reasons = (spec.reasons ?? []).map(({ reason, regex }) => {
    if (spec.kind !== 'unparsed' || !FORMAT_REASONS.includes(reason)) {
      throw new Error(`${where}: a reason is one of ${FORMAT_REASONS.join(', ')}, for an unparsed format only`);
    }
    return { reason, regex: new RegExp(expandDefs(regex, defs, `${where} (${reason})`)) };
  });
  const origin = spec.origin ?? (spec.kind === 'auth-fail' ? 'auth' : 'login');
  if (!ORIGINS.includes(origin)) throw new Error(`${where}: unknown origin ${origin}`);
  if (spec.ownTry !== undefined && spec.kind !== 'login-fail') throw new Error(`${where}: ownTry is for a login-fail format only`);
  if (spec.requires !== undefined && (typeof spec.requires !== 'string' || !spec.requires)) throw new Error(`${where}: requires is a non-empty literal`);
  if (spec.serviceByPort !== undefined && groups.local_port === undefined) throw new Error(`${where}: serviceByPort needs a local_port capture`);
  const needleSet = needleSets.indexOf(spec.needles);
  return {
    name: spec.name, kind: spec.kind, reasons, origin, defaultService: spec.defaultService ?? null,
    serviceByPort: spec.serviceByPort === undefined ? null : new Map(Object.entries(spec.serviceByPort)), ownTry: spec.ownTry === true,
    hasNeedle: needleSets.tests[needleSet], needleSet, requireSet: spec.requires === undefined ? -1 : needleSets.indexOf([spec.requires]),
    regex: new RegExp(source), groups,
  };
}

/**
 * Defs every format file may use besides its own (syslog.json): the parts of a line that syslog writes whatever
 * program logged it, spelled once for all programs' formats.
 */
export const syslogDefs: Readonly<Record<string, string>> = syslogFile.defs;

/** A file's own defs and the shared ones; a file may not redefine a shared def (its formats would read the line otherwise than the rest). */
function defsOf(file: FormatFile): Record<string, string> {
  for (const name of Object.keys(file.defs)) {
    if (Object.hasOwn(syslogDefs, name)) throw new Error(`format file ${file.name}: def {{${name}}} is a shared syslog def`);
  }
  return { ...syslogDefs, ...file.defs };
}

/**
 * Validates format files and compiles their regexes into one set, tried in the order given: each file's
 * formats with its own defs and the shared ones, one prefilter for the keywords of all, one list of suspicious
 * phrases. Throws on any malformed format.
 */
export function compileFormatFiles(files: readonly FormatFile[]): CompiledFormatSet {
  const seen = new Set<string>();
  for (const f of files.flatMap((file) => file.formats)) {
    if (seen.has(f.name)) throw new Error(`format ${f.name} is defined twice`);
    seen.add(f.name);
  }
  const needleSets = new NeedleSets();
  const suspicious = files.flatMap((file) => file.suspicious);
  const prefilterWords = { keywords: files.flatMap((file) => file.prefilter), ignores: files.flatMap((file) => file.prefilterIgnores ?? []) };
  return {
    name: files.map((file) => file.name).join('+'),
    prefilter: keywordsOutside(prefilterWords.keywords, prefilterWords.ignores),
    prefilterWords,
    // An empty alternation would match every line.
    suspicious: suspicious.length > 0 ? anyOf(suspicious) : /(?!)/,
    formats: files.flatMap((file) => {
      const defs = defsOf(file);
      return file.formats.map((f) => compileFormat(f, defs, needleSets));
    }),
    needleTests: needleSets.tests,
  };
}

export const dovecotFormatFile = dovecotFile as FormatFile;
export const sshdFormatFile = sshdFile as FormatFile;
export const eximFormatFile = eximFile as FormatFile;

/**
 * The built-in format files, in the order their formats are tried. sshd's come first: each of them starts
 * at the line's sshd tag, and its last one takes every sshd line, so an sshd line whose user name an attacker
 * wrote to look like a dovecot line never reaches the dovecot formats (which look for their words anywhere in
 * a bounded head); and one needle test (`sshd`) passes over them for every mail line. Exim's come last: each
 * starts at the line's head (Exim's own stamp, or its syslog tag), which no dovecot or postfix line shares.
 */
export const builtInFormatFiles: readonly FormatFile[] = [sshdFormatFile, dovecotFormatFile, eximFormatFile];

/** The built-in formats, compiled once at load. */
export const builtInFormats: CompiledFormatSet = compileFormatFiles(builtInFormatFiles);

/** The programs whose lines the built-in formats read, as the journal's units name them apart. */
export type LogProgram = 'dovecot' | 'postfix' | 'exim' | 'sshd';

/** The program whose lines a built-in format reads, by its name (`sshd-…`, `postfix-…`, `exim-…`, the rest dovecot's). */
export function programOfFormat(name: string): LogProgram {
  return name.startsWith('sshd') ? 'sshd' : name.startsWith('postfix') ? 'postfix' : name.startsWith('exim') ? 'exim' : 'dovecot';
}
