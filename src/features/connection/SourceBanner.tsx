import { useEffect, useState } from "react";
import { t } from "../../i18n/i18n";
import { getDashboard } from "../../store/dashboardInstance";
import { useDashboard } from "../../store/useDashboard";
import { sourceOutage } from "./sourceText";

/**
 * A banner while the server is live but cannot reach its MQTT broker, so an operator does not
 * read "every device offline" as every device failing. Hidden when the dashboard itself is not
 * live: the connection status says that, and the last source report would be stale.
 */
export function SourceBanner() {
  const source = useDashboard((s) => s.source);
  const live = useDashboard((s) => s.connection.status === "live");
  const down = live && source?.connected === false;
  const [now, setNow] = useState(() => getDashboard().serverNow());
  useEffect(() => {
    if (!down) return;
    setNow(getDashboard().serverNow());
    const timer = setInterval(() => setNow(getDashboard().serverNow()), 5000);
    return () => clearInterval(timer);
  }, [down]);
  const text = down ? sourceOutage(source, now) : undefined;
  if (!text) return null;
  return (
    <p className="panel source-banner" role="alert">
      <strong>{t("source.downTitle")}</strong> {text}
    </p>
  );
}
