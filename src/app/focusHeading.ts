/**
 * Moves focus to the first `h1` in `container`, now or as soon as one is rendered: a lazily loaded
 * page draws its heading only once its chunk has arrived. Focus is left where it is if the person
 * moved it meanwhile. Returns a function that stops waiting.
 */
export function focusHeadingWhenShown(container: HTMLElement): () => void {
  const focusedBefore = document.activeElement;
  const focusHeading = (): boolean => {
    const heading = container.querySelector<HTMLElement>("h1");
    if (!heading) return false;
    const focused = document.activeElement;
    // A clicked link that the navigation removed leaves focus on <body>: that was not the person.
    const untouched = focused === focusedBefore || focused === null || focused === document.body;
    if (untouched) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    }
    return true;
  };
  if (focusHeading()) return () => {};
  const observer = new MutationObserver(() => {
    if (focusHeading()) observer.disconnect();
  });
  observer.observe(container, { childList: true, subtree: true });
  return () => observer.disconnect();
}
