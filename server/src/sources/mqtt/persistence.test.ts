import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { describeWithBroker, setupBrokers } from "../../../../testing/testBroker";
import { setupTestServers } from "../../../../testing/testServer";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Sample times the store holds for one metric of `device`, raw, over the last hour. */
async function storedTimes(url: string, device: string, metric: string): Promise<number[]> {
  const to = Date.now() + 1000;
  const res = await fetch(
    `${url}/api/history?device=${device}&from=${to - 3_600_000}&to=${to}&points=10000&metrics=${metric}`,
  );
  const answer = (await res.json()) as { tier: string; t: number[] };
  expect(answer.tier).toBe("raw");
  return answer.t;
}

describeWithBroker("a gateway with a store keeps a persistent MQTT session", () => {
  const brokers = setupBrokers();
  const servers = setupTestServers();
  const log = (): void => {};

  it("stores what devices published while it was down: no gap across a restart", async () => {
    const broker = await brokers.start();
    const data = mkdtempSync(join(tmpdir(), "fleet-mqtt-persist-"));
    dirs.push(data);
    const gateway = { source: broker.url, data, mqttClientId: "gw-persist-test", tick: 20, log };
    const first = await servers.start(gateway);
    // The simulated devices start publishing only once the gateway's session exists.
    const simulator = await servers.start({ publish: broker.url, devices: 4, rate: 10, tick: 20, log });
    const meter = simulator.devices().find((d) => d.kind === "meter")?.id as string;
    await expect.poll(() => first.samplesProduced(meter), { timeout: 10_000 }).toBeGreaterThan(20);
    await first.close();
    const producedWhileDown = simulator.samplesProduced(meter);
    // Down long enough for the simulator to publish a couple of seconds of telemetry.
    await expect
      .poll(() => simulator.samplesProduced(meter) - producedWhileDown, { timeout: 10_000 })
      .toBeGreaterThan(20);

    const second = await servers.start(gateway);
    // Past what the simulator published while the gateway was down, and then some live.
    const wanted = simulator.samplesProduced(meter) - producedWhileDown + 40;
    await expect
      .poll(async () => (await storedTimes(second.url, meter, "power")).length, { timeout: 15_000 })
      .toBeGreaterThan(wanted);
    const times = await storedTimes(second.url, meter, "power");
    // 10 Hz on a fixed grid: every slot from the first stored sample to the last, once.
    const steps = times.slice(1).map((t, i) => t - (times[i] as number));
    expect(new Set(steps)).toEqual(new Set([100]));
  });
});
