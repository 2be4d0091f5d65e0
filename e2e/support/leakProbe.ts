/**
 * Counts, through the Chrome DevTools Protocol, what a leak in the page would make grow: live
 * objects of a class after a full garbage collection, listeners on `window`, `document` and the
 * attached DOM tree, and Chromium's DOM counters.
 *
 * `Memory.getDOMCounters().jsEventListeners` counts listeners on every object, detached chart
 * elements a render still holds included, so it wobbles by a few between two readings of the same
 * page; the window, document and tree counts do not.
 */
import type { CDPSession } from "@playwright/test";

export interface ListenerCounts {
  window: number;
  document: number;
  /** Listeners on every attached node under <html>, shadow roots included. */
  tree: number;
  /** Chromium's count of every JS event listener, on detached objects too. */
  all: number;
}

export interface LeakProbe {
  /** Live instances of a global class (`"WebSocket"`) after a full GC. */
  liveObjects(className: string): Promise<number>;
  listeners(): Promise<ListenerCounts>;
}

const GROUP = "leak-probe";

export async function createLeakProbe(cdp: CDPSession): Promise<LeakProbe> {
  await cdp.send("Runtime.enable");

  const objectId = async (expression: string) => {
    const { result } = await cdp.send("Runtime.evaluate", { expression, objectGroup: GROUP });
    if (!result.objectId) throw new Error(`${expression} is not an object in the page`);
    return result.objectId;
  };
  const listenersOn = async (expression: string, depth = 0) => {
    const { listeners } = await cdp.send("DOMDebugger.getEventListeners", {
      objectId: await objectId(expression),
      depth,
      pierce: depth !== 0,
    });
    return listeners.length;
  };
  // Every handle this probe makes is released again: a held query result would itself keep the
  // objects it counts alive (DevTools retains them) and look exactly like a leak.
  const released = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } finally {
      await cdp.send("Runtime.releaseObjectGroup", { objectGroup: GROUP });
    }
  };

  return {
    liveObjects: (className) =>
      released(async () => {
        await cdp.send("HeapProfiler.collectGarbage");
        const { objects } = await cdp.send("Runtime.queryObjects", {
          prototypeObjectId: await objectId(`${className}.prototype`),
          objectGroup: GROUP,
        });
        if (!objects.objectId) throw new Error(`no query result for ${className}`);
        const { result } = await cdp.send("Runtime.callFunctionOn", {
          objectId: objects.objectId,
          functionDeclaration: "function () { return this.length; }",
          returnByValue: true,
        });
        return result.value as number;
      }),
    listeners: () =>
      released(async () => {
        await cdp.send("HeapProfiler.collectGarbage");
        const { jsEventListeners } = (await cdp.send("Memory.getDOMCounters")) as {
          jsEventListeners: number;
        };
        return {
          window: await listenersOn("window"),
          document: await listenersOn("document"),
          tree: await listenersOn("document.documentElement", -1),
          all: jsEventListeners,
        };
      }),
  };
}
