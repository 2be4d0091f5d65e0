/** Public API of the simulated fleet, for running it with a gateway inside other projects' tests. */
export { OptionError } from "../../server/src/options";
export { createMockServer, type MockServer } from "./mockServer";
export type { MockServerOptions } from "./options";
export type { FleetSpec } from "./roster";
