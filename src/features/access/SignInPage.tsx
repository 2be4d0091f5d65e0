import { useEffect, useRef, useState } from "react";
import { useDashboard } from "../../store/useDashboard";
import { Field } from "../../ui/Field";
import { getAccessFlow } from "./accessFlow";
import { SignInForm } from "./SignInForm";
import { signInWithPassword, signInWithToken } from "./signIn";
import "./access.css";
import { t } from "../../i18n/i18n";

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
        {t("signIn.title")}
      </h1>
      {access.reason && <p className="sign-in-reason">{access.reason}</p>}
      {access.password && (
        <SignInForm
          title={t("signIn.withPassword")}
          submitLabel={t("signIn.submit")}
          submit={() => signInWithPassword(username, password)}
          onSignedIn={(result) => flow.signedIn(result.access)}
        >
          {(errorId) => (
            <>
              <Field label={t("signIn.userName")}>
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
              <Field label={t("signIn.password")}>
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
          title={t("signIn.withToken")}
          submitLabel={t("signIn.connect")}
          submit={() => signInWithToken(token)}
          onSignedIn={(result) => flow.signedIn(result.access, token.trim())}
        >
          {(errorId) => (
            <Field label={t("signIn.token")}>
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
      {access.token && <p className="muted">{t("signIn.tokenTabOnly")}</p>}
      {!access.password && !access.token && <p role="alert">{t("signIn.noSignIn")}</p>}
    </section>
  );
}
