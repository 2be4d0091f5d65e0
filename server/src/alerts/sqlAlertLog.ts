/**
 * The alert log in the history store's database (DuckDB with `--data`, PostgreSQL with `--store`):
 * tables `alert_rules`, `alert_state` (one row per alert) and `alert_events` (one row per
 * transition, unique by its event id, so servers sharing PostgreSQL store each transition once;
 * its claim columns are the webhook queue). Every write is one autocommitted statement on the
 * engine's read side, never a transaction on its write side, so it cannot interleave with the
 * history commits (DuckDB runs both sides on one worker, with one open transaction per connection).
 */

import type { AlertAck, AlertInfo, AlertRule, AlertState } from "../../../src/protocol/messages";
import { BatchWriter } from "../batchWriter";
import { appendOrFallBack, bind, createTables, EVENT_WRITE_MS } from "../sqlJournal";
import type { SqlEngine } from "../store/sqlEngine";
import type { AckResult, AlertFilter, AlertLog, StoredAlert, StoredRule } from "./alertLog";
import { alertSchema } from "./alertSchema";
import type { Transition } from "./engine";

/** Transitions waiting for the database (it may be down) before new ones are dropped and counted. */
export const WRITE_QUEUE = 50_000;
/**
 * How often waiting transitions are written, ms (`EVENT_WRITE_MS`, once a second): the simulated
 * fleet's default rules make ~150-290 transitions a second, and on DuckDB each batch's statements
 * cost ~1-3.5 ms of CPU each whatever their size up to a few dozen rows, `alert_state`'s upsert
 * more: at 100 ms the alert log and the logbook took ~7 points of a core, at 250 ms ~5 more than
 * at 1 s. A `kill -9` loses at most this window of transitions plus a write in flight.
 */
const WRITE_MS = EVENT_WRITE_MS;
/** Rows per INSERT. */
const CHUNK = 200;
/** A claim not renewed for this long is taken over by another server (its claimer died). */
export const CLAIM_LEASE_MS = 120_000;
/** Transitions older than this are not notified any more (the retry window is over). */
export const NOTIFY_WINDOW_MS = 600_000;

const STATE_COLUMNS =
  "id, rule_id, device, metric, state, since, value, ack_by, ack_at, ack_comment, severity, started_at, fired, steps";

function num(value: number | null | undefined): string {
  return typeof value === "number" && Number.isFinite(value) ? String(value) : "NULL";
}

const finite = (value: number | null | undefined): number | null =>
  typeof value === "number" && Number.isFinite(value) ? value : null;

function toStored(row: unknown[]): StoredAlert {
  const [id, rule, device, metric, state, since, value, by, at, comment, severity, startedAt, fired, steps] =
    row;
  const acknowledged =
    by === null || by === undefined
      ? null
      : { by: String(by), at: Number(at), comment: String(comment ?? "") };
  const alert: AlertInfo = {
    id: String(id),
    rule: String(rule),
    device: String(device),
    metric: String(metric),
    state: state as AlertState,
    since: Number(since),
    value: value === null || value === undefined ? null : Number(value),
    acknowledged,
    severity: severity as AlertInfo["severity"],
  };
  return { alert, startedAt: Number(startedAt), fired: Number(fired) === 1, steps: Number(steps) };
}

/** Creates the alert tables if absent and returns the log. */
export async function openSqlAlertLog(engine: SqlEngine, notifying: boolean): Promise<AlertLog> {
  await createTables(engine, alertSchema(engine.name));
  return new SqlAlertLog(engine, notifying);
}

class SqlAlertLog implements AlertLog {
  private readonly queue = new BatchWriter<Transition>(WRITE_QUEUE, CHUNK, async (batch) => {
    await this.insertEvents(batch);
    await this.upsertStates(batch);
  });
  private readonly timer: NodeJS.Timeout;
  readonly shared: boolean;

  constructor(
    private readonly engine: SqlEngine,
    private readonly notifying: boolean,
  ) {
    this.shared = engine.name === "postgres";
    this.timer = setInterval(() => void this.flush().catch(() => {}), WRITE_MS);
    this.timer.unref();
  }

