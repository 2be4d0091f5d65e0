import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createMockServer, OptionError } from "../../mock-server/src/index";
import { TestClient } from "../../testing/testClient";
import { setupTestServers } from "../../testing/testServer";

const { start, open, connect } = setupTestServers();

describe("token", () => {
  it("sends nothing before a valid auth, then the welcome", async () => {
    const server = await start({ token: "s3cret" });
    const client = await open(server);
    const pong = client.request({ type: "ping", id: "early", t: 1 });
    // The ping is not auth: the server must close, having sent nothing at all.
    await expect(pong).rejects.toThrow();
    expect((await client.closed).code).toBe(4401);
    expect(client.messages).toEqual([]);

    const good = await open(server);
    good.send({ type: "auth", token: "s3cret" });
    const welcome = await good.waitFor((m) => m.type === "welcome");
    expect(welcome).toMatchObject({ session: server.session });
    expect(good.messages[0]?.type).toBe("welcome");
  });

  it("closes 4401 at once on a wrong token", async () => {
    const server = await start({ token: "s3cret", authTimeout: 60_000 });
    const client = await open(server);
    client.send({ type: "auth", token: "guess" });
    expect(await client.closed).toEqual({ code: 4401, reason: "invalid token" });
    expect(client.messages).toEqual([]);
  });

  it("sends nothing, not even errors, to a client that floods instead of authenticating", async () => {
    const server = await start({ token: "s3cret" });
    const client = await open(server);
    for (let i = 0; i < 300; i++) client.send({ type: "ping", id: `p${i}`, t: i });
    expect((await client.closed).code).toBe(4401);
    expect(client.messages).toEqual([]);
  });

  it("closes 4401 when no auth arrives in time", async () => {
    const server = await start({ token: "s3cret", authTimeout: 200 });
    const client = await open(server);
    const opened = Date.now();
    expect((await client.closed).code).toBe(4401);
    expect(Date.now() - opened).toBeGreaterThanOrEqual(150);
    expect(client.messages).toEqual([]);
  });

  it("ignores an auth message when the server has no token", async () => {
    const server = await start();
    const client = await connect(server);
    client.send({ type: "auth", token: "whatever" });
    expect(await client.request({ type: "ping", id: "p", t: 5 })).toMatchObject({ type: "pong", t: 5 });
    expect(client.messages.some((m) => m.type === "error")).toBe(false);
  });
});

describe("origin", () => {
  it("accepts scripts (no Origin), localhost pages and same-host pages; refuses others with 403", async () => {
    const server = await start();
    await connect(server);
    await connect(server, { origin: "http://localhost:5173" });
    await connect(server, { origin: "http://127.0.0.1:9999" });
    await connect(server, { origin: "http://[::1]:3000" });
    await connect(server, {
      origin: `http://localhost:${server.port}`,
      headers: { host: `localhost:${server.port}` },
    });
    await connect(server, { origin: "https://fleet.example.com", headers: { host: "fleet.example.com" } });
    await expect(connect(server, { origin: "https://evil.example" })).rejects.toThrow("HTTP 403");
    await expect(connect(server, { origin: "null" })).rejects.toThrow("HTTP 403");
    await expect(connect(server, { origin: "http://localhost.evil.example" })).rejects.toThrow("HTTP 403");
  });

  it("accepts only the listed origins with --allow-origin", async () => {
    const server = await start({ allowOrigin: "https://ops.example.com, https://noc.example.com" });
    await connect(server, { origin: "https://noc.example.com" });
    await connect(server);
    await expect(connect(server, { origin: "http://localhost:5173" })).rejects.toThrow("HTTP 403");
    const any = await start({ allowOrigin: "*" });
    await connect(any, { origin: "https://anything.example" });
  });
});

