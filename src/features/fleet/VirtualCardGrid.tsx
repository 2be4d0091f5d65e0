import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { t } from "../../i18n/i18n";
import { DeviceCard } from "./DeviceCard";
import { type VisibleRange, visibleRange } from "./visibleRange";

/** Card height in rem (cards have a fixed height so rows can be computed, not measured). */
const CARD_HEIGHT_REM = 14.5;
const GAP_PX = 16;
const MIN_CARD_PX = 260;
/** A slice must stay put this long before the subscription follows it (no churn while flinging). */
const WATCH_SETTLE_MS = 150;

interface Layout extends VisibleRange {
  rowHeight: number;
  cardHeight: number;
}

export interface VirtualCardGridProps {
  ids: readonly string[];
  /** Called with the ids on screen once scrolling settles: only these cards subscribe. */
  onVisible(ids: readonly string[]): void;
  /** Passed to each card: starts downloading the device view before a card's link is followed. */
  prefetchDeviceView(): void;
}

function sameLayout(a: Layout, b: Layout): boolean {
  return (
    a.start === b.start &&
    a.end === b.end &&
    a.columns === b.columns &&
    a.rows === b.rows &&
    a.rowHeight === b.rowHeight
  );
}

/**
 * The overview's card grid, windowed: it is as tall as all rows, but only the rows on screen
 * (plus one above and below) are rendered, so 2,000 devices cost what a screenful costs.
 */
export function VirtualCardGrid({ ids, onVisible, prefetchDeviceView }: VirtualCardGridProps) {
  const ref = useRef<HTMLDivElement>(null);
  const count = ids.length;
  const [layout, setLayout] = useState<Layout>({
    columns: 1,
    rows: 0,
    start: 0,
    end: Math.min(count, 12),
    firstRow: 0,
    rowHeight: 0,
    cardHeight: 0,
  });

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    let frame = 0;
    const measure = () => {
      frame = 0;
      const rootFont = Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 15;
      const cardHeight = Math.round(CARD_HEIGHT_REM * rootFont);
      const grid = {
        width: element.clientWidth,
        minCardWidth: MIN_CARD_PX,
        gap: GAP_PX,
        rowHeight: cardHeight + GAP_PX,
      };
      const range = visibleRange(count, grid, element.getBoundingClientRect().top, window.innerHeight);
      const next = { ...range, rowHeight: grid.rowHeight, cardHeight };
      setLayout((previous) => (sameLayout(previous, next) ? previous : next));
    };
    const schedule = () => {
      frame ||= requestAnimationFrame(measure);
    };
    measure();
    window.addEventListener("scroll", schedule, { passive: true });
    window.addEventListener("resize", schedule);
    const observer = new ResizeObserver(schedule);
    observer.observe(element);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener("scroll", schedule);
      window.removeEventListener("resize", schedule);
      observer.disconnect();
    };
  }, [count]);

  const slice = ids.slice(layout.start, layout.end);
  const sliceKey = slice.join("\n");
  useEffect(() => {
    const timer = setTimeout(() => onVisible(sliceKey ? sliceKey.split("\n") : []), WATCH_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [sliceKey, onVisible]);

  return (
    <div
      ref={ref}
      className="virtual-grid"
      style={{ height: layout.rows > 0 ? layout.rows * layout.rowHeight - GAP_PX : undefined }}
    >
      <ul
        className="card-grid"
        aria-label={t("overview.devices")}
        style={{
          transform: `translateY(${layout.firstRow * layout.rowHeight}px)`,
          gridTemplateColumns: `repeat(${layout.columns}, minmax(0, 1fr))`,
          gridAutoRows: layout.cardHeight || undefined,
        }}
      >
        {slice.map((id, index) => (
          <li key={id} aria-setsize={count} aria-posinset={layout.start + index + 1}>
            <DeviceCard id={id} prefetchDeviceView={prefetchDeviceView} />
          </li>
        ))}
      </ul>
    </div>
  );
}
