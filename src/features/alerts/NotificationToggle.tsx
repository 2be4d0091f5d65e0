import { useState } from "react";
import { t } from "../../i18n/i18n";
import { notificationsWanted, setNotificationsWanted } from "./alertNotifications";

function permission(): NotificationPermission | "unsupported" {
  return typeof Notification === "undefined" ? "unsupported" : Notification.permission;
}

/** Turns desktop notifications for firing alerts on or off; asks the browser only when turned on. */
export function NotificationToggle() {
  const [on, setOn] = useState(() => notificationsWanted() && permission() === "granted");
  const [note, setNote] = useState<string>();

  const toggle = async (wanted: boolean) => {
    setNote(undefined);
    if (!wanted) {
      setNotificationsWanted(false);
      return setOn(false);
    }
    if (permission() === "unsupported") return setNote(t("notify.unsupported"));
    const answer = await Notification.requestPermission();
    if (answer !== "granted") return setNote(t("notify.denied"));
    setNotificationsWanted(true);
    setOn(true);
  };

  return (
    <div className="notification-toggle">
      <label>
        <input type="checkbox" checked={on} onChange={(e) => void toggle(e.target.checked)} />{" "}
        {t("notify.label")}
      </label>
      {note && (
        <span className="error-text" role="alert">
          {note}
        </span>
      )}
    </div>
  );
}
