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
});
