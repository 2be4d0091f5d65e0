/** A free TCP port on 127.0.0.1 for a test fixture (broker, database) to listen on. */
import { createServer } from "node:net";

/** Asks the kernel for a free loopback port (listen on 0, read it back, close). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}
