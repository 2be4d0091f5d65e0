import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HistoryStatusMessage, WelcomeMessage } from "../../src/protocol";
import { TestPostgres } from "../../testing/postgres";
import { setupTestServers } from "../../testing/testServer";

/** Sample times of `device`'s `metric` the store holds over the last hour, raw. */
async function storedTimes(url: string, device: string, metric: string): Promise<number[]> {
  const to = Date.now() + 1000;
  const query = `device=${device}&from=${to - 3_600_000}&to=${to}&points=10000&metrics=${metric}`;
  const answer = (await (await fetch(`${url}/api/history?${query}`)).json()) as { t: number[] };
  return answer.t;
}

describe("the gateway on PostgreSQL, when PostgreSQL stops", () => {
  const servers = setupTestServers();
  let postgres: TestPostgres;
  beforeAll(async () => {
    postgres = await TestPostgres.create();
  });
  afterAll(async () => {
    await postgres?.dispose();
  });

  it("keeps live data flowing, tells clients, and writes what waited once it is back", async () => {
    const server = await servers.start({ store: postgres.url, devices: 4, rate: 10, tick: 20 });
    const client = await servers.connect(server);
    const welcome = client.messages[0] as WelcomeMessage;
    expect(welcome.history).toMatchObject({ durable: true, status: { up: true, samplesDropped: 0 } });
    await client.request({ type: "subscribe", id: "s", devices: ["meter-001"] });
    await expect
      .poll(async () => (await storedTimes(server.url, "meter-001", "power")).length)
      .toBeGreaterThan(5);

    await postgres.stop();
    const down = (await client.waitFor((m) => m.type === "historyStatus" && m.up === false, {
      timeoutMs: 15_000,
    })) as HistoryStatusMessage;
    expect(down.bufferedBytes).toBeGreaterThanOrEqual(0);
    // Live data goes on while the store is away.
    const seqAtOutage = Math.max(...client.seqs("meter-001"));
    await client.until(() => Math.max(...client.seqs("meter-001")) > seqAtOutage + 20);

    await postgres.start();
    await client.waitFor((m) => m.type === "historyStatus" && m.up === true, { timeoutMs: 20_000 });
    // Everything sent live, including during the outage, ends up in the store once, in order.
    const sent = client.entries("meter-001").flatMap((entry) => entry.t);
    await expect
      .poll(
        async () => {
          const stored = new Set(await storedTimes(server.url, "meter-001", "power"));
          return sent.filter((t) => !stored.has(t)).length;
        },
        { timeout: 20_000 },
      )
      .toBe(0);
    const times = await storedTimes(server.url, "meter-001", "power");
    expect(new Set(times).size).toBe(times.length);
    expect(client.messages.some((m) => m.type === "historyStatus" && m.samplesDropped > 0)).toBe(false);
  });
});
