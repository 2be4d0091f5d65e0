import { describe, expect, it } from "vitest";
import { summarizeTrace } from "./traceSummary";

describe("summarizeTrace", () => {
  it("sums complete events on the busiest renderer main thread", () => {
    const trace = {
      traceEvents: [
        { ph: "M", name: "thread_name", pid: 1, tid: 7, args: { name: "CrRendererMain" } },
        { ph: "M", name: "thread_name", pid: 2, tid: 9, args: { name: "CrRendererMain" } },
        { ph: "X", name: "RunTask", pid: 1, tid: 7, dur: 10_000 },
        { ph: "X", name: "FunctionCall", pid: 1, tid: 7, dur: 6_000 },
        { ph: "X", name: "FunctionCall", pid: 1, tid: 7, dur: 1_000 },
        { ph: "X", name: "Layout", pid: 1, tid: 7, dur: 2_000 },
        { ph: "X", name: "RunTask", pid: 2, tid: 9, dur: 99_000 },
        { ph: "X", name: "RunTask", pid: 1, tid: 8, dur: 50_000 },
      ],
    };
    expect(summarizeTrace(trace)).toEqual({
      task_ms: 10,
      by_event: { RunTask: 10, FunctionCall: 7, Layout: 2 },
    });
  });

  it("charges each profile sample's time delta to its function, idle left out", () => {
    const frame = (id: number, functionName: string, url = "") => ({
      id,
      callFrame: { functionName, url, lineNumber: 0, columnNumber: 9 },
    });
    const trace = [
      { ph: "M", name: "thread_name", pid: 1, tid: 7, args: { name: "CrRendererMain" } },
      { ph: "X", name: "RunTask", pid: 1, tid: 7, dur: 10_000 },
      {
        ph: "P",
        name: "ProfileChunk",
        pid: 1,
        tid: 3,
        id: "0x1",
        args: {
          data: {
            cpuProfile: {
              nodes: [frame(1, "(idle)"), frame(2, "ingest", "http://h/ours/assets/a.js"), frame(3, "")],
              samples: [2, 1, 2],
            },
            timeDeltas: [500, 4000, 1500],
          },
        },
      },
      {
        ph: "P",
        name: "ProfileChunk",
        pid: 1,
        tid: 3,
        id: "0x1",
        args: { data: { cpuProfile: { samples: [3] }, timeDeltas: [250] } },
      },
    ];
    expect(summarizeTrace(trace)?.self_ms).toEqual({ "ingest a.js:0:9": 2, "(anonymous)": 0.3 });
  });

  it("is null without a renderer main thread", () => {
    expect(summarizeTrace([{ ph: "X", name: "RunTask", pid: 1, tid: 1, dur: 5 }])).toBeNull();
  });
});
