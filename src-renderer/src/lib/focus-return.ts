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

/** The buttons and fields of `container` a keyboard reaches, in page order. */
function reachableControls(container: HTMLElement): HTMLElement[] {
  return Array.from(container.querySelectorAll<HTMLElement>('button, input, [tabindex]')).filter(
    (element) => element.tabIndex >= 0 && !(element as HTMLButtonElement).disabled,
  );
}

/**
 * Runs `remove`, which takes away the control that has the focus (a chip's ×), and then, when that left the focus
 * nowhere, gives it to the control now in its place in `container` (the next one, or the last): a keyboard user
 * clearing a chip goes on from the next chip instead of from the top of the page.
 */
export async function removeKeepingFocusNear(container: HTMLElement | undefined, removing: HTMLElement, remove: () => void, settled: () => Promise<void>): Promise<void> {
  const index = container ? reachableControls(container).indexOf(removing) : -1;
  remove();
  await settled();
  if (!container || index < 0) return;
  const active = document.activeElement;
  if (active && active !== document.body && active.isConnected) return;
  const controls = reachableControls(container);
  controls[Math.min(index, controls.length - 1)]?.focus();
}
