// `swarmscope summary`: the figures an analyst reads first, for the whole case or a date range.
import type { Engine } from '../engine/engine';
import { englishCountries } from '../engine/english-countries';
import { EMPTY_SELECTION, type CountryRow, type DayRow, type HistogramRow, type HourSpan, type Selection, type ServiceRow, type Summary, type UnreadPath } from '../shared/api';
import { countOf } from '../shared/count-of';
import { countryNameFrom } from '../shared/country-name';
import { describeSpan } from '../shared/time-span';
import { UsageError, parse, pathArgument } from './args';
import { selectionFrom } from './selection-options';
import { openExistingCase } from './case-path';
import { count as n, percent as pct } from './numbers';
import { serviceLabel, warnOfServicesNotFound } from './service-option';
import { terminalSafe } from './terminal-text';

export interface SummaryReport {
  from: string | null;
  to: string | null;
  /** The hours within those days that --from or --to gave with a time of day, or null for whole days. */
  hours: HourSpan | null;
  /** The services the figures are of (`""`: not logged), as chosen with --service; empty: all. */
  selectedServices: string[];
  /** The countries the figures are of (ISO codes, `ZZ`: none), as chosen with --country; empty: all. */
  selectedCountries: string[];
  summary: Summary;
  /** Attempts per service, most first. */
  services: ServiceRow[];
  perDay: DayRow[];
  topDays: DayRow[];
  topCountries: CountryRow[];
  countriesPerDay: { mean: number; max: number; maxDay: string | null };
  histogram: HistogramRow[];
  /** The paths given to the case's ingests that it holds no lines of, and why (the whole case's, whatever the range). */
  unread: UnreadPath[];
  /**
   * The case's files whose reading met an error (not readable as gzip, not readable to its end) or has a warning
   * (damage, lines cut, stamps it could not date): what was read is in the figures, what the error or damage kept
   * back is not (the whole case's, whatever the range).
   */
  filesWithErrorsOrWarnings: { path: string; lines: number; errors: string[]; warnings: string[] }[];
}

export async function buildSummaryReport(
  engine: Engine, chosen: Pick<Selection, 'from' | 'to' | 'services'> & Partial<Pick<Selection, 'countries' | 'hours'>>,
): Promise<SummaryReport> {
  const { from, to } = chosen;
  const hours = chosen.hours ?? null;
  const selectedServices = chosen.services ?? [];
  const selectedCountries = chosen.countries ?? [];
  const selection: Selection = {
    ...EMPTY_SELECTION, from, to, countries: selectedCountries, ...(selectedServices.length ? { services: selectedServices } : {}),
    ...(hours ? { hours } : {}),
  };
  const [summary, services, perDay, countries, histogram, info] = await Promise.all([
    engine.summary(selection), engine.services(selection), engine.perDay(selection), engine.countries(selection), engine.histogram(selection),
    engine.caseInfo(),
  ]);
  const active = perDay.filter((d) => d.attempts > 0);
  const maxDay = active.reduce<DayRow | null>((m, d) => (!m || d.countries > m.countries ? d : m), null);
  return {
    from, to, hours, selectedServices, selectedCountries, summary, services, perDay,
    topDays: [...active].sort((a, b) => b.attempts - a.attempts || a.day.localeCompare(b.day)).slice(0, 10),
    topCountries: countries.slice(0, 15),
    countriesPerDay: {
      mean: active.length ? active.reduce((n, d) => n + d.countries, 0) / active.length : 0,
      max: maxDay?.countries ?? 0,
      maxDay: maxDay?.day ?? null,
    },
    histogram,
    unread: info.unread,
    filesWithErrorsOrWarnings: info.sources.filter((s) => s.errors.length || s.warnings.length)
      .map(({ path, lines, errors, warnings }) => ({ path, lines, errors, warnings })),
  };
}

