import { expect, it } from "vitest";
import type { WelcomeMessage } from "../../../../src/protocol";
import { describeWithBroker, setupBrokers } from "../../../../testing/testBroker";
import type { TestClient } from "../../../../testing/testClient";
import { setupTestServers } from "../../../../testing/testServer";

/** Every sample a client received for `device`, by time: `t -> values`. */
function samplesByTime(client: TestClient, device: string): Map<number, Record<string, number>> {
  const byTime = new Map<number, Record<string, number>>();
  for (const entry of client.entries(device)) {
    entry.t.forEach((t, i) => {
      const values: Record<string, number> = {};
      for (const [key, column] of Object.entries(entry.values)) values[key] = column[i] as number;
      byTime.set(t, values);
    });
  }
  return byTime;
}

describeWithBroker("scale-out: several servers on one broker", () => {
  const brokers = setupBrokers();
  const servers = setupTestServers();
  const log = (): void => {};

  it("serves the same devices, values and command outcomes from either server", async () => {
    const broker = await brokers.start();
    // One process runs the whole path (simulator -> broker -> its dashboards); a second server
    // only reads the broker, as a second gateway behind a load balancer would.
    const first = await servers.start({
      publish: broker.url,
      source: broker.url,
      devices: 4,
      rate: 20,
      tick: 20,
      log,
    });
    const second = await servers.start({ source: broker.url, tick: 20, log });
    const a = await servers.connect(first);
    const b = await servers.connect(second);
    const fleetA = (a.messages[0] as WelcomeMessage).fleet;
    const fleetB = (b.messages[0] as WelcomeMessage).fleet;
    expect(fleetA.map((d) => d.id)).toHaveLength(4);
    expect(fleetB).toEqual(fleetA);
    expect(first.session).not.toBe(second.session);

    await a.request({ type: "subscribe", id: "s", devices: ["*"], history: 60 });
    await b.request({ type: "subscribe", id: "s", devices: ["*"], history: 60 });
    const meter = fleetA.find((d) => d.kind === "meter")?.id as string;
    await a.until(() => a.seqs(meter).length >= 20 && b.seqs(meter).length >= 20);
    for (const { id } of fleetA) {
      const fromA = samplesByTime(a, id);
      const fromB = samplesByTime(b, id);
      const common = [...fromA.keys()].filter((t) => fromB.has(t));
      expect(common.length).toBeGreaterThanOrEqual(5);
      for (const t of common) expect(fromB.get(t)).toEqual(fromA.get(t));
    }

    const command = { type: "command", id: "scale-1", device: meter, name: "relayOff" } as const;
    const viaA = await a.request(command);
    expect(viaA).toEqual({ type: "commandResult", id: "scale-1", ok: true, state: { relay: false } });
    expect(await b.request(command)).toEqual(viaA);
    for (const client of [a, b]) await client.waitFor((m) => m.type === "state" && m.device === meter);
    expect(first.deviceState(meter)).toEqual({ relay: false });
    expect(second.deviceState(meter)).toEqual({ relay: false });
    // With the relay off the simulated meter draws exactly 0 W, on both servers.
    const from = a.messages.length;
    await a.waitFor(
      (m) => m.type === "data" && m.batch.some((e) => e.device === meter && e.values.power?.[0] === 0),
      { from },
    );
  });
});
