import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { DataMessage, WelcomeMessage } from "../../src/protocol";
import { setupTestServers } from "../../testing/testServer";
import type { HistoryAnswer } from "./store/historyStore";

const servers = setupTestServers();
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "fleet-history-api-"));
  dirs.push(dir);
  return dir;
}

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers });
  return {
    status: res.status,
    body: (await res.json()) as HistoryAnswer & { error?: { code: string; message: string } },
  };
}

describe("GET /api/history", () => {
  it("answers buckets from a backfilled store: at most `points`, ascending, min <= avg <= max", async () => {
    const server = await servers.start({ data: dataDir(), devices: 4, rate: 1, backfill: 2 * 3_600_000 });
    const to = Date.now();
    const from = to - 2 * 3_600_000;
    const { status, body } = await get(
      `${server.url}/api/history?device=thermo-001&from=${from}&to=${to}&points=60`,
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ device: "thermo-001", from, to });
    expect(body.t.length).toBeGreaterThan(30);
    expect(body.t.length).toBeLessThanOrEqual(60);
    expect([...body.t].sort((a, b) => a - b)).toEqual(body.t);
    expect(body.bucketMs).toBeGreaterThanOrEqual(60_000);
    const temperature = body.metrics.temperature;
    if (!temperature) throw new Error("no temperature");
    expect(Object.keys(body.metrics)).toEqual(["temperature", "humidity", "pressure"]);
    temperature.avg.forEach((avg, i) => {
      expect(temperature.min[i]).toBeLessThanOrEqual(avg as number);
      expect(temperature.max[i]).toBeGreaterThanOrEqual(avg as number);
    });
    // 1 Hz for two hours: every backfilled sample is counted once.
    const total = temperature.count.reduce((sum, count) => sum + count, 0);
    expect(total).toBeGreaterThan(7000);
    expect(total).toBeLessThanOrEqual(7210);
    // Backfilled samples are stored rounded to each metric's decimals, as live ones are sent.
    const raw = await get(
      `${server.url}/api/history?device=thermo-001&from=${from}&to=${from + 20_000}&points=100`,
    );
    expect(raw.body.tier).toBe("raw");
    const decimals = server.devices().find((d) => d.id === "thermo-001")?.metrics ?? [];
    for (const [key, column] of Object.entries(raw.body.metrics)) {
      const factor = 10 ** ((decimals.find((m) => m.key === key) as { decimals?: number }).decimals ?? 2);
      for (const value of column.min) expect(Math.round((value as number) * factor) / factor).toBe(value);
    }
    expect(raw.body.t.length).toBeGreaterThan(15);
  });

  it("gzips a big answer for clients that accept it, and sends it plain to others", async () => {
    const server = await servers.start({ data: dataDir(), devices: 4, rate: 1, backfill: 3_600_000 });
    const to = Date.now();
    const url = `${server.url}/api/history?device=thermo-001&from=${to - 3_600_000}&to=${to}&points=2000`;
    const read = async (encoding: string) => {
      const answer = await fetch(url, { headers: { "accept-encoding": encoding } });
      return { encoding: answer.headers.get("content-encoding"), body: await answer.json() };
    };
    // Live samples just before `to` may still be committing: a gzipped answer read between two
    // equal plain ones is the same answer (the store only adds).
    await expect
      .poll(async () => {
        const before = await read("identity");
        const zipped = await read("gzip");
        const after = await read("identity");
        expect(zipped.encoding).toBe("gzip");
        expect(before.encoding).toBeNull();
        if (JSON.stringify(before.body) !== JSON.stringify(after.body)) return "still committing";
        expect(zipped.body).toEqual(before.body);
        return "same answer";
      })
      .toBe("same answer");
  });

  it("returns raw samples one per bucket when the range holds no more than `points`", async () => {
    const server = await servers.start({ devices: 4, rate: 10, tick: 20 });
    const client = await servers.connect(server);
    await client.request({ type: "subscribe", id: "s", devices: ["meter-001"] });
    await client.until(() => client.seqs("meter-001").length >= 10);
    const sent = client.messages
      .filter((m): m is DataMessage => m.type === "data")
      .flatMap((m) => m.batch.filter((entry) => entry.device === "meter-001"));
    const times = sent.flatMap((entry) => entry.t).slice(0, 10);
    const power = sent.flatMap((entry) => entry.values.power ?? []).slice(0, 10);
    const from = times[0] as number;
    const to = (times[9] as number) + 1;
    const { body } = await get(
      `${server.url}/api/history?device=meter-001&from=${from}&to=${to}&metrics=power`,
    );
    expect(body).toMatchObject({ tier: "raw", bucketMs: 1, t: times });
    expect(body.metrics.power).toEqual({ min: power, max: power, avg: power, count: power.map(() => 1) });
  });

  it.each([
    ["device=thermo-001&from=10&to=5", 400, "bad_request", "from must be before to"],
    ["device=thermo-001&from=abc", 400, "bad_request", 'from: expected a number, got "abc"'],
    ["device=thermo-001&points=0", 400, "bad_request", "points: expected an integer from 1 to 10000, got 0"],
    ["device=thermo-001&points=10001", 400, "bad_request", "points: expected an integer from 1 to 10000"],
    ["device=thermo-001&metrics=speed", 400, "bad_request", 'metrics: thermo-001 has no metric "speed"'],
    ["from=1&to=2", 400, "bad_request", "device: required"],
    ["device=nope", 404, "unknown_device", 'device: no device "nope"'],
  ])("refuses %s with %i %s", async (query, status, code, message) => {
    const server = await servers.start({ devices: 4 });
    const answer = await get(`${server.url}/api/history?${query}`);
    expect(answer.status).toBe(status);
    expect(answer.body.error?.code).toBe(code);
    expect(answer.body.error?.message).toContain(message);
  });

  it("needs the token as a bearer when the server has one, as /ws does", async () => {
    const server = await servers.start({ devices: 4, token: "s3cret" });
    const url = `${server.url}/api/history?device=thermo-001`;
    expect((await get(url)).status).toBe(401);
    expect((await get(url, { authorization: "Bearer wrong" })).status).toBe(401);
    expect((await get(url, { authorization: "Bearer s3cret" })).status).toBe(200);
  });

  it("says in welcome whether history is durable", async () => {
    const durable = await servers.connect(await servers.start({ data: dataDir(), devices: 4 }));
    const memory = await servers.connect(await servers.start({ devices: 4 }));
    const welcome = (client: typeof durable) =>
      client.messages.find((m) => m.type === "welcome") as WelcomeMessage;
    expect(welcome(durable).history).toMatchObject({ durable: true, api: "/api/history" });
    expect(welcome(durable).history?.retention?.raw).toBe(86_400_000);
    expect(welcome(memory).history).toEqual({ durable: false, api: "/api/history" });
  });
});

