/**
 * Command line of the mock fleet server: the only module that reads argv and the environment.
 * Bad flags exit with code 2 and one line naming the flag and what it accepts.
 */

import { OptionError } from "../../server/src/options";
import { HistoryStoreError } from "../../server/src/store/historyStore";
import { HELP, parseCommandLine } from "./cliArgs";
import { createMockServer, type MockServer } from "./mockServer";

function fail(message: string): never {
  console.error(`mock-server: ${message}`);
  process.exit(2);
}

const request = parseCommandLine(process.argv.slice(2), process.env);
if (request.kind === "error") fail(request.message);
if (request.kind === "help") {
  console.log(HELP);
  process.exit(0);
}
let server: MockServer;
try {
  server = await createMockServer(request.options);
} catch (error) {
  if (error instanceof OptionError) fail(error.message);
  if (error instanceof HistoryStoreError) fail(`history store: ${error.message}`);
  const { code, message } = error as { code?: string; message: string };
  if (code === "EADDRINUSE")
    fail(`--port: port ${request.options.port ?? 8080} is already in use; pick another or 0`);
  if (code === "ENOENT") fail(`file not found: ${message.split("'")[1] ?? message}`);
  throw error;
}
console.log(`Fleet dashboard ready at ${server.url}  (WebSocket ${server.wsUrl})`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
