/**
 * The mock fleet server: one HTTP(S) port serving the SPA, `/healthz`, `/metrics` and the
 * WebSocket endpoint `/ws`. `createMockServer` wires the fleet clock, the command desk and the
 * sessions together and returns a handle with test hooks.
 */
import { randomUUID } from "node:crypto";
import { createServer as createHttpServer } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { WebSocketServer } from "ws";
import { CLOSE_CODES, encodeMessage, MAX_PAYLOAD_BYTES, WS_PATH } from "../../src/protocol";
import type { DeviceInfo, DeviceState, SourceStatus } from "../../src/protocol/messages";
import { CommandDesk } from "./commands";
import { Fleet, type FleetEvent } from "./fleet";
import { startFleetClock } from "./fleetClock";
import { createRequestHandler, refuseUpgrade } from "./httpRoutes";
import { LatestFeed } from "./latestFeed";
import { createMetrics } from "./metrics";
import { startMqtt } from "./mqtt/wiring";
import { type MockServerOptions, resolveOptions } from "./options";
import { createRng } from "./rng";
import { buildRoster } from "./roster";
import { Session } from "./session";

/** A running mock server. */
export interface MockServer {
  /** `http://localhost:<port>` (https with TLS). */
  url: string;
  /** `ws://localhost:<port>/ws` (wss with TLS). */
  wsUrl: string;
  port: number;
  /** Id of this server run, as sent in `welcome.session`. */
  session: string;
  /** Closes every client with 1001 and stops the server. */
  close(): Promise<void>;
  /** Every device as `welcome` would describe it now. */
  devices(): DeviceInfo[];
  /** The server's current state of a device, or undefined for an unknown id. */
  deviceState(id: string): DeviceState | undefined;
  /** Forces a device offline (until set online again) or back online; every client gets `status`. */
  setOnline(id: string, online: boolean): void;
  /** Samples a device has produced this run (its latest seq). */
  samplesProduced(id: string): number;
  /** Terminates every WebSocket connection abruptly, as a network failure would. */
  dropAll(): void;
  /** Open WebSocket connections: bytes buffered for each, devices subscribed, and whether closing. */
  clients(): { buffered: number; subscriptions: number; closing: boolean }[];
}

