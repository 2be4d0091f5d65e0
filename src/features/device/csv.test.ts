import { describe, expect, it } from "vitest";
import { SeriesBuffer } from "../../telemetry/ringBuffer";
import { buildCsv, csvCell, exportFileName } from "./csv";

const metrics = [
  { key: "temperature", unit: "°C" },
  { key: "humidity", unit: "%" },
];

function buffer(): SeriesBuffer {
  const series = new SeriesBuffer(["temperature", "humidity"], 16);
  series.ingest(1, [1_000, 2_000, 3_000, 4_000], {
    temperature: [20, 20.5, 21, 21.5],
    humidity: [40, Number.NaN, 41, 42],
  });
  return series;
}

describe("buildCsv", () => {
  it("writes the samples inside the window with ISO timestamps, one column per metric", () => {
    expect(buildCsv(buffer(), metrics, 2_000, 3_000)).toBe(
      "timestamp,temperature (°C),humidity (%)\r\n" +
        "1970-01-01T00:00:02.000Z,20.5,\r\n" +
        "1970-01-01T00:00:03.000Z,21,41\r\n",
    );
  });

  it("leaves cells empty for metrics the buffer does not have", () => {
    const csv = buildCsv(buffer(), [{ key: "pressure", unit: "hPa" }], 4_000, 4_000);
    expect(csv.split("\r\n")[1]).toBe("1970-01-01T00:00:04.000Z,");
  });

  it("writes only the header for an empty window or no buffer", () => {
    expect(buildCsv(undefined, metrics, 0, 1)).toBe("timestamp,temperature (°C),humidity (%)\r\n");
    expect(buildCsv(buffer(), metrics, 10_000, 20_000).split("\r\n")).toHaveLength(2);
  });
});

describe("csvCell", () => {
  it("quotes commas and quotes, and defuses formulas", () => {
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell("plain")).toBe("plain");
  });
});

describe("exportFileName", () => {
  it("is safe for file systems", () => {
    expect(exportFileName("a/b", 0, "csv")).toBe("a_b_1970-01-01T00-00-00Z.csv");
    expect(exportFileName("m", 0, "png", "power W")).toBe("m_power_W_1970-01-01T00-00-00Z.png");
  });
});
