import { Suspense, use, useState } from "react";
import type { TimeWindow } from "../ui/links";
import { ChunkErrorBoundary } from "./ChunkErrorBoundary";
import { deviceViewChunk } from "./deviceViewChunk";

interface DeviceViewProps {
  id: string;
  window: TimeWindow;
}

type DeviceViewModule = Awaited<ReturnType<typeof deviceViewChunk.load>>;

function LoadedDeviceView({ chunk, ...props }: DeviceViewProps & { chunk: Promise<DeviceViewModule> }) {
  // Once loaded, the module is used directly: reopening a device never flashes the loading state.
  const { DeviceView } = deviceViewChunk.loaded() ?? use(chunk);
  return <DeviceView {...props} />;
}

/** The device view, downloaded on first use, with a loading state and a retryable load error. */
export function DeviceViewRoute(props: DeviceViewProps) {
  // The attempt is held here, above the Suspense boundary, where state survives suspending: a
  // failed attempt stays failed (and shown) until Retry starts a new one, instead of the suspended
  // child starting a new download on every render.
  const [chunk, setChunk] = useState(() => deviceViewChunk.load());
  return (
    <ChunkErrorBoundary
      title="The device view could not be loaded"
      onRetry={() => setChunk(deviceViewChunk.load())}
    >
      <Suspense
        fallback={
          <section className="empty-state route-loading" aria-busy="true" aria-label="Device view">
            <p>Loading device view…</p>
          </section>
        }
      >
        <LoadedDeviceView chunk={chunk} {...props} />
      </Suspense>
    </ChunkErrorBoundary>
  );
}
