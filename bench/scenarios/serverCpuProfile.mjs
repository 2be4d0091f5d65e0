/**
 * Preloaded into the `server` scenario's server under `--trace` (NODE_OPTIONS `--import`; Node 20
 * refuses `--cpu-prof` there). V8's sampling profiler starts on SIGUSR2, which the harness sends
 * when the measurement window opens (so handshakes and welcomes stay out), and the profile is
 * written to `BENCH_CPU_PROFILE` when the process exits (a `.cpuprofile`, for DevTools).
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";

const file = process.env.BENCH_CPU_PROFILE;
if (file) {
  const session = new Session();
  session.connect();
  session.post("Profiler.enable");
  process.once("SIGUSR2", () => session.post("Profiler.start"));
  // A session on the main thread answers synchronously, so this completes inside `exit`.
  process.once("exit", () => {
    session.post("Profiler.stop", (error, result) => {
      if (!error && result.profile) writeFileSync(file, JSON.stringify(result.profile));
    });
  });
}
