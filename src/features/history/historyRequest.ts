/**
 * The bare `GET /api/history` request: its URL and the fetch. Kept apart from the answer's checks
 * (historyClient.ts) so the route can start a request from the start bundle while the device
 * view's chunk, which reads the answer, is still downloading.
 */

/** What the device view asks for. */
export interface HistoryRequest {
  /** API path from `welcome.history.api`, e.g. `/api/history`. */
  api: string;
  device: string;
  from: number;
  to: number;
  /** About the chart's width in pixels: the answer holds at most this many buckets. */
  points: number;
  token?: string | undefined;
  signal?: AbortSignal;
}

/** The most buckets the API returns (its `points` range is 1..10000). */
export const MAX_POINTS = 10_000;

/** The request URL, relative to the page (the API lives next to `/ws`). */
export function historyUrl(request: Omit<HistoryRequest, "token" | "signal">): string {
  const params = new URLSearchParams({
    device: request.device,
    from: String(Math.floor(request.from)),
    to: String(Math.ceil(request.to)),
    points: String(Math.min(MAX_POINTS, Math.max(1, Math.round(request.points)))),
  });
  return `${request.api}?${params}`;
}

/** Sends the request; the answer is read (and a failure put in words) by `readHistoryResponse`. */
export function startHistoryRequest(
  request: HistoryRequest,
  fetchImpl: typeof fetch = fetch,
): Promise<Response> {
  return fetchImpl(historyUrl(request), {
    headers: request.token ? { authorization: `Bearer ${request.token}` } : {},
    ...(request.signal ? { signal: request.signal } : {}),
  });
}
