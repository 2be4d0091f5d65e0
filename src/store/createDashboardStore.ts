/**
 * The vanilla zustand store behind the dashboard (no React here; see useDashboard for the hook).
 * Actions are plain state transitions; the live-data core (createDashboard) calls them, views
 * only select. High-rate samples never pass through here: they live in ring buffers and the
 * store only carries one version number per device, bumped once per animation frame.
 */
import { createStore, type StoreApi } from "zustand/vanilla";
import type {
  AlertInfo,
  DeviceInfo,
  DeviceState,
  HistoryCapability,
  LogEntry,
  ServerStats,
  SourceStatus,
  WebhookStatus,
} from "../protocol/messages";
import { applyAlerts, EMPTY_ALERTS } from "./alertIndex";
import type {
  AccessState,
  CommandEntry,
  ConnectionState,
  ConnectionStats,
  DashboardEvent,
  DashboardState,
  DeviceEntry,
  NewDashboardEvent,
} from "./dashboardTypes";
import { LinkHistory } from "./linkHistory";

/** Longest event log kept. */
export const MAX_EVENTS = 200;
/** Most commands kept (finished ones fall off first). */
export const MAX_COMMANDS = 100;
/**
 * `lastSeen` is kept to this resolution (ms): it is shown as "last seen N s ago", and patching a
 * device entry for every frame of new samples copied the whole fleet record each frame.
 */
export const LAST_SEEN_STEP_MS = 1000;

export interface DashboardActions {
  /** Appends to the bounded event log (the UI adds its alert events here). */
  logEvent(event: NewDashboardEvent): void;
  /** Appends the server's live logbook lines (keeps the newest `MAX_LIVE_LOG`). */
  addLogEntries(entries: readonly LogEntry[]): void;
  setFleet(fleet: readonly DeviceInfo[], session: string): void;
  /** A device joined after `welcome` (`deviceAdded`): appended, or its info replaced if known. */
  addDevice(info: DeviceInfo): void;
  setSource(source: SourceStatus | undefined): void;
  /** `welcome.history` of the server now connected (undefined: it keeps no history API). */
  setHistoryCapability(history: HistoryCapability | undefined): void;
  /** The server's webhook status (`webhookStatus`), or undefined on a new connection. */
  setWebhooks(webhooks: WebhookStatus | undefined): void;
  setDeviceStatus(deviceId: string, online: boolean): void;
  setDeviceState(deviceId: string, state: DeviceState): void;
  setConnection(connection: ConnectionState): void;
  /** Also appends them to `linkHistory`. */
  setStats(stats: ConnectionStats): void;
  setServerStats(stats: ServerStats | undefined): void;
  setClockOffset(offsetMs: number): void;
  /**
   * One update per frame: bumps the versions of `deviceIds`, and their `lastSeen` when it moved
   * into another `LAST_SEEN_STEP_MS` step; merges `states` (the frame's `state` messages, by device)
   * as `setDeviceState` does.
   */
  bumpSeries(
    deviceIds: readonly string[],
    lastSeen: (deviceId: string) => number | undefined,
    states?: ReadonlyMap<string, DeviceState>,
  ): void;
  /** Sets `stale` on the listed devices (only changed ones should be passed). */
  setStale(changes: Readonly<Record<string, boolean>>): void;
  /** Adds or replaces a command entry. */
  putCommand(entry: CommandEntry): void;
  /** One `alerts` message (v1.3): a snapshot replaces every alert, otherwise each one is updated. */
  applyAlerts(alerts: readonly AlertInfo[], snapshot: boolean): void;
  /** Forgets the alerts (a new connection: its server says again, or not at all if it is older). */
  clearAlerts(): void;
  /** Who the dashboard acts as, or that it must sign in (features/access drives it). */
  setAccess(access: AccessState): void;
}

export type DashboardStoreState = DashboardState & DashboardActions;
export type DashboardStore = StoreApi<DashboardStoreState>;

export function emptyStats(): ConnectionStats {
  return {
    messagesPerSecond: 0,
    valuesPerSecond: 0,
    bytesPerSecond: 0,
    reconnects: 0,
    replayedSamples: 0,
    gaps: 0,
    recoveredOnLastReconnect: 0,
    totalMessages: 0,
    totalBytes: 0,
  };
}

function patchDevice(
  devices: Record<string, DeviceEntry>,
  deviceId: string,
  patch: Partial<DeviceEntry>,
): Record<string, DeviceEntry> {
  const entry = devices[deviceId];
  return entry ? { ...devices, [deviceId]: { ...entry, ...patch } } : devices;
}

/**
 * Applies many device patches with one copy of the record (a frame may touch 2,000 devices;
 * copying the record per device made the flush quadratic).
 */
function patchDevices(
  devices: Record<string, DeviceEntry>,
  patches: Iterable<readonly [string, Partial<DeviceEntry>]>,
): Record<string, DeviceEntry> {
  let next: Record<string, DeviceEntry> | undefined;
  for (const [id, patch] of patches) {
    const entry = devices[id];
    if (!entry) continue;
    next ??= { ...devices };
    next[id] = { ...entry, ...patch };
  }
  return next ?? devices;
}

function trimCommands(commands: Record<string, CommandEntry>, order: string[]): string[] {
  if (order.length <= MAX_COMMANDS) return order;
  const kept = [...order];
  // Drop the oldest finished commands first; in-flight ones must stay visible.
  for (let i = 0; i < kept.length && kept.length > MAX_COMMANDS; ) {
    const entry = commands[kept[i] as string];
    if (entry && (entry.status === "sending" || entry.status === "pending")) i++;
    else kept.splice(i, 1);
  }
  return kept;
}

