/** Builds the simulated fleet's device descriptions. */
import type { DeviceInfo } from "../../src/protocol/messages";

export function createFleet(count: number, _seed: number): DeviceInfo[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `thermo-${String(i + 1).padStart(3, "0")}`,
    kind: "thermostat",
    name: `Thermostat ${i + 1}`,
    online: true,
    rate: 10,
    metrics: [{ key: "temperature", label: "Temperature", unit: "°C", min: -10, max: 40 }],
    commands: [],
    state: { target: 21, mode: "heat" },
  }));
}
