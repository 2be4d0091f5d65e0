/**
 * Encoders: the one place that turns protocol messages into wire text. `encodeMessage` serialises
 * any ordinary message. The others build the server's high-rate frames by string concatenation,
 * from pre-encoded parts and typed arrays, with no intermediate objects: their output is exactly
 * what `encodeMessage` would give for the same message (same fields, same order), which the
 * round-trip tests in encode.test.ts check against the parsers.
 */
import { PROTOCOL_VERSION } from "./constants";
import type {
  AccessInfo,
  ClientMessage,
  DeviceInfo,
  HistoryCapability,
  ServerMessage,
  SourceStatus,
} from "./messages";

/** Serialises a message for the wire. One place, so both sides agree on the encoding. */
export function encodeMessage(message: ClientMessage | ServerMessage): string {
  return JSON.stringify(message);
}

/**
 * The fleet as the JSON array `welcome.fleet` carries. Encode it once and share it between
 * connections until a device changes (`encodeWelcome` splices it in without re-encoding).
 */
export function encodeFleet(devices: readonly DeviceInfo[]): string {
  return JSON.stringify(devices);
}

/** The fields of `welcome` other than `type`, `protocol` (always `PROTOCOL_VERSION`) and `fleet`. */
export interface WelcomeFields {
  session: string;
  serverTime: number;
  source: SourceStatus;
  /** v1.2; left out when undefined. */
  history?: HistoryCapability | undefined;
  /** v1.5; left out when undefined. */
  access?: AccessInfo | undefined;
}

/**
 * A `welcome` frame: `{"type":"welcome","protocol":…,"session":…,"serverTime":…,"source":…,"history"?:…,"access"?:…,"fleet":…}`.
 * `fleetJson` is the output of `encodeFleet`, spliced in as it is.
 */
export function encodeWelcome(fields: WelcomeFields, fleetJson: string): string {
  const head = `{"type":"welcome","protocol":${PROTOCOL_VERSION},"session":${JSON.stringify(fields.session)}`;
  const history = fields.history === undefined ? "" : `,"history":${JSON.stringify(fields.history)}`;
  const access = fields.access === undefined ? "" : `,"access":${JSON.stringify(fields.access)}`;
  return `${head},"serverTime":${fields.serverTime},"source":${JSON.stringify(fields.source)}${history}${access},"fleet":${fleetJson}}`;
}

/**
 * Held samples of one device in a ring of typed arrays, addressed by seq: the sample with seq `s`
 * sits in slot `(s - 1) % capacity`; its time is `times[slot]` and its value of metric `m` is
 * `values[slot * factors.length + m]`.
 */
export interface SampleRing {
  readonly capacity: number;
  readonly times: Float64Array;
  readonly values: Float32Array | Float64Array;
  /**
   * Per metric, `10 ** decimals`. Every value is re-rounded to it on the way out, so values stored
   * as float32 are sent exactly as rounded when they were produced (`Math.round(v * f) / f`).
   */
  readonly factors: readonly number[];
}

/**
 * One columnar `DataEntry` (JSON text), samples `fromSeq..toSeq` (inclusive, all held in `ring`):
 * `{"device":…,"seq":fromSeq,"t":[…],"values":{"<key>":[…],…}}`. `quotedDevice` and `quotedKeys`
 * (one per metric, in `ring` order) are already JSON strings (`JSON.stringify(id)`), quoted once
 * per device rather than once per call: this runs for every device on every tick.
 */
export function encodeDataEntry(
  quotedDevice: string,
  quotedKeys: readonly string[],
  ring: SampleRing,
  fromSeq: number,
  toSeq: number,
): string {
  const { capacity, times: timeRing, values, factors } = ring;
  const width = factors.length;
  let times = "";
  for (let seq = fromSeq; seq <= toSeq; seq++) {
    times += (seq === fromSeq ? "" : ",") + timeRing[(seq - 1) % capacity];
  }
  let columns = "";
  for (let m = 0; m < width; m++) {
    const factor = factors[m] as number;
    let column = "";
    for (let seq = fromSeq; seq <= toSeq; seq++) {
      const value = Math.round((values[((seq - 1) % capacity) * width + m] as number) * factor) / factor;
      column += (seq === fromSeq ? "" : ",") + value;
    }
    columns += `${m === 0 ? "" : ","}${quotedKeys[m]}:[${column}]`;
  }
  return `{"device":${quotedDevice},"seq":${fromSeq},"t":[${times}],"values":{${columns}}}`;
}

/**
 * A `data` frame from entries encoded by `encodeDataEntry`: `{"type":"data","batch":[…]}`, with
 * `,"replay":true` before the closing brace when `replay` is set (history and resume replays).
 */
export function encodeDataFrame(entries: readonly string[], replay = false): string {
  return `{"type":"data","batch":[${entries.join(",")}]${replay ? ',"replay":true' : ""}}`;
}

/**
 * A `latest` frame from entries encoded by `encodeDataEntry`, one sample each:
 * `{"type":"latest","id":…,"at":…,"batch":[…]}`, `id` left out when undefined (the shared
 * once-a-second frames).
 */
export function encodeLatest(at: number, entries: readonly string[], id?: string): string {
  const head = id === undefined ? `{"type":"latest"` : `{"type":"latest","id":${JSON.stringify(id)}`;
  return `${head},"at":${at},"batch":[${entries.join(",")}]}`;
}

/**
 * A `gap` frame: `{"type":"gap","device":…,"fromSeq":…,"toSeq":…}`. `quotedDevice` is the
 * device id as a JSON string, as for `encodeDataEntry`.
 */
export function encodeGap(quotedDevice: string, fromSeq: number, toSeq: number): string {
  return `{"type":"gap","device":${quotedDevice},"fromSeq":${fromSeq},"toSeq":${toSeq}}`;
}
