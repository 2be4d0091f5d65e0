// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { focusHeadingWhenShown } from "./focusHeading";

function mainWith(html: string): HTMLElement {
  const main = document.createElement("main");
  main.innerHTML = html;
  document.body.append(main);
  return main;
}

/** Lets queued MutationObserver callbacks run. */
const mutationsDelivered = () => new Promise((resolve) => setTimeout(resolve, 0));

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
    await mutationsDelivered();
    expect(document.activeElement?.textContent).toBe("Thermostat 1");
  });

  it("leaves focus alone if the person moved it while the page was loading", async () => {
    const main = mainWith("<p>Loading device view…</p>");
    const search = document.createElement("input");
    document.body.prepend(search);
    focusHeadingWhenShown(main);
    search.focus();
    main.innerHTML = "<h1>Thermostat 1</h1>";
    await mutationsDelivered();
    expect(document.activeElement).toBe(search);
  });

  it("stops waiting when cancelled", async () => {
    const main = mainWith("<p>Loading device view…</p>");
    const stop = focusHeadingWhenShown(main);
    stop();
    main.innerHTML = "<h1>Thermostat 1</h1>";
    await mutationsDelivered();
    expect(document.activeElement).toBe(document.body);
  });
});
