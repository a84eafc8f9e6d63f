import { describe, expect, it } from 'vitest';
import { unwrapStructuredLine } from '../../../src-main/engine/parse/structured-line';

describe('unwrapStructuredLine', () => {
  it.each([
    ['docker json-file: the container\'s own syslog line, its newline gone',
      '{"log":"Nov 12 10:00:01 mail dovecot: imap-login: x\\n","stream":"stderr","time":"2023-11-12T09:00:01.123456789Z"}',
      'Nov 12 10:00:01 mail dovecot: imap-login: x'],
    ['docker json-file: a message without a stamp takes the record\'s time',
      '{"log":"imap-login: x\\n","stream":"stderr","time":"2023-11-12T09:00:01.123456789Z"}',
      '2023-11-12T09:00:01.123456789Z - imap-login: x'],
    ['Go\'s escapes of < and >', '{"log":"Nov 12 10:00:01 mail dovecot: user=\\u003cx\\u003e\\n","time":"2023-11-12T09:00:01Z"}',
      'Nov 12 10:00:01 mail dovecot: user=<x>'],
    ['journalctl -o json: time, host, program and process before the message',
      '{"__REALTIME_TIMESTAMP":"1699783201123456","_HOSTNAME":"mail","SYSLOG_IDENTIFIER":"dovecot","_PID":"942","MESSAGE":"auth: x"}',
      '2023-11-12T10:00:01.123Z mail dovecot[942]: auth: x'],
    ['journalctl -o json: a message that is not UTF-8, kept as an array of bytes',
      '{"__REALTIME_TIMESTAMP":"1699783201000000","SYSLOG_IDENTIFIER":"dovecot","MESSAGE":[97,117,116,104,58,32,255]}',
      '2023-11-12T10:00:01.000Z - dovecot: auth: \ufffd'],
    ['a shipper\'s JSON', '{"@timestamp":"2023-11-12T10:00:01+01:00","host":"mail","message":"dovecot: imap-login: x"}',
      '2023-11-12T10:00:01+01:00 mail dovecot: imap-login: x'],
    ['a message and no time: as it is (unparsed for want of a stamp, as such lines are)', '{"msg":"imap-login: x"}', 'imap-login: x'],
  ])('%s', (_, line, expected) => {
    expect(unwrapStructuredLine(line)).toBe(expected);
  });

  it.each([
    ['not JSON', '{Nov 12 10:00:01 mail dovecot: x'],
    ['an array', '[1, 2, 3]'],
    ['an object without a message', '{"time":"2023-11-12T09:00:01Z","level":"info"}'],
    ['a message that is an object', '{"message":{"text":"x"}}'],
    ['a byte array with things other than bytes', '{"MESSAGE":[97,1000,"x"]}'],
  ])('leaves alone %s', (_, line) => {
    expect(unwrapStructuredLine(line)).toBeNull();
  });

  it('takes no time that is no RFC 3339 stamp', () => {
    expect(unwrapStructuredLine('{"time":"yesterday","log":"imap-login: x"}')).toBe('imap-login: x');
    expect(unwrapStructuredLine('{"__REALTIME_TIMESTAMP":"99999999999999999999","MESSAGE":"x"}')).toBe('x');
  });
});
