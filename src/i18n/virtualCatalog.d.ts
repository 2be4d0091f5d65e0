/** A catalogue compiled at build time (scripts/compiledCatalogs.ts). */
declare module "virtual:catalog/*" {
  const messages: import("@lingui/core").Messages;
  export default messages;
}
