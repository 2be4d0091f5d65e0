/**
 * The dashboard's live-data core, composed: one socket client, the ring-buffered series, the
 * frame scheduler and the zustand store. This is the single entry the UI uses.
 * About 370 lines, kept whole: it is the composition root, wiring the parts (each in its own
 * module: SeriesRegistry, SessionTimeline, SubscriptionSync, CommandTracker, LatestValues,
 * eventMessages) to the socket's events; splitting the message switch would scatter the one place
 * that shows the flow.
 *
 * ## Usage (views)
 * ```ts
 * import { getDashboard } from "../store/dashboardInstance";
 * import { useDashboard } from "../store/useDashboard";
 *
 * const dashboard = getDashboard();              // module singleton, started on first use
 * // Declare which devices a view needs; the transport subscribes to the union of all owners.
 * useEffect(() => dashboard.watch("overview", visibleIds), [visibleIds.join()]);
 * // Atomic selectors: re-render only for what is shown.
 * const status = useDashboard((s) => s.connection.status);
 * const online = useDashboard((s) => s.devices[id]?.online);
 * const version = useDashboard((s) => s.seriesVersion[id] ?? 0); // bumps at most once per frame
 * // Read the samples in a chart (no allocation per sample):
 * const buffer = dashboard.series.get(id);        // SeriesBuffer | undefined
 * const to = dashboard.serverNow(); const from = to - 5 * 60_000;
 * const out = createDownsampleOutput(widthPx);    // reuse across frames (../telemetry/downsample)
 * const n = downsampleMinMax(buffer, "temperature", from, to, widthPx, out); // out.t/out.v [0, n); NaN v = break
 * // Commands:
 * const result = dashboard.sendCommand(id, "setTarget", { target: 22 });
 * if (!result.ok) showFieldErrors(result.errors);  // { target: "must be at most 30" }
 * // ...then follow useDashboard((s) => s.commands[result.id]?.status)
 * ```
 *
 * ## Store (see DashboardState in ./dashboardTypes)
 * `deviceIds`, `devices[id]` ({ info, online, state, lastSeen, stale }), `session`, `connection`
 * (connecting | live | reconnecting{attempt,nextRetryAt} | offline | unauthorized | incompatible |
 * stopped), `stats` (rtt, messages/s, values/s, bytes/s, reconnects, mean time to connect,
 * liveSince, replayed samples, gaps, recovered on last reconnect), `clockOffsetMs`,
 * `seriesVersion[id]`, `commands[id]` + `commandOrder`, `events` (bounded log), `alerts` (the
 * server's alerts not resolved, by id and by device; undefined while the server has sent none).
 * Action on the store: `store.getState().logEvent({ kind: "alert", level: "warning", message })`.
 *
 * ## Lifecycle
 * `start()` opens the socket (idempotent), `stop()` closes it and clears every timer.
 * `setToken(token)` stores the token (used as `auth` on every connect) and reconnects; it is the
 * way out of `unauthorized`. `start()` again leaves `incompatible`.
 */
import type { DataMessage, DeviceInfo, DeviceState, ServerMessage } from "../protocol/messages";
import { createFrameScheduler } from "../telemetry/frameScheduler";
import { LatestValues } from "../telemetry/latestValues";
import type { SeriesBuffer } from "../telemetry/ringBuffer";
import { SeriesRegistry } from "../telemetry/seriesRegistry";
import { FleetClient } from "../transport/fleetClient";
import { type ResolvedServerUrl, resolveBrowserServerUrl } from "../transport/resolveServerUrl";
import { SubscriptionSync } from "../transport/subscriptionSync";
import { readAccessInfo } from "./accessInfo";
import { alertEvent } from "./alertEvents";
import { validateCommandArgs } from "./commandArgs";
import { CommandTracker } from "./commandTracker";
import { ConnectionStatsCollector } from "./connectionStats";
import { createDashboardStore } from "./createDashboardStore";
import type { Dashboard, DashboardOptions, DataStoredListener } from "./dashboardApi";
import {
  commandEvent,
  deviceAddedEvent,
  deviceStatusEvent,
  gapEvent,
  historyStatusEvent,
  logConnectionChange,
  sourceEvent,
  webhookEvent,
} from "./eventMessages";
import { SessionTimeline } from "./sessionTimeline";
import { StalenessTracker } from "./staleness";

