/**
 * Opens the logbook beside the alerts (in the history store's database through the engine
 * accessor, in memory without a store), and runs its timers: new lines to every dashboard
 * (`logbook`, v1.4) a few times a second, the stale check once a second, retention hourly.
 */

import { encodeMessage } from "../../../src/protocol/server";
import { storeEngine } from "../alerts/storeEngine";
import type { HistoryStore } from "../store/historyStore";
import { FleetLog } from "./fleetLog";
import { type Logbook, MemoryLogbook } from "./logbook";
import { openSqlLogbook } from "./sqlLogbook";

/** How often new lines are sent to dashboards, ms. */
export const LOGBOOK_SEND_MS = 250;
const STALE_CHECK_MS = 1000;
const PRUNE_MS = 3_600_000;

export interface LogbookOptions {
  store: HistoryStore | undefined;
  /** How long entries are kept, ms. */
  retention: number;
  /** Sends a frame to every ready client. */
  toEveryone(frame: string): void;
  log(line: string): void;
  now(): number;
}

export interface RunningLogbook {
  logbook: Logbook;
  fleetLog: FleetLog;
  /** Sends what waits, stops the timers and closes the logbook. */
  close(): Promise<void>;
}

async function open(store: HistoryStore | undefined, log: (line: string) => void): Promise<Logbook> {
  if (!store) return new MemoryLogbook();
  const engine = storeEngine(store);
  if (engine) return openSqlLogbook(engine);
  log("logbook: the history store exposes no SQL engine; the fleet's events are kept in memory only");
  return new MemoryLogbook();
}

export async function startLogbook(options: LogbookOptions): Promise<RunningLogbook> {
  const { now, toEveryone } = options;
  const logbook = await open(options.store, options.log);
  const fleetLog = new FleetLog(logbook, now);
  const send = (): void => {
    const entries = fleetLog.drain();
    if (entries.length > 0) toEveryone(encodeMessage({ type: "logbook", entries }));
  };
  const prune = (): void => void logbook.prune(now() - options.retention).catch(() => {});
  prune();
  const timers = [
    setInterval(send, LOGBOOK_SEND_MS),
    setInterval(() => fleetLog.checkStale(now()), STALE_CHECK_MS),
    setInterval(prune, PRUNE_MS),
  ];
  for (const timer of timers) timer.unref();
  return {
    logbook,
    fleetLog,
    close: async () => {
      for (const timer of timers) clearInterval(timer);
      send();
      await logbook.close();
    },
  };
}
