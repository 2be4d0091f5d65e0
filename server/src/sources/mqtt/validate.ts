/**
 * Validation of everything a device publishes, at the edge, once. Each check returns the value
 * or a `Rejection` whose `reason` is the label counted in `/metrics` and whose `detail` says what
 * was wrong in words, for the log.
 */
import { z } from "zod";
import type { CommandResultMessage, DeviceState, ErrorCode } from "../../../../src/protocol";
import { DEVICE_KINDS } from "../../../../src/protocol/constants";
import type { MetricSpec } from "../../fleet";

/** Why a message from the broker was refused; the values of `fleet_mqtt_rejected_total{reason}`. */
export type RejectReason =
  | "bad_topic"
  | "bad_json"
  | "bad_info"
  | "bad_status"
  | "bad_state"
  | "bad_telemetry"
  | "bad_response"
  | "unknown_device"
  | "unknown_metric"
  | "missing_metric"
  | "bad_value"
  | "out_of_range"
  | "out_of_order"
  | "device_offline"
  | "info_changed"
  | "too_many_devices"
  | "flood";

/** A refused message (or sample): the reason label and what was wrong. */
export interface Rejection {
  reason: RejectReason;
  detail: string;
}

/** Result of a check. */
export type Checked<T> = { ok: true; value: T } | ({ ok: false } & Rejection);

const reject = (reason: RejectReason, detail: string): { ok: false } & Rejection => ({
  ok: false,
  reason,
  detail,
});

/** How far ahead of the server's clock a sample time may be, ms. */
export const MAX_CLOCK_AHEAD_MS = 5 * 60_000;

const text = (max: number) => z.string().min(1).max(max);
const argSchema = z.union([
  z.object({
    type: z.literal("number"),
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    unit: z.string().max(32).optional(),
    step: z.number().positive().finite().optional(),
  }),
  z.object({ type: z.literal("boolean") }),
  z.object({ type: z.literal("enum"), values: z.array(text(64)).min(1).max(64) }),
]);
const stateSchema = z.record(text(64), z.union([z.number().finite(), z.boolean(), z.string().max(256)]));

const metricSchema = z
  .object({
    key: text(64),
    label: text(100),
    unit: z.string().max(32),
    min: z.number().finite(),
    max: z.number().finite(),
    warnLow: z.number().finite().optional(),
    warnHigh: z.number().finite().optional(),
    decimals: z.number().int().min(0).max(6).optional(),
  })
  .refine((metric) => metric.min < metric.max, { message: "min must be below max" });

/** Schema of `fleet/<device>/info` (fields not listed are ignored). */
export const deviceInfoSchema = z.object({
  kind: z.enum(DEVICE_KINDS),
  name: text(200),
  rate: z.number().gt(0).max(1000).default(1),
  metrics: z
    .array(metricSchema)
    .min(1)
    .max(64)
    .refine((metrics) => new Set(metrics.map((m) => m.key)).size === metrics.length, {
      message: "metric keys must be unique",
    }),
  commands: z
    .array(
      z.object({
        name: text(64),
        label: text(100),
        args: z.record(text(64), argSchema).default({}),
        confirm: z.boolean().optional(),
      }),
    )
    .max(64)
    .default([]),
});

/** A device's announcement, validated. */
export type RemoteInfo = z.infer<typeof deviceInfoSchema>;

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue?.path.map(String).join(".") ?? "";
  return `${path ? `field "${path}": ` : ""}${issue?.message ?? "invalid"}`;
}

/** Parses a payload as JSON. */
export function parseJson(payload: Buffer): Checked<unknown> {
  try {
    return { ok: true, value: JSON.parse(payload.toString("utf8")) };
  } catch (error) {
    return reject("bad_json", `not JSON (${(error as Error).message.split("\n")[0]})`);
  }
}

/** Checks an info payload. */
export function checkInfo(value: unknown): Checked<RemoteInfo> {
  const result = deviceInfoSchema.safeParse(value);
  return result.success ? { ok: true, value: result.data } : reject("bad_info", describe(result.error));
}

