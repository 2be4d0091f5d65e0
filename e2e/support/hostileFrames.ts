/**
 * Hostile frames for the fuzzing scenario, generated with fast-check: invalid JSON, JSON that is
 * not an object, unknown types, known types with wrong field types, huge numbers, deep nesting,
 * binary, oversize and invalid UTF-8. Each frame carries what the server must answer, worked out
 * here from the protocol's rules (not from the server's code):
 * - a frame the server can read but not accept: one `error` with code `bad_request`, echoing the
 *   frame's `id` when that is a string of 1 to 64 characters;
 * - over 64 KiB: close 1009; text that is not UTF-8: close 1007.
 */
import fc from "fast-check";
import { MAX_ID_LENGTH, MAX_PAYLOAD_BYTES } from "../../src/protocol/constants";
import { parseClientMessage } from "../../src/protocol/server";

export type Expectation = { kind: "error"; id: string | undefined } | { kind: "close"; code: number };

export interface HostileFrame {
  data: string | Buffer;
  /** Sent as a binary frame (otherwise text, even when `data` is a Buffer). */
  binary: boolean;
  expect: Expectation;
}

const KNOWN_TYPES = ["auth", "subscribe", "unsubscribe", "command", "ping"];

function echoedId(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const id = (value as { id?: unknown }).id;
  return typeof id === "string" && id.length >= 1 && id.length <= MAX_ID_LENGTH ? id : undefined;
}

/** The expectation for a text frame under the size cap. */
function expectationFor(text: string): Expectation {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: "error", id: undefined };
  }
  return { kind: "error", id: echoedId(value) };
}

function textFrame(text: string): HostileFrame {
  return { data: text, binary: false, expect: expectationFor(text) };
}

const anyId = fc.oneof(
  fc.string({ minLength: 1, maxLength: MAX_ID_LENGTH }),
  fc.string({ minLength: MAX_ID_LENGTH + 1, maxLength: 200 }),
  fc.constant(""),
  fc.integer(),
  fc.constant(null),
);

const wrongValue = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.string({ maxLength: 20 }),
  fc.double(),
  fc.constantFrom(null, true, [], {}, -1, 1.5, "", "*"),
);

/** Valid-looking messages of each type with one field (or more) given a wrong value. */
const wrongTypes = fc
  .record({
    type: fc.constantFrom(...KNOWN_TYPES),
    id: anyId,
    field: fc.constantFrom(
      "token",
      "devices",
      "history",
      "resume",
      "device",
      "name",
      "args",
      "deadline",
      "t",
    ),
    value: wrongValue,
    extra: fc.dictionary(fc.string({ maxLength: 8 }), wrongValue, { maxKeys: 3 }),
  })
  .map(({ type, id, field, value, extra }) => JSON.stringify({ ...extra, type, id, [field]: value }));

const unknownType = fc
  .record({
    type: fc.oneof(
      fc.string({ maxLength: 40 }).filter((type) => !KNOWN_TYPES.includes(type)),
      wrongValue,
    ),
    id: anyId,
  })
  .map((message) => JSON.stringify(message));

const notAnObject = fc
  .oneof(
    fc.jsonValue().filter((value) => typeof value !== "object" || value === null || Array.isArray(value)),
    fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
  )
  .map((value) => JSON.stringify(value));

const invalidJson = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ maxLength: 100 }).map((text) => `{"type":"ping","id":"x","t":1${text}`),
  fc.constantFrom("{", "}", "{'type':'ping'}", "NaN", "undefined", '{"type":"ping",}', "\u0000"),
);

const hugeNumber = fc
  .record({
    id: fc.string({ minLength: 1, maxLength: MAX_ID_LENGTH }),
    number: fc.constantFrom("1e400", "-1e400", "1e99999", `${"9".repeat(400)}`, "-0.5e-400e1"),
    where: fc.constantFrom("ping", "history", "resume", "deadline"),
  })
  .map(({ id, number, where }) => {
    const quoted = JSON.stringify(id);
    if (where === "ping") return `{"type":"ping","id":${quoted},"t":${number}}`;
    if (where === "history") return `{"type":"subscribe","id":${quoted},"devices":["*"],"history":${number}}`;
    if (where === "resume")
      return `{"type":"subscribe","id":${quoted},"devices":["x"],"resume":{"x":${number}}}`;
    return `{"type":"command","id":${quoted},"device":"x","name":"y","deadline":${number}}`;
  });

const deepNesting = fc
  .record({ depth: fc.integer({ min: 10, max: 10_000 }), shape: fc.constantFrom("array", "object", "field") })
  .map(({ depth, shape }) => {
    if (shape === "array") return `${"[".repeat(depth)}${"]".repeat(depth)}`;
    if (shape === "object") return `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
    return `{"type":"subscribe","id":"deep","devices":${"[".repeat(depth)}${"]".repeat(depth)}}`;
  });

/** Frames the server must answer with one `bad_request` error each, keeping the connection. */
export const answeredFrame: fc.Arbitrary<HostileFrame> = fc
  .oneof(
    { arbitrary: wrongTypes.map(textFrame), weight: 4 },
    { arbitrary: unknownType.map(textFrame), weight: 2 },
    { arbitrary: notAnObject.map(textFrame), weight: 1 },
    { arbitrary: invalidJson.map(textFrame), weight: 2 },
    { arbitrary: hugeNumber.map(textFrame), weight: 1 },
    { arbitrary: deepNesting.map(textFrame), weight: 1 },
    {
      arbitrary: fc.uint8Array({ maxLength: 512 }).map(
        (bytes): HostileFrame => ({
          data: Buffer.from(bytes),
          binary: true,
          expect: { kind: "error", id: undefined },
        }),
      ),
      weight: 1,
    },
  )
  .filter((frame) => frame.binary || !parseClientMessage(String(frame.data)).ok);

/** Frames after which the server must close the connection, with the code it must use. */
export const closingFrame: fc.Arbitrary<HostileFrame> = fc.oneof(
  fc.integer({ min: MAX_PAYLOAD_BYTES + 1, max: MAX_PAYLOAD_BYTES * 4 }).map(
    (size): HostileFrame => ({
      data: `{"type":"ping","id":"big","t":1,"pad":"${"x".repeat(size)}"}`,
      binary: false,
      expect: { kind: "close", code: 1009 },
    }),
  ),
  fc.uint8Array({ minLength: 1, maxLength: 64 }).map(
    (bytes): HostileFrame => ({
      // 0xff never occurs in UTF-8, so this text frame is invalid whatever surrounds it.
      data: Buffer.concat([
        Buffer.from('{"type":"ping","id":"'),
        Buffer.from(bytes),
        Buffer.from([0xff]),
        Buffer.from('"}'),
      ]),
      binary: false,
      expect: { kind: "close", code: 1007 },
    }),
  ),
);
