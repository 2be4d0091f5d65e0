/**
 * The alert tables, created beside the history tables in the same database. `alert_events.t` is
 * the transition's time (`at` is a keyword in DuckDB).
 */

/** Advisory lock key held while PostgreSQL creates the tables (servers starting together). */
const SCHEMA_LOCK = 1_795_013;

/** DDL for `engine`, in order; every statement may run again on an existing database. */
export function alertSchema(engine: "duckdb" | "postgres"): string[] {
  const pg = engine === "postgres";
  const text = pg ? "TEXT" : "VARCHAR";
  const double = pg ? "DOUBLE PRECISION" : "DOUBLE";
  const seq = pg ? "BIGSERIAL PRIMARY KEY" : "BIGINT PRIMARY KEY DEFAULT nextval('alert_events_seq')";
  return [
    ...(pg
      ? [`SELECT pg_advisory_xact_lock(${SCHEMA_LOCK})`]
      : ["CREATE SEQUENCE IF NOT EXISTS alert_events_seq"]),
    `CREATE TABLE IF NOT EXISTS alert_rules (id ${text} PRIMARY KEY, body ${text} NOT NULL, active_from BIGINT NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS alert_state (id ${text} PRIMARY KEY, rule_id ${text} NOT NULL, device ${text} NOT NULL, metric ${text} NOT NULL, severity ${text} NOT NULL, state ${text} NOT NULL, started_at BIGINT NOT NULL, since BIGINT NOT NULL, value ${double}, ended_at BIGINT, fired INTEGER NOT NULL, steps INTEGER NOT NULL, ack_by ${text}, ack_at BIGINT, ack_comment ${text})`,
    `CREATE TABLE IF NOT EXISTS alert_events (seq ${seq}, event ${text} NOT NULL UNIQUE, alert_id ${text} NOT NULL, device ${text} NOT NULL, state ${text} NOT NULL, t BIGINT NOT NULL, value ${double}, alert ${text} NOT NULL, rule ${text} NOT NULL, claimed_by ${text}, claimed_at BIGINT, notified_at BIGINT)`,
    // DuckDB scans these small tables with its zone maps; its ART indexes would only slow updates.
    ...(pg
      ? [
          "CREATE INDEX IF NOT EXISTS alert_state_device ON alert_state (device, since)",
          "CREATE INDEX IF NOT EXISTS alert_events_unsent ON alert_events (seq) WHERE notified_at IS NULL",
        ]
      : []),
  ];
}
