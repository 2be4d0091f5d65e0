/** The PNG export of one chart (live or history), with its failure in words. */
import { type RefObject, useRef, useState } from "react";
import { downloadBlob, svgToPng } from "../../charts/exportPng";
import { t } from "../../i18n/i18n";
import { exportFileName } from "./csv";

export interface ChartPngOptions {
  deviceId: string;
  metricKey: string;
  /** The title drawn above the chart in the image. */
  title: string;
  /** Time the file name carries (the end of the shown range). */
  at: number;
}

/** A ref for the element holding the chart, the export action, and its last error. */
export function useChartPng(): {
  box: RefObject<HTMLDivElement | null>;
  exportPng: (options: ChartPngOptions) => Promise<void>;
  error: string | undefined;
} {
  const box = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string>();
  const exportPng = async ({ deviceId, metricKey, title, at }: ChartPngOptions) => {
    const svg = box.current?.querySelector<SVGSVGElement>("svg.recharts-surface");
    if (!svg) {
      setError(t("chart.pngNotDrawn"));
      return;
    }
    try {
      const root = getComputedStyle(document.documentElement);
      const blob = await svgToPng(svg, {
        background: root.getPropertyValue("--surface").trim() || "#fff",
        color: root.getPropertyValue("--text").trim() || "#000",
        title,
      });
      downloadBlob(blob, exportFileName(deviceId, at, "png", metricKey));
      setError(undefined);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : t("chart.pngFailed"));
    }
  };
  return { box, exportPng, error };
}
