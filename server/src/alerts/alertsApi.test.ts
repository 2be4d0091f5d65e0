/**
 * The alert API and lifecycle over real sockets, against memory, DuckDB (`--data`) and PostgreSQL
 * (`--store`): rules fire and resolve with no dashboard open and reach a local webhook receiver
 * signed; bad input gets exact codes; offline devices go no_data; acknowledgements survive a restart.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { MockServer, MockServerOptions } from "../../../mock-server/src/index";
import type { AlertInfo, AlertRule, AlertsMessage } from "../../../src/protocol/messages";
import { ENGINES, useEngine as engineFixture } from "../../../testing/storeEngines";
import { setupTestServers } from "../../../testing/testServer";
import { WebhookReceiver } from "../../../testing/webhookReceiver";

const SECRET = "s3cret";

async function call(server: MockServer, method: string, path: string, body?: unknown, token?: string) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const alertsOf = async (server: MockServer, query: string): Promise<AlertInfo[]> =>
  (await call(server, "GET", `/api/alerts?${query}`)).body.alerts;

/** A rule on one thermostat's temperature that fires at once (forSeconds 0, any value is above -100). */
const hotRule = (device: string): Partial<AlertRule> => ({
  name: "too hot",
  scope: { device },
  metric: "temperature",
  op: "above",
  threshold: -100,
  forSeconds: 0,
  severity: "critical",
});

type Backend = "memory" | (typeof ENGINES)[number];

