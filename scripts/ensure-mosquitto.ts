/**
 * Makes sure a Mosquitto broker and its clients exist for the MQTT tests, getting them when
 * missing: Debian's `mosquitto mosquitto-clients` via apt-get when running as root with apt.
 * Exits non-zero with a message that says exactly what to install otherwise.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

function which(name: string): string | undefined {
  for (const dir of ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"]) {
    if (existsSync(join(dir, name))) return join(dir, name);
  }
  const found = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).stdout.trim();
  return found || undefined;
}

const present = () => Boolean(which("mosquitto") && which("mosquitto_pub"));

function run(command: string, args: string[]): boolean {
  console.log(`[ensure-mosquitto] ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  return result.status === 0;
}

function tryApt(): boolean {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || !existsSync("/usr/bin/apt-get")) return false;
  return (
    run("apt-get", ["update", "-qq"]) &&
    run("apt-get", ["install", "-y", "-qq", "mosquitto", "mosquitto-clients"])
  );
}

if (present()) {
  console.log(`[ensure-mosquitto] using ${which("mosquitto")}`);
  process.exit(0);
}
console.log("[ensure-mosquitto] no mosquitto / mosquitto_pub found; installing them");
if (tryApt() && present()) {
  console.log(`[ensure-mosquitto] using ${which("mosquitto")}`);
  process.exit(0);
}
console.error(
  "[ensure-mosquitto] Mosquitto could not be found or installed; the MQTT tests need it. Install one of:\n" +
    "  - Debian/Ubuntu: sudo apt-get install mosquitto mosquitto-clients\n" +
    "  - Fedora: sudo dnf install mosquitto\n" +
    "  - macOS: brew install mosquitto",
);
process.exit(1);
