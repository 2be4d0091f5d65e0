/** Command line of the mock fleet server: the only module that reads argv. */
import { parseArgs } from "node:util";
import { createMockServer } from "./server";

const HELP = `Usage: npm run mock -- [flags]

  --port N        port to listen on (default $PORT or 8080; 0 = any free port)
  --devices N     number of simulated devices (default 12)
  --seed N        random seed (default 1)
  --static DIR    serve the built SPA from DIR at /
  --help          show this help`;

function fail(message: string): never {
  console.error(`mock-server: ${message}`);
  process.exit(2);
}

function intFlag(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    fail(`--${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  return value;
}

let parsed: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    options: {
      port: { type: "string" },
      devices: { type: "string" },
      seed: { type: "string" },
      static: { type: "string" },
      help: { type: "boolean" },
    },
    strict: true,
  });
}
try {
  parsed = parse();
} catch (error) {
  fail((error as Error).message);
}
const { values } = parsed;
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const server = await createMockServer({
  port: intFlag("port", values.port ?? process.env.PORT, 8080, 0, 65535),
  devices: intFlag("devices", values.devices, 12, 1, 100_000),
  seed: intFlag("seed", values.seed, 1, 0, 2 ** 31 - 1),
  ...(values.static ? { static: values.static } : {}),
});
console.log(`Fleet dashboard ready at ${server.url}  (WebSocket ${server.url.replace("http", "ws")}/ws)`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
