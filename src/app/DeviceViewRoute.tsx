import { Suspense, use, useState } from "react";
import { estimatedPoints, prefetchHistory, spanKey } from "../features/history/historyPrefetch";
import { t } from "../i18n/i18n";
import { getDashboard } from "../store/dashboardInstance";
import { savedToken } from "../ui/accessToken";
import { isLiveWindow, type TimeRange, type TimeWindow, WINDOW_MS } from "../ui/links";
import { ChunkErrorBoundary } from "./ChunkErrorBoundary";
import { deviceViewChunk } from "./deviceViewChunk";

interface DeviceViewProps {
  id: string;
  window: TimeWindow;
  range?: TimeRange;
}

type DeviceViewModule = Awaited<ReturnType<typeof deviceViewChunk.load>>;

function LoadedDeviceView({ chunk, ...props }: DeviceViewProps & { chunk: Promise<DeviceViewModule> }) {
  // Once loaded, the module is used directly: reopening a device never flashes the loading state.
  const { DeviceView } = deviceViewChunk.loaded() ?? use(chunk);
  return <DeviceView {...props} />;
}

/**
 * A long window's history is asked for while the view's code downloads (the view adopts the
 * answer). Before `welcome` the API is assumed at its usual path; an older server's refusal is
 * then reported by the view, which knows from `welcome` whether to ask at all.
 */
function prefetch({ id, window, range }: DeviceViewProps): void {
  // Once the view's code is here, the view asks itself at once.
  if ((!range && isLiveWindow(window)) || deviceViewChunk.loaded()) return;
  const dashboard = getDashboard();
  const windowMs = WINDOW_MS[window];
  const to = range?.to ?? dashboard.serverNow();
  prefetchHistory({
    api: dashboard.store.getState().history?.api ?? "/api/history",
    device: id,
    from: range?.from ?? to - windowMs,
    to,
    points: estimatedPoints(globalThis.innerWidth ?? 1280),
    token: savedToken(),
    span: spanKey(range, windowMs),
  });
}

/** The device view, downloaded on first use, with a loading state and a retryable load error. */
export function DeviceViewRoute(props: DeviceViewProps) {
  // The attempt is held here, above the Suspense boundary, where state survives suspending: a
  // failed attempt stays failed (and shown) until Retry starts a new one, instead of the suspended
  // child starting a new download on every render.
  // The history request starts with the code download, before the first paint (an effect would
  // run a frame later, behind the start-up work of the page).
  const [chunk, setChunk] = useState(() => {
    prefetch(props);
    return deviceViewChunk.load();
  });
  return (
    <ChunkErrorBoundary
      title={t("page.deviceViewLoadFailed")}
      onRetry={() => setChunk(deviceViewChunk.load())}
    >
      <Suspense
        fallback={
          <section
            className="empty-state route-loading"
            aria-busy="true"
            aria-label={t("page.deviceViewLabel")}
          >
            <p>{t("page.loading", { page: t("page.deviceView") })}</p>
          </section>
        }
      >
        <LoadedDeviceView chunk={chunk} {...props} />
      </Suspense>
    </ChunkErrorBoundary>
  );
}