  private run(sql: string, params: readonly string[] = []): Promise<unknown[][]> {
    return this.engine.read.run(sql, params);
  }

  async rules(): Promise<StoredRule[]> {
    const rows = await this.run("SELECT body, active_from FROM alert_rules ORDER BY id");
    return rows.map(([body, activeFrom]) => ({
      rule: JSON.parse(String(body)) as AlertRule,
      activeFrom: Number(activeFrom),
    }));
  }

  async saveRule({ rule, activeFrom }: StoredRule): Promise<void> {
    await this.run(
      `INSERT INTO alert_rules (id, body, active_from) VALUES ($1, $2, ${num(activeFrom)}) ON CONFLICT (id) DO UPDATE SET body = excluded.body, active_from = excluded.active_from`,
      [rule.id, JSON.stringify(rule)],
    );
  }

  async deleteRule(id: string): Promise<boolean> {
    const rows = await this.run("DELETE FROM alert_rules WHERE id = $1 RETURNING id", [id]);
    return rows.length > 0;
  }

  record(transition: Transition): boolean {
    return this.queue.add(transition);
  }

  /** Transitions refused because the write queue was full. */
  get dropped(): number {
    return this.queue.dropped;
  }

  /** Writes what waits, one batch at a time; a failed batch stays for the next turn. */
  flush(): Promise<void> {
    return this.queue.flush();
  }

  private async insertEvents(batch: readonly Transition[]): Promise<void> {
    if (await this.appendEvents(batch)) return;
    const params: string[] = [];
    const rows = batch.map((t) => {
      const [event, id, device, state, alert, rule] = bind(
        params,
        t.event,
        t.alert.id,
        t.alert.device,
        t.state,
        JSON.stringify(t.alert),
        JSON.stringify(t.rule),
      );
      // A server without webhooks leaves its transitions marked notified, so none piles up unsent.
      return `(${event}, ${id}, ${device}, ${state}, ${num(t.at)}, ${num(t.alert.value)}, ${alert}, ${rule}, ${this.notifying ? "NULL" : num(t.at)})`;
    });
    await this.run(
      `INSERT INTO alert_events (event, alert_id, device, state, t, value, alert, rule, notified_at) VALUES ${rows.join(", ")} ON CONFLICT (event) DO NOTHING`,
      params,
    );
  }

  /**
   * DuckDB: the batch through the appender, in `alert_events`' column order. The appender takes no
   * `nextval` default, so the batch's `seq` values are drawn from the sequence first (one cheap
   * statement), keeping seq in the order transitions were recorded.
   */
  private async appendEvents(batch: readonly Transition[]): Promise<boolean> {
    if (!this.engine.appendRows) return false;
    const drawn = await this.run(`SELECT nextval('alert_events_seq') FROM range(${batch.length})`);
    const seqs = drawn.map(([seq]) => Number(seq)).sort((a, b) => a - b);
    return appendOrFallBack(this.engine, "alert_events", () =>
      batch.map((t, i) => [
        seqs[i] as number,
        t.event,
        t.alert.id,
        t.alert.device,
        t.state,
        t.at,
        finite(t.alert.value),
        JSON.stringify(t.alert),
        JSON.stringify(t.rule),
        null,
        null,
        this.notifying ? null : t.at,
      ]),
    );
  }

  private async upsertStates(batch: readonly Transition[]): Promise<void> {
    // The newest transition of each alert; acknowledgements only touch the ack columns.
    const last = new Map<string, Transition>();
    for (const t of batch) if (t.state !== "acknowledged") last.set(t.alert.id, t);
    if (last.size === 0) return;
    const params: string[] = [];
    const rows = [...last.values()].map((t) => {
      const { alert } = t;
      const [id, rule, device, metric, state, severity] = bind(
        params,
        alert.id,
        alert.rule,
        alert.device,
        alert.metric,
        alert.state,
        alert.severity,
      );
      const ended = alert.state === "resolved" ? num(t.at) : "NULL";
      return `(${id}, ${rule}, ${device}, ${metric}, ${severity}, ${state}, ${num(t.startedAt)}, ${num(alert.since)}, ${num(alert.value)}, ${ended}, ${t.fired ? 1 : 0}, ${num(t.steps)})`;
    });
    await this.run(
      `INSERT INTO alert_state (id, rule_id, device, metric, severity, state, started_at, since, value, ended_at, fired, steps) VALUES ${rows.join(", ")} ON CONFLICT (id) DO UPDATE SET state = excluded.state, since = excluded.since, value = excluded.value, ended_at = excluded.ended_at, fired = excluded.fired, severity = excluded.severity, steps = excluded.steps WHERE alert_state.steps < excluded.steps`,
      params,
    );
  }

