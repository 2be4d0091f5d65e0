/**
 * Makes sure a Mosquitto broker and its clients exist for the MQTT tests, getting them when
 * missing: Debian's `mosquitto mosquitto-clients` via apt-get when running as root with apt.
 * Exits non-zero with a message that says exactly what to install otherwise.
 */
import { apt, ensure, which } from "./provision";

ensure({
  tag: "ensure-mosquitto",
  find: () => (which("mosquitto_pub") ? which("mosquitto") : undefined),
  missing: "mosquitto / mosquitto_pub found; installing them",
  install: [apt("mosquitto", "mosquitto-clients")],
  help:
    "Mosquitto could not be found or installed; the MQTT tests need it. Install one of:\n" +
    "  - Debian/Ubuntu: sudo apt-get install mosquitto mosquitto-clients\n" +
    "  - Fedora: sudo dnf install mosquitto\n" +
    "  - macOS: brew install mosquitto",
});
