import { afterAll, beforeAll, expect, it } from "vitest";
import { TestPostgres } from "../../../../testing/postgres";
import { describeWithBroker, setupBrokers } from "../../../../testing/testBroker";
import { setupTestServers } from "../../../../testing/testServer";

interface Answer {
  t: number[];
  metrics: Record<string, { avg: (number | null)[]; count: number[] }>;
}

async function history(url: string, device: string, from: number, to: number): Promise<Answer> {
  const query = `device=${device}&from=${from}&to=${to}&points=10000`;
  return (await (await fetch(`${url}/api/history?${query}`)).json()) as Answer;
}

describeWithBroker("two gateways sharing one broker and one PostgreSQL store", () => {
  const brokers = setupBrokers();
  const servers = setupTestServers();
  const log = (): void => {};
  let postgres: TestPostgres;
  beforeAll(async () => {
    postgres = await TestPostgres.create();
  });
  afterAll(async () => {
    await postgres?.dispose();
  });

  it("store each sample once, and answer the same history from either", async () => {
    const broker = await brokers.start();
    const store = postgres.url;
    const a = await servers.start({ source: broker.url, store, mqttClientId: "gw-a", tick: 20, log });
    const b = await servers.start({ source: broker.url, store, mqttClientId: "gw-b", tick: 20, log });
    const simulator = await servers.start({ publish: broker.url, devices: 4, rate: 10, tick: 20, log });
    const meter = simulator.devices().find((d) => d.kind === "meter")?.id as string;
    await expect
      .poll(() => Math.min(a.samplesProduced(meter), b.samplesProduced(meter)), { timeout: 15_000 })
      .toBeGreaterThan(40);
    // Stop the devices, so both gateways have received and committed the same samples.
    await simulator.close();
    const from = Date.now() - 600_000;
    const to = Date.now() + 1000;
    await expect
      .poll(async () => (await history(a.url, meter, from, to)).t.length, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(Math.max(a.samplesProduced(meter), b.samplesProduced(meter)));
    const fromA = await history(a.url, meter, from, to);
    const fromB = await history(b.url, meter, from, to);
    expect(fromB).toEqual(fromA);
    // One row per sample: every raw bucket counts exactly one sample, and no time repeats.
    expect(new Set(fromA.metrics.power?.count)).toEqual(new Set([1]));
    expect(new Set(fromA.t).size).toBe(fromA.t.length);
    expect(fromA.t.length).toBe(a.samplesProduced(meter));
  });
});
