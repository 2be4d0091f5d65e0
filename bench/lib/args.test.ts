import { describe, expect, it } from "vitest";
import { parseBenchArgs, SCENARIOS } from "./args";

describe("parseBenchArgs", () => {
  it("defaults to a full run of every scenario", () => {
    expect(parseBenchArgs([])).toEqual({
      quick: false,
      targets: ["ours", "naive", "uplot"],
      soakMinutes: 10,
      scenarios: [...SCENARIOS],
      trace: false,
      skipBuild: false,
      rounds: 1,
      help: false,
    });
  });

  it("takes --quick, --minutes and a scenario list in run order", () => {
    const options = parseBenchArgs(["--quick", "--minutes", "2.5", "--scenario", "soak,server"]);
    expect(options.quick).toBe(true);
    expect(options.soakMinutes).toBe(2.5);
    expect(options.scenarios).toEqual(["server", "soak"]);
    expect(parseBenchArgs(["--target", "uplot,ours"]).targets).toEqual(["ours", "uplot"]);
    expect(parseBenchArgs(["--rounds", "3"]).rounds).toBe(3);
  });

  it("shortens the soak in quick mode", () => {
    expect(parseBenchArgs(["--quick"]).soakMinutes).toBe(0.2);
  });

  it.each([
    [["--minutes", "0"], '--minutes must be a number above 0 and at most 1440, got "0"'],
    [["--minutes", "ten"], '--minutes must be a number above 0 and at most 1440, got "ten"'],
    [
      ["--scenario", "overview,bogus"],
      '--scenario: unknown scenario "bogus"; expected one or more of server, history, overview, device, firehose, soak',
    ],
    [
      ["--target", "grafana"],
      '--target: unknown dashboard "grafana"; expected one or more of ours, naive, uplot',
    ],
    [["--rounds", "0"], '--rounds must be a whole number from 1 to 9, got "0"'],
    [["--rounds", "2.5"], '--rounds must be a whole number from 1 to 9, got "2.5"'],
    [["--rounds", "12"], '--rounds must be a whole number from 1 to 9, got "12"'],
    [["--fast"], "Unknown option '--fast'"],
    [["extra"], "Unexpected argument 'extra'. This command does not take positional arguments"],
  ])("rejects %j with an exact message", (argv, message) => {
    expect(() => parseBenchArgs(argv)).toThrowError(message);
  });
});
