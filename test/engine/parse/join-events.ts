// The session join over a whole list of events at once: what the join tests compare, without the ingest's
// batches around it.
import { SessionJoiner, type SessionJoinerOptions } from '../../../src-main/engine/parse/session-join';
import type { AttemptRecord, AuthEvent, LoginRecord } from '../../../src-main/engine/parse/types';

export function joinEvents(events: Iterable<{ event: AuthEvent; line: number }>, options?: SessionJoinerOptions): {
  attempts: AttemptRecord[];
  logins: LoginRecord[];
} {
  const attempts: AttemptRecord[] = [];
  const logins: LoginRecord[] = [];
  const joiner = new SessionJoiner({ attempt: (a) => attempts.push(a), login: (l) => logins.push(l) }, options);
  for (const { event, line } of events) joiner.push(event, line);
  joiner.flush();
  return { attempts, logins };
}
