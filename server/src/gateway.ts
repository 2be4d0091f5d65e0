/**
 * The gateway: one HTTP(S) port serving the SPA, `/healthz`, `/metrics`, the `/api/` routes and
 * the WebSocket endpoint `/ws`. `createGateway` takes its devices from a fleet source (the MQTT
 * broker, or the simulator), ticks them on the fleet clock, and wires the store, the alerts, the
 * logbook, access (users, sign-in sessions, roles, the audit log), the command desk and the
 * sessions together. About 500 lines, over our ~300: each part it wires lives in its own module
 * (fleet, recorder, alerts, logbook, access/startAccess, apiRoutes, statusFeed, serverStats,
 * session) and what stays is the order they start and stop in; the alert fan-out to
 * slow clients and the stats/logbook wiring are the next pieces to move out.
 */
import { randomUUID } from "node:crypto";
import { createServer as createHttpServer } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import type { Duplex } from "node:stream";
import { type WebSocket, WebSocketServer } from "ws";
import type { CommandMessage, DeviceInfo } from "../../src/protocol/messages";
import {
  CLOSE_CODES,
  encodeFleet,
  encodeMessage,
  MAX_PAYLOAD_BYTES,
  WS_PATH,
} from "../../src/protocol/server";
import type { Admission } from "./access/accessControl";
import { type RunningAccess, startAccess } from "./access/startAccess";
import { type Alerting, startAlerting } from "./alerts/alerting";
import { apiRoutes } from "./apiRoutes";
import { CommandDesk } from "./commands";
import { SharedFrame } from "./fanout";
import { Fleet, type FleetDevice, type FleetEvent } from "./fleet";
import { startFleetClock } from "./fleetClock";
import type { FleetSink, FleetSource, ResultListener } from "./fleetSource";
import { createRequestHandler, refuseUpgrade } from "./httpRoutes";
import { LatestFeed } from "./latestFeed";
import { type RunningLogbook, startLogbook } from "./logbook/startLogbook";
import { addStoreMetrics, createMetrics, type ServerMetrics } from "./metrics";
import type { ResolvedOptions } from "./options";
import { openHistoryStore, Recorder } from "./recorder";
import { ServerStatsMeter } from "./serverStats";
import { Session } from "./session";
import { startStatusFeed } from "./statusFeed";
import type { HistoryStore } from "./store/historyStore";
import { openViews } from "./views/startViews";

/** A running gateway. */
export interface Gateway {
  /** `http://localhost:<port>` (https with TLS). */
  url: string;
  /** `ws://localhost:<port>/ws` (wss with TLS). */
  wsUrl: string;
  port: number;
  /** Id of this server run, as sent in `welcome.session`. */
  session: string;
  /** Epoch ms the gateway started. */
  startedAt: number;
  /** Closes every client with 1001, stops the source and the server. */
  close(): Promise<void>;
  /** Runs a command as if a connected client had sent it; `reply` gets exactly one result. */
  submit(command: CommandMessage, reply: ResultListener): void;
  /** Every device as `welcome` would describe it now. */
  devices(): DeviceInfo[];
  /** A device the gateway serves, read-only, or undefined for an unknown id. */
  device(id: string): Readonly<FleetDevice> | undefined;
  /** Open WebSocket connections: bytes buffered for each, devices subscribed, and whether closing. */
  clients(): { buffered: number; subscriptions: number; closing: boolean }[];
  metrics: ServerMetrics;
  /** The durable history store, when the options name one. */
  store: HistoryStore | undefined;
}

/**
 * Network faults to simulate (the simulator's fault injection); production passes none.
 * `sendDelay` delays every outgoing frame; `attach` receives a function that cuts every
 * connection abruptly, as a network failure would.
 */
export interface NetworkFaults {
  sendDelay: number;
  attach(controls: { dropAll(): void }): void;
}

/**
 * Starts a gateway serving `source`'s fleet. Resolves once it listens, the store is open and the
 * source is ready; rejects with a `HistoryStoreError` when the store cannot be opened (another
 * server holds the data dir, it is not ours, PostgreSQL is unreachable).
 */
