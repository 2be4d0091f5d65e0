import { describe, expect, it } from "vitest";
import { describeSource, sourceHealth, sourceOutage } from "./sourceText";

const at = new Date(2026, 10, 24, 12, 3, 4).getTime();
const broker = { kind: "mqtt", broker: "mqtt://broker.example:1883" } as const;

describe("source wording", () => {
  it("names the source", () => {
    expect(describeSource({ ...broker, connected: true, since: at })).toBe(
      "MQTT broker mqtt://broker.example:1883",
    );
    expect(describeSource({ kind: "simulator", connected: true, since: at })).toBe("built-in simulator");
  });

  it("has no outage while the broker is connected or nothing was reported", () => {
    expect(sourceOutage(undefined, at)).toBeUndefined();
    expect(sourceOutage({ ...broker, connected: true, since: at }, at)).toBeUndefined();
  });

  it("says which broker is down, since when, and that the devices are not at fault", () => {
    const text = sourceOutage({ ...broker, connected: false, since: at }, at + 125_000);
    expect(text).toContain(
      "cannot reach its MQTT broker mqtt://broker.example:1883 since 12:03:04 (2 min ago)",
    );
    expect(text).toContain("Every device shows offline until the broker is back");
  });

  it("gives the health panel a line for either state", () => {
    expect(sourceHealth({ ...broker, connected: false, since: at }, at + 12_000)).toBe(
      "MQTT broker mqtt://broker.example:1883, unreachable since 12:03:04 (12 s ago)",
    );
    expect(sourceHealth(undefined, at)).toBe("not reported by this server");
  });
});
