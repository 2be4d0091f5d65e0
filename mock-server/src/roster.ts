/**
 * Which devices the fleet has: ids, kinds, human names and rates, from the default mix,
 * `--devices N` or a `--fleet` spec. Deterministic by seed.
 */
import { z } from "zod";
import type { DeviceKind } from "../../src/protocol/messages";
import { DEVICE_KINDS, ID_PREFIX } from "./devices";
import { createRng, type Rng } from "./rng";

/** One device to simulate. */
export interface RosterEntry {
  id: string;
  kind: DeviceKind;
  name: string;
  /** Samples per second. */
  rate: number;
}

const MAX_RATE = 1000;
const MAX_COUNT = 100_000;

const kindSpec = z.union([
  z.number().int().min(0).max(MAX_COUNT),
  z
    .object({
      count: z.number().int().min(0).max(MAX_COUNT),
      rate: z.number().gt(0).max(MAX_RATE).optional(),
    })
    .strict(),
]);

/** Schema of a `--fleet` file: counts per kind (or `{count, rate}`), and a default rate. */
export const fleetSpecSchema = z
  .object({
    rate: z.number().gt(0).max(MAX_RATE).optional(),
    thermostat: kindSpec.optional(),
    vehicle: kindSpec.optional(),
    wearable: kindSpec.optional(),
    meter: kindSpec.optional(),
  })
  .strict();

/** A parsed fleet spec, as in a `--fleet` file. */
export type FleetSpec = z.infer<typeof fleetSpecSchema>;

/** Shares of the default mix: 5 thermostats, 4 vehicles, 3 wearables, 4 meters per 16 devices. */
const MIX: Record<DeviceKind, number> = { thermostat: 5, vehicle: 4, wearable: 3, meter: 4 };
/** Devices in the default fleet. */
export const DEFAULT_DEVICE_COUNT = 16;

const ROOMS = [
  "Living room",
  "Bedroom",
  "Kitchen",
  "Office",
  "Server room",
  "Greenhouse",
  "Nursery",
  "Basement",
  "Lobby",
  "Conference room",
  "Workshop",
  "Attic",
];
const VEHICLES = ["Delivery van", "Delivery van", "Service truck", "Company car", "Refrigerated truck"];
const PEOPLE = [
  "Ana",
  "Ben",
  "Chloé",
  "Dev",
  "Emma",
  "Farid",
  "Grace",
  "Hiro",
  "Ines",
  "Jonas",
  "Kofi",
  "Lena",
];
const SITES = [
  "Main building",
  "Workshop",
  "Warehouse",
  "Cafeteria",
  "Data center",
  "EV charging",
  "Apartment 3B",
];

function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** Cycles through shuffled base names, numbering the second round on ("Kitchen thermostat 2"). */
function uniqueNames(
  count: number,
  bases: readonly string[],
  rng: Rng,
  format: (base: string) => string,
): string[] {
  const order = shuffled(bases, rng);
  return Array.from({ length: count }, (_, i) => {
    const round = Math.floor(i / order.length);
    const name = format(order[i % order.length] as string);
    return round === 0 ? name : `${name} ${round + 1}`;
  });
}

function vehicleNames(count: number, rng: Rng): string[] {
  const seen = new Map<string, number>();
  return Array.from({ length: count }, () => {
    const type = rng.pick(VEHICLES);
    const n = (seen.get(type) ?? 0) + 1;
    seen.set(type, n);
    return `${type} ${n}`;
  });
}

function namesFor(kind: DeviceKind, count: number, rng: Rng): string[] {
  switch (kind) {
    case "thermostat":
      return uniqueNames(count, ROOMS, rng, (room) => `${room} thermostat`);
    case "vehicle":
      return vehicleNames(count, rng);
    case "wearable":
      return uniqueNames(count, PEOPLE, rng, (person) => `${person}'s watch`);
    case "meter":
      return uniqueNames(count, SITES, rng, (site) => `${site} meter`);
  }
}

/** Splits `total` devices across the kinds in the default proportions (largest remainder). */
export function spreadCounts(total: number): Record<DeviceKind, number> {
  const weight = DEFAULT_DEVICE_COUNT;
  const counts = { thermostat: 0, vehicle: 0, wearable: 0, meter: 0 };
  const remainders: [DeviceKind, number][] = [];
  for (const kind of DEVICE_KINDS) {
    const exact = (total * MIX[kind]) / weight;
    counts[kind] = Math.floor(exact);
    remainders.push([kind, exact - counts[kind]]);
  }
  let left = total - DEVICE_KINDS.reduce((sum, kind) => sum + counts[kind], 0);
  remainders.sort((a, b) => b[1] - a[1]);
  for (const [kind] of remainders) {
    if (left-- <= 0) break;
    counts[kind]++;
  }
  return counts;
}

function padId(n: number): string {
  return String(n).padStart(3, "0");
}

/** Builds the roster. `spec` wins over `devices`; without either, the default mix of 16. */
export function buildRoster(options: {
  seed: number;
  rate: number;
  devices?: number;
  spec?: FleetSpec;
}): RosterEntry[] {
  const { seed, spec } = options;
  const roster: RosterEntry[] = [];
  const counts = spec ? undefined : spreadCounts(options.devices ?? DEFAULT_DEVICE_COUNT);
  for (const kind of DEVICE_KINDS) {
    const entry = spec?.[kind];
    const count = counts ? counts[kind] : typeof entry === "number" ? entry : (entry?.count ?? 0);
    const rate = (typeof entry === "object" ? entry.rate : undefined) ?? spec?.rate ?? options.rate;
    const names = namesFor(kind, count, createRng(seed, `names:${kind}`));
    for (let i = 0; i < count; i++) {
      roster.push({ id: `${ID_PREFIX[kind]}-${padId(i + 1)}`, kind, name: names[i] as string, rate });
    }
  }
  return roster;
}
