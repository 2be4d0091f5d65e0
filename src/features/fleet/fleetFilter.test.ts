import { describe, expect, it } from "vitest";
import {
  countFleet,
  type FleetFilter,
  type FleetRow,
  filterFleet,
  filterFromQuery,
  filterToQuery,
} from "./fleetFilter";

const rows: FleetRow[] = [
  { id: "thermo-010", name: "Thermostat 10", kind: "thermostat", availability: "online", alerting: false },
  { id: "thermo-002", name: "Thermostat 2", kind: "thermostat", availability: "offline", alerting: false },
  { id: "car-001", name: "Van 1", kind: "vehicle", availability: "stale", alerting: true },
  { id: "meter-001", name: "Meter 1", kind: "meter", availability: "online", alerting: true },
];
const all: FleetFilter = { query: "", kind: "", status: "", sort: "name" };
const ids = (list: FleetRow[]) => list.map((row) => row.id);

describe("filterFleet", () => {
  it("sorts names naturally (2 before 10)", () => {
    expect(ids(filterFleet(rows, all))).toEqual(["meter-001", "thermo-002", "thermo-010", "car-001"]);
  });

  it("searches names and ids case-insensitively", () => {
    expect(ids(filterFleet(rows, { ...all, query: "THERMO" }))).toEqual(["thermo-002", "thermo-010"]);
    expect(ids(filterFleet(rows, { ...all, query: "car-" }))).toEqual(["car-001"]);
  });

  it("filters by kind and by status, including alerting", () => {
    expect(ids(filterFleet(rows, { ...all, kind: "meter" }))).toEqual(["meter-001"]);
    expect(ids(filterFleet(rows, { ...all, status: "offline" }))).toEqual(["thermo-002"]);
    expect(ids(filterFleet(rows, { ...all, status: "alerting" }))).toEqual(["meter-001", "car-001"]);
  });

  it("sorts problems first by status", () => {
    expect(ids(filterFleet(rows, { ...all, sort: "status" }))).toEqual([
      "thermo-002",
      "car-001",
      "meter-001",
      "thermo-010",
    ]);
  });

  it("does not reorder its input", () => {
    const copy = [...rows];
    filterFleet(rows, { ...all, sort: "kind" });
    expect(rows).toEqual(copy);
  });
});

describe("countFleet", () => {
  it("counts each status and alerting separately", () => {
    expect(countFleet(rows)).toEqual({ total: 4, online: 2, stale: 1, offline: 1, alerting: 2 });
  });
});

describe("filter query", () => {
  it("round-trips and rejects unknown values", () => {
    const filter: FleetFilter = { query: "van", kind: "vehicle", status: "stale", sort: "status" };
    const query = new URLSearchParams(Object.entries(filterToQuery(filter)));
    expect(filterFromQuery(query)).toEqual(filter);
    expect(filterFromQuery(new URLSearchParams("kind=toaster&status=x&sort=y"))).toEqual(all);
  });
});
