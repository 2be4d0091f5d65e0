/**
 * What the resilience specs read from the server's side, over its public HTTP endpoints and
 * /proc: `/healthz`, `/metrics` counters, and the process's resident memory.
 */
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";

/** The `/healthz` document. */
export interface Health {
  ok: boolean;
  session: string;
  devices: number;
  clients: number;
  uptime: number;
}

export async function fetchHealth(baseUrl: string): Promise<Health> {
  const response = await fetch(`${baseUrl}/healthz`);
  return (await response.json()) as Health;
}

/**
 * Reads `/metrics` (Prometheus text) into `name{labels}` -> value, e.g.
 * `fleet_commands_total{result="ok"}` or `fleet_connections`.
 */
export async function fetchMetrics(baseUrl: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const values = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const space = line.lastIndexOf(" ");
    values.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return values;
}

/** One metric value, 0 when the series does not exist yet (a counter never incremented). */
export async function metric(baseUrl: string, name: string): Promise<number> {
  return (await fetchMetrics(baseUrl)).get(name) ?? 0;
}

/** Resident set size of a process in bytes (Linux /proc). */
export async function residentBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(kb) * 1024;
}

/** A loopback port that was free a moment ago (for servers whose flags must name their port). */
export function freePort(): Promise<number> {
  const probe = createServer();
  return new Promise((done, fail) => {
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}
