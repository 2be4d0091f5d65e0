/**
 * The dashboard's live-data core, composed: one socket client, the ring-buffered series, the
 * frame scheduler and the zustand store. This is the single entry the UI uses.
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
 * const n = downsampleMinMax(buffer, "temperature", from, to, widthPx, outT, outV); // NaN v = break
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
 * `seriesVersion[id]`, `commands[id]` + `commandOrder`, `events` (bounded log).
 * Action on the store: `store.getState().logEvent({ kind: "alert", level: "warning", message })`.
 *
 * ## Lifecycle
 * `start()` opens the socket (idempotent), `stop()` closes it and clears every timer.
 * `setToken(token)` stores the token (used as `auth` on every connect) and reconnects; it is the
 * way out of `unauthorized`. `start()` again leaves `incompatible`.
 */
import type { CommandArgs } from "../protocol/messages";
import type { SeriesBuffer } from "../telemetry/ringBuffer";
import type { DashboardStore } from "./createDashboardStore";

/** Options of `createDashboard`. Every one is optional; defaults suit the browser. */
export interface DashboardOptions {
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
}

/** Read access to the per-device ring buffers. */
export interface SeriesReader {
  /** The buffer of one device, created when its first sample arrives. */
  get(deviceId: string): SeriesBuffer | undefined;
}

/** Field errors of a command's arguments, one message per field ("" for the command itself). */
export type FieldErrors = Record<string, string>;

export type SendCommandResult = { ok: true; id: string } | { ok: false; errors: FieldErrors };

/** The composed core. */
export interface Dashboard {
  store: DashboardStore;
  series: SeriesReader;
  /**
   * Declares that `ownerKey` (a view) needs `deviceIds`; replaces that owner's previous list.
   * Returns a function that removes the owner. The socket subscribes to the union of all owners.
   */
  watch(ownerKey: string, deviceIds: readonly string[]): () => void;
  /** Validates against the device's command schema, then sends and tracks the command. */
  sendCommand(deviceId: string, name: string, args?: CommandArgs): SendCommandResult;
  /** Validation only (for forms): null when valid. */
  validateCommand(deviceId: string, name: string, args?: CommandArgs): FieldErrors | null;
  setToken(token: string | undefined): void;
  /** Epoch ms on the server's clock (sample timestamps are server time). */
  serverNow(): number;
  start(): void;
  stop(): void;
}
