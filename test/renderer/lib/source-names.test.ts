import { describe, expect, it } from 'vitest';
import { distinctNames } from '../../../src-renderer/src/lib/source-names';

describe('distinctNames', () => {
  it('is the base name alone when no other file has it', () => {
    expect(distinctNames(['/var/log/mail.log', '/var/log/mail.log.1', 'C:\\logs\\dovecot.log'])).toEqual(['mail.log', 'mail.log.1', 'dovecot.log']);
    expect(distinctNames([])).toEqual([]);
  });

  it('adds the nearest folder that tells same-named files apart', () => {
    expect(distinctNames(['/srv/serverA/mail.log', '/srv/serverB/mail.log', '/srv/serverA/other.log']))
      .toEqual(['mail.log — serverA', 'mail.log — serverB', 'other.log']);
    expect(distinctNames(['serverA/mail.log', 'serverB/mail.log'])).toEqual(['mail.log — serverA', 'mail.log — serverB']);
  });

  it('goes up as many folders as it takes', () => {
    expect(distinctNames(['/cases/x/logs/mail.log', '/cases/y/logs/mail.log']))
      .toEqual(['mail.log — x/logs', 'mail.log — y/logs']);
    // one is told apart by its nearest folder; the other two need one more
    expect(distinctNames(['/a/x/logs/mail.log', '/a/y/logs/mail.log', '/a/y/old/mail.log']))
      .toEqual(['mail.log — x/logs', 'mail.log — y/logs', 'mail.log — old']);
  });

  it('gives a file with fewer folders its whole folder path', () => {
    expect(distinctNames(['logs/mail.log', 'x/logs/mail.log'])).toEqual(['mail.log — logs', 'mail.log — x/logs']);
  });

  it('keeps Windows separators; a file at the top keeps its name, the others add their folders', () => {
    expect(distinctNames(['C:\\a\\x\\mail.log', 'C:\\b\\x\\mail.log'])).toEqual(['mail.log — a\\x', 'mail.log — b\\x']);
    expect(distinctNames(['mail.log', 'b/mail.log'])).toEqual(['mail.log', 'mail.log — b']);
    expect(distinctNames(['C:\\logs\\mail.log', 'D:\\logs\\mail.log'])).toEqual(['mail.log — C:\\logs', 'mail.log — D:\\logs']);
  });

  it('leaves out the web host\'s upload folders', () => {
    const upload = '/tmp/swarmscope-serve-AbC123/uploads/upload-xYz789/';
    expect(distinctNames([`${upload}serverA/mail.log`, `${upload}serverB/mail.log`])).toEqual(['mail.log — serverA', 'mail.log — serverB']);
    expect(distinctNames([`${upload}mail.log`, `${upload}2/mail.log`])).toEqual(['mail.log', 'mail.log — 2']);
  });

  it('keeps names that look like markup as they are', () => {
    expect(distinctNames(['/x/<b>a/mail.log', '/x/<img src=x onerror=alert(1)>/mail.log']))
      .toEqual(['mail.log — <b>a', 'mail.log — <img src=x onerror=alert(1)>']);
  });
});
