// A panel or dialog that takes the focus gives it back, when it closes, to what had it before (the row or button
// that opened it), so that a keyboard user goes on from there rather than from the top of the page.

/** The element that has the focus now, unless that is the page itself or an element inside `within`. */
export function focusedOutside(within?: HTMLElement): HTMLElement | null {
  const active = document.activeElement;
  return active instanceof HTMLElement && active !== document.body && !within?.contains(active) ? active : null;
}

/**
 * On closing `container`: gives `opener` the focus back, when the focus was inside the container or nowhere (the
 * closing took it) and `opener` is still on the page; focus the user moved elsewhere stays where it is.
 */
export function giveFocusBack(opener: HTMLElement | null, container: HTMLElement | undefined): void {
  const active = document.activeElement;
  const focusWasHere = !active || active === document.body || (container?.contains(active) ?? false);
  if (focusWasHere && opener?.isConnected) opener.focus();
}
