// Instant figures for a range being brushed, computed from the overview's day×country cells with no
// engine round trip. Attempts, countries, days and the peak are exact; distinct IPs are not (an IP seen on
// two days counts twice), so they are reported as an upper bound, and one-shot IPs cannot be known from
// cells: the exact figures come from the brush columns (brush-columns.ts) once those are loaded.
import { NO_COUNTRY, type CountryRow, type Day, type Overview, type Selection } from '../../../../src-main/shared/api';

export interface LiveSummary {
  attempts: number;
  /** Sum of distinct IPs per day and country: at least the true distinct count. */
  ipsAtMost: number;
  /** Exact distinct IPs, or null when only the upper bound is known. */
  ips: number | null;
  /** Exact IPs with one attempt in the range, or null when not known. */
  oneShotIps: number | null;
  countries: number;
  days: number;
  firstDay: Day | null;
  lastDay: Day | null;
  peakDay: { day: Day; attempts: number } | null;
}

export interface LiveFigures {
  summary: LiveSummary;
  countries: CountryRow[];
}

/** Figures for the selection's range and countries (its search text cannot be applied to cells). */
export function liveFigures(overview: Overview, selection: Pick<Selection, 'from' | 'to' | 'countries'>): LiveFigures {
  const wantedCountries = selection.countries.length ? new Set(selection.countries) : null;
  const perDay = new Map<number, number>();
  const perCountry = new Map<number, { attempts: number; ips: number }>();
  let attempts = 0;
  let ipsAtMost = 0;

  for (const [dayIndex, countryIndex, cellAttempts, cellIps] of overview.cells) {
    const day = overview.days[dayIndex]?.day;
    if (day === undefined) continue;
    if (selection.from && day < selection.from) continue;
    if (selection.to && day > selection.to) continue;
    if (wantedCountries && !wantedCountries.has(overview.countries[countryIndex])) continue;
    if (cellAttempts <= 0) continue;
    attempts += cellAttempts;
    ipsAtMost += cellIps;
    perDay.set(dayIndex, (perDay.get(dayIndex) ?? 0) + cellAttempts);
    const country = perCountry.get(countryIndex) ?? { attempts: 0, ips: 0 };
    country.attempts += cellAttempts;
    country.ips += cellIps;
    perCountry.set(countryIndex, country);
  }

  let firstDay: Day | null = null;
  let lastDay: Day | null = null;
  let peakDay: LiveSummary['peakDay'] = null;
  for (const [dayIndex, dayAttempts] of perDay) {
    const day = overview.days[dayIndex].day;
    if (firstDay === null || day < firstDay) firstDay = day;
    if (lastDay === null || day > lastDay) lastDay = day;
    // Ties go to the earliest day, so the peak does not jump around between equal days.
    if (!peakDay || dayAttempts > peakDay.attempts || (dayAttempts === peakDay.attempts && day < peakDay.day)) {
      peakDay = { day, attempts: dayAttempts };
    }
  }

  const countries: CountryRow[] = [...perCountry]
    .map(([countryIndex, figures]) => ({
      country: overview.countries[countryIndex],
      attempts: figures.attempts,
      ips: figures.ips,
      share: attempts ? figures.attempts / attempts : 0,
    }))
    .sort((a, b) => b.attempts - a.attempts || a.country.localeCompare(b.country));

  return {
    // "Unknown or private" is a row of the table but no country, as in the engine's summary.
    summary: { attempts, ipsAtMost, ips: null, oneShotIps: null, countries: countries.filter((c) => c.country !== NO_COUNTRY).length, days: perDay.size, firstDay, lastDay, peakDay },
    countries,
  };
}

/** Attempts per country and day: `series[c][k]` for `countries[c]` on `days[k]`. */
export interface CountryStacks {
  countries: string[];
  series: number[][];
}

/** Splits each of `days` by the given countries, from the overview's cells. */
export function stackByCountry(overview: Overview, countries: string[], days: Day[]): CountryStacks {
  const dayPosition = new Map(days.map((day, k) => [day, k]));
  const countryPosition = new Map(countries.map((code, c) => [code, c]));
  const series = countries.map(() => new Array<number>(days.length).fill(0));
  for (const [dayIndex, countryIndex, attempts] of overview.cells) {
    const k = dayPosition.get(overview.days[dayIndex]?.day ?? '');
    const c = countryPosition.get(overview.countries[countryIndex]);
    if (k !== undefined && c !== undefined) series[c][k] += attempts;
  }
  return { countries: [...countries], series };
}
