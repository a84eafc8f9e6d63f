// The headline figures of a selection.
import type { Selection, Summary } from '../../shared/api';
import type { CaseStore } from '../store/case-store';
import { perIpCte } from './per-ip';
import { planSelection, rowSource, type Plan } from './selection';
import { attemptsPerDay } from './timeline';

export function summary(store: CaseStore, selection: Selection): Summary {
  const plan = planSelection(store, selection);
  const days = attemptsPerDay(store, plan).filter((d) => d.attempts > 0);
  const cte = perIpCte(plan);
  const [ips, oneShotIps, countries] = store.row(
    `${cte.sql}
     SELECT count(*), total(p.attempts = 1),
            (SELECT count(DISTINCT ip.country) FROM per_ip q JOIN ip ON ip.id = q.ip_id)
     FROM per_ip p`,
    cte.params,
  )!.map(Number);
  let peak: Summary['peakDay'] = null;
  for (const d of days) if (!peak || d.attempts > peak.attempts) peak = { day: d.day, attempts: d.attempts };
  return {
    attempts: days.reduce((n, d) => n + d.attempts, 0),
    ips,
    countries,
    days: days.length,
    firstDay: days[0]?.day ?? null,
    lastDay: days[days.length - 1]?.day ?? null,
    peakDay: peak,
    oneShotIps,
    oneShotShare: ips ? oneShotIps / ips : 0,
    logins: loginCount(store, plan),
  };
}

export function loginCount(store: CaseStore, plan: Plan): number {
  const rows = rowSource(plan, { table: 'login_record' });
  return Number(store.value(`SELECT count(*) ${rows.sql}`, rows.params) ?? 0);
}
