import { useEffect, useRef, useState } from "react";
import { useDashboard } from "../../store/useDashboard";
import { Field } from "../../ui/Field";
import { getAccessFlow } from "./accessFlow";
import { SignInForm } from "./SignInForm";
import { signInWithPassword, signInWithToken } from "./signIn";
import "./access.css";

/**
 * The sign-in page (a chunk of its own: a signed-in tab never loads it). It keeps the URL: once
 * signed in, the page the operator was going to is shown.
 */
export function SignInPage() {
  const access = useDashboard((s) => s.access);
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [token, setToken] = useState("");
  const flow = getAccessFlow();
  const heading = useRef<HTMLHeadingElement>(null);
  // Screen readers land on the page's heading (and the reason it shows) when a session ends.
  useEffect(() => heading.current?.focus(), []);
  if (access.status !== "signIn") return null;
  return (
    <section className="panel sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title" className="page-title" tabIndex={-1} ref={heading}>
        Sign in to the fleet dashboard
      </h1>
      {access.reason && <p className="sign-in-reason">{access.reason}</p>}
      {access.password && (
        <SignInForm
          title="Sign in with your user name"
          submitLabel="Sign in"
          submit={() => signInWithPassword(username, password)}
          onSignedIn={(result) => flow.signedIn(result.access)}
        >
          {(errorId) => (
            <>
              <Field label="User name">
                {(id) => (
                  <input
                    id={id}
                    name="username"
                    autoComplete="username"
                    value={username}
                    aria-describedby={errorId}
                    onChange={(event) => setUsername(event.target.value)}
                  />
                )}
              </Field>
              <Field label="Password">
                {(id) => (
                  <input
                    id={id}
                    name="password"
                    type="password"
                    autoComplete="current-password"
                    value={password}
                    aria-describedby={errorId}
                    onChange={(event) => setPassword(event.target.value)}
                  />
                )}
              </Field>
            </>
          )}
        </SignInForm>
      )}
      {access.token && (
        <SignInForm
          title="Sign in with an access token"
          submitLabel="Connect"
          submit={() => signInWithToken(token)}
          onSignedIn={(result) => flow.signedIn(result.access, token.trim())}
        >
          {(errorId) => (
            <Field label="Access token">
              {(id) => (
                <input
                  id={id}
                  type="password"
                  autoComplete="off"
                  value={token}
                  aria-describedby={errorId}
                  onChange={(event) => setToken(event.target.value)}
                />
              )}
            </Field>
          )}
        </SignInForm>
      )}
      {access.token && <p className="muted">A token is kept for this browser tab only.</p>}
      {!access.password && !access.token && (
        <p role="alert">This server accepts no sign-in now. Ask its administrator to add a user for you.</p>
      )}
    </section>
  );
}
