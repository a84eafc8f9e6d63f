// Picks the user names and passwords of each try: popular words first, some derived from the user name,
// the domain or the year, and, only when asked, a few hostile values.
import type { Random } from './random';
import { ATTACK_NAMES, ATTACK_PASSWORDS, HOSTILE_PASSWORDS, HOSTILE_VALUES, ROLE_MAILBOXES, USER_NAMES } from './vocabulary';

/** The swarm tries harvested addresses: real mailboxes and the most common role names. */
const SWARM_NAMES = [...ROLE_MAILBOXES, ...USER_NAMES, ...ATTACK_NAMES.slice(0, 20)];

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export class WordPicker {
  private readonly domainLabel: string;

  constructor(
    private readonly random: Random,
    private readonly domain: string,
    private readonly hostile: boolean,
  ) {
    this.domainLabel = domain.split('.')[0];
  }

  user(withDomain: number, swarm: boolean): string {
    const r = this.random;
    if (this.hostile && r.chance(0.004)) return r.pick(HOSTILE_VALUES);
    let name = swarm ? SWARM_NAMES[r.zipfIndex(SWARM_NAMES.length, 0.6)] : ATTACK_NAMES[r.zipfIndex(ATTACK_NAMES.length)];
    if (r.chance(0.02)) name = capitalise(name);
    return r.chance(withDomain) ? `${name}@${this.domain}` : name;
  }

  password(user: string, year: number): string {
    const r = this.random;
    if (this.hostile && r.chance(0.006)) return r.pick(HOSTILE_PASSWORDS);
    if (r.chance(0.72)) return ATTACK_PASSWORDS[r.zipfIndex(ATTACK_PASSWORDS.length)];
    const local = user.split('@')[0].toLowerCase();
    const label = this.domainLabel;
    switch (r.int(0, 9)) {
      case 0: return local;
      case 1: return `${local}123`;
      case 2: return `${capitalise(local)}@123`;
      case 3: return `${capitalise(local)}${year}!`;
      case 4: return `${label}123`;
      case 5: return `${capitalise(label)}@${year - r.int(0, 3)}`;
      case 6: return this.domain;
      case 7: return `${local}@${label}`;
      case 8: return `${capitalise(label)}${year}`;
      default: return `${local}${r.int(1, 2025)}`;
    }
  }

  /** What a real user mistypes: their password with a slip of the finger. */
  typo(user: string, year: number): string {
    const r = this.random;
    const base = `${capitalise(user.split('@')[0])}-${r.pick(['Garden', 'Horse', 'Summit', 'River'])}${year % 100}`;
    const at = r.int(1, base.length - 1);
    return r.chance(0.5) ? base.slice(0, at) + base.slice(at + 1) : base.toLowerCase();
  }
}
