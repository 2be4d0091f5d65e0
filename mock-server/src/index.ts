/** Public API of the mock fleet server, for running the fleet inside other projects' tests. */
export { type MockServerOptions, OptionError } from "./options";
export type { FleetSpec } from "./roster";
export { createMockServer, type MockServer } from "./server";
