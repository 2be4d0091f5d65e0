import { describe, expect, it } from "vitest";
import type { DataEntry } from "../../src/protocol";
import { SampleHistory } from "./history";

const METRICS = [{ decimals: 2 }, { decimals: 0 }];

function filled(capacity: number, count: number): SampleHistory {
  const history = new SampleHistory(capacity, METRICS);
  for (let i = 1; i <= count; i++) history.append(1000 + i * 100, [i + 0.123, i * 10.6]);
  return history;
}

describe("SampleHistory", () => {
  it("numbers samples from 1 and keeps only the newest `capacity`", () => {
    const history = filled(5, 12);
    expect(history.lastSeq).toBe(12);
    expect(history.firstSeq).toBe(8);
    expect(filled(5, 3).firstSeq).toBe(1);
    expect(new SampleHistory(5, METRICS).firstSeq).toBe(1);
  });

  it("encodes a range as the columnar DataEntry, with values rounded exactly as appended", () => {
    const history = filled(5, 12);
    const entry = JSON.parse(history.encodeEntry('"d-1"', ['"a"', '"b"'], 10, 12)) as DataEntry;
    expect(entry).toEqual({
      device: "d-1",
      seq: 10,
      t: [2000, 2100, 2200],
      values: { a: [10.12, 11.12, 12.12], b: [106, 117, 127] },
    });
  });

  it("rounds the caller's sample in place, so live and replayed values agree", () => {
    const history = new SampleHistory(3, METRICS);
    const sample = [21.456789, 3.5];
    history.append(1, sample);
    expect(sample).toEqual([21.46, 4]);
  });

  it("finds the first sample at or after a time", () => {
    const history = filled(5, 12);
    expect(history.seqAtOrAfter(0)).toBe(8);
    expect(history.seqAtOrAfter(2000)).toBe(10);
    expect(history.seqAtOrAfter(2050)).toBe(11);
    expect(history.seqAtOrAfter(99_999)).toBe(13);
  });
});