export async function createGateway(
  options: ResolvedOptions,
  source: FleetSource,
  faults?: NetworkFaults,
): Promise<Gateway> {
  const session = randomUUID();
  const now = (): number => Date.now();
  const startedAt = now();
  const store = await openHistoryStore(options);
  const recorder = new Recorder(store, options);
  const meter = new ServerStatsMeter(startedAt);
  let logging: RunningLogbook | undefined;
  // Devices the source announces while the server starts are its fleet, not news.
  let serving = false;
  // Every appended sample goes to the store and through the alert rules (samples are appended
  // only in ticks, which start after `alerting` is set below).
  const fleet = new Fleet(options.history, (device, time, values) => {
    recorder.ingest(device, time, values);
    meter.ingested(values.length);
    logging?.fleetLog.sample(device, time);
    alerts.engine.onSample(device, time, values);
  });
  const metrics = createMetrics(() => fleet.devices.filter((device) => device.online).length);
  if (store) addStoreMetrics(metrics.registry, () => store.stats());
  const sessions = new Set<Session>();
  let lastStats: string | undefined;
  const serverStats = () => {
    const stats = meter.snapshot({
      at: now(),
      dashboards: sessions.size,
      store: store?.stats(),
      source: source.status(),
      webhooks: alerting.webhooks(),
    });
    lastStats = encodeMessage({ type: "serverStats", ...stats });
    return stats;
  };
  // Alerts are state, not a stream: a client over its buffer cap skips them and gets a fresh
  // snapshot (which replaces what it holds) once it has drained, so a storm cannot grow its queue.
  const missedAlerts = new Set<Session>();
  const toReady = (json: string): void => {
    const frame = new SharedFrame(json);
    for (const client of sessions) {
      if (!client.ready || missedAlerts.has(client)) continue;
      if (client.outbox.exceeds(options.maxBuffered)) missedAlerts.add(client);
      else client.outbox.send(frame);
    }
  };
  // A frame every ready client gets, encoded and framed once for all of them.
  const toEveryone = (json: string): void => {
    const frame = new SharedFrame(json);
    for (const client of sessions) if (client.ready) client.outbox.send(frame);
  };
  const resyncAlerts = (): void => {
    for (const client of missedAlerts)
      if (!client.outbox.exceeds(options.maxBuffered)) {
        missedAlerts.delete(client);
        client.outbox.send(alerts.snapshot());
      }
  };
  let alerting: Alerting;
  try {
    alerting = await startAlerting({
      options,
      store,
      devices: () => fleet.devices,
      broadcast: (json, changed) => {
        toReady(json);
        logging?.fleetLog.alerts(changed, (id) => fleet.byId.get(id));
      },
      registry: metrics.registry,
      owner: session,
      now,
    });
  } catch (error) {
    await store?.close();
    throw error;
  }
  let running: RunningLogbook;
  try {
    running = await startLogbook({
      store,
      retention: options.retentionEvents,
      toEveryone,
      log: options.log,
      now,
    });
  } catch (error) {
    await alerting.close();
    await store?.close();
    throw error;
  }
  logging = running;
  let access: RunningAccess;
  try {
    access = await startAccess(options, store, () => sessions);
  } catch (error) {
    await running.close();
    await alerting.close();
    await store?.close();
    throw error;
  }
  const views = await openViews(store, options.log);
  const alerts = alerting.service;
  const audit = access.audit;
  const fleetLog = running.fleetLog;

  // The fleet as `welcome` announces it, encoded once and shared by every connection until a
  // device changes (a 1,000-device fleet is ~700 KB of JSON; encoding it per connection cost
  // the CPU and garbage of a connection storm).
  let fleetJson: string | undefined;
  const describeFleet = (): string => {
    fleetJson ??= encodeFleet(fleet.devices.map((device) => device.describe()));
    return fleetJson;
  };

  const broadcast = (event: FleetEvent): void => {
    fleetJson = undefined;
    const message = new SharedFrame(encodeFleetEvent(event));
    // Every client, subscribed or not: these are rare, and a dashboard's fleet overview must stay
    // true for devices it draws no chart of (a device that joined offline and came online before
    // anyone subscribed would otherwise look offline for good).
    for (const client of sessions) if (client.ready) client.outbox.send(message);
  };
  // News raised during a tick goes out after the tick's data, so a client never hears "offline"
  // before the last samples the device sent.
  let tickEvents: FleetEvent[] | undefined;
  const emit = (event: FleetEvent | undefined): void => {
    if (!event) return;
    if (tickEvents) tickEvents.push(event);
    else broadcast(event);
  };
  const sink: FleetSink = {
    add: (spec) => {
      const device = fleet.add(spec);
      alerts.deviceAdded(device);
      fleetLog.deviceAdded(device, now(), !serving);
      emit({ type: "added", device });
      return device;
    },
    record: (device, time, values) => fleet.record(device, time, values),
    retired: (device, at) => fleetLog.deviceRetired(device, at),
    recordPast: (device, time, values) => recorder.ingest(device, time, device.history.round(values)),
    flushPast: async () => store?.flush(),
    pastComplete: async (time) => store?.pastComplete(time),
    setOnline: (device, online, at) => {
      const event = fleet.setOnline(device, online, at);
      if (event && !online) alerts.setOffline(device, at);
      if (event) fleetLog.setOnline(device, online, at);
      emit(event);
    },
    stateChanged: (device) => {
      fleetLog.stateChanged(device);
      emit({ type: "state", device });
    },
    sourceChanged: (status) => {
      if (status.kind === "mqtt") fleetLog.broker(status.connected, status.since);
      emit({ type: "source", source: status });
    },
    now,
    registry: metrics.registry,
    session,
  };
  const desk = new CommandDesk({
    find: (id) => fleet.byId.get(id),
    execute: (device, command, done) => source.execute(device, command, done),
    now,
    onResult: (result) => metrics.commands.inc({ result: result.ok ? "ok" : result.error.code }),
    onSettled: (command, result) => {
      const error = result.ok ? undefined : result.error.code;
      // Commands without a sender came through the broker from another gateway, which audits them.
      fleetLog.command(fleet.byId.get(command.device), command.name, command.by ?? "mqtt", result.ok, error);
      if (command.by === undefined) return;
      const { name, args, sentAt, answeredAt } = command;
      const detail = { command: name, args, ok: result.ok, ...(error ? { error } : {}), sentAt, answeredAt };
      audit.append({ at: answeredAt, user: command.by, action: "command", device: command.device, detail });
    },
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_PAYLOAD_BYTES,
    // Without context takeover a shared frame is compressed once for every client (fanout.ts).
    perMessageDeflate: options.perMessageDeflate && { serverNoContextTakeover: true },
  });
  const latest = new LatestFeed(fleet);
  const sendDelay = faults?.sendDelay ?? 0;
  const context = {
    session,
    fleet,
    desk,
    metrics,
    options,
    now,
    describeFleet,
    source: () => source.status(),
    history: recorder.capability(),
    latest,
    sendDelay,
    access: access.control,
    audit: access.audit,
    afterWelcome: () => {
      const status = alerting.webhooks();
      const webhooks = status ? encodeMessage({ type: "webhookStatus", ...status }) : undefined;
      const frames = webhooks ? [alerts.snapshot(), webhooks] : [alerts.snapshot()];
      return lastStats ? [...frames, lastStats] : frames;
    },
  };
  wss.on("connection", (ws: WebSocket, admission: Admission | undefined, socket: Duplex) => {
    const client = new Session(ws, context, admission, socket);
    sessions.add(client);
    metrics.connections.inc();
    metrics.connectionsTotal.inc();
    ws.on("error", () => ws.terminate());
    ws.on("close", () => {
      sessions.delete(client);
      missedAlerts.delete(client);
      metrics.connections.dec();
      client.dispose();
    });
  });

  const handleRequest = createRequestHandler({
    metrics,
    staticRoot: options.static ? resolve(options.static) : undefined,
    health: () => {
      const extra = source.health?.();
      return {
        ok: extra?.ok ?? true,
        session,
        devices: fleet.devices.length,
        clients: sessions.size,
        uptime: (now() - startedAt) / 1000,
        ...(extra ? { source: extra.source } : {}),
        ...(store ? { store: recorder.health() } : {}),
      };
    },
    api: apiRoutes({
      fleet,
      recorder,
      alerts,
      metrics,
      now,
      logbook: running.logbook,
      audit,
      auditLog: access.log,
      views,
      access: {
        access: access.control,
        tls: options.tls !== undefined,
        trustProxy: options.trustProxy,
        allowOrigin: options.allowOrigin,
        maxMs: options.sessionMax,
        endSession: access.endSession,
      },
    }),
  });
  const http = options.tls ? createHttpsServer(options.tls, handleRequest) : createHttpServer(handleRequest);
  http.on("upgrade", (req, socket, head) => {
    socket.on("error", () => socket.destroy());
    const limits = { ...options, clients: wss.clients.size, metrics };
    if (refuseUpgrade(req, socket, limits) !== undefined) return;
    // A session cookie (or bearer header) admits at once; otherwise the first message must be `auth`.
    const admitted = access.control.fromRequest(req).catch(() => undefined);
    void admitted.then((admission) =>
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, admission, socket)),
    );
  });
  try {
    await source.start(sink);
    await recorder.warmUp(fleet.devices, now());
    await new Promise<void>((done, fail) => {
      http.once("error", fail);
      http.listen(options.port, options.host, () => {
        http.off("error", fail);
        done();
      });
    });
  } catch (error) {
    desk.close();
    await source.close();
    await access.close();
    await running.close();
    await alerting.close();
    await store?.close();
    throw error;
  }

  serving = true;
  fleetLog.serverStarted(startedAt, { session, devices: fleet.devices.length, source: source.status().kind });
  // Timers start only once listening, so a failed start leaves nothing running.
  const clock = startFleetClock({
    tick: options.tick,
    startedAt,
    now,
    onTick: (at, lagMs) => {
      metrics.tickLag.observe(lagMs / 1000);
      meter.tick(lagMs);
      const before = fleet.totalSamples();
      const events: FleetEvent[] = [];
      tickEvents = events;
      alerts.engine.clock = at;
      try {
        fleet.beginTick();
        source.tick?.(at);
      } finally {
        fleet.endTick();
        tickEvents = undefined;
      }
      metrics.samples.inc(fleet.totalSamples() - before);
      for (const client of sessions) client.onTick(at);
      // Built only while someone watches: 2,000 devices' entries are not free.
      let watched = false;
      for (const client of sessions) watched ||= client.watchesLatest;
      const latestFrame = watched ? latest.due(at) : undefined;
      if (latestFrame) {
        const frame = new SharedFrame(latestFrame);
        for (const client of sessions) client.onLatest(frame);
      }
      for (const event of events) broadcast(event);
      alerts.endTick();
      if (missedAlerts.size > 0) resyncAlerts();
    },
  });
  const heartbeatTimer = setInterval(() => {
    for (const client of sessions) client.heartbeat();
  }, options.heartbeat);
  const stopStatusFeed = startStatusFeed({
    recorder,
    webhooks: () => alerting.webhooks(),
    toEveryone,
    onHistory: (capability) => {
      context.history = capability;
    },
    serverStats,
    now,
  });
  const dropAll = (): void => {
    for (const ws of wss.clients) ws.terminate();
  };
  faults?.attach({ dropAll });

  const port = (http.address() as AddressInfo).port;
  const scheme = options.tls ? "https" : "http";
  return {
    url: `${scheme}://localhost:${port}`,
    wsUrl: `${scheme === "https" ? "wss" : "ws"}://localhost:${port}${WS_PATH}`,
    port,
    session,
    startedAt,
    metrics,
    store,
    submit: (command, reply) => desk.submit(command, reply),
    devices: () => fleet.devices.map((device) => device.describe()),
    device: (id) => fleet.byId.get(id),
    clients: () =>
      [...sessions].map((client) => ({
        buffered: client.outbox.buffered,
        subscriptions: client.subscriptions.size,
        closing: !client.outbox.open,
      })),
    close: async () => {
      clock.stop();
      clearInterval(heartbeatTimer);
      stopStatusFeed();
      desk.close();
      await source.close();
      // Samples that arrived since the last tick (an MQTT source acknowledged them to the broker)
      // still go to the store before it closes.
      fleet.beginTick();
      fleet.endTick();
      for (const ws of wss.clients) ws.close(CLOSE_CODES.goingAway, "server shutting down");
      await waitUntil(() => wss.clients.size === 0, 1000);
      dropAll();
      wss.close();
      await new Promise<void>((done) => {
        http.close(() => done());
        http.closeAllConnections();
      });
      await access.close();
      await running.close();
      await alerting.close();
      await store?.close();
    },
  };
}

function encodeFleetEvent(event: FleetEvent): string {
  switch (event.type) {
    case "status":
      return encodeMessage({ type: "status", device: event.device.id, online: event.online, at: event.at });
    case "state":
      return encodeMessage({ type: "state", device: event.device.id, state: { ...event.device.state } });
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
