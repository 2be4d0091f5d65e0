/**
 * Opening MQTT 5 connections with the server's broker settings (credentials, CA for mqtts://).
 * Both the fleet source and the simulator's publisher connect through here.
 */
import mqtt, { type IClientOptions, type MqttClient } from "mqtt";

/** Where the broker is and how to log in. */
export interface BrokerSettings {
  /** `mqtt://host:port` or `mqtts://host:port`. */
  url: string;
  username?: string;
  password?: string;
  /** PEM CA certificate(s) trusted for `mqtts://`. */
  ca?: string;
}

/** Largest packet we accept from the broker; larger ones are dropped by the broker, not sent. */
const MAX_PACKET_BYTES = 256 * 1024;

/**
 * Connects (and keeps reconnecting every second) with MQTT 5; `extra` adds will, client id,
 * `clean: false` for a persistent session, etc. `sessionExpiryInterval` (seconds) keeps that
 * session at the broker for as long after a disconnect.
 */
export function connectBroker(
  settings: BrokerSettings,
  extra: IClientOptions & { sessionExpiryInterval?: number } = {},
): MqttClient {
  const { sessionExpiryInterval, ...rest } = extra;
  return mqtt.connect(settings.url, {
    protocolVersion: 5,
    clean: true,
    reconnectPeriod: 1000,
    connectTimeout: 5000,
    // We subscribe in every `connect` handler ourselves, so a broker that lost its state gets
    // the subscriptions again whatever mqtt.js remembers.
    resubscribe: false,
    properties: {
      maximumPacketSize: MAX_PACKET_BYTES,
      ...(sessionExpiryInterval !== undefined ? { sessionExpiryInterval } : {}),
    },
    ...(settings.username !== undefined ? { username: settings.username } : {}),
    ...(settings.password !== undefined ? { password: settings.password } : {}),
    ...(settings.ca !== undefined ? { ca: settings.ca } : {}),
    ...rest,
  });
}

/** The broker URL without credentials, for logs and /healthz. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    return parsed.toString().replace(/\/$/, "");
  } catch {
    return "(invalid URL)";
  }
}
