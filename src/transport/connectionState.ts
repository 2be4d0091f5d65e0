/** The connection's explicit state, as the transport reports it and the UI shows it. */
export type ConnectionState =
  | { status: "connecting" }
  | { status: "live"; since: number }
  /** `attempt` counts from 1; `nextRetryAt` is epoch ms of the next try (absent while trying). */
  | { status: "reconnecting"; attempt: number; nextRetryAt?: number }
  /** The browser reports no network; retries resume when it comes back. */
  | { status: "offline" }
  /** The server closed with 4401 (token missing or wrong). No retries until `setToken`. */
  | { status: "unauthorized"; reason: string }
  /** The server speaks another protocol version. No retries until `start()` is called again. */
  | { status: "incompatible"; serverProtocol: number }
  /** `stop()` was called (or never started). */
  | { status: "stopped" };

export type ConnectionStatus = ConnectionState["status"];

/** Browser network status, injectable for tests (and absent in Node). */
export interface NetworkStatus {
  isOnline(): boolean;
  /** Calls `listener` when the browser goes on/offline; returns a function that unsubscribes. */
  onChange(listener: (online: boolean) => void): () => void;
}

/** `navigator.onLine` + window `online`/`offline` events, or "always online" outside a browser. */
export function browserNetworkStatus(): NetworkStatus {
  const nav = (globalThis as { navigator?: { onLine?: boolean } }).navigator;
  const target = globalThis as { addEventListener?: unknown; removeEventListener?: unknown };
  if (typeof nav?.onLine !== "boolean" || typeof target.addEventListener !== "function") {
    return { isOnline: () => true, onChange: () => () => {} };
  }
  return {
    isOnline: () => nav.onLine !== false,
    onChange(listener) {
      const online = () => listener(true);
      const offline = () => listener(false);
      globalThis.addEventListener("online", online);
      globalThis.addEventListener("offline", offline);
      return () => {
        globalThis.removeEventListener("online", online);
        globalThis.removeEventListener("offline", offline);
      };
    },
  };
}
