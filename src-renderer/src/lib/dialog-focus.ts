// A modal dialog keeps the keyboard inside it: Tab from its last control goes to its first, Shift+Tab from its
// first to its last, rather than to the page behind it, which the dialog covers.

/** Handles Tab in a dialog whose controls a keyboard reaches are `controls`, in page order. */
export function keepTabWithin(event: KeyboardEvent, controls: readonly HTMLElement[]): void {
  const first = controls[0];
  const last = controls[controls.length - 1];
  if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last?.focus(); }
  else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first?.focus(); }
}
