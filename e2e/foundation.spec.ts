import { expect, test } from "@playwright/test";
import { fetchWelcome } from "./support/fleetClient";

test("the page served by npm start connects over /ws and shows the fleet the server sent", async ({
  page,
  request,
  baseURL,
}) => {
  const health = await (await request.get("/healthz")).json();
  expect(health.ok).toBe(true);
  const welcome = await fetchWelcome(baseURL ?? "");
  expect(welcome.fleet.length).toBeGreaterThan(0);

  const sockets: string[] = [];
  page.on("websocket", (ws) => sockets.push(ws.url()));
  await page.goto("/");
  await expect(page.getByRole("status").first()).toContainText(/Live/);
  for (const device of welcome.fleet.slice(0, 3)) {
    await expect(page.getByText(device.name, { exact: true }).first()).toBeVisible();
  }
  expect(sockets.some((url) => url.endsWith("/ws"))).toBe(true);
});
