/**
 * Alert thresholds (edited per device and metric, kept in localStorage by zustand's persist
 * middleware) and the alerts active now. A small vanilla zustand store beside the core's, because
 * alerts are a view concern: they depend on thresholds the operator chose in this browser.
 */
import { type PersistStorage, persist } from "zustand/middleware";
import { createStore, type StoreApi } from "zustand/vanilla";
import type { Thresholds } from "../../charts/chartTypes";
import type { MetricInfo } from "../../protocol/messages";
import { type AlertSide, defaultThresholds } from "./alertEvaluator";

export const THRESHOLDS_STORAGE_KEY = "fleet.thresholds.v1";

/** An alert that is raised right now. */
export interface ActiveAlert {
  device: string;
  metric: string;
  side: AlertSide;
  value: number;
  limit: number;
  since: number;
}

export interface AlertState {
  /** Operator overrides, keyed `device/metric`; metrics without one use defaultThresholds. */
  overrides: Record<string, Thresholds>;
  /** Active alerts per device, keyed by metric. */
  active: Record<string, Record<string, ActiveAlert>>;
  setThresholds(device: string, metric: string, thresholds: Thresholds | undefined): void;
  raise(alert: ActiveAlert): void;
  clear(device: string, metric: string): void;
}

export type AlertStore = StoreApi<AlertState>;

export function thresholdKey(device: string, metric: string): string {
  return `${device}/${metric}`;
}

/** The thresholds in force for one metric of one device. */
export function thresholdsFor(
  overrides: AlertState["overrides"],
  device: string,
  metric: Pick<MetricInfo, "key" | "label" | "min" | "max" | "unit" | "warnLow" | "warnHigh">,
): Thresholds {
  return overrides[thresholdKey(device, metric.key)] ?? defaultThresholds(metric);
}

/** What is persisted: only the operator's thresholds, never the alerts active now. */
type SavedThresholds = Pick<AlertState, "overrides">;

/** Keeps only well-formed thresholds: numbers on either side, anything else dropped. */
function readOverrides(parsed: unknown): Record<string, Thresholds> {
  if (!parsed || typeof parsed !== "object") return {};
  const result: Record<string, Thresholds> = {};
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (!value || typeof value !== "object") continue;
    const { low, high } = value as Record<string, unknown>;
    result[key] = {
      ...(typeof low === "number" ? { low } : {}),
      ...(typeof high === "number" ? { high } : {}),
    };
  }
  return result;
}

/**
 * The persist middleware's storage, in the format saved before it was used: the overrides object
 * itself as JSON (not persist's `{state, version}`), so thresholds saved by any version of the
 * dashboard still load. It writes only when the thresholds changed, not on every alert.
 */
function thresholdStorage(storage: Storage | undefined): PersistStorage<SavedThresholds> {
  let saved = "{}";
  return {
    getItem(name) {
      try {
        const raw = storage?.getItem(name);
        if (raw == null) return null;
        const overrides = readOverrides(JSON.parse(raw));
        saved = JSON.stringify(overrides);
        return { state: { overrides }, version: 0 };
      } catch {
        // Corrupt or unavailable storage: start from the defaults.
        return null;
      }
    },
    setItem(name, value) {
      const json = JSON.stringify(value.state.overrides);
      if (json === saved) return;
      saved = json;
      try {
        storage?.setItem(name, json);
      } catch {
        // Quota or disabled storage: the thresholds still apply until reload.
      }
    },
    removeItem(name) {
      storage?.removeItem(name);
    },
  };
}

/** Creates the alert store, reading saved thresholds from `storage` at once (none in tests). */
export function createAlertStore(storage: Storage | undefined = globalThis.localStorage): AlertStore {
  return createStore<AlertState>()(
    persist(
      (set, get) => ({
        overrides: {},
        active: {},
        setThresholds(device, metric, thresholds) {
          const overrides = { ...get().overrides };
          const key = thresholdKey(device, metric);
          if (thresholds) overrides[key] = thresholds;
          else delete overrides[key];
          set({ overrides });
        },
        raise(alert) {
          const active = get().active;
          set({ active: { ...active, [alert.device]: { ...active[alert.device], [alert.metric]: alert } } });
        },
        clear(device, metric) {
          const current = get().active[device];
          if (!current?.[metric]) return;
          const { [metric]: _gone, ...rest } = current;
          const active = { ...get().active };
          if (Object.keys(rest).length > 0) active[device] = rest;
          else delete active[device];
          set({ active });
        },
      }),
      {
        name: THRESHOLDS_STORAGE_KEY,
        storage: thresholdStorage(storage),
        partialize: ({ overrides }): SavedThresholds => ({ overrides }),
      },
    ),
  );
}
