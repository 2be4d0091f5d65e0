import { describe, expect, it } from "vitest";
import {
  type CompareState,
  compareHref,
  compareQuery,
  MAX_SERIES,
  parseCompareQuery,
  withSeries,
} from "./compareState";

const parse = (search: string) => parseCompareQuery(new URLSearchParams(search));

describe("compare URL state", () => {
  it("round-trips series, window and range through the query", () => {
    const state: CompareState = {
      series: [
        { device: "thermo-001", metric: "temperature" },
        { device: "odd:id/with?chars", metric: "power" },
      ],
      window: "24h",
      range: { from: 1_000, to: 61_000 },
    };
    expect(parse(compareQuery(state))).toEqual(state);
    expect(compareHref(state).startsWith("#/compare?s=thermo-001%3Atemperature&s=")).toBe(true);
  });

  it("defaults the window, drops a wrong range, a malformed or repeated series", () => {
    expect(parse("s=a:t&s=a:t&s=nocolon&s=:x&s=b:&window=2h&from=9&to=3")).toEqual({
      series: [{ device: "a", metric: "t" }],
      window: "5m",
    });
  });

  it("keeps at most eight series", () => {
    const search = Array.from({ length: 10 }, (_, i) => `s=d${i}:v`).join("&");
    expect(parse(search).series.map((s) => s.device)).toEqual(
      Array.from({ length: MAX_SERIES }, (_, i) => `d${i}`),
    );
    const full = parse(search);
    expect(withSeries(full, { device: "x", metric: "v" })).toBe(full);
    expect(withSeries({ series: [], window: "1m" }, { device: "x", metric: "v" }).series).toHaveLength(1);
  });
});
