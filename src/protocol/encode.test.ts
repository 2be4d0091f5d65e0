import { describe, expect, it } from "vitest";
import { PROTOCOL_VERSION } from "./constants";
import {
  encodeDataEntry,
  encodeDataFrame,
  encodeFleet,
  encodeGap,
  encodeLatest,
  encodeMessage,
  encodeWelcome,
  type SampleRing,
} from "./encode";
import type { ClientMessage, DataEntry, DeviceInfo, ServerMessage, SourceStatus } from "./messages";
import { parseClientMessage } from "./parseClient";
import { parseServerMessage } from "./parseServer";

/** A ring holding `entry`'s samples at their seqs, small enough that they wrap around. */
function ringOf(entry: DataEntry, decimals: number[], capacity: number): SampleRing {
  const keys = Object.keys(entry.values);
  const ring = {
    capacity,
    times: new Float64Array(capacity),
    values: new Float32Array(capacity * keys.length),
    factors: decimals.map((d) => 10 ** d),
  };
  entry.t.forEach((time, i) => {
    const slot = (entry.seq + i - 1) % capacity;
    ring.times[slot] = time;
    keys.forEach((key, m) => {
      ring.values[slot * keys.length + m] = entry.values[key]?.[i] as number;
    });
  });
  return ring;
}

/** Encodes `entry` the way the server does: from a ring, with pre-quoted id and keys. */
function encodeEntry(entry: DataEntry, decimals: number[]): string {
  const keys = Object.keys(entry.values).map((key) => JSON.stringify(key));
  const ring = ringOf(entry, decimals, 4);
  return encodeDataEntry(JSON.stringify(entry.device), keys, ring, entry.seq, entry.seq + entry.t.length - 1);
}

const entry: DataEntry = {
  device: "thermo-001",
  seq: 3,
  t: [1000, 1100, 1200],
  values: { temperature: [21.37, -3.05, 0.1], humidity: [40, 40.5, 41.2] },
};
const decimals = [2, 1];
const oneSample: DataEntry = { device: 'odd "id"', seq: 9, t: [5], values: { power: [1234.5] } };

const source: SourceStatus = { kind: "mqtt", broker: "mqtt://broker:1883", connected: true, since: 7 };
const device: DeviceInfo = {
  id: "thermo-001",
  kind: "thermostat",
  name: "Hall",
  online: true,
  metrics: [{ key: "temperature", label: "Temperature", unit: "°C", min: -20, max: 50, decimals: 2 }],
  commands: [
    { name: "setTarget", label: "Set target", args: { target: { type: "number", min: 5, max: 30 } } },
  ],
  state: { target: 21, mode: "heat" },
  rate: 10,
};

type Case<M> = [message: M, wire: string];

