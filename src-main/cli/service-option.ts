// `--service` as a person types it: a service as the log names it (`ssh`, `imap`, postfix's master.cf name such
// as `submission`), or a list of them ("imap, pop3"), and "not logged" for the tries whose line names none (as
// the summary and the viewer say it: it has a space, which no service name can have). Anything that cannot be a
// service's name is a usage error, never a filter that silently matches nothing.
import { NO_SERVICE, type ServiceRow } from '../shared/api';

/** What the log formats read as a service: dovecot's `imap-login` prefix, postfix's master.cf name, sshd's `ssh`. */
const SERVICE_NAME = /^[A-Za-z0-9_-]{1,64}$/;
/** How "not logged" is typed, in any case. */
const NOT_LOGGED = /^not[ -]logged$/i;

export interface TypedServices {
  /** The services named (NO_SERVICE for "not logged"), in the order typed. */
  services: string[];
  /** The parts that are no service's name. */
  unknown: string[];
}

/** The services of one `--service` value, which may be a list separated by commas. */
export function typedServices(text: string): TypedServices {
  const services: string[] = [];
  const unknown: string[] = [];
  for (const part of text.split(',').map((p) => p.trim())) {
    if (NOT_LOGGED.test(part)) services.push(NO_SERVICE);
    else if (SERVICE_NAME.test(part)) services.push(part);
    else unknown.push(part);
  }
  return { services, unknown };
}

/** A service as the summary and the viewer name it: "not logged" for NO_SERVICE. */
export function serviceLabel(service: string): string {
  return service === NO_SERVICE ? 'not logged' : service;
}

/**
 * Says on stderr which chosen services the selection holds no attempt of (`found`: the selection's rows per
 * service), and which services the case holds: a typo (`shh`) and a service not tried yet look alike, and an
 * empty blocklist for a cron job is an answer, not an error. The case's services are asked for only then: counting
 * them reads every attempt row.
 */
export async function warnOfServicesNotFound(chosen: readonly string[], found: readonly ServiceRow[], caseServices: () => Promise<ServiceRow[]>): Promise<void> {
  const seen = new Set(found.map((row) => row.service ?? NO_SERVICE));
  const absent = chosen.filter((service) => !seen.has(service));
  if (!absent.length) return;
  const held = await caseServices();
  process.stderr.write(`swarmscope: the selection holds no attempt of ${absent.map((s) => JSON.stringify(serviceLabel(s))).join(', ')}; `
    + `the case's services: ${held.length ? held.map((row) => serviceLabel(row.service ?? NO_SERVICE)).join(', ') : 'none'}\n`);
}
