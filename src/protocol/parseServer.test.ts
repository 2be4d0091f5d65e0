import { describe, expect, it } from "vitest";
import { parseServerMessage } from "./parseServer";

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

  it("accepts alerts with a list and refuses one without", () => {
    const message = { type: "alerts", alerts: [], snapshot: true };
    expect(parseServerMessage(JSON.stringify(message))).toEqual({ ok: true, message });
    expect(parseServerMessage('{"type":"alerts","alerts":{}}')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/alerts: field "alerts"/),
    });
  });
});
