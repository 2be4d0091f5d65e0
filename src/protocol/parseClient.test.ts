import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CLIENT_MESSAGE_TYPES } from "./constants";
import type { PingMessage, SubscribeMessage } from "./messages";
import { CLIENT_SCHEMAS, parseClientMessage, schemaOf } from "./parseClient";

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

describe("client schemas", () => {
  it("lists every accepted type, from CLIENT_MESSAGE_TYPES, in the unknown-type error", () => {
    expect(parseClientMessage('{"type":"nope"}')).toEqual({
      ok: false,
      code: "bad_request",
      message:
        'field "type": expected one of auth, subscribe, unsubscribe, command, ping, latest; got "nope"',
    });
    expect(Object.keys(CLIENT_SCHEMAS).sort()).toEqual([...CLIENT_MESSAGE_TYPES].sort());
  });

  it("accepts latest, with and without stop", () => {
    for (const message of [
      { type: "latest", id: "l" },
      { type: "latest", id: "l", stop: true },
    ])
      expect(parseClientMessage(JSON.stringify(message))).toEqual({ ok: true, message });
  });

  it("binds each schema to its interface at compile time", () => {
    const ping = schemaOf<PingMessage>()(
      z.object({ type: z.literal("ping"), id: z.string(), t: z.number() }),
    );
    // @ts-expect-error a required field renamed in the schema (`t` -> `time`) does not compile
    schemaOf<PingMessage>()(z.object({ type: z.literal("ping"), id: z.string(), time: z.number() }));
    schemaOf<SubscribeMessage>()(
      // @ts-expect-error an optional field renamed (`history` -> `historySeconds`) does not compile
      z.object({
        type: z.literal("subscribe"),
        id: z.string(),
        devices: z.array(z.string()),
        historySeconds: z.number().optional(),
        resume: z.record(z.string(), z.number()).optional(),
      }),
    );
    schemaOf<PingMessage>()(
      // @ts-expect-error a field the interface lacks does not compile either
      z.object({ type: z.literal("ping"), id: z.string(), t: z.number(), x: z.number() }),
    );
    expect(ping.parse({ type: "ping", id: "p", t: 1 })).toEqual({ type: "ping", id: "p", t: 1 });
  });
});
