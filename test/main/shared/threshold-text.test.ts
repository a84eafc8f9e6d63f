import { describe, expect, it } from 'vitest';
import { durationSetting, jailDuration, parseDuration, usualIps } from '../../../src-main/shared/threshold-text';

describe('usualIps', () => {
  it('says a quiet case\'s usual hour brings fewer than one address, not "0 IPs"', () => {
    expect(usualIps(0)).toBe('fewer than 1 IP');
    expect(usualIps(0.5)).toBe('fewer than 1 IP');
  });

  it('rounds a median of an even count of hours to a whole address', () => {
    expect(usualIps(1)).toBe('1 IP');
    expect(usualIps(1.4)).toBe('1 IP');
    expect(usualIps(280.5, (n) => n.toLocaleString('en-US'))).toBe('281 IPs');
    expect(usualIps(1234, (n) => n.toLocaleString('en-US'))).toBe('1,234 IPs');
  });
});

describe('jailDuration', () => {
  it('writes seconds in the largest unit that says them exactly, as jail.conf takes them back', () => {
    for (const [seconds, text] of [[600, '10m'], [3600, '1h'], [90, '90s'], [86_400, '1d'], [1_209_600, '2w'], [5400, '90m']] as const) {
      expect(jailDuration(seconds)).toBe(text);
      expect(parseDuration(text)).toBe(seconds);
    }
  });
});

describe('durationSetting', () => {
  it('reads a findtime or bantime within the bounds the hosts accept, and nothing else', () => {
    expect(durationSetting('10m', 'findtime')).toBe(600);
    expect(durationSetting('0', 'findtime')).toBeNull();
    expect(durationSetting('367d', 'findtime')).toBeNull();
    expect(durationSetting('367d', 'bantime')).toBe(367 * 86_400);
    expect(durationSetting('10x', 'bantime')).toBeNull();
  });
});

describe('parseDuration', () => {
  it('reads a duration typed with spaces between a number and its unit and between parts, in any case', () => {
    expect(parseDuration('1 h')).toBe(3600);
    expect(parseDuration('1h 30m')).toBe(5400);
    expect(parseDuration(' 1 H 30 M ')).toBe(5400);
    expect(parseDuration('10 m')).toBe(600);
    expect(parseDuration('2D')).toBe(172_800);
    expect(parseDuration('600')).toBe(600);
    expect(parseDuration('1h30m')).toBe(5400);
  });

  it('still refuses what is no duration, also with spaces', () => {
    for (const text of ['', 'h', '1 30', '1h 30', '10x', 'ten minutes', '1 h x', '-1', '1.5h', 'm 10']) {
      expect(parseDuration(text), text).toBeNull();
    }
  });
});
