import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DeviceInfo } from "../../protocol/messages";
import type { Dashboard } from "../../store/createDashboard";
import { createDashboardStore } from "../../store/createDashboardStore";
import { LatestValues } from "../../telemetry/latestValues";
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
  store.getState().setFleet([thermostat, { ...thermostat, id: "t2", name: "Attic" }], "s1");
  const buffer = new SeriesBuffer(["temperature"], 1024);
  let seq = 1;
  const add = (times: number[], values: number[]) => {
    buffer.ingest(seq, times, { temperature: values });
    seq += times.length;
    store.getState().bumpSeries(["t1"], () => buffer.lastTime);
  };
  const latest = new LatestValues();
  let latestSeq = 1;
  /** One `latest` frame: the newest sample of `device`. */
  const addLatest = (device: string, t: number, value: number) =>
    latest.apply([{ device, seq: latestSeq++, t: [t], values: { temperature: [value] } }]);
  const dashboard = { store, latest, series: { get: (id: string) => (id === "t1" ? buffer : undefined) } };
  return { dashboard: dashboard as unknown as Dashboard, store, add, addLatest };
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

  it("alerts on a device with no chart from the once-a-second latest samples", () => {
    const { dashboard, store, addLatest } = fakeDashboard();
    const alerts = createAlertStore(undefined);
    alerts.getState().setThresholds("t2", "temperature", { high: 30 });
    const stop = startAlertMonitor(dashboard, alerts);
    for (const [t, value] of [
      [0, 31],
      [1000, 32],
      [2000, 33],
    ] as const) {
      addLatest("t2", t, value);
      vi.advanceTimersByTime(300);
    }
    expect(alerts.getState().active).toEqual({});
    addLatest("t2", 3100, 34);
    vi.advanceTimersByTime(300);
    expect(alerts.getState().active.t2?.temperature).toMatchObject({ side: "high", value: 34 });
    addLatest("t2", 4100, 20);
    vi.advanceTimersByTime(300);
    expect(alerts.getState().active).toEqual({});
    expect(store.getState().events.map((event) => event.message)).toEqual([
      "Alert raised: Attic temperature 34 °C is above 30 °C",
      "Alert cleared: Attic temperature back to 20 °C",
    ]);
    stop();
  });

  it("does not step a charted device's latest sample again when its buffer already has it", () => {
    const { dashboard, store, add, addLatest } = fakeDashboard();
    const alerts = createAlertStore(undefined);
    alerts.getState().setThresholds("t1", "temperature", { high: 30 });
    const stop = startAlertMonitor(dashboard, alerts);
    add([0, 1000, 2000, 3000, 4000, 5000], [20, 20, 20, 20, 20, 20]);
    vi.advanceTimersByTime(300);
    // Latest samples beyond the threshold for 4.4 s, but older than what the buffer holds (which
    // says 20 at those times): not evaluated, or they would raise an alert.
    for (const t of [500, 1500, 2500, 4000, 4900]) {
      addLatest("t1", t, 99);
      vi.advanceTimersByTime(300);
    }
    expect(alerts.getState().active).toEqual({});
    // Newer latest samples than the buffer (its subscription lagging) are evaluated, in order.
    for (const t of [6000, 7000, 8000, 9100]) {
      addLatest("t1", t, 35);
      vi.advanceTimersByTime(300);
    }
    expect(alerts.getState().active.t1?.temperature).toMatchObject({ value: 35, since: 9100 });
    expect(store.getState().events.filter((event) => event.kind === "alert")).toHaveLength(1);
    stop();
  });
});
