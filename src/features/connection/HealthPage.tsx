import { t } from "../../i18n/i18n";
import { HealthPanel } from "./HealthPanel";

/** The Health page: this tab's link and the server's own health. */
export function HealthPage() {
  return (
    <>
      <h1 className="page-title">{t("health.title")}</h1>
      <HealthPanel />
    </>
  );
}
