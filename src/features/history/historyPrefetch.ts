/**
 * Starts a device view's history request while its code is still downloading: the route asks as
 * soon as it is shown, and the view adopts the answer when it asks for the same device and span
 * at about the same width. Half of opening a long window is otherwise spent waiting in line.
 */
import { type HistoryRequest, startHistoryRequest } from "./historyRequest";

interface Pending {
  device: string;
  /** The window length (ms) for a span ending now, or the fixed range as `from-to`. */
  span: string;
  points: number;
  at: number;
  /** The bare response: the view's chunk reads and checks it (`readHistoryResponse`). */
  response: Promise<Response>;
}

let pending: Pending | undefined;

/** An answer started longer ago than this is not adopted (the live edge has moved on). */
const MAX_AGE_MS = 10_000;

/** The span key: a fixed range, or a window length ending now. */
export function spanKey(range: { from: number; to: number } | undefined, windowMs: number): string {
  return range ? `${range.from}-${range.to}` : `w${windowMs}`;
}

/** About the chart's width before the view is laid out: the charts column of the device view. */
export function estimatedPoints(viewportWidth: number): number {
  return Math.max(50, Math.round((viewportWidth * 0.55) / 50) * 50);
}

/** Starts the request now; a failure is left for the view to report when it adopts it. */
export function prefetchHistory(request: HistoryRequest & { span: string }, now = Date.now()): void {
  const response = startHistoryRequest(request);
  response.catch(() => undefined);
  pending = { device: request.device, span: request.span, points: request.points, at: now, response };
}

/** The prefetched answer for this device and span when `points` is near the one asked; taken once. */
export function takePrefetched(
  device: string,
  span: string,
  points: number,
  now = Date.now(),
): Promise<Response> | undefined {
  const p = pending;
  if (!p || p.device !== device || p.span !== span || now - p.at > MAX_AGE_MS) return undefined;
  if (points < p.points * 0.6 || points > p.points * 1.5) return undefined;
  pending = undefined;
  return p.response;
}