export type {
  Dashboard,
  DashboardOptions,
  DataStoredListener,
  FieldErrors,
  SendCommandResult,
  SeriesReader,
} from "./dashboardApi";

/** Ids of `latest` requests start with this. */
const LATEST_ID_PREFIX = "latest-";

/** Values carried by a data entry (samples x metrics present). */
function countValues(values: Readonly<Record<string, readonly number[]>>): number {
  let total = 0;
  for (const key in values) total += values[key]?.length ?? 0;
  return total;
}

/** Builds the live-data core; call `start()` to connect. */
export function createDashboard(options: DashboardOptions = {}): Dashboard {
  const windowSeconds = options.windowSeconds ?? 900;
  const store = options.store ?? createDashboardStore();
  const series = new SeriesRegistry(windowSeconds);
  const stats = new ConnectionStatsCollector();
  const staleness = new StalenessTracker();
  const fleet = new Map<string, DeviceInfo>();
  const latest = new LatestValues();
  let latestRequests = 0;
  const server: ResolvedServerUrl =
    options.url === undefined ? resolveBrowserServerUrl() : { url: options.url, source: "option" };
  const client = new FleetClient({
    url: server.url,
    ...(options.token === undefined ? {} : { token: options.token }),
    ...(options.WebSocket === undefined ? {} : { WebSocket: options.WebSocket }),
    ...(options.heartbeat ? { heartbeat: options.heartbeat } : {}),
    ...(options.backoff ? { backoff: options.backoff } : {}),
    ...(options.network ? { network: options.network } : {}),
  });
  const seriesDirty = new Set<string>();
  const pendingStates = new Map<string, DeviceState>();
  const markSeries = (id: string): void => {
    seriesDirty.add(id);
    scheduler.markDirty(id);
  };
  const scheduler = createFrameScheduler({
    ...(options.raf ? { raf: options.raf } : {}),
    ...(options.cancelRaf ? { cancelRaf: options.cancelRaf } : {}),
    ...(options.frameBudgetMs === undefined ? {} : { budgetMs: options.frameBudgetMs }),
    // Keys are device ids with new samples (or a gap) and/or a `state` to apply: one store
    // update per frame for both (a `state` message each copied the 2,000-device record).
    flush: (ids) => {
      const changed = ids.filter((id) => seriesDirty.delete(id));
      const states = new Map<string, DeviceState>();
      for (const id of ids) {
        const state = pendingStates.get(id);
        if (state === undefined) continue;
        states.set(id, state);
        pendingStates.delete(id);
      }
      store.getState().bumpSeries(changed, (id) => series.get(id)?.lastTime, states);
    },
  });
  const timeline = new SessionTimeline(series, (id) => fleet.get(id)?.rate);
  const subscriptions = new SubscriptionSync(client, {
    historySeconds: windowSeconds,
    isKnown: (id) => fleet.has(id),
    // A device whose buffer was freed while unwatched asks for its whole window again: a resume
    // cursor would replay only what it missed, into an empty buffer.
    resumeCursors: (ids) => timeline.resumeCursors(ids.filter((id) => series.get(id) !== undefined)),
    afterCursors: (ids) => timeline.afterCursors(ids),
  });
  const deviceName = (id: string) => fleet.get(id)?.name ?? id;
  const commands = new CommandTracker({
    store,
    transport: client,
    timeoutMs: options.commandTimeoutMs ?? 10_000,
    onSettled: (entry) => {
      const event = commandEvent(entry, deviceName(entry.device));
      if (event) store.getState().logEvent(event);
    },
  });
  const timers: ReturnType<typeof setInterval>[] = [];
  const dataStoredListeners = new Set<DataStoredListener>();
  // New-sample counts of the message being stored, filled only while someone listens.
  const addedCounts: number[] = [];
  if (server.rejected)
    store.getState().logEvent({ kind: "connection", level: "warning", message: server.rejected });

  const notifyDataStored = (message: DataMessage): void => {
    for (const listener of dataStoredListeners) listener(message, addedCounts);
  };
  const logRestart = (options?: { live?: boolean; force?: boolean }): void => {
    const event = timeline.takeRestartEvent(Date.now(), options);
    if (event) store.getState().logEvent(event);
  };

  const onMessage = (message: ServerMessage): void => {
    switch (message.type) {
      case "data": {
        const at = Date.now();
        const observed = dataStoredListeners.size > 0;
        if (observed) addedCounts.length = 0;
        for (const entry of message.batch) {
          const added = timeline.ingest(entry, message.replay === true);
          const samples = entry.t?.length ?? 0;
          stats.samples(
            message.replay ? added : samples,
            countValues(entry.values ?? {}),
            message.replay === true,
          );
          if (observed) addedCounts.push(added);
          staleness.noteArrival(entry.device, at);
          if (added > 0) markSeries(entry.device);
        }
        if (observed) notifyDataStored(message);
        // Live data follows the replay: the restart can be told with what was replayed.
        if (!message.replay) logRestart({ live: true });
        return;
      }
      case "gap":
        timeline.addGap(message.device, message.fromSeq, message.toSeq);
        stats.gap();
        store
          .getState()
          .logEvent(
            gapEvent(
              message.device,
              deviceName(message.device),
              message.fromSeq,
              message.toSeq,
              fleet.get(message.device)?.rate,
            ),
          );
        markSeries(message.device);
        return;
      case "status": {
        const entry = store.getState().devices[message.device];
        if (message.online) staleness.noteArrival(message.device, Date.now());
        store.getState().setDeviceStatus(message.device, message.online);
        if (entry && entry.online !== message.online) {
          store
            .getState()
            .logEvent(deviceStatusEvent(message.device, deviceName(message.device), message.online));
        }
        return;
      }
      case "state":
        pendingStates.set(message.device, { ...pendingStates.get(message.device), ...message.state });
        scheduler.markDirty(message.device);
        return;
      case "latest":
        latest.apply(message.batch);
        return;
      case "deviceAdded": {
        const known = fleet.has(message.device.id);
        fleet.set(message.device.id, message.device);
        series.setFleet([...fleet.values()]);
        store.getState().addDevice(message.device);
        if (!known) store.getState().logEvent(deviceAddedEvent(message.device));
        return;
      }
      case "source": {
        const { type: _type, ...source } = message;
        const event = sourceEvent(store.getState().source, source);
        store.getState().setSource(source);
        if (event) store.getState().logEvent(event);
        return;
      }
      case "webhookStatus": {
        const { type: _type, ...status } = message;
        const event = webhookEvent(store.getState().webhooks, status);
        store.getState().setWebhooks(status);
        if (event) store.getState().logEvent(event);
        return;
      }
      case "logbook":
        store.getState().addLogEntries(message.entries);
        return;
      case "serverStats": {
        const { type: _type, ...serverStats } = message;
        store.getState().setServerStats(serverStats);
        return;
      }
      case "historyStatus": {
        const { type: _type, ...status } = message;
        const history = store.getState().history;
        const event = historyStatusEvent(history?.status, status);
        if (history) store.getState().setHistoryCapability({ ...history, status });
        if (event) store.getState().logEvent(event);
        return;
      }
      case "alerts": {
        const before = store.getState().alerts?.byId ?? {};
        store.getState().applyAlerts(message.alerts, message.snapshot === true);
        // A snapshot says what is open now; only the transitions after it are news for the log.
        if (message.snapshot) return;
        for (const alert of message.alerts) {
          const event = alertEvent(alert, before[alert.id], fleet.get(alert.device));
          if (event) store.getState().logEvent(event);
        }
        return;
      }
      case "commandResult":
        commands.onResult(message);
        return;
      case "error":
        if (commands.onError(message)) return;
        // A v1.0 server does not know `latest`.
        if (message.id?.startsWith(LATEST_ID_PREFIX)) return;
        store
          .getState()
          .logEvent({ kind: "connection", level: "warning", message: message.message, code: message.code });
        return;
      default:
        return;
    }
  };

  client.on("state", (next) => {
    const previous = store.getState().connection;
    store.getState().setConnection(next);
    logConnectionChange(store.getState(), previous, next);
  });
  client.on("live", (welcome, info) => {
    const restarted = timeline.onLive(welcome, info.newSession, subscriptions.wanted(), Date.now());
    if (info.newSession) latest.clear();
    // The welcome's fleet carries each device's state now; older news must not overwrite it.
    pendingStates.clear();
    fleet.clear();
    for (const device of welcome.fleet) fleet.set(device.id, device);
    series.setFleet(welcome.fleet);
    store.getState().setFleet(welcome.fleet, welcome.session);
    // v1.5: who this socket acts as (a role changed since `GET /api/me` shows at once).
    const access = readAccessInfo(welcome.access);
    if (access) store.getState().setAccess({ status: "granted", access });
    // A v1.3 server follows `welcome` with its alert snapshot; an older one evaluates none.
    store.getState().clearAlerts();
    if (welcome.source) {
      const event = sourceEvent(store.getState().source, welcome.source);
      if (event) store.getState().logEvent(event);
    }
    store.getState().setSource(welcome.source);
    store.getState().setHistoryCapability(welcome.history);
    store.getState().setWebhooks(undefined);
    stats.live(info.reconnect);
    staleness.startClock(subscriptions.wanted(), Date.now());
    subscriptions.onLive();
    commands.onLive();
    if (options.fleetLatest !== false)
      client.send({ type: "latest", id: `${LATEST_ID_PREFIX}${++latestRequests}` });
    if (restarted) store.getState().logEvent(restarted);
  });
  client.on("down", () => {
    logRestart({ force: true });
    stats.down();
    subscriptions.onDown();
    commands.onDown();
  });
  client.on("message", onMessage);
  client.on("frame", (size) => stats.frame(size));
  client.on("pong", (rtt, offset) => {
    stats.rtt(rtt);
    const previous = store.getState().clockOffsetMs;
    // Smoothed: one delayed pong must not shift every chart's time axis.
    store.getState().setClockOffset(previous === 0 ? offset : previous * 0.8 + offset * 0.2);
  });

  const dashboard: Dashboard = {
    store,
    client,
    server,
    series: { get: (id: string): SeriesBuffer | undefined => series.get(id) },
    latest,
    watch(ownerKey, deviceIds) {
      staleness.startClock(deviceIds, Date.now());
      return subscriptions.watch(ownerKey, deviceIds);
    },
    validateCommand: (deviceId, name, args) => validateCommandArgs(fleet.get(deviceId), name, args),
    sendCommand(deviceId, name, args = {}) {
      const errors = validateCommandArgs(fleet.get(deviceId), name, args);
      if (errors) return { ok: false, errors };
      return { ok: true, id: commands.send(deviceId, name, args) };
    },
    onDataStored(listener) {
      dataStoredListeners.add(listener);
      return () => {
        dataStoredListeners.delete(listener);
      };
    },
    setToken: (token) => client.setToken(token),
    serverNow: () => Date.now() + store.getState().clockOffsetMs,
    start() {
      commands.rearm();
      if (timers.length > 0) {
        client.start();
        return;
      }
      stats.down();
      client.start();
      timers.push(
        setInterval(() => {
          store.getState().setStats(stats.snapshot());
          logRestart();
          series.releaseUnwatched(subscriptions.wanted(), Date.now(), options.releaseUnwatchedMs ?? 10_000);
        }, 1000),
        setInterval(() => {
          const state = store.getState();
          const changes = staleness.changes(Date.now(), subscriptions.wanted(), state.devices);
          if (Object.keys(changes).length > 0) state.setStale(changes);
        }, 250),
      );
    },
    stop() {
      client.stop();
      for (const timer of timers) clearInterval(timer);
      timers.length = 0;
      commands.dispose();
    },
  };
  return dashboard;
}
