import { describe, expect, it } from 'vitest';
import { selectedByCode, stateChanges } from '../../../../src-renderer/src/views/map/feature-state';

describe('stateChanges', () => {
  it('sends only what changed between two frames of a live brush', () => {
    const before = new Map([['CN', '#081d58'], ['US', '#253494'], ['BG', '#c7e9b4']]);
    const after = new Map([['CN', '#081d58'], ['US', '#225ea8'], ['RU', '#253494']]);
    expect(stateChanges(before, after)).toEqual([
      { code: 'US', value: '#225ea8' },
      { code: 'RU', value: '#253494' },
      { code: 'BG', value: null },
    ]);
    expect(stateChanges(after, after)).toEqual([]);
  });

  it('selects and unselects countries', () => {
    expect(stateChanges(selectedByCode(['CN']), selectedByCode(['RU']))).toEqual([
      { code: 'RU', value: true },
      { code: 'CN', value: null },
    ]);
  });
});
