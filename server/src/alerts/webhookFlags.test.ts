/** `--webhook` (repeatable) and `--webhook-secret` on the command line, and their checks. */
import { describe, expect, it } from "vitest";
import { HELP, parseCommandLine } from "../../../mock-server/src/cliArgs";
import { type MockServerOptions, resolveMockOptions } from "../../../mock-server/src/options";

function resolve(args: string[], env: NodeJS.ProcessEnv = {}) {
  const request = parseCommandLine(args, env);
  if (request.kind !== "run") throw new Error(`expected run, got ${JSON.stringify(request)}`);
  return resolveMockOptions(request.options as MockServerOptions).gateway;
}

describe("webhook flags", () => {
  it("take several URLs and a secret, from the flag or $FLEET_WEBHOOK_SECRET", () => {
    const gateway = resolve(["--webhook", "http://a.example/h", "--webhook", "https://b.example/h"], {
      FLEET_WEBHOOK_SECRET: "env-secret",
    });
    expect(gateway.webhooks).toEqual(["http://a.example/h", "https://b.example/h"]);
    expect(gateway.webhookSecret).toBe("env-secret");
    expect(resolve(["--webhook", "http://a/h", "--webhook-secret", "flag"]).webhookSecret).toBe("flag");
    expect(resolve([]).webhooks).toEqual([]);
  });

  it.each([
    [["--webhook", "ftp://a/h"], /^--webhook must be an http:\/\/ or https:\/\/ URL, got "ftp:\/\/a\/h"$/],
    [["--webhook", "not a url"], /^--webhook must be an http:\/\/ or https:\/\/ URL/],
    [["--webhook-secret", "s"], /^--webhook-secret needs at least one --webhook URL$/],
  ])("refuse %j naming the flag", (args, message) => {
    expect(() => resolve(args)).toThrow(message);
  });

  it("are in --help", () => {
    expect(HELP).toMatch(/--webhook URL .*repeat/);
    expect(HELP).toMatch(/--webhook-secret S .*HMAC-SHA256/);
  });
});
