import { describe, expect, it } from "vitest";
import { LATEST_INTERVAL_MS, type LatestMessage } from "../../src/protocol";
import { setupTestServers } from "../../testing/testServer";

const { start, connect } = setupTestServers();

const isLatest = (m: { type: string }): m is LatestMessage => m.type === "latest";

describe("latest: the fleet's newest samples without subscribing", () => {
  it("answers with every device's newest sample, then once a second with the newer ones, and stops", async () => {
    const server = await start({ devices: 6, rate: 10, tick: 20 });
    const client = await connect(server);
    await client.until(() => server.devices().every((d) => server.samplesProduced(d.id) > 0));

    const snapshot = await client.request<LatestMessage>({ type: "latest", id: "l1" });
    expect(snapshot.batch.map((entry) => entry.device).sort()).toEqual(
      server
        .devices()
        .map((d) => d.id)
        .sort(),
    );
    for (const entry of snapshot.batch) {
      // One sample per device, the newest at the time: a DataEntry with one column entry per metric.
      expect(entry.t).toHaveLength(1);
      const info = server.devices().find((d) => d.id === entry.device);
      expect(Object.keys(entry.values)).toEqual(info?.metrics.map((m) => m.key));
      expect(entry.seq).toBeLessThanOrEqual(server.samplesProduced(entry.device));
      expect(entry.seq).toBeGreaterThan(0);
    }

    // Two periodic frames: about a second apart, each with newer seqs than what came before.
    const from = client.messages.length;
    await client.until(() => client.messages.slice(from).filter(isLatest).length >= 2, 5000);
    const [first, second] = client.messages.slice(from).filter(isLatest) as [LatestMessage, LatestMessage];
    expect(first.id).toBeUndefined();
    expect(second.at - first.at).toBeGreaterThanOrEqual(LATEST_INTERVAL_MS - 50);
    for (const entry of second.batch) {
      const before = first.batch.find((e) => e.device === entry.device);
      expect(entry.seq).toBeGreaterThan(before?.seq ?? 0);
    }
    // Not a subscription: no data frames, and the seq stream of others is untouched.
    expect(client.messages.some((m) => m.type === "data")).toBe(false);

    const stopped = await client.request<LatestMessage>({ type: "latest", id: "l2", stop: true });
    expect(stopped.batch).toEqual([]);
    const after = client.messages.length;
    const bystander = await connect(server);
    await bystander.request({ type: "latest", id: "b" });
    await bystander.until(() => bystander.messages.filter(isLatest).length >= 3, 5000);
    expect(client.messages.slice(after).some(isLatest)).toBe(false);
  });

  it("refuses a malformed request with bad_request", async () => {
    const server = await start({ devices: 2 });
    const client = await connect(server);
    const reply = await client.request({ type: "latest", id: "x", stop: "yes" } as never);
    expect(reply).toMatchObject({
      type: "error",
      code: "bad_request",
      message: expect.stringMatching(/latest: field "stop"/),
    });
  });
});
