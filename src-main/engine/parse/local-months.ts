// Month names as journalctl writes them under another locale: its `short` output (and `short-full`'s
// weekday-less part) uses strftime's %b, so a French server writes `févr. 25 08:43:16 host dovecot[942]: …`.
// syslog daemons write English whatever the locale; only journal exports need this. The abbreviations are
// glibc's (they changed between versions in places, so both forms are kept), lower-cased without their dot.
const NAMES_BY_LOCALE: Record<string, string[]> = {
  fr: ['janv', 'févr', 'mars', 'avr', 'mai', 'juin', 'juil', 'août', 'sept', 'oct', 'nov', 'déc'],
  frOld: ['jan', 'fév', 'mar', 'avr', 'mai', 'jun', 'jui', 'aoû', 'sep', 'oct', 'nov', 'déc'],
  de: ['jan', 'feb', 'mär', 'apr', 'mai', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dez'],
  deOld: ['jan', 'feb', 'mrz', 'apr', 'mai', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dez'],
  es: ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sep', 'oct', 'nov', 'dic'],
  esSept: ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sept', 'oct', 'nov', 'dic'],
  it: ['gen', 'feb', 'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic'],
  pt: ['jan', 'fev', 'mar', 'abr', 'mai', 'jun', 'jul', 'ago', 'set', 'out', 'nov', 'dez'],
  nl: ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
  sv: ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
  no: ['jan', 'feb', 'mar', 'apr', 'mai', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'des'],
  fi: ['tammi', 'helmi', 'maalis', 'huhti', 'touko', 'kesä', 'heinä', 'elo', 'syys', 'loka', 'marras', 'joulu'],
  pl: ['sty', 'lut', 'mar', 'kwi', 'maj', 'cze', 'lip', 'sie', 'wrz', 'paź', 'lis', 'gru'],
  cs: ['led', 'úno', 'bře', 'dub', 'kvě', 'čen', 'čec', 'srp', 'zář', 'říj', 'lis', 'pro'],
  hu: ['jan', 'febr', 'márc', 'ápr', 'máj', 'jún', 'júl', 'aug', 'szept', 'okt', 'nov', 'dec'],
  ro: ['ian', 'feb', 'mar', 'apr', 'mai', 'iun', 'iul', 'aug', 'sep', 'oct', 'nov', 'dec'],
  tr: ['oca', 'şub', 'mar', 'nis', 'may', 'haz', 'tem', 'ağu', 'eyl', 'eki', 'kas', 'ara'],
  ru: ['янв', 'фев', 'мар', 'апр', 'мая', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'],
  ruNominative: ['янв', 'февр', 'март', 'апр', 'май', 'июнь', 'июль', 'авг', 'сент', 'окт', 'нояб', 'дек'],
  uk: ['січ', 'лют', 'бер', 'кві', 'тра', 'чер', 'лип', 'сер', 'вер', 'жов', 'лис', 'гру'],
  el: ['ιαν', 'φεβ', 'μαρ', 'απρ', 'μαΐ', 'ιουν', 'ιουλ', 'αυγ', 'σεπ', 'οκτ', 'νοε', 'δεκ'],
};

/**
 * Each name, lower-cased, to its month 1..12. Also as the latin1 view of its UTF-8 bytes (year-span.ts reads
 * lines so), lower-cased too, from the name as written both lower-case and capitalised (`Mär`, `Şub`): case
 * changes the bytes of a letter beyond ASCII, so that view cannot be lower-cased back to one form.
 */
const MONTH_BY_NAME = new Map<string, number>();
const latin1View = (name: string): string => Buffer.from(name, 'utf8').toString('latin1').toLowerCase();
for (const names of Object.values(NAMES_BY_LOCALE)) {
  names.forEach((name, i) => {
    const capitalised = name.charAt(0).toUpperCase() + name.slice(1);
    for (const key of [name, latin1View(name), latin1View(capitalised)]) MONTH_BY_NAME.set(key, i + 1);
  });
}

/** Chinese, Japanese and Korean: the month's number and 月 or 월 (`11月 12 10:00:01`). */
const NUMBERED_MONTH = /^([1-9]|1[0-2])(?:月|월|æ\u009c\u0088|ì\u009b\u0094)$/;

/** The month a localised %b names (`févr.`, `Mär`, `окт`, `11月`), 1..12, or 0. */
export function localMonth(token: string): number {
  const numbered = NUMBERED_MONTH.exec(token);
  if (numbered) return Number(numbered[1]);
  const name = token.endsWith('.') ? token.slice(0, -1) : token;
  return MONTH_BY_NAME.get(name.toLowerCase()) ?? 0;
}
