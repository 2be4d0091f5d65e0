/** `overview`: 2,000 devices at 10 Hz, the fleet overview scrolled through, visible cards live. */
import type { Scenario } from "./context";
import { runPageScenario } from "./pageScenario";

export const runOverview: Scenario = (context) =>
  runPageScenario(context, {
    name: "overview",
    fleet: { devices: 2000, rate: 10, extraFlags: ["--max-subscriptions", "10000"] },
    hash: "#/",
    scroll: 4,
    warmupMs: context.options.quick ? 1500 : 10_000,
    measureMs: context.options.quick ? 5000 : 60_000,
  });
