/**
 * The simulator as the gateway's fleet source: it adds every simulated device to the gateway,
 * produces their samples on each gateway tick, and runs their commands with simulated latency
 * and failures. `alsoTo` lets the MQTT publisher see the same output (`--publish` while the
 * gateway serves the simulator directly).
 */

import type { FleetDevice } from "../../server/src/fleet";
import type { FleetSink, FleetSource, ResultListener } from "../../server/src/fleetSource";
import { PAST_RUN_MS } from "../../server/src/store/historyStore";
import type { CommandMessage, SourceStatus } from "../../src/protocol/messages";
import type { SimCommands } from "./simCommands";
import type { SimDevice, SimFleet, SimSink } from "./simFleet";

/** Simulated time per step of a backfill (within the fleet's 5 s catch-up limit). */
const BACKFILL_STEP_MS = 1000;
/** Samples simulated between two yields to the event loop during a backfill. */
const BACKFILL_YIELD_SAMPLES = 4_000;
/**
 * Samples after which a backfill commits, at the next device's start (a few MB of the store's
 * bounded write buffer), or within a device past twice as many (a fast device's 6 hours).
 */
const BACKFILL_COMMIT_SAMPLES = 100_000;

/** A `FleetSource` backed by the simulated fleet. */
export class SimulatorSource implements FleetSource {
  /** The gateway's device for each simulated one. */
  private readonly served = new Map<SimDevice, FleetDevice>();
  private sink: FleetSink | undefined;
  /** Called after each tick's samples went out (the publisher publishes them then). */
  onTickEnd: (() => void) | undefined;
  private readonly toGateway: SimSink;

  /**
   * @param backfill whether the fleet's start lies in the past on purpose (`--backfill`): `start`
   *   then runs it up to now into the store. Otherwise the first ticks catch up as usual.
   */
  constructor(
    readonly fleet: SimFleet,
    private readonly commands: SimCommands,
    private readonly alsoTo?: SimSink,
    private readonly backfillPast = false,
  ) {
    this.toGateway = {
      sample: (device, time, values) => {
        this.sink?.record(this.servedOf(device), time, values);
        this.alsoTo?.sample(device, time, values);
      },
      status: (device, online, at) => {
        this.sink?.setOnline(this.servedOf(device), online, at);
        this.alsoTo?.status(device, online, at);
      },
      state: (device) => {
        this.sink?.stateChanged(this.servedOf(device));
        this.alsoTo?.state(device);
      },
    };
  }

  /** What simulated output goes through: the gateway first, then `alsoTo`. */
  get output(): SimSink {
    return this.toGateway;
  }

  private servedOf(device: SimDevice): FleetDevice {
    return this.served.get(device) as FleetDevice;
  }

  async start(sink: FleetSink): Promise<void> {
    this.sink = sink;
    for (const device of this.fleet.devices) this.served.set(device, sink.add(specOf(device)));
    if (this.backfillPast) await this.backfill(sink);
  }

  /**
   * Runs the simulation from its start (in the past) up to now, writing what it produces to the
   * store: the same physics and seed as live, so a backfilled day continues seamlessly into live
   * data. Device by device within each of the store's `PAST_RUN_MS` periods, so each series
   * lands as one run in time order, as compaction would sort it: the store then keeps the rows
   * as written instead of rewriting them, whose first copy stayed in the data dir as free blocks
   * (3.97 B a raw value after a day of 200 devices, docs/STORAGE.md). `pastComplete` after each
   * period keeps the rollups behind the devices not yet written. Commits every
   * `BACKFILL_COMMIT_SAMPLES` or so, as the store's write buffer is bounded.
   */
  private async backfill(sink: FleetSink): Promise<void> {
    let unflushed = 0;
    let sinceYield = 0;
    const past: SimSink = {
      sample: (device, time, values) => {
        sink.recordPast(this.servedOf(device), time, values);
        unflushed++;
        sinceYield++;
      },
      status: () => {},
      state: () => {},
    };
    const until = sink.now();
    // One chunk commits while the next is simulated: the loop yields now and then so the store's
    // commit (round trips to its engine) runs meanwhile, and waits only for the chunk before.
    let committing: Promise<void> = Promise.resolve();
    const commit = async () => {
      await committing;
      committing = sink.flushPast();
      unflushed = 0;
    };
    // One device through `[from, to)`, up to its last millisecond: its samples, none of the next period's.
    const simulate = async (device: SimDevice, from: number, to: number) => {
      for (let at = from; at < to - 1; ) {
        at = Math.min(at + BACKFILL_STEP_MS, to - 1);
        this.fleet.advance(device, at, past);
        if (unflushed >= 2 * BACKFILL_COMMIT_SAMPLES) await commit();
        if (sinceYield >= BACKFILL_YIELD_SAMPLES) {
          sinceYield = 0;
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      }
    };
    await sink.pastComplete(this.fleet.startedAt);
    for (let from = this.fleet.startedAt; from < until; ) {
      const to = Math.min(until, from - (from % PAST_RUN_MS) + PAST_RUN_MS);
      for (const device of this.fleet.devices) {
        if (unflushed >= BACKFILL_COMMIT_SAMPLES) await commit();
        await simulate(device, from, to);
      }
      await committing;
      await sink.pastComplete(to);
      unflushed = 0;
      from = to;
    }
    await sink.pastComplete(undefined);
    for (const [device, served] of this.served) sink.setOnline(served, device.online, until);
  }

  tick(now: number): void {
    this.fleet.tick(now, this.toGateway);
    this.onTickEnd?.();
  }

  execute(device: FleetDevice, command: CommandMessage, done: ResultListener): void {
    this.commands.run(this.fleet.byId.get(device.id) as SimDevice, command, done);
  }

  status(): SourceStatus {
    return { kind: "simulator", connected: true, since: this.fleet.startedAt };
  }

  async close(): Promise<void> {
    this.commands.close();
  }
}

function specOf(device: SimDevice) {
  const { model } = device;
  return {
    id: device.id,
    kind: device.kind,
    name: device.name,
    rate: device.rate,
    metrics: model.metrics,
    commands: model.commands,
    state: model.state,
    online: device.online,
  };
}
