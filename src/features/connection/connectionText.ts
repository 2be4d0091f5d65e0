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
      return { tone: "neutral", label: "Connecting" };
    case "live": {
      if (stats.reconnects === 0) return { tone: "ok", label: "Live" };
      const n = stats.recoveredOnLastReconnect;
      return {
        tone: "ok",
        label: "Live",
        detail: `reconnected, ${n} sample${n === 1 ? "" : "s"} recovered`,
      };
    }
    case "reconnecting": {
      const wait =
        connection.nextRetryAt === undefined
          ? "trying now"
          : `next try in ${Math.max(0, Math.ceil((connection.nextRetryAt - now) / 1000))} s`;
      return { tone: "warn", label: "Reconnecting", detail: `attempt ${connection.attempt}, ${wait}` };
    }
    case "offline":
      return { tone: "danger", label: "Offline", detail: "this computer has no network" };
    case "unauthorized":
      return { tone: "danger", label: "Unauthorized", detail: "sign-in needed" };
    case "incompatible":
      return {
        tone: "danger",
        label: "Incompatible server",
        detail: `it speaks protocol ${connection.serverProtocol}, this dashboard speaks ${PROTOCOL_VERSION}`,
      };
    case "stopped":
      return { tone: "neutral", label: "Disconnected" };
  }
}

/** Samples recovered by the last reconnect's replay; the first load's replay is not a recovery. */
export function recoveredText(
  stats: Pick<ConnectionStats, "reconnects" | "recoveredOnLastReconnect">,
): string {
  return stats.reconnects === 0 ? "none yet" : String(stats.recoveredOnLastReconnect);
}
