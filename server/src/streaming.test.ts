import { describe, expect, it } from "vitest";
import type { MockServer } from "../../mock-server/src/index";
import type {
  DataMessage,
  ErrorMessage,
  GapMessage,
  StatusMessage,
  WelcomeMessage,
} from "../../src/protocol";
import { setupTestServers } from "../../testing/testServer";

const { start, connect } = setupTestServers();

function expectConsecutive(seqs: number[], first: number): void {
  expect(seqs.length).toBeGreaterThan(0);
  expect(seqs).toEqual(seqs.map((_, i) => first + i));
}

describe("welcome and fleet", () => {
  it("announces a mixed, named fleet of all four kinds with this run's session", async () => {
    const server = await start({ seed: 42 });
    const client = await connect(server);
    const welcome = client.messages[0] as WelcomeMessage;
    expect(welcome).toMatchObject({ type: "welcome", protocol: 1, session: server.session });
    expect(welcome.source).toEqual({ kind: "simulator", connected: true, since: expect.any(Number) });
    expect(welcome.fleet).toHaveLength(16);
    expect(new Set(welcome.fleet.map((d) => d.kind))).toEqual(
      new Set(["thermostat", "vehicle", "wearable", "meter"]),
    );
    const ids = welcome.fleet.map((d) => d.id);
    expect(ids).toContain("thermo-001");
    expect(ids).toContain("vehicle-004");
    expect(ids).toContain("wearable-003");
    expect(ids).toContain("meter-004");
    const thermostat = welcome.fleet.find((d) => d.id === "thermo-001");
    expect(thermostat?.name).toMatch(/thermostat$/);
    expect(thermostat?.metrics.map((m) => m.key)).toEqual(["temperature", "humidity", "pressure"]);
    expect(thermostat?.state).toMatchObject({ target: expect.any(Number), mode: expect.any(String) });
    expect(thermostat?.rate).toBe(10);
    const vehicle = welcome.fleet.find((d) => d.kind === "vehicle");
    expect(vehicle?.commands.find((c) => c.name === "unlock")?.confirm).toBe(true);
    expect(Math.abs(welcome.serverTime - Date.now())).toBeLessThan(1000);
  });

  it("announces each device's current status and state to later connections", async () => {
    const server = await start({ seed: 42 });
    const first = await connect(server);
    expect((first.messages[0] as WelcomeMessage).fleet.find((d) => d.id === "meter-001")?.online).toBe(true);
    server.setOnline("meter-001", false);
    const reply = await first.request({
      type: "command",
      id: "c-relay",
      device: "thermo-001",
      name: "setTarget",
      args: { target: 27 },
    });
    expect(reply).toMatchObject({ type: "commandResult", ok: true });
    const later = await connect(server);
    const fleet = (later.messages[0] as WelcomeMessage).fleet;
    expect(fleet.find((d) => d.id === "meter-001")?.online).toBe(false);
    expect(fleet.find((d) => d.id === "thermo-001")?.state.target).toBe(27);
  });

  it("spreads --devices across the kinds and honours a fleet spec", async () => {
    const spread = await start({ devices: 40 });
    const counts = new Map<string, number>();
    for (const device of spread.devices()) counts.set(device.kind, (counts.get(device.kind) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ thermostat: 13, vehicle: 10, wearable: 7, meter: 10 });
    expect(new Set(spread.devices().map((d) => d.name)).size).toBe(40);

    const spec = await start({ fleet: { rate: 5, thermostat: 2, meter: { count: 1, rate: 20 } } });
    expect(spec.devices().map((d) => [d.id, d.rate])).toEqual([
      ["thermo-001", 5],
      ["thermo-002", 5],
      ["meter-001", 20],
    ]);
  });

  it("gives the same fleet and values for the same seed, and different values for another", async () => {
    const options = { seed: 7, rate: 100, tick: 10, fleet: { thermostat: 1, vehicle: 1 } };
    const [a, b, c] = await Promise.all([start(options), start(options), start({ ...options, seed: 8 })]);
    expect(a.devices().map((d) => d.name)).toEqual(b.devices().map((d) => d.name));
    const values = async (server: MockServer, device: string) => {
      const client = await connect(server);
      await client.until(() => server.samplesProduced(device) >= 30);
      client.send({ type: "subscribe", id: "s", devices: [device], resume: { [device]: 0 } });
      const data = await client.waitFor<DataMessage>((m) => m.type === "data");
      const entry = data.batch[0];
      return Object.fromEntries(Object.entries(entry?.values ?? {}).map(([k, v]) => [k, v.slice(0, 30)]));
    };
    for (const device of ["thermo-001", "vehicle-001"]) {
      const [va, vb, vc] = await Promise.all([values(a, device), values(b, device), values(c, device)]);
      expect(va).toEqual(vb);
      expect(va).not.toEqual(vc);
    }
  });
});