/** Live logbook lines kept; older ones are read from `/api/events`. */
export const MAX_LIVE_LOG = 1000;

/** Creates the store with an empty fleet and a `connecting` connection. */
export function createDashboardStore(now: () => number = Date.now): DashboardStore {
  let nextEventId = 1;
  return createStore<DashboardStoreState>()((set) => ({
    deviceIds: [],
    devices: {},
    connection: { status: "connecting" },
    stats: emptyStats(),
    linkHistory: new LinkHistory(),
    clockOffsetMs: 0,
    seriesVersion: {},
    seriesFrame: 0,
    commands: {},
    commandOrder: [],
    events: [],
    logbook: [],
    access: { status: "checking" },

    addLogEntries: (entries) => set((s) => ({ logbook: [...s.logbook, ...entries].slice(-MAX_LIVE_LOG) })),
    logEvent: (event) => {
      const entry: DashboardEvent = { ...event, id: nextEventId++, at: event.at ?? now() };
      set((s) => ({ events: [...s.events.slice(-(MAX_EVENTS - 1)), entry] }));
    },

    setFleet: (fleet, session) =>
      set((s) => {
        const devices: Record<string, DeviceEntry> = {};
        for (const info of fleet) {
          const previous = s.devices[info.id];
          devices[info.id] = {
            info,
            online: info.online,
            state: info.state,
            stale: previous?.stale ?? false,
            ...(previous?.lastSeen === undefined ? {} : { lastSeen: previous.lastSeen }),
          };
        }
        return { devices, deviceIds: fleet.map((d) => d.id), session };
      }),

    addDevice: (info) =>
      set((s) => {
        const previous = s.devices[info.id];
        const entry: DeviceEntry = previous
          ? { ...previous, info }
          : { info, online: info.online, state: info.state, stale: false };
        return {
          devices: { ...s.devices, [info.id]: entry },
          ...(previous ? {} : { deviceIds: [...s.deviceIds, info.id] }),
        };
      }),

    setSource: (source) => set({ source }),

    setHistoryCapability: (history) => set({ history }),
    setWebhooks: (webhooks) => set({ webhooks }),

    setDeviceStatus: (deviceId, online) =>
      set((s) => ({
        devices: patchDevice(s.devices, deviceId, online ? { online } : { online, stale: false }),
      })),

    setDeviceState: (deviceId, state) =>
      set((s) => {
        const entry = s.devices[deviceId];
        return entry
          ? { devices: patchDevice(s.devices, deviceId, { state: { ...entry.state, ...state } }) }
          : {};
      }),

    setConnection: (connection) => set({ connection }),
    setStats: (stats) =>
      set((s) => {
        s.linkHistory.push(now(), stats);
        return { stats };
      }),
    setServerStats: (serverStats) => set({ serverStats }),
    setClockOffset: (clockOffsetMs) => set({ clockOffsetMs }),

    bumpSeries: (deviceIds, lastSeen, states) =>
      set((s) => {
        // In place: copying the record cost every frame O(devices watched) (501 keys in the
        // `device` bench, 0.3 s a minute of main thread plus its garbage); `seriesFrame` tells
        // subscribers that something moved.
        const seriesVersion = s.seriesVersion as Record<string, number>; // the store owns it
        let patches: Map<string, Partial<DeviceEntry>> | undefined;
        for (const id of deviceIds) {
          seriesVersion[id] = (seriesVersion[id] ?? 0) + 1;
          const at = lastSeen(id);
          const entry = s.devices[id];
          const held = entry?.lastSeen;
          // When the second changes: a patch per device per frame copied 2,000 entries 60 times a
          // second, and per-device steps would still copy it every frame (devices cross them at
          // different times); a tick's samples cross the second together.
          if (
            at !== undefined &&
            entry &&
            (held === undefined ||
              Math.floor(at / LAST_SEEN_STEP_MS) !== Math.floor(held / LAST_SEEN_STEP_MS))
          ) {
            patches ??= new Map();
            patches.set(id, { lastSeen: at });
          }
        }
        for (const [id, state] of states ?? []) {
          const entry = s.devices[id];
          if (!entry) continue;
          patches ??= new Map();
          patches.set(id, { ...patches.get(id), state: { ...entry.state, ...state } });
        }
        const devices = patches ? patchDevices(s.devices, patches) : s.devices;
        return deviceIds.length > 0 ? { seriesFrame: s.seriesFrame + 1, devices } : { devices };
      }),

    setStale: (changes) =>
      set((s) => {
        const patches = Object.entries(changes)
          .filter(([id, stale]) => s.devices[id] !== undefined && s.devices[id].stale !== stale)
          .map(([id, stale]) => [id, { stale }] as const);
        const devices = patchDevices(s.devices, patches);
        return devices === s.devices ? {} : { devices };
      }),

    putCommand: (entry) =>
      set((s) => {
        const commands = { ...s.commands, [entry.id]: entry };
        const order = s.commands[entry.id] ? s.commandOrder : [...s.commandOrder, entry.id];
        const commandOrder = trimCommands(commands, order);
        if (commandOrder.length !== order.length) {
          for (const id of order) if (!commandOrder.includes(id)) delete commands[id];
        }
        return { commands, commandOrder };
      }),

    applyAlerts: (alerts, snapshot) =>
      set((s) => ({ alerts: applyAlerts(s.alerts ?? EMPTY_ALERTS, alerts, snapshot) })),
    clearAlerts: () => set({ alerts: undefined }),
    setAccess: (access) => set({ access }),
  }));
}
