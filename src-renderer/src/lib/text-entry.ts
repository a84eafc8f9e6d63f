// Whether a key was pressed in a box the user types into: there, keys such as Escape belong to the typing.

const NOT_TYPED_INTO = new Set(['button', 'checkbox', 'color', 'file', 'image', 'radio', 'range', 'reset', 'submit']);

/** True for a text box, a text area, a drop-down or an editable element; false for buttons, check boxes, the page. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (target instanceof HTMLInputElement) return !NOT_TYPED_INTO.has(target.type);
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || (target instanceof HTMLElement && target.isContentEditable === true); // jsdom lacks isContentEditable
}
