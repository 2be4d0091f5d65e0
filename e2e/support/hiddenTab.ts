/**
 * Hiding a tab in headless Chromium. Headless tabs always report `visible` and keep running
 * requestAnimationFrame (bringing another tab to the front or minimising the window changes
 * neither, and CDP has no visibility override), so this emulates what a hidden tab means to the
 * dashboard: `document.hidden`/`visibilityState` say so, `visibilitychange` fires, and
 * requestAnimationFrame callbacks are held until the tab is visible again, while timers and
 * WebSocket messages keep running as they do in a real background tab.
 */
import type { Page } from "@playwright/test";

interface VisibilityControl {
  setHidden(hidden: boolean): void;
}

/** Installs the emulation; call before `page.goto`. */
export async function emulateVisibility(page: Page): Promise<void> {
  await page.addInitScript(() => {
    let hidden = false;
    let nextId = -1;
    const parked = new Map<number, FrameRequestCallback>();
    const realRaf = window.requestAnimationFrame.bind(window);
    const realCancel = window.cancelAnimationFrame.bind(window);
    window.requestAnimationFrame = (callback) => {
      if (!hidden) return realRaf(callback);
      const id = nextId--;
      parked.set(id, callback);
      return id;
    };
    window.cancelAnimationFrame = (id) => {
      if (id < 0) parked.delete(id);
      else realCancel(id);
    };
    Object.defineProperty(document, "hidden", { get: () => hidden });
    Object.defineProperty(document, "visibilityState", { get: () => (hidden ? "hidden" : "visible") });
    const control: VisibilityControl = {
      setHidden(value) {
        hidden = value;
        document.dispatchEvent(new Event("visibilitychange"));
        if (value) return;
        const callbacks = [...parked.values()];
        parked.clear();
        for (const callback of callbacks) realRaf(callback);
      },
    };
    (window as unknown as { __visibility: VisibilityControl }).__visibility = control;
  });
}

/** Hides or shows the page (see `emulateVisibility`). */
export async function setHidden(page: Page, hidden: boolean): Promise<void> {
  await page.evaluate((value) => {
    (window as unknown as { __visibility: VisibilityControl }).__visibility.setHidden(value);
  }, hidden);
}

/** Frames the page drew in the last `ms` (0 while hidden), measured with the page's own rAF. */
export async function framesIn(page: Page, ms: number): Promise<number> {
  return page.evaluate(
    (duration) =>
      new Promise<number>((resolve) => {
        let frames = 0;
        const end = performance.now() + duration;
        const tick = () => {
          frames += 1;
          if (performance.now() < end) requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
        setTimeout(() => resolve(frames), duration + 50);
      }),
    ms,
  );
}
