// `npm run dev`: the mock fleet server on MOCK_PORT (default 8081) plus Vite with hot reload,
// Vite proxying /ws, /healthz and /metrics to the mock server (see vite.config.ts).
import { spawn } from "node:child_process";

const mockPort = process.env.MOCK_PORT ?? "8081";
const children = [
  spawn("npx", ["tsx", "watch", "mock-server/src/cli.ts", "--port", mockPort, ...process.argv.slice(2)], {
    stdio: "inherit",
  }),
  spawn("npx", ["vite"], { stdio: "inherit", env: { ...process.env, MOCK_PORT: mockPort } }),
];
function stop(signal) {
  for (const child of children) child.kill(signal);
}
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stop(signal));
for (const child of children)
  child.on("exit", (code) => {
    stop("SIGTERM");
    process.exit(code ?? 0);
  });
