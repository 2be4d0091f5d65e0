/**
 * The shape of the dashboard store: what views select. Kept apart from the store's actions so
 * views, tests and the transport can import the types without pulling in zustand.
 */
import type { ErrorCode } from "../protocol/constants";
import type {
  AccessInfo,
  AlertInfo,
  CommandArgs,
  CommandError,
  DeviceInfo,
  DeviceState,
  HistoryCapability,
  LogEntry,
  ServerStats,
  SourceStatus,
  WebhookStatus,
} from "../protocol/messages";

import type { ConnectionState } from "../transport/connectionState";
import type { AlertIndex } from "./alertIndex";
import type { LinkHistory } from "./linkHistory";

export type { ConnectionState, ConnectionStatus } from "../transport/connectionState";
/** Who the dashboard acts as (`GET /api/me`, `welcome.access`). */
export type { AccessInfo };

/** Live connection statistics, refreshed about once per second. */
export interface ConnectionStats {
  /** Last measured ping round-trip time (ms), or undefined before the first pong. */
  rttMs?: number;
  /** Frames received per second (last second). */
  messagesPerSecond: number;
  /** Sample values (metric values) received per second. */
  valuesPerSecond: number;
  /** Bytes (frame text length) received per second: the data rate R = L / T. */
  bytesPerSecond: number;
  /** Successful connections after the first one. */
  reconnects: number;
  /** Mean time from starting a (re)connect to `welcome` (ms), or undefined before the first. */
  meanTimeToConnectMs?: number;
  /** Epoch ms when the current connection went live, or undefined when not live. */
  liveSince?: number;
  /** Samples received with `replay: true`, in total. */
  replayedSamples: number;
  /** `gap` messages received, in total. */
  gaps: number;
  /** Samples replayed after the last reconnect (what resume recovered). */
  recoveredOnLastReconnect: number;
  /** Total frames and bytes received. */
  totalMessages: number;
  totalBytes: number;
}

/** One device as the dashboard knows it. */
export interface DeviceEntry {
  info: DeviceInfo;
  online: boolean;
  state: DeviceState;
  /** Epoch ms (server clock) of the newest sample received, to the second, or undefined. */
  lastSeen?: number;
  /** Online, watched, and nothing arrived for 3 sample intervals. */
  stale: boolean;
}

export type CommandStatus = "sending" | "pending" | "succeeded" | "failed" | "timed_out";

/** A command the operator sent, tracked until it resolves. */
export interface CommandEntry {
  id: string;
  device: string;
  name: string;
  args: CommandArgs;
  createdAt: number;
  /** Epoch ms after which the command counts as timed out (and the server rejects it). */
  deadline: number;
  /** `sending`: not yet on the wire; `pending`: sent, awaiting `commandResult`. */
  status: CommandStatus;
  /** How many times it went on the wire (resends after reconnects share the id). */
  attempts: number;
  error?: CommandError;
  /** Device state returned with a successful result. */
  state?: DeviceState;
  finishedAt?: number;
}

export type EventLevel = "info" | "warning" | "error";
export type EventKind = "connection" | "device" | "command" | "alert";

/** One line of the event log. */
export interface DashboardEvent {
  /** Increasing number, unique within the store (a stable React key). */
  id: number;
  at: number;
  kind: EventKind;
  level: EventLevel;
  message: string;
  device?: string;
  code?: ErrorCode | string;
}

/** What `logEvent` takes: `id` and `at` are filled in. */
export type NewDashboardEvent = Omit<DashboardEvent, "id" | "at"> & { at?: number };

/** The roles of issue 14, least first (the table of what each may do: features/access/permissions). */
export type Role = AccessInfo["role"];

/** How the server knows who is asking (`GET /api/me` `via`). */
export type AccessVia = AccessInfo["via"];

/**
 * Whether the dashboard may show the fleet: `checking` while `GET /api/me` is asked; `granted`
 * with who it acts as (undefined: an older server that says nothing, as open); `signIn` when the
 * server wants a password or a token first (what it accepts, and why it asks, e.g. a session ended).
 */
export type AccessState =
  | { status: "checking" }
  | { status: "granted"; access?: AccessInfo }
  | { status: "signIn"; password: boolean; token: boolean; reason?: string };

/** The store's state. Select single fields (atomic selectors) so views re-render only for what they show. */
export interface DashboardState {
  /** Device ids in fleet order (from `welcome`). */
  deviceIds: string[];
  devices: Record<string, DeviceEntry>;
  /** Session id of the server run the data comes from. */
  session?: string;
  /** Where the server's fleet comes from (simulator or an MQTT broker) and whether it reaches it. */
  source?: SourceStatus;
  /** What the server's `welcome` said about its history (v1.2); undefined for older servers. */
  history?: HistoryCapability;
  /** How the server's alert webhooks fare (v1.3); undefined when it has none or does not say. */
  webhooks?: WebhookStatus;
  connection: ConnectionState;
  stats: ConnectionStats;
  /** The last 15 minutes of `stats` (a bounded ring, mutated in place when `stats` changes). */
  linkHistory: LinkHistory;
  /** The server's own health (`serverStats`, v1.4); undefined until it sends one. */
  serverStats?: ServerStats;
  /** Server clock minus local clock (ms), estimated from pongs; add to Date.now() for "server now". */
  clockOffsetMs: number;
  /**
   * Per device, bumped once per animation frame when new samples landed in its buffer. One record
   * mutated in place (copying it every frame cost more than anything else in the flush): select a
   * device's number (`s.seriesVersion[id]`) and compare it with one you kept, never
   * `state.seriesVersion` with `previous.seriesVersion`.
   */
  seriesVersion: Readonly<Record<string, number>>;
  /** Bumped with every update that bumped a series version: whether any series moved. */
  seriesFrame: number;
  commands: Record<string, CommandEntry>;
  /** Command ids, newest last (bounded). */
  commandOrder: string[];
  /** Bounded event log, newest last. */
  events: DashboardEvent[];
  /** The server's logbook lines that arrived live (`logbook`, v1.4), oldest first, bounded. */
  logbook: LogEntry[];
  /**
   * The server's alerts not resolved (protocol v1.3), from its `alerts` messages; undefined until
   * the connected server sends its snapshot (an older server never does: it evaluates no alerts).
   */
  alerts?: AlertIndex;
  /** Who the dashboard acts as, or that it must sign in first (issue 14). */
  access: AccessState;
}

export type { AlertIndex } from "./alertIndex";
export type { AlertInfo };