describe("subscribe and live data", () => {
  it("sends subscribed, then columnar data with per-device seq from 1 and values in range", async () => {
    const server = await start({ rate: 50, tick: 20 });
    const client = await connect(server);
    client.send({ type: "subscribe", id: "s1", devices: ["thermo-001", "meter-001"] });
    await client.until(() => client.seqs("thermo-001").length >= 40 && client.seqs("meter-001").length >= 40);
    const subscribedAt = client.messages.findIndex((m) => m.type === "subscribed");
    const firstData = client.messages.findIndex((m) => m.type === "data");
    expect(client.messages[subscribedAt]).toEqual({
      type: "subscribed",
      id: "s1",
      devices: ["thermo-001", "meter-001"],
    });
    expect(subscribedAt).toBeLessThan(firstData);
    const devicesSeen = new Set(client.entries("thermo-002").map((e) => e.device));
    expect(devicesSeen.size).toBe(0);
    const seqs = client.seqs("thermo-001");
    expectConsecutive(seqs, seqs[0] as number);
    for (const entry of client.entries("thermo-001")) {
      expect(entry.replay).toBe(false);
      expect(Object.keys(entry.values)).toEqual(["temperature", "humidity", "pressure"]);
      for (const column of Object.values(entry.values)) expect(column).toHaveLength(entry.t.length);
      for (const t of entry.t) expect(Math.abs(t - Date.now())).toBeLessThan(5000);
      for (const v of entry.values.temperature ?? []) expect(v).toBeGreaterThanOrEqual(0);
      for (const v of entry.values.temperature ?? []) expect(v).toBeLessThanOrEqual(40);
    }
    const times = client.entries("thermo-001").flatMap((e) => e.t);
    for (let i = 1; i < times.length; i++) expect((times[i] as number) - (times[i - 1] as number)).toBe(20);
  });

  it("reports unknown devices but still subscribes the known ones", async () => {
    const server = await start();
    const client = await connect(server);
    client.send({ type: "subscribe", id: "s2", devices: ["thermo-001", "nope-1", "nope-2"] });
    const error = await client.waitFor<ErrorMessage>((m) => m.type === "error");
    expect(error).toMatchObject({ id: "s2", code: "unknown_device" });
    expect(error.message).toContain('"nope-1"');
    expect(error.message).toContain('"nope-2"');
    expect(await client.waitFor((m) => m.type === "subscribed")).toEqual({
      type: "subscribed",
      id: "s2",
      devices: ["thermo-001"],
    });
  });

  it('subscribes to every device with "*" and stops after unsubscribe', async () => {
    const server = await start({ rate: 50, tick: 20, devices: 6 });
    const client = await connect(server);
    client.send({ type: "subscribe", id: "all", devices: ["*"] });
    await client.until(() => server.devices().every((d) => client.seqs(d.id).length > 0));
    const reply = await client.request({ type: "unsubscribe", id: "u", devices: ["*"] });
    expect(reply).toMatchObject({ type: "unsubscribed", id: "u" });
    const after = client.messages.length;
    // Wait for several ticks' worth of samples to be produced, then check none reached us.
    const target = server.samplesProduced("thermo-001") + 10;
    await client.until(() => server.samplesProduced("thermo-001") >= target);
    expect(client.messages.slice(after).filter((m) => m.type === "data")).toEqual([]);
  });
});

