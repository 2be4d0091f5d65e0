/**
 * A plain protocol v1 client for tests, in Node: connects to a server's /ws and resolves its
 * `welcome`, so a spec can compare what the page shows with what the server said.
 */
import WebSocket from "ws";
import { parseServerMessage } from "../../src/protocol";
import type { WelcomeMessage } from "../../src/protocol/messages";

/** The server's `welcome`, with `token` sent as `auth`, or `headers` (a session cookie) at the upgrade. */
export function fetchWelcome(
  baseURL: string,
  token?: string,
  headers?: Record<string, string>,
): Promise<WelcomeMessage> {
  const url = `${baseURL.replace(/^http/, "ws")}/ws`;
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, headers ? { headers } : undefined);
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`no welcome from ${url} within 10 s`));
    }, 10_000);
    socket.on("error", reject);
    socket.on("open", () => {
      if (token) socket.send(JSON.stringify({ type: "auth", token }));
    });
    socket.on("message", (data) => {
      const parsed = parseServerMessage(String(data));
      if (parsed.ok && parsed.message.type === "welcome") {
        clearTimeout(timer);
        socket.close();
        resolve(parsed.message);
      }
    });
  });
}
