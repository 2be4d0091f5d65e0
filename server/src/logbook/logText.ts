/** Words and differences for logbook lines. */
import type { DeviceState } from "../../../src/protocol/messages";

/** A span of time in words: "850 ms", "42 s", "20 min", "3 h 5 min", "2 d 4 h". */
export function formatSpan(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min${s % 60 ? ` ${s % 60} s` : ""}`;
  const h = Math.floor(min / 60);
  if (h < 24) return `${h} h${min % 60 ? ` ${min % 60} min` : ""}`;
  return `${Math.floor(h / 24)} d${h % 24 ? ` ${h % 24} h` : ""}`;
}

export interface StateChange {
  key: string;
  from: unknown;
  to: unknown;
}

/** The keys whose values differ between two reported states, with both values. */
export function stateChanges(before: DeviceState, after: DeviceState): StateChange[] {
  const changes: StateChange[] = [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    const from = (before as Record<string, unknown>)[key];
    const to = (after as Record<string, unknown>)[key];
    if (JSON.stringify(from) !== JSON.stringify(to))
      changes.push({ key, from: from ?? null, to: to ?? null });
  }
  return changes;
}
