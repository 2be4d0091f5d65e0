// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import { focusHeadingWhenShown } from "./focusHeading";

function mainWith(html: string): HTMLElement {
  const main = document.createElement("main");
  main.innerHTML = html;
  document.body.append(main);
  return main;
}

/**
 * Resolves once the next changes under `container` have been delivered to every MutationObserver
 * created before this call (observers are notified in the order they were created), so a test can
 * check that one of them did nothing.
 */
function earlierObserversNotified(container: HTMLElement): Promise<void> {
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      observer.disconnect();
      resolve();
    });
    observer.observe(container, { childList: true, subtree: true });
  });
}

afterEach(() => {
  document.body.innerHTML = "";
});

describe("focusHeadingWhenShown", () => {
  it("focuses a heading that is already there", () => {
    const main = mainWith("<h1>Fleet overview</h1>");
    focusHeadingWhenShown(main);
    expect(document.activeElement?.textContent).toBe("Fleet overview");
    expect((document.activeElement as HTMLElement).tabIndex).toBe(-1);
  });

  it("waits for a heading that a lazily loaded page renders later", async () => {
    const main = mainWith('<section aria-busy="true"><p>Loading device view…</p></section>');
    focusHeadingWhenShown(main);
    expect(document.activeElement).toBe(document.body);
    main.innerHTML = "<article><header><h1>Thermostat 1</h1></header></article>";
    await vi.waitFor(() => expect(document.activeElement?.textContent).toBe("Thermostat 1"));
  });

  it("leaves focus alone if the person moved it while the page was loading", async () => {
    const main = mainWith("<p>Loading device view…</p>");
    const search = document.createElement("input");
    document.body.prepend(search);
    focusHeadingWhenShown(main);
    const notified = earlierObserversNotified(main);
    search.focus();
    main.innerHTML = "<h1>Thermostat 1</h1>";
    await notified;
    expect(document.activeElement).toBe(search);
  });

  it("stops waiting when cancelled", async () => {
    const main = mainWith("<p>Loading device view…</p>");
    const stop = focusHeadingWhenShown(main);
    stop();
    const notified = earlierObserversNotified(main);
    main.innerHTML = "<h1>Thermostat 1</h1>";
    await notified;
    expect(document.activeElement).toBe(document.body);
  });
});
