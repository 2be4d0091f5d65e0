/** The public shape of the live-data core: its options and the `Dashboard` it returns. */
import type { CommandArgs, DataMessage } from "../protocol/messages";
import type { LatestValues } from "../telemetry/latestValues";
import type { SeriesBuffer } from "../telemetry/ringBuffer";
import type { NetworkStatus } from "../transport/connectionState";
import type { FleetClient } from "../transport/fleetClient";
import type { ResolvedServerUrl } from "../transport/resolveServerUrl";
import type { FieldErrors } from "./commandArgs";
import type { DashboardStore } from "./createDashboardStore";

export type { FieldErrors } from "./commandArgs";

/** Options of `createDashboard`. Every one is optional; defaults suit the browser. */
export interface DashboardOptions {
  /** The store to drive; default: a new one. The deferred dashboard passes the one views already select. */
  store?: DashboardStore;
  /** Full WebSocket URL; default: resolveServerUrl() (same host `/ws`, build-time or `?server=`). */
  url?: string;
  /** Token sent as `auth` on every connect. */
  token?: string;
  /** WebSocket constructor (in Node tests: `WebSocket` from `ws`). Default: the global one. */
  WebSocket?: unknown;
  /** requestAnimationFrame substitute (tests pass a fake). Default: the global one, else a 16 ms timer. */
  raf?: (callback: (time: number) => void) => number;
  cancelRaf?: (handle: number) => void;
  /** Longest selectable chart window (s); sizes the ring buffers and the `history` asked for. Default 900. */
  windowSeconds?: number;
  /** Command deadline after sending (ms). Default 10 000. */
  commandTimeoutMs?: number;
  /** Heartbeat: ping every `intervalMs` (5000), reconnect when no pong for `timeoutMs` (10 000). */
  heartbeat?: { intervalMs?: number; timeoutMs?: number };
  /** Reconnect backoff: first delay about `minMs` (500) growing to `maxMs` (10 000), with jitter. */
  backoff?: { minMs?: number; maxMs?: number };
  /** Per-frame work budget (ms) of the frame scheduler. Default 8. */
  frameBudgetMs?: number;
  /** A device's samples are freed this long after no view watches it (ms). Default 10 000. */
  releaseUnwatchedMs?: number;
  /** Browser on/offline source (tests inject one). Default: navigator.onLine and window events. */
  network?: NetworkStatus;
  /**
   * Ask the server for every device's newest sample once a second (`latest`), so alerts cover
   * devices without a chart. Default true; servers without it answer `bad_request`, ignored.
   */
  fleetLatest?: boolean;
}

/** Read access to the per-device ring buffers. */
export interface SeriesReader {
  /** The buffer of one device, created when its first sample arrives. */
  get(deviceId: string): SeriesBuffer | undefined;
}

/**
 * Called once a data message's samples are in the ring buffers (before the frame that shows
 * them): `added[i]` is how many samples of `message.batch[i]` were new. `added` is reused for the
 * next message: copy what you keep.
 */
export type DataStoredListener = (message: DataMessage, added: readonly number[]) => void;

export type SendCommandResult = { ok: true; id: string } | { ok: false; errors: FieldErrors };

/** The composed core. */
export interface Dashboard {
  store: DashboardStore;
  /** The socket client (state, `reconnectNow()` for a "retry now" button). */
  client: FleetClient;
  /** The server URL in use and where it came from; `rejected` explains an ignored `?server=`. */
  server: ResolvedServerUrl;
  series: SeriesReader;
  /** Every device's newest sample, once a second (empty with `fleetLatest: false`). */
  latest: LatestValues;
  /**
   * Declares that `ownerKey` (a view) needs `deviceIds`; replaces that owner's previous list.
   * Returns a function that removes the owner. The socket subscribes to the union of all owners.
   */
  watch(ownerKey: string, deviceIds: readonly string[]): () => void;
  /** Validates against the device's command schema, then sends and tracks the command. */
  sendCommand(deviceId: string, name: string, args?: CommandArgs): SendCommandResult;
  /** Validation only (for forms): null when valid. */
  validateCommand(deviceId: string, name: string, args?: CommandArgs): FieldErrors | null;
  /**
   * Observes ingestion (instrumentation, diagnostics): `listener` runs after each data message is
   * stored. Returns a function that removes it. Unused, it costs the data path one size check.
   */
  onDataStored(listener: DataStoredListener): () => void;
  setToken(token: string | undefined): void;
  /** Epoch ms on the server's clock (sample timestamps are server time). */
  serverNow(): number;
  start(): void;
  stop(): void;
}

/**
 * What views use of the core: all of it but the socket client, the resolved URL and the fleet's
 * latest values, which only the core itself and instrumentation read. `getDashboard()` returns
 * this, so it can answer before the core's code has downloaded (deferredDashboard.ts).
 */
export type DashboardHandle = Omit<Dashboard, "client" | "server" | "latest">;
