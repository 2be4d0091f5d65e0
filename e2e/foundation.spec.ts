import { expect, test } from "@playwright/test";

test("the page served by npm start connects over /ws and lists the fleet", async ({ page, request }) => {
  const health = await (await request.get("/healthz")).json();
  expect(health.ok).toBe(true);
  const sockets: string[] = [];
  page.on("websocket", (ws) => sockets.push(ws.url()));
  await page.goto("/");
  await expect(page.getByRole("status")).toHaveText(/Live/);
  await expect(page.getByText("Thermostat 1", { exact: true })).toBeVisible();
  expect(sockets.some((url) => url.endsWith("/ws"))).toBe(true);
});
