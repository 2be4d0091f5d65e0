import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { type SavedView, VIEW_FORMAT } from "../../../src/features/views/viewFormat";
import { ENGINES, useEngine } from "../../../testing/storeEngines";
import type { Actor } from "../access/actor";
import { openViews } from "./startViews";
import type { ViewStore } from "./viewStore";
import { handleViews } from "./viewsApi";

const T0 = 1_767_225_600_000;
const ACTORS: Record<string, Actor> = {
  ana: { user: "ana", role: "admin", via: "session" },
  olaf: { user: "olaf", role: "operator", via: "session" },
  otto: { user: "otto", role: "operator", via: "api_token" },
  vera: { user: "vera", role: "viewer", via: "session" },
};
const FLEET = new Set(["thermo-001", "thermo-002", "meter-001"]);
const COMPARE = {
  name: "Boiler room",
  kind: "compare",
  state: "#/compare?s=thermo-001%3Atemperature&s=thermo-002%3Atemperature&window=1h",
};

interface Answer {
  status: number;
  body: {
    view?: SavedView;
    views?: SavedView[];
    favourites?: string[];
    home?: string | null;
    error?: { code: string; message: string };
  };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
});

/** A real HTTP server on port 0 serving the views API, with the actor named by the bearer token. */
async function serve(views: ViewStore) {
  let clock = T0;
  const server = createServer((req, res) => {
    const actor = ACTORS[(req.headers.authorization ?? "").replace(/^Bearer /, "")] as Actor;
    void handleViews(req, res, { views, hasDevice: (id) => FLEET.has(id), now: () => clock++ }, actor);
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/views`;
  return async (as: string, method: string, path = "", body?: unknown): Promise<Answer> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${as}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : {} };
  };
}

const STORES: { name: string; setup(): () => Promise<ViewStore> }[] = [
  { name: "memory", setup: () => () => openViews(undefined) },
  ...ENGINES.map((engine) => ({
    name: engine,
    setup: () => {
      const fixture = useEngine(engine);
      return async () => openViews(await fixture.open());
    },
  })),
];

for (const { name, setup } of STORES) {
  describe(`/api/views (${name})`, () => {
    const open = setup();

    it("saves a view (operator), lists and opens it (viewer), and answers 404 for another id", async () => {
      const call = await serve(await open());
      const saved = await call("olaf", "POST", "", COMPARE);
      expect(saved.status).toBe(201);
      const view = saved.body.view as SavedView;
      expect(view).toMatchObject({ ...COMPARE, owner: "olaf", version: 1, createdAt: T0, updatedAt: T0 });
      const list = await call("vera", "GET");
      expect(list.status).toBe(200);
      expect(list.body).toEqual({ views: [view], favourites: [], home: null });
      expect((await call("vera", "GET", `/${view.id}`)).body.view).toEqual(view);
      const missing = await call("vera", "GET", "/nope");
      expect([missing.status, missing.body.error?.code]).toEqual([404, "not_found"]);
      const garbled = await call("vera", "GET", "/%E0%A4%A");
      expect([garbled.status, garbled.body.error?.code]).toEqual([404, "not_found"]);
      const wrong = await call("olaf", "PATCH", `/${view.id}`);
      expect([wrong.status, wrong.body.error?.code]).toEqual([405, "method_not_allowed"]);
    });

    it("refuses a viewer's save, and a non-owner operator's change or delete, with forbidden", async () => {
      const call = await serve(await open());
      const refused = await call("vera", "POST", "", COMPARE);
      expect(refused.status).toBe(403);
      expect(refused.body.error).toEqual({
        code: "forbidden",
        message: "viewer vera may not save views: that needs the operator role",
      });
      const view = (await call("olaf", "POST", "", COMPARE)).body.view as SavedView;
      const del = await call("otto", "DELETE", `/${view.id}`);
      expect(del.status).toBe(403);
      expect(del.body.error).toEqual({
        code: "forbidden",
        message: 'operator otto may not delete "Boiler room": only its owner (olaf) or an admin may',
      });
      expect((await call("vera", "DELETE", `/${view.id}`)).body.error?.code).toBe("forbidden");
      expect((await call("otto", "PUT", `/${view.id}`, { ...COMPARE, name: "Mine" })).status).toBe(403);
      expect((await call("vera", "GET")).body.views).toHaveLength(1);
    });

    it("lets the owner rename, and an admin delete, a view; deleting clears favourites and home", async () => {
      const call = await serve(await open());
      const view = (await call("olaf", "POST", "", COMPARE)).body.view as SavedView;
      const renamed = await call("olaf", "PUT", `/${view.id}`, { ...COMPARE, name: "Boilers" });
      expect(renamed.status).toBe(200);
      expect(renamed.body.view).toMatchObject({ id: view.id, name: "Boilers", createdAt: view.createdAt });
      expect((renamed.body.view as SavedView).updatedAt).toBeGreaterThan(view.updatedAt);
      expect((await call("vera", "PUT", `/${view.id}/favourite`)).status).toBe(204);
      expect((await call("vera", "PUT", `/${view.id}/home`)).status).toBe(204);
      expect(await call("vera", "GET")).toMatchObject({ body: { favourites: [view.id], home: view.id } });
      // Favourites are each user's own.
      expect((await call("olaf", "GET")).body).toMatchObject({ favourites: [], home: null });
      expect((await call("ana", "DELETE", `/${view.id}`)).status).toBe(204);
      expect((await call("vera", "GET")).body).toEqual({ views: [], favourites: [], home: null });
    });

    it("unmarks a favourite and clears the home view", async () => {
      const call = await serve(await open());
      const view = (await call("ana", "POST", "", COMPARE)).body.view as SavedView;
      await call("vera", "PUT", `/${view.id}/favourite`);
      await call("vera", "PUT", `/${view.id}/favourite`);
      await call("vera", "PUT", `/${view.id}/home`);
      expect((await call("vera", "DELETE", `/${view.id}/favourite`)).status).toBe(204);
      expect((await call("vera", "DELETE", `/${view.id}/home`)).status).toBe(204);
      expect((await call("vera", "GET")).body).toMatchObject({ favourites: [], home: null });
    });

    it("imports an exported file, and names the field of one that is not a view or names unknown devices", async () => {
      const call = await serve(await open());
      const imported = await call("olaf", "POST", "", { format: VIEW_FORMAT, version: 1, ...COMPARE });
      expect(imported.status).toBe(201);
      const cases: [unknown, string, string][] = [
        ["{not json", "bad_request", "body: not valid JSON"],
        [
          { format: "grafana", version: 1, ...COMPARE },
          "bad_request",
          'format: expected "fleet-dashboard/view"',
        ],
        [{ format: VIEW_FORMAT, version: 9, ...COMPARE }, "bad_request", "version: 9 is newer"],
        [{ ...COMPARE, kind: "panel" }, "bad_request", "kind: expected one of overview, device, compare"],
        [
          { ...COMPARE, state: "#/compare?s=ghost:t" },
          "unknown_device",
          'state: no device "ghost" in this fleet',
        ],
      ];
      for (const [body, code, message] of cases) {
        const refused = await call("olaf", "POST", "", body);
        expect(refused.status).toBe(400);
        expect(refused.body.error?.code).toBe(code);
        expect(refused.body.error?.message.startsWith(message)).toBe(true);
      }
      expect((await call("olaf", "GET")).body.views).toHaveLength(1);
    });
  });
}

describe("/api/views (durable)", () => {
  const fixture = useEngine("duckdb");
  it("keeps views, favourites and home across a restart of the store", async () => {
    const first = await fixture.open();
    const call = await serve(await openViews(first));
    const view = (await call("olaf", "POST", "", COMPARE)).body.view as SavedView;
    await call("vera", "PUT", `/${view.id}/home`);
    await first.close();
    const again = await serve(await openViews(await fixture.open()));
    expect((await again("vera", "GET")).body).toEqual({ views: [view], favourites: [], home: view.id });
  });
});
