import { describe, expect, it, vi } from "vitest";
import { validateCommandArgs } from "./commandArgs";
import type { Dashboard, DashboardOptions } from "./dashboardApi";
import { type CoreFactory, createDeferredDashboard } from "./deferredDashboard";

/** A core that records what the deferred dashboard hands it. */
function fakeCore() {
  const calls: string[] = [];
  let options: DashboardOptions | undefined;
  const create: CoreFactory = (given) => {
    options = given;
    return {
      store: given.store,
      watch: (owner: string, ids: readonly string[]) => {
        calls.push(`watch ${owner} ${ids.join(",")}`);
        return () => calls.push(`unwatch ${owner}`);
      },
      onDataStored: () => {
        calls.push("listen");
        return () => calls.push("unlisten");
      },
      series: { get: (id: string) => (id === "d1" ? ({ lastTime: 5 } as never) : undefined) },
      validateCommand: () => null,
      sendCommand: () => ({ ok: true, id: "c1" }),
      setToken: (token: string | undefined) => calls.push(`token ${token}`),
      serverNow: () => 42,
      start: () => calls.push("start"),
      stop: () => calls.push("stop"),
    } as unknown as Dashboard;
  };
  return { calls, create, options: () => options };
}

/** A load the test resolves when it wants the core to arrive. */
function heldLoad(create: CoreFactory) {
  let release = () => {};
  const load = vi.fn(
    () =>
      new Promise<CoreFactory>((resolve) => {
        release = () => resolve(create);
      }),
  );
  return { load, release: () => release() };
}

describe("createDeferredDashboard", () => {
  it("has its store before the core and loads nothing until asked", () => {
    const { create } = fakeCore();
    const { load } = heldLoad(create);
    const dashboard = createDeferredDashboard(load);
    expect(dashboard.store.getState().connection).toEqual({ status: "connecting" });
    expect(dashboard.series.get("d1")).toBeUndefined();
    expect(load).not.toHaveBeenCalled();
  });

  it("hands the core the store, the token, the watches still wanted and starts it", async () => {
    const core = fakeCore();
    const { load, release } = heldLoad(core.create);
    const dashboard = createDeferredDashboard(load);
    dashboard.setToken("secret");
    dashboard.watch("overview", ["d1", "d2"]);
    const dropped = dashboard.watch("compare", ["d3"]);
    dropped();
    dashboard.start();
    expect(load).toHaveBeenCalledTimes(1);
    release();
    await vi.waitFor(() => expect(core.calls).toContain("start"));
    expect(core.options()).toEqual({ store: dashboard.store, token: "secret" });
    expect(core.calls).toEqual(["watch overview d1,d2", "start"]);
    expect(dashboard.series.get("d1")).toEqual({ lastTime: 5 });
    expect(dashboard.serverNow()).toBe(42);
  });

  it("removes a watch made before the core arrived from the core after it did", async () => {
    const core = fakeCore();
    const { load, release } = heldLoad(core.create);
    const dashboard = createDeferredDashboard(load);
    const unwatch = dashboard.watch("overview", ["d1"]);
    const unlisten = dashboard.onDataStored(() => {});
    release();
    await vi.waitFor(() => expect(core.calls).toEqual(["watch overview d1", "listen"]));
    unwatch();
    unwatch();
    unlisten();
    expect(core.calls).toEqual(["watch overview d1", "listen", "unwatch overview", "unlisten"]);
  });

  it("does not start a core that was stopped before it arrived", async () => {
    const core = fakeCore();
    const { load, release } = heldLoad(core.create);
    const dashboard = createDeferredDashboard(load);
    dashboard.start();
    dashboard.stop();
    release();
    await vi.waitFor(() => expect(core.options()).toBeDefined());
    expect(core.calls).toEqual([]);
  });

  it("refuses a command before the core, as the core does for an unknown device", () => {
    const dashboard = createDeferredDashboard(heldLoad(fakeCore().create).load);
    const result = dashboard.sendCommand("d1", "setTarget", { target: 20 });
    const unknown = validateCommandArgs(undefined, "setTarget", { target: 20 });
    expect(result).toEqual({ ok: false, errors: unknown });
    expect(dashboard.validateCommand("d1", "setTarget", {})).toEqual(unknown);
    expect(unknown).toEqual({ "": "unknown device" });
  });

  it("asks again when the core's chunk could not be downloaded", async () => {
    vi.useFakeTimers();
    try {
      const core = fakeCore();
      const load = vi
        .fn<() => Promise<CoreFactory>>()
        .mockRejectedValueOnce(new Error("offline"))
        .mockResolvedValue(core.create);
      const error = vi.spyOn(console, "error").mockImplementation(() => {});
      const dashboard = createDeferredDashboard(load);
      dashboard.start();
      await vi.advanceTimersByTimeAsync(999);
      expect(load).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(load).toHaveBeenCalledTimes(2);
      expect(core.calls).toEqual(["start"]);
      expect(error).toHaveBeenCalledTimes(1);
      error.mockRestore();
    } finally {
      vi.useRealTimers();
    }
  });
});
