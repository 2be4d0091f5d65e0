import { t } from "../../i18n/i18n";
import { getDashboard } from "../../store/dashboardInstance";
import { useDashboard } from "../../store/useDashboard";

export interface PauseControlProps {
  deviceId: string;
  pausedAt?: number;
  onPause(): void;
  onResume(): void;
}

/** Pause/Resume, and while paused how many samples arrived underneath. */
export function PauseControl({ deviceId, pausedAt, onPause, onResume }: PauseControlProps) {
  const paused = pausedAt !== undefined;
  useDashboard((s) => (paused ? s.seriesVersion[deviceId] : 0));
  let fresh = 0;
  if (paused) {
    const buffer = getDashboard().series.get(deviceId);
    fresh = buffer ? buffer.length - buffer.indexAfter(pausedAt) : 0;
  }
  return (
    <div className="pause-control">
      <button
        type="button"
        className={paused ? "btn btn-primary" : "btn"}
        aria-pressed={paused}
        onClick={paused ? onResume : onPause}
      >
        {paused ? t("device.resumeLive") : t("device.pause")}
      </button>
      {paused && <span className="new-samples">{t("device.newSamples", { count: fresh })}</span>}
    </div>
  );
}
