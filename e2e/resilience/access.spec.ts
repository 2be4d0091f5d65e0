/**
 * Scenario 8, access: a missing or wrong token is refused with close 4401; the dashboard asks
 * `GET /api/me` first and shows its sign-in page instead of opening (and retrying) a socket that
 * would be refused; a page from another origin cannot open the WebSocket at all (HTTP 403 at the
 * upgrade).
 */
import { createServer, type Server } from "node:http";
import { expect, type Page, test } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "../../scripts/chromium";
import { TestClient } from "../../testing/testClient";
import { watchSockets } from "../support/pageSockets";
import { connectionStatus, setupFleet } from "../support/resilience";
import { freePort, metric } from "../support/serverProbe";

const start = setupFleet();

// evil.example resolves to loopback in this browser only, so the page is really served from a
// foreign host name (Chromium would otherwise block a public page from reaching loopback itself,
// and the server's own check would never be exercised).
test.use({
  launchOptions: {
    executablePath: findChromium()?.path,
    args: [...CHROMIUM_ARGS, "--host-resolver-rules=MAP evil.example 127.0.0.1"],
  },
});

/** A page that tries to open `wsUrl` and reports how it ended ("open" or "closed <code>"). */
const probePage = (wsUrl: string) => `<!doctype html><title>elsewhere</title><script>
  window.outcome = new Promise((resolve) => {
    const socket = new WebSocket(${JSON.stringify(wsUrl)});
    socket.onopen = () => resolve("open");
    socket.onclose = (event) => resolve("closed " + event.code);
  });
</script>`;

/** Serves `html` at every path from a free loopback port: a site other than the dashboard's. */
async function serve(html: string): Promise<Server> {
  const server = createServer((_, res) => res.writeHead(200, { "content-type": "text/html" }).end(html));
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return server;
}

function portOf(server: Server): number {
  const address = server.address();
  return typeof address === "object" && address ? address.port : 0;
}

async function outcomeOf(page: Page): Promise<string> {
  return page.evaluate(() => (window as unknown as { outcome: Promise<string> }).outcome);
}

test("a missing or wrong token is refused with 4401: the dashboard asks for a token and opens no socket until one is accepted", async ({
  page,
}) => {
  const { server, proxy } = await start(["--token", "letmein"]);
  const wsUrl = `${server.url.replace(/^http/, "ws")}/ws`;
  // Protocol level, at the same time: no auth within 5 s closes 4401; a wrong token closes at once.
  const silent = TestClient.connect(wsUrl).then((client) => client.closed);
  const wrong = await TestClient.connect(wsUrl);
  wrong.send({ type: "auth", token: "guess" });
  expect(await wrong.closed).toMatchObject({ code: 4401 });
  expect(wrong.messages).toEqual([]);

  // The dashboard asks GET /api/me first: refused, it shows the sign-in page and opens no socket.
  await page.goto(proxy.url);
  const signIn = page.getByRole("form", { name: "Sign in with an access token" });
  await expect(signIn).toBeVisible();
  await signIn.getByLabel("Access token").fill("not-the-token");
  await signIn.getByRole("button", { name: "Connect" }).click();
  await expect(signIn.getByRole("alert")).toHaveText("The server does not accept this token.");
  expect(proxy.upgrades()).toBe(0);

  await signIn.getByLabel("Access token").fill("letmein");
  await signIn.getByRole("button", { name: "Connect" }).click();
  await expect(connectionStatus(page)).toContainText("Live");
  expect(proxy.upgrades()).toBe(1);
  // The token is kept for the tab: a reload goes straight back to Live.
  await page.reload();
  await expect(connectionStatus(page)).toContainText("Live");
  expect(proxy.upgrades()).toBe(2);

  expect(await silent).toMatchObject({ code: 4401 });
});

test("with --allow-origin, a page served from another port is refused with HTTP 403 at the upgrade", async ({
  page,
}) => {
  const port = await freePort();
  const own = `http://127.0.0.1:${port}`;
  const { server } = await start(["--allow-origin", own], { port });
  const wsUrl = `ws://127.0.0.1:${port}/ws`;
  const elsewhere: Server = createServer((_, res) =>
    res.writeHead(200, { "content-type": "text/html" }).end(probePage(wsUrl)),
  );
  await new Promise<void>((done) => elsewhere.listen(0, "127.0.0.1", done));
  try {
    const address = elsewhere.address();
    const otherPort = typeof address === "object" && address ? address.port : 0;
    const sockets = watchSockets(page);
    await page.goto(`http://127.0.0.1:${otherPort}/`);
    expect(await outcomeOf(page)).toBe("closed 1006");
    await expect.poll(() => sockets.sockets[0]?.errors.join(" ")).toMatch(/403/);
    expect(await metric(server.url, 'fleet_connections_rejected_total{reason="origin"}')).toBe(1);

    // The dashboard's own origin is still let in.
    await page.goto(`${own}/`);
    await expect(connectionStatus(page)).toContainText("Live");
  } finally {
    await new Promise((done) => elsewhere.close(done));
  }
});

test.describe("by default", () => {
  test("a page from a foreign host cannot use a visitor's browser against the server", async ({ page }) => {
    const { server } = await start();
    const wsUrl = `ws://127.0.0.1:${server.port}/ws`;
    const elsewhere = await serve(probePage(wsUrl));
    try {
      const sockets = watchSockets(page);
      await page.goto(`http://evil.example:${portOf(elsewhere)}/`);
      expect(await outcomeOf(page)).toBe("closed 1006");
      await expect.poll(() => sockets.sockets[0]?.errors.join(" ")).toMatch(/403/);
      expect(await metric(server.url, 'fleet_connections_rejected_total{reason="origin"}')).toBe(1);
    } finally {
      await new Promise((done) => elsewhere.close(done));
    }
  });
});
