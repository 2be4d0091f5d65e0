import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  bytesPerValue,
  changePct,
  fleetValues,
  historyUrl,
  queryLoop,
  summarizeQueries,
  verdict,
} from "./historyQueries";

describe("historyUrl", () => {
  it("asks for the span that ends at `to`", () => {
    const url = new URL(historyUrl("http://h:1", "thermo-001", { spanMs: 86_400_000, points: 1000 }, 1e12));
    expect(url.pathname).toBe("/api/history");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      device: "thermo-001",
      from: String(1e12 - 86_400_000),
      to: String(1e12),
      points: "1000",
    });
  });
});

describe("summarizeQueries", () => {
  it("takes percentiles of answered queries only and counts the rest as errors", () => {
    const outcomes = [
      ...Array.from({ length: 19 }, (_, i) => ({ ms: i + 1, status: 200, tier: "1m", buckets: 720 })),
      { ms: 100, status: 200, tier: "1h", buckets: 30 },
      { ms: 5000, status: 503 },
      { ms: 9000, status: 0 },
    ];
    expect(summarizeQueries(outcomes)).toEqual({
      count: 22,
      errors: 2,
      p50_ms: 10,
      p95_ms: 19,
      max_ms: 100,
      tiers: { "1m": 19, "1h": 1 },
      buckets_min: 30,
      buckets_median: 720,
    });
  });

  it("is empty-handed, not wrong, with no answers", () => {
    expect(summarizeQueries([])).toMatchObject({ count: 0, errors: 0, p50_ms: null, max_ms: null });
  });
});

describe("store arithmetic", () => {
  it("divides bytes by values", () => {
    expect(bytesPerValue(300, 100)).toBe(3);
    expect(bytesPerValue(300, 0)).toBeNull();
  });

  it("counts each device's metrics times its rate times the seconds", () => {
    const fleet = [
      { metrics: ["a", "b", "c"], rate: 1 },
      { metrics: ["a", "b", "c", "d"], rate: 2 },
    ];
    expect(fleetValues(fleet, 86_400)).toBe((3 + 8) * 86_400);
  });

  it("states change in percent and verdicts against an upper limit", () => {
    expect(changePct(100, 112)).toBeCloseTo(12);
    expect(changePct(0, 5)).toBeNull();
    expect(verdict(2.5, 3)).toBe("met");
    expect(verdict(3, 3)).toBe("met");
    expect(verdict(4.214, 3, " B")).toBe("missed by 1.21 B");
    expect(verdict(null, 3)).toBe("not measured");
  });
});

describe("queryLoop", () => {
  let server: Server | undefined;
  afterEach(
    () =>
      new Promise<void>((done) => {
        if (!server) return done();
        server.closeAllConnections();
        server.close(() => done());
        server = undefined;
      }),
  );

  async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
    const listening = createServer(handler);
    server = listening;
    await new Promise<void>((done) => listening.listen(0, "127.0.0.1", done));
    return `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
  }

  it("asks about the devices in turn and reads each answer's tier", async () => {
    const asked: string[] = [];
    const url = await serve((req, res) => {
      const params = new URL(req.url ?? "", "http://x").searchParams;
      asked.push(params.get("device") ?? "");
      const status = params.get("device") === "bad" ? 404 : 200;
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify({ tier: "1m", t: [1, 2, 3] }));
    });
    const outcomes = await queryLoop(url, ["a", "b", "bad"], { spanMs: 1000, points: 10 }, { count: 5 });
    expect(asked).toEqual(["a", "b", "bad", "a", "b"]);
    expect(outcomes.map((o) => o.status)).toEqual([200, 200, 404, 200, 200]);
    expect(outcomes[0]).toMatchObject({ tier: "1m", buckets: 3 });
    expect(summarizeQueries(outcomes)).toMatchObject({ count: 5, errors: 1, tiers: { "1m": 4 } });
  });

  it("stops asking once `until` resolves", async () => {
    let release: () => void = () => {};
    const until = new Promise<void>((done) => (release = done));
    let answered = 0;
    const url = await serve((_req, res) => {
      answered++;
      if (answered === 3) release();
      res.end("{}");
    });
    const outcomes = await queryLoop(url, ["a"], { spanMs: 1000, points: 10 }, { until, read: false });
    expect(outcomes).toHaveLength(3);
    expect(outcomes[2]?.tier).toBeUndefined();
  });
});
