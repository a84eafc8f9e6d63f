import { afterEach, describe, expect, it } from 'vitest';
import { keepTabWithin } from '../../../src-renderer/src/lib/dialog-focus';

/** A dialog of three buttons on the page, and what a Tab (or Shift+Tab) pressed in it does. */
function dialogOfButtons(): HTMLButtonElement[] {
  const dialog = document.createElement('div');
  const buttons = ['Cancel', 'Discard', 'Save'].map((label) => {
    const button = document.createElement('button');
    button.textContent = label;
    dialog.append(button);
    return button;
  });
  document.body.append(dialog);
  return buttons;
}

function tab(controls: HTMLElement[], shiftKey = false): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key: 'Tab', shiftKey, cancelable: true });
  keepTabWithin(event, controls);
  return event;
}

afterEach(() => document.body.replaceChildren());

describe('keepTabWithin', () => {
  it('takes Tab from the last control to the first, and Shift+Tab from the first to the last', () => {
    const buttons = dialogOfButtons();
    buttons[2].focus();
    expect(tab(buttons).defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(buttons[0]);
    expect(tab(buttons, true).defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(buttons[2]);
  });

  it('leaves Tab between the controls to the browser', () => {
    const buttons = dialogOfButtons();
    buttons[1].focus();
    expect(tab(buttons).defaultPrevented).toBe(false);
    expect(tab(buttons, true).defaultPrevented).toBe(false);
    buttons[0].focus();
    expect(tab(buttons).defaultPrevented).toBe(false);
    expect(document.activeElement).toBe(buttons[0]);
  });
});
