import { describe, expect, it } from "vitest";
import type { HistoryAnswer } from "./historyClient";
import { HistoryModel, type LiveSamples } from "./historyModel";

/** A ring of samples of one metric `v`, like SeriesBuffer. */
function ring(samples: [t: number, v: number][]): LiveSamples {
  return {
    get length() {
      return samples.length;
    },
    timeAt: (i) => (samples[i] as [number, number])[0],
    valueAt: (_c, i) => (samples[i] as [number, number])[1],
    metricIndex: (key) => (key === "v" ? 0 : -1),
    indexAfter: (t) => {
      const i = samples.findIndex(([time]) => time > t);
      return i < 0 ? samples.length : i;
    },
  };
}

function answer(to: number, t: number[], count: number[]): HistoryAnswer {
  return {
    device: "d",
    from: 0,
    to,
    tier: "1m",
    bucketMs: 60_000,
    t,
    metrics: { v: { min: t.map(() => 1), max: t.map(() => 2), avg: t.map(() => 1.5), count } },
  };
}

describe("HistoryModel", () => {
  it("rebuilds the buckets the ring fully covers (rollups lag) and folds the rest once", () => {
    // The store's last bucket (120 000) holds 3 of its samples: its rollup lags.
    const model = new HistoryModel(answer(150_000, [0, 60_000, 120_000], [60, 60, 3]), ["v"]);
    const samples: [number, number][] = [];
    for (let t = 90_000; t <= 150_000; t += 1000) samples.push([t, t === 130_000 ? 40 : 5]);
    const live = ring(samples);
    expect(model.catchUp(live)).toBe(31); // 120 000 .. 150 000
    const s = model.series.v;
    expect(s?.t).toEqual([0, 60_000, 120_000]);
    expect(s?.count).toEqual([60, 60, 31]);
    expect(s?.max[2]).toBe(40);
    // Nothing new: nothing folds twice.
    expect(model.catchUp(live)).toBe(0);
    samples.push([181_000, 7]);
    expect(model.catchUp(live)).toBe(1);
    expect(s?.t).toEqual([0, 60_000, 120_000, 180_000]);
  });

  it("folds only samples newer than the answer when the ring covers no whole bucket", () => {
    const model = new HistoryModel(answer(150_000, [0, 120_000], [60, 30]), ["v"]);
    const live = ring([
      [140_000, 100],
      [150_000, 100],
      [151_000, 9],
    ]);
    expect(model.catchUp(live)).toBe(1);
    expect(model.series.v?.count).toEqual([60, 31]);
    expect(model.series.v?.max).toEqual([2, 9]);
  });

  it("trims buckets a sliding window left behind", () => {
    const model = new HistoryModel(answer(200_000, [0, 60_000, 120_000], [1, 1, 1]), ["v"]);
    model.trim(130_000);
    expect(model.series.v?.t).toEqual([120_000]);
  });
});
