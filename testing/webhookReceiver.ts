/**
 * Test fixture: a local webhook receiver on a free loopback port that records every POST with
 * whether its `X-Fleet-Signature` matches the secret. `failFirst` answers that many requests 503.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { WebhookPayload } from "../server/src/alerts/webhooks";

/** One POST as received. */
export interface ReceivedHook {
  payload: WebhookPayload;
  signed: boolean;
  event: string | undefined;
}

export class WebhookReceiver {
  readonly received: ReceivedHook[] = [];
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  /** Starts a receiver verifying signatures with `secret` (unsigned requests count as not signed). */
  static async start(secret: string | undefined, failFirst = 0): Promise<WebhookReceiver> {
    let failures = failFirst;
    const received: ReceivedHook[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        if (failures-- > 0) return void res.writeHead(503).end();
        const body = Buffer.concat(chunks);
        const header = String(req.headers["x-fleet-signature"] ?? "");
        const expected = secret ? `sha256=${createHmac("sha256", secret).update(body).digest("hex")}` : "";
        const signed =
          secret !== undefined &&
          header.length === expected.length &&
          timingSafeEqual(Buffer.from(header), Buffer.from(expected));
        received.push({
          payload: JSON.parse(body.toString("utf8")) as WebhookPayload,
          signed,
          event: req.headers["x-fleet-event"] as string | undefined,
        });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const receiver = new WebhookReceiver(
      server,
      `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    );
    (receiver as { received: ReceivedHook[] }).received = received;
    return receiver;
  }

  /** Every alert delivered in state `state` for `rule`, one entry per alert per POST. */
  alerts(rule: string, state: string) {
    return this.received
      .filter((hook) => hook.payload.rule.id === rule && hook.payload.state === state)
      .flatMap((hook) => hook.payload.alerts.map((alert) => ({ ...alert, signed: hook.signed })));
  }

  close(): Promise<void> {
    return new Promise((done) => {
      this.server.close(() => done());
      this.server.closeAllConnections();
    });
  }
}
