// `swarmscope incidents`: the stretches of the whole case (or of its attempts at the services --service names) in
// which many more addresses tried than usual (the swarms per-IP thresholds never see), and what a fail2ban-like
// threshold would have let through.
import { EMPTY_SELECTION, FAIL2BAN_DEFAULTS, THRESHOLD_LIMITS, type Incident, type IncidentReport, type ThresholdOptions } from '../shared/api';
import { countOf } from '../shared/count-of';
import { INCIDENT_MIN_HOURS, describeThreshold, durationSetting, formatDuration, isFail2banDefault, tooShortToTell, usualIps } from '../shared/threshold-text';
import { UsageError, intOption, parse, pathArgument } from './args';
import { servicesOption } from './selection-options';
import { openExistingCase } from './case-path';
import { count as n, percent } from './numbers';
import { serviceLabel, warnOfServicesNotFound } from './service-option';
import { terminalSafe } from './terminal-text';

/** A duration option (`--findtime 10m`), in seconds within the engine's bounds; otherwise a usage error. */
function durationOption(value: string | undefined, name: 'findtime' | 'bantime'): number | undefined {
  if (value === undefined) return undefined;
  const seconds = durationSetting(value, name);
  if (seconds === null) {
    const { min, max } = THRESHOLD_LIMITS[name];
    throw new UsageError(`--${name} must be a duration from ${formatDuration(min)} to ${formatDuration(max)}, as seconds (600) or with units `
      + `s, m, h, d, w (10m, 1h30m), not ${terminalSafe(JSON.stringify(value))}`);
  }
  return seconds;
}

export function thresholdFrom(values: { maxretry?: string; findtime?: string; bantime?: string }): ThresholdOptions {
  const { maxretry } = THRESHOLD_LIMITS;
  return {
    maxretry: intOption(values.maxretry, 'maxretry', maxretry.min, maxretry.max) ?? FAIL2BAN_DEFAULTS.maxretry,
    findtime: durationOption(values.findtime, 'findtime') ?? FAIL2BAN_DEFAULTS.findtime,
    bantime: durationOption(values.bantime, 'bantime') ?? FAIL2BAN_DEFAULTS.bantime,
  };
}

export async function runIncidents(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    json: { type: 'boolean' }, maxretry: { type: 'string' }, findtime: { type: 'string' }, bantime: { type: 'string' },
    service: { type: 'string', multiple: true },
  });
  if (positionals.length !== 1) throw new UsageError('incidents takes exactly one case file');
  pathArgument(positionals[0], 'the case file');
  const threshold = thresholdFrom(values);
  const services = servicesOption(values.service);
  const engine = await openExistingCase(positionals[0]);
  const report = await engine.incidents(threshold, services);
  if (services.length) {
    // A typo (`shh`) would otherwise read as a case without incidents.
    const selection = { ...EMPTY_SELECTION, services };
    await warnOfServicesNotFound(services, await engine.services(selection), () => engine.services(EMPTY_SELECTION));
  }
  process.stdout.write(values.json ? JSON.stringify(report, null, 2) + '\n' : formatIncidents(report, positionals[0]));
  return 0;
}

const pct = (part: number, whole: number): string => percent(whole ? part / whole : 0);

/** A label padded so that the values after it line up. */
const label = (text: string, indent = ''): string => `${indent}${`${text}:`.padEnd(19)}`;

/** A word for a POSIX shell: as it is when it holds nothing the shell reads, else in single quotes. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command that lists an incident's addresses: its hours exactly (not its whole days, in which others tried
 * before and after it), at the services the report is of.
 */
export function blocklistCommand(incident: Incident, services: readonly string[], casePath: string): string {
  return ['swarmscope', 'blocklist', shellWord(casePath), '--from', shellWord(incident.start), '--to', shellWord(incident.end),
    ...(services.length ? ['--service', shellWord(services.map(serviceLabel).join(','))] : [])].join(' ');
}

