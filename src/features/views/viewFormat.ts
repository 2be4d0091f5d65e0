/**
 * The saved view's JSON format (docs/VIEWS.md), read by the server when a view is saved or
 * imported and by the dashboard before it sends an import: one set of checks, each refusal
 * naming the field. No React, no Node: both sides import it.
 */

/** The format's name in an exported file, and its version (bumped on an incompatible change). */
export const VIEW_FORMAT = "fleet-dashboard/view";
export const VIEW_VERSION = 1;

export const VIEW_KINDS = ["overview", "device", "compare"] as const;
export type ViewKind = (typeof VIEW_KINDS)[number];

export const MAX_NAME = 100;
export const MAX_STATE = 2000;

/** A view as the server keeps it (`GET /api/views`). */
export interface SavedView {
  id: string;
  name: string;
  /** The user who saved it. */
  owner: string;
  kind: ViewKind;
  /** The page's hash route, e.g. `#/compare?s=thermo-001:temperature&window=1h`. */
  state: string;
  /** The format version the view was saved in. */
  version: number;
  createdAt: number;
  updatedAt: number;
}

/** What a save, an update or an import sends: the parts of a view its author chooses. */
export interface ViewDraft {
  name: string;
  kind: ViewKind;
  state: string;
}

/** An exported view file. */
export interface ViewFile extends ViewDraft {
  format: typeof VIEW_FORMAT;
  version: number;
}

/** A view (or file) refused: `field` names what is wrong, `message` says it in words. */
export class ViewFormatError extends Error {
  constructor(
    readonly code: "bad_request" | "unknown_device",
    readonly field: string,
    message: string,
    /** What is wrong, as a key the UI has words for (`views.format.<problem>`); the wire keeps `message`. */
    readonly problem = "",
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${field}: ${message}`);
    this.name = "ViewFormatError";
  }
}

const PATHS: Record<ViewKind, RegExp> = {
  overview: /^#\/(\?.*)?$/,
  device: /^#\/devices\/([^/?]+)(\?.*)?$/,
  compare: /^#\/compare(\?.*)?$/,
};

/** The device ids a view's state names (the device view's device, the compared series' devices). */
export function viewDevices(kind: ViewKind, state: string): string[] {
  if (kind === "device") {
    const id = PATHS.device.exec(state)?.[1];
    try {
      return id ? [decodeURIComponent(id)] : [];
    } catch {
      return [];
    }
  }
  if (kind !== "compare") return [];
  const query = new URLSearchParams(state.split("?")[1] ?? "");
  return [...new Set(query.getAll("s").map((s) => s.slice(0, Math.max(0, s.lastIndexOf(":")))))].filter(
    Boolean,
  );
}

/** The kind of page a hash route shows, or undefined for one no view can hold. */
export function kindOfState(state: string): ViewKind | undefined {
  return VIEW_KINDS.find((kind) => PATHS[kind].test(state));
}

/**
 * Checks a draft (a save or an update: name, kind, state) or an exported file (with `format` and
 * `version`, when `file` is true). Throws ViewFormatError naming the first wrong field, or
 * `unknown_device` naming a device `hasDevice` does not know.
 */
export function readViewDraft(value: unknown, hasDevice: (id: string) => boolean, file = false): ViewDraft {
  const bad = (
    field: string,
    message: string,
    problem: string,
    params: Record<string, string | number> = {},
  ) => new ViewFormatError("bad_request", field, message, problem, params);
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw bad("(view)", "expected a JSON object with name, kind and state", "notObject");
  const v = value as Record<string, unknown>;
  if (file) {
    if (v.format !== VIEW_FORMAT)
      throw bad("format", `expected "${VIEW_FORMAT}" (this is not a saved view)`, "format", {
        expected: VIEW_FORMAT,
      });
    if (typeof v.version !== "number" || !Number.isInteger(v.version) || v.version < 1)
      throw bad("version", "expected a whole number from 1", "version");
    if (v.version > VIEW_VERSION)
      throw bad("version", `${v.version} is newer than this dashboard reads (${VIEW_VERSION})`, "newer", {
        version: v.version,
        reads: VIEW_VERSION,
      });
  }
  if (typeof v.name !== "string" || v.name.trim() === "")
    throw bad("name", "expected a non-empty string", "name");
  if (v.name.length > MAX_NAME)
    throw bad("name", `at most ${MAX_NAME} characters`, "tooLong", { max: MAX_NAME });
  if (!VIEW_KINDS.includes(v.kind as ViewKind))
    throw bad("kind", `expected one of ${VIEW_KINDS.join(", ")}`, "kind", { kinds: VIEW_KINDS.join(", ") });
  const kind = v.kind as ViewKind;
  if (typeof v.state !== "string")
    throw bad("state", 'expected the page\'s address, a string such as "#/compare?..."', "state");
  if (v.state.length > MAX_STATE)
    throw bad("state", `at most ${MAX_STATE} characters`, "tooLong", { max: MAX_STATE });
  if (!PATHS[kind].test(v.state))
    throw bad("state", `"${v.state}" is not the address of a ${kind} page`, "notPage", {
      state: v.state,
      kind,
    });
  if (kind === "compare" && viewDevices(kind, v.state).length === 0)
    throw bad("state", "a comparison names at least one series (s=DEVICE:METRIC)", "noSeries");
  for (const id of viewDevices(kind, v.state))
    if (!hasDevice(id))
      throw new ViewFormatError(
        "unknown_device",
        "state",
        `no device "${id}" in this fleet`,
        "unknownDevice",
        {
          device: id,
        },
      );
  return { name: v.name.trim(), kind, state: v.state };
}

/** The file a view exports to (docs/VIEWS.md). */
export function viewFile(view: ViewDraft): ViewFile {
  return { format: VIEW_FORMAT, version: VIEW_VERSION, name: view.name, kind: view.kind, state: view.state };
}
