import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { createMockServer, type MockServer } from "../../mock-server/src/index";
import { encodeMessage } from "../protocol/encode";
import { POLL } from "../store/dashboardTestKit";
import type { ConnectionState, NetworkStatus } from "./connectionState";
import { FleetClient } from "./fleetClient";

const cleanup: (() => unknown)[] = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** A bare WebSocket server speaking just enough protocol to misbehave on purpose. */
async function rawServer(
  onConnection: (socket: WebSocket) => void,
): Promise<{ url: string; connections: () => number }> {
  const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
  let count = 0;
  wss.on("connection", (socket) => {
    count++;
    onConnection(socket);
  });
  cleanup.push(
    () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  );
  return { url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/ws`, connections: () => count };
}

function welcome(socket: WebSocket, protocol = 1): void {
  socket.send(encodeMessage({ type: "welcome", protocol, session: "s1", serverTime: Date.now(), fleet: [] }));
}

function client(url: string, options: Partial<ConstructorParameters<typeof FleetClient>[0]> = {}) {
  const fleetClient = new FleetClient({ url, WebSocket, backoff: { minMs: 20, maxMs: 50 }, ...options });
  const states: ConnectionState[] = [];
  fleetClient.on("state", (state) => states.push(state));
  cleanup.push(() => fleetClient.stop());
  fleetClient.start();
  return { fleetClient, states };
}

describe("FleetClient", () => {
  it("measures the round-trip time and clock offset from pongs", async () => {
    const server: MockServer = await createMockServer({ port: 0, host: "127.0.0.1", devices: 1 });
    cleanup.push(() => server.close());
    const { fleetClient } = client(`ws://127.0.0.1:${server.port}/ws`, { heartbeat: { intervalMs: 50 } });
    const rtts: number[] = [];
    const offsets: number[] = [];
    fleetClient.on("pong", (rtt, offset) => {
      rtts.push(rtt);
      offsets.push(offset);
    });
    await expect.poll(() => rtts.length >= 3, { ...POLL, message: "three pongs" }).toBe(true);
    expect(rtts.every((rtt) => rtt >= 0 && rtt < 1000)).toBe(true);
    // Same machine, same clock: the estimated offset is within the round trip.
    expect(offsets.every((offset) => Math.abs(offset) <= 1000)).toBe(true);
  });

  it("reconnects when no pong arrives within the timeout", async () => {
    const server = await rawServer((socket) => welcome(socket));
    const { fleetClient, states } = client(server.url, { heartbeat: { intervalMs: 50, timeoutMs: 200 } });
    await expect
      .poll(() => server.connections() >= 2, { ...POLL, message: "a second connection" })
      .toBe(true);
    expect(states.map((s) => s.status)).toContain("reconnecting");
    await expect.poll(() => fleetClient.live, { ...POLL, message: "live again" }).toBe(true);
  });

  it("reports reconnect attempts with the time of the next try, growing with backoff", async () => {
    const server = await rawServer((socket) => socket.terminate());
    const { states } = client(server.url, { backoff: { minMs: 30, maxMs: 120 } });
    await expect
      .poll(() => states.filter((s) => s.status === "reconnecting" && s.nextRetryAt).length >= 4, {
        ...POLL,
        message: "4 retries",
      })
      .toBe(true);
    const retries = states.filter(
      (s): s is Extract<ConnectionState, { status: "reconnecting" }> =>
        s.status === "reconnecting" && !!s.nextRetryAt,
    );
    expect(retries.map((s) => s.attempt).slice(0, 4)).toEqual([1, 2, 3, 4]);
    expect(states[0]).toEqual({ status: "connecting" });
  });

  it("stops when a live link is closed with 4401 (session ended) and resumes only on start()", async () => {
    let sockets = 0;
    const server = await rawServer((socket) => {
      welcome(socket);
      if (++sockets === 1) setTimeout(() => socket.close(4401, "session ended"), 50);
    });
    const { fleetClient, states } = client(server.url);
    let downs = 0;
    fleetClient.on("down", () => downs++);
    await expect
      .poll(() => states.at(-1)?.status, { ...POLL, message: "unauthorized after live" })
      .toBe("unauthorized");
    expect(states.at(-1)).toEqual({ status: "unauthorized", reason: "session ended" });
    expect(states.map((s) => s.status)).toContain("live");
    expect(downs).toBe(1);
    // Absence of retries can only be shown over time: many backoff periods (20-50 ms) pass here.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(server.connections()).toBe(1);
    expect(fleetClient.send({ type: "ping", id: "p", t: 1 })).toBe(false);
    fleetClient.start();
    await expect.poll(() => fleetClient.live, { ...POLL, message: "live after start()" }).toBe(true);
    expect(server.connections()).toBe(2);
  });

  it("stops on a server speaking another protocol version", async () => {
    const server = await rawServer((socket) => welcome(socket, 2));
    const { states } = client(server.url);
    await expect
      .poll(() => states.at(-1)?.status === "incompatible", { ...POLL, message: "incompatible" })
      .toBe(true);
    expect(states.at(-1)).toEqual({ status: "incompatible", serverProtocol: 2 });
    expect(server.connections()).toBe(1);
  });

  it("waits while the browser is offline and connects when the network returns", async () => {
    const server = await rawServer((socket) => welcome(socket));
    let online = true;
    let notify: (online: boolean) => void = () => {};
    const network: NetworkStatus = {
      isOnline: () => online,
      onChange: (listener) => {
        notify = listener;
        return () => {};
      },
    };
    const { fleetClient, states } = client(server.url, { network });
    await expect.poll(() => fleetClient.live, { ...POLL, message: "live" }).toBe(true);
    online = false;
    notify(false);
    await expect.poll(() => states.at(-1)?.status === "offline", { ...POLL, message: "offline" }).toBe(true);
    expect(fleetClient.send({ type: "ping", id: "p", t: 1 })).toBe(false);
    online = true;
    notify(true);
    await expect
      .poll(() => fleetClient.live, { ...POLL, message: "live after the network returned" })
      .toBe(true);
    expect(server.connections()).toBe(2);
  });
});