function formatIncident(incident: Incident, index: number, services: readonly string[], casePath: string | null): string[] {
  const i = '    ';
  const width = Math.max(0, ...incident.users.map((u) => n(u.attempts).length));
  return [
    `#${index + 1}  ${incident.start} – ${incident.end}  (${countOf(incident.hours, 'hour')}; `
      + `${incident.firstDay === incident.lastDay ? `day ${incident.firstDay}` : `days ${incident.firstDay} – ${incident.lastDay}`})`,
    `${label('Attempts', i)}${n(incident.attempts)} from ${countOf(incident.ips, 'IP', 'IPs', n)}, ${incident.attemptsPerIp.toFixed(1)} per IP`,
    `${label('One-shot IPs', i)}${n(incident.oneShotIps)} (${pct(incident.oneShotIps, incident.ips)})`,
    `${label('New IPs', i)}${n(incident.newIps)} never seen before in the case`,
    `${label('Countries', i)}${n(incident.countries)}`,
    `${label('Services', i)}${incident.services.length ? incident.services.map((s) => `${s.service === null ? 'not logged' : terminalSafe(s.service)} ${n(s.attempts)}`).join(' · ') : '-'}`,
    `${label('Peak hour', i)}${incident.peak.hour}: ${countOf(incident.peak.ips, 'IP', 'IPs', n)} the threshold did not catch, against `
      + `${usualIps(incident.peak.baselineIps, n)} in a usual hour (${incident.peak.deviations.toFixed(1)} deviations above)`,
    `${label('Threshold', i)}would have missed ${n(incident.missedAttempts)} of ${n(incident.attempts)} attempts `
      + `(${pct(incident.missedAttempts, incident.attempts)}) and never caught ${n(incident.missedIps)} of ${n(incident.ips)} IPs`,
    `${label('Users tried most', i)}${incident.users.length ? '' : '-'}`.trimEnd(),
    ...incident.users.map((u) => `${i}  ${n(u.attempts).padStart(width)}  ${u.value === null ? '(not logged)' : terminalSafe(u.value)}`),
    // The path and the services are the user's own text: shown safe on a terminal too.
    ...(casePath === null ? [] : [`${label('Its IPs', i)}${terminalSafe(blocklistCommand(incident, services, casePath))}`]),
  ];
}

/** The report as text; with the case's path, each incident says the command that lists its addresses. */
export function formatIncidents(r: IncidentReport, casePath: string | null = null): string {
  const services = r.services.map((s) => terminalSafe(serviceLabel(s))).join(', ');
  // Figures of nothing ("0 attempts over 0 hours", a usual hour of none) would only hide the one fact.
  const undated = r.undatedAttempts ? `${countOf(r.undatedAttempts, 'attempt', 'attempts', n)} read from lines without a time stamp, `
    + 'all dated at their file\'s last change, are left out (see the file\'s report)' : '';
  if (!r.attempts) return `No incident found: the case holds no attempts${services ? ` at ${services}` : ''}${undated ? ` with a time; ${undated}` : ''}.\n`;
  const threshold = `${describeThreshold(r.threshold)}${isFail2banDefault(r.threshold) ? ", fail2ban's defaults" : ''}`;
  const lines = [
    // Every figure below is of these services' attempts alone: said first, so that none is read as the case's.
    ...(services ? [`${label(r.services.length === 1 ? 'Service' : 'Services')}${services}: only their attempts and logins, their own threshold`] : []),
    `${label(services ? 'Their attempts' : 'Whole case')}${n(r.attempts)} attempts from ${countOf(r.ips, 'IP', 'IPs', n)} over ${countOf(r.hours, 'hour', 'hours', n)} of logs`,
    ...(undated ? [`${' '.repeat(19)}${undated}`] : []),
    `${label('Per-IP threshold')}${threshold}`,
    `${' '.repeat(19)}would have missed ${n(r.missedAttempts)} of ${n(r.attempts)} attempts (${pct(r.missedAttempts, r.attempts)}) `
      + `and never caught ${n(r.missedIps)} of ${n(r.ips)} IPs`,
    `${label('Usual hour')}${usualIps(r.baseline.medianIps, n)} the threshold did not catch (median; MAD ${n(r.baseline.madIps)})`,
    '',
  ];
  if (!r.incidents.length) {
    lines.push(tooShortToTell(r)
      ? `No incident found, but the case holds only ${countOf(r.hours, 'hour')} of logs: too few to know what a usual hour is, so a swarm that `
        + `fills most of them would not stand out. Look for incidents in at least ${INCIDENT_MIN_HOURS / 24} days of logs around the hours you suspect.`
      : 'No incident found: at no time did dozens more IPs than usual try at once, so no large swarm hides here. A thin one (a few more IPs '
        + 'an hour than usual) would not stand out: the threshold line above says how many attempts a per-IP threshold misses in all.');
  } else {
    lines.push(`${countOf(r.incidents.length, 'incident')} (stretches of hours with far more IPs than usual), by start:`, '');
    r.incidents.forEach((incident, index) => lines.push(...formatIncident(incident, index, r.services, casePath), ''));
    lines.pop();
  }
  return lines.join('\n') + '\n';
}
