import { describe, expect, it } from "vitest";
import {
  kindOfState,
  readViewDraft,
  VIEW_FORMAT,
  ViewFormatError,
  viewDevices,
  viewFile,
} from "./viewFormat";

const fleet = new Set(["thermo-001", "meter:2"]);
const has = (id: string) => fleet.has(id);

function refusal(value: unknown, file = true): { code: string; field: string; message: string } {
  try {
    readViewDraft(value, has, file);
  } catch (error) {
    if (error instanceof ViewFormatError)
      return { code: error.code, field: error.field, message: error.message };
    throw error;
  }
  throw new Error("accepted");
}

const good = viewFile({
  name: "Boiler room",
  kind: "compare",
  state: "#/compare?s=thermo-001%3Atemperature&s=meter%3A2%3Apower&window=1h",
});

describe("view format", () => {
  it("reads back what it exports, through JSON", () => {
    expect(readViewDraft(JSON.parse(JSON.stringify(good)), has, true)).toEqual({
      name: "Boiler room",
      kind: "compare",
      state: good.state,
    });
    expect(good.format).toBe(VIEW_FORMAT);
  });

  it.each([
    [null, "(view)"],
    [[1], "(view)"],
    [{ ...good, format: "grafana" }, "format"],
    [{ ...good, version: 0 }, "version"],
    [{ ...good, version: 2 }, "version"],
    [{ ...good, name: "  " }, "name"],
    [{ ...good, name: "x".repeat(101) }, "name"],
    [{ ...good, kind: "dashboard" }, "kind"],
    [{ ...good, state: 5 }, "state"],
    [{ ...good, state: "#/devices/thermo-001" }, "state"],
    [{ ...good, state: "#/compare?window=1h" }, "state"],
  ])("refuses %j naming %s", (value, field) => {
    const refused = refusal(value);
    expect(refused.code).toBe("bad_request");
    expect(refused.field).toBe(field);
    expect(refused.message.startsWith(`${field}: `)).toBe(true);
  });

  it("names a device this fleet does not have", () => {
    expect(refusal({ ...good, state: "#/compare?s=thermo-001:t&s=ghost-9:t" })).toEqual({
      code: "unknown_device",
      field: "state",
      message: 'state: no device "ghost-9" in this fleet',
    });
    expect(refusal({ name: "x", kind: "device", state: "#/devices/ghost-9?window=5m" }, false).code).toBe(
      "unknown_device",
    );
  });

  it("finds the devices and the kind of a state", () => {
    expect(viewDevices("compare", "#/compare?s=a:t&s=b:c:v&s=a:u")).toEqual(["a", "b:c"]);
    expect(viewDevices("device", "#/devices/x%2Fy?window=1h")).toEqual(["x/y"]);
    expect(viewDevices("overview", "#/?kind=meter")).toEqual([]);
    expect(kindOfState("#/?kind=meter")).toBe("overview");
    expect(kindOfState("#/")).toBe("overview");
    expect(kindOfState("#/devices/a")).toBe("device");
    expect(kindOfState("#/compare?s=a:t")).toBe("compare");
    expect(kindOfState("#/alerts")).toBeUndefined();
  });
});
