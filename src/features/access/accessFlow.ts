/**
 * Whether the tab may show the fleet, and as whom: asks `GET /api/me` before the socket opens,
 * opens it once let in, and goes back to the sign-in page when the server refuses (the socket
 * closed with 4401, an API call answered 401). React never calls the socket: the sign-in page and
 * the header call this flow, which calls the dashboard core.
 */

import { t } from "../../i18n/i18n";
import type { DashboardHandle } from "../../store/dashboardApi";
import { getDashboard } from "../../store/dashboardInstance";
import type { AccessInfo } from "../../store/dashboardTypes";
import { forgetToken, onUnauthorized, savedToken, saveToken } from "../../ui/accessToken";
import { fetchMe, LOGOUT_PATH } from "./meApi";

export interface AccessFlow {
  /** Asks `/api/me` once (idempotent) and listens for refusals until `stop`. */
  start(): void;
  stop(): void;
  /** The sign-in page let the user in: with a token (kept for the tab) or a session cookie. */
  signedIn(access: AccessInfo | undefined, token?: string): void;
  /** Ends the session (or forgets the token) and shows the sign-in page. */
  signOut(): Promise<void>;
}

/** Why the sign-in page shows again, from the socket's close reason ("session ended", "signed out"). */
export function endedText(reason: string | undefined): string {
  if (reason === "signed out") return t("access.signedOut");
  if (reason && reason !== "session ended") return t("access.serverClosed", { reason });
  return t("access.sessionEnded");
}

export function createAccessFlow(dashboard: DashboardHandle, fetchImpl: typeof fetch = fetch): AccessFlow {
  const { store } = dashboard;
  let checked = false;
  let stops: (() => void)[] = [];
  let generation = 0;

  const setAccess = store.getState().setAccess;
  /** `refusal`: why the server turned us away; `bySocket`: a 4401, not an API call's 401. */
  const check = async (refusal?: string, bySocket = false): Promise<void> => {
    const mine = ++generation;
    const answer = await fetchMe(savedToken(), fetchImpl);
    if (mine !== generation) return;
    if (answer.kind === "signIn") {
      dashboard.stop();
      setAccess({ status: "signIn", password: answer.password, token: answer.token, reason: refusal });
    } else if (bySocket) {
      // /api/me lets us in but the socket was refused (an older server with `--token`): only the
      // user can break this loop, with a token.
      dashboard.stop();
      setAccess({ status: "signIn", password: false, token: true, reason: refusal });
    } else {
      setAccess({ status: "granted", ...(answer.kind === "granted" ? { access: answer.access } : {}) });
      dashboard.setToken(savedToken());
      dashboard.start();
    }
  };
  const refused = (bySocket: boolean, reason?: string) => {
    if (store.getState().access.status === "signIn") return;
    void check(endedText(reason), bySocket);
  };

  return {
    start() {
      if (stops.length > 0) return;
      stops = [
        store.subscribe((state, previous) => {
          if (state.connection.status === "unauthorized" && previous.connection.status !== "unauthorized")
            refused(true, state.connection.reason);
        }),
        // An API call's 401 that /api/me does not confirm changes nothing.
        onUnauthorized(() => refused(false)),
      ];
      if (!checked) {
        checked = true;
        void check();
      }
    },
    stop() {
      for (const stop of stops) stop();
      stops = [];
    },
    signedIn(access, token) {
      generation++;
      if (token === undefined) forgetToken();
      else saveToken(token);
      setAccess({ status: "granted", ...(access ? { access } : {}) });
      dashboard.setToken(token);
      dashboard.start();
    },
    async signOut() {
      const via = store.getState().access;
      dashboard.stop();
      forgetToken();
      dashboard.setToken(undefined);
      if (via.status === "granted" && via.access?.via === "session") {
        await fetchImpl(LOGOUT_PATH, { method: "POST" }).catch(() => undefined);
      }
      await check();
    },
  };
}

let flow: AccessFlow | undefined;

/** The tab's access flow, on the tab's dashboard. */
export function getAccessFlow(): AccessFlow {
  flow ??= createAccessFlow(getDashboard());
  return flow;
}
