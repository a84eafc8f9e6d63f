// Turning the export dialog's text fields into BlocklistOptions.
import type { BlocklistFormat, BlocklistOptions, Selection } from '../../../../src-main/shared/api';

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

/** Country codes typed as "CN, RU ru" -> ['CN', 'RU']; anything that is not two letters is left out. */
export function parseCountries(text: string): string[] {
  const codes = text.split(/[\s,;]+/).map((c) => c.trim().toUpperCase()).filter((c) => /^[A-Z]{2}$/.test(c));
  return [...new Set(codes)];
}

export interface ExportForm {
  minAttempts: number;
  countries: string;
  excludePrivate: boolean;
  allowlist: string;
  format: BlocklistFormat;
  setName: string;
}

export function toBlocklistOptions(selection: Selection, form: ExportForm): BlocklistOptions {
  const usesSetName = FORMATS.find((f) => f.value === form.format)?.usesSetName ?? false;
  const minAttempts = Number.isFinite(form.minAttempts) ? Math.max(1, Math.floor(form.minAttempts)) : 1;
  return {
    selection: { ...selection, countries: parseCountries(form.countries) },
    format: form.format,
    minAttempts,
    excludePrivate: form.excludePrivate,
    allowlist: parseAllowlist(form.allowlist),
    ...(usesSetName && form.setName.trim() ? { setName: form.setName.trim() } : {}),
  };
}