describe("HTTP endpoints", () => {
  it("/healthz reports session, devices, clients and uptime", async () => {
    const server = await start({ devices: 8 });
    await connect(server);
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ ok: true, session: server.session, devices: 8, clients: 1 });
    expect(body.uptime).toBeGreaterThanOrEqual(0);
  });

  it("/metrics exposes connections, frames, bytes, skipped frames, tick lag and commands", async () => {
    const server = await start({ rate: 50, tick: 20 });
    const client = await connect(server);
    await client.request({
      type: "command",
      id: "m1",
      device: "thermo-001",
      name: "setTarget",
      args: { target: 22 },
    });
    await client.request({ type: "command", id: "m2", device: "nope", name: "x" });
    client.send({ type: "subscribe", id: "s", devices: ["*"] });
    await client.until(() => client.seqs("meter-001").length > 5);
    const response = await fetch(`${server.url}/metrics`);
    expect(response.headers.get("content-type")).toMatch(/text\/plain/);
    const text = await response.text();
    const value = (name: string) =>
      Number(
        text
          .split("\n")
          .find((l) => l.startsWith(`${name} `))
          ?.split(" ")[1],
      );
    expect(value("fleet_connections")).toBe(1);
    expect(value("fleet_connections_total")).toBe(1);
    expect(value("fleet_frames_in_total")).toBe(3);
    expect(value("fleet_frames_out_total")).toBeGreaterThan(5);
    expect(value("fleet_bytes_out_total")).toBeGreaterThan(1000);
    expect(value("fleet_bytes_in_total")).toBeGreaterThan(100);
    expect(value("fleet_skipped_frames_total")).toBe(0);
    expect(value("fleet_tick_lag_seconds_count")).toBeGreaterThan(0);
    expect(value("fleet_devices_online")).toBe(16);
    expect(value("fleet_samples_total")).toBeGreaterThan(16);
    expect(value('fleet_commands_total{result="ok"}')).toBe(1);
    expect(value('fleet_commands_total{result="unknown_device"}')).toBe(1);
  });

  it("serves the SPA with index.html for client routes, and 404 without --static", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fleet-static-"));
    mkdirSync(join(dir, "assets"));
    writeFileSync(join(dir, "index.html"), "<!doctype html><title>Fleet</title>");
    writeFileSync(join(dir, "assets", "app.js"), "console.log(1)");
    const server = await start({ static: dir });
    const home = await fetch(`${server.url}/`);
    expect(home.headers.get("content-type")).toMatch(/text\/html/);
    expect(await home.text()).toContain("<title>Fleet</title>");
    expect(await (await fetch(`${server.url}/devices/thermo-001`)).text()).toContain("<title>Fleet</title>");
    const script = await fetch(`${server.url}/assets/app.js`);
    expect(script.headers.get("content-type")).toMatch(/javascript/);
    // A chunk of an older build is a 404, not the SPA's HTML.
    const gone = await fetch(`${server.url}/assets/DeviceView-0ld.js`);
    expect(gone.status).toBe(404);
    expect(await gone.text()).toBe("not found: /assets/DeviceView-0ld.js");
    expect(await (await fetch(`${server.url}/..%2f..%2fetc%2fpasswd`)).text()).not.toContain("root:");
    const bare = await start();
    expect((await fetch(`${bare.url}/`)).status).toBe(404);
  });

  it("refuses WebSocket upgrades on other paths with 404", async () => {
    const server = await start();
    await expect(TestClient.connect(server.wsUrl.replace("/ws", "/other"))).rejects.toThrow("HTTP 404");
  });
});

describe("createMockServer", () => {
  it("rejects bad options with the CLI's message, and a busy port with EADDRINUSE", async () => {
    await expect(createMockServer({ port: 0, tick: 0 })).rejects.toThrow(
      '--tick must be an integer from 5 to 10000, got "0"',
    );
    await expect(createMockServer({ port: 0, fleet: { thermostat: -1 } })).rejects.toBeInstanceOf(
      OptionError,
    );
    const server = await start();
    await expect(createMockServer({ port: server.port, host: "127.0.0.1" })).rejects.toMatchObject({
      code: "EADDRINUSE",
    });
  });
});

describe("connection lifecycle", () => {
  it("closes every client with 1001 on close()", async () => {
    const server = await start();
    const [a, b] = await Promise.all([connect(server), connect(server)]);
    await server.close();
    expect((await a.closed).code).toBe(1001);
    expect((await b.closed).code).toBe(1001);
  });

  it("dropAll() cuts every connection abruptly; --drop-every does it on a timer", async () => {
    const server = await start();
    const client = await connect(server);
    server.dropAll();
    expect((await client.closed).code).toBe(1006);
    const dropping = await start({ dropEvery: 0.2 });
    const victim = await connect(dropping);
    expect((await victim.closed).code).toBe(1006);
  });

  it("terminates a peer that misses two heartbeat pings", async () => {
    const server = await start({ heartbeat: 100 });
    const client = await connect(server);
    // A paused socket reads nothing, so it never answers the server's pings.
    client.ws.pause();
    await client.until(() => server.clients().length === 0, 3000);
    client.ws.resume();
    expect((await client.closed).code).toBe(1006);
  });

  it("keeps a responsive peer connected across many heartbeats", async () => {
    const server = await start({ heartbeat: 100 });
    const client = await connect(server);
    let pings = 0;
    client.ws.on("ping", () => pings++);
    await client.until(() => pings >= 5, 3000);
    expect(server.clients()).toHaveLength(1);
  });

  it("negotiates permessage-deflate by default, and not when it is turned off", async () => {
    const plain = await connect(await start({ perMessageDeflate: false }));
    expect(plain.ws.extensions).toBe("");
    const compressed = await connect(await start());
    expect(compressed.ws.extensions).toContain("permessage-deflate");
  });

  it("delays outgoing frames by --latency", async () => {
    const server = await start({ latency: 150 });
    const client = await connect(server);
    const sent = Date.now();
    await client.request({ type: "ping", id: "lag", t: sent });
    expect(Date.now() - sent).toBeGreaterThanOrEqual(140);
  });
});

const hasOpenssl = (() => {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe("TLS", () => {
  // Needs the openssl binary to make a throwaway certificate; Debian images without it skip this.
  it.skipIf(!hasOpenssl)("serves https and wss with --tls-cert/--tls-key", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fleet-tls-"));
    const cert = join(dir, "cert.pem");
    const key = join(dir, "key.pem");
    execFileSync(
      "openssl",
      [
        ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost"],
        ...["-keyout", key, "-out", cert],
      ],
      { stdio: "ignore" },
    );
    const server = await start({ tlsCert: cert, tlsKey: key });
    expect(server.url).toMatch(/^https:\/\/localhost:\d+$/);
    expect(server.wsUrl).toMatch(/^wss:\/\//);
    const client = new WebSocket(server.wsUrl, { rejectUnauthorized: false });
    const welcome = await new Promise<string>((done, fail) => {
      client.once("message", (data) => done(String(data)));
      client.once("error", fail);
    });
    client.terminate();
    expect(JSON.parse(welcome)).toMatchObject({ type: "welcome", session: server.session });
  });
});
