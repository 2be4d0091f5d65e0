import { type RefObject, useLayoutEffect, useRef, useState } from "react";

/**
 * How far outside the viewport an element still counts as in it, so a chart scrolled towards is
 * drawn fresh before it shows.
 */
export const VIEWPORT_MARGIN_PX = 100;

/**
 * Whether an element is in (or within `VIEWPORT_MARGIN_PX` of) the viewport, from an
 * IntersectionObserver. True until the observer first reports, and always where there is none
 * (jsdom, old browsers): nothing is ever left undrawn for want of one.
 */
export function useInViewport<T extends Element>(): [RefObject<T | null>, boolean] {
  const ref = useRef<T>(null);
  const [inView, setInView] = useState(true);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver(
      (entries) => {
        const entry = entries[entries.length - 1];
        if (entry) setInView(entry.isIntersecting);
      },
      { rootMargin: `${VIEWPORT_MARGIN_PX}px 0px` },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, inView];
}
