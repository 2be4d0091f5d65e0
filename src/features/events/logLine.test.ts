import { describe, expect, it } from "vitest";
import type { FleetDevice } from "../../../server/src/fleet";
import { FleetLog } from "../../../server/src/logbook/fleetLog";
import { MemoryLogbook } from "../../../server/src/logbook/logbook";
import { hasMessage, t } from "../../i18n/i18n";
import type { LogEntry } from "../../protocol/messages";
import { logLineText, spanText } from "./logLine";

const device = {
  id: "thermo-001",
  kind: "thermostat",
  rate: 1,
  online: true,
  state: { mode: "heat" },
} as unknown as FleetDevice;

const SET_MODE = hasMessage("command.setMode") ? t("command.setMode") : "setMode";

/** One line of every code, as the server writes them. */
function serverLines(): LogEntry[] {
  const log = new FleetLog(new MemoryLogbook(), () => 7000);
  log.serverStarted(0, { session: "s" });
  log.deviceAdded(device, 1000);
  log.setOnline(device, false, 61_000);
  log.setOnline(device, true, 3_726_000);
  (device as unknown as { state: object }).state = { mode: "eco" };
  log.stateChanged(device);
  log.command(device, "setMode", "ana", true);
  log.command(device, "setMode", "ana", false, "device_offline");
  const alert = { id: "a", rule: "r1", device: device.id, metric: "temperature", since: 5 } as const;
  const base = { ...alert, acknowledged: null, severity: "critical" } as const;
  log.alerts([{ ...base, state: "firing", value: 30.5 }], () => device);
  log.alerts([{ ...base, state: "resolved", value: null }], () => device);
  log.broker(false, 1000);
  log.broker(true, 4000);
  log.deviceRetired(device, 9000);
  return log.drain();
}

describe("logLineText", () => {
  it("says in English what the server's text says, for every code the server writes", () => {
    const lines = serverLines();
    expect(new Set(lines.map((line) => line.code)).size).toBeGreaterThanOrEqual(11);
    for (const line of lines) {
      const expected = line.text
        // The catalogue names a kind and a command by their labels, and an error code in words.
        .replace("(thermostat,", "(Thermostat,")
        .replace("setMode by", `${SET_MODE} by`)
        .replace("(device_offline)", "(The device is offline.)")
        .replace("temperature:", "Temperature:");
      expect(logLineText(line), line.code).toBe(expected);
    }
  });

  it("falls back to the server's text without a code, or with one it does not know", () => {
    const line = serverLines()[1] as LogEntry;
    const { code: _code, ...old } = line;
    expect(logLineText(old)).toBe(line.text);
    expect(logLineText({ ...line, code: "from_the_future" as LogEntry["code"] })).toBe(line.text);
  });

  it("writes spans as the server does", () => {
    expect([850, 42_000, 1_200_000, 3_900_000, 90_000_000].map(spanText)).toEqual([
      "850 ms",
      "42 s",
      "20 min",
      "1 h 5 min",
      "1 d 1 h",
    ]);
  });
});
