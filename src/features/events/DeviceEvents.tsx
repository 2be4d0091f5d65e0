import { useMemo } from "react";
import { EventLog } from "./EventLog";
import { LogbookPanel } from "./LogbookPanel";
import { EMPTY_QUERY } from "./logbookQuery";
import "./events.css";
import { t } from "../../i18n/i18n";

/** The device view's "Device events": the server's logbook for this device (including what
 * happened before the page was opened), then what this tab saw of it. */
export function DeviceEvents({ device }: { device: string }) {
  const query = useMemo(() => ({ ...EMPTY_QUERY, device }), [device]);
  return (
    <section className="panel event-log" aria-labelledby="device-events-title">
      <h2 id="device-events-title">{t("events.device")}</h2>
      <LogbookPanel query={query} pageSize={20} showDevice={false} />
      <EventLog device={device} title={t("events.seenByTab")} limit={50} level={3} />
    </section>
  );
}
