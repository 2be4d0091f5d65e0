import { describe, expect, it } from "vitest";
import {
  signInWithPassword,
  signInWithToken,
  tooManyText,
  unreachableText,
  wrongPasswordText,
  wrongTokenText,
} from "./signIn";

type Call = { url: string; init: RequestInit | undefined };

/** A fetch answering `response` (or failing like a refused connection), recording the calls. */
function fakeFetch(response: Response | "down") {
  const calls: Call[] = [];
  const impl = (async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    if (response === "down") throw new TypeError("Failed to fetch");
    return response;
  }) as typeof fetch;
  return { impl, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

describe("signing in with a name and password", () => {
  it("posts them to /api/login and returns who the server let in", async () => {
    const fetch = fakeFetch(json(200, { user: "ana", role: "operator" }));
    expect(await signInWithPassword(" ana ", "pw", fetch.impl)).toEqual({
      ok: true,
      access: { user: "ana", role: "operator", via: "session" },
    });
    expect(fetch.calls[0]?.url).toBe("/api/login");
    expect(fetch.calls[0]?.init?.method).toBe("POST");
    expect(JSON.parse(String(fetch.calls[0]?.init?.body))).toEqual({ username: "ana", password: "pw" });
  });

  it("says wrong name or password on 401, without telling which", async () => {
    const answer = json(401, { error: { code: "unauthorized", message: "wrong user name or password" } });
    expect(await signInWithPassword("ana", "nope", fakeFetch(answer).impl)).toEqual({
      ok: false,
      error: wrongPasswordText(),
    });
  });

  it("says how long to wait on 429, from Retry-After", async () => {
    const answer = json(
      429,
      { error: { code: "rate_limited", message: "slow down" } },
      { "retry-after": "42" },
    );
    expect(await signInWithPassword("ana", "pw", fakeFetch(answer).impl)).toEqual({
      ok: false,
      error: "Too many attempts, try again in 42 s.",
    });
    expect(tooManyText(null)).toBe("Too many attempts, try again in a while.");
  });

  it("says the server cannot be reached when the request fails", async () => {
    expect(await signInWithPassword("ana", "pw", fakeFetch("down").impl)).toEqual({
      ok: false,
      error: unreachableText(),
    });
  });

  it("asks for the missing field before calling the server", async () => {
    const fetch = fakeFetch("down");
    expect(await signInWithPassword("  ", "pw", fetch.impl)).toEqual({
      ok: false,
      error: "Enter your user name.",
    });
    expect(await signInWithPassword("ana", "", fetch.impl)).toEqual({
      ok: false,
      error: "Enter your password.",
    });
    expect(fetch.calls).toHaveLength(0);
  });

  it("passes the server's words on for other refusals", async () => {
    const answer = json(500, { error: { code: "internal", message: "the user store is down" } });
    expect(await signInWithPassword("ana", "pw", fakeFetch(answer).impl)).toEqual({
      ok: false,
      error: "The server refused: the user store is down.",
    });
  });
});

describe("signing in with a token", () => {
  it("checks it with GET /api/me as a Bearer token", async () => {
    const fetch = fakeFetch(json(200, { user: "token", role: "operator", via: "shared_token" }));
    expect(await signInWithToken("s3cret", fetch.impl)).toEqual({
      ok: true,
      access: { user: "token", role: "operator", via: "shared_token" },
    });
    expect(fetch.calls[0]?.url).toBe("/api/me");
    expect(fetch.calls[0]?.init?.headers).toEqual({ authorization: "Bearer s3cret" });
  });

  it("says the token is not accepted on 401", async () => {
    const answer = json(401, { error: { code: "unauthorized", message: "x" }, signIn: { token: true } });
    expect(await signInWithToken("guess", fakeFetch(answer).impl)).toEqual({
      ok: false,
      error: wrongTokenText(),
    });
  });

  it("leaves the check to the socket on a server older than /api/me", async () => {
    expect(await signInWithToken("s3cret", fakeFetch(new Response("", { status: 404 })).impl)).toEqual({
      ok: true,
    });
  });
});
