import { describe, expect, it } from "vitest";
import { parseClientMessage, parseServerMessage } from "./parse";

describe("parseClientMessage", () => {
  it.each([
    ["not json", "{", "bad_request", /not valid JSON/],
    ["an array", "[]", "bad_request", /JSON object/],
    ["unknown type", '{"type":"nope","id":"a"}', "bad_request", /field "type"/],
    ["ping without t", '{"type":"ping","id":"a"}', "bad_request", /field "t"/],
    ["overlong id", JSON.stringify({ type: "ping", id: "x".repeat(65), t: 1 }), "bad_request", /field "id"/],
    ["devices not array", '{"type":"subscribe","id":"s","devices":"all"}', "bad_request", /field "devices"/],
  ])("rejects %s", (_label, frame, code, message) => {
    const result = parseClientMessage(frame);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe(code);
      expect(result.message).toMatch(message);
    }
  });

  it("rejects binary frames", () => {
    const result = parseClientMessage("{}", true);
    expect(result).toMatchObject({ ok: false, code: "bad_request" });
  });

  it("echoes the id of a malformed request", () => {
    expect(parseClientMessage('{"type":"ping","id":"p1","t":"soon"}')).toMatchObject({ ok: false, id: "p1" });
  });

  it("accepts a subscribe with resume cursors", () => {
    const result = parseClientMessage('{"type":"subscribe","id":"s1","devices":["*"],"resume":{"a":3}}');
    expect(result).toEqual({
      ok: true,
      message: { type: "subscribe", id: "s1", devices: ["*"], resume: { a: 3 } },
    });
  });
});

describe("parseServerMessage", () => {
  it("accepts a welcome and rejects an unknown type", () => {
    expect(
      parseServerMessage('{"type":"welcome","protocol":1,"session":"s","serverTime":1,"fleet":[]}').ok,
    ).toBe(true);
    expect(parseServerMessage('{"type":"bogus"}').ok).toBe(false);
  });

  it("accepts deviceAdded with a DeviceInfo and refuses one without", () => {
    const device = {
      id: "x-1",
      kind: "meter",
      name: "X",
      online: true,
      metrics: [],
      commands: [],
      state: {},
      rate: 1,
    };
    expect(parseServerMessage(JSON.stringify({ type: "deviceAdded", device }))).toEqual({
      ok: true,
      message: { type: "deviceAdded", device },
    });
    const refused = parseServerMessage('{"type":"deviceAdded","device":{"id":7}}');
    expect(refused).toMatchObject({
      ok: false,
      message: expect.stringMatching(/deviceAdded: field "device"/),
    });
    expect(parseServerMessage('{"type":"deviceAdded"}').ok).toBe(false);
  });

  it("accepts a source change and refuses one without connected", () => {
    const source = { type: "source", kind: "mqtt", broker: "mqtt://b:1883", connected: false, since: 5 };
    expect(parseServerMessage(JSON.stringify(source))).toEqual({ ok: true, message: source });
    expect(parseServerMessage('{"type":"source","kind":"mqtt","connected":"no"}')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/source: field "connected"/),
    });
  });
});

describe("parseClientMessage, every request type", () => {
  it.each([
    ["auth without token", { type: "auth" }, /auth: field "token"/],
    ["auth with a numeric token", { type: "auth", token: 5 }, /auth: field "token"/],
    ["subscribe without id", { type: "subscribe", devices: ["*"] }, /subscribe: field "id"/],
    ["subscribe with empty devices", { type: "subscribe", id: "s", devices: [] }, /field "devices"/],
    ["subscribe with a numeric device", { type: "subscribe", id: "s", devices: [1] }, /field "devices.0"/],
    [
      "subscribe with history as text",
      { type: "subscribe", id: "s", devices: ["*"], history: "60" },
      /field "history"/,
    ],
    [
      "subscribe with a negative cursor",
      { type: "subscribe", id: "s", devices: ["*"], resume: { a: -1 } },
      /"resume.a"/,
    ],
    ["unsubscribe without devices", { type: "unsubscribe", id: "u" }, /unsubscribe: field "devices"/],
    ["command without name", { type: "command", id: "c", device: "d" }, /command: field "name"/],
    [
      "command with object args",
      { type: "command", id: "c", device: "d", name: "n", args: { a: {} } },
      /"args.a"/,
    ],
    [
      "command with a text deadline",
      { type: "command", id: "c", device: "d", name: "n", deadline: "soon" },
      /"deadline"/,
    ],
    ["ping with an infinite t", { type: "ping", id: "p", t: "Infinity" }, /ping: field "t"/],
    ["a numeric id", { type: "ping", id: 7, t: 1 }, /ping: field "id"/],
  ])("rejects %s with bad_request naming the field", (_label, message, pattern) => {
    const result = parseClientMessage(JSON.stringify(message));
    expect(result).toMatchObject({ ok: false, code: "bad_request" });
    if (!result.ok) expect(result.message).toMatch(pattern);
  });

  it("does not echo an empty or overlong id", () => {
    expect(parseClientMessage('{"type":"ping","id":"","t":1}')).not.toHaveProperty("id");
    expect(parseClientMessage(JSON.stringify({ type: "ping", id: "x".repeat(65), t: 1 }))).not.toHaveProperty(
      "id",
    );
  });

  it("accepts each request type in its minimal and full forms", () => {
    const valid = [
      { type: "auth", token: "t" },
      { type: "subscribe", id: "s", devices: ["thermo-001"] },
      { type: "subscribe", id: "s", devices: ["*"], history: 60, resume: { "thermo-001": 0 } },
      { type: "unsubscribe", id: "u", devices: ["*"] },
      { type: "command", id: "c", device: "meter-001", name: "relayOff" },
      {
        type: "command",
        id: "c",
        device: "thermo-001",
        name: "setTarget",
        args: { target: 21 },
        deadline: 1,
      },
      { type: "ping", id: "p", t: 1 },
    ];
    for (const message of valid)
      expect(parseClientMessage(JSON.stringify(message))).toEqual({ ok: true, message });
  });

  it("ignores unknown fields", () => {
    expect(parseClientMessage('{"type":"ping","id":"p","t":1,"extra":true}')).toEqual({
      ok: true,
      message: { type: "ping", id: "p", t: 1 },
    });
  });
});
