/** Tries a failed history load again when the connection comes back (the server is up again). */
import { useEffect, useEffectEvent } from "react";
import { useDashboard } from "../../store/useDashboard";

export function useRetryOnReconnect(failed: boolean, retry: () => void): void {
  const connected = useDashboard((s) => s.connection.status === "live");
  const retryIfFailed = useEffectEvent(() => {
    if (failed) retry();
  });
  useEffect(() => {
    if (connected) retryIfFailed();
  }, [connected]);
}
