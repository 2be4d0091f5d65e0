import { describe, expect, it } from "vitest";
import { fetchHistory, HistoryError, historyUrl, parseHistoryAnswer } from "./historyClient";

const ANSWER = {
  device: "thermo-001",
  from: 0,
  to: 600_000,
  tier: "1m",
  bucketMs: 120_000,
  t: [0, 240_000],
  metrics: { temperature: { min: [20, 21], max: [22, 25], avg: [21, 23], count: [1200, 800] } },
};

function reply(status: number, body: unknown, type = "application/json"): typeof fetch {
  return async () =>
    new Response(typeof body === "string" ? body : JSON.stringify(body), {
      status,
      headers: { "content-type": type },
    });
}

const REQUEST = { api: "/api/history", device: "thermo-001", from: 0, to: 600_000, points: 800 };

describe("historyUrl", () => {
  it("names device, range and points, clamped to the API's 1..10000", () => {
    expect(historyUrl({ ...REQUEST, device: "a b", from: 1.7, to: 9.2, points: 812.4 })).toBe(
      "/api/history?device=a+b&from=1&to=10&points=812",
    );
    expect(historyUrl({ ...REQUEST, points: 50_000 })).toContain("points=10000");
    expect(historyUrl({ ...REQUEST, points: 0 })).toContain("points=1");
  });
});

describe("parseHistoryAnswer", () => {
  it("keeps a well-formed answer", () => {
    const answer = parseHistoryAnswer(ANSWER);
    expect(answer.tier).toBe("1m");
    expect(answer.metrics.temperature?.max).toEqual([22, 25]);
  });

  it.each([
    [{ ...ANSWER, tier: "2m" }, 'field "tier"'],
    [{ ...ANSWER, bucketMs: "x" }, 'field "bucketMs"'],
    [{ ...ANSWER, t: [240_000, 0] }, "not ascending"],
    [
      { ...ANSWER, metrics: { temperature: { ...ANSWER.metrics.temperature, count: [1] } } },
      "temperature.count",
    ],
    [null, "(body)"],
  ])("refuses a malformed answer, naming the field (%#)", (body, field) => {
    expect(() => parseHistoryAnswer(body)).toThrow(field);
  });
});

describe("fetchHistory", () => {
  it("sends the token as a bearer header and returns the parsed answer", async () => {
    let seen: Headers | undefined;
    const answer = await fetchHistory({ ...REQUEST, token: "s3cret" }, async (_url, init) => {
      seen = new Headers(init?.headers);
      return reply(200, ANSWER)(_url);
    });
    expect(seen?.get("authorization")).toBe("Bearer s3cret");
    expect(answer.t).toEqual([0, 240_000]);
  });

  it.each([
    [503, "store_unavailable", "History unavailable: the store cannot be reached. Live data continues."],
    [401, "unauthorized", "History unavailable: the server needs a valid access token. Live data continues."],
    [404, "unknown_device", "History unavailable: the server has no history for this device."],
    [400, "bad_request", "History request refused: points: expected an integer."],
  ])("puts a %i refusal in words", async (status, code, text) => {
    const error = await fetchHistory(
      REQUEST,
      reply(status, { error: { code, message: "points: expected an integer" } }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HistoryError);
    expect((error as HistoryError).code).toBe(code);
    expect((error as HistoryError).message).toBe(text);
  });

  it("says when the server cannot be reached or has no history API", async () => {
    const down = await fetchHistory(REQUEST, async () => {
      throw new TypeError("fetch failed");
    }).catch((e: HistoryError) => e.message);
    expect(down).toBe("History unavailable: the server cannot be reached. Live data continues.");
    const old = await fetchHistory(REQUEST, reply(200, "<!doctype html>", "text/html")).catch(
      (e: HistoryError) => e.code,
    );
    expect(old).toBe("no_history_api");
  });
});
