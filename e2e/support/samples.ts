/**
 * The two sides of "nothing lost": what the server holds for a device (read with a plain
 * protocol client asking for history) and what the page holds (read through the device view's
 * "Export window as CSV" button, the path a person would use).
 */
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import WebSocket from "ws";
import type { ServerMessage } from "../../src/protocol/messages";

/** One sample: server time and one value per metric, in the device's metric order. */
export interface Sample {
  t: number;
  values: number[];
}

/**
 * Every sample the server still holds for `device` from the last `seconds`, in seq order, read
 * until the first live frame after the replay.
 */
export function serverSamples(
  baseUrl: string,
  device: string,
  metrics: readonly string[],
  seconds: number,
): Promise<Sample[]> {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, "ws")}/ws`);
  const samples: Sample[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`no live data for ${device} within 15 s`));
    }, 15_000);
    socket.on("error", reject);
    socket.on("message", (data) => {
      const message = JSON.parse(String(data)) as ServerMessage;
      if (message.type === "welcome") {
        socket.send(JSON.stringify({ type: "subscribe", id: "truth", devices: [device], history: seconds }));
      }
      if (message.type !== "data") return;
      if (!message.replay) {
        clearTimeout(timer);
        socket.close();
        resolve(samples);
        return;
      }
      for (const entry of message.batch) {
        entry.t.forEach((t, i) => {
          samples.push({ t, values: metrics.map((key) => entry.values[key]?.[i] ?? Number.NaN) });
        });
      }
    });
  });
}

/** A CSV export: its header cells and rows as samples (empty cells read as NaN). */
export interface CsvExport {
  header: string[];
  rows: Sample[];
  fileName: string;
}

/** Clicks "Export window as CSV" on the device view and parses the downloaded file. */
export async function exportCsv(page: Page): Promise<CsvExport> {
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export window as CSV" }).click();
  const download = await downloading;
  const text = await readFile((await download.path()) ?? "", "utf8");
  const [head = "", ...lines] = text.trimEnd().split("\r\n");
  const rows = lines.map((line) => {
    const [time = "", ...cells] = line.split(",");
    return { t: Date.parse(time), values: cells.map((cell) => (cell === "" ? Number.NaN : Number(cell))) };
  });
  return { header: head.split(","), rows, fileName: download.suggestedFilename() };
}

/** Samples of `all` with time in [from, to]. */
export function between(all: readonly Sample[], from: number, to: number): Sample[] {
  return all.filter((sample) => sample.t >= from && sample.t <= to);
}
