import { describe, expect, it } from "vitest";
import { serverHealthRows } from "./serverText";

describe("serverHealthRows", () => {
  it("says the figures have not arrived yet before the first serverStats", () => {
    expect(serverHealthRows(undefined, 0)).toEqual([
      ["Server figures", "not received yet (the server sends them every 5 s)"],
    ]);
  });

  it("names each figure in words", () => {
    const rows = new Map(
      serverHealthRows(
        {
          at: 1000,
          dashboards: 2,
          valuesPerSecond: 12345,
          tickLagP99Ms: 4.5,
          store: { up: true, commitMs: 12.4, bufferedBytes: 2048 },
          brokerConnected: false,
          webhookFailures: 3,
        },
        6000,
      ),
    );
    expect(rows.get("Connected dashboards")).toBe("2");
    expect(rows.get("Values ingested (whole fleet)")).toBe("12,345 val/s");
    expect(rows.get("Fleet tick lag (p99)")).toBe("4.5 ms");
    expect(rows.get("Store writes")).toBe("up, last commit 12 ms, 2.0 KB waiting");
    expect(rows.get("Broker")).toBe("lost");
    expect(rows.get("Webhook failures")).toBe("3");
    expect(rows.get("Figures as of")).toBe("5 s ago");
  });
});
