import { describe, expect, it } from "vitest";
import { deviceHref } from "../ui/links";
import { hashForPath, parseRoute } from "./route";

describe("parseRoute", () => {
  it("reads the overview from an empty or root hash", () => {
    expect(parseRoute("").name).toBe("overview");
    expect(parseRoute("#/").name).toBe("overview");
  });

  it("keeps the overview's filter query", () => {
    const route = parseRoute("#/?q=thermo&kind=meter");
    expect(route.name === "overview" && route.query.get("q")).toBe("thermo");
    expect(route.name === "overview" && route.query.get("kind")).toBe("meter");
  });

  it("reads a device id and its window", () => {
    expect(parseRoute("#/devices/thermo-001?window=15m")).toEqual({
      name: "device",
      id: "thermo-001",
      window: "15m",
    });
  });

  it("falls back to the 5 minute window for a missing or unknown window", () => {
    expect(parseRoute("#/devices/a")).toEqual({ name: "device", id: "a", window: "5m" });
    expect(parseRoute("#/devices/a?window=2h")).toEqual({ name: "device", id: "a", window: "5m" });
  });

  it("reads the long windows and a from/to range, and ignores a range that is not one", () => {
    expect(parseRoute("#/devices/a?window=24h")).toEqual({ name: "device", id: "a", window: "24h" });
    expect(parseRoute("#/devices/a?window=6h&from=1000&to=2000")).toEqual({
      name: "device",
      id: "a",
      window: "6h",
      range: { from: 1000, to: 2000 },
    });
    for (const bad of ["from=2000&to=1000", "from=x&to=2000", "from=1000", "from=1.5&to=3"])
      expect(parseRoute(`#/devices/a?${bad}`)).toEqual({ name: "device", id: "a", window: "5m" });
  });

  it("decodes escaped ids and rejects malformed escapes", () => {
    expect(parseRoute("#/devices/a%20b")).toMatchObject({ id: "a b" });
    expect(parseRoute("#/devices/%E0%A4%A")).toEqual({ name: "notFound", path: "/devices/%E0%A4%A" });
  });

  it("names pages it does not know", () => {
    expect(parseRoute("#/nowhere")).toEqual({ name: "notFound", path: "/nowhere" });
    expect(parseRoute("#/events").name).toBe("events");
    expect(parseRoute("#/health").name).toBe("health");
    expect(parseRoute("#/audit").name).toBe("audit");
  });
});

describe("hrefs", () => {
  it("round-trips a device href", () => {
    expect(parseRoute(deviceHref("x/y", "1m"))).toEqual({ name: "device", id: "x/y", window: "1m" });
    expect(parseRoute(deviceHref("d", "7d", { from: 5, to: 9.4 }))).toEqual({
      name: "device",
      id: "d",
      window: "7d",
      range: { from: 5, to: 9 },
    });
  });

  it("maps path deep links onto hash routes", () => {
    expect(hashForPath("/devices/m-1", "?window=1m")).toBe("#/devices/m-1?window=1m");
    expect(hashForPath("/", "")).toBeUndefined();
  });

  it("reads the Alerts page and its filter query", () => {
    const route = parseRoute("#/alerts?severity=critical&device=thermo-001");
    expect(route.name).toBe("alerts");
    expect(route.name === "alerts" && route.query.get("device")).toBe("thermo-001");
  });
});
