import { describe, expect, it } from 'vitest';
import { usualIps } from '../../../src-main/shared/threshold-text';

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
