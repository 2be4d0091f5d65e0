// `npm start`: build the SPA when it is missing or older than its sources, then run the
// gateway with the simulated fleet, serving it and /ws on one port, with history kept in ./data. Extra flags go to the server and win over
// the defaults below (a fleet that now and then goes offline or fails a command, like a real one).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const SOURCES = ["src", "public", "index.html", "vite.config.ts", "package.json"];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

const built = existsSync("dist/index.html") ? statSync("dist/index.html").mtimeMs : 0;
const sources = Math.max(...SOURCES.map(newestMtime));
if (built < sources) {
  console.log(
    built ? "Sources changed: rebuilding the dashboard..." : "Building the dashboard (first run)...",
  );
  const build = spawnSync(
    process.execPath,
    ["node_modules/vite/bin/vite.js", "build", "--logLevel", "warn"],
    { stdio: "inherit" },
  );
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const REALISTIC = ["--offline-rate", "0.001", "--command-failure-rate", "0.02"];
// History survives restarts in ./data; `--data DIR` or `--store postgres://...` choose elsewhere.
const DATA = ["--data", "data"];
// Node itself (not npx) runs the server, so SIGTERM reaches it: npx does not forward signals.
const server = spawn(
  process.execPath,
  [
    "--import",
    "tsx",
    "mock-server/src/cli.ts",
    "--static",
    "dist",
    ...REALISTIC,
    ...DATA,
    ...process.argv.slice(2),
  ],
  { stdio: "inherit" },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
