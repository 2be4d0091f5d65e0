import { t } from "../../i18n/i18n";
import { PROTOCOL_VERSION } from "../../protocol/constants";
import type { ConnectionState, ConnectionStats } from "../../store/dashboardTypes";

/** How the connection is shown: a short label, an optional detail, and a tone for the icon. */
export interface ConnectionView {
  tone: "ok" | "warn" | "danger" | "neutral";
  label: string;
  detail?: string;
}

/** Words for the connection state; `now` is the local clock (for the retry countdown). */
export function describeConnection(
  connection: ConnectionState,
  stats: Pick<ConnectionStats, "reconnects" | "recoveredOnLastReconnect">,
  now: number,
): ConnectionView {
  switch (connection.status) {
    case "connecting":
      return { tone: "neutral", label: t("connection.connecting") };
    case "live": {
      if (stats.reconnects === 0) return { tone: "ok", label: t("connection.live") };
      const n = stats.recoveredOnLastReconnect;
      return {
        tone: "ok",
        label: t("connection.live"),
        detail: t("connection.reconnected", { count: n }),
      };
    }
    case "reconnecting": {
      const wait =
        connection.nextRetryAt === undefined
          ? t("connection.tryingNow")
          : t("connection.nextTry", {
              seconds: Math.max(0, Math.ceil((connection.nextRetryAt - now) / 1000)),
            });
      return {
        tone: "warn",
        label: t("connection.reconnecting"),
        detail: t("connection.attempt", { attempt: connection.attempt, wait }),
      };
    }
    case "offline":
      return { tone: "danger", label: t("connection.offline"), detail: t("connection.offlineDetail") };
    case "unauthorized":
      return {
        tone: "danger",
        label: t("connection.unauthorized"),
        detail: t("connection.unauthorizedDetail"),
      };
    case "incompatible":
      return {
        tone: "danger",
        label: t("connection.incompatible"),
        detail: t("connection.incompatibleDetail", {
          server: connection.serverProtocol,
          client: PROTOCOL_VERSION,
        }),
      };
    case "stopped":
      return { tone: "neutral", label: t("connection.disconnected") };
  }
}

/** Samples recovered by the last reconnect's replay; the first load's replay is not a recovery. */
export function recoveredText(
  stats: Pick<ConnectionStats, "reconnects" | "recoveredOnLastReconnect">,
): string {
  return stats.reconnects === 0 ? t("connection.noneYet") : String(stats.recoveredOnLastReconnect);
}
