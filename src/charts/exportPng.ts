/** Turns a rendered chart SVG into a PNG file download. */
import { t } from "../i18n/i18n";

const STYLE_PROPS = [
  "fill",
  "stroke",
  "stroke-width",
  "stroke-dasharray",
  "stop-color",
  "opacity",
  "font-size",
  "font-family",
];

/**
 * Clones the SVG with its computed colours inlined: the theme's CSS variables do not exist inside
 * the standalone image the canvas draws.
 */
export function inlineSvg(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const sources = [svg, ...svg.querySelectorAll("*")];
  const targets = [clone, ...clone.querySelectorAll("*")];
  sources.forEach((source, index) => {
    const target = targets[index];
    if (!target) return;
    const computed = getComputedStyle(source);
    for (const prop of STYLE_PROPS) {
      const value = computed.getPropertyValue(prop);
      if (value) (target as SVGElement).style.setProperty(prop, value);
    }
  });
  // A canvas in the SVG (the live line) has no pixels in markup; svgToPng draws it over the image.
  for (const layer of clone.querySelectorAll("foreignObject")) layer.remove();
  const { width, height } = svg.getBoundingClientRect();
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  clone.setAttribute("width", String(Math.round(width)));
  clone.setAttribute("height", String(Math.round(height)));
  return new XMLSerializer().serializeToString(clone);
}

const TITLE_HEIGHT = 28;

/**
 * Renders the SVG onto a canvas at device pixel ratio, under a title line (what the chart shows,
 * since the image leaves the page), and resolves the PNG blob.
 */
export async function svgToPng(
  svg: SVGSVGElement,
  options: { background: string; color: string; title: string },
): Promise<Blob> {
  const { width, height } = svg.getBoundingClientRect();
  const scale = Math.max(1, window.devicePixelRatio || 1);
  const markup = inlineSvg(svg);
  const url = URL.createObjectURL(new Blob([markup], { type: "image/svg+xml;charset=utf-8" }));
  try {
    const image = new Image();
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error(t("chart.pngRenderFailed")));
      image.src = url;
    });
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round((height + TITLE_HEIGHT) * scale);
    const context = canvas.getContext("2d");
    if (!context) throw new Error(t("chart.pngNoCanvas"));
    context.scale(scale, scale);
    context.fillStyle = options.background;
    context.fillRect(0, 0, width, height + TITLE_HEIGHT);
    context.fillStyle = options.color;
    context.font = `600 14px ${getComputedStyle(document.body).fontFamily}`;
    context.fillText(options.title, 8, 19, width - 16);
    context.drawImage(image, 0, TITLE_HEIGHT, width, height);
    const origin = svg.getBoundingClientRect();
    for (const layer of svg.querySelectorAll("canvas")) {
      const box = layer.getBoundingClientRect();
      context.drawImage(
        layer,
        box.left - origin.left,
        TITLE_HEIGHT + box.top - origin.top,
        box.width,
        box.height,
      );
    }
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error(t("chart.pngEncodeFailed")))),
        "image/png",
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Offers a blob as a file download. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
