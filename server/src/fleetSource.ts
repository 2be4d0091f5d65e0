/**
 * Where the gateway's devices come from. A fleet source announces devices, their samples, their
 * status and state through a `FleetSink`, and runs the commands the gateway has checked. Two
 * implement it: the MQTT source (real devices on a broker, `sources/mqtt/`) and the simulator
 * (`mock-server/`). The gateway knows only this interface.
 */
import type { Registry } from "prom-client";
import type { CommandMessage, CommandResultMessage, SourceStatus } from "../../src/protocol/messages";
import type { DeviceSpec, FleetDevice } from "./fleet";

/** What a source tells the gateway. */
export interface FleetSink {
  /** Adds a device; dashboards connected now hear about it (`deviceAdded`). */
  add(spec: DeviceSpec): FleetDevice;
  /** Records one sample, values in the device's metric order (copied; the array may be reused). */
  record(device: FleetDevice, time: number, values: readonly number[]): void;
  /** The device went online or offline at `at`. */
  setOnline(device: FleetDevice, online: boolean, at: number): void;
  /**
   * Writes a sample of the past straight to the history store (a backfill), without live
   * delivery; the gateway loads the newest of them into memory before it serves. No-op without
   * a store. Call `flushPast` now and then: the store's write buffer is bounded.
   */
  recordPast(device: FleetDevice, time: number, values: readonly number[]): void;
  /** Resolves once every past sample recorded so far is committed. */
  flushPast(): Promise<void>;
  /**
   * Every past sample before `time` is recorded (a backfill writing device by device): commits
   * them, and keeps the store's rollups and compaction behind `time` until the next call, so a
   * device already written further is not rolled up before the others (`HistoryStore.pastComplete`).
   * `undefined` when the backfill is done. No-op without a store.
   */
  pastComplete(time: number | undefined): Promise<void>;
  /** The device was retired at the source (an MQTT device cleared its retained `info`). */
  retired?(device: FleetDevice, at: number): void;
  /** The source changed `device.state` in place. */
  stateChanged(device: FleetDevice): void;
  /** The source itself connected or disconnected (a broker). */
  sourceChanged(status: SourceStatus): void;
  /** Epoch ms now, on the gateway's clock. */
  now(): number;
  /** The gateway's `/metrics` registry, for the source's own metrics. */
  registry: Registry;
  /** Id of this gateway run (`welcome.session`). */
  session: string;
}

/** Receives the one result of a command. */
export type ResultListener = (result: CommandResultMessage) => void;

/** A source of devices for the gateway. */
export interface FleetSource {
  /** Starts feeding `sink`; resolves once the initial fleet is announced (or given up on). */
  start(sink: FleetSink): Promise<void>;
  /** Called on every fleet tick before frames are built: produce the samples due by `now`. */
  tick?(now: number): void;
  /**
   * Runs a command the gateway already checked (device known and online, arguments valid) and
   * calls `done` exactly once, including with `timeout` or `device_offline` when it cannot.
   */
  execute(device: FleetDevice, command: CommandMessage, done: ResultListener): void;
  /** For `welcome.source` and the `source` message. */
  status(): SourceStatus;
  /** Extra fields for `/healthz` (MQTT: the broker), and whether the source is healthy. */
  health?(): { ok: boolean; source: object };
  close(): Promise<void>;
}
