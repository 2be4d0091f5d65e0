/**
 * The `naive` peer: the way most tutorials build a live dashboard. Every socket message is a
 * `setState`, history lives in arrays that grow forever, every device has a card, and charts are
 * recharts with its defaults (animation, dots). Same socket, protocol and fleet as ours.
 */
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { createRoot } from "react-dom/client";
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import type { DeviceInfo } from "../../../src/protocol/messages";
import { connectFeed, currentRoute, type PeerRoute, windowMs } from "../shared/feed";
import { createPeerMeter } from "../shared/peerHook";

type Point = { t: number } & Record<string, number>;
type History = Record<string, Point[]>;

const meter = createPeerMeter();

function useFleet() {
  const [fleet, setFleet] = useState<DeviceInfo[]>([]);
  const [history, setHistory] = useState<History>({});
  const [status, setStatus] = useState("connecting");
  const fresh = useRef<number[]>([]);
  useEffect(
    () =>
      connectFeed({
        onWelcome: setFleet,
        onStatus: setStatus,
        onData(entries, receivedAt) {
          for (const entry of entries) meter.received(entry);
          setHistory((previous) => {
            const next = { ...previous };
            for (const entry of entries) {
              const points = entry.t.map((t, i) => {
                const point: Point = { t };
                for (const key in entry.values) point[key] = entry.values[key]?.[i] ?? 0;
                return point;
              });
              next[entry.device] = [...(previous[entry.device] ?? []), ...points];
              meter.stored(points.length * Object.keys(entry.values).length);
              for (const t of entry.t) fresh.current.push(t);
            }
            meter.ingested(performance.now() - receivedAt);
            return next;
          });
        },
      }),
    [],
  );
  // Samples reach the screen with the paint after this commit.
  useLayoutEffect(() => {
    const times = fresh.current;
    fresh.current = [];
    if (times.length && meter.listening) requestAnimationFrame(() => meter.committed(times));
  });
  return { fleet, history, status };
}

function DeviceCard({ device, points }: { device: DeviceInfo; points: Point[] }) {
  const metric = device.metrics[0]?.key ?? "";
  const last = points[points.length - 1];
  return (
    <a className="card" href={`#/devices/${device.id}`}>
      <strong>{device.name}</strong>
      <span>
        {last ? last[metric]?.toFixed(1) : "-"} {device.metrics[0]?.unit}
      </span>
      <LineChart width={220} height={60} data={points}>
        <Line type="monotone" dataKey={metric} stroke="#2563eb" />
      </LineChart>
    </a>
  );
}

function DeviceView({ device, points }: { device: DeviceInfo; points: Point[] }) {
  const from = Date.now() - windowMs();
  const data = points.filter((p) => p.t >= from);
  return (
    <section>
      <h1>{device.name}</h1>
      {device.metrics.map((metric) => (
        <div key={metric.key}>
          <h2>
            {metric.label} ({metric.unit})
          </h2>
          <LineChart width={1100} height={220} data={data}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="t" tickFormatter={(t: number) => new Date(t).toLocaleTimeString()} />
            <YAxis />
            <Tooltip />
            <Line type="monotone" dataKey={metric.key} stroke="#2563eb" />
          </LineChart>
        </div>
      ))}
    </section>
  );
}

function App() {
  const { fleet, history, status } = useFleet();
  const [route, setRoute] = useState<PeerRoute>(currentRoute);
  useEffect(() => {
    const onHash = () => setRoute(currentRoute());
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, []);
  const device = route.view === "device" ? fleet.find((d) => d.id === route.id) : undefined;
  return (
    <main>
      <div role="status">{status}</div>
      {device ? (
        <DeviceView device={device} points={history[device.id] ?? []} />
      ) : (
        <div className="grid">
          {fleet.map((d) => (
            <DeviceCard key={d.id} device={d} points={history[d.id] ?? []} />
          ))}
        </div>
      )}
    </main>
  );
}

const style = document.createElement("style");
style.textContent = `.grid{display:flex;flex-wrap:wrap;gap:8px}.card{display:flex;flex-direction:column;width:240px;padding:6px;border:1px solid #ccc;color:inherit;text-decoration:none}`;
document.head.append(style);
const root = document.getElementById("root");
if (root) createRoot(root).render(<App />);
