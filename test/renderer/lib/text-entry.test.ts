import { describe, expect, it } from 'vitest';
import { isTextEntry } from '../../../src-renderer/src/lib/text-entry';

const input = (type: string): HTMLInputElement => Object.assign(document.createElement('input'), { type });

describe('isTextEntry', () => {
  it('is true for the boxes typed into: text, numbers, dates, text areas, drop-downs', () => {
    for (const type of ['text', 'search', 'number', 'date']) expect(isTextEntry(input(type)), type).toBe(true);
    expect(isTextEntry(document.createElement('textarea'))).toBe(true);
    expect(isTextEntry(document.createElement('select'))).toBe(true);
  });

  it('is false for check boxes, buttons, plain elements and the window', () => {
    for (const type of ['checkbox', 'radio', 'button', 'submit']) expect(isTextEntry(input(type)), type).toBe(false);
    expect(isTextEntry(document.createElement('button'))).toBe(false);
    expect(isTextEntry(document.createElement('div'))).toBe(false);
    expect(isTextEntry(window)).toBe(false);
    expect(isTextEntry(null)).toBe(false);
  });
});
