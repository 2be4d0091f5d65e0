import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bufferCapacity, SeriesBuffer } from "./ringBuffer";

function seqs(buffer: SeriesBuffer): number[] {
  return Array.from({ length: buffer.length }, (_, i) => buffer.seqAt(i));
}

function values(buffer: SeriesBuffer, column = 0): number[] {
  return Array.from({ length: buffer.length }, (_, i) => buffer.valueAt(column, i));
}

/** One sample at a time: seq n at time n*100 with value n*10. */
function push(buffer: SeriesBuffer, seq: number): number {
  return buffer.ingest(seq, [seq * 100], { v: [seq * 10] });
}

describe("SeriesBuffer", () => {
  it("wraps around, keeping the newest `capacity` samples in order", () => {
    const buffer = new SeriesBuffer(["v"], 4);
    for (let seq = 1; seq <= 10; seq++) push(buffer, seq);
    expect(buffer.length).toBe(4);
    expect(seqs(buffer)).toEqual([7, 8, 9, 10]);
    expect(values(buffer)).toEqual([70, 80, 90, 100]);
    expect(buffer.timeAt(0)).toBe(700);
    expect(buffer.resumeCursor).toBe(10);
    expect(buffer.latest("v")).toBe(100);
  });

  it("stores a columnar entry and NaN for a metric the entry lacks", () => {
    const buffer = new SeriesBuffer(["a", "b"], 8);
    expect(buffer.ingest(5, [1, 2, 3], { a: [1, 2, 3], ignored: [9, 9, 9] })).toBe(3);
    expect(seqs(buffer)).toEqual([5, 6, 7]);
    expect(values(buffer, 0)).toEqual([1, 2, 3]);
    expect(values(buffer, 1).every(Number.isNaN)).toBe(true);
  });

  it("drops duplicates and inserts late samples in seq order", () => {
    const buffer = new SeriesBuffer(["v"], 8);
    for (const seq of [1, 2, 5, 6]) push(buffer, seq);
    expect(push(buffer, 5)).toBe(0);
    expect(push(buffer, 3)).toBe(1);
    expect(push(buffer, 4)).toBe(1);
    expect(push(buffer, 1)).toBe(0);
    expect(seqs(buffer)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(values(buffer)).toEqual([10, 20, 30, 40, 50, 60]);
  });

  it("inserts late samples into a full, wrapped buffer and drops ones older than it holds", () => {
    const buffer = new SeriesBuffer(["v"], 4);
    for (const seq of [1, 2, 3, 4, 5, 7]) push(buffer, seq);
    expect(seqs(buffer)).toEqual([3, 4, 5, 7]);
    expect(push(buffer, 6)).toBe(1);
    expect(seqs(buffer)).toEqual([4, 5, 6, 7]);
    expect(push(buffer, 2)).toBe(0);
    expect(seqs(buffer)).toEqual([4, 5, 6, 7]);
  });

  it("stays sorted and duplicate-free for any arrival order (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 200 }),
        fc.integer({ min: 2, max: 40 }),
        (arrivals, capacity) => {
          const buffer = new SeriesBuffer(["v"], capacity);
          for (const seq of arrivals) push(buffer, seq);
          const held = seqs(buffer);
          for (let i = 1; i < held.length; i++) expect(held[i]).toBeGreaterThan(held[i - 1] as number);
          expect(held.length).toBeLessThanOrEqual(capacity);
          expect(values(buffer)).toEqual(held.map((s) => s * 10));
          // The newest sample is kept beside the columns: it must be the last one held.
          expect(buffer.lastTime).toBe(held.length === 0 ? undefined : buffer.timeAt(held.length - 1));
        },
      ),
    );
  });

  it("stores whole entries as sample-by-sample ingest does, wrapping and missing values included (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 30 }),
        fc.integer({ min: 2, max: 20 }),
        (sizes, capacity) => {
          const whole = new SeriesBuffer(["a", "b"], capacity);
          const single = new SeriesBuffer(["a", "b"], capacity);
          let seq = 1;
          for (const size of sizes) {
            const t = Array.from({ length: size }, (_, i) => (seq + i) * 100);
            // "b" is short: its missing tail is stored as NaN.
            const entry = { a: t.map((x) => x / 10), b: t.slice(0, size >> 1).map((x) => -x) };
            whole.ingest(seq, t, entry);
            t.forEach((x, i) => {
              const b = entry.b[i];
              single.ingest(seq + i, [x], { a: [x / 10], ...(b === undefined ? {} : { b: [b] }) });
            });
            seq += size;
          }
          expect(seqs(whole)).toEqual(seqs(single));
          expect(values(whole, 0)).toEqual(values(single, 0));
          expect(values(whole, 1)).toEqual(values(single, 1));
          expect(whole.lastTime).toBe(whole.length === 0 ? undefined : whole.timeAt(whole.length - 1));
          expect(whole.resumeCursor).toBe(single.resumeCursor);
          expect(Array.from({ length: whole.length }, (_, i) => whole.timeAt(i))).toEqual(
            Array.from({ length: single.length }, (_, i) => single.timeAt(i)),
          );
        },
      ),
    );
  });

  it("finds time windows by binary search", () => {
    const buffer = new SeriesBuffer(["v"], 16);
    for (let seq = 1; seq <= 10; seq++) push(buffer, seq);
    expect(buffer.indexAtOrAfter(300)).toBe(2);
    expect(buffer.indexAtOrAfter(350)).toBe(3);
    expect(buffer.indexAfter(500)).toBe(5);
    expect(buffer.indexAfter(5_000)).toBe(10);
    expect(buffer.indexAtOrAfter(0)).toBe(0);
  });

  it("breaks the line at missing seqs and long time steps", () => {
    const buffer = new SeriesBuffer(["v"], 16, { maxStepMs: 150 });
    for (const seq of [1, 2, 4]) push(buffer, seq);
    buffer.ingest(5, [10_000], { v: [1] });
    expect([1, 2, 3].map((i) => buffer.breaksBefore(i))).toEqual([false, true, true]);
  });

  it("continues after a server restart with a break, resuming from the new session's seq", () => {
    const buffer = new SeriesBuffer(["v"], 16);
    for (let seq = 1; seq <= 3; seq++) push(buffer, seq);
    buffer.startSession();
    expect(buffer.resumeCursor).toBe(0);
    buffer.ingest(1, [1_000], { v: [7] });
    expect(buffer.length).toBe(4);
    expect(buffer.breaksBefore(3)).toBe(true);
    expect(buffer.resumeCursor).toBe(1);
  });

  it("keeps reported gaps, bounded, in buffer seq numbering", () => {
    const buffer = new SeriesBuffer(["v"], 4);
    push(buffer, 1);
    buffer.addGap(2, 5);
    expect(buffer.gaps).toEqual([{ fromSeq: 2, toSeq: 5 }]);
    for (let seq = 10; seq < 20; seq++) push(buffer, seq);
    buffer.addGap(20, 21);
    expect(buffer.gaps).toEqual([{ fromSeq: 20, toSeq: 21 }]);
  });

  it("sizes capacity from the window and the rate", () => {
    expect(bufferCapacity(900, 10)).toBe(9964);
    expect(new SeriesBuffer(["v"], bufferCapacity(60, 1)).capacity).toBe(130);
  });
});