/** Every server message type, each encoded the way the server sends it. */
const serverCases: { [K in ServerMessage["type"]]: Case<Extract<ServerMessage, { type: K }>>[] } = {
  welcome: [
    [
      {
        type: "welcome",
        protocol: PROTOCOL_VERSION,
        session: "s-1",
        serverTime: 42,
        source,
        fleet: [device],
      },
      encodeWelcome({ session: "s-1", serverTime: 42, source }, encodeFleet([device])),
    ],
    [
      {
        type: "welcome",
        protocol: PROTOCOL_VERSION,
        session: "s-2",
        serverTime: 43,
        source,
        history: {
          durable: true,
          api: "/api/history",
          retention: { raw: 86_400_000, "1m": 2_592_000_000, "1h": 31_536_000_000 },
          status: { up: true, since: 40, bufferedBytes: 0, samplesDropped: 0 },
        },
        fleet: [device],
      },
      encodeWelcome(
        {
          session: "s-2",
          serverTime: 43,
          source,
          history: {
            durable: true,
            api: "/api/history",
            retention: { raw: 86_400_000, "1m": 2_592_000_000, "1h": 31_536_000_000 },
            status: { up: true, since: 40, bufferedBytes: 0, samplesDropped: 0 },
          },
        },
        encodeFleet([device]),
      ),
    ],
    [
      {
        type: "welcome",
        protocol: PROTOCOL_VERSION,
        session: "s-3",
        serverTime: 44,
        source,
        access: { user: "ana", role: "viewer", via: "session" },
        fleet: [device],
      },
      encodeWelcome(
        { session: "s-3", serverTime: 44, source, access: { user: "ana", role: "viewer", via: "session" } },
        encodeFleet([device]),
      ),
    ],
  ],
  data: [
    [
      { type: "data", batch: [entry, oneSample] },
      encodeDataFrame([encodeEntry(entry, decimals), encodeEntry(oneSample, [1])]),
    ],
    [{ type: "data", batch: [entry], replay: true }, encodeDataFrame([encodeEntry(entry, decimals)], true)],
  ],
  latest: [
    [
      { type: "latest", id: "l1", at: 9, batch: [oneSample] },
      encodeLatest(9, [encodeEntry(oneSample, [1])], "l1"),
    ],
    [{ type: "latest", at: 10, batch: [] }, encodeLatest(10, [])],
  ],
  gap: [
    [
      { type: "gap", device: 'odd "id"', fromSeq: 3, toSeq: 17 },
      encodeGap(JSON.stringify('odd "id"'), 3, 17),
    ],
  ],
  subscribed: [[{ type: "subscribed", id: "s", devices: ["a", "b"] }, ""]],
  unsubscribed: [[{ type: "unsubscribed", id: "u", devices: ["a"] }, ""]],
  status: [[{ type: "status", device: "a", online: false, at: 5 }, ""]],
  state: [[{ type: "state", device: "a", state: { target: 21, on: true, mode: "eco" } }, ""]],
  commandResult: [
    [{ type: "commandResult", id: "c", ok: true, state: { target: 22 } }, ""],
    [
      {
        type: "commandResult",
        id: "c",
        ok: false,
        error: {
          code: "forbidden",
          message: "viewer ana may not send commands: that needs the operator role",
        },
      },
      "",
    ],
    [
      { type: "commandResult", id: "c", ok: false, error: { code: "device_offline", message: "offline" } },
      "",
    ],
  ],
  pong: [[{ type: "pong", id: "p", t: 1, serverTime: 2 }, ""]],
  error: [
    [{ type: "error", id: "x", code: "unknown_device", message: 'no device "z"' }, ""],
    [{ type: "error", code: "rate_limited", message: "slow down" }, ""],
  ],
  source: [[{ type: "source", ...source }, ""]],
  deviceAdded: [[{ type: "deviceAdded", device }, ""]],
  historyStatus: [
    [{ type: "historyStatus", up: false, since: 7, bufferedBytes: 2048, samplesDropped: 3 }, ""],
  ],
  webhookStatus: [
    [
      {
        type: "webhookStatus",
        urls: 2,
        delivered: 5,
        failedAttempts: 1,
        expired: 0,
        pending: 3,
        lastFailureAt: 9,
      },
      "",
    ],
  ],
  logbook: [
    [
      {
        type: "logbook",
        entries: [
          {
            id: "e1",
            at: 3,
            type: "offline",
            device: "thermo-001",
            kind: "thermostat",
            text: "offline after 2 min online",
            durationMs: 120_000,
          },
        ],
      },
      "",
    ],
    [
      {
        type: "logbook",
        entries: [
          {
            id: "e2",
            at: 4,
            type: "online",
            device: "thermo-001",
            kind: "thermostat",
            text: "back online after 3 s offline",
            durationMs: 3000,
            detail: { from: "offline" },
            code: "condition",
            params: { to: "online", from: "offline", ms: 3000 },
          },
        ],
      },
      "",
    ],
  ],
  serverStats: [
    [
      {
        type: "serverStats",
        at: 5,
        dashboards: 2,
        valuesPerSecond: 1200,
        tickLagP99Ms: 3,
        store: { up: true, commitMs: 4, bufferedBytes: 10 },
        brokerConnected: null,
        webhookFailures: 1,
      },
      "",
    ],
  ],
  alerts: [
    [{ type: "alerts", alerts: [], snapshot: true }, ""],
    [
      {
        type: "alerts",
        alerts: [
          {
            id: "a1",
            rule: "r1",
            device: "thermo-001",
            metric: "temperature",
            state: "firing",
            since: 5,
            value: 31.5,
            acknowledged: { by: "anonymous", at: 9, comment: "on it" },
            severity: "critical",
          },
          {
            id: "a2",
            rule: "default.thermostat.humidity",
            device: "thermo-002",
            metric: "humidity",
            state: "no_data",
            since: 6,
            value: null,
            acknowledged: null,
            severity: "warning",
          },
        ],
      },
      "",
    ],
  ],
};