/** Starts a mock fleet server. Resolves once it listens; throws `OptionError` on bad options. */
export async function createMockServer(input: MockServerOptions = {}): Promise<MockServer> {
  const options = resolveOptions(input);
  const session = randomUUID();
  const now = (): number => Date.now();
  const roster = buildRoster({
    seed: options.seed,
    rate: options.rate,
    devices: options.devices,
    spec: options.fleet,
  });
  // The simulator runs unless the fleet comes from a broker and nothing is published to one.
  const simFleet = options.source && !options.publish ? undefined : new Fleet(roster, options, now());
  const fleet = options.source ? new Fleet([], options, now()) : (simFleet as Fleet);
  const metrics = createMetrics(() => fleet.devices.filter((device) => device.online).length);
  const sessions = new Set<Session>();

  // The fleet as `welcome` announces it, encoded once and shared by every connection until a
  // device changes (a 1,000-device fleet is ~700 KB of JSON; encoding it per connection cost
  // the CPU and garbage of a connection storm).
  let fleetJson: string | undefined;
  let fleetJsonDevices = -1;
  const describeFleet = (): string => {
    if (fleetJson === undefined || fleetJsonDevices !== fleet.devices.length) {
      fleetJson = JSON.stringify(fleet.devices.map((device) => device.describe()));
      fleetJsonDevices = fleet.devices.length;
    }
    return fleetJson;
  };

  const broadcast = (event: FleetEvent): void => {
    fleetJson = undefined;
    const message = encodeFleetEvent(event);
    // Every client, subscribed or not: these are rare, and a dashboard's fleet overview must stay
    // true for devices it draws no chart of (a device that joined offline and came online before
    // anyone subscribed would otherwise look offline for good).
    for (const client of sessions) if (client.ready) client.outbox.send(message);
  };
  const mqtt = startMqtt({ options, session, fleet, simFleet, registry: metrics.registry, now, broadcast });
  const desk = new CommandDesk({
    fleet,
    now,
    rng: createRng(options.seed, "commands"),
    failureRate: options.commandFailureRate,
    latency: options.commandLatency,
    onStateChange: (device) => {
      broadcast({ type: "state", device });
      if (fleet === simFleet) mqtt.publisher?.stateChanged(device);
    },
    onResult: (result) => metrics.commands.inc({ result: result.ok ? "ok" : result.error.code }),
    ...(mqtt.source ? { remote: mqtt.source.execute } : {}),
  });
  mqtt.attachDesk(desk);

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_PAYLOAD_BYTES,
    perMessageDeflate: options.perMessageDeflate,
  });
  const source = (): SourceStatus =>
    mqtt.source?.health() ?? { kind: "simulator", connected: true, since: fleet.startedAt };
  const latest = new LatestFeed(fleet);
  const context = { session, fleet, desk, metrics, options, now, describeFleet, source, latest };
  wss.on("connection", (ws) => {
    const client = new Session(ws, context);
    sessions.add(client);
    metrics.connections.inc();
    metrics.connectionsTotal.inc();
    ws.on("error", () => ws.terminate());
    ws.on("close", () => {
      sessions.delete(client);
      metrics.connections.dec();
      client.dispose();
    });
  });

  const handleRequest = createRequestHandler({
    metrics,
    staticRoot: options.static ? resolve(options.static) : undefined,
    health: () => ({
      ok: true,
      session,
      devices: fleet.devices.length,
      clients: sessions.size,
      uptime: (now() - fleet.startedAt) / 1000,
      ...mqtt.health(),
    }),
  });
  const http = options.tls ? createHttpsServer(options.tls, handleRequest) : createHttpServer(handleRequest);
  http.on("upgrade", (req, socket, head) => {
    socket.on("error", () => socket.destroy());
    const limits = { ...options, clients: wss.clients.size, metrics };
    if (refuseUpgrade(req, socket, limits) === undefined) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
    }
  });
  try {
    await mqtt.ready;
    await new Promise<void>((done, fail) => {
      http.once("error", fail);
      http.listen(options.port, options.host, () => {
        http.off("error", fail);
        done();
      });
    });
  } catch (error) {
    desk.close();
    await mqtt.close();
    throw error;
  }

  // Timers start only once listening, so a failed start leaves nothing running.
  const clock = startFleetClock({
    fleet,
    tick: options.tick,
    metrics,
    now,
    onTick: (at, events) => {
      for (const client of sessions) client.onTick(at);
      // Built only while someone watches: 2,000 devices' entries are not free.
      let watched = false;
      for (const client of sessions) watched ||= client.watchesLatest;
      const latestFrame = watched ? latest.due(at) : undefined;
      if (latestFrame) for (const client of sessions) client.onLatest(latestFrame);
      for (const event of events) broadcast(event);
      if (fleet === simFleet) mqtt.publisher?.onTick(events);
    },
  });
  mqtt.startClock(options.tick);
  const heartbeatTimer = setInterval(() => {
    for (const client of sessions) client.heartbeat();
  }, options.heartbeat);
  const dropAll = (): void => {
    for (const ws of wss.clients) ws.terminate();
  };
  const dropTimer = options.dropEvery > 0 ? setInterval(dropAll, options.dropEvery * 1000) : undefined;

  const port = (http.address() as AddressInfo).port;
  const scheme = options.tls ? "https" : "http";
  const find = (id: string) => fleet.byId.get(id);
  return {
    url: `${scheme}://localhost:${port}`,
    wsUrl: `${scheme === "https" ? "wss" : "ws"}://localhost:${port}${WS_PATH}`,
    port,
    session,
    devices: () => fleet.devices.map((device) => device.describe()),
    deviceState: (id) => {
      const device = find(id);
      return device ? { ...device.model.state } : undefined;
    },
    setOnline: (id, online) => {
      const device = find(id);
      if (!device) throw new Error(`setOnline: unknown device "${id}"`);
      const event = fleet.setOnline(device, online, now());
      if (event) broadcast(event);
    },
    samplesProduced: (id) => find(id)?.history.lastSeq ?? 0,
    dropAll,
    clients: () =>
      [...sessions].map((client) => ({
        buffered: client.outbox.buffered,
        subscriptions: client.subscriptions.size,
        closing: !client.outbox.open,
      })),
    close: async () => {
      clock.stop();
      clearInterval(heartbeatTimer);
      clearInterval(dropTimer);
      desk.close();
      await mqtt.close();
      for (const ws of wss.clients) ws.close(CLOSE_CODES.goingAway, "server shutting down");
      await waitUntil(() => wss.clients.size === 0, 1000);
      dropAll();
      wss.close();
      await new Promise<void>((done) => {
        http.close(() => done());
        http.closeAllConnections();
      });
    },
  };
}

function encodeFleetEvent(event: FleetEvent): string {
  switch (event.type) {
    case "status":
      return encodeMessage({ type: "status", device: event.device.id, online: event.online, at: event.at });
    case "state":
      return encodeMessage({
        type: "state",
        device: event.device.id,
        state: { ...event.device.model.state },
      });
    case "added":
      return encodeMessage({ type: "deviceAdded", device: event.device.describe() });
    case "source":
      return encodeMessage({ type: "source", ...event.source });
  }
}

/** Resolves when `condition` holds or after `timeoutMs`, whichever is first. */
function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((done) => {
    const check = (): void => {
      if (condition() || Date.now() >= deadline) done();
      else setTimeout(check, 10);
    };
    check();
  });
}
