import { describe, expect, it } from "vitest";
import { resolveServerUrl } from "./resolveServerUrl";

function page(href: string) {
  const url = new URL(href);
  return { protocol: url.protocol, host: url.host, hostname: url.hostname, search: url.search };
}

describe("resolveServerUrl", () => {
  it("defaults to /ws on the page's host with a matching scheme", () => {
    expect(resolveServerUrl({ location: page("http://localhost:5173/devices") })).toEqual({
      url: "ws://localhost:5173/ws",
      source: "page",
    });
    expect(resolveServerUrl({ location: page("https://fleet.example.com/") }).url).toBe(
      "wss://fleet.example.com/ws",
    );
  });

  it("uses the build-time server", () => {
    const result = resolveServerUrl({
      location: page("https://dash.example.com/"),
      buildTimeServer: "https://api.example.com",
    });
    expect(result).toEqual({ url: "wss://api.example.com/ws", source: "build" });
  });

  it("accepts ?server= on the same host or in the allow-list", () => {
    expect(resolveServerUrl({ location: page("http://localhost:4180/?server=localhost:9000") }).url).toBe(
      "ws://localhost:9000/ws",
    );
    const listed = resolveServerUrl({
      location: page("https://dash.example.com/?server=wss://lab.example.com:8443"),
      allowList: ["lab.example.com:8443"],
    });
    expect(listed).toEqual({ url: "wss://lab.example.com:8443/ws", source: "param" });
  });

  it("refuses ?server= pointing at a stranger's host, keeping the default", () => {
    const result = resolveServerUrl({
      location: page("https://dash.example.com/?server=wss://evil.example.net/ws"),
      allowList: ["lab.example.com"],
    });
    expect(result.url).toBe("wss://dash.example.com/ws");
    expect(result.rejected).toMatch(/evil\.example\.net/);
    expect(
      resolveServerUrl({ location: page("http://a.test/?server=javascript:alert(1)") }).rejected,
    ).toMatch(/not a valid server/);
  });
});
