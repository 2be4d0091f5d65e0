/**
 * Test fixture: servers on port 0 and clients that are all closed after each test.
 * Call `setupTestServers()` at the top of a test file.
 */
import { afterEach } from "vitest";
import type WebSocket from "ws";
import { createMockServer, type MockServer, type MockServerOptions } from "../mock-server/src/index";
import { TestClient } from "./testClient";

export function setupTestServers() {
  const servers: MockServer[] = [];
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return {
    /** Starts a server on 127.0.0.1, any free port, with fast command latency. */
    async start(options: MockServerOptions = {}): Promise<MockServer> {
      const server = await createMockServer({ port: 0, host: "127.0.0.1", commandLatency: 5, ...options });
      servers.push(server);
      return server;
    },
    /** Connects (without waiting for welcome). */
    async open(server: MockServer, options: WebSocket.ClientOptions = {}): Promise<TestClient> {
      const client = await TestClient.connect(server.wsUrl, options);
      clients.push(client);
      return client;
    },
    /** Connects and waits for `welcome`. */
    async connect(server: MockServer, options: WebSocket.ClientOptions = {}): Promise<TestClient> {
      const client = await TestClient.connect(server.wsUrl, options);
      clients.push(client);
      await client.waitFor((m) => m.type === "welcome");
      return client;
    },
  };
}
