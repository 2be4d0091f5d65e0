/**
 * Vitest side of the Mosquitto fixture (mosquitto.ts): suites that need a broker fail with the
 * install command when it is missing. `npm test` installs it first (scripts/ensure-mosquitto.ts),
 * as it does Chromium, so a newcomer's run covers the broker tests too.
 */
import { afterEach, describe, it } from "vitest";
import { MISSING, MOSQUITTO, MOSQUITTO_PUB, TestBroker } from "./mosquitto";

export { TestBroker } from "./mosquitto";

/** `describe` for suites that need Mosquitto: without it, the suite fails saying what to install. */
export function describeWithBroker(name: string, body: () => void): void {
  if (MOSQUITTO && MOSQUITTO_PUB) describe(name, body);
  else
    describe(name, () => {
      it("has mosquitto installed", () => {
        throw new Error(`mosquitto or mosquitto_pub not found; ${MISSING}`);
      });
    });
}

/** Brokers started in a test, disposed after it. */
export function setupBrokers(): { start(): Promise<TestBroker> } {
  const brokers: TestBroker[] = [];
  afterEach(async () => {
    await Promise.all(brokers.splice(0).map((broker) => broker.dispose()));
  });
  return {
    async start() {
      const broker = await TestBroker.create();
      brokers.push(broker);
      return broker;
    },
  };
}
