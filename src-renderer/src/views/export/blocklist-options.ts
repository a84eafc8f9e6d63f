// Turning the export dialog's text fields into BlocklistOptions, and saying what in them must be fixed first.
import { SET_NAME, SET_NAME_RULE, type BlocklistFormat, type BlocklistOptions, type Selection } from '../../../../src-main/shared/api';
import { typedCountries, type TypedCountries } from '../../../../src-main/shared/typed-country';
import { countriesNamed, countryCodeFor } from '../../lib/geo/country-names';

export const FORMATS: { value: BlocklistFormat; label: string; usesSetName: boolean }[] = [
  { value: 'plain', label: 'Plain list of IPs', usesSetName: false },
  { value: 'cidr', label: 'CIDR ranges (merged)', usesSetName: false },
  { value: 'nftables', label: 'nftables set', usesSetName: true },
  { value: 'ipset', label: 'ipset', usesSetName: true },
  { value: 'iptables', label: 'iptables rules', usesSetName: true },
  { value: 'csv', label: 'CSV with counts', usesSetName: false },
];

/** Allowlist entries: one per line or separated by spaces/commas; `#` starts a comment. */
export function parseAllowlist(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/#.*$/, ''))
    .flatMap((line) => line.split(/[\s,;]+/))
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/**
 * Countries typed as codes or English names, as the CLI's --country takes them (shared/typed-country.ts):
 * separated by commas or semicolons ("China, ru; United Kingdom"), codes also by spaces ("CN RU"), names with a
 * comma of their own as the app shows them ("Moldova, Republic of"), and "Unknown or private". An entry that
 * is none of these is reported, never dropped: dropping it would widen the export to every country.
 */
export function parseCountries(text: string): TypedCountries {
  return typedCountries(text, countryCodeFor);
}


export interface FormProblems {
  minAttempts?: string;
  countries?: string;
  setName?: string;
}

/** What must be fixed before the form can be previewed or saved, per field; empty when nothing. */
export function formProblems(form: ExportForm): FormProblems {
  const problems: FormProblems = {};
  // An empty box, 0 or less, or a fraction was taken as 1 without a word: a list of every IP is not what was typed.
  const min = form.minAttempts;
  if (min === null || min === undefined || !Number.isInteger(min) || min < 1) {
    problems.minAttempts = 'Type a whole number of attempts, 1 or more (1 lists every IP of the selection).';
  }
  const { unknown } = parseCountries(form.countries);
  if (unknown.length) {
    const shared = unknown.flatMap((u) => {
      const codes = countriesNamed(u);
      return codes ? [` “${u}” is the name of ${codes.length} countries: type the code (${codes.join(' or ')}).`] : [];
    });
    problems.countries = `Not a country: ${unknown.map((u) => `“${u}”`).join(', ')}. Use a name (China) or a two-letter code (CN).${shared.join('')}`;
  }
  const usesSetName = FORMATS.find((f) => f.value === form.format)?.usesSetName ?? false;
  if (usesSetName && !SET_NAME.test(form.setName.trim())) {
    // The engine would refuse any other name, so the dialog asks for it to be fixed as it is typed.
    problems.setName = `Use ${SET_NAME_RULE}.`;
  }
  return problems;
}

export interface ExportForm {
  /** Null while the box is empty (a number box's value then). */
  minAttempts: number | null;
  countries: string;
  excludePrivate: boolean;
  allowlist: string;
  format: BlocklistFormat;
  setName: string;
}

export function toBlocklistOptions(selection: Selection, form: ExportForm): BlocklistOptions {
  const usesSetName = FORMATS.find((f) => f.value === form.format)?.usesSetName ?? false;
  const minAttempts = typeof form.minAttempts === 'number' && Number.isFinite(form.minAttempts) ? Math.max(1, Math.floor(form.minAttempts)) : 1;
  return {
    selection: { ...selection, countries: parseCountries(form.countries).codes },
    format: form.format,
    minAttempts,
    excludePrivate: form.excludePrivate,
    allowlist: parseAllowlist(form.allowlist),
    ...(usesSetName && form.setName.trim() ? { setName: form.setName.trim() } : {}),
  };
}

/** The form a first export of the window starts with; the countries come from the selection. */
export function defaultExportForm(selection: Selection): ExportForm {
  return { minAttempts: 1, countries: selection.countries.join(', '), excludePrivate: true, allowlist: '', format: 'plain', setName: 'swarmscope' };
}

/**
 * The export form as the user left it, for the next time the dialog opens in this window: a threshold, an
 * allowlist and a format are set once for a session, not at every export. The countries are the selection's
 * rather than the user's when the selection's countries changed since: the dialog then starts from the new ones.
 */
export class RememberedExportForm {
  private kept: ExportForm | null = null;
  private keptForCountries = '';

  formFor(selection: Selection): ExportForm {
    const fresh = defaultExportForm(selection);
    if (!this.kept) return fresh;
    const sameCountries = this.keptForCountries === selection.countries.join(',');
    return { ...this.kept, countries: sameCountries ? this.kept.countries : fresh.countries };
  }

  keep(form: ExportForm, selection: Selection): void {
    this.kept = { ...form };
    this.keptForCountries = selection.countries.join(',');
  }
}
