import { describe, expect, it } from "vitest";
import type { MockServer } from "../../mock-server/src/index";
import type { CommandResultMessage, StateMessage } from "../../src/protocol";
import { setupTestServers } from "../../testing/testServer";

const { start, connect } = setupTestServers();

async function commandsMetric(server: MockServer, result: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`fleet_commands_total{result="${result}"}`));
  return line ? Number(line.split(" ")[1]) : 0;
}

describe("commands", () => {
  it("runs a command, returns the new state and tells every dashboard, subscribed or not", async () => {
    const server = await start();
    const watcher = await connect(server);
    await watcher.request({ type: "subscribe", id: "w", devices: ["thermo-001"] });
    const client = await connect(server);
    const bystander = await connect(server);
    const result = await client.request<CommandResultMessage>({
      type: "command",
      id: "c1",
      device: "thermo-001",
      name: "setTarget",
      args: { target: 26.5 },
    });
    expect(result).toMatchObject({ type: "commandResult", id: "c1", ok: true, state: { target: 26.5 } });
    expect(server.deviceState("thermo-001")?.target).toBe(26.5);
    for (const dashboard of [watcher, client, bystander]) {
      const state = await dashboard.waitFor<StateMessage>(
        (m) => m.type === "state" && m.device === "thermo-001",
      );
      expect(state).toMatchObject({ device: "thermo-001", state: { target: 26.5 } });
    }
    // The bystander connected before the command, without subscribing: its fleet stays current.
    expect(bystander.messages.some((m) => m.type === "data")).toBe(false);
  });

  it("simulates the device round trip", async () => {
    const server = await start({ commandLatency: 300 });
    const client = await connect(server);
    const sent = Date.now();
    await client.request({ type: "command", id: "slow", device: "vehicle-001", name: "lock" });
    expect(Date.now() - sent).toBeGreaterThanOrEqual(140);
  });

  it("runs a repeated id once, across connections, and returns the original result", async () => {
    const server = await start();
    const first = await connect(server);
    const command = {
      type: "command",
      id: "dup-1",
      device: "thermo-002",
      name: "setTarget",
      args: { target: 25 },
    } as const;
    const original = await first.request(command);
    await first.request({
      type: "command",
      id: "dup-2",
      device: "thermo-002",
      name: "setTarget",
      args: { target: 19 },
    });
    first.close();
    const second = await connect(server);
    const repeated = await second.request(command);
    expect(repeated).toEqual(original);
    expect(server.deviceState("thermo-002")?.target).toBe(19);
    expect(await commandsMetric(server, "ok")).toBe(2);
  });

  it("answers both copies of an id sent twice while it is still running, executing it once", async () => {
    const server = await start({ commandLatency: 200 });
    const [a, b] = await Promise.all([connect(server), connect(server)]);
    const command = { type: "command", id: "race", device: "meter-001", name: "relayOff" } as const;
    const [ra, rb] = await Promise.all([a.request(command), b.request(command)]);
    expect(ra).toEqual(rb);
    expect(ra).toMatchObject({ ok: true, state: { relay: false } });
    expect(await commandsMetric(server, "ok")).toBe(1);
  });

  it("rejects a reused id with different arguments as id_conflict", async () => {
    const server = await start();
    const client = await connect(server);
    await client.request({
      type: "command",
      id: "x",
      device: "thermo-001",
      name: "setTarget",
      args: { target: 21 },
    });
    const conflict = await client.request({
      type: "command",
      id: "x",
      device: "thermo-001",
      name: "setTarget",
      args: { target: 22 },
    });
    expect(conflict).toMatchObject({ ok: false, error: { code: "id_conflict" } });
    expect(server.deviceState("thermo-001")?.target).toBe(21);
  });

  it("rejects a command past its deadline as expired, without running it", async () => {
    const server = await start();
    const client = await connect(server);
    const before = server.deviceState("vehicle-001")?.locked;
    const reply = await client.request({
      type: "command",
      id: "late",
      device: "vehicle-001",
      name: before ? "unlock" : "lock",
      deadline: Date.now() - 1000,
    });
    expect(reply).toMatchObject({ ok: false, error: { code: "expired" } });
    expect(server.deviceState("vehicle-001")?.locked).toBe(before);
  });

  it("accepts a command within its deadline", async () => {
    const server = await start();
    const client = await connect(server);
    const reply = await client.request({
      type: "command",
      id: "ontime",
      device: "vehicle-001",
      name: "unlock",
      deadline: Date.now() + 10_000,
    });
    expect(reply).toMatchObject({ ok: true, state: { locked: false } });
  });

  it.each([
    [
      "unknown device",
      { device: "thermo-999", name: "setTarget", args: { target: 20 } },
      "unknown_device",
      /thermo-999/,
    ],
    ["unknown command", { device: "thermo-001", name: "selfDestruct" }, "unknown_command", /selfDestruct/],
    [
      "out of range",
      { device: "thermo-001", name: "setTarget", args: { target: 99 } },
      "invalid_args",
      /target.*5 to 30/,
    ],
    [
      "wrong type",
      { device: "thermo-001", name: "setTarget", args: { target: "warm" } },
      "invalid_args",
      /number/,
    ],
    [
      "missing argument",
      { device: "thermo-001", name: "setTarget" },
      "invalid_args",
      /needs argument "target"/,
    ],
    [
      "extra argument",
      { device: "meter-001", name: "relayOn", args: { now: true } },
      "invalid_args",
      /no argument "now"/,
    ],
    [
      "bad enum",
      { device: "thermo-001", name: "setMode", args: { mode: "turbo" } },
      "invalid_args",
      /off, heat, cool, auto/,
    ],
  ])("rejects %s with its own code", async (_label, fields, code, message) => {
    const server = await start();
    const client = await connect(server);
    const reply = await client.request<CommandResultMessage>({ type: "command", id: "bad", ...fields });
    expect(reply).toMatchObject({ type: "commandResult", id: "bad", ok: false, error: { code } });
    if (!reply.ok) expect(reply.error.message).toMatch(message);
  });

  it("rejects commands to an offline device", async () => {
    const server = await start();
    const client = await connect(server);
    server.setOnline("wearable-001", false);
    const reply = await client.request({
      type: "command",
      id: "off",
      device: "wearable-001",
      name: "vibrate",
    });
    expect(reply).toMatchObject({
      ok: false,
      error: { code: "device_offline", message: expect.stringContaining("wearable-001") },
    });
  });

  it("fails commands with device_error at --command-failure-rate 1", async () => {
    const server = await start({ commandFailureRate: 1 });
    const client = await connect(server);
    const reply = await client.request({ type: "command", id: "f", device: "meter-002", name: "relayOff" });
    expect(reply).toMatchObject({ ok: false, error: { code: "device_error" } });
    expect(server.deviceState("meter-002")?.relay).toBe(true);
  });

  it("makes a meter with its relay off draw 0 W", async () => {
    const server = await start({ rate: 50, tick: 20 });
    const client = await connect(server);
    await client.request({ type: "command", id: "off", device: "meter-003", name: "relayOff" });
    client.send({ type: "subscribe", id: "s", devices: ["meter-003"] });
    await client.until(() => client.seqs("meter-003").length >= 10);
    const power = client.entries("meter-003").flatMap((e) => e.values.power ?? []);
    expect(power.slice(0, 10)).toEqual(Array(10).fill(0));
  });
});
