import { describe, expect, it } from "vitest";
import type { LogEntry } from "../../protocol/messages";
import { EMPTY_QUERY, eventsSearch, logCsv, matchesQuery, newLines } from "./logbookQuery";

const entry = (id: string, at: number, extra: Partial<LogEntry> = {}): LogEntry => ({
  id,
  at,
  type: "offline",
  device: "thermo-001",
  kind: "thermostat",
  text: "offline after 2 min online",
  ...extra,
});

describe("the Events page's query", () => {
  it("asks /api/events for the filter, a page, older than the cursor", () => {
    const query = {
      types: ["offline", "online"] as const,
      device: "thermo-001",
      kind: "",
      sinceMs: 3_600_000,
    };
    expect(eventsSearch({ ...query, types: [...query.types] }, 10_000_000, 100, "5_ab")).toBe(
      "type=offline%2Conline&device=thermo-001&from=6400000&limit=100&before=5_ab",
    );
    expect(eventsSearch(EMPTY_QUERY, 0, 50)).toBe("limit=50");
  });

  it("shows a live line only when it matches the filter", () => {
    expect(matchesQuery(entry("a", 5), EMPTY_QUERY, 10)).toBe(true);
    expect(matchesQuery(entry("a", 5), { ...EMPTY_QUERY, types: ["online"] }, 10)).toBe(false);
    expect(matchesQuery(entry("a", 5), { ...EMPTY_QUERY, kind: "meter" }, 10)).toBe(false);
    expect(matchesQuery(entry("a", 5), { ...EMPTY_QUERY, sinceMs: 2 }, 10)).toBe(false);
  });

  it("puts new live lines first, newest first, without repeating known ones", () => {
    expect(newLines([entry("a", 1)], [entry("a", 1), entry("b", 2), entry("c", 3)]).map((e) => e.id)).toEqual(
      ["c", "b"],
    );
  });

  it("exports CSV with ISO times, quoted text and defused formulas", () => {
    const csv = logCsv([entry("a", 0, { text: '=cmd, "x"', durationMs: 1500 })]);
    expect(csv).toBe(
      'time,type,device,kind,text,duration_s\r\n1970-01-01T00:00:00.000Z,offline,thermo-001,thermostat,"\'=cmd, ""x""",1.5\r\n',
    );
  });
});
