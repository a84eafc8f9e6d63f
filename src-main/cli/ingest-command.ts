// `swarmscope ingest`: reads logs into a case in the engine's worker thread and saves the case.
import fs from 'node:fs';
import path from 'node:path';
import { LOG_YEARS, type IngestResult, type SourceReport } from '../shared/api';
import { countOf } from '../shared/count-of';
import { startEngine } from '../engine/worker/engine-client';
import { UsageError, intOption, parse, pathArgument } from './args';
import { lockCase } from './case-lock';
import { checkCaseFile, checkCaseFolder } from './case-path';
import { count } from './numbers';
import { progressPrinter } from './progress-bar';
import { terminalSafe } from './terminal-text';

export async function runIngest(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    case: { type: 'string' },
    geoip: { type: 'string', multiple: true },
    year: { type: 'string' },
  });
  if (values.case === undefined) throw new UsageError('ingest needs --case FILE (the case database to create or extend)');
  if (positionals.length === 0) throw new UsageError('ingest needs at least one log file or folder');
  pathArgument(values.case, '--case');
  for (const p of positionals) pathArgument(p, 'a log path');
  for (const g of values.geoip ?? []) pathArgument(g, '--geoip');
  const year = intOption(values.year, 'year', LOG_YEARS.min, LOG_YEARS.max);
  const casePath = path.resolve(values.case);
  // Checked now rather than when the case is saved, after the whole ingest.
  const caseExists = checkCaseFile(casePath, `--case ${values.case}`, `; give the case a file name, such as ${path.join(values.case, 'case.sqlite')}`);
  checkCaseFolder(casePath, `--case ${values.case}`);
  for (const g of values.geoip ?? []) if (!fs.existsSync(g)) throw new UsageError(`--geoip ${g}: no such file`);

  const unlock = lockCase(casePath);
  const engine = startEngine({ geoip: values.geoip ?? [] });
  const bar = progressPrinter();
  const off = engine.onEvent((e) => { if (e.type === 'progress') bar.update(e.progress); });
  const stop = (): void => { void engine.cancelIngest(); };
  process.once('SIGINT', stop);
  try {
    await engine.openCase(caseExists ? casePath : null);
    const result = await engine.ingest(positionals, { geoip: values.geoip, year });
    bar.done();
    process.stderr.write(describeIngest(result));
    // A new case made of nothing but failures (a mistyped path) is not left behind as an empty file.
    if (!caseExists && result.sources.every((s) => s.errors.length > 0) && result.attemptsAdded + result.loginsAdded === 0) {
      process.stderr.write(`nothing could be read: the case ${casePath} was not created\n`);
      return 1;
    }
    const info = await engine.saveCase(casePath);
    process.stderr.write(
      `${result.cancelled ? 'cancelled: ' : ''}added ${countOf(result.attemptsAdded, 'attempt')} and ${countOf(result.loginsAdded, 'login')} ` +
      `from ${countOf(result.sources.length, 'file')} in ${(result.elapsedMs / 1000).toFixed(1)} s; ` +
      `the case ${casePath} holds ${countOf(info.attempts, 'attempt')} from ${countOf(info.ips, 'IP')}` +
      // Also those of earlier ingests, which this one's lines above do not name.
      `${info.unread.length ? `; it has not read ${countOf(info.unread.length, 'path')} given to it (swarmscope summary says why)` : ''}\n`,
    );
    return result.sources.some((s) => s.errors.length) ? 1 : result.cancelled ? 130 : 0;
  } finally {
    process.off('SIGINT', stop);
    off();
    await engine.terminate();
    unlock();
  }
}

/**
 * What an ingest read, file by file, the entries of folders it passed over, and what files of earlier ingests gave
 * up to the files it read (the figures after it count that off).
 */
export function describeIngest(result: IngestResult): string {
  return [
    ...result.sources.map(describeSource),
    ...result.skipped.map((s) => terminalSafe(`${s.path}: skipped, ${s.reason}`) + '\n'),
    ...result.readBefore.map((r) => terminalSafe(`${r.path} (read before): ${r.note}`) + '\n'),
  ].join('');
}

/** Characters of an unparsed sample shown on the terminal (the case keeps up to 2,000). */
const SAMPLE_CHARS = 200;

export function describeSource(s: SourceReport): string {
  const out: string[] = [];
  const head = `${s.path} (${s.encoding}): `;
  if (s.errors.length) out.push(`${head}ERROR ${s.errors.join('; ')}`);
  else
    // The kinds after "=" are kinds of line ("1,500 attempt [lines] + 2 login [lines]"), not counts of a noun.
    out.push(`${head}${countOf(s.lines, 'line')} = ${count(s.attemptLines)} attempt + ${count(s.loginLines)} login + ` +
      `${count(s.ignoredLines)} ignored + ${count(s.unparsedLines)} unparsed; ${countOf(s.attempts, 'attempt')}, ${countOf(s.logins, 'login')}`);
  for (const n of s.notes) out.push(`  note: ${n}`);
  for (const w of s.warnings) out.push(`  warning: ${w}`);
  for (const u of s.unparsed.slice(0, 5)) {
    const sample = u.samples[0] ?? u.pattern;
    out.push(`  unparsed ×${u.count}: ${sample.length > SAMPLE_CHARS ? `${sample.slice(0, SAMPLE_CHARS)}…` : sample}`);
  }
  return out.map(terminalSafe).join('\n') + '\n';
}
