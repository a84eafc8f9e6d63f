// Every schema step, in order. Add a step as a new numbered file and append it here; never edit a step
// that has shipped, since saved cases have already run it.
import { initial } from './001-initial';
import { valueDay } from './002-value-day';
import { loginsByTime } from './003-logins-by-time';
import { joinMemory } from './004-join-memory';
import { ipSortKeyIndex } from './005-ip-sort-key-index';
import { noAttemptIpIndex } from './006-no-attempt-ip-index';
import { sourceByPath } from './007-source-by-path';
import { sourceSystemPam } from './008-source-system-pam';
import { sourcePostfixSasl } from './009-source-postfix-sasl';
import { sourceOpenLine } from './010-source-open-line';
import { sourceHost } from './011-source-host';
import { sourceStartMemory } from './012-source-start-memory';
import { sourceSshdLines } from './013-source-sshd-lines';
import { unreadPaths } from './014-unread-paths';
import { undatedTimes } from './015-undated-times';
import { sourceDovecotAuthLines } from './016-source-dovecot-auth-lines';
import type { Migration } from './migration';

export const MIGRATIONS: readonly Migration[] = [initial, valueDay, loginsByTime, joinMemory, ipSortKeyIndex, noAttemptIpIndex, sourceByPath, sourceSystemPam, sourcePostfixSasl,
  sourceOpenLine, sourceHost, sourceStartMemory, sourceSshdLines, unreadPaths, undatedTimes,
  sourceDovecotAuthLines];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
