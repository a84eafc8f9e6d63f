// Country names for the engine's files (the Countries CSV), named as the viewer's tab names them
// (shared/country-name.ts), from the library as english-countries.ts loads it.
import { countryNameFrom } from '../../shared/country-name';
import { englishCountries } from '../english-countries';

/** The English name of an ISO alpha-2 code as the viewer shows it; `ZZ` is "Unknown or private". */
export function countryName(code: string): string {
  return countryNameFrom(englishCountries(), code);
}
