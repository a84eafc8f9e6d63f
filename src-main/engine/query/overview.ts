// The whole case per day and country, shipped to the renderer once so that a live brush can recompute
// totals and the map without asking the engine.
import type { Overview } from '../../shared/api';
import type { CaseStore } from '../store/case-store';
import { EMPTY_SELECTION } from '../../shared/api';
import { planSelection } from './selection';
import { attemptsPerDay } from './timeline';

export function overview(store: CaseStore): Overview {
  const days = attemptsPerDay(store, planSelection(store, EMPTY_SELECTION));
  if (!days.length) return { days: [], countries: [], cells: [] };
  const firstDay = Number(store.value('SELECT min(day) FROM day_country'));
  const countries = store
    .rows('SELECT country FROM day_country GROUP BY country ORDER BY sum(attempts) DESC, country')
    .map((r) => r[0] as string);
  const countryIndex = new Map(countries.map((c, i) => [c, i]));
  const cells = store
    .rows('SELECT day, country, attempts, ips FROM day_country ORDER BY day, country')
    .map((r): [number, number, number, number] => [Number(r[0]) - firstDay, countryIndex.get(r[1] as string)!, Number(r[2]), Number(r[3])]);
  return { days, countries, cells };
}
