import type { Page } from "@playwright/test";

/**
 * How many pixel columns of a live chart's line canvas have ink: the line is drawn on a canvas
 * (src/charts/CanvasLine.tsx), so the DOM has no path to look at; this reads its pixels.
 */
export async function liveLineInk(page: Page, index = 0): Promise<number> {
  return page
    .locator("canvas.live-line-canvas")
    .nth(index)
    .evaluate((canvas: HTMLCanvasElement) => {
      const context = canvas.getContext("2d");
      if (!context || canvas.width === 0 || canvas.height === 0) return 0;
      const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
      let columns = 0;
      for (let x = 0; x < width; x++) {
        for (let y = 0; y < height; y++) {
          if ((data[(y * width + x) * 4 + 3] as number) > 0) {
            columns++;
            break;
          }
        }
      }
      return columns;
    });
}
