/**
 * The gateway's `/api/` routes by path: the history API (v1.2), the alerts API (v1.3) and the
 * logbook (`/api/events`, v1.4). Each
 * handler checks the same token as `/ws` and answers JSON errors naming what was wrong.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { ALERT_RULES_API_PATH, ALERTS_API_PATH, EVENTS_API_PATH } from "../../src/protocol/constants";
import type { AlertService } from "./alerts/alertService";
import { handleAlerts } from "./alerts/alertsApi";
import type { Fleet } from "./fleet";
import { handleHistory } from "./historyApi";
import { handleEvents } from "./logbook/eventsApi";
import type { Logbook } from "./logbook/logbook";
import type { ServerMetrics } from "./metrics";
import { HISTORY_API_PATH, type Recorder } from "./recorder";

type Route = (req: IncomingMessage, res: ServerResponse) => void;

/** What the routes read. */
export interface ApiContext {
  fleet: Fleet;
  recorder: Recorder;
  alerts: AlertService;
  metrics: ServerMetrics;
  token: string | undefined;
  now(): number;
  /** The fleet's logbook (`/api/events`, v1.4). */
  logbook?: Logbook;
}

/** Every `/api/` route; a key ending in `/` also serves the paths below it (`/api/alerts/{id}/ack`). */
export function apiRoutes(ctx: ApiContext): Record<string, Route> {
  const { fleet, recorder, alerts, metrics, token, now } = ctx;
  const alertsRoute: Route = (req, res) =>
    void handleAlerts(req, res, { alerts, token, now, hasDevice: (id) => fleet.byId.has(id) });
  return {
    [HISTORY_API_PATH]: (req, res) =>
      void handleHistory(req, res, {
        fleet,
        recorder,
        token,
        now,
        observe: (seconds) => metrics.historyQuery.observe(seconds),
      }),
    [ALERTS_API_PATH]: alertsRoute,
    [`${ALERTS_API_PATH}/`]: alertsRoute,
    [ALERT_RULES_API_PATH]: alertsRoute,
    [`${ALERT_RULES_API_PATH}/`]: alertsRoute,
    ...(ctx.logbook
      ? {
          [EVENTS_API_PATH]: (req, res) =>
            void handleEvents(req, res, { logbook: ctx.logbook as Logbook, token, now }),
        }
      : {}),
  };
}
