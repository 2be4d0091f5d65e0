import { type FormEvent, useId, useState } from "react";

export interface TokenPromptProps {
  /** Why the server refused, in words (shown above the field). */
  reason?: string;
  onSubmit(token: string): void;
}

/** Asks for the server's access token after it refused the connection (close 4401). */
export function TokenPrompt({ reason, onSubmit }: TokenPromptProps) {
  const [token, setToken] = useState("");
  const [error, setError] = useState<string>();
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!token.trim()) {
      setError("Enter the token the server was started with.");
      return;
    }
    setError(undefined);
    onSubmit(token.trim());
  };
  return (
    <section className="panel token-prompt" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>This server needs an access token</h2>
      <p className="muted">
        {reason ? `The server refused the connection: ${reason}. ` : "The server refused the connection. "}
        Enter the token to connect; it is kept for this browser tab only.
      </p>
      <form onSubmit={submit} className="token-form" noValidate>
        <label className="field" htmlFor={`${id}-token`}>
          <span>Access token</span>
          <input
            id={`${id}-token`}
            type="password"
            autoComplete="off"
            value={token}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(event) => setToken(event.target.value)}
          />
        </label>
        {error && (
          <p id={`${id}-error`} className="error-text">
            {error}
          </p>
        )}
        <button type="submit" className="btn btn-primary">
          Connect
        </button>
      </form>
    </section>
  );
}
