/**
 * Runs the alert evaluator over the samples that arrived since the last pass, and reports
 * raised/cleared alerts to the alert store and the event log. Samples come from two places:
 * the ring buffer of a device with a chart (every sample), and the server's once-a-second
 * `latest` frames for every device (so devices off screen alert too). Per device, only samples
 * newer than the last one evaluated are stepped, whichever source they came from.
 */
import { formatValue } from "../../charts/format";
import type { MetricInfo } from "../../protocol/messages";
import type { Dashboard } from "../../store/createDashboard";
import type { DashboardStoreState } from "../../store/createDashboardStore";
import { ALERT_HOLD_MS, type AlertChange, type AlertTrack, IDLE_TRACK, stepAlert } from "./alertEvaluator";
import { type AlertStore, thresholdsFor } from "./alertStore";

/** How often the monitor looks at new samples (ms). */
const PASS_MS = 250;

/** Starts monitoring; returns a function that stops it. */
export function startAlertMonitor(dashboard: Dashboard, alerts: AlertStore): () => void {
  const tracks = new Map<string, AlertTrack>();
  const evaluatedUntil = new Map<string, number>();
  const seenVersion = new Map<string, number>();
  let seenLatest = 0;

  const report = (state: DashboardStoreState, deviceId: string, metric: MetricInfo, change: AlertChange) => {
    const name = state.devices[deviceId]?.info.name ?? deviceId;
    if (change.kind === "raised") {
      alerts.getState().raise({
        device: deviceId,
        metric: metric.key,
        side: change.side,
        value: change.value,
        limit: change.limit,
        since: change.t,
      });
      state.logEvent({
        kind: "alert",
        level: "warning",
        device: deviceId,
        message: `Alert raised: ${name} ${metric.label.toLowerCase()} ${formatValue(change.value, metric.unit)} is ${change.side === "high" ? "above" : "below"} ${formatValue(change.limit, metric.unit)}`,
      });
    } else {
      alerts.getState().clear(deviceId, metric.key);
      state.logEvent({
        kind: "alert",
        level: "info",
        device: deviceId,
        message: `Alert cleared: ${name} ${metric.label.toLowerCase()} back to ${formatValue(change.value, metric.unit)}`,
      });
    }
  };

  /** Steps one metric of one device through samples `read(i)`, i in [from, to). */
  const step = (
    state: DashboardStoreState,
    deviceId: string,
    metric: MetricInfo,
    count: number,
    read: (i: number) => { t: number; v: number } | undefined,
  ) => {
    const key = `${deviceId}/${metric.key}`;
    const limits = thresholdsFor(alerts.getState().overrides, deviceId, metric);
    let track = tracks.get(key) ?? IDLE_TRACK;
    for (let i = 0; i < count; i++) {
      const sample = read(i);
      if (!sample) continue;
      const next = stepAlert(track, sample.t, sample.v, limits);
      track = next.track;
      if (next.change) report(state, deviceId, metric, next.change);
    }
    tracks.set(key, track);
  };

  const fromBuffers = (state: DashboardStoreState) => {
    for (const [deviceId, version] of Object.entries(state.seriesVersion)) {
      if (seenVersion.get(deviceId) === version) continue;
      seenVersion.set(deviceId, version);
      const device = state.devices[deviceId];
      const buffer = dashboard.series.get(deviceId);
      if (!device || !buffer || buffer.length === 0) continue;
      // The first pass over a device starts shortly before its newest sample: history replayed on
      // subscribe must not raise and clear alerts for episodes that ended long ago.
      const lastTime = buffer.timeAt(buffer.length - 1);
      const start = buffer.indexAfter(evaluatedUntil.get(deviceId) ?? lastTime - 2 * ALERT_HOLD_MS);
      if (start >= buffer.length) continue;
      evaluatedUntil.set(deviceId, lastTime);
      for (const metric of device.info.metrics) {
        const column = buffer.metricIndex(metric.key);
        if (column < 0) continue;
        step(state, deviceId, metric, buffer.length - start, (i) => ({
          t: buffer.timeAt(start + i),
          v: buffer.valueAt(column, start + i),
        }));
      }
    }
  };

  const fromLatest = (state: DashboardStoreState) => {
    const { latest } = dashboard;
    if (!latest || latest.version === seenLatest) return;
    const since = seenLatest;
    seenLatest = latest.version;
    for (const [deviceId, sample] of latest.changedSince(since)) {
      const device = state.devices[deviceId];
      // A charted device's buffer already holds this sample (and every one before it).
      if (!device || sample.t <= (evaluatedUntil.get(deviceId) ?? Number.NEGATIVE_INFINITY)) continue;
      evaluatedUntil.set(deviceId, sample.t);
      for (const metric of device.info.metrics) {
        const value = sample.values[metric.key];
        if (value !== undefined) step(state, deviceId, metric, 1, () => ({ t: sample.t, v: value }));
      }
    }
  };

  const timer = setInterval(() => {
    const state = dashboard.store.getState();
    fromBuffers(state);
    fromLatest(state);
  }, PASS_MS);
  return () => clearInterval(timer);
}
