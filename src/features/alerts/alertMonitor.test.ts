import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DeviceInfo } from "../../protocol/messages";
import type { Dashboard } from "../../store/createDashboard";
import { createDashboardStore } from "../../store/createDashboardStore";
import { SeriesBuffer } from "../../telemetry/ringBuffer";
import { startAlertMonitor } from "./alertMonitor";
import { createAlertStore } from "./alertStore";

const thermostat: DeviceInfo = {
  id: "t1",
  kind: "thermostat",
  name: "Lab",
  online: true,
  rate: 10,
  metrics: [{ key: "temperature", label: "Temperature", unit: "°C", min: -10, max: 40 }],
  commands: [],
  state: {},
};

/** Just enough of a Dashboard for the monitor: the store and one series buffer. */
function fakeDashboard() {
  const store = createDashboardStore(() => 0);
  store.getState().setFleet([thermostat], "s1");
  const buffer = new SeriesBuffer(["temperature"], 1024);
  let seq = 1;
  const add = (times: number[], values: number[]) => {
    buffer.ingest(seq, times, { temperature: values });
    seq += times.length;
    store.getState().bumpSeries(["t1"], () => buffer.lastTime);
  };
  const dashboard = { store, series: { get: (id: string) => (id === "t1" ? buffer : undefined) } };
  return { dashboard: dashboard as unknown as Dashboard, store, add };
}

describe("startAlertMonitor", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("raises after more than 3 s beyond the threshold and clears on return, logging both", () => {
    const { dashboard, store, add } = fakeDashboard();
    const alerts = createAlertStore(undefined);
    alerts.getState().setThresholds("t1", "temperature", { high: 30 });
    const stop = startAlertMonitor(dashboard, alerts);

    add([0, 1000, 2000], [31, 32, 33]);
    vi.advanceTimersByTime(300);
    expect(alerts.getState().active).toEqual({});
    add([3500], [34]);
    vi.advanceTimersByTime(300);
    expect(alerts.getState().active.t1?.temperature).toMatchObject({ side: "high", value: 34, limit: 30 });
    add([4000], [25]);
    vi.advanceTimersByTime(300);
    expect(alerts.getState().active).toEqual({});
    expect(store.getState().events.map((event) => event.message)).toEqual([
      "Alert raised: Lab temperature 34 °C is above 30 °C",
      "Alert cleared: Lab temperature back to 25 °C",
    ]);
    stop();
  });

  it("does not replay alerts from history that ended before the device was watched", () => {
    const { dashboard, store, add } = fakeDashboard();
    const alerts = createAlertStore(undefined);
    alerts.getState().setThresholds("t1", "temperature", { high: 30 });
    const stop = startAlertMonitor(dashboard, alerts);
    // An hour-old episode beyond the threshold, then normal values up to now.
    add([0, 5000, 10_000, 3_600_000], [35, 35, 20, 21]);
    vi.advanceTimersByTime(300);
    expect(alerts.getState().active).toEqual({});
    expect(store.getState().events).toEqual([]);
    stop();
  });
});
