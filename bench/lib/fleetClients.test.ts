import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocketServer } from "ws";
import { maskedTextFrame, openClients, recordLatencies } from "./fleetClients";
import { LatencyHistogram } from "./stats";

describe("recordLatencies", () => {
  it("takes the first sample time of every entry of a live data frame", () => {
    const histogram = new LatencyHistogram();
    const frame = JSON.stringify({
      type: "data",
      batch: [
        { device: "a", seq: 1, t: [1000, 1100], values: { x: [1, 2] } },
        { device: "b", seq: 7, t: [990], values: { x: [3] } },
      ],
    });
    expect(recordLatencies(frame, 1020, histogram)).toBe(2);
    expect(histogram.percentile(0)).toBe(20.5);
    expect(histogram.percentile(100)).toBe(30.5);
  });

  it("ignores replayed data and other messages", () => {
    const histogram = new LatencyHistogram();
    const replay = JSON.stringify({
      type: "data",
      batch: [{ device: "a", seq: 1, t: [1], values: {} }],
      replay: true,
    });
    expect(recordLatencies(replay, 5, histogram)).toBe(0);
    expect(recordLatencies('{"type":"pong","id":"x","t":[1]}', 5, histogram)).toBe(0);
    expect(histogram.count).toBe(0);
  });
});

describe("openClients", () => {
  let wss: WebSocketServer | undefined;
  afterEach(async () => {
    await new Promise((done) => wss?.close(done));
    wss = undefined;
  });

  it("subscribes every client to all devices and measures the probes", async () => {
    const subscriptions: unknown[] = [];
    const server = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    wss = server;
    await new Promise((done) => server.once("listening", done));
    server.on("connection", (socket) => {
      socket.send(
        JSON.stringify({ type: "welcome", protocol: 1, session: "s", serverTime: Date.now(), fleet: [] }),
      );
      socket.on("message", (data) => {
        subscriptions.push(JSON.parse(String(data)));
        socket.send(
          JSON.stringify({
            type: "data",
            batch: [{ device: "a", seq: 1, t: [Date.now()], values: { x: [1] } }],
          }),
        );
      });
    });
    const port = (server.address() as AddressInfo).port;
    const pool = await openClients(`ws://127.0.0.1:${port}/ws`, 4, {
      subscribe: true,
      probes: 2,
      parallel: 3,
    });
    // 2 probes count frames; all 4 count bytes (the raw ones include the welcome).
    await expect.poll(() => pool.frames).toBe(2);
    await expect.poll(() => subscriptions.length).toBe(4);
    expect(subscriptions).toEqual(Array(4).fill({ type: "subscribe", id: "bench", devices: ["*"] }));
    expect(pool.latency.count).toBe(2);
    expect(pool.latency.percentile(100)).toBeLessThan(1000);
    await pool.closeAll();
    await expect.poll(() => server.clients.size).toBe(0);
  });
});

describe("openClients' raw clients", () => {
  let server: Server | undefined;
  const upgraded: Duplex[] = [];
  afterEach(async () => {
    // Upgraded sockets leave the HTTP server's bookkeeping: close() would wait for them.
    for (const socket of upgraded.splice(0)) socket.destroy();
    await new Promise((done) => server?.close(done));
    server = undefined;
  });

  const listen = async (onUpgrade: (socket: Duplex) => void) => {
    const http = createServer();
    server = http;
    http.on("upgrade", (_request, socket) => {
      upgraded.push(socket);
      onUpgrade(socket);
    });
    await new Promise<void>((done) => http.listen(0, "127.0.0.1", done));
    return `ws://127.0.0.1:${(http.address() as AddressInfo).port}/ws`;
  };

  it("counts every byte after the 101 answer, including what came with it", async () => {
    const url = await listen((socket) => {
      // The answer and a first 5-byte frame in one write, then a second frame on its own.
      socket.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
      socket.write(Buffer.from([0x81, 3, 0x61, 0x62, 0x63]));
      setImmediate(() => socket.write(Buffer.from([0x81, 1, 0x64])));
    });
    const pool = await openClients(url, 3, { subscribe: false });
    await expect.poll(() => pool.bytes).toBe(3 * (5 + 3));
    await pool.closeAll();
  });

  it("rejects with the status line when the server refuses the upgrade", async () => {
    const url = await listen((socket) => socket.end("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"));
    await expect(openClients(url, 2, { subscribe: false })).rejects.toThrow(
      "upgrade refused: HTTP/1.1 403 Forbidden",
    );
  });
});

describe("maskedTextFrame", () => {
  it("encodes a masked text frame that unmasks to the text", () => {
    const frame = maskedTextFrame("hello");
    expect(frame[0]).toBe(0x81);
    expect(frame[1]).toBe(0x80 | 5);
    const mask = frame.subarray(2, 6);
    const text = Buffer.from(frame.subarray(6).map((byte, i) => byte ^ (mask[i % 4] as number))).toString();
    expect(text).toBe("hello");
  });

  it("uses the 16-bit length form from 126 bytes", () => {
    const frame = maskedTextFrame("x".repeat(300));
    expect(frame[1]).toBe(0x80 | 126);
    expect(frame.readUInt16BE(2)).toBe(300);
    expect(frame.length).toBe(4 + 4 + 300);
  });
});
