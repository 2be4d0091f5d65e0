/**
 * A child process for the audit log's crash test. `node --import tsx
 * server/src/access/auditCrashChild.ts <duckdb|postgres> <dataDir|url>` appends audit lines
 * forever (line n has `detail.n`) and prints `kept <n>` after each flush; the parent kills it
 * with SIGKILL and reads the store back.
 */
import { openDuckDbStore } from "../store/duckdbStore";
import { openPostgresStore } from "../store/postgresStore";
import { openAuditLog } from "./auditLog";

/** Time of the n-th line (the test checks the same). */
const crashLineTime = (n: number) => 1_700_000_000_000 + n;

const [engine, target] = process.argv.slice(2) as [string, string];
const store =
  engine === "duckdb"
    ? await openDuckDbStore({ dataDir: target })
    : await openPostgresStore({ connectionString: target });
const audit = await openAuditLog(store);
for (let n = 0; ; n++) {
  audit.append({ at: crashLineTime(n), user: "crash", action: "command", device: "dev-1", detail: { n } });
  if (n % 20 === 19) {
    await audit.flush();
    console.log(`kept ${n}`);
  }
}
