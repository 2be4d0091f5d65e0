/**
 * Alerts with real devices on a broker: a kind rule covers devices that join after it was made,
 * and two gateways sharing one broker and one PostgreSQL store notify each transition once.
 */
import pg from "pg";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import type { AlertInfo, AlertRule } from "../../../src/protocol/messages";
import { TestPostgres } from "../../../testing/postgres";
import { describeWithBroker, setupBrokers } from "../../../testing/testBroker";
import { setupTestServers } from "../../../testing/testServer";
import { WebhookReceiver } from "../../../testing/webhookReceiver";

const SECRET = "shared-s3cret";
const log = (): void => {};

async function call(url: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const kindRule = (threshold: number) => ({
  name: "any temperature",
  scope: { kind: "thermostat" },
  metric: "temperature",
  op: "above",
  threshold,
  forSeconds: 0,
  severity: "warning",
});

describeWithBroker("alerts with devices on a broker", () => {
  const brokers = setupBrokers();
  const servers = setupTestServers();
  const receivers: WebhookReceiver[] = [];
  let postgres: TestPostgres;
  beforeAll(async () => {
    postgres = await TestPostgres.create();
  }, 60_000);
  afterAll(async () => {
    await postgres?.dispose();
  });
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
  });

  it("a kind rule made before any thermostat joined covers those that join later", async () => {
    const broker = await brokers.start();
    const gateway = await servers.start({ source: broker.url, tick: 20, log });
    expect(gateway.devices()).toEqual([]);
    const created = await call(gateway.url, "POST", "/api/alert-rules", kindRule(-100));
    expect(created.status).toBe(201);
    const simulator = await servers.start({
      publish: broker.url,
      fleet: { thermostat: 2, meter: 1 },
      tick: 20,
      log,
    });
    const thermostats = simulator
      .devices()
      .filter((d) => d.kind === "thermostat")
      .map((d) => d.id);
    await expect
      .poll(
        async () =>
          ((await call(gateway.url, "GET", "/api/alerts?state=firing")).body.alerts as AlertInfo[])
            .filter((alert) => alert.rule === created.body.rule.id)
            .map((alert) => alert.device)
            .sort(),
        { timeout: 15_000 },
      )
      .toEqual(thermostats.sort());
  });

  it("two gateways on one PostgreSQL notify each transition once", async () => {
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    await admin.query("CREATE DATABASE alerts_shared");
    await admin.end();
    const store = postgres.url.replace(/\/postgres$/, "/alerts_shared");
    const receiver = await WebhookReceiver.start(SECRET);
    receivers.push(receiver);
    const broker = await brokers.start();
    const shared = { source: broker.url, store, tick: 20, log, webhook: receiver.url, webhookSecret: SECRET };
    const a = await servers.start({ ...shared, mqttClientId: "gw-a" });
    const b = await servers.start({ ...shared, mqttClientId: "gw-b" });
    const simulator = await servers.start({
      publish: broker.url,
      fleet: { thermostat: 3 },
      rate: 10,
      tick: 20,
      log,
    });
    await expect.poll(() => a.devices().length + b.devices().length, { timeout: 15_000 }).toBe(6);
    const rule = (await call(a.url, "POST", "/api/alert-rules", kindRule(-100))).body.rule as AlertRule;
    await expect.poll(() => receiver.alerts(rule.id, "firing").length, { timeout: 20_000 }).toBe(3);
    await call(b.url, "PUT", `/api/alert-rules/${rule.id}`, kindRule(1000));
    await expect.poll(() => receiver.alerts(rule.id, "resolved").length, { timeout: 20_000 }).toBe(3);
    await simulator.close();
    // Both gateways have written what they evaluated (a query flushes each one's log), and every
    // transition has been claimed and delivered: a repeat could only have come before this.
    for (const gateway of [a, b]) await call(gateway.url, "GET", "/api/alerts");
    const check = new pg.Client({ connectionString: store });
    await check.connect();
    try {
      await expect
        .poll(
          async () =>
            (await check.query("SELECT count(*) FROM alert_events WHERE notified_at IS NULL")).rows[0].count,
          {
            timeout: 20_000,
          },
        )
        .toBe("0");
    } finally {
      await check.end();
    }
    const firing = receiver.alerts(rule.id, "firing");
    const resolved = receiver.alerts(rule.id, "resolved");
    expect(firing.map((alert) => alert.device).sort()).toEqual(
      simulator
        .devices()
        .map((d) => d.id)
        .sort(),
    );
    // Each alert is notified firing once and resolved once (a device stale for a moment under
    // load may add a no_data alert of its own, resolved once too).
    expect(new Set(firing.map((alert) => alert.id)).size).toBe(3);
    expect(new Set(resolved.map((alert) => alert.id)).size).toBe(resolved.length);
    expect(resolved.map((alert) => alert.id)).toEqual(
      expect.arrayContaining(firing.map((alert) => alert.id)),
    );
    expect([...firing, ...resolved].every((alert) => alert.signed)).toBe(true);
    const events = receiver.received.flatMap((hook) => hook.payload.events);
    expect(new Set(events).size).toBe(events.length);
  });
});
