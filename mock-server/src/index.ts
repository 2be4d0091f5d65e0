export { createMockServer, type MockServer, type MockServerOptions } from "./server";
