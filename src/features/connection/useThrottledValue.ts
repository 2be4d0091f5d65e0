import { useEffect, useRef, useState } from "react";

/** Follows `value`, changing at most once per `ms`; always ends on the latest value. */
export function useThrottledValue<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const lastChange = useRef(0);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const wait = lastChange.current + ms - Date.now();
    const apply = () => {
      lastChange.current = Date.now();
      setShown(value);
    };
    if (wait <= 0) {
      apply();
      return;
    }
    const timer = setTimeout(apply, wait);
    return () => clearTimeout(timer);
  }, [value, shown, ms]);
  return shown;
}
