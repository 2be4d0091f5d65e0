/**
 * The device view's client of `GET /api/history` (docs/PROTOCOL.md): builds the request, checks
 * the answer's shape once, and turns every refusal into a `HistoryError` with words a person can
 * read. No React here: the hook (useHistory) and the tests call it alike. The request itself is
 * in historyRequest.ts.
 */

import { t } from "../../i18n/i18n";
import { reportUnauthorized } from "../../ui/accessToken";
import { type HistoryRequest, startHistoryRequest } from "./historyRequest";

export { type HistoryRequest, historyUrl, MAX_POINTS } from "./historyRequest";

/** One metric's buckets, parallel to `HistoryAnswer.t`. */
export interface MetricBuckets {
  min: number[];
  max: number[];
  avg: number[];
  count: number[];
}

/** A checked answer of the history API. */
export interface HistoryAnswer {
  device: string;
  from: number;
  to: number;
  tier: "raw" | "1m" | "1h";
  /** Bucket width; 1 when the answer holds raw samples, one per bucket. */
  bucketMs: number;
  /** Bucket starts, ascending; a bucket without samples is left out (a gap). */
  t: number[];
  metrics: Record<string, MetricBuckets>;
}

/** A refused or failed request; `message` is meant for people. */
export class HistoryError extends Error {
  constructor(
    /** The API's error code (`store_unavailable`, ...), or `network` / `bad_answer`. */
    readonly code: string,
    message: string,
    readonly status = 0,
  ) {
    super(message);
    this.name = "HistoryError";
  }
}

const TIERS = ["raw", "1m", "1h"] as const;

function numbers(value: unknown, length: number, where: string): number[] {
  if (!Array.isArray(value) || value.length !== length || value.some((v) => typeof v !== "number"))
    throw new HistoryError("bad_answer", t("history.malformedNumbers", { where, length }));
  return value as number[];
}

/** Checks an answer's shape; throws `HistoryError("bad_answer")` naming the first wrong field. */
export function parseHistoryAnswer(body: unknown): HistoryAnswer {
  const bad = (field: string) => new HistoryError("bad_answer", t("history.malformedField", { field }));
  if (typeof body !== "object" || body === null) throw bad("(body)");
  const a = body as Record<string, unknown>;
  if (typeof a.device !== "string") throw bad("device");
  for (const field of ["from", "to", "bucketMs"] as const)
    if (typeof a[field] !== "number" || !Number.isFinite(a[field])) throw bad(field);
  if (!TIERS.includes(a.tier as (typeof TIERS)[number])) throw bad("tier");
  if ((a.bucketMs as number) < 1) throw bad("bucketMs");
  const starts = numbers(a.t, Array.isArray(a.t) ? a.t.length : -1, "t");
  for (let i = 1; i < starts.length; i++)
    if ((starts[i] as number) <= (starts[i - 1] as number)) throw bad("t (not ascending)");
  if (typeof a.metrics !== "object" || a.metrics === null) throw bad("metrics");
  const metrics: Record<string, MetricBuckets> = {};
  for (const [key, raw] of Object.entries(a.metrics as Record<string, unknown>)) {
    const m = (raw ?? {}) as Record<string, unknown>;
    metrics[key] = {
      min: numbers(m.min, starts.length, `${key}.min`),
      max: numbers(m.max, starts.length, `${key}.max`),
      avg: numbers(m.avg, starts.length, `${key}.avg`),
      count: numbers(m.count, starts.length, `${key}.count`),
    };
  }
  return {
    device: a.device,
    from: a.from as number,
    to: a.to as number,
    tier: a.tier as HistoryAnswer["tier"],
    bucketMs: a.bucketMs as number,
    t: starts,
    metrics,
  };
}

/** The sentence shown for a refusal, by the API's error code. */
export function refusalText(status: number, code: string, message: string): string {
  if (status === 503 || code === "store_unavailable") return t("history.storeDown");
  if (status === 401 || code === "unauthorized") return t("history.needsToken");
  if (status === 404 && code === "unknown_device") return t("history.noHistory");
  if (status === 400) return t("history.refused", { message: message || t("history.badRequest") });
  return t("history.answered", { status, detail: message ? ` (${message})` : "" });
}

/** Fetches one device's history; rejects with a `HistoryError` (or an `AbortError` when aborted). */
export function fetchHistory(
  request: HistoryRequest,
  fetchImpl: typeof fetch = fetch,
): Promise<HistoryAnswer> {
  return readHistoryResponse(startHistoryRequest(request, fetchImpl));
}

/** Reads a history request's response: the checked answer, or a `HistoryError` in words. */
export async function readHistoryResponse(pending: Promise<Response>): Promise<HistoryAnswer> {
  let response: Response;
  try {
    response = await pending;
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new HistoryError("network", t("history.unreachableServer"));
  }
  const json = (response.headers.get("content-type") ?? "").includes("json");
  const body: unknown = json ? await response.json().catch(() => undefined) : undefined;
  // The session ended or the token is no longer accepted: the access flow shows the sign-in page.
  if (response.status === 401) reportUnauthorized();
  if (!response.ok) {
    const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    const code = typeof error?.code === "string" ? error.code : `http_${response.status}`;
    const message = typeof error?.message === "string" ? error.message : "";
    throw new HistoryError(code, refusalText(response.status, code, message), response.status);
  }
  // An older server serves the dashboard's index.html for every unknown path.
  if (!json) throw new HistoryError("no_history_api", t("history.noHistoryApi"));
  return parseHistoryAnswer(body);
}
