import { describe, expect, it } from "vitest";
import { seriesFromAnswer } from "./buckets";
import type { HistoryAnswer } from "./historyClient";
import { buildHistoryCsv } from "./historyCsv";

const METRICS = [
  { key: "temperature", unit: "°C" },
  { key: "humidity", unit: "%" },
];

function series(answer: HistoryAnswer) {
  return {
    temperature: seriesFromAnswer(answer, "temperature"),
    humidity: seriesFromAnswer(answer, "humidity"),
  };
}

describe("buildHistoryCsv", () => {
  it("writes one row per bucket with min, max, avg and count of each metric", () => {
    const answer: HistoryAnswer = {
      device: "d",
      from: 0,
      to: 240_000,
      tier: "1m",
      bucketMs: 120_000,
      t: [0, 120_000],
      metrics: {
        temperature: { min: [20, 21], max: [22, 23], avg: [21, 22], count: [1200, 600] },
        humidity: { min: [50, 0], max: [60, 0], avg: [55, 0], count: [1200, 0] },
      },
    };
    expect(buildHistoryCsv(series(answer), METRICS, 0, 240_000).split("\r\n")).toEqual([
      "bucket_start,bucket_ms,temperature min (°C),temperature max (°C),temperature avg (°C),temperature count,humidity min (%),humidity max (%),humidity avg (%),humidity count",
      "1970-01-01T00:00:00.000Z,120000,20,22,21,1200,50,60,55,1200",
      "1970-01-01T00:02:00.000Z,120000,21,23,22,600,,,,0",
      "",
    ]);
  });

  it("writes raw samples one per row when the answer is raw, within the range", () => {
    const answer: HistoryAnswer = {
      device: "d",
      from: 0,
      to: 5000,
      tier: "raw",
      bucketMs: 1,
      t: [1000, 2000, 9000],
      metrics: {
        temperature: { min: [20.5, 21, 1], max: [20.5, 21, 1], avg: [20.5, 21, 1], count: [1, 1, 1] },
        humidity: { min: [50, 51, 1], max: [50, 51, 1], avg: [50, 51, 1], count: [1, 1, 1] },
      },
    };
    expect(buildHistoryCsv(series(answer), METRICS, 0, 5000).split("\r\n")).toEqual([
      "timestamp,temperature (°C),humidity (%)",
      "1970-01-01T00:00:01.000Z,20.5,50",
      "1970-01-01T00:00:02.000Z,21,51",
      "",
    ]);
  });
});
