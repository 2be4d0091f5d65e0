import { useState } from "react";
import { type MessageId, t } from "../../i18n/i18n";
import type { Role } from "../../protocol/access";
import { useDashboard } from "../../store/useDashboard";
import { getAccessFlow } from "./accessFlow";
import "./header.css";

const CLOSE_COMMAND = "npm run users -- add NAME --role admin";

/** Each role's name in the reader's language. */
export const ROLE_NAMES: Record<Role, MessageId> = {
  viewer: "role.viewer",
  operator: "role.operator",
  admin: "role.admin",
};

/**
 * The header's part of access: who is signed in, their role and "Sign out"; or, on a server that
 * lets anyone in, an "Open access" badge that says what that means and how to close it.
 */
export function AccessHeader() {
  const access = useDashboard((s) => (s.access.status === "granted" ? s.access.access : undefined));
  const [leaving, setLeaving] = useState(false);
  if (!access) return null;
  if (access.via === "open") {
    const [before, after] = t("header.openAccessClose", { command: "\u0000" }).split("\u0000");
    return (
      <details className="open-access">
        <summary className="badge tone-warn">{t("header.openAccess")}</summary>
        <div className="open-access-note panel">
          <p>{t("header.openAccessNote")}</p>
          <p>
            {before}
            <code>{CLOSE_COMMAND}</code>
            {after}
          </p>
        </div>
      </details>
    );
  }
  const name = access.via === "shared_token" ? t("header.sharedToken") : access.user;
  return (
    <div className="user-menu">
      <span>
        {name} <span className="badge tone-neutral">{t(ROLE_NAMES[access.role])}</span>
      </span>
      <button
        type="button"
        className="btn"
        disabled={leaving}
        onClick={() => {
          setLeaving(true);
          void getAccessFlow().signOut();
        }}
      >
        {t("header.signOut")}
      </button>
    </div>
  );
}
