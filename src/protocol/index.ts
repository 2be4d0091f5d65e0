/**
 * The protocol module as the browser uses it: constants, message types, `encodeMessage` and the
 * zod-free `parseServerMessage`. Nothing reachable from here imports zod or Node; the server's
 * side (client parser and schemas, frame encoders) is in `./server`.
 */
export * from "./access";
export * from "./constants";
export { encodeMessage } from "./encode";
export type * from "./messages";
export { parseServerMessage } from "./parseServer";
