/**
 * Starts the gateway's alerting: the alert log (in the history store's database when there is one,
 * else in memory), the alert service and, with `--webhook`, the notifier. One call for gateway.ts.
 */
import type { Registry } from "prom-client";
import type { AlertInfo, WebhookStatus } from "../../../src/protocol/messages";
import { addAlertMetrics } from "../metrics";
import type { ResolvedOptions } from "../options";
import type { HistoryStore } from "../store/historyStore";
import { type AlertLog, MemoryAlertLog } from "./alertLog";
import { AlertService, type ServiceDevice } from "./alertService";
import { openSqlAlertLog } from "./sqlAlertLog";
import { storeEngine } from "./storeEngine";
import { WebhookNotifier } from "./webhooks";

/** The running alerting of one gateway. */
export interface Alerting {
  service: AlertService;
  /** How the webhooks fare, or undefined without `--webhook`. */
  webhooks(): WebhookStatus | undefined;
  /** Flushes the log and stops the timers; the store is closed by its owner afterwards. */
  close(): Promise<void>;
}

export interface AlertingOptions {
  options: Pick<ResolvedOptions, "webhooks" | "webhookSecret" | "log">;
  store: HistoryStore | undefined;
  devices(): readonly ServiceDevice[];
  broadcast(json: string, changed: readonly AlertInfo[]): void;
  registry: Registry;
  /** This server run's id: the owner of the webhook claims it makes. */
  owner: string;
  now(): number;
}

async function openLog(
  store: HistoryStore | undefined,
  notifying: boolean,
  log: (line: string) => void,
): Promise<AlertLog> {
  if (!store) return new MemoryAlertLog(notifying);
  const engine = storeEngine(store);
  if (engine) return openSqlAlertLog(engine, notifying);
  log("alerts: the history store exposes no SQL engine; alert rules and alerts are kept in memory only");
  return new MemoryAlertLog(notifying);
}

/** Opens the log, loads rules and open alerts, and starts the notifier when webhooks are set. */
export async function startAlerting(input: AlertingOptions): Promise<Alerting> {
  const { options, now } = input;
  const notifying = options.webhooks.length > 0;
  const log = await openLog(input.store, notifying, options.log);
  let service: AlertService | undefined;
  const metrics = addAlertMetrics(input.registry, {
    open: () => service?.engine.open().length ?? 0,
    logDropped: () => log.dropped,
  });
  service = await AlertService.start({
    log,
    devices: input.devices,
    broadcast: input.broadcast,
    metrics,
    now,
  });
  const notifier = notifying
    ? new WebhookNotifier({
        urls: options.webhooks,
        secret: options.webhookSecret,
        log,
        owner: input.owner,
        metrics,
        now,
      })
    : undefined;
  const started = service;
  return {
    service: started,
    webhooks: () =>
      notifier && { urls: options.webhooks.length, pending: notifier.pending, ...notifier.counts },
    close: async () => {
      notifier?.close();
      await started.close();
    },
  };
}