/** Checks a status payload, `{"online": bool}`. */
export function checkStatus(value: unknown): Checked<boolean> {
  const result = z.object({ online: z.boolean() }).safeParse(value);
  return result.success
    ? { ok: true, value: result.data.online }
    : reject("bad_status", describe(result.error));
}

/** Checks a state payload: an object of numbers, booleans and strings. */
export function checkState(value: unknown): Checked<DeviceState> {
  const result = stateSchema.safeParse(value);
  if (!result.success) return reject("bad_state", describe(result.error));
  if (Object.keys(result.data).length > 64) return reject("bad_state", "more than 64 state fields");
  return { ok: true, value: result.data };
}

/**
 * Checks one telemetry entry `{"t", "values"}` against a device's metrics and its last sample
 * time. Returns the values in metric order.
 */
export function checkSample(
  entry: unknown,
  metrics: readonly MetricSpec[],
  lastTime: number,
  now: number,
): Checked<{ time: number; values: number[] }> {
  if (typeof entry !== "object" || entry === null || Array.isArray(entry))
    return reject("bad_telemetry", 'expected {"t": epochMs, "values": {...}}');
  const { t, values } = entry as { t?: unknown; values?: unknown };
  if (typeof t !== "number" || !Number.isFinite(t) || t <= 0)
    return reject("bad_telemetry", `field "t" must be epoch milliseconds, got ${JSON.stringify(t)}`);
  if (typeof values !== "object" || values === null || Array.isArray(values))
    return reject("bad_telemetry", 'field "values" must be an object of metric: number');
  for (const key of Object.keys(values)) {
    if (!metrics.some((metric) => metric.key === key))
      return reject(
        "unknown_metric",
        `unknown metric "${key}" (declared: ${metrics.map((m) => m.key).join(", ")})`,
      );
  }
  const out: number[] = [];
  for (const metric of metrics) {
    const value = (values as Record<string, unknown>)[metric.key];
    if (value === undefined) return reject("missing_metric", `metric "${metric.key}" missing`);
    if (typeof value !== "number" || !Number.isFinite(value))
      return reject(
        "bad_value",
        `metric "${metric.key}" must be a finite number, got ${JSON.stringify(value)}`,
      );
    if (value < metric.min || value > metric.max)
      return reject(
        "out_of_range",
        `metric "${metric.key}" must be from ${metric.min} to ${metric.max}, got ${value}`,
      );
    out.push(value);
  }
  if (t <= lastTime)
    return reject("out_of_order", `sample time ${t} is not after the previous one (${lastTime})`);
  if (t > now + MAX_CLOCK_AHEAD_MS)
    return reject("out_of_order", `sample time ${t} is ${t - now} ms in the future`);
  return { ok: true, value: { time: t, values: out } };
}

/** Codes a device may answer a command with; anything else becomes `device_error`. */
const DEVICE_CODES: readonly ErrorCode[] = [
  "device_error",
  "device_offline",
  "expired",
  "invalid_args",
  "unknown_command",
  "id_conflict",
];

const responseSchema = z.union([
  z.object({ ok: z.literal(true), state: stateSchema.optional() }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: text(64), message: z.string().max(1000) }),
  }),
]);

/** Turns a device's answer into the `commandResult` for command `id`. */
export function checkResponse(value: unknown, id: string): Checked<CommandResultMessage> {
  const result = responseSchema.safeParse(value);
  if (!result.success) return reject("bad_response", describe(result.error));
  const answer = result.data;
  if (answer.ok)
    return {
      ok: true,
      value: answer.state
        ? { type: "commandResult", id, ok: true, state: answer.state }
        : { type: "commandResult", id, ok: true },
    };
  const known = DEVICE_CODES.includes(answer.error.code as ErrorCode);
  const code = (known ? answer.error.code : "device_error") as ErrorCode;
  const message = known ? answer.error.message : `${answer.error.code}: ${answer.error.message}`;
  return { ok: true, value: { type: "commandResult", id, ok: false, error: { code, message } } };
}
