/**
 * The `uplot` peer: the same views drawn with uPlot on canvas, without React, redrawn at most
 * once per animation frame and only where data changed: the practical ceiling for browser charts.
 * History is kept per device in columns trimmed to the window. Same socket, protocol and fleet.
 */
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { DataEntry, DeviceInfo } from "../../../src/protocol/messages";
import { connectFeed, currentRoute, windowMs } from "../shared/feed";
import { createPeerMeter } from "../shared/peerHook";

interface Columns {
  t: number[];
  values: Record<string, number[]>;
}

interface Chart {
  device: DeviceInfo;
  plot: uPlot;
  metrics: string[];
  spanMs: number;
  label?: HTMLElement;
}

const SPARK_SPAN_MS = 60_000;
const meter = createPeerMeter();
const columns = new Map<string, Columns>();
const dirty = new Set<string>();
const charts = new Map<string, Chart[]>();
let pendingTimes: number[] = [];
const route = currentRoute();
const keepMs = route.view === "device" ? windowMs() : SPARK_SPAN_MS;

const status = document.createElement("div");
status.setAttribute("role", "status");
document.body.append(status);
const root = document.getElementById("root") as HTMLElement;

function store(entry: DataEntry): void {
  let column = columns.get(entry.device);
  if (!column) {
    column = { t: [], values: {} };
    columns.set(entry.device, column);
  }
  let stored = 0;
  column.t.push(...entry.t);
  for (const key in entry.values) {
    const incoming = entry.values[key] ?? [];
    const target = column.values[key] ?? [];
    column.values[key] = target;
    target.push(...incoming);
    stored += incoming.length;
  }
  // Trim in bulk once a tenth of the window is out of range, so trimming stays amortised O(1).
  const first = column.t[0] ?? 0;
  const newest = column.t[column.t.length - 1] ?? 0;
  if (newest - first > keepMs * 1.1) {
    let drop = 0;
    while (drop < column.t.length && (column.t[drop] ?? 0) < newest - keepMs) drop++;
    column.t.splice(0, drop);
    for (const key in column.values) column.values[key]?.splice(0, drop);
  }
  meter.stored(stored);
  if (charts.has(entry.device)) {
    dirty.add(entry.device);
    if (meter.listening) for (const t of entry.t) pendingTimes.push(t);
  }
}

function draw(): void {
  for (const id of dirty) {
    const column = columns.get(id);
    if (!column) continue;
    for (const chart of charts.get(id) ?? []) {
      chart.plot.setData([column.t, ...chart.metrics.map((key) => column.values[key] ?? [])]);
      const newest = column.t[column.t.length - 1] ?? 0;
      chart.plot.setScale("x", { min: newest - chart.spanMs, max: newest });
      if (chart.label) {
        const values = column.values[chart.metrics[0] ?? ""] ?? [];
        chart.label.textContent = `${values[values.length - 1]?.toFixed(1) ?? "-"} ${chart.device.metrics[0]?.unit ?? ""}`;
      }
    }
  }
  dirty.clear();
  if (pendingTimes.length) {
    meter.committed(pendingTimes);
    pendingTimes = [];
  }
  requestAnimationFrame(draw);
}

function addChart(chart: Chart): void {
  const list = charts.get(chart.device.id) ?? [];
  list.push(chart);
  charts.set(chart.device.id, list);
  dirty.add(chart.device.id);
}

function sparkline(device: DeviceInfo, slot: HTMLElement, label: HTMLElement): Chart {
  const metric = device.metrics[0]?.key ?? "";
  const plot = new uPlot(
    {
      width: 220,
      height: 60,
      ms: 1,
      legend: { show: false },
      cursor: { show: false },
      axes: [{ show: false }, { show: false }],
      scales: { x: { time: true } },
      series: [{}, { stroke: "#2563eb", width: 1 }],
    },
    [[], []],
    slot,
  );
  return { device, plot, metrics: [metric], spanMs: SPARK_SPAN_MS, label };
}

function showOverview(fleet: DeviceInfo[]): void {
  const grid = document.createElement("div");
  grid.className = "grid";
  const slots = new Map<Element, DeviceInfo>();
  const observer = new IntersectionObserver((changes) => {
    for (const change of changes) {
      const device = slots.get(change.target);
      if (!device) continue;
      const slot = change.target.querySelector(".chart") as HTMLElement;
      const label = change.target.querySelector(".value") as HTMLElement;
      if (change.isIntersecting && !charts.has(device.id)) {
        addChart(sparkline(device, slot, label));
      } else if (!change.isIntersecting) {
        for (const chart of charts.get(device.id) ?? []) chart.plot.destroy();
        charts.delete(device.id);
      }
    }
  });
  for (const device of fleet) {
    const card = document.createElement("a");
    card.className = "card";
    card.href = `#/devices/${device.id}`;
    card.innerHTML = `<strong></strong><span class="value">-</span><div class="chart"></div>`;
    (card.firstChild as HTMLElement).textContent = device.name;
    grid.append(card);
    slots.set(card, device);
    observer.observe(card);
  }
  root.append(grid);
}

function showDevice(device: DeviceInfo): void {
  const heading = document.createElement("h1");
  heading.textContent = device.name;
  root.append(heading);
  for (const metric of device.metrics) {
    const title = document.createElement("h2");
    title.textContent = `${metric.label} (${metric.unit})`;
    const slot = document.createElement("div");
    root.append(title, slot);
    const plot = new uPlot(
      {
        width: 1100,
        height: 220,
        ms: 1,
        scales: { x: { time: true } },
        series: [{}, { label: metric.label, stroke: "#2563eb", width: 1 }],
      },
      [[], []],
      slot,
    );
    addChart({ device, plot, metrics: [metric.key], spanMs: windowMs() });
  }
}

const style = document.createElement("style");
style.textContent = `.grid{display:flex;flex-wrap:wrap;gap:8px}.card{display:flex;flex-direction:column;width:240px;height:100px;padding:6px;border:1px solid #ccc;color:inherit;text-decoration:none}`;
document.head.append(style);
window.addEventListener("hashchange", () => location.reload());

connectFeed({
  onStatus(text) {
    status.textContent = text;
  },
  onWelcome(fleet) {
    root.replaceChildren();
    charts.clear();
    const device = route.view === "device" ? fleet.find((d) => d.id === route.id) : undefined;
    if (device) showDevice(device);
    else showOverview(fleet);
  },
  onData(entries, receivedAt) {
    for (const entry of entries) {
      meter.received(entry);
      store(entry);
    }
    meter.ingested(performance.now() - receivedAt);
  },
});
requestAnimationFrame(draw);
