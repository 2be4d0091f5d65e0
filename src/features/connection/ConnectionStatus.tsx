import { useEffect, useState } from "react";
import { useDashboard } from "../../store/useDashboard";
import { StatusIcon } from "../../ui/StatusIcon";
import { describeConnection } from "./connectionText";
import { useThrottledValue } from "./useThrottledValue";
import "./connection.css";

/**
 * The always-visible connection status. It is the page's one `role="status"` region (polite);
 * the label is throttled so a flapping link is not read out many times a second, and the
 * countdown is hidden from assistive tech so it is not announced every second.
 */
export function ConnectionStatus() {
  const connection = useDashboard((s) => s.connection);
  const reconnects = useDashboard((s) => s.stats.reconnects);
  const recovered = useDashboard((s) => s.stats.recoveredOnLastReconnect);
  const [now, setNow] = useState(() => Date.now());
  const counting = connection.status === "reconnecting";
  useEffect(() => {
    if (!counting) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [counting]);

  const view = describeConnection(connection, { reconnects, recoveredOnLastReconnect: recovered }, now);
  const shown = useThrottledValue(view.label, 1000);
  const current = shown === view.label ? view : { ...view, detail: undefined, label: shown };
  return (
    <div className={`connection-status tone-${current.tone}`} role="status">
      <StatusIcon tone={current.tone} />
      <strong>{current.label}</strong>
      {current.detail && (
        <span className="connection-detail" aria-hidden={counting}>
          {current.detail}
        </span>
      )}
    </div>
  );
}