  async alerts(filter: AlertFilter): Promise<AlertInfo[]> {
    await this.flush();
    const params: string[] = [];
    const where = [`started_at < ${num(filter.to)}`, `(ended_at IS NULL OR ended_at >= ${num(filter.from)})`];
    if (filter.device !== undefined) where.push(`device = ${bind(params, filter.device)[0]}`);
    if (filter.states) where.push(`state IN (${bind(params, ...filter.states).join(", ") || "NULL"})`);
    const rows = await this.run(
      `SELECT ${STATE_COLUMNS} FROM alert_state WHERE ${where.join(" AND ")} ORDER BY since DESC, id LIMIT ${filter.limit}`,
      params,
    );
    return rows.map((row) => toStored(row).alert);
  }

  async openAlerts(): Promise<StoredAlert[]> {
    const rows = await this.run(`SELECT ${STATE_COLUMNS} FROM alert_state WHERE state <> 'resolved'`);
    return rows.map(toStored);
  }

  async acknowledge(id: string, ack: AlertAck): Promise<AckResult> {
    await this.flush();
    const rows = await this.run(
      `UPDATE alert_state SET ack_by = $1, ack_comment = $2, ack_at = ${num(ack.at)} WHERE id = $3 AND state = 'firing' RETURNING ${STATE_COLUMNS}`,
      [ack.by, ack.comment, id],
    );
    if (rows[0]) return toStored(rows[0]).alert;
    const found = await this.run("SELECT state FROM alert_state WHERE id = $1", [id]);
    return found.length ? "not_firing" : "not_found";
  }

  async claim(owner: string, limit: number, now: number): Promise<Transition[]> {
    // SKIP LOCKED: servers claiming at once take disjoint rows instead of waiting for each other.
    const lock = this.engine.name === "postgres" ? "FOR UPDATE SKIP LOCKED" : "";
    const rows = await this.run(
      `UPDATE alert_events SET claimed_by = $1, claimed_at = ${num(now)} WHERE seq IN (SELECT seq FROM alert_events WHERE notified_at IS NULL AND t > ${num(now - NOTIFY_WINDOW_MS)} AND (claimed_by IS NULL OR claimed_at < ${num(now - CLAIM_LEASE_MS)}) ORDER BY seq LIMIT ${limit} ${lock}) RETURNING seq, event, state, t, alert, rule`,
      [owner],
    );
    return rows
      .sort((a, b) => Number(a[0]) - Number(b[0]))
      .map(([, event, state, at, alert, rule]) => ({
        event: String(event),
        state: state as Transition["state"],
        at: Number(at),
        alert: JSON.parse(String(alert)) as AlertInfo,
        rule: JSON.parse(String(rule)) as AlertRule,
        startedAt: 0,
        fired: false,
        steps: 0,
      }));
  }

  async delivered(events: readonly string[], now: number): Promise<void> {
    for (let i = 0; i < events.length; i += CHUNK) {
      const params: string[] = [];
      const list = bind(params, ...events.slice(i, i + CHUNK)).join(", ");
      await this.run(`UPDATE alert_events SET notified_at = ${num(now)} WHERE event IN (${list})`, params);
    }
  }

  async renew(owner: string, now: number): Promise<void> {
    await this.run(
      `UPDATE alert_events SET claimed_at = ${num(now)} WHERE claimed_by = $1 AND notified_at IS NULL`,
      [owner],
    );
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush().catch(() => {});
  }
}
