import { useState } from "react";
import { useDashboard } from "../../store/useDashboard";
import { getAccessFlow } from "./accessFlow";
import "./header.css";

/**
 * The header's part of access: who is signed in, their role and "Sign out"; or, on a server that
 * lets anyone in, an "Open access" badge that says what that means and how to close it.
 */
export function AccessHeader() {
  const access = useDashboard((s) => (s.access.status === "granted" ? s.access.access : undefined));
  const [leaving, setLeaving] = useState(false);
  if (!access) return null;
  if (access.via === "open")
    return (
      <details className="open-access">
        <summary className="badge tone-warn">Open access</summary>
        <div className="open-access-note panel">
          <p>
            This server has no users and no token: anyone who can reach it can watch the fleet and send
            commands.
          </p>
          <p>
            To close it, add an admin with <code>npm run users -- add NAME --role admin</code> and restart the
            server; see docs/SECURITY.md.
          </p>
        </div>
      </details>
    );
  const name = access.via === "shared_token" ? "Shared token" : access.user;
  return (
    <div className="user-menu">
      <span>
        {name} <span className="badge tone-neutral">{access.role}</span>
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
        Sign out
      </button>
    </div>
  );
}
