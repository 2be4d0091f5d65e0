export * from "./constants";
export type * from "./messages";
export * from "./parse";
