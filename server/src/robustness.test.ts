import { describe, expect, it } from "vitest";
import type { ErrorMessage, PongMessage } from "../../src/protocol";
import { setupTestServers } from "../../testing/testServer";

const { start, connect } = setupTestServers();

describe("bad input", () => {
  it.each([
    ["invalid JSON", "{not json", /not valid JSON/, undefined],
    ["a JSON array", "[1,2]", /JSON object/, undefined],
    ["a JSON string", '"ping"', /JSON object/, undefined],
    ["no type", '{"id":"a"}', /field "type"/, "a"],
    ["an unknown type", '{"type":"reboot","id":"b"}', /field "type".*"reboot"/, "b"],
    ["a non-string type", '{"type":7,"id":"c"}', /field "type".*number/, "c"],
    ["ping without t", '{"type":"ping","id":"d"}', /ping: field "t"/, "d"],
    ["ping with t as string", '{"type":"ping","id":"e","t":"now"}', /ping: field "t"/, "e"],
    [
      "an overlong id",
      JSON.stringify({ type: "ping", id: "x".repeat(65), t: 1 }),
      /ping: field "id"/,
      undefined,
    ],
    ["an empty id", '{"type":"ping","id":"","t":1}', /ping: field "id"/, undefined],
    [
      "devices as a string",
      '{"type":"subscribe","id":"f","devices":"all"}',
      /subscribe: field "devices"/,
      "f",
    ],
    ["empty devices", '{"type":"subscribe","id":"g","devices":[]}', /subscribe: field "devices"/, "g"],
    [
      "negative history",
      '{"type":"subscribe","id":"h","devices":["*"],"history":-1}',
      /field "history"/,
      "h",
    ],
    [
      "a fractional resume cursor",
      '{"type":"subscribe","id":"i","devices":["*"],"resume":{"a":1.5}}',
      /field "resume.a"/,
      "i",
    ],
    ["command without device", '{"type":"command","id":"j","name":"lock"}', /command: field "device"/, "j"],
    [
      "command args as array",
      '{"type":"command","id":"k","device":"a","name":"b","args":[1]}',
      /field "args"/,
      "k",
    ],
    [
      "a nested arg",
      '{"type":"command","id":"l","device":"a","name":"b","args":{"x":{}}}',
      /field "args.x"/,
      "l",
    ],
  ])(
    "answers %s with bad_request naming the problem, and keeps serving",
    async (_label, frame, message, id) => {
      const server = await start();
      const client = await connect(server);
      client.send(frame);
      const error = await client.waitFor<ErrorMessage>((m) => m.type === "error");
      expect(error.code).toBe("bad_request");
      expect(error.message).toMatch(message);
      expect(error.id).toBe(id);
      const pong = await client.request<PongMessage>({ type: "ping", id: "alive", t: 123 });
      expect(pong).toMatchObject({ type: "pong", id: "alive", t: 123 });
      expect(Math.abs(pong.serverTime - Date.now())).toBeLessThan(1000);
    },
  );

  it("answers a binary frame with bad_request", async () => {
    const server = await start();
    const client = await connect(server);
    client.ws.send(Buffer.from('{"type":"ping","id":"p","t":1}'), { binary: true });
    const error = await client.waitFor<ErrorMessage>((m) => m.type === "error");
    expect(error).toMatchObject({ code: "bad_request", message: expect.stringMatching(/binary/) });
    expect(await client.request({ type: "ping", id: "p2", t: 2 })).toMatchObject({ type: "pong" });
  });

  it("closes with 1009 on a frame over 64 KiB, without affecting other clients", async () => {
    const server = await start();
    const [big, bystander] = await Promise.all([connect(server), connect(server)]);
    big.send(JSON.stringify({ type: "ping", id: "big", t: 1, pad: "x".repeat(70 * 1024) }));
    expect((await big.closed).code).toBe(1009);
    expect(await bystander.request({ type: "ping", id: "ok", t: 1 })).toMatchObject({ type: "pong" });
  });

  it("accepts a frame just under 64 KiB", async () => {
    const server = await start();
    const client = await connect(server);
    const frame = JSON.stringify({ type: "ping", id: "edge", t: 1, pad: "" });
    client.send(frame.replace('"pad":""', `"pad":"${"x".repeat(64 * 1024 - frame.length)}"`));
    expect(await client.waitFor((m) => m.type === "pong")).toMatchObject({ id: "edge" });
  });
});

describe("limits", () => {
  it("refuses a flood with rate_limited, then closes it with 1008", async () => {
    const server = await start();
    const client = await connect(server);
    for (let i = 0; i < 500; i++) client.send({ type: "ping", id: `p${i}`, t: i });
    const closed = await client.closed;
    expect(closed.code).toBe(1008);
    const pongs = client.messages.filter((m) => m.type === "pong").length;
    const limited = client.messages.filter((m) => m.type === "error" && m.code === "rate_limited");
    expect(pongs).toBeGreaterThanOrEqual(200);
    expect(pongs).toBeLessThan(260);
    expect(limited.length).toBeGreaterThan(50);
    expect(limited[0]).toMatchObject({ id: expect.stringMatching(/^p\d+$/) });
  });

  it("lets a client at a steady rate under the limit through", async () => {
    const server = await start({ rateLimit: 20 });
    const client = await connect(server);
    // 40 messages is the burst allowance (twice the rate): all must be answered.
    for (let i = 0; i < 40; i++) client.send({ type: "ping", id: `p${i}`, t: i });
    await client.until(() => client.messages.filter((m) => m.type === "pong").length === 40);
    expect(client.messages.some((m) => m.type === "error")).toBe(false);
  });

  it("caps subscriptions per connection with too_many_subscriptions", async () => {
    const server = await start({ maxSubscriptions: 3 });
    const client = await connect(server);
    await client.request({ type: "subscribe", id: "a", devices: ["thermo-001", "thermo-002"] });
    const reply = await client.request<ErrorMessage>({
      type: "subscribe",
      id: "b",
      devices: ["thermo-002", "thermo-003", "thermo-004"],
    });
    expect(reply).toMatchObject({ type: "error", code: "too_many_subscriptions" });
    expect(reply.message).toMatch(/at most 3/);
    expect(await client.request({ type: "subscribe", id: "c", devices: ["thermo-003"] })).toMatchObject({
      type: "subscribed",
    });
  });

  it("refuses connections over --max-connections with HTTP 503", async () => {
    const server = await start({ maxConnections: 2 });
    await connect(server);
    await connect(server);
    await expect(connect(server)).rejects.toThrow("HTTP 503");
  });
});
