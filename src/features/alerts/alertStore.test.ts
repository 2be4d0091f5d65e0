import { describe, expect, it } from "vitest";
import { createAlertStore, THRESHOLDS_STORAGE_KEY, thresholdsFor } from "./alertStore";

function memoryStorage(initial: Record<string, string> = {}): Storage {
  const data = new Map(Object.entries(initial));
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (key) => data.get(key) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (key) => void data.delete(key),
    setItem: (key, value) => void data.set(key, value),
  };
}

const temperature = { key: "temperature", label: "Temperature", min: -10, max: 40, unit: "°C" };

describe("alert store", () => {
  it("uses defaults until the operator sets thresholds, and remembers them", () => {
    const storage = memoryStorage();
    const store = createAlertStore(storage);
    expect(thresholdsFor(store.getState().overrides, "t1", temperature)).toEqual({ low: -7.5, high: 37.5 });
    store.getState().setThresholds("t1", "temperature", { high: 25 });
    expect(thresholdsFor(store.getState().overrides, "t1", temperature)).toEqual({ high: 25 });
    const reloaded = createAlertStore(storage);
    expect(thresholdsFor(reloaded.getState().overrides, "t1", temperature)).toEqual({ high: 25 });
    expect(thresholdsFor(reloaded.getState().overrides, "t2", temperature).high).toBe(37.5);
  });

  it("reads thresholds saved before the persist middleware, and saves them in that same format", () => {
    const storage = memoryStorage({
      [THRESHOLDS_STORAGE_KEY]: JSON.stringify({
        "t1/temperature": { high: 25 },
        "t2/temperature": { low: 1 },
      }),
    });
    const store = createAlertStore(storage);
    expect(thresholdsFor(store.getState().overrides, "t1", temperature)).toEqual({ high: 25 });
    expect(thresholdsFor(store.getState().overrides, "t2", temperature)).toEqual({ low: 1 });
    store.getState().setThresholds("t2", "temperature", undefined);
    expect(JSON.parse(storage.getItem(THRESHOLDS_STORAGE_KEY) ?? "")).toEqual({
      "t1/temperature": { high: 25 },
    });
  });

  it("does not write the thresholds again when only the active alerts change", () => {
    const storage = memoryStorage();
    const store = createAlertStore(storage);
    store
      .getState()
      .raise({ device: "t1", metric: "temperature", side: "high", value: 30, limit: 25, since: 1 });
    store.getState().clear("t1", "temperature");
    expect(storage.length).toBe(0);
  });

  it("ignores corrupt saved thresholds", () => {
    const store = createAlertStore(memoryStorage({ [THRESHOLDS_STORAGE_KEY]: "{nope" }));
    expect(store.getState().overrides).toEqual({});
  });

  it("tracks active alerts per device and metric", () => {
    const store = createAlertStore(undefined);
    const alert = {
      device: "t1",
      metric: "temperature",
      side: "high" as const,
      value: 30,
      limit: 25,
      since: 1,
    };
    store.getState().raise(alert);
    store.getState().raise({ ...alert, metric: "humidity" });
    expect(Object.keys(store.getState().active.t1 ?? {})).toEqual(["temperature", "humidity"]);
    store.getState().clear("t1", "temperature");
    store.getState().clear("t1", "humidity");
    expect(store.getState().active).toEqual({});
  });
});
