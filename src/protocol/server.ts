/**
 * The protocol module as the server uses it: everything in the browser barrel, plus the zod
 * parser of client messages and its schemas, and the encoders of high-rate frames.
 */

export {
  encodeDataEntry,
  encodeDataFrame,
  encodeFleet,
  encodeGap,
  encodeLatest,
  encodeWelcome,
  type SampleRing,
  type WelcomeFields,
} from "./encode";
export * from "./index";
export { CLIENT_SCHEMAS, parseClientMessage } from "./parseClient";