export async function runSummary(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    from: { type: 'string' }, to: { type: 'string' }, country: { type: 'string', multiple: true }, service: { type: 'string', multiple: true },
    json: { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UsageError('summary takes exactly one case file');
  pathArgument(positionals[0], 'the case file');
  const selection = selectionFrom(values);
  const engine = await openExistingCase(positionals[0]);
  const report = await buildSummaryReport(engine, selection);
  await warnOfServicesNotFound(report.selectedServices, report.services, () => engine.services(EMPTY_SELECTION));
  process.stdout.write(values.json ? JSON.stringify(report, null, 2) + '\n' : formatSummary(report));
  return 0;
}


/** A count and its noun as a table column: the number right-aligned in `width`, the noun padded to its plural's length. */
function column(value: number, width: number, singular: string, plural = `${singular}s`): string {
  return countOf(value, singular, plural, (v) => n(v).padStart(width)).padEnd(width + 1 + plural.length);
}

/** Reasons told apart in the "Not read" and "File errors" lines; the others are counted (--json lists every path). */
const REASONS_TOLD = 5;

/**
 * Paths and their reasons as one line: how many (`noun`s), and why, the most frequent reason first (`×N` for
 * several paths). A path with several reasons counts under each.
 */
function describeReasons(reasonsOfEach: readonly (readonly string[])[], noun: string): string {
  const byReason = new Map<string, number>();
  for (const reasons of reasonsOfEach) for (const reason of new Set(reasons)) byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
  const reasons = [...byReason].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const told = reasons.slice(0, REASONS_TOLD).map(([reason, paths]) => (paths > 1 ? `${reason} ×${n(paths)}` : reason));
  const others = reasons.slice(REASONS_TOLD).reduce((sum, [, paths]) => sum + paths, 0);
  if (others) told.push(`${countOf(others, `other ${noun}`)} (--json lists them)`);
  return `${countOf(reasonsOfEach.length, noun)} (${told.join('; ')})`;
}

/** The paths not read, as one line: how many, and why. */
export function describeUnread(unread: readonly UnreadPath[]): string {
  return describeReasons(unread.map((u) => [u.reason]), 'path');
}

/**
 * The files read with errors, grouped by error, and those with warnings, counted: a warning's words carry its file's
 * figures, so no two are alike (--json and the ingest's report give them whole). Errors and warnings may quote a
 * file's name, which is anyone's text.
 */
function fileProblemLines(files: SummaryReport['filesWithErrorsOrWarnings']): string[] {
  const withErrors = files.filter((f) => f.errors.length);
  const withWarnings = files.filter((f) => f.warnings.length);
  return [
    ...(withErrors.length ? [terminalSafe(`File errors:     ${describeReasons(withErrors.map((f) => f.errors), 'file')}`)] : []),
    ...(withWarnings.length ? [`File warnings:   ${countOf(withWarnings.length, 'file')} (--json lists the warnings)`] : []),
  ];
}

/** The date range asked for, in words. */
function describeRange(from: string | null, to: string | null, hours: HourSpan | null): string {
  if (hours) return describeSpan(hours);
  if (from && to) return from === to ? from : `${from} – ${to}`;
  if (from) return `from ${from} on`;
  if (to) return `up to ${to}`;
  return 'all days';
}

/**
 * The days that hold attempts from lines without any time stamp, all dated at their file's last change: a pile
 * on that day, not when they came, which the figures above take as they are (the whole case's, as the timeline's).
 */
function undatedLine(perDay: readonly DayRow[]): string[] {
  const piles = perDay.filter((d) => d.undated);
  if (!piles.length) return [];
  const total = piles.reduce((sum, d) => sum + (d.undated ?? 0), 0);
  return [`No time stamp:   ${countOf(total, 'attempt', 'attempts', n)} of the case, dated at their file's last change: `
    + `${piles.map((d) => `${d.day} (${n(d.undated ?? 0)})`).join(', ')}`];
}

export function formatSummary(r: SummaryReport): string {
  const s = r.summary;
  const lines = [
    `Selection:       ${[
      describeRange(r.from, r.to, r.hours),
      ...(r.selectedCountries.length ? [`${r.selectedCountries.length === 1 ? 'country' : 'countries'} ${r.selectedCountries.join(', ')}`] : []),
      ...(r.selectedServices.length ? [`${r.selectedServices.length === 1 ? 'service' : 'services'} ${r.selectedServices.map(serviceLabel).join(', ')}`] : []),
    ].join(', ')}`,
    `Attempts:        ${n(s.attempts)}`,
    `Distinct IPs:    ${n(s.ips)}  (one-shot: ${n(s.oneShotIps)} = ${pct(s.oneShotShare)})`,
    `Countries:       ${n(s.countries)}`,
    `Days:            ${n(s.days)}  (${s.firstDay ?? '-'} – ${s.lastDay ?? '-'})`,
    `Peak day:        ${s.peakDay ? `${s.peakDay.day} (${n(s.peakDay.attempts)})` : '-'}`,
    ...undatedLine(r.perDay),
    `Logins:          ${n(s.logins)}`,
    `Services:        ${r.services.length ? r.services.map((v) => `${v.service ?? 'not logged'} ${n(v.attempts)}`).join(' · ') : '-'}`,
    `Countries/day:   mean ${r.countriesPerDay.mean.toFixed(1)}, max ${r.countriesPerDay.max}${r.countriesPerDay.maxDay ? ` on ${r.countriesPerDay.maxDay}` : ''}`,
    // The reasons may quote a file's name, which is anyone's text.
    ...(r.unread.length ? [terminalSafe(`Not read:        ${describeUnread(r.unread)}`)] : []),
    ...fileProblemLines(r.filesWithErrorsOrWarnings),
    '',
    'Top days:',
    ...r.topDays.map((d) => `  ${d.day}  ${column(d.attempts, 8, 'attempt')}  ${column(d.ips, 6, 'IP')}  ${column(d.countries, 4, 'country', 'countries')}`.trimEnd()),
    '',
    'Top countries:',
    // The name last, where its length moves no column; it says what ZZ is (no country: private or unknown addresses).
    ...r.topCountries.map((c) => `  ${c.country}  ${column(c.attempts, 8, 'attempt')}  ${column(c.ips, 6, 'IP')}  ${pct(c.share).padStart(6)}  ${countryNameFrom(englishCountries(), c.country)}`),
    '',
    'Attempts per IP (attacked N times · IPs · attempts · % of IPs):',
    ...r.histogram.slice(0, 20).map((h) => `  ${String(h.times).padStart(6)}  ${n(h.computers).padStart(8)}  ${n(h.attempts).padStart(8)}  ${pct(h.shareOfComputers).padStart(6)}`),
    ...(r.histogram.length > 20 ? [`  … ${countOf(r.histogram.length - 20, 'more row', 'more rows')} (--json for all)`] : []),
    '',
    'Attempts per day:',
    ...r.perDay.map((d) => `  ${d.day}  ${n(d.attempts).padStart(8)}`),
  ];
  return lines.join('\n') + '\n';
}
