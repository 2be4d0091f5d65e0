import type { AddressInfo } from "node:net";
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
