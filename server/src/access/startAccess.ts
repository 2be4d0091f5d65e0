/**
 * Opens the gateway's access layer beside the store: users from `options.users`, the store's
 * PostgreSQL tables or `users.json` in the data dir; sessions in the store's database (memory
 * without one); the audit log (auditLog.ts, expired hourly); and the sweep that, every
 * `SWEEP_MS`, reports the users command line's changes to the audit log and closes with 4401 the
 * sockets whose session or user ended.
 */
import { CLOSE_CODES } from "../../../src/protocol/constants";
import { storeEngine } from "../alerts/storeEngine";
import type { ResolvedOptions } from "../options";
import type { HistoryStore } from "../store/historyStore";
import { TieredStore } from "../store/tieredStore";
import { AccessControl, type Admission } from "./accessControl";
import type { AuditSink } from "./actor";
import { openAuditLog } from "./auditLog";
import type { AuditLog } from "./auditRecord";
import { openFileDirectory } from "./fileDirectory";
import { createMemorySessions, openSqlSessions, type SessionStore } from "./sessionStore";
import { openSqlDirectory } from "./sqlDirectory";
import type { UserDirectory } from "./userDirectory";

/** How often ended sessions are looked for (their sockets close within this), ms. */
export const SWEEP_MS = 2000;
/** How often audit lines past `--retention-audit` are deleted, ms. */
const AUDIT_EXPIRE_MS = 3_600_000;

/** A connection the sweep may close. */
export interface AdmittedClient {
  readonly admitted: Admission | undefined;
  close(code: number, reason: string): void;
}

export interface RunningAccess {
  control: AccessControl;
  /** The durable audit log (`GET /api/audit`). */
  log: AuditLog;
  /** Where audit lines go: the log, and `options.audit` too when given. */
  audit: AuditSink;
  /** Closes the sockets of session `id` (a digest) at once (this server's; others at their sweep). */
  endSession(id: string): void;
  /** Stops the timers and closes the audit log (what waits is written first). */
  close(): Promise<void>;
}

async function openDirectory(options: ResolvedOptions, store: HistoryStore | undefined) {
  if (options.users) return options.users;
  const engine = storeEngine(store);
  if (options.store && engine) return openSqlDirectory(engine.read);
  if (options.data && !options.store) return openFileDirectory(options.data);
  return undefined;
}

/** Opens users, sessions and the audit log, reads whether access is required, and starts the sweep over `clients`. */
export async function startAccess(
  options: ResolvedOptions,
  store: HistoryStore | undefined,
  clients: () => Iterable<AdmittedClient>,
): Promise<RunningAccess> {
  const directory: UserDirectory | undefined = await openDirectory(options, store);
  const engine = storeEngine(store);
  const sessions = engine ? await openSqlSessions(engine) : createMemorySessions();
  const log = await openAuditLog(store, { retentionMs: options.retentionAudit, log: options.log });
  // The audit trail is under --store-max-bytes like the logbook: oldest lines first (STORAGE.md).
  if (store instanceof TieredStore) store.capTable({ table: "audit_log", time: "at" });
  const extra = options.audit;
  const audit: AuditSink = extra
    ? {
        append: (entry) => {
          log.append(entry);
          extra.append(entry);
        },
      }
    : log;
  try {
    return await start(options, directory, sessions, log, audit, clients);
  } catch (error) {
    await log.close();
    throw error;
  }
}

async function start(
  options: ResolvedOptions,
  directory: UserDirectory | undefined,
  sessions: SessionStore,
  log: AuditLog,
  audit: AuditSink,
  clients: () => Iterable<AdmittedClient>,
): Promise<RunningAccess> {
  const control = new AccessControl({
    token: options.token,
    directory,
    sessions,
    audit,
    idleMs: options.sessionIdle,
    maxMs: options.sessionMax,
    now: () => Date.now(),
  });
  await control.refresh();
  // Bound to loopback (tests, a laptop) only this machine can reach it: no need to shout.
  const loopback = ["127.0.0.1", "::1", "localhost"].includes(options.host);
  if (control.open && !loopback)
    options.log(
      "access: OPEN - no users and no --token, so anyone who can reach this port may watch, send commands and edit rules; add a user with `npm run users -- add NAME --role admin` (docs/SECURITY.md)",
    );
  let sweeping = false;
  let lastError: string | undefined;
  const sweep = async (): Promise<void> => {
    if (sweeping) return;
    sweeping = true;
    try {
      await control.refresh();
      const held = [...clients()].filter((client) => client.admitted);
      const ended = await control.ended(held.map((client) => client.admitted as Admission));
      for (const client of held)
        if (ended.has(client.admitted as Admission)) client.close(CLOSE_CODES.unauthorized, "session ended");
      lastError = undefined;
    } catch (error) {
      const message = (error as Error).message;
      if (message !== lastError) options.log(`access: cannot check sessions and users: ${message}`);
      lastError = message;
    } finally {
      sweeping = false;
    }
  };
  const expire = () => void log.expire(Date.now()).catch(() => {});
  const timers = [setInterval(() => void sweep(), SWEEP_MS), setInterval(expire, AUDIT_EXPIRE_MS)];
  for (const timer of timers) timer.unref();
  return {
    control,
    log,
    audit,
    endSession: (id) => {
      for (const client of clients())
        if (client.admitted?.actor.sessionId === id) client.close(CLOSE_CODES.unauthorized, "signed out");
    },
    close: async () => {
      for (const timer of timers) clearInterval(timer);
      await log.close();
    },
  };
}
