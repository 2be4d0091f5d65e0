import { t } from "../../i18n/i18n";
import { useDashboard } from "../../store/useDashboard";
import { serverHealthRows } from "./serverText";

/** The server's own health as it reports it (`serverStats`), beside this tab's link. */
export function ServerHealth({ now }: { now: number }) {
  const stats = useDashboard((s) => s.serverStats);
  return (
    <section className="panel health-panel" aria-labelledby="server-health-title">
      <h2 id="server-health-title">{t("health.server")}</h2>
      <dl className="health-grid">
        {serverHealthRows(stats, now).map(([term, value]) => (
          <div key={term} className="health-row">
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
