/**
 * Values per sample of a running server's fleet, read from its `welcome` (every device's rate
 * and metrics), to turn the server's sample counter into the values it produced.
 */
import WebSocket from "ws";
import type { DeviceInfo } from "../../src/protocol";

const WELCOME_TIMEOUT_MS = 60_000;

/** Values per sample over the fleet, weighted by each device's rate (a fast device samples more). */
export function valuesPerSample(
  fleet: readonly { rate: number; metrics: readonly unknown[] }[],
): number | null {
  let samples = 0;
  let values = 0;
  for (const device of fleet) {
    samples += device.rate;
    values += device.rate * device.metrics.length;
  }
  return samples > 0 ? values / samples : null;
}

/** Connects to `wsUrl`, reads `welcome`, closes, and returns its fleet's values per sample. */
export function readValuesPerSample(wsUrl: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl, { perMessageDeflate: false });
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`no welcome from ${wsUrl} within ${WELCOME_TIMEOUT_MS / 1000} s`));
    }, WELCOME_TIMEOUT_MS);
    socket.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.once("message", (data) => {
      clearTimeout(timer);
      socket.close();
      const welcome = JSON.parse(String(data)) as { type?: string; fleet?: DeviceInfo[] };
      resolve(welcome.type === "welcome" && welcome.fleet ? valuesPerSample(welcome.fleet) : null);
    });
  });
}
