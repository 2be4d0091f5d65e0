/**
 * What the server's history store holds for a device, read through `GET /api/history` (the API
 * other tools use), as raw samples: a range holding no more samples than `points` comes back one
 * sample per bucket.
 */
import type { Sample } from "./samples";

interface HistoryAnswer {
  tier: string;
  t: number[];
  metrics: Record<string, { avg: (number | null)[]; count: number[] }>;
}

/** Every stored sample of `device` with time in [from, to), values in `metrics` order. */
export async function storedSamples(
  baseUrl: string,
  device: string,
  metrics: readonly string[],
  from: number,
  to: number,
): Promise<Sample[]> {
  const query = new URLSearchParams({ device, from: String(from), to: String(to), points: "10000" });
  const response = await fetch(`${baseUrl}/api/history?${query}`);
  if (!response.ok) throw new Error(`GET /api/history: HTTP ${response.status} ${await response.text()}`);
  const answer = (await response.json()) as HistoryAnswer;
  return answer.t.map((t, i) => {
    for (const key of metrics) {
      if (answer.metrics[key]?.count[i] !== 1)
        throw new Error(`not raw: ${key} at ${t} (tier ${answer.tier})`);
    }
    return { t, values: metrics.map((key) => answer.metrics[key]?.avg[i] ?? Number.NaN) };
  });
}
