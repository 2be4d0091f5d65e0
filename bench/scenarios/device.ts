/**
 * `device`: one device view with all its charts over a 15-minute window, the device at 50 Hz,
 * plus 500 other devices (10 Hz) streaming to the same tab.
 */
import type { Scenario } from "./context";
import { runPageScenario } from "./pageScenario";

/** The 50 Hz device: the fleet's only wearable. */
export const DEVICE_ID = "wearable-001";

export const runDevice: Scenario = (context) =>
  runPageScenario(context, {
    name: "device",
    fleet: { fleet: { rate: 10, thermostat: 500, wearable: { count: 1, rate: 50 } } },
    hash: `#/devices/${DEVICE_ID}?window=15m`,
    watchAll: true,
    warmupMs: context.options.quick ? 1500 : 10_000,
    measureMs: context.options.quick ? 5000 : 60_000,
  });
