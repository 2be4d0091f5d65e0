import { useEffect, useState } from "react";
import type { DeviceInfo } from "../protocol/messages";
import { connectFleet } from "../transport/connectFleet";

export function App() {
  const [fleet, setFleet] = useState<DeviceInfo[]>([]);
  const [status, setStatus] = useState("Connecting");
  useEffect(
    () =>
      connectFleet({
        onWelcome: (devices) => {
          setFleet(devices);
          setStatus("Live");
        },
        onClose: () => setStatus("Reconnecting"),
      }),
    [],
  );
  return (
    <main>
      <h1>Fleet</h1>
      <p role="status">{status}</p>
      <ul aria-label="Devices">
        {fleet.map((device) => (
          <li key={device.id}>{device.name}</li>
        ))}
      </ul>
    </main>
  );
}
