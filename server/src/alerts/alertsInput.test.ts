/** Bad input to the alert API: each refusal's status, code and the field its message names. */
import { describe, expect, it } from "vitest";
import { setupTestServers } from "../../../testing/testServer";
import { MAX_BODY_BYTES } from "./alertsApi";

const good = {
  name: "hot",
  scope: { kind: "thermostat" },
  metric: "temperature",
  op: "above",
  threshold: 30,
  forSeconds: 5,
  severity: "warning",
};

async function call(url: string, method: string, path: string, body?: unknown, token?: string) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

describe("alert API input", () => {
  const servers = setupTestServers();

  const badRules: [what: string, body: unknown, message: RegExp][] = [
    [
      "unknown metric for the kind",
      { ...good, metric: "speed" },
      /^metric: thermostat has no metric "speed"/,
    ],
    [
      "low >= high",
      { ...good, op: "outside", threshold: undefined, low: 30, high: 10 },
      /^low: must be below high/,
    ],
    [
      "low == high",
      { ...good, op: "outside", threshold: undefined, low: 10, high: 10 },
      /^low: must be below high/,
    ],
    ["negative forSeconds", { ...good, forSeconds: -1 }, /^forSeconds: must be >= 0/],
    ["unknown severity", { ...good, severity: "fatal" }, /^severity: /],
    [
      "unknown scope kind",
      { ...good, scope: { kind: "toaster" } },
      /^scope\.kind: expected one of thermostat/,
    ],
    ["unknown scope device", { ...good, scope: { device: "nope-1" } }, /^scope\.device: no device "nope-1"/],
    ["both scopes", { ...good, scope: { kind: "thermostat", device: "x" } }, /^scope: /],
    ["no threshold for above", { ...good, threshold: undefined }, /^threshold: required when op is "above"/],
    ["band fields for above", { ...good, low: 1 }, /^low: not used when op is "above"/],
    [
      "clearThreshold above threshold",
      { ...good, clearThreshold: 31 },
      /^clearThreshold: must be <= threshold/,
    ],
    [
      "clearLow outside the band",
      { ...good, op: "outside", threshold: undefined, low: 10, high: 30, clearLow: 5 },
      /^clearLow: /,
    ],
    ["unknown op", { ...good, op: "between" }, /^op: /],
    ["a string threshold", { ...good, threshold: "30" }, /^threshold: /],
    ["an unknown field", { ...good, colour: "red" }, /colour/],
    ["no name", { ...good, name: "" }, /^name: /],
    ["not an object", [1, 2], /^\(body\): /],
    ["not JSON", "{nope", /^body: not valid JSON/],
  ];

  it.each(badRules)(
    "POST /api/alert-rules refuses %s with 400 bad_request naming the field",
    async (_what, body, message) => {
      const server = await servers.start({ fleet: { thermostat: 2 } });
      const answer = await call(server.url, "POST", "/api/alert-rules", body);
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe("bad_request");
      expect(answer.body.error.message).toMatch(message);
    },
  );

  it("answers unknown ids, methods, queries and sizes with exact codes", async () => {
    const server = await servers.start({ fleet: { thermostat: 2 } });
    const url = server.url;
    const cases: [method: string, path: string, body: unknown, status: number, code: string][] = [
      ["PUT", "/api/alert-rules/nope", good, 404, "not_found"],
      ["DELETE", "/api/alert-rules/nope", undefined, 404, "not_found"],
      ["GET", "/api/alert-rules/nope", undefined, 404, "not_found"],
      ["DELETE", "/api/alert-rules/default.thermostat.temperature", undefined, 400, "bad_request"],
      ["POST", "/api/alerts/nope/ack", { comment: "x" }, 404, "not_found"],
      ["POST", "/api/alerts/nope/ack", { comment: 7 }, 400, "bad_request"],
      ["GET", "/api/alerts?state=burning", undefined, 400, "bad_request"],
      ["GET", "/api/alerts?device=nope-1", undefined, 404, "unknown_device"],
      ["GET", "/api/alerts?from=10&to=5", undefined, 400, "bad_request"],
      ["GET", "/api/alerts?limit=0", undefined, 400, "bad_request"],
      ["DELETE", "/api/alerts", undefined, 405, "method_not_allowed"],
      ["PATCH", "/api/alert-rules", undefined, 405, "method_not_allowed"],
      ["GET", "/api/alerts/x/y", undefined, 404, "not_found"],
      ["POST", "/api/alert-rules", { ...good, name: "x".repeat(MAX_BODY_BYTES) }, 413, "payload_too_large"],
    ];
    for (const [method, path, body, status, code] of cases) {
      const answer = await call(url, method, path, body);
      expect({ method, path, status: answer.status, code: answer.body?.error?.code }).toEqual({
        method,
        path,
        status,
        code,
      });
    }
  });

  it("creates, lists, replaces and deletes a rule; the defaults come from warnLow/warnHigh", async () => {
    const server = await servers.start({ fleet: { thermostat: 2 } });
    const before = (await call(server.url, "GET", "/api/alert-rules")).body.rules;
    expect(before).toContainEqual(
      expect.objectContaining({
        id: "default.thermostat.temperature",
        op: "outside",
        low: 16,
        high: 28,
        default: true,
      }),
    );
    const created = await call(server.url, "POST", "/api/alert-rules", good);
    expect(created).toMatchObject({ status: 201, body: { rule: { ...good, enabled: true } } });
    const id = created.body.rule.id as string;
    const rules = (await call(server.url, "GET", "/api/alert-rules")).body.rules as { id: string }[];
    // The kind rule replaces the default for that metric.
    expect(rules.map((rule) => rule.id)).toContain(id);
    expect(rules.map((rule) => rule.id)).not.toContain("default.thermostat.temperature");
    const replaced = await call(server.url, "PUT", `/api/alert-rules/${id}`, { ...good, threshold: 35 });
    expect(replaced.body.rule).toMatchObject({ id, threshold: 35 });
    expect((await call(server.url, "DELETE", `/api/alert-rules/${id}`)).status).toBe(204);
    expect((await call(server.url, "GET", `/api/alert-rules/${id}`)).status).toBe(404);
  });

  it("asks for the token as /ws does", async () => {
    const server = await servers.start({ fleet: { thermostat: 1 }, token: "t0k" });
    const refused = await call(server.url, "GET", "/api/alerts");
    expect(refused).toMatchObject({ status: 401, body: { error: { code: "unauthorized" } } });
    expect((await call(server.url, "GET", "/api/alert-rules", undefined, "wrong")).status).toBe(401);
    expect((await call(server.url, "GET", "/api/alerts", undefined, "t0k")).body).toEqual({ alerts: [] });
  });
});
