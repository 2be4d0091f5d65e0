/**
 * Measures what alert evaluation costs (docs/ALERTS.md, "Cost"); not a test, figures only.
 *   npx tsx bench/alertsCost.ts engine   # ns per sample, engine alone
 *   npx tsx bench/alertsCost.ts server   # process CPU, 2,000 devices x 10 Hz, rules on vs off
 */
import { createMockServer } from "../mock-server/src/index";
import { AlertEngine } from "../server/src/alerts/engine";
import type { AlertRule } from "../src/protocol/messages";

const DEVICES = 2000;
const METRICS = 4;

/** One `outside` rule per metric on every device; values inside the band except `beyond` of them. */
function engineCost(beyond: number): void {
  let transitions = 0;
  const engine = new AlertEngine(() => transitions++);
  const metrics = Array.from({ length: METRICS }, (_, m) => ({ key: `m${m}` }));
  const rules: AlertRule[] = metrics.map((metric, m) => ({
    id: `r${m}`,
    name: metric.key,
    scope: { kind: "meter" },
    metric: metric.key,
    op: "outside",
    low: 10,
    high: 90,
    clearLow: 12,
    clearHigh: 88,
    forSeconds: 3,
    severity: "warning",
  }));
  const devices = Array.from({ length: DEVICES }, (_, index) => ({
    id: `d${index}`,
    index,
    rate: 10,
    online: true,
    metrics,
  }));
  for (const device of devices) engine.assign(device, rules);
  const rows = 4096;
  const values = Array.from({ length: rows }, () =>
    Float64Array.from({ length: METRICS }, () => (Math.random() < beyond ? 95 : 20 + Math.random() * 60)),
  );
  const run = (samples: number): number => {
    const started = process.hrtime.bigint();
    for (let s = 0; s < samples; s++) {
      const device = devices[s % DEVICES] as (typeof devices)[number];
      engine.onSample(device, s, values[s % rows] as Float64Array);
    }
    return Number(process.hrtime.bigint() - started) / samples;
  };
  run(2_000_000);
  const ns = Math.min(run(10_000_000), run(10_000_000));
  const perSecond = DEVICES * 10;
  console.log(
    `engine, ${beyond * 100} % of values beyond: ${ns.toFixed(1)} ns/sample (${METRICS} rules each), ${transitions} transitions; ` +
      `${perSecond} samples/s = ${((ns * perSecond) / 1e7).toFixed(3)} % of a core; 200,000 samples/s = ${((ns * 200_000) / 1e7).toFixed(2)} %`,
  );
}

async function cpuOver(ms: number): Promise<number> {
  const before = process.cpuUsage();
  const started = performance.now();
  await new Promise((done) => setTimeout(done, ms));
  const used = process.cpuUsage(before);
  return ((used.user + used.system) / 1000 / (performance.now() - started)) * 100;
}

/** One process: the simulator and the gateway, no clients; CPU with every default rule on, then off. */
async function serverCost(): Promise<void> {
  const server = await createMockServer({
    port: 0,
    host: "127.0.0.1",
    devices: DEVICES,
    rate: 10,
    log: () => {},
  });
  const rules = (await (await fetch(`${server.url}/api/alert-rules`)).json()) as { rules: AlertRule[] };
  const put = (rule: AlertRule, enabled: boolean) =>
    fetch(`${server.url}/api/alert-rules/${rule.id}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...rule, enabled }),
    });
  const rounds: string[] = [];
  await cpuOver(5000);
  for (let round = 0; round < 3; round++) {
    for (const rule of rules.rules) await put(rule, true);
    await cpuOver(2000);
    const on = await cpuOver(15_000);
    for (const rule of rules.rules) await put(rule, false);
    await cpuOver(2000);
    const off = await cpuOver(15_000);
    rounds.push(`on ${on.toFixed(1)} % / off ${off.toFixed(1)} %`);
  }
  console.log(
    `server, ${rules.rules.length} rules (one per metric with warn limits), ${DEVICES} devices x 10 Hz: ${rounds.join("; ")}`,
  );
  await server.close();
}

if (process.argv[2] === "server") await serverCost();
else for (const beyond of [0, 0.001, 0.01]) engineCost(beyond);
