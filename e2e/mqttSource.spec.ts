/**
 * A dashboard in front of a real Mosquitto broker (`--source mqtt://`): a device that joins while
 * the page is open gets its card, and a lost broker is told apart from dead devices.
 */
import { expect, test } from "@playwright/test";
import { MISSING, MOSQUITTO, MOSQUITTO_PUB, TestBroker } from "../testing/mosquitto";
import { expectNoSeriousA11yViolations } from "./support/dashboard";
import { type ServerProcess, startServerProcess } from "./support/serverProcess";

const METER = (name: string) =>
  JSON.stringify({
    kind: "meter",
    name,
    rate: 2,
    metrics: [
      { key: "power", label: "Power", unit: "W", min: 0, max: 12000, decimals: 0 },
      { key: "voltage", label: "Voltage", unit: "V", min: 180, max: 270, decimals: 1 },
    ],
    commands: [],
  });

async function announce(broker: TestBroker, id: string, name: string): Promise<void> {
  await broker.pub(`fleet/${id}/info`, METER(name), { retain: true });
  await broker.pub(`fleet/${id}/status`, '{"online":true}', { retain: true });
}

// A missing broker fails the test (below), saying what to install; `npm test` installs it first.

let broker: TestBroker | undefined;
let server: ServerProcess | undefined;
test.afterEach(async ({ page }) => {
  await page.close();
  await server?.kill();
  await broker?.dispose();
});

test("a device that joins while the page is open gets a card; a lost broker shows a banner, not dead devices", async ({
  page,
}) => {
  if (!(MOSQUITTO && MOSQUITTO_PUB)) throw new Error(MISSING);
  broker = await TestBroker.create();
  await announce(broker, "meter-cellar", "Cellar meter");
  server = await startServerProcess(["--source", broker.url]);
  await page.goto(server.url);
  await expect(page.getByRole("status")).toContainText("Live");
  const cards = page.getByRole("list", { name: "Devices" }).getByRole("article");
  await expect(cards).toHaveCount(1);

  await announce(broker, "meter-attic", "Attic meter");
  const attic = page.getByRole("article", { name: "Attic meter" });
  await expect(attic).toContainText("Online");
  await expect(cards).toHaveCount(2);
  await expect(
    page.getByRole("list", { name: "Fleet summary" }).getByRole("button", { name: /Devices/ }),
  ).toContainText("2");

  await broker.stop();
  const banner = page.getByRole("alert").filter({ hasText: "Fleet source down" });
  await expect(banner).toContainText(`cannot reach its MQTT broker ${broker.url}`);
  await expect(attic).toContainText("Offline");
  // The dashboard's own link is fine: the status says so, and the banner says who is at fault.
  await expect(page.getByRole("status")).toContainText("Live");
  await expectNoSeriousA11yViolations(page);

  await broker.start();
  await expect(banner).toHaveCount(0);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Events" }).click();
  await expect(page.getByRole("main")).toContainText("Attic meter (Power meter) joined the fleet");
  await expect(page.getByRole("main")).toContainText(`The server lost ${broker.url}`);
  await expect(page.getByRole("main")).toContainText(`The server reaches ${broker.url} again`);
});
