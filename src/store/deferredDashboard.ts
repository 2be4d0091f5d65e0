/**
 * The tab's dashboard before its live-data core has downloaded. The store, which the first render
 * selects, exists at once; the core (the socket client, reconnecting-websocket, the ring buffers,
 * the frame scheduler, command tracking, the session timeline, the event log's sentences) is a
 * chunk of its own, imported on the first `start`, `watch`, `setToken` or `onDataStored`: after
 * the first render, while the access flow asks `GET /api/me`, so the socket opens no later than
 * it did. What was asked before the core arrived is handed to it then; from then on every call
 * goes straight to it. docs/PERFORMANCE.md, "What the start page downloads", has the bytes.
 */
import { t } from "../i18n/i18n";
import { createDashboardStore } from "./createDashboardStore";
import type { Dashboard, DashboardHandle, DashboardOptions, DataStoredListener } from "./dashboardApi";

/** Builds the core on the given store (createDashboard, imported lazily). */
export type CoreFactory = (options: DashboardOptions) => Dashboard;

/** Retry delays (ms) when the core's chunk cannot be downloaded; the last one repeats. */
const RETRY_MS = [1000, 2000, 5000, 10_000];

/** A view's `watch` or a listener, kept until the core arrives, then its removal goes there. */
interface Registration {
  remove?: () => void;
  removed: boolean;
}

export function createDeferredDashboard(load: () => Promise<CoreFactory>): DashboardHandle {
  const store = createDashboardStore();
  let core: Dashboard | undefined;
  let loading = false;
  let failures = 0;
  let running = false;
  let token: { value: string | undefined } | undefined;
  const watches = new Map<Registration, { owner: string; ids: readonly string[] }>();
  const listeners = new Map<Registration, DataStoredListener>();

  const adopt = (create: CoreFactory): void => {
    core = create({ store, ...(token?.value === undefined ? {} : { token: token.value }) });
    for (const [registration, { owner, ids }] of watches) registration.remove = core.watch(owner, ids);
    for (const [registration, listener] of listeners) registration.remove = core.onDataStored(listener);
    watches.clear();
    listeners.clear();
    if (running) core.start();
  };
  const ensureLoading = (): void => {
    if (core || loading) return;
    loading = true;
    load().then(
      (create) => {
        loading = false;
        adopt(create);
      },
      (error: unknown) => {
        loading = false;
        console.error("The dashboard's live-data code could not be loaded; retrying", error);
        const delay = RETRY_MS[Math.min(failures++, RETRY_MS.length - 1)];
        setTimeout(ensureLoading, delay);
      },
    );
  };
  const register = <T>(pending: Map<Registration, T>, value: T, attach: (core: Dashboard) => () => void) => {
    if (core) return attach(core);
    ensureLoading();
    const registration: Registration = { removed: false };
    pending.set(registration, value);
    return () => {
      if (registration.removed) return;
      registration.removed = true;
      pending.delete(registration);
      registration.remove?.();
    };
  };

  return {
    store,
    series: { get: (id) => core?.series.get(id) },
    watch: (owner, ids) => register(watches, { owner, ids }, (ready) => ready.watch(owner, ids)),
    onDataStored: (listener) => register(listeners, listener, (ready) => ready.onDataStored(listener)),
    // Before the core is here no device is known: the answer validateCommandArgs gives for an
    // unknown one, without its code on the start page.
    validateCommand: (deviceId, name, args) =>
      core ? core.validateCommand(deviceId, name, args) : { "": t("commandCheck.unknownDevice") },
    sendCommand: (deviceId, name, args = {}) =>
      core
        ? core.sendCommand(deviceId, name, args)
        : { ok: false, errors: { "": t("commandCheck.unknownDevice") } },
    setToken(value) {
      if (core) return core.setToken(value);
      token = { value };
      ensureLoading();
    },
    serverNow: () => (core ? core.serverNow() : Date.now() + store.getState().clockOffsetMs),
    start() {
      running = true;
      if (core) core.start();
      else ensureLoading();
    },
    stop() {
      running = false;
      core?.stop();
    },
  };
}
