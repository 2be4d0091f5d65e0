import { describe, expect, it } from "vitest";
import type { MockServer, MockServerOptions } from "../../../mock-server/src/index";
import type { LogbookMessage, LogEntry } from "../../../src/protocol";
import { ENGINES, useEngine as engineFixture } from "../../../testing/storeEngines";
import { setupTestServers } from "../../../testing/testServer";

type Backend = "memory" | (typeof ENGINES)[number];

async function events(
  server: MockServer,
  query = "",
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${server.url}/api/events${query ? `?${query}` : ""}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
const entriesOf = async (server: MockServer, query: string) =>
  (await events(server, query)).body.entries as LogEntry[];

describe.each<Backend>(["memory", ...ENGINES])("the logbook on %s", (backend) => {
  const servers = setupTestServers();
  const engine = backend === "memory" ? undefined : engineFixture(backend);
  const storeOptions = (): MockServerOptions =>
    backend === "memory" ? {} : backend === "duckdb" ? { data: engine?.target } : { store: engine?.target };
  const start = (options: MockServerOptions = {}) =>
    servers.start({ fleet: { thermostat: 3 }, log: () => {}, ...storeOptions(), ...options });

  it("logs a device going offline and back with how long it lasted, live and in /api/events", async () => {
    const server = await start();
    const client = await servers.connect(server);
    const device = server.devices()[1]?.id as string;
    server.setOnline(device, false);
    server.setOnline(device, true);
    const live = await client.waitFor<LogbookMessage>(
      (m) => m.type === "logbook" && m.entries.some((e) => e.device === device && e.type === "online"),
    );
    expect(live.entries.find((e) => e.type === "online")).toMatchObject({ kind: "thermostat" });
    const both = `device=${device}&type=online,offline`;
    await expect.poll(async () => (await entriesOf(server, both)).length).toBe(2);
    const [online, offline] = await entriesOf(server, both);
    expect(offline).toMatchObject({ type: "offline", device, detail: { from: "online" } });
    expect(online).toMatchObject({
      type: "online",
      device,
      text: expect.stringMatching(/^back online after/),
    });
    expect(online?.durationMs).toBe((online?.at ?? 0) - (offline?.at ?? 0));
    const started = await entriesOf(server, "type=server_started");
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({ device: null, detail: { devices: 3 } });
  });

  it("pages newest first by cursor, filters by type and kind, and logs commands with who sent them", async () => {
    const server = await start();
    const client = await servers.connect(server);
    const device = server.devices()[0]?.id as string;
    const result = await client.request({
      type: "command",
      id: "c1",
      device,
      name: "setMode",
      args: { mode: "cool" },
    });
    expect(result).toMatchObject({ ok: true });
    await expect.poll(async () => (await entriesOf(server, "type=command")).length).toBe(1);
    const [command] = await entriesOf(server, "type=command");
    expect(command).toMatchObject({ device, detail: { command: "setMode", by: "anonymous", ok: true } });
    const modeChanges = async () =>
      (await entriesOf(server, `type=state&device=${device}`)).flatMap((e) => e.detail?.changes as unknown[]);
    await expect.poll(modeChanges).toContainEqual({ key: "mode", from: "heat", to: "cool" });
    const all = await entriesOf(server, "limit=1000&kind=thermostat");
    expect(all.length).toBeGreaterThanOrEqual(2);
    const first = await events(server, "limit=1&kind=thermostat");
    expect(first.body.entries).toEqual(all.slice(0, 1));
    const second = await events(server, `limit=1&kind=thermostat&before=${first.body.next}`);
    expect(second.body.entries).toEqual(all.slice(1, 2));
  });

  it("refuses bad parameters with 400 naming the parameter", async () => {
    const server = await start();
    for (const [query, name] of [
      ["limit=0", '"limit"'],
      ["from=abc", '"from"'],
      ["type=nonsense", '"type"'],
      ["before=%27%3B", '"before"'],
      ["from=10&to=5", '"from"'],
    ] as const) {
      const answer = await events(server, query);
      expect(answer.status).toBe(400);
      expect((answer.body.error as { message: string }).message).toContain(name);
    }
  });

  // Only a store survives a restart; the memory logbook is meant to start empty.
  it.skipIf(backend === "memory")(
    "keeps what happened across a restart: two starts, the outage between",
    async () => {
      const first = await start();
      const device = first.devices()[2]?.id as string;
      first.setOnline(device, false);
      await expect.poll(async () => (await entriesOf(first, "type=offline")).length).toBe(1);
      await first.close();
      const second = await start();
      expect(await entriesOf(second, "type=server_started")).toHaveLength(2);
      expect((await entriesOf(second, "type=offline"))[0]).toMatchObject({ device });
    },
  );
});
