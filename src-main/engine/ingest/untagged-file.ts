// Knows a file of sshd's messages without the tag syslog puts before them (`sshd[812]: `), as `journalctl -u ssh
// -o cat` writes them (no stamp either), an sshd container's output (`sshd -D -e`: `docker logs -t` puts the
// container's stamp before each, docker's json-file driver keeps it in the object), and Win32-OpenSSH's own log
// file (`%ProgramData%\ssh\logs\sshd.log`: the process id, the stamp, the message). Swarmscope knows sshd's
// lines by that tag: the keyword scan looks for it (a bare word would slow the scan of every mail line), and the
// formats start at it. Such a file is read with the tag put back (parse/line-parser.ts: untagged).
import { LogLineParser, splitLeadingPid, type UntaggedProgram } from '../parse/line-parser';
import { unwrapStructuredLine, withoutNoHost } from '../parse/structured-line';
import { StampReader } from '../parse/timestamp';
import { contentStart, HEAD_BYTES, type Encoding } from './line-reader';

/**
 * sshd's own words at the start of a message: on a failed or a successful login, what a connection of a client
 * that tries credentials leaves, and what sshd says when it starts (`Server listening on 0.0.0.0 port 22.`, which a
 * container's log opens with, after its image's banner). A file's head holds some when it is sshd's log, and a
 * file of another program's words (a report, a config file) none: a message starting so is sshd's.
 */
export const SSHD_WORDS = /^(?:Failed [a-z][\w/@.-]{0,40} for |Invalid user |Accepted [a-z][\w/@.-]{0,40} for |User \S{1,100} from \S{1,255} not allowed because |(?:Connection closed|Disconnected) (?:by|from) (?:authenticating |invalid )?(?:user \S{0,100} )?\S{1,64} port \d|Received disconnect from \S{1,64} port \d|error: maximum authentication attempts exceeded for |Server listening on \S{1,64} port \d{1,5}\.$)/;

/** Lines of a file's head looked at. */
const HEAD_LINES = 50;

/**
 * Content read further, and its lines looked at, in a file whose head settles nothing: a container's log whose
 * image's banner fills the head, plain or compressed.
 */
const FURTHER_BYTES = 64 * 1024;
const FURTHER_LINES = 1000;

/** What some first lines say: sshd's untagged words, lines read as they are (`tagged`), or neither. */
type FirstLinesVerdict = UntaggedProgram | 'tagged' | 'unknown';

/**
 * A line the parser reads as it is (a login, a failed login, a repeat) makes a log of tagged lines: its other
 * lines are other programs'. A line it cannot read may be one of sshd's that mentions authentication
 * (`Disconnecting authenticating user ...: Too many authentication failures`).
 */
function verdictOf(text: string, maxLines: number, mtimeMs: number): FirstLinesVerdict {
  const reference = new Date(mtimeMs);
  const parser = new LogLineParser({ reference });
  const stamps = new StampReader({ reference });
  let sshdLines = 0;
  for (const raw of text.split('\n', maxLines)) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (!line) continue;
    const verdict = parser.parse(line).kind;
    if (verdict === 'event' || verdict === 'repeat') return 'tagged';
    // Win32-OpenSSH's sshd.log puts sshd's process id before the stamp.
    const unwrapped = splitLeadingPid(line.startsWith('{') ? unwrapStructuredLine(line) ?? line : line).rest;
    const stamped = stamps.read(unwrapped);
    const message = stamped === null ? unwrapped : withoutNoHost(stamped.rest);
    if (SSHD_WORDS.test(message)) sshdLines++;
  }
  return sshdLines > 0 ? 'sshd' : 'unknown';
}

/**
 * The program whose untagged messages the file holds, from its head (untaggedProgramOf), or, when the head
 * settles nothing and the content goes on past it, from the content's first FURTHER_BYTES.
 */
export async function untaggedProgramOfFile(path: string, size: number, head: Buffer, encoding: Encoding, mtimeMs: number): Promise<UntaggedProgram | null> {
  const verdict = headVerdict(head, encoding, mtimeMs);
  if (verdict !== 'unknown') return untaggedOf(verdict);
  // A head shorter than HEAD_BYTES is the whole content; a plain file's size says so directly.
  if (encoding === 'plain' ? size <= head.length : head.length < HEAD_BYTES) return null;
  const further = await contentStart(path, encoding, FURTHER_BYTES);
  // Whole lines only: a line cut at the end could read as another's words.
  const end = further.lastIndexOf(10);
  return end === -1 ? null : untaggedOf(verdictOf(further.toString('utf8', 0, end), FURTHER_LINES, mtimeMs));
}

/** The program whose untagged messages the file holds, from its head, or null (see verdictOf). */
export function untaggedProgramOf(head: Buffer, encoding: Encoding, mtimeMs: number): UntaggedProgram | null {
  return untaggedOf(headVerdict(head, encoding, mtimeMs));
}

/** What a file's head says (verdictOf). UTF-16 heads are raw bytes here, and are never untagged: read as they are. */
function headVerdict(head: Buffer, encoding: Encoding, mtimeMs: number): FirstLinesVerdict {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return 'tagged';
  return verdictOf(head.toString('utf8'), HEAD_LINES, mtimeMs);
}

function untaggedOf(verdict: FirstLinesVerdict): UntaggedProgram | null {
  return verdict === 'tagged' || verdict === 'unknown' ? null : verdict;
}
