/** The device kinds the mock fleet can simulate, by kind name. */
import type { DeviceKind } from "../../../src/protocol/messages";
import { createMeter } from "./meter";
import type { DeviceFactory } from "./model";
import { createThermostat } from "./thermostat";
import { createVehicle } from "./vehicle";
import { createWearable } from "./wearable";

/** Every kind, in the order fleets list them. */
export { DEVICE_KINDS } from "../../../src/protocol/constants";
export type { DeviceFactory, DeviceModel, MetricSpec } from "./model";

/** Builds a device model of each kind. */
export const DEVICE_FACTORIES: Record<DeviceKind, DeviceFactory> = {
  thermostat: createThermostat,
  vehicle: createVehicle,
  wearable: createWearable,
  meter: createMeter,
};

/** Prefix of device ids per kind: `thermo-001`, `vehicle-001`, ... */
export const ID_PREFIX: Record<DeviceKind, string> = {
  thermostat: "thermo",
  vehicle: "vehicle",
  wearable: "wearable",
  meter: "meter",
};
