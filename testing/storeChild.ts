/**
 * A child process for the store's crash and lock tests. `node --import tsx testing/storeChild.ts
 * <engine> <dataDir|url> write` appends one sample per ms-step forever and prints
 * `committed <n>` after each flush (the parent kills it with SIGKILL); `... open` tries to open
 * the store and prints `{"ok":true}` or `{"code","message"}`.
 */
import { openDuckDbStore } from "../server/src/store/duckdbStore";
import type { HistoryStore } from "../server/src/store/historyStore";
import { openPostgresStore } from "../server/src/store/postgresStore";

/** Time of the n-th sample the writer appends. */
export const childSampleTime = (n: number) => 1_700_000_000_000 + n * 1000;

const [engine, target, mode] = process.argv.slice(2) as [string, string, string];

function open(): Promise<HistoryStore> {
  return engine === "duckdb"
    ? openDuckDbStore({ dataDir: target, commitMs: 1000 })
    : openPostgresStore({ connectionString: target, commitMs: 1000 });
}

if (mode === "open") {
  try {
    const store = await open();
    console.log(JSON.stringify({ ok: true }));
    await store.close();
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    console.log(JSON.stringify({ code, message }));
  }
} else if (mode === "write") {
  const store = await open();
  for (let n = 0; ; n++) {
    store.append("crash-1", childSampleTime(n), ["value"], [n]);
    if (n % 50 === 49) {
      await store.flush();
      console.log(`committed ${n}`);
    } else if (n % 10 === 0) await new Promise((done) => setImmediate(done));
  }
}
