// Knows a log whose logger wrote every message twice: two rsyslog rules that send mail's messages to one file, or
// a syslog-ng log path defined twice. Every line of such a file is followed by itself, word for word, stamp included.
// Per line, only the lines that are never written twice for one event can be told to be copies (a login, a
// dovecot session's line: parse-file.ts, sameLineAgain); sshd's and postfix's failures may be alike in one second
// and still be two tries. A head whose lines all come in such pairs, among them lines that no try writes (a
// connection opened or closed, a cron job), says the whole file is doubled, and then every second line of a pair
// is a copy.

/** Whole lines of a head needed to tell: fewer pairs could be a brute force's alike lines. */
export const MIN_HEAD_LINES = 12;
/**
 * Lines of the head that may stand outside a pair: the file's first (a rotation between the two writes of one
 * message), and the last whole line before the head's end (its copy cut off by it).
 */
const UNPAIRED_AT_ENDS = 2;

/**
 * The words of a line that two alike tries may write twice in one second: a client that sends the same password
 * again at once on one connection (sshd's `Failed password`, postfix's `SASL LOGIN authentication failed`, which a
 * file of postfix's warnings alone, mail.warn, holds in pairs of one connection's two AUTH commands).
 */
const MAY_BE_ALIKE_TRIES = /fail|invalid|denied|refused|mismatch|unknown user/i;
/** Pairs of other lines the head must hold: lines that one event writes once. */
const MIN_TELLING_PAIRS = 3;

/**
 * Whether the whole lines of `head` (a file's first bytes) come in pairs of a line and the same line again:
 * at least MIN_HEAD_LINES of them, all in pairs but for UNPAIRED_AT_ENDS, and MIN_TELLING_PAIRS of the pairs
 * lines that no alike tries write (MAY_BE_ALIKE_TRIES). Empty lines are no evidence and are left out.
 */
export function everyLineTwice(head: Buffer): boolean {
  const text = head.toString('latin1');
  // The text after the last newline is a line the head cut short, or none.
  const lines = text.slice(0, text.lastIndexOf('\n') + 1).split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l !== '');
  if (lines.length < MIN_HEAD_LINES) return false;
  let unpaired = 0;
  let telling = 0;
  for (let i = 0; i < lines.length;) {
    if (i + 1 < lines.length && lines[i] === lines[i + 1]) {
      if (!MAY_BE_ALIKE_TRIES.test(lines[i])) telling++;
      i += 2;
    } else {
      unpaired++;
      i++;
    }
  }
  return unpaired <= UNPAIRED_AT_ENDS && telling >= MIN_TELLING_PAIRS;
}
