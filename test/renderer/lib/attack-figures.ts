// Realistic per-day and per-country figures for view tests: ~10 months of background attempts from a
// dozen countries a day, a 2.5-day swarm from ~60 countries, a few days without any attempt, and a
// Zipf-like spread of attempts over ~150 countries with private addresses (`ZZ`) among them.
import type { CountryRow, DayPoint, HourPoint } from '../../../src-main/shared/api';
import { seededRandom } from '../fake-data';


export function dayAfter(first: string, offset: number): string {
  const date = new Date(`${first}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
}

export const CASE_FIRST = '2023-01-15';
export const CASE_DAYS = 320;
/** Index of the swarm's first day: 10 Nov 2023. */
export const SWARM_START = 299;
export const SWARM_FIRST_DAY = dayAfter(CASE_FIRST, SWARM_START);

/** Days with attempts (quiet days are missing, as in the engine's answers). */
export function caseDays(): DayPoint[] {
  const random = seededRandom(11);
  const days: DayPoint[] = [];
  for (let i = 0; i < CASE_DAYS; i++) {
    if (i % 53 === 20) continue;
    let attempts = Math.round(60 + random() * 70);
    let countries = Math.round(9 + random() * 7);
    let ips = Math.round(attempts * 0.25);
    if (i >= SWARM_START && i <= SWARM_START + 2) {
      const part = i === SWARM_START + 2 ? 0.5 : 1;
      attempts += Math.round(1240 * part);
      countries += Math.round(55 * part);
      ips += Math.round(780 * part);
    }
    days.push({ day: dayAfter(CASE_FIRST, i), attempts, ips, countries });
  }
  return days;
}

/** Hours with attempts between two days (quiet hours missing). */
export function caseHours(days: DayPoint[], from: string, to: string): HourPoint[] {
  const random = seededRandom(5);
  const hours: HourPoint[] = [];
  for (const day of days) {
    if (day.day < from || day.day > to) continue;
    for (let h = 0; h < 24; h++) {
      const attempts = Math.round((day.attempts / 24) * (0.5 + random()));
      if (attempts > 0) hours.push({ hour: `${day.day} ${String(h).padStart(2, '0')}`, attempts });
    }
  }
  return hours;
}

const COUNTRY_CODES = ['CN', 'US', 'IN', 'RU', 'BR', 'VN', 'DE', 'ID', 'KR', 'FR', 'NL', 'GB', 'TR', 'IR', 'UA', 'PK', 'BG', 'AR',
  'MX', 'TH', 'JP', 'IT', 'ES', 'PL', 'RO', 'CA', 'AU', 'ZA', 'EG', 'NG', 'KE', 'MA', 'DZ', 'TN', 'SA', 'AE', 'IL', 'KZ', 'UZ', 'BD',
  'LK', 'NP', 'MM', 'KH', 'LA', 'MY', 'SG', 'PH', 'TW', 'HK', 'MN', 'CL', 'PE', 'CO', 'VE', 'EC', 'BO', 'PY', 'UY', 'CR', 'PA', 'GT',
  'HN', 'SV', 'NI', 'CU', 'DO', 'JM', 'TT', 'PR', 'SE', 'NO', 'FI', 'DK', 'IS', 'IE', 'PT', 'BE', 'LU', 'CH', 'AT', 'CZ', 'SK', 'HU',
  'SI', 'HR', 'BA', 'RS', 'ME', 'XK', 'AL', 'MK', 'GR', 'CY', 'MT', 'MD', 'BY', 'LT', 'LV', 'EE', 'GE', 'AM', 'AZ', 'IQ', 'SY', 'JO',
  'LB', 'KW', 'QA', 'BH', 'OM', 'YE', 'AF', 'TJ', 'KG', 'TM', 'ET', 'SO', 'SD', 'TZ', 'UG', 'RW', 'CD', 'CG', 'CM', 'GH', 'CI', 'SN',
  'ML', 'BF', 'NE', 'TD', 'AO', 'ZM', 'ZW', 'MZ', 'MG', 'NA', 'BW', 'NZ', 'FJ', 'PG', 'GL', 'MV', 'MU', 'SC'];

/** Per-country rows as the engine answers them: most attempts first, shares summing to 1. */
export function caseCountries(): CountryRow[] {
  const random = seededRandom(3);
  const rows = COUNTRY_CODES.map((country, i) => ({
    country, attempts: Math.max(1, Math.round((7800 / (1 + i) ** 1.25) * (0.6 + random() * 0.8))), ips: 0, share: 0,
  }));
  rows.push({ country: 'ZZ', attempts: 143, ips: 0, share: 0 });
  const total = rows.reduce((sum, row) => sum + row.attempts, 0);
  for (const row of rows) {
    row.ips = Math.max(1, Math.round(row.attempts * 0.3));
    row.share = row.attempts / total;
  }
  return rows.sort((a, b) => b.attempts - a.attempts);
}
