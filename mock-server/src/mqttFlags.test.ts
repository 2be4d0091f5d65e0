import { describe, expect, it } from "vitest";
import { parseCommandLine } from "./cliArgs";
import { resolveMockOptions } from "./options";

describe("MQTT flags", () => {
  it("parses the broker flags, with the password from the environment", () => {
    const request = parseCommandLine(
      ["--source", "mqtt://broker:1883", "--publish", "mqtt://b2:1883", "--mqtt-username", "gw"],
      { FLEET_MQTT_PASSWORD: "s3cret" },
    );
    expect(request).toMatchObject({
      kind: "run",
      options: {
        source: "mqtt://broker:1883",
        publish: "mqtt://b2:1883",
        mqttUsername: "gw",
        mqttPassword: "s3cret",
      },
    });
  });

  it.each([
    [
      { source: "http://broker" },
      '--source must be an mqtt://host:port or mqtts://host:port URL, got "http://broker"',
    ],
    [
      { publish: "broker:1883" },
      '--publish must be an mqtt://host:port or mqtts://host:port URL, got "broker:1883"',
    ],
    [{ source: "mqtt://b:1883", mqttCa: "ca.pem" }, "--mqtt-ca needs an mqtts:// --source or --publish URL"],
  ])("refuses %o", (options, message) => {
    expect(() => resolveMockOptions(options)).toThrow(message);
  });
});