describe("a durable store across restarts", () => {
  it("replays, after a restart on the same data dir, what the first run sent after an `after` cursor", async () => {
    const data = dataDir();
    const first = await servers.start({ data, devices: 4, rate: 10, tick: 20, seed: 5 });
    const client = await servers.connect(first);
    await client.request({ type: "subscribe", id: "s", devices: ["meter-001"] });
    await client.until(() => client.seqs("meter-001").length >= 30);
    const before = client.messages
      .filter((m): m is DataMessage => m.type === "data")
      .flatMap((m) => m.batch.filter((entry) => entry.device === "meter-001"))
      .flatMap((entry) => entry.t.map((t, i) => [t, entry.values.power?.[i]]));
    await first.close();
    const cursor = before[9]?.[0] as number;

    const second = await servers.start({ data, devices: 4, rate: 10, tick: 20, seed: 5 });
    const again = await servers.connect(second);
    await again.request({
      type: "subscribe",
      id: "s",
      devices: ["meter-001"],
      after: { "meter-001": cursor },
    });
    await again.until(() => again.seqs("meter-001").length >= before.length);
    const replayed = again.messages
      .filter((m): m is DataMessage => m.type === "data")
      .flatMap((m) => m.batch.filter((entry) => entry.device === "meter-001"))
      .flatMap((entry) => entry.t.map((t, i) => [t, entry.values.power?.[i]]));
    // Everything the first run sent after the cursor, in order, once; then the new run's samples.
    expect(replayed.slice(0, before.length - 10)).toEqual(before.slice(10));
    const times = replayed.map(([t]) => t as number);
    expect(new Set(times).size).toBe(times.length);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it("refuses a second server on the same data dir with a clear error", async () => {
    const data = dataDir();
    await servers.start({ data, devices: 4 });
    await expect(servers.start({ data, devices: 4 })).rejects.toThrow(
      /data dir .* is already open in this process/,
    );
  });
});
