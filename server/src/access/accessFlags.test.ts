import { describe, expect, it } from "vitest";
import { parseCommandLine } from "../../../mock-server/src/cliArgs";
import { OptionError, resolveOptions } from "../options";

describe("access flags", () => {
  it("reads --session-idle, --session-max, --retention-audit as durations and --trust-proxy as a switch", () => {
    const request = parseCommandLine(
      ["--session-idle", "30m", "--session-max", "2d", "--retention-audit", "90d", "--trust-proxy"],
      {},
    );
    expect(request).toMatchObject({
      kind: "run",
      options: {
        sessionIdle: 1_800_000,
        sessionMax: 172_800_000,
        retentionAudit: 7_776_000_000,
        trustProxy: true,
      },
    });
    const defaults = resolveOptions({});
    expect([defaults.sessionIdle, defaults.sessionMax, defaults.trustProxy]).toEqual([
      43_200_000,
      604_800_000,
      false,
    ]);
  });

  it.each([
    [
      ["--session-idle", "0"],
      '--session-idle must be a duration like 90s, 15m, 24h or 30d, from 1 second to 365 days, got "0"',
    ],
    [
      ["--session-max", "soon"],
      '--session-max must be a duration like 90s, 15m, 24h or 30d, from 1 second to 365 days, got "soon"',
    ],
    [["--retention-audit", "1h"], "--retention-audit must be a duration"],
  ])("refuses %j naming the flag", (args, message) => {
    const request = parseCommandLine(args, {});
    expect(request.kind).toBe("error");
    expect((request as { message: string }).message).toContain(message);
  });

  it("refuses a lifetime out of range in the programmatic API too", () => {
    expect(() => resolveOptions({ sessionMax: 10 })).toThrow(OptionError);
  });
});
