/**
 * Runs the alert evaluator over the samples that arrived since the last pass, for every device
 * whose series changed, and reports raised/cleared alerts to the alert store and the event log.
 */
import { formatValue } from "../../charts/format";
import type { Dashboard } from "../../store/createDashboard";
import { ALERT_HOLD_MS, type AlertTrack, IDLE_TRACK, stepAlert } from "./alertEvaluator";
import { type AlertStore, thresholdsFor } from "./alertStore";

/** How often the monitor looks at new samples (ms). */
const PASS_MS = 250;

/** Starts monitoring; returns a function that stops it. */
export function startAlertMonitor(dashboard: Dashboard, alerts: AlertStore): () => void {
  const tracks = new Map<string, AlertTrack>();
  const evaluatedUntil = new Map<string, number>();
  const seenVersion = new Map<string, number>();

  const pass = () => {
    const state = dashboard.store.getState();
    const { overrides } = alerts.getState();
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
      evaluatedUntil.set(deviceId, lastTime);
      for (const metric of device.info.metrics) {
        const column = buffer.metricIndex(metric.key);
        if (column < 0) continue;
        const limits = thresholdsFor(overrides, deviceId, metric);
        const key = `${deviceId}/${metric.key}`;
        let track = tracks.get(key) ?? IDLE_TRACK;
        for (let i = start; i < buffer.length; i++) {
          const step = stepAlert(track, buffer.timeAt(i), buffer.valueAt(column, i), limits);
          track = step.track;
          const change = step.change;
          if (!change) continue;
          const name = device.info.name;
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
        }
        tracks.set(key, track);
      }
    }
  };

  const timer = setInterval(pass, PASS_MS);
  return () => clearInterval(timer);
}
