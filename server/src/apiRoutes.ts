/**
 * The gateway's `/api/` routes by path: sign-in (`/api/login`, `/api/logout`, `/api/me`), the
 * history API (v1.2), the alerts API (v1.3) and the logbook (`/api/events`, v1.4). Every route but
 * sign-in goes through the access guard (access/accessApi.ts), which finds the actor (session
 * cookie or bearer token) and checks its role; reads need `watch`, and the alerts API checks
 * `acknowledge` and `edit_rules` itself.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { ALERT_RULES_API_PATH, ALERTS_API_PATH, EVENTS_API_PATH } from "../../src/protocol/constants";
import { type AccessApiContext, accessRoutes, guard } from "./access/accessApi";
import type { AuditSink } from "./access/actor";
import { AUDIT_API_PATH, handleAudit } from "./access/auditApi";
import type { AuditLog } from "./access/auditRecord";
import type { AlertService } from "./alerts/alertService";
import { handleAlerts } from "./alerts/alertsApi";
import type { Fleet } from "./fleet";
import { handleHistory } from "./historyApi";
import { handleEvents } from "./logbook/eventsApi";
import type { Logbook } from "./logbook/logbook";
import type { ServerMetrics } from "./metrics";
import { HISTORY_API_PATH, type Recorder } from "./recorder";
import type { ViewStore } from "./views/viewStore";
import { viewsRoutes } from "./views/viewsApi";

type Route = (req: IncomingMessage, res: ServerResponse) => void;

/** What the routes read. */
export interface ApiContext {
  fleet: Fleet;
  recorder: Recorder;
  alerts: AlertService;
  metrics: ServerMetrics;
  now(): number;
  /** The fleet's logbook (`/api/events`, v1.4). */
  logbook?: Logbook;
  /** Who may do what, and the sign-in routes' settings. */
  access: AccessApiContext;
  audit: AuditSink;
  /** The audit log `GET /api/audit` reads (admin). */
  auditLog: AuditLog;
  /** The team's saved views (`/api/views`, docs/VIEWS.md). */
  views?: ViewStore;
}

/** Every `/api/` route; a key ending in `/` also serves the paths below it (`/api/alerts/{id}/ack`). */
export function apiRoutes(ctx: ApiContext): Record<string, Route> {
  const { fleet, recorder, alerts, metrics, now, audit } = ctx;
  const alertsRoute = guard(ctx.access, "watch", (req, res, actor) =>
    handleAlerts(req, res, { alerts, now, audit, hasDevice: (id) => fleet.byId.has(id) }, actor),
  );
  const logbook = ctx.logbook;
  return {
    ...accessRoutes(ctx.access),
    // It checks the actor and `read_audit` itself (a read: no origin check needed).
    [AUDIT_API_PATH]: (req, res) =>
      void handleAudit(req, res, {
        audit: ctx.auditLog,
        actorOf: async (request) => (await ctx.access.access.fromRequest(request))?.actor,
        now,
      }),
    [HISTORY_API_PATH]: guard(ctx.access, "watch", (req, res) =>
      handleHistory(req, res, {
        fleet,
        recorder,
        now,
        observe: (seconds) => metrics.historyQuery.observe(seconds),
      }),
    ),
    [ALERTS_API_PATH]: alertsRoute,
    [`${ALERTS_API_PATH}/`]: alertsRoute,
    [ALERT_RULES_API_PATH]: alertsRoute,
    [`${ALERT_RULES_API_PATH}/`]: alertsRoute,
    ...viewsRoutes(ctx.access, ctx.views && { views: ctx.views, hasDevice: (id) => fleet.byId.has(id), now }),
    ...(logbook
      ? {
          [EVENTS_API_PATH]: guard(ctx.access, "watch", (req, res) =>
            handleEvents(req, res, { logbook, now }),
          ),
        }
      : {}),
  };
}
