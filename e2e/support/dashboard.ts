/** Helpers for the dashboard journeys: accessibility scans and keyboard-only navigation. */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page } from "@playwright/test";

/** Runs axe-core on the page and fails on any serious or critical violation, naming them. */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
  expect(serious).toEqual([]);
}

/** Presses Tab until `target` has focus (at most `limit` presses); fails if it never does. */
export async function tabTo(page: Page, target: Locator, limit = 80): Promise<void> {
  const handle = await target.elementHandle();
  if (!handle) throw new Error("tabTo: target not found");
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    if (await handle.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`tabTo: ${target} not reached within ${limit} Tab presses`);
}

/** The text alternative of a metric chart ("Latest temperature: 20.1 °C at 12:00:01"). */
export function chartSummary(page: Page, label: string): Locator {
  return page.getByRole("figure", { name: new RegExp(`^${label} \\(`) }).locator("p.visually-hidden");
}

/** The number in a measured line, e.g. "measured temperature 19.4 °C" -> 19.4. */
export function numberIn(text: string): number {
  const match = /-?\d+(?:\.\d+)?/.exec(text.replaceAll(",", ""));
  if (!match) throw new Error(`no number in "${text}"`);
  return Number(match[0]);
}