/** Every client message type, in its minimal and full forms. */
const clientCases: { [K in ClientMessage["type"]]: Extract<ClientMessage, { type: K }>[] } = {
  auth: [{ type: "auth", token: "s3cret" }],
  subscribe: [
    { type: "subscribe", id: "s", devices: ["*"] },
    { type: "subscribe", id: "s", devices: ["a", "b"], history: 60, resume: { a: 0, b: 12 } },
  ],
  unsubscribe: [{ type: "unsubscribe", id: "u", devices: ["a"] }],
  command: [
    { type: "command", id: "c", device: "meter-001", name: "relayOff" },
    {
      type: "command",
      id: "c",
      device: "t",
      name: "set",
      args: { n: 21.5, on: true, mode: "eco" },
      deadline: 9,
    },
  ],
  ping: [{ type: "ping", id: "p", t: 123.5 }],
  latest: [
    { type: "latest", id: "l" },
    { type: "latest", id: "l", stop: true },
  ],
};

describe("server -> client round trip", () => {
  const cases = Object.values(serverCases).flat() as Case<ServerMessage>[];
  it.each(cases.map(([message, wire]) => [message.type, message, wire] as const))(
    "%s: encoded, parsed back equal",
    (_type, message, wire) => {
      const encoded = wire || encodeMessage(message);
      expect(parseServerMessage(encoded)).toEqual({ ok: true, message });
    },
  );

  it("hand-built frames are byte for byte what encodeMessage gives", () => {
    for (const [message, wire] of cases) if (wire) expect(wire).toBe(encodeMessage(message));
  });
});

describe("client -> server round trip", () => {
  it.each(Object.values(clientCases).flat() as ClientMessage[])(
    "$type: encoded, parsed back equal",
    (message) => {
      expect(parseClientMessage(encodeMessage(message))).toEqual({ ok: true, message });
    },
  );
});

describe("frame encoders", () => {
  it("encode a data entry column by column, values re-rounded from float32", () => {
    expect(encodeEntry(entry, decimals)).toBe(
      '{"device":"thermo-001","seq":3,"t":[1000,1100,1200],' +
        '"values":{"temperature":[21.37,-3.05,0.1],"humidity":[40,40.5,41.2]}}',
    );
  });

  it("encode a sub-range of the ring, across its wrap", () => {
    const ring = ringOf(entry, decimals, 4);
    expect(encodeDataEntry('"d"', ['"a"', '"b"'], ring, 4, 5)).toBe(
      '{"device":"d","seq":4,"t":[1100,1200],"values":{"a":[-3.05,0.1],"b":[40.5,41.2]}}',
    );
  });

  it("encode data, latest, gap and welcome frames exactly", () => {
    expect(encodeDataFrame(["{}", "{}"])).toBe('{"type":"data","batch":[{},{}]}');
    expect(encodeDataFrame(["{}"], true)).toBe('{"type":"data","batch":[{}],"replay":true}');
    expect(encodeDataFrame([])).toBe('{"type":"data","batch":[]}');
    expect(encodeLatest(5, ["{}"], "q")).toBe('{"type":"latest","id":"q","at":5,"batch":[{}]}');
    expect(encodeLatest(5, [])).toBe('{"type":"latest","at":5,"batch":[]}');
    expect(encodeGap('"d"', 1, 2)).toBe('{"type":"gap","device":"d","fromSeq":1,"toSeq":2}');
    expect(encodeWelcome({ session: "s", serverTime: 3, source }, "[]")).toBe(
      `{"type":"welcome","protocol":${PROTOCOL_VERSION},"session":"s","serverTime":3,` +
        `"source":${JSON.stringify(source)},"fleet":[]}`,
    );
  });
});
