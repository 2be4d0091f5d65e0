/**
 * Vitest side of the Mosquitto fixture (mosquitto.ts): suites that need a broker fail under CI
 * (`CI=true`) with the install command when it is missing, and are skipped with that reason
 * elsewhere.
 */
import { afterEach, describe, it } from "vitest";
import { MISSING, MOSQUITTO, MOSQUITTO_PUB, TestBroker } from "./mosquitto";

export { TestBroker } from "./mosquitto";

/** `describe` for suites that need Mosquitto: fails in CI without it, skips elsewhere. */
export function describeWithBroker(name: string, body: () => void): void {
  if (MOSQUITTO && MOSQUITTO_PUB) describe(name, body);
  else if (process.env.CI)
    describe(name, () => {
      it("has mosquitto installed", () => {
        throw new Error(`mosquitto or mosquitto_pub not found; ${MISSING}`);
      });
    });
  // Skipped only outside CI when no mosquitto binary exists; under CI=true the suite fails instead.
  else describe.skip(`${name} (skipped: ${MISSING})`, body);
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

/** Polls `condition` every 20 ms until it holds; throws `what` after `timeoutMs`. */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 5000,
): Promise<void> {
  const giveUpAt = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > giveUpAt) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}
