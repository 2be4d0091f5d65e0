import { describe, expect, it } from "vitest";
import type { MetricSpec } from "../../fleet";
import { parseDeviceTopic, responseTopic } from "./topics";
import { checkInfo, checkResponse, checkSample, checkStatus, parseJson } from "./validate";

const METRICS: MetricSpec[] = [
  { key: "power", label: "Power", unit: "W", min: 0, max: 100, decimals: 0 },
  { key: "voltage", label: "Voltage", unit: "V", min: 180, max: 270, decimals: 1 },
];
const NOW = 1_767_225_600_000;

describe("telemetry samples", () => {
  it.each([
    ["an array", [], "bad_telemetry"],
    ["no t", { values: { power: 1, voltage: 230 } }, "bad_telemetry"],
    ["t as a string", { t: "now", values: { power: 1, voltage: 230 } }, "bad_telemetry"],
    ["values as an array", { t: NOW, values: [1, 230] }, "bad_telemetry"],
    ["an unknown metric", { t: NOW, values: { power: 1, voltage: 230, rpm: 2 } }, "unknown_metric"],
    ["a missing metric", { t: NOW, values: { power: 1 } }, "missing_metric"],
    ["a string value", { t: NOW, values: { power: "1", voltage: 230 } }, "bad_value"],
    ["a null value", { t: NOW, values: { power: null, voltage: 230 } }, "bad_value"],
    ["a value above max", { t: NOW, values: { power: 101, voltage: 230 } }, "out_of_range"],
    ["a time not after the last", { t: NOW - 1000, values: { power: 1, voltage: 230 } }, "out_of_order"],
    ["a time an hour ahead", { t: NOW + 3_600_000, values: { power: 1, voltage: 230 } }, "out_of_order"],
  ])("refuses %s", (_name, entry, reason) => {
    expect(checkSample(entry, METRICS, NOW - 1000, NOW)).toMatchObject({ ok: false, reason });
  });

  it("returns the values in metric order", () => {
    const entry = { t: NOW, values: { voltage: 231.5, power: 42 }, extra: "ignored" };
    expect(checkSample(entry, METRICS, 0, NOW)).toEqual({
      ok: true,
      value: { time: NOW, values: [42, 231.5] },
    });
  });
});

describe("device messages", () => {
  it("names what is wrong in an info", () => {
    expect(checkInfo({ kind: "toaster", name: "x", metrics: [] })).toMatchObject({
      ok: false,
      reason: "bad_info",
      detail: expect.stringContaining('field "kind"'),
    });
    const duplicate = { kind: "meter", name: "m", metrics: [METRICS[0], METRICS[0]] };
    expect(checkInfo(duplicate)).toMatchObject({ ok: false, detail: expect.stringContaining("unique") });
    expect(checkInfo({ kind: "meter", name: "m", metrics: METRICS })).toMatchObject({
      ok: true,
      value: { rate: 1, commands: [] },
    });
  });

  it("parses status, JSON and command answers", () => {
    expect(checkStatus({ online: false })).toEqual({ ok: true, value: false });
    expect(checkStatus({ online: 1 })).toMatchObject({ ok: false, reason: "bad_status" });
    expect(parseJson(Buffer.from("{"))).toMatchObject({ ok: false, reason: "bad_json" });
    expect(checkResponse({ ok: false, error: { code: "overheated", message: "too hot" } }, "c1")).toEqual({
      ok: true,
      value: {
        type: "commandResult",
        id: "c1",
        ok: false,
        error: { code: "device_error", message: "overheated: too hot" },
      },
    });
    expect(checkResponse({ ok: "yes" }, "c1")).toMatchObject({ ok: false, reason: "bad_response" });
  });

  it("accepts only fleet/<id>/<channel> topics with a safe id", () => {
    expect(parseDeviceTopic("fleet/meter-1/telemetry")).toEqual({ device: "meter-1", channel: "telemetry" });
    expect(parseDeviceTopic("fleet/-x/info")).toBeUndefined();
    expect(parseDeviceTopic("fleet/meter-1/commands")).toBeUndefined();
    expect(parseDeviceTopic("other/meter-1/info")).toBeUndefined();
    expect(responseTopic("abc")).toBe("fleet-servers/abc/responses");
  });
});