describe.each<Backend>(["memory", ...ENGINES])("alerts on %s", (backend) => {
  const servers = setupTestServers();
  const engine = backend === "memory" ? undefined : engineFixture(backend);
  const receivers: WebhookReceiver[] = [];
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
  });
  const storeOptions = (): MockServerOptions =>
    backend === "memory" ? {} : backend === "duckdb" ? { data: engine?.target } : { store: engine?.target };
  const start = (options: MockServerOptions = {}) =>
    servers.start({ fleet: { thermostat: 3 }, log: () => {}, ...storeOptions(), ...options });

  it("fires and resolves with no dashboard open; the webhook gets both, signed", async () => {
    const receiver = await WebhookReceiver.start(SECRET);
    receivers.push(receiver);
    const server = await start({ webhook: receiver.url, webhookSecret: SECRET });
    const device = server.devices()[0]?.id as string;
    const created = await call(server, "POST", "/api/alert-rules", hotRule(device));
    expect(created.status).toBe(201);
    const rule = created.body.rule as AlertRule;
    await expect.poll(() => receiver.alerts(rule.id, "firing").length, { timeout: 15_000 }).toBe(1);
    const [fired] = await alertsOf(server, `state=firing&device=${device}`);
    expect(fired).toMatchObject({
      rule: rule.id,
      device,
      metric: "temperature",
      state: "firing",
      acknowledged: null,
    });
    expect(
      await call(server, "PUT", `/api/alert-rules/${rule.id}`, { ...hotRule(device), threshold: 1000 }),
    ).toMatchObject({ status: 200 });
    await expect.poll(() => receiver.alerts(rule.id, "resolved").length, { timeout: 15_000 }).toBe(1);
    const [firing, resolved] = [
      receiver.alerts(rule.id, "firing")[0],
      receiver.alerts(rule.id, "resolved")[0],
    ];
    expect(firing).toMatchObject({ id: fired?.id, signed: true, severity: "critical" });
    expect(resolved).toMatchObject({ id: fired?.id, signed: true, state: "resolved" });
    const hook = receiver.received.find((h) => h.payload.rule.id === rule.id && h.payload.state === "firing");
    expect(hook?.event).toBe(hook?.payload.event);
    expect(hook?.payload.rule).toMatchObject({ id: rule.id, threshold: -100 });
    expect(await alertsOf(server, `state=resolved&device=${device}`)).toEqual([
      expect.objectContaining({ id: fired?.id, state: "resolved" }),
    ]);
  });

  // Retry timing does not depend on where alerts are kept: run it once, on the fastest backend.
  it.skipIf(backend !== "memory")(
    "retries a failing webhook with backoff and counts the failures",
    async () => {
      const receiver = await WebhookReceiver.start(SECRET, 2);
      receivers.push(receiver);
      const server = await start({ webhook: receiver.url, webhookSecret: SECRET });
      const dashboard = await servers.connect(server);
      expect(dashboard.messages.find((m) => m.type === "webhookStatus")).toMatchObject({
        urls: 1,
        failedAttempts: 0,
      });
      const device = server.devices()[0]?.id as string;
      const rule = (await call(server, "POST", "/api/alert-rules", hotRule(device))).body.rule as AlertRule;
      await expect.poll(() => receiver.alerts(rule.id, "firing").length, { timeout: 15_000 }).toBe(1);
      // Dashboards hear of the failures (the Health page), not only /metrics.
      const failing = await dashboard.waitFor((m) => m.type === "webhookStatus" && m.failedAttempts > 0, {
        timeoutMs: 15_000,
      });
      expect(failing).toMatchObject({ type: "webhookStatus", urls: 1, expired: 0 });
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      expect(metrics).toMatch(/fleet_webhook_deliveries_total\{result="failed"\} [2-9]/);
      expect(metrics).toMatch(/fleet_webhook_deliveries_total\{result="ok"\} [1-9]/);
    },
  );

  it("a kind rule fires for every device of the kind, in one grouped POST", async () => {
    const receiver = await WebhookReceiver.start(undefined);
    receivers.push(receiver);
    const server = await start({ webhook: receiver.url, fleet: { thermostat: 12 } });
    const rule = (
      await call(server, "POST", "/api/alert-rules", { ...hotRule("x"), scope: { kind: "thermostat" } })
    ).body.rule as AlertRule;
    await expect.poll(() => receiver.alerts(rule.id, "firing").length, { timeout: 15_000 }).toBe(12);
    const posts = receiver.received.filter((hook) => hook.payload.rule.id === rule.id);
    expect(posts.length).toBeLessThan(4);
    expect(posts.every((hook) => hook.signed === false)).toBe(true);
  });

  it("an offline device puts its alerts in no_data, live to dashboards", async () => {
    const server = await start();
    const client = await servers.connect(server);
    const snapshot = await client.waitFor<AlertsMessage>((m) => m.type === "alerts");
    expect(snapshot.snapshot).toBe(true);
    const device = server.devices()[1]?.id as string;
    const rule = (await call(server, "POST", "/api/alert-rules", hotRule(device))).body.rule as AlertRule;
    // The device's other metrics (default rules) go no_data too; this test follows its own rule.
    const ours = async () =>
      (await alertsOf(server, `device=${device}`)).find((a) => a.rule === rule.id)?.state;
    await client.waitFor(
      (m) => m.type === "alerts" && m.alerts.some((a) => a.device === device && a.state === "firing"),
    );
    server.setOnline(device, false);
    const noData = await client.waitFor<AlertsMessage>(
      (m) => m.type === "alerts" && m.alerts.some((a) => a.device === device && a.state === "no_data"),
    );
    expect(noData.alerts.find((a) => a.device === device)).toMatchObject({ value: null, state: "no_data" });
    await expect.poll(ours).toBe("no_data");
    server.setOnline(device, true);
    await expect.poll(ours, { timeout: 10_000 }).toBe("firing");
  });

  // Only a store survives a restart; memory alerts start empty by design.
  it.skipIf(backend === "memory")("an acknowledgement survives a restart on the same store", async () => {
    const first = await start();
    const device = first.devices()[2]?.id as string;
    const rule = (await call(first, "POST", "/api/alert-rules", hotRule(device))).body.rule as AlertRule;
    await expect
      .poll(async () => (await alertsOf(first, "state=firing")).length, { timeout: 15_000 })
      .toBe(1);
    const [alert] = await alertsOf(first, "state=firing");
    const acked = await call(first, "POST", `/api/alerts/${alert?.id}/ack`, { comment: "on my way" });
    expect(acked).toMatchObject({
      status: 200,
      body: { alert: { acknowledged: { by: "anonymous", comment: "on my way" } } },
    });
    await first.close();
    const second = await start();
    expect((await call(second, "GET", "/api/alert-rules")).body.rules).toContainEqual(rule);
    const [after] = await alertsOf(second, "state=firing");
    expect(after).toMatchObject({ id: alert?.id, acknowledged: { by: "anonymous", comment: "on my way" } });
    // The restarted engine carries on with the same alert rather than opening another.
    const client = await servers.connect(second);
    const snapshot = await client.waitFor<AlertsMessage>((m) => m.type === "alerts");
    expect(snapshot.alerts.find((a) => a.rule === rule.id)).toMatchObject({ id: alert?.id, state: "firing" });
  });
});
