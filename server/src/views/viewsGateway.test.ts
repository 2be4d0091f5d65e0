/** /api/views through the real gateway: the access guard in front, the fleet's devices behind. */
import { describe, expect, it } from "vitest";
import { setupTestServers } from "../../../testing/testServer";

const servers = setupTestServers();
const COMPARE = {
  name: "One thermostat",
  kind: "compare",
  state: "#/compare?s=thermo-001%3Atemperature&s=thermo-001%3Ahumidity",
};

describe("/api/views on the gateway", () => {
  it("needs the token, saves as the shared token's operator, and checks devices against the fleet", async () => {
    const server = await servers.start({ devices: 4, token: "s3cret" });
    const url = `${server.url}/api/views`;
    const bearer = { authorization: "Bearer s3cret", "content-type": "application/json" };
    expect((await fetch(url)).status).toBe(401);

    const saved = await fetch(url, { method: "POST", headers: bearer, body: JSON.stringify(COMPARE) });
    expect(saved.status).toBe(201);
    const { view } = (await saved.json()) as { view: { id: string; owner: string } };
    expect(view.owner).toBe("token");

    const ghost = await fetch(url, {
      method: "POST",
      headers: bearer,
      body: JSON.stringify({ ...COMPARE, state: "#/compare?s=thermo-999%3Atemperature" }),
    });
    expect(ghost.status).toBe(400);
    expect(await ghost.json()).toEqual({
      error: { code: "unknown_device", message: 'state: no device "thermo-999" in this fleet' },
    });

    const list = (await (await fetch(url, { headers: bearer })).json()) as { views: { id: string }[] };
    expect(list.views.map((v) => v.id)).toEqual([view.id]);
  });
});
