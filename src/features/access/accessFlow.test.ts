import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { encodeMessage } from "../../protocol/encode";
import { createDashboard } from "../../store/createDashboard";
import { POLL } from "../../store/dashboardTestKit";
import { reportUnauthorized } from "../../ui/accessToken";
import { createAccessFlow, endedText } from "./accessFlow";

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** A bare /ws that says welcome; `refuse()` closes every open socket with 4401. */
async function wsServer() {
  const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
  let connections = 0;
  wss.on("connection", (socket) => {
    connections++;
    socket.send(
      encodeMessage({ type: "welcome", protocol: 1, session: "s1", serverTime: Date.now(), fleet: [] }),
    );
  });
  cleanup.push(
    () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  );
  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/ws`,
    connections: () => connections,
    refuse: () => {
      for (const client of wss.clients) client.close(4401, "signed out");
    },
  };
}

/** A fetch whose `/api/me` answers `me.status` (and logs every call). */
function fakeApi(initial: { status: number; body?: unknown }) {
  const me = { ...initial };
  const calls: string[] = [];
  const impl = (async (url: string, init?: RequestInit) => {
    calls.push(`${init?.method ?? "GET"} ${url}`);
    if (url === "/api/logout") return new Response(null, { status: 204 });
    return new Response(me.body === undefined ? "" : JSON.stringify(me.body), { status: me.status });
  }) as typeof fetch;
  return { impl, calls, me };
}

async function setup(me: { status: number; body?: unknown }) {
  const server = await wsServer();
  const dashboard = createDashboard({ url: server.url, WebSocket, backoff: { minMs: 20, maxMs: 40 } });
  cleanup.push(() => dashboard.stop());
  const api = fakeApi(me);
  const flow = createAccessFlow(dashboard, api.impl);
  cleanup.push(() => flow.stop());
  const access = () => dashboard.store.getState().access;
  const status = () => dashboard.store.getState().connection.status;
  return { server, dashboard, api, flow, access, status };
}

const ANA = { user: "ana", role: "operator", via: "session" } as const;
const NEEDS_SIGN_IN = {
  error: { code: "unauthorized", message: "sign in" },
  signIn: { password: true, token: false },
};

describe("the access flow", () => {
  it("asks /api/me first and opens the socket only once let in", async () => {
    const { server, flow, access, status } = await setup({ status: 200, body: ANA });
    flow.start();
    await expect.poll(status, POLL).toBe("live");
    expect(access()).toEqual({ status: "granted", access: ANA });
    expect(server.connections()).toBe(1);
  });

  it("shows the sign-in page, without a socket, when /api/me answers 401", async () => {
    const { server, flow, access, api } = await setup({ status: 401, body: NEEDS_SIGN_IN });
    flow.start();
    await expect.poll(() => access().status, POLL).toBe("signIn");
    expect(access()).toEqual({ status: "signIn", password: true, token: false, reason: undefined });
    expect(server.connections()).toBe(0);
    expect(api.calls).toEqual(["GET /api/me"]);
  });

  it("treats a server without /api/me (404) as open access", async () => {
    const { flow, access, status } = await setup({ status: 404 });
    flow.start();
    await expect.poll(status, POLL).toBe("live");
    expect(access()).toEqual({
      status: "granted",
      access: { user: "anonymous", role: "admin", via: "open" },
    });
  });

  it("returns to sign-in when the server closes the socket with 4401, and resumes after signing in", async () => {
    const { server, flow, access, status, api } = await setup({ status: 200, body: ANA });
    flow.start();
    await expect.poll(status, POLL).toBe("live");
    api.me.status = 401;
    api.me.body = NEEDS_SIGN_IN;
    server.refuse();
    await expect.poll(() => access().status, POLL).toBe("signIn");
    expect(access()).toMatchObject({ password: true, reason: endedText("signed out") });
    expect(endedText("signed out")).toBe("You were signed out. Sign in to go on where you were.");
    expect(status()).toBe("stopped");

    flow.signedIn(ANA);
    await expect.poll(status, POLL).toBe("live");
    expect(access()).toEqual({ status: "granted", access: ANA });
    expect(server.connections()).toBe(2);
  });

  it("asks for a token, instead of looping, when /api/me lets in but the socket refuses", async () => {
    const { server, flow, access, api } = await setup({ status: 404 });
    flow.start();
    await expect.poll(() => server.connections(), POLL).toBe(1);
    server.refuse();
    await expect.poll(() => access().status, POLL).toBe("signIn");
    expect(access()).toMatchObject({ password: false, token: true });
    expect(api.calls).toEqual(["GET /api/me", "GET /api/me"]);
    expect(server.connections()).toBe(1);
  });

  it("an API call's 401 returns to sign-in only when /api/me confirms it", async () => {
    const { flow, access, status, api } = await setup({ status: 200, body: ANA });
    flow.start();
    await expect.poll(status, POLL).toBe("live");
    reportUnauthorized();
    await expect.poll(() => api.calls.length, POLL).toBe(2);
    expect(access()).toEqual({ status: "granted", access: ANA });
    expect(status()).toBe("live");

    api.me.status = 401;
    api.me.body = NEEDS_SIGN_IN;
    reportUnauthorized();
    await expect.poll(() => access().status, POLL).toBe("signIn");
    expect(access()).toMatchObject({ reason: "Your session has ended. Sign in to go on where you were." });
    expect(status()).toBe("stopped");
  });

  it("signs out: closes the socket, ends the session and shows the sign-in page", async () => {
    const { server, flow, access, status, api } = await setup({ status: 200, body: ANA });
    flow.start();
    await expect.poll(status, POLL).toBe("live");
    api.me.status = 401;
    api.me.body = NEEDS_SIGN_IN;
    await flow.signOut();
    expect(status()).toBe("stopped");
    expect(api.calls).toEqual(["GET /api/me", "POST /api/logout", "GET /api/me"]);
    expect(access()).toMatchObject({ status: "signIn", password: true });
    await expect.poll(() => server.connections(), POLL).toBe(1);
  });
});
