/**
 * Devices picked on the fleet overview to compare (the cards' "Compare" checkboxes and the bar
 * that opens the Compare page). Kept outside React and the URL: a pick in progress, not a view.
 * Part of the start bundle, so it stays tiny; the Compare page itself is a chunk of its own.
 */
import { useSyncExternalStore } from "react";
import type { DeviceInfo } from "../../protocol/messages";
import type { TimeWindow } from "../../ui/links";
import { type CompareState, compareHref, MAX_SERIES, type SeriesRef } from "./compareState";

let picked: readonly string[] = [];
const listeners = new Set<() => void>();

function set(next: readonly string[]): void {
  picked = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Picks or unpicks a device; at most MAX_SERIES devices (one series each). */
export function togglePicked(id: string): void {
  if (picked.includes(id)) set(picked.filter((p) => p !== id));
  else if (picked.length < MAX_SERIES) set([...picked, id]);
}

export function clearPicked(): void {
  set([]);
}

/** The picked device ids, in the order they were picked. */
export function usePicked(): readonly string[] {
  return useSyncExternalStore(subscribe, () => picked);
}

/**
 * The comparison of the picked devices, one series each: the first metric they all have (by
 * key, so two thermostats compare temperatures), or, when they share none, each one's first.
 */
export function comparisonOf(devices: readonly DeviceInfo[], window: TimeWindow = "5m"): CompareState {
  const [first, ...rest] = devices;
  const shared = (first?.metrics ?? [])
    .map((m) => m.key)
    .filter((key) => rest.every((d) => d.metrics.some((m) => m.key === key)));
  const common = shared[0];
  const series: SeriesRef[] = common
    ? devices.map((d) => ({ device: d.id, metric: common }))
    : devices.flatMap((d) => (d.metrics[0] ? [{ device: d.id, metric: d.metrics[0].key }] : []));
  return { series: series.slice(0, MAX_SERIES), window };
}

/** The Compare page's link for the picked devices. */
export function comparisonHref(devices: readonly DeviceInfo[]): string {
  return compareHref(comparisonOf(devices));
}