describe("history, resume and gap", () => {
  it("replays the last N seconds marked replay, then goes live without holes or duplicates", async () => {
    const server = await start({ rate: 50, tick: 20 });
    const client = await connect(server);
    await client.until(() => server.samplesProduced("thermo-001") >= 100);
    client.send({ type: "subscribe", id: "h", devices: ["thermo-001"], history: 1 });
    await client.until(() => client.entries("thermo-001").some((e) => !e.replay));
    await client.until(() => client.seqs("thermo-001").length >= 80);
    const entries = client.entries("thermo-001");
    const replayed = entries.filter((e) => e.replay).flatMap((e) => e.t);
    expect(replayed.length).toBeGreaterThanOrEqual(48);
    expect(replayed.length).toBeLessThanOrEqual(52);
    expect(entries.findIndex((e) => !e.replay)).toBe(entries.filter((e) => e.replay).length);
    const seqs = client.seqs("thermo-001");
    expectConsecutive(seqs, seqs[0] as number);
  });

  it("resumes exactly after the last seq a previous connection saw", async () => {
    const server = await start({ rate: 50, tick: 20 });
    const first = await connect(server);
    first.send({ type: "subscribe", id: "a", devices: ["vehicle-001"] });
    await first.until(() => first.seqs("vehicle-001").length >= 20);
    first.close();
    const seen = first.seqs("vehicle-001");
    const last = seen[seen.length - 1] as number;
    await first.until(() => server.samplesProduced("vehicle-001") >= last + 25);
    const second = await connect(server);
    second.send({
      type: "subscribe",
      id: "b",
      devices: ["vehicle-001"],
      history: 600,
      resume: { "vehicle-001": last },
    });
    await second.until(() => second.entries("vehicle-001").some((e) => !e.replay));
    const seqs = second.seqs("vehicle-001");
    expectConsecutive(seqs, last + 1);
    expect(second.entries("vehicle-001")[0]?.replay).toBe(true);
    expect(second.messages.some((m) => m.type === "gap")).toBe(false);
  });

  it("reports samples no longer held as a gap, then replays what is held", async () => {
    const server = await start({ rate: 50, tick: 20, history: 1 });
    const client = await connect(server);
    await client.until(() => server.samplesProduced("meter-001") >= 120);
    client.send({ type: "subscribe", id: "g", devices: ["meter-001"], resume: { "meter-001": 10 } });
    const gap = await client.waitFor<GapMessage>((m) => m.type === "gap");
    const gapAt = client.messages.indexOf(gap);
    expect(gap.device).toBe("meter-001");
    expect(gap.fromSeq).toBe(11);
    await client.until(() => client.entries("meter-001").some((e) => !e.replay));
    const firstData = client.messages.findIndex((m) => m.type === "data");
    expect(gapAt).toBeLessThan(firstData);
    const seqs = client.seqs("meter-001");
    expect(seqs[0]).toBe(gap.toSeq + 1);
    expectConsecutive(seqs, gap.toSeq + 1);
    expect(gap.toSeq - gap.fromSeq + 1 + 50).toBeGreaterThanOrEqual(110);
  });

  it("with cursor 0 replays everything still held", async () => {
    const server = await start({ rate: 50, tick: 20 });
    const client = await connect(server);
    await client.until(() => server.samplesProduced("wearable-001") >= 30);
    client.send({
      type: "subscribe",
      id: "z",
      devices: ["wearable-001"],
      history: 0.1,
      resume: { "wearable-001": 0 },
    });
    await client.until(() => client.entries("wearable-001").some((e) => !e.replay));
    expectConsecutive(client.seqs("wearable-001"), 1);
  });
});

describe("online status", () => {
  it("tells subscribers a device went offline, produces nothing meanwhile, and continues seq after", async () => {
    const server = await start({ rate: 50, tick: 20 });
    const client = await connect(server);
    client.send({ type: "subscribe", id: "o", devices: ["thermo-002", "thermo-003"] });
    await client.until(() => client.seqs("thermo-002").length >= 5);
    server.setOnline("thermo-002", false);
    const offline = await client.waitFor<StatusMessage>((m) => m.type === "status");
    expect(offline).toMatchObject({ device: "thermo-002", online: false });
    expect(server.devices().find((d) => d.id === "thermo-002")?.online).toBe(false);
    const frozen = server.samplesProduced("thermo-002");
    const other = server.samplesProduced("thermo-003");
    await client.until(() => server.samplesProduced("thermo-003") >= other + 20);
    expect(server.samplesProduced("thermo-002")).toBe(frozen);
    server.setOnline("thermo-002", true);
    await client.waitFor((m) => m.type === "status" && m.online === true);
    await client.until(() => client.seqs("thermo-002").includes(frozen + 5));
    const seqs = client.seqs("thermo-002");
    expectConsecutive(seqs, seqs[0] as number);
  });

  it("takes devices offline and back by itself with --offline-rate", async () => {
    const server = await start({ rate: 20, tick: 10, devices: 20, offlineRate: 0.5 });
    const client = await connect(server);
    client.send({ type: "subscribe", id: "all", devices: ["*"] });
    const down = await client.waitFor<StatusMessage>((m) => m.type === "status" && !m.online);
    expect(server.devices().find((d) => d.id === down.device)?.online).toBe(false);
  });
});
